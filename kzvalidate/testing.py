"""Hypothesis strategies for fuzzing pipelines that read kzvalidate dumps.

This module needs `Hypothesis <https://hypothesis.readthedocs.io>`_, which is a development
dependency of kzvalidate: install it with ``pip install kzvalidate[dev]`` (or
``pip install hypothesis``). The rest of kzvalidate never imports this module.

What it offers:

* :func:`records` — valid article records, as :func:`kzvalidate.contract.article_record` returns
  them, minus ``source`` (the parser fills that in from where the article stands in its file);
* :func:`render_record` and :func:`render_dump` — the raw dump text of records, the inverse of
  parsing;
* :func:`dumps` — a list of records together with its rendered text;
* :func:`mutations`, :func:`mutations_for` and :func:`mutated_dumps` — valid dumps with known
  defects injected, each a :class:`Mutation` that says which rule must report it and at exactly
  which span. :data:`OPERATORS` lists the operators that inject them, at least one per rule.

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

Mutation operators change a generated dump so that it holds exactly one defect of one kind, and
only in ways that keep the rest of the dump as it was read: a tab goes in place of a space or next
to one (so no words merge or split), stray text before a header ends with a blank (so the header
still starts a token), a missing title leaves an image credit after the header (else the first
paragraph would be read as the title). For example::

    from hypothesis import given
    from kzvalidate.engine import Linter
    from kzvalidate.rules import select
    from kzvalidate.testing import mutations

    @given(mutations())
    def test_each_defect_is_reported_where_it_is(mutation):
        findings = Linter(select(["ALL"])).lint_bytes(mutation.data).findings
        assert (mutation.code, mutation.span) in {(f.code, f.span) for f in findings}
"""

from __future__ import annotations

import calendar
import difflib
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any

try:
    from hypothesis import strategies as st
except ModuleNotFoundError as error:  # pragma: no cover - depends on the environment
    raise ModuleNotFoundError(
        "kzvalidate.testing needs Hypothesis: pip install kzvalidate[dev]"
    ) from error

from kzvalidate.contract import published_at
from kzvalidate.grammar import BOM, CREDIT_LABEL, FOOTER
from kzvalidate.model import Span

Record = dict[str, Any]

