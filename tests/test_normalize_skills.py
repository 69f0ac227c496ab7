"""Skill vocabulary and matcher (cvparse.normalize.skills). All résumé text here is made up."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from cvparse import resources
from cvparse.normalize.skills import SkillHit, _skeleton, canonical_skill, find_skills

SHARED = Path(__file__).resolve().parents[1].parent / "shared"

# The share of gold skills of the dev corpus that canonical_skill knows. Measured at 1.00 (309/309) on
# the 41 dev résumés and 0.994 (350/352) on the external ones when the vocabulary was written; the
# floor leaves room for a new gold file, not for regressions.
GOLD_KNOWN_FLOOR = 0.95


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("pytorch", "PyTorch"),
        ("Pvtorch", "PyTorch"),
        ("PyTorch", "PyTorch"),
        ("tensorrt", "TensorRT"),
        ("k8s", "Kubernetes"),
        ("K8S", "Kubernetes"),
        ("mysql", "MySQL"),
        ("vue", "Vue.js"),
        ("vue3", "Vue.js"),
        ("Vue.js", "Vue.js"),
        ("vuejs", "Vue.js"),
        ("Vue 2", "Vue.js"),
        ("react", "React"),
        ("antd", "Ant Design"),
        ("node", "Node.js"),
        ("nodejs", "Node.js"),
        ("golang", "Go"),
        ("Go", "Go"),
        ("ts", "TypeScript"),
        ("c++", "C++"),
        ("C#", "C#"),
        ("springboot", "Spring Boot"),
        ("Spring-Boot", "Spring Boot"),
        ("mybatis", "MyBatis"),
        ("PS", "Photoshop"),
        ("AI", "Illustrator"),
        ("AE", "After Effects"),
        ("C4D", "Cinema 4D"),
        ("PPT", "PowerPoint"),
        ("Office", "Microsoft Office"),
        ("办公软件", "Microsoft Office"),
        ("MS Office", "Microsoft Office"),
        ("MS Project", "Microsoft Project"),
        ("mmdetection", "MMDetection"),
        ("sklearn", "scikit-learn"),
        ("ElementUI", "Element UI"),
        ("Mac OS X", "macOS"),
        ("JIRA", "Jira"),
        ("MatLab", "MATLAB"),
        ("Python 3.10", "Python"),
        ("python3", "Python"),
        ("ＭｙＳＱＬ", "MySQL"),
        ("  Redis  ", "Redis"),
        ("HTML5", "HTML5"),
        ("CSS3", "CSS3"),
        ("生意参谋", "生意参谋"),
        ("钉钉", "钉钉"),
        ("企业微信", "企业微信"),
        ("希沃白板", "希沃白板"),
        ("用友NC", "用友 NC"),
        ("金蝶K/3 Cloud", "金蝶 K/3 Cloud"),
        ("S/4HANA", "SAP S/4HANA"),
        ("Power BI", "Power BI"),
        ("PowerBI", "Power BI"),
        ("SolidWorks", "SolidWorks"),
        ("Altium Designer", "Altium Designer"),
        ("keil", "Keil"),
        ("Tcl/Tk", "Tcl/Tk"),
        ("PL/SQL", "PL/SQL"),
        ("多线程", None),
        ("微服务", None),
        ("TCP/IP", None),
        ("机器学习", None),
        ("Machine Learning", None),
        ("沟通能力", None),
        ("FMEA", None),
        ("PLC", None),
        ("", None),
        ("ES5", None),
    ],
)
def test_canonical_skill(raw: str, expected: str | None) -> None:
    assert canonical_skill(raw) == expected


def names(text: str, *, listed: bool = False) -> list[str]:
    return [h.name for h in find_skills(text, listed=listed)]


@pytest.mark.parametrize(
    ("text", "listed", "expected"),
    [
        ("技术栈：Go、gRPC、BoltDB", True, ["Go", "gRPC", "BoltDB"]),
        (
            "熟练使用 SolidWorks、AutoCAD 进行三维建模，了解 MATLAB",
            False,
            ["SolidWorks", "AutoCAD", "MATLAB"],
        ),
        ("· 编程：Python（熟练）、C++（熟悉）、Shell", True, ["Python", "C++", "Shell"]),
        (
            "使用技术: CUDA, Tensorrt, nvidia-docker, OpenCV, Pvtorch",
            True,
            ["CUDA", "TensorRT", "nvidia-docker", "OpenCV", "PyTorch"],
        ),
        ("HTML/CSS", False, ["HTML", "CSS"]),
        ("Spring/SpringBoot", False, ["Spring", "Spring Boot"]),
        ("Linux 内核调优", False, ["Linux"]),
        ("熟练使用 vue3 和 react，了解 Vue 响应式原理", False, ["Vue.js", "React"]),
        ("JavaScript、TypeScript", False, ["JavaScript", "TypeScript"]),
        ("精通 JavaScript", False, ["JavaScript"]),
        ("数据库：MySQL、Redis（熟练）、MongoDB - 了解", True, ["MySQL", "Redis", "MongoDB"]),
        ("Tools: Git, Docker, Jenkins", True, ["Git", "Docker", "Jenkins"]),
        ("编程语言：C / C++ / Python", True, ["C", "C++", "Python"]),
        ("熟悉 C/C++ 开发", False, ["C", "C++"]),
        ("熟悉 C 语言编程", False, ["C"]),
        ("会使用 R 语言做统计分析", False, ["R"]),
        ("SQL、R、Tableau", False, ["SQL", "R", "Tableau"]),
        ("Go、Rust", True, ["Go", "Rust"]),
        ("产品工具：Axure、墨刀 ｜ 设计剪辑：PS、剪映", False, ["Axure", "墨刀", "Photoshop", "剪映"]),
        ("设计工具：PS、AI、AE、PR", True, ["Photoshop", "Illustrator", "After Effects", "Premiere"]),
        ("熟练使用 Photoshop、AI 进行海报设计", False, ["Photoshop", "Illustrator"]),
        (
            "软件：Office（Excel、PPT熟练）、MS Project",
            True,
            ["Microsoft Office", "Excel", "PowerPoint", "Microsoft Project"],
        ),
        ("Office 办公软件熟练", False, ["Microsoft Office"]),
        ("办公软件：Word、Excel、PowerPoint", True, ["Word", "Excel", "PowerPoint"]),
        ("熟练使用 Wind、Choice、Excel（VBA）", False, ["Wind", "Choice", "Excel", "VBA"]),
        ("熟练使用 SAP FICO、用友 NC、金蝶 K/3 Cloud", False, ["SAP FICO", "用友 NC", "金蝶 K/3 Cloud"]),
        ("熟练使用生意参谋、千牛、巨量千川", False, ["生意参谋", "千牛", "巨量千川"]),
        (
            "熟练使用ＡｕｔｏＣＡＤ、Ｒｅｖｉｔ、Ｐｒｏｊｅｃｔ",
            False,
            ["AutoCAD", "Revit", "Microsoft Project"],
        ),
        ("熟练使用钉钉、飞书、企业微信办公", False, ["钉钉", "飞书", "企业微信"]),
        (
            "Python, LabVIEW, MATLAB, Altium Designer",
            True,
            ["Python", "LabVIEW", "MATLAB", "Altium Designer"],
        ),
        ("熟悉 Hadoop 生态：HDFS、Hive、Spark、Flink", False, ["Hadoop", "HDFS", "Hive", "Spark", "Flink"]),
        ("Unity（URP、Addressables 了解）、xLua", True, ["Unity", "URP", "Addressables", "xLua"]),
        ("k8s 集群运维，熟悉 Helm 与 Istio", False, ["Kubernetes", "Helm", "Istio"]),
        (
            "熟悉 Spring Boot、Spring Cloud Alibaba、MyBatis-Plus",
            False,
            ["Spring Boot", "Spring Cloud Alibaba", "MyBatis Plus"],
        ),
        ("Java、Java、java", False, ["Java"]),
        # not skills
        ("Protocols: UART, I2C, SPI, CAN", True, []),
        ("熟悉五大工具（APQP、PPAP、FMEA、MSA、SPC）及 8D 问题解决方法", False, []),
        ("熟悉多线程、微服务与高并发架构设计", False, []),
        ("良好的沟通能力与团队合作精神", False, []),
        ("Oscilloscope / spectrum analyzer / thermal chamber operation", True, []),
        ("负责 C 端用户增长", False, []),
        ("Led R&D of AI products", False, []),
        ("We excel at teamwork and go the extra mile", False, []),
        ("熟悉 JavaScript 而不是 Java 吗", False, ["JavaScript", "Java"]),
        ("负责 AI 算法落地", False, []),
        ("技术栈：Python、AI", True, ["Python"]),
        ("", False, []),
    ],
)
def test_find_skills(text: str, listed: bool, expected: list[str]) -> None:
    assert names(text, listed=listed) == expected


def test_javascript_is_not_java() -> None:
    assert names("熟悉 JavaScript") == ["JavaScript"]


def test_unknown_items_only_when_listed() -> None:
    assert names("技术栈：Spring Boot、FooMQ、BarDB", listed=True) == ["Spring Boot", "FooMQ", "BarDB"]
    assert names("技术栈：Spring Boot、FooMQ、BarDB") == ["Spring Boot"]
    # a plain word is kept only in a list that also names a known tool
    assert names("react、vue、zorblet", listed=True) == ["React", "Vue.js", "zorblet"]
    assert names("react、zorblet", listed=True) == ["React"]
    assert names("zorblet、quandle", listed=True) == []


def test_unknown_items_drop_stop_words_labels_and_chinese() -> None:
    assert names("框架：Spring、MVC、RESTful、SSM", listed=True) == ["Spring"]
    assert names("工具：Git、版本管理规范", listed=True) == ["Git"]
    assert names("Languages: Rust, Zig", listed=True) == ["Rust", "Zig"]


def test_spans_point_at_the_raw_text() -> None:
    text = "熟练使用 ＰＳ、剪映，了解 pytorch 和 k8s"
    hits = find_skills(text)
    assert hits == [
        SkillHit("Photoshop", 5, 7),
        SkillHit("剪映", 8, 10),
        SkillHit("PyTorch", 14, 21),
        SkillHit("Kubernetes", 24, 27),
    ]
    for hit in hits:
        assert text[hit.start : hit.end]


def test_version_is_part_of_the_span() -> None:
    [hit] = find_skills("Python 3.10")
    assert (hit.name, hit.start, hit.end) == ("Python", 0, 11)


def test_data_file_has_no_conflicting_aliases() -> None:
    """One key (case-folded, separators dropped) → one canonical, unless case tells them apart."""
    seen: dict[str, tuple[str, bool]] = {}
    conflicts = []
    for row in resources.rows("skills.tsv"):
        assert len(row) in (2, 3), row
        alias, canonical = row[0], row[1]
        cs = len(row) == 3 and "cs" in row[2].split(",")
        key = _skeleton(alias)
        other, other_cs = seen.setdefault(key, (canonical, cs))
        if other != canonical and not (cs or other_cs):
            conflicts.append((alias, other, canonical))
    assert conflicts == []
    assert canonical_skill("YARN") == "YARN"
    assert canonical_skill("Yarn") == "Yarn"


def test_every_canonical_maps_to_itself() -> None:
    rows = resources.rows("skills.tsv")
    aliases = {row[0] for row in rows}
    canonicals = {row[1] for row in rows}
    assert canonicals <= aliases
    assert all(canonical_skill(c) == c for c in canonicals)
    assert 600 <= len(canonicals) <= 1300


def test_stop_list_and_vocabulary_do_not_overlap() -> None:
    vocab = {_skeleton(row[0]) for row in resources.rows("skills.tsv")}
    # AI is an alias of Illustrator (design lists); on the stop list it only keeps the word out of
    # the unknown-item fallback.
    overlap = {t for t in resources.lines("not_skills.txt") if _skeleton(t) in vocab} - {"AI"}
    assert overlap == set()


def test_matcher_is_fast() -> None:
    line = (
        "熟练使用 Python、PyTorch、TensorRT 进行模型部署，熟悉 Docker、Kubernetes、MySQL、Redis，"
        "了解 Go、gRPC；熟练使用 Photoshop 进行设计，Office 办公软件熟练，熟悉 Linux 内核调优。"
    )
    find_skills(line)
    n = 500
    t0 = time.perf_counter()
    for _ in range(n):
        find_skills(line)
    per_call = (time.perf_counter() - t0) / n
    assert per_call < 0.001  # typically ~0.05 ms; generous for slow CI machines


def _gold_skills() -> list[str]:
    dev = SHARED / "corpus" / "dev"
    if not dev.is_dir():
        pytest.skip(f"shared dev corpus not found at {dev}")
    out: list[str] = []
    for path in sorted(dev.glob("*.json")):
        out.extend(json.loads(path.read_text(encoding="utf-8")).get("skills") or [])
    if not out:
        pytest.skip("no gold skills in the dev corpus")
    return out


def test_gold_skills_are_known() -> None:
    gold = _gold_skills()
    unknown = sorted({s for s in gold if canonical_skill(s) is None})
    print(f"gold skills unknown to canonical_skill ({len(unknown)}): {unknown}")
    known = sum(canonical_skill(s) is not None for s in gold) / len(gold)
    print(f"known share: {known:.3f} of {len(gold)}")
    assert known >= GOLD_KNOWN_FLOOR


def test_urls_in_a_list_are_not_items() -> None:
    assert names("GitHub：github.com/some-user、Git", listed=True) == ["GitHub", "Git"]
    assert names("博客 https://vue-tips.example.com/react") == []
