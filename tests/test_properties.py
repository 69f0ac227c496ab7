"""Property tests: whatever text or bytes come in, cvparse returns a valid Profile or raises
one of its own errors, never anything else."""

from __future__ import annotations

import contextlib
import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cvparse
from cvparse.errors import CvparseError

EXAMPLES = int(os.environ.get("CVPARSE_HYPOTHESIS_EXAMPLES", "300"))

_resume_bits = st.sampled_from(
    [
        "张三",
        "男",
        "女",
        "｜",
        " | ",
        "\n",
        "教育经历",
        "工作经历",
        "项目经历",
        "技能",
        "自我评价",
        "2019.09-2023.06",
        "2020年9月-至今",
        "至今",
        "北京大学",
        "本科",
        "有限公司",
        "实习生",
        "13800138000",
        "a@b.com",
        "github.com/x",
        "：",
        ":",
        "【",
        "】",
        "■",
        "CET-6",
        "英语",
        "Python",
        "PyTorch",
        "\t",
        "  ",
        "Education",
        "EXPERIENCE",
        "Jun 2020 – Present",
        "１２Ｋ",
    ]
)
resume_like = st.lists(st.one_of(_resume_bits, st.text(max_size=12)), max_size=60).map("".join)


def _check(result: object) -> None:
    assert isinstance(result, cvparse.Profile)
    cvparse.Profile.model_validate(result.model_dump(mode="json"))


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_parse_text_on_any_string(text: str) -> None:
    with contextlib.suppress(CvparseError):
        _check(cvparse.parse_text(text))


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(resume_like)
def test_parse_text_on_resume_like_strings(text: str) -> None:
    with contextlib.suppress(CvparseError):
        _check(cvparse.parse_text(text))


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=600))
def test_parse_on_any_bytes(data: bytes) -> None:
    with contextlib.suppress(CvparseError):
        _check(cvparse.parse(data))
