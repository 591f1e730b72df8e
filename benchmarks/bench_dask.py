"""The dask engine on a LocalCluster against the local engine, on the same generated dump.

Each engine runs as ``python -m kzvalidate lint DUMP --format json`` in a fresh process (the dask
one with ``--engine dask``, which starts a LocalCluster of one worker process per core and stops
it, both included in its time). Wall time is seen from the parent; CPU time is the child's user +
system time as ``os.wait4`` returns it, which includes the worker processes it started and
reaped. The two JSON reports must be byte-identical.

    python benchmarks/bench_dask.py           # 200 MB (~4 min on 2 cores)
    python benchmarks/bench_dask.py --quick   # 20 MB
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass

from _timing import timed_report
from bench_lint import REPO, dump_for
from generate import MB


@dataclass(frozen=True)
class Timing:
    engine: str
    wall: float
    cpu: float
    returncode: int
    report: bytes


def timed(engine: str, command: Sequence[str]) -> Timing:
    """Run ``command`` to completion: its wall time, its CPU time with its reaped children's."""
    run = timed_report(f"bench_dask: {engine}", command)
    return Timing(engine, run.wall, run.cpu, run.returncode, run.report)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a 20 MB dump instead of 200 MB")
    parser.add_argument("--size-mb", type=float, help="dump size (overrides --quick)")
    parser.add_argument("--chunk-bytes", type=int, help="passed to the dask engine")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    size_mb = args.size_mb or (20.0 if args.quick else 200.0)
    dump, _, _ = dump_for(size_mb, args.seed, 0.02)
    base = [sys.executable, "-m", "kzvalidate", "lint", str(dump), "--format", "json"]
    dask = [*base, "--engine", "dask"]
    if args.chunk_bytes:
        dask += ["--chunk-bytes", str(args.chunk_bytes)]
    size = (REPO / dump).stat().st_size
    cores = len(os.sched_getaffinity(0))
    print(f"dump {dump} ({size / MB:.1f} MB), {cores} cores, load {os.getloadavg()[0]:.2f}")
    print("| engine | wall s | CPU s | MB/s (wall) |")
    print("| --- | ---: | ---: | ---: |")
    timings = [timed("local", base), timed("dask LocalCluster", dask)]
    for timing in timings:
        rate = size / MB / timing.wall
        print(f"| {timing.engine} | {timing.wall:.1f} | {timing.cpu:.1f} | {rate:.2f} |")
    local, distributed = timings
    same = local.report == distributed.report and local.returncode == distributed.returncode
    print(f"speed-up (wall) {local.wall / distributed.wall:.2f}x; reports identical: {same}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
