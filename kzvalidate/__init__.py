"""kzvalidate: data validation and schema contracts for raw news dumps from Kazakh news agencies.

The Python API, ``lint``, ``parse``, ``to_frame`` and ``Report``, lives in :mod:`kzvalidate.api`,
the top layer below the command line. It is loaded on first use (PEP 562), not here: every
``import kzvalidate.<module>`` runs this file first, and loading the whole linter with it would
make each of those imports (the command line's start-up among them) pay for all of it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kzvalidate.lazy import on_first_use

__version__ = "0.1.0"

if TYPE_CHECKING:  # the dependency, for readers, type checkers and the layer checks
    from kzvalidate.api import Report, lint, parse, to_frame

__all__ = ["Report", "__version__", "lint", "parse", "to_frame"]
_API = "kzvalidate.api"


__getattr__ = on_first_use(__name__, {name: _API for name in __all__ if name != "__version__"})
