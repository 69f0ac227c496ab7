"""Extractor cases on small snippets: one layout each, the way real résumés write them."""

from __future__ import annotations

import pytest

import cvparse
from cvparse.errors import EmptyDocumentError, InputError, NotAResumeError


def test_inline_header_line() -> None:
    p = cvparse.parse_text("李雷\n男 | 年龄: 21岁 | 📞 153-0000-1234 | 💌 Li.Lei@Example.com\n")
    assert (p.name, p.gender, p.age, p.phone, p.email) == (
        "李雷",
        "male",
        21,
        "15300001234",
        "li.lei@example.com",
    )


def test_job_board_key_value_grid() -> None:
    text = (
        "姓名：韩梅梅          性别：女\n出生年月：1993年6月    民族：汉族\n户口所在地：江苏南京   政治面貌：中共党员\n"
        "现居住地：上海市浦东新区\n手机：13900001111\n"
    )
    p = cvparse.parse_text(text)
    assert p.name == "韩梅梅" and p.gender == "female" and p.birth_date == "1993-06"
    assert (p.ethnicity, p.political_status, p.hometown, p.location) == ("汉族", "中共党员", "南京", "上海")


def test_letter_spaced_labels() -> None:
    p = cvparse.parse_text("姓    名：王 小 明\n性    别：男\n手    机：13700001111\n")
    assert p.name == "王小明" and p.gender == "male"


def test_entries_with_leading_and_trailing_dates() -> None:
    text = (
        "张伟\n13800001111\n工作经历\n"
        "2019.07 - 至今  北京字节跳动科技有限公司  后端开发工程师\n- 负责推荐系统\n"
        "上海某某信息技术有限公司 | 测试实习生    2018.06-2018.09\n- 编写用例\n"
    )
    p = cvparse.parse_text(text)
    assert [(w.company, w.title, w.start, w.end, w.internship) for w in p.work] == [
        ("北京字节跳动科技有限公司", "后端开发工程师", "2019-07", "present", False),
        ("上海某某信息技术有限公司", "测试实习生", "2018-06", "2018-09", True),
    ]
    assert p.work[0].description == "负责推荐系统"


def test_project_sub_labels_stay_in_description() -> None:
    text = (
        "张伟\n13800001111\n项目经验\n2020/05 — 2021/03  智能仓储系统     项目负责人\n"
        "  项目描述：为仓库建设调度系统。\n  责任描述：负责架构设计。\n  技术栈：Java、Spring Boot、mysql\n"
    )
    p = cvparse.parse_text(text)
    proj = p.projects[0]
    assert (proj.name, proj.role, proj.start, proj.end) == (
        "智能仓储系统",
        "项目负责人",
        "2020-05",
        "2021-03",
    )
    assert proj.description and proj.description.startswith("项目描述：为仓库建设调度系统。")
    assert {"Java", "Spring Boot", "MySQL"} <= set(p.skills)


def test_education_with_degree_major_gpa() -> None:
    p = cvparse.parse_text(
        "张伟\n13800001111\n教育背景\n2016.09-2020.06  浙江大学  计算机科学与技术  本科\nGPA：3.8/4.0\n"
    )
    e = p.education[0]
    assert (e.school, e.degree, e.major, e.start, e.end, e.gpa) == (
        "浙江大学",
        "bachelor",
        "计算机科学与技术",
        "2016-09",
        "2020-06",
        "3.8/4.0",
    )


def test_narrative_executive_bio() -> None:
    text = (
        "赵建国，男，1970年出生，中国国籍，硕士研究生学历，高级经济师。1995年7月至2003年3月，任中国银行江苏省分行信贷员；"
        "2003年4月至今，任江苏某某科技股份有限公司董事、总经理。"
    )
    p = cvparse.parse_text(text)
    assert (p.name, p.gender, p.birth_date) == ("赵建国", "male", "1970")
    assert [(w.company, w.title, w.start, w.end) for w in p.work] == [
        ("中国银行江苏省分行", "信贷员", "1995-07", "2003-03"),
        ("江苏某某科技股份有限公司", "董事、总经理", "2003-04", "present"),
    ]
    assert [c.name for c in p.certificates] == ["高级经济师"]


def test_language_test_among_certificates_is_also_a_language() -> None:
    p = cvparse.parse_text("张伟\n13800001111\n证书\n2019.06 大学英语六级（CET-6）\n2020.01 教师资格证\n")
    # full-width forms are read as half-width (the contract's rule for values)
    assert [c.name for c in p.certificates] == ["大学英语六级(CET-6)", "教师资格证"]
    assert [(lang.name, lang.level) for lang in p.languages] == [("英语", "大学英语六级(CET-6)")]


