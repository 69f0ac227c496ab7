"""Organisation names: schools and employers, found by their suffixes.

Chinese organisation names end in a small set of words (大学, 学院, 有限公司, 集团, 银行, 医院,
研究院 ...); English ones carry University/College or Co., Ltd./Inc./Group. A bracket after
the name stays when it is part of how the organisation is written (``（苏州）有限公司``,
``（小红书）``, ``（自学考试）``) and goes when it is a listing note or a duration
(``（A+H股上市）``, ``（5年8个月）``) or a Latin alias of a Chinese name (``（UESTC）``).
"""

from __future__ import annotations

import re

import regex

from ..memo import per_document
from ..normalize.patterns import rx
from ..normalize.text import REGEX_FOLDS_TO_ASCII, fold_cjk

SCHOOL_SUFFIX = r"(?:大学|学院|学校|中学|高中|一中|二中|附中|职业技术学院|职业学院|党校|研究生院|科学院|研究院|研究所|分校|校区|University|College|Institute(?: of [A-Z][a-z]+)*|School|Academy|Polytechnic)"
COMPANY_SUFFIX = (
    r"(?:股份有限公司|有限责任公司|有限公司|集团公司|集团|公司|分公司|银行|分行|支行|研究院|研究所|设计院|医院|卫生院|"
    r"诊所|事务所|工作室|中心|委员会|管理局|局|厅|大学|学院|学校|中学|小学|幼儿园|商厦|商场|超市|酒店|电视台|报社|出版社|基金会|协会|学会|商会|联合会|"
    r"门店|厂|社)"
)
# The most characters the name patterns take before their suffix word; the searches below
# start this far before the first suffix word (see _ORG_GREEDY_REACH).
_SCHOOL_REACH = 30
_ORG_REACH = 40
_CN_ORG = regex.compile(
    rf"(?P<org>[\p{{Han}}A-Za-z0-9（）()·&\-]{{2,{_ORG_REACH}}}?{COMPANY_SUFFIX}(?:[（(][^）)]{{1,20}}[）)])*)"
)
_STRONG_SUFFIX = r"(?:股份有限公司|有限责任公司|有限公司|集团公司|集团|公司|分公司|银行|分行|支行|研究院|研究所|设计院|医院|事务所|附属中学|附属小学|中学|小学)"
_CN_ORG_GREEDY = regex.compile(
    rf"(?P<org>[\p{{Han}}A-Za-z0-9（）()·&\-]{{2,{_ORG_REACH}}}{_STRONG_SUFFIX}(?:[（(][^）)]{{1,20}}[）)])*)"
)
_CN_SCHOOL = regex.compile(
    rf"(?P<org>[\p{{Han}}A-Za-z0-9（）()·\-]{{1,{_SCHOOL_REACH}}}?{SCHOOL_SUFFIX}(?:[（(][^）)]{{1,20}}[）)])*)"
)
# The name patterns above try up to 40 characters before a suffix at every position; a text
# holding no suffix word at all (most lines) is ruled out with one cheap search first. Where
# there is one, a name ends at it or at a later suffix, so no name starts more than the name
# patterns' reach before the first: they are searched from there (see _ORG_REACH).
_ANY_SCHOOL_SUFFIX = regex.compile(SCHOOL_SUFFIX)
_ANY_COMPANY_SUFFIX = regex.compile(COMPANY_SUFFIX)  # the strong suffixes end in one of these too
# _CN_ORG_GREEDY's strong suffix holds a company suffix at its start or, for 附属中学 /
# 附属小学, 2 characters in: its name can start 2 characters further before the first one.
_ORG_GREEDY_REACH = _ORG_REACH + 2
_EN_COMPANY = regex.compile(
    r"\b(?:Co\.?,?\s*Ltd\.?|Ltd\.?|Inc\.?|LLC|LLP|L\.L\.C\.|Corp\.?|Corporation|Group|Bank|Technologies|Technology|"
    r"Limited|GmbH|S\.A\.|PLC|Partners|Consulting|Capital|Securities|Labs?)\b",
    regex.I,
)
_BRANCH = regex.compile(
    r"[\p{Han}]{0,8}?(?:分行|支行|分公司|子公司|分院|分所|分校|营业部|信用卡中心|研发中心|数据中心|研究中心)|第?[一二三四五六七八九十\d]{0,3}附属(?:中学|小学|医院|学校)|附中|附小"
)
_LEGAL_FORM = regex.compile(r"(?:有限公司|有限责任公司|股份公司)(?:[（(][^）)]{1,20}[）)])*$")


def _ends_in_legal_form(org: str) -> bool:
    return "公司" in org and _LEGAL_FORM.search(org) is not None  # (each legal form holds 公司)


# Each word _EN_COMPANY knows holds a letter, which ignoring case is an ASCII one or İ, ſ or the
# Kelvin sign: a text with none of these (a Chinese line) names no Latin company.
_LATIN_LETTER = re.compile(f"[A-Za-z{REGEX_FOLDS_TO_ASCII}]")


def _unbalanced(text: str) -> bool:
    return text.count("（") + text.count("(") > text.count("）") + text.count(")")


