"""Who the candidate is: name, gender, birth date, age, contact details, places, status.

Three layouts carry these facts and all three are read: labelled pairs (``姓名：张三``),
inline header lines of unlabelled pieces (``男 | 年龄: 21岁 | 📞 153… | 💌 …``, recognised by
their shape), and narrative bios (``王建华，男，1968年出生，中国国籍``). Labelled values win
over guessed ones; the first value found wins within a kind.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cache

import regex

from .. import resources
from ..normalize.dates import parse_date
from ..normalize.patterns import rx
from ..normalize.phones import find_phones, normalize_phone
from ..normalize.places import find_city, normalize_city
from ..normalize.text import REGEX_FOLDS_TO_ASCII, clean_value, squash_cjk_spaces
from ..normalize.urls import find_emails, find_urls_in_lines, normalize_url
from ..segment import Section, heading_key
from .kv import chunks, field_of_label, pairs
from .numbers import years_of_experience

_GENDER = {"男": "male", "女": "female", "male": "male", "female": "female", "m": "male", "f": "female"}
_ETHNIC = regex.compile(r"(?<![\p{Han}])(汉族|[\p{Han}]{1,4}族)(?![\p{Han}])")
_POLITICAL_STATUSES = (
    "中共党员",
    "中共预备党员",
    "预备党员",
    "共青团员",
    "团员",
    "群众",
    "民主党派",
    "无党派人士",
    "党员",
)
_POLITICAL = regex.compile("|".join(_POLITICAL_STATUSES))
_AGE = regex.compile(r"(?<!\d)(\d{2})\s*(?:岁|周岁|years old)")
_BIRTH = regex.compile(
    r"((?:19|20)\d{2}(?:\s*[年./\-]\s*\d{1,2}(?:\s*[月./\-]\s*\d{1,2}\s*日?|\s*月)?)?)\s*(?:年)?\s*(?:出生|生人|生)(?!产|活|物)"
)
# A date written alone in a header is a birth date only if the person would be of working age.
_LATEST_BIRTH_YEAR = date.today().year - 14
_INTENTION_FIELDS = {"positions", "cities", "salary", "job_type", "availability"}
_QUALIFIED_ROLE = regex.compile(r"^\s*[^\d@:：|]{2,24}[（(](?:校招|社招|应届|应届生|实习|全职|兼职)[）)]\s*$")
_TITLE_WORDS = regex.compile(
    r"^(?:个人简历|简历|求职简历|履历|resume|curriculum vitae|cv|個人簡歷|簡歷)$", regex.I
)


@dataclass(slots=True)
class Personal:
    values: dict[str, object] = field(default_factory=dict)
    links: list[str] = field(default_factory=list)
    headline: str | None = None  # the role written beside or under the name, if any

    def put(self, key: str, value: object) -> None:
        if value not in (None, "", []) and key not in self.values:
            self.values[key] = value


@cache
def _surnames() -> tuple[frozenset[str], frozenset[str]]:
    singles: set[str] = set()
    doubles: set[str] = set()
    for line in resources.lines("surnames.txt"):
        for s in line.split():
            (doubles if len(s) == 2 else singles).add(s)
    return frozenset(singles), frozenset(doubles)


def looks_like_chinese_name(text: str) -> bool:
    t = squash_cjk_spaces(text.strip())
    if not rx(r"\p{Han}{2,4}|\p{Han}{1,4}·\p{Han}{1,6}").fullmatch(t):
        return False
    if heading_key(t) or _TITLE_WORDS.match(t) or normalize_city(t) == t:
        return False
    singles, doubles = _surnames()
    return t[0] in singles or t[:2] in doubles or "·" in t


def looks_like_latin_name(text: str) -> bool:
    t = text.strip()
    if not rx(r"[A-Z][A-Za-z'\-]+(?: [A-Z][A-Za-z'\-.]+){1,3}").fullmatch(t):
        return False
    return heading_key(t) is None and not _TITLE_WORDS.match(t)


def _name_from_line(line: str) -> str | None:
    spaced = line.strip()
    if rx(r"\p{Han}(?:[ \t\u3000]+\p{Han}){1,3}").fullmatch(spaced):
        # "王  芳": a letter-spaced name alone on its line
        squashed = rx(r"\s+").sub("", spaced)
        return squashed if looks_like_chinese_name(squashed) else None
    titled = rx(r"^(\p{Han}{2,4})的(?:个人|求职)?(?:简历|履历)").match(spaced)
    if titled and looks_like_chinese_name(titled.group(1)):
        return titled.group(1)  # "张三的个人简历"
    first = chunks(line)
    if not first:
        return None
    candidate = first[0][0]
    candidate = rx(r"^(?:姓\s*名|name)\s*[:：]?\s*", regex.I).sub("", candidate).strip()
    # "苏晨曦 / Chenxi Su", "张三 Zhang San": the first-written form
    m = rx(r"^(\p{Han}(?:[ \t]?\p{Han}){1,3})(?:\s+[A-Za-z].*)?$").match(candidate)
    if m and looks_like_chinese_name(m.group(1)):
        return squash_cjk_spaces(m.group(1))
    if looks_like_chinese_name(candidate):
        return squash_cjk_spaces(candidate)
    # "吴楠 在职-考虑机会", "梁子豪 · Unity 开发": a name followed by a status or headline
    first_word = rx(r"^(\p{Han}{2,4})\s+\S").match(candidate)
    if first_word and looks_like_chinese_name(first_word.group(1)):
        return first_word.group(1)
    if looks_like_latin_name(candidate):
        return candidate
    return None


def extract(
    sections: list[Section], *, meta_links: list[str], bio_facts: list[str] | None = None
) -> Personal:
    out = Personal()
    personal_keys = {"header", "basic", "other"}
    all_text = [ln.text for s in sections for ln in s.lines]
    head_lines = [ln.text for s in sections if s.key in personal_keys for ln in s.lines]
    # pieces of an intention line (求职：仓库主管，哈尔滨) are wishes, not facts about the person
    fact_lines = [t for t in head_lines if not any(kv.field in _INTENTION_FIELDS for kv in pairs(t))]

    for fact in bio_facts or []:
        _take_piece(out, fact)
        home = rx(r"(\p{Han}{2,8})人").fullmatch(fact)
        if home:
            out.put("hometown", normalize_city(home.group(1)))

    # 1. labelled pairs anywhere (sidebars put them under any heading)
    for text in all_text:
        colon = pairs(text)
        for kv in colon or pairs(text, bare=True):
            if not colon and kv.field == "name" and not _name_from_line(kv.value):
                continue  # a bare form cell must hold a name-like value ("姓名 | 职务 | 性别" is a header row)
            _take_labelled(out, kv.field, kv.value)

    # 2. unlabelled pieces of header lines
    for text in fact_lines[:40]:
        for piece, _ in chunks(text):
            # (most pieces hold no comma, and the split would leave them whole)
            has_comma = "，" in piece or "," in piece
            for part in _COMMA_SPLIT.split(piece) if has_comma and len(piece) <= 40 else [piece]:
                _take_piece(out, part)

    # 3. contact details found anywhere
    _contacts(out, head_lines + all_text)
    if "wechat" not in out.values:
        _bare_wechat(out, head_lines[:15])

    # 4. name: labelled, else the first name-like line near the top
    if "name" not in out.values:
        for idx, text in enumerate(head_lines[:12] + all_text[:3]):
            name = _name_from_line(text)
            if name:
                out.put("name", name)
                pieces = chunks(text)
                if (
                    len(pieces) == 2
                    and len(pieces[1][0]) <= 30
                    and not rx(r"\d|@|[:：]").search(pieces[1][0])
                ):
                    out.headline = pieces[1][0]
                elif idx + 1 < len(head_lines) and _QUALIFIED_ROLE.search(head_lines[idx + 1]):
                    out.headline = head_lines[idx + 1].strip()  # "嵌入式软件工程师（校招）" under the name
                break
    if "name" not in out.values:
        for text in all_text[:5]:
            m = rx(r"^(\p{Han}{2,4})[，,]\s*(?:男|女)").match(text.strip())
            if m:
                out.put("name", m.group(1))
                break

    # 5. narrative bio facts (王建华，男，1968年出生)
    for text in all_text[:10]:
        g = _GENDER_IN_BIO.search(text) if "男" in text or "女" in text else None
        if g:
            out.put("gender", _GENDER[g.group(1)])
            b = _BIRTH.search(text)
            if b:
                out.put("birth_date", parse_date(b.group(1)))

    links = [h.value for h in find_urls_in_lines(all_text)]
    links.extend(meta_links)
    seen: dict[str, None] = {}
    for link in links:
        if link.lower().startswith("mailto:") or link.startswith("#"):
            continue
        seen.setdefault(normalize_url(link), None)
    out.links = list(seen)
    return out


def _take_labelled(out: Personal, field_name: str, value: str) -> None:
    value = clean_value(value)
    if not value:
        return
    if field_name == "name":
        if field_of_label(value.split("|")[0].strip()):
            return  # a table's header row: "姓名 | 职务 | 性别"
        name = _name_from_line(value) or (squash_cjk_spaces(value) if len(value) <= 20 else None)
        out.put("name", name)
    elif field_name == "gender":
        g = rx(r"\s*(男|女|male|female)", regex.I).match(value)
        if g:
            out.put("gender", _GENDER[g.group(1).lower()])
    elif field_name == "birth_date":
        out.put("birth_date", parse_date(value))
        age = _AGE.search(value)
        if age:
            out.put("age", int(age.group(1)))
    elif field_name == "age":
        m = rx(r"\s*(\d{1,2})(?!\d)").match(value)
        if m:
            out.put("age", int(m.group(1)))
        b = rx(r"(?:19|20)\d{2}\s*[年./\-]\s*\d{1,2}").search(value)
        if b:
            out.put("birth_date", parse_date(b.group()))
    elif field_name == "phone":
        hits = find_phones(value)
        if hits:
            out.put("phone", hits[0].value)
    elif field_name == "email":
        emails = find_emails(value)
        if emails:
            out.put("email", emails[0].value)
    elif field_name == "wechat":
        m = rx(r"[A-Za-z0-9_\-+@.]{5,40}").match(value)
        if m:
            w = m.group()
            out.put("wechat", normalize_phone(w) if rx(r"\+?[\d\-]{11,16}").fullmatch(w) else w)
        elif rx(r"同号|同手机").search(value):
            out.values.setdefault("_wechat_is_phone", True)
    elif field_name in ("location", "hometown"):
        city = normalize_city(value)
        if city is None:
            found = find_city(value)
            city = found[0] if found else None
        out.put(field_name, city)
    elif field_name == "ethnicity":
        m = _ETHNIC.search(value)
        if m:
            out.put("ethnicity", m.group(1))
    elif field_name == "political_status":
        m = _POLITICAL.search(value)
        out.put("political_status", m.group() if m else (value if len(value) <= 8 else None))
    elif field_name == "years_of_experience":
        out.put("years_of_experience", years_of_experience(value, labelled=True))


_COMMA_SPLIT = regex.compile(r"\s*[，,]\s*")
_ICON_LEAD = regex.compile(r"^[\p{So}\p{Co}\s]+")
_YEAR_MONTH = regex.compile(r"(?:19|20)\d{2}\s*[年./\-]\s*\d{1,2}(?:\s*[月./\-]\s*\d{1,2}(?!\d))?")
_BIRTH_PIECE = regex.compile(
    r"(?:19|20)\d{2}\s*[年./\-]\s*\d{1,2}(?:\s*[月./\-]\s*\d{1,2}\s*日?|\s*月)?\s*(?:出生|生)?|(?:19|20)\d{2}\s*年\s*(?:出生|生)"
)
_YEARS_PIECE = regex.compile(r"\d{1,2}\s*年")
_NON_DIGITS = regex.compile(r"\D")
_LIVES_IN = regex.compile(r"^(?:现居|现居住|现住|居住|常驻|base|based in)\s*[:：]?\s*(.+)$", regex.I)
# what _LIVES_IN can start with (with what case-insensitive matching takes for an ASCII letter)
_LIVES_IN_FIRST = frozenset("现居常bB" + REGEX_FOLDS_TO_ASCII)
_DIGIT = regex.compile(r"\d")
_CITY_SUFFIX = regex.compile(r"(市|省)$")
_GENDER_IN_BIO = regex.compile(r"[，,](男|女)[，,]")
_WECHAT_IS_PHONE = regex.compile(
    r"微信同号|同微信|手机及微信|手机/微信|电话/微信|手机（微信同号）|微信：同手机"
)
_WECHAT_ID = regex.compile(
    r"(?:微信|wechat|WeChat|vx|VX)\s*(?:号|ID|id)?\s*[:：]?\s*([A-Za-z][A-Za-z0-9_\-]{4,30}|1[3-9]\d{9})"
)


def _without_icons(piece: str) -> str:
    """``piece`` without the icons and blanks it starts with (``📞 153…``)."""
    first = piece[:1]
    # An ASCII letter or digit, or a CJK ideograph, is no symbol, private-use character or blank
    # in any Unicode version: most pieces start so and need no pattern.
    if (first.isascii() and first.isalnum()) or "\u4e00" <= first <= "\u9fff":
        return piece
    return _ICON_LEAD.sub("", piece)


def _take_piece(out: Personal, piece: str) -> None:
    # A piece is tried against one shape after the other; a pattern that needs a literal the
    # piece lacks (岁, a leading year, a final 年 or 族) is not tried.
    p = _without_icons(piece).strip()
    if not p:
        return
    if p in ("男", "女", "男性", "女性"):
        out.put("gender", _GENDER[p[0]])
        return
    age = _AGE.search(p) if "岁" in p or "years old" in p else None
    if age and len(p) <= 20:
        out.put("age", int(age.group(1)))
        b = _YEAR_MONTH.search(p)
        if b:
            out.put("birth_date", parse_date(b.group()))
        return
    if p.startswith(("19", "20")) and _BIRTH_PIECE.fullmatch(p):
        birth = parse_date(p)
        if birth and int(birth[:4]) <= _LATEST_BIRTH_YEAR:
            out.put("birth_date", birth)
        return
    yoe = years_of_experience(p, labelled=False) if len(p) <= 16 else None
    if yoe is not None:
        out.put("years_of_experience", yoe)
        return
    if p.endswith("年") and _YEARS_PIECE.fullmatch(p):
        out.put("years_of_experience", int(_NON_DIGITS.sub("", p)))
        return
    m = _LIVES_IN.match(p) if p[0] in _LIVES_IN_FIRST else None
    if m:
        out.put("location", normalize_city(m.group(1)) or (find_city(m.group(1)) or (None,))[0])
        return
    if p in _POLITICAL_STATUSES:
        out.put("political_status", p)
        return
    if p.endswith("族") and len(p) <= 5 and _ETHNIC.fullmatch(p) and p != "民族":
        out.put("ethnicity", p)
        return
    if len(p) <= 12 and not _DIGIT.search(p):
        city = normalize_city(p)
        if city and city == _CITY_SUFFIX.sub("", p.split(",")[0].strip()):
            out.values.setdefault("_bare_city", city)


# A WeChat id shown after an icon, with no label: letters first, 6–20 characters, and an
# underscore, which names, skills and words do not have ("yinuo_pm", "mu_qing_ui").
_BARE_WECHAT = regex.compile(r"[A-Za-z][A-Za-z0-9-]*_[A-Za-z0-9_-]*")


def _bare_wechat(out: Personal, lines: list[str]) -> None:
    """The contact block's unlabelled id token; only near the phone or e-mail it sits with."""
    if "phone" not in out.values and "email" not in out.values:
        return
    for text in lines:
        if ":" in text or "：" in text:
            continue  # a labelled line says what its value is
        for piece, _ in chunks(text):
            token = _without_icons(piece)
            if (
                6 <= len(token) <= 20
                and _BARE_WECHAT.fullmatch(token)
                and "@" not in text[: text.find(token)][-1:]
            ):
                out.put("wechat", token)
                return


