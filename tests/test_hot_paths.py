"""The shortcuts of the hot paths decide exactly what the long way decides.

Each shortcut of the figure reader, the spelling rule and the parser only skips work whose
outcome it knows: with the shortcut turned off (the reader asked to try every pattern), or
against the plain definition it replaces, the answers are the same on generated text.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kzvalidate.dump.blocks import BOM, Article, is_blank, stripped_field
from kzvalidate.dump.parser import parse_bytes
from kzvalidate.language import vocabulary
from kzvalidate.language.spelling import ends_sentence
from kzvalidate.language.vocabulary import Vocabulary
from kzvalidate.model import Field, Line, Problem
from kzvalidate.quantities import figures
from kzvalidate.quantities.figures import Figure, Reading, figured_paragraphs, read
from kzvalidate.quantities.units import Unit, load_table
from kzvalidate.rules import RULES
from kzvalidate.rules.base import ArticleRule, Context
from kzvalidate.rules.encoding import kz009_double_space as kz009
from kzvalidate.rules.text import kz301_mixed_script_word as kz301
from kzvalidate.rules.text import kz303_unbalanced_quotes as kz303
from kzvalidate.rules.text import kz304_number_format as kz304
from kzvalidate.rules.text import kz305_inconsistent_spelling as kz305
from kzvalidate.rules.text.kz305_inconsistent_spelling import CLOSING
from tests.helpers import SEED_000, SEED_004
from tests.rule_cases import RuleCase, load_case_files

FIGURE_WORDS = (
    "5", "12", "3.5", "1,300", "5,5", "2025", "09:30", "KZT", "KZT150mln", "$", "$12bn", "€",
    "US$", "RUB", "million", "mln", "bn", "k", "m", "t", "tons", "the", "to", "and", "or", "from",
    "over", "about", "up to", "MORE THAN", "Nearly", "kg", "kgs", "km", "%", "per cent",
    "square meters", "permanent", "jobs", "people", "t/ha", "sqm", "-", "\u2013", "(", ")", ".",
    ",", ":", "report", "of", "FS7617", "CHP-2", "²", "_", "/",
)  # fmt: skip
"""Pieces of figure text, glued or spaced at random, to reach every branch of the reader."""
KZ305_SLIP = (
    "23.05.2025, 15:58 12961\n"
    "Children’s Rights Ombudsman Zakiyeva entrusted with taking additional measures\n"
    "Head of State has received Children’s Rights Ombusdman Dinara Zakiyeva on 12 May.\n"
)


class Everything(frozenset[str]):
    """A set that holds every character: a shortcut asking it never skips anything."""

    def __contains__(self, item: object) -> bool:
        return True


def figure_texts() -> st.SearchStrategy[str]:
    pieces = st.sampled_from(FIGURE_WORDS)
    gaps = st.sampled_from(["", " ", " ", "  "])
    return st.lists(st.tuples(pieces, gaps), max_size=14).map(
        lambda parts: "".join(piece + gap for piece, gap in parts)
    )


def reading_of(text: str) -> Reading:
    """What the reader finds in ``text``, read afresh (not from the cache of :func:`read`)."""
    reader = figures._Reader(text, load_table())
    found = tuple(reader.figures())
    return Reading(found, tuple(reader.unknown))


class StepByStepReader(figures._Reader):
    """The reader as it read a figure's tail before :func:`figures._tail_pattern`: a pattern
    for each part, tried one after the other, every one tried."""

    def read(
        self, match: re.Match[str], before: tuple[Unit | None, int] | None = None
    ) -> tuple[Figure | None, figures._Amount]:
        text = self.text
        prefix, start = self.prefix_before(match.start()) if before is None else before
        value, end = figures._value(match.group()), match.end()
        upper: float | None = None
        dash = re.compile(r" ?[-\u2013] ?").match(text, end)
        second = figures.NUMBER.match(text, dash.end()) if dash else None
        if second is not None and not self.not_a_quantity(*second.span(), second.group()):
            upper, end = figures._value(second.group()), second.end()
        scale, end = self.scale_after(end, money=prefix is not None)
        amount = figures._Amount(
            match.start(), end, value * scale, None if upper is None else upper * scale, scale
        )
        after = self.unit_after(end)
        if prefix is not None:
            if after is not None and after[0].dimension == prefix.dimension:
                end = after[1]
            unit, written = prefix, text[start : match.start()].strip()
        elif after is not None:
            (unit, end), written = after, after[0].written
        else:
            return None, amount
        figure = Figure(
            start=start,
            end=end,
            text=text[start:end],
            value=amount.value,
            upper=amount.upper,
            unit=unit,
            written_unit=written,
            qualifier=self.qualifier(start),
        )
        return figure, amount

    def scale_after(self, end: int, *, money: bool) -> tuple[float, int]:
        match = re.compile(r" ?([A-Za-z]+)\b").match(self.text, end)
        if match is None:
            return 1.0, end
        word = match.group(1)
        scale = self.table.multipliers.get(word.lower())
        if scale is None and money:
            scale = self.table.money_multipliers.get(word)
        return (1.0, end) if scale is None else (scale, match.end())

    def unit_after(self, end: int) -> tuple[Unit, int] | None:
        match = unit_pattern_form_by_form().match(self.text, end)
        if match is None:
            return None
        unit = self.table.unit(match.group("unit") or match.group("counted"))
        return None if unit is None else (unit, match.end())


@functools.cache
def unit_pattern_form_by_form() -> re.Pattern[str]:
    """The units after a number as one alternation of every form, the longest first (what
    :func:`figures._trie_text` writes shorter)."""

    def alternatives(counted: bool) -> str:
        forms = figures._unit_forms(counted=counted)
        return "|".join(re.escape(form) for form in figures._longest_first(forms))

    adjectives = "|".join(re.escape(word) for word in sorted(load_table().counted_adjectives))
    return re.compile(
        rf" ?(?:(?:(?:{adjectives}) )?(?P<counted>{alternatives(True)})"
        rf"|(?P<unit>{alternatives(False)}))(?![^\W_]|/)"
    )


def read_the_long_way(text: str, monkeypatch: pytest.MonkeyPatch) -> Reading:
    """What the reader finds when no shortcut skips a number or a pattern, and each part of a
    figure's tail is read on its own (:class:`StepByStepReader`)."""
    with monkeypatch.context() as patched:
        patched.setattr(figures, "_candidates", lambda: figures.NUMBER)
        patched.setattr(figures, "_followers", Everything)
        patched.setattr(figures, "_prefix_ends", lambda: (Everything(), Everything()))
        patched.setattr(figures, "_QUALIFIER_ENDS", Everything())
        reader = StepByStepReader(text, load_table())
        found = tuple(reader.figures())
        return Reading(found, tuple(reader.unknown))


