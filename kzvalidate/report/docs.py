"""Rule documentation, read from the registry, for ``rules``, ``explain`` and the docs tests, and
the unit list of ``figures --units``.

A rule's docstring is its documentation: a one-line summary, the why, and literal blocks after
``Fails::`` and ``Passes::`` (the markup :mod:`kzvalidate.report.docstring` reads). Examples
may show invisible bytes with Python escapes (``\\t``, ``\\r\\n``, ``\\x00``,
``\\xef\\xbb\\xbf``); :func:`example_bytes` turns them into the real bytes.
"""

from __future__ import annotations

import json
import re
import shutil
import textwrap
from typing import Any, TextIO

from kzvalidate import __version__
from kzvalidate.patterns import compiled
from kzvalidate.quantities.units import dimension_words, load_table, symbol
from kzvalidate.report import docstring
from kzvalidate.rules import RULES
from kzvalidate.rules.base import AnyRule, FixSafety

UNITS_VERSION = "1.0.0"
"""The version of ``figures --units --format json``."""
_OPTIONS = compiled(r"--[a-z][a-z-]*(?: --[a-z][a-z-]*)*")
"""Command-line options in a sentence, shown as code in Markdown: ``--fix --unsafe-fixes``."""

_EXAMPLE = compiled(r"^(Fails|Passes)::\n\n((?:    .*\n|\n)+)", re.MULTILINE)
_ESCAPE = compiled(r"\\(x[0-9a-fA-F]{2}|[tnr0\\])")
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


def fix_level(rule: AnyRule) -> str:
    """Which option applies the rule's fixes, for ``explain``: ``safe, applied by --fix``."""
    safety = rule.fix_safety
    if safety is None:
        return "none"
    if safety is FixSafety.MIXED:
        return (
            "safe for some findings, applied by --fix; unsafe for others, "
            "applied by --fix --unsafe-fixes"
        )
    if safety is FixSafety.UNSAFE:
        return "unsafe, applied by --fix --unsafe-fixes"
    return "safe, applied by --fix"


def facts(rule: AnyRule) -> list[tuple[str, str]]:
    """What ``explain`` says about a rule besides its documentation, as (label, text)."""
    default = (
        "on by default"
        if rule.enabled_by_default
        else "off by default (opt in with --extend-select)"
    )
    found = [("Severity", f"{rule.severity} ({default})"), ("Fix", fix_level(rule))]
    if rule.claims:
        fields = sorted({field for field, _ in rule.claims})
        found.append(
            ("Contract", f"reports problems with {', '.join(fields)} of article.schema.json")
        )
    return found


def explain_text(rule: AnyRule) -> str:
    """A rule's documentation as plain text: a terminal and a pipe read it alike."""
    title = f"{rule.code} {rule.name}"
    lines = "\n".join(f"{label}: {text}" for label, text in facts(rule))
    return f"{title}\n{'=' * len(title)}\n\n{rule.summary}\n\n{lines}\n\n" + docstring.to_text(
        docstring.parse(description(rule))
    )


def explain_markdown(rule: AnyRule) -> str:
    """A rule's documentation as Markdown, its examples in fenced code blocks."""
    lines = "\n".join(f"- **{label}:** {_options_as_code(text)}" for label, text in facts(rule))
    return (
        f"## {rule.code} `{rule.name}`\n\n{docstring.markdown_inline(rule.summary)}\n\n"
        f"{lines}\n\n" + docstring.to_markdown(docstring.parse(description(rule)))
    )


def _options_as_code(text: str) -> str:
    return _OPTIONS.sub(lambda match: f"`{match[0]}`", text)


def write_explain_text(out: TextIO, rule: AnyRule) -> None:
    out.write(explain_text(rule))


def write_explain_markdown(out: TextIO, rule: AnyRule) -> None:
    out.write(explain_markdown(rule))


def fix_label(rule: AnyRule) -> str:
    """The rule table's Fix column: ``safe``, ``unsafe``, ``safe or unsafe`` or nothing."""
    return "" if rule.fix_safety is None else rule.fix_safety.label


def rule_json(rule: AnyRule) -> dict[str, object]:
    return {
        "code": rule.code,
        "name": rule.name,
        "summary": rule.summary,
        "severity": str(rule.severity),
        "enabled_by_default": rule.enabled_by_default,
        "fixable": rule.fixable,
        "fix": None if rule.fix_safety is None else str(rule.fix_safety),
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
        f"| {fix_label(r)} | {r.summary} |"
        for r in RULES.values()
    ]
    return "\n".join(rows) + "\n"


