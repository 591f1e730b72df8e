r"""Text must be valid UTF-8.

A byte that does not decode as UTF-8 usually means the scraper saved part of the page in another
encoding (Windows-1251 for Russian pages, Latin-1 for others). Search, sorting and every later
tool mangle or drop such text. Each run of bad bytes is reported once, with the bytes in
hexadecimal.

Examples show raw bytes with Python escapes.

Fails::

    Almaty to build 35 km of ski tracks\xff\xfe

Passes::

    Almaty to build 35 km of ski tracks
"""

from __future__ import annotations

from collections.abc import Iterator

from kzvalidate.model import Line, Problem, Severity, Span
from kzvalidate.patterns import compiled
from kzvalidate.rules.base import LineRule, plural

_ESCAPED_BYTES = compiled("[\udc80-\udcff]+")


def check(line: Line) -> Iterator[Problem]:
    for match in _ESCAPED_BYTES.finditer(line.text):
        bad = match.group().encode("utf-8", "surrogateescape")
        shown = " ".join(f"0x{byte:02X}" for byte in bad[:8]) + (" ..." if len(bad) > 8 else "")
        yield Problem(
            Span.on_line(line.number, match.start(), match.end()),
            f"damaged text: {plural(len(bad), 'byte')} that {'is' if len(bad) == 1 else 'are'} "
            f"not UTF-8 ({shown})",
            hint="re-save the file as UTF-8, or re-scrape the article; the original characters "
            "cannot be recovered from these bytes alone",
        )


RULE = LineRule(
    code="KZ001",
    name="invalid-utf8",
    severity=Severity.ERROR,
    doc=__doc__ or "",
    check=check,
)
