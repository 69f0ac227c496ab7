"""DOCX intake: reading order, table rows, formatting cues, and hostile or broken packages.

Every document here is built by the test with python-docx or zipfile; the people, phone
numbers and addresses are made up. Corpus checks read ``shared/corpus/dev`` in place.
"""

from __future__ import annotations

import contextlib
import io
import json
import struct
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.shared import Pt
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cvparse.document import Document
from cvparse.errors import (
    CorruptDocumentError,
    CvparseError,
    EncryptedDocumentError,
    LimitExceededError,
)
from cvparse.intake import read
from cvparse.intake.docx import read_docx
from cvparse.intake.sniff import ENCRYPTED_OOXML, sniff
from cvparse.limits import DEFAULT_LIMITS, Limits

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "dev"
DEV_DOCX = ["d003", "d010", "d019", "d024", "d029", "d032"]

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NSDECLS = (
    f'xmlns:w="{W_NS}" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml"'
)


# --------------------------------------------------------------------------- helpers


def build(fill: Callable[[docx.document.Document], object]) -> bytes:
    """A DOCX made by python-docx, filled in by ``fill``."""
    document = docx.Document()
    fill(document)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def lines_of(data: bytes, limits: Limits = DEFAULT_LIMITS) -> list[str]:
    return [line.text for line in read_docx(data, source="test.docx", limits=limits).lines]


def rezip(
    data: bytes,
    replace: dict[str, bytes] | None = None,
    add: dict[str, bytes] | None = None,
    compression: int = zipfile.ZIP_DEFLATED,
) -> bytes:
    """Copy a package, replacing or adding parts."""
    replace, add = replace or {}, add or {}
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", compression) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, replace.get(info.filename, src.read(info.filename)))
        for name, blob in add.items():
            dst.writestr(name, blob)
    return out.getvalue()


def patch_central_directory(
    data: bytes, member: str, *, size: int | None = None, flags: int | None = None
) -> bytes:
    """Make the zip's central directory lie about one member (uncompressed size, flag bits)."""
    buf = bytearray(data)
    pos = buf.find(b"PK\x01\x02")
    while pos != -1:
        name_len = struct.unpack_from("<H", buf, pos + 28)[0]
        name = bytes(buf[pos + 46 : pos + 46 + name_len]).decode()
        if name == member:
            if size is not None:
                struct.pack_into("<I", buf, pos + 24, size)
            if flags is not None:
                struct.pack_into("<H", buf, pos + 8, flags)
            return bytes(buf)
        pos = buf.find(b"PK\x01\x02", pos + 4)
    raise AssertionError(f"{member} not in the central directory")


def simple_docx() -> bytes:
    return build(lambda d: d.add_paragraph("王小明"))


# --------------------------------------------------------------------------- reading order and text


def test_paragraphs_and_tables_in_document_order() -> None:
    def fill(d: docx.document.Document) -> None:
        d.add_paragraph("王小明")
        table = d.add_table(rows=1, cols=4)
        for cell, text in zip(table.rows[0].cells, ["姓名", "王小明", "性别", "男"], strict=True):
            cell.text = text
        d.add_paragraph("教育背景")
        d.add_paragraph("示例大学    计算机科学与技术    本科")

    assert lines_of(build(fill)) == [
        "王小明",
        "姓名 | 王小明 | 性别 | 男",
        "教育背景",
        "示例大学    计算机科学与技术    本科",
    ]


def test_label_cells_ending_in_a_colon_take_their_value() -> None:
    def fill(d: docx.document.Document) -> None:
        table = d.add_table(rows=2, cols=4)
        rows = [["性别：", "女", "出生年月：", "1995年3月"], ["Email:", "a@b.cn", "", "x"]]
        for row, texts in zip(table.rows, rows, strict=True):
            for cell, text in zip(row.cells, texts, strict=True):
                cell.text = text

    assert lines_of(build(fill)) == ["性别：女 | 出生年月：1995年3月", "Email: a@b.cn | x"]


def test_bold_label_cells_without_a_colon_read_as_label_value() -> None:
    def fill(d: docx.document.Document) -> None:
        table = d.add_table(rows=3, cols=2)
        for row, (label, value) in zip(
            table.rows,
            [("目前公司", "示例科技有限公司"), ("2020.01-至今", "示例科技"), ("年度", "达成率")],
            strict=True,
        ):
            row.cells[0].paragraphs[0].add_run(label).bold = True
            run = row.cells[1].paragraphs[0].add_run(value)
            run.bold = value == "达成率"  # a header row: every cell bold, so no label

    assert lines_of(build(fill)) == ["目前公司：示例科技有限公司", "2020.01-至今 | 示例科技", "年度 | 达成率"]


