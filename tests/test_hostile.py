"""Hostile input: files that are not dumps, cannot be read, or are built to hurt the linter.

One table, one row per hostile path. Each row runs the real command
``python -m kzvalidate lint HOSTILE GOOD`` (GOOD: a small dump with one known finding) and checks
what a user sees: one clear stderr line and exit 2 for a file that cannot be linted, findings
where findings are the right answer, never a traceback, GOOD still linted, and not one byte or
mtime changed anywhere under the test folder (nothing is written without ``--fix``).

Tests run as root in CI, where ``chmod 000`` does not stop reading. There the permission rows
run the same command with a ``sitecustomize`` module that makes the operating system calls fail
with EACCES exactly where the kernel would for a non-root user (see :data:`DENY_SITECUSTOMIZE`);
as any other user they use real ``chmod 000``. The library-level permission tests always run.
"""

from __future__ import annotations

import errno
import hashlib
import io
import os
import re
import socket
import stat
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import pytest

from kzvalidate import rules
from kzvalidate.check.engine import Linter
from kzvalidate.dump.dialects.kazakhstan_today import FOOTER
from kzvalidate.model import Finding, Severity
from kzvalidate.results import FileResult
from kzvalidate.source.reading import SourceError, open_path, open_stream

if TYPE_CHECKING:
    from _typeshed import WriteableBuffer

IS_ROOT = os.geteuid() == 0
MAX_REPORT_BYTES = 1_000_000
"""A report never echoes a hostile file: long lines are shown as an excerpt."""

ARTICLE = "03.03.2026, 14:12 11421\nTitle of the article\nFirst paragraph.\n"
CLEAN = ARTICLE + FOOTER + "\n"
GOOD = ARTICLE
"""A valid dump whose one finding is a missing footer: KZ108 at 3:17."""
GOOD_FINDING = ":3:17: error: KZ108 missing-footer: "

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
FIFTY_MB = 50_000_000
ALMOST_HEADER = b"03.03.2026, 14:12 "

FINDING_LINE = re.compile(
    r"^(?P<path>.+?):(?P<line>\d+):(?P<column>\d+): (?:error|warning|info): (?P<code>KZ\d{3}) ",
    re.M,
)

DENY_ENV = "KZTEST_DENY"
DENY_SITECUSTOMIZE = '''\
"""Simulate ``chmod 000`` on the paths in $KZTEST_DENY for a process that runs as root.

A denied file cannot be opened; a denied folder cannot be listed, and nothing below it can be
stat'ed or opened -- the errors the kernel gives a non-root user.
"""
import errno
import io
import os

_DENIED = [os.path.abspath(p) for p in os.environ.get("KZTEST_DENY", "").split(os.pathsep) if p]


def _denied(path, *, inside_only):
    if isinstance(path, int):
        return None
    name = os.fsdecode(os.path.abspath(os.fspath(path)))
    for denied in _DENIED:
        if name.startswith(denied + os.sep) or (name == denied and not inside_only):
            return name
    return None


def _guard(function, *, inside_only):
    def guarded(path, *args, **kwargs):
        name = _denied(path, inside_only=inside_only)
        if name is not None:
            raise PermissionError(errno.EACCES, "Permission denied", name)
        return function(path, *args, **kwargs)

    return guarded


def _guard_listing(function):
    def guarded(path=".", *args, **kwargs):
        name = _denied(path, inside_only=False)
        if name is not None:
            raise PermissionError(errno.EACCES, "Permission denied", name)
        return function(path, *args, **kwargs)

    return guarded


os.stat = _guard(os.stat, inside_only=True)
os.lstat = _guard(os.lstat, inside_only=True)
os.open = _guard(os.open, inside_only=False)
io.open = _guard(io.open, inside_only=False)
os.scandir = _guard_listing(os.scandir)
os.listdir = _guard_listing(os.listdir)
'''


# -- the table --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Hostile:
    """What a row put on disk: the argument to pass, the path reports name, extra environment."""

    arg: str
    shown: str = ""
    env: dict[str, str] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.shown or self.arg


