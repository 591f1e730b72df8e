"""The shortcuts of the checks decide exactly what the long way decides.

The content hash's folding, the line pre-filter, KZ306's one search per article and KZ305's
shared readings and trimmed state each skip work whose outcome they know: against the plain
definition they replace, or with the shortcut turned off, the answers are the same.
"""

from __future__ import annotations

import hashlib
import pickle
import re
import sys
import unicodedata
from collections.abc import Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kzvalidate.contract import collection
from kzvalidate.contract.collection import content_hash, fold, fold_lines
from kzvalidate.dump.blocks import Article
from kzvalidate.dump.parser import parse_bytes
from kzvalidate.language.vocabulary import Vocabulary
from kzvalidate.model import Line, Problem
from kzvalidate.rules import RULES
from kzvalidate.rules.base import ArticleRule, Context
from kzvalidate.rules.encoding.prefilter import SUSPECTS, LinePrefilter
from kzvalidate.rules.text import kz305_inconsistent_spelling as kz305
from kzvalidate.rules.text import kz306_preferred_term as kz306
from tests.rule_cases import load_case_files

ALL_CHARACTERS = "".join(map(chr, range(sys.maxunicode + 1)))
DOUBLE_QUOTES = "\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033\u301d\u301e"
SINGLE_QUOTES = "\u2018\u2019\u201a\u201b\u2032`\u00b4\u2039\u203a"
QUOTES = DOUBLE_QUOTES + SINGLE_QUOTES
QUOTE_MARK = re.compile(f"[{QUOTES}]")
PLAIN = dict.fromkeys(DOUBLE_QUOTES, '"') | dict.fromkeys(SINGLE_QUOTES, "'")


def fold_the_long_way(text: str) -> str:
    """The definition: NFC, every quote mark made plain, blank runs one space."""
    text = unicodedata.normalize("NFC", text)
    text = QUOTE_MARK.sub(lambda mark: PLAIN[mark.group()], text)
    return " ".join(text.split())


def hash_the_long_way(title: str | None, body: Sequence[str]) -> str | None:
    parts = [fold_the_long_way(part) for part in (title or "", *body)]
    if not any(parts):
        return None
    text = "\n".join(parts).encode("utf-8", "surrogateescape")
    return hashlib.blake2b(text, digest_size=collection.HASH_BYTES).hexdigest()


def texts() -> st.SearchStrategy[str]:
    """Text with every kind of blank, quote marks, combining accents and letters."""
    alphabet = st.sampled_from(
        [*" \t\n\r\x0b\x0c\x1c\x85\u00a0\u2000\u2001\u2028\u3000", *QUOTES, "a", "e", "é",
         "\u0301", "\u0327", "c", "\u200b", "\u00ad", "\udc80", "'", '"', "Å", "A\u030a"]
    )  # fmt: skip
    return st.lists(alphabet, max_size=16).map("".join)


def test_every_blank_but_the_space_is_not_printable() -> None:
    """What the folding and the pre-filter rely on: a printable text has no blank but spaces."""
    blanks = [char for char in ALL_CHARACTERS if char.isspace() and char != " "]
    assert blanks and not any(char.isprintable() for char in blanks)


def test_every_character_the_line_rules_look_for_is_not_printable() -> None:
    printable = "".join(char for char in ALL_CHARACTERS if char.isprintable())
    for code, suspect in SUSPECTS.items():
        if suspect.anywhere:
            assert re.findall(f"[{suspect.anywhere}]", printable) == [], code


@settings(max_examples=800, deadline=None)
@given(text=texts())
def test_folding_a_text_is_folding_it_the_long_way(text: str) -> None:
    assert fold(text) == fold_the_long_way(text)


@settings(max_examples=800, deadline=None)
@given(parts=st.lists(texts(), min_size=1, max_size=5))
def test_folding_the_lines_at_once_is_folding_each_the_long_way(parts: list[str]) -> None:
    assert fold_lines(parts) == "\n".join(map(fold_the_long_way, parts))
    assert content_hash(parts[0] or None, parts[1:]) == hash_the_long_way(parts[0], parts[1:])


