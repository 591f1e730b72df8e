"""Strategies for article records: header values (dates, times, view counts) and whole valid
records, as :func:`kzvalidate.contract.article_record` returns them."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from hypothesis import strategies as st

from kzvalidate.contract.record import published_at
from kzvalidate.dump.dialects import DEFAULT
from kzvalidate.testing.text import image_credits, paragraphs, titles

Record = dict[str, Any]

# -- dates ----------------------------------------------------------------------------------------

OFFSET_CHANGE = date(2024, 3, 1)
"""The day Asia/Almaty moved from UTC+06:00 to UTC+05:00."""

FIRST_DATE = date(1924, 5, 2)
"""The first day of Kazakhstan's standard time. Before it Asia/Almaty kept local mean time
(+05:07:48), an offset the contract's ``published`` pattern cannot express, so kzvalidate reports
earlier dates as invalid."""

LAST_DATE = date(2025, 12, 31)
"""The last date of a valid record: later ones may be in the future when the tests run, which
KZ504 reports (its operators write years up to 9999, the last a ``DD.MM.YYYY`` header holds)."""

# -- header values --------------------------------------------------------------------------------


def calendar_dates() -> st.SearchStrategy[date]:
    """Real calendar dates: often within ten days of :data:`OFFSET_CHANGE` (on both sides of it),
    often recent, otherwise any from :data:`FIRST_DATE` to :data:`LAST_DATE`."""
    ten_days = timedelta(days=10)
    return st.one_of(
        st.dates(OFFSET_CHANGE - ten_days, OFFSET_CHANGE + ten_days),
        st.dates(date(1999, 1, 1), LAST_DATE),
        st.dates(FIRST_DATE, LAST_DATE),
    )


def clock_times() -> st.SearchStrategy[str]:
    """A time of day as ``HH:MM``, 00:00 to 23:59."""
    return st.builds("{:02d}:{:02d}".format, st.integers(0, 23), st.integers(0, 59))


def view_counts() -> st.SearchStrategy[int]:
    """A view counter: zero, a typical count, or a very large one."""
    return st.one_of(st.just(0), st.integers(0, 100_000), st.integers(0, 10**18))


# -- records ------------------------------------------------------------------------------------


def _record(
    day: date,
    time: str,
    views: int,
    title: str,
    image_credit: str | None,
    body: list[str],
) -> Record:
    hours, minutes = (int(part) for part in time.split(":"))
    published = published_at((day.year, day.month, day.day), (hours, minutes))
    record: Record = {
        "date": day.isoformat(),
        "time": time,
        "published": published,
        "views": views,
        "title": title,
    }
    if image_credit is not None:
        record["image_credit"] = image_credit
    record["body"] = body
    record["footer"] = DEFAULT.footer
    return record


def records() -> st.SearchStrategy[Record]:
    """Valid article records (``contracts/article.schema.json``) without ``source`` and
    ``figures``."""
    return st.builds(
        _record,
        day=calendar_dates(),
        time=clock_times(),
        views=view_counts(),
        title=titles(),
        image_credit=st.none() | image_credits(),
        body=st.lists(paragraphs(), min_size=1, max_size=6),
    )
