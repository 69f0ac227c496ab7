"""Evidence: where in the document every profile value comes from, and how sure cvparse is.

Grounding runs **after** extraction, on the finished profile, with the same normalisers the
extractors use, so extractors stay free of bookkeeping. For each value it finds the spans of
``Document.text`` whose normalisation equals the value — a verbatim occurrence (after
``halfwidth``) for names, schools, titles; the ``find_ranges`` date whose contract form is
``2019-09``; the ``find_phones`` hit; the ``find_skills`` hit whose canonical name is the skill
— and picks the one that fits best: an entry's key (school, company, project name) in its own
section and after the previous entry's, then the entry's other fields nearest that anchor, so
all of an entry's evidence points into one region. A value with no span is dropped
(:func:`ground` returns the pruned profile), so ``parse`` never emits what it cannot show.

Confidence is a small additive formula over signals (see :func:`_confidence`); the constants
were calibrated on the 41 labelled dev résumés with ``tools/calibrate.py`` (``docs/evidence.md``).

Everything per document (half-width text, section of each line, date tokens and phone hits
of the lines that can hold a value) is computed once, lazily, and searched with ``str.find``;
grounding alone costs about 1.4 ms per text résumé of the dev corpus, 0.8 ms for ``parse``, which
asks for the pruned profile only (``ground(..., evidence=False)``: no confidence, no Evidence;
docs/evidence.md).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from itertools import accumulate
from typing import TYPE_CHECKING, Any, NamedTuple

from .document import Document
from .extract.honors import LANG_TEST, language_of_test
from .extract.kv import field_of_label
from .extract.numbers import cn_number
from .extract.orgs import find_company, find_school
from .extract.skills import STACK_LINE
from .models import ENTRY_KEYS
from .normalize.dates import PRESENT, DateRange, date_pattern, find_ranges
from .normalize.dates import Pattern as DatePattern
from .normalize.degrees import find_degree
from .normalize.phones import find_phones
from .normalize.places import find_city
from .normalize.skills import canonical_skill, find_skills
from .normalize.text import RE_FOLDS_TO_ASCII, halfwidth
from .normalize.urls import find_urls

if TYPE_CHECKING:
    from .models import Profile
    from .segment import Section

Box = tuple[float, float, float, float]


@dataclass(frozen=True, slots=True, init=False)
class Evidence:
    """Where one value came from: ``text[start:end]`` of :attr:`Parsed.text`, its page and
    box where the document has layout, and a confidence in [0, 1]."""

    start: int
    end: int
    text: str
    page: int | None
    bbox: Box | None
    confidence: float

    def __init__(
        self, start: int, end: int, text: str, page: int | None, bbox: Box | None, confidence: float
    ) -> None:
        # One per value of every parse_with_evidence: the slots are set directly, as the generated
        # frozen __init__ would through object.__setattr__, at a fraction of the cost.
        _SET_START(self, start)
        _SET_END(self, end)
        _SET_TEXT(self, text)
        _SET_PAGE(self, page)
        _SET_BBOX(self, bbox)
        _SET_CONFIDENCE(self, confidence)

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "page": self.page,
            "bbox": list(self.bbox) if self.bbox is not None else None,
            "confidence": self.confidence,
        }


# The slot descriptors' setters (they bypass the frozen __setattr__, as object.__setattr__ does).
_SET_START, _SET_END, _SET_TEXT, _SET_PAGE, _SET_BBOX, _SET_CONFIDENCE = (
    Evidence.__dict__[name].__set__ for name in ("start", "end", "text", "page", "bbox", "confidence")
)


@dataclass(frozen=True, slots=True)
class Parsed:
    """A profile with its evidence: ``evidence["education/0/school"]`` points into ``text``."""

    profile: Profile
    text: str
    evidence: dict[str, Evidence]

    def to_dict(self) -> dict[str, Any]:
        """``{"profile": …, "evidence": {path: {start, end, text, page, bbox, confidence}}}``."""
        return {
            "profile": self.profile.model_dump(mode="json"),
            "evidence": {path: ev.to_dict() for path, ev in self.evidence.items()},
        }


# --- confidence --------------------------------------------------------------------------------
#
# confidence = BASE[field] + LABELLED (value follows a "label：") + VOCAB / NO_VOCAB (the value is /
# is not a vocabulary word: a known skill, a school or company suffix) − OFF_SECTION (found outside
# the section its field belongs to) − INEXACT (found only with spaces or pieces ignored) − AMBIGUOUS
# (several equally good spans) − FAR (an entry field away from its entry) − LONG (a short field
# holding a long string), clipped to [0, 1]. BASE is each field's precision on the dev corpus with
# the signals neutral; the adjustments were tuned so that values at ≥ 0.9 are right ≥ 97 % of the
# time (tools/calibrate.py prints the table; docs/evidence.md records it).

BASE: dict[str, float] = {
    "name": 0.95,
    "gender": 0.95,
    "birth_date": 0.92,
    "age": 0.92,
    "phone": 0.95,
    "email": 0.97,
    "wechat": 0.85,
    "location": 0.85,
    "hometown": 0.85,
    "ethnicity": 0.92,
    "political_status": 0.9,
    "years_of_experience": 0.75,
    "summary": 0.8,
    "links": 0.95,
    "skills": 0.85,
    "positions": 0.8,
    "cities": 0.85,
    "salary": 0.85,
    "job_type": 0.85,
    "availability": 0.8,
    "school": 0.92,
    "degree": 0.9,
    "major": 0.8,
    "start": 0.9,
    "end": 0.9,
    "gpa": 0.9,
    "company": 0.85,
    "title": 0.75,
    "department": 0.7,
    "internship": 0.85,
    "description": 0.75,
    "project": 0.75,  # a project's name
    "role": 0.7,
    "award": 0.8,  # an award's name
    "certificate": 0.8,
    "date": 0.85,
    "language": 0.9,
    "level": 0.8,
}
LABELLED = 0.06
VOCAB = 0.04
NO_VOCAB = 0.15
OFF_SECTION = 0.2
INEXACT = 0.1
AMBIGUOUS = 0.1
FAR = 0.15
LONG = 0.2
LONG_VALUE_CHARS = 40  # a title, role or name longer than this is usually two fields run together
ODD = 0.3  # a written value of an odd shape: unbalanced bracket, a wide gap inside, one character, a label
KEY_MARGIN = 0.15  # an entry's other fields are at most this much surer than its key (a wrong key
# means a misread entry: on the dev corpus every wrong start/end at 0.9 sat in an entry with a wrong key)


@dataclass(slots=True)
class _Signals:
    labelled: bool = False
    vocab: bool | None = None  # None: the field has no vocabulary
    in_section: bool = True
    exact: bool = True
    ambiguous: bool = False
    far: bool = False
    long: bool = False
    odd: bool = False


def _confidence(kind: str, s: _Signals) -> float:
    score = BASE.get(kind, 0.8)
    if s.labelled:
        score += LABELLED
    if s.vocab is True:
        score += VOCAB
    elif s.vocab is False:
        score -= NO_VOCAB
    if not s.in_section:
        score -= OFF_SECTION
    if not s.exact:
        score -= INEXACT
    if s.ambiguous:
        score -= AMBIGUOUS
    if s.far:
        score -= FAR
    if s.long:
        score -= LONG
    if s.odd:
        score -= ODD
    return round(min(1.0, max(0.0, score)), 3)


# --- the date tokens of a line --------------------------------------------------------------------

# (value, role, start, end): role is "start" or "end" of a range, or "single"
_Token = tuple[str, str, int, int]

_PRESENT = re.compile(PRESENT, re.I)
_ASCII_DIGIT = re.compile(r"[0-9]")


def _tokens(line: str, ranges: list[DateRange]) -> list[_Token]:
    """Tokens of ``ranges`` (the dates of ``line``, half-width text): a single date, or the start
    and end of a range (end ``present`` for an open one). A range's start is its first date, its
    end the date (or the open-end word) after it, found with the single-date pattern of the engine
    that read the line (looked up only for a line with a range). Their values and roles are
    :func:`_roles` of each range."""
    got: list[_Token] = []
    one: DatePattern | None = None
    for r in ranges:
        if r.start is None:
            continue
        if not r.is_range:
            got.append((r.start, "single", r.begin, r.stop))
            continue
        if one is None:
            one = date_pattern(line)
        a = one.match(line, r.begin, r.stop)
        a_end = a.end() if a else r.stop
        got.append((r.start, "start", r.begin, a_end))
        if r.end == "present":
            p = _PRESENT.search(line, a_end, r.stop)
            b_span = (p.start(), p.end()) if p else (a_end, r.stop)
        else:
            b = one.search(line, a_end, r.stop)
            b_span = (b.start(), b.end()) if b else (a_end, r.stop)
        got.append((r.end or "", "end", b_span[0], b_span[1]))
    return got


def _roles(r: DateRange) -> tuple[tuple[str, str], ...]:
    """``(value, role)`` of the tokens :func:`_tokens` makes of the range ``r``, in its order:
    what a yes-or-no question about a date needs, without the single-date pattern run that cuts a
    range at its two dates."""
    if r.start is None:
        return ()
    if not r.is_range:
        return ((r.start, "single"),)
    return ((r.start, "start"), (r.end or "", "end"))


# --- the document index --------------------------------------------------------------------------


class _Span(NamedTuple):
    """A candidate span of the half-width text (a named tuple: grounding makes thousands)."""

    start: int
    end: int
    exact: bool = True


_LENGTHENS = (
    "\u0130"  # the one character str.lower() lengthens (İ → i̇): then :attr:`_Index.lower` is the text itself
)
_LABEL_MARKS = ":：|｜"  # a value right after one of these (blanks aside) is labelled
_ROLES_OK = {"start": ("start", "single"), "end": ("end", "single"), "single": ("single", "start")}
# Each word starts with one of these characters (the Latin ones in either case, or a character
# that ignoring case takes for an ASCII letter): said up front, the engine passes every other
# position at one class test instead of trying each word there in turn (about 2.5x faster).
_OPEN_END_LEAD = f"[至迄现目今起以pnctosPNCTOS{RE_FOLDS_TO_ASCII}]"
_OPEN_END = re.compile(f"(?={_OPEN_END_LEAD})(?:{PRESENT}|起|以来|since)", re.I)
_DIGITS6 = re.compile(r"\d(?:\D{0,3}\d){5}")
_URL_IN_LINE = re.compile(r"(?:https?://|www\.)\S+|\b[\w.-]+\.(?:com|cn|net|org|io)(?:/\S*)?", re.I)


class _Index:
    """Facts about one document, computed once and on first use."""

    def __init__(self, doc: Document, sections: list[Section]) -> None:
        self.doc = doc
        texts = [ln.text for ln in doc.lines]
        self.text = "\n".join(texts)  # Document.text, joined from the list at hand
        self.half = halfwidth(self.text)
        # line i starts after the lines before it and their "\n"s
        self.starts: list[int] = list(accumulate([len(t) + 1 for t in texts], initial=0))[:-1]
        n = len(texts)
        section_of = ["header"] * n
        for sec in sections:
            key = sec.key
            if sec.heading_line is not None and sec.heading_line < n:
                section_of[sec.heading_line] = key
            for ln in sec.lines:
                if ln.index < n:
                    section_of[ln.index] = key
        self.section_of: list[str] = section_of
        self.headings: dict[int, str] = {
            s.heading_line: s.key for s in sections if s.heading_line is not None
        }
        self._find_cache: dict[str, list[int]] = {}
        self._ranges: dict[int, list[DateRange]] = {}
        self._dates: dict[int, list[tuple[str, str, int, int]]] = {}
        self._labelled: dict[int, bool] = {}
        self._open_end: dict[int, bool] = {}
        self._written: dict[str, str] = {}
        self._lines_with: dict[str, list[int]] = {}

    @cached_property
    def has_layout(self) -> bool:
        """Whether any line has a box (asked only when evidence is built)."""
        boxes = [ln.bbox for ln in self.doc.lines]
        return boxes.count(None) < len(boxes)

    # positions and lines
    def line_of(self, pos: int) -> int:
        i = bisect_right(self.starts, pos) - 1
        return i if i > 0 else 0

    @cached_property
    def open_end_lines(self) -> list[int]:
        """Lines that can hold an open end (至今, present, 2022年4月起)."""
        return sorted({self.line_of(m.start()) for m in _OPEN_END.finditer(self.half)})

    def has_open_end(self, i: int) -> bool:
        """Whether line ``i`` is one of :attr:`open_end_lines` (no open-end word spans a line break),
        read from that line alone: an entry's dates are looked for in a few lines around it."""
        got = self._open_end.get(i)
        if got is None:
            got = self._open_end[i] = _OPEN_END.search(self.line_text(i)) is not None
        return got

    def line_text(self, i: int) -> str:
        return self.lines[i]

    @cached_property
    def lines(self) -> list[str]:
        """Each line of the half-width text."""
        # halfwidth neither makes nor removes a "\n": when the text holds only the "\n"s that join
        # the lines (no line has one of its own), cutting it at every "\n" gives the lines
        parts = self.half.split("\n")
        if len(parts) == len(self.starts):
            return parts
        half = self.half
        return [half[s : s + len(ln.text)] for s, ln in zip(self.starts, self.doc.lines, strict=True)]

    def written_form(self, value: str) -> str:
        """``halfwidth(value).strip()``, once per value: the form a written value is searched in."""
        got = self._written.get(value)
        if got is None:
            got = self._written[value] = halfwidth(value).strip()
        return got

    def section_at(self, pos: int) -> str:
        return self.section_of[self.line_of(pos)] if self.section_of else "header"

    def labelled(self, span: _Span) -> bool:
        """Whether a label mark (``:``, ``：``, ``|``, ``｜``) ends the 12 characters of its line
        before the span, blanks aside."""
        start = span.start
        got = self._labelled.get(start)
        if got is None:
            ls = self.starts[self.line_of(start)]
            before = self.half[max(ls, start - 12) : start].rstrip()
            got = before[-1:] in _LABEL_MARKS if before else False
            self._labelled[start] = got
        return got

    # searching
    def find(self, needle: str) -> list[int]:
        """Every start of ``needle`` in the half-width text."""
        got = self._find_cache.get(needle)
        if got is None:
            got = []
            if needle:
                i = self.half.find(needle)
                while i >= 0:
                    got.append(i)
                    i = self.half.find(needle, i + 1)
            self._find_cache[needle] = got
        return got

    @cached_property
    def lower(self) -> str:
        """The half-width text lower-cased, where that keeps every position (else as it is)."""
        low = self.half.lower()
        return low if len(low) == len(self.half) else self.half

    def spans(self, value: str) -> list[_Span]:
        """Occurrences of a written value: verbatim, then ignoring case, then ignoring spaces."""
        v = self.written_form(value)
        if not v:
            return []
        n = len(v)
        hits = [_Span(i, i + n) for i in self.find(v)]
        return hits if hits else self._loose_spans(v)

    def first_span(self, value: str) -> _Span | None:
        """``spans(value)[0]``, without looking for the later occurrences of a verbatim value."""
        v = self.written_form(value)
        if not v:
            return None
        i = self.half.find(v)
        if i >= 0:
            return _Span(i, i + len(v))
        loose = self._loose_spans(v)
        return loose[0] if loose else None

    def _loose_spans(self, v: str) -> list[_Span]:
        """Occurrences of ``v`` (a written form the text does not hold verbatim) ignoring case,
        then ignoring spaces."""
        if v.isascii():
            low = v.lower()
            out: list[_Span] = []
            i = self.lower.find(low)
            while i >= 0:
                out.append(_Span(i, i + len(low)))
                i = self.lower.find(low, i + 1)
            if out:
                return out
        squashed = re.sub(r"\s+", "", v)
        if not squashed:
            return []
        pattern = re.compile(r"\s*".join(re.escape(c) for c in squashed), re.I)
        return [_Span(m.start(), m.end(), exact=False) for m in pattern.finditer(self.half)]

    def long_span(self, value: str, after: int) -> _Span | None:
        """A multi-line text: from its first line to its last, searched from ``after``.

        Only those two of its non-blank lines are looked for, so only they are made half-width
        (``halfwidth`` maps character for character and leaves ``\n`` as it is: a line of the
        half-width value is the half-width line of the value)."""
        lines = value.split("\n")
        head = _first_written(lines, range(len(lines)))
        if head is None:
            return None
        tail = _first_written(lines, range(len(lines) - 1, head[0], -1))  # a later line, if any
        first = self._find_from(head[1], after)
        if first is None:
            first = self._find_from(head[1], 0)
        if first is None:
            return None
        last = self._find_from(tail[1], first.start) if tail is not None else first
        if last is None:
            return None
        return _Span(first.start, max(first.end, last.end), exact=first.exact and last.exact)

    def _find_from(self, needle: str, pos: int) -> _Span | None:
        i = self.half.find(needle, pos)
        if i >= 0:
            return _Span(i, i + len(needle))
        squashed = re.sub(r"\s+", "", needle)
        if not squashed:
            return None
        m = re.compile(r"\s*".join(re.escape(c) for c in squashed)).search(self.half, pos)
        return _Span(m.start(), m.end(), exact=False) if m else None

    # normalised tokens: only lines that can hold the value are read (a date's year digits, a
    # phone's last four digits, a link's host), each line once
    def lines_with(self, needle: str, text: str | None = None) -> list[int]:
        """Lines of ``text`` (the half-width text by default) holding ``needle``, each once."""
        if text is None:
            got = self._lines_with.get(needle)
            if got is None:
                got = self._lines_with[needle] = self._lines_holding(needle, self.half)
            return got
        return self._lines_holding(needle, text)

    def _lines_holding(self, needle: str, hay: str) -> list[int]:
        out: list[int] = []
        i = hay.find(needle)
        while i >= 0:
            line = self.line_of(i)
            if not out or out[-1] != line:
                out.append(line)
            nxt = line + 1
            if nxt >= len(self.starts):
                break
            i = hay.find(needle, self.starts[nxt])
        return out

    def line_ranges(self, i: int) -> list[DateRange]:
        """The dates and date ranges of line ``i``, spans within the line."""
        got = self._ranges.get(i)
        if got is None:
            line = self.line_text(i)
            # every date spelling holds an ASCII digit: most lines are passed without the reader
            got = self._ranges[i] = find_ranges(line) if _ASCII_DIGIT.search(line) else []
        return got

    def line_dates(self, i: int) -> list[tuple[str, str, int, int]]:
        """``(value, role, start, end)`` for every date on line ``i``: ``start``/``end`` of a range, or ``single``."""
        got = self._dates.get(i)
        if got is None:
            base = self.starts[i]
            got = [
                (v, role, base + s, base + e)
                for v, role, s, e in _tokens(self.line_text(i), self.line_ranges(i))
            ]
            self._dates[i] = got
        return got

    def dates(self, value: str, role: str, near: int | None = None) -> list[_Span]:
        """Spans of dates whose contract form is ``value`` (``role``: start/end of a range, or a single
        date); with ``near`` (a position), the lines around it first."""
        if near is not None:
            line = self.line_of(near)
            got = self._dates_in(value, role, range(max(0, line - 3), min(len(self.starts), line + 5)))
            if got:
                return got
        return self._dates_in(value, role, None)

    def date_written(self, value: str, roles: tuple[str, ...], near: int | None = None) -> _Span | None:
        """A span holding the date ``value`` in one of ``roles`` whenever :meth:`dates` finds any
        for one of them, else ``None``; for grounding without evidence, which needs to know only
        that the date is written, not where best.

        The lines :meth:`dates` reads first (around ``near``, else the document's) are asked
        about the values and roles of their ranges alone (:func:`_roles`), which spares
        :meth:`line_dates` its pattern runs; around ``near`` its line and those after it first,
        where an entry's dates mostly are. The first date found is one of a token :meth:`dates`
        takes, and its range's span is returned. Otherwise the answer is :meth:`dates`' own,
        asked of the whole document (whatever it finds near a position it finds there too:
        the lines around it are among the document's, the fallbacks read the same tokens)."""
        if near is None:
            lines, region = self._date_lines(value, None), False
        elif "\n" in value:  # (no date holds one: _date_lines would not keep to the region)
            lines, region = [], False
        else:
            line = self.line_of(near)
            lo, hi = max(0, line - 3), min(len(self.starts), line + 5)
            lines, region = [*range(line, hi), *range(line - 1, lo - 1, -1)], True
        for role in roles:
            ok = _ROLES_OK[role]
            for i in lines:
                if region and not self._may_hold_date(value, i):  # not a line of _date_lines
                    continue
                for r in self.line_ranges(i):
                    if any(v == value and got in ok for v, got in _roles(r)):
                        base = self.starts[i]
                        return _Span(base + r.begin, base + r.stop)
        for role in roles:
            spans = self._dates_in(value, role, None)
            if spans:
                return spans[0]
        return None

    def _dates_in(self, value: str, role: str, region: range | None) -> list[_Span]:
        ok = _ROLES_OK[role]
        lines = self._date_lines(value, region)
        tokens = [t for i in lines for t in self.line_dates(i) if t[0] == value or value == "present"]
        spans = [_Span(s, e) for v, r, s, e in tokens if v == value and r in ok]
        if not spans and value == "present":
            # an open end written without a range: "2022年4月起任…", "since 2021"
            spans = [_Span(m.start(), m.end()) for m in _PRESENT.finditer(self.half)]
            for _, _, _, e in tokens:
                m = _SINCE.match(self.half, e)
                if m:
                    spans.append(_Span(m.start(1), m.end(1)))
        if not spans:  # a date read out of a longer token (2019年度, 2020届)
            spans = [_Span(s, e, exact=False) for v, r, s, e in tokens if v == value]
        return spans

    def _date_lines(self, value: str, region: range | None) -> list[int]:
        """The lines (of ``region``, else of the document) that can hold the date ``value``: an
        open end's word, or the year (2019.09, Sep 2019) or its last digits and a dot (19.09)."""
        if value == "present":
            if region is None:
                return self.open_end_lines
        elif region is None or "\n" in value:
            year, short = value[:4], value[2:4] + "."
            return sorted(set(self.lines_with(year) + self.lines_with(short)))
        return [i for i in region if self._may_hold_date(value, i)]

    def _may_hold_date(self, value: str, i: int) -> bool:
        """Whether line ``i`` can hold the date ``value`` (not holding a line break): an open
        end's word, or the year or its last digits and a dot."""
        if value == "present":
            return self.has_open_end(i)
        line = self.lines[i]
        return value[:4] in line or value[2:4] + "." in line

    def phones(self, value: str) -> list[_Span]:
        lines = self.lines_with(value[-4:]) or list(range(len(self.starts)))
        out: list[_Span] = []
        for i in lines:
            line = self.doc.lines[i].text
            if _DIGITS6.search(line):
                base = self.starts[i]
                out.extend(_Span(base + h.start, base + h.end) for h in find_phones(line) if h.value == value)
        return out

    def emails(self, value: str) -> list[_Span]:
        """Where ``value`` is written in :attr:`lower`."""
        if "@" not in value or "\n" in value or _LENGTHENS in self.half:
            return [_Span(i, i + len(value)) for i in _starts(self.lower, value)]
        # Only "@" lower-cases to "@": the lines holding one are lower-cased alone, not the whole
        # text. A line's lower case is the same stretch of :attr:`lower`: no character of this text
        # lengthens, and the one rule that reads a letter's neighbours (a final sigma) stops at a
        # line break as at the end of a text (neither is a letter nor ignored beside one).
        out: list[_Span] = []
        for i in self.lines_with("@"):
            base = self.starts[i]
            out.extend(_Span(base + j, base + j + len(value)) for j in _starts(self.lines[i].lower(), value))
        return out

    def urls(self, value: str) -> list[_Span]:
        host = re.sub(r"^[a-z][a-z0-9+.\-]*://(?:www\.)?", "", value.lower()).split("/")[0]
        out: list[_Span] = []
        for i in self.lines_with(host, self.lower):
            base = self.starts[i]
            out.extend(
                _Span(base + h.start, base + h.end)
                for h in find_urls(self.doc.lines[i].text)
                if h.value == value
            )
        return out

    @cached_property
    def skill_hits(self) -> dict[str, list[_Span]]:
        """Canonical name (case-folded) → its spans in skills sections and tech-stack lines."""
        out: dict[str, list[_Span]] = {}
        for i, section in enumerate(self.section_of):
            line = self.line_text(i)
            # a tech-stack line has a colon after its label: most lines are passed without the regex
            if section != "skills" and not (
                (":" in line or "：" in line) and STACK_LINE.match(line) is not None
            ):
                continue
            line = _URL_IN_LINE.sub(lambda m: " " * len(m.group()), line)
            base = self.starts[i]
            for hit in find_skills(line, listed=True):
                out.setdefault(hit.name.casefold(), []).append(_Span(base + hit.start, base + hit.end))
        return out

    def degrees(self, lo: int, hi: int) -> Iterator[tuple[str, int, int]]:
        """``(degree, start, end)`` of every degree named in ``half[lo:hi]``, left to right, each
        looked for when the one before has been taken."""
        pos = lo
        while pos < hi:
            found = find_degree(self.half[pos:hi])
            if found is None:
                break
            yield (found[0], pos + found[1], pos + found[2])
            pos += max(found[2], 1)

    def evidence(self, span: _Span, confidence: float) -> Evidence:
        if not self.has_layout:  # a text file: no page, no box
            return Evidence(span.start, span.end, self.text[span.start : span.end], None, None, confidence)
        lines = self.doc.lines
        first = self.line_of(span.start)
        last = self.line_of(max(span.start, span.end - 1))
        page = lines[first].page if lines else None
        box: Box | None = None
        for ln in lines[first : last + 1]:
            if ln.bbox is None or ln.page != page:
                continue
            box = (
                ln.bbox
                if box is None
                else (
                    min(box[0], ln.bbox[0]),
                    min(box[1], ln.bbox[1]),
                    max(box[2], ln.bbox[2]),
                    max(box[3], ln.bbox[3]),
                )
            )
        # a page number only where the format has layout (a text file's "page 0" says nothing)
        return Evidence(
            span.start, span.end, self.text[span.start : span.end], page if box else None, box, confidence
        )


