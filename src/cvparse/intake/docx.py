"""DOCX intake: a Word package in, a :class:`~cvparse.document.Document` of lines out.

Two jobs live here, in this order:

1. **Vet the package before python-docx sees it.** A DOCX is a zip of XML parts, which makes
   it the easiest résumé format to weaponise: a zip bomb, a part whose header lies about its
   size, an XML external entity. :func:`_vet_package` opens the zip with :mod:`zipfile`,
   refuses a declared total over ``Limits.max_unzipped_bytes``, refuses compression methods
   Word never writes (bzip2/LZMA decompress without an output bound), reads every XML part
   with a bounded, CRC-checked read and refuses any part that declares a DTD. Word itself
   refuses to open a package with a DTD, so nothing legitimate is lost; python-docx's parser
   is also built with ``resolve_entities=False`` (``tests/test_intake_docx.py`` checks both).
2. **Read the body like a person would.** Paragraphs and tables in document order (nested
   tables and text boxes included), key-value table rows as one ``a | b`` line, a right-tab
   date kept on its entry's line, header/footer text up front. Run formatting gives the
   ``bold``/``size``/``heading`` cues segmentation uses.

The XML is walked directly (python-docx opens the package, resolves relationships and parses
the parts) because python-docx's ``Paragraph.text`` skips text in content controls and text
boxes, and ``_Row.cells`` repeats merged cells.

No exception from zipfile, lxml or python-docx escapes: each becomes a
:class:`~cvparse.errors.CorruptDocumentError` (or a more specific cvparse error) naming the file.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ..document import Document, Line
from ..errors import CorruptDocumentError, CvparseError, EncryptedDocumentError, LimitExceededError
from ..limits import NO_DEADLINE, Deadline, Limits
from .sniff import ENCRYPTED_OOXML, OLE_MAGIC, sniff

# lxml ships no type stubs; XML elements are typed as Any in this module.
_Element = Any

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"

_MAX_PARTS = 10_000
"""A Word document has 10-40 parts; thousands means a hostile or broken zip."""
_MAX_NESTING = 32
"""Tables/text boxes nested deeper than this are not a résumé layout (the walker recurses)."""
_READ_CHUNK = 1 << 20
_DEADLINE_EVERY = 500
"""Paragraphs and tables between two deadline checks (a few milliseconds of work)."""
_WORD_COMPRESSION = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)

CELL_SEPARATOR = " | "
"""Joins the cells of a one-line table row (``姓名 | 张三``), as a person reads across."""
TAB_SEPARATOR = " | "
"""Replaces a tab inside a paragraph. Résumé templates put the dates of an entry on a right tab
stop (``公司名<TAB>2019.07 – 至今``); the author's own column gap inside the text is usually
spaces, so an explicit separator keeps the date column apart from the last column before it
(``风险管理部 | 2019.07 - 至今``) while keeping the entry on one line."""

_HEADING_MAX_WIDTH = 30
"""An all-bold paragraph is a heading cue only when short (and set larger than the body text,
see :func:`_finish`): 30 columns is 15 CJK characters or ``Professional Experience``."""
_HEADING_STYLE = re.compile(r"^(?:heading|title|subtitle|标题|標題)", re.IGNORECASE)
_PAGE_NUMBER = re.compile(
    r"^\s*(?:[-–—]\s*\d+\s*[-–—]|第\s*\d+\s*页(?:\s*[/，,]?\s*共\s*\d+\s*页)?|"
    r"(?:page\s*)?\d+(?:\s*(?:/|of)\s*\d+)?)\s*$",
    re.IGNORECASE,
)
_TAB = "\t"


def read_docx(
    data: bytes, *, source: str | None, limits: Limits, deadline: Deadline = NO_DEADLINE
) -> Document:
    """Read a DOCX package into lines in reading order.

    Raises :class:`CorruptDocumentError` for a broken or truncated package,
    :class:`EncryptedDocumentError` for a password-protected one and
    :class:`LimitExceededError` (``limit="max_unzipped_bytes"``) for a zip bomb.
    """
    if data.startswith(OLE_MAGIC) and sniff(data) == ENCRYPTED_OOXML:
        raise EncryptedDocumentError("the Word document is password-protected", source=source)
    _vet_package(data, source=source, limits=limits)
    deadline.check(source, "vetting the package")
    try:
        import docx  # lazy: python-docx and lxml cost import time that text résumés never need

        document = docx.Document(io.BytesIO(data))
        deadline.check(source, "parsing the XML")
        reader = _Reader(_Styles.load(document.styles.element), source=source, deadline=deadline)
        body_lines = reader.container(document.element.body)
        extra = reader.header_footer_lines(document)
    except CvparseError:
        raise
    except MemoryError:
        raise
    except Exception as exc:
        # python-docx documents no exception types: a broken package surfaces as KeyError,
        # ValueError, lxml's XMLSyntaxError, zipfile.BadZipFile, zlib.error, ... The contract is
        # that none of them reaches the caller.
        raise CorruptDocumentError(f"cannot read the Word document: {_describe(exc)}", source=source) from exc
    seen = {_key(line.text) for line in body_lines}
    head: list[_Out] = []
    for line in extra:
        key = _key(line.text)
        if key and key not in seen and not _PAGE_NUMBER.match(line.text):
            seen.add(key)
            head.append(line)
    return Document(lines=_finish(head + body_lines), source=source, format="docx", pages=1)


def _finish(outs: list[_Out]) -> list[Line]:
    """Decide the bold-title heading cue against the body text size.

    Segmentation opens a section at any short heading-flagged line, so a false cue splits an
    entry. Bold is not enough: résumés set company and school lines in bold at body size
    (d003, d010, d029, d032 do). A bold short line is flagged only when it is also set
    larger than the body text, which every bold section title in the dev DOCX files is.
    """
    weights: dict[float, int] = {}
    for out in outs:
        if out.size is not None:
            weights[out.size] = weights.get(out.size, 0) + len(out.text)
    body = max(weights, key=lambda k: weights[k]) if weights else None
    candidates = [(out, out.size) for out in outs if out.title and out.size is not None]
    if candidates and all(size < candidates[0][1] for _, size in candidates[1:]):
        # The first candidate set larger than every later one is the résumé's title (the name,
        # 张三同志简历), not a section title: a section opened there would take the contact
        # lines below it out of the header block.
        candidates[0][0].title = False
    return [
        Line(
            text=out.text,
            size=out.size,
            bold=out.bold,
            heading=out.heading
            or (out.title and body is not None and out.size is not None and out.size > body),
        )
        for out in outs
    ]


# --------------------------------------------------------------------------- package vetting


def _vet_package(data: bytes, *, source: str | None, limits: Limits) -> None:
    """Refuse hostile or broken packages before python-docx decompresses anything."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        OSError,
        ValueError,
        EOFError,
        NotImplementedError,
    ) as exc:
        # NotImplementedError: a damaged directory entry claims a zip version Python lacks
        raise CorruptDocumentError(
            f"not a readable DOCX (zip) package: {_describe(exc)}", source=source
        ) from exc
    with zf:
        infos = zf.infolist()
        if len(infos) > _MAX_PARTS:
            raise CorruptDocumentError(
                f"the package has {len(infos):,} parts; not a Word document", source=source
            )
        if any(info.flag_bits & 0x1 for info in infos):
            raise EncryptedDocumentError("the DOCX package is zip-encrypted", source=source)
        declared = sum(info.file_size for info in infos)
        limit = limits.max_unzipped_bytes
        if limit is not None and declared > limit:
            raise LimitExceededError(
                f"the DOCX unpacks to {declared:,} bytes, over the limit of {limit:,}",
                source=source,
                limit="max_unzipped_bytes",
                value=declared,
            )
        names = {info.filename for info in infos}
        if "word/document.xml" not in names and not any(n.startswith("word/") for n in names):
            raise CorruptDocumentError("the package has no word/document.xml part", source=source)
        budget = limit
        for info in infos:
            if info.compress_type not in _WORD_COMPRESSION:
                # bzip2/LZMA members decompress each chunk without an output bound, so a lying
                # size header could still blow up memory; Word only writes stored/deflate.
                raise CorruptDocumentError(
                    f"part {info.filename!r} uses compression method {info.compress_type}, "
                    "which Word never writes",
                    source=source,
                )
            if not info.filename.endswith((".xml", ".rels")):
                continue
            blob = _bounded_read(zf, info, budget, source=source)
            if budget is not None:
                budget -= len(blob)
            if _declares_dtd(blob):
                raise CorruptDocumentError(
                    f"part {info.filename!r} declares a DTD (<!DOCTYPE>); Word refuses such packages "
                    "and cvparse does not parse them (XML external entities)",
                    source=source,
                )


