"""The command line as users run it: real processes, exit codes, streams and files."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from kzvalidate.dump.dialects.kazakhstan_today import FOOTER
from kzvalidate.resources import REPORT_SCHEMA, load_schema
from kzvalidate.rules import RULES
from tests.helpers import SEED_000, SEED_004, SEEDS, run_cli

CLEAN = f"03.03.2026, 14:12 11421\nTitle of the article\nFirst paragraph.\n{FOOTER}\n"


run = run_cli


def write(path: Path, content: str | bytes) -> Path:
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    return path


def test_lint_seeds_text_report() -> None:
    done = run("lint", "fixtures/seeds")
    assert done.returncode == 1
    out = done.stdout
    assert (
        "fixtures/seeds/000_752030e2fc2ef886.txt:1:1: error: KZ101 stray-text: stray text "
        "' date 2026-03-04 ' before the header date" in out
    )
    assert " 1 |  date 2026-03-04 03.03.2026, 14:12 11421\n   | ^^^^^^^^^^^^^^^^^\n" in out
    assert "fixtures/seeds/004_cba44f59b303dc4b.txt:15:113: error: KZ108 missing-footer:" in out
    assert "Found 23 findings (11 errors, 12 warnings) in 2 files, 18 articles." in out
    assert "       9  KZ108 missing-footer" in out
    assert "       7  KZ303 unbalanced-quotes" in out
    assert "\x1b[" not in out


def test_text_report_shows_the_text_of_findings_that_compare_articles() -> None:
    done = run("lint", str(SEED_004), "--select", "KZ305", "--isolated")
    assert done.returncode == 0
    assert (
        " 4 | \u2026as received Children\u2019s Rights Ombusdman Dinara Zakiyeva, Kazinform Ne"
        "\u2026\n   |                                ^^^^^^^^^\n"
    ) in done.stdout
    assert (
        " 14 | Kassym-Jomar Tokayev highlighted the importance of c\u2026\n    | ^^^^^^^^^^^^\n"
    ) in done.stdout


def test_json_report_matches_its_schema() -> None:
    done = run("lint", "fixtures/seeds", "--format", "json")
    assert done.returncode == 1
    report = json.loads(done.stdout)
    assert list(Draft202012Validator(load_schema(REPORT_SCHEMA)).iter_errors(report)) == []
    assert report["summary"]["files"] == 2
    assert report["summary"]["articles"] == 18
    assert report["summary"]["by_severity"] == {"error": 11, "warning": 12, "info": 0}
    assert report["summary"]["by_rule"] == {
        "KZ101": 1,
        "KZ108": 9,
        "KZ301": 1,
        "KZ303": 7,
        "KZ305": 3,
        "KZ503": 2,
    }
    first = report["findings"][0]
    assert first["path"] == "fixtures/seeds/000_752030e2fc2ef886.txt"
    assert (first["line"], first["column"], first["end_line"], first["end_column"]) == (1, 1, 1, 18)
    assert first["fix"]["safe"] is False


def test_clean_file_exits_zero(tmp_path: Path) -> None:
    done = run("lint", str(write(tmp_path / "a.txt", CLEAN)))
    assert done.returncode == 0, done.stdout
    assert "No findings in 1 file, 1 article." in done.stdout


def test_fail_on_sets_the_failing_level(tmp_path: Path) -> None:
    path = str(write(tmp_path / "a.txt", CLEAN.replace("Title of the article", "Title  ")))
    assert run("lint", path).returncode == 0
    assert run("lint", path, "--fail-on", "warning").returncode == 1


def test_one_bad_path_does_not_stop_the_others(tmp_path: Path) -> None:
    png = write(tmp_path / "image.txt", b"\x89PNG\r\n\x1a\n" + bytes(64))
    done = run("lint", str(tmp_path / "missing.txt"), str(png), str(SEED_004))
    assert done.returncode == 2
    errors = done.stderr.strip().splitlines()
    assert len(errors) == 2
    assert "missing.txt: no such file or directory" in errors[0]
    assert "image.txt: not a text file: it looks like a PNG image" in errors[1]
    assert done.stdout.count(": error: KZ108 missing-footer:") == 9
    assert "3 files, 2 could not be read" in done.stdout


def test_stdin_with_a_display_name() -> None:
    done = run("lint", "-", "--stdin-filename", "dump.txt", stdin=SEED_000.read_bytes())
    assert done.returncode == 1
    assert "dump.txt:1:1: error: KZ101 stray-text:" in done.stdout


def test_select_and_ignore(tmp_path: Path) -> None:
    only = json.loads(run("lint", "fixtures/seeds", "-f", "json", "--select", "KZ108").stdout)
    assert {f["code"] for f in only["findings"]} == {"KZ108"}
    by_name = json.loads(
        run("lint", "fixtures/seeds", "-f", "json", "--select", "stray-text").stdout
    )
    assert {f["code"] for f in by_name["findings"]} == {"KZ101"}
    assert run("lint", "fixtures/seeds", "--ignore", "KZ1").returncode == 1
    assert run("lint", "fixtures/seeds", "--ignore", "KZ1,KZ3").returncode == 0
    ignored = run("lint", "fixtures/seeds", "--ignore", "KZ101,missing-footer,mixed-script-word")
    assert ignored.returncode == 0


def test_unknown_rule_is_a_usage_error() -> None:
    done = run("lint", "fixtures/seeds", "--select", "KZ999")
    assert done.returncode == 2
    assert "unknown rule 'KZ999'" in done.stderr


def test_colour_only_when_asked(tmp_path: Path) -> None:
    path = str(SEED_000)
    assert "\x1b[" in run("lint", path, env={"FORCE_COLOR": "1"}).stdout
    assert "\x1b[" not in run("lint", path, env={"FORCE_COLOR": "1", "NO_COLOR": "1"}).stdout


def test_folders_are_walked_with_the_glob(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / ".hidden").mkdir()
    write(tmp_path / "sub" / "a.txt", CLEAN)
    write(tmp_path / "sub" / "b.dump", CLEAN.replace("11421", "-1"))
    write(tmp_path / ".hidden" / "c.txt", "junk\n")
    assert "in 1 file," in run("lint", str(tmp_path)).stdout
    done = run("lint", str(tmp_path), "--glob", "*.dump")
    assert done.returncode == 1 and "b.dump:1:19: error: KZ203 negative-views:" in done.stdout


def test_nothing_to_lint_is_an_error(tmp_path: Path) -> None:
    done = run("lint", str(tmp_path))
    assert done.returncode == 2
    assert "no files matching *.txt in this folder" in done.stderr


def test_fix_rewrites_only_the_fixed_bytes(tmp_path: Path) -> None:
    broken = CLEAN.replace("\n", "\r\n").replace("Title of the article", 'Title of\t"the article ')
    path = write(tmp_path / "a.txt", broken)
    path.chmod(0o640)
    done = run("lint", str(path), "--fix")
    assert done.returncode == 0, done.stdout
    assert path.read_text() == CLEAN.replace("Title of the article", 'Title of "the article')
    assert "KZ303 unbalanced-quotes" in done.stdout
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert "Fixed 6 findings in 1 file." in done.stdout
    assert list(tmp_path.iterdir()) == [path]


def test_unsafe_fixes_need_their_own_flag(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", SEED_000.read_bytes())
    safely_fixed = SEED_000.read_bytes().replace("сourt".encode(), b"court")
    assert run("lint", str(path), "--fix").returncode == 1
    assert path.read_bytes() == safely_fixed
    assert run("lint", str(path), "--fix", "--unsafe-fixes").returncode == 0
    assert path.read_bytes() == safely_fixed[len(" date 2026-03-04 ") :]


def test_lint_never_writes_without_fix(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", CLEAN.replace("\n", "\r\n"))
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    assert run("lint", str(path)).returncode == 0
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


def test_fix_refuses_stdin() -> None:
    done = run("lint", "-", "--fix", stdin=CLEAN.encode())
    assert done.returncode == 2
    assert "--fix cannot rewrite standard input" in done.stderr


def test_rules_lists_every_rule() -> None:
    done = run("rules")
    assert done.returncode == 0
    for rule in RULES.values():
        assert f"{rule.code}  {rule.name}" in done.stdout
    listed = json.loads(run("rules", "--format", "json").stdout)
    assert [r["code"] for r in listed] == list(RULES)


@pytest.mark.parametrize("key", ["KZ108", "missing-footer", "kz108"])
def test_explain_by_code_or_name(key: str) -> None:
    done = run("explain", key)
    assert done.returncode == 0
    assert done.stdout.startswith("KZ108 missing-footer\n")
    assert "\nFails\n-----\n" in done.stdout and "\nPasses\n------\n" in done.stdout


def test_explain_unknown_rule() -> None:
    done = run("explain", "nope")
    assert done.returncode == 2
    assert "unknown rule 'nope'" in done.stderr


def test_version() -> None:
    done = run("--version")
    assert done.returncode == 0
    assert done.stdout.startswith("kzvalidate ")


def test_lint_path_imports_no_heavy_library() -> None:
    code = (
        "import sys\n"
        "from kzvalidate.cli import app\n"
        "try:\n"
        f"    app(['lint', {str(SEEDS)!r}])\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = {'pandas', 'pandera', 'pint', 'polars', 'pyarrow', 'numpy', 'hypothesis',\n"
        "         'duckdb', 'dask', 'distributed'}\n"
        "print(sorted(heavy & set(sys.modules)))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.stdout.strip().splitlines()[-1] == "[]"


@pytest.mark.parametrize(
    "args",
    [
        ["lint", str(SEED_000)],
        ["lint", str(SEED_000), "-f", "json", "--jobs", "1", "--fail-on", "warning", "--isolated"],
        ["lint", str(SEED_000), "--engine", "local", "--config", "pyproject.toml", "-j", "1"],
        ["--version"],
        ["rules", "--format", "json"],
        ["explain", "KZ108"],
    ],
    ids=" ".join,
)
def test_commands_do_not_load_pydantic(args: list[str]) -> None:
    """typer coerces values with pydantic; the commands' own coercion keeps it off their path."""
    code = (
        "import sys\n"
        "from kzvalidate.cli import app\n"
        "try:\n"
        f"    app({args!r})\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(sorted(name for name in sys.modules if name.split('.')[0].startswith('pydantic')))\n"
    )
    environment = {**os.environ, "KZVALIDATE_NO_CACHE": "1"}  # a flag read from a word
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, env=environment
    )
    assert done.stdout.strip().splitlines()[-1] == "[]", done.stderr