@settings(max_examples=600, deadline=None)
@given(text=figure_texts())
def test_the_figure_reader_shortcuts_change_nothing(text: str) -> None:
    with pytest.MonkeyPatch.context() as monkeypatch:
        assert reading_of(text) == read_the_long_way(text, monkeypatch)


@pytest.mark.parametrize(
    "text",
    [
        "This is report 4.",
        "KZT 150 million and $12bn, up to 5 t/ha",
        "from 6 to 12 million tons, 8,000 permanent jobs",
        "12 kgs of 5 the 3 t. 90% of residents",
        "5 m\u00b2 and 5 t/ and 5 t_ and 5 t",
        "3.5-4 million tons, 5 \u2013 7% and 2 -3 kg",
        "5-5,5 kg, 2-09:30 tons, 4 - 1.2.3 t and 7-8:1 km",
        "KZT 5-7 mln, $5 million dollars, \u20ac4 million (KZT 2.1 billion), $5 M, $5 m, 5 m",
        "5 bn tons, 5 Bn, 5 BILLION kg, 5 millions t, 5 million2 t, 5 kWh and 5 kW, 5 km/h",
    ],
)
def test_the_figure_reader_shortcuts_change_nothing_on_examples(text: str) -> None:
    with pytest.MonkeyPatch.context() as monkeypatch:
        assert reading_of(text) == read_the_long_way(text, monkeypatch)


def unit_form_texts() -> list[str]:
    """Every form of every unit, and of every unit's adjective, after a number in the ways text
    writes it: spaced or glued, at the end, before a full stop, with more letters after it."""
    forms = sorted(
        {
            *figures._unit_forms(counted=True),
            *figures._unit_forms(counted=False),
            *load_table().counted_adjectives,
        }
    )
    shapes = ("5 {}", "5{}", "$5 {}", "5 million {}.", "5-7 {}s", "5 new {}/x", "5 {}2 and 6 kg")
    return [shape.format(form) for form in forms for shape in shapes]


