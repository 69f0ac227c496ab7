"""Degree words → the contract's degree ladder.

The ladder is ordered (``high_school`` < ``associate`` < ``bachelor`` < ``master`` < ``doctor``
< ``postdoc``); ``mba`` and ``other`` sit beside it. The vocabulary lives in
``data/degrees.tsv``; the longest matching spelling wins, so ``博士后`` is a postdoc and
``硕士研究生`` a master.
"""

from __future__ import annotations

from functools import cache

import regex

from .. import resources
from .patterns import rx
from .text import fold_cjk, halfwidth

LADDER = ("high_school", "associate", "bachelor", "master", "mba", "doctor", "postdoc")


@cache
def _table() -> tuple[regex.Pattern[str], dict[str, str]]:
    mapping: dict[str, str] = {}
    for row in resources.rows("degrees.tsv"):
        degree, *spellings = row
        for s in spellings:
            if s:
                mapping[s.lower()] = degree
    alts = sorted(mapping, key=len, reverse=True)
    pattern = regex.compile(
        r"(?<![A-Za-z])(?:" + "|".join(_spaced(a) for a in alts) + r")(?![A-Za-z])", regex.I
    )
    return pattern, mapping


def _spaced(spelling: str) -> str:
    """A Chinese degree word may be letter-spaced in forms ("本 科"); Latin ones are matched as written."""
    if rx(r"\p{Han}+").fullmatch(spelling):
        return r"[ \t]?".join(regex.escape(c) for c in spelling)
    return regex.escape(spelling)


def find_degree(text: str) -> tuple[str, int, int] | None:
    """The first degree named in ``text``: ``(degree, start, end)``."""
    pattern, mapping = _table()
    m = pattern.search(fold_cjk(halfwidth(text)))
    if not m:
        return None
    return (
        mapping[rx(r"[ \t]").sub("", m.group()).lower()]
        if rx(r"\p{Han}").search(m.group())
        else mapping[m.group().lower()],
        m.start(),
        m.end(),
    )


def normalize_degree(raw: str) -> str | None:
    found = find_degree(raw)
    return found[0] if found else None
