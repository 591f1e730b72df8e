"""``lint --diff``: what the fixes would change in a file, as a unified diff people can review.

A dump is bytes with any line endings and maybe invalid UTF-8, so each line of the diff shows what
a terminal would hide: a CRLF ending as ``␍␊``, a lone CR as ``␍``, control characters as their
control pictures (a tab is ``␉``), an undecodable byte as ``⟨0xE9⟩``, an invisible character or
special space by its short name (``⟨NBSP⟩``, ``⟨ZWSP⟩``) and blanks at the end of a line as ``·``.
A file of plain text lines ending in LF gives a diff that ``patch -p1`` applies as it is.
"""

from __future__ import annotations

import difflib
import re
from typing import TextIO

from kzvalidate.patterns import compiled
from kzvalidate.report.display import readable
from kzvalidate.report.text import COLOUR, PLAIN, SHOWN_BLANK, plural, wants_colour
from kzvalidate.results import Summary

NO_NEWLINE = "\\ No newline at end of file\n"
_LINE_COLOURS = {"@": COLOUR.heading, "-": "\x1b[31m", "+": "\x1b[32m"}
_ENDINGS = {"\r\n": "\u240d\u240a", "\r": "\u240d", "\n": "", "": ""}
_HIDDEN = compiled(
    "[\x00-\x1f\x7f-\x9f\u00a0\u00ad\u034f\u061c\u1680\u180e\u2000-\u200f\u2028-\u202f"
    "\u205f-\u2064\u2066-\u206f\u3000\ufeff\ufff9-\ufffb\ud800-\udfff]"
)
_NAMES = {
    "\u00a0": "NBSP",
    "\u00ad": "SHY",
    "\u200b": "ZWSP",
    "\u200c": "ZWNJ",
    "\u200d": "ZWJ",
    "\u200e": "LRM",
    "\u200f": "RLM",
    "\u202f": "NNBSP",
    "\u2060": "WJ",
    "\ufeff": "BOM",
}


def _shown_char(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that is not UTF-8, kept by surrogateescape
        return f"\u27e80x{code - 0xDC00:02X}\u27e9"
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"
    return f"\u27e8{_NAMES.get(char, f'U+{code:04X}')}\u27e9"


def shown_line(raw: bytes) -> str:
    """One line of a file as the diff shows it, ending in a newline (and git's marker when the
    file's last line has no line ending)."""
    text = raw.decode("utf-8", "surrogateescape")
    body = text.rstrip("\r\n")
    ending = text[len(body) :]
    body = _HIDDEN.sub(_shown_char, body)
    kept = body.rstrip(" ")
    body = kept + SHOWN_BLANK * (len(body) - len(kept)) + _ENDINGS[ending]
    return body + "\n" if ending else body + "\n" + NO_NEWLINE


def unified_diff(name: str, before: bytes, after: bytes) -> str:
    """The unified diff from ``before`` to ``after`` of the file called ``name`` (as ``a/NAME``
    and ``b/NAME``); empty when they are equal."""
    path = readable(name).lstrip("/")
    old = [shown_line(raw) for raw in before.splitlines(keepends=True)]
    new = [shown_line(raw) for raw in after.splitlines(keepends=True)]
    return "".join(difflib.unified_diff(old, new, f"a/{path}", f"b/{path}", lineterm="\n"))


class DiffWriter:
    """Writes each file's diff as the run makes it, coloured on a terminal."""

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.palette = COLOUR if wants_colour(out) else PLAIN

    def __call__(self, name: str, before: bytes, after: bytes) -> None:
        diff = unified_diff(name, before, after)
        if diff and self.palette is not PLAIN:
            lines = diff.removesuffix("\n").split("\n")
            diff = "".join(self.paint(line, header=index < 2) for index, line in enumerate(lines))
        self.out.write(diff)

    def paint(self, line: str, *, header: bool) -> str:
        """One line of the diff (without its newline) in its colour, with its newline."""
        start = self.palette.bold if header else _LINE_COLOURS.get(line[:1], "")
        return f"{start}{line}{self.palette.reset}\n" if start else line + "\n"


def would_fix(summary: Summary) -> str:
    """What the diff amounts to, said in a line."""
    files = plural(summary.files, "file")
    if not summary.fixed_files:
        return f"nothing to fix in {files}"
    fixed = plural(summary.fixed, "finding")
    changed = files if summary.fixed_files == summary.files else f"{summary.fixed_files} of {files}"
    return f"would fix {fixed} in {changed}; nothing was written"
