"""What a run learned, kept apart from checking and formatting: the result of each file and the
counts over the whole run, so every reporter shows the same numbers."""

from __future__ import annotations

from _blake2 import blake2b  # hashlib's, without hashlib's loading OpenSSL: 3 ms (issue 12)
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from kzvalidate.model import Finding, Severity

FindingSink = Callable[[Finding], None]
Admit = Callable[[Finding], bool]
"""Whether a finding is reported; one it turns away (a baseline accepted it) is counted as
suppressed instead. It may keep state, so it is asked once per finding, in run order, in the
process that reports: :meth:`FileResult.take` and the run's end are the only callers."""

CONTEXT_CHARS = 12
"""How many characters either side of the offending text :func:`finding_context` keeps."""


def offending_text(finding: Finding) -> str:
    """The text a finding points at, on its first line (to its end, when the span runs on); empty
    when the finding keeps no line or points between two characters."""
    if finding.line_text is None:
        return ""
    start = finding.column - 1 - finding.line_text_start
    end = finding.end_column - 1 - finding.line_text_start
    if finding.end_line != finding.line:
        end = len(finding.line_text)
    return finding.line_text[max(0, start) : max(0, end)]


def finding_context(finding: Finding, chars: int = CONTEXT_CHARS) -> str:
    """The offending text with up to ``chars`` characters of its line either side: what names a
    finding whatever line it moved to (baselines, fingerprints)."""
    if finding.line_text is None:
        return ""
    start = max(0, finding.column - 1 - finding.line_text_start)
    end = start + len(offending_text(finding))
    text = finding.line_text
    return text[max(0, start - chars) : end + chars]


def fingerprint(finding: Finding) -> str:
    """A stable name of a finding that does not change when lines are added above it: its path,
    rule and offending text in context, hashed (the ``occurrence`` of equal ones is added by the
    reports that need every fingerprint unique)."""
    key = "\0".join((finding.path, finding.code, finding_context(finding)))
    return blake2b(key.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


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
    fixable: Counter[bool] = field(default_factory=Counter)
    """Findings with a fix, by whether the fix is safe."""
    suppressed: int = 0
    """Findings ``admit`` turned away: neither counted above nor reported."""
    admit: Admit | None = field(default=None, repr=False, compare=False)
    """Asked about each finding before it is counted; None admits every finding."""

    def take(self, finding: Finding, sink: FindingSink | None) -> None:
        if self.admit is not None and not self.admit(finding):
            self.suppressed += 1
            return
        self.counts[(finding.code, finding.name, finding.severity)] += 1
        if finding.fix is not None:
            self.fixable[finding.fix.safe] += 1
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
    fixable: Counter[bool] = field(default_factory=Counter)
    """Findings a fix would remove, by whether the fix is safe (``--fix``) or not
    (``--fix --unsafe-fixes``)."""
    suppressed: int = 0
    """Findings a baseline accepted (not reported, not counted above)."""
    stale_baseline: int = 0
    """Baseline entries that matched no finding of this run."""

    def add(self, result: FileResult, fixed: int = 0) -> None:
        self.files += 1
        self.fixed += fixed
        self.fixed_files += fixed > 0
        self.fixable.update(result.fixable)
        self.suppressed += result.suppressed
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
        if finding.fix is not None:
            self.fixable[finding.fix.safe] += 1

    @property
    def findings(self) -> int:
        return sum(self.by_severity.values())

    def count_at_or_above(self, level: Severity) -> int:
        return sum(n for severity, n in self.by_severity.items() if severity.rank >= level.rank)
