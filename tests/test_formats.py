"""The CI formats, SARIF, GitHub annotations, JUnit XML and GitLab code quality, and the command
line that writes several reports in one run.

SARIF and JUnit reports are validated against the official schemas, copied into
``fixtures/specs/`` so that a clean clone can run these tests.
"""

from __future__ import annotations

import io
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote_to_bytes

import pytest
import xmlschema
from jsonschema import Draft4Validator

from kzvalidate.check.engine import Linter
from kzvalidate.check.run import lint_run
from kzvalidate.dump.dialects.kazakhstan_today import FOOTER
from kzvalidate.model import ArticleRef, Finding, Severity
from kzvalidate.report import LINT
from kzvalidate.report.base import Reporter, ReportOptions
from kzvalidate.report.sarif import artifact_uri
from kzvalidate.results import Summary
from kzvalidate.rules import RULES, select
from kzvalidate.rules.base import AnyRule
from kzvalidate.source.discovery import Target
from tests.helpers import ROOT, SEED_000, SEEDS, run_cli

SPECS = ROOT / "fixtures" / "specs"
HEADER = "03.03.2026, 14:12 11421"
LOOKALIKE = "The \u0441ourt ruled on Monday."
"""A paragraph with a Cyrillic look-alike in a Latin word (KZ301, safe fix)."""


def dump(*paragraphs: str, header: str = HEADER, title: str = "Title of the article") -> str:
    return "\n".join([header, title, *paragraphs, FOOTER]) + "\n"


