"""The collection contract 2.0.0: the pandera model of a table of articles, one row per article.

The rows are :func:`kzvalidate.contract.collection.collection_row` of the article records, in run
order (files in the order given, articles in file order); the columns are
:data:`~kzvalidate.contract.collection.COLUMNS`, typed and strict. Besides the column constraints,
the model states what only a collection can, with the same definitions (the content hash, the title
key, :func:`~kzvalidate.contract.collection.out_of_order`) and the same meaning as the streaming
rules of ``lint``; each check is named by its rule, ``kz501_duplicate_article`` for KZ501
duplicate-article:

* KZ501: a row whose content hash an earlier row has (the first is the original);
* KZ502: a row with the title key of an earlier row and a content hash not seen with that key;
* KZ503: a row that breaks the newest-first order of its file (its ``path``);
* KZ504: a row published after the day its file was crawled, or after now.

:func:`validate_collection` validates with ``lazy=True`` and maps every failure case back to a
:class:`~kzvalidate.model.Finding` at the row's path and line, naming the row it collides with in
the words of the lint rule. A table that does not have the contract's columns and types is not a
finding but a :class:`CollectionContractError`, one line that says what is wrong.

The backend is pandera's polars one: on a million rows it builds the table about 6 times and
validates it about 3 times as fast as the pandas backend (``benchmarks/bench_collection.py``), and
polars has real date and time types.
polars and pandera are heavy, so this module is never imported on the lint path: import it as
``from kzvalidate.contract import table`` (``import kzvalidate.contract`` does not load it). They
come with ``pip install 'kzvalidate[collection]'``.

The checks are registered with pandera's extension API (:func:`register_checks`), so the model
serialises to pandera's YAML and reads back with ``pandera.io.polars_io.from_yaml`` once they are
registered.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any, Protocol

import pandera.polars as pa
import polars as pl
from pandera.api.extensions import register_check_method
from pandera.api.polars.types import PolarsData
from pandera.errors import SchemaErrors

from kzvalidate.contract.collection import HASH_BYTES, collection_row, out_of_order_times
from kzvalidate.contract.record import ZONE
from kzvalidate.dump.dialect import Dialect
from kzvalidate.dump.dialects import DEFAULT
from kzvalidate.model import Finding, Severity

VERSION = "2.0.0"
MOMENT = pl.Datetime("us", ZONE)


class RuleInfo(Protocol):
    """What a finding takes from the rule a check stands for (a rule of the registry)."""

    @property
    def code(self) -> str: ...

    @property
    def name(self) -> str: ...

    @property
    def severity(self) -> Severity: ...


@dataclass(frozen=True, slots=True)
class ColumnSpec:
    """One column of the model: its polars type, whether it may be null, what it holds, and the
    makers of its column checks."""

    dtype: pl.DataType
    nullable: bool
    description: str
    checks: tuple[Callable[[], pa.Check], ...] = ()


def _non_negative() -> pa.Check:
    return pa.Check.ge(0)


def _positive() -> pa.Check:
    return pa.Check.ge(1)


def _hex_digest() -> pa.Check:
    return pa.Check.str_matches(rf"^[0-9a-f]{{{2 * HASH_BYTES}}}$")


def _negative_views() -> pa.Check:
    return pa.Check.ge(0, name="kz203_negative_views", error="kz203_negative_views(0)")


COLUMN_SPECS: dict[str, ColumnSpec] = {
    "path": ColumnSpec(pl.String(), False, "the file the article was read from"),
    "line": ColumnSpec(pl.Int64(), False, "the line of its header (1-based)", (_positive,)),
    "published": ColumnSpec(
        MOMENT, True, f"date and time of the header as a moment in {ZONE}; null if not real"
    ),
    "date": ColumnSpec(pl.Date(), True, "the header's date; null if not a calendar date"),
    "time": ColumnSpec(pl.Time(), True, "the header's time; null if not a time of day"),
    "views": ColumnSpec(
        pl.Int64(), True, "the view counter; null if missing or not a number", (_negative_views,)
    ),
    "title": ColumnSpec(pl.String(), True, "the title line; null if missing"),
    "image_credit": ColumnSpec(pl.String(), True, "the source of the image credit, if any"),
    "footer_present": ColumnSpec(pl.Boolean(), False, "whether the article has a footer line"),
    "paragraphs": ColumnSpec(pl.Int64(), False, "body paragraphs", (_non_negative,)),
    "figures": ColumnSpec(pl.Int64(), False, "figures read in title and body", (_non_negative,)),
    "content_hash": ColumnSpec(
        pl.String(),
        True,
        "hash of the title and body, blanks and quotes folded; null without text",
        (_hex_digest,),
    ),
    "title_key": ColumnSpec(
        pl.String(), True, "folded title and publication moment; null if either is missing"
    ),
    "crawled": ColumnSpec(pl.Date(), True, "the day the file says it was crawled, if it does"),
}
DTYPES: dict[str, pl.DataType] = {name: spec.dtype for name, spec in COLUMN_SPECS.items()}


class CollectionContractError(ValueError):
    """The table does not have the contract's columns and types (or a value does not fit them)."""


