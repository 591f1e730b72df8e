"""A dump must not contain blank lines, inside an article or between articles.

The dump has one line per part: header, title, optional image credit, one line per paragraph,
footer, and the next header right after it. A blank line is none of these: inside an article it
is where a paragraph was lost (or a stray line break split one), between articles or at the end
of the file it is debris of the export, and so are blank lines before the first header. A blank
line right after a header is the article's missing title, reported by KZ105 instead. A run of
blank lines is one finding, from its first line to the line break of its last (before the first
header, a run is reported per 1,024 lines, the parser's preamble block). A file that holds
nothing but a byte-order mark has no line to report (KZ002's finding).

``--fix`` deletes the line. That is safe: the parser skips blank lines everywhere but in the
title slot, which this rule never reports, so deleting them leaves every article's title,
credit, body and footer as they were (the record does not change shape).

Fails::

    03.03.2026, 10:44 12056
    Kazakhstan appoints new deputy head of Civil Service Affairs Agency
    The second decree appoints Ulan Bekish as the new deputy head of the Agency.

    He previously worked in the Presidential Administration.

Passes::

    03.03.2026, 10:44 12056
    Kazakhstan appoints new deputy head of Civil Service Affairs Agency
    The second decree appoints Ulan Bekish as the new deputy head of the Agency.
    He previously worked in the Presidential Administration.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from kzvalidate.dump.blocks import Article, Block, is_blank
from kzvalidate.model import Fix, Line, Problem, Severity, Span
from kzvalidate.rules.base import BlockRule, Context, FixSafety


def check(block: Block, context: Context) -> Iterator[Problem]:
    if isinstance(block, Article):
        blanks = block.stray_blank_lines
        last = 0 if block.is_bare else block.last_line.number
    else:
        blanks = tuple(line for line in block.lines if is_blank(line))
        last = -1
    for run in _runs(line for line in blanks if line.ending):
        yield _problem(run, _where(run[0], last))


def _runs(lines: Iterable[Line]) -> Iterator[list[Line]]:
    """Consecutive lines, grouped."""
    run: list[Line] = []
    for line in lines:
        if run and line.number != run[-1].number + 1:
            yield run
            run = []
        run.append(line)
    if run:
        yield run


def _where(line: Line, last: int) -> str:
    """Where the blank line stands, for the message: ``last`` is the number of the article's
    last line that is not blank (0 for a bare header, -1 before the first header)."""
    if last < 0:
        return "before the first article header"
    if line.number < last:
        return "inside the article"
    return "after the article, before the next header or the end of the file"


def _problem(run: list[Line], where: str) -> Problem:
    first, last = run[0], run[-1]
    span = Span(first.number, 1, last.number, len(last.text) + len(last.ending) + 1)
    if len(run) == 1:
        return Problem(
            span,
            f"blank line {where}",
            hint="delete the line; a dump has no blank lines",
            fix=Fix.delete("delete the blank line", span),
        )
    return Problem(
        span,
        f"{len(run):,} blank lines {where}",
        hint="delete the lines; a dump has no blank lines",
        fix=Fix.delete(f"delete the {len(run):,} blank lines", span),
    )


RULE = BlockRule(
    code="KZ112",
    name="stray-blank-line",
    severity=Severity.WARNING,
    fix_safety=FixSafety.SAFE,
    doc=__doc__ or "",
    check=check,
)
