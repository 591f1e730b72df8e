"""Header dates must be written DD.MM.YYYY.

The dump format writes the date day first with dots and a four-digit year. A date in another
order or with other separators (``2026-03-03``, ``3/3/2026``) is understood, but breaks tools that
read the dump format strictly; ``--fix`` rewrites it. A date that cannot be read at all is
reported by ``invalid-date``.

Fails::

    2026-03-03, 14:12 11421

Passes::

    03.03.2026, 14:12 11421
"""

from __future__ import annotations

from collections.abc import Iterator

from kzvalidate.grammar import canonical_date, date_parts, is_canonical_date
from kzvalidate.model import Fix, Problem, Severity
from kzvalidate.parser import Article, Block
from kzvalidate.rules.base import BlockRule, Context, quoted


def check(block: Block, context: Context) -> Iterator[Problem]:
    if not isinstance(block, Article):
        return
    date = block.header.date
    parts = date_parts(date.text)
    if parts is None or is_canonical_date(date.text):
        return
    wanted = canonical_date(parts)
    yield Problem(
        date.span,
        f"date {quoted(date.text)} is not written DD.MM.YYYY",
        hint=f"write it as {wanted}",
        fix=Fix.replace(f"rewrite the date as {wanted}", date.span, wanted),
    )


RULE = BlockRule(
    code="KZ102",
    name="malformed-date",
    severity=Severity.ERROR,
    fixable=True,
    doc=__doc__ or "",
    check=check,
)
