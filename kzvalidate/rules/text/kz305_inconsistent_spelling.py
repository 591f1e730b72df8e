"""A word or name must not be a one-letter slip of another form used in the same file.

News text is full of names that differ by a letter and belong to different people or places, so
a near miss alone proves nothing. The rule reports a form only on evidence that it is a slip:

* it is not an English word, while a form one letter away is, and that form is used in the same
  file with the same capitalisation (``Ombusdman`` beside ``Ombudsman``, however often each is
  written); or
* it is a name one letter away from another name that stands next to the same name in the same
  file (``Kassym-Jomar Tokayev`` beside ``Kassym-Jomart Tokayev``), and it is the rarer form.

Not evidence: inflections and possessives (``Kazakhstan’s``, ``Kazakhstanis``, ``Olympics``), the
male and female form of a surname (``Bekov`` / ``Bekova``), names with different neighbours
(``Aliya Bekova`` and ``Madina Bekov``), acronyms (``CCGT`` / ``CCTV``), words shorter than
five letters (names: four), and a form used more than 16 times in the file (that is a choice,
not a slip). Words in the accept list (``contracts/vocabulary/accept.txt`` and the
configuration's ``vocabulary.accept``) are never reported. The English word list is
pyspellchecker's. The message names the likely intended form; ``--fix --unsafe-fixes`` writes it.

Fails::

    23.05.2025, 15:58 12961
    Children’s Rights Ombudsman Zakiyeva entrusted with taking additional measures
    Head of State has received Children’s Rights Ombusdman Dinara Zakiyeva.

Passes::

    23.05.2025, 15:58 12961
    Children’s Rights Ombudsman Zakiyeva entrusted with taking additional measures
    Head of State has received Children’s Rights Ombudsman Dinara Zakiyeva.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from kzvalidate.dump.blocks import Article
from kzvalidate.language.spelling import (
    PIECE,
    frequency,
    is_acronym,
    is_capitalized,
    is_english,
    is_variant,
    near_pairs,
    same_shape,
    without_possessive,
)
from kzvalidate.language.vocabulary import Vocabulary
from kzvalidate.model import Excerpt, Fix, Line, Problem, Severity, Span
from kzvalidate.rules.base import Context, FileRule

MIN_WORD = 5
MIN_NAME = 4
MAX_PLACES = 16
"""Places kept per form; a form used more often in one file is taken as deliberate."""
EXCERPT_CONTEXT = 40
"""Characters kept on each side of a place, to show under its finding."""

MISSING: Any = object()

Neighbour = tuple[str, str]
"""(side, lower-cased name): the name just before or just after a name."""


@dataclass(slots=True)
class Place:
    span: Span
    written: str
    excerpt: Excerpt


@dataclass(slots=True)
class Usage:
    """What the file says about one lower-cased word or name."""

    written: str
    first_line: int
    count: int = 0
    capitalized: bool = False
    lowercase: bool = False
    places: list[Place] = field(default_factory=list)
    neighbours: Counter[Neighbour] = field(default_factory=Counter)

    @property
    def rare(self) -> bool:
        return self.count <= MAX_PLACES


@dataclass(frozen=True, slots=True)
class Slip:
    """Evidence that a form is a slip of ``intended``."""

    intended: str
    because: str


@dataclass(slots=True)
class Reading:
    """How the rule reads one piece of text between spaces (the same wherever it stands)."""

    lead: int
    """Characters before the word: opening punctuation."""
    base: str
    """The word, without punctuation around it and without a possessive ending."""
    touches_next: bool
    """Nothing but a possessive ending after the word, so a name after it stands next to it."""
    word: Usage | None
    """Its usage as a word (five or more ASCII letters, not an acronym)."""
    suspect: bool
    """A word that is not English and not accepted: its places are kept."""
    name: Usage | None
    """Its usage as a name (capitalised, four or more letters, not English, not accepted)."""


class SpellingCollector:
    def __init__(self, vocabulary: Vocabulary) -> None:
        self.vocabulary = vocabulary
        self.readings: dict[str, Reading | None] = {}
        self.words: dict[str, Usage] = {}
        self.names: dict[str, Usage] = {}

    def reading(self, piece: str, line: Line) -> Reading | None:
        """How to read a piece of text between spaces; None for one the rule ignores."""
        match = PIECE.fullmatch(piece)
        if match is None or len(match["word"]) < MIN_NAME:
            return None  # a number, a code (KC263), a short word
        base = without_possessive(match["word"])
        english = is_english(base.lower())
        accepted = self.vocabulary.accepts(base)
        word = len(base) >= MIN_WORD and base.isascii() and base.isalpha() and not is_acronym(base)
        name = len(base) >= MIN_NAME and is_capitalized(base) and not english and not accepted
        if not word and not name:
            return None
        return Reading(
            lead=match.start("word"),
            base=base,
            touches_next=match.end("word") == len(piece),
            word=_usage(self.words, base, line) if word else None,
            suspect=word and not english and not accepted,
            name=_usage(self.names, base, line) if name else None,
        )

    def add(self, article: Article) -> None:
        lines = {line.number: line for line in article.lines}
        for paragraph in article.paragraphs:
            self.add_text(paragraph.text, lines[paragraph.span.line], paragraph.span.column - 1)

    def add_text(self, text: str, line: Line, offset: int) -> None:
        readings = self.readings
        at = offset
        previous: Reading | None = None  # the name just before, if it may touch the next word
        for piece in text.split(" "):
            found = readings.get(piece, MISSING)
            if found is MISSING:
                found = readings[piece] = self.reading(piece, line)
            if found is not None:
                self.seen(found, line, at, previous)
            previous = found if found is not None and found.name and found.touches_next else None
            at += len(piece) + 1

    def seen(self, reading: Reading, line: Line, at: int, previous: Reading | None) -> None:
        start = at + reading.lead
        if reading.word is not None:
            reading.word.count += 1
            if reading.suspect and len(reading.word.places) < MAX_PLACES:
                reading.word.places.append(_place(reading.base, line, start))
        name = reading.name
        if name is None:
            return
        name.count += 1
        if len(name.places) < MAX_PLACES:
            name.places.append(_place(reading.base, line, start))
        if previous is not None and previous.name is not None and reading.lead == 0:
            name.neighbours[("before", previous.base.lower())] += 1
            previous.name.neighbours[("after", reading.base.lower())] += 1

    def finish(self) -> Iterator[tuple[Problem, Excerpt]]:
        slips = {**self.name_slips(), **self.word_slips()}
        for lower, slip in slips.items():
            usage = self.words[lower] if lower in self.words else self.names[lower]
            for place in usage.places:
                yield _problem(place, slip), place.excerpt

    def word_slips(self) -> dict[str, Slip]:
        """Non-English words with an English twin in the file, capitalised alike."""
        twins: dict[str, list[Usage]] = {}
        for pair in near_pairs(self.words):
            for word, other in (pair, pair[::-1]):
                usage, twin = self.words[word], self.words[other]
                if (
                    usage.places
                    and usage.rare
                    and is_english(other)
                    and not is_variant(word, other)
                    and _alike(usage, twin)
                ):
                    twins.setdefault(word, []).append(twin)
        slips: dict[str, Slip] = {}
        for word, found in twins.items():
            best = max(found, key=lambda twin: (twin.count, frequency(twin.written.lower())))
            slips[word] = Slip(
                best.written.lower(),
                f"it is not an English word, and {best.written!r} is used on line "
                f"{best.first_line}",
            )
        return slips

    def name_slips(self) -> dict[str, Slip]:
        """Rarer names one letter from a name that stands next to the same name."""
        slips: dict[str, Slip] = {}
        for first, second in near_pairs(self.names):
            if is_variant(first, second):
                continue
            rarer, common = sorted((self.names[first], self.names[second]), key=lambda u: u.count)
            if rarer.count == common.count or not rarer.rare:
                continue
            shared = [
                (side, name)
                for side, name in rarer.neighbours
                if (side, name) in common.neighbours and name not in (first, second)
            ]
            if not shared:
                continue
            side, name = max(shared, key=lambda key: common.neighbours[key])
            times = common.neighbours[(side, name)]
            slips[rarer.written.lower()] = Slip(
                common.written,
                f"it is one letter away from {common.written!r}, which stands "
                f"{'after' if side == 'before' else 'before'} {name.title()!r} "
                f"{_times(times)} in this file (this form: {_times(rarer.count)})",
            )
        return slips


def _usage(usages: dict[str, Usage], written: str, line: Line) -> Usage:
    """The usage of a form (made on its first sighting), marked with this writing's case."""
    lower = written.lower()
    usage = usages.get(lower)
    if usage is None:
        usage = usages[lower] = Usage(written, line.number)
    if written[0].isupper():
        usage.capitalized = True
    else:
        usage.lowercase = True
    return usage


