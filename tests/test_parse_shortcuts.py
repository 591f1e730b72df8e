"""The shortcuts of reading, parsing and hashing decide exactly what the long way decides: lines
cut from blocks, fields made and footers told in one pass over an article, header tokens taken
from the match's spans, the content hash's fold check on the parts. Each is compared with the
plain definition it replaces, on generated input (see also ``tests/test_hot_paths.py``)."""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Iterator

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from kzvalidate import rules
from kzvalidate.check.engine import Linter
from kzvalidate.contract import collection, record
from kzvalidate.dump import parser
from kzvalidate.dump.blocks import BOM, Article, FooterKind, Header, stripped_field
from kzvalidate.dump.dialect import Dialect, date_parts, time_parts
from kzvalidate.dump.dialects import DEFAULT
from kzvalidate.model import Field, Line
from kzvalidate.rules.encoding.prefilter import LinePrefilter
from kzvalidate.source import reading
from kzvalidate.source.reading import iter_lines, split_line
from tests.helpers import SEEDS

# -- lines ---------------------------------------------------------------------------------------


def lines_the_long_way(data: bytes, after_line: int = 0, offset: int = 0) -> Iterator[Line]:
    """One line read at a time, as a binary stream's iterator gives them, each split."""
    number = after_line
    for chunk in io.BytesIO(data):
        for raw in chunk.splitlines(keepends=True) if b"\r" in chunk else (chunk,):
            number += 1
            yield split_line(raw, number, offset)
            offset += len(raw)


class Trickling(io.RawIOBase):
    """Gives its bytes at most ``most`` at a time, as a pipe or a slow disk may."""

    def __init__(self, data: bytes, most: int) -> None:
        self.data, self.most, self.position = data, most, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        size = min(len(buffer), self.most, len(self.data) - self.position)
        buffer[:size] = self.data[self.position : self.position + size]
        self.position += size
        return size


LINE_BYTES = st.lists(
    st.sampled_from([b"a", b"xyz", b" ", b"\r", b"\n", b"\r\n", b"\xe9", b"\xe2\x80\x99", b"\xe2"])
).map(b"".join)


@settings(max_examples=500, deadline=None)
@given(LINE_BYTES | st.binary(max_size=40), st.sampled_from([1, 2, 3, 7, 8192]))
@example(b"a\r\nb\rc\nd", 1)
@example(b"\xe2\x80\n\x99\n", 2)
def test_lines_cut_from_blocks_are_the_lines_read_one_at_a_time(data: bytes, block: int) -> None:
    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(reading, "READ_BYTES", block)
        expected = list(lines_the_long_way(data, 4, 9))
        assert list(iter_lines(io.BytesIO(data), 4, 9)) == expected
        trickled = io.BufferedReader(Trickling(data, 3))
        assert list(iter_lines(trickled, 4, 9)) == expected


def test_a_long_line_is_read_whole_across_blocks() -> None:
    data = b"x" * 100_000 + b"\r\n" + b"y" * 50_000
    assert list(iter_lines(io.BytesIO(data))) == list(lines_the_long_way(data))


def test_lines_are_read_a_block_at_a_time() -> None:
    class Counting(io.BytesIO):
        given = 0

        def read1(self, size: int | None = -1) -> bytes:
            block = super().read1(size)
            Counting.given += len(block)
            return block

    first = next(iter_lines(Counting(b"line\n" * 100_000)))
    assert first.text == "line"
    assert Counting.given <= reading.READ_BYTES


# -- articles ------------------------------------------------------------------------------------


def article_the_long_way(
    lines: list[Line], index: int = 1, crawled: Field | None = None, dialect: Dialect = DEFAULT
) -> Article:
    """The article as the parser built it field by field: each line stripped, each field
    classified, then title, credit, body and footers told apart."""
    header = dialect.match_header(lines[0])
    assert header is not None
    content = [field for field in map(stripped_field, lines[1:]) if field.text]
    kinds = [dialect.classify_footer(field.text) for field in content]
    title: Field | None = None
    if (
        content
        and not parser._title_slot_is_blank(lines)
        and kinds[0] is FooterKind.NONE
        and not dialect.is_credit_label(content[0].text)
    ):
        title = content[0]
    rest = list(zip(content, kinds, strict=True))[1 if title else 0 :]
    credit = None
    if rest and rest[0][1] is FooterKind.NONE:
        credit = parser._credit(rest[0][0], dialect)
    if credit is not None:
        rest = rest[1:]
    footers = [(field, kind) for field, kind in rest if kind is not FooterKind.NONE]
    footer, footer_kind = footers[-1] if footers else (None, FooterKind.NONE)
    misplaced = [field for field, _ in footers[:-1]]
    if footer is not None and rest[-1][0] is not footer:
        misplaced.append(footer)
    return Article(
        path="dump.txt",
        index=index,
        header=header,
        lines=tuple(lines),
        title=title,
        credit=credit,
        body=tuple(field for field, kind in rest if kind is FooterKind.NONE),
        footer=footer,
        footer_kind=footer_kind,
        misplaced_footers=tuple(misplaced),
        crawled=crawled,
    )


