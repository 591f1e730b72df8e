"""The Kazakhstan Today dialect's header near-miss definition, tested both ways."""

from __future__ import annotations

import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rapidfuzz.distance import Levenshtein

from kzvalidate.dump import dialect
from kzvalidate.dump.blocks import FooterKind
from kzvalidate.dump.dialect import (
    character_counts,
    date_parts,
    fewest_edits,
    is_views_placeholder,
    time_parts,
    views_value,
)
from kzvalidate.dump.dialects.kazakhstan_today import FOOTER, KAZAKHSTAN_TODAY
from kzvalidate.model import Line

match_header = KAZAKHSTAN_TODAY.match_header
classify_footer = KAZAKHSTAN_TODAY.classify_footer
match_credit = KAZAKHSTAN_TODAY.match_credit


def line(text: str, number: int = 2) -> Line:
    return Line(number, 0, text, "\n")


@pytest.mark.parametrize(
    ("text", "date", "time", "views", "prefix"),
    [
        ("03.03.2026, 14:12 11421", "03.03.2026", "14:12", "11421", None),
        ("31.02.2026, 14:12 5", "31.02.2026", "14:12", "5", None),
        ("2026-03-03, 14:12 5", "2026-03-03", "14:12", "5", None),
        ("3/3/26, 14:12 5", "3/3/26", "14:12", "5", None),
        ("03.03.2026, 25:61 5", "03.03.2026", "25:61", "5", None),
        ("03.03.2026, 14:12 -12", "03.03.2026", "14:12", "-12", None),
        ("03.03.2026, 14:12 12k", "03.03.2026", "14:12", "12k", None),
        ("03.03.2026, 14:12", "03.03.2026", "14:12", None, None),
        ("03.03.2026 14:12 11421", "03.03.2026", "14:12", "11421", None),
        ("03.03.2026, 14:12 11421   ", "03.03.2026", "14:12", "11421", None),
        (
            " date 2026-03-04 03.03.2026, 14:12 11421",
            "03.03.2026",
            "14:12",
            "11421",
            " date 2026-03-04 ",
        ),
        ("<div>03.03.2026, 14:12 11421", "03.03.2026", "14:12", "11421", "<div>"),
        ("03.03.2026, 09:05 12 345", "03.03.2026", "09:05", "12 345", None),
        ("03.03.2026, 09:05 1 204 567", "03.03.2026", "09:05", "1 204 567", None),
        ("03.03.2026, 09:05 n/a", "03.03.2026", "09:05", "n/a", None),
        ("03.03.2026, 09:05 N/A ", "03.03.2026", "09:05", "N/A", None),
        ("03.03.2026, 09:05 \u2014", "03.03.2026", "09:05", "\u2014", None),
        ("03.03.2026, 09:05 -", "03.03.2026", "09:05", "-", None),
        ("03.03.2026, 09:05 --", "03.03.2026", "09:05", "--", None),
        ("03.03.2026, 09:05 ?", "03.03.2026", "09:05", "?", None),
        ("03.03.2026, 09:05 \u2026", "03.03.2026", "09:05", "\u2026", None),
        ("03.03.2026, 09:05 12345 views", "03.03.2026", "09:05", "12345 views", None),
        ("03.03.2026, 09:05 views", "03.03.2026", "09:05", "views", None),
        ("Politics | 03.03.2026, 09:05 12 345", "03.03.2026", "09:05", "12 345", "Politics | "),
    ],
)
def test_headers_and_near_misses_are_recognised(
    text: str, date: str, time: str, views: str | None, prefix: str | None
) -> None:
    header = match_header(line(text))
    assert header is not None
    assert KAZAKHSTAN_TODAY.is_header(line(text))
    assert header.date.text == date
    assert header.time.text == time
    assert (header.views.text if header.views else None) == views
    assert (header.prefix.text if header.prefix else None) == prefix
    assert text[header.date.span.column - 1 : header.date.span.end_column - 1] == date


