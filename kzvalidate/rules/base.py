"""What a rule is. One rule = one module in a family folder that defines ``RULE`` and a pure
``check`` (or, for rules that compare articles, a collector).

A rule has one of five scopes:

* :class:`LineRule` looks at one physical line;
* :class:`ArticleRule` looks at one article, with the contract violations of its record;
* :class:`BlockRule` looks at every parsed block, the preamble before the first header included;
* :class:`FileRule` compares the articles of one file, and reports when the file is done;
* :class:`RunRule` compares the articles of every file of a run, and reports after the last file
  (its problems name their own path).

Rules never print and never read configuration themselves: what the user configured reaches them
in their :class:`Context` (the dialect of the dumps, the vocabulary). They yield :class:`Problem`
values, and the engine turns them into findings.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import ClassVar, Protocol

from kzvalidate.contract.collection import Entry
from kzvalidate.contract.schema import Violation
from kzvalidate.dump.blocks import Article, Block
from kzvalidate.dump.dialect import Dialect
from kzvalidate.dump.dialects import DEFAULT
from kzvalidate.language.vocabulary import Vocabulary
from kzvalidate.model import ArticleRef, Excerpt, Line, Problem, Severity

CODE_PATTERN = re.compile(r"KZ\d{3}")
NAME_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@dataclass(frozen=True, slots=True)
class Context:
    """What a rule may know besides its input: the record's contract violations (article rules),
    the dialect of the dumps, and the vocabulary (shipped, plus what the user configured)."""

    violations: tuple[Violation, ...] = ()
    vocabulary: Vocabulary = field(default_factory=Vocabulary.shipped)
    dialect: Dialect = DEFAULT

    def claimed(self, claims: frozenset[tuple[str, str]]) -> Iterable[Violation]:
        return (v for v in self.violations if (v.field, v.keyword) in claims)

    def breaks(self, claims: frozenset[tuple[str, str]]) -> bool:
        """Whether the record breaks any of these contract constraints."""
        return any(True for _ in self.claimed(claims))


LineCheck = Callable[[Line], Iterable[Problem]]
ArticleCheck = Callable[[Article, Context], Iterable[Problem]]
BlockCheck = Callable[[Block, Context], Iterable[Problem]]


class Collector(Protocol):
    """The state of a file rule over one file: fed every article in order, then asked for its
    problems, each with an excerpt of the line it points at (to show under the finding) and the
    article it is in."""

    def add(self, article: Article) -> None: ...

    def finish(self) -> Iterable[FileProblem]: ...


@dataclass(frozen=True, slots=True)
class FileProblem:
    """A problem found by comparing the articles of a file: the excerpt to show, and the article
    it stands in."""

    problem: Problem
    excerpt: Excerpt
    article: ArticleRef | None = None


@dataclass(frozen=True, slots=True)
class RunProblem:
    """A problem found across the files of a run: the path it is in, and what to show."""

    path: str
    problem: Problem
    excerpt: Excerpt | None = None
    article: ArticleRef | None = None


class RunCollector(Protocol):
    """The state of a run rule: fed the :class:`Entry` of every article of every file in run
    order, then asked for its problems once the last file is done. It should keep only what it
    must compare (hashes, keys), so memory stays small whatever the number of files.

    Entries, not articles: they are all a run rule may compare, so articles can be parsed and
    checked anywhere (another process, a cluster worker) and their entries compared in one
    place, with the same result."""

    def add(self, entry: Entry) -> None: ...

    def finish(self) -> Iterable[RunProblem]: ...


CollectorFactory = Callable[[Context], Collector]
RunCollectorFactory = Callable[[Context], RunCollector]


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
class ArticleRule(Rule):
    scope: ClassVar[str] = "article"
    check: ArticleCheck


@dataclass(frozen=True, slots=True, kw_only=True)
class BlockRule(Rule):
    """A rule that also sees the preamble before the first header."""

    scope: ClassVar[str] = "block"
    check: BlockCheck


@dataclass(frozen=True, slots=True, kw_only=True)
class FileRule(Rule):
    """A rule that compares the articles of one file: ``collector`` makes a fresh
    :class:`Collector` for each file."""

    scope: ClassVar[str] = "file"
    collector: CollectorFactory


@dataclass(frozen=True, slots=True, kw_only=True)
class RunRule(Rule):
    """A rule that compares the articles of every file of a run: ``collector`` makes one
    :class:`RunCollector` for the run."""

    scope: ClassVar[str] = "run"
    collector: RunCollectorFactory


AnyRule = LineRule | ArticleRule | BlockRule | FileRule | RunRule


def quoted(text: str, limit: int = 60) -> str:
    """Offending text for a message: quoted, invisible characters escaped, long text shortened."""
    shown = text if len(text) <= limit else text[: limit - 1] + "\u2026"
    return repr(shown)
