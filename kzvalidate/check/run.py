"""A run: every target of the command line, in order, through the engine (and the fixer when
asked), with the run-scope collectors that compare articles across files.

The run owns the :class:`~kzvalidate.check.engine.RunScope`: each file's articles go into it as
the file is linted, and the run rules report after the last file. Findings stream to the sink as
they are made; the run returns the :class:`~kzvalidate.results.Summary`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from kzvalidate.check.cache import CachedResult, EntryRecorder, ResultCache, file_state, replay
from kzvalidate.check.engine import Linter, RuleCrashError, RunScope
from kzvalidate.check.fixer import fix_until_stable, write_atomic
from kzvalidate.contract.record import Record, figure_records
from kzvalidate.dump.blocks import Article
from kzvalidate.dump.dialect import Dialect
from kzvalidate.dump.parser import parse
from kzvalidate.model import Finding
from kzvalidate.results import Admit, FileResult, FindingSink, Summary
from kzvalidate.source.discovery import Target, open_target
from kzvalidate.source.reading import SourceError, describe_os_error, open_path

FileDone = Callable[[FileResult], None]
CACHE_MAX_ITEMS = 10_000
"""Findings and articles of one file, together, beyond which the file is not cached: its cache
entry would be held in memory whole (about a kilobyte an item)."""
CACHE_MAX_BYTES = 20_000_000
"""Files larger than this are not cached, nor hashed for the cache: at about 2 kB an article,
they hold more than :data:`CACHE_MAX_ITEMS` articles."""
RUN_PATH = "(the run)"
"""Where an error of the run rules is reported: it belongs to no one file."""


FixPreview = Callable[[str, bytes, bytes], None]
"""Takes a file's name, its bytes and the bytes the fixes would make of them."""


@dataclass(frozen=True, slots=True)
class FixRequest:
    unsafe: bool = False
    preview: FixPreview | None = None
    """A dry run (``--diff``): nothing is written; each file the fixes would change goes to
    ``preview`` with its bytes before and after, and is linted as it would be after them.
    Standard input can be previewed too."""


def lint_run(
    linter: Linter,
    targets: Iterable[Target],
    *,
    sink: FindingSink,
    on_file: FileDone,
    fix: FixRequest | None = None,
    admit: Admit | None = None,
    cache: ResultCache | None = None,
) -> Summary:
    """Lint every target; each file's result goes to ``on_file`` once its findings went to
    ``sink``; the run rules' findings go to ``sink`` after the last file. Findings ``admit``
    turns away are only counted (``Summary.suppressed``); fixes still mend them. Files the
    ``cache`` knows are not linted again (see :func:`lint_target`)."""
    summary = Summary()
    scope = linter.run_scope()
    for target in targets:
        result, fixed = lint_target(linter, target, fix, sink, scope, admit, cache)
        summary.add(result, fixed=fixed)
        on_file(result)
    finish_run(scope, summary, sink=sink, on_file=on_file, admit=admit)
    return summary


def finish_run(
    scope: RunScope,
    summary: Summary,
    *,
    sink: FindingSink,
    on_file: FileDone,
    admit: Admit | None = None,
) -> None:
    """After the last file: the run rules' findings to ``sink`` and ``summary`` (those ``admit``
    turns away only counted as suppressed), or their crash as an error of the run, reported like
    a file's error."""
    try:
        run_findings = scope.findings()
    except RuleCrashError as error:
        summary.errors.append((RUN_PATH, str(error)))
        on_file(FileResult(RUN_PATH, error=str(error)))
        return
    for finding in run_findings:
        if admit is not None and not admit(finding):
            summary.suppressed += 1
            continue
        summary.count(finding)
        sink(finding)


def lint_target(
    linter: Linter,
    target: Target,
    fix: FixRequest | None = None,
    sink: FindingSink | None = None,
    scope: RunScope | None = None,
    admit: Admit | None = None,
    cache: ResultCache | None = None,
) -> tuple[FileResult, int]:
    """The findings for one target (streamed to ``sink`` if given, when ``admit`` lets them
    through) and how many fixes were written to it; its articles also go to ``scope`` if given.
    The fixes are chosen before ``admit`` is asked: a fix mends a finding a baseline accepts.
    With a ``cache``, a file linted before with the same bytes and settings is not linted
    again: its findings and articles are taken from the cache, through ``admit`` all the same."""
    if target.error is not None:
        return FileResult(target.name, error=target.error), 0
    try:
        if target.path is not None:
            _refuse_broken_link(target.path, target.name)
        if fix is not None and (target.path is not None or fix.preview is not None):
            return _fix_and_lint(linter, target, fix, sink, scope, admit)
        if cache is not None and target.path is not None and scope is not None:
            if too_large_to_cache(target.path):
                return linter.lint_source(open_target(target), sink, scope, admit), 0
            return _lint_cached(cache, target.path, target.name, sink, scope, admit), 0
        return linter.lint_source(open_target(target), sink, scope, admit), 0
    except SourceError as error:
        return FileResult(target.name, error=error.reason), 0


def too_large_to_cache(path: Path) -> bool:
    """Whether the file at ``path`` is linted as without the cache (:data:`CACHE_MAX_BYTES`)."""
    try:
        return path.stat().st_size > CACHE_MAX_BYTES
    except OSError:  # the reader says what is wrong with it
        return False


