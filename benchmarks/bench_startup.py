"""Start-up cost of the ``kzvalidate`` command and what it imports (run by hand).

    python benchmarks/bench_startup.py [--runs 10] [--reference-tree /tmp/ref12]

* wall and CPU time (user + system of the child), median of ``--runs`` fresh processes (after one
  untimed warm-up, which fills the cache folder with the word list and the compiled patterns as
  a hook's first run does), of ``kzvalidate --version``, ``kzvalidate rules`` and ``kzvalidate
  lint <seed dump>``, next to a bare ``python -c pass`` for the interpreter's own floor and
  ``python -c "import typer"``, the reference of the start-up target: the commands take turns,
  round after round, so that the load of a shared machine falls on all of them alike;
* the ratio of one-seed ``lint`` to ``import typer`` (the target is at most 2.5, issue 12), with
  the result cache off (``KZVALIDATE_NO_CACHE=1``: a hook's run on a changed file) and, apart, on
  (a run over a file linted before);
* with ``--reference-tree DIR`` (a source tree of an earlier commit, ``git archive COMMIT | tar -x
  -C DIR``), ``python -m kzvalidate --version`` and one-seed ``lint`` of that tree and of this one,
  in the same turns, and the ratio of each to the reference;
* ``python -X importtime -c "import kzvalidate.cli"``: the biggest imports;
* ``python -X importtime -m kzvalidate lint <seed dump>`` (text and JSON format): every module the
  lint path imports, checked against heavy data-frame/units libraries that it must never load
  (pandas, pandera, pint, polars).

The children run with ``PYTHONDONTWRITEBYTECODE`` removed from their environment, so that
kzvalidate's modules load from bytecode as they do when installed (the warm-up writes it).

Prints a report and writes ``benchmarks/startup.json``. Exit status 1 if a forbidden module is
imported on the lint path.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
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
TARGET_RATIO = 2.5
"""Issue 12: one seed linted in at most 2.5 times the wall time of ``python -c "import typer"``."""
REFERENCE = 'python -c "import typer"'
NOTABLE = (
    "numpy",
    "pydantic",
    "rich",
    "jsonschema",
    "rapidfuzz",
    "referencing",
    "typer",
    "click",
    "confusable_homoglyphs",
    "spellchecker",
)
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


NO_RESULT_CACHE = {"KZVALIDATE_NO_CACHE": "1"}
"""The result cache off (the word-list cache stays on): a hook's run on a file it has not seen."""

Command = tuple[list[str], tuple[int, ...], dict[str, str], Path]
"""Arguments, the exit statuses that mean success, variables added to the environment, and the
folder to run in (``python -m kzvalidate`` runs the tree it is started in)."""


def child_environment(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment of the measured processes: bytecode may be written and read."""
    environment = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return {**environment, **(extra or {})}


@dataclass(frozen=True)
class Timed:
    """One fresh run of a command: wall seconds and CPU seconds (user + system) of the child."""

    wall: float
    cpu: float


def timed_run(
    command: Sequence[str], ok: tuple[int, ...], extra: dict[str, str], cwd: Path = REPO
) -> Timed:
    """Run ``command`` once in a fresh process in ``cwd``; exit if it fails."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(
        command, cwd=cwd, capture_output=True, check=False, env=child_environment(extra)
    )
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in ok:
        raise SystemExit(
            f"bench_startup: {' '.join(command)} exited {done.returncode}:\n"
            + done.stderr.decode("utf-8", "replace")
        )
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Timed(elapsed, cpu)


def interleaved_times(commands: dict[str, Command], runs: int) -> dict[str, list[Timed]]:
    """``runs`` timed runs of every command, taking turns (one untimed warm-up round first); the
    order rotates each round so that no command always runs right after the same other one."""
    labels = list(commands)
    times: dict[str, list[Timed]] = {label: [] for label in labels}
    for round_number in range(runs + 1):
        shift = round_number % len(labels)
        for label in labels[shift:] + labels[:shift]:
            measured = timed_run(*commands[label])
            if round_number:
                times[label].append(measured)
    return times


def summary_ms(values: Sequence[float]) -> dict[str, float]:
    return {
        "median_ms": round(statistics.median(values) * 1000, 1),
        "min_ms": round(min(values) * 1000, 1),
        "max_ms": round(max(values) * 1000, 1),
    }


def ratio(times: dict[str, list[Timed]], label: str, reference: str) -> dict[str, float]:
    """Median of ``label`` over median of ``reference``, wall and CPU."""
    wall = statistics.median(t.wall for t in times[label])
    cpu = statistics.median(t.cpu for t in times[label])
    ref_wall = statistics.median(t.wall for t in times[reference])
    ref_cpu = statistics.median(t.cpu for t in times[reference])
    return {"wall": round(wall / ref_wall, 2), "cpu": round(cpu / ref_cpu, 2)}


