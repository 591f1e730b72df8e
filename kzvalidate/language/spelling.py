"""What the spelling-consistency rule knows about words: English or not, and near misses.

The English word list (with word frequencies) is pyspellchecker's
(https://pyspellchecker.readthedocs.io), loaded on first use. Reading it takes about 0.1 s, a
cost every run of a pre-commit hook would pay, so a copy is kept in kzvalidate's cache folder
(``$KZVALIDATE_CACHE_DIR``, else ``$XDG_CACHE_HOME/kzvalidate`` or ``~/.cache/kzvalidate``; an
empty ``KZVALIDATE_CACHE_DIR`` turns the cache off), keyed by pyspellchecker's version, as a
:class:`WordList`: the sorted words in one block of bytes with arrays of offsets and
frequencies, which loads in a few milliseconds because it makes no object per word (a dict of
the 160,000 words took 45 ms to load and as long again to free at exit). Distances are
rapidfuzz's optimal string alignment distance, so a swap of two neighbouring letters
(``Ombusdman`` for ``Ombudsman``) counts as one edit.
"""

from __future__ import annotations

import functools
import marshal
import os
import re
from array import array
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

CACHE_ENV = "KZVALIDATE_CACHE_DIR"

PIECE = re.compile(r"(?P<lead>[^\w]*)(?P<word>[^\W\d_]+(?:[-'’][^\W\d_]+)*)[^\w]*")
"""Text between two spaces read as a word: letters only, parts joined by hyphens or apostrophes
(``Kassym-Jomart``, ``children’s``), with punctuation around it (``"(CCGT),"``). A piece with
digits (``KC263``, ``2025``) or other marks inside is no word."""
_CLOSING = "\"'”’»)]"
_SENTENCE_END = re.compile(rf"[.!?][{re.escape(_CLOSING)}]*\Z")
_POSSESSIVE = ("’s", "'s")
_PARTS = re.compile(r"[-'’]")

INFLECTIONS = ("s", "es", "i")
"""Endings that make another form of the same word or name: plural, possessive without
apostrophe, demonym (``Kazakhstan`` / ``Kazakhstani``)."""
GENDER_ENDING = "a"
"""The female form of a surname adds ``a``: ``Bekov`` / ``Bekova``, ``Tokayev`` / ``Tokayeva``."""


def without_possessive(word: str) -> str:
    """``Tokayev’s`` is ``Tokayev``."""
    return word[:-2] if word.endswith(_POSSESSIVE) and len(word) > 2 else word


def ends_sentence(piece: str) -> bool:
    """Whether a piece of text between spaces ends a sentence (``said.``, ``"Yes!"``, ``(2025).``),
    so that the next word starts one and its capital says nothing about it."""
    if piece[-1:] not in _CLOSING and piece[-1:] not in ".!?":
        return False
    return _SENTENCE_END.search(piece) is not None


def is_acronym(word: str) -> bool:
    return word.isupper()


def is_capitalized(word: str) -> bool:
    return word[:1].isupper() and not word.isupper()


def cache_dir() -> Path | None:
    """Where kzvalidate keeps derived data between runs; None when caching is turned off."""
    configured = os.environ.get(CACHE_ENV)
    if configured is not None:
        return Path(configured) if configured else None
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "kzvalidate"


