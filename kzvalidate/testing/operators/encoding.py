"""Operators for the encoding and blank rules (KZ0xx): undecodable bytes, a byte-order mark, line
ends, control characters, tabs, trailing blanks, invisible characters, special spaces, doubled
spaces and indentation."""

from __future__ import annotations

from hypothesis import strategies as st

from kzvalidate.dump.blocks import BOM
from kzvalidate.testing.draft import Draft, Operator, Roles
from kzvalidate.testing.operators.edits import (
    article,
    has_space,
    insert,
    line_where,
    space_offsets,
    text_lines,
)


def invalid_utf8_runs() -> st.SearchStrategy[bytes]:
    """Byte runs that are not UTF-8, each byte undecodable on its own, wherever they stand.

    A run is continuation bytes (0x80-0xBF) followed by lead or never-valid bytes (0xC0-0xFF):
    no byte of 0xC0 and above is followed by a continuation byte, so no byte of the run decodes
    together with another, nor with the text around it. Some runs are real mis-encoded words
    (Windows-1251, Latin-1).
    """
    return st.one_of(
        st.sampled_from(
            [
                "Казахстан".encode("cp1251"),
                "Привет".encode("cp1251"),
                "é".encode("latin-1"),
                b"\xff\xfe",
                b"\xc0",
                b"\x80",
            ]
        ),
        st.builds(
            lambda tails, leads: bytes(tails + leads),
            st.lists(st.integers(0x80, 0xBF), max_size=3),
            st.lists(st.integers(0xC0, 0xFF), max_size=4),
        ).filter(bool),
    )


def _escaped(raw: bytes) -> str:
    """Undecodable bytes as ``surrogateescape`` reads them: one lone surrogate per byte."""
    return "".join(chr(0xDC00 + byte) for byte in raw)


_CONTROL_CHARACTERS = "".join(
    chr(code) for code in [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0xA0)]
)
"""Control characters that are not tab, LF or CR (those are other rules' defects)."""

_NON_BLANK_CONTROLS = "".join(char for char in _CONTROL_CHARACTERS if not char.isspace())
"""Control characters that ``str.strip`` keeps: a line of them is text to the parser."""


# -- the operators, in code order --


def _invalid_utf8_in_text(draw: st.DrawFn, draft: Draft, roles: Roles) -> None:
    """Bytes that are not UTF-8 inside the title or a paragraph (KZ001)."""
    index = draw(st.sampled_from(text_lines(roles)))
    at = draw(st.integers(0, len(draft.text(index))))
    raw = draw(invalid_utf8_runs())
    insert(draft, index, at, _escaped(raw))
    description = f"bytes {raw!r} at character {at} of line {index + 1} ({article(roles)})"
    draft.mark(index, at, at + len(raw), "KZ001", description)


def _byte_order_mark(draw: st.DrawFn, draft: Draft, roles: Roles) -> None:
    """A UTF-8 byte-order mark at the start of the file (KZ002)."""
    draft.prefix_first_line(BOM)
    draft.mark(0, 0, 1, "KZ002", "byte-order mark at the start of the file")


def _windows_line_end(draw: st.DrawFn, draft: Draft, roles: Roles) -> None:
    """A CRLF or lone CR line end on one line of an article (KZ003)."""
    index = draw(st.integers(roles.header, roles.footer))
    ending = draw(st.sampled_from(["\r\n", "\r"]))
    draft.lines[index].ending = ending
    end = len(draft.text(index))
    description = f"line {index + 1} ({article(roles)}) ends with {ending!r}"
    draft.mark(index, end, end + len(ending), "KZ003", description)


