"""Entry splitting: a section's lines → entries of header lines and body lines.

Education, work and project sections share one shape whatever the template: an entry opens
with one to three header lines (organisation, role, dates — dates leading or trailing, on
the first line or the next) followed by body lines (bullets, labelled paragraphs). A line
opens a new entry when it carries a date range, an organisation name or a title bracket
and reads like a header (short, no sentence punctuation, no bullet, no ``描述：`` label).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

import regex

from ..memo import per_document
from ..normalize.dates import DateRange, find_ranges
from ..normalize.patterns import rx
from ..normalize.text import REGEX_FOLDS_TO_ASCII, clean_value, fold_cjk, strip_bullet
from ..segment import SLine


class Vocabulary:
    """Words a label is matched against whole, as ``^(?:word|…)$`` matches it, looked up in a set.

    Most labels the entry extractors read are compared with several such vocabularies; a set
    lookup costs a fraction of a pattern match. The pattern's answer is kept where a lookup
    would differ: ``$`` also matches before a final newline (dropped before the lookup), and
    ignoring case the regex module takes İ, ſ and the Kelvin sign for ASCII letters, the only
    characters that lower (or fold) to one (a label holding one is matched by the pattern). The
    words are lower case ASCII or caseless (Chinese), so lowering the label compares the rest as
    ignoring case does.
    """

    __slots__ = ("_ignore_case", "_pattern", "_words")

    def __init__(self, words: str, *, ignore_case: bool = False) -> None:
        """``words``: the words, separated by ``|`` as the pattern's alternation was."""
        listed = words.split("|")
        self._words = frozenset(listed)
        self._ignore_case = ignore_case
        alternation = "|".join(regex.escape(w) for w in listed)
        self._pattern = regex.compile(rf"^(?:{alternation})$", regex.I if ignore_case else 0)

    def __contains__(self, label: str) -> bool:
        # the lookup drops one final newline; the pattern is asked about the label as given
        # (after dropping one, another could be taken for the final newline "$" allows)
        key = label[:-1] if label.endswith("\n") else label
        if not self._ignore_case:
            return key in self._words
        if key.lower() in self._words:
            return True
        return any(c in label for c in REGEX_FOLDS_TO_ASCII) and self._pattern.match(label) is not None


BULLET = regex.compile(
    r"^\s*(?:[-–—•·●○◦◆◇■□▪▫►▶▷➢➤✓✔√★☆◎※*+>]\s*|\d{1,2}\s*[.、)）](?!\d)\s*|[(（]\d{1,2}[)）]\s*)"
)
LABEL = regex.compile(r"^\s*(?P<label>[\p{Han}A-Za-z][\p{Han}A-Za-z /&]{0,11}?)\s*[:：]\s*(?P<rest>.*)$")
SENTENCE = regex.compile(
    r"[。；;！!？?]|，.*，|,.*,.*,|(?<!\b(?:Ltd|Inc|Co|Pte|Corp|Mr|Ms|Dr|St|Jr|No|vs|[A-Z]))\.\s+[A-Z]"
)
_GPA_CLAUSE = regex.compile(r"[;；,，]?\s*(?:GPA|绩点)\s*[:：]?\s*[\d.]+\s*(?:/\s*[\d.]+)?", regex.I)
# Labels that belong to the entry header (their value is a header fact, not body text).
HEADER_LABELS = Vocabulary(
    "部门|所在部门|职位|职务|岗位|担任职位|担任角色|角色|项目角色|本人角色|公司|公司名称|单位|学校|院校|专业|学历|学位|"
    "时间|起止时间|在校时间|工作时间|在职时间|任职时间|就读时间|时间段|项目时间|项目周期|项目名称|项目|名称|担任职务|项目职务|"
    "部门/职位|职位/部门|职位名称|任职部门|学校名称|毕业院校|所学专业|"
    "担任岗位|工作单位|所在单位|title|role|position|department|company|school|major|degree|"
    "duration|date|dates|period",
    ignore_case=True,
)
HEAVY_MARK = regex.compile(r"^\s*[■□◆◇▶►★☆➤❖◼◾]\s*")
_HEAVY_MARKS = frozenset("■□◆◇▶►★☆➤❖◼◾")


def _lead(text: str) -> str:
    """The first character of ``text`` after its blanks ("" for none).

    The patterns that open with ``^\\s*`` and then want a mark or a bullet can only match a
    line whose lead is one: ``str.isspace`` holds every blank of the regex module's ``\\s``
    (and U+001C–U+001F besides, which the pattern then rejects), and no mark is a blank. Most
    lines open with a letter or a Chinese character, and are told apart by this one look.
    """
    return text.lstrip()[:1]


