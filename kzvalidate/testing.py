"""Hypothesis strategies for fuzzing pipelines that read kzvalidate dumps.

This module needs `Hypothesis <https://hypothesis.readthedocs.io>`_, which is a development
dependency of kzvalidate: install it with ``pip install kzvalidate[dev]`` (or
``pip install hypothesis``). The rest of kzvalidate never imports this module.

What it offers:

* :func:`records` — valid article records, as :func:`kzvalidate.contract.article_record` returns
  them, minus ``source`` and ``figures`` (derived from where the article stands in its file and
  from its text);
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

Text fields are drawn from words and sentences of real dumps mixed with generated words: words of
letters of one script (short ASCII words, acronyms, accented Latin, Cyrillic, Greek, CJK),
numbers written the English way (``1,300``, ``881.5``, ``5-7%``), punctuation marks, and phrases
between a pair of quotation marks. They are restricted to printable characters (no tabs, control
characters or line breaks, single spaces only inside the text) and never look like a dump
structure themselves: no title, paragraph or image credit looks like an article header, the
copyright footer, or an ``Images | Source`` line. So a generated dump always parses back into
exactly the generated records, and it lints clean. That holds by construction, not by filtering
through the rules: no invisible characters or special spaces, no letter of another script inside
a word, nothing ftfy takes for mojibake, no unpaired quotation mark, no malformed number, no word
or name one letter from another, no rejected term (the comment above :func:`words` says how).

Mutation operators change a generated dump so that it holds exactly one defect of one kind, and
only in ways that keep the rest of the dump as it was read: a tab, an invisible character or a
special space goes in place of a space or next to one, and a word put into a line stands between
spaces (so no words merge or split), stray text before a header ends with a blank (so the header
still starts a token), a missing title leaves an image credit after the header (else the first
paragraph would be read as the title). For example::

    from hypothesis import given
    from kzvalidate.check.engine import Linter
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
import functools
import re
import string
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

from kzvalidate.contract.record import published_at
from kzvalidate.dump.blocks import BOM
from kzvalidate.dump.dialects.kazakhstan_today import FOOTER, KAZAKHSTAN_TODAY
from kzvalidate.language.spelling import is_english
from kzvalidate.model import Span

CREDIT_LABEL = KAZAKHSTAN_TODAY.credit_label

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
    "malformed_numbers",
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
    "Head of State has received Children\u2019s Rights Ombudsman Dinara Zakiyeva, Kazinform News "
    "Agency reports.",
    "49 rehabilitation centers have been opened by Qazaqstan Halqyna Foundation together with "
    "partners.",
    "Sagimbayev added that over 16,000 lawbreakers were detained, and 3,025 were deported.",
    "What was done:",
    "Crude lifting from the Marine Terminal has now been resumed in the standard mode.",
    "Efforts are actively underway to combat drug crime, as five drug laboratories were "
    "dismantled. 881.5 kg of drugs were seized, including over 104 kg of synthetic drugs.",
    "Sadenov reported in two months of this year, the crime rate fell 8% or 1,300 fewer "
    "reported crimes year on year.",
)

SEED_WORDS: tuple[str, ...] = (
    "$1.5", "(CCGT)", "(TPA)", "1,300", "2024,", "2025,", "23", "3.2", "300,000", "35km", "85%",
    "a", "Akkenzhenov.", "Akorda", "Almaty-Medina,", "announced", "at", "award,", "border",
    "childhood", "compassion,", "Cooperation", "country\u2019s", "court);", "current",
    "detained,", '"Development"', "diverted", "during", "Economy", "emergency", "environmental",
    "expanding.", "facilities,", "fewer", "For", "friendship", "gas", "global", "growth,",
    "Head", "highlighted", "historic", "in", "included", "infrastructure;", "international",
    "Iran", "it", "judges", "justice", "Karaganda,", "Kassym-Jomart", "Kazakhstan.",
    "laboratories", "logistics", "meters.", "Minister", "monitoring", "national", "nationwide,",
    "of", "online", "our", "partners.", "public", "PJSC", "Podsolevoy", "power", "President's",
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

_UNQUOTED_SEED_WORDS = tuple(word for word in SEED_WORDS if '"' not in word)

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


# Generated words never carry a defect of the text-quality rules (KZ3xx), by construction:
#
# * each word's letters are of one script (KZ301);
# * accented Latin letters, Cyrillic and Greek stand only beside letters, spaces, ASCII punctuation
#   and the quotation marks around a phrase, which ftfy never reads as mojibake (KZ302);
# * quotation marks only come in pairs around a phrase of words without any (KZ303);
# * numbers are written the English way (KZ304);
# * a generated word is never a word or name the spelling rule compares (KZ305): ASCII words have
#   at most 4 letters (it compares words of 5 letters and more, names of 4 and more), capitalised
#   ones at most 3; longer words are in lower case and not ASCII, or all capitals (acronyms);
#   only the seed vocabulary has names, and no two of them are one letter apart;
# * no word is a rejected preferred term (KZ306).

ACCENTED_LETTERS = "\u00e1\u00e9\u00ed\u00f3\u00fa\u010d\u0107\u00f6\u00fc\u011f\u0131\u00f1"
"""Lower-case Latin letters with diacritics (``áéíóúčćöüğıñ``) that generated words use. Not
``š``, ``ž`` or ``ş``: in Windows-1252, -1250 and -1254 they are UTF-8 continuation bytes, so
beside another of these letters they read as a UTF-8 character, and ftfy decodes them along with
any real mojibake in the line (``éšž cafÃ©`` becomes ``隞 café``). Every letter here is a
lead byte, or not there at all, in each single-byte encoding that can also hold mojibake."""

CYRILLIC_LETTERS = "".join(chr(code) for code in range(0x0430, 0x0450)) + (
    "\u04d9\u0493\u049b\u04a3\u04e9\u04b1\u04af\u04bb\u0456"
)
"""Lower-case Cyrillic letters of Russian and Kazakh (``а``-``я``, ``әғқңөұүһі``)."""

GREEK_LETTERS = "".join(chr(code) for code in range(0x03B1, 0x03CA) if code != 0x03C2)
"""Lower-case Greek letters ``α``-``ω`` (without the final sigma)."""

_CJK_IDEOGRAPHS = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)
_PUNCTUATION_WORDS = ("-", "\u2013", "\u2014", "/", "&", "+", "\u2026", "=", "*", "#")
_TRAILING = ("", "", "", ",", ".", ":", ";", "!", "?")
_QUOTES = (('"', '"'), ("\u201c", "\u201d"), ("\u00ab", "\u00bb"))
QUOTE_MARKS = '"\u201c\u201d\u201e\u00ab\u00bb'
"""Double quotation marks, straight and typographic, as rule KZ303 counts them."""


def _spelled(alphabet: str, min_size: int, max_size: int) -> st.SearchStrategy[str]:
    return st.text(st.sampled_from(alphabet), min_size=min_size, max_size=max_size)


def _cased(alphabet: str, longest: int) -> st.SearchStrategy[str]:
    """Words of one alphabet of lower-case letters: in lower case (up to ``longest`` letters),
    capitalised (up to 3 letters, so never a name) or in capitals (an acronym)."""
    return st.one_of(
        _spelled(alphabet, 1, longest),
        _spelled(alphabet, 1, 3).map(str.capitalize),
        _spelled(alphabet, 2, 6).map(str.upper),
    )


# An accented Latin word: two to four letters of ACCENTED_LETTERS (so it is at least two letters
# from any ASCII word) among ASCII ones, all in lower case: "vučić", "ağrı", "müdür".
_ACCENTED_WORDS = st.builds(
    "{}{}".format, _spelled(ACCENTED_LETTERS, 2, 4), _spelled(string.ascii_lowercase, 0, 8)
).flatmap(lambda letters: st.permutations(letters).map("".join))

_ASCII_WORDS = st.one_of(
    _spelled(string.ascii_lowercase, 1, 3).map(str.capitalize),
    _spelled(string.ascii_lowercase, 2, 6).map(str.upper),
)
"""ASCII words are capitalised (never long enough for a name) or acronyms: a generated word in
lower case after a number would read as an unknown unit (``5 xq``)."""

_ONE_SCRIPT_WORDS = st.one_of(
    _ASCII_WORDS,
    _ACCENTED_WORDS,
    _cased(CYRILLIC_LETTERS, 12),
    _cased(GREEK_LETTERS, 10),
    st.text(_CJK_IDEOGRAPHS, min_size=1, max_size=6),
)
"""A word of letters of one script: ASCII Latin (short, or capitals), accented Latin, Cyrillic,
Greek or CJK."""


def _numbers() -> st.SearchStrategy[str]:
    """A number written the English way: ``1300``, ``1,300``, ``881.5``, ``1,300.25``, ``8%``,
    ``5-7%``, ``2025-2030``, ``$1.5``, ``\u20ac300,000``."""
    integers = st.integers(0, 10**12)
    plain = st.one_of(integers.map(str), integers.map("{:,}".format))
    decimal = st.builds("{}.{}".format, plain, _spelled(string.digits, 1, 3))
    number = st.one_of(plain, decimal)
    return st.one_of(
        number,
        number.map("{}%".format),
        st.builds("{}-{}".format, number, number),
        st.builds("{}-{}%".format, number, number),
        st.builds("{}{}".format, st.sampled_from(["$", "\u20ac", "\u20b8"]), number),
    )


def _decorated(word: str, parentheses: bool, trailing: str) -> str:
    return f"({word})" if parentheses else word + trailing


_PLAIN_WORDS = st.builds(
    _decorated,
    st.one_of(
        st.sampled_from(_UNQUOTED_SEED_WORDS),
        st.sampled_from(SEED_NUMBERS),
        _ONE_SCRIPT_WORDS,
        _numbers(),
    ),
    st.integers(0, 7).map(lambda n: n == 0),
    st.sampled_from(_TRAILING),
)
"""A word without quotation marks: from the seeds, a number or date, or generated letters or
digits, maybe in parentheses or followed by a punctuation mark."""


def _quote(marks: tuple[str, str], inside: list[str], trailing: str) -> str:
    return marks[0] + " ".join(inside) + marks[1] + trailing


_QUOTED_PHRASES = st.builds(
    _quote,
    st.sampled_from(_QUOTES),
    st.lists(_PLAIN_WORDS, min_size=1, max_size=4),
    st.sampled_from(_TRAILING),
)
"""Words between a pair of quotation marks: ``"Altyn Kyran"``, ``\u201cso,\u201d``."""

_WORDS = st.one_of(
    st.sampled_from(SEED_WORDS),
    st.sampled_from(SEED_NUMBERS),
    _PLAIN_WORDS,
    st.sampled_from(_PUNCTUATION_WORDS),
    _QUOTED_PHRASES,
)


@st.composite
def words(draw: st.DrawFn) -> str:
    """One word: from the seed dumps, a number or date, a generated word, a punctuation mark, or a
    phrase in quotation marks (which is several words)."""
    return draw(_WORDS)


@functools.cache
def _plain_texts(min_words: int, max_words: int) -> st.SearchStrategy[str]:
    # Built once per size: a strategy built anew at each draw is validated anew, which is slow.
    chosen = st.lists(_WORDS, min_size=min_words, max_size=max_words).map(" ".join)
    return chosen.filter(is_plain_text)


@st.composite
def texts(draw: st.DrawFn, min_words: int = 1, max_words: int = 20) -> str:
    """Words joined by single spaces, kept only if the result :func:`is_plain_text`."""
    return draw(_plain_texts(min_words, max_words))


@st.composite
def titles(draw: st.DrawFn) -> str:
    """A headline: a real one from the seeds, or generated words."""
    return draw(_TITLES)


@st.composite
def paragraphs(draw: st.DrawFn) -> str:
    """A body paragraph: a real one from the seeds, or generated words."""
    return draw(_PARAGRAPHS)


def _credit_line_is_plain(source: str) -> bool:
    return not looks_like_footer(CREDIT_LABEL + source)


@st.composite
def image_credits(draw: st.DrawFn) -> str:
    """The source named by an image credit, e.g. ``Akorda`` in ``Images | Akorda``."""
    return draw(_IMAGE_CREDITS)


_TITLES = st.one_of(st.sampled_from(SEED_TITLES), _plain_texts(1, 16))
_PARAGRAPHS = st.one_of(st.sampled_from(SEED_PARAGRAPHS), _plain_texts(1, 40))
_IMAGE_CREDITS = st.one_of(
    st.sampled_from(SEED_CREDITS), _plain_texts(1, 4).filter(_credit_line_is_plain)
)


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


def _add_paragraph(draft: _Draft, roles: _Roles, text: str) -> int:
    """Append a body paragraph to the article, before its footer; its index."""
    at = roles.footer
    draft.insert_line(at, text)
    roles.body.append(at)
    return at


def _line_where(draw: st.DrawFn, draft: _Draft, roles: _Roles, fits: Callable[[str], bool]) -> int:
    """A title or paragraph line of the article whose text ``fits``; when none does, a seed
    paragraph that fits is appended to the article first."""
    lines = [index for index in _text_lines(roles) if fits(draft.text(index))]
    if lines:
        return draw(st.sampled_from(lines))
    return _add_paragraph(draft, roles, draw(st.sampled_from(list(filter(fits, SEED_PARAGRAPHS)))))


def _has_space(text: str) -> bool:
    return " " in text


def _spaces(text: str) -> list[int]:
    return [at for at, char in enumerate(text) if char == " "]


def _word_boundaries(text: str) -> list[int]:
    """Where a word can go into a line without touching the others: its start, its end, and
    each space."""
    return sorted({0, len(text), *_spaces(text)})


def _insert_word(draw: st.DrawFn, draft: _Draft, index: int, word: str) -> int:
    """Put ``word`` into a line at a drawn word boundary, a space between it and its neighbours
    (so they stay the words they were); where it starts."""
    text = draft.text(index)
    at = draw(st.sampled_from(_word_boundaries(text)))
    if at == 0:
        draft.lines[index].text = f"{word} {text}"
        return 0
    draft.lines[index].text = f"{text[:at]} {word}{text[at:]}"
    return at + 1


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


INVISIBLE_CHARACTERS = (
    "\u200b",  # zero width space
    "\u200c",  # zero width non-joiner
    "\u200d",  # zero width joiner
    "\u2060",  # word joiner
    "\ufeff",  # byte-order mark
    "\u00ad",  # soft hyphen
    "\u180e",  # Mongolian vowel separator
    "\u200e",  # left-to-right mark
    "\u200f",  # right-to-left mark
    "\u202a",  # left-to-right embedding
    "\u202c",  # pop directional formatting
    "\u202e",  # right-to-left override
    "\u2066",  # left-to-right isolate
    "\u2069",  # pop directional isolate
)
"""Characters that show nothing (KZ007's), all reported wherever the operator puts them."""


def _invisible_character(draw: st.DrawFn, draft: _Draft, roles: _Roles) -> None:
    """An invisible character (zero-width space or joiner, soft hyphen, direction mark) at the
    start or end of the title or a paragraph, or next to a space, so that no word is split
    (KZ007)."""
    index = draw(st.sampled_from(_text_lines(roles)))
    text = draft.text(index)
    spaces = _spaces(text)
    at = draw(st.sampled_from(sorted({0, len(text), *spaces, *(at + 1 for at in spaces)})))
    char = draw(st.sampled_from(INVISIBLE_CHARACTERS))
    _insert(draft, index, at, char)
    description = f"U+{ord(char):04X} at character {at} of line {index + 1} ({_article(roles)})"
    draft.mark(index, at, at + 1, "KZ007", description)


SPECIAL_SPACES = (
    "\u00a0",  # no-break space
    "\u202f",  # narrow no-break space
    "\u2002",  # en space
    "\u2003",  # em space
    "\u2007",  # figure space
    "\u2009",  # thin space
    "\u200a",  # hair space
    "\u205f",  # medium mathematical space
    "\u3000",  # ideographic space
    "\u1680",  # Ogham space mark
)
"""Spaces other than the space (KZ008's)."""


def _special_space(draw: st.DrawFn, draft: _Draft, roles: _Roles) -> None:
    """A space between two words of the title or a paragraph replaced with a no-break, thin,
    en, em or ideographic space (KZ008)."""
    index = _line_where(draw, draft, roles, _has_space)
    text = draft.text(index)
    at = draw(st.sampled_from(_spaces(text)))
    char = draw(st.sampled_from(SPECIAL_SPACES))
    draft.lines[index].text = text[:at] + char + text[at + 1 :]
    description = f"U+{ord(char):04X} at character {at} of line {index + 1} ({_article(roles)})"
    draft.mark(index, at, at + 1, "KZ008", description)


def _double_space(draw: st.DrawFn, draft: _Draft, roles: _Roles) -> None:
    """A space between two words of the title or a paragraph doubled, or more (KZ009)."""
    index = _line_where(draw, draft, roles, _has_space)
    text = draft.text(index)
    at = draw(st.sampled_from(_spaces(text)))
    run = " " * draw(st.integers(2, 4))
    draft.lines[index].text = text[:at] + run + text[at + 1 :]
    description = f"{len(run)} spaces at character {at} of line {index + 1} ({_article(roles)})"
    draft.mark(index, at, at + len(run), "KZ009", description)


def _indented_line(draw: st.DrawFn, draft: _Draft, roles: _Roles) -> None:
    """Spaces before the header, title, image credit, a paragraph or the footer of an article
    (KZ010)."""
    index = draw(st.integers(roles.header, roles.footer))
    spaces = " " * draw(st.integers(1, 4))
    draft.lines[index].text = spaces + draft.text(index)
    description = f"{len(spaces)} space(s) before line {index + 1} ({_article(roles)})"
    draft.mark(index, 0, len(spaces), "KZ010", description)


LOOK_ALIKES: Mapping[str, str] = {
    "a": "\u0430",
    "c": "\u0441",
    "e": "\u0435",
    "i": "\u0456",
    "j": "\u0458",
    "o": "\u043e\u03bf",
    "p": "\u0440",
    "s": "\u0455",
    "x": "\u0445",
    "y": "\u0443",
    "A": "\u0410\u0391",
    "B": "\u0412\u0392",
    "C": "\u0421",
    "E": "\u0415\u0395",
    "H": "\u041d\u0397",
    "I": "\u0406\u0399",
    "K": "\u041a\u039a",
    "M": "\u041c\u039c",
    "N": "\u039d",
    "O": "\u041e\u039f",
    "P": "\u0420\u03a1",
    "T": "\u0422\u03a4",
    "X": "\u0425\u03a7",
    "Y": "\u04ae\u03a5",
    "Z": "\u0396",
}
"""Latin letters and the Cyrillic and Greek letters that look exactly like them (KZ301)."""

_ASCII_WORD = re.compile(r"(?<![\w'\u2019-])(?:[a-z]{2,}|[A-Z]{2,})(?![\w'\u2019-])")
"""A word of two or more ASCII letters, in lower case or in capitals, standing alone: a word the
spelling rule (KZ305) never reads as a name, before or after a letter of it is replaced."""


def _look_alike_places(text: str) -> list[int]:
    return [
        match.start() + offset
        for match in _ASCII_WORD.finditer(text)
        for offset, char in enumerate(match.group())
        if char in LOOK_ALIKES
    ]


def _mixed_script_word(draw: st.DrawFn, draft: _Draft, roles: _Roles) -> None:
    """One letter of an ASCII word of the title or a paragraph replaced with its Cyrillic or
    Greek look-alike, e.g. Cyrillic ``с`` in ``сourt`` (KZ301)."""
    index = _line_where(draw, draft, roles, lambda text: bool(_look_alike_places(text)))
    text = draft.text(index)
    at = draw(st.sampled_from(_look_alike_places(text)))
    twin = draw(st.sampled_from(LOOK_ALIKES[text[at]]))
    draft.lines[index].text = text[:at] + twin + text[at + 1 :]
    description = (
        f"U+{ord(twin):04X} for {text[at]!r} at character {at} of line {index + 1} "
        f"({_article(roles)})"
    )
    draft.mark(index, at, at + 1, "KZ301", description)


MOJIBAKE_SOURCES = (
    "caf\u00e9",
    "fa\u00e7ade",
    "a\u00f1o",
    "se\u00f1or",
    "zhana\u00f6zen",
    "m\u00fcller",
    "orb\u00e1n",
    "s\u00e3o",
    "country\u2019s",
    "children\u2019s",
    "well\u2013known",
)
"""Lower-case words with one character outside ASCII, which UTF-8 read as Windows-1252 turns into
two or three (KZ302)."""


def _garbled(word: str) -> tuple[str, str, str]:
    """The character of ``word`` outside ASCII, and what it and ``word`` become when its UTF-8 is
    read as Windows-1252: ``("é", "Ã©", "cafÃ©")``."""
    (char,) = (char for char in word if not char.isascii())
    shown = char.encode("utf-8").decode("cp1252")
    return char, shown, word.replace(char, shown)


def _can_garble(text: str, word: str) -> bool:
    """Whether ``word``, garbled, is one damaged stretch when put into ``text``: its character
    occurs nowhere else and no character it turns into occurs in the text, so the only stretch
    that differs from the repaired line is the garbled character."""
    char, shown, _ = _garbled(word)
    return char not in text and not set(shown) & set(text)


def _mojibake_word(draw: st.DrawFn, draft: _Draft, roles: _Roles) -> None:
    """A word whose UTF-8 was read as Windows-1252 put into the title or a paragraph:
    ``cafÃ©`` for ``café``, ``countryâ€™s`` for ``country’s`` (KZ302)."""
    places = [
        (index, word)
        for index in _text_lines(roles)
        for word in MOJIBAKE_SOURCES
        if _can_garble(draft.text(index), word)
    ]
    if places:
        index, word = draw(st.sampled_from(places))
    else:
        plain = [paragraph for paragraph in SEED_PARAGRAPHS if paragraph.isascii()]
        index = _add_paragraph(draft, roles, draw(st.sampled_from(plain)))
        word = draw(st.sampled_from(MOJIBAKE_SOURCES))
    _, shown, garbled = _garbled(word)
    start = _insert_word(draw, draft, index, garbled) + garbled.index(shown)
    description = f"{garbled!r} for {word!r} in line {index + 1} ({_article(roles)})"
    draft.mark(index, start, start + len(shown), "KZ302", description)


def _last_quote_mark(text: str) -> int:
    return max((at for at, char in enumerate(text) if char in QUOTE_MARKS), default=-1)


def _unpaired_quote(draw: st.DrawFn, draft: _Draft, roles: _Roles) -> None:
    """A quotation mark with no partner in the title or a paragraph: a closing mark after a
    word, or an opening mark before one that is never closed (not in a paragraph followed by
    one that opens a quotation, which would continue it), after every other mark of the line
    (KZ303)."""
    openable = [roles.title]
    for index, following in zip(roles.body, [*roles.body[1:], None], strict=True):
        if following is None or not draft.text(following).startswith(tuple(QUOTE_MARKS)):
            openable.append(index)
    index = draw(st.sampled_from(_text_lines(roles)))
    text = draft.text(index)
    after = _last_quote_mark(text) + 1
    word_ends = [at for at in [*_spaces(text), len(text)] if at >= after]
    word_starts = [at for at in [0, *(at + 1 for at in _spaces(text))] if at >= after]
    if index in openable and word_starts and draw(st.booleans()):
        at, mark = draw(st.sampled_from(word_starts)), draw(st.sampled_from('"\u201c\u00ab\u201e'))
        how = "opening"
    else:
        at, mark = draw(st.sampled_from(word_ends)), draw(st.sampled_from('"\u201d\u00bb'))
        how = "closing"
    _insert(draft, index, at, mark)
    description = f"{how} {mark!r} at character {at} of line {index + 1} ({_article(roles)})"
    draft.mark(index, at, at + 1, "KZ303", description)


@st.composite
def malformed_numbers(draw: st.DrawFn) -> tuple[str, str]:
    """A number written the way rule KZ304 reports, and the words after it: the reported text
    (``5,5``, ``16,00``, ``1000,000``, ``1.300.000``, ``1.300,5``, ``1,30.5``, ``1,30 0``) and
    a unit that keeps the number from running on (`` million``, ``%``)."""
    head = draw(st.integers(0, 999))
    groups = draw(st.lists(_spelled(string.digits, 3, 3), min_size=1, max_size=3))
    short = draw(_spelled(string.digits, 1, 2))
    written = draw(
        st.sampled_from(
            [
                f"{head},{short}",  # decimal comma, or thousands separator missing digits
                f"{draw(st.integers(1000, 10**6))},{groups[0]}",  # separator in the wrong place
                f"{head},{short}{groups[0]}",  # separator in the wrong place
                f"{head}.{groups[0]}." + ".".join(groups),  # points as thousands separators
                f"{head}." + ".".join(groups) + f",{short}",  # decimal comma, thousands points
                f"{head},{short}.{short}",  # mixed separators
                f"{head},{short} {draw(_spelled(string.digits, 1, 2))}",  # split by a space
            ]
        )
    )
    unit = draw(
        st.sampled_from(
            [" million", " billion", " thousand", " percent", " tons", " people", " km", "%"]
        )
    )
    return written, unit


def _malformed_number(draw: st.DrawFn, draft: _Draft, roles: _Roles) -> None:
    """A number with a decimal comma or misplaced thousands separators put into the title or a
    paragraph, with a unit after it: ``5,5 million``, ``1.300.000 tons`` (KZ304)."""
    index = draw(st.sampled_from(_text_lines(roles)))
    written, unit = draw(malformed_numbers())
    start = _insert_word(draw, draft, index, written + unit)
    description = f"{written + unit!r} in line {index + 1} ({_article(roles)})"
    draft.mark(index, start, start + len(written), "KZ304", description)


SPELLING_WORDS = (
    "agreement", "ombudsman", "transport", "logistics", "infrastructure", "emergency",
    "international", "cooperation", "friendship", "monitoring", "rehabilitation", "laboratories",
    "sovereignty", "strengthen", "highlighted", "environmental", "compassion", "childhood",
    "minister", "president", "detained", "diverted", "historic", "national", "support", "system",
    "results", "border", "global", "growth", "justice", "judges", "people", "service", "decree",
    "meeting", "energy", "refinery", "airport", "region", "court", "flight", "police",
)  # fmt: skip
"""English words of five letters or more, none of them one letter from a word of the seeds
that is not English (KZ305)."""


@functools.cache
def _misspellings(word: str) -> tuple[str, ...]:
    """``word`` with two neighbouring inner letters swapped, where that is not an English word:
    ``ombusdman`` for ``ombudsman``."""
    swapped = (
        word[:at] + word[at + 1] + word[at] + word[at + 2 :]
        for at in range(1, len(word) - 2)
        if word[at] != word[at + 1]
    )
    return tuple(slip for slip in swapped if not is_english(slip))


def _used(draft: _Draft, word: str) -> bool:
    pattern = re.compile(rf"\b{word}\b", re.IGNORECASE)
    return any(pattern.search(line.text) for line in draft.lines)


def _inconsistent_spelling(draw: st.DrawFn, draft: _Draft, roles: _Roles) -> None:
    """An English word and a misspelling of it (two inner letters swapped), both put into the
    article, in lower case or both capitalised: ``Ombudsman`` and ``Ombusdman`` (KZ305)."""
    pairs = [(word, slip) for word in SPELLING_WORDS for slip in _misspellings(word)]
    word, slip = draw(st.sampled_from(pairs).filter(lambda pair: not _used(draft, pair[1])))
    if draw(st.booleans()):
        word, slip = word.capitalize(), slip.capitalize()
    _insert_word(draw, draft, draw(st.sampled_from(_text_lines(roles))), word)
    index = draw(st.sampled_from(_text_lines(roles)))
    start = _insert_word(draw, draft, index, slip)
    description = f"{slip!r} for {word!r} in line {index + 1} ({_article(roles)})"
    draft.mark(index, start, start + len(slip), "KZ305", description)


REJECTED_TERMS = ("Kazakstan", "Kazakstani")
"""Terms kzvalidate's shipped vocabulary rejects (``contracts/vocabulary/preferred-terms.toml``),
at any date (KZ306)."""


def _rejected_term(draw: st.DrawFn, draft: _Draft, roles: _Roles) -> None:
    """A term the shipped vocabulary rejects (``Kazakstan``), maybe followed by a possessive or
    a punctuation mark, put into the title or a paragraph (KZ306)."""
    index = draw(st.sampled_from(_text_lines(roles)))
    term = draw(st.sampled_from(REJECTED_TERMS))
    ending = draw(st.sampled_from(["", "", ",", ".", ":", "\u2019s", "'s"]))
    start = _insert_word(draw, draft, index, term + ending)
    description = f"{term + ending!r} in line {index + 1} ({_article(roles)})"
    draft.mark(index, start, start + len(term), "KZ306", description)


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


# -- figures (KZ4xx): a sentence with the defect, added as the article's last paragraph --


_MASS_UNITS = (("g", 1e-3), ("kg", 1.0), ("tons", 1e3), ("t", 1e3), ("tonnes", 1e3))
"""Written mass units and what one of each is in kilograms."""
UNKNOWN_UNITS = ("kgs", "kms", "tn", "sqm", "kWt", "mtr", "tns", "cbm")
"""Unit-like abbreviations that are no unit kzvalidate knows (KZ401)."""
SUBJECTS = (
    ("Shymkent Refinery", "Shymkent Oil Refinery"),
    ("Atyrau Refinery", "Atyrau Oil Refinery"),
    ("Ekibastuz Power Plant", "Ekibastuz Plant"),
)
"""Named subjects of figures, each with a second way of naming it (KZ407)."""


def _amount(value: float) -> str:
    """A non-negative number written the English way: ``1,300`` or ``881.5``."""
    whole, tenths = divmod(round(value * 10), 10)
    return f"{whole:,}" if tenths == 0 else f"{whole:,}.{tenths}"


def _unknown_unit(draw: st.DrawFn, draft: _Draft, roles: _Roles) -> None:
    """A number followed by an abbreviation that is no known unit: ``12 kgs`` (KZ401)."""
    unit = draw(st.sampled_from(UNKNOWN_UNITS))
    number = _amount(draw(st.floats(1, 10**6)))
    glued = draw(st.booleans())
    written = f"{number}{'' if glued else ' '}{unit}"
    index = _add_paragraph(draft, roles, f"The plant produced {written} of cement last year.")
    start = draft.text(index).index(written) + len(written) - len(unit)
    description = f"{written!r} in {_article(roles)}"
    draft.mark(index, start, start + len(unit), "KZ401", description)


@st.composite
def mass_figures(draw: st.DrawFn) -> tuple[str, float]:
    """A mass as news writes it (``3.2 tons``, ``4,000 kg``) and its value in kilograms."""
    unit, factor = draw(st.sampled_from(_MASS_UNITS))
    written = _amount(draw(st.floats(0.1, 10**6)))
    return f"{written} {unit}", float(written.replace(",", "")) * factor


def _part_exceeds_whole(draw: st.DrawFn, draft: _Draft, roles: _Roles) -> None:
    """A part larger than its whole, in other units: ``3.2 tons of drugs, including 4,000 kg of
    heroin`` (KZ402)."""
    whole, whole_kg = draw(mass_figures())
    part, _ = draw(mass_figures().filter(lambda figure: figure[1] > whole_kg * 1.001))
    connector = draw(st.sampled_from(["including", "of which", "among them"]))
    text = f"Police seized {whole} of drugs, {connector} {part} of heroin."
    index = _add_paragraph(draft, roles, text)
    start = draft.text(index).index(f"{connector} {part}") + len(connector) + 1
    description = f"{part!r} out of {whole!r} in {_article(roles)}"
    draft.mark(index, start, start + len(part), "KZ402", description)


def _share_over_100(draw: st.DrawFn, draft: _Draft, roles: _Roles) -> None:
    """A share of a population above 100%: ``112% of residents`` (KZ403)."""
    share = f"{_amount(draw(st.floats(100.1, 999)))}%"
    whole = draw(st.sampled_from(["residents", "the population", "Kazakhstanis", "respondents"]))
    index = _add_paragraph(draft, roles, f"The survey found that {share} of {whole} agree.")
    start = draft.text(index).index(share)
    draft.mark(index, start, start + len(share), "KZ403", f"{share!r} in {_article(roles)}")


def _range_against_its_verb(draw: st.DrawFn, draft: _Draft, roles: _Roles) -> None:
    """A change that goes against its verb: ``increase from 12 to 6 million tons`` (KZ404)."""
    low = draw(st.integers(1, 500))
    high = low + draw(st.integers(1, 500))
    verb, first, second = draw(
        st.sampled_from([("increase", high, low), ("reduce", low, high), ("grow", high, low)])
    )
    after = f"{second} million tons"
    text = f"The plan is to {verb} output from {first} to {after} a year."
    index = _add_paragraph(draft, roles, text)
    line = draft.text(index)
    start = line.index(f"from {first} ") + len("from ")
    end = line.index(after, start) + len(after)
    draft.mark(index, start, end, "KZ404", f"{verb} from {first} to {second} in {_article(roles)}")


def _mismatched_dimensions(draw: st.DrawFn, draft: _Draft, roles: _Roles) -> None:
    """Figures of two dimensions compared: ``from 6 million tons to 12 km`` (KZ405)."""
    first_unit, second_unit = draw(
        st.sampled_from(
            [("tons", "km"), ("MW", "kWh"), ("$", "tenge"), ("hectares", "tons"), ("kg", "%")]
        )
    )
    low = draw(st.integers(1, 500))
    high = low + draw(st.integers(1, 500))

    def written(number: int, unit: str) -> str:
        return f"${number}" if unit == "$" else f"{number}%" if unit == "%" else f"{number} {unit}"

    first, second = written(low, first_unit), written(high, second_unit)
    index = _add_paragraph(draft, roles, f"The figure will grow from {first} to {second} soon.")
    line = draft.text(index)
    start = line.index(f"from {first} ") + len("from ")
    end = line.index(second, start + len(first)) + len(second)
    draft.mark(index, start, end, "KZ405", f"{first} to {second} in {_article(roles)}")


def _two_spellings_of_a_unit(draw: st.DrawFn, draft: _Draft, roles: _Roles) -> None:
    """One unit written two ways in one article: ``hectares`` then ``ha`` (KZ406)."""
    first, second = draw(
        st.sampled_from([("hectares", "ha"), ("ha", "hectares"), ("cubic meters", "m³")])
    )
    one, two = draw(st.integers(1, 10**4)), draw(st.integers(1, 10**4))
    later = f"{two:,} {second}"
    text = f"Farmers sowed {one:,} {first} of wheat and {later} of barley."
    index = _add_paragraph(draft, roles, text)
    start = draft.text(index).rindex(later)
    draft.mark(index, start, start + len(later), "KZ406", f"{first} then {second}")


def _conflicting_figures(draw: st.DrawFn, draft: _Draft, roles: _Roles) -> None:
    """Two articles giving one subject different figures: the refinery grows ``from 6 to 12
    million tons`` in one and ``from 6 to 10 million tons`` in a new article after it (KZ407)."""
    subject, other_name = draw(st.sampled_from(SUBJECTS))
    low = draw(st.integers(1, 50))
    high = low + draw(st.integers(1, 50))
    other = high + draw(st.integers(1, 50))
    first = (
        f"The expansion of the {subject} will increase capacity from {low} to {high} million tons."
    )
    _add_paragraph(draft, roles, first)
    later = f"{low} to {other} million tons"
    second = f"The {other_name} is to grow from {later} a year."
    day = date.fromisoformat(roles.record["date"])
    header = f"{day.day:02d}.{day.month:02d}.{day.year:04d}, {roles.record['time']} 1000"
    at = roles.footer + 1
    for offset, line in enumerate((header, "Refinery capacity to grow", second, FOOTER)):
        draft.insert_line(at + offset, line)
    index = at + 2
    start = draft.text(index).index(later)
    description = f"{subject}: {low} to {high}, then {low} to {other}"
    draft.mark(index, start, start + len(later), "KZ407", description)


_OPERATOR_TABLE = (
    Operator("KZ001", _invalid_utf8_in_text),
    Operator("KZ002", _byte_order_mark, stage=2),
    Operator("KZ003", _windows_line_end),
    Operator("KZ004", _control_character_in_text),
    Operator("KZ005", _tab_in_text),
    Operator("KZ006", _trailing_blanks),
    Operator("KZ007", _invisible_character),
    Operator("KZ008", _special_space),
    Operator("KZ009", _double_space),
    Operator("KZ010", _indented_line),
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
    Operator("KZ301", _mixed_script_word),
    Operator("KZ302", _mojibake_word),
    Operator("KZ303", _unpaired_quote),
    Operator("KZ304", _malformed_number),
    Operator("KZ305", _inconsistent_spelling),
    Operator("KZ306", _rejected_term),
    Operator("KZ401", _unknown_unit),
    Operator("KZ402", _part_exceeds_whole),
    Operator("KZ403", _share_over_100),
    Operator("KZ404", _range_against_its_verb),
    Operator("KZ405", _mismatched_dimensions),
    Operator("KZ406", _two_spellings_of_a_unit),
    Operator("KZ407", _conflicting_figures),
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
