"""Lines to blocks: the preamble before the first header, then one :class:`Article` per header.

The parser is total (any line sequence parses) and lossless (every line belongs to exactly one
block, in order, so :func:`kzvalidate.dump.render.render` gives back the input bytes). It
streams: only the article being read is held in memory. What a header, credit or footer looks
like is the :class:`~kzvalidate.dump.dialect.Dialect`'s to say.

Blank lines belong to the article they stand in but hold none of its fields. The title is the line
right after the header: when that line is blank the article has no title, and the paragraph after
it stays a body paragraph (a blank line never moves text into another field).
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from itertools import islice

from kzvalidate.dump.blocks import (
    BOM,
    Article,
    Block,
    Credit,
    FooterKind,
    Header,
    Preamble,
    is_blank,
    stripped_field,
)
from kzvalidate.dump.dialect import Dialect
from kzvalidate.dump.dialects import DEFAULT
from kzvalidate.model import Field, Line, Span
from kzvalidate.source.reading import iter_lines

PREAMBLE_CHUNK = 1024
NO_FOOTER = FooterKind.NONE


def parse(lines: Iterable[Line], path: str, dialect: Dialect = DEFAULT) -> Iterator[Block]:
    """Group lines into blocks as they stream past."""
    pending: list[Line] = []
    header: Header | None = None
    crawled: Field | None = None
    index = 0
    for line in lines:
        found = dialect.match_header(line) if ":" in line.text else None  # a header has a time
        if found is not None:
            if header is not None:
                yield build_article(path, index, header, pending, dialect, crawled)
            else:
                crawled = crawled or _crawl_date(found.prefix, dialect)
                if pending:
                    yield Preamble(path, tuple(pending))
            index += 1
            header, pending = found, [line]
        else:
            pending.append(line)
            if header is None:
                crawled = crawled or _crawl_date(stripped_field(line), dialect)
                if len(pending) >= PREAMBLE_CHUNK:
                    yield Preamble(path, tuple(pending))
                    pending = []
    if header is not None:
        yield build_article(path, index, header, pending, dialect, crawled)
    elif pending:
        yield Preamble(path, tuple(pending))


def _crawl_date(text: Field | None, dialect: Dialect) -> Field | None:
    return None if text is None else dialect.match_crawl_date(text)


def build_article(
    path: str,
    index: int,
    header: Header,
    lines: list[Line],
    dialect: Dialect = DEFAULT,
    crawled: Field | None = None,
) -> Article:
    content, footers = _content(lines, dialect)
    footer_at = dict(footers)
    title: Field | None = None
    if (
        content
        and not _title_slot_is_blank(lines)
        and 0 not in footer_at
        and not dialect.is_credit_label(content[0].text)
    ):
        title = content[0]
    start = 1 if title else 0  # where the text after the title starts in ``content``
    credit = None
    if start < len(content) and start not in footer_at:
        credit = _credit(content[start], dialect)
    if credit is not None:
        start += 1
    kept = [position for position, _ in footers if position >= start]
    footer, footer_kind = (content[kept[-1]], footer_at[kept[-1]]) if kept else (None, NO_FOOTER)
    misplaced = [content[position] for position in kept[:-1]]
    if kept and kept[-1] != len(content) - 1:
        misplaced.append(content[kept[-1]])
    return Article(
        path=path,
        index=index,
        header=header,
        lines=tuple(lines),
        title=title,
        credit=credit,
        body=_without(content, start, kept),
        footer=footer,
        footer_kind=footer_kind,
        misplaced_footers=tuple(misplaced),
        crawled=crawled,
    )


def _content(
    lines: list[Line], dialect: Dialect = DEFAULT
) -> tuple[list[Field], list[tuple[int, FooterKind]]]:
    """:func:`~kzvalidate.dump.blocks.stripped_field` of each line after the first (the header)
    that is not blank, and the position and :meth:`Dialect.classify_footer` kind of
    each that is a footer or a misspelling of one. A field shorter than any footer is none; one
    too long to be a misspelt one is one only if it holds a footer, and none does unless they all
    do when joined: one search tells. The others are classified one by one."""
    shortest, longest = dialect.footer_lengths
    fields: list[Field] = []
    sized: list[int] = []  # where the fields of a footer's length stand
    long: list[int] = []  # where the longer ones stand
    for line in islice(lines, 1, None):
        text = line.text
        if text and not (text[0].isspace() or text[-1].isspace() or text[0] == BOM):
            number = line.number
            field = Field(text, Span(number, 1, number, len(text) + 1))  # most lines
        elif not (field := stripped_field(line)).text:
            continue
        size = len(field.text)
        if size >= shortest:
            (long if size > longest else sized).append(len(fields))
        fields.append(field)
    if long and dialect.holds_footer("\n".join([fields[position].text for position in long])):
        sized = sorted(sized + long)
    classify = dialect.classify_footer
    footers = [(at, kind) for at in sized if (kind := classify(fields[at].text)) is not NO_FOOTER]
    return fields, footers


def _without(fields: list[Field], start: int, skipped: list[int]) -> tuple[Field, ...]:
    """``fields`` from position ``start`` on, but for those at the positions ``skipped`` (in
    order, none before ``start``)."""
    if not skipped:
        return tuple(fields[start:])
    kept: list[Field] = []
    for position in skipped:
        kept += fields[start:position]
        start = position + 1
    kept += fields[start:]
    return tuple(kept)


def _title_slot_is_blank(lines: list[Line]) -> bool:
    """Whether the line after the header is blank: then the article has no title, and the text
    after the blank line stays where it is (a blank line never moves a paragraph up to the
    title)."""
    return len(lines) > 1 and is_blank(lines[1])


def _credit(field: Field, dialect: Dialect) -> Credit | None:
    match = dialect.match_credit(field.text)
    if match is None:
        return None
    line, start = field.span.line, field.span.column - 1
    source_span = Span.on_line(line, start + match.start("source"), start + match.end("source"))
    source = Field(match["source"], source_span)
    return Credit(field, source)


def parse_bytes(data: bytes, path: str = "<bytes>", dialect: Dialect = DEFAULT) -> list[Block]:
    """Parse a whole dump held in memory (tests, small inputs)."""
    return list(parse(iter_lines(io.BytesIO(data)), path, dialect))
