"""View counts must not be negative.

A counter cannot go below zero; a minus sign in the view count is a scraper or export error.

Fails::

    03.03.2026, 14:12 -12

Passes::

    03.03.2026, 14:12 12
"""

from __future__ import annotations

from collections.abc import Iterator

from kzvalidate.dump.blocks import Article
from kzvalidate.model import Problem, Severity
from kzvalidate.rules.base import ArticleRule, Context, quoted

CLAIMS = frozenset({("views", "minimum")})


def check(article: Article, context: Context) -> Iterator[Problem]:
    if article.header.views and context.breaks(CLAIMS):
        views = article.header.views
        yield Problem(
            views.span,
            f"view count {quoted(views.text)} is negative",
            hint="write the view count from the source page; it is 0 or more",
        )


RULE = ArticleRule(
    code="KZ203",
    name="negative-views",
    severity=Severity.ERROR,
    claims=CLAIMS,
    doc=__doc__ or "",
    check=check,
)
