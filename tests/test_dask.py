"""The dask engine gives the local engine's findings, in the same order, on a real LocalCluster.

The cluster is started once for the module (two single-threaded worker processes, so tasks and
their results really are pickled and sent between processes). Each comparison runs the local
engine (:func:`~kzvalidate.check.run.lint_run`) and the dask engine over the same targets and
compares every finding, every file's result and the summary.
"""

from __future__ import annotations

import bisect
import json
import logging
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from distributed import Client, LocalCluster

from kzvalidate import rules
from kzvalidate.check import distributed
from kzvalidate.check.distributed import (
    DaskExecutor,
    Executor,
    InProcess,
    Piece,
    Task,
    lint_pieces,
    local_cluster,
    plan,
    stretch_blocks,
)
from kzvalidate.check.engine import Linter
from kzvalidate.check.gate import run_gate
from kzvalidate.check.run import lint_run
from kzvalidate.dump.blocks import Article
from kzvalidate.dump.parser import parse_bytes
from kzvalidate.model import Finding, Severity
from kzvalidate.results import FileResult
from kzvalidate.rules.base import FileRule, RunRule
from kzvalidate.source.discovery import Target, targets
from tests.helpers import ROOT, SEED_000, SEED_004, SEEDS, assert_usage_error, run_cli

LINTER = Linter(rules.select(None))
SMALL_CHUNKS = 4_000
"""Bytes per stretch in these tests: a seed splits into four or five stretches."""


@pytest.fixture(scope="module")
def cluster() -> Iterator[DaskExecutor]:
    with local_cluster(LocalCluster, workers=2) as local, Client(local) as client:
        yield DaskExecutor(client)


@dataclass(frozen=True)
class Run:
    """Everything a run reports: findings in order, each file's result, the summary."""

    findings: list[Finding]
    files: list[tuple[str, int, str | None, dict[Any, int]]]
    summary: tuple[int, int, dict[Any, int], list[tuple[str, str]]]


def run_of(
    paths: list[str], executor: Executor | None, chunk_bytes: int | None, linter: Linter
) -> Run:
    findings: list[Finding] = []
    files: list[FileResult] = []
    found = targets(paths, ["*.txt"], "<stdin>")
    if executor is None:
        summary = lint_run(linter, found, sink=findings.append, on_file=files.append)
    else:
        summary = lint_pieces(
            executor,
            linter,
            found,
            sink=findings.append,
            on_file=files.append,
            chunk_bytes=chunk_bytes,
        )
    return Run(
        findings,
        [(done.path, done.articles, done.error, dict(done.counts)) for done in files],
        (summary.files, summary.articles, dict(summary.by_rule), summary.errors),
    )


def assert_same_as_local(
    paths: list[str],
    executor: Executor,
    chunk_bytes: int | None = SMALL_CHUNKS,
    linter: Linter = LINTER,
) -> Run:
    local = run_of(paths, None, None, linter)
    assert local.findings, "a comparison needs findings"
    assert run_of(paths, executor, chunk_bytes, linter) == local
    return local


def stretches(path: Path, chunk_bytes: int) -> list[Piece]:
    file_plan = plan(Target(path, str(path)), LINTER, chunk_bytes)
    return [piece for piece in file_plan.pieces if piece.task is Task.ARTICLES]


def test_seeds(cluster: DaskExecutor) -> None:
    assert_same_as_local([str(SEEDS)], cluster, chunk_bytes=None)
    assert_same_as_local([str(SEEDS)], cluster)


def test_copy_of_seed_004_is_reported_across_files(cluster: DaskExecutor, tmp_path: Path) -> None:
    copy = tmp_path / "copy.txt"
    copy.write_bytes(SEED_004.read_bytes())
    paths = [str(SEEDS), str(copy)]
    for chunk_bytes in (None, SMALL_CHUNKS):
        local = assert_same_as_local(paths, cluster, chunk_bytes)
    duplicates = [finding for finding in local.findings if finding.code == "KZ501"]
    assert len(duplicates) == 9
    assert {finding.path for finding in duplicates} == {str(copy)}


def test_large_file_split_into_stretches(cluster: DaskExecutor, tmp_path: Path) -> None:
    """Repeated seeds: duplicates (a run rule), order breaks and spelling (file rules) cross
    the cuts."""
    dump = tmp_path / "large.txt"
    dump.write_bytes((SEED_004.read_bytes() + SEED_000.read_bytes()) * 4)
    assert len(stretches(dump, SMALL_CHUNKS)) >= 20
    local = assert_same_as_local([str(dump)], cluster)
    codes = {finding.code for finding in local.findings}
    assert {"KZ501", "KZ503", "KZ305"} <= codes


