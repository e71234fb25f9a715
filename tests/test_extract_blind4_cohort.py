"""Cohort fields, blind4 causes: ages and counts in words, analysed populations named as a noun or after matching,
randomisation as a noun, and counts of men with an event that are not the cohort's sex split.

Every sentence is invented for the test; each group writes one way of phrasing the fact several ways.
"""

from __future__ import annotations

import pytest

from evidence.records import Article, Section
from extractors.pipeline import extract_study


def _cohort(text: str):
    return extract_study(Article(pmid="t", sections=(Section("", text),))).cohort


# an age written in words, or a median in brackets after the age range people were chosen by
AGES = [
    ("Their median age was fifty-eight years and most had stage II disease.", "age_median", 58),
    ("The median age was Seventy years (range, 61 to 88).", "age_median", 70),
    ("Mean age was forty-four years in both groups.", "age_mean", 44),
    ("We treated 27 patients aged 75 years or older (median 79) with a brief radiotherapy course.", "age_median", 79),
    ("Forty adults aged ≥65 years (median 71, range 65-90) were enrolled.", "age_median", 71),
    ("Women aged 18-45 years (mean 33) were recruited from three clinics (n = 64).", "age_mean", 33),
    ("In all, 90 men aged 50 to 75 (median, 63 years) were randomised.", "age_median", 63),
    ("Adults aged between 18 and 60 years (median 39) were enrolled at two sites.", "age_median", 39),
    ("Women aged from 45 to 69 years (mean, 56 years) were invited to screening.", "age_mean", 56),
]


@pytest.mark.parametrize("text, field, value", AGES)
def test_an_age_in_words_or_bracketed_after_the_range_is_read(text: str, field: str, value: int) -> None:
    assert getattr(_cohort(text), field) == value


@pytest.mark.parametrize(
    "text",
    [
        "The mean age of two groups was compared with a t test.",  # a word number that is not an age
        "Patients aged 70 years or older (median 3 cycles) were enrolled.",  # a bracketed median of something else
        "We treated 30 patients aged 65 years or older (median follow-up 24 months).",
    ],
)
def test_a_number_that_is_not_an_age_is_not_read_as_one(text: str) -> None:
    cohort = _cohort(text)
    assert cohort.age_median is None and cohort.age_mean is None


def test_the_top_of_an_age_range_before_a_verb_is_not_the_cohort() -> None:
    cohort = _cohort("In total, 60 women aged 45 to 70 (median, 58 years) were randomised.")
    assert cohort.n == 60 and cohort.n_enrolled == 60


# a count in words (or digits) opening the sentence, whose own enrolment verb comes late, after a long description
LATE_VERB = [
    ("Between 2011 and 2016, three hundred and four women aged 40 years or older who had a lumpectomy for a small "
     "tumour and had recovered from surgery were then randomised to a weekly or a daily schedule.", 304),
    ("From 2009 to 2013, 188 men with a rising PSA after prostatectomy, none of whom had metastases on imaging, were "
     "subsequently randomised to salvage radiotherapy with or without hormone therapy.", 188),
    ("Two hundred and ten adults with type 2 diabetes treated with metformin alone for at least a year and with an "
     "HbA1c above target were enrolled.", 210),
    ("In total, 96 children whose asthma had not been controlled by inhaled steroids at the usual dose were recruited.", 96),
]


@pytest.mark.parametrize("text, n", LATE_VERB)
def test_a_subject_count_with_a_late_enrolment_verb_is_enrolled(text: str, n: int) -> None:
    cohort = _cohort(text)
    assert cohort.n == n and cohort.n_enrolled == n


def test_a_later_clause_with_its_own_count_does_not_enrol_the_first() -> None:
    cohort = _cohort("Between 2010 and 2014, 520 women had breast surgery, and 200 of them were then randomised to A or B.")
    assert cohort.n_enrolled != 520


