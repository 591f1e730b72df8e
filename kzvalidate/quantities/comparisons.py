"""What a sentence says about its figures: a change (``from 6 to 12 million tons``), a part of a
whole (``881.5 kg ..., including 104 kg``), a share (``90% of Kazakhstanis``), a restatement in
another currency (``€4 million (KZT 2.1 billion)``), a capacity (``a capacity of 1.25 million
tons``). The figure rules check these; they read only the forms listed here, and stay silent on
any other wording.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from kzvalidate.dump.blocks import Article
from kzvalidate.model import Field
from kzvalidate.patterns import compiled
from kzvalidate.quantities.figures import (
    JUST_BELOW,
    QUALIFIER_WORDS,
    ROUNDED,
    STRICT_LOWER_BOUNDS,
    Figure,
    figured_paragraphs,
)

Direction = Literal["up", "down"]

_UP = (
    r"increas\w*|ris(?:e|es|ing|en)|rose|grow(?:s|ing|n)?|grew|growth|expan\w*|boost\w*|"
    r"rais(?:e|es|ed|ing)|climb\w*|jump\w*|surg\w*|doubl\w*|gain\w*|up"
)
_DOWN = (
    r"decreas\w*|declin\w*|fall(?:s|ing|en)?|fell|drop\w*|reduc\w*|cut(?:s|ting)?|down|"
    r"lower\w*|shr[iau]nk\w*|slump\w*|dip(?:s|ped)?"
)
_DIRECTION = compiled(rf"\b(?:(?P<up>{_UP})|(?P<down>{_DOWN}))\b", re.IGNORECASE)
_SENTENCE_END = compiled(r"[.!?;](?=\s|$)")
_QUALIFIED = rf"(?:(?:{QUALIFIER_WORDS}) )?"
_FROM = compiled(rf"\bfrom {_QUALIFIED}$", re.IGNORECASE)
_TO = compiled(rf" to {_QUALIFIED}", re.IGNORECASE)
_CONNECTORS = r"including|of which|of them|among them|among which|out of which|incl\."
_PART = compiled(
    rf"^[^.;!?]{{0,80}}?(?<![\w-])(?P<connector>{_CONNECTORS})[\s,:]*{_QUALIFIED}$",
    re.IGNORECASE,
)
_OUT_OF = compiled(r"^ out of (?:the |a total of |total )?$")
_CHANGE_PIECES = ("from ", " to ")
"""What a text with a change holds (:data:`_FROM`, :data:`_TO`), in lower case: a text in lower
case lacking either has none (their letters, like those of :data:`_CONNECTOR_PIECES`, are matched
by their capitals only when case is ignored)."""
_CONNECTOR_PIECES = ("ncl", "f wh", "f them", "g them", "g wh")
"""A piece of each connector of :data:`_PART` (``including``, ``incl.``, ``of which``, ``out of
which``, ``of them``, ``among them``, ``among which``) in lower case, of letters that only their
capital matches when case is ignored: a text in lower case lacking all of them has no connector
(searching for the connectors themselves, case ignored, costs ten times more)."""
_CAPACITY_PIECE = "capac"
"""What a text with a capacity holds (:data:`_CAPACITY`) in lower case, of letters like those of
:data:`_CONNECTOR_PIECES` (not the i of ``capacity``)."""
_SHARE = compiled(
    r" of (?:the |all |its |their )?(?:(?:total|adult|local|young|surveyed|registered|eligible|"
    r"urban|rural|working) )?(?P<whole>residents|people|citizens|population|respondents|"
    r"Kazakhstanis|households|voters|employees|workers|students|pupils|children|families|women|"
    r"men|participants|users|patients|companies|enterprises|businesses|farmers|schools|teachers|"
    r"doctors|graduates|applicants|inhabitants|members|total|all)\b"
)
_CAPACITY = compiled(
    r"\bcapacity (?:of |to )?(?:up to |about |around |some |nearly |over |more than )?$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Change:
    """``from`` one figure ``to`` another, and the direction the sentence gives it, if any."""

    before: Figure
    after: Figure
    direction: Direction | None
    verb: str | None


@dataclass(frozen=True, slots=True)
class PartOf:
    whole: Figure
    part: Figure
    connector: str


@dataclass(frozen=True, slots=True)
class Share:
    """A percentage of a population or total (``112% of residents``)."""

    figure: Figure
    whole: str


def restatements(text: str, figures: Sequence[Figure]) -> dict[int, int]:
    """Figures that restate the one before them in brackets, in another unit (``€4 million (KZT
    2.1 billion)``), by index, with where their closing bracket ends. They take part in no
    comparison."""
    found: dict[int, int] = {}
    for index in range(1, len(figures)):
        before, figure = figures[index - 1], figures[index]
        between = text[before.end : figure.start]
        if between.strip() == "(" and text[figure.end : figure.end + 1] == ")":
            found[index] = figure.end + 1
    return found


@dataclass(frozen=True, slots=True)
class Comparable:
    figure: Figure
    end: int
    """Where the figure ends, with its restatement in brackets if it has one."""


@dataclass(slots=True)
class _Relations:
    """What the comparisons found among the figures of one paragraph, each found once: several
    rules ask for the same."""

    figures: Sequence[Figure]
    text: str
    compared: tuple[Comparable, ...] | None = None
    changes: tuple[Change, ...] | None = None
    parts: tuple[PartOf, ...] | None = None
    lowered: str | None = None
    """The text in lower case, for the words of a change or a part of a whole."""

    def lower(self) -> str:
        if self.lowered is None:
            self.lowered = self.text.lower()
        return self.lowered


def _relations(text: str, figures: Sequence[Figure]) -> _Relations:
    """The relations of the figures of a paragraph (kept for the last few paragraphs)."""
    key = id(figures)
    kept = _KEPT.get(key)
    if kept is not None and kept.figures is figures and kept.text == text:
        return kept
    found = _Relations(figures, text)
    if len(_KEPT) >= _KEPT_AT_MOST:
        _KEPT.clear()
    _KEPT[key] = found  # the figures held, so their id is not reused
    return found


_KEPT: dict[int, _Relations] = {}
_KEPT_AT_MOST = 64


def compared(text: str, figures: Sequence[Figure]) -> tuple[Comparable, ...]:
    """The figures that can be compared: restatements in brackets folded into the figure before."""
    relations = _relations(text, figures)
    if relations.compared is None:
        relations.compared = tuple(_compared(text, figures))
    return relations.compared


def _compared(text: str, figures: Sequence[Figure]) -> list[Comparable]:
    skipped = restatements(text, figures)
    usable: list[Comparable] = []
    for index, figure in enumerate(figures):
        if index in skipped:
            usable[-1] = Comparable(usable[-1].figure, skipped[index])
        else:
            usable.append(Comparable(figure, figure.end))
    return usable


def sentence_start(text: str, at: int) -> int:
    ends = [match.end() for match in _SENTENCE_END.finditer(text, 0, at)]
    return ends[-1] if ends else 0


def changes(text: str, figures: Sequence[Figure]) -> tuple[Change, ...]:
    """Every ``from X to Y`` of two figures in a row, with the nearest word of direction before
    it in the same sentence."""
    if len(figures) < 2:
        return ()
    relations = _relations(text, figures)
    if relations.changes is None:
        lowered = relations.lower()
        may_change = all(piece in lowered for piece in _CHANGE_PIECES)
        relations.changes = tuple(_changes(text, compared(text, figures))) if may_change else ()
    return relations.changes


def _changes(text: str, usable: Sequence[Comparable]) -> list[Change]:
    found: list[Change] = []
    for first, second in itertools.pairwise(usable):
        before, after = first.figure, second.figure
        if not _FROM.search(text, max(0, before.start - 20), before.start):
            continue
        if not _TO.fullmatch(text, first.end, after.start):
            continue
        head = text[sentence_start(text, before.start) : before.start]
        words = list(_DIRECTION.finditer(head))
        last = words[-1] if words else None
        direction: Direction | None = None
        if last is not None:
            direction = "up" if last.group("up") else "down"
        found.append(Change(before, after, direction, None if last is None else last.group()))
    return found


def article_parts(article: Article) -> tuple[tuple[Field, PartOf], ...]:
    """Every part-of-a-whole statement of the article's title and body, with its paragraph
    (kept for the article read last: two rules ask for them, one after the other)."""
    kept = _LastParts.kept
    if kept is not None and kept[0] is article:
        return kept[1]
    found = tuple(
        (field, relation)
        for field, reading in figured_paragraphs(article)
        if len(reading.figures) >= 2
        for relation in parts(field.text, reading.figures)
    )
    _LastParts.kept = (article, found)
    return found


class _LastParts:
    """The parts of the article read last, in one tuple, so that a thread never takes one
    article's parts for another's."""

    kept: tuple[Article, tuple[tuple[Field, PartOf], ...]] | None = None


def parts(text: str, figures: Sequence[Figure]) -> tuple[PartOf, ...]:
    """``W ..., including P`` (and ``of which``, ``among them``) and ``P out of W``, for two
    figures in a row."""
    if len(figures) < 2:
        return ()
    relations = _relations(text, figures)
    if relations.parts is None:
        may_hold = _may_hold_part(text, relations.lower())
        relations.parts = tuple(_parts(text, compared(text, figures))) if may_hold else ()
    return relations.parts


def _may_hold_part(text: str, lowered: str) -> bool:
    """Whether the text (``lowered``: in lower case) may say that a figure is part of another
    (see :data:`_PART` and :data:`_OUT_OF`); False only if it surely does not."""
    return " out of " in text or any(piece in lowered for piece in _CONNECTOR_PIECES)


def _parts(text: str, usable: Sequence[Comparable]) -> list[PartOf]:
    found: list[PartOf] = []
    for first, second in itertools.pairwise(usable):
        between = text[first.end : second.figure.start]
        match = _PART.match(between)
        if match is not None:
            found.append(PartOf(first.figure, second.figure, match.group("connector").lower()))
        elif _OUT_OF.match(between):
            found.append(PartOf(second.figure, first.figure, "out of"))
    return found


def least(figure: Figure) -> float:
    """The smallest value the figure's wording allows, in its dimension's unit. News style
    states the rounded figure: ``about`` and ``nearly 3,100 kg`` are at least 3,050 kg, ``over``
    and unqualified ``3,100 kg`` at least 3,100 kg; ``up to 3,100 kg`` may be anything below."""
    if figure.is_upper_bound:
        return 0.0
    if figure.qualifier in ROUNDED or figure.qualifier in JUST_BELOW:
        return figure.base_value - figure.base_slack
    return figure.base_value


def most(figure: Figure) -> float | None:
    """The largest value the figure's wording allows, in its dimension's unit, or None for a
    lower bound (``more than 2.5 tons``). ``about 2.5 tons`` is at most 2.55 tons; ``nearly``,
    ``up to`` and unqualified ``2.5 tons`` at most 2.5 tons (a range: its high end)."""
    if figure.is_lower_bound:
        return None
    highest = figure.base_upper if figure.base_upper is not None else figure.base_value
    return highest + figure.base_slack if figure.qualifier in ROUNDED else highest


def surely_above(figure: Figure, limit: float) -> bool:
    """Whether the figure's wording puts it above ``limit`` (in its dimension's unit), whatever
    its rounding: ``about 130%`` is above 100%, and so is ``more than 100%``."""
    lowest = least(figure)
    if figure.qualifier in STRICT_LOWER_BOUNDS and lowest >= limit * (1 - 1e-9):
        return True
    return lowest > limit * (1 + 1e-9)


def exceeds(part: Figure, whole: Figure) -> bool:
    """Whether the part is surely more than the whole, once both are in the same unit, reading
    both as news style writes them (see :func:`least` and :func:`most`). A whole written as a
    lower bound is never exceeded here (see :func:`exceeds_lower_bound`), nor a part written as
    an upper bound (``up to 5 tons``)."""
    if part.dimension != whole.dimension:
        return False
    highest = most(whole)
    return highest is not None and surely_above(part, highest)


def states_more_than(figure: Figure, limit: float) -> bool:
    """Whether the figure states a value surely above ``limit`` (in its dimension's unit): the
    high end of a range (``95-105%``), any other figure as :func:`surely_above` reads it."""
    if figure.upper is not None and not figure.is_upper_bound:
        return surely_above(dataclasses.replace(figure, value=figure.upper, upper=None), limit)
    return surely_above(figure, limit)


def lower_bound_ceiling(whole: Figure) -> float:
    """Where a total stated as a lower bound stops, in its dimension's unit: news style rounds
    it down at its last digit, so ``more than 2.5 tons`` is less than 2.6 tons and ``over 2
    tons`` less than 3 tons."""
    stated = whole.base_upper if whole.base_upper is not None else whole.base_value
    return stated + 2 * whole.base_slack


def exceeds_lower_bound(part: Figure, whole: Figure) -> bool:
    """Whether the part is more than a whole written as a lower bound can be once rounded down
    (``more than 2.5 tons ..., including 3,100 kg``; see :func:`lower_bound_ceiling`): not
    impossible, but news style would have stated the larger total (``more than 3 tons``)."""
    if part.dimension != whole.dimension or not whole.is_lower_bound:
        return False
    return least(part) >= lower_bound_ceiling(whole) * (1 - 1e-9)


def shares(text: str, figures: Sequence[Figure]) -> list[Share]:
    """Percentages of a population or a total (``90% of Kazakhstanis``, ``112% of residents``);
    not growth (``rose 150%``) or index levels (``104.8% of the level of last year``)."""
    found: list[Share] = []
    for figure in figures:
        if figure.dimension != "share":
            continue
        match = _SHARE.match(text, figure.end)
        if match is not None:
            found.append(Share(figure, match.group("whole")))
    return found


def capacities(text: str, figures: Sequence[Figure]) -> list[Figure]:
    """Figures given as a capacity: ``a capacity of 1.25 million tons``."""
    if _CAPACITY_PIECE not in text.lower():
        return []
    return [
        usable.figure
        for usable in compared(text, figures)
        if _CAPACITY.search(text, max(0, usable.figure.start - 40), usable.figure.start)
    ]
