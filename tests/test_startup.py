"""Start-up: the precomputed look-alike table, the compact word list, what one lint loads, and
how the command ends (issue 12)."""

from __future__ import annotations

import importlib.util
import json
import marshal
import os
import subprocess
import sys
import tomllib
from itertools import product
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rapidfuzz.distance import OSA

from kzvalidate.language import lookalikes, spelling
from kzvalidate.language._twins import TWINS
from kzvalidate.language.spelling import WordList
from kzvalidate.language.text import script
from tests.helpers import ROOT, run_cli

SEED = ROOT / "fixtures" / "seeds" / "000_752030e2fc2ef886.txt"


def test_the_twin_table_is_the_one_the_library_gives() -> None:
    assert lookalikes.library_table() == TWINS
    assert lookalikes.TABLE_FILE.read_text(encoding="utf-8") == lookalikes.table_code(TWINS)


def test_twin_answers_as_the_confusables_table_does_for_every_letter_and_script() -> None:
    from confusable_homoglyphs.confusables import confusables_data

    letters = [char for char in confusables_data if len(char) == 1 and script(char)]
    scripts = sorted({script(char) for char in letters} | {"LATIN", "CYRILLIC", "GREEK"})
    for char in letters:
        for target in scripts:
            expected = lookalikes.twin_in(confusables_data, char, target)
            assert lookalikes.twin(char, target) == expected, (char, target)


@pytest.mark.parametrize(
    ("char", "target", "twin"),
    [("с", "LATIN", "c"), ("С", "LATIN", "C"), ("а", "LATIN", "a"), ("Α", "LATIN", "A"),
     ("o", "CYRILLIC", "о"), ("ο", "LATIN", "o"), ("ж", "LATIN", None), ("q", "GREEK", None)],
)  # fmt: skip
def test_twin_examples(char: str, target: str, twin: str | None) -> None:
    assert lookalikes.twin(char, target) == twin


WORDS = {"the": 900, "ombudsman": 63, "vučić": 2, "a": 500, "zzz": 1, "astana": 7}


def test_a_word_list_finds_its_words_and_their_counts() -> None:
    words = WordList.of(WORDS)
    assert dict(words) == WORDS
    assert len(words) == len(WORDS)
    assert sorted(words) == sorted(WORDS)
    for word, count in WORDS.items():
        assert word in words
        assert words[word] == count
    for missing in ("", "th", "thee", "b", "zzzz", "ombudsmen", "vucic", "\udcff"):
        assert missing not in words
        assert words.get(missing) is None
    number: object = 3
    assert number not in words


def test_a_word_list_reads_back_what_it_wrote() -> None:
    words = WordList.of(WORDS)
    assert dict(WordList.loads(words.dumps())) == WORDS
    assert dict(WordList.loads(WordList.of({}).dumps())) == {}


@pytest.mark.parametrize("data", [b"", b"\x00garbage", b"\xda\x03abc", marshal.dumps({"the": 1})])
def test_bytes_that_are_no_word_list_are_refused(data: bytes) -> None:
    with pytest.raises(ValueError):
        WordList.loads(data)


def test_the_english_word_list_is_a_compact_word_list() -> None:
    english = spelling.dictionary()
    assert isinstance(english, WordList)
    assert len(english) > 100_000
    assert "ombudsman" in english and "ombusdman" not in english


def loaded_by_lint(path: Path, tmp_path: Path) -> list[str]:
    """Which of the libraries with big tables linting ``path`` in a fresh process loads (the
    result cache off, as for a file a hook has not seen), and whether KZ301 read a word there."""
    code = (
        "import json, sys\n"
        "from kzvalidate.cli import app\n"
        "try:\n"
        f"    app(['lint', {str(path)!r}])\n"
        "except SystemExit:\n"
        "    pass\n"
        "from kzvalidate.language.text import script\n"
        "tables = {'confusable_homoglyphs', 'jsonschema'} & set(sys.modules)\n"
        "here = ['KZ301 ran here'] if script.cache_info().currsize else []\n"
        "print(json.dumps(sorted(tables) + here))\n"
    )
    environment = {**os.environ, "KZVALIDATE_CACHE_DIR": str(tmp_path), "KZVALIDATE_NO_CACHE": "1"}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, env=environment
    )
    loaded: list[str] = json.loads(done.stdout.strip().splitlines()[-1])
    return loaded


def test_linting_a_seed_with_a_mixed_word_loads_no_confusables_table(tmp_path: Path) -> None:
    done = run_cli("lint", str(SEED), "--select", "KZ301", "--no-cache")
    assert "KZ301 mixed-script-word" in done.stdout
    loaded = loaded_by_lint(SEED, tmp_path)
    assert "KZ301 ran here" in loaded  # not in a worker process
    assert "confusable_homoglyphs" not in loaded
    assert "jsonschema" not in loaded  # every record of the seed passes the contract's fast path


def test_the_command_ends_with_its_status_and_all_of_its_output(tmp_path: Path) -> None:
    report = tmp_path / "report.json"
    done = run_cli("lint", str(SEED), "--format", "text", "--format", "json", "-o", str(report))
    assert done.returncode == 1
    assert done.stdout.rstrip().endswith("1 more with --fix --unsafe-fixes.")
    assert report.read_text(encoding="utf-8").rstrip().endswith("}")
    assert run_cli("--version").returncode == 0
    assert run_cli("lint", str(tmp_path / "missing.txt")).returncode == 2


