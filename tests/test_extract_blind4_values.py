"""Values in phrasings found missed by a blind set of invented abstracts (extractors/outcomes.py): response counts
with no percentage, measures named in other words, hazard ratios written without their label, follow-up phrasings.

Every sentence here is invented; each test names the general phrasing it stands for.
"""

from __future__ import annotations

import pytest

from evidence.records import Article, Kind, Measure, Section, Study
from extractors.pipeline import extract_study

_SINGLE = "Forty patients with sarcoma were treated with weekly gemcitabine in this single-arm phase II study. "
_TWO = "In total, 240 women were allocated at random to gefitinib (n = 120) or docetaxel (n = 120). "


def _study(sentence: str, design: str = _SINGLE) -> Study:
    return extract_study(Article(pmid="b4v", sections=(Section("", design + sentence),)))


def _counts(study: Study) -> dict[str, tuple[int | None, int | None]]:
    return {f.measure.value: (f.count, f.denominator) for f in study.findings if f.kind == Kind.RATE and f.arm is None}


# -- response counts with no percentage: over the cohort the abstract states ----------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Best overall response: 3 CR, 6 PR, 11 SD and 4 PD (ORR 22%).", {"CR": 3, "PR": 6, "SD": 11, "PD": 4}),
        ("ORR reached 35% (14/40) and comprised 3 CRs.", {"CR": 3}),
        ("Responses were seen in 14/40 (35%): complete response 5, partial response 9.", {"CR": 5, "PR": 9}),
        ("By RECIST, CR, 4; PR, 9; and SD, 10.", {"CR": 4, "PR": 9, "SD": 10}),
        ("Stable disease was seen in 18 patients and progressive disease in four.", {"SD": 18, "PD": 4}),
        ("Two partial responses were documented and stable disease in eleven; six progressed on treatment.", {"SD": 11, "PD": 6}),
    ],
)
def test_a_response_count_without_a_percentage_is_taken_over_the_cohort(sentence: str, expected: dict[str, int]) -> None:
    counts = _counts(_study(sentence))
    for measure, count in expected.items():
        assert counts.get(measure) == (count, 40), (measure, counts)
    counted = [f for f in _study(sentence).findings if f.measure.value in expected]
    assert counted and all(f.method and "count" in f.method for f in counted)  # the value is worked out: the method says how


def test_a_count_with_its_percentage_keeps_the_printed_value() -> None:
    counts = {f.measure.value: f.value for f in _study("There were 2 CR (5%) and 7 PR.").findings if f.kind == Kind.RATE}
    assert counts["CR"] == pytest.approx(0.05)
    assert counts["PR"] == pytest.approx(7 / 40, abs=1e-4)


def test_a_count_over_a_base_the_sentence_states_beats_the_cohort() -> None:
    counts = _counts(_study("Among 25 assessable patients, partial responses were noted in 5 and stable disease in 9."))
    assert counts["PR"] == (5, 25) and counts["SD"] == (9, 25)


def test_counts_are_not_guessed_in_a_randomised_trial() -> None:
    study = _study("Best response was 4 CR and 9 PR with gefitinib.", _TWO)
    assert not [f for f in study.findings if f.measure in (Measure.CR, Measure.PR)]


def test_progression_counts_need_a_response_context() -> None:
    assert "PD" not in _counts(_study("By the data cut-off, nine progressed and six had died; median PFS was 5.1 months."))


# -- measures named in other words ------------------------------------------------------------------------------------


def _measures(study: Study, kind: Kind) -> list[tuple[str, float | None]]:
    return sorted((f.measure.value, f.value) for f in study.findings if f.kind == kind)


@pytest.mark.parametrize(
    ("sentence", "measure"),
    [
        ("After 4 years, survival free of local recurrence reached 93.5% with gefitinib and 90.2% with docetaxel.", "LRFS"),
        ("Survival free from distant metastasis at 4 years was 81.0% with gefitinib and 77.7% with docetaxel.", "MFS"),
        ("The 4-year survival free of progression was 44.1% with gefitinib and 39.9% with docetaxel.", "PFS"),
        ("At 4 years, survival free of any relapse stood at 70.3% with gefitinib and 66.6% with docetaxel.", "RFS"),
    ],
)
def test_a_survival_named_by_what_it_is_free_of(sentence: str, measure: str) -> None:
    found = {m for m, _ in _measures(_study(sentence, _TWO), Kind.RATE)}
    assert found == {measure}


