"""An article should write one unit one way (off by default: a house-style rule).

``5 tons`` and ``7 tonnes``, ``$5 million`` and ``7 million US dollars``, ``KZT`` and ``tenge``
in one article read as careless copy, and make the article harder to search. Singular and plural
(``1 ton``, ``5 tons``) and the same form with or without a space (``35 km``, ``35km``) are one
spelling, and the title is left out (headlines write ``8%`` where the body writes ``8 percent``).
Published copy mixes spellings freely, so the rule is off by default; turn it on with
``--extend-select KZ406`` or ``extend-select`` in the configuration. It reports each figure whose
spelling differs from the first one the article used for that unit.

Fails::

    21.05.2025, 22:01 24291
    Olzhas Bektenov holds meeting on implementation of major projects
    The plant will process up to 300,000 tons of concentrate and produce up to 15 tonnes of gold.

Passes::

    21.05.2025, 22:01 24291
    Olzhas Bektenov holds meeting on implementation of major projects
    The plant will process up to 300,000 tons of concentrate and produce up to 15 tons of gold.
"""

from __future__ import annotations

from collections.abc import Iterator

from kzvalidate.dump.blocks import Article
from kzvalidate.model import Problem, Severity
from kzvalidate.quantities.figures import Figure, article_figures, figure_span
from kzvalidate.rules.base import ArticleRule, Context


def spelling(figure: Figure) -> str:
    """The written unit, singular and in lower case for words (``Tons`` and ``ton`` are one)."""
    written = figure.written_unit
    if written.isupper() or (not written.isalpha() and " " not in written):
        return written
    lowered = written.lower()
    return lowered[:-1] if lowered.endswith("s") and len(lowered) > 3 else lowered


def check(article: Article, context: Context) -> Iterator[Problem]:
    first: dict[str, Figure] = {}
    for field, figure in article_figures(article):
        if figure.shared or field is article.title:
            continue
        earlier = first.setdefault(figure.unit.unit, figure)
        if spelling(earlier) == spelling(figure):
            continue
        yield Problem(
            figure_span(field, figure),
            f"{figure.written_unit!r} here, {earlier.written_unit!r} earlier in this article "
            f"(in {earlier.text!r}): one unit written two ways",
            hint=f"write {earlier.written_unit!r} throughout the article",
        )


RULE = ArticleRule(
    code="KZ406",
    name="mixed-unit-spelling",
    severity=Severity.WARNING,
    enabled_by_default=False,
    doc=__doc__ or "",
    check=check,
)