def _lint_cached(
    cache: ResultCache,
    path: Path,
    name: str,
    sink: FindingSink | None,
    scope: RunScope,
    admit: Admit | None,
) -> FileResult:
    """Lint a file through the cache: on a hit, the cached result goes through ``admit``,
    ``sink`` and ``scope`` as a fresh one would; on a miss, the file is linted and its result
    stored, unless it could not be linted to the end, changed while it was read or is too large
    to cache (:data:`CACHE_MAX_ITEMS`)."""
    before = file_state(path)
    try:
        key = cache.key_of(path, name)
    except OSError:  # let the reader say what is wrong with the file
        return cache.linter.lint_source(open_target(Target(path, name)), sink, scope, admit)
    cached = cache.load(key)
    fresh, error = cached is None, None
    result = FileResult(name, admit=admit)
    if cached is None:
        recorder = _CacheRecorder(cache.linter, _PassOn(result, sink, scope))
        linted = cache.linter.lint_source(open_path(path, name), recorder.finding, recorder)
        error = linted.error
        if recorder.passing:  # too large to cache: it went on as it was linted
            result.articles, result.error = linted.articles, error
            return result
        cached = CachedResult(
            tuple(recorder.kept_findings), linted.articles, tuple(recorder.entries)
        )
    result.articles, result.error = cached.articles, error
    for finding in cached.findings:
        result.take(finding, sink)
    try:
        replay(cached.entries, scope)
    except RuleCrashError as crash:
        result.error = str(crash)
        return result
    if fresh and error is None and file_state(path) == before:
        cache.store(key, cached)
    return result


@dataclass(frozen=True, slots=True)
class _PassOn:
    """Where a file's findings and articles go once it is too large to cache."""

    result: FileResult
    sink: FindingSink | None
    scope: RunScope


class _CacheRecorder(EntryRecorder):
    """Keeps a file's findings (before any baseline) and its articles' entries for the cache, up
    to :data:`CACHE_MAX_ITEMS` of them together. Past that the file is not cached: what was kept,
    and everything after it as it comes, goes on to ``pass_on``, so that a large file is linted
    in as little memory with the cache as without it."""

    def __init__(self, linter: Linter, pass_on: _PassOn) -> None:
        super().__init__(linter)
        self.kept_findings: list[Finding] = []
        self.pass_on = pass_on
        self.passing = False

    def finding(self, finding: Finding) -> None:
        if self.passing:
            self.pass_on.result.take(finding, self.pass_on.sink)
            return
        self.kept_findings.append(finding)
        self._check_size()

    def add(self, article: Article) -> None:
        if self.passing:
            self.pass_on.scope.add(article)
            return
        super().add(article)
        self._check_size()

    def _check_size(self) -> None:
        if len(self.kept_findings) + len(self.entries) > CACHE_MAX_ITEMS:
            self._give_up()

    def _give_up(self) -> None:
        self.passing = True
        findings, self.kept_findings = self.kept_findings, []
        entries, self.entries = self.entries, []
        for finding in findings:
            self.pass_on.result.take(finding, self.pass_on.sink)
        replay(entries, self.pass_on.scope)


def _refuse_broken_link(path: Path, name: str) -> None:
    """Raise :class:`SourceError` naming the missing file if ``path`` is a symbolic link to
    nothing, which would otherwise read as a file that does not exist."""
    target = _missing_link_target(path)
    if target is not None:
        reason = f"is a broken symbolic link to {target}: no such file or directory"
        raise SourceError(name, reason)


def _missing_link_target(path: Path) -> Path | None:
    """What ``path`` links to if it is a symbolic link (or chain) that ends at nothing; any other
    trouble with the path (a loop, no permission) is left to the reader to report."""
    try:
        if not path.is_symlink():
            return None
        target = path.readlink()
    except OSError:
        return None
    try:
        path.stat()
    except FileNotFoundError:
        return target
    except OSError:
        return None
    return None


def _fix_and_lint(
    linter: Linter,
    target: Target,
    fix: FixRequest,
    sink: FindingSink | None,
    scope: RunScope | None,
    admit: Admit | None,
) -> tuple[FileResult, int]:
    with open_target(target) as source:
        data = source.read_all()
    outcome = fix_until_stable(linter, data, target.name, unsafe=fix.unsafe)
    if outcome.data != data and fix.preview is not None:
        fix.preview(target.name, data, outcome.data)
    elif outcome.data != data:
        _write_fixes(target, outcome.data)
    return linter.lint_bytes(outcome.data, target.name, sink, scope, admit), outcome.applied


def _write_fixes(target: Target, data: bytes) -> None:
    assert target.path is not None
    try:
        write_atomic(target.path, data)
    except OSError as error:
        reason = f"could not write the fixes: {describe_os_error(error)}"
        raise SourceError(target.name, reason) from error


def figures_run(
    targets: Iterable[Target],
    dialect: Dialect,
    *,
    on_figure: Callable[[Record], None],
    on_error: Callable[[str, str], None],
) -> int:
    """Read the figures of every article of every target, in order, as records of the article
    contract's ``figure`` definition; returns how many were read."""
    count = 0
    for target in targets:
        try:
            source = open_target(target)
            for block in parse(source.lines(), source.name, dialect):
                if not isinstance(block, Article):
                    continue
                for figure in figure_records(block):
                    on_figure(figure)
                    count += 1
        except SourceError as error:
            on_error(target.name, error.reason)
    return count
