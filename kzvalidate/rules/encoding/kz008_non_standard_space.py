r"""Text must separate words with plain spaces, not non-breaking or other special spaces.

A no-break space (U+00A0, HTML ``&nbsp;``), a narrow no-break space, a thin, en or em space, or an
ideographic space looks like a space but is a different character: a search for ``35 km`` misses
``35\xa0km``, a split on spaces keeps two words together, and a header whose parts are joined by
one is not recognised. In a plain-text dump a plain space is always what is meant. ``--fix``
replaces each with a plain space, which changes nothing visible.

Examples show raw bytes with Python escapes.

Fails::

    Almaty to build 35\xc2\xa0km of ski tracks for beginner skiers

Passes::

    Almaty to build 35 km of ski tracks for beginner skiers
"""

from __future__ import annotations

from collections.abc import Iterator

from kzvalidate.model import Fix, Line, Problem, Severity, Span
from kzvalidate.patterns import compiled
from kzvalidate.rules.base import FixSafety, LineRule, character, indefinite

# Every character of Unicode category Zs (space separator) except the space itself.
_SPECIAL_SPACE = compiled("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")


def check(line: Line) -> Iterator[Problem]:
    for match in _SPECIAL_SPACE.finditer(line.text):
        char = match.group()
        span = Span.on_line(line.number, match.start(), match.end())
        described = character(char)
        yield Problem(
            span,
            f"{indefinite(described)} where a plain space is meant",
            hint="replace it with a plain space",
            fix=Fix.replace(f"replace the {described} with a plain space", span, " "),
        )


RULE = LineRule(
    code="KZ008",
    name="non-standard-space",
    severity=Severity.WARNING,
    fix_safety=FixSafety.SAFE,
    doc=__doc__ or "",
    check=check,
)
