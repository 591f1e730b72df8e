"""The ``kzvalidate`` command. It only wires options to the layers: read, parse, check, report."""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
import typer.core

from kzvalidate import __version__, ingest, report, rules
from kzvalidate.check.distributed import (
    CHUNK_BYTES,
    Engine,
    EngineError,
    engine_executor,
    lint_engine,
)
from kzvalidate.check.engine import Linter
from kzvalidate.check.run import FixRequest, figures_run
from kzvalidate.ingest.base import MissingExtraError, WriteError
from kzvalidate.ingest.run import NothingReadError, parse_run, summary_line
from kzvalidate.model import Severity
from kzvalidate.report.base import Reporter, ReportOptions
from kzvalidate.report.display import one_line
from kzvalidate.report.docs import explain_text, units_table
from kzvalidate.report.outputs import (
    Fanout,
    Occurrence,
    OutputError,
    ReportFile,
    plan_outputs,
)
from kzvalidate.report.schema import CONTRACTS, UnsupportedContractError
from kzvalidate.results import Summary
from kzvalidate.settings import CommandLine, ConfigError, Settings, settings_for
from kzvalidate.source.discovery import STDIN, targets

app = typer.Typer(
    name="kzvalidate",
    help="Validate raw news-dump files from Kazakh news agencies against the article contract.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
OCCURRENCES = "kzvalidate.occurrences"
"""Where :class:`OrderedOptions` keeps the ``--format`` and ``-o`` values in command-line order."""


class OrderedOptions(typer.core.TyperCommand):
    """A command that also keeps the order of its ``--format`` and ``--output`` values, which
    click gives only per option, so that each ``-o FILE`` pairs with the format before it."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        try:
            values, _, order = self.make_parser(ctx).parse_args(args=list(args))
        except Exception:  # a usage error: the real parse below reports it
            order, values = [], {}
        queues = {name: list(values.get(name) or ()) for name in ("output_format", "output")}
        occurrences: list[tuple[str, str]] = []
        for param in order:
            queue = queues.get(param.name or "")
            if queue:
                kind = "format" if param.name == "output_format" else "output"
                occurrences.append((kind, str(queue.pop(0))))
        ctx.meta[OCCURRENCES] = occurrences
        return super().parse_args(ctx, args)


def format_option(registry: report.Registry, help_text: str) -> Any:
    """``--format``/``-f`` with the choices of one command's reporter registry."""
    choices = registry.choices

    def chosen(value: str) -> str:
        if value not in choices:
            raise typer.BadParameter(f"{value!r} is not one of {', '.join(map(repr, choices))}")
        return value

    return typer.Option(
        "--format", "-f", help=help_text, metavar=f"[{'|'.join(choices)}]", parser=chosen
    )


# Options that lint and figures share.
Paths = Annotated[
    list[str] | None,
    typer.Argument(help="Files, folders (searched recursively) or - for standard input."),
]
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
DialectName = Annotated[
    str | None,
    typer.Option(
        "--dialect",
        help="Dump format of the files (default: the configuration's, else kazakhstan-today).",
    ),
]
SelectRules = Annotated[
    list[str] | None,
    typer.Option(
        "--select",
        help="Rules to run instead of the default set: codes, code prefixes or "
        "names, comma-separated or repeated; ALL for every rule.",
    ),
]
ExtendSelectRules = Annotated[
    list[str] | None,
    typer.Option(
        "--extend-select",
        help="Rules to run in addition to the selected ones (for rules off by default).",
    ),
]
EngineName = Annotated[
    Engine,
    typer.Option(
        "--engine",
        help="Where files are checked: here, or on a Dask cluster (pip install "
        "'kzvalidate[dask]'); dask starts a local cluster unless --scheduler is given.",
    ),
]
SchedulerAddress = Annotated[
    str | None,
    typer.Option(
        "--scheduler",
        metavar="ADDRESS",
        help="With --engine dask, the scheduler of a running cluster (tcp://host:8786).",
    ),
]
ChunkBytes = Annotated[
    int,
    typer.Option(
        "--chunk-bytes",
        metavar="BYTES",
        help="With --engine dask, files longer than this are split at article boundaries.",
    ),
]
IgnoreRules = Annotated[
    list[str] | None,
    typer.Option("--ignore", help="Rules not to run: codes, code prefixes or names."),
]


def resolved(command_line: CommandLine, config: Path | None, isolated: bool) -> Settings:
    """The settings a command runs with, or a usage error that names the problem."""
    try:
        return settings_for(command_line, config=config, isolated=isolated, cwd=Path.cwd())
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


@app.command(cls=OrderedOptions)
def lint(
    ctx: typer.Context,
    paths: Paths = None,
    output_format: Annotated[
        list[str] | None,
        format_option(
            report.LINT,
            "Report format; repeat it with -o FILE after each to write several reports "
            "[default: text].",
        ),
    ] = None,
    output: Annotated[
        list[Path] | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write the report of the --format before it to FILE (else its format is "
            "told by the suffix); the text report still goes to the terminal.",
            dir_okay=False,
        ),
    ] = None,
    exit_zero: Annotated[
        bool, typer.Option("--exit-zero", help="Exit with 0 even when findings fail the run.")
    ] = False,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Print the findings only, no summary.")
    ] = False,
    statistics: Annotated[
        bool,
        typer.Option("--statistics", help="Print how many findings each rule made, not them."),
    ] = False,
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
    dialect: DialectName = None,
    engine: EngineName = Engine.LOCAL,
    scheduler: SchedulerAddress = None,
    chunk_bytes: ChunkBytes = CHUNK_BYTES,
) -> None:
    """Lint news-dump files and report malformed entries.

    Exit status: 0 no finding at or above --fail-on, 1 such findings, 2 usage, configuration or
    I/O errors.
    """
    if fix and STDIN in (paths or ()):
        raise fail("--fix cannot rewrite standard input; give file paths")
    if unsafe_fixes and not fix:
        raise fail("--unsafe-fixes only goes with --fix")
    if fix and engine is not Engine.LOCAL:
        raise fail("--fix rewrites files in place: it runs with --engine local only")
    command_line = CommandLine(
        select=split_selectors(select),
        extend_select=split_selectors(extend_select),
        ignore=split_selectors(ignore),
        fail_on=fail_on,
        glob=glob,
        dialect=dialect,
    )
    settings = resolved(command_line, config, isolated)
    linter = Linter(settings.rules, settings.vocabulary, settings.dialect)
    options = ReportOptions(show_source=show_source, quiet=quiet, statistics=statistics)
    with report_outputs(ctx.meta.get(OCCURRENCES, ()), options) as reporter:
        try:
            with lint_engine(engine, scheduler, chunk_bytes) as run:
                reporter.start()
                summary = run(
                    linter,
                    targets(paths or ["."], settings.globs, stdin_filename),
                    sink=reporter.finding,
                    on_file=reporter.file,
                    fix=FixRequest(unsafe=unsafe_fixes) if fix else None,
                )
        except EngineError as error:
            raise fail(str(error)) from None
        if summary.files == 0:
            raise fail(f"no files to lint: nothing matched {', '.join(settings.globs)}")
        reporter.finish(summary)
    if summary.errors:
        raise typer.Exit(EXIT_ERROR)
    failed = summary.count_at_or_above(settings.fail_on) and not exit_zero
    raise typer.Exit(EXIT_FINDINGS if failed else EXIT_CLEAN)


