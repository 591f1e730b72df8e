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
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from itertools import accumulate, repeat

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
from kzvalidate.patterns import compiled
from kzvalidate.rules.base import Context, FileProblem, FileRule, FixSafety

BREAKS = compiled(r"[\u2013\u2014/]")
PIECES = compiled(r"[^\u2013\u2014/]+")
"""Pieces of text between en and em dashes and slashes, read as words of their own
(``Ombusdman—who``)."""
CLOSING = "\"'”’»)]"
"""Closing marks that may follow the end of a sentence (``said.”``), as
:func:`~kzvalidate.language.spelling.ends_sentence` reads them."""
SENTENCE_STARTS = compiled(rf"[.!?][{re.escape(CLOSING)}]* +(?=([^ \n]+))")
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
            plain=set(),
            article=None,
            sightings=Counter(),
            initial_sightings=Counter(),
        )

    def add(self, article: Article) -> None:
        """Read the title and body paragraphs: every piece of text between spaces is counted,
        and only the pieces new to the file or whose places are kept are looked at. The
        paragraphs are split as one text: joined by spaces, their pieces are each paragraph's
        pieces one after the other."""
        self.article = article.ref
        texts = [paragraph.text for paragraph in article.paragraphs]
        if not texts:  # only a header: no piece (joined, no text would be one empty piece)
            return
        pieces = " ".join(texts).split(" ")
        plain = self.plain
        wanted = [index for index, piece in enumerate(pieces) if piece not in plain]
        if wanted:
            self.look_at(article, texts, pieces, wanted)
        self.sightings.update(pieces)
        initials = [first for text in texts if (first := text.lstrip(" ").partition(" ")[0])]
        initials += SENTENCE_STARTS.findall("\n".join(texts))
        self.initial_sightings.update(initials)
        if len(self.sightings) > SETTLE_AT:
            self.settle()

    def piece(self, piece: str, line: Line) -> Piece:
        """How to read a piece of text between spaces, split at dashes and slashes."""
        forms = piece_forms(piece, self.vocabulary.accept)
        if not forms:
            return NOTHING
        readings = tuple((start, end, self.reading(form, line)) for start, end, form in forms)
        return Piece(readings, any(form.placed for _, _, form in forms))

    def look_at(
        self, article: Article, texts: list[str], pieces: list[str], wanted: list[int]
    ) -> None:
        """Read the ``wanted`` pieces of an article whose paragraphs are ``texts`` (``pieces``:
        theirs, one paragraph after the other), and keep the places and the neighbours of those
        that need them."""
        cache, plain, paragraphs = self.readings, self.plain, article.paragraphs
        lines, first_line = article.lines, article.lines[0].number
        spaces = list(accumulate(map(str.count, texts, repeat(" "))))
        """The spaces up to the end of each paragraph: paragraph ``k`` ends before the piece
        ``spaces[k] + k + 1``."""
        paragraph, end = -1, 0
        line, cursor, at = lines[0], 0, 0  # the piece at ``cursor`` starts at column ``at``
        last_index, last = -1, None  # the name of the piece before, if it may touch the next
        for index in wanted:
            if index >= end:  # the first wanted piece of a paragraph: no piece before it
                paragraph += 1
                while index >= spaces[paragraph] + paragraph + 1:
                    paragraph += 1
                field = paragraphs[paragraph]
                end, line = spaces[paragraph] + paragraph + 1, lines[field.span.line - first_line]
                cursor = spaces[paragraph - 1] + paragraph if paragraph else 0
                at, last_index = field.span.column - 1, -1
            text = pieces[index]
            known = cache.get(text)
            if known is None:  # a piece without a letter (a number) is NOTHING: no call
                known = self.piece(text, line) if LETTER.search(text) else NOTHING
                if known.readings:  # kept to be counted (settle)
                    cache[text] = known
            if not known.placed:
                plain.add(text)
                continue
            previous = last if last_index == index - 1 else None
            last, done = None, True
            for start, stop, reading in known.readings:
                if not reading.full:  # where it stands is needed only for a place to keep
                    if index > cursor:
                        at += sum(map(len, pieces[cursor:index])) + index - cursor
                        cursor = index
                    _keep_places(reading, line, at + start, self.article)
                if start == 0 and previous is not None:
                    _note_neighbours(reading, previous)
                last = reading if stop == len(text) else None
                done = done and reading.full and reading.name is None
            if done:  # all places kept and no name: counting its sightings is enough now
                plain.add(text)
            last_index = index
            last = last if last is not None and last.name and last.touches_next else None

    def seen(self, reading: Reading, line: Line, at: int, previous: Reading | None) -> None:
        """A sighting of a piece that needs its place, at column ``at`` of ``line``: keep the
        places of its suspect words and of its name, and the name's neighbour."""
        if not reading.full:
            _keep_places(reading, line, at, self.article)
        if previous is not None:
            _note_neighbours(reading, previous)

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
