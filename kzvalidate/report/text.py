"""``--format text``, the report people read in a terminal, a CI log or a pre-commit log.

Each finding is ``path:line:col: severity: CODE name: message`` (the shape compilers use, so
editors and terminals jump to it and the severity survives without colour), the offending line
with the span underlined, and a hint that says which ``--fix`` level mends it. With
``show_context`` the article's date, time and title head each group of its findings. The summary
counts only the severities that occur, says what ``--fix`` and ``--fix --unsafe-fixes`` would
remove and what a baseline accepted. ``quiet`` leaves the summary out; ``statistics`` prints the
counts per rule instead of the findings.

Lines are plain strings written as they are made; colour is a few ANSI codes around them: on a
terminal (not ``TERM=dumb``), never when ``NO_COLOR`` is set, and also into pipes when
``FORCE_COLOR`` is set (never into a regular file). No line ends in a blank: blanks at the end of
a shown line are drawn as ``·``.
"""

from __future__ import annotations

import os
import stat
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TextIO

from kzvalidate.model import ArticleRef, Finding, Fix, Severity
from kzvalidate.report.base import Reporter, ReportOptions
from kzvalidate.report.display import one_line, readable, visible
from kzvalidate.results import Summary

WINDOW = 100
CONTEXT = 30
TITLE_WIDTH = 70
"""Characters of an article's title shown in its heading."""
SHOWN_BLANK = "\u00b7"
"""How a blank at the end of a shown line is drawn, so that no line ends in a blank."""
HINT_LABEL = "  = hint:"
_SEVERITIES = (Severity.ERROR, Severity.WARNING, Severity.INFO)
_NOUNS = {Severity.ERROR: ("error", "errors"), Severity.WARNING: ("warning", "warnings")}


def excerpt(
    text: str, ending: str, column: int, end_column: int, clipped: bool = False
) -> tuple[str, int, int]:
    """At most WINDOW characters of a line around a span, made visible, and the span's 0-based
    place in them. Only the excerpt is processed, so a huge line costs no more than a short one.
    ``clipped``: ``text`` is itself a part of the line that starts after the line's start."""
    start, end = column - 1, max(end_column - 1, column)
    if len(text) <= WINDOW and not clipped:
        return visible(text + ending), start, end
    left = max(0, start - CONTEXT)
    right = min(len(text), max(end, start + 1) + CONTEXT, left + WINDOW)
    prefix = "\u2026" if left > 0 or clipped else ""
    suffix = "\u2026" if right < len(text) else ""
    shown = visible(text[left:right] + (ending if right == len(text) else ""))
    return prefix + shown + suffix, start - left + len(prefix), min(end, right) - left + len(prefix)


def show_trailing_blanks(shown: str) -> str:
    """``shown`` with each blank at its end drawn as :data:`SHOWN_BLANK` (same width)."""
    kept = shown.rstrip()
    if len(kept) == len(shown):
        return shown
    return kept + SHOWN_BLANK * (len(shown) - len(kept))


# -- colour ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Palette:
    """The ANSI codes each part of the report starts with; all empty for plain text."""

    bold: str = ""
    dim: str = ""
    gutter: str = ""
    heading: str = ""
    reset: str = ""
    severity: dict[Severity, str] = field(default_factory=dict)

    def of(self, severity: Severity) -> str:
        return self.severity.get(severity, "")


PLAIN = Palette()
COLOUR = Palette(
    bold="\x1b[1m",
    dim="\x1b[2m",
    gutter="\x1b[34m",
    heading="\x1b[1;36m",
    reset="\x1b[0m",
    severity={
        Severity.ERROR: "\x1b[1;31m",
        Severity.WARNING: "\x1b[1;33m",
        Severity.INFO: "\x1b[1;36m",
    },
)


