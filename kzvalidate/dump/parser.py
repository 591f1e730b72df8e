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

from kzvalidate.dump.blocks import (
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


def parse(lines: Iterable[Line], path: str, dialect: Dialect = DEFAULT) -> Iterator[Block]:
    """Group lines into blocks as they stream past."""
    pending: list[Line] = []
    header: Header | None = None
    crawled: Field | None = None
    index = 0
    for line in lines:
        found = dialect.match_header(line)
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
    content = [field for field in map(stripped_field, lines[1:]) if field.text]
    kinds = [dialect.classify_footer(field.text) for field in content]
    title: Field | None = None
    if (
        content
        and not _title_slot_is_blank(lines)
        and kinds[0] is FooterKind.NONE
        and not dialect.is_credit_label(content[0].text)
    ):
        title = content[0]
    rest = list(zip(content, kinds, strict=True))[1 if title else 0 :]
    credit = None
    if rest and rest[0][1] is FooterKind.NONE:
        credit = _credit(rest[0][0], dialect)
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
        crawled=crawled,
    )


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
