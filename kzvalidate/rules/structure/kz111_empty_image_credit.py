"""An image-credit line must name its source.

``Images |`` with nothing after the bar credits nobody: the agency's licence for the photos
cannot be traced. Write the source, or delete the line if the article has no images.

Fails::

    21.05.2025, 08:51 39881
    Kazakh President and PM of Hungary hold talks
    Images |
    He said the visit was fruitful in achieving practical agreements.

Passes::

    21.05.2025, 08:51 39881
    Kazakh President and PM of Hungary hold talks
    Images | Akorda
    He said the visit was fruitful in achieving practical agreements.
"""

from __future__ import annotations

from collections.abc import Iterator

from kzvalidate.dump.blocks import Article
from kzvalidate.model import Problem, Severity
from kzvalidate.rules.base import ArticleRule, Context, quoted

CLAIMS = frozenset({("image_credit", "minLength"), ("image_credit", "pattern")})


def check(article: Article, context: Context) -> Iterator[Problem]:
    if article.credit and context.breaks(CLAIMS):
        yield Problem(
            article.credit.text.span,
            f"image credit {quoted(article.credit.text.text)} names no source",
            hint="write the source after the bar, e.g. 'Images | Akorda', or delete the line",
        )


RULE = ArticleRule(
    code="KZ111",
    name="empty-image-credit",
    severity=Severity.WARNING,
    claims=CLAIMS,
    doc=__doc__ or "",
    check=check,
)
