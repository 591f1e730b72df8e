"""Figures in news text: every quantity with its number, scale, unit and span.

A figure is a number with a unit from ``contracts/units.json`` (see
:mod:`kzvalidate.quantities.units`): ``881.5 kg``, ``35km``, ``$978 million``, ``KZT 9.8 bln``,
``KZT150mln``, ``$12bn``, ``90%``, ``240,000 TEUs``, ``8,000 permanent jobs``. A range written with
a dash is one figure with two values (``3.5-4 million tons``, ``5-7%``); in ``from 6 to 12 million
tons`` the bare ``6`` takes the scale and unit of the figure after it. What is not a quantity is
never read as one: a number without a unit (years such as ``2025-2030``, counts such as ``71
members``), clock times and scores (``09:30``, ``(3:1)``), codes glued to letters (``FS7617``,
``KC263``, ``CHP-2``), and numbers written the wrong way (``5,5 million``: rule KZ304 reports it,
and no figure is guessed from it)."""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from kzvalidate.dump.blocks import Article
from kzvalidate.language.spelling import is_english
from kzvalidate.language.text import span_in
from kzvalidate.model import Field, Span, set_through_slots
from kzvalidate.patterns import compiled
from kzvalidate.quantities.numbers import DIGITS_TAIL, SPLIT_TAIL, english_value, malformed
from kzvalidate.quantities.units import Unit, UnitTable, load_table

NUMBER = compiled(rf"\d(?<![\d.,]\d){DIGITS_TAIL}")
"""A number token, however it is written; only English ones give figures."""
_SHARED_UNIT = compiled(r" (?:to|and|or) ")
"""Between a bare number and a figure whose scale and unit it shares."""
QUALIFIERS = (
    "over", "more than", "less than", "fewer than", "about", "around", "approximately", "roughly",
    "nearly", "almost", "up to", "at least", "at most", "some", "under", "below", "above",
)  # fmt: skip
"""Words before a figure that make it a bound or an estimate."""
QUALIFIER_WORDS = "|".join(QUALIFIERS)
LOWER_BOUNDS = frozenset({"over", "more than", "at least", "above"})
"""Qualifiers after which the true value may be anything above the figure (``over 3 tons``)."""
STRICT_LOWER_BOUNDS = frozenset({"over", "more than", "above"})
"""Lower bounds that exclude the figure itself (``more than 100%`` is above 100%)."""
UPPER_BOUNDS = frozenset({"up to", "less than", "fewer than", "under", "below", "at most"})
"""Qualifiers after which the true value may be anything below the figure (``up to 5 tons``)."""
ROUNDED = frozenset({"about", "around", "approximately", "roughly", "some"})
"""Qualifiers of a figure rounded at its last significant digit (``about 2.5 tons``: 2.45 to
2.55 tons)."""
JUST_BELOW = frozenset({"nearly", "almost"})
"""Qualifiers of a figure the true value falls just short of (``nearly 3,100 kg``)."""
_QUALIFIER = compiled(rf"\b(?P<word>{QUALIFIER_WORDS}) $", re.IGNORECASE)
_QUALIFIER_ENDS = frozenset(
    {word[-1] for word in QUALIFIERS} | {word[-1].upper() for word in QUALIFIERS}
)
"""The last letters of the qualifiers, in either case (no other letter matches them when case is
ignored): a figure whose word before ends otherwise has no qualifier."""
_LETTER = compiled(r"[^\W\d_]")
_UNIT_LIKE_TEXT = r"[a-z][A-Za-z]{0,3}(?:/[A-Za-z]{1,3})?[\u00b2\u00b3]?"
_UNIT_LIKE = compiled(rf" ?(?P<unit>{_UNIT_LIKE_TEXT})(?![\w/])")
"""What reads as a unit after a number: a short lower-case abbreviation (``kgs``, ``tn``, ``sqm``,
``kWt``), possibly per something (``t/ha``)."""
_NOT_LETTERS = frozenset({"", " ", "(", "$"})
"""What stands before most numbers, and is no letter (nor the dash of ``CHP-2``)."""
_NOT_UNITS = frozenset({"st", "nd", "rd", "th", "s", "am", "pm", "x", "bn", "mn", "k"})
"""Short words after numbers that are no units: ordinals, decades, times of day, ``3x``."""


