"""Per-arm values of the named measures (response, survival, toxicity) in phrasings trial reports use.

Every sentence here is invented; each test names the general phrasing it stands for, and the
negatives show where the rule must not reach.
"""

from __future__ import annotations

import pytest

from evidence.records import Article, Kind, Section, Study
from extractors.pipeline import extract_study

_DESIGN = "Women were randomly assigned to eribulin (arm A, n = 80) or vinorelbine (arm B, n = 80). "
ARM_A, ARM_B = "eribulin (arm A)", "vinorelbine (arm B)"


def _study(sentence: str, design: str = _DESIGN) -> Study:
    return extract_study(Article(pmid="t1", sections=(Section("", design + sentence),)))


def _values(study: Study, kind: Kind) -> list[tuple[str, float | None, str | None]]:
    return sorted((f.measure.value, f.value, f.arm) for f in study.findings if f.kind == kind)


# -- two measures, two arms: four values -----------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Three-year DFS and OS were 81.0% vs 70.5% (P = .02) and 90.2% vs 84.4% (P = .04), respectively.",
        "At 3 years, disease-free and overall survival were 81.0% versus 70.5% and 90.2% versus 84.4%.",
        "For DFS and OS, the 3-year rates were 81.0% vs 70.5% and 90.2% vs 84.4% in arms A and B, respectively.",
    ],
)
def test_two_measures_times_two_arms(sentence: str) -> None:
    rates = _values(_study(sentence), Kind.RATE)
    assert rates == [("DFS", 0.705, ARM_B), ("DFS", 0.81, ARM_A), ("OS", 0.844, ARM_B), ("OS", 0.902, ARM_A)]


def test_three_values_for_two_measures_are_not_split_by_arm() -> None:
    rates = _values(_study("Three-year DFS and OS were 81.0%, 70.5% and 90.2%."), Kind.RATE)
    assert not any(arm for _, _, arm in rates)


def test_two_measures_joined_by_or_are_one_measure_named_twice() -> None:
    sentence = "Complete or partial responses were 81.0% vs 70.5% and 90.2% vs 84.4% in arms A and B, respectively."
    rates = _values(_study(sentence), Kind.RATE)
    assert ("CR", 0.81, ARM_A) not in rates and ("CR", 0.705, ARM_B) not in rates


# -- one arm, a list of measures -----------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "The clinical and pathological complete response rates of arm A were 31.4% and 12.9%, respectively.",
        "With eribulin, the rates of clinical and pathologic complete remission were 31.4% and 12.9%, respectively.",
        "Clinical and pathological complete responses were seen in 31.4% and 12.9% of patients in arm A, respectively.",
    ],
)
def test_clinical_and_pathological_complete_response_of_one_arm(sentence: str) -> None:
    rates = _values(_study(sentence), Kind.RATE)
    assert rates == [("CR", 0.314, ARM_A), ("pCR", 0.129, ARM_A)]


def test_pathological_and_clinical_in_the_other_order() -> None:
    rates = _values(_study("Pathological and clinical complete response rates were 12.9% and 31.4% in arm B, respectively."), Kind.RATE)
    assert rates == [("CR", 0.314, ARM_B), ("pCR", 0.129, ARM_B)]


def test_each_value_right_after_its_arm() -> None:
    rates = _values(_study("More women responded to eribulin (ORR: eribulin 41.0% vs vinorelbine 27.0%, P = .01)."), Kind.RATE)
    assert rates == [("ORR", 0.27, ARM_B), ("ORR", 0.41, ARM_A)]


def test_a_list_of_measures_naming_two_arms_takes_no_single_arm() -> None:
    rates = _values(_study("ORR and DCR were 30.0% and 60.0% across arms A and B."), Kind.RATE)
    assert all(arm is None for _, _, arm in rates)


