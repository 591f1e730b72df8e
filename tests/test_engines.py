"""Every way of running the linter over the same bytes gives the same findings.

An *engine* takes the bytes of one file and returns what the linter made of them: the file error,
the number of articles and the findings as path-independent tuples ``(line, column, end_line,
end_column, code, message)``, in report order. The reference is :meth:`Linter.lint_bytes` on the
whole content; every other engine in :data:`ENGINES` must agree with it on any input:

* streaming a file from disk (``open_path``), findings collected or streamed to a sink;
* streaming through a one-byte buffer, and through a raw stream that returns 1 to 7 bytes per
  read, so that chunk boundaries fall everywhere: between ``\\r`` and ``\\n``, inside multi-byte
  UTF-8, inside the first bytes the reader sniffs;
* the CLI's JSON report.

A new engine (a parallel or distributed one) is one more :class:`Engine` in :data:`ENGINES`.
"""

from __future__ import annotations

import io
import json
import random
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kzvalidate import rules
from kzvalidate.check.engine import Linter
from kzvalidate.check.run import lint_target
from kzvalidate.cli import app
from kzvalidate.dump.dialects.kazakhstan_today import FOOTER
from kzvalidate.model import Finding
from kzvalidate.report.display import readable
from kzvalidate.results import FileResult
from kzvalidate.source.discovery import Target
from kzvalidate.source.reading import SourceError, open_stream
from kzvalidate.testing import dumps
from tests.helpers import ROOT, SEEDS
from tests.rule_cases import load_case_files
from tests.test_properties import damaged_dumps, noisy_bytes, seed_mixtures

if TYPE_CHECKING:
    from _typeshed import WriteableBuffer

LINTER = Linter(rules.select(["ALL"]))
ACROSS_FILES = ["KZ501", "KZ502"]
"""The rules that compare the files of a run with each other (a file alone is a run of its own)."""
FILE_BY_FILE = Linter(rules.select(["ALL"], ignore=ACROSS_FILES))
NAME = "dump.txt"

Key = tuple[int, int, int, int, str, str]


@dataclass(frozen=True)
class Outcome:
    error: str | None
    articles: int
    findings: tuple[Key, ...]

    def readable(self) -> Outcome:
        """As the JSON report writes it: undecodable bytes in text shown as U+FFFD."""
        return Outcome(
            None if self.error is None else readable(self.error),
            self.articles,
            tuple((*key[:5], readable(key[5])) for key in self.findings),
        )


def key(finding: Finding) -> Key:
    return (
        finding.line,
        finding.column,
        finding.end_line,
        finding.end_column,
        finding.code,
        finding.message,
    )


def outcome(result: FileResult, findings: Sequence[Finding] | None = None) -> Outcome:
    chosen = result.findings if findings is None else findings
    return Outcome(result.error, result.articles, tuple(map(key, chosen)))


@dataclass(frozen=True)
class Engine:
    """``run(data, rng)`` lints ``data`` as one file; ``rng`` may shape how it is read.
    ``lossy_text``: messages come back through :func:`kzvalidate.report.display.readable`."""

    name: str
    run: Callable[[bytes, random.Random], Outcome]
    lossy_text: bool = False


# -- the engines ------------------------------------------------------------------------------


def whole_file(data: bytes, rng: random.Random) -> Outcome:
    return outcome(LINTER.lint_bytes(data, NAME))


def on_disk(data: bytes, run: Callable[[Path], Outcome]) -> Outcome:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, NAME)
        path.write_bytes(data)
        return run(path)


def streaming_file(data: bytes, rng: random.Random) -> Outcome:
    def run(path: Path) -> Outcome:
        result, _ = lint_target(LINTER, Target(path, NAME))
        return outcome(result)

    return on_disk(data, run)


def streaming_file_to_sink(data: bytes, rng: random.Random) -> Outcome:
    def run(path: Path) -> Outcome:
        streamed: list[Finding] = []
        result, _ = lint_target(LINTER, Target(path, NAME), sink=streamed.append)
        assert result.findings == []
        assert sum(result.counts.values()) == len(streamed)
        return outcome(result, streamed)

    return on_disk(data, run)


