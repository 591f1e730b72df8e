"""The text report people read: severity words, article headings, plain lines when piped, the
summary, ``--quiet``, ``--statistics`` and ``--diff``, run as users run them."""

from __future__ import annotations

import io
import json
import os
import pty
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from kzvalidate.dump.dialects.kazakhstan_today import FOOTER
from kzvalidate.model import ArticleRef, Finding, Fix, Severity, Span
from kzvalidate.report.base import ReportOptions
from kzvalidate.report.diff import shown_line, unified_diff
from kzvalidate.report.text import TextReporter, heading_text
from kzvalidate.results import Summary
from tests.helpers import ROOT, SEED_000, SEED_004, SEEDS, run_cli

FINDING_LINE = re.compile(
    r"^(?P<path>\S+):(?P<line>\d+):(?P<column>\d+): (?P<severity>error|warning|info): "
    r"(?P<code>KZ\d{3}) (?P<name>[a-z0-9-]+): \S"
)
HEADING = "\u2500\u2500 "
HUNK = re.compile(r"^@@ -(\d+)(?:,(\d+))? \+\d+(?:,\d+)? @@$")
CLEAN = f"03.03.2026, 14:12 11421\nTitle of the article\nFirst paragraph.\n{FOOTER}\n"
BLANKS = (
    "\n03.03.2026, 14:12 11421\nTitle of the article\nFirst paragraph.  \n\n"
    f"Second\u00a0paragraph.\u00a0\n{FOOTER}\n"
)
"""A blank line before the first header and one inside the article, trailing blanks, and a
no-break space: findings outside an article, and lines that end in blanks."""


run = run_cli


def run_on_terminal(*args: str, env: dict[str, str] | None = None) -> str:
    """What ``kzvalidate ARGS`` writes when its standard output is a terminal (a pseudo-terminal
    here), with the terminal's CR LF line ends read back as LF."""
    environment = {k: v for k, v in os.environ.items() if k not in {"FORCE_COLOR", "NO_COLOR"}}
    environment.update({"TERM": "xterm-256color", **(env or {})})
    master, slave = pty.openpty()
    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen(
            [sys.executable, "-m", "kzvalidate", *args],
            stdin=subprocess.DEVNULL,
            stdout=slave,
            stderr=errors,
            cwd=ROOT,
            env=environment,
        )
        os.close(slave)
        chunks = []
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # EIO: the child closed the terminal
                break
            if not chunk:
                break
            chunks.append(chunk)
        process.wait()
        os.close(master)
        errors.seek(0)
        assert b"Traceback" not in errors.read()
    return b"".join(chunks).decode("utf-8").replace("\r\n", "\n")


def write(path: Path, content: str | bytes) -> Path:
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    return path


def finding_lines(out: str) -> list[re.Match[str]]:
    return [match for line in out.splitlines() if (match := FINDING_LINE.match(line))]


def json_findings(*args: str, cwd: Path = ROOT) -> list[dict[str, object]]:
    findings: list[dict[str, object]] = json.loads(run(*args, "-f", "json", cwd=cwd).stdout)[
        "findings"
    ]
    return findings


# -- severity words and the shape of a finding -----------------------------------------------


def test_every_finding_starts_with_its_place_and_severity_word() -> None:
    done = run("lint", "fixtures/seeds")
    assert done.returncode == 1
    shown = [
        (m["path"], int(m["line"]), int(m["column"]), m["severity"], m["code"])
        for m in finding_lines(done.stdout)
    ]
    expected = [
        (f["path"], f["line"], f["column"], f["severity"], f["code"])
        for f in json_findings("lint", "fixtures/seeds")
    ]
    assert shown == expected
    assert len(shown) == 23
    assert {severity for *_, severity, _ in shown} == {"error", "warning"}
    assert "fixtures/seeds/000_752030e2fc2ef886.txt:1:1: error: KZ101 stray-text: " in done.stdout


def test_the_hint_says_which_fix_level_mends_the_finding() -> None:
    out = run("lint", str(SEED_000)).stdout
    hints = [line for line in out.splitlines() if line.startswith("  = ")]
    assert hints and all(line.startswith("  = hint: ") for line in hints)
    assert any(line.endswith(" (fix: --fix --unsafe-fixes)") for line in hints)  # KZ101
    assert any(line.endswith(" (fix: --fix)") for line in hints)  # KZ301


