"""Making text from dirty files safe and visible on a terminal, in a JSON document or a web page."""

from __future__ import annotations

import unicodedata

from kzvalidate.patterns import compiled

_SURROGATE = compiled("[\ud800-\udfff]")
_CONTROL = compiled("[\x00-\x1f\x7f]")
_ENDINGS = {"\r": "\u240d", "\n": "\u240a"}
_HIDDEN_CATEGORIES = frozenset({"Cf", "Zl", "Zp"})
"""Format characters (zero-width, direction controls such as U+202E, which reorder the text around
them) and line or paragraph separators: they show nothing, or move what is shown."""
_CONTROL_NAMES = {"\t": "tab", "\n": "line feed", "\r": "carriage return", "\x00": "null"}


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
    if 0x80 <= code <= 0x9F or 0xD800 <= code <= 0xDFFF:
        return "\ufffd"
    if code >= 0xAD and unicodedata.category(char) in _HIDDEN_CATEGORIES:  # U+00AD: the first
        return "\ufffd"
    return char


def char_name(char: str) -> str:
    """What a character that :func:`visible_char` replaces is, in words, with its code point."""
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:
        return f"the byte 0x{code - 0xDC00:02X}, which is not UTF-8 text"
    name = unicodedata.name(char, "") or _CONTROL_NAMES.get(char, "control character")
    return f"{name.lower()} (U+{code:04X})"


def visible(text: str) -> str:
    """The line as it should be shown under a finding: line ends and invisibles made visible."""
    body = text.rstrip("\r\n")
    shown = "".join(visible_char(char) for char in body) if not body.isprintable() else body
    ending = text[len(body) :]
    return shown if ending == "\n" else shown + "".join(_ENDINGS[char] for char in ending)
