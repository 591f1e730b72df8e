"""Strategies for whole dumps: lists of valid records with the dump text that holds them, written
by kzvalidate's one dump writer (:mod:`kzvalidate.dump.render`)."""

from __future__ import annotations

from datetime import datetime

from hypothesis import strategies as st

from kzvalidate.contract.collection import content_hash, title_key
from kzvalidate.dump.render import render_dump
from kzvalidate.testing.record import Record, records


def _with_text(records: list[Record]) -> tuple[list[Record], str]:
    return records, render_dump(records)


def _newest_first(records: list[Record]) -> list[Record]:
    return sorted(
        records, key=lambda record: datetime.fromisoformat(record["published"]), reverse=True
    )


def _text(record: Record) -> str | None:
    return content_hash(record["title"], record["body"])


def _name(record: Record) -> str | None:
    return title_key(record["title"], record["published"])


def dumps(
    max_articles: int = 5, min_articles: int = 0
) -> st.SearchStrategy[tuple[list[Record], str]]:
    """A list of records (empty unless ``min_articles`` says otherwise) and the dump text that
    holds them: a valid collection, so newest first, and no two articles of the same text or of
    the same title and time."""
    return (
        st.lists(records(), min_size=min_articles, max_size=max_articles, unique_by=(_text, _name))
        .map(_newest_first)
        .map(_with_text)
    )
