"""Regular expressions compiled once per machine, not on every run (issue 12: start-up).

``re.compile`` parses a pattern and generates its matcher's code in pure Python, in every new
process: for kzvalidate's patterns, about 10 ms of a one-file lint (7%). What it makes depends
only on the pattern, its flags and the interpreter: the code words, the flags it settles on,
the number of groups and their names, which :mod:`re` hands last to the matcher's constructor,
``_sre.compile``. :func:`compiled` keeps those in kzvalidate's cache folder
(:mod:`kzvalidate.user_cache`), one file per interpreter release and matcher version
(``_sre.MAGIC``), and builds a pattern it knows straight from them.

- The parts of a pattern are kept only once the pattern built from them compares equal to the
  one ``re.compile`` made (patterns compare by their text, flags and code).
- The file carries a digest of its body: a damaged or foreign file is ignored, and rewritten.
- ``_sre.compile`` checks the code it is given. If it refuses a kept pattern, or its signature is
  not the expected one, nothing kept is used for the rest of the run and ``re.compile`` makes
  every pattern.

The command saves what a run learnt when it ends (:func:`save`, from ``kzvalidate.cli.main``).
"""

from __future__ import annotations

import _sre  # type: ignore[import-not-found]  # re's matcher, in C; no stubs
import marshal
import re
import sys
from _blake2 import blake2b  # hashlib's, without hashlib's loading OpenSSL (3 ms)
from pathlib import Path
from re import _compiler, _parser  # type: ignore[attr-defined]

from kzvalidate.user_cache import cache_dir, write_quietly

FORMAT = b"kzvalidate-patterns-v1\n"
DIGEST_SIZE = 32
KEPT_AT_MOST = 2048
"""How many patterns the file keeps: beyond that, a save keeps only those its run used (the
patterns of a configured dialect could otherwise make it grow without end)."""

Key = tuple[str, int]
Parts = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]
"""What ``_sre.compile`` takes after the pattern: flags, code, groups, group index, group names."""


def compiled(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, built from the cache folder when a run before made it."""
    return _store().compiled(pattern, flags)


def save() -> None:
    """Keep the patterns this process made that the cache folder did not have."""
    if _STORE is not None:
        _STORE.save()


def cache_file(folder: Path) -> Path:
    """The file of compiled patterns for this interpreter in ``folder``."""
    release = f"{sys.implementation.cache_tag}-{sys.hexversion:x}"
    return folder / f"patterns-{release}-{_sre.MAGIC}.bin"


class PatternStore:
    """The compiled patterns of one cache file, as read at the start of the run, and those the
    run learnt since."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.known: dict[Key, Parts] = {} if path is None else _read(path)
        self.used: set[Key] = set()
        self.learnt = False
        self.usable = True

    def compiled(self, pattern: str, flags: int) -> re.Pattern[str]:
        key = (pattern, int(flags))  # a plain int: marshal does not write flag enums
        parts = self.known.get(key) if self.usable else None
        if parts is not None:
            built = _built(pattern, parts)
            if built is not None:
                self.used.add(key)
                return built
            self.usable = False
        made = re.compile(pattern, flags)
        if self.usable and self.path is not None:
            self._learn(key, made)
        return made

    def _learn(self, key: Key, made: re.Pattern[str]) -> None:
        parts = _parts(*key)
        if parts is None or _built(key[0], parts) != made:
            return
        self.known[key] = parts
        self.used.add(key)
        self.learnt = True

    def save(self) -> None:
        if not self.learnt or self.path is None:
            return
        many = len(self.known) > KEPT_AT_MOST
        kept = {key: self.known[key] for key in self.used} if many else self.known
        body = marshal.dumps(kept)
        write_quietly(self.path, FORMAT + _digest(body) + body)
        self.learnt = False


_STORE: PatternStore | None = None


def _store() -> PatternStore:
    global _STORE
    if _STORE is None:
        folder = cache_dir()
        _STORE = PatternStore(None if folder is None else cache_file(folder))
    return _STORE


def _parts(pattern: str, flags: int) -> Parts | None:
    """What ``re`` gives ``_sre.compile`` for ``pattern``; None if ``re``'s insides are not the
    ones this module knows."""
    try:
        parsed = _parser.parse(pattern, flags)
        code = _compiler._code(parsed, flags)
        state = parsed.state
        names: list[str | None] = [None] * state.groups
        for name, index in state.groupdict.items():
            names[index] = name
        return (
            int(flags | state.flags),
            [int(word) for word in code],
            state.groups - 1,
            dict(state.groupdict),
            tuple(names),
        )
    except (AttributeError, TypeError, ValueError, re.error):
        return None


def _built(pattern: str, parts: Parts) -> re.Pattern[str] | None:
    try:
        built: re.Pattern[str] = _sre.compile(pattern, *parts)
    except (TypeError, ValueError, RuntimeError, OverflowError):
        return None
    return built


def _read(path: Path) -> dict[Key, Parts]:
    try:
        data = path.read_bytes()
    except OSError:
        return {}
    head, digest = data[: len(FORMAT)], data[len(FORMAT) : len(FORMAT) + DIGEST_SIZE]
    body = data[len(FORMAT) + DIGEST_SIZE :]
    if head != FORMAT or digest != _digest(body):
        return {}
    try:
        table = marshal.loads(body)
    except (EOFError, ValueError, TypeError):
        return {}
    return table if isinstance(table, dict) else {}


def _digest(body: bytes) -> bytes:
    return blake2b(body, digest_size=DIGEST_SIZE).digest()
