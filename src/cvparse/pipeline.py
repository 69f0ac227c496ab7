"""parse(): read → segment → extract → Profile, top to bottom.

Each stage is a module of its own (intake, segment, extract.*); this file only wires them
and applies the few rules that need more than one section (a language test listed among
certificates, years of experience stated in the summary, sections-free résumés).
"""

from __future__ import annotations

from typing import Any

from .document import Document
from .errors import CvparseError, InputError, NotAResumeError
from .evidence import Parsed, ground
from .extract import bio, education, honors, intention, languages, personal, projects, skills, summary, work
from .extract.numbers import years_of_experience
from .intake import Engine, Source, read
from .intake.text import read_text
from .limits import DEFAULT_LIMITS, NO_DEADLINE, Deadline, Limits
from .memo import new_document
from .models import ENTRY_KEYS, Profile
from .normalize.patterns import rx
from .segment import Section, SLine, route_sub_labels, segment


def parse(source: Source, *, limits: Limits | None = None, engine: Engine = "pdfium") -> Profile:
    """Parse a résumé file (path) or its bytes into a :class:`Profile`.

    Raises a :class:`~cvparse.errors.CvparseError` subclass for input that cannot be read,
    :class:`~cvparse.errors.ParseTimeoutError` past ``limits.timeout`` (checked between pages
    and stages, see :class:`~cvparse.limits.Deadline`).
    """
    lim = limits or DEFAULT_LIMITS
    deadline = Deadline.start(lim.timeout)
    doc = read(source, limits=lim, engine=engine, deadline=deadline)
    return profile_from_document(doc, deadline)


def parse_text(text: str, *, limits: Limits | None = None) -> Profile:
    """Parse résumé text (plain or Markdown) that is already a ``str``."""
    if not isinstance(text, str):
        raise InputError(
            f"parse_text expects str, got {type(text).__name__}; use parse() for paths and bytes"
        )
    lim = limits or DEFAULT_LIMITS
    _check_text(text, lim)
    deadline = Deadline.start(lim.timeout)
    doc = read_text(text, limits=lim, deadline=deadline)
    return profile_from_document(doc, deadline)


def _check_text(text: str, lim: Limits) -> None:
    if not isinstance(text, str):
        raise InputError(f"expected str, got {type(text).__name__}; use parse() for paths and bytes")
    if not text.strip():
        from .errors import EmptyDocumentError

        raise EmptyDocumentError("the text is empty")
    if lim.max_chars is not None and len(text) > lim.max_chars:
        from .errors import LimitExceededError

        raise LimitExceededError(
            f"text has {len(text):,} characters, over the limit of {lim.max_chars:,}",
            limit="max_chars",
            value=len(text),
        )


def parse_with_evidence(source: Source, *, limits: Limits | None = None, engine: Engine = "pdfium") -> Parsed:
    """:func:`parse`, plus where every value came from: a :class:`~cvparse.evidence.Parsed` whose
    ``evidence["work/0/company"]`` is the span of ``text`` (the document in reading order) the
    value was read from, with its page, box and a confidence."""
    lim = limits or DEFAULT_LIMITS
    deadline = Deadline.start(lim.timeout)
    return parsed_from_document(read(source, limits=lim, engine=engine, deadline=deadline), deadline)


def parse_text_with_evidence(text: str, *, limits: Limits | None = None) -> Parsed:
    """:func:`parse_text` with evidence (see :func:`parse_with_evidence`)."""
    lim = limits or DEFAULT_LIMITS
    _check_text(text, lim)
    deadline = Deadline.start(lim.timeout)
    return parsed_from_document(read_text(text, limits=lim, deadline=deadline), deadline)


def profile_from_document(doc: Document, deadline: Deadline = NO_DEADLINE) -> Profile:
    return parsed_from_document(doc, deadline, evidence=False).profile


# A résumé states who the person is or what they did; contact details alone (an invoice, a
# letterhead) do not make one.
_RESUME_CONTENT = ("name", "education", "work", "projects", "skills", "summary", "awards", "certificates")


