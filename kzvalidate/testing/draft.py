"""A dump being mutated, and the operators that inject defects into it.

A :class:`Draft` holds the lines of a generated dump and which lines hold each article's parts
(:class:`Roles`); an :class:`Operator` changes one article of it (or the whole file) and marks
where its rule must report the defect (a :class:`Spot`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from hypothesis import strategies as st

from kzvalidate.dump.render import render_record
from kzvalidate.testing.record import Record


@dataclass(slots=True)
class Line:
    """One line of a draft: its text and its line end."""

    text: str
    """The decoded text; undecodable bytes are lone surrogates (as ``surrogateescape`` reads)."""
    ending: str = "\n"


@dataclass(frozen=True, slots=True)
class Spot:
    """Where an injected defect must be reported: a 0-based line index and character offsets."""

    line: int
    start: int
    end: int
    code: str
    description: str
    whole_line: bool = False
    """The span covers the whole line from its first column, a leading BOM included."""


@dataclass(slots=True)
class Roles:
    """Which lines of the draft hold one article's parts (0-based indices)."""

    number: int
    record: Record
    header: int
    title: int
    credit: int | None
    body: list[int]
    footer: int

    def renumber(self, moved: Callable[[int], int]) -> None:
        self.header, self.title, self.footer = map(moved, (self.header, self.title, self.footer))
        self.credit = None if self.credit is None else moved(self.credit)
        self.body = [moved(index) for index in self.body]


@dataclass(slots=True)
class Draft:
    """A dump being mutated: its lines, where each article's parts are, the defects so far.

    Inserting or deleting a line renumbers the parts and the defects after it, so that operators
    can be applied one after the other.
    """

    lines: list[Line]
    articles: list[Roles]
    spots: list[Spot] = field(default_factory=list)

    @classmethod
    def of(cls, records: list[Record]) -> Draft:
        lines: list[Line] = []
        articles: list[Roles] = []
        for number, record in enumerate(records, 1):
            first = len(lines)
            rendered = render_record(record).split("\n")[:-1]
            credit = first + 2 if "image_credit" in record else None
            body_start = first + (3 if credit is not None else 2)
            footer = first + len(rendered) - 1
            roles = Roles(number, record, first, first + 1, credit, [], footer)
            roles.body = list(range(body_start, footer))
            articles.append(roles)
            lines.extend(Line(text) for text in rendered)
        return cls(lines, articles)

    def data(self) -> bytes:
        return "".join(line.text + line.ending for line in self.lines).encode(
            "utf-8", "surrogateescape"
        )

    def text(self, index: int) -> str:
        return self.lines[index].text

    def mark(
        self, index: int, start: int, end: int, code: str, description: str, *, whole: bool = False
    ) -> None:
        self.spots.append(Spot(index, start, end, code, description, whole))

    def insert_line(self, at: int, text: str) -> None:
        self.lines.insert(at, Line(text))
        self._renumber(lambda index: index + 1 if index >= at else index)

    def delete_line(self, at: int) -> None:
        assert all(spot.line != at for spot in self.spots), "a defect is marked on that line"
        del self.lines[at]
        self._renumber(lambda index: index - 1 if index > at else index)

    def _renumber(self, moved: Callable[[int], int]) -> None:
        for roles in self.articles:
            roles.renumber(moved)
        self.spots = [replace(spot, line=moved(spot.line)) for spot in self.spots]

    def prefix_first_line(self, text: str) -> None:
        """Put ``text`` before the first character of the file, moving the defects on line 1."""
        self.lines[0].text = text + self.lines[0].text
        width = len(text)
        self.spots = [
            replace(
                spot,
                start=spot.start if spot.whole_line else spot.start + width,
                end=spot.end + width,
            )
            if spot.line == 0
            else spot
            for spot in self.spots
        ]


Inject = Callable[[st.DrawFn, Draft, Roles], None]


@dataclass(frozen=True, slots=True)
class Operator:
    """A way to inject one defect of the kind rule ``code`` reports.

    ``inject`` changes one article of a draft dump (or the file as a whole, when ``stage`` is
    above 0: such operators run after the per-article ones, in stage order) and marks where the
    defect must be reported. An operator that is ``alone`` hides every other defect (a file left
    without a header is reported only as such), so it is never combined with other operators.
    """

    code: str
    inject: Inject
    stage: int = 0
    alone: bool = False

    @property
    def name(self) -> str:
        return self.inject.__name__.lstrip("_")

    @property
    def summary(self) -> str:
        return (self.inject.__doc__ or "").strip().splitlines()[0]

    @property
    def whole_file(self) -> bool:
        return self.stage > 0

    def __repr__(self) -> str:
        return f"Operator({self.code}, {self.name})"
