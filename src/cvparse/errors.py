"""The exceptions cvparse raises: one root class, one subclass per way a document can fail.

Callers catch :class:`CvparseError` to handle every parse failure; the subclasses say why,
so a batch can report "encrypted" apart from "corrupt" without reading messages. No
dependency exception (pdfminer, zipfile, lxml ...) is meant to escape the library: intake
wraps them in one of these, naming the file.
"""

from __future__ import annotations


class CvparseError(Exception):
    """Root of every error cvparse raises on purpose."""

    def __init__(self, message: str, *, source: str | None = None) -> None:
        self.source = source
        self.message = message
        super().__init__(f"{source}: {message}" if source else message)


class InputError(CvparseError, ValueError):
    """The argument itself is unusable (wrong type, missing file, empty input)."""


class EmptyDocumentError(InputError):
    """The input has no bytes or no text at all."""


class UnsupportedFormatError(CvparseError):
    """The input is a format cvparse does not read (legacy .doc, images, archives ...)."""

    def __init__(self, message: str, *, source: str | None = None, format: str | None = None) -> None:
        self.format = format
        super().__init__(message, source=source)


class EncodingError(CvparseError):
    """Text bytes could not be decoded in any supported encoding."""


class CorruptDocumentError(CvparseError):
    """The file claims a format but its structure is broken or truncated."""


class EncryptedDocumentError(CvparseError):
    """The document is password-protected and cannot be opened without the password."""


class NoTextError(CvparseError):
    """The document has no usable text layer (a scan, or a broken font map); OCR is needed."""


class LimitExceededError(CvparseError):
    """The input is larger than a configured limit (bytes, pages, characters)."""

    def __init__(self, message: str, *, source: str | None = None, limit: str = "", value: int = 0) -> None:
        self.limit = limit
        self.value = value
        super().__init__(message, source=source)


class ParseTimeoutError(CvparseError, TimeoutError):
    """Parsing one document took longer than its time limit."""


class NotAResumeError(CvparseError):
    """The text was read but nothing in it looks like a résumé."""


class WorkerCrashedError(CvparseError):
    """A batch worker process died (segfault, out of memory) while parsing this file."""


__all__ = [
    "CorruptDocumentError",
    "CvparseError",
    "EmptyDocumentError",
    "EncodingError",
    "EncryptedDocumentError",
    "InputError",
    "LimitExceededError",
    "NoTextError",
    "NotAResumeError",
    "ParseTimeoutError",
    "UnsupportedFormatError",
    "WorkerCrashedError",
]
