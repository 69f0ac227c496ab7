"""Project entries: name, role, dates, description."""

from __future__ import annotations

import regex

from ..normalize.patterns import rx
from ..normalize.skills import find_skills
from ..normalize.text import clean_value
from ..segment import Section
from .entries import (
    LINK_PARENS,
    TITLE_BRACKET,
    Entry,
    description,
    header_label,
    label_of,
    split_entries,
    without_dates,
)
from .kv import chunks

# A role split off a project line by a single space must read like one ("算法开发", "队长"),
# not like the end of the name ("… GIS 系统", "… Plug 开发").
_ROLE_TAIL = regex.compile(
    r"^(?:队长|组长|成员|主持|个人|独立完成)$|^\p{Han}{1,6}(?:开发|负责人|工程师|经理|组长|队长|成员|主持|骨干|架构|研发|负责|担当|参与)$"
)
_SOLO = regex.compile(
    r"^(?:个人项目|个人|独立完成|独立开发|独立项目|solo|personal project|individual)$", regex.I
)
_ROLE_LABEL = regex.compile(
    r"^(?:担任角色|项目角色|本人角色|角色|项目职务|担任职务|职务|role|position|my role)(?:\s*(?:role|position))?$",
    regex.I,
)
# Labels whose text opens with the role before the duties: "我的职责：总负责人，制定…"
_DUTY_LABEL = regex.compile(r"^(?:项目职责|职责|我的职责|本人职责|个人职责|负责内容)$")
_ROLE_WORD = regex.compile(
    r"(?:负责人|经理|工程师|组长|队长|主管|总监|开发|设计|架构师|成员|主持|担当|骨干|PM|owner|lead)$", regex.I
)
_STATUS = regex.compile(r"[（(](?:进行中|在研|已结项|已完成|在建|ongoing|in progress)[）)]", regex.I)
_NAME_LABEL = regex.compile(r"^(?:项目名称|项目|名称|project|name)$", regex.I)


def extract(sections: list[Section]) -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    for sec in sections:
        if sec.key != "projects":
            continue
        for entry in split_entries(sec.lines, lambda text: False):
            if not entry.header:
                out.extend(_listed(entry))
                continue
            item = _entry(entry)
            if item:
                out.append(item)
    return out


# "- TBUIAutoTest: iOS 自动化测试 UI 标签生成器。…": a project list, one bullet per project
_LISTED = regex.compile(
    r"^\s*(?:[-–•·●◆◇■*+]|\d{1,2}[.、)])\s*(?P<name>[^:：。，,]{2,40}?)\s*[:：]\s*(?P<desc>\S.*)$"
)


def _listed(entry: Entry) -> list[dict[str, object]]:
    """Projects written as a bulleted list of "name: description" items, with no entry headers."""
    items: list[dict[str, object]] = []
    for ln in entry.body:
        m = _LISTED.match(LINK_PARENS.sub("", ln.text))
        if m is None:
            if items and not rx(r"^\s*(?:[-–•·●◆◇■*+]|\d{1,2}[.、)])").match(ln.text):
                desc = items[-1]["description"]
                items[-1]["description"] = f"{desc}\n{ln.raw.strip()}" if desc else ln.raw.strip()
            continue
        if not rx(r"[A-Za-z0-9《]").search(m.group("name")):
            continue  # "核心能力：…", "项目概要：…": a label inside the text, not a project's name
        if find_skills(m.group("name"), listed=True):
            continue  # "Spring Boot与Spring Cloud：…": a tech-stack note, not a project
        items.append(
            {
                "name": clean_value(m.group("name")),
                "role": None,
                "start": None,
                "end": None,
                "description": m.group("desc").strip(),
            }
        )
    return items


def _entry(entry: Entry) -> dict[str, object] | None:
    name = role = None
    pieces: list[str] = []
    body = list(entry.body)
    for header_text in entry.header_texts:
        lab = header_label(header_text)
        if lab is not None and not rx(r"(?:19|20)\d{2}").search(lab[0]):
            if _NAME_LABEL.match(lab[0]):
                name = clean_value(lab[1]) or None
            elif _ROLE_LABEL.match(lab[0]):
                role = clean_value(lab[1]) or None
            continue
        text = without_dates(header_text)
        m = TITLE_BRACKET.match(text)
        if m:
            pieces.append(m.group(1).strip())
            text = text[m.end() :]
        if rx(r"[|｜]").search(text):
            # bars separate the fields; a "·" inside a field is part of the name ("Kaggle · Home Credit …")
            pieces.extend(p.strip() for p in rx(r"\s*[|｜]\s*|\s{2,}|\t+").split(text) if p.strip())
        else:
            pieces.extend(p for p, _ in chunks(text))
    # a short "项目职责：销售负责人" / "担任角色：…" line in the body is the role
    for ln in body[:3]:
        lab = label_of(ln.text)
        duty = lab is not None and _DUTY_LABEL.match(lab[0]) is not None
        short_duty = duty and lab is not None and len(lab[1]) <= 12 and not rx(r"[，,。；;]").search(lab[1])
        if lab is not None and duty and not short_duty and role is None:
            head = rx(r"[。；;，,]").split(lab[1], maxsplit=1)[0].strip()
            if 2 <= len(head) <= 8 and _ROLE_WORD.search(head):
                role = head  # "我的职责：总负责人，制定分渠道目标…": the line stays in the description
                break
        opening = rx(r"^\s*担任(?P<role>[^，,。；;]{2,12}?)[。，,；;]").match(ln.text)
        if opening and role is None and _ROLE_WORD.search(opening.group("role")):
            role = opening.group("role")  # "担任算法负责人。覆盖…"
            break
        if lab and (_ROLE_LABEL.match(lab[0]) or short_duty) and role is None:
            if len(lab[1]) <= 20:
                role = clean_value(lab[1])
                body.remove(ln)
                break
            head = rx(r"[。；;，,]").split(lab[1], maxsplit=1)[0]
            if len(head) <= 20:  # "角色：视觉负责人。以…为核心重构…": the role opens a paragraph that stays
                role = clean_value(head)
                break
    pieces = [clean_value(_STATUS.sub("", p)) for p in pieces if clean_value(_STATUS.sub("", p))]
    if len(pieces) == 1 and role is None:
        # "基于多模态特征的防治算法 算法开发": a short role after a single space
        m = rx(r"^(?P<name>.*\p{Han}.*?)\s(?P<role>[\p{Han}/]{2,8})$").match(pieces[0])
        if m and _ROLE_TAIL.search(m.group("role")):
            pieces = [m.group("name").strip(), m.group("role")]
    if name is None and pieces:
        name = pieces.pop(0)
    if name is None:
        return None
    if role is None and pieces and len(pieces[0]) <= 30:
        role = pieces.pop(0)
        while pieces and len(pieces[0]) <= 12 and not rx(r"\d").search(pieces[0]):
            role = f"{role} / {pieces.pop(0)}"
    if role and _SOLO.match(role):
        role = None
    item: dict[str, object] = {"name": name, "role": role}
    if entry.dates is not None:
        item["start"] = entry.dates.start
        # a project dated by one period ("(2022)") started and ended in it
        item["end"] = entry.dates.end if entry.dates.is_range else entry.dates.start
    item["description"] = description(body)
    return item