@pytest.mark.parametrize(
    "text",
    [
        "2025-2030 plan to expand the refinery was approved.",
        "12.05.2025 marked the start of the campaign.",
        "0:5 was the final score.",
        "49 rehabilitation centers have been opened by Qazaqstan Halqyna Foundation.",
        "The match ended 3:1 on 12.05.2025, 14:00 local time.",
        "The flight leaves on 12.05.2025 at 14:00",
        "Sadenov reported the crime rate fell 8 percent or 1,300 fewer crimes.",
        "The results were announced on 12.05.2025 14:00 (local time) by the ministry.",
        "The final was played on 12.05.2025 14:00 100",
        "12.05.2025, 10:00 ceremony opened the forum",
        "Trains ran between 10:15 and 12:30 daily",
        "x03.03.2026, 14:12 11421",
        "",
        "The next auction opens on 24.11.2025 at 09:05 on Monday",
        "The next auction opens on 24.11.2025, 09:05 on Monday",
        "24.11.2025, 09:05 on Monday",
        "24.11.2025, 09:05 Astana time",
        "The results are due on 24.11.2025, 09:05 n/a",
        "Trading was halted on 24.11.2025, 09:05 \u2014",
        "The count was 24.11.2025 09:05 12 345",
        "24.11.2025, 09:05 12  345",
        "24.11.2025, 09:05 12 34",
        "24.11.2025, 09:05 -12 345",
        "24.11.2025, 09:05 nana",
        "24.11.2025, 09:05 ----",
    ],
)
def test_prose_is_not_a_header(text: str) -> None:
    assert match_header(line(text)) is None
    assert not KAZAKHSTAN_TODAY.is_header(line(text))


def test_header_after_a_byte_order_mark_starts_after_it() -> None:
    header = match_header(Line(1, 0, "\ufeff03.03.2026, 14:12 11421", "\n"))
    assert header is not None
    assert header.prefix is None
    assert header.date.span.column == 2


def test_header_recognition_is_linear_on_a_huge_line() -> None:
    text = "1.1.1 1:1 " * 200_000 + "word"
    assert match_header(line(text)) is None


@pytest.mark.parametrize(
    ("token", "parts"),
    [
        ("03.03.2026", (2026, 3, 3)),
        ("2026-03-03", (2026, 3, 3)),
        ("3/3/2026", (2026, 3, 3)),
        ("31.02.2026", (2026, 2, 31)),
        ("3.3.26", None),
        ("03.03-2026", None),
    ],
)
def test_date_parts(token: str, parts: tuple[int, int, int] | None) -> None:
    assert date_parts(token) == parts


def test_time_and_views_values() -> None:
    assert time_parts("9:05") == (9, 5)
    assert time_parts("14:5") is None
    assert views_value("11421") == 11421
    assert views_value("-12") == -12
    assert views_value("\u221212") == -12
    assert views_value("12k") is None
    assert views_value("1,204") is None


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (FOOTER, FooterKind.EXACT),
        (f"  {FOOTER} ", FooterKind.EXACT),
        (FOOTER.replace("Kazakhstan Today.", "Kazakstan Today.", 1), FooterKind.NEAR_MISS),
        (FOOTER.replace("reproduced", "copied"), FooterKind.NEAR_MISS),
        (FOOTER[:-1], FooterKind.NEAR_MISS),
        (
            "Kassym-Jomart Tokayev was briefed on the current status of the country’s fuel and "
            "energy complex, the progress of key projects.",
            FooterKind.NONE,
        ),
        ("This information may not be reproduced.", FooterKind.NONE),
    ],
)
def test_footer_classification(text: str, kind: FooterKind) -> None:
    assert classify_footer(text) is kind


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("Images | Akorda", "Akorda"),
        ("Images|Akorda", "Akorda"),
        ("Photo: Depositphotos", "Depositphotos"),
        ("images | ", ""),
    ],
)
def test_credit_lines(text: str, source: str) -> None:
    match = match_credit(text)
    assert match is not None
    assert match["source"].strip() == source


def test_prose_mentioning_images_is_not_a_credit() -> None:
    assert match_credit("Images of the new terminal were published by the ministry.") is None


