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

from collections.abc import Iterator

from kzvalidate.model import Fix, Line, Problem, Severity, Span
from kzvalidate.rules.base import FixSafety, LineRule, character
from kzvalidate.rules.encoding.hidden import (
    CONTROL,
    LINE_HINT,
    code_points,
    delete_line_fix,
    only_hidden,
    shows_nothing,
    whole_line_span,
)


def _described(chars: str) -> str:
    if len(chars) == 1:
        return f"invisible {character(chars)} in the text"
    return f"{len(chars)} invisible control characters in the text ({code_points(chars)})"


def check(line: Line) -> Iterator[Problem]:
    runs = list(CONTROL.finditer(line.text))
    if runs and shows_nothing(line):
        found = "".join(match.group() for match in runs)
        yield Problem(
            whole_line_span(line),
            only_hidden("control character", found),
            hint=LINE_HINT,
            fix=delete_line_fix(line),
        )
        return
    for match in runs:
        span = Span.on_line(line.number, match.start(), match.end())
        chars = match.group()
        yield Problem(
            span,
            _described(chars),
            hint=f"delete {'it' if len(chars) == 1 else 'them'}; control characters are never "
            "part of article text",
            fix=Fix.delete(f"delete the control character{'s' if len(chars) > 1 else ''}", span),
        )


RULE = LineRule(
    code="KZ004",
    name="control-character",
    severity=Severity.ERROR,
    fix_safety=FixSafety.SAFE,
    doc=__doc__ or "",
    check=check,
)
