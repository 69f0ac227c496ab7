"""Quick checks in text intake decide as the scans they spare.

The bounds check looks for nine spaces in a printable document instead of running a pattern
over it, the UTF-16 sniff gives up on a reading at the first sign it holds too many other
characters, and a text document is bounded once. These tests hold each to what it stands in for.
"""

from __future__ import annotations

import importlib
import random
import re
from dataclasses import replace
from unittest.mock import patch

from hypothesis import given, settings
from hypothesis import strategies as st

from cvparse.document import Line
from cvparse.intake import finish, read
from cvparse.intake import text as T
from cvparse.intake.bounds import MAX_BLANK_RUN, MAX_LINE_CHARS, _break_at, bound_lines
from cvparse.intake.text import read_text
from cvparse.limits import DEFAULT_LIMITS

sniff = importlib.import_module("cvparse.intake.sniff")  # (the package exports a function of that name)

_EVERY_CHAR = [chr(cp) for cp in range(0x110000) if not 0xD800 <= cp <= 0xDFFF]


def test_every_blank_but_the_space_is_unprintable_and_re_blanks_are_str_blanks() -> None:
    blank = re.compile(r"\s")
    for ch in _EVERY_CHAR:
        assert (blank.match(ch) is not None) == ch.isspace(), repr(ch)
        if ch.isspace() and ch != " ":
            assert not ch.isprintable(), repr(ch)
    assert "|".isprintable() and not "|".isspace()


_RUN = re.compile(rf"(\s{{{MAX_BLANK_RUN}}})\s+")


def _bound_lines_before(lines: list[Line]) -> list[Line]:
    """bound_lines as it was, the reference."""
    out: list[Line] = []
    for line in lines:
        text = line.text
        if len(text) > MAX_BLANK_RUN and _RUN.search(text):
            text = _RUN.sub(r"\1", text)
        if len(text) <= MAX_LINE_CHARS:
            out.append(line if text is line.text else replace(line, text=text))
            continue
        while len(text) > MAX_LINE_CHARS:
            cut = _break_at(text)
            out.append(replace(line, text=text[:cut]))
            text = text[cut:]
        out.append(replace(line, text=text))
    return out


_BLANKS = st.sampled_from([" ", "\t", "\u3000", "\xa0", "\x1c", "\u2028"])
_LINE = st.lists(
    st.one_of(
        st.sampled_from(["教育", "a", "|", "\0"]), st.lists(_BLANKS, min_size=1, max_size=12).map("".join)
    ),
    max_size=8,
).map("".join)


@settings(max_examples=400, deadline=None)
@given(st.lists(_LINE, max_size=6))
def test_lines_are_bounded_as_before(texts: list[str]) -> None:
    lines = [Line(t) for t in texts]
    assert bound_lines(lines) == _bound_lines_before(lines)
    assert bound_lines(bound_lines(lines)) == bound_lines(lines)  # (what reading text once relies on)


def test_a_text_document_is_read_as_when_bounded_twice() -> None:
    data = ("姓名：张三" + " " * 30 + "电话\n\n教育背景\t\t\t\t\t\t\t\t\t\t北京大学\n" + "x" * 5000).encode()
    assert read(data).lines == finish(read_text(data), DEFAULT_LIMITS).lines


_OTHER = re.compile(f"[^{sniff._TEXTY}]")


def _texty_share_before(text: str) -> float:
    return len(_OTHER.sub("", text)) / len(text)


@settings(max_examples=500, deadline=None)
@given(st.integers(1, 2048), st.integers(-3, 3), st.integers(0, 2**32))
def test_the_texty_share_decides_as_before(length: int, offset: int, seed: int) -> None:
    # others around a tenth of the text: the shares either side of the threshold
    others = min(length, max(0, length // 10 + offset))
    chars = ["a"] * length
    for i in random.Random(seed).sample(range(length), others):
        chars[i] = "\ue000"
    text = "".join(chars)
    before = _texty_share_before(text)
    assert sniff._texty_share(text) == (before if before >= sniff._TEXT_SHARE else None)


def _strip_inline_before(text: str, links: list[str]) -> str:
    """_strip_inline as it was, every pattern on every line (the reference)."""
    text = T._IMAGE.sub("", text)
    for m in T._LINK.finditer(text):
        target = m.group(2)
        if not target.startswith(("#", "mailto:")) and not ("@" in target and "/" not in target):
            links.append(target)
    text = T._LINK.sub(lambda m: T._with_target(m.group(1), m.group(2)), text)
    for m in T._HREF.finditer(text):
        links.append(m.group(1))
    text = T._ANCHOR.sub(lambda m: T._with_target(m.group(2), m.group(1)), text)
    text = T._AUTOLINK.sub(lambda m: m.group(1), text)
    text = T._TAG.sub("", text)
    for _ in range(2):
        text = T._EMPHASIS.sub(lambda m: m.group(2) or m.group(3) or m.group(4) or "", text)
    text = T._SUP.sub("", text)
    return text.replace("&nbsp;", " ").replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")


_MD_PIECES = ["教育", "x", " ", "**", "*", "__", "_", "~~", "`", "^2^", "&amp;", "&nbsp;", "&", "<b>", "</B>"]
_MD_PIECES += [
    "<a href='https://x.dev'>",
    "</a>",
    "<https://y.dev>",
    "[王](https://z.dev)",
    "![i](p.png)",
    "](",
    "[",
]
_MD_PIECES += ["#", "## ", ">", "> ", "---", "- ", "|", " | ", "--", "===", ":", "\t"]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(_MD_PIECES), max_size=10).map("".join))
def test_inline_markdown_is_stripped_as_before(text: str) -> None:
    links: list[str] = []
    before: list[str] = []
    assert T._strip_inline(text, links) == _strip_inline_before(text, before)
    assert links == before


@settings(max_examples=500, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_MD_PIECES), max_size=6).map("".join), max_size=6).map("\n".join))
def test_markdown_lines_are_read_as_before(text: str) -> None:
    with patch.object(T, "_strip_inline", _strip_inline_before):
        expected = _markdown_lines_before(text)
    assert T.markdown_lines(text) == expected


def _markdown_lines_before(text: str) -> tuple[list[Line], list[str]]:
    """markdown_lines as it was, every pattern on every line (the reference)."""
    text = T._BLOCKS.sub("", T._FRONT_MATTER.sub("", text))
    links: list[str] = []
    out: list[Line] = []
    in_code = False
    for raw in text.splitlines():
        if raw.lstrip().startswith(("```", "~~~")):
            in_code = not in_code
            continue
        if in_code:
            out.append(Line(raw.rstrip()))
            continue
        if T._RULE.match(raw) or T._TABLE_SEP.match(raw):
            if T._SETEXT.match(raw) and out and out[-1].text.strip() and raw.strip().startswith(("=", "-")):
                prev = out[-1]
                if raw.strip()[0] == "=" or not T._RULE.match(raw) or len(raw.strip()) >= 3:
                    out[-1] = Line(prev.text, heading=True)
                    continue
            out.append(Line(""))
            continue
        heading = T._HEADING.match(raw)
        line = heading.group(2) if heading else raw
        line = T._QUOTE.sub("", line)
        stripped = line.strip()
        if stripped.startswith("|") and stripped.endswith("|"):
            cells = [c.strip() for c in stripped.strip("|").split("|")]
            line = " | ".join(c for c in cells if c)
        line = T._strip_inline(line, links).rstrip()
        out.append(Line(line, heading=bool(heading)))
    return out, links
