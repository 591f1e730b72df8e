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

from collections.abc import Iterator

from kzvalidate.contract.collection import Entry, first_copies, out_of_order
from kzvalidate.dump.dialect import Dialect
from kzvalidate.model import Problem, Severity
from kzvalidate.rules.base import Context, RunProblem, RunRule
from kzvalidate.rules.collection.common import moment


class OrderCollector:
    """The entries of the file being read; a file's breaches are found when the next file starts
    (the entries of a file come one after the other), so only one file's entries are kept."""

    def __init__(self, dialect: Dialect) -> None:
        self.dialect = dialect
        self.entries: list[Entry] = []
        self.breaches: list[RunProblem] = []

    def add(self, entry: Entry) -> None:
        if self.entries and self.entries[-1].path != entry.path:
            self.file_done()
        self.entries.append(entry)

    def finish(self) -> Iterator[RunProblem]:
        self.file_done()
        yield from self.breaches

    def file_done(self) -> None:
        entries = first_copies(self.entries)
        self.entries = []
        for breach in out_of_order([entry.published for entry in entries]):
            entry, other = entries[breach.index], entries[breach.other]
            self.breaches.append(
                RunProblem(
                    entry.path,
                    self.problem(entry, other, breach.newer),
                    entry.header,
                    entry.article,
                )
            )

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
