"""Quick checks in segmentation let through every line their pattern could take.

Segmentation asks one character before the decoration and rule patterns, a scan for characters
no heading folds from before folding a line, and re (not the regex module) for the bilingual
split points and the inline-heading gap. These tests hold each quick check to the pattern it
stands in for, over every character where one character decides, and hold the headings found
to the way they were found before (a copy of that code is kept here as the reference).
"""

from __future__ import annotations

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from cvparse import segment as S
from cvparse.normalize.text import WHITE_SPACE, fold_cjk

_EVERY_CHAR = [chr(cp) for cp in range(0x110000) if not 0xD800 <= cp <= 0xDFFF]


def test_a_lead_starts_only_with_a_character_the_quick_check_lets_through() -> None:
    may_lead = S._may_lead.__wrapped__  # type: ignore[attr-defined]
    for ch in _EVERY_CHAR:
        # (a numbering mark after it: "1、", "一、", "IV.")
        if S._DECOR_LEAD.match(ch + "、").end() > 0 or S._DECOR_LEAD.match(ch).end() > 0:
            assert may_lead(ch), repr(ch)


def test_a_trail_or_rule_ends_only_with_a_character_the_quick_checks_let_through() -> None:
    may_trail = S._may_trail.__wrapped__  # type: ignore[attr-defined]
    may_rule = S._may_rule.__wrapped__  # type: ignore[attr-defined]
    for ch in _EVERY_CHAR:
        if S._DECOR_TRAIL.search("x" + ch).start() < 2:
            assert may_trail(ch), repr(ch)
        if S._RULE.match(ch * 3) is not None:
            assert may_rule(ch), repr(ch)


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from("0123456789"),
    st.text(alphabet="0123456789٠١²①", min_size=2, max_size=2),
    st.text(alphabet="0123456789、.．:：)） -【一十IVX教", max_size=5),
)
def test_three_digits_start_no_lead(first: str, digits: str, rest: str) -> None:
    text = first + digits + rest
    assert text[:3].isdigit()
    assert S._DECOR_LEAD.match(text).end() == 0


def test_the_fold_gates_let_through_every_character_a_heading_or_certificate_folds_from() -> None:
    not_heading_char, cert_mark = S._gates().not_heading_char, S._gates().cert_mark
    alphabet = set("".join(S._vocab()))
    assert all(set(word) & S._CERT_MARKS for word in S._CERT_WORDS)
    joiner = regex.compile(f"[{WHITE_SPACE}·•\\-_/&+,]")
    for ch in _EVERY_CHAR:
        folded = fold_cjk(ch).lower()
        if joiner.match(ch) or set(folded) <= alphabet:
            assert not_heading_char.match(ch) is None, repr(ch)
        if set(folded) & S._CERT_MARKS:
            assert cert_mark.match(ch) is not None, repr(ch)


def test_plain_content_holds_an_ideograph_of_the_core_and_no_letter_or_certificate_mark() -> None:
    gates = S._gates()
    may_lead = S._may_lead.__wrapped__  # type: ignore[attr-defined]
    may_trail = S._may_trail.__wrapped__  # type: ignore[attr-defined]
    for ch in _EVERY_CHAR:
        if gates.plain_content.match(ch):  # (a content ideograph, alone)
            assert not may_lead(ch) and not may_trail(ch) and ch not in "、.．:：)）" and not ch.isspace()
            assert gates.not_heading_char.match(ch), repr(ch)
        if (ch.isascii() and ch.isalpha()) or gates.cert_mark.match(ch):
            assert not gates.plain_content.match("的" + ch), repr(ch)
    assert gates.plain_content.match("2023.07-2024.01") and not gates.plain_content.match("12、")


def test_the_noun_end_forms_are_the_characters_folding_to_a_noun_end() -> None:
    forms = S._noun_end_forms()
    for ch in _EVERY_CHAR:
        assert (fold_cjk(ch) in S._HEADING_NOUN_ENDS) == (ch in forms), repr(ch)


