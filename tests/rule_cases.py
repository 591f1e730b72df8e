"""Load the per-rule YAML case files in ``fixtures/rules/`` (format: ``fixtures/rules/README.md``).

Each file holds the cases of one rule; every case becomes a :class:`RuleCase` with its input as
exact bytes, the spans the rule must report, and optionally the bytes the fixer must produce.
A malformed file raises :class:`CaseFileError` naming the file and the case.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from kzvalidate.dump.dialects.kazakhstan_today import FOOTER
from kzvalidate.settings import Config, ConfigError, config_from_table

CASES_DIR = Path(__file__).resolve().parent.parent / "fixtures" / "rules"
CASE_SUFFIX = ".yml"
FOOTER_PLACEHOLDER = "<FOOTER>"

Position = tuple[int, int, int, int]
"""A finding's (line, column, end_line, end_column)."""

_POSITION_KEYS = ("line", "column", "end_line", "end_column")
_FILE_KEYS = frozenset({"rule", "cases"})
_CASE_KEYS = frozenset(
    {"name", "text", "bytes_b64", "findings", "fixed", "fixed_b64", "unsafe", "config"}
)


class CaseFileError(ValueError):
    """A case file that does not follow the format."""


@dataclass(frozen=True, slots=True)
class RuleCase:
    """One case: lint ``data`` with only rule ``code`` selected and expect ``findings``."""

    file: str
    code: str
    name: str
    data: bytes
    findings: tuple[Position, ...]
    fixed: bytes | None = None
    unsafe: bool = False
    config: Config = field(default_factory=Config)

    @property
    def id(self) -> str:
        """The test id: ``KZ101-stray-text::case name``."""
        return f"{self.file}::{self.name}"

    @property
    def failing(self) -> bool:
        """Whether the rule must report something on this input."""
        return bool(self.findings)


@dataclass(frozen=True, slots=True)
class CaseFile:
    path: Path
    code: str
    cases: tuple[RuleCase, ...]


def expand(text: str) -> str:
    """The text with every ``<FOOTER>`` placeholder replaced by the exact copyright footer."""
    return text.replace(FOOTER_PLACEHOLDER, FOOTER)


def load_case_files(directory: Path = CASES_DIR) -> list[CaseFile]:
    """Every case file in ``directory``, sorted by file name."""
    return [load_case_file(path) for path in sorted(directory.glob(f"*{CASE_SUFFIX}"))]


def load_case_file(path: Path) -> CaseFile:
    with path.open(encoding="utf-8") as handle:
        document: Any = yaml.safe_load(handle)
    where = path.name
    if not isinstance(document, dict):
        raise CaseFileError(f"{where}: expected a mapping with 'rule' and 'cases'")
    _check_keys(where, document, required=_FILE_KEYS, allowed=_FILE_KEYS)
    code = document["rule"]
    if not isinstance(code, str):
        raise CaseFileError(f"{where}: 'rule' must be a rule code such as KZ101")
    raw_cases = document["cases"]
    if not isinstance(raw_cases, list) or not raw_cases:
        raise CaseFileError(f"{where}: 'cases' must be a non-empty list")
    cases = tuple(_case(path.stem, code, index, raw) for index, raw in enumerate(raw_cases))
    names = [case.name for case in cases]
    duplicates = sorted({name for name in names if names.count(name) > 1})
    if duplicates:
        raise CaseFileError(f"{where}: duplicate case names {duplicates}")
    return CaseFile(path, code, cases)


def _case(file: str, code: str, index: int, raw: Any) -> RuleCase:
    where = f"{file}{CASE_SUFFIX}: case {index + 1}"
    if not isinstance(raw, dict):
        raise CaseFileError(f"{where}: expected a mapping")
    name = raw.get("name")
    if not isinstance(name, str) or not name.strip():
        raise CaseFileError(f"{where}: 'name' must be a non-empty string")
    where = f"{file}{CASE_SUFFIX}: case {name!r}"
    _check_keys(where, raw, required=frozenset({"name", "findings"}), allowed=_CASE_KEYS)
    data = _content(where, raw, "text", "bytes_b64")
    if data is None:
        raise CaseFileError(f"{where}: give the input as 'text' or 'bytes_b64'")
    unsafe = raw.get("unsafe", False)
    if not isinstance(unsafe, bool):
        raise CaseFileError(f"{where}: 'unsafe' must be true or false")
    findings = raw["findings"]
    if not isinstance(findings, list):
        raise CaseFileError(f"{where}: 'findings' must be a list ([] for a passing case)")
    config = raw.get("config", {})
    if not isinstance(config, dict):
        raise CaseFileError(f"{where}: 'config' must be a mapping like a kzvalidate.toml table")
    try:
        settings = config_from_table(config, CASES_DIR / f"{file}{CASE_SUFFIX}")
    except ConfigError as error:
        raise CaseFileError(f"{where}: {error}") from error
    return RuleCase(
        file=file,
        code=code,
        name=name,
        data=data,
        findings=tuple(_position(where, finding) for finding in findings),
        fixed=_content(where, raw, "fixed", "fixed_b64"),
        unsafe=unsafe,
        config=settings,
    )


def _content(where: str, raw: dict[str, Any], text_key: str, b64_key: str) -> bytes | None:
    if text_key in raw and b64_key in raw:
        raise CaseFileError(f"{where}: give either {text_key!r} or {b64_key!r}, not both")
    if text_key in raw:
        text = raw[text_key]
        if not isinstance(text, str):
            raise CaseFileError(f"{where}: {text_key!r} must be a string")
        return expand(text).encode("utf-8")
    if b64_key in raw:
        encoded = raw[b64_key]
        if not isinstance(encoded, str):
            raise CaseFileError(f"{where}: {b64_key!r} must be a base64 string")
        try:
            return base64.b64decode("".join(encoded.split()), validate=True)
        except binascii.Error as error:
            raise CaseFileError(f"{where}: {b64_key!r} is not valid base64: {error}") from error
    return None


def _position(where: str, raw: Any) -> Position:
    if not isinstance(raw, dict) or set(raw) != set(_POSITION_KEYS):
        raise CaseFileError(f"{where}: a finding must have exactly {', '.join(_POSITION_KEYS)}")
    values = [raw[key] for key in _POSITION_KEYS]
    if not all(isinstance(v, int) and not isinstance(v, bool) and v >= 1 for v in values):
        raise CaseFileError(f"{where}: finding positions must be integers >= 1, got {raw}")
    line, column, end_line, end_column = values
    return (line, column, end_line, end_column)


def _check_keys(
    where: str, raw: dict[str, Any], *, required: frozenset[str], allowed: frozenset[str]
) -> None:
    missing = sorted(required - set(raw))
    unknown = sorted(set(raw) - allowed)
    if missing:
        raise CaseFileError(f"{where}: missing {missing}")
    if unknown:
        raise CaseFileError(f"{where}: unknown keys {unknown}; allowed: {sorted(allowed)}")
