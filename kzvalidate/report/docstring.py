"""Rule docstrings, read as the small part of reStructuredText they use, and written as plain
text or Markdown for ``explain``.

The subset: paragraphs, ``* `` bullet items (continued by lines indented two spaces), inline
literals in double backquotes, and literal blocks introduced by a paragraph ending ``::``. A
paragraph that is only ``Name::`` (``Fails::``, ``Passes::``) is a label for the block after it;
``text, for example::`` keeps its text and one colon, as reStructuredText does. Nothing else is
markup: a docstring that needs more should say it in words.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from enum import Enum

from kzvalidate.patterns import compiled

WIDTH = 88
"""Where plain text is wrapped."""
_LITERAL = compiled(r"``(.+?)``")
_BULLET = "* "
_INDENT = "    "


class Kind(Enum):
    PARAGRAPH = "paragraph"
    BULLET = "bullet"
    LABEL = "label"
    CODE = "code"


@dataclass(frozen=True, slots=True)
class Block:
    """One block of a docstring: a paragraph or bullet item as one line of text (inline markup
    kept), a label, or a literal block's lines as written."""

    kind: Kind
    text: str


def parse(source: str) -> list[Block]:
    """The blocks of a dedented docstring (or part of one), in order."""
    return list(_blocks(source.strip("\n").splitlines()))


def _blocks(lines: Sequence[str]) -> Iterator[Block]:
    at, literal_next = 0, False
    while at < len(lines):
        line = lines[at]
        if not line.strip():
            at += 1
        elif literal_next and line.startswith(" "):
            end = _indented_end(lines, at)
            yield Block(Kind.CODE, textwrap.dedent("\n".join(lines[at:end])).strip("\n"))
            at, literal_next = end, False
        elif line.startswith(_BULLET):
            end = _run_end(lines, at + 1, continuation=True)
            yield Block(Kind.BULLET, _joined(lines[at:end])[len(_BULLET) :])
            at = end
        else:
            end = _run_end(lines, at + 1, continuation=False)
            block, literal_next = _paragraph(_joined(lines[at:end]))
            yield block
            at = end


def _indented_end(lines: Sequence[str], start: int) -> int:
    """Where a literal block starting at ``start`` ends: at the first line that is not blank
    and not indented."""
    end = start
    while end < len(lines) and (not lines[end].strip() or lines[end].startswith(" ")):
        end += 1
    return end


def _run_end(lines: Sequence[str], start: int, *, continuation: bool) -> int:
    """Where a paragraph (or, with ``continuation``, a bullet item) that goes on at ``start``
    ends."""
    end = start
    while end < len(lines) and lines[end].strip() and not lines[end].startswith(_BULLET):
        if lines[end].startswith(" ") != continuation:
            break
        end += 1
    return end


def _joined(lines: Sequence[str]) -> str:
    return " ".join(line.strip() for line in lines)


def _paragraph(text: str) -> tuple[Block, bool]:
    """A paragraph, and whether a literal block follows it."""
    if not text.endswith("::"):
        return Block(Kind.PARAGRAPH, text), False
    head = text[:-2]
    if " " not in head:
        return Block(Kind.LABEL, head), True
    return Block(Kind.PARAGRAPH, head.rstrip() if head.endswith(" ") else head + ":"), True


# -- writing ------------------------------------------------------------------------------------


def plain(text: str) -> str:
    """Inline markup removed: ``--fix`` reads --fix."""
    return _LITERAL.sub(lambda match: match[1], text)


def markdown_inline(text: str) -> str:
    """Inline literals as Markdown code spans."""
    return _LITERAL.sub(lambda match: f"`{match[1]}`", text)


def to_text(blocks: Sequence[Block], width: int = WIDTH) -> str:
    """Plain text: paragraphs wrapped, labels underlined, literal blocks indented."""
    return "\n\n".join(_text_block(block, width) for block in blocks) + "\n"


def _text_block(block: Block, width: int) -> str:
    if block.kind is Kind.CODE:
        return "\n".join(_INDENT + line if line else "" for line in block.text.split("\n"))
    if block.kind is Kind.LABEL:
        return f"{block.text}\n{'-' * len(block.text)}"
    wrap = textwrap.TextWrapper(width, break_long_words=False, break_on_hyphens=False)
    if block.kind is Kind.BULLET:
        wrap.initial_indent, wrap.subsequent_indent = "  - ", "    "
    return wrap.fill(plain(block.text))


def to_markdown(blocks: Sequence[Block], heading: str = "###") -> str:
    """Markdown: one line per paragraph, labels as headings of level ``heading``, literal
    blocks fenced."""
    return "\n\n".join(_markdown_block(block, heading) for block in blocks) + "\n"


def _markdown_block(block: Block, heading: str) -> str:
    if block.kind is Kind.CODE:
        return f"```text\n{block.text}\n```"
    if block.kind is Kind.LABEL:
        return f"{heading} {block.text}"
    text = markdown_inline(block.text)
    return f"- {text}" if block.kind is Kind.BULLET else text
