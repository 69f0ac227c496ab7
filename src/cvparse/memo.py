"""Memoisation per document, for pure helpers that several stages ask about the same text.

The personal, intention and entry extractors each read the labelled pairs of the same lines,
the entry splitter classifies a line and then looks at it again as the next one, and grounding
asks the organisation and date readers about the lines the extractors read. Each helper
decorated with :func:`per_document` is a pure function of its arguments (strings, flags) that
returns an immutable value, so repeating a call can only repeat its answer: its results are
kept, and :func:`new_document` (called when a parse starts) forgets them, so one résumé never
gains from another and memory stays bounded by one document.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import ParamSpec, TypeVar, cast

P = ParamSpec("P")
R = TypeVar("R")

_CLEARS: list[Callable[[], None]] = []
_MAX_ENTRIES = 4096  # per helper: a bound for callers outside a parse, far above a résumé's lines


def per_document(fn: Callable[P, R]) -> Callable[P, R]:
    """Keep ``fn``'s results until the next :func:`new_document`."""
    cached = lru_cache(maxsize=_MAX_ENTRIES)(fn)
    _CLEARS.append(cached.cache_clear)
    return cast(Callable[P, R], cached)


def new_document() -> None:
    """Forget every kept result: a new document is being parsed."""
    for clear in _CLEARS:
        clear()


__all__ = ["new_document", "per_document"]
