"""Which files a run lints: files named always, folders walked for matching names, ``-`` stdin."""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

STDIN = "-"
DEFAULT_GLOBS = ("*.txt",)


@dataclass(frozen=True, slots=True)
class Target:
    """One thing to lint: a path, or standard input when ``path`` is None."""

    path: Path | None
    name: str


def matches(relative: str, globs: Sequence[str]) -> bool:
    """A glob with a ``/`` matches the path below the folder given; others match the file name."""
    name = relative.rsplit("/", 1)[-1]
    return any(fnmatch.fnmatch(relative if "/" in glob else name, glob) for glob in globs)


def walk(folder: Path, globs: Sequence[str]) -> Iterator[Path]:
    """Matching files below ``folder``, sorted, skipping hidden folders; symlinked folders are not
    followed (no loops)."""
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = Path(root, name)
            if matches(path.relative_to(folder).as_posix(), globs):
                yield path


def targets(paths: Sequence[str], globs: Sequence[str], stdin_name: str) -> Iterator[Target]:
    """Expand the command line into targets; a path that does not exist is still a target, so the
    reader reports it as one clear error while the other files are linted."""
    for given in paths:
        if given == STDIN:
            yield Target(None, stdin_name)
            continue
        path = Path(given)
        if path.is_dir():
            yield from (Target(found, str(found)) for found in walk(path, globs))
        else:
            yield Target(path, given)
