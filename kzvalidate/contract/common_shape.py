"""The article contract's first fast path, written by hand for the records kzvalidate builds: it
says "valid" for a record of the usual shape (plain dicts, lists, strings and ints, every value
well inside the contract) and "don't know" for anything else, which then goes to the generated
validator (:mod:`kzvalidate.contract.article_validator`) and, failing that, to jsonschema.

It is stricter than the schema everywhere: exact types (``type(x) is int``, never a bool or a
float that happens to be whole), patterns matched whole (the schema's ``$`` would also let a
trailing line feed through); a day, and a moment's time of day with its offset, are checked
once per distinct text (a dump has a few dozen articles a day). It was written for one version
of the schema: :data:`SCHEMA_DIGEST` is the digest of that schema, and the fast path is off for
any other (``tests/test_common_shape.py`` fails until this module is reviewed against it).
"""

from __future__ import annotations

import functools
from datetime import date

from kzvalidate.patterns import compiled

SCHEMA_DIGEST = "4abd6cacfb7f3af43bd5d7ac9b57e00c"
"""BLAKE2b-128 of :func:`kzvalidate.contract.schema.schema_json` of the schema it checks."""

_RECORD_REQUIRED = frozenset(
    {"date", "time", "published", "views", "title", "body", "footer", "source"}
)
_RECORD_KEYS = _RECORD_REQUIRED | {"image_credit", "crawled", "content_hash", "figures"}
_SPAN_KEYS = frozenset({"path", "line", "column", "end_line", "end_column"})
_FIGURE_REQUIRED = frozenset(
    {"text", "value", "unit", "dimension", "base_value", "base_unit", "span"}
)
_FIGURE_KEYS = _FIGURE_REQUIRED | {"upper", "base_upper", "qualifier"}

_DATE = compiled(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_TIME = compiled(r"(?:[01][0-9]|2[0-3]):[0-5][0-9]")
_CLOCK = compiled(r"T(?:[01][0-9]|2[0-3]):[0-5][0-9]:00[+-](?:[01][0-9]|2[0-3]):[0-5][0-9]")
"""A moment's time of day and UTC offset, as RFC 3339 allows them, the seconds zero."""
_HASH = compiled(r"[0-9a-f]{32}")
_DIMENSION = compiled(r"[a-z]+(?:-[A-Za-z]+)*")


def is_valid(record: object, footers: tuple[str, ...]) -> bool:
    """Whether ``record`` surely keeps the contract whose footer is one of ``footers``; False
    means "ask the slower paths", never "invalid" for certain."""
    if type(record) is not dict:
        return False
    keys = record.keys()
    if not (keys >= _RECORD_REQUIRED and keys <= _RECORD_KEYS):
        return False
    footer = record["footer"]
    if not (
        _is_day(record["date"])
        and _is_time(record["time"])
        and _is_moment(record["published"])
        and _is_count(record["views"], 0)
        and _is_text(record["title"])
        and type(footer) is str
        and footer in footers
        and _is_body(record["body"])
        and _is_span(record["source"])
    ):
        return False
    return _optional_fields_valid(record)


def _optional_fields_valid(record: dict[str, object]) -> bool:
    if "image_credit" in record and not _is_text(record["image_credit"]):
        return False
    if "crawled" in record and not _is_day(record["crawled"]):
        return False
    if "content_hash" in record and not _is_hash(record["content_hash"]):
        return False
    if "figures" not in record:
        return True
    figures = record["figures"]
    return type(figures) is list and all(map(_is_figure, figures))


def _is_figure(figure: object) -> bool:
    if type(figure) is not dict:
        return False
    keys = figure.keys()
    if not (keys >= _FIGURE_REQUIRED and keys <= _FIGURE_KEYS):
        return False
    if not (
        _is_text(figure["text"])
        and _is_amount(figure["value"])
        and _is_text(figure["unit"])
        and _is_dimension(figure["dimension"])
        and _is_amount(figure["base_value"])
        and _is_text(figure["base_unit"])
        and _is_span(figure["span"])
    ):
        return False
    return len(keys) == len(_FIGURE_REQUIRED) or (
        ("upper" not in figure or _is_amount(figure["upper"]))
        and ("base_upper" not in figure or _is_amount(figure["base_upper"]))
        and ("qualifier" not in figure or _is_text(figure["qualifier"]))
    )


def _is_text(value: object) -> bool:
    """A string with a character that is not blank (the schema's ``minLength: 1`` and ``\\S``:
    ``re``'s ``\\s`` is what ``str.isspace`` calls blank)."""
    return type(value) is str and bool(value) and not value.isspace()


def _is_body(body: object) -> bool:
    if type(body) is not list or not body:
        return False
    for paragraph in body:
        if type(paragraph) is not str or not paragraph or paragraph.isspace():
            return False
    return True


def _is_count(value: object, minimum: int) -> bool:
    return type(value) is int and value >= minimum


def _is_amount(value: object) -> bool:
    """A number of at least 0 (NaN is not)."""
    return (type(value) is float or type(value) is int) and value >= 0


def _is_span(span: object) -> bool:
    if type(span) is not dict or span.keys() != _SPAN_KEYS:
        return False
    line, column, end_line, end_column = (
        span["line"], span["column"], span["end_line"], span["end_column"]
    )  # fmt: skip
    return (
        type(span["path"]) is str
        and type(line) is type(column) is type(end_line) is type(end_column) is int
        and min(line, column, end_line, end_column) >= 1
    )


def _is_day(value: object) -> bool:
    return type(value) is str and _day(value)


def _is_time(value: object) -> bool:
    return type(value) is str and _TIME.fullmatch(value) is not None


def _is_moment(value: object) -> bool:
    return type(value) is str and _moment(value)


def _is_hash(value: object) -> bool:
    return type(value) is str and _HASH.fullmatch(value) is not None


def _is_dimension(value: object) -> bool:
    return type(value) is str and _dimension(value)


@functools.lru_cache(maxsize=4096)
def _day(text: str) -> bool:
    """ISO 8601 digits that name a real calendar day (jsonschema's ``date`` format)."""
    if _DATE.fullmatch(text) is None:
        return False
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _moment(text: str) -> bool:
    """A ``published`` moment: a real day, then a time and offset that RFC 3339 allows (each
    part checked once: a dump has few days, and a day few minutes)."""
    return len(text) == 25 and _day(text[:10]) and _clock(text[10:])


@functools.lru_cache(maxsize=4096)
def _clock(text: str) -> bool:
    return _CLOCK.fullmatch(text) is not None


@functools.lru_cache(maxsize=256)
def _dimension(text: str) -> bool:
    return _DIMENSION.fullmatch(text) is not None
