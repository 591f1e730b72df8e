"""Double quotation marks in a title or paragraph must come in pairs.

Scrapers often drop the opening mark of a quotation that starts a paragraph, leaving
``...especially important," the Head of State emphasized.`` with a closing mark and no opening
one; a dropped closing mark leaves the rest of the paragraph inside the quotation. Either way the
reader cannot tell where the quoted words start or end. The finding points at the mark with no
partner. Straight (``"``) and typographic (``“ ”``, ``„``) quotes and guillemets (``« »``) are
counted; whether a straight quote opens or closes is read from the characters beside it.

Not defects: apostrophes and single quotes (``country’s``, ``children's``, ``‘Altyn Kyran,’``,
``Charles’ speech``), quotes nested inside quotes, and a quotation that runs over several
paragraphs with an opening mark at the start of each and a closing mark only on the last, as
English punctuation requires.

Fails::

    01.03.2026, 09:10 37791
    President congratulates Kazakhstanis on Day of Gratitude
    In these troubled times, such a tradition is especially important," the Head of State emphasized.

Passes::

    01.03.2026, 09:10 37791
    President congratulates Kazakhstanis on Day of Gratitude
    "In these troubled times, such a tradition is especially important," the Head of State emphasized.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from kzvalidate.dump.blocks import Article
from kzvalidate.language.text import span_in
from kzvalidate.model import Field, Problem, Severity
from kzvalidate.patterns import compiled
from kzvalidate.rules.base import ArticleRule, Context

STRAIGHT = '"'
LOW_OPENING = "\u201e"  # „ opens; closed by “ (German style) or ”
OPENING = "\u201c\u00ab" + LOW_OPENING
CLOSING = "\u201d\u00bb"
_MARKS = (STRAIGHT, *OPENING, *CLOSING)
_MARK = compiled(f"[{''.join(_MARKS)}]")
_BEFORE_OPENING = "([{\u2014\u2013-/\u200b\u2060\ufeff"
"""Characters after which a straight quote opens a quotation (besides blanks)."""
_AFTER_CLOSING = ")]},.;:!?\u2026\u2014\u2013-"
"""Characters before which a straight quote closes a quotation (besides blanks)."""


@dataclass(frozen=True, slots=True)
class Unpaired:
    offset: int
    mark: str
    opening: bool


def _opens(text: str, at: int, stack: Sequence[tuple[int, str]]) -> bool:
    """Whether the mark at ``at`` opens a quotation (else it closes one)."""
    mark = text[at]
    if mark == "\u201c":
        return not (stack and stack[-1][1] == LOW_OPENING)
    if mark != STRAIGHT:
        return mark in OPENING
    gap_before = at == 0 or text[at - 1].isspace() or text[at - 1] in _BEFORE_OPENING
    gap_after = at + 1 == len(text) or text[at + 1].isspace() or text[at + 1] in _AFTER_CLOSING
    if gap_before != gap_after:
        return gap_before  # " "word: opens; word" : closes
    return not stack  # blanks or letters on both sides: pair it with what is open


def unpaired(text: str) -> list[Unpaired]:
    """The double quotation marks of ``text`` that have no partner, in order."""
    stack: list[tuple[int, str]] = []
    lonely: list[Unpaired] = []
    for match in _MARK.finditer(text):
        at = match.start()
        if _opens(text, at, stack):
            stack.append((at, match.group()))
        elif stack:
            stack.pop()
        else:
            lonely.append(Unpaired(at, match.group(), opening=False))
    if not stack:
        return lonely  # already in order
    lonely.extend(Unpaired(at, mark, opening=True) for at, mark in stack)
    return sorted(lonely, key=lambda item: item.offset)


def starts_quotation(text: str) -> bool:
    """Whether a paragraph starts with an opening mark (continuing a quotation)."""
    return bool(text) and _MARK.match(text) is not None and _opens(text, 0, [])


def has_mark(text: str) -> bool:
    """Whether ``text`` holds a double quotation mark; in ASCII text only a straight one can be,
    which ``in`` finds faster than a search for any of them."""
    if text.isascii():
        return STRAIGHT in text
    return any(map(text.__contains__, _MARKS))


def _problem(field: Field, item: Unpaired) -> Problem:
    span = span_in(field, item.offset, item.offset + 1)
    if item.opening:
        return Problem(
            span,
            f"opening quotation mark {item.mark!r} is never closed in this paragraph",
            hint="add the closing mark where the quotation ends, or delete this one",
        )
    return Problem(
        span,
        f"closing quotation mark {item.mark!r} has no opening mark before it in this paragraph",
        hint="add the opening mark where the quotation starts (often the start of the paragraph)",
    )


def check(article: Article, context: Context) -> Iterator[Problem]:
    fields = article.paragraphs
    for index, field in enumerate(fields):
        lonely = unpaired(field.text) if has_mark(field.text) else []
        if not lonely:
            continue
        following = fields[index + 1] if index + 1 < len(fields) else None
        continued = (
            field is not article.title
            and following is not None
            and starts_quotation(following.text)
        )
        for item in lonely:
            if item.opening and continued:
                continue  # a quotation running on into the next paragraph
            yield _problem(field, item)


RULE = ArticleRule(
    code="KZ303",
    name="unbalanced-quotes",
    severity=Severity.WARNING,
    doc=__doc__ or "",
    check=check,
)
