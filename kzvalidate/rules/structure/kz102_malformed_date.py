"""Header dates must be written DD.MM.YYYY.

The dump format writes the date day first with dots and a four-digit year. A date in another
order or with other separators (``2026-03-03``, ``3/3/2026``) is understood, but breaks tools that
read the dump format strictly; ``--fix`` rewrites it. A date that cannot be read at all is
reported by ``invalid-date``.

Fails::

    2026-03-03, 14:12 11421

Passes::

    03.03.2026, 14:12 11421
"""

from __future__ import annotations

from collections.abc import Iterator

from kzvalidate.dump.blocks import Article
from kzvalidate.dump.dialect import date_parts
from kzvalidate.model import Fix, Problem, Severity
from kzvalidate.rules.base import ArticleRule, Context, FixSafety, quoted


def check(article: Article, context: Context) -> Iterator[Problem]:
    date = article.header.date
    parts = date_parts(date.text)
    dialect = context.dialect
    if parts is None or dialect.is_canonical_date(date.text):
        return
    wanted = dialect.canonical_date(parts)
    yield Problem(
        date.span,
        f"date {quoted(date.text)} is not written {dialect.date_format}",
        hint=f"write it as {wanted}",
        fix=Fix.replace(f"rewrite the date as {wanted}", date.span, wanted),
    )


RULE = ArticleRule(
    code="KZ102",
    name="malformed-date",
    severity=Severity.ERROR,
    fix_safety=FixSafety.SAFE,
    doc=__doc__ or "",
    check=check,
)
