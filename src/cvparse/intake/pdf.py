"""PDF intake: bytes → a :class:`~cvparse.document.Document` of lines in reading order.

This module owns what is about the *file*: opening it with the chosen engine, turning every
engine failure into a typed :mod:`cvparse.errors` exception, refusing oversize files before a
page is read, deciding whether the text layer is usable at all (a scan or a broken font map
needs OCR, which cvparse does not do), and removing page furniture (running headers, footers,
page numbers) once all pages are read. How a page's glyphs become lines is :mod:`.layout`;
how each engine reads glyphs is :mod:`.pdf_engines`.
"""

from __future__ import annotations

import logging
import re
import threading
import unicodedata
import zlib
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from itertools import compress
from operator import attrgetter
from typing import Literal

from ..document import Document, Line
from ..errors import (
    CorruptDocumentError,
    CvparseError,
    EncryptedDocumentError,
    InputError,
    LimitExceededError,
    NoTextError,
)
from ..limits import NO_DEADLINE, Deadline, Limits
from .layout import page_lines
from .pagemodel import PageContent, is_private_use
from .pdf_engines import Engine, PdfiumEngine, PlumberEngine

EngineName = Literal["pdfplumber", "pdfium"]

# -- text-layer quality ----------------------------------------------------------------------
# Fewer readable characters than this in the whole file means there is no text layer (a scan
# with at most a stamp or a page number). The shortest résumé in the corpus (d039) has ~400.
MIN_TEXT_CHARS = 40
# A text layer where more than this share of glyphs is unmapped ``(cid:N)`` is unreadable.
# e004 (all digits unmapped) is at 12 %, e003 (icon glyphs) under 2 %.
MAX_UNMAPPED_SHARE = 0.35
# Mojibake: private-use, unassigned or C1-control code points, or Latin-1 letters where a
# CJK font map went wrong. Icon fonts put at most ~1 % private-use glyphs on a page (d030).
MAX_GARBAGE_SHARE = 0.3

# -- page furniture --------------------------------------------------------------------------
# Headers and footers live in this share of the page height at the top or bottom.
FURNITURE_BAND = 0.1
# The same text (digits ignored) at the same height on more than this share of pages is
# furniture. Not "half": e003 repeats its contact line on pages 1 and 3 of 4 (two versions).
FURNITURE_MIN_PAGE_SHARE = 0.5
FURNITURE_POSITION_TOLERANCE = 4.0
_PAGE_NUMBER = re.compile(
    r"""^\s*(?:
        第\s*\d+\s*页(?:\s*[/,，]?\s*共\s*\d+\s*页)?    # 第 1 页 / 第1页，共2页
      | 共\s*\d+\s*页\s*第\s*\d+\s*页
      | [-–—]\s*\d+\s*[-–—]                         # - 1 -
      | \d+\s*/\s*\d+                               # 1/2
      | \d+\s*\|\s*P\s*age                          # 1 | Page (Word's page-number style)
      | (?:page|p\.)\s*\d+(?:\s*(?:of|/)\s*\d+)?    # Page 1 of 2
      | \d+
    )\s*$""",
    re.IGNORECASE | re.VERBOSE,
)
_DIGITS = re.compile(r"\d+")
_TEXT = attrgetter("text")
_UNMAPPED = attrgetter("unmapped")

_PDFMINER_LOGGER = "pdfminer"
_quiet_lock = threading.Lock()
_quiet_depth = 0


