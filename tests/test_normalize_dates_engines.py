"""The date reader's two engines read every text alike.

``normalize.dates`` reads dates with the standard library's ``re`` (about twice as fast) and
falls back to ``regex`` for texts holding a character the two read differently. These tests
hold the claim that makes that safe: on any other text both engines find the same ranges and
the same single dates, so the choice never shows in a profile.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cvparse.normalize.dates import _engine, _exact, _fast, _read_ranges, find_ranges
from cvparse.normalize.text import halfwidth

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"

_BITS = [
    *"0123456789.-/~年月日 \t",
    "2019",
    "19",
    "09",
    "至",
    "至今",
    "起",
    "Sep",
    "sept",
    "Present",
    "now",
    " to ",
    "until",
    "–",
    "—",
    "份",
    "\x1c",  # a blank to re only
    "Aprıl",  # dotless i: an "i" to re only, ignoring case
    "ſ",  # long s: an "s" to both, ignoring case
    "٣",  # a non-ASCII digit
]


def _alike(text: str) -> bool:
    """Both engines find the same ranges and single dates in ``text`` (half-width)."""
    fast, exact = _fast(), _exact()
    if _read_ranges(text, fast.range) != _read_ranges(text, exact.range):
        return False
    singles = [(m.span(), m.groupdict()) for m in fast.date.finditer(text)]
    return singles == [(m.span(), m.groupdict()) for m in exact.date.finditer(text)]


@pytest.mark.parametrize(
    "line",
    [
        "2019.09-2022.06",
        "示例理工大学 硕士 2019年9月 - 2022年6月",
        "Sep 2019 – Present",
        "19.09-20.01 实习",
        "2021/7 至今",
        "2022年4月起 任组长",
        "09/2018 to 06/2020",
        "ſep 2019 - now",
        "no date here",
    ],
)
def test_engines_read_a_line_alike(line: str) -> None:
    text = halfwidth(line)
    assert _engine(text) is _fast()  # nothing odd: the fast engine reads it
    assert _alike(text)


@pytest.mark.parametrize("line", ["2019\x1c- 2020", "Aprıl 2019 - now", "٢٠١٩.09-2020.01"])
def test_a_line_the_engines_would_read_differently_goes_to_regex(line: str) -> None:
    assert _engine(line) is _exact()


def test_the_odd_characters_really_are_read_differently() -> None:
    """If a new ``re`` or ``regex`` release agreed on these, the fallback could go."""
    assert not all(_alike(t) for t in ["2019\x1c- 2020", "Aprıl 2019 - now"])


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_BITS), max_size=14).map("".join))
def test_engines_read_any_text_alike_unless_it_is_sent_to_regex(text: str) -> None:
    if _engine(text) is _fast():
        assert _alike(text)


def test_engines_read_every_corpus_line_alike() -> None:
    folders = [SHARED / "corpus" / "dev", SHARED / "corpus" / "external" / "real", ROOT / "samples"]
    files = [p for f in folders if f.is_dir() for p in sorted(f.iterdir()) if p.suffix in (".txt", ".md")]
    lines = {
        halfwidth(ln) for p in files for ln in p.read_text(encoding="utf-8", errors="replace").splitlines()
    }
    assert lines
    fast = [ln for ln in sorted(lines) if _engine(ln) is _fast()]
    assert len(fast) > 0.99 * len(lines)
    assert [ln for ln in fast if not _alike(ln)] == []
    assert all(find_ranges(ln) == list(_read_ranges(ln, _exact().range)) for ln in fast)
