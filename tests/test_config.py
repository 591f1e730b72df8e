"""Configuration: discovery, the contract it is checked against, precedence, and clear errors;
rule selection with ruff's semantics, severity overrides, per-file ignores, dialect parameters."""

from __future__ import annotations

import json
import pickle
import subprocess
from collections.abc import Iterator, Mapping
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from kzvalidate.check.distributed import InProcess, lint_pieces
from kzvalidate.check.engine import Linter
from kzvalidate.check.run import lint_run
from kzvalidate.dump.dialects import DEFAULT
from kzvalidate.dump.dialects.kazakhstan_today import FOOTER
from kzvalidate.language.vocabulary import PreferredTerm, Vocabulary
from kzvalidate.model import Finding, Severity
from kzvalidate.resources import CONFIG_SCHEMA, load_schema
from kzvalidate.rules import RULES
from kzvalidate.rules.policy import PerFileIgnore
from kzvalidate.settings import (
    CommandLine,
    Config,
    ConfigError,
    find_config,
    load_config,
    resolve,
    settings_for,
)
from kzvalidate.source.discovery import DEFAULT_EXCLUDES, Patterns, targets
from tests.helpers import assert_usage_error
from tests.test_cli import CLEAN, run, write

MISSPELT = (
    "23.05.2025, 15:58 12961\n"
    "Children’s Rights Ombudsman Zakiyeva entrusted with taking additional measures\n"
    "Head of State has received Children’s Rights Ombusdman Dinara Zakiyeva.\n"
)


def codes(stdout: str) -> list[str]:
    return [finding["code"] for finding in json.loads(stdout)["findings"]]


def test_nearest_file_wins_and_pyproject_needs_the_tool_table(tmp_path: Path) -> None:
    inner = tmp_path / "dumps" / "2026"
    inner.mkdir(parents=True)
    write(tmp_path / "pyproject.toml", "[tool.kzvalidate]\nfail-on = 'warning'\n")
    write(tmp_path / "dumps" / "pyproject.toml", "[project]\nname = 'dumps'\n")
    assert find_config(inner) == tmp_path / "pyproject.toml"
    write(tmp_path / "dumps" / ".kzvalidate.toml", "ignore = ['KZ303']\n")
    assert find_config(inner) == tmp_path / "dumps" / ".kzvalidate.toml"
    write(inner / "kzvalidate.toml", "")
    assert find_config(inner) == inner / "kzvalidate.toml"