def _control_character_in_text(draw: st.DrawFn, draft: Draft, roles: Roles) -> None:
    """A run of control characters (NUL, ESC, DEL, C1 controls) inside the title or a paragraph
    (KZ004)."""
    index = draw(st.sampled_from(text_lines(roles)))
    at = draw(st.integers(0, len(draft.text(index))))
    run = draw(st.text(st.sampled_from(_CONTROL_CHARACTERS), min_size=1, max_size=3))
    insert(draft, index, at, run)
    description = f"{run!r} at character {at} of line {index + 1} ({article(roles)})"
    draft.mark(index, at, at + len(run), "KZ004", description)


def _tab_in_text(draw: st.DrawFn, draft: Draft, roles: Roles) -> None:
    """Tabs inside the title or a paragraph (KZ005): in place of a space, next to one, or at the
    start of the line, so the words of the line stay the words they were."""
    index = draw(st.sampled_from(text_lines(roles)))
    text = draft.text(index)
    spaces = [at for at, char in enumerate(text) if char == " "]
    places = sorted({0, *spaces, *(at + 1 for at in spaces)})
    at = draw(st.sampled_from(places))
    tabs = "\t" * draw(st.integers(1, 3))
    instead = at in spaces and draw(st.booleans())
    draft.lines[index].text = text[:at] + tabs + text[at + (1 if instead else 0) :]
    how = "instead of the space" if instead else "inserted"
    description = f"{len(tabs)} tab(s) {how} at character {at} of line {index + 1}"
    draft.mark(index, at, at + len(tabs), "KZ005", f"{description} ({article(roles)})")


def _trailing_blanks(draw: st.DrawFn, draft: Draft, roles: Roles) -> None:
    """Spaces and tabs at the end of one line of an article (KZ006)."""
    index = draw(st.integers(roles.header, roles.footer))
    blanks = draw(st.text(st.sampled_from(" \t"), min_size=1, max_size=4))
    end = len(draft.text(index))
    draft.lines[index].text += blanks
    description = f"{blanks!r} at the end of line {index + 1} ({article(roles)})"
    draft.mark(index, end, end + len(blanks), "KZ006", description)


INVISIBLE_CHARACTERS = (
    "\u200b",  # zero width space
    "\u200c",  # zero width non-joiner
    "\u200d",  # zero width joiner
    "\u2060",  # word joiner
    "\ufeff",  # byte-order mark
    "\u00ad",  # soft hyphen
    "\u180e",  # Mongolian vowel separator
    "\u200e",  # left-to-right mark
    "\u200f",  # right-to-left mark
    "\u202a",  # left-to-right embedding
    "\u202c",  # pop directional formatting
    "\u202e",  # right-to-left override
    "\u2066",  # left-to-right isolate
    "\u2069",  # pop directional isolate
)
"""Characters that show nothing (KZ007's), all reported wherever the operator puts them."""


def _invisible_character(draw: st.DrawFn, draft: Draft, roles: Roles) -> None:
    """An invisible character (zero-width space or joiner, soft hyphen, direction mark) at the
    start or end of the title or a paragraph, or next to a space, so that no word is split
    (KZ007)."""
    index = draw(st.sampled_from(text_lines(roles)))
    text = draft.text(index)
    spaces = space_offsets(text)
    at = draw(st.sampled_from(sorted({0, len(text), *spaces, *(at + 1 for at in spaces)})))
    char = draw(st.sampled_from(INVISIBLE_CHARACTERS))
    insert(draft, index, at, char)
    description = f"U+{ord(char):04X} at character {at} of line {index + 1} ({article(roles)})"
    draft.mark(index, at, at + 1, "KZ007", description)


SPECIAL_SPACES = (
    "\u00a0",  # no-break space
    "\u202f",  # narrow no-break space
    "\u2002",  # en space
    "\u2003",  # em space
    "\u2007",  # figure space
    "\u2009",  # thin space
    "\u200a",  # hair space
    "\u205f",  # medium mathematical space
    "\u3000",  # ideographic space
    "\u1680",  # Ogham space mark
)
"""Spaces other than the space (KZ008's)."""


