"""Recall and false alarms on the real-text corpus (run by hand; tests/test_realtext.py pins it).

    python benchmarks/realtext.py           # a table on standard output
    python benchmarks/realtext.py --json    # the same numbers for machines

``fixtures/realtext/clean/`` holds English-language Kazakh news written for this check from public
facts, in the dump format of the seeds; every finding the default rules report on it is a false
alarm. ``fixtures/realtext/defective/`` holds copies of those files with defects put in the way
scrapers put them, keyed in ``defective/answers.yml`` (file, line, expected rule). A keyed defect
is *found* when a finding of its rule stands at its line (each key takes one finding, so two keys
on one line need two findings), *found by another rule* when only other rules report that line,
and *missed* otherwise. Recall = found / keyed. Findings on the defective files that no key
accounts for are listed too (consequences of a defect, or false alarms the clean run also shows).

Exit status: 0 when there is no miss and no false alarm, 1 otherwise.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import yaml

from kzvalidate import lint
from kzvalidate.model import Finding

CORPUS = Path(__file__).resolve().parent.parent / "fixtures" / "realtext"
ANSWERS = "answers.yml"

Place = tuple[str, int]
"""(file name, line) of a finding or a keyed defect."""


@dataclass(frozen=True)
class Defect:
    """One keyed defect of ``answers.yml``."""

    id: str
    file: str
    line: int
    code: str
    kind: str
    description: str

    @property
    def place(self) -> Place:
        return (self.file, self.line)


@dataclass(frozen=True)
class Reported:
    """A finding, as this check compares it: where, which rule, what it says."""

    file: str
    line: int
    code: str
    message: str

    @property
    def place(self) -> Place:
        return (self.file, self.line)


@dataclass
class Measurement:
    """What the default rules do on the corpus."""

    keyed: list[Defect] = field(default_factory=list)
    found: list[Defect] = field(default_factory=list)
    found_by_other_rule: dict[str, list[str]] = field(default_factory=dict)
    """Defect id -> the codes reported at its line instead of the keyed one."""
    missed: list[Defect] = field(default_factory=list)
    false_alarms: list[Reported] = field(default_factory=list)
    unkeyed: list[Reported] = field(default_factory=list)
    articles: dict[str, int] = field(default_factory=dict)

    @property
    def recall(self) -> float:
        return len(self.found) / len(self.keyed) if self.keyed else 1.0

    def as_json(self) -> dict[str, Any]:
        """Counts, ratios and lists, for ``--json``."""
        return {
            "articles": self.articles,
            "keyed": len(self.keyed),
            "found": len(self.found),
            "found_by_other_rule": len(self.found_by_other_rule),
            "missed": len(self.missed),
            "recall": round(self.recall, 4),
            "false_alarms": len(self.false_alarms),
            "found_ids": [defect.id for defect in self.found],
            "other_rule": self.found_by_other_rule,
            "missed_defects": [asdict(defect) for defect in self.missed],
            "false_alarm_findings": [asdict(finding) for finding in self.false_alarms],
            "unkeyed_findings": [asdict(finding) for finding in self.unkeyed],
        }


def load_answers(folder: Path) -> list[Defect]:
    """The keyed defects of ``folder/answers.yml``, in file order."""
    document: Any = yaml.safe_load((folder / ANSWERS).read_text(encoding="utf-8"))
    return [
        Defect(**{key: entry[key] for key in Defect.__annotations__})
        for entry in document["defects"]
    ]


def reported(folder: Path) -> tuple[list[Reported], int]:
    """Every finding of the default rules on the dumps of ``folder``, and its article count."""
    report = lint([folder], isolated=True)
    if report.errors:
        raise SystemExit(f"realtext: cannot lint {report.errors}")
    return [_reported(finding) for finding in report.findings], report.summary.articles


def _reported(finding: Finding) -> Reported:
    return Reported(Path(finding.path).name, finding.line, finding.code, finding.message)


def measure(corpus: Path = CORPUS) -> Measurement:
    """Lint the clean and the defective corpus and score the findings against the answers."""
    measurement = Measurement(keyed=load_answers(corpus / "defective"))
    measurement.false_alarms, measurement.articles["clean"] = reported(corpus / "clean")
    findings, measurement.articles["defective"] = reported(corpus / "defective")
    _score(measurement, findings)
    return measurement


def _score(measurement: Measurement, findings: Sequence[Reported]) -> None:
    """Sort the keyed defects into found and missed, and keep the findings no key explains."""
    unused = Counter((finding.place, finding.code) for finding in findings)
    for defect in measurement.keyed:
        if unused[(defect.place, defect.code)] > 0:
            unused[(defect.place, defect.code)] -= 1
            measurement.found.append(defect)
        else:
            measurement.missed.append(defect)
    codes_at: defaultdict[Place, set[str]] = defaultdict(set)
    for finding in findings:
        codes_at[finding.place].add(finding.code)
    for defect in measurement.missed:
        others = sorted(codes_at[defect.place] - {defect.code})
        if others:
            measurement.found_by_other_rule[defect.id] = others
    measurement.unkeyed = _unkeyed(findings, measurement)


def _unkeyed(findings: Sequence[Reported], measurement: Measurement) -> list[Reported]:
    """Findings that no found defect takes and that stand at no missed defect's line."""
    takers = Counter((defect.place, defect.code) for defect in measurement.found)
    missed = {defect.place for defect in measurement.missed}
    left = []
    for finding in findings:
        key = (finding.place, finding.code)
        if takers[key] > 0:
            takers[key] -= 1
        elif finding.place not in missed:
            left.append(finding)
    return left


