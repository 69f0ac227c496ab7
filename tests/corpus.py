"""Where the shared test corpus lives, and a scorer over it (used by the golden tests and tools).

The corpus and the scorer sit in ``../shared`` beside the repository; a fresh clone without
it skips these tests with a reason instead of failing.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DEV = SHARED / "corpus" / "dev"
REAL = SHARED / "corpus" / "external" / "real"
FLOORS = ROOT / "tests" / "golden_floors.json"
INPUTS = (".pdf", ".docx", ".txt", ".md")


def available() -> bool:
    return (DEV / "MANIFEST.tsv").is_file() and (SHARED / "tools" / "score.py").is_file()


def scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("shared_score", SHARED / "tools" / "score.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def documents(folder: Path = DEV) -> list[Path]:
    return sorted(
        p
        for p in folder.iterdir()
        if p.suffix.lower() in INPUTS and p.stem.upper() not in {"README", "MANIFEST"}
    )


def gold(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    return data