__all__ = [
    "FIRST_DATE",
    "LAST_DATE",
    "OFFSET_CHANGE",
    "OPERATORS",
    "Mutation",
    "Operator",
    "calendar_dates",
    "clock_times",
    "dumps",
    "image_credits",
    "impossible_dates",
    "invalid_utf8_runs",
    "is_plain_text",
    "looks_like_footer",
    "looks_like_header",
    "looks_like_image_credit",
    "mutated_dumps",
    "mutations",
    "mutations_for",
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


def dumps(
    max_articles: int = 5, min_articles: int = 0
) -> st.SearchStrategy[tuple[list[Record], str]]:
    """A list of records (empty unless ``min_articles`` says otherwise) and the dump text that
    holds them."""
    return st.lists(records(), min_size=min_articles, max_size=max_articles).map(_with_text)


# -- mutations: one known defect injected into a valid dump ---------------------------------------


@dataclass(frozen=True, slots=True)
class Mutation:
    """A valid dump with one defect injected, and exactly where its rule must report it.

    ``data`` is the whole mutated dump (it may hold other mutations too, see
    :func:`mutated_dumps`). The span is 1-based like a finding's: columns count characters of the
    decoded line (an undecodable byte counts as one), and ``end_column`` is exclusive.
    """

    data: bytes
    code: str
    line: int
    column: int
    end_line: int
    end_column: int
    description: str

    @property
    def span(self) -> Span:
        return Span(self.line, self.column, self.end_line, self.end_column)


@dataclass(slots=True)
class _Line:
    text: str
    """The decoded text; undecodable bytes are lone surrogates (as ``surrogateescape`` reads)."""
    ending: str = "\n"


@dataclass(frozen=True, slots=True)
class _Spot:
    """Where an injected defect must be reported: a 0-based line index and character offsets."""

    line: int
    start: int
    end: int
    code: str
    description: str
    whole_line: bool = False
    """The span covers the whole line from its first column, a leading BOM included."""


@dataclass(slots=True)
class _Roles:
    """Which lines of the draft hold one article's parts (0-based indices)."""

    number: int
    record: Record
    header: int
    title: int
    credit: int | None
    body: list[int]
    footer: int

    def renumber(self, moved: Callable[[int], int]) -> None:
        self.header, self.title, self.footer = map(moved, (self.header, self.title, self.footer))
        self.credit = None if self.credit is None else moved(self.credit)
        self.body = [moved(index) for index in self.body]


@dataclass(slots=True)
class _Draft:
    """A dump being mutated: its lines, where each article's parts are, the defects so far.

    Inserting or deleting a line renumbers the parts and the defects after it, so that operators
    can be applied one after the other.
    """

    lines: list[_Line]
    articles: list[_Roles]
    spots: list[_Spot] = field(default_factory=list)

    @classmethod
    def of(cls, records: list[Record]) -> _Draft:
        lines: list[_Line] = []
        articles: list[_Roles] = []
        for number, record in enumerate(records, 1):
            first = len(lines)
            rendered = render_record(record).split("\n")[:-1]
            credit = first + 2 if "image_credit" in record else None
            body_start = first + (3 if credit is not None else 2)
            footer = first + len(rendered) - 1
            roles = _Roles(number, record, first, first + 1, credit, [], footer)
            roles.body = list(range(body_start, footer))
            articles.append(roles)
            lines.extend(_Line(text) for text in rendered)
        return cls(lines, articles)

    def data(self) -> bytes:
        return "".join(line.text + line.ending for line in self.lines).encode(
            "utf-8", "surrogateescape"
        )

    def text(self, index: int) -> str:
        return self.lines[index].text

    def mark(
        self, index: int, start: int, end: int, code: str, description: str, *, whole: bool = False
    ) -> None:
        self.spots.append(_Spot(index, start, end, code, description, whole))

    def insert_line(self, at: int, text: str) -> None:
        self.lines.insert(at, _Line(text))
        self._renumber(lambda index: index + 1 if index >= at else index)

    def delete_line(self, at: int) -> None:
        assert all(spot.line != at for spot in self.spots), "a defect is marked on that line"
        del self.lines[at]
        self._renumber(lambda index: index - 1 if index > at else index)

    def _renumber(self, moved: Callable[[int], int]) -> None:
        for roles in self.articles:
            roles.renumber(moved)
        self.spots = [replace(spot, line=moved(spot.line)) for spot in self.spots]

    def prefix_first_line(self, text: str) -> None:
        """Put ``text`` before the first character of the file, moving the defects on line 1."""
        self.lines[0].text = text + self.lines[0].text
        width = len(text)
        self.spots = [
            replace(
                spot,
                start=spot.start if spot.whole_line else spot.start + width,
                end=spot.end + width,
            )
            if spot.line == 0
            else spot
            for spot in self.spots
        ]


Inject = Callable[[st.DrawFn, _Draft, _Roles], None]


@dataclass(frozen=True, slots=True)
class Operator:
    """A way to inject one defect of the kind rule ``code`` reports.

    ``inject`` changes one article of a draft dump (or the file as a whole, when ``stage`` is
    above 0: such operators run after the per-article ones, in stage order) and marks where the
    defect must be reported.
    """

    code: str
    inject: Inject
    stage: int = 0

    @property
    def name(self) -> str:
        return self.inject.__name__.lstrip("_")

    @property
    def summary(self) -> str:
        return (self.inject.__doc__ or "").strip().splitlines()[0]

    @property
    def whole_file(self) -> bool:
        return self.stage > 0

    def __repr__(self) -> str:
        return f"Operator({self.code}, {self.name})"


# -- building blocks of the operators --


def _text_lines(roles: _Roles) -> list[int]:
    """The title and the body paragraphs: the lines of free text."""
    return [roles.title, *roles.body]


def _insert(draft: _Draft, index: int, at: int, piece: str) -> None:
    text = draft.text(index)
    draft.lines[index].text = text[:at] + piece + text[at:]


def invalid_utf8_runs() -> st.SearchStrategy[bytes]:
    """Byte runs that are not UTF-8, each byte undecodable on its own, wherever they stand.

    A run is continuation bytes (0x80-0xBF) followed by lead or never-valid bytes (0xC0-0xFF):
    no byte of 0xC0 and above is followed by a continuation byte, so no byte of the run decodes
    together with another, nor with the text around it. Some runs are real mis-encoded words
    (Windows-1251, Latin-1).
    """
    return st.one_of(
        st.sampled_from(
            [
                "Казахстан".encode("cp1251"),
                "Привет".encode("cp1251"),
                "é".encode("latin-1"),
                b"\xff\xfe",
                b"\xc0",
                b"\x80",
            ]
        ),
        st.builds(
            lambda tails, leads: bytes(tails + leads),
            st.lists(st.integers(0x80, 0xBF), max_size=3),
            st.lists(st.integers(0xC0, 0xFF), max_size=4),
        ).filter(bool),
    )


def _escaped(raw: bytes) -> str:
    """Undecodable bytes as ``surrogateescape`` reads them: one lone surrogate per byte."""
    return "".join(chr(0xDC00 + byte) for byte in raw)


_CONTROL_CHARACTERS = "".join(
    chr(code) for code in [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0xA0)]
)
"""Control characters that are not tab, LF or CR (those are other rules' defects)."""


