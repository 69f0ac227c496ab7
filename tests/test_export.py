"""JSON Resume export: valid against the official 1.2.x schema, nothing of ours lost.

The schema file in ``tests/fixtures`` is the published one (MIT, see its ``$comment``);
validating against it, formats included, is what keeps the export honest.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from cvparse.export import CSV_COLUMNS, EXTENSION_KEY, to_csv_row, to_json_resume
from cvparse.models import Profile

jsonschema = pytest.importorskip("jsonschema")

SCHEMA = json.loads(
    (Path(__file__).parent / "fixtures" / "jsonresume-schema.json").read_text(encoding="utf-8")
)

FULL = Profile.model_validate(
    {
        "name": "张三",
        "gender": "male",
        "birth_date": "1998-03",
        "age": 26,
        "phone": "13800138000",
        "email": "zhang.san@example.com",
        "wechat": "zs_wechat",
        "location": "杭州",
        "hometown": "江苏",
        "ethnicity": "汉族",
        "political_status": "中共党员",
        "years_of_experience": 3,
        "intention": {
            "positions": ["算法工程师", "数据分析"],
            "cities": ["杭州"],
            "salary": "15-20K",
            "job_type": "全职",
            "availability": "一个月内到岗",
        },
        "summary": "热爱技术。\n善于沟通。",
        "links": [
            "https://github.com/zhangsan",
            "https://zhangsan.example.com",
            "https://www.linkedin.com/in/zs",
        ],
        "education": [
            {
                "school": "示例大学",
                "degree": "bachelor",
                "major": "计算机科学",
                "start": "2016-09",
                "end": "2020-06",
                "gpa": "3.8/4.0",
            },
            {"school": "示例研究院", "degree": "master", "start": "2022-09", "end": "present"},
        ],
        "work": [
            {
                "company": "示例科技有限公司",
                "title": "算法工程师",
                "department": "搜索部",
                "start": "2021-07",
                "end": "present",
                "description": "负责排序模型|召回; 优化",
            },
            {
                "company": "某某网络",
                "title": "实习生",
                "start": "2020",
                "end": "2020-09-15",
                "internship": True,
            },
        ],
        "projects": [
            {"name": "推荐系统", "role": "负责人", "start": "2021", "end": "2022", "description": "从零搭建"}
        ],
        "awards": [{"name": "国家奖学金", "date": "2018"}],
        "certificates": [{"name": "PMP", "date": "2022-05-01"}],
        "skills": ["Python", "PyTorch"],
        "languages": [{"name": "英语", "level": "CET-6"}, {"name": "日语"}],
    }
)


def validate(doc: dict[str, Any]) -> None:
    validator = jsonschema.Draft7Validator(SCHEMA, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(doc), key=str)
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors)
    _check_uris(doc)


def _check_uris(node: Any) -> None:
    """jsonschema checks ``format: uri`` only with an optional package; check it here."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "url":
                parts = urlsplit(value)
                assert parts.scheme in ("http", "https"), value
                assert parts.netloc, value
            _check_uris(value)
    elif isinstance(node, list):
        for item in node:
            _check_uris(item)


def test_full_profile_is_valid_json_resume() -> None:
    doc = to_json_resume(FULL)
    validate(doc)
    json.dumps(doc, ensure_ascii=False)  # plain JSON types only


def test_full_profile_mapping() -> None:
    doc = to_json_resume(FULL)
    basics = doc["basics"]
    assert basics["name"] == "张三"
    assert basics["email"] == "zhang.san@example.com"
    assert basics["phone"] == "13800138000"
    assert basics["url"] == "https://zhangsan.example.com"
    assert basics["location"] == {"city": "杭州"}
    assert basics["label"] == "算法工程师 / 数据分析"
    assert basics["profiles"] == [
        {"network": "GitHub", "username": "zhangsan", "url": "https://github.com/zhangsan"},
        {"network": "LinkedIn", "username": "zs", "url": "https://www.linkedin.com/in/zs"},
        {"network": "WeChat", "username": "zs_wechat"},
    ]
    current, intern = doc["work"]
    assert current == {
        "name": "示例科技有限公司",
        "position": "算法工程师",
        "startDate": "2021-07",
        "summary": "负责排序模型|召回; 优化",
        EXTENSION_KEY: {"department": "搜索部", "current": True},
    }
    assert "endDate" not in current
    assert intern[EXTENSION_KEY] == {"internship": True}
    assert intern["endDate"] == "2020-09-15"
    assert doc["education"][0] == {
        "institution": "示例大学",
        "area": "计算机科学",
        "studyType": "Bachelor",
        "startDate": "2016-09",
        "endDate": "2020-06",
        "score": "3.8/4.0",
        EXTENSION_KEY: {"degree": "bachelor"},
    }
    assert doc["projects"][0]["roles"] == ["负责人"]
    assert doc["awards"] == [{"title": "国家奖学金", "date": "2018"}]
    assert doc["certificates"] == [{"name": "PMP", "date": "2022-05-01"}]
    assert doc["skills"] == [{"name": "Python"}, {"name": "PyTorch"}]
    assert doc["languages"] == [{"language": "英语", "fluency": "CET-6"}, {"language": "日语"}]
    assert doc[EXTENSION_KEY] == {
        "gender": "male",
        "birth_date": "1998-03",
        "age": 26,
        "hometown": "江苏",
        "ethnicity": "汉族",
        "political_status": "中共党员",
        "years_of_experience": 3,
        "intention": {
            "positions": ["算法工程师", "数据分析"],
            "cities": ["杭州"],
            "salary": "15-20K",
            "job_type": "全职",
            "availability": "一个月内到岗",
        },
    }


def test_model_method_delegates() -> None:
    assert FULL.to_json_resume() == to_json_resume(FULL)


@pytest.mark.parametrize(
    "profile",
    [
        Profile(),
        Profile(name="Li Wei"),
        Profile(work=[{"company": "X", "start": "present"}]),  # type: ignore[list-item]
        Profile(links=["https://space.bilibili.com/123", "https://gitee.com"]),
    ],
    ids=["empty", "name-only", "odd-dates", "links"],
)
def test_sparse_profiles_are_valid(profile: Profile) -> None:
    doc = to_json_resume(profile)
    validate(doc)
    assert all(value not in (None, [], {}) for value in doc.values())


def test_csv_row() -> None:
    row = to_csv_row(FULL)
    assert set(row) <= set(CSV_COLUMNS)
    assert (
        row["education"] == "示例大学|bachelor|计算机科学|2016-09/2020-06; 示例研究院|master||2022-09/present"
    )
    assert (
        row["work"]
        == "示例科技有限公司|算法工程师|搜索部|2021-07/present|; 某某网络|实习生||2020/2020-09-15|intern"
    )
    assert row["summary"] == "热爱技术。 善于沟通。"
    assert row["languages"] == "英语|CET-6; 日语|"
    assert row["age"] == "26"
    assert row["intention_positions"] == "算法工程师; 数据分析"
    assert all("\n" not in value for value in row.values())
    assert to_csv_row(None) == {}
