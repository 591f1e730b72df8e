"""Strategies for whole dumps: lists of valid records with the dump text that holds them, written
by kzvalidate's one dump writer (:mod:`kzvalidate.dump.render`)."""

from __future__ import annotations

from hypothesis import strategies as st

from kzvalidate.dump.render import render_dump
from kzvalidate.testing.record import Record, records


def _with_text(records: list[Record]) -> tuple[list[Record], str]:
    return records, render_dump(records)


def dumps(
    max_articles: int = 5, min_articles: int = 0
) -> st.SearchStrategy[tuple[list[Record], str]]:
    """A list of records (empty unless ``min_articles`` says otherwise) and the dump text that
    holds them."""
    return st.lists(records(), min_size=min_articles, max_size=max_articles).map(_with_text)