@dataclass(frozen=True, slots=True)
class _HeaderParts:
    date: str
    sep1: str
    time: str
    sep2: str
    views: str | None

    @classmethod
    def of(cls, record: Record) -> _HeaderParts:
        return cls(
            _dump_date(date.fromisoformat(record["date"])),
            ", ",
            record["time"],
            " ",
            str(record["views"]),
        )

    def text(self) -> str:
        tail = "" if self.views is None else self.sep2 + self.views
        return self.date + self.sep1 + self.time + tail

    def offsets(self) -> dict[str, tuple[int, int]]:
        """0-based character offsets of each part in :meth:`text`."""
        where: dict[str, tuple[int, int]] = {}
        at = 0
        for name in ("date", "sep1", "time", "sep2", "views"):
            value: str | None = getattr(self, name)
            if value is None or (name == "sep2" and self.views is None):
                continue
            where[name] = (at, at + len(value))
            at += len(value)
        return where


def _dump_date(day: date) -> str:
    return f"{day.day:02d}.{day.month:02d}.{day.year:04d}"


def _rewrite_header(
    draft: _Draft, roles: _Roles, part: str, code: str, description: str, **changes: str
) -> None:
    """Write the article's header with some parts changed and mark ``part`` of it."""
    parts = replace(_HeaderParts.of(roles.record), **changes)
    draft.lines[roles.header].text = parts.text()
    start, end = parts.offsets()[part]
    draft.mark(roles.header, start, end, code, description)


def _article(roles: _Roles) -> str:
    return f"article {roles.number}"


# -- the operators, one or more per rule --


def _invalid_utf8_in_text(draw: st.DrawFn, draft: _Draft, roles: _Roles) -> None:
    """Bytes that are not UTF-8 inside the title or a paragraph (KZ001)."""
    index = draw(st.sampled_from(_text_lines(roles)))
    at = draw(st.integers(0, len(draft.text(index))))
    raw = draw(invalid_utf8_runs())
    _insert(draft, index, at, _escaped(raw))
    description = f"bytes {raw!r} at character {at} of line {index + 1} ({_article(roles)})"
    draft.mark(index, at, at + len(raw), "KZ001", description)


