"""Response, survival and toxicity values in phrasings of authors the rules were not written from (session 9).

Every sentence here is invented; each test names the general mechanism it stands for, with phrasings from
other cancers, and the negatives show where a rule must not reach.
"""

from __future__ import annotations

import pytest

from evidence.records import Article, Kind, Section, Study
from extractors.pipeline import extract_study

_TRIAL = "We randomly assigned 240 patients to gefitinib (n = 120) or docetaxel (n = 120). "
_SINGLE = "Sixty-two patients were enrolled, of whom 58 could be assessed for response. "


def _study(text: str) -> Study:
    return extract_study(Article(pmid="t9", sections=(Section("", text),)))


def _rates(study: Study, measures: tuple[str, ...]) -> list[tuple[str, float | None, int | None, int | None, str | None]]:
    return sorted(
        ((f.measure.value, f.value, f.count, f.denominator, f.arm) for f in study.findings if f.kind == Kind.RATE and f.measure.value in measures),
        key=str,
    )


_RESPONSE = ("ORR", "CR", "PR", "SD", "PD", "pCR", "DCR")


# -- "objective remissions": a response named by its remission ---------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Objective remissions occurred in 44% with gefitinib and 21% with docetaxel.",
        "Objective tumour remissions were seen in 44% of the gefitinib group and 21% of the docetaxel group.",
        "The objective remission rate was 44% with gefitinib and 21% with docetaxel.",
    ],
)
def test_objective_remission_is_a_response(sentence: str) -> None:
    assert _rates(_study(_TRIAL + sentence), _RESPONSE) == [("ORR", 0.21, None, None, "docetaxel"), ("ORR", 0.44, None, None, "gefitinib")]


# -- "12 and 5 per cent": a bare number sharing the sign written out after its partner -----------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Complete responses were seen in 12 and 5 per cent of the gefitinib and docetaxel groups, respectively.",
        "Complete remission rates with gefitinib and docetaxel were 12 and 5 percent.",
        "The complete response rate was 12 vs 5 per cent for gefitinib and docetaxel, respectively.",
        "Complete responses occurred in 12 and 5% of patients given gefitinib and docetaxel, respectively.",
    ],
)
def test_bare_number_before_a_written_percent(sentence: str) -> None:
    assert _rates(_study(_TRIAL + sentence), ("CR",)) == [("CR", 0.05, None, None, "docetaxel"), ("CR", 0.12, None, None, "gefitinib")]


def test_bare_number_in_a_range_is_not_a_rate() -> None:
    study = _study(_TRIAL + "Complete responses ranged between 12 and 15 per cent across centres.")
    assert not any(value == 0.12 for _, value, *_ in _rates(study, ("CR",)))


# -- the response-evaluable population opening the sentence is not a subgroup ---------------------------


@pytest.mark.parametrize(
    "opening",
    [
        "In the subset with measurable disease",
        "In the subgroup evaluable for response",
        "Among the response-evaluable subset",
        "Within the subpopulation with measurable lesions",
    ],
)
def test_evaluable_subset_is_not_a_subgroup(opening: str) -> None:
    study = _study(_TRIAL + opening + ", objective responses occurred in 27.5% (30 of 109) versus 10.4% (11 of 106).")
    assert _rates(study, ("ORR",)) == [("ORR", 0.104, 11, 106, "docetaxel"), ("ORR", 0.275, 30, 109, "gefitinib")]


@pytest.mark.parametrize(
    "opening",
    ["In the EGFR-mutated subset with measurable disease", "In the subgroup of HER2-positive patients evaluable for response"],
)
def test_marker_subset_stays_a_subgroup(opening: str) -> None:
    study = _study(_SINGLE + opening + ", the ORR reached 48%.")
    assert _rates(study, ("ORR",)) == []


# -- a list of counted categories with the verb said once ----------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Among 58 evaluable patients, 2 had a complete response (CR), 14 a partial response (PR), 30 stable disease (SD) and 12 progressive disease (PD).",
        "Of the 58 assessable patients, 2 achieved a complete response, 14 a partial response, 30 stable disease and 12 progressive disease.",
        "Among 58 evaluable, 2 had a CR, 14 a PR, 30 SD and 12 PD.",
        "By RECIST, among 58 evaluable women 2 attained a complete remission, 14 a partial remission, 30 stable disease and 12 progressive disease.",
    ],
)
def test_counted_categories_with_one_verb(sentence: str) -> None:
    assert _rates(_study(_SINGLE + sentence), _RESPONSE) == [
        ("CR", round(2 / 58, 4), 2, 58, None),
        ("PD", round(12 / 58, 4), 12, 58, None),
        ("PR", round(14 / 58, 4), 14, 58, None),
        ("SD", round(30 / 58, 4), 30, 58, None),
    ]


def test_count_after_a_bracketed_abbreviation() -> None:
    study = _study(_SINGLE + "Among the 21 patients who proceeded to cystectomy, the specimen showed ypT0N0 (pCR) in six.")
    assert _rates(study, ("pCR",)) == [("pCR", round(6 / 21, 4), 6, 21, None)]


