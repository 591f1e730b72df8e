"""Every article needs at least one body paragraph.

A header with nothing after it, or with only a title, is an article the scraper failed to fetch.
It counts as published news in every statistic while it carries no text.

Fails::

    03.03.2026, 10:44 12056
    03.03.2026, 10:40 12001
    Kazakhstan appoints new deputy head of Civil Service Affairs Agency
    The second decree appoints Ulan Bekish as the new deputy head of the Agency.

Passes::

    03.03.2026, 10:40 12001
    Kazakhstan appoints new deputy head of Civil Service Affairs Agency
    The second decree appoints Ulan Bekish as the new deputy head of the Agency.
"""

from __future__ import annotations

from collections.abc import Iterator

from kzvalidate.dump.blocks import Article
from kzvalidate.model import Problem, Severity
from kzvalidate.rules.base import ArticleRule, Context

CLAIMS = frozenset({("body", "required"), ("body", "minItems")})


def check(article: Article, context: Context) -> Iterator[Problem]:
    if article.body:
        return
    if article.is_bare:
        message = "the header has no article after it"
        hint = "delete the header, or add the article's title, body and footer after it"
    else:
        message = "the article has no body paragraphs"
        hint = "add the article text, one paragraph per line, after the title"
    yield Problem(article.header.line.full_span, message, hint=hint)


RULE = ArticleRule(
    code="KZ106",
    name="empty-body",
    severity=Severity.ERROR,
    claims=CLAIMS,
    doc=__doc__ or "",
    check=check,
)
