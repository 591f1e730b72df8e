"""``kzvalidate schema --format markdown``: tables of the contracts for the docs. The collection
contract's table needs pandera and polars (the ``collection`` extra), so its module is loaded only
when that contract is asked for, the way the format registries load reporters."""

from __future__ import annotations

from importlib import import_module
from typing import TextIO

from kzvalidate.dump.dialect import Dialect
from kzvalidate.report.config_reference import config_markdown
from kzvalidate.report.schema import article_markdown, chosen_contracts

COLLECTION_DOCS = "kzvalidate.report.collection_schema"
SUPPORTED = ["article", "collection", "config"]


def write_markdown(out: TextIO, contract: str | None, dialect: Dialect) -> None:
    """The article contract's fields and the collection contract's columns and checks; or the
    configuration file's keys."""
    chosen = chosen_contracts(contract, SUPPORTED, "markdown", ["article", "collection"])
    parts = []
    if "article" in chosen:
        parts.append(article_markdown(dialect))
    if "collection" in chosen:
        parts.append(import_module(COLLECTION_DOCS).collection_markdown())
    if "config" in chosen:
        parts.append(config_markdown())
    out.write("\n".join(parts))
