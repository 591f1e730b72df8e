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
  header to the line before the next header, so a cut at a header is an article boundary), each
  cut as the tasks are asked for: workers lint the first stretches while the client is still
  cutting the rest of the file. Each stretch is an ``ARTICLES`` task: the line, block and
  article rules over its articles, with each line's number and byte offset as in the whole
  file (the stretch is read from its offset, its lines numbered from the line the cut is at),
  and every article's crawl date (stated before the file's first header) and position as the
  whole file's parse gives them;
* the file rules of a split file (KZ305, KZ407) compare every article of the file. Each
  stretch feeds its own collectors (told to keep what a merge needs: a
  :class:`~kzvalidate.rules.base.MergeableCollector`) and returns them; the client folds them
  in file order, which gives what one collector over the whole file gives. A file rule whose
  collector cannot be merged (a plugin's) runs as one more ``FILE_RULES`` task over the whole
  file: its parse and those collectors, no other rule. Being the longest task, it comes first.

The client merges (:func:`merge`) in run order: for each file, in order, its leading findings,
then each article's entry (fed to the run rules, KZ501 and KZ502, as the local engine feeds
them) and findings, then the file rules' findings; a file error or a rule crash stops the file
where the local engine would have stopped. The task function (:func:`lint_piece`) and the merge
are the same whatever runs the tasks: :class:`InProcess` runs them one after another in this
process, :class:`ProcessPool` in worker processes of this machine (``--jobs``),
:class:`DaskExecutor` on a cluster.

