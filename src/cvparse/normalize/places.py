"""Places: a raw location string → the contract's city value (``北京市朝阳区`` → ``北京``).

Owns ``data/cities.tsv`` (provinces, prefecture-level cities, notable county-level cities, districts of
the large cities, English names, cities abroad). The contract keeps *the city only*: 市/省/自治区/特别
行政区 dropped, a district stands for its city, a province followed by a city gives the city, a bare
province stays (``河北``), English names stay English (``Hangzhou``).

* :func:`normalize_city` — one value (a ``现居地`` cell, an ``期望城市`` item) → city or ``None``.
* :func:`find_city` — the first place named in free text, with its span.
* :func:`split_cities` — a list of cities (``武汉、深圳``) → normalised, in order, deduplicated.

Everything is built on first use, never at import.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from cvparse import resources
from cvparse.normalize.text import RE_FOLDS_TO_ASCII

__all__ = ["find_city", "normalize_city", "split_cities"]

_FILE = "cities.tsv"


@dataclass(frozen=True, slots=True)
class _Place:
    value: str
    province: str
    kind: str  # province | city | county | district | abroad | country


@dataclass(frozen=True, slots=True)
class _Table:
    cn: dict[str, _Place]  # Chinese names as written
    en: dict[str, _Place]  # Latin names, case-folded
    pattern: re.Pattern[str]  # one place token (Chinese name + optional suffix, or a Latin name)
    # what a place token can start with: the pattern (a thousand alternatives, ~6 µs a try) is
    # tried only at such characters
    starts: frozenset[str]


# What may follow a Chinese place name and still belong to it.
_SUFFIX = r"(?:特别行政区|维吾尔自治区|壮族自治区|回族自治区|自治区|自治州|地区|新区|省|市|区|县|盟)?"
_CHAIN_SEP = re.compile(r"[\s\-–—·・]*")


@cache
def _table() -> _Table:
    cn: dict[str, _Place] = {}
    en: dict[str, _Place] = {}
    for name, value, province, kind in resources.rows(_FILE):
        place = _Place(value, province, kind)
        if re.match(r"[A-Za-z]", name):
            en.setdefault(name.casefold(), place)
        else:
            cn.setdefault(name, place)
    cn_alt = "|".join(re.escape(n) for n in sorted(cn, key=len, reverse=True))
    en_alt = "|".join(re.escape(n).replace(r"\ ", r"[\s\-]*") for n in sorted(en, key=len, reverse=True))
    pattern = re.compile(rf"(?P<cn>{cn_alt}){_SUFFIX}|(?<![A-Za-z])(?P<en>(?i:{en_alt}))(?![A-Za-z])")
    starts = {n[0] for n in cn} | {c for n in en for c in (n[0].lower(), n[0].upper())}
    return _Table(cn, en, pattern, frozenset(starts) | frozenset(RE_FOLDS_TO_ASCII))


def _place_of(m: re.Match[str]) -> _Place:
    table = _table()
    if m.group("cn") is not None:
        return table.cn[m.group("cn")]
    return table.en[re.sub(r"[\s\-]+", " ", m.group("en")).casefold()]


@dataclass(frozen=True, slots=True)
class _Chain:
    """Place tokens that follow each other (``湖北武汉``, ``北京市 朝阳区``): one place expression."""

    value: str
    kind: str
    start: int
    end: int


def _chain_at(text: str, m: re.Match[str]) -> _Chain:
    """Read the place expression starting with match ``m``: a province followed by a city gives the
    city; a city followed by its district (or anything else) stays the city; a country is skipped."""
    pattern = _table().pattern
    first = _place_of(m)
    end = m.end()
    places = [first]
    for _ in range(2):
        gap = _CHAIN_SEP.match(text, end)
        pos = gap.end() if gap else end
        nxt = pattern.match(text, pos)
        if nxt is None:
            break
        places.append(_place_of(nxt))
        end = nxt.end()
    head = places[0]
    if head.kind == "country" and len(places) > 1:
        places = places[1:]
        head = places[0]
    if head.kind == "province" and len(places) > 1 and places[1].kind != "country":
        below = places[1]
        if below.kind != "province" and (below.province == head.value or below.kind != "district"):
            head = below
    if head.kind == "district":
        return _Chain(head.value, "city", m.start(), end)
    return _Chain(head.value, head.kind, m.start(), end)


# --- normalize_city ------------------------------------------------------------------------------

_TRIM = " \t\r\n\"'“”‘’「」『』《》<>()（）[]【】,，.。;；:：、|｜/-–—·"
_ENGLISH = re.compile(r"^[A-Za-z][A-Za-z .'’\-]*$")
_UNKNOWN_CITY = re.compile(r"^([\u4e00-\u9fff]{2,4})市$")
_PROVINCE_REST = re.compile(r"^([\u4e00-\u9fff]{2,3}?)(市|县)?$")
# After a place, text that shows the string is an organisation or a title, not a location.
_NOT_PLACE_TAIL = re.compile(
    r"^(?:大学|学院|学校|职业|师范|理工|科技|交通|财经|医科|工业|农业|公司|集团|银行|医院|中学|小学|研究|"
    r"电视|日报|工程|经理|分公司|有限|股份|人民|市场|银保监|海关|税务|地铁|航空)"
)


def _strip_suffix(value: str) -> str:
    return re.sub(r"(?:特别行政区|自治区|省|市)$", "", value)


def _english(text: str) -> str | None:
    parts = [p.strip() for p in re.split(r"[,，/]", text) if p.strip()]
    table = _table()
    for part in parts:
        key = re.sub(r"\s+(?:city|shi|province|sheng)$", "", re.sub(r"[\s\-]+", " ", part), flags=re.I)
        place = table.en.get(key.casefold())
        if place is None:
            return None
        if place.kind == "country":
            if place.value == "中国":
                continue
            return part
        return place.value if key.casefold() == place.value.casefold() else _as_written(key)
    return None


def _as_written(name: str) -> str:
    return name.title() if name.islower() or name.isupper() else name


def normalize_city(raw: str) -> str | None:
    """The contract value for one location string, or ``None`` when it is not a place.

    >>> [normalize_city(s) for s in ("杭州市", "北京市朝阳区", "江西赣州", "河北", "Hangzhou, China")]
    ['杭州', '北京', '赣州', '河北', 'Hangzhou']
    """
    text = unicodedata.normalize("NFKC", raw).strip(_TRIM)
    if not text:
        return None
    if _ENGLISH.match(text) or (re.fullmatch(r"[A-Za-z .,'’\-/]+", text) and "," in text):
        return _english(text)
    table = _table()
    m = table.pattern.match(text) if text[0] in table.starts else None
    if m is None:
        unknown = _UNKNOWN_CITY.match(text)
        return unknown.group(1) if unknown else None
    chain = _chain_at(text, m)
    rest = text[chain.end :].strip(_TRIM)
    if rest and _NOT_PLACE_TAIL.match(rest):
        return None
    if chain.kind == "province" and rest:
        # 河南兰考 / 广东某某市: an unknown place below a province is the place, 市 dropped
        below = _PROVINCE_REST.match(rest)
        if below and not _NOT_PLACE_TAIL.match(rest):
            return below.group(1) + ("县" if below.group(2) == "县" else "")
    if chain.kind == "country":
        return None if chain.value == "中国" else chain.value
    return _strip_suffix(chain.value)


# --- find_city -----------------------------------------------------------------------------------

_LABEL = re.compile(
    r"""(?:现居(?:住)?(?:地|城市)?|现住(?:址)?|居住地|居住城市|所在地|所在城市|当前城市|目前城市|现所在地|常驻|
          工作地点|工作城市|期望城市|意向城市|求职城市|期望地点|籍贯|户籍|户口(?:所在地)?|生源地|出生地|
          location|based\s+in|base|city|hometown|address|地址|住址)\s*[:：]?\s*""",
    re.VERBOSE | re.IGNORECASE,
)
_LABEL_REACH = 3  # characters allowed between a label and its place (brackets, bullets)


def find_city(text: str) -> tuple[str, int, int] | None:
    """The first place named in ``text``: ``(value, start, end)`` with the raw span, or ``None``.

    Preference: a place right after a label (``现居：湖北武汉``, ``Base：广州``); then the first place
    that is not the start of an organisation's name; then — only when nothing better exists — a place
    inside a name (``吉林大学`` → 吉林). Callers should pass the location part of a line, not a whole
    education or work line.

    >>> find_city("目前在上海工作")
    ('上海', 3, 5)
    """
    if not text:
        return None
    table = _table()
    labelled_at = [m.end() for m in _LABEL.finditer(text)]
    strong: tuple[str, int, int] | None = None
    weak: tuple[str, int, int] | None = None
    for m in table.pattern.finditer(text):
        chain = _chain_at(text, m)
        value = _strip_suffix(chain.value)
        if chain.kind == "country" and value == "中国":
            continue
        found = (value, chain.start, chain.end)
        if any(0 <= chain.start - at <= _LABEL_REACH for at in labelled_at):
            return found
        if _NOT_PLACE_TAIL.match(text, chain.end) or _NOT_PLACE_TAIL.match(text, m.end()):
            weak = weak or found
        elif strong is None:
            strong = found
            if not labelled_at:
                break
    return strong or weak


# --- split_cities --------------------------------------------------------------------------------

_HAS_CJK = re.compile(r"[\u4e00-\u9fff]")
_LATIN_SPLIT = re.compile(r"[,，/／;；|｜、]+")
_SPLIT = re.compile(r"[、,，/／;；|｜\s]+|(?<=[\u4e00-\u9fff])(?:和|及|或)(?=[\u4e00-\u9fff])")


def split_cities(text: str) -> list[str]:
    """A list of cities → normalised values, in order, deduplicated (``北京/上海`` → ``['北京', '上海']``).

    Items that are not places (``不限``) are dropped, as is a country written after a city
    (``Hangzhou, China``). English names joined by spaces (``New York``) stay one item.
    """
    text = unicodedata.normalize("NFKC", text).strip()
    if not text:
        return []
    pieces: list[str]
    if not _HAS_CJK.search(text):
        pieces = [w for part in _LATIN_SPLIT.split(text) for w in _english_pieces(part)]
    else:
        pieces = [p for p in _SPLIT.split(text) if p]
    out: list[str] = []
    table = _table()
    for piece in pieces:
        value = normalize_city(piece)
        if value is None:
            continue
        place = table.cn.get(value) or table.en.get(value.casefold())
        if place is not None and place.kind == "country" and out:
            continue
        if value not in out:
            out.append(value)
    return out


def _english_pieces(text: str) -> list[str]:
    """Split ``Shenzhen Dongguan`` into names the table knows, keeping ``New York`` together."""
    words = text.split()
    table = _table()
    pieces: list[str] = []
    i = 0
    while i < len(words):
        for j in range(min(len(words), i + 4), i, -1):
            if " ".join(words[i:j]).casefold() in table.en:
                pieces.append(" ".join(words[i:j]))
                i = j
                break
        else:
            pieces.append(words[i])
            i += 1
    return pieces
