"""The ``kzvalidate`` command. It only wires options to the layers: read, parse, check, report.

Unlike the other modules, this one does not postpone its annotations (``from __future__ import
annotations``): typer reads every command's parameter annotations at start-up, and evaluating
them from strings then costs twice as much as Python's evaluating them here (issue 12).
"""

import copy
import gc
import io
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
import typer.core
import typer.main
import typer.models

from kzvalidate import __version__, coercion, ingest, patterns, report, rules
from kzvalidate.check.baseline import BaselineError, BaselineOptions, BaselineRun
from kzvalidate.check.cache import NO_CACHE_ENV, ResultCache
from kzvalidate.check.cached import through_cache
from kzvalidate.check.distributed import (
    Engine,
    EngineError,
    LintRun,
    chunk_bytes_for,
    engine_executor,
    lint_engine,
)
from kzvalidate.check.engine import Linter
from kzvalidate.check.run import FixRequest, figures_run, lint_run
from kzvalidate.model import Severity
from kzvalidate.report.base import Reporter, ReportOptions
from kzvalidate.report.display import one_line
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
from kzvalidate.source.discovery import STDIN, Target, targets


class Command(typer.core.TyperCommand):
    """A command whose parameters coerce their values without pydantic where they can
    (:mod:`kzvalidate.coercion`): pydantic is the costliest part of typer's start-up."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        coercion.install(self.get_params(ctx))
        return super().parse_args(ctx, args)


class Group(typer.core.TyperGroup):
    """The commands' group, whose own options (``--version``, ``--help``) coerce like
    :class:`Command`'s."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        coercion.install(self.get_params(ctx))
        return super().parse_args(ctx, args)


