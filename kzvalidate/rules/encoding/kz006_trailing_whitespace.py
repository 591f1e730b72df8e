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
from kzvalidate.rules.base import LineRule


def check(line: Line) -> Iterator[Problem]:
    text = line.text
    end = len(text.rstrip(" \t"))
    if end < len(text):
        span = Span.on_line(line.number, end, len(text))
        yield Problem(
            span,
            f"trailing whitespace ({len(text) - end} character(s)) at the end of the line",
            hint="delete the blanks at the end of the line",
            fix=Fix.delete("delete trailing whitespace", span),
        )


RULE = LineRule(
    code="KZ006",
    name="trailing-whitespace",
    severity=Severity.WARNING,
    fixable=True,
    doc=__doc__ or "",
    check=check,
)
