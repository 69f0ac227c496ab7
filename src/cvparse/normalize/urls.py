"""URLs and e-mail addresses as the contract wants them.

Links get a scheme (``github.com/a`` → ``https://github.com/a``) and lose a trailing ``/``;
bare domains count only for well-known profile hosts or when they have a path, so a sentence
ending in ``e.g.`` or a file name is not a link. E-mails are lower-cased.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from itertools import accumulate

import regex

from .patterns import rx
from .text import REGEX_FOLDS_TO_ASCII, halfwidth

_KNOWN_HOSTS = (
    "github.com",
    "gitee.com",
    "gitlab.com",
    "linkedin.com",
    "zhihu.com",
    "csdn.net",
    "juejin.cn",
    "cnblogs.com",
    "jianshu.com",
    "bilibili.com",
    "weibo.com",
    "behance.net",
    "dribbble.com",
    "kaggle.com",
    "leetcode.com",
    "leetcode.cn",
    "medium.com",
    "segmentfault.com",
    "stackoverflow.com",
    "huggingface.co",
    "twitter.com",
    "x.com",
    "zcool.com.cn",
    "douban.com",
    "xiaohongshu.com",
)


_KNOWN_SUBDOMAINS = tuple("." + host for host in _KNOWN_HOSTS)


@dataclass(frozen=True, slots=True)
class Hit:
    value: str
    start: int
    end: int


@cache
def _url_re() -> regex.Pattern[str]:
    tld = r"(?:com|cn|net|org|io|dev|me|co|ai|app|edu|gov|info|xyz|top|tech|site|cc|tv|uk|de|jp|hk|tw|sg|us)"
    return regex.compile(
        rf"""
        (?=[a-z0-9])  # every link starts so: other positions are skipped cheaply
        (?<![\w@.\-/])
        (?:
            (?:https?|ftp)://[^\s<>"'()（）\[\]【】，。；、|｜]+
          | (?:www\.)?[a-z0-9][a-z0-9\-]*(?:\.[a-z0-9\-]+)*\.{tld}(?![a-z0-9\-])(?:/[^\s<>"'()（）\[\]【】，。；、|｜]*)?
        )
        """,
        regex.X | regex.I,
    )


@cache
def _email_re() -> re.Pattern[str]:
    # The local part is capped at 64 characters (RFC 5321's limit) and starts after a non-letter:
    # unbounded, a 100 KB run of letters before an "@" cost a scan per start position (minutes).
    # Only ASCII classes and no flags: re reads it as regex would, in half the time.
    return re.compile(
        r"(?<![A-Za-z0-9])[A-Za-z0-9][A-Za-z0-9._%+\-]{0,63}@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}"
    )


# as the domain before a known TLD: ".com", ".cn" (what regex.I takes for a-z, on re)
_DOT_LETTER = re.compile(f"\\.[A-Za-z{REGEX_FOLDS_TO_ASCII}]")
# The same marks (a scheme's "://", a dot before a letter) in text as written, before halfwidth
# makes its full-width forms ASCII (．→. ：→: ／→/ Ａ→A ａ→a): each pattern starts with one
# literal character, which re looks for fast (an alternation is tried at every position).
_LETTER = f"[A-Za-zＡ-Ｚａ-ｚ{REGEX_FOLDS_TO_ASCII}]"
_MARKS_AS_WRITTEN = tuple(
    re.compile(p) for p in (f"\\.(?={_LETTER})", f"．(?={_LETTER})", ":(?=[/／]{2})", "：(?=[/／]{2})")
)


def normalize_url(raw: str) -> str:
    url = halfwidth(raw).strip().rstrip(".,;:!?)）]】>")
    if not rx(r"(?i)[a-z][a-z0-9+.\-]*://").match(url):
        url = "https://" + url
    return url.rstrip("/")


def find_emails(text: str) -> list[Hit]:
    if "@" not in text and "＠" not in text:  # most lines: skip the scan (and the halfwidth copy)
        return []
    t = halfwidth(text)
    return [Hit(m.group().lower(), m.start(), m.end()) for m in _email_re().finditer(t)]


def find_urls(text: str) -> list[Hit]:
    """Links in ``text``: explicit ``http(s)://`` ones, and bare ones on known hosts or with a path."""
    t = halfwidth(text)
    if "://" not in t and not _DOT_LETTER.search(t):  # a link has a scheme or a dotted host name
        return []
    emails: list[tuple[int, int]] | None = None  # looked for once a link is (most lines have none)
    out: list[Hit] = []
    for m in _url_re().finditer(t):
        if emails is None:
            emails = [(h.start, h.end) for h in find_emails(t)]
        if any(s <= m.start() < e for s, e in emails):
            continue
        raw = m.group()
        raw = raw.rstrip(".,;:!?)）]】>'\"")
        if "://" not in raw:  # a bare name: on a known host, or with a path or www.
            host = raw.split("/")[0].lower()
            host = host[4:] if host.startswith("www.") else host
            known = host in _KNOWN_HOSTS or host.endswith(_KNOWN_SUBDOMAINS)
            if not known and "/" not in raw and not raw.lower().startswith("www."):
                continue
        out.append(Hit(normalize_url(raw), m.start(), m.start() + len(raw)))
    return out


def find_urls_in_lines(lines: Sequence[str]) -> list[Hit]:
    """:func:`find_urls` of each line, in order (spans within their line).

    Most lines hold neither a scheme nor a dotted name, and finding that out for each was a
    call per line (and a halfwidth copy of it): the lines as written are joined and scanned
    once for the marks instead, and only the lines where one is found are read. No mark holds
    a line break, so a mark found in the joined text is one in its line.
    """
    text = "\n".join(lines)
    ends = list(accumulate(len(line) + 1 for line in lines))  # past each line's break
    marked = {bisect_right(ends, m.start()) for mark in _MARKS_AS_WRITTEN for m in mark.finditer(text)}
    return [hit for i in sorted(marked) for hit in find_urls(lines[i])]
