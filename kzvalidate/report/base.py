"""A reporter formats what the engine found; it never decides what is a problem or the exit code.

Hooks, called in order: ``start()``, ``file(result)`` once per file as it is linted, and
``finish(summary)``. Findings arrive one by one through ``finding(finding)`` while a file is
linted, so a reporter can write them out at once instead of holding them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TextIO

from kzvalidate.model import Finding
from kzvalidate.report.display import one_line
from kzvalidate.results import FileResult, Summary
from kzvalidate.rules.base import AnyRule


@dataclass(frozen=True, slots=True)
class ReportOptions:
    """How much a report shows; each reporter uses what applies to its format."""

    show_source: bool = True
    """The offending line under each finding."""
    show_context: bool = False
    """The article (date, time, title) at the head of its findings."""
    quiet: bool = False
    """Findings only: no summary."""
    statistics: bool = False
    """Counts per rule instead of the findings."""
    baseline: bool = False
    """A baseline was used, so reports that can say so mark each finding as new."""
    fixing: bool = False
    """The run applied the safe fixes (``--fix``): the findings are what is left."""
    unsafe_fixes: bool = False
    """The run applied the unsafe fixes too (``--fix --unsafe-fixes``)."""
    rules: Sequence[AnyRule] = ()
    """The rules the run selected, for reports that describe them (SARIF)."""


class Reporter:
    def __init__(self, out: TextIO, err: TextIO, options: ReportOptions | None = None) -> None:
        self.out = out
        self.err = err
        self.options = options or ReportOptions()

    def start(self) -> None:
        """Called once before the first file."""

    def finding(self, finding: Finding) -> None:
        """Called for each finding, in file order, as soon as its article has been checked."""

    def file(self, result: FileResult) -> None:
        """Called once per file, in order, after its last finding."""
        if result.error is not None:
            self.file_error(result.path, result.error)

    def file_error(self, path: str, message: str) -> None:
        """A file that could not be linted: one line on standard error, whatever the format."""
        self.err.write(f"kzvalidate: error: {one_line(path)}: {one_line(message)}\n")

    def finish(self, summary: Summary) -> None:
        """Called once after the last file."""
