"""The state of the collection rules that grows with the run, kept in bounded memory.

A run rule remembers something of every article it has seen (a digest and where it stood), and a
1 GB dump holds half a million articles. The tables here keep their items in memory while there
are few, and move them to a temporary SQLite database (standard library; a private file that
SQLite deletes when the table is closed) once there are more than :data:`MEMORY_ITEMS`, so that a
large run needs about as much memory as a small one. What a table answers does not depend on
where its items are; the tests force a tiny threshold to check that.

On disk, new items wait in memory and are written :data:`BATCH` at a time (one transaction each),
and a :class:`DigestTable` answers most questions about absent keys from a Bloom filter without
asking the database. ``sqlite3`` is imported only when a table spills: a small run never loads it.
A temporary folder without room is a :class:`SpillError`, which says so.
"""

from __future__ import annotations

import heapq
import marshal
import struct
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Generic, TypeVar

if TYPE_CHECKING:
    import sqlite3

MEMORY_ITEMS = 10_000
"""Items a :class:`DigestTable` keeps in memory before it moves them to disk (about 150 bytes
each in memory)."""
MEMORY_RECORDS = 2_000
"""Records a :class:`RecordList` keeps in memory before it moves them to disk (an article's
whole entry: about a kilobyte in memory)."""
BATCH = 1024
"""New items or records a spilled table holds in memory before it writes them in one go."""
CACHE_KIB = 1024
"""SQLite's page cache per spilled table."""
FILTER_BITS = 1 << 23
"""The Bloom filter of a spilled :class:`DigestTable`: 1 MiB, four probes; about 1 in 400 absent
keys is looked up on disk all the same at half a million items (a 1 GB dump), 1 in 50 at a
million."""

T = TypeVar("T")

_PLACE = struct.Struct("<IQ")
_FILTER_MASK = FILTER_BITS - 1


class SpillError(OSError):
    """A spilled table cannot be written or read: the temporary folder is full or cannot be
    written. A problem of the machine, told as one, not as a bug."""

    def __init__(self, reason: object) -> None:
        super().__init__(
            f"the run's state could not be kept in a temporary file ({reason}); free some space "
            "in the temporary folder ($SQLITE_TMPDIR, else $TMPDIR, else /var/tmp or /tmp) "
            "or set TMPDIR to a folder with room (a 1 GB run needs about 250 MB)"
        )


@contextmanager
def _on_disk() -> Iterator[None]:
    """Database errors as :class:`SpillError`."""
    try:
        yield
    except SpillError:
        raise
    except OSError as error:
        raise SpillError(error.strerror or error) from error
    except Exception as error:
        sqlite3 = sys.modules.get("sqlite3")
        if sqlite3 is None or not isinstance(error, sqlite3.Error):
            raise
        raise SpillError(error) from error


def _temporary_database() -> sqlite3.Connection:
    """A private on-disk database that SQLite deletes when it is closed; no journal and no
    syncing, since it only lives as long as the run."""
    import sqlite3  # lazy: only a run that spills needs it (5 ms)

    with _on_disk():
        # Whichever thread feeds the run rules may spill: one thread at a time uses a table.
        database = sqlite3.connect("", isolation_level=None, check_same_thread=False)
        database.execute("PRAGMA journal_mode = OFF")
        database.execute("PRAGMA synchronous = OFF")
        database.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
    return database


def _write(database: sqlite3.Connection, statement: str, rows: Iterator[tuple[Any, ...]]) -> None:
    with _on_disk():
        database.execute("BEGIN")
        database.executemany(statement, rows)
        database.execute("COMMIT")


def _read_one(database: sqlite3.Connection, query: str, key: object) -> Any:
    """The first column of the row ``query`` finds for ``key``, or None."""
    with _on_disk():
        row = database.execute(query, (key,)).fetchone()
    return None if row is None else row[0]


def _probes(key: bytes) -> tuple[int, int, int, int]:
    """Four bit positions of a key in the Bloom filter, taken from its first 12 bytes (the keys
    are digests: their bits are as good as random)."""
    bits = int.from_bytes(key[:12], "little")
    return (
        bits & _FILTER_MASK,
        (bits >> 24) & _FILTER_MASK,
        (bits >> 48) & _FILTER_MASK,
        (bits >> 72) & _FILTER_MASK,
    )


class _Spilling:
    """What the tables share: the database they move to when they spill, None until then."""

    database: sqlite3.Connection | None = None

    @property
    def spilled(self) -> bool:
        return self.database is not None

    def close(self) -> None:
        """Forget every item (and delete the database, if there is one)."""
        if self.database is not None:
            self.database.close()
            self.database = None
        self.forget()

    def forget(self) -> None:
        """Let go of what is held in memory."""