def test_every_key_is_read(tmp_path: Path) -> None:
    write(tmp_path / "accept.txt", "# names\nAkkenzhenov  # minister\n\nSmadyarov\n")
    path = write(
        tmp_path / "kzvalidate.toml",
        "select = ['KZ1', 'KZ3']\n"
        "extend-select = ['KZ005']\n"
        "ignore = ['unbalanced-quotes']\n"
        "fail-on = 'warning'\n"
        "glob = ['*.dump']\n"
        "[vocabulary]\n"
        "accept = ['Ombusdman']\n"
        "accept-files = ['accept.txt']\n"
        "[vocabulary.preferred-terms]\n"
        "Kazinform = { prefer = 'Qazinform', since = 2025-06-01 }\n"
        "Astana = 'Nur-Sultan'\n",
    )
    config = load_config(path)
    assert config.select == ("KZ1", "KZ3")
    assert config.extend_select == ("KZ005",)
    assert config.ignore == ("unbalanced-quotes",)
    assert config.fail_on is Severity.WARNING
    assert config.glob == ("*.dump",)
    assert {"ombusdman", "akkenzhenov", "smadyarov"} <= config.vocabulary.accept
    assert Vocabulary.shipped().accept <= config.vocabulary.accept
    assert config.vocabulary.term("Kazinform") == PreferredTerm(
        "Kazinform", "Qazinform", date(2025, 6, 1)
    )
    assert config.vocabulary.term("Astana") == PreferredTerm("Astana", "Nur-Sultan")
    assert config.vocabulary.term("Kazakstan").prefer == "Kazakhstan"  # shipped, kept


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            "selct = ['KZ1']\n",
            "unknown key 'selct' in the top level; allowed: dialect, exclude, extend-exclude,",
        ),
        ("[vocabulary]\naccpet = []\n", "unknown key 'accpet' in [vocabulary]; allowed: accept,"),
        ("fail-on = 'fatal'\n", "fail-on: 'fatal' is not one of info, warning, error"),
        ("select = 'KZ1'\n", "select: 'KZ1' is not of type 'array'"),
        ("select = ['KZ999']\n", "select: unknown rule 'KZ999'"),
        ("ignore = ['no-such-rule']\n", "ignore: unknown rule 'no-such-rule'"),
        (
            "[vocabulary.preferred-terms]\nKazinform = { prefer = 'Qazinform', since = 'soon' }\n",
            "vocabulary.preferred-terms.Kazinform: give prefer",
        ),
        ("[vocabulary.preferred-terms]\nKazinform = 3\n", "vocabulary.preferred-terms.Kazinform"),
        (
            "[vocabulary]\naccept-files = ['missing.txt']\n",
            "vocabulary.accept-files: cannot read 'missing.txt': No such file or directory",
        ),
        ("select = [\n", "not valid TOML"),
    ],
)
def test_a_bad_configuration_names_the_file_and_the_key(
    tmp_path: Path, content: str, message: str
) -> None:
    path = write(tmp_path / "kzvalidate.toml", content)
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert str(caught.value).startswith(f"{path}: ")
    assert message in str(caught.value)


def test_pyproject_keys_are_named_with_their_table(tmp_path: Path) -> None:
    path = write(tmp_path / "pyproject.toml", "[tool.kzvalidate]\nfail_on = 'error'\n")
    with pytest.raises(ConfigError, match=r"unknown key 'fail_on' in \[tool.kzvalidate\]"):
        load_config(path)
    empty = write(tmp_path / "empty.toml", "")
    assert load_config(empty) == Config(path=empty)


def test_explicit_pyproject_without_the_table_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path / "pyproject.toml", "[project]\nname = 'x'\n")
    with pytest.raises(ConfigError, match=r"has no \[tool.kzvalidate\] table"):
        load_config(path)


def test_isolated_ignores_files_and_explicit_beats_found(tmp_path: Path) -> None:
    write(tmp_path / "kzvalidate.toml", "fail-on = 'info'\n")
    other = write(tmp_path / "other.toml", "fail-on = 'warning'\n")
    assert resolve(None, isolated=True, cwd=tmp_path) == Config()
    assert resolve(None, isolated=False, cwd=tmp_path).fail_on is Severity.INFO
    assert resolve(other, isolated=False, cwd=tmp_path).fail_on is Severity.WARNING


# -- through the command line -------------------------------------------------------------------


def test_cli_reads_the_configuration_of_the_working_folder(tmp_path: Path) -> None:
    dump = write(tmp_path / "a.txt", MISSPELT)
    assert codes(run("lint", str(dump), "-f", "json", cwd=tmp_path).stdout) == ["KZ108", "KZ305"]
    write(tmp_path / "kzvalidate.toml", "[vocabulary]\naccept = ['Ombusdman']\n")
    assert codes(run("lint", str(dump), "-f", "json", cwd=tmp_path).stdout) == ["KZ108"]
    isolated = run("lint", str(dump), "-f", "json", "--isolated", cwd=tmp_path)
    assert codes(isolated.stdout) == ["KZ108", "KZ305"]


def test_cli_options_replace_configured_values(tmp_path: Path) -> None:
    dump = write(tmp_path / "a.txt", MISSPELT)
    write(tmp_path / "kzvalidate.toml", "select = ['KZ305']\nfail-on = 'warning'\n")
    configured = run("lint", str(dump), "-f", "json", cwd=tmp_path)
    assert (configured.returncode, codes(configured.stdout)) == (1, ["KZ305"])
    overridden = run("lint", str(dump), "-f", "json", "--fail-on", "error", cwd=tmp_path)
    assert (overridden.returncode, codes(overridden.stdout)) == (0, ["KZ305"])
    selected = run("lint", str(dump), "-f", "json", "--select", "KZ108", cwd=tmp_path)
    assert codes(selected.stdout) == ["KZ108"]


