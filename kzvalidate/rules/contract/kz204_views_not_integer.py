"""View counts must be whole numbers written in digits.

``12k``, ``1,204`` or ``12.5`` are not the counter's value: abbreviations lose precision and
separators break numeric import.

Fails::

    03.03.2026, 14:12 12k

Passes::

    03.03.2026, 14:12 12000
"""

from __future__ import annotations

from collections.abc import Iterator

from kzvalidate.dump.blocks import Article
from kzvalidate.model import Problem, Severity
from kzvalidate.rules.base import ArticleRule, Context, quoted

CLAIMS = frozenset({("views", "type")})


def check(article: Article, context: Context) -> Iterator[Problem]:
    if article.header.views and context.breaks(CLAIMS):
        views = article.header.views
        yield Problem(
            views.span,
            f"view count {quoted(views.text)} is not a whole number",
            hint="write the exact count in digits only, without separators or suffixes",
        )


RULE = ArticleRule(
    code="KZ204",
    name="views-not-integer",
    severity=Severity.ERROR,
    claims=CLAIMS,
    doc=__doc__ or "",
    check=check,
)
