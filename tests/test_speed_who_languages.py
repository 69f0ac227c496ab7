"""The quick tests of ``extract.languages`` let through every line its patterns can match: a
line is split and matched only when it may name a language, and searched for a test in running
text only when it may name one. Checked over made-up strings, in every case and with the
characters regex.I takes for ASCII letters."""

from __future__ import annotations

import random

import regex

from cvparse.extract import languages

_NAMES = languages.LANG_NAMES.split("|")
_TESTS = ["CET-4", "CET 6", "cet4/6", "TEM-8", "IELTS 7.5", "雅思6.5", "TOEFL 100", "托福95", "JLPT N1"]
_NOISE = ["", " ", "：", "、", "（流利）", "- native", "; ", "熟练", "六级", "能阅读", "\t", "，"]


def _texts(n: int) -> list[str]:
    rnd = random.Random(7)
    out = []
    for _ in range(n):
        parts = []
        for _ in range(rnd.randint(1, 3)):
            word = rnd.choice(_NAMES + _TESTS + ["英语六级", "英语四级", "English", "Skills"])
            r = rnd.random()
            if r < 0.2:
                word = word.upper()
            elif r < 0.4:
                word = word.lower()
            elif r < 0.5:
                at = rnd.randrange(len(word) + 1)
                word = word[:at] + rnd.choice("\u0130\u017f\u212a") + word[at + 1 :]
            parts.append(rnd.choice(_NOISE) + word + rnd.choice(_NOISE))
        out.append("".join(parts))
    return out


def _unfiltered_parse_line(text: str) -> list[dict[str, str | None]]:
    out: list[dict[str, str | None]] = []
    prefix = languages._PREFIX.match(text)
    for part in languages._SPLIT.split(text[prefix.end() :] if prefix else text):
        b = languages._BRACKET_LEVEL.match(part)
        if b:
            out.append({"name": b.group("name"), "level": languages.clean_value(b.group("level")) or None})
            continue
        m = languages._LANG_START.match(part)
        if m:
            out.append({"name": m.group("name"), "level": languages.clean_value(m.group("level")) or None})
    return out


def test_parse_line_as_without_its_quick_test() -> None:
    for text in _texts(4000):
        assert languages.parse_line(text) == _unfiltered_parse_line(text), text


def test_the_quick_tests_let_every_match_through() -> None:
    any_name = regex.compile(languages.LANG_NAMES, regex.I)
    prose_word = regex.compile("cet|tem|ielts|雅思|toefl|托福|jlpt|英语", regex.I)
    for text in _texts(4000):
        if any_name.search(text):
            assert languages._may_hold(text, languages._ANY_NAME), text
        if languages._PROSE_TEST.search(text) or languages._PROSE_GRADE.search(text):
            assert prose_word.search(text), text  # every match holds one of the words
        if prose_word.search(text):
            assert languages._may_hold(text, languages._PROSE_WORDS), text
