"""Where the reports of one run go: ``--format X`` pairs with the ``-o FILE`` that follows it, a
format given without a file goes to standard output, and the text report goes there when every
format went to a file. Several reports are written in the same run by one :class:`Fanout`.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Literal

from kzvalidate.model import Finding
from kzvalidate.report import LINT, Registry
from kzvalidate.report.base import Reporter
from kzvalidate.results import FileResult, Summary

Occurrence = tuple[Literal["format", "output"], str]
"""One ``--format`` or ``-o`` of the command line, in the order they were given."""

SUFFIXES = {
    ".sarif": "sarif",
    ".json": "json",
    ".html": "html",
    ".htm": "html",
    ".xml": "junit",
    ".txt": "text",
}
"""The format an ``-o FILE`` without a ``--format`` of its own is written in, by its suffix."""


class OutputError(ValueError):
    """The formats and output files of the command line do not fit together."""


@dataclass(frozen=True, slots=True)
class Output:
    """One report of the run: its format, and the file it goes to (None: standard output)."""

    format: str
    path: Path | None = None


def plan_outputs(occurrences: Sequence[Occurrence], registry: Registry = LINT) -> list[Output]:
    """The reports the command line asks for: each ``-o`` takes the latest ``--format`` before it
    that has no file yet, or else the format its suffix names; the format left without a file
    goes to standard output (one at most). With no format for standard output, the text report
    goes there."""
    pending: list[str] = []
    outputs: list[Output] = []
    for kind, value in occurrences:
        if kind == "format":
            _check_format(value, registry)
            pending.append(value)
        elif pending:
            outputs.append(Output(pending.pop(), Path(value)))
        else:
            outputs.append(Output(_format_of(Path(value), registry), Path(value)))
    if len(pending) > 1:
        raise OutputError(
            f"only one report can go to standard output, but {', '.join(pending)} have no "
            "-o FILE; give each but one its file"
        )
    stdout = Output(pending[0] if pending else registry.default)
    files = [output.path for output in outputs]
    repeated = sorted({str(path) for path in files if files.count(path) > 1})
    if repeated:
        raise OutputError(f"two reports would be written to {repeated[0]}; give each its own file")
    return [stdout, *outputs]


def _check_format(name: str, registry: Registry) -> None:
    if name not in registry.choices:
        raise OutputError(f"unknown format {name!r}: choose from {', '.join(registry.choices)}")


def _format_of(path: Path, registry: Registry) -> str:
    name = SUFFIXES.get(path.suffix.lower())
    if name is None or name not in registry.choices:
        raise OutputError(
            f"cannot tell the format of {path} from its suffix: give --format before -o {path}"
        )
    return name


class ReportFile:
    """A report file written whole or not at all: into a temporary file beside it, which takes
    its name when the report is complete."""

    def __init__(self, path: Path) -> None:
        import tempfile  # lazy: a run that writes no report file does without it (issue 12)

        self.path = path
        folder = path.parent
        try:
            descriptor, temporary = tempfile.mkstemp(
                prefix=f".{path.name}.", suffix=".tmp", dir=folder
            )
        except OSError as error:
            raise OutputError(f"cannot write {path}: {error.strerror or error}") from None
        self.temporary = Path(temporary)
        self.temporary.chmod(0o666 & ~_umask())  # as readable as a file opened for writing
        self.handle: IO[str] = os.fdopen(descriptor, "w", encoding="utf-8", newline="\n")

    def commit(self) -> None:
        self.handle.close()
        try:
            self.temporary.replace(self.path)
        except OSError as error:
            self.discard()
            raise OutputError(f"cannot write {self.path}: {error.strerror or error}") from None

    def discard(self) -> None:
        if not self.handle.closed:
            self.handle.close()
        self.temporary.unlink(missing_ok=True)


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


class Fanout(Reporter):
    """Several reporters as one: every hook goes to each, in order."""

    def __init__(self, reporters: Sequence[Reporter]) -> None:
        self.reporters = list(reporters)

    def start(self) -> None:
        for reporter in self.reporters:
            reporter.start()

    def finding(self, finding: Finding) -> None:
        for reporter in self.reporters:
            reporter.finding(finding)

    def file(self, result: FileResult) -> None:
        for reporter in self.reporters:
            reporter.file(result)

    def finish(self, summary: Summary) -> None:
        for reporter in self.reporters:
            reporter.finish(summary)