class WordList(Mapping[str, int]):
    """Words and their frequencies, read-only, found by binary search in sorted UTF-8 bytes.

    ``words`` holds the words, each followed by a line feed, in byte order; ``starts[i]`` is
    where word ``i`` starts (with one more entry, the end); ``counts[i]`` its frequency."""

    FORMAT = "words-v2"
    """Bump when the layout of the cached word list changes."""

    def __init__(self, words: bytes, starts: array[int], counts: array[int]) -> None:
        if len(starts) != len(counts) + 1 or (starts and starts[-1] != len(words)):
            raise ValueError("inconsistent word list")
        self._words, self._starts, self._counts = words, starts, counts

    @classmethod
    def of(cls, frequencies: Mapping[str, int]) -> WordList:
        encoded = sorted((word.encode("utf-8"), count) for word, count in frequencies.items())
        starts, counts = array("I", [0]), array("I")
        for word, count in encoded:
            starts.append(starts[-1] + len(word) + 1)
            counts.append(count)
        return cls(b"".join(word + b"\n" for word, _ in encoded), starts, counts)

    def dumps(self) -> bytes:
        return marshal.dumps(
            (self.FORMAT, self._words, self._starts.tobytes(), self._counts.tobytes())
        )

    @classmethod
    def loads(cls, data: bytes) -> WordList:
        """A word list from :meth:`dumps`; ValueError if ``data`` is not one."""
        try:
            layout, words, starts, counts = marshal.loads(data)
        except (EOFError, TypeError, ValueError) as error:
            raise ValueError("not a word list") from error
        if layout != cls.FORMAT or not all(isinstance(x, bytes) for x in (words, starts, counts)):
            raise ValueError("not a word list of this format")
        starts_array, counts_array = array("I"), array("I")
        starts_array.frombytes(starts)
        counts_array.frombytes(counts)
        return cls(words, starts_array, counts_array)

    def _index(self, word: str) -> int | None:
        key = word.encode("utf-8", "surrogatepass")
        words, starts = self._words, self._starts
        low, high = 0, len(self._counts)
        while low < high:
            middle = (low + high) // 2
            if words[starts[middle] : starts[middle + 1] - 1] < key:
                low = middle + 1
            else:
                high = middle
        if low < len(self._counts) and words[starts[low] : starts[low + 1] - 1] == key:
            return low
        return None

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self._index(word) is not None

    def __getitem__(self, word: str) -> int:
        found = self._index(word) if isinstance(word, str) else None
        if found is None:
            raise KeyError(word)
        return self._counts[found]

    def __iter__(self) -> Iterator[str]:
        return iter(self._words.decode("utf-8").splitlines())

    def __len__(self) -> int:
        return len(self._counts)


def _read_cache(path: Path) -> WordList | None:
    try:
        loaded = WordList.loads(path.read_bytes())
    except (OSError, ValueError):
        return None
    return loaded if len(loaded) else None


def _write_cache(path: Path, words: WordList) -> None:
    """Write atomically; a cache that cannot be written is no error, only a slower next run."""
    import tempfile  # lazy: only when the cache is written

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
        with os.fdopen(handle, "wb") as out:
            out.write(words.dumps())
        Path(temporary).replace(path)
    except OSError:
        return


@functools.cache
def dictionary() -> Mapping[str, int]:
    """pyspellchecker's English words (lower case) with their frequencies in its corpus, from
    the cache when it holds this version's."""
    import spellchecker  # lazy: its word list costs ~100 ms; the cache usually spares it

    version = getattr(spellchecker, "__version__", "unknown")
    folder = cache_dir()
    name = f"english-pyspellchecker-{version}.{WordList.FORMAT}.marshal"
    path = None if folder is None else folder / name
    cached = None if path is None else _read_cache(path)
    if cached is not None:
        return cached
    checker = spellchecker.SpellChecker(language="en", distance=1)
    words = WordList.of(checker.word_frequency.dictionary)
    if path is not None:
        _write_cache(path, words)
    return words


@functools.lru_cache(maxsize=65536)
def is_english(lower: str) -> bool:
    """Whether every part of a lower-cased word is in the English word list."""
    words = dictionary()
    return all(part in words for part in _PARTS.split(lower) if part)


def frequency(lower: str) -> int:
    return dictionary().get(lower, 0)


def is_variant(a: str, b: str) -> bool:
    """Whether two lower-cased forms are the same word inflected (``Olympic`` / ``Olympics``) or
    the male and female form of one surname (``Bekov`` / ``Bekova``): never a misspelling."""
    short, long = sorted((a, b), key=len)
    if not long.startswith(short):
        return False
    return long[len(short) :] in (*INFLECTIONS, GENDER_ENDING)


def deletions(lower: str) -> Iterator[str]:
    yield lower
    for at in range(len(lower)):
        yield lower[:at] + lower[at + 1 :]


def near_pairs(forms: Iterable[str]) -> Iterator[tuple[str, str]]:
    """Pairs of forms at optimal string alignment distance 1 (a letter dropped, added or
    changed, or two neighbours swapped), found through shared deletions (as SymSpell does)
    instead of comparing every form with every other."""
    from rapidfuzz.distance import OSA  # lazy: 13 ms, only when forms are compared

    buckets: dict[str, list[str]] = {}
    for form in forms:
        for key in deletions(form):
            buckets.setdefault(key, []).append(form)
    seen: set[tuple[str, str]] = set()
    for bucket in buckets.values():
        for i, first in enumerate(bucket):
            for second in bucket[i + 1 :]:
                pair = (min(first, second), max(first, second))
                if first != second and pair not in seen and OSA.distance(first, second) == 1:
                    seen.add(pair)
                    yield pair


def same_shape(model: str, word: str) -> str:
    """``word`` with the letter case of ``model``: upper, capitalized, or as it is."""
    if model.isupper():
        return word.upper()
    if model[:1].isupper():
        return word[:1].upper() + word[1:]
    return word
