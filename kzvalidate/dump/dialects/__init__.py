"""The registry of dialects, by the name the ``dialect`` configuration key gives.

A new agency's format is one module here defining a :class:`~kzvalidate.dump.dialect.Dialect`
and a line in :data:`DIALECTS`.
"""

from __future__ import annotations

from kzvalidate.dump.dialect import Dialect
from kzvalidate.dump.dialects.kazakhstan_today import KAZAKHSTAN_TODAY

DEFAULT = KAZAKHSTAN_TODAY
DIALECTS: dict[str, Dialect] = {dialect.name: dialect for dialect in (KAZAKHSTAN_TODAY,)}


class UnknownDialectError(LookupError):
    def __init__(self, name: str) -> None:
        known = ", ".join(sorted(DIALECTS))
        super().__init__(f"unknown dialect {name!r}; known dialects: {known}")
        self.name = name


def get_dialect(name: str) -> Dialect:
    """A dialect by name, or :class:`UnknownDialectError` listing the known ones."""
    try:
        return DIALECTS[name]
    except KeyError:
        raise UnknownDialectError(name) from None
