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

import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import ClassVar, Protocol, Self, runtime_checkable

from kzvalidate.contract.collection import Entry
from kzvalidate.contract.schema import Violation
from kzvalidate.dump.blocks import Article, Block
from kzvalidate.dump.dialect import Dialect
from kzvalidate.dump.dialects import DEFAULT
from kzvalidate.language.vocabulary import Vocabulary
from kzvalidate.model import ArticleRef, Excerpt, Line, Problem, Severity
from kzvalidate.patterns import compiled

CODE_PATTERN = compiled(r"KZ\d{3}")
NAME_PATTERN = compiled(r"[a-z0-9]+(?:-[a-z0-9]+)*")


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


@runtime_checkable
class MergeableCollector(Collector, Protocol):
    """A collector whose state can be collected in pieces: a file cut at article boundaries is
    read by one collector per stretch (each told :meth:`keep_for_merge` before its first
    article), and folding them in file order with :meth:`merge` gives exactly the problems one
    collector fed every article would give. What a stretch's collector keeps must pickle and
    stay small: it travels from the process that read the stretch to the one that merges."""

    def keep_for_merge(self) -> None:
        """Keep, from now on, what :meth:`merge` needs to fold this state after another one."""

    def merge(self, later: Self) -> None:
        """Fold in ``later``: a collector (told :meth:`keep_for_merge`) fed the articles that
        come right after the ones this one saw."""


@dataclass(frozen=True, slots=True)
class FileProblem:
    """A problem found by comparing the articles of a file: the excerpt to show (None: a problem
    of the whole file, shown without one), and the article it stands in."""

    problem: Problem
    excerpt: Excerpt | None
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


class FixSafety(StrEnum):
    """Which fixes a fixable rule offers, so that ``explain``, ``rules`` and the docs can say
    which option applies them. The rule cases check that a rule's fixes keep its word."""

    SAFE = "safe"
    """Every fix changes nothing a reader would miss: ``--fix`` applies it."""
    UNSAFE = "unsafe"
    """Every fix deletes or rewrites words: only ``--fix --unsafe-fixes`` applies it."""
    MIXED = "mixed"
    """Safe for some findings, unsafe for others (a padded hour is safe, dropped seconds are
    not)."""

    @property
    def label(self) -> str:
        """For a table: ``safe``, ``unsafe``, ``safe or unsafe``."""
        return "safe or unsafe" if self is FixSafety.MIXED else self.value


@dataclass(frozen=True, slots=True, kw_only=True)
class Rule:
    """A rule's identity and documentation; ``doc`` is its module docstring.

    ``claims`` lists the contract violations, as (record field, JSON Schema keyword), that this
    rule answers for: a record breaks the contract exactly when some claiming rule reports it.
    ``fix_safety`` says which fixes the rule offers; a rule without it offers none.
    """

    code: str
    name: str
    severity: Severity
    doc: str
    fix_safety: FixSafety | None = None
    enabled_by_default: bool = True
    claims: frozenset[tuple[str, str]] = field(default_factory=frozenset)

    @property
    def fixable(self) -> bool:
        return self.fix_safety is not None

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
    for_non_dumps: bool = False
    """The rule looks only at files that are not news dumps at all (text, but no article header
    anywhere), with no article to collect. While it runs, such a file gets its findings only:
    the other rules, which read articles, do not look at it, so no fix rewrites it."""


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


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    """``1 space``, ``3 spaces``, ``1,024 blank lines``."""
    return f"{count:,} {noun if count == 1 else nouns or noun + 's'}"


_CHARACTER_NAMES = {
    "\x00": "null character",
    "\x1b": "escape character",
    "\x7f": "delete character",
    "\u00a0": "no-break space",
    "\u00ad": "soft hyphen",
    "\u200b": "zero-width space",
    "\u200c": "zero-width non-joiner",
    "\u200d": "zero-width joiner",
    "\u202f": "narrow no-break space",
    "\ufeff": "byte-order mark",
}


def character(char: str) -> str:
    """A character as a reader names it, its code point after it for the technical reader:
    ``zero-width space (U+200B)``, ``control character (U+001B)``."""
    name = _CHARACTER_NAMES.get(char) or unicodedata.name(char, "").lower() or "control character"
    return f"{name} ({code_point(char)})"


def indefinite(noun: str) -> str:
    """``a no-break space``, ``an em space``."""
    return f"{'an' if noun[:1] in 'aeiou' else 'a'} {noun}"


def code_point(char: str) -> str:
    return f"U+{ord(char):04X}"
