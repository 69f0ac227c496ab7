"""The ``cvparse`` command: parse one résumé to JSON, or folders of them to JSONL/CSV.

Built for long unattended runs over messy folders: one output line per input whatever
happens to that input, the output file always made of whole lines (each record is one
``write()`` on an ``O_APPEND`` descriptor), and ``--resume`` to finish an interrupted run
without parsing anything twice. ``main(argv)`` returns the exit status instead of exiting,
so tests and other programs can call it.

Exit status: 0 every input parsed, 1 some failed (or none found), 2 bad usage,
130 interrupted. Only the standard library and cvparse's light modules load at import;
pydantic and the parsers load when the first file is parsed.
"""

from __future__ import annotations

import argparse
import csv
import fnmatch
import hashlib
import io
import json
import os
import sys
import time
from collections import Counter, deque
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any, TextIO

from .batch import Result, parse_many
from .export import CSV_COLUMNS, EXTENSION_KEY, to_csv_row, to_json_resume
from .limits import DEFAULT_LIMITS, Limits

if TYPE_CHECKING:
    from .intake import Engine

DEFAULT_GLOBS = ("*.pdf", "*.docx", "*.txt", "*.md", "*.markdown")
"""What a folder contributes when no ``--glob`` is given: the formats cvparse reads.
Files named explicitly on the command line are always taken, whatever their name."""

FORMATS = ("jsonl", "csv", "jsonresume")

_FSYNC_EVERY = 1.0
"""Seconds between fsyncs of the output file. A killed process loses nothing that was
written (the kernel has it); fsync only guards against power loss. Per record it cost
~0.1 ms on the development VM's ext4 (vs. 3 µs for the write), but 5-20 ms on spinning or
network disks, so it is done at most once a second and at the end."""


class _UsageError(Exception):
    """A problem with the arguments found after parsing them (exit status 2)."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (0 ok, 1 some inputs failed, 2 usage)."""
    parser = _build_parser()
    args = parser.parse_args(argv)
    try:
        status: int = args.run(args)
        return status
    except _UsageError as exc:
        parser.error(str(exc))  # exits with status 2
    except BrokenPipeError:  # `cvparse parse dir | head`: stop quietly
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    except KeyboardInterrupt:
        print("cvparse: interrupted", file=sys.stderr)
        return 130
    return 2  # not reached: parser.error raises SystemExit


def _build_parser() -> argparse.ArgumentParser:
    from . import __version__

    parser = argparse.ArgumentParser(
        prog="cvparse",
        description="Parse résumés (PDF, DOCX, text, Markdown) into structured profiles.",
    )
    parser.add_argument("--version", action="version", version=f"cvparse {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser(
        "parse",
        help="parse résumé files or folders",
        description=(
            "One FILE without -o: print its profile as indented JSON. Several inputs, a folder or -o: "
            "write one record per input (JSON Lines by default), failures included."
        ),
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="résumé files and folders (searched recursively)")
    p.add_argument("-o", "--output", metavar="FILE", help="write records to FILE instead of standard output")
    p.add_argument("-f", "--format", choices=FORMATS, default="jsonl", help="record format (default: jsonl)")
    p.add_argument(
        "--glob",
        action="append",
        metavar="PATTERN",
        help="in folders, take only files matching PATTERN (repeatable; default: "
        + " ".join(DEFAULT_GLOBS)
        + ")",
    )
    p.add_argument(
        "-j",
        "--workers",
        type=_non_negative_int,
        metavar="N",
        help="worker processes (default: one per CPU; 0 = parse in this process)",
    )
    p.add_argument(
        "--timeout",
        type=_non_negative_float,
        metavar="SECONDS",
        help=f"give up on a file after SECONDS (default: {DEFAULT_LIMITS.timeout:g}; 0 = never)",
    )
    p.add_argument(
        "--engine",
        choices=("pdfplumber", "pdfium"),
        default="pdfium",
        help="PDF text engine (default: pdfium)",
    )
    p.add_argument(
        "--max-bytes",
        type=_non_negative_int,
        metavar="N",
        help=f"refuse files larger than N bytes (default: {DEFAULT_LIMITS.max_bytes}; 0 = no limit)",
    )
    p.add_argument(
        "--max-pages",
        type=_non_negative_int,
        metavar="N",
        help=f"refuse PDFs with more than N pages (default: {DEFAULT_LIMITS.max_pages}; 0 = no limit)",
    )
    p.add_argument(
        "--max-chars",
        type=_non_negative_int,
        metavar="N",
        help=f"refuse documents with more than N characters of text (default: {DEFAULT_LIMITS.max_chars}; "
        "0 = no limit)",
    )
    p.add_argument(
        "--resume",
        action="store_true",
        help="skip inputs already recorded in the -o file (same path and content); append the rest",
    )
    p.add_argument(
        "--evidence",
        action="store_true",
        help="with each profile, where every value came from: its span of the document's text, page, "
        "box and confidence (JSON and JSONL only)",
    )
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar and no summary")
    p.set_defaults(run=_run_parse)

    s = sub.add_parser("schema", help="print the JSON Schema of the profile records")
    s.set_defaults(run=_run_schema)
    return parser


