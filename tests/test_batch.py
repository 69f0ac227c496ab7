"""parse_many(): order, typed errors, and what a slow, crashing or buggy file costs.

The parse function is replaced by :func:`fake_parse` (a top-level function, so worker
processes can import it), which acts on a keyword in the file: the tests are about the
batch runner, not about extraction, and must not depend on how fast the real parser is.
"""

from __future__ import annotations

import os
import signal
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from cvparse.batch import ErrorInfo, Result, parse_many
from cvparse.errors import EmptyDocumentError, InputError
from cvparse.limits import Limits
from cvparse.models import Profile


def fake_parse(source: object, limits: Limits, engine: str) -> Profile:
    text = Path(str(source)).read_text(encoding="utf-8")
    if "SLOW" in text:
        time.sleep(60)
    if "CRASH" in text:
        os.kill(os.getpid(), signal.SIGSEGV)
    if "BUG" in text:
        raise KeyError("boom")
    if not text.strip():
        raise EmptyDocumentError("the input is empty", source=str(source))
    return Profile(name=text.split()[0])


def make(tmp_path: Path, contents: list[str]) -> list[Path]:
    paths = []
    for i, text in enumerate(contents):
        p = tmp_path / f"{i:02d}.txt"
        p.write_text(text, encoding="utf-8")
        paths.append(p)
    return paths


def summary(results: list[Result]) -> list[str]:
    return [r.profile.name or "" if r.profile else f"!{r.error.type if r.error else ''}" for r in results]


@pytest.mark.parametrize("workers", [1, 2])
def test_order_and_typed_errors(tmp_path: Path, workers: int) -> None:
    paths = make(tmp_path, ["张三", "", "李四", "BUG", "王五"])
    results = list(parse_many(paths, workers=workers, _parser=fake_parse))
    assert [r.source for r in results] == [str(p) for p in paths]
    assert summary(results) == ["张三", "!EmptyDocumentError", "李四", "!KeyError", "王五"]
    assert results[0].ok
    assert not results[1].ok
    assert results[1].error is not None
    assert results[1].error.is_a(InputError)
    assert results[3].error == ErrorInfo("KeyError", "'boom'")
    assert all(r.seconds >= 0 for r in results)


def test_real_parser_errors_are_typed(tmp_path: Path) -> None:
    """The default parser (the real pipeline) turns unreadable input into typed errors."""
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    results = list(parse_many([empty, tmp_path / "missing.pdf", b"  \n"], workers=0))
    assert [r.error.type if r.error else None for r in results] == [
        "EmptyDocumentError",
        "InputError",
        "EmptyDocumentError",
    ]
    assert results[2].source == "<bytes #2>"


def test_timeout_costs_only_the_slow_file(tmp_path: Path) -> None:
    paths = make(tmp_path, ["a", "SLOW", "b", "c", "d"])
    start = time.perf_counter()
    results = list(parse_many(paths, workers=2, timeout=1.0, _parser=fake_parse))
    assert time.perf_counter() - start < 15
    assert summary(results) == ["a", "!ParseTimeoutError", "b", "c", "d"]
    assert results[1].seconds >= 1.0


def test_timeout_in_process(tmp_path: Path) -> None:
    paths = make(tmp_path, ["a", "SLOW", "b"])
    results = list(parse_many(paths, workers=0, timeout=0.5, _parser=fake_parse))
    assert summary(results) == ["a", "!ParseTimeoutError", "b"]


def test_crashing_worker_costs_only_its_file(tmp_path: Path) -> None:
    paths = make(tmp_path, ["a", "CRASH", "b", "CRASH", "c", "d"])
    results = list(parse_many(paths, workers=2, timeout=20, _parser=fake_parse))
    assert summary(results) == ["a", "!WorkerCrashedError", "b", "!WorkerCrashedError", "c", "d"]
    assert results[1].error is not None
    assert "SIGSEGV" in results[1].error.message


def test_streams_before_the_batch_ends(tmp_path: Path) -> None:
    """The first result arrives while a later file is still being parsed."""
    paths = make(tmp_path, ["a", "b", "SLOW"])
    it = parse_many(paths, workers=2, timeout=30, _parser=fake_parse)
    start = time.perf_counter()
    first = next(it)
    assert first.profile is not None
    assert time.perf_counter() - start < 10
    it.close()  # stops the worker stuck on SLOW rather than waiting 30 s


def test_lazy_iterable_and_many_files(tmp_path: Path) -> None:
    paths = make(tmp_path, [f"n{i}" for i in range(150)])
    results = list(parse_many((p for p in paths), workers=2, _parser=fake_parse))
    assert summary(results) == [f"n{i}" for i in range(150)]


def test_thread_pool_executor(tmp_path: Path) -> None:
    paths = make(tmp_path, ["a", "", "BUG", "b"])
    with ThreadPoolExecutor(2) as pool:
        results = list(parse_many(paths, executor=pool, _parser=fake_parse))
    assert summary(results) == ["a", "!EmptyDocumentError", "!KeyError", "b"]


def test_executor_timeout_is_best_effort(tmp_path: Path) -> None:
    paths = make(tmp_path, ["a", "SLOWISH"])

    with ThreadPoolExecutor(2) as pool:
        results = list(parse_many(paths, executor=pool, timeout=0.3, _parser=_sleepy_parse))
    assert summary(results) == ["a", "!ParseTimeoutError"]


def _sleepy_parse(source: object, limits: Limits, engine: str) -> Profile:
    text = Path(str(source)).read_text(encoding="utf-8")
    if "SLOWISH" in text:
        time.sleep(1.0)
    return Profile(name=text)


def test_dask_local_cluster(tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    paths = make(tmp_path, ["a", "", "BUG", "b"])
    with (
        distributed.LocalCluster(
            n_workers=1, threads_per_worker=2, processes=False, dashboard_address=":0"
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        results = list(parse_many(paths, executor=client.get_executor(), _parser=fake_parse))
    assert summary(results) == ["a", "!EmptyDocumentError", "!KeyError", "b"]


def test_arguments_checked() -> None:
    with pytest.raises(ValueError, match="timeout"):
        parse_many([], timeout=0)
    with pytest.raises(ValueError, match="workers"):
        parse_many([], workers=-1)


def test_results_are_immutable_and_picklable(tmp_path: Path) -> None:
    import pickle

    (result,) = parse_many(make(tmp_path, ["张三"]), workers=0, _parser=fake_parse)
    assert pickle.loads(pickle.dumps(result)) == result
    with pytest.raises(AttributeError):
        result.seconds = 0.0  # type: ignore[misc]


def _pid_parse(source: object, limits: Limits, engine: str) -> Profile:
    return Profile(name=str(os.getpid()))


def test_workers_are_recycled(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """After _TASKS_PER_WORKER files a worker is replaced (bounds leaked memory)."""
    import cvparse.batch

    monkeypatch.setattr(cvparse.batch, "_TASKS_PER_WORKER", 2)
    results = list(parse_many(make(tmp_path, ["x"] * 10), workers=2, _parser=_pid_parse))
    assert all(r.ok for r in results)
    pids = {r.profile.name for r in results if r.profile}
    assert len(pids) >= 4
    assert str(os.getpid()) not in pids
