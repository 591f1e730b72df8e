"""The shipped vocabularies are valid data, and the English word list is cached safely."""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from rapidfuzz import process
from rapidfuzz.distance import OSA

from kzvalidate import user_cache
from kzvalidate.check.engine import Linter
from kzvalidate.language.spelling import dictionary, ends_sentence, is_english
from kzvalidate.language.vocabulary import (
    ACCEPT_FILE,
    PREFERRED_TERMS_FILE,
    Vocabulary,
    read_word_list,
)
from kzvalidate.model import Span
from kzvalidate.resources import contracts_dir, load_schema
from kzvalidate.rules import select
from kzvalidate.testing.draft import Draft
from kzvalidate.testing.dump import dumps
from kzvalidate.testing.operators.edits import add_paragraph
from kzvalidate.testing.operators.text import LOANWORD_PARAGRAPHS, REPEATED_SPELLING

FOLDER = contracts_dir() / "vocabulary"


def test_shipped_preferred_terms_follow_the_configuration_contract() -> None:
    document = tomllib.loads((FOLDER / PREFERRED_TERMS_FILE).read_text(encoding="utf-8"))
    assert set(document) == {"preferred-terms"}
    schema = load_schema("config.schema.json")
    wrapped = {"vocabulary": {"preferred-terms": document["preferred-terms"]}}
    assert list(Draft202012Validator(schema).iter_errors(wrapped)) == []
    shipped = Vocabulary.shipped()
    assert {term.reject: term.prefer for term in shipped.preferred} == {
        "Kazakstan": "Kazakhstan",
        "Kazakstani": "Kazakhstani",
    }


def test_shipped_accept_list_holds_names_that_would_otherwise_be_reported() -> None:
    words = read_word_list(FOLDER / ACCEPT_FILE)
    assert words == sorted(set(words), key=words.index)  # no duplicates
    for word in words:
        assert word.isalpha() and word[0].isupper(), word
        assert not is_english(word.lower()), f"{word} is English: accepting it changes nothing"
    english = [word for word in dictionary() if word.isalpha()]
    twins = {
        word: sorted(
            other
            for other, _, _ in process.extract(
                word.lower(), english, scorer=OSA.distance, score_cutoff=1, limit=None
            )
        )
        for word in words
    }
    lower = {word.lower() for word in words}
    for word, found in twins.items():  # each looks like a slip of an English word or of another
        others = [
            other
            for other, _, _ in process.extract(
                word.lower(), lower - {word.lower()}, scorer=OSA.distance, score_cutoff=1
            )
        ]
        assert found or others, word
    assert twins["Almaly"] == ["almaty"]
    assert "asian" in twins["Aslan"]
    assert "medina" in twins["Madina"]


def test_an_accepted_word_is_never_reported() -> None:
    text = (
        b"28.02.2026, 17:10 49696\nFlights to Medina and Central Asian routes\n"
        b"Madina Bekova and Aslan Nurlanov flew from Almaty to Medina.\n"
    )
    assert Linter(select(["KZ305"])).lint_bytes(text).findings == []
    bare = Linter(select(["KZ305"]), Vocabulary()).lint_bytes(text).findings
    assert sorted(f.message.split("'")[1] for f in bare) == ["Aslan", "Madina"]


@pytest.fixture
def fresh_dictionary(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Path]:
    monkeypatch.setenv(user_cache.CACHE_ENV, str(tmp_path))
    dictionary.cache_clear()
    yield tmp_path
    dictionary.cache_clear()


def test_the_word_list_is_cached_and_read_back_the_same(fresh_dictionary: Path) -> None:
    built = dictionary()
    (cached,) = fresh_dictionary.glob("english-pyspellchecker-*.words")
    dictionary.cache_clear()
    assert dictionary() == built
    assert built["ombudsman"] > 0
    assert "ombusdman" not in built
    assert cached.stat().st_size > 1_000_000


def test_a_damaged_cache_is_rebuilt(fresh_dictionary: Path) -> None:
    built = dictionary()
    (cached,) = fresh_dictionary.glob("english-pyspellchecker-*.words")
    cached.write_bytes(b"\x00garbage")
    dictionary.cache_clear()
    assert dictionary() == built
    assert cached.stat().st_size > 1_000_000


def test_an_unwritable_or_disabled_cache_is_no_error(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    for setting in (str(blocker / "cache"), ""):
        monkeypatch.setenv(user_cache.CACHE_ENV, setting)
        dictionary.cache_clear()
        assert "ombudsman" in dictionary()
    assert list(tmp_path.iterdir()) == [blocker]
    dictionary.cache_clear()


def test_cache_folder_follows_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(user_cache.CACHE_ENV, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", "/var/cache/me")
    assert user_cache.cache_dir() == Path("/var/cache/me/kzvalidate")
    monkeypatch.setenv(user_cache.CACHE_ENV, "")
    assert user_cache.cache_dir() is None


@pytest.mark.parametrize(
    ("piece", "ends"),
    [("said.", True), ('"Yes!"', True), ("(2025).", True), ("U.S.", True), ("”.", True),
     ("Astana,", False), ("reports", False), ("e.g", False)],
)  # fmt: skip
def test_a_sentence_ends_with_a_full_stop_question_or_exclamation_mark(
    piece: str, ends: bool
) -> None:
    assert ends_sentence(piece) is ends


@st.composite
def repeated_spellings(draw: st.DrawFn) -> Draft:
    records, _ = draw(dumps(3, min_articles=1))
    draft = Draft.of(records)
    REPEATED_SPELLING.inject(draw, draft, draw(st.sampled_from(draft.articles)))
    return draft


@given(repeated_spellings())
def test_a_misspelling_twice_on_one_line_is_reported_at_each_copy(draft: Draft) -> None:
    first, second = draft.spots
    assert first.line == second.line and first.start != second.start
    findings = Linter(select(["KZ305"])).lint_bytes(draft.data()).findings
    expected = {Span.on_line(spot.line + 1, spot.start, spot.end) for spot in draft.spots}
    assert len(findings) == 2 and {finding.span for finding in findings} == expected, draft.data()
    assert all(finding.fix is not None for finding in findings)


@st.composite
def dumps_with_loanwords(draw: st.DrawFn) -> bytes:
    records, _ = draw(dumps(3, min_articles=1))
    draft = Draft.of(records)
    chosen = draw(st.lists(st.sampled_from(LOANWORD_PARAGRAPHS), min_size=1, max_size=3))
    for paragraph in chosen:
        add_paragraph(draft, draw(st.sampled_from(draft.articles)), paragraph)
    return draft.data()


def test_the_loanwords_are_not_english_and_each_has_an_english_twin_one_letter_away() -> None:
    for paragraph in LOANWORD_PARAGRAPHS:
        loanword, twin = (sentence.split()[0] for sentence in paragraph.split(". ", 1))
        assert not is_english(loanword.lower()) and is_english(twin.lower()), paragraph
        assert OSA.distance(loanword.lower(), twin.lower()) == 1, paragraph


@given(dumps_with_loanwords())
def test_a_loanword_starting_a_sentence_is_no_slip_of_a_word_starting_another(
    data: bytes,
) -> None:
    assert Linter(select(["KZ305"])).lint_bytes(data).findings == []
