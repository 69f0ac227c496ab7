"""Segmentation: a document's lines → titled sections.

A heading is recognised by its words (``data/headings.tsv``: simplified, traditional and
English), after the decoration résumé templates put around it is stripped (``【工作经历】``,
``■ 项目经验``, ``一、教育背景``, ``🎓 教育经历``, letter-spaced ``教 育 背 景``, bilingual
``教育背景 Education``), or by a layout cue from intake (a Markdown ``#`` line, a Word heading
style) when the words are unknown, in which case the section is kept under key ``other``.
A heading may share its line with content (``教育背景 | 2022.09—2026.06 合肥工业大学``); the
content then opens the section. Lines before the first heading form the ``header`` section,
where contact blocks live; a résumé with no headings is one ``header`` section.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import NamedTuple

import regex

from . import resources
from .document import Document, Line
from .normalize.patterns import rx
from .normalize.text import WHITE_SPACE, fold_cjk, halfwidth, traditional_forms

# Longest heading text we accept (after decoration is stripped), in characters. Real
# headings are 2–8 CJK characters or a few English words; bilingual ones are longer.
MAX_HEADING_CHARS = 40


@dataclass(slots=True, init=False)
class SLine:
    """A line as the extractors see it: cleaned text plus where it sits in the document."""

    text: str  # half-width, same length as the original line text
    index: int  # line number in Document.lines
    offset: int  # start of the line in Document.text
    col: int = 0  # start of ``text`` inside the original line (inline-heading content)
    raw: str = ""  # the same span as written (full-width forms kept), for long texts

    def __init__(self, text: str, index: int, offset: int, col: int = 0, raw: str = "") -> None:
        # Written out (not generated with a __post_init__ for ``raw``): one call fewer for each
        # of a document's lines.
        self.text = text
        self.index = index
        self.offset = offset
        self.col = col
        self.raw = raw or text  # (the span as written is the cleaned text unless given)


@dataclass(slots=True)
class Section:
    key: str  # header, basic, intention, summary, education, ... or other
    title: str
    lines: list[SLine] = field(default_factory=list)
    heading_line: int | None = None

    @property
    def texts(self) -> list[str]:
        return [ln.text for ln in self.lines]


_DECOR_LEAD = regex.compile(
    r"""^[\s\p{So}\p{Sk}\p{Co}\p{Pd}_=~*#>|│┃║■□◆◇●○◎•·▪▫►▶▷➢➤★☆※【\[（(<《「『]*
        (?:(?:[一二三四五六七八九十]{1,3}|\d{1,2}|[IVX]{1,4})\s*[、.．:：)）]\s*)?
        [\s\p{So}\p{Co}【\[（(<《「『]*""",
    regex.X,
)
# Searched from the end ((?r)): a forward search for a trailing run tries every position of
# the line, and this runs on every line of every document.
_DECOR_TRAIL = regex.compile(r"(?r)[\s\p{So}\p{Sk}\p{Co}\p{Pd}_=~*#:：|│┃║■□◆◇●○•·▪】\]）)>》」』/]*$")
_RULE = regex.compile(r"^[\s\p{Pd}_=~*#·•.。\u2500-\u257f\u2580-\u259f]{3,}$")


def _char_test(char_class: str) -> Callable[[str], bool]:
    """Whether a character is in ``char_class`` (a class of the regex module), kept per character.

    The decoration and rule patterns run on every line of every document, yet most lines start
    and end with a character none of them can take: asking the class about that one character
    settles it, and a line's first and last characters are a few hundred distinct ones.
    """
    member = regex.compile(f"[{char_class}]")

    @lru_cache(maxsize=4096)
    def test(ch: str) -> bool:
        return member.match(ch) is not None

    return test


# The characters _DECOR_LEAD's match can start with: its first class (the last class is part of
# it) and the numbering's first characters; _DECOR_TRAIL's and _RULE's classes. Another first
# (last) character leaves the lead (trail) empty and fails _RULE.
_may_lead = _char_test(
    r"\s\p{So}\p{Sk}\p{Co}\p{Pd}_=~*#>|│┃║■□◆◇●○◎•·▪▫►▶▷➢➤★☆※【\[（(<《「『一二三四五六七八九十\dIVX"
)
_may_trail = _char_test(r"\s\p{So}\p{Sk}\p{Co}\p{Pd}_=~*#:：|│┃║■□◆◇●○•·▪】\]）)>》」』/")
_may_rule = _char_test(r"\s\p{Pd}_=~*#·•.。\u2500-\u257f\u2580-\u259f")


def _is_rule(text: str) -> bool:
    """A line drawn with dashes, equals signs, dots or box-drawing characters (``text`` is not empty)."""
    return _may_rule(text[0]) and _RULE.match(text) is not None


@cache
def _vocab() -> dict[str, str]:
    table: dict[str, str] = {}
    for key, *names in resources.rows("headings.tsv"):
        for name in names:
            table[_fold(name)] = key
    return table


_JOINERS = re.compile(f"[{WHITE_SPACE}·•\\-_/&+,]+")
# Literal words (no class, no flag): re reads them as regex does, at a fraction of the call cost.
_AWARD_WORD = re.compile(r"获奖|荣誉|奖项|award|honou?r")
_CERT_WORDS = ("证书", "资格", "certific")
_CERT_WORD = re.compile("|".join(_CERT_WORDS))
# A character of each certificate word that other lines seldom hold: a fold holding a word holds
# its character, so a text with no character folding to one of these holds no certificate word.
_CERT_MARKS = frozenset("书格f")
_LATIN = re.compile(r"[A-Za-z]")
# A bilingual heading splits where Han meets Latin across blanks and at most one bar or slash,
# the points of the regex module's
#     (?<=\p{Han})\s*[|/]?\s*(?=[A-Za-z])|(?<=[A-Za-z])\s*[|/]?\s*(?=\p{Han})
# Every such gap has an ASCII letter at one end and a Han character at the other, and reads the
# same both ways: this pattern (regex's \s is WHITE_SPACE) finds the gaps after a letter in the
# text, and the gaps before one in the text reversed, led by the letter, which re skips to in C
# (a CJK line has few). A non-ASCII character stands for the Han one, so each gap found is
# checked; none hides a split point (a gap holds blanks and a bar only, and the pattern's
# greedy gap is the split's whole gap where the split's is a gap at all).
_LATIN_GAP = re.compile(f"[A-Za-z]([{WHITE_SPACE}]*[|/]?[{WHITE_SPACE}]*)(?=[^\\x00-\\x7f])")
_is_han = _char_test(r"\p{Han}")


def _fold(text: str) -> str:
    """Comparable form of a heading: half-width (＆ is &), lower-case, no spaces or joiners."""
    return _fold_half(halfwidth(text))


def _fold_half(text: str) -> str:
    """:func:`_fold` of a text already half-width."""
    folded = fold_cjk(text).lower()
    if folded.isalnum():  # every joiner is a blank or a mark: none here, and no " and " either
        return folded
    return _JOINERS.sub("", folded.replace(" and ", "&"))


def _strip_decor(text: str) -> str:
    t = text.strip()
    # Three digits open no numbering (at most two, then a mark) and no decoration: dates.
    if t and _may_lead(t[0]) and not ("0" <= t[0] <= "9" and t[:3].isdigit()):
        lead = _DECOR_LEAD.match(t)
        if lead is not None:
            t = t[lead.end() :]
    if t and _may_trail(t[-1]):
        trail = _DECOR_TRAIL.search(t)
        if trail is not None:
            t = t[: trail.start()]
    return t.strip()


def heading_key(text: str) -> str | None:
    """The section key of a heading text, or ``None`` when the text is not a known heading."""
    return _heading_key(halfwidth(text))


def _heading_key(text: str) -> str | None:
    """:func:`heading_key` of a text already half-width (every line segmentation reads is)."""
    gates = _gates()
    if gates.plain_content.match(text):  # most lines of a Chinese résumé
        return None
    core = _strip_decor(text)
    if not core or len(core) > MAX_HEADING_CHARS:
        return None
    vocab = _vocab()
    # Most lines hold a character no heading folds from, and are no vocabulary heading.
    folded = _fold_half(core) if gates.not_heading_char.search(core) is None else None
    if folded is not None:
        key = vocab.get(folded)
        if key:
            return key
    # Bilingual: 教育背景 Education / Education 教育背景 / 工作经历 | Work Experience
    if not core.isascii() and _LATIN.search(core):
        parts = _bilingual_halves(core)
        if parts is not None:
            keys = {vocab.get(_fold_half(_strip_decor(p))) for p in parts}
            keys.discard(None)
            if len(keys) == 1:
                return keys.pop()
    if gates.cert_mark.search(core) is not None:  # (see _CERT_MARKS)
        folded = _fold_half(core) if folded is None else folded
        if len(folded) <= 12 and _AWARD_WORD.search(folded) and _CERT_WORD.search(folded):
            return "awards_certs"
    return None


class _Gates(NamedTuple):
    """Scans that tell :func:`_heading_key` a text is no heading, or its fold not worth making."""

    not_heading_char: re.Pattern[str]
    """Finds a character no vocabulary heading folds from: the fold keeps every character but a
    joiner (and the letters of " and ", which headings hold) as its folded, lower-case form, so
    such a character is in the fold and the fold is no heading."""
    cert_mark: re.Pattern[str]
    """Finds a character whose fold is one of :data:`_CERT_MARKS`: without one, the fold holds
    no certificate word."""
    plain_content: re.Pattern[str]
    """Matches a text with a CJK ideograph that is neither a heading character nor a numeral, or
    with three digits in a row, and without an ASCII letter or a certificate word's mark. No
    decoration takes such an ideograph (the decoration classes hold none, the numbering only 一
    to 十) nor three digits (the numbering takes two, then a mark), so the core holds one, and
    is then no vocabulary heading; without a letter it is not bilingual, and without the mark
    its fold holds no certificate word: the text is no heading."""


@cache
def _gates() -> _Gates:
    """The :class:`_Gates` for the vocabulary (built on first use: it needs the tables)."""
    alphabet = set("".join(_vocab()))
    # A character that fold_cjk leaves and lower-cases to itself folds to itself. The others
    # are the characters fold_cjk folds, and the ones whose lower case differs: of those, only
    # A-Z and the Kelvin sign lower-case to ASCII letters (and none to a Han character).
    upper = {c.upper() for c in alphabet | _CERT_MARKS if c.isascii()}
    candidates = alphabet | _CERT_MARKS | upper | set(traditional_forms()) | {"\u212a"}
    heading_chars = {c for c in candidates if set(fold_cjk(c).lower()) <= alphabet}
    cert_chars = [c for c in candidates if set(fold_cjk(c).lower()) & _CERT_MARKS]
    escape = "".join(re.escape(c) for c in sorted(heading_chars))
    ideographs = [chr(cp) for cp in range(0x4E00, 0xA000)]
    content = [c for c in ideographs if c not in heading_chars and c not in "一二三四五六七八九十"]
    cert_not_ascii = "".join(re.escape(c) for c in sorted(cert_chars) if not c.isascii())
    return _Gates(
        not_heading_char=re.compile(f"[^{WHITE_SPACE}·•\\-_/&+,{escape}]"),  # (the joiners, then the rest)
        cert_mark=re.compile(f"[{''.join(re.escape(c) for c in sorted(cert_chars))}]"),
        plain_content=re.compile(
            f"(?s)(?=.*?(?:[{_class_of(content)}]|[0-9]{{3}}))[^A-Za-z{cert_not_ascii}]*\\Z"
        ),
    )


def _class_of(chars: list[str]) -> str:
    """The body of a re character class holding exactly ``chars`` (sorted), as ranges."""
    runs: list[list[int]] = []
    for cp in map(ord, chars):
        if runs and runs[-1][1] == cp - 1:
            runs[-1][1] = cp
        else:
            runs.append([cp, cp])
    return "".join(
        re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in runs
    )


def _bilingual_halves(core: str) -> tuple[str, str] | None:
    """``core`` split in two at the one point where Han meets Latin, or ``None`` unless that point is one."""
    # A split point is inside the text (after one character, before another), and the next one
    # is beyond the letter or Han character that follows: n split points leave n + 1 parts,
    # none empty. A point with the letter first is found in the text, one with the letter after
    # in the text reversed: never both.
    cut: tuple[int, int] | None = None
    n = len(core)
    for text, reversed_ in ((core, False), (core[::-1], True)):
        for gap in _LATIN_GAP.finditer(text):
            start, end = gap.span(1)
            if not _is_han(text[end]):
                continue
            if cut is not None:
                return None  # three parts or more
            cut = (n - end, n - start) if reversed_ else (start, end)
    return None if cut is None else (core[: cut[0]], core[cut[1] :])


# Content after a heading on the same line is set apart by a bar, a tab or a wide gap. (re, with
# regex's \s spelled out: no Unicode property is needed, and re matches it in half the time. The
# lookahead is the character every separator starts with, so most ends of the head are left
# after one test instead of three alternatives.)
_INLINE = re.compile(
    f"^(?P<head>.{{2,24}}?)(?=[{WHITE_SPACE}|｜│])"
    f"(?:[{WHITE_SPACE}]*[|｜│][{WHITE_SPACE}]*|\t+[{WHITE_SPACE}]*|[{WHITE_SPACE}]{{2,}})"
    f"(?P<rest>[^{WHITE_SPACE}].*)$"
)
# A bar or tab, or two blanks: led by one class (the bar or tab is itself, a blank needs a
# blank after it), which re scans for in C instead of trying both branches at every position.
_INLINE_GAP = re.compile(f"[|｜│\t{WHITE_SPACE}](?:(?<=[|｜│\t])|[{WHITE_SPACE}])")


def _heading_shaped(text: str) -> bool:
    """A short all-Han line ending in a heading noun."""
    # The folded text _HEADING_NOUN matches ends in one of its nouns' last characters, a Han
    # character that the blanks squash removes (all str.isspace) can only follow: most lines
    # fail this one-character test, before the squash and the match.
    if text.rstrip()[-1:] not in _noun_end_forms():
        return False
    core = squash(text)
    return len(core) <= _HEADING_NOUN_MAX and _HEADING_NOUN.match(fold_cjk(core)) is not None


# _INLINE's separator starts after a head of 2 to 24 characters: a bar or tab at 2..25 (after
# at most one blank) or two blanks from 2..24 on, so a gap is looked for there only.
_GAP_FROM, _GAP_TO = 2, 24 + 3


def _split_inline(text: str) -> tuple[str, str, int] | None:
    if not _INLINE_GAP.search(text, _GAP_FROM, _GAP_TO):  # most lines: no bar, tab or wide gap
        return None
    m = _INLINE.match(text)
    if not m:
        return None
    head = m.group("head")
    if m.group("rest").count("|") + m.group("rest").count("｜") >= 2:
        return None  # "学 历 | 本科 | 专 业 | …": a form's grid row, not a heading
    key = _heading_key(head)
    if key is None:
        return None
    return key, m.group("rest"), m.start("rest")


_KEYWORD_KEYS = (
    ("intention", regex.compile(r"意向|求职")),
    ("internship", regex.compile(r"实习")),
    ("projects", regex.compile(r"项目|课题|作品")),
    ("education", regex.compile(r"教育|学历|学习")),
    ("work", regex.compile(r"工作|任职|职业经历|履历")),
    ("awards", regex.compile(r"荣誉|获奖|奖项|竞赛")),
    ("certificates", regex.compile(r"证书|资格|资质")),
    ("skills", regex.compile(r"技能|技术|专长")),
    ("languages", regex.compile(r"语言|外语")),
    ("summary", regex.compile(r"评价|总结|优势|简介|概述|自述")),
)
# Section headings end in one of these nouns; a short all-Han line that does (and does not
# start with a verb) is a heading even in plain type.
_HEADING_NOUNS = (
    "荣誉",
    "奖项",
    "获奖",
    "经历",
    "经验",
    "技能",
    "证书",
    "背景",
    "评价",
    "总结",
    "情况",
    "意向",
    "简介",
    "资质",
)
_HEADING_NOUN = regex.compile(
    r"^(?!获得|负责|参与|担任|主导|完成|取得|荣获)\p{Han}{2,6}(?:与|及|和)?\p{Han}{0,4}"
    f"(?:{'|'.join(_HEADING_NOUNS)})$"
)
_HEADING_NOUN_MAX = 6 + 1 + 4 + 2  # the longest text it can match
_HEADING_NOUN_ENDS = frozenset(noun[-1] for noun in _HEADING_NOUNS)


@cache
def _noun_end_forms() -> frozenset[str]:
    """The characters :func:`fold_cjk` folds to a heading noun's last one (歷 and 曆 for 历, 历 itself)."""
    # A character fold_cjk does not fold is left as it is: only the ends and the folded
    # characters can fold to an end.
    candidates = _HEADING_NOUN_ENDS.union(traditional_forms())
    return frozenset(ch for ch in candidates if fold_cjk(ch) in _HEADING_NOUN_ENDS)


_HAN_WORDS = regex.compile(r"[\p{Han}&与及和/]+")
_NOT_HEADING_TAIL = regex.compile(r"(?:描述|内容|职责|名称|时间|业绩|成果|地点|角色|职务|背景)$")


_EN_KEYWORD_KEYS = (
    ("internship", r"\bintern"),
    ("projects", r"\bprojects?\b|open source|portfolio"),
    ("education", r"\beducation|academic"),
    ("work", r"\bexperience|employment|career"),
    ("awards", r"\bawards?\b|honou?rs?\b|achievements?"),
    ("certificates", r"\bcertific|licen[cs]e"),
    ("skills", r"\bskills?\b|technolog|technical|tools\b"),
    ("languages", r"\blanguages?\b"),
    ("summary", r"\bsummary|profile|about\b"),
)


def _keyword_key(text: str) -> str | None:
    core = squash(_strip_decor(fold_cjk(halfwidth(text))))
    latin = _strip_decor(halfwidth(text)).lower()
    if rx(r"[a-z &/\-]{3,40}").fullmatch(latin) and len(latin.split()) <= 4:
        for key, pattern in _EN_KEYWORD_KEYS:  # "Technical & Skill", "Open Source Project"
            if rx(pattern).search(latin):
                return key
        return None
    if (
        not (2 <= len(core) <= 8)
        or not _HAN_WORDS.fullmatch(core)
        or _NOT_HEADING_TAIL.search(core)
        or rx(r"简历|履历").search(core)  # the document's title (求职简历), not a section
    ):
        return None
    for key, keyword in _KEYWORD_KEYS:
        if keyword.search(core):
            return key
    return None


_SPACES = re.compile(f"[{WHITE_SPACE}]+")


def squash(text: str) -> str:
    return _SPACES.sub("", text)


def _emphasis(doc: Document, texts: list[str], keys: dict[int, str | None]) -> tuple[bool, float]:
    """Whether this document marks headings by weight or size, and its body font size.

    PDFs and DOCX files set headings bold or larger; where most vocabulary headings are so
    marked, a vocabulary word in body type (a "语言" sub-label inside a skills sidebar) is
    not a heading. ``texts`` are the lines half-width; the heading key of each line looked at
    is kept in ``keys`` (by line index) for :func:`segment`.
    """
    sizes = sorted(ln.size for ln in doc.lines if ln.size)
    if len(sizes) < 5:
        return False, 0.0
    body = sizes[len(sizes) // 2]
    marked = unmarked = 0
    for i, ln in enumerate(doc.lines):
        if not ln.size:
            continue
        key = keys[i] = _heading_key(texts[i].strip())
        if key is not None:
            if _emphasised(ln, body):
                marked += 1
            else:
                unmarked += 1
    return marked >= 3 and marked >= 2 * unmarked, body


def _emphasised(line: Line, body: float) -> bool:
    return line.bold or line.heading or bool(line.size and line.size >= body * 1.12)


def segment(doc: Document) -> list[Section]:
    """Split ``doc`` into sections in document order (the first is always ``header``)."""
    sections = [Section("header", "")]
    offset = 0
    known: dict[int, str | None] = {}
    texts = _halfwidth_lines(doc.lines)
    needs_emphasis, body_size = _emphasis(doc, texts, known)
    noun_ends = _noun_end_forms()
    for i, line in enumerate(doc.lines):
        raw = line.text
        text = texts[i]
        start = offset
        offset += len(raw) + 1
        stripped = text.strip()
        if not stripped or _is_rule(stripped):
            continue
        key = known[i] if i in known else _heading_key(stripped)
        if key is not None and needs_emphasis and not _emphasised(line, body_size):
            key = None
        if key is None and (needs_emphasis or line.heading) and _emphasised(line, body_size or 1e9):
            key = _keyword_key(stripped)
        # (_heading_shaped's first test, asked here: most lines end in no heading noun)
        if key is None and stripped[-1] in noun_ends and _heading_shaped(stripped):
            key = _keyword_key(stripped)  # "教学成果与荣誉": unknown words, a heading's shape
        if key is not None and _plausible_heading(stripped):
            sections.append(Section(key, _strip_decor(stripped), heading_line=i))
            continue
        inline = _split_inline(stripped)
        if inline is not None:
            key, rest, col = inline
            lead = len(text) - len(text.lstrip())
            sections.append(Section(key, _strip_decor(stripped[:col]), heading_line=i))
            sections[-1].lines.append(SLine(rest, i, start, lead + col, raw[lead + col :]))
            continue
        at_top = len(sections) == 1 and not sections[0].lines  # "# 王小明" / a Word Title: the name
        if (
            line.heading
            and not at_top
            and len(_strip_decor(stripped)) <= MAX_HEADING_CHARS // 2
            and not _has_digits(stripped)
        ):
            sections.append(Section("other", _strip_decor(stripped), heading_line=i))
            continue
        sections[-1].lines.append(SLine(text, i, start, 0, raw))
    return sections


def _halfwidth_lines(lines: list[Line]) -> list[str]:
    """:func:`halfwidth` of each line's text, done over the whole document at once."""
    # halfwidth maps one character to one and never to or from a newline, so the lines joined
    # by newlines come back apart unchanged, unless a line held a newline of its own.
    texts = halfwidth("\n".join([line.text for line in lines])).split("\n")
    if len(texts) != len(lines):
        return [halfwidth(line.text) for line in lines]
    return texts


def _plausible_heading(text: str) -> bool:
    """Reject key-value lines whose label happens to be a heading word (``语言：英语``)."""
    return not _COLON_VALUE.search(text)


_COLON_VALUE = regex.compile(r"[:：]\s*\S")
_DIGIT_RUN = regex.compile(r"\d{3,}")


def _has_digits(text: str) -> bool:
    return bool(_DIGIT_RUN.search(text))


# Sections whose lines may be sub-labelled with another section's name ("证书：CFA、…" inside
# 技能与证书, "语言：英语 雅思 7.0" inside 其他).
_ROUTABLE = {
    "skills",
    "certificates",
    "awards",
    "awards_certs",
    "other",
    "languages",
    "header",
    "basic",
    "education",
    "summary",
}
_SPOKEN = regex.compile(
    r"英语|日语|韩语|法语|德语|粤语|普通话|English|Mandarin|Cantonese|Japanese|Korean|French|German|CET|IELTS|TOEFL|雅思|托福",
    regex.I,
)
_SUB_LABEL = regex.compile(
    r"^\s*(?:[-•·●◆◇■*]\s*)?(?P<label>[\p{Han}A-Za-z &]{2,12}?)\s*[:：]\s*(?P<rest>\S.*)$"
)


def route_sub_labels(sections: list[Section]) -> list[Section]:
    """Move ``LABEL：items`` lines whose label names another section into that section."""
    out: list[Section] = []
    for sec in sections:
        if sec.key not in _ROUTABLE:
            out.append(sec)
            continue
        keep = Section(sec.key, sec.title, heading_line=sec.heading_line)
        out.append(keep)
        for ln in sec.lines:
            # (the label ends at a colon: most lines have none, and skip the match)
            m = _SUB_LABEL.match(ln.text) if ":" in ln.text or "：" in ln.text else None
            key = _heading_key(m.group("label")) if m else None  # (line texts are half-width)
            if key == "basic" and sec.key in ("header", "basic"):
                key = None
            if (
                key == "languages"
                and sec.key == "skills"
                and not _SPOKEN.search(m.group("rest") if m else "")
            ):
                key = None  # "Languages: Python, C++" in a skills section means programming languages
            if m is None or key is None or key in ("other", "work", "education", "projects"):
                keep.lines.append(ln)
                continue
            if sec.key in ("header", "basic") and key not in (
                "skills",
                "certificates",
                "languages",
                "awards",
            ):
                keep.lines.append(ln)
                continue
            start = m.start("rest")
            out.append(
                Section(
                    key,
                    m.group("label"),
                    [SLine(ln.text[start:], ln.index, ln.offset, ln.col + start, ln.raw[start:])],
                )
            )
    return out
