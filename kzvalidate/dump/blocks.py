"""What the parser makes of a dump: the preamble before the first header, then articles, each
made of fields that know their span. Format-independent: a dialect decides what the lines mean,
these classes hold the result."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from operator import attrgetter

from kzvalidate.model import ArticleRef, Field, Line, Span, set_through_slots

BOM = "\ufeff"


@set_through_slots
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


@dataclass(frozen=True, slots=True)
class Preamble:
    """Lines before the first header (normally none)."""

    path: str
    lines: tuple[Line, ...]


@dataclass(frozen=True, slots=True)
class Credit:
    """An image-credit line (``Images | Source``): the whole credit text and its source."""

    text: Field
    source: Field


@set_through_slots
@dataclass(frozen=True, slots=True)
class Article:
    path: str
    index: int
    header: Header
    lines: tuple[Line, ...]
    title: Field | None
    credit: Credit | None
    body: tuple[Field, ...]
    footer: Field | None
    footer_kind: FooterKind
    misplaced_footers: tuple[Field, ...]
    crawled: Field | None = None
    """The day the file says it was crawled (ISO date text), if it says so before its first
    header; every article of the file carries it."""

    @property
    def ref(self) -> ArticleRef:
        """How findings name this article: header line, date and time as written, title."""
        kept = _LastRef.kept
        if kept is not None and kept[0] is self:
            return kept[1]
        header = self.header
        title = None if self.title is None else self.title.text
        ref = ArticleRef(header.line.number, header.date.text, header.time.text, title)
        _LastRef.kept = (self, ref)
        return ref

    @property
    def is_bare(self) -> bool:
        """Only a header: no title, no body, no footer."""
        return all(is_blank(line) for line in self.lines[1:])

    @property
    def blank_title_slot(self) -> Line | None:
        """The line after the header when it is blank and text follows: the title's place, left
        empty (the article then has no title; the text after it is not moved up into it)."""
        if len(self.lines) < 2 or not is_blank(self.lines[1]) or self.is_bare:
            return None
        return self.lines[1]

    @property
    def stray_blank_lines(self) -> tuple[Line, ...]:
        """The blank lines of the article, but for a blank title slot: inside it or after its last
        line, before the next header."""
        slot = self.blank_title_slot
        return tuple(line for line in self.lines[1:] if is_blank(line) and line is not slot)

    @property
    def last_line(self) -> Line:
        """The last line of the article that is not blank."""
        lines = self.lines
        for index in range(len(lines) - 1, 0, -1):
            if not is_blank(lines[index]):
                return lines[index]
        return lines[0]  # the header

    @property
    def paragraphs(self) -> tuple[Field, ...]:
        """The running text, in order: the title (if any) and the body paragraphs."""
        return self.body if self.title is None else (self.title, *self.body)

    @property
    def prose(self) -> tuple[Field, ...]:
        """Everything the article's writers wrote, in line order: the title, the source named by
        the image credit, the body paragraphs."""
        if self.credit is None:
            return self.paragraphs
        kept = _LastProse.kept
        if kept is not None and kept[0] is self:
            return kept[1]
        prose = tuple(sorted((*self.paragraphs, self.credit.source), key=_LINE_NUMBER))
        _LastProse.kept = (self, prose)
        return prose

    @property
    def span(self) -> Span:
        last = self.last_line
        return Span(self.header.line.number, 1, last.number, len(last.text) + 1)


Block = Preamble | Article


class _LastRef:
    """The reference of the article named last: the engine, the file rules and the run rules
    all name the article they read. One tuple, so that a thread never reads one article's
    reference for another."""

    kept: tuple[Article, ArticleRef] | None = None


class _LastProse:
    """The prose of the article with an image credit asked last: several text rules read each
    article's. One tuple, as :class:`_LastRef`."""

    kept: tuple[Article, tuple[Field, ...]] | None = None


_LINE_NUMBER = attrgetter("span.line")


def content_start(line: Line) -> int:
    """Index of the first character after a leading byte-order mark."""
    return 1 if line.number == 1 and line.text.startswith(BOM) else 0


def is_blank(line: Line) -> bool:
    """Nothing but blanks (and the byte-order mark of line 1)."""
    text = line.text
    if line.number == 1 and text.startswith(BOM):
        text = text[1:]
    return not text or text.isspace()


def stripped_field(line: Line) -> Field:
    """The line's text without surrounding blanks or BOM, with the span of what is left."""
    text, number = line.text, line.number
    if text and not (text[0].isspace() or text[-1].isspace() or text[0] == BOM):
        return Field(text, Span(number, 1, number, len(text) + 1))  # most lines: nothing to strip
    lead = content_start(line)
    text = text[lead:] if lead else text
    content = text.strip()
    start = lead + len(text) - len(text.lstrip()) if content else lead + len(text)
    return Field(content, Span(number, start + 1, number, start + len(content) + 1))