Workers read files by path: the paths must be readable by every worker and by the client (which
finds the files and plans the cuts), e.g. on shared storage, with kzvalidate installed on the
workers. ``--fix`` rewrites files and stays on this machine: with ``--jobs`` each file is fixed
and linted whole in a worker process (fixes are per file); the dask engine refuses it.
"""

from __future__ import annotations

import io
import itertools
import os
import signal
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import TYPE_CHECKING, BinaryIO, NamedTuple, Protocol

from kzvalidate.check.engine import Linter, RuleCrashError, RunScope
from kzvalidate.check.run import FileDone, FixRequest, finish_run, lint_run, lint_target
from kzvalidate.contract.collection import Entry, EntryRow, entry_of_row, entry_row
from kzvalidate.contract.record import article_entry
from kzvalidate.dump.blocks import Article, Block
from kzvalidate.dump.dialect import Dialect
from kzvalidate.dump.parser import parse
from kzvalidate.model import Field, Finding, Line
from kzvalidate.results import Admit, FileResult, FindingSink, Summary
from kzvalidate.rules.base import Collector, FileRule, MergeableCollector
from kzvalidate.source.discovery import Target
from kzvalidate.source.reading import (
    Source,
    SourceError,
    describe_os_error,
    iter_lines,
    open_path,
    split_line,
)

if TYPE_CHECKING:
    from concurrent.futures import Future as PoolFuture
    from concurrent.futures import ProcessPoolExecutor

    from distributed import Client, Future, LocalCluster

CHUNK_BYTES = 8_000_000
"""Files longer than this are split into stretches of about this many bytes (dask engine)."""
POOL_CHUNK_BYTES = 4_000_000
"""The same for ``--jobs``: stretches small enough that one large file keeps every core busy
to its end, large enough that a stretch costs far more to lint than to send."""
_LOG_ERRORS_ONLY = 40
"""``logging.ERROR``, without importing :mod:`logging` on every run for a dask-only setting."""
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


class Stretch(NamedTuple):
    """Where a stretch of articles stands in its file: from byte ``start``, the first byte of line
    ``line`` (a header, unless ``start`` is 0), to byte ``end`` (None: the end of the file), after
    ``articles_before`` articles; ``crawled`` is the crawl date the file states."""

    start: int
    end: int | None
    line: int
    articles_before: int
    crawled: Field | None


class Piece(NamedTuple):
    """One task: what to run over which file (``data`` holds standard input, read by the
    client)."""

    task: Task
    target: Target
    data: bytes | None = None
    stretch: Stretch | None = None
    observe: Observe | None = None
    fix: FixRequest | None = None
    """Fix the file before linting it (``WHOLE`` tasks of files only)."""

    @property
    def ends_plan(self) -> bool:
        """Whether it is the last task of its file: a whole file, or the stretch that runs to
        the end of one (known without cutting the file any further)."""
        return self.task is Task.WHOLE or (self.stretch is not None and self.stretch.end is None)


class FilePlan:
    """The tasks of one target, in file order (a ``FILE_RULES`` task first), or why it has
    none. The stretches of a split file are cut as they are asked for (:meth:`tasks`), so that
    the first can be linted while the client is still cutting the rest of the file; the tasks
    found are kept, to be read again."""

    __slots__ = ("_coming", "_found", "error", "split", "target")

    def __init__(
        self,
        target: Target,
        pieces: Iterable[Piece] = (),
        error: str | None = None,
        *,
        split: bool = False,
    ) -> None:
        self.target = target
        self.error = error
        self.split = split  # cut into stretches (``ARTICLES`` tasks)
        self._found: list[Piece] = []
        self._coming = iter(pieces)

    def tasks(self) -> Iterator[Piece]:
        """Every task, in order, each found as it is asked for."""
        index = 0
        while self._known(index):
            yield self._found[index]
            index += 1

    @property
    def pieces(self) -> tuple[Piece, ...]:
        """Every task (the whole file is cut first)."""
        return tuple(self.tasks())

    @property
    def first_task(self) -> Task | None:
        return self._found[0].task if self._known(0) else None

    def _known(self, index: int) -> bool:
        """Whether there is a task ``index``, found now if it has to be."""
        while len(self._found) <= index:
            piece = next(self._coming, None)
            if piece is None:
                return False
            self._found.append(piece)
        return True


@dataclass(slots=True)
class ArticleOutcome:
    """One article as a task saw it: its entry (None when no run rule needs it) and the findings
    reported after it, before the next article. Pickled with its entry as plain values (about
    half the cost of pickling the entry's objects)."""

    entry: Entry | None
    findings: list[Finding] = field(default_factory=list)
    observed: object = None
    """What the task's ``observe`` made of the article, if it has one."""

    def __reduce__(self) -> tuple[Callable[..., ArticleOutcome], tuple[object, ...]]:
        row = None if self.entry is None else entry_row(self.entry)
        return _outcome_of_row, (row, self.findings, self.observed)


def _outcome_of_row(
    row: EntryRow | None, findings: list[Finding], observed: object
) -> ArticleOutcome:
    return ArticleOutcome(None if row is None else entry_of_row(row), findings, observed)


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
    collectors: list[tuple[FileRule, MergeableCollector]] = field(default_factory=list)
    """The stretch's file-rule collectors, to be merged in file order (``ARTICLES`` only)."""
    fixed: int = 0
    """Fixes written to the file (``WHOLE`` with ``fix`` only)."""


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
        done, fixed = lint_target(linter, piece.target, piece.fix, recorder.take, recorder)
        recorder.result.fixed = fixed
    recorder.result.counted = done.articles
    recorder.result.error = done.error
    return recorder.result


def _lint_articles(linter: Linter, piece: Piece) -> PieceResult:
    """The line, block and article rules over a stretch, and its articles fed to the file
    rules' mergeable collectors, in the engine's order of work: a collector that fails on an
    article stops the stretch before the article's findings are kept."""
    result = PieceResult(collectors=mergeable_collectors(linter, piece.target.name))
    for _, collector in result.collectors:
        collector.keep_for_merge()
    entries = bool(linter.run_rules)
    blocks = stretch_blocks(piece, linter.dialect)
    try:
        for block, findings in linter.lint_blocks(blocks, piece.target.name):
            if isinstance(block, Article):
                result.counted += 1
                _feed(result.collectors, block)
                result.articles.append(_outcome(block, entries, piece.observe))
            outcomes = result.articles
            (outcomes[-1].findings if outcomes else result.leading).extend(findings)
    except SourceError as error:
        result.error = error.reason
    except RuleCrashError as error:
        result.error = str(error)
    return result


def dump_collectors(linter: Linter, path: str) -> list[tuple[FileRule, Collector]]:
    """Fresh collectors of the file rules that run on a news dump at ``path``."""
    return [pair for pair in linter.file_collectors(path) if not pair[0].for_non_dumps]


def mergeable_collectors(linter: Linter, path: str) -> list[tuple[FileRule, MergeableCollector]]:
    """Fresh collectors of the dump's file rules whose state can be merged, in rule order."""
    return [
        (rule, collector)
        for rule, collector in dump_collectors(linter, path)
        if isinstance(collector, MergeableCollector)
    ]


def _unmergeable_collectors(linter: Linter, path: str) -> list[tuple[FileRule, Collector]]:
    return [
        (rule, collector)
        for rule, collector in dump_collectors(linter, path)
        if not isinstance(collector, MergeableCollector)
    ]


def _run_file_rules(linter: Linter, piece: Piece) -> PieceResult:
    """Feed every article of the file to fresh collectors of the file rules that cannot be
    merged, as the engine does, and say at which article they stopped if they did."""
    result = PieceResult()
    target = piece.target
    collectors = _unmergeable_collectors(linter, target.name)
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
    """Every collector gets the article; a collector's bug is a :class:`RuleCrashError`."""
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
    data = io.BytesIO(_read_stretch(target, stretch))
    yield from iter_lines(data, stretch.line - 1, stretch.start)


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


class _Cut(NamedTuple):
    offset: int
    line: int
    articles_before: int


def plan(
    target: Target,
    linter: Linter,
    chunk_bytes: int | None,
    stdin: BinaryIO | None = None,
    observe: Observe | None = None,
    fix: FixRequest | None = None,
) -> FilePlan:
    """The tasks for one target: files longer than ``chunk_bytes`` (None: never) are cut at
    headers, unless they are to be fixed (``fix``: a file is fixed whole); standard input
    (``stdin``, default the process's) is read here and sent as bytes. Each task runs
    ``observe`` on every article it reads."""
    if target.error is not None:
        return FilePlan(target, error=target.error)
    if target.path is None:
        try:
            data = (stdin or sys.stdin.buffer).read()
        except OSError as error:
            return FilePlan(target, error=f"read failed: {describe_os_error(error)}")
        return FilePlan(target, (Piece(Task.WHOLE, target, data=data, observe=observe),))
    cuts = _cuts(target, linter.dialect, chunk_bytes) if chunk_bytes and fix is None else None
    first = None if cuts is None else next(cuts, None)
    if cuts is None or first is None:
        return FilePlan(target, (Piece(Task.WHOLE, target, observe=observe, fix=fix),))
    crawled = _stated_crawl_date(target, linter.dialect)
    pieces: Iterable[Piece] = (
        Piece(Task.ARTICLES, target, stretch=stretch, observe=observe)
        for stretch in _stretches(itertools.chain([first], cuts), crawled)
    )
    if _unmergeable_collectors(linter, target.name):
        pieces = itertools.chain([Piece(Task.FILE_RULES, target)], pieces)
    return FilePlan(target, pieces, split=True)


def _stretches(cuts: Iterator[_Cut], crawled: Field | None) -> Iterator[Stretch]:
    """The stretches between the cuts, each as soon as the cut that ends it is found."""
    start = _Cut(0, 1, 0)
    for cut in cuts:
        yield Stretch(start.offset, cut.offset, start.line, start.articles_before, crawled)
        start = cut
    yield Stretch(start.offset, None, start.line, start.articles_before, crawled)


def _cuts(target: Target, dialect: Dialect, every: int) -> Iterator[_Cut]:
    """Headers (not the first) about ``every`` bytes apart, found as they are asked for; none
    when the file is short, and no more once it cannot be read here (the task of the stretch
    that reaches the failure reports it, as the local engine would)."""
    assert target.path is not None
    articles, due = 0, every
    try:
        if target.path.stat().st_size <= every:
            return
        with open_path(target.path, target.name) as source:
            for line in header_candidates(source):
                if not dialect.is_header(line):
                    continue
                if articles and line.offset >= due:
                    yield _Cut(line.offset, line.number, articles)
                    due = line.offset + every
                articles += 1
    except (OSError, SourceError):
        return


_SCAN_BYTES = 1 << 20
"""The blocks the cuts are looked for in: small, since the scan stays open while the first
stretches are linted, and worker processes forked meanwhile start with what the client holds."""


def header_candidates(source: Source, block_size: int = _SCAN_BYTES) -> Iterator[Line]:
    """The lines of ``source`` that could be headers, numbered and placed as
    :meth:`~kzvalidate.source.reading.Source.lines` gives them, without making the others:
    :meth:`Dialect.match_header` accepts no line without a colon (the time's), and most lines
    of a dump have none. Planning the cuts of a large file must cost far less than linting it."""
    number = 1  # of the line at the start of the next block
    for offset, block in _blocks_of_whole_lines(source.blocks(block_size)):
        counted = 0
        for start, end in _lines_with_colons(block):
            number += _line_breaks(block, counted, start)
            counted = start
            yield split_line(block[start:end], number, offset + start)
        number += _line_breaks(block, counted, len(block))


def _lines_with_colons(block: bytes) -> Iterator[tuple[int, int]]:
    """Where each line of ``block`` that has a colon starts and ends (its line end included)."""
    position = 0  # where a line starts
    while (colon := block.find(b":", position)) != -1:
        start = max(position, block.rfind(b"\n", position, colon) + 1)
        start = max(start, block.rfind(b"\r", start, colon) + 1)
        end = block.find(b"\n", colon)
        end = len(block) if end == -1 else end
        lone = block.find(b"\r", colon, end)  # bounded: an unbounded search would scan the block
        end = end if lone == -1 else lone
        end += 2 if block.startswith(b"\r\n", end) else 1
        yield start, min(end, len(block))
        position = end


def _blocks_of_whole_lines(blocks: Iterator[bytes]) -> Iterator[tuple[int, bytes]]:
    """The blocks re-cut so that each ends with a whole line (a ``\\r`` that ends a block waits
    for the next one, which may begin with its ``\\n``), with the offset of each."""
    carry, offset = b"", 0
    for block in blocks:
        data = carry + block
        end = max(data.rfind(b"\n"), data.rfind(b"\r", 0, len(data) - 1)) + 1
        carry = data[end:]
        if end:
            yield offset, data[:end]
            offset += end
    if carry:
        yield offset, carry


def _line_breaks(data: bytes, start: int, end: int) -> int:
    """Line ends in ``data[start:end]``: ``\\n``, ``\\r\\n`` and a lone ``\\r``."""
    return (
        data.count(b"\n", start, end)
        + data.count(b"\r", start, end)
        - (data.count(b"\r\n", start, end))
    )


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
    results: Iterable[PieceResult],
    linter: Linter,
    scope: RunScope,
    sink: FindingSink,
    on_article: Callable[[object], None] | None = None,
    admit: Admit | None = None,
) -> FileResult:
    """One file's result from its tasks' results, in file order (read one by one, and only as
    far as the file goes); its articles' entries go to the run rules in ``scope`` and its
    findings to ``sink``, as the local engine would send them, stopping where it would stop.
    The stretches' file-rule collectors are folded, in file order and as they come, into fresh
    collectors of ``linter``'s (not kept for a merge: what a stretch said is not kept to the end
    of a long file). What ``observe`` made of each
    article goes to ``on_article`` just before the article's entry goes to the run rules.
    ``admit`` is asked here, on the client, in run order (the workers admit every finding)."""
    result = FileResult(plan.target.name, error=plan.error, admit=admit)
    parts = iter(results)
    split = plan.split
    rules = next(parts) if plan.first_task is Task.FILE_RULES else None
    merged = mergeable_collectors(linter, plan.target.name) if split else []
    try:
        for part in parts:
            _replay(part, rules, result, scope, sink, on_article)
            if part.collectors:  # none when its worker died
                _fold(merged, part.collectors)
            if part.error is not None:
                raise _FileStoppedError(part.error)
        if rules is not None and rules.error is not None:
            raise _FileStoppedError(rules.error)
        if split:
            for finding in _file_findings(merged, rules, plan.target.name):
                result.take(finding, sink)
    except _FileStoppedError as stopped:
        result.error = stopped.reason
    return result