def _bounded_read(
    zf: zipfile.ZipFile, info: zipfile.ZipInfo, budget: int | None, *, source: str | None
) -> bytes:
    """Decompress one part in chunks, never past ``budget`` bytes, verifying its CRC.

    zipfile already stops at the declared size and then fails the CRC check when a header
    understates the real size; the budget adds a hard stop that does not depend on that.
    """
    out = bytearray()
    try:
        with zf.open(info) as fh:
            while chunk := fh.read(_READ_CHUNK):
                out += chunk
                if budget is not None and len(out) > budget:
                    raise LimitExceededError(
                        f"part {info.filename!r} unpacks past the limit of {budget:,} bytes",
                        source=source,
                        limit="max_unzipped_bytes",
                        value=len(out),
                    )
    except CvparseError:
        raise
    except RuntimeError as exc:  # zipfile: "File ... is encrypted, password required"
        raise EncryptedDocumentError(f"part {info.filename!r} is encrypted", source=source) from exc
    except Exception as exc:  # BadZipFile (CRC), zlib.error, EOFError on a truncated member
        raise CorruptDocumentError(
            f"part {info.filename!r} is damaged: {_describe(exc)}", source=source
        ) from exc
    return bytes(out)


def _declares_dtd(blob: bytes) -> bool:
    """Whether an XML part carries a ``<!DOCTYPE`` (checked in UTF-16 too: OOXML allows it)."""
    if b"<!DOCTYPE" in blob or b"<!ENTITY" in blob:
        return True
    if blob.startswith((b"\xff\xfe", b"\xfe\xff")) or blob[:2] in (b"<\x00", b"\x00<"):
        codec = "utf-16-be" if blob.startswith(b"\xfe\xff") or blob[:1] == b"\x00" else "utf-16-le"
        text = blob.decode(codec, errors="ignore")
        return "<!DOCTYPE" in text or "<!ENTITY" in text
    return False


