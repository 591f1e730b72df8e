"""The ``kzvalidate`` command and ``python -m kzvalidate``: :func:`kzvalidate.cli.main`, started
with the garbage collector off.

Start-up makes some forty thousand objects the collector watches (modules, classes, functions,
rules, tables), none of them garbage, and it would go over them again and again while they are
made: about a twentieth of a one-file lint (issue 12). :func:`~kzvalidate.cli.main` sets them
aside for good (``gc.freeze``) and turns the collector back on before the run, so the run's own
garbage is collected as usual. A worker process that re-imports this module as its parent's
main module (``__mp_main__``: multiprocessing's spawn and forkserver) keeps its collector on.
"""

import gc

if __name__ != "__mp_main__":
    gc.disable()

from kzvalidate.cli import main  # once the collector is off

if __name__ == "__main__":
    main()