def _fold(
    merged: list[tuple[FileRule, MergeableCollector]],
    later: list[tuple[FileRule, MergeableCollector]],
) -> None:
    """Fold the next stretch's collectors into those of the stretches before it."""
    for (rule, collector), (_, next_one) in zip(merged, later, strict=True):
        try:
            collector.merge(next_one)
        except Exception as error:  # a rule bug must not stop the other files
            raise _FileStoppedError(str(RuleCrashError.of(rule, error))) from error


def _file_findings(
    merged: list[tuple[FileRule, MergeableCollector]], rules: PieceResult | None, path: str
) -> list[Finding]:
    """The file rules' findings of a split file, in the engine's report order."""
    try:
        findings = Linter.collected(merged, path)
    except RuleCrashError as error:
        raise _FileStoppedError(str(error)) from error
    if rules is not None:
        findings += rules.file_findings
        findings.sort(key=lambda finding: finding.sort_key)
    return findings


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


PlanResults = Iterator[tuple[FilePlan, Iterable[PieceResult]]]
"""Every plan with its tasks' results, in plan order; a plan's results are read before the
next plan is asked for, and need not all be read."""


class Executor(Protocol):
    """What runs the tasks: every plan comes back with its tasks' results, in plan order."""

    def run(self, linter: Linter, plans: Iterable[FilePlan]) -> PlanResults: ...


