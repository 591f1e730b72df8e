"""The data that flows through kzvalidate: lines, spans, findings and fixes.

Positions are 1-based. Columns count characters (code points) of the decoded line; an end column
points just past the last character, so a zero-width span has ``column == end_column``.
"""

from __future__ import annotations

from dataclasses import MISSING, dataclass, fields
from enum import StrEnum
from operator import attrgetter
from typing import Any, TypeVar

_Class = TypeVar("_Class", bound=type)


def pickled_as_values(cls: _Class) -> _Class:
    """Pickle the frozen dataclass ``cls`` as a call of ``cls`` with its field values. The
    default for a frozen slotted dataclass looks its fields up on every object, which made up
    most of the cost of sending findings and entries between processes (``--jobs``)."""
    names = tuple(field.name for field in fields(cls))
    values = attrgetter(*names)
    single = len(names) == 1

    def reduce_to_values(self: object) -> tuple[type, tuple[object, ...]]:
        found = values(self)
        return cls, (found,) if single else found

    setattr(cls, "__reduce__", reduce_to_values)  # noqa: B010 (mypy forbids assigning a method)
    return cls


def set_through_slots(cls: _Class) -> _Class:
    """Give the frozen slotted dataclass ``cls`` an ``__init__`` that sets each field through its
    slot, bound once, instead of looking ``object.__setattr__`` and the slot up by name for every
    field of every object as the generated one does: a third less time to build a ``Line``, a
    ``Span`` or a ``Field``, of which the parser builds several a line (issue 12). Same signature,
    same defaults; the object stays frozen. Making it costs about 0.1 ms at import, so it is
    only for classes built by the thousand."""
    own = [field for field in fields(cls) if field.init]
    if len(own) != len(fields(cls)) or hasattr(cls, "__post_init__"):
        raise TypeError(f"{cls.__name__}: only fields set by __init__ can be set through slots")
    if any(field.default_factory is not MISSING for field in own):
        raise TypeError(f"{cls.__name__}: a default factory needs the generated __init__")
    names = [field.name for field in own]
    defaults = {f"_default_{field.name}": field.default for field in own}
    setters = {f"_set_{name}": getattr(cls, name).__set__ for name in names}
    parameters = [
        name if field.default is MISSING else f"{name}=_default_{name}"
        for name, field in zip(names, own, strict=True)
    ]
    body = "".join(f"\n        _set_{name}(self, {name})" for name in names)
    source = (
        f"def build({', '.join([*defaults, *setters])}):"
        f"\n    def __init__(self, {', '.join(parameters)}):{body}"
        "\n    return __init__"
    )
    namespace: dict[str, Any] = {}
    exec(source, namespace)  # the source is made here from the field names only
    init = namespace["build"](**defaults, **setters)
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    setattr(cls, "__init__", init)  # noqa: B010 (mypy forbids assigning a method)
    return cls


class Severity(StrEnum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]


_SEVERITY_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


@set_through_slots
@pickled_as_values
@dataclass(frozen=True, slots=True)
class Span:
    line: int
    column: int
    end_line: int
    end_column: int

    @classmethod
    def on_line(cls, line: int, start: int, end: int) -> Span:
        """A span on one line from 0-based character offsets ``start`` to ``end``."""
        return cls(line, start + 1, line, end + 1)


@set_through_slots
@pickled_as_values
@dataclass(frozen=True, slots=True)
class Line:
    """One physical line: its text (decoded, without terminator) and the terminator itself.

    Undecodable bytes are kept as lone surrogates (``surrogateescape``), so :attr:`raw` gives back
    exactly the bytes that were read.
    """

    number: int
    offset: int
    text: str
    ending: str

    @property
    def raw(self) -> bytes:
        return (self.text + self.ending).encode("utf-8", "surrogateescape")

    @property
    def full_span(self) -> Span:
        return Span.on_line(self.number, 0, len(self.text))

    @property
    def end_span(self) -> Span:
        """The zero-width span just after the last character of the line."""
        return Span.on_line(self.number, len(self.text), len(self.text))


@set_through_slots
@pickled_as_values
@dataclass(frozen=True, slots=True)
class Excerpt:
    """Part of a line, kept to show under a finding after the line itself is gone: ``text`` starts
    at the 0-based column ``start`` of line ``number``; ``ending`` is the line's terminator if the
    excerpt reaches the end of the line, else ``text`` ends with an ellipsis (for display only:
    columns count from the start)."""

    number: int
    start: int
    text: str
    ending: str = ""

    @classmethod
    def of(cls, line: Line, start: int, end: int, context: int = 60) -> Excerpt:
        """The characters ``start`` to ``end`` of ``line`` with ``context`` more on each side."""
        left, right = max(0, start - context), min(len(line.text), end + context)
        if right == len(line.text):
            return cls(line.number, left, line.text[left:], line.ending)
        return cls(line.number, left, line.text[left:right] + "\u2026")


@set_through_slots
@pickled_as_values
@dataclass(frozen=True, slots=True)
class Field:
    """A piece of a line that the parser gave meaning to, with where it stands."""

    text: str
    span: Span

    @classmethod
    def slice(cls, line: Line, start: int, end: int) -> Field:
        return cls(line.text[start:end], Span.on_line(line.number, start, end))


@pickled_as_values
@dataclass(frozen=True, slots=True)
class Edit:
    """Replace the characters covered by ``span`` with ``content``.

    Columns past the end of the line's text address its terminator, so an edit can rewrite a line
    ending (``\\r\\n`` sits at columns ``len(text) + 1`` and ``len(text) + 2``).
    """

    span: Span
    content: str


@pickled_as_values
@dataclass(frozen=True, slots=True)
class Fix:
    """Edits that mend one finding. An unsafe fix removes or rewrites words the user wrote, so it is
    applied only on explicit request."""

    description: str
    edits: tuple[Edit, ...]
    safe: bool = True

    @classmethod
    def replace(cls, description: str, span: Span, content: str, *, safe: bool = True) -> Fix:
        return cls(description, (Edit(span, content),), safe)

    @classmethod
    def delete(cls, description: str, span: Span, *, safe: bool = True) -> Fix:
        return cls(description, (Edit(span, ""),), safe)


@pickled_as_values
@dataclass(frozen=True, slots=True)
class Problem:
    """What a rule's ``check`` yields: where, what is wrong, how to mend it."""

    span: Span
    message: str
    hint: str | None = None
    fix: Fix | None = None


@pickled_as_values
@dataclass(frozen=True, slots=True)
class ArticleRef:
    """The article a finding is in, as an editor names it: the line of its header, its date and
    time as written there, and its title (None when it has none)."""

    line: int
    date: str
    time: str
    title: str | None = None


@pickled_as_values
@dataclass(frozen=True, slots=True)
class Finding:
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    code: str
    name: str
    severity: Severity
    message: str
    hint: str | None = None
    fix: Fix | None = None
    line_text: str | None = None
    """The text of the finding's first line (shared, not copied), to show the offending text."""
    line_ending: str = ""
    line_text_start: int = 0
    """The 0-based column at which ``line_text`` starts when only an excerpt of it is kept."""
    article: ArticleRef | None = None
    """The article the finding is in; None for the text before the first header and for findings
    about the whole file."""

    @property
    def span(self) -> Span:
        return Span(self.line, self.column, self.end_line, self.end_column)

    @property
    def sort_key(self) -> tuple[int, int, str]:
        return (self.line, self.column, self.code)
