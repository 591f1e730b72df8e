"""The collection contract 1.1.0: the pandera schema of a table of article records.

One row per article, as built by :func:`records_frame`: the columns of ``article.schema.json``
with the ``source`` span split into ``path`` and ``line``.

The per-article constraints are read from ``article.schema.json`` (its patterns, minimums, the
footer text) rather than written twice, and are applied with the same semantics: JSON Schema
patterns match anywhere in the string (``re.search``), not only at its start. The figures, a list
of nested objects, are checked by the article contract's own ``figure`` definition with
jsonschema (added in 1.1.0). The collection adds what only a collection can state: every article
position (``path``, ``line``) occurs once.

pandas and pandera are heavy (about a second to import), so this module is imported only by code
that validates collections, never on the lint path (``kzvalidate.contract`` does not import it).
They come with ``pip install kzvalidate[collection]``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import pandas as pd
import pandera.pandas as pa
from jsonschema import Draft202012Validator
from pandera.errors import SchemaErrors

from kzvalidate.contract.schema import article_schema
from kzvalidate.dump.dialect import Dialect
from kzvalidate.dump.dialects import DEFAULT

VERSION = "1.1.0"
COLUMNS = (
    "path", "line", "date", "time", "published", "views", "title", "image_credit", "body", "footer",
    "figures",
)  # fmt: skip


def _matches(pattern: str) -> Any:
    compiled = re.compile(pattern)
    return lambda value: isinstance(value, str) and compiled.search(value) is not None


def _is_text(text: Mapping[str, Any]) -> Any:
    matches = _matches(text["pattern"])
    return lambda value: matches(value) and len(value) >= text["minLength"]


def _is_calendar_date(value: object) -> bool:
    try:
        date.fromisoformat(str(value))
    except ValueError:
        return False
    return True


def _is_date_time(value: object) -> bool:
    try:
        return datetime.fromisoformat(str(value)).utcoffset() is not None
    except ValueError:
        return False


def _is_integer(value: object) -> bool:
    """An integer in the JSON Schema sense: 3 and 3.0 are, True is not."""
    if isinstance(value, bool):
        return False
    return isinstance(value, int) or (isinstance(value, float) and value.is_integer())


def _are_figures(article: Mapping[str, Any]) -> Any:
    schema = {"$defs": article["$defs"], **article["properties"]["figures"]}
    validator = Draft202012Validator(schema)
    return lambda value: validator.is_valid(value)


def _check(name: str, test: Any) -> pa.Check:
    return pa.Check(test, element_wise=True, name=name)


def build(article: Mapping[str, Any]) -> pa.DataFrameSchema:
    """The collection schema, from the article contract's own constraints."""
    props = article["properties"]
    text = article["$defs"]["text"]
    is_text = _is_text(text)
    required = set(article["required"])

    def column(name: str, *checks: pa.Check) -> pa.Column:
        return pa.Column(None, list(checks), nullable=name not in required, coerce=False)

    return pa.DataFrameSchema(
        {
            "path": pa.Column(None, _check("path_is_text", lambda v: isinstance(v, str))),
            "line": pa.Column(
                None, _check("line_is_positive", lambda v: _is_integer(v) and v >= 1)
            ),
            "date": column(
                "date",
                _check("date_pattern", _matches(props["date"]["pattern"])),
                _check("date_is_calendar_date", _is_calendar_date),
            ),
            "time": column("time", _check("time_pattern", _matches(props["time"]["pattern"]))),
            "published": column(
                "published",
                _check("published_pattern", _matches(props["published"]["pattern"])),
                _check("published_is_date_time", _is_date_time),
            ),
            "views": column(
                "views",
                _check("views_is_integer", _is_integer),
                _check(
                    "views_minimum",
                    lambda v: not _is_integer(v) or v >= props["views"]["minimum"],
                ),
            ),
            "title": column("title", _check("title_is_text", is_text)),
            "image_credit": column("image_credit", _check("image_credit_is_text", is_text)),
            "body": column(
                "body",
                _check(
                    "body_is_paragraphs",
                    lambda v: (
                        isinstance(v, list)
                        and len(v) >= props["body"]["minItems"]
                        and all(is_text(item) for item in v)
                    ),
                ),
            ),
            "footer": column(
                "footer", _check("footer_is_exact", lambda v: v in props["footer"]["enum"])
            ),
            "figures": column("figures", _check("figures_are_figures", _are_figures(article))),
        },
        strict=True,
        unique=["path", "line"],
        name="article collection",
        title=f"kzvalidate collection contract {VERSION}",
        description=__doc__,
    )


@dataclass(frozen=True, slots=True)
class CollectionFailure:
    """One failed check: the row (position in the records given), column and check names."""

    row: int | None
    column: str | None
    check: str
    value: Any


@functools.cache
def collection_schema(dialect: Dialect = DEFAULT) -> pa.DataFrameSchema:
    """The collection schema for the dumps of ``dialect`` (its footers)."""
    return build(article_schema(dialect))


def records_frame(records: Iterable[Mapping[str, Any]]) -> pd.DataFrame:
    """One row per record; every column holds Python objects exactly as in the records, and a
    key the contract does not know becomes a column of its own (which the strict schema rejects)."""
    rows = [_row(record) for record in records]
    columns = list(COLUMNS)
    columns += sorted({key for row in rows for key in row} - set(columns))  # strict: rejected
    return pd.DataFrame(
        {name: pd.Series([row.get(name) for row in rows], dtype=object) for name in columns}
    )


def _row(record: Mapping[str, Any]) -> dict[str, Any]:
    row = {key: value for key, value in record.items() if key != "source"}
    source = record.get("source") or {}
    row["path"] = source.get("path")
    row["line"] = source.get("line")
    return row


def validate_collection(
    records: Iterable[Mapping[str, Any]], dialect: Dialect = DEFAULT
) -> list[CollectionFailure]:
    """Every check the collection of records fails (empty when it conforms)."""
    frame = records_frame(records)
    try:
        collection_schema(dialect).validate(frame, lazy=True)
    except SchemaErrors as errors:
        return [_failure(case) for case in errors.failure_cases.to_dict("records")]
    return []


def _failure(case: Mapping[str, Any]) -> CollectionFailure:
    check = str(case["check"])
    unknown_column = check == "column_in_schema"  # pandera names the schema, not the column
    return CollectionFailure(
        row=None if case["index"] is None else int(case["index"]),
        column=str(case["failure_case"]) if unknown_column else case["column"],
        check=check,
        value=case["failure_case"],
    )
