"""Lines to blocks: the preamble before the first header, then one :class:`Article` per header.

The parser is total (any line sequence parses) and lossless (every line belongs to exactly one
block, in order, so :func:`render` gives back the input bytes). It streams: only the article being
read is held in memory.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from kzvalidate.grammar import (
    FooterKind,
    Header,
    classify_footer,
    content_start,
    is_credit_label,
    match_credit,
    match_header,
)
from kzvalidate.model import Field, Line, Span
from kzvalidate.reading import iter_lines

PREAMBLE_CHUNK = 1024


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

    @property
    def is_bare(self) -> bool:
        """Only a header: no title, no body, no footer."""
        return all(is_blank(line) for line in self.lines[1:])

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


def is_blank(line: Line) -> bool:
    """Nothing but blanks (and the byte-order mark of line 1)."""
    return not line.text[content_start(line) :].strip()


def stripped_field(line: Line) -> Field:
    """The line's text without surrounding blanks or BOM, with the span of what is left."""
    text = line.text[content_start(line) :]
    start = content_start(line) + len(text) - len(text.lstrip())
    end = len(line.text.rstrip())
    return Field.slice(line, start, max(start, end))


def parse(lines: Iterable[Line], path: str) -> Iterator[Block]:
    """Group lines into blocks as they stream past."""
    pending: list[Line] = []
    header: Header | None = None
    index = 0
    for line in lines:
        found = match_header(line)
        if found is not None:
            if header is not None:
                yield build_article(path, index, header, pending)
            elif pending:
                yield Preamble(path, tuple(pending))
            index += 1
            header, pending = found, [line]
        else:
            pending.append(line)
            if header is None and len(pending) >= PREAMBLE_CHUNK:
                yield Preamble(path, tuple(pending))
                pending = []
    if header is not None:
        yield build_article(path, index, header, pending)
    elif pending:
        yield Preamble(path, tuple(pending))


def build_article(path: str, index: int, header: Header, lines: list[Line]) -> Article:
    content = [stripped_field(line) for line in lines[1:] if not is_blank(line)]
    kinds = [classify_footer(field.text) for field in content]
    title: Field | None = None
    if content and kinds[0] is FooterKind.NONE and not is_credit_label(content[0].text):
        title = content[0]
    rest = list(zip(content, kinds, strict=True))[1 if title else 0 :]
    credit = _credit(rest[0][0]) if rest and rest[0][1] is FooterKind.NONE else None
    if credit is not None:
        rest = rest[1:]
    footers = [(field, kind) for field, kind in rest if kind is not FooterKind.NONE]
    footer, footer_kind = footers[-1] if footers else (None, FooterKind.NONE)
    misplaced = [field for field, _ in footers[:-1]]
    if footer is not None and rest[-1][0] is not footer:
        misplaced.append(footer)
    return Article(
        path=path,
        index=index,
        header=header,
        lines=tuple(lines),
        title=title,
        credit=credit,
        body=tuple(field for field, kind in rest if kind is FooterKind.NONE),
        footer=footer,
        footer_kind=footer_kind,
        misplaced_footers=tuple(misplaced),
    )


def _credit(field: Field) -> Credit | None:
    match = match_credit(field.text)
    if match is None:
        return None
    line, start = field.span.line, field.span.column - 1
    source_span = Span.on_line(line, start + match.start("source"), start + match.end("source"))
    source = Field(match["source"], source_span)
    return Credit(field, source)


def parse_bytes(data: bytes, path: str = "<bytes>") -> list[Block]:
    """Parse a whole dump held in memory (tests, small inputs)."""
    return list(parse(iter_lines(io.BytesIO(data)), path))


def render(blocks: Iterable[Block]) -> bytes:
    """The exact bytes the blocks were parsed from."""
    return b"".join(line.raw for block in blocks for line in block.lines)
