"""Every article must end with the copyright footer.

The agency's licence requires each article to end with the exact line
"This information may not be reproduced without reference to Kazakhstan Today. Copyright of materials of News Agency Kazakhstan Today."
A dump without it may not be republished. The finding points at the end of the article's last
line, where the footer belongs.

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

from kzvalidate.model import Problem, Severity
from kzvalidate.parser import Article, Block
from kzvalidate.rules.base import BlockRule, Context

CLAIMS = frozenset({("footer", "required")})


def check(block: Block, context: Context) -> Iterator[Problem]:
    if not isinstance(block, Article) or block.is_bare or block.footer is not None:
        return
    yield Problem(
        block.last_line.end_span,
        "the article has no copyright footer after its last line",
        hint="add the line 'This information may not be reproduced without reference to "
        "Kazakhstan Today. Copyright of materials of News Agency Kazakhstan Today.'",
    )


RULE = BlockRule(
    code="KZ108",
    name="missing-footer",
    severity=Severity.ERROR,
    claims=CLAIMS,
    doc=__doc__ or "",
    check=check,
)
