"""Per-file resource limits, with defaults sized for résumés.

A résumé is a few pages and a few thousand characters; anything far past that is a
portfolio, a thesis or a hostile file, and is refused early with a typed error rather than
parsed slowly. Every limit can be changed per call (``cvparse.parse(..., limits=...)``) and on
the command line.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any


@dataclass(frozen=True, slots=True)
class Limits:
    """Upper bounds for one document. ``None`` turns a limit off."""

    max_bytes: int | None = 20 * 1024 * 1024
    """Input size in bytes (20 MiB: résumé PDFs with photos are rarely over 5)."""
    max_pages: int | None = 30
    """PDF pages; checked from the page count before any page is read."""
    max_chars: int | None = 300_000
    """Extracted text; about 100 dense pages of Chinese."""
    max_unzipped_bytes: int | None = 100 * 1024 * 1024
    """Total decompressed size of a DOCX package (zip-bomb guard)."""
    timeout: float | None = 60.0
    """Seconds per file in batch runs (enforced by the batch runner)."""

    def resolve(self, **overrides: Any) -> Limits:
        """A copy with the given fields replaced; unknown names raise ``TypeError``."""
        return replace(self, **overrides) if overrides else self


DEFAULT_LIMITS = Limits()