def _non_negative_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more: {text!r}")
    return value


def _non_negative_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not value >= 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"must be 0 or more seconds: {text!r}")
    return value


# --- schema ----------------------------------------------------------------------------------


def _run_schema(args: argparse.Namespace) -> int:
    from .models import json_schema

    _write_stdout(json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n")
    return 0


# --- parse -----------------------------------------------------------------------------------


def _run_parse(args: argparse.Namespace) -> int:
    if args.resume and not args.output:
        raise _UsageError("--resume needs -o FILE (it reads what that file already holds)")
    if args.evidence and args.format != "jsonl":
        raise _UsageError(f"--evidence needs JSON output, not --format {args.format}")
    limits = _limits(args)
    engine: Engine = args.engine
    single = len(args.paths) == 1 and not args.output and not os.path.isdir(args.paths[0])
    if single:
        return _parse_single(args.paths[0], args.format, limits, engine, evidence=args.evidence)
    files = discover(args.paths, args.glob or DEFAULT_GLOBS)
    if not files:
        print(f"cvparse: no input files found in {' '.join(args.paths)}", file=sys.stderr)
        return 1
    return _parse_batch(files, args, limits, engine)


def _limits(args: argparse.Namespace) -> Limits:
    overrides: dict[str, Any] = {}
    if args.timeout is not None:
        overrides["timeout"] = args.timeout or None
    if args.max_bytes is not None:
        overrides["max_bytes"] = args.max_bytes or None
    if args.max_pages is not None:
        overrides["max_pages"] = args.max_pages or None
    if args.max_chars is not None:
        overrides["max_chars"] = args.max_chars or None
    return DEFAULT_LIMITS.resolve(**overrides)


def discover(paths: Sequence[str], globs: Sequence[str]) -> list[str]:
    """The input files, in a stable order: explicit files as given, folders walked sorted.

    Hidden files and folders (``.git``, ``.DS_Store``) and Office lock files (``~$a.docx``)
    are skipped in folders; a path given twice is taken once. A path that does not exist is
    kept, so it gets an error record like any other unreadable input.
    """
    patterns = [g.lower() for g in globs]
    out: list[str] = []
    seen: set[str] = set()

    def add(path: str) -> None:
        if path not in seen:
            seen.add(path)
            out.append(path)

    for top in paths:
        if not os.path.isdir(top):
            add(top)
            continue
        for root, dirs, names in os.walk(top):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(names):
                if name.startswith((".", "~$")):
                    continue
                path = os.path.join(root, name)
                rel = os.path.relpath(path, top).replace(os.sep, "/").lower()
                if any(fnmatch.fnmatchcase(rel if "/" in pat else name.lower(), pat) for pat in patterns):
                    add(path)
    return out


def sha256_of(path: str) -> str | None:
    """Hex SHA-256 of a file's content; None when it cannot be read (it will fail to parse)."""
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
    except OSError:
        return None
    return digest.hexdigest()


def _parse_single(path: str, fmt: str, limits: Limits, engine: Engine, *, evidence: bool = False) -> int:
    (result,) = parse_many([path], workers=0, limits=limits, engine=engine, evidence=evidence)
    if result.profile is None:
        assert result.error is not None
        print(f"cvparse: {path}: {result.error.message} [{result.error.type}]", file=sys.stderr)
        return 1
    if fmt == "csv":
        _write_stdout(_csv_header() + _csv_line(result, sha256_of(path)))
        return 0
    doc = to_json_resume(result.profile) if fmt == "jsonresume" else result.profile.model_dump(mode="json")
    if result.evidence is not None:
        doc = {"profile": doc, "evidence": {k: ev.to_dict() for k, ev in result.evidence.items()}}
    _write_stdout(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
    return 0


def _parse_batch(files: list[str], args: argparse.Namespace, limits: Limits, engine: Engine) -> int:
    fmt: str = args.format
    recorded: set[tuple[str, str | None]] = set()
    if args.resume:
        recorded = read_recorded(args.output, fmt)
    sink = _Sink.open(args.output, fmt, append=args.resume)
    show = not args.quiet
    progress = _Progress(len(files), enabled=show and sys.stderr.isatty())
    counts: Counter[str] = Counter()
    in_flight: deque[tuple[str, str | None]] = deque()
    skipped = 0
    start = time.perf_counter()

    def todo() -> Iterator[str]:
        nonlocal skipped
        for path in files:
            sha = sha256_of(path)
            if (path, sha) in recorded:
                skipped += 1
                progress.step(ok=True)
                continue
            in_flight.append((path, sha))
            yield path

    workers = args.workers
    if workers is None and len(files) - len(recorded) <= 1:
        workers = 0  # not worth starting a process for one file
    results = parse_many(todo(), workers=workers, limits=limits, engine=engine, evidence=args.evidence)
    interrupted = False
    try:
        for result in results:
            _, sha = in_flight.popleft()
            sink.write(result, sha)
            counts[result.error.type if result.error else ""] += 1
            progress.step(ok=result.ok)
    except KeyboardInterrupt:
        interrupted = True
    finally:
        results.close()
        sink.close()
        progress.close()
    failed = sum(n for kind, n in counts.items() if kind)
    if show:
        _summary(counts, skipped, args.output, time.perf_counter() - start, interrupted)
    if interrupted:
        return 130
    return 1 if failed else 0


def _summary(
    counts: Counter[str], skipped: int, output: str | None, seconds: float, interrupted: bool
) -> None:
    parsed = counts[""]
    failed = sum(n for kind, n in counts.items() if kind)
    kinds = ", ".join(f"{kind} {n}" for kind, n in sorted(counts.items(), key=lambda kv: -kv[1]) if kind)
    parts = [f"parsed {parsed}", f"failed {failed}" + (f" ({kinds})" if kinds else "")]
    if skipped:
        parts.append(f"skipped {skipped} already in {output}")
    rate = (parsed + failed) / seconds if seconds > 0 else 0.0
    tail = f"{seconds:.1f} s, {rate:.1f} files/s"
    print(f"cvparse: {'interrupted: ' if interrupted else ''}{', '.join(parts)} in {tail}", file=sys.stderr)


# --- records ---------------------------------------------------------------------------------


def record(result: Result, sha: str | None) -> dict[str, Any]:
    """The JSONL record of one input: source, sha256, seconds, then profile or error."""
    rec: dict[str, Any] = {"source": result.source, "sha256": sha, "seconds": round(result.seconds, 3)}
    if result.profile is not None:
        rec["profile"] = result.profile.model_dump(mode="json")
        if result.evidence is not None:
            rec["evidence"] = {k: ev.to_dict() for k, ev in result.evidence.items()}
    else:
        assert result.error is not None
        rec["error"] = result.error.to_dict()
    return rec


def _json_resume_record(result: Result, sha: str | None) -> dict[str, Any]:
    doc = to_json_resume(result.profile) if result.profile is not None else {}
    ext: dict[str, Any] = {"source": result.source, "sha256": sha, "seconds": round(result.seconds, 3)}
    if result.error is not None:
        ext["error"] = result.error.to_dict()
    ext.update(doc.get(EXTENSION_KEY, {}))
    doc[EXTENSION_KEY] = ext
    return doc


def _csv_header() -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerow(CSV_COLUMNS)
    return buf.getvalue()


def _csv_line(result: Result, sha: str | None) -> str:
    row = to_csv_row(result.profile)
    row.update(source=result.source, sha256=sha or "", seconds=f"{result.seconds:.3f}")
    if result.error is not None:
        row.update(error_type=result.error.type, error=" ".join(result.error.message.split()))
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerow([row.get(col, "") for col in CSV_COLUMNS])
    return buf.getvalue()


def _line(result: Result, sha: str | None, fmt: str) -> str:
    if fmt == "csv":
        return _csv_line(result, sha)
    rec = _json_resume_record(result, sha) if fmt == "jsonresume" else record(result, sha)
    return json.dumps(rec, ensure_ascii=False) + "\n"


def read_recorded(path: str, fmt: str) -> set[tuple[str, str | None]]:
    """The (source, sha256) pairs already in an output file, after repairing its end.

    A run killed mid-write can leave a last line without its newline; it is cut off here
    (the input it was for is simply parsed again). A non-empty file in which no line is a
    record of ``fmt`` is refused rather than appended to.
    """
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except FileNotFoundError:
        return set()
    except OSError as exc:
        raise _UsageError(f"cannot read {path} to resume: {exc.strerror or exc}") from None
    if data and not data.endswith(b"\n"):
        keep = data.rfind(b"\n") + 1
        os.truncate(path, keep)
        print(f"cvparse: {path}: dropped an incomplete last line ({len(data) - keep} bytes)", file=sys.stderr)
        data = data[:keep]
    text = data.decode("utf-8-sig", errors="replace")
    done: set[tuple[str, str | None]] = set()
    lines = 0
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(text)))
        lines = len(rows)
        if text and rows[:1] and set(CSV_COLUMNS) - set(rows[0]):
            raise _UsageError(f"cannot resume: {path} is not a cvparse CSV (its header differs)")
        done = {(row["source"], row["sha256"] or None) for row in rows}
    else:
        for line in text.splitlines():
            if not line.strip():
                continue
            lines += 1
            try:
                obj = json.loads(line)
                meta = obj[EXTENSION_KEY] if fmt == "jsonresume" else obj
                done.add((meta["source"], meta["sha256"]))
            except (ValueError, KeyError, TypeError):
                continue  # a damaged line: its input is parsed again
        if lines and not done:
            raise _UsageError(f"cannot resume: no {fmt} records in {path}")
    return done


