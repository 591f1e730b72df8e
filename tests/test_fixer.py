"""Fixes are data; the fixer applies them to bytes and writes files atomically."""

from __future__ import annotations

from pathlib import Path

import pytest

from kzvalidate.check.engine import Linter
from kzvalidate.check.fixer import apply_fixes, chosen_fixes, fix_until_stable, write_atomic
from kzvalidate.dump.dialects.kazakhstan_today import FOOTER
from kzvalidate.model import Fix, Span
from kzvalidate.rules import select

CLEAN = f"03.03.2026, 14:12 11421\nTitle of the article\nFirst paragraph.\n{FOOTER}\n"


def test_edits_change_only_their_bytes() -> None:
    data = "ab\u0441d \xff tail\r\n".encode("utf-8", "surrogateescape").replace(
        b"\xc3\xbf", b"\xff"
    )
    fixes = [
        Fix.replace("latin c", Span(1, 3, 1, 4), "c"),
        Fix.replace("lf", Span(1, 12, 1, 14), "\n"),
    ]
    outcome = apply_fixes(data, fixes)
    assert outcome.applied == 2
    assert outcome.data == b"abcd \xff tail\n"


def test_overlapping_fixes_wait_for_the_next_pass() -> None:
    fixes = [
        Fix.replace("first", Span(1, 1, 1, 4), "X"),
        Fix.replace("second", Span(1, 3, 1, 6), "Y"),
        Fix.replace("third", Span(1, 6, 1, 7), "Z"),
    ]
    outcome = apply_fixes(b"abcdefg\n", fixes)
    assert outcome.applied == 2
    assert outcome.data == b"XdeZg\n"


def test_unsafe_fixes_are_left_out_unless_asked() -> None:
    result = Linter(select()).lint_bytes(("junk " + CLEAN).encode())
    assert chosen_fixes(result.findings, unsafe=False) == []
    assert len(chosen_fixes(result.findings, unsafe=True)) == 1


@pytest.mark.parametrize(
    "broken",
    [
        CLEAN.replace("\n", "\r\n"),
        "\ufeff" + CLEAN.replace("Title of", "Title\tof  \t"),
        CLEAN.replace("03.03.2026, 14:12", "2026-03-03  9:05").replace(
            "Kazakhstan", "Kazakstan", 1
        ),
        CLEAN.replace("First paragraph.", "First\x00 paragraph.   "),
    ],
)
def test_fixing_is_complete_and_idempotent(broken: str) -> None:
    linter = Linter(select())
    once = fix_until_stable(linter, broken.encode(), "t.txt", unsafe=False)
    assert [f.code for f in linter.lint_bytes(once.data).findings if f.fix is not None] == []
    twice = fix_until_stable(linter, once.data, "t.txt", unsafe=False)
    assert twice.data == once.data
    assert twice.applied == 0


def test_fixed_cases_reach_the_clean_text() -> None:
    linter = Linter(select())
    broken = CLEAN.replace("\n", "\r\n").replace("14:12", "14:12 ").replace("11421", "11421\t")
    fixed = fix_until_stable(linter, broken.encode(), "t.txt", unsafe=False)
    assert fixed.data == CLEAN.encode()


def test_write_atomic_replaces_content_and_keeps_mode(tmp_path: Path) -> None:
    target = tmp_path / "a.txt"
    target.write_bytes(b"old\n")
    target.chmod(0o600)
    write_atomic(target, b"new\n")
    assert target.read_bytes() == b"new\n"
    assert target.stat().st_mode & 0o777 == 0o600
    assert list(tmp_path.iterdir()) == [target]


def test_write_atomic_leaves_the_original_when_writing_fails(tmp_path: Path) -> None:
    target = tmp_path / "a.txt"
    target.write_bytes(b"old\n")
    with pytest.raises(TypeError):
        write_atomic(target, "not bytes")  # type: ignore[arg-type]
    assert target.read_bytes() == b"old\n"
    assert list(tmp_path.iterdir()) == [target]
