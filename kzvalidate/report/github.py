"""``--format github``: GitHub Actions workflow commands, one line per finding, written at once:
``::error file=PATH,line=L,col=C,endLine=L2,endColumn=C2,title=CODE name::message``.

The runner turns each line into an annotation on the file (``::warning`` for warnings,
``::notice`` for info). Values are escaped as GitHub's actions toolkit escapes them, so a path or
message with ``%``, line breaks, ``:`` or ``,`` cannot end a field or start another command.
Columns are given only for a finding on one line, since the runner rejects columns on
annotations that span lines. A file that could not be linted is ``::error file=PATH::reason``.
"""

from __future__ import annotations

from collections.abc import Mapping

from kzvalidate.model import Finding, Severity
from kzvalidate.report.base import Reporter
from kzvalidate.report.display import readable

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    """A command's message: ``%`` and line breaks escaped."""
    return readable(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A command's property value: also ``:`` and ``,``, which separate properties."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(name: str, properties: Mapping[str, str | int], message: str) -> str:
    """One workflow command line."""
    fields = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    return f"::{name} {fields}::{escape_data(message)}\n"


def place(finding: Finding) -> dict[str, str | int]:
    """Where a finding is, as annotation properties."""
    where: dict[str, str | int] = {"file": finding.path, "line": finding.line}
    if finding.end_line == finding.line:
        where |= {"col": finding.column, "endLine": finding.line, "endColumn": finding.end_column}
    else:
        where["endLine"] = finding.end_line
    return where


class GithubReporter(Reporter):
    def finding(self, finding: Finding) -> None:
        message = finding.message
        if finding.hint is not None:
            message += f"\nhint: {finding.hint}"
        properties = place(finding) | {"title": f"{finding.code} {finding.name}"}
        self.out.write(command(COMMANDS[finding.severity], properties, message))

    def file_error(self, path: str, message: str) -> None:
        super().file_error(path, message)
        self.out.write(command("error", {"file": path}, message))
