"""Making text from dirty files safe and visible on a terminal or in a JSON document."""

from __future__ import annotations

import re

_SURROGATE = re.compile("[\ud800-\udfff]")
_CONTROL = re.compile("[\x00-\x1f\x7f]")
_ENDINGS = {"\r": "\u240d", "\n": "\u240a"}


def readable(text: str) -> str:
    """Text that encodes as UTF-8: each undecodable byte the reader kept becomes U+FFFD."""
    return _SURROGATE.sub("\ufffd", text)


def one_line(text: str) -> str:
    """Readable text with control characters escaped, so it stays on one line."""
    return _CONTROL.sub(lambda m: repr(m.group())[1:-1], readable(text))


def visible_char(char: str) -> str:
    """One printable cell for any character, so an underline stays under its column."""
    code = ord(char)
    if char == "\t":
        return " "
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"
    if 0x80 <= code <= 0x9F or 0xD800 <= code <= 0xDFFF or char in "\ufeff\u200b\u200c\u200d\u2060":
        return "\ufffd"
    return char


def visible(text: str) -> str:
    """The line as it should be shown under a finding: line ends and invisibles made visible."""
    body = text.rstrip("\r\n")
    shown = "".join(visible_char(char) for char in body) if not body.isprintable() else body
    ending = text[len(body) :]
    return shown if ending == "\n" else shown + "".join(_ENDINGS[char] for char in ending)
