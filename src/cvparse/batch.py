"""parse_many(): many résumés in, one :class:`Result` per input out, in input order.

A batch of real-world résumés always holds a few hostile files: a PDF that sends pdfminer
into a loop, one that segfaults a C library, one that eats all memory. One such file must
cost only its own result, never the batch. That rules out ``ProcessPoolExecutor`` (it
cannot stop one task, and a dead worker breaks the whole pool), so this module runs its own
small pool: one process per worker, one task at a time per worker, a pipe each. A worker
past its file's deadline is killed and replaced (:class:`~cvparse.errors.ParseTimeoutError`
for that file); a worker that dies is replaced (:class:`~cvparse.errors.WorkerCrashedError`).

Any ``concurrent.futures.Executor`` (Dask's ``Client.get_executor()``, Ray's, a thread pool)
can run the batch instead; its own machinery then decides what a crash costs, and the
timeout is best effort (a running task cannot be stopped through the Executor interface).

Nothing here imports pydantic or the parsers at module level: ``import cvparse`` pulls this
module in lazily, and worker processes import the pipeline on first use.
"""

from __future__ import annotations

import builtins
import contextlib
import os
import signal
import threading
import time
from collections.abc import Callable, Generator, Iterable, Iterator
from concurrent.futures import Executor, Future
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from . import errors
from .errors import CvparseError, ParseTimeoutError, WorkerCrashedError
from .limits import DEFAULT_LIMITS, Limits

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.context import BaseContext
    from multiprocessing.process import BaseProcess

    from .evidence import Evidence
    from .intake import Engine, Source
    from .models import Profile

    Parser = Callable[[Source, Limits, Engine], Profile]

_LOOKAHEAD_PER_WORKER = 16
"""How far past the oldest unfinished input the pool may run, per worker. Results are
yielded in input order, so one slow file holds back every later result until it finishes
or times out; the window keeps the results buffered meanwhile bounded (memory) while
leaving the other workers enough to do."""
_MIN_LOOKAHEAD = 64
_TASKS_PER_WORKER = 250
"""A worker is replaced after this many files, so memory that a parser leaks or a huge
document fragments (pdfminer caches per document, but Python rarely returns memory to the
OS) cannot pile up over a run of 100,000 files. Replacing one costs a fork of the
preloaded forkserver, a few milliseconds."""


@dataclass(frozen=True, slots=True)
class ErrorInfo:
    """Why one input failed: the exception's class name and its message.

    Plain strings rather than the exception object, so a result crosses process and
    cluster boundaries (pickle, JSON) unchanged whatever raised it. ``type`` is the name of
    a :mod:`cvparse.errors` class for every failure cvparse anticipates, and the original
    class name (``KeyError`` ...) for a bug, so a report can count failures by kind.
    """

    type: str
    message: str

    @classmethod
    def from_exception(cls, exc: BaseException) -> ErrorInfo:
        if isinstance(exc, CvparseError):
            return cls(type(exc).__name__, exc.message)
        return cls(type(exc).__name__, str(exc) or repr(exc))

    def is_a(self, kind: builtins.type[BaseException]) -> bool:
        """True when the failure was ``kind`` or a subclass (``info.is_a(InputError)``)."""
        cls = getattr(errors, self.type, None) or getattr(builtins, self.type, None)
        return isinstance(cls, type) and issubclass(cls, kind)

    def to_dict(self) -> dict[str, str]:
        return {"type": self.type, "message": self.message}


@dataclass(frozen=True, slots=True)
class Result:
    """The outcome for one input: a profile, or the reason there is none."""

    source: str
    """The input's path as given (``"<bytes #3>"`` for in-memory input number 3)."""
    profile: Profile | None
    error: ErrorInfo | None
    seconds: float
    """Wall time spent on this input by the worker (up to the kill, for a timeout)."""
    evidence: dict[str, Evidence] | None = None
    """Where each value came from (``parse_many(..., evidence=True)``), else ``None``."""

    @property
    def ok(self) -> bool:
        return self.error is None


