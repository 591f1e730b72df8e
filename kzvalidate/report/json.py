"""``--format json``: one JSON document, described by ``contracts/report.schema.json``.

The document is written as the run goes: findings are streamed into the ``findings`` array, the
errors and the summary follow at the end, so memory does not grow with the number of findings.
"""

from __future__ import annotations

import json
from typing import Any

from kzvalidate import __version__
from kzvalidate.model import Finding, Fix, Severity
from kzvalidate.report.base import Reporter
from kzvalidate.report.display import readable
from kzvalidate.results import Summary, finding_record

REPORT_VERSION = "1.1.0"


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
    data = finding_record(finding)
    data["path"], data["message"] = readable(finding.path), readable(finding.message)
    if finding.hint is not None:
        data["hint"] = readable(finding.hint)
    if finding.fix is not None:
        data["fix"] = fix_json(finding.fix)
    return data


def summary_json(summary: Summary) -> dict[str, Any]:
    return {
        "files": summary.files,
        "files_with_errors": len(summary.errors),
        "articles": summary.articles,
        "findings": summary.findings,
        "fixed": summary.fixed,
        "suppressed": summary.suppressed,
        "stale_baseline": summary.stale_baseline,
        "by_severity": {str(s): summary.by_severity[s] for s in Severity},
        "by_rule": {code: n for (code, _), n in sorted(summary.by_rule.items())},
    }


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


class JsonReporter(Reporter):
    def start(self) -> None:
        tool = {"name": "kzvalidate", "version": __version__}
        self.out.write(f'{{\n  "version": {dumps(REPORT_VERSION)},\n  "tool": {dumps(tool)},\n')
        self.out.write('  "findings": [')
        self.separator = "\n    "

    def finding(self, finding: Finding) -> None:
        self.out.write(self.separator + dumps(finding_json(finding)))
        self.separator = ",\n    "

    def finish(self, summary: Summary) -> None:
        errors = [
            {"path": readable(path), "message": readable(message)}
            for path, message in summary.errors
        ]
        closing = "\n  ]" if self.separator.startswith(",") else "]"
        self.out.write(f'{closing},\n  "errors": {dumps(errors)},\n')
        self.out.write(f'  "summary": {dumps(summary_json(summary))}\n}}\n')
