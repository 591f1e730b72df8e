"""The collection rules keep their run state in bounded memory: in memory while it is small, in a
temporary database past a threshold. KZ501-KZ503 find the same with their state on disk as in
memory, on a generated run full of copies, changed articles and articles out of order (the
threshold forced down to a few items), and agree with the collection contract there; the spill
tables answer the same wherever their items are."""

from __future__ import annotations

import marshal
import random
import resource
import sqlite3
import subprocess
import sys
from array import array
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kzvalidate.check import run
from kzvalidate.check.cache import ResultCache
from kzvalidate.check.cached import CachedRun
from kzvalidate.check.distributed import LintRun
from kzvalidate.check.engine import Linter
from kzvalidate.contract.collection import (
    entry_of_row,
    entry_row,
    newest_first_breaches,
    out_of_order_times,
)
from kzvalidate.contract.record import article_entry
from kzvalidate.dump.blocks import Article
from kzvalidate.dump.dialects.kazakhstan_today import FOOTER
from kzvalidate.dump.parser import parse_bytes
from kzvalidate.dump.render import render_dump
from kzvalidate.model import Finding
from kzvalidate.results import Summary
from kzvalidate.rules import select
from kzvalidate.rules.collection import spill
from kzvalidate.rules.collection.spill import DigestTable, Places, RecordList, sorted_spilling
from kzvalidate.source.discovery import Target
from tests.helpers import SEED_000, SEED_004
from tests.test_collection import Collection, Dump, Record, collections, contract_findings, said

RUN_RULES = ["KZ501", "KZ502", "KZ503"]
TOPICS = ("ski tracks", "wheat exports", "the new metro line", "criminal groups", "budget")


def lint_run(dumps: list[Dump]) -> list[Finding]:
    """The run rules' findings over the dumps, linted one after another in one run."""
    linter = Linter(select(RUN_RULES))
    scope = linter.run_scope()
    for name, data in dumps:
        linter.lint_bytes(data, name, None, scope)
    return scope.finish()


@contextmanager
def spilling_early(items: int, records: int) -> Iterator[list[object]]:
    """Tables made meanwhile spill past ``items`` digests or ``records`` records; yields the
    list of databases they opened."""
    opened: list[object] = []
    make = spill._temporary_database

    def counted() -> sqlite3.Connection:
        database = make()
        opened.append(database)
        return database

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(spill, "MEMORY_ITEMS", items)
        patch.setattr(spill, "MEMORY_RECORDS", records)
        patch.setattr(spill, "_temporary_database", counted)
        yield opened


# -- a generated run --------------------------------------------------------------------------


def generated_run(seed: int, files: int = 3, articles: int = 300) -> list[Dump]:
    """Files of articles mostly newest first, with re-crawled copies (some requoted), changed
    texts under the same title and minute, and articles published hours after their place."""
    rng = random.Random(seed)
    moment = datetime(2025, 5, 23, 23, 59)
    made: list[Record] = []
    dumps: list[Dump] = []
    for index in range(files):
        written = []
        for _ in range(articles):
            moment -= timedelta(minutes=rng.choice((0, 1, 1, 7)))
            written.append(_next_article(rng, moment, made))
        dumps.append((f"f{index}.txt", render_dump(written).encode()))
    return dumps


def _next_article(rng: random.Random, moment: datetime, made: list[Record]) -> Record:
    roll = rng.random()
    if made and roll < 0.15:  # a re-crawl: an earlier article again, with other views
        copy = dict(rng.choice(made), views=rng.randrange(10**5))
        if rng.random() < 0.3:  # quote styles are folded: still the same text
            copy["body"] = [paragraph.replace('"', "\u201c") for paragraph in copy["body"]]
        return copy
    if made and roll < 0.27:  # the same title and minute with another text
        source = rng.choice(made)
        record = dict(source, body=[*source["body"], f"Updated: {rng.randrange(10**6)} people."])
    elif roll < 0.37:  # published hours after its place in the file
        record = _fresh_article(rng, moment + timedelta(hours=rng.randrange(1, 48)))
    else:
        record = _fresh_article(rng, moment)
    made.append(record)
    return record


