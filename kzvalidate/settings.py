"""Settings: where the configuration is found, what it may say, and how it combines with the
command line into the one :class:`Settings` every command runs with.

Precedence, lowest first: kzvalidate's defaults < the configuration file < the command line. The
file is ``--config PATH`` if given, else the first of ``kzvalidate.toml``, ``.kzvalidate.toml`` or
a ``pyproject.toml`` with a ``[tool.kzvalidate]`` table found in the working folder or above it;
``--isolated`` ignores every file. A command-line option replaces the configured value of the same
key, but for the keys that add: ``extend-*`` options add to what the file says, and so do
``--ignore`` and ``--severity``. What a file may say is the contract
``contracts/config.schema.json``; an unknown key or a wrong value is an error that names the file
and the key.

Rule selection follows ruff's documented resolution. The file and the command line are two layers
over the default rule set (the rules on by default). A layer that gives ``select`` replaces what
the layers below it chose; a layer without it only adds its ``extend-select`` and removes its
``ignore`` (``extend-ignore`` is the same list). Within a layer, the more specific selector
decides: ``ALL`` is the least specific, then ever longer code prefixes (``KZ``, ``KZ1``,
``KZ10``), then a full code or a rule name, so ``--select KZ108 --ignore KZ1`` runs KZ108 and
``--select KZ1 --ignore KZ108`` runs KZ1 but KZ108; on equal specificity ``ignore`` wins.
Severity overrides (``[severity]``, ``--severity KZ305=error``) resolve the same way: the most
specific selector in a layer, the command line over the file.

Paths in the file (``per-file-ignores``, ``exclude``, ``extend-exclude``, the vocabulary's
``accept-files``) are relative to the file's folder; patterns given on the command line are
relative to the working folder.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
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
from kzvalidate.rules.policy import PerFileIgnore, Policy
from kzvalidate.source.discovery import (
    DEFAULT_EXCLUDES,
    DEFAULT_GLOBS,
    Discovery,
    Patterns,
    absolute_path,
)

CONFIG_FILES = ("kzvalidate.toml", ".kzvalidate.toml", "pyproject.toml")
PYPROJECT = "pyproject.toml"
TOOL_TABLE = ("tool", "kzvalidate")
SELECTOR_KEYS = ("select", "extend-select", "ignore", "extend-ignore")

Severities = tuple[tuple[str, Severity], ...]
"""Severity overrides in the order given: (selector, severity)."""
PerFile = tuple[tuple[str, tuple[str, ...]], ...]
"""Per-file ignores in the order given: (pattern, selectors)."""


class ConfigError(ValueError):
    """A configuration that cannot be used; the message names the file and the key."""


@dataclass(frozen=True, slots=True)
class Config:
    """What a configuration file says (None: not said, so the default applies)."""

    path: Path | None = None
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] | None = None
    extend_ignore: tuple[str, ...] | None = None
    fail_on: Severity | None = None
    severity: Severities = ()
    per_file_ignores: PerFile = ()
    glob: tuple[str, ...] | None = None
    exclude: tuple[str, ...] | None = None
    extend_exclude: tuple[str, ...] = ()
    respect_gitignore: bool | None = None
    force_exclude: bool | None = None
    dialect: Dialect | None = None
    vocabulary: Vocabulary = field(default_factory=Vocabulary.shipped)

    @property
    def folder(self) -> str | None:
        """The absolute folder the file's relative paths and patterns start from."""
        return None if self.path is None else str(Path(absolute_path(self.path)).parent)

    @property
    def selection(self) -> rules.Selection:
        """The file's layer of rule selection."""
        ignore = (*(self.ignore or ()), *(self.extend_ignore or ()))
        return rules.Selection(self.select, self.extend_select or (), ignore)


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

    for key in SELECTOR_KEYS:
        _check_selectors(path, key, strings(key) or ())
    severity = tuple((key, Severity(level)) for key, level in table.get("severity", {}).items())
    _check_selectors(path, "severity", [key for key, _ in severity])
    per_file = tuple(
        (key, tuple(value)) for key, value in table.get("per-file-ignores", {}).items()
    )
    for pattern, selectors in per_file:
        _check_selectors(path, f"per-file-ignores.{pattern}", selectors)

    fail_on = table.get("fail-on")
    dialect = None if table.get("dialect") is None else _dialect(path, table["dialect"])
    return Config(
        path=path,
        select=strings("select"),
        extend_select=strings("extend-select"),
        ignore=strings("ignore"),
        extend_ignore=strings("extend-ignore"),
        fail_on=None if fail_on is None else Severity(fail_on),
        severity=severity,
        per_file_ignores=per_file,
        glob=strings("glob"),
        exclude=strings("exclude"),
        extend_exclude=strings("extend-exclude") or (),
        respect_gitignore=table.get("respect-gitignore"),
        force_exclude=table.get("force-exclude"),
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
    if key.endswith("dialect") and error.validator == "type":
        return f"{key}: give a dialect's name, or a table with base, footers and credit-label"
    return f"{key or 'configuration'}: {error.message}"


def _dialect(path: Path, value: str | Mapping[str, Any]) -> Dialect:
    """A shipped dialect by name, or one built from a table: a base dialect with the agency's
    own footers and image-credit label."""
    table: Mapping[str, Any] = {"base": value} if isinstance(value, str) else value
    key = "dialect" if isinstance(value, str) else "dialect.base"
    try:
        base = get_dialect(table.get("base", DEFAULT.name))
    except UnknownDialectError as error:
        raise ConfigError(f"{path}: {key}: {error}") from None
    if isinstance(value, str):
        return base
    return configured_dialect(base, table.get("footers"), table.get("credit-label"), str(path))


def configured_dialect(
    base: Dialect, footers: Sequence[str] | None, credit_label: str | None, where: str
) -> Dialect:
    """``base`` with other footers (exactly as written) and another image-credit label
    (``Photo`` gives ``Photo | Source``); ``where`` names the configuration."""
    if footers is None and credit_label is None:
        return base
    changes: dict[str, Any] = {"name": f"{base.name} (as configured in {where})"}
    if footers is not None:
        changes["footers"] = tuple(footer.strip() for footer in footers)
    if credit_label is not None:
        label = credit_label.strip().rstrip("|").strip()
        changes["credit_label"] = f"{label} | "
        changes["credit_label_pattern"] = rf"{re.escape(label)}[ \t]*\|"
    return replace(base, **changes)


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
    extend_ignore: Sequence[str] | None = None
    fail_on: Severity | None = None
    severity: Sequence[str] | None = None
    """``SELECTOR=LEVEL`` values (``KZ305=error``)."""
    per_file_ignores: Sequence[str] | None = None
    """``PATTERN:RULES`` values (``archive/*.txt:KZ3,KZ108``), replacing the file's table."""
    extend_per_file_ignores: Sequence[str] | None = None
    """``PATTERN:RULES`` values added to the file's table."""
    glob: Sequence[str] | None = None
    exclude: Sequence[str] | None = None
    extend_exclude: Sequence[str] | None = None
    respect_gitignore: bool | None = None
    force_exclude: bool | None = None
    dialect: str | None = None

    @property
    def selection(self) -> rules.Selection:
        """The command line's layer of rule selection."""
        ignore = (*(self.ignore or ()), *(self.extend_ignore or ()))
        select = None if self.select is None else tuple(self.select)
        return rules.Selection(select, tuple(self.extend_select or ()), ignore)


@dataclass(frozen=True, slots=True)
class Settings:
    """Defaults < configuration file < command line, resolved once for a command."""

    config: Config
    rules: tuple[AnyRule, ...]
    fail_on: Severity
    globs: tuple[str, ...]
    dialect: Dialect
    vocabulary: Vocabulary
    policy: Policy = field(default_factory=Policy)
    """Severity overrides and per-file ignores, for the :class:`~kzvalidate.check.engine.Linter`."""
    discovery: Discovery = field(default_factory=Discovery)
    """Which files the command's paths stand for."""


def settings_for(
    command_line: CommandLine, *, config: Path | None, isolated: bool, cwd: Path
) -> Settings:
    """The settings of one command, or :class:`ConfigError` naming what is wrong."""
    if config is not None and isolated:
        raise ConfigError("--config and --isolated contradict each other; give one")
    found = resolve(config, isolated=isolated, cwd=cwd)
    here = absolute_path(cwd)
    try:
        chosen = rules.select_layers([found.selection, command_line.selection])
        dialect = get_dialect(command_line.dialect) if command_line.dialect else None
        policy = _policy(found, command_line, here)
    except (rules.UnknownRuleError, UnknownDialectError) as error:
        raise ConfigError(str(error)) from None
    globs = tuple(command_line.glob or found.glob or DEFAULT_GLOBS)
    return Settings(
        config=found,
        rules=tuple(chosen),
        fail_on=command_line.fail_on or found.fail_on or Severity.ERROR,
        globs=globs,
        dialect=dialect or found.dialect or DEFAULT,
        vocabulary=found.vocabulary,
        policy=policy,
        discovery=_discovery(found, command_line, here, globs),
    )


def _policy(found: Config, command_line: CommandLine, cwd: str) -> Policy:
    given = [_severity_option(value) for value in command_line.severity or ()]
    severities = _severities([list(found.severity), given])
    folder = found.folder or cwd
    configured = [
        _per_file(folder, pattern, selectors) for pattern, selectors in found.per_file_ignores
    ]
    if command_line.per_file_ignores is not None:
        configured = [_per_file_option(cwd, value) for value in command_line.per_file_ignores]
    added = [_per_file_option(cwd, value) for value in command_line.extend_per_file_ignores or ()]
    return Policy.of(severities, [*configured, *added], cwd)


def _severities(layers: Iterable[Sequence[tuple[str, Severity]]]) -> dict[str, Severity]:
    """Each rule's overridden severity: in each layer (the file, then the command line) the most
    specific selector naming the rule decides, and a later layer over an earlier one."""
    chosen: dict[str, Severity] = {}
    for layer in layers:
        levels = dict(layer)
        for code in rules.RULES:
            selector = rules.most_specific(list(levels), code)
            if selector is not None:
                chosen[code] = levels[selector]
    return chosen


def _severity_option(value: str) -> tuple[str, Severity]:
    selector, equals, level = value.partition("=")
    choices = ", ".join(severity.value for severity in Severity)
    if not equals or level.strip().lower() not in {severity.value for severity in Severity}:
        raise ConfigError(f"--severity {value!r}: give RULE=LEVEL, LEVEL one of {choices}")
    rules.matching(selector.strip())
    return selector.strip(), Severity(level.strip().lower())


def _per_file(root: str, pattern: str, selectors: Iterable[str]) -> PerFileIgnore:
    codes = frozenset(rule.code for selector in selectors for rule in rules.matching(selector))
    return PerFileIgnore(root, pattern, codes)


def _per_file_option(root: str, value: str) -> PerFileIgnore:
    pattern, colon, listed = value.rpartition(":")
    selectors = [part.strip() for part in listed.split(",") if part.strip()]
    if not colon or not pattern.strip() or not selectors:
        raise ConfigError(
            f"--per-file-ignores {value!r}: give PATTERN:RULES, e.g. 'archive/*.txt:KZ3,KZ108'"
        )
    return _per_file(root, pattern.strip(), selectors)


def _discovery(
    found: Config, command_line: CommandLine, cwd: str, globs: tuple[str, ...]
) -> Discovery:
    folder = found.folder or cwd
    if command_line.exclude is not None:
        exclude = Patterns(cwd, tuple(command_line.exclude))
    else:
        exclude = Patterns(folder, found.exclude if found.exclude is not None else DEFAULT_EXCLUDES)
    extended = (
        Patterns(folder, found.extend_exclude),
        Patterns(cwd, tuple(command_line.extend_exclude or ())),
    )
    respect = command_line.respect_gitignore
    force = command_line.force_exclude
    return Discovery(
        globs=globs,
        exclude=(exclude, *(patterns for patterns in extended if patterns.patterns)),
        respect_gitignore=respect if respect is not None else found.respect_gitignore is not False,
        force_exclude=force if force is not None else found.force_exclude is True,
    )
