"""``--format html``: one self-contained page for newsroom editors.

The page has the run's counts at the top, then the findings grouped by file and by article (its
date, time and title). Each finding shows its severity in words, its rule, what is wrong, what to
do, and the offending text highlighted inside its paragraph. Editors can filter by severity and
rule; with scripts off, everything is shown. ``--quiet`` and ``--statistics`` shape the terminal's
text report only: the page always has the findings and the count of each rule.

Nothing is loaded from anywhere: the style sheet and the small filter script are inline, allowed
by their hashes in a Content-Security-Policy that forbids everything else. All text from a dump is
escaped, and characters that show nothing or reorder the text around them (direction controls,
zero-width and control characters, bytes that are not UTF-8) are shown as visible marks.

The run rules' findings arrive after the last file, so the page is written at the end; meanwhile
each finding is kept as its rendered fragment and the few keys that place it.
"""

from __future__ import annotations

import base64
import hashlib
import html
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from typing import TextIO

from kzvalidate import __version__
from kzvalidate.model import ArticleRef, Finding, Fix, Severity
from kzvalidate.report.base import Reporter, ReportOptions
from kzvalidate.report.display import char_name, visible_char
from kzvalidate.results import FileResult, Summary

SEVERITY_WORD = {Severity.ERROR: "Error", Severity.WARNING: "Warning", Severity.INFO: "Note"}
SEVERITY_ORDER = (Severity.ERROR, Severity.WARNING, Severity.INFO)

SHORT_PARAGRAPH = 480
"""A paragraph up to this many characters is shown whole; a longer one around its finding."""
AROUND = 180
"""Characters kept on each side of the offending text in a shortened paragraph."""
LONGEST_MARK = 300
"""Characters of the offending text shown at most; the rest is left out."""
LONGEST_TITLE = 300

WHOLE_FILE, BEFORE_FIRST_ARTICLE = -2, -1
"""Group keys of findings outside any article; an article's group key is its header line."""


# -- text -------------------------------------------------------------------------------------


def text_html(text: str) -> str:
    """Text from a dump as HTML: escaped, with each character that shows nothing or moves the text
    around it replaced by a visible mark that names it."""
    if text.isprintable():
        return html.escape(text)
    return "".join(_char_html(char) for char in text)


def _char_html(char: str) -> str:
    shown = visible_char(char)
    if shown == char:
        return html.escape(char)
    return (
        f'<span class="hidden-char" title="hidden character: {html.escape(char_name(char))}">'
        f"{html.escape(shown)}</span>"
    )


def sentence(text: str) -> str:
    """A message or hint as a sentence: capital first letter, full stop at the end."""
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    ended = text.rstrip("'\"\u2019\u201d\u00bb)")[-1:] in (".", "!", "?")
    return text if ended else f"{text}."


def shortened(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit] + "\u2026"


def plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def severity_count(count: int, severity: Severity) -> str:
    """``3 errors``, ``1 warning``, ``2 notes``."""
    return plural(count, SEVERITY_WORD[severity].lower())


# -- one finding ------------------------------------------------------------------------------


def excerpt_html(finding: Finding) -> str:
    """The finding's paragraph (its line) with the offending text in ``<mark>``; a long paragraph
    shortened around it. Empty when the finding keeps no line."""
    if finding.line_text is None:
        return ""
    ending = "" if finding.line_ending == "\n" else finding.line_ending
    text = finding.line_text + ending
    shift = finding.line_text_start
    start = min(max(finding.column - 1 - shift, 0), len(text))
    end = finding.end_column - 1 - shift if finding.end_line == finding.line else len(text)
    end = min(max(end, start), len(text))
    left, right = _window(text, start, end)
    marked = text[start:end]
    if marked:
        mark = f"<mark>{text_html(shortened(marked, LONGEST_MARK))}</mark>"
    else:
        mark = '<mark class="spot" title="the problem is here">here</mark>'
    before = "\u2026" if left > 0 or shift > 0 else ""
    after = "\u2026" if right < len(text) else ""
    return (
        f'<p class="excerpt">{before}{text_html(text[left:start])}{mark}'
        f"{text_html(text[end:right])}{after}</p>"
    )


def _window(text: str, start: int, end: int) -> tuple[int, int]:
    """The part of a paragraph to show around the span ``start:end``, cut between words."""
    if len(text) <= SHORT_PARAGRAPH:
        return 0, len(text)
    left, right = max(0, start - AROUND), min(len(text), end + AROUND)
    if left > 0:
        space = text.find(" ", left, start)
        left = space + 1 if space != -1 else left
    if right < len(text):
        space = text.rfind(" ", end, right)
        right = space if space != -1 else right
    return left, right


