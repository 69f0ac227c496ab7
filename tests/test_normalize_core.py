"""Table tests for the core normalisers: dates, phones, e-mails, URLs, degrees, text."""

from __future__ import annotations

import pytest

from cvparse.normalize.dates import find_ranges, parse_date
from cvparse.normalize.degrees import normalize_degree
from cvparse.normalize.phones import find_phones, normalize_phone
from cvparse.normalize.text import halfwidth, squash_cjk_spaces
from cvparse.normalize.urls import find_emails, find_urls, normalize_url


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2020.09", "2020-09"),
        ("2020/9", "2020-09"),
        ("2020年9月", "2020-09"),
        ("2020-09", "2020-09"),
        ("Sep 2020", "2020-09"),
        ("September 2020", "2020-09"),
        ("09/2020", "2020-09"),
        ("20.09", "2020-09"),
        ("２０２０．０９", "2020-09"),
        ("1988-09-14", "1988-09-14"),
        ("1988年9月14日", "1988-09-14"),
        ("1998.03", "1998-03"),
        ("2016", "2016"),
        ("2016年", "2016"),
        ("至今", "present"),
        ("Present", "present"),
        ("now", "present"),
        ("hello", None),
    ],
)
def test_parse_date(raw: str, expected: str | None) -> None:
    assert parse_date(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2019年9月-至今", ("2019-09", "present")),
        ("19.09-23.06", ("2019-09", "2023-06")),
        ("Sep 2019 – Jun 2023", ("2019-09", "2023-06")),
        ("2018.9—2022.6", ("2018-09", "2022-06")),
        ("２０２２．０４－至今", ("2022-04", "present")),
        ("2018/03 — 至今", ("2018-03", "present")),
        ("03/2021 - present", ("2021-03", "present")),
        ("1990年7月至1998年3月", ("1990-07", "1998-03")),
        ("2020-2024", ("2020", "2024")),
        ("2023.09 ~ 2027.06", ("2023-09", "2027-06")),
        ("Jul 2019 - Feb 2021", ("2019-07", "2021-02")),
        ("2015年7月至今", ("2015-07", "present")),
        ("2022.03 - 2022.03", ("2022-03", "2022-03")),
    ],
)
def test_find_ranges(raw: str, expected: tuple[str, str]) -> None:
    found = find_ranges(raw)
    assert found, raw
    assert (found[0].start, found[0].end) == expected
    assert found[0].begin == 0 or raw[: found[0].begin].strip() == ""


@pytest.mark.parametrize("raw", ["GPA 3.5/4.0", "提升 35%", "3.72/4.00", "第 12 名", "v1.2.3"])
def test_no_false_dates(raw: str) -> None:
    assert find_ranges(raw) == []


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("+86 153-9689-7213", "15396897213"),
        ("153 9689 7213", "15396897213"),
        ("0086 15396897213", "15396897213"),
        ("86-15396897213", "15396897213"),
        ("１５３９６８９７２１３", "15396897213"),
        ("028-8600 1234", "+862886001234"),
        ("(010) 6275 1234", "+861062751234"),
        ("+1 415 555 2671", "+14155552671"),
        ("+852 9123 4567", "+85291234567"),
        ("0912-345-678", "+886912345678"),
        ("0931-8123456", "+869318123456"),
        ("12345", None),
        ("1111 1111 111", None),
    ],
)
def test_normalize_phone(raw: str, expected: str | None) -> None:
    assert normalize_phone(raw) == expected


def test_find_phones_skips_dates_and_keeps_spans() -> None:
    text = "📞 138-7102-4456 | 2023.07-2024.01"
    hits = find_phones(text)
    assert [h.value for h in hits] == ["13871024456"]
    assert text[hits[0].start : hits[0].end] == "138-7102-4456"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Sun.MingYuan@Example.com", ["sun.mingyuan@example.com"]),
        ("邮箱：a_b@163.com；QQ：123", ["a_b@163.com"]),
        ("no mail here", []),
    ],
)
def test_find_emails(raw: str, expected: list[str]) -> None:
    assert [h.value for h in find_emails(raw)] == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("GitHub：github.com/hzx-fe", ["https://github.com/hzx-fe"]),
        ("博客：https://huangzixuan.github.io/", ["https://huangzixuan.github.io"]),
        ("see www.example.org for more", ["https://www.example.org"]),
        ("mail me: someone@github.com", []),
        ("版本 v1.2 和 e.g. 这些", []),
        ("(代码:https://github.com/u/r)", ["https://github.com/u/r"]),
    ],
)
def test_find_urls(raw: str, expected: list[str]) -> None:
    assert [h.value for h in find_urls(raw)] == expected


def test_normalize_url() -> None:
    assert normalize_url("github.com/a/") == "https://github.com/a"
    assert normalize_url("http://x.cn/") == "http://x.cn"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("本科", "bachelor"),
        ("学士", "bachelor"),
        ("专升本", "bachelor"),
        ("本科（自考）", "bachelor"),
        ("大专", "associate"),
        ("专科", "associate"),
        ("硕士研究生", "master"),
        ("研究生", "master"),
        ("博士", "doctor"),
        ("博士后", "postdoc"),
        ("MBA", "mba"),
        ("EMBA", "mba"),
        ("中专", "high_school"),
        ("高中", "high_school"),
        ("交换生", "other"),
        ("Bachelor of Engineering", "bachelor"),
        ("M.S. in CS", "master"),
        ("Ph.D.", "doctor"),
        ("计算机科学", None),
    ],
)
def test_normalize_degree(raw: str, expected: str | None) -> None:
    assert normalize_degree(raw) == expected


def test_halfwidth_keeps_length() -> None:
    raw = "１２Ｋ　（面议）"
    assert halfwidth(raw) == "12K (面议)"
    assert len(halfwidth(raw)) == len(raw)


def test_squash_cjk_spaces() -> None:
    assert squash_cjk_spaces("许 嘉 宁") == "许嘉宁"
    assert squash_cjk_spaces("Li Wei") == "Li Wei"


def test_letter_spaced_degree() -> None:
    assert normalize_degree("软件工程专业  本 科") == "bachelor"


def test_white_space_spells_out_the_regex_modules_blanks() -> None:
    """Patterns moved to re for speed rely on this: the same blanks as regex's \\s, and not
    the U+001C–U+001F that re's own \\s adds."""
    import re

    import regex

    from cvparse.normalize.text import WHITE_SPACE

    ours, theirs = re.compile(f"[{WHITE_SPACE}]"), regex.compile(r"\s")
    assert [c for c in range(0x10000) if bool(ours.match(chr(c))) != bool(theirs.match(chr(c)))] == []
    assert not ours.match("\x1c")


def test_folds_to_ascii_lists_what_each_engine_takes_for_a_letter() -> None:
    """The quick checks in kv, places and urls let these through to their patterns."""
    import re

    import regex

    from cvparse.normalize.text import RE_FOLDS_TO_ASCII, REGEX_FOLDS_TO_ASCII

    by_regex, by_re = regex.compile("[a-z]", regex.I), re.compile("[a-z]", re.I)
    assert {chr(c) for c in range(0x80, 0x10000) if by_regex.match(chr(c))} == set(REGEX_FOLDS_TO_ASCII)
    assert {chr(c) for c in range(0x80, 0x10000) if by_re.match(chr(c))} == set(RE_FOLDS_TO_ASCII)
