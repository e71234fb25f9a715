"""Cohort and arm sizes in more of the ways trial reports state them (extractors/cohort.py, extractors/arms.py):
a bare count with a verb of allocation, randomisation as a noun, arms sized by a count that leads the clause.

Every sentence is invented for the test.
"""

from __future__ import annotations

import pytest

from evidence.records import Article, Section, Study
from extractors.pipeline import extract_study


def _study(text: str) -> Study:
    return extract_study(Article(pmid="t", sections=(Section("", text),)))


def _sizes(text: str) -> list[int | None]:
    return [a.n for a in _study(text).arms]


@pytest.mark.parametrize(
    "text, n",
    [
        # a bare count made the cohort by a verb of allocation, with or without "randomly"
        ("Between 2001 and 2004, 286 were allocated to the two arms.", 286),
        ("In all, 388 were assigned to capecitabine or observation.", 388),
        ("At nine hospitals, 162 were randomly allocated to tai chi or walking.", 162),
        # randomisation as what the people underwent, with no auxiliary verb
        ("Of these, 198 underwent randomization and 187 completed the study.", 198),
        ("After screening, 97 underwent randomisation at eleven centres.", 97),
    ],
)
def test_bare_count_with_a_verb_of_allocation(text: str, n: int) -> None:
    study = _study(text)
    assert study.cohort.n == n
    assert study.cohort.n_enrolled == n


@pytest.mark.parametrize(
    "text, n",
    [
        # the people allocated to one arm are that arm's, not the cohort
        ("Of 148 men, 75 were selected for cryotherapy and the remaining 73 were assigned to the comparison group.", 148),
        ("Overall, 300 were assigned to letrozole.", None),
    ],
)
def test_a_count_allocated_to_one_arm_is_not_the_cohort(text: str, n: int | None) -> None:
    assert _study(text).cohort.n == n


@pytest.mark.parametrize(
    "text, arms",
    [
        # a count led by "using" or "taking" names the arm it sizes
        ("Twenty women using letrozole and 24 women using anastrozole completed the memory tests.", [("letrozole", 20), ("anastrozole", 24)]),
        ("In all, 35 survivors taking metformin and 33 survivors taking placebo returned the diaries.", [("metformin", 35), ("placebo", 33)]),
        # the arm that did not receive the treatment, named by its negation
        (
            "One group consisted of 19 men who were treated with pre-emptive tenofovir, the other group comprised 23 men who were not treated with pre-emptive tenofovir.",
            [("pre-emptive tenofovir", 19), ("no pre-emptive tenofovir", 23)],
        ),
        # curly brackets read as round ones
        (
            "Adults were randomized to the massage group {n = 31; once weekly for 8 weeks} or the control group (n = 33).",
            [("massage", 31), ("control", 33)],
        ),
    ],
)
def test_count_led_arm_phrasings(text: str, arms: list[tuple[str, int]]) -> None:
    assert [(a.label, a.n) for a in _study(text).arms] == arms


@pytest.mark.parametrize(
    "text",
    [
        "Patients were randomised to gabapentin (n = 32) or placebo (n = 30). Insomnia was less common with gabapentin than with placebo (4 of 29 vs. 11 of 27).",
        # the same pair named the other way round keeps each size with its arm
        "Patients were randomised to gabapentin (n = 32) or placebo (n = 30). Insomnia was more common with placebo than with gabapentin (11 of 27 vs. 4 of 29).",
        "Patients were randomised to gabapentin (n = 32) or placebo (n = 30). Fewer women stopped early on gabapentin, 2/29 (7%) versus 6/27 (22%).",
    ],
)
def test_a_pair_of_denominators_gives_each_arm_a_second_size(text: str) -> None:
    assert [(a.label, a.n, a.n_analysed) for a in _study(text).arms] == [("gabapentin", 32, 29), ("placebo", 30, 27)]


def test_a_pair_larger_than_the_arms_is_not_their_size() -> None:
    text = "Patients were randomised to gabapentin (n = 32) or placebo (n = 30). Dizziness was noted in 5 of 96 vs. 8 of 91 cycles."
    assert [a.n_analysed for a in _study(text).arms] == [None, None]


@pytest.mark.parametrize(
    "text, sizes",
    [
        ("Group A (letrozole): 60 patients; group B (anastrozole): 58 patients.", [60, 58]),
        ("The population was randomized between two arms: group A (cases) – 68 (48.9 %) patients, versus group B (controls) – 71 (51.1 %) patients.", [68, 71]),
        ("Participants were allotted at random: Arm 1 - 52 women and Arm 2 - 50 women.", [52, 50]),
    ],
)
def test_lettered_groups_sized_as_in_a_table(text: str, sizes: list[int]) -> None:
    assert _sizes(text) == sizes


