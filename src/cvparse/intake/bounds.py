"""Bounds on the lines intake hands on, so hostile text costs the extractors linear time.

The extractors run many regular expressions over every line. Some are quadratic in the length
of a line or of a whitespace run in the worst case (a label pattern starting at every blank of
a 100,000-space run), which is harmless on résumé lines of a few hundred characters and a hang
on a hostile one. Every reader's output goes through :func:`bound_lines`: real résumé lines pass
unchanged, text is never dropped, only excess blanks.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..document import Line

MAX_LINE_CHARS = 2000
"""Lines longer than this are split (at a space or punctuation mark near the end when there
is one). The longest line in the dev corpus is 471 characters (a text résumé's paragraph); no
heading, entry or contact line comes near. Bounds per-line regex work for hostile input."""
MAX_BLANK_RUN = 8
"""Runs of whitespace longer than this keep only their first characters. Extractors treat two
or three blanks as a column gap (``\\s{2,}``, ``\\s{3,}``), so 8 keeps every gap a gap; a run of
100,000 spaces made one label pattern in :mod:`cvparse.extract.kv` quadratic."""
MAX_BYTES_PER_CHAR = 4
"""UTF-8, GB18030 and UTF-16 spend at most four bytes on a character: a text file over
``4 * max_chars`` bytes is over ``max_chars`` before it is decoded."""
# The group's first blank written apart from the others: a pattern led by a class (in a group or
# not) lets re skip to the next blank in C, where a pattern led by a repeat is tried at every
# position of the text.
_BLANK_RUN = re.compile(rf"(\s\s{{{MAX_BLANK_RUN - 1}}})\s+")
_LONG_RUN = re.compile(rf"\s\s{{{MAX_BLANK_RUN}}}")  # (the same runs found, not cut)
_LONG_SPACES = " " * (MAX_BLANK_RUN + 1)
_JOIN = "|"
"""Joins the lines for the one check of a whole document: printable and not a blank, so no run
spans two lines and a document of printable lines stays printable."""
_BREAK = re.compile(r"[\s,，;；:：。、|｜.!?！？)）\]】]")
"""Characters a long line may be split after: a split inside ``姓名：张三`` would give a value
(``姓``) to a label that has none."""


def bound_lines(lines: list[Line]) -> list[Line]:
    """Lines with whitespace runs cut to :data:`MAX_BLANK_RUN` and none over :data:`MAX_LINE_CHARS`.

    Every real résumé line passes through unchanged; text is never dropped, only blanks.
    """
    # Nearly every document is within bounds: one C-level scan of all lines says so.
    texts = [line.text for line in lines]
    if max(map(len, texts), default=0) <= MAX_LINE_CHARS and not _has_long_run(_JOIN.join(texts)):
        return list(lines)
    out: list[Line] = []
    for line in lines:
        text = line.text
        if len(text) > MAX_BLANK_RUN and _has_long_run(text):
            text = _BLANK_RUN.sub(r"\1", text)
        if len(text) <= MAX_LINE_CHARS:
            out.append(line if text is line.text else replace(line, text=text))
            continue
        while len(text) > MAX_LINE_CHARS:
            cut = _break_at(text)
            out.append(replace(line, text=text[:cut]))
            text = text[cut:]
        out.append(replace(line, text=text))
    return out


def _has_long_run(text: str) -> bool:
    """Whether ``text`` holds a run of more than :data:`MAX_BLANK_RUN` blanks (re's ``\\s``)."""
    # re's \s is str.isspace, and every such character but the space is unprintable (a control,
    # a separator): in a printable text a long run is a run of spaces, which str's substring
    # search finds many times faster than a pattern tried at every blank.
    if text.isprintable():
        return _LONG_SPACES in text
    return _LONG_RUN.search(text) is not None


def _break_at(text: str) -> int:
    """Where to split an over-long line: after the last break character in its last fifth."""
    low = MAX_LINE_CHARS * 4 // 5
    ends = [m.end() for m in _BREAK.finditer(text, low, MAX_LINE_CHARS)]
    return ends[-1] if ends else MAX_LINE_CHARS


__all__ = ["MAX_BLANK_RUN", "MAX_BYTES_PER_CHAR", "MAX_LINE_CHARS", "bound_lines"]