_FULL_SUFFIX = regex.compile(
    r"(?:有限公司|有限责任公司|集团|公司|银行|分行|支行|大学|学院|医院|研究院|研究所|事务所|中学|小学|学校)$"
)
_LEAD_NOISE = regex.compile(
    r".*(?:毕业于|就读于|考入|求学于|学习于|任职于|就职于|供职于|\d|年|月|日|在|于|获)"
)
_EN_SCHOOL = regex.compile(r"\b(?:University|College|Institute|School|Academy|Polytechnic)\b", regex.I)
_DROP_BRACKET = regex.compile(
    r"[（(]\s*(?:[A-Za-z .&\-]+|[^）)]*(?:统招|全日制|非全日制|在职|本科|硕士|博士|研究生|保研)[^）)]*|[^）)]*(?:上市|年|个月|月|人|规模|A股|H股|港股|美股|纳斯达克|NASDAQ|NYSE|世界500强|500强)[^）)]*)\s*[）)]$"
)


def _tidy(org: str) -> str:
    org = org.strip(" ·-|｜,，")
    while ")" in org or "）" in org:  # _DROP_BRACKET drops a bracket up to its closing one
        new = _DROP_BRACKET.sub("", org).strip()
        if new == org:
            return org
        org = new
    return org


def _lead_trim(text: str, start: int, end: int) -> int:
    """Move ``start`` past a verb or date glued before the name ("1994年7月毕业于中山大学")."""
    if _LEAD_NOISE_CHAR.search(text, start, end) is None:
        return start  # (most names hold none of the noise words: the pattern backtracks over each)
    m = _LEAD_NOISE.match(text, start, end)
    return m.end() if m and m.end() < end - 1 else start


# A character each alternative of _LEAD_NOISE holds (于 of the verbs, 入 of 考入, a digit as the
# regex module reads \d, 年, 月, 日, 在, 获).
_LEAD_NOISE_CHAR = regex.compile(r"[\d于入年月日在获]")


def _as_written(text: str, folded: str, found: tuple[str, int, int] | None) -> tuple[str, int, int] | None:
    """Map a name found in the folded (simplified) text back to the text as written."""
    if found is None or folded is text:
        return found
    name, start, end = found
    offset = folded.find(name, start, end)
    if offset < 0:
        return found
    return text[offset : offset + len(name)], start, end


@per_document
def find_school(text: str) -> tuple[str, int, int] | None:
    """The school named in ``text`` (国立政治大学 and 國立政治大學 alike), as written."""
    folded = fold_cjk(text)
    return _as_written(text, folded, _find_school(folded))


@per_document  # the work extractor and grounding ask about the same lines
def find_company(text: str) -> tuple[str, int, int] | None:
    """The employer named in ``text``, as written."""
    folded = fold_cjk(text)
    return _as_written(text, folded, _find_company(folded))


def _find_school(text: str) -> tuple[str, int, int] | None:
    suffix = _ANY_SCHOOL_SUFFIX.search(text) if rx(r"\p{Han}").search(text) else None
    if suffix:
        m = _CN_SCHOOL.search(text, max(0, suffix.start() - _SCHOOL_REACH))
        if m:
            start, end = _lead_trim(text, m.start("org"), m.end("org")), m.end("org")
            ext = _BRANCH.match(text, end)
            if ext:
                end = ext.end()
            return _tidy(text[start:end]), start, end
    m = _EN_SCHOOL.search(text)
    if m:
        return _latin_span(text, m.start(), m.end())
    return None


def _find_company(text: str) -> tuple[str, int, int] | None:
    m = _EN_COMPANY.search(text) if _LATIN_LETTER.search(text) else None
    if m and not rx(r"\p{Han}").search(text[: m.start()]):
        return _latin_span(text, m.start(), m.end())
    if rx(r"\p{Han}").search(text):
        suffix = _ANY_COMPANY_SUFFIX.search(text)
        if not suffix:
            return None
        lazy = _CN_ORG.search(text, max(0, suffix.start() - _ORG_REACH))
        greedy = _CN_ORG_GREEDY.search(text, max(0, suffix.start() - _ORG_GREEDY_REACH))
        if lazy is None and greedy is None:
            return None
        start = (lazy or greedy).start("org")  # type: ignore[union-attr]
        end = lazy.end("org") if lazy else 0
        # a branch written after the parent ("中国工商银行浙江省分行", "…公司北京分公司") is part of the name
        ext = _BRANCH.match(text, end) if lazy else None
        if ext:
            end = ext.end()
        # the shortest name ending in a full suffix wins ("…湖北省分行" in "…分行公司业务部"); a weak
        # suffix (商厦, 中心) yields to a longer full name ("北京华联商厦股份有限公司")
        if (
            greedy is not None
            and (
                lazy is None
                or not _FULL_SUFFIX.search(text[start:end])
                or _ends_in_legal_form(greedy.group("org"))  # "成都银行" + "股份有限公司"
                or _unbalanced(text[start:end])  # "…物业（集团" stopped inside a bracket
            )
        ):
            end = max(end, greedy.end("org"))
        start = _lead_trim(text, start, end)
        return _tidy(text[start:end]), start, end
    return None


def _latin_span(text: str, start: int, end: int) -> tuple[str, int, int]:
    """Extend a Latin keyword hit to the whole name chunk around it (bounded by separators)."""
    left = start
    while (
        left > 0
        and text[left - 1] not in "|｜,，;；\t·•—–（）"
        and not (text[left - 1] == " " and left >= 2 and text[left - 2] == " ")
    ):
        left -= 1
    right = end
    while (
        right < len(text)
        and text[right] not in "|｜;；\t·•—–"
        and not (text[right] == " " and right + 1 < len(text) and text[right + 1] == " ")
    ):
        if text[right] == "," and not rx(r",\s*(?:Ltd|Inc|LLC|Co)", regex.I).match(text[right:]):
            break
        right += 1
    raw = text[left:right]
    name = raw.strip(" ,")
    start = left + (len(raw) - len(raw.lstrip(" ,")))
    return name, start, start + len(name)
