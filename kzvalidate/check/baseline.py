"""Baselines: the findings an archive already has, accepted so that the gate reports only new ones.

A baseline file (``contracts/baseline.schema.json``) lists entries. An entry names a finding by
its file, its rule and the offending text with a little of its line around it
(:func:`~kzvalidate.results.finding_context`), never by its line number, so it still matches
after lines were added or removed above the finding. Its ``count`` says how many equal findings
it accepts: each finding it accepts uses up one.

The file states the version of its format, not the version of kzvalidate that wrote it: it is
committed and reviewed in diffs, and must not change when nothing but the tool was upgraded. The
format version changes when what names a finding changes (the context kept, say); a baseline of
another version is refused with one clear error, never read half-right.

Paths are kept as the command line named them, normalised: ``./data//x.txt`` is ``data/x.txt``,
an absolute path inside the working folder is made relative to it, separators are ``/``. So a
baseline written by ``lint data/`` matches ``lint data/x.txt`` and ``lint ./data`` run from the
same folder.

Matching is state of the run: :meth:`BaselineMatch.admit` is asked once per finding, in run
order, by the process that reports (see :data:`~kzvalidate.results.Admit`).
"""

from __future__ import annotations

import functools
import json
import os
import uuid
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kzvalidate.model import Finding
from kzvalidate.resources import BASELINE_SCHEMA, load_schema
from kzvalidate.results import Admit, FileResult, FindingSink, finding_context, offending_text
from kzvalidate.source.reading import describe_os_error

BASELINE_VERSION = "1.0.0"
"""The version of the baseline format this module reads and writes."""
MESSAGE_CHARS = 160
"""How much of a schema error's message a one-line error keeps."""

FileDone = Callable[[FileResult], None]


class BaselineError(Exception):
    """A baseline that cannot be used: one line for the user (a usage error, exit 2)."""


@functools.lru_cache(maxsize=1024)
def normal_path(name: str, cwd: str) -> str:
    """``name`` as a baseline keeps it: normalised, relative to the folder ``cwd`` when it is an
    absolute path inside it, with ``/`` separators."""
    path = Path(os.path.normpath(name))
    if path.is_absolute() and path.is_relative_to(cwd) and path != Path(cwd):
        path = path.relative_to(cwd)
    return path.as_posix()


@dataclass(frozen=True, slots=True, order=True)
class BaselineEntry:
    """What names a finding in a baseline; ``name`` is there for the reader only (the rule's code
    is what matches), so it takes no part in comparisons."""

    path: str
    code: str
    text: str
    context: str
    name: str = field(default="", compare=False)

    @classmethod
    def of(cls, finding: Finding, cwd: str) -> BaselineEntry:
        path = normal_path(finding.path, cwd)
        text, context = offending_text(finding), finding_context(finding)
        return cls(path, finding.code, text, context, finding.name)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> BaselineEntry:
        return cls(data["path"], data["code"], data["text"], data["context"], data["name"])

    def to_json(self, count: int) -> dict[str, Any]:
        return {
            "path": self.path,
            "code": self.code,
            "name": self.name,
            "text": self.text,
            "context": self.context,
            "count": count,
        }