def source_name(source: Source, index: int) -> str:
    """The display name of an input: its path, or a numbered placeholder for bytes."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        return f"<bytes #{index}>"
    return os.fspath(source)


def run_one(
    source: Source, limits: Limits, engine: Engine, name: str, parser: Parser | None = None
) -> Result:
    """Parse one input and never raise: every exception becomes an error :class:`Result`.

    Top-level and picklable on purpose: this is what a worker process, a Dask worker or a
    Ray actor calls for each input.
    """
    start = time.perf_counter()
    evidence = None
    try:
        if parser is None:
            from .pipeline import parse

            profile = parse(source, limits=limits, engine=engine)
        else:
            out = parser(source, limits, engine)
            profile = getattr(out, "profile", out)  # a Parsed from parse_with_evidence_of
            evidence = getattr(out, "evidence", None)
    except Exception as exc:  # a bug in one extractor must not stop a batch of thousands
        return Result(name, None, ErrorInfo.from_exception(exc), time.perf_counter() - start)
    return Result(name, profile, None, time.perf_counter() - start, evidence)


def parse_with_evidence_of(source: Source, limits: Limits, engine: Engine) -> Any:
    """The parser ``parse_many(..., evidence=True)`` runs: a :class:`~cvparse.evidence.Parsed`.
    Top-level so worker processes can unpickle it."""
    from .pipeline import parse_with_evidence

    return parse_with_evidence(source, limits=limits, engine=engine)


def parse_many(
    sources: Iterable[Source],
    *,
    workers: int | None = None,
    timeout: float | None = None,
    executor: Executor | None = None,
    limits: Limits | None = None,
    engine: Engine = "pdfium",
    evidence: bool = False,
    _parser: Parser | None = None,
) -> Generator[Result, None, None]:
    """Parse every input; yield one :class:`Result` per input, in input order, as they finish.

    ``sources`` is read lazily (a generator of a million paths is fine). ``workers`` is the
    number of worker processes (default ``os.cpu_count()``); ``0`` or ``1`` parses in this
    process, one file after the other, with no isolation from crashes. ``timeout`` is seconds
    per file (default ``limits.timeout``, 60; ``Limits(timeout=None)`` turns it off): the worker
    is killed and the file gets a :class:`~cvparse.errors.ParseTimeoutError` result. In-process,
    the timeout is enforced with ``SIGALRM`` only when called from the main thread on POSIX.

    ``executor`` runs the batch on any :class:`concurrent.futures.Executor` instead (Dask,
    Ray, a thread pool); ``workers`` is then ignored. ``_parser`` replaces the parse
    function (tests use it to simulate slow and crashing files); it must be picklable.

    With ``evidence=True`` each result also carries :attr:`Result.evidence` (see
    :func:`cvparse.parse_with_evidence`).

    Closing the iterator early (``break``) stops the workers.
    """
    if evidence and _parser is None:
        _parser = parse_with_evidence_of
    lim = limits or DEFAULT_LIMITS
    if timeout is None:
        timeout = lim.timeout
    if timeout is not None and not timeout > 0:
        raise ValueError(f"timeout must be positive seconds or None, got {timeout!r}")
    if workers is not None and workers < 0:
        raise ValueError(f"workers must be >= 0, got {workers}")
    if executor is not None:
        return _with_executor(sources, executor, timeout, lim, engine, _parser, workers)
    n = (os.cpu_count() or 1) if workers is None else workers
    if n <= 1:
        return _in_process(sources, timeout, lim, engine, _parser)
    return _with_pool(sources, n, timeout, lim, engine, _parser)


# --- in this process -------------------------------------------------------------------------


def _in_process(
    sources: Iterable[Source], timeout: float | None, limits: Limits, engine: Engine, parser: Parser | None
) -> Generator[Result, None, None]:
    for index, source in enumerate(sources):
        name = source_name(source, index)
        start = time.perf_counter()
        try:
            with _alarm(timeout, name):
                result = run_one(source, limits, engine, name, parser)
        except ParseTimeoutError as exc:  # raised by the alarm outside run_one's own try
            result = Result(name, None, ErrorInfo.from_exception(exc), time.perf_counter() - start)
        yield result


class _Alarm(BaseException):
    """Raised by SIGALRM; a BaseException so the parser's ``except Exception`` can't eat it."""


@contextlib.contextmanager
def _alarm(timeout: float | None, name: str) -> Iterator[None]:
    """Interrupt the block after ``timeout`` seconds with :class:`ParseTimeoutError`.

    Only where it is safe to take over SIGALRM: POSIX, main thread, nobody else's handler.
    Elsewhere the block runs to the end (in-process mode cannot stop a running function).
    """
    usable = (
        timeout is not None
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
        and signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, signal.SIG_IGN, None)
    )
    if not usable or timeout is None:
        yield
        return

    def on_alarm(signum: int, frame: Any) -> None:
        raise _Alarm

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, timeout)
    try:
        yield
    except _Alarm:
        raise ParseTimeoutError(f"parsing took longer than {timeout:g} s", source=name) from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


# --- on a concurrent.futures.Executor --------------------------------------------------------


def _with_executor(
    sources: Iterable[Source],
    executor: Executor,
    timeout: float | None,
    limits: Limits,
    engine: Engine,
    parser: Parser | None,
    workers: int | None,
) -> Generator[Result, None, None]:
    window = max(_MIN_LOOKAHEAD, _LOOKAHEAD_PER_WORKER * (workers or os.cpu_count() or 1))
    pending: list[tuple[str, Future[Result]]] = []
    it = enumerate(sources)
    exhausted = False
    try:
        while True:
            while not exhausted and len(pending) < window:
                item = next(it, None)
                if item is None:
                    exhausted = True
                    break
                index, source = item
                name = source_name(source, index)
                pending.append((name, executor.submit(run_one, source, limits, engine, name, parser)))
            if not pending:
                return
            name, future = pending.pop(0)
            # Measured from when this result is awaited, not submitted: submission order is not
            # start order on a busy cluster, and a queued file must not time out.
            start = time.perf_counter()
            try:
                yield future.result(timeout=timeout)
            except FutureTimeout:
                future.cancel()
                exc: CvparseError = ParseTimeoutError(f"no result within {timeout:g} s", source=name)
                yield Result(name, None, ErrorInfo.from_exception(exc), time.perf_counter() - start)
            except Exception as err:  # the executor lost the task: KilledWorker, BrokenProcessPool ...
                info = ErrorInfo("WorkerCrashedError", f"{type(err).__name__}: {err}")
                yield Result(name, None, info, time.perf_counter() - start)
    finally:
        for _, future in pending:
            future.cancel()


# --- own process pool ------------------------------------------------------------------------


def _worker_main(conn: Connection, limits: Limits, engine: Engine, parser: Parser | None) -> None:
    """A worker's loop: receive ``(index, source, name)``, send back ``(index, Result)``."""
    # Ctrl-C reaches the whole process group; only the parent should act on it (it stops us).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):  # the parent is gone
            return
        if task is None:
            return
        index, source, name = task
        result = run_one(source, limits, engine, name, parser)
        try:
            conn.send((index, result))
        except OSError:  # the parent is gone (killed): nobody wants the result
            return


