"""A change must go the way its sentence says: an increase goes up, a fall goes down.

``plans to increase capacity from 12 to 6 million tons`` or ``exports fell from 5 to 7 billion
dollars`` contradict themselves: the figures are swapped, or one is wrong. The rule reads
``from X to Y`` for two figures of one dimension, and the nearest word of direction before it in
the same sentence (``increase``, ``rise``, ``grow``, ``expand``, ``boost``... ``decrease``,
``fall``, ``decline``, ``drop``, ``reduce``, ``cut``...). A change with no such word is not
checked.

Fails::

    03.03.2026, 19:00 10846
    President Tokayev briefed on 2029 energy roadmap and refinery growth
    The plan is to increase the capacity of the Shymkent Refinery from 12 to 6 million tons per annum.

Passes::

    03.03.2026, 19:00 10846
    President Tokayev briefed on 2029 energy roadmap and refinery growth
    The plan is to increase the capacity of the Shymkent Refinery from 6 to 12 million tons per annum.
"""

from __future__ import annotations

from collections.abc import Iterator

from kzvalidate.dump.blocks import Article
from kzvalidate.model import Problem, Severity, Span
from kzvalidate.quantities.comparisons import changes
from kzvalidate.quantities.figures import figure_span, figured_paragraphs
from kzvalidate.rules.base import ArticleRule, Context


def movement(before: float, after: float) -> str:
    return "up" if after > before else "down" if after < before else "nowhere"


def check(article: Article, context: Context) -> Iterator[Problem]:
    for field, reading in figured_paragraphs(article):
        if "from" not in field.text:
            continue
        for change in changes(field.text, reading.figures):
            before, after = change.before, change.after
            if change.direction is None or before.dimension != after.dimension:
                continue
            goes = movement(before.base_value, after.base_value)
            if goes == change.direction:
                continue
            start, end = figure_span(field, before), figure_span(field, after)
            yield Problem(
                Span(start.line, start.column, end.end_line, end.end_column),
                f"{change.verb!r}, but from {before.text!r} to {after.text!r} the figure goes "
                f"{goes}",
                hint="check the order of the figures and the verb against the source",
            )


RULE = ArticleRule(
    code="KZ404",
    name="range-direction",
    severity=Severity.WARNING,
    doc=__doc__ or "",
    check=check,
)