def _describe(exc: BaseException) -> str:
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


# --------------------------------------------------------------------------- styles


@dataclass(frozen=True, slots=True)
class _Style:
    name: str
    based_on: str | None
    bold: bool | None
    size: float | None
    outline: bool


@dataclass(slots=True)
class _Styles:
    """Bold, size and heading-ness of each style, resolved through ``w:basedOn`` chains."""

    styles: dict[str, _Style]
    default_paragraph: str | None
    default_size: float | None
    default_bold: bool | None

    @classmethod
    def load(cls, root: _Element | None) -> _Styles:
        styles: dict[str, _Style] = {}
        default_paragraph = None
        default_size: float | None = None
        default_bold: bool | None = None
        if root is None:
            return cls(styles, None, None, None)
        rpr_default = root.find(f"{_W}docDefaults/{_W}rPrDefault/{_W}rPr")
        if rpr_default is not None:
            default_bold = _on_off(rpr_default.find(f"{_W}b"))
            default_size = _half_points(rpr_default.find(f"{_W}sz"))
        for el in root.iterfind(f"{_W}style"):
            sid = el.get(f"{_W}styleId")
            if not sid:
                continue
            name_el = el.find(f"{_W}name")
            based = el.find(f"{_W}basedOn")
            rpr = el.find(f"{_W}rPr")
            outline = el.find(f"{_W}pPr/{_W}outlineLvl")
            styles[sid] = _Style(
                name=(name_el.get(f"{_W}val") if name_el is not None else None) or sid,
                based_on=based.get(f"{_W}val") if based is not None else None,
                bold=_on_off(rpr.find(f"{_W}b")) if rpr is not None else None,
                size=_half_points(rpr.find(f"{_W}sz")) if rpr is not None else None,
                outline=outline is not None and _int(outline.get(f"{_W}val"), 9) < 9,
            )
            if el.get(f"{_W}type") == "paragraph" and el.get(f"{_W}default") in ("1", "true", "on"):
                default_paragraph = sid
        return cls(styles, default_paragraph, default_size, default_bold)

    def chain(self, sid: str | None) -> Iterator[_Style]:
        seen: set[str] = set()
        while sid and sid not in seen and sid in self.styles:
            seen.add(sid)
            style = self.styles[sid]
            yield style
            sid = style.based_on

    def bold(self, *sids: str | None) -> bool:
        for sid in sids:
            for style in self.chain(sid):
                if style.bold is not None:
                    return style.bold
        return bool(self.default_bold)

    def size(self, *sids: str | None) -> float | None:
        for sid in sids:
            for style in self.chain(sid):
                if style.size is not None:
                    return style.size
        return self.default_size

    def is_heading(self, sid: str | None) -> bool:
        return any(_HEADING_STYLE.match(s.name) or s.outline for s in self.chain(sid))


