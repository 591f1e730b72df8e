"""Data-driven rule tests: each case of `fixtures/rules/*.yml`, run with only its rule selected."""

from __future__ import annotations

import pytest

from kzvalidate.check.engine import Linter
from kzvalidate.check.fixer import fix_until_stable
from kzvalidate.contract.record import article_entry
from kzvalidate.dump.blocks import Article
from kzvalidate.dump.parser import parse_bytes
from kzvalidate.model import Finding, Problem
from kzvalidate.results import FileResult
from kzvalidate.rules import RULES, select
from kzvalidate.rules.base import AnyRule, BlockRule, FileRule, FixSafety, LineRule, RunRule
from tests.rule_cases import CASE_SUFFIX, CASES_DIR, CaseFile, RuleCase, load_case_files

MIN_FAILING = 2
MIN_PASSING = 2
PATH = "case.txt"

CASE_FILES = load_case_files()
CASES = [case for case_file in CASE_FILES for case in case_file.cases]
FILES_BY_CODE: dict[str, CaseFile] = {case_file.code: case_file for case_file in CASE_FILES}
FIXABLE = sorted(code for code, rule in RULES.items() if rule.fixable)
UNFIXABLE = sorted(code for code, rule in RULES.items() if not rule.fixable)


def linter_for(case: RuleCase) -> Linter:
    """A linter with only the case's rule, and the vocabulary of the case's configuration."""
    return Linter(select([case.code]), case.config.vocabulary)


def lint(code: str, data: bytes) -> FileResult:
    return Linter(select([code])).lint_bytes(data, PATH)


def position(finding: Finding) -> tuple[int, int, int, int]:
    return (finding.line, finding.column, finding.end_line, finding.end_column)


def applicable_fixes(findings: list[Finding], *, unsafe: bool) -> list[Finding]:
    """Findings whose fix the fixer would apply with this ``unsafe`` setting."""
    return [f for f in findings if f.fix is not None and (f.fix.safe or unsafe)]


def rule_problems(rule: AnyRule, data: bytes) -> list[Problem]:
    """What the rule's own ``check`` yields, before the engine turns problems into findings."""
    linter = Linter([rule])
    problems: list[Problem] = []
    blocks = parse_bytes(data, PATH)
    articles = [block for block in blocks if isinstance(block, Article)]
    if isinstance(rule, FileRule):
        collector = rule.collector(linter.plain_context)
        for article in articles:
            collector.add(article)
        return [found.problem for found in collector.finish()]
    if isinstance(rule, RunRule):
        run_collector = rule.collector(linter.plain_context)
        for article in articles:
            run_collector.add(article_entry(article))
        return [found.problem for found in run_collector.finish()]
    for block in blocks:
        if isinstance(rule, LineRule):
            for line in block.lines:
                problems.extend(rule.check(line))
        elif isinstance(rule, BlockRule):
            context = linter.context(block) if isinstance(block, Article) else linter.plain_context
            problems.extend(rule.check(block, context))
        elif isinstance(block, Article):
            problems.extend(rule.check(block, linter.context(block)))
    return problems


def cases_of(code: str) -> tuple[RuleCase, ...]:
    case_file = FILES_BY_CODE.get(code)
    assert case_file is not None, f"no case file for {code}"
    return case_file.cases


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_rule_case(case: RuleCase) -> None:
    result = linter_for(case).lint_bytes(case.data, PATH)

    assert result.error is None
    assert [f.code for f in result.findings if f.code != case.code] == []
    assert [position(f) for f in result.findings] == list(case.findings)

    if case.fixed is not None:
        linter = linter_for(case)
        outcome = fix_until_stable(linter, case.data, PATH, unsafe=case.unsafe)
        assert outcome.data == case.fixed
        again = linter.lint_bytes(outcome.data, PATH)
        assert again.error is None
        assert [position(f) for f in applicable_fixes(again.findings, unsafe=case.unsafe)] == []


def test_every_registered_rule_has_a_case_file() -> None:
    expected = [f"{code}-{rule.name}{CASE_SUFFIX}" for code, rule in RULES.items()]
    assert [name for name in expected if not (CASES_DIR / name).is_file()] == []
    assert sorted(RULES) == sorted(FILES_BY_CODE)


@pytest.mark.parametrize("code", sorted(RULES))
def test_rule_has_failing_and_passing_cases(code: str) -> None:
    cases = cases_of(code)
    failing = [case.name for case in cases if case.failing]
    passing = [case.name for case in cases if not case.failing]
    assert len(failing) >= MIN_FAILING, f"{code} needs {MIN_FAILING} failing cases: {failing}"
    assert len(passing) >= MIN_PASSING, f"{code} needs {MIN_PASSING} passing cases: {passing}"


def test_every_case_file_names_a_registered_rule() -> None:
    stale = [f.path.name for f in CASE_FILES if f.code not in RULES]
    assert stale == []
    misnamed = [
        f.path.name
        for f in CASE_FILES
        if f.path.name != f"{f.code}-{RULES[f.code].name}{CASE_SUFFIX}"
    ]
    assert misnamed == []
    codes = [f.code for f in CASE_FILES]
    assert sorted(codes) == sorted(set(codes))


def test_case_directory_holds_only_case_files_and_readme() -> None:
    others = [
        path.name
        for path in CASES_DIR.iterdir()
        if path.name != "README.md" and path.suffix != CASE_SUFFIX
    ]
    assert others == []


@pytest.mark.parametrize("code", UNFIXABLE)
def test_unfixable_rule_never_offers_a_fix(code: str) -> None:
    rule = RULES[code]
    reported = 0
    for case in cases_of(code):
        problems = rule_problems(rule, case.data)
        reported += len(problems)
        assert [p.span for p in problems if p.fix is not None] == [], case.name
        assert [position(f) for f in lint(code, case.data).findings if f.fix is not None] == []
    assert reported > 0


SAFETIES = {FixSafety.SAFE: {True}, FixSafety.UNSAFE: {False}, FixSafety.MIXED: {True, False}}
"""The ``Fix.safe`` values the fixes of a rule of each declared safety show on its cases."""


@pytest.mark.parametrize("code", FIXABLE)
def test_fixes_are_as_safe_as_the_rule_declares(code: str) -> None:
    rule = RULES[code]
    assert rule.fix_safety is not None
    shown = {
        finding.fix.safe
        for case in cases_of(code)
        for finding in linter_for(case).lint_bytes(case.data, PATH).findings
        if finding.fix is not None
    }
    assert shown == SAFETIES[rule.fix_safety]


@pytest.mark.parametrize("code", FIXABLE)
def test_fixable_rule_has_a_case_that_changes_the_text(code: str) -> None:
    changed = [
        case.name
        for case in cases_of(code)
        if case.failing and case.fixed is not None and case.fixed != case.data
    ]
    assert changed != [], f"{code} is fixable but no case shows a fix that changes the text"
