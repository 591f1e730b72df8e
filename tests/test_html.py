"""The HTML report for editors: its structure and escaping read with the standard library's HTML
parser, and the page itself rendered by real headless Chromium (Debian's ``chromium`` package,
driven by playwright) from a ``file://`` URL with every other request refused.

The Chromium tests share one browser for the module; without Chromium they fail and say how to
install it.
"""

from __future__ import annotations

import importlib.util
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

import pytest

from kzvalidate import report
from kzvalidate.check.engine import Linter
from kzvalidate.model import Finding, Fix, Severity, Span
from kzvalidate.report.base import ReportOptions
from kzvalidate.report.display import visible
from kzvalidate.report.html import HtmlReporter, excerpt_html, source_hash
from kzvalidate.results import FileResult, Summary, offending_text
from kzvalidate.rules import select
from tests.helpers import ROOT, SEEDS, run_cli
from tests.test_hostile import ARTICLE, BAD_UTF8_DUMP, CLEAN, NUL_DUMP

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Page, Route

PAYLOAD = "window.pwned = 1"
HOSTILE_TITLE = f'<script>{PAYLOAD}</script> "Quotes" & <b>bold</b>'
HOSTILE_BODY = (
    f'</mark></p><img src="x" onerror="{PAYLOAD}"><a href="http://example.invalid">link</a> '
    "Tax\u202eis 05\u202c and \u2066isolated\u2069 with a zero\u200bwidth space and a bell\x07."
)
HOSTILE_DUMP = f"03.03.2026, 14:12 11421\n{HOSTILE_TITLE}\n{HOSTILE_BODY}\n".encode()
HOSTILE_NAME = "<b onmouseover=\"alert('x')\">&amp;caf\udce9.txt"
"""A file name with markup and a byte that is not UTF-8 (kept as a lone surrogate)."""
SHOWN_NAME = HOSTILE_NAME.replace("\udce9", "\ufffd")
HIDDEN = re.compile("[\u202a-\u202e\u2066-\u2069\u200b\x00-\x08\x0b-\x1f\x7f\ud800-\udfff]")
"""Characters the page must never hold as they are (direction controls, zero-width, controls)."""
PAGE_TAGS = {
    *("#document", "html", "head", "meta", "title", "style", "body", "header", "main", "nav"),
    *("section", "div", "h1", "h2", "h3", "p", "ul", "ol", "li", "dl", "dt", "dd", "span"),
    *("mark", "code", "a", "label", "input", "select", "option", "fieldset", "legend"),
    *("script", "details", "summary", "table", "thead", "tbody", "tr", "th", "td"),
}
"""The elements the report itself writes: none may come from the text of a dump."""


# -- reading the page -------------------------------------------------------------------------


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    children: list[Element | str] = field(default_factory=list)

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def iter(self) -> Iterator[Element]:
        yield self
        for child in self.children:
            if isinstance(child, Element):
                yield from child.iter()

    def find_all(self, tag: str, class_: str | None = None) -> list[Element]:
        return [
            e
            for e in self.iter()
            if e.tag == tag and (class_ is None or class_ in e.attrs.get("class", "").split())
        ]

    def find(self, tag: str, class_: str | None = None) -> Element:
        found = self.find_all(tag, class_)
        assert found, f"no <{tag} class={class_}>"
        return found[0]


VOID = {"meta", "input", "br", "img", "link", "hr", "wbr"}


