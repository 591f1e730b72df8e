"""Baselines for dirty archives, through the real command line in temporary folders: write one,
lint with it, edit the files around its findings, prune it, break it."""

from __future__ import annotations

import difflib
import json
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from distributed import LocalCluster
from jsonschema import Draft202012Validator

from kzvalidate.check.baseline import normal_path
from kzvalidate.check.distributed import local_cluster
from kzvalidate.dump.dialects.kazakhstan_today import FOOTER
from kzvalidate.resources import BASELINE_SCHEMA, REPORT_SCHEMA, load_schema
from tests.helpers import SEED_000, SEED_004, SEEDS, run_cli

OLD = SEED_000.name
"""The seed with the stray text, the Cyrillic letter in 'сourt' (line 24) and KZ503."""
RECENT = SEED_004.name
PARAGRAPH = "The rate of the tenge rose in the сourt today."
"""A paragraph with one KZ301 finding (a Cyrillic 'с'), an error."""


def article(date: str, title: str, paragraph: str = "Its only paragraph.") -> str:
    return f"{date}\n{title}\n{paragraph}\n{FOOTER}\n"


@pytest.fixture
def work(tmp_path: Path) -> Path:
    """A working folder with a copy of the seeds in ``archive/``."""
    shutil.copytree(SEEDS, tmp_path / "archive")
    return tmp_path


