"""One target from the command line to one :class:`FileResult`: open, lint, and fix if asked."""

from __future__ import annotations

import sys
from dataclasses import dataclass

from kzvalidate.check.engine import Linter
from kzvalidate.check.fixer import fix_until_stable, write_atomic
from kzvalidate.results import FileResult, FindingSink
from kzvalidate.source.discovery import Target
from kzvalidate.source.reading import Source, SourceError, describe_os_error, open_path, open_stream


@dataclass(frozen=True, slots=True)
class FixRequest:
    unsafe: bool = False


def lint_target(
    linter: Linter, target: Target, fix: FixRequest | None = None, sink: FindingSink | None = None
) -> tuple[FileResult, int]:
    """The findings for one target (streamed to ``sink`` if given) and how many fixes were
    written to it."""
    if target.error is not None:
        return FileResult(target.name, error=target.error), 0
    try:
        if fix is not None and target.path is not None:
            return _fix_and_lint(linter, target, fix, sink)
        return linter.lint_source(open_target(target), sink), 0
    except SourceError as error:
        return FileResult(target.name, error=error.reason), 0


def open_target(target: Target) -> Source:
    """The target's file, or standard input; raises :class:`SourceError` saying why not."""
    if target.error is not None:
        raise SourceError(target.name, target.error)
    if target.path is None:
        return open_stream(sys.stdin.buffer, target.name)
    return open_path(target.path, target.name)


def _fix_and_lint(
    linter: Linter, target: Target, fix: FixRequest, sink: FindingSink | None
) -> tuple[FileResult, int]:
    assert target.path is not None
    with open_path(target.path, target.name) as source:
        data = source.read_all()
    outcome = fix_until_stable(linter, data, target.name, unsafe=fix.unsafe)
    if outcome.data != data:
        try:
            write_atomic(target.path, outcome.data)
        except OSError as error:
            reason = f"could not write the fixes: {describe_os_error(error)}"
            raise SourceError(target.name, reason) from error
    return linter.lint_bytes(outcome.data, target.name, sink), outcome.applied
