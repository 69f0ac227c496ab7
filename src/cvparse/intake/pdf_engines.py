"""The two PDF engines, each reduced to :class:`~.pagemodel.PageContent` per page.

pdfplumber (pdfminer.six, pure Python) is the reference: it maps CID fonts without a
ToUnicode map (e001, e002) and rebuilds odd reading orders (e014). pdfium (C++, through
pypdfium2) reads the same glyphs an order of magnitude faster. Both feed the same layout code,
so they differ only in what they read. Each engine is imported inside its functions:
``import cvparse`` must not pay for either.

Opening and page-count errors are left to the caller (:mod:`.pdf`), which turns every engine
exception into a :mod:`cvparse.errors` class.
"""

from __future__ import annotations

import ctypes
import io
import itertools
import math
import re
from collections.abc import Iterator
from typing import Any, Protocol

from .pagemodel import Glyph, PageContent, Rule

# Font names that say bold. Chromium's synthetic bold uses Type 3 fonts instead (see below).
_BOLD_NAME = re.compile(r"bold|black|heavy|semibold|demibold|-bd\b|\bbd\b", re.IGNORECASE)
# Chromium (Skia) fakes bold for fonts without a bold face by drawing outlines as Type 3
# glyphs, one tiny font per glyph run; their text is the headings and titles (d001, d005 ...).
# A page that is mostly Type 3 (old dvips output) is not "all bold", so the cue is only used
# while Type 3 glyphs are a minority of the page.
TYPE3_BOLD_MAX_SHARE = 0.5
# Segments shorter than this (points) are a rectangle's thickness, not a rule.
MIN_RULE_LENGTH = 2.0
# Glyphs rotated more than this (radians) are watermarks or vertical decorations (e012).
MAX_GLYPH_ANGLE = 0.05
_CID_TOKEN = re.compile(r"^\(cid:\d+\)$")


class Engine(Protocol):
    """What :func:`cvparse.intake.pdf.read_pdf` needs from an engine."""

    def page_count(self, stop: int | None = None) -> int:
        """The number of pages; past ``stop`` it may be any number over ``stop``."""
        ...

    def pages(self) -> Iterator[PageContent]: ...

    def close(self) -> None: ...


def edges(x0: float, top: float, x1: float, bottom: float, stroked: bool) -> list[Rule]:
    """A rectangle as rules: a thin one is a rule along its length, a stroked one its sides.

    A filled rectangle without a stroke is a background (a sidebar, a title bar, WPS's white
    box behind every text span in e010), not a border, so it yields nothing.
    """
    width, height = x1 - x0, bottom - top
    if height < MIN_RULE_LENGTH <= width or width < MIN_RULE_LENGTH <= height:
        return [Rule(x0, top, x1, bottom)]
    if not stroked or (width < MIN_RULE_LENGTH and height < MIN_RULE_LENGTH):
        return []
    return [
        Rule(x0, top, x1, top),
        Rule(x0, bottom, x1, bottom),
        Rule(x0, top, x0, bottom),
        Rule(x1, top, x1, bottom),
    ]


def segment_rule(ax: float, ay: float, bx: float, by: float) -> Rule | None:
    """A drawn straight segment as a rule, if it is axis-aligned and long enough."""
    x0, x1 = sorted((ax, bx))
    top, bottom = sorted((ay, by))
    if (x1 - x0 >= MIN_RULE_LENGTH and bottom - top < MIN_RULE_LENGTH) or (
        bottom - top >= MIN_RULE_LENGTH and x1 - x0 < MIN_RULE_LENGTH
    ):
        return Rule(x0, top, x1, bottom)
    return None


# -- pdfplumber ------------------------------------------------------------------------------


