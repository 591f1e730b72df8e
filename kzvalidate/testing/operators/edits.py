"""Building blocks of the operators: where free text is, putting words and paragraphs into an
article without touching its other words, and rewriting parts of its header."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date

from hypothesis import strategies as st

from kzvalidate.dump.dialects import DEFAULT
from kzvalidate.testing.draft import Draft, Roles
from kzvalidate.testing.record import Record
from kzvalidate.testing.seeds import SEED_PARAGRAPHS


def text_lines(roles: Roles) -> list[int]:
    """The title and the body paragraphs: the lines of free text."""
    return [roles.title, *roles.body]


def insert(draft: Draft, index: int, at: int, piece: str) -> None:
    """Put ``piece`` into a line at character ``at``."""
    text = draft.text(index)
    draft.lines[index].text = text[:at] + piece + text[at:]


def add_paragraph(draft: Draft, roles: Roles, text: str) -> int:
    """Append a body paragraph to the article, before its footer; its index."""
    at = roles.footer
    draft.insert_line(at, text)
    roles.body.append(at)
    return at


def line_where(draw: st.DrawFn, draft: Draft, roles: Roles, fits: Callable[[str], bool]) -> int:
    """A title or paragraph line of the article whose text ``fits``; when none does, a seed
    paragraph that fits is appended to the article first."""
    lines = [index for index in text_lines(roles) if fits(draft.text(index))]
    if lines:
        return draw(st.sampled_from(lines))
    return add_paragraph(draft, roles, draw(st.sampled_from(list(filter(fits, SEED_PARAGRAPHS)))))


def has_space(text: str) -> bool:
    return " " in text


def space_offsets(text: str) -> list[int]:
    return [at for at, char in enumerate(text) if char == " "]


def word_boundaries(text: str) -> list[int]:
    """Where a word can go into a line without touching the others: its start, its end, and
    each space."""
    return sorted({0, len(text), *space_offsets(text)})


def insert_word(draw: st.DrawFn, draft: Draft, index: int, word: str) -> int:
    """Put ``word`` into a line at a drawn word boundary, a space between it and its neighbours
    (so they stay the words they were); where it starts."""
    text = draft.text(index)
    at = draw(st.sampled_from(word_boundaries(text)))
    if at == 0:
        draft.lines[index].text = f"{word} {text}"
        return 0
    draft.lines[index].text = f"{text[:at]} {word}{text[at:]}"
    return at + 1


@dataclass(frozen=True, slots=True)
class HeaderParts:
    """The parts of a header line as the default dialect writes them, each of which an operator
    may write another way (``views`` None leaves out the view count and the blank before it)."""

    date: str
    sep1: str
    time: str
    sep2: str
    views: str | None

    @classmethod
    def of(cls, record: Record) -> HeaderParts:
        return cls(
            written_date(date.fromisoformat(record["date"])),
            DEFAULT.date_time_separator,
            record["time"],
            DEFAULT.views_separator,
            str(record["views"]),
        )

    def text(self) -> str:
        tail = "" if self.views is None else self.sep2 + self.views
        return self.date + self.sep1 + self.time + tail

    def offsets(self) -> dict[str, tuple[int, int]]:
        """0-based character offsets of each part in :meth:`text`."""
        where: dict[str, tuple[int, int]] = {}
        at = 0
        for name in ("date", "sep1", "time", "sep2", "views"):
            value: str | None = getattr(self, name)
            if value is None or (name == "sep2" and self.views is None):
                continue
            where[name] = (at, at + len(value))
            at += len(value)
        return where


def written_date(day: date) -> str:
    """``day`` as the default dialect writes it in a header: ``03.03.2026``."""
    return DEFAULT.canonical_date((day.year, day.month, day.day))


def rewrite_header(
    draft: Draft, roles: Roles, part: str, code: str, description: str, **changes: str
) -> None:
    """Write the article's header with some parts changed and mark ``part`` of it."""
    parts = replace(HeaderParts.of(roles.record), **changes)
    draft.lines[roles.header].text = parts.text()
    start, end = parts.offsets()[part]
    draft.mark(roles.header, start, end, code, description)


def article(roles: Roles) -> str:
    """How descriptions name the article: ``article 2``."""
    return f"article {roles.number}"
