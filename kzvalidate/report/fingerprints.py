"""Fingerprints that CI services use to follow a finding from one run to the next.

:func:`kzvalidate.results.fingerprint` names a finding by its path, rule and offending text in
context, so it survives lines added above it; two equal defects in one file share it. The CI
reports need every fingerprint of a run unique, so each gets its occurrence number too: the
first is ``<fingerprint>:0``, the next equal one ``<fingerprint>:1``, in report order.
"""

from __future__ import annotations

from collections import Counter

from kzvalidate.model import Finding
from kzvalidate.results import fingerprint


class Occurrences:
    """Numbers equal fingerprints in the order their findings come. Keeps one counter per
    distinct fingerprint (a 32-character key), not the findings."""

    def __init__(self) -> None:
        self.seen: Counter[str] = Counter()

    def name(self, finding: Finding) -> str:
        """The finding's fingerprint with its occurrence number, unique within the run."""
        key = fingerprint(finding)
        number = self.seen[key]
        self.seen[key] += 1
        return f"{key}:{number}"
