"""Acceptance on the two real dumps: articles, fields, and the exact findings (golden)."""

from __future__ import annotations

from pathlib import Path

from kzvalidate.check.engine import Linter
from kzvalidate.contract.record import article_record
from kzvalidate.contract.schema import validate_record
from kzvalidate.dump.blocks import Article
from kzvalidate.dump.dialects.kazakhstan_today import FOOTER
from kzvalidate.dump.parser import parse_bytes
from kzvalidate.dump.render import render
from kzvalidate.rules import select
from kzvalidate.source.reading import open_path
from tests.helpers import SEED_000, SEED_004


def seed_articles(path: Path) -> list[Article]:
    return [b for b in parse_bytes(path.read_bytes(), str(path)) if isinstance(b, Article)]


def test_seed_000_has_nine_articles_with_their_fields() -> None:
    found = seed_articles(SEED_000)
    headers = [(a.header.line.number, a.header.date.text, a.header.time.text) for a in found]
    assert headers == [
        (1, "03.03.2026", "14:12"),
        (12, "03.03.2026", "19:00"),
        (20, "03.03.2026", "13:10"),
        (29, "03.03.2026", "10:44"),
        (35, "01.03.2026", "09:10"),
        (44, "28.02.2026", "17:10"),
        (54, "28.02.2026", "16:44"),
        (61, "27.02.2026", "20:23"),
        (72, "27.02.2026", "19:47"),
    ]
    first = article_record(found[0])
    assert first["date"] == "2026-03-03"
    assert first["time"] == "14:12"
    assert first["published"] == "2026-03-03T14:12:00+05:00"
    assert first["views"] == 11421
    assert first["title"] == "Kazakh Interior Ministry says crimes down 8% in two months of 2026"
    assert len(first["body"]) == 8
    assert first["body"][0].startswith("Head of State Kassym-Jomart Tokayev on Tuesday held")
    assert first["footer"] == FOOTER
    assert first["source"]["line"] == 1
    assert first["source"]["end_line"] == 11
    assert [len(a.body) for a in found] == [8, 5, 6, 3, 6, 6, 4, 8, 6]
    credits = [a.credit.source.text if a.credit else None for a in found]
    assert credits == [None, None, None, None, None, "Depositphotos", None, None, None]
    assert all(a.footer is not None and a.footer.span.line == a.last_line.number for a in found)
    assert all(validate_record(article_record(a)) == () for a in found)


def test_seed_004_has_nine_articles_without_footers() -> None:
    found = seed_articles(SEED_004)
    assert [a.header.line.number for a in found] == [1, 16, 23, 34, 46, 54, 70, 78, 90]
    assert [a.header.time.text for a in found] == [
        "15:58",
        "17:49",
        "16:54",
        "13:43",
        "11:14",
        "22:01",
        "19:59",
        "12:50",
        "08:51",
    ]
    assert all(a.footer is None for a in found)
    assert article_record(found[0])["image_credit"] == "Akorda"
    assert article_record(found[0])["published"] == "2025-05-23T15:58:00+05:00"
    assert found[1].body[0].text.startswith("Over 35km of ski tracks")
    assert any(p.text.startswith("49 rehabilitation centers") for p in found[0].body)


def test_seeds_render_back_byte_for_byte() -> None:
    for path in (SEED_000, SEED_004):
        data = path.read_bytes()
        assert render(parse_bytes(data, str(path))) == data


def golden(path: Path) -> list[tuple[int, int, int, int, str]]:
    result = Linter(select()).lint_source(open_path(path))
    assert result.error is None
    return [(f.line, f.column, f.end_line, f.end_column, f.code) for f in result.findings]


def test_seed_000_golden_findings() -> None:
    assert golden(SEED_000) == [
        (1, 1, 1, 18, "KZ101"),  # " date 2026-03-04 " before the first header
        (24, 156, 24, 157, "KZ301"),  # Cyrillic "с" in "сourt"
        (39, 194, 39, 195, "KZ303"),  # closing quotes whose opening mark was dropped
        (42, 91, 42, 92, "KZ303"),
        (75, 1155, 75, 1156, "KZ303"),
        (77, 334, 77, 335, "KZ303"),
        (79, 284, 79, 285, "KZ303"),  # the balanced ‘Altyn Kyran,’ on that line is fine
        (12, 1, 12, 24, "KZ503"),  # 19:00 after 14:12 of the same day: not newest first
    ]


def test_seed_000_golden_spans_hold_the_defects() -> None:
    lines = SEED_000.read_text(encoding="utf-8").split("\n")
    texts = [lines[line - 1][column - 1 : end - 1] for line, column, _, end, _ in golden(SEED_000)]
    assert texts == [
        " date 2026-03-04 ",
        "\u0441",
        '"',
        '"',
        '"',
        '"',
        '"',
        "03.03.2026, 19:00 10846",
    ]


def test_seed_004_golden_findings() -> None:
    last_lines = [15, 22, 33, 45, 53, 69, 77, 89, 98]
    found = golden(SEED_004)
    missing_footers = [f for f in found if f[4] == "KZ108"]
    assert [f[0] for f in missing_footers] == last_lines
    lines = SEED_004.read_text(encoding="utf-8").split("\n")
    for line, column, end_line, end_column, _ in missing_footers:
        assert end_line == line
        assert column == end_column == len(lines[line - 1]) + 1
    others = [f for f in found if f[4] != "KZ108"]
    assert others == [
        (43, 325, 43, 326, "KZ303"),  # closing quotes whose opening mark was dropped
        (68, 597, 68, 598, "KZ303"),
        (4, 46, 4, 55, "KZ305"),  # "Ombusdman" twice beside "Ombudsman" (line 2)
        (7, 45, 7, 54, "KZ305"),
        (14, 1, 14, 13, "KZ305"),  # "Kassym-Jomar Tokayev" beside "Kassym-Jomart Tokayev" x4
        (1, 1, 1, 24, "KZ503"),  # 15:58 before 17:49 and 16:54: it belongs after them
    ]
    texts = [lines[line - 1][column - 1 : end - 1] for line, column, _, end, _ in others]
    assert texts == ['"', '"', "Ombusdman", "Ombusdman", "Kassym-Jomar", "23.05.2025, 15:58 12961"]
