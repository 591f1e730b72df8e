"""A part should not be larger than a whole stated as a lower bound.

``more than 2.5 tons of drugs, including 3,100 kg of heroin`` is not impossible on its face, since
"more than 2.5 tons" allows 4 tons, but news style states the rounded total after ``more than``,
``over``, ``at least`` or ``above``, rounded down at its last digit: ``more than 2.5 tons`` is
less than 2.6 tons, ``over 2 tons`` less than 3 tons; had the total been over 3.1 tons, the
sentence would say ``more than 3 tons``. A part that reaches past that is a figure or a unit
gone wrong in translation or re-typing far more often than a total stated loosely, so it is
reported, as a warning whose message says that the total is stated as a lower bound. A part
within the rounding (``more than 2 tons ..., including 2,300 kg``) is not. The rule reads the same
constructions as KZ402 (``W ..., including P``, ``of which``, ``among them``, ``P out of W``)
and converts units the same way; a part written as an upper bound (``up to 3 tons``) is never
reported, and a whole stated any other way is KZ402's (``part-exceeds-whole``, an error).

Fails::

    23.05.2025, 16:54 13141
    Activities of 13 criminal groups suppressed, 142 members detained
    Police seized more than 2.5 tons of drugs, including 3,100 kg of heroin.

Passes::

    23.05.2025, 16:54 13141
    Activities of 13 criminal groups suppressed, 142 members detained
    Police seized more than 3.5 tons of drugs, including 3,100 kg of heroin.
"""

from __future__ import annotations

from collections.abc import Iterator

from kzvalidate.dump.blocks import Article
from kzvalidate.model import Problem, Severity
from kzvalidate.quantities.comparisons import (
    article_parts,
    exceeds_lower_bound,
    lower_bound_ceiling,
)
from kzvalidate.quantities.figures import (
    base_value_in_unit_of,
    figure_span,
    in_unit_of,
)
from kzvalidate.rules.base import ArticleRule, Context


def check(article: Article, context: Context) -> Iterator[Problem]:
    for field, relation in article_parts(article):
        if not exceeds_lower_bound(relation.part, relation.whole):
            continue
        part, whole = relation.part, relation.whole
        ceiling = base_value_in_unit_of(lower_bound_ceiling(whole), whole)
        yield Problem(
            figure_span(field, part),
            f"the part {part.qualified_text!r} is {in_unit_of(part, whole)}, more than the "
            f"whole {whole.qualified_text!r} it is part of ({relation.connector!r}): the "
            f"total is stated as a lower bound, rounded down from less than {ceiling}",
            hint="state the larger total (or correct the part) after checking the source",
        )


RULE = ArticleRule(
    code="KZ408",
    name="part-exceeds-lower-bound",
    severity=Severity.WARNING,
    doc=__doc__ or "",
    check=check,
)
