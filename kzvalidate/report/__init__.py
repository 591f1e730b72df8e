"""Output formats: one reporter class per ``--format`` choice, imported only when chosen."""

from __future__ import annotations

from importlib import import_module

from kzvalidate.report.base import Reporter

REPORTERS: dict[str, str] = {
    "text": "kzvalidate.report.text:TextReporter",
    "json": "kzvalidate.report.json:JsonReporter",
}


def reporter_class(name: str) -> type[Reporter]:
    module, _, attribute = REPORTERS[name].partition(":")
    cls: type[Reporter] = getattr(import_module(module), attribute)
    return cls


__all__ = ["REPORTERS", "Reporter", "reporter_class"]
