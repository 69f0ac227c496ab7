"""Key-value reading: ``姓名：张三  性别：男`` and ``男 | 34岁 | 本科 | 现居：北京`` lines.

Labels come from ``data/labels.tsv``. A label counts only at the start of a line or after a
separator, so ``联系电话：`` is one label and not ``电话`` inside it; CJK labels may be
letter-spaced (``姓    名：``) as Word forms and job-board exports write them. The value runs
to the next label on the same line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import regex

from .. import resources
from ..memo import per_document
from ..normalize.patterns import rx
from ..normalize.text import REGEX_FOLDS_TO_ASCII, WHITE_SPACE, fold_cjk, traditional_forms

_SEP_CHARS = "|｜│/／·•、,，;；\t"
_VALUE_EDGE = _SEP_CHARS + " "  # what is trimmed off both ends of a value


@dataclass(frozen=True, slots=True)
class KV:
    field: str
    label: str
    value: str
    start: int  # span of the value in the line
    end: int
    label_start: int = -1  # where the label itself starts in the line


_GAP = r"[ \t]*"  # blanks a letter-spaced CJK label may hold between its characters


def _label_tokens(label: str) -> list[str]:
    """A label key as a pattern, one piece per character, with :data:`_GAP` between the
    characters of a CJK label (``姓    名``). Keys hold no blanks (see :func:`_key`)."""
    if rx(r"\p{Han}").search(label) and "（" not in label and "(" not in label and "/" not in label:
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
_COLON_BEFORE = r"(?:(?<=^|[\s|｜│/／·•、,，;；\p{So}\p{Co}(（])|(?<=[^\p{Han}A-Za-z]))"
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
    colon_after_label: re.Pattern[str]  # see _vocabulary
    bare_place: re.Pattern[str]
    bare_line_start: re.Pattern[str]


def _key(label: str) -> str:
    return _SPACES.sub("", label).lower()


def _may_hold(edge: set[str]) -> str:
    """A class of the characters a line may hold where a label has one of ``edge`` (its first or
    last characters, lower case): those that fold (:func:`fold_cjk`) and lower to one of them,
    and the few that the patterns' case-insensitive matching takes for an ASCII letter (İ, ſ,
    the Kelvin sign). The label characters are ASCII or caseless (CJK, brackets), and what
    lowers to an ASCII letter is the letter in either case or the Kelvin sign, so the class is
    the characters themselves, their upper case, their traditional forms (學 for 学) and those
    three (checked on every character by a test). Written out rather than matched ignoring case,
    so that re skips in C to the next character of the class."""
    cases = {c for x in edge for c in (x, x.upper()) if len(c) == 1}
    traditional = {t for t, s in traditional_forms().items() if s.lower() in edge}
    chars = cases | traditional | set(REGEX_FOLDS_TO_ASCII)
    return "[" + "".join(re.escape(c) for c in sorted(chars)) + "]"


# A place where a bare label may start follows a bar or a tab, or a blank after a blank (or is
# the line start). Matched from the character before it, so that re skips to those characters
# in C; the blanks after the place are taken too, so one match stands for a whole run of blanks.
_BARE_PLACE = f"[|｜│\t{WHITE_SPACE}](?:(?<=[|｜│\t])|(?<=[{WHITE_SPACE}]{{2}}))[ \t]*"


@cache
def _vocabulary() -> _Vocabulary:
    field_of: dict[str, str] = {}
    for field, *labels in resources.rows("labels.tsv"):
        for label in labels:
            field_of.setdefault(_key(label), field)
    keys = list(field_of)
    first = _may_hold({k[0] for k in keys})
    return _Vocabulary(
        # matched backwards ((?r)) from each colon: a label ends at one, and the longest label
        # ending there is the one a forward search would find first
        colon=regex.compile(
            rf"(?r){_COLON_BEFORE}(?P<label>{_labels_pattern(keys, True)})[ \t]*[:：]", regex.I
        ),
        # labels without a colon, set apart by a bar or a wide gap (table cells: ``姓 名 | 吴浩然``)
        bare=regex.compile(
            rf"{_BARE_BEFORE}[ \t]*(?P<label>{_labels_pattern(keys, False)})[ \t]*(?:[|｜│\t]|\s{{2,}}|\s(?=\S))",
            regex.I,
        ),
        field_of=field_of,
        # The places the label patterns are tried at, found by re in one pass over the line:
        # colons after a character a label can end with (blanks between them allowed), and
        # places where a bare label may start before a character a label can start with. A
        # colon ends at most one label, and a label holds no colon, so no colon is hidden by
        # the match of the one before it.
        colon_after_label=re.compile(f"{_may_hold({k[-1] for k in keys})}[ \t]*[:：]"),
        bare_place=re.compile(f"{_BARE_PLACE}(?={first})"),
        bare_line_start=re.compile(f"[ \t]*(?={first})"),
    )


_LABEL = 1  # the patterns' group "label" (by number: a name is looked up through an exception)


def _colon_labels(vocab: _Vocabulary, line: str, colons: list[int]) -> list[tuple[int, int, str]]:
    """(label start, colon end, label) for each colon ending at one of ``colons`` that ends a
    label. Labels hold no colon, so each colon is matched on its own, left to right."""
    out: list[tuple[int, int, str]] = []
    match = vocab.colon.match
    for end in colons:
        m = match(line, 0, end)
        if m is not None:
            out.append((m.start(_LABEL), m.end(), m.group(_LABEL)))
    return out


def _bare_starts(vocab: _Vocabulary, line: str) -> list[int]:
    """Where a bare label can begin: the line start, after a bar or tab, after two blanks, and
    only where a label's first character follows (blanks between them allowed). Of the places
    in one run of blanks only the first is kept: they all reach the same character."""
    out: list[int] = []
    reached = -1  # where the last place kept reaches, past its blanks
    at_start = vocab.bare_line_start.match(line)
    if at_start is not None:
        out.append(0)
        reached = at_start.end()
    for m in vocab.bare_place.finditer(line):
        if m.end() != reached:
            out.append(m.start() + 1)
            reached = m.end()
    return out


def _bare_labels(vocab: _Vocabulary, line: str, starts: list[int]) -> list[tuple[int, int, str]]:
    """``vocab.bare.finditer(line)`` as (label start, match end, label), tried at ``starts``
    only (see :func:`_bare_starts`)."""
    out: list[tuple[int, int, str]] = []
    done = 0
    match = vocab.bare.match
    for pos in starts:
        if pos < done:
            continue
        m = match(line, pos)
        if m is not None:
            out.append((m.start(_LABEL), m.end(), m.group(_LABEL)))
            done = m.end()
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
    # A colon label ends at a ":" or "："; a bare label is followed by a bar or a blank. Most
    # lines have neither, and folding does not change them, so they are looked for first.
    colon = ":" in line or "：" in line
    gap = bare and _BARE_GAP.search(line) is not None
    if not colon and not gap:
        return ()
    vocab = _vocabulary()
    # where a label could end before a colon, or begin after a gap, is found on the line as
    # written: the line itself is folded only then (labels are matched in simplified form:
    # 姓名/職位/電話)
    written = folded = line
    marks: list[tuple[int, int, str]] = []
    colons = [m.end() for m in vocab.colon_after_label.finditer(line)] if colon else []
    if colons:
        folded = fold_cjk(line)
        marks = _colon_labels(vocab, folded, colons)
    if gap and not marks:  # bare labels count on a line without colon labels only
        starts = _bare_starts(vocab, line)
        if starts:
            folded = fold_cjk(line)
            marks = _bare_labels(vocab, folded, starts)
    table = vocab.field_of
    out: list[KV] = []
    for i, (ls, vs, label) in enumerate(marks):
        ve = marks[i + 1][0] if i + 1 < len(marks) else len(line)
        raw = written[vs:ve]
        value = raw.strip().strip(_VALUE_EDGE).strip()
        if not value:
            continue
        lead = raw.find(value[0])
        field = table.get(_key(label))
        if field:
            out.append(KV(field, label, value, vs + lead, vs + lead + len(value), ls))
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
