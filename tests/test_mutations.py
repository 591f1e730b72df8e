"""Mutation properties: known defects injected into valid dumps, found where they are, fixed.

* Detection: every mutation (:mod:`kzvalidate.testing`) is reported by its rule at exactly its
  span, alone when only that rule runs; every rule has an operator; clean dumps lint clean.
* Fixes (library): fixing is idempotent, changes no byte outside the spans of the findings that
  carried fixes (over all passes, and on every pass: each fix edits only inside its own finding),
  never empties a line, and leaves no fixable finding; defects stacked on one line are each
  found and fixed at once; a line of hidden characters is deleted whole; text pasted into the
  footer is deleted only by an unsafe fix.
* Fixes (CLI): ``lint --fix --unsafe-fixes`` writes what the library computes, through chains of
  symbolic links too (the target is fixed, the links kept), and ``lint`` without ``--fix``
  never touches the file.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kzvalidate.check.engine import Linter
from kzvalidate.check.fixer import (
    MAX_PASSES,
    FixOutcome,
    apply_fixes,
    chosen_fixes,
    fix_until_stable,
)
from kzvalidate.contract.record import Record
from kzvalidate.dump.blocks import is_blank
from kzvalidate.dump.dialects import DEFAULT
from kzvalidate.model import Finding, Severity, Span
from kzvalidate.results import FileResult
from kzvalidate.rules import RULES, select
from kzvalidate.rules.base import AnyRule
from kzvalidate.source.reading import iter_lines
from kzvalidate.testing import (
    OPERATORS,
    Mutation,
    dumps,
    mutated_dumps,
    mutations,
    mutations_for,
)
from kzvalidate.testing.mutation import mutations_by

ALL_RULES = select(["ALL"])
DEFAULT_RULES = select()
NAME = "dump.txt"

CLI_EXAMPLES = 15
"""Examples for the CLI properties: each one starts Python processes."""

PER_RULE_EXAMPLES = max(10, settings().max_examples // 10)
"""Examples per rule for the per-rule detection test, a tenth of the profile's: the pooled
detection tests cover every operator with the profile's full budget."""


def lint(data: bytes, rules: Sequence[AnyRule] = ALL_RULES) -> FileResult:
    result = Linter(rules).lint_bytes(data, NAME)
    assert result.error is None, result.error
    return result


def shown(findings: Iterable[Finding]) -> list[str]:
    return [
        f"{f.code} {f.line}:{f.column}-{f.end_line}:{f.end_column} {f.message}" for f in findings
    ]


def where(mutation: Mutation) -> str:
    return f"{mutation.code} at {mutation.span} ({mutation.description}) in {mutation.data!r}"


def fix(data: bytes) -> FixOutcome:
    """Every fix the default rules offer, safe or not, applied until nothing changes."""
    return fix_until_stable(Linter(DEFAULT_RULES), data, NAME, unsafe=True)


# -- detection ------------------------------------------------------------------------------------


def assert_reported_at_its_span(mutation: Mutation) -> None:
    findings = lint(mutation.data).findings
    reported = {(finding.code, finding.span) for finding in findings}
    assert (mutation.code, mutation.span) in reported, (where(mutation), shown(findings))


def assert_alone_when_its_rule_runs_alone(mutation: Mutation) -> None:
    findings = lint(mutation.data, [RULES[mutation.code]]).findings
    assert [(f.code, f.span) for f in findings] == [(mutation.code, mutation.span)], (
        where(mutation),
        shown(findings),
    )


def test_every_registered_rule_has_a_mutation_operator() -> None:
    assert sorted(RULES) == sorted(OPERATORS)


@given(mutations())
def test_a_mutation_is_reported_by_its_rule_at_its_span(mutation: Mutation) -> None:
    assert_reported_at_its_span(mutation)


@given(mutations())
def test_a_mutation_is_the_only_finding_of_its_rule(mutation: Mutation) -> None:
    assert_alone_when_its_rule_runs_alone(mutation)


@pytest.mark.parametrize("code", sorted(RULES))
def test_each_rule_reports_its_own_mutations_exactly(code: str) -> None:
    @settings(max_examples=PER_RULE_EXAMPLES)
    @given(mutations_for(code))
    def check(mutation: Mutation) -> None:
        assert mutation.code == code
        assert_reported_at_its_span(mutation)
        assert_alone_when_its_rule_runs_alone(mutation)

    check()


@given(mutated_dumps())
def test_each_of_several_mutations_in_one_dump_is_reported_at_its_span(
    mutations: tuple[Mutation, ...],
) -> None:
    findings = lint(mutations[0].data).findings
    reported = {(finding.code, finding.span) for finding in findings}
    for mutation in mutations:
        assert (mutation.code, mutation.span) in reported, (where(mutation), shown(findings))


@given(dumps())
def test_a_clean_dump_has_no_finding_with_the_default_rules(
    dump: tuple[list[Record], str],
) -> None:
    assert shown(lint(dump[1].encode("utf-8"), DEFAULT_RULES).findings) == []


