"""No regular expression may be super-linear: time every regex path on adversarial long lines.

    python benchmarks/bench_regex.py                    # every path x every input (~3 min)
    python benchmarks/bench_regex.py --only KZ001 --only lint
    python benchmarks/bench_regex.py --timeout 120      # wait longer for a slow 1 MB case

Each *path* is a piece of kzvalidate that runs a regular expression over a line: header
recognition (``Dialect.match_header``), footer classification, credit matching, the header-token
readers, every line rule, ``display.readable``, and the whole lint of a one-line file (as it is,
as the title of an article, and with the text report the CLI prints). Each *input* is one line
built to make a backtracking engine stumble: digits and dots, ``1.1.1 1:1`` repeated, quotes,
spaces, ``1:1:1``, almost-headers ``03.03.2026, 14:12`` repeated, tabs, control characters,
invalid UTF-8, each as one long run and interleaved with letters (one finding per character).

Every (path, input) pair is timed at 10 kB, 100 kB and 1 MB. Linear time means the ratio
t(1 MB) / t(100 kB) is near 10 (less when the work does not depend on the length); a ratio near
100 means quadratic. The verdict of a pair is ``ok``, ``SUPER-LINEAR`` (the ratio exceeds
``--max-ratio``, default 20, or a case ran past its time limit), ``OUT OF MEMORY`` or ``ERROR``
(the path raised); the script exits 1 unless every pair is ``ok``.

Measurements run in a worker process with an address-space limit (``--memory-limit-mb``), one
case at a time: a case that runs past its limit is killed and reported, and a fresh worker takes
the next case. A case may run ``--max-ratio + 5`` times as long as the same pair at the size
before, and at most ``--timeout`` seconds. Results: a table on standard output and
``benchmarks/regex.json``.
"""

from __future__ import annotations

import argparse
import gc
import io
import json
import os
import select
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
OUTPUT = HERE / "regex.json"
SIZES = (10_000, 100_000, 1_000_000)
"""Line lengths in bytes (kB = 1000 bytes, as in the other benchmarks)."""
MIN_TIMEOUT = 5.0
"""No case is killed sooner, whatever the size before took (start-up, input generation)."""

HEADER = b"03.03.2026, 14:12 11421"
FOOTER_LINE = (
    b"This information may not be reproduced without reference to Kazakhstan Today. "
    b"Copyright of materials of News Agency Kazakhstan Today."
)

Thunk = Callable[[], object]


# -- inputs: one adversarial line of exactly ``size`` bytes, without a line end ----------------


