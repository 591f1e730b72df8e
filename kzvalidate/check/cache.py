"""The result cache: what linting one file found, kept between runs, as ruff keeps its own.

An entry is keyed on the file's bytes (their blake2b hash), its name as reported, the resolved
settings (the selected rules with their severities, the rules the per-file ignores turn off for
that name, the dialect, the vocabulary) and the tool (its version, the cache format, the size
and time of every file of the installed package, so that an edited checkout never replays stale
results, and of pyspellchecker's English word list, which KZ305 reads). It holds the file's
findings, in report order and before any baseline filter, its article count and, when run rules
are selected, each article's :class:`~kzvalidate.contract.collection.Entry`, which the run feeds
to the run rules as if the file had been read.

Entries live in ``results-v1/`` of kzvalidate's cache folder (``$KZVALIDATE_CACHE_DIR``, else
``$XDG_CACHE_HOME/kzvalidate`` or ``~/.cache/kzvalidate``; an empty ``KZVALIDATE_CACHE_DIR`` or
``KZVALIDATE_NO_CACHE=1`` turns the cache off), one file per entry, named by the key's hash and
written atomically, so two runs writing the same entry at once both leave a whole one. A file
is a magic header, a marshal body of plain tuples and the body's blake2b digest: an entry that
is truncated, corrupt, or made by another format or key is a miss, and is rewritten. Nothing is
pruned automatically: delete the folder to reclaim its space.
"""

from __future__ import annotations

import dataclasses
import marshal
import os
import sys
from _blake2 import blake2b  # hashlib's, without hashlib's loading OpenSSL: 3 ms (issue 12)
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from kzvalidate.check.engine import Linter, RunScope
from kzvalidate.contract.collection import Entry
from kzvalidate.contract.record import article_entry
from kzvalidate.dump.blocks import Article
from kzvalidate.language.spelling import word_list_stamp
from kzvalidate.model import ArticleRef, Edit, Excerpt, Finding, Fix, Severity, Span
from kzvalidate.resources import contracts_dir
from kzvalidate.rules.base import Rule
from kzvalidate.user_cache import cache_dir

CACHE_FORMAT = 1
"""Bump when what an entry holds, or how it is laid out, changes."""
RESULTS_DIR = f"results-v{CACHE_FORMAT}"
NO_CACHE_ENV = "KZVALIDATE_NO_CACHE"
"""Set (to anything but empty or ``0``) to turn the result cache off, as ``--no-cache`` does."""
MAGIC = b"KZVCACHE" + CACHE_FORMAT.to_bytes(2, "big")
DIGEST_BYTES = 16
READ_BYTES = 1 << 18
"""How much of a file is hashed at a time."""
CLOCK_FINDINGS = (("KZ504", "which is in the future"),)
"""Findings that depend on today's date, as (code, end of message): an article "in the future"
stops being one, so a file with such a finding is not cached (``test_cache`` keeps this in step
with the rule's message)."""

_SEVERITIES = {str(severity): severity for severity in Severity}


@dataclass(frozen=True, slots=True)
class CachedResult:
    """What linting one file found, before a baseline filtered it."""

    findings: tuple[Finding, ...]
    articles: int
    entries: tuple[Entry, ...]


def file_digest(path: Path) -> bytes:
    """The blake2b hash of a file's bytes, read in blocks (memory does not grow with size)."""
    digest = blake2b(digest_size=DIGEST_BYTES)
    with path.open("rb") as handle:
        while block := handle.read(READ_BYTES):
            digest.update(block)
    return digest.digest()


FileState = tuple[int, int, int] | None


def file_state(path: Path) -> FileState:
    """What changes when a file is rewritten: its size, time and inode (None if it is gone)."""
    try:
        info = path.stat()
    except OSError:
        return None
    return (info.st_size, info.st_mtime_ns, info.st_ino)


def cache_disabled() -> bool:
    """Whether ``KZVALIDATE_NO_CACHE`` turns the result cache off."""
    return os.environ.get(NO_CACHE_ENV, "") not in ("", "0")


