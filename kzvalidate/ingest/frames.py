"""The output tables as typed polars frames: the column types that match the article contract
(``date`` a Date, ``published`` a Datetime in Asia/Almaty, ``views`` an Int64, ``body`` a list of
strings, ``figures`` a list of structs) and the collection table of
:mod:`kzvalidate.contract.collection`.

polars is imported only inside these functions (the ``ingest`` extra; never on the lint path);
callers check it is there first (:func:`kzvalidate.ingest.base.require`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from kzvalidate.check.gate import Checked
from kzvalidate.contract.collection import COLUMNS, collection_row
from kzvalidate.contract.record import ZONE, Record
from kzvalidate.ingest.rows import (
    FIGURE_FIELDS,
    FINDING_COLUMNS,
    article_row,
    attached,
    nested_figures,
)

if TYPE_CHECKING:
    import polars as pl

BATCH = 2_000
"""Rows built into one frame at a time by the streaming writers."""


_POSITIONS = ("line", "column", "end_line", "end_column")


def article_schema(*, quarantine: bool = False) -> pl.Schema:
    """The ``articles`` frame's columns, with ``findings`` and ``violations`` for a quarantine."""
    import polars as pl  # lazy: the ingest extra, ~0.2 s; only when writing frames

    span = pl.Struct({"path": pl.String, **dict.fromkeys(_POSITIONS, pl.Int64)})
    figure = pl.Struct(
        {
            "text": pl.String,
            "value": pl.Float64,
            "upper": pl.Float64,
            "unit": pl.String,
            "dimension": pl.String,
            "base_value": pl.Float64,
            "base_upper": pl.Float64,
            "base_unit": pl.String,
            "qualifier": pl.String,
            "span": span,
        }
    )
    columns: dict[str, Any] = {
        "path": pl.String,
        **dict.fromkeys(_POSITIONS, pl.Int64),
        "date": pl.Date,
        "time": pl.Time,
        "published": pl.Datetime("us", ZONE),
        "views": pl.Int64,
        "title": pl.String,
        "image_credit": pl.String,
        "body": pl.List(pl.String),
        "footer": pl.String,
        "crawled": pl.Date,
        "content_hash": pl.String,
        "figures": pl.List(figure),
    }
    if quarantine:
        finding: dict[str, Any] = {"code": pl.String, "name": pl.String, "severity": pl.String}
        finding |= {"message": pl.String, "line": pl.Int64, "column": pl.Int64}
        violation: dict[str, Any] = {"field": pl.String, "keyword": pl.String, "message": pl.String}
        columns["findings"] = pl.List(pl.Struct(finding))
        columns["violations"] = pl.List(pl.Struct(violation))
    return pl.Schema(columns)


def figure_schema() -> pl.Schema:
    """The ``figures`` table's columns (:data:`kzvalidate.ingest.rows.FIGURE_FIELDS`)."""
    import polars as pl  # lazy: the ingest extra, ~0.2 s; only when writing frames

    texts = {"path", "content_hash", "text", "unit", "dimension", "base_unit", "qualifier"}
    numbers = {"value", "upper", "base_value", "base_upper"}
    return pl.Schema(
        {
            name: pl.String if name in texts else pl.Float64 if name in numbers else pl.Int64
            for name in FIGURE_FIELDS
        }
    )


def finding_schema() -> pl.Schema:
    """The ``findings`` table's columns: a finding's span, rule and message, and the content
    hash of its article (None for a finding on no article)."""
    import polars as pl  # lazy: the ingest extra, ~0.2 s; only when writing frames

    texts = {"path", "code", "name", "severity", "message"}
    columns = {name: pl.String if name in texts else pl.Int64 for name in FINDING_COLUMNS}
    return pl.Schema({**columns, "content_hash": pl.String})


def frame(rows: Iterable[Record], schema: pl.Schema) -> pl.DataFrame:
    """Rows (dicts) as a frame of ``schema``."""
    import polars as pl  # lazy: the ingest extra, ~0.2 s; only when writing frames

    return pl.DataFrame(list(rows), schema=schema)


def nested_row(record: Mapping[str, Any]) -> Record:
    """A record as a row of :func:`article_schema`: typed, figures nested."""
    return {**article_row(record), "figures": nested_figures(record)}


def quarantine_row(item: Checked) -> Record:
    """An invalid record as a row of the quarantine's :func:`article_schema`."""
    return {**nested_row(item.record), **attached(item.findings, item.violations)}


def article_frame(rows: Iterable[Record], *, quarantine: bool = False) -> pl.DataFrame:
    """Rows of :func:`nested_row` (or :func:`quarantine_row`) as a typed frame."""
    return frame(rows, article_schema(quarantine=quarantine))


def collection_schema() -> pl.Schema:
    """The collection table's columns (``contract.collection.COLUMNS``), typed."""
    import polars as pl  # lazy: the ingest extra, ~0.2 s; only when building frames

    types: dict[str, Any] = {
        "path": pl.String,
        "line": pl.Int64,
        "published": pl.Datetime("us", ZONE),
        "date": pl.Date,
        "time": pl.Time,
        "views": pl.Int64,
        "title": pl.String,
        "image_credit": pl.String,
        "footer_present": pl.Boolean,
        "paragraphs": pl.Int64,
        "figures": pl.Int64,
        "content_hash": pl.String,
        "title_key": pl.String,
        "crawled": pl.Date,
    }
    return pl.Schema({name: types[name] for name in COLUMNS})


def collection_frame(records: Iterable[Mapping[str, Any]]) -> pl.DataFrame:
    """The collection table of ``records``: one typed row per article."""
    import polars as pl  # lazy: the ingest extra, ~0.2 s; only when building frames

    rows = [collection_row(record) for record in records]
    return pl.DataFrame(rows, schema=collection_schema())
