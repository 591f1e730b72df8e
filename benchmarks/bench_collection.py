"""The collection contract at scale (run by hand, not a test).

    python benchmarks/bench_collection.py            # 1M articles, 1M rows (~3 min)
    python benchmarks/bench_collection.py --quick    # 100k articles, 100k rows (~20 s)

Two measurements:

* ``memory``: what the streaming collection rules of ``lint`` keep per article. N entries
  (:class:`~kzvalidate.contract.collection.Entry`, unique content hashes and title keys, one file,
  newest first) are fed to the collectors of KZ501 duplicate-article and KZ502 changed-article
  and KZ503 out-of-order (run scope; KZ503 keeps the entries of the file being read), each set
  in its own run; the bytes they hold afterwards (``tracemalloc``, after a garbage collection,
  the entries themselves counted only where a collector keeps them) divided by N.
* ``pandera``: validating an N-row collection table with the collection model (11 per-mille of
  rows duplicated, changed or out of order, so the lazy validation has failure cases to collect),
  with pandera's polars backend (:mod:`kzvalidate.contract.table`, the model) and with its pandas
  backend (the same columns and checks written for pandas here). Building the frame from columns
  and validating it are timed apart; for polars also ``validate_frame``, which maps every failure
  case to a finding. Records/s = N / validation time.

Results: a table on standard output and ``benchmarks/collection.json``.
"""

from __future__ import annotations

import argparse
import gc
import json
import platform
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pandas as pd
import pandera.pandas as pan
import polars as pl
from pandera.engines import pandas_engine
from pandera.errors import SchemaErrors

from kzvalidate.contract import table
from kzvalidate.contract.collection import Entry, out_of_order_times, title_key
from kzvalidate.contract.record import ZONE, almaty
from kzvalidate.dump.dialects import DEFAULT
from kzvalidate.model import Excerpt, Span
from kzvalidate.rules import RULES
from kzvalidate.rules.base import Context, RunRule

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "collection.json"
START = datetime(2026, 3, 3, 19, 0, tzinfo=UTC)
TITLE = "Kazakhstan and Kyrgyzstan agree to build {} km of new roads by 2030, ministry says"
LINES_PER_ARTICLE = 11
FILES = 10


# -- run-scope memory ------------------------------------------------------------------------


def entries(count: int) -> Iterator[Entry]:
    """One file's entries, newest first, each with its own text and title."""
    header = Excerpt(1, 0, "03.03.2026, 19:00 11421", "\n")
    for index in range(count):
        line = 1 + index * LINES_PER_ARTICLE
        published = (START - timedelta(minutes=index)).astimezone(almaty())
        yield Entry(
            path="bench.txt",
            line=line,
            span=Span.on_line(line, 0, 23),
            header=Excerpt(line, header.start, header.text, header.ending),
            published=published,
            content_hash=f"{index:032x}",
            title_key=title_key(TITLE.format(index), published.isoformat()),
        )


@dataclass(frozen=True)
class MemoryResult:
    collectors: str
    articles: int
    bytes_held: int
    seconds: float

    @property
    def bytes_per_article(self) -> float:
        return self.bytes_held / self.articles


def held_by(codes: Sequence[str], count: int) -> MemoryResult:
    """Feed ``count`` entries to the collectors of ``codes`` and measure what they keep."""
    context = Context(dialect=DEFAULT)
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    started = time.perf_counter()
    feeders = [_feeder(code, context) for code in codes]
    for entry in entries(count):
        for feed in feeders:
            feed(entry)
    seconds = time.perf_counter() - started
    gc.collect()
    after = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    del feeders
    return MemoryResult("+".join(codes), count, after - before, seconds)


def _feeder(code: str, context: Context) -> Callable[[Entry], None]:
    rule = RULES[code]
    assert isinstance(rule, RunRule)
    return rule.collector(context).add


# -- pandera validation ----------------------------------------------------------------------