class RaggedRaw(io.RawIOBase):
    """A raw stream that returns 1 to 7 bytes per read, as a slow pipe or socket may."""

    def __init__(self, data: bytes, rng: random.Random) -> None:
        self.data = data
        self.rng = rng
        self.position = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: WriteableBuffer) -> int:
        view = memoryview(buffer).cast("B")
        size = min(len(view), self.rng.randint(1, 7), len(self.data) - self.position)
        view[:size] = self.data[self.position : self.position + size]
        self.position += size
        return size


def lint_stream(stream: io.BufferedReader) -> Outcome:
    try:
        source = open_stream(stream, NAME)
    except SourceError as error:
        return Outcome(error.reason, 0, ())
    return outcome(LINTER.lint_source(source))


def one_byte_buffer(data: bytes, rng: random.Random) -> Outcome:
    return lint_stream(io.BufferedReader(io.BytesIO(data), buffer_size=1))


def ragged_reads(data: bytes, rng: random.Random) -> Outcome:
    return lint_stream(io.BufferedReader(RaggedRaw(data, rng)))


def report_outcome(report: dict[str, Any], path: str) -> Outcome:
    """One file's outcome from a JSON report."""
    errors = [e["message"] for e in report["errors"] if e["path"] == path]
    found = tuple(
        (f["line"], f["column"], f["end_line"], f["end_column"], f["code"], f["message"])
        for f in report["findings"]
        if f["path"] == path
    )
    return Outcome(errors[0] if errors else None, -1, found)


def cli_json(data: bytes, rng: random.Random) -> Outcome:
    """``kzvalidate lint FILE --format json --select ALL``, run in this process."""

    def run(path: Path) -> Outcome:
        out, err = io.StringIO(), io.StringIO()
        with redirect_stdout(out), redirect_stderr(err):
            code = app(
                ["lint", str(path), "--format", "json", "--select", "ALL"], standalone_mode=False
            )
        report = json.loads(out.getvalue())
        found = report_outcome(report, str(path))
        assert code == (2 if found.error else 1 if report["summary"]["by_severity"]["error"] else 0)
        expected_err = "" if found.error is None else f"kzvalidate: error: {path}: {found.error}\n"
        assert err.getvalue() == expected_err
        return Outcome(found.error, report["summary"]["articles"], found.findings)

    return on_disk(data, run)


REFERENCE = Engine("whole-file", whole_file)
ENGINES: list[Engine] = [
    Engine("streaming-file", streaming_file),
    Engine("streaming-file-to-sink", streaming_file_to_sink),
    Engine("one-byte-buffer", one_byte_buffer),
    Engine("ragged-reads", ragged_reads),
    Engine("cli-json", cli_json, lossy_text=True),
]
"""Every engine that must agree with :data:`REFERENCE`. Add new engines here."""


def assert_agrees(engine: Engine, data: bytes, rng: random.Random) -> None:
    expected = REFERENCE.run(data, random.Random(0))
    actual = engine.run(data, rng)
    if engine.lossy_text:
        expected = expected.readable()
    assert actual == expected, f"{engine.name} differs from {REFERENCE.name} on {data[:200]!r}"


# -- inputs -----------------------------------------------------------------------------------

SEED_BYTES = [path.read_bytes() for path in sorted(SEEDS.glob("*.txt"))]
CASE_BYTES = [case.data for file in load_case_files() for case in file.cases]


def with_variations(text: str, ending: str, bom: bool) -> bytes:
    return (("\ufeff" if bom else "") + text.replace("\n", ending)).encode()


def generated_dumps() -> st.SearchStrategy[bytes]:
    """Valid generated dumps with any line ending, with or without a byte-order mark."""
    return st.builds(
        with_variations,
        dumps().map(lambda dump: dump[1]),
        st.sampled_from(["\n", "\r\n", "\r"]),
        st.booleans(),
    )


def slice_of(data: bytes, start: int, length: int) -> bytes:
    start %= max(1, len(data))
    return data[start : start + length]


def seed_slices() -> st.SearchStrategy[bytes]:
    """A piece of a real dump, cut anywhere (inside a character, between CR and LF)."""
    crlf = [seed.replace(b"\n", b"\r\n") for seed in SEED_BYTES]
    return st.builds(
        slice_of,
        st.sampled_from(SEED_BYTES + crlf),
        st.integers(0, 10**6),
        st.integers(0, 20_000),
    )


