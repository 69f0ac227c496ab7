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

import _ctypes
import ctypes
import functools
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


def _bare(fn: Any, *argtypes: Any) -> Any:
    """``fn`` without ctypes' per-call argument conversion, when its signature is ``argtypes``.

    A ctypes call through a prototype with ``argtypes`` converts every argument with
    ``from_param``, which is about half of each call's cost (0.65 against 0.3 µs per call
    here); the engine makes several such calls for every glyph and every path segment. The
    bare function at the same address takes ready C values instead: the callers pass pointer
    objects (or ``byref``) for pointer parameters and Python ints only where the parameter
    is a C ``int``. ``_PTR`` in ``argtypes`` stands for any pointer type. When the bindings
    declare another signature (another pypdfium2), ``fn`` itself is returned: slower, but it
    accepts the same arguments.

    The bare function also keeps the GIL during the call (as functions of ``ctypes.PyDLL``
    do): releasing and taking it back is about a sixth of a call's cost (~400 of ~2,800
    instructions), and these getters return in well under a microsecond, reading a text page
    pdfium has already built, with no callback into Python.
    """
    declared = tuple(fn.argtypes or ())
    if len(declared) != len(argtypes) or not all(
        (issubclass(d, ctypes._Pointer) or d is ctypes.c_void_p) if a is _PTR else d is a
        for d, a in zip(declared, argtypes, strict=True)
    ):
        return fn
    address = ctypes.cast(fn, ctypes.c_void_p).value
    if address is None:  # not a loaded function: leave the checked one to report it
        return fn
    bare = _HoldingGil(address)
    bare.restype = fn.restype
    return bare


class _HoldingGil(_ctypes.CFuncPtr):
    """A C function called with the GIL held: ``ctypes.PyDLL``'s function type."""

    _flags_ = _ctypes.FUNCFLAG_CDECL | _ctypes.FUNCFLAG_PYTHONAPI
    _restype_ = ctypes.c_int


_PTR = object()  # any pointer parameter, for :func:`_bare`


@functools.cache
def _text_functions() -> tuple[Any, ...]:
    """The per-glyph text-page functions, made bare once (see :func:`_bare`)."""
    import pypdfium2.raw as raw

    c_int = ctypes.c_int
    return (
        _bare(raw.FPDFText_GetUnicode, _PTR, c_int),
        _bare(raw.FPDFText_GetLooseCharBox, _PTR, c_int, _PTR),
        _bare(raw.FPDFText_GetCharOrigin, _PTR, c_int, _PTR, _PTR),
        _bare(raw.FPDFText_GetCharAngle, _PTR, c_int),
        _bare(raw.FPDFText_GetMatrix, _PTR, c_int, _PTR),
        _bare(raw.FPDFText_GetFontSize, _PTR, c_int),
        _bare(raw.FPDFText_GetFontInfo, _PTR, c_int, _PTR, ctypes.c_ulong, _PTR),
        _bare(raw.FPDFText_HasUnicodeMapError, _PTR, c_int),
    )


# Unicode values pdfium puts in the text for generated line breaks and hyphen markers.
_NOT_GLYPHS = frozenset((0x0D, 0x0A, 0xFFFE, 0x02))


def _pdfium_glyphs(tp: Any, height: float) -> list[Glyph]:
    import pypdfium2.raw as raw

    # The engine's hot loop: bare ctypes functions (see _bare) bound to locals with their
    # output arguments passed by reference made once, a font name decoded and tested for
    # "bold" once per font, and, since pdfium computes a char's angle from its matrix alone,
    # the angle (and the matrix's vertical scale) computed once per matrix. Font size and name
    # come from the char's text object, but most producers here put one or two glyphs in each
    # text object, so caching by object costs a call more than it saves.
    get_unicode, get_box, get_origin, get_angle, get_matrix, get_size, get_font, map_error = _text_functions()
    box = raw.FS_RECTF()
    matrix = raw.FS_MATRIX()
    # the matrix's a, b, c and d as one bytes value (a dict key read in one step)
    turn = (ctypes.c_char * (4 * ctypes.sizeof(ctypes.c_float))).from_buffer(matrix)
    name = ctypes.create_string_buffer(128)
    name_size = ctypes.c_ulong(128)
    ox, oy = ctypes.c_double(), ctypes.c_double()
    box_ref, matrix_ref = ctypes.byref(box), ctypes.byref(matrix)
    ox_ref, oy_ref, flags_ref = ctypes.byref(ox), ctypes.byref(oy), ctypes.byref(ctypes.c_int())
    bold_of: dict[bytes, bool] = {}
    # matrix (its a, b, c, d) -> its vertical scale, or None for a rotated glyph
    scale_of: dict[bytes, float | None] = {}
    hypot = math.hypot
    not_glyphs = _NOT_GLYPHS
    glyphs: list[Glyph] = []
    append = glyphs.append
    type3: list[int] = []  # positions in ``glyphs`` of glyphs pdfium names no font for
    last_size = 1.0
    for i in range(raw.FPDFText_CountChars(tp)):
        code = get_unicode(tp, i)
        if code in not_glyphs:
            continue
        if not get_box(tp, i, box_ref):
            continue
        bottom = height - box.bottom
        get_origin(tp, i, ox_ref, oy_ref)
        text = chr(code) if 0 < code < 0x110000 else ""
        if text.isspace():
            # generated spaces are zero-size points on the baseline: give them the line's size
            append(
                Glyph(
                    " ",
                    box.left,
                    height - box.top,
                    box.right,
                    bottom,
                    last_size,
                    False,
                    False,
                    height - oy.value,
                )
            )
            continue
        get_matrix(tp, i, matrix_ref)
        key = turn.raw
        scale = scale_of.get(key, scale_of)
        if scale is scale_of:  # a new matrix
            angle = get_angle(tp, i)
            straight = not MAX_GLYPH_ANGLE < angle < 2 * math.pi - MAX_GLYPH_ANGLE
            scale = scale_of[key] = hypot(matrix.c, matrix.d) if straight else None
        if scale is None:
            continue
        size = last_size = get_size(tp, i) * scale
        font = name.value if get_font(tp, i, name, name_size, flags_ref) else b""
        bold = bold_of.get(font)
        if bold is None:
            bold = bold_of[font] = bool(_BOLD_NAME.search(font.decode("latin-1", "replace")))
        if not font:
            type3.append(len(glyphs))
        # pdfminer's box is one em tall from the descent line; pdfium's loose box uses the
        # font's (often taller) ascent. Use the pdfminer convention so both engines agree.
        append(
            Glyph(
                text,
                box.left,
                bottom - size,
                box.right,
                bottom,
                size,
                bold,
                map_error(tp, i) != 0 or not text,
                height - oy.value,
            )
        )
    # pdfium names no font for Type 3 glyphs: they are bold (see TYPE3_BOLD_MAX_SHARE) while
    # they are a minority of the page's glyphs.
    if type3 and len(type3) <= TYPE3_BOLD_MAX_SHARE * len(glyphs):
        for k in type3:
            g = glyphs[k]
            if not g.bold:
                glyphs[k] = Glyph(g.text, g.x0, g.top, g.x1, g.bottom, g.size, True, g.unmapped, g.baseline)
    return glyphs


