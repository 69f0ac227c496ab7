"""The output contract (``shared/spec/profile.md``) as pydantic v2 models.

``Profile.model_dump(mode="json")`` is what users program against, so field names, types
and formats here follow the contract exactly. Validation happens once, at this boundary:
extractors hand over plain values and the models check dates, phones and enums.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

_DATE = re.compile(r"(?:present|\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?)")
_PHONE = re.compile(r"1\d{10}|\+\d{6,15}")


def _check_date(value: str | None) -> str | None:
    if value is not None and not _DATE.fullmatch(value):
        raise ValueError(f"date must be YYYY, YYYY-MM, YYYY-MM-DD or 'present', got {value!r}")
    return value


def _check_birth_date(value: str | None) -> str | None:
    if value == "present":
        raise ValueError("birth_date cannot be 'present'")
    return _check_date(value)


def _check_phone(value: str | None) -> str | None:
    if value is not None and not _PHONE.fullmatch(value):
        raise ValueError(f"phone must be 11 mainland digits or E.164, got {value!r}")
    return value


DateStr = Annotated[
    str | None,
    AfterValidator(_check_date),
    Field(description="`YYYY`, `YYYY-MM` or `YYYY-MM-DD`, as precise as written, or `present`."),
]
Degree = Literal["high_school", "associate", "bachelor", "master", "mba", "doctor", "postdoc", "other"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class Intention(_Model):
    """The job the candidate is looking for; all empty when the résumé states none."""

    positions: list[str] = Field(default_factory=list, description="Desired roles as written.")
    cities: list[str] = Field(default_factory=list, description="Desired cities, 市 stripped.")
    salary: str | None = Field(None, description="Expected salary as written, without its label.")
    job_type: str | None = Field(None, description="全职 / 实习 / 兼职 ... as written.")
    availability: str | None = Field(None, description="Start date or notice period as written.")


class Education(_Model):
    school: str = Field(description="Full school name as written.")
    degree: Degree | None = Field(None, description="The degree ladder value; null when not stated.")
    major: str | None = Field(None, description="Major as written.")
    start: DateStr = None
    end: DateStr = None
    gpa: str | None = Field(None, description="GPA as written (`3.8/4.0`); a rank is not a GPA.")


class Work(_Model):
    company: str = Field(description="Employer as written, bracketed brand or branch included.")
    title: str | None = Field(None, description="Position held.")
    department: str | None = Field(None, description="Department as written.")
    start: DateStr = None
    end: DateStr = None
    internship: bool = Field(False, description="True for internships.")
    description: str | None = Field(None, description="The entry's body text, bullets dropped.")


class Project(_Model):
    name: str = Field(description="Project name as written.")
    role: str | None = Field(None, description="The candidate's role; null for solo projects.")
    start: DateStr = None
    end: DateStr = None
    description: str | None = Field(None, description="The entry's body text, bullets dropped.")


class Award(_Model):
    name: str = Field(description="The award line without its date.")
    date: DateStr = None


class Certificate(_Model):
    name: str = Field(description="Qualification or licence as written.")
    date: DateStr = None


class Language(_Model):
    name: str = Field(description="Language as written (`英语`, `English`).")
    level: str | None = Field(None, description="Level or test as written (`CET-6`, `流利`).")


class Profile(_Model):
    """One résumé, parsed. ``model_dump(mode="json")`` follows the contract exactly."""

    name: str | None = Field(None, description="Full name as written; no spaces inside a Chinese name.")
    gender: Literal["male", "female"] | None = Field(None, description="男 → male, 女 → female.")
    birth_date: Annotated[str | None, AfterValidator(_check_birth_date)] = Field(
        None, description="`YYYY`, `YYYY-MM` or `YYYY-MM-DD`, as precise as written."
    )
    age: int | None = Field(None, ge=0, le=150, description="Only when the résumé states an age.")
    phone: Annotated[str | None, AfterValidator(_check_phone)] = Field(
        None, description="Mainland mobile as 11 digits; other numbers E.164 with `+`."
    )
    email: str | None = Field(None, description="Lower-cased e-mail address.")
    wechat: str | None = Field(None, description="WeChat id as written.")
    location: str | None = Field(None, description="Current city, without 市/省.")
    hometown: str | None = Field(None, description="籍贯 / 户口所在地: city or province.")
    ethnicity: str | None = Field(None, description="As written, e.g. 汉族.")
    political_status: str | None = Field(None, description="As written, e.g. 中共党员.")
    years_of_experience: int | float | None = Field(None, ge=0, description="Only when stated.")
    intention: Intention = Field(default_factory=Intention, description="The job intention.")
    summary: str | None = Field(None, description="The self-description section as plain text.")
    links: list[str] = Field(default_factory=list, description="Every URL, with scheme, no trailing /.")
    education: list[Education] = Field(default_factory=list)
    work: list[Work] = Field(default_factory=list)
    projects: list[Project] = Field(default_factory=list)
    awards: list[Award] = Field(default_factory=list)
    certificates: list[Certificate] = Field(default_factory=list)
    skills: list[str] = Field(default_factory=list, description="Technical skills, canonical names.")
    languages: list[Language] = Field(default_factory=list)

    def is_empty(self) -> bool:
        """True when nothing at all was extracted."""
        return self == Profile()

    def to_json_resume(self) -> dict[str, Any]:
        """The profile as a JSON Resume (schema 1.2.x) document."""
        from .export import to_json_resume

        return to_json_resume(self)


# The field that identifies an entry of each list; an entry without it is no entry.
ENTRY_KEYS: dict[str, str] = {
    "education": "school",
    "work": "company",
    "projects": "name",
    "awards": "name",
    "certificates": "name",
    "languages": "name",
}


def json_schema() -> dict[str, Any]:
    """The JSON Schema of :class:`Profile`, as ``cvparse schema`` prints it."""
    return Profile.model_json_schema()
