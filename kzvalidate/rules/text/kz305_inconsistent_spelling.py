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

import functools
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from itertools import accumulate, islice

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
    Field,
    Fix,
    Line,
    Problem,
    Severity,
    Span,
    pickled_as_values,
)
from kzvalidate.patterns import compiled
from kzvalidate.rules.base import Context, FileProblem, FileRule, FixSafety

BREAKS = compiled(r"[\u2013\u2014/]")
PIECES = compiled(r"[^\u2013\u2014/]+")
"""Pieces of text between en and em dashes and slashes, read as words of their own
(``Ombusdman—who``)."""
CLOSING = "\"'”’»)]"
"""Closing marks that may follow the end of a sentence (``said.”``), as
:func:`~kzvalidate.language.spelling.ends_sentence` reads them."""
SENTENCE_STARTS = tuple(
    (mark, compiled(rf"{re.escape(mark)}[{re.escape(CLOSING)}]* +(?=([^ \n]+))")) for mark in ".!?"
)
"""For each mark that ends a sentence, a pattern for the pieces after it (blanks between do not
count), in paragraphs joined by line breaks: one scan of an article's text instead of a look at
every piece. One pattern per mark, because a pattern that starts with one character is searched
for as fast as ``str.find`` finds it (a set of characters is tried at every character), and a
text without ``!`` or ``?`` (most of them) is not scanned for it."""
PARAGRAPH_STARTS = compiled(r"\n *(?=([^ \n]+))")
"""The first piece that is not blank of each paragraph, in paragraphs each after a line break."""
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
class Form:
    """How one piece of text between spaces reads, whatever the file around it says: the same
    in every collector of a process that accepts the same words (:func:`piece_forms`)."""

    lead: int
    """Characters before the word: opening punctuation."""
    base: str
    """The word, without punctuation around it and without a possessive ending."""
    touches_next: bool
    """Nothing but a possessive ending after the word, so a name after it stands next to it."""
    words: tuple[tuple[int, str, bool], ...]
    """The piece as a word, or the words of a hyphenated compound (``Ombusdman-led``): where
    each starts in the piece, the word, and whether it is suspect (not English, not
    accepted: its places are kept)."""
    name: bool
    """A name: capitalised, four or more letters, not English, not accepted."""

    @property
    def placed(self) -> bool:
        return self.name or any(suspect for _, _, suspect in self.words)


Forms = tuple[tuple[int, int, Form], ...]
"""The forms of a piece split at dashes and slashes, each with where it starts and ends."""


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
    """How the rule reads one piece of text between spaces in one file (the same wherever it
    stands): its :class:`Form`, with the usages of the file its words and name count for."""

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
    as_before: Neighbour = ("", "")
    """The name as the neighbour before another name."""
    as_after: Neighbour = ("", "")
    """The name as the neighbour after another name."""
    full: bool = False
    """Every usage whose places it adds to has all the places it keeps: a sighting needs no
    place any more (places are never dropped, so this stays true)."""

    def __post_init__(self) -> None:
        lower = self.base.lower()
        self.as_before, self.as_after = ("before", lower), ("after", lower)


@dataclass(slots=True)
class Piece:
    """How one piece of text between spaces is read, wherever it stands."""

    readings: tuple[tuple[int, int, Reading], ...]
    """Its readings, each with where it starts and ends in the piece (split at dashes)."""
    placed: bool
    """Whether a sighting may need its place: a suspect word or a name (whose places are kept);
    for any other piece, counting its sightings is enough."""
    before_name: Reading | None = None
    """Its last reading if a name after the piece stands next to it: a name that ends the piece
    with nothing after it but a possessive ending."""
    after_name: Reading | None = None
    """Its first reading if it stands next to a name before the piece: a name that starts the
    piece, without opening punctuation."""
    full: bool = False
    """Every reading is :attr:`~Reading.full` (known once a sighting was placed)."""
    watched: bool = False
    """Whether a sighting needs more than a count: a place to keep, or a name that may stand
    next to a name after it. Never true again once false: places are never dropped."""

    def __post_init__(self) -> None:
        self.watched = self.placed


NOTHING = Piece((), placed=False)
"""A piece the rule ignores: a number, a code, a short word."""
LETTER = compiled(r"[^\W\d_]")
FORMS_KEPT = 1 << 14
"""Pieces whose forms a process keeps for every collector (with ``--jobs``, each stretch of a
file has a collector of its own, which would otherwise read all its pieces again)."""


def piece_forms(piece: str, accept: frozenset[str]) -> Forms:
    """How a piece of text between spaces reads, split at dashes and slashes, for a vocabulary
    that accepts the lower-cased words ``accept``; () for a piece the rule ignores."""
    if LETTER.search(piece) is None:
        return ()  # a number: not kept, since few numbers come again
    return _letter_piece_forms(piece, accept)


