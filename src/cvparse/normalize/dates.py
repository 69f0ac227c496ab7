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
from typing import NamedTuple

import regex

from ..memo import per_document
from .text import RE_FOLDS_TO_ASCII, halfwidth

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


class DateRange(NamedTuple):
    """A date or range found in a text, with the span of the raw text it came from.

    A named tuple (immutable, compared and printed by its fields like the frozen dataclass it
    was): the date reader builds one per date of every line, and a tuple is built for less than
    half the work of a frozen dataclass's ``__init__``.
    """

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
# Where those characters can be: the four blanks, the dotless i, and the blocks holding the
# digits other than 0-9 that either engine knows (tests/test_speed_entries_dates.py holds
# it for every code point). One character class is scanned in C at a few instructions a
# character, where the two searches above try each position in turn: most texts (Chinese,
# English, punctuation) hold none of these and are known to be plain at once.
_MAYBE_ODD = re.compile(r"[\x1c-\x1f\u0131\u0660-\u1c59\ua620-\uabf9\uff10-\uff19\U00010000-\U0010ffff]")


def _engine(text: str) -> _Engine:
    if _MAYBE_ODD.search(text) and (_RE_ODD.search(text) or _REGEX_ODD.search(text)):
        return _exact()
    return _fast()


def date_pattern(text: str) -> Pattern:
    """The one-date pattern (named groups as :data:`_DATE`) that reads ``text`` (half-width)."""
    return _engine(text).date


@cache
def _present_re() -> regex.Pattern[str]:
    return regex.compile(rf"^\s*{PRESENT}\s*$", regex.I)


# The named groups of one date (:data:`_DATE`), in the order :func:`_date_of` takes them; a
# range's two dates carry them with the prefixes ``a_`` and ``b_``.
_FIELDS = ("y", "m", "d", "mon", "y2", "m2", "y3", "yy", "m3", "y4")
_START_FIELDS = tuple("a_" + f for f in _FIELDS)
_END_FIELDS = tuple("b_" + f for f in _FIELDS)
# Where the range pattern's groups sit in ``match.groups()`` (numbered in the order their
# parentheses open): a range's two dates' fields are read as two slices of one tuple, where
# asking for 21 groups by name looks each name up.
_GROUP_AT = {name: i for i, name in enumerate(re.findall(r"\(\?P<(\w+)>", _RANGE))}
_START = slice(_GROUP_AT[_START_FIELDS[0]], _GROUP_AT[_START_FIELDS[-1]] + 1)
_END = slice(_GROUP_AT[_END_FIELDS[0]], _GROUP_AT[_END_FIELDS[-1]] + 1)
_NOW = _GROUP_AT["now"]
_SECOND = _GROUP_AT["b"]


# A month or day as the patterns capture it ("7", "07", "12", "31") → two digits: a dict lookup
# where int() and a format spec took a few thousand instructions per date. Months are caught by
# ASCII classes only; a day's second digit is \d, which the exact engine may read in another
# script (int() still reads it), so a day not in the table takes the old way.
_TWO_DIGITS = {f"{n}": f"{n:02d}" for n in range(1, 32)} | {f"{n:02d}": f"{n:02d}" for n in range(1, 32)}


def _date_of(
    y: str | None,
    m: str | None,
    d: str | None,
    mon: str | None,
    y2: str | None,
    m2: str | None,
    y3: str | None,
    yy: str | None,
    m3: str | None,
    y4: str | None,
) -> str | None:
    """One date's groups (``match.group(*_FIELDS)``: one call, no dict) → contract form."""
    if y:
        out = f"{y}-{_TWO_DIGITS[m]}" if m else f"{y}-00"
        return f"{out}-{_TWO_DIGITS.get(d) or f'{int(d):02d}'}" if d else out
    if mon:
        name = mon.lower().rstrip(".")
        month = MONTHS.get(name[:4] if name.startswith("sept") else name[:3])
        return f"{y2}-{month:02d}" if month else y2
    if m2:
        return f"{y3}-{_TWO_DIGITS[m2]}"
    if yy:
        return f"20{yy}-{_TWO_DIGITS[m3]}" if m3 else f"20{yy}-00"
    if y4:
        return y4
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
    return _date_of(*m.group(*_FIELDS))


