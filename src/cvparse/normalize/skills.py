"""Skill names: canonical spellings (``pytorch`` → ``PyTorch``) and finding skills in a line of text.

Owns ``data/skills.tsv`` (alias → canonical, with matching flags) and ``data/not_skills.txt`` (concepts
that look like technology names). Two public functions:

* :func:`canonical_skill` — one raw item → its canonical name, or ``None`` when unknown.
* :func:`find_skills` — every skill named in a skills-section line, a tech-stack line or a sentence.

How :func:`find_skills` reads a text:

1. The text is folded one character for one character (full-width → half-width, ASCII lower case), so
   spans found in the folded text are spans in the caller's text.
2. One regex built from the whole vocabulary as a character trie (so the longest alias wins) finds
   candidates. Latin aliases need word boundaries (``Java`` is not found in ``JavaScript``); a trailing
   version number is allowed (``vue3``, ``Python 3.10``).
3. Ambiguous aliases (``C``, ``R``, ``Go``, ``PS``, ``AI``, ``Excel`` …, flagged in the data file) are kept
   only when the text is an explicit list (``listed=True``) or they stand in a *chain* of skills
   separated by list punctuation (``PS、剪映``; ``C/C++``) — see the flag table in the data file.
4. With ``listed=True``, list items that match nothing but look like technology names (``BoltDB``,
   ``nnU-Net``) are returned as written, so new technologies are not lost.

The matcher is built on first use, never at import.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache

from cvparse import resources

__all__ = ["SkillHit", "canonical_skill", "find_skills"]

_SKILLS_FILE = "skills.tsv"
_STOP_FILE = "not_skills.txt"


@dataclass(frozen=True, slots=True)
class SkillHit:
    """A skill found in a text: canonical ``name`` and the ``[start, end)`` span of the raw text."""

    name: str
    start: int
    end: int


# --- folding -------------------------------------------------------------------------------------

# Folding keeps one character for one character, so spans found in the folded text are spans in
# the caller's text: full-width ASCII and odd spaces → ASCII, then lower case.
_HALF: dict[int, int] = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_HALF.update(dict.fromkeys((0x3000, 0x00A0, 0x2002, 0x2003, 0x2009, 0x200A, 0x202F, 0x205F), 0x20))
# Only the full-width forms that can be part of a name (letters, digits, + # . - / _) and odd spaces
# are folded; full-width punctuation (，：（）) stays as it is (the gap patterns accept both forms),
# so ordinary Chinese text skips the per-character translate, which is slow on CJK.
_WIDE = re.compile(
    "[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\uff03\uff0b\uff0d-\uff0f\uff3f"
    "\u3000\u00a0\u2002\u2003\u2009\u200a\u202f\u205f]"
)
_ASCII_LOWER = {cp: cp + 32 for cp in range(0x41, 0x5B)}


def _halfwidth(text: str) -> str:
    return text.translate(_HALF) if _WIDE.search(text) else text


def _fold(text: str) -> str:
    """Half-width and lower case, same length (``str.translate`` is slow on CJK, so only when needed)."""
    text = _halfwidth(text)
    low = text.lower()
    # a few non-ASCII letters change length in lower(); fall back to ASCII-only lowering then
    return low if len(low) == len(text) else text.translate(_ASCII_LOWER)


_SEPS = " ._-·"
_SKEL_DROP = re.compile(r"[\s._\-·]+")
_VERSION_TAIL = re.compile(r"(?<=[a-z])v?\d+(?:\d)*\+?$")
_CJK = "\u3400-\u9fff\uf900-\ufaff"
_IS_CJK = re.compile(f"[{_CJK}]")


def _skeleton(text: str) -> str:
    """Lookup key: folded, separators (space . - _ ·) dropped. ``Vue.js`` → ``vuejs``."""
    return _SKEL_DROP.sub("", _fold(text))


def _skeleton_cased(text: str) -> str:
    return _SKEL_DROP.sub("", _halfwidth(text))


# --- vocabulary ----------------------------------------------------------------------------------

_NEEDS = ("", "word", "strict", "design")


@dataclass(frozen=True, slots=True)
class _Alias:
    canonical: str
    cased: str | None  # the skeleton as written, when the alias is case-sensitive
    need: str  # one of _NEEDS: what a match needs to count in running text
    cat: bool  # a category name ("办公软件"): not a skill when it labels a list


@dataclass(frozen=True, slots=True)
class _Vocab:
    by_skeleton: dict[str, tuple[_Alias, ...]]
    design: frozenset[str]
    pattern: re.Pattern[str]
    stop: frozenset[str]


def _parse_flags(cell: str) -> tuple[bool, str, bool, bool]:
    """(case-sensitive, need, design group, category) from a flags cell."""
    flags = {f.strip() for f in cell.split(",") if f.strip()}
    need = ""
    if "word" in flags:
        need = "word"
    if "strict" in flags:
        need = "strict"
    if "ctx=design" in flags:
        need = "design"
    return "cs" in flags, need, "group=design" in flags, "cat" in flags


def _pattern_units(alias: str) -> list[str]:
    """The folded alias as trie units: characters, with ``\\x00`` for an optional separator."""
    folded = _fold(alias)
    units: list[str] = []
    prev = ""
    for ch in folded:
        if ch in _SEPS:
            if units and units[-1] != "\x00":
                units.append("\x00")
            continue
        if prev and units[-1] != "\x00" and bool(_IS_CJK.match(prev)) != bool(_IS_CJK.match(ch)):
            units.append("\x00")  # 广联达GTJ also matches 广联达 GTJ
        units.append(ch)
        prev = ch
    while units and units[-1] == "\x00":
        units.pop()
    return units


_Trie = dict[str, "_Trie"]
_END = "\x01"


# What may follow an alias (an alias must not run on into a word; a version may trail it), by the
# class of its last character: a Latin letter, an ASCII digit, anything else (CJK, "+", "#").
_AFTER_LETTER = r"(?:\ ?v?\d+(?:\.\d+)*\+?)?(?![a-z0-9+#])"  # "vue3", "Python 3.10"
_AFTER_DIGIT = r"(?:\.\d+)*(?![a-z0-9+#])"  # "Python 3" is an alias; "Python 3.10" is still one hit
_AFTER_ONE_LETTER = r"(?![a-z0-9+#])"  # no version after one-letter names (C, R)
_KIND_LOOKBEHIND = {"letter": "(?<=[a-z])", "digit": "(?<=[0-9])", "other": "(?<![a-z0-9])"}
_AFTER_KIND = {"letter": _AFTER_LETTER, "digit": _AFTER_DIGIT, "other": ""}


def _end_kind(unit: str) -> str:
    return "letter" if re.match(r"[a-z]", unit) else "digit" if re.match(r"[0-9]", unit) else "other"


def _trie_regex(trie: _Trie) -> str:
    """A regex for the character trie: at each node children first (greedy: longest alias wins),
    then the end of an alias.

    A Latin alias must not start inside a word; the check sits *after* the first character
    (``j(?<![a-z0-9].)ava``) so that every top-level branch starts with a literal and ``re`` can
    skip non-starting characters in C — that keeps a 200-character line well under 0.1 ms.

    What may follow an alias (:data:`_AFTER_LETTER` …) depends only on its last character, so it
    is written once per first character, after that character's whole subtree, choosing by a
    lookbehind on the last character, instead of at every one of ~1,800 alias ends: that is
    the same regex with the tail factored out ((a|b)t = at|bt, tried in the same order), and it
    compiles 4x faster (the inline form was 67 kB of pattern, 78 % of it that tail).
    """
    branches: list[str] = []
    for unit in sorted(trie):
        node = trie[unit]
        head = re.escape(unit)
        if re.match(r"[a-z0-9.]", unit):
            head += r"(?<![a-z0-9].)"
        kinds: set[str] = set()
        body = _subtree(node, kinds)
        alternatives: list[str] = []
        if body is not None:
            if len(kinds) == 1:
                tail = _AFTER_KIND[next(iter(kinds))]
            else:
                tail = "(?:" + "|".join(_KIND_LOOKBEHIND[k] + _AFTER_KIND[k] for k in sorted(kinds)) + ")"
            alternatives.append(body + tail)
        if _END in node:  # a one-character alias
            kind = _end_kind(unit)
            alternatives.append(_AFTER_ONE_LETTER if kind == "letter" else _AFTER_KIND[kind])
        branches.append(
            head + (alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")")
        )
    return "(?:" + "|".join(branches) + ")"


def _subtree(node: _Trie, kinds: set[str]) -> str | None:
    """The regex for a node's children (the end of an alias there: an empty last alternative),
    collecting the kinds of the alias ends below; ``None`` when the node has no children."""
    branches: list[str] = []
    for unit in sorted(node):
        if unit == _END:
            continue
        child = node[unit]
        head = r"[ ._\-]?" if unit == "\x00" else re.escape(unit)
        sub = _subtree(child, kinds)
        if _END in child:
            kinds.add(_end_kind(unit))
            sub = "" if sub is None else "(?:" + sub + "|)"
        branches.append(head + (sub or ""))
    if not branches:
        return None
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


@cache
def _vocab() -> _Vocab:
    by_skeleton: dict[str, list[_Alias]] = {}
    design: set[str] = set()
    trie: _Trie = {}
    for row in resources.rows(_SKILLS_FILE):
        alias, canonical = row[0], row[1]
        cs, need, is_design, cat = _parse_flags(row[2] if len(row) > 2 else "")
        if is_design:
            design.add(canonical)
        entry = _Alias(canonical, _skeleton_cased(alias) if cs else None, need, cat)
        by_skeleton.setdefault(_skeleton(alias), []).append(entry)
        units = _pattern_units(alias)
        if not units:
            continue
        node = trie
        for unit in units:
            node = node.setdefault(unit, {})
        node[_END] = {}
    pattern = re.compile(_trie_regex(trie))
    stop = frozenset(_skeleton(line) for line in resources.lines(_STOP_FILE))
    return _Vocab(
        {k: tuple(v) for k, v in by_skeleton.items()},
        frozenset(design),
        pattern,
        stop,
    )


# --- canonical_skill -----------------------------------------------------------------------------

_TRIM = " \t\r\n\"'`“”‘’()（）[]【】<>《》,，、;；:：。!！?？*•·-–—|/\\"


def _lookup(skel: str) -> tuple[_Alias, ...] | None:
    vocab = _vocab()
    found = vocab.by_skeleton.get(skel)
    if found is None and len(skel) > 2:
        bare = _VERSION_TAIL.sub("", skel)
        if len(bare) >= 3 and bare != skel:
            found = vocab.by_skeleton.get(bare)
    return found


def canonical_skill(raw: str) -> str | None:
    """The canonical spelling of one skill item, or ``None`` when it is not in the vocabulary.

    Case-insensitive, tolerant of spaces/dots/hyphens (``vuejs`` = ``Vue.js``), full-width forms and a
    trailing version (``vue3`` → ``Vue.js``, ``Python 3.10`` → ``Python``).

    >>> canonical_skill("pytorch"), canonical_skill("k8s"), canonical_skill("多线程")
    ('PyTorch', 'Kubernetes', None)
    """
    text = unicodedata.normalize("NFKC", raw).strip(_TRIM)
    if not text:
        return None
    found = _lookup(_skeleton(text))
    if not found:
        return None
    cased = _skeleton_cased(text)
    # YARN (Hadoop) and Yarn (npm) share a key: the case-sensitive spelling decides
    exact = [a for a in found if a.cased == cased]
    return (exact or list(found))[0].canonical


# --- find_skills ---------------------------------------------------------------------------------

_GAP_PUNCT = r"[\s、,，/;；|&+()（）\[\]【】<>《》\"“”'·•:：]"
_GAP_WORDS = "以及|和|及|与|或|等|熟练|熟悉|精通|掌握|了解|一般|良好|基础|入门|使用|and|or"
# What may stand between two skills of one chain: list punctuation and proficiency words.
_CHAIN_GAP = re.compile(rf"(?:{_GAP_PUNCT}|{_GAP_WORDS})*")
_MAX_GAP = 16
_COLON = re.compile(r"[:：]")
_SEGMENT_SPLIT = re.compile(r"[|｜\n]|\s{3,}|\t")
_ITEM_SPLIT = re.compile(
    r"[、,，/;；()（）\[\]【】<>《》]+|\s+(?:and|&|和|及|与)\s+|(?<=[A-Za-z0-9+#])\s*[和及与]\s*"
)
_PROFICIENCY = re.compile(
    r"""^(?:熟练使用|熟练掌握|熟练运用|熟练|熟悉|掌握|精通|了解|会使用|会用|能使用|能够使用|使用|
          proficient\s+(?:in|with)\s+|familiar\s+with\s+|experienced?\s+(?:in|with)\s+|knowledge\s+of\s+)\s*
       |\s*(?:等(?:工具|软件|技术|框架)?|etc\.?|\(?(?:熟练|熟悉|精通|掌握|了解|一般|良好|基础|入门|初级|中级|高级)\)?)$
       |\s*[-–—:：]\s*(?:熟练|熟悉|精通|掌握|了解|一般|良好|基础|入门|proficient|familiar|basic|fluent|expert)$""",
    re.VERBOSE | re.IGNORECASE,
)
# An unknown list item that may be a technology name: Latin letters, digits, + # . - and single spaces.
_TECH_SHAPE = re.compile(
    r"^[A-Za-z](?:[A-Za-z0-9+#.\-_]*[A-Za-z0-9+#])?(?: [A-Za-z0-9](?:[A-Za-z0-9+#.\-_]*[A-Za-z0-9+#])?){0,2}$"
)
_URL = re.compile(r"(?:https?://|www\.)\S+|[\w.\-]+\.(?:com|cn|io|org|net|dev|me)(?:/[\w./\-]*)?", re.I)
_STRONG_SHAPE = re.compile(r"\d|[+#.]|[a-z][A-Z]|^[A-Z]{2,}|[A-Za-z]-[A-Za-z]")
_MAX_ITEM = 30
_LATIN = re.compile(r"[A-Za-zＡ-Ｚａ-ｚ]")


@dataclass(slots=True)
class _Candidate:
    start: int
    end: int
    alias: _Alias
    accepted: bool = False


@lru_cache(maxsize=4096)
def _alias_for(raw: str) -> _Alias | None:
    """The vocabulary entry a matched piece of text stands for (``None`` when its case is wrong)."""
    found = _lookup(_skeleton(raw))
    if not found:
        return None
    cased = _skeleton_cased(raw)
    bare_cased = _VERSION_TAIL.sub("", cased) if cased[-1:].isdigit() else cased
    for alias in found:
        if alias.cased is None or alias.cased in (cased, bare_cased):
            return alias
    return None


def _candidates(text: str, folded: str) -> list[_Candidate]:
    out: list[_Candidate] = []
    for m in _vocab().pattern.finditer(folded):
        start, end = m.span()
        alias = _alias_for(text[start:end])
        if alias is not None:
            out.append(_Candidate(start, end, alias, alias.need == ""))
    return out


def _chains(text: str, cands: list[_Candidate]) -> list[list[_Candidate]]:
    """Group candidates that follow each other with only list punctuation between them."""
    chains: list[list[_Candidate]] = []
    for cand in cands:
        if chains:
            prev = chains[-1][-1]
            gap = text[prev.end : cand.start]
            if len(gap) <= _MAX_GAP and _CHAIN_GAP.fullmatch(gap):
                chains[-1].append(cand)
                continue
        chains.append([cand])
    return chains


def _cjk_around(text: str, cand: _Candidate) -> bool:
    before = text[: cand.start].rstrip()
    after = text[cand.end :].lstrip()
    return bool((before and _IS_CJK.match(before[-1])) or (after and _IS_CJK.match(after[0])))


def _resolve(text: str, cands: list[_Candidate], listed: bool) -> None:
    """Decide which ambiguous candidates count (see the flags in data/skills.tsv)."""
    if all(c.accepted for c in cands) and not any(c.alias.cat for c in cands):
        return
    design = _vocab().design
    for chain in _chains(text, cands):
        non_design = any(c.alias.need == "" and c.alias.canonical not in design for c in chain)
        for c in chain:
            need = c.alias.need
            c.accepted = (
                need == ""
                or (need in ("word", "strict") and listed)
                or (need == "word" and _cjk_around(text, c))
                or (need == "design" and listed and not non_design)
            )
        if any(c.accepted for c in chain):
            design_near = any(c.accepted and c.alias.canonical in design for c in chain)
            for c in chain:
                if c.alias.need in ("word", "strict") or (c.alias.need == "design" and design_near):
                    c.accepted = True
    for c in cands:
        if c.accepted and c.alias.cat and _COLON.match(text[c.end :].lstrip()):
            c.accepted = False  # "办公软件：Word、Excel" — a label, not a skill


def _label_end(segment: str) -> int:
    """Offset just after a leading label such as ``数据库：`` / ``Tools:`` (0 when there is none)."""
    m = _COLON.search(segment)
    if m is None or m.start() > 20:
        return 0
    head = segment[: m.start()]
    if "//" in segment[m.start() : m.start() + 3]:  # a URL's scheme, not a label
        return 0
    if head.strip() and not _PROFICIENCY.fullmatch(segment[m.end() :].strip() or "x"):
        return m.end()
    return 0


def _spans(regex: re.Pattern[str], text: str, start: int, end: int) -> Iterable[tuple[int, int]]:
    """Pieces of ``text[start:end]`` between matches of ``regex``, as absolute spans."""
    pos = start
    for m in regex.finditer(text, start, end):
        yield pos, m.start()
        pos = m.end()
    yield pos, end


def _unknown_items(text: str, taken: list[tuple[int, int]]) -> list[SkillHit]:
    """Items of an explicit list that match no vocabulary entry but look like technology names."""
    stop = _vocab().stop
    # Known skills are masked with a list separator, so what is left splits into the unknown items.
    if "." in text:  # github.com/a-b is a link, not list items
        text = _URL.sub(lambda m: " " * len(m.group()), text)
    pieces: list[str] = []
    pos = 0
    for s, e in taken:
        pieces.append(text[pos:s])
        pieces.append("、" * (e - s))
        pos = e
    pieces.append(text[pos:])
    masked = "".join(pieces)
    out: list[SkillHit] = []
    for seg_start, seg_end in _spans(_SEGMENT_SPLIT, masked, 0, len(masked)):
        if not _LATIN.search(masked, seg_start, seg_end):
            continue
        body_start = seg_start + _label_end(masked[seg_start:seg_end])
        known_here = sum(seg_start <= s < seg_end for s, _ in taken)
        plain: list[SkillHit] = []
        for a, b in _spans(_ITEM_SPLIT, masked, body_start, seg_end):
            item = masked[a:b]
            if not _LATIN.search(item):
                continue
            # peel proficiency words off both ends, keeping track of the span
            while True:
                m = _PROFICIENCY.search(item)
                if m is None or not m.group(0):
                    break
                if m.start() == 0:
                    a += m.end()
                    item = item[m.end() :]
                else:
                    b -= len(item) - m.start()
                    item = item[: m.start()]
            stripped = item.strip()
            if not stripped:
                continue
            a += len(item) - len(item.lstrip())
            b = a + len(stripped)
            half = _halfwidth(stripped)
            if len(half) > _MAX_ITEM or not _TECH_SHAPE.match(half) or _skeleton(half) in stop:
                continue
            words = half.split(" ")
            if len(words) > 1 and not all(w[0].isupper() or w[0].isdigit() for w in words):
                continue  # an English phrase ("thermal chamber operation"), not a product name
            if _STRONG_SHAPE.search(half):
                out.append(SkillHit(half, a, b))
            else:
                plain.append(SkillHit(half, a, b))
        # A plain word ("zustand", "parser") counts only in a list made mostly of known tools.
        if plain and known_here >= 2 * len(plain):
            out.extend(plain)
    return out


def find_skills(text: str, *, listed: bool = False) -> list[SkillHit]:
    """Skills named in ``text``, in order of first appearance, one hit per canonical name.

    ``listed=True`` says the text is an explicit list of technologies (a ``技术栈：`` line, a skills-list
    item): ambiguous aliases count without a neighbouring skill, and unknown items that look like
    technology names are returned as written (trimmed). A label before a colon and proficiency words
    are never skills.

    >>> [h.name for h in find_skills("熟练使用 SolidWorks、AutoCAD 进行三维建模，了解 MATLAB")]
    ['SolidWorks', 'AutoCAD', 'MATLAB']
    """
    if not text:
        return []
    folded = _fold(text)
    cands = _candidates(text, folded)
    if "." in text and cands:
        links = [m.span() for m in _URL.finditer(text)]
        cands = [c for c in cands if not any(s <= c.start and c.end <= e for s, e in links)]
    _resolve(text, cands, listed)
    hits = [SkillHit(c.alias.canonical, c.start, c.end) for c in cands if c.accepted]
    if listed:
        taken = [(c.start, c.end) for c in cands]  # sorted, non-overlapping (finditer order)
        hits.extend(_unknown_items(text, taken))
        hits.sort(key=lambda h: h.start)
    seen: set[str] = set()
    out: list[SkillHit] = []
    for hit in hits:
        key = hit.name.casefold()
        if key not in seen:
            seen.add(key)
            out.append(hit)
    return out
