r"""Text must not contain invisible characters such as zero-width spaces.

Zero-width spaces, word joiners, soft hyphens, stray byte-order marks and direction marks come from
the HTML a scraper read. They show nothing, yet they split words for search (``Tokayev`` with a
zero-width space inside is not found by a search for ``Tokayev``), break exact matches and sort
orders, and can make two equal-looking names differ. ``--fix`` deletes them, which changes
nothing visible. A line that holds nothing but invisible or control characters (and blanks) is
reported as a whole, and the fix deletes the line: emptying it would leave a blank line, a blank
title or paragraph, in the article.

A zero-width joiner or non-joiner between two characters of a script that needs it (Persian,
Indic scripts, emoji sequences) is left alone; next to Latin letters, digits or blanks it is
reported. A byte-order mark at the very start of the file is rule KZ002's.

Examples show raw bytes with Python escapes.

Fails::

    President Kassym-Jomart Tokayev\xe2\x80\x8b held a meeting with Interior Minister Yerzhan Sadenov.

Passes::

    President Kassym-Jomart Tokayev held a meeting with Interior Minister Yerzhan Sadenov.
"""

from __future__ import annotations

from collections.abc import Iterator

from kzvalidate.dump.blocks import content_start
from kzvalidate.model import Fix, Line, Problem, Severity, Span
from kzvalidate.rules.base import FixSafety, LineRule, character
from kzvalidate.rules.encoding.hidden import (
    INVISIBLE,
    JOINERS,
    LINE_HINT,
    delete_line_fix,
    only_hidden,
    shows_nothing,
    whole_line_span,
)


def _joins_letters(text: str, at: int) -> bool:
    """Whether the joiner at ``at`` stands between two characters that are neither ASCII nor
    blank: there it can shape a word or an emoji, so it is not a scraping artefact."""
    if at == 0 or at + 1 >= len(text):
        return False
    before, after = text[at - 1], text[at + 1]
    return not (before.isascii() or after.isascii() or before.isspace() or after.isspace())


def _reported(line: Line) -> Iterator[int]:
    """Offsets of the invisible characters of the line that are artefacts."""
    text = line.text
    for match in INVISIBLE.finditer(text, content_start(line)):
        at = match.start()
        if not (match.group() in JOINERS and _joins_letters(text, at)):
            yield at


def check(line: Line) -> Iterator[Problem]:
    text = line.text
    offsets = list(_reported(line))
    if offsets and shows_nothing(line):
        found = "".join(text[at] for at in offsets)
        yield Problem(
            whole_line_span(line),
            only_hidden("invisible character", found),
            hint=LINE_HINT,
            fix=delete_line_fix(line),
        )
        return
    for at in offsets:
        char = text[at]
        span = Span.on_line(line.number, at, at + 1)
        described = character(char)
        yield Problem(
            span,
            f"invisible {described} in the text",
            hint="delete it; it shows nothing but splits the word for search and comparison",
            fix=Fix.delete(f"delete the {described}", span),
        )


RULE = LineRule(
    code="KZ007",
    name="invisible-character",
    severity=Severity.WARNING,
    fix_safety=FixSafety.SAFE,
    doc=__doc__ or "",
    check=check,
)
