"""Evidence: every emitted value points at the raw text it was read from, and nothing else is emitted.

The check below is written independently of ``cvparse.evidence``: for each value it asks the
normalisers whether the evidence's raw text really normalises to that value. Inputs are made up.
"""

from __future__ import annotations

import io
import json
import random
import re
from pathlib import Path
from typing import Any

import pytest

import cvparse
from cvparse.evidence import Evidence, Parsed
from cvparse.extract.honors import language_of_test
from cvparse.extract.numbers import cn_number
from cvparse.normalize.dates import PRESENT, parse_date
from cvparse.normalize.degrees import find_degree
from cvparse.normalize.phones import normalize_phone
from cvparse.normalize.places import normalize_city
from cvparse.normalize.skills import canonical_skill
from cvparse.normalize.text import halfwidth
from cvparse.normalize.urls import normalize_url

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
DEV = SHARED / "corpus" / "dev"

RESUME = """李明
男 | 28岁 | 电话：１３９ １２３４ ５６７８ | 邮箱：Li.Ming@Example.com
现居：浙江杭州市
求职意向：算法工程师 / 数据分析师 | 期望城市：杭州、上海
教育经历
示例理工大学 硕士 计算机技术 2019年9月 - 2022年6月
工作经历
示例智能科技有限公司 算法实习生 2021.07-2021.10
- 负责推荐模型的离线评估，搭建指标看板
- 完成特征管道重构，训练提速 30%
专业技能
熟练使用 pytorch、k8s 与 MySQL
语言能力
英语 CET-6
"""


def squash(text: str) -> str:
    return re.sub(r"\s+", "", halfwidth(text)).casefold()


def normalises_to(field: str, raw: str, value: Any) -> bool:
    """Whether ``raw`` (the evidence's text) reads as ``value`` for ``field``."""
    r = halfwidth(raw).strip()
    if field in ("birth_date", "start", "end", "date"):
        if value == "present":
            return bool(re.fullmatch(PRESENT + r"|起|以来|开始|迄今|since", r, re.I))
        return parse_date(r) == value or (len(value) == 4 and value in r)
    if field == "phone":
        return normalize_phone(r) == value
    if field == "wechat":
        return squash(r) == squash(value) or normalize_phone(r) == value
    if field == "email":
        return r.lower() == value
    if field == "links":
        return normalize_url(r) == value
    if field == "gender":
        return {"男": "male", "先生": "male", "女": "female", "女士": "female"}.get(r, r.lower()) == value
    if field == "age":
        return int(re.sub(r"\D", "", r)) == value
    if field == "years_of_experience":
        m = re.match(r"(\d+(?:\.\d)?|[一二两三四五六七八九十]+)", r)
        num = (float(m.group(1)) if m.group(1)[0].isdigit() else cn_number(m.group(1))) if m else None
        return num is not None and float(num) == float(value)
    if field == "degree":
        found = find_degree(r)
        return found is not None and found[0] == value
    if field in ("location", "hometown", "cities"):
        return normalize_city(r) == value or value.casefold() in r.casefold()
    if field == "skills":
        return canonical_skill(r) == value or squash(r) == squash(value)
    if field == "internship":
        return value is True and bool(re.search(r"实习|intern", r, re.I))
    if field in ("summary", "description"):
        lines = [squash(x) for x in value.split("\n") if x.strip()]
        return squash(r).startswith(lines[0]) and squash(r).endswith(lines[-1])
    if field == "name" and squash(r) != squash(value) and language_of_test(r) == value:
        return True  # a language named by its test (CET-6 → 英语)
    if squash(r) == squash(value):
        return True
    parts = [squash(p) for p in re.split(r" / | ", value) if p.strip()]
    return len(parts) > 1 and all(p in squash(r) for p in parts)  # pieces the extractor joined


