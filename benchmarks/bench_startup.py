"""Start-up cost of the ``kzvalidate`` command and what it imports (run by hand).

    python benchmarks/bench_startup.py [--runs 10]

* wall time, median of ``--runs`` fresh processes (after one untimed warm-up), of
  ``kzvalidate --version``, ``kzvalidate rules`` and ``kzvalidate lint <seed dump>``, next to a bare
  ``python -c pass`` for the interpreter's own floor;
* ``python -X importtime -c "import kzvalidate.cli"``: the biggest imports;
* ``python -X importtime -m kzvalidate lint <seed dump>`` (text and JSON format): every module the
  lint path imports, checked against heavy data-frame/units libraries that it must never load
  (pandas, pandera, pint, polars).

Prints a report and writes ``benchmarks/startup.json``. Exit status 1 if a forbidden module is
imported on the lint path.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SEED = Path("fixtures/seeds/000_752030e2fc2ef886.txt")
RESULTS = HERE / "startup.json"
FORBIDDEN = ("pandas", "pandera", "pint", "polars")
NOTABLE = ("numpy", "pydantic", "rich", "jsonschema", "rapidfuzz", "referencing", "typer", "click")
"""Modules whose presence on the lint path is reported (informational)."""


@dataclass(frozen=True)
class Import:
    """One line of ``-X importtime`` output (times in microseconds)."""

    module: str
    depth: int
    self_us: int
    cumulative_us: int


def kzvalidate_command() -> list[str]:
    """The installed console script next to this interpreter, else the one on PATH."""
    script = Path(sys.executable).parent / "kzvalidate"
    if script.exists():
        return [str(script)]
    found = shutil.which("kzvalidate")
    if found is None:
        raise SystemExit("bench_startup: the kzvalidate command is not installed")
    return [found]


def wall_times(command: Sequence[str], runs: int, ok: tuple[int, ...] = (0,)) -> list[float]:
    """Wall seconds of ``runs`` fresh runs of ``command`` (one untimed warm-up first)."""
    times: list[float] = []
    for attempt in range(runs + 1):
        start = time.perf_counter()
        done = subprocess.run(command, cwd=REPO, capture_output=True, check=False)
        elapsed = time.perf_counter() - start
        if done.returncode not in ok:
            raise SystemExit(
                f"bench_startup: {' '.join(command)} exited {done.returncode}:\n"
                + done.stderr.decode("utf-8", "replace")
            )
        if attempt:
            times.append(elapsed)
    return times


def import_times(args: Sequence[str]) -> list[Import]:
    """Every import ``python -X importtime ARGS`` makes, in the order they finish."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", *args], cwd=REPO, capture_output=True, check=False
    )
    imports: list[Import] = []
    for line in done.stderr.decode("utf-8", "replace").splitlines():
        if not line.startswith("import time:") or "[us]" in line:
            continue
        self_us, cumulative_us, name = line[len("import time:") :].split("|")
        module = name.rstrip()
        depth = (len(module) - len(module.lstrip())) // 2
        imports.append(Import(module.strip(), depth, int(self_us), int(cumulative_us)))
    return imports


def top(imports: list[Import], key: str, count: int) -> list[dict[str, Any]]:
    ranked = sorted(imports, key=lambda item: getattr(item, key), reverse=True)[:count]
    return [
        {
            "module": item.module,
            "depth": item.depth,
            "self_ms": round(item.self_us / 1000, 2),
            "cumulative_ms": round(item.cumulative_us / 1000, 2),
        }
        for item in ranked
    ]


