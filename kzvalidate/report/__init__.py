"""Output formats: one registry of reporters per command, each format imported only when chosen.

The ``--format`` choices of every command are built from its registry, so a command can never be
asked for a format it does not have.

The writers of ``lint --diff`` and ``figures --units`` are named here too, and loaded on first
use (PEP 562): the command line imports this package for every command, and a plain ``lint``
should not pay for them (3 ms, issue 12).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING, Any

from kzvalidate.lazy import on_first_use

if TYPE_CHECKING:  # the dependency, for readers, type checkers and the layer checks
    from kzvalidate.report.diff import DiffWriter, would_fix
    from kzvalidate.report.docs import write_units


@dataclass(frozen=True, slots=True)
class Registry:
    """The formats of one command: a name to ``"module:attribute"`` of the class or function
    that writes it; the first one is the default."""

    command: str
    formats: Mapping[str, str]

    @property
    def choices(self) -> list[str]:
        return list(self.formats)

    @property
    def default(self) -> str:
        return next(iter(self.formats))

    def load(self, name: str) -> Any:
        """The reporter of format ``name`` (one of :attr:`choices`)."""
        module, _, attribute = self.formats[name].partition(":")
        return getattr(import_module(module), attribute)


LINT = Registry(
    "lint",
    {
        "text": "kzvalidate.report.text:TextReporter",
        "json": "kzvalidate.report.json:JsonReporter",
        "sarif": "kzvalidate.report.sarif:SarifReporter",
        "github": "kzvalidate.report.github:GithubReporter",
        "junit": "kzvalidate.report.junit:JunitReporter",
        "gitlab": "kzvalidate.report.gitlab:GitlabReporter",
        "html": "kzvalidate.report.html:HtmlReporter",
    },
)
FIGURES = Registry(
    "figures",
    {
        "text": "kzvalidate.report.figures:FigureText",
        "json": "kzvalidate.report.figures:FigureJson",
    },
)
RULES = Registry(
    "rules",
    {
        "text": "kzvalidate.report.docs:write_rules_table",
        "json": "kzvalidate.report.docs:write_rules_json",
        "markdown": "kzvalidate.report.docs:write_rules_markdown",
    },
)
EXPLAIN = Registry(
    "explain",
    {
        "text": "kzvalidate.report.docs:write_explain_text",
        "markdown": "kzvalidate.report.docs:write_explain_markdown",
    },
)
SCHEMA = Registry(
    "schema",
    {
        "json-schema": "kzvalidate.report.schema:write_json_schema",
        "pandera-yaml": "kzvalidate.report.collection_schema:write_pandera_yaml",
        "markdown": "kzvalidate.report.contract_docs:write_markdown",
    },
)

_ON_FIRST_USE = {
    "DiffWriter": "kzvalidate.report.diff",
    "would_fix": "kzvalidate.report.diff",
    "write_units": "kzvalidate.report.docs",
}
"""The names loaded on first use, and the module each comes from."""

__all__ = [
    "EXPLAIN",
    "FIGURES",
    "LINT",
    "RULES",
    "SCHEMA",
    "DiffWriter",
    "Registry",
    "would_fix",
    "write_units",
]


__getattr__ = on_first_use(__name__, _ON_FIRST_USE)
