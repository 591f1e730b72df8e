"""Fixes are data; the fixer applies them to bytes and writes files atomically."""

from __future__ import annotations

import subprocess
import sys
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


# -- symbolic links: the file a link points at is fixed, the link is kept -------------------------

BROKEN = CLEAN.replace("Title of", "Title  of")


def lint_fix(*arguments: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kzvalidate", "lint", "--fix", *arguments],
        capture_output=True,
        text=True,
        check=False,
        cwd=cwd,
    )


def test_write_atomic_through_a_chain_of_links_rewrites_the_target(tmp_path: Path) -> None:
    target = tmp_path / "real.txt"
    target.write_bytes(b"old\n")
    target.chmod(0o640)
    (tmp_path / "link.txt").symlink_to("real.txt")
    (tmp_path / "link2.txt").symlink_to("link.txt")
    write_atomic(tmp_path / "link2.txt", b"new\n")
    assert target.read_bytes() == b"new\n"
    assert target.stat().st_mode & 0o777 == 0o640
    assert (tmp_path / "link2.txt").readlink() == Path("link.txt")
    assert (tmp_path / "link.txt").readlink() == Path("real.txt")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.txt", "link2.txt", "real.txt"]


@pytest.mark.parametrize("chain", [1, 2])
def test_fix_through_a_link_fixes_the_target_and_keeps_the_link(tmp_path: Path, chain: int) -> None:
    real = tmp_path / "dumps" / "real.txt"
    real.parent.mkdir()
    real.write_text(BROKEN, encoding="utf-8")
    pointed = real
    for step in range(chain):
        link = tmp_path / f"link{step}.txt"
        link.symlink_to(pointed)
        pointed = link
    done = lint_fix(pointed.name, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Fixed 1 finding" in done.stdout
    assert real.read_text(encoding="utf-8") == CLEAN
    assert pointed.is_symlink()
    assert pointed.resolve() == real.resolve()


def test_fix_of_a_folder_fixes_the_files_its_links_point_at(tmp_path: Path) -> None:
    elsewhere = tmp_path / "real.txt"
    elsewhere.write_text(BROKEN, encoding="utf-8")
    folder = tmp_path / "walked"
    folder.mkdir()
    (folder / "link.txt").symlink_to(elsewhere)
    done = lint_fix("walked", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert elsewhere.read_text(encoding="utf-8") == CLEAN
    assert (folder / "link.txt").is_symlink()
    assert [p.name for p in folder.iterdir()] == ["link.txt"]


def test_fix_of_a_dangling_link_is_one_clear_error(tmp_path: Path) -> None:
    (tmp_path / "other.txt").write_text(BROKEN, encoding="utf-8")
    (tmp_path / "dangling.txt").symlink_to("gone.txt")
    done = lint_fix("dangling.txt", "other.txt", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        "kzvalidate: error: dangling.txt: is a broken symbolic link to gone.txt: "
        "no such file or directory"
    ]
    assert (tmp_path / "other.txt").read_text(encoding="utf-8") == CLEAN
    assert (tmp_path / "dangling.txt").is_symlink()
    assert not (tmp_path / "gone.txt").exists()


# -- fixes that would change more than they fix ---------------------------------------------------


def fixed_text(text: str, *, unsafe: bool) -> str:
    outcome = fix_until_stable(Linter(select()), text.encode(), "t.txt", unsafe=unsafe)
    return outcome.data.decode()


@pytest.mark.parametrize(
    "pasted",
    [
        FOOTER.replace("reference to", "reference to Aidar Smagulov"),
        FOOTER.replace("Kazakhstan Today.", "Kazakhstan Today 2,500 tons.", 1),
        FOOTER.replace("materials of", "materials of a"),
        FOOTER.replace("News Agency", "News5 Agency"),
    ],
)
def test_the_safe_footer_fix_keeps_pasted_words(pasted: str) -> None:
    broken = CLEAN.replace(FOOTER, pasted)
    (finding,) = Linter(select(["KZ109"])).lint_bytes(broken.encode()).findings
    assert finding.fix is not None and not finding.fix.safe
    assert "would delete" in finding.message
    assert fixed_text(broken, unsafe=False) == broken
    assert fixed_text(broken, unsafe=True) == CLEAN


def test_the_safe_footer_fix_corrects_a_near_miss_spelling() -> None:
    broken = CLEAN.replace(FOOTER, FOOTER.replace("Kazakhstan", "Kazakstan", 1).rstrip("."))
    (finding,) = Linter(select(["KZ109"])).lint_bytes(broken.encode()).findings
    assert finding.fix is not None and finding.fix.safe
    assert fixed_text(broken, unsafe=False) == CLEAN


@pytest.mark.parametrize("hidden", ["\u200b", "\x00\x1b", "\u200b \ufeff", " \x7f", "\u2060\t"])
def test_a_line_of_hidden_characters_is_deleted_not_emptied(hidden: str) -> None:
    broken = CLEAN.replace("First paragraph.\n", f"First paragraph.\n{hidden}\n")
    assert fixed_text(broken, unsafe=False) == CLEAN
    title_slot = CLEAN.replace("Title of", f"{hidden}\nTitle of")
    assert fixed_text(title_slot, unsafe=False) == CLEAN


def test_a_look_alike_cut_off_by_an_invisible_character_is_reported_in_the_first_pass() -> None:
    """Read apart, ``с`` is a Cyrillic word of its own; deleting the zero-width space makes it
    part of ``сourt``, so it must be reported (and fixed) in the same pass."""
    broken = CLEAN.replace("First paragraph.", "Akorda said the Aktobe regional с\u200bourt met.")
    findings = Linter(select()).lint_bytes(broken.encode()).findings
    assert [(f.code, f.column) for f in findings] == [("KZ301", 33), ("KZ007", 34)]
    once = fix_until_stable(Linter(select()), broken.encode(), "t.txt", unsafe=False)
    assert b"regional court met." in once.data