@dataclass(frozen=True)
class Expect:
    """``error``: one stderr line naming the path with ``text`` in it, exit 2.
    ``findings``: exactly these rule codes on the hostile path, ``text`` somewhere in stdout.
    ``clean``: no finding on the hostile path. ``files``: files counted in the summary."""

    kind: Literal["error", "findings", "clean"]
    text: str = ""
    codes: frozenset[str] = frozenset()
    files: int = 2


def error(text: str) -> Expect:
    return Expect("error", text)


def findings(*codes: str, text: str = "", files: int = 2) -> Expect:
    return Expect("findings", text, frozenset(codes), files)


def clean() -> Expect:
    return Expect("clean")


@dataclass(frozen=True)
class Row:
    name: str
    make: Callable[[Path], Hostile]
    expect: Expect
    timeout: float = 60.0


def write(path: Path, content: str | bytes) -> Path:
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    return path


def file_row(name: str, content: bytes | str, expect: Expect, file_name: str = "") -> Row:
    def make(tmp: Path) -> Hostile:
        return Hostile(str(write(tmp / (file_name or f"{name}.txt"), content)))

    return Row(name, make, expect)


def deny(tmp: Path, *paths: Path) -> dict[str, str]:
    """Make ``paths`` unreadable the way ``chmod 000`` does for a non-root user; the environment
    the command needs for it (empty unless running as root)."""
    if not IS_ROOT:
        for path in paths:
            path.chmod(0)
        return {}
    site = tmp / "sitecustomize"
    site.mkdir(exist_ok=True)
    write(site / "sitecustomize.py", DENY_SITECUSTOMIZE)
    return {"PYTHONPATH": str(site), DENY_ENV: os.pathsep.join(map(str, paths))}


