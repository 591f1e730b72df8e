"""The article contract: schema metadata, time zone, and that every violation has a rule."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from kzvalidate.contract.record import article_record, published_at
from kzvalidate.contract.schema import validate_record
from kzvalidate.dump.dialects.kazakhstan_today import FOOTER
from kzvalidate.resources import ARTICLE_SCHEMA, REPORT_SCHEMA, load_schema
from kzvalidate.rules import RULES
from tests.helpers import articles

ARTICLE = f"03.03.2026, 14:12 11421\nTitle of the article\nFirst paragraph.\n{FOOTER}\n"

# Keywords the schema has but a parsed record can never break, and why.
UNREACHABLE = {
    ("date", "required"): "a line without a date is not a header",
    ("time", "required"): "a line without a time is not a header",
    ("title", "type"): "the parser always writes text",
    ("image_credit", "type"): "the parser always writes text",
    ("published", "type"): "derived by kzvalidate as text",
    ("body", "type"): "the parser always writes a list",
    ("body", "minLength"): "paragraphs are non-blank lines",
    ("body", "pattern"): "paragraphs are non-blank lines",
    ("body", "items"): "paragraphs are non-blank lines",
    ("source", "*"): "the span is written by the parser",
    ("figures", "*"): "figures are written by the figure reader, from the unit table only",
    ("crawled", "*"): "written only when the stated crawl date is a real ISO date",
    ("content_hash", "*"): "written by kzvalidate as a BLAKE2b-128 hex digest",
    ("*", "additionalProperties"): "records are built by kzvalidate with known fields only",
}


@pytest.mark.parametrize("name", [ARTICLE_SCHEMA, REPORT_SCHEMA])
def test_contracts_are_versioned_draft_2020_12_schemas(name: str) -> None:
    schema = load_schema(name)
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"].endswith(schema["version"])
    assert schema["version"].count(".") == 2


def test_a_clean_article_conforms() -> None:
    (article,) = articles(ARTICLE)
    assert validate_record(article_record(article)) == ()


@pytest.mark.parametrize(
    ("date", "time", "published"),
    [
        ((2024, 2, 28), (12, 0), "2024-02-28T12:00:00+06:00"),
        ((2024, 3, 2), (12, 0), "2024-03-02T12:00:00+05:00"),
        ((2023, 7, 1), (9, 30), "2023-07-01T09:30:00+06:00"),
        ((2026, 3, 3), (14, 12), "2026-03-03T14:12:00+05:00"),
        ((2026, 2, 31), (14, 12), None),
        ((2026, 3, 3), (25, 61), None),
    ],
)
def test_published_uses_the_offset_of_that_date(
    date: tuple[int, int, int], time: tuple[int, int], published: str | None
) -> None:
    assert published_at(date, time) == published


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("31.02.2026, 14:12 5", {("date", "format"), ("published", "required")}),
        ("3.3.26, 14:12 5", {("date", "pattern"), ("date", "format"), ("published", "required")}),
        ("03.03.2026, 25:61 5", {("time", "pattern"), ("published", "required")}),
        ("03.03.2026, 14:12 -12", {("views", "minimum")}),
        ("03.03.2026, 14:12 12k", {("views", "type")}),
        ("03.03.2026, 14:12", {("views", "required")}),
    ],
)
def test_header_defects_break_the_contract(header: str, expected: set[tuple[str, str]]) -> None:
    (article,) = articles(ARTICLE.replace("03.03.2026, 14:12 11421", header))
    found = {(v.field, v.keyword) for v in validate_record(article_record(article))}
    assert found == expected


def schema_keywords(schema: Mapping[str, Any]) -> Iterator[tuple[str, str]]:
    """(field, keyword) for every constraint a record's field can break."""
    defs = schema["$defs"]
    for name in schema["required"]:
        yield name, "required"
    for name, sub in schema["properties"].items():
        yield from ((name, keyword) for keyword in constraint_keywords(sub, defs))


def constraint_keywords(sub: Mapping[str, Any], defs: Mapping[str, Any]) -> Iterator[str]:
    if "$ref" in sub:
        yield from constraint_keywords(defs[sub["$ref"].rsplit("/", 1)[-1]], defs)
    for keyword in sub:
        if keyword in {"description", "$ref", "properties", "$comment"}:
            continue
        yield keyword
        if keyword == "items":
            yield from constraint_keywords(sub["items"], defs)


def test_every_contract_constraint_is_reported_by_a_rule() -> None:
    claimed = {claim for rule in RULES.values() for claim in rule.claims}
    unclaimed = {
        (field, keyword)
        for field, keyword in schema_keywords(load_schema(ARTICLE_SCHEMA))
        if (field, keyword) not in claimed
        and (field, keyword) not in UNREACHABLE
        and (field, "*") not in UNREACHABLE
    }
    assert unclaimed == set()


def test_rule_claims_name_real_schema_constraints() -> None:
    possible = set(schema_keywords(load_schema(ARTICLE_SCHEMA)))
    for rule in RULES.values():
        assert rule.claims <= possible, rule.code
