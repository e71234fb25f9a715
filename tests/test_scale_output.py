"""The latest view of a scale-out dataset: revisions replace, deletions remove, later files bring back."""

from __future__ import annotations

from pathlib import Path

import pytest

from evidence.errors import InputError
from evidence.records import Article, Evidence, Finding, Kind, Measure, Section, Study, Unit
from evidence.scale.manifest import FileResult, Manifest, stem_of
from evidence.scale.output import TABLES, TableWriter, finding_rows, part_path, read_latest, read_table, study_row


def _study(pmid: str, *values: float) -> Study:
    text = " ".join(f"OS was {100 * v:.0f}%." for v in values)
    findings = tuple(
        Finding(Measure.OS, Kind.RATE, v, Unit.PROPORTION, time_months=12.0,
                evidence=Evidence("RESULTS", text, 7, 10, "t", "x%"))
        for v in values
    )
    sections = (Section("RESULTS", text),) if values else ()
    return Study(article=Article(pmid=pmid, title=f"t{pmid}", sections=sections), findings=findings)


def _write(out: Path, stem: str, studies: list[Study], deleted: list[str] = (), status: str = "done") -> None:
    rows = {"findings": [], "studies": [], "deletions": [{"pmid": p} for p in deleted]}
    for i, study in enumerate(studies):
        rows["findings"].extend(finding_rows(study, i))
        rows["studies"].append(study_row(study, i))
    for table, schema in TABLES.items():
        path = part_path(out, table, stem)
        path.parent.mkdir(parents=True, exist_ok=True)
        writer = TableWriter(path, schema)
        writer.write(rows[table])
        writer.close()
    manifest = Manifest.load(out)
    manifest.record(FileResult(stem=stem, path=f"{stem}.xml.gz", status=status, articles=len(studies)))


def test_latest_view_rules(tmp_path: Path) -> None:
    _write(tmp_path, "p25n0001", [_study("1", 0.5), _study("2", 0.6, 0.7), _study("3", 0.8)])
    # update: 2 revised with no findings left, 3 deleted, 4 new
    _write(tmp_path, "p25n0002", [_study("2"), _study("4", 0.9)], deleted=["3"])
    # a later update brings 3 back and deletes 1
    _write(tmp_path, "p25n0003", [_study("3", 0.55)], deleted=["1"])
    # a failed file is ignored
    _write(tmp_path, "p25n0004", [_study("4", 0.1)], status="failed")
    findings = read_latest(tmp_path)
    assert list(zip(findings["pmid"], findings["value"], findings["file"])) == [
        ("3", 0.55, "p25n0003"),
        ("4", 0.9, "p25n0002"),
    ]
    studies = read_latest(tmp_path, "studies", columns=["title", "n_findings"])
    assert list(zip(studies["pmid"], studies["n_findings"])) == [("2", 0), ("3", 1), ("4", 1)]
    assert len(read_table(tmp_path, "findings")) == 6  # every version is kept; the view chooses


def test_finding_rows_keep_provenance() -> None:
    row = finding_rows(_study("9", 0.25), 3)[0]
    assert row["record_index"] == 3 and row["sentence"] == "OS was 25%." and row["value"] == 0.25
    assert (row["section"], row["start"], row["end"], row["mention"]) == ("RESULTS", 7, 10, "x%")


def test_stems_and_bad_manifest(tmp_path: Path) -> None:
    assert stem_of(Path("a/pubmed25n0001.xml.gz")) == "pubmed25n0001"
    assert stem_of(Path("b.xml")) == "b"
    (tmp_path / "manifest.json").write_text("{not json")
    with pytest.raises(InputError, match="manifest.json"):
        Manifest.load(tmp_path)


def test_the_outcome_name_is_a_column_and_parts_written_without_it_still_read(tmp_path: Path) -> None:
    import pyarrow as pa

    other = Finding(Measure.OTHER, Kind.RATE, 0.3, Unit.PROPORTION, arm="A", outcome="grade 3 neutropenia",
                    evidence=Evidence("RESULTS", "Neutropenia 30% vs 10%.", 12, 15, "t", "30%"))
    study = Study(article=Article(pmid="5", title="t5", sections=(Section("RESULTS", "Neutropenia 30% vs 10%."),)), findings=(other,))
    assert finding_rows(study, 0)[0]["outcome"] == "grade 3 neutropenia"
    _write(tmp_path, "p25n0001", [study])
    # a part written by a version that had no outcome column
    old_schema = pa.schema([field for field in TABLES["findings"] if field.name != "outcome"])
    path = part_path(tmp_path, "findings", "p25n0002")
    path.parent.mkdir(parents=True, exist_ok=True)
    writer = TableWriter(path, old_schema)
    writer.write([{k: v for k, v in row.items() if k != "outcome"} for row in finding_rows(_study("6", 0.4), 0)])
    writer.close()
    Manifest.load(tmp_path).record(FileResult(stem="p25n0002", path="p25n0002.xml.gz", status="done", articles=1))
    findings = read_table(tmp_path, "findings")
    assert list(zip(findings["pmid"], findings["outcome"])) == [("5", "grade 3 neutropenia"), ("6", None)]
