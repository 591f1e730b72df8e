"""``kzvalidate schema``: the contracts exported, generated from the contracts themselves.

The article contract (``contracts/article.schema.json``, with the footers of the chosen dialect)
as JSON Schema, and as a Markdown table of its fields with their types, constraints and the rules
that report a record breaking them (read from the rules' claims). The collection contract's
exports, which need polars and pandera, are :mod:`kzvalidate.report.collection_schema`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TextIO

from kzvalidate.contract.schema import article_schema
from kzvalidate.dump.dialect import Dialect
from kzvalidate.resources import CONFIG_SCHEMA, load_schema
from kzvalidate.rules import RULES

CONTRACTS = ("article", "collection", "config")
"""What ``schema --contract`` exports: an article record, the collection of records, or the
configuration file (its keys, for the reference)."""
_CONSTRAINTS = ("format", "pattern", "minimum", "minLength", "minItems", "enum")
_SHOWN = 48


class UnsupportedContractError(ValueError):
    """A format asked of a contract it cannot describe (JSON Schema of the collection, ...)."""


def chosen_contracts(
    contract: str | None,
    supported: Sequence[str],
    fmt: str,
    default: Sequence[str] | None = None,
) -> list[str]:
    """The contracts to export: the one asked (if ``fmt`` can describe it), else ``default``
    (all of ``supported`` if not given)."""
    if contract is None:
        return list(supported if default is None else default)
    if contract not in CONTRACTS:
        raise UnsupportedContractError(
            f"unknown contract {contract!r}: choose one of {', '.join(CONTRACTS)}"
        )
    if contract not in supported:
        raise UnsupportedContractError(
            f"--format {fmt} describes the {' and '.join(supported)} contract, "
            f"not the {contract} one"
        )
    return [contract]


def write_json_schema(out: TextIO, contract: str | None, dialect: Dialect) -> None:
    """The article contract as JSON Schema (draft 2020-12), its footers the dialect's; or the
    configuration file's."""
    chosen = chosen_contracts(contract, ["article", "config"], "json-schema", ["article"])
    schema = load_schema(CONFIG_SCHEMA) if chosen == ["config"] else article_schema(dialect)
    out.write(json.dumps(schema, indent=2, ensure_ascii=False) + "\n")


def article_markdown(dialect: Dialect) -> str:
    schema = article_schema(dialect)
    required = set(schema["required"])
    rows = [
        [
            f"`{field}`",
            _type(_resolved(spec, schema)),
            "yes" if field in required else "no",
            _constraints(_resolved(spec, schema)),
            _claiming_rules(field),
            spec.get("description", ""),
        ]
        for field, spec in schema["properties"].items()
    ]
    title = f"## Article contract {schema['version']} (JSON Schema, dialect {dialect.name})\n\n"
    headers = ["Field", "Type", "Required", "Constraints", "Rules", "Description"]
    return title + markdown_table(headers, rows)


def markdown_table(headers: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    lines = [_row(headers), _row(["---"] * len(headers))]
    lines += [_row(row) for row in rows]
    return "\n".join(lines) + "\n"


def inline_code(text: object, shorten: bool = False) -> str:
    """Inline code: a pattern or value as it stands in the contract (a long value shortened
    if asked: the footers are given in full by the JSON Schema)."""
    shown = str(text)
    if shorten and len(shown) > _SHOWN:
        shown = shown[: _SHOWN - 1] + "\u2026"
    return f"`{shown}`"


def _row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(cell.replace("|", "\\|").replace("\n", " ") for cell in cells) + " |"


def _resolved(spec: Mapping[str, Any], schema: Mapping[str, Any]) -> Mapping[str, Any]:
    """The property with a local ``$ref`` (``#/$defs/text``) replaced by what it points to."""
    reference = spec.get("$ref")
    if not isinstance(reference, str) or not reference.startswith("#/$defs/"):
        return spec
    definition = schema["$defs"][reference.removeprefix("#/$defs/")]
    return {**definition, **{k: v for k, v in spec.items() if k != "$ref"}}


def _type(spec: Mapping[str, Any]) -> str:
    if "enum" in spec and "type" not in spec:
        return "enum"
    kind = str(spec.get("type", "object"))
    items = spec.get("items")
    if kind == "array" and isinstance(items, Mapping) and "$ref" in items:
        return f"array of {items['$ref'].rsplit('/', 1)[-1]}"
    if "$ref" in spec:
        return str(spec["$ref"]).rsplit("/", 1)[-1]
    return kind


def _constraints(spec: Mapping[str, Any]) -> str:
    found = []
    for keyword in _CONSTRAINTS:
        if keyword not in spec:
            continue
        value = spec[keyword]
        if keyword == "enum":
            found.append("one of " + ", ".join(inline_code(v, shorten=True) for v in value))
        else:
            found.append(f"{keyword} {inline_code(value)}")
    return "; ".join(found)


def _claiming_rules(field: str) -> str:
    """The rules that report a record breaking ``field``, each with the keywords it claims."""
    claimed = []
    for rule in RULES.values():
        keywords = sorted(keyword for name, keyword in getattr(rule, "claims", ()) if name == field)
        if keywords:
            claimed.append(f"{rule.code} {rule.name} ({', '.join(keywords)})")
    return "; ".join(claimed)
