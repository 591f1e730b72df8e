"""Image credits must read "Images | Source".

The line after the title may credit the images as ``Images | Source``. A credit with another label
or separator (``Photo: Akorda``, ``Images|Akorda``) is understood but breaks tools that read the
credit strictly; ``--fix`` rewrites it. A credit that names no source is reported by
``empty-image-credit``.

Fails::

    28.02.2026, 17:10 49696
    Kazakhstan's Air Astana announces changes to Middle East flights
    Photo: Depositphotos

Passes::

    28.02.2026, 17:10 49696
    Kazakhstan's Air Astana announces changes to Middle East flights
    Images | Depositphotos
"""

from __future__ import annotations

from collections.abc import Iterator

from kzvalidate.dump.blocks import Article
from kzvalidate.model import Fix, Problem, Severity
from kzvalidate.rules.base import ArticleRule, Context, FixSafety, quoted


def check(article: Article, context: Context) -> Iterator[Problem]:
    if article.credit is None:
        return
    credit = article.credit
    if not credit.source.text.strip():
        return
    label = context.dialect.credit_label
    wanted = context.dialect.canonical_credit(credit.source.text)
    if credit.text.text != wanted:
        yield Problem(
            credit.text.span,
            f"image credit {quoted(credit.text.text)} is not written {label + 'Source'!r}",
            hint=f"write it as {wanted!r}",
            fix=Fix.replace(f"rewrite the credit as {wanted!r}", credit.text.span, wanted),
        )


RULE = ArticleRule(
    code="KZ107",
    name="malformed-image-credit",
    severity=Severity.WARNING,
    fix_safety=FixSafety.SAFE,
    doc=__doc__ or "",
    check=check,
)