def _heavy_mark(text: str) -> regex.Match[str] | None:
    """The ■ / ◆ mark (and its blanks) opening ``text``, if it has one."""
    return HEAVY_MARK.match(text) if _lead(text) in _HEAVY_MARKS else None


# Labels that open an entry in form layouts ("项目名称：…" first, then 项目时间 / 项目职务).
OPENING_LABELS = Vocabulary(
    "项目名称|公司名称|公司|工作单位|单位|学校|学校名称|院校|毕业院校|company|project|school",
    ignore_case=True,
)


def _opening_line(text: str) -> bool:
    lab = label_of(text)
    return lab is not None and lab[0] in OPENING_LABELS


TITLE_BRACKET = regex.compile(r"^\s*[【\[]([^】\]]{2,60})[】\]]")
MAX_HEADER_CHARS = 80
MAX_LATIN_HEADER_CHARS = 110  # English names run longer ("Deloitte Touche Tohmatsu … LLP (Shanghai) — Audit Senior")  # header lines in the corpus are ≤ 60 characters once dates are removed


@dataclass(slots=True)
class Entry:
    header: list[SLine] = field(default_factory=list)
    body: list[SLine] = field(default_factory=list)
    dates: DateRange | None = None
    date_line: int | None = None  # index into header of the line holding the dates

    @property
    def header_texts(self) -> list[str]:
        """Header lines without the ■ / ◆ marks some templates open entries with."""
        return [_without_heavy_mark(ln.text) for ln in self.header]


def _without_heavy_mark(text: str) -> str:
    """``text`` less its opening mark: ``HEAVY_MARK.sub("", text, count=1)``, whose only match
    can be at the start (``^``)."""
    mark = _heavy_mark(text)
    return text[mark.end() :] if mark else text


@per_document  # the entry splitter asks about a line, then about it again as the next one
def date_range_of(text: str) -> DateRange | None:
    found = find_ranges(text)
    for r in found:
        if r.is_range:
            return r
    return found[0] if found else None


@per_document
def without_dates(text: str) -> str:
    """``text`` with its date ranges and duration notes removed."""
    out = text
    for r in reversed(find_ranges(text)):
        out = out[: r.begin] + " " + out[r.stop :]
    if "[" in out:
        out = _DURATION_BRACKETS.sub(" ", out)
    if "(" in out or "（" in out:  # the other two patterns need an opening parenthesis
        if "http" in out or "www." in out:  # (and a link target one of these)
            out = LINK_PARENS.sub(
                " ", out
            )  # "阿里巴巴 (https://www.alibabagroup.com)": a Markdown link target
        out = _DURATION_PARENS.sub(" ", out)
    return out


LINK_PARENS = regex.compile(r"\s*[(（]\s*(?:https?://|www\.)[^)）\s]*\s*[)）]")
_DURATION_BRACKETS = regex.compile(r"\[\s*(?:\d+\s*年)?\s*(?:\d+\s*个?月)?\s*\]")
_DURATION_PARENS = regex.compile(
    r"[(（]\s*(?:\d+\s*年)?\s*(?:\d+\s*个?月)?\s*[)）]|[(（]\s*\d+(?:\.\d+)?\s*(?:年|years?|months?)\s*[)）]"
)
_DATE_LINE_PUNCT = regex.compile(r"[\s|｜/·•,，()（）]+")


def is_date_only(text: str) -> bool:
    return date_range_of(text) is not None and _nothing_but_dates(without_dates(text))


def _nothing_but_dates(undated: str) -> bool:
    """Whether a line with its dates removed (:func:`without_dates`) has only punctuation left."""
    if _KEPT_CHAR.search(undated):
        return False
    return not clean_value(_DATE_LINE_PUNCT.sub(" ", undated)).strip()


# A character neither _DATE_LINE_PUNCT replaces nor clean_value and strip() take off the ends
# (re's \s is str.isspace, which holds the regex module's \s): it is left over, so the line is
# more than dates. Most lines hold one, found by one character-class scan instead of the
# substitution and two strips.
_KEPT_CHAR = re.compile(r"[^\s|｜/·•,，()（）;；:：\\\-–—~_]")


def is_bullet(text: str) -> bool:
    return _may_open_bullet(_lead(text)) and BULLET.match(text) is not None


