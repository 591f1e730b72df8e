"""Hypothesis strategies for fuzzing pipelines that read kzvalidate dumps.

This module needs `Hypothesis <https://hypothesis.readthedocs.io>`_, which is a development
dependency of kzvalidate: install it with ``pip install kzvalidate[dev]`` (or
``pip install hypothesis``). The rest of kzvalidate never imports this module.

What it offers:

* :func:`records` — valid article records, as :func:`kzvalidate.contract.article_record` returns
  them, minus ``source`` (the parser fills that in from where the article stands in its file);
* :func:`render_record` and :func:`render_dump` — the raw dump text of records, the inverse of
  parsing;
* :func:`dumps` — a list of records together with its rendered text.

Example::

    from hypothesis import given
    from kzvalidate.testing import dumps

    @given(dumps())
    def test_my_loader_reads_every_article(dump):
        records, text = dump
        assert my_loader(text) == records

Text fields are drawn from words and sentences of real dumps mixed with Hypothesis text. They are
restricted to printable characters (no tabs, control characters or line breaks, single spaces
only inside the text) and never look like a dump structure themselves: no title, paragraph or
image credit looks like an article header, the copyright footer, or an ``Images | Source`` line.
So a generated dump always parses back into exactly the generated records.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from typing import Any

try:
    from hypothesis import strategies as st
except ModuleNotFoundError as error:  # pragma: no cover - depends on the environment
    raise ModuleNotFoundError(
        "kzvalidate.testing needs Hypothesis: pip install kzvalidate[dev]"
    ) from error

from kzvalidate.contract import published_at
from kzvalidate.grammar import CREDIT_LABEL, FOOTER

Record = dict[str, Any]

__all__ = [
    "FIRST_DATE",
    "LAST_DATE",
    "OFFSET_CHANGE",
    "calendar_dates",
    "clock_times",
    "dumps",
    "image_credits",
    "is_plain_text",
    "looks_like_footer",
    "looks_like_header",
    "looks_like_image_credit",
    "paragraphs",
    "printable_characters",
    "records",
    "render_dump",
    "render_record",
    "texts",
    "titles",
    "view_counts",
    "words",
]

# -- dates ----------------------------------------------------------------------------------------

OFFSET_CHANGE = date(2024, 3, 1)
"""The day Asia/Almaty moved from UTC+06:00 to UTC+05:00."""

FIRST_DATE = date(1924, 5, 2)
"""The first day of Kazakhstan's standard time. Before it Asia/Almaty kept local mean time
(+05:07:48), an offset the contract's ``published`` pattern cannot express, so kzvalidate reports
earlier dates as invalid."""

LAST_DATE = date(9999, 12, 31)
"""The last date a four-digit ``DD.MM.YYYY`` header can hold."""

# -- vocabulary from the real dumps in fixtures/seeds ---------------------------------------------

SEED_TITLES: tuple[str, ...] = (
    "Kazakh Interior Ministry says crimes down 8% in two months of 2026",
    "President Tokayev briefed on 2029 energy roadmap and refinery growth",
    "Head of State signs decree appointing new chief justices and judges",
    "Kazakhstan appoints new deputy head of Civil Service Affairs Agency",
    "President congratulates Kazakhstanis on Day of Gratitude",
    "Kazakhstan's Air Astana announces changes to Middle East flights",
    "President Tokayev sets several tasks amid escalating situation in Middle East",
    "Kazakhstan ratifies EAEU agreement on vehicle weights and dimensions",
    'President Tokayev Awards President of Serbia the Order of "Altyn Kyran"',
    "Children\u2019s Rights Ombudsman Zakiyeva entrusted with taking additional measures of "
    "inclusive education development",
    "Almaty to build 35 km of ski tracks for beginner skiers",
    "Activities of 13 criminal groups suppressed, 142 members detained, Kazakh National Security "
    "Committee",
    "CPC resumes oil transportation after scheduled shutdown",
    "Culture Minister Balayeva announces initiatives as part of 10-day Children's Day celebration",
    "Olzhas Bektenov holds meeting on implementation of major projects in metallurgy and "
    "petrochemistry",
    "Kazakhstan adopts action plan to deliver its transport and logistics objectives",
    "Kazakh President and PM of Hungary hold talks",
)

SEED_PARAGRAPHS: tuple[str, ...] = (
    "The second decree appoints Ulan Bekish as the new deputy head of the Civil Service Affairs "
    "Agency.",
    "Flight KC899 Almaty-Dubai was diverted to Delhi.",
    "FlyArystan\u2019s flight FS7617 Aktau-Dubai landed at an alternate airport.",
    "Main objectives of the Agreement:",
    "- Effective utilization of the EAEU's transit potential;",
    "- Enhancing road safety;",
    "Head of State has received Children\u2019s Rights Ombusdman Dinara Zakiyeva, Kazinform News "
    "Agency reports.",
    "49 rehabilitation centers have been opened by Qazaqstan Halqyna Foundation together with "
    "partners.",
    "Sagimbayev added that over 16,000 lawbreakers were detained, and 3,025 were deported.",
    "What was done:",
    "Crude lifting from the Marine Terminal has now been resumed in the standard mode.",
    "Efforts are actively underway to combat drug crime, as five drug laboratories were "
    "dismantled. 881.5 kg of drugs were seized, including over 104 kg of synthetic drugs.",
    "Sadenov reported in two months of this year, the crime rate fell 8 percent or 1,300 fewer "
    "reported crimes year on year.",
)

SEED_WORDS: tuple[str, ...] = (
    "$1.5", "(CCGT)", "(TPA)", "1,300", "2024,", "2025,", "23", "3.2", "300,000", "35km", "85%",
    "a", "Akkenzhenov.", "Akorda", "Almaty-Medina,", "announced", "at", "award,", "border",
    "childhood", "compassion,", "Cooperation", "country\u2019s", "court);", "current",
    "detained,", 'Development"', "diverted", "during", "Economy", "emergency", "environmental",
    "expanding.", "facilities,", "fewer", "For", "friendship", "gas", "global", "growth,",
    "Head", "highlighted", "historic", "in", "including", "infrastructure;", "international",
    "Iran", "it", "judges", "justice", "Karaganda,", "Kassym-Jomart", "Kazakhstan.",
    "laboratories", "logistics", "meters.", "Minister", "monitoring", "national", "nationwide,",
    "of", "online", "our", "partners.", "people", "PJSC", "Podsolevoy", "power", "President's",
    "Prime", "Qazinform", "rates", "rehabilitation", "results", "Serbia.", "service.", "signed",
    "So,", "sovereignty.", "State", "strengthen", "support", "system", "talks", "the", "This",
    "Tokayev", "tons).", "transport", "trip", "Turbine", "Up", "were", "western)", "Yertis",
    "Zhambyl,",
)  # fmt: skip

SEED_NUMBERS: tuple[str, ...] = (
    "2025-2030",
    "12.05.2025",
    "3.3.26",
    "2026-03-03",
    "14:12",
    "0:5",
    "25:61",
    "11421",
    "-12",
    "12k",
    "8%",
    "1,204",
)
"""Number-, date- and time-like words that stay prose as long as words follow them."""

SEED_CREDITS: tuple[str, ...] = ("Akorda", "Depositphotos", "CPC press service", "primeminister.kz")

# -- what text must not look like -----------------------------------------------------------------

# Deliberately wider than the dump grammar (any digit groups, any blanks, times with or without
# seconds, any last token), so that no text accepted here can be read as a header, even a damaged
# one.
_HEADER_LIKE_TAIL = re.compile(r"\d+[./-]\d+[./-]\d+[\s,]*\d+(?::\d+)+(?:\s+\S+)?\s*\Z")
_CREDIT_LIKE = re.compile(r"\s*(?:image|photo)[^|:\u00a6\uff5c]{0,16}[|:\u00a6\uff5c]", re.I)
_FOOTER_LIKE_RATIO = 0.6


def looks_like_header(text: str) -> bool:
    """Whether ``text`` ends like a header (``<date> <time> [<views>]``), however damaged."""
    return _HEADER_LIKE_TAIL.search(text) is not None


def looks_like_footer(text: str) -> bool:
    """Whether ``text`` is the copyright footer or anything resembling it."""
    stripped = text.strip()
    if not 0.5 * len(FOOTER) <= len(stripped) <= 1.5 * len(FOOTER):
        return False
    matcher = difflib.SequenceMatcher(None, stripped, FOOTER, autojunk=False)
    return matcher.ratio() >= _FOOTER_LIKE_RATIO


def looks_like_image_credit(text: str) -> bool:
    """Whether ``text`` starts like an image credit (``Images | ...``, ``Photo: ...``)."""
    return _CREDIT_LIKE.match(text) is not None


def is_plain_text(text: str) -> bool:
    """Whether ``text`` can stand as a title or paragraph line and be read back unchanged.

    It is non-empty, printable (no tabs, control characters or line breaks; the only blank is the
    space), has no blanks at either end, and looks like no header, footer or image credit.
    """
    return (
        text != ""
        and text.isprintable()
        and text == text.strip()
        and not looks_like_header(text)
        and not looks_like_footer(text)
        and not looks_like_image_credit(text)
    )


# -- text -----------------------------------------------------------------------------------------


def printable_characters() -> st.SearchStrategy[str]:
    """One printable character other than a blank: letter, mark, digit, punctuation, symbol."""
    return st.characters(codec="utf-8", categories=("L", "M", "N", "P", "S"))


# Strategies over the vocabulary are wrapped in @st.composite so that their repr, which Hypothesis
# prints in reports, is a short call such as ``titles()`` rather than every seed sentence.


@st.composite
def words(draw: st.DrawFn) -> str:
    """One word: mostly from the seed dumps, sometimes a number or date, sometimes random."""
    return draw(
        st.one_of(
            st.sampled_from(SEED_WORDS),
            st.sampled_from(SEED_NUMBERS),
            st.text(printable_characters(), min_size=1, max_size=12),
        )
    )


@st.composite
def texts(draw: st.DrawFn, min_words: int = 1, max_words: int = 20) -> str:
    """Words joined by single spaces, kept only if the result :func:`is_plain_text`."""
    chosen = st.lists(words(), min_size=min_words, max_size=max_words).map(" ".join)
    return draw(chosen.filter(is_plain_text))


@st.composite
def titles(draw: st.DrawFn) -> str:
    """A headline: a real one from the seeds, or generated words."""
    return draw(st.one_of(st.sampled_from(SEED_TITLES), texts(1, 16)))


@st.composite
def paragraphs(draw: st.DrawFn) -> str:
    """A body paragraph: a real one from the seeds, or generated words."""
    return draw(st.one_of(st.sampled_from(SEED_PARAGRAPHS), texts(1, 40)))


def _credit_line_is_plain(source: str) -> bool:
    return not looks_like_footer(CREDIT_LABEL + source)


@st.composite
def image_credits(draw: st.DrawFn) -> str:
    """The source named by an image credit, e.g. ``Akorda`` in ``Images | Akorda``."""
    generated = texts(1, 4).filter(_credit_line_is_plain)
    return draw(st.one_of(st.sampled_from(SEED_CREDITS), generated))


# -- header values --------------------------------------------------------------------------------


def calendar_dates() -> st.SearchStrategy[date]:
    """Real calendar dates: often within ten days of :data:`OFFSET_CHANGE` (on both sides of it),
    often recent, otherwise any from :data:`FIRST_DATE` to :data:`LAST_DATE`."""
    ten_days = timedelta(days=10)
    return st.one_of(
        st.dates(OFFSET_CHANGE - ten_days, OFFSET_CHANGE + ten_days),
        st.dates(date(1999, 1, 1), date(2030, 12, 31)),
        st.dates(FIRST_DATE, LAST_DATE),
    )


def clock_times() -> st.SearchStrategy[str]:
    """A time of day as ``HH:MM``, 00:00 to 23:59."""
    return st.builds("{:02d}:{:02d}".format, st.integers(0, 23), st.integers(0, 59))


def view_counts() -> st.SearchStrategy[int]:
    """A view counter: zero, a typical count, or a very large one."""
    return st.one_of(st.just(0), st.integers(0, 100_000), st.integers(0, 10**18))


# -- records and dumps ----------------------------------------------------------------------------


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
    record["footer"] = FOOTER
    return record


def records() -> st.SearchStrategy[Record]:
    """Valid article records (``contracts/article.schema.json``) without ``source``."""
    return st.builds(
        _record,
        day=calendar_dates(),
        time=clock_times(),
        views=view_counts(),
        title=titles(),
        image_credit=st.none() | image_credits(),
        body=st.lists(paragraphs(), min_size=1, max_size=6),
    )


def render_record(record: Mapping[str, Any]) -> str:
    """The dump text of one valid article record: header, title, credit, body, footer."""
    day = date.fromisoformat(record["date"])
    lines = [
        f"{day.day:02d}.{day.month:02d}.{day.year:04d}, {record['time']} {record['views']}",
        record["title"],
    ]
    if "image_credit" in record:
        lines.append(CREDIT_LABEL + record["image_credit"])
    lines.extend(record["body"])
    lines.append(record["footer"])
    return "".join(f"{line}\n" for line in lines)


def render_dump(records: Iterable[Mapping[str, Any]]) -> str:
    """The dump text of several records, one article after the other."""
    return "".join(render_record(record) for record in records)


def _with_text(records: list[Record]) -> tuple[list[Record], str]:
    return records, render_dump(records)


def dumps(max_articles: int = 5) -> st.SearchStrategy[tuple[list[Record], str]]:
    """A list of records (possibly empty) and the dump text that holds them."""
    return st.lists(records(), max_size=max_articles).map(_with_text)
