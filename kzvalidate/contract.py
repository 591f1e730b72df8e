"""The article contract: turn a parsed article into a record and check it with JSON Schema.

``validate_record`` is the one door to record validation; rules read its violations and turn them
into findings at the span of the offending token.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, tzinfo
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kzvalidate.grammar import date_parts, time_parts, views_value
from kzvalidate.model import Span

if TYPE_CHECKING:
    from jsonschema.protocols import Validator

    from kzvalidate.figures import Figure
    from kzvalidate.parser import Article

ARTICLE_SCHEMA = "article.schema.json"
REPORT_SCHEMA = "report.schema.json"
ZONE = "Asia/Almaty"

Record = dict[str, Any]
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


@functools.cache
def contracts_dir() -> Path:
    """The shipped contracts: in the installed package, else the source tree's ``contracts/``."""
    packaged = Path(str(resources.files("kzvalidate"))) / "contracts"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "contracts"


@functools.cache
def load_schema(name: str) -> Mapping[str, Any]:
    with (contracts_dir() / name).open(encoding="utf-8") as handle:
        schema: Mapping[str, Any] = json.load(handle)
    return schema


@functools.cache
def _validator(name: str) -> Validator:
    from jsonschema import Draft202012Validator

    schema = load_schema(name)
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


def validate_record(record: Mapping[str, Any]) -> tuple[Violation, ...]:
    """Every way ``record`` breaks ``contracts/article.schema.json`` (empty when it conforms)."""
    violations: dict[tuple[JsonPath, str], Violation] = {}
    for error in _validator(ARTICLE_SCHEMA).iter_errors(record):
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


@functools.cache
def almaty() -> tzinfo:
    """Asia/Almaty from the bundled ``tzdata`` (same answer everywhere), else the system's."""
    from zoneinfo import ZoneInfo

    try:
        with resources.files("tzdata.zoneinfo").joinpath(ZONE).open("rb") as handle:
            return ZoneInfo.from_file(handle, key=ZONE)
    except (ModuleNotFoundError, FileNotFoundError):
        return ZoneInfo(ZONE)


def published_at(date: tuple[int, int, int] | None, time: tuple[int, int] | None) -> str | None:
    """ISO 8601 date-time with Kazakhstan's offset on that date, or None if not a real moment."""
    if date is None or time is None:
        return None
    try:
        moment = datetime(*date, *time, tzinfo=almaty())
    except ValueError:
        return None
    return moment.isoformat()


def span_record(path: str, span: Span) -> dict[str, Any]:
    return {
        "path": path,
        "line": span.line,
        "column": span.column,
        "end_line": span.end_line,
        "end_column": span.end_column,
    }


def article_record(article: Article) -> Record:
    """The article as a contract record; values that cannot be read are kept as their raw text."""
    from kzvalidate.figures import article_figures, figure_span

    header = article.header
    date = date_parts(header.date.text)
    time = time_parts(header.time.text)
    record: Record = {
        "date": "{:04d}-{:02d}-{:02d}".format(*date) if date else header.date.text,
        "time": "{:02d}:{:02d}".format(*time) if time else header.time.text,
    }
    published = published_at(date, time)
    if published is not None:
        record["published"] = published
    if header.views is not None:
        views = views_value(header.views.text)
        record["views"] = header.views.text if views is None else views
    if article.title is not None:
        record["title"] = article.title.text
    if article.credit is not None:
        record["image_credit"] = article.credit.source.text
    record["body"] = [paragraph.text for paragraph in article.body]
    if article.footer is not None:
        record["footer"] = article.footer.text
    record["figures"] = [
        figure_record(figure, span_record(article.path, figure_span(field, figure)))
        for field, figure in article_figures(article)
    ]
    record["source"] = span_record(article.path, article.span)
    return record


def figure_record(figure: Figure, span: Mapping[str, Any]) -> Record:
    from kzvalidate.units import load_table

    record: Record = {
        "text": figure.text,
        "value": figure.value,
        "unit": figure.unit.unit,
        "dimension": figure.dimension,
        "base_value": figure.base_value,
        "base_unit": load_table().base_unit(figure.dimension),
    }
    if figure.upper is not None:
        record["upper"] = figure.upper
        record["base_upper"] = figure.base_upper
    if figure.qualifier is not None:
        record["qualifier"] = figure.qualifier
    record["span"] = dict(span)
    return record


def violation_span(article: Article, path: JsonPath) -> Span:
    """Where in the text the value at ``path`` of the article's record comes from."""
    header = article.header
    name = path[0] if path else ""
    if name == "date":
        return header.date.span
    if name == "time":
        return header.time.span
    if name == "published":
        return Span(
            header.date.span.line,
            header.date.span.column,
            header.time.span.end_line,
            header.time.span.end_column,
        )
    if name == "views":
        return header.views.span if header.views else header.line.end_span
    if name == "title":
        return article.title.span if article.title else header.line.end_span
    if name == "image_credit" and article.credit is not None:
        return article.credit.source.span
    if name == "body":
        if len(path) > 1 and isinstance(path[1], int) and path[1] < len(article.body):
            return article.body[path[1]].span
        return article.title.span if article.title else header.line.full_span
    if name == "footer":
        return article.footer.span if article.footer else article.last_line.end_span
    return header.line.full_span
