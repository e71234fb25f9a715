"""A harm counted with no percentage in a single-arm study is a share of every patient treated."""

from __future__ import annotations

from evidence.records import Article, Section
from extractors import extract_study


def _toxicity(text: str):
    study = extract_study(Article(pmid="t1", title="A phase 2 trial of drug X in sarcoma", sections=(Section("Results", text),)))
    return [f for f in study.findings if f.measure.name == "TOX_G3PLUS"]


def test_grade_three_events_counted_over_the_whole_cohort_not_the_evaluable() -> None:
    found = _toxicity(
        "Forty patients were enrolled and 36 were evaluable for response. The objective response rate was 25%. "
        "No grade 4 or 5 adverse events were reported; grade 3 events occurred in 8 patients."
    )
    assert [(f.count, f.denominator, f.value) for f in found] == [(8, 40, 0.2)]
    assert "cohort's n " in found[0].method
