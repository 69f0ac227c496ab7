"""Labels of ``extract.kv`` are looked up in the table where that finds what the patterns find:
checked against the patterns tried at every colon and at every place a bare label may start, as
``kv`` did before, over made-up lines (letter-spaced labels, upper case, traditional forms, the
characters regex.I takes for ASCII letters, what a label may follow)."""

from __future__ import annotations

import random
import re

from cvparse.extract import kv
from cvparse.memo import new_document
from cvparse.normalize.text import WHITE_SPACE, fold_cjk, traditional_forms

_Ref = tuple[str, str, str, int, int, int]


def _reference_starts(line: str) -> list[int]:
    """The places of a bare label as they were found: the line start, then every place the place
    pattern finds, but one per run of blanks."""
    vocab = kv._vocabulary()
    out: list[int] = []
    reached = -1
    at_start = vocab.bare_line_start.match(line)
    if at_start is not None:
        out.append(0)
        reached = at_start.end()
    for m in vocab.bare_place.finditer(line):
        if m.end() != reached:
            out.append(m.start() + 1)
            reached = m.end()
    return out


def _reference(line: str, bare: bool) -> list[_Ref]:
    """``kv.pairs`` by the patterns alone: the colon pattern at every colon, and on a line
    without colon labels the bare pattern at every place (bare labels asked for)."""
    vocab = kv._vocabulary()
    folded = fold_cjk(line)
    marks: list[tuple[int, int, str]] = []
    for colon in re.finditer("[:：]", line):
        m = vocab.colon.match(folded, 0, colon.end())
        if m is not None:
            marks.append((m.start(1), m.end(), m.group(1)))
    if bare and not marks and re.search(f"[|｜│\t{WHITE_SPACE}]", line):
        done = 0
        for pos in _reference_starts(line):
            if pos < done:
                continue
            m = vocab.bare.match(folded, pos)
            if m is not None:
                marks.append((m.start(1), m.end(), m.group(1)))
                done = m.end()
    out: list[_Ref] = []
    for i, (ls, vs, label) in enumerate(marks):
        ve = marks[i + 1][0] if i + 1 < len(marks) else len(line)
        raw = line[vs:ve]
        value = raw.strip().strip(kv._VALUE_EDGE).strip()
        field = vocab.field_of.get(kv._key(label))
        if value and field:
            lead = raw.find(value[0])
            out.append((field, label, value, vs + lead, vs + lead + len(value), ls))
    return out


def _lines(n: int, seed: int) -> list[str]:
    rnd = random.Random(seed)
    labels = sorted(kv._vocabulary().field_of)
    simplified_to_traditional: dict[str, str] = {}
    for t, s in traditional_forms().items():
        simplified_to_traditional.setdefault(s, t)
    before = ["", "", "我的", "a", "1", "★", "\ue000", "⺀", "（", "(", " ", "|", "，", "é", "Σ", "·", "-"]
    after = [":", "：", " : ", "  ", " | ", "\t", " ", "", "\u3000", "  ：", "｜", "\t："]
    values = ["张三", "", "13800138000", " x ", "Zhang San", "男", "  北京  ", "a@b.cn"]
    out = []
    for _ in range(n):
        parts = []
        for _ in range(rnd.randint(1, 3)):
            label = rnd.choice(labels)
            r = rnd.random()
            if r < 0.15:
                label = rnd.choice([" ", "  ", "\t", "    ", "\u3000"]).join(label)
            elif r < 0.25:
                label = label.upper()
            elif r < 0.3:
                label = label.title()
            elif r < 0.4:
                label = "".join(simplified_to_traditional.get(c, c) for c in label)
            elif r < 0.45:
                at = rnd.randrange(len(label) + 1)
                label = label[:at] + rnd.choice("\u0130\u017f\u212a") + label[at:]
            elif r < 0.5:
                label = label[1:] or label
            parts.append(rnd.choice(before) + label + rnd.choice(after) + rnd.choice(values))
        out.append(rnd.choice(["", " ", "  ", "\t", "| "]) + rnd.choice(["", " ", "  ", " | "]).join(parts))
    return out


def test_looked_up_labels_are_the_patterns_labels() -> None:
    new_document()
    for line in _lines(6000, seed=11):
        for bare in (False, True):
            got = [tuple(kv_) for kv_ in kv.pairs(line, bare=bare)]
            assert got == _reference(line, bare), (line, bare)


def test_the_table_may_be_looked_up() -> None:
    """Every key character is ASCII or caseless: the condition of the look-up."""
    assert kv._vocabulary().looked_up
