"""Which files a run lints: files named always, folders walked for matching names, ``-`` stdin."""

from __future__ import annotations

import fnmatch
import os
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from kzvalidate.source.reading import (
    Source,
    SourceError,
    describe_os_error,
    open_path,
    open_stream,
)

STDIN = "-"
DEFAULT_GLOBS = ("*.txt",)


@dataclass(frozen=True, slots=True)
class Target:
    """One thing to lint: a path, or standard input when ``path`` is None."""

    path: Path | None
    name: str
    error: str | None = None
    """Why this target cannot be linted, when that is known before reading (an unreadable or
    empty folder)."""


def matches(relative: str, globs: Sequence[str]) -> bool:
    """A glob with a ``/`` matches the path below the folder given; others match the file name."""
    name = relative.rsplit("/", 1)[-1]
    return any(fnmatch.fnmatch(relative if "/" in glob else name, glob) for glob in globs)


def walk(folder: Path, globs: Sequence[str]) -> Iterator[Target]:
    """Matching files below ``folder``, sorted, skipping hidden folders; symlinked folders are not
    followed (no loops). A folder that cannot be listed is a target with an error, so it is
    reported rather than skipped; so is a folder named on the command line with no match."""
    failures: list[OSError] = []
    found = 0
    for root, dirs, files in os.walk(folder, onerror=failures.append):
        yield from (_unlistable(failure) for failure in failures)
        failures.clear()
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = Path(root, name)
            if matches(path.relative_to(folder).as_posix(), globs):
                found += 1
                yield Target(path, str(path))
    yield from (_unlistable(failure) for failure in failures)
    if found == 0 and not failures:
        yield Target(None, str(folder), f"no files matching {', '.join(globs)} in this folder")


def _unlistable(failure: OSError) -> Target:
    name = str(failure.filename)
    return Target(None, name, f"cannot list the folder: {describe_os_error(failure)}")


def targets(paths: Sequence[str], globs: Sequence[str], stdin_name: str) -> Iterator[Target]:
    """Expand the command line into targets; a path that does not exist is still a target, so the
    reader reports it as one clear error while the other files are linted."""
    for given in paths:
        if given == STDIN:
            yield Target(None, stdin_name)
            continue
        path = Path(given)
        try:
            is_folder = path.is_dir()
        except OSError:  # the reader reports it as one clear error
            is_folder = False
        if is_folder:
            yield from walk(path, globs)
        else:
            yield Target(path, given)


def open_target(target: Target) -> Source:
    """The target's file, or standard input; raises :class:`SourceError` saying why not."""
    if target.error is not None:
        raise SourceError(target.name, target.error)
    if target.path is None:
        return open_stream(sys.stdin.buffer, target.name)
    return open_path(target.path, target.name)
