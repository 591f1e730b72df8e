"""An article must not repeat an earlier article of the run.

Re-crawls that copy articles are the most common scraper defect: the same article twice in one
dump, or in two dumps of one batch. Two articles are the same when their title and body are the
same text once blank runs and quote styles are folded (the collection contract's content hash);
their time and views may differ (a re-post). The first occurrence in the run, files in the order
given and articles in file order, is the original; each later one is reported at its header with
the path and line of the original.

Fails::

    23.05.2025, 17:49 13431
    Almaty to build 35 km of ski tracks for beginner skiers
    Over 35 km of ski tracks will be built for beginner skiers.
    23.05.2025, 17:49 13502
    Almaty to build 35 km of ski tracks for beginner skiers
    Over 35 km of ski tracks will be built for beginner skiers.

Passes::

    23.05.2025, 17:49 13431
    Almaty to build 35 km of ski tracks for beginner skiers
    Over 35 km of ski tracks will be built for beginner skiers.
    23.05.2025, 16:54 13141
    Activities of 13 criminal groups suppressed, 142 members detained
    Over 142 members of the groups were detained.
"""

from __future__ import annotations

from collections.abc import Iterator

from kzvalidate.contract.collection import Entry
from kzvalidate.model import Problem, Severity
from kzvalidate.rules.base import Context, RunProblem, RunRule
from kzvalidate.rules.collection.common import found_problems, where
from kzvalidate.rules.collection.spill import DigestTable, Places


class DuplicateCollector:
    """Where the first article of each content hash stands (a digest table: in memory for a
    small run, on disk for a large one), and the copies found."""

    def __init__(self) -> None:
        self.originals = DigestTable()
        self.places = Places()
        self.copies = found_problems()

    def add(self, entry: Entry) -> None:
        if entry.content_hash is None:
            return
        key = bytes.fromhex(entry.content_hash)
        original = self.originals.get(key)
        if original is None:
            self.originals.put(key, self.places.pack(entry.path, entry.line))
            return
        path, line = self.places.unpack(original)
        message = f"this article repeats the article at {where(path, line, entry.path)}"
        hint = "delete this copy and keep the first one; a re-crawl wrote the article twice"
        self.copies.append(
            RunProblem(entry.path, Problem(entry.span, message, hint), entry.header, entry.article)
        )

    def finish(self) -> Iterator[RunProblem]:
        self.originals.close()
        yield from self.copies
        self.copies.close()


def collector(context: Context) -> DuplicateCollector:
    return DuplicateCollector()


RULE = RunRule(
    code="KZ501",
    name="duplicate-article",
    severity=Severity.ERROR,
    doc=__doc__ or "",
    collector=collector,
)
