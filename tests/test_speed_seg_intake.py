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

from hypothesis import given, settings
from hypothesis import strategies as st

from cvparse.document import Line
from cvparse.intake import finish, read
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
