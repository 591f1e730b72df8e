"""The seams later work builds on: run-scope rules, dialects, one settings resolution, one
reporter registry per command."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path

import pytest

from kzvalidate import report
from kzvalidate.check.engine import Linter
from kzvalidate.check.run import lint_run
from kzvalidate.contract.collection import Entry
from kzvalidate.contract.record import article_record
from kzvalidate.contract.schema import validate_record
from kzvalidate.dump.blocks import Article
from kzvalidate.dump.dialect import Dialect
from kzvalidate.dump.dialects import DEFAULT, DIALECTS, get_dialect
from kzvalidate.dump.dialects.kazakhstan_today import FOOTER
from kzvalidate.dump.parser import parse_bytes
from kzvalidate.dump.render import render_record
from kzvalidate.model import Finding, Problem, Severity
from kzvalidate.results import FileResult
from kzvalidate.rules import RULES
from kzvalidate.rules.base import (
    ArticleRule,
    BlockRule,
    Context,
    FileRule,
    LineRule,
    RunProblem,
    RunRule,
)
from kzvalidate.settings import CommandLine, ConfigError, settings_for
from kzvalidate.source.discovery import Target
from tests.helpers import run_cli

RECORD = {
    "date": "2026-03-03",
    "time": "14:12",
    "views": 11421,
    "title": "Kazakh Interior Ministry says crimes down 8% in two months of 2026",
    "body": ["The number of crimes fell by 8% in January and February."],
    "footer": FOOTER,
}


class SameDay:
    """A run collector: reports an article published on the day of an earlier article of the
    run (it sees entries, not articles)."""

    def __init__(self, context: Context) -> None:
        self.first: dict[date, tuple[str, int]] = {}
        self.repeats: list[RunProblem] = []

    def add(self, entry: Entry) -> None:
        assert entry.published is not None
        day = entry.published.date()
        earlier = self.first.setdefault(day, (entry.path, entry.line))
        if earlier != (entry.path, entry.line):
            message = f"same day as {earlier[0]}:{earlier[1]}"
            self.repeats.append(RunProblem(entry.path, Problem(entry.span, message), entry.header))

    def finish(self) -> Iterable[RunProblem]:
        return self.repeats


SAME_DAY = RunRule(
    code="KZ998",
    name="same-day",
    severity=Severity.WARNING,
    doc="A test rule.\n",
    collector=SameDay,
)


def write(path: Path, content: str) -> Path:
    path.write_text(content, encoding="utf-8")
    return path


def test_a_run_rule_compares_articles_across_files_and_reports_after_the_last(
    tmp_path: Path,
) -> None:
    first = write(tmp_path / "a.txt", render_record(RECORD))
    second = write(tmp_path / "b.txt", render_record(dict(RECORD, time="15:00")))
    events: list[str | Finding] = []

    def on_file(result: FileResult) -> None:
        events.append(result.path)

    linter = Linter([SAME_DAY, RULES["KZ108"]])
    targets = [Target(first, "a.txt"), Target(second, "b.txt")]
    summary = lint_run(linter, targets, sink=events.append, on_file=on_file)
    assert events[:2] == ["a.txt", "b.txt"]
    [finding] = events[2:]
    assert isinstance(finding, Finding)
    assert (finding.path, finding.line, finding.column, finding.code) == ("b.txt", 1, 1, "KZ998")
    assert finding.message == "same day as a.txt:1"
    assert finding.line_text == "03.03.2026, 15:00 11421"
    assert summary.by_rule == {("KZ998", "same-day"): 1}
    assert summary.files == 2 and summary.articles == 2


class Broken(SameDay):
    def finish(self) -> Iterable[RunProblem]:
        raise KeyError("run rule bug")


def test_a_run_rule_that_crashes_is_an_error_of_the_run_not_a_traceback(tmp_path: Path) -> None:
    dump = write(tmp_path / "a.txt", render_record(RECORD))
    broken = RunRule(
        code="KZ997", name="broken", severity=Severity.ERROR, doc="A test rule.\n", collector=Broken
    )
    found: list[Finding] = []
    done: list[FileResult] = []
    summary = lint_run(
        Linter([broken]), [Target(dump, "a.txt")], sink=found.append, on_file=done.append
    )
    assert found == []
    assert [(result.path, result.error is None) for result in done] == [
        ("a.txt", True),
        ("(the run)", False),
    ]
    assert summary.files == 1
    assert summary.errors == [
        (
            "(the run)",
            "internal error in rule KZ997 broken: KeyError: 'run rule bug' (please report this)",
        )
    ]


def test_each_run_starts_with_fresh_run_collectors(tmp_path: Path) -> None:
    dump = write(tmp_path / "a.txt", render_record(RECORD))
    linter = Linter([SAME_DAY])
    for _ in range(2):
        found: list[Finding] = []
        lint_run(linter, [Target(dump, "a.txt")], sink=found.append, on_file=lambda _: None)
        assert found == []


def test_every_rule_has_one_of_the_five_scopes() -> None:
    scopes = (LineRule, ArticleRule, BlockRule, FileRule, RunRule)
    assert all(isinstance(rule, scopes) for rule in RULES.values())
    assert {rule.code for rule in RULES.values() if isinstance(rule, BlockRule)} == {
        "KZ101",
        "KZ112",
    }
    assert {rule.code for rule in RULES.values() if isinstance(rule, FileRule)} == {
        "KZ113",
        "KZ305",
        "KZ407",
    }
    assert {rule.code for rule in RULES.values() if isinstance(rule, RunRule)} == {
        "KZ501",
        "KZ502",
        "KZ503",
    }


AGENCY = Dialect(
    name="test-agency",
    agency="Test Agency",
    footers=("Copyright Test Agency. All rights reserved.", "© Test Agency"),
    credit_label="Photo | ",
    credit_label_pattern=r"photo[ \t]*\|",
    date_time_separator=" ",
)


def test_a_dialect_carries_the_header_credit_and_footer_of_its_agency() -> None:
    record = dict(RECORD, image_credit="Test Agency", footer="© Test Agency")
    text = render_record(record, AGENCY)
    assert text.splitlines()[0] == "03.03.2026 14:12 11421"
    assert text.splitlines()[2] == "Photo | Test Agency"
    [article] = [b for b in parse_bytes(text.encode(), "t.txt", AGENCY) if isinstance(b, Article)]
    assert article.credit is not None and article.credit.source.text == "Test Agency"
    built = article_record(article)
    assert built["footer"] == "© Test Agency"
    assert validate_record(built, AGENCY) == ()
    assert Linter([*RULES.values()], dialect=AGENCY).lint_bytes(text.encode()).findings == []


def test_rules_read_the_format_from_the_dialect_not_from_literals() -> None:
    text = render_record(dict(RECORD, footer="© Test Agncy"), AGENCY).replace(
        "03.03.2026 14:12", "03.03.2026, 14:12"
    )
    findings = Linter([*RULES.values()], dialect=AGENCY).lint_bytes(text.encode()).findings
    found = {(f.code, f.fix.edits[0].content if f.fix else None) for f in findings}
    assert found == {("KZ104", " "), ("KZ109", "© Test Agency")}
    default = Linter([*RULES.values()]).lint_bytes(render_record(RECORD, AGENCY).encode())
    assert {f.code for f in default.findings} == {"KZ104"}
    missing = Linter([RULES["KZ108"]], dialect=AGENCY).lint_bytes(
        render_record(RECORD).rsplit(FOOTER, 1)[0].encode()
    )
    assert [f.hint for f in missing.findings] == [
        "add the line 'Copyright Test Agency. All rights reserved.'"
    ]


def test_the_default_dialect_is_kazakhstan_today() -> None:
    assert DEFAULT is get_dialect("kazakhstan-today") is DIALECTS["kazakhstan-today"]
    assert DEFAULT.footers == (FOOTER,)


def test_settings_combine_defaults_file_and_command_line(tmp_path: Path) -> None:
    write(
        tmp_path / "kzvalidate.toml",
        "select = ['KZ1']\nfail-on = 'warning'\nglob = ['*.dump']\ndialect = 'kazakhstan-today'\n",
    )
    from_file = settings_for(CommandLine(), config=None, isolated=False, cwd=tmp_path)
    assert {rule.code[:3] for rule in from_file.rules} == {"KZ1"}
    assert (from_file.fail_on, from_file.globs, from_file.dialect) == (
        Severity.WARNING,
        ("*.dump",),
        DEFAULT,
    )
    given = CommandLine(select=["KZ2"], fail_on=Severity.ERROR, glob=["*.txt"])
    from_command = settings_for(given, config=None, isolated=False, cwd=tmp_path)
    assert {rule.code[:3] for rule in from_command.rules} == {"KZ2"}
    assert (from_command.fail_on, from_command.globs) == (Severity.ERROR, ("*.txt",))
    isolated = settings_for(CommandLine(), config=None, isolated=True, cwd=tmp_path)
    assert isolated.rules == tuple(rule for rule in RULES.values() if rule.enabled_by_default)
    assert (isolated.fail_on, isolated.globs) == (Severity.ERROR, ("*.txt",))


def test_an_unknown_dialect_is_an_error_naming_the_known_ones(tmp_path: Path) -> None:
    path = write(tmp_path / "kzvalidate.toml", "dialect = 'kazinform'\n")
    with pytest.raises(ConfigError, match=r"kzvalidate.toml: dialect: unknown dialect 'kazinform'"):
        settings_for(CommandLine(), config=None, isolated=False, cwd=tmp_path)
    with pytest.raises(ConfigError, match="known dialects: kazakhstan-today"):
        settings_for(CommandLine(dialect="x"), config=path, isolated=False, cwd=tmp_path)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("figures", "fixtures/seeds", "-f", "markdown"),
            "'markdown' is not one of 'text', 'json'",
        ),
        (("lint", "fixtures/seeds", "--format", "yaml"), "'yaml' is not one of 'text', 'json'"),
        (("rules", "-f", "yaml"), "'yaml' is not one of 'text', 'json', 'markdown'"),
        (("lint", "fixtures/seeds", "--dialect", "kazinform"), "unknown dialect 'kazinform'"),
    ],
)
def test_a_choice_a_command_does_not_have_is_a_usage_error(
    args: tuple[str, ...], message: str
) -> None:
    done = run_cli(*args)
    assert done.returncode == 2
    assert message in done.stderr


@pytest.mark.parametrize("registry", [report.LINT, report.FIGURES, report.RULES, report.SCHEMA])
def test_every_format_of_every_command_loads(registry: report.Registry) -> None:
    assert registry.default == ("json-schema" if registry is report.SCHEMA else "text")
    for name in registry.choices:
        assert callable(registry.load(name)), f"{registry.command} --format {name}"
    help_text = run_cli(registry.command, "--help").stdout
    assert f"[{'|'.join(registry.choices)}]" in help_text
