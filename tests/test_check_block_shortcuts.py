"""KZ305's shortcut for pieces without a letter decides what the long way decides.

A piece of text between spaces with no letter (a number, a code of digits and signs) reads as
nothing, so the collector marks it without calling :meth:`SpellingCollector.piece`: the long way
gives the same answer.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from kzvalidate.language.vocabulary import Vocabulary
from kzvalidate.model import Line
from kzvalidate.rules.text import kz305_inconsistent_spelling as kz305

NUMBER_CHARACTERS = [*"0123456789.,%-–—/()$'’\"_+", "\u00a0", "²", "½", "a", "Ä", "ß"]


@settings(max_examples=300, deadline=None)
@given(piece=st.text(st.sampled_from(NUMBER_CHARACTERS)))
def test_a_piece_without_a_letter_reads_as_nothing(piece: str) -> None:
    collector = kz305.SpellingCollector(Vocabulary.shipped())
    read = collector.piece(piece, Line(1, 0, piece, "\n"))
    if kz305.LETTER.search(piece) is None:  # what look_at skips the call for
        assert read is kz305.NOTHING
