"""What a rule is. One rule = one module in this package that defines ``RULE`` and a pure ``check``.

Line rules look at one physical line; block rules look at one parsed block (an article or the
preamble before the first header) together with the contract violations of its record; collection
rules compare the articles of one file with each other, so they report when the file is done.
Rules never print and never read configuration themselves: what the user configured reaches them
as the :class:`~kzvalidate.vocabulary.Vocabulary` in their :class:`Context`. They yield
:class:`Problem` values, and the engine turns them into findings.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import ClassVar, Protocol

from kzvalidate.contract import Violation
from kzvalidate.model import Excerpt, Line, Problem, Severity
from kzvalidate.parser import Article, Block
from kzvalidate.vocabulary import Vocabulary

CODE_PATTERN = re.compile(r"KZ\d{3}")
NAME_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@dataclass(frozen=True, slots=True)
class Context:
    """What a block rule may know besides the block: its record's contract violations and the
    vocabulary (shipped, plus what the user configured)."""

    violations: tuple[Violation, ...] = ()
    vocabulary: Vocabulary = field(default_factory=Vocabulary.shipped)

    def claimed(self, claims: frozenset[tuple[str, str]]) -> Iterable[Violation]:
        return (v for v in self.violations if (v.field, v.keyword) in claims)

    def breaks(self, claims: frozenset[tuple[str, str]]) -> bool:
        """Whether the record breaks any of these contract constraints."""
        return any(True for _ in self.claimed(claims))


LineCheck = Callable[[Line], Iterable[Problem]]
BlockCheck = Callable[[Block, Context], Iterable[Problem]]


class Collector(Protocol):
    """The state of a collection rule over one file: fed every article in order, then asked for
    its problems, each with an excerpt of the line it points at (to show under the finding)."""

    def add(self, article: Article) -> None: ...

    def finish(self) -> Iterable[tuple[Problem, Excerpt]]: ...


CollectorFactory = Callable[[Context], Collector]


@dataclass(frozen=True, slots=True, kw_only=True)
class Rule:
    """A rule's identity and documentation; ``doc`` is its module docstring.

    ``claims`` lists the contract violations, as (record field, JSON Schema keyword), that this
    rule answers for: a record breaks the contract exactly when some claiming rule reports it.
    """

    code: str
    name: str
    severity: Severity
    doc: str
    fixable: bool = False
    enabled_by_default: bool = True
    claims: frozenset[tuple[str, str]] = field(default_factory=frozenset)

    @property
    def summary(self) -> str:
        """The first line of the rule's docstring."""
        return self.doc.strip().splitlines()[0]

    def __post_init__(self) -> None:
        if not CODE_PATTERN.fullmatch(self.code):
            raise ValueError(f"rule code {self.code!r} is not of the form KZ000")
        if not NAME_PATTERN.fullmatch(self.name):
            raise ValueError(f"rule name {self.name!r} is not kebab-case")
        if not self.doc.strip():
            raise ValueError(f"rule {self.code} has no docstring")


@dataclass(frozen=True, slots=True, kw_only=True)
class LineRule(Rule):
    scope: ClassVar[str] = "line"
    check: LineCheck


@dataclass(frozen=True, slots=True, kw_only=True)
class BlockRule(Rule):
    scope: ClassVar[str] = "block"
    check: BlockCheck


@dataclass(frozen=True, slots=True, kw_only=True)
class CollectionRule(Rule):
    """A rule that compares the articles of one file: ``collector`` makes a fresh
    :class:`Collector` for each file."""

    scope: ClassVar[str] = "file"
    collector: CollectorFactory


AnyRule = LineRule | BlockRule | CollectionRule


def quoted(text: str, limit: int = 60) -> str:
    """Offending text for a message: quoted, invisible characters escaped, long text shortened."""
    shown = text if len(text) <= limit else text[: limit - 1] + "\u2026"
    return repr(shown)
