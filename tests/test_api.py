"""The Python API: ``from kzvalidate import lint, parse, to_frame``, and the README's example."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import polars as pl
import pytest

import kzvalidate
from kzvalidate import Report, lint, parse, to_frame
from kzvalidate.contract.collection import COLUMNS
from kzvalidate.contract.record import article_record
from kzvalidate.dump.blocks import Article
from kzvalidate.dump.parser import parse_bytes
from kzvalidate.model import Severity
from kzvalidate.source.reading import SourceError
from tests.helpers import ROOT, SEED_000, SEEDS

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_lint_reports_what_the_command_reports() -> None:
    report = lint([SEEDS], isolated=True)
    assert isinstance(report, Report)
    assert report.summary.files == 2
    assert report.summary.articles == 18
    assert len(report.findings) == report.summary.findings == 23
    assert report.errors == []
    assert report.failed()
    assert {finding.code for finding in report.findings} >= {"KZ101", "KZ108", "KZ503"}


def test_lint_selects_rules_and_reports_unreadable_files(tmp_path: Path) -> None:
    report = lint([SEEDS, tmp_path / "missing.txt"], select=["KZ108"], isolated=True)
    assert [finding.code for finding in report.findings] == ["KZ108"] * 9
    assert report.errors == [(str(tmp_path / "missing.txt"), "no such file or directory")]
    assert not lint([SEED_000], select=["KZ305"], isolated=True).failed(Severity.ERROR)


def test_parse_yields_each_article_record_in_order() -> None:
    records = parse([SEED_000], isolated=True)
    assert not isinstance(records, list)
    expected = [
        article_record(block)
        for block in parse_bytes(SEED_000.read_bytes(), str(SEED_000))
        if isinstance(block, Article)
    ]
    assert list(records) == expected
    assert len(list(parse([SEEDS], isolated=True))) == 18


def test_parse_raises_for_a_file_it_cannot_read(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="no such file"):
        list(parse([tmp_path / "missing.txt"]))
    with pytest.raises(TypeError, match="list of paths"):
        list(parse(str(SEEDS)))  # a str is a sequence too: refused, not read letter by letter


def test_to_frame_is_the_typed_collection_table() -> None:
    frame = to_frame([SEEDS], isolated=True)
    assert isinstance(frame, pl.DataFrame)
    assert tuple(frame.columns) == COLUMNS
    assert frame.height == 18
    assert frame.schema["published"] == pl.Datetime("us", "Asia/Almaty")
    assert frame.schema["date"] == pl.Date
    assert frame.schema["views"] == pl.Int64
    assert frame.schema["footer_present"] == pl.Boolean
    assert frame["footer_present"].sum() == 9
    assert frame["content_hash"].null_count() == 0


def test_the_api_is_loaded_only_when_used() -> None:
    code = (
        "import sys, kzvalidate.contract.collection, kzvalidate.cli\n"
        "before = 'kzvalidate.api' in sys.modules\n"
        "from kzvalidate import to_frame\n"
        "print(before, 'kzvalidate.api' in sys.modules, 'polars' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.stdout.split() == ["False", "True", "False"], done.stderr
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        _ = kzvalidate.nope


def test_the_readme_example_runs() -> None:
    section = README.split("## Python API", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```python\n(.*?)```", section, re.DOTALL)
    assert len(blocks) == 1
    done = subprocess.run(
        [sys.executable, "-c", blocks[0]], capture_output=True, text=True, cwd=ROOT, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == "23 findings in 18 articles"
