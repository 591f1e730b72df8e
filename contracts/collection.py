"""Collection contract 1.1.0: the pandera schema of a table of article records.

One row per article, as built by ``kzvalidate.collection.records_frame``: the columns of
``article.schema.json`` with the ``source`` span split into ``path`` and ``line``.

The per-article constraints are read from ``article.schema.json`` (its patterns, minimums, the
footer text) rather than written twice, and are applied with the same semantics: JSON Schema
patterns match anywhere in the string (``re.search``), not only at its start. The figures, a list
of nested objects, are checked by the article contract's own ``figure`` definition with
jsonschema (added in 1.1.0). The collection adds
what only a collection can state: every article position (``path``, ``line``) occurs once.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

import pandera.pandas as pa

VERSION = "1.1.0"
COLUMNS = (
    "path", "line", "date", "time", "published", "views", "title", "image_credit", "body", "footer",
    "figures",
)  # fmt: skip


def _matches(pattern: str) -> Any:
    compiled = re.compile(pattern)
    return lambda value: isinstance(value, str) and compiled.search(value) is not None


def _is_text(text: Mapping[str, Any]) -> Any:
    matches = _matches(text["pattern"])
    return lambda value: matches(value) and len(value) >= text["minLength"]


def _is_calendar_date(value: object) -> bool:
    try:
        date.fromisoformat(str(value))
    except ValueError:
        return False
    return True


def _is_date_time(value: object) -> bool:
    try:
        return datetime.fromisoformat(str(value)).utcoffset() is not None
    except ValueError:
        return False


def _is_integer(value: object) -> bool:
    """An integer in the JSON Schema sense: 3 and 3.0 are, True is not."""
    if isinstance(value, bool):
        return False
    return isinstance(value, int) or (isinstance(value, float) and value.is_integer())


def _are_figures(article: Mapping[str, Any]) -> Any:
    from jsonschema import Draft202012Validator

    schema = {"$defs": article["$defs"], **article["properties"]["figures"]}
    validator = Draft202012Validator(schema)
    return lambda value: validator.is_valid(value)


def _check(name: str, test: Any) -> pa.Check:
    return pa.Check(test, element_wise=True, name=name)


def build(article: Mapping[str, Any]) -> pa.DataFrameSchema:
    """The collection schema, from the article contract's own constraints."""
    props = article["properties"]
    text = article["$defs"]["text"]
    is_text = _is_text(text)
    required = set(article["required"])

    def column(name: str, *checks: pa.Check) -> pa.Column:
        return pa.Column(None, list(checks), nullable=name not in required, coerce=False)

    return pa.DataFrameSchema(
        {
            "path": pa.Column(None, _check("path_is_text", lambda v: isinstance(v, str))),
            "line": pa.Column(
                None, _check("line_is_positive", lambda v: _is_integer(v) and v >= 1)
            ),
            "date": column(
                "date",
                _check("date_pattern", _matches(props["date"]["pattern"])),
                _check("date_is_calendar_date", _is_calendar_date),
            ),
            "time": column("time", _check("time_pattern", _matches(props["time"]["pattern"]))),
            "published": column(
                "published",
                _check("published_pattern", _matches(props["published"]["pattern"])),
                _check("published_is_date_time", _is_date_time),
            ),
            "views": column(
                "views",
                _check("views_is_integer", _is_integer),
                _check(
                    "views_minimum",
                    lambda v: not _is_integer(v) or v >= props["views"]["minimum"],
                ),
            ),
            "title": column("title", _check("title_is_text", is_text)),
            "image_credit": column("image_credit", _check("image_credit_is_text", is_text)),
            "body": column(
                "body",
                _check(
                    "body_is_paragraphs",
                    lambda v: (
                        isinstance(v, list)
                        and len(v) >= props["body"]["minItems"]
                        and all(is_text(item) for item in v)
                    ),
                ),
            ),
            "footer": column(
                "footer", _check("footer_is_exact", lambda v: v == props["footer"]["const"])
            ),
            "figures": column("figures", _check("figures_are_figures", _are_figures(article))),
        },
        strict=True,
        unique=["path", "line"],
        name="article collection",
        title=f"kzvalidate collection contract {VERSION}",
        description=__doc__,
    )
