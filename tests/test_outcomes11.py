"""Outcome phrasings handled in session 11.

Every sentence here is invented; each test names the general phrasing it stands for, and the
negatives show where the rule must not reach.
"""

from __future__ import annotations

from evidence.records import Article, Kind, Section, Study
from extractors.pipeline import extract_study

_DESIGN = "Women were randomly assigned to eribulin (arm A, n = 80) or vinorelbine (arm B, n = 80). "
ARM_A, ARM_B = "eribulin (arm A)", "vinorelbine (arm B)"


def _study(sentence: str, design: str = _DESIGN) -> Study:
    return extract_study(Article(pmid="t1", sections=(Section("", design + sentence),)))


def _rates(study: Study, kind: Kind = Kind.RATE) -> list[tuple[str, float | None, float | None, str | None]]:
    return sorted((f.measure.value, f.value, f.time_months, f.arm) for f in study.findings if f.kind == kind)


# -- "X% and Y% of patients alive at 2 years": a state needs no verb after the people -------------------


def test_shares_of_patients_alive_without_verb() -> None:
    study = _study("Survival did not differ (HR 0.91, 95% CI 0.72-1.15), with 52.4% and 47.0% of patients alive at 3 years, respectively.")
    assert sorted(r[1:3] for r in _rates(study) if r[0] == "OS") == [(0.47, 36.0), (0.524, 36.0)]


def test_shares_of_patients_alive_follow_the_medians_arms() -> None:
    study = _study("Median OS was 23.4 versus 21.6 months, with 48.9% and 44.1% of patients alive at 2 years, respectively.")
    assert [r for r in _rates(study) if r[0] == "OS"] == [("OS", 0.441, 24.0, ARM_B), ("OS", 0.489, 24.0, ARM_A)]


def test_share_of_patients_with_other_word_is_not_alive() -> None:
    study = _study("In all, 52.4% and 47.0% of patients enrolled at 3 years, respectively.")
    assert not [r for r in _rates(study) if r[0] == "OS"]


# -- response categories counted as "N cases of stable disease", "three a partial response" --------------

_SINGLE = "A total of 36 patients were treated with sunitinib. "


def _counts(study: Study) -> dict[str, tuple[int | None, int | None]]:
    return {f.measure.value: (f.count, f.denominator) for f in study.findings if f.measure.value in ("CR", "PR", "SD", "PD")}


def test_cases_of_stable_disease_and_elided_of() -> None:
    study = _study("Best responses were one complete response, six partial responses, 12 cases of stable disease and 9 of progressive disease.", _SINGLE)
    assert _counts(study) == {"CR": (1, 36), "PR": (6, 36), "SD": (12, 36), "PD": (9, 36)}


def test_verb_said_once_for_a_list_of_categories() -> None:
    study = _study("Four patients achieved a complete response, seven a partial response and ten had stable disease.", _SINGLE)
    assert _counts(study) == {"CR": (4, 36), "PR": (7, 36), "SD": (10, 36)}


def test_count_of_other_thing_is_no_category() -> None:
    study = _study("Treatment was stopped in 4 of progressive patients.", _SINGLE)
    assert "PD" not in _counts(study)


def test_counts_of_categories_with_no_percentage_are_read() -> None:
    study = _study("3 patients had complete responses and 8 partial responses.", _SINGLE)
    assert _counts(study) == {"CR": (3, 36), "PR": (8, 36)}


# -- grade >= 3 harms: an aside naming the commonest events; a consequence's share ------------------------

_HARM = "A total of 40 patients were treated with lenvatinib. "


def _tox(study: Study) -> list[tuple[float | None, int | None]]:
    return [(f.value, f.count) for f in study.findings if f.measure.value == "TOX_G3PLUS"]


def test_aside_of_commonest_events_does_not_break_the_reach() -> None:
    study = _study("Grade 3 or 4 treatment-related adverse events, mainly fatigue, diarrhoea, weight loss and hand-foot skin reaction, were recorded in 14 patients (35.0%).", _HARM)
    assert _tox(study) == [(0.35, 14)]


def test_share_of_a_consequence_is_no_toxicity_rate() -> None:
    assert _tox(_study("Adverse events of grade 3 or higher led to hospital admission in 12.5% of patients.", _HARM)) == []
    assert _tox(_study("Grade 3 or higher adverse events led to treatment discontinuation in 5 patients.", _HARM)) == []