def _fresh_article(rng: random.Random, moment: datetime) -> Record:
    topic = rng.choice(TOPICS)
    body = [
        f'The ministry said "{rng.randrange(1000)} km" of {topic} were planned.',
        f"Work on {topic} starts in {rng.randrange(1, 12)} months.",
    ]
    return {
        "date": moment.date().isoformat(),
        "time": moment.strftime("%H:%M"),
        "views": rng.randrange(10**5),
        "title": f"Story {rng.randrange(200)} on {topic}",
        "body": body[: rng.randrange(1, 3)],
        "footer": FOOTER,
    }


def test_the_run_rules_find_the_same_with_their_state_on_disk() -> None:
    dumps = generated_run(seed=12)
    in_memory = lint_run(dumps)
    with spilling_early(items=5, records=3) as opened:
        on_disk = lint_run(dumps)
    assert on_disk == in_memory
    # KZ501 and KZ502: a digest table each; KZ503: per file, its copies and its entries; each
    # rule: the problems found; the run scope: the findings it sorts.
    assert len(opened) == 2 + 2 * len(dumps) + 3 + 1
    found = {code: sum(f.code == code for f in in_memory) for code in RUN_RULES}
    assert min(found.values()) >= 20, found
    assert any(" of f0.txt" in f.message for f in in_memory if f.code == "KZ501")


def test_with_their_state_on_disk_the_run_rules_agree_with_the_collection_contract() -> None:
    dumps = generated_run(seed=5, files=2, articles=150)
    with spilling_early(items=1, records=1) as opened:
        on_disk = lint_run(dumps)
    assert opened
    expected = [f for f in contract_findings(dumps) if f.code in RUN_RULES]
    assert said(on_disk) == said(expected)
    assert len(said(on_disk)) == len(on_disk)


@given(collections(), st.integers(0, 3), st.integers(0, 3))
def test_any_threshold_gives_the_findings_of_the_state_in_memory(
    collection: Collection, items: int, records: int
) -> None:
    dumps = collection.dumps()
    in_memory = lint_run(dumps)
    with spilling_early(items, records):
        assert lint_run(dumps) == in_memory


# -- the tables -------------------------------------------------------------------------------

Operation = tuple[bytes, bytes | None]
"""Put the value under the key, or (None) get the key."""
keys = st.binary(min_size=1, max_size=3)
operations = st.lists(st.tuples(keys, st.none() | st.binary(max_size=4)), max_size=40)


@given(operations, st.integers(0, 6))
def test_a_digest_table_answers_as_a_dict_wherever_its_items_are(
    steps: list[Operation], memory_items: int
) -> None:
    table, model = DigestTable(memory_items), dict[bytes, bytes]()
    for key, value in steps:
        if value is None:
            assert table.get(key) == model.get(key)
        else:
            table.put(key, value)
            model[key] = value
    assert table.spilled == (len(model) > memory_items)
    assert all(table.get(key) == value for key, value in model.items())
    table.close()
    assert not table.spilled
    assert all(table.get(key) is None for key in model)


@given(st.lists(st.tuples(st.integers(), st.text(max_size=5)), max_size=30), st.integers(0, 6))
def test_a_record_list_gives_back_its_records_by_position(
    records: list[tuple[int, str]], memory_records: int
) -> None:
    kept: RecordList[tuple[int, str]] = RecordList(tuple, tuple, memory_records)
    for record in records:
        kept.append(record)
    assert kept.spilled == (len(records) > memory_records)
    assert len(kept) == len(records)
    assert list(kept) == records
    assert [kept[position] for position in reversed(range(len(records)))] == records[::-1]
    with pytest.raises(IndexError):
        kept[len(records)]
    kept.close()
    assert len(kept) == 0
    assert list(kept) == []