class PlumberEngine:
    """pdfplumber: chars with fontname/size, rects and lines."""

    def __init__(self, data: bytes) -> None:
        import pdfplumber

        self._pdf = pdfplumber.open(io.BytesIO(data), password="")

    def page_count(self, stop: int | None = None) -> int:
        """From the page tree's /Count when it is sane, so a huge file is refused unread.

        Without one, the page tree is walked, but only to ``stop + 1`` pages: pdfminer parses
        every page dictionary it passes (about 1 ms each).
        """
        from pdfminer.pdfpage import PDFPage
        from pdfminer.pdftypes import resolve1

        try:
            count = resolve1(resolve1(self._pdf.doc.catalog["Pages"])["Count"])
            if isinstance(count, int) and count > 0:
                return count
        except Exception:  # a broken /Count: fall back to walking the page tree
            pass
        walk = PDFPage.create_pages(self._pdf.doc)
        return sum(1 for _ in itertools.islice(walk, None if stop is None else stop + 1))

    def pages(self) -> Iterator[PageContent]:
        # Page by page from pdfminer's page-tree walk, not ``pdfplumber.PDF.pages``: that list
        # parses every page dictionary of the file before the first page can be read.
        from pdfminer.pdfpage import PDFPage
        from pdfplumber.page import Page

        doctop = 0.0
        for index, page_obj in enumerate(PDFPage.create_pages(self._pdf.doc)):
            page = Page(self._pdf, page_obj, page_number=index + 1, initial_doctop=doctop)
            doctop += float(page.height)
            type3 = _type3_font_names(page)
            chars = page.chars
            type3_share = sum(1 for c in chars if c["fontname"] in type3) / max(len(chars), 1)
            use_type3 = type3_share <= TYPE3_BOLD_MAX_SHARE
            glyphs = tuple(
                _plumber_glyph(c, use_type3 and c["fontname"] in type3)
                for c in chars
                if c.get("upright", True)
            )
            rules: list[Rule] = []
            for r in page.rects:
                rules.extend(edges(r["x0"], r["top"], r["x1"], r["bottom"], bool(r.get("stroke"))))
            for ln in page.lines:
                pts = ln.get("pts") or [(ln["x0"], ln["top"]), (ln["x1"], ln["bottom"])]
                for (ax, ay), (bx, by) in itertools.pairwise(pts):
                    rule = segment_rule(ax, ay, bx, by)
                    if rule is not None:
                        rules.append(rule)
            yield PageContent(index, float(page.width), float(page.height), glyphs, tuple(rules))
            page.close()

    def close(self) -> None:
        # Not ``PDF.close()``: it builds the list of every page (see ``pages``) just to close
        # them; the pages read here were closed one by one.
        self._pdf.flush_cache()
        self._pdf.stream.close()


def _plumber_glyph(c: dict[str, Any], type3: bool) -> Glyph:
    text = str(c["text"])
    unmapped = bool(_CID_TOKEN.match(text))
    bold = type3 or bool(_BOLD_NAME.search(str(c["fontname"])))
    return Glyph(
        text,
        float(c["x0"]),
        float(c["top"]),
        float(c["x1"]),
        float(c["bottom"]),
        float(c["size"]),
        bold,
        unmapped,
        float(c["top"]) + float(c["y1"]) - float(c["matrix"][5]),
    )


def _type3_font_names(page: Any) -> set[str]:
    """Names pdfminer reports for the page's Type 3 fonts (their descriptor's FontName)."""
    from pdfminer.pdftypes import resolve1

    names: set[str] = set()
    try:
        fonts = resolve1(resolve1(page.page_obj.resources).get("Font")) or {}
        for ref in fonts.values():
            font = resolve1(ref)
            if getattr(font.get("Subtype"), "name", None) != "Type3":
                continue
            descriptor = resolve1(font.get("FontDescriptor")) or {}
            name = resolve1(descriptor.get("FontName"))
            names.add(getattr(name, "name", "unknown") if name is not None else "unknown")
    except Exception:  # odd resources only cost the bold cue
        return set()
    return names


# -- pdfium ----------------------------------------------------------------------------------


class PdfiumEngine:
    """pdfium through pypdfium2's raw bindings: the same glyph facts, read in C."""

    def __init__(self, data: bytes) -> None:
        import pypdfium2

        self._data = data  # pdfium reads from this buffer lazily; keep it alive
        self._pdf = pypdfium2.PdfDocument(data, password="")

    def page_count(self, stop: int | None = None) -> int:
        return len(self._pdf)

    def pages(self) -> Iterator[PageContent]:
        for index in range(len(self._pdf)):
            page = self._pdf[index]
            try:
                width, height = page.get_size()
                textpage = page.get_textpage()
                try:
                    glyphs = tuple(_pdfium_glyphs(textpage.raw, height))
                finally:
                    textpage.close()
                rules = tuple(_pdfium_rules(page.raw, height))
            finally:
                page.close()
            yield PageContent(index, float(width), float(height), glyphs, rules)

    def close(self) -> None:
        self._pdf.close()


