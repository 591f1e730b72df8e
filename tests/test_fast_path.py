"""The fast paths of the lint loop decide only what the slow paths would decide.

* The article contract's generated validator (``kzvalidate.contract.article_validator``) is
  current with the schema, and it says "valid" only for records jsonschema finds no fault in: a
  differential test over generated records, valid and mutated, and over the records of mutated
  dumps. Another dialect's records always go to jsonschema.
* The line rules' pre-filter skips only lines none of KZ001-KZ008 reports on.
* The number patterns of KZ304 and of the figure reader, which now start with a digit and look
  behind it, find the numbers they found when they started with a look-behind.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from kzvalidate import rules
from kzvalidate.contract import schema
from kzvalidate.contract.record import Record, article_record
from kzvalidate.contract.regenerate import FAST_PATH_FILE, fast_path_code
from kzvalidate.contract.schema import fast_valid, validate_record
from kzvalidate.dump.blocks import Article
from kzvalidate.dump.dialects import DEFAULT
from kzvalidate.dump.parser import parse_bytes
from kzvalidate.model import Line
from kzvalidate.quantities.figures import NUMBER
from kzvalidate.quantities.numbers import DIGITS
from kzvalidate.quantities.units import load_table
from kzvalidate.rules.base import LineRule
from kzvalidate.rules.encoding.prefilter import SUSPECTS, LinePrefilter
from kzvalidate.rules.text.kz304_number_format import number_pattern
from kzvalidate.testing import mutations, records

SOURCE = {"path": "a.txt", "line": 1, "column": 1, "end_line": 9, "end_column": 4}
LINE_RULES = [rule for rule in rules.select() if isinstance(rule, LineRule)]


def jsonschema_valid(record: Record, dialect: Any = DEFAULT) -> bool:
    """jsonschema's own verdict, without the fast path."""
    return not any(True for _ in schema._validator(dialect).iter_errors(record))


def test_the_generated_validator_is_current_with_the_schema() -> None:
    # If this fails: python -m kzvalidate.contract.regenerate
    assert FAST_PATH_FILE.read_text(encoding="utf-8") == fast_path_code()


VALID = {
    "date": "2026-03-03",
    "time": "19:00",
    "published": "2026-03-03T19:00:00+05:00",
    "views": 10846,
    "title": "Almaty to build 35 km of ski tracks",
    "body": ["The tracks will be 35 km long."],
    "footer": DEFAULT.footer,
    "figures": [],
    "source": SOURCE,
}


def test_the_fast_path_is_in_use_for_the_default_dialect() -> None:
    record = dict(VALID)
    assert schema._fast_path_is_current()
    assert fast_valid(record)


def test_another_dialects_records_go_to_jsonschema() -> None:
    other = dataclasses.replace(DEFAULT, footers=("Copyright Other Agency.",))
    record = {**VALID, "footer": "Copyright Other Agency."}
    assert not fast_valid(record, other)
    assert validate_record(record, other) == ()
    assert [v.field for v in validate_record({**record, "footer": DEFAULT.footer}, other)] == [
        "footer"
    ]


JSON_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-3, max_value=10**12),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from(["", " ", "\n", "x", "2024-02-30", "2024-03-01", "25:00", "10:00\n", "1e3"]),
    st.text(max_size=8),
    st.lists(st.text(max_size=3), max_size=2),
    st.dictionaries(st.sampled_from(["path", "line", "x"]), st.integers(0, 2), max_size=2),
)
FIELDS = [
    "date", "time", "published", "views", "title", "image_credit", "body", "footer", "crawled",
    "content_hash", "figures", "source", "extra",
]  # fmt: skip


@st.composite
def mutated_records(draw: st.DrawFn) -> Record:
    """A valid record with some fields, or fields of its figures and source, changed, added or
    removed."""
    record: Record = {**draw(records()), "source": dict(SOURCE)}
    record["figures"] = draw(st.sampled_from([[], [_figure()]]))
    for _ in range(draw(st.integers(0, 3))):
        target = draw(st.sampled_from(["record", "source", "figure"]))
        holder: dict[str, Any] = record
        if target == "source" and isinstance(record.get("source"), dict):
            holder = record["source"]
        elif target == "figure" and isinstance(record.get("figures"), list) and record["figures"]:
            holder = record["figures"][0] if isinstance(record["figures"][0], dict) else record
        key = draw(st.sampled_from([*FIELDS, *holder]))
        if draw(st.booleans()) and key in holder:
            del holder[key]
        else:
            holder[key] = draw(JSON_VALUES)
    return record


