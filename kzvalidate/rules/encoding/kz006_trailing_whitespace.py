r"""Lines must not end with spaces or tabs.

Trailing blanks are invisible, make two equal titles compare unequal, and break the exact match of
the copyright footer in tools that do not strip them.

Examples show raw bytes with Python escapes.

Fails::

    Kazakhstan appoints new deputy head of Civil Service Affairs Agency  \t

Passes::

    Kazakhstan appoints new deputy head of Civil Service Affairs Agency
"""

from __future__ import annotations

from collections.abc import Iterator

from kzvalidate.model import Fix, Line, Problem, Severity, Span
from kzvalidate.rules.base import FixSafety, LineRule, plural


def blanks(text: str) -> str:
    """``3 spaces``, ``1 tab``, ``2 spaces and tabs``."""
    if set(text) == {" "}:
        return plural(len(text), "space")
    if set(text) == {"\t"}:
        return plural(len(text), "tab")
    return f"{len(text)} spaces and tabs"


def check(line: Line) -> Iterator[Problem]:
    text = line.text
    end = len(text.rstrip(" \t"))
    if end < len(text):
        span = Span.on_line(line.number, end, len(text))
        yield Problem(
            span,
            f"{blanks(text[end:])} at the end of the line",
            hint="delete the blanks at the end of the line",
            fix=Fix.delete("delete the blanks at the end of the line", span),
        )


RULE = LineRule(
    code="KZ006",
    name="trailing-whitespace",
    severity=Severity.WARNING,
    fix_safety=FixSafety.SAFE,
    doc=__doc__ or "",
    check=check,
)
