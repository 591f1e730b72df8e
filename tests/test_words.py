"""Words for people: what every rule says on its failing cases is plain, specific and alike in
form, since newsroom editors read it.

The messages, hints and fix descriptions of every finding of every failing rule case are
checked against a list of jargon (code points without words, byte offsets, ``(s)`` plurals,
JSON Schema keywords, pint's unit names) and for one form: one line, a lower-case start, no
final period, and a hint for every finding.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from kzvalidate.check.engine import Linter
from kzvalidate.model import Finding
from kzvalidate.rules import RULES, select
from kzvalidate.rules.base import character, plural
from tests.rule_cases import RuleCase, load_case_files

FAILING = [case for case_file in load_case_files() for case in case_file.cases if case.failing]

JARGON = {
    "byte offset": re.compile(r"byte offset", re.IGNORECASE),
    "a plural written (s)": re.compile(r"\w\(s\)"),
    "a JSON Schema keyword": re.compile(
        r"\b(?:enum|const|pattern|minLength|minItems|maxLength|additionalProperties)\b"
    ),
    "a regular expression": re.compile(r"\bregex|\bregular expression", re.IGNORECASE),
    "an identifier with an underscore (pint's metric_ton, US_dollar)": re.compile(
        r"[A-Za-z]_[A-Za-z]"
    ),
    "a pint expression": re.compile(r"\*\*|\b1e\d"),
    "a Python value": re.compile(r"\bNone\b|\bTrue\b|\bFalse\b"),
}
CODE_POINT = re.compile(r"U\+[0-9A-F]{4,6}")


def findings(case: RuleCase) -> list[Finding]:
    linter = Linter(select([case.code]), case.config.vocabulary)
    return linter.lint_bytes(case.data, "case.txt").findings


def texts(finding: Finding) -> Iterator[tuple[str, str]]:
    """What a reader sees of a finding, by what it is."""
    yield "message", finding.message
    if finding.hint is not None:
        yield "hint", finding.hint
    if finding.fix is not None:
        yield "fix", finding.fix.description


def bare_code_points(text: str) -> list[str]:
    """Code points that are not in parentheses after the words (or the quoted character) they
    stand for."""
    bare = []
    for match in CODE_POINT.finditer(text):
        opened, closed = text.rfind("(", 0, match.start()), text.rfind(")", 0, match.start())
        before = text[:opened].rstrip()[-1:]
        named = opened > 0 and (before.isalpha() or before in "'\"")
        if opened <= closed or not named:
            bare.append(match.group())
    return bare


def jargon(text: str) -> list[str]:
    found = [what for what, pattern in JARGON.items() if pattern.search(text)]
    if bare_code_points(text):
        found.append(f"a code point without words: {bare_code_points(text)}")
    return found


@pytest.mark.parametrize("case", FAILING, ids=[case.id for case in FAILING])
def test_findings_speak_without_jargon(case: RuleCase) -> None:
    said = [(kind, text) for finding in findings(case) for kind, text in texts(finding)]
    assert said != []
    assert [(kind, text, jargon(text)) for kind, text in said if jargon(text)] == []


@pytest.mark.parametrize("case", FAILING, ids=[case.id for case in FAILING])
def test_findings_have_one_form(case: RuleCase) -> None:
    for finding in findings(case):
        assert finding.hint is not None, finding.message
        for kind, text in texts(finding):
            assert "\n" not in text, (kind, text)
            assert not text.endswith("."), (kind, text)
            assert text == text.strip(), (kind, text)
            assert not text[0].isupper(), (kind, text)


def test_every_rule_speaks_on_its_failing_cases() -> None:
    spoken = {case.code for case in FAILING if findings(case)}
    assert sorted(set(RULES) - spoken) == []


@pytest.mark.parametrize(
    ("text", "bare"),
    [
        ("the Cyrillic 'с' (U+0441)", []),
        ("only control characters (U+0000, U+001B and 2 more)", []),
        ("U+0441 inside a word", ["U+0441"]),
        ("a letter U+0441 (Cyrillic)", ["U+0441"]),
        ("the letter ((U+0441)", ["U+0441"]),
    ],
)
def test_code_points_must_follow_words(text: str, bare: list[str]) -> None:
    assert bare_code_points(text) == bare


@pytest.mark.parametrize(
    ("char", "named"),
    [
        ("\u200b", "zero-width space (U+200B)"),
        ("\u2009", "thin space (U+2009)"),
        ("\x00", "null character (U+0000)"),
        ("\x85", "control character (U+0085)"),
        ("\u0441", "cyrillic small letter es (U+0441)"),
    ],
)
def test_characters_are_named_before_their_code_point(char: str, named: str) -> None:
    assert character(char) == named


def test_plurals_are_written_out() -> None:
    assert [plural(1, "byte"), plural(3, "byte"), plural(1024, "blank line")] == [
        "1 byte",
        "3 bytes",
        "1,024 blank lines",
    ]