FOOTER = DEFAULT.footer
SHORTEST, LONGEST = DEFAULT.footer_lengths
ARTICLE_TEXTS = st.sampled_from(
    [
        "",
        " ",
        "\t",
        BOM,
        BOM + "Title",
        "Title of the day",
        "Images | Akorda",
        "Photo: Akorda",
        "images| x",
        "A short paragraph.",
        FOOTER,
        " " + FOOTER + " ",
        FOOTER.replace("Kazakhstan", "Kazahstan"),
        FOOTER.replace("reproduced", "reprodused").upper(),
        FOOTER[:-12],
        FOOTER[: SHORTEST - 1],
        FOOTER[:SHORTEST],
        "x" * (SHORTEST - 1),
        "x" * LONGEST,
        "x" * (LONGEST + 1),
        "Report: " + FOOTER,
        "x" * 40 + FOOTER,
        FOOTER + " " + "y" * 40,
        FOOTER + " 2026",
        "word " * 40,
        " " + "word " * 40,
        "\u00a0" + FOOTER[:40] + "y" * (LONGEST - 30),
    ]
)


@st.composite
def article_lines(draw: st.DrawFn) -> list[Line]:
    first = draw(st.integers(1, 3))
    texts = ["03.03.2026, 14:12 11421", *draw(st.lists(ARTICLE_TEXTS, max_size=8))]
    return [Line(first + at, 0, text, "\n") for at, text in enumerate(texts)]


@settings(max_examples=1500, deadline=None)
@given(article_lines())
def test_an_article_built_in_one_pass_is_the_article_built_field_by_field(
    lines: list[Line],
) -> None:
    header = DEFAULT.match_header(lines[0])
    assert header is not None
    built = parser.build_article("dump.txt", 1, header, lines)
    assert built == article_the_long_way(lines)


def test_the_articles_of_the_seeds_are_built_as_field_by_field() -> None:
    articles = [
        block
        for seed in sorted(SEEDS.glob("*.txt"))
        for block in parser.parse_bytes(seed.read_bytes(), "dump.txt")
        if isinstance(block, Article)
    ]
    assert len(articles) > 10
    for article in articles:
        long_way = article_the_long_way(list(article.lines), article.index, article.crawled)
        assert article == long_way


# -- headers -------------------------------------------------------------------------------------


def header_the_long_way(line: Line, dialect: Dialect = DEFAULT) -> Header | None:
    """Each token sliced from the match by its group's name."""
    found = dialect._header_tail(line) if ":" in line.text else None
    if found is None:
        return None
    match, start, has_prefix = found

    def token(group: str) -> Field | None:
        if match[group] is None:
            return None
        return Field.slice(line, match.start(group), match.end(group))

    date, sep1, time = token("date"), token("sep1"), token("time")
    assert date is not None and sep1 is not None and time is not None
    prefix = Field.slice(line, start, match.start()) if has_prefix else None
    return Header(line, prefix, date, sep1, time, token("sep2"), token("views"))


HEADER_PIECES = (
    "03", ".", "2026", "-", "/", ",", " ", "\t", "14", ":", "12", "11421", "n/a", "views", "—",
    "?", "date", BOM, "x", "12 345",
)  # fmt: skip
HEADER_TEXTS = st.lists(st.sampled_from(HEADER_PIECES), max_size=12).map("".join)


@settings(max_examples=1500, deadline=None)
@given(HEADER_TEXTS, st.integers(1, 2))
@example("03.03.2026, 14:12 11421", 1)
@example(BOM + " date 2026-03-04 03.03.2026, 14:12 5 ", 1)
def test_header_tokens_taken_from_the_spans_are_the_tokens_taken_by_name(
    text: str, number: int
) -> None:
    line = Line(number, 0, text, "\n")
    assert DEFAULT.match_header(line) == header_the_long_way(line)


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(blacklist_characters=":"), max_size=40))
def test_no_line_without_a_colon_is_a_header(text: str) -> None:
    """What lets the parser skip :meth:`Dialect.match_header` for a line without a colon."""
    assert DEFAULT.match_header(Line(2, 0, text, "\n")) is None


@settings(max_examples=800, deadline=None)
@given(st.lists(HEADER_TEXTS | ARTICLE_TEXTS, max_size=12))
@example(["2026-03-03 14:12", "Title", "3/3/26 09:05 -"])
def test_the_parser_opens_an_article_at_every_header(texts: list[str]) -> None:
    lines = [Line(number, 0, text, "\n") for number, text in enumerate(texts, 1)]
    blocks = parser.parse(lines, "dump.txt")
    headers = [line.number for line in lines if DEFAULT.match_header(line) is not None]
    assert [block.header.line.number for block in blocks if isinstance(block, Article)] == headers


# -- content hash --------------------------------------------------------------------------------


def fold_lines_the_long_way(parts: list[str]) -> str:
    text = "\n".join(parts)
    if text.count("\n") != len(parts) - 1:
        return "\n".join(map(collection.fold, parts))
    text = collection._plain_quotes(text)
    if (
        all(map(str.isprintable, parts))
        and "  " not in text
        and " \n" not in text
        and "\n " not in text
        and text[:1] != " "
        and text[-1:] != " "
    ):
        return text
    return "\n".join([" ".join(part.split()) for part in text.split("\n")])