class InProcess:
    """Every task in this process, one after another, each when its result is read."""

    def run(self, linter: Linter, plans: Iterable[FilePlan]) -> PlanResults:
        for file_plan in plans:
            yield file_plan, (lint_piece(linter, piece) for piece in file_plan.tasks())


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
    fix: FixRequest | None = None,
) -> Summary:
    """Lint every target as tasks of ``executor``: the same findings, in the same order, as
    :func:`~kzvalidate.check.run.lint_run`, and the same ones turned away by ``admit``. With
    ``observe``, what it makes of each article, where the article is read, goes to
    ``on_article`` in run order. With ``fix`` (which must pickle: no preview), each file is
    fixed and linted whole by one task."""
    summary = Summary()
    scope = linter.run_scope()
    plans = (plan(target, linter, chunk_bytes, observe=observe, fix=fix) for target in targets)
    for file_plan, results in executor.run(linter, plans):
        fixed = _Counted(results)
        result = merge(file_plan, fixed, linter, scope, sink, on_article, admit)
        summary.add(result, fixed=fixed.fixed)
        on_file(result)
    finish_run(scope, summary, sink=sink, on_file=on_file, admit=admit)
    return summary


class _Counted:
    """A plan's results, passed through, adding up the fixes they wrote."""

    def __init__(self, results: Iterable[PieceResult]) -> None:
        self.results = results
        self.fixed = 0

    def __iter__(self) -> Iterator[PieceResult]:
        for result in self.results:
            self.fixed += result.fixed
            yield result


