"""The entry splitter's and the organisation finder's shortcuts answer as their patterns do.

Label vocabularies are sets looked up instead of ``^(?:…)$`` patterns; a line's first
character rules out the ■ mark and the bullet patterns; a few patterns run only on a text
holding a character they need; the Chinese organisation patterns are searched from the reach
of a name before the first suffix word. Each test compares a shortcut with the pattern (or the
code) it stands in for.
"""

from __future__ import annotations

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from cvparse.extract import entries, orgs
from cvparse.extract.entries import (
    _EMPLOYER_META,
    _YEAR,
    BULLET,
    HEAVY_MARK,
    SENTENCE,
    Vocabulary,
    _employer_meta,
    _holds_year,
    _may_open_bullet,
    _sentence,
    _without_heavy_mark,
    is_bullet,
)

_EVERY_CHAR = "".join(chr(cp) for cp in range(0x110000) if not 0xD800 <= cp <= 0xDFFF)

# The patterns the vocabularies replaced, as they were written.
_OLD = {
    "HEADER_LABELS": regex.compile(
        r"^(?:部门|所在部门|职位|职务|岗位|担任职位|担任角色|角色|项目角色|本人角色|公司|公司名称|单位|学校|院校|专业|学历|学位|"
        r"时间|起止时间|在校时间|工作时间|在职时间|任职时间|就读时间|时间段|项目时间|项目周期|项目名称|项目|名称|担任职务|项目职务|"
        r"部门/职位|职位/部门|职位名称|所在部门|任职部门|学校名称|毕业院校|所学专业|"
        r"担任岗位|工作单位|所在单位|title|role|position|department|company|school|major|degree|"
        r"duration|dates?|period)$",
        regex.I,
    ),
    "OPENING_LABELS": regex.compile(
        r"^(?:项目名称|公司名称|公司|工作单位|单位|学校|学校名称|院校|毕业院校|company|project|school)$",
        regex.I,
    ),
    "INTRO_LABELS": regex.compile(
        r"^(?:内容|工作描述|工作内容|工作职责|主要职责|岗位职责|职责描述|职责|主要工作|具体工作|工作概述|主要内容|"
        r"responsibilities|description|duties|key responsibilities)$",
        regex.I,
    ),
    "BODY_LABELS": regex.compile(
        r"^(?:项目描述|项目简介|项目介绍|项目背景|责任描述|项目职责|项目业绩|项目成果|工作业绩|主要业绩)$"
    ),
    "META_LABELS": regex.compile(
        r"^(?:公司性质|公司规模|所属行业|公司行业|企业性质|企业规模|公司简介|公司介绍|公司描述|行业|薪资|薪酬|月薪|年薪|税前月薪|"
        r"离职时薪资|汇报薪资|工作地点|subordinates_none)$"
    ),
}


def _variants(word: str) -> list[str]:
    folds = word.replace("s", "ſ").replace("k", "\u212a").replace("i", "\u0130")
    return [
        word,
        word.upper(),
        word.title(),
        word + "\n",
        word + "\n\n",
        " " + word,
        word[:-1],
        word + "s",
        folds,
    ]


def test_each_vocabulary_holds_what_its_pattern_matched() -> None:
    for name, old in _OLD.items():
        vocabulary = getattr(entries, name)
        assert isinstance(vocabulary, Vocabulary)
        words = regex.sub(r"dates\?", "date|dates", old.pattern[4:-2]).split("|")
        for word in words:
            for text in _variants(word):
                assert (text in vocabulary) == (old.match(text) is not None), (name, text)


def test_only_the_three_known_characters_lower_to_an_ascii_letter() -> None:
    """What the vocabularies' lowering rests on (İ lowers to i and a combining dot)."""
    odd = [c for c in _EVERY_CHAR if not c.isascii() and any(x.isascii() and x.isalpha() for x in c.lower())]
    assert odd == ["\u0130", "\u212a"]
    assert sorted(regex.findall(r"(?i)[a-z]", _EVERY_CHAR)) == sorted(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ\u0130\u017f\u212a"
    )


_LABEL_BITS = st.sampled_from(
    ["职位", "部门", "/", "Title", "ROLE", "ſchool", "\u212aey", "date", "s", " ", "\n", "项目"]
)


@settings(max_examples=500, deadline=None)
@given(st.lists(_LABEL_BITS, max_size=5).map("".join))
def test_vocabularies_answer_as_the_patterns_did(text: str) -> None:
    for name, old in _OLD.items():
        assert (text in getattr(entries, name)) == (old.match(text) is not None)