def parsed_from_document(doc: Document, deadline: Deadline = NO_DEADLINE, *, evidence: bool = True) -> Parsed:
    """Segment, extract, validate, then ground: a value with no span in the document is dropped
    (so :func:`parse` and :func:`parse_with_evidence` return the same profile). The deadline is
    checked between stages. With ``evidence=False`` (:func:`parse`, which returns the profile
    alone) grounding keeps and drops the same values but builds no evidence: the result's
    ``evidence`` is empty."""
    new_document()  # helpers memoised per document forget the previous one
    deadline.check(doc.source, "before segmentation")
    sections = route_sub_labels(segment(doc))
    if not any(s.key in ("education", "work", "internship", "projects") for s in sections):
        text = "".join(ln.text for s in sections for ln in s.lines)
        if not bio.is_bio(text):
            sections = _infer_sections(sections)
    elif not any(s.key == "education" for s in sections):
        sections = _adopt_education(sections)
    deadline.check(doc.source, "before extraction")
    data = extract_all(doc, sections)
    deadline.check(doc.source, "after extraction")
    try:
        profile = Profile.model_validate(data)
    except ValueError as exc:  # an extractor produced a value the contract rejects: drop, not crash
        profile = _salvage(data, exc)
    grounded = ground(doc, sections, profile.model_dump(mode="json"), evidence=evidence)
    if grounded.dropped:
        profile = Profile.model_validate(grounded.data)
    if not any(getattr(profile, field) for field in _RESUME_CONTENT) and not profile.intention.positions:
        raise NotAResumeError(
            "no résumé content found (no name, entries, skills or self-description)", source=doc.source
        )
    return Parsed(profile, grounded.text, grounded.evidence)


def extract_all(doc: Document, sections: list[Section]) -> dict[str, Any]:
    meta_links = [ln for ln in doc.meta.get("links", "").split("\n") if ln]
    entry_sections = any(s.key in ("education", "work", "internship") for s in sections)
    story = bio.extract(sections) if not entry_sections else bio.Bio()
    who = personal.extract(sections, meta_links=meta_links, bio_facts=story.facts)
    if story.name and "name" not in who.values:
        who.values["name"] = story.name
    if story.gender and "gender" not in who.values:
        who.values["gender"] = story.gender
    data: dict[str, Any] = dict(who.values)
    data["links"] = who.links
    data["intention"] = intention.extract(sections, headline=who.headline)
    data["summary"] = summary.extract(sections)
    data["education"] = education.extract(sections)
    data["work"] = work.extract(sections)
    data["projects"] = projects.extract(sections)
    found = honors.extract(sections)
    awards, certs, test_langs = found.awards, found.certificates, found.languages
    data["projects"].extend(
        p for p in found.projects if all(p["name"] != q["name"] for q in data["projects"])
    )
    if not data["work"]:
        data["work"] = story.work
    if not data["education"]:
        data["education"] = story.education
    certs.extend(c for c in story.certificates if all(c["name"] != x["name"] for x in certs))
    for extra in [*story.awards, *honors.inline_awards(sections)]:
        _add_award(awards, extra)
    data["awards"] = awards
    data["certificates"] = certs
    data["skills"] = skills.extract(sections)
    langs: list[dict[str, str | None]] = languages.extract(sections)
    have = {str(item["name"]).lower() for item in langs}
    have_en = any(n in have for n in ("英语", "english"))
    for item in test_langs:
        name = item["name"] or ""
        if name.lower() in have or (name == "英语" and have_en):
            continue
        langs.append(item)
        have.add(name.lower())
    data["languages"] = langs
    if data.get("years_of_experience") is None and data["summary"]:
        data["years_of_experience"] = years_of_experience(data["summary"], labelled=False)
    return {k: v for k, v in data.items() if not k.startswith("_")}


def _add_award(awards: list[dict[str, object]], item: dict[str, object]) -> None:
    """Add an award found outside an awards section unless one listed already names it."""
    key = _award_key(item["name"])
    for existing in awards:
        other = _award_key(existing["name"])
        if key in other or other in key:
            return
    awards.append(item)


