"""What the spelling-consistency rule knows about words: English or not, and near misses.

The English word list (with word frequencies) is pyspellchecker's
(https://pyspellchecker.readthedocs.io), loaded on first use. Reading it takes about 0.1 s, a
cost every run of a pre-commit hook would pay, so a copy is kept in kzvalidate's cache folder
(``$KZVALIDATE_CACHE_DIR``, else ``$XDG_CACHE_HOME/kzvalidate`` or ``~/.cache/kzvalidate``; an
empty ``KZVALIDATE_CACHE_DIR`` turns the cache off), keyed by the size and time of its file, as a
:class:`WordList`: the sorted words in one block of bytes with arrays of offsets and
frequencies, mapped into memory, which takes well under a millisecond because nothing is read or
made per word until a word is looked up (a dict of the 160,000 words took 45 ms to load and as
long again to free at exit; reading the block, 4 ms). Near misses are one
edit apart in the optimal string alignment sense, so a swap of two neighbouring letters
(``Ombusdman`` for ``Ombudsman``) counts as one edit.
"""

from __future__ import annotations

import functools
import importlib.util
import mmap
import re
import sys
from array import array
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from kzvalidate.patterns import compiled
from kzvalidate.user_cache import cache_dir, write_quietly

PIECE = compiled(r"(?P<lead>[^\w]*)(?P<word>[^\W\d_]+(?:[-'’][^\W\d_]+)*)[^\w]*")
"""Text between two spaces read as a word: letters only, parts joined by hyphens or apostrophes
(``Kassym-Jomart``, ``children’s``), with punctuation around it (``"(CCGT),"``). A piece with
digits (``KC263``, ``2025``) or other marks inside is no word."""
_CLOSING = "\"'”’»)]"
_SENTENCE_END = compiled(rf"[.!?][{re.escape(_CLOSING)}]*\Z")
_POSSESSIVE = ("’s", "'s")
_PARTS = compiled(r"[-'’]")

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


class WordList(Mapping[str, int]):
    """Words and their frequencies, read-only, found by binary search in sorted UTF-8 bytes.

    All of it is one block of bytes: a header (:attr:`MAGIC` and the number of words ``n``),
    ``n + 1`` offsets into the block where the words start (the last one: the end), ``n``
    frequencies, and the words, each followed by a line feed, in byte order. The block can be a
    file mapped into memory: nothing of it is read until a word is looked up."""

    FORMAT = "words-v3"
    """Bump when the layout of the cached word list changes."""
    MAGIC = f"{FORMAT} {sys.byteorder}".encode().ljust(16)
    """The offsets and frequencies are unsigned 32-bit numbers in the machine's byte order."""
    _HEADER = len(MAGIC) + 8

    def __init__(self, block: bytes | mmap.mmap) -> None:
        view = memoryview(block)
        if len(view) < self._HEADER or view[: len(self.MAGIC)] != self.MAGIC:
            raise ValueError("not a word list of this format")
        count = int.from_bytes(view[len(self.MAGIC) : self._HEADER], sys.byteorder)
        counts_at = self._HEADER + 4 * (count + 1)
        words_at = counts_at + 4 * count
        if words_at > len(view):
            raise ValueError("inconsistent word list")
        starts, counts = (
            view[self._HEADER : counts_at].cast("I"),
            view[counts_at:words_at].cast("I"),
        )
        if starts[0] != words_at or starts[-1] != len(view):
            raise ValueError("inconsistent word list")
        self._block, self._starts, self._counts, self._words_at = block, starts, counts, words_at

    @classmethod
    def of(cls, frequencies: Mapping[str, int]) -> WordList:
        encoded = sorted((word.encode("utf-8"), count) for word, count in frequencies.items())
        words_at = cls._HEADER + 4 * (2 * len(encoded) + 1)
        starts, counts = array("I", [words_at]), array("I")
        for word, count in encoded:
            starts.append(starts[-1] + len(word) + 1)
            counts.append(count)
        header = cls.MAGIC + len(encoded).to_bytes(8, sys.byteorder)
        words = (word + b"\n" for word, _ in encoded)
        return cls(b"".join([header, starts.tobytes(), counts.tobytes(), *words]))

    def dumps(self) -> bytes:
        return bytes(self._block)

    @classmethod
    def loads(cls, data: bytes | mmap.mmap) -> WordList:
        """A word list from :meth:`dumps`; ValueError if ``data`` is not one."""
        return cls(data)

    def _index(self, word: str) -> int | None:
        key = word.encode("utf-8", "surrogatepass")
        block, starts = self._block, self._starts
        low, high = 0, len(self._counts)
        while low < high:
            middle = (low + high) // 2
            if block[starts[middle] : starts[middle + 1] - 1] < key:
                low = middle + 1
            else:
                high = middle
        if low < len(self._counts) and block[starts[low] : starts[low + 1] - 1] == key:
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
        words = self._block[self._words_at :].split(b"\n")[:-1]
        return (word.decode("utf-8") for word in words)

    def __len__(self) -> int:
        return len(self._counts)