class _Sink:
    """Where records go: a file written one whole line per ``write()``, or standard output."""

    def __init__(self, fd: int | None, fmt: str, needs_header: bool) -> None:
        self.fd = fd
        self.fmt = fmt
        self.last_sync = time.monotonic()
        if needs_header:
            self._put(("\ufeff" if fd is not None else "") + _csv_header())  # BOM: Excel reads UTF-8

    @classmethod
    def open(cls, path: str | None, fmt: str, *, append: bool) -> _Sink:
        if path is None:
            return cls(None, fmt, needs_header=fmt == "csv")
        flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND | (0 if append else os.O_TRUNC)
        try:
            fd = os.open(path, flags, 0o644)
        except OSError as exc:
            raise _UsageError(f"cannot write {path}: {exc.strerror or exc}") from None
        empty = os.fstat(fd).st_size == 0
        return cls(fd, fmt, needs_header=fmt == "csv" and empty)

    def write(self, result: Result, sha: str | None) -> None:
        self._put(_line(result, sha, self.fmt))

    def _put(self, text: str) -> None:
        if self.fd is None:
            _write_stdout(text)
            return
        data = text.encode("utf-8")
        # One write() of the whole line on an O_APPEND descriptor: a kill leaves the line whole
        # or absent. Regular files don't take partial writes short of a full disk; if one
        # happens anyway the loop finishes the line, and --resume cuts a torn one.
        while data:
            data = data[os.write(self.fd, data) :]
        now = time.monotonic()
        if now - self.last_sync >= _FSYNC_EVERY:
            os.fsync(self.fd)
            self.last_sync = now

    def close(self) -> None:
        if self.fd is not None:
            os.fsync(self.fd)
            os.close(self.fd)
            self.fd = None
        else:
            sys.stdout.flush()


