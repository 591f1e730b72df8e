"""CSV: the ``articles`` table in the output file and the ``figures`` table in a second file beside
it (``x.csv`` and ``x.figures.csv``), joined on the article's ``path``, ``line`` and
``content_hash``. Values are written as the record writes them; ``body`` (and a quarantined
record's ``findings`` and ``violations``) as JSON arrays; an absent value is an empty field."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from kzvalidate.check.gate import Checked
from kzvalidate.ingest.base import Replacement, RunInfo, Writer
from kzvalidate.ingest.rows import ARTICLE_FIELDS, FIGURE_FIELDS, attached, figure_rows, text_row

QUARANTINE_FIELDS = (*ARTICLE_FIELDS, "findings", "violations")


def figures_path(out: Path) -> Path:
    """Where the figures of ``out`` go: ``x.csv`` → ``x.figures.csv``."""
    return out.with_name(f"{out.stem}.figures{out.suffix or '.csv'}")


class _Table:
    """One CSV file being written: a header row, then rows, UTF-8."""

    def __init__(self, destination: Path, fields: Sequence[str]) -> None:
        self.file = Replacement(destination)
        self.fields = fields
        self.row(dict(zip(fields, fields, strict=True)))

    def row(self, values: Mapping[str, Any]) -> None:
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\n").writerow(
            [_cell(values.get(name)) for name in self.fields]
        )
        self.file.handle.write(buffer.getvalue().encode("utf-8", "backslashreplace"))


class CsvWriter(Writer):
    label = "CSV"

    def __init__(self, out: Path, quarantine: Path | None) -> None:
        super().__init__(out, quarantine)
        self.tables: dict[str, _Table] = {}

    def open(self) -> None:
        super().open()
        self.tables["articles"] = _Table(self.out, ARTICLE_FIELDS)
        self.tables["figures"] = _Table(figures_path(self.out), FIGURE_FIELDS)
        if self.quarantine_path is not None:
            self.tables["quarantine"] = _Table(self.quarantine_path, QUARANTINE_FIELDS)
            quarantined_figures = figures_path(self.quarantine_path)
            self.tables["quarantine_figures"] = _Table(quarantined_figures, FIGURE_FIELDS)

    def article(self, item: Checked) -> None:
        self._write("articles", "figures", item, {})

    def quarantine(self, item: Checked) -> None:
        extra = attached(item.findings, item.violations)
        self._write("quarantine", "quarantine_figures", item, extra)

    def commit(self, run: RunInfo) -> None:
        for table in self.tables.values():
            table.file.commit()

    def abort(self) -> None:
        for table in self.tables.values():
            table.file.abort()

    def _write(self, table: str, figures: str, item: Checked, extra: Mapping[str, Any]) -> None:
        self.tables[table].row({**text_row(item.record), **extra})
        for row in figure_rows(item.record):
            self.tables[figures].row(row)


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)
