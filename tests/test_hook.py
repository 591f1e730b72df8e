"""The pre-commit hooks in .pre-commit-hooks.yaml, run by the real pre-commit client."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from kzvalidate.dump.dialects.kazakhstan_today import FOOTER
from tests.helpers import ROOT, SEED_004

CLEAN = f"03.03.2026, 14:12 11421\nTitle of the article\nFirst paragraph.\n{FOOTER}\n"


def hooks() -> dict[str, dict[str, object]]:
    listed = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    return {hook["id"]: hook for hook in listed}


@pytest.mark.parametrize(
    ("name", "matched"),
    [("dumps/a.txt", True), ("a.txt", True), ("notes.md", False), ("a.txt.bak", False)],
)
def test_hooks_match_dump_files_only(name: str, matched: bool) -> None:
    for hook in hooks().values():
        assert bool(re.search(str(hook["files"]), name)) is matched


@pytest.fixture(scope="module")
def data_repo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    repo = tmp_path_factory.mktemp("data-repo")
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    (repo / "bad.txt").write_bytes(SEED_004.read_bytes())
    (repo / "good.txt").write_text(CLEAN)
    (repo / "fixable.txt").write_text(CLEAN.replace("\n", "\r\n"))
    (repo / "notes.md").write_text("not a dump\n")
    subprocess.run(["git", "-C", str(repo), "add", "."], check=True)
    yield repo


def try_repo(repo: Path, hook: str, *files: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PRE_COMMIT_HOME=str(home), PRE_COMMIT_COLOR="never")
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), hook, "--files", *files],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=900,
    )


def test_lint_hook_fails_on_defects_and_passes_clean_files(
    data_repo: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    home = tmp_path_factory.getbasetemp() / "pre-commit-home"
    failing = try_repo(data_repo, "kzvalidate", "bad.txt", "good.txt", "notes.md", home=home)
    assert failing.returncode == 1, failing.stdout + failing.stderr
    assert "bad.txt:15:113: KZ108 missing-footer" in failing.stdout
    assert "notes.md" not in failing.stdout
    passing = try_repo(data_repo, "kzvalidate", "good.txt", home=home)
    assert passing.returncode == 0, passing.stdout + passing.stderr


def test_fix_hook_rewrites_line_endings(
    data_repo: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    home = tmp_path_factory.getbasetemp() / "pre-commit-home"
    done = try_repo(data_repo, "kzvalidate-fix", "fixable.txt", home=home)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "files were modified by this hook" in done.stdout
    assert (data_repo / "fixable.txt").read_bytes() == CLEAN.encode()
