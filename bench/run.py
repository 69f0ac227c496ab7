"""cvparse speed benchmark: measured, never asserted.

    python bench/run.py [--quick] [--corpus DIR] [--samples DIR] [--out FILE]

Reads the dev corpus (``/work/shared/corpus/dev`` by default; skipped with a message when it
is absent) and the project's ``samples/`` folder, and reports:

* ``import cvparse`` and the first parse (a text résumé, a PDF with each engine) in fresh
  processes, with the bytecode cache warm (as after ``pip install``);
* the time per text résumé after warm-up, and per PDF page with each engine, next to the
  same pages read by pdfplumber alone (``extract_words``) and by pypdfium2 alone (text page,
  text range and every char box), with the ratios between them;
* batch throughput through :func:`cvparse.parse_many` with 1 and 2 workers, and the peak
  RSS of a worker;
* dev-corpus micro-F1 with each PDF engine (``/work/shared/tools/score.py``), the numbers the
  default engine is chosen on.

It prints a Markdown table and writes everything to ``bench/results/latest.json``. What each
number means is in ``bench/README.md``. Nothing here is a test: a slow machine gives slow
numbers, never a failure.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any, Literal

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = Path("/work/shared/corpus/dev")
SCORER = Path("/work/shared/tools/score.py")
RESULTS = ROOT / "bench" / "results" / "latest.json"
TEXT_SUFFIXES = {".txt", ".md"}
INPUT_SUFFIXES = {".pdf", ".docx", ".txt", ".md"}
ENGINES: tuple[Literal["pdfplumber"], Literal["pdfium"]] = ("pdfplumber", "pdfium")

# The targets of the "Speed" issue; the table says whether each one is met (never asserted).
TARGETS = {
    "import_ms": 150.0,
    "first_text_parse_ms": 600.0,
    "text_median_ms": 3.0,
    "plumber_ratio": 1.25,  # cvparse(pdfplumber) / pdfplumber's own extract_words
    "pdfium_ratio": 2.0,  # cvparse(pdfium) / pypdfium2's own text extraction
    "engine_speedup": 5.0,  # cvparse(pdfplumber) / cvparse(pdfium)
}


# -- inputs ----------------------------------------------------------------------------------


def inputs(folder: Path) -> list[Path]:
    """Résumé files in ``folder`` (README and MANIFEST are documentation, not résumés)."""
    if not folder.is_dir():
        return []
    return sorted(
        p
        for p in folder.iterdir()
        if p.suffix.lower() in INPUT_SUFFIXES and p.stem.upper() not in {"README", "MANIFEST"}
    )


def pdf_pages(path: Path) -> int:
    import pypdfium2

    pdf = pypdfium2.PdfDocument(str(path))
    try:
        return len(pdf)
    finally:
        pdf.close()


# -- statistics ------------------------------------------------------------------------------


def p95(values: Sequence[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def summary(values: Sequence[float]) -> dict[str, float]:
    """Median and p95 in milliseconds of ``values`` given in seconds."""
    return {"median_ms": 1000 * statistics.median(values), "p95_ms": 1000 * p95(values), "n": len(values)}


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


# -- fresh processes -------------------------------------------------------------------------


def fresh_env(pycache: str) -> dict[str, str]:
    """The environment of a child process: bytecode cached outside the tree, cvparse importable.

    Some sandboxes set PYTHONDONTWRITEBYTECODE, which makes every fresh process compile every
    module from source; an installed package never pays that, so the cache is allowed here
    (in a temporary folder, not next to the sources).
    """
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = pycache
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "src"), env.get("PYTHONPATH")]))
    return env


def run_child(code: str, env: dict[str, str]) -> dict[str, Any]:
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False)
    if out.returncode != 0:
        raise RuntimeError(f"benchmark child failed:\n{out.stderr[-2000:]}")
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


_IMPORT_CHILD = """
import json, time
t = time.perf_counter()
import cvparse
print(json.dumps({"import_s": time.perf_counter() - t}))
"""

_FIRST_PARSE_CHILD = """
import json, sys, time
t0 = time.perf_counter()
import cvparse
t1 = time.perf_counter()
cvparse.parse(sys.argv[1] if len(sys.argv) > 1 else {path!r}, engine={engine!r})
t2 = time.perf_counter()
print(json.dumps({{"import_s": t1 - t0, "parse_s": t2 - t1}}))
"""


def cold_start(
    text_file: Path | None, pdf_file: Path | None, repeats: int, env: dict[str, str]
) -> dict[str, Any]:
    run_child(_IMPORT_CHILD, env)  # fills the bytecode cache
    out: dict[str, Any] = {
        "import_ms": 1000
        * statistics.median(run_child(_IMPORT_CHILD, env)["import_s"] for _ in range(repeats)),
    }
    cases: list[tuple[str, Path, str]] = []
    if text_file is not None:
        cases.append(("first_text_parse", text_file, "pdfplumber"))
    if pdf_file is not None:
        cases += [(f"first_pdf_parse_{e}", pdf_file, e) for e in ENGINES]
    for key, path, engine in cases:
        code = _FIRST_PARSE_CHILD.format(path=str(path), engine=engine)
        run_child(code, env)
        runs = [run_child(code, env) for _ in range(repeats)]
        out[f"{key}_ms"] = 1000 * statistics.median(r["parse_s"] for r in runs)
        out[f"{key}_file"] = path.name
    return out


# -- warm timings ----------------------------------------------------------------------------


def text_times(files: list[Path], rounds: int) -> dict[str, Any]:
    import cvparse

    datas = [(f, f.read_bytes()) for f in files]
    for _, data in datas:  # warm-up: vocabularies, matchers, pydantic
        cvparse.parse(data)
    times: list[float] = []
    per_file: dict[str, list[float]] = {f.name: [] for f in files}
    for _ in range(rounds):  # whole corpus per round: no résumé is parsed twice in a row
        for f, data in datas:
            t = timed(lambda data=data: cvparse.parse(data))  # type: ignore[misc]
            times.append(t)
            per_file[f.name].append(t)
    return {
        **summary(times),
        "files": len(files),
        "per_file_ms": {k: round(1000 * statistics.median(v), 3) for k, v in per_file.items()},
    }


def plumber_alone(path: Path) -> None:
    import logging

    import pdfplumber

    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # "Could not get FontBBox" on every page

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_words()
            page.close()


def pdfium_alone(path: Path) -> None:
    """What pypdfium2 needs to give our engine its facts: every char's text and box."""
    import pypdfium2

    pdf = pypdfium2.PdfDocument(str(path))
    try:
        for i in range(len(pdf)):
            page = pdf[i]
            textpage = page.get_textpage()
            textpage.get_text_range()
            for k in range(textpage.count_chars()):
                textpage.get_charbox(k, loose=True)
            textpage.close()
            page.close()
    finally:
        pdf.close()


