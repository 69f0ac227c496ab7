"""Technical skills: from skills sections and explicit tech-stack lines only (the contract's scope).

A skills section mixes lists (``数据库：MySQL、Redis``) and sentences (``熟练使用 vue3 和
react``); lists admit unknown technology names, sentences only vocabulary hits. Tech-stack
lines (``技术栈：``, ``使用技术:``, ``Tech:``) anywhere in the résumé are lists.
"""

from __future__ import annotations

import regex

from ..normalize.patterns import rx
from ..normalize.skills import find_skills
from ..segment import Section
from .languages import parse_line as language_line

STACK_LINE = regex.compile(
    r"^\s*(?:[-•·●◆◇■*]\s*)?(?:技术栈|使用技术|技术选型|涉及技术|开发技术|相关技术|主要技术|技术|开发环境|开发工具|环境|工具|"
    r"tech(?:nologies|nology| stack)?|stack|tools|built with)\s*[:：]\s*(?P<items>.+)$",
    regex.I,
)
_URL = regex.compile(r"(?:https?://|www\.)\S+|\b[\w.-]+\.(?:com|cn|net|org|io)(?:/\S*)?", regex.I)
_LIST_SEP = regex.compile(r"[、,，/／;；|｜]|\s{2,}|\band\b|和|及|与")
_SENTENCE_WORDS = regex.compile(
    r"熟悉|熟练|掌握|精通|了解|会用|能够|使用|具备|擅长|proficient|familiar|experience", regex.I
)


def _is_list(text: str) -> bool:
    """A line is a list when separators outnumber sentence words."""
    body = text.split("：", 1)[-1].split(":", 1)[-1]
    seps = len(_LIST_SEP.findall(body))
    return (seps >= 1 and not _SENTENCE_WORDS.search(body)) or bool(rx(r"^\s*[^：:]{1,14}[:：]").match(text))


_SKILL_SENTENCE = regex.compile(
    r"熟练使用|熟练掌握|熟悉|掌握|精通|会用|了解|能够使用|proficient|familiar", regex.I
)


def _continues_skill(sec: Section, ln: object) -> bool:
    """A PDF-wrapped continuation of a skill sentence ("…会用 ANSYS" / "Workbench 做静力学分析")."""
    lines = sec.lines
    i = next((k for k, x in enumerate(lines) if x is ln), -1)
    return (
        i > 0
        and bool(_SKILL_SENTENCE.search(lines[i - 1].text))
        and not rx(r"[。；;]\s*$").search(lines[i - 1].text)
    )


def extract(sections: list[Section]) -> list[str]:
    out: dict[str, None] = {}
    for sec in sections:
        if sec.key == "skills":
            for ln in sec.lines:
                if language_line(ln.text):
                    continue
                if rx(r"^\s*(?:protocols?|协议|通信协议|concepts?|方法)\s*[:：]", regex.I).match(ln.text):
                    continue
                # (every link holds a "." or "://": most lines are left without trying the pattern)
                text = _URL.sub(" ", ln.text) if "." in ln.text or "://" in ln.text else ln.text
                listed = _is_list(text)
                for hit in find_skills(text, listed=listed):
                    out.setdefault(hit.name, None)
        elif sec.key in ("certificates", "awards_certs"):
            # "技能证书" sections mix certificates with skill sentences ("熟练使用 SolidWorks、AutoCAD")
            text = " ".join(
                ln.text for ln in sec.lines if _SKILL_SENTENCE.search(ln.text) or _continues_skill(sec, ln)
            )
            for hit in find_skills(text):
                out.setdefault(hit.name, None)
        elif sec.key not in ("header", "basic"):
            for ln in sec.lines:
                text = ln.text
                m = STACK_LINE.match(text) if ":" in text or "：" in text else None  # a label's colon
                if m:
                    for hit in find_skills(m.group("items"), listed=True):
                        out.setdefault(hit.name, None)
    return list(out)