@dataclass(frozen=True)
class Baseline:
    """The entries of a baseline, each with how many findings it accepts."""

    entries: Mapping[BaselineEntry, int]

    @property
    def findings(self) -> int:
        return sum(self.entries.values())

    def without(self, unused: Mapping[BaselineEntry, int]) -> Baseline:
        """This baseline less the findings ``unused`` counts (an entry left with none goes)."""
        return Baseline(Counter(self.entries) - Counter(unused))

    def dumps(self) -> str:
        """The file's text: sorted keys and entries, two-space indent, a final newline; invisible
        and control characters written as ``\\uXXXX`` escapes so a diff shows them."""
        entries = [entry.to_json(count) for entry, count in sorted(self.entries.items())]
        document = {"version": BASELINE_VERSION, "entries": entries}
        text = json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True)
        return "\n".join(map(_visible, text.split("\n"))) + "\n"

    @classmethod
    def loads(cls, text: str, where: str) -> Baseline:
        """The baseline in ``text`` (read from ``where``); raises :class:`BaselineError` if it is
        not JSON, not of this format's version, or breaks the baseline schema."""
        try:
            document = json.loads(text)
        except json.JSONDecodeError as error:
            place = f"line {error.lineno}, column {error.colno}"
            raise BaselineError(
                f"the baseline {where} is not JSON: {error.msg} ({place})"
            ) from None
        except RecursionError:
            raise BaselineError(f"the baseline {where} is not JSON: nested too deeply") from None
        _check_document(document, where)
        entries: Counter[BaselineEntry] = Counter()
        for item in document["entries"]:
            entries[BaselineEntry.from_json(item)] += int(item["count"])
        return cls(entries)


def _visible(line: str) -> str:
    if line.isprintable():
        return line
    return "".join(char if char.isprintable() else _escaped(char) for char in line)


def _escaped(char: str) -> str:
    """A JSON escape of ``char`` (a surrogate pair beyond the Basic Multilingual Plane)."""
    code = ord(char)
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def _check_document(document: object, where: str) -> None:
    version = document.get("version") if isinstance(document, dict) else None
    if isinstance(version, str) and version != BASELINE_VERSION:
        raise BaselineError(
            f"the baseline {where} has format version {version!r}, and this kzvalidate reads "
            f"version {BASELINE_VERSION}: write it again with --write-baseline"
        )
    from jsonschema import Draft202012Validator  # lazy: only a run with a baseline needs it
    from jsonschema.exceptions import best_match

    error = best_match(Draft202012Validator(load_schema(BASELINE_SCHEMA)).iter_errors(document))
    if error is not None:
        message = " ".join(error.message.split())
        if len(message) > MESSAGE_CHARS:
            message = message[: MESSAGE_CHARS - 1] + "\u2026"
        raise BaselineError(
            f"the baseline {where} is not a kzvalidate baseline: {error.json_path}: {message}"
        )