@set_through_slots
@dataclass(frozen=True, slots=True)
class Figure:
    """A quantity in a line of text; offsets are 0-based characters of that text."""

    start: int
    end: int
    text: str
    value: float
    """The number written times its scale (the low end of a range)."""
    upper: float | None
    """The high end of a range, or None."""
    unit: Unit
    written_unit: str
    """The unit as written (``tons``, ``$``, ``KZT``)."""
    qualifier: str | None = None
    """A word before the figure that makes it a bound or an estimate (``over``, ``about``)."""
    shared: bool = False
    """The scale and unit were taken from the next figure (``from 6 to 12 million tons``)."""

    @property
    def dimension(self) -> str:
        return self.unit.dimension

    @property
    def base_value(self) -> float:
        """The value in the unit its dimension is recorded in."""
        return self.value * self.unit.factor

    @property
    def base_upper(self) -> float | None:
        return None if self.upper is None else self.upper * self.unit.factor

    @property
    def qualified_text(self) -> str:
        """The figure with its qualifier, as a reader sees it: ``about 130%``."""
        return self.text if self.qualifier is None else f"{self.qualifier} {self.text}"

    @property
    def is_lower_bound(self) -> bool:
        """``over 3 tons``: the true value may be anything above."""
        return self.qualifier in LOWER_BOUNDS

    @property
    def is_upper_bound(self) -> bool:
        """``up to 5 tons``: the true value may be anything below."""
        return self.qualifier in UPPER_BOUNDS

    @property
    def base_slack(self) -> float:
        """Half a unit of the figure's last significant digit, in the dimension's unit: how far
        from a figure rounded as written the true value may lie (``2.5 tons``: 50 kg; ``3,100
        kg``: 50 kg; ``5 million tenge``: 500,000 tenge)."""
        numbers = NUMBER.findall(self.text)
        last = english_value(numbers[-1]) if numbers else None
        if not last:
            return 0.0
        shown = self.upper if self.upper is not None else self.value
        return _last_digit_unit(numbers[-1]) / 2 * (shown / last) * self.unit.factor


@dataclass(slots=True)
class _Amount:
    """A number with its scale, read before its unit."""

    start: int
    end: int
    value: float
    upper: float | None
    scale: float


@dataclass(frozen=True, slots=True)
class UnknownUnit:
    """A number followed by what reads as a unit but is not one kzvalidate knows (``12 kgs``)."""

    start: int
    end: int
    number: str
    unit: str
    unit_start: int


@dataclass(frozen=True, slots=True)
class Reading:
    figures: tuple[Figure, ...]
    unknown_units: tuple[UnknownUnit, ...]


