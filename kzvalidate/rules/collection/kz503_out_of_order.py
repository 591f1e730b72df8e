"""The articles of a file must stand newest first.

A news dump lists the agency's feed from the newest article down; an article out of that order
was pasted in from another page of the feed or crawled out of turn, and whatever reads the file
as a timeline gets it wrong. The rule keeps the longest run of articles that is newest first
(articles published at the same minute may stand in either order) and reports each other article
once, at its header, naming the article it is out of order with, not every article after it.

View counts are not checked against the order. They are read when the page is crawled, and
articles are pinned, promoted and shared at different rates, so an older article with fewer
views than a newer one says nothing about the order. Articles whose date or time cannot be read
are left out (their header is another rule's finding), and so are copies of an earlier article of
the file (KZ501 reports them; where a copy stands says nothing about the order).

Fails::

    23.05.2025, 15:58 12961
    Children’s Rights Ombudsman Zakiyeva entrusted with taking additional measures
    23.05.2025, 17:49 13431
    Almaty to build 35 km of ski tracks for beginner skiers
    23.05.2025, 16:54 13141
    Activities of 13 criminal groups suppressed, 142 members detained

Passes::

    23.05.2025, 17:49 13431
    Almaty to build 35 km of ski tracks for beginner skiers
    23.05.2025, 16:54 13141
    Activities of 13 criminal groups suppressed, 142 members detained
    23.05.2025, 15:58 12961
    Children’s Rights Ombudsman Zakiyeva entrusted with taking additional measures
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator

from kzvalidate.contract.collection import (
    Entry,
    entry_of_row,
    entry_row,
    newest_first_breaches,
)
from kzvalidate.dump.dialect import Dialect
from kzvalidate.model import Problem, Severity
from kzvalidate.rules.base import Context, RunProblem, RunRule
from kzvalidate.rules.collection.common import found_problems, moment
from kzvalidate.rules.collection.spill import DigestTable, RecordList


class OrderCollector:
    """The articles of the file being read that have a moment and are no copy of an earlier one:
    their moments (8 bytes each, in an array) and their entries (in a record list: in memory for
    a small file, on disk for a large one). A file's breaches are found when the next file starts
    (the entries of a file come one after the other), so only one file's articles are kept."""

    def __init__(self, dialect: Dialect) -> None:
        self.dialect = dialect
        self.path: str | None = None
        self.seen = DigestTable()
        """The content hashes of the file so far: a copy is left out of the order."""
        self.moments = array("d")
        self.entries = RecordList(entry_row, entry_of_row)
        self.breaches = found_problems()

    def add(self, entry: Entry) -> None:
        if self.path is not None and self.path != entry.path:
            self.file_done()
        self.path = entry.path
        if entry.content_hash is not None:
            key = bytes.fromhex(entry.content_hash)
            if self.seen.get(key) is not None:
                return
            self.seen.put(key, b"")
        if entry.published is not None:
            self.moments.append(entry.published.timestamp())
            self.entries.append(entry)

    def finish(self) -> Iterator[RunProblem]:
        self.file_done()
        yield from self.breaches
        self.breaches.close()

    def file_done(self) -> None:
        for position, other, newer in newest_first_breaches(self.moments):
            entry, against = self.entries[position], self.entries[other]
            self.breaches.append(
                RunProblem(
                    entry.path,
                    self.problem(entry, against, newer),
                    entry.header,
                    entry.article,
                )
            )
        self.moments = array("d")
        self.entries.close()
        self.seen.close()

    def problem(self, entry: Entry, other: Entry, newer: bool) -> Problem:
        assert entry.published is not None and other.published is not None
        when = moment(entry.published, self.dialect)
        then = moment(other.published, self.dialect)
        relation = "after the older" if newer else "before the newer"
        message = (
            f"published {when}, {relation} article at line {other.line} ({then}): "
            "the file is not newest first"
        )
        hint = "move the article to where its time belongs, or correct its date and time"
        return Problem(entry.span, message, hint)


def collector(context: Context) -> OrderCollector:
    return OrderCollector(context.dialect)


RULE = RunRule(
    code="KZ503",
    name="out-of-order",
    severity=Severity.WARNING,
    doc=__doc__ or "",
    collector=collector,
)
