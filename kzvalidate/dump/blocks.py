"""What the parser makes of a dump: the preamble before the first header, then articles, each
made of fields that know their span. Format-independent: a dialect decides what the lines mean,
these classes hold the result."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from kzvalidate.model import ArticleRef, Field, Line, Span

BOM = "\ufeff"


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
        header = self.header
        title = None if self.title is None else self.title.text
        return ArticleRef(header.line.number, header.date.text, header.time.text, title)

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
        return next(line for line in reversed(self.lines) if not is_blank(line))

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
        return tuple(sorted((*self.paragraphs, self.credit.source), key=lambda f: f.span.line))

    @property
    def span(self) -> Span:
        last = self.last_line
        return Span(self.header.line.number, 1, last.number, len(last.text) + 1)


Block = Preamble | Article


def content_start(line: Line) -> int:
    """Index of the first character after a leading byte-order mark."""
    return 1 if line.number == 1 and line.text.startswith(BOM) else 0


def is_blank(line: Line) -> bool:
    """Nothing but blanks (and the byte-order mark of line 1)."""
    return not line.text[content_start(line) :].strip()


def stripped_field(line: Line) -> Field:
    """The line's text without surrounding blanks or BOM, with the span of what is left."""
    text = line.text[content_start(line) :]
    start = content_start(line) + len(text) - len(text.lstrip())
    end = len(line.text.rstrip())
    return Field.slice(line, start, max(start, end))
