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
    [
        ("dumps/a.txt", True),
        ("a.txt", True),
        ("2026/03/news-2026-03-03.txt", True),
        ("notes.md", False),
        ("a.txt.bak", False),
        ("README.txt", False),
        ("docs/readme-kk.txt", False),
        ("LICENSE.txt", False),
        ("CHANGELOG.txt", False),
        ("NOTES.txt", False),
        ("requirements.txt", False),
        ("requirements-dev.txt", False),
        ("venv/lib/python3.11/site-packages/pkg/entry_points.txt", False),
        ("vendor/feed/a.txt", False),
        ("node_modules/x/LICENSE.txt", False),
    ],
)
def test_hooks_match_dump_files_only(name: str, matched: bool) -> None:
    for hook in hooks().values():
        chosen = re.search(str(hook["files"]), name) and not re.search(str(hook["exclude"]), name)
        assert bool(chosen) is matched


def test_hooks_leave_out_what_the_configuration_excludes() -> None:
    for hook in hooks().values():
        assert "--force-exclude" in str(hook["entry"]).split()


@pytest.fixture(scope="module")
def data_repo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    repo = tmp_path_factory.mktemp("data-repo")
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    (repo / "bad.txt").write_bytes(SEED_004.read_bytes())
    (repo / "good.txt").write_text(CLEAN)
    (repo / "fixable.txt").write_text(CLEAN.replace("\n", "\r\n"))
    (repo / "notes.md").write_text("not a dump\n")
    (repo / "README.txt").write_text("Dumps of the news feed, one file per day.  \n")
    (repo / "crawler-notes.txt").write_text("Fetched nightly; do not edit.\n")
    (repo / "legacy").mkdir()
    (repo / "legacy" / "old.txt").write_bytes(SEED_004.read_bytes())
    (repo / "kzvalidate.toml").write_text("extend-exclude = ['legacy/']\n")
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
    assert "bad.txt:15:113: error: KZ108 missing-footer:" in failing.stdout
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


def test_a_readme_or_an_excluded_file_does_not_fail_the_commit(
    data_repo: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    home = tmp_path_factory.getbasetemp() / "pre-commit-home"
    passing = try_repo(
        data_repo, "kzvalidate", "README.txt", "legacy/old.txt", "good.txt", home=home
    )
    assert passing.returncode == 0, passing.stdout + passing.stderr
    failing = try_repo(data_repo, "kzvalidate", "README.txt", "bad.txt", home=home)
    assert failing.returncode == 1, failing.stdout + failing.stderr
    assert "bad.txt:15:113: error: KZ108 missing-footer:" in failing.stdout
    assert "README.txt" not in failing.stdout


def test_a_non_dump_the_patterns_let_through_is_reported_once(
    data_repo: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    home = tmp_path_factory.getbasetemp() / "pre-commit-home"
    before = (data_repo / "crawler-notes.txt").read_bytes()
    done = try_repo(data_repo, "kzvalidate-fix", "crawler-notes.txt", home=home)
    assert done.returncode == 1, done.stdout + done.stderr
    assert done.stdout.count(": error: KZ113 not-a-news-dump:") == 1
    assert "Found 1 finding (1 error) in 1 file, 0 articles." in done.stdout
    assert "files were modified by this hook" not in done.stdout
    assert (data_repo / "crawler-notes.txt").read_bytes() == before
