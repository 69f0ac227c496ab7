"""Character-level clean-up shared by every stage.

``halfwidth`` maps full-width ASCII forms (``１２Ｋ``) and the ideographic space to their
half-width forms **one character for one character**, so offsets computed on the cleaned
text are offsets in the original text too (evidence spans rely on it).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from ..memo import per_document

_FW = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_FW[0x3000] = 0x20  # ideographic space
_FW[0x00A0] = 0x20  # no-break space
_FW[0xFF5E] = ord("~")
for _cp in (0x2002, 0x2003, 0x2009, 0x200A, 0x202F, 0x205F):
    _FW[_cp] = 0x20
_FW[0x200B] = 0x20  # zero-width space: keeps length, reads as a blank

# Full-width punctuation whose meaning we keep in the text (colon, brackets, comma) maps too;
# CJK punctuation proper (、。「」) has no half-width form and stays.

# The regex module's \s (Unicode White_Space) spelled out, for simple patterns compiled by the
# faster re (whose own \s also takes U+001C–U+001F): both engines then read blanks alike.
WHITE_SPACE = "\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"

# Characters case-insensitive matching takes for an ASCII letter: İ, ſ and the Kelvin sign for
# the regex module, the dotless ı too for re. A quick check that stands in for a pattern by
# comparing lower case must let these through to the pattern.
REGEX_FOLDS_TO_ASCII = "\u0130\u017f\u212a"
RE_FOLDS_TO_ASCII = REGEX_FOLDS_TO_ASCII + "\u0131"

_CJK = r"\u3400-\u9fff\uf900-\ufaff"
_LETTER_SPACED = re.compile(rf"(?<=[{_CJK}])[ \t]+(?=[{_CJK}])")


# Most lines hold none of the mapped characters; finding that out in C is much cheaper than
# str.translate's per-character table lookups.
_FW_CHAR = {chr(k): chr(v) for k, v in _FW.items()}
_HAS_FW = re.compile("[" + "".join(re.escape(chr(cp)) for cp in sorted(_FW)) + "]")
# Every mapped character but the zero-width space has a compatibility decomposition (to an
# ASCII character or a space), so a text in NFKC holds none of the others. Unicode's quick check
# of that form looks each character up once, about half the work of the pattern's class test.
_NOT_DECOMPOSED = "\u200b"


def halfwidth(text: str) -> str:
    """Full-width ASCII → half-width, same length.

    A text holds a few distinct full-width marks (：，（）) many times: ``str.replace`` of each is
    C-speed where ``str.translate`` looks every character up in a dict (10x on a whole résumé).
    Every mark maps to an ASCII character, never to another mark, so the order does not matter,
    and the search for the next mark goes on from where the last one was found.
    """
    if text.isascii():  # every mapped character is outside ASCII
        return text
    return _halfwidth(text)


@per_document
def _halfwidth(text: str) -> str:
    """:func:`halfwidth` of a text outside ASCII, kept for the document: segmentation, grounding
    and the date, phone and URL readers widen the same lines and values again (and the whole
    text twice), a fifth of the calls."""
    if _NOT_DECOMPOSED not in text and unicodedata.is_normalized("NFKC", text):
        return text
    pos = 0
    while (found := _HAS_FW.search(text, pos)) is not None:
        mark = found.group()
        text = text.replace(mark, _FW_CHAR[mark])
        pos = found.end()
    return text


_BULLET_GLYPH = re.compile(r"^\s*[-–—•·●○◦◆◇■□▪▫►▶▷➢➤✓✔√★☆◎※*+>]\s*")


def strip_bullet(text: str) -> str:
    """A list item without its bullet glyph (``- ``, ``● ``, ``◇ ``); numbering such as ``1.`` is kept."""
    return _BULLET_GLYPH.sub("", text, count=1).strip()


def squash_cjk_spaces(text: str) -> str:
    """``许 嘉 宁`` → ``许嘉宁``: spaces between CJK characters carry no meaning in Chinese."""
    return _LETTER_SPACED.sub("", text)


def is_cjk(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


def cjk_ratio(text: str) -> float:
    chars = [c for c in text if not c.isspace()]
    if not chars:
        return 0.0
    return sum(1 for c in chars if is_cjk(c)) / len(chars)


def clean_value(text: str) -> str:
    """Trim separators and stray punctuation from both ends of an extracted value."""
    return text.strip(" \t|｜·•,，;；:：/\\-–—~_").strip()


@cache
def _t2s() -> tuple[dict[int, int], re.Pattern[str]]:
    """The fold table, and a pattern finding a character it folds.

    Most text (simplified Chinese, English) holds none of them, and finding that out is a scan
    in C: re turns a class of the table's ~3,700 BMP characters into a bitmap, one lookup per
    character of the text. The ~350 beyond the BMP would be tried one by one at every character,
    so the class takes every character beyond the BMP instead: a text holding one (an emoji) is
    translated, which leaves it as it is.
    """
    from .. import resources

    table = {ord(t): ord(s) for t, s, *_ in resources.rows("t2s.tsv")}
    bmp = "".join(re.escape(chr(cp)) for cp in sorted(table) if cp <= 0xFFFF)
    return table, re.compile(f"[{bmp}\U00010000-\U0010ffff]")


def fold_cjk(text: str) -> str:
    """Traditional → simplified characters, one for one (same length), for *matching* only.

    Vocabularies (headings, labels, organisation suffixes, degrees) are written in simplified
    Chinese; a traditional résumé (學歷, 國立政治大學, 碩士) is matched through this fold while
    every value is still sliced from the text as written.
    """
    if text.isascii():
        return text
    table, traditional = _t2s()
    return text if traditional.search(text) is None else text.translate(table)


def traditional_forms() -> dict[str, str]:
    """Each character :func:`fold_cjk` folds, with the one it folds it to (學 → 学)."""
    return {chr(t): chr(s) for t, s in _t2s()[0].items()}