# -- medians a time unit implies -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "measure"),
    [
        ("Eribulin was superior in overall survival (19.1 and 11.8 months, P = .001).", "OS"),
        ("Progression-free survival was 19.1 months with eribulin and 11.8 months with vinorelbine.", "PFS"),
        ("PFS: 19.1 vs 11.8 months in arms A and B, respectively (HR 0.70).", "PFS"),
        ("Overall survival was 19.1 versus 11.8 months for arm A and arm B (P = .01).", "OS"),
    ],
)
def test_a_time_to_event_measure_with_durations_is_a_median(sentence: str, measure: str) -> None:
    assert _values(_study(sentence), Kind.MEDIAN) == [(measure, 11.8, ARM_B), (measure, 19.1, ARM_A)]


@pytest.mark.parametrize(
    "sentence",
    [
        "Overall survival at 24 months was 61% in arm A and 52% in arm B.",
        "Mean overall survival was 19.1 months with eribulin and 11.8 months with vinorelbine.",
        "Overall survival of 12 months or longer was seen in 61% of arm A and 52% of arm B.",
        "Progression-free survival beyond 6 months was 41% vs 27% in arms A and B.",
    ],
)
def test_durations_that_are_time_points_or_means_are_not_medians(sentence: str) -> None:
    assert _values(_study(sentence), Kind.MEDIAN) == []


# -- "from A to B": the reference first --------------------------------------------------------------

_ADD_ON = "Women were randomly assigned to letrozole plus palbociclib (n = 120) or letrozole alone (n = 118). "
PLUS, ALONE = "letrozole plus palbociclib", "letrozole alone"


@pytest.mark.parametrize(
    "sentence",
    [
        "Adding palbociclib improved median PFS from 7.0 to 9.8 months (HR 0.65).",
        "Palbociclib prolonged the median progression-free survival from 7.0 months to 9.8 months.",
    ],
)
def test_a_median_changed_from_one_value_to_another(sentence: str) -> None:
    assert _values(_study(sentence, _ADD_ON), Kind.MEDIAN) == [("PFS", 7.0, ALONE), ("PFS", 9.8, PLUS)]


def test_a_rate_changed_from_one_value_to_another() -> None:
    rates = _values(_study("Palbociclib increased the objective response rate from 26% to 35% (P = .008).", _ADD_ON), Kind.RATE)
    assert rates == [("ORR", 0.26, ALONE), ("ORR", 0.35, PLUS)]


def test_a_range_from_one_value_to_another_is_not_a_change() -> None:
    medians = _values(_study("Median PFS ranged from 7.0 to 9.8 months across centres.", _ADD_ON), Kind.MEDIAN)
    assert ("PFS", 9.8, PLUS) not in medians and ("PFS", 7.0, ALONE) not in medians


# -- a verdict, then the medians in a bracket ----------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "OS was similar (median, 18.2 v 14.1 months for arm A and arm B).",
        "Overall survival did not differ (medians 18.2 and 14.1 months; P = .3).",
        "Overall survival was significantly longer [median 18.2 vs 14.1 months].",
    ],
)
def test_medians_in_a_bracket_after_a_verdict(sentence: str) -> None:
    assert _values(_study(sentence), Kind.MEDIAN) == [("OS", 14.1, ARM_B), ("OS", 18.2, ARM_A)]


def test_a_median_follow_up_in_the_bracket_is_not_the_measure() -> None:
    assert _values(_study("Overall survival was similar (median follow-up 30 months)."), Kind.MEDIAN) == [("FOLLOW_UP", 30.0, None)]


# -- a run of sentences about one arm ----------------------------------------------------------------


def test_sentences_after_one_arm_s_opening_take_that_arm() -> None:
    text = (
        "In the eribulin arm, the response rate was 41%. Median PFS was 8.1 months. "
        "In the vinorelbine arm, the response rate was 27%. Median PFS was 5.2 months."
    )
    assert _values(_study(text), Kind.MEDIAN) == [("PFS", 5.2, ARM_B), ("PFS", 8.1, ARM_A)]


