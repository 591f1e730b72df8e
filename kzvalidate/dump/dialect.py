"""A dialect: everything that is particular to one agency's dump format.

The header ``DD.MM.YYYY, HH:MM VIEWS`` with its separators, the time format, the image-credit
label and the required copyright footer(s) differ between agencies; the parser, the contract and
the rules read them from the :class:`Dialect` of the run, never from literals. Dialects are
registered in :mod:`kzvalidate.dump.dialects` and chosen with the ``dialect`` configuration key.

A header is recognised when it is exact and also when scrapers damaged it (a *near-miss header*),
to keep article boundaries right and report the defect where it is:

* the line **ends** with ``<date> <time> [<views>]``, where the date is three digit groups joined by
  ``.``, ``/`` or ``-`` (``31.02.2026``, ``2026-03-03``, ``3/3/26``), the time is ``H:MM``-shaped
  (``25:61``) and the views token, if any, is *number-shaped* or a *placeholder*:

  - number-shaped: it starts with a digit or a sign (``-12``, ``12k``, ``1,204``, ``12.5``), or
    is digits grouped in threes by single spaces (``12 345``), optionally followed by the word
    ``views`` (``12345 views``);
  - a placeholder a scraper writes where the counter was not read: ``n/a``, ``na``, ``none``,
    ``null``, ``nan``, the bare word ``views``, one to three dashes (``-``, ``—``, ``–``), question
    marks or an ellipsis. Nothing else: ``09:05 on Monday`` ends in a word, so it is prose;

* before the date there is either nothing but blanks, or stray text (``" date 2026-03-04 "``) —
  stray text is accepted only when the tail is complete, comma-separated and its views token is
  number-shaped (``03.03.2026, 14:12 11421``), the shape no sentence ends with.

Anything else is prose: a paragraph that begins with a number, date or score (``2025-2030 plan``,
``12.05.2025 marked ...``, ``0:5 was the final score``) goes on with words after it, so it never
*ends* in the header shape. The parser is generous (a header with a damaged view count opens an
article) and the contract strict (the damaged count is reported, KZ204).
"""

from __future__ import annotations

import functools
import re
import sys
from collections import Counter
from dataclasses import dataclass, field

from kzvalidate.dump.blocks import FooterKind, Header, content_start
from kzvalidate.model import Field, Line, Span
from kzvalidate.patterns import compiled

# The header tail is short; matching only the last characters keeps every line linear-time.
_TAIL_WINDOW = 96
_NUMBER_SHAPED = r"(?:\d{1,3}(?:[ \u00a0\u202f]\d{3})+|[-+\u2212]?\d[\w.,]*)(?:[ \t]+(?i:views?))?"
"""A views token that is a number, however written: ``11421``, ``-12``, ``12k``, ``12 345``."""
_PLACEHOLDER = r"(?i:n/?a|none|null|nan|views?)|[-\u2010-\u2015\u2212]{1,3}|\?{1,3}|\.{3}|\u2026"
"""What a scraper writes where it read no view count: ``n/a``, ``-``, ``\u2014``, ``?``."""
_NUMBER_SHAPED_VIEWS = compiled(_NUMBER_SHAPED)
HEADER_TAIL = compiled(
    r"(?P<date>\d{1,4}[./-]\d{1,2}[./-]\d{1,4})"
    r"(?P<sep1>[ \t]*,[ \t]*|[ \t]+)"
    r"(?P<time>\d{1,2}:\d{1,2}(?::\d{1,2})?)"
    rf"(?:(?P<sep2>[ \t]+)(?P<views>{_NUMBER_SHAPED}|{_PLACEHOLDER}))?"
    r"[ \t]*\Z"
)
_HEADER_GROUPS = ("date", "sep1", "time", "sep2", "views")
_TOKEN_CHAR = compiled(r"[\w.,:/+\-\u2212]")
_CREDIT_NEAR_MISS = compiled(
    r"(?P<label>images?|photos?|image credit|photo credit)"
    r"(?P<separator>[ \t]*[|:\u00a6\uff5c][ \t]*)(?P<source>.*)",
    re.IGNORECASE,
)
_CREDIT_MAX_WORDS = 5
_FOOTER_MIN_SIMILARITY = 0.85

# Values are read from ASCII digits only: full-width or other scripts' digits are defects.
_DAY_FIRST = compiled(r"(?P<d>\d{1,2})(?P<s>[./-])(?P<m>\d{1,2})(?P=s)(?P<y>\d{4})", re.ASCII)
_YEAR_FIRST = compiled(r"(?P<y>\d{4})(?P<s>[./-])(?P<m>\d{1,2})(?P=s)(?P<d>\d{1,2})", re.ASCII)
_TIME = compiled(r"(?P<h>\d{1,2}):(?P<m>\d{2})(?::(?P<s>\d{2}))?", re.ASCII)
_VIEWS = compiled(r"[0-9]+|[-\u2212]0*[1-9][0-9]*")

