"""The ingestion gate's check: every article of a run as its contract record, with the findings
of the selected rules that fall on it, its contract violations, and whether it may be loaded.

A record is valid when it keeps the article contract (:func:`validate_record` finds nothing) and
no selected rule reports an error on its article, collection rules included: a copy of an earlier
article (KZ501) is known only at the end of the run, so validity is known only then.

So that memory does not grow with the records, the gate works in two passes. Pass one lints the
run and stages each article, its record, violations and its own findings, to a JSON Lines file as
the next article is read. Findings known only later, those of file rules (at the end of a file)
and run rules (at the end of the run), are kept in memory: there are as many as those findings,
which the rules keep until they report anyway. Pass two (:meth:`Gate.checked`) reads the staging
file back in run order and attaches the late findings by path and line.
"""

from __future__ import annotations

import bisect
import functools
import json
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from kzvalidate.check.distributed import CHUNK_BYTES, Executor, lint_pieces
from kzvalidate.check.engine import Linter, RunScope
from kzvalidate.check.run import finish_run, lint_target
from kzvalidate.contract.record import Record
from kzvalidate.contract.schema import Violation
from kzvalidate.dump.blocks import Article
from kzvalidate.model import Finding, Severity
from kzvalidate.results import FileResult, Summary, finding_record
from kzvalidate.source.discovery import Target


def violation_record(violation: Violation) -> Record:
    """A contract violation: the field's JSON path (``views``, ``figures/0/unit``), the schema
    keyword it breaks and the message."""
    return {
        "field": "/".join(map(str, violation.path)),
        "keyword": violation.keyword,
        "message": violation.message,
    }


@dataclass(frozen=True, slots=True)
class Checked:
    """One article of the run, checked: its record and what is wrong with it."""

    ordinal: int
    """Its position in the run, from 0."""
    record: Record
    findings: tuple[Record, ...]
    violations: tuple[Record, ...]
    complete: bool = True
    """False when its file could not be read to the end: the record may be cut short."""

    @property
    def valid(self) -> bool:
        errors = any(item["severity"] == Severity.ERROR for item in self.findings)
        return self.complete and not self.violations and not errors


@dataclass
class Staged:
    """An article as pass one stages it: its record, contract violations, lines and findings."""

    record: Record
    violations: list[Record]
    first_line: int
    last_line: int
    findings: list[Record] = field(default_factory=list)


def stage_article(linter: Linter, article: Article) -> Staged:
    """The article's record and contract violations, made where the article is read (in this
    process, or on a cluster worker), by the linter that has just checked it."""
    record, violations = linter.checked_record(article)
    staged = [violation_record(violation) for violation in violations]
    return Staged(record, staged, article.lines[0].number, article.lines[-1].number)


class _RecordingScope(RunScope):
    """The run rules' scope, also handing each article to the stager as the engine reads it."""

    def __init__(self, linter: Linter, stager: _Stager) -> None:
        super().__init__(linter.run_rules, linter.plain_context, linter.policy)
        self.linter = linter
        self.stager = stager

    def add(self, article: Article) -> None:
        self.stager.take(stage_article(self.linter, article))
        super().add(article)


class _Stager:
    """Pass one: writes each article to the staging file once its own findings are in."""

    def __init__(self, handle: IO[str]) -> None:
        self.handle = handle
        self.current: Staged | None = None
        self.late: defaultdict[str, list[Record]] = defaultdict(list)
        self.failed: set[str] = set()

    def take(self, staged: object) -> None:
        """The next article of the run (a :class:`Staged`); the one before is done."""
        assert isinstance(staged, Staged)
        self.flush()
        self.current = staged

    def finding(self, finding: Finding) -> None:
        current = self.current
        on_current = (
            current is not None
            and finding.path == current.record["source"]["path"]
            and current.first_line <= finding.line <= current.last_line
        )
        if on_current and current is not None:
            current.findings.append(finding_record(finding))
        else:
            self.late[finding.path].append(finding_record(finding))

    def file_done(self, result: FileResult) -> None:
        self.flush()
        if result.error is not None:
            self.failed.add(result.path)

    def flush(self) -> None:
        if self.current is None:
            return
        staged = {
            "record": self.current.record,
            "violations": self.current.violations,
            "findings": self.current.findings,
            "last_line": self.current.last_line,
        }
        self.handle.write(json.dumps(staged, ensure_ascii=False) + "\n")
        self.current = None


@dataclass
class Gate:
    """A run through the gate: the lint summary, and the checked articles to read back."""

    summary: Summary
    staging: Path
    late: dict[str, list[Record]]
    failed: set[str]
    _matched: set[tuple[str, int]] = field(default_factory=set)

    def checked(self) -> Iterator[Checked]:
        """Pass two: every article of the run, in run order, with all its findings."""
        lines = {path: [item["line"] for item in found] for path, found in self.late.items()}
        with self.staging.open(encoding="utf-8") as handle:
            for ordinal, text in enumerate(handle):
                staged = json.loads(text)
                record = staged["record"]
                path = record["source"]["path"]
                own = self._late_findings(path, lines.get(path, []), record, staged["last_line"])
                yield Checked(
                    ordinal=ordinal,
                    record=record,
                    findings=tuple(_ordered([*staged["findings"], *own])),
                    violations=tuple(staged["violations"]),
                    complete=path not in self.failed,
                )

    def stray_findings(self) -> list[Record]:
        """Findings on no article (before a file's first header, or of the whole run); known
        once :meth:`checked` has been read to the end."""
        return [
            item
            for path, found in self.late.items()
            for index, item in enumerate(found)
            if (path, index) not in self._matched
        ]

    def _late_findings(
        self, path: str, lines: Sequence[int], record: Record, last_line: int
    ) -> list[Record]:
        start = bisect.bisect_left(lines, record["source"]["line"])
        end = bisect.bisect_right(lines, last_line)
        self._matched.update((path, index) for index in range(start, end))
        return self.late.get(path, [])[start:end]


def _ordered(findings: Iterable[Record]) -> list[Record]:
    return sorted(findings, key=lambda item: (item["line"], item["column"], item["code"]))


def run_gate(
    linter: Linter,
    targets: Iterable[Target],
    staging: Path,
    executor: Executor | None = None,
    chunk_bytes: int = CHUNK_BYTES,
) -> Gate:
    """Pass one over every target: lint it with the run rules, stage its articles to
    ``staging`` (a file the caller owns, such as one in a temporary folder). With an
    ``executor`` (a dask cluster), the files are read, linted and staged as its tasks, files
    longer than ``chunk_bytes`` in stretches, and staged here in run order."""
    with staging.open("w", encoding="utf-8") as handle:
        stager = _Stager(handle)
        if executor is None:
            summary = _local_pass(linter, targets, stager)
        else:
            summary = lint_pieces(
                executor,
                linter,
                targets,
                sink=stager.finding,
                on_file=stager.file_done,
                chunk_bytes=chunk_bytes,
                observe=functools.partial(stage_article, linter),
                on_article=stager.take,
            )
        stager.flush()
    late = {path: _ordered(found) for path, found in stager.late.items()}
    return Gate(summary, staging, late, stager.failed)


def _local_pass(linter: Linter, targets: Iterable[Target], stager: _Stager) -> Summary:
    summary = Summary()
    scope = _RecordingScope(linter, stager)
    for target in targets:
        result, _ = lint_target(linter, target, None, stager.finding, scope)
        summary.add(result)
        stager.file_done(result)
    finish_run(scope, summary, sink=stager.finding, on_file=stager.file_done)
    return summary