@given(dumps())
def test_a_clean_dump_has_no_error_with_all_rules(dump: tuple[list[Record], str]) -> None:
    findings = lint(dump[1].encode("utf-8")).findings
    assert shown(f for f in findings if f.severity is Severity.ERROR) == []


# -- fixes through the library --------------------------------------------------------------------


def line_offsets(data: bytes) -> list[tuple[int, str]]:
    """Each line's byte offset and decoded text with its terminator (LF, CRLF and CR end lines)."""
    lines: list[tuple[int, str]] = []
    offset = 0
    for raw in data.splitlines(keepends=True):
        lines.append((offset, raw.decode("utf-8", "surrogateescape")))
        offset += len(raw)
    return lines


def byte_offset(data: bytes, lines: list[tuple[int, str]], line: int, column: int) -> int:
    if line > len(lines):
        return len(data)
    offset, text = lines[line - 1]
    return offset + len(text[: column - 1].encode("utf-8", "surrogateescape"))


def fixable_byte_ranges(data: bytes, findings: Iterable[Finding]) -> list[tuple[int, int]]:
    """The byte ranges of the findings that carry a fix, merged and sorted."""
    lines = line_offsets(data)
    ranges = sorted(
        (
            byte_offset(data, lines, finding.line, finding.column),
            byte_offset(data, lines, finding.end_line, finding.end_column),
        )
        for finding in findings
        if finding.fix is not None
    )
    merged: list[tuple[int, int]] = []
    for start, end in ranges:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def kept_outside(original: bytes, changed: bytes, ranges: list[tuple[int, int]]) -> bool:
    """Whether ``changed`` is ``original`` with only the bytes inside ``ranges`` replaced.

    The bytes between the ranges must all come through, in order and each stretch contiguous:
    the first stretch starts ``changed``, the last one ends it, and the middle ones are found
    left to right (taking the leftmost place each time finds a placement whenever one exists).
    """
    bounds = [0, *(edge for pair in ranges for edge in pair), len(original)]
    kept = [original[bounds[i] : bounds[i + 1]] for i in range(0, len(bounds), 2)]
    if len(kept) == 1:
        return changed == original
    first, *middle, last = kept
    if not changed.startswith(first):
        return False
    at = len(first)
    for stretch in middle:
        found = changed.find(stretch, at)
        if found < 0:
            return False
        at = found + len(stretch)
    return len(changed) - len(last) >= at and changed.endswith(last)


def test_kept_outside_accepts_changes_inside_the_ranges_only() -> None:
    assert kept_outside(b"ab\tc\r\n", b"ab c\n", [(2, 3), (4, 6)])
    assert kept_outside(b"xy", b"xy", [])
    assert not kept_outside(b"xy", b"xz", [])
    assert not kept_outside(b"0 03.03", b"03.03", [(0, 1)])  # deleting " " is outside (0, 1)
    assert kept_outside(b"0 03.03", b"03.03", [(0, 2)])
    assert not kept_outside(b"ab\tc", b"ab c ", [(2, 3)])


@given(mutated_dumps())
def test_fixing_a_fixed_dump_changes_nothing(mutations: tuple[Mutation, ...]) -> None:
    once = fix(mutations[0].data)
    twice = fix(once.data)
    assert twice.applied == 0
    assert twice.data == once.data


@given(mutated_dumps())
def test_fixes_change_no_byte_outside_the_fixable_findings(
    mutations: tuple[Mutation, ...],
) -> None:
    data = mutations[0].data
    findings = lint(data, DEFAULT_RULES).findings
    ranges = fixable_byte_ranges(data, findings)
    fixed = fix(data).data
    assert kept_outside(data, fixed, ranges), (ranges, shown(findings), data, fixed)


@given(mutated_dumps())
def test_a_fixed_dump_has_no_fixable_finding_left(mutations: tuple[Mutation, ...]) -> None:
    fixed = fix(mutations[0].data).data
    findings = lint(fixed, DEFAULT_RULES).findings
    left = [f for f in findings if f.fix is not None]
    assert chosen_fixes(left, unsafe=True) == [], shown(left)


def fix_passes(data: bytes) -> Iterator[tuple[bytes, list[Finding], bytes]]:
    """Each pass of the fixer with every fix (safe or not): its input, the findings whose fixes
    it chose, and its output."""
    linter = Linter(DEFAULT_RULES)
    for _ in range(MAX_PASSES):
        findings = [f for f in linter.lint_bytes(data, NAME).findings if f.fix is not None]
        if not findings:
            return
        out = apply_fixes(data, [f.fix for f in findings if f.fix is not None]).data
        yield data, findings, out
        if out == data:
            return
        data = out


def edits_outside_their_finding(findings: Iterable[Finding]) -> list[str]:
    """The findings whose fix edits a span that their own span does not cover."""

    def covers(outer: Span, inner: Span) -> bool:
        return (outer.line, outer.column) <= (inner.line, inner.column) and (
            inner.end_line,
            inner.end_column,
        ) <= (outer.end_line, outer.end_column)

    return [
        f"{f.code} {f.span} edits {edit.span}"
        for f in findings
        if f.fix is not None
        for edit in f.fix.edits
        if not covers(f.span, edit.span)
    ]