class DigestTable(_Spilling):
    """A map from digests (short byte strings) to short byte strings, in memory up to
    ``memory_items`` items, on disk past that."""

    def __init__(self, memory_items: int | None = None) -> None:
        self.memory_items = MEMORY_ITEMS if memory_items is None else memory_items
        self.items: dict[bytes, bytes] = {}
        """Every item while in memory; once spilled, the items not yet written."""
        self.database: sqlite3.Connection | None = None
        self.filter = bytearray()
        """Once spilled: the Bloom filter of every key put (no false negatives)."""

    def get(self, key: bytes) -> bytes | None:
        value = self.items.get(key)
        if value is not None or self.database is None or not self._may_hold(key):
            return value
        found = _read_one(self.database, "SELECT value FROM items WHERE key = ?", key)
        return None if found is None else bytes(found)

    def put(self, key: bytes, value: bytes) -> None:
        """Set the value of ``key``, whether or not it had one."""
        self.items[key] = value
        if self.database is not None:
            self._remember(key)
            if len(self.items) >= BATCH:
                self._flush()
        elif len(self.items) > self.memory_items:
            self.spill()

    def spill(self) -> None:
        """Move the items to a temporary database; from now on they are read and written there."""
        database = _temporary_database()
        with _on_disk():
            database.execute("CREATE TABLE items (key BLOB PRIMARY KEY, value BLOB) WITHOUT ROWID")
        self.database = database
        self.filter = bytearray(FILTER_BITS // 8)
        for key in self.items:
            self._remember(key)
        self._flush()

    def _flush(self) -> None:
        assert self.database is not None
        _write(
            self.database, "INSERT OR REPLACE INTO items VALUES (?, ?)", iter(self.items.items())
        )
        self.items = {}

    def _remember(self, key: bytes) -> None:
        for bit in _probes(key):
            self.filter[bit >> 3] |= 1 << (bit & 7)

    def _may_hold(self, key: bytes) -> bool:
        return all(self.filter[bit >> 3] & (1 << (bit & 7)) for bit in _probes(key))

    def forget(self) -> None:
        self.items = {}
        self.filter = bytearray()


class RecordList(_Spilling, Generic[T]):
    """A list of records, appended in order and read by position, in memory up to
    ``memory_records`` records, on disk past that. On disk a record is ``to_row`` of it, which
    must be a value :mod:`marshal` writes (tuples of numbers, strings, None), and ``from_row``
    makes the record again."""

    def __init__(
        self,
        to_row: Callable[[T], Any],
        from_row: Callable[[Any], T],
        memory_records: int | None = None,
    ) -> None:
        self.to_row, self.from_row = to_row, from_row
        self.memory_records = MEMORY_RECORDS if memory_records is None else memory_records
        self.records: list[T] = []
        """Every record while in memory; once spilled, the records not yet written."""
        self.written = 0
        """How many records are on disk (the first ones)."""
        self.database: sqlite3.Connection | None = None

    def __len__(self) -> int:
        return self.written + len(self.records)

    def append(self, record: T) -> None:
        self.records.append(record)
        if self.database is not None:
            if len(self.records) >= BATCH:
                self._flush()
        elif len(self.records) > self.memory_records:
            self.spill()

    def __getitem__(self, position: int) -> T:
        if not 0 <= position < len(self):
            raise IndexError(position)
        if position >= self.written:
            return self.records[position - self.written]
        assert self.database is not None
        data = _read_one(self.database, "SELECT record FROM records WHERE position = ?", position)
        return self.from_row(marshal.loads(data))

    def __iter__(self) -> Iterator[T]:
        return (self[position] for position in range(len(self)))

    def spill(self) -> None:
        """Move the records to a temporary database; from now on they are written there."""
        database = _temporary_database()
        with _on_disk():
            database.execute("CREATE TABLE records (position INTEGER PRIMARY KEY, record BLOB)")
        self.database = database
        self._flush()

    def _flush(self) -> None:
        assert self.database is not None
        rows = (
            (self.written + offset, marshal.dumps(self.to_row(record)))
            for offset, record in enumerate(self.records)
        )
        _write(self.database, "INSERT INTO records VALUES (?, ?)", rows)
        self.written += len(self.records)
        self.records = []

    def forget(self) -> None:
        self.records = []
        self.written = 0


def sorted_spilling(
    items: Iterable[T], key: Callable[[T], Any], memory_records: int | None = None
) -> Iterator[T]:
    """``sorted(items, key=key)`` (stable too) in bounded memory: past ``memory_records`` items,
    each sorted stretch of that many waits on disk (pickled) and the stretches are merged as
    they are read back. Every item is taken before this returns, so an error of ``items`` is
    raised here, not while the result is read."""
    limit = MEMORY_RECORDS if memory_records is None else memory_records
    store: RecordList[T] = RecordList(_pickled, _unpickled, memory_records=0)
    stretches: list[range] = []
    chunk: list[T] = []
    for item in items:
        chunk.append(item)
        if len(chunk) > limit:
            chunk.sort(key=key)
            start = len(store)
            for kept in chunk:
                store.append(kept)
            stretches.append(range(start, len(store)))
            chunk = []
    chunk.sort(key=key)
    if not stretches:
        return iter(chunk)
    read_back = [map(store.__getitem__, stretch) for stretch in stretches]
    return _closing(heapq.merge(*read_back, chunk, key=key), store)


def _closing(items: Iterator[T], store: RecordList[T]) -> Iterator[T]:
    yield from items
    store.close()


def _pickled(record: object) -> bytes:
    import pickle  # lazy: only a sort that spills needs it

    return pickle.dumps(record, protocol=pickle.HIGHEST_PROTOCOL)


def _unpickled(data: bytes) -> Any:
    import pickle  # lazy: only a sort that spills needs it

    return pickle.loads(data)  # what _pickled wrote, in this process


class Places:
    """Where articles stand, packed: each path once (a small number), a place as 12 bytes."""

    def __init__(self) -> None:
        self.paths: list[str] = []
        self.numbers: dict[str, int] = {}

    def pack(self, path: str, line: int) -> bytes:
        number = self.numbers.get(path)
        if number is None:
            number = self.numbers[path] = len(self.paths)
            self.paths.append(path)
        return _PLACE.pack(number, line)

    def unpack(self, packed: bytes) -> tuple[str, int]:
        """The path and line of a place :meth:`pack` made (any bytes after it are ignored)."""
        number, line = _PLACE.unpack_from(packed)
        return self.paths[number], line


PLACE_BYTES = _PLACE.size
"""How many bytes :meth:`Places.pack` makes of a place."""
