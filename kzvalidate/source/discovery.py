"""Which files a run lints: files named always, folders walked for matching names, ``-`` stdin.

Walking a folder leaves out, as ruff does:

* hidden folders (``.git``, ``.venv``, any name starting with ``.``), never entered;
* what the ``exclude`` patterns match (:data:`DEFAULT_EXCLUDES` unless the configuration or the
  command line replaces them, plus ``extend-exclude``): gitignore-style patterns, relative to the
  folder they were given in (the configuration file's, or the working folder for the command
  line); a pattern without a ``/`` (``venv``, ``*.bak``) matches at any depth;
* what ``.gitignore`` files ignore, unless ``respect-gitignore`` is off: inside a git repository
  (the nearest folder above with a ``.git``), every ``.gitignore`` from the repository's root
  down to the file's folder applies, the deepest deciding, and ``.git/info/exclude`` below them
  all, as git reads them.

An excluded folder is not entered, so a walk never pays for what it skips. Files and folders
named on the command line are linted even when excluded, except with ``force-exclude`` (what
pre-commit needs: it names every file it checks). The patterns are matched with ``pathspec``'s
:class:`~pathspec.GitIgnoreSpec`, imported only when a folder is walked or a named path must be
checked.
"""

from __future__ import annotations

import fnmatch
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from kzvalidate.source.reading import (
    Source,
    SourceError,
    describe_os_error,
    open_path,
    open_stream,
)

if TYPE_CHECKING:
    from pathspec import GitIgnoreSpec

STDIN = "-"
DEFAULT_GLOBS = ("*.txt",)
DEFAULT_EXCLUDES = (
    ".bzr",
    ".direnv",
    ".eggs",
    ".git",
    ".hg",
    ".mypy_cache",
    ".nox",
    ".pytest_cache",
    ".ruff_cache",
    ".svn",
    ".tox",
    ".venv",
    "__pycache__",
    "__pypackages__",
    "_build",
    "build",
    "dist",
    "node_modules",
    "site-packages",
    "venv",
)
"""Folders no dumps live in: version control, virtual environments, caches, build output."""

Excluded = Callable[[str], None]
"""Told the name of each path named on the command line that ``force-exclude`` leaves out."""


@dataclass(frozen=True, slots=True)
class Patterns:
    """Exclude patterns and the absolute folder they are relative to."""

    root: str
    patterns: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Discovery:
    """How folders are searched and what is left out of a run."""

    globs: tuple[str, ...] = DEFAULT_GLOBS
    exclude: tuple[Patterns, ...] = field(
        default_factory=lambda: (Patterns(str(Path.cwd()), DEFAULT_EXCLUDES),)
    )
    respect_gitignore: bool = True
    force_exclude: bool = False


@dataclass(frozen=True, slots=True)
class Target:
    """One thing to lint: a path, or standard input when ``path`` is None."""

    path: Path | None
    name: str
    error: str | None = None
    """Why this target cannot be linted, when that is known before reading (an unreadable or
    empty folder)."""


def absolute_path(path: str | Path) -> str:
    """``path`` made absolute from the working folder, with ``.`` and ``..`` taken out (links are
    not followed: names stay as the user wrote them)."""
    return os.path.normpath(Path.cwd() / path)


def matches(relative: str, globs: Sequence[str]) -> bool:
    """A glob with a ``/`` matches the path below the folder given; others match the file name."""
    name = relative.rsplit("/", 1)[-1]
    return any(fnmatch.fnmatch(relative if "/" in glob else name, glob) for glob in globs)


class GitIgnores:
    """The ``.gitignore`` files (and ``.git/info/exclude``) that apply in each folder, read once
    per folder."""

    def __init__(self) -> None:
        self._chains: dict[str, tuple[tuple[str, GitIgnoreSpec], ...] | None] = {}

    def ignored(self, folder: str, name: str, is_dir: bool) -> bool:
        """Whether git ignores ``name`` in ``folder`` (an absolute, normalised path)."""
        absolute = folder + os.sep + name
        for base, spec in self._chain(folder) or ():
            relative = absolute[len(base) :].lstrip(os.sep).replace(os.sep, "/")
            decided = spec.check_file(relative + "/" if is_dir else relative).include
            if decided is not None:
                return decided
        return False

    def _chain(self, folder: str) -> tuple[tuple[str, GitIgnoreSpec], ...] | None:
        """The specs that apply in ``folder``, deepest first; None outside a git repository."""
        if folder in self._chains:
            return self._chains[folder]
        here = Path(folder)
        own = _read_spec(folder, here / ".gitignore")
        chain: tuple[tuple[str, GitIgnoreSpec], ...] | None
        if (here / ".git").exists():
            info = _read_spec(folder, here / ".git" / "info" / "exclude")
            chain = (*own, *info)
        else:
            parent = str(here.parent)
            above = None if parent == folder else self._chain(parent)
            chain = None if above is None else (*own, *above)
        self._chains[folder] = chain
        return chain


def _read_spec(base: str, path: Path) -> tuple[tuple[str, GitIgnoreSpec], ...]:
    from pathspec import GitIgnoreSpec  # lazy: ~10 ms, only when paths are checked

    try:
        lines = path.read_text(encoding="utf-8", errors="surrogateescape").splitlines()
    except OSError:  # none there, or unreadable: git skips it too
        return ()
    return ((base, GitIgnoreSpec.from_lines(lines)),)


