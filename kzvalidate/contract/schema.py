"""The article contract's JSON Schema check: ``validate_record`` is the one door to record
validation; rules read its violations and turn them into findings at the span of the offending
token (:mod:`kzvalidate.contract.spans`).

jsonschema builds validator objects for every keyword it visits (about 200 µs a record), so
fast paths decide first: :mod:`kzvalidate.contract.common_shape`, a hand-written check of the
usual shape of record, then :mod:`kzvalidate.contract.article_validator`, code that
fastjsonschema generated ahead of time from the default dialect's schema. They may only say
"valid"; a record both reject, and every record of another dialect, goes to jsonschema, which
gives the diagnostics.
After a change to ``contracts/article.schema.json`` or the default dialect's footers, regenerate it
(``tests/test_fast_path.py`` fails until then)::

    python -m kzvalidate.contract.regenerate
"""

from __future__ import annotations

import functools
import json
from _blake2 import blake2b  # hashlib's, without hashlib's loading OpenSSL: 3 ms (issue 12)
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from kzvalidate.contract import article_validator, common_shape
from kzvalidate.dump.dialect import Dialect
from kzvalidate.dump.dialects import DEFAULT
from kzvalidate.resources import ARTICLE_SCHEMA, load_schema

if TYPE_CHECKING:
    from jsonschema.protocols import Validator

JsonPath = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Violation:
    """One way a record breaks the contract: which field, which schema keyword, the raw message."""

    path: JsonPath
    keyword: str
    message: str

    @property
    def field(self) -> str:
        return str(self.path[0]) if self.path else ""


def article_schema(dialect: Dialect = DEFAULT) -> Mapping[str, Any]:
    """``contracts/article.schema.json`` for the dumps of ``dialect``: the footer must be one of
    the dialect's footers."""
    schema = load_schema(ARTICLE_SCHEMA)
    footer = {**schema["properties"]["footer"], "enum": list(dialect.footers)}
    return {**schema, "properties": {**schema["properties"], "footer": footer}}


@functools.cache
def _validator(dialect: Dialect) -> Validator:
    from jsonschema import Draft202012Validator  # lazy: jsonschema costs ~35 ms to import

    schema = article_schema(dialect)
    Draft202012Validator.check_schema(schema)
    inlined = inline_refs(schema, schema.get("$defs", {}))
    return Draft202012Validator(inlined, format_checker=Draft202012Validator.FORMAT_CHECKER)


def inline_refs(schema: Any, defs: Mapping[str, Any]) -> Any:
    """The schema with each local ``{"$ref": "#/$defs/x"}`` replaced by the definition itself.

    Validation means the same (the contract's definitions are not recursive), but following a
    reference costs jsonschema a registry lookup each time, over half of validating a record with
    figures. A reference with sibling keywords becomes ``allOf`` of both, as 2020-12 reads it.
    """
    if isinstance(schema, list):
        return [inline_refs(item, defs) for item in schema]
    if not isinstance(schema, Mapping):
        return schema
    inlined = {key: inline_refs(value, defs) for key, value in schema.items() if key != "$defs"}
    reference = inlined.pop("$ref", None)
    if not isinstance(reference, str) or not reference.startswith("#/$defs/"):
        if reference is not None:
            inlined["$ref"] = reference
        return inlined
    target = inline_refs(defs[reference.removeprefix("#/$defs/")], defs)
    siblings = {key: value for key, value in inlined.items() if key != "description"}
    return {"allOf": [target, siblings]} if siblings else target


def fast_path_schema() -> Mapping[str, Any]:
    """The schema the fast path is generated from: the default dialect's, references inlined."""
    schema = article_schema(DEFAULT)
    return inline_refs(schema, schema.get("$defs", {}))  # type: ignore[no-any-return]


def schema_json(schema: Mapping[str, Any]) -> str:
    """The schema as the fast path's module records it, to tell whether it is current."""
    return json.dumps(schema, sort_keys=True, ensure_ascii=False)


def schema_digest(schema: Mapping[str, Any]) -> str:
    """BLAKE2b-128 of :func:`schema_json`: the schema the hand-written fast path was written for
    (:data:`kzvalidate.contract.common_shape.SCHEMA_DIGEST`)."""
    return blake2b(schema_json(schema).encode("utf-8"), digest_size=16).hexdigest()


@functools.cache
def _fast_path_is_current() -> bool:
    return bool(schema_json(fast_path_schema()) == article_validator.SCHEMA_JSON)


@functools.cache
def _common_shape_is_current() -> bool:
    return schema_digest(fast_path_schema()) == common_shape.SCHEMA_DIGEST


def fast_valid(record: Mapping[str, Any], dialect: Dialect = DEFAULT) -> bool:
    """Whether the fast path can tell that ``record`` keeps the contract; False means "ask
    jsonschema", never "invalid" for certain. Only the default dialect's footers, and only
    while the generated module is current with the schema."""
    if dialect.footers != DEFAULT.footers or not _fast_path_is_current():
        return False
    if _common_shape_is_current() and common_shape.is_valid(record, DEFAULT.footers):
        return True
    return bool(article_validator.is_valid(record))


def validate_record(record: Mapping[str, Any], dialect: Dialect = DEFAULT) -> tuple[Violation, ...]:
    """Every way ``record`` breaks ``contracts/article.schema.json`` for the dumps of ``dialect``
    (empty when it conforms)."""
    if fast_valid(record, dialect):
        return ()
    violations: dict[tuple[JsonPath, str], Violation] = {}
    for error in _validator(dialect).iter_errors(record):
        path: JsonPath = tuple(error.absolute_path)
        if error.validator == "required":
            instance = error.instance if isinstance(error.instance, dict) else {}
            for name in error.validator_value if isinstance(error.validator_value, list) else ():
                if name not in instance:
                    key = ((*path, name), "required")
                    violations[key] = Violation(key[0], "required", f"{name!r} is missing")
            continue
        keyword = str(error.validator)
        violations[(path, keyword)] = Violation(path, keyword, error.message)
    return tuple(violations.values())
