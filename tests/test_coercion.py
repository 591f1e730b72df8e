"""The command line's own coercion of values (kzvalidate.coercion) against typer's: the same
values, valid and not, give the same values or the same error message through both."""

from __future__ import annotations

from enum import Enum, StrEnum
from pathlib import Path
from typing import Annotated, Any

import pytest
import typer
import typer.core
import typer.main
from typer._click import Context
from typer._click.exceptions import UsageError
from typer.testing import CliRunner

from kzvalidate import cli, coercion
from tests.helpers import ROOT


class Colour(StrEnum):
    RED = "red"
    DARK_BLUE = "dark-blue"


class Size(Enum):
    SMALL = 1
    LARGE = 2


def upper_word(value: str) -> str:
    if not value.isalpha():
        raise typer.BadParameter(f"{value!r} is not a word")
    return value.upper()


def even_number(value: str) -> int:
    number = int(value)  # a ValueError: typer's adapter turns it into its own message
    assert number % 2 == 0, f"{number} is odd"
    return number


def everything(
    ctx: typer.Context,
    names: Annotated[list[str] | None, typer.Argument()] = None,
    text: str = "default",
    maybe_text: str | None = None,
    count: int | None = None,
    ratio: float = 0.5,
    switch: Annotated[bool | None, typer.Option("--switch/--no-switch")] = None,
    from_env: Annotated[bool, typer.Option("--from-env", envvar="COERCION_FLAG")] = False,
    colour: Colour | None = None,
    colours: Annotated[list[Colour] | None, typer.Option("--colours")] = None,
    loose_colour: Annotated[Colour | None, typer.Option(case_sensitive=False)] = None,
    size: Size = Size.SMALL,
    numbers: Annotated[list[int] | None, typer.Option("--number")] = None,
    existing: Annotated[Path | None, typer.Option(exists=True)] = None,
    file_only: Annotated[Path | None, typer.Option(dir_okay=False)] = None,
    folder_only: Annotated[Path | None, typer.Option(file_okay=False, exists=True)] = None,
    paths: Annotated[list[Path] | None, typer.Option("--path", dir_okay=False)] = None,
    word: Annotated[str | None, typer.Option(parser=upper_word)] = None,
    words: Annotated[list[str] | None, typer.Option("--words", parser=upper_word)] = None,
    even: Annotated[int | None, typer.Option(parser=even_number)] = None,
) -> None:
    """Print every value it was given, with its type."""
    for name, value in sorted(ctx.params.items()):
        typer.echo(f"{name} = {value!r} ({type(value).__name__})")


def app_with(command_class: type[typer.core.TyperCommand]) -> typer.Typer:
    app = typer.Typer(add_completion=False, pretty_exceptions_enable=False, rich_markup_mode=None)
    app.command(cls=command_class)(everything)
    return app


VALUES = [
    [],
    ["a", "b", "--text", "x y", "--maybe-text", ""],
    ["--count", "12", "--count", "-3"],
    *(["--count", value] for value in ("007", "-0", "+4", " 5 ", "1_000", "1.0", "1.5", "")),
    *(["--count", value] for value in ("x", "١٢", "1e3", "²")),
    *(["--ratio", value] for value in ("2", "-1.25", ".5", "5.", "1e3", "inf", "nan", "x", "")),
    ["--switch"],
    ["--no-switch"],
    ["--colour", "red"],
    *(["--colour", value] for value in ("RED", "dark-blue", "blue", "")),
    ["--colours", "red", "--colours", "dark-blue"],
    ["--colours", "red", "--colours", "green"],
    *(["--loose-colour", value] for value in ("RED", "Dark-Blue", "redd")),
    *(["--size", value] for value in ("2", "3", "LARGE")),
    ["--number", "1", "--number", "2"],
    ["--number", "1", "--number", "two"],
    ["--existing", "pyproject.toml"],
    ["--existing", "./pyproject.toml"],
    ["--existing", "missing.toml"],
    ["--existing", "fixtures//seeds/"],
    ["--existing", "nul\x00byte"],
    ["--file-only", "missing.toml"],
    ["--file-only", "fixtures"],
    ["--file-only", ""],
    ["--folder-only", "fixtures"],
    ["--folder-only", "pyproject.toml"],
    ["--folder-only", "no-such-folder"],
    ["--path", "a.txt", "--path", "b/c.txt"],
    ["--path", "a.txt", "--path", "fixtures"],
    ["--word", "hello"],
    ["--word", "two words"],
    ["--words", "a", "--words", "b"],
    ["--words", "a", "--words", "1"],
    *(["--even", value] for value in ("4", "3", "four")),
    ["--count"],
    ["--unknown"],
]


def outcome(app: typer.Typer, args: list[str], env: dict[str, str]) -> tuple[int, str, str]:
    done = CliRunner().invoke(app, args, env=env)
    assert done.exception is None or isinstance(done.exception, SystemExit), done.exception
    return done.exit_code, done.stdout, done.stderr


@pytest.mark.parametrize("args", VALUES, ids=repr)
def test_values_come_out_as_typer_makes_them(args: list[str]) -> None:
    expected = outcome(app_with(typer.core.TyperCommand), args, {})
    assert outcome(app_with(cli.Command), args, {}) == expected


