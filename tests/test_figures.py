"""Figures: what is read as a quantity, with which value, and the unit table pint compiles."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pint
import pytest
from hypothesis import given
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from kzvalidate.check.engine import Linter
from kzvalidate.contract.record import article_record
from kzvalidate.dump.blocks import Article
from kzvalidate.dump.parser import parse_bytes
from kzvalidate.model import Severity
from kzvalidate.quantities.comparisons import least, lower_bound_ceiling, most
from kzvalidate.quantities.figures import figures_in
from kzvalidate.quantities.units import (
    DEFINITIONS_FILE,
    DIMENSION_WORDS,
    SYMBOLS,
    compile_table,
    load_table,
    same_table,
)
from kzvalidate.report.docs import explain_text
from kzvalidate.resources import ARTICLE_SCHEMA, load_schema
from kzvalidate.rules import RULES
from tests.helpers import ROOT, SEED_000, SEED_004
from tests.rule_cases import load_case_files
from tests.test_cli import run

Read = tuple[str, float, float | None, str, str]
"""(text, value, upper, pint unit, dimension)."""


def read(text: str) -> list[Read]:
    return [(f.text, f.value, f.upper, f.unit.unit, f.dimension) for f in figures_in(text)]


def seed_figures(path: Path) -> dict[tuple[int, str], tuple[float, str]]:
    """(line, text) -> (value in the dimension's unit, that unit), for every figure of a seed."""
    found: dict[tuple[int, str], tuple[float, str]] = {}
    for block in parse_bytes(path.read_bytes(), str(path)):
        if isinstance(block, Article):
            for figure in article_record(block)["figures"]:
                key = (figure["span"]["line"], figure["text"])
                found[key] = (figure["base_value"], figure["base_unit"])
    return found


def test_seed_000_figures_with_their_base_values() -> None:
    found = seed_figures(SEED_000)
    assert found[(7, "881.5 kg")] == (881.5, "kilogram")
    assert found[(7, "104 kg")] == (104.0, "kilogram")
    assert found[(16, "6")] == (6e9, "kilogram")  # "from 6 to 12 million tons"
    assert found[(16, "12 million tons")] == (12e9, "kilogram")
    assert found[(2, "8%")] == (8.0, "percent")
    assert len(found) == 10  # 11 figures: "5.5" stands twice on line 16


def test_seed_004_figures_with_their_base_values() -> None:
    found = seed_figures(SEED_004)
    assert found[(28, "3.2 tons")] == (3200.0, "kilogram")
    assert found[(28, "7.5 tons")] == (7500.0, "kilogram")
    assert found[(61, "$978 million")] == (978e6, "US_dollar")
    assert found[(63, "$1.5 billion")] == (1.5e9, "US_dollar")
    assert found[(60, "$19.5 billion")] == (19.5e9, "US_dollar")
    assert found[(51, "90%")] == (90.0, "percent")
    assert found[(86, "240,000 TEUs")] == (240_000.0, "twenty_foot_equivalent_unit")
    assert found[(17, "35 km")] == (35_000.0, "meter")
    assert found[(18, "35km")] == (35_000.0, "meter")
    assert found[(60, "8,000 permanent jobs")] == (8000.0, "job")
    assert found[(66, "5,200 people")] == (5200.0, "person")


def test_no_figure_rule_fires_on_the_seeds() -> None:
    figure_rules = [rule for code, rule in RULES.items() if code.startswith("KZ4")]
    for path in (SEED_000, SEED_004):
        result = Linter(figure_rules).lint_bytes(path.read_bytes(), str(path))
        assert result.error is None
        assert [(f.line, f.code, f.message) for f in result.findings] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("KZT150mln", [("KZT150mln", 150e6, None, "tenge", "currency-KZT")]),
        ("$2.1bln", [("$2.1bln", 2.1e9, None, "US_dollar", "currency-USD")]),
        ("KZT 9.8 bln", [("KZT 9.8 bln", 9.8e9, None, "tenge", "currency-KZT")]),
        ("$12bn and $5m", [("$12bn", 12e9, None, "US_dollar", "currency-USD"),
                           ("$5m", 5e6, None, "US_dollar", "currency-USD")]),
        ("€4 million (KZT 2.1 billion)", [("€4 million", 4e6, None, "euro", "currency-EUR"),
                                          ("KZT 2.1 billion", 2.1e9, None, "tenge",
                                           "currency-KZT")]),
        ("3.5-4 million tons", [("3.5-4 million tons", 3.5e6, 4e6, "metric_ton", "mass")]),
        ("5-7%", [("5-7%", 5.0, 7.0, "percent", "share")]),
        ("2,000 hectares, 1.6 bcm", [("2,000 hectares", 2000.0, None, "hectare", "area"),
                                     ("1.6 bcm", 1.6, None, "1e9 * meter ** 3", "volume")]),
        ("100 MW and 5 GWh", [("100 MW", 100.0, None, "megawatt", "power"),
                              ("5 GWh", 5.0, None, "gigawatt_hour", "energy")]),
        ("7 million US dollars, 500 tenge", [
            ("7 million US dollars", 7e6, None, "US_dollar", "currency-USD"),
            ("500 tenge", 500.0, None, "tenge", "currency-KZT")]),
        ("3 percentage points", [("3 percentage points", 3.0, None, "percentage_point",
                                  "percentage-point")]),
        ("5 Tons and 5 TONS", [("5 Tons", 5.0, None, "metric_ton", "mass"),
                               ("5 TONS", 5.0, None, "metric_ton", "mass")]),
    ],
)  # fmt: skip
def test_forms_newsrooms_write(text: str, expected: list[Read]) -> None:
    assert read(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "the 2025-2030 plan, 71 members, 13 regions",  # years and counts have no unit
        "the score (3:1) at 09:30 GMT",  # scores and clock times
        "the ATP 500 event, flight FS7617, KC263, CHP-2, COVID-19",  # models and codes
        "5,5 million tons and 1,30 0 kg and 1.300,5 tons",  # written the wrong way: not guessed
        "on 12.05.2025, version 1.2.3 tons",  # dates and versions
        "12 kgs, 35 kms, 3 t/ha",  # units kzvalidate does not know
    ],
)
def test_what_is_no_quantity(text: str) -> None:
    assert read(text) == []