# -- the collection checks: which rows fail, and which row each collides with ---------------------


def _copies(key: str) -> pl.Expr:
    """Rows whose ``key`` an earlier row has (a null key is never a copy)."""
    return pl.col(key).is_not_null() & pl.col(key).is_first_distinct().not_()


def _versions_key(key: str, text: str) -> pl.Expr:
    """``key`` where both ``key`` and ``text`` are known, else null."""
    known = pl.col(key).is_not_null() & pl.col(text).is_not_null()
    return pl.when(known).then(pl.col(key)).alias("versions_key")


def _changes(key: str, text: str) -> pl.Expr:
    """Rows with the key of an earlier row and a text not seen before with that key."""
    keyed = _versions_key(key, text)
    new_text = pl.struct(keyed, pl.col(text)).is_first_distinct()
    return keyed.is_not_null() & keyed.is_first_distinct().not_() & new_text


def _after_crawl(day: str, crawled: str) -> pl.Expr:
    return (
        pl.col(day).is_not_null() & pl.col(crawled).is_not_null() & (pl.col(day) > pl.col(crawled))
    )


def _in_future(moment: str, now: datetime) -> pl.Expr:
    return pl.col(moment).is_not_null() & (pl.col(moment) > pl.lit(now).dt.convert_time_zone(ZONE))


@dataclass(frozen=True, slots=True)
class OrderBreach:
    other: int
    """The row it is out of order with."""
    newer: bool
    """True when this row is newer than the older row ``other`` before it."""


def _order_breaches(
    frame: pl.DataFrame, group: str, moment: str, text: str
) -> dict[int, OrderBreach]:
    """The rows that break the newest-first order of their ``group``, by row. A copy of an
    earlier row of its group (same ``text``) is left out: where a copy stands says nothing about
    the order (:func:`~kzvalidate.contract.collection.first_copies`)."""
    copy = pl.col(text).is_not_null() & pl.struct(group, text).is_first_distinct().not_()
    instants = pl.when(copy.not_()).then(pl.col(moment).dt.epoch("us")).alias(moment)
    groups = (
        frame.select(pl.col(group), instants)
        .with_row_index("row")
        .group_by(group, maintain_order=True)
        .agg(pl.col("row"), pl.col(moment))
    )
    found: dict[int, OrderBreach] = {}
    for rows, times in groups.select("row", moment).iter_rows():
        for breach in out_of_order_times(times):
            found[rows[breach.index]] = OrderBreach(rows[breach.other], breach.newer)
    return found


def _passes(data: PolarsData, fails: pl.Expr) -> pl.LazyFrame:
    return data.lazyframe.select(fails.not_().alias("passes"))