def fifty_mb_line(tmp: Path) -> Hostile:
    """50 MB of almost-headers on one line, no line end: text and no header, not a dump."""
    path = tmp / "one-line.txt"
    with path.open("wb") as out:
        block = ALMOST_HEADER * (1_000_000 // len(ALMOST_HEADER))
        for _ in range(FIFTY_MB // len(block)):
            out.write(block)
    return Hostile(str(path))


def blank_lines(tmp: Path) -> Hostile:
    return Hostile(str(write(tmp / "blank.txt", b"\n" * 1_000_000)))


def blank_lines_then_article(tmp: Path) -> Hostile:
    return Hostile(str(write(tmp / "blank-then-article.txt", b"\n" * 1_000_000 + ARTICLE.encode())))


def empty_folder(tmp: Path) -> Hostile:
    folder = tmp / "empty-folder"
    folder.mkdir()
    return Hostile(str(folder))


def folder_with_a_folder_named_txt(tmp: Path) -> Hostile:
    """A folder called ``x.txt`` is walked into, not read as a file."""
    folder = tmp / "walked"
    (folder / "x.txt").mkdir(parents=True)
    inner = write(folder / "x.txt" / "deep.txt", CLEAN.replace("First paragraph.", "Para. "))
    return Hostile(str(folder), shown=str(inner))


def folder_with_a_fifo(tmp: Path) -> Hostile:
    folder = tmp / "walked"
    folder.mkdir()
    os.mkfifo(folder / "pipe.txt")
    return Hostile(str(folder), shown=str(folder / "pipe.txt"))


def missing(tmp: Path) -> Hostile:
    return Hostile(str(tmp / "missing.txt"))


def name_too_long(tmp: Path) -> Hostile:
    return Hostile(str(tmp / ("n" * 300 + ".txt")))


def newline_in_name(tmp: Path) -> Hostile:
    """A PNG whose name holds a line break: the error must still be one line."""
    return Hostile(str(write(tmp / "evil\nname.txt", PNG)))


def unreadable_file(tmp: Path) -> Hostile:
    path = write(tmp / "secret.txt", CLEAN)
    return Hostile(str(path), env=deny(tmp, path))


def file_in_unreadable_folder(tmp: Path) -> Hostile:
    folder = tmp / "locked"
    folder.mkdir()
    path = write(folder / "secret.txt", CLEAN)
    return Hostile(str(path), env=deny(tmp, folder))


def folder_with_unreadable_subfolder(tmp: Path) -> Hostile:
    """A walked folder whose sub-folder cannot be listed: say so, do not skip it silently."""
    folder = tmp / "walked"
    (folder / "locked").mkdir(parents=True)
    write(folder / "locked" / "secret.txt", CLEAN)
    return Hostile(str(folder), shown=str(folder / "locked"), env=deny(tmp, folder / "locked"))


def symlink_loop(tmp: Path) -> Hostile:
    loop = tmp / "loop.txt"
    loop.symlink_to(loop)
    return Hostile(str(loop))


def dangling_symlink(tmp: Path) -> Hostile:
    link = tmp / "dangling.txt"
    link.symlink_to(tmp / "gone.txt")
    return Hostile(str(link))


def symlink_to_dump(tmp: Path) -> Hostile:
    target = write(tmp / "target.dump", GOOD)
    link = tmp / "link.txt"
    link.symlink_to(target)
    return Hostile(str(link))


def fifo(tmp: Path) -> Hostile:
    path = tmp / "pipe.txt"
    os.mkfifo(path)
    return Hostile(str(path))


def unix_socket(tmp: Path) -> Hostile:
    path = tmp / "s.txt"  # short: socket paths are limited to ~100 bytes
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(path))
    return Hostile(str(path))


def device(tmp: Path) -> Hostile:
    return Hostile("/dev/zero")


NUL_DUMP = CLEAN.replace("Title of", "Ti\x00tle of").replace("First", "First\x00\x00")
BAD_UTF8_DUMP = CLEAN.encode().replace(b"Title of", b"Title caf\xe9 of")

ROWS: list[Row] = [
    file_row("empty", b"", clean()),
    file_row(
        "bom-only", b"\xef\xbb\xbf", findings("KZ002", text=":1:1: warning: KZ002 byte-order-mark:")
    ),
    file_row("png", PNG, error("not a text file: it looks like a PNG image")),
    file_row(
        "nul-bytes",
        NUL_DUMP,
        findings(
            "KZ004",
            text=":2:3: error: KZ004 control-character: invisible null character (U+0000)",
        ),
    ),
    file_row(
        "invalid-utf8",
        BAD_UTF8_DUMP,
        findings(
            "KZ001",
            text=":2:10: error: KZ001 invalid-utf8: damaged text: 1 byte that is not UTF-8 (0xE9)",
        ),
    ),
    file_row("utf16-le-bom", b"\xff\xfe" + CLEAN.encode("utf-16-le"), error("is UTF-16")),
    file_row("utf16-be-bom", b"\xfe\xff" + CLEAN.encode("utf-16-be"), error("is UTF-16")),
    file_row("utf16-le-no-bom", CLEAN.encode("utf-16-le"), error("looks UTF-16 encoded")),
    file_row("utf16-be-no-bom", CLEAN.encode("utf-16-be"), error("looks UTF-16 encoded")),
    file_row("utf32-bom", CLEAN.encode("utf-32"), error("is UTF-32")),
    Row(
        "50mb-single-line",
        fifty_mb_line,
        findings("KZ113", text=":1:1: error: KZ113 not-a-news-dump"),
        120,
    ),
    Row(
        "million-blank-lines",
        blank_lines,
        findings(
            "KZ112",
            text=":1:1: warning: KZ112 stray-blank-line: "
            "1,024 blank lines before the first article",
        ),
        120,
    ),
    Row(
        "million-blank-lines-then-article",
        blank_lines_then_article,
        findings("KZ108", "KZ112", text=":1000003:17: error: KZ108 missing-footer"),
        120,
    ),
    Row("empty-folder", empty_folder, error("*.txt")),
    Row("folder-named-x.txt", folder_with_a_folder_named_txt, findings("KZ006")),
    Row("fifo-in-walked-folder", folder_with_a_fifo, error("named pipe")),
    Row("missing", missing, error("no such file or directory")),
    Row("name-too-long", name_too_long, error("file name too long")),
    Row("newline-in-name", newline_in_name, error("PNG image")),
    Row("unreadable-file", unreadable_file, error("permission denied")),
    Row("file-in-unreadable-folder", file_in_unreadable_folder, error("permission denied")),
    Row("unreadable-subfolder", folder_with_unreadable_subfolder, error("permission denied")),
    Row("symlink-loop", symlink_loop, error("symbolic links")),
    Row("dangling-symlink", dangling_symlink, error("no such file or directory")),
    Row("symlink-to-dump", symlink_to_dump, findings("KZ108", text=":3:17: error: KZ108")),
    Row("fifo", fifo, error("named pipe"), timeout=20),
    Row("unix-socket", unix_socket, error("socket")),
    Row("device", device, error("device"), timeout=20),
]


# -- running a row ----------------------------------------------------------------------------

Snapshot = dict[str, tuple[int, int, str | None]]


def snapshot(root: Path) -> Snapshot:
    """Every entry below ``root``: (mode, mtime_ns, sha256 of a regular file's bytes)."""
    seen: Snapshot = {}
    for folder, dirs, files in os.walk(root):
        for name in [*dirs, *files]:
            path = Path(folder, name)
            info = path.lstat()
            digest = None
            if stat.S_ISREG(info.st_mode):
                try:
                    digest = hashlib.sha256(path.read_bytes()).hexdigest()
                except PermissionError:  # chmod 000 as a non-root user
                    digest = "unreadable"
            seen[str(path)] = (info.st_mode, info.st_mtime_ns, digest)
    return seen


def run_lint(
    *args: str, env: dict[str, str], cwd: Path, timeout: float
) -> subprocess.CompletedProcess[bytes]:
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"FORCE_COLOR", "NO_COLOR", "KZVALIDATE_DEBUG", DENY_ENV}
    }
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-m", "kzvalidate", "lint", *args],
        capture_output=True,
        stdin=subprocess.DEVNULL,
        env=environment,
        cwd=cwd,
        timeout=timeout,
        check=False,
    )


