"""Nothing may stand before an article header.

Scrapers leave debris before the first article, or glued to the front of a header: a page
fragment, a breadcrumb, a second date. Such text belongs to no article, so it is lost or, worse,
read as part of the date. ``--fix --unsafe-fixes`` deletes text glued to a header (unsafe: it
deletes words); whole lines before the first header are left for a person to judge.

Fails::

     date 2026-03-04 03.03.2026, 14:12 11421
    Kazakh Interior Ministry says crimes down 8% in two months of 2026

Passes::

    03.03.2026, 14:12 11421
    Kazakh Interior Ministry says crimes down 8% in two months of 2026
"""

from __future__ import annotations

from collections.abc import Iterator

from kzvalidate.dump.blocks import Article, Block, Preamble, is_blank, stripped_field
from kzvalidate.model import Fix, Problem, Severity
from kzvalidate.rules.base import BlockRule, Context, FixSafety, quoted


def check(block: Block, context: Context) -> Iterator[Problem]:
    if isinstance(block, Preamble):
        for line in block.lines:
            if not is_blank(line):
                field = stripped_field(line)
                yield Problem(
                    field.span,
                    f"text {quoted(field.text)} stands before the first article header",
                    hint="delete the line, or add the missing header above it",
                )
    elif isinstance(block, Article) and block.header.prefix is not None:
        prefix = block.header.prefix
        yield Problem(
            prefix.span,
            f"stray text {quoted(prefix.text)} before the header date",
            hint="delete the text so that the line starts with the date",
            fix=Fix.delete("delete the text before the date", prefix.span, safe=False),
        )


RULE = BlockRule(
    code="KZ101",
    name="stray-text",
    severity=Severity.ERROR,
    fix_safety=FixSafety.UNSAFE,
    doc=__doc__ or "",
    check=check,
)
