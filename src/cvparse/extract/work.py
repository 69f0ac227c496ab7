"""Work entries (jobs and internships): company, title, department, dates, description."""

from __future__ import annotations

import regex

from ..normalize.patterns import rx
from ..normalize.text import clean_value
from ..segment import Section
from .entries import Entry, description, header_label, split_entries, without_dates
from .kv import chunks
from .orgs import find_company

_SALARY = regex.compile(
    r"\d[\d,.]*\s*(?:[-~至]\s*\d[\d,.]*\s*)?(?:元|k|K|千|万)(?:\s*/\s*(?:月|年))?(?:以上|以下)?|面议|保密"
)
_DEPT_BRACKET = regex.compile(
    r"[（(]\s*([^）)]*(?:部|事业部|中心|处|科室|科|Department|Division|Dept\.?))\s*[）)]\s*$"
)
_DEPT_LABEL = regex.compile(r"^(?:部门|所在部门|任职部门|department|dept)$", regex.I)
_TITLE_LABEL = regex.compile(r"^(?:职位|职务|岗位|担任职位|职位名称|担任岗位|title|position|role)$", regex.I)
_COMPANY_LABEL = regex.compile(r"^(?:公司|公司名称|单位|工作单位|所在单位|company|employer)$", regex.I)
_EN_DEPT = regex.compile(
    r"(?:Division|Department|Dept\.?|Group|Line|Team|Center|Centre|Unit|Labs?|Infrastructure|Office|BU)$"
)
_INTERN_BRACKET = regex.compile(r"\s*[（(](?:实习|实习生|intern|internship)[）)]\s*$", regex.I)
_DEPT_WORD = regex.compile(
    r"(?:(?<!干)部|中心|中台|事业部|事业群|处|科|室|组|团队|Department|Division|Line|Team|Group|Unit|BU)$",
    regex.I,
)
_DEPT_THEN_TITLE = regex.compile(r"^(?P<dept>\S{2,15}?(?:(?<!干)部|中心|处|科|室))\s+(?P<title>\S.{1,30})$")
_TITLE_THEN_DEPT = regex.compile(
    r"^(?P<title>\S.{1,30}?)\s+(?P<dept>(?:[A-Za-z0-9]+\s)?[^\s(（]{2,20}(?:(?<!干)部|中心|事业部|事业群|组|团队))$"
)
# A place written beside an employer ("Seattle, WA", "Beijing, China", "Singapore").
_PLACE_PIECE = regex.compile(
    r"^(?:[A-Z][A-Za-z .]+,\s*(?:[A-Z]{2}|China|USA|UK|Singapore|Japan|Canada|Australia|Germany|Hong Kong)|"
    r"Singapore|Hong Kong|Remote|Beijing|Shanghai|Shenzhen|Hangzhou|Guangzhou|London|New York|Tokyo|Seattle)$"
)
_TITLE_THEN_COMPANY = regex.compile(
    r"^(?P<title>.{2,30}?(?:工程师|经理|专员|主管|总监|设计师|架构师|分析师|实习生|顾问|负责人|engineer|manager))\s+(?P<company>\S.{0,20})$",
    regex.I,
)
_AT = regex.compile(r"\s*@\s*")
_GLUED_TITLE = regex.compile(
    r"^(?P<company>\p{Han}{2,8}?)(?P<title>(?:高级|资深|初级|中级)?(?:实习生|实习|工程师|经理|专员|研究员|设计师|分析师))$"
)


def _tidy_company(text: str) -> str:
    """A company written after "@" may carry a note: "Leadvisor Technology Inc. (startup company)"."""
    return rx(r"\s*[（(][^）)]*(?:startup|初创)[^）)]*[）)]?\s*$", regex.I).sub("", text).strip()


