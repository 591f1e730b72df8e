"""The article contract's record: a parsed article as the JSON document the contract describes
(``contracts/article.schema.json``); values that cannot be read are kept as their raw text so the
schema check can report them.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from datetime import date, datetime, tzinfo
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from kzvalidate.contract.collection import Entry, content_hash, minute_title_key
from kzvalidate.dump.blocks import Article
from kzvalidate.dump.dialect import date_parts, time_parts, views_value
from kzvalidate.model import Excerpt, Span
from kzvalidate.quantities.figures import Figure, article_figures
from kzvalidate.quantities.units import load_table

ZONE = "Asia/Almaty"

Record = dict[str, Any]


@functools.cache
def almaty() -> tzinfo:
    """Asia/Almaty from the bundled ``tzdata`` (same answer everywhere), else the system's.

    The file is found from the package's folder, not with ``importlib.resources``, which costs
    four milliseconds to import (issue 12)."""
    from zoneinfo import ZoneInfo  # lazy: once, when the first date-time is built

    try:
        with _bundled_zone_file().open("rb") as handle:
            return ZoneInfo.from_file(handle, key=ZONE)
    except (ModuleNotFoundError, FileNotFoundError):
        return ZoneInfo(ZONE)


def _bundled_zone_file() -> Path:
    """Where ``tzdata`` keeps :data:`ZONE`; ModuleNotFoundError if it is not installed."""
    spec = find_spec("tzdata.zoneinfo")
    folders = [] if spec is None else spec.submodule_search_locations or []
    if not folders:
        raise ModuleNotFoundError("tzdata.zoneinfo", name="tzdata.zoneinfo")
    return Path(next(iter(folders))) / ZONE


def published_at(date: tuple[int, int, int] | None, time: tuple[int, int] | None) -> str | None:
    """ISO 8601 date-time with Kazakhstan's offset on that date, or None if not a real moment."""
    found = _published(date, time)
    return None if found is None else found[0]


@functools.lru_cache(maxsize=4096)
def _published(
    date: tuple[int, int, int] | None, time: tuple[int, int] | None
) -> tuple[str, datetime, str] | None:
    """The ISO publication moment, the date-time read back from it and that to the minute, as a
    title key holds it (cached: a dump has a few dozen articles a day, and an article's record
    and entry both ask)."""
    if date is None or time is None:
        return None
    try:
        moment = datetime(*date, *time, tzinfo=almaty())
    except ValueError:
        return None
    text = moment.isoformat()  # its seconds are ":00", the only ones: a header has none
    return text, datetime.fromisoformat(text), text[:16] + text[19:]


def span_record(path: str, span: Span) -> dict[str, Any]:
    return {
        "path": path,
        "line": span.line,
        "column": span.column,
        "end_line": span.end_line,
        "end_column": span.end_column,
    }


def article_record(article: Article) -> Record:
    """The article as a contract record; values that cannot be read are kept as their raw text."""
    header = article.header
    date = date_parts(header.date.text)
    time = time_parts(header.time.text)
    record: Record = {
        "date": "{:04d}-{:02d}-{:02d}".format(*date) if date else header.date.text,
        "time": "{:02d}:{:02d}".format(*time) if time else header.time.text,
    }
    published = published_at(date, time)
    if published is not None:
        record["published"] = published
    if header.views is not None:
        views = views_value(header.views.text)
        record["views"] = header.views.text if views is None else views
    if article.title is not None:
        record["title"] = article.title.text
    if article.credit is not None:
        record["image_credit"] = article.credit.source.text
    record["body"] = [paragraph.text for paragraph in article.body]
    if article.footer is not None:
        record["footer"] = article.footer.text
    record["figures"] = figure_records(article)
    if article.crawled is not None and _is_iso_date(article.crawled.text):
        record["crawled"] = article.crawled.text
    digest = article_hash(article)
    if digest is not None:
        record["content_hash"] = digest
    record["source"] = span_record(article.path, article.span)
    return record


def article_entry(article: Article) -> Entry:
    """What the collection rules keep of an article (see :mod:`kzvalidate.contract.collection`)."""
    header = article.header
    moment = _published(date_parts(header.date.text), time_parts(header.time.text))
    title = None if article.title is None else article.title.text
    end = (header.views or header.time).span.end_column - 1
    return Entry(
        path=article.path,
        line=header.line.number,
        span=Span.on_line(header.line.number, header.date.span.column - 1, end),
        header=Excerpt.of(header.line, 0, end, context=0),
        published=None if moment is None else moment[1],
        content_hash=article_hash(article),
        title_key=None if not title or moment is None else minute_title_key(title, moment[2]),
        article=article.ref,
    )


class _LastHash:
    """The content hash of the article hashed last: its record and its collection entry are
    built one after the other, and hashing costs more than the rest of the entry. One tuple,
    so that a thread never reads one article's hash for another."""

    kept: tuple[Article, str | None] | None = None


def article_hash(article: Article) -> str | None:
    """The article's content hash (:func:`kzvalidate.contract.collection.content_hash`)."""
    kept = _LastHash.kept
    if kept is not None and kept[0] is article:
        return kept[1]
    title = None if article.title is None else article.title.text
    digest = content_hash(title, (paragraph.text for paragraph in article.body))
    _LastHash.kept = (article, digest)
    return digest


def _is_iso_date(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def figure_records(article: Article) -> list[Record]:
    """Every figure of the article's title and body, in text order, as contract records."""
    path, records = article.path, []
    for field, figure in article_figures(article):
        line, column = field.span.line, field.span.column
        span = {  # span_record(path, figure_span(field, figure)), without the Span between
            "path": path,
            "line": line,
            "column": column + figure.start,
            "end_line": line,
            "end_column": column + figure.end,
        }
        records.append(_figure_record(figure, span))
    return records


def figure_record(figure: Figure, span: Mapping[str, Any]) -> Record:
    return _figure_record(figure, dict(span))


def _figure_record(figure: Figure, span: Record) -> Record:
    """The figure's record, holding ``span`` itself (its base values computed here as
    :attr:`Figure.base_value` and :attr:`Figure.base_upper` compute them, without the calls)."""
    unit, upper = figure.unit, figure.upper
    record: Record = {
        "text": figure.text,
        "value": figure.value,
        "unit": unit.unit,
        "dimension": unit.dimension,
        "base_value": figure.value * unit.factor,
        "base_unit": load_table().dimensions[unit.dimension],
    }
    if upper is not None:
        record["upper"] = upper
        record["base_upper"] = upper * unit.factor
    if figure.qualifier is not None:
        record["qualifier"] = figure.qualifier
    record["span"] = span
    return record