def test_a_reader_that_stops_early_gets_no_traceback() -> None:
    command = [sys.executable, "-m", "kzvalidate", "lint", str(ROOT / "fixtures" / "seeds")]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as process:
        assert process.stdout is not None and process.stderr is not None
        process.stdout.read(10)
        process.stdout.close()
        errors = process.stderr.read().decode("utf-8", "replace")
        status = process.wait()
    assert "Traceback" not in errors and "Exception ignored" not in errors
    assert status in (1, 2)


def test_a_thread_still_running_at_the_end_is_waited_for(tmp_path: Path) -> None:
    marker = tmp_path / "thread-finished"
    code = (
        "import sys, threading, time\n"
        "from pathlib import Path\n"
        "from kzvalidate.cli import main\n"
        "def late() -> None:\n"
        "    time.sleep(0.3)\n"
        f"    Path({str(marker)!r}).write_text('done')\n"
        "threading.Thread(target=late).start()\n"
        f"sys.argv = ['kzvalidate', 'lint', {str(SEED)!r}]\n"
        "main()\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 1
    assert marker.read_text() == "done"
    assert done.stdout.rstrip().endswith("1 more with --fix --unsafe-fixes.")


@given(st.text(alphabet="abcé", max_size=8), st.text(alphabet="abcé", max_size=8))
def test_one_edit_apart_is_an_optimal_string_alignment_distance_of_one(a: str, b: str) -> None:
    assert spelling.one_edit_apart(a, b) is (OSA.distance(a, b) == 1)


def test_one_edit_apart_on_every_short_pair() -> None:
    short = ["".join(letters) for size in range(5) for letters in product("ab", repeat=size)]
    for a, b in product(short, repeat=2):
        assert spelling.one_edit_apart(a, b) is (OSA.distance(a, b) == 1), (a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [("ombudsman", "ombusdman"), ("kazinform", "kazinfrom"), ("bekov", "bekova"), ("nur", "nurr")],
)
def test_near_misses_of_the_spelling_rule(a: str, b: str) -> None:
    assert spelling.one_edit_apart(a, b) and spelling.one_edit_apart(b, a)
    assert sorted(spelling.near_pairs([a, b, "astana"])) == [tuple(sorted((a, b)))]


@given(st.lists(st.text(alphabet="abé", min_size=1, max_size=5), max_size=12, unique=True))
def test_near_pairs_are_every_pair_one_edit_apart_once(forms: list[str]) -> None:
    found = list(spelling.near_pairs(forms))
    expected = {(a, b) for a, b in product(forms, repeat=2) if a < b and OSA.distance(a, b) == 1}
    assert len(found) == len(set(found))
    assert set(found) == expected


def test_the_cached_word_list_is_named_after_the_file_it_copies() -> None:
    spec = importlib.util.find_spec("spellchecker")
    assert spec is not None and spec.submodule_search_locations
    word_file = Path(spec.submodule_search_locations[0]).joinpath(*spelling.WORD_LIST_FILE)
    found = word_file.stat()
    assert spelling.word_list_stamp().startswith(
        f"pyspellchecker-{found.st_size}-{found.st_mtime_ns}."
    )


def test_a_seed_lints_without_loading_the_spell_checker_once_its_words_are_cached(
    tmp_path: Path,
) -> None:
    """The word list comes from the cache (written by the first run); pydantic, the spell
    checker and rapidfuzz's OSA distance are not needed for it."""
    code = (
        "import json, sys\n"
        "from kzvalidate.cli import app\n"
        "try:\n"
        f"    app(['lint', {str(SEED)!r}])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(json.dumps(sorted({'spellchecker', 'pydantic'} & set(sys.modules))))\n"
    )
    environment = {**os.environ, "KZVALIDATE_CACHE_DIR": str(tmp_path), "KZVALIDATE_NO_CACHE": "1"}
    command = [sys.executable, "-c", code]
    runs = [
        subprocess.run(command, capture_output=True, text=True, check=True, env=environment)
        for _ in range(2)
    ]
    *report, loaded = runs[0].stdout.splitlines()
    *report_again, loaded_again = runs[1].stdout.splitlines()
    assert (json.loads(loaded), json.loads(loaded_again)) == (["spellchecker"], [])
    assert report_again == report
    assert len(list(tmp_path.glob("english-pyspellchecker-*.words"))) == 1


def test_the_command_starts_with_the_collector_off_and_runs_with_it_on() -> None:
    """The entry module turns the garbage collector off for the start-up; ``main`` sets aside
    what the start-up made and turns it back on for the run."""
    code = (
        "import gc\n"
        "from kzvalidate.__main__ import main\n"
        "from kzvalidate import cli\n"
        "print(gc.isenabled())\n"
        "cli.resume_garbage_collection()\n"
        "print(gc.isenabled(), gc.get_freeze_count() > 10_000)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "True", "True"]
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert scripts["scripts"]["kzvalidate"] == "kzvalidate.__main__:main"


def test_a_worker_that_imports_the_main_module_again_keeps_its_collector_on() -> None:
    code = (
        "import gc, runpy\n"
        "runpy.run_module('kzvalidate.__main__', run_name='__mp_main__')\n"
        "print(gc.isenabled(), gc.get_freeze_count())\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["True", "0"]


def test_main_leaves_a_running_collector_alone() -> None:
    code = (
        "import gc, sys\n"
        "from kzvalidate import cli\n"
        "cli.resume_garbage_collection()\n"
        "print(gc.isenabled(), gc.get_freeze_count())\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["True", "0"]
