"""Run the selected rules over sources: blocks stream in, sorted findings stream out.

Memory is bounded by one article: a block's findings are sorted and handed on before the next
block is read. Collection rules, which compare the articles of a file, keep what they need to
compare and report when the file is done, after its per-article findings.
"""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from kzvalidate.contract import article_record, validate_record
from kzvalidate.model import Excerpt, Finding, Line, Problem, Severity
from kzvalidate.parser import Article, Block, parse
from kzvalidate.reading import Source, SourceError, open_stream
from kzvalidate.rules.base import (
    AnyRule,
    BlockRule,
    CollectionRule,
    Collector,
    Context,
    LineRule,
)
from kzvalidate.vocabulary import Vocabulary

FindingSink = Callable[[Finding], None]


@dataclass
class FileResult:
    """Everything learned about one file; ``error`` is set when it could not be read to the end.

    ``findings`` holds the findings unless they were streamed to a sink; ``counts`` always counts
    them by (code, name, severity).
    """

    path: str
    findings: list[Finding] = field(default_factory=list)
    articles: int = 0
    error: str | None = None
    counts: Counter[tuple[str, str, Severity]] = field(default_factory=Counter)

    def take(self, finding: Finding, sink: FindingSink | None) -> None:
        self.counts[(finding.code, finding.name, finding.severity)] += 1
        if sink is None:
            self.findings.append(finding)
        else:
            sink(finding)


class RuleCrashError(Exception):
    """A rule raised: a bug in kzvalidate, reported as a file error instead of a traceback."""

    @classmethod
    def of(cls, rule: AnyRule, error: Exception) -> RuleCrashError:
        return cls(
            f"internal error in rule {rule.code} {rule.name}: {type(error).__name__}: {error} "
            "(please report this)"
        )


def to_finding(
    path: str, rule: AnyRule, problem: Problem, line: Line | Excerpt | None = None
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
    )


class Linter:
    def __init__(self, rules: Sequence[AnyRule], vocabulary: Vocabulary | None = None) -> None:
        self.line_rules = [rule for rule in rules if isinstance(rule, LineRule)]
        self.block_rules = [rule for rule in rules if isinstance(rule, BlockRule)]
        self.collection_rules = [rule for rule in rules if isinstance(rule, CollectionRule)]
        self.needs_contract = any(rule.claims for rule in self.block_rules)
        self.vocabulary = Vocabulary.shipped() if vocabulary is None else vocabulary
        self.plain_context = Context(vocabulary=self.vocabulary)

    def context(self, block: Block) -> Context:
        if self.needs_contract and isinstance(block, Article):
            violations = validate_record(article_record(block))
            return Context(violations, self.vocabulary)
        return self.plain_context

    def lint_block(self, block: Block, path: str) -> list[Finding]:
        findings: list[Finding] = []
        for line in block.lines:
            for line_rule in self.line_rules:
                for problem in _line_problems(line_rule, line):
                    findings.append(to_finding(path, line_rule, problem, line))
        context = self.context(block)
        by_number = {line.number: line for line in block.lines} if self.block_rules else {}
        for block_rule in self.block_rules:
            for problem in _block_problems(block_rule, block, context):
                findings.append(
                    to_finding(path, block_rule, problem, by_number.get(problem.span.line))
                )
        findings.sort(key=lambda finding: finding.sort_key)
        return findings

    def lint_blocks(
        self, blocks: Iterable[Block], path: str
    ) -> Iterator[tuple[Block, list[Finding]]]:
        for block in blocks:
            yield block, self.lint_block(block, path)

    def lint_source(self, source: Source, sink: FindingSink | None = None) -> FileResult:
        """Lint a whole source. With a ``sink``, findings stream to it as each article is done
        instead of being kept, so memory does not grow with their number."""
        result = FileResult(source.name)
        blocks = parse(source.lines(), source.name)
        collectors = [(rule, rule.collector(self.plain_context)) for rule in self.collection_rules]
        try:
            for block, findings in self.lint_blocks(blocks, source.name):
                if isinstance(block, Article):
                    result.articles += 1
                    for rule, collector in collectors:
                        _collect(rule, collector, block)
                for finding in findings:
                    result.take(finding, sink)
            for finding in self.collected(collectors, source.name):
                result.take(finding, sink)
        except SourceError as error:
            result.error = error.reason
        except RuleCrashError as error:
            result.error = str(error)
        return result

    @staticmethod
    def collected(
        collectors: Sequence[tuple[CollectionRule, Collector]], path: str
    ) -> list[Finding]:
        """The findings of the collection rules once a file is done, in report order."""
        findings = [
            to_finding(path, rule, problem, line)
            for rule, collector in collectors
            for problem, line in _finished(rule, collector)
        ]
        findings.sort(key=lambda finding: finding.sort_key)
        return findings

    def lint_bytes(
        self, data: bytes, path: str = "<bytes>", sink: FindingSink | None = None
    ) -> FileResult:
        try:
            source = open_stream(io.BufferedReader(io.BytesIO(data)), path)
        except SourceError as error:
            return FileResult(path, error=error.reason)
        return self.lint_source(source, sink)


def _line_problems(rule: LineRule, line: Line) -> list[Problem]:
    try:
        return list(rule.check(line))
    except Exception as error:  # a rule bug must not stop the other files
        raise RuleCrashError.of(rule, error) from error


def _block_problems(rule: BlockRule, block: Block, context: Context) -> list[Problem]:
    try:
        return list(rule.check(block, context))
    except Exception as error:  # a rule bug must not stop the other files
        raise RuleCrashError.of(rule, error) from error


def _collect(rule: CollectionRule, collector: Collector, article: Article) -> None:
    try:
        collector.add(article)
    except Exception as error:  # a rule bug must not stop the other files
        raise RuleCrashError.of(rule, error) from error


def _finished(rule: CollectionRule, collector: Collector) -> list[tuple[Problem, Excerpt]]:
    try:
        return list(collector.finish())
    except Exception as error:  # a rule bug must not stop the other files
        raise RuleCrashError.of(rule, error) from error