@pytest.fixture
def unlock(tmp_path: Path) -> Iterator[None]:
    """Give back permissions that a row took away, so that tmp_path can be removed."""
    yield
    for folder, dirs, files in os.walk(tmp_path):
        for name in [*dirs, *files]:
            path = Path(folder, name)
            if not path.is_symlink() and stat.S_IMODE(path.lstat().st_mode) == 0:
                path.chmod(0o700)


@pytest.mark.parametrize("row", ROWS, ids=[row.name for row in ROWS])
def test_hostile_path(row: Row, tmp_path: Path, unlock: None) -> None:
    (tmp_path / "good").mkdir()
    (tmp_path / "h").mkdir()
    good = write(tmp_path / "good" / "good.txt", GOOD)
    hostile = row.make(tmp_path / "h")
    before = snapshot(tmp_path)

    done = run_lint(hostile.arg, str(good), env=hostile.env, cwd=tmp_path, timeout=row.timeout)

    assert len(done.stdout) + len(done.stderr) < MAX_REPORT_BYTES
    stdout, stderr = done.stdout.decode("utf-8"), done.stderr.decode("utf-8")
    assert "Traceback" not in stdout + stderr, stderr
    assert "internal error" not in stderr, stderr
    expect = row.expect
    assert done.returncode == (2 if expect.kind == "error" else 1), stdout + stderr
    assert f"{good}{GOOD_FINDING}" in stdout, "the good file must still be linted"
    found = {m["code"] for m in FINDING_LINE.finditer(stdout) if m["path"] == hostile.name}
    if expect.kind == "error":
        lines = stderr.splitlines()
        assert len(lines) == 1, f"one clear line, got {stderr!r}"
        assert lines[0].startswith("kzvalidate: error: "), lines[0]
        assert hostile.name.replace("\n", "") in lines[0].replace("\\n", ""), lines[0]
        assert expect.text in lines[0], lines[0]
        assert found == set()
    else:
        assert stderr == ""
        assert found == set(expect.codes), stdout[:2000]
        if expect.text:
            assert f"{hostile.name}{expect.text}" in stdout, stdout[:2000]
        assert f" in {expect.files} files," in stdout, stdout[-500:]
        assert "could not be read" not in stdout
    assert snapshot(tmp_path) == before, "lint without --fix changed a file"


# -- the library, whatever user the tests run as ----------------------------------------------