def _first_written(lines: list[str], order: range) -> tuple[int, str] | None:
    """The first line of ``lines`` in ``order`` that is not blank: its index, and its text made
    half-width and stripped."""
    for i in order:
        text = halfwidth(lines[i]).strip()
        if text:
            return i, text
    return None


def _starts(text: str, needle: str) -> Iterator[int]:
    """Every start of ``needle`` in ``text``, overlapping ones too."""
    i = text.find(needle)
    while i >= 0:
        yield i
        i = text.find(needle, i + 1)


# --- choosing among candidates -----------------------------------------------------------------


def _pick(
    idx: _Index,
    cands: list[_Span],
    *,
    sections: frozenset[str] = frozenset(),
    anchor: int | None = None,
    after: int | None = None,
) -> tuple[_Span, _Signals] | None:
    """The best candidate: not before ``after`` (the previous entry), nearest the anchor (an
    entry's key span; lines after it preferred), in its field's section, labelled, first."""
    if not cands:
        return None
    anchor_line = idx.line_of(anchor) if anchor is not None else None
    keys = [_rank(idx, c, sections, anchor_line, after) for c in cands]
    if len(cands) == 1:
        best, k0 = cands[0], keys[0]
        ambiguous = False
    else:
        (k0, i0), (k1, i1) = sorted((k, i) for i, k in enumerate(keys))[:2]
        best = cands[i0]
        if k1[:3] == k0[:3] and not idx.labelled(best) and idx.labelled(cands[i1]):
            best, k0 = cands[i1], k1  # of two equally placed spans, the labelled one
        other = cands[i1] if best is cands[i0] else cands[i0]
        ambiguous = (
            anchor_line is not None
            and k1[:3] == k0[:3]
            and (other.start, other.end) != (best.start, best.end)
        )
    sig = _Signals(
        labelled=idx.labelled(best),
        in_section=not k0[2],
        exact=best.exact,
        ambiguous=ambiguous,
        far=anchor_line is not None and k0[1] > 6,
    )
    return best, sig


