"""Outcome names and cohort counts in phrasings the blind3 abstracts (part b) showed the extractor missing or misreading
(extractors/patterns/survival.json, extractors/patterns/response.json, extractors/cohort.py).

Every sentence is invented for the test.
"""

from __future__ import annotations

import pytest

from evidence.records import Article, Section, Study
from extractors.pipeline import extract_study


def _study(text: str) -> Study:
    return extract_study(Article(pmid="t", sections=(Section("", text),)))


def _rates(text: str) -> list[tuple[str, float | None, float | None]]:
    return [(f.measure.value, f.value, f.time_months) for f in _study(text).findings if f.kind.value == "rate"]


@pytest.mark.parametrize(
    "text, value, months",
    [
        ("Treated-lesion control was 91.5% at 2 years.", 0.915, 24.0),
        ("Freedom from local progression at 1 year was 78.3% (95% CI 61.0-88.9).", 0.783, 12.0),
        ("The 2-year freedom from local failure was 86%.", 0.86, 24.0),
        ("Pelvic control at three years stood at 87.7% in the whole series.", 0.877, 36.0),
        ("The 2-year regional control rate was 91%.", 0.91, 24.0),
        ("Lesion control at 12 months was 88%.", 0.88, 12.0),
        ("The 1-year local progression-free rate reached 79.4%.", 0.794, 12.0),
    ],
)
def test_local_control_under_other_names(text: str, value: float, months: float) -> None:
    assert ("LC", value, months) in _rates(text)


def test_local_and_pelvic_control_side_by_side_are_both_local_control() -> None:
    rates = _rates("At 3 years, local control was 92.2%, pelvic control 88.1% and overall survival 80.4%.")
    assert ("LC", 0.922, 36.0) in rates
    assert ("LC", 0.881, 36.0) in rates
    assert ("OS", 0.804, 36.0) in rates


@pytest.mark.parametrize(
    "text",
    [
        "The 2-year bladder-intact disease-free survival was 58%.",
        "Three-year bladder-intact survival was 66.7%.",
        "Bladder-intact DFS at 2 years was 61%.",
        "The 5-year laryngectomy-free survival was 59%.",
    ],
)
def test_an_organ_preservation_end_point_is_not_the_survival_measure(text: str) -> None:
    assert _rates(text) == []


def test_an_organ_preservation_end_point_leaves_the_plain_measure_beside_it() -> None:
    rates = _rates("The 2-year bladder-intact DFS was 57% and the 2-year DFS 69%.")
    assert rates == [("DFS", 0.69, 24.0)]


@pytest.mark.parametrize(
    "text",
    [
        "CR/CRi was achieved in 33 of 51 patients (64.7%).",
        "The composite complete remission rate was 57.1%.",
        "Composite CR (CR plus CR with incomplete hematologic recovery) occurred in 44 patients (55.0%).",
        "CR plus CRi was reached by 29 patients (48.3%).",
        "R0 resection was achieved in 92.1% of patients.",
        "Complete resection rates were 90.4% and 84.9%.",
    ],
)
def test_a_composite_remission_or_a_resection_rate_is_not_a_response(text: str) -> None:
    assert [r for r in _rates(text) if r[0] in ("CR", "pCR", "ORR", "PR")] == []


def test_the_complete_remissions_within_a_composite_are_still_read() -> None:
    rates = _rates("Composite complete remission (CR plus CRi) was achieved by 62 patients (58.5%), including CR in 41 (38.7%).")
    assert [r for r in rates if r[0] == "CR"] == [("CR", 0.387, None)]


def test_a_resection_rate_after_a_pcr_rate_is_not_a_pcr_rate() -> None:
    text = (
        "In all, 300 patients were treated: 160 with chemoradiotherapy and 140 with chemotherapy alone. "
        "The pCR rate was 21.3% after chemoradiotherapy and 8.6% after chemotherapy alone, and R0 resection rates were 96.1% and 89.0%."
    )
    values = sorted(f.value for f in _study(text).findings if f.measure.value == "pCR")
    assert values == [0.086, 0.213]


