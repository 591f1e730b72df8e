"""The dump grammar: what a header, an image credit and the copyright footer look like.

A header is ``DD.MM.YYYY, HH:MM VIEWS``. Scrapers damage headers, so a *near-miss header* is
recognised too, to keep article boundaries right and report the defect where it is:

* the line **ends** with ``<date> <time> [<views>]``, where the date is three digit groups joined by
  ``.``, ``/`` or ``-`` (``31.02.2026``, ``2026-03-03``, ``3/3/26``), the time is ``H:MM``-shaped
  (``25:61``) and the views token, if any, starts with a digit or a sign (``-12``, ``12k``);
* before the date there is either nothing but blanks, or stray text (``" date 2026-03-04 "``) —
  stray text is accepted only when the tail is complete and comma-separated
  (``03.03.2026, 14:12 11421``), the shape no sentence ends with.

Anything else is prose: a paragraph that begins with a number, date or score (``2025-2030 plan``,
``12.05.2025 marked ...``, ``0:5 was the final score``) goes on with words after it, so it never
*ends* in the header shape.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from kzvalidate.model import Field, Line

FOOTER = (
    "This information may not be reproduced without reference to Kazakhstan Today. "
    "Copyright of materials of News Agency Kazakhstan Today."
)
CREDIT_LABEL = "Images | "
BOM = "\ufeff"

# The header tail is short; matching only the last characters keeps every line linear-time.
_TAIL_WINDOW = 96
_HEADER_TAIL = re.compile(
    r"(?P<date>\d{1,4}[./-]\d{1,2}[./-]\d{1,4})"
    r"(?P<sep1>[ \t]*,[ \t]*|[ \t]+)"
    r"(?P<time>\d{1,2}:\d{1,2}(?::\d{1,2})?)"
    r"(?:(?P<sep2>[ \t]+)(?P<views>[-+\u2212]?\d[\w.,]*))?"
    r"[ \t]*\Z"
)
_TOKEN_CHAR = re.compile(r"[\w.,:/+\-\u2212]")
_CREDIT_NEAR_MISS = re.compile(
    r"(?P<label>images?|photos?|image credit|photo credit)"
    r"(?P<separator>[ \t]*[|:\u00a6\uff5c][ \t]*)(?P<source>.*)",
    re.IGNORECASE,
)
_CREDIT_LABEL = re.compile(r"images?[ \t]*\|", re.IGNORECASE)
_CREDIT_MAX_WORDS = 5

_FOOTER_MIN_SIMILARITY = 0.85
_FOOTER_MIN_LEN = int(len(FOOTER) * 0.8)
_FOOTER_MAX_LEN = int(len(FOOTER) * 1.2)


@dataclass(frozen=True, slots=True)
class Header:
    """A header line split into its tokens. ``prefix`` is stray text before the date."""

    line: Line
    prefix: Field | None
    date: Field
    date_time_separator: Field
    time: Field
    views_separator: Field | None
    views: Field | None


class FooterKind(Enum):
    NONE = "none"
    EXACT = "exact"
    NEAR_MISS = "near-miss"


def content_start(line: Line) -> int:
    """Index of the first character after a leading byte-order mark."""
    return 1 if line.number == 1 and line.text.startswith(BOM) else 0


def match_header(line: Line) -> Header | None:
    """The line as a (possibly damaged) header, or None if it is not one."""
    text = line.text.rstrip()
    window_start = max(0, len(text) - _TAIL_WINDOW)
    if ":" not in text[window_start:]:
        return None
    match = _HEADER_TAIL.search(text, window_start)
    if match is None or not _starts_token(text, match.start()):
        return None
    start = content_start(line)
    prefix_text = text[start : match.start()]
    has_prefix = prefix_text.strip() != ""
    if has_prefix and (match["views"] is None or "," not in match["sep1"]):
        return None

    def field(group: str) -> Field | None:
        if match[group] is None:
            return None
        return Field.slice(line, match.start(group), match.end(group))

    date, sep1, time = field("date"), field("sep1"), field("time")
    assert date is not None and sep1 is not None and time is not None
    prefix = Field.slice(line, start, match.start()) if has_prefix else None
    return Header(line, prefix, date, sep1, time, field("sep2"), field("views"))


def _starts_token(text: str, index: int) -> bool:
    return index == 0 or not _TOKEN_CHAR.match(text, index - 1)


def classify_footer(text: str) -> FooterKind:
    """Whether a line is the copyright footer, a misspelling of it, or neither."""
    stripped = text.strip()
    if stripped == FOOTER:
        return FooterKind.EXACT
    if not _FOOTER_MIN_LEN <= len(stripped) <= _FOOTER_MAX_LEN:
        return FooterKind.NONE
    from rapidfuzz.distance import Levenshtein

    similarity = Levenshtein.normalized_similarity(
        stripped, FOOTER, score_cutoff=_FOOTER_MIN_SIMILARITY
    )
    return FooterKind.NEAR_MISS if similarity else FooterKind.NONE


def match_credit(text: str) -> re.Match[str] | None:
    """An image-credit line, canonical (``Images | Source``) or near-miss, with its ``source``.

    A near-miss with a colon (``Photo: Akorda``) counts only when what follows is a short name,
    not a sentence, so a caption such as ``Photo: the President at the meeting.`` stays a
    paragraph.
    """
    match = _CREDIT_NEAR_MISS.fullmatch(text.strip())
    if match is None or any(bar in match["separator"] for bar in "|\u00a6\uff5c"):
        return match
    source = match["source"].strip()
    if len(source.split()) > _CREDIT_MAX_WORDS or source.endswith((".", "!", "?")):
        return None
    return match


def is_credit_label(text: str) -> bool:
    """Whether a line starts like a canonical credit (``Images |``), whatever follows."""
    return _CREDIT_LABEL.match(text.strip()) is not None


def canonical_credit(source: str) -> str:
    return CREDIT_LABEL + source.strip()


# -- header token values ----------------------------------------------------------------------

# Values are read from ASCII digits only: full-width or other scripts' digits are defects.
_DAY_FIRST = re.compile(r"(?P<d>\d{1,2})(?P<s>[./-])(?P<m>\d{1,2})(?P=s)(?P<y>\d{4})", re.ASCII)
_YEAR_FIRST = re.compile(r"(?P<y>\d{4})(?P<s>[./-])(?P<m>\d{1,2})(?P=s)(?P<d>\d{1,2})", re.ASCII)
_CANONICAL_DATE = re.compile(r"\d{2}\.\d{2}\.\d{4}", re.ASCII)
_TIME = re.compile(r"(?P<h>\d{1,2}):(?P<m>\d{2})(?::(?P<s>\d{2}))?", re.ASCII)
_CANONICAL_TIME = re.compile(r"\d{2}:\d{2}", re.ASCII)
_VIEWS = re.compile(r"[0-9]+|[-\u2212]0*[1-9][0-9]*")


def date_parts(token: str) -> tuple[int, int, int] | None:
    """(year, month, day) of a date token in any unambiguous order, not checked as a calendar."""
    match = _DAY_FIRST.fullmatch(token) or _YEAR_FIRST.fullmatch(token)
    if match is None:
        return None
    return int(match["y"]), int(match["m"]), int(match["d"])


def is_canonical_date(token: str) -> bool:
    return _CANONICAL_DATE.fullmatch(token) is not None


def canonical_date(parts: tuple[int, int, int]) -> str:
    year, month, day = parts
    return f"{day:02d}.{month:02d}.{year:04d}"


def time_parts(token: str) -> tuple[int, int] | None:
    """(hour, minute) of a time token; seconds, if written, are not part of the dump format."""
    match = _TIME.fullmatch(token)
    return (int(match["h"]), int(match["m"])) if match else None


def is_canonical_time(token: str) -> bool:
    return _CANONICAL_TIME.fullmatch(token) is not None


def views_value(token: str) -> int | None:
    """The view count as an integer (negative when written with a minus), or None when it is not
    written as plain digits (``12k``, ``1,204``, ``+12``, ``-0``, full-width digits)."""
    if _VIEWS.fullmatch(token) is None:
        return None
    try:
        return int(token.replace("\u2212", "-"))
    except ValueError:  # beyond Python's digit limit for int(): no real view counter
        return None