PLAIN_VALUES = [
    [],
    ["a", "b", "--text", "x y", "--maybe-text", "", "--count", "-3", "--ratio", "-1.25"],
    ["--switch", "--colour", "dark-blue", "--colours", "red", "--loose-colour", "Dark-Blue"],
    ["--size", "2"],
    ["--number", "1", "--number", "2", "--existing", "./pyproject.toml", "--file-only", "x"],
    ["--folder-only", "fixtures", "--path", "a.txt", "--path", "b/c.txt", "--word", "hello"],
    ["--words", "a", "--words", "b", "--even", "4"],
]


@pytest.mark.parametrize("args", PLAIN_VALUES, ids=repr)
def test_plain_values_need_no_typer_coercion(
    args: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = outcome(app_with(typer.core.TyperCommand), args, {"COERCION_FLAG": "yes"})
    assert expected[0] == 0

    def refused(descriptor: object) -> None:
        raise AssertionError(f"typer's coercion was asked for {descriptor}")

    monkeypatch.setattr(coercion, "build_runtime_param", refused)
    assert outcome(app_with(cli.Command), args, {"COERCION_FLAG": "yes"}) == expected


@pytest.mark.parametrize(
    "word",
    ["1", "0", "true", "TRUE", "Yes", "on", "t", "y", "off", "N", "f", "no", "False",
     " 1", "yes ", "2", "maybe", "truee"],
)  # fmt: skip
def test_flags_from_the_environment_read_as_typer_reads_them(word: str) -> None:
    env = {"COERCION_FLAG": word}
    expected = outcome(app_with(typer.core.TyperCommand), [], env)
    assert outcome(app_with(cli.Command), [], env) == expected


def test_every_parameter_type_of_the_example_coerces_without_typer() -> None:
    command = typer.main.get_command(app_with(cli.Command))
    params = command.get_params(Context(command))
    coercion.install(params)
    typer_params = [param for param in params if isinstance(param, typer.core._TyperParameter)]
    assert {param.name for param in typer_params} >= {"names", "word", "help"}
    assert all(isinstance(param._runtime_param, coercion.PlainValue) for param in typer_params)


def test_a_type_it_does_not_know_is_left_to_typer() -> None:
    def dated(when: Annotated[Any, typer.Option(formats=["%Y"])] = None) -> None:
        """One unusual parameter."""

    app = typer.Typer()
    app.command(cls=cli.Command)(dated)
    command = typer.main.get_command(app)
    when = next(param for param in command.params if param.name == "when")
    coercion.install([when])
    assert isinstance(when, typer.core._TyperParameter)
    assert when._runtime_param is None


@pytest.mark.parametrize(
    ("version", "checked"),
    [("0.29.2", True), ("0.29.0", True), ("0.30.0", False), ("0.28.1", False), ("1.0", False),
     ("0.29.0rc1", True), ("nonsense", False)],
)  # fmt: skip
def test_only_the_checked_typer_release_coerces_here(version: str, checked: bool) -> None:
    assert coercion.checked_typer(version) is checked


def test_another_typer_release_keeps_typer_coercion(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(coercion, "PLAIN", False)
    command = typer.main.get_command(app_with(cli.Command))
    params = command.get_params(Context(command))
    coercion.install(params)
    assert all(getattr(param, "_runtime_param", None) is None for param in params)
    assert outcome(app_with(cli.Command), ["--count", "12"], {})[1].count("count = 12 (int)") == 1


LINT_VALUES = [
    ["fixtures/seeds", "--jobs", "2", "--chunk-bytes", "1000"],
    ["--jobs", "many"],
    ["--jobs", "2.5"],
    ["--chunk-bytes", "1_000"],
    ["--fail-on", "warning", "--engine", "dask"],
    ["--fail-on", "fatal"],
    ["--fail-on", "WARNING"],
    ["--engine", "cloud"],
    ["-f", "json", "-o", "report.json", "--format", "text"],
    ["--format", "yaml"],
    ["--config", "pyproject.toml", "--baseline", "missing.json", "--isolated"],
    ["--config", "fixtures"],
    ["-o", "fixtures"],
    ["--select", "KZ1,KZ3", "--ignore", "KZ108", "--severity", "KZ305=error"],
    ["--per-file-ignores", "a/*.txt:KZ3", "--glob", "*.dump", "--exclude", "x"],
    ["--stdin-filename", "dump.txt", "-", "--dialect", "kazakhstan-today"],
    ["--no-show-context", "--respect-gitignore", "--no-force-exclude", "--fix", "-q"],
]


def lint_values(args: list[str]) -> dict[str, Any] | tuple[str, str | None]:
    """The values the lint command is called with, or its usage error and the option named."""
    lint = typer.main.get_command(cli.app).commands["lint"]  # type: ignore[attr-defined]
    try:
        with lint.make_context("lint", list(args)) as ctx:
            return dict(ctx.params)
    except UsageError as error:
        param = getattr(error, "param", None)
        return error.format_message(), getattr(param, "name", None)


@pytest.mark.parametrize("args", LINT_VALUES, ids=repr)
def test_the_lint_command_gets_the_values_typer_gives(
    args: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("KZVALIDATE_NO_CACHE", "yes")
    ours = lint_values(args)
    monkeypatch.setattr(coercion, "PLAIN", False)
    assert ours == lint_values(args)