def test_places_pack_paths_once_and_lines_of_any_size() -> None:
    places = Places()
    packed = [
        places.pack(path, line) for path, line in [("a.txt", 1), ("b.txt", 2**40), ("a.txt", 7)]
    ]
    assert [places.unpack(place) for place in packed] == [
        ("a.txt", 1),
        ("b.txt", 2**40),
        ("a.txt", 7),
    ]
    assert places.paths == ["a.txt", "b.txt"]
    assert places.unpack(packed[0] + b"more") == ("a.txt", 1)


def test_a_small_run_never_loads_sqlite() -> None:
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from kzvalidate.check.engine import Linter\n"
        "from kzvalidate.rules import select\n"
        f"data = Path({str(SEED_004)!r}).read_bytes()\n"
        "result = Linter(select()).lint_bytes(data + data, 'twice.txt')\n"
        "assert any(f.code == 'KZ501' for f in result.findings)\n"
        "print(sorted(name for name in ('sqlite3', 'pickle') if name in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_a_temporary_folder_without_room_is_told_as_such(tmp_path: Path) -> None:
    """No file may be written (the limit of its size is 0): the tables cannot spill to disk."""
    ((name, data),) = generated_run(seed=5, files=1, articles=120)
    (tmp_path / name).write_bytes(data)
    code = (
        "import sys\n"
        "from kzvalidate.rules.collection import spill\n"
        "spill.MEMORY_ITEMS = spill.MEMORY_RECORDS = spill.BATCH = 4\n"
        "spill.CACHE_KIB = 8\n"
        "from kzvalidate.cli import main\n"
        f"sys.argv = ['kzvalidate', 'lint', '--jobs', '1', '--no-cache', {name!r}]\n"
        "main()\n"
    )

    def no_room() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))

    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        preexec_fn=no_room,
    )
    assert done.returncode == 2, done.stderr
    assert f"kzvalidate: error: {name}: rule KZ50" in done.stderr
    assert "the run's state could not be kept in a temporary file" in done.stderr
    assert "set TMPDIR to a folder with room" in done.stderr
    assert "internal error" not in done.stderr and "Traceback" not in done.stderr


@given(st.lists(st.none() | st.integers(0, 8), max_size=25))
def test_the_order_over_an_array_is_the_order_over_a_list(minutes: list[int | None]) -> None:
    known = [float(minute) for minute in minutes if minute is not None]
    from_array = list(newest_first_breaches(array("d", known)))
    assert from_array == list(newest_first_breaches(known))
    breaches = out_of_order_times(minutes)
    positions = [index for index, minute in enumerate(minutes) if minute is not None]
    assert [(b.index, b.other, b.newer) for b in breaches] == [
        (positions[position], positions[other], newer) for position, other, newer in from_array
    ]


def test_an_entry_on_disk_is_the_entry_again() -> None:
    impossible = b"31.02.2025, 10:00 5\nA title on a day that is not\nIts text.\n"
    data = SEED_000.read_bytes() + SEED_004.read_bytes() + impossible
    entries = [article_entry(b) for b in parse_bytes(data, "both.txt") if isinstance(b, Article)]
    assert any(entry.published is None for entry in entries)
    assert [entry_of_row(marshal.loads(marshal.dumps(entry_row(e)))) for e in entries] == entries


# -- the result cache -------------------------------------------------------------------------


def cached_run(targets: list[Target], cache: ResultCache | None) -> tuple[list[Finding], Summary]:
    findings: list[Finding] = []
    linter = Linter(select())
    cache = None if cache is None else ResultCache(cache.folder, linter)
    summary = run.lint_run(
        linter, targets, sink=findings.append, on_file=lambda _: None, cache=cache
    )
    return findings, summary


