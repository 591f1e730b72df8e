"""Hypothesis profiles: ``default`` for quick local runs, ``ci`` for thorough, repeatable runs.

Choose with the ``HYPOTHESIS_PROFILE`` environment variable (``HYPOTHESIS_PROFILE=ci pytest``).
Failing examples are kept in the example database (``.hypothesis/``) and replayed first.

The result cache is off for the suite (``KZVALIDATE_NO_CACHE``), so that no test replays what
another found; ``tests/test_cache.py`` turns it on, in a folder of each test's own.
"""

from __future__ import annotations

import os

from hypothesis import settings

settings.register_profile("default", max_examples=50, deadline=None)
settings.register_profile("ci", derandomize=True, max_examples=300, deadline=None, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
os.environ["KZVALIDATE_NO_CACHE"] = "1"