class _Reader:
    """Reads the figures of one text, left to right."""

    def __init__(self, text: str, table: UnitTable) -> None:
        self.text = text
        self.table = table
        self.prefixes = _prefix_pattern()
        self.unknown: list[UnknownUnit] = []

    def figures(self, candidates: Iterator[re.Match[str]] | None = None) -> list[Figure]:
        """The figures, in order (``candidates``: the matches of :func:`_candidates` in the text,
        if already begun)."""
        found: list[Figure] = []
        waiting: _Amount | None = None  # a bare number that may share the next figure's unit
        position = 0
        text, followers = self.text, _followers()
        # Only the numbers a follower or a currency may make a figure of: any other is bare, and
        # skipping it changes nothing (a bare number between ``waiting`` and a figure already
        # stops them sharing a unit: the text between them is then no `` to ``).
        for match in _candidates().finditer(text) if candidates is None else candidates:
            start, end = match.span()
            if start < position:
                continue
            before = self.prefix_before(start)
            if text[end : end + 1] not in followers and before[0] is None:
                # A bare number (``in 2025,``): nothing after it can make it a figure, and
                # whether it is a quantity or not, the next one is read after it.
                position, waiting = end, None
                continue
            if self.not_a_quantity(start, end, match.group()):
                position, waiting = self.past_token(end, match.group()), None
                continue
            figure, amount = self.read(match, before)
            position = figure.end if figure is not None else amount.end
            if figure is None:
                waiting = amount if _SHARED_UNIT.match(self.text, amount.end) else None
                self.note_unknown_unit(amount)
                continue
            if waiting is not None and _SHARED_UNIT.fullmatch(self.text, waiting.end, figure.start):
                found.append(self.sharing(waiting, figure))
            found.append(figure)
            waiting = None
        return found

    def read(
        self, match: re.Match[str], before: tuple[Unit | None, int] | None = None
    ) -> tuple[Figure | None, _Amount]:
        """The figure that starts with this number, or None and the bare amount (``before``:
        the currency before it, if already looked for). What follows the number is matched in
        one go (:func:`_tail_pattern`): a range, a scale, a unit."""
        text = self.text
        prefix, start = self.prefix_before(match.start()) if before is None else before
        money = prefix is not None
        tail = _tail(text, match.end(), money=money, ranged=True)
        if tail["upper"] is not None and self.not_a_quantity(
            tail.start("upper"), tail.end("upper"), tail["upper"]
        ):
            tail = _tail(text, match.end(), money=money, ranged=False)
        amount = self.amount(match, tail, money=money)
        unit = self.unit_in(tail)
        if prefix is not None:
            twice = unit is not None and unit.dimension == prefix.dimension  # "$5 million dollars"
            end = tail.end() if twice else amount.end
            unit, written = prefix, text[start : match.start()].strip()
        elif unit is not None:
            end, written = tail.end(), unit.written
        else:
            return None, amount
        figure = Figure(
            start=start,
            end=end,
            text=text[start:end],
            value=amount.value,
            upper=amount.upper,
            unit=unit,
            written_unit=written,
            qualifier=self.qualifier(start),
        )
        return figure, amount

    def amount(self, match: re.Match[str], tail: re.Match[str], *, money: bool) -> _Amount:
        """The number, the high end of its range and its scale, as ``tail`` found them."""
        value, upper, word = _value(match.group()), tail["upper"], tail["scale"]
        scale = 1.0 if word is None else self.scale(word, money=money)
        return _Amount(
            match.start(),
            tail.end("amount"),
            value * scale,
            None if upper is None else _value(upper) * scale,
            scale,
        )

    def scale(self, word: str, *, money: bool) -> float:
        """A scale's factor: ``million``, ``bln``; ``m``, ``k``, ``tn`` after money."""
        scale = self.table.multipliers.get(word.lower())
        if scale is None and money:
            scale = self.table.money_multipliers.get(word)
        assert scale is not None, "the tail pattern finds only the table's scales"
        return scale

    def unit_in(self, tail: re.Match[str]) -> Unit | None:
        """The unit written after the amount (the longest form that fits), if any."""
        written = tail["counted"] or tail["unit"]
        return None if written is None else self.table.unit(written)

    def note_unknown_unit(self, amount: _Amount) -> None:
        match = _UNIT_LIKE.match(self.text, amount.end)
        if match is None:
            return
        written = match.group("unit")
        if written in _NOT_UNITS or written.lower() in self.table.multipliers:
            return
        if is_english(written.lower()):
            return
        self.unknown.append(
            UnknownUnit(
                amount.start,
                match.end(),
                self.text[amount.start : amount.end],
                written,
                match.start("unit"),
            )
        )

    def sharing(self, amount: _Amount, figure: Figure) -> Figure:
        """A bare number that takes the next figure's unit (and scale, unless it has its own)."""
        scale = 1.0 if amount.scale != 1.0 else _scale_of(self.text, figure)
        return Figure(
            start=amount.start,
            end=amount.end,
            text=self.text[amount.start : amount.end],
            value=amount.value * scale,
            upper=None if amount.upper is None else amount.upper * scale,
            unit=figure.unit,
            written_unit=figure.written_unit,
            qualifier=self.qualifier(amount.start),
            shared=True,
        )

    def not_a_quantity(self, start: int, end: int, token: str) -> bool:
        """Clock times and scores, dates and versions, codes glued to letters, numbers written
        the wrong way (``token``, the number from ``start`` to ``end``)."""
        text = self.text
        before = text[start - 1] if start else ""
        if before == ":" or (text.startswith(":", end) and text[end + 1 : end + 2].isdigit()):
            return True
        if english_value(token) is None:
            return True
        if before in _NOT_LETTERS:
            return False
        if before == "-" and start >= 2 and _LETTER.match(text[start - 2]):
            return True  # CHP-2, COVID-19
        return bool(before) and _LETTER.match(before) is not None and not self.glued_code(start)

    def glued_code(self, start: int) -> bool:
        """A currency code glued to the number: ``KZT150mln``."""
        match = self.prefixes.search(self.text, max(0, start - 4), start)
        return match is not None and match.end() == start

    def past_token(self, end: int, token: str) -> int:
        """Past a token that is not a quantity (``token``, ending at ``end``), and past the
        split-off digits of a misplaced separator (all of ``1,30 0``)."""
        split = SPLIT_TAIL.match(self.text, end) if malformed(token) else None
        return end if split is None else split.end()

    def prefix_before(self, start: int) -> tuple[Unit | None, int]:
        """A currency written just before the number (``$``, ``€``, ``KZT``, ``KZT ``)."""
        codes, symbols = _prefix_ends()
        before = self.text[start - 1 : start]
        if (
            before not in symbols
            and (before if before != " " else self.text[start - 2 : start - 1]) not in codes
        ):
            return None, start
        match = self.prefixes.search(self.text, max(0, start - 5), start)
        if match is None or match.end() != start:
            return None, start
        written = match.group("code") or match.group("symbol")
        return self.table.prefixes[written], match.start()

    def qualifier(self, start: int) -> str | None:
        text = self.text
        if text[start - 1 : start] != " " or text[start - 2 : start - 1] not in _QUALIFIER_ENDS:
            return None
        match = _QUALIFIER.search(text, max(0, start - 20), start)
        return None if match is None else match.group("word").lower()