PART_PIECES = (
    "a", "b", " ", "  ", "\n", "\t", "\u00a0", "\u2000", "\u2001", "\u3000", "\u0301",
    "e\u0301", "\u212b", "\u201c", "\u2019", "`", "\u00ab", "\u200b", "\x00", "\ufeff",
)  # fmt: skip
PART_TEXTS = st.lists(st.sampled_from(PART_PIECES), max_size=8).map("".join)


@settings(max_examples=1500, deadline=None)
@given(st.lists(PART_TEXTS, min_size=1, max_size=5))
@example([" a", "b"])
@example(["a", "b "])
@example(["\u0301 a"])
def test_the_fold_check_on_the_parts_folds_as_the_check_on_the_text(parts: list[str]) -> None:
    assert collection.fold_lines(parts) == fold_lines_the_long_way(parts)


def test_no_normalisation_puts_a_space_at_an_end_or_takes_one_away() -> None:
    """What lets :func:`collection.fold_lines` look for spaces at the parts' ends before they
    are normalised: no character but the space holds a space in its canonical decomposition, so
    NFC neither makes a space nor joins one to a neighbour."""
    spaced = [
        character
        for character in map(chr, range(0x110000))
        if " " in unicodedata.normalize("NFD", character) and character != " "
    ]
    assert spaced == []


# -- collection entry ----------------------------------------------------------------------------


@settings(max_examples=400, deadline=None)
@given(
    st.tuples(st.integers(1, 9999), st.integers(1, 12), st.integers(1, 31)),
    st.tuples(st.integers(0, 23), st.integers(0, 59)),
    st.sampled_from(["Title", "\u201cQuoted\u201d  title"]),
)
@example((2024, 3, 1), (0, 0), "Title")  # the day Almaty's offset changed
def test_an_entry_s_title_key_is_the_key_of_its_published_moment(
    date: tuple[int, int, int], time: tuple[int, int], title: str
) -> None:
    moment = record._published(date, time)
    if moment is not None:
        assert collection.minute_title_key(title, moment[2]) == collection.title_key(
            title, record.published_at(date, time)
        )


def test_the_entries_of_the_seeds_hold_the_title_keys_of_their_records() -> None:
    for seed in sorted(SEEDS.glob("*.txt")):
        for block in parser.parse_bytes(seed.read_bytes(), "dump.txt"):
            if isinstance(block, Article):
                made = record.article_record(block)
                title = made.get("title")
                expected = collection.title_key(title, made.get("published"))
                assert record.article_entry(block).title_key == expected


@settings(max_examples=300, deadline=None)
@given(HEADER_TEXTS)
@example("03.03.2026")
@example("2026-03-03")
@example("14:12")
def test_header_token_values_are_the_values_read_afresh(token: str) -> None:
    """:func:`date_parts` and :func:`time_parts` are cached for every caller."""
    assert date_parts(token) == date_parts.__wrapped__(token)
    assert time_parts(token) == time_parts.__wrapped__(token)


# -- the engine's line pre-filter ----------------------------------------------------------------

LINE_PIECES = ("a", " ", "\t", "\u00a0", "\x00", "\ufeff", "\udc80", "\u200b", "\u2019", "x" * 9)
PREFILTERS = (
    Linter(rules.select()).line_prefilter,
    LinePrefilter("", ""),
    LinePrefilter("\t", " "),
)


@settings(max_examples=800, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.lists(st.sampled_from(LINE_PIECES), max_size=5).map("".join),
            st.sampled_from(["\n", "\n", "", "\r\n", "\r"]),
        ),
        max_size=6,
    ),
    st.sampled_from(PREFILTERS),
)
def test_lines_all_quiet_at_once_are_each_quiet(
    texts: list[tuple[str, str]], prefilter: LinePrefilter | None
) -> None:
    assert prefilter is not None
    lines = [Line(number, 0, text, ending) for number, (text, ending) in enumerate(texts, 1)]
    if prefilter.all_quiet(lines):
        assert all(map(prefilter.quiet, lines))
    elif all(line.ending in ("\n", "") for line in lines) and all(
        text.isprintable() for text, _ in texts
    ):
        assert not all(map(prefilter.quiet, lines))  # all printable: told at once, not guessed


@settings(max_examples=500, deadline=None)
@given(article_lines(), article_lines())
def test_an_article_s_prose_is_its_fields_in_line_order(
    lines: list[Line], other_lines: list[Line]
) -> None:
    header, other_header = DEFAULT.match_header(lines[0]), DEFAULT.match_header(other_lines[0])
    assert header is not None and other_header is not None
    article = parser.build_article("dump.txt", 1, header, lines)
    other = parser.build_article("dump.txt", 2, other_header, other_lines)
    for built in (article, other, article):  # asked again, and after another article
        fields = (*built.paragraphs, *([built.credit.source] if built.credit else []))
        assert built.prose == tuple(sorted(fields, key=lambda field: field.span.line))
