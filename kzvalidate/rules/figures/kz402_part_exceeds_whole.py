"""A part must not be larger than the whole it is part of, once both are in the same unit.

``3.2 tons of drugs, including 4,000 kg of heroin`` states something impossible: 4,000 kg is
4 tons, more than the 3.2 tons it is part of. Mixed units are where translation and re-typing go
wrong, so both figures are converted (pint's factors, ``contracts/units.json``) before they are
compared. The rule reads ``W ..., including P`` (also ``of which``, ``of them``, ``among them``)
and ``P out of W`` for two figures of the same dimension in a row, in one sentence, and no other
wording.

Qualifiers are read as news style writes them: the figure stated is the rounded total. A whole
written ``about``, ``around``, ``approximately``, ``roughly`` or ``some`` may be larger than
stated by half a unit of its last digit (``about 2.5 tons``: up to 2.55 tons); one written
``nearly``, ``almost`` or ``up to`` is at most what is stated. A part larger than that is
reported. A part written ``about`` or ``nearly`` is read at its smallest rounding (``about 3,100
kg``: 3,050 kg), so a part within rounding of its whole is not reported; a part written as an
upper bound (``up to 5 tons``) never is. A whole written as a lower bound (``more than``,
``over``, ``at least``) is KZ408 (``part-exceeds-lower-bound``, a warning), not this rule.

Fails::

    23.05.2025, 16:54 13141
    Activities of 13 criminal groups suppressed, 142 members detained
    Police confiscated 3.2 tons of drugs, including 4,000 kg of heroin.

    23.05.2025, 16:54 13141
    Almaty akimat reports on road repairs
    About 5 million tenge was spent, including 6 million tenge on roads.

Passes::

    03.03.2026, 14:12 11421
    Kazakh Interior Ministry says crimes down 8% in two months of 2026
    881.5 kg of drugs were seized, including over 104 kg of synthetic drugs.
"""

from __future__ import annotations

from collections.abc import Iterator

from kzvalidate.dump.blocks import Article
from kzvalidate.model import Problem, Severity
from kzvalidate.quantities.comparisons import article_parts, exceeds
from kzvalidate.quantities.figures import figure_span, in_unit_of
from kzvalidate.rules.base import ArticleRule, Context


def check(article: Article, context: Context) -> Iterator[Problem]:
    for field, relation in article_parts(article):
        if not exceeds(relation.part, relation.whole):
            continue
        part, whole = relation.part, relation.whole
        yield Problem(
            figure_span(field, part),
            f"the part {part.qualified_text!r} is {in_unit_of(part, whole)}, more than the "
            f"whole {whole.qualified_text!r} it is part of ({relation.connector!r})",
            hint="check both figures and their units against the source",
        )


RULE = ArticleRule(
    code="KZ402",
    name="part-exceeds-whole",
    severity=Severity.ERROR,
    doc=__doc__ or "",
    check=check,
)