# What a bullet can open with (see :func:`_lead`): a glyph, a bracket or a digit (\d, which in
# the regex module is any script's decimal digit). No ASCII character but these and no CJK
# ideograph is one, so a line opening with a letter or a Chinese character is not a bullet.
_BULLET_OPENERS = frozenset("-–—•·●○◦◆◇■□▪▫►▶▷➢➤✓✔√★☆◎※*+>(（0123456789")


def _may_open_bullet(lead: str) -> bool:
    if lead in _BULLET_OPENERS:
        return True
    return bool(lead) and not lead.isascii() and not "\u3400" <= lead <= "\u9fff"


_CELL_LABEL = regex.compile(r"^\s*(?P<label>[\p{Han}A-Za-z/]{2,8})\s*[|｜]\s*(?P<rest>.*)$")


@per_document
def label_of(text: str) -> tuple[str, str] | None:
    """``项目描述：…`` → (``项目描述``, ``…``); a form cell ``时间 | 2019.05 - 至今`` counts when
    the label is one entries use; a label alone on its line (``工作内容``) gives an empty rest."""
    # (each pattern needs its colon or bar: most lines have neither)
    m = LABEL.match(text) if ":" in text or "：" in text else None
    if m:
        return fold_cjk(m.group("label").strip()), m.group("rest").strip()
    m = _CELL_LABEL.match(text) if "|" in text or "｜" in text else None
    if m and _known_label(fold_cjk(m.group("label"))):
        return fold_cjk(m.group("label").strip()), m.group("rest").strip()
    core = text.strip()
    if len(core) <= 8 and _known_label(fold_cjk(core)):
        return fold_cjk(core), ""
    return None


def header_label(text: str) -> tuple[str, str] | None:
    """:func:`label_of` for entry headers: a Latin word before a colon is a name with a
    subtitle ("MiniKV：基于 Raft 的分布式存储"), not a label, unless it is a known label."""
    lab = label_of(text)
    if lab is not None and _ASCII_LETTER.search(lab[0]) and not _known_label(lab[0]):
        return None
    return lab


_ASCII_LETTER = re.compile(r"[A-Za-z]")  # (no flag: ASCII letters only, in re as in regex)


_SLASH_SPLIT = regex.compile(r"\s*/\s*")


def _known_label(label: str) -> bool:
    label = label.strip()
    parts = _SLASH_SPLIT.split(label) if "/" in label else [label]  # (the split needs a slash)
    return all(p in HEADER_LABELS or p in META_LABELS or p in INTRO_LABELS or p in BODY_LABELS for p in parts)


def split_entries(lines: list[SLine], is_org: Callable[[str], bool]) -> list[Entry]:
    """Group ``lines`` into entries; ``is_org`` says whether a text names this section's organisation."""
    entries: list[Entry] = []
    cur: Entry | None = None
    for i, ln in enumerate(lines):
        text = ln.text.strip()
        if not text:
            continue
        nxt = lines[i + 1].text.strip() if i + 1 < len(lines) else ""
        kind = _classify(text, nxt, is_org)
        if kind == "header-label":
            lab = label_of(text)
            opening = lab is not None and lab[0] in OPENING_LABELS
            if (
                lab is not None
                and (cur is None or cur.body)
                and (opening or date_range_of(lab[1]) is not None)
            ):
                cur = _new(entries, ln)  # "项目名称：…" or "时间 | 2019.05 - 至今" opens an entry
                continue
            if opening and cur is not None and any(_opening_line(h.text) for h in cur.header):
                cur = _new(entries, ln)  # a second "学校：…" line is the next entry, not more header
                continue
        if (
            kind == "cont"
            and cur is not None
            and cur.dates is not None
            and cur.dates.is_range
            and len(text) > 20
            and rx(r"\p{Han}.*[,，、]").search(text)
        ):
            kind = "body"  # the entry is dated already: a long clause under it is its body
        if cur is not None and not cur.body and kind in ("date", "cont", "header-label"):
            if kind == "date" and cur.dates is not None and cur.dates.is_range:
                cur = _new(entries, ln)
                continue
            cur.header.append(ln)
            _note_dates(cur, len(cur.header) - 1)
            continue
        if kind == "header" and cur is not None and not cur.body and _continues_header(cur, text, is_org):
            cur.header.append(ln)
            _note_dates(cur, len(cur.header) - 1)
            continue
        if kind in ("header", "date"):
            cur = _new(entries, ln)
            continue
        if cur is None:
            cur = Entry()
            entries.append(cur)
        cur.body.append(ln)
    return [e for e in entries if e.header or e.body]