def location(finding: Finding) -> str:
    if finding.end_line > finding.line:
        return f"lines {finding.line:,}\u2013{finding.end_line:,}"
    return f"line {finding.line:,}, column {finding.column:,}"


def fix_html(fix: Fix) -> str:
    command = "kzvalidate lint --fix" if fix.safe else "kzvalidate lint --fix --unsafe-fixes"
    caution = "" if fix.safe else " It rewrites or deletes words, so read the result."
    return (
        f'<p class="fix"><span class="label">Fix:</span> {text_html(sentence(fix.description))} '
        f"<code>{command}</code> can mend this.{caution}</p>"
    )


def finding_html(finding: Finding, baseline: bool) -> str:
    severity = str(finding.severity)
    new = ' <span class="new">New</span>' if baseline else ""
    parts = [
        f'<li class="finding {severity}" data-severity="{severity}" '
        f'data-rule="{html.escape(finding.code)}">',
        f'<p class="finding-head"><span class="severity">{SEVERITY_WORD[finding.severity]}</span>'
        f'{new} <span class="code">{html.escape(finding.code)}</span> '
        f'<span class="rule-name">{html.escape(finding.name)}</span> '
        f'<span class="where">{location(finding)}</span></p>',
        f'<p class="message">{text_html(sentence(finding.message))}</p>',
        excerpt_html(finding),
    ]
    if finding.hint:
        what = text_html(sentence(finding.hint))
        parts.append(f'<p class="todo"><span class="label">What to do:</span> {what}</p>')
    if finding.fix is not None:
        parts.append(fix_html(finding.fix))
    parts.append("</li>")
    return "".join(parts)


def article_heading(article: ArticleRef) -> str:
    when = " ".join(text_html(part) for part in (article.date, article.time) if part)
    place = f"{when} \u00b7 line {article.line:,}" if when else f"line {article.line:,}"
    if article.title and article.title.strip():
        title = text_html(shortened(article.title, LONGEST_TITLE))
    else:
        title = '<span class="untitled">Article without a title</span>'
    return f'<span class="when">{place}</span> {title}'


# -- what is kept until the end ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Kept:
    """What the page needs of one finding."""

    group: int
    order: tuple[int, int, str]
    severity: Severity
    fragment: str


@dataclass(slots=True)
class FileFindings:
    """The findings of one file, and the headings of the articles they are in."""

    path: str
    articles: int = 0
    read: bool = False
    kept: list[Kept] = field(default_factory=list)
    headings: dict[int, str] = field(default_factory=dict)

    def groups(self) -> Iterator[tuple[int, list[Kept]]]:
        """Findings by group, in order: the whole file, before the first article, each article."""
        by_group: dict[int, list[Kept]] = {}
        for kept in self.kept:
            group = WHOLE_FILE if kept.group < 0 and self.read and not self.articles else kept.group
            by_group.setdefault(group, []).append(kept)
        for group in sorted(by_group):
            yield group, sorted(by_group[group], key=lambda kept: kept.order)

    def heading(self, group: int) -> str:
        if group == WHOLE_FILE:
            return "The whole file"
        if group == BEFORE_FIRST_ARTICLE:
            return "Before the first article"
        return self.headings[group]


# -- the reporter -------------------------------------------------------------------------------


class HtmlReporter(Reporter):
    def __init__(self, out: TextIO, err: TextIO, options: ReportOptions | None = None) -> None:
        super().__init__(out, err, options)
        self.files: dict[str, FileFindings] = {}

    def _of(self, path: str) -> FileFindings:
        found = self.files.get(path)
        if found is None:
            found = self.files[path] = FileFindings(path)
        return found

    def finding(self, finding: Finding) -> None:
        of_file = self._of(finding.path)
        article = finding.article
        if article is not None:
            group = article.line
            if group not in of_file.headings:
                of_file.headings[group] = article_heading(article)
        elif finding.line_text is None:
            group = WHOLE_FILE
        else:
            group = BEFORE_FIRST_ARTICLE
        fragment = finding_html(finding, self.options.baseline)
        of_file.kept.append(Kept(group, finding.sort_key, finding.severity, fragment))

    def file(self, result: FileResult) -> None:
        super().file(result)
        if result.error is None:
            of_file = self._of(result.path)
            of_file.read, of_file.articles = True, result.articles

    def finish(self, summary: Summary) -> None:
        page = Page(summary, list(self.files.values()))
        for chunk in page.render():
            self.out.write(chunk)


# -- the page ---------------------------------------------------------------------------------


@cache
def asset(name: str) -> str:
    return (files("kzvalidate.report") / "assets" / name).read_text(encoding="utf-8")


