"""Properties of the parser, the linter and the contract, checked with Hypothesis.

* generated valid dumps parse back into their records, render back byte for byte, and lint clean;
* any input at all parses losslessly, and linting it never raises and points inside it;
* a parsed article breaks the contract exactly when a contract rule reports it;
* the real seed dumps round-trip byte for byte.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kzvalidate import rules
from kzvalidate.check.engine import Linter
from kzvalidate.contract.record import Record, article_record
from kzvalidate.contract.schema import validate_record
from kzvalidate.dump.blocks import Article
from kzvalidate.dump.dialects import DEFAULT
from kzvalidate.dump.dialects.kazakhstan_today import FOOTER
from kzvalidate.dump.parser import parse_bytes
from kzvalidate.dump.render import render
from kzvalidate.model import Finding
from kzvalidate.results import FileResult
from kzvalidate.testing import dumps, paragraphs, records, render_record, titles

SEED_DIR = Path(__file__).resolve().parent.parent / "fixtures" / "seeds"
SEED_FILES = sorted(SEED_DIR.glob("*.txt"))
SEED_LINES = [line for path in SEED_FILES for line in path.read_text("utf-8").splitlines()]

ALL_RULES = rules.select(["ALL"])
CONTRACT_RULES = frozenset(rule.code for rule in ALL_RULES if rule.claims)

DUMMY_SOURCE = {"path": "<bytes>", "line": 1, "column": 1, "end_line": 1, "end_column": 1}


DERIVED = frozenset({"source", "figures", "content_hash"})
"""Record fields kzvalidate derives from where and what the text is, rather than reads."""


def written_fields(record: Record) -> Record:
    return {key: value for key, value in record.items() if key not in DERIVED}


# -- strategies for damaged and arbitrary input ---------------------------------------------------


def line_breaks_and_marks() -> st.SearchStrategy[str]:
    """Line ends of every kind, the byte-order mark and NUL."""
    return st.sampled_from(["\n", "\r", "\r\n", "\ufeff", "\x00"])


def noisy_text() -> st.SearchStrategy[bytes]:
    """Arbitrary text with line ends, BOMs and NULs mixed in, encoded as UTF-8."""
    pieces = st.lists(st.one_of(st.text(), line_breaks_and_marks()), max_size=24)
    return pieces.map("".join).map(lambda text: text.encode("utf-8"))


def noisy_bytes() -> st.SearchStrategy[bytes]:
    """Arbitrary bytes with line ends, BOMs, NULs and UTF-8-encoded surrogates mixed in."""
    special = st.sampled_from(
        [b"\n", b"\r", b"\r\n", b"\xef\xbb\xbf", b"\x00", b"\xed\xa0\x80", b"\xed\xb2\x80", b"\xff"]
    )
    return st.lists(st.one_of(st.binary(), special), max_size=24).map(b"".join)


def seed_line(index: int) -> str:
    return SEED_LINES[index]


def seed_lines() -> st.SearchStrategy[str]:
    """A line of a real dump (drawn by index, so that the strategy's repr stays short)."""
    return st.integers(0, len(SEED_LINES) - 1).map(seed_line)


def credit_lines() -> st.SearchStrategy[str]:
    """Image-credit lines, canonical or not: ``Images | Akorda``, ``Photo: Akorda``, ``Images|``."""
    return st.builds(
        "{}{}{}{}{}".format,
        st.sampled_from(["Images", "Image", "images", "Photo", "Photos", "Photo credit", "PHOTO"]),
        st.sampled_from(["", " "]),
        st.sampled_from(["|", ":", "\u00a6", "\uff5c"]),
        st.sampled_from(["", " ", "  "]),
        st.sampled_from(["Akorda", "CPC press service", "", " "]),
    )


ZONE_CHANGES = (
    date(1924, 5, 2),
    date(1930, 6, 21),
    date(1981, 4, 1),
    date(1991, 3, 31),
    date(1992, 1, 19),
    date(2004, 10, 31),
    date(2024, 3, 1),
)
"""Days around which Asia/Almaty changed its UTC offset (from local mean time to +05:00, ...)."""


def zone_change_dates() -> st.SearchStrategy[date]:
    """Real dates within three weeks of a change of Asia/Almaty's UTC offset."""
    week3 = timedelta(days=21)
    return st.sampled_from(ZONE_CHANGES).flatmap(lambda day: st.dates(day - week3, day + week3))


def dump_date(day: date) -> str:
    return DEFAULT.canonical_date((day.year, day.month, day.day))


def date_tokens() -> st.SearchStrategy[str]:
    """Date tokens as damaged headers write them: impossible, reordered, short or odd digits."""
    separators = st.sampled_from("./-")
    return st.one_of(
        st.sampled_from(["31.02.2026", "2026-03-03", "3.3.26", "3/3/2026", "29.02.2023"]),
        st.dates().map(dump_date),
        zone_change_dates().map(dump_date),
        st.builds(
            "{:02d}.{:02d}.{:04d}".format,
            st.integers(0, 39),
            st.integers(0, 19),
            st.integers(0, 9999),
        ),
        st.builds(
            "{}{}{}{}{}".format,
            st.integers(0, 9999),
            separators,
            st.integers(0, 99),
            separators,
            st.integers(0, 9999),
        ),
        st.from_regex(r"\d{1,4}[./-]\d{1,2}[./-]\d{1,4}", fullmatch=True),
    )


def time_tokens() -> st.SearchStrategy[str]:
    """Time tokens from fine to impossible: ``14:12``, ``9:05``, ``14:5``, ``25:61``."""
    return st.one_of(
        st.sampled_from(["25:61", "24:00", "23:59", "00:00", "9:05", "14:5"]),
        st.builds("{:02d}:{:02d}".format, st.integers(0, 99), st.integers(0, 99)),
        st.builds("{}:{}".format, st.integers(0, 99), st.integers(0, 99)),
        st.from_regex(r"\d{1,2}:\d{1,2}", fullmatch=True),
    )


def view_tokens() -> st.SearchStrategy[str | None]:
    """View counts from fine to broken (``-12``, ``12k``, ``1,204``), or none at all."""
    return st.one_of(
        st.none(),
        st.integers(-(10**6), 10**15).map(str),
        st.sampled_from(["-12", "12k", "1,204", "12.5", "\u22125", "+7", "007", "1_000"]),
        st.from_regex(r"[-+\u2212]?\d[\w.,]{0,6}", fullmatch=True),
    )


HeaderParts = Mapping[str, str | None]


def header_text(parts: HeaderParts) -> str:
    """A header line from its parts; no ``views`` (None) leaves out the view count."""
    text = "".join(parts[name] or "" for name in ("prefix", "date", "sep1", "time"))
    if parts["views"] is not None:
        text += f"{parts['sep2']}{parts['views']}"
    return text + (parts["trailing"] or "")


HEADER_TOKENS: dict[str, st.SearchStrategy[str | None]] = {
    "prefix": st.sampled_from(["", "", " ", "date 2026-03-04 ", "Breaking: "]),
    "date": date_tokens(),
    "sep1": st.sampled_from([", ", ", ", ",", " ", "  ", " , ", "\t"]),
    "time": time_tokens(),
    "sep2": st.sampled_from([" ", " ", "  ", "\t"]),
    "views": view_tokens(),
    "trailing": st.sampled_from(["", "", " ", "\t"]),
}
"""How each part of a header line may be written, from canonical to badly damaged."""


def header_like_lines() -> st.SearchStrategy[str]:
    """Lines shaped like a header, e.g. ``31.02.2026, 25:61 -12k``, with stray text and blanks."""
    return st.fixed_dictionaries(HEADER_TOKENS).map(header_text)


def article_lines() -> st.SearchStrategy[str]:
    """Lines that may follow a header: seed lines, credits, footers, blanks, random text."""
    return st.one_of(
        seed_lines(),
        titles(),
        paragraphs(),
        credit_lines(),
        st.sampled_from(
            [FOOTER, f" {FOOTER} ", FOOTER.replace("Kazakhstan", "Kazakstan", 1), FOOTER[:-1]]
        ),
        st.sampled_from(["", "   "]),
        st.text(st.characters(codec="utf-8", exclude_characters="\x00"), max_size=40),
    )


def _article_text(header: str, lines: list[str], ending: str) -> str:
    return "".join(line + ending for line in [header, *lines])


def damaged_articles() -> st.SearchStrategy[str]:
    """The text of one article whose header and lines may be damaged in any of many ways."""
    return st.builds(
        _article_text,
        header_like_lines(),
        st.lists(article_lines(), max_size=6),
        st.sampled_from(["\n", "\n", "\r\n"]),
    )


@st.composite
def header_mutated_articles(draw: st.DrawFn) -> str:
    """A valid article with one part of its header, or several, written in a damaged way."""
    record = draw(records())
    parts: dict[str, str | None] = {
        "prefix": "",
        "date": dump_date(date.fromisoformat(record["date"])),
        "sep1": DEFAULT.date_time_separator,
        "time": record["time"],
        "sep2": DEFAULT.views_separator,
        "views": str(record["views"]),
        "trailing": "",
    }
    header, rest = render_record(record).split("\n", 1)
    assert header_text(parts) == header, "the parts are those the dump writer writes"
    names = st.sampled_from(sorted(HEADER_TOKENS))
    damaged = draw(st.one_of(names.map(lambda name: {name}), st.sets(names, min_size=1)))
    for name in sorted(damaged):
        parts[name] = draw(HEADER_TOKENS[name])
    return header_text(parts) + "\n" + rest


def _insert_line(record: Record, line: str, where: int) -> str:
    lines = render_record(record).split("\n")[:-1]
    at = 1 + where % len(lines)
    return "".join(f"{text}\n" for text in [*lines[:at], line, *lines[at:]])


def line_mutated_articles() -> st.SearchStrategy[str]:
    """A valid article with one more line (a credit, footer, blank, random text) somewhere."""
    return st.builds(_insert_line, records(), article_lines(), st.integers(0, 10))


def _with_credit_line(record: Record, credit: str) -> str:
    header, title, *rest = render_record(record).split("\n")
    if "image_credit" in record:
        rest = rest[1:]
    return "\n".join([header, title, credit, *rest])


def credit_mutated_articles() -> st.SearchStrategy[str]:
    """A valid article whose image-credit line is replaced by a credit line of any form."""
    return st.builds(_with_credit_line, records(), credit_lines())


def _encoded_dump(articles: list[str]) -> bytes:
    return "".join(articles).encode("utf-8")


def header_mutated_dumps() -> st.SearchStrategy[bytes]:
    """Dumps of valid articles whose headers are damaged in one or more parts."""
    return st.lists(header_mutated_articles(), min_size=1, max_size=6).map(_encoded_dump)


def damaged_dumps() -> st.SearchStrategy[bytes]:
    """Dumps of articles with a damaged credit, an extra line, damaged lines, or no defect.

    The first article always starts with a header-like line, so that no dump looks like a binary
    file to the linter.
    """
    article = st.one_of(
        line_mutated_articles(),
        credit_mutated_articles(),
        damaged_articles(),
        records().map(render_record),
    )
    return st.builds(
        lambda first, rest: _encoded_dump([first, *rest]),
        damaged_articles(),
        st.lists(article, max_size=4),
    )


def seed_mixtures() -> st.SearchStrategy[bytes]:
    """Real seed lines mixed with header-like lines, random text, odd bytes and line ends."""
    line = st.one_of(
        seed_lines(),
        header_like_lines(),
        article_lines(),
        st.text(max_size=40),
    ).map(lambda text: text.encode("utf-8"))
    odd = st.sampled_from([b"\xef\xbb\xbf", b"\xed\xa0\x80", b"\x00", b"\xff", b"\t", b" "])
    ending = st.sampled_from([b"\n", b"\n", b"\n", b"\r\n", b"\r", b""])
    piece = st.builds(lambda text, end: text + end, st.one_of(line, odd), ending)
    return st.lists(piece, max_size=30).map(b"".join)


# -- checks ---------------------------------------------------------------------------------------


def lint_all(data: bytes) -> FileResult:
    return Linter(ALL_RULES).lint_bytes(data)


def assert_spans_within(data: bytes, result: FileResult) -> None:
    """Every finding points at characters of the input (a line's terminator included)."""
    lines = [raw.decode("utf-8", "surrogateescape") for raw in data.splitlines(keepends=True)]
    for finding in result.findings:
        where = f"{finding.code} at {finding.span} in {len(lines)} line(s)"
        assert 1 <= finding.line <= len(lines), where
        assert 1 <= finding.end_line <= len(lines), where
        assert finding.column >= 1, where
        assert finding.end_column >= 1, where
        assert (finding.end_line, finding.end_column) >= (finding.line, finding.column), where
        assert finding.column <= len(lines[finding.line - 1]) + 1, where
        assert finding.end_column <= len(lines[finding.end_line - 1]) + 1, where


# -- generated valid dumps ------------------------------------------------------------------------


@given(records())
def test_generated_records_conform_to_the_contract(record: Record) -> None:
    assert "source" not in record
    assert validate_record({**record, "source": DUMMY_SOURCE}) == ()


@given(dumps())
def test_parsing_a_generated_dump_gives_back_its_records(dump: tuple[list[Record], str]) -> None:
    generated, text = dump
    blocks = parse_bytes(text.encode("utf-8"))
    assert all(isinstance(block, Article) for block in blocks)
    parsed = [
        written_fields(article_record(block)) for block in blocks if isinstance(block, Article)
    ]
    assert parsed == generated


@given(dumps())
def test_every_figure_of_a_generated_dump_points_at_its_text(
    dump: tuple[list[Record], str],
) -> None:
    text = dump[1]
    lines = text.split("\n")
    for block in parse_bytes(text.encode("utf-8")):
        assert isinstance(block, Article)
        record = article_record(block)
        assert validate_record(record) == ()
        for figure in record["figures"]:
            span = figure["span"]
            assert span["line"] == span["end_line"]
            written = lines[span["line"] - 1][span["column"] - 1 : span["end_column"] - 1]
            assert written == figure["text"]
            assert figure["base_value"] >= 0


@given(dumps())
def test_rendering_a_parsed_generated_dump_gives_back_its_bytes(
    dump: tuple[list[Record], str],
) -> None:
    data = dump[1].encode("utf-8")
    assert render(parse_bytes(data)) == data


@given(dumps())
def test_linter_reports_nothing_on_generated_dumps(dump: tuple[list[Record], str]) -> None:
    generated, text = dump
    result = Linter(rules.select()).lint_bytes(text.encode("utf-8"))
    assert result.error is None
    assert result.findings == []
    assert result.articles == len(generated)


# -- any input ------------------------------------------------------------------------------------


@given(st.binary())
def test_parsing_any_bytes_is_lossless(data: bytes) -> None:
    assert render(parse_bytes(data)) == data


@given(noisy_bytes())
def test_parsing_bytes_with_line_ends_and_bad_utf8_is_lossless(data: bytes) -> None:
    assert render(parse_bytes(data)) == data


@given(noisy_text())
def test_parsing_any_text_is_lossless(data: bytes) -> None:
    assert render(parse_bytes(data)) == data


@given(seed_mixtures())
def test_parsing_seed_mixtures_is_lossless(data: bytes) -> None:
    assert render(parse_bytes(data)) == data


@given(st.one_of(st.binary(), noisy_bytes()))
def test_linting_any_bytes_never_raises_and_points_inside_the_input(data: bytes) -> None:
    assert_spans_within(data, lint_all(data))


@given(noisy_text())
def test_linting_any_text_never_raises_and_points_inside_the_input(data: bytes) -> None:
    assert_spans_within(data, lint_all(data))


@given(seed_mixtures())
def test_linting_seed_mixtures_never_raises_and_points_inside_the_input(data: bytes) -> None:
    assert_spans_within(data, lint_all(data))


# -- contract agreement ---------------------------------------------------------------------------


def contract_findings(result: FileResult, article: Article) -> list[Finding]:
    first, last = article.lines[0].number, article.lines[-1].number
    return [
        finding
        for finding in result.findings
        if finding.code in CONTRACT_RULES and first <= finding.line <= last
    ]


def assert_contract_agrees_with_contract_rules(data: bytes) -> None:
    """Each article's record breaks the contract exactly when a contract rule reports it."""
    result = lint_all(data)
    assert result.error is None
    for block in parse_bytes(data):
        if not isinstance(block, Article):
            continue
        violations = validate_record(article_record(block))
        reported = contract_findings(result, block)
        header = block.header.line.text
        if violations:
            assert reported, f"{header!r}: no contract rule reports {violations}"
        else:
            assert not reported, f"{header!r}: valid record, yet reported {reported}"


@given(header_mutated_dumps())
def test_contract_rules_report_exactly_the_records_that_break_the_contract_after_header_damage(
    data: bytes,
) -> None:
    assert_contract_agrees_with_contract_rules(data)


@given(damaged_dumps())
def test_contract_rules_report_exactly_the_records_that_break_the_contract_after_line_damage(
    data: bytes,
) -> None:
    assert_contract_agrees_with_contract_rules(data)


# -- seeds ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", SEED_FILES, ids=[path.name for path in SEED_FILES])
def test_seed_dump_round_trips_byte_exactly(path: Path) -> None:
    data = path.read_bytes()
    assert render(parse_bytes(data, str(path))) == data
