"""Time the text reporter alone: microseconds per finding for 100,000 findings (run by hand).

    python benchmarks/bench_text_report.py [--findings 100000] [--repeat 5]

The findings are real: a dump generated with a defect in every article (``generate.py``,
``--defect-rate 1.0``) is linted once and its findings are cycled up to ``--findings``. Only
``TextReporter.finding`` is timed, writing to ``/dev/null`` (a file that is not a terminal, as
when the report is piped), in these modes:

* ``plain``: what a pipe gets (no colour, no article headings);
* ``plain + context``: the same with ``--show-context``;
* ``colour + context``: what a terminal gets (ANSI codes, headings);
* ``no source``: ``--no-show-source``;
* ``statistics``: ``--statistics`` (findings only counted).

Prints the median of ``--repeat`` runs per mode, in µs per finding.
"""

from __future__ import annotations

import argparse
import itertools
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from generate import generate, load_corpus

from kzvalidate.check.engine import Linter
from kzvalidate.model import Finding
from kzvalidate.report.base import ReportOptions
from kzvalidate.report.text import COLOUR, TextReporter
from kzvalidate.rules import select

REPO = Path(__file__).resolve().parent.parent
MODES: dict[str, tuple[ReportOptions, bool]] = {
    "plain": (ReportOptions(), False),
    "plain + context": (ReportOptions(show_context=True), False),
    "colour + context": (ReportOptions(show_context=True), True),
    "no source": (ReportOptions(show_source=False), False),
    "statistics": (ReportOptions(statistics=True), False),
}
"""Each mode's report options and whether it is coloured."""


def real_findings(size_mb: float) -> list[Finding]:
    """The findings of a generated dump with a defect in every article."""
    corpus = load_corpus(sorted((REPO / "fixtures" / "seeds").glob("*.txt")))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "dump.txt"
        generate(path, size_mb, seed=3, defect_rate=1.0, corpus=corpus)
        return Linter(select()).lint_bytes(path.read_bytes(), "dumps/dump.txt").findings


def time_mode(findings: Sequence[Finding], options: ReportOptions, colour: bool) -> float:
    """Seconds for the reporter to write every finding."""
    with Path(os.devnull).open("w", encoding="utf-8") as out:
        reporter = TextReporter(out, sys.stderr, options)
        if colour:
            reporter.palette = COLOUR
        write = reporter.finding
        start = time.perf_counter()
        for finding in findings:
            write(finding)
        return time.perf_counter() - start


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--findings", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--size-mb", type=float, default=2.0, help="generated dump size")
    args = parser.parse_args(argv)
    found = real_findings(args.size_mb)
    findings = list(itertools.islice(itertools.cycle(found), args.findings))
    print(f"{len(findings):,} findings (cycled from {len(found):,} of a {args.size_mb} MB dump)")
    print(f"{'mode':<18} {'µs/finding':>10}  (median of {args.repeat})")
    for name, (options, colour) in MODES.items():
        times = [time_mode(findings, options, colour) for _ in range(args.repeat)]
        print(f"{name:<18} {statistics.median(times) / len(findings) * 1e6:>10.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