def _write_stdout(text: str, stream: TextIO | None = None) -> None:
    """UTF-8 on standard output whatever the locale says (Chinese text on a C-locale box)."""
    out = stream or sys.stdout
    buffer = getattr(out, "buffer", None)
    if buffer is not None:
        out.flush()
        buffer.write(text.encode("utf-8"))
        buffer.flush()
    else:
        out.write(text)
        out.flush()


class _Progress:
    """``  37/120 [#######------]  31%  4.1 files/s  ETA 0:20  2 failed`` on a terminal's stderr."""

    def __init__(self, total: int, *, enabled: bool) -> None:
        self.total = total
        self.enabled = enabled
        self.done = 0
        self.failed = 0
        self.start = time.perf_counter()
        self.drawn = 0.0

    def step(self, *, ok: bool) -> None:
        self.done += 1
        self.failed += not ok
        if self.enabled and (time.perf_counter() - self.drawn > 0.1 or self.done == self.total):
            self._draw()

    def _draw(self) -> None:
        self.drawn = time.perf_counter()
        elapsed = self.drawn - self.start
        rate = self.done / elapsed if elapsed > 0 else 0.0
        frac = self.done / self.total if self.total else 1.0
        bar = "#" * int(frac * 24)
        eta = int((self.total - self.done) / rate) if rate > 0 else 0
        text = (
            f"\r{self.done:>6}/{self.total} [{bar:<24}] {frac:4.0%}  {rate:5.1f} files/s"
            f"  ETA {eta // 60}:{eta % 60:02d}" + (f"  {self.failed} failed" if self.failed else "")
        )
        sys.stderr.write(text + "\x1b[K")
        sys.stderr.flush()

    def close(self) -> None:
        if self.enabled and self.done:
            self._draw()
            sys.stderr.write("\n")
            sys.stderr.flush()


__all__ = ["DEFAULT_GLOBS", "discover", "main", "read_recorded", "record", "sha256_of"]
