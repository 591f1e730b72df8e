"""Units as kzvalidate reads them in news text, with pint's definitions and conversions.

``contracts/units.toml`` lists how text writes units (``kg``, ``tons``, ``$``, ``KZT``), scales
(``million``, ``bln``) and the unit each dimension is recorded in; ``contracts/units.txt`` adds
the project's own units to pint's registry (currencies, TEU, jobs, people, percentage points).
pint compiles both into ``contracts/units.json``: for each written form, its pint unit, its
dimension and the factor to that dimension's unit. The linter reads only the compiled table, so
checking a file never imports pint (about half a second); a test recompiles the table with pint
and compares.

    python -m kzvalidate.quantities.units           # recompile contracts/units.json
    python -m kzvalidate.quantities.units --check   # exit 1 if it is out of date
"""

from __future__ import annotations

import argparse
import functools
import json
import math
import sys
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kzvalidate.resources import contracts_dir

VOCABULARY_FILE = "units.toml"
DEFINITIONS_FILE = "units.txt"
TABLE_FILE = "units.json"
TABLE_VERSION = "1.0.0"


@dataclass(frozen=True, slots=True)
class Unit:
    """One written form of a unit."""

    written: str
    unit: str
    """The pint unit expression it means (``metric_ton``, ``kilometer ** 2``)."""
    dimension: str
    """The dimension's name in ``units.toml`` (``mass``, ``currency-KZT``)."""
    factor: float
    """How many of the dimension's unit one of this unit is."""


@dataclass(frozen=True, slots=True)
class UnitTable:
    dimensions: Mapping[str, str]
    """Dimension name to the unit its values are recorded in."""
    units: Mapping[str, Unit]
    prefixes: Mapping[str, Unit]
    multipliers: Mapping[str, float]
    money_multipliers: Mapping[str, float]
    counted_adjectives: frozenset[str]

    def unit(self, written: str) -> Unit | None:
        """The unit written after a number; a form listed in lower case also matches when
        capitalised or in capitals."""
        found = self.units.get(written)
        if found is None and not written.islower():
            lowered = self.units.get(written.lower())
            if lowered is not None and lowered.written.islower():
                return lowered
        return found

    def base_unit(self, dimension: str) -> str:
        return self.dimensions[dimension]


def load_table(folder: Path | None = None) -> UnitTable:
    """The compiled unit table (``contracts/units.json``)."""
    return _load(folder or contracts_dir())


@functools.cache
def _load(folder: Path) -> UnitTable:
    with (folder / TABLE_FILE).open(encoding="utf-8") as handle:
        data = json.load(handle)

    def units(table: Mapping[str, Sequence[Any]]) -> dict[str, Unit]:
        return {
            written: Unit(written, unit, dimension, float(factor))
            for written, (unit, dimension, factor) in table.items()
        }

    return UnitTable(
        dimensions=data["dimensions"],
        units=units(data["units"]),
        prefixes=units(data["prefixes"]),
        multipliers=data["multipliers"],
        money_multipliers=data["money_multipliers"],
        counted_adjectives=frozenset(data["counted_adjectives"]),
    )


# -- compiling with pint ------------------------------------------------------------------------


def compile_table(folder: Path | None = None) -> dict[str, Any]:
    """The table, computed by pint from ``units.toml`` and ``units.txt``."""
    import pint  # lazy: ~500 ms; only to compile the table, never on the lint path

    folder = folder or contracts_dir()
    registry: Any = pint.UnitRegistry(cache_folder=None)
    registry.load_definitions(str(folder / DEFINITIONS_FILE))
    with (folder / VOCABULARY_FILE).open("rb") as handle:
        vocabulary = tomllib.load(handle)
    bases = {
        name: registry.parse_expression(unit) for name, unit in vocabulary["dimensions"].items()
    }

    def compiled(expression: str) -> list[Any]:
        quantity = registry.parse_expression(expression)
        matches = [
            name for name, base in bases.items() if base.dimensionality == quantity.dimensionality
        ]
        if len(matches) != 1:
            raise ValueError(f"{expression!r}: no single dimension in {VOCABULARY_FILE} fits it")
        (name,) = matches
        factor = float(quantity.to(bases[name].units).magnitude) / float(bases[name].magnitude)
        return [expression, name, factor]

    return {
        "version": TABLE_VERSION,
        "generated_by": f"pint {pint.__version__}",
        "dimensions": vocabulary["dimensions"],
        "units": {written: compiled(unit) for written, unit in vocabulary["units"].items()},
        "prefixes": {written: compiled(unit) for written, unit in vocabulary["prefixes"].items()},
        "multipliers": vocabulary["multipliers"],
        "money_multipliers": vocabulary["money-multipliers"],
        "counted_adjectives": vocabulary["counted-unit-adjectives"]["words"],
    }


def same_table(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    """Equal but for the pint version and for factors within floating-point rounding."""

    def close(x: Any, y: Any) -> bool:
        if isinstance(x, float) or isinstance(y, float):
            return (
                isinstance(x, int | float)
                and isinstance(y, int | float)
                and math.isclose(x, y, rel_tol=1e-12)
            )
        if isinstance(x, Mapping) and isinstance(y, Mapping):
            return x.keys() == y.keys() and all(close(x[key], y[key]) for key in x)
        if isinstance(x, list) and isinstance(y, list):
            return len(x) == len(y) and all(map(close, x, y))
        return bool(x == y)

    keys = set(a) | set(b)
    return all(close(a.get(key), b.get(key)) for key in keys - {"generated_by"})


def table_json(table: Mapping[str, Any]) -> str:
    """The table as JSON with one entry a line, so that a change shows as a one-line diff."""

    def block(value: Any) -> str:
        if not isinstance(value, Mapping):
            return json.dumps(value, ensure_ascii=False)
        rows = [
            f"    {json.dumps(k, ensure_ascii=False)}: {json.dumps(v, ensure_ascii=False)}"
            for k, v in value.items()
        ]
        return "{\n" + ",\n".join(rows) + "\n  }"

    body = ",\n".join(f"  {json.dumps(key)}: {block(value)}" for key, value in table.items())
    return "{\n" + body + "\n}\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m kzvalidate.quantities.units",
        description=__doc__.splitlines()[0] if __doc__ else None,
    )
    parser.add_argument("--check", action="store_true", help="exit 1 if units.json is out of date")
    args = parser.parse_args(argv)
    folder = contracts_dir()
    table = compile_table(folder)
    path = folder / TABLE_FILE
    if args.check:
        current = json.loads(path.read_text(encoding="utf-8"))
        if not same_table(current, table):
            sys.stderr.write(f"{path} is out of date: run python -m kzvalidate.quantities.units\n")
            return 1
        return 0
    path.write_text(table_json(table), encoding="utf-8")
    sys.stdout.write(f"wrote {path}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
