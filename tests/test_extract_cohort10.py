"""Cohort counts, session 10: CONSORT-style flows and the counts that must not become the cohort.

Every sentence is invented for the test; each group stands for one mechanism, written several ways.
"""

from __future__ import annotations

import pytest

from evidence.records import Article, Section
from extractors.pipeline import extract_study


def _cohort(text: str) -> dict[str, int | float | None]:
    c = extract_study(Article(pmid="t", sections=(Section("", text),))).cohort
    return {"n": c.n, "enrolled": c.n_enrolled, "analysed": c.n_analysed, "evaluable": c.n_evaluable}


def _check(text: str, expected: dict[str, int | float | None]) -> None:
    got = _cohort(text)
    assert {k: got[k] for k in expected} == expected, text


# "the remaining N were randomly assigned" after people were left out is the whole randomised, not one arm's rest
REMAINING_AFTER_EXCLUSIONS = [
    ("Of 800 patients screened, 620 were ineligible; the remaining 180 were randomly assigned.", 180),
    ("Forty-one of the 260 men approached declined, and the remaining 219 were randomly allocated to the two schedules.", 219),
    ("After 12 withdrew consent before treatment, the remaining 140 children were randomized to dexamethasone or prednisolone.", 140),
]


@pytest.mark.parametrize("text, n", REMAINING_AFTER_EXCLUSIONS)
def test_remaining_after_exclusions_is_the_whole(text: str, n: int) -> None:
    _check(text, {"n": n})


def test_remaining_after_an_allocation_stays_one_arm() -> None:
    _check("A total of 150 patients were enrolled; 75 were assigned to surgery and the remaining 75 were assigned to observation.", {"n": 150})


# a pool first enrolled, "of whom" some were randomised: the randomised are the trial's cohort
RANDOMISED_OF_WHOM = [
    ("We recruited 1,101 women, of whom 1,076 were randomly assigned to screening or no screening.", 1076),
    ("In the run-in phase 512 patients were enrolled, of whom 468 were randomised to continue or stop the drug.", 468),
    ("Overall, 96 adults were registered; of these, 88 were randomized to the two doses.", 88),
]


@pytest.mark.parametrize("text, n", RANDOMISED_OF_WHOM)
def test_randomised_of_an_enrolled_pool(text: str, n: int) -> None:
    _check(text, {"n": n})


def test_of_whom_after_randomisation_is_not_a_new_cohort() -> None:
    # the pool was itself randomised: "of whom" then tells a part, the randomised total stays
    _check("We randomised 300 women, of whom 150 were allocated to the app.", {"n": 300})


# a state or act, then randomised: "responded to the invitation and were randomised", "replied and were randomised"
ACT_THEN_RANDOMISED = [
    ("Among 1,200 women invited, 430 responded to the invitation and were randomly assigned to receive a leaflet or a video.", 430),
    ("Of 900 survivors mailed a letter, 212 replied and were randomised to the online programme or a waiting list.", 212),
    ("Of 356 patients offered the study, 198 accepted and were randomized.", 198),
]


@pytest.mark.parametrize("text, n", ACT_THEN_RANDOMISED)
def test_act_then_randomised(text: str, n: int) -> None:
    _check(text, {"n": n, "enrolled": n})


# "included in this analysis": the analysed cohort of a secondary study
def test_included_in_this_analysis() -> None:
    _check("Of the 2,218 patients in the trial, 508 had baseline blood samples and were included in this analysis.", {"n": 508, "analysed": 508})


# another study's size (an earlier trial, the parent trial a secondary analysis draws on) is not this study's cohort
OTHER_STUDY = [
    ("The earlier NSABP trial enrolled 2,892 women. We randomly assigned 411 women to tamoxifen or raloxifene.", 411),
    ("A previous trial of 1,600 patients found no benefit. In this trial, 212 patients were randomized to the new regimen or control.", 212),
    ("In this secondary analysis of a randomized trial of 3,000 women, we studied 412 women who had tumor samples available.", 412),
    ("This exploratory analysis of the phase III trial of 1,096 patients included 318 patients with liver metastases.", 318),
]


@pytest.mark.parametrize("text, n", OTHER_STUDY)
def test_another_studys_size_is_not_the_cohort(text: str, n: int) -> None:
    _check(text, {"n": n})


