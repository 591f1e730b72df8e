"""Throughput and peak memory of reading, parsing and linting large dumps (run by hand).

    python benchmarks/bench_lint.py                   # one 20 MB dump
    python benchmarks/bench_lint.py --sizes 10,100    # and check memory stays flat with size
    python benchmarks/bench_lint.py --sizes 10,1000 --keep --profile
    python benchmarks/bench_lint.py --sizes 10,100 --reference-tree /tmp/ref12   # against a commit

For each size a deterministic dump is generated into ``benchmarks/.data/`` (see generate.py) and
each measurement runs in a fresh Python process, so that its peak RSS is its own:

* ``read``  stream the file's lines (``open_path(...).lines()``);
* ``parse`` read and group into blocks (``parse(...)``, every block iterated);
* ``lint``  read, parse and check with the default rule set (``Linter.lint_source``; findings
  counted, not printed);
* ``cli``   ``python -m kzvalidate lint FILE --format json > /dev/null``, end to end (interpreter
  start, imports, lint, JSON report).

Peak RSS is the child's ``ru_maxrss`` from ``os.wait4``, and its CPU time (user and system) comes
from there too. With ``--reference-tree DIR`` (a tree of another commit, e.g. from ``git archive``)
each run is followed by the same run of the reference tree on the same dump, interleaved, so the
ratios compare runs under the same load. Results go to a table on standard output and to
``benchmarks/results.json``. Exit status 1 when the largest dump's peak RSS exceeds
``--max-rss-mb`` or, with several sizes, peak RSS grows by more than ``--max-rss-ratio`` from the
smallest to the largest: the streaming guarantee is that memory does not depend on file size.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
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
RESULTS = HERE / "results.json"
WORKER = HERE / "_worker.py"
MIB = 1024 * 1024
MODES = ("read", "parse", "lint", "cli")
FLAT_MODES = ("parse", "lint", "cli")
"""Modes whose peak RSS must not grow with the file size."""


@dataclass(frozen=True)
class ChildRun:
    """One finished child process: wall time seen by the parent, peak RSS, its output."""

    seconds: float
    cpu_seconds: float
    max_rss_kb: int
    returncode: int
    stdout: str
    stderr: str


def run_child(
    command: Sequence[str], *, capture_stdout: bool = True, tree: Path = REPO
) -> ChildRun:
    """Run ``command`` in ``tree`` (importing that tree's kzvalidate) to completion and return its
    own peak RSS (``ru_maxrss``, via wait4) and CPU time."""
    env = None if tree == REPO else {**os.environ, "PYTHONPATH": str(tree)}
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=out if capture_stdout else subprocess.DEVNULL,
            stderr=err,
            cwd=tree,
            env=env,
        )
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return ChildRun(
            seconds=seconds,
            cpu_seconds=usage.ru_utime + usage.ru_stime,
            max_rss_kb=usage.ru_maxrss,  # kilobytes on Linux
            returncode=process.returncode,
            stdout=out.read().decode("utf-8", "replace"),
            stderr=err.read().decode("utf-8", "replace"),
        )


def measure_worker(mode: str, dump: Path, tree: Path = REPO) -> dict[str, Any]:
    """One ``_worker.py`` run: its JSON report plus the parent's view (wall and CPU time of the
    process, peak RSS)."""
    child = run_child([sys.executable, str(WORKER), mode, str(REPO / dump)], tree=tree)
    if child.returncode != 0:
        raise SystemExit(f"bench_lint: {mode} worker failed ({child.returncode}):\n{child.stderr}")
    report: dict[str, Any] = json.loads(child.stdout)
    report["process_seconds"] = child.seconds
    report["process_cpu_seconds"] = child.cpu_seconds
    report["max_rss_kb"] = child.max_rss_kb
    report["mb_per_s"] = report["bytes"] / MB / report["seconds"]
    return report


def measure_cli(dump: Path, tree: Path = REPO) -> dict[str, Any]:
    command = [sys.executable, "-m", "kzvalidate", "lint", str(REPO / dump), "--format", "json"]
    child = run_child(command, capture_stdout=False, tree=tree)
    if child.returncode not in (0, 1):  # 1: findings, expected on a dump with defects
        raise SystemExit(f"bench_lint: the CLI failed ({child.returncode}):\n{child.stderr}")
    size = (REPO / dump).stat().st_size
    return {
        "mode": "cli",
        "command": " ".join(["python", *command[1:], "> /dev/null"]),
        "bytes": size,
        "seconds": child.seconds,
        "cpu_seconds": child.cpu_seconds,
        "process_seconds": child.seconds,
        "process_cpu_seconds": child.cpu_seconds,
        "returncode": child.returncode,
        "max_rss_kb": child.max_rss_kb,
        "mb_per_s": size / MB / child.seconds,
    }


def measure(mode: str, dump: Path, repeat: int, trees: Sequence[Path]) -> list[dict[str, Any]]:
    """``repeat`` runs of one mode in each tree, interleaved (tree 1, tree 2, tree 1, ...): for
    each tree its median run by CPU time, with the highest peak RSS and the spread of the runs."""
    runs: list[list[dict[str, Any]]] = [[] for _ in trees]
    for _ in range(repeat):
        for kept, tree in zip(runs, trees, strict=True):
            kept.append(
                measure_cli(dump, tree) if mode == "cli" else measure_worker(mode, dump, tree)
            )
    return [_summarised(kept) for kept in runs]


def _summarised(runs: list[dict[str, Any]]) -> dict[str, Any]:
    cpu = [run["process_cpu_seconds"] for run in runs]
    chosen = dict(
        next(run for run in runs if run["process_cpu_seconds"] == statistics.median_low(cpu))
    )
    chosen["max_rss_kb"] = max(run["max_rss_kb"] for run in runs)
    chosen["min_rss_kb"] = min(run["max_rss_kb"] for run in runs)
    chosen["process_cpu_seconds_min_max"] = [min(cpu), max(cpu)]
    if len(runs) > 1:
        chosen["all_seconds"] = [run["seconds"] for run in runs]
        chosen["all_process_cpu_seconds"] = cpu
    return chosen


def dump_for(size_mb: float, seed: int, defect_rate: float) -> tuple[Path, dict[str, Any], bool]:
    """The dump for these parameters (generated unless cached), its stats, whether it is new."""
    name = f"dump-{size_mb:g}mb-seed{seed}-defects{defect_rate:g}-v{GENERATOR_VERSION}"
    path = DATA_DIR / f"{name}.txt"
    meta = DATA_DIR / f"{name}.json"
    relative = path.relative_to(REPO)
    if path.exists() and meta.exists():
        cached: dict[str, Any] = json.loads(meta.read_text(encoding="utf-8"))
        return relative, cached, False
    start = time.perf_counter()
    stats = generate(path, size_mb, seed=seed, defect_rate=defect_rate).as_json()
    stats["generate_seconds"] = round(time.perf_counter() - start, 3)
    stats["path"] = str(relative)  # children run in REPO
    meta.write_text(json.dumps(stats, indent=2) + "\n", encoding="utf-8")
    return relative, stats, True


def machine() -> dict[str, Any]:
    cpu = platform.processor() or platform.machine()
    memory_kb = None
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("MemTotal:"):
                memory_kb = int(line.split()[1])
                break
    except OSError:
        pass
    return {
        "platform": platform.platform(),
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "cpu": cpu,
        "cpu_count": os.cpu_count(),
        "memory_mib": None if memory_kb is None else memory_kb // 1024,
    }


def git_state() -> dict[str, Any]:
    """The commit measured and whether the package had uncommitted changes (read-only git)."""

    def git(*args: str) -> str:
        done = subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True, check=False)
        return done.stdout.strip()

    return {
        "commit": git("rev-parse", "HEAD") or None,
        "kzvalidate_dirty": bool(git("status", "--porcelain", "--", "kzvalidate", "contracts")),
    }


def mib(kilobytes: int | None) -> str:
    return "-" if kilobytes is None else f"{kilobytes / 1024:.1f}"


def counts_note(run: dict[str, Any]) -> str:
    if run["mode"] == "read":
        return f"{run['lines']} lines"
    if run["mode"] == "parse":
        return f"{run['blocks']} blocks, {run['articles']} articles"
    if run["mode"] == "lint":
        return f"{run['articles']} articles, {run['findings']} findings"
    return f"exit {run['returncode']}"


def print_table(sizes: list[dict[str, Any]], key: str = "runs") -> None:
    header = (
        f"{'size':>9}  {'mode':<5}  {'MB/s':>7}  {'time s':>7}  {'CPU s':>7}  "
        f"{'peak RSS MiB':>12}  {'RSS at start':>12}  counts"
    )
    print(header)
    print("-" * len(header))
    for entry in sizes:
        size = f"{entry['dump']['bytes'] / MB:.1f} MB"
        for mode in MODES:
            run = entry[key][mode]
            print(
                f"{size:>9}  {mode:<5}  {run['mb_per_s']:>7.2f}  {run['seconds']:>7.2f}  "
                f"{run['process_cpu_seconds']:>7.2f}  {mib(run['max_rss_kb']):>12}  "
                f"{mib(run.get('rss_before_kb')):>12}  {counts_note(run)}"
            )
    print(
        "MB = 10**6 bytes, MiB = 2**20 bytes. time: the work only (imports excluded), except cli:"
        " the whole process. CPU: the whole process (user + system)."
    )


def print_ratios(sizes: list[dict[str, Any]]) -> None:
    """This tree against the reference tree, run by run: peak RSS and process CPU time."""
    print("\nthis tree / reference tree (same dumps, interleaved runs):")
    for entry in sizes:
        size = f"{entry['dump']['bytes'] / MB:.1f} MB"
        for mode in MODES:
            ours, theirs = entry["runs"][mode], entry["reference_runs"][mode]
            rss = ours["max_rss_kb"] / theirs["max_rss_kb"]
            cpu = ours["process_cpu_seconds"] / theirs["process_cpu_seconds"]
            same = ""
            if mode == "lint":
                agree = ours["by_rule"] == theirs["by_rule"]
                same = "  findings by rule: " + ("the same" if agree else "DIFFERENT")
            print(f"{size:>9}  {mode:<5}  peak RSS {rss:5.2f}x  CPU {cpu:5.2f}x{same}")


def check_memory(
    sizes: list[dict[str, Any]], max_rss_mb: float, max_ratio: float
) -> dict[str, Any]:
    """The streaming guarantee, as numbers and a verdict."""
    largest = max(sizes, key=lambda entry: entry["dump"]["bytes"])
    smallest = min(sizes, key=lambda entry: entry["dump"]["bytes"])
    peak_kb = max(run["max_rss_kb"] for run in largest["runs"].values())
    checks: dict[str, Any] = {
        "max_rss_mib_bound": max_rss_mb,
        "largest_dump_mb": round(largest["dump"]["bytes"] / MB, 1),
        "largest_peak_rss_mib": round(peak_kb / 1024, 1),
        "within_bound": peak_kb / 1024 <= max_rss_mb,
    }
    if largest is not smallest:
        ratios = {
            mode: round(
                largest["runs"][mode]["max_rss_kb"] / smallest["runs"][mode]["max_rss_kb"], 3
            )
            for mode in FLAT_MODES
        }
        checks.update(
            size_ratio=round(largest["dump"]["bytes"] / smallest["dump"]["bytes"], 2),
            rss_ratio_largest_over_smallest=ratios,
            max_rss_ratio_bound=max_ratio,
            flat=all(ratio <= max_ratio for ratio in ratios.values()),
        )
    return checks


def print_checks(checks: dict[str, Any]) -> None:
    verdict = "OK" if checks["within_bound"] else "FAIL"
    print(
        f"\npeak RSS on the largest dump ({checks['largest_dump_mb']} MB): "
        f"{checks['largest_peak_rss_mib']} MiB, "
        f"bound {checks['max_rss_mib_bound']:g} MiB: {verdict}"
    )
    if "flat" in checks:
        ratios = ", ".join(
            f"{mode} {ratio:.2f}x"
            for mode, ratio in checks["rss_ratio_largest_over_smallest"].items()
        )
        verdict = "OK" if checks["flat"] else "FAIL"
        print(
            f"peak RSS, largest / smallest dump ({checks['size_ratio']:g}x the bytes): {ratios}; "
            f"bound {checks['max_rss_ratio_bound']:g}x: {verdict}"
        )


def print_profile(profile: dict[str, Any]) -> None:
    print(
        f"\ncProfile of lint on {profile['bytes'] / MB:.1f} MB, top functions by cumulative time:"
    )
    for row in profile["top_cumulative"]:
        print(f"  {row['cumtime']:>8.3f}s cum  {row['tottime']:>7.3f}s own  {row['function']}")


def parse_sizes(text: str) -> list[float]:
    try:
        sizes = sorted({float(part) for part in text.split(",") if part.strip()})
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a list of sizes: {text!r}") from None
    if not sizes or sizes[0] <= 0:
        raise argparse.ArgumentTypeError("sizes must be positive numbers of MB")
    return sizes


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Throughput and peak memory of kzvalidate on large generated dumps."
    )
    parser.add_argument("--size-mb", type=float, default=20.0, help="one dump size (default 20)")
    parser.add_argument(
        "--sizes", type=parse_sizes, help="several sizes, comma-separated, e.g. 10,100"
    )
    parser.add_argument(
        "--keep", action="store_true", help="keep the generated dumps in benchmarks/.data/"
    )
    parser.add_argument("--seed", type=int, default=1, help="generator seed (default 1)")
    parser.add_argument("--defect-rate", type=float, default=0.02, help="default 0.02")
    parser.add_argument("--repeat", type=int, default=1, help="runs per measurement (median)")
    parser.add_argument(
        "--max-rss-mb", type=float, default=150.0, help="bound on peak RSS, MiB (default 150)"
    )
    parser.add_argument(
        "--max-rss-ratio",
        type=float,
        default=1.5,
        help="bound on peak RSS growth, largest over smallest size (default 1.5)",
    )
    parser.add_argument(
        "--profile", action="store_true", help="also cProfile lint on the smallest dump"
    )
    parser.add_argument(
        "--reference-tree",
        type=Path,
        help="also measure this tree (another commit's kzvalidate), interleaved with this one",
    )
    parser.add_argument("--output", type=Path, default=RESULTS, help="results JSON file")
    args = parser.parse_args(argv)
    trees = [REPO] if args.reference_tree is None else [REPO, args.reference_tree.resolve()]
    sizes: list[float] = args.sizes or [args.size_mb]
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")

    DATA_DIR.mkdir(parents=True, exist_ok=True)
    results: list[dict[str, Any]] = []
    created: list[Path] = []
    dumps: list[Path] = []
    try:
        for size_mb in sizes:
            dump, stats, new = dump_for(size_mb, args.seed, args.defect_rate)
            dumps.append(dump)
            if new:
                created += [REPO / dump, REPO / dump.with_suffix(".json")]
            how = f"generated in {stats['generate_seconds']:.1f}s" if new else "cached"
            print(f"{dump}: {stats['bytes'] / MB:.1f} MB, {how}", flush=True)
            per_tree: list[dict[str, dict[str, Any]]] = [{} for _ in trees]
            for mode in MODES:
                for runs, run in zip(
                    per_tree, measure(mode, dump, args.repeat, trees), strict=True
                ):
                    runs[mode] = run
                    print(
                        f"  {mode:<5} {run['mb_per_s']:7.2f} MB/s  CPU "
                        f"{run['process_cpu_seconds']:.2f} s  {mib(run['max_rss_kb'])} MiB",
                        flush=True,
                    )
            entry = {"size_mb": size_mb, "dump": stats, "runs": per_tree[0]}
            if len(per_tree) > 1:
                entry["reference_runs"] = per_tree[1]
            results.append(entry)
        profile = measure_worker("profile", dumps[0]) if args.profile else None
    finally:
        if not args.keep:
            for path in created:
                path.unlink(missing_ok=True)

    print()
    print_table(results)
    if args.reference_tree is not None:
        print(f"\nreference tree {args.reference_tree}:")
        print_table(results, "reference_runs")
        print_ratios(results)
    checks = check_memory(results, args.max_rss_mb, args.max_rss_ratio)
    print_checks(checks)
    if profile is not None:
        print_profile(profile)
    document = {
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "git": git_state(),
        "parameters": {
            "sizes_mb": sizes,
            "seed": args.seed,
            "defect_rate": args.defect_rate,
            "repeat": args.repeat,
            "generator_version": GENERATOR_VERSION,
            "reference_tree": None if args.reference_tree is None else str(args.reference_tree),
        },
        "units": "bytes; seconds; *_kb are KiB; mb_per_s is 10**6 bytes per second",
        "sizes": results,
        "checks": checks,
        "profile": profile,
    }
    args.output.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    print(f"\nwrote {args.output}")
    ok = checks["within_bound"] and checks.get("flat", True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
