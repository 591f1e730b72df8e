"""Output of ``kzvalidate figures``: each figure as the article record holds it.

Text: ``path:line:column: TEXT  value unit  [dimension: base value base unit]``, units written
as people write them (``t``, ``kg``, ``TEU``). JSON: one document ``{"version", "tool",
"figures": [...], "units": {...}, "errors": [...]}`` whose figures follow ``$defs/figure`` of
``contracts/article.schema.json``, written as they are read, with their units by pint's name
(``metric_ton``); ``units`` gives the symbol of each unit they name (``"metric_ton": "t"``).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, TextIO

from kzvalidate import __version__
from kzvalidate.quantities.units import symbol, with_symbol
from kzvalidate.report.display import one_line, readable

FIGURES_VERSION = "1.1.0"
"""1.1.0: ``units``, the symbol of each unit the figures name."""


def number(value: float) -> str:
    """``12,000,000`` rather than ``1.2e+07``; decimals as needed."""
    if value.is_integer() and abs(value) < 1e18:
        return f"{int(value):,}"
    return f"{value:,.10f}".rstrip("0")


def amount(value: float, upper: float | None, unit: str) -> str:
    """A value or range with the symbol of ``unit`` (pint's name): ``3.5-4 t``."""
    shown = number(value) if upper is None else f"{number(value)}-{number(upper)}"
    return with_symbol(shown, unit)


class FigureWriter:
    def __init__(self, out: TextIO, err: TextIO) -> None:
        self.out = out
        self.err = err
        self.errors: list[tuple[str, str]] = []

    def start(self) -> None:
        """Called once before the first figure."""

    def figure(self, record: Mapping[str, Any]) -> None:
        raise NotImplementedError

    def error(self, path: str, message: str) -> None:
        self.errors.append((path, message))
        self.err.write(f"kzvalidate: error: {one_line(path)}: {one_line(message)}\n")

    def finish(self, count: int) -> None:
        """Called once after the last figure."""


class FigureText(FigureWriter):
    def figure(self, record: Mapping[str, Any]) -> None:
        span = record["span"]
        where = f"{readable(span['path'])}:{span['line']}:{span['column']}:"
        written = amount(record["value"], record.get("upper"), record["unit"])
        base = amount(record["base_value"], record.get("base_upper"), record["base_unit"])
        qualifier = f" ({record['qualifier']})" if "qualifier" in record else ""
        self.out.write(
            f"{where} {readable(record['text'])}{qualifier}  = {written}  "
            f"[{record['dimension']}: {base}]\n"
        )

    def finish(self, count: int) -> None:
        self.out.write(f"{count} figure{'' if count == 1 else 's'}\n")


class FigureJson(FigureWriter):
    def start(self) -> None:
        tool = json.dumps({"name": "kzvalidate", "version": __version__})
        self.out.write(f'{{\n  "version": "{FIGURES_VERSION}",\n  "tool": {tool},\n')
        self.out.write('  "figures": [')
        self.separator = "\n    "
        self.units: dict[str, str] = {}

    def figure(self, record: Mapping[str, Any]) -> None:
        for unit in (record["unit"], record["base_unit"]):
            self.units.setdefault(unit, symbol(unit))
        shown = dict(record, text=readable(record["text"]))
        shown["span"] = dict(record["span"], path=readable(record["span"]["path"]))
        self.out.write(self.separator + json.dumps(shown, ensure_ascii=False))
        self.separator = ",\n    "

    def finish(self, count: int) -> None:
        errors = [{"path": readable(p), "message": readable(m)} for p, m in self.errors]
        closing = "\n  ]" if self.separator.startswith(",") else "]"
        units = json.dumps(dict(sorted(self.units.items())), ensure_ascii=False)
        self.out.write(
            f'{closing},\n  "units": {units},\n'
            f'  "errors": {json.dumps(errors, ensure_ascii=False)}\n}}\n'
        )