# -- a threshold in the bracket that defines the measure is not its rate --------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "A pCR (≤ 5% viable cells) was seen in 11 of 55 resected specimens (20.0%).",
        "Pathological CR (< 2% viable tumour cells) was documented in 11 of 55 resected specimens (20.0%).",
        "A pCR [≤ 1% residual carcinoma] was found in 11 of 55 specimens (20.0%).",
    ],
)
def test_defining_threshold_is_not_a_rate(sentence: str) -> None:
    assert _rates(_study(_SINGLE + sentence), ("pCR",)) == [("pCR", 0.2, 11, 55, None)]


# -- nobody reached a category: a count of zero --------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "There were no complete responses; partial responses were seen in 15 patients (25.9%).",
        "No complete remission was observed, and 15 patients (25.9%) had a partial response.",
        "No patient achieved a CR, while 15 (25.9%) had a partial response.",
        "The partial response rate was 25.9% (15 patients), with no complete responses.",
    ],
)
def test_no_complete_response_is_zero(sentence: str) -> None:
    rates = _rates(_study(_SINGLE + sentence), ("CR",))
    assert rates == [("CR", 0.0, 0, 58, None)]


def test_no_pathological_complete_response_is_a_zero_pcr() -> None:
    rates = _rates(_study(_SINGLE + "None of our patients attained a pathologic CR at surgery."), ("pCR", "CR"))
    assert rates == [("pCR", 0.0, 0, 58, None)]


@pytest.mark.parametrize(
    "sentence",
    [
        # a group defined by its response, not a result
        "Patients with no complete response after induction received consolidation radiotherapy.",
        # a trial: the arms' zeros are left to the per-arm readers
        "No complete responses were seen with gefitinib or docetaxel.",
    ],
)
def test_no_complete_response_not_a_zero(sentence: str) -> None:
    design = _TRIAL if "gefitinib" in sentence else _SINGLE
    assert _rates(_study(design + sentence), ("CR",)) == []


# -- a landmark measure at two time points, each time point with its own run of arm values --------------

_TWO_ARMS = "A total of 400 patients were randomised to sunitinib (n = 200) or interferon (n = 200). "
_LANDMARKS = [("OS", 0.58, 24.0, "interferon"), ("OS", 0.64, 24.0, "sunitinib"), ("OS", 0.33, 60.0, "interferon"), ("OS", 0.41, 60.0, "sunitinib")]


@pytest.mark.parametrize(
    "sentence",
    [
        "Overall survival at 2 years was 64% versus 58%, and at 5 years 41% versus 33%.",
        "Overall survival was 64% vs 58% at 2 years and 41% vs 33% at 5 years.",
        "The overall survival rate at 2 years was 64% compared with 58%; at 5 years, it was 41% compared with 33%.",
        "At 2 years, overall survival was 64% with sunitinib and 58% with interferon; at 5 years, it was 41% and 33%.",
        "Overall survival at 2 years was 64% with sunitinib and 58% with interferon, and at 5 years 41% and 33%.",
    ],
)
def test_each_time_point_heads_its_own_run(sentence: str) -> None:
    found = sorted(
        ((f.measure.value, f.value, f.time_months, f.arm) for f in _study(_TWO_ARMS + sentence).findings if f.kind == Kind.RATE and f.measure.value == "OS"),
        key=lambda x: (x[2], x[3]),
    )
    assert found == sorted(_LANDMARKS, key=lambda x: (x[2], x[3]))


def test_one_time_point_run_per_arm_not_split() -> None:
    # one time point, each arm's two measures: not runs of time points
    study = _study(_TWO_ARMS + "At 2 years, overall survival was 64% vs 58% and disease-free survival 52% vs 47%.")
    os_rates = sorted((f.value, f.time_months) for f in study.findings if f.kind == Kind.RATE and f.measure.value == "OS")
    assert (0.52, 60.0) not in os_rates and (0.47, 60.0) not in os_rates


# -- grade 3 or worse toxicity per arm ----------------------------------------------------------------


def _tox(study: Study) -> list[tuple[float | None, str | None]]:
    return sorted(((f.value, f.arm) for f in study.findings if f.measure.value == "TOX_G3PLUS"), key=str)


@pytest.mark.parametrize(
    "sentence",
    [
        "Grade 3-5 treatment-related toxicity affected 33.5% of patients given sunitinib and 17.0% of those receiving interferon.",
        "Grade 3 to 5 adverse events were noted in 33.5% given sunitinib and 17.0% given interferon.",
        "Grade 3 or 4 toxicity of any kind occurred in 33.5 and 17.0 per cent of patients in the sunitinib and interferon groups, respectively.",
        "Grade 3-4 adverse events were recorded in 33.5 vs 17.0% of patients given sunitinib and interferon, respectively.",
        "Severe (grade 3 or 4) toxicities developed in 33.5 and 17.0 percent of the sunitinib and interferon groups.",
    ],
)
def test_grade_three_or_worse_per_arm(sentence: str) -> None:
    assert _tox(_study(_TWO_ARMS + sentence)) == [(0.17, "interferon"), (0.335, "sunitinib")]