def _byte_order_mark(draw: st.DrawFn, draft: _Draft, roles: _Roles) -> None:
    """A UTF-8 byte-order mark at the start of the file (KZ002)."""
    draft.prefix_first_line(BOM)
    draft.mark(0, 0, 1, "KZ002", "byte-order mark at the start of the file")


def _windows_line_end(draw: st.DrawFn, draft: _Draft, roles: _Roles) -> None:
    """A CRLF or lone CR line end on one line of an article (KZ003)."""
    index = draw(st.integers(roles.header, roles.footer))
    ending = draw(st.sampled_from(["\r\n", "\r"]))
    draft.lines[index].ending = ending
    end = len(draft.text(index))
    description = f"line {index + 1} ({_article(roles)}) ends with {ending!r}"
    draft.mark(index, end, end + len(ending), "KZ003", description)


def _control_character_in_text(draw: st.DrawFn, draft: _Draft, roles: _Roles) -> None:
    """A run of control characters (NUL, ESC, DEL, C1 controls) inside the title or a paragraph
    (KZ004)."""
    index = draw(st.sampled_from(_text_lines(roles)))
    at = draw(st.integers(0, len(draft.text(index))))
    run = draw(st.text(st.sampled_from(_CONTROL_CHARACTERS), min_size=1, max_size=3))
    _insert(draft, index, at, run)
    description = f"{run!r} at character {at} of line {index + 1} ({_article(roles)})"
    draft.mark(index, at, at + len(run), "KZ004", description)


def _tab_in_text(draw: st.DrawFn, draft: _Draft, roles: _Roles) -> None:
    """Tabs inside the title or a paragraph (KZ005): in place of a space, next to one, or at the
    start of the line, so the words of the line stay the words they were."""
    index = draw(st.sampled_from(_text_lines(roles)))
    text = draft.text(index)
    spaces = [at for at, char in enumerate(text) if char == " "]
    places = sorted({0, *spaces, *(at + 1 for at in spaces)})
    at = draw(st.sampled_from(places))
    tabs = "\t" * draw(st.integers(1, 3))
    instead = at in spaces and draw(st.booleans())
    draft.lines[index].text = text[:at] + tabs + text[at + (1 if instead else 0) :]
    how = "instead of the space" if instead else "inserted"
    description = f"{len(tabs)} tab(s) {how} at character {at} of line {index + 1}"
    draft.mark(index, at, at + len(tabs), "KZ005", f"{description} ({_article(roles)})")


def _trailing_blanks(draw: st.DrawFn, draft: _Draft, roles: _Roles) -> None:
    """Spaces and tabs at the end of one line of an article (KZ006)."""
    index = draw(st.integers(roles.header, roles.footer))
    blanks = draw(st.text(st.sampled_from(" \t"), min_size=1, max_size=4))
    end = len(draft.text(index))
    draft.lines[index].text += blanks
    description = f"{blanks!r} at the end of line {index + 1} ({_article(roles)})"
    draft.mark(index, end, end + len(blanks), "KZ006", description)


STRAY_TEXTS = ("Main page > News > Politics", "Share this article", "Politics", "date 2026-03-04")


def _stray_line_before_first_header(draw: st.DrawFn, draft: _Draft, roles: _Roles) -> None:
    """A line of text (maybe indented) before the first header of the file (KZ101)."""
    text = draw(st.one_of(st.sampled_from(STRAY_TEXTS), texts(1, 8)))
    indent = " " * draw(st.integers(0, 2))
    draft.insert_line(0, indent + text)
    description = f"line {text!r} before the first header"
    draft.mark(0, len(indent), len(indent) + len(text), "KZ101", description)


