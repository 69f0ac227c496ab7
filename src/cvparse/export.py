"""Profiles in other shapes: JSON Resume documents and flat CSV rows.

JSON Resume (schema 1.2.x) is the one open résumé format with tooling (themes, validators),
so it is the export; the contract fields it has no place for — the ones Chinese résumés
state as a matter of course (性别, 出生日期, 籍贯, 民族, 政治面貌 ...) — ride under an
``"x-cvparse"`` key, at the top level and on entries. The schema allows additional
properties everywhere, so documents stay valid, and themes ignore what they don't know.

The CSV row is for spreadsheets: one row per résumé, fixed columns (:data:`CSV_COLUMNS`),
lists packed into one cell. It is lossy by design (no descriptions); JSONL is the full record.

Works on the model's JSON dump, not on attributes, so this module imports no pydantic.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from .models import Profile

EXTENSION_KEY = "x-cvparse"

_ISO_DATE = re.compile(r"[1-2]\d{3}(?:-[0-1]\d(?:-[0-3]\d)?)?")
"""The JSON Resume ``iso8601`` pattern; ours is stricter except for the year range."""

_DEGREE_LABELS = {
    "high_school": "High School",
    "associate": "Associate",
    "bachelor": "Bachelor",
    "master": "Master",
    "mba": "MBA",
    "doctor": "Doctorate",
    "postdoc": "Postdoctoral",
    "other": "Other",
}

# Hosts whose links are social profiles (JSON Resume ``basics.profiles``), not a homepage.
_NETWORKS = {
    "github.com": "GitHub",
    "gitee.com": "Gitee",
    "gitlab.com": "GitLab",
    "linkedin.com": "LinkedIn",
    "zhihu.com": "Zhihu",
    "weibo.com": "Weibo",
    "blog.csdn.net": "CSDN",
    "csdn.net": "CSDN",
    "juejin.cn": "Juejin",
    "bilibili.com": "Bilibili",
    "space.bilibili.com": "Bilibili",
    "twitter.com": "Twitter",
    "x.com": "X",
    "kaggle.com": "Kaggle",
    "leetcode.cn": "LeetCode",
    "leetcode.com": "LeetCode",
    "stackoverflow.com": "Stack Overflow",
    "huggingface.co": "Hugging Face",
    "dribbble.com": "Dribbble",
    "behance.net": "Behance",
}


def to_json_resume(profile: Profile) -> dict[str, Any]:
    """The profile as a JSON Resume 1.2.x document (a plain dict, ready for ``json.dumps``).

    Keys with no value are left out rather than written empty, as JSON Resume documents do.
    An ongoing entry (``end == "present"``) has no ``endDate`` — JSON Resume's way to say
    "current" — and ``"x-cvparse": {"current": true}`` so the difference from an unknown end
    survives.
    """
    data = profile.model_dump(mode="json")
    doc: dict[str, Any] = {}
    basics = _basics(data)
    if basics:
        doc["basics"] = basics
    sections = {
        "work": [_work(w) for w in data["work"]],
        "education": [_education(e) for e in data["education"]],
        "projects": [_project(p) for p in data["projects"]],
        "awards": [_clean({"title": a["name"], "date": _date(a["date"])}) for a in data["awards"]],
        "certificates": [_clean({"name": c["name"], "date": _date(c["date"])}) for c in data["certificates"]],
        "skills": [{"name": s} for s in data["skills"]],
        "languages": [
            _clean({"language": lang["name"], "fluency": lang["level"]}) for lang in data["languages"]
        ],
    }
    doc.update({key: value for key, value in sections.items() if value})
    ext = _clean(
        {
            "gender": data["gender"],
            "birth_date": data["birth_date"],
            "age": data["age"],
            "hometown": data["hometown"],
            "ethnicity": data["ethnicity"],
            "political_status": data["political_status"],
            "years_of_experience": data["years_of_experience"],
            "intention": _clean(data["intention"]),
        }
    )
    if ext:
        doc[EXTENSION_KEY] = ext
    return doc


def _basics(data: dict[str, Any]) -> dict[str, Any]:
    profiles: list[dict[str, Any]] = []
    homepage: str | None = None
    for url in data["links"]:
        network = _network(url)
        if network is None:
            homepage = homepage or url
            continue
        profiles.append(_clean({"network": network, "username": _username(url), "url": url}))
    if data["wechat"]:
        profiles.append({"network": "WeChat", "username": data["wechat"]})
    positions = data["intention"]["positions"]
    return _clean(
        {
            "name": data["name"],
            "label": " / ".join(positions) if positions else None,
            "email": data["email"],
            "phone": data["phone"],
            "url": homepage,
            "summary": data["summary"],
            "location": {"city": data["location"]} if data["location"] else None,
            "profiles": profiles,
        }
    )


def _network(url: str) -> str | None:
    host = (urlsplit(url).hostname or "").lower()
    host = host.removeprefix("www.")
    if host in _NETWORKS:
        return _NETWORKS[host]
    parent = host.split(".", 1)[1] if "." in host else ""
    return _NETWORKS.get(parent) if parent.count(".") >= 1 else None


def _username(url: str) -> str | None:
    """The account name in a profile URL: the first path part after a prefix such as ``/in/``."""
    parts = [part for part in urlsplit(url).path.split("/") if part]
    while parts and parts[0].lower() in _PATH_PREFIXES:
        parts.pop(0)
    return parts[0].removeprefix("@") if parts else None


_PATH_PREFIXES = {"in", "u", "user", "users", "people", "profile", "pub", "company"}


def _work(w: dict[str, Any]) -> dict[str, Any]:
    return _clean(
        {
            "name": w["company"],
            "position": w["title"],
            "startDate": _date(w["start"]),
            "endDate": _date(w["end"]),
            "summary": w["description"],
            EXTENSION_KEY: _clean(
                {
                    "department": w["department"],
                    "internship": w["internship"] or None,
                    "current": w["end"] == "present" or None,
                }
            ),
        }
    )


def _education(e: dict[str, Any]) -> dict[str, Any]:
    return _clean(
        {
            "institution": e["school"],
            "area": e["major"],
            "studyType": _DEGREE_LABELS.get(e["degree"]) if e["degree"] else None,
            "startDate": _date(e["start"]),
            "endDate": _date(e["end"]),
            "score": e["gpa"],
            EXTENSION_KEY: _clean({"degree": e["degree"], "current": e["end"] == "present" or None}),
        }
    )


def _project(p: dict[str, Any]) -> dict[str, Any]:
    return _clean(
        {
            "name": p["name"],
            "description": p["description"],
            "roles": [p["role"]] if p["role"] else None,
            "startDate": _date(p["start"]),
            "endDate": _date(p["end"]),
            EXTENSION_KEY: _clean({"current": p["end"] == "present" or None}),
        }
    )


def _date(value: str | None) -> str | None:
    """A contract date as JSON Resume accepts it; ``present`` (and anything else) → None."""
    return value if value is not None and _ISO_DATE.fullmatch(value) else None


def _clean(obj: dict[str, Any]) -> dict[str, Any]:
    """Drop keys whose value is None or an empty list/dict."""
    return {k: v for k, v in obj.items() if v is not None and v != [] and v != {}}


# --- CSV -------------------------------------------------------------------------------------

# The profile's scalar fields, in contract order: CSV columns of their own.
_SCALARS: tuple[str, ...] = (
    "name",
    "gender",
    "birth_date",
    "age",
    "phone",
    "email",
    "wechat",
    "location",
    "hometown",
    "ethnicity",
    "political_status",
    "years_of_experience",
)

CSV_COLUMNS: tuple[str, ...] = (
    "source",
    "sha256",
    "seconds",
    "error_type",
    "error",
    *_SCALARS,
    "intention_positions",
    "intention_cities",
    "intention_salary",
    "intention_job_type",
    "intention_availability",
    "links",
    "education",
    "work",
    "projects",
    "awards",
    "certificates",
    "skills",
    "languages",
    "summary",
)
"""The CSV columns, in order. Documented in ``docs/batch-and-cli.md``."""

_SPACE = re.compile(r"\s+")


def to_csv_row(profile: Profile | None) -> dict[str, str]:
    """The profile's cells for :data:`CSV_COLUMNS` (without the batch columns source … error).

    Lists go in one cell, items separated by ``"; "``; an entry's fields by ``"|"``;
    a period as ``start/end`` (ISO 8601 interval notation, ``present`` for ongoing).
    Separators inside values become ``/`` and ``,``, and newlines spaces, so every row is one
    physical line (which keeps a CSV output resumable line by line).
    """
    if profile is None:
        return {}
    d = profile.model_dump(mode="json")
    it = d["intention"]
    row: dict[str, Any] = {key: d[key] for key in (*_SCALARS, "summary")}
    row.update(
        intention_positions=_items(it["positions"]),
        intention_cities=_items(it["cities"]),
        intention_salary=it["salary"],
        intention_job_type=it["job_type"],
        intention_availability=it["availability"],
        links=_items(d["links"]),
        education=_entries([e["school"], e["degree"], e["major"], _period(e)] for e in d["education"]),
        work=_entries(
            [w["company"], w["title"], w["department"], _period(w), "intern" if w["internship"] else None]
            for w in d["work"]
        ),
        projects=_entries([p["name"], p["role"], _period(p)] for p in d["projects"]),
        awards=_entries([a["name"], a["date"]] for a in d["awards"]),
        certificates=_entries([c["name"], c["date"]] for c in d["certificates"]),
        skills=_items(d["skills"]),
        languages=_entries([lang["name"], lang["level"]] for lang in d["languages"]),
    )
    return {key: _cell(value) for key, value in row.items()}


def _period(entry: dict[str, Any]) -> str:
    start, end = entry["start"] or "", entry["end"] or ""
    return f"{start}/{end}" if start or end else ""


def _field(value: Any) -> str:
    return "" if value is None else _SPACE.sub(" ", str(value)).replace("|", "/").replace(";", ",").strip()


def _items(values: list[Any]) -> str:
    return "; ".join(_field(v) for v in values)


def _entries(rows: Any) -> str:
    return "; ".join("|".join(_field(v) for v in row) for row in rows)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    return _SPACE.sub(" ", str(value)).strip()


__all__ = ["CSV_COLUMNS", "EXTENSION_KEY", "to_csv_row", "to_json_resume"]