@functools.lru_cache(maxsize=FORMS_KEPT)
def _letter_piece_forms(piece: str, accept: frozenset[str]) -> Forms:
    if not BREAKS.search(piece):
        found = _form(piece, accept)
        return () if found is None else ((0, len(piece), found),)
    parts = ((part.start(), part.end(), _form(part[0], accept)) for part in PIECES.finditer(piece))
    return tuple((start, end, found) for start, end, found in parts if found is not None)


def _form(piece: str, accept: frozenset[str]) -> Form | None:
    """How a piece without dashes and slashes reads; None for one the rule ignores."""
    match = PIECE.fullmatch(piece)
    if match is None or len(match["word"]) < MIN_NAME:
        return None  # a number, a code (KC263), a short word
    base = without_possessive(match["word"])
    english = is_english(base.lower())
    accepted = base.lower() in accept
    name = len(base) >= MIN_NAME and is_capitalized(base) and not english and not accepted
    words = tuple(
        (lead, part, not accepted and not is_english(part.lower()) and part.lower() not in accept)
        for lead, part in _word_parts(base, match.start("word"))
    )
    if not words and not name:
        return None
    return Form(match.start("word"), base, match.end("word") == len(piece), words, name)


PARAGRAPH_BREAK = " \n "
"""What joins the paragraphs of an article in :func:`joined_text`: split at its spaces, a piece
of its own (``\\n``, no word) between the last piece of a paragraph and the first of the next,
so that no name stands next to a name of another paragraph."""


def joined_text(texts: list[str]) -> str:
    """Paragraphs as the rule reads them at once: joined by :data:`PARAGRAPH_BREAK`, after a line
    break and a space, and before a space and a line break. Split at its spaces, its pieces are
    each paragraph's pieces, with a line break before each paragraph and after the last one:
    each piece of a paragraph stands between two spaces, and a character follows it."""
    return "\n " + PARAGRAPH_BREAK.join(texts) + " \n"


def sentence_starts(text: str) -> list[str]:
    """The pieces that start a sentence in the paragraphs of a :func:`joined_text`: the first
    piece of each paragraph that is not blank, and the first one that is not blank after each
    piece that ends a sentence, as :func:`~kzvalidate.language.spelling.ends_sentence` reads
    it."""
    starts: list[str] = PARAGRAPH_STARTS.findall(text)
    for mark, after_mark in SENTENCE_STARTS:
        if mark in text:
            starts += after_mark.findall(text)
    return starts


class Places:
    """Where the pieces of an article's :func:`joined_text` stand in the file: on which line,
    at which column."""

    __slots__ = ("_starts", "article", "fields")

    def __init__(self, article: Article, fields: tuple[Field, ...]) -> None:
        self.article, self.fields = article, fields
        self._starts: list[int] | None = None

    def starts(self) -> list[int]:
        """Where each paragraph starts in the joined text."""
        if self._starts is None:
            sizes = (len(field.text) + len(PARAGRAPH_BREAK) for field in self.fields[:-1])
            self._starts = list(accumulate(sizes, initial=2))
        return self._starts

    def line(self, at: int) -> Line:
        """The line of the piece that starts at ``at``."""
        return self.place(at)[0]

    def place(self, at: int) -> tuple[Line, int]:
        """The line of the piece that starts at ``at``, and its column there (from 0)."""
        starts = self.starts()
        paragraph = bisect_right(starts, at) - 1
        span = self.fields[paragraph].span
        lines = self.article.lines
        return lines[span.line - lines[0].number], span.column - 1 + at - starts[paragraph]


def _offset(sighting: tuple[int, object] | tuple[int, object, object]) -> int:
    return sighting[0]


