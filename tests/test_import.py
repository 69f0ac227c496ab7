"""``import cvparse`` stays light: no pydantic models, jieba or pdfplumber until they are needed."""

from __future__ import annotations

import subprocess
import sys


def test_import_loads_no_heavy_modules() -> None:
    code = (
        "import sys, cvparse; heavy = [m for m in ('jieba', 'pdfplumber', 'pdfminer', 'pypdfium2', 'docx', "
        "'pydantic', 'phonenumbers') if m in sys.modules]; print(','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_public_surface() -> None:
    import cvparse

    assert callable(cvparse.parse) and callable(cvparse.parse_text)
    assert issubclass(cvparse.errors.NoTextError, cvparse.CvparseError)
    assert "Profile" in dir(cvparse)
