"""The collection contract's definitions, shared by the streaming rules of ``lint`` and the pandera
model of a table (:mod:`kzvalidate.contract.table`), so that both mean the same thing:

* an article's **content hash**: its title and body with whitespace runs and quote styles folded,
  hashed; two articles with the same hash are the same text, however the scraper spaced or quoted
  it;
* its **title key**: the folded title and the publication moment, which name an article;
* **newest-first order**: which articles of a file break it (:func:`out_of_order`).

Light on purpose: the lint path imports this module, never pandas.
"""

from __future__ import annotations

import bisect
import unicodedata
from _blake2 import blake2b  # hashlib's, without hashlib's loading OpenSSL: 3 ms (issue 12)
from array import array
from collections.abc import Iterable, Iterator, Mapping, MutableSequence, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from itertools import repeat
from typing import Any

from kzvalidate.model import ArticleRef, Excerpt, Span, pickled_as_values, set_through_slots

_DOUBLE_QUOTES = "\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033\u301d\u301e"
_SINGLE_QUOTES = "\u2018\u2019\u201a\u201b\u2032`\u00b4\u2039\u203a"
_PLAIN_QUOTE = dict.fromkeys(_DOUBLE_QUOTES, '"') | dict.fromkeys(_SINGLE_QUOTES, "'")
_ASCII_QUOTE_MARK = "`"
HASH_BYTES = 16


def fold(text: str) -> str:
    """Text as compared across articles: NFC, quote styles made plain, blank runs one space."""
    text = _plain_quotes(text)
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text  # its only blanks are single spaces between words: nothing to fold
    return " ".join(text.split())


def fold_lines(parts: Sequence[str]) -> str:
    """The parts folded (:func:`fold`) and joined by line feeds, normalised and unquoted as one
    text: a line feed is a stable character, which no normalisation joins to its neighbours.
    Neither normalisation nor unquoting puts a space at either end of a part or takes one away,
    so the parts themselves tell whether a space stands next to a line feed or at an end."""
    text = "\n".join(parts)
    if text.count("\n") != len(parts) - 1:  # a part holds a line feed: fold each on its own
        return "\n".join(map(fold, parts))
    text = _plain_quotes(text)
    if (
        "  " not in text
        and not any(map(str.startswith, parts, repeat(" ")))
        and not any(map(str.endswith, parts, repeat(" ")))
        and all(map(str.isprintable, parts))
    ):
        return text  # as in fold: nothing to fold in any part
    return "\n".join([" ".join(part.split()) for part in text.split("\n")])


def _plain_quotes(text: str) -> str:
    """NFC, with every quote mark made plain (a replacement per mark found is several times
    faster than a regular expression's, and the ASCII text of most articles has none)."""
    if text.isascii():
        return text.replace(_ASCII_QUOTE_MARK, "'") if _ASCII_QUOTE_MARK in text else text
    text = unicodedata.normalize("NFC", text)
    for mark, plain in _PLAIN_QUOTE.items():
        if mark in text:
            text = text.replace(mark, plain)
    return text


def content_hash(title: str | None, body: Iterable[str]) -> str | None:
    """The hash of the folded title and body paragraphs (hex), None for an article without text."""
    parts = [title or "", *body]
    text = fold_lines(parts)
    if len(text) == len(parts) - 1:  # nothing but the line feeds: every part folded to nothing
        return None
    data = text.encode("utf-8", "surrogateescape")  # undecodable bytes as read
    digest = blake2b(data, digest_size=HASH_BYTES)
    return digest.hexdigest()


def key_digest(key: str) -> bytes:
    """A key as the 16 bytes a collector keeps of it (a collision is as unlikely as a content
    hash's)."""
    return blake2b(key.encode("utf-8", "surrogateescape"), digest_size=HASH_BYTES).digest()


def title_key(title: str | None, published: str | None) -> str | None:
    """The folded title and the ISO publication moment, None when either is missing."""
    if not title or published is None:
        return None
    return minute_title_key(title, datetime.fromisoformat(published).isoformat(timespec="minutes"))


def minute_title_key(title: str, minute: str) -> str:
    """The title key of ``title`` published at ``minute`` (ISO 8601 to the minute, with its
    offset, as :func:`title_key` writes it)."""
    return f"{fold(title)}\n{minute}"


@set_through_slots
@pickled_as_values
@dataclass(frozen=True, slots=True)
class Entry:
    """What a run rule sees of one article: where its header stands (and its text, to show under
    a finding), and what names the article. Small and picklable, so that the articles can be
    read anywhere (another process, a cluster worker) and compared in one place."""

    path: str
    line: int
    span: Span
    header: Excerpt
    published: datetime | None
    content_hash: str | None
    title_key: str | None
    article: ArticleRef | None = None


EntryRow = tuple[Any, ...]
"""An :class:`Entry` as plain values (numbers, strings, None and tuples of them)."""


def entry_row(entry: Entry) -> EntryRow:
    """The entry as plain values, which :mod:`marshal` writes; :func:`entry_of_row` reads them."""
    header, article = entry.header, entry.article
    return (
        entry.path,
        entry.line,
        (entry.span.line, entry.span.column, entry.span.end_line, entry.span.end_column),
        (header.number, header.start, header.text, header.ending),
        None if entry.published is None else entry.published.isoformat(),
        entry.content_hash,
        entry.title_key,
        None if article is None else (article.line, article.date, article.time, article.title),
    )