LEFT_OUT_OF_PLAIN_LINT = (
    *("kzvalidate.ingest.base", "kzvalidate.ingest.run", "kzvalidate.check.gate"),
    *("kzvalidate.report.diff", "kzvalidate.report.docs"),
    *("hashlib", "importlib.resources", "tempfile", "argparse", "rapidfuzz"),
)
"""What a plain lint of one file does without (issue 12, start-up): the parse run and its gate,
the writers of ``--diff`` and ``--units`` (their packages load them on first use); blake2b comes
from ``_blake2`` (hashlib would load OpenSSL), the contracts and the time zone file are found
without ``importlib.resources``, ``tempfile`` waits for a file to write, ``argparse`` for the
units table's own command, and rapidfuzz for a paragraph that may be a misspelt footer (the
seed's footer-long paragraphs are too far from the footer by their letters alone)."""


def loaded_after(args: list[str], names: tuple[str, ...], env: dict[str, str]) -> list[str]:
    """Which of the modules ``names`` a fresh process has loaded after running ``args`` the way
    the ``kzvalidate`` command runs them."""
    code = (
        "import sys\n"
        "from kzvalidate.cli import app_for\n"
        "try:\n"
        f"    app_for({args!r})({args!r})\n"
        "except SystemExit:\n"
        "    pass\n"
        f"print(sorted(name for name in {names!r} if name in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, env=env
    )
    loaded: list[str] = json.loads(done.stdout.strip().splitlines()[-1].replace("'", '"'))
    return loaded