def _special_space(draw: st.DrawFn, draft: Draft, roles: Roles) -> None:
    """A space between two words of the title or a paragraph replaced with a no-break, thin,
    en, em or ideographic space (KZ008)."""
    index = line_where(draw, draft, roles, has_space)
    text = draft.text(index)
    at = draw(st.sampled_from(space_offsets(text)))
    char = draw(st.sampled_from(SPECIAL_SPACES))
    draft.lines[index].text = text[:at] + char + text[at + 1 :]
    description = f"U+{ord(char):04X} at character {at} of line {index + 1} ({article(roles)})"
    draft.mark(index, at, at + 1, "KZ008", description)


def _double_space(draw: st.DrawFn, draft: Draft, roles: Roles) -> None:
    """A space between two words of the title or a paragraph doubled, or more (KZ009)."""
    index = line_where(draw, draft, roles, has_space)
    text = draft.text(index)
    at = draw(st.sampled_from(space_offsets(text)))
    run = " " * draw(st.integers(2, 4))
    draft.lines[index].text = text[:at] + run + text[at + 1 :]
    description = f"{len(run)} spaces at character {at} of line {index + 1} ({article(roles)})"
    draft.mark(index, at, at + len(run), "KZ009", description)


def _hidden_line_place(draw: st.DrawFn, roles: Roles) -> int:
    """Where a new line can go inside an article: before its title, a paragraph or its footer."""
    return draw(st.sampled_from([roles.title, *roles.body, roles.footer]))


def _line_of_invisible_characters(draw: st.DrawFn, draft: Draft, roles: Roles) -> None:
    """A line that holds nothing but invisible characters, inside an article (KZ007): it is
    reported whole, since deleting its characters would leave a blank line."""
    index = _hidden_line_place(draw, roles)
    text = draw(st.text(st.sampled_from(INVISIBLE_CHARACTERS), min_size=1, max_size=3))
    draft.insert_line(index, text)
    description = f"line {index + 1} ({article(roles)}) holds only {text!r}"
    draft.mark(index, 0, len(text) + 1, "KZ007", description)


def _line_of_control_characters(draw: st.DrawFn, draft: Draft, roles: Roles) -> None:
    """A line that holds nothing but control characters (that Python does not count as blanks),
    inside an article (KZ004): it is reported whole, like a line of invisible characters."""
    index = _hidden_line_place(draw, roles)
    text = draw(st.text(st.sampled_from(_NON_BLANK_CONTROLS), min_size=1, max_size=3))
    draft.insert_line(index, text)
    description = f"line {index + 1} ({article(roles)}) holds only {text!r}"
    draft.mark(index, 0, len(text) + 1, "KZ004", description)


def _indented_line(draw: st.DrawFn, draft: Draft, roles: Roles) -> None:
    """Spaces before the header, title, image credit, a paragraph or the footer of an article
    (KZ010)."""
    index = draw(st.integers(roles.header, roles.footer))
    spaces = " " * draw(st.integers(1, 4))
    draft.lines[index].text = spaces + draft.text(index)
    description = f"{len(spaces)} space(s) before line {index + 1} ({article(roles)})"
    draft.mark(index, 0, len(spaces), "KZ010", description)


OPERATORS: tuple[Operator, ...] = (
    Operator("KZ001", _invalid_utf8_in_text),
    Operator("KZ002", _byte_order_mark, stage=3),
    Operator("KZ003", _windows_line_end),
    Operator("KZ004", _control_character_in_text),
    Operator("KZ004", _line_of_control_characters),
    Operator("KZ005", _tab_in_text),
    Operator("KZ006", _trailing_blanks),
    Operator("KZ007", _invisible_character),
    Operator("KZ007", _line_of_invisible_characters),
    Operator("KZ008", _special_space),
    Operator("KZ009", _double_space),
    Operator("KZ010", _indented_line),
)
"""The operators of the encoding and blank rules (KZ0xx), in code order."""
