"""KZ305 counts every piece of an article in one tally and looks only at the pieces it brings
new to the tally or that are watched (held apart between articles): the shortcuts decide what
reading every piece one after the other decides, however the file is cut and settled."""

from __future__ import annotations

import pickle
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kzvalidate.dump.blocks import Article
from kzvalidate.dump.parser import parse_bytes
from kzvalidate.language.vocabulary import Vocabulary
from kzvalidate.rules.text import kz305_inconsistent_spelling as kz305
from tests.test_hot_paths import SPELLING_WORDS, PieceByPieceCollector, usages

WATCHED_WORDS = (
    *SPELLING_WORDS, "Tokayev", "Kassym-Jomart", "Kassym-Jomart", "(Tokayev", "Tokayev’s",
    '"Altyn', "Kyran,", "Kyran", "Bekov—Tokayev", "Aliya/Bekova", "Bekova", "ombusdman",
)  # fmt: skip
"""Names side by side, after opening marks, before possessives and dashes, written again and
again (so that their places fill up), among the words of the hot-path test."""


def watched_dump() -> st.SearchStrategy[str]:
    paragraph = st.lists(st.sampled_from(WATCHED_WORDS), min_size=1, max_size=10).map(" ".join)
    article = st.lists(paragraph, min_size=1, max_size=4).map(
        lambda lines: "23.05.2025, 15:58 12961\n" + "\n".join(lines) + "\n"
    )
    return st.lists(article, min_size=1, max_size=6).map("".join)


def articles_of(dump: str) -> list[Article]:
    return [block for block in parse_bytes(dump.encode()) if isinstance(block, Article)]


@pytest.mark.parametrize("settle_at", [0, kz305.SETTLE_AT])
@settings(max_examples=200, deadline=None)
@given(dump=watched_dump())
def test_watched_pieces_add_up_to_what_reading_piece_by_piece_finds(
    dump: str, settle_at: int
) -> None:
    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(kz305, "MAX_PLACES", 2)  # places fill up: most names only watched
        patched.setattr(kz305, "SETTLE_AT", settle_at)  # 0: added up after every article
        fast, slow = (
            kz305.SpellingCollector(Vocabulary.shipped()),
            PieceByPieceCollector(Vocabulary.shipped()),
        )
        for article in articles_of(dump):
            fast.add(article)
            slow.add(article)
        assert usages(fast) == usages(slow)
        assert list(fast.finish()) == list(slow.finish())


@settings(max_examples=150, deadline=None)
@given(dump=watched_dump(), cut=st.integers(min_value=0, max_value=6))
def test_stretches_merged_find_what_one_collector_reading_piece_by_piece_finds(
    dump: str, cut: int
) -> None:
    articles = articles_of(dump)
    first, second = (kz305.SpellingCollector(Vocabulary.shipped()) for _ in range(2))
    slow = PieceByPieceCollector(Vocabulary.shipped())
    for index, article in enumerate(articles):
        (first if index < cut else second).add(article)
        slow.add(article)
    first.merge(pickle.loads(pickle.dumps(second)))  # as a worker's stretch comes back
    assert list(first.finish()) == list(slow.finish())


@settings(max_examples=300, deadline=None)
@given(
    tallied=st.lists(st.sampled_from("abcdefgh"), max_size=8),
    held=st.sets(st.sampled_from("abcdefgh")),
    pieces=st.lists(st.sampled_from("abcdefghij"), max_size=12),
)
def test_the_pieces_new_to_a_tally_come_last_in_it_in_the_order_first_counted(
    tallied: list[str], held: set[str], pieces: list[str]
) -> None:
    tally = Counter(tallied)
    for piece in held:  # watched pieces are taken out of the tally after each article
        tally.pop(piece, None)
    before = set(tally)
    counted = len(tally)
    tally.update(pieces)
    fresh = list(reversed(list(reversed(tally))[: len(tally) - counted]))
    assert fresh == list(dict.fromkeys(piece for piece in pieces if piece not in before))


@settings(max_examples=300, deadline=None)
@given(
    texts=st.lists(
        st.lists(st.sampled_from(["a", "Bb", "", "c."]), max_size=5), min_size=1, max_size=4
    )
)
def test_a_joined_text_has_each_paragraphs_pieces_with_a_line_break_between(
    texts: list[list[str]],
) -> None:
    paragraphs = [" ".join(pieces) for pieces in texts]
    expected = ["\n"]
    for paragraph in paragraphs:
        expected += [*paragraph.split(" "), "\n"]
    assert kz305.joined_text(paragraphs).split(" ") == expected