def read_baseline(path: Path) -> Baseline:
    """The baseline in the file ``path``; raises :class:`BaselineError` saying why not."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise BaselineError(
            f"cannot read the baseline {path}: {describe_os_error(error)}"
        ) from None
    except UnicodeDecodeError:
        raise BaselineError(f"the baseline {path} is not UTF-8 text") from None
    return Baseline.loads(text, str(path))


def write_baseline(path: Path, baseline: Baseline) -> None:
    """Write ``baseline`` to ``path`` whole or not at all: into a temporary file beside it, which
    then takes its name (through a symbolic link, the file it points at is replaced)."""
    try:
        _replace(path.resolve(), baseline.dumps().encode("utf-8"))
    except OSError as error:
        reason = describe_os_error(error)
        raise BaselineError(f"cannot write the baseline {path}: {reason}") from None


def _replace(real: Path, data: bytes) -> None:
    temporary = real.with_name(f".{real.name}.{uuid.uuid4().hex[:12]}.tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(descriptor, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        if real.exists():
            temporary.chmod(real.stat().st_mode & 0o7777)
        temporary.replace(real)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


class BaselineMatch:
    """One run's use of a baseline: the findings it accepts, each entry at most ``count`` times,
    and the entries no finding used."""

    def __init__(self, baseline: Baseline, cwd: Path) -> None:
        self.baseline = baseline
        self.cwd = str(cwd)
        self.left: Counter[BaselineEntry] = Counter(baseline.entries)
        self.linted: set[str] = set()
        """The files this run read to the end, as the baseline names them."""

    def admit(self, finding: Finding) -> bool:
        """False (and one use of its entry spent) if the baseline accepts ``finding``."""
        entry = BaselineEntry.of(finding, self.cwd)
        if self.left[entry] <= 0:
            return True
        self.left[entry] -= 1
        return False

    def file_done(self, result: FileResult) -> None:
        if result.error is None:
            self.linted.add(normal_path(result.path, self.cwd))

    def stale(self) -> Counter[BaselineEntry]:
        """The uses no finding took, in the files this run read to the end; an entry of a file
        the run did not read (or not to the end) may still occur, so it is not stale."""
        return Counter(
            {entry: left for entry, left in self.left.items() if left and entry.path in self.linted}
        )


@dataclass(frozen=True, slots=True)
class BaselineOptions:
    """The baseline options of ``kzvalidate lint``."""

    use: Path | None = None
    """``--baseline FILE``: do not report the findings it accepts."""
    write: Path | None = None
    """``--write-baseline FILE``: write every finding of the run to it."""
    prune: bool = False
    """``--prune-baseline``: rewrite the ``--baseline`` file without its stale entries."""

    def check(self) -> None:
        """Raise :class:`BaselineError` for options that do not go together."""
        if self.use is not None and self.write is not None:
            raise BaselineError(
                "--write-baseline writes every finding of the run, so it does not go with "
                "--baseline; to drop the entries that no longer occur, use --baseline FILE "
                "--prune-baseline"
            )
        if self.prune and self.use is None:
            raise BaselineError("--prune-baseline only goes with --baseline FILE")


class BaselineRun:
    """What one lint run does with baselines, as its options ask: the baseline it matches
    findings against (read when the run is set up), and the findings it records to write one."""

    def __init__(self, options: BaselineOptions, cwd: Path) -> None:
        options.check()
        self.options = options
        self.cwd = str(cwd)
        self.match = None if options.use is None else BaselineMatch(read_baseline(options.use), cwd)
        self.recorded: Counter[BaselineEntry] = Counter()

    @property
    def admit(self) -> Admit | None:
        """What the run asks about each finding; None without a baseline to match."""
        return None if self.match is None else self.match.admit

    def sink(self, report: FindingSink) -> FindingSink:
        """The run's sink: ``report``, recording each finding first when writing a baseline."""
        if self.options.write is None:
            return report

        def record_and_report(finding: Finding) -> None:
            self.recorded[BaselineEntry.of(finding, self.cwd)] += 1
            report(finding)

        return record_and_report

    def on_file(self, report: FileDone) -> FileDone:
        """The run's file hook: ``report``, noting first which files were read to the end."""
        match = self.match
        if match is None:
            return report

        def note_and_report(result: FileResult) -> None:
            match.file_done(result)
            report(result)

        return note_and_report

    def stale(self) -> int:
        """After the run: how many uses of the baseline's entries no finding took."""
        return 0 if self.match is None else sum(self.match.stale().values())

    def save(self) -> str | None:
        """Write the baseline or prune it, as asked; what was done, in words (None: nothing
        asked). Raises :class:`BaselineError` when the file cannot be written."""
        if self.options.write is not None:
            written = Baseline(self.recorded)
            write_baseline(self.options.write, written)
            found, entries = _findings(written.findings), _entries(len(written.entries))
            return f"wrote the baseline {self.options.write}: {found} in {entries}"
        if not self.options.prune or self.match is None or self.options.use is None:
            return None
        stale = self.match.stale()
        if not stale:
            return f"the baseline {self.options.use} needs no pruning: every entry still occurs"
        pruned = self.match.baseline.without(stale)
        write_baseline(self.options.use, pruned)
        gone, kept = _findings(sum(stale.values())), _entries(len(pruned.entries))
        return (
            f"pruned the baseline {self.options.use}: dropped {gone} no longer found, kept {kept}"
        )


def _entries(count: int) -> str:
    return f"{count} entry" if count == 1 else f"{count} entries"


def _findings(count: int) -> str:
    return f"{count} finding" if count == 1 else f"{count} findings"
