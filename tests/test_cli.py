"""The command line: outputs, exit statuses, --resume, formats. Inputs are made up in tmp_path."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from cvparse.cli import discover, main

RESUME_A = "张三\n男 | 25岁 | 13800138000\n教育经历\n北京大学 本科 计算机科学 2016-2020\n"
RESUME_B = (
    "# 李四\n\n邮箱: li.si@example.com | 电话: 13900139000\n\n"
    "## 工作经历\n\n示例科技有限公司 算法工程师 2020.07-至今\n"
)
RESUME_C = "王五\n女 | 13700137000\n教育经历\n示例大学 硕士 数学 2018-2021\n"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Two good résumés, one in a subfolder, a PDF of random bytes, an empty file, and noise."""
    root = tmp_path / "in"
    (root / "sub").mkdir(parents=True)
    (root / "a.txt").write_text(RESUME_A, encoding="utf-8")
    (root / "sub" / "b.md").write_text(RESUME_B, encoding="utf-8")
    (root / "broken.pdf").write_bytes(b"%PDF-1.4\n" + os.urandom(2000))
    (root / "empty.txt").write_bytes(b"")
    (root / "notes.json").write_text("{}", encoding="utf-8")  # not a default extension
    (root / ".hidden.txt").write_text(RESUME_A, encoding="utf-8")
    (root / "~$lock.docx").write_bytes(b"x")
    return root


def good_folder(tmp_path: Path) -> Path:
    root = tmp_path / "good"
    root.mkdir()
    (root / "a.txt").write_text(RESUME_A, encoding="utf-8")
    (root / "b.md").write_text(RESUME_B, encoding="utf-8")
    (root / "c.txt").write_text(RESUME_C, encoding="utf-8")
    return root


