"""Tell a file's format from its first bytes.

Users' folders hold files with wrong or missing extensions, so the content decides. The
names returned here are the ones error messages use (``UnsupportedFormatError.format``).
"""

from __future__ import annotations

import io
import zipfile

# (magic prefix, format name); checked in order.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "pdf"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "doc (legacy Word/OLE)"),
    (b"{\\rtf", "rtf"),
    (b"\x89PNG\r\n\x1a\n", "png image"),
    (b"\xff\xd8\xff", "jpeg image"),
    (b"GIF87a", "gif image"),
    (b"GIF89a", "gif image"),
    (b"II*\x00", "tiff image"),
    (b"MM\x00*", "tiff image"),
    (b"BM", "bmp image"),
    (b"Rar!\x1a\x07", "rar archive"),
    (b"7z\xbc\xaf\x27\x1c", "7z archive"),
    (b"\x1f\x8b", "gzip archive"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
)
_MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd")


def sniff(data: bytes, name: str | None = None) -> str:
    """``"pdf"``, ``"docx"``, ``"text"``, ``"markdown"`` or the name of an unsupported format."""
    head = data[:1024]
    stripped = head.lstrip(b"\x00\t\r\n \xef\xbb\xbf")
    for magic, kind in _MAGIC:
        if stripped.startswith(magic) or head.startswith(magic):
            return kind
    if b"%PDF-" in head:  # some producers put junk before the header; readers accept it
        return "pdf"
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _zip_kind(data)
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp image"
    if _looks_binary(head):
        return "binary"
    if name and name.lower().endswith(_MARKDOWN_SUFFIXES):
        return "markdown"
    return "text"


def _zip_kind(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
    except (zipfile.BadZipFile, ValueError, OSError):
        return "docx" if b"word/" in data[:4096] else "zip archive"
    if "word/document.xml" in names:
        return "docx"
    if any(n.startswith("ppt/") for n in names):
        return "pptx"
    if any(n.startswith("xl/") for n in names):
        return "xlsx"
    if "content.xml" in names and "mimetype" in names:
        return "odf document"
    if "[Content_Types].xml" in names:
        return "docx"  # an OOXML package missing its main part: the DOCX reader says what is wrong
    return "zip archive"


def _looks_binary(head: bytes) -> bool:
    """NUL bytes outside UTF-16 text, or mostly control bytes, mean a binary file."""
    if not head:
        return False
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    if b"\x00" in head:
        # UTF-16 without a BOM puts NULs at every other byte of ASCII text
        even, odd = head[0::2], head[1::2]
        if even.count(0) > len(even) * 0.3 or odd.count(0) > len(odd) * 0.3:
            ascii_like = sum(1 for b in head if b == 0 or 32 <= b < 127 or b in (9, 10, 13))
            return ascii_like < len(head) * 0.7
        return True
    control = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return control > len(head) * 0.1
