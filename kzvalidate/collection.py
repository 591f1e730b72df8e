"""The collection contract: validate a whole table of article records with pandera.

pandas and pandera are heavy (about a second to import), so this module is imported only by code
that validates collections, never on the lint path. They come with ``pip install
kzvalidate[collection]``.
"""

from __future__ import annotations

import functools
import importlib.util
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import ModuleType
from typing import TYPE_CHECKING, Any

from kzvalidate.contract import ARTICLE_SCHEMA, contracts_dir, load_schema

if TYPE_CHECKING:
    import pandas as pd
    import pandera.pandas as pa

COLLECTION_CONTRACT = "collection.py"


@dataclass(frozen=True, slots=True)
class CollectionFailure:
    """One failed check: the row (position in the records given), column and check names."""

    row: int | None
    column: str | None
    check: str
    value: Any


@functools.cache
def contract_module() -> ModuleType:
    path = contracts_dir() / COLLECTION_CONTRACT
    spec = importlib.util.spec_from_file_location("kzvalidate_collection_contract", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@functools.cache
def collection_schema() -> pa.DataFrameSchema:
    schema: pa.DataFrameSchema = contract_module().build(load_schema(ARTICLE_SCHEMA))
    return schema


def records_frame(records: Iterable[Mapping[str, Any]]) -> pd.DataFrame:
    """One row per record; every column holds Python objects exactly as in the records, and a
    key the contract does not know becomes a column of its own (which the strict schema rejects)."""
    import pandas as pd

    rows = [_row(record) for record in records]
    columns = list(contract_module().COLUMNS)
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


def validate_collection(records: Iterable[Mapping[str, Any]]) -> list[CollectionFailure]:
    """Every check the collection of records fails (empty when it conforms)."""
    from pandera.errors import SchemaErrors

    frame = records_frame(records)
    try:
        collection_schema().validate(frame, lazy=True)
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
