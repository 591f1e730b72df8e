"""Figures compared with each other must measure the same thing.

``from 6 tons to 12 km`` or ``$5 million, including KZT 2 billion`` compare quantities of different
dimensions: a unit was swapped in translation, or a figure belongs to something else. Each
currency is a dimension of its own, since a linter knows no exchange rates; an equivalent in
another currency given in brackets (``€4 million (KZT 2.1 billion)``) is a restatement, not a
comparison. The rule reads ``from X to Y`` and ``W ..., including P`` (see KZ402); a percentage
that is part of a whole (``including 40%``) is no mismatch.

Fails::

    03.03.2026, 19:00 10846
    President Tokayev briefed on 2029 energy roadmap and refinery growth
    Capacity will grow from 6 million tons to 12 km per annum.

Passes::

    03.03.2026, 19:00 10846
    President Tokayev briefed on 2029 energy roadmap and refinery growth
    A grant will grow from €4 million (KZT 2.1 billion) to €5 million (KZT 2.6 billion).
"""

from __future__ import annotations

from collections.abc import Iterator

from kzvalidate.dump.blocks import Article
from kzvalidate.model import Field, Problem, Severity, Span
from kzvalidate.quantities.comparisons import changes, parts
from kzvalidate.quantities.figures import Figure, figure_span, figured_paragraphs
from kzvalidate.quantities.units import dimension_words
from kzvalidate.rules.base import ArticleRule, Context

HINT = "check the units against the source: one is wrong, or the figures are about different things"
RELATIVE = frozenset({"share", "percentage-point"})
"""Dimensions of figures that are relative to another (a part may be a percentage)."""


def _span(field: Field, first: Figure, second: Figure) -> Span:
    start, end = figure_span(field, first), figure_span(field, second)
    return Span(start.line, start.column, end.end_line, end.end_column)


def _described(figure: Figure) -> str:
    return f"{figure.text!r} ({dimension_words(figure.dimension)})"


def check(article: Article, context: Context) -> Iterator[Problem]:
    for field, reading in figured_paragraphs(article):
        found = reading.figures
        if len(found) < 2 or len({figure.dimension for figure in found}) < 2:
            continue
        for change in changes(field.text, found):
            before, after = change.before, change.after
            if before.dimension != after.dimension:
                yield Problem(
                    _span(field, before, after),
                    f"a change from {_described(before)} to {_described(after)} compares "
                    "different things",
                    hint=HINT,
                )
        for relation in parts(field.text, found):
            whole, part = relation.whole, relation.part
            dimensions = {whole.dimension, part.dimension}
            if len(dimensions) == 1 or dimensions & RELATIVE:
                continue
            first, second = sorted((whole, part), key=lambda figure: figure.start)
            yield Problem(
                _span(field, first, second),
                f"{_described(part)} is given as part of {_described(whole)}",
                hint=HINT,
            )


RULE = ArticleRule(
    code="KZ405",
    name="dimension-mismatch",
    severity=Severity.ERROR,
    doc=__doc__ or "",
    check=check,
)
