"""Words in a title, image credit or paragraph must be separated by one space.

Two or more spaces between words are invisible in most views, but they make equal sentences
compare unequal, break phrase search (``"Head of State"`` does not find ``Head of  State``) and
usually mark a word the scraper dropped. ``--fix`` leaves one space. Blanks at the start or the end
of a line are rules KZ010 and KZ006; spacing inside a header is rule KZ104.

Fails::

    03.03.2026, 13:10 11751
    Head of State signs decree appointing new  chief justices and judges

Passes::

    03.03.2026, 13:10 11751
    Head of State signs decree appointing new chief justices and judges
"""

from __future__ import annotations

from collections.abc import Iterator

from kzvalidate.dump.blocks import Article
from kzvalidate.model import Fix, Problem, Severity, Span
from kzvalidate.patterns import compiled
from kzvalidate.rules.base import ArticleRule, Context, FixSafety, quoted

_RUN = compiled(" {2,}")
WORD_SHOWN = 30


def between(text: str, start: int, end: int) -> str:
    """``between 'new' and 'chief'``: the words on each side of the spaces."""
    before, after = text[:start].rsplit(" ", 1)[-1], text[end:].split(" ", 1)[0]
    if not before or not after:
        return "in a row"
    return f"between {quoted(before, WORD_SHOWN)} and {quoted(after, WORD_SHOWN)}"


def has_double_space(text: str) -> bool:
    """Whether ``text`` has two spaces in a row: ``in`` finds them several times faster than a
    search for the run (a pattern with no fixed start is tried at every position)."""
    return "  " in text


def check(article: Article, context: Context) -> Iterator[Problem]:
    for field in article.prose:
        if not has_double_space(field.text):
            continue
        line, start = field.span.line, field.span.column - 1
        for match in _RUN.finditer(field.text):
            extra = Span.on_line(line, start + match.start() + 1, start + match.end())
            yield Problem(
                Span.on_line(line, start + match.start(), start + match.end()),
                f"{len(match.group())} spaces {between(field.text, *match.span())}",
                hint="leave one space",
                fix=Fix.delete("leave one space", extra),
            )


RULE = ArticleRule(
    code="KZ009",
    name="double-space",
    severity=Severity.WARNING,
    fix_safety=FixSafety.SAFE,
    doc=__doc__ or "",
    check=check,
)
