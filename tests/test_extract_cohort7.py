"""Cohort size (``cohort.n``), session 7: subgroups and parts never reported as the whole, wholes that were missed.

Every sentence is invented for the test; each group stands for one way trial abstracts phrase (or do not
phrase) the number of people studied, written five ways.
"""

from __future__ import annotations

import pytest

from evidence.records import Article, Section
from extractors.pipeline import extract_study


def _study(text: str):
    return extract_study(Article(pmid="t", sections=(Section("", text),)))


def _n(text: str) -> int | None:
    return _study(text).cohort.n


# two arms sized in the text, then a later count of fewer people than both arms together, named after a preposition
# or inside a bracket: a subgroup the finding is about, not the whole (the text states no total)
SUBGROUP_SMALLER_THAN_ARMS = [
    "Women were allocated at random to walking (n = 80) or usual care (n = 78). The delay before surgery was under "
    "four weeks for 101 women and longer for 57 women.",
    "Patients were randomized to drug A (n = 64) or drug B (n = 61). Most patients (50 patients on drug A [78%]; "
    "44 patients on drug B [72%]) reached the target level.",
    "Patients were allocated to letrozole (n = 150) or exemestane (n = 149). In node-negative patients (n = 188), "
    "the response rate was 41% with letrozole and 37% with exemestane.",
    "We randomised participants to an app (n = 120) or a leaflet (n = 118). Adherence was higher with the app "
    "among 90 participants with low literacy.",
    "Survivors were assigned to yoga (n = 45) or waitlist (n = 44). Fatigue improved in 30 survivors with anaemia.",
]


@pytest.mark.parametrize("text", SUBGROUP_SMALLER_THAN_ARMS)
def test_a_subgroup_smaller_than_the_arms_together_is_not_the_cohort(text: str) -> None:
    study = _study(text)
    assert len([a for a in study.arms if a.n]) == 2  # the arms are sized: the rule has something to compare with
    assert study.cohort.n is None


@pytest.mark.parametrize(
    "text, n",
    [
        # a count stated as a sentence's subject stays the cohort even when smaller than the arms randomised
        ("Women were randomised to A (n = 60) or B (n = 61). Ninety-eight women completed the 12-month visit.", 98),
        # a count split in its own bracket is a whole, even when fewer than were randomised
        ("Women were randomised to A (n = 76) or B (n = 77). Data at six months were available for 131 women (66 A, 65 B).", 131),
        ("Survivors were randomised to A (n = 80) or B (n = 81). Outcomes were measured in 140 survivors (n = 70 A; n = 70 B).", 140),
        ("Patients were assigned to A (n = 52) or B (n = 50). The analysis covered 96 patients (48 per arm).", 96),
        ("Patients were randomised to A (n = 40) or B (n = 42). Follow-up was complete for 80 patients (39 A and 41 B).", 80),
    ],
)
def test_a_whole_smaller_than_the_arms_is_kept_when_stated_as_one(text: str, n: int) -> None:
    assert _n(text) == n


@pytest.mark.parametrize(
    "text, n",
    [
        # "Only N patients ... were enrolled": a trial that fell short, not a subgroup
        ("Only 14 patients were accrued to stage one before the trial closed. Ten patients were evaluable.", 14),
        ("Only 23 women were randomised before the sponsor stopped the study; 19 were evaluable for response.", 23),
        ("Because of slow accrual, only 31 patients were accrued. Twenty-six were assessable.", 31),
        ("Only 12 participants had been recruited when funding ended, and 9 were evaluable.", 12),
        ("Only forty patients were registered in two years; thirty-two were evaluable.", 40),
    ],
)
def test_only_n_enrolled_is_the_cohort(text: str, n: int) -> None:
    assert _n(text) == n


@pytest.mark.parametrize(
    "text",
    [
        "We enrolled 80 patients. Only 12 patients allocated in error to the control arm were excluded from it.",
        "A total of 150 women took part. Only 14 women who were randomised had grade 3 events.",
    ],
)
def test_only_n_in_a_subgroup_clause_stays_a_subgroup(text: str) -> None:
    assert _n(text) in (80, 150)


