"""``--format junit``: JUnit XML for the test tabs of Jenkins, GitLab and other CI services.

One ``<testsuite>`` per file (its name is the path), one failing ``<testcase>`` per finding
(``<failure type="CODE">`` with the message, the offending line and the hint), one passing test
case for a file without findings, and an ``<error>`` test case for a file that could not be
linted. The document follows the Apache Ant schema most services read (``junit-windyroad.xsd``:
every suite has a timestamp, a hostname, a time and ``properties``, ``system-out`` and
``system-err`` elements).

XML 1.0 cannot hold control characters, not even escaped, so they are shown as the visible
symbols of their code (``␀``, ``␛``); bytes that were not UTF-8 become ``\ufffd``.

The findings of a file may still arrive after its file is done (rules that compare the articles
of every file report after the last one), and a suite's start tag holds its counts, so the
document is written at the end. Until then it holds, per finding, the strings of its test case,
not the finding: about 1 KB (20,000 findings of one 18 MB file: 19 MB more than the JSON
report), and writes one test case element at a time.
"""

from __future__ import annotations

import io
import socket
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import UTC, datetime
from xml.sax.saxutils import quoteattr

from kzvalidate.model import Finding
from kzvalidate.patterns import compiled
from kzvalidate.report.base import Reporter, ReportOptions
from kzvalidate.report.display import visible_char
from kzvalidate.report.text import PLAIN, TextReporter, heading_text
from kzvalidate.results import FileResult, Summary

_NOT_XML = compiled("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_ATTRIBUTE = {"\n": "&#10;", "\r": "&#13;", "\t": "&#9;"}
"""Characters an attribute value keeps only as references (a parser would turn them into spaces)."""
READ_ERROR = "read-error"
"""The ``type`` of the ``<error>`` of a file that could not be linted."""


def xml_text(text: str) -> str:
    """Text that XML 1.0 can hold: every character it cannot is shown by a visible stand-in."""
    return _NOT_XML.sub(lambda match: stand_in(match.group()), text)


def stand_in(char: str) -> str:
    return visible_char(char) if char < " " else "\ufffd"


@dataclass(frozen=True, slots=True)
class Case:
    """One test case: a finding (``kind="failure"``), a file that could not be linted
    (``kind="error"``), or a clean file (``kind=""``)."""

    name: str
    kind: str = ""
    type: str = ""
    message: str = ""
    details: str = ""


@dataclass
class Suite:
    """The test cases of one file, and how long it took to lint."""

    path: str
    cases: list[Case] = field(default_factory=list)
    seconds: float = 0.0


CLEAN = Case(name="no findings")
"""The one passing test case of a file without findings."""


def plain_renderer() -> TextReporter:
    """The text report's way of writing one finding, without colour."""
    renderer = TextReporter(io.StringIO(), io.StringIO(), ReportOptions())
    renderer.palette = PLAIN
    return renderer


def failure_text(finding: Finding, renderer: TextReporter) -> str:
    """What a failing test case shows: the finding's article, then the finding as the text
    report writes it (the offending line with the span marked, the hint)."""
    where = heading_text(finding.article)
    if finding.article is not None:
        where = f"in the article {where}"
    return f"{where}\n{renderer.render(finding)}"


def finding_case(finding: Finding, renderer: TextReporter) -> Case:
    return Case(
        name=f"{finding.code} {finding.name} at {finding.line}:{finding.column}",
        kind="failure",
        type=finding.code,
        message=finding.message,
        details=failure_text(finding, renderer),
    )


def suite_head(number: int, suite: Suite, timestamp: str, hostname: str) -> str:
    """The start tag of a file's suite, with its counts."""
    cases = suite.cases or [CLEAN]
    attributes = {
        "name": suite.path,
        "package": suite.path,
        "id": str(number),
        "timestamp": timestamp,
        "hostname": hostname,
        "tests": str(len(cases)),
        "failures": str(sum(case.kind == "failure" for case in cases)),
        "errors": str(sum(case.kind == "error" for case in cases)),
        "time": f"{suite.seconds:.3f}",
    }
    shown = " ".join(
        f"{key}={quoteattr(xml_text(value), _ATTRIBUTE)}" for key, value in attributes.items()
    )
    return f"<testsuite {shown}>"


def case_element(path: str, case: Case) -> ET.Element:
    element = ET.Element("testcase", name=xml_text(case.name), classname=xml_text(path), time="0")
    if case.kind:
        outcome = ET.SubElement(
            element, case.kind, message=xml_text(case.message), type=xml_text(case.type)
        )
        outcome.text = xml_text(case.details)
    return element


def host_name() -> str:
    """This machine's name, or ``localhost`` as the schema asks when it has none."""
    try:
        return socket.gethostname() or "localhost"
    except OSError:
        return "localhost"


class JunitReporter(Reporter):
    def start(self) -> None:
        self.suites: dict[str, Suite] = {}
        self.timestamp = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S")
        self.clock = time.perf_counter()
        self.renderer = plain_renderer()

    def suite(self, path: str) -> Suite:
        return self.suites.setdefault(path, Suite(path))

    def finding(self, finding: Finding) -> None:
        self.suite(finding.path).cases.append(finding_case(finding, self.renderer))

    def file(self, result: FileResult) -> None:
        super().file(result)
        now = time.perf_counter()
        suite = self.suite(result.path)
        suite.seconds += now - self.clock
        self.clock = now
        if result.error is not None:
            error = Case("could not be linted", "error", READ_ERROR, result.error, result.error)
            suite.cases.append(error)

    def finish(self, summary: Summary) -> None:
        """The document, one test case element at a time."""
        hostname = host_name()
        self.out.write('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites>\n')
        for number, path in enumerate(list(self.suites)):
            suite = self.suites.pop(path)
            self.out.write(f"  {suite_head(number, suite, self.timestamp, hostname)}\n")
            self.out.write("    <properties />\n")
            for case in suite.cases or [CLEAN]:
                element = case_element(suite.path, case)
                ET.indent(element, level=2)
                self.out.write(f"    {ET.tostring(element, encoding='unicode')}\n")
            self.out.write("    <system-out />\n    <system-err />\n  </testsuite>\n")
        self.out.write("</testsuites>\n")
