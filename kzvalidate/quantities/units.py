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


SYMBOLS: Mapping[str, str] = {
    "milligram": "mg",
    "gram": "g",
    "kilogram": "kg",
    "metric_ton": "t",
    "pound": "lb",
    "ounce": "oz",
    "millimeter": "mm",
    "centimeter": "cm",
    "meter": "m",
    "kilometer": "km",
    "mile": "mi",
    "foot": "ft",
    "foot ** 2": "sq ft",
    "meter ** 2": "m²",
    "kilometer ** 2": "km²",
    "hectare": "ha",
    "meter ** 3": "m³",
    "1e9 * meter ** 3": "bcm",
    "milliliter": "ml",
    "liter": "l",
    "gallon": "gal",
    "oil_barrel": "bbl",
    "joule": "J",
    "kilowatt_hour": "kWh",
    "megawatt_hour": "MWh",
    "gigawatt_hour": "GWh",
    "terawatt_hour": "TWh",
    "gigacalorie": "Gcal",
    "watt": "W",
    "kilowatt": "kW",
    "megawatt": "MW",
    "gigawatt": "GW",
    "meter / second": "m/s",
    "kilometer / hour": "km/h",
    "mile / hour": "mph",
    "percent": "%",
    "percentage_point": "pp",
    "tenge": "tenge",
    "US_dollar": "USD",
    "euro": "EUR",
    "ruble": "RUB",
    "yuan": "CNY",
    "pound_sterling": "GBP",
    "twenty_foot_equivalent_unit": "TEU",
    "job": "jobs",
    "person": "people",
}
"""Each unit of the table (pint's name) as people write it: the one place that knows both. A
test keeps it complete."""

DIMENSION_WORDS: Mapping[str, str] = {
    "mass": "a mass",
    "length": "a length",
    "area": "an area",
    "volume": "a volume",
    "energy": "an amount of energy",
    "power": "a power",
    "speed": "a speed",
    "share": "a percentage",
    "percentage-point": "a difference in percentage points",
    "currency-KZT": "money in tenge",
    "currency-USD": "money in US dollars",
    "currency-EUR": "money in euros",
    "currency-RUB": "money in rubles",
    "currency-CNY": "money in yuan",
    "currency-GBP": "money in pounds sterling",
    "containers": "a number of containers",
    "jobs": "a number of jobs",
    "people": "a number of people",
}
"""What a figure of each dimension (``units.toml``'s names) measures, in words for a message."""


def with_symbol(amount: str, unit: str) -> str:
    """An amount written with its unit's symbol: ``881.5 kg``, ``8%``."""
    shown = symbol(unit)
    return f"{amount}{shown}" if shown in _GLUED else f"{amount} {shown}"


_GLUED = frozenset({"%"})
"""Symbols written right after the number, with no space."""


def symbol(unit: str) -> str:
    """The unit as people write it: ``metric_ton`` is ``t``. A unit missing from
    :data:`SYMBOLS` is shown with spaces for underscores."""
    return SYMBOLS.get(unit) or unit.replace("_", " ")


def dimension_words(dimension: str) -> str:
    """What a figure of ``dimension`` measures: ``mass`` is ``a mass``."""
    return DIMENSION_WORDS.get(dimension) or dimension


def load_table(folder: Path | None = None) -> UnitTable:
    """The compiled unit table (``contracts/units.json``)."""
    return _shipped_table() if folder is None else _load(folder)


@functools.cache
def _shipped_table() -> UnitTable:
    """The shipped table, kept apart: the figure reader asks for it once a paragraph, and
    hashing the folder's path for :func:`_load` each time cost more than the lookup."""
    return _load(contracts_dir())


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
    import argparse  # lazy: the linter reads the table without this command (issue 12)

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
