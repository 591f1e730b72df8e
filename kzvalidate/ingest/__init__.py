"""Records out: the writers of ``kzvalidate parse``, one per format, each imported only when
chosen (the dataframe and database libraries they need are the ``ingest`` extra)."""

from __future__ import annotations

from pathlib import Path

from kzvalidate.report import Registry

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