@pytest.mark.parametrize("dash", ["–", "‐", "‑"])
def test_a_measure_written_with_another_dash_for_its_hyphen(dash: str) -> None:
    study = _study(f"Two-year distant metastasis{dash}free survival was 71.5% and local recurrence{dash}free survival 88.2%.")
    assert _measures(study, Kind.RATE) == [("LRFS", 0.882), ("MFS", 0.715)]


@pytest.mark.parametrize(
    ("sentence", "measure"),
    [
        ("Recurrence was less frequent with gefitinib (hazard ratio for relapse-free survival, 0.81; 95% CI, 0.66 to 0.99).", "RFS"),
        ("The hazard ratio for event-free survival was 0.74 (95% CI 0.58-0.95).", "EFS"),
        ("Fewer local relapses followed gefitinib (hazard ratio for local recurrence 0.57, 95% CI 0.35-0.92).", "LC"),
        ("The hazard ratio for locoregional failure was 0.62 (95% CI 0.41-0.94).", "LC"),
        ("The hazard ratio for disease progression or death was 0.70 (95% CI 0.55-0.89).", "PFS"),
    ],
)
def test_the_measure_a_hazard_ratio_names(sentence: str, measure: str) -> None:
    assert [m for m, _ in _measures(_study(sentence, _TWO), Kind.HR)] == [measure]


# -- hazard ratios written without a label on their interval, or naming no measure --------------------------------------


def _hrs(study: Study) -> list[tuple[str, float | None, tuple[float, float] | None, str | None]]:
    return sorted((f.measure.value, f.value, f.ci, f.arm) for f in study.findings if f.kind == Kind.HR)


@pytest.mark.parametrize(
    "sentence",
    [
        "Gefitinib lengthened DFS (hazard ratio 0·74, 95 per cent confidence interval 0·58 to 0·95; P = 0·02).",
        "Gefitinib lengthened DFS (hazard ratio 0.74, 95 percent CI 0.58-0.95).",
        "The hazard ratio for DFS with gefitinib against docetaxel was 0·74 (0·58–0·95; p=0·02).",
        "The hazard ratio for DFS with gefitinib against docetaxel was 0.74 [0.58 to 0.95].",
    ],
)
def test_an_interval_in_its_own_bracket_or_labelled_in_words(sentence: str) -> None:
    assert [(m, v, ci) for m, v, ci, _ in _hrs(_study(sentence, _TWO))] == [("DFS", 0.74, (0.58, 0.95))]


def test_an_interval_that_does_not_hold_the_estimate_is_not_its_interval() -> None:
    assert [ci for _, _, ci, _ in _hrs(_study("The hazard ratio for DFS was 0.74 (1.10-2.30 years).", _TWO))] == [None]


@pytest.mark.parametrize(
    "sentence",
    [
        "Median PFS was 8.1 months with gefitinib and 5.9 months with docetaxel. Hazard ratios favoured gefitinib: 0.77 (95% CI 0.61–0.97).",
        "Median PFS was 8.1 months with gefitinib and 5.9 months with docetaxel. The hazard ratio with gefitinib against docetaxel was 0.77 (95% CI 0.61-0.97).",
    ],
)
def test_a_hazard_ratio_between_arms_naming_no_measure_takes_the_one_last_reported(sentence: str) -> None:
    assert [(m, v) for m, v, _, _ in _hrs(_study(sentence, _TWO))] == [("PFS", 0.77)]


def test_a_hazard_ratio_naming_no_measure_and_no_arm_is_not_guessed() -> None:
    study = _study("Median PFS was 8.1 months with gefitinib and 5.9 months with docetaxel. In a multivariable model the hazard ratio was 1.9 (95% CI 1.2-3.0).", _TWO)
    assert _hrs(study) == []