def test_extend_select_adds_to_the_default_set(tmp_path: Path) -> None:
    dump = write(tmp_path / "a.txt", MISSPELT.replace("Ombusdman", "Ombudsman") + "Kazakstan\n")
    options = ("-f", "json", "--isolated", "--select", "KZ108")
    assert codes(run("lint", str(dump), *options).stdout) == ["KZ108"]
    extended = run("lint", str(dump), *options, "--extend-select", "KZ306")
    assert codes(extended.stdout) == ["KZ306", "KZ108"]  # line 4 column 1, then its end


def test_cli_configuration_errors_exit_2_without_linting(tmp_path: Path) -> None:
    dump = write(tmp_path / "a.txt", MISSPELT)
    bad = write(tmp_path / "kzvalidate.toml", "selct = ['KZ1']\n")
    done = run("lint", str(dump), cwd=tmp_path)
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr == (
        f"kzvalidate: error: {bad}: unknown key 'selct' in the top level; allowed: "
        "dialect, exclude, extend-exclude, extend-ignore, extend-select, fail-on, force-exclude, "
        "glob, ignore, per-file-ignores, respect-gitignore, select, severity, vocabulary\n"
    )
    both = run("lint", str(dump), "--config", str(bad), "--isolated", cwd=tmp_path)
    assert both.returncode == 2
    assert "--config and --isolated" in both.stderr
    missing = run("lint", str(dump), "--config", str(tmp_path / "nope.toml"), cwd=tmp_path)
    assert missing.returncode == 2
    assert "nope.toml" in missing.stderr


# -- rule selection: two layers, the more specific selector decides ----------------------------

NO_FOOTER = "03.03.2026, 14:12 11421\nTitle of the article\nFirst paragraph.\n"
"""A dump whose only defect is KZ108 missing-footer."""


def chosen(tmp_path: Path, command_line: CommandLine, config: str | None = None) -> set[str]:
    if config is not None:
        write(tmp_path / "kzvalidate.toml", config)
    settings = settings_for(command_line, config=None, isolated=False, cwd=tmp_path)
    return {rule.code for rule in settings.rules}


def family(prefix: str) -> set[str]:
    return {code for code in RULES if code.startswith(prefix)}


DEFAULT_SET = {code for code, rule in RULES.items() if rule.enabled_by_default}


@pytest.mark.parametrize(
    ("select", "ignore", "expected"),
    [
        (["KZ108"], ["KZ1"], {"KZ108"}),
        (["KZ1"], ["KZ108"], family("KZ1") - {"KZ108"}),
        (["KZ108"], ["KZ108"], set()),
        (["missing-footer"], ["KZ108"], set()),
        (["KZ108"], ["missing-footer"], set()),
        (["ALL"], ["KZ1"], set(RULES) - family("KZ1")),
        (["KZ1"], ["ALL"], family("KZ1")),
        (["KZ10"], ["KZ1"], family("KZ10")),
        (["KZ1"], ["KZ10"], family("KZ1") - family("KZ10")),
    ],
)
def test_within_a_layer_the_more_specific_selector_wins_and_ignore_breaks_ties(
    tmp_path: Path, select: list[str], ignore: list[str], expected: set[str]
) -> None:
    assert chosen(tmp_path, CommandLine(select=select, ignore=ignore)) == expected
    as_file = f"select = {select!r}\nignore = {ignore!r}\n"
    assert chosen(tmp_path, CommandLine(), as_file) == expected