@cache
def sarif_validator() -> Draft4Validator:
    schema = json.loads((SPECS / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    return Draft4Validator(schema)


@cache
def junit_schema() -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(str(SPECS / "junit-windyroad.xsd"))


def valid_sarif(text: str) -> dict[str, Any]:
    log: dict[str, Any] = json.loads(text)
    errors = [f"{list(e.path)}: {e.message}" for e in sarif_validator().iter_errors(log)]
    assert errors == []
    return log


def valid_junit(text: str) -> ET.Element:
    junit_schema().validate(text)
    return ET.fromstring(text)


def files(tmp_path: Path, contents: dict[str, str | bytes]) -> list[Target]:
    """Each content written to ``tmp_path`` under its name, as a target shown by that name."""
    targets = []
    for name, content in contents.items():
        path = tmp_path / name
        path.write_bytes(content.encode() if isinstance(content, str) else content)
        targets.append(Target(path, name))
    return targets


def report(
    format_name: str,
    targets: Sequence[Target],
    rules: Sequence[AnyRule] | None = None,
    baseline: bool = False,
) -> str:
    """The report of one run in one format, as the command line wires it."""
    chosen = list(rules) if rules is not None else select()
    out = io.StringIO()
    options = ReportOptions(rules=chosen, baseline=baseline)
    reporter: Reporter = LINT.load(format_name)(out, io.StringIO(), options)
    reporter.start()
    summary = lint_run(Linter(chosen), targets, sink=reporter.finding, on_file=reporter.file)
    reporter.finish(summary)
    return out.getvalue()


def report_findings(
    format_name: str, findings: Sequence[Finding], errors: Sequence[tuple[str, str]] = ()
) -> str:
    """The report of findings made by hand (hostile paths and messages)."""
    out = io.StringIO()
    reporter: Reporter = LINT.load(format_name)(out, io.StringIO(), ReportOptions())
    reporter.start()
    for finding in findings:
        reporter.finding(finding)
    reporter.finish(Summary(files=1, errors=list(errors)))
    return out.getvalue()


def finding(path: str = "a.txt", message: str = "a message", **fields: Any) -> Finding:
    values: dict[str, Any] = {
        "line": 3,
        "column": 5,
        "end_line": 3,
        "end_column": 9,
        "code": "KZ301",
        "name": "mixed-script-word",
        "severity": Severity.ERROR,
        "line_text": "The \u0441ourt ruled on Monday.",
    }
    values.update(fields)
    return Finding(path=path, message=message, **values)


# -- SARIF ---------------------------------------------------------------------------------------


def test_sarif_of_the_seeds_is_valid_and_says_what_the_json_report_says() -> None:
    done = run_cli("lint", str(SEEDS.relative_to(ROOT)), "--format", "sarif", "--isolated")
    assert done.returncode == 1
    log = valid_sarif(done.stdout)
    json_report = json.loads(
        run_cli("lint", str(SEEDS.relative_to(ROOT)), "--format", "json", "--isolated").stdout
    )
    [run] = log["runs"]
    assert run["columnKind"] == "unicodeCodePoints"
    assert run["tool"]["driver"]["name"] == "kzvalidate"
    descriptors = run["tool"]["driver"]["rules"]
    assert [d["id"] for d in descriptors] == [r.code for r in select()]
    places = [
        (
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            r["locations"][0]["physicalLocation"]["region"]["startLine"],
            r["locations"][0]["physicalLocation"]["region"]["startColumn"],
            r["locations"][0]["physicalLocation"]["region"]["endLine"],
            r["locations"][0]["physicalLocation"]["region"]["endColumn"],
            r["ruleId"],
            r["message"]["text"],
        )
        for r in run["results"]
    ]
    assert places == [
        (f["path"], f["line"], f["column"], f["end_line"], f["end_column"], f["code"], f["message"])
        for f in json_report["findings"]
    ]
    for result in run["results"]:
        assert descriptors[result["ruleIndex"]]["id"] == result["ruleId"]
    prints = [r["partialFingerprints"]["kzvalidate/v1"] for r in run["results"]]
    assert len(set(prints)) == len(prints)
    assert run["invocations"] == [{"executionSuccessful": True}]


def test_sarif_result_of_stray_text_has_its_snippet_article_and_unsafe_fix() -> None:
    log = valid_sarif(report("sarif", [Target(SEED_000, "seeds/000.txt")]))
    [stray] = [r for r in log["runs"][0]["results"] if r["ruleId"] == "KZ101"]
    assert stray["level"] == "error"
    region = stray["locations"][0]["physicalLocation"]["region"]
    assert region == {
        "startLine": 1,
        "startColumn": 1,
        "endLine": 1,
        "endColumn": 18,
        "snippet": {"text": " date 2026-03-04 "},
    }
    [fix] = stray["fixes"]
    assert fix["properties"] == {"safe": False}
    [change] = fix["artifactChanges"]
    assert change["artifactLocation"] == {"uri": "seeds/000.txt"}
    assert change["replacements"] == [{"deletedRegion": {k: region[k] for k in list(region)[:4]}}]
    assert stray["properties"]["article"]["date"] == "03.03.2026"
    assert stray["properties"]["article"]["title"].startswith("Kazakh Interior Ministry")
    assert "baselineState" not in stray


def test_sarif_rule_descriptors_carry_the_rule_documentation() -> None:
    log = valid_sarif(report("sarif", [], rules=[RULES["KZ101"], RULES["KZ303"]]))
    stray, quotes = log["runs"][0]["tool"]["driver"]["rules"]
    assert stray["id"] == "KZ101" and stray["name"] == "stray-text"
    assert stray["shortDescription"] == {"text": RULES["KZ101"].summary}
    full = stray["fullDescription"]["text"]
    assert full.startswith("Scrapers leave debris before the first article")
    assert "Fails" in full and "Passes" in full and "``" not in full
    assert stray["help"]["text"].startswith("KZ101 stray-text\n")
    assert "Fix: unsafe, applied by --fix --unsafe-fixes" in stray["help"]["text"]
    assert "```" in stray["help"]["markdown"]
    assert stray["defaultConfiguration"] == {"level": "error"}
    assert stray["properties"]["fixable"] is True
    assert stray["properties"]["fixSafety"] == "unsafe"
    assert quotes["defaultConfiguration"] == {"level": "warning"}
    assert quotes["properties"]["fixable"] is False


def apply_sarif_fixes(text: str, results: list[dict[str, Any]], safe_only: bool = True) -> str:
    """The text with every (safe) SARIF fix of the results applied, last first."""
    lines = text.splitlines(keepends=True)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))

    def offset(line: int, column: int) -> int:
        return starts[line - 1] + column - 1

    edits = []
    for result in results:
        for fix in result.get("fixes", []):
            if safe_only and not fix["properties"]["safe"]:
                continue
            for change in fix["artifactChanges"]:
                for replacement in change["replacements"]:
                    region = replacement["deletedRegion"]
                    start = offset(region["startLine"], region["startColumn"])
                    end = offset(region["endLine"], region["endColumn"])
                    inserted = replacement.get("insertedContent", {}).get("text", "")
                    edits.append((start, end, inserted))
    for start, end, inserted in sorted(edits, reverse=True):
        text = text[:start] + inserted + text[end:]
    return text