def test_a_decimal_comma_is_never_read_as_a_larger_number() -> None:
    assert read("from 5,5 to 7 million tons") == [
        ("7 million tons", 7e6, None, "metric_ton", "mass")
    ]


# -- the unit table ------------------------------------------------------------------------------


def test_unit_table_is_what_pint_compiles_from_the_vocabulary() -> None:
    committed = json.loads((ROOT / "contracts" / "units.json").read_text(encoding="utf-8"))
    assert same_table(committed, compile_table()), "run: python -m kzvalidate.quantities.units"


def test_unit_table_converts_as_pint_does() -> None:
    registry: Any = pint.UnitRegistry()
    registry.load_definitions(str(ROOT / "contracts" / DEFINITIONS_FILE))
    table = load_table()
    for written, unit in table.units.items():
        base = registry.parse_expression(table.base_unit(unit.dimension))
        expected = registry.parse_expression(unit.unit).to(base.units).magnitude
        assert unit.factor == pytest.approx(expected / base.magnitude), written
    tons = table.unit("tons")
    assert tons is not None and tons.factor == 1000.0
    assert table.unit("tn") is None


@st.composite
def comparable_pairs(draw: st.DrawFn) -> tuple[tuple[str, str], tuple[str, str]]:
    """Two figures of one dimension, in any two of the units the table reads after a number:
    ((text, pint expression times the number), ...)."""
    table = load_table()
    dimension = draw(st.sampled_from(sorted({unit.dimension for unit in table.units.values()})))
    forms = sorted(written for written, unit in table.units.items() if unit.dimension == dimension)

    def figure() -> tuple[str, str]:
        written = draw(st.sampled_from(forms))
        number = draw(st.integers(1, 10**7)) / draw(st.sampled_from([1, 10, 100]))
        shown = f"{number:,.2f}".rstrip("0").rstrip(".")
        value = shown.replace(",", "")
        return f"{shown} {written}", f"{value} * ({table.units[written].unit})"

    return figure(), figure()


REGISTRY: Any = pint.UnitRegistry()
REGISTRY.load_definitions(str(ROOT / "contracts" / DEFINITIONS_FILE))


@given(comparable_pairs())
def test_part_exceeds_whole_agrees_with_pint(
    pair: tuple[tuple[str, str], tuple[str, str]],
) -> None:
    (whole, whole_quantity), (part, part_quantity) = pair
    text = f"Police seized {whole} of cargo, including {part} of coal."
    dump = f"03.03.2026, 14:12 11421\nTitle\n{text}\n".encode()
    findings = Linter([RULES["KZ402"]]).lint_bytes(dump).findings
    whole_value = REGISTRY.parse_expression(whole_quantity)
    part_value = REGISTRY.parse_expression(part_quantity).to(whole_value.units)
    exceeds = part_value.magnitude > whole_value.magnitude * (1 + 1e-9)
    assert bool(findings) == exceeds, (text, [f.message for f in findings])


# -- qualifiers ---------------------------------------------------------------------------------

