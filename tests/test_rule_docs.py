"""A rule's docstring is its documentation: a summary and examples that really fail or pass."""

from __future__ import annotations

import unicodedata

import pytest

from kzvalidate.check.engine import Linter
from kzvalidate.report.docs import example_bytes, examples, explain_text
from kzvalidate.results import FileResult
from kzvalidate.rules import RULES, select
from kzvalidate.rules.base import AnyRule

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
    assert text.splitlines()[0] == f"{rule.code} {rule.name}"
    assert rule.summary in text
    assert f"Severity: {rule.severity}" in text
    for kind, found in examples(rule).items():
        assert f"{kind}::" in text
        for example in found:
            for line in example.rstrip("\n").split("\n"):
                assert line in text, f"{kind} example line {line!r} missing from explain"
