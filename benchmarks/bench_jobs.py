"""``lint --jobs 2`` against ``lint --jobs 1`` on (a) many files and (b) one large file.

(a) is 40 generated files of 1 MB (seeds 1 to 40), (b) one generated file of 40 MB, split at
article boundaries into stretches of ``--chunk-bytes`` (the default unless given). Each run is
``python -m kzvalidate lint INPUT --format json --no-cache --jobs N`` in a fresh process. Wall
time is seen from the parent; CPU time is the child's user + system time as ``os.wait4`` returns
it, which includes the worker processes it started and reaped. The reports of the two job counts
must be byte-identical.

The machine is shared: the runs are interleaved (for each round and input, ``--jobs 1`` then
``--jobs 2``), so that both see about the same load, and the ratio is the median of the rounds'
ratios. Results go to ``benchmarks/jobs.json``.

    python benchmarks/bench_jobs.py                  # 3 rounds, 40 x 1 MB and 40 MB
    python benchmarks/bench_jobs.py --quick          # 1 round, 10 x 1 MB and 10 MB
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from _timing import timed_report
from bench_lint import DATA_DIR, REPO, dump_for
from generate import GENERATOR_VERSION, generate

RESULTS = REPO / "benchmarks" / "jobs.json"
JOBS = ("1", "2")


@dataclass(frozen=True)
class Timing:
    wall: float
    cpu: float


def timed(command: Sequence[str]) -> tuple[Timing, bytes]:
    """Run ``command`` to completion: its times (CPU with its reaped children's), its report."""
    run = timed_report(f"bench_jobs: {' '.join(command)}", command)
    return Timing(run.wall, run.cpu), run.report


def many_files(count: int, size_mb: float) -> Path:
    """``count`` generated files of ``size_mb`` MB each, seeds 1 to ``count`` (kept once made)."""
    folder = DATA_DIR / f"jobs-{count}x{size_mb:g}mb-v{GENERATOR_VERSION}"
    done = folder / "complete"
    if not done.exists():
        for seed in range(1, count + 1):
            generate(folder / f"dump{seed:03d}.txt", size_mb, seed=seed)
        done.write_text("", encoding="utf-8")
    return folder.relative_to(REPO)


def command(target: Path, jobs: str, chunk_bytes: int | None) -> list[str]:
    line = [sys.executable, "-m", "kzvalidate", "lint", str(target), "--format", "json"]
    line += ["--no-cache", "--no-respect-gitignore", "--jobs", jobs]  # .data is git-ignored
    return line + (["--chunk-bytes", str(chunk_bytes)] if chunk_bytes else [])


def measure(
    inputs: dict[str, Path], rounds: int, chunk_bytes: int | None
) -> dict[str, dict[str, Any]]:
    """Every input with both job counts, interleaved, ``rounds`` times."""
    timings: dict[str, dict[str, list[Timing]]] = {
        name: {jobs: [] for jobs in JOBS} for name in inputs
    }
    identical = dict.fromkeys(inputs, True)
    for round_number in range(1, rounds + 1):
        for name, target in inputs.items():
            reports = []
            for jobs in JOBS:
                timing, report = timed(command(target, jobs, chunk_bytes))
                timings[name][jobs].append(timing)
                reports.append(report)
                print(
                    f"round {round_number} {name} --jobs {jobs}: wall {timing.wall:.2f} s, "
                    f"CPU {timing.cpu:.2f} s",
                    flush=True,
                )
            identical[name] &= reports[0] == reports[1]
    return {name: summary(timings[name], identical[name]) for name in inputs}


def summary(timings: dict[str, list[Timing]], identical: bool) -> dict[str, Any]:
    one, two = timings["1"], timings["2"]
    ratios = [first.wall / second.wall for first, second in zip(one, two, strict=True)]
    return {
        "jobs_1": [asdict(timing) for timing in one],
        "jobs_2": [asdict(timing) for timing in two],
        "median_wall_jobs_1": statistics.median(timing.wall for timing in one),
        "median_wall_jobs_2": statistics.median(timing.wall for timing in two),
        "median_cpu_jobs_1": statistics.median(timing.cpu for timing in one),
        "median_cpu_jobs_2": statistics.median(timing.cpu for timing in two),
        "wall_ratios": ratios,
        "median_wall_ratio": statistics.median(ratios),
        "reports_identical": identical,
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="1 round, 10 files and 10 MB")
    parser.add_argument("--rounds", type=int, help="interleaved rounds (default 3; quick 1)")
    parser.add_argument("--files", type=int, help="files of 1 MB for (a) (default 40)")
    parser.add_argument("--size-mb", type=float, help="size of the one file of (b) (40)")
    parser.add_argument("--chunk-bytes", type=int, help="passed to lint (default: its own)")
    args = parser.parse_args(argv)
    rounds = args.rounds or (1 if args.quick else 3)
    files = args.files or (10 if args.quick else 40)
    size_mb = args.size_mb or (10.0 if args.quick else 40.0)
    inputs = {
        f"{files} files of 1 MB": many_files(files, 1.0),
        f"one file of {size_mb:g} MB": dump_for(size_mb, 1, 0.02)[0],
    }
    cores = len(os.sched_getaffinity(0))
    load = os.getloadavg()[0]
    print(f"{cores} cores, load {load:.2f}, {rounds} rounds", flush=True)
    results = measure(inputs, rounds, args.chunk_bytes)
    print("| input | wall --jobs 1 | wall --jobs 2 | CPU 1 | CPU 2 | ratio (median) | same |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | --- |")
    for name, found in results.items():
        print(
            f"| {name} | {found['median_wall_jobs_1']:.2f} s | {found['median_wall_jobs_2']:.2f} s "
            f"| {found['median_cpu_jobs_1']:.2f} s | {found['median_cpu_jobs_2']:.2f} s "
            f"| {found['median_wall_ratio']:.2f}x | {found['reports_identical']} |"
        )
    record = {
        "cores": cores,
        "load_average_at_start": load,
        "load_average_at_end": os.getloadavg()[0],
        "rounds": rounds,
        "chunk_bytes": args.chunk_bytes,
        "inputs": {name: str(path) for name, path in inputs.items()},
        "results": results,
    }
    RESULTS.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    return 0 if all(found["reports_identical"] for found in results.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
