"""``--format text``: ``path:line:col: CODE name message``, the line with the span underlined, the
hint, and a summary. Colour only on a terminal; ``NO_COLOR`` and ``FORCE_COLOR`` are honoured."""

from __future__ import annotations

import os
from typing import TextIO

from rich.console import Console
from rich.text import Text

from kzvalidate.model import Finding, Severity
from kzvalidate.report.base import Reporter, ReportOptions
from kzvalidate.report.display import readable, visible
from kzvalidate.results import Summary

WINDOW = 100
CONTEXT = 30
_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


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


class TextReporter(Reporter):
    def __init__(self, out: TextIO, err: TextIO, options: ReportOptions | None = None) -> None:
        super().__init__(out, err, options)
        plain = bool(os.environ.get("NO_COLOR"))  # no-color.org: set and not empty
        self.console = Console(
            file=out,
            highlight=False,
            soft_wrap=True,
            emoji=False,
            color_system=None if plain else "auto",
        )

    def finding(self, finding: Finding) -> None:
        head = Text()
        head.append(f"{readable(finding.path)}:{finding.line}:{finding.column}:", style="bold")
        head.append(" ")
        head.append(finding.code, style=_STYLE[finding.severity])
        head.append(f" {finding.name} ", style="dim")
        head.append(readable(finding.message))
        self.console.print(head)
        if self.options.show_source and finding.line_text is not None:
            self.source(finding)
        if finding.hint:
            fixable = ""
            if finding.fix is not None:
                fixable = " (fix: --fix)" if finding.fix.safe else " (fix: --fix --unsafe-fixes)"
            self.console.print(Text(f"  = hint: {readable(finding.hint)}{fixable}", style="dim"))

    def source(self, finding: Finding) -> None:
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
        end = min(end, len(shown) + 1)
        gutter = str(finding.line)
        pad = " " * len(gutter)
        line = Text(f" {gutter} | ", style="blue")
        line.append(shown)
        marks = Text(f" {pad} | ", style="blue")
        marks.append(" " * start + "^" * max(1, end - start), style=_STYLE[finding.severity])
        self.console.print(line)
        self.console.print(marks)

    def finish(self, summary: Summary) -> None:
        if summary.fixed:
            self.console.print(
                f"Fixed {plural(summary.fixed, 'finding')} "
                f"in {plural(summary.fixed_files, 'file')}.",
                style="bold",
            )
        self.console.print(self.summary_line(summary), style="bold")
        for (code, name), count in sorted(summary.by_rule.items()):
            self.console.print(f"  {count:>6}  {code} {name}")

    @staticmethod
    def summary_line(summary: Summary) -> str:
        counts = ", ".join(
            plural(summary.by_severity[severity], str(severity))
            if severity != Severity.INFO
            else f"{summary.by_severity[severity]} info"
            for severity in (Severity.ERROR, Severity.WARNING, Severity.INFO)
        )
        unread = f", {len(summary.errors)} could not be read" if summary.errors else ""
        return (
            f"Found {plural(summary.findings, 'finding')} ({counts}) in "
            f"{plural(summary.files, 'file')}{unread}, {plural(summary.articles, 'article')}."
        )


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"
