"""Records out: the writers of ``kzvalidate parse``, one per format, each imported only when
chosen (the dataframe and database libraries they need are the ``ingest`` extra).

The run that feeds them (:func:`~kzvalidate.ingest.run.parse_run`, the ingestion gate behind it)
and its errors are named here too, and loaded on first use (PEP 562): the command line imports
this package for every command, and a ``lint`` should not pay for the gate (3 ms, issue 12).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from kzvalidate.lazy import on_first_use
from kzvalidate.report import Registry

if TYPE_CHECKING:  # the dependency, for readers, type checkers and the layer checks
    from kzvalidate.ingest.base import MissingExtraError, WriteError
    from kzvalidate.ingest.run import NothingReadError, parse_run, summary_line

WRITERS = Registry(
    "parse",
    {
        "jsonl": "kzvalidate.ingest.jsonl:JsonLinesWriter",
        "parquet": "kzvalidate.ingest.parquet:ParquetWriter",
        "csv": "kzvalidate.ingest.delimited:CsvWriter",
        "duckdb": "kzvalidate.ingest.database:DuckDbWriter",
    },
)
"""Format name to writer class; the name is also the output's file suffix."""


class UnknownFormatError(ValueError):
    """An output whose format cannot be told from its name."""


def format_for(out: Path, given: str | None) -> str:
    """The output format: ``given``, else the one ``out``'s suffix names."""
    if given is not None:
        return given
    suffix = out.suffix.removeprefix(".").lower()
    if suffix in WRITERS.choices:
        return suffix
    suffixes = ", ".join(f".{name}" for name in WRITERS.choices)
    raise UnknownFormatError(
        f"cannot tell the output format from {str(out)!r}: end its name with one of {suffixes},"
        f" or give --format {'|'.join(WRITERS.choices)}"
    )


_ON_FIRST_USE = {
    "MissingExtraError": "kzvalidate.ingest.base",
    "WriteError": "kzvalidate.ingest.base",
    "NothingReadError": "kzvalidate.ingest.run",
    "parse_run": "kzvalidate.ingest.run",
    "summary_line": "kzvalidate.ingest.run",
}
"""The names loaded on first use, and the module each comes from."""

__all__ = [
    "WRITERS",
    "MissingExtraError",
    "NothingReadError",
    "UnknownFormatError",
    "WriteError",
    "format_for",
    "parse_run",
    "summary_line",
]


__getattr__ = on_first_use(__name__, _ON_FIRST_USE)