def _text_glued_before_header(draw: st.DrawFn, draft: _Draft, roles: _Roles) -> None:
    """Stray text glued to the front of an article's header, e.g. ``Politics | 03.03.2026, ...``
    (KZ101)."""
    text = draw(st.one_of(st.sampled_from(STRAY_TEXTS), texts(1, 6)))
    prefix = draw(st.sampled_from(["", " "])) + text + draw(st.sampled_from([" ", " | ", " > "]))
    draft.lines[roles.header].text = prefix + draft.text(roles.header)
    description = f"{prefix!r} glued before the header of {_article(roles)}"
    draft.mark(roles.header, 0, len(prefix), "KZ101", description)


def _year_first_or_slashed_date(draw: st.DrawFn, draft: _Draft, roles: _Roles) -> None:
    """The header date written in another order or with other separators: ``2026-03-03``,
    ``3/3/2026``, ``3.3.2026`` (KZ102)."""
    day = date.fromisoformat(roles.record["date"])
    y, m, d = day.year, day.month, day.day
    forms = [
        *(f"{y:04d}{s}{m:02d}{s}{d:02d}" for s in "-./"),
        *(f"{y:04d}{s}{m}{s}{d}" for s in "-./"),
        *(f"{d:02d}{s}{m:02d}{s}{y:04d}" for s in "/-"),
        *(f"{d}{s}{m}{s}{y:04d}" for s in "/-"),
    ]
    if d < 10 or m < 10:
        forms.append(f"{d}.{m}.{y:04d}")
    written = draw(st.sampled_from(forms))
    description = f"date {written!r} in the header of {_article(roles)}"
    _rewrite_header(draft, roles, "date", "KZ102", description, date=written)


def _one_digit_hour_or_seconds(draw: st.DrawFn, draft: _Draft, roles: _Roles) -> None:
    """The header time with a one-digit hour (``9:05``) or with seconds (``14:12:30``) (KZ103)."""
    minute = int(roles.record["time"][3:])
    written = draw(
        st.one_of(
            st.builds("{}:{:02d}".format, st.integers(0, 9), st.just(minute)),
            st.builds("{}:{:02d}".format, st.just(roles.record["time"]), st.integers(0, 59)),
        )
    )
    description = f"time {written!r} in the header of {_article(roles)}"
    _rewrite_header(draft, roles, "time", "KZ103", description, time=written)


def _odd_header_separator(draw: st.DrawFn, draft: _Draft, roles: _Roles) -> None:
    """One header separator doubled, or its comma missing or misplaced: ``03.03.2026,  14:12``,
    ``03.03.2026 14:12``, ``14:12  11421`` (KZ104)."""
    if draw(st.booleans()):
        written = draw(st.sampled_from([",  ", ",   ", "  ", "   ", " ", ",", " , ", " ,"]))
        part, change = "sep1", {"sep1": written}
    else:
        written = draw(st.sampled_from(["  ", "   "]))
        part, change = "sep2", {"sep2": written}
    description = f"separator {written!r} in the header of {_article(roles)}"
    _rewrite_header(draft, roles, part, "KZ104", description, **change)


def _title_removed(draw: st.DrawFn, draft: _Draft, roles: _Roles) -> None:
    """The title line deleted from an article whose image credit then follows the header (KZ105;
    an article with a credit is made first if needed, since without a credit the first paragraph
    would be read as the title)."""
    if roles.credit is None:
        credit = draw(image_credits())
        draft.lines[roles.title].text = CREDIT_LABEL + credit
    else:
        draft.delete_line(roles.title)
    end = len(draft.text(roles.header))
    draft.mark(roles.header, end, end, "KZ105", f"title of {_article(roles)} removed")


def _body_removed(draw: st.DrawFn, draft: _Draft, roles: _Roles) -> None:
    """Every body paragraph of an article deleted, keeping its title, credit and footer (KZ106)."""
    for index in reversed(roles.body):
        draft.delete_line(index)
    width = len(draft.text(roles.header))
    description = f"body of {_article(roles)} removed"
    draft.mark(roles.header, 0, width, "KZ106", description, whole=True)