def _rank(
    idx: _Index, c: _Span, sections: frozenset[str], anchor_line: int | None, after: int | None
) -> tuple[bool, float, bool, bool, int]:
    """A candidate's sort key for :func:`_pick`, smallest best: before ``after``, line distance to
    the anchor (a line before it counts half a line more), outside ``sections``, inexact, start."""
    line = idx.line_of(c.start)
    if anchor_line is None:
        dist = 0.0
    else:
        d = line - anchor_line
        dist = d if d >= 0 else 0.5 - d
    off_section = bool(sections) and idx.section_of[line] not in sections
    return (after is not None and c.start < after, dist, off_section, not c.exact, c.start)


# --- grounding ---------------------------------------------------------------------------------

_PERSONAL = frozenset({"header", "basic", "other", "intention", "summary"})
_ENTRY_SECTIONS: dict[str, frozenset[str]] = {
    "education": frozenset({"education"}),
    "work": frozenset({"work", "internship"}),
    "projects": frozenset({"projects", "awards", "certificates", "awards_certs", "other"}),
    "awards": frozenset(
        {
            "awards",
            "awards_certs",
            "certificates",
            "work",
            "internship",
            "education",
            "other",
            "header",
            "basic",
        }
    ),
    "certificates": frozenset({"certificates", "awards_certs", "awards", "skills", "languages", "other"}),
    "languages": frozenset(
        {"languages", "skills", "other", "header", "basic", "certificates", "awards_certs"}
    ),
}
_KIND_OF_KEY = {
    "education": "school",
    "work": "company",
    "projects": "project",
    "awards": "award",
    "certificates": "certificate",
    "languages": "language",
}
_KIND_OF_FIELD = {"date": "date", "name": "project"}  # an entry's field → its confidence kind
_GENDER_WORDS = {
    "male": ("男", "male", "Male", "MALE", "先生"),
    "female": ("女", "female", "Female", "FEMALE", "女士"),
}
_HAN = re.compile(r"[\u3400-\u9fff]")
_NUM_YEARS = re.compile(r"(\d{1,2}(?:\.\d)?|[一二两三四五六七八九十]{1,3})\s*\+?\s*(?:年|years?|yrs)", re.I)
_YEAR_WORD = re.compile(r"[年yY]")  # where a _NUM_YEARS match's last word starts
_DECIMAL = re.compile(r"\d+(?:\.\d)?")
_INTERN = re.compile(r"实习|intern", re.I)
_SINCE = re.compile(r"\s*(起|以来|开始|迄今|至今)")


