"""Wound complication rates (extractors.wound): as single-cohort rates and per arm, each with its sentence."""

from __future__ import annotations

import pytest

from evidence.records import Article, Measure, Section
from extractors.pipeline import extract_study

TWO_ARMS = ("Patients were randomly assigned to preoperative radiotherapy (n = 60) or postoperative radiotherapy (n = 62). ")


def _wound(abstract: str, title: str = "A cohort study") -> list:
    study = extract_study(Article(pmid="1", title=title, sections=(Section(label="", text=abstract),)))
    return [f for f in study.findings if f.measure == Measure.WOUND]


@pytest.mark.parametrize(
    "sentence, value, count, denominator",
    [
        ("Major wound complications occurred in 11 patients (25.0%).", 0.25, 11, None),
        ("Major wound complications were seen in 11 of 44 patients (25%).", 0.25, 11, 44),
        ("The rate of major wound complications was 18.2%.", 0.182, None, None),
        ("Wound complications: 9/44 (20.5%).", 0.205, 9, 44),
        ("Eleven patients (25%) developed major wound complications after resection.", 0.25, 11, None),
        ("Wound-healing complications were observed in 20.5% (9/44).", 0.205, 9, 44),
        ("Delayed wound healing affected 7 of 44 patients.", 0.1591, 7, 44),
    ],
)
def test_a_single_cohort_rate_in_the_ways_authors_write_it(sentence: str, value: float, count: int | None, denominator: int | None) -> None:
    found = _wound(f"We treated 44 patients with preoperative radiotherapy. {sentence} The 2-year overall survival was 81%.")
    assert [(f.value, f.count, f.denominator, f.arm) for f in found] == [(value, count, denominator, None)]
    assert "wound" in found[0].outcome and "wound" in found[0].evidence.sentence.lower()


def test_the_study_definition_is_kept_in_the_outcome_name() -> None:
    found = _wound("We treated 44 patients. Major wound complications occurred in 11 patients (25.0%).")
    assert found[0].outcome == "major wound complications"


def test_a_count_without_a_percentage_is_taken_over_the_cohort_with_the_method_named() -> None:
    found = _wound("In total 40 patients were included. Wound complications requiring reoperation were seen in six patients.")
    assert [(f.value, f.count, f.denominator) for f in found] == [(0.15, 6, 40)]
    assert "/ the cohort's n" in found[0].method


def test_per_arm_rates_follow_their_arms() -> None:
    text = TWO_ARMS + ("Wound complications occurred in 21 of 58 (36%) patients in the preoperative group and "
                       "10 of 60 (17%) in the postoperative group (p = 0.02).")
    found = _wound(text, "A randomised trial")
    assert [(f.value, f.count, f.denominator, f.arm) for f in found] == [
        (0.36, 21, 58, "preoperative radiotherapy"), (0.17, 10, 60, "postoperative radiotherapy")]


def test_per_arm_rates_with_respectively() -> None:
    text = TWO_ARMS + "Major wound complications were 36% and 17% in the preoperative and postoperative arms, respectively."
    found = _wound(text, "A randomised trial")
    assert [(f.value, f.arm) for f in found] == [(0.36, "preoperative radiotherapy"), (0.17, "postoperative radiotherapy")]


@pytest.mark.parametrize(
    "sentence",
    [
        "Risk factors for wound complications included diabetes (OR 2.4) and a tumour above 10 cm; 30% of patients were smokers.",
        "Superficial wound infections occurred in 4 patients (9%).",
        "Wound complications were rare, and local recurrence occurred in 3 patients (7%).",
        "Earlier series reported rates of up to 35% for major wound complications.",
    ],
)
def test_no_wound_rate_where_the_sentence_gives_none(sentence: str) -> None:
    assert _wound(f"We treated 44 patients with preoperative radiotherapy. {sentence}") == []


def test_one_cohort_keeps_its_first_statement() -> None:
    text = ("We treated 44 patients. Major wound complications occurred in 11 patients (25.0%). "
            "Of the major wound complications, 6 patients (13.6%) needed a flap.")
    assert [f.value for f in _wound(text)] == [0.25]


def test_a_wound_rate_no_whole_count_can_give_is_flagged() -> None:
    study = extract_study(Article(pmid="1", title="A cohort study", sections=(Section(
        label="", text="We treated 44 patients with preoperative radiotherapy. The rate of major wound complications was 25.1%."),)))
    assert any(f.code == "GRIM" and "WOUND" in f.message for f in study.flags)
