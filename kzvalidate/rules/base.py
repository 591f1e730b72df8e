"""What a rule is. One rule = one module in this package that defines ``RULE`` and a pure ``check``.

Line rules look at one physical line; block rules look at one parsed block (an article or the
preamble before the first header) together with the contract violations of its record.
Rules never print and never read configuration themselves: they yield :class:`Problem` values,
and the engine turns them into findings.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from kzvalidate.contract import Violation
from kzvalidate.model import Line, Problem, Severity
from kzvalidate.parser import Block

CODE_PATTERN = re.compile(r"KZ\d{3}")
NAME_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@dataclass(frozen=True, slots=True)
class Context:
    """What a block rule may know besides the block: its record's contract violations."""

    violations: tuple[Violation, ...] = ()

    def claimed(self, claims: frozenset[tuple[str, str]]) -> Iterable[Violation]:
        return (v for v in self.violations if (v.field, v.keyword) in claims)

    def breaks(self, claims: frozenset[tuple[str, str]]) -> bool:
        """Whether the record breaks any of these contract constraints."""
        return any(True for _ in self.claimed(claims))


LineCheck = Callable[[Line], Iterable[Problem]]
BlockCheck = Callable[[Block, Context], Iterable[Problem]]


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
    check: LineCheck


@dataclass(frozen=True, slots=True, kw_only=True)
class BlockRule(Rule):
    check: BlockCheck


AnyRule = LineRule | BlockRule


def quoted(text: str, limit: int = 60) -> str:
    """Offending text for a message: quoted, invisible characters escaped, long text shortened."""
    shown = text if len(text) <= limit else text[: limit - 1] + "\u2026"
    return repr(shown)
