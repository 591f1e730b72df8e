"""Names a package loads on first use (PEP 562) rather than when it is imported, so that a
command pays only for the modules it uses (issue 12: start-up). Imports nothing from kzvalidate.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from importlib import import_module


def on_first_use(package: str, sources: Mapping[str, str]) -> Callable[[str], object]:
    """A module ``__getattr__`` for ``package``: each name of ``sources`` is imported from the
    module it maps to when it is first asked for; any other name is an ``AttributeError``."""

    def attribute(name: str) -> object:
        if name in sources:
            return getattr(import_module(sources[name]), name)
        raise AttributeError(f"module {package!r} has no attribute {name!r}")

    return attribute