def test_a_lettered_group_with_an_event_count_is_not_sized() -> None:
    assert all(a.n not in (12, 15) for a in _study("In group A, 12 patients relapsed and in group B, 15 patients relapsed.").arms)
    assert all(a.n not in (12, 15) for a in _study("Relapses: group A - 12 patients had a relapse, group B - 15 patients had one.").arms)


@pytest.mark.parametrize("text", ['Women were randomised to "yoga" (n = 40) or "control" (n = 41).', "Women were randomised to \u201cyoga\u201d (n = 40) or \u201ccontrol\u201d (n = 41)."])
def test_arm_names_in_quotes_are_read_without_them(text: str) -> None:
    assert [(a.label, a.n) for a in _study(text).arms] == [("yoga", 40), ("control", 41)]


@pytest.mark.parametrize(
    "text, n, field, value",
    [
        # counts printed after their label, as in a table
        ("Randomized patients: n = 412. Median age: 56 years.", 412, "n_enrolled", 412),
        ("Patients: 240 (letrozole 120, anastrozole 120).", 240, "n_enrolled", None),
        ("Enrolment: 180 patients; randomised: 176; analysed: 170.", 170, "n_analysed", 170),
        # "who had complete data" is not a subgroup with a complete response
        ("This secondary analysis included 1,800 of the 2,400 randomized women who had complete data.", 2400, "n_enrolled", 2400),
    ],
)
def test_labelled_and_described_counts(text: str, n: int, field: str, value: int | None) -> None:
    cohort = _study(text).cohort
    assert cohort.n == n
    assert getattr(cohort, field) == value


def test_a_labelled_percentage_is_no_count() -> None:
    assert _study("Patients: 54% were postmenopausal and 46% premenopausal.").cohort.n is None


@pytest.mark.parametrize(
    "text, n",
    [
        # a long description between the count and its people noun
        ("72 ASA physical status I or II patients booked for elective thyroidectomy were enrolled.", 72),
        # a bare count that entered or was registered
        ("In total, 156 entered the study between 2010 and 2012.", 156),
        ("Between 2000 and 2004, 320 were registered at 14 sites.", 320),
        # "included in the analysis" stays an analysed count, not an enrolled one
        ("Of 594 patients randomised, 584 were included in the primary analysis.", 584),
    ],
)
def test_more_cohort_phrasings(text: str, n: int) -> None:
    assert _study(text).cohort.n == n


@pytest.mark.parametrize(
    "text, n",
    [
        ("One hundred twenty females with ovarian cancer were randomized to olaparib or placebo.", 120),
        ("Sixty ASA I\u2013II women, aged 20\u201360 years, undergoing elective mastectomy were enrolled.", 60),
        # a count with a thousands comma is no year
        ("Overall, 2,016 were randomized between 2009 and 2013.", 2016),
    ],
)
def test_people_words_dashes_and_thousands(text: str, n: int) -> None:
    assert _study(text).cohort.n == n


def test_a_sex_split_is_not_the_cohort() -> None:
    assert _study("Of the patients, 40 were males and 80 were females.").cohort.n is None


def test_entering_the_trial_is_enrolment_and_the_remaining_arm_is_a_part() -> None:
    study = _study("Between 2014 and 2017, 1,204 women entered the trial; 602 were allocated to coaching and the remaining 602 were assigned to the usual care group.")
    assert (study.cohort.n, study.cohort.n_enrolled) == (1204, 1204)
    assert [(a.label, a.n) for a in study.arms] == [("coaching", 602), ("usual care", 602)]


def test_a_subgroup_who_entered_the_trial_is_not_the_enrolled_cohort() -> None:
    text = "We randomly assigned 5,000 women to tamoxifen or placebo. Of the 600 women with a high risk score who entered the trial, 13 developed thrombosis."
    assert _study(text).cohort.n == 5000


def test_an_arm_name_ends_at_started() -> None:
    assert [a.label for a in _study("Eighty-three women using menthol gel and 81 women using placebo gel started treatment.").arms] == ["menthol gel", "placebo gel"]


def test_arms_whose_names_read_the_same_are_named_by_their_codes() -> None:
    text = ("Adults were allocated at random to receive either live reading (LR) before surgery with recorded audiobook during surgery (n=54), "
            "recorded audiobook (RA) before surgery with recorded audiobook during surgery (n=55), or usual care (UC) before surgery with earplugs during surgery (n=53).")
    assert _sizes(text) == [54, 55, 53]


