"""cvparse: résumés (PDF, DOCX, text, Markdown; Chinese and English) → validated profiles.

    >>> import cvparse
    >>> profile = cvparse.parse_text("张三\\n男 | 25岁 | 13800138000\\n教育经历\\n北京大学 本科 计算机科学 2016-2020")
    >>> profile.name, profile.phone, profile.education[0].school
    ('张三', '13800138000', '北京大学')

The public surface is loaded lazily: ``import cvparse`` costs a few milliseconds, and
pydantic, pdfplumber and python-docx load when first needed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from . import errors
from .errors import CvparseError
from .limits import Limits

__version__ = "0.1.0"

if TYPE_CHECKING:
    from .batch import Result, parse_many
    from .evidence import Evidence, Parsed
    from .models import Award, Certificate, Education, Intention, Language, Profile, Project, Work
    from .pipeline import parse, parse_text, parse_text_with_evidence, parse_with_evidence

_LAZY = {
    "parse": "pipeline",
    "parse_text": "pipeline",
    "parse_with_evidence": "pipeline",
    "parse_text_with_evidence": "pipeline",
    "Parsed": "evidence",
    "Evidence": "evidence",
    "parse_many": "batch",
    "Result": "batch",
    "Profile": "models",
    "Intention": "models",
    "Education": "models",
    "Work": "models",
    "Project": "models",
    "Award": "models",
    "Certificate": "models",
    "Language": "models",
    "json_schema": "models",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'cvparse' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


__all__ = [
    "Award",
    "Certificate",
    "CvparseError",
    "Education",
    "Evidence",
    "Intention",
    "Language",
    "Limits",
    "Parsed",
    "Profile",
    "Project",
    "Result",
    "Work",
    "errors",
    "json_schema",
    "parse",
    "parse_many",
    "parse_text",
    "parse_text_with_evidence",
    "parse_with_evidence",
]
