"""The one dump writer: parsed blocks back to their exact bytes, and article records to the dump
text a dialect writes for them (the inverse of parsing a valid article)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from kzvalidate.dump.blocks import Block
from kzvalidate.dump.dialect import Dialect
from kzvalidate.dump.dialects import DEFAULT


def render(blocks: Iterable[Block]) -> bytes:
    """The exact bytes the blocks were parsed from."""
    return b"".join(line.raw for block in blocks for line in block.lines)


def render_header(day: date, time: str, views: int | str, dialect: Dialect = DEFAULT) -> str:
    """The header line of an article published on ``day`` at ``time`` (``HH:MM``)."""
    hour, minute = time.split(":")
    return dialect.render_header((day.year, day.month, day.day), (int(hour), int(minute)), views)


def render_record(record: Mapping[str, Any], dialect: Dialect = DEFAULT) -> str:
    """The dump text of one valid article record (``date``, ``time``, ``views``, ``title``,
    optional ``image_credit``, ``body``, ``footer``), one line each, ending with a line break."""
    lines = [
        render_header(date.fromisoformat(record["date"]), record["time"], record["views"], dialect),
        record["title"],
    ]
    if "image_credit" in record:
        lines.append(dialect.credit_label + record["image_credit"])
    lines.extend(record["body"])
    lines.append(record["footer"])
    return "\n".join(lines) + "\n"


def render_dump(records: Iterable[Mapping[str, Any]], dialect: Dialect = DEFAULT) -> str:
    """The dump text of several records, one article after another."""
    return "".join(render_record(record, dialect) for record in records)