def _times(count: int) -> str:
    return "once" if count == 1 else f"{count} times"


def _place(written: str, line: Line, start: int) -> Place:
    end = start + len(written)
    excerpt = Excerpt.of(line, start, end, context=EXCERPT_CONTEXT)
    return Place(Span.on_line(line.number, start, end), written, excerpt)


def _alike(usage: Usage, twin: Usage) -> bool:
    """Both capitalised somewhere, or both in lower case somewhere: a name's twin is a name."""
    return (usage.capitalized and twin.capitalized) or (usage.lowercase and twin.lowercase)


def _problem(place: Place, slip: Slip) -> Problem:
    intended = same_shape(place.written, slip.intended)
    return Problem(
        place.span,
        f"{place.written!r} is probably a misspelling of {intended!r}: {slip.because}",
        hint=f"write {intended!r}; if {place.written!r} is right, add it to vocabulary.accept",
        fix=Fix.replace(f"write {intended!r}", place.span, intended, safe=False),
    )


def collector(context: Context) -> SpellingCollector:
    return SpellingCollector(context.vocabulary)


RULE = FileRule(
    code="KZ305",
    name="inconsistent-spelling",
    severity=Severity.WARNING,
    fixable=True,
    doc=__doc__ or "",
    collector=collector,
)