def test_english_resume() -> None:
    text = (
        "JANE DOE\nShanghai | +86 139 0000 1111 | jane@example.com\n\nEXPERIENCE\n"
        "Acme Technology Co., Ltd.        Jul 2019 - Present\nSoftware Engineer, Platform Team\n"
        "  * Built services.\n\nEDUCATION\nFudan University        Sep 2015 - Jun 2019\nBachelor of Science, Physics\n"
    )
    p = cvparse.parse_text(text)
    assert p.name == "JANE DOE" and p.phone == "13900001111"
    assert (p.work[0].company, p.work[0].title, p.work[0].department) == (
        "Acme Technology Co., Ltd.",
        "Software Engineer",
        "Platform Team",
    )
    assert (p.education[0].school, p.education[0].degree, p.education[0].major) == (
        "Fudan University",
        "bachelor",
        "Physics",
    )


def test_fullwidth_values_read_as_halfwidth() -> None:
    p = cvparse.parse_text("曹文博\n手机：１３９８０６５２２１７\n求职意向\n薪资：１５Ｋ\n")
    assert p.phone == "13980652217" and p.intention.salary == "15K"


@pytest.mark.parametrize("bad", ["", "   \n  "])
def test_empty_text_is_a_typed_error(bad: str) -> None:
    with pytest.raises(EmptyDocumentError):
        cvparse.parse_text(bad)


def test_text_without_resume_content_is_a_typed_error() -> None:
    with pytest.raises(NotAResumeError):
        cvparse.parse_text("the quick brown fox jumps over the lazy dog")


def test_parse_text_rejects_bytes() -> None:
    with pytest.raises(InputError):
        cvparse.parse_text(b"abc")  # type: ignore[arg-type]


def test_missing_file_is_a_typed_error(tmp_path: object) -> None:
    with pytest.raises(InputError):
        cvparse.parse("/nonexistent/resume.pdf")


def test_markdown_link_targets_stay_in_the_text_but_out_of_fields() -> None:
    text = (
        "# 王小明\n\n- 邮箱：wang@example.com\n- 博客：[我的博客](https://blog.example.dev)\n\n## 工作经历\n\n"
        "### [示例科技有限公司](https://corp.example.com) ｜ 后端工程师 ｜ 2020.07 - 至今\n\n- 负责接口开发\n"
    )
    p = cvparse.parse_text(text)
    assert p.name == "王小明"
    assert "https://blog.example.dev" in p.links
    assert "https://corp.example.com" in p.links
    assert (p.work[0].company, p.work[0].title) == ("示例科技有限公司", "后端工程师")


def test_degree_line_under_a_dated_school() -> None:
    text = "张伟\n13800001111\n教育背景\n上海交通大学, 上海  2013 – 至今\n在读硕士研究生 信息与通信工程, 预计 2016 年 3 月毕业\n"
    e = cvparse.parse_text(text).education
    assert len(e) == 1
    assert (e[0].school, e[0].degree, e[0].start, e[0].end) == ("上海交通大学", "master", "2013", "present")


def test_traditional_chinese_resume_keeps_values_as_written() -> None:
    text = (
        "陳雅婷\n電話：0912-345-678 ｜ 電子郵件：yating.chen@example.com\n\n學歷\n"
        "國立政治大學 廣告學系 學士  2015/09 - 2019/06\n\n工作經歷\n"
        "2019/07 - 至今  好樂行銷股份有限公司  行銷企劃\n- 負責品牌社群經營\n"
    )
    p = cvparse.parse_text(text)
    assert (p.name, p.phone) == ("陳雅婷", "+886912345678")
    e = p.education[0]
    assert (e.school, e.degree, e.major, e.start) == ("國立政治大學", "bachelor", "廣告學系", "2015-09")
    assert (p.work[0].company, p.work[0].title, p.work[0].end) == (
        "好樂行銷股份有限公司",
        "行銷企劃",
        "present",
    )


def test_labelled_entry_forms() -> None:
    """Job-board forms: every entry field on its own labelled line, or a whole entry on one line."""
    text = (
        "刘洋\n手机：13512345678\n工作经历\n公司名称：南京示例软件有限公司\n在职时间：2021.07-至今\n"
        "职位名称：算法工程师\n工作内容：负责推荐系统召回与排序模型的研发。\n\n"
        "公司名称：苏州示例智能科技有限公司\n在职时间：2020.07-2021.06\n职位名称：算法实习生\n"
        "教育经历\n学校：东南大学  专业：计算机技术  学历：硕士  时间：2018.09-2021.06\n"
        "学校：河海大学  专业：软件工程  学历：本科  时间：2014.09-2018.06\n"
    )
    p = cvparse.parse_text(text)
    assert [(w.company, w.title, w.start, w.end, w.internship) for w in p.work] == [
        ("南京示例软件有限公司", "算法工程师", "2021-07", "present", False),
        ("苏州示例智能科技有限公司", "算法实习生", "2020-07", "2021-06", True),
    ]
    assert p.work[0].description == "负责推荐系统召回与排序模型的研发。"
    assert [(e.school, e.degree, e.major, e.start) for e in p.education] == [
        ("东南大学", "master", "计算机技术", "2018-09"),
        ("河海大学", "bachelor", "软件工程", "2014-09"),
    ]