def test_command_line_ignore_adds_to_the_configured_ignore(tmp_path: Path) -> None:
    config = "ignore = ['KZ303']\nextend-ignore = ['KZ305']\n"
    assert chosen(tmp_path, CommandLine(), config) == DEFAULT_SET - {"KZ303", "KZ305"}
    both = chosen(tmp_path, CommandLine(ignore=["KZ108"]))
    assert both == DEFAULT_SET - {"KZ303", "KZ305", "KZ108"}
    extended = chosen(tmp_path, CommandLine(extend_ignore=["KZ1"]))
    assert extended == DEFAULT_SET - {"KZ303", "KZ305"} - family("KZ1")


def test_command_line_select_replaces_the_configured_selection(tmp_path: Path) -> None:
    config = "select = ['KZ1']\nignore = ['KZ108']\n"
    assert chosen(tmp_path, CommandLine(), config) == family("KZ1") - {"KZ108"}
    # the file's ignore belongs to the file's layer, which the command line's select replaces
    assert chosen(tmp_path, CommandLine(select=["KZ108"])) == {"KZ108"}
    # a layer without select adjusts the one below, the more specific selector deciding
    assert chosen(tmp_path, CommandLine(extend_select=["KZ108"])) == family("KZ1")
    assert chosen(tmp_path, CommandLine(extend_select=["KZ2"])) == (
        family("KZ1") - {"KZ108"} | family("KZ2")
    )


def test_ignore_through_the_command_line_adds_to_the_file(tmp_path: Path) -> None:
    dump = write(tmp_path / "a.txt", MISSPELT)
    write(tmp_path / "kzvalidate.toml", "ignore = ['KZ305']\n")
    assert codes(run("lint", str(dump), "-f", "json", cwd=tmp_path).stdout) == ["KZ108"]
    ignored = run("lint", str(dump), "-f", "json", "--ignore", "KZ108", cwd=tmp_path)
    assert (ignored.returncode, codes(ignored.stdout)) == (0, [])
    extended = run(
        "lint", str(dump), "-f", "json", "--extend-ignore", "missing-footer", cwd=tmp_path
    )
    assert (extended.returncode, codes(extended.stdout)) == (0, [])
    selected = run(
        "lint", str(dump), "-f", "json", "--select", "KZ1,KZ3", "--ignore", "KZ1", cwd=tmp_path
    )
    assert codes(selected.stdout) == ["KZ305"]


def test_precedence_is_defaults_then_file_then_command_line(tmp_path: Path) -> None:
    defaults = settings_for(CommandLine(), config=None, isolated=False, cwd=tmp_path)
    assert (defaults.fail_on, defaults.globs, defaults.dialect) == (
        Severity.ERROR,
        ("*.txt",),
        DEFAULT,
    )
    assert (defaults.discovery.respect_gitignore, defaults.discovery.force_exclude) == (True, False)
    assert [p.patterns for p in defaults.discovery.exclude] == [DEFAULT_EXCLUDES]
    assert defaults.policy.severities == () and defaults.policy.per_file_ignores == ()
    write(
        tmp_path / "kzvalidate.toml",
        "fail-on = 'warning'\nglob = ['*.dump']\nexclude = ['old']\nextend-exclude = ['tmp']\n"
        "respect-gitignore = false\nforce-exclude = true\n"
        "[severity]\nKZ305 = 'error'\nKZ108 = 'warning'\n"
        "[per-file-ignores]\n'a/*.dump' = ['KZ1']\n",
    )
    from_file = settings_for(CommandLine(), config=None, isolated=False, cwd=tmp_path)
    folder = str(tmp_path)
    assert (from_file.fail_on, from_file.globs) == (Severity.WARNING, ("*.dump",))
    assert from_file.discovery.exclude == (
        Patterns(folder, ("old",)),
        Patterns(folder, ("tmp",)),
    )
    assert (from_file.discovery.respect_gitignore, from_file.discovery.force_exclude) == (
        False,
        True,
    )
    assert dict(from_file.policy.severities) == {
        "KZ108": Severity.WARNING,
        "KZ305": Severity.ERROR,
    }
    assert from_file.policy.per_file_ignores == (
        PerFileIgnore(folder, "a/*.dump", frozenset(family("KZ1"))),
    )
    given = CommandLine(
        fail_on=Severity.INFO,
        glob=["*.txt"],
        exclude=["new"],
        extend_exclude=["more"],
        respect_gitignore=True,
        force_exclude=False,
        severity=["KZ1=info"],
        per_file_ignores=["b/*.txt:KZ3"],
        extend_per_file_ignores=["c/*.txt:ALL"],
    )
    inner = tmp_path / "inner"
    inner.mkdir()
    from_command = settings_for(given, config=None, isolated=False, cwd=inner)
    here = str(inner)
    assert (from_command.fail_on, from_command.globs) == (Severity.INFO, ("*.txt",))
    assert from_command.discovery.exclude == (
        Patterns(here, ("new",)),
        Patterns(folder, ("tmp",)),
        Patterns(here, ("more",)),
    )
    assert (from_command.discovery.respect_gitignore, from_command.discovery.force_exclude) == (
        True,
        False,
    )
    severities = dict(from_command.policy.severities)
    assert severities["KZ108"] is Severity.INFO  # the command line over the file
    assert severities["KZ305"] is Severity.ERROR  # only the file names it
    assert from_command.policy.per_file_ignores == (
        PerFileIgnore(here, "b/*.txt", frozenset(family("KZ3"))),
        PerFileIgnore(here, "c/*.txt", frozenset(RULES)),
    )