def test_no_line_ends_in_a_blank_when_piped(tmp_path: Path) -> None:
    blanks = write(tmp_path / "blanks.txt", BLANKS)
    for args in [(), ("--show-context",), ("--statistics",)]:
        done = run("lint", str(SEEDS), str(blanks), "--isolated", *args)
        assert done.returncode == 1
        lines = done.stdout.splitlines()
        assert len(lines) > 10
        assert [line for line in lines if line != line.rstrip()] == []
        assert "\x1b[" not in done.stdout


def test_an_empty_line_and_trailing_blanks_are_shown_without_blanks(tmp_path: Path) -> None:
    out = run("lint", str(write(tmp_path / "blanks.txt", BLANKS)), "--isolated").stdout
    assert ":1:1: warning: KZ112 stray-blank-line: " in out
    assert "\n 1 |\n   | ^\n" in out
    assert "\n 4 | First paragraph.\u00b7\u00b7\n   |                 ^^\n" in out
    assert "\n 6 | Second\u00a0paragraph.\u00b7\n" in out


# -- article headings ------------------------------------------------------------------------


def test_show_context_heads_each_article_group(tmp_path: Path) -> None:
    done = run("lint", str(SEED_004), "--isolated", "--show-context", "--select", "KZ108,KZ305")
    lines = done.stdout.splitlines()
    headings = [line for line in lines if line.startswith(HEADING)]
    assert headings[0] == (
        "\u2500\u2500 23.05.2025 15:58 \u00b7 Children\u2019s Rights Ombudsman Zakiyeva "
        "entrusted with taking additional\u2026 (line 1)"
    )
    assert (
        "\u2500\u2500 23.05.2025 17:49 \u00b7 Almaty to build 35 km of ski tracks for "
        in (headings[1])
    )
    # Every finding comes after the heading of its own article.
    current = None
    for line in lines:
        if line.startswith(HEADING):
            current = int(line.rsplit("(line ", 1)[1].rstrip(")"))
        elif match := FINDING_LINE.match(line):
            assert current is not None and current <= int(match["line"])
    # A group that starts again (KZ305 comes after the file's other findings) gets its heading
    # again, after a blank line.
    assert lines.count(headings[0]) == 2
    assert lines[lines.index(headings[1]) - 1] == ""


def test_findings_outside_any_article_have_their_own_heading(tmp_path: Path) -> None:
    out = run("lint", str(write(tmp_path / "b.txt", BLANKS)), "--isolated", "--show-context")
    lines = out.stdout.splitlines()
    assert lines[0] == "\u2500\u2500 outside any article"
    assert ":1:1: warning: KZ112 stray-blank-line: " in lines[1]
    assert "\u2500\u2500 03.03.2026 14:12 \u00b7 Title of the article (line 2)" in lines


def test_context_is_off_by_default_when_piped() -> None:
    assert HEADING not in run("lint", str(SEED_004)).stdout
    assert HEADING in run("lint", str(SEED_004), "--show-context").stdout


def test_on_a_terminal_context_and_colour_are_on() -> None:
    out = run_on_terminal("lint", str(SEED_004), "--isolated")
    assert "\x1b[" in out
    assert HEADING in out
    plain = run_on_terminal("lint", str(SEED_004), "--isolated", "--no-show-context")
    assert HEADING not in plain
    assert "\x1b[" not in run_on_terminal("lint", str(SEED_004), env={"NO_COLOR": "1"})
    assert "\x1b[" not in run_on_terminal("lint", str(SEED_004), env={"TERM": "dumb"})


def test_heading_names_an_article_without_a_title() -> None:
    assert (
        heading_text(ArticleRef(7, "03.03.2026", "14:12"))
        == "03.03.2026 14:12 \u00b7 (no title) (line 7)"
    )
    assert heading_text(None) == "outside any article"
    long = ArticleRef(1, "03.03.2026", "14:12", "x" * 100 + "\x00")
    assert heading_text(long) == f"03.03.2026 14:12 \u00b7 {'x' * 69}\u2026 (line 1)"


# -- colour ------------------------------------------------------------------------------------


