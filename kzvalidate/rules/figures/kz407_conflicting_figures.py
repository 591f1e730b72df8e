"""Articles of one file must not give different figures for the same thing.

Two articles that say the Shymkent refinery grows ``from 6 to 12 million tons`` and ``from 6 to
10 million tons`` cannot both be right; one was mistyped or is out of date. The rule compares
only what it can pin down: the same named subject (the last run of capitalised words before the
figures, with a proper name in it: ``Shymkent Refinery`` and ``Shymkent Oil Refinery`` are one
subject, named by their first proper name and their last word), the same dimension, and the same
construction: ``from X to Y``, or ``a capacity of X`` in a sentence that names no year and no
plan (capacities change over time). When the subject is unclear, or one article already gives two
values for it, the rule stays silent. It reports the later figure and names the earlier one.

Fails::

    03.03.2026, 19:00 10846
    President Tokayev briefed on 2029 energy roadmap and refinery growth
    Plans to expand the Shymkent Refinery (from 6 to 12 million tons per annum) were reported.
    21.05.2025, 22:01 24291
    Olzhas Bektenov holds meeting on implementation of major projects
    Progress was reported on the expansion of the Shymkent Oil Refinery, increasing its capacity from 6 to 10 million tons per year.

Passes::

    03.03.2026, 19:00 10846
    President Tokayev briefed on 2029 energy roadmap and refinery growth
    Plans to expand the Shymkent Refinery (from 6 to 12 million tons per annum) were reported.
    21.05.2025, 22:01 24291
    Olzhas Bektenov holds meeting on implementation of major projects
    Progress was reported on the expansion of the Shymkent Oil Refinery, increasing its capacity from 6 to 12 million tons per year.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from kzvalidate.dump.blocks import Article
from kzvalidate.language.spelling import is_english
from kzvalidate.model import ArticleRef, Excerpt, Field, Line, Problem, Severity, Span
from kzvalidate.patterns import compiled
from kzvalidate.quantities.comparisons import capacities, changes, sentence_start
from kzvalidate.quantities.figures import Figure, figure_span, figured_paragraphs
from kzvalidate.rules.base import Context, FileProblem, FileRule

_NAME_RUN = compiled(r"[A-Z][\w’'-]*(?: [A-Z][\w’'-]*)*")
_SUBJECT_REACH = 80
"""How far before the figures the subject may stand, in characters."""
_TIME_BOUND = compiled(r"\b(?:1[89]\d\d|20\d\d|will|plans?|planned|expected|to be)\b", re.I)

Key = tuple[str, str, str, str]
"""(subject's proper name, subject's last word, construction, dimension)."""


@dataclass(frozen=True, slots=True)
class Statement:
    """What an article says about a subject."""

    subject: str
    values: tuple[float, ...]
    text: str
    span: Span
    excerpt: Excerpt
    article: ArticleRef | None = None


def subject_before(text: str, at: int) -> tuple[str, str, str] | None:
    """The named subject of figures at ``at``: (name as written, proper name, last word)."""
    start = max(sentence_start(text, at), at - _SUBJECT_REACH)
    runs = list(_NAME_RUN.finditer(text, start, at))
    if not runs:
        return None
    words = runs[-1].group().split(" ")
    proper = [at for at, word in enumerate(words) if not is_english(word.lower().rstrip("’'s"))]
    if not proper:
        return None
    named = words[proper[0] :]  # "The Yertis Plant" is the Yertis Plant
    return " ".join(named), named[0].lower(), named[-1].lower()


def _statement(field: Field, line: Line, figures: tuple[Figure, ...], subject: str) -> Statement:
    start, end = figure_span(field, figures[0]), figure_span(field, figures[-1])
    span = Span(start.line, start.column, end.end_line, end.end_column)
    text = field.text[figures[0].start : figures[-1].end]
    values = tuple(
        value
        for figure in figures
        for value in (figure.base_value, figure.base_upper)
        if value is not None
    )
    excerpt = Excerpt.of(line, start.column - 1, end.end_column - 1, context=40)
    return Statement(subject, values, text, span, excerpt)


def statements(article: Article) -> Iterator[tuple[Key, Statement]]:
    first_line = article.lines[0].number
    for field, reading in figured_paragraphs(article):
        found = reading.figures
        if not found:
            continue
        line = article.lines[field.span.line - first_line]
        for change in changes(field.text, found):
            if change.before.dimension != change.after.dimension:
                continue
            subject = subject_before(field.text, change.before.start)
            if subject is not None:
                key = (subject[1], subject[2], "from-to", change.after.dimension)
                pair = (change.before, change.after)
                yield key, _statement(field, line, pair, subject[0])
        for figure in capacities(field.text, found):
            head = sentence_start(field.text, figure.start)
            if _TIME_BOUND.search(field.text, head, figure.start):
                continue
            subject = subject_before(field.text, figure.start)
            if subject is not None:
                key = (subject[1], subject[2], "capacity", figure.dimension)
                yield key, _statement(field, line, (figure,), subject[0])


Said = tuple[tuple[Key, ...], tuple[tuple[Key, Statement], ...]]
"""What one article says: the keys it makes unclear (two values in it), then its statements of
the other keys, in order."""


class ConflictCollector:
    """The first statement of each key, the keys found unclear, and the later statements that
    differ from the first. Whether a statement conflicts depends on every article before it, so
    a collector kept for a merge keeps what each of its articles said instead, to be replayed in
    file order after the state of the articles before them."""

    def __init__(self) -> None:
        self.first: dict[Key, Statement] = {}
        self.unclear: set[Key] = set()
        self.conflicts: list[tuple[Statement, Statement]] = []
        self.said: list[Said] | None = None
        """With :meth:`keep_for_merge`: what each article said, in order, not yet folded."""

    def add(self, article: Article) -> None:
        stated = list(statements(article))
        if not stated:
            return  # an article that states nothing changes nothing, nor does its replay
        said: dict[Key, Statement] = {}
        unclear: list[Key] = []
        ref = article.ref
        for key, found in stated:
            statement = replace(found, article=ref)
            if key in said and said[key].values != statement.values and key not in unclear:
                unclear.append(key)  # two values in one article: different things, or unsure
            said.setdefault(key, statement)
        told = tuple(unclear), tuple(item for item in said.items() if item[0] not in unclear)
        if self.said is not None:
            self.said.append(told)
        else:
            self._fold(told)

    def _fold(self, told: Said) -> None:
        unclear, said = told
        self.unclear.update(unclear)
        for key, statement in said:
            if key in self.unclear:
                continue
            earlier = self.first.setdefault(key, statement)
            if not _same(earlier.values, statement.values):
                self.conflicts.append((earlier, statement))

    def keep_for_merge(self) -> None:
        self.said = []

    def merge(self, later: ConflictCollector) -> None:
        assert later.said is not None, "merge a collector kept for merging"
        if self.said is not None:
            self.said.extend(later.said)
            return
        for told in later.said:
            self._fold(told)

    def finish(self) -> Iterator[FileProblem]:
        for told in self.said or ():
            self._fold(told)
        self.said = None
        for earlier, later in self.conflicts:
            problem = Problem(
                later.span,
                f"figures for {later.subject} differ: {later.text!r} here, but {earlier.text!r} "
                f"on line {earlier.span.line} ({earlier.subject})",
                hint="check which figure is right; if both are (different years, different "
                "plants), say so in the text",
            )
            yield FileProblem(problem, later.excerpt, later.article)


def _same(first: tuple[float, ...], second: tuple[float, ...]) -> bool:
    return len(first) == len(second) and all(
        abs(a - b) <= 1e-9 * max(abs(a), abs(b)) for a, b in zip(first, second, strict=True)
    )


def collector(context: Context) -> ConflictCollector:
    return ConflictCollector()


RULE = FileRule(
    code="KZ407",
    name="conflicting-figures",
    severity=Severity.WARNING,
    doc=__doc__ or "",
    collector=collector,
)
