"""Per-document memoisation: answers are kept within a document and forgotten at the next."""

from __future__ import annotations

import cvparse
from cvparse.extract import kv
from cvparse.memo import new_document, per_document


def test_a_memoised_helper_runs_once_per_document_and_again_after_new_document() -> None:
    calls: list[str] = []

    @per_document
    def shout(text: str) -> str:
        calls.append(text)
        return text.upper()

    assert shout("a") == "A"
    assert shout("a") == "A"
    assert calls == ["a"]
    new_document()
    assert shout("a") == "A"
    assert calls == ["a", "a"]


def test_a_parse_starts_a_new_document() -> None:
    info = kv._pairs.cache_info  # type: ignore[attr-defined]
    kv.pairs("姓名：张三")
    misses = info().misses
    kv.pairs("姓名：张三")
    assert info().misses == misses  # kept
    cvparse.parse_text("姓名：李四\n电话：13800138000\n教育背景\n北京大学 本科 2015-2019")
    misses = info().misses
    kv.pairs("姓名：张三")
    assert info().misses == misses + 1  # forgotten when the parse started


def test_memoised_answers_are_immutable() -> None:
    got = kv.pairs("姓名：张三  性别：男")
    assert isinstance(got, tuple)
    assert [p.field for p in got] == ["name", "gender"]
