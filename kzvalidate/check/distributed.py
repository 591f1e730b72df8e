"""The dask engine: the files of a run (and large files split at article boundaries) are linted
as tasks on a Dask cluster, and their results merged on the client into the report the local
engine gives, finding for finding, in the same order.

How a run is cut into tasks (:func:`plan`), on the client:

* a file up to ``chunk_bytes`` long (and standard input, which the client reads and sends as
  bytes) is one ``WHOLE`` task. It runs :func:`~kzvalidate.check.run.lint_target`, the local
  engine's own per-file function, with a :class:`Recorder` in place of the run scope: instead of
  feeding the run rules, it keeps each article's :class:`~kzvalidate.contract.collection.Entry`
  with the findings reported after it;
* a longer file is cut at headers about every ``chunk_bytes`` bytes (an article runs from its
  header to the line before the next header, so a cut at a header is an article boundary). Each
  stretch is an ``ARTICLES`` task: the line, block and article rules over its articles, with each
  line's number and byte offset as in the whole file (the stretch is read from its offset and its
  lines renumbered from the line the cut is at), and every article's crawl date (stated before
  the file's first header) and position as the whole file's parse gives them;
* the file rules of a split file (KZ305, KZ407) compare every article of the file, and
  their state cannot be merged, so they run as one more ``FILE_RULES`` task over the whole file:
  its parse and the file rules' collectors, no other rule. Being the longest task, it is
  scheduled before the stretches.

The client merges (:func:`merge`) in run order: for each file, in order, its leading findings,
then each article's entry (fed to the run rules, KZ501 and KZ502, as the local engine feeds
them) and findings, then the file rules' findings; a file error or a rule crash stops the file
where the local engine would have stopped. The task function (:func:`lint_piece`) and the merge
are the same whatever runs the tasks: :class:`InProcess` runs them one after another in this
process, :class:`DaskExecutor` on a cluster.

Workers read files by path: the paths must be readable by every worker and by the client (which
finds the files and plans the cuts), e.g. on shared storage, with kzvalidate installed on the
workers. ``--fix`` rewrites files and stays with the local engine.
"""

from __future__ import annotations

import io
import logging
import os
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import TYPE_CHECKING, BinaryIO, Protocol

from kzvalidate.check.engine import Linter, RuleCrashError, RunScope
from kzvalidate.check.run import FileDone, FixRequest, finish_run, lint_run, lint_target
from kzvalidate.contract.collection import Entry
from kzvalidate.contract.record import article_entry
from kzvalidate.dump.blocks import Article, Block
from kzvalidate.dump.dialect import Dialect
from kzvalidate.dump.parser import parse
from kzvalidate.model import Field, Finding, Line
from kzvalidate.results import Admit, FileResult, FindingSink, Summary
from kzvalidate.rules.base import Collector, FileRule
from kzvalidate.source.discovery import Target
from kzvalidate.source.reading import (
    SourceError,
    describe_os_error,
    iter_lines,
    open_path,
)

if TYPE_CHECKING:
    from distributed import Client, Future, LocalCluster

CHUNK_BYTES = 8_000_000
"""Files longer than this are split into stretches of about this many bytes."""
CONNECT_TIMEOUT = 5.0
"""Seconds to wait for a scheduler before giving up."""
EXTRA_HINT = "pip install 'kzvalidate[dask]'"


Observe = Callable[[Article], object]
"""Run where an article is read, on every article: what the client's ``on_article`` gets (the
ingestion gate's record and contract violations). Must pickle (a module-level function)."""


class EngineError(Exception):
    """The engine cannot run: one clear sentence for the user (a usage error, exit 2)."""


class Task(StrEnum):
    WHOLE = "whole"
    """Every rule over a whole file, through the local engine's own function."""
    ARTICLES = "articles"
    """The line, block and article rules over a stretch of a file's articles."""
    FILE_RULES = "file-rules"
    """The file rules over a whole file, nothing else."""