def test_force_color_colours_pipes_but_never_report_files(tmp_path: Path) -> None:
    report = tmp_path / "report.txt"
    done = run("lint", str(SEED_000), "-f", "text", "-o", str(report), env={"FORCE_COLOR": "1"})
    assert done.returncode == 1
    assert "\x1b[" not in report.read_text(encoding="utf-8")
    assert ": error: KZ101 stray-text: " in report.read_text(encoding="utf-8")
    forced = run("lint", str(SEED_000), env={"FORCE_COLOR": "1"}).stdout
    assert "\x1b[1;31merror:\x1b[0m" in forced
    assert (
        "\x1b[" not in run("lint", str(SEED_000), env={"FORCE_COLOR": "1", "NO_COLOR": "1"}).stdout
    )


# -- the summary -------------------------------------------------------------------------------


def test_summary_names_only_the_severities_that_occur(tmp_path: Path) -> None:
    out = run("lint", "fixtures/seeds").stdout
    assert "Found 23 findings (11 errors, 12 warnings) in 2 files, 18 articles.\n" in out
    assert "info" not in out.split("Found 23", 1)[1]
    warnings = run("lint", str(write(tmp_path / "b.txt", BLANKS)), "--isolated").stdout
    assert "Found 5 findings (5 warnings) in 1 file, 1 article.\n" in warnings
    clean = run("lint", str(write(tmp_path / "a.txt", CLEAN)))
    assert clean.stdout == "No findings in 1 file, 1 article.\n"


def test_summary_counts_what_the_fixes_would_remove(tmp_path: Path) -> None:
    """The counts are checked against what ``--fix`` and ``--fix --unsafe-fixes`` really remove,
    on copies of the seeds and of a file with several safe fixes."""
    for name, files in [("seeds", sorted(SEEDS.glob("*.txt"))), ("blanks", None)]:
        folder = tmp_path / name
        folder.mkdir()
        if files is None:
            write(folder / "blanks.txt", BLANKS)
        for path in files or ():
            shutil.copy(path, folder / path.name)
        before = len(json_findings("lint", ".", "--isolated", cwd=folder))
        out = run("lint", ".", "--isolated", cwd=folder).stdout
        safe, unsafe = fixable_counts(out)
        for level, expected in [((), safe), (("--unsafe-fixes",), safe + unsafe)]:
            copy = tmp_path / f"{name}-fixed{len(level)}"
            shutil.copytree(folder, copy)
            run("lint", ".", "--isolated", "--fix", *level, cwd=copy)
            after = len(json_findings("lint", ".", "--isolated", cwd=copy))
            assert before - after == expected, (name, level, out)
    assert fixable_counts(run("lint", "fixtures/seeds").stdout) == (1, 4)


def fixable_counts(out: str) -> tuple[int, int]:
    both = re.search(
        r"^(\d+) can be fixed with --fix, (\d+) more with --fix --unsafe-fixes\.$", out, re.M
    )
    if both:
        return int(both[1]), int(both[2])
    safe = re.search(r"^(\d+) can be fixed with --fix\.$", out, re.M)
    unsafe = re.search(r"^(\d+) can be fixed with --fix --unsafe-fixes\.$", out, re.M)
    return int(safe[1]) if safe else 0, int(unsafe[1]) if unsafe else 0


