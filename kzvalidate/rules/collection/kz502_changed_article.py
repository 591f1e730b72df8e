"""An article must not share its title and time with an earlier article of another text.

Two articles with the same title published at the same minute are one article crawled twice;
when their text differs, the agency edited it between the crawls (a corrected figure, an added
paragraph) and the batch holds two versions, of which at most one is right. The first article of
the run with that title and time is the original; a later one is reported when its text differs
from every earlier article with that title and time (an exact copy is KZ501's). Titles are
compared with blank runs and quote styles folded.

Fails::

    23.05.2025, 17:49 13431
    Almaty to build 35 km of ski tracks for beginner skiers
    Over 35 km of ski tracks will be built for beginner skiers.
    23.05.2025, 17:49 13502
    Almaty to build 35 km of ski tracks for beginner skiers
    Over 45 km of ski tracks will be built for beginner skiers.

Passes::

    23.05.2025, 17:49 13431
    Almaty to build 35 km of ski tracks for beginner skiers
    Over 35 km of ski tracks will be built for beginner skiers.
    24.05.2025, 17:49 13502
    Almaty to build 35 km of ski tracks for beginner skiers
    Over 45 km of ski tracks will be built for beginner skiers.
"""

from __future__ import annotations

from collections.abc import Iterator

from kzvalidate.contract.collection import HASH_BYTES, Entry, key_digest
from kzvalidate.model import Problem, Severity
from kzvalidate.rules.base import Context, RunProblem, RunRule
from kzvalidate.rules.collection.common import found_problems, where
from kzvalidate.rules.collection.spill import PLACE_BYTES, DigestTable, Places


class ChangedCollector:
    """By the digest of each title key (16 bytes instead of the whole title, in a digest table:
    in memory for a small run, on disk for a large one): where the first article with that title
    and time stands, then the content hashes seen with them; and the changed articles found."""

    def __init__(self) -> None:
        self.versions = DigestTable()
        self.places = Places()
        self.changed = found_problems()

    def add(self, entry: Entry) -> None:
        if entry.title_key is None or entry.content_hash is None:
            return
        digest = bytes.fromhex(entry.content_hash)
        key = key_digest(entry.title_key)
        version = self.versions.get(key)
        if version is None:
            self.versions.put(key, self.places.pack(entry.path, entry.line) + digest)
            return
        if digest in _hashes(version):
            return
        self.versions.put(key, version + digest)
        path, line = self.places.unpack(version)
        message = (
            f"same title and time as the article at {where(path, line, entry.path)}"
            ", but a different text: the article changed between two crawls"
        )
        hint = "keep the version that is right and delete the other, or crawl the article again"
        self.changed.append(
            RunProblem(entry.path, Problem(entry.span, message, hint), entry.header, entry.article)
        )

    def finish(self) -> Iterator[RunProblem]:
        self.versions.close()
        yield from self.changed
        self.changed.close()


def _hashes(version: bytes) -> list[bytes]:
    """The content hashes a version holds after its place."""
    return [
        version[start : start + HASH_BYTES]
        for start in range(PLACE_BYTES, len(version), HASH_BYTES)
    ]


def collector(context: Context) -> ChangedCollector:
    return ChangedCollector()


RULE = RunRule(
    code="KZ502",
    name="changed-article",
    severity=Severity.WARNING,
    doc=__doc__ or "",
    collector=collector,
)