def test_parent_trial_size_is_kept_when_nothing_else_is_stated() -> None:
    _check("In this secondary analysis of a randomized trial of 686 patients, fatigue was assessed weekly.", {"n": 686})


def test_prior_treatment_in_a_study_is_not_another_study() -> None:
    _check("All patients had prior chemotherapy in the adjuvant setting; 88 women were enrolled in this study.", {"n": 88})


# a later look at a trial: "Of the N originally randomised, M completed/consented/could be traced": M is the cohort the
# abstract reports on, N stays the count enrolled
FOLLOW_UP_SUBSETS = [
    ("Of the 456 patients originally randomised, 398 completed the 5-year follow-up questionnaire.", {"n": 398, "enrolled": 456}),
    ("Among the 2,032 women randomised in the original trial, 1,450 consented to the extended follow-up.", {"n": 1450, "enrolled": 2032}),
    ("Of the 612 children initially enrolled, 540 could be traced through the national registry at 15 years.", {"n": 540, "enrolled": 612}),
]


@pytest.mark.parametrize("text, expected", FOLLOW_UP_SUBSETS)
def test_follow_up_subset_of_the_originally_randomised(text: str, expected: dict[str, int]) -> None:
    _check(text, expected)


FOLLOW_UP_WHOLE = [
    # the whole first randomised stays the cohort when the later count is an outcome, not who was reached
    ("Long-term follow-up is reported for the 380 women originally randomised; 352 were alive at 10 years.", 380),
    ("Of the 300 women originally randomised, 120 had died by 2015.", 300),
]


@pytest.mark.parametrize("text, n", FOLLOW_UP_WHOLE)
def test_follow_up_outcome_is_not_a_subset(text: str, n: int) -> None:
    _check(text, {"n": n})


def test_an_outcome_analysis_is_not_the_analysed_cohort() -> None:
    _check("Forty patients were enrolled; 35 underwent surgery and were included in the pathological analysis.", {"n": 40})


# each group sized on its own, one after the other, with no whole stated: no cohort size (one group is not the whole)
GROUPS_ONE_BY_ONE = [
    "Of 35 patients in the exercise arm and 33 in the control arm, 30 and 29 completed the study.",
    "Nineteen from originally 24 women who kept wearing the splint and 20 from 23 women who had been randomised to the control group were seen again after two years.",
]


@pytest.mark.parametrize("text", GROUPS_ONE_BY_ONE)
def test_groups_sized_one_by_one_have_no_whole(text: str) -> None:
    _check(text, {"n": None})


def test_a_whole_then_its_halves_is_kept() -> None:
    _check("Two hundred and two women undergoing mastectomy were selected. They were randomly allocated to the experimental group "
           "(101 cases) or the control group (101 cases).", {"n": 202})


def test_arm_then_both_arms_is_not_one_group() -> None:
    _check("Of the 120 patients in the exercise and control groups, 110 completed the study.", {"n": 120})


# design: a trial named as what the study is not ("outside clinical trials") or as the benchmark ("the pivotal trial")
# does not stop a series of treated patients from reading as retrospective
REAL_WORLD_SERIES = [
    "Outcomes of 120 patients treated with trastuzumab deruxtecan outside clinical trials at four hospitals between 2019 and 2022.",
    "We reviewed 86 women given the regimen in routine practice from 2015 to 2020; survival matched that of the pivotal trial.",
    "Real-world outcomes of 240 consecutive patients treated outside of a clinical trial are reported.",
]


@pytest.mark.parametrize("text", REAL_WORLD_SERIES)
def test_real_world_series_outside_trials_is_retrospective(text: str) -> None:
    from extractors.design import find_design
    from extractors.lexicon import load_lexicon

    assert {h.label for h in find_design(text, load_lexicon())} == {"retrospective"}, text


def test_a_series_within_a_trial_is_not_retrospective() -> None:
    from extractors.design import find_design
    from extractors.lexicon import load_lexicon

    text = "We report 120 patients treated within a clinical trial at four hospitals between 2019 and 2022."
    assert "retrospective" not in {h.label for h in find_design(text, load_lexicon())}


