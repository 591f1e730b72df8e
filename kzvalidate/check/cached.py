"""A run through the result cache, whatever engine lints the files the cache does not know.

The run itself is always :func:`~kzvalidate.check.run.lint_run` with the cache, in this process:
each file the cache knows is replayed in run order (its findings through the baseline filter,
its articles to the run rules), each other file linted. With several jobs, the files the cache
does not know are first linted by the engine's own run (in parallel, large files split), only
to fill the cache; then the run replays them all. Fixes are left to the engine: ``--fix``
lints for real.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from kzvalidate.check.cache import CachedResult, ResultCache, file_state
from kzvalidate.check.distributed import LintRun
from kzvalidate.check.engine import Linter
from kzvalidate.check.run import (
    CACHE_MAX_ITEMS,
    FileDone,
    FixRequest,
    lint_run,
    too_large_to_cache,
)
from kzvalidate.contract.collection import Entry
from kzvalidate.contract.record import article_entry
from kzvalidate.dump.blocks import Article
from kzvalidate.dump.parser import parse
from kzvalidate.model import Finding
from kzvalidate.results import Admit, FileResult, FindingSink, Summary
from kzvalidate.source.discovery import Target
from kzvalidate.source.reading import SourceError, open_path

WARM_BYTES = 2_000_000
"""A single unknown file smaller than this is linted by the run itself, not by the engine."""


def through_cache(run: LintRun, cache: ResultCache) -> LintRun:
    """``run`` with the files ``cache`` knows replayed instead of linted."""
    return CachedRun(run, cache)


@dataclass(frozen=True)
class CachedRun:
    engine_run: LintRun
    """The engine's run, for filling the cache (and for ``--fix``)."""
    cache: ResultCache

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
        if fix is not None and self.engine_run is not lint_run:
            return self.engine_run(
                linter, targets, sink=sink, on_file=on_file, admit=admit, fix=fix
            )
        if self.engine_run is not lint_run:
            targets = list(targets)
            if targets and all(t.path and too_large_to_cache(t.path) for t in targets):
                return self.engine_run(linter, targets, sink=sink, on_file=on_file, admit=admit)
            self.fill(linter, targets)
        return lint_run(
            linter, targets, sink=sink, on_file=on_file, fix=fix, admit=admit, cache=self.cache
        )

    def fill(self, linter: Linter, targets: list[Target]) -> None:
        """Lint the files the cache does not know with the engine's run, and cache them."""
        unknown = [target for target in targets if self._unknown(target)]
        if not unknown or (len(unknown) == 1 and _size(unknown[0]) < WARM_BYTES):
            return
        filler = _Filler(self.cache, {target.name: target for target in unknown})
        self.engine_run(linter, unknown, sink=filler.take, on_file=filler.file_done)

    def _unknown(self, target: Target) -> bool:
        if target.path is None or target.error is not None or too_large_to_cache(target.path):
            return False
        try:
            key = self.cache.key_of(target.path, target.name)
        except OSError:
            return False
        return not self.cache.entry_path(key).exists()  # a damaged entry is linted by the run


class _Filler:
    """Takes the engine's findings (before any baseline) file by file and stores each file's
    result, with its articles' entries read here when run rules are selected."""

    def __init__(self, cache: ResultCache, targets: dict[str, Target]) -> None:
        self.cache = cache
        self.targets = targets
        self.findings: list[Finding] = []

    def take(self, finding: Finding) -> None:
        self.findings.append(finding)

    def file_done(self, result: FileResult) -> None:
        findings, self.findings = self.findings, []
        target = self.targets.get(result.path)
        if target is None or target.path is None or result.error is not None:
            return
        if result.articles + len(findings) > CACHE_MAX_ITEMS:
            return  # the run lints it again, as without the cache
        try:
            before = file_state(target.path)
            key = self.cache.key_of(target.path, target.name)
            entries = _entries(self.cache.linter, target.path, target.name)
        except (OSError, SourceError):
            return
        if file_state(target.path) == before:
            self.cache.store(key, CachedResult(tuple(findings), result.articles, entries))


def _entries(linter: Linter, path: Path, name: str) -> tuple[Entry, ...]:
    """What the run rules see of the file's articles (nothing when none is selected)."""
    if not linter.run_rules:
        return ()
    source = open_path(path, name)
    blocks = parse(source.lines(), name, linter.dialect)
    return tuple(article_entry(block) for block in blocks if isinstance(block, Article))


def _size(target: Target) -> int:
    try:
        return 0 if target.path is None else target.path.stat().st_size
    except OSError:
        return 0
