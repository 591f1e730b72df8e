r"""Lines must end with LF, not CRLF or CR.

Dumps are read on Linux servers: a Windows line end (CR LF) leaves an invisible carriage return at
the end of every field, and an old Mac line end (a lone CR) joins lines for most tools.

Examples show line ends with Python escapes.

Fails::

    03.03.2026, 14:12 11421\r\n

Passes::

    03.03.2026, 14:12 11421\n
"""

from __future__ import annotations

from collections.abc import Iterator

from kzvalidate.model import Fix, Line, Problem, Severity, Span
from kzvalidate.rules.base import FixSafety, LineRule

_NAMES = {"\r\n": "a Windows line break (CR LF)", "\r": "an old Mac line break (CR)"}


def check(line: Line) -> Iterator[Problem]:
    if line.ending in _NAMES:
        end = len(line.text)
        span = Span.on_line(line.number, end, end + len(line.ending))
        yield Problem(
            span,
            f"the line ends with {_NAMES[line.ending]} instead of a plain one (LF)",
            hint="save the file with plain line breaks (LF), e.g. with `dos2unix FILE`",
            fix=Fix.replace("use an LF line ending", span, "\n"),
        )


RULE = LineRule(
    code="KZ003",
    name="line-ending",
    severity=Severity.WARNING,
    fix_safety=FixSafety.SAFE,
    doc=__doc__ or "",
    check=check,
)
