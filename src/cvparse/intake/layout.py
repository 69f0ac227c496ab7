"""Positioned glyphs of one page → :class:`~cvparse.document.Line` objects in reading order.

The steps, each a small function:

1. clean the glyphs (icon glyphs and unmapped ``(cid:N)`` out, overprinted "fake bold"
   duplicates folded into one bold glyph);
2. find ruled tables and read them cell by cell (:mod:`.tables`);
3. join the remaining glyphs into *runs*: same baseline, no wide gap;
4. cut the page into columns where a vertical band is empty over most of the text height
   (a résumé sidebar), recursively, so each column is read whole;
5. inside a column, runs on the same baseline become one line, joined by a single space.

Thresholds are in ems (multiples of the font size) so they hold at any size; each one says
which corpus layout fixed it (``shared/corpus/dev`` d001–d040, ``external/real`` e001–e014).
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import chain
from operator import attrgetter

from ..document import Line
from .pagemodel import Glyph, PageContent, Rule, normalize_glyph_text
from .tables import BBox, Table, find_tables

# -- glyphs → runs -------------------------------------------------------------------------
# Glyphs whose baselines are closer than this share a row (absorbs superscripts and rounding;
# lines are at least one em apart).
ROW_TOLERANCE_EM = 0.4
# A gap wider than this ends a run. Word spaces are 0.25–0.35 em and justified Latin lines in
# LaTeX (e002, e003) stretch them to about 0.8 em; the narrowest gutter in the corpus (d005,
# main column to right sidebar) is about 2 em.
RUN_GAP_EM = 1.2
# Between two CJK glyphs a gap wider than this is a space: contiguous CJK has ~0 gap, while
# letter-spaced headings (教 育 背 景) and Word's 姓  名 labels leave about one em.
CJK_SPACE_EM = 0.5
# Between CJK and Latin, word processors add ~0.2 em of "autospace" that is not a space in
# the text (LibreOffice: 2003 年 5 月 in d007); xeCJK's real CJK/Latin glue is ~0.33 em.
MIXED_SPACE_EM = 0.3
# Elsewhere a gap wider than this is a word space (LaTeX PDFs have no space glyphs; e001).
LATIN_SPACE_EM = 0.18
# A space glyph only counts when its neighbours are at least this far apart: pdfium invents
# spaces inside words set with tight kerning (e010: "g ithub").
HINT_MIN_GAP_EM = 0.1
# Two identical glyphs closer than this are one glyph printed twice ("fake bold" in WPS/Word).
OVERPRINT_TOLERANCE = 1.0

# Runs on one line (a wide gap between them: a right-aligned date, a title set apart from a
# company) are joined by two spaces, the gap mark the extractors split fields on; a single
# space would glue "测试开发工程师 上海 18-25K" into one field.
RUN_SEPARATOR = "  "
# Runs whose font sizes differ by more than this factor never share a line.
SAME_LINE_MAX_SIZE_RATIO = 1.5

# -- columns ---------------------------------------------------------------------------------
# Candidate gutters are searched between these fractions of the page width.
GUTTER_SEARCH = (0.12, 0.88)
GUTTER_STEP = 2.0
# The empty band must be at least this wide (points); sidebars in the corpus leave 15–30.
GUTTER_MIN_WIDTH = 6.0
# The column region must cover this share of the page's text height: a key/value block in
# two columns (d018, d036) spans a few lines only and must not be split.
COLUMN_MIN_SHARE = 0.45
# ... and each side must have at least this many runs.
COLUMN_MIN_RUNS = 4
# If this share of the smaller side's runs sit on a baseline of the other side, the two sides
# are a label/value layout (e011: dates left, entries right), read row by row, not columns.
ALIGNED_MAX_SHARE = 0.6
BASELINE_TOLERANCE = 1.5
# Recursion depth for columns inside columns (header band + two columns + a footer band).
MAX_COLUMN_DEPTH = 3

# -- tables ----------------------------------------------------------------------------------
CELL_SEPARATOR = " | "

_BASE = attrgetter("base")
_CX = attrgetter("cx")


def _is_cjk(ch: str) -> bool:
    cp = ord(ch)
    return (
        0x3000 <= cp <= 0x9FFF or 0xF900 <= cp <= 0xFAFF or 0xFF00 <= cp <= 0xFFEF or 0x20000 <= cp <= 0x2FFFF
    )


@dataclass(slots=True)
class _Item:
    """A unit the column finder moves around: a run of glyphs, or a whole table."""

    x0: float
    top: float
    x1: float
    bottom: float
    glyphs: list[Glyph]
    table_lines: list[Line] | None = None
    base: float = 0.0
    size: float = 1.0  # the largest glyph size of a run (1.0 for a table)

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2


# -- public ----------------------------------------------------------------------------------


def clean_glyphs(glyphs: Iterable[Glyph]) -> list[Glyph]:
    """Drop unmapped and icon glyphs, repair radicals, fold overprinted duplicates into bold."""
    kept: list[Glyph] = []
    kept_as = _KEPT_AS
    # text -> int(x0) -> positions in ``kept``: the places a twin of a glyph can be (below)
    columns_of: dict[str, dict[int, list[int]]] = {}
    for g in glyphs:
        if g.unmapped:
            continue
        text = kept_as.get(g.text)
        if text is None:
            if len(kept_as) >= _KEPT_AS_MAX:
                kept_as.clear()
            text = kept_as[g.text] = _kept_text(g.text)
        if not text:
            continue
        if text == " ":
            kept.append(
                g
                if g.text == " "
                else Glyph(" ", g.x0, g.top, g.x1, g.bottom, g.size, g.bold, False, g.baseline)
            )
            continue
        x = int(g.x0)
        columns = columns_of.get(text)
        if columns is None:
            columns_of[text] = {x: [len(kept)]}
        else:
            # a twin can only be in these three columns (see _overprinted); most glyphs have
            # none of them, so the search is only made when one exists
            here = columns.get(x)
            if here is not None or x - 1 in columns or x + 1 in columns:
                twin = _overprinted(columns, kept, x, g)
                if twin is not None:
                    k = kept[twin]
                    kept[twin] = Glyph(
                        k.text, k.x0, k.top, k.x1, k.bottom, k.size, True, k.unmapped, k.baseline
                    )
                    continue
            if here is None:
                columns[x] = [len(kept)]
            else:
                here.append(len(kept))
        kept.append(
            g
            if text == g.text
            else Glyph(text, g.x0, g.top, g.x1, g.bottom, g.size, g.bold, False, g.baseline)
        )
    return kept


# A glyph text -> what clean_glyphs keeps it as (see _kept_text), for every page: most pages
# share most of their characters. Cleared when full, so odd files cannot grow it without end.
_KEPT_AS: dict[str, str] = {}
_KEPT_AS_MAX = 8192


def _kept_text(text: str) -> str:
    """A glyph text as :func:`clean_glyphs` keeps it: normalized, ``" "`` for any space, and
    ``""`` when the glyph is dropped."""
    # normalize_glyph_text's own fast path first: one ASCII or CJK character stays as is
    if not (len(text) == 1 and (0x20 <= ord(text) < 0x7F or 0x3000 <= ord(text) < 0xE000)):
        text = normalize_glyph_text(text)
    return " " if text.isspace() else text


def _overprinted(columns: dict[int, list[int]], kept: list[Glyph], x: int, g: Glyph) -> int | None:
    """Index of an already kept glyph with the same text at (almost) the same place.

    ``columns`` holds the kept glyphs with ``g``'s text by ``int(x0)``: a twin within
    :data:`OVERPRINT_TOLERANCE` of ``g.x0`` is in column ``x``, ``x - 1`` or ``x + 1``, looked
    at in that order.
    """
    x0, top = g.x0, g.top
    for column in (x, x - 1, x + 1):
        found = columns.get(column)
        if found is None:
            continue
        for i in found:
            k = kept[i]
            if abs(k.x0 - x0) <= OVERPRINT_TOLERANCE and abs(k.top - top) <= OVERPRINT_TOLERANCE:
                return i
    return None


def page_lines(page: PageContent, gutter_hint: float | None = None) -> tuple[list[Line], float | None]:
    """The page's lines in reading order, and the x of its main column gutter (if any).

    ``gutter_hint`` is the previous page's gutter: a sidebar that ends early on page 2 (d009:
    one short 语言 block) is too small to be found on its own, but the template is the same.
    """
    glyphs = clean_glyphs(page.glyphs)
    items: list[_Item] = []
    for table in find_tables(page.rules):
        table_lines, glyphs = _read_table(table, glyphs, page.index)
        if table_lines:
            x0, top, x1, bottom = table.bbox
            items.append(_Item(x0, top, x1, bottom, [], table_lines))
    items.extend(_runs(glyphs))
    barriers = [r for r in page.rules if r.horizontal and r.x1 - r.x0 > GUTTER_MIN_WIDTH]
    ctx = _Context(barriers, page.width, _text_height(items), main_first=page.index > 0)
    split = _find_gutter(items, ctx) if len(items) >= 2 * COLUMN_MIN_RUNS else None
    if split is None and gutter_hint is not None:
        split = _hinted_gutter(items, ctx, gutter_hint)
    groups = _split_groups(items, split, ctx, MAX_COLUMN_DEPTH) if split else [items]
    lines: list[Line] = []
    for group in groups:
        lines.extend(_leaf_lines(group, page.index))
    return lines, split[0] if split else None


# -- runs ------------------------------------------------------------------------------------


def _rows(glyphs: Sequence[Glyph]) -> list[list[Glyph]]:
    """Glyphs grouped by baseline, top to bottom."""
    ordered = sorted(glyphs, key=_BASE)
    if not ordered:
        return []
    first = ordered[0]
    row = [first]
    rows = [row]
    base, size = first.base, first.size
    n = 1  # len(row)
    for g in ordered[1:]:
        g_base, g_size = g.base, g.size
        # ``size if size > g_size else g_size`` is max(g_size, size), without the call
        if abs(g_base - base) <= ROW_TOLERANCE_EM * (size if size > g_size else g_size):
            row.append(g)
            n += 1
            base += (g_base - base) / n
        else:
            row = [g]
            rows.append(row)
            base, size = g_base, g_size
            n = 1
    return rows


def _runs(glyphs: Sequence[Glyph]) -> list[_Item]:
    """Split each row at wide gaps; a run never starts or ends with a space hint."""
    items: list[_Item] = []
    for row in _rows(glyphs):
        current: list[Glyph] = []
        last: Glyph | None = None
        for g in sorted(row, key=_CX):
            if g.text == " ":
                if current:
                    current.append(g)
                continue
            if last is not None and g.x0 - last.x1 > RUN_GAP_EM * (
                g.size if g.size > last.size else last.size  # max(last.size, g.size)
            ):
                items.append(_make_item(current))
                current = []
            current.append(g)
            last = g
        if current:
            items.append(_make_item(current))
    return [i for i in items if i.glyphs]


def _make_item(glyphs: list[Glyph]) -> _Item:
    while glyphs and glyphs[-1].text == " ":
        glyphs.pop()
    if not glyphs:
        return _Item(0, 0, 0, 0, [])
    # One pass for what min(), max() and sorted() over the glyphs gave: an extreme is the first
    # one found and is replaced only on a strict < or >, as those builtins do.
    first = glyphs[0]
    x0, top, x1, bottom = first.x0, first.top, first.x1, first.bottom
    bases: list[float] = []
    size: float | None = None
    for g in glyphs:
        if g.x0 < x0:
            x0 = g.x0
        if g.top < top:
            top = g.top
        if g.x1 > x1:
            x1 = g.x1
        if g.bottom > bottom:
            bottom = g.bottom
        if g.text != " ":
            bases.append(g.base)
            if size is None or g.size > size:
                size = g.size
    bases.sort()
    return _Item(
        x0,
        top,
        x1,
        bottom,
        glyphs,
        base=bases[len(bases) // 2],
        size=1.0 if size is None else size,
    )


def join_glyphs(glyphs: Sequence[Glyph]) -> str:
    """Glyph texts left to right, with a space where the writer put one.

    A space glyph is a hint from the file; without one, a gap is a space when it is wider than
    :data:`CJK_SPACE_EM` between two CJK glyphs, :data:`LATIN_SPACE_EM` otherwise.
    """
    out: list[str] = []
    prev: Glyph | None = None
    prev_cjk: bool | None = None  # whether prev's last character is CJK, when already known
    hinted = False
    limits = (LATIN_SPACE_EM, MIXED_SPACE_EM, CJK_SPACE_EM)
    for g in glyphs:
        text = g.text
        if text == " ":
            hinted = prev is not None
            continue
        if prev is not None:
            if prev_cjk is None:
                prev_cjk = _is_cjk(prev.text[-1])
            # _is_cjk(text[0]), inline
            cp = ord(text[0])
            first_cjk = 0x3000 <= cp <= 0x9FFF or (
                cp >= 0xF900 and (cp <= 0xFAFF or 0xFF00 <= cp <= 0xFFEF or 0x20000 <= cp <= 0x2FFFF)
            )
            # max(min(prev.size, g.size), 1.0) without the calls (the same result for NaN too)
            em = g.size if g.size < prev.size else prev.size
            if em < 1.0:
                em = 1.0
            gap = g.x0 - prev.x1
            if (hinted and gap >= HINT_MIN_GAP_EM * em) or gap > limits[prev_cjk + first_cjk] * em:
                out.append(" ")
            prev_cjk = first_cjk if len(text) == 1 else None
        out.append(text)
        prev = g
        hinted = False
    return "".join(out)


# -- columns ---------------------------------------------------------------------------------


def _text_height(items: Sequence[_Item]) -> float:
    return max((i.bottom for i in items), default=0.0) - min((i.top for i in items), default=0.0)


@dataclass(frozen=True, slots=True)
class _Context:
    barriers: list[Rule]
    width: float
    page_height: float
    main_first: bool = False


def _segment(items: list[_Item], ctx: _Context, depth: int) -> list[list[_Item]]:
    """Groups of items in reading order: header band, columns (narrower first), footer band."""
    if depth <= 0 or len(items) < 2 * COLUMN_MIN_RUNS:
        return [items] if items else []
    split = _find_gutter(items, ctx)
    return _split_groups(items, split, ctx, depth) if split else [items]


def _split_groups(
    items: list[_Item],
    split: tuple[float, float, float],
    ctx: _Context,
    depth: int,
) -> list[list[_Item]]:
    gx, ya, yb = split
    head = [i for i in items if i.cy < ya]
    foot = [i for i in items if i.cy > yb]
    left = [i for i in items if ya <= i.cy <= yb and i.x1 <= gx]
    right = [i for i in items if ya <= i.cy <= yb and i.x0 >= gx]
    left_width = max((i.x1 for i in left), default=gx) - min((i.x0 for i in left), default=gx)
    right_width = max((i.x1 for i in right), default=gx) - min((i.x0 for i in right), default=gx)
    # Sidebars hold the name and contact block in every sidebar layout of the corpus, so the
    # narrower column is read first; on later pages the main column comes first because it
    # continues the section the previous page ended with (d009 page 2).
    columns = (left, right) if (left_width <= right_width) != ctx.main_first else (right, left)
    out: list[list[_Item]] = []
    for part in (head, *columns, foot):
        out.extend(_segment(part, ctx, depth - 1))
    return out


def _blocked(
    items: list[_Item],
    ctx: _Context,
    x: float,
    ytop: float,
    ybottom: float,
) -> list[tuple[float, float]]:
    """Vertical spans where something (a run, a table, a horizontal rule) crosses ``x``."""
    return sorted(
        [(i.top, i.bottom) for i in items if i.x0 < x < i.x1]
        + [(b.top, b.bottom) for b in ctx.barriers if b.x0 < x < b.x1 and ytop < b.top < ybottom]
    )


def _find_gutter(items: list[_Item], ctx: _Context) -> tuple[float, float, float] | None:
    """``(x, top, bottom)`` of the best empty vertical band, or ``None`` for one column."""
    lo = min(i.x0 for i in items)
    hi = max(i.x1 for i in items)
    ytop = min(i.top for i in items)
    ybottom = max(i.bottom for i in items)
    best: tuple[float, float, float] | None = None
    best_height = COLUMN_MIN_SHARE * ctx.page_height
    if ybottom - ytop <= best_height:
        return None  # no vertical gap can be taller than the text itself
    # What _blocked() collects, sorted once: filtering a sorted list keeps it sorted, so each
    # probe below is one pass, not a rebuild and a sort.
    spans = sorted(
        [(i.top, i.bottom, i.x0, i.x1) for i in items]
        + [(b.top, b.bottom, b.x0, b.x1) for b in ctx.barriers if ytop < b.top < ybottom]
    )
    # x ranges where no probe can find a gap (see _free_bands), as sorted open intervals
    crossed = _free_bands(spans, ytop, ybottom, best_height)
    crossed_starts, crossed_ends = crossed if crossed is not None else ([], [])
    # Probes whose spans (and left/right sides) are the same give the same answer, and only
    # the first of equal answers is kept: probe once per interval between span edges.
    edges = sorted({e for _, _, x0, x1 in spans for e in (x0, x1) if e == e})  # NaN: never crossed
    seen: tuple[int, int] | None = None
    x = max(lo, GUTTER_SEARCH[0] * ctx.width)
    stop = min(hi, GUTTER_SEARCH[1] * ctx.width)
    while x <= stop:
        k = bisect_right(crossed_starts, x) - 1  # the last interval starting at or before x
        if k < 0 or not (crossed_starts[k] < x < crossed_ends[k]):
            key = (bisect_left(edges, x), bisect_right(edges, x))
            if key != seen:
                seen = key
                blocked = [(top, bottom) for top, bottom, x0, x1 in spans if x0 < x < x1]
                ya, yb = _largest_free_gap(blocked, ytop, ybottom)
                if yb - ya > best_height and _is_column_split(items, x, ya, yb):
                    best, best_height = (x, ya, yb), yb - ya
        x += GUTTER_STEP
    return best


def _free_bands(
    spans: list[tuple[float, float, float, float]],
    ytop: float,
    ybottom: float,
    min_gap: float,
) -> tuple[list[float], list[float]] | None:
    """The x ranges where probes of :func:`_find_gutter` cannot find a gap: their starts and
    ends, sorted open intervals, disjoint. Found without scanning the spans per probe.

    The text height is cut into horizontal bins of ``min_gap / 2.5``: a free vertical gap
    taller than ``min_gap`` at ``x`` holds a whole bin with room to spare, and no span that
    crosses ``x`` touches that bin. So a probe where every bin is crossed by a span touching
    it has no such gap. Each bin's crossed x-ranges are merged once (a sweep), and the ranges
    crossed in every bin are their intersection. ``None`` when the bins cannot be built (no
    positive gap to find).
    """
    step = min_gap / 2.5
    if not (step > 0 and (ybottom - ytop) / step < 64):
        return None  # also NaN and infinite coordinates: probe everything
    count = int((ybottom - ytop) / step) + 1
    bins: list[list[tuple[float, float]]] = [[] for _ in range(count)]
    for top, bottom, x0, x1 in spans:
        if not (top <= bottom and x0 < x1):
            continue  # an inverted span never blocks in _largest_free_gap's sense: keep it out
        first = max(0, int((top - ytop) / step) - 1)
        last = count - 1 if bottom >= ybottom else min(count - 1, int((bottom - ytop) / step) + 1)
        for j in range(first, last + 1):
            b0 = ytop + j * step
            if top <= b0 + step and bottom >= b0:
                bins[j].append((x0, x1))
    # The x where every bin is crossed: the intersection of each bin's merged ranges, built
    # bin by bin. Each list of open intervals is sorted and disjoint, so one bisection tells
    # whether a probe is in one of them.
    starts: list[float] = []
    ends: list[float] = []
    for j, intervals in enumerate(bins):
        bin_starts: list[float] = []
        bin_ends: list[float] = []
        for x0, x1 in sorted(intervals):
            if bin_ends and x0 < bin_ends[-1]:  # open intervals: touching ones leave the point free
                bin_ends[-1] = max(bin_ends[-1], x1)
            else:
                bin_starts.append(x0)
                bin_ends.append(x1)
        if j == 0:
            starts, ends = bin_starts, bin_ends
        else:
            starts, ends = _intersect(starts, ends, bin_starts, bin_ends)
        if not starts:
            break
    return starts, ends


def _intersect(
    a_starts: list[float], a_ends: list[float], b_starts: list[float], b_ends: list[float]
) -> tuple[list[float], list[float]]:
    """The intersection of two sorted lists of disjoint open intervals, as another one."""
    starts: list[float] = []
    ends: list[float] = []
    i = k = 0
    while i < len(a_starts) and k < len(b_starts):
        lo = a_starts[i] if a_starts[i] > b_starts[k] else b_starts[k]
        hi = a_ends[i] if a_ends[i] < b_ends[k] else b_ends[k]
        if lo < hi:
            starts.append(lo)
            ends.append(hi)
        if a_ends[i] < b_ends[k]:
            i += 1
        else:
            k += 1
    return starts, ends


def _hinted_gutter(items: list[_Item], ctx: _Context, x: float) -> tuple[float, float, float] | None:
    """The previous page's gutter, if it is still an empty band with text on both sides."""
    if not items:
        return None
    ytop = min(i.top for i in items)
    ybottom = max(i.bottom for i in items)
    ya, yb = _largest_free_gap(_blocked(items, ctx, x, ytop, ybottom), ytop, ybottom)
    if yb - ya <= COLUMN_MIN_SHARE * ctx.page_height:
        return None
    if _is_column_split(items, x, ya, yb, min_runs=1, check_alignment=False):
        return (x, ya, yb)
    return None