def test_open_path_on_a_directory_is_a_clear_source_error(tmp_path: Path) -> None:
    folder = tmp_path / "x.txt"
    folder.mkdir()
    with pytest.raises(SourceError) as raised:
        open_path(folder)
    assert raised.value.path == str(folder)
    assert raised.value.reason == "is a directory, not a file"
    assert str(raised.value) == f"{folder}: is a directory, not a file"


def _refuse(self: Path, *args: object, **kwargs: object) -> io.BufferedReader:
    raise PermissionError(errno.EACCES, "Permission denied", str(self))


def test_unreadable_file_is_a_clear_source_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path / "secret.txt", CLEAN)
    monkeypatch.setattr(Path, "open", _refuse)
    with pytest.raises(SourceError) as raised:
        open_path(path)
    assert raised.value.reason == "permission denied"


def test_chmod_000_file_is_a_clear_source_error_unless_root(tmp_path: Path) -> None:
    path = write(tmp_path / "secret.txt", CLEAN)
    path.chmod(0)
    try:
        if os.access(path, os.R_OK):  # root: chmod does not stop reading, the file is linted
            assert IS_ROOT
            with open_path(path) as source:
                assert source.read_all() == CLEAN.encode()
        else:
            with pytest.raises(SourceError, match="permission denied"):
                open_path(path)
    finally:
        path.chmod(0o600)


class FailingRaw(io.RawIOBase):
    """Gives ``data`` a few bytes at a time, then fails like a disk or network error."""

    def __init__(self, data: bytes, fail_at: int) -> None:
        self.data = data
        self.fail_at = fail_at
        self.position = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: WriteableBuffer) -> int:
        if self.position >= self.fail_at:
            raise OSError(errno.EIO, "Input/output error")
        view = memoryview(buffer).cast("B")
        size = min(len(view), 7, self.fail_at - self.position)
        view[:size] = self.data[self.position : self.position + size]
        self.position += size
        return size


THREE_ARTICLES = (ARTICLE + ARTICLE.replace("14:12", "15:00") + CLEAN).encode()


@pytest.mark.parametrize("with_sink", [False, True], ids=["collected", "streamed"])
def test_read_error_mid_file_keeps_earlier_findings(with_sink: bool) -> None:
    fail_at = THREE_ARTICLES.index(b"Title", len(ARTICLE) * 2)  # inside the third article
    source = open_stream(io.BufferedReader(FailingRaw(THREE_ARTICLES, fail_at)), "dump.txt")
    streamed: list[Finding] = []
    linter = Linter(rules.select())
    result = linter.lint_source(source, streamed.append if with_sink else None)
    assert result.error == "read failed: input/output error"
    got = streamed if with_sink else result.findings
    assert [(f.line, f.column, f.code) for f in got] == [(3, 17, "KZ108"), (6, 17, "KZ108")]
    assert result.articles == 2
    assert sum(result.counts.values()) == 2


def test_file_deleted_after_opening_is_linted_to_the_end(tmp_path: Path) -> None:
    path = write(tmp_path / "dump.txt", THREE_ARTICLES)
    expected = lint(Linter(rules.select()), THREE_ARTICLES)
    source = open_path(path)
    path.unlink()
    result = Linter(rules.select()).lint_source(source)
    assert result.error is None
    assert [(f.line, f.code) for f in result.findings] == expected


def lint(linter: Linter, data: bytes) -> list[tuple[int, str]]:
    result: FileResult = linter.lint_bytes(data)
    return [(f.line, f.code) for f in result.findings]


def test_a_hundred_thousand_headers_with_no_bodies() -> None:
    """Totality at scale: every bare header is one empty-body finding, nothing raises."""
    data = b"03.03.2026, 14:12 5\n" * 100_000
    counted: list[int] = []
    result = Linter(rules.select(["ALL"])).lint_bytes(
        data, "bare.txt", sink=lambda finding: counted.append(finding.line)
    )
    assert result.error is None
    assert result.articles == 100_000
    assert dict(result.counts) == {("KZ106", "empty-body", Severity.ERROR): 100_000}
    assert counted == list(range(1, 100_001))