@pytest.mark.parametrize(
    "text, n",
    [
        # two groups of people, each with a count of other things between ("with 99 lesions"): parallel groups, not the whole
        ("In all, 460 patients were reviewed. Younger patients, 91 women with 94 tumours given A and 80 women with 82 "
         "tumours given B, were selected.", 460),
        ("We studied 300 patients. There were 120 men with 130 lesions treated by surgery and 95 men with 99 lesions "
         "treated by ablation.", 300),
        # compared with data from another group: each is one group
        ("Relapse in 82 women of a randomised trial was compared with data from 470 women in three cohort studies.", None),
        ("Records of 150 patients given 3 cycles were compared with those of 146 patients given 6 cycles.", None),
        ("Results in 61 children from one centre were compared to data from 70 children from another.", None),
    ],
)
def test_parallel_groups_past_counts_of_other_things(text: str, n: int | None) -> None:
    assert _n(text) == n


def test_a_parallel_after_another_count_of_people_belongs_to_that_count() -> None:
    text = ("The study enrolled 900 patients, of which 640 were allocated at random to A (n = 320) or B (n = 320), "
            "whereas 260 patients with high risk received A and formed a registry cohort.")
    assert _n(text) in (900, 640)


@pytest.mark.parametrize(
    "text, n",
    [
        # a group kept beside the trial's own cohort is not the cohort (here the text states no whole)
        ("Women were allocated to A (n = 117) or B (n = 118). A parallel cohort of 99 women with low-risk disease was "
         "treated with A alone.", None),
        ("A separate observational cohort of 150 patients who declined randomisation was followed.", None),
        ("We also followed a non-randomised registry cohort of 210 women treated off protocol.", None),
        ("An external reference group of 60 healthy volunteers gave blood samples.", None),
        # beside a stated whole, the whole stays
        ("In total, 240 patients were randomised; an additional cohort of 45 patients was treated off study.", 240),
    ],
)
def test_a_group_beside_the_trials_cohort_is_not_the_cohort(text: str, n: int | None) -> None:
    assert _n(text) == n


@pytest.mark.parametrize(
    "text, n",
    [
        # a count of one group, then a control group sized on its own: two groups, no whole stated
        ("A chart review found 128 women who had breast MRI before surgery. A control group of 128 women without MRI "
         "was matched by age.", None),
        ("Sixty-four patients had the new device fitted. A matched control group of 128 patients treated "
         "without it was drawn from the registry.", None),
        ("Thirty survivors took part in the dance programme. A comparison group of 30 survivors was recruited from the "
         "same clinic.", None),
        # a stated whole is kept
        ("A total of 256 women were studied: 128 had breast MRI and a control group of 128 women did not.", 256),
        ("We enrolled 90 patients in all. A control group of 45 patients received usual care.", 90),
    ],
)
def test_a_control_group_sized_apart_makes_the_first_count_one_group(text: str, n: int | None) -> None:
    assert _n(text) == n


@pytest.mark.parametrize(
    "text, n",
    [
        # "N people received A and M B": the verb left out of the second group, so N is one group (no whole stated)
        ("Across the pooled trials, 610 patients started the study drug and 295 a comparator.", None),
        ("In all, 45 patients received drug A and 43 placebo.", None),
        ("Thirty women took letrozole and 28 anastrozole for six months.", None),
        ("Overall, 212 participants chose the online course and 187 the printed booklet.", None),
        ("Of those approached, 88 patients were given the decision aid and 90 usual information.", None),
    ],
)
def test_a_second_group_with_its_verb_left_out_makes_the_first_a_part(text: str, n: int | None) -> None:
    assert _n(text) == n


@pytest.mark.parametrize(
    "text, n",
    [
        # "and M died / and M cycles": no second group of people
        ("In all, 120 patients received chemotherapy and 12 died of disease.", 120),
        ("A total of 64 women received weekly paclitaxel and 6 cycles of carboplatin.", 64),
    ],
)
def test_and_m_that_is_no_group_leaves_the_whole(text: str, n: int) -> None:
    assert _n(text) == n


@pytest.mark.parametrize(
    "text, n",
    [
        # "N cases of a disease were diagnosed / occurred": events during follow-up, not people studied
        ("Women were allocated to hormone therapy or placebo. Four cases of ovarian cancer and two cases of stroke "
         "were diagnosed in the five years.", None),
        ("Adults were assigned to A or B at random. Five cases of neutropenic fever arose on drug A.", None),
        ("Patients were allocated to A or B. Seven new cases of lymphoedema were recorded at two years.", None),
        # a stated cohort is kept beside them
        ("We randomised 300 women. Six cases of endometrial cancer were observed, four with tamoxifen.", 300),
        # cases that make up a series are its cohort
        ("We reviewed 45 cases of phyllodes tumour treated at two hospitals.", 45),
    ],
)
def test_cases_of_a_disease_that_occurred_are_events(text: str, n: int | None) -> None:
    assert _n(text) == n


