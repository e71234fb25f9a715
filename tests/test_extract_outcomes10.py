"""Per-arm medians in phrasings trial reports use (session 10).

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


def _medians(study: Study) -> list[tuple[str, float | None, str | None]]:
    return sorted((f.measure.value, f.value, f.arm) for f in study.findings if f.kind == Kind.MEDIAN)


# -- a median's interval printed between its number and its unit ------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Median OS was 20.1 (95% CI 17.0-23.3) versus 16.3 (95% CI 14.1-18.5) months for eribulin and vinorelbine, respectively.",
        "The median OS was 20.1 (95% CI: 17.0-23.3) months in arm A and 16.3 (95% CI: 14.1-18.5) months in arm B.",
        "Median OS was 20.1 [95% CI, 17.0 to 23.3] and 16.3 [95% CI, 14.1 to 18.5] months in arms A and B.",
        "Median OS was 20.1 (17.0-23.3) versus 16.3 (14.1-18.5) months.",
        "Median OS was 20.1 (range 2-41) and 16.3 (range 1-38) months in arms A and B, respectively.",
    ],
)
def test_interval_between_median_and_unit(sentence: str) -> None:
    assert _medians(_study(sentence)) == [("OS", 16.3, ARM_B), ("OS", 20.1, ARM_A)]


def test_interval_between_median_and_unit_keeps_its_interval() -> None:
    study = _study("The median PFS was 9.4 (95% CI 8.1-10.6) months in arm A and 6.1 (95% CI 5.0-7.2) months in arm B.")
    cis = sorted((f.value, f.ci) for f in study.findings if f.kind == Kind.MEDIAN)
    assert cis == [(6.1, (5.0, 7.2)), (9.4, (8.1, 10.6))]


def test_interval_in_weeks_is_converted() -> None:
    medians = _medians(_study("Median PFS was 26 (95% CI 20-31) weeks in arm A and 13 (95% CI 9-17) weeks in arm B."))
    assert [(m, round(v, 1), arm) for m, v, arm in medians] == [("PFS", 3.0, ARM_B), ("PFS", 6.0, ARM_A)]


def test_bracket_that_is_no_interval_is_not_read_as_one() -> None:
    # a count in the bracket ("(n = 40)") is no interval: the number before it is not given the unit after it
    medians = _medians(_study("Median OS was 20 (n = 40) and 16 months (n = 38) in arms A and B, respectively."))
    assert ("OS", 20.0, ARM_A) not in medians


# -- a difference between the arms' medians is no median -----------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Median OS was 30.2 months in the eribulin group and 21.5 months in the vinorelbine group (HR, 0.70; absolute difference, 8.7 months).",
        "Median OS was 30.2 and 21.5 months in arms A and B, respectively (difference: 8.7 months; P = .01).",
    ],
)
def test_difference_after_a_comma_or_colon_is_no_median(sentence: str) -> None:
    assert _medians(_study(sentence)) == [("OS", 21.5, ARM_B), ("OS", 30.2, ARM_A)]


# -- three arms: a value with no arm beside values with arms -------------------------------------


_THREE = ("Women were randomly assigned to weekly eribulin (arm A, n = 70), eribulin every 2 weeks (arm B, n = 71) "
          "or observation (arm C, n = 69). ")


def test_median_not_reached_in_either_other_arm_is_each_of_theirs() -> None:
    study = _study("Median OS was not reached in either chemotherapy arm and was 41.5 months in the observation arm.", _THREE)
    found = sorted((f.arm or "", f.value, f.not_reached) for f in study.findings if f.kind == Kind.MEDIAN)
    assert found == [("eribulin (arm B)", None, True), ("observation (arm C)", 41.5, False), ("weekly eribulin (arm A)", None, True)]


def test_values_whose_arms_are_not_found_are_not_the_cohorts() -> None:
    # "arms A (...) and B (...)": the two arms are not found; their values are not whole-cohort medians
    study = _study("Median PFS was slightly longer in arm C (9.0 months) vs. arms A (8.0 months) and B (5.8 months).", _THREE)
    assert not any(f.arm is None for f in study.findings if f.kind == Kind.MEDIAN)


def test_a_value_called_the_whole_cohorts_is_kept() -> None:
    study = _study("Median OS was 30.0 months overall, 27.0 months in arm A and 33.0 months in arm C.", _THREE)
    assert 30.0 in {f.value for f in study.findings if f.kind == Kind.MEDIAN}


# -- a median restated in another unit in the bracket after it -----------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Median PFS was 16.4 weeks (3.8 months) with eribulin versus 4.1 weeks (1.0 month) with vinorelbine (HR 0.42).",
        "Median PFS was 116 days (3.8 months) in arm A and 30 days (1.0 month) in arm B.",
    ],
)
def test_median_restated_in_another_unit_is_read_once(sentence: str) -> None:
    assert _medians(_study(sentence)) == [("PFS", 1.0, ARM_B), ("PFS", 3.8, ARM_A)]


# -- a subgroup as the subject of "had a median" ---------------------------------------------------


_SINGLE = "We treated 60 patients with recurrent glioblastoma with bevacizumab. "


@pytest.mark.parametrize(
    "sentence",
    [
        "Unmethylated tumours had a median overall survival of 7.2 months.",
        "Patients with a performance status of 2 had a median OS of only 3.9 months.",
        "Median OS was 11.0 months; resected patients had a median overall survival of 21.4 months.",
    ],
)
def test_subgroup_subject_median_is_not_the_cohorts(sentence: str) -> None:
    assert [v for _, v, _ in _medians(_study(sentence, _SINGLE)) if v != 11.0] == []


def test_low_volume_opening_is_a_subgroup() -> None:
    # (the comparison finder may still read them as another outcome's, as for "In BRCA carriers, ...")
    assert [m for m in _medians(_study("In low-volume disease, median OS was 38.5 versus 30.1 months.")) if m[0] == "OS"] == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Patients treated with bevacizumab had a median OS of 9.8 months.",
        "Patients had a median OS of 9.8 months.",
        "The median OS was 9.8 months.",
    ],
)
def test_whole_cohort_subject_median_is_kept(sentence: str) -> None:
    assert _medians(_study(sentence, _SINGLE)) == [("OS", 9.8, None)]


# -- per-arm medians of other outcomes with a unit after the range (extractors.arm_values) ------------


def _arm_spans(sentence: str, *names: str) -> list[tuple[int, int, str]]:
    return [(sentence.find(name), sentence.find(name) + len(name), name) for name in names]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The median (range) seroma volume was 410 (25-1600) mL in the letrozole group and 290 (60-980) mL in the anastrozole group (p = 0.21).",
         [(410.0, "letrozole"), (290.0, "anastrozole")]),
        ("The median time to discharge was 210 min (170-260 min) in the letrozole group and 150 min (110-190 min) in the anastrozole group.",
         [(210.0, "letrozole"), (150.0, "anastrozole")]),
    ],
)
def test_unit_after_a_medians_range_does_not_hide_its_arm(sentence: str, expected: list[tuple[float, str]]) -> None:
    from extractors.arm_values import find_arm_values

    hits = find_arm_values(sentence, sentence.lower(), _arm_spans(sentence, "letrozole", "anastrozole"))
    assert [(h[4]["value"], h[4]["arm"]) for h in hits] == expected



# -- "mo" and "mos" before a semicolon or the full stop ----------------------------------------------


@pytest.mark.parametrize("sentence", ["Median PFS: 9.4 vs 6.1 mo; P = .01.", "Median PFS was 9.4 vs 6.1 mos."])
def test_month_abbreviation_before_a_stop_is_a_cue(sentence: str) -> None:
    assert _medians(_study(sentence)) == [("PFS", 6.1, ARM_B), ("PFS", 9.4, ARM_A)]


# -- two survival measures, each arm's run followed by its arm ----------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "The 5-year overall and disease-free survival rates were 91.3% and 80.2% in arm A and 88.0% and 72.5% in arm B.",
        "The 10-year overall and disease-free survival rates were 91.3 and 80.2% for arm A vs 88.0 and 72.5% for arm B, respectively.",
    ],
)
def test_two_measures_each_arms_run_followed_by_its_arm(sentence: str) -> None:
    rates = sorted((f.measure.value, f.value, f.arm) for f in _study(sentence).findings if f.kind == Kind.RATE)
    assert rates == [("DFS", 0.725, ARM_B), ("DFS", 0.802, ARM_A), ("OS", 0.88, ARM_B), ("OS", 0.913, ARM_A)]


# -- grade 3 alone is every grade >= 3 event when no grade 4 occurred (corpora/dev/README) ----------


def _toxicity(text: str) -> list[tuple[float | None, int | None, int | None]]:
    study = extract_study(Article(pmid="t1", sections=(Section("", text),)))
    return [(f.value, f.count, f.denominator) for f in study.findings if f.measure.value == "TOX_G3PLUS"]


def test_grade_three_count_with_no_grade_four_is_the_grade_three_plus_rate() -> None:
    text = "Forty patients with recurrent disease received weekly docetaxel. Treatment was well tolerated, with grade 3 toxicity in 6 of 40 patients and no grade 4 events."
    assert _toxicity(text) == [(0.15, 6, 40)]


def test_grade_three_count_alone_is_not_the_grade_three_plus_rate() -> None:
    text = "Forty patients with recurrent disease received weekly docetaxel. Grade 3 toxicity occurred in 6 of 40 patients."
    assert _toxicity(text) == []
