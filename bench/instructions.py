"""Instructions per warm parse: a speed figure a busy machine does not blur.

    python bench/instructions.py [--corpus DIR] [--samples DIR] [--pdf] [--rounds N]

Wall-clock times on a machine shared with other jobs swing by 30-50 % from run to run, too
much to tell whether a change to an extractor made parsing 5 % faster. This counts the CPU
instructions one warm parse executes instead, with valgrind's callgrind tool: the same code on
the same input gives the same count to within a fraction of a percent, however busy the
machine is. It runs the warm-up alone and the warm-up plus ``--rounds`` rounds, and divides
the difference by the number of parses, so start-up and the first parse are left out.

The text résumés of the corpus and ``samples/`` by default (what ``bench/run.py`` times as
"text résumé, warm"); ``--pdf`` counts the corpus PDFs with the default engine. Needs
``valgrind`` on the PATH (skipped with a message otherwise); takes about two minutes.
Compare two checkouts by running it in each. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_CHILD = """
import sys
sys.path.insert(0, {src!r})
import cvparse
datas = [open(f, "rb").read() for f in {files!r}]
for d in datas:
    cvparse.parse(d)
for _ in range({rounds}):
    for d in datas:
        cvparse.parse(d)
"""


def _instructions(files: list[str], rounds: int) -> int:
    code = _CHILD.format(src=str(ROOT / "src"), files=files, rounds=rounds)
    out = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=False,
    )
    found = re.search(r"Collected\s*:\s*(\d+)", out.stderr)
    if out.returncode != 0 or found is None:
        raise RuntimeError(f"valgrind failed:\n{out.stderr[-2000:]}")
    return int(found.group(1))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "dev")
    parser.add_argument("--samples", type=Path, default=ROOT / "samples")
    parser.add_argument("--pdf", action="store_true", help="count the corpus PDFs instead")
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args(argv)
    if shutil.which("valgrind") is None:
        print("valgrind is not installed: nothing to count")
        return 0
    if args.pdf:
        files = sorted(args.corpus.glob("*.pdf")) if args.corpus.is_dir() else []
    else:
        folders = [f for f in (args.corpus, args.samples) if f.is_dir()]
        files = [
            p
            for f in folders
            for p in sorted(f.iterdir())
            if p.suffix in (".txt", ".md") and p.stem.upper() not in {"README", "MANIFEST"}
        ]
    if not files:
        print("no résumés found: nothing to count")
        return 0
    names = [str(p) for p in files]
    base = _instructions(names, 0)
    total = _instructions(names, args.rounds)
    per_parse = (total - base) / (args.rounds * len(names))
    kind = "PDF" if args.pdf else "text résumé"
    print(
        f"{per_parse / 1e6:.2f} M instructions per warm {kind} parse ({len(names)} files, {args.rounds} rounds)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
