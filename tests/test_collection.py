"""The collection contract (pandera, polars backend) and the streaming collection rules of
``lint`` (KZ501-KZ504) find the same defects, in the same words."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kzvalidate.check.engine import Linter
from kzvalidate.contract import table
from kzvalidate.contract.collection import COLUMNS
from kzvalidate.contract.record import article_record
from kzvalidate.dump.blocks import Article
from kzvalidate.dump.parser import parse_bytes
from kzvalidate.dump.render import render_dump
from kzvalidate.model import Finding
from kzvalidate.rules import RULES, select
from kzvalidate.testing import paragraphs, records
from tests.helpers import ROOT, SEED_000, SEED_004

Record = dict[str, Any]
Dump = tuple[str, bytes]


def dump_records(name: str, data: bytes) -> list[Record]:
    return [article_record(b) for b in parse_bytes(data, name) if isinstance(b, Article)]


def contract_findings(dumps: list[Dump]) -> list[Finding]:
    return table.validate_collection(
        [record for name, data in dumps for record in dump_records(name, data)], RULES
    )


def lint_findings(dumps: list[Dump]) -> list[Finding]:
    linter = Linter(select(["KZ5"]))
    scope = linter.run_scope()
    findings = [
        f for name, data in dumps for f in linter.lint_bytes(data, name, None, scope).findings
    ]
    return findings + scope.finish()


def said(findings: list[Finding]) -> set[tuple[str, str, int, str, str | None]]:
    return {(f.code, f.path, f.line, f.message, f.hint) for f in findings}


def seed_dumps(*paths: Path) -> list[Dump]:
    return [(path.name, path.read_bytes()) for path in paths]


# -- generated collections ------------------------------------------------------------------------


def published(record: Record) -> datetime:
    return datetime.fromisoformat(record["published"])


@dataclass
class Collection:
    files: list[list[Record]]
    crawled: list[date | None]

    def dumps(self) -> list[Dump]:
        return [
            (f"f{index}.txt", self._text(articles, crawled).encode())
            for index, (articles, crawled) in enumerate(zip(self.files, self.crawled, strict=True))
        ]

    @staticmethod
    def _text(articles: list[Record], crawled: date | None) -> str:
        preamble = "" if crawled is None else f"date {crawled.isoformat()}\n"
        return preamble + render_dump(articles)


def _copy(draw: st.DrawFn, collection: Collection) -> None:
    """A re-crawl: an article again, somewhere in the run, maybe with other views or time."""
    files = collection.files
    source = draw(st.sampled_from([r for file in files for r in file]))
    copy = dict(source, views=draw(st.integers(0, 10**6)))
    target = draw(st.sampled_from(files))
    target.insert(draw(st.integers(0, len(target))), copy)


def _edit(draw: st.DrawFn, collection: Collection) -> None:
    """The same title at the same minute with another text: the article changed."""
    files = collection.files
    source = draw(st.sampled_from([r for file in files for r in file]))
    edited = dict(source, body=[*source["body"], draw(paragraphs())])
    target = draw(st.sampled_from(files))
    target.insert(draw(st.integers(0, len(target))), edited)


def _swap(draw: st.DrawFn, collection: Collection) -> None:
    """Two neighbours exchanged: the file is no longer newest first."""
    file = draw(st.sampled_from(collection.files))
    if len(file) > 1:
        at = draw(st.integers(0, len(file) - 2))
        file[at], file[at + 1] = file[at + 1], file[at]


def _crawl_day(draw: st.DrawFn, articles: list[Record]) -> date | None:
    """No crawl day, or one near the day of one of the file's articles (before or after it)."""
    if not articles or draw(st.booleans()):
        return None
    day = date.fromisoformat(draw(st.sampled_from(articles))["date"])
    shifted = day + timedelta(days=draw(st.integers(-1, 1)))
    return shifted if date.min < shifted < date.max else day


@st.composite
def collections(draw: st.DrawFn) -> Collection:
    """Files of valid articles newest first, with copies, edits and swaps injected, and crawl
    days stated or not."""
    files = [
        sorted(draw(st.lists(records(), min_size=1, max_size=4)), key=published, reverse=True)
        for _ in range(draw(st.integers(1, 3)))
    ]
    collection = Collection(files, [])
    for operation in draw(st.lists(st.sampled_from([_copy, _edit, _swap]), max_size=4)):
        operation(draw, collection)
    collection.crawled = [_crawl_day(draw, articles) for articles in files]
    return collection


@given(collections())
def test_lint_and_the_collection_contract_agree(collection: Collection) -> None:
    dumps = collection.dumps()
    assert said(contract_findings(dumps)) == said(lint_findings(dumps))


