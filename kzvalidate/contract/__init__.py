"""The article contract: records built from parsed articles, checked with JSON Schema, violations
placed at the text they come from. The pandera table contract of a whole collection is
:mod:`kzvalidate.contract.table` (imported on its own: it needs pandas and pandera)."""

from kzvalidate.contract.record import (
    Record,
    article_record,
    figure_record,
    figure_records,
    published_at,
    span_record,
)
from kzvalidate.contract.schema import JsonPath, Violation, validate_record
from kzvalidate.contract.spans import violation_span
from kzvalidate.resources import ARTICLE_SCHEMA, REPORT_SCHEMA, load_schema

__all__ = [
    "ARTICLE_SCHEMA",
    "REPORT_SCHEMA",
    "JsonPath",
    "Record",
    "Violation",
    "article_record",
    "figure_record",
    "figure_records",
    "load_schema",
    "published_at",
    "span_record",
    "validate_record",
    "violation_span",
]
