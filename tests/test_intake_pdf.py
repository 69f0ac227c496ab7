"""PDF intake: reading order, tables, page furniture, text-layer checks, typed failures, engines.

The synthetic PDFs are written by hand below (Latin text in the standard Helvetica font, so no
font file is needed); the people in them are made up. Corpus tests read ``../shared`` and are
skipped when it is absent.
"""

from __future__ import annotations

import io
import itertools
import json
import logging
import re
from pathlib import Path

import pytest

from cvparse.document import Document
from cvparse.errors import (
    CorruptDocumentError,
    CvparseError,
    EncryptedDocumentError,
    LimitExceededError,
    NoTextError,
)
from cvparse.intake.pagemodel import Glyph
from cvparse.intake.pdf import read_pdf
from cvparse.limits import DEFAULT_LIMITS, Limits

ENGINES = ("pdfplumber", "pdfium")
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
PAGE_W, PAGE_H = 595, 842


# -- a minimal PDF writer ----------------------------------------------------------------------


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


class Page:
    """Content-stream builder; ``y`` is measured from the top like the rest of cvparse."""

    def __init__(self) -> None:
        self.ops: list[str] = []

    def text(self, x: float, y: float, s: str, size: float = 10, font: str = "F1") -> Page:
        self.ops.append(f"BT /{font} {size} Tf {x} {PAGE_H - y} Td ({_escape(s)}) Tj ET")
        return self

    def hex_text(self, x: float, y: float, hexcodes: str, size: float = 10, font: str = "F3") -> Page:
        self.ops.append(f"BT /{font} {size} Tf {x} {PAGE_H - y} Td <{hexcodes}> Tj ET")
        return self

    def line(self, x0: float, y0: float, x1: float, y1: float) -> Page:
        self.ops.append(f"0.5 w {x0} {PAGE_H - y0} m {x1} {PAGE_H - y1} l S")
        return self

    def rect(self, x: float, y: float, w: float, h: float, fill: bool = True) -> Page:
        self.ops.append(f"0.8 g {x} {PAGE_H - y - h} {w} {h} re {'f' if fill else 'S'} 0 g")
        return self

    def stream(self) -> bytes:
        return "\n".join(self.ops).encode("latin-1")


def build_pdf(pages: list[Page]) -> bytes:
    """A valid PDF with Helvetica (F1), Helvetica-Bold (F2) and an unmapped CID font (F3)."""
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")  # filled in below
    pages_obj = add(b"")
    f1 = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    f2 = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>")
    cid = add(
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Garbled /CIDSystemInfo << /Registry (Adobe)"
        b" /Ordering (Identity) /Supplement 0 >> /FontDescriptor << /Type /FontDescriptor"
        b" /FontName /Garbled /Flags 4 /FontBBox [0 -200 1000 800] /ItalicAngle 0 /Ascent 800"
        b" /Descent -200 /CapHeight 700 /StemV 80 >> /DW 1000 >>"
    )
    f3 = add(
        f"<< /Type /Font /Subtype /Type0 /BaseFont /Garbled /Encoding /Identity-H"
        f" /DescendantFonts [{cid} 0 R] >>".encode()
    )
    kids = []
    for page in pages:
        content = page.stream()
        c = add(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
        kids.append(
            add(
                f"<< /Type /Page /Parent {pages_obj} 0 R /MediaBox [0 0 {PAGE_W} {PAGE_H}]"
                f" /Resources << /Font << /F1 {f1} 0 R /F2 {f2} 0 R /F3 {f3} 0 R >> >> /Contents {c} 0 R >>".encode()
            )
        )
    objects[catalog - 1] = f"<< /Type /Catalog /Pages {pages_obj} 0 R >>".encode()
    objects[pages_obj - 1] = (
        f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] /Count {len(kids)} >>".encode()
    )
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % i + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for off in offsets:
        out.write(b"%010d 00000 n \n" % off)
    trailer = b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n"
    out.write(trailer % (len(objects) + 1, catalog, xref))
    return out.getvalue()


def read(data: bytes, engine: str = "pdfplumber", limits: Limits = DEFAULT_LIMITS) -> Document:
    return read_pdf(data, source="test.pdf", limits=limits, engine=engine)  # type: ignore[arg-type]