class _BelowError(logging.Filter):
    """Drops pdfminer's warnings ("Could not get FontBBox ...") while cvparse reads a file."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.levelno >= logging.ERROR


_QUIET = _BelowError()


def read_pdf(
    data: bytes,
    *,
    source: str | None,
    limits: Limits,
    engine: EngineName = "pdfium",
    deadline: Deadline = NO_DEADLINE,
) -> Document:
    """Read a PDF into a :class:`Document`.

    Raises :class:`~cvparse.errors.EncryptedDocumentError`,
    :class:`~cvparse.errors.CorruptDocumentError`,
    :class:`~cvparse.errors.LimitExceededError` (``max_pages``),
    :class:`~cvparse.errors.NoTextError` or :class:`~cvparse.errors.ParseTimeoutError`
    (checked between pages); no engine exception escapes.
    """
    _check_inflated_size(data, limits, source)
    with _quiet_pdfminer(engine):
        reader = _open(data, source, engine)
        try:
            count = _page_count(reader, source, limits.max_pages)
            _check_pages(count, limits, source)
            pages = _read_pages(reader, source, limits, deadline)
        finally:
            _close(reader)
    _check_text_layer(pages, source)
    lines_by_page: list[list[Line]] = []
    gutter: float | None = None
    for page in pages:
        deadline.check(source, f"laying out page {page.index + 1}")
        lines, found = page_lines(page, gutter)
        gutter = found if found is not None else gutter
        lines_by_page.append(lines)
    lines = _drop_furniture(lines_by_page, pages)
    return Document(lines=lines, source=source, format="pdf", pages=count, meta={"engine": engine})


# -- opening ---------------------------------------------------------------------------------


def _open(data: bytes, source: str | None, engine: EngineName) -> Engine:
    if engine not in ("pdfplumber", "pdfium"):
        raise InputError(f"unknown PDF engine {engine!r}; use 'pdfplumber' or 'pdfium'", source=source)
    try:
        return PdfiumEngine(data) if engine == "pdfium" else PlumberEngine(data)
    except CvparseError:
        raise
    except Exception as exc:
        if _is_password_error(exc):
            raise EncryptedDocumentError(
                "the PDF is password-protected; it cannot be read without the password",
                source=source,
            ) from exc
        raise CorruptDocumentError(f"the PDF cannot be opened: {_describe(exc)}", source=source) from exc


# "stream" first so the regex engine can search for the literal; the lookbehind then rules
# out "endstream" exactly as a leading ``(?<!end)`` would.
_STREAM_START = re.compile(rb"stream(?<!endstream)\r?\n")
_INFLATE_CHUNK = 8 << 20
_DICT_LOOKBACK = 2048
# No zlib stream inflates to more than this many bytes per input byte: a deflate symbol takes
# at least one bit, and a length/distance pair (two symbols) yields at most 258 bytes.
_MAX_INFLATE_RATIO = 1032


def _check_inflated_size(data: bytes, limits: Limits, source: str | None) -> None:
    """Refuse a flate bomb before an engine inflates it: pdfminer inflates a whole content,
    font or object stream in one ``zlib.decompress`` call, so a 20 MB file could ask for 20 GB.

    Every zlib stream in the file counts, inflated in bounded chunks, against
    ``Limits.max_unzipped_bytes``; image streams are skipped (text extraction never inflates
    them, and a scan's pages may legitimately be large). Only the first filter of a chain is
    counted. Streams are only inflated while what is left could still pass the budget at
    zlib's maximal ratio (:data:`_MAX_INFLATE_RATIO`), largest first: an ordinary résumé is
    cleared after inflating a few font streams, or none. A file that does go over is counted
    again in file order, so the error reports the same total as a plain file-order count.
    """
    budget = limits.max_unzipped_bytes
    if budget is None:
        return
    streams = _text_streams(data)
    view = memoryview(data)
    left = sum(end - start for start, end in streams)
    total = 0
    for start, end in sorted(streams, key=lambda s: s[0] - s[1]):  # largest first
        if total + _MAX_INFLATE_RATIO * left <= budget:
            return
        left -= end - start
        total += _inflated_size(view[start:end], budget - total)[0]
        if total > budget:
            break
    else:
        return
    total = 0
    for start, end in streams:
        size, whole = _inflated_size(view[start:end], budget - total)
        total += size
        if whole and total > budget:  # a damaged stream is judged at the next one
            raise LimitExceededError(
                f"the PDF's streams inflate past {budget:,} bytes (a compression bomb)",
                source=source,
                limit="max_unzipped_bytes",
                value=total,
            )


def _text_streams(data: bytes) -> list[tuple[int, int]]:
    """``(start, end)`` of every stream's data in file order, image streams left out."""
    streams: list[tuple[int, int]] = []
    for m in _STREAM_START.finditer(data):
        start = m.end()
        end = data.find(b"endstream", start)
        if end < 0:
            end = len(data)
        # the stream's dictionary: after the last " obj" in the lookback window
        lo = max(0, m.start() - _DICT_LOOKBACK)
        k = data.rfind(b" obj", lo, m.start())
        if data.find(b"/Image", lo if k < 0 else k + 4, m.start()) >= 0:
            continue
        streams.append((start, end))
    return streams


def _inflated_size(stream: memoryview, allowance: int) -> tuple[int, bool]:
    """Bytes a zlib stream inflates to, counted in chunks until past ``allowance``, and
    whether it inflated without error.

    Damaged or non-zlib data counts what was inflated before the error: the engine decides
    what that means.
    """
    inflater = zlib.decompressobj()
    pending: bytes | memoryview = stream
    size = 0
    try:
        while pending and not inflater.eof and size <= allowance:
            size += len(inflater.decompress(pending, _INFLATE_CHUNK))
            pending = inflater.unconsumed_tail
    except zlib.error:
        return size, False
    return size, True


def _is_password_error(exc: BaseException) -> bool:
    """pdfminer says PDFPasswordIncorrect (wrapped by pdfplumber); pdfium gives error code 4."""
    chain: list[BaseException] = [exc]
    while chain[-1].__cause__ is not None or chain[-1].__context__ is not None:
        nxt = chain[-1].__cause__ or chain[-1].__context__
        if nxt is None or nxt in chain:
            break
        chain.append(nxt)
    for e in chain:
        name = type(e).__name__
        if name in ("PDFPasswordIncorrect", "PDFEncryptionError", "PDFEncryptionWarning"):
            return True
        if getattr(e, "err_code", None) == 4:  # FPDF_ERR_PASSWORD
            return True
        text = " ".join(str(a) for a in e.args)
        if "PDFPasswordIncorrect" in text or "password" in text.lower():
            return True
    return False


def _describe(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text if len(text) <= 200 else text[:200] + "…"


def _page_count(reader: Engine, source: str | None, stop: int | None) -> int:
    try:
        return reader.page_count(stop)
    except RecursionError as exc:
        raise CorruptDocumentError("the PDF page tree is nested too deeply", source=source) from exc
    except Exception as exc:
        raise CorruptDocumentError(f"the PDF page tree is broken: {_describe(exc)}", source=source) from exc


def _check_pages(count: int, limits: Limits, source: str | None) -> None:
    if count <= 0:
        raise CorruptDocumentError("the PDF has no pages", source=source)
    if limits.max_pages is not None and count > limits.max_pages:
        # without a /Count the page tree is walked only to one page past the limit
        many = f"more than {limits.max_pages:,}" if count == limits.max_pages + 1 else f"{count:,}"
        raise LimitExceededError(
            f"the PDF has {many} pages, over the limit of {limits.max_pages:,}",
            source=source,
            limit="max_pages",
            value=count,
        )


def _read_pages(reader: Engine, source: str | None, limits: Limits, deadline: Deadline) -> list[PageContent]:
    """Every page, checking the deadline before each and the page limit again while reading.

    The page count comes from the page tree's ``/Count``, which a broken or hostile file can
    understate (``/Count 1`` over 5,000 pages): the walk itself stops past ``max_pages``.
    """
    pages: list[PageContent] = []
    try:
        deadline.check(source, "reading page 1")
        for page in reader.pages():
            pages.append(page)
            if limits.max_pages is not None and len(pages) > limits.max_pages:
                raise LimitExceededError(
                    f"the PDF has more than {limits.max_pages:,} pages (its page count says fewer)",
                    source=source,
                    limit="max_pages",
                    value=len(pages),
                )
            deadline.check(source, f"reading page {len(pages) + 1}")
        return pages
    except CvparseError:
        raise
    except RecursionError as exc:
        raise CorruptDocumentError("the PDF structure is nested too deeply", source=source) from exc
    except Exception as exc:
        if _is_password_error(exc):
            raise EncryptedDocumentError("the PDF is password-protected", source=source) from exc
        raise CorruptDocumentError(f"a PDF page cannot be read: {_describe(exc)}", source=source) from exc


def _close(reader: Engine) -> None:
    with suppress(Exception):  # closing a half-broken file must not hide the real outcome
        reader.close()


@contextmanager
def _quiet_pdfminer(engine: EngineName) -> Iterator[None]:
    """Filter pdfminer's warnings for the duration of a read, on pdfminer's own loggers only.

    A logger's filters do not see records propagated from its children, so the filter goes on
    every ``pdfminer.*`` logger, and those exist only once pdfplumber is imported (hence the
    import here). A counter keeps nested or concurrent reads from removing it early.
    """
    global _quiet_depth
    if engine != "pdfplumber":
        yield
        return
    import pdfplumber  # noqa: F401  (creates the pdfminer loggers)

    with _quiet_lock:
        _quiet_depth += 1
        if _quiet_depth == 1:
            for logger in _pdfminer_loggers():
                logger.addFilter(_QUIET)
    try:
        yield
    finally:
        with _quiet_lock:
            _quiet_depth -= 1
            if _quiet_depth == 0:
                for logger in _pdfminer_loggers():
                    logger.removeFilter(_QUIET)


def _pdfminer_loggers() -> list[logging.Logger]:
    names = [
        n
        for n in list(logging.Logger.manager.loggerDict)
        if n == _PDFMINER_LOGGER or n.startswith(_PDFMINER_LOGGER + ".")
    ]
    return [logging.getLogger(n) for n in [_PDFMINER_LOGGER, *names]]


# -- text-layer quality ----------------------------------------------------------------------


def _check_text_layer(pages: list[PageContent], source: str | None) -> None:
    # Glyphs counted by text (in C), each distinct text judged once: ``total`` glyphs that are
    # not spaces, of which ``unmapped`` have no Unicode and ``readable`` are mapped and not
    # garbage. The unmapped ones are counted over all glyphs first, then taken back out.
    counts: Counter[str] = Counter()
    unmapped_texts: list[str] = []
    for p in pages:
        counts.update(map(_TEXT, p.glyphs))
        unmapped_texts.extend(map(_TEXT, compress(p.glyphs, map(_UNMAPPED, p.glyphs))))
    total = unmapped = readable = 0
    for text, n in counts.items():
        if not text.isspace():
            total += n
            if not _is_garbage(text):
                readable += n
    for text in unmapped_texts:
        if not text.isspace():
            unmapped += 1
            if not _is_garbage(text):
                readable -= 1
    mapped = total - unmapped
    if total < MIN_TEXT_CHARS or (readable < MIN_TEXT_CHARS and unmapped == 0):
        raise NoTextError(
            "the PDF has no text layer (a scanned or image-only document); OCR is needed to read it",
            source=source,
        )
    if unmapped > MAX_UNMAPPED_SHARE * total:
        raise NoTextError(
            f"the PDF's text layer is unreadable: {unmapped:,} of {total:,} glyphs have no "
            "Unicode mapping (cid codes); OCR is needed to read it",
            source=source,
        )
    garbage = mapped - readable
    if garbage > MAX_GARBAGE_SHARE * max(mapped, 1) or readable < MIN_TEXT_CHARS:
        raise NoTextError(
            "the PDF's text layer is garbled (a broken font encoding maps the glyphs to the wrong "
            "characters); OCR is needed to read it",
            source=source,
        )


def _is_garbage(text: str) -> bool:
    """A glyph text whose character cannot be résumé text: a broken ToUnicode map produced it.

    Private-use code points count here although icons are private-use too: a page of icons
    is not a résumé, and real icon use stays far below :data:`MAX_GARBAGE_SHARE`.
    """
    for ch in text:
        cp = ord(ch)
        if 0x21 <= cp <= 0x7E or 0x4E00 <= cp <= 0x9FEF:
            continue  # printable ASCII and assigned CJK ideographs: most glyphs, never garbage
        if is_private_use(ch) or unicodedata.category(ch) in ("Cn", "Co", "Cs"):
            return True
        if 0x80 <= cp <= 0x9F:  # C1 controls: bytes decoded as Latin-1
            return True
        if 0xC0 <= cp <= 0xFF and cp not in (0xD7, 0xF7):  # À-ÿ: GBK bytes read as Latin-1
            return True
    return False


# -- page furniture --------------------------------------------------------------------------


def _drop_furniture(lines_by_page: list[list[Line]], pages: list[PageContent]) -> list[Line]:
    """All lines in page order, without page numbers and repeated headers/footers."""
    heights = {p.index: p.height for p in pages}
    repeated = _repeated_keys(lines_by_page, heights)
    out: list[Line] = []
    for lines in lines_by_page:
        for line in lines:
            band = _band(line, heights.get(line.page, 0.0))
            if band is None:
                out.append(line)
            elif _PAGE_NUMBER.match(line.text) or _furniture_key(line, band) in repeated:
                continue
            else:
                out.append(line)
    return out


def _band(line: Line, page_height: float) -> str | None:
    """``"top"`` or ``"bottom"`` when the line sits in a header/footer band."""
    if line.bbox is None or page_height <= 0:
        return None
    if line.bbox[3] <= FURNITURE_BAND * page_height:
        return "top"
    if line.bbox[1] >= (1 - FURNITURE_BAND) * page_height:
        return "bottom"
    return None


def _furniture_key(line: Line, band: str) -> tuple[str, str, int]:
    assert line.bbox is not None
    y = line.bbox[1]
    return band, _DIGITS.sub("#", line.text.replace(" ", "")), round(y / FURNITURE_POSITION_TOLERANCE)


def _repeated_keys(lines_by_page: list[list[Line]], heights: dict[int, float]) -> set[tuple[str, str, int]]:
    if len(lines_by_page) < 2:
        return set()
    seen: Counter[tuple[str, str, int]] = Counter()
    for lines in lines_by_page:
        keys = set()
        for line in lines:
            band = _band(line, heights.get(line.page, 0.0))
            if band is not None:
                keys.add(_furniture_key(line, band))
        seen.update(keys)
    needed = max(2, int(FURNITURE_MIN_PAGE_SHARE * len(lines_by_page)) + 1)
    return {k for k, n in seen.items() if n >= needed}


__all__ = ["read_pdf"]
