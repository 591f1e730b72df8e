"""``--format sarif``: a SARIF 2.1.0 log with one run, for code scanning (GitHub, Azure DevOps,
IDE viewers).

The run's ``tool.driver.rules`` describes every selected rule (code, name, summary, its
``explain`` page as help in plain text and Markdown, default level, which fixes it has); each
result names its rule by id and index, its place as a physical location, its offending text as
the region's snippet, a fingerprint that survives lines added above it, and its fix as SARIF
``fixes`` when it has one. With a baseline every result that
reaches the report is ``baselineState: "new"``: the unchanged ones were filtered out before.
Files that could not be linted are error notifications of the run's invocation.

Columns count code points, as everywhere in kzvalidate, so the run says
``columnKind: "unicodeCodePoints"``; SARIF's end column, like ours, points just past the last
character. Results are streamed as they come, and the driver follows them (JSON does not order
an object's keys), so memory does not grow with the number of findings: only one fingerprint
counter per distinct finding is kept.
"""

from __future__ import annotations

import base64
import json
import os
from collections.abc import Sequence
from typing import Any
from urllib.parse import quote

from kzvalidate import __version__
from kzvalidate.model import Finding, Fix, Severity, Span
from kzvalidate.report import docstring
from kzvalidate.report.base import Reporter
from kzvalidate.report.display import readable
from kzvalidate.report.docs import description, explain_markdown, explain_text
from kzvalidate.report.fingerprints import Occurrences
from kzvalidate.results import Summary, offending_text
from kzvalidate.rules import RULES
from kzvalidate.rules.base import AnyRule

SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
FINGERPRINT_KEY = "kzvalidate/v1"
"""The name of our entry in a result's ``partialFingerprints``."""
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
_URI_SAFE = "/!$&'()*+,;=@-._~"
"""Characters a relative URI reference may hold as they are (RFC 3986); ``:`` is escaped, or a
first path segment such as ``a:b.txt`` would read as a scheme."""


def artifact_uri(path: str) -> str:
    """A path as the URI reference SARIF wants: relative paths stay relative, with ``/``
    separators; anything a URI cannot hold (spaces, ``%``, ``#``, non-ASCII, undecodable bytes
    of the file name) is percent-encoded from the name's bytes."""
    if os.sep != "/":
        path = path.replace(os.sep, "/")
    return quote(path.encode("utf-8", "surrogateescape"), safe=_URI_SAFE)


def region(span: Span) -> dict[str, int]:
    return {
        "startLine": span.line,
        "startColumn": span.column,
        "endLine": span.end_line,
        "endColumn": span.end_column,
    }


def content(text: str) -> dict[str, str]:
    """Inserted text as SARIF artifact content; as exact bytes (base64) if it holds bytes that
    are not UTF-8."""
    if readable(text) == text:
        return {"text": text}
    raw = text.encode("utf-8", "surrogateescape")
    return {"binary": base64.b64encode(raw).decode("ascii")}


def sarif_fix(fix: Fix, uri: str) -> dict[str, Any]:
    replacements = []
    for edit in fix.edits:
        replacement: dict[str, Any] = {"deletedRegion": region(edit.span)}
        if edit.content:
            replacement["insertedContent"] = content(edit.content)
        replacements.append(replacement)
    return {
        "description": {"text": readable(fix.description)},
        "artifactChanges": [{"artifactLocation": {"uri": uri}, "replacements": replacements}],
        "properties": {"safe": fix.safe},
    }


def location(finding: Finding, uri: str) -> dict[str, Any]:
    place: dict[str, Any] = region(finding.span)
    snippet = offending_text(finding)
    # The snippet must be the whole region's text; a finding keeps only its first line.
    if snippet and finding.end_line == finding.line:
        place["snippet"] = {"text": readable(snippet)}
    return {"physicalLocation": {"artifactLocation": {"uri": uri}, "region": place}}


def result_properties(finding: Finding) -> dict[str, Any]:
    properties: dict[str, Any] = {}
    if finding.hint is not None:
        properties["hint"] = readable(finding.hint)
    if finding.article is not None:
        article = finding.article
        properties["article"] = {
            "line": article.line,
            "date": readable(article.date),
            "time": readable(article.time),
            "title": None if article.title is None else readable(article.title),
        }
    return properties


