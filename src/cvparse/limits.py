"""Per-file resource limits, with defaults sized for résumés, and the per-file deadline.

A résumé is a few pages and a few thousand characters; anything far past that is a
portfolio, a thesis or a hostile file, and is refused early with a typed error rather than
parsed slowly. Every limit can be changed per call (``cvparse.parse(..., limits=...)``) and on
the command line.

Time is limited cooperatively inside one ``parse()`` call: :class:`Deadline` is started when
the call begins and checked between units of work (a PDF page, a block of DOCX paragraphs or
text lines, a pipeline stage), raising :class:`~cvparse.errors.ParseTimeoutError`. No thread
or signal is involved, so the library stays safe to call from any thread; a single unit of
work that never returns (one pathological PDF page inside pdfminer) is only stopped by the
batch runner, which kills its worker process at the same limit.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace
from typing import Any

from .errors import ParseTimeoutError


@dataclass(frozen=True, slots=True)
class Limits:
    """Upper bounds for one document. ``None`` turns a limit off."""

    max_bytes: int | None = 20 * 1024 * 1024
    """Input size in bytes (20 MiB: résumé PDFs with photos are rarely over 5)."""
    max_pages: int | None = 30
    """PDF pages; checked from the page count before any page is read."""
    max_chars: int | None = 300_000
    """Extracted text; about 100 dense pages of Chinese. Plain-text input is refused before
    decoding when its byte size alone proves it over (every supported encoding spends at most
    four bytes on a character)."""
    max_unzipped_bytes: int | None = 100 * 1024 * 1024
    """Total decompressed size of a DOCX package, or of a PDF's compressed text, font and
    object streams (compression-bomb guard)."""
    timeout: float | None = 60.0
    """Seconds per file. Checked cooperatively inside ``parse()`` (:class:`Deadline`) and
    enforced by killing the worker in batch runs."""

    def resolve(self, **overrides: Any) -> Limits:
        """A copy with the given fields replaced; unknown names raise ``TypeError``."""
        return replace(self, **overrides) if overrides else self


DEFAULT_LIMITS = Limits()


@dataclass(frozen=True, slots=True)
class Deadline:
    """The moment one document's time runs out, on the monotonic clock (``None``: never)."""

    at: float | None = None
    seconds: float | None = None

    @classmethod
    def start(cls, seconds: float | None) -> Deadline:
        """A deadline ``seconds`` from now; ``None`` (or a non-positive value) never expires."""
        if seconds is None or not seconds > 0:
            return NO_DEADLINE
        return cls(time.monotonic() + seconds, seconds)

    def expired(self) -> bool:
        return self.at is not None and time.monotonic() >= self.at

    def check(self, source: str | None = None, stage: str = "") -> None:
        """Raise :class:`ParseTimeoutError` once the deadline has passed."""
        if self.at is not None and time.monotonic() >= self.at:
            where = f" ({stage})" if stage else ""
            raise ParseTimeoutError(f"parsing took longer than {self.seconds:g} s{where}", source=source)


NO_DEADLINE = Deadline()
"""A deadline that never expires (the default for the intake readers when called directly)."""