@dataclass(frozen=True, slots=True)
class Stretch:
    """Where a stretch of articles stands in its file: from byte ``start``, the first byte of line
    ``line`` (a header, unless ``start`` is 0), to byte ``end`` (None: the end of the file), after
    ``articles_before`` articles; ``crawled`` is the crawl date the file states."""

    start: int
    end: int | None
    line: int
    articles_before: int
    crawled: Field | None


@dataclass(frozen=True, slots=True)
class Piece:
    """One task: what to run over which file (``data`` holds standard input, read by the
    client)."""

    task: Task
    target: Target
    data: bytes | None = None
    stretch: Stretch | None = None
    observe: Observe | None = None


@dataclass(frozen=True, slots=True)
class FilePlan:
    """The tasks of one target, in file order (a ``FILE_RULES`` task last), or why it has none."""

    target: Target
    pieces: tuple[Piece, ...] = ()
    error: str | None = None


@dataclass(slots=True)
class ArticleOutcome:
    """One article as a task saw it: its entry (None when no run rule needs it) and the findings
    reported after it, before the next article."""

    entry: Entry | None
    findings: list[Finding] = field(default_factory=list)
    observed: object = None
    """What the task's ``observe`` made of the article, if it has one."""


@dataclass(slots=True)
class PieceResult:
    """What a task returns to the client."""

    leading: list[Finding] = field(default_factory=list)
    """Findings before the first article (the preamble's)."""
    articles: list[ArticleOutcome] = field(default_factory=list)
    counted: int = 0
    """Articles the engine counted: one more than ``articles`` when a file rule failed on the
    last one (the engine counts an article before its file rules see it)."""
    error: str | None = None
    file_findings: list[Finding] = field(default_factory=list)
    """The file rules' findings (``FILE_RULES`` only)."""
    failed_at: int | None = None
    """The article (1-based) the file rules stopped at, with ``error`` (``FILE_RULES`` only;
    None with an error: they failed when the file was done)."""


class Recorder(RunScope):
    """Stands in for the run scope of :func:`lint_target`: keeps every article's entry and the
    findings reported after it, for the client to feed the run rules in run order."""

    def __init__(self, linter: Linter, observe: Observe | None = None) -> None:
        super().__init__(linter.run_rules, linter.plain_context, linter.policy)
        self.result = PieceResult()
        self.observe = observe

    def add(self, article: Article) -> None:
        self.result.articles.append(_outcome(article, bool(self.collectors), self.observe))

    def take(self, finding: Finding) -> None:
        outcomes = self.result.articles
        (outcomes[-1].findings if outcomes else self.result.leading).append(finding)


# -- tasks (run on the workers) --------------------------------------------------------------


def lint_piece(linter: Linter, piece: Piece) -> PieceResult:
    """Run one task; every error is part of the result, never raised."""
    if piece.task is Task.WHOLE:
        return _lint_whole(linter, piece)
    if piece.task is Task.ARTICLES:
        return _lint_articles(linter, piece)
    return _run_file_rules(linter, piece)


def _outcome(article: Article, entries: bool, observe: Observe | None) -> ArticleOutcome:
    entry = article_entry(article) if entries else None
    return ArticleOutcome(entry, observed=None if observe is None else observe(article))


def _lint_whole(linter: Linter, piece: Piece) -> PieceResult:
    recorder = Recorder(linter, piece.observe)
    name = piece.target.name
    if piece.data is not None:
        done = linter.lint_bytes(piece.data, name, recorder.take, recorder)
    else:
        done, _ = lint_target(linter, piece.target, None, recorder.take, recorder)
    recorder.result.counted = done.articles
    recorder.result.error = done.error
    return recorder.result


def _lint_articles(linter: Linter, piece: Piece) -> PieceResult:
    result = PieceResult()
    entries = bool(linter.run_rules)
    blocks = stretch_blocks(piece, linter.dialect)
    try:
        for block, findings in linter.lint_blocks(blocks, piece.target.name):
            if isinstance(block, Article):
                result.articles.append(_outcome(block, entries, piece.observe))
            outcomes = result.articles
            (outcomes[-1].findings if outcomes else result.leading).extend(findings)
    except SourceError as error:
        result.error = error.reason
    except RuleCrashError as error:
        result.error = str(error)
    result.counted = len(result.articles)
    return result