def source_hash(text: str) -> str:
    """The CSP source that allows exactly this inline script or style."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def content_security_policy(script: bool) -> str:
    scripts = source_hash(asset("report.js")) if script else "'none'"
    return (
        f"default-src 'none'; style-src {source_hash(asset('report.css'))}; "
        f"script-src {scripts}; base-uri 'none'; form-action 'none'"
    )


class Page:
    """The whole page, written piece by piece."""

    def __init__(self, summary: Summary, of_files: list[FileFindings]) -> None:
        self.summary = summary
        self.files = of_files
        self.with_findings = [of_file for of_file in of_files if of_file.kept]

    def render(self) -> Iterator[str]:
        has_findings = bool(self.with_findings)
        yield self.head(has_findings)
        yield from self.top()
        if has_findings:
            yield self.filters()
            yield self.contents()
        for number, of_file in enumerate(self.with_findings, 1):
            yield from self.file_section(number, of_file)
        yield from self.problems()
        yield from self.clean_files()
        yield self.by_rule()
        yield "</main>\n"
        if has_findings:
            yield f"<script>{asset('report.js')}</script>\n"
        yield "</body>\n</html>\n"

    def head(self, script: bool) -> str:
        title = f"kzvalidate report: {self.verdict()}"
        return (
            "<!DOCTYPE html>\n"
            '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            f'<meta http-equiv="Content-Security-Policy" '
            f'content="{html.escape(content_security_policy(script))}">\n'
            '<meta name="referrer" content="no-referrer">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f'<meta name="generator" content="kzvalidate {html.escape(__version__)}">\n'
            f"<title>{html.escape(title)}</title>\n"
            f"<style>{asset('report.css')}</style>\n"
            "</head>\n<body>\n"
        )

    def verdict(self) -> str:
        summary = self.summary
        if not summary.findings:
            return f"no problems found in {plural(summary.files, 'file')}"
        counts = [
            severity_count(summary.by_severity[severity], severity)
            for severity in SEVERITY_ORDER
            if summary.by_severity[severity]
        ]
        files_with = len(self.with_findings)
        return f"{' and '.join(counts)} in {files_with:,} of {plural(summary.files, 'file')}"

    def top(self) -> Iterator[str]:
        summary = self.summary
        yield (
            '<header class="masthead"><div class="page">'
            "<h1>Problems found in the news dumps</h1>"
            f"<p>Checked by kzvalidate {html.escape(__version__)}: "
            f"{plural(summary.files, 'file')}, {plural(summary.articles, 'article')}.</p>"
            "</div></header>\n"
            '<main class="page">\n'
            '<section class="summary" aria-labelledby="summary-heading">'
            '<h2 id="summary-heading" class="visually-hidden">Summary</h2>'
            f'<p class="verdict">{html.escape(sentence(self.verdict()))}</p>'
            '<dl class="counts">'
        )
        yield from self.count_tiles()
        yield "</dl>"
        notes = list(self.notes())
        if notes:
            yield '<ul class="notes">' + "".join(f"<li>{note}</li>" for note in notes) + "</ul>"
        yield "</section>\n"

    def count_tiles(self) -> Iterator[str]:
        summary = self.summary
        tiles = [("files", "Files", summary.files), ("articles", "Articles", summary.articles)]
        for severity in SEVERITY_ORDER:
            if severity != Severity.INFO or summary.by_severity[severity]:
                word = f"{SEVERITY_WORD[severity]}s"
                tiles.append((str(severity), word, summary.by_severity[severity]))
        if summary.suppressed:
            tiles.append(("suppressed", "Accepted by the baseline", summary.suppressed))
        for name, label, count in tiles:
            yield (
                f'<div class="count {name}" data-count="{name}"><dt>{label}</dt>'
                f"<dd>{count:,}</dd></div>"
            )

    def notes(self) -> Iterator[str]:
        summary = self.summary
        if summary.fixed:
            yield (
                f"kzvalidate fixed {plural(summary.fixed, 'finding')} in "
                f"{plural(summary.fixed_files, 'file')}; what is left is shown below."
            )
        if summary.fixable[True]:
            yield (
                f"{plural(summary.fixable[True], 'finding')} can be mended by "
                "<code>kzvalidate lint --fix</code>."
            )
        if summary.fixable[False]:
            yield (
                f"{plural(summary.fixable[False], 'more finding')} by "
                "<code>kzvalidate lint --fix --unsafe-fixes</code>, which rewrites or deletes "
                "words: read the result."
            )
        if summary.suppressed:
            yield (
                f"{plural(summary.suppressed, 'finding')} accepted by the baseline are not shown."
            )
        if summary.stale_baseline:
            stale = summary.stale_baseline
            entries = (
                "1 baseline entry no longer matches"
                if stale == 1
                else f"{stale:,} baseline entries no longer match"
            )
            yield f"{entries} anything; <code>kzvalidate lint --prune-baseline</code> removes them."
        if summary.errors:
            yield (
                f'<a href="#problems">{plural(len(summary.errors), "file")} could not be '
                "checked</a>."
            )

    def filters(self) -> str:
        summary = self.summary
        boxes = "".join(
            f'<label><input type="checkbox" name="severity" value="{severity}" checked> '
            f"{SEVERITY_WORD[severity]}s ({summary.by_severity[severity]:,})</label>"
            for severity in SEVERITY_ORDER
            if summary.by_severity[severity]
        )
        options = "".join(
            f'<option value="{html.escape(code)}">{html.escape(code)} {html.escape(name)} '
            f"({count:,})</option>"
            for (code, name), count in sorted(summary.by_rule.items())
        )
        return (
            '<div class="filters" id="filters" role="group" aria-label="Filter the findings" '
            "hidden><fieldset><legend>Show</legend>"
            f"{boxes}</fieldset>"
            '<span class="rule-choice"><label for="rule-filter">Rule</label> '
            '<select id="rule-filter"><option value="">All rules</option>'
            f"{options}</select></span></div>\n"
            '<p class="filter-status" id="filter-status" aria-live="polite"></p>\n'
        )

    def contents(self) -> str:
        if len(self.with_findings) < 2:
            return ""
        items = "".join(
            f'<li><a href="#file-{number}"><span class="path">{text_html(of_file.path)}'
            f"</span></a> \u2014 {self.file_counts(of_file)}</li>"
            for number, of_file in enumerate(self.with_findings, 1)
        )
        return (
            '<nav class="contents" aria-labelledby="contents-heading">'
            '<h2 id="contents-heading" class="visually-hidden">Files</h2>'
            f"<ul>{items}</ul></nav>\n"
        )

    @staticmethod
    def file_counts(of_file: FileFindings) -> str:
        by_severity = Counter(kept.severity for kept in of_file.kept)
        return ", ".join(
            severity_count(by_severity[severity], severity)
            for severity in SEVERITY_ORDER
            if by_severity[severity]
        )

    def file_section(self, number: int, of_file: FileFindings) -> Iterator[str]:
        articles = f"{plural(of_file.articles, 'article')} \u00b7 " if of_file.read else ""
        yield (
            f'<section class="file" id="file-{number}" aria-labelledby="file-{number}-heading">'
            f'<h2 id="file-{number}-heading"><span class="path">'
            f"{text_html(of_file.path)}</span></h2>"
            f'<p class="file-meta">{articles}{self.file_counts(of_file)}</p>\n'
        )
        for group, kept in of_file.groups():
            yield (
                f'<section class="group"><header><h3>{of_file.heading(group)}</h3></header>'
                f'<ol class="findings">{"".join(item.fragment for item in kept)}</ol></section>\n'
            )
        yield "</section>\n"

    def problems(self) -> Iterable[str]:
        if not self.summary.errors:
            return ()
        items = "".join(
            f'<li><span class="path">{text_html(path)}</span>: {text_html(message)}</li>'
            for path, message in self.summary.errors
        )
        return (
            '<section class="problems" id="problems" aria-labelledby="problems-heading">'
            '<h2 id="problems-heading">Files that could not be checked</h2>'
            f"<ul>{items}</ul></section>\n",
        )

    def clean_files(self) -> Iterable[str]:
        clean = [of_file for of_file in self.files if of_file.read and not of_file.kept]
        if not clean:
            return ()
        items = "".join(
            f'<li><span class="path">{text_html(of_file.path)}</span></li>' for of_file in clean
        )
        return (
            f'<section class="clean"><details><summary>{plural(len(clean), "file")} '
            f"without problems</summary><ul>{items}</ul></details></section>\n",
        )

    def by_rule(self) -> str:
        if not self.summary.by_rule:
            return ""
        rows = "".join(
            f'<tr><td class="code">{html.escape(code)}</td><td>{html.escape(name)}</td>'
            f'<td class="number">{count:,}</td></tr>'
            for (code, name), count in sorted(self.summary.by_rule.items())
        )
        return (
            '<section class="by-rule" aria-labelledby="by-rule-heading">'
            '<h2 id="by-rule-heading">Findings by rule</h2>'
            '<table><thead><tr><th scope="col">Rule</th><th scope="col">Name</th>'
            f'<th scope="col" class="number">Findings</th></tr></thead><tbody>{rows}</tbody>'
            "</table></section>\n"
        )
