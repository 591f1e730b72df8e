"""Operators for the defects that test the fixes more than the rules: several defects stacked on
one line (each fix moves the columns of the others, and a control or invisible character glued
to a look-alike letter hides the word it is in), and text pasted into the copyright footer (which
a safe fix must not delete)."""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import strategies as st

from kzvalidate.dump.dialects import DEFAULT
from kzvalidate.patterns import compiled
from kzvalidate.testing.draft import Draft, Operator, Roles
from kzvalidate.testing.operators.edits import article, line_where, space_offsets
from kzvalidate.testing.operators.encoding import INVISIBLE_CHARACTERS, SPECIAL_SPACES
from kzvalidate.testing.operators.text import LOOK_ALIKES

_LONE_WORD = compiled(r"(?<![\w'\u2019-])(?:[a-z]{2,}|[A-Z]{2,})(?![\w'\u2019-])")
"""An ASCII word in lower case or in capitals standing alone: a word that the spelling rule
never reads as a name, before or after one of its letters is replaced."""

_VISIBLE_CONTROLS = "".join(
    chr(code) for code in [*range(0x01, 0x09), 0x0B, 0x0C, 0x0E, 0x1B, 0x7F]
)
"""Control characters that Python does not count as blanks (so the line keeps its shape)."""

GAP_DEFECTS = {
    "KZ004": "control",
    "KZ005": "\t",
    "KZ008": "special",
    "KZ009": "double",
}
"""The defects that take the place of the space between two words, by the rule that reports
them."""


@dataclass(frozen=True, slots=True)
class _Piece:
    """A stretch of the rebuilt line; ``code`` marks it as a defect of that rule."""

    text: str
    code: str = ""


def _look_alike_places(text: str) -> list[tuple[int, int]]:
    """(word start, letter offset) of each letter of a lone ASCII word that has a look-alike."""
    return [
        (match.start(), offset)
        for match in _LONE_WORD.finditer(text)
        for offset, char in enumerate(match.group())
        if char in LOOK_ALIKES
    ]


def _fits_stack(text: str) -> bool:
    return len(space_offsets(text)) >= 2 and bool(_look_alike_places(text))


def _gap(draw: st.DrawFn, code: str) -> _Piece:
    """What stands between two words instead of their space: the defect rule ``code`` reports."""
    kind = GAP_DEFECTS[code]
    if kind == "control":
        text = " " + draw(st.text(st.sampled_from(_VISIBLE_CONTROLS), min_size=1, max_size=2))
    elif kind == "special":
        text = draw(st.sampled_from(SPECIAL_SPACES))
    elif kind == "double":
        text = " " * draw(st.integers(2, 3))
    else:
        text = "\t" * draw(st.integers(1, 2))
    return _Piece(text, code)


def _glued_word(draw: st.DrawFn, word: str, offset: int) -> list[_Piece]:
    """``word`` (the text between two spaces) with the letter at ``offset`` replaced by its
    look-alike and, if drawn, an invisible character glued to it (after it, or before it when
    it ends the word)."""
    twin = _Piece(draw(st.sampled_from(LOOK_ALIKES[word[offset]])), "KZ301")
    pieces = [_Piece(word[:offset]), twin, _Piece(word[offset + 1 :])]
    if draw(st.booleans()):
        hidden = _Piece(draw(st.sampled_from(INVISIBLE_CHARACTERS)), "KZ007")
        pieces.insert(2 if word[offset + 1 : offset + 2].isalpha() else 1, hidden)
    return pieces


def _stacked_on_one_line(draw: st.DrawFn, draft: Draft, roles: Roles) -> None:
    """A look-alike letter (KZ301) and, on the same line of the title or a paragraph, some of:
    an invisible character glued to it (KZ007), a control character, tab, special space or
    doubled space between two words (KZ004, KZ005, KZ008, KZ009), indentation (KZ010) and
    trailing blanks (KZ006); each defect at most once, each reported at its own span."""
    index = line_where(draw, draft, roles, _fits_stack)
    text = draft.text(index)
    start, offset = draw(st.sampled_from(_look_alike_places(text)))
    gaps = space_offsets(text)
    codes = draw(st.lists(st.sampled_from(sorted(GAP_DEFECTS)), unique=True, max_size=len(gaps)))
    chosen = dict(zip(draw(st.permutations(gaps)), codes, strict=False))
    pieces: list[_Piece] = []
    if draw(st.booleans()):
        pieces.append(_Piece(" " * draw(st.integers(1, 2)), "KZ010"))
    at = 0
    for gap in [*sorted(gaps), len(text)]:
        word = text[at:gap]
        if at <= start < gap:
            pieces.extend(_glued_word(draw, word, start - at + offset))
        else:
            pieces.append(_Piece(word))
        if gap in chosen:
            pieces.append(_gap(draw, chosen[gap]))
        elif gap < len(text):
            pieces.append(_Piece(" "))
        at = gap + 1
    if draw(st.booleans()):
        pieces.append(_Piece(draw(st.sampled_from([" ", "  ", " \t"])), "KZ006"))
    _write_pieces(draft, index, pieces, article(roles))


def _write_pieces(draft: Draft, index: int, pieces: list[_Piece], where: str) -> None:
    """Put the rebuilt line into the draft and mark each defect piece at its span (a control
    character after its space, the second space of a doubled one onwards counted whole)."""
    draft.lines[index].text = "".join(piece.text for piece in pieces)
    at = 0
    for piece in pieces:
        if piece.code:
            begin = at + 1 if piece.code == "KZ004" else at
            description = f"{piece.text!r} at character {begin} of line {index + 1} ({where})"
            draft.mark(index, begin, at + len(piece.text), piece.code, description)
        at += len(piece.text)


PASTED = (
    "2,500 tons",
    "Aidar Smagulov",
    "Astana",
    "15%",
    "Tokayev said",
    "the ministry",
    "on Tuesday",
    "KZT 1.2 bln",
)
"""Text that scrapers paste into a footer: a figure, a name, part of a sentence."""


def _pasted_into_footer(draw: st.DrawFn, draft: Draft, roles: Roles) -> None:
    """A figure, a name or a few words pasted into the copyright footer between two of its
    words (KZ109): the exact footer would delete them, so its fix is unsafe."""
    footer = DEFAULT.footer
    piece = draw(st.sampled_from(PASTED))
    at = draw(st.sampled_from([0, *space_offsets(footer), len(footer)]))
    text = f"{piece} {footer}" if at == 0 else f"{footer[:at]} {piece}{footer[at:]}"
    draft.lines[roles.footer].text = text
    description = f"{piece!r} pasted at character {at} of the footer ({article(roles)})"
    draft.mark(roles.footer, 0, len(text), "KZ109", description)


OPERATORS: tuple[Operator, ...] = (
    Operator("KZ109", _pasted_into_footer),
    Operator("KZ301", _stacked_on_one_line),
)
"""The operators that test the fixes, by the code of the defect every draw injects."""
