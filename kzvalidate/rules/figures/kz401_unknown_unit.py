"""A quantity must be written with a unit kzvalidate knows.

A number followed by something that reads as a unit abbreviation but is no unit in
``contracts/units.toml`` (``12 kgs``, ``35 kms``, ``5 tn``, ``100 kWt``) is a figure nobody can
convert or compare: usually a misspelt unit, sometimes a unit the registry lacks. What reads as a
unit is a short lower-case abbreviation right after the number (with an optional ``/x`` or ``²``),
that is not an English word, an ordinal (``21st``) or a decade (``1990s``); the known units are
listed by ``kzvalidate figures --units``.

Fails::

    23.05.2025, 17:49 13431
    Almaty to build 35 kms of ski tracks for beginner skiers

Passes::

    23.05.2025, 17:49 13431
    Almaty to build 35 km of ski tracks for beginner skiers
"""

from __future__ import annotations

from collections.abc import Iterator

from kzvalidate.dump.blocks import Article
from kzvalidate.language.text import span_in
from kzvalidate.model import Problem, Severity
from kzvalidate.quantities.figures import figured_paragraphs
from kzvalidate.rules.base import ArticleRule, Context


def check(article: Article, context: Context) -> Iterator[Problem]:
    for field, reading in figured_paragraphs(article):
        for unknown in reading.unknown_units:
            yield Problem(
                span_in(field, unknown.unit_start, unknown.end),
                f"{unknown.unit!r} after {unknown.number!r} is not a unit kzvalidate knows",
                hint="write a unit kzvalidate knows, such as kg, t, km, ha, m³, MW, kWh, $, KZT "
                "or % (`kzvalidate figures --units` lists them)",
            )


RULE = ArticleRule(
    code="KZ401",
    name="unknown-unit",
    severity=Severity.WARNING,
    doc=__doc__ or "",
    check=check,
)
