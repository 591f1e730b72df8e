"""Every article must end with the copyright footer.

The agency's licence requires each article to end with the exact line
"This information may not be reproduced without reference to Kazakhstan Today. Copyright of materials of News Agency Kazakhstan Today."
A dump without it may not be republished. The finding points at the end of the article's last
line, where the footer belongs; blank lines after that line are not the article's end (they are
reported by KZ112 stray-blank-line).

Fails::

    23.05.2025, 17:49 13431
    Almaty to build 35 km of ski tracks for beginner skiers
    Over 35km of ski tracks will be built for beginner skiers.

Passes::

    23.05.2025, 17:49 13431
    Almaty to build 35 km of ski tracks for beginner skiers
    Over 35km of ski tracks will be built for beginner skiers.
    This information may not be reproduced without reference to Kazakhstan Today. Copyright of materials of News Agency Kazakhstan Today.
"""

from __future__ import annotations

from collections.abc import Iterator

from kzvalidate.dump.blocks import Article
from kzvalidate.model import Problem, Severity
from kzvalidate.rules.base import ArticleRule, Context

CLAIMS = frozenset({("footer", "required")})


def check(article: Article, context: Context) -> Iterator[Problem]:
    if article.is_bare or article.footer is not None:
        return
    yield Problem(
        article.last_line.end_span,
        "the article has no copyright footer after its last line",
        hint=f"add the line {context.dialect.footer!r}",
    )


RULE = ArticleRule(
    code="KZ108",
    name="missing-footer",
    severity=Severity.ERROR,
    claims=CLAIMS,
    doc=__doc__ or "",
    check=check,
)