def test_crawl_date_reaches_every_stretch(cluster: DaskExecutor, tmp_path: Path) -> None:
    """Seed 000 states its crawl date before its first header; crawled two days earlier, its
    articles of 3 March are published after it (KZ504), in stretches after the first too."""
    text = SEED_000.read_text(encoding="utf-8")
    assert text.startswith(" date 2026-03-04 ")
    dump = tmp_path / "crawled.txt"
    dump.write_text(text.replace("date 2026-03-04", "date 2026-03-02", 1), encoding="utf-8")
    starts = [piece.stretch.line for piece in stretches(dump, SMALL_CHUNKS) if piece.stretch]
    assert len(starts) >= 3
    local = assert_same_as_local([str(dump)], cluster)
    late = [finding.line for finding in local.findings if finding.code == "KZ504"]
    assert len({bisect.bisect_right(starts, line) for line in late}) >= 2


@pytest.mark.parametrize("chunk_bytes", [1, 700, SMALL_CHUNKS])
def test_stretches_parse_as_the_whole_file(tmp_path: Path, chunk_bytes: int) -> None:
    """Lines (numbers, byte offsets, endings), article positions and crawl date, exactly."""
    dump = tmp_path / "mixed.txt"
    data = SEED_000.read_bytes() + SEED_004.read_bytes().replace(b"\n", b"\r\n")
    dump.write_bytes(data + SEED_000.read_bytes().replace(b"\n", b"\r"))
    pieces = stretches(dump, chunk_bytes)
    assert len(pieces) > 1
    split = [block for piece in pieces for block in stretch_blocks(piece, LINTER.dialect)]
    assert split == parse_bytes(dump.read_bytes(), str(dump))


def test_bad_files_among_good_ones(cluster: DaskExecutor, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    png = tmp_path / "image.txt"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40)
    latin = tmp_path / "latin1.txt"
    latin.write_bytes(SEED_004.read_bytes().replace(b"Kazakhstan", b"Kazakhst\xe1n") * 2)
    paths = [str(SEED_000), str(png), str(tmp_path / "missing.txt"), str(latin)]
    paths += [str(tmp_path / "empty"), str(SEED_004)]
    local = assert_same_as_local(paths, cluster)
    assert len(local.summary[3]) == 3


def crashing_file_rule(after: int) -> FileRule:
    """A file rule with a bug: its collector raises on article ``after + 1``."""

    class Collector:
        def __init__(self) -> None:
            self.seen = 0

        def add(self, article: Article) -> None:
            self.seen += 1
            if self.seen > after:
                raise ValueError("boom")

        def finish(self) -> list[Any]:
            return []

    return FileRule(
        code="KZ998", name="crashing-file-rule", severity=Severity.WARNING, doc="Crashes.",
        collector=lambda context: Collector(),
    )  # fmt: skip


def crashing_run_rule(after: int) -> RunRule:
    """A run rule with a bug: it raises on the entry of article ``after + 1`` of the run."""

    class Collector:
        def __init__(self) -> None:
            self.seen = 0

        def add(self, entry: object) -> None:
            self.seen += 1
            if self.seen > after:
                raise ValueError("boom")

        def finish(self) -> list[Any]:
            return []

    return RunRule(
        code="KZ999", name="crashing-run-rule", severity=Severity.WARNING, doc="Crashes.",
        collector=lambda context: Collector(),
    )  # fmt: skip


@pytest.mark.parametrize("chunk_bytes", [None, 1, SMALL_CHUNKS])
@pytest.mark.parametrize("crash", ["file", "run"])
def test_a_rule_crash_stops_the_file_where_the_local_engine_stops(
    crash: str, chunk_bytes: int | None
) -> None:
    """In this process (no cluster needed): the merge replays the engine's order of work."""
    bug = crashing_file_rule(after=4) if crash == "file" else crashing_run_rule(after=14)
    linter = Linter([*rules.select(None), bug])
    paths = [str(SEED_004), str(SEED_000)]
    local = assert_same_as_local(paths, InProcess(), chunk_bytes, linter)
    assert any(error and "internal error in rule" in error for _, _, error, _ in local.files)


def test_cli_on_a_running_cluster(cluster: DaskExecutor, tmp_path: Path) -> None:
    address = cluster.client.scheduler_info()["address"]
    assert isinstance(address, str)
    copy = tmp_path / "copy.txt"
    copy.write_bytes(SEED_004.read_bytes())
    common = ["lint", str(SEEDS), str(copy), "--format", "json"]
    local = run_cli(*common)
    dask = run_cli(*common, "--engine", "dask", "--scheduler", address, "--chunk-bytes", "3000")
    assert (dask.returncode, dask.stdout, dask.stderr) == (1, local.stdout, local.stderr)
    assert "KZ501" in json.loads(local.stdout)["summary"]["by_rule"]