def _largest_free_gap(blocked: list[tuple[float, float]], ytop: float, ybottom: float) -> tuple[float, float]:
    best = (0.0, 0.0)
    cursor = ytop
    for top, bottom in [*blocked, (ybottom, ybottom)]:
        if top - cursor > best[1] - best[0]:
            best = (cursor, top)
        cursor = max(cursor, bottom)
    return best


def _is_column_split(
    items: list[_Item],
    x: float,
    ya: float,
    yb: float,
    min_runs: int = COLUMN_MIN_RUNS,
    check_alignment: bool = True,
) -> bool:
    inside = [i for i in items if ya <= i.cy <= yb]
    left = [i for i in inside if i.x1 <= x]
    right = [i for i in inside if i.x0 >= x]
    if len(left) < min_runs or len(right) < min_runs:
        return False
    band_left = max(i.x1 for i in left)
    band_right = min(i.x0 for i in right)
    if band_right - band_left < GUTTER_MIN_WIDTH:
        return False
    if not check_alignment:
        return True
    small, other = (left, right) if len(left) <= len(right) else (right, left)
    baselines = sorted(i.bottom for i in other)
    aligned = sum(1 for i in small if _near(baselines, i.bottom))
    return aligned < ALIGNED_MAX_SHARE * len(small)


