"""Whether a file is a news dump at all: does any of its lines read as an article header?

A file with text but no header anywhere is not a news dump (a README, notes, a word list). An
empty file, or one of blank lines only, is a dump with no article.

The answer is known only once a header is read, or the file ends without one, and the rules must
not see a file that is not a dump. :func:`dump_lines` reads ahead to the first header, keeping the
lines before it, and gives the file's lines from the start when a header came. It keeps at most
:data:`HOLD_LINES` lines: past them, a file on disk is read on to look for a header without
keeping anything, then read again from its start if one came, so memory stays flat; a stream that
cannot be read twice (standard input) is kept whole until a header comes.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import chain

from kzvalidate.dump.blocks import is_blank
from kzvalidate.dump.dialect import Dialect
from kzvalidate.model import Line
from kzvalidate.source.reading import Source, open_path

HOLD_LINES = 4096


def dump_lines(source: Source, dialect: Dialect) -> Iterator[Line] | None:
    """The lines of ``source`` from its first, unless the file has text and none of its lines is
    a header of ``dialect``'s (damaged headers count): then None, the file is not a news dump."""
    lines = source.lines()
    held: list[Line] = []
    text = False
    for line in lines:
        held.append(line)
        if dialect.match_header(line) is not None:
            return chain(held, lines)
        text = text or not is_blank(line)
        if len(held) >= HOLD_LINES and source.path is not None:
            return _read_again_if_a_header_comes(source, lines, dialect, text)
    return None if text else iter(held)


def _read_again_if_a_header_comes(
    source: Source, rest: Iterator[Line], dialect: Dialect, text: bool
) -> Iterator[Line] | None:
    assert source.path is not None
    for line in rest:
        if dialect.match_header(line) is not None:
            source.close()
            return open_path(source.path, source.name).lines()
        text = text or not is_blank(line)
    if text:
        return None
    source.close()
    return open_path(source.path, source.name).lines()