@functools.cache
def _path_functions() -> tuple[Any, ...]:
    """The page-object and path functions, made bare once (see :func:`_bare`)."""
    import pypdfium2.raw as raw

    c_int = ctypes.c_int
    return (
        _bare(raw.FPDFPage_GetObject, _PTR, c_int),
        _bare(raw.FPDFPageObj_GetType, _PTR),
        _bare(raw.FPDFPath_GetDrawMode, _PTR, _PTR, _PTR),
        _bare(raw.FPDFPageObj_GetBounds, _PTR, _PTR, _PTR, _PTR, _PTR),
        _bare(raw.FPDFPageObj_GetMatrix, _PTR, _PTR),
        _bare(raw.FPDFPath_CountSegments, _PTR),
        _bare(raw.FPDFPath_GetPathSegment, _PTR, c_int),
        _bare(raw.FPDFPathSegment_GetType, _PTR),
        _bare(raw.FPDFPathSegment_GetPoint, _PTR, _PTR, _PTR),
        _bare(raw.FPDFPathSegment_GetClose, _PTR),
    )


def _pdfium_rules(page: Any, height: float) -> Iterator[Rule]:
    """Straight axis-aligned segments of the page's path objects (curves are skipped)."""
    import pypdfium2.raw as raw

    # Every page object is asked its type, and most are text (one per glyph in Chromium's
    # output), so the functions are bare and bound to locals, as in _pdfium_glyphs.
    (
        get_object,
        get_type,
        get_draw_mode,
        get_bounds,
        get_matrix,
        count_segments,
        get_segment,
        segment_type,
        get_point,
        get_close,
    ) = _path_functions()
    path_type, bezier = raw.FPDF_PAGEOBJ_PATH, raw.FPDF_SEGMENT_BEZIERTO
    matrix = raw.FS_MATRIX()
    px, py = ctypes.c_float(), ctypes.c_float()
    stroke = ctypes.c_int()
    left, bottom, right, top = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
    byref = ctypes.byref
    matrix_ref, px_ref, py_ref, fill_ref, stroke_ref = (
        byref(matrix),
        byref(px),
        byref(py),
        byref(ctypes.c_int()),
        byref(stroke),
    )
    bounds_refs = (byref(left), byref(bottom), byref(right), byref(top))
    for k in range(raw.FPDFPage_CountObjects(page)):
        obj = get_object(page, k)
        if get_type(obj) != path_type:
            continue
        if not get_draw_mode(obj, fill_ref, stroke_ref) or not stroke.value:
            # a filled shape counts only when it is a thin bar (the same rule as pdfplumber's)
            if get_bounds(obj, *bounds_refs):
                yield from edges(left.value, height - top.value, right.value, height - bottom.value, False)
            continue
        if not get_matrix(obj, matrix_ref):
            continue
        points: list[tuple[int, float, float, bool]] = []
        curved = False
        for s in range(count_segments(obj)):
            seg = get_segment(obj, s)
            kind = segment_type(seg)
            if kind == bezier:
                curved = True
                break
            get_point(seg, px_ref, py_ref)
            x = matrix.a * px.value + matrix.c * py.value + matrix.e
            y = matrix.b * px.value + matrix.d * py.value + matrix.f
            points.append((kind, x, height - y, bool(get_close(seg))))
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
