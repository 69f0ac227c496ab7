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
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

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
    # A place token is the longest Chinese name written at a position (and its suffix), else a
    # Latin name standing as a word. One alternation of the thousand Chinese names cost ~6 µs a
    # try, at every position of a search; the longest name is one dict lookup per length instead.
    cn_lengths: dict[str, tuple[int, ...]]  # first character → the lengths of its names, longest first
    en_pattern: re.Pattern[str]  # one Latin name, case-insensitive, not inside a longer word
    en_starts: frozenset[str]  # what a Latin name can start with, case-insensitively
    starts: re.Pattern[str]  # one character either kind of name can start with


class _Token(NamedTuple):
    """A place name written at ``start``; ``end`` is past its suffix (市, 省, 自治区…) if any."""

    place: _Place
    start: int
    end: int


# What may follow a Chinese place name and still belong to it (the empty string too).
_SUFFIX = re.compile(
    r"(?:特别行政区|维吾尔自治区|壮族自治区|回族自治区|自治区|自治州|地区|新区|省|市|区|县|盟)?"
)
_CHAIN_SEP = re.compile(r"[\s\-–—·・]*")
_BLANKS_OR_DASHES = re.compile(r"[\s\-]+")


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
    en_alt = "|".join(re.escape(n).replace(r"\ ", r"[\s\-]*") for n in sorted(en, key=len, reverse=True))
    lengths: dict[str, set[int]] = {}
    for n in cn:
        lengths.setdefault(n[0], set()).add(len(n))
    # a Latin name (all begin with an ASCII letter) in either case, or a character that
    # case-insensitive matching takes for an ASCII letter
    en_starts = frozenset(c for n in en for c in (n[0].lower(), n[0].upper())) | frozenset(RE_FOLDS_TO_ASCII)
    return _Table(
        cn=cn,
        en=en,
        cn_lengths={c: tuple(sorted(sizes, reverse=True)) for c, sizes in lengths.items()},
        en_pattern=re.compile(rf"(?<![A-Za-z])(?i:{en_alt})(?![A-Za-z])"),
        en_starts=en_starts,
        starts=re.compile("[" + "".join(re.escape(c) for c in sorted(lengths.keys() | en_starts)) + "]"),
    )


def _token_at(text: str, pos: int) -> _Token | None:
    """The place token written at ``pos``, or ``None``.

    What one alternation of the Chinese names (longest first) with an optional suffix, or else
    of the Latin names as words, matches at ``pos``: a Chinese name there wins whatever
    follows it (the suffix may be empty), and of those the longest is the one tried first.
    """
    table = _table()
    first = text[pos : pos + 1]
    for size in table.cn_lengths.get(first, ()):
        if pos + size <= len(text):  # a slice cut short by the end is looked up at its own length
            place = table.cn.get(text[pos : pos + size])
            if place is not None:
                suffix = _SUFFIX.match(text, pos + size)
                return _Token(place, pos, suffix.end() if suffix else pos + size)
    if first in table.en_starts:
        m = table.en_pattern.match(text, pos)
        if m is not None:
            return _Token(table.en[_BLANKS_OR_DASHES.sub(" ", m.group()).casefold()], pos, m.end())
    return None


def _tokens(text: str) -> Iterator[_Token]:
    """The place tokens in ``text``, left to right, each looked for after the previous one (as
    ``finditer`` of that alternation finds them), and only where a name can start."""
    starts = _table().starts
    pos = 0
    while (found := starts.search(text, pos)) is not None:
        token = _token_at(text, found.start())
        if token is None:
            pos = found.start() + 1
        else:
            yield token
            pos = token.end


class _Chain(NamedTuple):
    """Place tokens that follow each other (``湖北武汉``, ``北京市 朝阳区``): one place expression."""

    value: str
    kind: str
    start: int
    end: int


def _chain_at(text: str, first: _Token) -> _Chain:
    """Read the place expression starting with token ``first``: a province followed by a city gives
    the city; a city followed by its district (or anything else) stays the city; a country is skipped."""
    end = first.end
    places = [first.place]
    for _ in range(2):
        gap = _CHAIN_SEP.match(text, end)
        nxt = _token_at(text, gap.end() if gap else end)
        if nxt is None:
            break
        places.append(nxt.place)
        end = nxt.end
    head = places[0]
    if head.kind == "country" and len(places) > 1:
        places = places[1:]
        head = places[0]
    if head.kind == "province" and len(places) > 1 and places[1].kind != "country":
        below = places[1]
        if below.kind != "province" and (below.province == head.value or below.kind != "district"):
            head = below
    if head.kind == "district":
        return _Chain(head.value, "city", first.start, end)
    return _Chain(head.value, head.kind, first.start, end)


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


_ENGLISH_LIST = re.compile(r"[A-Za-z .,'’\-/]+")
_ADMIN_SUFFIX = re.compile(r"(?:特别行政区|自治区|省|市)$")
_ENGLISH_SPLIT = re.compile(r"[,，/]")
_ENGLISH_SUFFIX = re.compile(r"\s+(?:city|shi|province|sheng)$", re.I)


def _strip_suffix(value: str) -> str:
    return _ADMIN_SUFFIX.sub("", value)


def _english(text: str) -> str | None:
    parts = [p.strip() for p in _ENGLISH_SPLIT.split(text) if p.strip()]
    table = _table()
    for part in parts:
        key = _ENGLISH_SUFFIX.sub("", _BLANKS_OR_DASHES.sub(" ", part))
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
    if _ENGLISH.match(text) or ("," in text and _ENGLISH_LIST.fullmatch(text)):
        return _english(text)
    token = _token_at(text, 0)
    if token is None:
        unknown = _UNKNOWN_CITY.match(text)
        return unknown.group(1) if unknown else None
    chain = _chain_at(text, token)
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
    labelled_at = [m.end() for m in _LABEL.finditer(text)]
    strong: tuple[str, int, int] | None = None
    weak: tuple[str, int, int] | None = None
    for token in _tokens(text):
        chain = _chain_at(text, token)
        value = _strip_suffix(chain.value)
        if chain.kind == "country" and value == "中国":
            continue
        found = (value, chain.start, chain.end)
        if any(0 <= chain.start - at <= _LABEL_REACH for at in labelled_at):
            return found
        if _NOT_PLACE_TAIL.match(text, chain.end) or _NOT_PLACE_TAIL.match(text, token.end):
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