@given(mutated_dumps())
def test_every_pass_changes_bytes_only_inside_the_findings_it_fixes(
    mutations: tuple[Mutation, ...],
) -> None:
    for before, findings, after in fix_passes(mutations[0].data):
        assert edits_outside_their_finding(findings) == []
        ranges = fixable_byte_ranges(before, findings)
        assert kept_outside(before, after, ranges), (ranges, shown(findings), before, after)


@given(mutations_by("stacked_on_one_line"))
def test_stacked_defects_on_one_line_are_each_found_and_fixed_in_one_pass(
    mutations: tuple[Mutation, ...],
) -> None:
    data = mutations[0].data
    findings = lint(data, DEFAULT_RULES).findings
    reported = {(finding.code, finding.span) for finding in findings}
    assert {(m.code, m.span) for m in mutations} <= reported, shown(findings)
    once = apply_fixes(data, chosen_fixes(findings, unsafe=True)).data
    assert fix(once).data == fix(data).data
    assert [f.code for f in lint(fix(data).data, DEFAULT_RULES).findings if f.fix] == []


def blank_lines(data: bytes) -> int:
    return sum(1 for line in iter_lines(io.BytesIO(data)) if is_blank(line))


@given(st.one_of(mutated_dumps(), mutations_by("line_of_invisible_characters")))
def test_fixes_never_empty_a_line(mutations: tuple[Mutation, ...]) -> None:
    data = mutations[0].data
    for before, findings, after in fix_passes(data):
        assert blank_lines(after) <= blank_lines(before), (shown(findings), before, after)


@given(
    st.one_of(*map(mutations_by, ["line_of_invisible_characters", "line_of_control_characters"]))
)
def test_a_line_of_hidden_characters_is_deleted_whole(mutations: tuple[Mutation, ...]) -> None:
    (mutation,) = mutations
    lines = mutation.data.splitlines(keepends=True)
    expected = b"".join(lines[: mutation.line - 1] + lines[mutation.line :])
    assert fix_until_stable(Linter(DEFAULT_RULES), mutation.data, NAME, unsafe=False).data == (
        fix(expected).data
    )


@given(mutations_by("pasted_into_footer"))
def test_text_pasted_into_the_footer_is_deleted_only_by_an_unsafe_fix(
    mutations: tuple[Mutation, ...],
) -> None:
    (mutation,) = mutations
    (finding,) = [f for f in lint(mutation.data).findings if f.code == "KZ109"]
    assert finding.fix is not None and not finding.fix.safe
    assert "would delete" in finding.message

    def footer_of(data: bytes) -> bytes:
        return data.splitlines()[mutation.line - 1]

    safe = fix_until_stable(Linter(DEFAULT_RULES), mutation.data, NAME, unsafe=False).data
    assert footer_of(safe) == footer_of(mutation.data)
    assert footer_of(fix(mutation.data).data) == DEFAULT.footer.encode()


# -- fixes through the command line ---------------------------------------------------------------


def run_lint(path: Path, *options: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [sys.executable, "-m", "kzvalidate", "lint", str(path), *options],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode in (0, 1), done.stderr
    assert "Traceback" not in done.stderr, done.stderr
    return done


def link_chain(target: Path, links: int) -> Path:
    """``links`` symbolic links in a folder of their own, each to the one before, the first to
    ``target``; the last link (or ``target`` itself when there are none)."""
    pointed = target
    for step in range(links):
        link = target.parent / f"links{step}" / NAME
        link.parent.mkdir()
        link.symlink_to(pointed)
        pointed = link
    return pointed


@settings(max_examples=CLI_EXAMPLES)
@given(mutated_dumps(), st.integers(0, 2), st.booleans())
def test_cli_fix_writes_what_the_library_fixer_computes(
    mutations: tuple[Mutation, ...], links: int, name_the_folder: bool
) -> None:
    """Through a chain of symbolic links too, named or found in a folder: the file at the end
    of the chain is fixed, and every link stays a link."""
    data = mutations[0].data
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / NAME
        path.write_bytes(data)
        named = link_chain(path, links)
        run_lint(named.parent if name_the_folder else named, "--fix", "--unsafe-fixes")
        assert path.read_bytes() == fix(data).data
        assert not path.is_symlink()
        assert all((path.parent / f"links{step}" / NAME).is_symlink() for step in range(links))
        assert sorted(p.name for p in named.parent.iterdir()) == [NAME]


@settings(max_examples=CLI_EXAMPLES)
@given(mutated_dumps())
def test_cli_without_fix_never_modifies_the_file(mutations: tuple[Mutation, ...]) -> None:
    data = mutations[0].data
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / NAME
        path.write_bytes(data)
        past = 1_000_000_000_000_000_000  # 2001, in nanoseconds: a rewrite could not keep it
        os.utime(path, ns=(past, past))
        run_lint(path)
        run_lint(path, "--select", "ALL")
        assert path.read_bytes() == data
        assert path.stat().st_mtime_ns == past
