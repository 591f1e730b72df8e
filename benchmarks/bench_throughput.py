"""Throughput per core of ``kzvalidate lint`` against its two references (run by hand).

    python benchmarks/bench_throughput.py                       # 10 MB, 3 rounds
    python benchmarks/bench_throughput.py --rounds 5 --size-mb 20
    python benchmarks/bench_throughput.py --reference-tree /tmp/old   # also an older checkout
    python benchmarks/bench_throughput.py --reference-tree /tmp/a --reference-tree /tmp/b

A deterministic dump whose paragraphs never repeat (``generate.py --unique-paragraphs``, so the
figure cache cannot hide the cost of real text) is written to ``benchmarks/.data/``. Each round
runs, one after another in fresh processes (interleaved, so that noise on the shared machine hits
all of them alike):

* ``floor``        pure Python: read the file and split it into articles at header lines;
* ``handwritten``  ``benchmarks/handwritten.py``: regex split, jsonschema, footer check;
* ``lint``         ``python -m kzvalidate lint DUMP --format json [--no-cache] [--jobs 1]``;
* ``lint@REF``     the same with ``PYTHONPATH=REF`` (``--reference-tree``), e.g. an older commit
  unpacked with ``git archive COMMIT | tar -x -C REF``.

Each time is the child's CPU time (user + system, from ``os.wait4``), which other processes on
the machine disturb far less than wall time. The table shows median, min and max per command,
MB/s of CPU, and the ratios of the medians; ``benchmarks/throughput.json`` keeps every number.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from generate import GENERATOR_VERSION, MB, generate

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
DATA_DIR = HERE / ".data"
RESULTS = HERE / "throughput.json"
HEADER_LINE = re.compile(rb"^\d{1,2}\.\d{1,2}\.\d{4},", re.MULTILINE)


@dataclass(frozen=True)
class Command:
    """One measured command: its name in the table, its argv, extra environment."""

    name: str
    argv: list[str]
    env: dict[str, str]
    cwd: Path = REPO
    """Where it runs: ``python -m`` puts the working directory first on ``sys.path``."""


def split_floor(path: Path) -> int:
    """The pure-Python floor: read the file, split it into articles at header lines."""
    data = path.read_bytes()
    starts = [match.start() for match in HEADER_LINE.finditer(data)]
    ends = [*starts[1:], len(data)]
    articles = [data[start:end] for start, end in zip(starts, ends, strict=True)]
    return len(articles)


def cpu_seconds(command: Command) -> tuple[float, float]:
    """CPU time (user + system) and wall time of one run of ``command``."""
    start = time.perf_counter()
    process = subprocess.Popen(
        command.argv,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        cwd=command.cwd,
        env={**os.environ, **command.env},
    )
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):  # 1: findings, expected on a dump with defects
        error = process.stderr.read().decode("utf-8", "replace") if process.stderr else ""
        raise SystemExit(f"bench_throughput: {command.name} failed ({code}):\n{error}")
    if process.stderr:
        process.stderr.close()
    return usage.ru_utime + usage.ru_stime, wall


def lint_command(name: str, dump: Path, tree: Path | None) -> Command:
    argv = [sys.executable, "-m", "kzvalidate", "lint", str(dump.resolve()), "--format", "json"]
    env = {"PYTHONPATH": str(tree)} if tree is not None else {}
    cwd = REPO if tree is None else tree
    help_text = subprocess.run(
        [*argv[:4], "--help"], capture_output=True, text=True, cwd=cwd, env={**os.environ, **env}
    ).stdout
    if "--no-cache" in help_text:
        argv.append("--no-cache")
    if "--jobs" in help_text:  # throughput per core: one process does all the work
        argv += ["--jobs", "1"]
    return Command(name, argv, env, cwd)


def commands(dump: Path, references: Sequence[Path] = ()) -> list[Command]:
    found = [
        Command("floor", [sys.executable, str(Path(__file__)), "--floor", str(dump)], {}),
        Command("handwritten", [sys.executable, str(HERE / "handwritten.py"), str(dump)], {}),
        lint_command("lint", dump, None),
    ]
    found += [lint_command(f"lint@{tree.name}", dump, tree) for tree in references]
    return found


def the_dump(size_mb: float) -> Path:
    path = DATA_DIR / f"unique-{size_mb:g}mb-v{GENERATOR_VERSION}.txt"
    if not path.exists():
        generate(path, size_mb, unique_paragraphs=True)
    return path


def summary(name: str, runs: Sequence[tuple[float, float]], size: int) -> dict[str, Any]:
    cpu = [run[0] for run in runs]
    wall = [run[1] for run in runs]
    median = statistics.median(cpu)
    return {
        "command": name,
        "cpu_seconds": cpu,
        "wall_seconds": wall,
        "cpu_median": median,
        "cpu_min": min(cpu),
        "cpu_max": max(cpu),
        "wall_median": statistics.median(wall),
        "cpu_mb_per_s": size / MB / median,
    }


def table(rows: Sequence[dict[str, Any]]) -> str:
    by_name = {row["command"]: row for row in rows}
    lint = by_name["lint"]["cpu_median"]
    lines = [
        f"{'command':<22} {'median':>8} {'min':>8} {'max':>8} {'wall':>8} {'MB/s':>7} {'lint/x':>8}"
    ]
    for row in rows:
        lines.append(
            f"{row['command']:<22} {row['cpu_median']:8.3f} {row['cpu_min']:8.3f} "
            f"{row['cpu_max']:8.3f} {row['wall_median']:8.3f} {row['cpu_mb_per_s']:7.2f} "
            f"{lint / row['cpu_median']:8.2f}"
        )
    return "\n".join(lines)


def ratios(rows: Sequence[dict[str, Any]]) -> dict[str, float]:
    medians = {row["command"]: row["cpu_median"] for row in rows}
    lint = medians["lint"]
    found = {
        "lint_over_floor": lint / medians["floor"],
        "handwritten_over_lint": medians["handwritten"] / lint,
    }
    for name, seconds in medians.items():
        if name.startswith("lint@"):
            found[f"{name}_over_lint"] = seconds / lint
            found[f"{name}_over_floor"] = seconds / medians["floor"]
    return found


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--size-mb", type=float, default=10.0, help="dump size (default 10)")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds (default 3)")
    parser.add_argument(
        "--reference-tree",
        type=Path,
        action="append",
        default=[],
        help="also lint with PYTHONPATH=DIR (repeatable: each tree in its turn)",
    )
    parser.add_argument("--floor", type=Path, help=argparse.SUPPRESS)  # the floor's own child
    args = parser.parse_args(argv)
    if args.floor is not None:
        sys.stdout.write(f"{split_floor(args.floor)}\n")
        return 0
    if args.rounds < 1:
        parser.error("--rounds must be at least 1")
    dump = the_dump(args.size_mb)
    size = dump.stat().st_size
    measured = commands(dump, args.reference_tree)
    runs: dict[str, list[tuple[float, float]]] = {command.name: [] for command in measured}
    for _ in range(args.rounds):
        for command in measured:
            runs[command.name].append(cpu_seconds(command))
    rows = [summary(name, found, size) for name, found in runs.items()]
    found = ratios(rows)
    sys.stdout.write(f"{dump.name}: {size / MB:.1f} MB, {args.rounds} rounds, CPU seconds\n")
    sys.stdout.write(table(rows) + "\n")
    sys.stdout.write("".join(f"{name}: {value:.2f}\n" for name, value in found.items()))
    report = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count()},
        "dump": {"path": str(dump.relative_to(REPO)), "bytes": size},
        "rounds": args.rounds,
        "commands": [{"name": c.name, "argv": c.argv[1:], "env": c.env} for c in measured],
        "results": rows,
        "ratios": found,
    }
    RESULTS.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
