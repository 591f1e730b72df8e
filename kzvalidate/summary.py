"""Counts over a whole run, kept apart from formatting so every reporter shows the same numbers."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from kzvalidate.engine import FileResult
from kzvalidate.model import Severity


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

    @property
    def findings(self) -> int:
        return sum(self.by_severity.values())

    def count_at_or_above(self, level: Severity) -> int:
        return sum(n for severity, n in self.by_severity.items() if severity.rank >= level.rank)