def _on_off_value(val: str | None) -> bool:
    return val is None or val.lower() not in ("0", "false", "off", "none")


def _on_off(el: _Element | None) -> bool | None:
    return None if el is None else _on_off_value(el.get(f"{_W}val"))


def _half_points(el: _Element | None) -> float | None:
    if el is None:
        return None
    value = _int(el.get(f"{_W}val"), 0)
    return value / 2 if value > 0 else None


def _int(text: str | None, default: int) -> int:
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default


# --------------------------------------------------------------------------- reading


@dataclass(slots=True)
class _Piece:
    """Text of one run, with the formatting segmentation cares about."""

    text: str
    bold: bool
    size: float | None


@dataclass(slots=True)
class _Para:
    """One visual line being assembled (a paragraph, or part of one split at a line break)."""

    pieces: list[_Piece] = field(default_factory=list)


@dataclass(slots=True)
class _Out:
    """A line before the document-wide heading decision (which needs the body font size)."""

    text: str
    size: float | None
    bold: bool
    heading: bool
    title: bool = False
    """All bold, short, no column separator: a section title if also larger than body text."""


class _Reader:
    """Walks WordprocessingML block containers (body, cell, text box, header) into lines."""

    def __init__(self, styles: _Styles, *, source: str | None, deadline: Deadline = NO_DEADLINE) -> None:
        self.styles = styles
        self.source = source
        self.deadline = deadline
        self.blocks = 0

    # ---- containers

    def container(self, el: _Element, *, depth: int = 0, in_table: bool = False) -> list[_Out]:
        if depth > _MAX_NESTING:
            raise CorruptDocumentError(
                f"tables or text boxes nested more than {_MAX_NESTING} deep", source=self.source
            )
        lines: list[_Out] = []
        for child in _blocks(el):
            self.blocks += 1
            if self.blocks % _DEADLINE_EVERY == 0:
                self.deadline.check(self.source, "reading paragraphs")
            if child.tag == f"{_W}p":
                lines.extend(self.paragraph(child, depth=depth, in_table=in_table))
            elif child.tag == f"{_W}tbl":
                lines.extend(self.table(child, depth=depth + 1))
        return lines

    def header_footer_lines(self, document: Any) -> list[_Out]:
        """Text of the header and footer parts, headers first, each part once.

        Both go *before* the body: contact details are what templates put there, and at the
        top they land in the résumé's header block instead of the last section's text.
        """
        rels = document.part.related_parts
        refs: list[tuple[int, str]] = []
        for sect in document.element.body.iter(f"{_W}sectPr"):
            for ref in sect:
                if ref.tag == f"{_W}headerReference":
                    refs.append((0, ref.get(f"{_R}id") or ""))
                elif ref.tag == f"{_W}footerReference":
                    refs.append((1, ref.get(f"{_R}id") or ""))
        lines: list[_Out] = []
        done: set[int] = set()
        for _, rid in sorted(refs, key=lambda r: r[0]):
            part = rels.get(rid)
            if part is None or id(part) in done:
                continue
            done.add(id(part))
            lines.extend(self.container(part.element))
        return lines

    # ---- tables

    def table(self, tbl: _Element, *, depth: int) -> list[_Out]:
        lines: list[_Out] = []
        for tr in _children(tbl, f"{_W}tr"):
            cells = [self.container(tc, depth=depth, in_table=True) for tc in _row_cells(tr)]
            lines.extend(_row_lines([c for c in cells if c]))
        return lines

    # ---- paragraphs

    def paragraph(self, p: _Element, *, depth: int, in_table: bool) -> list[_Out]:
        ppr = p.find(f"{_W}pPr")
        pstyle = _val(ppr.find(f"{_W}pStyle")) if ppr is not None else None
        pstyle = pstyle or self.styles.default_paragraph
        heading_style = self.styles.is_heading(pstyle) or (
            ppr is not None
            and ppr.find(f"{_W}outlineLvl") is not None
            and _int(_val(ppr.find(f"{_W}outlineLvl")), 9) < 9
        )
        paras = [_Para()]
        boxes: list[_Element] = []
        for r in _runs(p, boxes):
            rpr = r.find(f"{_W}rPr")
            rstyle = _val(rpr.find(f"{_W}rStyle")) if rpr is not None else None
            direct_bold = _on_off(rpr.find(f"{_W}b")) if rpr is not None else None
            bold = direct_bold if direct_bold is not None else self.styles.bold(rstyle, pstyle)
            size = _half_points(rpr.find(f"{_W}sz")) if rpr is not None else None
            if size is None:
                size = self.styles.size(rstyle, pstyle)
            for child in r:
                tag = child.tag
                if tag == f"{_W}t":
                    paras[-1].pieces.append(_Piece(child.text or "", bold, size))
                elif tag in (f"{_W}tab", f"{_W}ptab"):
                    paras[-1].pieces.append(_Piece(_TAB, bold, size))
                elif tag in (f"{_W}br", f"{_W}cr"):
                    paras.append(_Para())
                elif tag == f"{_W}noBreakHyphen":
                    paras[-1].pieces.append(_Piece("-", bold, size))
        lines = [line for para in paras if (line := _line(para, heading_style, in_table=in_table))]
        for box in boxes:
            lines.extend(self.container(box, depth=depth + 1))
        return lines