def wants_colour(out: TextIO) -> bool:
    """no-color.org and force-color.org: ``NO_COLOR`` (set and not empty) turns colour off,
    ``FORCE_COLOR`` turns it on for any stream but a regular file; otherwise colour only on a
    terminal that is not ``TERM=dumb``."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return not _is_regular_file(out)
    return _is_terminal(out) and os.environ.get("TERM") != "dumb"


def _is_terminal(out: TextIO) -> bool:
    try:
        return out.isatty()
    except (AttributeError, ValueError, OSError):
        return False


def _is_regular_file(out: TextIO) -> bool:
    try:
        return stat.S_ISREG(os.fstat(out.fileno()).st_mode)
    except (AttributeError, ValueError, OSError):
        return False


# -- words -------------------------------------------------------------------------------------


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def severity_count(count: int, severity: Severity) -> str:
    singular, many = _NOUNS.get(severity, (str(severity), str(severity)))
    return f"{count} {singular if count == 1 else many}"


def fix_level(fix: Fix | None) -> str:
    """The options that apply ``fix``, or "" when there is none."""
    if fix is None:
        return ""
    return "--fix" if fix.safe else "--fix --unsafe-fixes"


def rule_fix_marker(count: int, safe: int, unsafe: int) -> str:
    """What fixes a rule's ``count`` findings: all one level, or how many at each."""
    if count and safe == count:
        return "(fix: --fix)"
    if count and unsafe == count:
        return "(fix: --fix --unsafe-fixes)"
    parts = []
    if safe:
        parts.append(f"{safe} with --fix")
    if unsafe:
        parts.append(f"{unsafe} with --fix --unsafe-fixes")
    return f"(fix: {', '.join(parts)})" if parts else ""


def _readable(text: str) -> str:
    """:func:`readable`, at once for the usual text that has nothing to replace."""
    return text if text.isprintable() else readable(text)


def _one_line(text: str) -> str:
    """:func:`one_line`, at once for the usual text that has nothing to escape."""
    return text if text.isprintable() else one_line(text)


def clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "\u2026"


def heading_text(article: ArticleRef | None) -> str:
    """How a group of findings names its article: date, time, title and header line."""
    if article is None:
        return "outside any article"
    when = " ".join(_one_line(part) for part in (article.date, article.time) if part)
    title = _one_line(article.title or "").strip()
    shown = clip(title, TITLE_WIDTH) if title else "(no title)"
    return (
        f"{when} \u00b7 {shown} (line {article.line})" if when else f"{shown} (line {article.line})"
    )


# -- the reporter ------------------------------------------------------------------------------