@pytest.mark.parametrize(
    "after",
    [
        "In all patients, median PFS was 6.6 months.",
        "Overall, median PFS was 6.6 months.",
        "Median PFS of both arms together was 6.6 months.",
        "RESULTS: Median PFS was 6.6 months.",
    ],
)
def test_a_sentence_about_the_whole_cohort_ends_the_run(after: str) -> None:
    study = _study("In the eribulin arm, the response rate was 41%. " + after)
    assert ("PFS", 6.6, None) in _values(study, Kind.MEDIAN)


def test_an_arm_named_mid_sentence_sets_no_run() -> None:
    study = _study("The response rate was 41% in the eribulin arm. Median PFS was 6.6 months.")
    assert ("PFS", 6.6, None) in _values(study, Kind.MEDIAN)


# -- differences, ratios and other studies' figures are not an arm's value ---------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Complete responses were seen in 10% of both arms (0.3% difference, 95% CI -9.6 to 10.2).",
        "Eribulin gave a 12% absolute improvement in the objective response rate.",
    ],
)
def test_a_percentage_named_a_difference_is_not_a_rate(sentence: str) -> None:
    values = [v for _, v, _ in _values(_study(sentence), Kind.RATE)]
    assert 0.003 not in values and 0.12 not in values


def test_a_survival_increase_of_some_percent_is_not_a_rate() -> None:
    study = _study("The findings fit an increase in both overall and disease-free survival of about 4% with eribulin.")
    assert _values(study, Kind.RATE) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Eribulin brought a median OS benefit of 4.5 months over vinorelbine.",
        "The gain in median PFS was 2.1 months with eribulin.",
    ],
)
def test_a_benefit_in_months_is_not_a_median(sentence: str) -> None:
    # the named measures only: other outcomes are another finder's
    assert [v for v in _values(_study(sentence), Kind.MEDIAN) if v[0] != "OTHER"] == []


def test_a_ratio_with_an_interval_above_one_is_not_a_proportion() -> None:
    study = _study("The HR for OS was 0.81 (95% CI 0.52, 1.26) and that for RFS was 0.77 (95% CI 0.44, 1.36), favouring eribulin.")
    assert _values(study, Kind.RATE) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Our group previously demonstrated a pCR of 9.7% with eribulin in a pilot trial.",
        "Prior studies have shown response rates of 30% with eribulin and 20% with vinorelbine.",
    ],
)
def test_another_study_s_figures_are_not_read(sentence: str) -> None:
    # the named measures only: other outcomes are another finder's
    assert [v for v in _values(_study(sentence), Kind.RATE) if v[0] != "OTHER"] == []


def test_results_consistent_with_previously_reported_ones_are_read() -> None:
    study = _study("The response rate was 41% vs 27% (arm A vs arm B), consistent with previously reported results.")
    assert _values(study, Kind.RATE) == [("ORR", 0.27, ARM_B), ("ORR", 0.41, ARM_A)]


def test_one_value_in_both_named_arms_is_each_arm_s() -> None:
    study = _study("Complete responses were observed in 10% of patients in both the eribulin (8/80) and the vinorelbine group (8/80).")
    assert _values(study, Kind.RATE) == [("CR", 0.1, ARM_A), ("CR", 0.1, ARM_B)]


# -- arms named by a one-letter code the text defines ---------------------------------------------------

_LETTERS = "Women were randomised to trastuzumab (T; n = 34), lapatinib (L; n = 36) or both (TL; n = 58) before chemotherapy. "


def test_a_one_letter_code_the_text_defines_names_the_arm() -> None:
    study = _study("The pCR rate was similar with T (47%) and TL (52%), and lower with L (25%).", _LETTERS)
    assert _values(study, Kind.RATE) == [("pCR", 0.25, "lapatinib"), ("pCR", 0.47, "trastuzumab"), ("pCR", 0.52, "TL")]


def test_a_one_letter_code_is_matched_in_its_own_case_and_not_before_a_hyphen() -> None:
    from extractors.attribution import arm_spans_in, mention_patterns

    text = _LETTERS + "T-cell infiltration was higher, as t tests showed."
    arms = mention_patterns(["trastuzumab", "lapatinib", "TL"], text)
    sentence = "T-cell infiltration was higher with T, as t tests showed."
    assert [sentence[a:b] for a, b, _ in arm_spans_in(sentence, arms)] == ["T"]


