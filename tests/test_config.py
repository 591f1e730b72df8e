"""Configuration: discovery, the contract it is checked against, precedence, and clear errors."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from kzvalidate.language.vocabulary import PreferredTerm, Vocabulary
from kzvalidate.model import Severity
from kzvalidate.settings import Config, ConfigError, find_config, load_config, resolve
from tests.test_cli import run, write

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
            "unknown key 'selct' in the top level; allowed: dialect, extend-select,",
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
        "dialect, extend-select, fail-on, glob, ignore, select, vocabulary\n"
    )
    both = run("lint", str(dump), "--config", str(bad), "--isolated", cwd=tmp_path)
    assert both.returncode == 2
    assert "--config and --isolated" in both.stderr
    missing = run("lint", str(dump), "--config", str(tmp_path / "nope.toml"), cwd=tmp_path)
    assert missing.returncode == 2
    assert "nope.toml" in missing.stderr
