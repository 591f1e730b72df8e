"""Apply the fixes attached to findings: pure byte edits, then an atomic write.

Only the bytes an edit covers change. Overlapping fixes are deferred to the next pass, as the
file is linted again after each pass until nothing more can be fixed.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from kzvalidate.check.engine import Linter
from kzvalidate.model import Edit, Finding, Fix, Line
from kzvalidate.source.reading import iter_lines

MAX_PASSES = 10


@dataclass(frozen=True, slots=True)
class FixOutcome:
    data: bytes
    applied: int


class LineIndex:
    """Byte offsets of (line, column) positions in a buffer."""

    def __init__(self, data: bytes) -> None:
        self.lines: list[Line] = list(iter_lines(io.BytesIO(data)))
        self.size = len(data)

    def offset(self, line: int, column: int) -> int:
        if line > len(self.lines):
            return self.size
        found = self.lines[line - 1]
        full = found.text + found.ending
        return found.offset + len(full[: column - 1].encode("utf-8", "surrogateescape"))

    def byte_range(self, edit: Edit) -> tuple[int, int]:
        span = edit.span
        return self.offset(span.line, span.column), self.offset(span.end_line, span.end_column)


def chosen_fixes(findings: Iterable[Finding], *, unsafe: bool) -> list[Fix]:
    return [f.fix for f in findings if f.fix is not None and (f.fix.safe or unsafe)]


def apply_fixes(data: bytes, fixes: Sequence[Fix]) -> FixOutcome:
    """Apply every fix whose edits do not overlap an earlier accepted fix's edits."""
    index = LineIndex(data)
    taken: list[tuple[int, int]] = []
    edits: list[tuple[int, int, bytes]] = []
    applied = 0
    for fix in fixes:
        ranges = [index.byte_range(edit) for edit in fix.edits]
        if any(_overlaps(r, other) for r in ranges for other in taken):
            continue
        taken.extend(ranges)
        edits.extend(
            (start, end, edit.content.encode("utf-8", "surrogateescape"))
            for (start, end), edit in zip(ranges, fix.edits, strict=True)
        )
        applied += 1
    out = bytearray(data)
    for start, end, content in sorted(edits, reverse=True):
        out[start:end] = content
    return FixOutcome(bytes(out), applied)


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return (a[0] < b[1] and b[0] < a[1]) or a == b


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path``'s content at once, keeping its permissions: never a half-written file.

    A symbolic link (or a chain of them) is kept: the file it points at is the one rewritten, in
    its own folder, as ruff and black do.
    """
    import tempfile  # lazy: a run that fixes nothing does without it (issue 12)

    real = path.resolve(strict=True)
    handle, temporary = tempfile.mkstemp(dir=real.parent, prefix=f".{real.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        Path(temporary).chmod(real.stat().st_mode & 0o7777)
        Path(temporary).replace(real)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def fix_until_stable(linter: Linter, data: bytes, name: str, *, unsafe: bool) -> FixOutcome:
    """Lint and fix again until no fix applies (or :data:`MAX_PASSES` passes)."""
    applied = 0
    for _ in range(MAX_PASSES):
        fixes = chosen_fixes(linter.lint_bytes(data, name).findings, unsafe=unsafe)
        outcome = apply_fixes(data, fixes) if fixes else FixOutcome(data, 0)
        if outcome.data == data:
            break
        data, applied = outcome.data, applied + outcome.applied
    return FixOutcome(data, applied)