@pytest.mark.parametrize("link", ["compared to", "relative to", "as opposed to"])
def test_compared_to_before_a_median_is_not_a_range(link: str) -> None:
    study = _study(f"The median PFS was 8.1 months in arm A, {link} 5.2 months in arm B.")
    assert _values(study, Kind.MEDIAN) == [("PFS", 5.2, ARM_B), ("PFS", 8.1, ARM_A)]


def test_a_range_ending_in_to_is_still_a_range() -> None:
    assert _values(_study("Median PFS was 8.1 months (range 2 to 30 months) in arm A."), Kind.MEDIAN) == [("PFS", 8.1, ARM_A)]


# -- each arm's own list of values, the arm named after it -----------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Median PFS and OS were 8.1 and 18.2 months with eribulin, and 5.2 and 14.1 months with vinorelbine.",
        "Median PFS and OS were 8.1 and 18.2 months in arm A versus 5.2 and 14.1 months in arm B.",
    ],
)
def test_two_medians_listed_arm_by_arm(sentence: str) -> None:
    assert _values(_study(sentence), Kind.MEDIAN) == [("OS", 14.1, ARM_B), ("OS", 18.2, ARM_A), ("PFS", 5.2, ARM_B), ("PFS", 8.1, ARM_A)]


def test_two_time_points_listed_arm_by_arm() -> None:
    study = _study("The 2- and 5-year OS rates were 90% and 71% in arm A and 85% and 64% in arm B.")
    rates = sorted((f.value, f.time_months, f.arm) for f in study.findings if f.kind == Kind.RATE)
    assert rates == [(0.64, 60.0, ARM_B), (0.71, 60.0, ARM_A), (0.85, 24.0, ARM_B), (0.9, 24.0, ARM_A)]


def test_lists_with_one_arm_named_are_not_split_by_arm() -> None:
    study = _study("Median PFS and OS were 8.1 and 18.2 months with eribulin, and 5.2 and 14.1 months in the remaining women.")
    assert not any(arm == ARM_B for _, _, arm in _values(study, Kind.MEDIAN))


def test_one_toxicity_rate_in_both_named_arms_is_each_arm_s() -> None:
    study = _study("Grade 3 or higher adverse events occurred in 21% of patients in both the eribulin arm and the vinorelbine arm.")
    assert _values(study, Kind.RATE) == [("TOX_G3PLUS", 0.21, ARM_A), ("TOX_G3PLUS", 0.21, ARM_B)]


# -- response categories counted out of a group the sentence names -------------------------------------

_SINGLE = "Forty-five women with metastatic breast cancer received eribulin. "


@pytest.mark.parametrize(
    "sentence",
    [
        "Among the 45 patients, 2 had CR, 12 had PR, 22 had SD and 9 had PD.",
        "Among 45 evaluable patients, complete response was seen in 2, partial response in 12, stable disease in 22 and progressive disease in 9.",
        "Of the 45 treated patients, 2 achieved a complete response, 12 achieved a partial response, 22 had stable disease and 9 had progressive disease.",
    ],
)
def test_response_counts_out_of_a_named_group(sentence: str) -> None:
    study = _study(sentence, _SINGLE)
    rates = sorted((f.measure.value, f.value, f.count, f.denominator) for f in study.findings if f.kind == Kind.RATE)
    assert rates == [("CR", 0.0444, 2, 45), ("PD", 0.2, 9, 45), ("PR", 0.2667, 12, 45), ("SD", 0.4889, 22, 45)]


def test_no_complete_responses_seen_is_a_zero_count() -> None:
    study = _study("Among 46 evaluable patients, partial response was observed in 13 (28.3%); no complete responses were seen.", _SINGLE)
    rates = sorted((f.measure.value, f.value, f.count, f.denominator) for f in study.findings if f.kind == Kind.RATE)
    assert ("CR", 0.0, 0, 46) in rates and ("PR", 0.283, 13, None) in rates