def _mp_context() -> BaseContext:
    """forkserver where there is one: forking the caller directly is unsafe once it runs
    threads (Dask, gRPC, a web server), and forkserver children fork from a clean process
    that has the pipeline imported and its vocabularies built already (:mod:`cvparse._forkserver`),
    so a new worker starts warm and replacing a killed one is cheap."""
    import multiprocessing

    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        with contextlib.suppress(Exception):  # only affects a forkserver not yet started
            ctx.set_forkserver_preload(["__main__", "cvparse._forkserver"])
        return ctx
    return multiprocessing.get_context("spawn")


class _Worker:
    def __init__(self, ctx: BaseContext, limits: Limits, engine: Engine, parser: Parser | None) -> None:
        self.conn, child = ctx.Pipe()
        self.process: BaseProcess = ctx.Process(  # type: ignore[attr-defined]
            target=_worker_main, args=(child, limits, engine, parser), daemon=True, name="cvparse-worker"
        )
        self.process.start()
        child.close()
        self.task: tuple[int, str] | None = None
        self.started = 0.0
        self.tasks_done = 0

    def give(self, index: int, source: Source, name: str) -> None:
        self.task = (index, name)
        self.started = time.perf_counter()
        self.conn.send((index, source, name))

    def kill(self) -> None:
        with contextlib.suppress(Exception):
            self.process.kill()
        self.process.join(5)
        self.conn.close()

    def stop(self) -> None:
        with contextlib.suppress(Exception):
            self.conn.send(None)
        self.process.join(1)
        if self.process.is_alive():
            self.kill()
        self.conn.close()


