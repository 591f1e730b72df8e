"""What the parser makes of blank lines and damaged headers, checked against the records a dump
was written from: a blank line never re-shapes a record, a header with a damaged view count
always opens its article, and prose ending in a time never does."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from kzvalidate.contract.record import article_record
from kzvalidate.dump.blocks import Article
from kzvalidate.dump.dialects.kazakhstan_today import FOOTER
from kzvalidate.dump.parser import parse_bytes
from kzvalidate.dump.render import render, render_dump
from kzvalidate.testing import dumps
from kzvalidate.testing.operators.contract import VIEWS_PLACEHOLDERS
from kzvalidate.testing.record import Record
from tests.helpers import articles, codes

Shape = tuple[Any, ...]


def shape(article: Article) -> Shape:
    """What a record holds, without where it stands in the file."""
    record = article_record(article)
    return tuple(record.get(key) for key in ("title", "image_credit", "body", "footer", "views"))


def written_shape(record: Record) -> Shape:
    return (
        record["title"],
        record.get("image_credit"),
        record["body"],
        record["footer"],
        record["views"],
    )


def parsed(data: bytes) -> list[Article]:
    blocks = parse_bytes(data)
    assert render(blocks) == data
    return [block for block in blocks if isinstance(block, Article)]


def header_indices(text: str) -> list[int]:
    """0-based indices of the header lines of a valid dump."""
    return [article.header.line.number - 1 for article in parsed(text.encode())]


def test_an_empty_title_line_leaves_the_record_without_a_title() -> None:
    (found,) = articles(
        f"12.06.2025, 11:20 8734\n\nThe Atyrau refinery will stop for repairs.\n{FOOTER}\n"
    )
    record = article_record(found)
    assert "title" not in record
    assert record["body"] == ["The Atyrau refinery will stop for repairs."]
    assert found.blank_title_slot is not None and found.blank_title_slot.number == 2
    assert found.stray_blank_lines == ()


def test_an_empty_title_line_before_a_credit_keeps_the_credit() -> None:
    (found,) = articles(f"12.06.2025, 11:20 8734\n\nImages | Akorda\nText.\n{FOOTER}\n")
    assert found.title is None
    assert found.credit is not None and found.credit.source.text == "Akorda"
    assert [field.text for field in found.body] == ["Text."]


def test_a_bare_header_has_no_title_slot() -> None:
    first, _ = articles("12.06.2025, 11:20 8734\n\n12.06.2025, 11:00 8000\nTitle\n")
    assert first.is_bare
    assert first.blank_title_slot is None
    assert [line.number for line in first.stray_blank_lines] == [2]


@given(dumps(min_articles=1), st.data())
def test_a_blank_line_outside_the_title_slot_changes_no_record(
    dump: tuple[list[Record], str], data: st.DataObject
) -> None:
    records, text = dump
    lines = text.split("\n")[:-1]
    headers = set(header_indices(text))
    places = [at for at in range(1, len(lines) + 1) if at - 1 not in headers]
    at = data.draw(st.sampled_from(places))
    blank = data.draw(st.sampled_from(["", " ", "  "]))
    changed = "\n".join([*lines[:at], blank, *lines[at:]]) + "\n"
    found = parsed(changed.encode())
    assert [shape(article) for article in found] == [written_shape(r) for r in records]
    assert sum(len(article.stray_blank_lines) for article in found) == 1


@given(dumps(min_articles=1), st.data())
def test_an_empty_title_line_moves_no_paragraph_up(
    dump: tuple[list[Record], str], data: st.DataObject
) -> None:
    records, text = dump
    lines = text.split("\n")[:-1]
    target = data.draw(st.sampled_from(header_indices(text)))
    lines[target + 1] = ""
    found = parsed(("\n".join(lines) + "\n").encode())
    emptied = next(article for article in found if article.header.line.number == target + 1)
    record = records[found.index(emptied)]
    assert emptied.title is None
    assert [field.text for field in emptied.body] == record["body"]


@given(dumps(min_articles=2), st.data())
def test_a_header_with_a_damaged_view_count_opens_its_article(
    dump: tuple[list[Record], str], data: st.DataObject
) -> None:
    records, text = dump
    lines = text.split("\n")[:-1]
    target = data.draw(st.sampled_from(header_indices(text)))
    views = lines[target].rsplit(" ", 1)[1]
    grouped = f"{int(views):,}".replace(",", " ")
    damaged = data.draw(st.sampled_from([*VIEWS_PLACEHOLDERS, f"{views} views", grouped]))
    lines[target] = lines[target].rsplit(" ", 1)[0] + " " + damaged
    found = parsed(("\n".join(lines) + "\n").encode())
    assert len(found) == len(records)
    assert [article.misplaced_footers for article in found] == [()] * len(records)
    hit = next(article for article in found if article.header.line.number == target + 1)
    assert hit.header.views is not None and hit.header.views.text == damaged


@given(dumps(min_articles=1), st.sampled_from(["on Monday", "local time", "Astana time", "sharp"]))
def test_a_paragraph_ending_in_a_date_and_time_opens_no_article(
    dump: tuple[list[Record], str], words: str
) -> None:
    records, _ = dump
    said = [
        {**record, "body": [*record["body"], f"The talks resume on 24.11.2025, 09:05 {words}"]}
        for record in records
    ]
    found = parsed(render_dump(said).encode())
    assert [shape(article) for article in found] == [written_shape(r) for r in said]


def test_damaged_view_counts_are_reported_where_they_stand() -> None:
    text = (
        "17.11.2025, 10:15 9408\nWheat exports grow\nExports reached 1.2 million tons.\n"
        f"{FOOTER}\n17.11.2025, 09:05 12 345\nMetro extends hours\nTrains run late.\n{FOOTER}\n"
        f"17.11.2025, 08:50 n/a\nNew hospital opens\nIt has 300 beds.\n{FOOTER}\n"
    )
    assert codes(text) == [(5, 19, "KZ204"), (9, 19, "KZ204")]