# -- median follow-up with "median" before the duration ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "months"),
    [
        ("At a median 4.5 years of follow-up, 31 women had relapsed.", 54.0),
        ("After a median of 28 months of observation, the ORR was 35%.", 28.0),
        ("Follow-up had a median of 19·2 months (IQR 12·0–27·5).", 19.2),
        ("Follow-up lasted a median of 3 years.", 36.0),
        ("The follow-up time was a median 40 months.", 40.0),
    ],
)
def test_a_median_follow_up_written_median_first(sentence: str, months: float) -> None:
    values = [f.value for f in _study(sentence).findings if f.measure == Measure.FOLLOW_UP]
    assert values == [pytest.approx(months)]


def test_a_median_number_of_cycles_is_not_a_follow_up() -> None:
    assert not [f for f in _study("Patients received a median of 6 cycles of treatment.").findings if f.measure == Measure.FOLLOW_UP]


# -- grade >= 3 toxicity as a count with no percentage, or a grade in words ------------------------------------------


def _tox(study: Study) -> list[tuple[float | None, int | None, int | None, str | None]]:
    return [(f.value, f.count, f.denominator, f.arm) for f in study.findings if f.measure == Measure.TOX_G3PLUS]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Grade 3+ toxicity arose in eight patients, mostly fatigue.", [(0.2, 8, 40, None)]),
        ("Grade 3-4 adverse events were seen in 10 patients.", [(0.25, 10, 40, None)]),
        ("Grade ≥3 toxicity was observed in 6 of 30 patients.", [(0.2, 6, 30, None)]),
        ("Grade four or higher adverse events affected nobody; grade three or higher adverse events were noted in ten patients (25%).", [(0.25, 10, None, None)]),
    ],
)
def test_grade_three_or_more_counted_in_patients(sentence: str, expected: list) -> None:
    assert _tox(_study(sentence)) == expected


def test_grade_three_alone_counted_is_not_grade_three_or_more() -> None:
    assert _tox(_study("Grade 3 toxicity arose in eight patients.")) == []


def test_a_toxicity_count_in_a_randomised_trial_is_not_divided_by_the_whole() -> None:
    assert _tox(_study("Grade 3+ toxicity arose in eight patients given gefitinib.", _TWO)) == []


# -- values of a subgroup are not the trial's ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Median DFS was 30.2 months with gefitinib and 22.5 months with docetaxel; in the EGFR-mutated subgroup, it was 41.0 versus 25.3 months.",
        "Median DFS was 30.2 months with gefitinib and 22.5 months with docetaxel; in BRCA carriers, it was 41.0 versus 25.3 months.",
    ],
)
def test_a_clause_after_a_semicolon_about_a_subgroup(sentence: str) -> None:
    medians = sorted((f.value, f.arm) for f in _study(sentence, _TWO).findings if f.kind == Kind.MEDIAN)
    assert medians == [(22.5, "docetaxel"), (30.2, "gefitinib")]


@pytest.mark.parametrize(
    "sentence",
    [
        "Among triple-negative tumours the pCR rates were 52.0% and 47.5%.",
        "For those with HER2-positive cancers the pCR rates came to 61% and 55%.",
    ],
)
def test_a_subgroup_opening_without_a_comma(sentence: str) -> None:
    assert [f for f in _study(sentence, _TWO).findings if f.measure == Measure.pCR] == []


def test_an_opening_that_is_not_a_subgroup_keeps_its_values() -> None:
    study = _study("In all randomised women the pCR rates came to 52.0% with gefitinib and 47.5% with docetaxel.", _TWO)
    assert sorted(f.value for f in study.findings if f.measure == Measure.pCR) == [0.475, 0.52]


# -- pCR named by the stage that defines it -----------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "After surgery, ypT0N0 was recorded in 30/120 (25.0%) with gefitinib and 18/120 (15.0%) with docetaxel.",
        "After surgery, ypT0/is ypN0 was recorded in 30/120 (25.0%) with gefitinib and 18/120 (15.0%) with docetaxel.",
        "After surgery, ypT0 ypN0 was recorded in 30/120 (25.0%) with gefitinib and 18/120 (15.0%) with docetaxel.",
    ],
)
def test_the_stage_that_defines_a_pathological_complete_response(sentence: str) -> None:
    rates = sorted((f.value, f.arm) for f in _study(sentence, _TWO).findings if f.measure == Measure.pCR)
    assert rates == [(0.15, "docetaxel"), (0.25, "gefitinib")]


