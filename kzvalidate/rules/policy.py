"""What the configuration changes about the selected rules file by file: per-file ignores and
severity overrides, as one small immutable :class:`Policy` the linter applies where it makes
findings (so it holds on cluster workers and for ``--fix`` alike).

* A per-file ignore turns rules off for the files its pattern matches: they do not run on those
  files, so they neither report nor fix them. Patterns are gitignore-style (matched by
  ``pathspec``'s :class:`~pathspec.GitIgnoreSpec`, as git matches them), matched against the
  file's path relative to the folder the pattern was
  given in (the configuration file's folder, or the working folder for the command line), with
  ``/`` between folders: ``archive/2019/*.txt``, ``**/legacy/**``, ``*.draft.txt``. A file
  outside that folder is matched by no pattern of it.
* A severity override gives a rule another severity: its findings carry it everywhere (reports,
  ``--fail-on``, the ingestion gate, which refuses records with error findings).
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePath
from typing import TYPE_CHECKING

from kzvalidate.model import Severity
from kzvalidate.rules.base import AnyRule

if TYPE_CHECKING:
    from pathspec import GitIgnoreSpec


@dataclass(frozen=True, slots=True)
class PerFileIgnore:
    """Rules (``codes``) not to run on files whose path relative to ``root`` (an absolute folder)
    matches ``pattern``."""

    root: str
    pattern: str
    codes: frozenset[str]

    def matches(self, path: str, cwd: str) -> bool:
        """Whether the file ``path`` (relative to the absolute folder ``cwd``, or absolute)
        matches."""
        relative = os.path.relpath(PurePath(cwd, path), self.root)
        posix = PurePath(relative).as_posix()
        if posix == ".." or posix.startswith("../"):
            return False
        return _spec(self.pattern).match_file(posix)


@dataclass(frozen=True, slots=True)
class Policy:
    """Severity overrides (code to severity) and per-file ignores; ``cwd`` is the absolute folder
    that relative file names are relative to. The default changes nothing."""

    severities: tuple[tuple[str, Severity], ...] = ()
    per_file_ignores: tuple[PerFileIgnore, ...] = ()
    cwd: str = field(default_factory=lambda: str(Path.cwd()))

    @classmethod
    def of(
        cls,
        severities: Mapping[str, Severity],
        per_file_ignores: Iterable[PerFileIgnore] = (),
        cwd: str | None = None,
    ) -> Policy:
        return cls(
            tuple(sorted(severities.items())), tuple(per_file_ignores), cwd or str(Path.cwd())
        )

    def with_severities(self, rules: Sequence[AnyRule]) -> list[AnyRule]:
        """The rules, each with its overridden severity if it has one."""
        wanted = dict(self.severities)
        return [
            replace(rule, severity=wanted[rule.code])
            if rule.code in wanted and wanted[rule.code] is not rule.severity
            else rule
            for rule in rules
        ]

    def ignored(self, path: str) -> frozenset[str]:
        """The codes of the rules that do not run on file ``path``."""
        if not self.per_file_ignores:
            return frozenset()
        return _ignored(self, path)


@functools.lru_cache(maxsize=4096)
def _ignored(policy: Policy, path: str) -> frozenset[str]:
    codes: set[str] = set()
    for entry in policy.per_file_ignores:
        if entry.matches(path, policy.cwd):
            codes |= entry.codes
    return frozenset(codes)


@functools.lru_cache(maxsize=256)
def _spec(pattern: str) -> GitIgnoreSpec:
    from pathspec import GitIgnoreSpec  # lazy: ~10 ms, only with per-file ignores

    return GitIgnoreSpec.from_lines([pattern])


NO_POLICY = Policy(cwd="/")
"""Nothing changed (the working folder does not matter without per-file ignores)."""
