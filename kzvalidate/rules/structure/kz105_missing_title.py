"""Every article needs a title on the line after its header.

The line right after the header is the headline. When the scraper missed it, the first body
paragraph takes its place in every index; when the header is followed at once by a footer, the
article has no title at all.

A blank line right after the header is an empty title: it is reported where it stands, and the
paragraph after it stays a body paragraph (it is not taken for the title). There is no fix:
deleting the blank line would make the first paragraph the headline, which only a person can
decide.

Fails::

    03.03.2026, 10:44 12056
    This information may not be reproduced without reference to Kazakhstan Today. Copyright of materials of News Agency Kazakhstan Today.

Fails::

    03.03.2026, 10:44 12056

    The second decree appoints Ulan Bekish as the new deputy head of the Agency.

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
    if article.is_bare or not context.breaks(CLAIMS):
        return
    slot = article.blank_title_slot
    if slot is not None:
        yield Problem(
            slot.full_span,
            "the line after the header is blank: the article has no title",
            hint="write the headline on this line",
        )
        return
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