def _has_wechat_word(text: str) -> bool:
    """Whether ``text`` holds a word both WeChat patterns need (the alternation of these
    literals was a regex search; substring tests find the same, cheaper)."""
    return "微信" in text or "wechat" in text or "WeChat" in text or "vx" in text or "VX" in text


def _contacts(out: Personal, texts: list[str]) -> None:
    if "phone" not in out.values:
        mobiles: list[str] = []
        others: list[str] = []
        for text in texts:
            for hit in find_phones(text):
                (mobiles if hit.mobile else others).append(hit.value)
            if mobiles:  # the first mobile wins over any number after it
                break
        if mobiles or others:
            out.put("phone", (mobiles or others)[0])
    if "email" not in out.values:
        for text in texts:
            emails = find_emails(text)
            if emails:
                out.put("email", emails[0].value)
                break
    # both patterns need one of these words: most résumés have none, found in one scan
    if "wechat" not in out.values and _has_wechat_word("\n".join(texts)):
        for text in texts:
            if not _has_wechat_word(text):
                continue
            if _WECHAT_IS_PHONE.search(text):
                if "phone" in out.values:
                    out.put("wechat", out.values["phone"])
                break
            m = _WECHAT_ID.search(text)
            if m:
                out.put("wechat", m.group(1))
                break
    if out.values.pop("_wechat_is_phone", None) and "phone" in out.values:
        out.put("wechat", out.values["phone"])
    bare = out.values.pop("_bare_city", None)
    if bare is not None:
        out.put("location", bare)
