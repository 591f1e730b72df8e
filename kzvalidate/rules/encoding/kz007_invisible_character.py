r"""Text must not contain invisible characters such as zero-width spaces.

Zero-width spaces, word joiners, soft hyphens, stray byte-order marks and direction marks come from
the HTML a scraper read. They show nothing, yet they split words for search (``Tokayev`` with a
zero-width space inside is not found by a search for ``Tokayev``), break exact matches and sort
orders, and can make two equal-looking names differ. ``--fix`` deletes them, which changes
nothing visible.

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

import re
import unicodedata
from collections.abc import Iterator

from kzvalidate.dump.blocks import content_start
from kzvalidate.model import Fix, Line, Problem, Severity, Span
from kzvalidate.rules.base import LineRule

_ALWAYS = (
    "\u00ad"  # soft hyphen
    "\u180e"  # Mongolian vowel separator
    "\u200b"  # zero width space
    "\u200e\u200f"  # left-to-right and right-to-left marks
    "\u202a-\u202e"  # bidirectional embeddings and overrides
    "\u2060-\u2064"  # word joiner, invisible operators
    "\u2066-\u2069"  # bidirectional isolates
    "\ufeff"  # byte-order mark inside the text
)
_JOINERS = "\u200c\u200d"
_INVISIBLE = re.compile(f"[{_ALWAYS}{_JOINERS}]")


def _joins_letters(text: str, at: int) -> bool:
    """Whether the joiner at ``at`` stands between two characters that are neither ASCII nor
    blank: there it can shape a word or an emoji, so it is not a scraping artefact."""
    if at == 0 or at + 1 >= len(text):
        return False
    before, after = text[at - 1], text[at + 1]
    return not (before.isascii() or after.isascii() or before.isspace() or after.isspace())


def check(line: Line) -> Iterator[Problem]:
    text = line.text
    for match in _INVISIBLE.finditer(text, content_start(line)):
        at = match.start()
        if match.group() in _JOINERS and _joins_letters(text, at):
            continue
        char = match.group()
        span = Span.on_line(line.number, at, at + 1)
        name = unicodedata.name(char, "invisible character")
        yield Problem(
            span,
            f"invisible character U+{ord(char):04X} {name}",
            hint="delete it; it shows nothing but splits the word for search and comparison",
            fix=Fix.delete(f"delete U+{ord(char):04X}", span),
        )


RULE = LineRule(
    code="KZ007",
    name="invisible-character",
    severity=Severity.WARNING,
    fixable=True,
    doc=__doc__ or "",
    check=check,
)