@dataclass(slots=True)
class Grounded:
    """The profile data with ungrounded values removed, and the evidence of every value kept."""

    data: dict[str, Any]
    text: str = ""
    evidence: dict[str, Evidence] = field(default_factory=dict)
    dropped: list[str] = field(default_factory=list)  # paths (in the input numbering) that found no span


class _Grounder:
    def __init__(self, doc: Document, sections: list[Section], scored: bool = True) -> None:
        self.idx = _Index(doc, sections)
        self.out = Grounded({})
        self.entry_cap: float | None = None  # an entry's fields are no surer than its key (+ KEY_MARGIN)
        # scored=False: the profile alone is wanted, so a value needs a span but not the best one,
        # nor signals, a confidence or an Evidence; ``unscored`` stands in for the signals (never read)
        self.scored = scored
        self.unscored = _Signals()

    def put(
        self,
        path: str,
        kind: str,
        found: tuple[_Span, _Signals] | None,
        *,
        vocab: bool | None = None,
        value: str | None = None,
    ) -> _Span | None:
        if found is None:
            self.out.dropped.append(path)
            return None
        span, sig = found
        if not self.scored:
            return span
        if vocab is not None:
            sig.vocab = vocab
        if value is not None and kind in _WRITTEN:
            sig.long = len(value) > (8 if kind == "name" else LONG_VALUE_CHARS)
            sig.odd = _odd(kind, self.idx.written_form(value))
        confidence = _confidence(kind, sig)
        if self.entry_cap is not None:
            confidence = min(confidence, self.entry_cap)
        self.out.evidence[path] = self.idx.evidence(span, confidence)
        return span

    def pick(
        self,
        cands: Iterable[_Span],
        *,
        key: bool = False,
        sections: frozenset[str] = frozenset(),
        anchor: int | None = None,
        after: int | None = None,
    ) -> tuple[_Span, _Signals] | None:
        """:func:`_pick`; unscored, any candidate — the first, the others never looked for when
        ``cands`` is a generator — unless ``key`` (an entry's key, whose span the entry's other
        fields are looked for near, so it must be the one :func:`_pick` chooses — the only one
        when there is one)."""
        if self.scored or key:
            listed = cands if isinstance(cands, list) else list(cands)
            if self.scored or len(listed) > 1:
                return _pick(self.idx, listed, sections=sections, anchor=anchor, after=after)
            cands = listed
        first = next(iter(cands), None)
        return None if first is None else (first, self.unscored)

    # -- values of the written kind --
    def written(
        self,
        value: str,
        *,
        key: bool = False,
        sections: frozenset[str] = frozenset(),
        anchor: int | None = None,
        after: int | None = None,
    ) -> tuple[_Span, _Signals] | None:
        """:meth:`pick` among the value's :meth:`_Index.spans`; unscored and not a key, where any
        span will do, the first, found without looking for the others."""
        if self.scored or key:
            return self.pick(self.idx.spans(value), key=key, sections=sections, anchor=anchor, after=after)
        span = self.idx.first_span(value)
        return None if span is None else (span, self.unscored)

    def date_written(
        self, value: str, roles: tuple[str, ...], anchor: int | None = None
    ) -> tuple[_Span, _Signals] | None:
        """Unscored: a span of the date ``value`` in one of ``roles`` (:meth:`_Index.date_written`)."""
        span = self.idx.date_written(value, roles, anchor)
        return None if span is None else (span, self.unscored)

    def pieces(
        self,
        value: str,
        sep: str,
        *,
        key: bool = False,
        sections: frozenset[str] = frozenset(),
        anchor: int | None = None,
    ) -> tuple[_Span, _Signals] | None:
        """A value the extractor joined from pieces (``A / B``): each piece grounded, span = their union."""
        parts = [p for p in value.split(sep) if p.strip()]
        if len(parts) < 2:
            return None
        got = [self.written(p, key=key, sections=sections, anchor=anchor) for p in parts]
        if any(g is None for g in got):
            return None
        spans = [g[0] for g in got if g is not None]
        sig = got[0][1] if got[0] is not None else _Signals()
        sig.exact = False
        return _Span(min(s.start for s in spans), max(s.end for s in spans), exact=False), sig


