"""The result cache on a 200 MB tree: a first run (empty cache), a second run (nothing changed)
and a run after one file of the tree changed, each ``python -m kzvalidate lint TREE --format
json`` in a fresh process with a cache folder of the round's own.

Wall time is seen from the parent; CPU time is the child's user + system time as ``os.wait4``
returns it (with any worker processes it reaped). The rounds are interleaved (first, second,
changed, then the next round), so that the ratios compare runs made under the same load. The
second run's report must be byte-identical to the first's, and the changed run must write
exactly one new cache entry (only the changed file was linted). Writes ``benchmarks/cache.json``.

    python benchmarks/bench_cache.py                 # 50 files of 4 MB, one round (~2 min)
    python benchmarks/bench_cache.py --files 10 --file-mb 2 --rounds 3   # quicker
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from _timing import timed_report
from generate import GENERATOR_VERSION, MB, generate

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "benchmarks" / ".data"
RESULTS = REPO / "benchmarks" / "cache.json"
KINDS = ("first", "second", "changed")


@dataclass(frozen=True)
class Timing:
    kind: str
    wall: float
    cpu: float
    new_entries: int


def tree_for(files: int, file_mb: float) -> Path:
    """A folder of ``files`` generated dumps of ``file_mb`` MB (seeds 1 to N), made once."""
    folder = DATA / f"cache-tree-{files}x{file_mb:g}mb-v{GENERATOR_VERSION}"
    done = folder / ".complete"
    if done.exists():
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    for seed in range(1, files + 1):
        generate(folder / f"dump-{seed:03d}.txt", file_mb, seed=seed)
    done.write_text("")
    return folder


def snapshot(folder: Path) -> Path:
    """A copy of the package and its contracts, which the runs import (``PYTHONPATH``), so that
    an edit of the working tree while the benchmark runs neither changes the code measured nor
    turns the second run into a miss (the cache key covers the package's files)."""
    ignore = shutil.ignore_patterns("__pycache__")
    shutil.copytree(REPO / "kzvalidate", folder / "kzvalidate", ignore=ignore)
    shutil.copytree(REPO / "contracts", folder / "contracts", ignore=ignore)
    return folder


def entry_count(cache: Path) -> int:
    return sum(1 for _ in cache.glob("results-v*/*.bin"))


def timed(kind: str, tree: Path, cache: Path, jobs: int, code: Path) -> tuple[Timing, bytes]:
    """One run over ``tree`` with the cache in ``cache`` and the package in ``code``: its timing
    and its JSON report."""
    command = [
        sys.executable,
        "-m",
        "kzvalidate",
        "lint",
        ".",
        "--isolated",
        "--no-respect-gitignore",
        "--format",
        "json",
    ]
    env = {
        **os.environ,
        "KZVALIDATE_CACHE_DIR": str(cache),
        "KZVALIDATE_NO_CACHE": "",
        "PYTHONPATH": str(code),
    }
    before = entry_count(cache)
    run = timed_report(f"bench_cache: {kind} run", [*command, "--jobs", str(jobs)], tree, env)
    return Timing(kind, run.wall, run.cpu, entry_count(cache) - before), run.report


def one_round(tree: Path, jobs: int, code: Path) -> list[Timing]:
    """First, second and changed run with a fresh cache; the changed file is put back after."""
    changed = sorted(tree.glob("*.txt"))[len(list(tree.glob("*.txt"))) // 2]
    original = changed.read_bytes()
    with tempfile.TemporaryDirectory(prefix="kzvalidate-cache-") as folder:
        cache = Path(folder)
        shutil.copytree(_word_list_cache(), cache, dirs_exist_ok=True)
        first, first_report = timed("first", tree, cache, jobs, code)
        second, second_report = timed("second", tree, cache, jobs, code)
        if second_report != first_report:
            raise SystemExit("bench_cache: the second run's report differs from the first's")
        try:
            changed.write_bytes(original.replace(b" the ", b" teh ", 1))
            after, _ = timed("changed", tree, cache, jobs, code)
        finally:
            changed.write_bytes(original)
    if after.new_entries != 1:
        raise SystemExit(f"bench_cache: the changed run wrote {after.new_entries} entries, not 1")
    return [first, second, after]


def _word_list_cache() -> Path:
    """A folder with the English word list's cache (but no results), so that the first run
    does not also pay for building it."""
    folder = DATA / "cache-words"
    if not any(folder.glob("english-*")):
        folder.mkdir(parents=True, exist_ok=True)
        env = {**os.environ, "KZVALIDATE_CACHE_DIR": str(folder), "KZVALIDATE_NO_CACHE": "1"}
        seed = REPO / "fixtures" / "seeds"
        subprocess.run(
            [sys.executable, "-m", "kzvalidate", "lint", str(seed)],
            env=env,
            capture_output=True,
            check=False,
        )
    return folder


def summarize(timings: list[Timing]) -> dict[str, object]:
    by_kind = {kind: [t for t in timings if t.kind == kind] for kind in KINDS}
    summary: dict[str, object] = {}
    for kind, runs in by_kind.items():
        for measure in ("cpu", "wall"):
            values = [getattr(run, measure) for run in runs]
            summary[f"{kind}_{measure}"] = {
                "median": statistics.median(values),
                "min": min(values),
                "max": max(values),
            }
    for kind in ("second", "changed"):
        for measure in ("cpu", "wall"):
            ratios = [
                getattr(first, measure) / getattr(other, measure)
                for first, other in zip(by_kind["first"], by_kind[kind], strict=True)
            ]
            summary[f"first_over_{kind}_{measure}"] = statistics.median(ratios)
    return summary


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--files", type=int, default=50, help="files in the tree (default 50)")
    parser.add_argument("--file-mb", type=float, default=4.0, help="MB per file (default 4)")
    parser.add_argument("--rounds", type=int, default=1, help="interleaved rounds (default 1)")
    parser.add_argument("--jobs", type=int, default=1, help="--jobs of every run (default 1)")
    args = parser.parse_args(argv)
    tree = tree_for(args.files, args.file_mb)
    size = sum(path.stat().st_size for path in tree.glob("*.txt"))
    timings: list[Timing] = []
    with tempfile.TemporaryDirectory(prefix="kzvalidate-code-") as folder:
        code = snapshot(Path(folder))
        for _ in range(args.rounds):
            timings += one_round(tree, args.jobs, code)
    summary = summarize(timings)
    document = {
        "tree": {"files": args.files, "megabytes": round(size / MB, 1), "jobs": args.jobs},
        "runs": [asdict(timing) for timing in timings],
        "summary": summary,
        "target": "first_over_second_cpu >= 20; changed run writes exactly 1 entry",
    }
    RESULTS.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    for timing in timings:
        sys.stdout.write(
            f"{timing.kind:8} cpu {timing.cpu:8.2f} s  wall {timing.wall:8.2f} s  "
            f"new entries {timing.new_entries}\n"
        )
    sys.stdout.write(
        f"first / second: {summary['first_over_second_cpu']:.1f}x CPU, "
        f"{summary['first_over_second_wall']:.1f}x wall; first / changed: "
        f"{summary['first_over_changed_cpu']:.1f}x CPU\n"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
