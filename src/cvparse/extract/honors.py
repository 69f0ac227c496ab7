"""Awards and certificates, and the language tests that are both a certificate and a language.

An awards or certificates section lists one item per line (or several split by ``；``); a
combined ``获奖 & 证书`` section is sorted line by line with the certificate vocabulary.
A leading date is the item's date and leaves the name; a year inside the name stays in it
and is also the date (the contract's rule).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from ..normalize.dates import find_ranges, parse_date
from ..normalize.patterns import rx
from ..normalize.text import clean_value
from ..segment import Section
from .entries import is_bullet

CERT_WORDS = regex.compile(
    r"证书|证|资格|执照|职称|执业|注册|CET|TEM|PMP|CPA|CFA|ACCA|FRM|CMA|CIA|IELTS|TOEFL|GRE|GMAT|JLPT|托业|TOEIC|"
    r"雅思|托福|四级|六级|八级|专四|专八|等级考试|普通话|驾驶|驾照|技能鉴定|职业技能|软考|工程师（|工程师\(|"
    r"建造师|会计师|经济师|审计师|税务师|律师|教师资格|医师|护师|药师|技师|内审员|认证|certified|certificate|certification|license|licence|"
    r"level\s*[i1]|foundation|professional|AWS|CCNA|CCNP|HCIA|HCIP|HCIE|RHCE|OCP|NCRE|高级工程师|中级|初级",
    regex.I,
)
AWARD_WORDS = regex.compile(
    r"奖|赛|荣誉|优秀|三好|标兵|先进|称号|冠军|亚军|季军|名次|rank|top\s*\d|award|prize|scholarship|honou?r|dean|winner|medal|第[一二三]名",
    regex.I,
)
LANG_TEST = regex.compile(
    r"(?P<test>CET\s*-?\s*[46]|大学英语[四六]级|英语[四六]级|TEM\s*-?\s*[48]|专业英语[四八]级|专[四八]|IELTS|雅思|TOEFL|托福|TOEIC|托业|"
    r"JLPT\s*N[1-5]|日语\s*N[1-5]|日语能力(?:考试)?\s*N[1-5]|N[1-5](?=级|\b)|普通话[一二三]级[甲乙]等|普通话水平测试[一二三]级[甲乙]等|BEC|剑桥商务英语|GRE|GMAT|TOPIK|韩语\s*TOPIK|DELF|DELE|HSK)",
    regex.I,
)
_STILL_STUDYING = regex.compile(r"在考|备考|考取中|在读|学习中|准备中|studying|in progress", regex.I)
_SPLIT = regex.compile(r"\s*[；;]\s*|\s{3,}|\t+")


def language_of_test(test: str) -> str:
    t = test.upper()
    if rx(r"JLPT|日语|^N[1-5]").search(t):
        return "日语"
    if "普通话" in test:
        return "普通话"
    if rx(r"TOPIK|韩语").search(t):
        return "韩语"
    if "DELF" in t:
        return "法语"
    if "DELE" in t:
        return "西班牙语"
    if "HSK" in t:
        return "汉语"
    return "英语"


def _items(sec: Section) -> list[str]:
    out: list[str] = []
    for ln in sec.lines:
        text = ln.text.strip()
        if not text:
            continue
        if out and _is_continuation(text, out[-1]):
            out[-1] = out[-1] + text
            continue
        if out and parse_date(text) and len(text) <= 12 and not find_ranges(out[-1]):
            out[-1] = f"{out[-1]} {text}"  # the item's date wrapped onto its own line
            continue
        cells = [c.strip() for c in rx(r"\s*[|｜]\s*").split(text) if c.strip()]
        if len(cells) >= 2:
            # a table row: name | date | note
            if all(rx(r"名称|时间|日期|备注|级别|颁发").search(c) and len(c) <= 6 for c in cells):
                continue  # the table's own header row
            dated = [c for c in cells if parse_date(c) and len(c) <= 12]
            names = [c for c in cells if c not in dated]
            if not dated and all(CERT_WORDS.search(c) or AWARD_WORDS.search(c) for c in cells):
                out.extend(cells)  # "阿里巴巴电子商务职业技能认证 | 英语 CET-4": a list
                continue
            if names and len(cells) <= 4:
                out.append(f"{names[0]} {dated[0]}" if dated else names[0])
                continue
        gap_parts = [p for p in rx(r"\s{2,}").split(text.strip()) if p]
        if sec.key == "certificates" and len(gap_parts) >= 2 and all(CERT_WORDS.search(p) for p in gap_parts):
            out.extend(
                gap_parts
            )  # "ISTQB 初级测试工程师（CTFL）  大学英语六级": two certificates on one line
            continue
        parts = [p for p in _SPLIT.split(text) if p.strip()]
        # a Chinese list may use commas too ("TEM-4,CET-4,初级会计资格证书"); an English line's
        # commas separate a name from its note ("CFA Level I, passed Dec 2020")
        listed = [
            p
            for p in rx(r"\s*[、,]\s*" if rx(r"\p{Han}").search(text) else r"\s*、\s*").split(text)
            if p.strip()
        ]
        if (
            len(listed) >= 2
            and not any(_BARE_RANK.match(p.strip()) for p in listed)
            and all((CERT_WORDS.search(p) or AWARD_WORDS.search(p)) and len(p) <= 40 for p in listed)
        ):
            out.extend(listed)
            continue
        # "2019.05  解决方案销售认证" / "注册质量工程师（中级）  2016年": a date beside a name is one item
        if len(parts) == 2 and any(parse_date(p.strip()) and len(p.strip()) <= 10 for p in parts):
            out.append(text)
            continue
        out.extend(p.strip() for p in parts)
    return out


# A rank or level on its own is part of the award beside it ("第一名, xxx 比赛", "省赛一等，国赛二等").
_BARE_RANK = regex.compile(
    r"^(?:第[一二三四五六七八九十\d]+名|[一二三特]等奖?|金奖|银奖|铜奖|冠军|亚军|季军|优胜奖|(?:国赛|省赛|市赛|校赛)[一二三特]等奖?)$"
)


def _is_continuation(text: str, prev: str) -> bool:
    """A wrapped line (PDF) continues the previous item: it has no date and the previous
    line ends mid-phrase."""
    if rx(r"[(（][^)）]{1,20}[)）]").fullmatch(text):
        return True  # "(AHA)" wrapped onto its own line
    return (
        not is_bullet(text)
        and not find_ranges(text)
        and len(text) <= 12
        and not CERT_WORDS.search(text)
        and not AWARD_WORDS.search(text[:2])
        and bool(rx(r"[\p{Han}A-Za-z]$").search(prev))
        and len(prev) >= 25
    )


# Promotions and thanks are not honours ("2018.04 晋升资深研发工程师", "感谢您阅读我的简历").
_NOT_AN_HONOUR = regex.compile(
    r"^\s*(?:(?:19|20)\d{2}[.\-/年]?\d{0,2}月?\s*)?(?:晋升|升职|升任|转正)|感谢|致谢"
    # an English sentence about work done ("Developed the … pipeline", "Published 2 papers") is an
    # achievement bullet, not a named honour
    r"|^\s*(?!(?:Awarded|Selected|Ranked|Named|Honou?red|Granted|Elected|Nominated|Recognized|Recognised)\b)"
    r"[A-Z][a-z]+ed\b(?:\s+\S+){5,}"
)
_NOT_AN_ITEM = regex.compile(
    r"^\s*[(（][^)）]*(?:https?://|www\.|github)[^)）]*[)）]\s*$|^\s*(?:https?://|www\.)\S+\s*$", regex.I
)


def _range_only_label(text: str) -> bool:
    """``本科阶段 2020.09-2024.06``: a period heading inside the section, not an item."""
    ranges = [r for r in find_ranges(text) if r.is_range]
    if not ranges:
        return False
    rest = text[: ranges[0].begin] + text[ranges[0].stop :]
    return len(clean_value(rest)) <= 8 and not AWARD_WORDS.search(rest) and not CERT_WORDS.search(rest)


_ITEM_DATE = r"(?:19|20)\d{2}(?:\s*[.\-/年]\s*\d{1,2}\s*月?)?\s*年?|[A-Z][a-z]{2,8}\.? (?:19|20)\d{2}"
_PASS_DATE = regex.compile(
    rf"\s*(?:[(（]\s*(?:passed\s+|通过|获得|取得|获)?(?P<d>{_ITEM_DATE})\s*(?:通过|获得|取得|获|passed)?\s*[)）]"
    rf"|,\s*(?:passed\s+|obtained\s+|awarded\s+)?(?P<d2>{_ITEM_DATE})(?:\s*[(（][^)）]*[)）])?)\s*$"
)


def split_item(text: str) -> tuple[str, str | None]:
    """``2024.10 国家励志奖学金`` → (``国家励志奖学金``, ``2024-10``); ``(2021年)`` dates too."""
    t = rx(r"^\s*(?:[-–—•·●○◦◆◇■□▪▫►▶▷➢➤✓✔√★☆◎※*+>]|\d{1,2}[.、)）](?!\d))\s*").sub("", text).strip()
    date: str | None = None
    # "CFA Level I（2026.08通过）", "CFA Level I, passed Dec 2020 (Level II candidate)"
    m = _PASS_DATE.search(t)
    if m and m.start() > 0:
        d = parse_date(m.group("d") or m.group("d2"))
        if d:
            date, t = d, t[: m.start()]
    ranges = find_ranges(t) if date is None else []
    if ranges:
        r = ranges[0]
        lead = t[: r.begin].strip()
        trail = t[r.stop :].strip()
        if not lead or rx(r"[\[(（]").fullmatch(lead):
            date = r.start if not r.is_range else None
            t = trail
            t = rx(r"^[\])）:：\s|｜\-–—,，]+").sub("", t)
        elif not trail.strip(" )）]】") or rx(r"[)）\]】]*\s*(?:获得|获|取得)?").fullmatch(trail):
            date = r.start if not r.is_range else None
            t = lead
            t = rx(r"[\[(（]\s*$").sub("", t).strip()
        else:
            # a year inside the name stays there and is also the date
            y = rx(r"(?<!\d)((?:19|20)\d{2})(?!\d)").search(t)
            date = y.group(1) if y else None
    t = rx(r"^度\s*").sub("", t)  # "2023年度 …": the 度 of 年度 stays behind the date
    name = clean_value(t)
    if rx(r"[\"“'‘].*[\"”'’]").fullmatch(name):  # outer quotation marks only
        name = name[1:-1]
    return name, date


@dataclass(slots=True)
class Honours:
    awards: list[dict[str, object]] = field(default_factory=list)
    certificates: list[dict[str, object]] = field(default_factory=list)
    languages: list[dict[str, str | None]] = field(default_factory=list)  # from language tests
    projects: list[dict[str, object]] = field(
        default_factory=list
    )  # research projects (课题) listed among honours


_RESEARCH = regex.compile(
    r"^(?P<name>.*?课题.*?《[^》]+》|.*?课题[^（(，,]*?)\s*(?:结题|立项|在研|完成)?\s*[（(](?P<role>主持|参与|负责人|主持人|成员)[）)]"
)


def extract(sections: list[Section]) -> Honours:
    out = Honours()
    awards, certs, langs = out.awards, out.certificates, out.languages
    for sec in sections:
        if sec.key not in ("awards", "certificates", "awards_certs"):
            continue
        for raw in _items(sec):
            if _NOT_AN_ITEM.search(raw) or _range_only_label(raw) or _NOT_AN_HONOUR.search(raw):
                continue
            name, date = split_item(raw)
            research = _RESEARCH.match(name)
            if research:  # "区级课题《…》结题（主持）" is a project, not an honour
                role = research.group("role")
                out.projects.append(
                    {
                        "name": clean_value(research.group("name")),
                        "role": None if role == "成员" else role,
                        "start": None,
                        "end": date,
                        "description": None,
                    }
                )
                continue
            if not name or len(name) < 2 or len(name) > 120:
                continue
            if rx(r"^(?:技能|技术|熟练|熟悉|掌握|精通|了解|会用)").match(name) or rx(
                r"熟练|熟悉|掌握|精通|了解|会用|能够|使用\s"
            ).search(name):
                continue
            kind = sec.key
            if kind == "awards_certs":
                kind = (
                    "certificates" if CERT_WORDS.search(name) and not AWARD_WORDS.search(name) else "awards"
                )
            if kind == "certificates" and _STILL_STUDYING.search(name):
                continue
            if kind == "certificates" and AWARD_WORDS.search(name) and not CERT_WORDS.search(name):
                kind = "awards"
            (awards if kind == "awards" else certs).append({"name": name, "date": date})
            test = LANG_TEST.search(name)
            if test and kind == "certificates":
                level = name
                lead = rx(r"^(英语|日语|法语|德语|韩语|English|Japanese)(?:\s*[:：]\s*|\s+)(.+)$").match(name)
                if lead:
                    level = lead.group(2)
                langs.append(
                    {
                        "name": language_of_test(test.group("test")) if not lead else lead.group(1),
                        "level": level,
                    }
                )
    return out


_INLINE_AWARD = regex.compile(
    r"(?:荣获|获得|获评|获|被评为|评为)\s*(?P<name>[^，,。；;！!]{2,60}?(?:奖学金|奖|称号|标兵|先进个人|先进工作者|优秀员工|优秀毕业生|三好学生))(?=[，,。；;！!\s]|$)"
)


_EN_HONOUR = regex.compile(
    r"(?P<name>Dean['’]s List|Honou?r Roll|President['’]s List)\s*[:：(（]?\s*(?P<years>(?:19|20)\d{2}(?:\s*(?:,|，|、|and|&)\s*(?:19|20)\d{2})*)"
)


_SCHOOL_HONOUR = regex.compile(
    r"(?<=^|[，,;；、\s:：])(?:校级|院级|市级|省级|国家级)?(?:优秀毕业生|三好学生|优秀学生干部|优秀学生|优秀团员|优秀共青团员)(?=$|[，,;；、\s])"
)


def inline_awards(sections: list[Section]) -> list[dict[str, object]]:
    """Honours stated inside job descriptions, education lines or an "other" section
    (``获公司年度“销冠”称号``); a project's own prize is not the candidate's award."""
    out: list[dict[str, object]] = []
    for sec in sections:
        if sec.key not in ("work", "internship", "education", "other", "header", "basic", "campus"):
            continue
        for ln in sec.lines:
            # (each pattern needs a word most lines lack: 优秀/三好, List/Roll, 获/评)
            text = ln.text
            if sec.key == "education" and ("优秀" in text or "三好" in text):
                for m in _SCHOOL_HONOUR.finditer(text):
                    out.append({"name": m.group(), "date": None})
            if "List" in text or "Roll" in text:
                for m in _EN_HONOUR.finditer(text):
                    for year in rx(r"(?:19|20)\d{2}").findall(m.group("years")):
                        out.append({"name": m.group("name"), "date": year})
            if "获" not in text and "评" not in text:
                continue
            for m in _INLINE_AWARD.finditer(ln.text):
                if rx(r"(?:项目|工程|产品|团队|作品|论文|方案)\s*$").search(
                    ln.text[max(0, m.start() - 6) : m.start()]
                ):
                    continue  # the project's prize, not the candidate's
                name = m.group("name").strip()
                name = rx(r"^(?:了|过)").sub("", name)
                quoted = rx(r"[\"“]([^\"”]+)[\"”](?:荣誉称号|称号)?").fullmatch(name)
                if quoted:  # "获“四川省优秀民营企业家”称号" → 四川省优秀民营企业家
                    name = quoted.group(1)
                # the date nearest before the award in its own clause ("…，2018年荣获…"), else the line's
                clause_start = max(ln.text.rfind(c, 0, m.start()) for c in "，,；;。") + 1
                before = [d for d in find_ranges(ln.text[clause_start : m.start()]) if not d.is_range]
                single = before or [d for d in find_ranges(ln.text) if not d.is_range]
                date = (before[-1] if before else single[0]).start if single else None
                out.append({"name": name, "date": date})
    return out
