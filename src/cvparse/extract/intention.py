"""Job intention: desired positions, cities, salary, job type, availability.

Read from an intention section or labelled pairs anywhere (``求职意向: 算法工程师 | 期望城市:
杭州``), and from unlabelled pieces of an intention line recognised by shape (a salary looks
like ``30-40K``, a city is in the city vocabulary, ``2周到岗`` is availability).
"""

from __future__ import annotations

import regex

from ..normalize.places import normalize_city, split_cities
from ..normalize.text import clean_value
from ..segment import Section
from .kv import chunks, pairs

_SALARY = regex.compile(
    r"^(?:年薪\s*|月薪\s*|税前\s*)?\d[\d,.]*\s*(?:[kK千万wW]|元)?\s*(?:[-~至到]\s*\d[\d,.]*\s*)?(?:[kK千万wW]|元)(?:\s*[×xX*]\s*\d+(?:\s*薪)?)?(?:\s*/\s*(?:月|年|month|year))?(?:\s*以上|\+)?$|^面议$|^薪资面议$|^可议$"
)
_AVAIL = regex.compile(r"到岗|入职|随时|在职|离职|notice|available|一周|两周|一个月|1个月")
_JOB_TYPE = regex.compile(r"^(?:全职|兼职|实习|全职/实习|实习/全职|远程|full[- ]time|part[- ]time|internship|intern)$", regex.I)
_POS_SPLIT = regex.compile(r"\s*[/、；;]\s*|\s+or\s+|\s*或\s*")
_QUALIFIER = regex.compile(r"[（(](?:校招|社招|实习|应届|全职|兼职)[）)]")


def _positions(value: str) -> list[str]:
    value = _QUALIFIER.sub("", value)
    out = []
    for p in _POS_SPLIT.split(value):
        p = clean_value(p)
        if p and len(p) <= 30:
            out.append(p)
    return out


def extract(sections: list[Section]) -> dict[str, object]:
    res: dict[str, object] = {"positions": [], "cities": [], "salary": None, "job_type": None, "availability": None}
    positions: list[str] = res["positions"]  # type: ignore[assignment]
    cities: list[str] = res["cities"]  # type: ignore[assignment]

    def take(field: str, value: str) -> None:
        value = clean_value(value)
        if not value:
            return
        if field == "positions":
            for p in _positions(value):
                if p not in positions:
                    positions.append(p)
        elif field == "cities":
            for c in split_cities(value):
                if c not in cities:
                    cities.append(c)
        elif field == "salary":
            if res["salary"] is None:
                res["salary"] = value
        elif field == "job_type":
            if res["job_type"] is None:
                res["job_type"] = value
        elif field == "availability" and res["availability"] is None:
            m = regex.search(r"(?:^|[,，;；]\s*)([^,，;；]*(?:到岗|入职|随时|notice)[^,，;；]*)$", value)
            res["availability"] = clean_value(m.group(1)) if m else value

    for sec in sections:
        in_intention = sec.key == "intention"
        for ln in sec.lines:
            kvs = pairs(ln.text)
            for kv in kvs:
                if kv.field in ("positions", "cities", "salary", "job_type", "availability"):
                    if kv.field == "positions" and not in_intention and kv.label in ("岗位", "职位", "Position"):
                        continue
                    take(kv.field, kv.value)
            if in_intention or any(kv.field == "positions" for kv in kvs):
                _unlabelled(ln.text, kvs, take, first_is_position=in_intention)
    return res


def _unlabelled(text: str, kvs: list, take, *, first_is_position: bool) -> None:  # type: ignore[type-arg, no-untyped-def]
    spans = [(kv.start, kv.end) for kv in kvs]
    label_starts = sorted(kv.start for kv in kvs)
    for piece, pos in chunks(text):
        if any(s <= pos < e for s, e in spans) or regex.search(r"[:：]", piece):
            continue
        if label_starts and pos > label_starts[0] and not any(pos >= e for _, e in spans):
            continue
        p = clean_value(piece)
        if not p:
            continue
        if _SALARY.match(p):
            take("salary", p)
        elif _JOB_TYPE.match(p):
            take("job_type", p)
        elif _AVAIL.search(p):
            take("availability", p)
        elif normalize_city(p) is not None and len(p) <= 12 and all(normalize_city(c) for c in regex.split(r"[、,，/ ]+", p) if c):
            take("cities", p)
        elif first_is_position and len(p) <= 30 and not regex.search(r"\d{4}", p):
            take("positions", p)
