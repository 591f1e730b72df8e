"""``kzvalidate parse``'s run: the gate's checked records routed to one writer.

Valid records go to the output; an invalid one goes to the output all the same with
``include_invalid``, else to the writer's quarantine when it has one, else nowhere (dropped).
Records of a file that could not be read to the end are dropped: they may be cut short. A failure
to write aborts the writer, which leaves every output as it was.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from kzvalidate.check.distributed import CHUNK_BYTES, Executor
from kzvalidate.check.engine import Linter
from kzvalidate.check.gate import Gate, run_gate
from kzvalidate.ingest.base import Counts, RunInfo, Writer
from kzvalidate.results import Summary
from kzvalidate.source.discovery import Target


@dataclass
class Ingested:
    """What a run did: the lint summary (files, articles, file errors) and the record counts."""

    summary: Summary
    counts: Counts = field(default_factory=Counts)


class NothingReadError(Exception):
    """No file could be read (or none matched): the outputs are left alone."""

    def __init__(self, summary: Summary) -> None:
        super().__init__("no file was read, so no output was written")
        self.summary = summary


def parse_run(
    linter: Linter,
    targets: Iterable[Target],
    writer: Writer,
    *,
    include_invalid: bool = False,
    tool_version: str,
    paths: Sequence[str],
    executor: Executor | None = None,
    chunk_bytes: int = CHUNK_BYTES,
) -> Ingested:
    """Check every article of ``targets`` and write it where it belongs; the writer must be
    open. With an ``executor`` (a dask cluster) the articles are read and checked as its tasks
    (see :func:`~kzvalidate.check.gate.run_gate`). Raises what the writer raises
    (:class:`~kzvalidate.ingest.base.WriteError`), after aborting it."""
    import tempfile  # lazy: the command line loads this module for every command (issue 12)

    started = datetime.now(UTC)
    try:
        with tempfile.TemporaryDirectory(prefix="kzvalidate-parse-") as folder:
            staging = Path(folder) / "staged.jsonl"
            gate = run_gate(linter, targets, staging, executor, chunk_bytes)
            result = Ingested(gate.summary, route(gate, writer, include_invalid=include_invalid))
        if result.summary.files == len(result.summary.errors):
            raise NothingReadError(result.summary)
        writer.flush()
        result.counts.already_loaded = writer.already_loaded
        result.counts.written -= writer.already_loaded
        summary = result.summary
        run = RunInfo(
            started=started,
            tool_version=tool_version,
            paths=tuple(paths),
            files=summary.files,
            articles=summary.articles,
            errors=len(summary.errors),
            counts=result.counts,
        )
        writer.commit(run)
    except BaseException:
        writer.abort()
        raise
    return result


def route(gate: Gate, writer: Writer, *, include_invalid: bool) -> Counts:
    """Send each checked record where it belongs; the counts of where they went."""
    counts = Counts()
    for item in gate.checked():
        if not item.complete:
            counts.dropped += 1
        elif item.valid or include_invalid:
            writer.article(item)
            counts.written += 1
            counts.invalid_written += not item.valid
        elif writer.quarantines:
            writer.quarantine(item)
            counts.quarantined += 1
        else:
            counts.dropped += 1
    writer.stray_findings(gate.stray_findings())
    return counts


def summary_line(result: Ingested, out: str) -> str:
    """The run in one line: where the records went, and what was read."""
    counts, summary = result.counts, result.summary
    parts = [f"{counts.written} records written to {out}"]
    if counts.invalid_written:
        parts[0] += f" ({counts.invalid_written} invalid)"
    parts += [
        f"{counts.already_loaded} already loaded",
        f"{counts.quarantined} quarantined",
        f"{counts.dropped} dropped",
    ]
    read = f"{summary.articles} articles in {summary.files} files"
    if summary.errors:
        read += f", {len(summary.errors)} not read"
    return f"{', '.join(parts)} ({read})"