def test_after_fix_the_summary_offers_only_the_unsafe_fixes(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", SEED_000.read_bytes())
    out = run("lint", str(path), "--fix").stdout
    assert "Fixed 1 finding in 1 file.\n" in out
    assert "\n1 can be fixed with --fix --unsafe-fixes.\n" in out
    unsafe = run("lint", str(path), "--fix", "--unsafe-fixes").stdout
    assert "can be fixed" not in unsafe


def test_summary_says_what_the_baseline_accepted() -> None:
    out = io.StringIO()
    summary = Summary(files=1, articles=2, suppressed=3, stale_baseline=1)
    TextReporter(out, io.StringIO(), ReportOptions(baseline=True)).finish(summary)
    assert out.getvalue() == (
        "No findings in 1 file, 2 articles.\n"
        "3 findings are in the baseline and not shown.\n"
        "1 baseline entry no longer occurs: --prune-baseline removes it.\n"
    )
    out = io.StringIO()
    TextReporter(out, io.StringIO()).finish(Summary(files=1, stale_baseline=2))
    assert "2 baseline entries no longer occur: --prune-baseline removes them.\n" in out.getvalue()


def test_summary_counts_files_that_could_not_be_read(tmp_path: Path) -> None:
    done = run("lint", str(tmp_path / "missing.txt"), str(SEED_004))
    assert done.returncode == 2
    assert "in 2 files, 1 could not be read, 9 articles.\n" in done.stdout


# -- quiet and statistics ----------------------------------------------------------------------


def test_quiet_prints_the_findings_only() -> None:
    loud = run("lint", "fixtures/seeds").stdout
    quiet = run("lint", "fixtures/seeds", "--quiet")
    assert quiet.returncode == 1
    assert loud.startswith(quiet.stdout)
    assert "Found" not in quiet.stdout and "can be fixed" not in quiet.stdout
    assert len(finding_lines(quiet.stdout)) == 23


def test_statistics_prints_counts_per_rule_instead_of_the_findings() -> None:
    done = run("lint", "fixtures/seeds", "--statistics")
    assert done.returncode == 1
    assert done.stdout == (
        "     9  KZ108 missing-footer\n"
        "     7  KZ303 unbalanced-quotes\n"
        "     3  KZ305 inconsistent-spelling  (fix: --fix --unsafe-fixes)\n"
        "     2  KZ503 out-of-order\n"
        "     1  KZ101 stray-text             (fix: --fix --unsafe-fixes)\n"
        "     1  KZ301 mixed-script-word      (fix: --fix)\n"
        "Found 23 findings (11 errors, 12 warnings) in 2 files, 18 articles.\n"
        "1 can be fixed with --fix, 4 more with --fix --unsafe-fixes.\n"
    )
    quiet = run("lint", "fixtures/seeds", "--statistics", "--quiet").stdout
    assert quiet.splitlines() == done.stdout.splitlines()[:6]


def test_statistics_marks_a_rule_whose_findings_take_different_fixes() -> None:
    out = io.StringIO()
    reporter = TextReporter(out, io.StringIO(), ReportOptions(statistics=True, quiet=True))
    summary = Summary()
    for fix in [
        Fix.delete("d", Span(1, 1, 1, 2)),
        Fix.delete("d", Span(1, 1, 1, 2), safe=False),
        None,
    ]:
        found = Finding(
            "a.txt", 1, 1, 1, 2, "KZ109", "misspelled-footer", Severity.ERROR, "m", fix=fix
        )
        reporter.finding(found)
        summary.count(found)
    reporter.finish(summary)
    assert out.getvalue() == (
        "     3  KZ109 misspelled-footer  (fix: 1 with --fix, 1 with --fix --unsafe-fixes)\n"
    )


# -- --diff ------------------------------------------------------------------------------------


def apply_diff(original: bytes, diff: str) -> bytes:
    """Apply one file's unified diff (difflib's shape) to ``original``: each context and removed
    line must be there as the diff says."""
    lines = original.decode("utf-8").splitlines(keepends=True)
    result: list[str] = []
    position = 0
    hunks = diff.splitlines(keepends=True)[2:]
    for row in hunks:
        header = HUNK.match(row.rstrip("\n"))
        if header:
            start = int(header[1]) if header[2] == "0" else int(header[1]) - 1
            result.extend(lines[position:start])
            position = start
        elif row[0] == "+":
            result.append(row[1:])
        else:
            assert lines[position] == row[1:], (position, row)
            if row[0] == " ":
                result.append(row[1:])
            position += 1
    return "".join(result + lines[position:]).encode("utf-8")


def file_diffs(out: str) -> dict[str, str]:
    """Each file's diff in ``out``, by the path after ``b/``."""
    parts = re.split(r"^(?=--- a/)", out, flags=re.M)
    diffs = {}
    for part in filter(None, parts):
        second = part.splitlines()[1]
        assert second.startswith("+++ b/")
        diffs[second.removeprefix("+++ b/")] = part
    return diffs


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {path.name: (path.read_bytes(), path.stat().st_mtime_ns) for path in folder.iterdir()}


def test_diff_writes_nothing_and_shows_what_fix_would_write(tmp_path: Path) -> None:
    dry, wet = tmp_path / "dry", tmp_path / "wet"
    for folder in (dry, wet):
        shutil.copytree(SEEDS, folder / "seeds")
    before = snapshot(dry / "seeds")
    done = run("lint", "seeds", "--diff", "--unsafe-fixes", cwd=dry)
    assert done.returncode == 1, done.stderr
    assert snapshot(dry / "seeds") == before
    assert sorted((dry / "seeds").iterdir()) == sorted(dry / "seeds" / name for name in before)
    assert done.stderr == "kzvalidate: would fix 5 findings in 2 files; nothing was written\n"
    assert run("lint", "seeds", "--fix", "--unsafe-fixes", cwd=wet).returncode == 1
    diffs = file_diffs(done.stdout)
    assert sorted(diffs) == [f"seeds/{path.name}" for path in sorted(SEEDS.glob("*.txt"))]
    for name, diff in diffs.items():
        assert diff.startswith(f"--- a/{name}\n+++ b/{name}\n@@ ")
        assert apply_diff((dry / name).read_bytes(), diff) == (wet / name).read_bytes()


def test_diff_alone_shows_the_safe_fixes() -> None:
    done = run("lint", str(SEED_000), "--diff")
    assert done.returncode == 1
    assert "-Among the appointments:" in done.stdout
    assert "- date 2026-03-04" not in done.stdout  # an unsafe fix
    assert done.stderr == "kzvalidate: would fix 1 finding in 1 file; nothing was written\n"
    assert run("lint", str(SEED_000), "--diff", "--fix").stdout == done.stdout


def test_diff_shows_line_endings_and_hidden_characters_readably(tmp_path: Path) -> None:
    path = write(
        tmp_path / "x.txt", b"03.03.2026, 14:12 1\r\nTitle\twith tab  \r\nA\xe9 b\xc2\xa0c.\r\nend"
    )
    done = run("lint", "x.txt", "--diff", "--isolated", cwd=tmp_path)
    assert done.returncode == 1
    assert done.stdout == (
        "--- a/x.txt\n"
        "+++ b/x.txt\n"
        "@@ -1,4 +1,4 @@\n"
        "-03.03.2026, 14:12 1\u240d\u240a\n"
        "-Title\u2409with tab\u00b7\u00b7\u240d\u240a\n"
        "-A\u27e80xE9\u27e9 b\u27e8NBSP\u27e9c.\u240d\u240a\n"
        "+03.03.2026, 14:12 1\n"
        "+Title with tab\n"
        "+A\u27e80xE9\u27e9 b c.\n"
        " end\n"
        "\\ No newline at end of file\n"
    )
    assert path.read_bytes().startswith(b"03.03.2026, 14:12 1\r\n")


def test_diff_with_nothing_to_fix_exits_zero(tmp_path: Path) -> None:
    done = run("lint", str(write(tmp_path / "a.txt", CLEAN)), str(SEED_004), "--diff")
    assert done.returncode == 0
    assert done.stdout == ""
    assert done.stderr == "kzvalidate: nothing to fix in 2 files\n"
    assert run("lint", str(SEED_000), "--diff", "--exit-zero").returncode == 0
    assert run("lint", str(SEED_000), "--diff", "--quiet").stderr == ""


def test_diff_reads_standard_input() -> None:
    done = run("lint", "-", "--diff", "--stdin-filename", "dump.txt", stdin=SEED_000.read_bytes())
    assert done.returncode == 1
    assert done.stdout.startswith("--- a/dump.txt\n+++ b/dump.txt\n")
    assert run("lint", "-", "--fix", stdin=CLEAN.encode()).returncode == 2


def test_diff_refuses_what_it_cannot_do(tmp_path: Path) -> None:
    for args in [("-f", "json"), ("-o", str(tmp_path / "r.json")), ("--engine", "dask")]:
        done = run("lint", str(SEED_000), "--diff", *args)
        assert done.returncode == 2
        assert done.stderr.startswith("kzvalidate: error: --")
        assert len(done.stderr.splitlines()) == 1
    assert not (tmp_path / "r.json").exists()
    alone = run("lint", str(SEED_000), "--unsafe-fixes")
    assert alone.returncode == 2
    assert "--unsafe-fixes only goes with --fix or --diff" in alone.stderr


def test_diff_lines_show_what_a_terminal_hides() -> None:
    assert unified_diff("a.txt", b"x\n", b"x\n") == ""
    assert unified_diff("/abs/a.txt", b"x\n", b"y\n") == (
        "--- a/abs/a.txt\n+++ b/abs/a.txt\n@@ -1 +1 @@\n-x\n+y\n"
    )
    assert shown_line(b"a\x00\x7f\xef\xbb\xbf\r") == "a\u2400\u2421\u27e8BOM\u27e9\u240d\n"
    assert shown_line("\u2028 \u200b\n".encode()) == "\u27e8U+2028\u27e9 \u27e8ZWSP\u27e9\n"
    assert shown_line(b"end") == "end\n\\ No newline at end of file\n"