def loaded(imports: list[Import], names: Sequence[str]) -> list[str]:
    """Which of the top-level packages ``names`` appear among ``imports``."""
    roots = {item.module.split(".")[0] for item in imports}
    return [name for name in names if name in roots]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Start-up time and imports of kzvalidate.")
    parser.add_argument("--runs", type=int, default=10, help="timed runs per command (default 10)")
    parser.add_argument("--top", type=int, default=12, help="imports to list (default 12)")
    parser.add_argument("--output", type=Path, default=RESULTS, help="results JSON file")
    args = parser.parse_args(argv)

    cli = kzvalidate_command()
    commands: dict[str, tuple[list[str], tuple[int, ...]]] = {
        "python -c pass": ([sys.executable, "-c", "pass"], (0,)),
        "kzvalidate --version": ([*cli, "--version"], (0,)),
        "kzvalidate rules": ([*cli, "rules"], (0,)),
        f"kzvalidate lint {SEED}": ([*cli, "lint", str(SEED)], (0, 1)),  # 1: it has findings
        f"kzvalidate lint {SEED} --format json": (
            [*cli, "lint", str(SEED), "--format", "json"],
            (0, 1),
        ),
    }
    timings: dict[str, dict[str, float]] = {}
    print(f"wall time, {args.runs} runs each (after a warm-up):")
    print(f"  {'median ms':>9}  {'min ms':>7}  {'max ms':>7}  command")
    for label, (command, ok) in commands.items():
        times = wall_times(command, args.runs, ok)
        timings[label] = {
            "median_ms": round(statistics.median(times) * 1000, 1),
            "min_ms": round(min(times) * 1000, 1),
            "max_ms": round(max(times) * 1000, 1),
        }
        timing = timings[label]
        print(
            f"  {timing['median_ms']:>9.1f}  {timing['min_ms']:>7.1f}  {timing['max_ms']:>7.1f}"
            f"  {label}"
        )

    cli_imports = import_times(["-c", "import kzvalidate.cli"])
    cli_total = next(item for item in reversed(cli_imports) if item.module == "kzvalidate.cli")
    by_cumulative = top(cli_imports, "cumulative_us", args.top)
    by_self = top(cli_imports, "self_us", args.top)
    print(
        f'\npython -X importtime -c "import kzvalidate.cli": {len(cli_imports)} modules, '
        f"{cli_total.cumulative_us / 1000:.1f} ms cumulative"
    )
    print(f"  top {args.top} by cumulative time (indent = import depth):")
    for row in by_cumulative:
        print(f"  {row['cumulative_ms']:>8.1f} ms  {'  ' * row['depth']}{row['module']}")
    print(f"  top {args.top} by self time:")
    for row in by_self:
        print(f"  {row['self_ms']:>8.1f} ms  {row['module']}")

    lint_paths: dict[str, dict[str, Any]] = {}
    for label, lint_args in {
        "text": ["-m", "kzvalidate", "lint", str(SEED)],
        "json": ["-m", "kzvalidate", "lint", str(SEED), "--format", "json"],
    }.items():
        imports = import_times(lint_args)
        lint_paths[label] = {
            "command": f"python -X importtime {' '.join(lint_args)}",
            "modules": len(imports),
            "import_ms": round(sum(item.self_us for item in imports) / 1000, 1),
            "forbidden_imported": loaded(imports, FORBIDDEN),
            "notable_imported": loaded(imports, NOTABLE),
            "top_cumulative": top(imports, "cumulative_us", args.top),
            "top_level": top([item for item in imports if item.depth == 0], "cumulative_us", 8),
        }
    print("\nlint path imports:")
    for label, info in lint_paths.items():
        forbidden = ", ".join(info["forbidden_imported"]) or "none"
        print(
            f"  --format {label}: {info['modules']} modules, {info['import_ms']} ms importing; "
            f"{'/'.join(FORBIDDEN)} imported: {forbidden}; "
            f"also loads: {', '.join(info['notable_imported']) or '-'}"
        )
        biggest = ", ".join(
            f"{row['module']} {row['cumulative_ms']:.0f}" for row in info["top_level"]
        )
        print(f"    biggest top-level imports, ms: {biggest}")

    bad = sorted({name for info in lint_paths.values() for name in info["forbidden_imported"]})
    print("\nheavy modules on the lint path: " + ("FAIL, " + ", ".join(bad) if bad else "none, OK"))
    document = {
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "python": sys.version.split()[0],
        "runs": args.runs,
        "wall_time": timings,
        "import_kzvalidate_cli": {
            "modules": len(cli_imports),
            "cumulative_ms": round(cli_total.cumulative_us / 1000, 1),
            "top_cumulative": by_cumulative,
            "top_self": by_self,
        },
        "lint_path": lint_paths,
        "forbidden": list(FORBIDDEN),
        "ok": not bad,
    }
    args.output.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.output}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
