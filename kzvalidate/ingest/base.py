"""What every output writer of ``kzvalidate parse`` is: one class per format behind one small
interface, so that a new format is one class and a line in the registry
(:data:`kzvalidate.ingest.WRITERS`).

A writer is opened once, takes the run's records one by one (valid ones to the output, invalid ones
to the quarantine when there is one), and is committed at the end, or aborted: an aborted run leaves
every output exactly as it was (files are written beside their destination and moved in place on
commit; a database rolls its transaction back).
"""

from __future__ import annotations

import importlib
import os
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import IO, ClassVar

from kzvalidate.check.gate import Checked
from kzvalidate.contract.record import Record

EXTRA = "pip install 'kzvalidate[ingest]'"


class WriteError(Exception):
    """An output that cannot be written; the message says which and why."""


class MissingExtraError(Exception):
    """A format needs a library that is not installed; the message names the extra."""

    def __init__(self, library: str, purpose: str) -> None:
        super().__init__(f"{purpose} needs {library}, which is not installed: {EXTRA}")


def require(purpose: str, *libraries: str) -> None:
    """Import ``libraries`` now, or raise :class:`MissingExtraError` naming the first missing."""
    for library in libraries:
        try:
            importlib.import_module(library)
        except ImportError:
            raise MissingExtraError(library, purpose) from None


@dataclass
class Counts:
    """What a run did with its records."""

    written: int = 0
    invalid_written: int = 0
    """Invalid records written to the output all the same (``--include-invalid``)."""
    quarantined: int = 0
    dropped: int = 0
    already_loaded: int = 0
    """Records a database output holds from an earlier run (same content hash)."""

    @property
    def withheld(self) -> int:
        """Records that did not reach the output because they are invalid."""
        return self.quarantined + self.dropped


@dataclass(frozen=True, slots=True)
class RunInfo:
    """What a database output records of the run in its ``runs`` table."""

    started: datetime
    tool_version: str
    paths: tuple[str, ...]
    files: int = 0
    articles: int = 0
    errors: int = 0
    counts: Counts = field(default_factory=Counts)


class Writer:
    """One output format. ``quarantine`` is where invalid records go (None: nowhere).

    Hooks, called in order: ``open()``; ``article(item)`` or ``quarantine(item)`` for each record;
    ``stray_findings(findings)``; ``flush()``; then ``commit(run)``, or ``abort()`` on any failure.
    """

    needs: ClassVar[tuple[str, ...]] = ()
    """Libraries the format needs (from the ``ingest`` extra)."""
    label: ClassVar[str] = ""

    def __init__(self, out: Path, quarantine: Path | None) -> None:
        self.out = out
        self.quarantine_path = quarantine
        self.already_loaded = 0
        """Records not written because the output holds them from an earlier run."""

    @property
    def quarantines(self) -> bool:
        """Whether invalid records have somewhere to go."""
        return self.quarantine_path is not None

    def open(self) -> None:
        """Check that the format's libraries are there, and start the output."""
        require(f"writing {self.label}", *self.needs)

    def article(self, item: Checked) -> None:
        """Write one record to the output (unless it holds it already: see ``already_loaded``)."""
        raise NotImplementedError

    def quarantine(self, item: Checked) -> None:
        """Write one invalid record, with its findings and violations, to the quarantine."""
        raise NotImplementedError

    def stray_findings(self, findings: list[Record]) -> None:
        """Findings on no article (the formats that keep findings apart store them)."""

    def flush(self) -> None:
        """Write what is buffered, so that ``already_loaded`` is final."""

    def commit(self, run: RunInfo) -> None:
        """Make the output what the run wrote, all at once."""
        raise NotImplementedError

    def abort(self) -> None:
        """Leave every output as it was before the run."""
        raise NotImplementedError


class Replacement:
    """A file written beside its destination and moved onto it on :meth:`commit`, so that the
    destination is either what it was or complete."""

    def __init__(self, destination: Path) -> None:
        import tempfile  # lazy: the command line loads this module for every command (issue 12)

        self.destination = destination
        try:
            descriptor, name = tempfile.mkstemp(
                dir=destination.parent, prefix=f".{destination.name}.", suffix=".part"
            )
        except OSError as error:
            raise WriteError(f"{destination}: cannot write: {error.strerror}") from None
        self.temporary = Path(name)
        self.handle: IO[bytes] = os.fdopen(descriptor, "wb")

    def commit(self) -> None:
        try:
            self.handle.flush()
            os.fsync(self.handle.fileno())
            self.handle.close()
            self.temporary.chmod(_new_file_mode(self.destination))
            self.temporary.replace(self.destination)
        except OSError as error:
            self.abort()
            raise WriteError(f"{self.destination}: cannot write: {error.strerror}") from None

    def abort(self) -> None:
        self.handle.close()
        self.temporary.unlink(missing_ok=True)


def _new_file_mode(destination: Path) -> int:
    """The destination's permissions if it exists, else those a new file gets (``mkstemp``
    makes its file private)."""
    try:
        return destination.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
