"""DuckDB: a database file that later runs append to, with tables ``articles``, ``figures``,
``findings``, ``quarantine`` and ``runs``.

* An article is loaded once: one whose content hash (for an article without text: its path and
  line) is in ``articles`` already, from an earlier run or earlier in this one, is not added
  again; the run counts it as already loaded.
* Every row says which run wrote it (``run_id``, the ``runs`` table's ``id``); ``runs`` has one row
  per run: when it started and finished, the tool's version, the paths given and the counts.
* A run is one transaction: committed at the end, rolled back on any failure, so the file is as
  it was before the run (a file the run created is removed).

Rows go in a batch at a time, as typed polars frames (:mod:`kzvalidate.ingest.frames`).
``published`` is a ``TIMESTAMPTZ``: DuckDB shows it in the session's time zone
(``SET TimeZone = 'Asia/Almaty'`` to see the dump's local times).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kzvalidate.check.gate import Checked
from kzvalidate.contract.record import Record
from kzvalidate.ingest.base import RunInfo, WriteError, Writer
from kzvalidate.ingest.frames import (
    BATCH,
    article_schema,
    figure_schema,
    finding_schema,
    frame,
    quarantine_row,
)
from kzvalidate.ingest.rows import article_row, figure_rows

if TYPE_CHECKING:
    import duckdb
    import polars as pl

_SPAN = 'path VARCHAR, line BIGINT, "column" BIGINT, end_line BIGINT, end_column BIGINT'
_ARTICLE = f"""{_SPAN}, date DATE, time TIME, published TIMESTAMPTZ, views BIGINT,
    title VARCHAR, image_credit VARCHAR, body VARCHAR[], footer VARCHAR, crawled DATE,
    content_hash VARCHAR"""
_FIGURE = """text VARCHAR, value DOUBLE, upper DOUBLE, unit VARCHAR, dimension VARCHAR,
    base_value DOUBLE, base_upper DOUBLE, base_unit VARCHAR, qualifier VARCHAR"""
_RULE = "code VARCHAR, name VARCHAR, severity VARCHAR, message VARCHAR"
TABLES = {
    "runs": """id BIGINT PRIMARY KEY, started TIMESTAMPTZ, finished TIMESTAMPTZ,
        tool_version VARCHAR, paths VARCHAR[], files BIGINT, articles BIGINT, written BIGINT,
        invalid_written BIGINT, already_loaded BIGINT, quarantined BIGINT, dropped BIGINT,
        errors BIGINT""",
    "articles": f"{_ARTICLE}, run_id BIGINT",
    "figures": f"""path VARCHAR, line BIGINT, content_hash VARCHAR, figure BIGINT, {_FIGURE},
        figure_line BIGINT, figure_column BIGINT, figure_end_line BIGINT,
        figure_end_column BIGINT, run_id BIGINT""",
    "findings": f"{_SPAN}, {_RULE}, content_hash VARCHAR, run_id BIGINT",
    "quarantine": f"""{_ARTICLE}, figures STRUCT({_FIGURE}, span STRUCT({_SPAN}))[],
        findings STRUCT({_RULE}, line BIGINT, "column" BIGINT)[],
        violations STRUCT(field VARCHAR, keyword VARCHAR, message VARCHAR)[], run_id BIGINT""",
}
"""Each table's columns, as DuckDB declares them."""


def _key(table: str) -> str:
    """What names an article in the database: its content hash, else its path and line."""
    return f"coalesce({table}.content_hash, {table}.path || ':' || {table}.line)"


_FRESH = f"""CREATE OR REPLACE TEMP TABLE fresh AS
    SELECT ordinal FROM article_batch AS batch
    WHERE NOT EXISTS (SELECT 1 FROM articles AS loaded WHERE {_key("loaded")} = {_key("batch")})
    QUALIFY row_number() OVER (PARTITION BY {_key("batch")} ORDER BY ordinal) = 1"""
"""The batch's articles that ``articles`` does not hold yet, the first of each key only."""
_QUARANTINE_KEY = ("path", "line", "content_hash")
"""A quarantined record is held once; a copy elsewhere is another record."""
_FINDING_KEY = ("path", "line", '"column"', "code", "message", "content_hash")
"""A finding is held once: a later run adds only what it finds anew."""


