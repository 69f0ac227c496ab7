"""Quick checks in the entry extractors let through every text their pattern could match.

``years_of_experience`` runs its pattern only on a text holding 年 or "year", and the entry
splitter removes a GPA clause only from a line holding 绩点 or "gpa": both compare lowered text,
which is sound because ignoring case, the regex module takes no character but the ASCII ones
for those letters. A date line's leftover is judged at once when it holds a character nothing
takes away. These tests hold those claims.
"""

from __future__ import annotations

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from cvparse.extract.entries import _DATE_LINE_PUNCT, _nothing_but_dates
from cvparse.extract.numbers import _YOE, _num, years_of_experience
from cvparse.normalize.text import clean_value

_EVERY_CHAR = "".join(chr(cp) for cp in range(0x110000) if not 0xD800 <= cp <= 0xDFFF)


def test_only_ascii_letters_fold_to_the_letters_the_quick_checks_lower() -> None:
    folded = regex.findall("[yeargp]", _EVERY_CHAR, regex.I)
    assert sorted(folded) == sorted("yeargpYEARGP")


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["3", "十", "年", "Year", "YEARS", "经验", "工作", "从业", " ", "+", "of", "experience", "以上"]
        ),
        max_size=10,
    ).map("".join)
)
def test_years_found_with_the_quick_check_as_without(text: str) -> None:
    m = _YOE.search(text)
    expected = None if m is None else _num(next(g for g in m.groups() if g))
    assert years_of_experience(text, labelled=False) == expected


def _reference(undated: str) -> bool:
    return not clean_value(_DATE_LINE_PUNCT.sub(" ", undated)).strip()


@settings(max_examples=1000, deadline=None)
@given(
    st.lists(
        st.sampled_from([*" \t\n\x1c\u3000|｜/·•,，()（）;；:：\\-–—~_", "a", "年", "."]), max_size=12
    ).map("".join)
)
def test_date_line_leftover_judged_as_before(undated: str) -> None:
    assert _nothing_but_dates(undated) == _reference(undated)
