"""Imports flow one way through the pipeline: a module never imports a later stage.

errors/limits/document/models/memo → resources → normalize → intake, segment → extract →
evidence → pipeline → export → batch → cli.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "cvparse"

LAYER = {
    "errors": 0,
    "limits": 0,
    "document": 0,
    "models": 0,
    "memo": 0,
    "resources": 1,
    "normalize": 2,
    "intake": 3,
    "segment": 3,
    "extract": 4,
    "evidence": 5,
    "pipeline": 6,
    "export": 7,
    "batch": 8,
    "_forkserver": 9,
    "cli": 9,
    "__main__": 10,
}


# Deliberate exceptions, each a lazy import inside one function:
# Profile.to_json_resume() is the requested convenience over export.to_json_resume().
ALLOWED = {("models", "export")}


def _stage(module: str) -> str:
    return module.split(".")[0]


def _imports(path: Path) -> list[str]:
    """cvparse-internal modules imported by ``path``, as dotted names below ``cvparse``."""
    rel = path.relative_to(SRC).with_suffix("")
    package = list(rel.parts[:-1])  # the package a relative import starts from
    out: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)] if node.level > 1 else package
                target = [*base, *(node.module.split(".") if node.module else [])]
                names = [target] if node.module else [[*base, a.name] for a in node.names]
                out.extend(".".join(n) for n in names if n)
            elif node.module and node.module.startswith("cvparse."):
                out.append(node.module.removeprefix("cvparse."))
        elif isinstance(node, ast.Import):
            out.extend(a.name.removeprefix("cvparse.") for a in node.names if a.name.startswith("cvparse."))
    return out


MODULES = sorted(p for p in SRC.rglob("*.py") if p.name != "__init__.py" or p.parent != SRC)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(SRC)))
def test_no_import_from_a_later_stage(path: Path) -> None:
    own = _stage(str(path.relative_to(SRC).with_suffix("")).replace("/", "."))
    if own not in LAYER:
        pytest.skip(f"{own} is not a pipeline stage")
    for imported in _imports(path):
        stage = _stage(imported)
        if stage in LAYER and (own, stage) not in ALLOWED:
            assert LAYER[stage] <= LAYER[own], f"{path.name} ({own}) imports {imported} ({stage})"
