"""Ruled tables: border segments → grid cells → tables, rows in reading order.

Résumés made from Word forms (the classic 个人简历 grid, one label/value table per job) are
ruled tables. Reading them as free text interleaves a label column with its values, so the
cells are found first from the ruling lines and read one by one. Only the geometry of the
rules is used, so the pdfplumber and pdfium engines find the same tables. The method is the
classic one (pdfplumber's "lines" strategy, simplified): snap and merge collinear segments,
take their intersections, and call every smallest rectangle whose four sides are ruled a cell.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from .pagemodel import Rule

BBox = tuple[float, float, float, float]

# Segments whose positions differ by less than this (points) are the same line. LibreOffice
# draws a cell border and the neighbouring cell's shading about 0.3 pt apart (d007, d027).
SNAP_TOLERANCE = 2.0
# Collinear pieces closer than this are joined, and an intersection may miss by this much.
JOIN_TOLERANCE = 2.0
# A cell smaller than this in either direction is a rule's own thickness, not a cell.
MIN_CELL_SIDE = 4.0


@dataclass(frozen=True, slots=True)
class Table:
    """A ruled table: its box and its cells grouped into rows, top to bottom, left to right."""

    bbox: BBox
    rows: tuple[tuple[BBox, ...], ...]


@dataclass(slots=True)
class _Segment:
    pos: float  # y of a horizontal segment, x of a vertical one
    start: float
    end: float


def find_tables(rules: Iterable[Rule]) -> list[Table]:
    """The tables (two cells or more) drawn by ``rules``, top to bottom."""
    horizontal, vertical = _split(rules)
    hs, vs = _merge(horizontal), _merge(vertical)
    if len(hs) < 2 or len(vs) < 2:
        return []
    cells = _cells(hs, vs)
    tables = [_table(group) for group in _group_cells(cells) if len(group) >= 2]
    return sorted(tables, key=lambda t: (t.bbox[1], t.bbox[0]))


def _split(rules: Iterable[Rule]) -> tuple[list[_Segment], list[_Segment]]:
    horizontal: list[_Segment] = []
    vertical: list[_Segment] = []
    for r in rules:
        if r.horizontal:
            horizontal.append(_Segment((r.top + r.bottom) / 2, r.x0, r.x1))
        else:
            vertical.append(_Segment((r.x0 + r.x1) / 2, r.top, r.bottom))
    return horizontal, vertical


def _merge(segments: list[_Segment]) -> list[_Segment]:
    """Snap segments to shared positions, then join overlapping or touching pieces."""
    segments = sorted(segments, key=lambda s: s.pos)
    snapped: list[list[_Segment]] = []
    for seg in segments:
        if snapped and seg.pos - snapped[-1][0].pos <= SNAP_TOLERANCE:
            snapped[-1].append(seg)
        else:
            snapped.append([seg])
    merged: list[_Segment] = []
    for group in snapped:
        pos = sum(s.pos for s in group) / len(group)
        current: _Segment | None = None
        for seg in sorted(group, key=lambda s: s.start):
            if current is not None and seg.start <= current.end + JOIN_TOLERANCE:
                current.end = max(current.end, seg.end)
                continue
            if current is not None:
                merged.append(current)
            current = _Segment(pos, seg.start, seg.end)
        if current is not None:
            merged.append(current)
    return merged


def _covered(segments: list[_Segment], pos: float, a: float, b: float) -> bool:
    """Whether one segment at ``pos`` runs from ``a`` to ``b``."""
    return any(
        abs(s.pos - pos) <= SNAP_TOLERANCE and s.start - JOIN_TOLERANCE <= a and s.end + JOIN_TOLERANCE >= b
        for s in segments
    )


def _cells(hs: list[_Segment], vs: list[_Segment]) -> list[BBox]:
    points: set[tuple[float, float]] = set()
    for h in hs:
        for v in vs:
            if (
                h.start - JOIN_TOLERANCE <= v.pos <= h.end + JOIN_TOLERANCE
                and v.start - JOIN_TOLERANCE <= h.pos <= v.end + JOIN_TOLERANCE
            ):
                points.add((v.pos, h.pos))
    xs_on_y: dict[float, list[float]] = defaultdict(list)
    ys_on_x: dict[float, list[float]] = defaultdict(list)
    for x, y in points:
        xs_on_y[y].append(x)
        ys_on_x[x].append(y)
    cells: list[BBox] = []
    for x, y in sorted(points, key=lambda p: (p[1], p[0])):
        cell = _smallest_cell(x, y, xs_on_y, ys_on_x, points, hs, vs)
        if cell is not None:
            cells.append(cell)
    return cells


def _smallest_cell(
    x: float,
    y: float,
    xs_on_y: dict[float, list[float]],
    ys_on_x: dict[float, list[float]],
    points: set[tuple[float, float]],
    hs: list[_Segment],
    vs: list[_Segment],
) -> BBox | None:
    """The cell whose top-left corner is ``(x, y)``: the nearest ruled bottom-right corner."""
    for y2 in sorted(v for v in ys_on_x[x] if v > y):
        if not _covered(vs, x, y, y2):
            return None
        for x2 in sorted(v for v in xs_on_y[y] if v > x):
            if not _covered(hs, y, x, x2):
                break
            if (
                (x2, y2) in points
                and _covered(vs, x2, y, y2)
                and _covered(hs, y2, x, x2)
                and x2 - x >= MIN_CELL_SIDE
                and y2 - y >= MIN_CELL_SIDE
            ):
                return (x, y, x2, y2)
    return None


def _touch(a: BBox, b: BBox) -> bool:
    tol = JOIN_TOLERANCE
    return a[0] <= b[2] + tol and b[0] <= a[2] + tol and a[1] <= b[3] + tol and b[1] <= a[3] + tol


def _group_cells(cells: list[BBox]) -> list[list[BBox]]:
    """Cells that touch belong to one table (union-find over touching pairs)."""
    parent = list(range(len(cells)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, a in enumerate(cells):
        for j in range(i + 1, len(cells)):
            if _touch(a, cells[j]):
                parent[root(j)] = root(i)
    groups: dict[int, list[BBox]] = defaultdict(list)
    for i, cell in enumerate(cells):
        groups[root(i)].append(cell)
    return list(groups.values())


def _table(cells: list[BBox]) -> Table:
    rows: list[list[BBox]] = []
    for cell in sorted(cells, key=lambda c: (c[1], c[0])):
        if rows and abs(cell[1] - rows[-1][0][1]) <= SNAP_TOLERANCE:
            rows[-1].append(cell)
        else:
            rows.append([cell])
    bbox = (
        min(c[0] for c in cells),
        min(c[1] for c in cells),
        max(c[2] for c in cells),
        max(c[3] for c in cells),
    )
    return Table(bbox, tuple(tuple(sorted(r, key=lambda c: c[0])) for r in rows))


__all__ = ["Table", "find_tables"]
