"""Golden reports: the bytes kzvalidate writes for the real seeds and for generated dumps.

These files were written by the release before the package was restructured; any change to the
findings, their order, their text or the report formats shows up here as a diff. When a change of
behaviour is intended, regenerate them with ``KZVALIDATE_REGENERATE_GOLDEN=1 pytest
tests/test_golden.py`` and review the diff like code.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path
from types import ModuleType

import pytest

from tests.helpers import ROOT, run_cli

GOLDEN = Path(__file__).resolve().parent / "golden"
REGENERATE = bool(os.environ.get("KZVALIDATE_REGENERATE_GOLDEN"))


def generator() -> ModuleType:
    """``benchmarks/generate.py``, the deterministic dump writer the benchmarks use."""
    spec = importlib.util.spec_from_file_location(
        "kzvalidate_bench_generate", ROOT / "benchmarks" / "generate.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def cli(*args: str, cwd: Path) -> str:
    done = run_cli(*args, cwd=cwd)
    assert done.returncode in (0, 1), done.stderr
    return done.stdout


def assert_golden(name: str, produced: str) -> None:
    path = GOLDEN / name
    if REGENERATE:
        path.write_text(produced, encoding="utf-8")
    assert produced == path.read_text(encoding="utf-8"), f"{name} differs from its golden file"


def test_seeds_json_report_is_unchanged() -> None:
    assert_golden("seeds.report.json", cli("lint", "fixtures/seeds", "--format", "json", cwd=ROOT))


@pytest.fixture(scope="module")
def dumps(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The benchmark's generated dump (1 MB, seed 1, its default 2 % defect rate) and a smaller
    one with a defect in every other article, both written by ``benchmarks/generate.py``."""
    folder = tmp_path_factory.mktemp("golden")
    generate = generator()
    corpus = generate.load_corpus(sorted((ROOT / "fixtures" / "seeds").glob("*.txt")))
    generate.generate(folder / "generated.txt", 1.0, seed=1, defect_rate=0.02, corpus=corpus)
    generate.generate(folder / "rich.txt", 0.3, seed=7, defect_rate=0.5, corpus=corpus)
    return folder


def test_generated_dump_json_report_is_unchanged(dumps: Path) -> None:
    produced = cli("lint", "generated.txt", "--format", "json", "--isolated", cwd=dumps)
    assert_golden("generated.report.json", produced)


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("defect-rich.report.json", ("lint", "rich.txt", "--format", "json")),
        ("defect-rich.report.txt", ("lint", "rich.txt")),
        ("defect-rich.figures.json", ("figures", "rich.txt", "--format", "json")),
    ],
)
def test_defect_rich_dump_reports_are_unchanged(
    dumps: Path, name: str, args: tuple[str, ...]
) -> None:
    assert_golden(name, cli(*args, "--isolated", cwd=dumps))