# randomisation as a noun, with a ratio or a kind between the verb and it
@pytest.mark.parametrize(
    "text, n",
    [
        ("From May 2018 to June 2020, a total of 132 patients underwent 1:1 randomization to A (n = 66) or B (n = 66).", 132),
        ("Overall, 240 women underwent stratified randomisation.", 240),
        ("120 patients underwent a 2:1 randomization to drug or placebo.", 120),
        ("Seventy-two volunteers underwent central randomisation to exercise or rest.", 72),
    ],
)
def test_underwent_randomisation_with_a_ratio_is_enrolled(text: str, n: int) -> None:
    cohort = _cohort(text)
    assert cohort.n_enrolled == n and cohort.n == n


# the analysed population named as a noun the described people formed
@pytest.mark.parametrize(
    "text, enrolled, analysed",
    [
        ("Of 250 women screened, 204 were randomised, and the 198 given at least one infusion who then had surgery "
         "formed the efficacy population.", 204, 198),
        ("We randomised 300 patients; the 290 who received any study drug constituted the mITT population.", 300, 290),
        ("Overall, 410 women were enrolled, and 398 patients with at least one scan after baseline made up the efficacy analysis set.", 410, 398),
        ("A total of 200 women were randomised and 180 treated with at least one dose formed the per-protocol population.", 200, 180),
    ],
)
def test_people_described_then_forming_the_analysis_population_are_analysed(text: str, enrolled: int, analysed: int) -> None:
    cohort = _cohort(text)
    assert (cohort.n_enrolled, cohort.n_analysed, cohort.n) == (enrolled, analysed, analysed)


# a count left for the analysis after matching or exclusions: analysed, and the cohort rather than the pool before it
@pytest.mark.parametrize(
    "text, analysed",
    [
        ("Of 1 730 eligible patients, 402 had surgery and 1 328 radiotherapy. Patients were matched on age and stage. "
         "Matching left 318 patients (159 per group) for analysis.", 318),
        ("We identified 900 patients in the registry. After matching, 300 patients (150 in each group) remained for analysis.", 300),
        ("We reviewed the charts of 640 women; exclusions left 512 women for the final analysis.", 512),
        ("Of 1 200 patients screened, propensity matching yielded a matched cohort of 360 patients for analysis.", 360),
        ("We identified 2 040 patients. Matching produced a cohort of 410 patients (205 per group) for the analysis.", 410),
    ],
)
def test_a_count_left_for_analysis_is_the_analysed_cohort(text: str, analysed: int) -> None:
    cohort = _cohort(text)
    assert cohort.n_analysed == analysed and cohort.n == analysed


def test_a_count_left_without_analysis_is_not_analysed() -> None:
    cohort = _cohort("We enrolled 150 patients. Treatment left 40 patients with grade 2 fatigue.")
    assert cohort.n == 150 and cohort.n_analysed is None


# the men (or women) with an event in each arm are not the cohort's sex split
@pytest.mark.parametrize(
    "text",
    [
        "In all, 900 men were randomised to A or B. Grade 3 diarrhoea occurred in few: 11 men (2.4%) and 19 men (4.2%), respectively.",
        "We randomised 610 women. Fractures were seen in 14 women (4.6%) and 9 women (3.0%).",
        "Of 420 men enrolled, 21 men (10%) and 12 men (6%) stopped treatment early in the two groups.",
    ],
)
def test_counts_of_one_sex_in_each_arm_are_not_sex_counts(text: str) -> None:
    cohort = _cohort(text)
    assert cohort.n_male is None and cohort.n_female is None


@pytest.mark.parametrize(
    "text, men, women",
    [
        ("Patients were 41 men (55%) and 34 women (45%).", 41, 34),
        ("The cohort comprised 28 women and 19 men.", 19, 28),
    ],
)
def test_a_sex_split_is_still_read(text: str, men: int, women: int) -> None:
    cohort = _cohort(text)
    assert (cohort.n_male, cohort.n_female) == (men, women)