def rule_descriptor(rule: AnyRule) -> dict[str, Any]:
    """A rule as a SARIF reporting descriptor: its documentation as plain text (and the whole
    ``explain`` page as text and Markdown for ``help``), its default level, its fixes."""
    properties: dict[str, Any] = {
        "fixable": rule.fixable,
        "scope": rule.scope,
        "enabledByDefault": rule.enabled_by_default,
    }
    if rule.fix_safety is not None:
        properties["fixSafety"] = str(rule.fix_safety)
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": docstring.plain(rule.summary)},
        "fullDescription": {"text": docstring.to_text(docstring.parse(description(rule)))},
        "help": {"text": explain_text(rule), "markdown": explain_markdown(rule)},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": properties,
    }


class RuleIndex:
    """The run's reporting descriptors: the selected rules first, in registry order, then any
    other rule a finding names (so every ``ruleIndex`` points at its rule)."""

    def __init__(self, selected: Sequence[AnyRule]) -> None:
        self.descriptors = [rule_descriptor(rule) for rule in selected]
        self.index = {rule.code: number for number, rule in enumerate(selected)}

    def of(self, finding: Finding) -> int:
        number = self.index.get(finding.code)
        if number is None:
            number = self.index[finding.code] = len(self.descriptors)
            known = RULES.get(finding.code)
            descriptor = rule_descriptor(known) if known else {"id": finding.code}
            self.descriptors.append(descriptor | {"name": finding.name})
        return number


def notification(path: str, message: str) -> dict[str, Any]:
    """A file that could not be linted, as an error of the tool's execution."""
    return {
        "level": "error",
        "message": {"text": f"{readable(path)}: {readable(message)}"},
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": artifact_uri(path)}}}],
    }


def invocation(summary: Summary) -> dict[str, Any]:
    notifications = [notification(path, message) for path, message in summary.errors]
    done: dict[str, Any] = {"executionSuccessful": not notifications}
    if notifications:
        done["toolExecutionNotifications"] = notifications
    return done


def dumps(value: Any, indent: int | None = None) -> str:
    return json.dumps(value, ensure_ascii=False, indent=indent)


class SarifReporter(Reporter):
    _HEAD = (
        f'{{\n  "$schema": {dumps(SCHEMA)},\n  "version": "2.1.0",\n  "runs": [\n    {{\n'
        '      "columnKind": "unicodeCodePoints",\n      "results": ['
    )

    def start(self) -> None:
        self.rules = RuleIndex(self.options.rules)
        self.occurrences = Occurrences()
        self.separator = "\n        "
        self.out.write(self._HEAD)

    def finding(self, finding: Finding) -> None:
        self.out.write(self.separator + dumps(self.result(finding)))
        self.separator = ",\n        "

    def result(self, finding: Finding) -> dict[str, Any]:
        uri = artifact_uri(finding.path)
        result: dict[str, Any] = {
            "ruleId": finding.code,
            "ruleIndex": self.rules.of(finding),
            "level": LEVELS[finding.severity],
            "message": {"text": readable(finding.message)},
            "locations": [location(finding, uri)],
            "partialFingerprints": {FINGERPRINT_KEY: self.occurrences.name(finding)},
        }
        if finding.fix is not None:
            result["fixes"] = [sarif_fix(finding.fix, uri)]
        if self.options.baseline:
            result["baselineState"] = "new"
        properties = result_properties(finding)
        if properties:
            result["properties"] = properties
        return result

    def finish(self, summary: Summary) -> None:
        closing = "\n      ]" if self.separator.startswith(",") else "]"
        driver = {
            "name": "kzvalidate",
            "version": __version__,
            "semanticVersion": __version__,
            "rules": self.rules.descriptors,
        }
        rest = dumps({"tool": {"driver": driver}, "invocations": [invocation(summary)]}, 2)
        members = "\n".join("    " + line for line in rest[2:-2].splitlines())
        self.out.write(f"{closing},\n{members}\n    }}\n  ]\n}}\n")