def find_ranges(text: str) -> list[DateRange]:
    """Every date or date range in ``text``, left to right, with their spans."""
    return list(_ranges(text))


# Every spelling in _DATE holds an ASCII digit (years, months and two-digit years are all
# written with 0-9 after halfwidth).
_ASCII_DIGIT = re.compile(r"[0-9]")


@per_document  # the entry splitter, the extractors and grounding ask about the same lines
def _ranges(text: str) -> tuple[DateRange, ...]:
    t = halfwidth(text)
    if not _DATE_ANCHOR.search(t):  # no date to find ("加速 6%"): no engine to choose
        return ()
    return _read_ranges(t, _engine(t).range)


# What a date can start with: the characters _STARTS admits when case is ignored, in either
# engine (ASCII digits, the month names' first letters in both cases, and the letters that
# ignoring case takes for an ASCII one). A single class is scanned in C a few instructions a
# character, where the date pattern is entered at every position: the reader jumps with it to
# where a date can begin, instead of trying each character of the Chinese text around it.
_DATE_LEAD = re.compile(f"[0-9jfmasondJFMASOND{RE_FOLDS_TO_ASCII}]")
# What every date holds: its year's "19" or "20" (years are (?:19|20)\d{2} in each spelling but
# the two-digit one) or, for a two-digit year ("19.09"), the "." and first digit of its month.
_DATE_ANCHOR = re.compile(r"19|20|\.[01]")
_LONGEST_MONTH = len("september.")  # the longest spelling _MONTH_NAMES matches (one character a letter)


_new_range = DateRange._make  # from one tuple of the fields: no keyword handling


def _read_ranges(text: str, pattern: Pattern) -> tuple[DateRange, ...]:
    """The ranges ``pattern`` (the range pattern of one engine) finds in half-width ``text``.

    The same matches as ``pattern.finditer(text)``, found without letting the pattern try every
    position of the text (it cannot skip ahead by itself: ignoring case, it has no first
    character to scan for). No match is empty, so each search goes on from the last match's end
    ``pos``, and a search from a later position finds the same match as long as no match starts
    in between (look-behinds still see the text before it):

    - every match holds :data:`_DATE_ANCHOR`, so without one after ``pos`` there is none left;
    - a match starts at an ASCII digit, or at a month name whose year is the first ASCII digit
      after it, separated from it by blanks only (``Sep 2019``): so no match starts before the
      first digit after ``pos``, less its blanks and the longest month name. From there the
      search starts at the first character a date can begin with (:data:`_DATE_LEAD`; the
      digit is one).
    """
    out: list[DateRange] = []
    pos = 0
    while _DATE_ANCHOR.search(text, pos) is not None:
        digit = _ASCII_DIGIT.search(text, pos)
        assert digit is not None  # the anchor holds one
        first = digit.start()
        while first > pos and text[first - 1].isspace():  # isspace holds either engine's \s
            first -= 1
        lead = _DATE_LEAD.search(text, max(pos, first - _LONGEST_MONTH))
        assert lead is not None  # the digit is a lead
        m = pattern.search(text, lead.start())
        if m is None:
            break
        pos = m.end()
        groups = m.groups()
        start = _date_of(*groups[_START])
        if start is None:
            continue
        end = "present" if groups[_NOW] else _date_of(*groups[_END]) if groups[_SECOND] else None
        out.append(_new_range((start, end, m.start(), pos)))
    return tuple(out)


def first_range(text: str) -> DateRange | None:
    """The first range (two ends) in ``text``, else the first single date."""
    found = find_ranges(text)
    for r in found:
        if r.is_range:
            return r
    return found[0] if found else None
