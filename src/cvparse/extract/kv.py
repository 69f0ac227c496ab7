"""Key-value reading: ``姓名：张三  性别：男`` and ``男 | 34岁 | 本科 | 现居：北京`` lines.

Labels come from ``data/labels.tsv``. A label counts only at the start of a line or after a
separator, so ``联系电话：`` is one label and not ``电话`` inside it; CJK labels may be
letter-spaced (``姓    名：``) as Word forms and job-board exports write them. The value runs
to the next label on the same line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import NamedTuple

import regex

from .. import resources
from ..memo import per_document
from ..normalize.patterns import rx
from ..normalize.text import REGEX_FOLDS_TO_ASCII, WHITE_SPACE, fold_cjk, traditional_forms

_SEP_CHARS = "|｜│/／·•、,，;；\t"
_VALUE_EDGE = _SEP_CHARS + " "  # what is trimmed off both ends of a value


class KV(NamedTuple):
    """One labelled value (a tuple: built for every label of every line, cheaply)."""

    field: str
    label: str
    value: str
    start: int  # span of the value in the line
    end: int
    label_start: int = -1  # where the label itself starts in the line


_GAP = r"[ \t]*"  # blanks a letter-spaced CJK label may hold between its characters


def _letter_spaced(label: str) -> bool:
    """Whether a label key may be written with blanks between its characters: a CJK one."""
    return bool(rx(r"\p{Han}").search(label)) and "（" not in label and "(" not in label and "/" not in label


def _label_tokens(label: str) -> list[str]:
    """A label key as a pattern, one piece per character, with :data:`_GAP` between the
    characters of a CJK label (``姓    名``). Keys hold no blanks (see :func:`_key`)."""
    if _letter_spaced(label):
        return [p for c in label for p in (_GAP, regex.escape(c))][1:]
    return [regex.escape(c) for c in label]


_END = ""  # a trie node's entry for "a label ends here"
_Trie = dict[str, "_Trie"]


def _trie_pattern(labels: list[list[str]], backwards: bool) -> str:
    """One alternation of ``labels`` (patterns as token lists), written as a trie of their
    tokens from the end where they are matched: their last token for a pattern run backwards
    (``(?r)``), their first otherwise. Labels sharing that end share its test, so a place no
    label fits is ruled out by a few character tests instead of one try per label.

    For labels of one length only: two of them that match at the same place match the same
    characters (as many key characters each, and blanks only where one allows them, so none
    where the other one matches too), so which of them a node tries first does not matter."""
    trie: _Trie = {}
    for tokens in labels:
        node = trie
        for token in reversed(tokens) if backwards else tokens:
            node = node.setdefault(token, {})
        node[_END] = {}

    def alternation(node: _Trie) -> str:
        branches = [
            alternation(child) + token if backwards else token + alternation(child)
            for token, child in node.items()
            if token != _END
        ]
        if _END in node:
            branches.append("")
        return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"

    return alternation(trie)


def _labels_pattern(keys: list[str], backwards: bool) -> str:
    """All label keys, longest first: the longest label a place holds is the one found (a
    group of equal-length labels is tried before any shorter one, as in a plain alternation
    sorted by length)."""
    by_length: dict[int, list[list[str]]] = {}
    for key in keys:
        by_length.setdefault(len(key), []).append(_label_tokens(key))
    return (
        "(?:"
        + "|".join(_trie_pattern(by_length[n], backwards) for n in sorted(by_length, reverse=True))
        + ")"
    )


# Where a label may start: at the line start or after anything but a letter (the same
# lookbehind for both patterns, so "联系电话：" is one label and not "电话" inside it).
_LABEL_AFTER_MARK = r"[\s|｜│/／·•、,，;；\p{So}\p{Co}(（]"
_LABEL_AFTER_NON_LETTER = r"[^\p{Han}A-Za-z]"
_COLON_BEFORE = rf"(?:(?<=^|{_LABEL_AFTER_MARK})|(?<={_LABEL_AFTER_NON_LETTER}))"
_BARE_BEFORE = r"(?:(?<=^)|(?<=[|｜│\t]|\s\s))"


@dataclass(frozen=True, slots=True)
class _Vocabulary:
    """The label patterns (colon labels and bare ones) and the table of label → field.

    One alternation of ~200 labels tried at every position of every line was the hottest
    search of a parse. A colon label is matched backwards from each colon instead; a bare
    label is tried only where one can start (same matches). Both patterns are tries (see
    :func:`_labels_pattern`): a try where no label fits fails after fewer character tests
    (about a tenth of the time spent in the label patterns; compiling them takes as long as
    the plain alternations did, the regex module's parse of the many ``[ \t]*`` dominating).
    """

    colon: regex.Pattern[str]
    bare: regex.Pattern[str]
    field_of: dict[str, str]
    label_ends: frozenset[str]  # see _vocabulary
    label_starts: frozenset[str]
    bare_place: re.Pattern[str]
    bare_line_start: re.Pattern[str]
    # Labels looked up in field_of instead (see _looked_up): whether that may be, and the
    # lengths of the keys by their last and first characters
    looked_up: bool
    ending: dict[str, _Lengths]
    starting: dict[str, _Lengths]
    spaced: frozenset[str]  # the keys that may be letter-spaced
    longest: int


def _key(label: str) -> str:
    return _SPACES.sub("", label).lower()


def _may_hold_chars(edge: set[str]) -> frozenset[str]:
    """The characters a line may hold where a label has one of ``edge`` (its first or last
    characters, lower case): those that fold (:func:`fold_cjk`) and lower to one of them, and
    the few that the patterns' case-insensitive matching takes for an ASCII letter (İ, ſ, the
    Kelvin sign). The label characters are ASCII or caseless (CJK, brackets), and what lowers
    to an ASCII letter is the letter in either case or the Kelvin sign, so these are the
    characters themselves, their upper case, their traditional forms (學 for 学) and those three
    (checked on every character by a test)."""
    cases = {c for x in edge for c in (x, x.upper()) if len(c) == 1}
    traditional = {t for t, s in traditional_forms().items() if s.lower() in edge}
    return frozenset(cases | traditional | set(REGEX_FOLDS_TO_ASCII))


def _may_hold(edge: set[str]) -> str:
    """:func:`_may_hold_chars` as a class, written out rather than matched ignoring case, so
    that re skips in C to the next character of the class."""
    return "[" + "".join(re.escape(c) for c in sorted(_may_hold_chars(edge))) + "]"


# A place where a bare label may start follows a bar or a tab, or a blank after a blank (or is
# the line start). Matched from the character before it, so that re skips to those characters
# in C; the blanks after the place are taken too, so one match stands for a whole run of blanks.
_BARE_PLACE = f"[|｜│\t{WHITE_SPACE}](?:(?<=[|｜│\t])|(?<=[{WHITE_SPACE}]{{2}}))[ \t]*"


def _colon_pattern(keys: list[str]) -> regex.Pattern[str]:
    """Matched backwards ((?r)) from a colon: a label ends at one, and the longest label ending
    there is the one a forward search would find first."""
    return regex.compile(rf"(?r){_COLON_BEFORE}(?P<label>{_labels_pattern(keys, True)})[ \t]*[:：]", regex.I)


def _bare_pattern(keys: list[str]) -> regex.Pattern[str]:
    """Labels without a colon, set apart by a bar or a wide gap (table cells: ``姓 名 | 吴浩然``)."""
    return regex.compile(
        rf"{_BARE_BEFORE}[ \t]*(?P<label>{_labels_pattern(keys, False)})[ \t]*(?:[|｜│\t]|\s{{2,}}|\s(?=\S))",
        regex.I,
    )


class _Lengths(NamedTuple):
    """The lengths of the keys with one last (or first) character."""

    all: tuple[int, ...]  # longest first
    spaced: int  # of the longest one that may be letter-spaced (0: none may)


def _lengths_by(keys: list[str], last: bool) -> dict[str, _Lengths]:
    lengths: dict[str, set[int]] = {}
    spaced: dict[str, int] = {}
    for key in keys:
        edge = key[-1] if last else key[0]
        lengths.setdefault(edge, set()).add(len(key))
        spaced[edge] = max(spaced.get(edge, 0), len(key) if _letter_spaced(key) else 0)
    return {c: _Lengths(tuple(sorted(sizes, reverse=True)), spaced[c]) for c, sizes in lengths.items()}


def _caseless_or_ascii(char: str) -> bool:
    return char.isascii() or char.lower() == char == char.upper()


@cache
def _vocabulary() -> _Vocabulary:
    field_of: dict[str, str] = {}
    for field, *labels in resources.rows("labels.tsv"):
        for label in labels:
            field_of.setdefault(_key(label), field)
    keys = list(field_of)
    starts = _may_hold_chars({k[0] for k in keys})
    first = _may_hold({k[0] for k in keys})
    return _Vocabulary(
        colon=_colon_pattern(keys),
        bare=_bare_pattern(keys),
        field_of=field_of,
        # Where the label patterns are tried: colons after a character a label can end with
        # (blanks between them allowed), and places where a bare label may start before a
        # character a label can start with, found by re in one pass over the line.
        label_ends=_may_hold_chars({k[-1] for k in keys}),
        label_starts=starts,
        bare_place=re.compile(f"{_BARE_PLACE}(?={first})"),
        bare_line_start=re.compile(f"[ \t]*(?={first})"),
        looked_up=all(_caseless_or_ascii(c) for k in keys for c in k),
        ending=_lengths_by(keys, last=True),
        starting=_lengths_by(keys, last=False),
        longest=max(map(len, keys)),
        spaced=frozenset(k for k in keys if _letter_spaced(k)),
    )


_LABEL = 1  # the patterns' group "label" (by number: a name is looked up through an exception)
_BLANKS = " \t"
# (label start, value start, label as written, its field: None for a label the table lacks)
_Mark = tuple[int, int, str, "str | None"]


def _mark(vocab: _Vocabulary, m: regex.Match[str]) -> _Mark:
    label = m.group(_LABEL)
    return (m.start(_LABEL), m.end(), label, vocab.field_of.get(_key(label)))


def _looked_up(vocab: _Vocabulary, folded: str) -> bool:
    """Whether a label of ``folded`` (a line) may be found by lowering its characters and
    looking them up in the table instead of by the patterns, which match ignoring case. That
    finds the same labels where every key character is ASCII or caseless (CJK, brackets): an
    ASCII letter matches its other case and, for regex.I, the few characters of
    :data:`REGEX_FOLDS_TO_ASCII` (İ lowers to two characters, ſ to itself), and a caseless
    character only itself. So: keys so made, and a line without those few characters."""
    return vocab.looked_up and (
        folded.isascii() or ("\u0130" not in folded and "\u017f" not in folded and "\u212a" not in folded)
    )


def _spaced_in_reach(window: str, lengths: _Lengths, backwards: bool) -> bool:
    """Whether a letter-spaced label (``姓    名``) could be written at the edge of ``window``
    (its end, ``backwards``, else its start), which holds a blank, and one may be: the blank
    nearest that edge lies within the longest one. A label of ``n`` characters written with blanks holds one among its
    ``n`` characters from either end; without one, a label is its own characters, looked up."""
    if backwards:
        nearest = len(window) - max(window.rfind(" "), window.rfind("\t"))
    else:
        nearest = min(i for i in (window.find(" "), window.find("\t"), len(window)) if i >= 0) + 1
    return nearest <= lengths.spaced


@lru_cache(maxsize=1024)
def _label_may_follow(char: str) -> bool:
    """The lookbehind of a colon label for the character before it (not at the line start)."""
    return rx(f"{_LABEL_AFTER_MARK}|{_LABEL_AFTER_NON_LETTER}", regex.I).fullmatch(char) is not None


def _colon_label(vocab: _Vocabulary, folded: str, end: int, colon_end: int, look_up: bool) -> _Mark | None:
    """The label ending at ``end`` (before blanks and the colon ending at ``colon_end``): what
    ``vocab.colon`` matches backwards from the colon, the longest label first.

    Looked up (see :func:`_looked_up`) for each length of the labels ending with the
    character before ``end``, longest first: the pattern's try cost several times more. Labels
    of one length that match at one place match the same characters (see
    :func:`_trie_pattern`), so which of them is found does not matter."""
    if not look_up:
        m = vocab.colon.match(folded, 0, colon_end)
        return _mark(vocab, m) if m is not None else None
    window = folded[max(0, end - vocab.longest) : end]
    low = window.lower()
    lengths = vocab.ending.get(low[-1])
    if lengths is None:
        return None  # no label ends with this character
    if lengths.spaced and (" " in window or "\t" in window) and _spaced_in_reach(window, lengths, True):
        return _spaced_colon_label(vocab, folded, end, colon_end, lengths)
    for n in lengths.all:
        start = end - n
        field = vocab.field_of.get(low[-n:]) if n <= len(low) else None
        if field is not None and (start == 0 or _label_may_follow(folded[start - 1])):
            return (start, colon_end, folded[start:end], field)
    return None


def _spaced_colon_label(
    vocab: _Vocabulary, folded: str, end: int, colon_end: int, lengths: _Lengths
) -> _Mark | None:
    """:func:`_colon_label` where a letter-spaced label may end: the characters before ``end``
    are read back one by one, a run of blanks between two of them skipped, and the ``n`` last
    read are a label of the table if they are one written without blanks, or one that may be
    letter-spaced."""
    chars: list[str] = []  # read backwards
    starts: list[int] = []
    at = end
    while at and len(chars) < lengths.all[0]:
        char = folded[at - 1]
        if char in _BLANKS:
            if not chars:
                break
            while at and folded[at - 1] in _BLANKS:
                at -= 1
            continue
        chars.append(char)
        at -= 1
        starts.append(at)
    found = "".join(reversed(chars)).lower()
    for n in lengths.all:
        if n > len(chars):
            continue
        start = starts[n - 1]
        key = found[-n:]
        field = vocab.field_of.get(key)
        if field is None or (start != end - n and key not in vocab.spaced):
            continue
        if start == 0 or _label_may_follow(folded[start - 1]):
            return (start, colon_end, folded[start:end], field)
    return None


# What the bare pattern takes after a label (re reads these classes as regex does).
_BARE_TAIL = re.compile(f"[ \t]*(?:[|｜│\t]|[{WHITE_SPACE}]{{2,}}|[{WHITE_SPACE}](?=[^{WHITE_SPACE}]))")


def _bare_label(vocab: _Vocabulary, folded: str, pos: int, reach: int, look_up: bool) -> _Mark | None:
    """The bare label ``vocab.bare`` matches at ``pos``, a place found by :func:`_bare_starts`
    (so the pattern's lookbehind holds there) whose blanks reach ``reach``, where the label
    starts. Looked up as :func:`_colon_label` does, then followed by the pattern's tail; a
    label whose tail fails gives way to a shorter one, as in the pattern."""
    if look_up:
        window = folded[reach : reach + vocab.longest]
        low = window.lower()
        lengths = vocab.starting.get(low[:1])
        if lengths is None:
            return None  # no label starts with this character
        if not (
            lengths.spaced and (" " in window or "\t" in window) and _spaced_in_reach(window, lengths, False)
        ):
            for n in lengths.all:
                field = vocab.field_of.get(low[:n]) if n <= len(low) else None
                tail = _BARE_TAIL.match(folded, reach + n) if field is not None else None
                if tail is not None:
                    return (reach, tail.end(), folded[reach : reach + n], field)
            return None
    m = vocab.bare.match(folded, pos)
    return _mark(vocab, m) if m is not None else None


# A place follows a bar or a tab, or a blank after a blank: two spaces, or a blank of another
# kind (which is in this class, as the bar and the tab are).
_PLACE_MARK = re.compile("[|｜│" + WHITE_SPACE.replace(" ", "") + "]")


def _bare_starts(vocab: _Vocabulary, line: str) -> list[tuple[int, int]]:
    """Where a bare label can begin: the line start, after a bar or tab, after two blanks, and
    only where a label's first character follows (blanks between them allowed), with where that
    character is. Of the places in one run of blanks only the first is kept: they all reach
    the same character."""
    out: list[tuple[int, int]] = []
    reached = -1  # where the last place kept reaches, past its blanks
    if line and line[0] in _BLANKS:
        at_start = vocab.bare_line_start.match(line)
        reached = -1 if at_start is None else at_start.end()
    elif line[:1] in vocab.label_starts:  # (what bare_line_start matches, tested as a set)
        reached = 0
    if reached >= 0:
        out.append((0, reached))
    if "  " not in line and _PLACE_MARK.search(line) is None:
        return out  # (most lines: the place pattern is tried at every blank, the costly part)
    for m in vocab.bare_place.finditer(line):
        if m.end() != reached:
            reached = m.end()
            out.append((m.start() + 1, reached))
    return out


_SPACES = re.compile(f"[{WHITE_SPACE}]+")
_BARE_GAP = re.compile(f"[|｜│\t{WHITE_SPACE}]")


def field_of_label(label: str) -> str | None:
    return _vocabulary().field_of.get(_key(label))


def pairs(line: str, *, bare: bool = False) -> tuple[KV, ...]:
    """Labelled values on ``line``. With ``bare``, labels without a colon count too (form cells)."""
    return _pairs(line, bare)


@per_document  # personal and intention read the same lines (one key however ``bare`` is passed)
def _pairs(line: str, bare: bool) -> tuple[KV, ...]:
    # A colon label ends at a ":" or "：", which most lines lack (folding does not change that).
    marks = _colon_marks(line) if ":" in line or "：" in line else ()
    if bare:
        if marks:  # bare labels count on a line without colon labels only
            return _pairs(line, False)
        marks = _bare_marks(line)
    if not marks:
        return ()
    out: list[KV] = []
    for i, (ls, vs, label, field) in enumerate(marks):
        ve = marks[i + 1][0] if i + 1 < len(marks) else len(line)
        raw = line[vs:ve]
        value = raw.strip().strip(_VALUE_EDGE).strip()
        if value and field:
            lead = raw.find(value[0])
            out.append(KV(field, label, value, vs + lead, vs + lead + len(value), ls))
    return tuple(out)


# Where a label could end before a colon, or begin after a gap, is found on the line as written:
# the line itself is folded only then (labels are matched in simplified form: 姓名/職位/電話).


@per_document  # asked for a line's bare pairs too (they count only where these are none)
def _colon_marks(line: str) -> tuple[_Mark, ...]:
    """The colon labels of ``line``, left to right: each ends at a colon, after a character a
    label can end with (blanks between them allowed). A colon ends at most one label, and a
    label holds no colon, so each colon is matched on its own."""
    colons = _colons(line)
    vocab = _vocabulary()
    out: list[_Mark] = []
    folded = ""
    look_up = False
    for colon in colons:
        end = colon
        while end and line[end - 1] in _BLANKS:
            end -= 1
        if end and line[end - 1] in vocab.label_ends:
            if not folded:
                folded = fold_cjk(line)
                look_up = _looked_up(vocab, folded)
            mark = _colon_label(vocab, folded, end, colon + 1, look_up)
            if mark is not None:
                out.append(mark)
    return tuple(out)


def _colons(line: str) -> list[int]:
    """Where the colons of ``line`` are, in order (found by str.find: most lines have one or
    two, and a scan by a pattern cost more than a find of each)."""
    out: list[int] = []
    for colon in ":：":
        at = line.find(colon)
        while at >= 0:
            out.append(at)
            at = line.find(colon, at + 1)
    if len(out) > 1:
        out.sort()
    return out


def _bare_marks(line: str) -> tuple[_Mark, ...]:
    """The bare labels of ``line``: ``vocab.bare.finditer`` tried only where one can start (see
    :func:`_bare_starts`). A bare label is followed by a bar or a blank, which most lines lack."""
    if " " not in line and "\t" not in line and _BARE_GAP.search(line) is None:
        return ()
    vocab = _vocabulary()
    starts = _bare_starts(vocab, line)
    if not starts:
        return ()
    folded = fold_cjk(line)
    look_up = _looked_up(vocab, folded)
    out: list[_Mark] = []
    done = 0
    for pos, reach in starts:
        if pos >= done:
            mark = _bare_label(vocab, folded, pos, reach, look_up)
            if mark is not None:
                out.append(mark)
                done = mark[1]
    return tuple(out)


_CHUNK_SPLIT = regex.compile(r"\s*[|｜│]\s*|\s+[—–]\s+|\s+-\s+|\s+/\s+|\s*／\s*|\s*[·•]\s+|\s{2,}|\t+")


@per_document
def chunks(line: str) -> tuple[tuple[str, int], ...]:
    """``男 | 34岁 | 本科`` → the pieces with their offsets (bars, slashes, dots, wide gaps)."""
    out: list[tuple[str, int]] = []
    pos = 0
    for m in _CHUNK_SPLIT.finditer(line):
        piece = line[pos : m.start()]
        if piece.strip():
            out.append((piece.strip(), pos + len(piece) - len(piece.lstrip())))
        pos = m.end()
    piece = line[pos:]
    if piece.strip():
        out.append((piece.strip(), pos + len(piece) - len(piece.lstrip())))
    return tuple(out)
