"""How numbers are written: the English way (``1,300.5``) or not (``5,5``, ``1.300,5``).

Shared by the number-format rule (KZ304), which reports the wrong ways, and the figure reader,
which must never guess a value from them.
"""

from __future__ import annotations

import functools

from kzvalidate.patterns import compiled

DIGITS = r"\d+(?:[.,]\d+)*"
"""Digit groups joined by single points or commas: one number token, however it is written."""
DIGITS_TAIL = r"\d*(?:[.,]\d+)*"
r"""The rest of a number token after its first digit. A pattern that starts with ``\d`` and puts
its look-behinds after that digit (``\d(?<!x\d)``) is several times faster to search than one
that starts with a look-behind, which is tried at every position of the text."""
SPLIT_TAIL = compiled(r" \d{1,2}(?![\d.,\w])")
"""The rest of a number split by a space after a misplaced separator (the ``0`` of ``1,30 0``)."""
_ENGLISH = compiled(r"\d{1,3}(?:,\d{3})*(?:\.\d+)?|\d+(?:\.\d+)?")
_EUROPEAN = compiled(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")


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


def with_decimal_point(token: str) -> str | None:
    """The English form of a token whose only fault is a decimal comma (``5,5``), else None."""
    head, _, tail = token.partition(",")
    if "," in tail or "." in token or not 1 <= len(tail) <= 2 or len(head) > 3:
        return None
    return f"{head}.{tail}"


@functools.lru_cache(maxsize=4096)
def english_value(token: str) -> float | None:
    """The value of a token written the English way; None for anything else (dates, codes and
    numbers written the wrong way are no values)."""
    if not _ENGLISH.fullmatch(token):
        return None
    return float(token.replace(",", ""))