def pdf_times(files: list[Path], rounds: int) -> dict[str, Any]:
    import cvparse

    pages = {f: pdf_pages(f) for f in files}
    readers: dict[str, Callable[[Path], object]] = {
        "cvparse_pdfplumber": lambda p: cvparse.parse(p, engine="pdfplumber"),
        "pdfplumber_alone": plumber_alone,
        "cvparse_pdfium": lambda p: cvparse.parse(p, engine="pdfium"),
        "pypdfium2_alone": pdfium_alone,
    }
    for f in files:  # warm-up
        for read in readers.values():
            read(f)
    totals = dict.fromkeys(readers, 0.0)
    per_page: dict[str, list[float]] = {k: [] for k in readers}
    for _ in range(rounds):
        for f in files:
            for key, read in readers.items():  # side by side: same file, same moment
                t = timed(lambda read=read, f=f: read(f))  # type: ignore[misc]
                totals[key] += t
                per_page[key].append(t / pages[f])
    out: dict[str, Any] = {"files": len(files), "pages": sum(pages.values())}
    for key in readers:
        out[key] = summary(per_page[key])
    # ratios of total time over the same pages (robust to a few slow files)
    out["ratio_cvparse_plumber_vs_plumber_alone"] = totals["cvparse_pdfplumber"] / totals["pdfplumber_alone"]
    out["ratio_cvparse_pdfium_vs_pdfium_alone"] = totals["cvparse_pdfium"] / totals["pypdfium2_alone"]
    out["ratio_plumber_engine_vs_pdfium_engine"] = totals["cvparse_pdfplumber"] / totals["cvparse_pdfium"]
    return out


