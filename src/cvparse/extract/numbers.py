"""Counting words: years of experience from ``10年``, ``十一年``, ``6+ years``, ``十年以上``."""

from __future__ import annotations

import regex

from ..normalize.patterns import rx

_CN_DIGITS = {
    "零": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}


def cn_number(text: str) -> int | None:
    """``十一`` → 11, ``二十`` → 20, ``九`` → 9, ``12`` → 12."""
    t = text.strip()
    if t.isdigit():
        return int(t)
    if not t or any(c not in _CN_DIGITS and c != "十" for c in t):
        return None
    if "十" in t:
        tens, _, ones = t.partition("十")
        return (_CN_DIGITS.get(tens, 1) if tens else 1) * 10 + (_CN_DIGITS.get(ones, 0) if ones else 0)
    return _CN_DIGITS.get(t)


_NUM = r"(\d{1,2}(?:\.\d)?|[一二两三四五六七八九十]{1,3})"
_YOE = regex.compile(
    rf"""
    (?=[\d一二两三四五六七八九十工从执])  # what every spelling starts with: other positions are skipped cheaply
    (?:{_NUM}\s*\+?\s*年(?:以上|多|余)?(?:的)?\s*(?:[\p{{Han}}A-Za-z/ ]{{0,14}}?)?(?:工作|从业|从教|行业|相关|管理|开发|销售|运营|财务|教学|临床|设计|项目|经验)*经验
      | (?:工作|从业|从教|执教)\s*{_NUM}\s*\+?\s*年
      | {_NUM}\s*\+?\s*years?['’]?(?:\s+of)?(?:\s+[A-Za-z\-]+){{0,4}}?\s+experience
      | (?:从事|从业)[\p{{Han}}]{{0,10}}?{_NUM}\s*年
    )
    """,
    regex.X | regex.I,
)


def years_of_experience(text: str, *, labelled: bool) -> int | float | None:
    """Stated years of work experience; a labelled value (``工作年限：8年``) may be a bare number."""
    if labelled:
        m = rx(rf"\s*{_NUM}\s*\+?\s*(?:年|years?)?").match(text)
        if m:
            return _num(m.group(1))
    if not _may_state_years(text):
        return None
    m = _YOE.search(text)
    if not m:
        return None
    raw = next(g for g in m.groups() if g)
    return _num(raw)


def _may_state_years(text: str) -> bool:
    """Whether ``text`` holds a word every spelling of :data:`_YOE` needs: 年, or "year" in any
    case (only the ASCII letters fold to y, e, a and r when case is ignored, so lowering the text
    finds every "year" the pattern would). Phone numbers and most lines hold neither, and the
    pattern, which tries its four spellings at each of their digits, is not run on them."""
    return "年" in text or "year" in text.lower()


def _num(raw: str) -> int | float | None:
    if rx(r"\d+\.\d").fullmatch(raw):
        v = float(raw)
        return int(v) if v.is_integer() else v
    return cn_number(raw)
