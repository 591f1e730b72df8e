"""Operators for the text-quality rules (KZ3xx): mixed-script words, mojibake, unpaired quotation
marks, malformed numbers, inconsistent spellings and rejected terms."""

from __future__ import annotations

import functools
import re
import string
from collections.abc import Mapping

from hypothesis import strategies as st

from kzvalidate.language.spelling import ends_sentence, is_english
from kzvalidate.patterns import compiled
from kzvalidate.testing.draft import Draft, Operator, Roles
from kzvalidate.testing.operators.edits import (
    add_paragraph,
    article,
    insert,
    insert_word,
    line_where,
    space_offsets,
    text_lines,
    word_boundaries,
)
from kzvalidate.testing.seeds import SEED_PARAGRAPHS
from kzvalidate.testing.text import QUOTE_MARKS, spelled

LOOK_ALIKES: Mapping[str, str] = {
    "a": "\u0430",
    "c": "\u0441",
    "e": "\u0435",
    "i": "\u0456",
    "j": "\u0458",
    "o": "\u043e\u03bf",
    "p": "\u0440",
    "s": "\u0455",
    "x": "\u0445",
    "y": "\u0443",
    "A": "\u0410\u0391",
    "B": "\u0412\u0392",
    "C": "\u0421",
    "E": "\u0415\u0395",
    "H": "\u041d\u0397",
    "I": "\u0406\u0399",
    "K": "\u041a\u039a",
    "M": "\u041c\u039c",
    "N": "\u039d",
    "O": "\u041e\u039f",
    "P": "\u0420\u03a1",
    "T": "\u0422\u03a4",
    "X": "\u0425\u03a7",
    "Y": "\u04ae\u03a5",
    "Z": "\u0396",
}
"""Latin letters and the Cyrillic and Greek letters that look exactly like them (KZ301)."""

_ASCII_WORD = compiled(r"(?<![\w'\u2019-])(?:[a-z]{2,}|[A-Z]{2,})(?![\w'\u2019-])")
"""A word of two or more ASCII letters, in lower case or in capitals, standing alone: a word the
spelling rule (KZ305) never reads as a name, before or after a letter of it is replaced."""


def _look_alike_places(text: str) -> list[int]:
    return [
        match.start() + offset
        for match in _ASCII_WORD.finditer(text)
        for offset, char in enumerate(match.group())
        if char in LOOK_ALIKES
    ]


def _mixed_script_word(draw: st.DrawFn, draft: Draft, roles: Roles) -> None:
    """One letter of an ASCII word of the title or a paragraph replaced with its Cyrillic or
    Greek look-alike, e.g. Cyrillic ``с`` in ``сourt`` (KZ301)."""
    index = line_where(draw, draft, roles, lambda text: bool(_look_alike_places(text)))
    text = draft.text(index)
    at = draw(st.sampled_from(_look_alike_places(text)))
    twin = draw(st.sampled_from(LOOK_ALIKES[text[at]]))
    draft.lines[index].text = text[:at] + twin + text[at + 1 :]
    description = (
        f"U+{ord(twin):04X} for {text[at]!r} at character {at} of line {index + 1} "
        f"({article(roles)})"
    )
    draft.mark(index, at, at + 1, "KZ301", description)


MOJIBAKE_SOURCES = (
    "caf\u00e9",
    "fa\u00e7ade",
    "a\u00f1o",
    "se\u00f1or",
    "zhana\u00f6zen",
    "m\u00fcller",
    "orb\u00e1n",
    "s\u00e3o",
    "country\u2019s",
    "children\u2019s",
    "well\u2013known",
)
"""Lower-case words with one character outside ASCII, which UTF-8 read as Windows-1252 turns into
two or three (KZ302)."""


def _garbled(word: str) -> tuple[str, str, str]:
    """The character of ``word`` outside ASCII, and what it and ``word`` become when its UTF-8 is
    read as Windows-1252: ``("é", "Ã©", "cafÃ©")``."""
    (char,) = (char for char in word if not char.isascii())
    shown = char.encode("utf-8").decode("cp1252")
    return char, shown, word.replace(char, shown)


def _can_garble(text: str, word: str) -> bool:
    """Whether ``word``, garbled, is one damaged stretch when put into ``text``: its character
    occurs nowhere else and no character it turns into occurs in the text, so the only stretch
    that differs from the repaired line is the garbled character."""
    char, shown, _ = _garbled(word)
    return char not in text and not set(shown) & set(text)