class DuckDbWriter(Writer):
    label = "DuckDB"
    needs = ("duckdb", "polars", "pyarrow")

    def __init__(self, out: Path, quarantine: Path | None) -> None:
        super().__init__(out, quarantine)
        self.existed = out.exists()
        self.connection: duckdb.DuckDBPyConnection | None = None
        self.run_id = 0
        self.batches: dict[str, list[Record]] = {"articles": [], "quarantine": [], "findings": []}

    @property
    def quarantines(self) -> bool:
        return True

    def open(self) -> None:
        super().open()
        import duckdb  # lazy: the ingest extra; only when writing DuckDB

        try:
            self.connection = duckdb.connect(str(self.out))
        except duckdb.Error as error:
            raise WriteError(f"{self.out}: cannot open the database: {error}") from None
        self._sql("BEGIN TRANSACTION")
        for name, columns in TABLES.items():
            self._sql(f"CREATE TABLE IF NOT EXISTS {name} ({columns})")
        [(self.run_id,)] = self._sql("SELECT coalesce(max(id), 0) + 1 FROM runs")

    def article(self, item: Checked) -> None:
        self._add("articles", {"ordinal": item.ordinal, "record": item.record})
        self._add_findings(item.findings, item.record)

    def quarantine(self, item: Checked) -> None:
        self._add("quarantine", quarantine_row(item))
        self._add_findings(item.findings, item.record)

    def stray_findings(self, findings: list[Record]) -> None:
        self._add_findings(findings, {})

    def flush(self) -> None:
        for table in self.batches:
            self._flush(table)

    def commit(self, run: RunInfo) -> None:
        self.flush()
        counts = run.counts
        values = [
            self.run_id, run.started, datetime.now(UTC), run.tool_version, list(run.paths),
            run.files, run.articles, counts.written, counts.invalid_written,
            counts.already_loaded, counts.quarantined, counts.dropped, run.errors,
        ]  # fmt: skip
        placeholders = ", ".join("?" * len(values))
        self._sql(f"INSERT INTO runs VALUES ({placeholders})", values)
        self._sql("COMMIT")
        self._close()

    def abort(self) -> None:
        if self.connection is not None:
            self.connection.rollback()
            self._close()
        if not self.existed:
            for leftover in (self.out, self.out.with_name(f"{self.out.name}.wal")):
                leftover.unlink(missing_ok=True)

    def _add(self, table: str, row: Record) -> None:
        batch = self.batches[table]
        batch.append(row)
        if len(batch) >= BATCH:
            self._flush(table)

    def _add_findings(self, findings: Iterable[Record], record: Record) -> None:
        for finding in findings:
            self._add("findings", {**finding, "content_hash": record.get("content_hash")})

    def _flush(self, table: str) -> None:
        rows = self.batches[table]
        if not rows:
            return
        if table == "articles":
            self._insert_articles(rows)
        elif table == "quarantine":
            self._insert_new(table, frame(rows, article_schema(quarantine=True)), _QUARANTINE_KEY)
        else:
            self._insert_new(table, frame(rows, finding_schema()), _FINDING_KEY)
        rows.clear()

    def _insert_articles(self, staged: list[Record]) -> None:
        """Insert the batch's articles not loaded yet, and their figures."""
        articles = [{**article_row(row["record"]), "ordinal": row["ordinal"]} for row in staged]
        figures = [
            {**figure, "ordinal": row["ordinal"]}
            for row in staged
            for figure in figure_rows(row["record"])
        ]
        flat = {n: t for n, t in article_schema().items() if n != "figures"}
        self._register("article_batch", frame(articles, _with_ordinal(flat)))
        self._register("figure_batch", frame(figures, _with_ordinal(dict(figure_schema()))))
        self._sql(_FRESH)
        [(fresh,)] = self._sql("SELECT count(*) FROM fresh")
        self.already_loaded += len(staged) - fresh
        for table, batch in (("articles", "article_batch"), ("figures", "figure_batch")):
            self._sql(
                f"INSERT INTO {table} BY NAME SELECT * EXCLUDE (ordinal), ? AS run_id"
                f" FROM {batch} SEMI JOIN fresh USING (ordinal)",
                [self.run_id],
            )

    def _insert_new(self, table: str, rows: pl.DataFrame, key: Sequence[str]) -> None:
        """Insert the rows whose ``key`` columns are not in ``table`` yet (once each)."""
        self._register("batch", rows)
        same = " AND ".join(f"held.{name} IS NOT DISTINCT FROM batch.{name}" for name in key)
        self._sql(
            f"INSERT INTO {table} BY NAME SELECT *, ? AS run_id FROM batch"
            f" WHERE NOT EXISTS (SELECT 1 FROM {table} AS held WHERE {same})"
            f" QUALIFY row_number() OVER (PARTITION BY {', '.join(key)}) = 1",
            [self.run_id],
        )

    def _register(self, name: str, rows: pl.DataFrame) -> None:
        assert self.connection is not None
        self.connection.register(name, rows.to_arrow())  # replaces the last batch of that name

    def _sql(self, statement: str, parameters: list[Any] | None = None) -> list[Any]:
        """The statement's result rows (read to the end, so the connection is free again)."""
        import duckdb  # lazy: the ingest extra; only when writing DuckDB

        assert self.connection is not None
        try:
            return self.connection.execute(statement, parameters).fetchall()
        except duckdb.Error as error:
            raise WriteError(f"{self.out}: cannot write the database: {error}") from None

    def _close(self) -> None:
        if self.connection is not None:
            self.connection.close()
            self.connection = None


def _with_ordinal(schema: dict[str, Any]) -> pl.Schema:
    import polars as pl  # lazy: the ingest extra; only when writing DuckDB

    return pl.Schema({**schema, "ordinal": pl.Int64})
