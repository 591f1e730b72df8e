"""The engine: rule kinds, the order findings come in, and rules that crash."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import pytest

from kzvalidate.check.engine import Linter
from kzvalidate.dump.blocks import Article, Block
from kzvalidate.language.vocabulary import PreferredTerm, Vocabulary
from kzvalidate.model import Excerpt, Line, Problem, Severity, Span
from kzvalidate.rules import RULES
from kzvalidate.rules.base import BlockRule, Context, FileProblem, FileRule, LineRule

DUMP = (
    b"03.03.2026, 14:12 11421\nFirst title\nFirst paragraph.\n"
    b"03.03.2026, 15:12 11421\nSecond title\nSecond paragraph.\n"
)


def broken_line_check(line: Line) -> Iterator[Problem]:
    raise ZeroDivisionError("line rule bug")
    yield  # pragma: no cover


def broken_block_check(block: Block, context: Context) -> Iterator[Problem]:
    raise KeyError("block rule bug")
    yield  # pragma: no cover


class Titles:
    """Reports every title once the file is done, last first."""

    def __init__(self, context: Context, fail: bool = False) -> None:
        self.seen: list[tuple[Span, Excerpt]] = []
        self.fail = fail

    def add(self, article: Article) -> None:
        assert article.title is not None
        line = article.lines[1]
        span = article.title.span
        self.seen.append((span, Excerpt.of(line, span.column - 1, span.end_column - 1)))

    def finish(self) -> Iterable[FileProblem]:
        if self.fail:
            raise ValueError("collection rule bug")
        return [
            FileProblem(Problem(span, "a title"), excerpt) for span, excerpt in reversed(self.seen)
        ]


def rule(kind: type, **fields: object) -> LineRule | BlockRule | FileRule:
    made: LineRule | BlockRule | FileRule = kind(
        code="KZ999", name="test-rule", severity=Severity.WARNING, doc="A test rule.\n", **fields
    )
    return made


def test_collection_findings_follow_the_file_in_line_order() -> None:
    titles = rule(FileRule, collector=Titles)
    result = Linter([titles, RULES["KZ108"]]).lint_bytes(DUMP, "d.txt")
    assert [(f.code, f.line, f.column) for f in result.findings] == [
        ("KZ108", 3, 17),
        ("KZ108", 6, 18),
        ("KZ999", 2, 1),
        ("KZ999", 5, 1),
    ]
    title = result.findings[2]
    assert (title.line_text, title.line_text_start, title.line_ending) == ("First title", 0, "\n")


@pytest.mark.parametrize(
    ("broken", "reason"),
    [
        (rule(LineRule, check=broken_line_check), "ZeroDivisionError: line rule bug"),
        (rule(BlockRule, check=broken_block_check), "KeyError: 'block rule bug'"),
        (
            rule(FileRule, collector=lambda context: Titles(context, fail=True)),
            "ValueError: collection rule bug",
        ),
    ],
    ids=["line", "block", "collection"],
)
def test_a_crashing_rule_is_a_clear_file_error(
    broken: LineRule | BlockRule | FileRule, reason: str
) -> None:
    result = Linter([broken]).lint_bytes(DUMP, "d.txt")
    assert result.error == f"internal error in rule KZ999 test-rule: {reason} (please report this)"


def test_the_vocabulary_reaches_block_rules() -> None:
    text = b"03.03.2026, 14:12 11421\nTitle\nThe Qazinform agency.\n"
    shipped = Linter([RULES["KZ306"]]).lint_bytes(text).findings
    assert shipped == []
    own = Vocabulary.shipped().extended(preferred=[PreferredTerm("Qazinform", "Kazinform")])
    found = Linter([RULES["KZ306"]], own).lint_bytes(text).findings
    assert [(f.line, f.column, f.end_column) for f in found] == [(3, 5, 14)]


def test_an_excerpt_keeps_the_text_around_a_span() -> None:
    line = Line(7, 0, "x" * 200, "\r\n")
    middle = Excerpt.of(line, 100, 105, context=10)
    assert (middle.number, middle.start, middle.text, middle.ending) == (7, 90, "x" * 25 + "…", "")
    end = Excerpt.of(line, 195, 200, context=10)
    assert (end.start, end.text, end.ending) == (185, "x" * 15, "\r\n")
