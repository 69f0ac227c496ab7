"""Tell a file's format from its content.

Users' folders hold files with wrong or missing extensions (a ``.pdf`` that is a DOCX, a
job-board ``.doc`` that is HTML, a résumé with no extension at all), so the content decides.
The names returned here are the ones error messages use (``UnsupportedFormatError.format``).

Only the first :data:`HEAD_BYTES` are looked at, with two exceptions that need the file's
directory: a zip's central directory (to tell DOCX from XLSX, ODT, a plain archive) and an OLE
compound file's stream names (to tell an encrypted DOCX from a legacy ``.doc``); both are a
``zipfile`` directory read or a single ``bytes.find``.
"""

from __future__ import annotations

import codecs
import io
import re
import zipfile
from functools import cache

HEAD_BYTES = 4096

ENCRYPTED_OOXML = "encrypted Office document (password-protected DOCX/XLSX/PPTX)"
"""What :func:`sniff` returns for an OOXML file that Office encrypted with a password.

Office stores it as an OLE compound file holding an ``EncryptedPackage`` stream, so by its
magic it looks like a legacy ``.doc``; the dispatcher turns this name into an
:class:`~cvparse.errors.EncryptedDocumentError` rather than "unsupported format"."""

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
"""An OLE compound file: legacy Office formats, and password-protected OOXML."""
# OLE stream names are stored in UTF-16LE in the compound file's directory sectors.
_OLE_STREAMS: tuple[tuple[str, str], ...] = (
    ("EncryptedPackage", ENCRYPTED_OOXML),
    ("WordDocument", "doc (legacy Word/OLE)"),
    ("Workbook", "xls (legacy Excel/OLE)"),
    ("PowerPoint Document", "ppt (legacy PowerPoint/OLE)"),
)

# (magic prefix at offset 0, format name); checked in order against the raw head.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "png image"),
    (b"\xff\xd8\xff", "jpeg image"),
    (b"GIF87a", "gif image"),
    (b"GIF89a", "gif image"),
    (b"II*\x00", "tiff image"),
    (b"MM\x00*", "tiff image"),
    (b"Rar!\x1a\x07", "rar archive"),
    (b"7z\xbc\xaf\x27\x1c", "7z archive"),
    (b"\x1f\x8b\x08", "gzip archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"\x28\xb5\x2f\xfd", "zstd archive"),
    (b"\x7fELF", "executable"),
)
_ISO_MEDIA = {  # ISO-BMFF brand at offset 8 (after b"ftyp" at offset 4)
    b"heic": "heic image",
    b"heix": "heic image",
    b"mif1": "heic image",
    b"avif": "avif image",
}
_BMP_DIB_SIZES = {12, 40, 52, 56, 64, 108, 124}
_MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd")
_HTML = re.compile(
    rb"^(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>]|head[\s>])", re.I | re.S
)
_PDF_HEADER = re.compile(rb"%PDF-\d\.\d")  # (looked for where the bytes hold its start)
_WORD_2003_XML = re.compile(rb"^<\?xml[^>]*>\s*<\?mso-application\s+progid=\"Word\.Document\"", re.I)
_ODF_MIMETYPES = {
    b"application/vnd.oasis.opendocument.text": "odt document",
    b"application/vnd.oasis.opendocument.spreadsheet": "ods spreadsheet",
    b"application/vnd.oasis.opendocument.presentation": "odp presentation",
    b"application/epub+zip": "epub e-book",
}

_TEXT_SHARE = 0.9
"""Share of plausible text characters a BOM-less UTF-16 reading needs. Random binary read as
UTF-16 lands about a third in CJK and the rest in controls, Hangul, private use and unassigned
code points; GBK read as UTF-16 lands in Hangul/Yi/private use. Real text is near 100 %."""
_CONTROL_SHARE = 0.1
"""More control bytes than this (tab, newline, form feed, escape excepted) means binary."""


def sniff(data: bytes, name: str | None = None) -> str:
    """``"pdf"``, ``"docx"``, ``"text"``, ``"markdown"`` or the name of an unsupported format."""
    head = data[:HEAD_BYTES]
    if head.startswith(OLE_MAGIC):
        return _ole_kind(data)
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")):
        return _zip_kind(data)
    structured = _structured_kind(head)
    if structured:
        return structured
    # Text-like formats may follow a BOM or blank lines.
    stripped = head.lstrip(b"\x00\t\r\n \xef\xbb\xbf")
    lead = head[:1024]
    if stripped.startswith(b"%PDF-") or (b"%PDF-" in lead and _PDF_HEADER.search(lead)):
        return "pdf"  # some producers put junk before the header; PDF readers accept it
    if stripped.startswith(b"{\\rtf"):
        return "rtf"
    if _WORD_2003_XML.match(stripped):
        return "word 2003 xml"
    if _HTML.match(stripped):
        return "html document"
    if stripped[:200].lower().startswith(b"mime-version:") and b"multipart/related" in head.lower():
        return "mht web archive"
    if _looks_binary(head):
        return "binary"
    if name and name.lower().endswith(_MARKDOWN_SUFFIXES):
        return "markdown"
    return "text"


def utf16_encoding(data: bytes) -> str | None:
    """``"utf-16"`` (BOM), ``"utf-16-le"``/``"utf-16-be"`` (no BOM) or None for other text.

    Notepad and some job-board exports write UTF-16 without a BOM; a text reader that tries
    UTF-8 then GBK would turn it into mojibake rather than fail, so it should ask this first.
    """
    head = data[:HEAD_BYTES]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    if b"\x00" not in head and _valid_utf8(head):
        return None  # ASCII/UTF-8 read as UTF-16 is CJK-looking noise; never guess that
    return _utf16_without_bom(head)