@contextmanager
def report_outputs(occurrences: Sequence[Occurrence], options: ReportOptions) -> Iterator[Reporter]:
    """The reporters of the run as one; the report files take their names only if the run ends
    without a usage or engine error."""
    try:
        planned = plan_outputs(occurrences)
    except OutputError as error:
        raise fail(str(error)) from None
    files: list[ReportFile] = []
    try:
        reporters: list[Reporter] = []
        for output in planned:
            make = report.LINT.load(output.format)
            if output.path is None:
                reporters.append(make(sys.stdout, sys.stderr, options))
            else:
                files.append(ReportFile(output.path))
                reporters.append(make(files[-1].handle, io.StringIO(), options))
        yield Fanout(reporters)
    except OutputError as error:
        for opened in files:
            opened.discard()
        raise fail(str(error)) from None
    except BaseException:
        for opened in files:
            opened.discard()
        raise
    try:
        for opened in files:
            opened.commit()
    except OutputError as error:
        raise fail(str(error)) from None


@app.command()
def figures(
    paths: Paths = None,
    output_format: Annotated[str, format_option(report.FIGURES, "Output format.")] = (
        report.FIGURES.default
    ),
    glob: Globs = None,
    stdin_filename: StdinName = "<stdin>",
    units: Annotated[
        bool, typer.Option("--units", help="List the units kzvalidate knows instead.")
    ] = False,
    config: ConfigFile = None,
    isolated: Isolated = False,
    dialect: DialectName = None,
) -> None:
    """List the figures (quantities with units) found in the articles' titles and bodies.

    Exit status: 0 when every file was read, 2 otherwise.
    """
    if units:
        sys.stdout.write(units_table())
        return
    settings = resolved(CommandLine(glob=glob, dialect=dialect), config, isolated)
    writer = report.FIGURES.load(output_format)(sys.stdout, sys.stderr)
    writer.start()
    count = figures_run(
        targets(paths or ["."], settings.globs, stdin_filename),
        settings.dialect,
        on_figure=writer.figure,
        on_error=writer.error,
    )
    writer.finish(count)
    raise typer.Exit(EXIT_ERROR if writer.errors else EXIT_CLEAN)


