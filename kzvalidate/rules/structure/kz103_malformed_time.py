"""Header times must be written HH:MM with two-digit hours.

A time with a one-digit hour (``9:05``) or with seconds (``14:12:30``) is understood but breaks
tools that read the dump format strictly; ``--fix`` pads the hour, and ``--fix --unsafe-fixes``
drops the seconds. A time that cannot be read, or is not a time of day, is reported by
``invalid-time``.

Fails::

    03.03.2026, 9:05 11421

Passes::

    03.03.2026, 09:05 11421
"""

from __future__ import annotations

from collections.abc import Iterator

from kzvalidate.dump.blocks import Article
from kzvalidate.dump.dialect import time_parts
from kzvalidate.model import Fix, Problem, Severity
from kzvalidate.rules.base import ArticleRule, Context, FixSafety, quoted


def check(article: Article, context: Context) -> Iterator[Problem]:
    time = article.header.time
    parts = time_parts(time.text)
    dialect = context.dialect
    if parts is None or dialect.is_canonical_time(time.text):
        return
    wanted = dialect.canonical_time(parts)
    yield Problem(
        time.span,
        f"time {quoted(time.text)} is not written {dialect.time_format}",
        hint=f"write it as {wanted}",
        fix=Fix.replace(
            f"rewrite the time as {wanted}", time.span, wanted, safe=time.text.count(":") == 1
        ),
    )


RULE = ArticleRule(
    code="KZ103",
    name="malformed-time",
    severity=Severity.ERROR,
    fix_safety=FixSafety.MIXED,
    doc=__doc__ or "",
    check=check,
)