# A role ends in one of these ("天猫旗舰店运营经理"); a department may contain 运营 or 开发 but does not.
_TITLE_END = regex.compile(
    r"(?:工程师|经理|专员|主管|总监|助理|实习生|实习|顾问|分析师|设计师|架构师|负责人|组长|主任|总经理|董事|干部|技术员|文员|"
    r"店长|代表|客服|翻译|编辑|策划|教师|老师|护士|医生|研究员|专家|会计|出纳|秘书|行长|总裁|院长|科长|处长|部长|"
    r"engineer|manager|analyst|designer|developer|intern|director|consultant|lead|specialist|scientist|assistant|officer)"
    r"(?:\s*[（(][^）)]*[）)])?$",
    regex.I,
)
_META_PIECE = regex.compile(r"^(?:汇报对象|下属人数|离职原因|工作地点|所属行业|公司规模|公司性质)\s*[:：]")
_INTERN = regex.compile(r"实习|intern", regex.I)
TITLE_WORDS = regex.compile(
    r"工程师|经理|专员|主管|总监|助理|实习生|实习|顾问|分析师|设计师|开发|架构师|运营|销售|会计|出纳|教师|老师|护士|护师|医生|"
    r"研究员|科学家|负责人|组长|主任|总经理|董事|干部|技术员|文员|店长|代表|客服|翻译|编辑|策划|"
    r"engineer|manager|analyst|designer|developer|intern|director|consultant|lead|specialist|scientist|assistant|officer|associate",
    regex.I,
)


def is_company(text: str) -> bool:
    return find_company(text) is not None


def extract(sections: list[Section]) -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    for sec in sections:
        if sec.key not in ("work", "internship"):
            continue
        for entry in split_entries(sec.lines, is_company):
            item = _entry(entry, internship_section=sec.key == "internship")
            if item:
                out.append(item)
    return out


