"""An article must not be published after the day its file was crawled, nor in the future.

A scraper that states the day it crawled a file (seed 000 begins with ``date 2026-03-04``
before its first header) cannot have seen an article published after that day: such a date is a
typo in the header (a wrong day or month) or the article was pasted in from a later crawl. An
article published after the moment kzvalidate runs is wrong whether or not the file states a
crawl day. The date of the header is compared, in Kazakhstan's time, with the crawl day.

Fails::

     date 2026-03-04 03.03.2026, 14:12 11421
    Kazakh Interior Ministry says crimes down 8% in two months of 2026
    05.03.2026, 10:44 12056
    Kazakh President meets with Kyrgyz PM

Passes::

     date 2026-03-04 03.03.2026, 14:12 11421
    Kazakh Interior Ministry says crimes down 8% in two months of 2026
    03.03.2026, 10:44 12056
    Kazakh President meets with Kyrgyz PM
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

from kzvalidate.contract.record import article_entry, published_at
from kzvalidate.dump.blocks import Article
from kzvalidate.dump.dialect import date_parts
from kzvalidate.model import Problem, Severity, Span
from kzvalidate.rules.base import ArticleRule, Context
from kzvalidate.rules.collection.common import moment


def check(article: Article, context: Context) -> Iterator[Problem]:
    header = article.header
    parts = date_parts(header.date.text)
    if parts is None or published_at(parts, (0, 0)) is None:
        return  # not a real date: KZ201's finding
    crawled = _crawl_day(article)
    if crawled is not None and parts > (crawled.year, crawled.month, crawled.day):
        yield Problem(
            _header_span(article),
            f"published {context.dialect.canonical_date(parts)}, after the day the file says it "
            f"was crawled ({crawled.isoformat()})",
            hint="check the header's day and month; a later article was pasted in from another crawl",
        )
        return
    if parts < _yesterday():
        return  # cannot be in the future in any time zone: skip building the moment
    entry = article_entry(article)
    if entry.published is not None and entry.published > datetime.now(UTC):
        yield Problem(
            entry.span,
            f"published {moment(entry.published, context.dialect)}, which is in the future",
            hint="check the header's date, in particular its year",
        )


def _yesterday() -> tuple[int, int, int]:
    day = datetime.now(UTC).date() - timedelta(days=1)
    return day.year, day.month, day.day


def _header_span(article: Article) -> Span:
    header = article.header
    end = (header.views or header.time).span.end_column
    return Span(header.line.number, header.date.span.column, header.line.number, end)


def _crawl_day(article: Article) -> date | None:
    if article.crawled is None:
        return None
    try:
        return date.fromisoformat(article.crawled.text)
    except ValueError:
        return None


RULE = ArticleRule(
    code="KZ504",
    name="published-after-crawl",
    severity=Severity.ERROR,
    doc=__doc__ or "",
    check=check,
)
