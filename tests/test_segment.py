"""Segmentation: heading recognition in its many decorations, inline headings, no headings."""

from __future__ import annotations

import pytest

from cvparse.document import Document, Line
from cvparse.segment import heading_key, route_sub_labels, segment


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("教育背景", "education"),
        ("【工作经历】", "work"),
        ("■ 项目经验", "projects"),
        ("一、教育背景", "education"),
        ("教 育 背 景", "education"),
        ("教育背景 Education", "education"),
        ("Education 教育背景", "education"),
        ("🎓 教育经历", "education"),
        ("⚙ 技能清单", "skills"),
        ("实习经历", "internship"),
        ("WORK EXPERIENCE", "work"),
        ("Honors & Awards", "awards"),
        ("获奖 & 证书", "awards_certs"),
        ("自我評價", "summary"),
        ("工作經歷", "work"),
        ("个人优势", "summary"),
        ("求职意向：", "intention"),
        ("=== 专业技能 ===", "skills"),
        ("北京大学", None),
        ("负责后端开发", None),
    ],
)
def test_heading_key(text: str, key: str | None) -> None:
    assert heading_key(text) == key


def _doc(text: str) -> Document:
    return Document([Line(t) for t in text.split("\n")])


def test_contact_block_before_first_heading() -> None:
    sections = segment(_doc("张三\n13800138000\n\n教育经历\n北京大学 本科\n工作经历\n某某有限公司"))
    assert [s.key for s in sections] == ["header", "education", "work"]
    assert sections[0].texts == ["张三", "13800138000"]


def test_heading_with_content_on_the_same_line() -> None:
    sections = segment(_doc("张三\n教育背景 | 2022.09—2026.06 合肥工业大学 本科"))
    assert sections[1].key == "education"
    assert sections[1].texts == ["2022.09—2026.06 合肥工业大学 本科"]


def test_key_value_line_is_not_a_heading() -> None:
    sections = segment(_doc("张三\n语言：英语 CET-6"))
    assert [s.key for s in sections] == ["header"]


def test_no_headings_is_one_header_section() -> None:
    sections = segment(_doc("孟凡 | 男 | 37岁\n2018.03-至今 京东物流 仓储组长"))
    assert len(sections) == 1 and sections[0].key == "header"


def test_unknown_layout_heading_kept_as_other() -> None:
    doc = Document([Line("张三"), Line("开源贡献", heading=True), Line("给某项目提交补丁")])
    sections = segment(doc)
    assert [s.key for s in sections] == ["header", "other"]
    assert sections[1].title == "开源贡献"


def test_sub_labels_route_to_their_section() -> None:
    sections = route_sub_labels(segment(_doc("张三\n技能与证书\n证书：PMP、CPA\n数据库：MySQL")))
    keys = [s.key for s in sections]
    assert "certificates" in keys
    cert = next(s for s in sections if s.key == "certificates")
    assert cert.texts == ["PMP、CPA"]