# -- worker processes of this machine (--jobs) -----------------------------------------------

_worker_linter: Linter | None = None
"""The linter of this worker process, set once when the pool starts it."""


def _start_worker(linter: Linter) -> None:
    """A worker's initializer. Ctrl-C goes to the whole process group: the client handles it
    and ends the workers, which must not die on it half-way through a task. A worker is forked
    with Ctrl-C held back (:func:`_ctrl_c_held`): one pressed before now is dropped here."""
    global _worker_linter
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    _worker_linter = linter


@contextmanager
def _ctrl_c_held() -> Iterator[None]:
    """Ctrl-C held back while worker processes may be forked (a pool forks its workers on its
    first task), so that it reaches the client once they are, never a worker that has not yet
    set itself to ignore it (that worker would die with a traceback, and its file be reported
    as a crash)."""
    before = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


def _lint_in_worker(piece: Piece) -> PieceResult:
    assert _worker_linter is not None, "the pool's initializer sets the linter"
    return lint_piece(_worker_linter, piece)


WORKER_CRASHED = (
    "the worker process linting it stopped abruptly (killed, out of memory, or a crash "
    "in a library); the other files were linted"
)


@dataclass(slots=True)
class _Pending:
    """A plan whose tasks are submitted, in order, as the window lets them in."""

    plan: FilePlan
    submitted: deque[tuple[Piece, PoolFuture[PieceResult]]] = field(default_factory=deque)
    more: bool = True
    """Whether it has tasks not submitted yet."""


