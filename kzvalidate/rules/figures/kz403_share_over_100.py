"""A share of a population or a total cannot be more than 100%.

``112% of residents`` states something impossible: no part of the residents is larger than all of
them. A growth rate (``rose 150%``), an index level (``the index stood at 101.2%``, ``104.8% of the
level of last year``) or a ratio to another quantity (``112% of GDP``) can be above 100%, so only a
percentage directly followed by ``of`` and a population or total is read as a share:
``of residents``, ``of the population``, ``of Kazakhstanis``, ``of respondents``, ``of the
total``, ``of all``...

A qualifier does not hide a share over 100%: news style states the rounded figure, so ``about
130% of the pupils``, ``nearly 120 percent of residents`` and ``more than 100% of voters`` are
reported like ``130% of the pupils``. A figure rounded at its last digit is reported only when
rounding cannot bring it to 100% (``about 100% of``, rounded from 99.5% or more, is not), and
an upper bound (``up to 120%``, ``less than 120% of``) never is, since the share it bounds may
be 100% or less.

Fails::

    23.05.2025, 11:14 12346
    Culture Minister Balayeva announces initiatives
    The sociological data indicates 112% of Kazakhstanis find parenting an important part of life.

    23.05.2025, 11:14 12346
    Culture Minister Balayeva announces initiatives
    The survey found that about 130% of the pupils read books every day.

Passes::

    23.05.2025, 11:14 12346
    Culture Minister Balayeva announces initiatives
    The sociological data indicates 90% of Kazakhstanis find parenting an important part of life.
"""

from __future__ import annotations

from collections.abc import Iterator

from kzvalidate.dump.blocks import Article
from kzvalidate.model import Problem, Severity
from kzvalidate.quantities.comparisons import shares, states_more_than
from kzvalidate.quantities.figures import figure_span, figured_paragraphs
from kzvalidate.rules.base import ArticleRule, Context

WHOLE = 100.0


def check(article: Article, context: Context) -> Iterator[Problem]:
    for field, reading in figured_paragraphs(article):
        if "%" not in field.text and "per" not in field.text:
            continue
        for share in shares(field.text, reading.figures):
            figure = share.figure
            if not states_more_than(figure, WHOLE):
                continue
            yield Problem(
                figure_span(field, figure),
                f"{figure.qualified_text!r} of {share.whole}: a share cannot be more than 100%",
                hint="check the figure against the source; a share is at most 100%",
            )


RULE = ArticleRule(
    code="KZ403",
    name="share-over-100",
    severity=Severity.ERROR,
    doc=__doc__ or "",
    check=check,
)
