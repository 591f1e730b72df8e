"""A rule's docstring is its documentation: a summary and examples that really fail or pass."""

from __future__ import annotations

import re
import unicodedata

import pytest

from kzvalidate.check.engine import Linter
from kzvalidate.report import docstring
from kzvalidate.report.docs import (
    description,
    example_bytes,
    examples,
    explain_markdown,
    explain_text,
    rules_table,
)
from kzvalidate.report.docstring import Kind
from kzvalidate.results import FileResult
from kzvalidate.rules import RULES, select
from kzvalidate.rules.base import AnyRule, FixSafety
from tests.helpers import run_cli

ALL_RULES = list(RULES.values())
IDS = [f"{rule.code}-{rule.name}" for rule in ALL_RULES]

rules = pytest.mark.parametrize("rule", ALL_RULES, ids=IDS)


def lint_example(rule: AnyRule, example: str) -> FileResult:
    return Linter(select([rule.code])).lint_bytes(example_bytes(example), f"{rule.code}.txt")


@rules
def test_docstring_starts_with_a_one_line_summary(rule: AnyRule) -> None:
    lines = rule.doc.strip().splitlines()
    assert lines[0].strip() != ""
    assert lines[0] == lines[0].strip()
    assert lines[0].endswith(".")
    assert len(lines) > 1
    assert lines[1].strip() == "", "the summary must be one line followed by a blank line"
    assert rule.summary == lines[0]


@rules
def test_docstring_has_fails_and_passes_examples(rule: AnyRule) -> None:
    found = examples(rule)
    assert "Fails::" in rule.doc
    assert "Passes::" in rule.doc
    assert found["Fails"] != []
    assert found["Passes"] != []
    assert all(example.strip() for example in found["Fails"] + found["Passes"])


@rules
def test_docstring_shows_invisible_characters_as_escapes(rule: AnyRule) -> None:
    # `example_bytes` turns "\t", "\r\n", "\x00", ... written in the docstring into real bytes;
    # the raw characters themselves would be invisible (or break the terminal) in `explain`.
    invisible = [
        f"U+{ord(char):04X}"
        for char in rule.doc
        if char != "\n" and unicodedata.category(char) in {"Cc", "Cf"}
    ]
    assert invisible == []


@rules
def test_fails_example_is_reported(rule: AnyRule) -> None:
    for example in examples(rule)["Fails"]:
        result = lint_example(rule, example)
        assert result.error is None
        assert [f for f in result.findings if f.code == rule.code] != [], example


@rules
def test_passes_example_is_clean(rule: AnyRule) -> None:
    for example in examples(rule)["Passes"]:
        result = lint_example(rule, example)
        assert result.error is None
        assert [(f.line, f.column, f.message) for f in result.findings] == [], example


@rules
def test_explain_text_shows_identity_and_examples(rule: AnyRule) -> None:
    text = explain_text(rule)
    title = f"{rule.code} {rule.name}"
    assert text.splitlines()[:2] == [title, "=" * len(title)]
    assert rule.summary in text
    assert f"Severity: {rule.severity}" in text
    for kind, found in examples(rule).items():
        assert f"\n{kind}\n{'-' * len(kind)}\n" in text
        for example in found:
            for line in example.rstrip("\n").split("\n"):
                shown = f"    {line}" if line else ""
                assert f"\n{shown}\n" in text, f"{kind} example line {line!r} missing from explain"


@rules
def test_explain_text_has_no_raw_markup(rule: AnyRule) -> None:
    text = explain_text(rule)
    assert "``" not in text
    assert "::" not in text
    assert [line for line in text.splitlines() if line.lstrip().startswith(".. ")] == []
    assert [line for line in text.splitlines() if line != line.rstrip()] == []