def test_a_rejected_value_costs_only_that_value() -> None:
    """An extractor bug that yields a value the contract rejects drops the value, not the résumé."""
    from pydantic import ValidationError

    from cvparse.models import Profile
    from cvparse.pipeline import _salvage

    data = {
        "name": "张三",
        "phone": "123",
        "education": [{"school": None, "degree": "bachelor"}, {"school": "北京大学", "start": "20x"}],
    }
    with pytest.raises(ValidationError) as info:
        Profile.model_validate(data)
    p = _salvage(data, info.value)
    assert p.name == "张三"
    assert p.phone is None
    assert [(e.school, e.start) for e in p.education] == [("北京大学", None)]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("张三的个人简历\n电话：13800001111\n教育经历\n北京大学 本科 2016-2020\n", "张三"),
        ("个人简历\n\n王  芳\n求职意向：会计\n电话：13800001111\n", "王芳"),
        ("吴楠 在职-考虑机会\n5年经验 · 28岁 · 本科 · 男\n", "吴楠"),
    ],
)
def test_name_in_a_title_or_letter_spaced(text: str, name: str) -> None:
    assert cvparse.parse_text(text).name == name


def test_english_entries_with_bars() -> None:
    text = (
        "David Wang\ndavid.wang@example.com\n\nEXPERIENCE\nJan 2021 – Present | Example Cloud Ltd. | Backend Engineer\n"
        "- Designed the billing service.\n\nEDUCATION\n"
        "2014 – 2018 | Zhejiang University | B.Eng. in Software Engineering | GPA 3.7/4.0\n"
    )
    p = cvparse.parse_text(text)
    assert (p.work[0].company, p.work[0].title, p.work[0].start, p.work[0].end) == (
        "Example Cloud Ltd.",
        "Backend Engineer",
        "2021-01",
        "present",
    )
    e = p.education[0]
    assert (e.school, e.degree, e.major, e.gpa) == (
        "Zhejiang University",
        "bachelor",
        "Software Engineering",
        "3.7/4.0",
    )


def test_title_before_a_suffixless_company() -> None:
    text = "张伟\n13800001111\n工作经验\n高级 Android 开发工程师 阿里巴巴\n2018/10 - 至今\n- 负责组件开发\n"
    w = cvparse.parse_text(text).work[0]
    assert (w.company, w.title, w.start, w.end) == (
        "阿里巴巴",
        "高级 Android 开发工程师",
        "2018-10",
        "present",
    )


def test_unlabelled_wechat_id_in_the_contact_line() -> None:
    p = cvparse.parse_text("赵一诺\n199 1056 0000  zhao@example.com  yinuo_pm  北京海淀\n")
    assert (p.phone, p.email, p.wechat) == ("19910560000", "zhao@example.com", "yinuo_pm")


def test_english_achievement_sentences_are_not_awards() -> None:
    text = (
        "Jane Roe\njane@example.com\nHONORS\nDean's List, 2019\n"
        "Awarded the Outstanding Graduate Scholarship for academic excellence in 2020\n"
        "Developed a simulation pipeline used by three research groups at the institute\n"
    )
    awards = [(a.name, a.date) for a in cvparse.parse_text(text).awards]
    assert awards == [
        ("Dean's List", "2019"),
        ("Awarded the Outstanding Graduate Scholarship for academic excellence in", "2020"),
    ]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("语言 英语 — 读写（优良），听说（日常交流）", ("英语", "读写(优良),听说(日常交流)")),
        ("二外：日语N2", ("日语", "N2")),
        ("可以使用英语进行工作交流（六级成绩 600），平时阅读英文书籍。", ("英语", "六级")),
        ("大一时通过英语四六级考试。", ("英语", "四六级")),
    ],
)
def test_languages_stated_in_passing(line: str, expected: tuple[str, str]) -> None:
    p = cvparse.parse_text(f"张伟\n13800001111\n其他\n{line}\n")
    assert [(lang.name, lang.level) for lang in p.languages] == [expected]
