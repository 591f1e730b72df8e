r"""Text must not contain control characters such as NUL.

NUL bytes and other control characters (U+0000 to U+001F except tab and line ends, U+007F, and
U+0080 to U+009F) are never part of news text. They come from broken scrapers or binary data
mixed into the dump, and they truncate strings in C-based tools and databases.

Examples show raw bytes with Python escapes.

Fails::

    Kazakh Interior Ministry\x00 says crimes down 8%

Passes::

    Kazakh Interior Ministry says crimes down 8%
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from kzvalidate.model import Fix, Line, Problem, Severity, Span
from kzvalidate.rules.base import LineRule

_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]+")


def _describe(char: str) -> str:
    name = unicodedata.name(char, "") or ("NUL" if char == "\x00" else "control character")
    return f"U+{ord(char):04X} {name}".strip()


def check(line: Line) -> Iterator[Problem]:
    for match in _CONTROL.finditer(line.text):
        span = Span.on_line(line.number, match.start(), match.end())
        chars = match.group()
        what = _describe(chars[0]) + (f" and {len(chars) - 1} more" if len(chars) > 1 else "")
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