def kz501_duplicate_article(data: PolarsData, *, key: str) -> pl.LazyFrame:
    """KZ501 duplicate-article: no row repeats the ``key`` (content hash) of an earlier row."""
    return _passes(data, _copies(key))


def kz502_changed_article(data: PolarsData, *, key: str, text: str) -> pl.LazyFrame:
    """KZ502 changed-article: no row has the ``key`` (title key) of an earlier row with a ``text``
    (content hash) not seen before with that key."""
    return _passes(data, _changes(key, text))


def kz503_out_of_order(data: PolarsData, *, group: str, moment: str, text: str) -> pl.LazyFrame:
    """KZ503 out-of-order: the rows of each ``group`` (file) stand newest first by ``moment``,
    but for the fewest rows (:func:`~kzvalidate.contract.collection.out_of_order`); copies of an
    earlier row of the group (same ``text``) are left out."""
    frame = data.lazyframe.select(group, moment, text).collect()
    breaking = pl.Series(sorted(_order_breaches(frame, group, moment, text)), dtype=pl.UInt32)
    return _passes(data, pl.int_range(pl.len(), dtype=pl.UInt32).is_in(breaking.implode()))


def kz504_published_after_crawl(
    data: PolarsData, *, day: str, moment: str, crawled: str
) -> pl.LazyFrame:
    """KZ504 published-after-crawl: no row's ``day`` (its header's date) is after its ``crawled``
    day, and no ``moment`` is after now."""
    fails = _after_crawl(day, crawled) | _in_future(moment, datetime.now(UTC))
    return _passes(data, fails)


CHECKS: dict[str, Callable[..., pl.LazyFrame]] = {
    "KZ501": kz501_duplicate_article,
    "KZ502": kz502_changed_article,
    "KZ503": kz503_out_of_order,
    "KZ504": kz504_published_after_crawl,
}
"""The collection checks by the code of the rule they stand for."""
STATISTICS: dict[str, dict[str, str]] = {
    "KZ501": {"key": "content_hash"},
    "KZ502": {"key": "title_key", "text": "content_hash"},
    "KZ503": {"group": "path", "moment": "published", "text": "content_hash"},
    "KZ504": {"day": "date", "moment": "published", "crawled": "crawled"},
}
"""The columns each check reads, as its pandera statistics (serialised with the model)."""
COLUMN_RULES = {"kz203_negative_views": "KZ203"}
"""Column checks that stand for a rule: a failing row is that rule's finding."""


@functools.cache
def register_checks() -> None:
    """Register the collection checks with pandera (once), as ``Check.kz501_duplicate_article``
    and so on: the model is built from them, and its YAML reads back only once they are."""
    for code, check in CHECKS.items():
        register_check_method(statistics=list(STATISTICS[code]))(check)


@functools.cache
def collection_schema() -> pa.DataFrameSchema:
    """The collection model (pandera, polars backend)."""
    register_checks()
    columns = {
        name: pa.Column(
            spec.dtype,
            [make() for make in spec.checks],
            nullable=spec.nullable,
            description=spec.description,
        )
        for name, spec in COLUMN_SPECS.items()
    }
    checks = [
        getattr(pa.Check, check.__name__)(**STATISTICS[code]) for code, check in CHECKS.items()
    ]
    return pa.DataFrameSchema(
        columns,
        checks=checks,
        strict=True,
        name="article collection",
        title=f"kzvalidate collection contract {VERSION}",
        description="One row per article of a run, in run order (kzvalidate.contract.table).",
    )


def collection_frame(records: Iterable[Mapping[str, Any]]) -> pl.DataFrame:
    """The table of the article records (``article.schema.json``), one typed row per record."""
    rows = [collection_row(record) for record in records]
    try:
        return pl.DataFrame(rows, schema=DTYPES)
    except (OverflowError, TypeError, pl.exceptions.PolarsError) as error:
        raise CollectionContractError(
            f"the records do not fit the collection contract {VERSION}'s column types: {error}"
        ) from error


