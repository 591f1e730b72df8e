"""Where the reports of a run go: each ``-o FILE`` pairs with the ``--format`` before it."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from kzvalidate.report.outputs import Output, OutputError, ReportFile, plan_outputs


def test_each_output_takes_the_format_before_it_and_text_goes_to_the_terminal() -> None:
    planned = plan_outputs(
        [("format", "sarif"), ("output", "a.sarif"), ("format", "junit"), ("output", "b.xml")]
    )
    assert planned == [
        Output("text"),
        Output("sarif", Path("a.sarif")),
        Output("junit", Path("b.xml")),
    ]


def test_a_format_without_a_file_goes_to_standard_output() -> None:
    planned = plan_outputs([("format", "json"), ("format", "sarif"), ("output", "a.sarif")])
    assert planned == [Output("json"), Output("sarif", Path("a.sarif"))]
    planned = plan_outputs([("format", "sarif"), ("output", "a.sarif"), ("format", "github")])
    assert planned == [Output("github"), Output("sarif", Path("a.sarif"))]


def test_an_output_without_a_format_is_told_by_its_suffix() -> None:
    assert plan_outputs([("output", "report.HTML")]) == [
        Output("text"),
        Output("html", Path("report.HTML")),
    ]
    with pytest.raises(OutputError, match=r"cannot tell the format of report\.zzz"):
        plan_outputs([("output", "report.zzz")])


@pytest.mark.parametrize(
    ("occurrences", "message"),
    [
        ([("format", "json"), ("format", "sarif")], "only one report can go to standard output"),
        ([("output", "a.json"), ("output", "a.json")], "two reports would be written to a.json"),
        ([("format", "yaml")], "unknown format 'yaml'"),
    ],
)
def test_outputs_that_do_not_fit_are_usage_errors(
    occurrences: list[tuple[str, str]], message: str
) -> None:
    with pytest.raises(OutputError, match=message):
        plan_outputs(occurrences)  # type: ignore[arg-type]


def test_a_report_file_appears_whole_and_readable_as_the_umask_allows(tmp_path: Path) -> None:
    path = tmp_path / "report.json"
    report = ReportFile(path)
    report.handle.write("{}\n")
    assert not path.exists()
    report.commit()
    assert path.read_text() == "{}\n"
    mask = os.umask(0o022)
    os.umask(mask)
    assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~mask
    assert list(tmp_path.iterdir()) == [path]


def test_a_discarded_report_file_leaves_nothing(tmp_path: Path) -> None:
    report = ReportFile(tmp_path / "report.json")
    report.handle.write("partial")
    report.discard()
    assert list(tmp_path.iterdir()) == []
