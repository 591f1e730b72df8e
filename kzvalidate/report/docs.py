"""Rule documentation, read from the registry, for ``rules``, ``explain`` and the docs tests.

A rule's docstring is its documentation: a one-line summary, the why, and literal blocks after
``Fails::`` and ``Passes::``. Examples may show invisible bytes with Python escapes (``\\t``,
``\\r\\n``, ``\\x00``, ``\\xef\\xbb\\xbf``); :func:`example_bytes` turns them into the real bytes.
"""

from __future__ import annotations

import json
import re
import textwrap
from typing import TextIO

from kzvalidate.quantities.units import load_table
from kzvalidate.rules import RULES
from kzvalidate.rules.base import AnyRule

_EXAMPLE = re.compile(r"^(Fails|Passes)::\n\n((?:    .*\n|\n)+)", re.MULTILINE)
_ESCAPE = re.compile(r"\\(x[0-9a-fA-F]{2}|[tnr0\\])")
_SIMPLE_ESCAPES = {"t": b"\t", "n": b"\n", "r": b"\r", "0": b"\x00", "\\": b"\\"}


def examples(rule: AnyRule) -> dict[str, list[str]]:
    """The docstring's examples as written: ``{"Fails": [...], "Passes": [...]}``."""
    found: dict[str, list[str]] = {"Fails": [], "Passes": []}
    for match in _EXAMPLE.finditer(textwrap.dedent(rule.doc)):
        found[match[1]].append(textwrap.dedent(match[2]).strip("\n") + "\n")
    return found


def example_bytes(example: str) -> bytes:
    """An example's real bytes. An escaped line end replaces the line's own newline."""
    out = bytearray()
    for line in example.splitlines(keepends=True):
        raw = line.encode("utf-8")
        escaped_end = line.rstrip("\n").endswith(("\\n", "\\r"))
        if escaped_end and raw.endswith(b"\n"):
            raw = raw[:-1]
        position = 0
        for match in _ESCAPE.finditer(raw.decode("utf-8")):
            out += raw.decode("utf-8")[position : match.start()].encode("utf-8")
            token = match[1]
            out += bytes([int(token[1:], 16)]) if token[0] == "x" else _SIMPLE_ESCAPES[token]
            position = match.end()
        out += raw.decode("utf-8")[position:].encode("utf-8")
    return bytes(out)


def description(rule: AnyRule) -> str:
    """The docstring without its summary line."""
    return textwrap.dedent("\n".join(rule.doc.strip().splitlines()[1:])).strip()


def explain_text(rule: AnyRule) -> str:
    default = (
        "on by default" if rule.enabled_by_default else "off by default (opt in with --select)"
    )
    facts = [
        f"Severity: {rule.severity} ({default})",
        f"Fix: {'yes, with --fix' if rule.fixable else 'no'}",
    ]
    if rule.claims:
        fields = sorted({field for field, _ in rule.claims})
        facts.append(f"Contract: reports violations of {', '.join(fields)} in article.schema.json")
    return (
        f"{rule.code} {rule.name}\n\n{rule.summary}\n\n"
        + "\n".join(facts)
        + f"\n\n{description(rule)}\n"
    )


def rule_json(rule: AnyRule) -> dict[str, object]:
    return {
        "code": rule.code,
        "name": rule.name,
        "summary": rule.summary,
        "severity": str(rule.severity),
        "enabled_by_default": rule.enabled_by_default,
        "fixable": rule.fixable,
        "scope": rule.scope,
        "description": description(rule),
    }


def rules_json() -> str:
    return json.dumps([rule_json(rule) for rule in RULES.values()], indent=2, ensure_ascii=False)


def rules_markdown() -> str:
    """The rule table for the README; a test keeps the README equal to it."""
    rows = [
        "| Code | Name | Severity | Default | Fix | Summary |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    rows += [
        f"| {r.code} | `{r.name}` | {r.severity} | {'on' if r.enabled_by_default else 'off'} "
        f"| {'yes' if r.fixable else ''} | {r.summary} |"
        for r in RULES.values()
    ]
    return "\n".join(rows) + "\n"


def write_rules_json(out: TextIO) -> None:
    out.write(rules_json() + "\n")


def write_rules_markdown(out: TextIO) -> None:
    out.write(rules_markdown())


def write_rules_table(out: TextIO) -> None:
    from rich.console import Console  # lazy: rich costs ~40 ms, needed only for this table
    from rich.table import Table

    table = Table(box=None, show_edge=False, pad_edge=False)
    for column in ("Code", "Name", "Severity", "Default", "Fix", "Summary"):
        table.add_column(column, no_wrap=column != "Summary")
    for rule in RULES.values():
        table.add_row(
            rule.code,
            rule.name,
            str(rule.severity),
            "on" if rule.enabled_by_default else "off",
            "yes" if rule.fixable else "",
            rule.summary,
        )
    width = None if out.isatty() else 160
    Console(file=out, highlight=False, width=width).print(table)


def units_table() -> str:
    """The units kzvalidate reads, grouped by dimension, for ``figures --units``."""
    table = load_table()
    lines: list[str] = []
    for dimension, base in table.dimensions.items():
        after = [written for written, unit in table.units.items() if unit.dimension == dimension]
        before = [
            written for written, unit in table.prefixes.items() if unit.dimension == dimension
        ]
        lines.append(f"{dimension} (recorded in {base})")
        if before:
            lines.append(f"  before the number: {', '.join(before)}")
        if after:
            lines.append(f"  after the number:  {', '.join(after)}")
    scales = ", ".join(table.multipliers)
    money = ", ".join(table.money_multipliers)
    lines.append(f"scales: {scales}; after money only: {money}")
    return "\n".join(lines) + "\n"
