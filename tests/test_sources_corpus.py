"""The embedded corpus: seed record and curated studies."""

from __future__ import annotations

import csv
import importlib.util
import io
import re
from pathlib import Path

import pytest

from corpora import corpus_path
from evidence.records import Kind, Measure, Origin, Range, Unit, write_jsonl
from evidence.sources import read_articles
from evidence.sources.corpus import SEED_PMID, curated_studies, seed_article


def test_seed_article() -> None:
    art = seed_article()
    assert art.pmid == SEED_PMID == "38962275"
    assert art.title.startswith("Preoperative sequential chemotherapy and hypofractionated radiotherapy")
    assert art.title.endswith("high-risk soft tissue sarcomas: a retrospective study")
    assert [s.label for s in art.sections] == ["Introduction", "Materials and methods", "Results", "Conclusion"]
    methods, results = art.sections[1].text, art.sections[2].text
    assert "retrospective review of 31 high-risk soft tissue sarcoma patients" in methods
    assert "5 Gy per fraction to a total dose of 25-35 Gy" in methods
    assert "culminating in an ORR of 32.2%" in results
    assert "One-year DFS was 79.3%, with a one-year OS rate of 89.6%." in results
    assert (art.journal, art.year, art.doi) == ("Front Oncol", 2024, "10.3389/fonc.2024.1423151")
    assert art.authors == ("Qu G",)
    assert art.publication_types == ("Journal Article",)
    assert art.source == "corpus"


def test_seed_file_reads_through_dispatch() -> None:
    (art,) = read_articles(corpus_path("seed", "38962275.xml"))
    assert art.source == "pubmed-xml"
    assert art.sections == seed_article().sections and art.title == seed_article().title


def test_curated_studies_are_all_curated() -> None:
    studies = curated_studies()
    assert len(studies) == 21
    assert len({s.pmid for s in studies}) == 21
    assert all(s.origin is Origin.CURATED for s in studies)
    findings = [f for s in studies for f in s.findings]
    assert findings and all(f.origin is Origin.CURATED and f.evidence is None for f in findings)
    assert all(re.match(r"curated from published abstract: https?://", f.method) for f in findings)
    for f in findings:
        if f.kind is Kind.RATE:
            assert f.unit is Unit.PROPORTION and (f.value is None or 0 <= f.value <= 1)
    for study in studies:  # every per-arm finding names an arm of its study
        labels = {a.label for a in study.arms}
        assert {f.arm for f in study.findings} - {None} <= labels, study.label


def _by_label(label: str):
    (study,) = [s for s in curated_studies() if s.label == label]
    return study


def test_curated_values_carried_not_computed() -> None:
    schmitt = _by_label("Schmitt 2011")
    cr = schmitt.findings_for(Measure.CR)[0]
    assert (cr.value, cr.count, cr.denominator) == (0.06, 3, 50)
    assert schmitt.findings_for(Measure.ORR) == []  # the abstract gives no ORR; CR + PR is not summed
    (os_2y,) = schmitt.findings_for(Measure.OS)
    assert (os_2y.value, os_2y.time_months) == (0.83, 24.0)
    osullivan = _by_label("O'Sullivan 2002")
    assert osullivan.cohort.n is None  # no total stated; not summed from 94 + 96
    assert [(a.n, a.regimen.rt_total_dose_gy) for a in osullivan.arms] == [(94, 50), (96, 66)]
    bonvalot = _by_label("Bonvalot 2020")
    assert bonvalot.regimen.rt_total_dose_gy == 50.4 and bonvalot.regimen.rt_dose_per_fraction_gy == 1.8
    assert bonvalot.design == ("randomised", "phase3")
    assert _by_label("Adv Radiat Oncol 2020").regimen.rt_total_dose_gy == Range(27.5, 40)
    ahmed = _by_label("Ahmed 2025")
    (dfs,) = ahmed.findings_for(Measure.DFS)
    assert dfs.ci == (0.797, 0.929)
    gronchi = _by_label("Gronchi")
    assert [f.value for f in gronchi.findings if f.measure is Measure.OS] == [0.61, 0.64, 0.59]
    assert gronchi.findings_for(Measure.OS, arm="A: 3 preoperative cycles")[0].value == 0.64


def test_studies_file_is_what_write_jsonl_writes() -> None:
    buffer = io.StringIO()
    write_jsonl(curated_studies(), buffer)
    assert buffer.getvalue() == corpus_path("curated", "studies.jsonl").read_text(encoding="utf-8")


def test_sources_table() -> None:
    with corpus_path("curated", "sources.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["id"] for r in rows] == [f"c{i:02d}" for i in range(1, 22)]
    assert [r["label"] for r in rows] == [s.label for s in curated_studies()]
    assert all(r["url"].startswith("http") and r["notes"] for r in rows)


def _build_module():
    spec = importlib.util.spec_from_file_location("curated_build", corpus_path("curated", "build.py"))
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


def test_build_reproduces_committed_files(shared_dir: Path, tmp_path: Path) -> None:
    _build_module().main(shared_dir / "data" / "curated-sts", tmp_path)
    for name in ("studies.jsonl", "sources.csv"):
        assert (tmp_path / name).read_bytes() == corpus_path("curated", name).read_bytes(), name


def _shingles(text: str, size: int = 7) -> set[tuple[str, ...]]:
    words = re.findall(r"[a-z]+", text.lower())
    return {tuple(words[i : i + size]) for i in range(len(words) - size + 1)}


def test_notes_are_restated_not_copied(shared_dir: Path) -> None:
    with (shared_dir / "data" / "curated-sts" / "studies.csv").open(encoding="utf-8", newline="") as handle:
        theirs = {r["id"]: r["notes"] for r in csv.DictReader(handle)}
    with corpus_path("curated", "sources.csv").open(encoding="utf-8", newline="") as handle:
        ours = {r["id"]: r["notes"] for r in csv.DictReader(handle)}
    for key, note in ours.items():
        assert not _shingles(note) & _shingles(theirs[key]), key


@pytest.mark.parametrize("name", ["38962275.xml", "README.md"])
def test_seed_folder_ships(name: str) -> None:
    assert corpus_path("seed", name).is_file()
