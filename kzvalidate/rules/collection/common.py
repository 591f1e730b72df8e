"""What the collection rules share: how they name the article a finding collides with, and how
they keep the problems they found until the run ends (in a record list, which moves them to disk
when there are many)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from kzvalidate.dump.dialect import Dialect
from kzvalidate.model import ArticleRef, Excerpt, Problem, Span
from kzvalidate.rules.base import RunProblem
from kzvalidate.rules.collection.spill import RecordList


def where(path: str, line: int, here: str) -> str:
    """``line 12``, or ``line 12 of other.txt`` when the other article is in another file."""
    return f"line {line}" if path == here else f"line {line} of {path}"


def moment(published: datetime, dialect: Dialect) -> str:
    """A publication moment as the dump writes it: ``03.03.2026 19:00``."""
    date = dialect.canonical_date((published.year, published.month, published.day))
    return f"{date} {dialect.canonical_time((published.hour, published.minute))}"


def found_problems() -> RecordList[RunProblem]:
    """An empty list of the problems a collection rule finds (none with a fix)."""
    return RecordList(_problem_row, _problem_of_row)


def _problem_row(found: RunProblem) -> tuple[Any, ...]:
    problem, excerpt, article = found.problem, found.excerpt, found.article
    assert problem.fix is None, "the collection rules make no fixes"
    span = problem.span
    return (
        found.path,
        (span.line, span.column, span.end_line, span.end_column),
        problem.message,
        problem.hint,
        None if excerpt is None else (excerpt.number, excerpt.start, excerpt.text, excerpt.ending),
        None if article is None else (article.line, article.date, article.time, article.title),
    )


def _problem_of_row(row: tuple[Any, ...]) -> RunProblem:
    path, span, message, hint, excerpt, article = row
    return RunProblem(
        path,
        Problem(Span(*span), message, hint),
        None if excerpt is None else Excerpt(*excerpt),
        None if article is None else ArticleRef(*article),
    )
