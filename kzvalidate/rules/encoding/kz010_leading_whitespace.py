r"""Lines must start with their text, not with spaces.

Spaces before a title, paragraph, header or footer are invisible, but they make the line differ
from the same line without them, so exact matches (the footer, duplicate titles) fail and
paragraph starts look like indentation that means something. ``--fix`` deletes them.

Tabs are rule KZ005's (its fix turns them into spaces, which this rule then removes); blanks before
stray text glued to a header are part of rule KZ101's finding; lines of blanks only are rule
KZ006's.

Examples show raw bytes with Python escapes.

Fails::

    03.03.2026, 10:44 12056
      Kazakhstan appoints new deputy head of Civil Service Affairs Agency

Passes::

    03.03.2026, 10:44 12056
    Kazakhstan appoints new deputy head of Civil Service Affairs Agency
"""

from __future__ import annotations

from collections.abc import Iterator

from kzvalidate.dump.blocks import Article, content_start, is_blank
from kzvalidate.model import Fix, Line, Problem, Severity, Span
from kzvalidate.rules.base import ArticleRule, Context, FixSafety, plural, quoted

TEXT_SHOWN = 30


def _leading(line: Line) -> Iterator[Problem]:
    start = content_start(line)
    text = line.text[start:]
    blanks = len(text) - len(text.lstrip(" \t"))
    if blanks == 0 or "\t" in text[:blanks] or is_blank(line):
        return
    span = Span.on_line(line.number, start, start + blanks)
    yield Problem(
        span,
        f"{plural(blanks, 'space')} at the start of the line, before "
        f"{quoted(text[blanks:], TEXT_SHOWN)}",
        hint="delete the spaces before the text",
        fix=Fix.delete("delete the leading spaces", span),
    )


def check(article: Article, context: Context) -> Iterator[Problem]:
    lines = article.lines if article.header.prefix is None else article.lines[1:]
    for line in lines:
        yield from _leading(line)


RULE = ArticleRule(
    code="KZ010",
    name="leading-whitespace",
    severity=Severity.WARNING,
    fix_safety=FixSafety.SAFE,
    doc=__doc__ or "",
    check=check,
)