Bounds = tuple[float, float | None]
"""(the least, the most) a figure's wording allows, in kilograms; None: no most."""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2.5 tons", (2500.0, 2500.0)),
        ("about 2.5 tons", (2450.0, 2550.0)),
        ("some 3,100 kg", (3050.0, 3150.0)),
        ("roughly 5 million tons", (4.5e9, 5.5e9)),
        ("nearly 3,100 kg", (3050.0, 3100.0)),
        ("up to 5 tons", (0.0, 5000.0)),
        ("more than 2.5 tons", (2500.0, None)),
        ("at least 2 tons", (2000.0, None)),
        ("about 5-6 tons", (4500.0, 6500.0)),
    ],
)
def test_a_qualified_figure_allows_what_news_style_means(text: str, expected: Bounds) -> None:
    [figure] = figures_in(text)
    assert (least(figure), most(figure)) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("text", "ceiling"),
    [("more than 2.5 tons", 2600.0), ("over 2 tons", 3000.0), ("at least 3,100 kg", 3200.0)],
)
def test_a_lower_bound_is_read_as_rounded_down_at_its_last_digit(text: str, ceiling: float) -> None:
    [figure] = figures_in(text)
    assert lower_bound_ceiling(figure) == pytest.approx(ceiling)


WHOLE_QUALIFIERS = {
    "": "stated",
    "nearly ": "stated",
    "almost ": "stated",
    "up to ": "stated",
    "about ": "rounded",
    "around ": "rounded",
    "some ": "rounded",
    "more than ": "lower bound",
    "over ": "lower bound",
    "at least ": "lower bound",
}
"""How each qualifier of a whole bounds it, in news style."""


@given(
    qualifier=st.sampled_from(sorted(WHOLE_QUALIFIERS)),
    tenths=st.integers(1, 999).filter(lambda n: n % 10),
    part_kg=st.integers(1, 120_000),
)
def test_a_qualified_whole_is_compared_with_its_part_by_one_rule(
    qualifier: str, tenths: int, part_kg: int
) -> None:
    whole_kg = tenths * 100  # "12.3 tons": the last digit is 100 kg
    whole = f"{tenths // 10}.{tenths % 10} tons"
    text = f"Police seized {qualifier}{whole} of drugs, including {part_kg:,} kg of heroin."
    dump = f"03.03.2026, 14:12 11421\nTitle\n{text}\n".encode()
    found = Linter([RULES["KZ402"], RULES["KZ408"]]).lint_bytes(dump).findings
    kind = WHOLE_QUALIFIERS[qualifier]
    expected = {
        "stated": "KZ402" if part_kg > whole_kg else None,
        "rounded": "KZ402" if part_kg > whole_kg + 50 else None,
        "lower bound": "KZ408" if part_kg >= whole_kg + 100 else None,
    }[kind]
    assert [f.code for f in found] == ([] if expected is None else [expected]), text


def test_a_lower_bound_whole_is_a_warning_that_says_so_and_other_wholes_an_error() -> None:
    text = "Police seized more than 2.5 tons of drugs, including 3,100 kg of heroin."
    dump = f"03.03.2026, 14:12 11421\nTitle\n{text}\n".encode()
    [finding] = Linter([RULES["KZ402"], RULES["KZ408"]]).lint_bytes(dump).findings
    assert (finding.code, finding.severity) == ("KZ408", Severity.WARNING)
    assert "the total is stated as a lower bound" in finding.message
    assert "less than 2.6 tons" in finding.message
    assert RULES["KZ402"].severity is Severity.ERROR
    assert "lower bound" in explain_text(RULES["KZ408"])
    assert "KZ408" in explain_text(RULES["KZ402"])


def test_qualified_figures_are_recorded_as_the_contract_describes_them() -> None:
    text = "Some 3 tons, including nearly 1,800 kg, and more than 100% of voters."
    dump = f"03.03.2026, 14:12 11421\nTitle\n{text}\n".encode()
    [article] = [block for block in parse_bytes(dump, "t.txt") if isinstance(block, Article)]
    schema = load_schema(ARTICLE_SCHEMA)
    validator = Draft202012Validator({"$defs": schema["$defs"], "$ref": "#/$defs/figure"})
    records = article_record(article)["figures"]
    assert [record.get("qualifier") for record in records] == ["some", "nearly", "more than"]
    for record in records:
        assert list(validator.iter_errors(record)) == []


# -- the figures command -------------------------------------------------------------------------


