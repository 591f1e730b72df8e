"""kzvalidate: data validation and schema contracts for raw news dumps from Kazakh news agencies.

The Python API, ``lint``, ``parse``, ``to_frame`` and ``Report``, lives in :mod:`kzvalidate.api`,
the top layer below the command line. It is loaded on first use (PEP 562), not here: every
``import kzvalidate.<module>`` runs this file first, and loading the whole linter with it would
make each of those imports (the command line's start-up among them) pay for all of it.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

__version__ = "0.1.0"

if TYPE_CHECKING:  # the dependency, for readers, type checkers and the layer checks
    from kzvalidate.api import Report, lint, parse, to_frame

__all__ = ["Report", "__version__", "lint", "parse", "to_frame"]
_API = "kzvalidate.api"


def __getattr__(name: str) -> object:
    """The API's names, from :mod:`kzvalidate.api` when first asked for."""
    if name in __all__:
        return getattr(import_module(_API), name)
    raise AttributeError(f"module 'kzvalidate' has no attribute {name!r}")
