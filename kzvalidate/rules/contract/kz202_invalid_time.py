"""Header times must be times of day, 00:00 to 23:59.

A time such as ``25:61`` or ``14:5`` cannot be placed on the clock, so the article's published
timestamp cannot be computed.

Fails::

    03.03.2026, 25:61 11421

Passes::

    03.03.2026, 23:59 11421
"""

from __future__ import annotations

from collections.abc import Iterator

from kzvalidate.dump.blocks import Article
from kzvalidate.dump.dialect import time_parts
from kzvalidate.model import Problem, Severity
from kzvalidate.rules.base import ArticleRule, Context, quoted

CLAIMS = frozenset(
    {
        ("time", "type"),
        ("time", "pattern"),
        ("published", "required"),
        ("published", "format"),
        ("published", "pattern"),
    }
)


def check(article: Article, context: Context) -> Iterator[Problem]:
    if not any(violation.field == "time" for violation in context.claimed(CLAIMS)):
        return
    time = article.header.time
    if time_parts(time.text) is None:
        message = f"time {quoted(time.text)} cannot be read as HH:MM"
    else:
        message = f"time {quoted(time.text)} is not a time of day: hours run 00-23, minutes 00-59"
    yield Problem(time.span, message, hint="write the real time as HH:MM, e.g. 14:05")


RULE = ArticleRule(
    code="KZ202",
    name="invalid-time",
    severity=Severity.ERROR,
    claims=CLAIMS,
    doc=__doc__ or "",
    check=check,
)