def test_a_stage_restating_the_named_response_is_not_a_second_one() -> None:
    study = _study("Complete pathologic response (ypT0N0) was seen in 48 women (20%).", _TWO)
    assert [(f.value, f.count) for f in study.findings if f.measure == Measure.pCR] == [(0.2, 48)]


# -- a response beside a deeper category, or defined by its parts in a bracket ------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "The ORR was 85.0% (34/40), with VGPR or better in 55.0%.",
        "The ORR reached 85.0% (34/40), with ≥VGPR in 55.0%.",
        "The ORR was 85.0% (34/40) and ≥ VGPR was reached in 55.0%.",
    ],
)
def test_a_very_good_partial_response_or_better_is_not_the_overall_response(sentence: str) -> None:
    rates = [(f.measure.value, f.value) for f in _study(sentence).findings if f.kind == Kind.RATE]
    assert rates == [("ORR", 0.85)]


@pytest.mark.parametrize("bracket", ["(CR + CRi)", "(CR or PR)", "(CR/PR)", "(CR plus PR)"])
def test_a_response_defined_by_its_parts_in_a_bracket(bracket: str) -> None:
    study = _study(f"The overall response {bracket} came to 64.2% versus 51.7%.", _TWO)
    assert sorted((f.measure.value, f.value, f.arm) for f in study.findings if f.kind == Kind.RATE) == [
        ("ORR", 0.517, "docetaxel"), ("ORR", 0.642, "gefitinib")]


# -- a median set apart from its measure by a verdict and a colon ----------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Overall survival favoured gefitinib: median 20.4 months (95% CI 17.0-23.9) vs 16.1 months.",
        "DFS was longer in the gefitinib arm: medians, 20.4 versus 16.1 months.",
    ],
)
def test_a_median_after_a_verdict_and_a_colon(sentence: str) -> None:
    medians = sorted((f.value, f.arm) for f in _study(sentence, _TWO).findings if f.kind == Kind.MEDIAN)
    assert medians == [(16.1, "docetaxel"), (20.4, "gefitinib")]


def test_a_colon_before_another_median_is_not_the_measures() -> None:
    study = _study("Overall survival was immature: median follow-up 20.4 months.", _TWO)
    assert [f for f in study.findings if f.kind == Kind.MEDIAN and f.measure == Measure.OS] == []


# -- a bare hazard ratio after another measure's rates, parallel to a labelled one -----------------------------------


def test_a_bare_hazard_ratio_parallel_to_a_labelled_one() -> None:
    sentence = ("Four-year DFS was 58.0% with gefitinib and 49.5% with docetaxel (hazard ratio 0.79, 95% CI 0.63-0.99; p=0.04); "
                "four-year overall survival was 72.3% versus 66.0% (0.85, 0.66-1.10; p=0.21).")
    assert _hrs(_study(sentence, _TWO)) == [("DFS", 0.79, (0.63, 0.99), "gefitinib vs docetaxel"), ("OS", 0.85, (0.66, 1.1), "gefitinib vs docetaxel")]


def test_a_bracket_whose_interval_misses_the_estimate_is_no_hazard_ratio() -> None:
    sentence = ("Four-year DFS was 58.0% with gefitinib and 49.5% with docetaxel (hazard ratio 0.79, 95% CI 0.63-0.99); "
                "four-year overall survival was 72.3% versus 66.0% (5.2, 0.66-1.10).")
    assert [m for m, _, _, _ in _hrs(_study(sentence, _TWO))] == ["DFS"]


@pytest.mark.parametrize(
    "sentence",
    [
        "On central review two patients had a complete and nine a partial response.",
        "On central review two achieved a complete, and nine a partial remission.",
    ],
)
def test_a_pair_of_counts_sharing_the_noun(sentence: str) -> None:
    counts = _counts(_study(sentence))
    assert counts["CR"] == (2, 40) and counts["PR"] == (9, 40)
