"""The Python API: what the command line does, for a program.

``from kzvalidate import lint, parse, to_frame`` reaches these (the package's ``__init__`` loads
this module on first use, so ``import kzvalidate.<module>`` stays light). Paths are given as on the
command line: files, or folders searched for the configured file patterns (``*.txt``). Settings
resolve as for ``kzvalidate lint`` (the configuration file found from the working folder unless
``isolated``, then these arguments).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING

from kzvalidate.check.engine import Linter
from kzvalidate.check.run import lint_run
from kzvalidate.contract.record import Record, article_record
from kzvalidate.dump.blocks import Article
from kzvalidate.dump.parser import parse as parse_lines
from kzvalidate.ingest.base import require
from kzvalidate.ingest.frames import collection_frame
from kzvalidate.model import Finding, Severity
from kzvalidate.results import FileResult, Summary
from kzvalidate.settings import CommandLine, Settings, settings_for
from kzvalidate.source.discovery import open_target, targets

if TYPE_CHECKING:
    import polars as pl

PathArgument = str | PathLike[str]


@dataclass
class Report:
    """What :func:`lint` found: every finding in report order, and the run's counts."""

    findings: list[Finding] = field(default_factory=list)
    summary: Summary = field(default_factory=Summary)

    @property
    def errors(self) -> list[tuple[str, str]]:
        """Files that could not be linted: (path, why)."""
        return self.summary.errors

    def failed(self, level: Severity = Severity.ERROR) -> bool:
        """Whether a finding is at or above ``level`` (what makes ``lint`` exit with 1)."""
        return self.summary.count_at_or_above(level) > 0


def lint(
    paths: Sequence[PathArgument],
    *,
    select: Sequence[str] | None = None,
    extend_select: Sequence[str] | None = None,
    ignore: Sequence[str] | None = None,
    dialect: str | None = None,
    config: PathArgument | None = None,
    isolated: bool = False,
) -> Report:
    """Lint files and folders as ``kzvalidate lint`` does; raises
    :class:`~kzvalidate.settings.ConfigError` for a configuration that cannot be used."""
    command_line = CommandLine(
        select=_listed(select),
        extend_select=_listed(extend_select),
        ignore=_listed(ignore),
        dialect=dialect,
    )
    settings = _settings(command_line, config, isolated)
    report = Report()
    report.summary = lint_run(
        Linter(settings.rules, settings.vocabulary, settings.dialect, settings.policy),
        targets(_names(paths), settings.discovery, "<stdin>"),
        sink=report.findings.append,
        on_file=_ignore,
    )
    return report


def parse(
    paths: Sequence[PathArgument],
    *,
    dialect: str | None = None,
    config: PathArgument | None = None,
    isolated: bool = False,
) -> Iterator[Record]:
    """Every article of the files, in order, as its article-contract record
    (``contracts/article.schema.json``), valid or not. Raises
    :class:`~kzvalidate.source.reading.SourceError` for a file that cannot be read."""
    settings = _settings(CommandLine(dialect=dialect), config, isolated)
    for target in targets(_names(paths), settings.discovery, "<stdin>"):
        with open_target(target) as source:
            for block in parse_lines(source.lines(), source.name, settings.dialect):
                if isinstance(block, Article):
                    yield article_record(block)


def to_frame(
    paths: Sequence[PathArgument],
    *,
    dialect: str | None = None,
    config: PathArgument | None = None,
    isolated: bool = False,
) -> pl.DataFrame:
    """The collection table of the files' articles as a polars frame: one row per article, the
    columns of :data:`kzvalidate.contract.collection.COLUMNS`, typed (needs the ``ingest``
    extra)."""
    require("kzvalidate.to_frame", "polars")
    return collection_frame(parse(paths, dialect=dialect, config=config, isolated=isolated))


def _settings(command_line: CommandLine, config: PathArgument | None, isolated: bool) -> Settings:
    explicit = None if config is None else Path(config)
    return settings_for(command_line, config=explicit, isolated=isolated, cwd=Path.cwd())


def _names(paths: Sequence[PathArgument]) -> list[str]:
    if isinstance(paths, str | PathLike):
        raise TypeError("paths must be a list of paths, not one path")
    return [str(path) for path in paths]


def _listed(values: Sequence[str] | None) -> list[str] | None:
    return None if values is None else list(values)


def _ignore(result: FileResult) -> None:
    """Each file's result is in the summary already."""