def test_time_with_seconds_is_a_near_miss_header() -> None:
    header = match_header(line("03.03.2026, 14:12:30 11421"))
    assert header is not None
    assert header.time.text == "14:12:30"
    assert time_parts("14:12:30") == (14, 12)


@pytest.mark.parametrize(
    "token", ["+12", "-0", "１２０４", "12.0", "1 204", "12 345 views", "n/a", "-", "\u2014"]
)
def test_views_must_be_plain_ascii_digits(token: str) -> None:
    assert views_value(token) is None


@pytest.mark.parametrize(
    ("token", "placeholder"),
    [
        ("n/a", True),
        ("NA", True),
        ("none", True),
        ("-", True),
        ("\u2014", True),
        ("\u2013\u2013", True),
        ("?", True),
        ("...", True),
        ("views", True),
        ("12", False),
        ("-12", False),
        ("12k", False),
        ("12 345", False),
    ],
)
def test_views_placeholders(token: str, placeholder: bool) -> None:
    assert is_views_placeholder(token) is placeholder


def test_full_width_digits_are_recognised_as_a_header_but_not_read_as_values() -> None:
    header = match_header(line("０３.０３.２０２６, １４:１２ １２０４"))
    assert header is not None
    assert date_parts(header.date.text) is None
    assert time_parts(header.time.text) is None


@pytest.mark.parametrize(
    "text",
    [
        "Photo: the President at the meeting in Akorda.",
        "Images: President Tokayev and Prime Minister Bektenov at the forum",
    ],
)
def test_captions_are_not_credits(text: str) -> None:
    assert match_credit(text) is None


# -- a misspelt footer: the bound on the edit distance that spares loading rapidfuzz ----------

TEXTS = st.text(st.sampled_from("abc Tyz.\u00e9"), max_size=30)


@given(TEXTS, TEXTS)
def test_fewest_edits_is_at_most_the_edit_distance(text: str, other: str) -> None:
    assert fewest_edits(text, character_counts(other)) <= Levenshtein.distance(text, other)


@st.composite
def edited_footers(draw: st.DrawFn) -> str:
    """The footer with up to 40 characters inserted, deleted or replaced."""
    text = list(FOOTER)
    for _ in range(draw(st.integers(0, 40))):
        at = draw(st.integers(0, len(text)))
        kind = draw(st.sampled_from(["insert", "delete", "replace"]))
        character = draw(st.sampled_from("aeiou stnrKz.,T"))
        if kind == "insert":
            text.insert(at, character)
        elif at < len(text):
            text[at : at + 1] = [] if kind == "delete" else [character]
    return "".join(text)


@st.composite
def footers_near_the_limit(draw: st.DrawFn) -> str:
    """The footer with 14 to 24 of its characters replaced: about as many edits as a misspelt
    footer may have, each changing two character counts, so that the bound is the distance."""
    text = list(FOOTER)
    count = draw(st.integers(14, 24))
    places = st.integers(0, len(text) - 1)
    for at in draw(st.lists(places, min_size=count, max_size=count, unique=True)):
        text[at] = "#"
    return "".join(text)


@given(st.one_of(edited_footers(), footers_near_the_limit()))
def test_a_footer_is_told_with_rapidfuzz_loaded_or_not(text: str) -> None:
    with_it = KAZAKHSTAN_TODAY.closest_footer(text)
    with pytest.MonkeyPatch.context() as patch:  # as before the first footer-long paragraph
        patch.delitem(sys.modules, "rapidfuzz.distance.Levenshtein")
        patch.setattr(dialect._Bounded, "texts", 0)
        assert KAZAKHSTAN_TODAY.closest_footer(text) == with_it
    with pytest.MonkeyPatch.context() as patch:  # the bound's texts used up: rapidfuzz loaded
        patch.delitem(sys.modules, "rapidfuzz.distance.Levenshtein")
        patch.setattr(dialect._Bounded, "texts", dialect._BOUNDED_TEXTS)
        assert KAZAKHSTAN_TODAY.closest_footer(text) == with_it