@app.command("parse")
def parse_command(
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            help="Where the records go: a .jsonl, .parquet, .csv or .duckdb file.",
            dir_okay=False,
        ),
    ],
    paths: Paths = None,
    output_format: Annotated[
        str | None, format_option(ingest.WRITERS, "Output format (default: OUT's suffix).")
    ] = None,
    quarantine: Annotated[
        Path | None,
        typer.Option(
            help="Write invalid records, with their findings, to this file (same format as "
            "OUT); a DuckDB output always keeps them in its table 'quarantine'.",
            dir_okay=False,
        ),
    ] = None,
    include_invalid: Annotated[
        bool, typer.Option("--include-invalid", help="Write invalid records to OUT as well.")
    ] = False,
    select: SelectRules = None,
    extend_select: ExtendSelectRules = None,
    ignore: IgnoreRules = None,
    glob: Globs = None,
    stdin_filename: StdinName = "<stdin>",
    config: ConfigFile = None,
    isolated: Isolated = False,
    dialect: DialectName = None,
    engine: EngineName = Engine.LOCAL,
    scheduler: SchedulerAddress = None,
    chunk_bytes: ChunkBytes = CHUNK_BYTES,
) -> None:
    """Parse news-dump files into article records (the article contract's) and write them out.

    A record is invalid when it breaks the article contract or a selected rule reports an error
    on its article (a duplicate of an earlier article of the run among them). Invalid records are
    dropped, or written to the quarantine, or to OUT with --include-invalid.

    Exit status: 0 nothing quarantined or dropped, 1 something was, 2 usage, read or write errors.
    """
    try:
        chosen = ingest.format_for(output, output_format)
    except ingest.UnknownFormatError as error:
        raise fail(str(error)) from None
    if quarantine is not None and include_invalid:
        raise fail("--quarantine and --include-invalid exclude each other")
    if quarantine is not None and chosen == "duckdb":
        raise fail("a DuckDB output keeps invalid records in its table 'quarantine'")
    command_line = CommandLine(
        select=split_selectors(select),
        extend_select=split_selectors(extend_select),
        ignore=split_selectors(ignore),
        glob=glob,
        dialect=dialect,
    )
    settings = resolved(command_line, config, isolated)
    writer = ingest.WRITERS.load(chosen)(output, quarantine)
    try:
        with engine_executor(engine, scheduler, chunk_bytes) as executor:
            writer.open()
            result = parse_run(
                Linter(settings.rules, settings.vocabulary, settings.dialect),
                targets(paths or ["."], settings.globs, stdin_filename),
                writer,
                include_invalid=include_invalid,
                tool_version=__version__,
                paths=paths or ["."],
                executor=executor,
                chunk_bytes=chunk_bytes,
            )
    except EngineError as error:
        raise fail(str(error)) from None
    except NothingReadError as error:
        write_file_errors(error.summary)
        raise fail(str(error)) from None
    except (MissingExtraError, WriteError) as error:
        raise fail(str(error)) from None
    write_file_errors(result.summary)
    sys.stderr.write(f"kzvalidate: {summary_line(result, str(output))}\n")
    if result.summary.errors:
        raise typer.Exit(EXIT_ERROR)
    raise typer.Exit(EXIT_FINDINGS if result.counts.withheld else EXIT_CLEAN)


def write_file_errors(summary: Summary) -> None:
    """One line on standard error for each file that could not be read."""
    for path, message in summary.errors:
        sys.stderr.write(f"kzvalidate: error: {one_line(path)}: {one_line(message)}\n")


@app.command()
def schema(
    output_format: Annotated[
        str,
        format_option(
            report.SCHEMA,
            "json-schema (the article contract), pandera-yaml (the collection model) or markdown "
            "(tables of both).",
        ),
    ] = report.SCHEMA.default,
    contract: Annotated[
        str | None,
        typer.Option(
            "--contract",
            help="The contract to export (default: the one the format describes, or both).",
            metavar=f"[{'|'.join(CONTRACTS)}]",
        ),
    ] = None,
    config: ConfigFile = None,
    isolated: Isolated = False,
    dialect: DialectName = None,
) -> None:
    """Export the contracts: the article record's JSON Schema, the collection's pandera model."""
    settings = resolved(CommandLine(dialect=dialect), config, isolated)
    try:
        writer = report.SCHEMA.load(output_format)
    except ImportError as error:
        missing = error.name or "a library"
        raise fail(
            f"--format {output_format} needs {missing}, which is not installed: "
            "pip install 'kzvalidate[collection]'"
        ) from None
    try:
        writer(sys.stdout, contract, settings.dialect)
    except UnsupportedContractError as error:
        raise fail(str(error)) from None


@app.command("rules")
def list_rules(
    output_format: Annotated[
        str, format_option(report.RULES, "A table, JSON, or Markdown for docs.")
    ] = report.RULES.default,
) -> None:
    """List every rule: code, name, default severity, on by default, fixable, summary."""
    report.RULES.load(output_format)(sys.stdout)


@app.command()
def explain(
    rule: Annotated[str, typer.Argument(help="A rule code (KZ101) or name (stray-text).")],
) -> None:
    """Show a rule's documentation with a failing and a passing example."""
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
