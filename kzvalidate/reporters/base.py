"""A reporter formats what the engine found; it never decides what is a problem or the exit code.

Hooks, called in order: ``start()``, ``file(result)`` once per file as it is linted, and
``finish(summary)``.
"""

from __future__ import annotations

from typing import TextIO

from kzvalidate.display import readable
from kzvalidate.engine import FileResult
from kzvalidate.summary import Summary


class Reporter:
    def __init__(self, out: TextIO, err: TextIO, *, show_source: bool = True) -> None:
        self.out = out
        self.err = err
        self.show_source = show_source

    def start(self) -> None:
        """Called once before the first file."""

    def file(self, result: FileResult) -> None:
        """Called once per file, in order, as soon as it has been linted."""
        if result.error is not None:
            self.file_error(result.path, result.error)

    def file_error(self, path: str, message: str) -> None:
        """A file that could not be linted: one line on standard error, whatever the format."""
        self.err.write(f"kzvalidate: error: {readable(message)}\n")

    def finish(self, summary: Summary) -> None:
        """Called once after the last file."""
