"""Grounding's shortcuts keep and drop what the full search keeps and drops.

``parse`` grounds without evidence, asking only whether each value is written: dates are then
looked up in the date reader's ranges alone, and the open-end words are searched for with a
class of their first characters up front. These tests hold the claims those shortcuts rest on.
"""

from __future__ import annotations

import random
import re
from pathlib import Path
from typing import Any

import pytest

import cvparse
from corpus import DEV, documents
from cvparse import pipeline
from cvparse.evidence import _OPEN_END, _OPEN_END_LEAD, Grounded, _roles, _tokens
from cvparse.evidence import ground as real_ground
from cvparse.normalize.dates import PRESENT, find_ranges
from cvparse.normalize.text import halfwidth

_EVERY_CHAR = "".join(chr(cp) for cp in range(0x110000) if not 0xD800 <= cp <= 0xDFFF)
_WORDS = [*PRESENT[3:-1].split("|"), "起", "以来", "since"]


def test_every_open_end_word_starts_with_a_lead_character() -> None:
    """Every character an open-end word's first letter matches (case ignored) is in the lead class."""
    lead = re.compile(_OPEN_END_LEAD, re.I)
    assert "至今" in _WORDS and "since" in _WORDS
    for word in _WORDS:
        firsts = re.compile(re.escape(word[0]), re.I).findall(_EVERY_CHAR)
        assert firsts and [c for c in firsts if not lead.match(c)] == [], word


def test_the_open_end_search_finds_what_the_words_alone_find() -> None:
    plain = re.compile(PRESENT + r"|起|以来|since", re.I)
    rng = random.Random(11)
    pieces = [*_WORDS, "PRESENT", "Now", "ſince", "İ", "K", "ı", "至", "以", "今天", " ", "\n", "a", "2019"]
    texts = ["".join(rng.choices(pieces, k=rng.randint(0, 8))) for _ in range(5000)]
    texts += [p.read_text(encoding="utf-8", errors="replace") for p in _texts()]
    for text in texts:
        assert [m.span() for m in _OPEN_END.finditer(text)] == [m.span() for m in plain.finditer(text)]


def _texts() -> list[Path]:
    if not DEV.is_dir():
        pytest.skip("the shared corpus is not available")
    return [p for p in documents() if p.suffix in (".txt", ".md")]


def test_the_roles_of_a_range_are_those_of_its_tokens() -> None:
    lines = [
        "2019.09-2023.06 示例大学",
        "2020年3月 至今 某公司",
        "Sep 2019 - Present",
        "2018/9 ~ 2019/7, 2021.01",
        "19.09-20.06",
        "2020-01-01",
        "2017 - 2019 2015",
    ]
    lines += [
        halfwidth(ln) for p in _texts() for ln in p.read_text(encoding="utf-8", errors="replace").split("\n")
    ]
    for line in lines:
        ranges = find_ranges(line)
        assert [(v, role) for v, role, _, _ in _tokens(line, ranges)] == [
            vr for r in ranges for vr in _roles(r)
        ]


def _both(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Grounded, Grounded]]:
    both: list[tuple[Grounded, Grounded]] = []

    def ground_both(doc: Any, sections: Any, data: dict[str, Any], *, evidence: bool = True) -> Any:
        full = real_ground(doc, sections, data)
        bare = real_ground(doc, sections, data, evidence=False)
        both.append((full, bare))
        return full if evidence else bare

    monkeypatch.setattr(pipeline, "ground", ground_both)
    return both


