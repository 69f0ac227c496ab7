"""Compiled regular expressions, built once per pattern.

Rules written inline (``rx(r"\\p{Han}").search(text)``) read where they are used; a call of
``regex.search(pattern, text)`` compiles through the module's cache on every call (a key
built from the pattern and its flags, flag arithmetic in Python), which over a few hundred
calls per résumé was a tenth of a warm parse. ``rx`` is a plain dict lookup after the first
call.
"""

from __future__ import annotations

from functools import cache

import regex


@cache
def rx(pattern: str, flags: int = 0) -> regex.Pattern[str]:
    """``regex.compile(pattern, flags)``, once per distinct pattern and flags."""
    return regex.compile(pattern, flags)


__all__ = ["rx"]
