"""Phone numbers → the contract form: a mainland mobile as its 11 digits, anything else E.164.

Résumés write numbers with spaces, dashes, ``+86`` / ``0086`` prefixes and full-width
digits; ``phonenumbers`` (Google's libphonenumber metadata) decides what is a valid number,
so a student ID or a QQ number is not mistaken for a phone.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex

from .text import halfwidth


@dataclass(frozen=True, slots=True)
class PhoneHit:
    value: str
    start: int
    end: int
    mobile: bool


@cache
def _candidates() -> regex.Pattern[str]:
    # A run that starts with + or a digit and holds digits with single separators.
    return regex.compile(r"(?=[+\d])(?<![\w@.])(?:\+|00)?\d[\d\s\-().]{5,20}\d(?![\w@])")


_MOBILE = regex.compile(r"1[3-9]\d{9}")
_TW_MOBILE = regex.compile(r"09\d{8}")
_NON_DIGITS = regex.compile(r"\D")
_DIGIT = regex.compile(r"\d")
_DATE_LIKE = regex.compile(r"(?:19|20)\d{2}[.\-/]\d{1,2}(?:[.\-/]\d{1,2})?(?:\s*[-–~]\s*.*)?")


def normalize_phone(raw: str) -> str | None:
    """One written phone number → ``13912345678`` or ``+862886001234``; ``None`` when not valid."""
    import phonenumbers

    text = halfwidth(raw).strip()
    digits = _NON_DIGITS.sub("", text)
    foreign = text.startswith("+") and not digits.startswith("86")
    if text.startswith("+"):
        pass
    elif digits.startswith("0086"):
        text, digits = "+" + digits[2:], digits[2:]
    elif digits.startswith("86") and len(digits) == 13 and _MOBILE.fullmatch(digits[2:]):
        text, digits = "+" + digits, digits
    if _MOBILE.fullmatch(digits) and not foreign:
        return digits
    if len(digits) == 13 and digits.startswith("86") and _MOBILE.fullmatch(digits[2:]):
        return digits[2:]
    # Without a country code the number is read as mainland China; a ten-digit 09… number is not
    # a mainland one and is the way Taiwan writes its mobiles (0912-345-678).
    region = "TW" if not text.startswith("+") and _TW_MOBILE.fullmatch(digits) else "CN"
    try:
        num = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(num):
        return None
    national = str(num.national_number)
    if num.country_code == 86 and _MOBILE.fullmatch(national):
        return national
    return phonenumbers.format_number(num, phonenumbers.PhoneNumberFormat.E164)


def find_phones(text: str) -> list[PhoneHit]:
    """Valid phone numbers in ``text`` with their spans; mobiles flagged."""
    out: list[PhoneHit] = []
    # Most lines have no digit: skip the scan. (The full-width digits halfwidth maps are digits
    # already, and it makes no other character one.)
    if not _DIGIT.search(text):
        return out
    t = halfwidth(text)
    for m in _candidates().finditer(t):
        raw = m.group().strip()
        if _DATE_LIKE.fullmatch(raw):
            continue  # a date or date range, not a number
        value = normalize_phone(raw)
        if value:
            out.append(
                PhoneHit(value, m.start(), m.start() + len(m.group().rstrip()), not value.startswith("+"))
            )
    return out
