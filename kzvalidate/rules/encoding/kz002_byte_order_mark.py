r"""The file must not start with a byte-order mark.

UTF-8 needs no byte-order mark. A BOM (bytes EF BB BF) at the start of a dump is invisible in
editors but becomes part of the first header for most tools, which then fail to read its date.

Examples show raw bytes with Python escapes.

Fails::

    \xef\xbb\xbf03.03.2026, 14:12 11421

Passes::

    03.03.2026, 14:12 11421
"""

from __future__ import annotations

from collections.abc import Iterator

from kzvalidate.dump.blocks import BOM
from kzvalidate.model import Fix, Line, Problem, Severity, Span
from kzvalidate.rules.base import FixSafety, LineRule


def check(line: Line) -> Iterator[Problem]:
    if line.number == 1 and line.text.startswith(BOM):
        span = Span.on_line(1, 0, 1)
        yield Problem(
            span,
            "the file starts with an invisible byte-order mark (BOM)",
            hint="save the file as UTF-8 without a byte-order mark",
            fix=Fix.delete("remove the byte-order mark", span),
        )


RULE = LineRule(
    code="KZ002",
    name="byte-order-mark",
    severity=Severity.WARNING,
    fix_safety=FixSafety.SAFE,
    doc=__doc__ or "",
    check=check,
)