def _run_file_rules(linter: Linter, piece: Piece) -> PieceResult:
    """Feed every article of the file to fresh file-rule collectors, as the engine does, and
    say at which article they stopped if they did."""
    result = PieceResult()
    target = piece.target
    collectors = linter.file_collectors(target.name)
    try:
        for block in parse(_whole_lines(target), target.name, linter.dialect):
            if isinstance(block, Article):
                result.counted += 1
                _feed(collectors, block)
    except SourceError as error:  # reading the next article failed
        result.error, result.failed_at = error.reason, result.counted + 1
        return result
    except RuleCrashError as error:
        result.error, result.failed_at = str(error), result.counted
        return result
    try:
        result.file_findings = Linter.collected(collectors, target.name)
    except RuleCrashError as error:
        result.error = str(error)
    return result


def _feed(collectors: Sequence[tuple[FileRule, Collector]], article: Article) -> None:
    for rule, collector in collectors:
        try:
            collector.add(article)
        except Exception as error:  # a rule bug must not stop the other files
            raise RuleCrashError.of(rule, error) from error


def _whole_lines(target: Target) -> Iterator[Line]:
    assert target.path is not None  # only files are split
    yield from open_path(target.path, target.name).lines()


def stretch_blocks(piece: Piece, dialect: Dialect) -> Iterator[Block]:
    """The blocks of a stretch as the parse of the whole file gives them: the parse of a stretch
    after the first cannot see the crawl date stated before the file's first header, nor count
    the articles before it, so both are set from the plan."""
    stretch = piece.stretch
    assert stretch is not None
    blocks = parse(_stretch_lines(piece.target, stretch), piece.target.name, dialect)
    if stretch.start == 0:
        yield from blocks
        return
    for block in blocks:
        if isinstance(block, Article):
            index = block.index + stretch.articles_before
            block = replace(block, index=index, crawled=stretch.crawled)
        yield block


def _stretch_lines(target: Target, stretch: Stretch) -> Iterator[Line]:
    """The lines of a stretch, numbered and placed as in the whole file. The first stretch is
    read as the whole file is (its first bytes are sniffed), up to the first cut."""
    assert target.path is not None
    if stretch.start == 0:
        with open_path(target.path, target.name) as source:
            yield from _until(source.lines(), stretch.end)
        return
    shift = stretch.line - 1
    for line in iter_lines(io.BytesIO(_read_stretch(target, stretch))):
        yield Line(line.number + shift, line.offset + stretch.start, line.text, line.ending)


def _until(lines: Iterator[Line], end: int | None) -> Iterator[Line]:
    for line in lines:
        if end is not None and line.offset >= end:
            return
        yield line


def _read_stretch(target: Target, stretch: Stretch) -> bytes:
    assert target.path is not None
    size = -1 if stretch.end is None else stretch.end - stretch.start
    try:
        with target.path.open("rb") as stream:
            stream.seek(stretch.start)
            return stream.read(size)
    except OSError as error:
        raise SourceError(target.name, f"read failed: {describe_os_error(error)}") from error


# -- planning and merging (on the client) ----------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Cut:
    offset: int
    line: int
    articles_before: int