def columns(count: int) -> dict[str, Any]:
    """An N-row collection table as plain columns: FILES files, newest first, with 1% of rows
    a copy of the row before, 0.05% an edit of it (same title key, other text), 0.1% swapped."""
    epochs: list[int] = []
    lines: list[int] = []
    paths: list[str] = []
    hashes: list[str] = []
    titles: list[str] = []
    keys: list[str] = []
    per_file = max(1, count // FILES)
    for index in range(count):
        file, position = divmod(index, per_file)
        moment = START - timedelta(minutes=position)
        title = TITLE.format(index)
        digest = f"{index:032x}"
        if index % 100 == 99:
            title, digest = titles[-1], hashes[-1]
        key = f"{title}\n{moment.astimezone(almaty()).isoformat(timespec='minutes')}"
        if index % 2000 == 1998:
            key = keys[-1]
        epochs.append(int(moment.timestamp() * 1_000_000))
        paths.append(f"f{file}.txt")
        lines.append(1 + position * LINES_PER_ARTICLE)
        hashes.append(digest)
        titles.append(title)
        keys.append(key)
    for at in range(1000, count - 1, 2000):
        epochs[at], epochs[at + 1] = epochs[at + 1], epochs[at]
    return {
        "path": paths,
        "line": lines,
        "epoch": epochs,
        "views": [index * 7 % 100_000 for index in range(count)],
        "title": titles,
        "content_hash": hashes,
        "title_key": keys,
    }


def polars_frame(data: dict[str, Any]) -> pl.DataFrame:
    published = pl.Series(data["epoch"]).cast(pl.Datetime("us", "UTC")).dt.convert_time_zone(ZONE)
    count = len(data["path"])
    return pl.DataFrame(
        {
            "path": data["path"],
            "line": pl.Series(data["line"], dtype=pl.Int64),
            "published": published,
            "date": published.dt.date(),
            "time": published.dt.time(),
            "views": pl.Series(data["views"], dtype=pl.Int64),
            "title": data["title"],
            "image_credit": pl.Series([None] * count, dtype=pl.String),
            "footer_present": pl.Series([True] * count),
            "paragraphs": pl.Series([5] * count, dtype=pl.Int64),
            "figures": pl.Series([1] * count, dtype=pl.Int64),
            "content_hash": data["content_hash"],
            "title_key": data["title_key"],
            "crawled": pl.Series([None] * count, dtype=pl.Date),
        }
    )


def pandas_frame(data: dict[str, Any]) -> pd.DataFrame:
    published = pd.Series(pd.to_datetime(data["epoch"], unit="us", utc=True)).dt.tz_convert(ZONE)
    count = len(data["path"])
    return pd.DataFrame(
        {
            "path": pd.Series(data["path"], dtype="string"),
            "line": pd.Series(data["line"], dtype="int64"),
            "published": published,
            "date": published.dt.date,
            "time": published.dt.time,
            "views": pd.Series(data["views"], dtype="Int64"),
            "title": pd.Series(data["title"], dtype="string"),
            "image_credit": pd.Series([None] * count, dtype="string"),
            "footer_present": pd.Series([True] * count, dtype="bool"),
            "paragraphs": pd.Series([5] * count, dtype="int64"),
            "figures": pd.Series([1] * count, dtype="int64"),
            "content_hash": pd.Series(data["content_hash"], dtype="string"),
            "title_key": pd.Series(data["title_key"], dtype="string"),
            "crawled": pd.Series([None] * count, dtype="object"),
        }
    )


def _pandas_copies(frame: pd.DataFrame) -> pd.Series[bool]:
    hashes = frame["content_hash"]
    return ~(hashes.notna() & hashes.duplicated())


def _pandas_changes(frame: pd.DataFrame) -> pd.Series[bool]:
    known = frame["title_key"].notna() & frame["content_hash"].notna()
    keyed = frame["title_key"].where(known)
    new_text = ~pd.DataFrame({"key": keyed, "text": frame["content_hash"]}).duplicated()
    return ~(keyed.notna() & keyed.duplicated() & new_text)


def _pandas_order(frame: pd.DataFrame) -> pd.Series[bool]:
    failing: list[Any] = []
    copies = frame["content_hash"].notna() & frame[["path", "content_hash"]].duplicated()
    instants = frame["published"].astype("int64").where(frame["published"].notna() & ~copies)
    for _, group in instants.groupby(frame["path"], sort=False):
        times = [None if pd.isna(value) else float(value) for value in group.to_numpy()]
        failing += [group.index[breach.index] for breach in out_of_order_times(times)]
    return pd.Series(~frame.index.isin(failing), index=frame.index)


def _pandas_dates(frame: pd.DataFrame) -> pd.Series[bool]:
    crawled = pd.to_datetime(frame["crawled"])
    day = pd.to_datetime(frame["date"])
    after = frame["published"].notna() & crawled.notna() & (day > crawled)
    future = frame["published"].notna() & (frame["published"] > pd.Timestamp.now(tz=UTC))
    return ~(after | future)


def pandas_schema() -> pan.DataFrameSchema:
    """The collection model written for pandera's pandas backend (for this comparison only)."""
    moment = pd.DatetimeTZDtype("us", ZONE)
    return pan.DataFrameSchema(
        {
            "path": pan.Column("string"),
            "line": pan.Column("int64", pan.Check.ge(1)),
            "published": pan.Column(moment, nullable=True),
            "date": pan.Column(pandas_engine.Date, nullable=True),
            "time": pan.Column(object, nullable=True),
            "views": pan.Column("Int64", pan.Check.ge(0), nullable=True),
            "title": pan.Column("string", nullable=True),
            "image_credit": pan.Column("string", nullable=True),
            "footer_present": pan.Column("bool"),
            "paragraphs": pan.Column("int64", pan.Check.ge(0)),
            "figures": pan.Column("int64", pan.Check.ge(0)),
            "content_hash": pan.Column(
                "string", pan.Check.str_matches(r"^[0-9a-f]{32}$"), nullable=True
            ),
            "title_key": pan.Column("string", nullable=True),
            "crawled": pan.Column(pandas_engine.Date, nullable=True),
        },
        checks=[
            pan.Check(_pandas_copies, name="kz501_duplicate_article"),
            pan.Check(_pandas_changes, name="kz502_changed_article"),
            pan.Check(_pandas_order, name="kz503_out_of_order"),
            pan.Check(_pandas_dates, name="kz504_published_after_crawl"),
        ],
        strict=True,
    )


def failing_rows(validate: Callable[[], Any]) -> dict[str, int]:
    """Rows failing each table check (columns ignored: pandas gives one case per column)."""
    try:
        validate()
    except SchemaErrors as errors:
        cases = pl.DataFrame(
            pd.DataFrame(errors.failure_cases)[["check", "index"]].astype(str)
            if isinstance(errors.failure_cases, pd.DataFrame)
            else errors.failure_cases.select("check", "index").cast(pl.String)
        )
        unique = cases.unique()
        return {
            str(check).partition("(")[0]: count
            for check, count in unique.group_by("check").len().iter_rows()
        }
    return {}


@dataclass(frozen=True)
class Timing:
    backend: str
    step: str
    rows: int
    seconds: float
    failing: dict[str, int]

    @property
    def per_second(self) -> float:
        return self.rows / self.seconds


def timed(repeat: int, run: Callable[[], Any]) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(repeat):
        gc.collect()
        started = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def validation_timings(count: int, repeat: int) -> list[Timing]:
    data = columns(count)
    results: list[Timing] = []
    build, frame = timed(repeat, lambda: polars_frame(data))
    results.append(Timing("polars", "build frame", count, build, {}))
    model = table.collection_schema()
    seconds, failing = timed(repeat, lambda: failing_rows(lambda: model.validate(frame, lazy=True)))
    results.append(Timing("polars", "validate (lazy)", count, seconds, failing))
    seconds, findings = timed(repeat, lambda: table.validate_frame(frame, RULES))
    by_code: dict[str, int] = {}
    for finding in findings:
        by_code[finding.code] = by_code.get(finding.code, 0) + 1
    results.append(Timing("polars", "validate_frame (findings)", count, seconds, by_code))
    build, pandas = timed(repeat, lambda: pandas_frame(data))
    results.append(Timing("pandas", "build frame", count, build, {}))
    schema = pandas_schema()
    seconds, failing = timed(
        repeat, lambda: failing_rows(lambda: schema.validate(pandas, lazy=True))
    )
    results.append(Timing("pandas", "validate (lazy)", count, seconds, failing))
    return results


# -- output ----------------------------------------------------------------------------------


def print_tables(memory: list[MemoryResult], timings: list[Timing]) -> None:
    print("| collectors | articles | bytes held | bytes/article | feed s |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for result in memory:
        print(
            f"| {result.collectors} | {result.articles:,} | {result.bytes_held:,} | "
            f"{result.bytes_per_article:,.0f} | {result.seconds:.1f} |"
        )
    print()
    print("| backend | step | rows | s | rows/s | failing rows by check |")
    print("| --- | --- | ---: | ---: | ---: | --- |")
    for timing in timings:
        failing = ", ".join(f"{name} {count:,}" for name, count in sorted(timing.failing.items()))
        print(
            f"| {timing.backend} | {timing.step} | {timing.rows:,} | {timing.seconds:.2f} | "
            f"{timing.per_second:,.0f} | {failing} |"
        )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="100k articles and rows")
    parser.add_argument("--articles", type=int, help="entries for the memory measurement")
    parser.add_argument("--rows", type=int, help="rows for the validation measurement")
    parser.add_argument("--repeat", type=int, default=1, help="runs per timing (median)")
    parser.add_argument("--output", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    default = 100_000 if args.quick else 1_000_000
    articles, rows = args.articles or default, args.rows or default
    memory = [
        held_by(codes, articles) for codes in (["KZ501"], ["KZ502"], ["KZ503"], ["KZ501", "KZ502"])
    ]
    timings = validation_timings(rows, args.repeat)
    print_tables(memory, timings)
    args.output.write_text(
        json.dumps(
            {
                "measured": datetime.now(UTC).isoformat(timespec="seconds"),
                "python": platform.python_version(),
                "polars": pl.__version__,
                "pandas": pd.__version__,
                "memory": [
                    {**vars(result), "bytes_per_article": result.bytes_per_article}
                    for result in memory
                ],
                "validation": [
                    {**vars(timing), "rows_per_second": timing.per_second} for timing in timings
                ],
            },
            indent=2,
        )
        + "\n"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