def _pdfium_glyphs(tp: Any, height: float) -> Iterator[Glyph]:
    import pypdfium2.raw as raw

    # The engine's hot loop (about 1 µs per ctypes call): the functions are bound to locals
    # once, a font name is decoded and tested for "bold" once per font, and pdfium computes a
    # char's angle from its matrix alone, so the angle is asked once per matrix. (Font size
    # and name come from the char's text object, but most producers here put one or two
    # glyphs in each text object, so caching by object costs a call more than it saves.)
    get_unicode, get_box, get_origin = (
        raw.FPDFText_GetUnicode,
        raw.FPDFText_GetLooseCharBox,
        raw.FPDFText_GetCharOrigin,
    )
    get_angle, get_matrix, get_size = (
        raw.FPDFText_GetCharAngle,
        raw.FPDFText_GetMatrix,
        raw.FPDFText_GetFontSize,
    )
    get_font, map_error = raw.FPDFText_GetFontInfo, raw.FPDFText_HasUnicodeMapError
    box = raw.FS_RECTF()
    matrix = raw.FS_MATRIX()
    name = ctypes.create_string_buffer(128)
    ox, oy = ctypes.c_double(), ctypes.c_double()
    flags = ctypes.c_int()
    flags_ref = ctypes.byref(flags)
    bold_of: dict[bytes, bool] = {}
    upright: dict[tuple[float, float, float, float], bool] = {}  # matrix -> not rotated
    hypot = math.hypot
    count = raw.FPDFText_CountChars(tp)
    infos: list[tuple[int, Glyph]] = []
    last_size = 1.0
    for i in range(count):
        code = get_unicode(tp, i)
        if code in (0x0D, 0x0A, 0xFFFE, 0x02):  # generated line breaks and hyphen markers
            continue
        text = chr(code) if 0 < code < 0x110000 else ""
        if not get_box(tp, i, box):
            continue
        bottom = height - box.bottom
        top = height - box.top
        get_origin(tp, i, ox, oy)
        base = height - oy.value
        if text.isspace():
            # generated spaces are zero-size points on the baseline: give them the line's size
            infos.append((i, Glyph(" ", box.left, top, box.right, bottom, last_size, baseline=base)))
            continue
        get_matrix(tp, i, matrix)
        turn = (matrix.a, matrix.b, matrix.c, matrix.d)
        straight = upright.get(turn)
        if straight is None:
            angle = get_angle(tp, i)
            straight = upright[turn] = not MAX_GLYPH_ANGLE < angle < 2 * math.pi - MAX_GLYPH_ANGLE
        if not straight:
            continue
        size = get_size(tp, i) * hypot(matrix.c, matrix.d)
        last_size = size
        length = get_font(tp, i, name, 128, flags_ref)
        key = name.value if length else b""
        bold = bold_of.get(key)
        if bold is None:
            bold = bold_of[key] = bool(_BOLD_NAME.search(key.decode("latin-1", "replace")))
        unmapped = bool(map_error(tp, i)) or not text
        # pdfminer's box is one em tall from the descent line; pdfium's loose box uses the
        # font's (often taller) ascent. Use the pdfminer convention so both engines agree.
        # pdfium names no font for Type 3 glyphs: index -1 marks them for the bold cue below.
        infos.append(
            (
                i if key else -1,
                Glyph(text, box.left, bottom - size, box.right, bottom, size, bold, unmapped, base),
            )
        )
    type3 = sum(1 for i, _ in infos if i < 0)
    use_type3 = type3 <= TYPE3_BOLD_MAX_SHARE * max(len(infos), 1)
    for i, g in infos:
        if i < 0 and use_type3 and not g.bold:
            yield Glyph(g.text, g.x0, g.top, g.x1, g.bottom, g.size, True, g.unmapped, g.baseline)
        else:
            yield g


def _pdfium_rules(page: Any, height: float) -> Iterator[Rule]:
    """Straight axis-aligned segments of the page's path objects (curves are skipped)."""
    import pypdfium2.raw as raw

    matrix = raw.FS_MATRIX()
    px, py = ctypes.c_float(), ctypes.c_float()
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    left, bottom, right, top = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
    for k in range(raw.FPDFPage_CountObjects(page)):
        obj = raw.FPDFPage_GetObject(page, k)
        if raw.FPDFPageObj_GetType(obj) != raw.FPDF_PAGEOBJ_PATH:
            continue
        if not raw.FPDFPath_GetDrawMode(obj, fill, stroke) or not stroke.value:
            # a filled shape counts only when it is a thin bar (the same rule as pdfplumber's)
            if raw.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
                yield from edges(left.value, height - top.value, right.value, height - bottom.value, False)
            continue
        if not raw.FPDFPageObj_GetMatrix(obj, matrix):
            continue
        points: list[tuple[int, float, float, bool]] = []
        curved = False
        for s in range(raw.FPDFPath_CountSegments(obj)):
            seg = raw.FPDFPath_GetPathSegment(obj, s)
            kind = raw.FPDFPathSegment_GetType(seg)
            if kind == raw.FPDF_SEGMENT_BEZIERTO:
                curved = True
                break
            raw.FPDFPathSegment_GetPoint(seg, px, py)
            x = matrix.a * px.value + matrix.c * py.value + matrix.e
            y = matrix.b * px.value + matrix.d * py.value + matrix.f
            points.append((kind, x, height - y, bool(raw.FPDFPathSegment_GetClose(seg))))
        if not curved:
            yield from _path_rules(points)


def _path_rules(points: list[tuple[int, float, float, bool]]) -> Iterator[Rule]:
    import pypdfium2.raw as raw

    start: tuple[float, float] | None = None
    last: tuple[float, float] | None = None
    for kind, x, y, closes in points:
        if kind == raw.FPDF_SEGMENT_MOVETO or last is None:
            start = last = (x, y)
            continue
        rule = segment_rule(last[0], last[1], x, y)
        if rule is not None:
            yield rule
        last = (x, y)
        if closes and start is not None:
            rule = segment_rule(x, y, start[0], start[1])
            if rule is not None:
                yield rule
            last = start


__all__ = ["Engine", "PdfiumEngine", "PlumberEngine", "edges", "segment_rule"]
