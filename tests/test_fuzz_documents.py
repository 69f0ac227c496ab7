"""Property tests on whole documents: arbitrary bytes, and small valid PDFs and DOCX packages
with bytes flipped, inserted, deleted or cut off, give a validating profile or a cvparse error,
never any other exception.

``CVPARSE_HYPOTHESIS_EXAMPLES`` sets the number of examples per property, as in
``test_properties.py`` (default 300: this file takes about 15 s on two cores, both files about
20 s); CI can raise it for a longer soak.
"""

from __future__ import annotations

import os
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cvparse
from cvparse.errors import CvparseError
from test_hostile import RESUME_ZH, docx_package, encrypted_pdf, javascript_pdf, resume_pdf, word_xml

EXAMPLES = int(os.environ.get("CVPARSE_HYPOTHESIS_EXAMPLES", "300"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])

SEEDS: dict[str, Callable[[], bytes]] = {
    "pdf": resume_pdf,
    "pdf-javascript": javascript_pdf,
    "pdf-encrypted": lambda: encrypted_pdf(""),
    "docx": lambda: docx_package(word_xml(RESUME_ZH.splitlines())),
    "text": lambda: RESUME_ZH.encode("utf-8"),
    "text-gbk": lambda: RESUME_ZH.encode("gbk"),
}


def _outcome(data: bytes, engine: str = "pdfplumber") -> None:
    try:
        profile = cvparse.parse(data, engine=engine)  # type: ignore[arg-type]
    except CvparseError as exc:
        message = exc.message
    else:
        cvparse.Profile.model_validate(profile.model_dump(mode="json"))
        return
    assert message  # every error carries a reason a user can read


_edit = st.one_of(
    st.tuples(st.just("flip"), st.integers(0, 1 << 30), st.integers(1, 255)),
    st.tuples(st.just("set"), st.integers(0, 1 << 30), st.integers(0, 255)),
    st.tuples(st.just("insert"), st.integers(0, 1 << 30), st.binary(min_size=1, max_size=64)),
    st.tuples(st.just("delete"), st.integers(0, 1 << 30), st.integers(1, 256)),
    st.tuples(st.just("truncate"), st.integers(0, 1 << 30), st.just(0)),
)


def mutate(seed: bytes, edits: list[tuple[str, int, object]]) -> bytes:
    data = bytearray(seed)
    for kind, where, arg in edits:
        if not data:
            break
        pos = where % len(data)
        if kind == "flip":
            assert isinstance(arg, int)
            data[pos] ^= arg
        elif kind == "set":
            assert isinstance(arg, int)
            data[pos] = arg
        elif kind == "insert":
            assert isinstance(arg, bytes)
            data[pos:pos] = arg
        elif kind == "delete":
            assert isinstance(arg, int)
            del data[pos : pos + arg]
        else:
            del data[pos:]
    return bytes(data)


@pytest.fixture(scope="module")
def seeds() -> dict[str, bytes]:
    return {name: make() for name, make in SEEDS.items()}


@pytest.mark.parametrize("kind", SEEDS)
def test_seeds_parse(kind: str, seeds: dict[str, bytes]) -> None:
    assert isinstance(cvparse.parse(seeds[kind]), cvparse.Profile)


@pytest.mark.parametrize("kind", SEEDS)
@SETTINGS
@given(edits=st.lists(_edit, min_size=1, max_size=6))
def test_mutated_documents(kind: str, edits: list[tuple[str, int, object]], seeds: dict[str, bytes]) -> None:
    _outcome(mutate(seeds[kind], edits))


@SETTINGS
@given(edits=st.lists(_edit, min_size=1, max_size=6))
def test_mutated_pdf_with_pdfium(edits: list[tuple[str, int, object]], seeds: dict[str, bytes]) -> None:
    _outcome(mutate(seeds["pdf"], edits), engine="pdfium")


_PREFIXES = [
    b"",
    b"%PDF-1.7\n",
    b"PK\x03\x04",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
]


@SETTINGS
@given(prefix=st.sampled_from(_PREFIXES), body=st.binary(max_size=2000))
def test_arbitrary_bytes_behind_any_magic(prefix: bytes, body: bytes) -> None:
    _outcome(prefix + body)
