"""Output formats: one reporter class per ``--format`` choice, imported only when chosen."""

from __future__ import annotations

from importlib import import_module

from kzvalidate.reporters.base import Reporter

REPORTERS: dict[str, str] = {
    "text": "kzvalidate.reporters.text:TextReporter",
    "json": "kzvalidate.reporters.json:JsonReporter",
}


def reporter_class(name: str) -> type[Reporter]:
    module, _, attribute = REPORTERS[name].partition(":")
    cls: type[Reporter] = getattr(import_module(module), attribute)
    return cls


__all__ = ["REPORTERS", "Reporter", "reporter_class"]