@rules
def test_explain_markdown_fences_every_example(rule: AnyRule) -> None:
    text = explain_markdown(rule)
    assert text.startswith(f"## {rule.code} `{rule.name}`\n")
    assert "::" not in text
    fences = [line for line in text.splitlines() if "``" in line]
    assert set(fences) <= {"```text", "```"}
    blocks = re.findall(r"^```text\n(.*?)\n```$", text, re.MULTILINE | re.DOTALL)
    written = [example.rstrip("\n") for found in examples(rule).values() for example in found]
    assert [example for example in written if example not in blocks] == []


FIX_LINES = {
    None: "Fix: none",
    FixSafety.SAFE: "Fix: safe, applied by --fix",
    FixSafety.UNSAFE: "Fix: unsafe, applied by --fix --unsafe-fixes",
    FixSafety.MIXED: "Fix: safe for some findings, applied by --fix; unsafe for others, "
    "applied by --fix --unsafe-fixes",
}


@rules
def test_explain_says_which_option_applies_the_fixes(rule: AnyRule) -> None:
    assert FIX_LINES[rule.fix_safety] in explain_text(rule).splitlines()
    markdown = FIX_LINES[rule.fix_safety].replace("Fix:", "- **Fix:**")
    for options in ("--fix --unsafe-fixes", "--fix"):
        markdown = markdown.replace(f"by {options}", f"by `{options}`")
    assert markdown in explain_markdown(rule).splitlines()


def test_explain_names_the_three_fix_levels() -> None:
    assert {rule.fix_safety for rule in ALL_RULES} == set(FIX_LINES)


UNSUPPORTED_MARKUP = {
    "a directive": re.compile(r"^\s*\.\. ", re.MULTILINE),
    "a role": re.compile(r":\w+:`"),
    "interpreted text": re.compile(r"(?<!`)`[^`\n]+`(?!`)"),
    "emphasis": re.compile(r"(?<![\w*])\*[^\s*][^*\n]*\*(?![\w*])"),
    "a heading underline": re.compile(r"^[=~^-]{3,}$", re.MULTILINE),
}


@rules
def test_docstring_uses_only_the_markup_explain_renders(rule: AnyRule) -> None:
    text = description(rule)
    prose = [block.text for block in docstring.parse(text) if block.kind is not Kind.CODE]
    unsupported = [
        (what, written)
        for written in prose
        for what, markup in UNSUPPORTED_MARKUP.items()
        if markup.search(written)
    ]
    assert unsupported == []
    literals = [found for written in prose for found in re.findall(r"``(.+?)``", written)]
    assert [literal for literal in literals if literal != literal.strip()] == []


def test_explain_writes_markdown_on_request() -> None:
    done = run_cli("explain", "KZ101", "--format", "markdown")
    assert done.returncode == 0, done.stderr
    assert done.stdout == explain_markdown(RULES["KZ101"])
    wrong = run_cli("explain", "KZ101", "--format", "rst")
    assert wrong.returncode == 2
    assert "'rst' is not one of 'text', 'markdown'" in wrong.stderr


def test_rules_table_piped_has_no_trailing_blanks() -> None:
    done = run_cli("rules")  # standard output is a pipe, as in `kzvalidate rules | cat`
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert [line for line in lines if line != line.rstrip()] == []
    assert len(lines) == len(RULES) + 1
    assert lines[0].split() == ["Code", "Name", "Severity", "Default", "Fix", "Summary"]
    assert all(rule.summary in done.stdout for rule in ALL_RULES)


def test_rules_table_on_a_terminal_wraps_summaries_under_their_column() -> None:
    wide, narrow = rules_table(), rules_table(width=100)
    column = wide.splitlines()[0].index("Summary")
    assert all(len(line) <= 100 for line in narrow.splitlines())
    assert [line for line in narrow.splitlines() if line != line.rstrip()] == []
    continued = [line for line in narrow.splitlines() if line.startswith(" ")]
    assert continued != []
    assert all(line[:column].strip() == "" for line in continued)
    assert " ".join(narrow.split()) == " ".join(wide.split())
