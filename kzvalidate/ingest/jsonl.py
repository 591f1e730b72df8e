"""JSON Lines: one article record a line, exactly as the article contract defines it (figures
nested); the quarantine's lines are records with their ``findings`` and ``violations`` added."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from kzvalidate.check.gate import Checked
from kzvalidate.ingest.base import Replacement, RunInfo, Writer
from kzvalidate.ingest.rows import attached


class JsonLinesWriter(Writer):
    label = "JSON Lines"

    def __init__(self, out: Path, quarantine: Path | None) -> None:
        super().__init__(out, quarantine)
        self.files: list[Replacement] = []

    def open(self) -> None:
        super().open()
        self.files.append(Replacement(self.out))
        if self.quarantine_path is not None:
            self.files.append(Replacement(self.quarantine_path))

    def article(self, item: Checked) -> None:
        self._write(self.files[0], item.record)

    def quarantine(self, item: Checked) -> None:
        self._write(self.files[1], {**item.record, **attached(item.findings, item.violations)})

    def commit(self, run: RunInfo) -> None:
        for file in self.files:
            file.commit()

    def abort(self) -> None:
        for file in self.files:
            file.abort()

    @staticmethod
    def _write(file: Replacement, document: dict[str, Any]) -> None:
        file.handle.write(json_line(document))


def json_line(document: dict[str, Any]) -> bytes:
    """One JSON line in UTF-8; text read from undecodable bytes is written as ``\\udcXX``
    escapes (its record is invalid, KZ001)."""
    try:
        return (json.dumps(document, ensure_ascii=False) + "\n").encode("utf-8")
    except UnicodeEncodeError:
        return (json.dumps(document) + "\n").encode("ascii")
