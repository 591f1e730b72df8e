"""Which files a run lints: default and configured excludes, .gitignore as git reads it, files
named on the command line (and --force-exclude), and files that are not news dumps at all."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from kzvalidate.check.engine import Linter
from kzvalidate.dump.detect import HOLD_LINES, dump_lines
from kzvalidate.dump.dialects import DEFAULT
from kzvalidate.rules import select
from kzvalidate.settings import CommandLine, settings_for
from kzvalidate.source.discovery import DEFAULT_EXCLUDES, Discovery, Patterns, Target, targets
from kzvalidate.source.reading import open_path, open_stream
from tests.test_cli import CLEAN, run, write

NOT_A_DUMP = "Dumps of the news feed, one file per day.  \r\nDo not edit by hand.\t\n\nContact: x\n"
"""A README: trailing blanks, a CRLF, a tab and a blank line, all of which a dump rule would fix."""


def tree(root: Path, *names: str) -> Path:
    """Files with a clean dump in each (distinct titles, so that none repeats another)."""
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        write(path, CLEAN.replace("Title of the article", f"Title of {name}"))
    return root


def found(root: Path, *paths: str, **given: object) -> list[str]:
    """The targets of the command line ``paths`` run in ``root``, below ``root``, in order."""
    previous = Path.cwd()
    os.chdir(root)
    try:
        command_line = CommandLine(**given)  # type: ignore[arg-type]
        settings = settings_for(command_line, config=None, isolated=False, cwd=root)
        chosen = targets(list(paths) or ["."], settings.discovery, "<stdin>")
        return [Path(target.name).as_posix() for target in chosen if target.error is None]
    finally:
        os.chdir(previous)


def git(root: Path, *args: str) -> str:
    done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout


# -- excludes ------------------------------------------------------------------------------------


def test_default_excludes_leave_out_environments_caches_and_build_output(tmp_path: Path) -> None:
    names = [f"{folder}/x.txt" for folder in DEFAULT_EXCLUDES if not folder.startswith(".")]
    tree(tmp_path, "a.txt", "dumps/b.txt", "dumps/venv/c.txt", "deep/er/node_modules/d.txt", *names)
    assert found(tmp_path) == ["a.txt", "dumps/b.txt"]


def test_excluded_folders_are_not_entered(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tree(tmp_path, "a.txt", "venv/lib/site-packages/x.txt", "archive/old/y.txt")
    write(tmp_path / "kzvalidate.toml", "extend-exclude = ['archive/']\n")
    listed: list[str] = []
    scandir = os.scandir

    def recording(path: str) -> object:
        listed.append(Path(path).as_posix())
        return scandir(path)

    monkeypatch.setattr(os, "scandir", recording)
    assert found(tmp_path) == ["a.txt"]
    assert listed == ["."]


def test_exclude_replaces_the_defaults_and_extend_exclude_adds(tmp_path: Path) -> None:
    tree(tmp_path, "a.txt", "venv/b.txt", "old/c.txt", "new/d.txt", "e.draft.txt")
    assert found(tmp_path) == ["a.txt", "e.draft.txt", "new/d.txt", "old/c.txt"]
    write(tmp_path / "kzvalidate.toml", "exclude = ['old']\n")
    assert found(tmp_path) == ["a.txt", "e.draft.txt", "new/d.txt", "venv/b.txt"]
    write(tmp_path / "kzvalidate.toml", "extend-exclude = ['old', '*.draft.txt']\n")
    assert found(tmp_path) == ["a.txt", "new/d.txt"]
    assert found(tmp_path, exclude=["new"]) == ["a.txt", "venv/b.txt"]  # the file's extend kept
    assert found(tmp_path, extend_exclude=["new"]) == ["a.txt"]


def test_configured_patterns_are_relative_to_the_configuration_folder(tmp_path: Path) -> None:
    tree(tmp_path, "dumps/raw/a.txt", "dumps/b.txt", "other/dumps/raw/c.txt")
    write(tmp_path / "kzvalidate.toml", "extend-exclude = ['/dumps/raw/']\n")
    assert found(tmp_path) == ["dumps/b.txt", "other/dumps/raw/c.txt"]
    assert found(tmp_path / "dumps") == ["b.txt"]
    # a pattern given on the command line is relative to the working folder
    assert found(tmp_path / "dumps", extend_exclude=["/b.txt"]) == []


# -- .gitignore ----------------------------------------------------------------------------------


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    """A git repository with .gitignore files at several depths (negations, folder patterns,
    anchored ones), .git/info/exclude, and a .gitignore above the repository, which git never
    reads."""
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q")
    names = [
        "a.txt",
        "scratch.txt",
        "keep.txt",
        "dumps/2026/b.txt",
        "dumps/2026/tmp-c.txt",
        "dumps/2026/tmp-keep.txt",
        "dumps/raw/d.txt",
        "dumps/e.local.txt",
        "exports/f.txt",
        "nested/exports/g.txt",
        "private/h.txt",
    ]
    tree(root, *names)
    write(tmp_path / ".gitignore", "*.txt\n")
    write(root / ".gitignore", "*.local.txt\n/exports/\nscratch.txt\nkeep.txt\n!keep.txt\n")
    write(root / "dumps" / ".gitignore", "raw/\ntmp-*.txt\n")
    write(root / "dumps" / "2026" / ".gitignore", "!tmp-keep.txt\n")
    write(root / ".git" / "info" / "exclude", "private/\n")
    return root


def test_gitignore_files_are_read_as_git_reads_them(repository: Path) -> None:
    untracked = git(repository, "ls-files", "--others", "--exclude-standard").splitlines()
    by_git = sorted(name for name in untracked if name.endswith(".txt"))
    assert sorted(found(repository)) == by_git
    assert by_git == [
        "a.txt",
        "dumps/2026/b.txt",
        "dumps/2026/tmp-keep.txt",
        "keep.txt",
        "nested/exports/g.txt",
    ]


def test_gitignore_files_above_the_walked_folder_apply(repository: Path) -> None:
    assert found(repository / "dumps") == ["2026/b.txt", "2026/tmp-keep.txt"]


def test_respect_gitignore_can_be_turned_off(repository: Path) -> None:
    every = found(repository, respect_gitignore=False)
    assert len(every) == 11
    write(repository / "kzvalidate.toml", "respect-gitignore = false\n")
    assert found(repository) == every
    assert len(found(repository, respect_gitignore=True)) == 5


def test_gitignore_outside_a_repository_is_not_read(tmp_path: Path) -> None:
    tree(tmp_path, "a.txt", "b.txt")
    write(tmp_path / ".gitignore", "b.txt\n")
    assert found(tmp_path) == ["a.txt", "b.txt"]


# -- paths named on the command line -------------------------------------------------------------


def test_named_files_are_linted_even_when_excluded_but_not_with_force_exclude(
    repository: Path,
) -> None:
    named = ["scratch.txt", "dumps/raw/d.txt", "a.txt"]
    write(repository / "kzvalidate.toml", "extend-exclude = ['a.txt']\n")
    assert found(repository, *named) == named
    assert found(repository, *named, force_exclude=True) == []
    write(repository / "kzvalidate.toml", "force-exclude = true\n")
    assert found(repository, *named) == ["a.txt"]
    assert found(repository, "venv", force_exclude=True) == []


def test_a_named_file_is_matched_by_its_name_not_by_the_folders_above(tmp_path: Path) -> None:
    # the repository itself lies in a folder named like a default exclude
    root = tmp_path / "build" / "repo"
    tree(root, "a.txt", "venv/b.txt")
    assert found(root, "a.txt", "venv/b.txt", force_exclude=True) == ["a.txt"]
    assert found(root) == ["a.txt"]


def test_force_exclude_with_every_path_excluded_lints_nothing_and_passes(tmp_path: Path) -> None:
    tree(tmp_path, "venv/a.txt")
    done = run("lint", "venv/a.txt", "--force-exclude", cwd=tmp_path)
    assert (done.returncode, done.stdout) == (0, "No findings in 0 files, 0 articles.\n")
    assert done.stderr == "kzvalidate: every path given is excluded: nothing to lint\n"
    stdin = run("lint", "-", "--stdin-filename", "venv/x.txt", "--force-exclude", cwd=tmp_path)
    assert stdin.returncode == 0
    plain = run("lint", "venv/a.txt", cwd=tmp_path)
    assert (plain.returncode, plain.stdout) == (0, "No findings in 1 file, 1 article.\n")


def test_a_folder_whose_files_are_all_excluded_says_so(tmp_path: Path) -> None:
    tree(tmp_path, "dumps/a.txt", "dumps/b.txt")
    done = run("lint", "dumps", "--extend-exclude", "*.txt", cwd=tmp_path)
    assert done.returncode == 2
    assert (
        "dumps: no files matching *.txt in this folder but 2 left out by the exclude patterns "
        "or .gitignore" in done.stderr
    )


def test_linting_one_named_file_does_not_import_pathspec(tmp_path: Path) -> None:
    dump = tree(tmp_path, "a.txt") / "a.txt"
    code = (
        "import sys\n"
        "from kzvalidate.cli import app\n"
        "try:\n"
        f"    app(['lint', '--isolated', {str(dump)!r}])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('pathspec' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stdout.splitlines()[-1] == "False"


# -- files that are not news dumps ---------------------------------------------------------------


def test_a_readme_in_a_folder_run_gives_exactly_one_finding(tmp_path: Path) -> None:
    tree(tmp_path, "dumps/a.txt")
    write(tmp_path / "dumps" / "README.txt", NOT_A_DUMP)
    done = run("lint", "dumps", "-f", "json", cwd=tmp_path)
    assert done.returncode == 1
    findings = json.loads(done.stdout)["findings"]
    assert [(f["path"], f["line"], f["column"], f["code"]) for f in findings] == [
        ("dumps/README.txt", 1, 1, "KZ113")
    ]
    assert findings[0]["severity"] == "error"


def test_fix_never_rewrites_a_file_that_is_not_a_dump(tmp_path: Path) -> None:
    readme = write(tmp_path / "README.txt", NOT_A_DUMP)
    dump = write(tmp_path / "a.txt", CLEAN.replace("\n", "  \n", 1))
    for options in (["--fix"], ["--fix", "--unsafe-fixes"]):
        done = run("lint", ".", *options, cwd=tmp_path)
        assert done.returncode == 1
        assert "README.txt:1:1: error: KZ113 not-a-news-dump" in done.stdout
    assert readme.read_bytes() == NOT_A_DUMP.encode()
    assert dump.read_text() == CLEAN


def test_without_kz113_a_file_without_a_header_is_linted_line_by_line(tmp_path: Path) -> None:
    readme = write(tmp_path / "README.txt", NOT_A_DUMP)
    done = run("lint", str(readme), "-f", "json", "--ignore", "KZ113", cwd=tmp_path)
    assert {f["code"] for f in json.loads(done.stdout)["findings"]} >= {"KZ101", "KZ006"}


def many_lines(count: int, last: str = "") -> bytes:
    return ("Crawler log line\n" * count + last).encode()


@pytest.mark.parametrize("count", [HOLD_LINES - 1, HOLD_LINES, HOLD_LINES * 3])
def test_a_header_after_many_lines_is_found_on_disk_and_from_a_stream(
    tmp_path: Path, count: int
) -> None:
    data = many_lines(count, CLEAN)
    path = write(tmp_path / "a.txt", data)
    from_disk = dump_lines(open_path(path), DEFAULT)
    from_stream = dump_lines(open_stream(io.BufferedReader(io.BytesIO(data)), "-"), DEFAULT)
    for lines in (from_disk, from_stream):
        assert lines is not None
        assert b"".join(line.raw for line in lines) == data
    findings = Linter(select()).lint_bytes(data, "a.txt").findings
    assert {f.code for f in findings} == {"KZ101"}
    assert len(findings) == count
    assert Linter(select()).lint_source(open_path(path, "a.txt")).findings == findings


@pytest.mark.parametrize("count", [HOLD_LINES - 1, HOLD_LINES * 3])
def test_a_long_file_without_a_header_is_one_finding(tmp_path: Path, count: int) -> None:
    path = write(tmp_path / "log.txt", many_lines(count))
    assert dump_lines(open_path(path), DEFAULT) is None
    result = Linter(select()).lint_source(open_path(path))
    assert [(f.code, f.line) for f in result.findings] == [("KZ113", 1)]
    blank = write(tmp_path / "blank.txt", b"\n" * count)
    assert {f.code for f in Linter(select()).lint_source(open_path(blank)).findings} == {"KZ112"}


def discovered(targets_found: Iterator[Target]) -> list[str]:
    return [target.name for target in targets_found]


def test_targets_accept_just_the_file_patterns(tmp_path: Path) -> None:
    tree(tmp_path, "a.txt", "venv/b.txt", "c.dump")
    with_patterns = discovered(targets([str(tmp_path)], ["*.txt", "*.dump"], "<stdin>"))
    assert with_patterns == [str(tmp_path / "a.txt"), str(tmp_path / "c.dump")]
    own = Discovery(exclude=(Patterns(str(tmp_path), ("a.txt",)),))
    assert discovered(targets([str(tmp_path)], own, "<stdin>")) == [str(tmp_path / "venv/b.txt")]
