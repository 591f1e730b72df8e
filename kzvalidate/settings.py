"""Settings: where the configuration is found, what it may say, and how it combines with the
command line into the one :class:`Settings` every command runs with.

Precedence, lowest first: kzvalidate's defaults < the configuration file < the command line. The
file is ``--config PATH`` if given, else the first of ``kzvalidate.toml``, ``.kzvalidate.toml`` or
a ``pyproject.toml`` with a ``[tool.kzvalidate]`` table found in the working folder or above it;
``--isolated`` ignores every file. A command-line option replaces the configured value of the same
key. What a file may say is the contract ``contracts/config.schema.json``; an unknown key or a
wrong value is an error that names the file and the key.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from kzvalidate import rules
from kzvalidate.dump.dialect import Dialect
from kzvalidate.dump.dialects import DEFAULT, UnknownDialectError, get_dialect
from kzvalidate.language.vocabulary import (
    Vocabulary,
    VocabularyError,
    preferred_terms,
    read_word_list,
)
from kzvalidate.model import Severity
from kzvalidate.resources import CONFIG_SCHEMA, load_schema
from kzvalidate.rules.base import AnyRule
from kzvalidate.source.discovery import DEFAULT_GLOBS

CONFIG_FILES = ("kzvalidate.toml", ".kzvalidate.toml", "pyproject.toml")
PYPROJECT = "pyproject.toml"
TOOL_TABLE = ("tool", "kzvalidate")


class ConfigError(ValueError):
    """A configuration that cannot be used; the message names the file and the key."""


@dataclass(frozen=True, slots=True)
class Config:
    """What a configuration file says (None: not said, so the default applies)."""

    path: Path | None = None
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] | None = None
    fail_on: Severity | None = None
    glob: tuple[str, ...] | None = None
    dialect: Dialect | None = None
    vocabulary: Vocabulary = field(default_factory=Vocabulary.shipped)


def find_config(start: Path) -> Path | None:
    """The configuration file that applies in ``start``: the nearest one in it or above it."""
    for folder in (start, *start.parents):
        for name in CONFIG_FILES:
            candidate = folder / name
            if candidate.is_file() and (name != PYPROJECT or _has_tool_table(candidate)):
                return candidate
    return None


def load_config(path: Path) -> Config:
    """Read and check one configuration file."""
    return config_from_table(_table(path), path)


def config_from_table(table: Mapping[str, Any], path: Path) -> Config:
    """Check a configuration table read from ``path`` (which names it in errors and anchors the
    relative paths in it)."""
    _validate(path, table)
    try:
        vocabulary = _vocabulary(path, table.get("vocabulary", {}))
    except VocabularyError as error:
        raise ConfigError(str(error)) from None

    def strings(key: str) -> tuple[str, ...] | None:
        value = table.get(key)
        return None if value is None else tuple(value)

    for key in ("select", "extend-select", "ignore"):
        _check_selectors(path, key, strings(key) or ())

    fail_on = table.get("fail-on")
    dialect = None if table.get("dialect") is None else _dialect(path, table["dialect"])
    return Config(
        path=path,
        select=strings("select"),
        extend_select=strings("extend-select"),
        ignore=strings("ignore"),
        fail_on=None if fail_on is None else Severity(fail_on),
        glob=strings("glob"),
        dialect=dialect,
        vocabulary=vocabulary,
    )


def resolve(explicit: Path | None, *, isolated: bool, cwd: Path) -> Config:
    """The configuration a run uses: ``explicit``, else the one found from ``cwd``, else none."""
    if isolated:
        return Config()
    path = explicit if explicit is not None else find_config(cwd)
    return Config() if path is None else load_config(path)


def _has_tool_table(path: Path) -> bool:
    try:
        document = _read_toml(path)
    except ConfigError:
        return True  # let loading it report the problem, rather than silently skip it
    return isinstance(document.get("tool"), dict) and "kzvalidate" in document["tool"]


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except OSError as error:
        raise ConfigError(f"{path}: cannot read the configuration: {error.strerror}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: not valid TOML: {error}") from None


def _table(path: Path) -> dict[str, Any]:
    document = _read_toml(path)
    if path.name != PYPROJECT:
        return document
    tool = document.get(TOOL_TABLE[0], {})
    table = tool.get(TOOL_TABLE[1]) if isinstance(tool, dict) else None
    if table is None:
        raise ConfigError(f"{path}: has no [tool.kzvalidate] table")
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: tool.kzvalidate must be a table")
    return table


def _json_ready(value: Any) -> Any:
    """TOML values as JSON Schema sees them: dates and times become ISO strings."""
    if isinstance(value, dict):
        return {key: _json_ready(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_json_ready(item) for item in value]
    if isinstance(value, date | datetime):
        return value.isoformat()
    return value


def _validate(path: Path, table: Mapping[str, Any]) -> None:
    from jsonschema import Draft202012Validator  # lazy: ~35 ms, only with a config file

    schema = load_schema(CONFIG_SCHEMA)
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    prefix = "tool.kzvalidate" if path.name == PYPROJECT else ""
    errors = sorted(
        validator.iter_errors(_json_ready(table)), key=lambda e: [str(p) for p in e.path]
    )
    if errors:
        raise ConfigError(f"{path}: {_describe(errors[0], prefix)}")


def _describe(error: Any, prefix: str) -> str:
    key = ".".join(part for part in (prefix, *map(str, error.absolute_path)) if part)
    where = f"[{key}]" if key else "the top level"
    if error.validator == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        unknown = sorted(set(error.instance) - set(allowed))
        return f"unknown key {unknown[0]!r} in {where}; allowed: {', '.join(allowed)}"
    if error.validator == "enum":
        choices = ", ".join(map(str, error.validator_value))
        return f"{key}: {error.instance!r} is not one of {choices}"
    if error.validator == "oneOf" and isinstance(error.instance, dict):
        return f'{key}: give prefer = "..." and optionally since = YYYY-MM-DD'
    return f"{key or 'configuration'}: {error.message}"


def _dialect(path: Path, name: str) -> Dialect:
    try:
        return get_dialect(name)
    except UnknownDialectError as error:
        raise ConfigError(f"{path}: dialect: {error}") from None


def _check_selectors(path: Path, key: str, selectors: Sequence[str]) -> None:
    for selector in selectors:
        try:
            rules.matching(selector)
        except rules.UnknownRuleError as error:
            raise ConfigError(f"{path}: {key}: {error}") from None


def _vocabulary(path: Path, table: Mapping[str, Any]) -> Vocabulary:
    words: list[str] = list(table.get("accept", []))
    for name in table.get("accept-files", []):
        try:
            words.extend(read_word_list(path.parent / name))
        except OSError as error:
            reason = error.strerror or str(error)
            raise ConfigError(
                f"{path}: vocabulary.accept-files: cannot read {name!r}: {reason}"
            ) from None
    where = f"{path}: vocabulary.preferred-terms"
    terms = preferred_terms(table.get("preferred-terms", {}), where)
    return Vocabulary.shipped().extended(words, terms)


# -- the settings a command runs with --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CommandLine:
    """What the command line said (None: not said, so the configuration or the default applies)."""

    select: Sequence[str] | None = None
    extend_select: Sequence[str] | None = None
    ignore: Sequence[str] | None = None
    fail_on: Severity | None = None
    glob: Sequence[str] | None = None
    dialect: str | None = None


@dataclass(frozen=True, slots=True)
class Settings:
    """Defaults < configuration file < command line, resolved once for a command."""

    config: Config
    rules: tuple[AnyRule, ...]
    fail_on: Severity
    globs: tuple[str, ...]
    dialect: Dialect
    vocabulary: Vocabulary


def settings_for(
    command_line: CommandLine, *, config: Path | None, isolated: bool, cwd: Path
) -> Settings:
    """The settings of one command, or :class:`ConfigError` naming what is wrong."""
    if config is not None and isolated:
        raise ConfigError("--config and --isolated contradict each other; give one")
    found = resolve(config, isolated=isolated, cwd=cwd)
    try:
        chosen = rules.select(
            command_line.select or found.select,
            command_line.ignore or found.ignore or (),
            command_line.extend_select or found.extend_select or (),
        )
        dialect = get_dialect(command_line.dialect) if command_line.dialect else None
    except (rules.UnknownRuleError, UnknownDialectError) as error:
        raise ConfigError(str(error)) from None
    return Settings(
        config=found,
        rules=tuple(chosen),
        fail_on=command_line.fail_on or found.fail_on or Severity.ERROR,
        globs=tuple(command_line.glob or found.glob or DEFAULT_GLOBS),
        dialect=dialect or found.dialect or DEFAULT,
        vocabulary=found.vocabulary,
    )
