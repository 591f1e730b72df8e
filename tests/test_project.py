"""The project keeps its promises to new users: the README's commands, CI, docs and lint."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib

import pytest

from kzvalidate.report.docs import rules_markdown
from tests.helpers import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def shell_blocks(text: str) -> list[str]:
    return [block.strip() for block in re.findall(r"```sh\n(.*?)```", text, re.DOTALL)]


def test_ci_runs_exactly_the_readme_test_command() -> None:
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    match = re.search(r'^TEST_COMMAND="(.*)"$', script, re.MULTILINE)
    assert match is not None
    assert match[1] in shell_blocks(README)
    assert 'bash -c "$TEST_COMMAND"' in script


def test_readme_quickstart_lints_the_bundled_seeds() -> None:
    quickstart = README.split("## Quickstart", 1)[1].split("\n## ", 1)[0]
    commands = shell_blocks(quickstart)
    assert len(commands) == 2
    assert commands[0].endswith("kzvalidate lint fixtures/seeds")
    assert commands[1].endswith("python -m pytest")


def test_readme_rule_table_is_generated_from_the_registry() -> None:
    table = README.split("<!-- rules:start -->\n", 1)[1].split("<!-- rules:end -->", 1)[0]
    assert table == rules_markdown(), "run: kzvalidate rules --format markdown"


def test_dependencies_have_lower_bounds() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    requirements = project["dependencies"] + project["optional-dependencies"]["dev"]
    assert requirements
    for requirement in requirements:
        assert ">=" in requirement, requirement


@pytest.mark.parametrize(
    "command",
    [
        [sys.executable, "-m", "ruff", "check", "."],
        [sys.executable, "-m", "ruff", "format", "--check", "."],
        [sys.executable, "-m", "mypy"],
    ],
    ids=["ruff-check", "ruff-format", "mypy"],
)
def test_code_is_lint_clean(command: list[str]) -> None:
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