def _award_key(name: object) -> str:
    return rx(r"[\s“”\"'‘’]|称号$").sub("", str(name))


def _adopt_education(sections: list[Section]) -> list[Section]:
    """No education section, but the contact block lists the degrees ("本科 / 沈阳工业大学 计算机系 /
    2012.09-2016.07"): such dated school lines form one."""
    from .extract.entries import date_range_of
    from .extract.orgs import find_school

    adopted = Section("education", "")
    for sec in sections:
        if sec.key not in ("header", "basic"):
            continue
        keep = []
        for ln in sec.lines:
            dr = date_range_of(ln.text)
            if dr is not None and dr.is_range and find_school(ln.text) and len(ln.text) <= 80:
                adopted.lines.append(ln)
            else:
                keep.append(ln)
        sec.lines = keep
    return [*sections, adopted] if adopted.lines else sections


def _infer_sections(sections: list[Section]) -> list[Section]:
    """A résumé without entry headings: dated lines naming a school or company become entries."""
    from .extract.entries import date_range_of, without_dates
    from .extract.orgs import find_company, find_school

    out: list[Section] = []
    for sec in sections:
        if sec.key not in ("header", "other"):
            out.append(sec)
            continue
        keep = Section(sec.key, sec.title, heading_line=sec.heading_line)
        out.append(keep)
        current: Section | None = None
        for ln in sec.lines:
            dr = date_range_of(ln.text)
            core = without_dates(ln.text)
            if dr is not None and dr.is_range and len(core) < 80:
                key = (
                    "education"
                    if find_school(core)
                    else (
                        "work" if find_company(core) or "至今" in ln.text or current is None else current.key
                    )
                )
                current = Section(key, "")
                out.append(current)
                current.lines.append(ln)
                continue
            if current is not None and not rx(r"^\s*(?:求职|技能|证书|获奖|技术博客|邮箱|电话)").match(
                ln.text
            ):
                current.lines.append(ln)
            else:
                current = None
                keep.lines.append(ln)
    return out


def _salvage(data: dict[str, Any], exc: ValueError) -> Profile:
    """Drop the values the contract rejected and validate again.

    First only the offending value (an entry losing its key field goes as a whole); if the
    data still does not validate, the whole top-level field the error points into is reset.
    An extractor bug must cost one value, never the résumé.
    """
    from pydantic import ValidationError

    for attempt in range(3):
        if not isinstance(exc, ValidationError):
            raise CvparseError(f"internal validation error: {exc}") from exc
        for err in exc.errors():
            _drop(data, err["loc"], whole_field=attempt > 0)
        for key in ("education", "work", "projects", "awards", "certificates", "languages"):
            if isinstance(data.get(key), list):
                data[key] = [x for x in data[key] if x is not None]
        try:
            return Profile.model_validate(data)
        except ValidationError as again:
            exc = again
    raise CvparseError(f"internal validation error: {exc}") from exc


def _drop(data: dict[str, Any], loc: tuple[int | str, ...], *, whole_field: bool) -> None:
    if not loc or loc[0] not in data:
        return
    if whole_field or len(loc) == 1:
        value = data[loc[0]]
        data[loc[0]] = [] if isinstance(value, list) else ({} if isinstance(value, dict) else None)
        return
    parent: Any = data
    for part in loc[:-1]:
        try:
            parent = parent[part]
        except (KeyError, IndexError, TypeError):
            return
    last = loc[-1]
    if isinstance(parent, list) and isinstance(last, int) and last < len(parent):
        parent[last] = None
    elif isinstance(parent, dict):
        parent[last] = [] if isinstance(parent.get(last), list) else None
        # an entry without its key field is no entry
        entries = data.get(loc[0])
        if (
            len(loc) == 3
            and isinstance(entries, list)
            and isinstance(loc[1], int)
            and loc[2] == ENTRY_KEYS.get(str(loc[0]))
        ):
            entries[loc[1]] = None


__all__ = [
    "SLine",
    "parse",
    "parse_text",
    "parse_text_with_evidence",
    "parse_with_evidence",
    "parsed_from_document",
    "profile_from_document",
]
