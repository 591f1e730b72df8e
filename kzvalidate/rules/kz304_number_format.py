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

import re
from collections.abc import Iterator

from kzvalidate.model import Field, Fix, Problem, Severity
from kzvalidate.parser import Article, Block
from kzvalidate.rules.base import BlockRule, Context
from kzvalidate.text import span_in

NUMBER = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)+(?![\w])")
"""Digit groups joined by single points or commas, not glued to letters (``KC263`` is a code)."""
_SPLIT_TAIL = re.compile(r" \d{1,2}(?![\d.,\w])")
_SCALE_AFTER = re.compile(
    r"(?:\s?(?:-|\u2013|to|and)\s?\d+(?:[.,]\d+)?)?"  # the other end of a range: 5,5 to 6,7 million
    r"\s?(?:%|(?:percent|per cent|thousand|million|billion|trillion|mln|bln|bn|trln)\b)",
    re.IGNORECASE,
)
_ENGLISH = re.compile(r"\d{1,3}(?:,\d{3})*(?:\.\d+)?|\d+(?:\.\d+)?")
_EUROPEAN = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")


def malformed(token: str) -> str | None:
    """What is wrong with a number token, or None if it is an English number (or a date,
    version or other dotted code, which are not numbers)."""
    if _ENGLISH.fullmatch(token):
        return None
    if "," not in token:
        groups = token.split(".")
        if len(groups) >= 3 and all(len(group) == 3 for group in groups[1:]):
            return "points as thousands separators"
        return None  # 12.05.2025, 192.168.1.1, 1.2.3: dates and codes
    if _EUROPEAN.fullmatch(token):
        return "a decimal comma with points as thousands separators"
    if "." in token:
        return "mixed decimal and thousands separators"
    groups = token.split(",")
    if len(groups) == 2 and len(groups[1]) <= 2:
        return "a decimal comma, or a thousands separator missing digits"
    return "a thousands separator in the wrong place"


def english(token: str) -> str | None:
    """The English form of a token that is only a decimal comma, else None."""
    head, _, tail = token.partition(",")
    if "," in tail or "." in token or not 1 <= len(tail) <= 2 or len(head) > 3:
        return None
    return f"{head}.{tail}"


def _problems(field: Field) -> Iterator[Problem]:
    text = field.text
    for match in NUMBER.finditer(text):
        token = match.group()
        what = malformed(token)
        if what is None:
            continue
        start, end = match.span()
        split = _SPLIT_TAIL.match(text, end) if "," in token and "." not in token else None
        if split is not None:
            end, what = split.end(), "digits of one number split by a space and a comma"
        span = span_in(field, start, end)
        meant = english(token) if split is None else None
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


def check(block: Block, context: Context) -> Iterator[Problem]:
    if not isinstance(block, Article):
        return
    for field in block.paragraphs:
        if "," in field.text or "." in field.text:
            yield from _problems(field)


RULE = BlockRule(
    code="KZ304",
    name="number-format",
    severity=Severity.WARNING,
    fixable=True,
    doc=__doc__ or "",
    check=check,
)
