"""Job intention: desired positions, cities, salary, job type, availability.

Read from an intention section or labelled pairs anywhere (``求职意向: 算法工程师 | 期望城市:
杭州``), from unlabelled pieces of an intention line recognised by shape (a salary looks
like ``30-40K``, a city is in the city vocabulary, ``2周到岗`` is availability), and from an
English objective sentence (``… Engineer or … Engineer role …; open to Shenzhen or Dongguan``).
A headline under the name (``黄子轩 | 前端开发工程师``) counts as the position only when the
résumé states other intention facts but no position.
"""

from __future__ import annotations

from collections.abc import Callable

import regex

from ..normalize.patterns import rx
from ..normalize.places import normalize_city, split_cities
from ..normalize.text import clean_value
from ..segment import Section
from .kv import KV, pairs

_SALARY = regex.compile(
    r"^(?:(?:年薪|税前)\s*)?\d[\d,.]*\s*(?:[kK千万wW]|元)?\s*(?:[-~至到]\s*\d[\d,.]*\s*)?(?:[kK千万wW]|元)"
    r"(?:\s*[×xX*·]\s*\d+\s*薪?)?(?:\s*/\s*(?:月|年|month|year))?(?:\s*以上|\+)?$|^(?:薪资)?面议$|^可议$"
)
_SALARY_PREFIX = regex.compile(
    r"^(?:期望月薪|期望薪资|期望薪水|期望工资|期望待遇|月薪|薪资|薪酬|expected salary|salary)\s*[:：]?\s*",
    regex.I,
)
_AVAIL = regex.compile(r"到岗|入职|随时|在职|离职|notice|available|availability", regex.I)
_JOB_TYPE = regex.compile(
    r"^(?:全职|兼职|实习|全职/实习|实习/全职|远程|full[- ]time|part[- ]time|internship|intern)$", regex.I
)
_POS_SPLIT = regex.compile(r"\s*[/、；;]\s*|\s+or\s+|\s*或\s*")
_QUALIFIER = regex.compile(r"[（(](?:校招|社招|实习|应届|全职|兼职|应届生)[）)]")
_PIECE_SPLIT = regex.compile(r"\s*[，,；;|｜◆◇■●]\s*|\s*·\s*|\s{2,}|\t+")
_UNKNOWN_LABEL = regex.compile(r"^\s*[\p{Han}A-Za-z ]{2,10}[:：]")
_EN_OBJECTIVE = regex.compile(
    r"^(?P<pos>[A-Z][\w /&,\-]+?)\s+(?:role|roles|position|positions|opportunit(?:y|ies))\b", regex.I
)
_EN_CITIES = regex.compile(
    r"(?:open to|based in|relocate to|in)\s+(?P<cities>[A-Z][A-Za-z]+(?:(?:,\s*|\s+or\s+|\s+and\s+)[A-Z][A-Za-z]+)*)"
)
FIELDS = ("positions", "cities", "salary", "job_type", "availability")


class _Collector:
    def __init__(self) -> None:
        self.positions: list[str] = []
        self.cities: list[str] = []
        self.scalars: dict[str, str | None] = {"salary": None, "job_type": None, "availability": None}

    def take(self, field: str, value: str) -> None:
        value = clean_value(value)
        if not value:
            return
        if field == "positions":
            for p in _split_outside_brackets(_QUALIFIER.sub("", value)):
                p = clean_value(p)
                if p and 2 <= len(p) <= 30 and p not in self.positions and not self._qualified_twin(p):
                    self.positions.append(p)
        elif field == "cities":
            for c in split_cities(value):
                if c not in self.cities:
                    self.cities.append(c)
        elif field == "salary":
            self.scalars["salary"] = self.scalars["salary"] or _SALARY_PREFIX.sub("", value)
        elif field == "availability":
            m = rx(r"(?:^|[,，;；]\s*)([^,，;；]*(?:到岗|入职|随时|notice)[^,，;；]*)$").search(value)
            self.scalars["availability"] = self.scalars["availability"] or (
                clean_value(m.group(1)) if m else value
            )
        elif field in self.scalars:
            self.scalars[field] = self.scalars[field] or value

    def _qualified_twin(self, position: str) -> bool:
        """``高中数学教师（可兼任班主任）`` beside ``高中数学教师``: the same wish, once."""
        base = rx(r"\s*[（(][^）)]*[）)]\s*$").sub("", position)
        return base != position and base in self.positions

    def result(self) -> dict[str, object]:
        return {"positions": self.positions, "cities": self.cities, **self.scalars}


