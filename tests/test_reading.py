"""Bytes to lines: line ends, undecodable bytes, and files that are not text at all."""

from __future__ import annotations

import errno
import io
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from kzvalidate.source.reading import SourceError, iter_lines, open_path, sniff_binary
from tests.helpers import lint_text

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01"


def test_lines_keep_their_endings_and_offsets() -> None:
    lines = list(iter_lines(io.BytesIO(b"a\r\nb\rc\nd")))
    assert [(ln.number, ln.offset, ln.text, ln.ending) for ln in lines] == [
        (1, 0, "a", "\r\n"),
        (2, 3, "b", "\r"),
        (3, 5, "c", "\n"),
        (4, 7, "d", ""),
    ]
    assert b"".join(ln.raw for ln in lines) == b"a\r\nb\rc\nd"


def test_lines_read_from_inside_a_file_are_numbered_and_placed_as_in_it() -> None:
    data = b"x\na\r\nb\rc\nd"
    whole = list(iter_lines(io.BytesIO(data)))
    assert list(iter_lines(io.BytesIO(data[2:]), after_line=1, offset=2)) == whole[1:]


def test_undecodable_bytes_are_kept_and_reported_with_their_values() -> None:
    data = b"03.03.2026, 14:12 5\nTitle\n" + b"caf\xe9 \xff\xfe ok\n"
    lines = list(iter_lines(io.BytesIO(data)))
    assert b"".join(ln.raw for ln in lines) == data
    first, second = lint_text(data, "invalid-utf8").findings
    assert (first.line, first.column, first.end_column) == (3, 4, 5)
    assert first.message == "damaged text: 1 byte that is not UTF-8 (0xE9)"
    assert (second.line, second.column, second.end_column) == (3, 6, 8)
    assert second.message == "damaged text: 2 bytes that are not UTF-8 (0xFF 0xFE)"


def test_streaming_reads_lazily() -> None:
    class CountingStream(io.BytesIO):
        reads = 0

        def readline(self, size: int | None = -1) -> bytes:
            CountingStream.reads += 1
            return super().readline(size)

        def __iter__(self) -> Iterator[bytes]:
            return iter(self.readline, b"")

    stream = CountingStream(b"line\n" * 1000)
    first = next(iter_lines(stream))
    assert first.text == "line"
    assert CountingStream.reads < 10


@pytest.mark.parametrize(
    ("head", "reason"),
    [
        (PNG, "PNG image"),
        (b"%PDF-1.7\n", "PDF document"),
        (b"\x1f\x8b\x08\x00", "gzip"),
        ("03.03.2026".encode("utf-16"), "UTF-16"),
        ("03.03.2026".encode("utf-16-le"), "UTF-16"),
        (b"\x00" * 100, "NUL"),
    ],
)
def test_binary_files_are_refused_with_a_reason(head: bytes, reason: str) -> None:
    found = sniff_binary(head)
    assert found is not None and reason in found


@pytest.mark.parametrize(
    "head",
    [b"", b"\xef\xbb\xbf", b"03.03.2026, 14:12 5\nTitle\x00\n", b"caf\xe9\n"],
)
def test_text_with_a_few_bad_bytes_is_linted_not_refused(head: bytes) -> None:
    assert sniff_binary(head) is None


def test_missing_path(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="no such file"):
        open_path(tmp_path / "absent.txt")


def test_directory_given_as_a_file(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="is a directory"):
        open_path(tmp_path)


def test_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(SourceError, match="named pipe"):
        open_path(fifo)


def test_symlink_loop(tmp_path: Path) -> None:
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop)
    with pytest.raises(SourceError, match="symbolic links"):
        open_path(loop)


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "secret.txt"
    target.write_text("x\n")

    def refuse(self: Path, *args: object, **kwargs: object) -> io.BufferedReader:
        raise PermissionError(errno.EACCES, "Permission denied", str(self))

    monkeypatch.setattr(Path, "open", refuse)
    with pytest.raises(SourceError, match="permission denied"):
        open_path(target)


def test_binary_file_on_disk(tmp_path: Path) -> None:
    image = tmp_path / "image.txt"
    image.write_bytes(PNG * 10)
    with pytest.raises(SourceError, match="PNG image"):
        open_path(image)