def _value(token: str) -> float:
    value = english_value(token)
    assert value is not None, "read only after not_a_quantity"
    return value


def _last_digit_unit(token: str) -> float:
    """The place value of the last significant digit of an English number: ``3,100`` 100,
    ``2.5`` 0.1, ``130`` 10."""
    digits = token.replace(",", "")
    if "." in digits:
        return 10.0 ** -len(digits.partition(".")[2])
    stripped = digits.rstrip("0")
    return 10.0 ** (len(digits) - len(stripped)) if stripped else 1.0


def _scale_of(text: str, figure: Figure) -> float:
    """The scale written in a figure: its value over the number as written."""
    match = NUMBER.search(text, figure.start, figure.end)
    assert match is not None
    number = _value(match.group())
    return figure.value / number if number else 1.0


COUNTED_DIMENSIONS = frozenset({"jobs", "people", "containers"})
"""Counted units: an adjective may stand between number and unit (``8,000 permanent jobs``)."""


@functools.cache
def _unit_forms(*, counted: bool) -> frozenset[str]:
    """How the units of counted dimensions (or of the others) may be written after a number: as
    listed, and those listed in lower case also capitalised, in title case or in capitals."""
    forms: set[str] = set()
    for written, unit in load_table().units.items():
        if (unit.dimension in COUNTED_DIMENSIONS) != counted:
            continue
        forms.add(written)
        if written.islower() and len(written) > 2:
            forms |= {written.capitalize(), written.title(), written.upper()}
    return frozenset(forms)


def _longest_first(forms: Iterable[str]) -> list[str]:
    """Forms in the order an alternation must try them: the longest first, so that ``kWh`` is
    not read as ``kW``; then alphabetically, so that the pattern is the same in every run (the
    forms come from sets) and its compiled form can be kept (:mod:`kzvalidate.patterns`)."""
    return sorted(forms, key=lambda form: (-len(form), form))


@functools.cache
def _unit_text(*, named: bool = True) -> str:
    """The pattern of a unit after a number (after a blank, or right there): a counted unit,
    perhaps after an adjective (``8,000 permanent jobs``), in group ``counted``, or any other
    unit, in group ``unit`` (with ``named``), in the longest form that fits, with no letter,
    digit or ``/`` after it."""
    table = load_table()
    adjectives = "|".join(re.escape(word) for word in sorted(table.counted_adjectives))
    counted, others = _trie_text(_unit_forms(counted=True)), _trie_text(_unit_forms(counted=False))
    counted_group, unit_group = ("(?P<counted>", "(?P<unit>") if named else ("(?:", "(?:")
    return (
        rf" ?(?:(?:(?:{adjectives}) )?{counted_group}{counted})|{unit_group}{others}))"
        r"(?![^\W_]|/)"
    )


def _trie_text(forms: Iterable[str]) -> str:
    """An alternation of the forms, shared beginnings written once (``k(?:g|m(?:/h)?)``): the
    matcher tries a few letters at each step instead of every form in turn. A longer form is
    tried before a form it begins with, so that, as in an alternation of the forms longest first,
    the longest form that fits is taken (``kWh``, not ``kW``)."""
    trie: dict[str, Any] = {}
    for form in forms:
        node = trie
        for char in form:
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_node_text(trie)


def _trie_node_text(node: dict[str, Any]) -> str:
    branches = [re.escape(char) + _trie_node_text(node[char]) for char in sorted(node) if char]
    if not branches:
        return ""
    if len(branches) == 1 and "" not in node:
        return branches[0]
    return f"(?:{'|'.join(branches)}){'?' if '' in node else ''}"


