"""Header times must be written HH:MM with two-digit hours.

A time with a one-digit hour (``9:05``) or with seconds (``14:12:30``) is understood but breaks
tools that read the dump format strictly; ``--fix`` pads the hour, and ``--fix --unsafe-fixes``
drops the seconds. A time that cannot be read, or is not a time of day, is reported by
``invalid-time``.

Fails::

    03.03.2026, 9:05 11421

Passes::

    03.03.2026, 09:05 11421
"""

from __future__ import annotations

from collections.abc import Iterator

from kzvalidate.grammar import is_canonical_time, time_parts
from kzvalidate.model import Fix, Problem, Severity
from kzvalidate.parser import Article, Block
from kzvalidate.rules.base import BlockRule, Context, quoted


def check(block: Block, context: Context) -> Iterator[Problem]:
    if not isinstance(block, Article):
        return
    time = block.header.time
    parts = time_parts(time.text)
    if parts is None or is_canonical_time(time.text):
        return
    wanted = "{:02d}:{:02d}".format(*parts)
    yield Problem(
        time.span,
        f"time {quoted(time.text)} is not written HH:MM",
        hint=f"write it as {wanted}",
        fix=Fix.replace(
            f"rewrite the time as {wanted}", time.span, wanted, safe=time.text.count(":") == 1
        ),
    )


RULE = BlockRule(
    code="KZ103",
    name="malformed-time",
    severity=Severity.ERROR,
    fixable=True,
    doc=__doc__ or "",
    check=check,
)
