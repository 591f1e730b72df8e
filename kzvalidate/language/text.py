"""Small facts about characters and words of news text, shared by the text-quality rules."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator

from kzvalidate.model import Field, Span
from kzvalidate.patterns import compiled

WORD = compiled(r"(?:[^\W\d_]|[\u0300-\u036f])+")
"""A run of letters (with combining accents): digits, underscores and punctuation end it."""


@functools.lru_cache(maxsize=4096)
def script(char: str) -> str:
    """The script of a letter as the first word of its Unicode name (``LATIN``, ``CYRILLIC``,
    ``GREEK``...), ``""`` for a character that names no script (marks, modifiers, symbols)."""
    name = unicodedata.name(char, "")
    first = name.split(" ", 1)[0]
    return first if " LETTER " in f" {name} " and first != "MODIFIER" else ""


def span_in(field: Field, start: int, end: int) -> Span:
    """The span of characters ``start`` to ``end`` (0-based) of a one-line field."""
    column = field.span.column - 1
    return Span.on_line(field.span.line, column + start, column + end)


def words(text: str) -> Iterator[re.Match[str]]:
    return WORD.finditer(text)