def validate_collection(
    records: Iterable[Mapping[str, Any]],
    rules: Mapping[str, RuleInfo],
    dialect: Dialect = DEFAULT,
) -> list[Finding]:
    """The findings of the collection contract on the records, by path, line and code. ``rules``
    is the rule registry (``kzvalidate.rules.RULES``): the findings take their names and
    severities from it; ``dialect`` writes the dates in the messages."""
    return validate_frame(collection_frame(records), rules, dialect)


def validate_frame(
    frame: pl.DataFrame, rules: Mapping[str, RuleInfo], dialect: Dialect = DEFAULT
) -> list[Finding]:
    """:func:`validate_collection` of a table already built (or read from elsewhere)."""
    try:
        collection_schema().validate(frame, lazy=True)
    except SchemaErrors as errors:
        cases = _cases(errors.failure_cases)
    else:
        return []
    unexplained = [case for case in cases if _code(case) is None]
    if unexplained:
        raise CollectionContractError(_contract_failure(unexplained))
    failing: dict[str, list[int]] = {}
    for case in cases:
        code = _code(case)
        assert code is not None and case.row is not None
        failing.setdefault(code, []).append(case.row)
    findings = [
        _finding(frame, row, rules[code], said)
        for code, rows in failing.items()
        for row, said in _EXPLAIN[code](frame, sorted(set(rows)), dialect).items()
    ]
    findings.sort(key=lambda finding: (finding.path, finding.line, finding.code))
    return findings


# -- failure cases back to findings ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Case:
    """One failure case of pandera: the check, the column (None for a table check), the row
    (None for a failure of the whole table) and the failing value."""

    check: str
    column: str | None
    row: int | None
    value: str | None


def _cases(failure_cases: Any) -> list[Case]:
    table = pl.DataFrame(failure_cases).select(
        pl.col("check").cast(pl.String),
        pl.col("column").cast(pl.String),
        pl.col("index").cast(pl.Int64),
        pl.col("failure_case").cast(pl.String),
    )
    return [Case(*row) for row in table.iter_rows()]


def _code(case: Case) -> str | None:
    """The rule a failure case is a finding of, None when it is a failure of the table itself."""
    if case.row is None:
        return None
    name = case.check.partition("(")[0]  # pandera shows the check with its statistics
    for code, check in CHECKS.items():
        if name == check.__name__:
            return code
    return COLUMN_RULES.get(name)


def _contract_failure(cases: Sequence[Case], shown: int = 5) -> str:
    parts = [
        f"{'column ' + repr(case.column) if case.column else 'the table'} fails {case.check}"
        + ("" if case.value is None else f" ({_first_line(case.value)})")
        for case in cases[:shown]
    ]
    if len(cases) > shown:
        parts.append(f"and {len(cases) - shown} more")
    return f"the table does not match the collection contract {VERSION}: " + "; ".join(parts)


def _first_line(text: str, width: int = 120) -> str:
    first = text.strip().splitlines()[0] if text.strip() else ""
    return first if len(first) <= width else first[: width - 1] + "\u2026"


@dataclass(frozen=True, slots=True)
class Said:
    message: str
    hint: str


Explain = Callable[[pl.DataFrame, list[int], Dialect], dict[int, Said]]


def _finding(frame: pl.DataFrame, row: int, rule: RuleInfo, said: Said) -> Finding:
    path, line = frame["path"][row], frame["line"][row]
    return Finding(
        path=path,
        line=line,
        column=1,
        end_line=line,
        end_column=1,
        code=rule.code,
        name=rule.name,
        severity=rule.severity,
        message=said.message,
        hint=said.hint,
    )


def _where(path: str, line: int, here: str) -> str:
    """``line 12``, or ``line 12 of other.txt`` when the other row is of another file."""
    return f"line {line}" if path == here else f"line {line} of {path}"


def _moment(day: date, clock: time, dialect: Dialect) -> str:
    """A header's date and time as the dump writes them: ``03.03.2026 19:00``."""
    written = dialect.canonical_date((day.year, day.month, day.day))
    return f"{written} {dialect.canonical_time((clock.hour, clock.minute))}"