class SpellingCollector:
    """Reads every paragraph of a file. Sightings are tallied per piece of text and added to
    the usages of its words and names only when they are needed (:meth:`settle`), so that a
    piece seen many times costs one count each time, not one reading.

    The tally tells which pieces an article brings that it has not counted since it was last
    added up: they come last in it, in the order the article first writes them. A piece whose
    sightings need more than a count (:attr:`Piece.watched`) is taken out of the tally after
    each article, so that it comes last again in every article that writes it: only those
    pieces are looked for in an article's text, not every piece of it."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        self.vocabulary = vocabulary
        self.readings: dict[str, Piece] = {}
        self.words: dict[str, Usage] = {}
        self.names: dict[str, Usage] = {}
        self.article: ArticleRef | None = None
        """The article being read, named on the places found in it."""
        self.sightings: Counter[str] = Counter()
        """How often each piece was seen since the usages were last settled, but for the
        watched pieces, which are :attr:`held` between articles."""
        self.held: dict[str, int] = {}
        """How often each watched piece was seen since then."""
        self.initial_sightings: Counter[str] = Counter()
        """How often each piece started a sentence since then."""

    def reading(self, form: Form, line: Line) -> Reading:
        """A form with the usages of this file it counts for (made on the first sighting of a
        word or name, on ``line``)."""
        return Reading(
            lead=form.lead,
            base=form.base,
            touches_next=form.touches_next,
            words=tuple(
                Word(lead, part, _usage(self.words, part, line), suspect)
                for lead, part, suspect in form.words
            ),
            name=_usage(self.names, form.base, line) if form.name else None,
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
        never looks at, and which holds every distinct piece of text), and without the places
        no merge can report (:func:`_word_places_kept`, :func:`_name_places_kept`)."""
        self.settle()
        words, names = self.words, self.names
        return {
            "vocabulary": self.vocabulary,
            "words": {
                lower: _word_places_kept(word, names.get(lower)) for lower, word in words.items()
            },
            "names": {lower: _name_places_kept(name) for lower, name in names.items()},
        }

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(
            state,
            readings={},
            article=None,
            sightings=Counter(),
            held={},
            initial_sightings=Counter(),
        )

    def add(self, article: Article) -> None:
        """Read the title and body paragraphs: every piece of text between spaces is counted,
        and only the pieces new to the tally or watched are looked at. The paragraphs are read
        as one text (:func:`joined_text`)."""
        fields = article.paragraphs
        if not fields:  # only a header: no piece
            return
        text = joined_text([field.text for field in fields])
        sightings = self.sightings
        counted = len(sightings)
        sightings.update(text.split(" "))
        if len(sightings) > counted:
            fresh = list(islice(reversed(sightings), len(sightings) - counted))
            fresh.reverse()
            self.look_at(Places(article, fields), text, fresh)
        self.initial_sightings.update(sentence_starts(text))
        if len(sightings) > SETTLE_AT:
            self.settle()

    def piece(self, piece: str, line: Line) -> Piece:
        """How to read a piece of text between spaces, split at dashes and slashes."""
        forms = piece_forms(piece, self.vocabulary.accept)
        return self.piece_of(piece, forms, line) if forms else NOTHING

    def piece_of(self, piece: str, forms: Forms, line: Line) -> Piece:
        """How to read a piece whose forms are ``forms`` (not none), first seen on ``line``."""
        readings = tuple((start, end, self.reading(form, line)) for start, end, form in forms)
        first_start, _, first = readings[0]
        _, last_end, last = readings[-1]
        touches_next = last_end == len(piece) and last.name is not None and last.touches_next
        touches_previous = first_start == 0 and first.name is not None and not first.lead
        return Piece(
            readings,
            placed=any(form.placed for _, _, form in forms),
            before_name=last if touches_next else None,
            after_name=first if touches_previous else None,
        )

    def look_at(self, places: Places, text: str, fresh: list[str]) -> None:
        """Read the pieces new to the tally that an article brings, ``fresh``, in the order its
        :func:`joined_text` ``text`` first has them; find the watched ones in the text, keep
        their places and the neighbours of their names, and hold their count apart."""
        watched = self._watched(places, text, fresh)
        if not watched:
            return
        placing, pairs = self._sightings(text, watched)
        if placing:
            self._keep_places(places, placing)
        for _, before, after in sorted(pairs, key=_offset):  # in the order of the text
            _note_neighbours(after, before)

    def _watched(self, places: Places, text: str, fresh: list[str]) -> list[tuple[str, Piece, int]]:
        """The watched pieces of ``fresh``, each with where in ``text`` to look for its first
        sighting; the pieces new to the file are read, in order, on the line of their first
        sighting."""
        cache, accept, find = self.readings, self.vocabulary.accept, text.find
        watched: list[tuple[str, Piece, int]] = []
        behind = 0  # the first sightings of the pieces left start after it
        for piece in fresh:
            known, search_from = cache.get(piece), behind
            if known is None:
                forms = piece_forms(piece, accept)
                if not forms:  # a number, a short word: nothing to keep, nothing to count for
                    continue
                search_from = find(f" {piece} ", behind)
                behind = search_from + 1 + len(piece)
                known = cache[piece] = self.piece_of(piece, forms, places.line(search_from + 1))
            if known.watched:
                watched.append((piece, known, search_from))
        return watched

    def _sightings(
        self, text: str, watched: list[tuple[str, Piece, int]]
    ) -> tuple[list[tuple[int, Piece]], list[tuple[int, Reading, Reading]]]:
        """Find the sightings of the ``watched`` pieces in ``text`` and hold their count apart:
        where those with a place to keep start, and the names that stand next to each other."""
        sightings, held, find = self.sightings, self.held, text.find
        placing: list[tuple[int, Piece]] = []
        pairs: list[tuple[int, Reading, Reading]] = []
        behind = 0
        for piece, known, search_from in watched:
            count = sightings.pop(piece)
            held[piece] = held.get(piece, 0) + count
            needle, size, before = f" {piece} ", len(piece), known.before_name
            start = find(needle, max(behind, search_from)) + 1
            behind = start + size
            for left in range(count - 1, -1, -1):
                if not known.full:
                    placing.append((start, known))
                if before is not None and text[start + size + 1].isupper():
                    after = self._name_at(text, start + size + 1)  # a name starts with a capital
                    if after is not None:
                        pairs.append((start, before, after))
                if left:  # a sighting ends at the space the next one may start after
                    start = find(needle, start + size) + 1
        return placing, pairs

    def _name_at(self, text: str, start: int) -> Reading | None:
        """The name that the piece starting at ``start`` of ``text`` starts with, if any."""
        known = self.readings.get(text[start : text.find(" ", start)])
        return None if known is None else known.after_name

    def _keep_places(self, places: Places, placing: list[tuple[int, Piece]]) -> None:
        """Keep the places of the sightings ``placing`` (where each starts in the joined text,
        and its piece) that their usages have room for, in the order of the text."""
        self.article = article = places.article.ref
        for start, known in sorted(placing, key=_offset):
            line, column = places.place(start)
            for at, _, reading in known.readings:
                if not reading.full:
                    _keep_places(reading, line, column + at, article)
        for _, known in placing:
            known.full = all(reading.full for _, _, reading in known.readings)
            known.watched = not known.full or known.before_name is not None

    def seen(self, reading: Reading, line: Line, at: int, previous: Reading | None) -> None:
        """A sighting of a piece that needs its place, at column ``at`` of ``line``: keep the
        places of its suspect words and of its name, and the name's neighbour."""
        if not reading.full:
            _keep_places(reading, line, at, self.article)
        if previous is not None:
            _note_neighbours(reading, previous)

    def settle(self) -> None:
        """Add the sightings tallied so far to the usages of the words and names seen."""
        sightings, held = self.sightings, self.held
        if held:
            sightings.update(held)
            held.clear()
        initials = self.initial_sightings
        readings = self.readings
        for text, count in sightings.items():
            for start, _, reading in readings.get(text, NOTHING).readings:
                _count(reading, count, initials.get(text, 0) if start == 0 else 0)
        sightings.clear()
        initials.clear()

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


