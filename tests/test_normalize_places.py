"""City normalisation (cvparse.normalize.places). All résumé text here is made up."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cvparse import resources
from cvparse.normalize.places import find_city, normalize_city, split_cities

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # the contract's examples
        ("杭州市", "杭州"),
        ("北京市朝阳区", "北京"),
        ("北京海淀", "北京"),
        ("江西赣州", "赣州"),
        ("湖北武汉", "武汉"),
        ("上海-闵行区", "上海"),
        ("上海浦东新区", "上海"),
        ("四川绵阳", "绵阳"),
        ("安徽六安", "六安"),
        ("河北", "河北"),
        ("广东省", "广东"),
        ("Hangzhou", "Hangzhou"),
        ("Hangzhou, China", "Hangzhou"),
        # provinces, regions and their full names
        ("江苏", "江苏"),
        ("广西壮族自治区", "广西"),
        ("内蒙古自治区", "内蒙古"),
        ("新疆维吾尔自治区乌鲁木齐市", "乌鲁木齐"),
        ("香港特别行政区", "香港"),
        ("澳门", "澳门"),
        ("台湾省", "台湾"),
        ("延边朝鲜族自治州", "延边"),
        ("恩施土家族苗族自治州", "恩施"),
        # districts stand for their city
        ("海淀区", "北京"),
        ("浦东", "上海"),
        ("深圳-福田区", "深圳"),
        ("苏州-吴中区", "苏州"),
        ("成都市武侯区", "成都"),
        ("上海静安", "上海"),
        ("江苏省苏州市工业园区", "苏州"),
        ("杭州市西湖区文三路", "杭州"),
        ("天津河北区", "天津"),
        # a name that is both a district and a city
        ("朝阳", "朝阳"),
        ("辽宁朝阳", "朝阳"),
        ("吉林", "吉林"),
        ("吉林长春", "长春"),
        # county-level cities
        ("昆山", "昆山"),
        ("浙江义乌", "义乌"),
        ("江苏苏州昆山", "苏州"),
        # native-place phrasing and separators
        ("广东湛江人", "湛江"),
        ("中国上海", "上海"),
        ("上海（可接受出差）", "上海"),
        ("北京 朝阳区", "北京"),
        ("ＳＨＥＮＺＨＥＮ", "Shenzhen"),
        # unknown but plausible
        ("某某市", "某某"),
        ("河南兰考县", "兰考"),
        # English
        ("hangzhou", "Hangzhou"),
        ("Hong Kong", "Hong Kong"),
        ("Shanghai, PRC", "Shanghai"),
        ("Beijing City", "Beijing"),
        ("Hunan", "Hunan"),
        ("Singapore", "Singapore"),
        ("London, UK", "London"),
        ("New York", "New York"),
        ("Xi'an", "Xi'an"),
        # not places
        ("北京大学", None),
        ("浙江大学", None),
        ("算法工程师", None),
        ("孙明远", None),
        ("本科", None),
        ("不限", None),
        ("全国", None),
        ("Software Engineer", None),
        ("China", None),
        ("", None),
    ],
)
def test_normalize_city(raw: str, expected: str | None) -> None:
    assert normalize_city(raw) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("现居：湖北武汉", ("武汉", 3, 7)),
        ("Base：广州", ("广州", 5, 7)),
        ("目前在上海工作", ("上海", 3, 5)),
        ("Location: 成都", ("成都", 10, 12)),
        ("■ 现居 Location：上海静安", ("上海", 14, 18)),
        ("男 | 34岁 | 现居住地：北京-朝阳区 | 户口：河北-石家庄", ("北京", 15, 21)),
        ("籍贯：江苏盐城", ("盐城", 3, 7)),
        ("🏠 现居广州 · 求职城市：广州 / 深圳", ("广州", 4, 6)),
        ("Based in Shanghai, working remotely", ("Shanghai", 9, 17)),
        # a labelled place beats an earlier one inside a name
        ("毕业于吉林大学，现居长春", ("长春", 10, 12)),
        # a place inside a name is returned only when nothing better exists
        ("毕业于吉林大学", ("吉林", 3, 5)),
        ("计算机科学与技术 本科", None),
        ("", None),
    ],
)
def test_find_city(text: str, expected: tuple[str, int, int] | None) -> None:
    assert find_city(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("武汉、深圳", ["武汉", "深圳"]),
        ("合肥、南京、苏州", ["合肥", "南京", "苏州"]),
        ("北京/上海", ["北京", "上海"]),
        ("杭州 上海", ["杭州", "上海"]),
        ("广州，佛山，深圳", ["广州", "佛山", "深圳"]),
        ("北京和上海", ["北京", "上海"]),
        ("上海市、苏州市、上海", ["上海", "苏州"]),
        ("成都 / 重庆（优先）", ["成都", "重庆"]),
        ("Shenzhen / Dongguan", ["Shenzhen", "Dongguan"]),
        ("Shenzhen, Dongguan", ["Shenzhen", "Dongguan"]),
        ("New York, London", ["New York", "London"]),
        ("Hangzhou, China", ["Hangzhou"]),
        ("不限", []),
        ("", []),
    ],
)
def test_split_cities(text: str, expected: list[str]) -> None:
    assert split_cities(text) == expected


def test_data_file_format_and_consistency() -> None:
    rows = resources.rows("cities.tsv")
    kinds = {"province", "city", "county", "district", "abroad", "country"}
    seen: dict[str, str] = {}
    conflicts = []
    for row in rows:
        assert len(row) == 4, row
        name, value, _province, kind = row
        assert kind in kinds, row
        key = name.casefold()
        if seen.setdefault(key, value) != value:
            conflicts.append((name, seen[key], value))
    assert conflicts == []
    provinces = {r[1] for r in rows if r[3] == "province"}
    # 34 provincial divisions; 北京 上海 天津 重庆 香港 澳门 are stored as cities
    assert len({p for p in provinces if not p.isascii()}) == 28
    cities = {r[1] for r in rows if r[3] == "city" and not r[1].isascii()}
    assert len(cities) >= 330


def test_every_chinese_value_normalises_to_itself() -> None:
    values = {r[1] for r in resources.rows("cities.tsv") if r[3] in ("province", "city", "county")}
    wrong = {v: normalize_city(v) for v in values if not v.isascii() and normalize_city(v) != v}
    assert wrong == {}


def _gold_places() -> list[str]:
    dev = SHARED / "corpus" / "dev"
    if not dev.is_dir():
        pytest.skip(f"shared dev corpus not found at {dev}")
    out: list[str] = []
    for path in sorted(dev.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        out.extend(v for v in (gold.get("location"), gold.get("hometown")) if v)
        out.extend((gold.get("intention") or {}).get("cities") or [])
    return out


def test_gold_city_values_are_fixed_points() -> None:
    """Every city value in the dev gold is something normalize_city keeps as it is."""
    values = _gold_places()
    wrong = sorted({v for v in values if normalize_city(v) != v})
    print(f"gold city values not kept as they are: {wrong}")
    assert wrong == []