def ground(
    doc: Document, sections: list[Section], data: dict[str, Any], *, evidence: bool = True
) -> Grounded:
    """Evidence for every value of ``data`` (a profile as JSON); values without a span are dropped.

    ``evidence=False`` (``parse``, which returns the profile alone): the same values dropped and
    kept, without the evidence — no confidence, no best span where any span keeps the value."""
    g = _Grounder(doc, sections, scored=evidence)
    idx = g.idx
    out: dict[str, Any] = {}
    secs = _PERSONAL

    # -- the person --
    for key in ("name", "ethnicity", "political_status", "wechat"):
        value = data.get(key)
        if not value:
            out[key] = None
            continue
        found = g.written(str(value), sections=secs)
        if found is None and key == "wechat":
            found = g.pick(idx.phones(str(value)), sections=secs)
        out[key] = value if g.put(key, key, found, value=str(value)) else None
    value = data.get("gender")
    out["gender"] = None
    if value in _GENDER_WORDS:
        words = (
            _Span(i, i + len(w))
            for w in _GENDER_WORDS[value]
            for i in idx.find(w)
            if _standalone(idx.half, i, len(w))
        )
        if g.put("gender", "gender", g.pick(words, sections=secs)):
            out["gender"] = value
    value = data.get("birth_date")
    out["birth_date"] = None
    if value:
        if g.scored:
            found = g.pick(idx.dates(value, "single") or idx.dates(value, "start"), sections=secs)
        else:
            found = g.date_written(value, ("single", "start"))
        if g.put("birth_date", "birth_date", found):
            out["birth_date"] = value
    value = data.get("age")
    out["age"] = None
    if value is not None:
        num = str(value)
        cands = [_Span(i, i + len(num)) for i in idx.find(num) if _number_at(idx.half, i, len(num))]
        aged = [
            c
            for c in cands
            if re.match(r"\s*(?:岁|周岁|years)", idx.half[c.end : c.end + 8]) or idx.labelled(c)
        ]
        if g.put("age", "age", g.pick(aged or cands, sections=secs)):
            out["age"] = value
    value = data.get("phone")
    out["phone"] = None
    if value and g.put("phone", "phone", g.pick(idx.phones(value), sections=secs)):
        out["phone"] = value
    value = data.get("email")
    out["email"] = None
    if value and g.put("email", "email", g.pick(idx.emails(value), sections=secs)):
        out["email"] = value
    for key in ("location", "hometown"):
        value = data.get(key)
        out[key] = None
        if value and g.put(key, key, g.pick(_city_spans(idx, value), sections=secs)):
            out[key] = value
    value = data.get("years_of_experience")
    out["years_of_experience"] = None
    if value is not None and g.put(
        "years_of_experience", "years_of_experience", g.pick(_years_spans(idx, value))
    ):
        out["years_of_experience"] = value

    # -- intention --
    intent = data.get("intention") or {}
    new_intent: dict[str, Any] = {
        "positions": [],
        "cities": [],
        "salary": None,
        "job_type": None,
        "availability": None,
    }
    isec = frozenset({"intention", "header", "basic", "summary", "other"})
    for item in intent.get("positions") or []:
        found = g.written(item, sections=isec) or g.pieces(item, " ", sections=isec)
        if g.put(f"intention/positions/{len(new_intent['positions'])}", "positions", found, value=item):
            new_intent["positions"].append(item)
    for item in intent.get("cities") or []:
        if g.put(
            f"intention/cities/{len(new_intent['cities'])}",
            "cities",
            g.pick(_city_spans(idx, item), sections=isec),
        ):
            new_intent["cities"].append(item)
    for key in ("salary", "job_type", "availability"):
        value = intent.get(key)
        if value and g.put(f"intention/{key}", key, g.written(value, sections=isec)):
            new_intent[key] = value
    out["intention"] = new_intent

    # -- summary --
    value = data.get("summary")
    out["summary"] = None
    if value:
        starts = [
            idx.starts[s.heading_line] for s in sections if s.key == "summary" and s.heading_line is not None
        ]
        span = idx.long_span(value, starts[0] if starts else 0)
        if span is not None:
            sig = _Signals(in_section=idx.section_at(span.start) == "summary", exact=span.exact)
            g.put("summary", "summary", (span, sig))
            out["summary"] = value
        else:
            g.out.dropped.append("summary")

    # -- links --
    out["links"] = []
    for link in data.get("links") or []:
        cands = idx.urls(link)
        if g.put(f"links/{len(out['links'])}", "links", g.pick(cands)):
            out["links"].append(link)

    # -- entries --
    for name in ("education", "work", "projects", "awards", "certificates", "languages"):
        out[name] = _entries(g, sections, name, data.get(name) or [])

    # -- skills --
    out["skills"] = []
    for skill in data.get("skills") or []:
        if not g.scored:  # any span: the name as written first, which spares most résumés skill_hits
            found = g.written(skill) or g.pick(idx.skill_hits.get(skill.casefold(), []))
            if g.put(f"skills/{len(out['skills'])}", "skills", found):
                out["skills"].append(skill)
            continue
        found = g.pick(idx.skill_hits.get(skill.casefold(), []))
        if found is None:
            found = g.written(skill)
            if found is not None:
                found[1].in_section = idx.section_at(found[0].start) == "skills"
        if found is not None:  # a vocabulary word where it was found, or a name as written
            span = found[0]
            found[1].vocab = canonical_skill(idx.text[span.start : span.end]) is not None
        if g.put(f"skills/{len(out['skills'])}", "skills", found):
            out["skills"].append(skill)

    g.out.data = {k: out.get(k, v) for k, v in data.items()}
    g.out.text = idx.text
    return g.out


