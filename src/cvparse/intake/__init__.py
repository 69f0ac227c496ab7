"""Intake: bytes or a path in, a :class:`~cvparse.document.Document` of lines out.

The format is sniffed from the content, never trusted from the file name (a ``.pdf`` that
is really a DOCX is read as a DOCX); the name only breaks ties between plain text and
Markdown. Each format's reader lives in its own module and is imported on first use, so
``import cvparse`` does not pay for pdfplumber or python-docx.

Whatever the format, the lines handed on are bounded (:func:`bound_lines`): the extractors run
many regular expressions per line, and a hostile line (200 KB without a break, 100,000 spaces)
must cost them linear time, not quadratic.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from ..document import Document
from ..errors import (
    EmptyDocumentError,
    EncryptedDocumentError,
    InputError,
    LimitExceededError,
    UnsupportedFormatError,
)
from ..limits import DEFAULT_LIMITS, NO_DEADLINE, Deadline, Limits
from .bounds import MAX_BYTES_PER_CHAR, bound_lines
from .sniff import ENCRYPTED_OOXML, sniff

Source = str | bytes | bytearray | memoryview | os.PathLike[str]
# The default PDF engine is pdfium: on the dev corpus it scores the same micro-F1 as
# pdfplumber (0.9658 both, every PDF the same; external/real 0.6370 vs 0.6369) and reads a
# page about 4x faster (bench/run.py). pdfplumber stays available for the files pdfium
# misreads.
Engine = Literal["pdfplumber", "pdfium"]


def load_bytes(source: Source, limits: Limits = DEFAULT_LIMITS) -> tuple[bytes, str | None]:
    """The raw bytes of ``source`` and a display name for messages."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
        name = None
    elif isinstance(source, (str, os.PathLike)):
        path = Path(source)
        name = str(path)
        try:
            if not path.is_file():
                raise InputError("no such file" if not path.exists() else "not a regular file", source=name)
            size = path.stat().st_size
            if limits.max_bytes is not None and size > limits.max_bytes:
                raise LimitExceededError(
                    f"file is {size:,} bytes, over the limit of {limits.max_bytes:,}",
                    source=name,
                    limit="max_bytes",
                    value=size,
                )
            data = path.read_bytes()
        except OSError as exc:
            raise InputError(f"cannot read file: {exc.strerror or exc}", source=name) from exc
    else:
        raise InputError(f"expected a path or bytes, got {type(source).__name__}")
    if limits.max_bytes is not None and len(data) > limits.max_bytes:
        raise LimitExceededError(
            f"input is {len(data):,} bytes, over the limit of {limits.max_bytes:,}",
            source=name,
            limit="max_bytes",
            value=len(data),
        )
    if not data.strip():
        raise EmptyDocumentError("the input is empty", source=name)
    return data, name


def read(
    source: Source,
    *,
    limits: Limits = DEFAULT_LIMITS,
    engine: Engine = "pdfium",
    deadline: Deadline = NO_DEADLINE,
) -> Document:
    """Read any supported input into a :class:`Document` of bounded lines."""
    data, name = load_bytes(source, limits)
    kind = sniff(data, name)
    if kind == "pdf":
        from .pdf import read_pdf

        doc = read_pdf(data, source=name, limits=limits, engine=engine, deadline=deadline)
    elif kind == "docx":
        from .docx import read_docx

        doc = read_docx(data, source=name, limits=limits, deadline=deadline)
    elif kind in ("text", "markdown"):
        from .text import read_text

        if limits.max_chars is not None and len(data) > MAX_BYTES_PER_CHAR * limits.max_chars:
            raise LimitExceededError(
                f"the text is {len(data):,} bytes, so over {len(data) // MAX_BYTES_PER_CHAR:,} characters; "
                f"over the limit of {limits.max_chars:,}",
                source=name,
                limit="max_chars",
                value=len(data) // MAX_BYTES_PER_CHAR,
            )
        doc = read_text(data, source=name, markdown=kind == "markdown", limits=limits, deadline=deadline)
        # read_text bounds its lines itself (parse_text reads through it alone), and bounding
        # bounded lines changes nothing: only the checks are left to do.
        _check(doc, limits)
        return doc
    elif kind == ENCRYPTED_OOXML:
        # Office wraps a password-protected DOCX in an OLE file; say "encrypted", not ".doc"
        raise EncryptedDocumentError("the document is password-protected", source=name)
    else:
        raise UnsupportedFormatError(f"unsupported format: {kind}", source=name, format=kind)
    return finish(doc, limits)


def finish(doc: Document, limits: Limits) -> Document:
    """Check ``max_chars`` and bound the lines: the last step of every reader's output."""
    _check(doc, limits)
    doc.lines = bound_lines(doc.lines)
    return doc


def _check(doc: Document, limits: Limits) -> None:
    """Raise when ``doc`` has no text or more than ``max_chars`` characters."""
    if not any(line.text.strip() for line in doc.lines):
        raise EmptyDocumentError("the document has no text", source=doc.source)
    _check_chars(doc, limits)


def _check_chars(doc: Document, limits: Limits) -> None:
    if limits.max_chars is None:
        return
    total = sum(len(line.text) + 1 for line in doc.lines)
    if total > limits.max_chars:
        raise LimitExceededError(
            f"document has {total:,} characters of text, over the limit of {limits.max_chars:,}",
            source=doc.source,
            limit="max_chars",
            value=total,
        )


__all__ = ["Engine", "Source", "finish", "load_bytes", "read"]
