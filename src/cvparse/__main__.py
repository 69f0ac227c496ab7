"""``python -m cvparse``: the same command line as the ``cvparse`` script."""

from __future__ import annotations

# The guard matters: worker processes started with spawn/forkserver import the main module
# (as ``__mp_main__``), and must not run the command line again.
if __name__ == "__main__":
    from .cli import main

    raise SystemExit(main())