def test_the_figure_reader_reads_every_unit_form_as_the_long_way_does() -> None:
    with pytest.MonkeyPatch.context() as monkeypatch:
        for text in unit_form_texts():
            assert reading_of(text) == read_the_long_way(text, monkeypatch), text


def test_figured_paragraphs_are_the_paragraphs_with_figures_or_unknown_units() -> None:
    for seed in (SEED_000, SEED_004):
        for block in parse_bytes(seed.read_bytes()):
            if not isinstance(block, Article):
                continue
            expected = tuple(
                (field, read(field.text))
                for field in block.paragraphs
                if read(field.text).figures or read(field.text).unknown_units
            )
            assert figured_paragraphs(block) == expected
            assert figured_paragraphs(block) is figured_paragraphs(block)  # kept, not re-read


def sentence_starts_piece_by_piece(texts: list[str]) -> list[str]:
    """The definition: the first piece of each paragraph that is not blank, and the first piece
    that is not blank after each piece that ends a sentence."""
    starts: list[str] = []
    for text in texts:
        initial = True
        for piece in text.split(" "):
            if piece and initial:
                starts.append(piece)
            initial = ends_sentence(piece) if piece else initial
    return starts


def paragraph_texts() -> st.SearchStrategy[list[str]]:
    words = st.sampled_from(["Yes", "said", "U.S.A", "No", "a", "(2025)", "Tokayev", "x"])
    marks = st.text(alphabet=".!?;," + CLOSING, max_size=3)
    pieces = st.tuples(words, marks).map("".join) | st.just("")
    return st.lists(st.lists(pieces, max_size=8).map(" ".join), max_size=4)


@settings(max_examples=500, deadline=None)
@given(texts=paragraph_texts())
def test_sentence_starts_found_at_once_are_those_found_piece_by_piece(texts: list[str]) -> None:
    at_once = kz305.sentence_starts(kz305.joined_text(texts))
    assert sorted(at_once) == sorted(sentence_starts_piece_by_piece(texts))


def test_every_closing_mark_of_kz305_ends_a_sentence_after_a_full_stop() -> None:
    assert all(ends_sentence(f"said.{mark}") for mark in CLOSING)
    assert not ends_sentence("said.x")


def lines() -> st.SearchStrategy[Line]:
    return st.builds(
        Line,
        number=st.integers(min_value=1, max_value=3),
        offset=st.just(0),
        text=st.text(alphabet=[" ", "\t", "\u00a0", "\u3000", BOM, "a", "b", "\u2028"]),
        ending=st.sampled_from(["\n", "", "\r\n"]),
    )


def stripped_the_long_way(line: Line) -> Field:
    lead = 1 if line.number == 1 and line.text.startswith(BOM) else 0
    text = line.text[lead:]
    start = lead + len(text) - len(text.lstrip())
    end = len(line.text.rstrip())
    return Field.slice(line, start, max(start, end))


@settings(max_examples=400, deadline=None)
@given(line=lines())
def test_stripped_fields_and_blank_lines_are_what_they_were(line: Line) -> None:
    lead = 1 if line.number == 1 and line.text.startswith(BOM) else 0
    assert is_blank(line) == (not line.text[lead:].strip())
    assert stripped_field(line) == stripped_the_long_way(line)


def spelling_problems(blocks: list[object]) -> list[object]:
    collector = kz305.SpellingCollector(Vocabulary.shipped())
    for block in blocks:
        if isinstance(block, Article):
            collector.add(block)
    return list(collector.finish())