app = typer.Typer(
    cls=Group,
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


class OrderedOptions(Command):
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
    typer.Option(
        metavar="PATTERN", help="File pattern to look for in folders (default *.txt); repeatable."
    ),
]
StdinName = Annotated[
    str, typer.Option(metavar="NAME", help="Name to show for standard input in reports.")
]
ConfigFile = Annotated[
    Path | None,
    typer.Option(
        metavar="FILE",
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
        metavar="NAME",
        help="Dump format of the files (default: the configuration's, else kazakhstan-today).",
    ),
]
SelectRules = Annotated[
    list[str] | None,
    typer.Option(
        "--select",
        metavar="RULES",
        help="Rules to run instead of the default set: codes, code prefixes or "
        "names, comma-separated or repeated; ALL for every rule.",
    ),
]
ExtendSelectRules = Annotated[
    list[str] | None,
    typer.Option(
        "--extend-select",
        metavar="RULES",
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
    int | None,
    typer.Option(
        "--chunk-bytes",
        metavar="BYTES",
        help="With several jobs, files longer than this are split at article boundaries "
        "[default: 4000000; with --engine dask 8000000].",
        show_default=False,
    ),
]
Jobs = Annotated[
    int | None,
    typer.Option(
        "--jobs",
        "-j",
        metavar="N",
        help="Worker processes to check files in (--engine local) or dask workers to start; "
        "1 checks them in this process [default: one per core].",
        show_default=False,
    ),
]
IgnoreRules = Annotated[
    list[str] | None,
    typer.Option(
        "--ignore",
        metavar="RULES",
        help="Rules not to run: codes, code prefixes or names, in addition to the "
        "configuration's ignore list.",
    ),
]
ExtendIgnoreRules = Annotated[
    list[str] | None,
    typer.Option(
        "--extend-ignore",
        metavar="RULES",
        help="The same as --ignore (both add to the configuration's).",
    ),
]
SeverityOverrides = Annotated[
    list[str] | None,
    typer.Option(
        "--severity",
        metavar="RULE=LEVEL",
        help="Give rules (a code, prefix or name) another severity: error, warning or info; "
        "repeatable; wins over the configuration's [severity] table.",
    ),
]
PerFileIgnores = Annotated[
    list[str] | None,
    typer.Option(
        "--per-file-ignores",
        metavar="PATTERN:RULES",
        help="Rules not to run on the files PATTERN matches (gitignore-style, relative to the "
        "working folder), e.g. 'archive/*.txt:KZ3,KZ108'; repeatable; replaces the "
        "configuration's per-file-ignores.",
    ),
]
ExtendPerFileIgnores = Annotated[
    list[str] | None,
    typer.Option(
        "--extend-per-file-ignores",
        metavar="PATTERN:RULES",
        help="Like --per-file-ignores, in addition to the configuration's.",
    ),
]
Excludes = Annotated[
    list[str] | None,
    typer.Option(
        "--exclude",
        metavar="PATTERN",
        help="Files and folders to leave out when walking folders (gitignore-style, relative to "
        "the working folder), replacing the default and configured excludes; repeatable.",
    ),
]
ExtendExcludes = Annotated[
    list[str] | None,
    typer.Option(
        "--extend-exclude",
        metavar="PATTERN",
        help="Files and folders to leave out in addition to the default and configured "
        "excludes; repeatable.",
    ),
]
RespectGitignore = Annotated[
    bool | None,
    typer.Option(
        "--respect-gitignore/--no-respect-gitignore",
        help="Leave out what .gitignore files ignore when walking folders [default: respect].",
    ),
]
ForceExclude = Annotated[
    bool | None,
    typer.Option(
        "--force-exclude/--no-force-exclude",
        help="Leave out excluded files even when they are named on the command line, as "
        "pre-commit names them [default: no].",
    ),
]


def resolved(command_line: CommandLine, config: Path | None, isolated: bool) -> Settings:
    """The settings a command runs with, or a usage error that names the problem."""
    try:
        return settings_for(command_line, config=config, isolated=isolated, cwd=Path.cwd())
    except ConfigError as error:
        raise fail(str(error)) from None


def linter_for(settings: Settings) -> Linter:
    """The linter of the settings: their rules, vocabulary, dialect and policy."""
    return Linter(settings.rules, settings.vocabulary, settings.dialect, settings.policy)


def found_targets(
    paths: list[str] | None,
    settings: Settings,
    stdin_filename: str,
    excluded: list[str] | None = None,
) -> Iterator[Target]:
    """The targets of the command line's paths (default: the working folder); the paths that
    --force-exclude leaves out go to ``excluded``."""
    on_excluded = None if excluded is None else excluded.append
    return targets(paths or ["."], settings.discovery, stdin_filename, on_excluded)


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
    baseline: Annotated[
        Path | None,
        typer.Option(
            "--baseline",
            metavar="FILE",
            help="Do not report the findings this baseline accepts (see --write-baseline).",
        ),
    ] = None,
    write_baseline: Annotated[
        Path | None,
        typer.Option(
            "--write-baseline",
            metavar="FILE",
            help="Write every finding of the run to FILE as a baseline; exit 0 unless a file "
            "could not be read.",
        ),
    ] = None,
    prune_baseline: Annotated[
        bool,
        typer.Option(
            "--prune-baseline",
            help="With --baseline, rewrite its file without the entries that no longer occur.",
        ),
    ] = False,
    select: SelectRules = None,
    extend_select: ExtendSelectRules = None,
    ignore: IgnoreRules = None,
    extend_ignore: ExtendIgnoreRules = None,
    severity: SeverityOverrides = None,
    per_file_ignores: PerFileIgnores = None,
    extend_per_file_ignores: ExtendPerFileIgnores = None,
    fail_on: Annotated[
        Severity | None,
        typer.Option(
            help="Exit with 1 when a finding is at or above this severity [default: error]."
        ),
    ] = None,
    glob: Globs = None,
    exclude: Excludes = None,
    extend_exclude: ExtendExcludes = None,
    respect_gitignore: RespectGitignore = None,
    force_exclude: ForceExclude = None,
    stdin_filename: StdinName = "<stdin>",
    show_source: Annotated[
        bool, typer.Option(help="Show the offending line under each finding (text format).")
    ] = True,
    fix: Annotated[
        bool, typer.Option("--fix", help="Apply safe fixes to the files, atomically.")
    ] = False,
    unsafe_fixes: Annotated[
        bool,
        typer.Option(
            "--unsafe-fixes", help="With --fix or --diff, also apply fixes that rewrite words."
        ),
    ] = False,
    diff: Annotated[
        bool,
        typer.Option(
            "--diff",
            help="Print a diff of what --fix would change and write nothing; exit 1 if there is "
            "something to fix.",
        ),
    ] = False,
    show_context: Annotated[
        bool | None,
        typer.Option(
            "--show-context/--no-show-context",
            help="Head each article's findings with its date, time and title (text format) "
            "[default: on a terminal].",
        ),
    ] = None,
    no_cache: Annotated[
        bool,
        typer.Option(
            "--no-cache",
            envvar=NO_CACHE_ENV,
            help="Lint every file again: neither read nor write the result cache.",
        ),
    ] = False,
    config: ConfigFile = None,
    isolated: Isolated = False,
    dialect: DialectName = None,
    engine: EngineName = Engine.LOCAL,
    scheduler: SchedulerAddress = None,
    chunk_bytes: ChunkBytes = None,
    jobs: Jobs = None,
) -> None:
    """Lint news-dump files and report malformed entries.

    Exit status: 0 no finding at or above --fail-on, 1 such findings, 2 usage, configuration or
    I/O errors. With --diff: 0 nothing to fix, 1 something to fix, 2 errors.
    """
    if fix and not diff and STDIN in (paths or ()):
        raise fail("--fix cannot rewrite standard input; give file paths (or use --diff)")
    if unsafe_fixes and not (fix or diff):
        raise fail("--unsafe-fixes only goes with --fix or --diff")
    if fix and engine is not Engine.LOCAL:
        raise fail("--fix rewrites files in place: it runs with --engine local only")
    if diff and engine is not Engine.LOCAL:
        raise fail("--diff runs with --engine local only")
    if diff and (ctx.meta.get(OCCURRENCES) or write_baseline or prune_baseline):
        raise fail("--diff prints only the diff: leave out --format, -o and the baseline options")
    command_line = CommandLine(
        select=split_selectors(select),
        extend_select=split_selectors(extend_select),
        ignore=split_selectors(ignore),
        extend_ignore=split_selectors(extend_ignore),
        fail_on=fail_on,
        severity=split_selectors(severity),
        per_file_ignores=per_file_ignores,
        extend_per_file_ignores=extend_per_file_ignores,
        glob=glob,
        exclude=split_selectors(exclude),
        extend_exclude=split_selectors(extend_exclude),
        respect_gitignore=respect_gitignore,
        force_exclude=force_exclude,
        dialect=dialect,
    )
    settings = resolved(command_line, config, isolated)
    baselines = baseline_run(BaselineOptions(baseline, write_baseline, prune_baseline))
    linter = linter_for(settings)
    if diff:
        found = found_targets(paths, settings, stdin_filename)
        status = print_fix_diff(linter, found, unsafe=unsafe_fixes, quiet=quiet)
        raise typer.Exit(EXIT_CLEAN if exit_zero and status == EXIT_FINDINGS else status)
    options = ReportOptions(
        show_source=show_source,
        show_context=sys.stdout.isatty() if show_context is None else show_context,
        fixing=fix,
        unsafe_fixes=unsafe_fixes,
        quiet=quiet,
        statistics=statistics,
        rules=settings.policy.with_severities(settings.rules),
        baseline=baselines.match is not None,
    )
    excluded: list[str] = []
    with report_outputs(ctx.meta.get(OCCURRENCES, ()), options) as reporter:
        try:
            with lint_engine(engine, scheduler, chunk_bytes, jobs) as engine_run:
                run = engine_run if no_cache else with_cache(engine_run, engine, linter)
                reporter.start()
                summary = run(
                    linter,
                    found_targets(paths, settings, stdin_filename, excluded),
                    sink=baselines.sink(reporter.finding),
                    on_file=baselines.on_file(reporter.file),
                    fix=FixRequest(unsafe=unsafe_fixes) if fix else None,
                    admit=baselines.admit,
                )
        except EngineError as error:
            raise fail(str(error)) from None
        if summary.files == 0 and not excluded:
            raise fail(f"no files to lint: nothing matched {', '.join(settings.globs)}")
        if summary.files == 0 and not quiet:
            sys.stderr.write("kzvalidate: every path given is excluded: nothing to lint\n")
        summary.stale_baseline = baselines.stale()
        reporter.finish(summary)
    save_baseline(baselines, quiet)
    if summary.errors:
        raise typer.Exit(EXIT_ERROR)
    failed = summary.count_at_or_above(settings.fail_on) and not exit_zero
    raise typer.Exit(EXIT_FINDINGS if failed and write_baseline is None else EXIT_CLEAN)