# -- batch -----------------------------------------------------------------------------------

_BATCH_CHILD = """
import json, resource, sys, threading, time
import cvparse
files = json.loads(sys.argv[1])
workers = int(sys.argv[2])
peak = [0]
stop = threading.Event()
def watch():
    try:
        import psutil
    except ImportError:
        return
    me = psutil.Process()
    while not stop.is_set():
        for child in me.children(recursive=True):
            try:
                if child.ppid() != me.pid or workers <= 1:  # workers are the forkserver's children
                    peak[0] = max(peak[0], child.memory_info().rss)
            except psutil.Error:
                pass
        stop.wait(0.01)
if workers > 1:
    threading.Thread(target=watch, daemon=True).start()
list(cvparse.parse_many(files[:2], workers=workers))  # start-up (imports, forkserver) not counted
t = time.perf_counter()
results = list(cvparse.parse_many(files, workers=workers))
elapsed = time.perf_counter() - t
stop.set()
self_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
print(json.dumps({"elapsed_s": elapsed, "files": len(files), "errors": sum(1 for r in results if not r.ok),
                  "worker_peak_rss": peak[0] if workers > 1 else self_rss,
                  "psutil": peak[0] > 0 or workers <= 1}))
"""


def batch(files: list[Path], env: dict[str, str], repeat_corpus: int) -> dict[str, Any]:
    names = [str(f) for f in files] * repeat_corpus
    out: dict[str, Any] = {}
    for workers in (1, 2):
        proc = subprocess.run(
            [sys.executable, "-c", _BATCH_CHILD, json.dumps(names), str(workers)],
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )
        if proc.returncode != 0:
            raise RuntimeError(f"batch child failed:\n{proc.stderr[-2000:]}")
        r = json.loads(proc.stdout.strip().splitlines()[-1])
        out[f"workers_{workers}"] = {
            "files_per_s": r["files"] / r["elapsed_s"],
            "files": r["files"],
            "errors": r["errors"],
            "worker_peak_rss_mb": r["worker_peak_rss"] / 2**20 if r["psutil"] else None,
        }
    return out


# -- accuracy --------------------------------------------------------------------------------


def load_scorer() -> ModuleType | None:
    if not SCORER.is_file():
        return None
    spec = importlib.util.spec_from_file_location("cvparse_bench_score", SCORER)
    if spec is None or spec.loader is None:
        return None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses and friends look the module up by name
    spec.loader.exec_module(module)
    return module


def accuracy(files: list[Path], corpus: Path) -> dict[str, Any]:
    """Dev-corpus micro-F1 per engine (non-PDF files read the same way by both)."""
    import cvparse

    scorer = load_scorer()
    if scorer is None:
        return {"skipped": f"no scorer at {SCORER}"}
    golds = {f: corpus / f"{f.stem}.json" for f in files if (corpus / f"{f.stem}.json").is_file()}
    shared: dict[Path, dict[str, Any]] = {}
    out: dict[str, Any] = {}
    for engine in ENGINES:
        total = scorer.Tally()
        per_doc: dict[str, float] = {}
        for f, gold_path in golds.items():
            if f.suffix.lower() != ".pdf" and f in shared:
                pred = shared[f]
            else:
                try:
                    pred = cvparse.parse(f, engine=engine).model_dump(mode="json")
                except cvparse.CvparseError:
                    pred = {}
                if f.suffix.lower() != ".pdf":
                    shared[f] = pred
            tally = scorer.score_doc(scorer.load(gold_path), pred)
            total.add(tally)
            if f.suffix.lower() == ".pdf":
                per_doc[f.stem] = scorer.summarise(tally)["f1"]
        s = scorer.summarise(total)
        out[engine] = {
            "micro_f1": s["f1"],
            "precision": s["precision"],
            "recall": s["recall"],
            "groups": s["groups"],
            "pdf_docs_f1": per_doc,
        }
    out["documents"] = len(golds)
    out["f1_gap_pdfplumber_minus_pdfium"] = out["pdfplumber"]["micro_f1"] - out["pdfium"]["micro_f1"]
    return out


