"""``kzvalidate parse``: records out to JSON Lines, Parquet, CSV and DuckDB, validity and
quarantine, appending to a database without duplicates, and runs that fail leaving outputs alone."""

from __future__ import annotations

import csv
import json
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import duckdb
import polars as pl
import pytest

from kzvalidate.contract.schema import validate_record
from kzvalidate.dump.dialects import DEFAULT
from tests.helpers import ROOT, SEED_004, SEEDS, run_cli

FOOTER = DEFAULT.footers[0]
CLEAN = f"03.03.2026, 14:12 11421\nTitle of the article\nFirst paragraph, 5 km long.\n{FOOTER}\n"
SEED_ARTICLES, SEED_VALID = 18, 7
TABLES = ("articles", "figures", "findings", "quarantine", "runs")


def parse(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return run_cli("parse", *map(str, args))


def summary(done: subprocess.CompletedProcess[str]) -> str:
    return done.stderr.strip().splitlines()[-1]


def json_lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def table_counts(path: Path) -> dict[str, int]:
    with duckdb.connect(str(path), read_only=True) as connection:
        return {
            table: connection.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0]
            for table in TABLES
        }


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The seeds, every record included, written once in each format."""
    folder = tmp_path_factory.mktemp("outputs")
    written = {}
    for suffix in ("jsonl", "parquet", "csv", "duckdb"):
        out = folder / f"seeds.{suffix}"
        done = parse(SEEDS, "-o", out, "--include-invalid")
        assert done.returncode == 0, done.stderr
        assert summary(done).startswith(f"kzvalidate: {SEED_ARTICLES} records written to {out}")
        written[suffix] = out
    return written


# The same values, whatever the format: each table read back as Python values.


def _day(value: Any) -> date | None:
    return value if isinstance(value, date) or value is None else date.fromisoformat(value)


def _clock(value: Any) -> time | None:
    return value if isinstance(value, time) or value is None else time.fromisoformat(value)


def _moment(value: Any) -> float | None:
    if value is None or value == "":
        return None
    return (value if isinstance(value, datetime) else datetime.fromisoformat(value)).timestamp()


def normal(row: dict[str, Any]) -> dict[str, Any]:
    """An article row with values as comparable Python values (empty CSV fields are None)."""
    row = {key: None if value == "" else value for key, value in row.items()}
    body = row["body"]
    return {
        "key": (row["path"], int(row["line"])),
        "span": tuple(int(row[name]) for name in ("column", "end_line", "end_column")),
        "date": _day(row["date"]),
        "time": _clock(row["time"]),
        "published": _moment(row["published"]),
        "views": None if row["views"] is None else int(row["views"]),
        "text": (row["title"], row["image_credit"], row["footer"]),
        "body": json.loads(body) if isinstance(body, str) else list(body),
        "crawled": _day(row["crawled"]),
        "content_hash": row["content_hash"],
    }


FIGURE_NUMBERS = ("value", "upper", "base_value", "base_upper")
FIGURE_TEXTS = ("text", "unit", "dimension", "base_unit", "qualifier")
FIELDS = (*FIGURE_NUMBERS, *FIGURE_TEXTS)


def normal_figure(key: tuple[str, int], figure: dict[str, Any]) -> tuple[Any, ...]:
    figure = {name: None if figure.get(name) == "" else figure.get(name) for name in FIELDS}
    numbers = tuple(None if figure[n] is None else float(figure[n]) for n in FIGURE_NUMBERS)
    return (key, *numbers, *(figure[name] for name in FIGURE_TEXTS))


def from_jsonl(path: Path) -> tuple[list[dict[str, Any]], list[tuple[Any, ...]]]:
    rows, figures = [], []
    for record in json_lines(path):
        source = record["source"]
        row = {**{name: record.get(name) for name in ARTICLE_NAMES}, **source}
        rows.append(normal(row))
        for figure in record["figures"]:
            figures.append(normal_figure((source["path"], source["line"]), figure))
    return rows, figures


ARTICLE_NAMES = (
    "date", "time", "published", "views", "title", "image_credit", "body", "footer", "crawled",
    "content_hash",
)  # fmt: skip


def from_csv(path: Path) -> tuple[list[dict[str, Any]], list[tuple[Any, ...]]]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = [normal(row) for row in csv.DictReader(handle)]
    with path.with_name(f"{path.stem}.figures.csv").open(encoding="utf-8", newline="") as handle:
        figures = [
            normal_figure((row["path"], int(row["line"])), row) for row in csv.DictReader(handle)
        ]
    return rows, figures


def from_duckdb(path: Path) -> tuple[list[dict[str, Any]], list[tuple[Any, ...]]]:
    with duckdb.connect(str(path), read_only=True) as connection:
        rows = [normal(row) for row in _dicts(connection, "SELECT * FROM articles ORDER BY rowid")]
        query = "SELECT * FROM figures ORDER BY rowid"
        figures = [normal_figure((f["path"], f["line"]), f) for f in _dicts(connection, query)]
    return rows, figures


def from_parquet(path: Path) -> tuple[list[dict[str, Any]], list[tuple[Any, ...]]]:
    rows, figures = [], []
    for row in pl.read_parquet(path).iter_rows(named=True):
        rows.append(normal(row))
        for figure in row["figures"]:
            figures.append(normal_figure((row["path"], row["line"]), figure))
    return rows, figures


def _dicts(connection: duckdb.DuckDBPyConnection, query: str) -> Iterator[dict[str, Any]]:
    result = connection.execute(query)
    names = [column[0] for column in result.description]
    for values in result.fetchall():
        yield dict(zip(names, values, strict=True))


def test_jsonl_csv_duckdb_and_parquet_hold_the_same_values(outputs: dict[str, Path]) -> None:
    expected = from_jsonl(outputs["jsonl"])
    assert len(expected[0]) == SEED_ARTICLES
    assert expected[1], "the seeds have figures"
    assert from_csv(outputs["csv"]) == expected
    assert from_duckdb(outputs["duckdb"]) == expected
    assert from_parquet(outputs["parquet"]) == expected


def test_include_invalid_writes_the_18_seed_records_as_the_contract_defines_them(
    outputs: dict[str, Path],
) -> None:
    records = json_lines(outputs["jsonl"])
    assert len(records) == SEED_ARTICLES
    invalid = [record for record in records if validate_record(record)]
    assert len(invalid) == 9  # the articles without their footer
    assert all(set(record["source"]) == {"path", "line", "column", "end_line", "end_column"}
               for record in records)  # fmt: skip


def test_parquet_columns_are_typed_as_the_contract_says(outputs: dict[str, Path]) -> None:
    frame = pl.read_parquet(outputs["parquet"])
    assert frame.height == SEED_ARTICLES
    schema = frame.schema
    assert schema["date"] == pl.Date
    assert schema["published"] == pl.Datetime("us", "Asia/Almaty")
    assert schema["views"] == pl.Int64
    assert schema["body"] == pl.List(pl.String)
    figures = schema["figures"]
    assert isinstance(figures, pl.List)
    assert isinstance(figures.inner, pl.Struct)
    fields = {field.name: field.dtype for field in figures.inner.fields}
    assert fields["value"] == pl.Float64
    assert fields["unit"] == pl.String
    first = frame.row(0, named=True)
    assert first["published"].isoformat() == "2026-03-03T14:12:00+05:00"


def test_by_default_only_valid_records_are_written_and_the_exit_code_says_so(
    tmp_path: Path,
) -> None:
    out = tmp_path / "x.jsonl"
    done = parse(SEEDS, "-o", out)
    assert done.returncode == 1
    records = json_lines(out)
    assert len(records) == SEED_VALID
    assert all(validate_record(record) == () for record in records)
    dropped = SEED_ARTICLES - SEED_VALID
    assert f"{SEED_VALID} records written to {out}" in summary(done)
    assert f"0 quarantined, {dropped} dropped (18 articles in 2 files)" in summary(done)


def test_quarantine_holds_invalid_records_with_their_findings(tmp_path: Path) -> None:
    out, quarantine = tmp_path / "x.jsonl", tmp_path / "invalid.jsonl"
    done = parse(SEEDS, "-o", out, "--quarantine", quarantine)
    assert done.returncode == 1
    held = json_lines(quarantine)
    assert len(held) == SEED_ARTICLES - SEED_VALID
    assert f"{len(held)} quarantined, 0 dropped" in summary(done)
    first = held[0]
    assert first["source"]["line"] == 1
    assert [finding["code"] for finding in first["findings"]] == ["KZ101"]
    assert set(first["findings"][0]) == {"code", "name", "severity", "message", "line", "column"}
    no_footer = [record for record in held if "footer" not in record]
    assert len(no_footer) == 9
    for record in no_footer:
        assert "KZ108" in {finding["code"] for finding in record["findings"]}
        assert {"field": "footer", "keyword": "required", "message": "'footer' is missing"} in (
            record["violations"]
        )


def test_a_copy_of_an_article_from_another_file_is_quarantined(tmp_path: Path) -> None:
    copy = tmp_path / "copy.txt"
    shutil.copy(SEED_004, copy)
    out, quarantine = tmp_path / "x.jsonl", tmp_path / "q.jsonl"
    done = parse(SEEDS, copy, "-o", out, "--quarantine", quarantine)
    assert done.returncode == 1
    copies = [record for record in json_lines(quarantine) if record["source"]["path"] == str(copy)]
    assert len(copies) == 9
    for record in copies:
        assert "KZ501" in {finding["code"] for finding in record["findings"]}
    assert all(record["source"]["path"] != str(copy) for record in json_lines(out))


def test_csv_quarantine_and_figures_file(tmp_path: Path) -> None:
    out, quarantine = tmp_path / "x.csv", tmp_path / "q.csv"
    assert parse(SEEDS, "-o", out, "--quarantine", quarantine).returncode == 1
    with quarantine.open(encoding="utf-8", newline="") as handle:
        held = list(csv.DictReader(handle))
    assert len(held) == SEED_ARTICLES - SEED_VALID
    assert json.loads(held[0]["findings"])[0]["code"] == "KZ101"
    assert (tmp_path / "x.figures.csv").is_file()
    assert (tmp_path / "q.figures.csv").is_file()


def test_a_second_duckdb_run_adds_no_rows(tmp_path: Path) -> None:
    database = tmp_path / "news.duckdb"
    first = parse(SEEDS, "-o", database)
    assert first.returncode == 1
    assert "7 records written" in summary(first)
    counts = table_counts(database)
    assert counts == {**counts, "articles": 7, "quarantine": 11, "runs": 1}
    second = parse(SEEDS, "-o", database)
    assert "0 records written" in summary(second)
    assert "7 already loaded, 11 quarantined" in summary(second)
    assert table_counts(database) == {**counts, "runs": 2}
    with duckdb.connect(str(database), read_only=True) as connection:
        runs = connection.execute(
            "SELECT id, tool_version, paths, written, already_loaded, quarantined FROM runs"
        ).fetchall()
    assert runs == [
        (1, "0.1.0", [str(SEEDS)], 7, 0, 11),
        (2, "0.1.0", [str(SEEDS)], 0, 7, 11),
    ]


def test_a_failed_duckdb_run_leaves_the_file_exactly_as_it_was(tmp_path: Path) -> None:
    clean = tmp_path / "clean.txt"
    clean.write_text(CLEAN, encoding="utf-8")
    database = tmp_path / "news.duckdb"
    assert parse(clean, "-o", database).returncode == 0
    with duckdb.connect(str(database)) as connection:
        # A constraint the seeds' findings break (nine KZ108): the run fails after its articles
        # went in, when it writes their findings.
        connection.execute("CREATE UNIQUE INDEX one_finding_per_rule ON findings (code)")
    before = database.read_bytes()
    done = parse(SEEDS, "-o", database)
    assert done.returncode == 2
    assert done.stderr.startswith(f"kzvalidate: error: {database}: cannot write the database")
    assert database.read_bytes() == before
    assert sorted(path.name for path in tmp_path.iterdir()) == ["clean.txt", "news.duckdb"]
    assert table_counts(database)["articles"] == 1


def test_a_failed_run_does_not_create_the_database(tmp_path: Path) -> None:
    done = parse(tmp_path, "-o", tmp_path / "new.duckdb")
    assert done.returncode == 2
    assert "no files matching *.txt in this folder" in done.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_run_with_nothing_to_parse_leaves_an_existing_output_alone(tmp_path: Path) -> None:
    out = tmp_path / "x.jsonl"
    out.write_text("kept\n", encoding="utf-8")
    empty = tmp_path / "empty"
    empty.mkdir()
    done = parse(empty, "-o", out)
    assert done.returncode == 2
    assert out.read_text(encoding="utf-8") == "kept\n"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["empty", "x.jsonl"]


def test_an_unreadable_file_is_one_error_line_and_the_others_are_written(tmp_path: Path) -> None:
    out = tmp_path / "x.jsonl"
    missing = tmp_path / "missing.txt"
    done = parse(missing, SEEDS, "-o", out)
    assert done.returncode == 2
    assert done.stderr.splitlines()[0] == f"kzvalidate: error: {missing}: no such file or directory"
    assert len(json_lines(out)) == SEED_VALID
    assert "(18 articles in 3 files, 1 not read)" in summary(done)


def test_output_format_from_the_suffix_or_the_option(tmp_path: Path) -> None:
    unknown = tmp_path / "x.txt"
    done = parse(SEEDS, "-o", unknown)
    assert done.returncode == 2
    assert done.stderr.startswith(
        f"kzvalidate: error: cannot tell the output format from '{unknown}'"
    )
    assert not unknown.exists()
    assert parse(SEEDS, "-o", unknown, "--format", "jsonl", "--include-invalid").returncode == 0
    assert len(json_lines(unknown)) == SEED_ARTICLES
    assert parse(SEEDS, "-o", unknown, "--format", "xml").returncode == 2


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--quarantine", "q.jsonl", "--include-invalid"], "exclude each other"),
        (["-o", "x.duckdb", "--quarantine", "q.duckdb"], "table 'quarantine'"),
    ],
)
def test_options_that_cannot_go_together(tmp_path: Path, args: list[str], message: str) -> None:
    done = run_cli("parse", str(SEEDS), "-o", "x.jsonl", *args, cwd=tmp_path)
    assert done.returncode == 2
    assert message in done.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("suffix", "library"), [("parquet", "polars"), ("duckdb", "duckdb")])
def test_a_missing_extra_is_named(tmp_path: Path, suffix: str, library: str) -> None:
    out = tmp_path / f"x.{suffix}"
    code = (
        "import sys\n"
        f"sys.modules[{library!r}] = None  # as if not installed: importing it fails\n"
        "from kzvalidate.cli import main\n"
        f"sys.argv = ['kzvalidate', 'parse', {str(SEEDS)!r}, '-o', {str(out)!r}]\n"
        "main()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=False
    )
    assert done.returncode == 2
    assert done.stderr == (
        f"kzvalidate: error: writing {'Parquet' if suffix == 'parquet' else 'DuckDB'} needs"
        f" {library}, which is not installed: pip install 'kzvalidate[ingest]'\n"
    )
    assert not out.exists()


def test_the_readme_query_runs_on_a_loaded_database(tmp_path: Path) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Ingestion", 1)[1].split("\n## ", 1)[0]
    [query] = re.findall(r"```python\n(.*?)```", section, re.DOTALL)
    parse(SEEDS, "-o", tmp_path / "news.duckdb", "--include-invalid")
    done = subprocess.run(
        [sys.executable, "-c", query], capture_output=True, text=True, cwd=tmp_path, check=False
    )
    assert done.returncode == 0, done.stderr
    assert "Kazakhstan ratifies EAEU agreement on vehicle weights and dimensions" in done.stdout
    assert "58201" in done.stdout
