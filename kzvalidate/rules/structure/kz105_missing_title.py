"""Every article needs a title on the line after its header.

The line right after the header is the headline. When the scraper missed it, the first body
paragraph takes its place in every index; when the header is followed at once by a footer, the
article has no title at all.

Fails::

    03.03.2026, 10:44 12056
    This information may not be reproduced without reference to Kazakhstan Today. Copyright of materials of News Agency Kazakhstan Today.

Passes::

    03.03.2026, 10:44 12056
    Kazakhstan appoints new deputy head of Civil Service Affairs Agency
"""

from __future__ import annotations

from collections.abc import Iterator

from kzvalidate.contract.spans import violation_span
from kzvalidate.dump.blocks import Article
from kzvalidate.model import Problem, Severity
from kzvalidate.rules.base import ArticleRule, Context

CLAIMS = frozenset({("title", "required"), ("title", "minLength"), ("title", "pattern")})


def check(article: Article, context: Context) -> Iterator[Problem]:
    if not article.is_bare and context.breaks(CLAIMS):
        yield Problem(
            violation_span(article, ("title",)),
            "the article has no title: the line after the header should be the headline",
            hint="add the headline on the line after the header",
        )


RULE = ArticleRule(
    code="KZ105",
    name="missing-title",
    severity=Severity.ERROR,
    claims=CLAIMS,
    doc=__doc__ or "",
    check=check,
)