# an enrolment verb after a short description of the people ("N with X were randomised"), or "allocated at random"
@pytest.mark.parametrize(
    "text, n",
    [
        ("Of 420 men screened at six sites, 186 with a rising PSA were randomised to A (n = 93) or to B (n = 93).", 186),
        ("Of 95 children assessed, 61 with moderate eczema were enrolled.", 61),
        ("In this crossover study, 52 nurses working night shifts were allocated at random to melatonin then placebo, or the reverse.", 52),
        ("Sixty-six smokers were assigned at random to a nicotine patch or counselling.", 66),
    ],
)
def test_an_enrolment_after_a_description_or_at_random_is_enrolled(text: str, n: int) -> None:
    cohort = _cohort(text)
    assert cohort.n_enrolled == n and cohort.n == n


# the subject's own analysis verb, late in the sentence
@pytest.mark.parametrize(
    "text, n",
    [
        ("A total of 73 patients with a bone sarcoma of the pelvis resected at our institution from 2003 to 2018 were retrospectively analysed.", 73),
        ("Between 2005 and 2015, 240 women with stage I disease who underwent breast surgery at two centres were analysed.", 240),
    ],
)
def test_a_subject_count_with_a_late_analysis_verb_is_analysed(text: str, n: int) -> None:
    cohort = _cohort(text)
    assert cohort.n_analysed == n and cohort.n == n


def test_a_later_count_of_them_analysed_does_not_make_the_first_analysed() -> None:
    cohort = _cohort("Overall, 150 men had surgery, and 120 of them were analysed.")
    assert cohort.n_analysed != 150


@pytest.mark.parametrize(
    "text, value",
    [
        ("The median age at relapse was 23 years.", 23),
        ("Median age at randomisation was 64 years (range 41-80).", 64),
        ("The median age at study entry was 58 years.", 58),
    ],
)
def test_an_age_at_an_event_of_the_study_is_the_cohort_age(text: str, value: int) -> None:
    assert _cohort(text).age_median == value


def test_the_end_of_a_stage_range_before_people_is_not_a_count() -> None:
    cohort = _cohort(
        "After surgery for pT1–2 pN0–1 tumours, women were allocated at random to A or B. "
        "In all, 1 840 women were randomised (920 per arm)."
    )
    assert cohort.n == 1840 and cohort.n_enrolled == 1840


# "randomised"/"enrolled" as the analysed people's adjective: the count is enrolled as well, unless an enrolled count is stated
@pytest.mark.parametrize(
    "text, enrolled, analysed",
    [
        ("All 512 randomised women (256 per arm) were analysed as allocated.", 512, 512),
        ("All 88 enrolled children were analysed at week 12.", 88, 88),
        ("Of 640 screened, 380 were randomised; 371 randomised patients were analysed.", 380, 371),
    ],
)
def test_randomised_people_analysed_are_enrolled_too(text: str, enrolled: int, analysed: int) -> None:
    cohort = _cohort(text)
    assert (cohort.n_enrolled, cohort.n_analysed) == (enrolled, analysed)


def test_non_randomised_people_analysed_are_not_enrolled() -> None:
    assert _cohort("The 130 non-randomised patients were analysed separately.").n_enrolled is None


# a trial's cohort is those randomised from the people first enrolled or registered
@pytest.mark.parametrize(
    "text, n",
    [
        ("Of 512 patients registered, 498 were randomised (249 in each group).", 498),
        ("Of 270 women enrolled, 252 were randomised to A or B.", 252),
        ("Of 300 women recruited into the run-in, 281 were subsequently randomly assigned to A or B.", 281),
        ("Of 96 eligible adults, 90 were then randomised.", 90),
    ],
)
def test_those_randomised_from_a_registered_pool_are_the_cohort(text: str, n: int) -> None:
    cohort = _cohort(text)
    assert cohort.n == n and cohort.n_enrolled == n


def test_a_pool_followed_by_a_count_not_randomised_stays_the_cohort() -> None:
    assert _cohort("Of 500 patients enrolled, 480 received treatment.").n == 500
