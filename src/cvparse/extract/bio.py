"""Narrative executive bios (annual reports, prospectuses): ``1990年7月至1998年3月，任……``.

One work entry per dated role clause, company and titles split at the organisation suffix;
``本公司`` / ``公司`` is resolved to the company the document names elsewhere. Certificates
named as professional titles in the opening sentence (高级经济师) are picked up too.
"""

from __future__ import annotations

import regex

from ..normalize.dates import find_ranges
from ..normalize.text import clean_value
from ..segment import Section
from .orgs import find_company

_CLAUSE = regex.compile(
    r"(?P<dates>(?:19|20)\d{2}\s*年(?:\s*\d{1,2}\s*月)?(?:\s*(?:至|-|—|~|到)\s*(?:(?:19|20)\d{2}\s*年(?:\s*\d{1,2}\s*月)?|今|至今|现在))?)"
    r"\s*(?P<since>起)?\s*[，,]?\s*(?:先后|开始)?\s*(?:历任|任职于|就职于|担任|出任|任|加入)(?P<rest>[^；;。]+)"
)
_TITLES = regex.compile(r"高级经济师|经济师|高级会计师|会计师|注册会计师|高级工程师|教授级高级工程师|工程师|律师|高级审计师|审计师|副教授|教授")
_SELF = regex.compile(r"^(?:本公司|公司|本行)")


def extract(sections: list[Section], company_hint: str | None = None) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    """(work entries, certificates) from bio sentences in any section."""
    work: list[dict[str, object]] = []
    certs: list[dict[str, object]] = []
    text = "".join(ln.text.strip() for s in sections for ln in s.lines)
    if not regex.search(r"[，,](?:男|女)[，,]", text[:200]) and len(_CLAUSE.findall(text)) < 2:
        return work, certs
    hint = company_hint or _document_company(text)
    for m in _CLAUSE.finditer(text):
        dr = find_ranges(m.group("dates"))
        if not dr:
            continue
        rest = clean_value(m.group("rest"))
        company: str | None
        title: str | None
        if _SELF.match(rest) and hint:
            company, title = hint, clean_value(_SELF.sub("", rest))
        else:
            found = find_company(rest)
            if found is None:
                continue
            company, title = found[0], clean_value(rest[found[2] :]) or None
        start = dr[0].start
        end = dr[0].end if dr[0].is_range else ("present" if m.group("since") else None)
        work.append({"company": company, "title": title, "start": start, "end": end, "internship": False})
    head = text[:300]
    for t in _TITLES.finditer(head.split("。")[0]):
        certs.append({"name": t.group(), "date": None})
        break
    return work, certs


def _document_company(text: str) -> str | None:
    m = regex.search(r"(?:至今|今)[，,]?\s*(?:任|担任)([\p{Han}（）()]{4,40}?(?:股份有限公司|有限公司|集团))", text)
    return m.group(1) if m else None