class TreeBuilder(HTMLParser):
    """The page as a tree of elements; fails on a closing tag that closes nothing open."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.open = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {name: value or "" for name, value in attrs})
        self.open[-1].children.append(element)
        if tag not in VOID:
            self.open.append(element)

    def handle_endtag(self, tag: str) -> None:
        assert self.open[-1].tag == tag, f"</{tag}> closes <{self.open[-1].tag}>"
        self.open.pop()

    def handle_data(self, data: str) -> None:
        self.open[-1].children.append(data)


def parse(page: str) -> Element:
    builder = TreeBuilder()
    builder.feed(page)
    builder.close()
    assert builder.open == [builder.root], "unclosed elements"
    return builder.root


def render(*files: tuple[str, bytes], options: ReportOptions | None = None) -> str:
    """The HTML report of linting ``files`` (path, bytes) with the default rules, in-process."""
    out = io.StringIO()
    reporter = HtmlReporter(out, io.StringIO(), options)
    linter, summary = Linter(select(None)), Summary()
    reporter.start()
    for path, data in files:
        result = linter.lint_bytes(data, path)
        for finding in result.findings:
            reporter.finding(finding)
        reporter.file(result)
        summary.add(result)
    reporter.finish(summary)
    return out.getvalue()


def finding(**changes: Any) -> Finding:
    values: dict[str, Any] = {
        "path": "a.txt",
        "line": 3,
        "column": 5,
        "end_line": 3,
        "end_column": 8,
        "code": "KZ303",
        "name": "unbalanced-quotes",
        "severity": Severity.WARNING,
        "message": "closing quotation mark has no opening mark",
        "hint": "add the opening mark",
        "line_text": "The fox jumps.",
    }
    values.update(changes)
    return Finding(**values)


# -- the seeds, linted once through the command ------------------------------------------------


@dataclass(frozen=True)
class SeedsRun:
    page: str
    report_file: Path
    json_report: dict[str, Any]
    text_stdout: str


@pytest.fixture(scope="module")
def seeds_run(tmp_path_factory: pytest.TempPathFactory) -> SeedsRun:
    """``lint fixtures/seeds -f json -o report.json -o report.html``: the HTML and the JSON
    report of one run (the second ``-o`` takes its format from its suffix)."""
    folder = tmp_path_factory.mktemp("seeds")
    html_file, json_file = folder / "report.html", folder / "report.json"
    done = run_cli(
        "lint", "fixtures/seeds", "-f", "json", "-o", str(json_file), "-o", str(html_file)
    )
    assert done.returncode == 1, done.stderr
    page = html_file.read_text(encoding="utf-8")
    return SeedsRun(page, html_file, json.loads(json_file.read_text("utf-8")), done.stdout)


def test_html_is_a_lint_format_and_the_text_report_still_goes_to_the_terminal(
    seeds_run: SeedsRun,
) -> None:
    assert "html" in report.LINT.choices
    assert seeds_run.page.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert "Found 23 findings" in seeds_run.text_stdout


def test_counts_at_the_top_match_the_run(seeds_run: SeedsRun) -> None:
    summary = seeds_run.json_report["summary"]
    tiles = {
        tile.attrs["data-count"]: tile.find("dd").text()
        for tile in parse(seeds_run.page).iter()
        if "data-count" in tile.attrs
    }
    assert tiles == {
        "files": str(summary["files"]),
        "articles": str(summary["articles"]),
        "error": str(summary["by_severity"]["error"]),
        "warning": str(summary["by_severity"]["warning"]),
    }, "no 'info' tile when there is no info finding, no baseline tile without a baseline"


def test_findings_are_grouped_by_file_then_article(seeds_run: SeedsRun) -> None:
    document = parse(seeds_run.page)
    expected = seeds_run.json_report["findings"]
    files = document.find_all("section", "file")
    assert [f.find("h2").text() for f in files] == sorted({f["path"] for f in expected})
    assert sum(len(f.find_all("li", "finding")) for f in files) == len(expected) == 23
    first = files[0].find_all("section", "group")[0]
    heading = first.find("h3")
    assert heading.find("span", "when").text() == "03.03.2026 14:12 \u00b7 line 1"
    assert heading.text().endswith(
        "Kazakh Interior Ministry says crimes down 8% in two months of 2026"
    )
    for item in document.find_all("li", "finding"):
        line = int(item.find("span", "where").text().split(",")[0].removeprefix("line "))
        assert item.attrs["data-severity"] in {"error", "warning"}
        assert item.find("span", "severity").text() == item.attrs["data-severity"].title()
        assert item.find("span", "code").text() == item.attrs["data-rule"]
        assert any(f["code"] == item.attrs["data-rule"] and f["line"] == line for f in expected), (
            item.text()
        )
        assert item.find("p", "message").text()
        assert item.find("p", "todo").text().startswith("What to do: ")


def test_each_finding_shows_its_text_highlighted_in_its_paragraph() -> None:
    data = (SEEDS / "000_752030e2fc2ef886.txt").read_bytes()
    result = Linter(select(["KZ301"])).lint_bytes(data, "seed.txt")
    (court,) = result.findings
    excerpt = parse(excerpt_html(court)).find("p", "excerpt")
    assert excerpt.find("mark").text() == offending_text(court) == "\u0441"
    assert "Aktobe regional " in excerpt.text() and "ourt); Arman Zhukenov" in excerpt.text()
    assert court.line_text is not None
    assert excerpt.text().replace("\u2026", "") in court.line_text


def test_a_long_paragraph_is_shortened_around_its_finding_between_words() -> None:
    words = " ".join(f"word{n}" for n in range(400))
    at = words.index("word200")
    long = finding(line_text=words, column=at + 1, end_column=at + 8)
    excerpt = parse(excerpt_html(long)).find("p", "excerpt").text()
    assert excerpt.startswith("\u2026word") and excerpt.endswith("\u2026")
    assert len(excerpt) < 500 and "word200" in excerpt
    assert excerpt.strip("\u2026") in words, "cut between words"
    clipped = parse(
        excerpt_html(
            finding(line_text="tail of a line", line_text_start=90, column=99, end_column=101)
        )
    )
    assert clipped.find("mark").text() == "a "
    assert clipped.text().startswith("\u2026tail of ")


def test_a_point_a_run_on_span_and_a_line_ending_are_shown() -> None:
    point = parse(excerpt_html(finding(column=15, end_column=15)))
    assert point.find("mark", "spot").text() == "here"
    run_on = parse(excerpt_html(finding(column=5, end_line=4, end_column=2)))
    assert run_on.find("mark").text() == "fox jumps."
    crlf = parse(excerpt_html(finding(line_ending="\r\n", column=15, end_column=17)))
    marks = crlf.find("mark").find_all("span", "hidden-char")
    assert [m.attrs["title"] for m in marks] == [
        "hidden character: carriage return (U+000D)",
        "hidden character: line feed (U+000A)",
    ]
    assert excerpt_html(finding(line_text=None)) == ""


def test_fix_wording_says_which_command_mends_it() -> None:
    span = Span(3, 5, 3, 8)
    safe = finding(fix=Fix.replace("replace it with 'c'", span, "c"))
    unsafe = finding(fix=Fix.delete("delete the text", span, safe=False))
    page = parse(render_findings([safe, unsafe]))
    fixes = [p.text() for p in page.find_all("p", "fix")]
    assert fixes[0] == "Fix: Replace it with 'c'. kzvalidate lint --fix can mend this."
    assert fixes[1].startswith("Fix: Delete the text. kzvalidate lint --fix --unsafe-fixes can ")
    assert "rewrites or deletes words" in fixes[1]


def render_findings(
    findings: list[Finding], summary: Summary | None = None, options: ReportOptions | None = None
) -> str:
    out = io.StringIO()
    reporter = HtmlReporter(out, io.StringIO(), options)
    result = FileResult("a.txt", articles=1)
    for one in findings:
        result.take(one, reporter.finding)
    reporter.file(result)
    if summary is None:
        summary = Summary()
        summary.add(result)
    reporter.finish(summary)
    return out.getvalue()


def test_findings_outside_any_article_and_files_without_findings() -> None:
    page = render(
        ("preamble.txt", b"stray\n" + ARTICLE.encode()),
        ("not-a-dump.txt", b"just some notes \n"),
        ("clean.txt", CLEAN.encode()),
    )
    document = parse(page)
    groups = {
        f.find("h2").text(): [g.find("h3").text() for g in f.find_all("section", "group")]
        for f in document.find_all("section", "file")
    }
    assert groups["preamble.txt"][0] == "Before the first article"
    assert groups["preamble.txt"][1].startswith("03.03.2026 14:12 \u00b7 line 2")
    assert groups["not-a-dump.txt"] == ["The whole file"]
    assert document.find("section", "clean").find("summary").text() == "1 file without problems"


def test_files_that_could_not_be_read_and_the_baseline_are_told() -> None:
    summary = Summary(files=2, suppressed=4, stale_baseline=1)
    summary.errors.append(("gone.txt", "no such file or directory"))
    summary.by_severity[Severity.WARNING] = 1
    summary.by_rule[("KZ303", "unbalanced-quotes")] = 1
    page = render_findings([finding()], summary, ReportOptions(baseline=True))
    document = parse(page)
    problems = document.find("section", "problems")
    assert problems.find("li").text() == "gone.txt: no such file or directory"
    tiles = {t.attrs["data-count"]: t.find("dd").text() for t in document.find_all("div", "count")}
    assert tiles["suppressed"] == "4"
    notes = document.find("ul", "notes").text()
    assert "4 findings accepted by the baseline are not shown." in notes
    assert "1 baseline entry no longer matches anything" in notes
    assert document.find("span", "new").text() == "New"


def test_the_page_loads_nothing_and_allows_only_its_own_style_and_script(
    seeds_run: SeedsRun,
) -> None:
    document = parse(seeds_run.page)
    (policy,) = [
        m.attrs["content"]
        for m in document.find_all("meta")
        if m.attrs.get("http-equiv") == "Content-Security-Policy"
    ]
    (style,), (script,) = document.find_all("style"), document.find_all("script")
    assert policy == (
        f"default-src 'none'; style-src {source_hash(style.text())}; "
        f"script-src {source_hash(script.text())}; base-uri 'none'; form-action 'none'"
    )
    for element in document.iter():
        assert element.tag not in {"link", "img", "iframe", "object", "embed", "base"}
        assert "src" not in element.attrs and "style" not in element.attrs
        assert element.attrs.get("href", "#").startswith("#"), element.attrs
    assert "url(" not in style.text() and "@import" not in style.text()


@pytest.mark.parametrize(
    "data",
    [HOSTILE_DUMP, NUL_DUMP.encode(), BAD_UTF8_DUMP, HOSTILE_DUMP.replace(b"bell", b"b\xffell")],
    ids=["markup-and-bidi", "nul-bytes", "invalid-utf8", "markup-and-invalid-utf8"],
)
def test_hostile_text_is_escaped_and_hidden_characters_are_marked(data: bytes) -> None:
    page = render((HOSTILE_NAME, data))
    document = parse(page)
    assert HIDDEN.search(page) is None
    assert {element.tag for element in document.iter()} <= PAGE_TAGS
    assert len(document.find_all("script")) == 1 and not document.find_all("b")
    for element in document.iter():
        assert not any(name.startswith("on") for name in element.attrs), element.attrs
    assert document.find("section", "file").find("h2").text() == SHOWN_NAME
    page.encode("utf-8")  # strict: the report file takes it
    for mark in document.find_all("span", "hidden-char"):
        assert mark.attrs["title"].startswith("hidden character: ")


def test_markup_in_an_article_is_shown_as_text() -> None:
    document = parse(render(("a.txt", HOSTILE_DUMP)))
    (group,) = document.find_all("section", "group")
    assert group.find("h3").text().endswith(HOSTILE_TITLE)
    shown = [p.text() for p in document.find_all("p", "excerpt")]
    assert any('</mark></p><img src="x" onerror=' in text for text in shown)
    titles = {m.attrs["title"] for m in document.find_all("span", "hidden-char")}
    assert {
        "hidden character: right-to-left override (U+202E)",
        "hidden character: pop directional formatting (U+202C)",
        "hidden character: left-to-right isolate (U+2066)",
        "hidden character: zero width space (U+200B)",
    } <= titles
    named = parse(render((HOSTILE_NAME, ARTICLE.encode()))).find("section", "file").find("h2")
    assert named.find("span", "hidden-char").attrs["title"] == (
        "hidden character: the byte 0xE9, which is not UTF-8 text"
    )


def test_direction_controls_and_separators_are_made_visible_on_every_report() -> None:
    assert visible("Tax\u202eis 05\u202c \u2066x\u2069 a\u2028b \u00adc\n") == (
        "Tax\ufffdis 05\ufffd \ufffdx\ufffd a\ufffdb \ufffdc"
    )
    assert visible("Vu\u010di\u0107 \u00a0\u0441ourt\n") == "Vu\u010di\u0107 \u00a0\u0441ourt"


# -- real Chromium -----------------------------------------------------------------------------


def screenshot_script() -> ModuleType:
    """``benchmarks/screenshot_html.py``, loaded from its file as the benchmarks are run; it
    launches Chromium for these tests too."""
    spec = importlib.util.spec_from_file_location(
        "kzvalidate_bench_screenshot", ROOT / "benchmarks" / "screenshot_html.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def script() -> ModuleType:
    return screenshot_script()


@pytest.fixture(scope="module")
def browser(script: ModuleType) -> Iterator[Browser]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        try:
            launched: Browser = script.launch_chromium(playwright)
        except script.ChromiumMissingError as error:
            pytest.fail(str(error))
        yield launched
        launched.close()


@dataclass
class Opened:
    page: Page
    requests: list[str]
    console: list[str]


@pytest.fixture
def open_report(browser: Browser) -> Iterator[Any]:
    """Open an HTML file in Chromium (``scripts=False``: with JavaScript off): every request is
    recorded, and any but the file is refused."""
    contexts: list[BrowserContext] = []

    def open_file(path: Path, scripts: bool = True) -> Opened:
        url = path.resolve().as_uri()
        contexts.append(browser.new_context(java_script_enabled=scripts))
        page = contexts[-1].new_page()
        opened = Opened(page, [], [])

        def record(route: Route) -> None:
            opened.requests.append(route.request.url)
            if route.request.url == url:
                route.continue_()
            else:
                route.abort()

        page.route("**/*", record)
        page.on("console", lambda message: opened.console.append(message.text))
        page.goto(url)
        assert opened.requests == [url], "the page asked for nothing but itself"
        return opened

    yield open_file
    for context in contexts:
        context.close()


def test_chromium_shows_the_findings_titles_and_counts(
    seeds_run: SeedsRun, open_report: Any
) -> None:
    opened: Opened = open_report(seeds_run.report_file)
    page = opened.page
    summary = seeds_run.json_report["summary"]
    findings = page.locator(".finding")
    assert findings.count() == summary["findings"] == 23
    for index in range(findings.count()):
        assert findings.nth(index).is_visible()
    words = set(page.locator(".finding .severity").all_text_contents())
    assert words == {"Error", "Warning"}
    assert page.locator(".finding .severity").first.inner_text() == "ERROR"  # shown in capitals
    for title in (
        "Kazakh Interior Ministry says crimes down 8% in two months of 2026",
        "Head of State signs decree appointing new chief justices and judges",
    ):
        assert page.get_by_role("heading", name=re.compile(re.escape(title))).is_visible()
    for name, count in (("error", 11), ("warning", 12), ("files", 2), ("articles", 18)):
        assert page.locator(f"[data-count={name}] dd").inner_text() == str(count)
    assert summary["by_severity"]["error"] == 11 and summary["articles"] == 18
    mark = page.locator("mark").first
    assert mark.is_visible()
    assert mark.evaluate("m => getComputedStyle(m).backgroundColor") == "rgb(255, 217, 90)"
    assert not [text for text in opened.console if "Content Security Policy" in text]


def test_chromium_filters_by_severity_and_rule(seeds_run: SeedsRun, open_report: Any) -> None:
    page = open_report(seeds_run.report_file).page
    warnings, errors = page.locator(".finding.warning"), page.locator(".finding.error")
    assert page.get_by_label("Warnings (12)").is_visible()
    page.get_by_label("Warnings (12)").uncheck()
    assert all(not warnings.nth(i).is_visible() for i in range(warnings.count()))
    assert all(errors.nth(i).is_visible() for i in range(errors.count()))
    assert page.locator("#filter-status").inner_text().startswith("Showing 11 of 23 findings")
    page.get_by_label("Warnings (12)").check()
    page.get_by_label("Rule", exact=True).select_option("KZ303")
    visible = [
        i
        for i in range(page.locator(".finding").count())
        if page.locator(".finding").nth(i).is_visible()
    ]
    assert len(visible) == 7
    assert set(page.locator(".finding:visible .code").all_text_contents()) == {"KZ303"}
    page.emulate_media(media="print")
    assert not page.locator("#filters").is_visible()
    breaks = page.locator("section.file").evaluate_all(
        "files => files.map(f => getComputedStyle(f).breakBefore)"
    )
    assert breaks == ["auto", "page"], "each file after the first starts a page"


def test_chromium_shows_hostile_text_as_text(tmp_path: Path, open_report: Any) -> None:
    hostile = tmp_path / "hostile.html"
    hostile.write_text(render((HOSTILE_NAME, HOSTILE_DUMP)), encoding="utf-8")
    opened: Opened = open_report(hostile)
    page = opened.page
    assert page.evaluate("() => window.pwned") is None
    assert page.locator("img, b, a[href^=http]").count() == 0
    assert page.locator("script").count() == 1
    heading = page.get_by_role("heading", level=3)
    assert HOSTILE_TITLE in heading.inner_text()
    assert page.locator("section.file h2").inner_text() == SHOWN_NAME
    assert page.get_by_text('<img src="x" onerror=').first.is_visible()
    assert page.locator(".hidden-char").first.is_visible()


def test_screenshot_script_writes_a_png(
    seeds_run: SeedsRun, browser: Browser, script: ModuleType, tmp_path: Path
) -> None:
    png = tmp_path / "report.png"
    assert script.screenshot(browser, seeds_run.report_file, png) == []
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_chromium_without_scripts_shows_everything_and_no_filters(
    seeds_run: SeedsRun, open_report: Any
) -> None:
    page = open_report(seeds_run.report_file, scripts=False).page
    findings = page.locator(".finding")
    assert findings.count() == 23
    assert all(findings.nth(i).is_visible() for i in range(findings.count()))
    assert not page.locator("#filters").is_visible()