# a series of treated patients gathered "at N centres" (no trial, protocol or prospective wording) is retrospective
@pytest.mark.parametrize("text", [
    "Among 212 patients with resected stage II colon cancer who received adjuvant capecitabine at 9 centres, 31 relapsed.",
    "Of 96 children given the regimen at three hospitals, 70 were alive at 5 years.",
])
def test_series_at_several_centres_is_retrospective(text: str) -> None:
    from extractors.design import find_design
    from extractors.lexicon import load_lexicon

    assert {h.label for h in find_design(text, load_lexicon())} == {"retrospective"}, text


def test_a_trial_at_several_centres_is_not_retrospective() -> None:
    from extractors.design import find_design
    from extractors.lexicon import load_lexicon

    text = "In this trial, 212 patients with resected colon cancer received adjuvant capecitabine at 9 centres."
    assert "retrospective" not in {h.label for h in find_design(text, load_lexicon())}


# a count the text names as this study's own is the cohort reported on, over a larger count of the trial it draws on
THIS_STUDY = [
    ("Methods: In the ATAC trial, 9,366 women were randomised. In the present analysis of 2,006 women with centrally tested "
     "HER2 status, we examined recurrence.", 2006),
    ("In the trial, 3,212 patients were enrolled, and 1,430 (45%) are included in this translational study.", 1430),
    ("The trial randomised 2,400 women. This quality-of-life substudy included 612 women from 40 centres.", 612),
]


@pytest.mark.parametrize("text, n", THIS_STUDY)
def test_this_studys_own_count(text: str, n: int) -> None:
    _check(text, {"n": n})


def test_this_study_of_the_whole_is_the_whole() -> None:
    _check("This study of 240 women randomised to yoga or a waiting list found less fatigue with yoga.", {"n": 240})


# a second randomisation: the count the study's arms make up, not the larger first randomisation
SECOND_RANDOMISATION = [
    ("Two thousand four hundred women were randomly assigned to anthracycline chemotherapy with or without a taxane. Women "
     "with HER2-positive tumours were then randomly assigned again. 412 patients were randomly assigned between lapatinib "
     "(n = 206) and observation (n = 206).", 412),
    ("Of 518 patients enrolled for induction, 362 responded and were randomly assigned to maintenance capecitabine (n = 181) "
     "or observation (n = 181).", 362),
]


@pytest.mark.parametrize("text, n", SECOND_RANDOMISATION)
def test_the_randomisation_the_arms_make_up(text: str, n: int) -> None:
    _check(text, {"n": n})


def test_responders_evaluable_are_not_the_cohort() -> None:
    _check("Of 60 patients enrolled, 21 responded and were evaluable for duration of response.", {"n": 60})


# when only weak counts are stated, those screened or of another study come last: a study's own "(n = N)" goes first,
# and people named by an abbreviation are still read
LAST_RESORT = [
    ("Home exercise after surgery. In an earlier trial of 2,950 women, the programme was safe. We conducted a one-group, "
     "pre-post study among women with stage I-III breast cancer (n = 64).", 64),
    ("Home exercise after surgery. In total, 4,120 women were screened. We ran a single-group pre-post study among "
     "survivors of breast cancer (n = 88).", 88),
    ("Peer-led outreach. A previous study enrolled 3,420 patients. Community health workers (CHW) were trained, and "
     "knowledge was assessed among 180 CHW before and after the training.", 180),
]


@pytest.mark.parametrize("text, n", LAST_RESORT)
def test_screened_and_other_study_counts_come_last(text: str, n: int) -> None:
    _check(text, {"n": n})


# people an outcome befell ("with grade 3 toxicity", "with a pathological complete response") and a named subgroup
# ("the subgroup of 148 patients with ...") are parts of the cohort, not the cohort
OUTCOME_SUBGROUPS = [
    ("Ninety-two women requiring axillary surgery were studied; 45 had the new device and 47 the standard one. "
     "Among 31 patients with grade 3 toxicity, most recovered within a week.", 92),
    ("Seventy-eight women with operable disease were included. In the 22 patients with a pathological complete "
     "response, no relapse occurred.", 78),
    ("Sixty-six survivors of breast cancer were studied (median age 57). In the subgroup of 24 women with "
     "lymphoedema, arm volume fell by 9%.", 66),
]


@pytest.mark.parametrize("text, n", OUTCOME_SUBGROUPS)
def test_outcome_subgroups_are_parts(text: str, n: int) -> None:
    _check(text, {"n": n})


