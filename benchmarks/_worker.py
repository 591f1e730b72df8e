"""One measurement in a fresh process, so that its peak RSS is its own (used by bench_lint.py).

    python benchmarks/_worker.py MODE FILE

MODE is ``read`` (stream the lines), ``parse`` (read and group into blocks), ``lint`` (the
default rule set through ``Linter.lint_source``, findings streamed to a sink and counted, as the
CLI does) or ``profile`` (``lint`` under cProfile; the top functions by cumulative time go to
standard error). Prints one JSON object: the timed seconds (imports excluded), the counts, and the
process's memory from /proc.
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

from kzvalidate import rules
from kzvalidate.check.engine import Linter
from kzvalidate.dump.blocks import Article
from kzvalidate.dump.parser import parse
from kzvalidate.source.reading import open_path

MODES = ("read", "parse", "lint", "profile")


def proc_status_kb(key: str) -> int | None:
    """A ``kB`` value from /proc/self/status (``VmRSS``, ``VmHWM``), or None off Linux."""
    try:
        with Path("/proc/self/status").open(encoding="ascii") as status:
            for line in status:
                if line.startswith(key + ":"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def run_read(path: Path) -> dict[str, Any]:
    lines = 0
    for _ in open_path(path).lines():
        lines += 1
    return {"lines": lines}


def run_parse(path: Path) -> dict[str, Any]:
    source = open_path(path)
    blocks = articles = 0
    for block in parse(source.lines(), source.name):
        blocks += 1
        articles += isinstance(block, Article)
    return {"blocks": blocks, "articles": articles}


def run_lint(path: Path) -> dict[str, Any]:
    """Lint as the CLI does: findings stream to a sink (here one that drops them)."""
    result = Linter(rules.select()).lint_source(open_path(path), sink=lambda finding: None)
    if result.error is not None:
        raise SystemExit(f"_worker: lint failed: {result.error}")
    by_rule = Counter[str]()
    for (code, _, _), count in result.counts.items():
        by_rule[code] += count
    return {
        "articles": result.articles,
        "findings": sum(by_rule.values()),
        "by_rule": dict(sorted(by_rule.items())),
    }


def function_name(key: tuple[str, int, str]) -> str:
    """``file:line(function)`` with the file shortened to its package-relative path."""
    filename, line, function = key
    if filename == "~":
        return function
    for marker in ("/site-packages/", "/lib/python3", f"{Path(__file__).parent.parent}/"):
        if marker in filename:
            filename = filename.split(marker, 1)[1]
            break
    return f"{filename}:{line}({function})"


def run_profile(path: Path, top: int = 15) -> dict[str, Any]:
    """``lint`` under cProfile: the full listing goes to standard error, the top ``top`` functions
    by cumulative time into the report (times include the profiler's own overhead)."""
    import cProfile
    import io
    import pstats

    profiler = cProfile.Profile()
    counts = profiler.runcall(run_lint, path)
    stats = pstats.Stats(profiler, stream=io.StringIO())
    rows = sorted(stats.stats.items(), key=lambda item: item[1][3], reverse=True)  # type: ignore[attr-defined]
    functions = [
        {
            "function": function_name(key),
            "calls": primitive_calls if primitive_calls == calls else f"{calls}/{primitive_calls}",
            "tottime": round(tottime, 3),
            "cumtime": round(cumtime, 3),
        }
        for key, (primitive_calls, calls, tottime, cumtime, _) in rows[:top]
    ]
    text = io.StringIO()
    pstats.Stats(profiler, stream=text).sort_stats("cumulative").print_stats(40)
    sys.stderr.write(text.getvalue())
    return {**counts, "top_cumulative": functions}


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[0] not in MODES:
        sys.stderr.write(f"usage: _worker.py {{{','.join(MODES)}}} FILE\n")
        return 2
    mode, path = argv[0], Path(argv[1])
    runners = {"read": run_read, "parse": run_parse, "lint": run_lint, "profile": run_profile}
    rss_before = proc_status_kb("VmRSS")
    wall, cpu = time.perf_counter(), time.process_time()
    counts = runners[mode](path)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    report = {
        "mode": mode,
        "bytes": path.stat().st_size,
        "seconds": wall,
        "cpu_seconds": cpu,
        "rss_before_kb": rss_before,
        "vm_hwm_kb": proc_status_kb("VmHWM"),
        **counts,
    }
    sys.stdout.write(json.dumps(report) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
