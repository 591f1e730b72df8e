"""Header parts must be separated by ", " and " ".

The header is ``DD.MM.YYYY, HH:MM VIEWS``: a comma and one space after the date, one space before
the view count. A missing comma or doubled blanks are understood, but break strict readers;
``--fix`` rewrites the separators.

Fails::

    03.03.2026  14:12   11421

Passes::

    03.03.2026, 14:12 11421
"""

from __future__ import annotations

from collections.abc import Iterator

from kzvalidate.dump.blocks import Article
from kzvalidate.model import Field, Fix, Problem, Severity
from kzvalidate.rules.base import ArticleRule, Context, FixSafety, quoted


def _separator(field: Field | None, wanted: str, between: str) -> Iterator[Problem]:
    if field is None or field.text == wanted:
        return
    yield Problem(
        field.span,
        f"the header has {quoted(field.text)} between {between} instead of {wanted!r}",
        hint=f"write {wanted!r} between {between}",
        fix=Fix.replace(f"write {wanted!r} between {between}", field.span, wanted),
    )


def check(article: Article, context: Context) -> Iterator[Problem]:
    header = article.header
    dialect = context.dialect
    yield from _separator(
        header.date_time_separator, dialect.date_time_separator, "the date and the time"
    )
    yield from _separator(
        header.views_separator, dialect.views_separator, "the time and the view count"
    )


RULE = ArticleRule(
    code="KZ104",
    name="header-spacing",
    severity=Severity.WARNING,
    fix_safety=FixSafety.SAFE,
    doc=__doc__ or "",
    check=check,
)
