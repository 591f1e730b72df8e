"""The ``kzvalidate`` command. It only wires options to the layers: read, parse, check, report."""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from kzvalidate import __version__
from kzvalidate.model import Severity

if TYPE_CHECKING:
    from kzvalidate.settings import Config

app = typer.Typer(
    name="kzvalidate",
    help="Validate raw news-dump files from Kazakh news agencies against the article contract.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class OutputFormat(StrEnum):
    TEXT = "text"
    JSON = "json"


class RulesFormat(StrEnum):
    TEXT = "text"
    JSON = "json"
    MARKDOWN = "markdown"


# Options that lint and figures share.
Paths = Annotated[
    list[str] | None,
    typer.Argument(help="Files, folders (searched recursively) or - for standard input."),
]
Format = Annotated[OutputFormat, typer.Option("--format", "-f", help="Report format.")]
Globs = Annotated[
    list[str] | None,
    typer.Option(help="File pattern to look for in folders (default *.txt); repeatable."),
]
StdinName = Annotated[str, typer.Option(help="Name to show for standard input in reports.")]
ConfigFile = Annotated[
    Path | None,
    typer.Option(
        help="Configuration file to use instead of the one found from the working folder "
        "(kzvalidate.toml, .kzvalidate.toml or pyproject.toml [tool.kzvalidate]).",
        dir_okay=False,
    ),
]
Isolated = Annotated[bool, typer.Option("--isolated", help="Ignore every configuration file.")]


def settings_for(config: Path | None, isolated: bool) -> Config:
    """The configuration a command runs with, or a usage error that names the problem."""
    from kzvalidate.settings import ConfigError, resolve

    if config is not None and isolated:
        raise fail("--config and --isolated contradict each other; give one")
    try:
        return resolve(config, isolated=isolated, cwd=Path.cwd())
    except ConfigError as error:
        raise fail(str(error)) from None


def split_selectors(values: list[str] | None) -> list[str] | None:
    if values is None:
        return None
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def fail(message: str) -> typer.Exit:
    sys.stderr.write(f"kzvalidate: error: {message}\n")
    return typer.Exit(EXIT_ERROR)


def version_callback(value: bool) -> None:
    if value:
        sys.stdout.write(f"kzvalidate {__version__}\n")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=version_callback, is_eager=True, help="Show version."),
    ] = False,
) -> None:
    """Validate raw news-dump files from Kazakh news agencies against the article contract."""


@app.command()
def lint(
    paths: Paths = None,
    output_format: Format = OutputFormat.TEXT,
    select: Annotated[
        list[str] | None,
        typer.Option(
            help="Rules to run instead of the default set: codes, code prefixes or "
            "names, comma-separated or repeated; ALL for every rule."
        ),
    ] = None,
    extend_select: Annotated[
        list[str] | None,
        typer.Option(
            help="Rules to run in addition to the selected ones (for rules off by default)."
        ),
    ] = None,
    ignore: Annotated[
        list[str] | None,
        typer.Option(help="Rules not to run: codes, code prefixes or names."),
    ] = None,
    fail_on: Annotated[
        Severity | None,
        typer.Option(
            help="Exit with 1 when a finding is at or above this severity [default: error]."
        ),
    ] = None,
    glob: Globs = None,
    stdin_filename: StdinName = "<stdin>",
    show_source: Annotated[
        bool, typer.Option(help="Show the offending line under each finding (text format).")
    ] = True,
    fix: Annotated[
        bool, typer.Option("--fix", help="Apply safe fixes to the files, atomically.")
    ] = False,
    unsafe_fixes: Annotated[
        bool,
        typer.Option("--unsafe-fixes", help="With --fix, also apply fixes that rewrite words."),
    ] = False,
    config: ConfigFile = None,
    isolated: Isolated = False,
) -> None:
    """Lint news-dump files and report malformed entries.

    Exit status: 0 no finding at or above --fail-on, 1 such findings, 2 usage, configuration or
    I/O errors.
    """
    from kzvalidate import rules
    from kzvalidate.check.engine import Linter
    from kzvalidate.check.run import FixRequest, lint_target
    from kzvalidate.report import reporter_class
    from kzvalidate.results import Summary
    from kzvalidate.source.discovery import DEFAULT_GLOBS, STDIN, targets

    if fix and STDIN in (paths or ()):
        raise fail("--fix cannot rewrite standard input; give file paths")
    if unsafe_fixes and not fix:
        raise fail("--unsafe-fixes only goes with --fix")

    settings = settings_for(config, isolated)
    chosen_select = split_selectors(select) or settings.select
    chosen_extend = split_selectors(extend_select) or settings.extend_select or ()
    chosen_ignore = split_selectors(ignore) or settings.ignore or ()
    try:
        chosen = rules.select(chosen_select, chosen_ignore, chosen_extend)
    except rules.UnknownRuleError as error:
        raise fail(str(error)) from None
    glob = glob or (list(settings.glob) if settings.glob else None)
    fail_on = fail_on or settings.fail_on or Severity.ERROR
    linter = Linter(chosen, settings.vocabulary)
    reporter = reporter_class(output_format.value)(sys.stdout, sys.stderr, show_source=show_source)
    summary = Summary()
    reporter.start()
    request = FixRequest(unsafe=unsafe_fixes) if fix else None
    for target in targets(paths or ["."], glob or list(DEFAULT_GLOBS), stdin_filename):
        result, fixed = lint_target(linter, target, request, sink=reporter.finding)
        summary.add(result, fixed=fixed)
        reporter.file(result)
    if summary.files == 0:
        raise fail(f"no files to lint: nothing matched {', '.join(glob or DEFAULT_GLOBS)}")
    reporter.finish(summary)
    if summary.errors:
        raise typer.Exit(EXIT_ERROR)
    raise typer.Exit(EXIT_FINDINGS if summary.count_at_or_above(fail_on) else EXIT_CLEAN)