def test_sarif_fixes_mend_the_file_as_fix_does(tmp_path: Path) -> None:
    text = dump(LOOKALIKE + " ").replace(HEADER + "\n", HEADER + "\r\n")
    path = tmp_path / "a.txt"
    path.write_bytes(text.encode())
    target = Target(path, "a.txt")
    log = valid_sarif(report("sarif", [target]))
    results = log["runs"][0]["results"]
    assert {r["ruleId"] for r in results} >= {"KZ003", "KZ006", "KZ301"}
    assert all("fixes" in r for r in results if RULES[r["ruleId"]].fixable)
    mended = apply_sarif_fixes(text, results)
    done = run_cli("lint", str(path), "--fix", "--isolated")
    assert done.returncode == 0, done.stdout
    assert mended == path.read_bytes().decode()
    assert "\u0441" not in mended and "\r" not in mended


def test_sarif_columns_count_code_points_not_utf16_units(tmp_path: Path) -> None:
    [target] = files(tmp_path, {"a.txt": dump("\U0001f600 \u0441at")})
    log = valid_sarif(report("sarif", [target], rules=[RULES["KZ301"]]))
    [result] = log["runs"][0]["results"]
    region = result["locations"][0]["physicalLocation"]["region"]
    assert (region["startColumn"], region["endColumn"], region["snippet"]) == (
        3,
        4,
        {"text": "\u0441"},
    )