def _mojibake_word(draw: st.DrawFn, draft: Draft, roles: Roles) -> None:
    """A word whose UTF-8 was read as Windows-1252 put into the title or a paragraph:
    ``cafÃ©`` for ``café``, ``countryâ€™s`` for ``country’s`` (KZ302)."""
    places = [
        (index, word)
        for index in text_lines(roles)
        for word in MOJIBAKE_SOURCES
        if _can_garble(draft.text(index), word)
    ]
    if places:
        index, word = draw(st.sampled_from(places))
    else:
        plain = [paragraph for paragraph in SEED_PARAGRAPHS if paragraph.isascii()]
        index = add_paragraph(draft, roles, draw(st.sampled_from(plain)))
        word = draw(st.sampled_from(MOJIBAKE_SOURCES))
    _, shown, garbled = _garbled(word)
    start = insert_word(draw, draft, index, garbled) + garbled.index(shown)
    description = f"{garbled!r} for {word!r} in line {index + 1} ({article(roles)})"
    draft.mark(index, start, start + len(shown), "KZ302", description)


def _last_quote_mark(text: str) -> int:
    return max((at for at, char in enumerate(text) if char in QUOTE_MARKS), default=-1)


def _unpaired_quote(draw: st.DrawFn, draft: Draft, roles: Roles) -> None:
    """A quotation mark with no partner in the title or a paragraph: a closing mark after a
    word, or an opening mark before one that is never closed (not in a paragraph followed by
    one that opens a quotation, which would continue it), after every other mark of the line
    (KZ303)."""
    openable = [roles.title]
    for index, following in zip(roles.body, [*roles.body[1:], None], strict=True):
        if following is None or not draft.text(following).startswith(tuple(QUOTE_MARKS)):
            openable.append(index)
    index = draw(st.sampled_from(text_lines(roles)))
    text = draft.text(index)
    after = _last_quote_mark(text) + 1
    word_ends = [at for at in [*space_offsets(text), len(text)] if at >= after]
    word_starts = [at for at in [0, *(at + 1 for at in space_offsets(text))] if at >= after]
    if index in openable and word_starts and draw(st.booleans()):
        at, mark = draw(st.sampled_from(word_starts)), draw(st.sampled_from('"\u201c\u00ab\u201e'))
        how = "opening"
    else:
        at = draw(st.sampled_from(word_ends))
        # A straight mark after a dash or a bracket (`-"`) may as well open a quotation.
        after_word = at > 0 and (text[at - 1].isalnum() or text[at - 1] in ".,!?;:%)")
        mark = draw(st.sampled_from('"\u201d\u00bb' if after_word else "\u201d\u00bb"))
        how = "closing"
    insert(draft, index, at, mark)
    description = f"{how} {mark!r} at character {at} of line {index + 1} ({article(roles)})"
    draft.mark(index, at, at + 1, "KZ303", description)


@st.composite
def malformed_numbers(draw: st.DrawFn) -> tuple[str, str]:
    """A number written the way rule KZ304 reports, and the words after it: the reported text
    (``5,5``, ``16,00``, ``1000,000``, ``1.300.000``, ``1.300,5``, ``1,30.5``, ``1,30 0``) and
    a unit that keeps the number from running on (`` million``, ``%``)."""
    head = draw(st.integers(0, 999))
    groups = draw(st.lists(spelled(string.digits, 3, 3), min_size=1, max_size=3))
    short = draw(spelled(string.digits, 1, 2))
    written = draw(
        st.sampled_from(
            [
                f"{head},{short}",  # decimal comma, or thousands separator missing digits
                f"{draw(st.integers(1000, 10**6))},{groups[0]}",  # separator in the wrong place
                f"{head},{short}{groups[0]}",  # separator in the wrong place
                f"{head}.{groups[0]}." + ".".join(groups),  # points as thousands separators
                f"{head}." + ".".join(groups) + f",{short}",  # decimal comma, thousands points
                f"{head},{short}.{short}",  # mixed separators
                f"{head},{short} {draw(spelled(string.digits, 1, 2))}",  # split by a space
            ]
        )
    )
    unit = draw(
        st.sampled_from(
            [" million", " billion", " thousand", " percent", " tons", " people", " km", "%"]
        )
    )
    return written, unit


