"""The one place that reads ``cvparse/data``: vocabularies loaded on first use, then cached.

Data files are plain UTF-8 text, one fact per line; lines starting with ``#`` are comments
(each file opens with one saying its source and format) and blank lines are skipped. Nothing
here runs at import time.
"""

from __future__ import annotations

from functools import cache
from importlib import resources


def _read(name: str) -> str:
    return resources.files("cvparse").joinpath("data").joinpath(name).read_text(encoding="utf-8")


@cache
def lines(name: str) -> tuple[str, ...]:
    """Non-comment, non-blank lines of ``data/<name>``, stripped."""
    out = []
    for raw in _read(name).splitlines():
        line = raw.strip()
        if line and not line.startswith("#"):
            out.append(line)
    return tuple(out)


@cache
def rows(name: str) -> tuple[tuple[str, ...], ...]:
    """Tab-separated rows of ``data/<name>`` (comments and blanks skipped)."""
    return tuple(tuple(cell.strip() for cell in line.split("\t")) for line in lines(name))
