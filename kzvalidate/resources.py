"""Where the bundled contract files are, and reading them. Imports nothing from kzvalidate.

The contracts (JSON Schemas, unit and vocabulary tables) are data shipped with the package: in an
installed wheel they sit in ``kzvalidate/contracts``, in a source checkout in ``contracts/``.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

ARTICLE_SCHEMA = "article.schema.json"
REPORT_SCHEMA = "report.schema.json"
CONFIG_SCHEMA = "config.schema.json"
BASELINE_SCHEMA = "baseline.schema.json"


@functools.cache
def contracts_dir() -> Path:
    """The shipped contracts: in the installed package, else the source tree's ``contracts/``.

    Found from this module's own path, the package's folder: ``importlib.resources`` gives the
    same folder for a package on disk and costs four milliseconds to import (issue 12)."""
    packaged = Path(__file__).parent / "contracts"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "contracts"


@functools.cache
def load_schema(name: str) -> Mapping[str, Any]:
    """A bundled JSON document (a schema or a table), read once."""
    with (contracts_dir() / name).open(encoding="utf-8") as handle:
        schema: Mapping[str, Any] = json.load(handle)
    return schema
