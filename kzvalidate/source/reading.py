"""Bytes to lines: open a path or stdin, refuse what is not text, and stream its lines.

Memory stays flat whatever the file size: lines are produced one at a time. Undecodable bytes are
kept as lone surrogates so every line gives back its exact bytes (the parse is lossless); the
encoding rules report them.
"""

from __future__ import annotations

import errno
import io
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import accumulate, chain, count, repeat
from operator import add
from pathlib import Path
from typing import Any, BinaryIO

from kzvalidate.model import Line

SNIFF_BYTES = 8192
READ_BYTES = io.DEFAULT_BUFFER_SIZE
"""How much of a stream is read at a time to be cut into lines."""
_ENDINGS = ("\r\n", "\n", "\r")

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"BZh", "bzip2-compressed data"),
    (b"\xfd7zXZ\x00", "xz-compressed data"),
    (b"\x7fELF", "an executable (ELF)"),
)
_WIDE_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"),
    (b"\xfe\xff", "UTF-16"),
)
_MIN_BINARY_NULS = 32  # fewer NUL bytes are stray defects in text, reported by a rule
_CONVERT_HINT = "convert it to UTF-8 first, e.g. `iconv -f {enc} -t UTF-8`"


class SourceError(Exception):
    """A file that cannot be linted at all; the message is one clear sentence for the user."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


def sniff_binary(head: bytes) -> str | None:
    """Why ``head`` (the first bytes of a file) is not UTF-8 text, or None if it may be."""
    for magic, what in _MAGIC:
        if head.startswith(magic):
            return f"not a text file: it looks like {what}"
    for bom, encoding in _WIDE_BOMS:
        if head.startswith(bom):
            return f"the file is {encoding} encoded; kzvalidate reads UTF-8: " + (
                _CONVERT_HINT.format(enc=encoding)
            )
    if not head:
        return None
    nuls = head.count(0)
    nul_share = nuls / len(head)
    if nul_share > 0.3 and len(head) >= 8 and _looks_like_utf16(head):
        return "the file looks UTF-16 encoded; kzvalidate reads UTF-8: " + _CONVERT_HINT.format(
            enc="UTF-16"
        )
    if nuls >= _MIN_BINARY_NULS and nul_share > 0.1:
        return f"not a text file: {nul_share:.0%} of its first bytes are NUL bytes"
    return None


def _looks_like_utf16(head: bytes) -> bool:
    """ASCII-range text in UTF-16: every other byte NUL, the bytes between them not."""
    shares = [half.count(0) / max(1, len(half)) for half in (head[0::2], head[1::2])]
    return max(shares) > 0.8 and min(shares) < 0.2


def split_line(raw: bytes, number: int, offset: int) -> Line:
    """The line read as ``raw``, its terminator (one of :data:`_ENDINGS`, or none) split off."""
    text = raw.decode("utf-8", "surrogateescape")
    last = text[-1:]
    if last == "\n":
        if text.endswith("\r\n"):
            return Line(number, offset, text[:-2], "\r\n")
        return Line(number, offset, text[:-1], "\n")
    if last == "\r":
        return Line(number, offset, text[:-1], "\r")
    return Line(number, offset, text, "")


def iter_lines(stream: BinaryIO, after_line: int = 0, offset: int = 0) -> Iterator[Line]:
    """Lines of a binary stream; ``\\n``, ``\\r\\n`` and a lone ``\\r`` each end a line. The
    first is line ``after_line + 1`` at byte ``offset`` (a stream read from inside a file)."""
    return chain.from_iterable(line_blocks(stream, after_line, offset))


def line_blocks(stream: BinaryIO, after_line: int = 0, offset: int = 0) -> Iterator[list[Line]]:
    """:func:`iter_lines` in lists, one for each block read.

    The stream is read a buffer's worth at a time, as iterating over its lines would read it (a
    read error loses no line read before it), and the lines of each block are made together:
    split, decoded and placed by calls that each go over the whole block."""
    read = getattr(stream, "read1", stream.read)
    number, unended = after_line, list[bytes]()
    while block := read(READ_BYTES):
        cut = block.rfind(b"\n") + 1
        if not cut:  # no line ends in it
            unended.append(block)
            continue
        whole = b"".join([*unended, block[:cut]]) if unended else block[:cut]
        unended = [block[cut:]]
        lines = _whole_lines(whole, number, offset)
        yield lines
        number, offset = number + len(lines), offset + len(whole)
    raws = b"".join(unended).splitlines(keepends=True)
    yield list(map(split_line, raws, count(number + 1), accumulate(map(len, raws), initial=offset)))


def _whole_lines(block: bytes, after_line: int, offset: int) -> list[Line]:
    """The lines of ``block``, which ends with a line feed, numbered from ``after_line + 1`` and
    placed from byte ``offset``."""
    numbers = count(after_line + 1)
    if b"\r" in block:
        raws = block.splitlines(keepends=True)
        return list(map(split_line, raws, numbers, accumulate(map(len, raws), initial=offset)))
    pieces = block[:-1].split(b"\n")
    texts = map(bytes.decode, pieces, repeat("utf-8"), repeat("surrogateescape"))
    starts = map(add, accumulate(map(len, pieces), initial=offset), count())  # a feed each
    return list(map(Line, numbers, starts, texts, repeat("\n", len(pieces))))


@dataclass(frozen=True)
class Source:
    """Something to lint: a display name and a way to stream its lines."""

    name: str
    path: Path | None
    _stream: BinaryIO

    def lines(self) -> Iterator[Line]:
        return chain.from_iterable(self._line_blocks())

    def _line_blocks(self) -> Iterator[list[Line]]:
        try:
            yield from line_blocks(self._stream)
        except OSError as error:
            raise SourceError(self.name, f"read failed: {describe_os_error(error)}") from error
        finally:
            self.close()

    def blocks(self, size: int) -> Iterator[bytes]:
        """The bytes in blocks of ``size`` (the last one shorter), for scans that need no lines."""
        try:
            while block := self._stream.read(size):
                yield block
        except OSError as error:
            raise SourceError(self.name, f"read failed: {describe_os_error(error)}") from error
        finally:
            self.close()

    def read_all(self) -> bytes:
        try:
            return self._stream.read()
        except OSError as error:
            raise SourceError(self.name, f"read failed: {describe_os_error(error)}") from error
        finally:
            self.close()

    def close(self) -> None:
        """Close the file; standard input is left open."""
        if self.path is not None:
            self._stream.close()

    def __enter__(self) -> Source:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def open_path(path: Path, name: str | None = None) -> Source:
    """Open a regular file for linting, or raise :class:`SourceError` saying why not."""
    shown = name or str(path)
    try:
        mode = path.stat().st_mode
        if stat.S_ISDIR(mode):
            raise SourceError(shown, "is a directory, not a file")
        if not stat.S_ISREG(mode):
            raise SourceError(shown, f"is not a regular file ({_file_kind(mode)})")
        stream = path.open("rb")
    except OSError as error:
        raise SourceError(shown, describe_os_error(error)) from error
    return _checked(Source(shown, path, stream))


def open_stream(stream: BinaryIO, name: str) -> Source:
    """Wrap an already open binary stream (stdin) as a source."""
    return _checked(Source(name, None, stream))


class _Rewound(io.RawIOBase):
    """The bytes already read to sniff the file, then the rest of the stream."""

    def __init__(self, head: bytes, rest: BinaryIO, error: OSError | None = None) -> None:
        self._head = head
        self._rest = rest
        self._error = error

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self._head:
            size = min(len(buffer), len(self._head))
            buffer[:size] = self._head[:size]
            self._head = self._head[size:]
            return size
        if self._error is not None:
            raise self._error
        data = self._rest.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self._rest.close()
        super().close()


def _read_head(stream: BinaryIO) -> tuple[bytes, OSError | None]:
    """The first SNIFF_BYTES bytes (fewer only at end of file), however the stream delivers them,
    and a read error met after some of them, kept for when the lines reach it."""
    parts: list[bytes] = []
    size = 0
    read = getattr(stream, "read1", stream.read)  # one raw read at a time: no data lost on error
    while size < SNIFF_BYTES:
        try:
            part = read(SNIFF_BYTES - size)
        except OSError as error:
            if not parts:
                raise
            return b"".join(parts), error
        if not part:
            break
        parts.append(part)
        size += len(part)
    return b"".join(parts), None


def _checked(source: Source) -> Source:
    """Refuse binary input; the verdict depends only on the first bytes, never on buffering."""
    try:
        head, deferred = _read_head(source._stream)
    except OSError as error:
        source.close()
        raise SourceError(source.name, f"read failed: {describe_os_error(error)}") from error
    reason = sniff_binary(head)
    if reason is not None:
        source.close()
        raise SourceError(source.name, reason)
    stream = io.BufferedReader(_Rewound(head, source._stream, deferred))
    return Source(source.name, source.path, stream)


def _file_kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "a special file"


def describe_os_error(error: OSError) -> str:
    if error.errno == errno.ENOENT:
        return "no such file or directory"
    if error.errno == errno.EACCES:
        return "permission denied"
    if error.errno == errno.ELOOP:
        return "too many levels of symbolic links (a symlink loop?)"
    if error.errno == errno.EISDIR:
        return "is a directory, not a file"
    return error.strerror.lower() if error.strerror else str(error)