def test_every_character_that_may_open_a_bullet_is_let_through() -> None:
    """A digit as the regex module reads \\d, a glyph or a bracket: each passes the quick look."""
    digits = regex.findall(r"\d", _EVERY_CHAR)
    assert len(digits) > 500
    assert [c for c in digits if not _may_open_bullet(c)] == []
    openers = [
        c
        for c in _EVERY_CHAR
        if not c.isspace() and (BULLET.match(c + " ") or BULLET.match(c + "1)") or BULLET.match(c + "1."))
    ]
    assert [c for c in openers if not _may_open_bullet(c)] == []
    assert not _may_open_bullet("")


_LINE_BITS = [
    *" \t\x1c\u3000\xa0",
    "■",
    "◆",
    "-",
    "•",
    "1.",
    "12、",
    "(3)",
    "（4）",
    "٣)",
    "１.",
    "公司",
    "Engineer",
    "2019",
    "，",
    ",",
    "。",
    ". A",
    "Ltd. B",
    "公司性质：",
    "所属行业:",
    "19",
    "20",
    "【",
    "\n",
]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(_LINE_BITS), max_size=10).map("".join))
def test_quick_looks_answer_as_the_patterns(text: str) -> None:
    assert is_bullet(text) == bool(BULLET.match(text))
    assert _without_heavy_mark(text) == HEAVY_MARK.sub("", text, count=1)
    assert _sentence(text) == bool(SENTENCE.search(text))
    assert _holds_year(text) == bool(_YEAR.search(text))
    assert _employer_meta(text) == bool(_EMPLOYER_META.search(text))


# --- organisations ---------------------------------------------------------------------------


def _old_find_company(text: str) -> tuple[str, int, int] | None:
    """orgs._find_company before the shortcuts (its patterns searched from the start)."""
    han = regex.compile(r"\p{Han}")
    m = orgs._EN_COMPANY.search(text)
    if m and not han.search(text[: m.start()]):
        return orgs._latin_span(text, m.start(), m.end())
    if han.search(text):
        if not orgs._ANY_COMPANY_SUFFIX.search(text):
            return None
        lazy = orgs._CN_ORG.search(text)
        greedy = orgs._CN_ORG_GREEDY.search(text)
        if lazy is None and greedy is None:
            return None
        start = (lazy or greedy).start("org")  # type: ignore[union-attr]
        end = lazy.end("org") if lazy else 0
        ext = orgs._BRANCH.match(text, end) if lazy else None
        if ext:
            end = ext.end()
        if greedy is not None and (
            lazy is None
            or not orgs._FULL_SUFFIX.search(text[start:end])
            or orgs._LEGAL_FORM.search(greedy.group("org"))
            or orgs._unbalanced(text[start:end])
        ):
            end = max(end, greedy.end("org"))
        start = _old_lead_trim(text, start, end)
        return _old_tidy(text[start:end]), start, end
    return None


def _old_find_school(text: str) -> tuple[str, int, int] | None:
    if regex.search(r"\p{Han}", text) and orgs._ANY_SCHOOL_SUFFIX.search(text):
        m = orgs._CN_SCHOOL.search(text)
        if m:
            start, end = _old_lead_trim(text, m.start("org"), m.end("org")), m.end("org")
            ext = orgs._BRANCH.match(text, end)
            if ext:
                end = ext.end()
            return _old_tidy(text[start:end]), start, end
    m = orgs._EN_SCHOOL.search(text)
    if m:
        return orgs._latin_span(text, m.start(), m.end())
    return None


def _old_lead_trim(text: str, start: int, end: int) -> int:
    m = orgs._LEAD_NOISE.match(text, start, end)
    return m.end() if m and m.end() < end - 1 else start


def _old_tidy(org: str) -> str:
    org = org.strip(" ·-|｜,，")
    while True:
        new = orgs._DROP_BRACKET.sub("", org).strip()
        if new == org:
            return org
        org = new


_ORG_BITS = [
    "北京",
    "华联",
    "商厦",
    "股份有限公司",
    "有限公司",
    "公司",
    "集团",
    "附属中学",
    "中学",
    "大学",
    "学院",
    "分行",
    "银行",
    "（苏州）",
    "(上海)",
    "（A+H股上市）",
    "1994年7月",
    "毕业于",
    "就职于",
    "考入",
    "在",
    "٣",
    "示例示例示例示例示例示例示例示例示例示例",
    " ",
    "  ",
    "|",
    "·",
    "-",
    "Co., Ltd.",
    "Inc",
    "Group",
    "ſecurities",
    "University",
    "Engineer",
]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(_ORG_BITS), max_size=9).map("".join))
def test_organisations_found_as_before(text: str) -> None:
    assert orgs._find_company(text) == _old_find_company(text)
    assert orgs._find_school(text) == _old_find_school(text)
