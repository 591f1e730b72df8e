"""The shortcuts of the comparisons decide exactly what the long way decides: a text that lacks
what a change, a part of a whole or a capacity is written with is not searched for one, and what
was found among a paragraph's figures is found once for every rule that asks."""

from __future__ import annotations

import re
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kzvalidate.dump.blocks import Article
from kzvalidate.dump.parser import parse_bytes
from kzvalidate.quantities import comparisons
from kzvalidate.quantities.comparisons import article_parts, capacities, changes, parts
from kzvalidate.quantities.figures import figured_paragraphs, figures_in
from tests.helpers import SEEDS

COMPARISON_WORDS = (
    "5 tons", "12 million tons", "3,100 kg", "90%", "$5 million", "KZT 2.1 billion", "(", ")",
    "from", "From", "FROM", "fRoM", "to", "To", "TO", "including", "Including", "INCLUDING",
    "\u0131ncluding", "\u0130ncluding", "incl.", "INCL.", "of which", "Of Which", "of them",
    "OF THEM", "among them", "Among Which", "out of", "out of which", "Out Of", "the", "a total of",
    "capacity", "Capacity", "CAPACITY of", "capacity to", "about", "over", "up to", "increase",
    "fell", "Shymkent Refinery", ".", ",", ";", ":",
)  # fmt: skip
"""Pieces of comparisons, in the cases text writes them (and in some it does not)."""


FIGURES = ("5 tons", "12 million tons", "3,100 kg", "90%", "$5 million", "about 7 km")
CONSTRUCTIONS = ("W F W F", "F, W F", "F W F", "W W F")
"""How the comparisons are written: W is any of the pieces, F a figure."""


def construction(shape: str, words: list[str], figures: list[str]) -> str:
    return " ".join(
        (words if slot.startswith("W") else figures).pop() + slot[1:] for slot in shape.split()
    )


def comparison_texts() -> st.SearchStrategy[str]:
    words, figures = st.sampled_from(COMPARISON_WORDS), st.sampled_from(FIGURES)
    constructions = st.builds(
        construction,
        st.sampled_from(CONSTRUCTIONS),
        st.lists(words, min_size=3, max_size=3),
        st.lists(figures, min_size=2, max_size=2),
    )
    pieces = st.one_of(words, constructions)
    gaps = st.sampled_from([" ", " ", "", ", "])
    return st.lists(st.tuples(pieces, gaps), max_size=8).map(
        lambda found: "".join(piece + gap for piece, gap in found)
    )


def compared_the_long_way(text: str) -> tuple[comparisons.Comparable, ...]:
    return tuple(comparisons._compared(text, figures_in(text)))


def check_against_the_long_way(text: str) -> None:
    figures = figures_in(text)
    usable = compared_the_long_way(text)
    assert changes(text, figures) == tuple(comparisons._changes(text, usable))
    assert parts(text, figures) == tuple(comparisons._parts(text, usable))
    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(comparisons, "_CAPACITY_PIECE", "")
        long_way = capacities(text, figures)
    assert capacities(text, figures) == long_way
    assert changes(text, figures) is changes(text, figures) or not changes(text, figures)


@settings(max_examples=800, deadline=None)
@given(comparison_texts())
def test_the_comparison_shortcuts_change_nothing(text: str) -> None:
    check_against_the_long_way(text)


def test_the_comparison_shortcuts_change_nothing_on_the_seeds() -> None:
    for seed in sorted(SEEDS.glob("*.txt")):
        for block in parse_bytes(seed.read_bytes()):
            if isinstance(block, Article):
                for field in block.paragraphs:
                    check_against_the_long_way(field.text)


def test_the_pieces_are_matched_by_their_own_letters_only() -> None:
    """What lets :func:`comparisons.changes`, :func:`comparisons.parts` and
    :func:`comparisons.capacities` look for their pieces in the lower-case text: when case is
    ignored, a piece's letter matches that letter and its capital only, the characters whose
    lower case is that letter (``ı``, the dotless i, matches ``i``: no piece holds an i)."""
    pieces = (
        *comparisons._CONNECTOR_PIECES,
        *comparisons._CHANGE_PIECES,
        comparisons._CAPACITY_PIECE,
    )
    letters = sorted({char for piece in pieces for char in piece} - {" "})
    assert all(letter.lower() == letter for letter in letters)
    every_character = "".join(map(chr, range(sys.maxunicode + 1)))
    found = set(re.findall(f"[{''.join(letters)}]", every_character, re.IGNORECASE))
    assert found == {*letters, *(letter.upper() for letter in letters)}
    assert {char for char in every_character if char.lower() in letters} == found


def test_a_paragraph_s_relations_are_found_once() -> None:
    text = "Exports fell from 5 to 7 billion dollars, including 2 billion dollars of grain."
    figures = figures_in(text)
    assert changes(text, figures) is changes(text, figures)
    assert parts(text, figures) is parts(text, figures)
    assert comparisons.compared(text, figures) is comparisons.compared(text, figures)
    assert changes(text, figures) == tuple(comparisons._changes(text, compared_the_long_way(text)))
    assert len(changes(text, figures)) == 1 and len(parts(text, figures)) == 1


def test_an_article_s_parts_are_its_paragraphs_parts_kept() -> None:
    for seed in sorted(SEEDS.glob("*.txt")):
        for block in parse_bytes(seed.read_bytes()):
            if isinstance(block, Article):
                expected = tuple(
                    (field, relation)
                    for field, reading in figured_paragraphs(block)
                    for relation in comparisons._parts(
                        field.text, compared_the_long_way(field.text)
                    )
                )
                assert article_parts(block) == expected
                assert article_parts(block) is article_parts(block)
