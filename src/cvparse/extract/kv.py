"""Key-value reading: ``姓名：张三  性别：男`` and ``男 | 34岁 | 本科 | 现居：北京`` lines.

Labels come from ``data/labels.tsv``. A label counts only at the start of a line or after a
separator, so ``联系电话：`` is one label and not ``电话`` inside it; CJK labels may be
letter-spaced (``姓    名：``) as Word forms and job-board exports write them. The value runs
to the next label on the same line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import regex

from .. import resources
from ..memo import per_document
from ..normalize.patterns import rx
from ..normalize.text import REGEX_FOLDS_TO_ASCII, WHITE_SPACE, fold_cjk

_SEP_CHARS = "|｜│/／·•、,，;；\t"


@dataclass(frozen=True, slots=True)
class KV:
    field: str
    label: str
    value: str
    start: int  # span of the value in the line
    end: int
    label_start: int = -1  # where the label itself starts in the line


def _label_pattern(label: str) -> str:
    if rx(r"\p{Han}").search(label) and "（" not in label and "(" not in label and "/" not in label:
        return r"[ \t]*".join(regex.escape(c) for c in label)
    return regex.escape(label).replace(r"\ ", r"[ \t]*")


# Where a label may start: at the line start or after anything but a letter (the same
# lookbehind for both patterns, so "联系电话：" is one label and not "电话" inside it).
_COLON_BEFORE = r"(?:(?<=^|[\s|｜│/／·•、,，;；\p{So}\p{Co}(（])|(?<=[^\p{Han}A-Za-z]))"
_BARE_BEFORE = r"(?:(?<=^)|(?<=[|｜│\t]|\s\s))"


@dataclass(frozen=True, slots=True)
class _Vocabulary:
    """The label patterns (colon labels and bare ones) and the table of label → field.

    One alternation of ~200 labels tried at every position of every line was the hottest
    search of a parse. A colon label is matched backwards from each colon instead; a bare
    label is tried only where one can start (same matches).
    """

    colon: regex.Pattern[str]
    bare: regex.Pattern[str]
    field_of: dict[str, str]
    first: frozenset[str]  # the first and last characters of the labels (lower case)
    last: frozenset[str]


@cache
def _vocabulary() -> _Vocabulary:
    field_of: dict[str, str] = {}
    for field, *labels in resources.rows("labels.tsv"):
        for label in labels:
            field_of.setdefault(_SPACES.sub("", label).lower(), field)
    alts = sorted(field_of, key=len, reverse=True)
    body = "|".join(_label_pattern(a) for a in alts)
    return _Vocabulary(
        # matched backwards ((?r)) from each colon: a label ends at one, and the longest label
        # ending there is the one a forward search would find first
        colon=regex.compile(rf"(?r){_COLON_BEFORE}(?P<label>{body})[ \t]*(?P<colon>[:：])", regex.I),
        # labels without a colon, set apart by a bar or a wide gap (table cells: ``姓 名 | 吴浩然``)
        bare=regex.compile(
            rf"{_BARE_BEFORE}[ \t]*(?P<label>{body})[ \t]*(?:[|｜│\t]|\s{{2,}}|\s(?=\S))",
            regex.I,
        ),
        field_of=field_of,
        first=frozenset(a[0] for a in alts),
        last=frozenset(a[-1] for a in alts),
    )


# For any character but those the patterns' case-insensitive matching folds to an ASCII letter,
# whether a label can start or end with it is a set lookup of its folded lower case, and most
# places are ruled out without trying the ~200 labels there.
_ODD = frozenset(REGEX_FOLDS_TO_ASCII)


def _may_end_label(line: str, colon: int, last: frozenset[str]) -> bool:
    """Whether a label can end before the colon at ``colon`` (blanks between them allowed)."""
    e = colon
    while e and line[e - 1] in " \t":
        e -= 1
    if not e:
        return False
    ch = line[e - 1]
    return ch in _ODD or fold_cjk(ch).lower() in last


def _colon_labels(vocab: _Vocabulary, line: str, colons: list[int]) -> list[tuple[int, int, str]]:
    """(label start, colon end, label) for each of ``colons`` that ends a label. Labels hold no
    colon, so each colon is matched on its own, left to right."""
    out: list[tuple[int, int, str]] = []
    match = vocab.colon.match
    for c in colons:
        m = match(line, 0, c + 1)
        if m is not None:
            out.append((m.start("label"), m.end(), m.group("label")))
    return out


def _bare_starts(line: str, first: frozenset[str]) -> list[int]:
    """Where a bare label can begin: the line start, after a bar or tab, after two blanks, and
    only where a label's first character follows (blanks between them allowed)."""
    out: list[int] = []
    end = len(line)
    seen = -1  # positions in one run of blanks reach the same character: the first one stands for all
    for pos in [0, *(g.end() for g in _BARE_SEP.finditer(line))]:
        q = pos
        while q < end and line[q] in " \t":
            q += 1
        if q == seen:
            continue
        seen = q
        if q < end and (line[q] in _ODD or fold_cjk(line[q]).lower() in first):
            out.append(pos)
    return out


