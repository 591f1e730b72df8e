"""The copyright footer must be the exact required text.

A footer with a word changed, dropped or misspelled is not the licence text the agency requires,
and exact-match filters downstream miss it. The finding names the words that differ; ``--fix``
replaces the line with the exact text when that only corrects a near-miss spelling of the footer
itself: it may put back what is missing, but delete or replace at most four characters of what
is there, and never a whole word or a digit. Text pasted into the
footer (a figure, a name, part of a sentence) is not a misspelling: the finding says what the
exact text would delete, and that fix is applied only with ``--unsafe-fixes``.

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
from kzvalidate.patterns import compiled
from kzvalidate.rules.base import ArticleRule, Context, FixSafety, quoted

CLAIMS = frozenset({("footer", "enum")})
MAX_SAFE_REMOVALS = 4
"""The most characters of the footer as written that a safe fix may delete or replace: a
misspelling, not a rewrite."""
_WORD = compiled(r"\S+")


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


def removed_positions(actual: str, expected: str) -> set[int]:
    """The offsets of the characters of ``actual`` that the fewest edits turning it into
    ``expected`` delete or replace."""
    from rapidfuzz.distance import Levenshtein  # lazy: 13 ms, needed only near a footer

    operations = Levenshtein.editops(actual, expected)
    return {op.src_pos for op in operations if op.tag in ("delete", "replace")}


def deleted_text(actual: str, removed: set[int]) -> list[str]:
    """The stretches of ``actual`` that would be lost: each run of removed characters, without
    the blanks around it."""
    runs: list[tuple[int, int]] = []
    for at in sorted(removed):
        if runs and runs[-1][1] == at:
            runs[-1] = (runs[-1][0], at + 1)
        else:
            runs.append((at, at + 1))
    return [actual[start:end].strip() or actual[start:end] for start, end in runs]


def loses_words(actual: str, removed: set[int]) -> bool:
    """Whether the removed characters include a digit or every character of a word."""
    if any(actual[at].isdigit() for at in removed):
        return True
    return any(
        all(at in removed for at in range(word.start(), word.end()))
        for word in _WORD.finditer(actual)
    )


def check(article: Article, context: Context) -> Iterator[Problem]:
    if article.footer_kind is not FooterKind.NEAR_MISS:
        return
    footer = article.footer
    assert footer is not None
    wanted = context.dialect.closest_footer(footer.text.strip()) or context.dialect.footer
    removed = removed_positions(footer.text, wanted)
    message = "the copyright footer is misspelled: " + describe_difference(footer.text, wanted)
    if len(removed) <= MAX_SAFE_REMOVALS and not loses_words(footer.text, removed):
        yield Problem(
            footer.span,
            message,
            hint="use the exact footer text",
            fix=Fix.replace("replace with the exact footer text", footer.span, wanted),
        )
        return
    lost = ", ".join(quoted(stretch) for stretch in deleted_text(footer.text, removed))
    yield Problem(
        footer.span,
        f"{message}; the exact footer would delete {lost}",
        hint=f"use the exact footer text, and keep {lost} elsewhere if it belongs to the article",
        fix=Fix.replace(
            f"replace with the exact footer text, deleting {lost}", footer.span, wanted, safe=False
        ),
    )


RULE = ArticleRule(
    code="KZ109",
    name="misspelled-footer",
    severity=Severity.ERROR,
    fix_safety=FixSafety.MIXED,
    claims=CLAIMS,
    doc=__doc__ or "",
    check=check,
)