@pytest.mark.parametrize(
    "parts",
    [["A\u030a", "\u030a"], ["“Yes”", " said ", "`no`"], ["", ""], ["a\nb", "c  d"], [" "]],
)
def test_folding_the_lines_at_once_on_examples(parts: list[str]) -> None:
    assert fold_lines(parts) == "\n".join(map(fold_the_long_way, parts))
    assert content_hash(parts[0] or None, parts[1:]) == hash_the_long_way(parts[0], parts[1:])


@settings(max_examples=800, deadline=None)
@given(text=texts(), ending=st.sampled_from(["\n", "", "\r\n"]))
def test_the_printable_shortcut_of_the_prefilter_changes_nothing(text: str, ending: str) -> None:
    rules = [rule for rule in RULES.values() if rule.code in SUSPECTS]
    prefilter = LinePrefilter.of(rules)  # type: ignore[arg-type]
    assert prefilter is not None and prefilter.anywhere is not None
    line = Line(1, 0, text.replace("\n", " "), ending)
    searched = line.ending in ("\n", "") and not line.text.endswith(prefilter.at_end)
    assert prefilter.quiet(line) == (searched and prefilter.anywhere.search(line.text) is None)


def kz306_both_ways(data: bytes, context: Context) -> tuple[list[Problem], list[Problem]]:
    rule = RULES["KZ306"]
    assert isinstance(rule, ArticleRule)
    articles = [block for block in parse_bytes(data) if isinstance(block, Article)]
    fast = [problem for article in articles for problem in rule.check(article, context)]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(kz306, "may_hold_a_form", lambda pattern, fields: True)
        slow = [problem for article in articles for problem in rule.check(article, context)]
    return fast, slow


@settings(max_examples=300, deadline=None)
@given(
    paragraphs=st.lists(
        st.lists(st.sampled_from(["Kazakstan", "Kazakstani", "-", "x", " ", "é", "\u00a0"]))
        .map("".join)
        .filter(str.strip),
        min_size=1,
        max_size=4,
    )
)
def test_kz306_searching_an_article_at_once_changes_nothing(paragraphs: list[str]) -> None:
    data = ("03.03.2026, 13:10 11751\n" + "\n".join(paragraphs) + "\n").encode()
    fast, slow = kz306_both_ways(data, Context())
    assert fast == slow


@pytest.mark.parametrize(
    "case",
    [case for file in load_case_files() if file.code == "KZ306" for case in file.cases],
    ids=lambda case: case.id,
)
def test_kz306_searching_an_article_at_once_changes_nothing_on_the_rule_cases(case: object) -> None:
    fast, slow = kz306_both_ways(case.data, Context(vocabulary=case.config.vocabulary))  # type: ignore[attr-defined]
    assert fast == slow and (fast or not case.failing)  # type: ignore[attr-defined]


# KZ305: the forms of pieces are shared by the collectors of a process; a stretch's collector
# travels without the places no merge can report.


def test_shared_forms_are_read_for_the_words_each_vocabulary_accepts() -> None:
    plain, accepting = Vocabulary(), Vocabulary(frozenset({"ombusdman"}))
    kz305.piece_forms("Ombusdman—who", plain.accept)  # cached for one vocabulary ...
    ((_, _, form),) = kz305.piece_forms("Ombusdman—who", accepting.accept)
    assert not form.name and not form.placed  # ... not taken for the other
    ((_, _, form),) = kz305.piece_forms("Ombusdman—who", plain.accept)
    assert form.name and form.placed and form.words == ((0, "Ombusdman", True),)


def spelling_findings(collectors: Sequence[kz305.SpellingCollector]) -> list[object]:
    into = kz305.SpellingCollector(Vocabulary.shipped())
    for collector in collectors:
        into.merge(pickle.loads(pickle.dumps(collector)))
    return list(into.finish())