def _bare_header(draw: st.DrawFn, draft: _Draft, roles: _Roles) -> None:
    """Everything after an article's header deleted: a header with no article (KZ106)."""
    for index in range(roles.footer, roles.header, -1):
        draft.delete_line(index)
    width = len(draft.text(roles.header))
    description = f"{_article(roles)} reduced to its header"
    draft.mark(roles.header, 0, width, "KZ106", description, whole=True)


def _credit_line(draft: _Draft, roles: _Roles, line: str) -> int:
    """Put ``line`` where the article's image credit goes (after the title); its index."""
    if roles.credit is None:
        draft.insert_line(roles.title + 1, line)
        return roles.title + 1
    draft.lines[roles.credit].text = line
    return roles.credit


_CREDIT_LABELS = ("Images", "Image", "images", "IMAGES", "Photo", "Photos", "photo", "Photo credit")
_BAR_SEPARATORS = ("|", " |", "| ", " | ", "  |  ", "\u00a6", " \u00a6 ", "\uff5c", " \uff5c ")
_COLON_SEPARATORS = (":", ": ", " : ")


def _credit_in_another_style(draw: st.DrawFn, draft: _Draft, roles: _Roles) -> None:
    """The image credit written with another label or separator: ``Photo: Akorda``,
    ``Images|Akorda``, ``images  |  Akorda`` (KZ107)."""
    source = roles.record.get("image_credit") or draw(image_credits())
    separators = list(_BAR_SEPARATORS)
    if len(source.split()) <= 5 and not source.endswith((".", "!", "?")):
        separators.extend(_COLON_SEPARATORS)  # a colon credit must name a source, not a sentence
    label = draw(st.sampled_from(_CREDIT_LABELS))
    separator = draw(st.sampled_from(separators))
    if (label, separator) == ("Images", " | "):
        separator = "|"
    line = label + separator + source
    index = _credit_line(draft, roles, line)
    description = f"credit {line!r} in {_article(roles)}"
    draft.mark(index, 0, len(line), "KZ107", description)


def _footer_removed(draw: st.DrawFn, draft: _Draft, roles: _Roles) -> None:
    """An article's copyright footer deleted; the finding is at the end of its last paragraph
    (KZ108)."""
    draft.delete_line(roles.footer)
    last = roles.body[-1]
    end = len(draft.text(last))
    draft.mark(last, end, end, "KZ108", f"footer of {_article(roles)} removed")


def _footer_misspelled(draw: st.DrawFn, draft: _Draft, roles: _Roles) -> None:
    """One word of an article's footer misspelled: a letter dropped, doubled, replaced or swapped
    with the next (KZ109)."""
    letters = [at for at, char in enumerate(FOOTER) if char.isalpha()]
    at = draw(st.sampled_from(letters))
    ways = ["drop", "double", "replace"]
    if FOOTER[at + 1].isalpha() and FOOTER[at + 1] != FOOTER[at]:
        ways.append("swap")
    way = draw(st.sampled_from(ways))
    if way == "drop":
        text = FOOTER[:at] + FOOTER[at + 1 :]
    elif way == "double":
        text = FOOTER[:at] + FOOTER[at] + FOOTER[at:]
    elif way == "replace":
        others = [c for c in "abcdefghijklmnopqrstuvwxyz" if c != FOOTER[at].lower()]
        text = FOOTER[:at] + draw(st.sampled_from(others)) + FOOTER[at + 1 :]
    else:
        text = FOOTER[:at] + FOOTER[at + 1] + FOOTER[at] + FOOTER[at + 2 :]
    draft.lines[roles.footer].text = text
    word = FOOTER[: at + 1].split()[-1] + FOOTER[at + 1 :].split(" ", 1)[0]
    description = f"footer of {_article(roles)} with {word!r} misspelled ({way} letter {at})"
    draft.mark(roles.footer, 0, len(text), "KZ109", description)