def values(data: Any, path: str = "") -> list[tuple[str, Any]]:
    """Every stated value of a profile dump with its evidence path (``internship: false`` is no statement)."""
    out: list[tuple[str, Any]] = []
    if isinstance(data, dict):
        for k, v in data.items():
            out.extend(values(v, f"{path}/{k}" if path else k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            out.extend(values(v, f"{path}/{i}"))
    elif data is not None and data is not False and data != "":
        out.append((path, data))
    return out


def field_of(path: str) -> str:
    return [p for p in path.split("/") if not p.isdigit()][-1]


def assert_grounded(parsed: Parsed) -> None:
    stated = values(parsed.profile.model_dump(mode="json"))
    missing = [p for p, _ in stated if p not in parsed.evidence]
    assert not missing, f"values without evidence: {missing}"
    assert set(parsed.evidence) == {p for p, _ in stated}, "evidence for a value the profile does not hold"
    for path, value in stated:
        ev = parsed.evidence[path]
        assert 0 <= ev.start < ev.end <= len(parsed.text), path
        assert ev.text == parsed.text[ev.start : ev.end], path
        assert 0.0 <= ev.confidence <= 1.0, path
        assert normalises_to(field_of(path), ev.text, value), (path, value, ev.text)


# --- small snippets ----------------------------------------------------------------------------


def test_every_value_points_at_its_raw_text() -> None:
    parsed = cvparse.parse_text_with_evidence(RESUME)
    assert_grounded(parsed)
    ev = parsed.evidence
    assert parsed.text.startswith("李明\n")
    assert ev["phone"].text == "１３９ １２３４ ５６７８"
    assert ev["email"].text == "Li.Ming@Example.com"
    assert ev["education/0/start"].text == "2019年9月"
    assert ev["education/0/end"].text == "2022年6月"
    assert ev["education/0/degree"].text == "硕士"
    assert ev["gender"].text == "男"
    assert ev["location"].text.startswith("杭州")
    skills = parsed.profile.skills
    assert ev[f"skills/{skills.index('PyTorch')}"].text == "pytorch"
    assert ev[f"skills/{skills.index('Kubernetes')}"].text == "k8s"


def test_paths_follow_the_profile() -> None:
    parsed = cvparse.parse_text_with_evidence(RESUME)
    p = parsed.profile
    assert parsed.evidence["name"].text == p.name == "李明"
    assert parsed.evidence["intention/positions/0"].text == p.intention.positions[0]
    assert parsed.evidence["work/0/company"].text == p.work[0].company
    assert parsed.evidence["work/0/start"].text == "2021.07"
    assert p.work[0].internship and "实习" in parsed.evidence["work/0/internship"].text
    assert parsed.evidence["languages/0/level"].text == "CET-6"
    desc = parsed.evidence["work/0/description"]
    assert desc.text.startswith("负责推荐模型") and desc.text.endswith("训练提速 30%")
    # an entry's fields point into the entry's own region
    school = parsed.evidence["education/0/school"]
    assert all(
        abs(parsed.evidence[f"education/0/{k}"].start - school.start) < 40 for k in ("degree", "start", "end")
    )


def test_parse_and_parse_with_evidence_agree() -> None:
    assert cvparse.parse_text(RESUME) == cvparse.parse_text_with_evidence(RESUME).profile


def test_evidence_serialises() -> None:
    parsed = cvparse.parse_text_with_evidence(RESUME)
    data = json.loads(json.dumps(parsed.to_dict(), ensure_ascii=False))
    assert data["profile"]["name"] == "李明"
    assert set(data["evidence"]["name"]) == {"start", "end", "text", "page", "bbox", "confidence"}
    assert data["evidence"]["name"]["page"] is None and data["evidence"]["name"]["bbox"] is None  # plain text
    assert isinstance(cvparse.Evidence, type) and cvparse.Parsed is Parsed


def test_an_invented_value_is_dropped(monkeypatch: pytest.MonkeyPatch) -> None:
    from cvparse.extract import personal, work

    real_work, real_personal = work.extract, personal.extract

    def invented_work(sections: Any) -> list[dict[str, object]]:
        items = real_work(sections)
        fake = {
            "company": "虚构咨询有限公司",
            "title": "顾问",
            "department": None,
            "start": "2010-01",
            "end": "2011-01",
            "internship": False,
            "description": None,
        }
        return [*items, fake]

    def invented_person(*args: Any, **kwargs: Any) -> Any:
        who = real_personal(*args, **kwargs)
        who.values["ethnicity"] = "苗族"  # not in the text
        who.values["birth_date"] = "1990-01"  # not in the text
        return who

    monkeypatch.setattr(work, "extract", invented_work)
    monkeypatch.setattr(personal, "extract", invented_person)
    parsed = cvparse.parse_text_with_evidence(RESUME)
    assert [w.company for w in parsed.profile.work] == ["示例智能科技有限公司"]
    assert parsed.profile.ethnicity is None and parsed.profile.birth_date is None
    assert cvparse.parse_text(RESUME) == parsed.profile
    assert_grounded(parsed)


def test_an_invented_field_of_a_real_entry_is_dropped(monkeypatch: pytest.MonkeyPatch) -> None:
    from cvparse.extract import education

    real = education.extract

    def invented(sections: Any) -> list[dict[str, object]]:
        items = real(sections)
        items[0]["gpa"] = "3.9/4.0"
        items[0]["major"] = "天体物理"
        return items

    monkeypatch.setattr(education, "extract", invented)
    edu = cvparse.parse_text_with_evidence(RESUME).profile.education[0]
    assert edu.school == "示例理工大学" and edu.gpa is None and edu.major is None


def test_grounding_without_evidence_keeps_and_drops_the_same_values(monkeypatch: pytest.MonkeyPatch) -> None:
    """``parse`` grounds with ``evidence=False``: no evidence made, the same profile data left."""
    from cvparse import pipeline
    from cvparse.evidence import Grounded
    from cvparse.evidence import ground as real_ground
    from cvparse.extract import personal, skills

    real_personal, real_skills = personal.extract, skills.extract

    def invented_person(*args: Any, **kwargs: Any) -> Any:
        who = real_personal(*args, **kwargs)
        who.values["ethnicity"] = "苗族"  # not in the text
        return who

    monkeypatch.setattr(personal, "extract", invented_person)
    monkeypatch.setattr(skills, "extract", lambda sections: [*real_skills(sections), "Haskell"])
    both: list[tuple[Grounded, Grounded]] = []

    def ground_both(doc: Any, sections: Any, data: dict[str, Any], *, evidence: bool = True) -> Any:
        full = real_ground(doc, sections, data)
        bare = real_ground(doc, sections, data, evidence=False)
        both.append((full, bare))
        return full if evidence else bare

    monkeypatch.setattr(pipeline, "ground", ground_both)
    profile = cvparse.parse_text(RESUME)
    assert "Kubernetes" in profile.skills and "Haskell" not in profile.skills and profile.ethnicity is None
    ((full, bare),) = both
    assert bare.data == full.data and bare.dropped == full.dropped and bare.text == full.text
    assert {"ethnicity", "skills/3"} <= set(full.dropped) and full.evidence and not bare.evidence


def test_years_are_read_as_the_pattern_reads_them() -> None:
    """The years-of-experience search tries its pattern only before 年/y: the same matches as
    trying it everywhere, on made-up strings of the characters that matter."""
    from cvparse.evidence import _NUM_YEARS, _num_years

    rng = random.Random(7)
    alphabet = "0123456789.一二两三四五六七八九十年yYearsEARSr+ \n\t\u3000x中"
    pieces = [
        "12.5",
        "3",
        "0.5",
        "2019",
        "十",
        "二十",
        "一二三",
        " ",
        "\n",
        "+",
        "年",
        "years",
        "Yrs",
        "y",
        ".",
    ]
    texts = [RESUME, "5年以上, 3 + years, 十年, 2.5yrs, 2019年9月 12 YEARS"]
    texts += ["".join(rng.choices(alphabet, k=rng.randint(0, 16))) for _ in range(10000)]
    texts += ["".join(rng.choices(pieces, k=rng.randint(0, 8))) for _ in range(10000)]
    for text in texts:
        assert [m.span() for m in _num_years(text)] == [m.span() for m in _NUM_YEARS.finditer(text)], text


def test_a_confident_value_is_labelled_and_in_its_section() -> None:
    parsed = cvparse.parse_text_with_evidence(RESUME)
    assert parsed.evidence["email"].confidence >= 0.9
    assert parsed.evidence["education/0/school"].confidence >= 0.9


def _pdf() -> bytes:
    from test_intake_pdf import Page, build_pdf

    page = Page().text(40, 50, "Ann Example", size=20, font="F2")
    page.text(40, 80, "Phone +1 415 555 0100 | ann@example.com")
    page.text(40, 110, "Experience", size=14, font="F2")
    page.text(40, 130, "Acme Analytics Ltd, Data Engineer  2021.03 - 2023.06", font="F2")
    page.text(40, 145, "Built the nightly ETL jobs")
    page.text(40, 175, "Education", size=14, font="F2")
    page.text(40, 195, "Example University, BSc Statistics  2017 - 2021", font="F2")
    page.text(40, 225, "Skills", size=14, font="F2")
    page.text(40, 245, "Python, SQL, Docker")
    return build_pdf([page])


def test_pdf_evidence_has_page_and_box() -> None:
    parsed = cvparse.parse_with_evidence(_pdf())
    assert_grounded(parsed)
    ev = parsed.evidence["email"]
    assert ev.page == 0 and ev.bbox is not None
    x0, top, x1, bottom = ev.bbox
    assert x0 < x1 and top < bottom
    assert cvparse.parse(_pdf()) == parsed.profile


def test_docx_evidence() -> None:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    for line in RESUME.strip().split("\n"):
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    parsed = cvparse.parse_with_evidence(out.getvalue())
    assert_grounded(parsed)
    assert parsed.profile.education[0].school == "示例理工大学"


# --- command line ------------------------------------------------------------------------------


def test_cli_evidence_single(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from cvparse.cli import main

    path = tmp_path / "a.txt"
    path.write_text(RESUME, encoding="utf-8")
    assert main(["parse", str(path), "--evidence"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["profile"]["name"] == "李明"
    assert out["evidence"]["education/0/start"]["text"] == "2019年9月"
    assert main(["parse", str(path)]) == 0
    assert "evidence" not in json.loads(capsys.readouterr().out)


def test_cli_evidence_batch(tmp_path: Path) -> None:
    from cvparse.cli import main

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(RESUME, encoding="utf-8")
    (folder / "b.txt").write_text("王五\n女 | 13700137000\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["parse", str(folder), "-o", str(out), "--evidence", "-j", "0", "-q"]) == 0
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 2
    assert all("evidence" in r and r["evidence"]["name"]["text"] == r["profile"]["name"] for r in records)


def test_cli_evidence_needs_json(tmp_path: Path) -> None:
    from cvparse.cli import main

    path = tmp_path / "a.txt"
    path.write_text(RESUME, encoding="utf-8")
    with pytest.raises(SystemExit):
        main(["parse", str(path), "--evidence", "--format", "csv"])


def test_parse_many_carries_evidence(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(RESUME, encoding="utf-8")
    (result,) = cvparse.parse_many([path], workers=0, evidence=True)
    assert result.evidence is not None and isinstance(result.evidence["name"], Evidence)
    (plain,) = cvparse.parse_many([path], workers=0)
    assert plain.evidence is None and plain.profile == result.profile


# --- the dev corpus: the acceptance criterion --------------------------------------------


def _dev() -> list[Path]:
    if not (DEV / "MANIFEST.tsv").is_file():
        return []
    return sorted(p for p in DEV.iterdir() if p.suffix in (".pdf", ".docx", ".txt", ".md"))


@pytest.mark.skipif(not _dev(), reason="../shared/corpus/dev is not present in this checkout")
@pytest.mark.parametrize("path", _dev(), ids=lambda p: p.name)
def test_dev_corpus_values_are_grounded(path: Path) -> None:
    parsed = cvparse.parse_with_evidence(path)
    assert_grounded(parsed)
    assert parsed.profile == cvparse.parse(path)
