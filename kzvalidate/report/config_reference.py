"""The configuration reference, generated from ``contracts/config.schema.json``: every key a
configuration file may hold, with its type, default, example and description, so the README's
reference cannot drift from what the settings accept."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any

from kzvalidate.report.schema import markdown_table
from kzvalidate.resources import CONFIG_SCHEMA, load_schema

HEADERS = ["Key", "Type", "Default", "Description"]


def config_markdown() -> str:
    """The reference as Markdown: a title, the schema's description, one table of keys."""
    schema = load_schema(CONFIG_SCHEMA)
    rows = [_row(key, spec, schema) for key, spec in config_keys(schema)]
    intro = schema.get("description", "")
    return f"### Configuration keys\n\n{intro}\n\n" + markdown_table(HEADERS, rows)


def config_keys(
    schema: Mapping[str, Any], node: Mapping[str, Any] | None = None, prefix: str = ""
) -> Iterator[tuple[str, Mapping[str, Any]]]:
    """Every key in file order, tables first as themselves and then their keys (dotted)."""
    for name, spec in (node if node is not None else schema).get("properties", {}).items():
        key = f"{prefix}{name}"
        resolved = resolve(spec, schema)
        yield key, resolved
        if "properties" in resolved:
            yield from config_keys(schema, resolved, f"{key}.")


def resolve(spec: Mapping[str, Any], schema: Mapping[str, Any]) -> Mapping[str, Any]:
    """``spec`` with a local ``$ref`` replaced by its definition (the referring keywords win)."""
    reference = spec.get("$ref")
    if not isinstance(reference, str) or not reference.startswith("#/$defs/"):
        return spec
    definition = resolve(schema["$defs"][reference.removeprefix("#/$defs/")], schema)
    return {**definition, **{k: v for k, v in spec.items() if k != "$ref"}}


def _row(key: str, spec: Mapping[str, Any], schema: Mapping[str, Any]) -> list[str]:
    description = spec.get("description", "")
    examples = spec.get("examples")
    if examples:
        description += " Example: " + ", ".join(f"`{_toml(example)}`" for example in examples)
    default = f"`{_toml(spec['default'])}`" if "default" in spec else ""
    return [f"`{key}`", type_name(spec, schema), default, description.strip()]


def type_name(spec: Mapping[str, Any], schema: Mapping[str, Any]) -> str:
    """How a user would name what a key holds: a string, one of some words, a list, a table."""
    if "enum" in spec:
        return "one of " + ", ".join(f"`{value}`" for value in spec["enum"])
    choices = spec.get("oneOf") or spec.get("anyOf")
    if choices:
        return " or ".join(type_name(resolve(choice, schema), schema) for choice in choices)
    kind = spec.get("type", "object")
    if kind == "array":
        return f"list of {_plural(type_name(resolve(spec.get('items', {}), schema), schema))}"
    if kind == "object":
        values = spec.get("additionalProperties")
        if isinstance(values, Mapping) and "properties" not in spec:
            return f"table of {type_name(resolve(values, schema), schema)}"
        return "table"
    if isinstance(kind, list):
        return " or ".join(map(str, kind))
    return str(kind)


def _plural(name: str) -> str:
    return name if name.startswith(("one of", "list", "table")) else f"{name}s"


def _toml(value: Any) -> str:
    """A value as it is written in TOML (close enough for strings, numbers, lists, booleans)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Mapping):
        return "{ " + ", ".join(f"{json.dumps(k)} = {_toml(v)}" for k, v in value.items()) + " }"
    if isinstance(value, list):
        return "[" + ", ".join(_toml(item) for item in value) + "]"
    return json.dumps(value, ensure_ascii=False)
