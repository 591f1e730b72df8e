"""Strategies for the text of articles (words, titles, paragraphs, image credits), and what text
must not look like so that a dump holding it parses back unchanged."""

from __future__ import annotations

import difflib
import functools
import re
import string

from hypothesis import strategies as st

from kzvalidate.dump.dialects import DEFAULT
from kzvalidate.patterns import compiled
from kzvalidate.testing.seeds import (
    SEED_CREDITS,
    SEED_NUMBERS,
    SEED_PARAGRAPHS,
    SEED_TITLES,
    SEED_WORDS,
)

# -- what text must not look like -----------------------------------------------------------------

# Deliberately wider than the dump grammar (any digit groups, any blanks, times with or without
# seconds, up to three last tokens such as `12 345 views`), so that no text accepted here can be
# read as a header, even a damaged one.
_HEADER_LIKE_TAIL = compiled(r"\d+[./-]\d+[./-]\d+[\s,]*\d+(?::\d+)+(?:\s+\S+){0,3}\s*\Z")
_CREDIT_LIKE = compiled(r"\s*(?:image|photo)[^|:\u00a6\uff5c]{0,16}[|:\u00a6\uff5c]", re.I)
_FOOTER_LIKE_RATIO = 0.6


def looks_like_header(text: str) -> bool:
    """Whether ``text`` ends like a header (``<date> <time> [<views>]``), however damaged."""
    return _HEADER_LIKE_TAIL.search(text) is not None


def looks_like_footer(text: str) -> bool:
    """Whether ``text`` is the copyright footer or anything resembling it."""
    stripped = text.strip()
    if not 0.5 * len(DEFAULT.footer) <= len(stripped) <= 1.5 * len(DEFAULT.footer):
        return False
    matcher = difflib.SequenceMatcher(None, stripped, DEFAULT.footer, autojunk=False)
    return matcher.ratio() >= _FOOTER_LIKE_RATIO


def looks_like_image_credit(text: str) -> bool:
    """Whether ``text`` starts like an image credit (``Images | ...``, ``Photo: ...``)."""
    return _CREDIT_LIKE.match(text) is not None


def is_plain_text(text: str) -> bool:
    """Whether ``text`` can stand as a title or paragraph line and be read back unchanged.

    It is non-empty, printable (no tabs, control characters or line breaks; the only blank is the
    space), has no blanks at either end, and looks like no header, footer or image credit.
    """
    return (
        text != ""
        and text.isprintable()
        and text == text.strip()
        and not looks_like_header(text)
        and not looks_like_footer(text)
        and not looks_like_image_credit(text)
    )


# -- text -----------------------------------------------------------------------------------------


def printable_characters() -> st.SearchStrategy[str]:
    """One printable character other than a blank: letter, mark, digit, punctuation, symbol."""
    return st.characters(codec="utf-8", categories=("L", "M", "N", "P", "S"))


# Strategies over the vocabulary are wrapped in @st.composite so that their repr, which Hypothesis
# prints in reports, is a short call such as ``titles()`` rather than every seed sentence.


# Generated words never carry a defect of the text-quality rules (KZ3xx), by construction:
#
# * each word's letters are of one script (KZ301);
# * accented Latin letters, Cyrillic and Greek stand only beside letters, spaces, ASCII punctuation
#   and the quotation marks around a phrase, which ftfy never reads as mojibake (KZ302);
# * quotation marks only come in pairs around a phrase of words without any (KZ303);
# * numbers are written the English way (KZ304);
# * a generated word is never a word or name the spelling rule compares (KZ305): ASCII words have
#   at most 4 letters (it compares words of 5 letters and more, names of 4 and more), capitalised
#   ones at most 3; longer words are in lower case and not ASCII, or all capitals (acronyms);
#   only the seed vocabulary has names, and no two of them are one letter apart;
# * no word is a rejected preferred term (KZ306).

