"""An article record as rows of the output tables, shared by every writer so that every format
holds the same values.

``articles``: one row per article, the record's fields with its ``source`` span spread into
``path``, ``line``, ``column``, ``end_line``, ``end_column`` (the article's key with its content
hash). Typed as the collection contract reads them (:func:`collection_row`): a value the article
contract cannot read (a date such as ``31.02.2026``) is None in a typed column, and its finding says
why. ``figures``: one row per figure, keyed by its article's path, line and content hash.

Light on purpose: no dataframe library here, only Python values.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kzvalidate.contract.collection import collection_row
from kzvalidate.contract.record import Record

SPAN_FIELDS = ("path", "line", "column", "end_line", "end_column")
ARTICLE_FIELDS = (
    *SPAN_FIELDS,
    "date", "time", "published", "views", "title", "image_credit", "body", "footer",
    "crawled", "content_hash",
)  # fmt: skip
"""The columns of ``articles`` before ``figures`` (a nested list in Parquet, a table elsewhere)."""
FIGURE_VALUES = (
    "text", "value", "upper", "unit", "dimension", "base_value", "base_upper", "base_unit",
    "qualifier",
)  # fmt: skip
FIGURE_FIELDS = (
    "path", "line", "content_hash", "figure", *FIGURE_VALUES,
    "figure_line", "figure_column", "figure_end_line", "figure_end_column",
)  # fmt: skip
"""The columns of the ``figures`` table: the article's key, the figure's place in its article
(from 0), its values and its span in the file."""
FINDING_COLUMNS = (*SPAN_FIELDS, "code", "name", "severity", "message")
"""A finding as the gate records it (:func:`kzvalidate.results.finding_record`)."""
FINDING_FIELDS = ("code", "name", "severity", "message", "line", "column")
"""What a quarantined record carries of each finding on it."""
VIOLATION_FIELDS = ("field", "keyword", "message")


def article_row(record: Mapping[str, Any]) -> dict[str, Any]:
    """The typed ``articles`` row of a record (without its figures)."""
    typed = collection_row(record)
    source = record.get("source") or {}
    body = record.get("body")
    return {
        **{name: source.get(name) for name in SPAN_FIELDS},
        "date": typed["date"],
        "time": typed["time"],
        "published": typed["published"],
        "views": typed["views"],
        "title": typed["title"],
        "image_credit": typed["image_credit"],
        "body": [str(paragraph) for paragraph in body] if isinstance(body, list) else [],
        "footer": _text(record.get("footer")),
        "crawled": typed["crawled"],
        "content_hash": typed["content_hash"],
    }


def text_row(record: Mapping[str, Any]) -> dict[str, Any]:
    """The ``articles`` row as the record writes it (text formats keep unreadable values as
    written): the same columns as :func:`article_row`."""
    source = record.get("source") or {}
    return {
        **{name: source.get(name) for name in SPAN_FIELDS},
        **{name: record.get(name) for name in ARTICLE_FIELDS[len(SPAN_FIELDS) :]},
    }


def nested_figures(record: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The record's figures with every optional field present (None when absent), numbers as
    floats: the typed form of the nested ``figures`` list."""
    return [
        {
            **{name: _number(figure.get(name), name) for name in FIGURE_VALUES},
            "span": {name: figure["span"][name] for name in SPAN_FIELDS},
        }
        for figure in record.get("figures") or ()
    ]


def figure_rows(record: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The ``figures`` table's rows of a record."""
    source = record.get("source") or {}
    key = {
        "path": source.get("path"),
        "line": source.get("line"),
        "content_hash": record.get("content_hash"),
    }
    rows = []
    for index, figure in enumerate(nested_figures(record)):
        span = figure["span"]
        rows.append(
            {
                **key,
                "figure": index,
                **{name: figure[name] for name in FIGURE_VALUES},
                "figure_line": span["line"],
                "figure_column": span["column"],
                "figure_end_line": span["end_line"],
                "figure_end_column": span["end_column"],
            }
        )
    return rows


def attached(findings: tuple[Record, ...], violations: tuple[Record, ...]) -> dict[str, Any]:
    """What a quarantined record carries: its findings and contract violations."""
    return {
        "findings": [{name: item[name] for name in FINDING_FIELDS} for item in findings],
        "violations": [{name: item[name] for name in VIOLATION_FIELDS} for item in violations],
    }


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _number(value: object, name: str) -> object:
    return float(value) if name in _NUMBERS and isinstance(value, int | float) else value


_NUMBERS = frozenset({"value", "upper", "base_value", "base_upper"})