@app.command()
def figures(
    paths: Paths = None,
    output_format: Format = OutputFormat.TEXT,
    glob: Globs = None,
    stdin_filename: StdinName = "<stdin>",
    units: Annotated[
        bool, typer.Option("--units", help="List the units kzvalidate knows instead.")
    ] = False,
    config: ConfigFile = None,
    isolated: Isolated = False,
) -> None:
    """List the figures (quantities with units) found in the articles' titles and bodies.

    Exit status: 0 when every file was read, 2 otherwise.
    """
    from kzvalidate.check.run import open_target
    from kzvalidate.contract.record import figure_record, span_record
    from kzvalidate.dump.blocks import Article
    from kzvalidate.dump.parser import parse
    from kzvalidate.quantities.figures import article_figures, figure_span
    from kzvalidate.report.figures import FIGURE_WRITERS
    from kzvalidate.source.discovery import DEFAULT_GLOBS, targets
    from kzvalidate.source.reading import SourceError

    if units:
        from kzvalidate.report.docs import units_table

        sys.stdout.write(units_table())
        return
    settings = settings_for(config, isolated)
    writer = FIGURE_WRITERS[output_format.value](sys.stdout, sys.stderr)
    writer.start()
    count = 0
    chosen = glob or list(settings.glob or DEFAULT_GLOBS)
    for target in targets(paths or ["."], chosen, stdin_filename):
        try:
            source = open_target(target)
            for block in parse(source.lines(), source.name):
                if not isinstance(block, Article):
                    continue
                for field, figure in article_figures(block):
                    span = span_record(source.name, figure_span(field, figure))
                    writer.figure(figure_record(figure, span))
                    count += 1
        except SourceError as error:
            writer.error(target.name, error.reason)
    writer.finish(count)
    raise typer.Exit(EXIT_ERROR if writer.errors else EXIT_CLEAN)


@app.command("rules")
def list_rules(
    output_format: Annotated[
        RulesFormat, typer.Option("--format", "-f", help="A table, JSON, or Markdown for docs.")
    ] = RulesFormat.TEXT,
) -> None:
    """List every rule: code, name, default severity, on by default, fixable, summary."""
    from kzvalidate.report.docs import rules_json, rules_markdown, rules_table

    if output_format is RulesFormat.JSON:
        sys.stdout.write(rules_json() + "\n")
    elif output_format is RulesFormat.MARKDOWN:
        sys.stdout.write(rules_markdown())
    else:
        rules_table(sys.stdout)


@app.command()
def explain(
    rule: Annotated[str, typer.Argument(help="A rule code (KZ101) or name (stray-text).")],
) -> None:
    """Show a rule's documentation with a failing and a passing example."""
    from kzvalidate import rules
    from kzvalidate.report.docs import explain_text

    try:
        found = rules.get(rule)
    except rules.UnknownRuleError as error:
        raise fail(str(error)) from None
    sys.stdout.write(explain_text(found))


def main() -> None:
    """Run the app. No traceback reaches the user unless KZVALIDATE_DEBUG is set."""
    try:
        app()
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(EXIT_ERROR)
    except KeyboardInterrupt:
        sys.stderr.write("kzvalidate: interrupted\n")
        sys.exit(130)
    except Exception as error:
        if os.environ.get("KZVALIDATE_DEBUG"):
            raise
        sys.stderr.write(
            f"kzvalidate: internal error: {type(error).__name__}: {error}\n"
            "Please report this; set KZVALIDATE_DEBUG=1 to see the traceback.\n"
        )
        sys.exit(EXIT_ERROR)