def repeat(unit: bytes, size: int) -> bytes:
    return (unit * (size // len(unit) + 1))[:size]


def prefixed(prefix: bytes, unit: bytes) -> Callable[[int], bytes]:
    return lambda size: prefix + repeat(unit, size - len(prefix))


def suffixed(unit: bytes, suffix: bytes) -> Callable[[int], bytes]:
    return lambda size: repeat(unit, size - len(suffix)) + suffix


def repeated(unit: bytes) -> Callable[[int], bytes]:
    return lambda size: repeat(unit, size)


INPUTS: dict[str, Callable[[int], bytes]] = {
    "digits-dots": repeated(b"1."),
    "date-time-pairs": repeated(b"1.1.1 1:1 "),
    "quotes": repeated(b"\"\"\"'''"),
    "spaces": repeated(b" "),
    "colons": repeated(b"1:"),
    "digits": repeated(b"1"),
    "almost-headers": repeated(b"03.03.2026, 14:12 "),
    "junk-then-header": suffixed(b"x ", b" " + HEADER),
    "header-long-views": prefixed(b"03.03.2026, 14:12 1", b"1.,"),
    "credit-long-source": prefixed(b"Images | ", b"Akorda "),
    "photo-caption": prefixed(b"Photo: ", b"a "),
    "footer-repeated": repeated(FOOTER_LINE + b" "),
    "tabs": repeated(b"\t"),
    "letter-tab": repeated(b"a\t"),
    "controls": repeated(b"\x01"),
    "letter-control": repeated(b"a\x01"),
    "invalid-utf8": repeated(b"\xff"),
    "letter-invalid-utf8": repeated(b"a\xff"),
}


# -- paths: what is timed; ``prepare(line)`` does the set-up, the thunk is timed -------------


def paths() -> dict[str, Callable[[bytes], Thunk]]:
    """Every timed path, built in the worker (so the parent imports nothing from kzvalidate)."""
    from kzvalidate import rules
    from kzvalidate.check.engine import Linter
    from kzvalidate.dump import dialect as grammar
    from kzvalidate.dump.dialects import DEFAULT
    from kzvalidate.model import Finding, Line
    from kzvalidate.report.display import readable
    from kzvalidate.report.text import TextReporter
    from kzvalidate.rules.base import LineRule
    from kzvalidate.source.reading import split_line

    linter = Linter(rules.select(["ALL"]))

    def line_of(raw: bytes) -> Line:
        return split_line(raw + b"\n", 1, 0)

    def on_text(function: Callable[[str], object]) -> Callable[[bytes], Thunk]:
        def prepare(raw: bytes) -> Thunk:
            text = line_of(raw).text
            return lambda: function(text)

        return prepare

    def on_line(function: Callable[[Line], object]) -> Callable[[bytes], Thunk]:
        def prepare(raw: bytes) -> Thunk:
            line = line_of(raw)
            return lambda: function(line)

        return prepare

    def rule_check(rule: LineRule) -> Callable[[Line], object]:
        return lambda line: sum(1 for _ in rule.check(line))

    def lint(data: Callable[[bytes], bytes]) -> Callable[[bytes], Thunk]:
        def prepare(raw: bytes) -> Thunk:
            content = data(raw)
            found: list[int] = [0]

            def count(finding: Finding) -> None:
                found[0] += 1

            return lambda: linter.lint_bytes(content, "line.txt", sink=count)

        return prepare

    def lint_with_text_report(raw: bytes) -> Thunk:
        content = raw + b"\n"

        def run() -> object:
            out = io.StringIO()
            reporter = TextReporter(out, io.StringIO())
            return linter.lint_bytes(content, "line.txt", sink=reporter.finding)

        return run

    found: dict[str, Callable[[bytes], Thunk]] = {
        "grammar.match_header": on_line(DEFAULT.match_header),
        "grammar.classify_footer": on_text(DEFAULT.classify_footer),
        "grammar.match_credit": on_text(DEFAULT.match_credit),
        "grammar.is_credit_label": on_text(DEFAULT.is_credit_label),
        "grammar.date_parts": on_text(grammar.date_parts),
        "grammar.time_parts": on_text(grammar.time_parts),
        "grammar.views_value": on_text(grammar.views_value),
        "display.readable": on_text(readable),
    }
    for rule in rules.RULES.values():
        if isinstance(rule, LineRule):
            found[f"rule {rule.code} {rule.name}"] = on_line(rule_check(rule))
    found["lint: one-line file"] = lint(lambda raw: raw + b"\n")
    found["lint: line as an article title"] = lint(
        lambda raw: HEADER + b"\n" + raw + b"\nA paragraph.\n" + FOOTER_LINE + b"\n"
    )
    found["lint + text report: one-line file"] = lint_with_text_report
    return found


# -- the worker: one case per line on stdin, one JSON result per line on stdout ---------------


def best_time(thunk: Thunk) -> float:
    """Seconds per call: one call if it is slow, else the best of 3 rounds of >= 10 ms each."""
    gc.collect()
    gc.disable()
    try:
        start = time.perf_counter()
        thunk()
        first = time.perf_counter() - start
        if first >= 0.2:
            return first
        loops = max(1, int(0.01 / max(first, 1e-7)))
        best = first
        for _ in range(3):
            start = time.perf_counter()
            for _ in range(loops):
                thunk()
            best = min(best, (time.perf_counter() - start) / loops)
        return best
    finally:
        gc.enable()


def worker(memory_limit_mb: int) -> None:
    import resource

    limit = memory_limit_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    table = paths()
    for request in sys.stdin:
        case = json.loads(request)
        reply: dict[str, Any] = {"path": case["path"], "input": case["input"], "size": case["size"]}
        try:
            raw = INPUTS[case["input"]](case["size"])
            assert len(raw) == case["size"]
            reply["seconds"] = best_time(table[case["path"]](raw))
        except MemoryError:
            reply["failure"] = f"out of memory (limit {memory_limit_mb} MiB)"
        except Exception as error:
            reply["failure"] = f"{type(error).__name__}: {error}"
        sys.stdout.write(json.dumps(reply) + "\n")
        sys.stdout.flush()


# -- the parent: hand out cases, enforce time limits, report -----------------------------------


class Worker:
    """A worker process that measures one case at a time and can be killed mid-case."""

    def __init__(self, memory_limit_mb: int) -> None:
        self.memory_limit_mb = memory_limit_mb
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> subprocess.Popen[bytes]:
        if self.process is None or self.process.poll() is not None:
            limit = f"--memory-limit-mb={self.memory_limit_mb}"
            command = [sys.executable, __file__, "--worker", limit]
            self.process = subprocess.Popen(
                command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, cwd=REPO
            )
        return self.process

    def stop(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait()
            self.process = None

    def measure(self, path: str, name: str, size: int, timeout: float) -> dict[str, Any]:
        process = self.start()
        assert process.stdin is not None and process.stdout is not None
        request = {"path": path, "input": name, "size": size}
        process.stdin.write((json.dumps(request) + "\n").encode())
        process.stdin.flush()
        start = time.perf_counter()
        ready, _, _ = select.select([process.stdout], [], [], timeout)
        if not ready:
            self.stop()
            return {**request, "failure": "timeout", "waited": time.perf_counter() - start}
        line = process.stdout.readline()
        if not line:
            code = process.wait()
            self.process = None
            return {**request, "failure": f"worker died (exit status {code})"}
        reply: dict[str, Any] = json.loads(line)
        if "failure" in reply:
            self.stop()  # a fresh process for the next case, whatever this one left behind
        return reply


@dataclass
class Pair:
    path: str
    input: str
    seconds: dict[int, float] = field(default_factory=dict)
    failure: tuple[int, str, float] | None = None
    """(size, why, seconds waited) for the first size that did not finish."""

    def ratio(self, small: int, large: int) -> float | None:
        if small in self.seconds and large in self.seconds and self.seconds[small] > 0:
            return self.seconds[large] / self.seconds[small]
        return None

    def ratio_bound(self, small: int, large: int) -> float | None:
        """At least this ratio, when the larger size timed out."""
        if self.failure is None or self.failure[1] != "timeout" or self.failure[0] != large:
            return None
        return self.failure[2] / self.seconds[small] if self.seconds.get(small) else None

    def verdict(self, max_ratio: float) -> str:
        """``ok``, ``SUPER-LINEAR`` (too high a ratio, or a timeout), ``OUT OF MEMORY`` or
        ``ERROR`` (the path raised)."""
        if self.failure is not None:
            why = self.failure[1]
            if why == "timeout":
                return "SUPER-LINEAR"
            return "OUT OF MEMORY" if why.startswith("out of memory") else "ERROR"
        return "ok" if self.ok(max_ratio) else "SUPER-LINEAR"

    def ok(self, max_ratio: float) -> bool:
        if self.failure is not None:
            return False
        ratio = self.ratio(SIZES[-2], SIZES[-1])
        return ratio is not None and ratio <= max_ratio


def run_pair(worker: Worker, pair: Pair, timeout: float, max_ratio: float) -> None:
    previous: float | None = None
    for size in SIZES:
        limit = timeout
        if previous is not None:
            limit = min(timeout, max(MIN_TIMEOUT, (max_ratio + 5) * previous))
        reply = worker.measure(pair.path, pair.input, size, limit)
        if "failure" in reply:
            pair.failure = (size, str(reply["failure"]), float(reply.get("waited", 0.0)))
            return
        previous = pair.seconds[size] = float(reply["seconds"])


def fmt_seconds(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    if seconds < 1e-3:
        return f"{seconds * 1e6:.1f} µs"
    if seconds < 1:
        return f"{seconds * 1e3:.2f} ms"
    return f"{seconds:.2f} s"


def fmt_ratio(pair: Pair, small: int, large: int) -> str:
    ratio = pair.ratio(small, large)
    if ratio is not None:
        return f"{ratio:.1f}"
    bound = pair.ratio_bound(small, large)
    return f"> {bound:.0f}" if bound is not None else "-"


def cell(pair: Pair, size: int) -> str:
    if size in pair.seconds:
        return fmt_seconds(pair.seconds[size])
    if pair.failure is not None and pair.failure[0] == size:
        why = pair.failure[1]
        return f"> {pair.failure[2]:.0f} s (timeout)" if why == "timeout" else why.split(":")[0]
    return "skipped"


def table_rows(pairs: list[Pair], max_ratio: float) -> Iterator[list[str]]:
    small, mid, large = SIZES
    for pair in pairs:
        yield [
            pair.path,
            pair.input,
            *(cell(pair, size) for size in SIZES),
            fmt_ratio(pair, small, mid),
            fmt_ratio(pair, mid, large),
            pair.verdict(max_ratio),
        ]


HEADINGS = ["path", "input", "10 kB", "100 kB", "1 MB", "×100k/10k", "×1M/100k", "verdict"]


def print_table(rows: list[list[str]]) -> None:
    widths = [max(len(row[i]) for row in [HEADINGS, *rows]) for i in range(len(HEADINGS))]
    for row in [HEADINGS, ["-" * w for w in widths], *rows]:
        print("  ".join(value.ljust(width) for value, width in zip(row, widths, strict=True)))


def summary_by_path(pairs: list[Pair], max_ratio: float) -> list[dict[str, Any]]:
    """Per path: the worst ratio over all inputs, and which inputs failed."""
    mid, large = SIZES[-2], SIZES[-1]
    out: list[dict[str, Any]] = []
    for path in dict.fromkeys(pair.path for pair in pairs):
        mine = [pair for pair in pairs if pair.path == path]
        measured = [(pair.ratio(mid, large) or 0.0, pair.input) for pair in mine if pair.ok(1e9)]
        worst = max(measured, default=(0.0, "-"))
        out.append(
            {
                "path": path,
                "worst_ratio": round(worst[0], 1),
                "worst_input": worst[1],
                "slowest_1mb_s": max((p.seconds.get(large, 0.0) for p in mine), default=0.0),
                "failing": [pair.input for pair in mine if not pair.ok(max_ratio)],
            }
        )
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--only", action="append", help="only paths containing this (repeatable)")
    parser.add_argument("--input", action="append", help="only inputs with this name (repeatable)")
    parser.add_argument("--max-ratio", type=float, default=20.0)
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds per case at most")
    parser.add_argument("--memory-limit-mb", type=int, default=3072)
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    if args.worker:
        worker(args.memory_limit_mb)
        return 0

    sys.path.insert(0, str(HERE))
    from bench_lint import git_state, machine

    names = path_names()
    chosen = [p for p in names if not args.only or any(part in p for part in args.only)]
    inputs = [i for i in INPUTS if not args.input or i in args.input]
    pairs = [Pair(path, name) for path in chosen for name in inputs]
    runner = Worker(args.memory_limit_mb)
    started = time.perf_counter()
    try:
        for index, pair in enumerate(pairs, 1):
            run_pair(runner, pair, args.timeout, args.max_ratio)
            verdict = pair.verdict(args.max_ratio)
            print(f"[{index}/{len(pairs)}] {pair.path} / {pair.input}: {verdict}", file=sys.stderr)
    finally:
        runner.stop()
    rows = list(table_rows(pairs, args.max_ratio))
    print_table(rows)
    failing = [pair for pair in pairs if not pair.ok(args.max_ratio)]
    report = {
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "git": git_state(),
        "sizes_bytes": list(SIZES),
        "max_ratio": args.max_ratio,
        "timeout_s": args.timeout,
        "memory_limit_mib": args.memory_limit_mb,
        "wall_s": round(time.perf_counter() - started, 1),
        "by_path": summary_by_path(pairs, args.max_ratio),
        "pairs": [
            {
                "path": pair.path,
                "input": pair.input,
                "seconds": {str(size): s for size, s in pair.seconds.items()},
                "failure": None
                if pair.failure is None
                else {"size": pair.failure[0], "why": pair.failure[1], "waited_s": pair.failure[2]},
                "ratio_100k_10k": pair.ratio(SIZES[0], SIZES[1]),
                "ratio_1m_100k": pair.ratio(SIZES[1], SIZES[2]),
                "verdict": pair.verdict(args.max_ratio),
            }
            for pair in pairs
        ],
    }
    args.output.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", "utf-8")
    print(
        f"\n{len(pairs) - len(failing)} of {len(pairs)} (path, input) pairs linear "
        f"(t(1 MB) / t(100 kB) <= {args.max_ratio:g}); results in {args.output}"
    )
    for row in table_rows(failing, args.max_ratio):
        print(f"{row[-1]}: " + " | ".join(row[:-1]))
    return 1 if failing else 0


def path_names() -> list[str]:
    """The path names, asked of a short-lived worker so the parent stays free of kzvalidate."""
    code = "import json, bench_regex; print(json.dumps(list(bench_regex.paths())))"
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=HERE,
        check=True,
        env={**os.environ, "PYTHONPATH": str(HERE)},
    )
    names: list[str] = json.loads(done.stdout)
    return names


if __name__ == "__main__":
    sys.exit(main())