DateParts = tuple[int, int, int]
"""(year, month, day)"""
TimeParts = tuple[int, int]
"""(hour, minute)"""


@dataclass(frozen=True)
class Dialect:
    """One agency's dump format. ``footers`` are the accepted copyright footers, the first being
    the one a fix writes; the separators are the canonical ones a fix writes."""

    name: str
    agency: str
    footers: tuple[str, ...]
    credit_label: str = "Images | "
    date_separator: str = "."
    date_time_separator: str = ", "
    views_separator: str = " "
    time_format: str = "HH:MM"
    """How the canonical time is described to users."""
    date_format: str = "DD.MM.YYYY"
    """How the canonical date is described to users."""
    credit_label_pattern: str = r"images?[ \t]*\|"
    """What starts a line that is meant as a credit, however damaged (case is ignored)."""
    header_tail: re.Pattern[str] = HEADER_TAIL
    """What a header line ends with, damaged or not: groups ``date``, ``sep1``, ``time`` and
    optionally ``sep2`` and ``views`` (matched only on the line's last characters)."""
    crawl_date_pattern: str = r"\bdate[ \t]+(?P<date>\d{4}-\d{2}-\d{2})\b"
    """How a scraper states, before the first header, the day it crawled the file (group
    ``date``, ISO 8601): seed 000 begins with `` date 2026-03-04 ``."""
    _canonical_date: re.Pattern[str] = field(init=False, repr=False, compare=False)
    _canonical_time: re.Pattern[str] = field(init=False, repr=False, compare=False)
    _credit_label: re.Pattern[str] = field(init=False, repr=False, compare=False)
    _crawl_date: re.Pattern[str] = field(init=False, repr=False, compare=False)
    _own_credit: re.Pattern[str] = field(init=False, repr=False, compare=False)
    _footer_windows: tuple[tuple[str, int, int, CharacterCounts], ...] = field(
        init=False, repr=False, compare=False
    )
    """Each footer with the shortest and longest text that may be a misspelling of it, and how
    often each of its characters occurs in it."""
    _header_groups: tuple[int, ...] = field(init=False, repr=False, compare=False)
    """The numbers of the header tail's groups ``date``, ``sep1``, ``time``, ``sep2``, ``views``."""
    _shortest_footer_like: int = field(init=False, repr=False, compare=False)
    """How long a text must be at least to be a footer or a misspelling of one."""
    _longest_footer_like: int = field(init=False, repr=False, compare=False)
    """How long a misspelling of a footer may be at most (a text holding one may be longer)."""

    def __post_init__(self) -> None:
        if not self.footers:
            raise ValueError(f"dialect {self.name!r} names no copyright footer")
        sep = re.escape(self.date_separator)
        patterns = {
            "_canonical_date": compiled(rf"\d{{2}}{sep}\d{{2}}{sep}\d{{4}}", re.ASCII),
            "_canonical_time": compiled(r"\d{2}:\d{2}", re.ASCII),
            "_credit_label": compiled(self.credit_label_pattern, re.IGNORECASE),
            "_crawl_date": compiled(self.crawl_date_pattern, re.ASCII),
            "_own_credit": _credit_with_label(self.credit_label),
        }
        for name, pattern in patterns.items():
            object.__setattr__(self, name, pattern)
        windows = tuple(
            (footer, *_near_footer_lengths(footer), character_counts(footer))
            for footer in self.footers
        )
        object.__setattr__(self, "_footer_windows", windows)
        object.__setattr__(self, "_shortest_footer_like", min(window[1] for window in windows))
        object.__setattr__(self, "_longest_footer_like", max(window[2] for window in windows))
        groups = tuple(map(self.header_tail.groupindex.__getitem__, _HEADER_GROUPS))
        object.__setattr__(self, "_header_groups", groups)

    @property
    def footer(self) -> str:
        """The footer a fix writes."""
        return self.footers[0]

    # -- header --------------------------------------------------------------------------------

    def match_header(self, line: Line) -> Header | None:
        """The line as a (possibly damaged) header, or None if it is not one."""
        if ":" not in line.text:  # no time: most lines, told without copying them
            return None
        found = self._header_tail(line)
        if found is None:
            return None
        match, start, has_prefix = found
        text, number, spans = line.text, line.number, match.regs
        date, sep1, time, sep2, views = [
            None if at < 0 else Field(text[at:end], Span(number, at + 1, number, end + 1))
            for at, end in map(spans.__getitem__, self._header_groups)
        ]
        assert date is not None and sep1 is not None and time is not None
        prefix = Field.slice(line, start, match.start()) if has_prefix else None
        return Header(line, prefix, date, sep1, time, sep2, views)

    def is_header(self, line: Line) -> bool:
        """Whether :meth:`match_header` reads the line as a header, without making its fields
        (cutting a large file into stretches asks this of every line with a colon)."""
        return ":" in line.text and self._header_tail(line) is not None

    def _header_tail(self, line: Line) -> tuple[re.Match[str], int, bool] | None:
        """The header tail of a line with a colon, where the line's content starts, and whether
        text stands before the tail; None if the line is no header."""
        text = line.text.rstrip()
        window_start = max(0, len(text) - _TAIL_WINDOW)
        if ":" not in text[window_start:]:
            return None
        match = self.header_tail.search(text, window_start)
        if match is None or not _starts_token(text, match.start()):
            return None
        start = content_start(line)
        has_prefix = text[start : match.start()].strip() != ""
        if has_prefix and not _complete_tail(match):
            return None
        return match, start, has_prefix

    def match_crawl_date(self, field: Field) -> Field | None:
        """The crawl date stated in text before the first header, with its span, or None."""
        match = self._crawl_date.search(field.text)
        if match is None:
            return None
        column = field.span.column - 1
        span = Span.on_line(
            field.span.line, column + match.start("date"), column + match.end("date")
        )
        return Field(match["date"], span)

    def render_header(self, date: DateParts, time: TimeParts, views: int | str) -> str:
        """The canonical header line for these values (the one place a header is written)."""
        return (
            f"{self.canonical_date(date)}{self.date_time_separator}"
            f"{self.canonical_time(time)}{self.views_separator}{views}"
        )

    def canonical_date(self, parts: DateParts) -> str:
        year, month, day = parts
        sep = self.date_separator
        return f"{day:02d}{sep}{month:02d}{sep}{year:04d}"

    def is_canonical_date(self, token: str) -> bool:
        return self._canonical_date.fullmatch(token) is not None

    def canonical_time(self, parts: TimeParts) -> str:
        hour, minute = parts
        return f"{hour:02d}:{minute:02d}"

    def is_canonical_time(self, token: str) -> bool:
        return self._canonical_time.fullmatch(token) is not None

    # -- image credit --------------------------------------------------------------------------

    def match_credit(self, text: str) -> re.Match[str] | None:
        """An image-credit line, canonical (``Images | Source``) or near-miss, with its ``source``.

        A near-miss with a colon (``Photo: Akorda``) counts only when what follows is a short
        name, not a sentence, so a caption such as ``Photo: the President at the meeting.`` stays
        a paragraph.
        """
        stripped = text.strip()
        match = _CREDIT_NEAR_MISS.fullmatch(stripped) or self._own_credit.fullmatch(stripped)
        if match is None or any(bar in match["separator"] for bar in "|\u00a6\uff5c"):
            return match
        source = match["source"].strip()
        if len(source.split()) > _CREDIT_MAX_WORDS or source.endswith((".", "!", "?")):
            return None
        return match

    def is_credit_label(self, text: str) -> bool:
        """Whether a line starts like a canonical credit (``Images |``), whatever follows."""
        return self._credit_label.match(text.strip()) is not None

    def canonical_credit(self, source: str) -> str:
        return self.credit_label + source.strip()

    # -- footer --------------------------------------------------------------------------------

    def classify_footer(self, text: str) -> FooterKind:
        """Whether a line is a copyright footer, a misspelling of one, or neither."""
        stripped = text.strip()
        if stripped in self.footers:
            return FooterKind.EXACT
        return FooterKind.NEAR_MISS if self.closest_footer(stripped) else FooterKind.NONE

    @property
    def footer_lengths(self) -> tuple[int, int]:
        """How long a text is at least to be a footer or a misspelling of one, and how long at
        most to be a misspelling: :meth:`classify_footer` calls a shorter text no footer, and a
        longer one with nothing to strip no footer unless it :meth:`holds_footer`."""
        return self._shortest_footer_like, self._longest_footer_like

    def holds_footer(self, text: str) -> bool:
        """Whether one of the footers stands in ``text``."""
        return any(footer in text for footer in self.footers)

    def closest_footer(self, text: str) -> str | None:
        """The footer ``text`` is a misspelling of (within 20 % of its length and 85 % similar),
        or holds with other text pasted before or after it (a figure, a name), or None."""
        if len(text) < self._shortest_footer_like:
            return None  # most paragraphs: too short to hold a footer or to be a misspelt one
        for footer, shortest, longest, counts in self._footer_windows:
            if footer in text:
                return footer
            if shortest <= len(text) <= longest and _similar(text, footer, counts):
                return footer
        return None