def _blocks(el: _Element) -> Iterator[_Element]:
    """Block-level children in order, looking through content controls and custom XML."""
    for child in el:
        if child.tag in (f"{_W}p", f"{_W}tbl"):
            yield child
        elif child.tag in (f"{_W}sdt", f"{_W}customXml"):
            content = child.find(f"{_W}sdtContent") if child.tag == f"{_W}sdt" else child
            if content is not None:
                yield from _blocks(content)


def _children(el: _Element, tag: str) -> Iterator[_Element]:
    """Children with ``tag``, looking through ``w:sdt``/``w:customXml`` wrappers."""
    for child in el:
        if child.tag == tag:
            yield child
        elif child.tag in (f"{_W}sdt", f"{_W}customXml"):
            content = child.find(f"{_W}sdtContent") if child.tag == f"{_W}sdt" else child
            if content is not None:
                yield from _children(content, tag)


def _row_cells(tr: _Element) -> Iterator[_Element]:
    """The row's real cells: a merged cell once, not repeated for each grid column or row."""
    for tc in _children(tr, f"{_W}tc"):
        tcpr = tc.find(f"{_W}tcPr")
        if tcpr is not None:
            vmerge = tcpr.find(f"{_W}vMerge")
            if vmerge is not None and _val(vmerge) in (None, "continue"):
                continue  # the text sits in the first cell of a vertical merge
            hmerge = tcpr.find(f"{_W}hMerge")
            if hmerge is not None and _val(hmerge) in (None, "continue"):
                continue  # legacy horizontal merge
        yield tc


def _runs(p: _Element, boxes: list[_Element]) -> Iterator[_Element]:
    """Runs of a paragraph in order, through hyperlinks, fields, content controls, insertions.

    Deleted runs (``w:del``, ``w:moveFrom``) are skipped. Text boxes met on the way are
    appended to ``boxes`` (their text is read after the paragraph that anchors them); only
    the ``mc:Choice`` branch of an ``mc:AlternateContent`` is read, since the ``mc:Fallback``
    holds a VML copy of the same box.
    """
    for child in p:
        tag = child.tag
        if tag == f"{_W}r":
            for box in _text_boxes(child):
                boxes.append(box)
            yield child
        elif tag in (f"{_W}del", f"{_W}moveFrom", f"{_W}pPr", f"{_W}rPr"):
            continue
        elif tag == f"{_MC}AlternateContent":
            choice = child.find(f"{_MC}Choice")
            if choice is not None:
                yield from _runs(choice, boxes)
        elif tag == f"{_W}sdt":
            content = child.find(f"{_W}sdtContent")
            if content is not None:
                yield from _runs(content, boxes)
        elif len(child):  # w:hyperlink, w:ins, w:fldSimple, w:smartTag, w:customXml, w:moveTo ...
            yield from _runs(child, boxes)


def _text_boxes(r: _Element) -> Iterator[_Element]:
    """The outermost ``w:txbxContent`` elements of a run, skipping ``mc:Fallback`` copies."""
    stack = list(r)
    while stack:
        el = stack.pop(0)
        if el.tag == f"{_MC}Fallback":
            continue
        if el.tag == f"{_W}txbxContent":
            yield el
            continue
        stack[:0] = list(el)


def _val(el: _Element | None) -> str | None:
    if el is None:
        return None
    value = el.get(f"{_W}val")
    return str(value) if value is not None else None


# --------------------------------------------------------------------------- lines