def write_rules_json(out: TextIO) -> None:
    out.write(rules_json() + "\n")


def write_rules_markdown(out: TextIO) -> None:
    out.write(rules_markdown())


RULE_COLUMNS = ("Code", "Name", "Severity", "Default", "Fix", "Summary")


def rule_rows() -> list[tuple[str, ...]]:
    return [
        (
            rule.code,
            rule.name,
            str(rule.severity),
            "on" if rule.enabled_by_default else "off",
            fix_label(rule),
            rule.summary,
        )
        for rule in RULES.values()
    ]


def rules_table(width: int | None = None) -> str:
    """The rules as aligned plain text, no line ending in a blank. With ``width`` (a
    terminal's), summaries are wrapped under their column; without, each rule is one line."""
    rows = [RULE_COLUMNS, *rule_rows()]
    widths = [max(len(row[column]) for row in rows) for column in range(len(RULE_COLUMNS) - 1)]
    indent = sum(widths) + 2 * len(widths)
    room = None if width is None else max(width - indent, 30)
    lines: list[str] = []
    for row in rows:
        cells = "".join(cell.ljust(size + 2) for cell, size in zip(row, widths, strict=False))
        summary = [row[-1]] if room is None else textwrap.wrap(row[-1], room) or [""]
        lines.append((cells + summary[0]).rstrip())
        lines.extend((" " * indent + more).rstrip() for more in summary[1:])
    return "\n".join(lines) + "\n"


def write_rules_table(out: TextIO) -> None:
    """Plain text, wrapped to the terminal when there is one."""
    width = shutil.get_terminal_size().columns if out.isatty() else None
    out.write(rules_table(width))


# -- units --------------------------------------------------------------------------------------


def unit_entries() -> list[dict[str, Any]]:
    """The units kzvalidate reads, by dimension: each unit with its symbol, its factor to the
    dimension's unit, and the forms written after and before a number."""
    table = load_table()
    found: list[dict[str, Any]] = []
    for dimension, base in table.dimensions.items():
        units: dict[str, dict[str, Any]] = {}
        for where, forms in (("after", table.units), ("before", table.prefixes)):
            for written, unit in forms.items():
                if unit.dimension != dimension:
                    continue
                entry = units.setdefault(
                    unit.unit,
                    {
                        "unit": unit.unit,
                        "symbol": symbol(unit.unit),
                        "factor": unit.factor,
                        "after": [],
                        "before": [],
                    },
                )
                entry[where].append(written)
        found.append(
            {
                "dimension": dimension,
                "measures": dimension_words(dimension),
                "base_unit": base,
                "base_symbol": symbol(base),
                "units": list(units.values()),
            }
        )
    return found


def units_table() -> str:
    """The units kzvalidate reads, grouped by dimension, for ``figures --units``: each unit's
    symbol, then how text writes it."""
    lines: list[str] = []
    for entry in unit_entries():
        lines.append(f"{entry['dimension']} (recorded in {entry['base_symbol']})")
        width = max((len(unit["symbol"]) for unit in entry["units"]), default=0)
        for unit in entry["units"]:
            forms = ", ".join(unit["after"])
            if unit["before"]:
                before = f"before the number: {', '.join(unit['before'])}"
                forms = f"{forms}; {before}" if forms else before
            lines.append(f"  {unit['symbol'].ljust(width)}  {forms}")
    table = load_table()
    lines.append(
        f"scales: {', '.join(table.multipliers)}; after money only: "
        f"{', '.join(table.money_multipliers)}"
    )
    return "\n".join(lines) + "\n"


def units_json() -> str:
    """The same as JSON: ``{"version", "tool", "dimensions": [...], "scales", "money_scales"}``."""
    table = load_table()
    document = {
        "version": UNITS_VERSION,
        "tool": {"name": "kzvalidate", "version": __version__},
        "dimensions": unit_entries(),
        "scales": dict(table.multipliers),
        "money_scales": dict(table.money_multipliers),
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def write_units(out: TextIO, output_format: str) -> None:
    """``figures --units`` in the figures command's format: ``text`` or ``json``."""
    out.write(units_json() if output_format == "json" else units_table())