def _entries(
    g: _Grounder, sections: list[Section], name: str, items: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    idx = g.idx
    key = ENTRY_KEYS[name]
    secs = _ENTRY_SECTIONS[name]
    kind = _KIND_OF_KEY[name]
    kept: list[dict[str, Any]] = []
    prev = 0
    for n, item in enumerate(items):
        path = f"{name}/{len(kept)}"
        value = item.get(key)
        if not value:
            g.out.dropped.append(f"{name}/{n}/{key}")
            continue
        cands = idx.spans(str(value))
        if name == "languages" and not cands:
            cands = _test_spans(idx, str(value))
        if not cands and name == "projects":
            found0 = g.pieces(str(value), " / ", key=True, sections=secs)
            cands = [found0[0]] if found0 else []
        found = g.pick(cands, key=True, sections=secs, anchor=None, after=prev)
        if found is not None and found[0].start < prev:
            found[1].ambiguous = True  # out of order with the previous entry
        vocab: bool | None = None
        if name == "education" and g.scored:
            vocab = find_school(str(value)) is not None
        elif name == "work" and g.scored:
            vocab = find_company(str(value)) is not None
        span = g.put(f"{path}/{key}", kind, found, vocab=vocab, value=str(value))
        if span is None:
            continue
        prev = span.start + 1
        entry: dict[str, Any] = {key: value}
        if g.scored:
            g.entry_cap = g.out.evidence[f"{path}/{key}"].confidence + KEY_MARGIN
        for sub, sub_value in item.items():
            if sub == key:
                continue
            if sub_value is None or sub_value == "" or (sub == "internship" and sub_value is not True):
                entry[sub] = sub_value  # nothing written to look for
            else:
                entry[sub] = _entry_field(g, name, f"{path}/{sub}", sub, sub_value, span, item)
        g.entry_cap = None
        kept.append(entry)
    return kept


def _entry_field(
    g: _Grounder, name: str, path: str, sub: str, value: Any, anchor: _Span, item: dict[str, Any]
) -> Any:
    idx = g.idx
    if sub == "internship":  # True (_entries keeps the other values as they are)
        lo = idx.starts[max(0, idx.line_of(anchor.start) - 2)]
        line_end = idx.line_of(anchor.start) + 3
        hi = idx.starts[line_end] if line_end < len(idx.starts) else len(idx.half)
        cands = [_Span(m.start(), m.end()) for m in _INTERN.finditer(idx.half, lo, hi)]
        sec_line = _heading_of(idx, anchor.start)
        if sec_line is not None and idx.headings.get(sec_line) == "internship":
            s = idx.starts[sec_line]
            cands.append(_Span(s, s + len(idx.doc.lines[sec_line].text.rstrip())))
        found = g.pick(cands, anchor=anchor.start)
        return bool(g.put(path, "internship", found))
    kind = _KIND_OF_FIELD.get(sub, sub)
    if sub in ("start", "end", "date"):
        roles: tuple[str, ...] = ("single",) if sub == "date" else (sub,)
        if sub == "end" and name == "projects" and item.get("start") == value:
            roles = ("end", "start")
        if g.scored:
            cands = [c for role in roles for c in idx.dates(str(value), role, anchor.start)]
            found = g.pick(cands, anchor=anchor.start)
        else:
            found = g.date_written(str(value), roles, anchor.start)
        return value if g.put(path, kind, found) else None
    if sub == "description":
        span = idx.long_span(str(value), anchor.start)
        if span is None:
            g.out.dropped.append(path)
            return None
        sig = _Signals(exact=span.exact, far=idx.line_of(span.start) - idx.line_of(anchor.start) > 8)
        g.put(path, "description", (span, sig))
        return value
    if sub == "degree":
        lo_line = max(0, idx.line_of(anchor.start) - 2)
        hi_line = min(len(idx.starts) - 1, idx.line_of(anchor.start) + 4)
        hi = idx.starts[hi_line] + len(idx.doc.lines[hi_line].text)
        named = (_Span(s, e) for d, s, e in idx.degrees(idx.starts[lo_line], hi) if d == value)
        found = g.pick(named, anchor=anchor.start)
        return value if g.put(path, "degree", found, vocab=True) else None
    text = str(value)
    found = g.written(text, anchor=anchor.start)
    if found is None and " / " in text:
        found = g.pieces(text, " / ", anchor=anchor.start)
    return value if g.put(path, kind, found, value=text) else None


def _heading_of(idx: _Index, pos: int) -> int | None:
    line = idx.line_of(pos)
    best = None
    for h in idx.headings:
        if h <= line and (best is None or h > best):
            best = h
    return best


_WRITTEN = frozenset(
    {"title", "role", "name", "major", "department", "company", "school", "positions", "project", "award"}
    | {"certificate", "level", "language"}
)
_SHORT_PROJECT_NAME = 4  # "双 11", "Kaggle": a competition or a campaign, not the project's own name


def _odd(kind: str, v: str) -> bool:
    """A written value (``v``: its :meth:`_Index.written_form`) whose shape says it was cut or run
    together: an unbalanced bracket, a wide gap between two items, a single character, a bare
    label word (期望地点), a too-short project name."""
    return (
        v.count("(") != v.count(")")
        or "  " in v
        or len(v) <= 1
        or (
            kind == "project"
            and (len(v) <= _SHORT_PROJECT_NAME or (v.isalpha() and v.isascii() and len(v) <= 6))
        )
        or field_of_label(v) is not None
    )


def _standalone(text: str, i: int, n: int) -> bool:
    """男 / 女 as a word of its own (``男 |``, ``性别：女``, ``，男，``), not inside 男装 or 子女."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + n] if i + n < len(text) else " "
    word = text[i : i + n]
    if word.isascii():
        return not before.isalpha() and not after.isalpha()
    if n > 1:  # 女士 / 先生 after a name
        return True
    return not _HAN.match(before) or before in "性别" or not _HAN.match(after) or after in "性士"


def _number_at(text: str, i: int, n: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + n] if i + n < len(text) else " "
    return not before.isdigit() and not after.isdigit() and before != "." and after != "."


def _city_spans(idx: _Index, value: str) -> Iterator[_Span]:
    """Where the place ``value`` is written: as it is, else where :func:`find_city` reads it from a
    line, left to right, each looked for when asked for."""
    spans = idx.spans(value)
    if spans:
        yield from spans
        return
    for i in range(len(idx.doc.lines)):
        line = idx.line_text(i)
        pos = 0
        while pos < len(line):
            found = find_city(line[pos:])
            if found is None:
                break
            if found[0] == value:
                yield _Span(idx.starts[i] + pos + found[1], idx.starts[i] + pos + found[2])
            pos += max(found[2], 1)


def _years_spans(idx: _Index, value: float) -> Iterator[_Span]:
    """Where ``value`` years are written, left to right, each looked for when asked for."""
    for m in _num_years(idx.half):
        raw = m.group(1)
        num: float | None = float(raw) if _DECIMAL.fullmatch(raw) else cn_number(raw)
        if num is not None and float(num) == float(value):
            yield _Span(m.start(), m.end())


def _num_years(text: str) -> Iterator[re.Match[str]]:
    """``_NUM_YEARS.finditer(text)``, three times faster: a match ends in 年 or year(s)/yrs, and
    only blanks or a ``+`` and at most 4 characters of number come before that word, so the
    pattern is tried just before each 年/y instead of at every digit of the dates and phones."""
    pos = 0  # where the last match ended: no match starts before
    for word in _YEAR_WORD.finditer(text):
        k = word.start()
        if k < pos:
            continue
        lo = k
        while lo > pos and (text[lo - 1].isspace() or text[lo - 1] == "+"):
            lo -= 1
        # a match starting in [lo - 4, k] ends with the word at k (the number and blanks hold no 年/y)
        m = _NUM_YEARS.search(text, max(pos, lo - 4), k + 5)
        if m is not None:
            yield m
            pos = m.end()


def _test_spans(idx: _Index, language: str) -> list[_Span]:
    """A language named by its test (CET-6 → 英语)."""
    return [
        _Span(m.start(), m.end(), exact=False)
        for m in LANG_TEST.finditer(idx.half)
        if language_of_test(m.group("test")) == language
    ]


__all__ = ["Evidence", "Grounded", "Parsed", "ground"]
