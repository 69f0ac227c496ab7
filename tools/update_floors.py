"""Re-measure the dev-corpus F1 and raise the floors in tests/golden_floors.json.

    python tools/update_floors.py [--allow-regression]

Floors only go up: a measured value below the committed floor is refused unless
``--allow-regression`` is given (and the commit says why). Values are rounded down to two
decimals so run-to-run noise in long-text similarity cannot fail the suite.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

import cvparse
from corpus import DEV, FLOORS, available, documents, gold, scorer


def measure() -> dict[str, dict[str, object]]:
    score = scorer()
    preds = {p.name: cvparse.parse(p).model_dump(mode="json") for p in documents()}
    out: dict[str, dict[str, object]] = {}
    for scope in ("all", "pdf", "docx", "txt"):
        total = score.Tally()
        for p in documents():
            if scope == "all" or p.suffix.lstrip(".") == scope:
                total.add(score.score_doc(gold(p), preds[p.name]))
        s = score.summarise(total)
        down = lambda v: math.floor(float(v) * 100) / 100  # noqa: E731
        out[scope] = {"f1": down(s["f1"]), "groups": {g: down(v) for g, v in s["groups"].items()}}
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--allow-regression", action="store_true")
    args = ap.parse_args()
    if not available():
        print(f"no corpus at {DEV}", file=sys.stderr)
        return 2
    new = measure()
    old = json.loads(FLOORS.read_text(encoding="utf-8")) if FLOORS.exists() else {}
    merged: dict[str, dict[str, object]] = {}
    regressions = []
    for scope, values in new.items():
        prev = old.get(scope, {"f1": 0.0, "groups": {}})
        groups = dict(prev.get("groups", {}))
        for g, v in values["groups"].items():  # type: ignore[union-attr]
            if v < groups.get(g, 0.0):
                regressions.append(f"{scope}.{g}: {groups[g]} -> {v}")
            groups[g] = v if args.allow_regression else max(v, groups.get(g, 0.0))
        f1 = values["f1"] if args.allow_regression else max(values["f1"], prev.get("f1", 0.0))  # type: ignore[type-var]
        if values["f1"] < prev.get("f1", 0.0):  # type: ignore[operator]
            regressions.append(f"{scope}.f1: {prev['f1']} -> {values['f1']}")
        merged[scope] = {"f1": f1, "groups": groups}
    if regressions and not args.allow_regression:
        print("refusing to lower floors:\n  " + "\n  ".join(regressions), file=sys.stderr)
        return 1
    FLOORS.write_text(json.dumps(merged, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(json.dumps(merged, indent=1, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
