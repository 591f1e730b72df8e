"""A word or name must not be a one-letter slip of another form used in the same file.

News text is full of names that differ by a letter and belong to different people or places, so
a near miss alone proves nothing. The rule reports a form only on evidence that it is a slip:

* it is not an English word, while a form one letter away is, and that form is used in the same
  file with the same capitalisation (``Ombusdman`` beside ``Ombudsman``, however often each is
  written): both in lower case, or both capitalised with one of them inside a sentence, since a
  capital that starts a sentence says nothing of a name (``Pointe work opens the act`` and
  ``Point by point ...`` are two words, not a slip); or
* it is a name one letter away from another name that stands next to the same name in the same
  file (``Kassym-Jomar Tokayev`` beside ``Kassym-Jomart Tokayev``), and it is the rarer form.

Not evidence: inflections and possessives (``Kazakhstan’s``, ``Kazakhstanis``, ``Olympics``), the
male and female form of a surname (``Bekov`` / ``Bekova``), names with different neighbours
(``Aliya Bekova`` and ``Madina Bekov``), acronyms (``CCGT`` / ``CCTV``), words shorter than
five letters (names: four), and a form used more than 16 times in the file (that is a choice,
not a slip). Every place of a slip is reported, each with its fix, also inside a hyphenated
compound (``Ombusdman-led``) or between dashes (``Ombusdman—who``). Words in the accept list
(``contracts/vocabulary/accept.txt`` and the configuration's ``vocabulary.accept``) are never
reported. The English word list is pyspellchecker's; a correct word it lacks that is written
in lower case beside a word one letter away (a loanword such as ``pointe`` beside ``point``) is
reported, and belongs in the accept list. The message names the likely intended form;
``--fix --unsafe-fixes`` writes it.

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

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import accumulate

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
from kzvalidate.model import (
    ArticleRef,
    Excerpt,
    Fix,
    Line,
    Problem,
    Severity,
    Span,
    pickled_as_values,
)
from kzvalidate.rules.base import Context, FileProblem, FileRule, FixSafety

BREAKS = re.compile(r"[\u2013\u2014/]")
PIECES = re.compile(r"[^\u2013\u2014/]+")
"""Pieces of text between en and em dashes and slashes, read as words of their own
(``Ombusdman—who``)."""
CLOSING = "\"'”’»)]"
"""Closing marks that may follow the end of a sentence (``said.”``), as
:func:`~kzvalidate.language.spelling.ends_sentence` reads them."""
SENTENCE_STARTS = re.compile(rf"[.!?][{re.escape(CLOSING)}]* +(?=([^ \n]+))")
"""The pieces after a piece that ends a sentence (blanks between do not count), in paragraphs
joined by line breaks: one scan of an article's text instead of a look at every piece."""
SETTLE_AT = 20_000
"""Distinct pieces tallied before their sightings are added up: small tables stay in the
processor's caches."""
MIN_WORD = 5
MIN_NAME = 4
MAX_PLACES = 16
"""Places kept per form; a form used more often in one file is taken as deliberate."""
EXCERPT_CONTEXT = 40
"""Characters kept on each side of a place, to show under its finding."""


Neighbour = tuple[str, str]
"""(side, lower-cased name): the name just before or just after a name."""


@pickled_as_values
@dataclass(slots=True)
class Place:
    span: Span
    written: str
    excerpt: Excerpt
    article: ArticleRef | None = None


@pickled_as_values
@dataclass(slots=True)
class Usage:
    """What the file says about one lower-cased word or name."""

    written: str
    first_line: int
    count: int = 0
    capitalized: bool = False
    """Written with a capital inside a sentence, where a capital marks a name."""
    initial: bool = False
    """Written with a capital at the start of a sentence, where a capital says nothing."""
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


@dataclass(frozen=True, slots=True)
class Word:
    """A word of a piece of text: the piece itself or a part of a hyphenated compound."""

    lead: int
    """Characters of the piece before the word."""
    base: str
    usage: Usage
    """Its usage as a word (five or more ASCII letters, not an acronym)."""
    suspect: bool
    """Not English and not accepted: its places are kept."""


@dataclass(slots=True)
class Reading:
    """How the rule reads one piece of text between spaces (the same wherever it stands)."""

    lead: int
    """Characters before the word: opening punctuation."""
    base: str
    """The word, without punctuation around it and without a possessive ending."""
    touches_next: bool
    """Nothing but a possessive ending after the word, so a name after it stands next to it."""
    words: tuple[Word, ...]
    """The piece as a word, or the words of a hyphenated compound (``Ombusdman-led``)."""
    name: Usage | None
    """Its usage as a name (capitalised, four or more letters, not English, not accepted)."""


@dataclass(frozen=True, slots=True)
class Piece:
    """How one piece of text between spaces is read, wherever it stands."""

    readings: tuple[tuple[int, int, Reading], ...]
    """Its readings, each with where it starts and ends in the piece (split at dashes)."""
    placed: bool
    """Whether a sighting needs its place: a suspect word or a name (whose places and
    neighbours are kept); for any other piece, counting its sightings is enough."""


