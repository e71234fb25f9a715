"""Evidence tables: wide and long shapes, provenance columns, exports and formula neutralisation."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from evidence.errors import InputError, OutputError
from evidence.records import Arm, Article, Cohort, Evidence, Finding, Kind, Measure, Origin, Range, Regimen, Study, Unit
from evidence.tables import evidence_table, evidence_values, neutralise_cell, write_table

SENTENCE = "Response evaluation revealed 3.2% with a CR, culminating in an ORR of 32.2%."


def _study() -> Study:
    ev = Evidence("Results", SENTENCE, 60, 65, "t", "32.2%")
    return Study(
        article=Article(pmid="1", title="A trial", year=2024, journal="J"),
        cohort=Cohort(n=31, evidence={"n": Evidence("Methods", "We reviewed 31 patients.", 12, 14, "t", "31")}),
        arms=(Arm("A", 15), Arm("B", 16)),
        regimen=Regimen(drugs=("doxorubicin",), rt_total_dose_gy=Range(25, 35)),
        findings=(
            Finding(Measure.ORR, Kind.RATE, 0.322, Unit.PROPORTION, evidence=ev),
            Finding(Measure.OS, Kind.RATE, 0.896, Unit.PROPORTION, time_months=12, evidence=ev),
            Finding(Measure.CR, Kind.RATE, 0.1, Unit.PROPORTION, origin=Origin.CORRECTED, method="corrected by r: typo", original_value=0.032, evidence=ev),
            Finding(Measure.PR, Kind.RATE, 0.4, Unit.PROPORTION, count=6, denominator=15, arm="A", origin=Origin.CURATED, method="curated"),
        ),
        label="Qu 2024",
    )


def test_wide_table_has_percentages_sources_and_status() -> None:
    t = evidence_table([_study()], roles={"1": "index"})
    whole = t.rows[0]
    assert whole["ORR_pct"] == 32.2 and whole["ORR_pct_status"] == "extracted" and whole["ORR_pct_source"] == SENTENCE
    assert whole["OS_12m_pct"] == 89.6
    assert whole["CR_pct"] == 10.0 and whole["CR_pct_status"] == "corrected (extracted 3.2)"
    assert SENTENCE in whole["CR_pct_source"] and "typo" in whole["CR_pct_source"]
    assert whole["n"] == 31 and whole["n_source"] == "We reviewed 31 patients."
    assert whole["rt_total_dose_gy"] == "25-35" and whole["role"] == "index"
    arm_rows = {r["arm"]: r for r in t.rows[1:]}
    assert set(arm_rows) == {"A", "B"}
    assert arm_rows["A"]["PR_pct"] == 40.0 and arm_rows["A"]["PR_pct_count"] == 6 and arm_rows["A"]["PR_pct_status"] == "curated"
    assert arm_rows["B"]["n"] == 16 and "PR_pct" not in arm_rows["B"]
    for col in ("ORR_pct", "ORR_pct_source", "ORR_pct_status", "OS_12m_pct", "OS_12m_pct_source", "flags"):
        assert col in t.columns


def test_long_table_one_row_per_value_with_offsets() -> None:
    t = evidence_values([_study()])
    orr = [r for r in t.rows if r.get("measure") == "ORR"][0]
    assert orr["value"] == 0.322 and orr["percent"] == 32.2 and orr["sentence"] == SENTENCE
    assert (orr["start"], orr["end"], orr["section"]) == (60, 65, "Results")
    cr = [r for r in t.rows if r.get("measure") == "CR"][0]
    assert cr["status"] == "corrected" and cr["original_value"] == 0.032


@pytest.mark.parametrize("value", ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\tx"])
def test_neutralise_formula_starts(value: str) -> None:
    assert neutralise_cell(value) == "'" + value
    assert neutralise_cell("ok =1") == "ok =1" and neutralise_cell(-2.5) == -2.5


def _dangerous() -> Study:
    s = _study()
    return Study(article=Article(pmid="2", title="=HYPERLINK(\"http://x\")"), label="=cmd|' /C calc'!A0", findings=s.findings)


def test_every_format_writes_and_xlsx_runs_no_formula(tmp_path: Path) -> None:
    t = evidence_table([_study(), _dangerous()])
    for fmt in ("csv", "xlsx", "parquet", "md", "jsonl"):
        write_table(t, tmp_path / f"t.{fmt}")
    from openpyxl import load_workbook

    ws = load_workbook(tmp_path / "t.xlsx").active
    cells = [c for row in ws.iter_rows() for c in row]
    assert not [c for c in cells if c.data_type == "f"]
    labels = [c.value for c in cells if isinstance(c.value, str) and "cmd" in c.value]
    assert labels and set(labels) == {"'=cmd|' /C calc'!A0"}
    rows = list(csv.DictReader(open(tmp_path / "t.csv", encoding="utf-8")))
    assert rows[0]["ORR_pct"] == "32.2" and [r for r in rows if r["pmid"] == "2"][0]["label"].startswith("'=")
    import pyarrow.parquet as pq

    pt = pq.read_table(tmp_path / "t.parquet").to_pydict()
    assert pt["ORR_pct"][0] == 32.2 and pt["pmid"] == ["1", "1", "1", "2", "2"]
    lines = [json.loads(x) for x in (tmp_path / "t.jsonl").read_text().splitlines()]
    assert lines[0]["ORR_pct_source"] == SENTENCE
    md = (tmp_path / "t.md").read_text()
    assert md.startswith("| pmid | label |") and "32.2" in md


def test_bad_format_and_unwritable_folder(tmp_path: Path) -> None:
    t = evidence_table([_study()])
    with pytest.raises(InputError, match="table format 'docx'"):
        write_table(t, tmp_path / "t.docx")
    with pytest.raises(OutputError, match="does not exist"):
        write_table(t, tmp_path / "missing" / "t.csv")
    assert list(tmp_path.iterdir()) == []
