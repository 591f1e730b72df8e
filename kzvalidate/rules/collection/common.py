"""What the collection rules share: how they name the article a finding collides with."""

from __future__ import annotations

from datetime import datetime

from kzvalidate.dump.dialect import Dialect


def where(path: str, line: int, here: str) -> str:
    """``line 12``, or ``line 12 of other.txt`` when the other article is in another file."""
    return f"line {line}" if path == here else f"line {line} of {path}"


def moment(published: datetime, dialect: Dialect) -> str:
    """A publication moment as the dump writes it: ``03.03.2026 19:00``."""
    date = dialect.canonical_date((published.year, published.month, published.day))
    return f"{date} {dialect.canonical_time((published.hour, published.minute))}"