@pytest.mark.parametrize(
    "text, n, n_analysed",
    [
        ("Of 198 patients registered for cell collection, 176 were infused and form the analysis population.", 176, 176),
        ("Of 310 women screened, 288 were registered; 270 were treated and constitute the efficacy population.", 270, 270),
        ("Among 150 patients enrolled, 139 were eligible and formed the per-protocol population.", 139, 139),
    ],
)
def test_a_step_of_the_flow_that_forms_the_analysis_population(text: str, n: int, n_analysed: int) -> None:
    cohort = _study(text).cohort
    assert (cohort.n, cohort.n_analysed) == (n, n_analysed)


@pytest.mark.parametrize(
    "text, n",
    [
        ("Twenty-three patients (15 male, 8 female) were treated. Among 18 patients with measurable lesions, partial responses were seen in 4.", 23),
        ("Thirty patients were treated. Responses were counted in the 26 adults with measurable lesions only: 8 of them.", 30),
        ("Forty-four patients were treated. Among 37 patients who had evaluable disease, 9 responded.", 44),
    ],
)
def test_the_part_with_measurable_disease_is_not_the_cohort(text: str, n: int) -> None:
    assert _study(text).cohort.n == n


def test_a_measurable_disease_cohort_that_was_enrolled_is_the_cohort() -> None:
    assert _study("Among 240 adults with measurable tumours enrolled at 18 centres, 88 responded.").cohort.n == 240


@pytest.mark.parametrize(
    "text, n, evaluable",
    [
        ("Thirty-six patients were enrolled from 2018 to 2021, and 33 could be assessed for response.", 36, 33),
        ("Eighty women were enrolled, of whom 74 could be evaluated for the primary endpoint.", 80, 74),
        ("In all, 55 patients were registered; 51 were evaluated for response.", 55, 51),
    ],
)
def test_a_count_that_could_be_assessed_for_response_is_evaluable(text: str, n: int, evaluable: int) -> None:
    cohort = _study(text).cohort
    assert (cohort.n, cohort.n_evaluable) == (n, evaluable)


def test_a_count_assessed_for_eligibility_is_not_evaluable() -> None:
    cohort = _study("Of 210 patients screened, 180 were assessed for eligibility and 150 were enrolled.").cohort
    assert cohort.n == 150
    assert cohort.n_evaluable is None


@pytest.mark.parametrize(
    "text, male, female",
    [
        ("We reviewed 301 patients with biliary cancer. Most were men (n = 196), and the median age was 66 years.", 196, None),
        ("Sixty-eight adults took part (age 70 years at the median; men, n = 39).", 39, None),
        ("A total of 130 patients were treated (women, n = 77; median age 60 years).", None, 77),
        ("The majority were female (n = 64), with a median age of 55 years.", None, 64),
    ],
)
def test_a_sex_count_after_its_label(text: str, male: int | None, female: int | None) -> None:
    cohort = _study(text).cohort
    assert (cohort.n_male, cohort.n_female) == (male, female)


def test_an_n_per_arm_after_women_is_no_sex_count() -> None:
    cohort = _study("We randomised 180 women (n = 90 per arm).").cohort
    assert cohort.n_female is None


@pytest.mark.parametrize(
    "text, n",
    [
        ("Findings: Of 5 230 registered patients, 1 918 met the inclusion criteria: 1 004 received A and 914 received B.", 1918),
        ("Of 640 patients registered, 402 met the inclusion criteria.", 402),
        ("From 1,117 patients identified in the database, 583 fulfilled the eligibility criteria.", 583),
    ],
)
def test_the_pool_before_a_count_that_met_the_criteria_is_not_the_cohort(text: str, n: int) -> None:
    cohort = _study(text).cohort
    assert cohort.n == n
    assert cohort.n_enrolled is None


def test_a_count_enrolled_before_the_criteria_count_stays_enrolled() -> None:
    assert _study("A total of 260 patients were enrolled; 244 met the eligibility criteria.").cohort.n_enrolled == 260


def test_a_step_of_the_flow_without_an_auxiliary_forms_the_analysis_population() -> None:
    cohort = _study("Of 152 patients registered, 147 started the drug and formed the analysis population.").cohort
    assert (cohort.n, cohort.n_analysed) == (147, 147)