def with_cache(run: LintRun, engine: Engine, linter: Linter) -> LintRun:
    """The local engine's run through the result cache, unless ``KZVALIDATE_NO_CACHE`` or an
    empty ``KZVALIDATE_CACHE_DIR`` turns it off (the dask engine reads every file)."""
    cache = ResultCache.for_linter(linter) if engine is Engine.LOCAL else None
    return run if cache is None else through_cache(run, cache)


def baseline_run(options: BaselineOptions) -> BaselineRun:
    """What the run does with baselines, its baseline read; or a usage error naming the problem."""
    try:
        return BaselineRun(options, Path.cwd())
    except BaselineError as error:
        raise fail(str(error)) from None


def save_baseline(baselines: BaselineRun, quiet: bool) -> None:
    """Write or prune the baseline file as the run was asked, and say so unless ``quiet``."""
    try:
        done = baselines.save()
    except BaselineError as error:
        raise fail(str(error)) from None
    if done is not None and not quiet:
        sys.stderr.write(f"kzvalidate: {done}\n")


def print_fix_diff(linter: Linter, found: Iterable[Target], *, unsafe: bool, quiet: bool) -> int:
    """``--diff``: what the fixes would change, as a diff on standard output, and how many
    findings they would fix on standard error; nothing is written. Returns the exit status."""
    errors = Reporter(sys.stdout, sys.stderr)
    summary = lint_run(
        linter,
        found,
        sink=lambda finding: None,
        on_file=errors.file,
        fix=FixRequest(unsafe=unsafe, preview=report.DiffWriter(sys.stdout)),
    )
    if not quiet:
        sys.stderr.write(f"kzvalidate: {report.would_fix(summary)}\n")
    if summary.errors:
        return EXIT_ERROR
    return EXIT_FINDINGS if summary.fixed_files else EXIT_CLEAN


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


