r"""Text must not contain control characters such as NUL.

NUL bytes and other control characters (U+0000 to U+001F except tab and line ends, U+007F, and
U+0080 to U+009F) are never part of news text. They come from broken scrapers or binary data
mixed into the dump, and they truncate strings in C-based tools and databases. A line that holds
nothing but control or invisible characters (and blanks) is reported as a whole: the fix deletes
the line, since emptying it would leave a blank line in the article.

Examples show raw bytes with Python escapes.

Fails::

    Kazakh Interior Ministry\x00 says crimes down 8%

Passes::

    Kazakh Interior Ministry says crimes down 8%
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from kzvalidate.model import Fix, Line, Problem, Severity, Span
from kzvalidate.rules.base import LineRule
from kzvalidate.rules.encoding.hidden import (
    CONTROL,
    LINE_HINT,
    delete_line_fix,
    shows_nothing,
    whole_line_span,
)


def _describe(char: str) -> str:
    name = unicodedata.name(char, "") or ("NUL" if char == "\x00" else "control character")
    return f"U+{ord(char):04X} {name}".strip()


def _describe_run(chars: str) -> str:
    return _describe(chars[0]) + (f" and {len(chars) - 1} more" if len(chars) > 1 else "")


def check(line: Line) -> Iterator[Problem]:
    runs = list(CONTROL.finditer(line.text))
    if runs and shows_nothing(line):
        what = ", ".join(_describe_run(match.group()) for match in runs)
        yield Problem(
            whole_line_span(line),
            f"the line holds nothing visible: control character {what}; the fix deletes the line",
            hint=LINE_HINT,
            fix=delete_line_fix(line),
        )
        return
    for match in runs:
        span = Span.on_line(line.number, match.start(), match.end())
        what = _describe_run(match.group())
        yield Problem(
            span,
            f"control character {what} in the text",
            hint="delete it; control characters are never part of article text",
            fix=Fix.delete("delete the control character(s)", span),
        )


RULE = LineRule(
    code="KZ004",
    name="control-character",
    severity=Severity.ERROR,
    fixable=True,
    doc=__doc__ or "",
    check=check,
)
