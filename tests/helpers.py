"""Small shared helpers for the tests."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from kzvalidate.check.engine import Linter
from kzvalidate.dump.blocks import Article
from kzvalidate.dump.parser import parse_bytes
from kzvalidate.results import FileResult
from kzvalidate.rules import select

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "fixtures" / "seeds"
SEED_000 = SEEDS / "000_752030e2fc2ef886.txt"
SEED_004 = SEEDS / "004_cba44f59b303dc4b.txt"


def articles(text: str) -> list[Article]:
    return [block for block in parse_bytes(text.encode()) if isinstance(block, Article)]


def lint_text(text: str | bytes, *selectors: str) -> FileResult:
    data = text.encode() if isinstance(text, str) else text
    return Linter(select(list(selectors) or None)).lint_bytes(data, "t.txt")


def codes(text: str | bytes, *selectors: str) -> list[tuple[int, int, str]]:
    return [(f.line, f.column, f.code) for f in lint_text(text, *selectors).findings]


def run_cli(
    *args: str, cwd: Path = ROOT, env: dict[str, str] | None = None, stdin: bytes = b""
) -> subprocess.CompletedProcess[str]:
    """``python -m kzvalidate ARGS`` in a fresh process, standard output a pipe, colour settings
    cleared (``env`` adds to the environment); never a traceback."""
    environment = {k: v for k, v in os.environ.items() if k not in {"FORCE_COLOR", "NO_COLOR"}}
    environment.update(env or {})
    done = subprocess.run(
        [sys.executable, "-m", "kzvalidate", *args],
        input=stdin.decode("utf-8", "surrogateescape"),
        capture_output=True,
        text=True,
        cwd=cwd,
        env=environment,
        check=False,
    )
    assert "Traceback" not in done.stderr, done.stderr
    return done


def assert_usage_error(done: subprocess.CompletedProcess[str], message: str) -> None:
    """The command refused its options: exit 2, one line on standard error, saying ``message``."""
    assert done.returncode == 2
    assert done.stderr.startswith("kzvalidate: error: ")
    assert done.stderr.count("\n") == 1
    assert message in done.stderr
