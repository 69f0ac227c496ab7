"""Plain-text and Markdown intake: decode the bytes, strip markup, split into lines.

Chinese résumés arrive as UTF-8, GBK/GB18030 (Windows exports, job boards) and UTF-16
(Notepad's "Unicode"). Decoding tries the strict, cheap candidates first and falls back to
charset-normalizer only when they fail, so the common case costs one ``decode``. Markdown
is reduced to its text: headings become heading-flagged lines and link targets are kept
beside the text (the contract wants them in ``links``).
"""

from __future__ import annotations

import codecs
import re

from ..document import Document, Line
from ..errors import EncodingError
from ..limits import DEFAULT_LIMITS, NO_DEADLINE, Deadline, Limits
from .bounds import bound_lines
from .sniff import utf16_encoding

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Share of replacement / control characters above which a decoding is judged garbage.
_MAX_BAD_SHARE = 0.02


def decode(data: bytes, source: str | None = None) -> str:
    """Bytes → text: BOM, then strict UTF-8, then GB18030, then UTF-16 sniffing, then a detector."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as exc:
                raise EncodingError(f"invalid {codec} text: {exc.reason}", source=source) from exc
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    utf16 = utf16_encoding(data)  # UTF-16 without a BOM (Notepad, some job-board exports)
    if utf16 is not None:
        try:
            return data.decode(utf16)
        except UnicodeDecodeError:
            pass
    try:
        text = data.decode("gb18030")
        if _plausible(text):
            return text
    except UnicodeDecodeError:
        pass
    return _detect(data, source)


_BAD_CHAR = re.compile("[\ufffd\x00-\x08\x0b\x0e-\x1f]")  # replacement, controls but \t\n\f\r


def _plausible(text: str) -> bool:
    bad = len(_BAD_CHAR.findall(text))
    return bad <= max(2, len(text) * _MAX_BAD_SHARE)


def _detect(data: bytes, source: str | None) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None:
        text = str(best)
        if _plausible(text):
            return text
    # Mostly-readable text with a few broken sequences: keep what can be read.
    for codec in ("utf-8", "gb18030"):
        text = data.decode(codec, errors="replace")
        if text.count("\ufffd") <= max(4, len(text) * 0.05):
            return text.replace("\ufffd", "")
    raise EncodingError(
        "cannot decode the text: not UTF-8, GB18030, UTF-16 or a detectable encoding", source=source
    )


# --- Markdown -------------------------------------------------------------------------------

_FRONT_MATTER = re.compile(r"\A---\s*\n.*?\n---\s*\n", re.S)
_BLOCKS = re.compile(r"<(script|style)\b.*?</\1\s*>|<!--.*?-->", re.S | re.I)
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
_HREF = re.compile(r"""<a\b[^>]*\bhref\s*=\s*["']([^"']+)["'][^>]*>""", re.I)
_TAG = re.compile(r"</?[a-zA-Z][^<>]*>")
_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_EMPHASIS = re.compile(r"(\*\*|__|~~)(.+?)\1|(?<![\w*])\*(?!\s)([^*\n]+?)(?<!\s)\*(?!\w)|`([^`\n]+)`")
_SUP = re.compile(r"\^[^^\s]{1,4}\^")
_RULE = re.compile(r"^\s{0,3}(?:[-*_]\s*){3,}$")
_TABLE_SEP = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
_QUOTE = re.compile(r"^\s*>+\s?")


_ANCHOR = re.compile(r"""<a\b[^>]*\bhref\s*=\s*["']([^"']+)["'][^>]*>(.*?)</a\s*>""", re.I | re.S)


def _with_target(label: str, target: str) -> str:
    """``[王小明的博客](https://x.dev)`` → ``王小明的博客 (https://x.dev)``: the target stays in the text,
    where a reader of the rendered page would find it and evidence can point at it; in-page
    anchors and labels that already show the address keep only the label."""
    if target.startswith(("#", "mailto:")) or ("@" in target and "/" not in target):
        return label  # an in-page anchor or an e-mail address, not a link
    bare = re.sub(r"^https?://(?:www\.)?", "", target).rstrip("/")
    if not label.strip():
        return target
    shown = re.sub(r"^https?://(?:www\.)?", "", label.strip()).rstrip("/")
    if bare and (bare in label or shown == bare):
        return label  # the label already shows the address
    return f"{label} ({target})"


def _strip_inline(text: str, links: list[str]) -> str:
    # Each construct holds characters most lines lack ("](" for images and links, "<" for HTML,
    # a marker for emphasis, "^", "&"): a substring test of the text at hand spares those lines
    # each group of patterns.
    if "](" in text:
        text = _IMAGE.sub("", text)
        for m in _LINK.finditer(text):
            target = m.group(2)
            if not target.startswith(("#", "mailto:")) and not ("@" in target and "/" not in target):
                links.append(target)
        text = _LINK.sub(lambda m: _with_target(m.group(1), m.group(2)), text)
    if "<" in text:
        for m in _HREF.finditer(text):
            links.append(m.group(1))
        text = _ANCHOR.sub(lambda m: _with_target(m.group(2), m.group(1)), text)
        text = _AUTOLINK.sub(lambda m: m.group(1), text)
        text = _TAG.sub("", text)
    if "*" in text or "_" in text or "~" in text or "`" in text:
        for _ in range(2):  # nested emphasis: ***x*** and **_x_**
            text = _EMPHASIS.sub(lambda m: m.group(2) or m.group(3) or m.group(4) or "", text)
    if "^" in text:
        text = _SUP.sub("", text)
    if "&" not in text:
        return text
    return text.replace("&nbsp;", " ").replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")


_DEADLINE_EVERY = 1000
"""Lines between two deadline checks in the Markdown loop (a few milliseconds of work)."""


def markdown_lines(text: str, deadline: Deadline = NO_DEADLINE) -> tuple[list[Line], list[str]]:
    """Markdown source → text lines (headings flagged) and the link targets it holds."""
    text = _FRONT_MATTER.sub("", text)
    text = _BLOCKS.sub("", text)
    links: list[str] = []
    out: list[Line] = []
    in_code = False
    for n, raw in enumerate(text.splitlines()):
        if n % _DEADLINE_EVERY == 0:
            deadline.check(stage="reading Markdown")
        if raw.lstrip().startswith(("```", "~~~")):
            in_code = not in_code
            continue
        if in_code:
            out.append(Line(raw.rstrip()))
            continue
        # (a rule holds a -, * or _, a table's separator row "--", a heading "#", a quote ">")
        if ("-" in raw or "*" in raw or "_" in raw) and (_RULE.match(raw) or _TABLE_SEP.match(raw)):
            if _SETEXT.match(raw) and out and out[-1].text.strip() and raw.strip().startswith(("=", "-")):
                prev = out[-1]
                if raw.strip()[0] == "=" or not _RULE.match(raw) or len(raw.strip()) >= 3:
                    out[-1] = Line(prev.text, heading=True)
                    continue
            out.append(Line(""))
            continue
        heading = _HEADING.match(raw) if "#" in raw else None
        line = heading.group(2) if heading else raw
        if ">" in line:
            line = _QUOTE.sub("", line)
        stripped = line.strip()
        if stripped.startswith("|") and stripped.endswith("|"):
            cells = [c.strip() for c in stripped.strip("|").split("|")]
            line = " | ".join(c for c in cells if c)
        line = _strip_inline(line, links).rstrip()
        out.append(Line(line, heading=bool(heading)))
    return out, links


def read_text(
    data: bytes | str,
    *,
    source: str | None = None,
    markdown: bool = False,
    limits: Limits = DEFAULT_LIMITS,
    deadline: Deadline = NO_DEADLINE,
) -> Document:
    """Bytes or an already-decoded string → a Document of lines."""
    text = data if isinstance(data, str) else decode(data, source)
    deadline.check(source, "decoding text")
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    if not markdown and _looks_like_markdown(text):
        markdown = True
    if markdown:
        lines, links = markdown_lines(text, deadline)
        doc = Document(lines=bound_lines(lines), source=source, format="markdown")
        doc.meta["links"] = "\n".join(dict.fromkeys(links))
        return doc
    # A Line is a frozen value, so the blank lines (a quarter of a résumé's) can share one.
    blank = Line("")
    lines = bound_lines([Line(line) if line else blank for line in map(str.rstrip, text.split("\n"))])
    return Document(lines=lines, source=source, format="text")


_MD_SIGNS = re.compile(r"^\s{0,3}#{1,6}\s+\S|\]\((?:https?://|mailto:|/|#)|^\s*\*\*[^*\n]+\*\*", re.M)


def _looks_like_markdown(text: str) -> bool:
    """Two or more Markdown constructs (ATX headings, inline links, bold lines) mean Markdown."""
    head = text[:20000]
    # Each construct holds one of these strings; a plain résumé holds none, and a substring
    # test is much cheaper than the pattern's search, which tries every position.
    if "#" not in head and "](" not in head and "**" not in head:
        return False
    return len(_MD_SIGNS.findall(head)) >= 2
