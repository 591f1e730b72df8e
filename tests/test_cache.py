"""The result cache: a second run replays what the first found, byte for byte, without linting;
anything that could change the findings (the bytes, the settings, the tool) is a miss; a damaged
entry is a miss that is rewritten; the run rules still see every article; ``--no-cache`` neither
reads nor writes it."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from kzvalidate.check import cache as cache_module
from kzvalidate.check.cache import RESULTS_DIR, CachedResult, ResultCache
from kzvalidate.check.engine import Linter
from kzvalidate.check.run import lint_run
from kzvalidate.model import Finding
from kzvalidate.results import FileResult
from kzvalidate.rules import select
from kzvalidate.source.discovery import Target
from tests.helpers import ROOT, SEED_000, SEED_004, run_cli

ARTICLE = (
    "03.03.2026, 14:12 11421\n"
    "Astana hosts a forum on water\n"
    "The forum opened on Monday with 300 delegates.\n"
    "This information may not be reproduced without reference to Kazakhstan Today. "
    "Copyright of materials of News Agency Kazakhstan Today.\n"
)
OTHER_ARTICLE = (
    "02.03.2026, 09:30 512\n"
    "Almaty opens a new metro station\n"
    "The station serves 20 000 passengers a day.  \n"
    "This information may not be reproduced without reference to Kazakhstan Today. "
    "Copyright of materials of News Agency Kazakhstan Today.\n"
)


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache folder of the test's own, with the result cache turned on (conftest turns it
    off for the rest of the suite)."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("KZVALIDATE_CACHE_DIR", str(folder))
    monkeypatch.delenv(cache_module.NO_CACHE_ENV, raising=False)
    return folder


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """Three dumps (two seeds and a small one with a defect) in a folder of their own."""
    folder = tmp_path / "tree"
    folder.mkdir()
    (folder / "a.txt").write_bytes(SEED_000.read_bytes())
    (folder / "b.txt").write_bytes(SEED_004.read_bytes())
    (folder / "c.txt").write_text(OTHER_ARTICLE, encoding="utf-8")
    return folder


def lint(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_cli("lint", ".", "--isolated", *args, cwd=folder)


def entries(cache_dir: Path) -> dict[str, bytes]:
    results = cache_dir / RESULTS_DIR
    if not results.exists():
        return {}
    return {path.name: path.read_bytes() for path in sorted(results.glob("*.bin"))}


def decoded(cache_dir: Path) -> dict[str, CachedResult | None]:
    """Each entry by file name, as the cache reads it (None for one it would not trust)."""
    cache = ResultCache(cache_dir / RESULTS_DIR, Linter(select()))
    return {path.name: cache.load(bytes.fromhex(path.stem)) for path in entry_files(cache_dir)}


def counting_linter(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """Count the files :meth:`Linter.lint_source` lints, by name."""
    linted: Counter[str] = Counter()
    real = Linter.lint_source

    def counted(self: Linter, source: object, *args: object, **kwargs: object) -> FileResult:
        linted[getattr(source, "name", "?")] += 1
        return real(self, source, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Linter, "lint_source", counted)
    return linted


def run_in_process(folder: Path, cache: ResultCache | None) -> list[Finding]:
    """Lint the folder's files with the default rules, as the command line does."""
    findings: list[Finding] = []
    targets = [Target(path, path.name) for path in sorted(folder.glob("*.txt"))]
    lint_run(
        Linter(select()),
        targets,
        sink=findings.append,
        on_file=lambda result: None,
        cache=cache,
    )
    return findings


def entry_files(cache_dir: Path) -> Iterator[Path]:
    yield from sorted((cache_dir / RESULTS_DIR).glob("*.bin"))


# -- a second run ----------------------------------------------------------------------------


@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize("output", [(), ("--format", "json"), ("--statistics",)])
def test_second_run_gives_the_same_output_byte_for_byte(
    cache_dir: Path, tree: Path, output: tuple[str, ...], jobs: str
) -> None:
    output = (*output, "--jobs", jobs)
    first = lint(tree, *output)
    written = entries(cache_dir)
    second = lint(tree, *output)
    fresh = lint(tree, *output, "--no-cache")
    assert len(written) == 3
    assert first.returncode == second.returncode == fresh.returncode == 1
    assert second.stdout == first.stdout == fresh.stdout
    assert second.stderr == first.stderr
    assert entries(cache_dir) == written