CharacterCounts = tuple[tuple[str, int], ...]
"""Each character of a text with how often it occurs."""
_LEVENSHTEIN = "rapidfuzz.distance.Levenshtein"


def character_counts(text: str) -> CharacterCounts:
    return tuple(Counter(text).items())


def fewest_edits(text: str, other: CharacterCounts) -> int:
    """At most the edit distance between ``text`` and a text with the character counts
    ``other``: an insertion or a deletion changes one count by one, a substitution two."""
    shared = apart = 0
    for character, count in other:
        found = text.count(character)
        shared += found
        apart += abs(found - count)
    return (apart + len(text) - shared + 1) // 2


class _Bounded:
    """How many texts :func:`fewest_edits` has told from a footer so far in this process."""

    texts = 0


_BOUNDED_TEXTS = 256
"""How many texts :func:`fewest_edits` tells from a footer before rapidfuzz is loaded to tell
the others: a bound costs ten times the distance, so a file with more footer-long paragraphs
than a seed's soon makes up for the 8 ms of loading it."""


def _similar(text: str, footer: str, counts: CharacterCounts) -> bool:
    """Whether ``text`` is 85 % similar to ``footer`` (Levenshtein). Until rapidfuzz is loaded
    (8 ms), :func:`fewest_edits` answers most texts without it: a small file's footer-long
    paragraphs are seldom misspelt footers. Once it is loaded, its distance is the cheaper test;
    it is loaded after :data:`_BOUNDED_TEXTS` texts at the latest."""
    if _LEVENSHTEIN not in sys.modules and _Bounded.texts < _BOUNDED_TEXTS:
        _Bounded.texts += 1
        allowed = (1 - _FOOTER_MIN_SIMILARITY) * max(len(text), len(footer))
        if fewest_edits(text, counts) > allowed + 1:  # one edit to spare for float rounding
            return False
    from rapidfuzz.distance import Levenshtein  # lazy: 8 ms, for a footer-long line only

    return bool(
        Levenshtein.normalized_similarity(text, footer, score_cutoff=_FOOTER_MIN_SIMILARITY)
    )


