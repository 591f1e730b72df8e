"""``--format json``: one JSON document, described by ``contracts/report.schema.json``."""

from __future__ import annotations

import json
from typing import Any

from kzvalidate import __version__
from kzvalidate.display import readable
from kzvalidate.engine import FileResult
from kzvalidate.model import Finding, Fix, Severity
from kzvalidate.reporters.base import Reporter
from kzvalidate.summary import Summary

REPORT_VERSION = "1.0.0"


def fix_json(fix: Fix) -> dict[str, Any]:
    return {
        "description": fix.description,
        "safe": fix.safe,
        "edits": [
            {
                "line": edit.span.line,
                "column": edit.span.column,
                "end_line": edit.span.end_line,
                "end_column": edit.span.end_column,
                "content": edit.content,
            }
            for edit in fix.edits
        ],
    }


def finding_json(finding: Finding) -> dict[str, Any]:
    data: dict[str, Any] = {
        "path": readable(finding.path),
        "line": finding.line,
        "column": finding.column,
        "end_line": finding.end_line,
        "end_column": finding.end_column,
        "code": finding.code,
        "name": finding.name,
        "severity": str(finding.severity),
        "message": readable(finding.message),
    }
    if finding.hint is not None:
        data["hint"] = readable(finding.hint)
    if finding.fix is not None:
        data["fix"] = fix_json(finding.fix)
    return data


class JsonReporter(Reporter):
    def start(self) -> None:
        self.findings: list[dict[str, Any]] = []

    def file(self, result: FileResult) -> None:
        self.findings.extend(finding_json(finding) for finding in result.findings)
        super().file(result)

    def finish(self, summary: Summary) -> None:
        report = {
            "version": REPORT_VERSION,
            "tool": {"name": "kzvalidate", "version": __version__},
            "findings": self.findings,
            "errors": [
                {"path": readable(path), "message": readable(message)}
                for path, message in summary.errors
            ],
            "summary": {
                "files": summary.files,
                "files_with_errors": len(summary.errors),
                "articles": summary.articles,
                "findings": summary.findings,
                "fixed": summary.fixed,
                "by_severity": {str(s): summary.by_severity[s] for s in Severity},
                "by_rule": {code: n for (code, _), n in sorted(summary.by_rule.items())},
            },
        }
        json.dump(report, self.out, ensure_ascii=False, indent=2)
        self.out.write("\n")