def texts(doc: Document) -> list[str]:
    return [line.text for line in doc.lines]


# -- fixtures: small fictitious résumés ----------------------------------------------------------

SIDEBAR = [
    "Contact",
    "Phone 555 0100",
    "Mail ann@example.com",
    "Skills",
    "Python, SQL",
    "Docker",
    "Languages",
    "English",
    "German",
]
MAIN = [
    ("Experience", True),
    ("Acme Analytics Ltd, Data Engineer", True),
    ("Built the nightly ETL jobs", False),
    ("Cut report latency by half", False),
    ("Globex Corp, Intern", True),
    ("Wrote dashboards", False),
    ("Education", True),
    ("Example University, BSc", True),
    ("Statistics and computing", False),
]


def two_column_pdf() -> bytes:
    page = Page().text(40, 50, "Ann Example", size=20, font="F2")
    for k, s in enumerate(SIDEBAR):
        page.text(40, 100 + 22 * k, s)
    for k, (s, bold) in enumerate(MAIN):
        page.text(220, 90 + 24 * k, s, font="F2" if bold else "F1")
    page.text(480, 90 + 24, "2021 - 2023")  # a right-aligned date on the entry line
    return build_pdf([page])


def table_pdf() -> bytes:
    page = Page().text(250, 40, "RESUME", size=16)
    ys = [60, 80, 100, 160]
    xs = [60, 140, 300, 380, 530]
    for y in ys:
        page.line(60, y, 530, y)
    for x in xs:
        page.line(x, 60, x, 100)
    page.line(60, 100, 60, 160).line(140, 100, 140, 160).line(530, 100, 530, 160)
    page.text(65, 74, "Name").text(145, 74, "Ann Example").text(305, 74, "Gender").text(385, 74, "F")
    page.text(65, 94, "Phone").text(145, 94, "555 0100").text(305, 94, "City").text(385, 94, "Springfield")
    page.text(65, 114, "Education")
    page.text(145, 114, "2018 - 2022 Example University").text(145, 128, "BSc Statistics")
    page.text(145, 142, "GPA 3.8")
    return build_pdf([page])


def paged_pdf(pages: int = 2) -> bytes:
    out = []
    for n in range(pages):
        page = Page().text(40, 30, "Ann Example - Curriculum Vitae").text(290, 820, f"{n + 1}/{pages}")
        for k in range(6):
            page.text(40, 120 + 20 * k, f"Body line {n}.{k} about projects")
        out.append(page)
    return build_pdf(out)


# -- reading order -------------------------------------------------------------------------------


@pytest.mark.parametrize("engine", ENGINES)
def test_two_columns_are_read_one_after_the_other(engine: str) -> None:
    lines = texts(read(two_column_pdf(), engine))
    assert lines[0] == "Ann Example"
    side = [lines.index(s) for s in SIDEBAR]
    main = [next(i for i, t in enumerate(lines) if t.startswith(s)) for s, _ in MAIN]
    assert side == sorted(side)
    assert side[-1] - side[0] == len(SIDEBAR) - 1
    assert main == sorted(main)
    assert main[-1] - main[0] == len(MAIN) - 1


@pytest.mark.parametrize("engine", ENGINES)
def test_right_aligned_date_stays_on_its_entry_line(engine: str) -> None:
    # runs set apart by a wide gap are joined by two spaces, the mark extractors split fields on
    assert "Acme Analytics Ltd, Data Engineer  2021 - 2023" in texts(read(two_column_pdf(), engine))


@pytest.mark.parametrize("engine", ENGINES)
def test_line_attributes(engine: str) -> None:
    doc = read(two_column_pdf(), engine)
    name = doc.lines[0]
    assert name.bold
    assert name.size == pytest.approx(20, abs=0.5)
    assert name.page == 0
    assert name.bbox is not None
    assert name.bbox[0] == pytest.approx(40, abs=1)
    body = next(line for line in doc.lines if line.text == "Wrote dashboards")
    assert not body.bold
    assert doc.format == "pdf"
    assert doc.pages == 1


def test_single_column_page_is_not_split() -> None:
    page = Page()
    for k in range(20):
        page.text(50, 60 + 16 * k, f"Line {k} " + "word " * (4 + k % 9))
    lines = texts(read(build_pdf([page])))
    assert [int(re.match(r"Line (\d+)", t).group(1)) for t in lines] == list(range(20))  # type: ignore[union-attr]


