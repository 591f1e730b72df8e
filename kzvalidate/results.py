"""What a run learned, kept apart from checking and formatting: the result of each file and the
counts over the whole run, so every reporter shows the same numbers."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from kzvalidate.model import Finding, Severity

FindingSink = Callable[[Finding], None]


def finding_record(finding: Finding) -> dict[str, Any]:
    """A finding's place, rule and message as plain data (JSON reports, the ingestion gate)."""
    return {
        "path": finding.path,
        "line": finding.line,
        "column": finding.column,
        "end_line": finding.end_line,
        "end_column": finding.end_column,
        "code": finding.code,
        "name": finding.name,
        "severity": str(finding.severity),
        "message": finding.message,
    }


@dataclass
class FileResult:
    """Everything learned about one file; ``error`` is set when it could not be read to the end.

    ``findings`` holds the findings unless they were streamed to a sink; ``counts`` always counts
    them by (code, name, severity).
    """

    path: str
    findings: list[Finding] = field(default_factory=list)
    articles: int = 0
    error: str | None = None
    counts: Counter[tuple[str, str, Severity]] = field(default_factory=Counter)

    def take(self, finding: Finding, sink: FindingSink | None) -> None:
        self.counts[(finding.code, finding.name, finding.severity)] += 1
        if sink is None:
            self.findings.append(finding)
        else:
            sink(finding)


@dataclass
class Summary:
    files: int = 0
    articles: int = 0
    by_severity: Counter[Severity] = field(default_factory=Counter)
    by_rule: Counter[tuple[str, str]] = field(default_factory=Counter)
    errors: list[tuple[str, str]] = field(default_factory=list)
    """Files that could not be linted: (path, message)."""
    fixed: int = 0
    fixed_files: int = 0

    def add(self, result: FileResult, fixed: int = 0) -> None:
        self.files += 1
        self.fixed += fixed
        self.fixed_files += fixed > 0
        self.articles += result.articles
        for (code, name, severity), count in result.counts.items():
            self.by_severity[severity] += count
            self.by_rule[(code, name)] += count
        if result.error is not None:
            self.errors.append((result.path, result.error))

    def count(self, finding: Finding) -> None:
        """Count a finding that belongs to the run rather than to one file's result."""
        self.by_severity[finding.severity] += 1
        self.by_rule[(finding.code, finding.name)] += 1

    @property
    def findings(self) -> int:
        return sum(self.by_severity.values())

    def count_at_or_above(self, level: Severity) -> int:
        return sum(n for severity, n in self.by_severity.items() if severity.rank >= level.rank)