def plan(
    target: Target,
    linter: Linter,
    chunk_bytes: int | None,
    stdin: BinaryIO | None = None,
    observe: Observe | None = None,
) -> FilePlan:
    """The tasks for one target: files longer than ``chunk_bytes`` (None: never) are cut at
    headers; standard input (``stdin``, default the process's) is read here and sent as bytes.
    Each task runs ``observe`` on every article it reads."""
    if target.error is not None:
        return FilePlan(target, error=target.error)
    if target.path is None:
        try:
            data = (stdin or sys.stdin.buffer).read()
        except OSError as error:
            return FilePlan(target, error=f"read failed: {describe_os_error(error)}")
        return FilePlan(target, (Piece(Task.WHOLE, target, data=data, observe=observe),))
    cuts = _cuts(target, linter.dialect, chunk_bytes) if chunk_bytes else []
    if not cuts:
        return FilePlan(target, (Piece(Task.WHOLE, target, observe=observe),))
    crawled = _stated_crawl_date(target, linter.dialect)
    starts = [_Cut(0, 1, 0), *cuts]
    ends = [cut.offset for cut in cuts] + [None]
    stretches = [
        Stretch(cut.offset, end, cut.line, cut.articles_before, crawled)
        for cut, end in zip(starts, ends, strict=True)
    ]
    pieces = [
        Piece(Task.ARTICLES, target, stretch=stretch, observe=observe) for stretch in stretches
    ]
    if linter.file_rules:
        pieces.append(Piece(Task.FILE_RULES, target))
    return FilePlan(target, tuple(pieces))


def _cuts(target: Target, dialect: Dialect, every: int) -> list[_Cut]:
    """Headers (not the first) about ``every`` bytes apart; none when the file is short or
    cannot be read here (its task then reports why, as the local engine would)."""
    assert target.path is not None
    cuts: list[_Cut] = []
    articles, due = 0, every
    try:
        if target.path.stat().st_size <= every:
            return []
        for line in open_path(target.path, target.name).lines():
            if dialect.match_header(line) is None:
                continue
            if articles and line.offset >= due:
                cuts.append(_Cut(line.offset, line.number, articles))
                due = line.offset + every
            articles += 1
    except (OSError, SourceError):
        return []
    return cuts


def _stated_crawl_date(target: Target, dialect: Dialect) -> Field | None:
    """The crawl date the file states before its first header, read by the parser itself."""
    assert target.path is not None
    try:
        with open_path(target.path, target.name) as source:
            lines = _through_first_header(source.lines(), dialect)
            for block in parse(lines, target.name, dialect):
                if isinstance(block, Article):
                    return block.crawled
    except SourceError:  # its tasks report it
        return None
    return None


def _through_first_header(lines: Iterator[Line], dialect: Dialect) -> Iterator[Line]:
    for line in lines:
        yield line
        if dialect.match_header(line) is not None:
            return


