"""The label patterns of ``extract.kv`` are tries and are tried only where re finds a place for
them: the same labels as one plain alternation, longest first, tried everywhere."""

from __future__ import annotations

import random
import re

import regex

from cvparse.extract import kv
from cvparse.normalize.text import REGEX_FOLDS_TO_ASCII, fold_cjk


def _plain(label: str) -> str:
    if regex.search(r"\p{Han}", label) and not any(c in label for c in "（(/"):
        return r"[ \t]*".join(regex.escape(c) for c in label)
    return regex.escape(label)


def _plain_patterns() -> tuple[regex.Pattern[str], regex.Pattern[str]]:
    keys = sorted(kv._vocabulary().field_of, key=len, reverse=True)
    body = "|".join(_plain(k) for k in keys)
    colon = regex.compile(rf"(?r){kv._COLON_BEFORE}(?P<label>{body})[ \t]*[:：]", regex.I)
    bare = regex.compile(
        rf"{kv._BARE_BEFORE}[ \t]*(?P<label>{body})[ \t]*(?:[|｜│\t]|\s{{2,}}|\s(?=\S))", regex.I
    )
    return colon, bare


def _lines(n: int) -> list[str]:
    rnd = random.Random(5)
    labels = list(kv._vocabulary().field_of)
    out = []
    for _ in range(n):
        parts = []
        for _ in range(rnd.randint(1, 3)):
            label = rnd.choice(labels)
            r = rnd.random()
            if r < 0.2:
                label = " ".join(label)
            elif r < 0.3:
                label = label.upper()
            elif r < 0.4:
                label = rnd.choice(["联系", "现", "a", "期望", "（", "/", "我的"]) + label
            gap = rnd.choice(["", " ", "  ", "|", "\t", "· "])
            sep = rnd.choice([":", "：", " : ", "  ", " | ", "\t", " ", ""])
            parts.append(gap + label + sep + rnd.choice(["张三", "", "13800138000", " x "]))
        out.append("".join(parts))
    return out


def test_tries_match_as_the_plain_alternation() -> None:
    vocab = kv._vocabulary()
    colon, bare = _plain_patterns()
    for line in _lines(3000):
        for end in (m.end() for m in re.finditer("[:：]", line)):
            got, want = vocab.colon.match(line, 0, end), colon.match(line, 0, end)
            assert (got and (got.span(), got.group(1))) == (want and (want.span(), want.group(1)))
        for pos in range(len(line)):
            got, want = vocab.bare.match(line, pos), bare.match(line, pos)
            assert (got and (got.span(), got.group(1))) == (want and (want.span(), want.group(1)))


def test_places_take_every_character_a_label_can_start_or_end_with() -> None:
    """The classes stand for the check they replace: the character folded and lowered is a
    label's first (last) character, or one that case-insensitive matching takes for a letter."""
    keys = list(kv._vocabulary().field_of)
    for edge in ({k[0] for k in keys}, {k[-1] for k in keys}):
        chars = re.compile(kv._may_hold(edge))
        for cp in range(0x110000):
            ch = chr(cp)
            if (ch in REGEX_FOLDS_TO_ASCII or fold_cjk(ch).lower() in edge) and not 0xD800 <= cp < 0xE000:
                assert chars.fullmatch(ch), hex(cp)


def test_pairs_on_forms() -> None:
    def read(line: str, bare: bool = False) -> list[tuple[str, str, str]]:
        return [(p.field, p.label, p.value) for p in kv.pairs(line, bare=bare)]

    assert read("姓    名：张三  性别：男") == [("name", "姓    名", "张三"), ("gender", "性别", "男")]
    assert read("聯繫電話：13800138000") == [("phone", "联系电话", "13800138000")]
    assert read("EMAIL : a@b.cn") == [("email", "EMAIL", "a@b.cn")]
    assert read("手机/微信：138") == [("phone", "手机/微信", "138")]
    assert read("姓 名 | 吴浩然 | 性别 | 男", bare=True) == [
        ("name", "姓 名", "吴浩然"),
        ("gender", "性别", "男"),
    ]
    # one place per run of blanks: a label whose run began inside the match before is not read
    assert read("  婚否\t    Availability|  期望月薪", bare=True) == [
        ("_marital", "婚否", "Availability|  期望月薪")
    ]