THIS_TREE, REFERENCE_TREE = "this tree:", "reference tree:"


def tree_commands(reference: Path) -> dict[str, Command]:
    """``python -m kzvalidate --version`` and one-seed ``lint`` in this tree and in
    ``reference``, each run in its tree so that it imports that tree's package."""
    if not (reference / "kzvalidate" / "__main__.py").is_file() or not (reference / SEED).is_file():
        raise SystemExit(f"bench_startup: {reference} is not a kzvalidate source tree")
    commands: dict[str, Command] = {}
    for tag, tree in ((THIS_TREE, REPO), (REFERENCE_TREE, reference.resolve())):
        module = [sys.executable, "-m", "kzvalidate"]
        commands[f"{tag} python -m kzvalidate --version"] = ([*module, "--version"], (0,), {}, tree)
        commands[f"{tag} python -m kzvalidate lint {SEED}"] = (
            [*module, "lint", str(SEED)],
            (0, 1),
            NO_RESULT_CACHE,
            tree,
        )
    return commands


def import_times(args: Sequence[str]) -> list[Import]:
    """Every import ``python -X importtime ARGS`` makes, in the order they finish."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", *args],
        cwd=REPO,
        capture_output=True,
        check=False,
        env=child_environment(NO_RESULT_CACHE),
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
    parser.add_argument(
        "--reference-tree",
        type=Path,
        help="source tree of an earlier commit to time python -m kzvalidate against",
    )
    args = parser.parse_args(argv)

    cli = kzvalidate_command()
    lint_label = f"kzvalidate lint {SEED}"
    lint = [*cli, "lint", str(SEED)]
    found = (0, 1)  # 1: the seed has findings
    commands: dict[str, Command] = {
        "python -c pass": ([sys.executable, "-c", "pass"], (0,), {}, REPO),
        REFERENCE: ([sys.executable, "-c", "import typer"], (0,), {}, REPO),
        "kzvalidate --version": ([*cli, "--version"], (0,), {}, REPO),
        "kzvalidate rules": ([*cli, "rules"], (0,), {}, REPO),
        lint_label: (lint, found, NO_RESULT_CACHE, REPO),
        f"{lint_label} --format json": ([*lint, "--format", "json"], found, NO_RESULT_CACHE, REPO),
        f"{lint_label} (result cache hit)": (lint, found, {}, REPO),
    }
    compared = tree_commands(args.reference_tree) if args.reference_tree else {}
    commands.update(compared)
    times = interleaved_times(commands, args.runs)
    timings: dict[str, dict[str, Any]] = {}
    print(f"{args.runs} interleaved runs of each command (after a warm-up round):")
    print(f"  {'wall ms':>7} {'min':>6} {'max':>6}  {'cpu ms':>7}  command")
    for label, measured in times.items():
        wall, cpu = summary_ms([t.wall for t in measured]), summary_ms([t.cpu for t in measured])
        timings[label] = {**wall, "cpu": cpu}
        print(
            f"  {wall['median_ms']:>7.1f} {wall['min_ms']:>6.1f} {wall['max_ms']:>6.1f}"
            f"  {cpu['median_ms']:>7.1f}  {label}"
        )
    ratios = {label: ratio(times, label, REFERENCE) for label in times if label != REFERENCE}
    lint_ratio = ratios[lint_label]
    verdict = "OK" if lint_ratio["wall"] <= TARGET_RATIO else "over the target"
    print(
        f"\none-seed lint / {REFERENCE}: {lint_ratio['wall']:.2f}x wall, "
        f"{lint_ratio['cpu']:.2f}x CPU (target <= {TARGET_RATIO}x wall: {verdict})"
    )
    for label in ("kzvalidate --version", f"{lint_label} (result cache hit)", *compared):
        print(
            f"{label} / {REFERENCE}: {ratios[label]['wall']:.2f}x wall, "
            f"{ratios[label]['cpu']:.2f}x CPU"
        )
    against_tree = {
        label: ratio(times, label, label.replace(THIS_TREE, REFERENCE_TREE))
        for label in compared
        if label.startswith(THIS_TREE)
    }
    for label, against in against_tree.items():
        print(
            f"{label} / the reference tree's: {against['wall']:.2f}x wall, "
            f"{against['cpu']:.2f}x CPU"
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
        "ratio_to_import_typer": ratios,
        "reference_tree": str(args.reference_tree) if args.reference_tree else None,
        "ratio_to_reference_tree": against_tree,
        "target_ratio": TARGET_RATIO,
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
