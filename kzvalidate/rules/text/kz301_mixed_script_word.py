"""A word must be written in one script: no Cyrillic or Greek look-alike inside a Latin word.

Scrapers and translators leave letters of another script that look exactly like Latin ones inside
English words: Cyrillic ``с`` (U+0441) in ``сourt``, Cyrillic ``а`` or ``о`` in a name, Greek
``Α``. Readers see nothing wrong, but search, sorting, spell-checking and de-duplication treat the
word as a different one. The finding points at each foreign letter; ``--fix`` replaces it with its
twin from the Unicode confusables table (UTS #39), which changes nothing visible.

The word's own script is the one most of its letters are in (Latin on a tie). Latin letters with
diacritics (``Vučić``, ``Orbán``) are Latin; a word wholly in Cyrillic or another script (a Kazakh
or Russian name) is not mixed; a foreign letter with no look-alike in the word's script is left
alone.

Control and invisible characters inside a word (KZ004, KZ007) do not split it: their fixes delete
them, so ``с`` followed by a zero-width space and ``ourt`` is read as the word ``сourt`` it
becomes, and its look-alike is reported (and fixed) in the same pass as the character that hid
it.

Fails::

    03.03.2026, 13:10 11751
    Head of State signs decree appointing new chief justices and judges
    Aidar Smagulov - chief justice of the Aktobe regional сourt

Passes::

    03.03.2026, 13:10 11751
    Head of State signs decree appointing new chief justices and judges
    Aidar Smagulov - chief justice of the Aktobe regional court
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from kzvalidate.dump.blocks import Article
from kzvalidate.language.lookalikes import LATIN, twin
from kzvalidate.language.text import WORD, script, span_in
from kzvalidate.model import Fix, Problem, Severity
from kzvalidate.patterns import compiled
from kzvalidate.rules.base import (
    ArticleRule,
    Context,
    FixSafety,
    code_point,
    indefinite,
    quoted,
)
from kzvalidate.rules.encoding.hidden import HIDDEN

_WORD_WITH_HIDDEN = compiled(f"(?:{WORD.pattern}|[{HIDDEN}])+")
"""A word as it reads once the control and invisible characters inside it are deleted."""
_HIDDEN = compiled(f"[{HIDDEN}]")
_WORD_CHAR = compiled(rf"[^\W\d_]|[\u0300-\u036f]|[{HIDDEN}]")
_NON_ASCII_WORD_LETTER = compiled(r"[^\W\d_\x00-\x7f]")
"""A letter that is not ASCII (hidden characters and accents are not letters)."""


def lettered_words(text: str) -> Iterator[re.Match[str]]:
    """The words of ``text`` (as :data:`_WORD_WITH_HIDDEN` finds them) that hold a letter that is
    not ASCII: the only ones that can mix scripts (accents have none). Found from those letters,
    so the search skips the ASCII words around them instead of looking at each in Python."""
    end = 0
    for letter in _NON_ASCII_WORD_LETTER.finditer(text):
        start = letter.start()
        if start < end:
            continue  # in the word just found
        while start > end and _WORD_CHAR.match(text, start - 1):
            start -= 1
        word = _WORD_WITH_HIDDEN.match(text, start)
        assert word is not None  # it holds the letter at least
        end = word.end()
        yield word


def word_script(word: str) -> str:
    counts = Counter(found for found in map(script, word) if found)
    if not counts:
        return ""
    best = max(counts.values())
    return LATIN if counts[LATIN] == best else counts.most_common(1)[0][0]


def check(article: Article, context: Context) -> Iterator[Problem]:
    for field in article.prose:
        if field.text.isascii():
            continue
        for match in lettered_words(field.text):
            word = _HIDDEN.sub("", match.group())
            own = word_script(word)
            for offset, char in enumerate(match.group()):
                other = script(char)
                if not other or other == own:
                    continue
                replacement = twin(char, own)
                if replacement is None:
                    continue
                span = span_in(field, match.start() + offset, match.start() + offset + 1)
                yield Problem(
                    span,
                    f"{quoted(word)} has {indefinite(other.title())} {quoted(char)} "
                    f"({code_point(char)}) that looks like the {own.title()} {quoted(replacement)}",
                    hint=f"retype it as the {own.title()} letter {quoted(replacement)}",
                    fix=Fix.replace(f"replace it with {quoted(replacement)}", span, replacement),
                )


RULE = ArticleRule(
    code="KZ301",
    name="mixed-script-word",
    severity=Severity.ERROR,
    fix_safety=FixSafety.SAFE,
    doc=__doc__ or "",
    check=check,
)
