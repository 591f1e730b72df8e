"""Header dates must be real calendar dates.

A date that does not exist (``31.02.2026``, ``00.13.2026``) or cannot be read as day, month and
year (``3.3.26``) puts the article at a wrong or no place in time, and its published timestamp
cannot be computed. So does a date before 2 May 1924, when Kazakhstan's clocks still kept local
mean time, an offset no timestamp format can write.

Fails::

    31.02.2026, 14:12 11421

Passes::

    28.02.2026, 14:12 11421
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator

from kzvalidate.dump.blocks import Article
from kzvalidate.dump.dialect import date_parts, time_parts
from kzvalidate.model import Problem, Severity
from kzvalidate.rules.base import ArticleRule, Context, quoted

CLAIMS = frozenset(
    {
        ("date", "type"),
        ("date", "pattern"),
        ("date", "format"),
        ("published", "required"),
        ("published", "format"),
        ("published", "pattern"),
    }
)


EARLIEST = (1924, 5, 2)


def why_not_a_date(parts: tuple[int, int, int]) -> str:
    year, month, _ = parts
    if not 1 <= month <= 12:
        return f"there is no month {month}"
    if year < 1:
        return f"there is no year {year}"
    days = calendar.monthrange(year, month)[1]
    return f"{calendar.month_name[month]} {year} has {days} days"


def check(article: Article, context: Context) -> Iterator[Problem]:
    fields = {violation.field for violation in context.claimed(CLAIMS)}
    if "date" not in fields and "published" not in fields:
        return
    date = article.header.date
    parts = date_parts(date.text)
    if parts is None:
        message = f"date {quoted(date.text)} cannot be read as day, month and year"
    elif "date" in fields:
        message = f"date {quoted(date.text)} does not exist: {why_not_a_date(parts)}"
    elif time_parts(article.header.time.text) is not None and parts < EARLIEST:
        message = f"date {quoted(date.text)} is before Kazakhstan's time zone began (2 May 1924)"
    else:
        return
    yield Problem(date.span, message, hint="write the real date as DD.MM.YYYY, e.g. 03.03.2026")


RULE = ArticleRule(
    code="KZ201",
    name="invalid-date",
    severity=Severity.ERROR,
    claims=CLAIMS,
    doc=__doc__ or "",
    check=check,
)