POOL_MIN_BYTES = 1 << 20
"""With the default number of jobs, less work than this runs in this process: starting workers
would cost more than it saves (a pre-commit hook's few small files). ``--jobs N`` always starts
them."""


class ProcessPool:
    """The tasks in ``jobs`` worker processes of this machine (``--jobs``). The linter reaches
    each worker once, through the pool's initializer; at most about ``window`` tasks are
    submitted ahead of the one whose result is read next, so memory stays bounded however many
    files and stretches a run has. A run with one task, or less than ``min_bytes`` of work, runs
    here, without a pool.

    Workers are forked while no other thread runs (the command line's case): a fork starts in
    milliseconds and inherits the imported modules and the loaded tables, where ``spawn`` or
    ``forkserver`` would import kzvalidate again in every worker (hundreds of milliseconds) and
    pickle the linter to each. Forking a process that runs threads can deadlock the child on a
    lock another thread held, so then (a library caller's threads) ``forkserver`` is used.

    A worker that dies takes the pool with it: the pool is started again, and every task that
    was in it runs again, each alone in a pool of its own, so that the task that kills its
    worker is the only one reported, as an error of its file."""

    def __init__(self, jobs: int, window: int | None = None, min_bytes: int = 0) -> None:
        self.jobs = jobs
        self.window = window or 4 * jobs
        self.min_bytes = min_bytes

    def run(self, linter: Linter, plans: Iterable[FilePlan]) -> PlanResults:
        items = _tasks(plans)
        ahead, worth_it = _look_ahead(items, self.min_bytes)
        if not worth_it:  # every item was read: the plans are complete
            yield from InProcess().run(linter, _distinct(item.plan for item in ahead))
            return
        with _Pool(linter, self.jobs) as pool:
            yield from _Window(pool, itertools.chain(ahead, items), self.window).run()


class _Item(NamedTuple):
    """A task of a plan (None: a plan without tasks), and whether it is the plan's last."""

    plan: FilePlan
    piece: Piece | None
    last: bool


def _tasks(plans: Iterable[FilePlan]) -> Iterator[_Item]:
    """Every task of every plan, in order, as each is found; a plan without tasks as one item
    without a task."""
    for file_plan in plans:
        some = False
        for piece in file_plan.tasks():
            some = True
            yield _Item(file_plan, piece, piece.ends_plan)
        if not some:
            yield _Item(file_plan, None, True)


def _look_ahead(items: Iterator[_Item], min_bytes: int) -> tuple[list[_Item], bool]:
    """The items up to the second task (or the first of a split file, which has two at least)
    and ``min_bytes`` of work, and whether the run has that much (if not, every item was
    read)."""
    ahead: list[_Item] = []
    tasks = size = 0
    for item in items:
        ahead.append(item)
        if item.piece is not None:
            tasks += 1
            size += _piece_bytes(item.piece)
        if (tasks >= 2 or item.plan.split) and size >= min_bytes:
            return ahead, True
    return ahead, False


