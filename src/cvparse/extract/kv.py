"""Key-value reading: ``姓名：张三  性别：男`` and ``男 | 34岁 | 本科 | 现居：北京`` lines.

Labels come from ``data/labels.tsv``. A label counts only at the start of a line or after a
separator, so ``联系电话：`` is one label and not ``电话`` inside it; CJK labels may be
letter-spaced (``姓    名：``) as Word forms and job-board exports write them. The value runs
to the next label on the same line.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex

from .. import resources
from ..normalize.text import fold_cjk

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
    if regex.search(r"\p{Han}", label) and "（" not in label and "(" not in label and "/" not in label:
        return r"[ \t]*".join(regex.escape(c) for c in label)
    return regex.escape(label).replace(r"\ ", r"[ \t]*")


@cache
def _labels() -> tuple[regex.Pattern[str], dict[str, str]]:
    field_of: dict[str, str] = {}
    for field, *labels in resources.rows("labels.tsv"):
        for label in labels:
            field_of.setdefault(regex.sub(r"\s+", "", label).lower(), field)
    alts = sorted(field_of, key=len, reverse=True)
    body = "|".join(_label_pattern(a) for a in alts)
    pattern = regex.compile(
        rf"(?:(?<=^|[\s|｜│/／·•、,，;；\p{{So}}\p{{Co}}(（])|(?<=[^\p{{Han}}A-Za-z]))(?P<label>{body})[ \t]*(?P<colon>[:：])",
        regex.I,
    )
    return pattern, field_of


@cache
def _bare_labels() -> regex.Pattern[str]:
    """Labels without a colon, set apart by a bar or a wide gap (table cells: ``姓 名 | 吴浩然``)."""
    _, field_of = _labels()
    alts = sorted(field_of, key=len, reverse=True)
    body = "|".join(_label_pattern(a) for a in alts)
    return regex.compile(
        rf"(?:(?<=^)|(?<=[|｜│\t]|\s\s))[ \t]*(?P<label>{body})[ \t]*(?:[|｜│\t]|\s{{2,}}|\s(?=\S))", regex.I
    )


_SPACES = regex.compile(r"\s+")
_BARE_GAP = regex.compile(r"[|｜│\t\s]")


def field_of_label(label: str) -> str | None:
    _, table = _labels()
    return table.get(_SPACES.sub("", label).lower())


def pairs(line: str, *, bare: bool = False) -> list[KV]:
    """Labelled values on ``line``. With ``bare``, labels without a colon count too (form cells)."""
    pattern, table = _labels()
    written, line = line, fold_cjk(line)  # 姓名/職位/電話: labels matched in simplified form
    # A colon label ends at a ":" or "：", so the search stops at the last one (and is skipped
    # without one); a bare label is followed by a bar or a blank. Same marks, far fewer
    # positions tried: this is the hottest search of a parse.
    last_colon = max(line.rfind(":"), line.rfind("："))
    marks = (
        [(m.start("label"), m.end(), m.group("label")) for m in pattern.finditer(line, 0, last_colon + 1)]
        if last_colon >= 0
        else []
    )
    if bare and not marks and _BARE_GAP.search(line):
        marks = [(m.start("label"), m.end(), m.group("label")) for m in _bare_labels().finditer(line)]
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
    return out


_CHUNK_SPLIT = regex.compile(r"\s*[|｜│]\s*|\s+[—–]\s+|\s+-\s+|\s+/\s+|\s*／\s*|\s*[·•]\s+|\s{2,}|\t+")


def chunks(line: str) -> list[tuple[str, int]]:
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
    return out
