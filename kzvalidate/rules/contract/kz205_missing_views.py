"""Every header must end with a view count.

The header is ``DD.MM.YYYY, HH:MM VIEWS``; without the count the record is incomplete and
popularity statistics skip the article.

Fails::

    03.03.2026, 14:12

Passes::

    03.03.2026, 14:12 11421
"""

from __future__ import annotations

from collections.abc import Iterator

from kzvalidate.dump.blocks import Article
from kzvalidate.model import Problem, Severity, Span
from kzvalidate.rules.base import ArticleRule, Context

CLAIMS = frozenset({("views", "required")})


def check(article: Article, context: Context) -> Iterator[Problem]:
    if context.breaks(CLAIMS):
        end = article.header.time.span
        yield Problem(
            Span(end.end_line, end.end_column, end.end_line, end.end_column),
            "the header has no view count after the time",
            hint="add the view count from the source page after the time, e.g. '14:12 11421'",
        )


RULE = ArticleRule(
    code="KZ205",
    name="missing-views",
    severity=Severity.ERROR,
    claims=CLAIMS,
    doc=__doc__ or "",
    check=check,
)
