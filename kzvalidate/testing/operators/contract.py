"""Operators for the contract rules (KZ2xx): impossible header dates and times, negative, malformed,
damaged or missing view counts."""

from __future__ import annotations

import calendar
from dataclasses import replace
from datetime import date, timedelta

from hypothesis import strategies as st

from kzvalidate.dump.dialects import DEFAULT
from kzvalidate.testing.draft import Draft, Operator, Roles
from kzvalidate.testing.operators.edits import HeaderParts, article, rewrite_header, written_date
from kzvalidate.testing.record import FIRST_DATE


@st.composite
def impossible_dates(draw: st.DrawFn) -> str:
    """``DD.MM.YYYY`` dates no calendar has (``31.02.2026``, ``00.13.2026``, year 0000), or real
    ones before :data:`FIRST_DATE`, which no timestamp of Kazakhstan's time can write."""
    kind = draw(st.sampled_from(["day", "month", "year", "early"]))
    if kind == "early":
        return written_date(draw(st.dates(date(1, 1, 1), FIRST_DATE - timedelta(days=1))))
    year = 0 if kind == "year" else draw(st.integers(1, 9999))
    if kind == "month":
        month = draw(st.one_of(st.just(0), st.integers(13, 99)))
        day = draw(st.integers(0, 99))
    else:
        month = draw(st.integers(1, 12))
        if kind == "year":
            day = draw(st.integers(1, 28))
        else:
            length = calendar.monthrange(year, month)[1]
            day = draw(st.one_of(st.just(0), st.integers(length + 1, 99)))
    return DEFAULT.canonical_date((year, month, day))


def _impossible_date(draw: st.DrawFn, draft: Draft, roles: Roles) -> None:
    """The header date made impossible, written DD.MM.YYYY: ``31.02.2026``, ``01.13.2026``,
    ``10.10.0000``, or a day before 2 May 1924 (KZ201)."""
    written = draw(impossible_dates())
    description = f"date {written!r} in the header of {article(roles)}"
    rewrite_header(draft, roles, "date", "KZ201", description, date=written)


def _impossible_time(draw: st.DrawFn, draft: Draft, roles: Roles) -> None:
    """The header time off the clock (``25:61``, ``24:00``, ``12:60``) or unreadable (``14:5``)
    (KZ202)."""
    written = draw(
        st.one_of(
            st.builds("{:02d}:{:02d}".format, st.integers(24, 99), st.integers(0, 99)),
            st.builds("{:02d}:{:02d}".format, st.integers(0, 99), st.integers(60, 99)),
            st.builds("{}:{}".format, st.integers(0, 99), st.integers(0, 9)),
        )
    )
    description = f"time {written!r} in the header of {article(roles)}"
    rewrite_header(draft, roles, "time", "KZ202", description, time=written)


def _negative_views(draw: st.DrawFn, draft: Draft, roles: Roles) -> None:
    """A minus sign (hyphen or U+2212) before a non-zero view count: ``-12`` (KZ203)."""
    count = roles.record["views"] or draw(st.integers(1, 10**6))
    written = draw(st.sampled_from(["-", "\u2212"])) + str(count)
    description = f"views {written!r} in the header of {article(roles)}"
    rewrite_header(draft, roles, "views", "KZ203", description, views=written)


def _views_not_integer(draw: st.DrawFn, draft: Draft, roles: Roles) -> None:
    """A view count that is not plain digits: ``12k``, ``1,204``, ``12.5``, ``+7``, ``-0``,
    ``1_000``, full-width digits (KZ204)."""
    n = draw(st.integers(1, 999))
    written = draw(
        st.sampled_from(
            [
                f"{n}k",
                f"{n}K",
                f"{n},204",
                f"{n}.5",
                f"+{n}",
                "-0",
                "\u22120",
                f"{n}_000",
                str(n).translate({ord(d): 0xFF10 + int(d) for d in "0123456789"}),
            ]
        )
    )
    description = f"views {written!r} in the header of {article(roles)}"
    rewrite_header(draft, roles, "views", "KZ204", description, views=written)


VIEWS_PLACEHOLDERS = (
    "n/a",
    "N/A",
    "na",
    "none",
    "-",
    "--",
    "\u2014",
    "\u2013",
    "?",
    "...",
    "views",
)
"""What scrapers write where they read no view count."""


def _damaged_view_count(draw: st.DrawFn, draft: Draft, roles: Roles) -> None:
    """A view count grouped with spaces (``12 345``), followed by ``views``, or a placeholder
    (``n/a``, ``\u2014``, ``-``): the header must still open its article (KZ204)."""
    count = roles.record["views"]
    grouped = f"{count:,}".replace(",", draw(st.sampled_from([" ", "\u00a0", "\u202f"])))
    forms = [f"{count} views", *VIEWS_PLACEHOLDERS]
    if count >= 1000:
        forms.append(grouped)
    written = draw(st.sampled_from(forms))
    description = f"views {written!r} in the header of {article(roles)}"
    rewrite_header(draft, roles, "views", "KZ204", description, views=written)


def _views_removed(draw: st.DrawFn, draft: Draft, roles: Roles) -> None:
    """The view count (and the blank before it) deleted from an article's header (KZ205)."""
    parts = replace(HeaderParts.of(roles.record), views=None)
    draft.lines[roles.header].text = parts.text()
    end = parts.offsets()["time"][1]
    description = f"views removed from the header of {article(roles)}"
    draft.mark(roles.header, end, end, "KZ205", description)


OPERATORS: tuple[Operator, ...] = (
    Operator("KZ201", _impossible_date),
    Operator("KZ202", _impossible_time),
    Operator("KZ203", _negative_views),
    Operator("KZ204", _views_not_integer),
    Operator("KZ204", _damaged_view_count),
    Operator("KZ205", _views_removed),
)
"""The operators of the contract rules (KZ2xx), in code order."""
