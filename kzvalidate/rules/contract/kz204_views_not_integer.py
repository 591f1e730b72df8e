"""View counts must be whole numbers written in digits.

``12k``, ``1,204``, ``12 345`` or ``12.5`` are not the counter's value: abbreviations lose
precision and separators break numeric import. A placeholder where the scraper read no count
(``n/a``, ``-``, ``—``) is no value at all. Such a header still opens its article (it is not
merged into the article before it); only its view count is reported.

Fails::

    03.03.2026, 14:12 12k

Fails::

    03.03.2026, 14:12 n/a

Passes::

    03.03.2026, 14:12 12000
"""

from __future__ import annotations

from collections.abc import Iterator

from kzvalidate.dump.blocks import Article
from kzvalidate.dump.dialect import is_views_placeholder
from kzvalidate.model import Problem, Severity
from kzvalidate.rules.base import ArticleRule, Context, quoted

CLAIMS = frozenset({("views", "type")})


def check(article: Article, context: Context) -> Iterator[Problem]:
    if article.header.views and context.breaks(CLAIMS):
        views = article.header.views
        if is_views_placeholder(views.text):
            yield Problem(
                views.span,
                f"view count {quoted(views.text)} is a placeholder, not a count",
                hint="write the count from the source page, in digits (0 if it shows none)",
            )
            return
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
