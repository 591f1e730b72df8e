"""The collection contract (pandera) and the record contract (JSON Schema) agree."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from kzvalidate.contract.record import article_record
from kzvalidate.contract.schema import validate_record
from kzvalidate.contract.table import collection_schema, validate_collection
from kzvalidate.dump.blocks import Article
from kzvalidate.dump.dialects.kazakhstan_today import FOOTER
from kzvalidate.dump.parser import parse_bytes
from kzvalidate.testing import records
from tests.helpers import SEED_000, SEED_004

Record = dict[str, Any]
SOURCE = {"path": "t.txt", "line": 1, "column": 1, "end_line": 4, "end_column": 10}
DELETE = object()
FIGURE = {
    "text": "35 km",
    "value": 35.0,
    "unit": "kilometer",
    "dimension": "length",
    "base_value": 35000.0,
    "base_unit": "meter",
    "span": SOURCE,
}

DAMAGE: dict[str, st.SearchStrategy[object]] = {
    "date": st.sampled_from(
        ["2026-02-31", "3.3.26", "2026-13-01", "20260101", " 2026-01-01", "2024-02-29", DELETE]
    )
    | st.text(max_size=12),
    "time": st.sampled_from(["25:61", "9:05", "24:00", "23:59", " 12:00", "12:00 ", DELETE])
    | st.text(max_size=8),
    "published": st.sampled_from(
        ["2026-03-03T14:12:00+05:00", "2026-03-03T14:12:00", "2026-03-03 14:12", DELETE]
    )
    | st.text(max_size=30),
    "views": st.integers(-3, 3)
    | st.sampled_from(["12k", "12", True, 1.0, 1.5, -2.0, None, DELETE]),
    "title": st.sampled_from(["", "  ", " x", "\t", "Title", DELETE]) | st.text(max_size=5),
    # No explicit null here: in a table a null optional cell *is* an absent field, so a record
    # with "image_credit": null (which JSON Schema rejects) has no distinct row to compare.
    "image_credit": st.sampled_from(["", " ", "Akorda", DELETE]),
    "body": st.sampled_from([[], [""], ["x"], ["  "], ["a", " "], "text", DELETE])
    | st.lists(st.text(max_size=4), max_size=3),
    "footer": st.sampled_from([FOOTER + " ", FOOTER.lower(), "", None, DELETE]),
    "figures": st.sampled_from(
        [
            [],
            [dict(FIGURE)],
            [dict(FIGURE, value=-1)],
            [dict(FIGURE, dimension="Mass!")],
            [{k: v for k, v in FIGURE.items() if k != "unit"}],
            [dict(FIGURE, extra=1)],
            [dict(FIGURE, text="")],
            "35 km",
            DELETE,
        ]
    ),
    "extra": st.sampled_from(["anything", DELETE]),
}


@st.composite
def damaged_records(draw: st.DrawFn) -> Record:
    record: Record = dict(draw(records()), source=SOURCE)
    for field in draw(st.sets(st.sampled_from(sorted(DAMAGE)), max_size=3)):
        value = draw(DAMAGE[field])
        if value is DELETE:
            record.pop(field, None)
        else:
            record[field] = value
    return record


def seed_records(path: Any) -> list[Record]:
    data = path.read_bytes()
    return [article_record(b) for b in parse_bytes(data, str(path)) if isinstance(b, Article)]


def test_seed_000_conforms_to_the_collection_contract() -> None:
    assert validate_collection(seed_records(SEED_000)) == []


def test_seed_004_fails_on_the_missing_footers() -> None:
    failures = validate_collection(seed_records(SEED_004))
    assert {(f.row, f.column, f.check) for f in failures} == {
        (row, "footer", "not_nullable") for row in range(9)
    }


def test_an_article_position_occurs_once_in_a_collection() -> None:
    record = seed_records(SEED_000)[0]
    checks = {(f.column, f.check) for f in validate_collection([record, record])}
    assert checks == {
        ("path", "multiple_fields_uniqueness"),
        ("line", "multiple_fields_uniqueness"),
    }


def test_the_collection_contract_is_versioned() -> None:
    schema = collection_schema()
    assert schema.title is not None and schema.title.endswith("1.1.0")
    assert schema.strict is True


@given(damaged_records())
def test_record_and_collection_contracts_agree(record: Record) -> None:
    """Field by field: a field breaks the record contract exactly when its column breaks the
    collection contract (a key the contract does not know counts as a field of its own)."""
    record_fields = {
        "extra" if v.keyword == "additionalProperties" and not v.path else v.field
        for v in validate_record(record)
    }
    assert record_fields == {f.column for f in validate_collection([record])}