def test_relapsed_disease_is_the_cohort_not_an_outcome() -> None:
    _check("Among 120 patients with disease progression after an aromatase inhibitor, 60 received A and 60 received B.", {"n": 120})


# a disease's burden in a population ("diagnosed in 55,000 women each year", "die of", "worldwide", "of every 2,000") is
# background, not the study's people
BACKGROUND = [
    ("Acupuncture for hot flashes. Breast cancer is diagnosed in about 55,000 women in the UK each year. Ninety-two women "
     "taking tamoxifen were studied over 12 weeks.", 92),
    ("Yoga for fatigue. Approximately 40,000 women die of breast cancer annually. Seventy survivors with fatigue joined "
     "the programme.", 70),
    ("Cold caps. Up to 60% of the 250,000 women treated each year develop alopecia. Forty-one women receiving docetaxel "
     "wore the cap.", 41),
    ("Hot flashes affect 1,500 of every 2,000 women on tamoxifen. Sixty-two women (median age 48) recorded their flashes daily.", 62),
]


@pytest.mark.parametrize("text, n", BACKGROUND)
def test_background_burden_is_not_the_cohort(text: str, n: int) -> None:
    _check(text, {"n": n})


def test_a_yearly_count_of_this_study_is_kept() -> None:
    _check("Over four years, 480 patients were enrolled at our centre, about 120 each year.", {"n": 480})


def test_what_is_known_in_the_present_is_not_the_cohort() -> None:
    _check("Compression after surgery. Registry data from 12,000 women show that lymphoedema is frequent. Forty-four women "
           "fitted with a sleeve were followed for a year.", {"n": 44})


def test_a_present_tense_cohort_sentence_is_still_read_when_alone() -> None:
    _check("Exercise in survivors. The participants are 64 women who finished chemotherapy within the past year.", {"n": 64})


# "In all / A total of / Overall, N patients" followed by an event that befell them is not the whole
EVENT_TOTALS = [
    "In all, 27 patients were hospitalised.",
    "A total of 27 patients died.",
    "Overall, 27 patients relapsed.",
    "A total of 27 patients experienced grade 3 toxicity.",
    "Overall, 27 patients were alive at 5 years.",
    "In total, 27 patients underwent reoperation.",
]


@pytest.mark.parametrize("tail", EVENT_TOTALS)
def test_a_total_of_people_an_event_befell_is_not_the_cohort(tail: str) -> None:
    _check("Ninety-two women requiring axillary surgery were studied (median age 55). " + tail, {"n": 92})


def test_a_total_with_an_event_then_randomised_is_the_whole() -> None:
    _check("A total of 96 patients developed lymphoedema after surgery and were randomised to A or B.", {"n": 96})


# "Of the / Among the N ..." points back to a group already named: after an earlier count it is not a new whole
ANAPHORIC = [
    ("Ninety-two women requiring axillary surgery were studied. Of the 46 women who completed the exercise programme, "
     "80% reported benefit.", 92),
    ("Ninety-two women requiring axillary surgery were studied. Among the 75 postmenopausal women, the effect was larger.", 92),
]


@pytest.mark.parametrize("text, n", ANAPHORIC)
def test_a_group_pointed_back_to_is_not_a_new_whole(text: str, n: int) -> None:
    _check(text, {"n": n})


def test_of_the_n_alone_is_the_whole() -> None:
    _check("Of the 140 women, 70 received the app and 70 a leaflet.", {"n": 140})


def test_an_evaluable_whole_before_a_later_part() -> None:
    # no count of those enrolled: the evaluable total is the whole, not the group the text names later
    _check("Neuropathy scores were recorded weekly. A total of 212 patients were evaluable (108 received the drug; 104, placebo). "
           "A further 64 patients who declined randomisation were followed in a parallel cohort.", {"n": 212})
    _check("Fatigue scores were recorded weekly. A total of 212 patients were evaluable (108 received the drug; 104, placebo). "
           "In a multivariate model, fatigue improved. Follow-up data were missing for 14 patients.", {"n": 212})


def test_an_enrolled_count_still_outranks_the_evaluable() -> None:
    _check("Eighty-four patients were enrolled. A total of 79 patients were evaluable for response.", {"n": 84, "evaluable": 79})
