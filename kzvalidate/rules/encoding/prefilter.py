"""One pre-filter for the line rules on bytes and characters (KZ001-KZ008).

Almost every line of a dump is clean, yet each of the eight line rules would look at it. Each rule
here names what a line must contain for the rule to find anything in it (``SUSPECTS``); the engine
joins them into one character class, and runs the line rules only on a line that has one of those
characters, ends with one of the characters some rule looks for at the end, or whose ending is
not a plain line feed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import repeat
from operator import attrgetter
from typing import NamedTuple

from kzvalidate.model import Line
from kzvalidate.patterns import compiled
from kzvalidate.rules.base import LineRule
from kzvalidate.rules.encoding.hidden import HIDDEN


class Suspect(NamedTuple):
    """What a line must hold for a rule to report on it, besides an unusual line ending."""

    anywhere: str = ""
    """Characters, as the inside of a ``[...]`` class, one of which must stand in the line."""
    at_end: str = ""
    """Characters one of which must end the line."""


SUSPECTS: dict[str, Suspect] = {
    "KZ001": Suspect(anywhere="\udc80-\udcff"),  # bytes that did not decode, kept as escapes
    "KZ002": Suspect(anywhere="\ufeff"),
    "KZ003": Suspect(),  # the line ending only
    "KZ004": Suspect(anywhere="\x00-\x08\x0b-\x1f\x7f-\x9f"),
    "KZ005": Suspect(anywhere="\t"),
    "KZ006": Suspect(at_end=" \t"),
    "KZ007": Suspect(anywhere=HIDDEN),
    "KZ008": Suspect(anywhere="\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"),
}
"""What a line must contain for each rule to report on it. Every one of these characters is one
that :meth:`str.isprintable` rejects (a test checks it), so that a printable line holds none."""

PLAIN_ENDINGS = frozenset({"\n", ""})
"""Line endings no rule reports on (the last line of a file may have none)."""
_ending, _text = attrgetter("ending"), attrgetter("text")


class LinePrefilter:
    """Tells the lines none of the given line rules can report on."""

    def __init__(self, anywhere: str, at_end: str) -> None:
        self.anywhere = compiled(f"[{anywhere}]") if anywhere else None
        self.at_end = tuple(at_end)

    @classmethod
    def of(cls, rules: Iterable[LineRule]) -> LinePrefilter | None:
        """The pre-filter for these rules, or None when one of them is not known here."""
        codes = [rule.code for rule in rules]
        if not codes or any(code not in SUSPECTS for code in codes):
            return None
        suspects = [SUSPECTS[code] for code in codes]
        anywhere = "".join(suspect.anywhere for suspect in suspects)
        return cls(anywhere, "".join(suspect.at_end for suspect in suspects))

    def all_quiet(self, lines: Sequence[Line]) -> bool:
        """Whether :meth:`quiet` holds for each of ``lines``, told at once for lines whose text
        is all printable; False may also mean "ask each line"."""
        if not PLAIN_ENDINGS.issuperset(map(_ending, lines)):
            return False
        texts = list(map(_text, lines))
        if any(map(str.endswith, texts, repeat(self.at_end))):
            return False
        return self.anywhere is None or "".join(texts).isprintable()

    def quiet(self, line: Line) -> bool:
        """Whether no rule of the pre-filter can report on ``line``."""
        text = line.text
        if line.ending not in PLAIN_ENDINGS or text.endswith(self.at_end):
            return False
        if self.anywhere is None or text.isprintable():  # faster than the search, same answer
            return True
        return self.anywhere.search(text) is None