# -- the seeds ------------------------------------------------------------------------------------


def test_a_copied_seed_is_reported_as_duplicates_and_the_order_breaks_once_each() -> None:
    dumps = [*seed_dumps(SEED_000, SEED_004), ("copy.txt", SEED_004.read_bytes())]
    findings = contract_findings(dumps)
    duplicates = [f for f in findings if f.code == "KZ501"]
    assert [f.path for f in duplicates] == ["copy.txt"] * 9
    assert all(f.message.endswith(f"line {f.line} of {SEED_004.name}") for f in duplicates)
    assert sorted((f.path, f.line) for f in findings if f.code == "KZ503") == [
        (SEED_000.name, 12),
        (SEED_004.name, 1),
        ("copy.txt", 1),
    ]
    assert {f.code for f in findings} == {"KZ501", "KZ503"}
    assert said(findings) == said(lint_findings(dumps))


def test_a_finding_takes_its_name_and_severity_from_the_rule() -> None:
    findings = contract_findings(seed_dumps(SEED_000))
    assert [(f.code, f.name, f.severity) for f in findings] == [
        ("KZ503", RULES["KZ503"].name, RULES["KZ503"].severity)
    ]


# -- the model ------------------------------------------------------------------------------------


def test_the_model_is_versioned_typed_and_strict() -> None:
    schema = table.collection_schema()
    assert schema.title == f"kzvalidate collection contract {table.VERSION}"
    assert table.VERSION == "2.0.0"
    assert schema.strict is True
    assert tuple(schema.columns) == COLUMNS
    assert all(column.dtype.type != pl.Object for column in schema.columns.values())
    assert schema.columns["published"].dtype.type == pl.Datetime("us", "Asia/Almaty")


def test_each_check_is_named_by_its_rule() -> None:
    def identifier(code: str) -> str:
        return f"{code.lower()}_{RULES[code].name.replace('-', '_')}"

    assert {identifier(code) for code in table.CHECKS} == {
        check.name for check in table.collection_schema().checks
    }
    assert all(identifier(code) == name for name, code in table.COLUMN_RULES.items())


def test_a_frame_of_the_seeds_has_typed_columns() -> None:
    frame = table.collection_frame(dump_records(SEED_000.name, SEED_000.read_bytes()))
    assert frame.columns == list(COLUMNS)
    assert frame.schema["published"] == pl.Datetime("us", "Asia/Almaty")
    assert frame.schema["date"] == pl.Date and frame.schema["crawled"] == pl.Date
    assert frame["crawled"].unique().to_list() == [date(2026, 3, 4)]
    assert frame["views"].min() is not None and frame["paragraphs"].min() >= 1  # type: ignore[operator]


def test_no_records_make_an_empty_valid_table() -> None:
    assert table.validate_collection([], RULES) == []


def test_a_negative_view_count_is_the_negative_views_finding() -> None:
    record = dump_records(SEED_000.name, SEED_000.read_bytes())[1]
    findings = table.validate_collection([dict(record, views=-3)], RULES)
    assert [(f.code, f.path, f.line) for f in findings] == [("KZ203", SEED_000.name, 12)]


def test_a_wrong_type_or_an_extra_column_is_one_clear_error() -> None:
    frame = table.collection_frame(dump_records(SEED_000.name, SEED_000.read_bytes()))
    wrong = frame.with_columns(pl.col("views").cast(pl.String))
    with pytest.raises(table.CollectionContractError, match="column 'views'") as raised:
        table.validate_frame(wrong, RULES)
    assert "\n" not in str(raised.value)
    with pytest.raises(table.CollectionContractError, match="extra"):
        table.validate_frame(frame.with_columns(extra=pl.lit(1)), RULES)


def test_a_value_that_does_not_fit_its_column_is_one_clear_error() -> None:
    record = dump_records(SEED_000.name, SEED_000.read_bytes())[0]
    with pytest.raises(table.CollectionContractError, match="column types"):
        table.collection_frame([dict(record, views=10**30)])


def test_importing_the_contract_package_loads_no_dataframe_library() -> None:
    code = (
        "import sys; import kzvalidate.contract, kzvalidate.rules, kzvalidate.check.run; "
        "print(sorted({'pandas', 'pandera', 'polars', 'pyarrow'} & set(sys.modules)))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert done.stdout.strip() == "[]"
    loaded = "from kzvalidate.contract import table; print(table.collection_schema().name)"
    done = subprocess.run(
        [sys.executable, "-c", loaded], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert done.stdout.strip() == "article collection"