@pytest.mark.parametrize(
    "sentence",
    [
        "The most common grade 3 or 4 adverse event was hypertension (12.5% v 1.0%).",
        "The most frequent grade 3-4 toxicities were fatigue and diarrhoea (9% and 7%).",
        "Among the sunitinib group, the commonest grade ≥3 adverse events were fatigue (12.5%) and rash (4%).",
        "The predominant grade 3 or 4 toxicity was neutropenia (12.5% vs 1.0%).",
        # a named syndrome after the superlative, read by the comparison finder
        "The most common grade 3 or 4 event was hand-foot syndrome (12.5% v 1.0%).",
        "The leading grade 3-4 toxicities were arthralgia and alopecia (12.5% and 1.0%).",
    ],
)
def test_commonest_single_event_is_not_the_overall_rate(sentence: str) -> None:
    assert _tox(_study(_TWO_ARMS + sentence)) == []


# -- a further pair of arms in a clause after the hazard ratio, the ratio called "it" --------------------

_THREE_ARMS = "Patients were randomised to gemcitabine (G, n = 100), gemcitabine plus erlotinib (GE, n = 101) or best supportive care (BSC, n = 99). "


@pytest.mark.parametrize(
    "sentence",
    [
        "Compared with best supportive care, the hazard ratio for death was 0.70 (95% CI 0.52-0.93) for G and 0.64 (0.48-0.86) for GE; for GE versus G it was 0.91 (0.68-1.22).",
        "The hazard ratio for death was 0.64 (95% CI 0.48-0.86) with GE versus BSC; with GE compared with G, it was 0.91 (0.68-1.22; p = 0.52).",
        "Mortality was lower with GE than with BSC (hazard ratio 0.64, 95% CI 0.48-0.86); comparing GE with G, the ratio was 0.91 (95% CI 0.68-1.22).",
    ],
)
def test_hazard_ratio_continued_for_another_pair(sentence: str) -> None:
    hrs = {f.arm: (f.value, f.ci) for f in _study(_THREE_ARMS + sentence).findings if f.kind == Kind.HR}
    second = [key for key in hrs if key and key.startswith("gemcitabine plus erlotinib") and key.endswith("vs gemcitabine")]
    assert len(second) == 1 and hrs[second[0]] == (0.91, (0.68, 1.22))


def test_continued_clause_without_two_arms_is_left() -> None:
    sentence = "The hazard ratio for death was 0.64 (95% CI 0.48-0.86) with GE versus BSC; for patients over 70 it was 0.75 (0.50-1.12)."
    assert [f.value for f in _study(_THREE_ARMS + sentence).findings if f.kind == Kind.HR] == [0.64]


@pytest.mark.parametrize(
    ("sentence", "measure"),
    [
        ("Mortality was lower with GE than with BSC (hazard ratio 0.64, 95% CI 0.48-0.86).", "OS"),
        ("The risk of progression was clearly reduced by GE relative to BSC (HR 0.64; 95% CI 0.48-0.86).", "PFS"),
        ("Death rates were lower in the GE arm than in the BSC arm (hazard ratio, 0.64; 95% CI, 0.48 to 0.86).", "OS"),
    ],
)
def test_event_named_well_before_the_hazard_ratio(sentence: str, measure: str) -> None:
    hrs = [(f.measure.value, f.value) for f in _study(_THREE_ARMS + sentence).findings if f.kind == Kind.HR]
    assert hrs == [(measure, 0.64)]


@pytest.mark.parametrize("sentence", ["No objective responses occurred, though the disease was stable in 20.", "There were no objective remissions."])
def test_no_objective_response_is_a_zero_orr(sentence: str) -> None:
    assert _rates(_study(_SINGLE + sentence), ("ORR",)) == [("ORR", 0.0, 0, 58, None)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Grade 3 or 4 toxic effects occurred in 13 of 58 patients (22.4%).", [(0.224, None)]),
        ("Grade 3-4 toxic events were seen in 22.4%.", [(0.224, None)]),
        # one organ system's toxicity is not the overall rate
        ("Grade 3-4 blood toxic reactions were seen in 22.4% of patients.", []),
    ],
)
def test_toxic_effects_are_toxicity(sentence: str, expected: list) -> None:
    assert _tox(_study(_SINGLE + sentence)) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Grade 3-4 toxic effects above 10% comprised neutropenia (31%) and fatigue (12%).",
        "Severe (grade 3-4) adverse events were comprised of neutropenia (31%) and fatigue (12%).",
    ],
)
def test_events_comprised_by_the_grade_are_single_events(sentence: str) -> None:
    assert _tox(_study(_SINGLE + sentence)) == []