@pytest.mark.parametrize(
    "sentence",
    [
        "Among the 45 patients, 2 had CR; among the 30 with measurable disease, 12 had PR.",  # two groups: which is which?
        "Complete response was seen in 2 patients after a median of 4 cycles.",  # no group to count out of
        "Among the 45 patients, complete response was seen in 2 of 20 with measurable disease.",  # a count out of another number
    ],
)
def test_counts_without_one_clear_group_are_not_turned_into_rates(sentence: str) -> None:
    study = _study(sentence, _SINGLE)
    assert not any(f.denominator == 45 for f in study.findings)


def test_a_trial_s_per_arm_counts_are_not_turned_into_rates() -> None:
    study = _study("Of the 31 evaluable women in arm A, 1 achieved a complete response and 9 had stable disease.")
    assert not any(f.denominator == 31 for f in study.findings)


# -- lists ---------------------------------------------------------------------------------------------


def test_a_comma_list_of_bare_numbers_before_a_percentage_shares_its_sign() -> None:
    study = _study("OS at 1, 3 and 5 years was 96, 82 and 58%, respectively.", _SINGLE)
    rates = sorted((f.time_months, f.value) for f in study.findings if f.kind == Kind.RATE)
    assert rates == [(12.0, 0.96), (36.0, 0.82), (60.0, 0.58)]


def test_a_range_opener_keeps_a_bare_list_out() -> None:
    study = _study("Response rates ranged from 12, 20 and 35% across centres.", _SINGLE)
    assert not any(f.value in (0.12, 0.2) for f in study.findings)


def test_a_named_other_survival_closes_a_list_of_measures() -> None:
    sentence = "At 5 years, cancer-specific survival, overall survival and cystectomy-free survival were 78.6%, 61.2% and 70.4%, respectively."
    rates = sorted((f.measure.value, f.value, f.time_months) for f in _study(sentence, _SINGLE).findings if f.kind == Kind.RATE)
    assert rates == [("DSS", 0.786, 60.0), ("OS", 0.612, 60.0)]


@pytest.mark.parametrize(
    "sentence",
    [
        "Assuming a 3-year overall survival of 50% with vinorelbine and 60% with eribulin, 438 women give 80% power.",
        "The trial was powered to detect an improvement in pCR rate from 20% with vinorelbine to 35% with eribulin.",
        "We hypothesised a median PFS of 6 months with vinorelbine and 9 months with eribulin.",
    ],
)
def test_planned_figures_are_not_results(sentence: str) -> None:
    study = _study(sentence)
    assert [f for f in study.findings if f.measure.value != "OTHER" and f.kind in (Kind.RATE, Kind.MEDIAN)] == []


# -- the whole cohort's value before its subgroups' --------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "kind", "value"),
    [
        ("Median PFS was 11.2 months (95% CI 8.3-13.9) overall, 19.4 months in carriers and 8.1 months in non-carriers.", Kind.MEDIAN, 11.2),
        ("Median OS was 13.2 months (95% CI 10.1-16.3), 22.1 months with surgery and 8.7 months without.", Kind.MEDIAN, 13.2),
        ("A pathological complete response was found in 12 women (26.7%): 30.2% of ductal and 15.0% of lobular tumours.", Kind.RATE, 0.267),
        ("PFS at 24 months was 77.4% for all patients and 91.5% for those who proceeded to surgery.", Kind.RATE, 0.774),
    ],
)
def test_the_first_value_is_the_whole_cohort_s(sentence: str, kind: Kind, value: float) -> None:
    assert [v for _, v, _ in _values(_study(sentence, _SINGLE), kind)] == [value]


def test_values_of_subgroups_alone_are_not_read() -> None:
    assert _values(_study("Median PFS was 19.4 months in carriers and 8.1 months in non-carriers.", _SINGLE), Kind.MEDIAN) == []


