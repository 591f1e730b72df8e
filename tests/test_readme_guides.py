"""The README's guides for each user run as written: the shell blocks line by line, the GitHub
Actions job's kzvalidate steps, the data repository's pre-commit configuration with the real
pre-commit client, and the configuration reference is the one generated from its contract."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

from kzvalidate.dump.dialects.kazakhstan_today import FOOTER
from kzvalidate.report.config_reference import config_markdown
from kzvalidate.settings import load_config
from tests.helpers import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
SEEDS = ROOT / "fixtures" / "seeds"
SARIF_SCHEMA = ROOT / "fixtures" / "specs" / "sarif-schema-2.1.0.json"
BIN = Path(sys.executable).parent
CLEAN = f"03.03.2026, 14:12 11421\nTitle of the article\nFirst paragraph.\n{FOOTER}\n"


def runnable(name: str) -> tuple[str, str]:
    """The language and text of the code block marked ``<!-- runnable: name -->``."""
    match = re.search(
        rf"<!-- runnable: {re.escape(name)} -->\n```(\w+)\n(.*?)```", README, re.DOTALL
    )
    assert match is not None, f"README has no runnable block {name!r}"
    return match[1], match[2]


def workspace(tmp_path: Path) -> Path:
    """A folder with the seeds as ``dumps/`` and ``archive/``, as the guides assume."""
    for name in ("dumps", "archive"):
        shutil.copytree(SEEDS, tmp_path / name)
    return tmp_path


def run_line(line: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"}
    return subprocess.run(
        ["bash", "-c", line], cwd=cwd, env=environment, capture_output=True, text=True
    )


def expected_status(line: str) -> int:
    match = re.search(r"#\s*exit (\d+)\s*$", line)
    return int(match[1]) if match else 0


def run_shell_block(name: str, cwd: Path) -> list[subprocess.CompletedProcess[str]]:
    language, text = runnable(name)
    assert language == "sh"
    done = []
    for line in filter(None, (line.strip() for line in text.splitlines())):
        result = run_line(line, cwd)
        assert result.returncode == expected_status(line), (line, result.stdout, result.stderr)
        done.append(result)
    return done


def test_baseline_guide_gates_only_the_new_defect(tmp_path: Path) -> None:
    results = run_shell_block("baseline", workspace(tmp_path))
    baseline = json.loads((tmp_path / "kzvalidate-baseline.json").read_text(encoding="utf-8"))
    assert baseline
    last = results[-1].stdout
    reported = re.findall(r"^archive/(\S+?):(\d+):\d+:", last, re.MULTILINE)
    assert reported, last
    first_new_line = len((SEEDS / "000_752030e2fc2ef886.txt").read_text().splitlines()) + 1
    assert all(
        path == "000_752030e2fc2ef886.txt" and int(line) >= first_new_line
        for path, line in reported
    ), last


def test_html_guide_writes_one_self_contained_report(tmp_path: Path) -> None:
    run_shell_block("html", workspace(tmp_path))
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert page.lstrip().lower().startswith("<!doctype html")
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", page)


def test_github_actions_guide_annotates_and_writes_valid_sarif(tmp_path: Path) -> None:
    language, text = runnable("github-actions")
    assert language == "yaml"
    steps = yaml.safe_load(text)["jobs"]["kzvalidate"]["steps"]
    commands = [step["run"] for step in steps if "run" in step]
    install, lint = commands
    assert shlex.split(install)[:2] == ["pip", "install"]  # not run: the test runs this checkout
    result = run_line(lint, workspace(tmp_path))
    assert result.returncode == 1, result.stderr
    assert re.search(r"^::error file=dumps/\S+,line=\d+,col=\d+", result.stdout, re.MULTILINE)
    upload = next(step for step in steps if "upload-sarif" in step.get("uses", ""))
    sarif = json.loads((tmp_path / upload["with"]["sarif_file"]).read_text(encoding="utf-8"))
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(sarif)
    assert sarif["runs"][0]["results"]


@pytest.fixture
def data_repository(tmp_path: Path) -> Path:
    """A git repository with a dumps folder (one clean dump, one with a defect) and a README."""
    repository = tmp_path / "data"
    (repository / "dumps").mkdir(parents=True)
    (repository / "dumps" / "clean.txt").write_text(CLEAN, encoding="utf-8")
    (repository / "README.txt").write_text("Notes about the dumps.\n", encoding="utf-8")
    subprocess.run(["git", "init", "-q"], cwd=repository, check=True)
    return repository


def test_pre_commit_guide_runs_the_hook_on_the_dumps_only(data_repository: Path) -> None:
    language, text = runnable("pre-commit")
    assert language == "yaml"
    head = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.strip()
    config = re.sub(r"(?m)^(\s*-\s*repo:).*$", rf"\1 {ROOT}", text)
    config = re.sub(r"(?m)^(\s*rev:).*$", rf"\1 {head}", config)
    (data_repository / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")

    def pre_commit() -> subprocess.CompletedProcess[str]:
        subprocess.run(["git", "add", "-A"], cwd=data_repository, check=True)
        return subprocess.run(
            [sys.executable, "-m", "pre_commit", "run", "--all-files"],
            cwd=data_repository,
            capture_output=True,
            text=True,
            env={**os.environ, "PRE_COMMIT_HOME": str(data_repository.parent / "cache")},
        )

    passed = pre_commit()
    assert passed.returncode == 0, passed.stdout
    shutil.copy(SEEDS / "000_752030e2fc2ef886.txt", data_repository / "dumps" / "seed.txt")
    failed = pre_commit()
    assert failed.returncode == 1, failed.stdout
    assert "dumps/seed.txt:1:1:" in failed.stdout
    assert "README.txt" not in failed.stdout


def test_config_reference_is_generated_from_the_contract() -> None:
    section = README.split("<!-- config:start -->\n", 1)[1].split("<!-- config:end -->", 1)[0]
    assert section == config_markdown(), (
        "run: kzvalidate schema --format markdown --contract config"
    )


@pytest.mark.parametrize("block", re.findall(r"```toml\n(.*?)```", README, re.DOTALL))
def test_every_configuration_in_the_readme_is_valid(block: str, tmp_path: Path) -> None:
    path = tmp_path / "pyproject.toml"
    path.write_text(block, encoding="utf-8")
    (tmp_path / "styles").mkdir()
    (tmp_path / "styles" / "accept.txt").write_text("Qazaqstan\n", encoding="utf-8")
    load_config(path)