def _distinct(plans: Iterable[FilePlan]) -> Iterator[FilePlan]:
    """Each plan once (a plan's tasks are consecutive items)."""
    previous = None
    for file_plan in plans:
        if file_plan is not previous:
            yield file_plan
        previous = file_plan


def _piece_bytes(piece: Piece) -> int:
    """About how many bytes a task reads (0 when the file cannot be looked at: it is an error
    the task reports)."""
    if piece.data is not None:
        return len(piece.data)
    if piece.stretch is not None and piece.stretch.end is not None:
        return piece.stretch.end - piece.stretch.start
    try:
        size = piece.target.path.stat().st_size if piece.target.path is not None else 0
    except OSError:
        return 0
    return size - (piece.stretch.start if piece.stretch is not None else 0)


class _Pool:
    """A process pool that can be started again when a worker dies, and is ended without
    waiting for its tasks when the run is interrupted."""

    def __init__(self, linter: Linter, jobs: int) -> None:
        self.linter = linter
        self.jobs = jobs
        self.executor = self.start(jobs)

    def start(self, jobs: int) -> ProcessPoolExecutor:
        import multiprocessing  # lazy: only a run with --jobs needs it
        from concurrent.futures import ProcessPoolExecutor

        method = "fork" if threading.active_count() == 1 else "forkserver"
        sys.stdout.flush()  # a forked worker flushes what it inherited as it ends
        sys.stderr.flush()
        return ProcessPoolExecutor(
            jobs,
            mp_context=multiprocessing.get_context(method),
            initializer=_start_worker,
            initargs=(self.linter,),
        )

    def submit(self, piece: Piece) -> PoolFuture[PieceResult]:
        with _ctrl_c_held():
            return self.executor.submit(_lint_in_worker, piece)

    def result(self, piece: Piece, future: PoolFuture[PieceResult]) -> PieceResult:
        """The task's result; if its worker died, the task runs again alone, and if it kills
        that worker too, the result is an error of its file."""
        from concurrent.futures.process import BrokenProcessPool  # lazy: as the pool is

        try:
            return future.result()
        except BrokenProcessPool:
            self.restart(future)
        alone = self.start(1)
        try:
            with _ctrl_c_held():
                running = alone.submit(_lint_in_worker, piece)
            return running.result()
        except BrokenProcessPool:
            return PieceResult(error=WORKER_CRASHED)
        finally:
            alone.shutdown(wait=True)

    def restart(self, broken: PoolFuture[PieceResult]) -> None:
        """A new pool in place of the one ``broken`` failed in, unless it was replaced already."""
        if broken.exception() is not None and self.executor._broken:
            self.executor.shutdown(wait=True)
            self.executor = self.start(self.jobs)

    def __enter__(self) -> _Pool:
        return self

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        if kind is not None:  # interrupted, or the caller stopped reading: do not wait
            for process in list(self.executor._processes.values()):
                process.terminate()
        self.executor.shutdown(wait=True, cancel_futures=True)


class _Window:
    """Tasks submitted in run order, about ``size`` ahead of the result read next."""

    def __init__(self, pool: _Pool, items: Iterator[_Item], size: int) -> None:
        self.pool = pool
        self.items = items
        self.size = size
        self.pending: deque[_Pending] = deque()
        self.in_flight = 0

    def run(self) -> PlanResults:
        while True:
            self.fill()
            if not self.pending:
                return
            head = self.pending[0]
            results = self.results(head)
            yield head.plan, results
            for _ in results:  # what the merge did not read (its file stopped early)
                pass
            self.pending.popleft()

    def fill(self) -> None:
        while self.in_flight < self.size and self.take():
            pass

    def take(self) -> bool:
        """Submit the next task; False when there is none."""
        item = next(self.items, None)
        if item is None:
            return False
        if not self.pending or self.pending[-1].plan is not item.plan:
            self.pending.append(_Pending(item.plan))
        pending = self.pending[-1]
        pending.more = not item.last
        if item.piece is not None:
            pending.submitted.append((item.piece, self.pool.submit(item.piece)))
            self.in_flight += 1
        return True

    def results(self, head: _Pending) -> Iterator[PieceResult]:
        while head.submitted or head.more:
            while not head.submitted:  # a plan longer than the window: its next task now
                self.take()
            piece, future = head.submitted.popleft()
            self.in_flight -= 1
            result = self.pool.result(piece, future)
            self.fill()
            yield result


