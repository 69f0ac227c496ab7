"""The date reader's third round of shortcuts reads what the patterns alone read.

``normalize.dates`` now skips to where a date can begin by its first ASCII digit (a month name
may stand before it, across blanks), stops when no year or two-digit-year month is left
(:data:`_DATE_ANCHOR`), reads a match's fields as slices of ``match.groups()``, pads months and
days from a table and builds :class:`DateRange` as a named tuple. These tests hold each claim.
"""

from __future__ import annotations

import re

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from cvparse.normalize.dates import (
    _DATE,
    _END,
    _END_FIELDS,
    _FIELDS,
    _GROUP_AT,
    _NOW,
    _SECOND,
    _START,
    _START_FIELDS,
    _TWO_DIGITS,
    DateRange,
    _date_of,
    _exact,
    _fast,
    _read_ranges,
)


def test_the_group_slices_hold_the_named_fields_in_order() -> None:
    for engine in (_fast(), _exact()):
        index = {name: i - 1 for name, i in engine.range.groupindex.items()}  # 0-based, as groups()
        assert index == _GROUP_AT
        assert [index[f] for f in _START_FIELDS] == list(range(_START.start, _START.stop))
        assert [index[f] for f in _END_FIELDS] == list(range(_END.start, _END.stop))
        assert (index["now"], index["b"]) == (_NOW, _SECOND)


def test_the_padding_table_pads_every_month_and_day_the_patterns_catch() -> None:
    """Each group a table lookup replaces int() for: every value it can capture."""
    for group in ("m", "d", "m2", "m3"):
        sub = re.search(rf"\(\?P<{group}>((?:[^()]|\([^()]*\))*)\)", _DATE)
        assert sub is not None
        caught = re.compile(f"(?:{sub.group(1)})", re.X)
        values = [v for v in (f"{n}" for n in range(100)) if caught.fullmatch(v)]
        values += [v for v in (f"{n:02d}" for n in range(10)) if caught.fullmatch(v)]
        assert values
        assert all(_TWO_DIGITS.get(v) == f"{int(v):02d}" for v in values)


def _old_date_of(*fields: str | None) -> str | None:
    """The formatting _date_of replaced (int() and a format spec)."""
    y, m, d, mon, y2, m2, y3, yy, m3, y4 = fields
    if y:
        out = f"{y}-{int(m or 0):02d}"
        return f"{out}-{int(d):02d}" if d else out
    if mon:
        name = mon.lower().rstrip(".")
        month = {"sept": 9}.get(name[:4]) or {
            "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
            "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
        }.get(name[:3])  # fmt: skip
        return f"{y2}-{month:02d}" if month else y2
    if m2:
        return f"{y3}-{int(m2):02d}"
    if yy:
        return f"20{yy}-{int(m3 or 0):02d}"
    return y4 or None


def _by_finditer(text: str, pattern: re.Pattern[str] | regex.Pattern[str]) -> tuple[DateRange, ...]:
    """Every match of ``finditer``, read by name and formatted the old way."""
    out = []
    for m in pattern.finditer(text):
        start = _old_date_of(*(m.group("a_" + f) for f in _FIELDS))
        if start is None:
            continue
        second = m.group("b")
        end = (
            "present"
            if m.group("now")
            else _old_date_of(*(m.group("b_" + f) for f in _FIELDS))
            if second
            else None
        )
        out.append(DateRange(start, end, m.start(), m.end()))
    return tuple(out)


_BITS = [
    *"0123456789.-/~年月日 |,（）",
    "2019",
    "20",
    "19",
    "09",
    ".1",
    "31",
    "至今",
    "Sep",
    "sept.",
    "SEPTEMBER.",
    "september",
    "June",
    "mAy",
    "Present",
    " to ",
    "–",
    "ſep",
    "Aprıl",
    "\t",
    "\n",
    "\u3000",
    "\xa0",
    "\x1c",
    "\u2003\u2003\u2003",
    "     ",
    "示例大学",
    "Engineer ",
    "mad",
    "a",
    "٣",
]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(_BITS), max_size=18).map("".join))
def test_reading_from_the_first_digit_finds_what_finditer_finds(text: str) -> None:
    for engine in (_fast(), _exact()):
        assert _read_ranges(text, engine.range) == _by_finditer(text, engine.range)


@pytest.mark.parametrize(
    "text",
    [
        "Sep 2019 - Present",
        "September.      2019 – 2020.01",
        "实习 SEPT\u30002018 to now",
        "2019年9月1日-2020年3月",
        "19.09 - 21.06",
        "9 / 2019 ~ 12/2020",
        "no date here 6% 50 fps",
        "2019.09.1٣",
    ],
)
def test_examples_read_alike(text: str) -> None:
    for engine in (_fast(), _exact()):
        assert _read_ranges(text, engine.range) == _by_finditer(text, engine.range)


def test_a_day_in_another_script_is_still_read() -> None:
    assert _date_of("2019", "9", "1٣", None, None, None, None, None, None, None) == "2019-09-13"


def test_date_range_keeps_its_interface() -> None:
    r = DateRange("2019-09", "present", 0, 18)
    assert (r.start, r.end, r.begin, r.stop, r.is_range) == ("2019-09", "present", 0, 18, True)
    assert not DateRange("2019", None, 3, 7).is_range
    assert r == DateRange("2019-09", "present", 0, 18)
    assert repr(r) == "DateRange(start='2019-09', end='present', begin=0, stop=18)"
    with pytest.raises(AttributeError):
        r.start = "2020"  # type: ignore[misc]
    assert hash(r) == hash(DateRange("2019-09", "present", 0, 18))
