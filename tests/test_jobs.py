"""``--jobs N``: files and stretches of large files linted in worker processes give the findings
of one process, in the same order, byte for byte; the file rules' state is merged across
stretches; a crash stays one file's error; Ctrl-C ends the run and its workers.
"""

from __future__ import annotations

import itertools
import os
import pickle
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kzvalidate import rules
from kzvalidate.check import distributed
from kzvalidate.check.distributed import (
    POOL_MIN_BYTES,
    WORKER_CRASHED,
    InProcess,
    ProcessPool,
    Task,
    header_candidates,
    lint_piece,
    lint_pieces,
    plan,
)
from kzvalidate.check.engine import Linter
from kzvalidate.check.run import lint_run
from kzvalidate.dump.blocks import Article
from kzvalidate.dump.parser import parse_bytes
from kzvalidate.language.vocabulary import Vocabulary
from kzvalidate.model import Finding, Line, Problem, Severity, Span
from kzvalidate.results import FileResult
from kzvalidate.rules.base import Context, FileProblem, FileRule, LineRule, MergeableCollector
from kzvalidate.rules.figures import kz407_conflicting_figures as kz407
from kzvalidate.rules.text import kz305_inconsistent_spelling as kz305
from kzvalidate.source.discovery import Target, targets
from kzvalidate.source.reading import Source, open_path
from kzvalidate.testing import dumps
from tests.helpers import ROOT, SEED_000, SEED_004, SEEDS, assert_usage_error, run_cli
from tests.rule_cases import CASES_DIR, load_case_file

LINTER = Linter(rules.select(None))
CRASH_MARK = "WORKER-CRASHES-HERE"


# -- merged collectors == one collector over the whole file ----------------------------------


def case_articles(code: str) -> list[Article]:
    """Every article of the rule's case file, failing cases first."""
    (path,) = CASES_DIR.glob(f"{code}-*.yml")
    cases = sorted(load_case_file(path).cases, key=lambda case: not case.failing)
    return [block for case in cases for block in articles_of(case.data)]


def articles_of(data: bytes) -> list[Article]:
    return [block for block in parse_bytes(data) if isinstance(block, Article)]


POOL = [
    *case_articles("KZ305"),
    *case_articles("KZ407"),
    *articles_of(SEED_000.read_bytes()),
    *articles_of(SEED_004.read_bytes()),
]
"""Articles with slips, conflicting figures and agreeing ones, to shuffle into a file."""

COLLECTORS: dict[str, Callable[[], MergeableCollector]] = {
    "KZ305": lambda: kz305.SpellingCollector(Vocabulary.shipped()),
    "KZ407": kz407.ConflictCollector,
}


def whole(code: str, file: Sequence[Article]) -> list[FileProblem]:
    collector = COLLECTORS[code]()
    for article in file:
        collector.add(article)
    return list(collector.finish())


def merged(code: str, stretches: Iterable[Sequence[Article]]) -> list[FileProblem]:
    """One collector per stretch, sent through pickle as a worker's are, folded in order."""
    into = COLLECTORS[code]()
    for stretch in stretches:
        collector = COLLECTORS[code]()
        assert isinstance(collector, MergeableCollector)
        collector.keep_for_merge()
        for article in stretch:
            collector.add(article)
        into.merge(pickle.loads(pickle.dumps(collector)))
    return list(into.finish())


def cut(file: Sequence[Article], points: Iterable[int]) -> list[Sequence[Article]]:
    edges = [0, *sorted(points), len(file)]
    return [file[start:end] for start, end in itertools.pairwise(edges)]


@st.composite
def files_and_cuts(draw: st.DrawFn) -> tuple[list[Article], list[int]]:
    """A file of generated articles and articles drawn from ``POOL``, in any order, and cut
    points between its articles (an empty stretch included)."""
    _, text = draw(dumps(max_articles=4))
    chosen = draw(st.lists(st.sampled_from(POOL), min_size=1, max_size=20))
    file = draw(st.permutations([*articles_of(text.encode()), *chosen]))
    points = draw(st.lists(st.integers(0, len(file)), max_size=5))
    return file, points


@pytest.mark.parametrize("code", ["KZ305", "KZ407"])
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(drawn=files_and_cuts())
def test_merged_stretches_report_what_the_whole_file_reports(
    code: str, drawn: tuple[list[Article], list[int]]
) -> None:
    file, points = drawn
    assert merged(code, cut(file, points)) == whole(code, file)


