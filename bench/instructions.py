"""Instructions per warm parse: a speed figure a busy machine does not blur.

    python bench/instructions.py [--corpus DIR] [--samples DIR] [--pdf] [--rounds N]

Wall-clock times on a machine shared with other jobs swing by 30-50 % from run to run, too
much to tell whether a change to an extractor made parsing 5 % faster. This counts the CPU
instructions one warm parse executes instead, with valgrind's callgrind tool: the same code on
the same input gives the same count to within a fraction of a percent, however busy the
machine is. One process parses every file once (warm-up), then ``--rounds`` more times; only
those rounds are counted, divided by the number of parses, so start-up and the first parse
are left out. The hash seed is fixed (``PYTHONHASHSEED=0``) and the parse timeout is off.

The text résumés of the corpus and ``samples/`` by default (what ``bench/run.py`` times as
"text résumé, warm"); ``--pdf`` counts the corpus PDFs with the default engine. Needs
``valgrind`` on the PATH (skipped with a message otherwise); takes about two minutes.
Compare two checkouts by running it in each. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_CHILD = """
import functools, sys
sys.path.insert(0, {src!r})
import cvparse
from cvparse.limits import Limits
limits = Limits(timeout=None)  # valgrind runs ~50x slower: no parse may time out
datas = [open(f, "rb").read() for f in {files!r}]
for d in datas:
    cvparse.parse(d, limits=limits)
def rounds():
    for _ in range({rounds}):
        for d in datas:
            cvparse.parse(d, limits=limits)
# callgrind counts only inside this call (--toggle-collect=functools_reduce)
functools.reduce(lambda _, run: run(), [rounds], None)
"""


def _instructions(files: list[str], rounds: int) -> int:
    """Instructions executed by ``rounds`` warm passes over ``files``, counted in one process.

    Only the timed passes are counted (callgrind starts collecting when ``functools.reduce``
    is entered and stops when it returns), so start-up, imports and the warm-up pass are left
    out without subtracting a second run: two processes differ by their hash seed (set
    iteration order), which moved the difference by up to 20 M instructions per parse.
    ``PYTHONHASHSEED=0`` makes repeated runs agree to a few hundred instructions.
    """
    code = _CHILD.format(src=str(ROOT / "src"), files=files, rounds=rounds)
    out = subprocess.run(
        [
            "valgrind",
            "--tool=callgrind",
            "--callgrind-out-file=/dev/null",
            "--collect-atstart=no",
            "--toggle-collect=functools_reduce",
            sys.executable,
            "-c",
            code,
        ],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONHASHSEED": "0"},
    )
    found = re.search(r"Collected\s*:\s*(\d+)", out.stderr)
    if out.returncode != 0 or found is None:
        raise RuntimeError(f"valgrind failed:\n{out.stderr[-2000:]}")
    if int(found.group(1)) == 0:
        raise RuntimeError("callgrind counted nothing: this Python has no symbol for functools_reduce")
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
    per_parse = _instructions(names, args.rounds) / (args.rounds * len(names))
    kind = "PDF" if args.pdf else "text résumé"
    print(
        f"{per_parse / 1e6:.2f} M instructions per warm {kind} parse ({len(names)} files, {args.rounds} rounds)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