def _read_cache(path: Path) -> WordList | None:
    """The cached word list, mapped into memory, or None if there is none or it is damaged."""
    try:
        with path.open("rb") as handle:
            block = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        loaded = WordList(block)
    except (OSError, ValueError):  # mmap refuses an empty file with a ValueError
        return None
    return loaded if len(loaded) else None


@functools.cache
def dictionary() -> Mapping[str, int]:
    """pyspellchecker's English words (lower case) with their frequencies in its corpus, from
    the cache when it holds a copy of its word list file as it is now."""
    folder = cache_dir()
    path = None if folder is None else folder / f"english-{word_list_stamp()}.words"
    cached = None if path is None else _read_cache(path)
    if cached is not None:
        return cached
    import spellchecker  # lazy: its word list costs ~100 ms; the cache usually spares it

    checker = spellchecker.SpellChecker(language="en", distance=1)
    words = WordList.of(checker.word_frequency.dictionary)
    if path is not None:
        write_quietly(path, words.dumps())
    return words


WORD_LIST_FILE = ("resources", "en.json.gz")
"""Where pyspellchecker keeps its English word list, in its package folder."""


def word_list_stamp() -> str:
    """What names the cached copy of pyspellchecker's English word list: the size and time of
    its file, found without importing the library (which a cached list does not need, and
    costs 5 ms to import); the library's version if the file is not where it used to be."""
    spec = importlib.util.find_spec("spellchecker")
    folders = (spec and spec.submodule_search_locations) or []
    for folder in folders:
        try:
            found = Path(folder).joinpath(*WORD_LIST_FILE).stat()
        except OSError:
            continue
        return f"pyspellchecker-{found.st_size}-{found.st_mtime_ns}.{WordList.FORMAT}"
    import spellchecker  # lazy: only if its word list file was moved

    version = getattr(spellchecker, "__version__", "unknown")
    return f"pyspellchecker-{version}.{WordList.FORMAT}"


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


def deletions(lower: str) -> list[str]:
    """``lower`` and each form of it with one letter dropped, in order."""
    return [lower, *[lower[:at] + lower[at + 1 :] for at in range(len(lower))]]


def one_edit_apart(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` are at optimal string alignment distance 1: one letter dropped,
    added or changed, or two neighbouring letters swapped."""
    if len(a) > len(b):
        a, b = b, a
    if len(b) - len(a) > 1 or a == b:
        return False
    start = next((at for at, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), len(a))
    if len(a) < len(b):
        return a[start:] == b[start + 1 :]
    if a[start + 1 :] == b[start + 1 :]:
        return True
    swapped = a[start : start + 2] == b[start + 1 : start + 2] + b[start : start + 1]
    return swapped and a[start + 2 :] == b[start + 2 :]


def near_pairs(forms: Iterable[str]) -> Iterator[tuple[str, str]]:
    """Pairs of forms at optimal string alignment distance 1 (a letter dropped, added or
    changed, or two neighbours swapped), found through shared deletions (as SymSpell does)
    instead of comparing every form with every other."""
    buckets: dict[str, list[str]] = {}
    for form in forms:
        for key in deletions(form):
            bucket = buckets.get(key)
            if bucket is None:
                buckets[key] = [form]
            else:
                bucket.append(form)
    seen: set[tuple[str, str]] = set()
    for bucket in buckets.values():
        if len(bucket) < 2:
            continue
        for i, first in enumerate(bucket):
            for second in bucket[i + 1 :]:
                pair = (min(first, second), max(first, second))
                if pair not in seen and one_edit_apart(first, second):
                    seen.add(pair)
                    yield pair


def same_shape(model: str, word: str) -> str:
    """``word`` with the letter case of ``model``: upper, capitalized, or as it is."""
    if model.isupper():
        return word.upper()
    if model[:1].isupper():
        return word[:1].upper() + word[1:]
    return word
