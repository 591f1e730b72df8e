"""Run the selected rules over sources: blocks stream in, sorted findings stream out.

Memory is bounded by one article: a block's findings are sorted and handed on before the next
block is read. File rules, which compare the articles of a file, keep what they need to compare
and report when the file is done, after its per-article findings. Run rules see every article of
every file through a :class:`RunScope`, which reports once the run's last file is done.

A file with text but no article header is not a news dump: while a rule for such files runs
(KZ113), the file gets that rule's finding only, and a dump is not shown to it
(:mod:`kzvalidate.dump.detect` reads ahead to the first header). The configuration's
:class:`~kzvalidate.rules.policy.Policy` is applied here too: the rules carry its severities,
and a rule it ignores for a file does not run on that file.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import ParamSpec, TypeVar

from kzvalidate.contract.collection import Entry
from kzvalidate.contract.record import Record, article_entry, article_record
from kzvalidate.contract.schema import Violation, validate_record
from kzvalidate.dump.blocks import Article, Block
from kzvalidate.dump.detect import dump_lines
from kzvalidate.dump.dialect import Dialect
from kzvalidate.dump.dialects import DEFAULT
from kzvalidate.dump.parser import parse
from kzvalidate.language.vocabulary import Vocabulary
from kzvalidate.model import ArticleRef, Excerpt, Finding, Line, Problem
from kzvalidate.results import Admit, FileResult, FindingSink
from kzvalidate.rules.base import (
    AnyRule,
    ArticleRule,
    BlockRule,
    Collector,
    Context,
    FileRule,
    LineRule,
    RunCollector,
    RunRule,
)
from kzvalidate.rules.collection.spill import SpillError, sorted_spilling
from kzvalidate.rules.encoding.prefilter import LinePrefilter
from kzvalidate.rules.policy import NO_POLICY, Policy
from kzvalidate.source.reading import Source, SourceError, open_stream

T = TypeVar("T")
P = ParamSpec("P")


class RuleCrashError(Exception):
    """A rule raised: a bug in kzvalidate, reported as a file error instead of a traceback."""

    @classmethod
    def of(cls, rule: AnyRule, error: Exception) -> RuleCrashError:
        if isinstance(error, SpillError):  # the machine's problem, not a bug
            return cls(f"rule {rule.code} {rule.name} stopped: {error}")
        return cls(
            f"internal error in rule {rule.code} {rule.name}: {type(error).__name__}: {error} "
            "(please report this)"
        )


def to_finding(
    path: str,
    rule: AnyRule,
    problem: Problem,
    line: Line | Excerpt | None = None,
    article: ArticleRef | None = None,
) -> Finding:
    span = problem.span
    return Finding(
        path=path,
        line=span.line,
        column=span.column,
        end_line=span.end_line,
        end_column=span.end_column,
        code=rule.code,
        name=rule.name,
        severity=rule.severity,
        message=problem.message,
        hint=problem.hint,
        fix=problem.fix if rule.fixable else None,
        line_text=None if line is None else line.text,
        line_ending="" if line is None else line.ending,
        line_text_start=line.start if isinstance(line, Excerpt) else 0,
        article=article,
    )


class RunScope:
    """The collectors of the run rules over one run: every article of every file goes in, in run
    order; :meth:`finish` gives their findings after the last file."""

    def __init__(
        self, rules: Sequence[RunRule], context: Context, policy: Policy = NO_POLICY
    ) -> None:
        self.collectors: list[tuple[RunRule, RunCollector]] = [
            (rule, rule.collector(context)) for rule in rules
        ]
        self.policy = policy

    def add(self, article: Article) -> None:
        if self.collectors:
            self.add_entry(article_entry(article))

    def add_entry(self, entry: Entry) -> None:
        for rule, collector in self.collectors:
            _feed(rule, collector.add, entry)

    def finish(self) -> list[Finding]:
        """The run rules' findings, by path, line and column (a crash is a finding-less error)."""
        return list(self.findings())

    def findings(self) -> Iterator[Finding]:
        """:meth:`finish` in bounded memory: past a few thousand findings, they are sorted on
        disk (:func:`~kzvalidate.rules.collection.spill.sorted_spilling`). A crash is raised
        here, before the first finding."""
        found = (
            to_finding(problem.path, rule, problem.problem, problem.excerpt, problem.article)
            for rule, collector in self.collectors
            for problem in _guarded_each(rule, collector.finish)
            if rule.code not in self.policy.ignored(problem.path)
        )
        return sorted_spilling(found, key=lambda finding: (finding.path, *finding.sort_key))