def test_label_with_multi_paragraph_content_gives_label_then_each_paragraph() -> None:
    def fill(d: docx.document.Document) -> None:
        table = d.add_table(rows=2, cols=2)
        table.cell(0, 0).text = "职位名称"
        table.cell(0, 1).text = "测试工程师"
        table.cell(1, 0).text = "工作内容"
        content = table.cell(1, 1)
        content.text = "负责接口自动化测试；"
        content.add_paragraph("搭建持续集成流水线。")

    assert lines_of(build(fill)) == [
        "职位名称 | 测试工程师",
        "工作内容",
        "负责接口自动化测试；",
        "搭建持续集成流水线。",
    ]


def test_merged_cells_are_read_once() -> None:
    def fill(d: docx.document.Document) -> None:
        table = d.add_table(rows=2, cols=3)
        side = table.cell(0, 0).merge(table.cell(1, 0))  # vertical merge
        side.text = "基本信息"
        wide = table.cell(0, 1).merge(table.cell(0, 2))  # horizontal merge
        wide.text = "王小明"
        table.cell(1, 1).text = "电话"
        table.cell(1, 2).text = "13800000000"

    assert lines_of(build(fill)) == ["基本信息 | 王小明", "电话 | 13800000000"]


def test_nested_table_is_read_inside_its_cell() -> None:
    def fill(d: docx.document.Document) -> None:
        outer = d.add_table(rows=1, cols=2)
        outer.cell(0, 0).text = "工作经历"
        inner_cell = outer.cell(0, 1)
        inner_cell.text = "示例科技有限公司 | 2020.01 - 至今"
        inner = inner_cell.add_table(rows=1, cols=2)
        inner.cell(0, 0).text = "职位"
        inner.cell(0, 1).text = "后端工程师"
        d.add_paragraph("结尾")

    assert lines_of(build(fill)) == [
        "工作经历",
        "示例科技有限公司 | 2020.01 - 至今",
        "职位 | 后端工程师",
        "结尾",
    ]


def test_right_tab_date_stays_on_the_entry_line() -> None:
    def fill(d: docx.document.Document) -> None:
        d.add_paragraph("示例科技有限公司    研发部\t2019.07 – 至今")
        d.add_paragraph("\t缩进的一行")
        d.add_paragraph("电话：\t13800000000")

    assert lines_of(build(fill)) == [
        "示例科技有限公司    研发部 | 2019.07 – 至今",
        "缩进的一行",
        "电话：13800000000",
    ]


def test_line_break_inside_a_paragraph_splits_the_line() -> None:
    def fill(d: docx.document.Document) -> None:
        p = d.add_paragraph()
        p.add_run("示例大学")
        p.add_run().add_break()
        p.add_run("软件工程 本科")

    assert lines_of(build(fill)) == ["示例大学", "软件工程 本科"]


def test_bullets_are_not_in_the_text_and_empty_paragraphs_are_dropped() -> None:
    def fill(d: docx.document.Document) -> None:
        d.add_paragraph("负责需求分析", style="List Bullet")
        d.add_paragraph("")
        d.add_paragraph("第二步", style="List Number")

    assert lines_of(build(fill)) == ["负责需求分析", "第二步"]


def test_header_text_comes_first_unless_the_body_repeats_it() -> None:
    def fill(d: docx.document.Document) -> None:
        header = d.sections[0].header
        header.paragraphs[0].text = "电话：13800000000 | 邮箱：xiaoming@example.com"
        header.add_paragraph("王小明")
        footer = d.sections[0].footer
        footer.paragraphs[0].text = "第 1 页"
        footer.add_paragraph("微信：wxm_example")
        d.add_paragraph("王小明")
        d.add_paragraph("求职意向：后端工程师")

    assert lines_of(build(fill)) == [
        "电话：13800000000 | 邮箱：xiaoming@example.com",
        "微信：wxm_example",
        "王小明",
        "求职意向：后端工程师",
    ]