ACCENTED_LETTERS = "\u00e1\u00e9\u00ed\u00f3\u00fa\u010d\u0107\u00f6\u00fc\u011f\u0131\u00f1"
"""Lower-case Latin letters with diacritics (``áéíóúčćöüğıñ``) that generated words use. Not
``š``, ``ž`` or ``ş``: in Windows-1252, -1250 and -1254 they are UTF-8 continuation bytes, so
beside another of these letters they read as a UTF-8 character, and ftfy decodes them along with
any real mojibake in the line (``éšž cafÃ©`` becomes ``隞 café``). Every letter here is a
lead byte, or not there at all, in each single-byte encoding that can also hold mojibake."""

CYRILLIC_LETTERS = "".join(chr(code) for code in range(0x0430, 0x0450)) + (
    "\u04d9\u0493\u049b\u04a3\u04e9\u04b1\u04af\u04bb\u0456"
)
"""Lower-case Cyrillic letters of Russian and Kazakh (``а``-``я``, ``әғқңөұүһі``)."""

GREEK_LETTERS = "".join(chr(code) for code in range(0x03B1, 0x03CA) if code != 0x03C2)
"""Lower-case Greek letters ``α``-``ω`` (without the final sigma)."""

_CJK_IDEOGRAPHS = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)
_PUNCTUATION_WORDS = ("-", "\u2013", "\u2014", "/", "&", "+", "\u2026", "=", "*", "#")
_TRAILING = ("", "", "", ",", ".", ":", ";", "!", "?")
_QUOTES = (('"', '"'), ("\u201c", "\u201d"), ("\u00ab", "\u00bb"))
QUOTE_MARKS = '"\u201c\u201d\u201e\u00ab\u00bb'
"""Double quotation marks, straight and typographic, as rule KZ303 counts them."""
_UNQUOTED_SEED_WORDS = tuple(word for word in SEED_WORDS if '"' not in word)


def spelled(alphabet: str, min_size: int, max_size: int) -> st.SearchStrategy[str]:
    """Strings of ``min_size`` to ``max_size`` characters of ``alphabet``."""
    return st.text(st.sampled_from(alphabet), min_size=min_size, max_size=max_size)


def _cased(alphabet: str, longest: int) -> st.SearchStrategy[str]:
    """Words of one alphabet of lower-case letters: in lower case (up to ``longest`` letters),
    capitalised (up to 3 letters, so never a name) or in capitals (an acronym)."""
    return st.one_of(
        spelled(alphabet, 1, longest),
        spelled(alphabet, 1, 3).map(str.capitalize),
        spelled(alphabet, 2, 6).map(str.upper),
    )


# An accented Latin word: two to four letters of ACCENTED_LETTERS (so it is at least two letters
# from any ASCII word) among ASCII ones, all in lower case: "vučić", "ağrı", "müdür".
_ACCENTED_WORDS = st.builds(
    "{}{}".format, spelled(ACCENTED_LETTERS, 2, 4), spelled(string.ascii_lowercase, 0, 8)
).flatmap(lambda letters: st.permutations(letters).map("".join))

_ASCII_WORDS = st.one_of(
    spelled(string.ascii_lowercase, 1, 3).map(str.capitalize),
    spelled(string.ascii_lowercase, 2, 6).map(str.upper),
)
"""ASCII words are capitalised (never long enough for a name) or acronyms: a generated word in
lower case after a number would read as an unknown unit (``5 xq``)."""

_ONE_SCRIPT_WORDS = st.one_of(
    _ASCII_WORDS,
    _ACCENTED_WORDS,
    _cased(CYRILLIC_LETTERS, 12),
    _cased(GREEK_LETTERS, 10),
    st.text(_CJK_IDEOGRAPHS, min_size=1, max_size=6),
)
"""A word of letters of one script: ASCII Latin (short, or capitals), accented Latin, Cyrillic,
Greek or CJK."""


