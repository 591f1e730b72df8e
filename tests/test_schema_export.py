"""``kzvalidate schema``: the contracts exported as JSON Schema, pandera YAML and Markdown."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from typing import Any

import polars as pl
import pytest
from jsonschema import Draft202012Validator
from pandera.errors import SchemaErrors
from pandera.io import polars_io

from kzvalidate.contract import table
from kzvalidate.contract.collection import COLUMNS
from kzvalidate.contract.record import article_record
from kzvalidate.contract.schema import article_schema
from kzvalidate.dump.blocks import Article
from kzvalidate.dump.dialects import DEFAULT
from kzvalidate.dump.parser import parse_bytes
from kzvalidate.report import SCHEMA
from kzvalidate.report.schema import UnsupportedContractError
from tests.helpers import ROOT, SEED_000, SEED_004, run_cli


def exported(fmt: str, contract: str | None = None) -> str:
    out = io.StringIO()
    SCHEMA.load(fmt)(out, contract, DEFAULT)
    return out.getvalue()


def seed_frame(*copies: str) -> pl.DataFrame:
    records = [
        article_record(block)
        for path, name in [(SEED_000, SEED_000.name), (SEED_004, SEED_004.name)]
        + [(SEED_004, copy) for copy in copies]
        for block in parse_bytes(path.read_bytes(), name)
        if isinstance(block, Article)
    ]
    return table.collection_frame(records)


def failures(schema: Any, frame: pl.DataFrame) -> set[tuple[str, int | None]]:
    try:
        schema.validate(frame, lazy=True)
    except SchemaErrors as errors:
        cases = pl.DataFrame(errors.failure_cases)
        return {(str(check), index) for check, index in cases.select("check", "index").iter_rows()}
    return set()


def test_json_schema_is_the_article_contract_with_the_dialects_footers() -> None:
    schema = json.loads(exported("json-schema"))
    Draft202012Validator.check_schema(schema)
    assert schema == article_schema(DEFAULT)
    assert schema["properties"]["footer"]["enum"] == list(DEFAULT.footers)
    validator = Draft202012Validator(schema)
    record = article_record(
        next(b for b in parse_bytes(SEED_000.read_bytes(), "s.txt") if isinstance(b, Article))
    )
    assert validator.is_valid(record)
    assert not validator.is_valid({**record, "views": -1})


def test_pandera_yaml_reads_back_into_a_model_that_judges_frames_alike() -> None:
    loaded = polars_io.from_yaml(exported("pandera-yaml"))  # type: ignore[no-untyped-call]
    model = table.collection_schema()
    assert list(loaded.columns) == list(COLUMNS) and loaded.strict is True
    assert [check.name for check in loaded.checks] == [check.name for check in model.checks]
    frame = seed_frame("copy.txt")
    frames = [
        frame,
        frame.filter(pl.col("path") == SEED_000.name).slice(0, 1),
        frame.with_columns(views=-pl.col("views")),
        frame.with_columns(content_hash=pl.lit("not a hash")),
        frame.with_columns(pl.col("views").cast(pl.String)),
        frame.with_columns(extra=pl.lit(1)),
    ]
    judged = [failures(loaded, each) for each in frames]
    assert judged == [failures(model, each) for each in frames]
    assert judged[1] == set() and all(judged[:1] + judged[2:])


def test_pandera_yaml_says_what_it_holds_and_how_to_read_it_back() -> None:
    text = exported("pandera-yaml")
    header = [line for line in text.splitlines() if line.startswith("#")]
    assert any("table.register_checks()" in line for line in header)
    for rule_code, check in table.CHECKS.items():
        assert any(check.__name__ in line and rule_code in line for line in header)
    code = (
        "import sys; from pandera.io import polars_io; from kzvalidate.contract import table; "
        "table.register_checks(); print(polars_io.from_yaml(sys.stdin.read()).title)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], input=text, capture_output=True, text=True, cwd=ROOT
    )
    assert done.stdout.strip() == f"kzvalidate collection contract {table.VERSION}", done.stderr


def test_markdown_lists_every_field_column_and_check() -> None:
    text = exported("markdown")
    for field in article_schema(DEFAULT)["properties"]:
        assert f"| `{field}` |" in text
    for column in COLUMNS:
        assert f"| `{column}` |" in text
    for rule_code, check in table.CHECKS.items():
        assert f"| `{check.__name__}` | {rule_code} " in text
    assert "KZ203 negative-views (minimum)" in text  # the rule that claims views' minimum
    collection_only = exported("markdown", "collection")
    assert "Article contract" not in collection_only and "| `title_key` |" in collection_only


@pytest.mark.parametrize(
    ("fmt", "contract"), [("json-schema", "collection"), ("pandera-yaml", "article")]
)
def test_a_format_refuses_the_contract_it_cannot_describe(fmt: str, contract: str) -> None:
    with pytest.raises(UnsupportedContractError, match=f"--format {fmt}"):
        exported(fmt, contract)


def test_the_command_exports_and_refuses_with_one_line() -> None:
    done = run_cli("schema", "--format", "json-schema", "--isolated")
    assert done.returncode == 0 and json.loads(done.stdout)["version"] == "1.2.0"
    refused = run_cli("schema", "--format", "json-schema", "--contract", "collection", "--isolated")
    assert refused.returncode == 2 and refused.stdout == ""
    assert refused.stderr.count("\n") == 1 and "not the collection one" in refused.stderr
    unknown = run_cli("schema", "--format", "markdown", "--contract", "x", "--isolated")
    assert unknown.returncode == 2 and "unknown contract 'x'" in unknown.stderr
