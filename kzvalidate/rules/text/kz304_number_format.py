"""Numbers must be written the English way: a decimal point, and commas every three digits.

Translation from Kazakh or Russian and re-typing leave numbers in the wrong format: a decimal
comma (``5,5 million tons`` for 5.5 million), a thousands separator in the wrong place (``16,00``,
``1,30 0``, ``1000,000``), points as thousands separators or mixed separators (``1.300.000``,
``1.300,5``). A reader, and the figure extractor, cannot tell which value was meant, so nothing is
guessed: the number is reported, and it is not read as a figure. ``--fix --unsafe-fixes`` turns
a decimal comma into a point only where a scale follows, also across a range
(``5,5 million`` → ``5.5 million``, ``2,5%`` → ``2.5%``, ``5,5 to 6,7 million``); check the value
against the source.

Correct forms are left alone: ``1,300``, ``4,586``, ``881.5``, ``1,300.5``, dates
(``12.05.2025``), ranges (``2025-2029``, ``5-7%``), codes (``FS7617``, ``KC263``).

Fails::

    03.03.2026, 19:00 10846
    President Tokayev briefed on 2029 energy roadmap and refinery growth
    It is planned to increase the capacity of the Atyrau Refinery to 5,5 million tons.

Passes::

    03.03.2026, 19:00 10846
    President Tokayev briefed on 2029 energy roadmap and refinery growth
    It is planned to increase the capacity of the Atyrau Refinery to 5.5 million tons.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from kzvalidate.dump.blocks import Article
from kzvalidate.language.text import span_in
from kzvalidate.model import Field, Fix, Problem, Severity
from kzvalidate.patterns import compiled
from kzvalidate.quantities.numbers import DIGITS_TAIL, SPLIT_TAIL, malformed, with_decimal_point
from kzvalidate.quantities.units import load_table
from kzvalidate.rules.base import ArticleRule, Context, FixSafety


@functools.cache
def number_pattern() -> re.Pattern[str]:
    """A number token not glued to letters before it (``KC263``, ``A1,5`` are codes) unless they
    are a currency code (``KZT1,5bln``); letters after it are a unit or a scale (``5,5mln``).

    The first digit comes first and the look-behinds after it, so that they are tried only where
    a number starts, not at every position of the text."""
    codes = [code for code in load_table().prefixes if code.isalpha()]
    after_code = "".join(f"(?<={re.escape(code)}\\d)|" for code in codes)
    return compiled(rf"\d(?:{after_code}(?<![\w.,]\d)){DIGITS_TAIL}")


_SCALE_AFTER = compiled(
    r"(?:\s?(?:-|\u2013|to|and)\s?\d+(?:[.,]\d+)?)?"  # the other end of a range: 5,5 to 6,7 million
    r"\s?(?:%|(?:percent|per cent|thousand|million|billion|trillion|mln|bln|bn|trln)(?![^\W\d_]))",
    re.IGNORECASE,
)


def _problems(field: Field, start: int) -> Iterator[Problem]:
    text = field.text
    for match in number_pattern().finditer(text, start):
        token = match.group()
        what = malformed(token)
        if what is None:
            continue
        start, end = match.span()
        split = SPLIT_TAIL.match(text, end) if "," in token and "." not in token else None
        if split is not None:
            end, what = split.end(), "digits of one number split by a space and a comma"
        span = span_in(field, start, end)
        meant = with_decimal_point(token) if split is None else None
        fix = None
        if meant is not None and _SCALE_AFTER.match(text, end):
            fix = Fix.replace(f"write {meant!r}", span, meant, safe=False)
        yield Problem(
            span,
            f"number {text[start:end]!r} has {what}",
            hint=(
                f"write {meant!r} if a decimal is meant; English uses a decimal point"
                if meant is not None
                else "write it with a decimal point and commas every three digits (1,300.5)"
            ),
            fix=fix,
        )


_SEPARATOR_AND_DIGIT = compiled(r"[.,]\d")


def first_number_start(text: str) -> int | None:
    """Where the first number that may be malformed starts: at the digits before the first
    separator followed by a digit; None if there is no such separator. A number without one is
    plain digits, which :func:`malformed` always accepts, and a number token never runs on into
    the one after it, so the tokens found from there are those found from the start. The
    separators are searched for first: that search skips to ``.`` and ``,``, faster than a
    search for numbers."""
    separator = _SEPARATOR_AND_DIGIT.search(text)
    if separator is None:
        return None
    start = separator.start()
    while start > 0 and text[start - 1].isdecimal():  # what \d matches
        start -= 1
    return start


def check(article: Article, context: Context) -> Iterator[Problem]:
    for field in article.paragraphs:
        start = first_number_start(field.text)
        if start is not None:
            yield from _problems(field, start)


RULE = ArticleRule(
    code="KZ304",
    name="number-format",
    severity=Severity.WARNING,
    fix_safety=FixSafety.UNSAFE,
    doc=__doc__ or "",
    check=check,
)
