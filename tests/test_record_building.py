"""The shortcuts of record building decide exactly what the long way decides: the figure reader's
number candidates and its early "nothing here", the line splitter's endings, the footer check's
length guard, a figure's record built without its properties. Each is compared with the plain
definition it replaces (see also ``tests/test_hot_paths.py``)."""

from __future__ import annotations

import dataclasses
import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from kzvalidate.contract.record import figure_record
from kzvalidate.dump.dialects import DEFAULT
from kzvalidate.model import Line
from kzvalidate.quantities import figures
from kzvalidate.quantities.figures import NUMBER, read
from kzvalidate.quantities.numbers import SPLIT_TAIL
from kzvalidate.quantities.units import load_table
from kzvalidate.source import reading
from kzvalidate.source.reading import split_line
from tests.helpers import SEEDS
from tests.test_hot_paths import figure_texts, reading_of, unit_pattern_form_by_form

NUMBER_TEXT = st.text(st.sampled_from("0123456789.,-– KZTUSD$€₸x%tmk(:/"), max_size=24)


def is_candidate_the_long_way(text: str, start: int, end: int) -> bool:
    """What the reader itself asks of a number before it reads it: the last character of a
    currency before it (perhaps with a blank between), or a follower after it that starts
    something the reader takes up."""
    codes, symbols = figures._prefix_ends()
    before = text[start - 1 : start] if start else ""
    before_blank = text[start - 2 : start - 1] if start >= 2 else ""
    return (
        before in symbols
        or before in codes
        or (before == " " and before_blank in codes)
        or (text[end : end + 1] in figures._followers() and is_taken_up(text, end))
    )


def is_taken_up(text: str, end: int) -> bool:
    """Whether the reader takes up anything after a number that ends at ``end``: a range's
    dash, the split-off digits of a misplaced separator, a word shared with the next figure, a
    scale, a unit or what reads as one."""
    scale = re.compile(r" ?([A-Za-z]+)\b").match(text, end)
    return (
        re.compile(r" ?[-\u2013]").match(text, end) is not None
        or SPLIT_TAIL.match(text, end) is not None
        or figures._SHARED_UNIT.match(text, end) is not None
        or figures._UNIT_LIKE.match(text, end) is not None
        or (scale is not None and scale.group(1).lower() in load_table().multipliers)
        or unit_pattern_form_by_form().match(text, end) is not None
    )


@settings(max_examples=800, deadline=None)
@given(NUMBER_TEXT | figure_texts())
def test_the_candidates_are_the_numbers_with_a_follower_or_a_currency(text: str) -> None:
    expected = [
        match.span()
        for match in NUMBER.finditer(text)
        if is_candidate_the_long_way(text, *match.span())
    ]
    assert [match.span() for match in figures._candidates().finditer(text)] == expected


def read_every_number(text: str, monkeypatch: pytest.MonkeyPatch) -> figures.Reading:
    with monkeypatch.context() as patched:
        patched.setattr(figures, "_candidates", lambda: NUMBER)
        return reading_of(text)


@settings(max_examples=600, deadline=None)
@given(NUMBER_TEXT | figure_texts())
def test_reading_only_the_candidates_finds_what_reading_every_number_finds(text: str) -> None:
    with pytest.MonkeyPatch.context() as monkeypatch:
        assert reading_of(text) == read_every_number(text, monkeypatch)
    assert read(text) == reading_of(text)


def test_reading_only_the_candidates_changes_nothing_on_the_seeds(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    texts = [
        line
        for seed in sorted(SEEDS.glob("*.txt"))
        for line in seed.read_text(encoding="utf-8").splitlines()
    ]
    found = 0
    for text in texts:
        reading = read_every_number(text, monkeypatch)
        found += len(reading.figures)
        assert reading_of(text) == reading
        assert read(text) == reading
    assert found > 20


def split_the_long_way(raw: bytes, number: int, offset: int) -> Line:
    text = raw.decode("utf-8", "surrogateescape")
    for ending in reading._ENDINGS:
        if text.endswith(ending):
            return Line(number, offset, text[: -len(ending)], ending)
    return Line(number, offset, text, "")


@settings(max_examples=400, deadline=None)
@given(
    st.binary(max_size=6) | st.lists(st.sampled_from([b"a", b"\r", b"\n", b"\xe9"])).map(b"".join)
)
def test_lines_are_split_from_their_endings_as_before(raw: bytes) -> None:
    assert split_line(raw, 3, 7) == split_the_long_way(raw, 3, 7)


def footer_like_texts() -> st.SearchStrategy[str]:
    footer = DEFAULT.footer
    cut = st.integers(0, len(footer))
    return st.builds(
        lambda start, end, before, after: before + footer[start:end] + after,
        cut,
        cut,
        st.sampled_from(["", "12 ", "x" * 40, "Copyright "]),
        st.sampled_from(["", ".", " 2026", "y" * 30]),
    )


@settings(max_examples=500, deadline=None)
@given(footer_like_texts())
def test_the_footer_length_guard_turns_away_only_what_is_no_footer(text: str) -> None:
    unguarded = dataclasses.replace(DEFAULT)
    object.__setattr__(unguarded, "_shortest_footer_like", 0)
    assert DEFAULT.closest_footer(text) == unguarded.closest_footer(text)
    assert DEFAULT.classify_footer(text) == unguarded.classify_footer(text)


def figure_record_the_long_way(figure: figures.Figure) -> dict[str, object]:
    """The figure's record from the figure's own properties."""
    long_way: dict[str, object] = {
        "text": figure.text,
        "value": figure.value,
        "unit": figure.unit.unit,
        "dimension": figure.dimension,
        "base_value": figure.base_value,
        "base_unit": load_table().base_unit(figure.dimension),
    }
    if figure.upper is not None:
        long_way |= {"upper": figure.upper, "base_upper": figure.base_upper}
    if figure.qualifier is not None:
        long_way["qualifier"] = figure.qualifier
    return long_way | {"span": {}}


@settings(max_examples=300, deadline=None)
@given(figure_texts())
@example("881.5 kg, 3.5-4 million tons, about 90% and up to $12bn")
def test_a_figure_record_is_what_the_figure_s_properties_give(text: str) -> None:
    for figure in read(text).figures:
        assert figure_record(figure, {}) == figure_record_the_long_way(figure)


def test_the_figure_records_of_the_seeds_are_what_the_figures_properties_give() -> None:
    found = [
        figure
        for seed in sorted(SEEDS.glob("*.txt"))
        for line in seed.read_text(encoding="utf-8").splitlines()
        for figure in read(line).figures
    ]
    assert any(figure.unit.factor != 1 for figure in found)
    for figure in found:
        assert figure_record(figure, {}) == figure_record_the_long_way(figure)