def _figure() -> Record:
    return {
        "text": "35 km",
        "value": 35,
        "unit": "kilometer",
        "dimension": "length",
        "base_value": 35000.0,
        "base_unit": "meter",
        "span": dict(SOURCE),
    }


@settings(max_examples=400, deadline=None)
@given(mutated_records())
def test_the_fast_path_says_valid_only_when_jsonschema_does(record: Record) -> None:
    if fast_valid(record):
        assert jsonschema_valid(record)
    assert (validate_record(record) == ()) == jsonschema_valid(record)


@settings(max_examples=200, deadline=None)
@given(records())
def test_the_fast_path_accepts_every_valid_record(record: Record) -> None:
    record = {**record, "source": SOURCE}
    assert jsonschema_valid(record)
    assert fast_valid(record)


@settings(max_examples=150, deadline=None)
@given(mutations())
def test_the_fast_path_agrees_with_jsonschema_on_parsed_dumps(mutation: Any) -> None:
    for block in parse_bytes(mutation.data, "a.txt"):
        if isinstance(block, Article):
            record = article_record(block)
            assert fast_valid(record) == jsonschema_valid(record)


LINE_TEXT = st.text(
    st.one_of(
        st.characters(codec="utf-8"),
        st.sampled_from(["\t", " ", "\ufeff", "\u00a0", "\u200b", "\u200d", "\x07", "\udc9f"]),
    ),
    max_size=12,
)


@settings(max_examples=500, deadline=None)
@given(LINE_TEXT, st.sampled_from(["\n", "", "\r\n", "\r"]), st.integers(1, 3))
def test_the_prefilter_skips_only_lines_no_line_rule_reports_on(
    text: str, ending: str, number: int
) -> None:
    line = Line(number, 0, text, ending)
    prefilter = LinePrefilter.of(LINE_RULES)
    assert prefilter is not None
    if prefilter.quiet(line):
        assert [list(rule.check(line)) for rule in LINE_RULES] == [[] for _ in LINE_RULES]


def test_every_default_line_rule_has_a_suspect() -> None:
    assert {rule.code for rule in LINE_RULES} == set(SUSPECTS)


def test_an_unknown_line_rule_turns_the_prefilter_off() -> None:
    unknown = dataclasses.replace(LINE_RULES[0], code="KZ099")
    assert LinePrefilter.of([*LINE_RULES, unknown]) is None
    assert LinePrefilter.of([]) is None


def test_a_subset_of_the_line_rules_skips_lines_the_others_would_report_on() -> None:
    tabs_only = LinePrefilter.of([rule for rule in LINE_RULES if rule.code == "KZ005"])
    assert tabs_only is not None
    assert tabs_only.quiet(Line(1, 0, "two  spaces and\u00a0more ", "\n"))
    assert not tabs_only.quiet(Line(1, 0, "a\ttab", "\n"))
    assert not tabs_only.quiet(Line(1, 0, "a line", "\r\n"))


def _number_pattern_look_behind_first() -> re.Pattern[str]:
    codes = [code for code in load_table().prefixes if code.isalpha()]
    after_code = "".join(f"(?<={re.escape(code)})|" for code in codes)
    return re.compile(rf"(?:{after_code}(?<![\w.,])){DIGITS}")


NUMBER_TEXT = st.text(st.sampled_from("0123456789.,- KZTUSD$€x%"), max_size=20)


@settings(max_examples=500, deadline=None)
@given(NUMBER_TEXT)
def test_kz304_finds_the_numbers_it_found_with_its_look_behinds_first(text: str) -> None:
    before = [match.span() for match in _number_pattern_look_behind_first().finditer(text)]
    assert [match.span() for match in number_pattern().finditer(text)] == before


@settings(max_examples=500, deadline=None)
@given(NUMBER_TEXT, st.integers(0, 5))
def test_the_figure_reader_finds_the_numbers_it_found_with_its_look_behind_first(
    text: str, start: int
) -> None:
    before = re.compile(rf"(?<![\d.,]){DIGITS}")
    found = [match.span() for match in NUMBER.finditer(text, start)]
    assert found == [match.span() for match in before.finditer(text, start)]
