"""The collection rules (KZ5xx) across the files of a run, and the definitions they share with the
collection contract (content hash, title key, newest-first order)."""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from kzvalidate.contract.collection import content_hash, fold, out_of_order, title_key
from kzvalidate.dump.blocks import Article
from kzvalidate.dump.parser import parse_bytes
from tests.helpers import SEED_000, SEED_004, run_cli

SEED_004_HEADERS = [1, 16, 23, 34, 46, 54, 70, 78, 90]


Report = dict[str, Any]


def lint_json(*args: str, cwd: Path) -> Report:
    done = run_cli("lint", "--format", "json", *args, cwd=cwd)
    assert done.returncode in (0, 1), done.stderr
    report: Report = json.loads(done.stdout)
    return report


def findings(report: Report, code: str | None = None) -> list[dict[str, Any]]:
    return [f for f in report["findings"] if code is None or f["code"] == code]


def positions(report: Report, code: str) -> list[tuple[str, int]]:
    return [(f["path"], f["line"]) for f in findings(report, code)]


def test_a_copy_of_seed_004_is_reported_article_by_article_and_nothing_else_is_new(
    tmp_path: Path,
) -> None:
    copy = str(tmp_path / "recrawl.txt")
    shutil.copy(SEED_004, copy)
    before = lint_json(str(SEED_000), str(SEED_004), cwd=tmp_path)
    after = lint_json(str(SEED_000), str(SEED_004), copy, cwd=tmp_path)
    assert positions(after, "KZ501") == [(copy, line) for line in SEED_004_HEADERS]
    messages = [f["message"] for f in findings(after, "KZ501")]
    assert messages[1] == f"this article repeats the article at line 16 of {SEED_004}"
    assert positions(before, "KZ503") == [(str(SEED_000), 12), (str(SEED_004), 1)]
    assert positions(before, "KZ501") == positions(before, "KZ502") == []
    assert positions(before, "KZ504") == []
    # Besides the copies, the copy's findings are seed 004's own, and the seeds' are unchanged.
    of_copy = [(f["code"], f["line"], f["column"]) for f in findings(after) if f["path"] == copy]
    of_004 = [
        (f["code"], f["line"], f["column"]) for f in findings(before) if f["path"] == str(SEED_004)
    ]
    assert [found for found in of_copy if found[0] != "KZ501"] == of_004
    assert [f for f in findings(after) if f["path"] != copy] == findings(before)


def test_the_first_file_named_holds_the_original(tmp_path: Path) -> None:
    shutil.copy(SEED_004, tmp_path / "a.txt")
    shutil.copy(SEED_004, tmp_path / "b.txt")
    report = lint_json("b.txt", "a.txt", "--select", "KZ501", cwd=tmp_path)
    assert positions(report, "KZ501") == [("a.txt", line) for line in SEED_004_HEADERS]


def test_a_dump_concatenated_with_itself_repeats_every_article(tmp_path: Path) -> None:
    data = SEED_000.read_bytes()
    (tmp_path / "twice.txt").write_bytes(data + data)
    lines = data.count(b"\n")
    report = lint_json("twice.txt", "--select", "KZ5", cwd=tmp_path)
    headers = [1, 12, 20, 29, 35, 44, 54, 61, 72]
    assert positions(report, "KZ501") == [("twice.txt", lines + line) for line in headers]
    # The copies are left out of the order: only the seed's own order break is left.
    assert positions(report, "KZ503") == [("twice.txt", 12)]


def test_seed_000_states_its_crawl_day_and_every_article_carries_it() -> None:
    blocks = parse_bytes(SEED_000.read_bytes())
    crawled = {
        block.crawled.text for block in blocks if isinstance(block, Article) and block.crawled
    }
    assert crawled == {"2026-03-04"}
    first = next(block for block in blocks if isinstance(block, Article))
    assert first.crawled is not None
    assert (first.crawled.span.line, first.crawled.span.column) == (1, 7)


def test_the_content_hash_folds_blanks_and_quote_styles_only() -> None:
    same = content_hash('Tokayev: "reliable partners"', ["Two  countries \u201cshare\u201d it."])
    assert same == content_hash(
        "Tokayev:  \u00abreliable partners\u00bb", ['Two countries "share" it.']
    )
    assert same != content_hash('Tokayev: "reliable partners"', ["Two countries share it."])
    assert content_hash(None, []) is None
    assert content_hash("Title", ["a", "b"]) != content_hash("Title", ["a b"])


def test_the_title_key_names_title_and_minute() -> None:
    assert title_key("A  title", "2026-03-03T14:12:00+05:00") == "A title\n2026-03-03T14:12+05:00"
    assert title_key(None, "2026-03-03T14:12:00+05:00") is None
    assert title_key("A title", None) is None
    assert fold(" \u201cA\u201d\t b ") == '"A" b'


def moments(minutes: list[int]) -> list[datetime | None]:
    start = datetime(2026, 3, 3, tzinfo=UTC)
    return [start + timedelta(minutes=m) for m in minutes]


def test_out_of_order_reports_each_misplaced_article_once_against_its_neighbour() -> None:
    # seed 004: 15:58, 17:49, 16:54, 13:43 — the first article belongs after the next two
    [breach] = out_of_order(moments([958, 1069, 1014, 823]))
    assert (breach.index, breach.other, breach.newer) == (0, 1, False)
    # seed 000: 14:12, 19:00, 13:10 — a tie, resolved by keeping the earlier article
    [breach] = out_of_order(moments([852, 1140, 790]))
    assert (breach.index, breach.other, breach.newer) == (1, 0, True)
    assert out_of_order(moments([5, 5, 3, 3, 1])) == []
    assert out_of_order([None, *moments([1, 2])]) != []
    assert [b.index for b in out_of_order([*moments([9]), None, *moments([1])])] == []


@given(st.lists(st.integers(0, 50), max_size=30))
def test_what_out_of_order_keeps_is_newest_first_and_as_long_as_possible(
    minutes: list[int],
) -> None:
    breaches = out_of_order(moments(minutes))
    moved = {breach.index for breach in breaches}
    kept = [m for i, m in enumerate(minutes) if i not in moved]
    assert kept == sorted(kept, reverse=True)
    assert len(kept) == longest_non_increasing(minutes)
    for breach in breaches:
        mine, other = minutes[breach.index], minutes[breach.other]
        assert breach.other not in moved
        assert (mine > other) if breach.newer else (mine < other)
        assert (breach.other < breach.index) == breach.newer


def longest_non_increasing(values: list[int]) -> int:
    """The length of a longest non-increasing subsequence, the slow obvious way."""
    best = [1] * len(values)
    for i in range(len(values)):
        for j in range(i):
            if values[j] >= values[i]:
                best[i] = max(best[i], best[j] + 1)
    return max(best, default=0)