def test_plain_lint_leaves_out_what_it_does_not_use() -> None:
    environment = {**os.environ, "KZVALIDATE_NO_CACHE": "1"}
    args = ["lint", str(SEED_000)]
    assert loaded_after(args, LEFT_OUT_OF_PLAIN_LINT, environment) == []


def test_lint_through_the_result_cache_loads_no_hashlib(tmp_path: Path) -> None:
    environment = {**os.environ, "KZVALIDATE_CACHE_DIR": str(tmp_path)}
    environment.pop("KZVALIDATE_NO_CACHE", None)
    args = ["lint", str(SEED_000)]
    for _ in range(2):  # a miss, then a hit
        assert loaded_after(args, ("hashlib",), environment) == []
    assert list(tmp_path.rglob("*")) != []  # the run went through the cache


def test_names_loaded_on_first_use_are_their_modules_own() -> None:
    from kzvalidate import ingest, report
    from kzvalidate.ingest import base, run
    from kzvalidate.report import diff, docs

    assert (ingest.parse_run, ingest.summary_line) == (run.parse_run, run.summary_line)
    assert (ingest.NothingReadError, ingest.WriteError) == (run.NothingReadError, base.WriteError)
    assert ingest.MissingExtraError is base.MissingExtraError
    assert (report.DiffWriter, report.would_fix) == (diff.DiffWriter, diff.would_fix)
    assert report.write_units is docs.write_units
    for package in (ingest, report):
        with pytest.raises(AttributeError, match="has no attribute 'nope'"):
            vars(package)["__getattr__"]("nope")


