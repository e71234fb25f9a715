"""Screening rules, manual overrides, PRISMA counts, and reviewer corrections applied over extraction."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from evidence.cli import main
from evidence.corrections import Correction, apply_corrections, parse_correction_value
from evidence.errors import InputError
from evidence.protocol import InclusionRules
from evidence.records import Article, Cohort, Evidence, Finding, Kind, Measure, Origin, Section, Study, Unit
from evidence.report.prisma import prisma_svg
from evidence.screening import ScreeningDecision, prisma_counts, screen_study

ABSTRACT = (Section("RESULTS", "ORR was 40%."),)


def _study(pmid: str, n: int | None = 40, ptypes: tuple[str, ...] = ("Journal Article",), **kw: object) -> Study:
    return Study(article=Article(pmid=pmid, sections=ABSTRACT, publication_types=ptypes), cohort=Cohort(n=n), **kw)  # type: ignore[arg-type]


RULES = InclusionRules(publication_types_exclude=("Review",), min_n=10, required_outcomes=(Measure.ORR,), designs=("phase2",))


def test_rules_give_the_first_failing_reason() -> None:
    orr = (Finding(Measure.ORR, Kind.RATE, 0.4, Unit.PROPORTION),)
    assert screen_study(_study("1", ptypes=("Review",), findings=orr), RULES).reason == "publication type: Review"
    assert screen_study(_study("2", n=8, findings=orr), RULES).reason == "fewer than 10 patients"
    assert screen_study(_study("3", findings=orr, design=("retrospective",)), RULES).reason == "design not among those included"
    assert screen_study(_study("4"), RULES).reason == "reports none of the required outcomes"
    kept = screen_study(_study("5", n=None, findings=orr), RULES)
    assert kept.include and kept.decided_by == "rules"  # N unknown: kept
    no_abstract = Study(article=Article(pmid="6"), findings=orr)
    assert screen_study(no_abstract, RULES).reason == "no abstract"
    manual = ScreeningDecision("4", True, "reports ORR in the full text", "manual", "ann")
    assert screen_study(_study("4"), RULES, manual) is manual


def test_prisma_counts_and_diagram() -> None:
    decisions = [
        ScreeningDecision("1", False, "publication type: Review"),
        ScreeningDecision("2", False, "fewer than 10 patients"),
        ScreeningDecision("3", False, "fewer than 10 patients"),
        ScreeningDecision("4", True, "meets the inclusion rules"),
    ]
    p = prisma_counts({"database search (store)": 5, "curated comparison set": 1}, 2, decisions)
    assert (p.identified_total, p.duplicates_removed, p.screened, p.excluded, p.included) == (6, 2, 4, 3, 1)
    assert list(p.excluded_reasons.items())[0] == ("fewer than 10 patients", 2)
    svg = prisma_svg(p)
    assert svg.startswith("<svg") and "Records excluded (n = 3)" in svg and "fewer than 10 patients: 2" in svg


SENTENCE = "ORR was 40%."


def test_corrections_replace_keep_the_original_and_the_sentence() -> None:
    ev = Evidence("RESULTS", SENTENCE, 8, 11, "t", "40%")
    s = _study("7", findings=(Finding(Measure.ORR, Kind.RATE, 0.4, Unit.PROPORTION, evidence=ev),))
    c1 = Correction("7", Measure.ORR, 0.45, "typo in the abstract", reviewer="ann", created="2026-01-02T00:00:00")
    c2 = Correction("7", Measure.ORR, 0.42, "second look", reviewer="bob", created="2026-01-03T00:00:00")
    c3 = Correction("7", Measure.OS, 0.8, "from the figure", time_months=24.0)
    out = apply_corrections(s, [c1, c2, c3])
    orr = out.findings_for(Measure.ORR)[0]
    assert orr.value == 0.42 and orr.original_value == 0.4 and orr.origin == Origin.CORRECTED
    assert orr.evidence == ev and "bob" in orr.method and "second look" in orr.method
    os_ = out.findings_for(Measure.OS)[0]
    assert (os_.time_months, os_.value, os_.original_value, os_.kind) == (24.0, 0.8, None, Kind.RATE)
    assert apply_corrections(s, [Correction("8", Measure.ORR, 0.1, "other")]) == s


@pytest.mark.parametrize(
    ("measure", "text", "time", "expected"),
    [(Measure.ORR, "32.3%", None, 0.323), (Measure.ORR, "0.323", None, 0.323), (Measure.OS, "24.5", None, 24.5), (Measure.OS, "80%", 12.0, 0.8)],
)
def test_correction_values(measure: Measure, text: str, time: float | None, expected: float) -> None:
    assert parse_correction_value(measure, text, time) == pytest.approx(expected)


@pytest.mark.parametrize(("measure", "text"), [(Measure.ORR, "1.2"), (Measure.ORR, "abc"), (Measure.OS, "-3"), (Measure.ORR, "nan")])
def test_bad_correction_values(measure: Measure, text: str) -> None:
    with pytest.raises(InputError, match=measure.value):
        parse_correction_value(measure, text)


def test_correct_then_review_shows_corrected_with_the_extracted_value(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("EVIDENCE_REVIEWER", "tester")
    assert main(["correct", "38962275", "ORR", "32.3%", "--note", "10/31 prints as 32.3%"]) == 0
    assert main(["screen", "40056850", "--exclude", "--reason", "secondary analysis"]) == 0
    capsys.readouterr()
    # errors name the PMID, the measure, the store path; the store is unchanged
    assert main(["correct", "123", "ORR", "0.3", "--note", "x"]) == 2
    assert "PMID 123" in capsys.readouterr().err
    assert main(["correct", "38962275", "RESPONSE", "0.3", "--note", "x"]) == 2
    assert "Unknown measure 'RESPONSE'" in capsys.readouterr().err
    assert main(["screen", "40056850", "--include", "--exclude", "--reason", "x"]) == 2
    assert main(["review", "--out", "out", "--quiet"]) == 0
    rows = list(csv.DictReader(open(tmp_path / "out" / "evidence_table.csv", encoding="utf-8")))
    index = rows[0]
    assert float(index["ORR_pct"]) == pytest.approx(32.3)
    assert index["ORR_pct_status"] == "corrected (extracted 32.2)"
    assert "tester" in index["ORR_pct_source"] and "culminating in an ORR of 32.2%" in index["ORR_pct_source"]
    assert not [r for r in rows if r["pmid"] == "40056850"]  # excluded by the manual decision
    screening = json.loads((tmp_path / "out" / "screening.json").read_text())
    manual = [d for d in screening["decisions"] if d["pmid"] == "40056850"][0]
    assert manual == {**manual, "include": False, "decided_by": "manual", "reviewer": "tester", "reason": "secondary analysis"}
    assert screening["prisma"]["excluded_reasons"] == {"secondary analysis": 1}
    pooled = json.loads((tmp_path / "out" / "pooled.json").read_text())
    assert pooled["outcomes"][0]["k"] == 2  # Vanzulli 2025 left the ORR pool
    html = (tmp_path / "out" / "report.html").read_text()
    assert "Corrected (extracted value: 32.2%)" in html and 'class="v corrected"' in html


def test_store_records_are_deduplicated_screened_and_counted(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    from evidence.store import Store

    monkeypatch.chdir(tmp_path)
    results = (Section("RESULTS", "Of 40 patients, objective response occurred in 14 (35.0%)."),)
    articles = [
        Article(pmid="40056850", title="Radiologic response in ISG-STS 1001", sections=results, publication_types=("Journal Article",)),
        Article(pmid="111", title="A review of sarcoma therapy", sections=results, publication_types=("Review",)),
        Article(pmid="222", title="Preoperative therapy for sarcoma", sections=results, publication_types=("Journal Article",), authors=("Doe J",), year=2023),
    ]
    with Store.open(tmp_path / "db.sqlite") as store:
        store.upsert_articles(articles)
    # the default's sources and rules, without the index study's pseudo-cohort (quicker)
    protocol = Path(tmp_path / "p.toml")
    default = (Path(__file__).resolve().parents[1] / "corpora" / "protocols" / "default.toml").read_text()
    protocol.write_text(default.replace('accrual_start = "2021-06-01"', "").replace('accrual_end = "2023-06-30"', ""))
    assert main(["review", str(protocol), "--store", "db.sqlite", "--out", "out", "--quiet"]) == 0
    screening = json.loads((tmp_path / "out" / "screening.json").read_text())
    prisma = screening["prisma"]
    assert prisma["identified"] == {"curated comparison set": 21, "database search (store)": 3}
    assert prisma["duplicates_removed"] == 1  # 40056850 is a curated study already
    assert prisma["screened"] == 23 and prisma["excluded_reasons"] == {"publication type: Review": 1}
    assert prisma["included"] == 22
    rows = list(csv.DictReader(open(tmp_path / "out" / "evidence_table.csv", encoding="utf-8")))
    doe = [r for r in rows if r["pmid"] == "222"][0]
    assert doe["origin"] == "extracted" and doe["label"] == "Doe 2023"
    html = (tmp_path / "out" / "report.html").read_text()
    assert "Duplicates removed (n = 1)" in html and "publication type: Review: 1" in html