NOTHING = Piece((), placed=False)
"""A piece the rule ignores: a number, a code, a short word."""
LETTER = re.compile(r"[^\W\d_]")


class SpellingCollector:
    """Reads every paragraph of a file. Sightings are tallied per piece of text and added to
    the usages of its words and names only when they are needed (:meth:`settle`), so that a
    piece seen many times costs one count each time, not one reading."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        self.vocabulary = vocabulary
        self.readings: dict[str, Piece] = {}
        self.words: dict[str, Usage] = {}
        self.names: dict[str, Usage] = {}
        self.article: ArticleRef | None = None
        """The article being read, named on the places found in it."""
        self.sightings: Counter[str] = Counter()
        """How often each piece was seen since the usages were last settled."""
        self.initial_sightings: Counter[str] = Counter()
        """How often each piece started a sentence since then."""
        self.plain: set[str] = set()
        """Pieces read before whose sightings need no place: counting them is enough."""

    def reading(self, piece: str, line: Line) -> Reading | None:
        """How to read a piece of text between spaces; None for one the rule ignores."""
        match = PIECE.fullmatch(piece)
        if match is None or len(match["word"]) < MIN_NAME:
            return None  # a number, a code (KC263), a short word
        base = without_possessive(match["word"])
        english = is_english(base.lower())
        accepted = self.vocabulary.accepts(base)
        name = len(base) >= MIN_NAME and is_capitalized(base) and not english and not accepted
        words = tuple(
            Word(lead, part, _usage(self.words, part, line), not accepted and self.suspect(part))
            for lead, part in _word_parts(base, match.start("word"))
        )
        if not words and not name:
            return None
        return Reading(
            lead=match.start("word"),
            base=base,
            touches_next=match.end("word") == len(piece),
            words=words,
            name=_usage(self.names, base, line) if name else None,
        )

    def keep_for_merge(self) -> None:
        """Nothing to do: the usages of forms add up whatever the order of the stretches."""

    def merge(self, later: SpellingCollector) -> None:
        self.settle()
        later.settle()
        for own, theirs in ((self.words, later.words), (self.names, later.names)):
            for lower, usage in theirs.items():
                earlier = own.get(lower)
                if earlier is None:
                    own[lower] = usage
                else:
                    _fold_usage(earlier, usage)

    def __getstate__(self) -> dict[str, object]:
        """What travels to be merged: the usages, without the cache of readings (which a merge
        never looks at, and which holds every distinct piece of text)."""
        self.settle()
        return {"vocabulary": self.vocabulary, "words": self.words, "names": self.names}

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(
            state,
            readings={},
            plain=set(),
            article=None,
            sightings=Counter(),
            initial_sightings=Counter(),
        )

    def suspect(self, word: str) -> bool:
        return not is_english(word.lower()) and not self.vocabulary.accepts(word)

    def add(self, article: Article) -> None:
        """Read the title and body paragraphs: every piece of text between spaces is counted,
        and only the pieces new to the file or whose places are kept are looked at."""
        self.article = article.ref
        lines, first_line = article.lines, article.lines[0].number
        plain, every, firsts, texts = self.plain, [], [], []
        for paragraph in article.paragraphs:
            text = paragraph.text
            pieces = text.split(" ")
            every += pieces
            first = pieces[0] or next((piece for piece in pieces if piece), None)
            if first is not None:
                firsts.append(first)
            texts.append(text)
            wanted = [index for index, piece in enumerate(pieces) if piece not in plain]
            if wanted:
                line = lines[paragraph.span.line - first_line]
                self.look_at(pieces, wanted, line, paragraph.span.column - 1)
        self.sightings.update(every)
        self.initial_sightings.update(firsts)
        self.initial_sightings.update(SENTENCE_STARTS.findall("\n".join(texts)))
        if len(self.sightings) > SETTLE_AT:
            self.settle()

    def piece(self, piece: str, line: Line) -> Piece:
        """How to read a piece of text between spaces, split at dashes and slashes."""
        if LETTER.search(piece) is None:
            return NOTHING
        if not BREAKS.search(piece):
            found = self.reading(piece, line)
            return NOTHING if found is None else Piece(((0, len(piece), found),), _placed(found))
        readings = (
            (part.start(), part.end(), self.reading(part[0], line))
            for part in PIECES.finditer(piece)
        )
        kept = tuple((start, end, found) for start, end, found in readings if found is not None)
        return Piece(kept, any(_placed(found) for _, _, found in kept)) if kept else NOTHING

    def look_at(self, pieces: list[str], wanted: list[int], line: Line, offset: int) -> None:
        """Read the ``wanted`` pieces of a paragraph, in order, and keep the places and the
        neighbours of those that need them."""
        cache = self.readings
        starts: list[int] | None = None
        last_index, last = -1, None  # the name of the piece before, if it may touch the next
        for index in wanted:
            text = pieces[index]
            known = cache.get(text)
            if known is None:
                known = self.piece(text, line)
                if known.readings:  # kept to be counted (settle)
                    cache[text] = known
            if not known.placed:
                self.plain.add(text)
                continue
            if starts is None:
                starts = list(accumulate(map(len, pieces), initial=offset))
            previous = last if last_index == index - 1 else None
            at = starts[index] + index
            last = None
            for start, end, reading in known.readings:
                self.seen(reading, line, at + start, previous if start == 0 else None)
                last = reading if end == len(text) else None
            last_index = index
            last = last if last is not None and last.name and last.touches_next else None

    def seen(self, reading: Reading, line: Line, at: int, previous: Reading | None) -> None:
        """A sighting of a piece that needs its place: keep the places of its suspect words and
        of its name, and the name's neighbour."""
        start = at + reading.lead
        for word in reading.words:
            if word.suspect and len(word.usage.places) < MAX_PLACES:
                word.usage.places.append(_place(word.base, line, at + word.lead, self.article))
        name = reading.name
        if name is None:
            return
        if len(name.places) < MAX_PLACES:
            name.places.append(_place(reading.base, line, start, self.article))
        if previous is not None and previous.name is not None and reading.lead == 0:
            name.neighbours[("before", previous.base.lower())] += 1
            previous.name.neighbours[("after", reading.base.lower())] += 1

    def settle(self) -> None:
        """Add the sightings tallied so far to the usages of the words and names seen."""
        initials = self.initial_sightings
        readings = self.readings
        for text, count in self.sightings.items():
            for start, _, reading in readings.get(text, NOTHING).readings:
                _count(reading, count, initials.get(text, 0) if start == 0 else 0)
        self.sightings.clear()
        initials.clear()
        if len(self.plain) > len(readings):  # forget the pieces that are no words (numbers)
            self.plain = {text for text in self.plain if text in readings}

    def finish(self) -> Iterator[FileProblem]:
        self.settle()
        slips = {**self.name_slips(), **self.word_slips()}
        for lower, slip in slips.items():
            usage = self.words[lower] if lower in self.words else self.names[lower]
            for place in usage.places:
                yield FileProblem(_problem(place, slip), place.excerpt, place.article)

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


