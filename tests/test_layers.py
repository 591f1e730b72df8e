"""The package's layers stay one-way, so no import cycle can come back.

The layer order lives in pyproject.toml (``[tool.importlinter]``) and is checked by import-linter.
The ast checks below cover what its contracts do not say: no project import inside a function
(it would hide a dependency from a reader, and a cycle from the module-level graph), a reason for
every lazy import of another library (``# lazy: <why>`` on its line or the line above), no cycle
among module-level imports, and resources and contracts/ that stay data only.

Imports under ``if TYPE_CHECKING:`` count everywhere here, as in the import-linter configuration:
needing a module's types is depending on it.
"""

from __future__ import annotations

import ast
import functools
import graphlib
import itertools
import os
import re
import subprocess
import sys
import tokenize
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.helpers import ROOT

PROJECT = "kzvalidate"
PACKAGE = ROOT / PROJECT
LAZY = re.compile(r"#\s*lazy:\s*\S")

# `python -m importlinter.cli` runs nothing and exits 0 (the module has no main guard), so call
# the `lint-imports` command itself in the interpreter running the tests.
LINT_IMPORTS = (
    "from importlinter.cli import lint_imports_command;"
    " lint_imports_command(prog_name='lint-imports')"
)


@dataclass(frozen=True)
class Import:
    """One import statement of a kzvalidate module, its targets resolved to absolute names."""

    importer: str
    path: Path
    line: int
    targets: tuple[str, ...]
    in_function: bool
    has_lazy_reason: bool

    @property
    def where(self) -> str:
        return f"{self.path.relative_to(ROOT).as_posix()}:{self.line}"

    @property
    def project_targets(self) -> tuple[str, ...]:
        return tuple(target for target in self.targets if is_project(target))


def is_project(name: str) -> bool:
    return name == PROJECT or name.startswith(f"{PROJECT}.")


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def source_files() -> list[tuple[str, Path]]:
    files = sorted(path for path in PACKAGE.rglob("*.py") if "__pycache__" not in path.parts)
    return [(module_name(path), path) for path in files]


def comment_lines(path: Path) -> dict[int, str]:
    with path.open(encoding="utf-8") as handle:
        tokens = tokenize.generate_tokens(handle.readline)
        return {token.start[0]: token.string for token in tokens if token.type == tokenize.COMMENT}


def statements(tree: ast.AST) -> Iterator[tuple[ast.Import | ast.ImportFrom, bool]]:
    """Every import statement, and whether it stands inside a function (else at import time)."""

    def walk(
        node: ast.AST, in_function: bool
    ) -> Iterator[tuple[ast.Import | ast.ImportFrom, bool]]:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.Import | ast.ImportFrom):
                yield child, in_function
            else:
                inside = in_function or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef)
                yield from walk(child, inside)

    return walk(tree, False)


def targets(
    node: ast.Import | ast.ImportFrom, importer: str, path: Path, known: set[str]
) -> list[str]:
    """The modules a statement imports: ``from a import b`` is ``a.b`` when that is a module."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    base = node.module or ""
    if node.level:
        package = importer.split(".") if path.name == "__init__.py" else importer.split(".")[:-1]
        parent = ".".join(package[: len(package) - node.level + 1])
        base = f"{parent}.{base}" if base else parent
    return [
        f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base for alias in node.names
    ]


@functools.cache
def imports() -> list[Import]:
    """Every import statement under kzvalidate/, read once."""
    files = source_files()
    known = {name for name, _ in files}
    found = []
    for importer, path in files:
        comments = comment_lines(path)
        for node, in_function in statements(ast.parse(path.read_bytes(), filename=str(path))):
            end = node.end_lineno or node.lineno
            reason = any(
                LAZY.search(comments.get(line, "")) for line in range(node.lineno - 1, end + 1)
            )
            found.append(
                Import(
                    importer=importer,
                    path=path,
                    line=node.lineno,
                    targets=tuple(dict.fromkeys(targets(node, importer, path, known))),
                    in_function=in_function,
                    has_lazy_reason=reason,
                )
            )
    return found


def fail_if_any(offenders: list[Import], problem: str) -> None:
    """Fail with one line per offending statement: where it is and what it imports."""
    if offenders:
        lines = [f"  {item.where}: {', '.join(item.targets)}" for item in offenders]
        pytest.fail(f"{problem}:\n" + "\n".join(lines), pytrace=False)


def test_import_linter_contracts_are_kept() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = pyproject["tool"]["importlinter"]["contracts"]
    run = subprocess.run(
        [sys.executable, "-c", LINT_IMPORTS, "--no-cache", "--no-logo", "pyproject.toml"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "PYTHONIOENCODING": "utf-8", "COLUMNS": "120"},
        timeout=300,
        check=False,
    )
    output = f"{run.stdout}\n{run.stderr}".strip()
    if run.returncode != 0:
        pytest.fail(f"lint-imports failed (exit {run.returncode}):\n{output}", pytrace=False)
    # A run that checked nothing exits 0 too: make sure every configured contract was kept.
    if f"Contracts: {len(contracts)} kept, 0 broken." not in run.stdout:
        pytest.fail(
            f"lint-imports did not keep all {len(contracts)} contracts:\n{output}", pytrace=False
        )


def test_no_project_import_inside_a_function() -> None:
    fail_if_any(
        [item for item in imports() if item.in_function and item.project_targets],
        "kzvalidate modules imported inside a function: import them at module level (if that"
        " makes a cycle or breaks a layer, the dependency is the error, not its place)",
    )


def test_every_lazy_library_import_says_why() -> None:
    fail_if_any(
        [
            item
            for item in imports()
            if item.in_function and not item.project_targets and not item.has_lazy_reason
        ],
        "imports inside a function without a '# lazy: <why>' comment on their line or the line"
        " above: import at module level, or say why the import must wait",
    )


def test_no_module_level_import_cycle() -> None:
    graph: dict[str, set[str]] = {}
    where: dict[tuple[str, str], str] = {}
    for item in imports():
        if item.in_function:
            continue
        graph.setdefault(item.importer, set())
        for target in item.project_targets:
            graph[item.importer].add(target)
            where.setdefault((item.importer, target), item.where)
    try:
        graphlib.TopologicalSorter(graph).prepare()
    except graphlib.CycleError as error:
        cycle: list[str] = error.args[1]
    else:
        return
    # graphlib lists the cycle from the imported side: each module is imported by the next.
    steps = [
        f"  {importer} imports {imported} ({where[importer, imported]})"
        for imported, importer in itertools.pairwise(cycle)
    ]
    pytest.fail("module-level import cycle:\n" + "\n".join(reversed(steps)), pytrace=False)


def test_resources_imports_nothing_from_kzvalidate() -> None:
    path = PACKAGE / "resources.py"
    assert path.is_file()
    fail_if_any(
        [item for item in imports() if item.path == path and item.project_targets],
        "kzvalidate.resources must import nothing from kzvalidate",
    )


def test_contracts_folder_holds_data_only() -> None:
    code = sorted(path.relative_to(ROOT).as_posix() for path in (ROOT / "contracts").rglob("*.py"))
    assert not code, f"contracts/ is data shipped with the package, not code: {code}"