def two_large_files_and_a_small_one(
    folder: Path, seed: int, articles: int
) -> tuple[list[str], list[Target], ResultCache]:
    """Two generated files and seed 004 as ``small.txt``, their targets, and an empty cache."""
    names = []
    for name, data in [*generated_run(seed=seed, files=2, articles=articles), ("small.txt", b"")]:
        (folder / name).write_bytes(data or SEED_004.read_bytes())
        names.append(name)
    targets = [Target(folder / name, name) for name in names]
    return names, targets, ResultCache(folder / "cache", Linter(select()))


def test_a_file_too_large_to_cache_is_linted_as_without_the_cache(tmp_path: Path) -> None:
    _, targets, cache = two_large_files_and_a_small_one(tmp_path, seed=3, articles=120)
    uncached = cached_run(targets, None)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(run, "CACHE_MAX_ITEMS", 50)  # seed 004: 9 articles and a few findings
        first, second = cached_run(targets, cache), cached_run(targets, cache)
    assert first == second == uncached
    assert {f.code for f in uncached[0]} >= set(RUN_RULES)
    stored = list((tmp_path / "cache").glob("*.bin"))
    assert len(stored) == 1  # the small file's entry only
    assert cache.load(bytes.fromhex(stored[0].stem)) is not None


@given(st.lists(st.tuples(st.integers(0, 5), st.integers()), max_size=60), st.integers(0, 7))
def test_a_spilling_sort_is_the_stable_sort(items: list[tuple[int, int]], memory: int) -> None:
    def first(item: tuple[int, int]) -> int:
        return item[0]

    assert list(sorted_spilling(items, first, memory)) == sorted(items, key=first)


def test_a_sort_raises_the_error_of_its_items_before_giving_any() -> None:
    def items() -> Iterator[int]:
        yield from range(10)
        raise ValueError("broken")

    with pytest.raises(ValueError, match="broken"):
        sorted_spilling(items(), abs, 3)


@given(st.lists(st.integers(0, 8), max_size=40))
def test_each_breach_names_the_nearest_kept_article_it_is_out_of_order_with(
    minutes: list[int],
) -> None:
    times = array("d", minutes)
    found = list(newest_first_breaches(times))
    breached = {position for position, _, _ in found}
    kept = [position not in breached for position in range(len(times))]
    expected = []
    for position in sorted(breached):
        older_before = [p for p in range(position) if kept[p] and times[p] < times[position]]
        newer_after = [
            p for p in range(position + 1, len(times)) if kept[p] and times[p] > times[position]
        ]
        other = older_before[-1] if older_before else newer_after[0]
        expected.append((position, other, other < position))
    assert found == expected


def test_a_file_larger_than_the_cache_takes_is_linted_as_without_it(tmp_path: Path) -> None:
    names, targets, cache = two_large_files_and_a_small_one(tmp_path, seed=4, articles=150)
    uncached = cached_run(targets, None)
    small = (tmp_path / "small.txt").stat().st_size
    assert all((tmp_path / name).stat().st_size > small for name in names[:2])
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(run, "CACHE_MAX_BYTES", small)
        assert cached_run(targets, cache) == cached_run(targets, cache) == uncached
        engine_runs: list[list[str]] = []
        cached = CachedRun(recording_run(engine_runs), ResultCache(cache.folder, Linter(select())))
        cached(Linter(select()), targets, sink=lambda _: None, on_file=lambda _: None)
        cached(Linter(select()), targets[:2], sink=lambda _: None, on_file=lambda _: None)
    assert len(list((tmp_path / "cache").glob("*.bin"))) == 1
    # Nothing is left for the engine to fill the cache with; a run of large files is its own.
    assert engine_runs == [["f0.txt", "f1.txt"]]


def recording_run(runs: list[list[str]]) -> LintRun:
    """An engine's run that lints in process, noting the files it was given."""

    def engine_run(linter: Linter, targets: Iterable[Target], **options: Any) -> Summary:
        targets = list(targets)
        runs.append([target.name for target in targets])
        return run.lint_run(linter, targets, **options)

    return engine_run