def lint(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_cli("lint", *args, cwd=cwd)


def report(cwd: Path, *args: str) -> tuple[int, dict[str, Any]]:
    """The exit status and the JSON report (checked against its schema) of a lint run."""
    done = lint(cwd, *args, "--format", "json")
    document: dict[str, Any] = json.loads(done.stdout)
    assert list(Draft202012Validator(load_schema(REPORT_SCHEMA)).iter_errors(document)) == []
    return done.returncode, document


def write_baseline(cwd: Path, *paths: str, to: str = "baseline.json") -> dict[str, Any]:
    done = lint(cwd, *paths, "--write-baseline", to)
    assert done.returncode == 0, done.stderr
    baseline: dict[str, Any] = json.loads((cwd / to).read_text(encoding="utf-8"))
    assert list(Draft202012Validator(load_schema(BASELINE_SCHEMA)).iter_errors(baseline)) == []
    return baseline


def reported(document: dict[str, Any]) -> list[tuple[str, int, str]]:
    return [(found["path"], found["line"], found["code"]) for found in document["findings"]]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_a_baseline_of_the_seeds_suppresses_every_finding(work: Path) -> None:
    status, before = report(work, "archive")
    assert status == 1 and before["findings"]
    done = lint(work, "archive", "--write-baseline", "baseline.json")
    assert done.returncode == 0
    found = before["summary"]["findings"]
    assert f"kzvalidate: wrote the baseline baseline.json: {found} findings in " in done.stderr
    status, after = report(work, "archive", "--baseline", "baseline.json")
    assert (status, after["findings"]) == (0, [])
    summary = after["summary"]
    assert summary["suppressed"] == before["summary"]["findings"]
    assert (summary["findings"], summary["stale_baseline"]) == (0, 0)
    assert summary["by_rule"] == {}


def test_the_text_report_of_a_baselined_run_shows_no_finding(work: Path) -> None:
    write_baseline(work, "archive")
    done = lint(work, "archive", "--baseline", "baseline.json")
    assert done.returncode == 0
    assert "archive/" not in done.stdout


def test_findings_stay_suppressed_after_lines_are_added_above_them(work: Path) -> None:
    write_baseline(work, "archive")
    newest = article("24.05.2025, 09:00 100", "A new article at the top")
    recent = work / "archive" / RECENT
    recent.write_text(newest + recent.read_text(encoding="utf-8"), encoding="utf-8")
    old = work / "archive" / OLD
    lines = old.read_text(encoding="utf-8").splitlines(keepends=True)
    between = article("03.03.2026, 13:30 100", "Another new article")  # keeps the order
    assert lines[19].startswith("03.03.2026, 13:10 ")
    old.write_text("".join([*lines[:19], between, *lines[19:]]), encoding="utf-8")
    status, document = report(work, "archive", "--baseline", "baseline.json")
    assert (status, document["findings"]) == (0, [])
    assert document["summary"]["stale_baseline"] == 0


def test_a_new_defect_is_the_only_finding_reported(work: Path) -> None:
    write_baseline(work, "archive")
    edit(work / "archive" / RECENT, "to protect children", "to prоtect children")
    status, document = report(work, "archive", "--baseline", "baseline.json")
    assert status == 1
    assert reported(document) == [(f"archive/{RECENT}", 5, "KZ301")]
    assert document["summary"]["findings"] == 1


def test_two_identical_defects_need_a_count_of_two(tmp_path: Path) -> None:
    one = article("03.03.2026, 14:12 100", "First title", PARAGRAPH)
    two = article("02.03.2026, 10:00 100", "Second title", PARAGRAPH)
    dump = tmp_path / "dump.txt"
    dump.write_text(one, encoding="utf-8")
    write_baseline(tmp_path, "dump.txt")
    dump.write_text(one + two, encoding="utf-8")
    status, document = report(tmp_path, "dump.txt", "--baseline", "baseline.json")
    assert status == 1
    assert reported(document) == [("dump.txt", 7, "KZ301")]
    assert document["summary"]["suppressed"] == 1

    (entry,) = write_baseline(tmp_path, "dump.txt")["entries"]
    assert entry == {
        "path": "dump.txt",
        "code": "KZ301",
        "name": "mixed-script-word",
        "text": "с",
        "context": "rose in the сourt today.",
        "count": 2,
    }
    status, document = report(tmp_path, "dump.txt", "--baseline", "baseline.json")
    assert (status, document["findings"], document["summary"]["suppressed"]) == (0, [], 2)


def test_a_count_no_longer_used_is_stale_and_pruned_on_its_line(tmp_path: Path) -> None:
    one = article("03.03.2026, 14:12 100", "First title", PARAGRAPH)
    two = article("02.03.2026, 10:00 100", "Second title", PARAGRAPH)
    dump = tmp_path / "dump.txt"
    dump.write_text(one + two, encoding="utf-8")
    write_baseline(tmp_path, "dump.txt")
    before = (tmp_path / "baseline.json").read_text(encoding="utf-8")
    dump.write_text(one + two.replace("сourt", "court"), encoding="utf-8")
    status, document = report(tmp_path, "dump.txt", "--baseline", "baseline.json")
    assert (status, document["summary"]["stale_baseline"]) == (0, 1)
    done = lint(tmp_path, "dump.txt", "--baseline", "baseline.json", "--prune-baseline")
    assert done.returncode == 0
    assert "dropped 1 finding no longer found, kept 1 entry" in done.stderr
    after = (tmp_path / "baseline.json").read_text(encoding="utf-8")
    assert changed_lines(before, after) == (['      "count": 2,'], ['      "count": 1,'])


def changed_lines(before: str, after: str) -> tuple[list[str], list[str]]:
    """The lines a diff removes and adds."""
    diff = list(difflib.ndiff(before.splitlines(), after.splitlines()))
    return (
        [line[2:] for line in diff if line.startswith("- ")],
        [line[2:] for line in diff if line.startswith("+ ")],
    )


def test_stale_entries_are_counted_and_prune_removes_only_them(work: Path) -> None:
    entries = write_baseline(work, "archive")["entries"]
    before = (work / "baseline.json").read_text(encoding="utf-8")
    edit(work / "archive" / OLD, "regional сourt", "regional court")
    status, document = report(work, "archive", "--baseline", "baseline.json")
    assert (status, document["findings"], document["summary"]["stale_baseline"]) == (0, [], 1)
    done = lint(work, "archive", "--baseline", "baseline.json", "--prune-baseline")
    assert done.returncode == 0, done.stderr
    after = (work / "baseline.json").read_text(encoding="utf-8")
    fixed = [entry for entry in entries if entry["code"] == "KZ301"]
    assert json.loads(after)["entries"] == [entry for entry in entries if entry not in fixed]
    removed, added = changed_lines(before, after)
    assert added == []
    assert len(removed) == 8  # the entry's braces and its six fields
    status, document = report(work, "archive", "--baseline", "baseline.json")
    assert (status, document["summary"]["stale_baseline"]) == (0, 0)
    again = lint(work, "archive", "--baseline", "baseline.json", "--prune-baseline")
    assert "needs no pruning" in again.stderr
    assert (work / "baseline.json").read_text(encoding="utf-8") == after


def test_entries_of_files_the_run_did_not_read_are_not_stale(work: Path) -> None:
    write_baseline(work, "archive")
    before = (work / "baseline.json").read_bytes()
    status, document = report(work, f"archive/{OLD}", "--baseline", "baseline.json")
    assert (status, document["findings"], document["summary"]["stale_baseline"]) == (0, [], 0)
    recent = work / "archive" / RECENT
    recent.unlink()
    recent.symlink_to(work / "gone.txt")
    done = lint(work, "archive", "--baseline", "baseline.json", "--prune-baseline")
    assert done.returncode == 2  # 004 cannot be read: its entries are kept
    assert "needs no pruning" in done.stderr
    assert (work / "baseline.json").read_bytes() == before


@pytest.mark.parametrize(
    "later", [["archive"], ["./archive"], [f"archive/{OLD}", f"archive//{RECENT}"], ["ABSOLUTE"]]
)
def test_paths_match_however_the_command_line_names_them(work: Path, later: list[str]) -> None:
    write_baseline(work, "archive/")
    paths = [str(work / "archive") if path == "ABSOLUTE" else path for path in later]
    status, document = report(work, *paths, "--baseline", "baseline.json")
    assert (status, document["findings"], document["summary"]["stale_baseline"]) == (0, [], 0)


@pytest.mark.parametrize(
    ("name", "cwd", "kept"),
    [
        ("./data//x.txt", "/work", "data/x.txt"),
        ("data/../data/x.txt", "/work", "data/x.txt"),
        ("/work/data/x.txt", "/work", "data/x.txt"),
        ("/workshop/x.txt", "/work", "/workshop/x.txt"),
        ("../x.txt", "/work", "../x.txt"),
        ("<stdin>", "/work", "<stdin>"),
    ],
)
def test_normal_path(name: str, cwd: str, kept: str) -> None:
    assert normal_path(name, cwd) == kept


def test_the_file_is_stable_sorted_json_without_the_tool_version(work: Path) -> None:
    baseline = write_baseline(work, "archive")
    first = (work / "baseline.json").read_bytes()
    write_baseline(work, "./archive")
    assert (work / "baseline.json").read_bytes() == first
    assert set(baseline) == {"version", "entries"} and baseline["version"] == "1.0.0"
    text = first.decode("utf-8")
    assert text == json.dumps(baseline, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    keys = [(e["path"], e["code"], e["text"], e["context"]) for e in baseline["entries"]]
    assert keys == sorted(keys) and len(set(keys)) == len(keys)
    assert "line" not in baseline["entries"][0]
    assert '"text": "с"' in text and "\\u0441" not in text  # letters as written, no escapes


def test_invisible_and_undecodable_text_is_escaped_and_still_matches(tmp_path: Path) -> None:
    body = article("03.03.2026, 14:12 100", "Title", "A zero\u200bwidth space and a bad byte ~.")
    (tmp_path / "odd.txt").write_bytes(body.encode("utf-8").replace(b"~", b"\xff"))
    write_baseline(tmp_path, "odd.txt")
    text = (tmp_path / "baseline.json").read_text(encoding="utf-8")
    assert "\u200b" not in text and "\\u200b" in text and "\\udcff" in text
    status, document = report(tmp_path, "odd.txt", "--baseline", "baseline.json")
    assert (status, document["findings"], document["summary"]["suppressed"]) == (0, [], 2)


BROKEN = [
    (b"{", "is not JSON: Expecting property name enclosed in double quotes (line 1, column 2)"),
    (b"[]", "is not a kzvalidate baseline: $: [] is not of type 'object'"),
    (
        b'{"version": "2.0.0", "entries": []}',
        "has format version '2.0.0', and this kzvalidate reads version 1.0.0: write it again "
        "with --write-baseline",
    ),
    (
        b'{"version": "1.0.0", "entries": [{"path": "a.txt", "code": "KZ101", '
        b'"name": "stray-text", "text": "", "context": "", "count": 0}]}',
        "is not a kzvalidate baseline: $.entries[0].count: 0 is less than the minimum of 1",
    ),
    (b'{"version": "1.0.0"}', "is not a kzvalidate baseline: $: 'entries' is a required property"),
    (b"\xff\xfe{}", "is not UTF-8 text"),
]


@pytest.mark.parametrize(("content", "message"), BROKEN)
def test_a_broken_baseline_is_one_error_line(work: Path, content: bytes, message: str) -> None:
    (work / "baseline.json").write_bytes(content)
    done = lint(work, "archive", "--baseline", "baseline.json")
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == f"kzvalidate: error: the baseline baseline.json {message}\n"


def test_a_missing_baseline_is_one_error_line(work: Path) -> None:
    done = lint(work, "archive", "--baseline", "missing.json")
    assert (done.returncode, done.stdout) == (2, "")
    expected = "kzvalidate: error: cannot read the baseline missing.json: no such file or directory"
    assert done.stderr == expected + "\n"


def test_a_baseline_that_cannot_be_written_is_one_error_line(work: Path) -> None:
    (work / "folder").mkdir()
    done = lint(work, "archive", "--write-baseline", "folder")
    assert done.returncode == 2
    expected = "kzvalidate: error: cannot write the baseline folder: is a directory, not a file\n"
    assert done.stderr == expected
    assert {path.name for path in work.iterdir()} == {"archive", "folder"}  # no temporary file


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (
            ["--write-baseline", "new.json", "--baseline", "baseline.json"],
            "--write-baseline writes every finding of the run, so it does not go with --baseline",
        ),
        (["--prune-baseline"], "--prune-baseline only goes with --baseline FILE"),
    ],
)
def test_options_that_do_not_go_together(work: Path, options: list[str], message: str) -> None:
    write_baseline(work, "archive")
    done = lint(work, "archive", *options)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr.startswith(f"kzvalidate: error: {message}")
    assert done.stderr.count("\n") == 1
    assert not (work / "new.json").exists()


