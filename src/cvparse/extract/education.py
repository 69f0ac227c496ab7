"""Education entries: school, degree, major, dates, GPA."""

from __future__ import annotations

import regex

from ..normalize.degrees import find_degree
from ..normalize.patterns import rx
from ..normalize.places import normalize_city
from ..normalize.text import clean_value, squash_cjk_spaces
from ..segment import Section, SLine
from .entries import Entry, label_of, split_entries, without_dates
from .kv import chunks
from .orgs import find_school

_GPA = regex.compile(
    r"(?:GPA|绩点|平均绩点|Grade)\s*[:：]?\s*(\d(?:\.\d{1,2})?\s*/\s*\d(?:\.\d{1,2})?|\d\.\d{1,2})", regex.I
)
_MAJOR_LABEL = regex.compile(r"^(?:专业|所学专业|major)\s*[:：]\s*(.+)$", regex.I)
_NOT_MAJOR = regex.compile(
    r"GPA|绩点|排名|Ranking|主修|课程|Courses|荣誉|奖|\d{4}|全日制|统招|在读|毕业|届", regex.I
)


def is_school(text: str) -> bool:
    return find_school(text) is not None


def extract(sections: list[Section]) -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    for sec in sections:
        if sec.key != "education":
            continue
        for entry in split_entries(sec.lines, is_school):
            item = _entry(entry)
            if item:
                out.append(item)
    return out


def _entry(entry: Entry) -> dict[str, object] | None:
    header = " | ".join(entry.header_texts)
    school = find_school(header)
    if school is None:
        # a header line without a school suffix: "South China ..." handled above; try first chunk
        return None
    name = squash_cjk_spaces(school[0]) if rx(r"\p{Han}").search(school[0]) else school[0]
    item: dict[str, object] = {"school": name}
    rest = without_dates(header[: school[1]] + " | " + header[school[2] :])
    deg = find_degree(rest)
    if deg is None:
        for ln in entry.body[:2]:
            deg = find_degree(ln.text) if len(ln.text) < 40 else None
            if deg:
                break
    item["degree"] = deg[0] if deg else None
    item["major"] = _major(rest, deg, entry.body)
    if entry.dates is not None:
        item["start"] = entry.dates.start
        item["end"] = entry.dates.end if entry.dates.is_range else None
        if not entry.dates.is_range:  # a single date on an education line is the graduation
            item["start"], item["end"] = None, entry.dates.start
    item["gpa"] = _gpa(entry.header + entry.body)
    return item


def _major(rest: str, deg: tuple[str, int, int] | None, body: list[SLine]) -> str | None:
    for ln in body[:4]:
        m = _MAJOR_LABEL.match(ln.text.strip())
        if m:
            return clean_value(m.group(1))
    text = rest
    if deg is not None:
        text = text[: deg[1]] + " | " + text[deg[2] :]
    pieces = [p for p, _ in chunks(text)]
    if sum(p.count(",") for p in pieces) >= 2 and rx(r"\p{Han}").search(text):
        pieces = [
            q.strip() for p in pieces for q in p.split(",")
        ]  # "学士,武汉大学,电子信息学院,电子信息工程专业"
    majors = [p for p in pieces if rx(r"专业$").search(p.strip())]
    if majors:
        pieces = majors  # the field named 专业 beats a 学院 beside it
    for piece in pieces:
        lab = label_of(piece)
        if lab is not None:
            if rx(r"专业|major", regex.I).match(lab[0]):
                return clean_value(lab[1]) or None
            continue
        p = clean_value(rx(r"^(?:专业|major)\s*", regex.I).sub("", piece))
        p = rx(r"\s*(?:专业)$").sub("", p) if len(p) > 4 else p
        p = rx(r"^(?:of|in)\s+").sub("", p)
        if not p or _NOT_MAJOR.search(p) or len(p) > 40 or find_degree(p) or normalize_city(p.split(",")[0]):
            continue  # a degree, a city ("上海交通大学, 上海"), a note
        if rx(r"[（(][^）)]*[）)]").fullmatch(p):
            continue
        # "Bachelor of Engineering, Electronic Information Engineering" → after the comma
        if "," in p and rx(r"[A-Za-z]").search(p):
            p = p.split(",")[-1].strip()
        return p
    return None


def _gpa(lines: list[SLine]) -> str | None:
    for ln in lines:
        m = _GPA.search(ln.text)
        if m:
            return rx(r"\s+").sub("", m.group(1))
    return None