def test_sarif_run_with_a_file_that_cannot_be_read(tmp_path: Path) -> None:
    [clean] = files(tmp_path, {"clean.txt": dump("First paragraph.")})
    missing = Target(tmp_path / "missing.txt", "gone/missing.txt")
    log = valid_sarif(report("sarif", [clean, missing]))
    [invocation] = log["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is False
    [note] = invocation["toolExecutionNotifications"]
    assert note["level"] == "error"
    assert note["message"]["text"] == "gone/missing.txt: no such file or directory"
    assert note["locations"][0]["physicalLocation"]["artifactLocation"] == {
        "uri": "gone/missing.txt"
    }


def test_sarif_run_without_findings(tmp_path: Path) -> None:
    log = valid_sarif(report("sarif", files(tmp_path, {"a.txt": dump("First paragraph.")})))
    [run] = log["runs"]
    assert run["results"] == []
    assert run["invocations"] == [{"executionSuccessful": True}]
    assert len(run["tool"]["driver"]["rules"]) == len(select())


def test_sarif_with_a_baseline_marks_every_result_new(tmp_path: Path) -> None:
    targets = files(tmp_path, {"a.txt": dump(LOOKALIKE, "Another \u0441ourt.")})
    log = valid_sarif(report("sarif", targets, baseline=True))
    results = log["runs"][0]["results"]
    assert len(results) == 2
    assert {r["baselineState"] for r in results} == {"new"}


def test_sarif_after_a_baseline_reports_only_the_new_finding(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(dump(LOOKALIKE), encoding="utf-8")
    baseline = tmp_path / "baseline.json"
    assert run_cli("lint", "a.txt", "--write-baseline", str(baseline), cwd=tmp_path).returncode == 0
    path.write_text(dump("Intro.", LOOKALIKE, "The \u0441ity"), encoding="utf-8")
    done = run_cli("lint", "a.txt", "--baseline", str(baseline), "-f", "sarif", cwd=tmp_path)
    assert done.returncode == 1
    [result] = valid_sarif(done.stdout)["runs"][0]["results"]
    assert result["baselineState"] == "new"
    assert result["locations"][0]["physicalLocation"]["region"]["startLine"] == 5


def test_sarif_describes_a_rule_that_was_not_selected_when_it_reports() -> None:
    found = finding(code="KZ108", name="missing-footer")
    out = io.StringIO()
    reporter = LINT.load("sarif")(out, io.StringIO(), ReportOptions(rules=[RULES["KZ101"]]))
    reporter.start()
    reporter.finding(found)
    reporter.finish(Summary())
    run = valid_sarif(out.getvalue())["runs"][0]
    assert [d["id"] for d in run["tool"]["driver"]["rules"]] == ["KZ101", "KZ108"]
    assert run["results"][0]["ruleIndex"] == 1


@pytest.mark.parametrize(
    ("path", "uri"),
    [
        ("fixtures/seeds/a.txt", "fixtures/seeds/a.txt"),
        ("dumps/a b#1%.txt", "dumps/a%20b%231%25.txt"),
        ("c:d.txt", "c%3Ad.txt"),
        ("<stdin>", "%3Cstdin%3E"),
        ("Қазақ.txt", "%D2%9A%D0%B0%D0%B7%D0%B0%D2%9B.txt"),
        ("bad\udcffname.txt", "bad%FFname.txt"),
    ],
)
def test_sarif_uris_are_percent_encoded_relative_references(path: str, uri: str) -> None:
    assert artifact_uri(path) == uri
    assert unquote_to_bytes(uri) == path.encode("utf-8", "surrogateescape")


def test_sarif_of_hostile_text_is_valid_and_shows_undecodable_bytes_as_ufffd() -> None:
    hostile = finding(
        path="d,i:r/%0A\n.txt",
        message='"quoted" \\ \x1b[31m \udcff',
        line_text="bad \udcff byte",
        column=5,
        end_column=6,
    )
    log = valid_sarif(report_findings("sarif", [hostile]))
    [result] = log["runs"][0]["results"]
    assert result["message"]["text"] == '"quoted" \\ \x1b[31m \ufffd'
    assert result["locations"][0]["physicalLocation"]["region"]["snippet"] == {"text": "\ufffd"}


# -- GitHub --------------------------------------------------------------------------------------

COMMAND = re.compile(r"::(error|warning|notice) ([^:]*)::(.*)")


def unescape(text: str) -> str:
    """What the runner reads back from an escaped value."""
    for escaped, char in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        text = text.replace(escaped, char)
    return text


def parse_command(line: str) -> tuple[str, dict[str, str], str]:
    match = COMMAND.fullmatch(line)
    assert match is not None, line
    properties = dict(field.split("=", 1) for field in match[2].split(","))
    return match[1], {key: unescape(value) for key, value in properties.items()}, unescape(match[3])


def test_github_annotations_of_the_seeds() -> None:
    done = run_cli("lint", "fixtures/seeds", "--format", "github", "--isolated")
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    expected = json.loads(
        run_cli("lint", "fixtures/seeds", "--format", "json", "--isolated").stdout
    )["findings"]
    assert len(lines) == len(expected)
    assert lines[0].startswith(
        "::error file=fixtures/seeds/000_752030e2fc2ef886.txt,line=1,col=1,endLine=1,"
        "endColumn=18,title=KZ101 stray-text::"
    )
    levels = {"error": "error", "warning": "warning", "info": "notice"}
    for line, wanted in zip(lines, expected, strict=True):
        level, properties, message = parse_command(line)
        assert level == levels[wanted["severity"]]
        assert properties["file"] == wanted["path"]
        assert properties["title"] == f"{wanted['code']} {wanted['name']}"
        assert int(properties["line"]) == wanted["line"]
        assert message.startswith(wanted["message"])


def test_github_escapes_hostile_paths_and_messages() -> None:
    hostile = finding(
        path="dir,one/a:b%25\r\nc.txt",
        message="50% off, at 10:00\r\n::error::injected",
        hint="say: less",
    )
    [line] = report_findings("github", [hostile]).splitlines()
    assert line == (
        "::error file=dir%2Cone/a%3Ab%2525%0D%0Ac.txt,line=3,col=5,endLine=3,endColumn=9,"
        "title=KZ301 mixed-script-word::"
        "50%25 off, at 10:00%0D%0A::error::injected%0Ahint: say: less"
    )
    level, properties, message = parse_command(line)
    assert level == "error"
    assert properties["file"] == "dir,one/a:b%25\r\nc.txt"
    assert message == "50% off, at 10:00\r\n::error::injected\nhint: say: less"


def test_github_leaves_out_columns_of_a_finding_over_several_lines() -> None:
    over = finding(severity=Severity.WARNING, end_line=5, end_column=1)
    [line] = report_findings("github", [over]).splitlines()
    assert line.startswith("::warning file=a.txt,line=3,endLine=5,title=KZ301 mixed-script-word::")


def test_github_info_is_a_notice() -> None:
    [line] = report_findings("github", [finding(severity=Severity.INFO)]).splitlines()
    assert line.startswith("::notice file=a.txt,")


def test_github_file_error_is_an_error_annotation_on_the_file(tmp_path: Path) -> None:
    done = run_cli("lint", "gone, really: yes.txt", "--format", "github", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stdout == "::error file=gone%2C really%3A yes.txt::no such file or directory\n"
    assert done.stderr == "kzvalidate: error: gone, really: yes.txt: no such file or directory\n"


# -- JUnit ---------------------------------------------------------------------------------------


def test_junit_of_the_seeds_is_valid_one_suite_per_file() -> None:
    done = run_cli("lint", "fixtures/seeds", "--format", "junit", "--isolated")
    assert done.returncode == 1
    root = valid_junit(done.stdout)
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [
        f"fixtures/seeds/{p.name}" for p in sorted(SEEDS.glob("*.txt"))
    ]
    expected = json.loads(
        run_cli("lint", "fixtures/seeds", "--format", "json", "--isolated").stdout
    )["findings"]
    cases = [case for suite in suites for case in suite.findall("testcase")]
    assert sorted(c.get("name") or "" for c in cases) == sorted(
        f"{f['code']} {f['name']} at {f['line']}:{f['column']}" for f in expected
    )
    for suite in suites:
        assert suite.get("tests") == suite.get("failures") == str(len(suite.findall("testcase")))
        assert suite.get("errors") == "0"
        assert all(c.get("classname") == suite.get("name") for c in suite.findall("testcase"))


def test_junit_failure_shows_the_finding_its_article_and_line() -> None:
    root = valid_junit(report("junit", [Target(SEED_000, "000.txt")]))
    [case] = [c for c in root.iter("testcase") if (c.get("name") or "").startswith("KZ101")]
    failure = case.find("failure")
    assert failure is not None
    assert failure.get("type") == "KZ101"
    assert failure.get("message") == "stray text ' date 2026-03-04 ' before the header date"
    details = failure.text or ""
    assert details.startswith("in the article 03.03.2026 14:12")
    assert " 1 |  date 2026-03-04 03.03.2026, 14:12 11421\n   | ^^^^^^^^^^^^^^^^^\n" in details


def test_junit_run_rule_findings_join_their_file_suite() -> None:
    root = valid_junit(report("junit", [Target(SEED_000, "000.txt")], rules=[RULES["KZ503"]]))
    [suite] = root.findall("testsuite")
    names = [c.get("name") for c in suite.findall("testcase")]
    assert names and all((name or "").startswith("KZ503 out-of-order") for name in names)


def test_junit_clean_file_passes_and_unreadable_file_errors(tmp_path: Path) -> None:
    [clean] = files(tmp_path, {"clean.txt": dump("First paragraph.")})
    missing = Target(tmp_path / "missing.txt", "missing.txt")
    root = valid_junit(report("junit", [clean, missing]))
    passing, unreadable = root.findall("testsuite")
    [case] = passing.findall("testcase")
    assert list(case) == []
    assert (passing.get("tests"), passing.get("failures"), passing.get("errors")) == ("1", "0", "0")
    [error_case] = unreadable.findall("testcase")
    error = error_case.find("error")
    assert error is not None and error.get("message") == "no such file or directory"
    assert (unreadable.get("tests"), unreadable.get("errors")) == ("1", "1")
    assert [s.get("id") for s in root.findall("testsuite")] == ["0", "1"]


def test_junit_shows_characters_xml_cannot_hold(tmp_path: Path) -> None:
    text = dump("Null\x00 here, \x01 there, \ufffe and a bad byte: BAD").encode()
    text = text.replace(b"BAD", b"\xff")
    targets = files(tmp_path, {"bad\x1bname.txt": text})
    output = report("junit", targets)
    root = valid_junit(output)
    [suite] = root.findall("testsuite")
    assert suite.get("name") == "bad\u241bname.txt"
    details = "".join(f.text or "" for f in root.iter("failure"))
    assert "\u2400" in details and "\u2401" in details and "\ufffd" in details
    assert {f.get("type") for f in root.iter("failure")} >= {"KZ001", "KZ004"}


# -- GitLab --------------------------------------------------------------------------------------


def test_gitlab_report_of_the_seeds() -> None:
    done = run_cli("lint", "fixtures/seeds", "--format", "gitlab", "--isolated")
    assert done.returncode == 1
    issues = json.loads(done.stdout)
    expected = json.loads(
        run_cli("lint", "fixtures/seeds", "--format", "json", "--isolated").stdout
    )["findings"]
    severities = {"error": "major", "warning": "minor", "info": "info"}
    assert [
        (i["check_name"], i["severity"], i["location"]["path"], i["location"]["lines"]["begin"])
        for i in issues
    ] == [(f["code"], severities[f["severity"]], f["path"], f["line"]) for f in expected]
    first = issues[0]
    assert first["description"] == (
        "KZ101 stray-text: stray text ' date 2026-03-04 ' before the header date"
    )
    assert first["location"]["positions"] == {
        "begin": {"line": 1, "column": 1},
        "end": {"line": 1, "column": 18},
    }
    fingerprints = [i["fingerprint"] for i in issues]
    assert len(set(fingerprints)) == len(fingerprints)


def test_gitlab_fingerprints_are_unique_and_survive_lines_added_above(tmp_path: Path) -> None:
    before = dump(LOOKALIKE, LOOKALIKE)
    after = dump("An unrelated paragraph.", title="Another article") + before
    [first] = files(tmp_path, {"a.txt": before})
    first_issues = json.loads(report("gitlab", [first]))
    [second] = files(tmp_path, {"a.txt": after})
    second_issues = json.loads(report("gitlab", [second]))
    assert [i["location"]["lines"]["begin"] for i in first_issues] == [3, 4]
    assert [i["location"]["lines"]["begin"] for i in second_issues] == [7, 8]
    prints = [i["fingerprint"] for i in first_issues]
    assert len(set(prints)) == 2
    assert [i["fingerprint"] for i in second_issues] == prints


def test_gitlab_file_error_is_a_critical_issue(tmp_path: Path) -> None:
    issues = json.loads(report("gitlab", [Target(tmp_path / "x.txt", "x.txt")]))
    [issue] = issues
    assert issue["severity"] == "critical"
    assert issue["check_name"] == "read-error"
    assert issue["description"] == "x.txt could not be linted: no such file or directory"
    assert issue["location"] == {"path": "x.txt", "lines": {"begin": 1}}


def test_gitlab_report_without_findings_is_an_empty_array(tmp_path: Path) -> None:
    assert json.loads(report("gitlab", files(tmp_path, {"a.txt": dump("Text.")}))) == []


# -- several reports in one run ------------------------------------------------------------------


def test_two_report_files_and_the_text_report_in_one_run(tmp_path: Path) -> None:
    seeds = str(SEEDS)
    formats = ("--format", "sarif", "-o", "a.sarif", "-f", "junit", "-o", "b.xml")
    done = run_cli("lint", seeds, *formats, cwd=tmp_path)
    assert done.returncode == 1
    assert "000_752030e2fc2ef886.txt:1:1:" in done.stdout
    assert "KZ101" in done.stdout
    log = valid_sarif((tmp_path / "a.sarif").read_text(encoding="utf-8"))
    root = valid_junit((tmp_path / "b.xml").read_text(encoding="utf-8"))
    assert len(log["runs"][0]["results"]) == len(list(root.iter("failure")))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.sarif", "b.xml"]


def test_the_suffix_tells_the_format(tmp_path: Path) -> None:
    done = run_cli("lint", str(SEED_000), "-o", "report.sarif", "-o", "report.xml", cwd=tmp_path)
    assert done.returncode == 1
    assert "KZ101" in done.stdout
    valid_sarif((tmp_path / "report.sarif").read_text(encoding="utf-8"))
    valid_junit((tmp_path / "report.xml").read_text(encoding="utf-8"))


def test_gitlab_report_file_needs_its_format(tmp_path: Path) -> None:
    name = "gl-code-quality-report.json"
    done = run_cli("lint", str(SEED_000), "--format", "gitlab", "-o", name, cwd=tmp_path)
    assert done.returncode == 1
    issues = json.loads((tmp_path / name).read_text(encoding="utf-8"))
    assert isinstance(issues, list) and issues[0]["check_name"] == "KZ101"


def test_two_formats_for_standard_output_is_one_usage_error(tmp_path: Path) -> None:
    done = run_cli("lint", str(SEED_000), "--format", "sarif", "--format", "junit", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stdout == ""
    [line] = done.stderr.splitlines()
    assert line.startswith("kzvalidate: error: only one report can go to standard output")
    assert list(tmp_path.iterdir()) == []


def test_exit_zero_with_errors_found(tmp_path: Path) -> None:
    done = run_cli(
        "lint", str(SEED_000), "--exit-zero", "-f", "sarif", "-o", "a.sarif", cwd=tmp_path
    )
    assert done.returncode == 0
    log = valid_sarif((tmp_path / "a.sarif").read_text(encoding="utf-8"))
    assert any(r["level"] == "error" for r in log["runs"][0]["results"])


def test_junit_attributes_keep_quotes_markup_and_line_breaks() -> None:
    path = 'x "q" <&>\n\t.txt'
    root = valid_junit(report_findings("junit", [finding(path=path, message="a\nb")]))
    [suite] = root.findall("testsuite")
    assert suite.get("name") == path
    failure = next(root.iter("failure"))
    assert failure.get("message") == "a\nb"


def test_junit_names_the_article_even_with_a_hostile_title() -> None:
    ref = ArticleRef(line=1, date="03.03.2026", time="14:12", title="A \x00 <title> & \x1b")
    root = valid_junit(report_findings("junit", [finding(article=ref)]))
    failure = next(root.iter("failure"))
    first_line = (failure.text or "").splitlines()[0]
    assert first_line.startswith("in the article 03.03.2026 14:12")
    assert "<title> &" in first_line and "\x00" not in first_line and "\x1b" not in first_line
