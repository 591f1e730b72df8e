"""Text must not contain mojibake: UTF-8 that was decoded with the wrong encoding.

When a scraper reads UTF-8 as Windows-1252 or Latin-1, every non-ASCII character turns into two
or three others: ``’`` becomes ``â€™``, ``é`` becomes ``Ã©``, ``“`` becomes ``â€œ``, a Cyrillic
name becomes ``Ð¢Ð¾ÐºÐ°ÐµÐ²``. The text is unreadable and no search finds the word. Detection
and repair are ftfy's (https://ftfy.readthedocs.io), word by word, which undoes the wrong
decoding only where the result is unambiguous; the finding covers each damaged stretch and
``--fix`` puts back the characters that were meant. A stretch whose original characters are lost
is reported without a fix. Mojibake that ftfy's heuristics do not recognise (``erdoÄŸan``) is not
reported.

Fails::

    01.03.2026, 09:10 37791
    President congratulates Kazakhstanis on the countryâ€™s Day of Gratitude

Passes::

    01.03.2026, 09:10 37791
    President congratulates Kazakhstanis on the country’s Day of Gratitude
"""

from __future__ import annotations

import difflib
import functools
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from kzvalidate.dump.blocks import Article
from kzvalidate.language.text import span_in
from kzvalidate.model import Field, Fix, Problem, Severity
from kzvalidate.patterns import compiled
from kzvalidate.rules.base import ArticleRule, Context, FixSafety, quoted

if TYPE_CHECKING:
    from ftfy import ExplainedText, TextFixerConfig

# UTF-8 read as a single-byte encoding shows a multi-byte sequence as its lead byte (Â to ô)
# followed by a continuation byte (0x80-0xBF: U+0080-U+00BF in Latin-1, symbols such as € ™ “ in
# Windows-1252, Latin letters such as ť Ś in Windows-1250). Only words holding such a pair are
# passed to ftfy, so correct accented text (Orbán, Vučić) never loads it.
_LEAD_BYTE = compiled(
    "[\u00c2-\u00f4][\u0080-\u00bf\u0100-\u017f\u0192\u02c6\u02c7\u02d8-\u02dd"
    "\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
)
_LOST = "\ufffd"
_WORD = compiled("[^ ]+")
"""ftfy sees one word at a time: mojibake never holds a space, and a correct word beside a
damaged one must not be decoded with it."""


@functools.cache
def _config() -> TextFixerConfig:
    from ftfy import TextFixerConfig  # lazy: ftfy loads only when a word looks damaged

    return TextFixerConfig(
        unescape_html=False,
        remove_terminal_escapes=False,
        fix_c1_controls=False,
        fix_latin_ligatures=False,
        fix_character_width=False,
        uncurl_quotes=False,
        fix_line_breaks=False,
        fix_surrogates=False,
        remove_control_chars=False,
        normalization=None,
    )


def repaired(text: str) -> ExplainedText:
    from ftfy import fix_and_explain  # lazy: as above

    return fix_and_explain(text, _config())


def _how(explanation: Sequence[tuple[str, str]] | None) -> str:
    steps = dict(explanation or [])
    wrong = steps.get("encode", "").replace("sloppy-", "").title()
    return f"UTF-8 read as {wrong}" if wrong else "mixed-up UTF-8"


def _damage(field: Field, start: int, end: int) -> Iterator[Problem]:
    """The damaged stretches of one word (text between spaces) of a field."""
    word = field.text[start:end]
    fixed = repaired(word)
    if fixed.text == word:
        return
    how = _how(fixed.explanation)
    matcher = difflib.SequenceMatcher(None, word, fixed.text, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        span = span_in(field, start + i1, start + i2)
        meant = fixed.text[j1:j2]
        lost = _LOST in meant
        yield Problem(
            span,
            f"garbled text {quoted(word[i1:i2])}"
            + (" whose original characters are lost" if lost else f" should read {quoted(meant)}")
            + f" (mojibake: {how})",
            hint="retype the damaged characters" if lost else f"replace it with {meant!r}",
            fix=None if lost else Fix.replace(f"replace it with {meant!r}", span, meant),
        )


def check(article: Article, context: Context) -> Iterator[Problem]:
    for field in article.prose:
        if field.text.isascii() or not _LEAD_BYTE.search(field.text):
            continue
        for word in _WORD.finditer(field.text):
            if _LEAD_BYTE.search(word.group()):
                yield from _damage(field, word.start(), word.end())


RULE = ArticleRule(
    code="KZ302",
    name="mojibake",
    severity=Severity.ERROR,
    fix_safety=FixSafety.SAFE,
    doc=__doc__ or "",
    check=check,
)
