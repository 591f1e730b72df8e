"""``--format gitlab``: a GitLab code-quality report (``artifacts:reports:codequality``), a JSON
array with one issue per finding.

Each issue has a ``description`` (the rule and the message), ``check_name`` (the rule's code),
a ``fingerprint`` that stays the same from run to run while the offending text is there (it
hashes the path, the rule and the offending text with a little context, not the line number, and
numbers equal ones in report order), a ``severity`` and a ``location``: ``lines.begin``, which
every GitLab version reads, and ``positions`` with the columns, which newer ones show.

GitLab ranks severities info < minor < major < critical < blocker. An error is ``major``: it
fails the gate for its article, but the other articles of the file still pass, and ``critical``
is kept for a file that could not be linted at all, of which nothing was checked. A warning is
``minor`` and info ``info``. Nothing is ``blocker``.

Issues are streamed as findings come; only a counter per distinct fingerprint is kept.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from kzvalidate.model import Finding, Severity
from kzvalidate.report.base import Reporter
from kzvalidate.report.display import readable
from kzvalidate.report.fingerprints import Occurrences
from kzvalidate.results import Summary

SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}
UNREADABLE = "critical"
"""The severity of a file that could not be linted."""
READ_ERROR = "read-error"
"""The ``check_name`` of a file that could not be linted."""


def location(finding: Finding) -> dict[str, Any]:
    return {
        "path": readable(finding.path),
        "lines": {"begin": finding.line, "end": finding.end_line},
        "positions": {
            "begin": {"line": finding.line, "column": finding.column},
            "end": {"line": finding.end_line, "column": finding.end_column},
        },
    }


def read_error_issue(path: str, message: str) -> dict[str, Any]:
    """A file that could not be linted, as an issue on its first line."""
    key = hashlib.blake2b(f"{path}\0{READ_ERROR}".encode("utf-8", "surrogatepass"), digest_size=16)
    return {
        "description": f"{readable(path)} could not be linted: {readable(message)}",
        "check_name": READ_ERROR,
        "fingerprint": key.hexdigest(),
        "severity": UNREADABLE,
        "location": {"path": readable(path), "lines": {"begin": 1}},
    }


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


class GitlabReporter(Reporter):
    def start(self) -> None:
        self.occurrences = Occurrences()
        self.separator = "\n  "
        self.out.write("[")

    def issue(self, issue: dict[str, Any]) -> None:
        self.out.write(self.separator + dumps(issue))
        self.separator = ",\n  "

    def finding(self, finding: Finding) -> None:
        self.issue(
            {
                "description": readable(f"{finding.code} {finding.name}: {finding.message}"),
                "check_name": finding.code,
                "fingerprint": self.occurrences.name(finding),
                "severity": SEVERITIES[finding.severity],
                "location": location(finding),
            }
        )

    def finish(self, summary: Summary) -> None:
        for path, message in summary.errors:
            self.issue(read_error_issue(path, message))
        self.out.write("\n]\n" if self.separator.startswith(",") else "]\n")