class _FileStoppedError(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def merge(
    plan: FilePlan,
    results: Sequence[PieceResult],
    scope: RunScope,
    sink: FindingSink,
    on_article: Callable[[object], None] | None = None,
    admit: Admit | None = None,
) -> FileResult:
    """One file's result from its tasks' results, in file order; its articles' entries go to the
    run rules in ``scope`` and its findings to ``sink``, as the local engine would send them,
    stopping where it would stop. What ``observe`` made of each article goes to ``on_article``
    just before the article's entry goes to the run rules. ``admit`` is asked here, on the
    client, in run order (the workers admit every finding)."""
    result = FileResult(plan.target.name, error=plan.error, admit=admit)
    tasks = [piece.task for piece in plan.pieces]
    rules = results[-1] if tasks and tasks[-1] is Task.FILE_RULES else None
    parts = results[:-1] if rules is not None else results
    try:
        for part in parts:
            _replay(part, rules, result, scope, sink, on_article)
            if part.error is not None:
                raise _FileStoppedError(part.error)
        if rules is not None:
            if rules.error is not None:
                raise _FileStoppedError(rules.error)
            for finding in rules.file_findings:
                result.take(finding, sink)
    except _FileStoppedError as stopped:
        result.error = stopped.reason
    return result


def _replay(
    part: PieceResult,
    rules: PieceResult | None,
    result: FileResult,
    scope: RunScope,
    sink: FindingSink,
    on_article: Callable[[object], None] | None,
) -> None:
    for finding in part.leading:
        result.take(finding, sink)
    for outcome in part.articles:
        result.articles += 1
        if rules is not None and rules.failed_at == result.articles:
            assert rules.error is not None
            raise _FileStoppedError(rules.error)
        if on_article is not None:
            on_article(outcome.observed)
        if outcome.entry is not None:
            try:
                scope.add_entry(outcome.entry)
            except RuleCrashError as error:
                raise _FileStoppedError(str(error)) from error
        for finding in outcome.findings:
            result.take(finding, sink)
    result.articles += part.counted - len(part.articles)


class Executor(Protocol):
    """What runs the tasks: every plan comes back with its tasks' results, in plan order."""

    def run(
        self, linter: Linter, plans: Iterable[FilePlan]
    ) -> Iterator[tuple[FilePlan, list[PieceResult]]]: ...


class InProcess:
    """Every task in this process, one after another."""

    def run(
        self, linter: Linter, plans: Iterable[FilePlan]
    ) -> Iterator[tuple[FilePlan, list[PieceResult]]]:
        for file_plan in plans:
            yield file_plan, [lint_piece(linter, piece) for piece in file_plan.pieces]


def lint_pieces(
    executor: Executor,
    linter: Linter,
    targets: Iterable[Target],
    *,
    sink: FindingSink,
    on_file: FileDone,
    chunk_bytes: int | None = CHUNK_BYTES,
    observe: Observe | None = None,
    on_article: Callable[[object], None] | None = None,
    admit: Admit | None = None,
) -> Summary:
    """Lint every target as tasks of ``executor``: the same findings, in the same order, as
    :func:`~kzvalidate.check.run.lint_run` (without fixes), and the same ones turned away by
    ``admit``. With ``observe``, what it makes of each article, where the article is read, goes
    to ``on_article`` in run order."""
    summary = Summary()
    scope = linter.run_scope()
    plans = (plan(target, linter, chunk_bytes, observe=observe) for target in targets)
    for file_plan, results in executor.run(linter, plans):
        result = merge(file_plan, results, scope, sink, on_article, admit)
        summary.add(result)
        on_file(result)
    finish_run(scope, summary, sink=sink, on_file=on_file, admit=admit)
    return summary


# -- the cluster -----------------------------------------------------------------------------


class DaskExecutor:
    """The tasks on a dask.distributed cluster, through ``client``. The linter is sent to every
    worker once; a split file's file-rule task, its longest, is scheduled before the others."""

    def __init__(self, client: Client) -> None:
        self.client = client

    def run(
        self, linter: Linter, plans: Iterable[FilePlan]
    ) -> Iterator[tuple[FilePlan, list[PieceResult]]]:
        shared = self.client.scatter(linter, broadcast=True, hash=False)
        submitted = deque(
            (file_plan, [self._submit(shared, piece) for piece in file_plan.pieces])
            for file_plan in plans
        )
        while submitted:  # a file's futures are dropped once merged: workers free its results
            file_plan, futures = submitted.popleft()
            yield file_plan, self._gather(futures)

    def _submit(self, linter: Future[Linter], piece: Piece) -> Future[PieceResult]:
        priority = 1 if piece.task is Task.FILE_RULES else 0
        return self.client.submit(lint_piece, linter, piece, pure=False, priority=priority)

    def _gather(self, futures: list[Future[PieceResult]]) -> list[PieceResult]:
        from distributed import CancelledError, TimeoutError  # lazy: optional extra, heavy
        from distributed.scheduler import KilledWorker  # lazy: optional extra, heavy

        try:
            results: list[PieceResult] = self.client.gather(futures)
        except (OSError, TimeoutError, CancelledError, KilledWorker) as error:
            raise EngineError(
                f"the dask cluster failed: {type(error).__name__}: {error}"
            ) from error
        return results


def _cores() -> int:
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


@contextmanager
def dask_executor(
    scheduler: str | None = None, *, workers: int | None = None, timeout: float = CONNECT_TIMEOUT
) -> Iterator[DaskExecutor]:
    """A client of the cluster whose scheduler is at ``scheduler`` (waiting ``timeout`` seconds
    at most), or of a LocalCluster started for the run and closed after it: ``workers``
    single-threaded worker processes (default one per core), no dashboard, quiet logs."""
    try:
        from distributed import Client, LocalCluster  # lazy: optional extra, heavy; not for lint
    except ImportError as error:
        raise EngineError(f"--engine dask needs dask.distributed: {EXTRA_HINT}") from error
    if scheduler is not None:
        with _connected(Client, scheduler, timeout) as client:
            yield DaskExecutor(client)
        return
    try:
        cluster = local_cluster(LocalCluster, workers or _cores())
    except (OSError, RuntimeError) as error:
        raise EngineError(f"could not start a local dask cluster: {error}") from error
    with cluster, Client(cluster) as client:
        yield DaskExecutor(client)


def local_cluster(cluster_type: type[LocalCluster], workers: int) -> LocalCluster:
    """A quiet cluster on this machine: ``workers`` single-threaded worker processes, no
    dashboard, the scheduler's HTTP endpoints on a free port of the loopback interface (not on
    8787, which another cluster may hold), logs below errors silenced."""
    return cluster_type(
        n_workers=workers,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        scheduler_kwargs={"dashboard": False, "dashboard_address": "127.0.0.1:0"},
        silence_logs=logging.ERROR,
    )


def _connected(client_type: type[Client], scheduler: str, timeout: float) -> Client:
    try:
        return client_type(scheduler, timeout=timeout)
    except ValueError as error:
        raise EngineError(f"{scheduler!r} is not a dask scheduler address: {error}") from error
    except (OSError, TimeoutError) as error:
        raise EngineError(
            f"no dask scheduler answered at {scheduler} within {timeout:g} s "
            "(is `dask scheduler` running there, and the port open?)"
        ) from error


# -- engines for the command line ------------------------------------------------------------


class Engine(StrEnum):
    LOCAL = "local"
    DASK = "dask"


class LintRun(Protocol):
    """A run function with :func:`~kzvalidate.check.run.lint_run`'s signature."""

    def __call__(
        self,
        linter: Linter,
        targets: Iterable[Target],
        *,
        sink: FindingSink,
        on_file: FileDone,
        fix: FixRequest | None = None,
        admit: Admit | None = None,
    ) -> Summary: ...


@contextmanager
def engine_executor(
    engine: Engine, scheduler: str | None = None, chunk_bytes: int = CHUNK_BYTES
) -> Iterator[Executor | None]:
    """The executor of ``engine``, connected to its cluster while the context lasts, or None
    for the local engine. Raises :class:`EngineError` when it cannot run."""
    if engine is Engine.LOCAL:
        if scheduler is not None:
            raise EngineError("--scheduler only goes with --engine dask")
        yield None
        return
    if chunk_bytes < 1:
        raise EngineError("--chunk-bytes must be a positive number of bytes")
    with dask_executor(scheduler) as executor:
        yield executor


@contextmanager
def lint_engine(
    engine: Engine, scheduler: str | None = None, chunk_bytes: int = CHUNK_BYTES
) -> Iterator[LintRun]:
    """The run function of ``engine``: :func:`~kzvalidate.check.run.lint_run`, or the dask
    engine's, connected to its cluster while the context lasts. Raises :class:`EngineError`
    when it cannot run."""
    with engine_executor(engine, scheduler, chunk_bytes) as executor:
        yield lint_run if executor is None else _DaskRun(executor, chunk_bytes)


@dataclass(frozen=True, slots=True)
class _DaskRun:
    executor: Executor
    chunk_bytes: int

    def __call__(
        self,
        linter: Linter,
        targets: Iterable[Target],
        *,
        sink: FindingSink,
        on_file: FileDone,
        fix: FixRequest | None = None,
        admit: Admit | None = None,
    ) -> Summary:
        if fix is not None:
            raise EngineError("--fix rewrites files in place: it runs with --engine local only")
        return lint_pieces(
            self.executor,
            linter,
            targets,
            sink=sink,
            on_file=on_file,
            chunk_bytes=self.chunk_bytes,
            admit=admit,
        )