def _malformed_number(draw: st.DrawFn, draft: Draft, roles: Roles) -> None:
    """A number with a decimal comma or misplaced thousands separators put into the title or a
    paragraph, with a unit after it: ``5,5 million``, ``1.300.000 tons`` (KZ304)."""
    index = draw(st.sampled_from(text_lines(roles)))
    written, unit = draw(malformed_numbers())
    start = insert_word(draw, draft, index, written + unit)
    description = f"{written + unit!r} in line {index + 1} ({article(roles)})"
    draft.mark(index, start, start + len(written), "KZ304", description)


SPELLING_WORDS = (
    "agreement", "ombudsman", "transport", "logistics", "infrastructure", "emergency",
    "international", "cooperation", "friendship", "monitoring", "rehabilitation", "laboratories",
    "sovereignty", "strengthen", "highlighted", "environmental", "compassion", "childhood",
    "minister", "president", "detained", "diverted", "historic", "national", "support", "system",
    "results", "border", "global", "growth", "justice", "judges", "people", "service", "decree",
    "meeting", "energy", "refinery", "airport", "region", "court", "flight", "police",
)  # fmt: skip
"""English words of five letters or more, none of them one letter from a word of the seeds
that is not English (KZ305)."""


@functools.cache
def _misspellings(word: str) -> tuple[str, ...]:
    """``word`` with two neighbouring inner letters swapped, where that is not an English word:
    ``ombusdman`` for ``ombudsman``."""
    swapped = (
        word[:at] + word[at + 1] + word[at] + word[at + 2 :]
        for at in range(1, len(word) - 2)
        if word[at] != word[at + 1]
    )
    return tuple(slip for slip in swapped if not is_english(slip))


def _used(draft: Draft, word: str) -> bool:
    pattern = compiled(rf"\b{word}\b", re.IGNORECASE)
    return any(pattern.search(line.text) for line in draft.lines)


def _inside_sentence(text: str) -> list[int]:
    """The spaces of a line after which a word stands inside a sentence, where a capital marks
    a name (not after ``said.``)."""
    return [at for at in space_offsets(text) if not ends_sentence(text[:at].rsplit(" ", 1)[-1])]


def _put_inside_sentence(draw: st.DrawFn, draft: Draft, index: int, word: str) -> int:
    text = draft.text(index)
    at = draw(st.sampled_from(_inside_sentence(text)))
    draft.lines[index].text = f"{text[:at]} {word}{text[at:]}"
    return at + 1


def _spelling_pair(draw: st.DrawFn, draft: Draft, roles: Roles) -> tuple[str, str, int | None]:
    """An English word and a misspelling of it, not yet in the draft, and a line of the article
    with room inside a sentence if both are to be capitalised there (None: both in lower case)."""
    pairs = [(word, slip) for word in SPELLING_WORDS for slip in _misspellings(word)]
    word, slip = draw(st.sampled_from(pairs).filter(lambda pair: not _used(draft, pair[1])))
    roomy = [index for index in text_lines(roles) if _inside_sentence(draft.text(index))]
    if not roomy or not draw(st.booleans()):
        return word, slip, None
    return word.capitalize(), slip.capitalize(), draw(st.sampled_from(roomy))


def _inconsistent_spelling(draw: st.DrawFn, draft: Draft, roles: Roles) -> None:
    """An English word and a misspelling of it (two inner letters swapped), both put into the
    article, in lower case or both capitalised, one of them inside a sentence as a name is:
    ``Ombudsman`` and ``Ombusdman`` (KZ305)."""
    word, slip, roomy = _spelling_pair(draw, draft, roles)
    if roomy is None:
        insert_word(draw, draft, draw(st.sampled_from(text_lines(roles))), word)
    else:
        _put_inside_sentence(draw, draft, roomy, word)
    index = draw(st.sampled_from(text_lines(roles)))
    start = insert_word(draw, draft, index, slip)
    description = f"{slip!r} for {word!r} in line {index + 1} ({article(roles)})"
    draft.mark(index, start, start + len(slip), "KZ305", description)


GLUED = ("{}-led", "{}-related", "{}-based", "{}\u2014which", "{}\u2013and", "{}/and")
"""Ways a word is glued to another in news text: a hyphenated compound, a dash, a slash."""


