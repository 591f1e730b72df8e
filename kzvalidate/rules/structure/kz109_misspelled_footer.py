"""The copyright footer must be the exact required text.

A footer with a word changed, dropped or misspelled is not the licence text the agency requires,
and exact-match filters downstream miss it. The finding names the words that differ; ``--fix``
replaces the line with the exact text.

Fails::

    03.03.2026, 10:44 12056
    Kazakhstan appoints new deputy head of Civil Service Affairs Agency
    The second decree appoints Ulan Bekish as the new deputy head of the Agency.
    This information may not be reproduced without reference to Kazakstan Today. Copyright of materials of News Agency Kazakhstan Today.

Passes::

    03.03.2026, 10:44 12056
    Kazakhstan appoints new deputy head of Civil Service Affairs Agency
    The second decree appoints Ulan Bekish as the new deputy head of the Agency.
    This information may not be reproduced without reference to Kazakhstan Today. Copyright of materials of News Agency Kazakhstan Today.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from kzvalidate.dump.blocks import Article, FooterKind
from kzvalidate.model import Fix, Problem, Severity
from kzvalidate.rules.base import ArticleRule, Context

CLAIMS = frozenset({("footer", "enum")})


def describe_difference(actual: str, expected: str) -> str:
    """The first words that differ, as "'x' should be 'y'"."""
    have, want = actual.split(), expected.split()
    matcher = difflib.SequenceMatcher(a=have, b=want, autojunk=False)
    for tag, a0, a1, b0, b1 in matcher.get_opcodes():
        if tag == "replace":
            return f"{' '.join(have[a0:a1])!r} should be {' '.join(want[b0:b1])!r}"
        if tag == "delete":
            return f"{' '.join(have[a0:a1])!r} should not be there"
        if tag == "insert":
            return f"{' '.join(want[b0:b1])!r} is missing"
    return "the spacing differs"


def check(article: Article, context: Context) -> Iterator[Problem]:
    if article.footer_kind is not FooterKind.NEAR_MISS:
        return
    footer = article.footer
    assert footer is not None
    wanted = context.dialect.closest_footer(footer.text.strip()) or context.dialect.footer
    yield Problem(
        footer.span,
        "the copyright footer is misspelled: " + describe_difference(footer.text, wanted),
        hint="use the exact footer text",
        fix=Fix.replace("replace with the exact footer text", footer.span, wanted),
    )


RULE = ArticleRule(
    code="KZ109",
    name="misspelled-footer",
    severity=Severity.ERROR,
    fixable=True,
    claims=CLAIMS,
    doc=__doc__ or "",
    check=check,
)
