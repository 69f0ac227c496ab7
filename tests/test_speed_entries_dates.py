"""The date reader's shortcuts find what the patterns alone find.

``normalize.dates`` decides which engine reads a text with one character class before the two
exact checks, and reads a text by jumping to where a date can begin instead of letting the
pattern try every position. These tests hold the claims those shortcuts rest on, for every
code point where a claim is about characters.
"""

from __future__ import annotations

import re

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from cvparse.normalize.dates import (
    _DATE_LEAD,
    _MAYBE_ODD,
    _RE_ODD,
    _REGEX_ODD,
    _STARTS,
    DateRange,
    _date_of,
    _engine,
    _exact,
    _fast,
    _read_ranges,
)

_EVERY_CHAR = "".join(chr(cp) for cp in range(0x110000) if not 0xD800 <= cp <= 0xDFFF)


def test_every_odd_character_is_in_the_quick_class() -> None:
    """A character either exact check finds is one the quick class finds first."""
    odd = set(_RE_ODD.findall(_EVERY_CHAR)) | set(_REGEX_ODD.findall(_EVERY_CHAR))
    assert odd
    assert [hex(ord(c)) for c in sorted(odd) if not _MAYBE_ODD.match(c)] == []


def test_plain_text_is_not_odd() -> None:
    """Chinese, English and the usual résumé marks skip the exact checks."""
    assert _MAYBE_ODD.search("示例理工大学 硕士 2019年9月 – 2022年6月 | Sep 2019 ~ Present ●■◆（）：") is None


def test_a_date_starts_only_where_the_lead_class_allows() -> None:
    """Each engine's start test (the patterns' first step) admits no character outside it."""
    for starts in (re.compile(_STARTS, re.X | re.I), regex.compile(_STARTS, regex.X | regex.I)):
        admitted = {c for c in _EVERY_CHAR if starts.match(c)}
        assert admitted
        assert sorted(c for c in admitted if not _DATE_LEAD.match(c)) == []


_FIELDS = ("y", "m", "d", "mon", "y2", "m2", "y3", "yy", "m3", "y4")


def _by_finditer(text: str, pattern: re.Pattern[str] | regex.Pattern[str]) -> tuple[DateRange, ...]:
    """The reading the date reader replaced: every match of ``finditer``."""
    out = []
    for m in pattern.finditer(text):
        start = _date_of(*(m.group("a_" + f) for f in _FIELDS))
        if start is None:
            continue
        end = (
            "present"
            if m.group("now")
            else _date_of(*(m.group("b_" + f) for f in _FIELDS))
            if m.group("b")
            else None
        )
        out.append(DateRange(start, end, m.start(), m.end()))
    return tuple(out)


_BITS = [
    *"0123456789.-/~年月日 \t|,（）",
    "2019",
    "20",
    "19",
    "09",
    "至今",
    "Sep",
    "sept.",
    "SEPTEMBER",
    "june",
    "Present",
    " to ",
    "–",
    "ſep",
    "Aprıl",
    "\x1c",
    "示例大学",
    "Engineer ",
    "mad",
]


@settings(max_examples=800, deadline=None)
@given(st.lists(st.sampled_from(_BITS), max_size=16).map("".join))
def test_reading_by_leads_finds_what_finditer_finds(text: str) -> None:
    for engine in (_fast(), _exact()):
        assert _read_ranges(text, engine.range) == _by_finditer(text, engine.range)


def test_engine_choice_is_unchanged_by_the_quick_class() -> None:
    for text in [
        "2019\x1c- 2020",
        "Aprıl 2019 - now",
        "٢٠١٩.09-2020.01",
        "2019.09 – 2020.01 🎓",
        "plain 2019",
    ]:
        exact = bool(_RE_ODD.search(text) or _REGEX_ODD.search(text))
        assert (_engine(text) is _exact()) == exact
