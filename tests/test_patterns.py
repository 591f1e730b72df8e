"""Compiled patterns kept in the cache folder (kzvalidate.patterns, issue 12: start-up): what is
built from the file is what ``re.compile`` makes, a damaged file or refused code is never used,
and the file stays the same from run to run."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from kzvalidate import patterns
from kzvalidate.patterns import FORMAT, PatternStore, cache_file
from tests.helpers import ROOT, run_cli

SEED = ROOT / "fixtures" / "seeds" / "000_752030e2fc2ef886.txt"
DUMP = ROOT / "fixtures" / "seeds" / "004_cba44f59b303dc4b.txt"
SAMPLES = [SEED.read_text(encoding="utf-8"), "12 kg, 3.2 tons: «Astana» — 25:61 ‘x’\u00a0\ufeff"]


def lint_with_cache(folder: Path, *, seed: str = "0") -> Path:
    """Lint both seeds with ``folder`` as the cache folder; the file of compiled patterns."""
    env = {"KZVALIDATE_CACHE_DIR": str(folder), "KZVALIDATE_NO_CACHE": "1", "PYTHONHASHSEED": seed}
    done = run_cli("lint", str(SEED), str(DUMP), env=env)
    assert done.returncode == 1, done.stderr
    return cache_file(folder)


def spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [match.span() for match in pattern.finditer(text)]


@pytest.fixture(scope="module")
def learnt(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return lint_with_cache(tmp_path_factory.mktemp("cache"))


def test_a_lint_keeps_the_patterns_it_compiled(learnt: Path) -> None:
    store = PatternStore(learnt)
    assert len(store.known) > 50
    assert (patterns.compiled.__module__, FORMAT) == (
        "kzvalidate.patterns",
        learnt.read_bytes()[:23],
    )


def test_every_kept_pattern_is_the_one_re_compile_makes(learnt: Path) -> None:
    store = PatternStore(learnt)
    for pattern, flags in store.known:
        built = store.compiled(pattern, flags)
        made = re.compile(pattern, flags)
        assert built == made, pattern
        assert (built.groups, built.groupindex, built.flags) == (
            made.groups,
            made.groupindex,
            made.flags,
        )
        for text in SAMPLES:
            assert [m.span() for m in built.finditer(text)] == [
                m.span() for m in made.finditer(text)
            ]
    assert store.usable
    assert store.used == set(store.known)


def test_the_file_is_the_same_in_every_run(tmp_path: Path) -> None:
    first = lint_with_cache(tmp_path / "a", seed="1").read_bytes()
    assert lint_with_cache(tmp_path / "b", seed="2").read_bytes() == first
    again = lint_with_cache(tmp_path / "a", seed="3")
    assert again.read_bytes() == first


def test_a_damaged_file_is_ignored_and_written_anew(learnt: Path, tmp_path: Path) -> None:
    good = learnt.read_bytes()
    damaged = cache_file(tmp_path)
    damaged.write_bytes(good[:-40] + bytes(40))
    assert PatternStore(damaged).known == {}
    assert lint_with_cache(tmp_path).read_bytes() == good


@pytest.mark.parametrize("head", [b"", b"not a pattern file", FORMAT + bytes(32) + b"\x00"])
def test_a_file_that_is_no_pattern_file_is_ignored(tmp_path: Path, head: bytes) -> None:
    path = tmp_path / "patterns.bin"
    path.write_bytes(head)
    assert PatternStore(path).known == {}


def test_code_the_matcher_refuses_is_never_used(tmp_path: Path) -> None:
    store = PatternStore(tmp_path / "patterns.bin")
    store.known[("a+b", 0)] = (32, [999_999, 1, 2], 0, {}, (None,))
    store.known[("c+", 0)] = patterns._parts("c+", 0)  # type: ignore[assignment]
    assert store.compiled("a+b", 0) == re.compile("a+b")
    assert not store.usable
    assert store.compiled("c+", 0) == re.compile("c+")
    assert store.used == set()


def test_a_new_pattern_is_kept_and_saved_once(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "patterns.bin"
    store = PatternStore(path)
    made = store.compiled(r"(?P<word>\w+) (?P=word)", re.IGNORECASE)
    assert made == re.compile(r"(?P<word>\w+) (?P=word)", re.IGNORECASE)
    store.save()
    assert PatternStore(path).known.keys() == {(r"(?P<word>\w+) (?P=word)", int(re.IGNORECASE))}
    path.unlink()
    store.save()
    assert not path.exists()  # nothing new since


def test_without_a_cache_folder_nothing_is_kept(tmp_path: Path) -> None:
    store = PatternStore(None)
    assert store.compiled("x+", 0) == re.compile("x+")
    store.save()
    homes = {"HOME": str(tmp_path), "XDG_CACHE_HOME": str(tmp_path / "cache")}
    env = {"KZVALIDATE_CACHE_DIR": "", "KZVALIDATE_NO_CACHE": "1", **homes}
    assert run_cli("lint", str(SEED), env=env).returncode == 1
    assert list(tmp_path.iterdir()) == []


def test_a_full_file_keeps_only_the_patterns_its_run_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(patterns, "KEPT_AT_MOST", 3)
    path = tmp_path / "patterns.bin"
    old = PatternStore(path)
    for n in range(4):
        old.compiled(f"old{n}+", 0)
    old.save()
    store = PatternStore(path)
    store.compiled("old0+", 0)
    store.compiled("new+", 0)
    store.save()
    assert PatternStore(path).known.keys() == {("old0+", 0), ("new+", 0)}


def test_the_file_is_named_for_the_interpreter_and_its_matcher(tmp_path: Path) -> None:
    import _sre  # type: ignore[import-not-found]

    name = cache_file(tmp_path).name
    assert sys.implementation.cache_tag in name
    assert f"{sys.hexversion:x}" in name
    assert str(_sre.MAGIC) in name