def _spelling_in_compound(draw: st.DrawFn, draft: Draft, roles: Roles) -> None:
    """An English word put into the article, and a misspelling of it glued to another word by a
    hyphen, a dash or a slash: ``Ombusdman-led``, ``ombusdman\u2014which`` (KZ305)."""
    word, slip, roomy = _spelling_pair(draw, draft, roles)
    if roomy is None:
        insert_word(draw, draft, draw(st.sampled_from(text_lines(roles))), word)
    else:
        _put_inside_sentence(draw, draft, roomy, word)
    index = draw(st.sampled_from(text_lines(roles)))
    glued = draw(st.sampled_from(GLUED)).format(slip)
    start = insert_word(draw, draft, index, glued)
    description = f"{slip!r} for {word!r} in {glued!r}, line {index + 1} ({article(roles)})"
    draft.mark(index, start, start + len(slip), "KZ305", description)


def _insert_word_twice(draw: st.DrawFn, draft: Draft, index: int, word: str) -> tuple[int, int]:
    """Put ``word`` into a line at two drawn word boundaries; where each copy starts."""
    first = insert_word(draw, draft, index, word)
    text = draft.text(index)
    at = draw(st.sampled_from(word_boundaries(text)))
    draft.lines[index].text = f"{word} {text}" if at == 0 else f"{text[:at]} {word}{text[at:]}"
    second = 0 if at == 0 else at + 1
    if second <= first:
        first += len(word) + 1
    return first, second


def _repeated_spelling(draw: st.DrawFn, draft: Draft, roles: Roles) -> None:
    """An English word put into the article and a misspelling of it twice into one line: each
    copy is reported (KZ305). Two defects, so it is not in :data:`OPERATORS`, whose mutations
    have one each: see :data:`REPEATED_SPELLING`."""
    word, slip, roomy = _spelling_pair(draw, draft, roles)
    if roomy is None:
        insert_word(draw, draft, draw(st.sampled_from(text_lines(roles))), word)
    else:
        _put_inside_sentence(draw, draft, roomy, word)
    index = draw(st.sampled_from(text_lines(roles)))
    for start in _insert_word_twice(draw, draft, index, slip):
        description = f"{slip!r} for {word!r}, twice in line {index + 1} ({article(roles)})"
        draft.mark(index, start, start + len(slip), "KZ305", description)


REPEATED_SPELLING = Operator("KZ305", _repeated_spelling)
"""A misspelling written twice on one line, reported at each copy (KZ305)."""

LOANWORD_PARAGRAPHS = (
    "Pointe shoes for the premiere were sewn in Astana. Point by point, the ballet master "
    "corrected the corps de ballet.",
    "Samsa baked in a tandoor was served at the fair. Salsa and folk dancers from Shymkent "
    "performed on the main square.",
    "Lagman with hand-pulled noodles is a favourite dish in Almaty. Layman visitors learned the "
    "recipe from the cooks.",
    "Passe is the position in which the working foot touches the knee. Paste made of dates was "
    "served after the concert.",
    "Manti were steamed for the guests of the festival. Manta rays swim in the new oceanarium "
    "of Almaty.",
)
"""Clean paragraphs with a loanword the English word list lacks starting a sentence, beside an
English word one letter away that starts one too: no slip (KZ305)."""


REJECTED_TERMS = ("Kazakstan", "Kazakstani")
"""Terms kzvalidate's shipped vocabulary rejects (``contracts/vocabulary/preferred-terms.toml``),
at any date (KZ306)."""


def _rejected_term(draw: st.DrawFn, draft: Draft, roles: Roles) -> None:
    """A term the shipped vocabulary rejects (``Kazakstan``), maybe followed by a possessive or
    a punctuation mark, put into the title or a paragraph (KZ306)."""
    index = draw(st.sampled_from(text_lines(roles)))
    term = draw(st.sampled_from(REJECTED_TERMS))
    ending = draw(st.sampled_from(["", "", ",", ".", ":", "\u2019s", "'s"]))
    start = insert_word(draw, draft, index, term + ending)
    description = f"{term + ending!r} in line {index + 1} ({article(roles)})"
    draft.mark(index, start, start + len(term), "KZ306", description)


OPERATORS: tuple[Operator, ...] = (
    Operator("KZ301", _mixed_script_word),
    Operator("KZ302", _mojibake_word),
    Operator("KZ303", _unpaired_quote),
    Operator("KZ304", _malformed_number),
    Operator("KZ305", _inconsistent_spelling),
    Operator("KZ305", _spelling_in_compound),
    Operator("KZ306", _rejected_term),
)
"""The operators of the text-quality rules (KZ3xx), in code order."""
