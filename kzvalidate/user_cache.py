"""kzvalidate's cache folder: where derived data is kept between runs on this machine.

``$KZVALIDATE_CACHE_DIR``, else ``$XDG_CACHE_HOME/kzvalidate`` or ``~/.cache/kzvalidate``; an
empty ``KZVALIDATE_CACHE_DIR`` turns every cache off. What is kept there (the English word
list, compiled patterns, lint results) can always be made again, so a file that cannot be
written is no error, only a slower next run. Imports nothing from kzvalidate.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

CACHE_ENV = "KZVALIDATE_CACHE_DIR"


def cache_dir() -> Path | None:
    """Where kzvalidate keeps derived data between runs; None when caching is turned off."""
    configured = os.environ.get(CACHE_ENV)
    if configured is not None:
        return Path(configured) if configured else None
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "kzvalidate"


def write_quietly(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically (a concurrent reader sees the old file or the new
    one, never half of one), making its folder if need be; give up silently on any OS error."""
    import tempfile  # lazy: only when a cache file is written

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    except OSError:
        return
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        Path(temporary).replace(path)
    except OSError:
        with contextlib.suppress(OSError):
            Path(temporary).unlink(missing_ok=True)