def _near(sorted_values: list[float], value: float) -> bool:
    k = bisect_left(sorted_values, value - BASELINE_TOLERANCE)
    return k < len(sorted_values) and sorted_values[k] <= value + BASELINE_TOLERANCE


# -- lines -----------------------------------------------------------------------------------


def _leaf_lines(items: list[_Item], page: int) -> list[Line]:
    """Runs that overlap vertically form one line; tables keep their own lines."""
    groups: list[list[_Item]] = []
    for item in sorted(items, key=lambda i: (i.base if i.table_lines is None else i.top, i.x0)):
        if item.table_lines is None:
            base, size = item.base, item.size
            for group in reversed(groups[-3:]):
                head = group[0]
                # whether the two runs sit on one baseline
                if head.table_lines is None and abs(head.base - base) <= ROW_TOLERANCE_EM * (
                    size if size > head.size else head.size  # max(head.size, size)
                ):
                    group.append(item)
                    break
            else:
                groups.append([item])
        else:
            groups.append([item])
    groups.sort(key=lambda g: min(i.top for i in g))
    lines: list[Line] = []
    for group in groups:
        if group[0].table_lines is not None:
            lines.extend(group[0].table_lines)
            continue
        for runs in _split_by_size(sorted(group, key=lambda i: i.x0)):
            line = make_line([r.glyphs for r in runs], page, RUN_SEPARATOR)
            if line is not None:
                lines.append(line)
    return lines