def test_figures_command_lists_figures_as_the_contract_describes_them() -> None:
    done = run("figures", str(SEED_004), "--format", "json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    schema = load_schema(ARTICLE_SCHEMA)
    validator = Draft202012Validator({"$defs": schema["$defs"], "$ref": "#/$defs/figure"})
    assert report["errors"] == []
    assert len(report["figures"]) == 35
    for figure in report["figures"]:
        assert list(validator.iter_errors(figure)) == []
    first = report["figures"][0]
    assert (first["text"], first["span"]["line"], first["span"]["column"]) == ("35 km", 17, 17)


def test_figures_command_text_and_units() -> None:
    done = run("figures", str(SEED_000))
    assert done.returncode == 0
    shown = done.stdout.replace(str(SEED_000), str(SEED_000.relative_to(ROOT)))
    where = SEED_000.relative_to(ROOT)
    assert (
        f"{where}:16:230: 12 million tons  = 12,000,000 t  [mass: 12,000,000,000 kg]\n"
    ) in shown
    assert f"{where}:2:43: 8%  = 8%  [share: 8%]\n" in shown
    assert done.stdout.endswith("11 figures\n")
    units = run("figures", "--units")
    assert "mass (recorded in kg)\n" in units.stdout
    assert "  t   t, ton, tons, tonne, tonnes, metric ton, metric tons\n" in units.stdout
    assert "currency-KZT (recorded in tenge)\n" in units.stdout
    assert "  TEU  TEU, TEUs\n" in units.stdout


def figure_texts(*paths: Path) -> tuple[str, dict[str, Any]]:
    """What ``figures`` prints for these files, as text and as JSON."""
    text = run("figures", *map(str, paths))
    data = run("figures", *map(str, paths), "--format", "json")
    assert text.returncode == data.returncode == 0, text.stderr + data.stderr
    return text.stdout, json.loads(data.stdout)


def figures_rule_cases(folder: Path) -> list[Path]:
    """The inputs of the figures rules' cases (KZ4xx), one file each."""
    written = []
    for case_file in load_case_files():
        if case_file.code.startswith("KZ4"):
            for index, case in enumerate(case_file.cases):
                path = folder / f"{case_file.code}-{index}.txt"
                path.write_bytes(case.data)
                written.append(path)
    return written


def test_figures_show_units_as_people_write_them(tmp_path: Path) -> None:
    paths = [SEED_000, SEED_004, *figures_rule_cases(tmp_path)]
    text, data = figure_texts(*paths)
    amounts = [line.split(": ", 1)[1] for line in text.splitlines()[:-1]]
    assert len(amounts) == len(data["figures"]) > 100
    assert [amount for amount in amounts if "_" in amount or "**" in amount] == []
    named = {figure[key] for figure in data["figures"] for key in ("unit", "base_unit")}
    assert set(data["units"]) == named
    assert data["units"]["metric_ton"] == "t"
    assert data["units"]["twenty_foot_equivalent_unit"] == "TEU"
    assert [shown for shown in data["units"].values() if "_" in shown] == []


def test_every_unit_has_a_symbol_and_every_dimension_words() -> None:
    table = load_table()
    named = {unit.unit for unit in [*table.units.values(), *table.prefixes.values()]}
    named |= set(table.dimensions.values())
    assert sorted(named - set(SYMBOLS)) == []
    assert sorted(set(SYMBOLS) - named) == []
    assert [shown for shown in SYMBOLS.values() if "_" in shown or "**" in shown] == []
    assert sorted(set(table.dimensions) ^ set(DIMENSION_WORDS)) == []


def test_units_list_as_json() -> None:
    done = run("figures", "--units", "--format", "json")
    assert done.returncode == 0, done.stderr
    listed = json.loads(done.stdout)
    table = load_table()
    assert [entry["dimension"] for entry in listed["dimensions"]] == list(table.dimensions)
    units = [unit for entry in listed["dimensions"] for unit in entry["units"]]
    assert sorted(form for unit in units for form in unit["after"]) == sorted(table.units)
    assert sorted(form for unit in units for form in unit["before"]) == sorted(table.prefixes)
    tons = next(unit for unit in units if unit["unit"] == "metric_ton")
    assert (tons["symbol"], tons["factor"]) == ("t", 1000.0)
    assert listed["scales"]["million"] == 1e6
    shown = [entry["base_symbol"] for entry in listed["dimensions"]]
    assert [symbol for symbol in shown + [unit["symbol"] for unit in units] if "_" in symbol] == []


def test_figures_command_reports_unreadable_files_and_goes_on(tmp_path: Path) -> None:
    done = run("figures", str(tmp_path / "missing.txt"), str(SEED_000))
    assert done.returncode == 2
    assert "missing.txt: no such file or directory" in done.stderr
    assert done.stdout.endswith("11 figures\n")


def test_figures_command_reads_the_configured_glob(tmp_path: Path) -> None:
    (tmp_path / "a.dump").write_bytes(SEED_000.read_bytes())
    (tmp_path / "kzvalidate.toml").write_text("glob = ['*.dump']\n")
    done = run("figures", str(tmp_path), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.endswith("11 figures\n")
    bad = run("figures", str(tmp_path), "--config", str(tmp_path / "x.toml"), "--isolated")
    assert bad.returncode == 2
    assert "--config and --isolated" in bad.stderr
