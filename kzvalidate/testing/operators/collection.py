"""Operators for the collection rules (KZ5xx): an article crawled twice, crawled again after an
edit, pasted out of newest-first order, and dated after the file's crawl day or in the future.

The articles they add are copies of the article they are given (which carries no other defect),
put right after it, so that they bring no defect of another rule with them.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

from hypothesis import strategies as st

from kzvalidate.contract.record import article_entry, published_at
from kzvalidate.dump.blocks import Article
from kzvalidate.dump.parser import parse_bytes
from kzvalidate.dump.render import render_record
from kzvalidate.testing.draft import Draft, Operator, Roles
from kzvalidate.testing.operators.edits import HeaderParts, article, written_date
from kzvalidate.testing.record import Record, records

UPDATE_PARAGRAPH = "The article was updated later in the day."
EARLIEST_CRAWL = date(2025, 1, 1)
"""The crawl day written when no article has a date that can be read."""


def _copy_after(draft: Draft, roles: Roles, lines: list[str]) -> int:
    """Put ``lines`` (an article) right after the article; the index of its header."""
    at = roles.footer + 1
    for offset, text in enumerate(lines):
        draft.insert_line(at + offset, text)
    return at


def _article_lines(draft: Draft, roles: Roles) -> list[str]:
    return [draft.text(index) for index in range(roles.header, roles.footer + 1)]


def _mark_header(draft: Draft, index: int, code: str, description: str) -> None:
    draft.mark(index, 0, len(draft.text(index)), code, description)


def _crawled_twice(draw: st.DrawFn, draft: Draft, roles: Roles) -> None:
    """A copy of the article right after it, maybe with another view count (KZ501)."""
    lines = _article_lines(draft, roles)
    views = draw(st.integers(0, 100_000))
    if draw(st.booleans()):
        lines[0] = replace(HeaderParts.of(roles.record), views=str(views)).text()
    header = _copy_after(draft, roles, lines)
    _mark_header(draft, header, "KZ501", f"a copy of {article(roles)}")


def _crawled_again_after_an_edit(draw: st.DrawFn, draft: Draft, roles: Roles) -> None:
    """A copy of the article with the same header and title and one more paragraph (KZ502)."""
    lines = _article_lines(draft, roles)
    lines.insert(len(lines) - 1, UPDATE_PARAGRAPH)
    header = _copy_after(draft, roles, lines)
    _mark_header(draft, header, "KZ502", f"an edited copy of {article(roles)}")


def _newer_article_after(draw: st.DrawFn, draft: Draft, roles: Roles) -> None:
    """An article published minutes after this one, put after it instead of before (KZ503)."""
    record = roles.record
    published = datetime.fromisoformat(record["published"])
    later = published.replace(tzinfo=None) + timedelta(minutes=draw(st.integers(1, 600)))
    parts = replace(
        HeaderParts.of(record), date=written_date(later.date()), time=later.strftime("%H:%M")
    )
    lines = _article_lines(draft, roles)
    lines[0] = parts.text()
    lines[1] = "Update: " + lines[1]
    header = _copy_after(draft, roles, lines)
    _mark_header(draft, header, "KZ503", f"an article newer than {article(roles)}, after it")


def _published_in_the_future(draw: st.DrawFn, draft: Draft, roles: Roles) -> None:
    """The header's year moved centuries ahead (KZ504)."""
    day = date.fromisoformat(roles.record["date"])
    future = day.replace(year=draw(st.integers(2900, 9999)), day=min(day.day, 28))
    draft.lines[roles.header].text = replace(
        HeaderParts.of(roles.record), date=written_date(future)
    ).text()
    _mark_header(draft, roles.header, "KZ504", f"{article(roles)} dated {future}")


def _article_after_the_crawl_day(draw: st.DrawFn, draft: Draft, roles: Roles) -> None:
    """A ``date YYYY-MM-DD`` line before the first header, the day of the newest article, and a
    new first article dated the day after (KZ504)."""
    articles = [b for b in parse_bytes(draft.data()) if isinstance(b, Article)]
    days = [entry.published.date() for entry in map(article_entry, articles) if entry.published]
    crawled = max(days, default=EARLIEST_CRAWL)
    record = draw(records())
    later = crawled + timedelta(days=1)
    record["date"] = later.isoformat()
    record["published"] = published_at((later.year, later.month, later.day), _clock(record))
    lines = [f"date {crawled.isoformat()}", *render_record(record).split("\n")[:-1]]
    for offset, text in enumerate(lines):
        draft.insert_line(offset, text)
    _mark_header(draft, 1, "KZ504", f"an article dated {later}, crawled {crawled}")


def _clock(record: Record) -> tuple[int, int]:
    hours, minutes = record["time"].split(":")
    return int(hours), int(minutes)


OPERATORS: tuple[Operator, ...] = (
    Operator("KZ501", _crawled_twice),
    Operator("KZ502", _crawled_again_after_an_edit),
    Operator("KZ503", _newer_article_after),
    Operator("KZ504", _published_in_the_future),
    Operator("KZ504", _article_after_the_crawl_day, stage=2),
)
"""The operators of the collection rules (KZ5xx), in code order."""
