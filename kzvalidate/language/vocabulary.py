"""Vocabularies, as data: words the spelling rule accepts and the newsroom's preferred terms.

kzvalidate ships a small vocabulary in ``contracts/vocabulary/`` (``accept.txt``,
``preferred-terms.toml``); a user's configuration adds to it (see :mod:`kzvalidate.settings`). The
format of a preferred term is Vale's substitution: the rejected form, the preferred form, and
optionally the date from which the preferred form applies (articles dated earlier are not checked).
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from kzvalidate.patterns import compiled
from kzvalidate.resources import contracts_dir

VOCABULARY_DIR = "vocabulary"
ACCEPT_FILE = "accept.txt"
PREFERRED_TERMS_FILE = "preferred-terms.toml"


class VocabularyError(ValueError):
    """A vocabulary file or entry that cannot be used; the message names the file and entry."""


@dataclass(frozen=True, slots=True)
class PreferredTerm:
    """Write ``prefer`` instead of ``reject`` (whole words, case as written), from ``since`` on."""

    reject: str
    prefer: str
    since: date | None = None

    def applies_on(self, day: date | None) -> bool:
        """Whether the term applies to an article of that date (unknown dates: only if undated)."""
        if self.since is None:
            return True
        return day is not None and day >= self.since


@dataclass(frozen=True, slots=True)
class Vocabulary:
    accept: frozenset[str] = frozenset()
    """Words never reported as misspellings, lower-cased."""
    preferred: tuple[PreferredTerm, ...] = ()
    _by_reject: dict[str, PreferredTerm] = field(init=False, repr=False, compare=False)
    _rejects: tuple[str, ...] = field(init=False, repr=False, compare=False)
    """The rejected forms, sorted: the key of their pattern, made once, not for every article."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_reject", {term.reject: term for term in self.preferred})
        object.__setattr__(self, "_rejects", tuple(sorted(self._by_reject)))

    @classmethod
    def shipped(cls) -> Vocabulary:
        """The vocabulary in ``contracts/vocabulary/`` (read once)."""
        return _shipped()

    def accepts(self, word: str) -> bool:
        return word.lower() in self.accept

    def extended(
        self, accept: Iterable[str] = (), preferred: Iterable[PreferredTerm] = ()
    ) -> Vocabulary:
        """This vocabulary plus more words and terms; a term for the same rejected form replaces
        the one here."""
        terms = dict(self._by_reject)
        terms.update((term.reject, term) for term in preferred)
        words = self.accept | {word.lower() for word in accept}
        return Vocabulary(frozenset(words), tuple(terms.values()))

    def term(self, rejected: str) -> PreferredTerm:
        return self._by_reject[rejected]

    @property
    def rejected_pattern(self) -> re.Pattern[str] | None:
        """One pattern for every rejected form as a whole word, longest first; None if none."""
        return _rejected_pattern(self._rejects)


@functools.cache
def _rejected_pattern(rejects: tuple[str, ...]) -> re.Pattern[str] | None:
    r"""``(?<![\w-])(?:longest|...|shortest)(?![\w])``, written so that it is searched fast: the
    alternatives are grouped by their first character and the look-behind comes after it
    (``K(?<![\w-].)(?:azakstani|azakstan)``), so the search skips to the characters a rejected form
    can start with instead of trying the look-behind at every position."""
    if not rejects:
        return None
    by_first: dict[str, list[str]] = {}
    for word in sorted(filter(None, rejects), key=len, reverse=True):
        by_first.setdefault(word[0], []).append(word[1:])
    alternatives = [
        rf"{re.escape(first)}(?<![\w-][\s\S])(?:{'|'.join(map(re.escape, rests))})"
        for first, rests in by_first.items()
    ]
    if "" in rejects:  # the shortest form: tried last, as in the plain alternation
        alternatives.append(r"(?<![\w-])")
    return compiled(rf"(?:{'|'.join(alternatives)})(?![\w])")


def read_word_list(path: Path) -> list[str]:
    """Words from a UTF-8 text file, one per line; blank lines and ``#`` comments are skipped.
    Raises OSError when the file cannot be read (an undecodable file is one)."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise OSError(0, f"not UTF-8 text ({error.reason} at byte {error.start})") from error
    words = (line.split("#", 1)[0].strip() for line in text.splitlines())
    return [word for word in words if word]


def preferred_terms(table: Mapping[str, Any], where: str) -> list[PreferredTerm]:
    """Terms from a ``reject = "prefer"`` or ``reject = { prefer = "...", since = DATE }`` table."""
    terms: list[PreferredTerm] = []
    for reject, value in table.items():
        if isinstance(value, str):
            terms.append(PreferredTerm(reject, value))
            continue
        if not isinstance(value, Mapping) or not isinstance(value.get("prefer"), str):
            raise VocabularyError(f'{where}: {reject!r} needs a preferred form (prefer = "...")')
        since = value.get("since")
        if isinstance(since, str):
            try:
                since = date.fromisoformat(since)
            except ValueError as error:
                raise VocabularyError(f"{where}: {reject!r}: since: {error}") from error
        if since is not None and not isinstance(since, date):
            raise VocabularyError(f"{where}: {reject!r}: since must be a date (2025-06-01)")
        terms.append(PreferredTerm(reject, value["prefer"], since))
    return terms


@functools.cache
def _shipped() -> Vocabulary:
    folder = contracts_dir() / VOCABULARY_DIR
    path = folder / PREFERRED_TERMS_FILE
    with path.open("rb") as handle:
        document = tomllib.load(handle)
    terms = preferred_terms(document.get("preferred-terms", {}), str(path))
    return Vocabulary().extended(read_word_list(folder / ACCEPT_FILE), terms)
