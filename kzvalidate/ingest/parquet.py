"""Parquet: one row per article with typed columns
(:func:`kzvalidate.ingest.frames.article_schema`), figures as a nested list of structs. Rows are
built into polars frames a batch at a time and appended to the file by pyarrow's writer, so memory
holds one batch, not the run."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from kzvalidate.check.gate import Checked
from kzvalidate.contract.record import Record
from kzvalidate.ingest.base import Replacement, RunInfo, Writer
from kzvalidate.ingest.frames import BATCH, article_frame, nested_row, quarantine_row

if TYPE_CHECKING:
    import pyarrow.parquet as pq


class _Table:
    """One Parquet file being written, a batch of rows at a time."""

    def __init__(self, destination: Path, *, quarantine: bool) -> None:
        import pyarrow.parquet as pq  # lazy: the ingest extra; only when writing Parquet

        self.file = Replacement(destination)
        self.quarantine = quarantine
        self.rows: list[Record] = []
        schema = article_frame([], quarantine=quarantine).to_arrow().schema
        self.writer: pq.ParquetWriter = pq.ParquetWriter(self.file.handle, schema)

    def add(self, row: Record) -> None:
        self.rows.append(row)
        if len(self.rows) >= BATCH:
            self.flush()

    def flush(self) -> None:
        if self.rows:
            frame = article_frame(self.rows, quarantine=self.quarantine)
            self.writer.write_table(frame.to_arrow())
            self.rows.clear()

    def commit(self) -> None:
        self.flush()
        self.writer.close()
        self.file.commit()

    def abort(self) -> None:
        self.file.abort()


class ParquetWriter(Writer):
    label = "Parquet"
    needs = ("polars", "pyarrow")

    def __init__(self, out: Path, quarantine: Path | None) -> None:
        super().__init__(out, quarantine)
        self.tables: list[_Table] = []

    def open(self) -> None:
        super().open()
        self.tables.append(_Table(self.out, quarantine=False))
        if self.quarantine_path is not None:
            self.tables.append(_Table(self.quarantine_path, quarantine=True))

    def article(self, item: Checked) -> None:
        self.tables[0].add(nested_row(item.record))

    def quarantine(self, item: Checked) -> None:
        self.tables[1].add(quarantine_row(item))

    def commit(self, run: RunInfo) -> None:
        for table in self.tables:
            table.commit()

    def abort(self) -> None:
        for table in self.tables:
            table.abort()