def test_text_box_is_read_once_after_its_anchor() -> None:
    box = (
        f"<w:r {NSDECLS}><mc:AlternateContent>"
        '<mc:Choice Requires="wps"><w:drawing><wps:wsp><wps:txbx><w:txbxContent>'
        "<w:p><w:r><w:t>邮箱：box@example.com</w:t></w:r></w:p>"
        "</w:txbxContent></wps:txbx></wps:wsp></w:drawing></mc:Choice>"
        "<mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>"
        "<w:p><w:r><w:t>邮箱：box@example.com</w:t></w:r></w:p>"
        "</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r>"
    )

    def fill(d: docx.document.Document) -> None:
        anchor = d.add_paragraph("王小明")
        anchor._p.append(parse_xml(box))
        d.add_paragraph("工作经历")

    assert lines_of(build(fill)) == ["王小明", "邮箱：box@example.com", "工作经历"]


def test_content_controls_and_hyperlinks_keep_their_text() -> None:
    sdt = (
        f"<w:sdt {NSDECLS}><w:sdtContent><w:p><w:r><w:t>控件里的段落</w:t></w:r></w:p></w:sdtContent></w:sdt>"
    )
    link = f"<w:hyperlink {NSDECLS}><w:r><w:t>github.com/example</w:t></w:r></w:hyperlink>"

    def fill(d: docx.document.Document) -> None:
        p = d.add_paragraph("主页：")
        p._p.append(parse_xml(link))
        d.element.body.insert(1, parse_xml(sdt))

    assert lines_of(build(fill)) == ["主页：github.com/example", "控件里的段落"]


def test_whole_document_result_shape() -> None:
    doc = read_docx(simple_docx(), source="x.docx", limits=DEFAULT_LIMITS)
    assert isinstance(doc, Document)
    assert (doc.format, doc.pages, doc.source) == ("docx", 1, "x.docx")


# --------------------------------------------------------------------------- formatting cues


def test_heading_bold_and_size_cues() -> None:
    def fill(d: docx.document.Document) -> None:
        d.styles["Normal"].font.size = Pt(10.5)
        d.add_heading("教育背景", level=1)
        short = d.add_paragraph()
        short.add_run("工作经历").bold = True
        short.runs[0].font.size = Pt(14)
        entry = d.add_paragraph()
        entry.add_run("示例科技有限公司\t2019.07 – 至今").bold = True
        label = d.add_paragraph()
        label.add_run("工作内容：").bold = True
        company = d.add_paragraph()
        company.add_run("示例科技有限公司").bold = True  # bold at body size: an entry line
        mixed = d.add_paragraph()
        mixed.add_run("职位：").bold = True
        mixed.add_run("负责后端服务的设计与开发")
        d.add_paragraph("普通正文")

    by_text = {line.text: line for line in read_docx(build(fill), source=None, limits=DEFAULT_LIMITS).lines}
    assert by_text["教育背景"].heading
    assert by_text["工作经历"].heading
    assert by_text["工作经历"].bold
    assert by_text["工作经历"].size == 14.0
    entry = by_text["示例科技有限公司 | 2019.07 – 至今"]
    assert entry.bold
    assert not entry.heading
    assert by_text["工作内容："].bold
    assert not by_text["工作内容："].heading
    assert not by_text["职位：负责后端服务的设计与开发"].bold
    assert by_text["示例科技有限公司"].bold
    assert not by_text["示例科技有限公司"].heading
    assert by_text["普通正文"].size == 10.5  # from the Normal style
    assert not by_text["普通正文"].heading
    assert not by_text["普通正文"].bold


def test_the_name_set_above_the_section_titles_is_not_a_section_heading() -> None:
    def fill(d: docx.document.Document) -> None:
        d.styles["Normal"].font.size = Pt(10)
        d.add_paragraph("简历编号：000001")
        for text, size in [("王小明", 20), ("教育背景", 12), ("工作经历", 12)]:
            run = d.add_paragraph().add_run(text)
            run.bold, run.font.size = True, Pt(size)
            d.add_paragraph("正文内容，说明这一段的经历与细节。")

    lines = read_docx(build(fill), source=None, limits=DEFAULT_LIMITS).lines
    assert [line.text for line in lines if line.heading] == ["教育背景", "工作经历"]