# -- a value before its measure with the arm between -----------------------------------------------------


def test_values_each_with_its_arm_before_the_measure() -> None:
    study = _study("At 24 months, 89% of patients in the eribulin group and 52% of those in the vinorelbine group were alive and disease-free.")
    assert _values(study, Kind.RATE) == [("DFS", 0.52, ARM_B), ("DFS", 0.89, ARM_A)]


def test_a_median_the_measure_had() -> None:
    study = _study("The primary end point, progression-free survival, had a median of 19.1 months (95% CI 9.4-28.7).", _SINGLE)
    assert _values(study, Kind.MEDIAN) == [("PFS", 19.1, None)]


def test_response_adjectives_with_counts_before_a_total_rate() -> None:
    study = _study("Response was complete in 9/31 and partial in 19/31, for an objective response rate of 90.3%.", _SINGLE)
    assert _values(study, Kind.RATE) == [("CR", 0.2903, None), ("ORR", 0.903, None), ("PR", 0.6129, None)]


def test_a_stage_subgroup_s_rate_is_not_the_cohort_s() -> None:
    study = _study("Patients with stage IIID disease had a 2-year RFS of 38.0%.", _SINGLE)
    assert _values(study, Kind.RATE) == []


def test_a_second_percentage_with_a_clause_of_its_own_is_not_a_toxicity_rate() -> None:
    study = _study("Grade 3 or higher adverse events occurred in 59 patients (14.1%), and 9.6% discontinued therapy because of toxicity.", _SINGLE)
    assert _values(study, Kind.RATE) == [("TOX_G3PLUS", 0.141, None)]


_LETTERED = "Women were randomly assigned to docetaxel plus capecitabine (group A, n = 36) or docetaxel alone (group B, n = 50). "


def test_a_bare_letter_after_a_lettered_group_names_the_other_group() -> None:
    study = _study("The response rates of group A and B were 58.8% (20/34) and 44.9% (22/49), respectively.", _LETTERED)
    assert _values(study, Kind.RATE) == [("ORR", 0.449, "docetaxel alone (group B)"), ("ORR", 0.588, "docetaxel plus capecitabine (group A)")]


def test_a_bare_letter_elsewhere_names_no_arm() -> None:
    from extractors.attribution import arm_spans_in, mention_patterns

    arms = mention_patterns(["docetaxel plus capecitabine (group A)", "docetaxel alone (group B)"], _LETTERED)
    sentence = "Hepatitis B and grade B toxicity were rare in group A."
    assert [label for _, _, label in arm_spans_in(sentence, arms)] == ["docetaxel plus capecitabine (group A)"]


@pytest.mark.parametrize(
    "bracket, ci",
    [
        ("(HR 0·71, 0·58–0·87; p=0·0009)", (0.58, 0.87)),  # Lancet style: the interval without a "CI" label
        ("(hazard ratio 0.71, 0.58 to 0.87, P = .001)", (0.58, 0.87)),
        ("(HR 0.71, 0.80-0.95; p=0.001)", None),  # a range that does not hold the estimate is not its interval
    ],
)
def test_an_unlabelled_interval_right_after_a_hazard_ratio(bracket: str, ci: tuple[float, float] | None) -> None:
    text = ("Patients were randomly assigned to drug A (n = 210) or drug B (n = 212). "
            f"Overall survival was longer with drug A {bracket}.")
    hrs = [f for f in _study(text).findings if f.kind == Kind.HR]
    assert [(f.value, f.ci) for f in hrs] == [(0.71, ci)]
    assert not [f for f in _study(text).findings if f.kind == Kind.RATE]  # the interval's numbers are not rates


def test_a_very_good_partial_response_is_not_a_partial_response() -> None:
    text = ("Of 64 evaluable patients, a complete response was seen in 9 (14.1%), a very good partial response in 30 (46.9%) "
            "and a partial response in 12 (18.8%).")
    assert sorted((f.measure.value, f.value) for f in _study(text).findings) == [("CR", 0.141), ("PR", 0.188)]