def test_second_run_lints_nothing(
    cache_dir: Path, tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    linted = counting_linter(monkeypatch)
    cache = ResultCache.for_linter(Linter(select()))
    assert cache is not None
    first = run_in_process(tree, cache)
    assert linted == Counter({"a.txt": 1, "b.txt": 1, "c.txt": 1})
    linted.clear()
    second = run_in_process(tree, ResultCache.for_linter(Linter(select())))
    assert linted == Counter()
    assert second == first == run_in_process(tree, None)


def test_changing_one_file_relints_only_that_file(
    cache_dir: Path, tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    linted = counting_linter(monkeypatch)
    run_in_process(tree, ResultCache.for_linter(Linter(select())))
    (tree / "c.txt").write_text(ARTICLE + OTHER_ARTICLE, encoding="utf-8")
    linted.clear()
    changed = run_in_process(tree, ResultCache.for_linter(Linter(select())))
    assert linted == Counter({"c.txt": 1})
    assert changed == run_in_process(tree, None)
    assert len(entries(cache_dir)) == 4


def test_changing_one_file_with_two_jobs_writes_one_entry(cache_dir: Path, tree: Path) -> None:
    lint(tree, "--jobs", "2")
    before = entries(cache_dir)
    (tree / "c.txt").write_text(ARTICLE + OTHER_ARTICLE, encoding="utf-8")
    changed = lint(tree, "--jobs", "2")
    assert len(set(entries(cache_dir)) - set(before)) == 1
    assert changed.stdout == lint(tree, "--jobs", "2", "--no-cache").stdout


def test_a_cached_file_is_replayed_from_its_entry(cache_dir: Path, tree: Path) -> None:
    """Planting a doctored entry shows the run reads it instead of linting (and --no-cache,
    the environment variable, standard input and --fix do not)."""
    lint(tree)
    doctor(cache_dir, "c.txt", "planted by the test")
    assert "planted by the test" in lint(tree).stdout
    assert "planted by the test" in run_cli("lint", "c.txt", "--isolated", cwd=tree).stdout
    for args, env in [
        (("c.txt", "--no-cache"), {}),
        (("c.txt",), {cache_module.NO_CACHE_ENV: "1"}),
        (("c.txt",), {"KZVALIDATE_CACHE_DIR": ""}),
        (("-", "--stdin-filename", "c.txt"), {}),
    ]:
        stdin = (tree / "c.txt").read_bytes()
        done = run_cli("lint", "--isolated", *args, cwd=tree, env=env, stdin=stdin)
        assert done.returncode == 0, args
        assert "planted by the test" not in done.stdout, args
        assert "KZ006" in done.stdout, args
    fixed = run_cli("lint", "c.txt", "--isolated", "--fix", cwd=tree)
    assert "planted by the test" not in fixed.stdout


def doctor(cache_dir: Path, name: str, message: str) -> None:
    """Rewrite the entry of file ``name`` with every finding's message replaced."""
    cache = ResultCache(cache_dir / RESULTS_DIR, Linter(select()))
    for path in entry_files(cache_dir):
        key = bytes.fromhex(path.stem)
        found = cache.load(key)
        assert found is not None
        if found.findings and found.findings[0].path == name:
            doctored = [dataclasses.replace(item, message=message) for item in found.findings]
            cache.store(key, dataclasses.replace(found, findings=tuple(doctored)))
            return
    raise AssertionError(f"no entry for {name}")


def test_no_cache_never_writes(cache_dir: Path, tree: Path) -> None:
    assert lint(tree, "--no-cache").returncode == 1
    assert run_cli("lint", ".", cwd=tree, env={cache_module.NO_CACHE_ENV: "1"}).returncode == 1
    assert entries(cache_dir) == {}


def test_an_article_in_the_future_is_not_cached(cache_dir: Path, tmp_path: Path) -> None:
    (tmp_path / "future.txt").write_text(ARTICLE.replace("2026", "2099"), encoding="utf-8")
    done = run_cli("lint", "future.txt", "--isolated", cwd=tmp_path)
    assert "KZ504" in done.stdout and "in the future" in done.stdout
    assert entries(cache_dir) == {}


def test_files_that_cannot_be_read_are_not_cached(cache_dir: Path, tmp_path: Path) -> None:
    (tmp_path / "bad.txt").write_bytes(ARTICLE.encode("utf-16"))
    first = run_cli("lint", "bad.txt", "--isolated", cwd=tmp_path)
    second = run_cli("lint", "bad.txt", "--isolated", cwd=tmp_path)
    assert first.returncode == second.returncode == 2
    assert first.stderr == second.stderr
    assert entries(cache_dir) == {}


# -- what makes a miss -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "settings",
    [
        ("--select", "KZ0"),
        ("--severity", "KZ006=error"),
        ("--per-file-ignores", "c.txt:KZ006"),
        ("--ignore", "KZ006"),
    ],
)
def test_other_settings_miss(cache_dir: Path, tree: Path, settings: tuple[str, ...]) -> None:
    lint(tree)
    before = entries(cache_dir)
    changed = lint(tree, *settings)
    assert changed.stdout == lint(tree, *settings, "--no-cache").stdout
    assert changed.stdout != lint(tree).stdout
    assert set(entries(cache_dir)) > set(before)


def test_per_file_ignores_miss_only_for_the_files_they_match(cache_dir: Path, tree: Path) -> None:
    lint(tree)
    before = entries(cache_dir)
    lint(tree, "--per-file-ignores", "c.txt:KZ006")
    assert len(set(entries(cache_dir)) - set(before)) == 1


@pytest.mark.parametrize(
    ("stamp", "other"),
    [("tool_version", "99.0.0"), ("word_list_stamp", "pyspellchecker-1-2.v9")],
    ids=["tool-version", "english-word-list"],  # KZ305 reads pyspellchecker's English words
)
def test_another_tool_or_word_list_misses(
    cache_dir: Path, tree: Path, monkeypatch: pytest.MonkeyPatch, stamp: str, other: str
) -> None:
    linted = counting_linter(monkeypatch)
    run_in_process(tree, ResultCache.for_linter(Linter(select())))
    monkeypatch.setattr(cache_module, stamp, lambda: other)
    linted.clear()
    run_in_process(tree, ResultCache.for_linter(Linter(select())))
    assert linted == Counter({"a.txt": 1, "b.txt": 1, "c.txt": 1})


def test_an_edited_package_file_misses(
    cache_dir: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """An edited checkout must not replay what older code found: the tool's fingerprint
    covers the size and time of the package's files."""
    package = tmp_path / "package"
    package.mkdir()
    (package / "rule.py").write_text("x = 1\n")
    monkeypatch.setattr(cache_module, "contracts_dir", lambda: package)
    before = cache_module.tool_fingerprint()
    (package / "rule.py").write_text("x = 22\n")
    assert cache_module.tool_fingerprint() != before


def test_vocabulary_and_dialect_are_part_of_the_key(cache_dir: Path) -> None:
    plain = Linter(select())
    more_words = Linter(select(), plain.vocabulary.extended(["qxzvwkj"]))
    other_dialect = Linter(
        select(), dialect=dataclasses.replace(plain.dialect, footers=("Copyright.",))
    )
    keys = {
        ResultCache(cache_dir, linter).key("a.txt", b"0" * 16)
        for linter in (plain, more_words, other_dialect, Linter(select()))
    }
    assert len(keys) == 3


# -- damaged entries -------------------------------------------------------------------------


def _flip_middle(data: bytes) -> bytes:
    middle = len(data) // 2
    return data[:middle] + bytes([data[middle] ^ 0xFF]) + data[middle + 1 :]


@pytest.mark.parametrize(
    "damage",
    [
        _flip_middle,
        lambda data: data[: len(data) // 2],
        lambda data: b"",
        lambda data: b"not a cache entry at all",
        lambda data: json.dumps({"findings": []}).encode(),
    ],
    ids=["flipped-byte", "truncated", "empty", "foreign", "json"],
)
def test_a_damaged_entry_is_ignored_and_rewritten(
    cache_dir: Path, tree: Path, damage: object
) -> None:
    assert callable(damage)
    first = lint(tree)
    written = decoded(cache_dir)
    for path in entry_files(cache_dir):
        path.write_bytes(damage(path.read_bytes()))
    assert set(decoded(cache_dir).values()) == {None}
    second = lint(tree)
    assert second.stdout == first.stdout
    assert second.stderr == first.stderr
    assert decoded(cache_dir) == written
    assert None not in written.values()


def test_an_entry_of_another_key_is_a_miss(cache_dir: Path, tree: Path) -> None:
    lint(tree)
    first, second, *_ = entry_files(cache_dir)
    second.write_bytes(first.read_bytes())
    cache = ResultCache(cache_dir / RESULTS_DIR, Linter(select()))
    assert cache.load(bytes.fromhex(second.stem)) is None
    assert cache.load(bytes.fromhex(first.stem)) is not None


def test_entries_round_trip_every_field(cache_dir: Path) -> None:
    result = Linter(select(["ALL"])).lint_bytes(SEED_000.read_bytes(), "a.txt")
    assert any(finding.fix is not None for finding in result.findings)
    assert any(finding.article is not None for finding in result.findings)
    from kzvalidate.contract.record import article_entry
    from kzvalidate.dump.blocks import Article
    from kzvalidate.dump.parser import parse_bytes

    articles = [b for b in parse_bytes(SEED_000.read_bytes(), "a.txt") if isinstance(b, Article)]
    stored = CachedResult(
        tuple(result.findings), result.articles, tuple(article_entry(a) for a in articles)
    )
    cache = ResultCache(cache_dir, Linter(select()))
    cache.store(b"k" * 16, stored)
    assert cache.load(b"k" * 16) == stored


# -- several runs at once --------------------------------------------------------------------


def test_two_runs_at_once_leave_a_valid_cache(cache_dir: Path, tree: Path) -> None:
    for number in range(6):
        (tree / f"copy{number}.txt").write_bytes(SEED_000.read_bytes() + b"\n" * number)
    command = [sys.executable, "-m", "kzvalidate", "lint", ".", "--isolated"]
    runs = [
        subprocess.Popen(command, cwd=tree, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for _ in range(2)
    ]
    outputs = [run.communicate() for run in runs]
    assert [run.returncode for run in runs] == [1, 1]
    assert outputs[0] == outputs[1]
    assert b"Traceback" not in outputs[0][1]
    cache = ResultCache(cache_dir / RESULTS_DIR, Linter(select()))
    names = list(entry_files(cache_dir))
    assert len(names) == 9
    assert all(cache.load(bytes.fromhex(path.stem)) is not None for path in names)
    assert not [path for path in (cache_dir / RESULTS_DIR).iterdir() if path.suffix != ".bin"]
    assert lint(tree).stdout.encode() == outputs[0][0]


# -- what comes after the cache: run rules, baselines ----------------------------------------


def test_run_rules_see_the_articles_of_cached_files(cache_dir: Path, tree: Path) -> None:
    (tree / "d.txt").write_text(ARTICLE, encoding="utf-8")
    lint(tree)
    (tree / "c.txt").write_text(ARTICLE + OTHER_ARTICLE, encoding="utf-8")
    changed = lint(tree)
    assert "KZ501" in changed.stdout
    assert changed.stdout == lint(tree, "--no-cache").stdout


def test_a_baseline_applies_to_cached_files(cache_dir: Path, tree: Path) -> None:
    baseline = tree.parent / "baseline.json"
    lint(tree, "--write-baseline", str(baseline))
    (tree / "c.txt").write_text(OTHER_ARTICLE + OTHER_ARTICLE.replace("09:30", "09:31"))
    cached = lint(tree, "--baseline", str(baseline), "--format", "json")
    fresh = lint(tree, "--baseline", str(baseline), "--format", "json", "--no-cache")
    assert cached.stdout == fresh.stdout
    assert cached.returncode == fresh.returncode == 1
    report = json.loads(cached.stdout)
    assert {finding["path"] for finding in report["findings"]} == {"c.txt"}


def test_the_repository_seeds_replay_identically(cache_dir: Path) -> None:
    first = run_cli("lint", "fixtures/seeds", "--format", "json", cwd=ROOT)
    second = run_cli("lint", "fixtures/seeds", "--format", "json", cwd=ROOT)
    assert first.stdout == second.stdout
    assert len(entries(cache_dir)) == len(list((ROOT / "fixtures" / "seeds").glob("*.txt")))


def test_a_file_is_hashed_as_hashlib_hashes_its_bytes(tmp_path: Path) -> None:
    """A file's hash, read in blocks with ``_blake2``'s blake2b (importing hashlib loads OpenSSL,
    issue 12), is hashlib's blake2b of its bytes: keys stay what they were."""
    import hashlib

    data = bytes(range(256)) * (cache_module.READ_BYTES // 128 + 3)  # two blocks and a part
    path = tmp_path / "a.txt"
    path.write_bytes(data)
    expected = hashlib.blake2b(data, digest_size=cache_module.DIGEST_BYTES).digest()
    assert cache_module.file_digest(path) == expected