def _entry(entry: Entry, *, internship_section: bool) -> dict[str, object] | None:
    company = title = department = None
    pieces: list[str] = []
    for text in entry.header_texts:
        lab = header_label(text)
        if lab is not None and not rx(r"(?:19|20)\d{2}").search(lab[0]):
            name, value = lab
            if rx(r"部门\s*/\s*(?:职位|职务|岗位)").fullmatch(name) and "/" in value:
                department, title = (clean_value(v) or None for v in value.split("/", 1))
            elif rx(r"(?:职位|职务|岗位)\s*/\s*部门").fullmatch(name) and "/" in value:
                title, department = (clean_value(v) or None for v in value.split("/", 1))
            elif _DEPT_LABEL.match(name):
                department = clean_value(value) or None
            elif _TITLE_LABEL.match(name):
                title = clean_value(value) or None
            elif _COMPANY_LABEL.match(name):
                company = clean_value(value) or None
            continue
        line_pieces = [clean_value(p) for p, _ in chunks(without_dates(text))]
        # "技术专家 | 交易平台部 | 汇报对象：…": metadata on the title line is not a field
        line_pieces = [p for p in line_pieces if p and not _META_PIECE.match(p)]
        if (
            len(pieces) >= 2
            and department is None
            and line_pieces
            and not any(TITLE_WORDS.search(p) for p in line_pieces)
            and not any(find_company(p) and not _DEPT_WORD.search(p) for p in line_pieces)
            and len(clean_value(without_dates(text))) <= 30
        ) or (
            pieces
            and department is None
            and line_pieces
            and all(_DEPT_WORD.search(p) and not TITLE_WORDS.search(p) for p in line_pieces)
            and not any(find_company(p) for p in line_pieces)
        ):
            # a line under "company · title" that names no role: "大众化妆品部 · 巴黎欧莱雅护肤"
            department = clean_value(without_dates(text))
            continue
        pieces.extend(line_pieces)
    pieces = [
        clean_value(_SALARY.sub("", p)) if _SALARY.fullmatch(p.strip()) else clean_value(p) for p in pieces
    ]
    pieces = [p for p in pieces if p and not _PLACE_PIECE.match(p)]
    at = next((p for p in pieces if _AT.search(p)), None)
    if at is not None and company is None and title is None:
        # "数据工程师@上海领脉网络科技", "Data Engineer @ Leadvisor Technology Inc.": title at company
        left, right = (clean_value(x) for x in _AT.split(at, maxsplit=1))
        title, company = left or None, _tidy_company(right) or None
        pieces.remove(at)
    rest: list[str] = []
    for p in pieces:
        if company is None:
            found = find_company(p)
            if found is not None:
                company = found[0]
                before, after = clean_value(p[: found[1]]), clean_value(p[found[2] :])
                if before and not rx(r"[\d\s.\-/年月~至今]+").fullmatch(before):
                    rest.append(before)
                if after:
                    rest.append(after)
                continue
        rest.append(p)
    if company is None and len(rest) >= 2 and TITLE_WORDS.search(rest[0]) and not TITLE_WORDS.search(rest[1]):
        rest[0], rest[1] = rest[1], rest[0]  # "高级 Android 开发工程师 | 阿里巴巴": the title came first
    if company is None and len(rest) == 1:
        title_first = _TITLE_THEN_COMPANY.match(rest[0])
        if title_first and not TITLE_WORDS.search(title_first.group("company")):
            rest = [
                title_first.group("company"),
                title_first.group("title"),
            ]  # "高级 Android 开发工程师 阿里巴巴"
    if company is None and rest:
        glued = _GLUED_TITLE.match(rest[0])
        if glued and title is None:  # "腾讯实习生": a suffix-less company with the title glued on
            rest[0:1] = [glued.group("company"), glued.group("title")]
    if company is None and rest:
        company = rest.pop(0)
    if company is None:
        return None
    rest = [r for r in rest if not _SALARY.fullmatch(r)]
    intern_mark = False
    if company and _INTERN_BRACKET.search(company):
        company, intern_mark = _INTERN_BRACKET.sub("", company).strip(), True
    if len(rest) == 1 and title is None and department is None:
        m = _DEPT_THEN_TITLE.match(rest[0]) or _TITLE_THEN_DEPT.match(rest[0])
        if m and TITLE_WORDS.search(m.group("title")):
            rest = [m.group("title"), m.group("dept")]
    if (
        len(rest) >= 2
        and department is None
        and _DEPT_WORD.search(rest[-1])
        and not _TITLE_END.search(rest[-1])
    ):
        department = rest.pop()
    if (
        len(rest) >= 2
        and department is None
        and _DEPT_WORD.search(rest[0])
        and not TITLE_WORDS.search(rest[0])
    ):
        department = rest.pop(0)
    if (
        title is not None
        and department is None
        and rest
        and _DEPT_WORD.search(rest[-1])
        and not TITLE_WORDS.search(rest[-1])
    ):
        department = rest.pop()  # "公司    风险管理部 | 2019.07 - 至今" with the title on its own 职位： line
    if title is None and rest:
        title = rest.pop(0)
        if (
            len(rest) >= 1
            and department is None
            and not TITLE_WORDS.search(title)
            and TITLE_WORDS.search(rest[0])
        ):
            department, title = title, rest.pop(0)
    if title and department is None and not rx(r"\p{Han}").search(title) and ", " in title:
        head, tail = (part.strip() for part in title.rsplit(", ", 1))
        if _EN_DEPT.search(tail):  # "Hardware Test Engineer, Consumer Drone Division"
            title, department = head, tail
    if title:
        m = _DEPT_BRACKET.search(title)
        if m and department is None and not _INTERN.search(m.group(1)):
            department = m.group(1).strip()
            title = title[: m.start()].strip()
    item: dict[str, object] = {"company": company, "title": title, "department": department}
    if entry.dates is not None:
        item["start"] = entry.dates.start
        item["end"] = entry.dates.end
    item["internship"] = internship_section or intern_mark or bool(title and _INTERN.search(title))
    item["description"] = description(entry.body)
    return item