@app.command(cls=Command)
def figures(
    paths: Paths = None,
    output_format: Annotated[str, format_option(report.FIGURES, "Output format.")] = (
        report.FIGURES.default
    ),
    glob: Globs = None,
    exclude: Excludes = None,
    extend_exclude: ExtendExcludes = None,
    respect_gitignore: RespectGitignore = None,
    force_exclude: ForceExclude = None,
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
        report.write_units(sys.stdout, output_format)
        return
    command_line = CommandLine(
        glob=glob,
        exclude=split_selectors(exclude),
        extend_exclude=split_selectors(extend_exclude),
        respect_gitignore=respect_gitignore,
        force_exclude=force_exclude,
        dialect=dialect,
    )
    settings = resolved(command_line, config, isolated)
    writer = report.FIGURES.load(output_format)(sys.stdout, sys.stderr)
    writer.start()
    count = figures_run(
        found_targets(paths, settings, stdin_filename),
        settings.dialect,
        on_figure=writer.figure,
        on_error=writer.error,
    )
    writer.finish(count)
    raise typer.Exit(EXIT_ERROR if writer.errors else EXIT_CLEAN)


@app.command("parse", cls=Command)
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
    extend_ignore: ExtendIgnoreRules = None,
    severity: SeverityOverrides = None,
    per_file_ignores: PerFileIgnores = None,
    extend_per_file_ignores: ExtendPerFileIgnores = None,
    glob: Globs = None,
    exclude: Excludes = None,
    extend_exclude: ExtendExcludes = None,
    respect_gitignore: RespectGitignore = None,
    force_exclude: ForceExclude = None,
    stdin_filename: StdinName = "<stdin>",
    config: ConfigFile = None,
    isolated: Isolated = False,
    dialect: DialectName = None,
    engine: EngineName = Engine.LOCAL,
    scheduler: SchedulerAddress = None,
    chunk_bytes: ChunkBytes = None,
    jobs: Jobs = None,
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
        extend_ignore=split_selectors(extend_ignore),
        severity=split_selectors(severity),
        per_file_ignores=per_file_ignores,
        extend_per_file_ignores=extend_per_file_ignores,
        glob=glob,
        exclude=split_selectors(exclude),
        extend_exclude=split_selectors(extend_exclude),
        respect_gitignore=respect_gitignore,
        force_exclude=force_exclude,
        dialect=dialect,
    )
    settings = resolved(command_line, config, isolated)
    writer = ingest.WRITERS.load(chosen)(output, quarantine)
    try:
        with engine_executor(engine, scheduler, chunk_bytes, jobs) as executor:
            writer.open()
            result = ingest.parse_run(
                linter_for(settings),
                found_targets(paths, settings, stdin_filename),
                writer,
                include_invalid=include_invalid,
                tool_version=__version__,
                paths=paths or ["."],
                executor=executor,
                chunk_bytes=chunk_bytes_for(engine, chunk_bytes),
            )
    except EngineError as error:
        raise fail(str(error)) from None
    except ingest.NothingReadError as error:
        write_file_errors(error.summary)
        raise fail(str(error)) from None
    except (ingest.MissingExtraError, ingest.WriteError) as error:
        raise fail(str(error)) from None
    write_file_errors(result.summary)
    sys.stderr.write(f"kzvalidate: {ingest.summary_line(result, str(output))}\n")
    if result.summary.errors:
        raise typer.Exit(EXIT_ERROR)
    raise typer.Exit(EXIT_FINDINGS if result.counts.withheld else EXIT_CLEAN)