def test_grounding_without_evidence_keeps_what_grounding_with_it_keeps(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """On every text résumé of the corpus, and with dates moved so that some are no longer
    written, or written in another role: the same values kept, the same dropped."""
    both = _both(monkeypatch)
    real_extract = pipeline.extract_all
    shift: dict[str, int] = {"by": 0}

    def moved(doc: Any, sections: Any) -> dict[str, Any]:
        data = real_extract(doc, sections)
        for name in ("education", "work", "projects", "awards", "certificates"):
            for n, item in enumerate(data.get(name) or []):
                for key in ("start", "end", "date"):
                    value = item.get(key)
                    if isinstance(value, str) and value[:4].isdigit() and (n + shift["by"]) % 3 == 0:
                        item[key] = f"{int(value[:4]) + 1}{value[4:]}"
                    elif isinstance(value, str) and (n + shift["by"]) % 3 == 1 and key == "start":
                        item[key] = item.get("end") or value  # an end looked for as a start
        return data

    monkeypatch.setattr(pipeline, "extract_all", moved)
    for shift["by"] in (0, 1, 2):
        for path in _texts():
            try:
                cvparse.parse(path)
            except cvparse.CvparseError:
                continue
    assert len(both) >= 3 * 10
    assert any(full.dropped for full, _ in both)
    for full, bare in both:
        assert bare.data == full.data and bare.dropped == full.dropped and not bare.evidence


def _long_span_as_before(idx: Any, value: str, after: int) -> Any:
    """``_Index.long_span`` as it was: every line of the value made half-width."""
    parts = [p.strip() for p in halfwidth(value).split("\n") if p.strip()]
    if not parts:
        return None
    first = idx._find_from(parts[0], after) or idx._find_from(parts[0], 0)
    if first is None:
        return None
    last = idx._find_from(parts[-1], first.start) if len(parts) > 1 else first
    if last is None:
        return None
    return (first.start, max(first.end, last.end), first.exact and last.exact)


def test_a_long_text_is_found_where_it_was() -> None:
    """Only the first and last lines of a long value are made half-width now: the same spans."""
    from cvparse.document import Document, Line
    from cvparse.evidence import _Index

    rng = random.Random(5)
    words = [
        "负责",
        "项目",
        "Ｐｙｔｈｏｎ",
        "，",
        "：",
        "\u3000",
        "\u200b",
        " ",
        "a b",
        "（一）",
        "x",
        "\n",
        "\n\n",
        "  \n",
    ]
    for _ in range(300):
        text = "".join(rng.choices(words, k=rng.randint(5, 40)))
        idx = _Index(Document([Line(t) for t in text.split("\n")]), [])
        lines = text.split("\n")
        for _ in range(5):
            a, b = sorted(rng.sample(range(len(lines) + 1), 2)) if len(lines) > 1 else (0, 1)
            value = "\n".join(lines[a:b])
            if rng.random() < 0.3:
                value += rng.choice(["\n", "\n \n", "\nzz", "\u3000"])
            after = rng.randint(0, len(text))
            got = idx.long_span(value, after)
            assert (None if got is None else (got.start, got.end, got.exact)) == _long_span_as_before(
                idx, value, after
            ), value


def test_an_address_is_found_where_the_whole_text_lower_cased_finds_it() -> None:
    """Lines holding an "@" are lower-cased alone: the spans the whole text lower-cased gives."""
    from cvparse.document import Document, Line
    from cvparse.evidence import _LENGTHENS, _Index

    assert [c for c in _EVERY_CHAR if len(c.lower()) != 1] == [_LENGTHENS]
    rng = random.Random(3)
    pieces = [
        "A@b.Co",
        "a@b.co",
        "@",
        "Σ",
        "ΑΣ",
        "σ",
        "ς",
        "İ",
        "x",
        "Mail:",
        " ",
        "\n",
        "中",
        "'",
        "ΣA@B.CO",
    ]
    values = ["a@b.co", "σa@b.co", "ςa@b.co", "@", "a@b.co\nx", "nothing", "i̇x"]
    for _ in range(3000):
        text = "".join(rng.choices(pieces, k=rng.randint(0, 12)))
        idx = _Index(Document([Line(t) for t in text.split("\n")]), [])
        low = idx.half.lower() if len(idx.half.lower()) == len(idx.half) else idx.half
        for value in values:
            expected = [i for i in range(len(low)) if low.startswith(value, i)]
            assert [s.start for s in idx.emails(value)] == expected, (text, value)