def _scale_text(*, money: bool) -> str:
    """The pattern of a scale's word: a whole word of ASCII letters (``million``, ``Bln``) that
    is one of the table's scales in any case, or after money one of money's own as written
    (``m``, ``k``, ``tn``)."""
    table = load_table()
    words = [word for word in sorted(table.multipliers) if re.fullmatch("[a-z]+", word)]
    found = [rf"(?ai:{'|'.join(words)})"] if words else []
    if money:
        found += [
            re.escape(word)
            for word in sorted(table.money_multipliers)
            if re.fullmatch("[A-Za-z]+", word)
        ]
    return "|".join(found) or "(?!)"


@functools.cache
def _tail_pattern(*, money: bool, ranged: bool) -> re.Pattern[str]:
    """What may follow a number in a figure, every part optional, each as the reader would take
    it: a dash and the high end of a range (if ``ranged``), a scale after a blank or right
    there (money's own scales too, after money), a unit (:func:`_unit_text`). Group ``amount``
    ends where the amount does (number, range, scale), ``upper`` is the range's high end,
    ``scale`` the scale's word."""
    upper = rf"(?P<dash> ?[-\u2013] ?)(?P<upper>\d(?<![\d.,]\d)(?>{DIGITS_TAIL}))"
    never = "" if ranged else "(?!)"  # the groups are there, but never match
    scale = rf" ?(?P<scale>{_scale_text(money=money)})(?!\w)"
    return compiled(rf"(?P<amount>(?:{never}{upper})?(?:{scale})?)(?:{_unit_text()})?")


def _tail(text: str, end: int, *, money: bool, ranged: bool) -> re.Match[str]:
    """The tail (:func:`_tail_pattern`) of the number that ends at ``end``."""
    tail = _tail_pattern(money=money, ranged=ranged).match(text, end)
    assert tail is not None, "every part of a tail is optional"
    return tail


@functools.cache
def _followers() -> frozenset[str]:
    """Every character that may follow a number that is part of a figure or of a bare amount
    worth noting: a blank, a dash, a letter (a scale or a unit), the first character of a unit
    (``%``) or of an adjective of a counted unit. A number followed by anything else (a full
    stop, a comma, the end of the text) is neither, unless a currency stands before it."""
    table = load_table()
    firsts = {form[0] for form in (*table.units, *table.counted_adjectives)}
    letters = {chr(code) for code in range(ord("A"), ord("z") + 1) if chr(code).isalpha()}
    return frozenset({" ", "-", "\u2013", *letters, *firsts, *(char.upper() for char in firsts)})


@functools.cache
def _candidates() -> re.Pattern[str]:
    """:data:`NUMBER`, but only where a currency's last character (:func:`_prefix_ends`) stands
    before the number, perhaps with a blank between, or where a follower (:func:`_followers`)
    comes after it and starts something the reader takes up (:func:`_taken_up_text`): the
    numbers the reader must look at. The token is matched whole (atomic), as NUMBER matches it,
    before what follows is looked at."""
    codes, symbols = _prefix_ends()

    def chars(found: frozenset[str]) -> str:
        return "".join(re.escape(char) for char in sorted(found))

    after_currency = rf"(?<=[{chars(symbols)}{chars(codes)}]\d)|(?<=[{chars(codes)}] \d)"
    return compiled(
        rf"\d(?<![\d.,]\d)(?P<currency>{after_currency})?(?>{DIGITS_TAIL})"
        rf"(?(currency)|(?=[{chars(_followers())}])(?={_taken_up_text()}))"
    )


def _taken_up_text() -> str:
    """What the reader takes up right after a number with no currency before it: a dash (a
    range), the split-off digits of a misplaced separator (:data:`SPLIT_TAIL`), a word shared
    with the next figure (:data:`_SHARED_UNIT`), a scale, a unit, or what reads as one
    (:data:`_UNIT_LIKE`). After any other number the reader reads nothing, notes nothing and
    shares nothing: it is bare, and the next number is read after it, as it would be anyway."""
    scale = rf" ?(?:{_scale_text(money=False)})(?!\w)"
    unit_like = rf" ?{_UNIT_LIKE_TEXT}(?![\w/])"
    taken = (
        r" ?[-\u2013]", SPLIT_TAIL.pattern, _SHARED_UNIT.pattern, unit_like, scale,
        _unit_text(named=False),
    )  # fmt: skip
    return f"(?:{'|'.join(taken)})"