class ResultCache:
    """The cached results of one linter's settings, in ``folder``."""

    def __init__(self, folder: Path, linter: Linter) -> None:
        self.folder = folder
        self.linter = linter
        self.settings_key = _settings_key(linter)
        self._digests: dict[Path, tuple[FileState, bytes]] = {}

    @classmethod
    def for_linter(cls, linter: Linter) -> ResultCache | None:
        """The cache in the user's cache folder, or None when caching is turned off."""
        base = cache_dir()
        if base is None or cache_disabled():
            return None
        return cls(base / RESULTS_DIR, linter)

    def key_of(self, path: Path, name: str) -> bytes:
        """The key of file ``path`` as it is now, reported as ``name``; its bytes are hashed
        once per run unless the file changes. Raises OSError when it cannot be read."""
        state = file_state(path)
        known = self._digests.get(path)
        if known is None or state is None or known[0] != state:
            known = (state, file_digest(path))
            self._digests[path] = known
        return self.key(name, known[1])

    def key(self, name: str, content: bytes) -> bytes:
        """The key of file ``name`` with bytes hashing to ``content``."""
        ignored = ",".join(sorted(self.linter.policy.ignored(name)))
        parts = (self.settings_key, content.hex(), name, ignored)
        text = "\0".join(parts).encode("utf-8", "surrogatepass")
        return blake2b(text, digest_size=DIGEST_BYTES).digest()

    def entry_path(self, key: bytes) -> Path:
        return self.folder / f"{key.hex()}.bin"

    def load(self, key: bytes) -> CachedResult | None:
        """The entry under ``key``; None if there is none or it cannot be trusted."""
        try:
            data = self.entry_path(key).read_bytes()
        except OSError:
            return None
        body = _checked_body(data)
        if body is None:
            return None
        try:
            return _decoded(marshal.loads(body), key)
        except (ValueError, TypeError, EOFError, IndexError, KeyError):
            return None

    def store(self, key: bytes, result: CachedResult) -> None:
        """Write the entry atomically; a cache that cannot be written is only a slower next run."""
        if any(_depends_on_today(finding) for finding in result.findings):
            return
        body = marshal.dumps(_encoded(result, key))
        digest = blake2b(body, digest_size=DIGEST_BYTES).digest()
        path = self.entry_path(key)
        temporary = path.with_name(f".{path.name}.{os.getpid()}.{id(result):x}.tmp")
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            with temporary.open("wb") as out:
                out.write(MAGIC + body + digest)
            temporary.replace(path)
        except OSError:
            temporary.unlink(missing_ok=True)


def _depends_on_today(finding: Finding) -> bool:
    return any(
        finding.code == code and finding.message.endswith(end) for code, end in CLOCK_FINDINGS
    )


class EntryRecorder(RunScope):
    """Stands in for the run scope while a file is linted for the cache: keeps each article's
    entry, for the caller to give the real scope (and the cache) once the file is done."""

    def __init__(self, linter: Linter) -> None:
        super().__init__((), linter.plain_context, linter.policy)
        self.wanted = bool(linter.run_rules)
        self.entries: list[Entry] = []

    def add(self, article: Article) -> None:
        if self.wanted:
            self.entries.append(article_entry(article))


# -- the settings and the tool ---------------------------------------------------------------


def _settings_key(linter: Linter) -> str:
    rules = [
        *linter.line_rules,
        *linter.article_rules,
        *linter.block_rules,
        *linter.file_rules,
        *linter.run_rules,
    ]
    described = [_rule_identity(rule) for rule in rules]
    vocabulary = linter.vocabulary
    words = "\n".join(sorted(vocabulary.accept))
    terms = sorted(repr(term) for term in vocabulary.preferred)
    parts = (
        *(tool_fingerprint(), word_list_stamp()),
        *(repr(linter.dialect), repr(described), words, repr(terms)),
    )
    text = "\0".join(parts).encode("utf-8", "surrogatepass")
    return blake2b(text, digest_size=DIGEST_BYTES).hexdigest()


def _rule_identity(rule: Rule) -> str:
    """What makes a rule find what it finds: its type, its fields and the code it runs."""
    values = (
        f"{item.name}={_plain(getattr(rule, item.name))!r}"
        for item in dataclasses.fields(rule)
        if item.name != "doc"
    )
    return ";".join((type(rule).__qualname__, *values))


def _plain(value: object) -> object:
    """A value as the same text in every process: a function by its name (its repr holds an
    address), a set sorted (its order changes with the hash seed)."""
    if isinstance(value, frozenset | set):
        return sorted(repr(item) for item in value)
    if callable(value) and not isinstance(value, type):
        return f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', '')}"
    return value


def tool_version() -> str:
    """kzvalidate's version. The package is loaded before any of its modules; importing it here
    would make an import cycle (the package names the API, which imports this module)."""
    return str(sys.modules["kzvalidate"].__version__)


def tool_fingerprint() -> str:
    """kzvalidate's version, the cache format, the Python version, and the size and time of each
    file of the package and its contracts."""
    package = Path(__file__).resolve().parent.parent
    stamps = [f"{tool_version()}/{CACHE_FORMAT}/{sys.version}"]
    for folder in (package, contracts_dir()):
        stamps.extend(_stamps(Path(folder)))
    return blake2b("\n".join(stamps).encode(), digest_size=DIGEST_BYTES).hexdigest()


def _stamps(folder: Path) -> Iterator[str]:
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError:
        return
    for entry in entries:
        if entry.name == "__pycache__" or entry.name.startswith("."):
            continue
        if entry.is_dir():
            yield from _stamps(Path(entry.path))
        elif not entry.name.endswith((".pyc", ".pyo")):
            info = entry.stat()
            yield f"{entry.path}:{info.st_size}:{info.st_mtime_ns}"