def _near_footer_lengths(footer: str) -> tuple[int, int]:
    """The shortest and longest text that may be a misspelling of ``footer`` (20 % off its
    length); a text holding the footer is at least as long as the shortest."""
    return int(len(footer) * 0.8), int(len(footer) * 1.2)


def _credit_with_label(credit_label: str) -> re.Pattern[str]:
    """A credit line with the dialect's own label (``Фото | ТАСС`` for the label ``Фото | ``),
    however separated, for labels the near-miss pattern does not know."""
    label = re.escape(credit_label.split("|")[0].strip())
    return compiled(
        rf"(?P<label>{label})(?P<separator>[ \t]*[|:\u00a6\uff5c][ \t]*)(?P<source>.*)",
        re.IGNORECASE,
    )


def _complete_tail(match: re.Match[str]) -> bool:
    """Whether a header tail is complete enough to stand after stray text: comma-separated, with
    a number-shaped view count."""
    views = match["views"]
    return (
        views is not None
        and "," in match["sep1"]
        and _NUMBER_SHAPED_VIEWS.fullmatch(views) is not None
    )


def is_views_placeholder(token: str) -> bool:
    """Whether a views token is a placeholder for a count that was not read (``n/a``, ``-``)."""
    return re.fullmatch(_PLACEHOLDER, token) is not None


def _starts_token(text: str, index: int) -> bool:
    return index == 0 or not _TOKEN_CHAR.match(text, index - 1)


# -- header token values (whatever the dialect: damaged tokens are read in any clear order) -----


@functools.lru_cache(maxsize=4096)
def date_parts(token: str) -> DateParts | None:
    """(year, month, day) of a date token in any unambiguous order, not checked as a calendar
    (cached: a dump has a few dozen articles a day, and the record, the entry and several rules
    ask for each article's)."""
    match = _DAY_FIRST.fullmatch(token) or _YEAR_FIRST.fullmatch(token)
    if match is None:
        return None
    return int(match["y"]), int(match["m"]), int(match["d"])


@functools.lru_cache(maxsize=4096)
def time_parts(token: str) -> TimeParts | None:
    """(hour, minute) of a time token; seconds, if written, are not part of the dump format
    (cached as :func:`date_parts` is)."""
    match = _TIME.fullmatch(token)
    return (int(match["h"]), int(match["m"])) if match else None


def views_value(token: str) -> int | None:
    """The view count as an integer (negative when written with a minus), or None when it is not
    written as plain digits (``12k``, ``1,204``, ``+12``, ``-0``, full-width digits)."""
    if _VIEWS.fullmatch(token) is None:
        return None
    try:
        return int(token.replace("\u2212", "-"))
    except ValueError:  # beyond Python's digit limit for int(): no real view counter
        return None
