"""One lint run in a fresh process, timed as the benchmarks of engines and jobs time it."""

from __future__ import annotations

import os
import subprocess
import tempfile
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from bench_lint import REPO


@dataclass(frozen=True)
class Run:
    wall: float
    """Seconds, seen from this process."""
    cpu: float
    """User + system seconds of the child, with the processes it started and reaped."""
    returncode: int
    report: bytes


def timed_report(
    label: str,
    command: Sequence[str],
    cwd: Path = REPO,
    env: Mapping[str, str] | None = None,
) -> Run:
    """Run ``command`` (a lint writing a JSON report) in ``cwd`` to completion; a failure or a
    report that is not JSON ends the benchmark with what the command wrote to standard error."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=err, cwd=cwd, env=env)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        code = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        report = out.read()
        if code not in (0, 1) or not report.startswith(b"{"):  # 1: findings, as expected
            raise SystemExit(f"{label} failed ({code}):\n{err.read().decode()}")
        return Run(wall, usage.ru_utime + usage.ru_stime, code, report)
