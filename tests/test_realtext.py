"""The real-text check of issue 13: news written for it from public facts, clean and with keyed
defects (``fixtures/realtext/``), scored by ``benchmarks/realtext.py``.

The expected lists are exact: when a fix lands, a miss or a false alarm disappears and this test
fails until the list here shrinks; when a change loses a defect it found, it fails too.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from kzvalidate.dump.dialects.kazakhstan_today import FOOTER
from kzvalidate.rules import RULES
from tests.helpers import ROOT

CORPUS = ROOT / "fixtures" / "realtext"
CLEAN = CORPUS / "clean"
DEFECTIVE = CORPUS / "defective"

KNOWN_FALSE_ALARMS: list[tuple[str, int, str]] = []
"""(file, line, code) of findings on the clean corpus that are the linter's mistakes, each until
the issue part named beside it lands. Empty since issue 13's loanword part: `Pointe` (ballet) at
the start of a sentence was taken for a slip of `Point` (KZ305)."""

KNOWN_MISSES: dict[str, str] = {
    "d30": "issue 13, figures with qualifiers: KZ403 reads a share only of a population or a "
    "total, and `almost 162% of the sown area` names neither word it knows",
    "d46": "not yet filed: KZ304 takes `32.000 places` (a thousands point) for a decimal",
    "d48": "issue 13, a fix can empty a line: a title of nothing but a zero-width space is a "
    "title for KZ105 (KZ007 reports the character)",
    "d70": "issue 13, figures with qualifiers: as d30, `about 120% of the electricity of "
    "Kazakhstan’s unified power system`",
}
"""Keyed defects the default rules do not report at their line with their rule, and why."""


def realtext() -> ModuleType:
    """``benchmarks/realtext.py``, loaded from its file as the benchmarks are run."""
    spec = importlib.util.spec_from_file_location(
        "kzvalidate_bench_realtext", ROOT / "benchmarks" / "realtext.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def measured() -> dict[str, Any]:
    """The benchmark's numbers, as ``--json`` prints them."""
    result: dict[str, Any] = realtext().measure(CORPUS).as_json()
    return result


@pytest.fixture(scope="module")
def answers() -> list[dict[str, Any]]:
    defects: list[dict[str, Any]] = realtext().load_answers(DEFECTIVE)
    return [vars(defect) for defect in defects]


def test_the_clean_corpus_has_only_the_known_false_alarms(measured: dict[str, Any]) -> None:
    found = [
        (alarm["file"], alarm["line"], alarm["code"]) for alarm in measured["false_alarm_findings"]
    ]
    assert found == KNOWN_FALSE_ALARMS
    assert measured["articles"]["clean"] == 31


def test_the_defective_corpus_is_found_except_the_known_misses(
    measured: dict[str, Any], answers: list[dict[str, Any]]
) -> None:
    every = {defect["id"] for defect in answers}
    missed = {defect["id"] for defect in measured["missed_defects"]}
    known = set(KNOWN_MISSES)
    assert missed == known, (
        f"newly missed {sorted(missed - known)}, now found {sorted(known - missed)}"
    )
    assert set(measured["found_ids"]) == every - known
    assert measured["recall"] == round((len(every) - len(KNOWN_MISSES)) / len(every), 4)


def test_the_answers_key_real_lines_with_registered_rules(answers: list[dict[str, Any]]) -> None:
    assert len({defect["id"] for defect in answers}) == len(answers) >= 40
    for defect in answers:
        lines = (DEFECTIVE / defect["file"]).read_bytes().split(b"\n")
        assert 1 <= defect["line"] <= len(lines), defect
        assert defect["code"] in RULES, defect
    issue_13 = " ".join(d["description"] for d in answers if d["kind"] == "issue13")
    for kind in ("empty title", "n/a", "12 345", "—", "about 130%", "more than", "twice", "footer"):
        assert kind in issue_13, kind


def test_each_defective_file_is_a_copy_of_a_clean_file() -> None:
    clean = sorted(path.name for path in CLEAN.glob("*.txt"))
    assert sorted(path.name for path in DEFECTIVE.glob("*.txt")) == clean
    assert 3 <= len(clean) <= 5
    for name in clean:
        text = (CLEAN / name).read_text(encoding="utf-8")
        assert text.endswith(FOOTER + "\n")
        assert (DEFECTIVE / name).read_bytes() != text.encode()


def test_the_command_prints_the_numbers_and_fails_on_a_miss(
    capsys: pytest.CaptureFixture[str], measured: dict[str, Any]
) -> None:
    main: Any = realtext().main
    status = main(["--json"])
    assert json.loads(capsys.readouterr().out) == measured
    assert status == (1 if KNOWN_MISSES or KNOWN_FALSE_ALARMS else 0)
    main([])
    table = capsys.readouterr().out
    assert f"found at the line by the keyed rule  {len(measured['found_ids'])} (" in table
    assert all(defect in table for defect in KNOWN_MISSES)


def test_the_corpus_is_read_from_the_given_folder(tmp_path: Path) -> None:
    for part in ("clean", "defective"):
        (tmp_path / part).mkdir()
        source = CORPUS / part / "01_culture_2025_11.txt"
        (tmp_path / part / source.name).write_bytes(source.read_bytes())
    (tmp_path / "defective" / "answers.yml").write_text(
        "defects:\n  - {id: x1, file: 01_culture_2025_11.txt, line: 1, code: KZ002, "
        "kind: encoding, description: byte-order mark}\n",
        encoding="utf-8",
    )
    result = realtext().measure(tmp_path).as_json()
    assert (result["keyed"], result["found"], result["false_alarms"]) == (1, 1, 0)
    assert result["unkeyed_findings"]
