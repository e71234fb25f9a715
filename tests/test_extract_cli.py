"""``evidence extract``: JSONL and CSV output, atomic writes, one-line errors."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from evidence.cli import main

ABSTRACT = (
    "Neoadjuvant chemotherapy in 40 patients with sarcoma: a phase II study\n\n"
    "Methods: A total of 40 patients were enrolled and received three cycles of AI.\n"
    "Results: The ORR was 45% (18/40). The 2-year overall survival was 78.5%.\n"
)


@pytest.fixture()
def abstract_file(tmp_path: Path) -> Path:
    path = tmp_path / "one.txt"
    path.write_text(ABSTRACT, encoding="utf-8")
    return path


def test_extract_jsonl_to_file(abstract_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(abstract_file), "--out", str(out)]) == 0
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(rows) == 1
    study = rows[0]
    assert study["cohort"]["n"] == 40 and study["design"] == ["phase2", "prospective"]  # a phase II study is prospective
    assert study["regimen"]["drugs"] == ["doxorubicin", "ifosfamide"] and study["regimen"]["chemo_cycles"] == 3
    orr = next(f for f in study["findings"] if f["measure"] == "ORR")
    assert (orr["value"], orr["count"], orr["denominator"]) == (0.45, 18, 40)
    assert orr["evidence"]["text"] == "45%" and orr["evidence"]["extractor_version"]
    assert not list(tmp_path.glob(".*.tmp"))


def test_extract_csv_to_stdout(abstract_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(abstract_file), "--format", "csv"]) == 0
    rows = list(csv.DictReader(capsys.readouterr().out.splitlines()))
    assert {r["measure"] for r in rows} == {"ORR", "OS"}
    os_row = next(r for r in rows if r["measure"] == "OS")
    assert os_row["time_months"] == "24.0" and os_row["text"] == "78.5%" and "2-year" in os_row["sentence"]


def test_extract_bad_inputs_fail_in_one_line(tmp_path: Path, abstract_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(tmp_path / "missing.xml")]) == 2
    err = capsys.readouterr().err
    assert "missing.xml" in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert main(["extract", str(abstract_file), "--out", str(tmp_path / "no" / "x.jsonl")]) == 1
    assert "does not exist" in capsys.readouterr().err
    assert main(["extract", str(abstract_file), "--format", "xml"]) == 2


def test_failed_run_leaves_no_output(tmp_path: Path, abstract_file: Path) -> None:
    bad = tmp_path / "bad.xml"
    bad.write_text("<PubmedArticleSet><PubmedArticle><MedlineCitation>", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    out.write_text("previous\n")
    status = main(["extract", str(abstract_file), str(bad), "--out", str(out)])
    assert status != 0
    assert out.read_text() == "previous\n"
    assert not list(tmp_path.glob(".*.tmp"))