def _split_by_size(runs: list[_Item]) -> list[list[_Item]]:
    """Runs on one baseline but in very different sizes are different lines (d018: the 18 pt
    name and the 8.5 pt "简历编号 … 更新时间" stamp right-aligned beside it)."""
    out: list[list[_Item]] = [runs[:1]]
    for run in runs[1:]:
        a, b = out[-1][-1].size, run.size
        if max(a, b) > SAME_LINE_MAX_SIZE_RATIO * min(a, b):
            out.append([run])
        else:
            out[-1].append(run)
    return out


def make_line(parts: Sequence[Sequence[Glyph]], page: int, separator: str = " ") -> Line | None:
    """One :class:`Line` from runs (or cells) left to right, with size and bold from its glyphs."""
    texts = [" ".join(join_glyphs(p).split()) for p in parts]
    text = separator.join(t for t in texts if t)
    if not text:
        return None
    # characters per glyph size, in the order the sizes first appear; folded by round(size, 1)
    # below, which keeps that order and the counts
    by_size: dict[float, int] = {}
    bold = 0
    first = next(g for p in parts for g in p if g.text != " ")  # there is one: text is not empty
    x0, top, x1, bottom = first.x0, first.top, first.x1, first.bottom
    for g in chain.from_iterable(parts):
        if g.text == " ":
            continue
        n = len(g.text)
        by_size[g.size] = by_size.get(g.size, 0) + n
        if g.bold:
            bold += n
        # min() and max() keep the first extreme and replace it only on a strict < or >
        if g.x0 < x0:
            x0 = g.x0
        if g.top < top:
            top = g.top
        if g.x1 > x1:
            x1 = g.x1
        if g.bottom > bottom:
            bottom = g.bottom
    sizes: dict[float, int] = {}
    for raw, n in by_size.items():
        # round() gives a new NaN each time, so a NaN size stays a key of its own (engines
        # build each glyph's size anew, so no two glyphs share one NaN object)
        key = round(raw, 1)
        sizes[key] = sizes.get(key, 0) + n
    size = max(sizes, key=sizes.__getitem__)
    bbox = (round(x0, 2), round(top, 2), round(x1, 2), round(bottom, 2))
    return Line(text=text, page=page, bbox=bbox, size=size, bold=bold * 2 > sum(sizes.values()))