@functools.cache
def _prefix_ends() -> tuple[frozenset[str], frozenset[str]]:
    """The last characters of the currency codes and of the currency symbols written before a
    number (a code may have a blank after it, a symbol not)."""
    prefixes = load_table().prefixes
    return (
        frozenset(written[-1] for written in prefixes if written[-1].isalpha()),
        frozenset(written[-1] for written in prefixes if not written[-1].isalpha()),
    )


@functools.cache
def _prefix_pattern() -> re.Pattern[str]:
    table = load_table()
    codes = [written for written in table.prefixes if written[-1].isalpha()]
    symbols = [written for written in table.prefixes if not written[-1].isalpha()]

    def either(forms: list[str]) -> str:
        return "|".join(re.escape(form) for form in _longest_first(forms))

    return compiled(
        rf"(?:(?<![^\W_])(?P<code>{either(codes)}) ?|(?P<symbol>{either(symbols)}))",
    )


def in_unit_of(figure: Figure, other: Figure) -> str:
    """``figure``'s value written in ``other``'s unit: ``4,000 kg`` in tons is ``4 tons``."""
    return base_value_in_unit_of(figure.base_value, other)


def base_value_in_unit_of(base_value: float, figure: Figure) -> str:
    """A value in the unit of ``figure``'s dimension, written in ``figure``'s unit to six
    significant digits, the English way: ``1,450,000 tons``, ``2.6 tons``."""
    rounded = float(f"{base_value / figure.unit.factor:.6g}")
    return f"{rounded:,.6f}".rstrip("0").rstrip(".") + f" {figure.written_unit}"


def article_figures(article: Article) -> Iterator[tuple[Field, Figure]]:
    """The figures of an article's title and body, each with the line it stands in."""
    for field, reading in figured_paragraphs(article):
        for figure in reading.figures:
            yield field, figure


Figured = tuple[tuple[Field, Reading], ...]
"""Paragraphs with their reading."""


class _LastArticle:
    """The figured paragraphs of the article read last: its record and every figure rule ask for
    them, one after the other. One tuple, so that a thread never reads one article's paragraphs
    for another."""

    kept: tuple[Article, Figured] | None = None


def figured_paragraphs(article: Article) -> Figured:
    """The paragraphs of an article's title and body that hold a figure or a number with a unit
    kzvalidate does not know, in order, each with its reading; the others need no figure rule."""
    kept = _LastArticle.kept
    if kept is not None and kept[0] is article:
        return kept[1]
    found = tuple(
        (field, reading)
        for field in article.paragraphs
        if (reading := read(field.text)).figures or reading.unknown_units
    )
    _LastArticle.kept = (article, found)
    return found


def figure_span(field: Field, figure: Figure) -> Span:
    return span_in(field, figure.start, figure.end)


@functools.lru_cache(maxsize=4096)
def read(text: str) -> Reading:
    """The figures in one line of text, in order, and the numbers with a unit kzvalidate does not
    know (cached: several rules read the same paragraph)."""
    pattern = _candidates()
    candidates = (_led_by_ascii_digit(pattern) if text.isascii() else pattern).finditer(text)
    first = next(candidates, None)
    if first is None:
        return _NOTHING  # most paragraphs: no number a figure could be made of
    reader = _Reader(text, load_table())
    found = tuple(reader.figures(itertools.chain((first,), candidates)))
    return Reading(found, tuple(reader.unknown))


_NOTHING = Reading((), ())


def _led_by_ascii_digit(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """``pattern``, which starts with ``\\d``, starting with ``[0-9]`` instead: the same in a text
    of ASCII characters (whose only digits are 0 to 9), and faster to search for, as the matcher
    looks the first character up in a table instead of asking the Unicode database."""
    kept = _AsciiLed.kept  # not functools.cache: hashing a pattern hashes all its code
    if kept is not None and kept[0] is pattern:
        return kept[1]
    if not pattern.pattern.startswith("\\d"):
        raise ValueError(f"{pattern.pattern!r} does not start with \\d")
    led = compiled("[0-9]" + pattern.pattern.removeprefix("\\d"), pattern.flags)
    _AsciiLed.kept = (pattern, led)
    return led


class _AsciiLed:
    kept: tuple[re.Pattern[str], re.Pattern[str]] | None = None


def figures_in(text: str) -> tuple[Figure, ...]:
    """Every figure in one line of text, in order."""
    return read(text).figures