# -- severity overrides --------------------------------------------------------------------------


def test_the_most_specific_severity_selector_wins_in_a_layer(tmp_path: Path) -> None:
    write(
        tmp_path / "kzvalidate.toml",
        "[severity]\nKZ305 = 'error'\nKZ3 = 'info'\nmissing-footer = 'warning'\nALL = 'error'\n",
    )
    settings = settings_for(CommandLine(), config=None, isolated=False, cwd=tmp_path)
    levels = dict(settings.policy.severities)
    assert levels["KZ305"] is Severity.ERROR
    assert levels["KZ303"] is Severity.INFO
    assert levels["KZ108"] is Severity.WARNING
    assert levels["KZ006"] is Severity.ERROR
    over = CommandLine(severity=["KZ30=warning"])
    levels = dict(settings_for(over, config=None, isolated=False, cwd=tmp_path).policy.severities)
    assert (levels["KZ305"], levels["KZ303"], levels["KZ108"]) == (
        Severity.WARNING,
        Severity.WARNING,
        Severity.WARNING,
    )


def test_an_overridden_severity_is_the_findings_everywhere(tmp_path: Path) -> None:
    dump = write(tmp_path / "a.txt", NO_FOOTER)
    lowered = run("lint", str(dump), "-f", "json", "--severity", "KZ108=warning", cwd=tmp_path)
    assert lowered.returncode == 0
    [finding] = json.loads(lowered.stdout)["findings"]
    assert (finding["code"], finding["severity"]) == ("KZ108", "warning")
    failing = run("lint", str(dump), "--severity", "KZ108=warning", "--fail-on", "warning")
    assert failing.returncode == 1
    assert "a.txt:3:17: warning: KZ108" in failing.stdout
    write(tmp_path / "kzvalidate.toml", "[severity]\nKZ1 = 'info'\n")
    configured = run("lint", str(dump), "-f", "json", cwd=tmp_path)
    assert [f["severity"] for f in json.loads(configured.stdout)["findings"]] == ["info"]