def _continues_header(cur: Entry, text: str, is_org: Callable[[str], bool]) -> bool:
    """Whether a header-looking line completes the open entry's header instead of opening the
    next entry. Templates split one entry's header over lines in four ways:

    - the entry is dated and the line is not: its role or team ("质量经理（质量部）" under
      "2018/03 — 至今  苏州…有限公司"), unless it names a second employer;
    - the entry is dated and the line holds one date: a note ("预计 2016 年 3 月毕业");
    - the entry has no dates yet and the line brings them with the role ("TikTok Pte. Ltd.  Singapore"
      then "Machine Learning Engineer  Feb 2024 – Present");
    - neither has dates: organisation then role, before the dates ("公司\n职位\n2020-2022").
    """
    dates = date_range_of(text)
    if cur.dates is not None and cur.dates.is_range:
        if dates is None:
            return not (_opens_with_org(text, is_org) and any(is_org(h.text) for h in cur.header))
        return not dates.is_range and not _opens_with_org(text, is_org)
    if cur.dates is None:
        if dates is not None:
            return not is_org(without_dates(text)) or bool(_ROLE_FIRST.match(text))
        return len(cur.header) < 2 and not is_org(text)
    return False


def _new(entries: list[Entry], ln: SLine) -> Entry:
    entry = Entry(header=[ln])
    _note_dates(entry, 0)
    entries.append(entry)
    return entry


def _note_dates(entry: Entry, idx: int) -> None:
    if entry.dates is None or not entry.dates.is_range:
        dr = date_range_of(entry.header[idx].text)
        if dr is not None and (entry.dates is None or dr.is_range):
            entry.dates = dr
            entry.date_line = idx


def _no_dates(text: str) -> bool:
    return date_range_of(text) is None


# An English header line ends with its place after a wide gap: "  Seattle, WA", "  Beijing, China".
_EN_PLACE_TAIL = regex.compile(r"\S\s{2,}[A-Z][A-Za-z .]+,\s*(?:[A-Z]{2}|[A-Z][a-z]+(?: [A-Z][a-z]+)?)$")


# A dated line that opens with a role ("Research Intern, Systems Research Group  Jul 2021 – …")
# belongs to the employer line above it even when its team name looks like an organisation.
_ROLE_FIRST = regex.compile(
    r"^\s*(?:senior |junior |lead |principal |staff )?[A-Za-z &/]{0,30}?\b(?:intern|engineer|manager|analyst|developer|scientist|"
    r"designer|consultant|researcher|associate|director|specialist|officer|assistant|lead)\b",
    regex.I,
)


_WEAK_ORG_TAIL = regex.compile(r"(?:中心|部|组|处|科|室|团队|事业群|Group|Team|Division|Department)$")


def _opens_with_org(text: str, is_org: Callable[[str], bool]) -> bool:
    """The line's first field names an organisation (a new employer), not a team or department."""
    first = rx(r"\s{2,}|\s*[|｜·]\s*").split(text.strip())[0]
    return is_org(first) and not _WEAK_ORG_TAIL.search(first)


def _org_field(core: str, is_org: Callable[[str], bool]) -> bool:
    """A comma-separated field of ``core`` is an organisation on its own."""
    fields = [f.strip() for f in rx(r"[,，|｜]").split(core)]
    return len(fields) >= 3 and any(f and len(f) <= 30 and is_org(f) for f in fields[:3])


def _may_state_gpa(text: str) -> bool:
    """Whether ``text`` holds the word :data:`_GPA_CLAUSE` needs: 绩点, or "GPA" in any case (only
    the ASCII letters fold to g, p and a when case is ignored, so the lowered text shows it)."""
    return "绩点" in text or "gpa" in text.lower()


_YEAR = regex.compile(r"(?:19|20)\d{2}")


def _holds_year(text: str) -> bool:
    """:data:`_YEAR` in ``text``, looked for only where "19" or "20" is (a year begins with one)."""
    return ("19" in text or "20" in text) and _YEAR.search(text) is not None


# A character every alternative of SENTENCE needs (。；;！!？?, a comma of either width, or a
# full stop): a short header line usually holds none, and is no sentence at once.
_SENTENCE_MARK = re.compile(r"[。；;！!？?，,.]")


def _sentence(text: str) -> bool:
    return _SENTENCE_MARK.search(text) is not None and SENTENCE.search(text) is not None