def _line(para: _Para, heading_style: bool, *, in_table: bool) -> _Out | None:
    text = _join_tabs("".join(p.text for p in para.pieces))
    if not text:
        return None
    weights: dict[float | None, int] = {}
    bold_chars = total = 0
    for piece in para.pieces:
        n = sum(1 for ch in piece.text if not ch.isspace())
        total += n
        bold_chars += n if piece.bold else 0
        weights[piece.size] = weights.get(piece.size, 0) + n
    sizes = {k: v for k, v in weights.items() if k is not None}
    size = max(sizes, key=lambda k: sizes[k]) if sizes else None
    all_bold = total > 0 and bold_chars == total
    # In a table a bold cell is a label (姓名, 工作职责), not a section title; single-cell
    # title rows are promoted in _row_lines instead.
    title = not in_table and all_bold and _short_title(text)
    return _Out(text, size, total > 0 and bold_chars * 2 > total, heading_style, title=title)


def _short_title(text: str) -> bool:
    """Short, no column separator, not a ``label：`` line: how a bold section title looks."""
    if TAB_SEPARATOR.strip() in text or text.endswith((":", "：")):
        return False
    return _width(text) <= _HEADING_MAX_WIDTH


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _join_tabs(text: str) -> str:
    """Tabs become one separator; a ``label：<TAB>value`` stays ``label：value``."""
    parts = [part.strip() for part in text.split(_TAB)]
    return _join([part for part in parts if part], TAB_SEPARATOR)


def _join(parts: Iterable[str], separator: str) -> str:
    """Join columns; a column ending in a colon is a label and takes the next one directly."""
    out = ""
    for part in parts:
        if not out:
            out = part
        elif out.endswith("："):
            out += part
        elif out.endswith(":"):
            out += " " + part
        else:
            out += separator + part
    return out.strip()


def _row_lines(cells: list[list[_Out]]) -> list[_Out]:
    """Lines of one table row, read across like a person reads a form.

    Runs of one-line cells join into one line (``性别：女 | 出生年月：1991年10月``,
    ``2018.04-至今 | 联合汽车电子有限公司``); a cell with several lines (a label's multi-paragraph
    content, a layout column, a nested table) gives its lines in order. A row with a single
    short bold cell is a title bar (``教育背景`` in a form-style résumé) and is a heading cue.
    """
    out: list[_Out] = []
    pending: list[_Out] = []

    def flush() -> None:
        if pending:
            out.append(_merge(pending))
            pending.clear()

    for cell in cells:
        if len(cell) == 1:
            pending.append(cell[0])
        else:
            flush()
            out.extend(cell)
    flush()
    if len(cells) == 1 and len(out) == 1:
        only = out[0]
        if only.heading or (only.bold and _short_title(only.text)):  # merged title-bar row
            only.heading = True
    return out


def _merge(lines: list[_Out]) -> _Out:
    if len(lines) == 1:
        return lines[0]
    texts = [line.text for line in lines]
    for i in range(len(lines) - 1):
        if _is_label_cell(lines[i]) and not lines[i + 1].bold:
            texts[i] += "："  # a bold label cell reads as 目前公司：联合汽车电子有限公司
    text = _join(texts, CELL_SEPARATOR)
    weights: dict[float | None, int] = {}
    bold = 0
    for line in lines:
        weights[line.size] = weights.get(line.size, 0) + len(line.text)
        bold += len(line.text) if line.bold else 0
    sizes = {k: v for k, v in weights.items() if k is not None}
    size = max(sizes, key=lambda k: sizes[k]) if sizes else None
    total = sum(len(line.text) for line in lines)
    return _Out(text, size, bold * 2 > total, heading=False)


_LABEL_CELL = re.compile(r"^[^\W\d_][^\d:：，,。；;|]{0,7}$")
"""A key-value grid's label cell: a few letters, no digits or punctuation (目前公司, 所在部门)."""


def _is_label_cell(cell: _Out) -> bool:
    """A bold, short, digit-free cell followed by a plain one is a label (the 猎聘 export, d019).

    Job-board grids write labels without a colon and set them in bold; joining the label to
    its value with ``：`` gives the ``label：value`` line the extractors read everywhere else.
    Bold dates (``2018.04-至今``) and header rows whose cells are all bold are not labels.
    """
    return cell.bold and not cell.heading and bool(_LABEL_CELL.match(cell.text))


def _key(text: str) -> str:
    """Whitespace-insensitive identity of a line, for dropping header text the body repeats."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


__all__ = ["CELL_SEPARATOR", "TAB_SEPARATOR", "read_docx"]
