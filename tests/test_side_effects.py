"""Parsing has no side effects: no network, no files written, nothing run, no personal data in
logs at INFO or above, nothing printed by dependencies.

Inputs are the hostile-suite builders (a résumé PDF, one with JavaScript and an embedded file,
a DOCX, text) plus the dev corpus when ``../shared`` is present.
"""

from __future__ import annotations

import logging
import os
import socket
import subprocess
import sys
import tempfile
import webbrowser
from pathlib import Path

import pytest

import cvparse
from cvparse.errors import CvparseError
from test_hostile import RESUME_ZH, docx_package, javascript_pdf, resume_pdf, word_xml

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
DEV = SHARED / "corpus" / "dev"
ENGINES = ("pdfplumber", "pdfium")


def built_inputs() -> list[bytes]:
    return [
        resume_pdf(),
        javascript_pdf(),
        docx_package(word_xml(RESUME_ZH.splitlines())),
        RESUME_ZH.encode("utf-8"),
        RESUME_ZH.encode("gbk"),
        ("# 张晓明\n\n[主页](https://example.com/zhang)\n\n" + RESUME_ZH).encode(),
    ]


def dev_files(suffixes: tuple[str, ...] = (".pdf", ".docx", ".txt", ".md")) -> list[Path]:
    if not DEV.is_dir():
        return []
    return sorted(p for p in DEV.iterdir() if p.suffix.lower() in suffixes)


def corpus_or_skip(suffixes: tuple[str, ...] = (".pdf", ".docx", ".txt", ".md")) -> list[Path]:
    files = dev_files(suffixes)
    if not files:
        pytest.skip(f"dev corpus not found at {DEV}")
    return files


def parse_all(sources: list[bytes] | list[Path], engine: str = "pdfplumber") -> int:
    parsed = 0
    for source in sources:
        try:
            cvparse.parse(source, engine=engine)  # type: ignore[arg-type]
            parsed += 1
        except CvparseError:
            pass
    return parsed


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    attempts: list[str] = []

    def refuse(*args: object, **kwargs: object) -> None:
        attempts.append(repr(args)[:100])
        raise AssertionError(f"parsing opened a network connection: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    return attempts


@pytest.fixture
def nothing_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"parsing tried to run or open something: {args!r}")

    monkeypatch.setattr(subprocess.Popen, "__init__", refuse)
    monkeypatch.setattr(os, "system", refuse)
    monkeypatch.setattr(os, "posix_spawn", refuse, raising=False)
    monkeypatch.setattr(os, "execv", refuse)
    monkeypatch.setattr(os, "execve", refuse)
    monkeypatch.setattr(webbrowser, "open", refuse)


@pytest.mark.parametrize("engine", ENGINES)
def test_no_network(engine: str, no_network: list[str], nothing_runs: None) -> None:
    assert parse_all(built_inputs(), engine) >= 4
    parse_all(dev_files()[:12], engine)
    assert no_network == []


@pytest.mark.parametrize("engine", ENGINES)
def test_no_files_written(engine: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    work, home = tmp_path / "cwd", tmp_path / "home"
    work.mkdir()
    home.mkdir()
    monkeypatch.chdir(work)
    for var in ("HOME", "TMPDIR", "TEMP", "TMP", "XDG_CACHE_HOME"):
        monkeypatch.setenv(var, str(home))
    monkeypatch.setattr(tempfile, "tempdir", None)  # re-read TMPDIR
    inputs = built_inputs()
    for i, data in enumerate(inputs[:3]):  # by path as well as by bytes
        (tmp_path / f"in{i}").write_bytes(data)
    assert parse_all(inputs, engine) >= 4
    parse_all([tmp_path / f"in{i}" for i in range(3)], engine)
    parse_all(dev_files()[:12], engine)
    assert sorted(work.rglob("*")) == []
    assert sorted(home.rglob("*")) == []


def test_parsing_does_not_load_jieba() -> None:
    """jieba writes a 9 MB cache file and prints to stderr on first use; cvparse does not use it."""
    code = (
        "import sys, cvparse\n"
        f"sys.path.insert(0, {str(Path(__file__).parent)!r})\n"
        "from test_hostile import RESUME_ZH, resume_pdf, docx_package, word_xml\n"
        "for src in (RESUME_ZH.encode(), resume_pdf(), docx_package(word_xml(RESUME_ZH.splitlines()))):\n"
        "    cvparse.parse(src)\n"
        "print('jieba' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert out.stdout.strip() == "False"
    assert out.stderr == ""


def test_no_personal_data_logged_at_info_or_above(caplog: pytest.LogCaptureFixture) -> None:
    secrets = ("张晓明", "13800138000", "Ann Example", "555 0100", "ann@example.com")
    with caplog.at_level(logging.DEBUG):
        parse_all(built_inputs())
        cvparse.parse_text(RESUME_ZH)
    loud = [r for r in caplog.records if r.levelno >= logging.INFO]
    leaks = [r.getMessage() for r in loud if any(s in r.getMessage() for s in secrets)]
    assert leaks == []


@pytest.mark.parametrize("engine", ENGINES)
def test_dependencies_print_nothing(engine: str, capfd: pytest.CaptureFixture[str]) -> None:
    parse_all(built_inputs(), engine)
    parse_all(corpus_or_skip((".pdf",)), engine)
    out, err = capfd.readouterr()
    assert "FontBBox" not in err
    assert out == ""
    assert err == ""


def test_dependencies_print_nothing_even_with_logging_configured(capfd: pytest.CaptureFixture[str]) -> None:
    """An application that calls ``logging.basicConfig()`` still sees no pdfminer warnings."""
    root = logging.getLogger()
    handler = logging.StreamHandler(sys.stderr)
    root.addHandler(handler)
    level = root.level
    root.setLevel(logging.WARNING)
    try:
        parse_all(corpus_or_skip((".pdf",)))
    finally:
        root.removeHandler(handler)
        root.setLevel(level)
    _, err = capfd.readouterr()
    assert "FontBBox" not in err
    assert err == ""