@pytest.mark.parametrize(
    "text, n",
    [
        # "center" as the people's own modifier, right before the noun
        ("Participants were 212 low-income community health center patients aged 50 to 74 years.", 212),
        ("The sample comprised 95 cancer centre outpatients receiving oral chemotherapy.", 95),
        ("We surveyed 340 rural health centre clients about screening.", 340),
        # a count of centres is never the people's count
        ("Patients were enrolled at 12 centers; 240 patients were randomised.", 240),
        ("The trial ran in 31 cancer centres and enrolled 1,204 women.", 1204),
    ],
)
def test_center_as_a_modifier_of_the_people(text: str, n: int) -> None:
    assert _n(text) == n


@pytest.mark.parametrize(
    "text, n",
    [
        # a recruitment rate with its count and pool: the count is the cohort
        ("Recruitment was 11% (141/1282) in the first trial.", 141),
        ("The participation rate was 62% (310 of 500) among women invited by letter.", 310),
        ("Uptake was 41% (82/200), and retention at one year was 90%.", 82),
        ("The consent rate was 75% (n = 150/200) across the four practices.", 150),
        ("Enrolment reached 30% (45 of 150) before the trial closed.", 45),
    ],
)
def test_a_recruitment_rate_gives_the_cohort(text: str, n: int) -> None:
    assert _n(text) == n


def test_a_response_rate_is_not_a_recruitment_rate() -> None:
    assert _n("Tumour response rate: 41% (18/44) on the doublet.") != 18


@pytest.mark.parametrize(
    "text, n",
    [
        # the people of the analyses, sized in a bracket (a space between thousands)
        ("Women randomised at least two years before unblinding were eligible for these analyses (n = 10 412).", 10412),
        ("Participants with complete diaries formed the basis of the analyses (n = 1,530).", 1530),
        ("Every woman who returned a baseline form entered our analyses (n = 2 208).", 2208),
    ],
)
def test_the_people_of_the_analyses_in_a_bracket(text: str, n: int) -> None:
    assert _n(text) == n


@pytest.mark.parametrize(
    "text, n",
    [
        # an analysed count that is only the base of one measure ("M (p%) of the N analysed had ...") is not the cohort
        ("Seventy women were randomised to A (n = 35) or B (n = 35). Forty (80%) of the 50 analysed patients had "
         "detectable markers.", 70),
        ("We enrolled 120 patients. Thirty (33%) of the 90 analysed women showed a decline in bone density.", 120),
        ("In all, 84 patients were randomized. Twelve of the 60 analysed patients (20%) carried the variant.", 84),
        ("Ninety women were enrolled; 25 (40%) of all 62 analysable women reported pain at one year.", 90),
        # an analysed population stated as such still wins over the randomised count
        ("Of 436 women randomised, 430 formed the analysis set.", 430),
    ],
)
def test_an_analysed_count_that_is_a_rates_base_is_not_the_cohort(text: str, n: int) -> None:
    assert _n(text) == n


@pytest.mark.parametrize(
    "text, n",
    [
        # "Of the N who chose / opted for / switched to X": a subgroup by choice, not a stated whole
        ("In all, 52 survivors took part in the programme. Of the 6 survivors who chose the group sessions, 5 "
         "completed them.", 52),
        ("We enrolled 75 women. Of the 20 women who opted for immediate reconstruction, 18 were satisfied.", 75),
        ("Ninety patients took part. Among the 31 patients who elected to stop early, most cited fatigue.", 90),
        ("In all, 140 women were randomised. Of the 12 women who switched to the other arm, 9 did so for toxicity.", 140),
        ("Sixty men were enrolled. Of the 14 men who crossed over to the drug, 6 responded.", 60),
    ],
)
def test_of_the_n_who_chose_is_a_subgroup(text: str, n: int) -> None:
    assert _n(text) == n


@pytest.mark.parametrize(
    "text, n",
    [
        # people named by an abbreviation the text defines
        ("We studied screening among rural women (RW). Knowledge was measured among 310 RW from two districts.", 310),
        ("Community health workers (CHWs) were trained to give advice. In all, 48 CHWs took part.", 48),
        ("Advice was given to women with dense breasts (WDB). A questionnaire was returned by 122 WDB after one year.", 122),
        ("Training targeted practice nurses (PNs). Fifty-six PNs from 20 practices completed it.", 56),
        # an abbreviation of no people is not a count of people
        ("Hot flushes were scored on a visual analogue scale (VAS). Scores fell by 20 VAS points.", None),
    ],
)
def test_people_named_by_a_defined_abbreviation(text: str, n: int | None) -> None:
    assert _n(text) == n