def _numbers() -> st.SearchStrategy[str]:
    """A number written the English way: ``1300``, ``1,300``, ``881.5``, ``1,300.25``, ``8%``,
    ``5-7%``, ``2025-2030``, ``$1.5``, ``\u20ac300,000``."""
    integers = st.integers(0, 10**12)
    plain = st.one_of(integers.map(str), integers.map("{:,}".format))
    decimal = st.builds("{}.{}".format, plain, spelled(string.digits, 1, 3))
    number = st.one_of(plain, decimal)
    return st.one_of(
        number,
        number.map("{}%".format),
        st.builds("{}-{}".format, number, number),
        st.builds("{}-{}%".format, number, number),
        st.builds("{}{}".format, st.sampled_from(["$", "\u20ac", "\u20b8"]), number),
    )


def _decorated(word: str, parentheses: bool, trailing: str) -> str:
    return f"({word})" if parentheses else word + trailing


_PLAIN_WORDS = st.builds(
    _decorated,
    st.one_of(
        st.sampled_from(_UNQUOTED_SEED_WORDS),
        st.sampled_from(SEED_NUMBERS),
        _ONE_SCRIPT_WORDS,
        _numbers(),
    ),
    st.integers(0, 7).map(lambda n: n == 0),
    st.sampled_from(_TRAILING),
)
"""A word without quotation marks: from the seeds, a number or date, or generated letters or
digits, maybe in parentheses or followed by a punctuation mark."""


def _quote(marks: tuple[str, str], inside: list[str], trailing: str) -> str:
    return marks[0] + " ".join(inside) + marks[1] + trailing


_QUOTED_PHRASES = st.builds(
    _quote,
    st.sampled_from(_QUOTES),
    st.lists(_PLAIN_WORDS, min_size=1, max_size=4),
    st.sampled_from(_TRAILING),
)
"""Words between a pair of quotation marks: ``"Altyn Kyran"``, ``\u201cso,\u201d``."""

_WORDS = st.one_of(
    st.sampled_from(SEED_WORDS),
    st.sampled_from(SEED_NUMBERS),
    _PLAIN_WORDS,
    st.sampled_from(_PUNCTUATION_WORDS),
    _QUOTED_PHRASES,
)


@st.composite
def words(draw: st.DrawFn) -> str:
    """One word: from the seed dumps, a number or date, a generated word, a punctuation mark, or a
    phrase in quotation marks (which is several words)."""
    return draw(_WORDS)


@functools.cache
def _plain_texts(min_words: int, max_words: int) -> st.SearchStrategy[str]:
    # Built once per size: a strategy built anew at each draw is validated anew, which is slow.
    chosen = st.lists(_WORDS, min_size=min_words, max_size=max_words).map(" ".join)
    return chosen.filter(is_plain_text)


@st.composite
def texts(draw: st.DrawFn, min_words: int = 1, max_words: int = 20) -> str:
    """Words joined by single spaces, kept only if the result :func:`is_plain_text`."""
    return draw(_plain_texts(min_words, max_words))


@st.composite
def titles(draw: st.DrawFn) -> str:
    """A headline: a real one from the seeds, or generated words."""
    return draw(_TITLES)


@st.composite
def paragraphs(draw: st.DrawFn) -> str:
    """A body paragraph: a real one from the seeds, or generated words."""
    return draw(_PARAGRAPHS)


def _credit_line_is_plain(source: str) -> bool:
    return not looks_like_footer(DEFAULT.credit_label + source)


@st.composite
def image_credits(draw: st.DrawFn) -> str:
    """The source named by an image credit, e.g. ``Akorda`` in ``Images | Akorda``."""
    return draw(_IMAGE_CREDITS)


_TITLES = st.one_of(st.sampled_from(SEED_TITLES), _plain_texts(1, 16))
_PARAGRAPHS = st.one_of(st.sampled_from(SEED_PARAGRAPHS), _plain_texts(1, 40))
_IMAGE_CREDITS = st.one_of(
    st.sampled_from(SEED_CREDITS), _plain_texts(1, 4).filter(_credit_line_is_plain)
)