# -- tables ----------------------------------------------------------------------------------


def _read_table(table: Table, glyphs: list[Glyph], page: int) -> tuple[list[Line], list[Glyph]]:
    """The table's lines, and the glyphs that lie outside it."""
    cells: dict[BBox, list[Glyph]] = {cell: [] for row in table.rows for cell in row}
    rest: list[Glyph] = []
    # a glyph belongs to the first cell (row by row) that holds its centre; a row is only
    # searched when its bounding box holds the centre
    rows = [_row_bounds(row) for row in table.rows if row]
    x0, top, x1, bottom = table.bbox
    for g in glyphs:
        cx = g.cx
        if x0 <= cx <= x1:
            cy = (g.top + g.bottom) / 2  # g.cy
            if top <= cy <= bottom:
                cell = _cell_at(rows, cx, cy)
                if cell is not None:
                    cells[cell].append(g)
                    continue
        rest.append(g)
    filled = sum(1 for c in cells.values() if any(g.text != " " for g in c))
    if filled < 2:
        return [], glyphs
    lines: list[Line] = []
    for row in table.rows:
        lines.extend(_row_lines([_cell_lines(cells[c]) for c in row], page))
    return lines, rest


def _row_bounds(row: tuple[BBox, ...]) -> tuple[float, float, float, float, tuple[BBox, ...]]:
    """A table row's bounding box (and the row), for :func:`_cell_at`."""
    x0, top = min(c[0] for c in row), min(c[1] for c in row)
    x1, bottom = max(c[2] for c in row), max(c[3] for c in row)
    # min() and max() only give NaN when the first cell has it; such a cell never holds a
    # point, but the row's others can: the row is then always searched
    inf = math.inf
    return (
        x0 if x0 == x0 else -inf,
        top if top == top else -inf,
        x1 if x1 == x1 else inf,
        bottom if bottom == bottom else inf,
        row,
    )