def test_single_bold_cell_row_is_a_title_bar_but_bold_labels_are_not() -> None:
    def fill(d: docx.document.Document) -> None:
        table = d.add_table(rows=2, cols=2)
        title = table.cell(0, 0).merge(table.cell(0, 1))
        title.paragraphs[0].add_run("教育背景").bold = True
        table.cell(1, 0).paragraphs[0].add_run("学校").bold = True
        table.cell(1, 1).text = "示例大学"

    lines = read_docx(build(fill), source=None, limits=DEFAULT_LIMITS).lines
    assert [(line.text, line.heading) for line in lines] == [("教育背景", True), ("学校：示例大学", False)]


# --------------------------------------------------------------------------- hostile and broken input


def test_zip_bomb_is_refused_from_declared_sizes() -> None:
    data = rezip(simple_docx(), add={"word/media/padding.bin": b"\x00" * 3_000_000})
    with pytest.raises(LimitExceededError) as info:
        read_docx(data, source="bomb.docx", limits=Limits(max_unzipped_bytes=1_000_000))
    assert info.value.limit == "max_unzipped_bytes"
    assert info.value.value > 1_000_000
    assert "bomb.docx" in str(info.value)


def test_size_header_that_lies_is_caught() -> None:
    big = b"<x>" + b" " * 5_000_000 + b"</x>"
    data = rezip(simple_docx(), add={"word/custom.xml": big})
    lying = patch_central_directory(data, "word/custom.xml", size=1000)
    with pytest.raises(CorruptDocumentError, match=r"custom\.xml"):
        read_docx(lying, source=None, limits=DEFAULT_LIMITS)


def test_lying_header_on_the_main_part_is_caught() -> None:
    data = simple_docx()
    with pytest.raises(CorruptDocumentError, match=r"document\.xml"):
        read_docx(
            patch_central_directory(data, "word/document.xml", size=10), source=None, limits=DEFAULT_LIMITS
        )


def test_compression_methods_word_never_writes_are_refused() -> None:
    data = rezip(simple_docx(), compression=zipfile.ZIP_BZIP2)
    with pytest.raises(CorruptDocumentError, match="compression method"):
        read_docx(data, source=None, limits=DEFAULT_LIMITS)


def _xxe_document(secret_path: Path) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n'
        f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "{secret_path.as_uri()}">]>\n'
        f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>'
    ).encode()


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_external_entity_document_is_refused_and_not_resolved(tmp_path: Path, encoding: str) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-VALUE", encoding="utf-8")
    xml = _xxe_document(secret)
    if encoding == "utf-16":
        xml = xml.decode().replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16")
    data = rezip(simple_docx(), replace={"word/document.xml": xml})
    with pytest.raises(CorruptDocumentError, match="DTD") as info:
        read_docx(data, source=None, limits=DEFAULT_LIMITS)
    assert "TOP-SECRET-VALUE" not in str(info.value)


def test_python_docx_parser_does_not_resolve_external_entities(tmp_path: Path) -> None:
    """Defence in depth: if the DTD check were bypassed, python-docx's parser still must not read files."""
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-VALUE", encoding="utf-8")
    element = parse_xml(_xxe_document(secret))
    assert "TOP-SECRET-VALUE" not in "".join(element.itertext())