class Excluder:
    """Decides which paths a run leaves out: the exclude patterns, then ``.gitignore``."""

    def __init__(self, discovery: Discovery) -> None:
        from pathspec import GitIgnoreSpec  # lazy: ~10 ms, only when paths are checked

        self.specs = [
            (patterns.root, GitIgnoreSpec.from_lines(patterns.patterns))
            for patterns in discovery.exclude
            if patterns.patterns
        ]
        self.gitignores = GitIgnores() if discovery.respect_gitignore else None

    def excluded(self, folder: str, name: str, is_dir: bool, fallback: str | None = None) -> bool:
        """Whether ``name`` in ``folder`` (an absolute, normalised path) is left out. Patterns
        are matched below their own folder; a path outside it is matched below ``fallback``
        instead (the folder being walked), or not at all without one."""
        absolute = folder + os.sep + name
        suffix = "/" if is_dir else ""
        for root, spec in self.specs:
            relative = _relative(absolute, root)
            if relative is None and fallback is not None:
                relative = _relative(absolute, fallback)
            if relative and spec.match_file(relative + suffix):
                return True
        return self.gitignores is not None and self.gitignores.ignored(folder, name, is_dir)


def _relative(absolute: str, root: str) -> str | None:
    """The path below ``root``, with ``/`` separators; None when it is not below it."""
    prefix = root.rstrip(os.sep) + os.sep
    if not absolute.startswith(prefix):
        return None
    return absolute[len(prefix) :].replace(os.sep, "/")


def walk(folder: Path, globs: Sequence[str], excluder: Excluder | None = None) -> Iterator[Target]:
    """Matching files below ``folder``, sorted, skipping hidden folders and what ``excluder``
    leaves out (whose folders are not entered); symlinked folders are not followed (no loops).
    A folder that cannot be listed is a target with an error, so it is reported rather than
    skipped; so is a folder named on the command line with no match."""
    failures: list[OSError] = []
    found = left_out = 0
    top = str(folder)
    base = absolute_path(top)
    for root, dirs, files in os.walk(top, onerror=failures.append):
        yield from (_unlistable(failure) for failure in failures)
        failures.clear()
        below = root[len(top) :].lstrip(os.sep)
        here = base + os.sep + below if below else base
        kept = [d for d in sorted(dirs) if not d.startswith(".")]
        if excluder is not None:
            kept = [d for d in kept if not excluder.excluded(here, d, True, base)]
        dirs[:] = kept
        for name in sorted(files):
            path = Path(root, name)
            if not matches(path.relative_to(folder).as_posix(), globs):
                continue
            if excluder is not None and excluder.excluded(here, name, False, base):
                left_out += 1
                continue
            found += 1
            yield Target(path, str(path))
    yield from (_unlistable(failure) for failure in failures)
    if found == 0 and not failures:
        yield Target(None, str(folder), _nothing_found(globs, left_out))


def _nothing_found(globs: Sequence[str], left_out: int) -> str:
    message = f"no files matching {', '.join(globs)} in this folder"
    if left_out:
        message += f" but {left_out} left out by the exclude patterns or .gitignore"
    return message


def _unlistable(failure: OSError) -> Target:
    name = str(failure.filename)
    return Target(None, name, f"cannot list the folder: {describe_os_error(failure)}")


def targets(
    paths: Sequence[str],
    discovery: Discovery | Sequence[str],
    stdin_name: str,
    on_excluded: Excluded | None = None,
) -> Iterator[Target]:
    """Expand the command line into targets (``discovery`` may be just the file patterns: then
    the default excludes apply). A path that does not exist is still a target, so the reader
    reports it as one clear error while the other files are linted. With ``force_exclude``, a
    named path that is excluded is left out and its name goes to ``on_excluded``."""
    if not isinstance(discovery, Discovery):
        discovery = Discovery(globs=tuple(discovery))
    excluder: Excluder | None = None

    def checker() -> Excluder:
        nonlocal excluder
        excluder = excluder or Excluder(discovery)
        return excluder

    for given in paths:
        shown = stdin_name if given == STDIN else given
        if discovery.force_exclude and _forced_out(checker(), shown):
            if on_excluded is not None:
                on_excluded(shown)
            continue
        if given == STDIN:
            yield Target(None, stdin_name)
        elif _is_folder(Path(given)):
            yield from walk(Path(given), discovery.globs, checker())
        else:
            yield Target(Path(given), given)


def _is_folder(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:  # the reader reports it as one clear error
        return False


def _forced_out(excluder: Excluder, given: str) -> bool:
    """Whether a path named on the command line, or a folder it is in, is excluded. Outside the
    patterns' folder, the path's own name is matched, never the folders above it."""
    path = Path(absolute_path(given))
    if excluder.excluded(str(path.parent), path.name, _is_folder(Path(given)), str(path.parent)):
        return True
    return any(
        excluder.excluded(str(folder.parent), folder.name, True)
        for folder in path.parents
        if folder.name
    )


def open_target(target: Target) -> Source:
    """The target's file, or standard input; raises :class:`SourceError` saying why not."""
    if target.error is not None:
        raise SourceError(target.name, target.error)
    if target.path is None:
        return open_stream(sys.stdin.buffer, target.name)
    return open_path(target.path, target.name)