def jsonl(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_parse_one_file_prints_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "a.txt"
    path.write_text(RESUME_A, encoding="utf-8")
    assert main(["parse", str(path)]) == 0
    out = capsys.readouterr().out
    assert "张三" in out  # UTF-8, not \u escapes
    profile = json.loads(out)
    assert profile["name"] == "张三"
    assert profile["education"][0]["school"] == "北京大学"


def test_parse_one_broken_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    assert main(["parse", str(path)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "EmptyDocumentError" in captured.err


def test_folder_to_jsonl_one_line_per_input(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    assert main(["parse", str(folder), "-o", str(out), "-j", "2"]) == 1  # some failed
    records = {Path(str(r["source"])).name: r for r in jsonl(out)}
    assert sorted(records) == ["a.txt", "b.md", "broken.pdf", "empty.txt"]
    assert records["a.txt"]["profile"]["name"] == "张三"  # type: ignore[index]
    assert records["b.md"]["profile"]["email"] == "li.si@example.com"  # type: ignore[index]
    assert records["empty.txt"]["error"] == {"type": "EmptyDocumentError", "message": "the input is empty"}
    assert set(records["broken.pdf"]["error"]) == {"type", "message"}  # type: ignore[arg-type]
    for rec in records.values():
        assert len(str(rec["sha256"])) == 64
        assert isinstance(rec["seconds"], float)


def test_many_inputs_without_output_write_jsonl_to_stdout(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = good_folder(tmp_path)
    assert main(["parse", str(root / "a.txt"), str(root / "c.txt"), "-j", "0"]) == 0
    captured = capsys.readouterr()
    lines = [json.loads(line) for line in captured.out.splitlines()]
    assert [rec["profile"]["name"] for rec in lines] == ["张三", "王五"]
    assert "parsed 2, failed 0" in captured.err


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    for argv in (
        [],
        ["parse"],
        ["parse", "x", "--format", "xml"],
        ["parse", "x", "--workers", "-1"],
        ["parse", "x", "y", "--resume"],  # --resume without -o
        ["frobnicate"],
    ):
        with pytest.raises(SystemExit) as exc:
            main(argv)
        assert exc.value.code == 2, argv


def test_missing_input_is_an_error_record(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    assert main(["parse", str(tmp_path / "nope.pdf"), str(tmp_path / "nope2.pdf"), "-o", str(out), "-q"]) == 1
    assert [r["error"]["type"] for r in jsonl(out)] == ["InputError", "InputError"]  # type: ignore[index]


def test_resume_after_partial_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = good_folder(tmp_path)
    out = tmp_path / "out.jsonl"
    assert main(["parse", str(root), "-o", str(out), "-j", "0"]) == 0
    full = out.read_bytes().splitlines(keepends=True)
    assert len(full) == 3
    # As a kill would leave it: the first record whole, the second cut mid-line.
    out.write_bytes(full[0] + full[1][:25])
    capsys.readouterr()
    assert main(["parse", str(root), "-o", str(out), "--resume", "-j", "0"]) == 0
    err = capsys.readouterr().err
    assert "incomplete last line" in err
    assert "skipped 1" in err
    records = jsonl(out)
    assert sorted(Path(str(r["source"])).name for r in records) == ["a.txt", "b.md", "c.txt"]
    # Nothing left to do: a second resume appends nothing.
    assert main(["parse", str(root), "-o", str(out), "--resume", "-j", "0"]) == 0
    assert len(jsonl(out)) == 3
    # Changed content is a new input: parsed again and appended.
    (root / "c.txt").write_text(RESUME_C.replace("王五", "赵六"), encoding="utf-8")
    assert main(["parse", str(root), "-o", str(out), "--resume", "-j", "0"]) == 0
    records = jsonl(out)
    assert len(records) == 4
    assert records[-1]["profile"]["name"] == "赵六"  # type: ignore[index]


def test_resume_refuses_a_foreign_file(tmp_path: Path) -> None:
    root = good_folder(tmp_path)
    out = tmp_path / "out.jsonl"
    out.write_text("this is not a cvparse output\n", encoding="utf-8")
    with pytest.raises(SystemExit) as exc:
        main(["parse", str(root), "-o", str(out), "--resume"])
    assert exc.value.code == 2
    assert out.read_text(encoding="utf-8") == "this is not a cvparse output\n"


def test_csv_format(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    assert main(["parse", str(folder), "-o", str(out), "-f", "csv", "-j", "0", "-q"]) == 1
    text = out.read_text(encoding="utf-8-sig")
    rows = {Path(row["source"]).name: row for row in csv.DictReader(io.StringIO(text))}
    assert sorted(rows) == ["a.txt", "b.md", "broken.pdf", "empty.txt"]
    assert rows["a.txt"]["name"] == "张三"
    assert rows["a.txt"]["education"].startswith("北京大学|bachelor|计算机科学|2016/2020")
    assert rows["empty.txt"]["error_type"] == "EmptyDocumentError"
    assert len(text.splitlines()) == 5  # header + one physical line per input
    # resume on CSV: nothing to add, header not repeated
    assert main(["parse", str(folder), "-o", str(out), "-f", "csv", "--resume", "-j", "0", "-q"]) == 0
    assert out.read_text(encoding="utf-8-sig") == text


def test_jsonresume_format(folder: Path, tmp_path: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((Path(__file__).parent / "fixtures" / "jsonresume-schema.json").read_text("utf-8"))
    out = tmp_path / "out.jsonl"
    assert main(["parse", str(folder), "-o", str(out), "-f", "jsonresume", "-j", "0", "-q"]) == 1
    docs = {Path(str(d["x-cvparse"]["source"])).name: d for d in jsonl(out)}  # type: ignore[index]
    assert sorted(docs) == ["a.txt", "b.md", "broken.pdf", "empty.txt"]
    for doc in docs.values():
        jsonschema.validate(doc, schema)
    assert docs["a.txt"]["basics"]["name"] == "张三"  # type: ignore[index]
    assert docs["empty.txt"]["x-cvparse"]["error"]["type"] == "EmptyDocumentError"  # type: ignore[index]


def test_schema_subcommand(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["title"] == "Profile"
    assert "education" in schema["properties"]


def test_discover_filters_and_orders(folder: Path) -> None:
    names = [
        Path(p).relative_to(folder).as_posix()
        for p in discover([str(folder)], ("*.pdf", "*.docx", "*.txt", "*.md"))
    ]
    assert names == ["a.txt", "broken.pdf", "empty.txt", "sub/b.md"]
    assert [Path(p).name for p in discover([str(folder)], ["*.JSON"])] == ["notes.json"]
    assert [Path(p).name for p in discover([str(folder)], ["sub/*"])] == ["b.md"]
    explicit = str(folder / "notes.json")
    assert discover([explicit, explicit], ["*.pdf"]) == [explicit]


def test_module_entry_point_and_light_import(tmp_path: Path) -> None:
    """``python -m cvparse`` works, and importing the CLI loads no pydantic (startup time)."""
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src")}
    done = subprocess.run(
        [sys.executable, "-m", "cvparse", "--version"], capture_output=True, text=True, env=env, check=False
    )
    assert done.returncode == 0
    assert done.stdout.startswith("cvparse ")
    probe = (
        "import sys, cvparse, cvparse.cli, cvparse.batch, cvparse.export; print('pydantic' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, check=True)
    assert done.stdout.strip() == "False"