def test_truncated_package_is_corrupt() -> None:
    data = build(lambda d: [d.add_paragraph(f"第 {i} 段内容") for i in range(50)])
    for cut in (len(data) // 2, len(data) - 30, 200):
        with pytest.raises(CorruptDocumentError):
            read_docx(data[:cut], source=None, limits=DEFAULT_LIMITS)


def test_damaged_compressed_bytes_are_corrupt() -> None:
    data = bytearray(build(lambda d: [d.add_paragraph(f"第 {i} 段内容") for i in range(50)]))
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as zf:
        info = zf.getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for i in range(start + 20, start + 60):
        data[i] ^= 0x55
    with pytest.raises(CorruptDocumentError):
        read_docx(bytes(data), source=None, limits=DEFAULT_LIMITS)


def test_zip_that_is_not_a_word_document_is_corrupt() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("notes.txt", "hello")
    with pytest.raises(CorruptDocumentError, match=r"word/document\.xml"):
        read_docx(out.getvalue(), source=None, limits=DEFAULT_LIMITS)


def test_ooxml_package_with_broken_xml_is_corrupt() -> None:
    data = rezip(simple_docx(), replace={"word/document.xml": b"<w:document><unclosed>"})
    with pytest.raises(CorruptDocumentError):
        read_docx(data, source=None, limits=DEFAULT_LIMITS)


def test_zip_encrypted_member_is_reported_as_encrypted() -> None:
    data = patch_central_directory(simple_docx(), "word/document.xml", flags=0x1)
    with pytest.raises(EncryptedDocumentError):
        read_docx(data, source=None, limits=DEFAULT_LIMITS)


def fake_encrypted_ooxml() -> bytes:
    """The shape Office gives a password-protected DOCX: an OLE file with an EncryptedPackage stream."""
    ole = bytearray(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1016)
    ole += "EncryptedInfo".encode("utf-16-le").ljust(64, b"\x00")
    ole += "EncryptedPackage".encode("utf-16-le").ljust(64, b"\x00")
    return bytes(ole + b"\x00" * 4096)


def test_encrypted_docx_is_an_encrypted_error_not_a_legacy_doc() -> None:
    data = fake_encrypted_ooxml()
    assert sniff(data, "cv.docx") == ENCRYPTED_OOXML
    with pytest.raises(EncryptedDocumentError):
        read(data)
    with pytest.raises(EncryptedDocumentError):
        read_docx(data, source="cv.docx", limits=DEFAULT_LIMITS)


def test_deep_nesting_is_refused() -> None:
    def fill(d: docx.document.Document) -> None:
        cell = d.add_table(rows=1, cols=1).cell(0, 0)
        for _ in range(40):
            cell = cell.add_table(rows=1, cols=1).cell(0, 0)
        cell.text = "深处"

    with pytest.raises(CorruptDocumentError, match="nested"):
        read_docx(build(fill), source=None, limits=DEFAULT_LIMITS)


def test_dispatcher_reads_a_docx_with_a_pdf_name(tmp_path: Path) -> None:
    path = tmp_path / "resume.pdf"
    path.write_bytes(build(lambda d: d.add_paragraph("王小明")))
    doc = read(path)
    assert doc.format == "docx"
    assert [line.text for line in doc.lines] == ["王小明"]


def _seed(d: docx.document.Document) -> None:
    for i in range(5):
        d.add_paragraph(f"第 {i} 段：示例内容\t2020.01")
    d.add_table(rows=2, cols=2).cell(0, 0).text = "姓名"


_SEED = build(_seed)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(0, len(_SEED) - 1), st.integers(0, 255)), min_size=1, max_size=8))
def test_mutated_packages_raise_only_cvparse_errors(edits: list[tuple[int, int]]) -> None:
    data = bytearray(_SEED)
    for pos, value in edits:
        data[pos] = value
    with contextlib.suppress(CvparseError):
        read_docx(bytes(data), source=None, limits=DEFAULT_LIMITS)


# --------------------------------------------------------------------------- the dev corpus


def _corpus_file(doc_id: str, suffix: str) -> Path:
    if not CORPUS.is_dir():
        pytest.skip(f"dev corpus not found at {CORPUS}")
    matches = sorted(CORPUS.glob(f"{doc_id}-*{suffix}"))
    if not matches:
        pytest.skip(f"{doc_id}{suffix} not in the dev corpus")
    return matches[0]


@pytest.mark.parametrize("doc_id", DEV_DOCX)
def test_corpus_docx_lines_hold_the_gold_name_schools_and_companies(doc_id: str) -> None:
    path = _corpus_file(doc_id, ".docx")
    gold = json.loads(_corpus_file(doc_id, ".json").read_text(encoding="utf-8"))
    doc = read(path)
    text = doc.text
    assert doc.format == "docx"
    assert gold["name"] in text
    for entry in gold.get("education", []):
        assert entry["school"] in text
    for entry in gold.get("work", []):
        assert entry["company"] in text
    assert all(line.text == line.text.strip() and line.text for line in doc.lines)
    assert not any("\t" in line.text for line in doc.lines)


def test_corpus_key_value_grid_and_right_tab_lines() -> None:
    lines = [line.text for line in read(_corpus_file("d010", ".docx")).lines]
    assert "性别：女 | 出生年月：1991年10月" in lines
    assert "招商银行股份有限公司信用卡中心    风险管理部 | 2019.07 - 至今" in lines


def test_corpus_section_headings_are_marked() -> None:
    lines = read(_corpus_file("d029", ".docx")).lines
    headings = [line.text for line in lines if line.heading]
    assert headings == [
        "求职意向",
        "工作经历",
        "业绩一览",
        "教育经历",
        "获奖情况",
        "技能与证书",
        "自我评价",
    ]
