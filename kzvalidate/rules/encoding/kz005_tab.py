r"""Text must use spaces, not tab characters.

A tab inside a header or a paragraph is invisible in most viewers, splits the field for tools that
read tab-separated data, and shows with a different width everywhere.

Examples show raw bytes with Python escapes.

Fails::

    Head of State signs decree\tappointing new judges

Passes::

    Head of State signs decree appointing new judges
"""

from __future__ import annotations

from collections.abc import Iterator

from kzvalidate.model import Fix, Line, Problem, Severity, Span
from kzvalidate.patterns import compiled
from kzvalidate.rules.base import FixSafety, LineRule

_TABS = compiled("\t+")


def check(line: Line) -> Iterator[Problem]:
    stripped_end = len(line.text.rstrip(" \t"))
    for match in _TABS.finditer(line.text, 0, stripped_end):
        span = Span.on_line(line.number, match.start(), match.end())
        yield Problem(
            span,
            "tab character in the text"
            if len(match.group()) == 1
            else f"{len(match.group())} tab characters in the text",
            hint="replace the tab with a space"
            if len(match.group()) == 1
            else "replace the tabs with one space",
            fix=Fix.replace("replace the tabs with one space", span, " "),
        )


RULE = LineRule(
    code="KZ005",
    name="tab",
    severity=Severity.WARNING,
    fix_safety=FixSafety.SAFE,
    doc=__doc__ or "",
    check=check,
)
