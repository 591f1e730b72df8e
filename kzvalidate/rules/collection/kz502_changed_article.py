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

import sys
from collections.abc import Iterator
from dataclasses import dataclass

from kzvalidate.contract.collection import Entry, key_digest
from kzvalidate.model import Problem, Severity
from kzvalidate.rules.base import Context, RunProblem, RunRule
from kzvalidate.rules.collection.common import where


@dataclass(slots=True)
class Version:
    """The first article with a title and time, and the texts (hashes) seen with them."""

    path: str
    line: int
    hashes: tuple[bytes, ...]


class ChangedCollector:
    def __init__(self) -> None:
        self.versions: dict[bytes, Version] = {}
        """By the digest of the title key: 16 bytes instead of the whole title."""
        self.changed: list[RunProblem] = []

    def add(self, entry: Entry) -> None:
        if entry.title_key is None or entry.content_hash is None:
            return
        digest = bytes.fromhex(entry.content_hash)
        key = key_digest(entry.title_key)
        version = self.versions.get(key)
        if version is None:
            self.versions[key] = Version(sys.intern(entry.path), entry.line, (digest,))
            return
        if digest in version.hashes:
            return
        version.hashes += (digest,)
        message = (
            f"same title and time as the article at {where(version.path, version.line, entry.path)}"
            ", but a different text: the article changed between two crawls"
        )
        hint = "keep the version that is right and delete the other, or crawl the article again"
        self.changed.append(
            RunProblem(entry.path, Problem(entry.span, message, hint), entry.header, entry.article)
        )

    def finish(self) -> Iterator[RunProblem]:
        yield from self.changed


def collector(context: Context) -> ChangedCollector:
    return ChangedCollector()


RULE = RunRule(
    code="KZ502",
    name="changed-article",
    severity=Severity.WARNING,
    doc=__doc__ or "",
    collector=collector,
)