def _originals(frame: pl.DataFrame, rows: list[int], key: pl.Expr) -> pl.DataFrame:
    """The failing rows with the path and line of the first row of their ``key``."""
    return (
        frame.with_row_index("row")
        .with_columns(
            pl.col("path").first().over(key).alias("original_path"),
            pl.col("line").first().over(key).alias("original_line"),
        )
        .filter(pl.col("row").is_in(pl.Series(rows, dtype=pl.UInt32).implode()))
    )


def _explain_duplicates(frame: pl.DataFrame, rows: list[int], dialect: Dialect) -> dict[int, Said]:
    hint = "delete this copy and keep the first one; a re-crawl wrote the article twice"
    originals = _originals(frame, rows, pl.col(STATISTICS["KZ501"]["key"]))
    return {
        row["row"]: Said(
            "this article repeats the article at "
            + _where(row["original_path"], row["original_line"], row["path"]),
            hint,
        )
        for row in originals.iter_rows(named=True)
    }


def _explain_changes(frame: pl.DataFrame, rows: list[int], dialect: Dialect) -> dict[int, Said]:
    hint = "keep the version that is right and delete the other, or crawl the article again"
    originals = _originals(frame, rows, _versions_key(**STATISTICS["KZ502"]))
    return {
        row["row"]: Said(
            "same title and time as the article at "
            + _where(row["original_path"], row["original_line"], row["path"])
            + ", but a different text: the article changed between two crawls",
            hint,
        )
        for row in originals.iter_rows(named=True)
    }


def _explain_order(frame: pl.DataFrame, rows: list[int], dialect: Dialect) -> dict[int, Said]:
    hint = "move the article to where its time belongs, or correct its date and time"
    group = STATISTICS["KZ503"]["group"]
    paths = frame[group].gather(rows).unique()
    breaches = _order_breaches(
        frame.filter(pl.col(group).is_in(paths.implode())), **STATISTICS["KZ503"]
    )
    positions = frame.with_row_index("row").filter(pl.col(group).is_in(paths.implode()))["row"]
    said: dict[int, Said] = {}
    for position, breach in breaches.items():
        here = frame.row(positions[position], named=True)
        other = frame.row(positions[breach.other], named=True)
        when = _moment(here["date"], here["time"], dialect)
        then = _moment(other["date"], other["time"], dialect)
        relation = "after the older" if breach.newer else "before the newer"
        message = (
            f"published {when}, {relation} article at line {other['line']} ({then})"
            ": the file is not newest first"
        )
        said[positions[position]] = Said(message, hint)
    return said


def _explain_dates(frame: pl.DataFrame, rows: list[int], dialect: Dialect) -> dict[int, Said]:
    said: dict[int, Said] = {}
    for row in rows:
        values = frame.row(row, named=True)
        day, crawled = values["date"], values["crawled"]
        if crawled is not None and day > crawled:
            written = dialect.canonical_date((day.year, day.month, day.day))
            said[row] = Said(
                f"published {written}, after the day the file says it was crawled "
                f"({crawled.isoformat()})",
                "check the header's day and month; a later article was pasted in from another "
                "crawl",
            )
        else:
            said[row] = Said(
                f"published {_moment(day, values['time'], dialect)}, which is in the future",
                "check the header's date, in particular its year",
            )
    return said


def _explain_views(frame: pl.DataFrame, rows: list[int], dialect: Dialect) -> dict[int, Said]:
    return {
        row: Said(
            f"the view count {frame['views'][row]} is negative",
            "a view counter counts from 0; check how the scraper read it",
        )
        for row in rows
    }


_EXPLAIN: dict[str, Explain] = {
    "KZ501": _explain_duplicates,
    "KZ502": _explain_changes,
    "KZ503": _explain_order,
    "KZ504": _explain_dates,
    "KZ203": _explain_views,
}