def table(measurement: Measurement) -> str:
    """The numbers and lists as text."""
    keyed = len(measurement.keyed)
    rows = [
        (
            "articles (clean / defective)",
            f"{measurement.articles['clean']} / {measurement.articles['defective']}",
        ),
        ("keyed defects", str(keyed)),
        (
            "found at the line by the keyed rule",
            f"{len(measurement.found)} ({measurement.recall:.1%})",
        ),
        ("found at the line by another rule", str(len(measurement.found_by_other_rule))),
        ("missed", str(len(measurement.missed))),
        ("false alarms on clean text", str(len(measurement.false_alarms))),
        ("unkeyed findings on defective text", str(len(measurement.unkeyed))),
    ]
    width = max(len(name) for name, _ in rows)
    lines = [f"{name:<{width}}  {value}" for name, value in rows]
    lines += _section("misses", [_missed(defect, measurement) for defect in measurement.missed])
    lines += _section("false alarms", [_finding(finding) for finding in measurement.false_alarms])
    lines += _section("unkeyed findings", [_finding(finding) for finding in measurement.unkeyed])
    return "\n".join(lines)


def _section(title: str, entries: list[str]) -> list[str]:
    return ["", f"{title}:", *(f"  {entry}" for entry in entries)] if entries else []


def _missed(defect: Defect, measurement: Measurement) -> str:
    others = measurement.found_by_other_rule.get(defect.id)
    instead = f" (reported as {', '.join(others)})" if others else ""
    return f"{defect.id} {defect.file}:{defect.line} {defect.code} {defect.description}{instead}"


def _finding(finding: Reported) -> str:
    return f"{finding.file}:{finding.line} {finding.code} {finding.message}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--json", action="store_true", help="print the numbers as JSON")
    parser.add_argument(
        "--corpus", type=Path, default=CORPUS, help="folder with clean/ and defective/"
    )
    arguments = parser.parse_args(argv)
    measurement = measure(arguments.corpus)
    print(
        json.dumps(measurement.as_json(), indent=2, ensure_ascii=False)
        if arguments.json
        else table(measurement)
    )
    return 1 if measurement.missed or measurement.false_alarms else 0


if __name__ == "__main__":
    sys.exit(main())