def _is_word(text: str) -> bool:
    return len(text) >= MIN_WORD and text.isascii() and text.isalpha() and not is_acronym(text)


def _word_parts(base: str, lead: int) -> Iterator[tuple[int, str]]:
    """The words of a piece and where each starts in it: the piece, or each part of a
    hyphenated compound that is a word (``Ombusdman`` in ``Ombusdman-led``)."""
    if _is_word(base):
        yield lead, base
        return
    if "-" not in base:
        return
    at = lead
    for part in base.split("-"):
        if _is_word(part):
            yield at, part
        at += len(part) + 1


def _usage(usages: dict[str, Usage], written: str, line: Line) -> Usage:
    """The usage of a form, made on its first sighting."""
    lower = written.lower()
    usage = usages.get(lower)
    if usage is None:
        usage = usages[lower] = Usage(written, line.number)
    return usage


def _fold_usage(usage: Usage, later: Usage) -> None:
    """Add to ``usage`` what the articles after the ones it was read from say of the form."""
    usage.count += later.count
    usage.capitalized |= later.capitalized
    usage.initial |= later.initial
    usage.lowercase |= later.lowercase
    usage.places.extend(later.places[: MAX_PLACES - len(usage.places)])
    usage.neighbours.update(later.neighbours)


def _placed(reading: Reading) -> bool:
    return reading.name is not None or any(word.suspect for word in reading.words)


def _count(reading: Reading, count: int, initial: int) -> None:
    """Add ``count`` sightings of a reading, ``initial`` of them at the start of a sentence."""
    for word in reading.words:
        usage = word.usage
        usage.count += count
        if not word.base[0].isupper():
            usage.lowercase = True
            continue
        if initial:
            usage.initial = True
        if count > initial:
            usage.capitalized = True
    if reading.name is not None:
        reading.name.count += count


def _times(count: int) -> str:
    return "once" if count == 1 else f"{count} times"


def _place(written: str, line: Line, start: int, article: ArticleRef | None) -> Place:
    end = start + len(written)
    excerpt = Excerpt.of(line, start, end, context=EXCERPT_CONTEXT)
    return Place(Span.on_line(line.number, start, end), written, excerpt, article)


def _alike(usage: Usage, twin: Usage) -> bool:
    """Both in lower case somewhere, or both capitalised, one of them inside a sentence: a
    name's twin is a name. Two capitals that both only start sentences are no evidence of one
    (``Pointe work ...`` and ``Point by point ...``)."""
    if usage.lowercase and twin.lowercase:
        return True
    return (usage.capitalized and (twin.capitalized or twin.initial)) or (
        usage.initial and twin.capitalized
    )


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
    fix_safety=FixSafety.UNSAFE,
    doc=__doc__ or "",
    collector=collector,
)
