"""Calibrate evidence confidence on the labelled dev corpus: a reliability table.

    .venv/bin/python tools/calibrate.py [--by-field] [--drops] [--wrong 0.9]

Parses every dev résumé with :func:`cvparse.parse_with_evidence`, judges each emitted value
right or wrong against the gold profile with the shared scorer's own comparison (``norm``,
``equal``, ``align``; entries aligned on their key field as the scorer does), and prints how
often values in each confidence bucket are right. The constants in ``cvparse/evidence.py``
are tuned until values at ≥ 0.9 are right ≥ 97 % of the time and those below 0.5 are
clearly less reliable. ``--drops`` also lists the values grounding removed, with whether the
gold had them (a correct value dropped is a grounding bug); ``--wrong X`` lists wrong values
at confidence ≥ X.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from collections import defaultdict
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DEV = SHARED / "corpus" / "dev"
INPUTS = (".pdf", ".docx", ".txt", ".md")
BUCKETS = ((0.0, 0.5), (0.5, 0.7), (0.7, 0.9), (0.9, 1.01))


def scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("shared_score", SHARED / "tools" / "score.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def documents(folder: Path = DEV) -> list[Path]:
    return sorted(
        p
        for p in folder.iterdir()
        if p.suffix.lower() in INPUTS and p.stem.upper() != "README" and p.with_suffix(".json").is_file()
    )


def _get(data: Any, path: str) -> Any:
    for part in path.split("/"):
        data = data[int(part)] if isinstance(data, list) else data.get(part)
    return data


def judge(score: ModuleType, gold: dict[str, Any], pred: dict[str, Any], path: str) -> bool:
    """Whether the predicted value at ``path`` is right by the scorer's comparison."""
    parts = path.split("/")
    value = _get(pred, path)
    head = parts[0]
    if head in ("skills", "links"):
        return score.norm(value, head) in {score.norm(x, head) for x in gold.get(head) or []}
    if head == "intention":
        gi = gold.get("intention") or {}
        if parts[1] in ("positions", "cities"):
            return score.norm(value, parts[1]) in {score.norm(x, parts[1]) for x in gi.get(parts[1]) or []}
        return bool(score.equal(parts[1], gi.get(parts[1]), value))
    if head in score.ENTRIES:
        key, threshold, _ = score.ENTRIES[head]
        g_list = [e for e in gold.get(head) or [] if isinstance(e, dict)]
        p_list = pred.get(head) or []
        pairs = {j: i for i, j in score.align(g_list, p_list, key, threshold)}
        j, sub = int(parts[1]), parts[2]
        if j not in pairs:
            return False
        g_value = g_list[pairs[j]].get(sub)
        if sub == "internship":
            return bool(g_value) == bool(value)
        return bool(score.equal(sub, g_value, value))
    return bool(score.equal(head, gold.get(head), value))


def field_of(path: str) -> str:
    parts = [p for p in path.split("/") if not p.isdigit()]
    return "/".join(parts)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--by-field", action="store_true", help="also print precision and mean confidence per field"
    )
    ap.add_argument("--drops", action="store_true", help="list values grounding dropped")
    ap.add_argument("--wrong", type=float, metavar="X", help="list wrong values with confidence >= X")
    ap.add_argument(
        "--corpus",
        type=Path,
        default=DEV,
        help="a folder of résumés with gold JSON beside them (default: the dev corpus)",
    )
    args = ap.parse_args(argv)
    if not args.corpus.is_dir() or not documents(args.corpus):
        print(f"calibrate: no labelled résumés at {args.corpus}", file=sys.stderr)
        return 1
    sys.path.insert(0, str(ROOT / "src"))
    from cvparse import evidence as ev_mod
    from cvparse import parse_with_evidence

    score = scorer()
    drops: list[tuple[str, str, Any]] = []
    if args.drops:
        original = ev_mod.ground

        def recording(doc: Any, sections: Any, data: dict[str, Any]) -> Any:
            out = original(doc, sections, data)
            for path in out.dropped:
                try:
                    drops.append((Path(str(doc.source or "?")).name, path, _get(data, path)))
                except (KeyError, IndexError, TypeError, AttributeError):
                    drops.append((Path(str(doc.source or "?")).name, path, None))
            return out

        import cvparse.pipeline as pipeline

        pipeline.ground = recording  # type: ignore[assignment]

    buckets: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    fields: dict[str, list[float]] = defaultdict(lambda: [0, 0, 0.0])
    wrong: list[tuple[float, str, str, Any, Any]] = []
    for path in documents(args.corpus):
        gold = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        parsed = parse_with_evidence(path)
        pred = parsed.profile.model_dump(mode="json")
        for vpath, ev in parsed.evidence.items():
            ok = judge(score, gold, pred, vpath)
            b = next(i for i, (lo, hi) in enumerate(BUCKETS) if lo <= ev.confidence < hi)
            buckets[b][0] += 1
            buckets[b][1] += ok
            f = fields[field_of(vpath)]
            f[0] += 1
            f[1] += ok
            f[2] += ev.confidence
            if args.wrong is not None and not ok and ev.confidence >= args.wrong:
                wrong.append((ev.confidence, path.name[:4], vpath, _get(pred, vpath), ev.text[:60]))
    print("| confidence | values | right |")
    print("|---|---:|---:|")
    for i, (lo, hi) in enumerate(BUCKETS):
        n, ok = buckets[i]
        label = f"[{lo:.1f}, {min(hi, 1.0):.1f}{']' if hi > 1 else ')'}"
        print(f"| {label} | {n} | {ok / n:.1%} |" if n else f"| {label} | 0 | – |")
    total = sum(n for n, _ in buckets.values())
    right = sum(ok for _, ok in buckets.values())
    print(f"| all | {total} | {right / total:.1%} |" if total else "| all | 0 | – |")
    if args.by_field:
        print("\n| field | values | right | mean confidence |")
        print("|---|---:|---:|---:|")
        for name, (n, ok, conf) in sorted(fields.items()):
            print(f"| {name} | {int(n)} | {ok / n:.1%} | {conf / n:.2f} |")
    if args.drops:
        print(f"\ndropped by grounding: {len(drops)}")
        for doc, path, value in drops:
            print(f"  {doc[:4]} {path}: {str(value)[:70]!r}")
    if wrong:
        print(f"\nwrong at confidence >= {args.wrong}: {len(wrong)}")
        for conf, doc, vpath, value, raw in sorted(wrong, reverse=True):
            print(f"  {conf:.2f} {doc} {vpath}: {str(value)[:50]!r} ← {raw!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
