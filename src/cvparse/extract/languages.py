"""Spoken and written languages with their levels, as written."""

from __future__ import annotations

import regex

from ..normalize.patterns import rx
from ..normalize.text import clean_value
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


_PREFIX = regex.compile(
    r"^\s*(?:spoken|languages?|语言能力|语言|第二外语|二外|外语)(?:\s*[:：]\s*|\s+(?=\p{Han}))", regex.I
)
_BRACKET_LEVEL = regex.compile(rf"^\s*(?P<name>{LANG_NAMES})\s*[（(](?P<level>[^）)]+)[）)]\s*$", regex.I)


def parse_line(text: str) -> list[dict[str, str | None]]:
    """``英语 CET-6``, ``Mandarin - native; English - fluent``, ``粤语（流利）、英语（一般）``."""
    out: list[dict[str, str | None]] = []
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


def _in_running_text(sections: list[Section]) -> list[dict[str, str | None]]:
    for sec in sections:
        if sec.key in ("certificates", "awards_certs", "projects", "work", "internship"):
            continue  # certificates are read as such; a project's text is not about the candidate
        for ln in sec.lines:
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