_BILINGUAL_SPLIT = regex.compile(r"(?<=\p{Han})\s*[|/]?\s*(?=[A-Za-z])|(?<=[A-Za-z])\s*[|/]?\s*(?=\p{Han})")
_PIECES = [
    "教育",
    "背景",
    "Education",
    "Work",
    "a",
    "Z",
    "3",
    " ",
    "  ",
    "\u3000",
    "\t",
    "|",
    "/",
    " | ",
    "||",
]
_PIECES += ["，", "📧", "é", "ß", "한", "〇", "々", "·", "-", "\u2028", "\x1c"]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=12).map("".join))
def test_the_bilingual_halves_are_the_split_of_two_parts(text: str) -> None:
    parts = [p for p in _BILINGUAL_SPLIT.split(text) if p]
    assert S._bilingual_halves(text) == (tuple(parts) if len(parts) == 2 else None)


_INLINE_REGEX = regex.compile(r"^(?P<head>.{2,24}?)(?:\s*[|｜│]\s*|\t+\s*|\s{2,})(?P<rest>\S.*)$")


@settings(max_examples=1500, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["教育背景", "Skills", "ab", "x", " ", "  ", "\t", "|", "｜", "│", "\u3000", "\x1c", "\n"]
        ),
        max_size=10,
    ).map("".join)
)
def test_the_inline_pattern_matches_as_the_regex_one(text: str) -> None:
    old, new = _INLINE_REGEX.match(text), S._INLINE.match(text)
    assert (old is None) == (new is None)
    if old is not None and new is not None:
        assert old.span("head") == new.span("head") and old.span("rest") == new.span("rest")


def _heading_key_before(text: str) -> str | None:
    """_heading_key as it was before the quick checks (the reference)."""
    core = _strip_decor_before(text)
    if not core or len(core) > S.MAX_HEADING_CHARS:
        return None
    vocab = S._vocab()
    folded = S._JOINERS.sub("", fold_cjk(core).lower().replace(" and ", "&"))
    key = vocab.get(folded)
    if key:
        return key
    parts = [p for p in _BILINGUAL_SPLIT.split(core) if p]
    if len(parts) == 2:
        keys = {vocab.get(S._fold_half(_strip_decor_before(p))) for p in parts}
        keys.discard(None)
        if len(keys) == 1:
            return keys.pop()
    if len(folded) <= 12 and S._AWARD_WORD.search(folded) and S._CERT_WORD.search(folded):
        return "awards_certs"
    return None


def _strip_decor_before(text: str) -> str:
    t = text.strip()
    if t:
        t = t[S._DECOR_LEAD.match(t).end() :]
    if t:
        t = t[: S._DECOR_TRAIL.search(t).start()]
    return t.strip()


_HEADING_PIECES = [
    "教育背景",
    "工作經歷",
    "Education",
    "WORK",
    "Experience",
    "证书",
    "荣誉",
    "獲獎",
    "Awards",
]
_HEADING_PIECES += [
    "and",
    " and ",
    "&",
    " ",
    "|",
    "/",
    "【",
    "】",
    "■",
    "1、",
    "一、",
    "IV.",
    "：",
    ":",
    "2019",
    "的",
]
_HEADING_PIECES += ["🎓", "·", "-", "\u3000", "Certific", "ates", "Honours", "K", "\u212a", "İ", "C", "證書"]
_HEADING_PIECES += ["1", "12", "123", "2023.07-2024.01", "格", "资格", "f"]


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(_HEADING_PIECES), max_size=7).map("".join))
def test_headings_are_keyed_as_before(text: str) -> None:
    assert S._heading_key(text) == _heading_key_before(text)
    assert S._strip_decor(text) == _strip_decor_before(text)


def test_a_line_keeps_its_text_as_written_unless_given() -> None:
    assert S.SLine("a", 1, 2).raw == "a"
    assert S.SLine("a", 1, 2, 0, "").raw == "a"
    assert S.SLine("a", 1, 2, 3, "ａ").raw == "ａ"