def test_the_ingestion_gate_refuses_records_with_findings_made_errors(tmp_path: Path) -> None:
    dump = write(tmp_path / "a.txt", MISSPELT + FOOTER + "\n")
    out = tmp_path / "out.jsonl"
    as_shipped = run("parse", str(dump), "-o", str(out), "--isolated", cwd=tmp_path)
    assert as_shipped.returncode == 0, as_shipped.stderr  # KZ305 is a warning: the record loads
    assert len(out.read_text().splitlines()) == 1
    made_error = run(
        "parse", str(dump), "-o", str(out), "--isolated", "--severity", "KZ305=error", cwd=tmp_path
    )
    assert made_error.returncode == 1
    assert out.read_text() == ""


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("KZ305", "--severity 'KZ305': give RULE=LEVEL, LEVEL one of info, warning, error"),
        ("KZ305=fatal", "--severity 'KZ305=fatal': give RULE=LEVEL"),
        ("KZ999=error", "unknown rule 'KZ999'"),
    ],
)
def test_a_bad_severity_option_is_a_usage_error(tmp_path: Path, value: str, message: str) -> None:
    dump = write(tmp_path / "a.txt", NO_FOOTER)
    assert_usage_error(run("lint", str(dump), "--severity", value, cwd=tmp_path), message)


# -- per-file ignores ----------------------------------------------------------------------------


