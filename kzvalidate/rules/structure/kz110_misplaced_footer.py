"""The copyright footer must be the last line of its article.

Text after the footer, or a second footer, usually means two articles were glued together with
the second header lost, or the scraper appended related-news snippets.

Fails::

    03.03.2026, 10:44 12056
    Kazakhstan appoints new deputy head of Civil Service Affairs Agency
    The second decree appoints Ulan Bekish as the new deputy head of the Agency.
    This information may not be reproduced without reference to Kazakhstan Today. Copyright of materials of News Agency Kazakhstan Today.
    Read also: President receives Minister of Energy

Passes::

    03.03.2026, 10:44 12056
    Kazakhstan appoints new deputy head of Civil Service Affairs Agency
    The second decree appoints Ulan Bekish as the new deputy head of the Agency.
    This information may not be reproduced without reference to Kazakhstan Today. Copyright of materials of News Agency Kazakhstan Today.
"""

from __future__ import annotations

from collections.abc import Iterator

from kzvalidate.dump.blocks import Article, is_blank
from kzvalidate.model import Problem, Severity
from kzvalidate.rules.base import ArticleRule, Context, plural


def check(article: Article, context: Context) -> Iterator[Problem]:
    last = article.last_line.number
    for footer in article.misplaced_footers:
        following = sum(
            1 for line in article.lines if line.number > footer.span.line and not is_blank(line)
        )
        yield Problem(
            footer.span,
            f"the copyright footer is followed by {plural(following, 'more line')} of the "
            f"article (up to line {last}); it must be the article's last line",
            hint="move the footer to the end of the article, or add the missing header of the "
            "next article after it",
        )


RULE = ArticleRule(
    code="KZ110",
    name="misplaced-footer",
    severity=Severity.ERROR,
    doc=__doc__ or "",
    check=check,
)