def write_file_errors(summary: Summary) -> None:
    """One line on standard error for each file that could not be read."""
    for path, message in summary.errors:
        sys.stderr.write(f"kzvalidate: error: {one_line(path)}: {one_line(message)}\n")


@app.command(cls=Command)
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
        report.SCHEMA.load(output_format)(sys.stdout, contract, settings.dialect)
    except ImportError as error:
        missing = error.name or "a library"
        raise fail(
            f"--format {output_format} needs {missing}, which is not installed: "
            "pip install 'kzvalidate[collection]'"
        ) from None
    except UnsupportedContractError as error:
        raise fail(str(error)) from None


@app.command("rules", cls=Command)
def list_rules(
    output_format: Annotated[
        str, format_option(report.RULES, "A table, JSON, or Markdown for docs.")
    ] = report.RULES.default,
) -> None:
    """List every rule: code, name, default severity, on by default, fixable, summary."""
    report.RULES.load(output_format)(sys.stdout)


@app.command(cls=Command)
def explain(
    rule: Annotated[str, typer.Argument(help="A rule code (KZ101) or name (stray-text).")],
    output_format: Annotated[
        str, format_option(report.EXPLAIN, "Plain text, or Markdown for docs.")
    ] = report.EXPLAIN.default,
) -> None:
    """Show a rule's documentation with a failing and a passing example."""
    try:
        found = rules.get(rule)
    except rules.UnknownRuleError as error:
        raise fail(str(error)) from None
    report.EXPLAIN.load(output_format)(sys.stdout, found)


EXIT_HOOK_MODULES = (
    *("multiprocessing", "concurrent.futures", "distributed", "dask"),
    *("duckdb", "pyarrow", "polars", "pandas"),
)
"""Libraries whose clean-up at interpreter exit must run (joining worker processes and threads,
closing clusters), or whose native objects may hold files until they are freed: a process that
loaded one of them ends the ordinary way."""


def leave_now(status: object) -> None:
    """End the process with ``status`` without the interpreter's teardown, when that is safe.

    Freeing every object of a finished run (the word list, the rule tables, the parsed file)
    costs about as much as a small lint. By the time the command returns, every report file is
    committed and closed, fixes and the baseline are written and the engines' pools are shut down
    by their ``with`` blocks; what remains is flushing standard output and error and logging's
    handlers, done here. Returns (and the process ends the ordinary way) for a status that is not
    a number, while other threads run, or after a library with exit-time clean-up was loaded.
    """
    threading = sys.modules.get("threading")
    busy = threading is not None and threading.active_count() > 1
    if busy or not isinstance(status, int | None):
        return
    if any(name in sys.modules for name in EXIT_HOOK_MODULES):
        return
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:  # the reader went away: the output is lost either way
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        os._exit(EXIT_ERROR)
    except (OSError, ValueError):
        return
    logging = sys.modules.get("logging")
    if logging is not None:
        logging.shutdown()
    os._exit(status or EXIT_CLEAN)


def resume_garbage_collection() -> None:
    """Turn the garbage collector back on if :mod:`kzvalidate.__main__` turned it off for the
    start-up, first setting aside for good what the start-up made (it lives as long as the
    process), so that collections during the run go over the run's own objects only."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def command_name(info: typer.models.CommandInfo) -> str:
    """The name a registered command is called by, as typer gives it."""
    callback = info.callback.__name__ if info.callback is not None else ""
    return info.name or typer.main.get_command_name(callback)


def app_for(args: Sequence[str]) -> typer.Typer:
    """The app with only the command that ``args`` start with, when they name one, else the
    whole app. Typer builds the click parameters of every command before it runs one (2 ms,
    issue 12); ``kzvalidate lint --help`` and a usage error of ``lint`` read the same either way."""
    named = [info for info in app.registered_commands if args and command_name(info) == args[0]]
    if not named:
        return app
    single = copy.copy(app)
    single.registered_commands = named
    return single


def main() -> None:
    """Run the app. No traceback reaches the user unless KZVALIDATE_DEBUG is set."""
    resume_garbage_collection()
    try:
        app_for(sys.argv[1:])()
    except SystemExit as done:  # how typer ends every command, with its exit status
        patterns.save()
        leave_now(done.code)
        raise
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