class TextReporter(Reporter):
    def __init__(self, out: TextIO, err: TextIO, options: ReportOptions | None = None) -> None:
        super().__init__(out, err, options)
        self.palette = COLOUR if wants_colour(out) else PLAIN
        self.group: tuple[str, ArticleRef | None] | None = None
        self.rule_fixes: Counter[tuple[str, bool]] = Counter()
        self._path = ("", "")

    def finding(self, finding: Finding) -> None:
        if self.options.statistics:
            if finding.fix is not None:
                self.rule_fixes[(finding.code, finding.fix.safe)] += 1
            return
        self.out.write(self.render(finding))

    def render(self, finding: Finding) -> str:
        """The lines of one finding, each ending in a newline."""
        text = ""
        if self.options.show_context:
            text = self.heading(finding)
        text += self.head(finding) + "\n"
        if self.options.show_source and finding.line_text is not None:
            text += self.source(finding)
        hint = self.hint(finding)
        return text + hint + "\n" if hint else text

    def heading(self, finding: Finding) -> str:
        """The article's heading when ``finding`` starts a new group, else ""."""
        group = (finding.path, finding.article)
        if group == self.group:
            return ""
        gap = "" if self.group is None else "\n"
        self.group = group
        p = self.palette
        return f"{gap}{p.heading}\u2500\u2500 {heading_text(finding.article)}{p.reset}\n"

    def head(self, finding: Finding) -> str:
        p = self.palette
        message = _readable(finding.message).rstrip()
        return (
            f"{p.bold}{self.shown_path(finding.path)}:{finding.line}:{finding.column}:{p.reset} "
            f"{p.of(finding.severity)}{finding.severity}:{p.reset} {p.bold}{finding.code}{p.reset} "
            f"{p.dim}{finding.name}:{p.reset} {message}"
        )

    def shown_path(self, path: str) -> str:
        if self._path[0] != path:
            self._path = (path, readable(path))
        return self._path[1]

    def source(self, finding: Finding) -> str:
        """The line of the finding and the underline of its span (two lines)."""
        assert finding.line_text is not None
        end_column = finding.end_column if finding.end_line == finding.line else 10**9
        shift = finding.line_text_start
        shown, start, end = excerpt(
            finding.line_text,
            finding.line_ending,
            finding.column - shift,
            end_column - shift,
            clipped=shift > 0,
        )
        shown = show_trailing_blanks(shown)
        end = min(end, len(shown) + 1)
        gutter = str(finding.line)
        pad = " " * len(gutter)
        p = self.palette
        text_part = f" {shown}" if shown else ""
        marks = " " * start + "^" * max(1, end - start)
        return (
            f" {p.gutter}{gutter} |{p.reset}{text_part}\n"
            f" {p.gutter}{pad} |{p.reset} {p.of(finding.severity)}{marks}{p.reset}\n"
        )

    def hint(self, finding: Finding) -> str:
        """``= hint: what to do (fix: LEVEL)``, or "" when the finding says nothing to do."""
        words = finding.hint or (finding.fix.description if finding.fix is not None else "")
        if not words:
            return ""
        level = fix_level(finding.fix)
        marker = f" (fix: {level})" if level else ""
        p = self.palette
        return f"{p.dim}{HINT_LABEL}{p.reset} {_readable(words).rstrip()}{marker}"

    def finish(self, summary: Summary) -> None:
        lines: list[str] = []
        if self.options.statistics:
            lines.extend(self.statistics(summary))
        if not self.options.quiet:
            lines.extend(self.summary(summary))
        if lines:
            self.out.write("\n".join(lines) + "\n")

    def statistics(self, summary: Summary) -> list[str]:
        """One row per rule, most findings first: count, code, name, and what fixes them."""
        rows = sorted(summary.by_rule.items(), key=lambda item: (-item[1], item[0]))
        width = max((len(name) for (_, name), _ in rows), default=0)
        shown = []
        for (code, name), count in rows:
            safe, unsafe = self.rule_fixes[(code, True)], self.rule_fixes[(code, False)]
            marker = rule_fix_marker(count, safe, unsafe)
            shown.append(f"{count:>6}  {code} {name:<{width}}  {marker}".rstrip())
        return shown

    def summary(self, summary: Summary) -> list[str]:
        p = self.palette
        lines: list[str] = []
        if summary.fixed:
            fixed = plural(summary.fixed, "finding")
            lines.append(
                f"{p.bold}Fixed {fixed} in {plural(summary.fixed_files, 'file')}.{p.reset}"
            )
        lines.append(f"{p.bold}{self.summary_line(summary)}{p.reset}")
        if not self.options.statistics:
            lines.extend(
                f"  {count:>6}  {code} {name}"
                for (code, name), count in sorted(summary.by_rule.items())
            )
        lines.extend(self.notes(summary))
        return lines

    def notes(self, summary: Summary) -> Iterator[str]:
        """What else to know: what the fixes would remove, what the baseline accepted."""
        fixable = fixable_line(summary, self.options)
        if fixable:
            yield fixable
        if summary.suppressed:
            found = summary.suppressed
            verb = "is" if found == 1 else "are"
            yield f"{plural(found, 'finding')} {verb} in the baseline and not shown."
        stale = summary.stale_baseline
        if stale == 1:
            yield "1 baseline entry no longer occurs: --prune-baseline removes it."
        elif stale:
            yield f"{stale} baseline entries no longer occur: --prune-baseline removes them."

    @staticmethod
    def summary_line(summary: Summary) -> str:
        unread = f", {len(summary.errors)} could not be read" if summary.errors else ""
        where = (
            f"in {plural(summary.files, 'file')}{unread}, {plural(summary.articles, 'article')}."
        )
        if not summary.findings:
            return f"No findings {where}"
        counts = ", ".join(
            severity_count(summary.by_severity[severity], severity)
            for severity in _SEVERITIES
            if summary.by_severity[severity]
        )
        return f"Found {plural(summary.findings, 'finding')} ({counts}) {where}"


def fixable_line(summary: Summary, options: ReportOptions) -> str:
    """How many findings ``--fix`` would remove and how many more ``--fix --unsafe-fixes`` would,
    leaving out what the run has already tried; "" when there is nothing to say."""
    safe, unsafe = summary.fixable[True], summary.fixable[False]
    if options.fixing:
        safe = 0
    if options.unsafe_fixes:
        unsafe = 0
    if safe and unsafe:
        return f"{safe} can be fixed with --fix, {unsafe} more with --fix --unsafe-fixes."
    if safe:
        return f"{safe} can be fixed with --fix."
    if unsafe:
        return f"{unsafe} can be fixed with --fix --unsafe-fixes."
    return ""