def read(
    articles: Sequence[Article], collector: kz305.SpellingCollector
) -> kz305.SpellingCollector:
    collector.keep_for_merge()
    for article in articles:
        collector.add(article)
    return collector


def articles_of(text: str) -> list[Article]:
    return [block for block in parse_bytes(text.encode()) if isinstance(block, Article)]


HEADER = "23.05.2025, 15:58 12961\n"
WORD_OFTEN = HEADER + "Notes on the case\n" + "The bekmurad said it. " * 17 + "\n"
"""A form seen more often than the places kept, in lower case only: as a word, not a name."""
NAME_SLIP = (
    HEADER
    + "Dinara Bekmurat met the minister\n"
    + "Dinara Bekmurat spoke. Dinara Bekmurat left. Later Dinara Bekmurad came back.\n"
)
NAME_OFTEN = HEADER + "Dinara Bekmurat\n" + "Then Dinara Bekmurad said. " * 17 + "\n"
HYPHENATED_SLIP = (
    HEADER
    + "Dinara Zakiyeva told Kassym-Jomart Tokayev about the course of his directives.\n"
    + "Kassym-Jomar Tokayev highlighted the importance of consolidating efforts.\n"
)
"""A name slip whose form is no word (it has a hyphen): it reports the places of the name."""
HYPHENATED_OFTEN = HEADER + "Notes\n" + "Kassym-Jomart Tokayev spoke. " * 17 + "\n"


@pytest.mark.parametrize(
    "stretches",
    [
        [WORD_OFTEN, NAME_SLIP],
        [NAME_SLIP, WORD_OFTEN],
        [WORD_OFTEN + NAME_SLIP],
        [NAME_OFTEN, NAME_SLIP],
        [HYPHENATED_SLIP, HYPHENATED_OFTEN],
        [HYPHENATED_OFTEN, HYPHENATED_SLIP],
    ],
)
def test_a_stretch_sends_every_place_a_merge_can_report(stretches: list[str]) -> None:
    """The name slip ``Bekmurad`` reports the places of the word of its form, which the first
    stretch saw more than 16 times, in lower case: they travel, and the merge reports them."""
    file = articles_of("".join(stretches))
    expected = list(read(file, kz305.SpellingCollector(Vocabulary.shipped())).finish())
    cut = len(articles_of(stretches[0]))
    collectors = [
        read(part, kz305.SpellingCollector(Vocabulary.shipped()))
        for part in (file[:cut], file[cut:])
    ]
    assert spelling_findings(collectors) == expected
    assert expected


def test_a_stretch_sends_no_places_of_forms_seen_too_often() -> None:
    collector = read(articles_of(NAME_OFTEN), kz305.SpellingCollector(Vocabulary.shipped()))
    sent = pickle.loads(pickle.dumps(collector))
    assert collector.names["bekmurad"].places and not sent.names["bekmurad"].places
    assert sent.words["bekmurad"].places == []  # the word, too: its name is seen too often
    assert sent.names["bekmurad"].count == collector.names["bekmurad"].count


def test_a_form_keeps_the_places_of_its_first_sightings_only() -> None:
    """A reading stops keeping places once its usages hold :data:`~kz305.MAX_PLACES` each."""
    text = HEADER + "Notes\n" + " ".join(["Ombusdman Zakiyeva said."] * 20) + "\n"
    collector = read(articles_of(text), kz305.SpellingCollector(Vocabulary.shipped()))
    for lower, start in (("ombusdman", 0), ("zakiyeva", 10)):
        places = collector.words[lower].places
        assert [place.span.column for place in places] == [
            start + 25 * index + 1 for index in range(kz305.MAX_PLACES)
        ]


def test_kz305_reads_an_article_that_is_only_a_header() -> None:
    collector = read(
        articles_of(HEADER + HEADER + "Notes\n"), kz305.SpellingCollector(Vocabulary())
    )
    assert "" not in collector.sightings  # the header alone has no piece, not an empty one
    assert list(collector.finish()) == [] and collector.words["notes"].count == 1