def _split_outside_brackets(value: str) -> list[str]:
    """Split positions on / 、 ; or "or", but not inside （市政、轨道交通方向）."""
    protected = rx(r"[（(][^）)]*[）)]").sub(
        lambda m: m.group().replace("、", "\x00").replace("/", "\x01"), value
    )
    return [p.replace("\x00", "、").replace("\x01", "/") for p in _POS_SPLIT.split(protected)]


def extract(sections: list[Section], *, headline: str | None = None) -> dict[str, object]:
    got = _Collector()
    for sec in sections:
        in_intention = sec.key == "intention"
        for ln in sec.lines:
            text = ln.text
            labelled = pairs(text, bare=in_intention or "|" in text or "｜" in text)
            # outside an intention section only labelled values count, and most lines have none
            if labelled or in_intention:
                _line(text, labelled, in_intention, got)
    if (
        not got.positions
        and headline
        and (got.cities or any(got.scalars.values()) or _QUALIFIER.search(headline))
    ):
        got.take("positions", headline)
    return got.result()


def _line(text: str, labelled: tuple[KV, ...], in_intention: bool, got: _Collector) -> None:
    """The intention facts of one line, given its labelled pairs (bare labels count in an
    intention section and on a grid line)."""
    known = [kv for kv in labelled if kv.field in FIELDS]
    if not known:
        # an intention section's own line without labels: "算法工程师 | 杭州 | 15-20K"
        if (
            in_intention
            and not labelled
            and not _UNKNOWN_LABEL.match(text)
            and not _english_objective(text, got.take)
        ):
            _unlabelled(text, got.take, first_is_position=True)
        return
    if in_intention:
        lead = text[: known[0].label_start if known[0].label_start >= 0 else known[0].start]
        if lead.strip() and ":" not in lead and "：" not in lead:
            _unlabelled(lead, got.take, first_is_position=True)
    for kv in known:
        if kv.field == "positions" and not in_intention and kv.label in ("岗位", "职位", "Position"):
            continue  # a job entry's own 职位 line, not an intention
        head, tail = _first_piece(kv.value, kv.field)
        got.take(kv.field, head)
        if tail:
            _unlabelled(tail, got.take, first_is_position=False)


def _first_piece(value: str, field: str) -> tuple[str, str]:
    """A label covers the value up to the next separator: ``30-40K | 随时到岗``."""
    seps = r"\s*[|｜◆]\s*|\s+·\s+|\s{2,}" + (r"|\s*[，,]\s*" if field in ("positions", "cities") else "")
    m = rx(seps).search(value)
    if not m:
        return value, ""
    return value[: m.start()], value[m.end() :]


def _unlabelled(text: str, take: Callable[[str, str], None], *, first_is_position: bool) -> None:
    """Pieces recognised by shape; a position only before the first fact (later unknown
    pieces on an intention line are industries or notes)."""
    seen_fact = False
    for piece in _PIECE_SPLIT.split(text):
        p = clean_value(piece)
        if not p:
            continue
        if _SALARY.match(_SALARY_PREFIX.sub("", p)):
            take("salary", p)
        elif _JOB_TYPE.match(p):
            take("job_type", p)
        elif _AVAIL.search(p):
            take("availability", p)
        elif len(p) <= 16 and all(normalize_city(c) for c in rx(r"[、/ ]+").split(p) if c):
            take("cities", p)
        elif first_is_position and not seen_fact and len(p) <= 40 and not rx(r"\d{4}").search(p):
            # "SRE 技术专家 / 基础架构工程师 上海 薪资面议": facts trail the position after single spaces
            words = p.split(" ")
            first_fact = next((i for i, w in enumerate(words) if i > 0 and _is_fact(w)), len(words))
            for w in words[first_fact:]:
                _unlabelled(w, take, first_is_position=False)
            take("positions", " ".join(words[:first_fact]))
            continue
        else:
            continue
        seen_fact = True


def _is_fact(word: str) -> bool:
    w = _SALARY_PREFIX.sub("", word)
    return bool(
        _SALARY.match(w) or _JOB_TYPE.match(w) or _AVAIL.search(w) or (len(w) <= 12 and normalize_city(w))
    )


def _english_objective(text: str, take: Callable[[str, str], None]) -> bool:
    if rx(r"\p{Han}").search(text) or len(text) < 20:
        return False
    m = _EN_OBJECTIVE.match(text.strip())
    if not m:
        return False
    take("positions", m.group("pos"))
    c = _EN_CITIES.search(text)
    if c:
        for city in rx(r",\s*|\s+or\s+|\s+and\s+").split(c.group("cities")):
            take("cities", city)
    for sentence in rx(r"(?<=[.;])\s+").split(text):
        if rx(r"\bavailable\b|notice", regex.I).search(sentence):
            take("availability", sentence.strip())
    return True
