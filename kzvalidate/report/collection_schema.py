"""``kzvalidate schema`` of the collection contract (:mod:`kzvalidate.contract.table`): pandera's
own YAML of the model, and Markdown tables of its columns and checks, generated from the model
and the rule registry. Imported only for these formats: it loads polars and pandera.
"""

from __future__ import annotations

from typing import TextIO

import pandera.io.polars_io as pandera_yaml

from kzvalidate.contract import table
from kzvalidate.dump.dialect import Dialect
from kzvalidate.report.schema import (
    chosen_contracts,
    inline_code,
    markdown_table,
)
from kzvalidate.rules import RULES

YAML_HEADER = """\
# kzvalidate collection contract {version}: the pandera model (polars backend) of a table of
# articles, one row per article in run order (files in the order given, articles in file
# order), as written by pandera.io.polars_io.to_yaml.
#
# What is here: every column with its dtype, nullability and built-in checks, strictness, and
# the collection checks by their registered names with the columns they read as statistics.
# What is not: the collection checks' code. They are kzvalidate's, registered with pandera's
# extension API; to read this file back, call
#     from kzvalidate.contract import table; table.register_checks()
# before pandera.io.polars_io.from_yaml. Nor is which rule each check stands for, with what
# severity and message: kzvalidate.contract.table.validate_frame maps failures to findings.
{checks}
"""


def write_pandera_yaml(out: TextIO, contract: str | None, dialect: Dialect) -> None:
    """The collection model in pandera's YAML, with a header saying what it holds."""
    chosen_contracts(contract, ["collection"], "pandera-yaml")
    checks = "\n".join(
        f"#   {check.__name__}: {rule_code} {RULES[rule_code].name} ({RULES[rule_code].severity})"
        for rule_code, check in table.CHECKS.items()
    )
    out.write(YAML_HEADER.format(version=table.VERSION, checks="#\n# The checks:\n" + checks))
    out.write(pandera_yaml.to_yaml(table.collection_schema()))


def collection_markdown() -> str:
    schema = table.collection_schema()
    columns = [
        [
            f"`{name}`",
            str(column.dtype),
            "yes" if column.nullable else "no",
            "; ".join(_check_text(check) for check in column.checks),
            ", ".join(_column_rules(name, [check.name for check in column.checks])),
            column.description or "",
        ]
        for name, column in schema.columns.items()
    ]
    checks = [
        [
            f"`{check.__name__}`",
            f"{rule_code} {RULES[rule_code].name}",
            str(RULES[rule_code].severity),
            ", ".join(f"`{column}`" for column in table.STATISTICS[rule_code].values()),
            RULES[rule_code].doc.strip().splitlines()[0],
        ]
        for rule_code, check in table.CHECKS.items()
    ]
    strict = "strict: no other column" if schema.strict else "not strict"
    return (
        f"## Collection contract {table.VERSION} (pandera, polars backend; {strict})\n\n"
        + markdown_table(
            ["Column", "Type", "Nullable", "Constraints", "Rules", "Description"], columns
        )
        + "\n"
        + markdown_table(["Check", "Rule", "Severity", "Reads", "Summary"], checks)
    )


def _check_text(check: object) -> str:
    name = getattr(check, "name", "")
    statistics = getattr(check, "statistics", None) or {}
    arguments = ", ".join(f"{key}={value}" for key, value in statistics.items())
    return inline_code(f"{name}({arguments})")


def _column_rules(column: str, check_names: list[str]) -> list[str]:
    """The rules a column's checks and the collection checks that read it stand for."""
    own = [table.COLUMN_RULES[name] for name in check_names if name in table.COLUMN_RULES]
    reading = [rule_code for rule_code, read in table.STATISTICS.items() if column in read.values()]
    return [f"{rule} {RULES[rule].name}" for rule in [*own, *reading]]
