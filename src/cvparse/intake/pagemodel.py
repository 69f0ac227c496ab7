"""The engine-neutral view of a PDF page that the layout code works on.

Both PDF engines (pdfplumber and pdfium) are reduced to the same three facts per page:
positioned glyphs, thin ruling segments and the page size. Everything after that (lines,
columns, tables, page furniture) is shared, so the two engines can only differ in what they
read, never in how it is laid out. Coordinates are PDF points with the origin at the top-left
corner (``top`` grows downwards), as pdfplumber reports them.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

# CJK Radicals Supplement code points that some producers (Chrome/Skia on macOS: e013) emit
# instead of the unified ideograph. NFKC only covers ⺟ and ⻳ in this block, so the
# simplified-radical forms that double as ordinary characters are mapped by hand.
_RADICALS_SUPPLEMENT = {
    "\u2e8a": "卜",
    "\u2e8e": "兀",
    "\u2e9f": "母",
    "\u2ea0": "民",
    "\u2ea9": "王",
    "\u2eaa": "疋",
    "\u2eae": "竹",
    "\u2eb7": "羊",
    "\u2ebb": "聿",
    "\u2ec1": "虎",
    "\u2ec2": "衤",
    "\u2ec3": "覀",
    "\u2ec4": "西",
    "\u2ec5": "见",
    "\u2ec6": "角",
    "\u2ec8": "讠",
    "\u2ec9": "贝",
    "\u2ecb": "车",
    "\u2ecc": "辶",
    "\u2ecd": "辶",
    "\u2ed0": "钅",
    "\u2ed1": "長",
    "\u2ed3": "长",
    "\u2ed4": "门",
    "\u2ed7": "雨",
    "\u2ed8": "青",
    "\u2ed9": "韦",
    "\u2eda": "页",
    "\u2edb": "风",
    "\u2edc": "飞",
    "\u2edd": "食",
    "\u2ee0": "饣",
    "\u2ee2": "马",
    "\u2ee3": "骨",
    "\u2ee4": "鬼",
    "\u2ee5": "鱼",
    "\u2ee6": "鸟",
    "\u2ee7": "卤",
    "\u2ee8": "麦",
    "\u2ee9": "黄",
    "\u2eea": "黾",
    "\u2eec": "齐",
    "\u2eee": "齿",
    "\u2ef0": "龙",
    "\u2ef3": "龟",
}
_KANGXI_FIRST, _KANGXI_LAST = 0x2F00, 0x2FD5
_PUA_RANGES = ((0xE000, 0xF8FF), (0xF0000, 0xFFFFD), (0x100000, 0x10FFFD))


@dataclass(slots=True, init=False)
class Glyph:
    """One character on the page. ``text`` may be a space (a word-break hint) or a marker.

    ``baseline`` is the y of the glyph origin when the engine knows it: boxes of different
    fonts on one baseline can sit apart (pdfminer takes them from each font's descent; e003
    sets Latin and CJK fonts with very different ones), so rows are built from baselines.
    ``base`` is the baseline, or ``bottom`` when the engine gave none; ``cx`` is the
    horizontal centre.
    ``unmapped`` is set when the engine could not map the glyph to Unicode (pdfminer's
    ``(cid:N)``, pdfium's unicode-map error): such glyphs never reach the text but count
    against the text layer's quality.

    Not frozen, for speed: every glyph of every page is built here, and a frozen dataclass
    sets each field through ``object.__setattr__`` (about three times the cost). A glyph is
    never changed once built (``base`` and ``cx`` would go stale): code that needs another
    one builds a new glyph.
    """

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    bold: bool
    unmapped: bool
    baseline: float | None
    # set once here rather than properties: the layout reads them for every glyph, as sort
    # keys among others
    base: float = field(init=False, repr=False, compare=False)
    cx: float = field(init=False, repr=False, compare=False)

    def __init__(
        self,
        text: str,
        x0: float,
        top: float,
        x1: float,
        bottom: float,
        size: float,
        bold: bool = False,
        unmapped: bool = False,
        baseline: float | None = None,
    ) -> None:
        self.text = text
        self.x0 = x0
        self.top = top
        self.x1 = x1
        self.bottom = bottom
        self.size = size
        self.bold = bold
        self.unmapped = unmapped
        self.baseline = baseline
        self.base = bottom if baseline is None else baseline
        self.cx = (x0 + x1) / 2

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass(frozen=True, slots=True)
class Rule:
    """A thin axis-aligned segment (a table border, an underline); ``horizontal`` says which."""

    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def horizontal(self) -> bool:
        return (self.x1 - self.x0) >= (self.bottom - self.top)


@dataclass(frozen=True, slots=True)
class PageContent:
    """What an engine read from one page."""

    index: int
    width: float
    height: float
    glyphs: tuple[Glyph, ...]
    rules: tuple[Rule, ...]


def is_private_use(ch: str) -> bool:
    """Icon-font glyphs (FontAwesome and friends) extract as private-use code points."""
    cp = ord(ch)
    return any(lo <= cp <= hi for lo, hi in _PUA_RANGES)


def normalize_glyph_text(text: str) -> str:
    """Map radical code points to the ideographs they stand for; drop icon glyphs.

    Only these two repairs are made: full-width forms and other compatibility characters are
    data (the contract keeps text as written), so a blanket NFKC is not applied.
    """
    if len(text) == 1 and (0x20 <= ord(text) < 0x7F or 0x3000 <= ord(text) < 0xE000):
        return text  # the common case (ASCII, CJK) needs no lookups
    out: list[str] = []
    for ch in text:
        cp = ord(ch)
        if _KANGXI_FIRST <= cp <= _KANGXI_LAST:
            out.append(unicodedata.normalize("NFKC", ch))
        elif ch in _RADICALS_SUPPLEMENT:
            out.append(_RADICALS_SUPPLEMENT[ch])
        elif is_private_use(ch) or (unicodedata.category(ch) == "Cc" and not ch.isspace()):
            continue
        else:
            out.append(ch)
    return "".join(out)


__all__ = ["Glyph", "PageContent", "Rule", "is_private_use", "normalize_glyph_text"]