def archive(tmp_path: Path) -> Path:
    """A repository with dumps missing their footer (KZ108) in several folders, and a
    configuration at its root that ignores rules for some of them."""
    for name in ("archive/2019/a.txt", "archive/2020/a.txt", "x/legacy/y/b.txt", "c.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        write(tmp_path / name, NO_FOOTER.replace("Title", name))
    write(
        tmp_path / "kzvalidate.toml",
        "[per-file-ignores]\n'archive/2019/*.txt' = ['KZ1']\n'**/legacy/**' = ['ALL']\n",
    )
    return tmp_path


def reported(
    done: subprocess.CompletedProcess[str], root: Path, cwd: Path | None = None
) -> list[tuple[str, str]]:
    """(path below ``root``, code) of each finding of a JSON report made in ``cwd``."""
    findings = json.loads(done.stdout)["findings"]
    where = cwd or root
    return [
        ((where / f["path"]).resolve().relative_to(root).as_posix(), f["code"]) for f in findings
    ]


def test_per_file_ignores_match_below_the_configuration_folder(tmp_path: Path) -> None:
    root = archive(tmp_path)
    done = run("lint", ".", "-f", "json", cwd=root)
    assert reported(done, root) == [("c.txt", "KZ108"), ("archive/2020/a.txt", "KZ108")]
    inner = run("lint", ".", "-f", "json", cwd=root / "archive")  # same file, found from below
    assert reported(inner, root, root / "archive") == [("archive/2020/a.txt", "KZ108")]
    named = run("lint", str(root / "x/legacy/y/b.txt"), "-f", "json", cwd=root)
    assert (named.returncode, reported(named, root)) == (0, [])


def test_per_file_ignores_on_the_command_line(tmp_path: Path) -> None:
    root = archive(tmp_path)
    replaced = run("lint", ".", "-f", "json", "--per-file-ignores", "c.txt:KZ108", cwd=root)
    assert reported(replaced, root) == [
        ("archive/2019/a.txt", "KZ108"),
        ("archive/2020/a.txt", "KZ108"),
        ("x/legacy/y/b.txt", "KZ108"),
    ]
    added = run("lint", ".", "-f", "json", "--extend-per-file-ignores", "c.txt:KZ1", cwd=root)
    assert reported(added, root) == [("archive/2020/a.txt", "KZ108")]
    bad = run("lint", ".", "--per-file-ignores", "c.txt", cwd=root)
    assert bad.returncode == 2
    assert "--per-file-ignores 'c.txt': give PATTERN:RULES" in bad.stderr


def test_a_per_file_ignored_rule_never_fixes_the_file(tmp_path: Path) -> None:
    crlf = CLEAN.replace("\n", "\r\n").encode()
    other = crlf.replace(b"Title", b"Other title")
    (tmp_path / "kept").mkdir()
    kept = write(tmp_path / "kept" / "a.txt", crlf)
    fixed = write(tmp_path / "b.txt", other)
    write(tmp_path / "kzvalidate.toml", "[per-file-ignores]\n'kept/' = ['KZ003']\n")
    done = run("lint", ".", "--fix", cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert kept.read_bytes() == crlf
    assert fixed.read_bytes() == other.replace(b"\r\n", b"\n")


def test_per_file_ignores_hold_on_workers_and_for_split_files(tmp_path: Path) -> None:
    root = archive(tmp_path)
    settings = settings_for(CommandLine(), config=None, isolated=False, cwd=root)
    paths = [str(root / "archive"), str(root / "x"), str(root / "c.txt")]
    big = root / "archive" / "2019" / "big.txt"
    write(big, "".join(NO_FOOTER.replace("Title", f"Title {n}") for n in range(50)))
    linter = Linter(settings.rules, settings.vocabulary, settings.dialect, settings.policy)
    shipped = pickle.loads(pickle.dumps(linter))  # what a dask worker gets

    def findings(run_with: Linter, executor: bool) -> list[tuple[str, str]]:
        found: list[Finding] = []
        chosen_targets = targets(paths, settings.discovery, "<stdin>")
        if executor:
            lint_pieces(
                InProcess(),
                run_with,
                chosen_targets,
                sink=found.append,
                on_file=lambda _: None,
                chunk_bytes=200,
            )
        else:
            lint_run(run_with, chosen_targets, sink=found.append, on_file=lambda _: None)
        return [(Path(f.path).relative_to(root).as_posix(), f.code) for f in found]

    local = findings(linter, executor=False)
    assert local == [("archive/2020/a.txt", "KZ108"), ("c.txt", "KZ108")]
    assert findings(shipped, executor=True) == local


def test_per_file_ignores_and_severities_on_a_dask_cluster(tmp_path: Path) -> None:
    root = archive(tmp_path)
    write(
        root / "kzvalidate.toml",
        (root / "kzvalidate.toml").read_text() + "[severity]\nKZ108 = 'warning'\n",
    )
    done = run("lint", ".", "-f", "json", "--engine", "dask", cwd=root)
    assert done.returncode == 0, done.stderr
    findings = json.loads(done.stdout)["findings"]
    assert reported(done, root) == [("c.txt", "KZ108"), ("archive/2020/a.txt", "KZ108")]
    assert {finding["severity"] for finding in findings} == {"warning"}


def test_an_unknown_rule_in_per_file_ignores_names_the_pattern(tmp_path: Path) -> None:
    path = write(tmp_path / "kzvalidate.toml", "[per-file-ignores]\n'old/*.txt' = ['KZ9']\n")
    with pytest.raises(ConfigError, match=r"per-file-ignores.old/\*.txt: unknown rule 'KZ9'"):
        load_config(path)
    path = write(tmp_path / "kzvalidate.toml", "[severity]\nKZ9 = 'error'\n")
    with pytest.raises(ConfigError, match=r"kzvalidate.toml: severity: unknown rule 'KZ9'"):
        load_config(path)
    path = write(tmp_path / "kzvalidate.toml", "[severity]\nKZ305 = 'fatal'\n")
    with pytest.raises(ConfigError, match=r"severity.KZ305: 'fatal' is not one of info, warning"):
        load_config(path)


# -- the dialect's parameters ------------------------------------------------------------------

AGENCY_FOOTER = "© Qazinform News Agency. All rights reserved."
AGENCY_DUMP = (
    "03.03.2026, 14:12 11421\n"
    "Kazakh Interior Ministry says crimes down 8% in two months of 2026\n"
    "Photo | Akorda\n"
    "Over the two months, 21,734 crimes were registered in the country.\n"
    f"{AGENCY_FOOTER}\n"
)
AGENCY_CONFIG = (
    "[dialect]\nbase = 'kazakhstan-today'\n"
    f"footers = ['{AGENCY_FOOTER}', '© Qazinform']\ncredit-label = 'Photo'\n"
)


def test_a_configured_footer_and_credit_label_let_another_agency_pass(tmp_path: Path) -> None:
    dump = write(tmp_path / "a.txt", AGENCY_DUMP)
    shipped = run("lint", str(dump), "-f", "json", cwd=tmp_path)
    assert (shipped.returncode, codes(shipped.stdout)) == (1, ["KZ107", "KZ108"])
    write(tmp_path / "kzvalidate.toml", AGENCY_CONFIG)
    configured = run("lint", str(dump), "-f", "json", cwd=tmp_path)
    assert (configured.returncode, codes(configured.stdout)) == (0, [])
    misspelt = write(tmp_path / "b.txt", AGENCY_DUMP.replace("Agency.", "Agncy."))
    done = run("lint", str(misspelt), "-f", "json", cwd=tmp_path)
    assert codes(done.stdout) == ["KZ109"]
    fixed = run("lint", str(misspelt), "--fix", cwd=tmp_path)
    assert fixed.returncode == 0, fixed.stdout
    assert misspelt.read_text() == AGENCY_DUMP
    old_style = run("lint", str(write(tmp_path / "c.txt", CLEAN)), "-f", "json", cwd=tmp_path)
    assert codes(old_style.stdout) == ["KZ108"]  # the shipped footer is not this agency's


def test_the_contract_follows_the_configured_footers(tmp_path: Path) -> None:
    write(tmp_path / "kzvalidate.toml", AGENCY_CONFIG)
    done = run("schema", cwd=tmp_path)
    footer = json.loads(done.stdout)["properties"]["footer"]
    assert footer["enum"] == [AGENCY_FOOTER, "© Qazinform"]


def test_a_credit_label_in_another_script(tmp_path: Path) -> None:
    config = write(tmp_path / "kzvalidate.toml", "[dialect]\ncredit-label = 'Фото |'\n")
    dialect = load_config(config).dialect
    assert dialect is not None
    assert (dialect.credit_label, dialect.footers) == ("Фото | ", DEFAULT.footers)
    text = AGENCY_DUMP.replace("Photo | Akorda", "Фото: Акорда").replace(AGENCY_FOOTER, FOOTER)
    write(tmp_path / "a.txt", text)
    done = run("lint", "a.txt", "-f", "json", cwd=tmp_path)
    assert codes(done.stdout) == ["KZ107"]
    assert json.loads(done.stdout)["findings"][0]["message"].startswith(
        "image credit 'Фото: Акорда'"
    )
    run("lint", "a.txt", "--fix", cwd=tmp_path)
    assert "Фото | Акорда\n" in (tmp_path / "a.txt").read_text()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[dialect]\nbase = 'kazinform'\n", "dialect.base: unknown dialect 'kazinform'"),
        ("[dialect]\nfooter = ['x']\n", "unknown key 'footer' in [dialect]; allowed: base,"),
        ("[dialect]\nfooters = []\n", "dialect.footers: [] should be non-empty"),
        ("dialect = 3\n", "dialect: give a dialect's name, or a table with base, footers"),
    ],
)
def test_a_bad_dialect_table_names_the_key(tmp_path: Path, content: str, message: str) -> None:
    path = write(tmp_path / "kzvalidate.toml", content)
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert str(caught.value).startswith(f"{path}: ")
    assert message in str(caught.value)


def schema_keys(
    schema: Mapping[str, Any], node: Mapping[str, Any], prefix: str = ""
) -> Iterator[tuple[str, Any]]:
    """Every key of the configuration schema, the keys of its tables dotted."""
    for name, given in node.get("properties", {}).items():
        reference = given.get("$ref", "#/$defs/").removeprefix("#/$defs/")
        spec = {**schema["$defs"].get(reference, {}), **given}
        yield f"{prefix}{name}", spec
        yield from schema_keys(schema, spec, f"{prefix}{name}.")


def test_every_configuration_key_has_a_description() -> None:
    schema = load_schema(CONFIG_SCHEMA)
    keys = dict(schema_keys(schema, schema))
    assert {"severity", "per-file-ignores", "extend-exclude", "dialect.credit-label"} <= set(keys)
    assert [key for key, spec in keys.items() if not spec.get("description")] == []