def _classify(text: str, nxt: str, is_org: Callable[[str], bool]) -> str:
    """``header`` (opens an entry), ``date`` (a date-only line), ``cont`` (may continue a
    header), ``header-label`` (部门：…), or ``body``."""
    lead = _lead(text)
    mark = HEAVY_MARK.match(text) if lead in _HEAVY_MARKS else None
    if mark:
        # ■ / ◆ / ▶ open entries in many templates: judge the text behind the mark
        text = text[mark.end() :]
    elif _may_open_bullet(lead) and BULLET.match(text):
        return "body"
    lab = header_label(text)
    if lab is not None:
        header = lab[0] in HEADER_LABELS
        if header and len(lab[1]) > 25 and rx(r"[。；;，,]").search(lab[1]):
            return "body"  # "角色：视觉负责人。以…为核心重构…": a paragraph that opens with a label
        if header or lab[0] in META_LABELS:
            return "header-label"
        if not _holds_year(lab[0]):
            return "body"
    dr = date_range_of(text)
    undated = without_dates(text)
    if dr is not None and _nothing_but_dates(undated):
        return "date"
    core = undated.strip()
    han = not core.isascii() and rx(r"\p{Han}").search(core) is not None  # (Han is not ASCII)
    limit = MAX_HEADER_CHARS if han else MAX_LATIN_HEADER_CHARS
    plain = _GPA_CLAUSE.sub("", core) if _may_state_gpa(core) else core
    # two commas make a Chinese sentence (halfwidth text: "，" is ","); English names may hold one or two
    short = len(core) <= limit and not _sentence(plain) and not (han and plain.count(",") >= 2)
    if dr is not None and dr.is_range and short:
        return "header"
    if dr is not None and dr.is_range and len(core) <= limit and _org_field(core, is_org):
        return "header"  # "学士,武汉大学,电子信息学院,电子信息工程专业,2012.9~2016.7": fields split by commas
    if dr is not None and short and (dr.begin <= 2 or dr.stop >= len(text) - 2) and len(core) <= 50:
        return "header"
    if short and TITLE_BRACKET.match(text):
        return "header"
    if short and is_org(core) and len(core) <= 60 and (len(core) <= 40 or dr is not None or not han):
        return "header"
    if short and not han and dr is None and _EN_PLACE_TAIL.search(core):
        return "header"  # "Amazon Web Services  Seattle, WA": an employer with its location
    if short and nxt and is_date_only(nxt) and len(core) <= 60:
        return "header"
    if short and len(core) <= (40 if han else 70):
        return "cont"
    return "body"


# --- description ------------------------------------------------------------------------

INTRO_LABELS = Vocabulary(
    "内容|工作描述|工作内容|工作职责|主要职责|岗位职责|职责描述|职责|主要工作|具体工作|工作概述|主要内容|"
    "responsibilities|description|duties|key responsibilities",
    ignore_case=True,
)
BODY_LABELS = Vocabulary(
    "项目描述|项目简介|项目介绍|项目背景|责任描述|项目职责|项目业绩|项目成果|工作业绩|主要业绩"
)
META_LABELS = Vocabulary(
    "公司性质|公司规模|所属行业|公司行业|企业性质|企业规模|公司简介|公司介绍|公司描述|行业|薪资|薪酬|月薪|年薪|税前月薪|"
    "离职时薪资|汇报薪资|工作地点|subordinates_none"
)


def description(lines: list[SLine]) -> str | None:
    """Body lines → the contract's description: bullets, introducer labels and employer
    metadata dropped, other labels (项目描述：, 责任描述：) kept."""
    out: list[str] = []
    for ln in lines:
        text = ln.text.strip()
        if not text:
            continue
        lab = label_of(text)
        raw = ln.raw.strip()
        if lab is not None:
            name, rest = lab
            rest = raw[len(raw) - len(rest) :] if rest else rest  # the same span, as written
            if name in META_LABELS or text.startswith(_EMPLOYER_META_LEADS):
                continue
            if name in INTRO_LABELS or (not rest and name in BODY_LABELS):
                if rest:
                    out.append(strip_bullet(rest))
                continue
        if _employer_meta(text):
            continue
        out.append(strip_bullet(raw))
    text = "\n".join(t for t in out if t)
    return text or None


_EMPLOYER_META_LEADS = ("公司性质", "公司规模", "所属行业")
_EMPLOYER_META = regex.compile(r"公司性质[:：]|公司规模[:：]|所属行业[:：]")


def _employer_meta(text: str) -> bool:
    """``…公司性质：民营…`` anywhere in the line (the pattern is run only on a line holding one
    of its words: most lines hold none)."""
    return any(word in text for word in _EMPLOYER_META_LEADS) and _EMPLOYER_META.search(text) is not None