def entry_of_row(row: EntryRow) -> Entry:
    """The entry :func:`entry_row` made ``row`` of (an equal one)."""
    path, line, span, header, published, content, title, article = row
    return Entry(
        path,
        line,
        Span(*span),
        Excerpt(*header),
        None if published is None else datetime.fromisoformat(published),
        content,
        title,
        None if article is None else ArticleRef(*article),
    )


@dataclass(frozen=True, slots=True)
class Breach:
    """Article ``index`` breaks the newest-first order: it is newer than article ``other``, which
    stands before it (``newer`` is True), or older than ``other``, which stands after it."""

    index: int
    other: int
    newer: bool


def first_copies(entries: Iterable[Entry]) -> list[Entry]:
    """The entries in order without the copies of an earlier one (same content hash): the ones
    whose order means something."""
    seen: set[str] = set()
    kept: list[Entry] = []
    for entry in entries:
        if entry.content_hash is not None:
            if entry.content_hash in seen:
                continue
            seen.add(entry.content_hash)
        kept.append(entry)
    return kept


def out_of_order(moments: Sequence[datetime | None]) -> list[Breach]:
    """The articles (by position) to move so that the rest stand newest first.

    The articles kept are a longest newest-first subsequence of those with a moment (equal moments
    are in order); of several, the one that keeps the earliest articles. Each other article is
    reported once, against the nearest kept article it is out of order with. Articles without a
    moment are skipped: their date is another rule's finding.
    """
    return out_of_order_times(
        [None if moment is None else moment.timestamp() for moment in moments]
    )


def out_of_order_times(instants: Sequence[float | None]) -> list[Breach]:
    """:func:`out_of_order` over the moments as timestamps (any unit, larger is later), so that
    a table can give a column of numbers instead of datetime objects."""
    known = [index for index, instant in enumerate(instants) if instant is not None]
    times = [instant for instant in instants if instant is not None]
    return [
        Breach(known[position], known[other], newer)
        for position, other, newer in newest_first_breaches(times)
    ]


def newest_first_breaches(times: Sequence[float]) -> Iterator[tuple[int, int, bool]]:
    """:func:`out_of_order` over moments that are all known, as ``(position, other, newer)``.
    Given an :class:`array.array`, it keeps its working state in arrays too (some bytes per
    moment), so that a file of a million articles is ordered in a few megabytes.

    The article an out-of-order one is reported against is the nearest kept one it is out of
    order with: an older one before it, else a newer one after it. The kept articles stand newest
    first, so only the last kept one before it can be older, and only the first kept one after it
    newer; one of the two is (else it could be kept too, and the kept run would be longer)."""
    kept = _longest_newest_first(times)
    previous = -1
    for position in range(len(times)):
        if kept[position]:
            previous = position
        elif previous >= 0 and times[previous] < times[position]:
            yield position, previous, True
        else:
            yield position, kept.find(1, position + 1), False


def _longest_newest_first(times: Sequence[float]) -> bytearray:
    """Flags (1 = kept) of the longest non-increasing subsequence that keeps the earliest
    positions."""
    longest_from = array("I", bytes(4 * len(times)))  # longest non-increasing run from each one
    tails: MutableSequence[float] = array(times.typecode) if isinstance(times, array) else []
    for position in range(len(times) - 1, -1, -1):
        at = bisect.bisect_right(tails, times[position])
        if at == len(tails):
            tails.append(times[position])
        else:
            tails[at] = times[position]
        longest_from[position] = at + 1
    kept = bytearray(len(times))
    need, last = len(tails), float("inf")
    for position, moment in enumerate(times):
        if need and moment <= last and longest_from[position] == need:
            kept[position] = 1
            need, last = need - 1, moment
    return kept


COLUMNS = (
    "path", "line", "published", "date", "time", "views", "title", "image_credit",
    "footer_present", "paragraphs", "figures", "content_hash", "title_key", "crawled",
)  # fmt: skip
"""The collection table's columns, one row per article (see :func:`collection_row`)."""


def collection_row(record: Mapping[str, Any]) -> dict[str, Any]:
    """An article record (``article.schema.json``) as a row of the collection table: typed
    values, None where the record's value cannot be read as one (its finding is the article
    contract's)."""
    source = record.get("source") or {}
    published = _moment(record.get("published"))
    title = _text(record.get("title"))
    views = record.get("views")
    body = record.get("body")
    return {
        "path": source.get("path"),
        "line": source.get("line"),
        "published": published,
        "date": _day(record.get("date")),
        "time": _clock(record.get("time")),
        "views": views if isinstance(views, int) and not isinstance(views, bool) else None,
        "title": title,
        "image_credit": _text(record.get("image_credit")),
        "footer_present": record.get("footer") is not None,
        "paragraphs": len(body) if isinstance(body, list) else 0,
        "figures": len(record.get("figures") or ()),
        "content_hash": _text(record.get("content_hash")),
        "title_key": title_key(title, None if published is None else published.isoformat()),
        "crawled": _day(record.get("crawled")),
    }


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _moment(value: object) -> datetime | None:
    try:
        moment = datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None
    return moment if moment is not None and moment.utcoffset() is not None else None


def _day(value: object) -> date | None:
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _clock(value: object) -> time | None:
    try:
        return time.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None