def _bare_labels(vocab: _Vocabulary, line: str, starts: list[int]) -> list[tuple[int, int, str]]:
    """``vocab.bare.finditer(line)`` as (label start, match end, label), tried at ``starts``
    only (see :func:`_bare_starts`)."""
    out: list[tuple[int, int, str]] = []
    done = 0
    match = vocab.bare.match
    for pos in starts:
        if pos < done:
            continue
        m = match(line, pos)
        if m is not None:
            out.append((m.start("label"), m.end(), m.group("label")))
            done = m.end()
    return out


_BARE_SEP = re.compile(f"[|｜│\t]|(?<=[{WHITE_SPACE}])[{WHITE_SPACE}]")


_COLON = re.compile("[:：]")
_SPACES = re.compile(f"[{WHITE_SPACE}]+")
_BARE_GAP = re.compile(f"[|｜│\t{WHITE_SPACE}]")


def field_of_label(label: str) -> str | None:
    return _vocabulary().field_of.get(_SPACES.sub("", label).lower())


def pairs(line: str, *, bare: bool = False) -> tuple[KV, ...]:
    """Labelled values on ``line``. With ``bare``, labels without a colon count too (form cells)."""
    return _pairs(line, bare)


@per_document  # personal and intention read the same lines (one key however ``bare`` is passed)
def _pairs(line: str, bare: bool) -> tuple[KV, ...]:
    # A colon label ends at a ":" or "："; a bare label is followed by a bar or a blank. Most
    # lines have neither, and folding does not change them, so they are looked for first.
    colons = [m.start() for m in _COLON.finditer(line)] if ":" in line or "：" in line else []
    gap = bare and _BARE_GAP.search(line) is not None
    if not colons and not gap:
        return ()
    vocab = _vocabulary()
    table = vocab.field_of
    # where a label could end before a colon, or begin after a gap (checked on the line as
    # written, each character folded: the line itself is folded only when one is found)
    colons = [c for c in colons if _may_end_label(line, c, vocab.last)]
    starts = _bare_starts(line, vocab.first) if gap else []
    if not colons and not starts:
        return ()
    written, line = line, fold_cjk(line)  # 姓名/職位/電話: labels matched in simplified form
    marks = _colon_labels(vocab, line, colons)
    if starts and not marks:
        marks = _bare_labels(vocab, line, starts)
    out: list[KV] = []
    for i, (ls, vs, label) in enumerate(marks):
        ve = marks[i + 1][0] if i + 1 < len(marks) else len(line)
        raw = written[vs:ve]
        value = raw.strip().strip(_SEP_CHARS + " ").strip()
        if not value:
            continue
        lead = raw.find(value[0]) if value else 0
        field = table.get(_SPACES.sub("", label).lower())
        if field:
            out.append(KV(field, label, value, vs + lead, vs + lead + len(value), ls))
    return tuple(out)


_CHUNK_SPLIT = regex.compile(r"\s*[|｜│]\s*|\s+[—–]\s+|\s+-\s+|\s+/\s+|\s*／\s*|\s*[·•]\s+|\s{2,}|\t+")


@per_document
def chunks(line: str) -> tuple[tuple[str, int], ...]:
    """``男 | 34岁 | 本科`` → the pieces with their offsets (bars, slashes, dots, wide gaps)."""
    out: list[tuple[str, int]] = []
    pos = 0
    for m in _CHUNK_SPLIT.finditer(line):
        piece = line[pos : m.start()]
        if piece.strip():
            out.append((piece.strip(), pos + len(piece) - len(piece.lstrip())))
        pos = m.end()
    piece = line[pos:]
    if piece.strip():
        out.append((piece.strip(), pos + len(piece) - len(piece.lstrip())))
    return tuple(out)
