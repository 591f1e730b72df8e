"""Use the newsroom's preferred term instead of a rejected one.

A newsroom's style decisions, kept as data: ``reject -> prefer`` pairs, optionally valid from a
date (an agency renamed, a city renamed), in the format of Vale's substitution rule. kzvalidate
ships only entries that are certain (``contracts/vocabulary/preferred-terms.toml``); a newsroom
adds its own under ``vocabulary.preferred-terms`` in its configuration, for example::

    [tool.kzvalidate.vocabulary.preferred-terms]
    Kazinform = { prefer = "Qazinform", since = 2025-06-01 }

A rejected form is matched as a whole word, with the case written, in the title, the image credit
and the body; a term with ``since`` applies to articles dated on or after that day.
``--fix --unsafe-fixes`` writes the preferred form (unsafe: a quotation or a historical name may
need the old one).

Fails::

    03.03.2026, 13:10 11751
    Head of State signs decree appointing new chief justices and judges
    The decree was signed under the Constitution of the Republic of Kazakstan.

Passes::

    03.03.2026, 13:10 11751
    Head of State signs decree appointing new chief justices and judges
    The decree was signed under the Constitution of the Republic of Kazakhstan.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from datetime import date

from kzvalidate.dump.blocks import Article
from kzvalidate.dump.dialect import date_parts
from kzvalidate.language.text import span_in
from kzvalidate.model import Field, Fix, Problem, Severity
from kzvalidate.rules.base import ArticleRule, Context, FixSafety


def article_date(article: Article) -> date | None:
    parts = date_parts(article.header.date.text)
    try:
        return None if parts is None else date(*parts)
    except ValueError:
        return None


def may_hold_a_form(pattern: re.Pattern[str], fields: Sequence[Field]) -> bool:
    """Whether ``pattern`` may match in one of the fields: one search of their text joined by
    line feeds, which finds every form a search of each field finds (a line feed is no word
    character, so a form at the edge of a field stands alone in both)."""
    return pattern.search("\n".join(field.text for field in fields)) is not None


def check(article: Article, context: Context) -> Iterator[Problem]:
    pattern = context.vocabulary.rejected_pattern
    if pattern is None:
        return
    fields = article.prose
    if not may_hold_a_form(pattern, fields):
        return
    day: date | None = None
    for field in fields:
        for match in pattern.finditer(field.text):
            term = context.vocabulary.term(match.group())
            day = day or article_date(article)
            if not term.applies_on(day):
                continue
            span = span_in(field, match.start(), match.end())
            since = f" since {term.since.isoformat()}" if term.since else ""
            yield Problem(
                span,
                f"{term.reject!r} is not the preferred term{since}: the newsroom writes "
                f"{term.prefer!r}",
                hint=f"write {term.prefer!r}",
                fix=Fix.replace(f"write {term.prefer!r}", span, term.prefer, safe=False),
            )


RULE = ArticleRule(
    code="KZ306",
    name="preferred-term",
    severity=Severity.WARNING,
    fix_safety=FixSafety.UNSAFE,
    doc=__doc__ or "",
    check=check,
)