def _paragraph_after_footer(draw: st.DrawFn, draft: _Draft, roles: _Roles) -> None:
    """A paragraph appended after an article's footer (KZ110)."""
    paragraph = draw(paragraphs())
    draft.insert_line(roles.footer + 1, paragraph)
    description = f"paragraph after the footer of {_article(roles)}"
    draft.mark(roles.footer, 0, len(FOOTER), "KZ110", description)


def _credit_without_source(draw: st.DrawFn, draft: _Draft, roles: _Roles) -> None:
    """An image credit that names no source: ``Images |``, ``Photo:`` (KZ111)."""
    line = draw(
        st.sampled_from(
            ["Images |", "Images|", "Image |", "images |", "Images \u00a6", "Photo:", "Photo :"]
        )
    )
    index = _credit_line(draft, roles, line)
    draft.mark(index, 0, len(line), "KZ111", f"credit {line!r} in {_article(roles)}")


@st.composite
def impossible_dates(draw: st.DrawFn) -> str:
    """``DD.MM.YYYY`` dates no calendar has (``31.02.2026``, ``00.13.2026``, year 0000), or real
    ones before :data:`FIRST_DATE`, which no timestamp of Kazakhstan's time can write."""
    kind = draw(st.sampled_from(["day", "month", "year", "early"]))
    if kind == "early":
        return _dump_date(draw(st.dates(date(1, 1, 1), FIRST_DATE - timedelta(days=1))))
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
    return f"{day:02d}.{month:02d}.{year:04d}"


def _impossible_date(draw: st.DrawFn, draft: _Draft, roles: _Roles) -> None:
    """The header date made impossible, written DD.MM.YYYY: ``31.02.2026``, ``01.13.2026``,
    ``10.10.0000``, or a day before 2 May 1924 (KZ201)."""
    written = draw(impossible_dates())
    description = f"date {written!r} in the header of {_article(roles)}"
    _rewrite_header(draft, roles, "date", "KZ201", description, date=written)


def _impossible_time(draw: st.DrawFn, draft: _Draft, roles: _Roles) -> None:
    """The header time off the clock (``25:61``, ``24:00``, ``12:60``) or unreadable (``14:5``)
    (KZ202)."""
    written = draw(
        st.one_of(
            st.builds("{:02d}:{:02d}".format, st.integers(24, 99), st.integers(0, 99)),
            st.builds("{:02d}:{:02d}".format, st.integers(0, 99), st.integers(60, 99)),
            st.builds("{}:{}".format, st.integers(0, 99), st.integers(0, 9)),
        )
    )
    description = f"time {written!r} in the header of {_article(roles)}"
    _rewrite_header(draft, roles, "time", "KZ202", description, time=written)


def _negative_views(draw: st.DrawFn, draft: _Draft, roles: _Roles) -> None:
    """A minus sign (hyphen or U+2212) before a non-zero view count: ``-12`` (KZ203)."""
    count = roles.record["views"] or draw(st.integers(1, 10**6))
    written = draw(st.sampled_from(["-", "\u2212"])) + str(count)
    description = f"views {written!r} in the header of {_article(roles)}"
    _rewrite_header(draft, roles, "views", "KZ203", description, views=written)


def _views_not_integer(draw: st.DrawFn, draft: _Draft, roles: _Roles) -> None:
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
    description = f"views {written!r} in the header of {_article(roles)}"
    _rewrite_header(draft, roles, "views", "KZ204", description, views=written)


def _views_removed(draw: st.DrawFn, draft: _Draft, roles: _Roles) -> None:
    """The view count (and the blank before it) deleted from an article's header (KZ205)."""
    parts = replace(_HeaderParts.of(roles.record), views=None)
    draft.lines[roles.header].text = parts.text()
    end = parts.offsets()["time"][1]
    description = f"views removed from the header of {_article(roles)}"
    draft.mark(roles.header, end, end, "KZ205", description)