def spliced(base: bytes, junk: bytes, where: int) -> bytes:
    at = where % (len(base) + 1)
    return base[:at] + junk + base[at:]


def inputs() -> st.SearchStrategy[bytes]:
    base = st.one_of(
        generated_dumps(),
        st.sampled_from(SEED_BYTES),
        st.sampled_from(CASE_BYTES),
        seed_slices(),
        st.binary(),
        noisy_bytes(),
        seed_mixtures(),
        damaged_dumps(),
    )
    junk = st.one_of(
        st.sampled_from([b"\r", b"\r\n", b"\xd0", b"\xe2\x80", b"\x00", b"\xef\xbb\xbf", b"\t "]),
        st.binary(max_size=8),
    )
    return st.one_of(base, st.builds(spliced, base, junk, st.integers(0, 10**6)))


# -- the properties ---------------------------------------------------------------------------

ENGINE_IDS = [engine.name for engine in ENGINES]


@pytest.mark.parametrize("engine", ENGINES, ids=ENGINE_IDS)
@given(data=inputs(), rng=st.randoms(use_true_random=False))
def test_engine_finds_what_the_whole_file_lint_finds(
    engine: Engine, data: bytes, rng: random.Random
) -> None:
    assert_agrees(engine, data, rng)


SNIFFED = {
    "nul-bytes": b"\x00" * 64,
    "png": b"\x89PNG\r\n\x1a\n" + bytes(32),
    "utf16-bom": "03.03.2026, 14:12 1\nTitle\n".encode("utf-16"),
    "utf16-no-bom": "03.03.2026, 14:12 1\nTitle\n".encode("utf-16-le"),
    "nul-bytes-after-4-kib": b"x" * 4096 + b"\x00" * 4096,
    "text-then-few-nuls": b"03.03.2026, 14:12 1\nTi\x00tle\n" + FOOTER.encode() + b"\n",
}
"""Inputs whose verdict depends on the first bytes the reader sniffs (binary or text)."""


@pytest.mark.parametrize("engine", ENGINES, ids=ENGINE_IDS)
@pytest.mark.parametrize("data", SNIFFED.values(), ids=SNIFFED.keys())
def test_engine_refuses_the_same_binary_files(engine: Engine, data: bytes) -> None:
    assert_agrees(engine, data, random.Random(0))


def test_line_breaks_and_characters_split_across_reads() -> None:
    """Each engine on input where every read boundary is one to watch."""
    data = "03.03.2026, 14:12 1\r\nҚазақ title\r\rПара\u2019graph\n\r\n".encode() + FOOTER.encode()
    for engine in ENGINES:
        for seed in range(20):
            assert_agrees(engine, data, random.Random(seed))


# -- the CLI as a real process, over a corpus -------------------------------------------------


def test_cli_process_json_report_matches_the_library(tmp_path: Path) -> None:
    """One real ``python -m kzvalidate lint FOLDER --format json`` over every seed, rule case and
    sniff case (each a file), compared file by file with the whole-file lint (without the rules
    that compare files with each other: many cases repeat seed articles)."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    named = {f"seed-{i}": data for i, data in enumerate(SEED_BYTES)}
    named |= {f"case-{i:03d}": data for i, data in enumerate(CASE_BYTES)}
    named |= {f"sniff-{name}": data for name, data in SNIFFED.items()}
    for name, data in named.items():
        (corpus / f"{name}.txt").write_bytes(data)
    done = subprocess.run(
        [
            *(sys.executable, "-m", "kzvalidate", "lint", str(corpus), "-f", "json"),
            *("--select", "ALL", "--ignore", ",".join(ACROSS_FILES)),
        ],
        capture_output=True,
        cwd=ROOT,
        check=False,
        timeout=120,
    )
    assert b"Traceback" not in done.stderr
    report = json.loads(done.stdout)
    assert report["summary"]["files"] == len(named)
    differs = []
    for name, data in named.items():
        expected = outcome(FILE_BY_FILE.lint_bytes(data, NAME)).readable()
        actual = report_outcome(report, str(corpus / f"{name}.txt"))
        if actual != Outcome(expected.error, -1, expected.findings):
            differs.append(name)
    assert differs == []
