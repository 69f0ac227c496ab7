# --- appended by intake (docx/sniff): make ``src/`` importable when cvparse is not installed.
import sys as _sys
from pathlib import Path as _Path

_SRC = str(_Path(__file__).resolve().parents[1] / "src")
if _SRC not in _sys.path:
    _sys.path.insert(0, _SRC)