def test_blake2b_without_hashlib_is_hashlibs() -> None:
    """The modules that hash take blake2b from ``_blake2``: it is the function hashlib gives."""
    import hashlib

    from kzvalidate import results
    from kzvalidate.check import cache
    from kzvalidate.contract import collection, schema

    assert {vars(module)["blake2b"] for module in (results, cache, collection, schema)} == {
        hashlib.blake2b
    }


def test_app_for_keeps_only_the_command_named() -> None:
    from kzvalidate.cli import app, app_for, command_name

    names = [command_name(info) for info in app.registered_commands]
    assert names == ["lint", "figures", "parse", "schema", "rules", "explain"]
    single = app_for(["parse", "-o", "out.jsonl"])
    assert [command_name(info) for info in single.registered_commands] == ["parse"]
    assert len(app.registered_commands) == len(names)
    for args in ([], ["--help"], ["--version"], ["lnt"], ["-q", "lint"]):
        assert app_for(args) is app


@pytest.mark.parametrize(
    "args",
    [["lint", "--help"], ["lint", "--no-such-option"], ["lnt"], ["rules", "-f", "nope"]],
    ids=" ".join,
)
def test_one_command_app_answers_as_the_whole_app(args: list[str]) -> None:
    """The command runs an app of the one command named (:func:`kzvalidate.cli.app_for`): its
    help and its usage errors read as the whole app's."""
    code = (
        "import sys\n"
        "from kzvalidate.cli import app\n"
        f"app({args!r}, prog_name='python -m kzvalidate')\n"
    )
    whole = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    done = run(*args)
    assert (done.returncode, done.stdout, done.stderr) == (
        whole.returncode,
        whole.stdout,
        whole.stderr,
    )


def test_json_report_with_no_findings_and_a_file_error(tmp_path: Path) -> None:
    clean = write(tmp_path / "a.txt", CLEAN)
    done = run("lint", str(clean), str(tmp_path / "missing.txt"), "--format", "json")
    assert done.returncode == 2
    report = json.loads(done.stdout)
    assert list(Draft202012Validator(load_schema(REPORT_SCHEMA)).iter_errors(report)) == []
    assert report["findings"] == []
    assert report["errors"] == [
        {"path": str(tmp_path / "missing.txt"), "message": "no such file or directory"}
    ]
    assert report["summary"]["files_with_errors"] == 1