@pytest.mark.parametrize("seed", [SEED_000, SEED_004])
def test_kz305_adds_up_the_same_however_often_it_settles(
    seed: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocks: list[object] = list(parse_bytes(seed.read_bytes()))
    blocks += parse_bytes(KZ305_SLIP.encode())
    once = spelling_problems(blocks)
    monkeypatch.setattr(kz305, "SETTLE_AT", 0)  # after every article, forgetting numbers
    assert spelling_problems(blocks) == once
    assert once  # the slip is found


class PieceByPieceCollector(kz305.SpellingCollector):
    """KZ305 read the long way, one piece after the other: every sighting of every piece marks
    and counts its usages on the spot (the definition the tallies of the rule must add up to)."""

    def add(self, article: Article) -> None:
        self.article = article.ref
        lines = {line.number: line for line in article.lines}
        for paragraph in article.paragraphs:
            line, at = lines[paragraph.span.line], paragraph.span.column - 1
            previous: kz305.Reading | None = None
            initial = True
            for piece in paragraph.text.split(" "):
                known = self.readings.get(piece) or self.piece(piece, line)
                if known.readings:
                    self.readings[piece] = known
                last = None
                for start, end, reading in known.readings:
                    self.sighting(reading, line, at + start, previous if start == 0 else None)
                    kz305._count(reading, 1, 1 if initial and start == 0 else 0)
                    last = reading if end == len(piece) else None
                previous = last if last is not None and last.name and last.touches_next else None
                initial = ends_sentence(piece) if piece else initial
                at += len(piece) + 1

    def sighting(
        self, reading: kz305.Reading, line: Line, at: int, previous: kz305.Reading | None
    ) -> None:
        if kz305._placed(reading):
            self.seen(reading, line, at, previous)


def usages(collector: kz305.SpellingCollector) -> object:
    collector.settle()
    return {
        kind: {
            lower: (u.written, u.first_line, u.count, u.capitalized, u.initial, u.lowercase,
                    u.places, dict(u.neighbours))
            for lower, u in found.items()
        }
        for kind, found in (("words", collector.words), ("names", collector.names))
    }  # fmt: skip


SPELLING_WORDS = (
    "Ombudsman", "Ombusdman", "ombudsman", "Zakiyeva", "Zakiyeva’s", "Dinara", "Kassym-Jomart",
    "Kassym-Jomar", "Tokayev", "Tokayev,", "said.", "Yes!", "“Yes.”", "point", "pointe",
    "Pointe", "Ombusdman—who", "Ombusdman-led", "12", "KC263", "(CCGT),", "the", "a", "",
)  # fmt: skip


def spelling_dump() -> st.SearchStrategy[str]:
    paragraph = st.lists(st.sampled_from(SPELLING_WORDS), min_size=1, max_size=12).map(" ".join)
    article = st.lists(paragraph.filter(str.strip), min_size=1, max_size=4).map(
        lambda lines: "23.05.2025, 15:58 12961\n" + "\n".join(lines) + "\n"
    )
    return st.lists(article, min_size=1, max_size=4).map("".join)


@settings(max_examples=300, deadline=None)
@given(dump=spelling_dump())
def test_kz305_tallies_add_up_to_what_reading_piece_by_piece_finds(dump: str) -> None:
    articles = [block for block in parse_bytes(dump.encode()) if isinstance(block, Article)]
    fast, slow = (
        kz305.SpellingCollector(Vocabulary.shipped()),
        PieceByPieceCollector(Vocabulary.shipped()),
    )
    for article in articles:
        fast.add(article)
        slow.add(article)
    assert usages(fast) == usages(slow)
    assert list(fast.finish()) == list(slow.finish())


# The text rules' shortcuts (KZ009, KZ301, KZ303, KZ304, KZ306): each rule, with its shortcut
# replaced by the long way, finds the same problems on generated articles and on its rule cases.

TEXT_RULE_WORDS = (
    "court", "сourt", "Сourt", "cоurt", "cour\u200bт", "с\u200bourt", "\u200bсourt", "Vučić",
    "Orbán", "Тоқаев", "Αthens",
    "e\u0301", "\u0301", "Kazakstan", "Kazakstani", "Kazakstan-born", "-Kazakstan", "xKazakstan",
    "Kazakstans", "5,5", "1,300", "1,30", "0", "1.300.000", "1.300,5", "16,00", "2025", "KZT1,5",
    "A1,5", "million", "%", '"', '"Yes,"', "“", "”", "«", "»", "„", "’", "countryâ€™s", "Ã©",
    "Ð¢Ð¾", ".", ",", "the", "",
)  # fmt: skip
"""Words that reach the branches of the text rules, glued or spaced at random."""


def text_rule_dump() -> st.SearchStrategy[str]:
    gaps = st.sampled_from(["", " ", " ", "  ", "   ", "\u00a0"])
    paragraph = st.lists(st.tuples(st.sampled_from(TEXT_RULE_WORDS), gaps), max_size=10).map(
        lambda parts: "".join(word + gap for word, gap in parts)
    )
    article = st.lists(paragraph.filter(str.strip), min_size=1, max_size=4).map(
        lambda lines: "03.03.2026, 13:10 11751\n" + "\n".join(lines) + "\n"
    )
    return st.lists(article, min_size=1, max_size=3).map("".join)


def plain_rejected_pattern(rejects: tuple[str, ...]) -> re.Pattern[str] | None:
    """KZ306's pattern as plainly defined: a look-behind, then every form, longest first."""
    if not rejects:
        return None
    alternatives = "|".join(re.escape(word) for word in sorted(rejects, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w])")


def non_ascii_words_the_long_way(text: str) -> Iterator[re.Match[str]]:
    for match in kz301._WORD_WITH_HIDDEN.finditer(text):
        if not kz301._HIDDEN.sub("", match.group()).isascii():
            yield match


def always(text: str) -> bool:
    return True


LONG_WAYS: dict[str, tuple[ModuleType, str, Callable[..., object]]] = {
    "KZ009": (kz009, "has_double_space", always),
    "KZ301": (kz301, "lettered_words", non_ascii_words_the_long_way),
    "KZ303": (kz303, "has_mark", always),
    "KZ304": (kz304, "first_number_start", lambda text: 0),
    "KZ306": (vocabulary, "_rejected_pattern", plain_rejected_pattern),
}
"""Each rule's shortcut: the module and name it is looked up by, and the long way it replaces."""


def text_rule_problems(code: str, data: bytes, context: Context) -> list[Problem]:
    rule = RULES[code]
    assert isinstance(rule, ArticleRule)
    articles = [block for block in parse_bytes(data) if isinstance(block, Article)]
    return [problem for article in articles for problem in rule.check(article, context)]


def problems_both_ways(code: str, data: bytes, context: Context) -> tuple[list[Problem], ...]:
    module, name, long_way = LONG_WAYS[code]
    fast = text_rule_problems(code, data, context)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(module, name, long_way)
        slow = text_rule_problems(code, data, context)
    return fast, slow


@settings(max_examples=300, deadline=None)
@given(dump=text_rule_dump(), code=st.sampled_from(sorted(LONG_WAYS)))
def test_text_rule_shortcuts_change_nothing(dump: str, code: str) -> None:
    fast, slow = problems_both_ways(code, dump.encode(), Context())
    assert fast == slow


@pytest.mark.parametrize(
    "case",
    [case for file in load_case_files() if file.code in LONG_WAYS for case in file.cases],
    ids=lambda case: case.id,
)
def test_text_rule_shortcuts_change_nothing_on_the_rule_cases(case: RuleCase) -> None:
    fast, slow = problems_both_ways(
        case.code, case.data, Context(vocabulary=case.config.vocabulary)
    )
    assert fast == slow


@settings(max_examples=400, deadline=None)
@given(
    rejects=st.lists(st.sampled_from(["Kazakstan", "Kazakstani", "Ka", "K", "A.B", "A", "-x", ""])),
    text=st.lists(st.sampled_from(["Kazakstani", "Ka", "K", "A.B", "A", "-", "x", " ", "é"])).map(
        "".join
    ),
)
def test_the_rejected_forms_are_found_where_the_plain_pattern_finds_them(
    rejects: list[str], text: str
) -> None:
    forms = tuple(sorted(set(rejects)))
    fast, plain = vocabulary._rejected_pattern(forms), plain_rejected_pattern(forms)
    if fast is None or plain is None:
        assert fast is plain
        return
    assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]


@settings(max_examples=400, deadline=None)
@given(text=figure_texts() | st.text(st.sampled_from("0123456789.,-– kmt$%x:"), max_size=20))
def test_the_candidates_led_by_an_ascii_digit_are_the_candidates_in_ascii_text(text: str) -> None:
    pattern = figures._candidates()
    led = figures._led_by_ascii_digit(pattern)
    if text.isascii():
        assert [m.span() for m in led.finditer(text)] == [m.span() for m in pattern.finditer(text)]
    assert figures._led_by_ascii_digit(pattern) is led