def _name_places_kept(name: Usage) -> Usage:
    """The usage of a name as it travels to be merged: without its places if it was seen more
    often than :data:`MAX_PLACES`. A name slip is a rare name, and counts only grow when usages
    are folded together, so no file it is part of can report those places."""
    return name if name.rare or not name.places else replace(name, places=[])


def _word_places_kept(word: Usage, name: Usage | None) -> Usage:
    """The usage of a word as it travels to be merged: without its places if both the word and
    the name of the same lower-cased form were seen more often than :data:`MAX_PLACES`. A word
    slip is a rare word, and a name slip (a rare name) reports the places of the word of its
    form; neither can become rare again once folded with more usages."""
    if word.rare or not word.places or name is None or name.rare:
        return word
    return replace(word, places=[])


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


def _keep_places(reading: Reading, line: Line, at: int, article: ArticleRef | None) -> None:
    """Keep the place of a sighting at column ``at`` for each usage of ``reading`` that keeps
    places and has room for one more, and note whether the reading is full now."""
    for word in reading.words:
        if word.suspect and len(word.usage.places) < MAX_PLACES:
            word.usage.places.append(_place(word.base, line, at + word.lead, article))
    name = reading.name
    if name is not None and len(name.places) < MAX_PLACES:
        name.places.append(_place(reading.base, line, at + reading.lead, article))
    reading.full = (name is None or len(name.places) >= MAX_PLACES) and all(
        len(word.usage.places) >= MAX_PLACES for word in reading.words if word.suspect
    )


def _note_neighbours(reading: Reading, previous: Reading) -> None:
    """A sighting of ``reading`` right after ``previous``: if both are names, each is the
    other's neighbour."""
    name, before = reading.name, previous.name
    if name is not None and before is not None and not reading.lead:
        name.neighbours[previous.as_before] += 1
        before.neighbours[reading.as_after] += 1


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