def _death_message(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        try:
            sig = signal.Signals(-exitcode).name
        except ValueError:
            sig = f"signal {-exitcode}"
        hint = " (out of memory?)" if -exitcode == signal.SIGKILL else ""
        return f"the worker process was killed by {sig}{hint}"
    return f"the worker process exited with status {exitcode}"


def _with_pool(
    sources: Iterable[Source],
    n_workers: int,
    timeout: float | None,
    limits: Limits,
    engine: Engine,
    parser: Parser | None,
) -> Generator[Result, None, None]:
    from multiprocessing.connection import wait

    ctx = _mp_context()
    window = max(_MIN_LOOKAHEAD, _LOOKAHEAD_PER_WORKER * n_workers)
    it = enumerate(sources)
    exhausted = False
    idle: list[_Worker] = []
    busy: list[_Worker] = []
    done: dict[int, Result] = {}
    next_out = 0  # the index of the next result to yield
    next_in = 0  # the index of the next input to read

    def finish(worker: _Worker, result: Result) -> None:
        assert worker.task is not None
        done[worker.task[0]] = result
        worker.task = None

    try:
        while True:
            # Hand out work: to idle workers first, then new ones up to n_workers.
            while not exhausted and next_in < next_out + window and (idle or len(busy) < n_workers):
                item = next(it, None)
                if item is None:
                    exhausted = True
                    break
                index, source = item
                next_in = index + 1
                name = source_name(source, index)
                worker = idle.pop() if idle else _Worker(ctx, limits, engine, parser)
                if worker.tasks_done >= _TASKS_PER_WORKER or not worker.process.is_alive():
                    worker.stop()
                    worker = _Worker(ctx, limits, engine, parser)
                try:
                    worker.give(index, source, name)
                except OSError:  # died between the check and the send: a fresh one takes the file
                    worker.kill()
                    worker = _Worker(ctx, limits, engine, parser)
                    worker.give(index, source, name)
                busy.append(worker)
            while next_out in done:
                yield done.pop(next_out)
                next_out += 1
            if not busy:
                if exhausted:
                    return
                continue  # the window moved on: hand out more work before waiting
            # Wait for a reply, a death, or the nearest deadline.
            wait_for: float | None = None
            if timeout is not None:
                nearest = min(w.started for w in busy) + timeout
                wait_for = max(0.0, nearest - time.perf_counter())
            handles: dict[Any, _Worker] = {}
            for w in busy:
                handles[w.conn] = w
                handles[w.process.sentinel] = w
            ready = wait(list(handles), timeout=wait_for)
            for worker in {id(handles[h]): handles[h] for h in ready}.values():
                if worker.task is None:
                    continue
                reply: tuple[int, Result] | None = None
                if worker.conn.poll():
                    with contextlib.suppress(EOFError, OSError):
                        reply = worker.conn.recv()
                if reply is not None:
                    finish(worker, reply[1])
                    worker.tasks_done += 1
                    busy.remove(worker)
                    idle.append(worker)
                    continue
                if worker.process.is_alive() and not worker.conn.closed:
                    # sentinel not ready and nothing to read yet: a spurious wake-up
                    worker.process.join(0.05)
                    if worker.process.is_alive():
                        continue
                worker.process.join(5)
                _, name = worker.task
                exc: CvparseError = WorkerCrashedError(_death_message(worker.process.exitcode), source=name)
                elapsed = time.perf_counter() - worker.started
                finish(worker, Result(name, None, ErrorInfo.from_exception(exc), elapsed))
                worker.kill()
                busy.remove(worker)
            if timeout is not None:
                now = time.perf_counter()
                for worker in [w for w in busy if now - w.started >= timeout]:
                    assert worker.task is not None
                    _, name = worker.task
                    exc = ParseTimeoutError(f"parsing took longer than {timeout:g} s", source=name)
                    finish(worker, Result(name, None, ErrorInfo.from_exception(exc), now - worker.started))
                    worker.kill()
                    busy.remove(worker)
    finally:
        for worker in busy:
            worker.kill()
        for worker in idle:
            worker.stop()


__all__ = ["ErrorInfo", "Result", "parse_many", "parse_with_evidence_of", "run_one", "source_name"]
