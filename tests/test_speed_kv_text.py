"""The quick checks in ``normalize.text`` stand for the full mappings: what they let pass is
left as it is by ``halfwidth`` and ``fold_cjk`` written the plain way."""

from __future__ import annotations

import unicodedata

import pytest

from cvparse.normalize import text as T


def _halfwidth_plain(text: str) -> str:
    return text.translate(T._FW)


def _fold_plain(text: str) -> str:
    return text.translate(T._t2s()[0])


def test_every_mapped_character_but_one_leaves_nfkc() -> None:
    """``halfwidth`` returns a text in NFKC without the zero-width space at once."""
    for cp in T._FW:
        ch = chr(cp)
        assert ch == T._NOT_DECOMPOSED or unicodedata.normalize("NFKC", ch) != ch


@pytest.mark.parametrize(
    "text",
    [
        "",
        "plain ascii",
        "姓名：张三，电话：１３８００１３８０００",
        "a\u200bb",
        "\u3000\u3000工程师（中级）\xa0２０２２年",
        "café · naïve",
        "ＡＢＣ｛｝～",
        "e\u0301 ﬁ ① ㎡",
        "表情😀：ok",
    ],
)
def test_halfwidth_is_the_plain_translation(text: str) -> None:
    assert T.halfwidth(text) == _halfwidth_plain(text)


def test_halfwidth_and_fold_of_every_character() -> None:
    for cp in range(0x80, 0x110000):
        if 0xD800 <= cp < 0xE000:
            continue
        ch = chr(cp)
        assert T.halfwidth(ch) == _halfwidth_plain(ch)
        assert T.fold_cjk(ch) == _fold_plain(ch)


@pytest.mark.parametrize("text", ["學歷：碩士", "国立政治大学", "𠮷野家 學", "😀 資料", "English only"])
def test_fold_is_the_plain_translation(text: str) -> None:
    assert T.fold_cjk(text) == _fold_plain(text)
