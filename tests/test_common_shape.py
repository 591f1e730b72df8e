"""The hand-written fast path of the article contract (:mod:`kzvalidate.contract.common_shape`)
says "valid" only for records jsonschema finds no fault in, and it does say so for the records
kzvalidate builds from good articles (else it would only cost time).
"""

from __future__ import annotations

import copy
import itertools
import re
import sys
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from kzvalidate.contract import common_shape, schema
from kzvalidate.contract.record import Record, article_record
from kzvalidate.contract.schema import fast_path_schema, schema_digest
from kzvalidate.dump.blocks import Article
from kzvalidate.dump.dialects import DEFAULT
from kzvalidate.dump.parser import parse_bytes
from kzvalidate.testing import mutations, records
from tests.helpers import SEEDS
from tests.test_fast_path import SOURCE, jsonschema_valid, mutated_records

FOOTERS = DEFAULT.footers


def hand_valid(record: object) -> bool:
    return common_shape.is_valid(record, FOOTERS)


def test_the_hand_path_was_written_for_todays_schema() -> None:
    # If this fails: check common_shape.py against contracts/article.schema.json, then update
    # its SCHEMA_DIGEST to this digest. Until then the hand path is off (see the next test).
    assert schema_digest(fast_path_schema()) == common_shape.SCHEMA_DIGEST
    assert schema._common_shape_is_current()


def test_a_stale_hand_path_is_not_used(monkeypatch: Any) -> None:
    monkeypatch.setattr(common_shape, "SCHEMA_DIGEST", "0" * 32)
    schema._common_shape_is_current.cache_clear()
    try:
        monkeypatch.setattr(common_shape, "is_valid", lambda record, footers: True)
        assert not schema.fast_valid({"date": "not a date"})
    finally:
        schema._common_shape_is_current.cache_clear()


def figure(**changes: Any) -> Record:
    found: Record = {
        "text": "about 3.5-4 million tons",
        "value": 3500000.0,
        "upper": 4000000.0,
        "unit": "ton",
        "dimension": "mass",
        "base_value": 3.5e9,
        "base_upper": 4e9,
        "base_unit": "kilogram",
        "qualifier": "about",
        "span": dict(SOURCE),
    }
    found.update(changes)
    return found


NEAR_MISS_VALUES: list[Any] = [
        None, True, False, 0, 1, -1, 0.0, 1.0, -0.5, float("nan"), float("inf"), "", " ",
        "\u00a0", "\u2028", "x", "\nx", "2024-02-30", "2024-03-01", "2024-03-01\n", "24-03-01",
        "23:59", "24:00", "09:30\n", "2026-03-03T19:00:00+05:00", "2026-03-03T19:00:30+05:00",
        "2026-03-03t19:00:00+05:00", "2026-02-30T19:00:00+05:00", "0" * 32, "A" * 32,
        "0" * 31, "mass", "currency-KZT", "Mass", "mass-", DEFAULT.footer,
        DEFAULT.footer + " ", [], ["x"], [" "], (), ("x",), {}, dict(SOURCE),
        {**SOURCE, "line": 0}, {**SOURCE, "line": True}, {**SOURCE, "x": 1}, [figure()],
        (figure(),), [figure(upper=-1)], [figure(qualifier=" ")], [figure(span={})],
        [{**figure(), "extra": 1}],
]  # fmt: skip
"""Values just inside and just outside the contract, for any field."""
NEAR_MISSES = st.sampled_from(NEAR_MISS_VALUES)

RECORD_FIELDS = [
    "date", "time", "published", "views", "title", "image_credit", "body", "footer", "crawled",
    "content_hash", "figures", "source", "extra",
]  # fmt: skip
FIGURE_FIELDS = [*figure(), "extra"]
SPAN_FIELDS = [*SOURCE, "extra"]


def full_record(record: Record) -> Record:
    """``record`` with figures (one with every optional field, one without), a crawl date and a
    content hash."""
    plain = figure()
    del plain["upper"], plain["base_upper"], plain["qualifier"]
    return {
        **record,
        "source": dict(SOURCE),
        "crawled": "2026-03-04",
        "content_hash": "0123456789abcdef" * 2,
        "figures": [figure(), plain],
    }


def holders(record: Record) -> list[tuple[dict[str, Any], list[str]]]:
    """The dicts of a :func:`full_record` that a change may touch, with the keys to try."""
    return [
        (record, RECORD_FIELDS),
        (record["figures"][0], FIGURE_FIELDS),
        (record["figures"][1], FIGURE_FIELDS),
        (record["figures"][1]["span"], SPAN_FIELDS),
        (record["source"], SPAN_FIELDS),
    ]


