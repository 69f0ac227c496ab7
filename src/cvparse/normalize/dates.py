"""Dates and date ranges: résumé spellings → ``YYYY[-MM[-DD]]`` or ``present``.

Covers the forms Chinese and English résumés use: ``2019.09``, ``2019/9``, ``2019年9月``,
``2019-09-01``, ``19.09`` (two-digit years read as 20xx), ``Sep 2019``, ``09/2019``,
full-width digits, and 至今 / 现在 / 今 / Present / Now for an open end. A range is two
dates joined by ``-``, ``–``, ``—``, ``~``, ``至``, ``到`` or ``to``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import regex

from ..memo import per_document
from .text import halfwidth

MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_MONTH_NAMES = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
PRESENT = r"(?:至今|迄今|现在|目前|今|present|now|current|today|ongoing)"

# One date. Named groups: y (4-digit year), yy (2-digit year), m, d, mon (English month).
_DATE = rf"""
(?:
    (?P<y>(?:19|20)\d{{2}}) \s* (?:年|[./\-]) \s* (?P<m>1[0-2]|0?[1-9]) (?![\d])
        (?: \s* (?:月|[./\-]) \s* (?P<d>3[01]|[12]\d|0?[1-9]) (?!\d) \s*日? | \s*月(?:份)? )?
  | (?P<mon>{_MONTH_NAMES}) \s* (?P<y2>(?:19|20)\d{{2}})
  | (?P<m2>1[0-2]|0?[1-9]) \s* / \s* (?P<y3>(?:19|20)\d{{2}})
  | (?<![\d.])(?P<yy>[0-3]\d) \. (?P<m3>1[0-2]|0[1-9]) (?![\d.])
  | (?P<y4>(?:19|20)\d{{2}}) (?:\s*年)? (?!\d)
)
"""
_SEP = r"\s*(?:-{1,2}|–|—{1,2}|－|~|～|〜|至|到|to|until|till|\u2013|\u2014)\s*"
_RANGE = rf"(?P<a>{_DATE.replace('(?P<', '(?P<a_')})(?:{_SEP}(?:(?P<now>{PRESENT})|(?P<b>{_DATE.replace('(?P<', '(?P<b_')})))?"


@dataclass(frozen=True, slots=True)
class DateRange:
    """A date or range found in a text, with the span of the raw text it came from."""

    start: str | None
    end: str | None
    begin: int
    stop: int

    @property
    def is_range(self) -> bool:
        return self.end is not None


# Every spelling starts with an ASCII digit or a month name's first letter: said up front, the
# engine skips other positions cheaply instead of trying each alternative there (3-5x faster).
_STARTS = r"(?=[0-9jfmasond])"

Pattern = re.Pattern[str] | regex.Pattern[str]


@dataclass(frozen=True, slots=True)
class _Engine:
    range: Pattern
    date: Pattern


@cache
def _fast() -> _Engine:
    """The date patterns compiled by the standard library's ``re``.

    Dates are read on most lines of every résumé, and ``re`` finds the same matches about twice
    as fast as ``regex``. The two read a few characters differently (``re`` takes U+001C–U+001F
    for blanks and the dotless ``ı`` for an ``i`` when ignoring case; they know different
    non-ASCII digits): a text holding one is read by :func:`_exact`, as it always was
    (tests/test_normalize_dates_engines.py checks both read every other text alike).
    """
    return _Engine(re.compile(_STARTS + _RANGE, re.X | re.I), re.compile(_STARTS + _DATE, re.X | re.I))


@cache
def _exact() -> _Engine:
    """The same patterns compiled by ``regex`` (built only when a text needs them)."""
    return _Engine(
        regex.compile(_STARTS + _RANGE, regex.X | regex.I), regex.compile(_STARTS + _DATE, regex.X | regex.I)
    )


# characters the two engines read differently ([^\D0-9]: a digit other than 0-9, in either's view)
_RE_ODD = re.compile(r"[\x1c-\x1f\u0131]|[^\D0-9]")
_REGEX_ODD = regex.compile(r"[^\D0-9]")


def _engine(text: str) -> _Engine:
    return _exact() if _RE_ODD.search(text) or _REGEX_ODD.search(text) else _fast()


def date_pattern(text: str) -> Pattern:
    """The one-date pattern (named groups as :data:`_DATE`) that reads ``text`` (half-width)."""
    return _engine(text).date


@cache
def _present_re() -> regex.Pattern[str]:
    return regex.compile(rf"^\s*{PRESENT}\s*$", regex.I)


def _from_groups(g: dict[str, str | None], p: str = "") -> str | None:
    def get(k: str) -> str | None:
        return g.get(p + k)

    if get("y"):
        y, m, d = get("y"), get("m"), get("d")
        out = f"{y}-{int(m or 0):02d}"
        return f"{out}-{int(d):02d}" if d else out
    if get("mon"):
        mon = (get("mon") or "").lower().rstrip(".")
        month = MONTHS.get(mon[:4] if mon.startswith("sept") else mon[:3])
        return f"{get('y2')}-{month:02d}" if month else get("y2")
    if get("m2"):
        return f"{get('y3')}-{int(get('m2') or 0):02d}"
    if get("yy"):
        return f"20{get('yy')}-{int(get('m3') or 0):02d}"
    if get("y4"):
        return get("y4")
    return None


def parse_date(raw: str) -> str | None:
    """One date in any supported spelling → contract form; ``None`` when it is not a date."""
    text = halfwidth(raw).strip()
    if _present_re().match(text):
        return "present"
    one = date_pattern(text)
    m = one.fullmatch(text) or one.search(text)
    if not m:
        return None
    return _from_groups(m.groupdict())


def find_ranges(text: str) -> list[DateRange]:
    """Every date or date range in ``text``, left to right, with their spans."""
    return list(_ranges(text))


# Every spelling in _DATE holds an ASCII digit (years, months and two-digit years are all
# written with 0-9 after halfwidth), so a text without one has no date to find.
_ASCII_DIGIT = re.compile(r"[0-9]")


@per_document  # the entry splitter, the extractors and grounding ask about the same lines
def _ranges(text: str) -> tuple[DateRange, ...]:
    t = halfwidth(text)
    if not _ASCII_DIGIT.search(t):
        return ()
    return _read_ranges(t, _engine(t).range)


def _read_ranges(text: str, pattern: Pattern) -> tuple[DateRange, ...]:
    """The ranges ``pattern`` (the range pattern of one engine) finds in half-width ``text``."""
    out: list[DateRange] = []
    for m in pattern.finditer(text):
        g = m.groupdict()
        start = _from_groups(g, "a_")
        if start is None:
            continue
        end: str | None
        if g.get("now"):
            end = "present"
        elif g.get("b"):
            end = _from_groups(g, "b_")
        else:
            end = None
        out.append(DateRange(start, end, m.start(), m.end()))
    return tuple(out)


def first_range(text: str) -> DateRange | None:
    """The first range (two ends) in ``text``, else the first single date."""
    found = find_ranges(text)
    for r in found:
        if r.is_range:
            return r
    return found[0] if found else None
