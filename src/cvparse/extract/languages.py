"""Spoken and written languages with their levels, as written."""

from __future__ import annotations

import re

import regex

from ..normalize.patterns import rx
from ..normalize.text import REGEX_FOLDS_TO_ASCII, clean_value
from ..segment import Section
from .honors import LANG_TEST, language_of_test

LANG_NAMES = (
    r"英语|日语|韩语|法语|德语|俄语|西班牙语|葡萄牙语|意大利语|阿拉伯语|泰语|越南语|普通话|粤语|闽南语|客家话|上海话|四川话|汉语|中文|国语|"
    r"English|Mandarin|Chinese|Cantonese|Japanese|Korean|French|German|Spanish|Russian|Portuguese|Italian|Arabic"
)
_LANG_START = regex.compile(
    rf"^\s*(?:[-–—•·●◆◇■*]\s*)?(?P<name>{LANG_NAMES})(?:\s*[（(][^）)]*[）)])?\s*(?:[:：\-–—|｜]\s*|\s+|(?=[A-Z\d]))(?P<level>.*)$",
    regex.I,
)
# (every separator starts with a blank or a mark: said first, other positions are skipped cheaply;
# only the language names are matched ignoring case, so that the marks are a plain class test)
_SPLIT = regex.compile(
    r"(?=[\s;；，,、])(?:\s*[;；]\s*|\s*[，,、]\s*(?=(?i:" + LANG_NAMES + r"))|\s{3,}|\t+)"
)


def _may_hold(text: str, words: re.Pattern[str]) -> bool:
    """Whether ``text`` may hold, ignoring case as the ``regex`` module does, one of the lower
    case ``words``: a quick test that stands in for a pattern which cannot match without one.

    ``regex.I`` takes for an ASCII letter that letter in either case or one of
    :data:`REGEX_FOLDS_TO_ASCII`; CJK characters have no case. Without those few characters in
    the line, a match's characters are the word's once lowered (``str.lower`` lowers character by
    character), so the lowered line holds the word, found by one scan in C."""
    return words.search(text.lower()) is not None or _FOLDS_TO_ASCII.search(text) is not None


_FOLDS_TO_ASCII = re.compile(f"[{REGEX_FOLDS_TO_ASCII}]")


# Every match of _BRACKET_LEVEL and _LANG_START holds a language name, and the line holds them.
_ANY_NAME = re.compile(LANG_NAMES.lower())


_PREFIX = regex.compile(
    r"^\s*(?:spoken|languages?|语言能力|语言|第二外语|二外|外语)(?:\s*[:：]\s*|\s+(?=\p{Han}))", regex.I
)
_BRACKET_LEVEL = regex.compile(rf"^\s*(?P<name>{LANG_NAMES})\s*[（(](?P<level>[^）)]+)[）)]\s*$", regex.I)


def parse_line(text: str) -> list[dict[str, str | None]]:
    """``英语 CET-6``, ``Mandarin - native; English - fluent``, ``粤语（流利）、英语（一般）``."""
    out: list[dict[str, str | None]] = []
    if not _may_hold(text, _ANY_NAME):
        return out  # most lines name no language
    prefix = _PREFIX.match(text)
    for part in _SPLIT.split(text[prefix.end() :] if prefix else text):
        b = _BRACKET_LEVEL.match(part)
        if b:
            out.append({"name": b.group("name"), "level": clean_value(b.group("level")) or None})
            continue
        m = _LANG_START.match(part)
        if not m:
            continue
        level = clean_value(m.group("level")) or None
        out.append({"name": m.group("name"), "level": level})
    return out


# A language test stated in prose ("通过了 CET4/6 英语等级考试", "英语六级，能阅读英文手册").
_PROSE_TEST = regex.compile(
    r"(?=[\s英日ECT四六八雅I托J])"  # what a match can start with (case aside): other positions are skipped
    r"(?P<lang>英语|日语|English)?\s*(?P<level>CET\s*-?\s*[46](?:\s*/\s*[46])?|(?<=英语)[四六八]{1,2}级|TEM\s*-?\s*[48]|"
    r"(?:雅思|IELTS)\s*\d(?:\.\d)?|(?:托福|TOEFL)\s*\d{2,3}|JLPT\s*N[1-5])",
    regex.I,
)


_PROSE_GRADE = regex.compile(r"英语[^。；;\n]{0,16}?(?P<level>[四六八]级)")
# What a match of either pattern holds: a test's name (CET, TEM, IELTS/雅思, TOEFL/托福, JLPT) or
# 英语 (before a grade, or as the prose grade's start).
_PROSE_WORDS = re.compile("cet|tem|ielts|雅思|toefl|托福|jlpt|英语")


def _in_running_text(sections: list[Section]) -> list[dict[str, str | None]]:
    for sec in sections:
        if sec.key in ("certificates", "awards_certs", "projects", "work", "internship"):
            continue  # certificates are read as such; a project's text is not about the candidate
        for ln in sec.lines:
            if not _may_hold(ln.text, _PROSE_WORDS):
                continue  # most lines name no test
            m = _PROSE_TEST.search(ln.text)
            if m:
                name = m.group("lang") or language_of_test(m.group("level"))
                return [{"name": name, "level": m.group("level")}]
            near = _PROSE_GRADE.search(ln.text)
            if near:  # "可以使用英语进行工作交流（六级成绩 …）"
                return [{"name": "英语", "level": near.group("level")}]
    return []


def extract(sections: list[Section]) -> list[dict[str, str | None]]:
    out: list[dict[str, str | None]] = []
    for sec in sections:
        if sec.key == "languages":
            for ln in sec.lines:
                found = parse_line(ln.text)
                if not found:
                    test = LANG_TEST.search(ln.text)
                    if test:
                        found = [
                            {"name": language_of_test(test.group("test")), "level": clean_value(ln.text)}
                        ]
                out.extend(found)
        elif sec.key in ("skills", "other", "header", "basic"):
            for ln in sec.lines:
                for item in parse_line(ln.text):
                    level = item["level"] or ""
                    # inside a skills list only a line that states a level or test is a language
                    if LANG_TEST.search(level) or rx(
                        r"流利|熟练|精通|良好|母语|native|fluent|一般|基础|读写|听说|口语", regex.I
                    ).search(level):
                        out.append(item)
    if not out:
        out.extend(_in_running_text(sections))
    seen: set[str] = set()
    unique = []
    for item in out:
        key = (item["name"] or "").lower()
        if key not in seen:
            seen.add(key)
            unique.append(item)
    return unique