def test_consequence_after_the_rate_keeps_it() -> None:
    assert _tox(_study("Grade 3 or higher adverse events occurred in 12.5% of patients and led to discontinuation in 5.0%.", _HARM)) == [(0.125, None)]


def test_arms_values_listed_before_the_grade() -> None:
    study = _study("Overall, 74.0% of eribulin-treated and 41.5% of vinorelbine-treated patients had a grade 3 or 4 adverse event.")
    assert sorted((f.value, f.arm) for f in study.findings if f.measure.value == "TOX_G3PLUS") == [(0.415, ARM_B), (0.74, ARM_A)]


def test_value_before_the_grade_with_a_number_between_stays_alone() -> None:
    study = _study("Of 160 patients, 12 (7.5%) stopped treatment and 41.5% had a grade 3 or 4 adverse event.")
    assert [f.value for f in study.findings if f.measure.value == "TOX_G3PLUS"] == [0.415]


# -- "DFS events had occurred in x% of ...": a crude share of events, no landmark rate ----------------------


def test_share_of_survival_events_is_no_landmark_rate() -> None:
    study = _study("After a median follow-up of 6 years, EFS events had occurred in 14.2% of eribulin-treated and 12.9% of vinorelbine-treated patients.")
    assert [f for f in study.findings if f.measure.value == "EFS" and f.kind == Kind.RATE] == []


def test_event_free_survival_rate_is_kept() -> None:
    study = _study("The 3-year EFS was 85.8% in arm A and 87.1% in arm B (HR 1.10 for EFS events).")
    assert sorted(r[1:] for r in _rates(study) if r[0] == "EFS") == [(0.858, 36.0, ARM_A), (0.871, 36.0, ARM_B)]


# -- "hazard ratio for <arms with digits in their names>, value" ------------------------------------------


def test_hazard_ratio_for_names_holding_digits() -> None:
    study = _study("Three-year EFS was 90.2% and 91.0% (hazard ratio for T-DM1+P v TCHP, 1.12; 95% CI, 0.61 to 2.05).")
    assert [(f.value, f.ci) for f in study.findings if f.kind == Kind.HR] == [(1.12, (0.61, 2.05))]


def test_hazard_ratio_not_taken_from_a_drug_name_number() -> None:
    study = _study("PFS: HR for 5-FU plus oxaliplatin vs 5-FU 0.82 (95% CI 0.70-0.96).")
    assert [f.value for f in study.findings if f.kind == Kind.HR] == [0.82]


# -- a subgroup's hazard ratio in an opening clause -----------------------------------------------------


def test_subgroup_opening_hazard_ratio_is_skipped() -> None:
    study = _study("In patients with PD-L1-positive tumours, the hazard ratio for death was 0.68 (95% CI 0.52-0.89).")
    assert [f for f in study.findings if f.kind == Kind.HR] == []


def test_population_opening_hazard_ratio_is_kept() -> None:
    study = _study("In the intention-to-treat population, the hazard ratio for death was 0.68 (95% CI 0.52-0.89).")
    assert [f.value for f in study.findings if f.kind == Kind.HR] == [0.68]


# -- values before a hazard ratio's bracket follow the arms' order, not the ratio's direction ----------


_TWO_DRUGS = "Patients were randomised to capecitabine (n = 120) or observation (n = 118). "


def test_values_before_a_ratio_bracket_follow_the_arms_order() -> None:
    sentence = "Three-year disease-free survival was 81.5% and 74.0% (hazard ratio for observation vs capecitabine, 1.42; 95% CI 0.98-2.05)."
    rates = {f.arm: f.value for f in _study(sentence, _TWO_DRUGS).findings if f.kind == Kind.RATE and f.measure.value == "DFS"}
    assert rates == {"capecitabine": 0.815, "observation": 0.74}


def test_values_named_in_their_sentence_keep_their_arms() -> None:
    sentence = "Three-year DFS was 74.0% with observation and 81.5% with capecitabine (hazard ratio for observation vs capecitabine, 1.42)."
    rates = {f.arm: f.value for f in _study(sentence, _TWO_DRUGS).findings if f.kind == Kind.RATE and f.measure.value == "DFS"}
    assert rates == {"capecitabine": 0.815, "observation": 0.74}