_OPERATOR_TABLE = (
    Operator("KZ001", _invalid_utf8_in_text),
    Operator("KZ002", _byte_order_mark, stage=2),
    Operator("KZ003", _windows_line_end),
    Operator("KZ004", _control_character_in_text),
    Operator("KZ005", _tab_in_text),
    Operator("KZ006", _trailing_blanks),
    Operator("KZ101", _stray_line_before_first_header, stage=1),
    Operator("KZ101", _text_glued_before_header),
    Operator("KZ102", _year_first_or_slashed_date),
    Operator("KZ103", _one_digit_hour_or_seconds),
    Operator("KZ104", _odd_header_separator),
    Operator("KZ105", _title_removed),
    Operator("KZ106", _body_removed),
    Operator("KZ106", _bare_header),
    Operator("KZ107", _credit_in_another_style),
    Operator("KZ108", _footer_removed),
    Operator("KZ109", _footer_misspelled),
    Operator("KZ110", _paragraph_after_footer),
    Operator("KZ111", _credit_without_source),
    Operator("KZ201", _impossible_date),
    Operator("KZ202", _impossible_time),
    Operator("KZ203", _negative_views),
    Operator("KZ204", _views_not_integer),
    Operator("KZ205", _views_removed),
)

OPERATORS: Mapping[str, tuple[Operator, ...]] = {
    code: tuple(operator for operator in _OPERATOR_TABLE if operator.code == code)
    for code in dict.fromkeys(operator.code for operator in _OPERATOR_TABLE)
}
"""Every mutation operator, by the code of the rule that must report its defect."""


def _mutations_of(draft: _Draft) -> tuple[Mutation, ...]:
    data = draft.data()
    return tuple(
        Mutation(
            data,
            spot.code,
            spot.line + 1,
            spot.start + 1,
            spot.line + 1,
            spot.end + 1,
            spot.description,
        )
        for spot in sorted(draft.spots, key=lambda spot: (spot.line, spot.start, spot.code))
    )


def _apply(draw: st.DrawFn, chosen: list[Operator], max_articles: int) -> tuple[Mutation, ...]:
    """Draw a valid dump with enough articles and apply each operator: per-article ones to
    different articles, then whole-file ones (at most one of each) in stage order."""
    per_article = [operator for operator in chosen if not operator.whole_file]
    whole_file = sorted(
        {operator for operator in chosen if operator.whole_file}, key=lambda op: op.stage
    )
    least = max(1, len(per_article))
    generated, _ = draw(dumps(max(least, max_articles), min_articles=least))
    draft = _Draft.of(generated)
    targets = draw(st.permutations(draft.articles))
    for operator, roles in zip(per_article, targets, strict=False):
        operator.inject(draw, draft, roles)
    for operator in whole_file:
        operator.inject(draw, draft, draft.articles[0])
    return _mutations_of(draft)


@st.composite
def mutations(draw: st.DrawFn, max_articles: int = 5) -> Mutation:
    """A valid dump from :func:`dumps` with one defect of any kind injected at a drawn place."""
    operator = draw(st.sampled_from(_OPERATOR_TABLE))
    (mutation,) = _apply(draw, [operator], max_articles)
    return mutation


@st.composite
def mutations_for(draw: st.DrawFn, code: str, max_articles: int = 5) -> Mutation:
    """A valid dump with one defect that rule ``code`` must report (by any of its operators)."""
    if code not in OPERATORS:
        raise KeyError(f"no mutation operator for rule {code!r}")
    operator = draw(st.sampled_from(OPERATORS[code]))
    (mutation,) = _apply(draw, [operator], max_articles)
    return mutation


@st.composite
def mutated_dumps(
    draw: st.DrawFn, max_defects: int = 3, max_articles: int = 5
) -> tuple[Mutation, ...]:
    """A valid dump with one to ``max_defects`` defects that do not interfere: each in its own
    article, plus at most one stray line before the first header and one byte-order mark. Every
    returned mutation has the same ``data``, the dump with all of them."""
    chosen = draw(st.lists(st.sampled_from(_OPERATOR_TABLE), min_size=1, max_size=max_defects))
    return _apply(draw, chosen, max_articles)