class Linter:
    """The selected rules over sources, with the configuration's ``policy`` applied where
    findings are made: its severities are the rules' own, and a rule ignored for a file does
    not run on it."""

    def __init__(
        self,
        rules: Sequence[AnyRule],
        vocabulary: Vocabulary | None = None,
        dialect: Dialect = DEFAULT,
        policy: Policy = NO_POLICY,
    ) -> None:
        rules = policy.with_severities(rules)
        self.policy = policy
        self.line_rules = [rule for rule in rules if isinstance(rule, LineRule)]
        self.line_prefilter = LinePrefilter.of(self.line_rules)
        """Skips the lines no line rule can report on (None: every line goes to every rule)."""
        self.article_rules = [rule for rule in rules if isinstance(rule, ArticleRule)]
        self.block_rules = [rule for rule in rules if isinstance(rule, BlockRule)]
        self.file_rules = [rule for rule in rules if isinstance(rule, FileRule)]
        self.run_rules = [rule for rule in rules if isinstance(rule, RunRule)]
        self.judges_dumps = any(rule.for_non_dumps for rule in self.file_rules)
        """Whether a file with no header gets only the findings of the rules for such files."""
        self.needs_contract = any(rule.claims for rule in self.article_rules)
        self.dialect = dialect
        self.vocabulary = Vocabulary.shipped() if vocabulary is None else vocabulary
        self.plain_context = Context(vocabulary=self.vocabulary, dialect=dialect)
        self._last_checked: tuple[Article, Record, tuple[Violation, ...]] | None = None

    def run_scope(self) -> RunScope:
        """A fresh scope for the run rules of one run."""
        return RunScope(self.run_rules, self.plain_context, self.policy)

    def context(self, article: Article) -> Context:
        if self.needs_contract:
            _, violations = self.checked_record(article)
            if violations:
                return Context(violations, self.vocabulary, self.dialect)
        return self.plain_context

    def checked_record(self, article: Article) -> tuple[Record, tuple[Violation, ...]]:
        """The article's contract record and its violations. The last article's are kept, so
        that what runs after the rules on the same article (the ingestion gate) does not build
        and validate the record again."""
        last = self._last_checked
        if last is not None and last[0] is article:
            return last[1], last[2]
        record = article_record(article)
        violations = validate_record(record, self.dialect)
        self._last_checked = (article, record, violations)
        return record, violations

    def lint_block(self, block: Block, path: str) -> list[Finding]:
        findings: list[Finding] = []
        article = block.ref if isinstance(block, Article) else None
        ignored = self.policy.ignored(path)
        line_rules = _running(self.line_rules, ignored)
        prefilter = self.line_prefilter
        if line_rules and (prefilter is None or not prefilter.all_quiet(block.lines)):
            for line in block.lines:
                if prefilter is not None and prefilter.quiet(line):
                    continue
                for line_rule in line_rules:
                    for problem in _guarded(line_rule, line_rule.check, line):
                        findings.append(to_finding(path, line_rule, problem, line, article))
        checks: list[tuple[AnyRule, list[Problem]]] = []
        context = self.plain_context
        rule: AnyRule | None = None
        try:  # one guard for the block's rules, not one call through a guard for each
            if isinstance(block, Article):
                context = self.context(block)
                for rule in _running(self.article_rules, ignored):
                    if problems := list(rule.check(block, context)):
                        checks.append((rule, problems))
            for rule in _running(self.block_rules, ignored):
                if problems := list(rule.check(block, context)):
                    checks.append((rule, problems))
        except Exception as error:  # a rule bug must not stop the other files
            if rule is None:
                raise
            raise RuleCrashError.of(rule, error) from error
        if checks:
            by_number = {line.number: line for line in block.lines}
            for rule, problems in checks:
                for problem in problems:
                    shown = by_number.get(problem.span.line)
                    findings.append(to_finding(path, rule, problem, shown, article))
        findings.sort(key=lambda finding: finding.sort_key)
        return findings

    def lint_blocks(
        self, blocks: Iterable[Block], path: str
    ) -> Iterator[tuple[Block, list[Finding]]]:
        for block in blocks:
            yield block, self.lint_block(block, path)

    def lint_source(
        self,
        source: Source,
        sink: FindingSink | None = None,
        scope: RunScope | None = None,
        admit: Admit | None = None,
    ) -> FileResult:
        """Lint a whole source. With a ``sink``, findings stream to it as each article is done
        instead of being kept, so memory does not grow with their number. With a ``scope``, its
        articles also go to the run rules of that run; without one, the file is a run of its own,
        and the run rules' findings come after the file rules'. A finding ``admit`` turns away
        is only counted as suppressed."""
        own_scope = self.run_scope() if scope is None and self.run_rules else None
        scope = scope or own_scope
        result = FileResult(source.name, admit=admit)
        collectors = self.file_collectors(source.name)
        try:
            lines = dump_lines(source, self.dialect) if self.judges_dumps else source.lines()
            if lines is None:  # not a news dump: only the rules for such files look at it
                judges = [(rule, found) for rule, found in collectors if rule.for_non_dumps]
                for finding in self.collected(judges, source.name):
                    result.take(finding, sink)
                return result
            collectors = [(rule, found) for rule, found in collectors if not rule.for_non_dumps]
            blocks = parse(lines, source.name, self.dialect)
            for block, findings in self.lint_blocks(blocks, source.name):
                if isinstance(block, Article):
                    result.articles += 1
                    for rule, collector in collectors:
                        _feed(rule, collector.add, block)
                    if scope is not None:
                        scope.add(block)
                for finding in findings:
                    result.take(finding, sink)
            for finding in self.collected(collectors, source.name):
                result.take(finding, sink)
            for finding in own_scope.findings() if own_scope is not None else ():
                result.take(finding, sink)
        except SourceError as error:
            result.error = error.reason
        except RuleCrashError as error:
            result.error = str(error)
        return result

    def file_collectors(self, path: str) -> list[tuple[FileRule, Collector]]:
        """Fresh collectors of the file rules that run on file ``path``."""
        ignored = self.policy.ignored(path)
        return [
            (rule, rule.collector(self.plain_context))
            for rule in _running(self.file_rules, ignored)
        ]

    @staticmethod
    def collected(collectors: Sequence[tuple[FileRule, Collector]], path: str) -> list[Finding]:
        """The findings of the file rules once a file is done, in report order."""
        findings = [
            to_finding(path, rule, found.problem, found.excerpt, found.article)
            for rule, collector in collectors
            for found in _guarded(rule, collector.finish)
        ]
        findings.sort(key=lambda finding: finding.sort_key)
        return findings

    def lint_bytes(
        self,
        data: bytes,
        path: str = "<bytes>",
        sink: FindingSink | None = None,
        scope: RunScope | None = None,
        admit: Admit | None = None,
    ) -> FileResult:
        try:
            source = open_stream(io.BufferedReader(io.BytesIO(data)), path)
        except SourceError as error:
            return FileResult(path, error=error.reason)
        return self.lint_source(source, sink, scope, admit)


R = TypeVar("R", bound=AnyRule)


def _running(rules: list[R], ignored: frozenset[str]) -> list[R]:
    """The rules that run on a file for which the ``ignored`` codes are turned off."""
    return [rule for rule in rules if rule.code not in ignored] if ignored else rules


def _guarded(
    rule: AnyRule, call: Callable[P, Iterable[T]], *args: P.args, **kwargs: P.kwargs
) -> list[T]:
    """What ``call`` yields, with a rule's exception turned into :class:`RuleCrashError`."""
    try:
        return list(call(*args, **kwargs))
    except Exception as error:  # a rule bug must not stop the other files
        raise RuleCrashError.of(rule, error) from error


def _guarded_each(rule: AnyRule, call: Callable[[], Iterable[T]]) -> Iterator[T]:
    """:func:`_guarded` one item at a time."""
    try:
        yield from call()
    except Exception as error:  # a rule bug must not stop the other files
        raise RuleCrashError.of(rule, error) from error


def _feed(rule: AnyRule, add: Callable[[T], None], item: T) -> None:
    try:
        add(item)
    except Exception as error:  # a rule bug must not stop the other files
        raise RuleCrashError.of(rule, error) from error