@pytest.mark.parametrize(
    "text, arms",
    [
        (
            "One hundred ten patients were split into 2 groups by randomization (n = 55 each). Drug Y was administered to Group 1. "
            "Group 2 took saline. Mean time to first flatus was 31 h in Group 1 and 38 h in Group 2.",
            [55, 55],
        ),
        (
            "Participants were randomly split into two groups. Altogether, 58 participants (29 participants in each group) took part. "
            "Morphine use was 12 mg in group I and 17 mg in group II.",
            [29, 29],
        ),
    ],
)
def test_groups_named_by_a_number_take_the_size_of_each_group(text: str, arms: list[int]) -> None:
    assert _sizes(text) == arms


def test_age_and_risk_groups_are_not_arms() -> None:
    assert _study("Patients in age group 1 and age group 2 had similar survival; risk group 1 and risk group 2 differed.").arms == ()


@pytest.mark.parametrize(
    "text, arms, n",
    [
        # one arm's count, then "the rest" given the other arm (unsized: the text does not state it)
        (
            "In this study, 84 men were recruited, of whom 40 were selected at random to receive candesartan 8 mg daily, with the rest receiving a placebo as controls.",
            [("candesartan", 40), ("placebo", None)],
            84,
        ),
        ("In total, 38 women were assigned to pilates and the remaining women received standard care.", [("pilates", 38), ("standard care", None)], None),
        # a name ends at an auxiliary verb
        (
            "Fourteen out of 52 patients (27%) treated with exemestane did not require dose reduction, compared with 19 out of 50 patients (38%) treated with fulvestrant (p = 0.3).",
            [("exemestane", 52), ("fulvestrant", 50)],
            None,
        ),
    ],
)
def test_one_arm_sized_and_the_rest(text: str, arms: list[tuple[str, int | None]], n: int | None) -> None:
    study = _study(text)
    assert [(a.label, a.n) for a in study.arms] == arms
    assert study.cohort.n == n


@pytest.mark.parametrize(
    "text, arms",
    [
        ("Patients receiving tamoxifen (n = 120) and those receiving anastrozole (n = 118) completed questionnaires.", [("tamoxifen", 120), ("anastrozole", 118)]),
        ("Women on letrozole (n = 50) had more arthralgia than women on tamoxifen (n = 48).", [("letrozole", 50), ("tamoxifen", 48)]),
        ("Pain scores were lower in the letrozole (n = 50) and tamoxifen (n = 48) cohorts.", [("letrozole", 50), ("tamoxifen", 48)]),
        ("Acupuncture (n = 40) reduced hot flushes more than venlafaxine (n = 38).", [("Acupuncture", 40), ("venlafaxine", 38)]),
    ],
)
def test_sizes_in_brackets_compared_without_an_allocation_word(text: str, arms: list[tuple[str, int]]) -> None:
    assert [(a.label, a.n) for a in _study(text).arms] == arms


def test_subgroups_sized_in_brackets_are_still_not_arms() -> None:
    assert _study("Premenopausal women (n = 50) had more pain than postmenopausal women (n = 48).").arms == ()


@pytest.mark.parametrize(
    "text, n",
    [
        ("Three hundred women were eligible; of these, 280 consented and were randomized.", 280),
        ("At 12 months, 180 of 200 randomized women (90%) completed follow-up.", 200),
    ],
)
def test_consent_before_randomisation_and_a_retained_share(text: str, n: int) -> None:
    assert _study(text).cohort.n == n


def test_a_share_with_an_event_stays_a_subgroup() -> None:
    assert _study("Overall, 40 women (35%) had lymphoedema after surgery.").cohort.n is None


@pytest.mark.parametrize(
    "text",
    [
        "Patients were randomized to letrozole (n: 150) or anastrozole (n : 148).",
        # a capital N after each arm sizes the arm; it is not the cohort
        "Patients were randomized to letrozole (N=150) or anastrozole (N=148).",
    ],
)
def test_sizes_written_n_colon_or_capital_n_after_each_arm(text: str) -> None:
    study = _study(text)
    assert [(a.label, a.n) for a in study.arms] == [("letrozole", 150), ("anastrozole", 148)]
    assert study.cohort.n is None


def test_a_capital_n_after_the_population_is_still_the_cohort() -> None:
    assert _study("Lung cancer patients beginning radiotherapy (N = 277) filled in questionnaires.").cohort.n == 277