def _ole_kind(data: bytes) -> str:
    for stream, kind in _OLE_STREAMS:
        if stream.encode("utf-16-le") in data:
            return kind
    return "ole compound file (legacy Office)"


def _structured_kind(head: bytes) -> str | None:
    """Formats whose short magic needs a second field, so text like ``BMW …`` is not an image."""
    if head.startswith(b"BM") and len(head) >= 18 and int.from_bytes(head[14:18], "little") in _BMP_DIB_SIZES:
        return "bmp image"
    if head.startswith(b"BZh") and head[3:4].isdigit() and head[4:10] == b"1AY&SY":
        return "bzip2 archive"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp image"
    if head[4:8] == b"ftyp" and head[8:12] in _ISO_MEDIA:
        return _ISO_MEDIA[head[8:12]]
    if head[257:262] == b"ustar":
        return "tar archive"
    return None


def _zip_kind(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
            mimetype = _small_member(zf, "mimetype") if "mimetype" in names else b""
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError, NotImplementedError):
        # A truncated zip has no central directory; the local headers still name the parts.
        # (NotImplementedError: a damaged directory entry claims a zip version Python lacks.)
        # The DOCX reader reports the damage with the file's name.
        return "docx" if b"word/" in data[:HEAD_BYTES] else "zip archive"
    if "word/document.xml" in names:
        return "docx"
    if any(n.startswith("ppt/") for n in names):
        return "pptx"
    if any(n.startswith("xl/") for n in names):
        return "xlsx"
    for prefix, kind in _ODF_MIMETYPES.items():
        if mimetype.strip().startswith(prefix):
            return kind
    if "content.xml" in names and "mimetype" in names:
        return "odf document"
    if "[Content_Types].xml" in names:
        return "docx"  # an OOXML package missing its main part: the DOCX reader says what is wrong
    return "zip archive"


def _small_member(zf: zipfile.ZipFile, name: str) -> bytes:
    try:
        with zf.open(name) as fh:
            return fh.read(200)
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, RuntimeError, NotImplementedError):
        return b""


_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))


def _looks_binary(head: bytes) -> bool:
    """NUL bytes outside UTF-16 text, or many control bytes outside UTF-16 text, mean binary."""
    if not head:
        return False
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    if b"\x00" in head:
        return _utf16_without_bom(head) is None
    control = len(head) - len(head.translate(None, _CONTROL_BYTES))
    if control > len(head) * _CONTROL_SHARE:
        # CJK in UTF-16 has no NULs but many low bytes: 张三 is 20 5F 09 4E
        return _utf16_without_bom(head) is None
    return False


def _valid_utf8(head: bytes) -> bool:
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        return False
    return True


def _utf16_without_bom(head: bytes) -> str | None:
    sample = head[: len(head) // 2 * 2]
    if len(sample) < 4:
        return None
    best: tuple[float, str] | None = None
    for codec in ("utf-16-le", "utf-16-be"):
        text = sample.decode(codec, errors="replace")
        if text and text[-1] == "\ufffd":
            text = text[:-1]  # the head may end inside a surrogate pair
        if not text:
            continue
        share = _texty_share(text)
        if share is not None and (best is None or share > best[0]):
            best = (share, codec)
    return best[1] if best else None


# Characters a Chinese or English résumé is made of (counted in C: the head is 4 KB).
_TEXTY = (
    "\t\n\r\f"
    "\x20-\x7e"
    "\xa0-\u024f"  # Latin-1, Latin Extended (names, accents)
    "\u0370-\u052f"  # Greek, Cyrillic
    "\u2000-\u27ff"  # punctuation, arrows, box drawing, shapes (● ■ ◆ ▍)
    "\u3000-\u30ff"  # CJK punctuation, kana, bopomofo
    "\u3400-\u4dbf"  # CJK extension A
    "\u4e00-\u9fff"  # CJK unified ideographs
    "\uff00-\uffef"  # full-width forms
    "\ufeff"
)
_NOT_TEXTY = re.compile(f"[^{_TEXTY}]+")


@cache
def _others_at_least(count: int) -> re.Pattern[str]:
    """A pattern matching a text that holds at least ``count`` characters outside ``_TEXTY``.

    Each repetition skips texty characters and takes one other: a single scan that stops as
    soon as the count is reached, and never backtracks (the two classes are disjoint).
    """
    return re.compile(f"(?:[{_TEXTY}]*[^{_TEXTY}]){{{count}}}")


def _texty_share(text: str) -> float | None:
    """The share of ``text`` in characters a résumé is made of, or ``None`` under :data:`_TEXT_SHARE`."""
    # Bytes that are not UTF-16 read as UTF-16 are mostly other characters, and removing each
    # run of them built a string piece per run: more others than a text may hold is found in
    # one scan first. One more than the most that leaves the share at _TEXT_SHARE, and one more
    # again against rounding, so a text this rejects has a share below it whatever the floats.
    n = len(text)
    if _others_at_least(int(n * (1 - _TEXT_SHARE)) + 2).match(text):
        return None
    share = len(_NOT_TEXTY.sub("", text)) / n  # the characters left once the others are removed
    return share if share >= _TEXT_SHARE else None


__all__ = ["ENCRYPTED_OOXML", "HEAD_BYTES", "OLE_MAGIC", "sniff", "utf16_encoding"]
