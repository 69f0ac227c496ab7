"""Format sniffing from content: each input kind gets a clear name whatever its file name says."""

from __future__ import annotations

import gzip
import io
import zipfile

import docx
import pytest

from cvparse.errors import UnsupportedFormatError
from cvparse.intake import read
from cvparse.intake.sniff import ENCRYPTED_OOXML, sniff, utf16_encoding

RESUME_ZH = "王小明\n电话：13800000000\n教育背景\n示例大学 计算机科学与技术 本科 2016.09-2020.06\n"
RESUME_EN = "Jane Doe\nPhone: +1 555 0100\nEducation\nExample University, B.Sc. 2016-2020\n"


def make_docx() -> bytes:
    document = docx.Document()
    document.add_paragraph("王小明")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def make_zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, blob in members.items():
            zf.writestr(name, blob)
    return out.getvalue()


def ole(*streams: str) -> bytes:
    data = bytearray(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 2040)
    for stream in streams:
        data += stream.encode("utf-16-le").ljust(64, b"\x00")
    return bytes(data)


BMP = b"BM" + (70).to_bytes(4, "little") + b"\x00" * 8 + (40).to_bytes(4, "little") + b"\x00" * 52
CASES: dict[str, tuple[bytes, str | None, str]] = {
    # id: (content, file name, expected kind)
    "pdf": (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "cv.pdf", "pdf"),
    "pdf-after-junk": (b"\r\n\x00\x00garbage %PDF-1.4\n", "cv", "pdf"),
    "docx-named-pdf": (make_docx(), "resume.pdf", "docx"),
    "docx-no-name": (make_docx(), None, "docx"),
    "text-no-extension": (RESUME_ZH.encode("utf-8"), "resume", "text"),
    "text-english": (RESUME_EN.encode("ascii"), None, "text"),
    "text-utf8-bom": (b"\xef\xbb\xbf" + RESUME_ZH.encode("utf-8"), "cv.txt", "text"),
    "text-gbk": (RESUME_ZH.encode("gbk"), "cv.txt", "text"),
    "text-gb18030": (("张三 · 简历\n" * 20).encode("gb18030"), None, "text"),
    "text-utf16-bom": (RESUME_ZH.encode("utf-16"), "cv.txt", "text"),
    "text-utf16le-no-bom": (RESUME_ZH.encode("utf-16-le"), "cv.txt", "text"),
    "text-utf16be-no-bom": (RESUME_ZH.encode("utf-16-be"), "cv.txt", "text"),
    "text-utf16le-no-bom-all-cjk": (("张三李四王五赵六" * 40).encode("utf-16-le"), None, "text"),
    "text-starting-with-BM": ("BMW 中国 销售经理\n电话：13800000000\n".encode(), None, "text"),
    "text-starting-with-BZh": (b"BZh is not bzip2 here\n", None, "text"),
    "markdown": (b"# Jane Doe\n\n## Education\n", "cv.md", "markdown"),
    "markdown-name-but-binary": (b"\x00\x01\x02\x03" * 50, "cv.md", "binary"),
    "legacy-doc": (ole("Root Entry", "WordDocument", "1Table"), "cv.doc", "doc (legacy Word/OLE)"),
    "legacy-xls": (ole("Root Entry", "Workbook"), "cv.xls", "xls (legacy Excel/OLE)"),
    "encrypted-docx": (ole("Root Entry", "EncryptionInfo", "EncryptedPackage"), "cv.docx", ENCRYPTED_OOXML),
    "rtf": (b"{\\rtf1\\ansi\\deff0 Jane}", "cv.doc", "rtf"),
    "html-as-doc": (b"<!DOCTYPE html>\n<html><body>\xe7\x8e\x8b</body></html>", "cv.doc", "html document"),
    "html-no-doctype": (b"  <html>\n<head><title>cv</title></head>", None, "html document"),
    "mht": (
        b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=x\r\n",
        "cv.doc",
        "mht web archive",
    ),
    "word-2003-xml": (
        b'<?xml version="1.0"?>\n<?mso-application progid="Word.Document"?>\n<w:wordDocument/>',
        "cv.doc",
        "word 2003 xml",
    ),
    "png": (b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "cv.pdf", "png image"),
    "jpeg": (b"\xff\xd8\xff\xe0\x00\x10JFIF" + b"\x00" * 100, "cv.jpg", "jpeg image"),
    "gif": (b"GIF89a" + b"\x00" * 100, None, "gif image"),
    "tiff": (b"II*\x00" + b"\x00" * 100, None, "tiff image"),
    "bmp": (BMP, "cv.bmp", "bmp image"),
    "webp": (b"RIFF\x00\x00\x00\x00WEBPVP8 " + b"\x00" * 100, None, "webp image"),
    "heic": (b"\x00\x00\x00\x18ftypheic" + b"\x00" * 100, None, "heic image"),
    "zip": (make_zip({"a.txt": b"hello"}), "cv.zip", "zip archive"),
    "rar": (b"Rar!\x1a\x07\x01\x00" + b"\x00" * 100, None, "rar archive"),
    "7z": (b"7z\xbc\xaf\x27\x1c" + b"\x00" * 100, None, "7z archive"),
    "gzip": (gzip.compress(b"hello"), "cv.gz", "gzip archive"),
    "bzip2": (b"BZh91AY&SY" + b"\x00" * 100, None, "bzip2 archive"),
    "xz": (b"\xfd7zXZ\x00" + b"\x00" * 100, None, "xz archive"),
    "tar": (b"cv.txt".ljust(257, b"\x00") + b"ustar\x0000" + b"\x00" * 255, None, "tar archive"),
    "xlsx": (make_zip({"[Content_Types].xml": b"<x/>", "xl/workbook.xml": b"<x/>"}), "cv.docx", "xlsx"),
    "pptx": (make_zip({"[Content_Types].xml": b"<x/>", "ppt/presentation.xml": b"<x/>"}), None, "pptx"),
    "odt": (
        make_zip({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"}),
        "cv.docx",
        "odt document",
    ),
    "epub": (make_zip({"mimetype": b"application/epub+zip", "OEBPS/a.xhtml": b"<x/>"}), None, "epub e-book"),
    "ooxml-without-main-part": (make_zip({"[Content_Types].xml": b"<x/>"}), None, "docx"),
    "truncated-docx": (make_docx()[:3000], "cv.docx", "docx"),
    "elf": (b"\x7fELF\x02\x01\x01" + b"\x00" * 100, None, "executable"),
    "random-binary": (bytes(range(256)) * 8, "cv.txt", "binary"),
}


@pytest.mark.parametrize(("data", "name", "expected"), list(CASES.values()), ids=list(CASES))
def test_sniff(data: bytes, name: str | None, expected: str) -> None:
    assert sniff(data, name) == expected


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (RESUME_ZH.encode("utf-16"), "utf-16"),
        (RESUME_ZH.encode("utf-16-le"), "utf-16-le"),
        (RESUME_ZH.encode("utf-16-be"), "utf-16-be"),
        (("张三李四王五赵六" * 40).encode("utf-16-le"), "utf-16-le"),
        (RESUME_ZH.encode("utf-8"), None),
        (RESUME_EN.encode("ascii"), None),
        (RESUME_ZH.encode("gbk"), None),
        (bytes(range(256)) * 8, None),
    ],
    ids=["bom", "le", "be", "le-all-cjk", "utf8", "ascii", "gbk", "binary"],
)
def test_utf16_encoding_for_the_text_reader(data: bytes, expected: str | None) -> None:
    assert utf16_encoding(data) == expected


def test_sniff_reads_only_the_head_of_text_files() -> None:
    data = RESUME_ZH.encode() * 60 + b"\x00" * 1_000_000  # binary tail past the head is not examined
    assert sniff(data) == "text"


@pytest.mark.parametrize(
    ("case", "fmt"),
    [
        ("legacy-doc", "doc (legacy Word/OLE)"),
        ("png", "png image"),
        ("rar", "rar archive"),
        ("html-as-doc", "html document"),
    ],
)
def test_dispatcher_names_unsupported_formats(case: str, fmt: str) -> None:
    data, _, _ = CASES[case]
    with pytest.raises(UnsupportedFormatError) as info:
        read(data)
    assert info.value.format == fmt
    assert fmt in str(info.value)
