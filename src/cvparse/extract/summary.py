"""The self-description section (个人优势 / 自我评价 / Summary ...) as plain text."""

from __future__ import annotations

from ..segment import Section
from .entries import description


def extract(sections: list[Section]) -> str | None:
    for sec in sections:
        if sec.key == "summary":
            text = description(sec.lines)
            if text:
                return text
    return None