@pytest.mark.parametrize("code", ["KZ305", "KZ407"])
def test_the_pool_finds_something_to_merge(code: str) -> None:
    """The property above is not vacuous: the pool's articles make each rule report, and a cut
    between two articles that conflict still reports the later one."""
    found = whole(code, POOL)
    assert found
    assert merged(code, cut(POOL, [len(POOL) // 2, len(POOL) // 3])) == found


def test_a_merged_conflict_names_the_first_figure_of_an_earlier_stretch() -> None:
    conflicting = case_articles("KZ407")[:2]
    assert merged("KZ407", [conflicting[:1], conflicting[1:]]) == whole("KZ407", conflicting)
    assert len(whole("KZ407", conflicting)) == 1


def test_what_a_task_returns_comes_back_equal_through_pickle(tmp_path: Path) -> None:
    """Findings, entries, the articles' outcomes and a stretch's collectors are pickled as their
    field values."""
    big = large_file(tmp_path / "big.txt", copies=3)
    pieces = plan(Target(big, str(big)), LINTER, 5000).pieces
    result = lint_piece(LINTER, pieces[1])
    findings = [finding for outcome in result.articles for finding in outcome.findings]
    entries = [outcome.entry for outcome in result.articles]
    assert findings and entries and all(entry is not None for entry in entries)
    assert pickle.loads(pickle.dumps(findings)) == findings
    assert pickle.loads(pickle.dumps(entries)) == entries
    assert pickle.loads(pickle.dumps(result.articles)) == result.articles
    spelling = {rule.code: collector for rule, collector in result.collectors}["KZ305"]
    assert isinstance(spelling, kz305.SpellingCollector) and spelling.words
    assert pickle.loads(pickle.dumps(spelling.words)) == spelling.words


# -- planning: the cuts of a large file are found without making every line ----------------

LINE_TEXTS = st.sampled_from(
    [
        "03.03.2026, 14:12 11421",
        "Title: with a colon",
        "no colon here",
        "",
        ":",
        "\ufeff\u00e9:",
        "a\udc80:b",
    ]
)
ENDINGS = st.sampled_from(["\n", "\r\n", "\r", ""])


@st.composite
def raw_files(draw: st.DrawFn) -> bytes:
    """Lines with and without colons, with every line ending mixed in, invalid UTF-8 included."""
    parts = draw(st.lists(st.tuples(LINE_TEXTS, ENDINGS), max_size=30))
    return b"".join(
        text.encode("utf-8", "surrogateescape") + ending.encode() for text, ending in parts
    )


@settings(max_examples=300, deadline=None)
@given(data=raw_files(), block_size=st.integers(1, 64))
def testheader_candidates_are_the_lines_with_a_colon(
    tmp_path_factory: pytest.TempPathFactory, data: bytes, block_size: int
) -> None:
    """Whatever the block size, the scan yields exactly the lines with a colon as the lines of
    the file give them: same number, offset, text and ending."""
    path = tmp_path_factory.mktemp("scan") / "dump.txt"
    path.write_bytes(data)
    expected = [line for line in open_path(path).lines() if ":" in line.text + line.ending]
    assert list(header_candidates(open_path(path), block_size)) == expected


def test_cuts_stand_at_headers_with_the_articles_before_them(tmp_path: Path) -> None:
    big = large_file(tmp_path / "big.txt", copies=4)
    headers = [line for line in open_path(big).lines() if LINTER.dialect.match_header(line)]
    pieces = plan(Target(big, str(big)), LINTER, 5000).pieces
    stretches = [piece.stretch for piece in pieces if piece.stretch is not None]
    assert len(stretches) > 3
    assert [piece.ends_plan for piece in pieces] == [False] * (len(pieces) - 1) + [True]
    for stretch in stretches[1:]:
        header = headers[stretch.articles_before]
        assert (header.offset, header.number) == (stretch.start, stretch.line)


def test_a_large_file_is_cut_as_its_stretches_are_asked_for(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first stretch is ready to lint while the rest of the file is still to be cut."""
    big = large_file(tmp_path / "big.txt", copies=8)
    scanned: list[int] = []

    def watched(source: Source, block_size: int = 1 << 20) -> Iterator[Line]:
        for line in header_candidates(source, block_size):
            scanned.append(line.offset)
            yield line

    monkeypatch.setattr(distributed, "header_candidates", watched)
    file_plan = plan(Target(big, str(big)), LINTER, 5000)
    first = next(file_plan.tasks())
    assert first.task is Task.ARTICLES and not first.ends_plan
    assert max(scanned) < big.stat().st_size / 4
    assert len(file_plan.pieces) > 8
    assert max(scanned) > big.stat().st_size * 3 / 4


# -- the command line: --jobs 2 prints what --jobs 1 prints ----------------------------------


def lint_output(*args: str, cwd: Path = ROOT) -> tuple[int, str, str]:
    done = run_cli("lint", *args, "--no-cache", cwd=cwd)
    return done.returncode, done.stdout, done.stderr


def assert_jobs_agree(*args: str, cwd: Path = ROOT) -> tuple[int, str, str]:
    one = lint_output(*args, "--jobs", "1", cwd=cwd)
    assert one[1], "a comparison needs output"
    assert lint_output(*args, "--jobs", "2", cwd=cwd) == one
    return one


@pytest.mark.parametrize("output_format", ["text", "json"])
def test_seeds_with_two_jobs(output_format: str) -> None:
    assert_jobs_agree(str(SEEDS), "--format", output_format)


def many_files(folder: Path) -> Path:
    """Seeds copied into nested folders, a cross-file duplicate, an unreadable and a binary
    file and a file that is not a news dump among them."""
    folder.mkdir(parents=True, exist_ok=True)
    for index in range(12):
        sub = folder / f"batch{index % 3}"
        sub.mkdir(exist_ok=True)
        shutil.copy(SEED_000 if index % 2 else SEED_004, sub / f"{index:02d}.txt")
    (folder / "batch1" / "05b.txt").write_bytes(b"\xff\xfe not utf-8 \x80\n")
    (folder / "batch2" / "06b.txt").write_bytes(b"\x00\x01\x02binary\x00" * 40)
    (folder / "batch2" / "07b.txt").write_text("just some notes\nnothing else\n")
    return folder


def test_many_files_with_two_jobs(tmp_path: Path) -> None:
    status, _, errors = assert_jobs_agree(".", "--format", "json", cwd=many_files(tmp_path))
    assert status == 2
    assert errors.count("\n") == 2


def large_file(path: Path, copies: int = 8) -> Path:
    """Seeds repeated: every article has duplicates (KZ501-KZ504) and the file rules compare
    articles across every stretch."""
    with path.open("wb") as out:
        for copy in range(copies):
            out.write((SEED_004 if copy % 3 else SEED_000).read_bytes())
    return path


@pytest.mark.parametrize("chunk_bytes", ["3000", "20000"])
def test_one_large_file_in_small_stretches(tmp_path: Path, chunk_bytes: str) -> None:
    big = large_file(tmp_path / "big.txt")
    report = assert_jobs_agree(str(big), "--chunk-bytes", chunk_bytes, "--format", "json")[1]
    for code in ("KZ305", "KZ501"):
        assert f'"{code}"' in report
    assert len(plan(Target(big, str(big)), LINTER, int(chunk_bytes)).pieces) > 3


def test_stretches_too_small_for_a_pool_are_linted_here_once(tmp_path: Path) -> None:
    """With the default number of jobs, a file cut into stretches that add up to too little
    work for workers is linted in this process, each stretch once."""
    big = large_file(tmp_path / "big.txt")
    assert big.stat().st_size < POOL_MIN_BYTES
    one = lint_output(str(big), "--jobs", "1", "--format", "json")
    assert lint_output(str(big), "--chunk-bytes", "3000", "--format", "json") == one


def test_with_a_baseline(tmp_path: Path) -> None:
    folder = many_files(tmp_path)
    seed = folder / "batch0" / "00.txt"
    baseline = tmp_path / "baseline.json"
    run_cli("lint", str(seed), "--write-baseline", str(baseline), "--jobs", "1", cwd=folder)
    with seed.open("a", encoding="utf-8") as out:
        out.write("03.03.2026, 14:12 11421\nA new title\n")
    assert_jobs_agree(".", "--baseline", str(baseline), "--format", "json", cwd=folder)


def test_fix_runs_in_the_workers_file_by_file(tmp_path: Path) -> None:
    """--fix with --jobs 2 writes the bytes --jobs 1 writes and reports the same."""
    done = {}
    for jobs in ("1", "2"):
        folder = many_files(tmp_path / jobs)
        large_file(folder / "big.txt", copies=3)
        output = lint_output(".", "--fix", "--unsafe-fixes", "--jobs", jobs, cwd=folder)
        files = {path.relative_to(folder): path.read_bytes() for path in folder.rglob("*.txt")}
        done[jobs] = output, files
    assert done["2"] == done["1"]
    assert done["1"][1][Path("batch0/00.txt")] != SEED_004.read_bytes()


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--jobs", "0"], "--jobs must be at least 1"),
        (["--jobs", "2", "--chunk-bytes", "0"], "--chunk-bytes must be a positive"),
    ],
)
def test_usage_errors(options: list[str], message: str) -> None:
    assert_usage_error(run_cli("lint", str(SEED_000), *options), message)


def test_parse_with_two_jobs(tmp_path: Path) -> None:
    outputs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"records{jobs}.jsonl"
        done = run_cli("parse", str(SEEDS), "-o", str(out), "--jobs", jobs, "--chunk-bytes", "4000")
        outputs.append((done.returncode, done.stderr.replace(str(out), "OUT"), out.read_text()))
    assert outputs[0] == outputs[1]
    assert outputs[0][2]


# -- crashes and interruptions ---------------------------------------------------------------


def crash_worker(line: Line) -> Iterator[Problem]:
    """A rule with a fatal bug: it ends the process it runs in on a marked line."""
    if CRASH_MARK in line.text:
        os._exit(3)
    yield from ()


class CrashingCollector:
    """A mergeable file-rule collector with a bug: it raises on the fifth article of a file."""

    def __init__(self) -> None:
        self.seen = 0

    def add(self, article: Article) -> None:
        self.seen += 1
        if article.index == 4:
            raise ValueError("boom")

    def finish(self) -> list[FileProblem]:
        return [FileProblem(Problem(Span.on_line(1, 0, 1), f"saw {self.seen}"), None)]

    def keep_for_merge(self) -> None:
        pass

    def merge(self, later: CrashingCollector) -> None:
        self.seen += later.seen


def crashing_collector(context: Context) -> CrashingCollector:
    return CrashingCollector()


CRASHING_LINE_RULE = LineRule(
    code="KZ997", name="kills-its-worker", severity=Severity.WARNING, doc="Crashes.",
    check=crash_worker,
)  # fmt: skip
CRASHING_FILE_RULE = FileRule(
    code="KZ996", name="mergeable-crash", severity=Severity.WARNING, doc="Crashes.",
    collector=crashing_collector,
)  # fmt: skip


def outcome(
    paths: list[str], linter: Linter, jobs: int | None, chunk_bytes: int | None = None
) -> tuple[list[Finding], list[tuple[str, int, str | None]]]:
    findings: list[Finding] = []
    files: list[FileResult] = []
    found = targets(paths, ["*.txt"], "<stdin>")
    if jobs is None:
        lint_run(linter, found, sink=findings.append, on_file=files.append)
    else:
        executor = InProcess() if jobs == 1 else ProcessPool(jobs, window=2)
        lint_pieces(
            executor,
            linter,
            found,
            sink=findings.append,
            on_file=files.append,
            chunk_bytes=chunk_bytes,
        )
    return findings, [(done.path, done.articles, done.error) for done in files]


def test_a_worker_that_dies_is_one_error_of_its_file(tmp_path: Path) -> None:
    paths = [str(tmp_path / f"{name}.txt") for name in "abcde"]
    for path in paths:
        shutil.copy(SEED_000, path)
    with Path(paths[2]).open("a", encoding="utf-8") as out:
        out.write(f"{CRASH_MARK}\n")
    crashing = Linter([*rules.select(None), CRASHING_LINE_RULE])
    findings, files = outcome(paths, crashing, jobs=2)
    healthy = [path for path in paths if path != paths[2]]
    expected_findings, expected_files = outcome(healthy, LINTER, jobs=None)
    assert [finding for finding in findings if finding.path != paths[2]] == expected_findings
    assert [done for done in files if done[0] != paths[2]] == expected_files
    assert [done[2] for done in files if done[0] == paths[2]] == [WORKER_CRASHED]


@pytest.mark.parametrize("chunk_bytes", [None, 1, 4_000])
def test_a_mergeable_collector_crash_stops_the_file_where_the_local_engine_stops(
    chunk_bytes: int | None,
) -> None:
    linter = Linter([*rules.select(None), CRASHING_FILE_RULE])
    paths = [str(SEED_004), str(SEED_000)]
    local = outcome(paths, linter, jobs=None)
    assert any(error and "internal error in rule KZ996" in error for _, _, error in local[1])
    assert outcome(paths, linter, jobs=1, chunk_bytes=chunk_bytes) == local
    assert outcome(paths, linter, jobs=2, chunk_bytes=chunk_bytes) == local


def test_no_file_rule_task_when_every_file_rule_merges(tmp_path: Path) -> None:
    big = large_file(tmp_path / "big.txt", copies=2)
    tasks = {piece.task for piece in plan(Target(big, str(big)), LINTER, 4_000).pieces}
    assert tasks == {Task.ARTICLES}


def test_ctrl_c_ends_the_run_and_its_workers(tmp_path: Path) -> None:
    big = large_file(tmp_path / "big.txt", copies=600)
    command = [sys.executable, "-m", "kzvalidate", "lint", str(big), "--jobs", "2", "--no-cache"]
    with subprocess.Popen(
        command,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    ) as running:
        wait_for_workers(running.pid)
        os.killpg(running.pid, signal.SIGINT)
        _, errors = running.communicate(timeout=60)
    assert running.returncode == 130
    assert "Traceback" not in errors  # typer ends an interrupted command with 130, silently
    for _ in range(50):  # the workers may take a moment to be reaped
        if not group_alive(running.pid):
            break
        time.sleep(0.1)
    assert not group_alive(running.pid)


HELD_BACK = """
import os, signal
from kzvalidate.check.distributed import _ctrl_c_held
reached = False
try:
    with _ctrl_c_held():
        os.kill(os.getpid(), signal.SIGINT)
        child = os.fork()
        if child == 0:  # the worker-to-be: Ctrl-C must still be held back here
            os._exit(0 if signal.SIGINT in signal.pthread_sigmask(signal.SIG_BLOCK, []) else 1)
        reached = True
except KeyboardInterrupt:
    print("interrupted after the fork" if reached else "interrupted before")
print("child held it back" if os.waitstatus_to_exitcode(os.waitpid(child, 0)[1]) == 0 else "no")
"""


def test_ctrl_c_is_held_back_while_workers_may_be_forked() -> None:
    """A worker forked while Ctrl-C is held back starts with it blocked (its initializer then
    ignores it); the client gets it once the fork is done. In a process of its own, with one
    thread, as the command line forks its workers: a signal blocked in one thread is taken by
    any other."""
    done = subprocess.run([sys.executable, "-c", HELD_BACK], capture_output=True, text=True)
    assert done.stdout.split("\n")[:2] == ["interrupted after the fork", "child held it back"]


def wait_for_workers(pid: int) -> None:
    """Until ``pid`` has started its two workers (or a while has passed: a Ctrl-C before they
    start must end the run all the same)."""
    children = Path(f"/proc/{pid}/task/{pid}/children")
    for _ in range(300):
        if children.exists() and len(children.read_text().split()) >= 2:
            return
        time.sleep(0.05)


def group_alive(group: int) -> bool:
    try:
        os.killpg(group, 0)
    except ProcessLookupError:
        return False
    return True


def test_the_default_jobs_start_no_workers_for_a_few_small_files(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A pre-commit hook's few small files: starting workers would cost more than it saves."""
    import kzvalidate.check.distributed as distributed

    def no_pool(*args: object) -> None:
        raise AssertionError("a pool was started")

    monkeypatch.setattr(distributed, "_Pool", no_pool)
    with distributed.engine_executor(distributed.Engine.LOCAL, jobs=None) as executor:
        assert isinstance(executor, ProcessPool) or distributed.cores() == 1
        if executor is None:
            return
        found = targets([str(SEEDS)], ["*.txt"], "<stdin>")
        summary = lint_pieces(executor, LINTER, found, sink=lambda f: None, on_file=lambda r: None)
    assert summary.files == 2
    assert summary.findings == 23