# -- the entry format: plain tuples that marshal writes and reads fast ----------------------


def _checked_body(data: bytes) -> bytes | None:
    """The body of an entry file whose header and digest are right, else None."""
    if len(data) < len(MAGIC) + DIGEST_BYTES or not data.startswith(MAGIC):
        return None
    body, digest = data[len(MAGIC) : -DIGEST_BYTES], data[-DIGEST_BYTES:]
    if blake2b(body, digest_size=DIGEST_BYTES).digest() != digest:
        return None
    return body


def _encoded(result: CachedResult, key: bytes) -> tuple[Any, ...]:
    refs: dict[int, tuple[Any, ...]] = {}

    def ref(article: ArticleRef | None) -> tuple[Any, ...] | None:
        if article is None:
            return None
        known = refs.get(id(article))
        if known is None:
            known = refs[id(article)] = (article.line, article.date, article.time, article.title)
        return known

    findings = tuple(_finding_row(finding, ref(finding.article)) for finding in result.findings)
    entries = tuple(_entry_row(entry, ref(entry.article)) for entry in result.entries)
    return (CACHE_FORMAT, key, result.articles, findings, entries)


def _finding_row(finding: Finding, article: tuple[Any, ...] | None) -> tuple[Any, ...]:
    fix = finding.fix
    fix_row = None
    if fix is not None:
        edits = tuple((_span_row(edit.span), edit.content) for edit in fix.edits)
        fix_row = (fix.description, edits, fix.safe)
    return (
        finding.path,
        finding.line,
        finding.column,
        finding.end_line,
        finding.end_column,
        finding.code,
        finding.name,
        str(finding.severity),
        finding.message,
        finding.hint,
        fix_row,
        finding.line_text,
        finding.line_ending,
        finding.line_text_start,
        article,
    )


def _entry_row(entry: Entry, article: tuple[Any, ...] | None) -> tuple[Any, ...]:
    header = entry.header
    return (
        entry.path,
        entry.line,
        _span_row(entry.span),
        (header.number, header.start, header.text, header.ending),
        None if entry.published is None else entry.published.isoformat(),
        entry.content_hash,
        entry.title_key,
        article,
    )


def _span_row(span: Span) -> tuple[int, int, int, int]:
    return (span.line, span.column, span.end_line, span.end_column)


def _decoded(data: Any, key: bytes) -> CachedResult | None:
    if not isinstance(data, tuple) or len(data) != 5:
        return None
    version, stored_key, articles, finding_rows, entry_rows = data
    if version != CACHE_FORMAT or stored_key != key or not isinstance(articles, int):
        return None
    refs: dict[int, ArticleRef] = {}

    def ref(row: tuple[Any, ...] | None) -> ArticleRef | None:
        if row is None:
            return None
        known = refs.get(id(row))
        if known is None:
            known = refs[id(row)] = ArticleRef(*row)
        return known

    findings = tuple(_finding(row, ref(row[14])) for row in finding_rows)
    return CachedResult(findings, articles, _entries(entry_rows, refs))


def _finding(row: tuple[Any, ...], article: ArticleRef | None) -> Finding:
    fix_row = row[10]
    fix = None
    if fix_row is not None:
        description, edits, safe = fix_row
        fix = Fix(description, tuple(Edit(Span(*span), content) for span, content in edits), safe)
    path, line, column, end_line, end_column, code, name, severity, message, hint = row[:10]
    text, ending, text_start = row[11:14]
    return Finding(
        path,
        line,
        column,
        end_line,
        end_column,
        code,
        name,
        _SEVERITIES[severity],
        message,
        hint,
        fix,
        text,
        ending,
        text_start,
        article,
    )


def _entries(rows: Iterable[tuple[Any, ...]], refs: dict[int, ArticleRef]) -> tuple[Entry, ...]:
    """The entries of ``rows``, in one loop: a run replays a hundred thousand of them a second,
    so no call is spent that the loop can do itself."""
    entries: list[Entry] = []
    add, moment_of = entries.append, datetime.fromisoformat
    for path, line, span, header, published, content, title, article_row in rows:
        article = None
        if article_row is not None:
            article = refs.get(id(article_row))
            if article is None:
                article = refs[id(article_row)] = ArticleRef(*article_row)
        moment = None if published is None else moment_of(published)
        add(Entry(path, line, Span(*span), Excerpt(*header), moment, content, title, article))
    return tuple(entries)


def replay(entries: Iterable[Entry], scope: RunScope) -> None:
    """Give a file's entries to the run rules, in order, as if its articles were read."""
    for entry in entries:
        scope.add_entry(entry)