BASE: Record = {
    "date": "2026-03-03", "time": "19:00", "published": "2026-03-03T19:00:00+05:00",
    "views": 10846, "title": "Almaty to build 35 km of ski tracks", "image_credit": "Akorda",
    "body": ["The tracks will be 35 km long."], "footer": DEFAULT.footer,
}  # fmt: skip


def test_the_hand_path_says_valid_only_when_jsonschema_does_after_any_one_change() -> None:
    base = full_record(BASE)
    assert hand_valid(base)
    for index, (_, names) in enumerate(holders(base)):
        for name in names:
            for value in [*NEAR_MISS_VALUES, "delete"]:
                record = copy.deepcopy(base)
                holder = holders(record)[index][0]
                if value == "delete":
                    holder.pop(name, None)
                else:
                    holder[name] = copy.deepcopy(value)
                if hand_valid(record):
                    assert jsonschema_valid(record), (index, name, value)


@st.composite
def near_miss_records(draw: st.DrawFn) -> Record:
    """A valid :func:`full_record`, then a few fields of it, of a figure or of a span set to
    values near the contract's edges, or removed."""
    record = full_record(draw(records()))
    touched = holders(record)  # taken first: a change may remove or replace a figure or span
    for _ in range(draw(st.integers(0, 3))):
        holder, names = draw(st.sampled_from(touched))
        name = draw(st.sampled_from(names))
        if draw(st.booleans()) and name in holder:
            del holder[name]
        else:
            holder[name] = copy.deepcopy(draw(NEAR_MISSES))
    return record


@settings(max_examples=600, deadline=None)
@given(near_miss_records())
def test_the_hand_path_says_valid_only_when_jsonschema_does(record: Record) -> None:
    if hand_valid(record):
        assert jsonschema_valid(record)


@settings(max_examples=300, deadline=None)
@given(mutated_records())
def test_the_hand_path_says_valid_only_when_jsonschema_does_on_mutated_records(
    record: Record,
) -> None:
    if hand_valid(record):
        assert jsonschema_valid(record)


@settings(max_examples=200, deadline=None)
@given(records())
def test_the_hand_path_accepts_every_valid_record(record: Record) -> None:
    record = {**record, "source": dict(SOURCE), "figures": [figure()]}
    assert jsonschema_valid(record)
    assert hand_valid(record)


@settings(max_examples=150, deadline=None)
@given(mutations())
def test_the_hand_path_agrees_with_jsonschema_on_parsed_dumps(mutation: Any) -> None:
    for block in parse_bytes(mutation.data, "a.txt"):
        if isinstance(block, Article):
            record = article_record(block)
            assert hand_valid(record) == jsonschema_valid(record)


def test_the_hand_path_agrees_with_jsonschema_on_the_seeds() -> None:
    verdicts = []
    for seed in sorted(SEEDS.glob("*.txt")):
        for block in parse_bytes(seed.read_bytes(), seed.name):
            if isinstance(block, Article):
                record = article_record(block)
                verdicts.append(hand_valid(record))
                assert hand_valid(record) == jsonschema_valid(record)
    assert True in verdicts and False in verdicts


def test_a_blank_text_is_what_the_schema_pattern_calls_blank() -> None:
    """The hand path reads the schema's ``\\S`` as ``not text.isspace()``: for every code point,
    ``re`` and ``str.isspace`` agree on what is blank."""
    not_blank = re.compile(r"\S")
    disagree = [
        code
        for code in range(sys.maxunicode + 1)
        if (not_blank.search(chr(code)) is None) != chr(code).isspace()
    ]
    assert disagree == []


DAYS = [
    year + month + day
    for year in ("2026", "2024", "0000", "1999", "2o26")
    for month in ("-01-", "-02-", "-13-", "-00-", "/02/")
    for day in ("28", "29", "30", "31", "00")
]
CLOCKS = [
    "".join(parts)
    for parts in itertools.product(
        ["T", "t", " "],
        ["00", "09", "23", "24", "7"],
        [":00", ":59", ":60"],
        [":00", ":30", ":60", ""],
        ["+05:00", "-06:00", "+23:59", "+24:00", "+05:60", "Z", "+0500", "+05:00\n"],
    )
]


def test_a_moment_the_hand_path_accepts_is_one_jsonschema_accepts() -> None:
    moments = [day + "T19:00:00+05:00" for day in DAYS] + ["2024-02-29" + c for c in CLOCKS]
    accepted = 0
    for moment in moments:
        record = full_record({**BASE, "published": moment})
        if hand_valid(record):
            accepted += 1
            assert jsonschema_valid(record), moment
    assert accepted > 10
