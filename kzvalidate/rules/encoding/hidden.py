"""Characters that show nothing and that the encoding fixes delete, and what to do with a line
that holds nothing else.

Deleting the control characters (KZ004) or invisible characters (KZ007) of a line that holds
nothing else would leave a blank line where the parser saw a title or a paragraph, and so change
the article's structure. Such a line shows nothing, so its fix deletes the whole line, terminator
included, and its finding covers all of it.
"""

from __future__ import annotations

from kzvalidate.dump.blocks import content_start
from kzvalidate.model import Fix, Line, Span
from kzvalidate.patterns import compiled
from kzvalidate.rules.base import code_point, indefinite

CONTROL = compiled("[\x00-\x08\x0b-\x1f\x7f-\x9f]+")
"""Runs of control characters other than tab and the line ends (KZ004's)."""

INVISIBLE_ALWAYS = (
    "\u00ad"  # soft hyphen
    "\u180e"  # Mongolian vowel separator
    "\u200b"  # zero width space
    "\u200e\u200f"  # left-to-right and right-to-left marks
    "\u202a-\u202e"  # bidirectional embeddings and overrides
    "\u2060-\u2064"  # word joiner, invisible operators
    "\u2066-\u2069"  # bidirectional isolates
    "\ufeff"  # byte-order mark inside the text
)
JOINERS = "\u200c\u200d"
INVISIBLE = compiled(f"[{INVISIBLE_ALWAYS}{JOINERS}]")
"""One invisible character (KZ007's; joiners between letters of some scripts excepted there)."""

HIDDEN = f"\x00-\x08\x0b-\x1f\x7f-\x9f{INVISIBLE_ALWAYS}{JOINERS}"
"""A character class (for ``[...]``) of every control or invisible character the fixes delete."""

_HIDDEN_OR_BLANK = compiled(f"[{HIDDEN}\\s]*")

LINE_HINT = "delete the line: it shows nothing, and emptied it would be a blank line in the article"
MAX_LISTED = 4
"""Code points listed in a message; more are counted."""


def shows_nothing(line: Line) -> bool:
    """Whether the line (after a leading byte-order mark) holds control or invisible characters
    and nothing else but blanks: the parser reads it as text, yet it would be blank once fixed."""
    text = line.text[content_start(line) :]
    return bool(text.strip()) and _HIDDEN_OR_BLANK.fullmatch(text) is not None


def whole_line_span(line: Line) -> Span:
    """The line from its first character (after a leading byte-order mark) through its
    terminator: columns past the text address the terminator."""
    return Span.on_line(line.number, content_start(line), len(line.text) + len(line.ending))


def code_points(chars: str) -> str:
    """``U+200B, U+00AD``, or the first few and how many more."""
    listed = ", ".join(code_point(char) for char in chars[:MAX_LISTED])
    more = len(chars) - MAX_LISTED
    return listed if more <= 0 else f"{listed} and {more} more"


def only_hidden(kind: str, chars: str) -> str:
    """The message for a line that shows nothing: ``kind`` names the characters it holds."""
    what = indefinite(kind) if len(chars) == 1 else f"{kind}s"
    return f"the line shows nothing: it holds only {what} ({code_points(chars)})"


def delete_line_fix(line: Line) -> Fix:
    return Fix.delete(
        f"delete line {line.number}, which holds nothing visible", whole_line_span(line)
    )