# -- tables -------------------------------------------------------------------------------------


@pytest.mark.parametrize("engine", ENGINES)
def test_table_rows(engine: str) -> None:
    lines = texts(read(table_pdf(), engine))
    assert lines == [
        "RESUME",
        "Name | Ann Example | Gender | F",
        "Phone | 555 0100 | City | Springfield",
        "Education",
        "2018 - 2022 Example University",
        "BSc Statistics",
        "GPA 3.8",
    ]


def test_background_rectangles_are_not_tables() -> None:
    page = Page().rect(40, 40, 200, 30).rect(240, 40, 200, 30)
    page.text(50, 60, "Left heading").text(250, 60, "Right heading")
    for k in range(4):
        page.text(50, 100 + 16 * k, f"Paragraph line {k} with several words in it")
    assert texts(read(build_pdf([page])))[0] == "Left heading  Right heading"


# -- page furniture -----------------------------------------------------------------------------


@pytest.mark.parametrize("engine", ENGINES)
def test_headers_footers_and_page_numbers_are_dropped(engine: str) -> None:
    doc = read(paged_pdf(2), engine)
    lines = texts(doc)
    assert lines == [f"Body line {n}.{k} about projects" for n in range(2) for k in range(6)]
    assert doc.pages == 2
    assert doc.lines[-1].page == 1


@pytest.mark.parametrize("number", ["1/2", "- 1 -", "1 | Page", "Page 1 of 1", "3"])
def test_page_number_styles(number: str) -> None:
    page = Page().text(40, 100, "Ann Example").text(40, 130, "Body text line one")
    page.text(40, 150, "Body text line two").text(40, 170, "Body text line three")
    page.text(290, 815, number)
    assert texts(read(build_pdf([page])))[-1] == "Body text line three"


@pytest.mark.parametrize(
    ("text", "is_number"),
    [
        ("第 1 页", True),
        ("第1页，共2页", True),
        ("- 2 -", True),
        ("1 | P age", True),
        ("2/3", True),
        ("2021.09", False),
        ("第一作者", False),
        ("1 项目", False),
    ],
)
def test_page_number_pattern(text: str, is_number: bool) -> None:
    from cvparse.intake.pdf import _PAGE_NUMBER

    assert bool(_PAGE_NUMBER.match(text)) is is_number


def test_glyph_derived_fields() -> None:
    from dataclasses import replace

    g = Glyph("a", 10, 0, 16, 12, 12)
    assert (g.base, g.cx, g.cy) == (12, 13, 6)
    moved = replace(g, x1=20, baseline=11.5)
    assert (moved.base, moved.cx, moved.bold) == (11.5, 15, False)
    assert replace(g, bold=True) != g and replace(g) == g


def test_glyph_cleanup() -> None:
    from cvparse.intake.layout import clean_glyphs, join_glyphs

    def g(t: str, x: float, unmapped: bool = False) -> Glyph:
        return Glyph(t, x, 0, x + 10, 10, 10, unmapped=unmapped)

    phone = [g("\uf095", 0), *[g(c, 20 + 6 * i) for i, c in enumerate("138")]]
    phone = [Glyph(x.text, x.x0, 0, x.x0 + 6, 10, 10) if x.text.isdigit() else x for x in phone]
    assert join_glyphs(clean_glyphs(phone)) == "138"
    assert join_glyphs(clean_glyphs([g("\u2f08", 0), g("\u2ecb", 10), g("x", 20, unmapped=True)])) == "人车"
    twice = clean_glyphs([g("A", 0), g("A", 0.3)])
    assert len(twice) == 1
    assert twice[0].bold


# -- text-layer quality -------------------------------------------------------------------------


@pytest.mark.parametrize("engine", ENGINES)
def test_image_only_pdf_needs_ocr(engine: str) -> None:
    data = build_pdf([Page().rect(50, 50, 400, 600)])
    with pytest.raises(NoTextError, match="OCR"):
        read(data, engine)


def test_cid_garbage_needs_ocr() -> None:
    page = Page()
    for k in range(10):
        page.hex_text(40, 60 + 20 * k, "0102030405060708090A0B0C")
    with pytest.raises(NoTextError, match="OCR"):
        read(build_pdf([page]))


