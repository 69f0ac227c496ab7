"""Narrative bios (annual reports, prospectuses, first-person prose): ``1990年7月至1998年3月，任……``.

Bios state facts in clauses, not fields: one work entry per dated role clause (company and
titles split at the organisation suffix; ``本公司`` resolved to the company the document
names), one education entry per school clause (``在清华大学热能工程专业学习，获工学学士学位``),
professional titles in the opening sentence as certificates (高级经济师), honours after
``获`` / ``被评为`` as awards, and the opening facts (``刘国栋，男，汉族，1963年10月出生，四川自贡人``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from ..normalize.dates import find_ranges
from ..normalize.degrees import find_degree
from ..normalize.patterns import rx
from ..normalize.text import clean_value
from ..segment import Section
from .orgs import find_company, find_school

_DATE = r"(?:19|20)\d{2}\s*年(?:\s*\d{1,2}\s*月)?"
_ROLE_VERB = r"(?:历任|任职于|就职于|供职于|担任|出任|加入|任)"
_CLAUSE = regex.compile(
    rf"(?P<dates>{_DATE}(?:\s*(?:至|-|—|~|到)\s*(?:{_DATE}|今|至今|现在))?)\s*(?P<since>起)?\s*[，,]?\s*"
    rf"(?:先后|开始)?\s*(?P<rest>(?:在|于)?[^；;。]*?{_ROLE_VERB}[^；;。]+)"
)
_BRACKET_DATES = regex.compile(rf"[（(](?P<dates>{_DATE}\s*(?:至|-|—|~|到)\s*(?:{_DATE}|今|至今|现在))[）)]")
_TITLES = regex.compile(
    r"^(?:中国)?(?:注册会计师|注册税务师|注册建筑师|执业药师|(?:教授级|正高级)?高级(?:经济师|会计师|工程师|审计师|统计师|政工师|农艺师)|"
    r"经济师|会计师|工程师|审计师|律师|研究员|副研究员|主任医师|副主任医师)$"
)
_SELF = regex.compile(r"^(?:本公司|公司|本行|该公司)")
_AWARD = regex.compile(r"(?:荣获|获得|曾获|获评|获|被评为|评为)\s*(?P<items>[^，,。；;]+)")
_BIO_SIGNAL = regex.compile(
    r"[，,]\s*(?:男|女)\s*[，,]|(?:先生|女士|同志)[，,]|\d{4}\s*年\s*\d{1,2}\s*月\s*出生"
)


@dataclass(slots=True)
class Bio:
    work: list[dict[str, object]] = field(default_factory=list)
    education: list[dict[str, object]] = field(default_factory=list)
    awards: list[dict[str, object]] = field(default_factory=list)
    certificates: list[dict[str, object]] = field(default_factory=list)
    facts: list[str] = field(default_factory=list)  # opening-sentence pieces for the personal extractor
    name: str | None = None
    gender: str | None = None


def is_bio(text: str) -> bool:
    return bool(_BIO_SIGNAL.search(text[:600])) or len(_CLAUSE.findall(text)) >= 2


def extract(sections: list[Section]) -> Bio:
    text = "".join(ln.text.strip() for s in sections for ln in s.lines)
    out = Bio()
    if not is_bio(text):
        return out
    _opening("\n".join(ln.text.strip() for s in sections for ln in s.lines), out)
    hint = _document_company(text)
    for sentence in rx(r"[；;。]").split(text):
        _work_clause(sentence, hint, out)
        _education_clause(sentence, text, out)
        _awards(sentence, out)
    _concurrent(text, out)
    return out


def _opening(text: str, out: Bio) -> None:
    m = rx(
        r"(?:^|[。；：:\s])(?P<name>\p{Han}{2,4}?)(?P<honor>先生|女士|同志)?[，,]\s*(?:(?P<g>男|女)[，,]|\d{2}\s*岁|\d{4}\s*年)"
    ).search(text)
    if m:
        out.name = m.group("name")
        honor = m.group("honor") or ""
        g = m.group("g") or ("男" if honor == "先生" else "女" if honor == "女士" else None)
        out.gender = {"男": "male", "女": "female"}.get(g or "")
        first = rx(r"[。；]").split(text[m.start() :].replace("\n", ""), maxsplit=1)[0]
        for piece in rx(r"\s*[，,]\s*").split(first)[1:]:
            out.facts.append(piece)
            for part in rx(r"\s*、\s*").split(piece):
                if _TITLES.match(part):
                    out.certificates.append({"name": part, "date": None})
    else:
        first = rx(r"[。；]").split(text, maxsplit=1)[0]
        for piece in rx(r"\s*[，,]\s*").split(first):
            for part in rx(r"\s*、\s*").split(piece):
                if _TITLES.match(part):
                    out.certificates.append({"name": part, "date": None})


def _work_clause(sentence: str, hint: str | None, out: Bio) -> None:
    m = _CLAUSE.search(sentence)
    rest: str
    if m:
        dr = find_ranges(m.group("dates"))
        rest = m.group("rest")
        start = dr[0].start if dr else None
        end = (
            (dr[0].end if dr and dr[0].is_range else ("present" if m.group("since") else None))
            if dr
            else None
        )
    else:
        b = rx(rf"(?:曾任|曾担任|历任)(?P<rest>[^；;。]+?){_BRACKET_DATES.pattern}").search(sentence)
        if not b:
            return
        dr = find_ranges(b.group("dates"))
        rest = "任" + b.group("rest")
        start = dr[0].start if dr else None
        end = dr[0].end if dr and dr[0].is_range else None
    if rx(r"学习|就读|读研|攻读|毕业").search(rest) and not rx(r"任职|就职|工作").search(rest):
        return
    company: str | None = None
    title: str | None = None
    verb = rx(_ROLE_VERB).search(rest)
    before, after = (rest[: verb.start()], rest[verb.end() :]) if verb else ("", rest)
    before = rx(r"^(?:在|于)").sub("", before).strip("，, ")
    if before and find_company(before):
        found = find_company(before)
        company = found[0] if found else None
        title = clean_value(after.split("，")[0].split(",")[0]) or None
    else:
        target = after
        if _SELF.match(target) and hint:
            company, title = hint, clean_value(_SELF.sub("", target).split("，")[0])
        else:
            found = find_company(target)
            if found is None:
                return
            company = found[0]
            tail = target[found[2] :]
            tail = rx(r"^\s*[，,]\s*(?:历任|任|担任)").sub("", tail)
            title = clean_value(rx(r"[，,]").split(tail)[0]) or None
    if company:
        out.work.append({"company": company, "title": title, "start": start, "end": end, "internship": False})


def _education_clause(sentence: str, text: str, out: Bio) -> None:
    if not rx(r"学习|就读|读研|攻读|毕业|学位|获.{0,8}(?:学士|硕士|博士)").search(sentence):
        return
    school = find_school(sentence)
    if school is None or rx(r"任职|就职|历任").search(sentence[: school[1]]):
        return
    name = school[0]
    major = None
    after = sentence[school[2] :]
    m = rx(r"\s*(?P<major>[\p{Han}A-Za-z]{2,20}?)专业").match(after)
    if m:
        major = m.group("major")
    deg_m = rx(r"获(?:得)?(?P<field>[\p{Han}]{0,16}?)(?P<deg>学士|硕士|博士)学位").search(sentence)
    degree = None
    if deg_m:
        degree = {"学士": "bachelor", "硕士": "master", "博士": "doctor"}[deg_m.group("deg")]
        if (
            major is None
            and deg_m.group("field")
            and deg_m.group("field") not in ("工学", "理学", "文学", "法学", "医学", "管理学")
        ):
            major = deg_m.group("field")
    if degree is None:
        found = find_degree(sentence.replace("读研", "研究生"))
        degree = found[0] if found else None
    if degree is None and len(find_schools_in(text)) == 1:
        found = find_degree(rx(r"学历.*").sub("", text[:200]))
        degree = found[0] if found else None
    dates = find_ranges(sentence[: school[1]]) or find_ranges(sentence)
    start = end = None
    if dates:
        if dates[0].is_range:
            start, end = dates[0].start, dates[0].end
        else:
            end = dates[0].start
    if any(e["school"] == name and e.get("degree") == degree for e in out.education):
        return
    out.education.append({"school": name, "degree": degree, "major": major, "start": start, "end": end})


def find_schools_in(text: str) -> list[str]:
    out: list[str] = []
    for sentence in rx(r"[；;。，,]").split(text):
        found = find_school(sentence)
        if found and found[0] not in out:
            out.append(found[0])
    return out


def _awards(sentence: str, out: Bio) -> None:
    for m in _AWARD.finditer(sentence):
        items = m.group("items")
        if rx(r"学位|学历|注册证|证书$").search(items):
            continue
        year = rx(r"((?:19|20)\d{2})\s*年").findall(sentence[: m.start()][-12:])
        for part in rx(r"\s*、\s*").split(items):
            date_m = rx(r"[（(]\s*((?:19|20)\d{2})\s*年?\s*[）)]").search(part)
            date = date_m.group(1) if date_m else (year[-1] if year else None)
            name = rx(r"[（(][^）)]*[）)]").sub("", part).strip()
            q = rx(r"[“\"](.+)[”\"](?:称号|荣誉称号)?").fullmatch(name)
            if q:
                name = q.group(1)
            if rx(r"奖|称号|荣誉|先进|优秀|标兵|模范|专家|劳动").search(name) and 2 <= len(name) <= 40:
                out.awards.append({"name": name, "date": date})
    allowance = rx(r"享受(?:国务院)?政府特殊津贴(?:专家)?").search(sentence)
    if allowance and all("津贴" not in str(a["name"]) for a in out.awards):
        out.awards.append({"name": allowance.group(), "date": None})


def _concurrent(text: str, out: Bio) -> None:
    for m in rx(r"(?:兼任|同时担任|现兼任)(?P<items>[^。；;]+)").finditer(text):
        for part in rx(r"\s*、\s*").split(m.group("items")):
            found = find_company(part)
            if found and found[2] < len(part):
                out.work.append(
                    {
                        "company": found[0],
                        "title": clean_value(part[found[2] :]) or None,
                        "start": None,
                        "end": None,
                        "internship": False,
                    }
                )


def _document_company(text: str) -> str | None:
    m = rx(r"(?:至今|今)[，,]?\s*(?:任|担任)([\p{Han}（）()]{4,40}?(?:股份有限公司|有限公司|集团))").search(
        text
    )
    return m.group(1) if m else None