def _cell_at(
    rows: list[tuple[float, float, float, float, tuple[BBox, ...]]], cx: float, cy: float
) -> BBox | None:
    """The first cell holding the point, from rows given with their bounding boxes."""
    for rx0, rtop, rx1, rbottom, row in rows:
        if rx0 <= cx <= rx1 and rtop <= cy <= rbottom:
            for cell in row:
                if cell[0] <= cx <= cell[2] and cell[1] <= cy <= cell[3]:
                    return cell
    return None


def _cell_lines(glyphs: list[Glyph]) -> list[list[Glyph]]:
    """A cell's glyphs as lines (each a list of glyphs, left to right), top to bottom."""
    out: list[list[Glyph]] = []
    for row in _rows(glyphs):
        ordered = sorted(row, key=_CX)
        while ordered and ordered[0].text == " ":
            ordered.pop(0)
        if any(g.text != " " for g in ordered):
            out.append(ordered)
    return out


def _row_lines(cells: list[list[list[Glyph]]], page: int) -> list[Line]:
    """A table row as lines.

    One-line cells make one line joined by " | " (a key/value grid row). A short label cell
    beside multi-line content becomes its own line followed by the content lines (a form
    row: 教育背景 | …). With three or more cells, wrapped cell text is joined back into one
    cell value so the row stays one line (d015's education table).
    """
    cells = [c for c in cells if c]
    if not cells:
        return []
    if len(cells) >= 3 or all(len(c) == 1 for c in cells):
        joined = [[g for line in cell for g in line] for cell in cells]
        line = make_line(joined, page, CELL_SEPARATOR) if len(cells) > 1 else None
        if line is not None and all(len(c) == 1 for c in cells):
            return [line]
        if len(cells) >= 3:
            return [_joined_cells_line(cells, page)]
    out: list[Line] = []
    for cell in cells:
        for glyph_line in cell:
            made = make_line([glyph_line], page)
            if made is not None:
                out.append(made)
    return out


def _join_wrapped(parts: list[str]) -> str:
    """Wrapped pieces of one cell: CJK joins directly (机械设计制造及其自|动化), Latin with a space."""
    out = ""
    for part in parts:
        if out and part and not (_is_cjk(out[-1]) or _is_cjk(part[0])):
            out += " "
        out += part
    return out


def _joined_cells_line(cells: list[list[list[Glyph]]], page: int) -> Line:
    """Each cell's wrapped lines joined without a break, the cells joined by " | "."""
    texts = [_join_wrapped([" ".join(join_glyphs(line).split()) for line in cell]) for cell in cells]
    glyphs = [[g for line in cell for g in line] for cell in cells]
    base = make_line(glyphs, page, CELL_SEPARATOR)
    text = CELL_SEPARATOR.join(t for t in texts if t)
    assert base is not None
    return Line(text=text, page=page, bbox=base.bbox, size=base.size, bold=base.bold)


__all__ = ["clean_glyphs", "join_glyphs", "make_line", "page_lines"]
