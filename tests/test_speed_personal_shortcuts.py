"""The shortcuts of the personal, place and link readers find what the patterns they stand for
find: each is checked against that pattern, over every character where a set of characters is
claimed, and over made-up strings otherwise. All text here is made up."""

from __future__ import annotations

import random
import re
import string

import pytest
import regex

from cvparse.extract import personal
from cvparse.normalize import places, urls


@pytest.fixture(scope="module")
def token_pattern() -> re.Pattern[str]:
    """One alternation of every place name, as places matched a token before its name table."""
    table = places._table()
    cn_alt = "|".join(re.escape(n) for n in sorted(table.cn, key=len, reverse=True))
    return re.compile(rf"(?P<cn>{cn_alt}){places._SUFFIX.pattern}|{table.en_pattern.pattern}")


def _place_strings() -> list[str]:
    table = places._table()
    names = sorted(table.cn) + sorted(table.en) + [n.upper() for n in sorted(table.en)]
    glue = ["", "市", "省", "自治区", "区", " ", "-", "，", "人", "大学", "中国", "目前在", "x", "ſ", "Ｋ"]
    rnd = random.Random(3)
    return [
        "".join(rnd.choice(glue) + rnd.choice(names) for _ in range(rnd.randint(1, 3))) + rnd.choice(glue)
        for _ in range(3000)
    ]


def test_a_place_token_is_what_the_alternation_of_all_names_matches(token_pattern: re.Pattern[str]) -> None:
    for text in _place_strings():
        for pos in range(len(text)):
            m = token_pattern.match(text, pos)
            token = places._token_at(text, pos)
            assert (token.end if token else None) == (m.end() if m else None), (text, pos)
        found = [(t.start, t.end) for t in places._tokens(text)]
        assert found == [m.span() for m in token_pattern.finditer(text)], text


def test_every_character_a_place_name_can_start_with_is_searched_for() -> None:
    table = places._table()
    first = regex.compile("|".join(sorted({n[0] for n in table.en})), regex.I)
    for code in range(0x10000):
        ch = chr(code)
        if ch in table.cn_lengths or first.fullmatch(ch):
            assert table.starts.match(ch), ch


def test_links_of_the_lines_are_found_from_one_scan_of_them() -> None:
    lines = [
        "主页：github.com/zhangsan，博客 https://blog.example.com/a",
        "熟悉 Vue.js 与 Node.js",
        "",
        "邮箱：ＺＳ＠ＥＸＡＭＰＬＥ．ＣＯＭ ｗｗｗ．ｅｘａｍｐｌｅ．ｃｏｍ",
        "e.g. 一行没有链接",
        "ftp://files.example.org/x\nlinkedin.com/in/zs",
        "联系：zs@example.com",
    ]
    rnd = random.Random(5)
    for _ in range(300):
        group = rnd.sample(lines, rnd.randint(1, len(lines)))
        assert urls.find_urls_in_lines(group) == [hit for line in group for hit in urls.find_urls(line)]


def test_a_piece_that_starts_plainly_has_no_icon_to_drop() -> None:
    plain = [chr(c) for c in range(0x80) if chr(c).isalnum()] + [chr(c) for c in range(0x4E00, 0xA000)]
    assert not [ch for ch in plain if personal._ICON_LEAD.match(ch)]
    for piece in ("📞 13800138000", "\ue60f 北京", "\u3000 北京", "北京", "abc", ""):
        assert personal._without_icons(piece) == personal._ICON_LEAD.sub("", piece)


def test_every_character_the_lives_in_pattern_can_start_with_is_let_through() -> None:
    starts = regex.compile(r"[现居常b]", regex.I)
    for code in range(0x10000):
        if starts.fullmatch(chr(code)):
            assert chr(code) in personal._LIVES_IN_FIRST


@pytest.mark.parametrize(
    ("piece", "values"),
    [
        ("男", {"gender": "male"}),
        ("📞 女", {"gender": "female"}),
        ("女性", {"gender": "female"}),
        ("28岁", {"age": 28}),
        ("28 years old", {"age": 28}),
        ("1995.03", {"birth_date": "1995-03"}),
        ("1995年出生", {"birth_date": "1995"}),
        ("3年", {"years_of_experience": 3}),
        ("现居：北京", {"location": "北京"}),
        ("BASE 上海", {"location": "上海"}),
        ("维吾尔族", {"ethnicity": "维吾尔族"}),
        ("民族", {}),
        ("中共党员", {"political_status": "中共党员"}),
        ("杭州", {"_bare_city": "杭州"}),
        ("熟悉 Python", {}),
    ],
)
def test_a_piece_is_read_for_its_shape(piece: str, values: dict[str, object]) -> None:
    out = personal.Personal()
    personal._take_piece(out, piece)
    assert out.values == values


def test_link_marks_as_written_are_where_halfwidth_text_has_them() -> None:
    from cvparse.normalize.text import halfwidth

    def marked(text: str) -> bool:
        return any(mark.search(text) for mark in urls._MARKS_AS_WRITTEN)

    def marked_halfwidth(text: str) -> bool:
        t = halfwidth(text)
        return "://" in t or urls._DOT_LETTER.search(t) is not None

    # every character halfwidth makes a dot, colon, slash or ASCII letter, and a few others
    kin = [chr(c) for c in range(0x10000) if halfwidth(chr(c)) in ".:/" + string.ascii_letters]
    chars = sorted({*kin, "x", "中", " ", "İ", "ſ", "\u212a", "\u0131"})
    for a in chars:
        for b in chars:
            assert marked(a + b) == marked_halfwidth(a + b), a + b
    slashes = [":", "：", "/", "／", "x"]
    for a in slashes:
        for b in slashes:
            for c in slashes:
                assert marked(a + b + c) == marked_halfwidth(a + b + c), a + b + c


def test_the_checks_before_halfwidth_see_what_they_would_see_after_it() -> None:
    from cvparse.normalize.text import halfwidth

    digit = regex.compile(r"\d")
    for ch in map(chr, range(0x10000)):  # halfwidth maps characters of the BMP only
        assert bool(digit.match(ch)) == bool(digit.match(halfwidth(ch))), ch  # find_phones
        assert ("@" in halfwidth(ch)) == (ch in "@＠"), ch  # find_emails