def test_latin1_mojibake_needs_ocr() -> None:
    page = Page()
    for k in range(10):
        page.text(40, 60 + 20 * k, "\xbc\xc6\xcb\xe3\xbb\xfa\xd3\xa6\xd3\xc3 \xc8\xed\xbc\xfe")
    with pytest.raises(NoTextError, match="garbled"):
        read(build_pdf([page]))


# -- typed failures -----------------------------------------------------------------------------


def _encrypted(user_password: str) -> bytes:
    pypdf = pytest.importorskip("pypdf", reason="pypdf (test-only) builds encrypted PDFs")
    reader = pypdf.PdfReader(io.BytesIO(two_column_pdf()))
    writer = pypdf.PdfWriter()
    for page in reader.pages:
        writer.add_page(page)
    writer.encrypt(user_password=user_password, owner_password="owner-secret", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.mark.parametrize("engine", ENGINES)
def test_encrypted_pdf(engine: str) -> None:
    with pytest.raises(EncryptedDocumentError, match="password"):
        read(_encrypted("secret"), engine)


@pytest.mark.parametrize("engine", ENGINES)
def test_encrypted_with_empty_user_password_opens(engine: str) -> None:
    assert "Ann Example" in texts(read(_encrypted(""), engine))


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("cut", [0.3, 0.6, 0.9])
def test_truncated_pdf_is_corrupt(engine: str, cut: float) -> None:
    data = two_column_pdf()
    with pytest.raises((CorruptDocumentError, NoTextError)):
        read(data[: int(len(data) * cut)], engine)


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("seed", range(5))
def test_random_bytes_are_corrupt(engine: str, seed: int) -> None:
    import random

    junk = b"%PDF-1.7\n" + random.Random(seed).randbytes(2000)
    with pytest.raises(CorruptDocumentError):
        read(junk, engine)


@pytest.mark.parametrize("engine", ENGINES)
def test_page_limit_checked_before_reading(engine: str) -> None:
    with pytest.raises(LimitExceededError) as info:
        read(paged_pdf(3), engine, limits=Limits(max_pages=2))
    assert info.value.limit == "max_pages"
    assert info.value.value == 3
    assert len(texts(read(paged_pdf(3), engine, limits=Limits(max_pages=None)))) == 18


def test_errors_name_the_source() -> None:
    with pytest.raises(CvparseError, match=r"^test\.pdf: "):
        read(b"%PDF-1.4\n garbage")


def test_pdfminer_warnings_are_silenced_only_during_the_call(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING):
        read(two_column_pdf())
        logging.getLogger("pdfminer.pdffont").warning("outside")
    assert [r.getMessage() for r in caplog.records if r.name.startswith("pdfminer")] == ["outside"]


def test_unknown_engine() -> None:
    with pytest.raises(CvparseError):
        read(two_column_pdf(), "mupdf")


def test_import_cvparse_does_not_load_pdf_engines() -> None:
    import subprocess
    import sys

    code = "import sys, cvparse; print('pdfplumber' in sys.modules or 'pypdfium2' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_bare_pdfium_functions_match_the_bindings() -> None:
    """The engine calls pdfium without ctypes' argument conversion only when the bindings
    declare the signature it was written for; otherwise it keeps the checked function."""
    import _ctypes
    import ctypes

    import pypdfium2
    import pypdfium2.raw as raw

    from cvparse.intake.pdf_engines import _PTR, _bare

    checked = raw.FPDFText_GetUnicode
    assert _bare(checked, _PTR, ctypes.c_size_t) is checked  # another index type
    assert _bare(checked, _PTR) is checked  # another arity
    bare = _bare(checked, _PTR, ctypes.c_int)
    assert bare is not checked and bare.argtypes is None and bare.restype is checked.restype
    assert bare._flags_ & _ctypes.FUNCFLAG_PYTHONAPI  # called with the GIL held, as PyDLL's functions
    bare_size = _bare(raw.FPDFText_GetFontSize, _PTR, ctypes.c_int)  # a double result
    pdf = pypdfium2.PdfDocument(two_column_pdf())
    try:
        textpage = pdf[0].get_textpage()
        tp = textpage.raw
        count = raw.FPDFText_CountChars(tp)
        assert count > 0
        assert [bare(tp, i) for i in range(count)] == [checked(tp, i) for i in range(count)]
        sizes = [bare_size(tp, i) for i in range(count)]
        assert sizes == [raw.FPDFText_GetFontSize(tp, i) for i in range(count)]
        assert 10.0 in sizes
    finally:
        pdf.close()


# -- engines agree --------------------------------------------------------------------------------


@pytest.mark.parametrize("make", [two_column_pdf, table_pdf, lambda: paged_pdf(2)])
def test_engines_agree(make: object) -> None:
    data = make()  # type: ignore[operator]
    a, b = read(data, "pdfplumber"), read(data, "pdfium")
    assert texts(a) == texts(b)
    for la, lb in zip(a.lines, b.lines, strict=False):
        assert la.page == lb.page
        assert la.bold == lb.bold
        assert la.bbox is not None
        assert lb.bbox is not None
        assert all(abs(p - q) < 3 for p, q in zip(la.bbox, lb.bbox, strict=False))


# -- the corpus (skipped without ../shared) ---------------------------------------------------------


def _corpus(folder: str) -> list[Path]:
    root = SHARED / "corpus" / folder
    return sorted(root.glob("*.pdf")) if root.is_dir() else []


needs_shared = pytest.mark.skipif(not SHARED.is_dir(), reason="the shared corpus (../shared) is not present")
TWO_COLUMN = {"d001", "d005", "d009", "d014", "d026", "d030", "d034"}


def _squash(s: str) -> str:
    return re.sub(r"\s+", "", s)


# Documents whose name is not at the top by design: the annual-report page opens with the
# report's running title and a remuneration table, the bio paragraph comes after it.
NAME_NOT_FIRST = {"d025"}


@needs_shared
@pytest.mark.parametrize("path", _corpus("dev"), ids=lambda p: p.name[:4])
def test_dev_pdf_name_comes_first(path: Path) -> None:
    gold = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    lines = [_squash(t) for t in texts(read(path.read_bytes()))]
    name = _squash(gold["name"])
    head = lines if path.name[:4] in NAME_NOT_FIRST else lines[:4]
    assert any(name in t for t in head), head


@needs_shared
@pytest.mark.parametrize(
    "path",
    [p for p in _corpus("dev") if p.name[:4] in TWO_COLUMN],
    ids=lambda p: p.name[:4],
)
def test_dev_sidebar_is_contiguous(path: Path) -> None:
    """Lines left of the gutter and right of it each form one block per page."""
    doc = read(path.read_bytes())
    for page in range(doc.pages):
        lines = [ln for ln in doc.lines if ln.page == page and ln.bbox is not None]
        xs = sorted({round(ln.bbox[0]) for ln in lines})  # type: ignore[index]
        a, b = max(itertools.pairwise(xs), key=lambda ab: ab[1] - ab[0])
        sides = ["L" if ln.bbox[0] < (a + b) / 2 else "R" for ln in lines]  # type: ignore[index]
        changes = sum(1 for a, b in itertools.pairwise(sides) if a != b)
        assert changes <= 1, (page, sides)


@needs_shared
def test_d001_contact_block_not_inside_work_entries() -> None:
    path = SHARED / "corpus" / "dev" / "d001-campus-sidebar.pdf"
    lines = texts(read(path.read_bytes()))
    work = [i for i, t in enumerate(lines) if "有限公司" in t]
    for label in ("联系方式", "138-7102-4456"):
        i = lines.index(label)
        assert not (min(work) < i < max(work))


@needs_shared
@pytest.mark.parametrize("path", _corpus("external/real"), ids=lambda p: p.stem)
def test_real_pdfs_parse_with_both_engines(path: Path) -> None:
    a, b = read(path.read_bytes(), "pdfplumber"), read(path.read_bytes(), "pdfium")
    assert len(a.lines) > 10
    same = sum(1 for x, y in zip(texts(a), texts(b), strict=False) if _squash(x) == _squash(y))
    assert same >= 0.6 * len(a.lines)
    assert not any(re.search(r"\(cid:\d+\)|[\ue000-\uf8ff\u2f00-\u2fd5]", t) for t in texts(a) + texts(b))