def test_cli_starts_a_local_cluster() -> None:
    local = run_cli("lint", str(SEEDS))
    dask = run_cli("lint", str(SEEDS), "--engine", "dask")
    assert (dask.returncode, dask.stdout, dask.stderr) == (1, local.stdout, local.stderr)


def test_cli_unreachable_scheduler_is_one_line_and_exit_2() -> None:
    started = time.monotonic()
    done = run_cli("lint", str(SEEDS), "--engine", "dask", "--scheduler", "tcp://127.0.0.1:9")
    assert time.monotonic() - started < 20
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1
    assert done.stderr.startswith("kzvalidate: error: no dask scheduler answered at tcp://")


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--engine", "dask", "--fix"], "--fix rewrites files in place"),
        (["--scheduler", "tcp://127.0.0.1:8786"], "--scheduler only goes with --engine dask"),
        (["--engine", "dask", "--scheduler", "nowhere"], "'nowhere' is not a dask scheduler"),
        (["--engine", "dask", "--chunk-bytes", "0"], "--chunk-bytes must be a positive"),
    ],
)
def test_cli_usage_errors(options: list[str], message: str) -> None:
    assert_usage_error(run_cli("lint", str(SEED_000), *options), message)


def run_python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "NO_COLOR": "1"},
        check=False,
    )


def test_without_the_extra_the_message_names_it() -> None:
    code = (
        "import sys; sys.modules['distributed'] = None\n"
        "from kzvalidate.cli import main\n"
        f"sys.argv = ['kzvalidate', 'lint', {str(SEED_000)!r}, '--engine', 'dask']\n"
        "main()\n"
    )
    done = run_python(code)
    assert done.returncode == 2
    assert done.stderr == (
        "kzvalidate: error: --engine dask needs dask.distributed: pip install 'kzvalidate[dask]'\n"
    )


def gate_outcome(linter: Linter, paths: list[Path], folder: Path, executor: Executor | None) -> Any:
    """Everything the ingestion gate knows after a run: each checked article, stray findings,
    the summary's counts and errors."""
    folder.mkdir()
    found = targets([str(path) for path in paths], ["*.txt"], "<stdin>")
    gate = run_gate(linter, found, folder / "staged.jsonl", executor, SMALL_CHUNKS)
    checked = [(c.record, c.findings, c.violations, c.complete) for c in gate.checked()]
    summary = gate.summary
    counts = (summary.files, summary.articles, dict(summary.by_rule), summary.errors)
    return checked, gate.stray_findings(), counts


def test_the_gate_checks_the_same_records_on_the_cluster(
    cluster: DaskExecutor, tmp_path: Path
) -> None:
    copy = tmp_path / "copy.txt"
    copy.write_bytes(SEED_004.read_bytes())
    broken = tmp_path / "broken.txt"
    broken.write_bytes(b"\x89PNG\r\n\x1a\n")
    paths = [SEED_000, SEED_004, copy, broken]
    local = gate_outcome(LINTER, paths, tmp_path / "local", None)
    dask = gate_outcome(LINTER, paths, tmp_path / "dask", cluster)
    assert dask == local
    checked = local[0]
    assert len(checked) == 27
    assert [c[0]["source"]["path"] for c in checked if _has(c[1], "KZ501")] == [str(copy)] * 9


def _has(findings: tuple[dict[str, Any], ...], code: str) -> bool:
    return any(finding["code"] == code for finding in findings)


def test_cli_parse_on_a_running_cluster(cluster: DaskExecutor, tmp_path: Path) -> None:
    address = cluster.client.scheduler_info()["address"]
    assert isinstance(address, str)
    copy = tmp_path / "copy.txt"
    copy.write_bytes(SEED_004.read_bytes())
    outputs = {}
    for engine in ("local", "dask"):
        out, quarantine = tmp_path / f"{engine}.jsonl", tmp_path / f"{engine}.quarantine.jsonl"
        extra = ["--scheduler", address, "--chunk-bytes", "3000"] if engine == "dask" else []
        done = run_cli(
            *("parse", str(SEEDS), str(copy), "-o", str(out), "--quarantine", str(quarantine)),
            *("--engine", engine, *extra),
        )
        assert done.returncode == 1, done.stderr
        outputs[engine] = (
            out.read_bytes(),
            quarantine.read_bytes(),
            done.stderr.replace(str(out), "OUT"),
        )
    assert outputs["dask"] == outputs["local"]
    quarantined = [json.loads(line) for line in outputs["local"][1].splitlines()]
    assert len(quarantined) == 20  # 11 invalid seed articles, and the 9 copies


def test_the_cluster_logs_errors_only() -> None:
    """The level is written as a number so that a run without dask need not import logging."""
    assert distributed._LOG_ERRORS_ONLY == logging.ERROR