# -- the cluster -----------------------------------------------------------------------------


class DaskExecutor:
    """The tasks on a dask.distributed cluster, through ``client``. The linter is sent to every
    worker once; a split file's file-rule task, its longest, is scheduled before the others."""

    def __init__(self, client: Client) -> None:
        self.client = client

    def run(self, linter: Linter, plans: Iterable[FilePlan]) -> PlanResults:
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


def cores() -> int:
    """The cores this process may run on: the default of ``--jobs``."""
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
        cluster = local_cluster(LocalCluster, workers or cores())
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
        silence_logs=_LOG_ERRORS_ONLY,
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


def chunk_bytes_for(engine: Engine, chunk_bytes: int | None) -> int:
    """The stretch length of ``engine``: ``chunk_bytes`` if given (a positive number), else its
    default. Raises :class:`EngineError` for a length that is not positive."""
    if chunk_bytes is None:
        return CHUNK_BYTES if engine is Engine.DASK else POOL_CHUNK_BYTES
    if chunk_bytes < 1:
        raise EngineError("--chunk-bytes must be a positive number of bytes")
    return chunk_bytes


@contextmanager
def engine_executor(
    engine: Engine,
    scheduler: str | None = None,
    chunk_bytes: int | None = CHUNK_BYTES,
    jobs: int | None = 1,
) -> Iterator[Executor | None]:
    """The executor of ``engine``, connected to its cluster while the context lasts: for the
    local engine, None with one job, else a :class:`ProcessPool` of ``jobs`` workers (None: one
    per core); for dask, a local cluster of ``jobs`` workers unless a ``scheduler`` is given.
    Raises :class:`EngineError` when it cannot run."""
    if jobs is not None and jobs < 1:
        raise EngineError("--jobs must be at least 1")
    chunk_bytes_for(engine, chunk_bytes)
    if engine is Engine.LOCAL:
        if scheduler is not None:
            raise EngineError("--scheduler only goes with --engine dask")
        workers = jobs or cores()
        min_bytes = POOL_MIN_BYTES if jobs is None else 0
        yield None if workers == 1 else ProcessPool(workers, min_bytes=min_bytes)
        return
    with dask_executor(scheduler, workers=jobs) as executor:
        yield executor


@contextmanager
def lint_engine(
    engine: Engine,
    scheduler: str | None = None,
    chunk_bytes: int | None = CHUNK_BYTES,
    jobs: int | None = 1,
) -> Iterator[LintRun]:
    """The run function of ``engine``: :func:`~kzvalidate.check.run.lint_run` with one local
    job, else the tasks' run through :func:`engine_executor`'s executor. Raises
    :class:`EngineError` when it cannot run."""
    with engine_executor(engine, scheduler, chunk_bytes, jobs) as executor:
        if executor is None:
            yield lint_run
        else:
            fixes = engine is Engine.LOCAL
            yield _PiecesRun(executor, chunk_bytes_for(engine, chunk_bytes), fixes)


@dataclass(frozen=True, slots=True)
class _PiecesRun:
    executor: Executor
    chunk_bytes: int
    fixes: bool
    """Whether files may be fixed where the tasks run (on this machine, not on a cluster)."""

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
        if fix is not None and not self.fixes:
            raise EngineError("--fix rewrites files in place: it runs with --engine local only")
        return lint_pieces(
            self.executor,
            linter,
            targets,
            sink=sink,
            on_file=on_file,
            chunk_bytes=self.chunk_bytes,
            admit=admit,
            fix=fix,
        )