def test_writing_a_baseline_with_an_unreadable_file_exits_2_and_writes_the_rest(
    work: Path,
) -> None:
    done = lint(work, "archive", "missing.txt", "--write-baseline", "baseline.json")
    assert done.returncode == 2
    assert "missing.txt: no such file or directory" in done.stderr
    entries = json.loads((work / "baseline.json").read_text(encoding="utf-8"))["entries"]
    assert {entry["path"] for entry in entries} == {f"archive/{OLD}", f"archive/{RECENT}"}


def test_fix_mends_baselined_findings_and_leaves_their_entries_stale(work: Path) -> None:
    """A baseline accepts a defect for the gate, it does not protect it: ``--fix`` is asked for
    by name, and a safe fix cannot be wrong, so it mends baselined findings too; their entries
    no longer occur and ``--prune-baseline`` drops them."""
    write_baseline(work, "archive")
    status, document = report(work, "archive", "--baseline", "baseline.json", "--fix")
    assert (status, document["findings"]) == (0, [])
    assert (document["summary"]["fixed"], document["summary"]["stale_baseline"]) == (1, 1)
    assert "regional court" in (work / "archive" / OLD).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    """The address of a LocalCluster with one single-threaded worker process."""
    with local_cluster(LocalCluster, workers=1) as cluster:
        address = cluster.scheduler_address
        assert isinstance(address, str)
        yield address


def test_the_dask_engine_suppresses_what_the_local_engine_does(work: Path, scheduler: str) -> None:
    """Split files (every task kind), a run rule (KZ501, a copy of seed 004) and stale entries:
    matching happens once, on the client, in run order. The workers read the files by their
    absolute path; the baseline's paths are relative to the working folder."""
    write_baseline(work, "archive")
    edit(work / "archive" / OLD, "regional сourt", "regional court")
    edit(work / "archive" / RECENT, "to protect children", "to prоtect children")
    shutil.copy(work / "archive" / RECENT, work / "archive" / "copy.txt")
    common = ["lint", str(work / "archive"), "--baseline", "baseline.json", "--format", "json"]
    local = run_cli(*common, cwd=work)
    dask = run_cli(
        *common, "--engine", "dask", "--scheduler", scheduler, "--chunk-bytes", "3000", cwd=work
    )
    assert (dask.returncode, dask.stdout, dask.stderr) == (1, local.stdout, local.stderr)
    summary = json.loads(local.stdout)["summary"]
    assert summary["suppressed"] > 0 and summary["stale_baseline"] == 1
    assert "KZ501" in summary["by_rule"]