# -- report ----------------------------------------------------------------------------------


def machine() -> dict[str, Any]:
    cpu = "unknown"
    with open("/proc/cpuinfo", encoding="utf-8", errors="replace") as fh:
        for line in fh:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "load_avg_1m": os.getloadavg()[0],
    }


def verdict(value: float | None, target: float, higher_is_better: bool = False) -> str:
    if value is None:
        return "–"
    ok = value >= target if higher_is_better else value <= target
    return "met" if ok else "not met"


def markdown(r: dict[str, Any]) -> str:
    m = r["machine"]
    rows: list[tuple[str, str, str]] = []

    def row(what: str, value: str, target: str = "") -> None:
        rows.append((what, value, target))

    cold = r.get("cold_start", {})
    if "import_ms" in cold:
        row(
            "`import cvparse` (fresh process, median)",
            f"{cold['import_ms']:.0f} ms",
            f"≤ {TARGETS['import_ms']:.0f} ms: {verdict(cold['import_ms'], TARGETS['import_ms'])}",
        )
    if "first_text_parse_ms" in cold:
        row(
            "first text parse in a fresh process (after import)",
            f"{cold['first_text_parse_ms']:.0f} ms",
            f"≤ {TARGETS['first_text_parse_ms']:.0f} ms: "
            f"{verdict(cold['first_text_parse_ms'], TARGETS['first_text_parse_ms'])}",
        )
    for e in ENGINES:
        if f"first_pdf_parse_{e}_ms" in cold:
            row(f"first PDF parse in a fresh process, {e}", f"{cold[f'first_pdf_parse_{e}_ms']:.0f} ms")
    text = r.get("text")
    if text:
        row(
            f"text résumé, warm ({text['files']} files), median / p95",
            f"{text['median_ms']:.2f} / {text['p95_ms']:.2f} ms",
            f"median ≤ {TARGETS['text_median_ms']:.0f} ms: {verdict(text['median_ms'], TARGETS['text_median_ms'])}",
        )
    pdf = r.get("pdf")
    if pdf:
        label = f"({pdf['files']} PDFs, {pdf['pages']} pages)"
        for key, what in (
            ("cvparse_pdfplumber", "cvparse, pdfplumber engine"),
            ("pdfplumber_alone", "pdfplumber alone (`extract_words`)"),
            ("cvparse_pdfium", "cvparse, pdfium engine"),
            ("pypdfium2_alone", "pypdfium2 alone (text page + char boxes)"),
        ):
            row(
                f"PDF per page, {what} {label}, median / p95",
                f"{pdf[key]['median_ms']:.1f} / {pdf[key]['p95_ms']:.1f} ms",
            )
        x = pdf["ratio_cvparse_plumber_vs_plumber_alone"]
        row(
            "cvparse(pdfplumber) / pdfplumber alone (total time)",
            f"{x:.2f}×",
            f"≤ {TARGETS['plumber_ratio']}×: {verdict(x, TARGETS['plumber_ratio'])}",
        )
        x = pdf["ratio_cvparse_pdfium_vs_pdfium_alone"]
        row(
            "cvparse(pdfium) / pypdfium2 alone (total time)",
            f"{x:.2f}×",
            f"≤ {TARGETS['pdfium_ratio']}×: {verdict(x, TARGETS['pdfium_ratio'])}",
        )
        x = pdf["ratio_plumber_engine_vs_pdfium_engine"]
        row(
            "pdfplumber engine / pdfium engine (total time)",
            f"{x:.1f}×",
            f"≥ {TARGETS['engine_speedup']}×: {verdict(x, TARGETS['engine_speedup'], higher_is_better=True)}",
        )
    b = r.get("batch")
    if b:
        for w in (1, 2):
            d = b[f"workers_{w}"]
            rss = f", peak RSS {d['worker_peak_rss_mb']:.0f} MB per worker" if d["worker_peak_rss_mb"] else ""
            row(
                f"`parse_many`, {w} worker{'s' if w > 1 else ''} ({d['files']} files)",
                f"{d['files_per_s']:.1f} files/s{rss}",
            )
    acc = r.get("accuracy")
    if acc and "pdfplumber" in acc:
        gap = acc["f1_gap_pdfplumber_minus_pdfium"]
        row(
            f"dev micro-F1, pdfplumber / pdfium ({acc['documents']} docs)",
            f"{acc['pdfplumber']['micro_f1']:.4f} / {acc['pdfium']['micro_f1']:.4f}",
            f"pdfium default if gap ≤ 0.005: gap {gap:+.4f}",
        )
    lines = [
        f"Machine: {m['nproc']} CPUs, {m['cpu']}, Python {m['python']} "
        f"(1-min load average {m['load_avg_1m']:.2f} at the start).",
        "",
        "| measure | result | target |",
        "|---|---|---|",
        *[f"| {a} | {b_} | {c} |" for a, b_, c in rows],
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--quick", action="store_true", help="fewer rounds and repeats (a rough look)")
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--samples", type=Path, default=ROOT / "samples")
    ap.add_argument("--out", type=Path, default=RESULTS)
    ap.add_argument("--no-accuracy", action="store_true", help="skip the per-engine F1 run")
    a = ap.parse_args(argv)
    sys.path.insert(0, str(ROOT / "src"))  # measure this checkout, not an installed copy

    rounds, repeats = (2, 3) if a.quick else (7, 7)
    files: list[Path] = []
    if a.corpus.is_dir():
        files += inputs(a.corpus)
    else:
        print(
            f"dev corpus not found at {a.corpus}: skipped (the samples are still measured)", file=sys.stderr
        )
    samples = inputs(a.samples)
    if not samples:
        print(f"no samples in {a.samples}: skipped", file=sys.stderr)
    files += samples
    if not files:
        print("nothing to measure", file=sys.stderr)
        return 1
    text_files = [f for f in files if f.suffix.lower() in TEXT_SUFFIXES]
    pdf_files = [f for f in files if f.suffix.lower() == ".pdf"]

    result: dict[str, Any] = {
        "machine": machine(),
        "quick": a.quick,
        "corpus": str(a.corpus) if a.corpus.is_dir() else None,
        "samples": str(a.samples) if samples else None,
    }
    with tempfile.TemporaryDirectory(prefix="cvparse-bench-pyc-") as pycache:
        env = fresh_env(pycache)
        print("cold start ...", file=sys.stderr)
        result["cold_start"] = cold_start(
            text_files[0] if text_files else None, pdf_files[0] if pdf_files else None, repeats, env
        )
        print("batch ...", file=sys.stderr)
        result["batch"] = batch(files, env, 1 if a.quick else 2)
    if text_files:
        print("text ...", file=sys.stderr)
        result["text"] = text_times(text_files, rounds)
    if pdf_files:
        print("pdf ...", file=sys.stderr)
        result["pdf"] = pdf_times(pdf_files, max(1, rounds // 2))
    if not a.no_accuracy and a.corpus.is_dir():
        print("accuracy ...", file=sys.stderr)
        result["accuracy"] = accuracy(inputs(a.corpus), a.corpus)

    a.out.parent.mkdir(parents=True, exist_ok=True)
    a.out.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    print(markdown(result))
    print(f"\nwritten to {a.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
