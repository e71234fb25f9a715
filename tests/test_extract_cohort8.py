"""Cohort size (``cohort.n``), session 8: rules that carry to how authors in general state a trial's size.

Every sentence is invented for the test; each group stands for one way abstracts phrase (or do not phrase)
the number of people studied, written several ways.
"""

from __future__ import annotations

import pytest

from evidence.records import Article, Section
from extractors.pipeline import extract_study


def _n(text: str) -> int | None:
    return extract_study(Article(pmid="t", sections=(Section("", text),))).cohort.n


# a capital "(N = k)" sizes one group when it is one of several sized brackets joined by "or", "and", "versus" or
# "compared ... with", when an arm or group is named right by it, or when it sizes the people a sentence's lead-in names
CAPITAL_N_GROUP_SIZES = [
    "Adults with gout were randomly allocated to febuxostat 80 mg daily (N = 212) or allopurinol 300 mg daily (N = 208).",
    "Smokers received varenicline 1 mg twice a day for 12 weeks (N=150) or nicotine patches 21 mg/day (N=148).",
    "Reasons for joining (N = 12) or refusing (N = 12) the screening programme were explored in interviews.",
    "The pilot compared a walking booklet (N = 30) with an unguided leaflet (N = 31).",
    "Stiffness was measured within the control group (N = 41) of a trial of stretching after knee surgery.",
    "Time to discharge was longer in group TX (N = 25) than in group T.",
    "Patients had exercise (N = 70) or usual care (N = 66) groups assigned by a computer.",
    "In the subset of men with night sweats (NS) noted at entry (N = 2,104), the diet lowered weight more than advice.",
    "Participants took the drug at 2.5 mg/day (N = 79) or the same drug plus 4 mg of another every 4 weeks (N = 81).",
]


@pytest.mark.parametrize("text", CAPITAL_N_GROUP_SIZES)
def test_a_capital_n_that_sizes_one_group_is_not_the_cohort(text: str) -> None:
    assert _n(text) is None


@pytest.mark.parametrize(
    "text, n",
    [
        # a capital N after the people a study sentence names, or the sum of the groups it lists, is the whole
        ("Breast cancer survivors (N = 84) were randomized to tai chi (n = 42) or stretching (n = 42).", 84),
        ("Adults with migraine (N = 310) were enrolled at nine clinics.", 310),
        ("Patients were assigned to A (n = 40) or B (n = 42) (N = 82).", 82),
        ("The study group (N = 126) received the vaccine in two doses.", 126),
    ],
)
def test_a_capital_n_of_the_whole_stays_the_cohort(text: str, n: int) -> None:
    assert _n(text) == n


@pytest.mark.parametrize(
    "text, n",
    [
        # a thousands comma is part of its number, never a list's comma or a clause's end
        ("The trial enrolled 2,318 patients, of which 1,204 went on to the short schedule.", 2318),
        ("We recruited 4,090 women, of whom 3,877 completed the baseline survey.", 4090),
        ("In all, 1,310 adults were randomly assigned, and 1,244 received at least one dose.", 1310),
        ("Our cohort comprised 12,006 participants, 6,011 of them from rural districts.", 12006),
        # the base of a share printed in a bracket after the count studied is not the cohort
        ("This exploratory analysis included 318 women (27% of the 1,178 randomised patients).", 318),
        ("This exploratory analysis included 318 women (27% of the 1178 randomised patients).", 318),
        ("The biomarker analysis included 244 patients (61% of the 400 enrolled patients).", 244),
        ("The substudy enrolled 96 participants (12.5% of the 768 in the parent trial).", 96),
    ],
)
def test_thousands_commas_and_the_base_of_a_share(text: str, n: int) -> None:
    assert _n(text) == n


@pytest.mark.parametrize(
    "text, n",
    [
        # a count in words after a pool ends the pool's clause, as a count in digits does: the pool is not enrolled
        ("Out of 140 consecutive cases seen in clinic, one hundred two adults were allocated at random to two groups.", 102),
        ("Of 96 eligible smokers, seventy-one were randomly assigned to counselling or a leaflet.", 71),
        # "[n = k]" after the people a study sentence names, as "(n = k)"
        ("This double-blind trial enrolled adults with chronic cough after a viral illness [n = 64].", 64),
        ("We ran a pilot trial among carers of people with dementia [n=52].", 52),
        # "N people who developed X underwent randomisation": the sentence's own verb makes N the cohort
        ("Forty-four patients who developed oral mucositis during induction underwent randomization to the rinse or placebo.", 44),
        ("Thirty women who had hot flushes underwent 1:1 randomisation to the two schedules.", 30),
        # "one hundred and six" is one number; "forty and forty-two" are two groups' sizes, not a whole of 82
        ("One hundred and six patients were randomised.", 106),
        ("Two thousand and forty women were enrolled.", 2040),
    ],
)
def test_number_words_brackets_and_randomisation_as_a_noun(text: str, n: int) -> None:
    assert _n(text) == n


@pytest.mark.parametrize(
    "text",
    [
        "Thirty-nine and thirty-eight adults went to the laser arm and the sham arm.",
        "Forty and forty-two women were randomised to walking and to stretching, respectively.",
        "Twenty-one and nineteen participants received the cream and the placebo.",
    ],
)
def test_two_numbers_in_words_joined_by_and_are_not_one_whole(text: str) -> None:
    assert _n(text) is None


@pytest.mark.parametrize(
    "text, n",
    [
        # the end of a range ("one to three", "two or three") is not a count of people
        ("Statins in women with one to three involved nodes: a randomised trial. We randomised 412 women to A or B.", 412),
        ("Exercise for men with two or three prior fractures. Overall, 150 men were enrolled.", 150),
        # an active "we randomly assigned N" states the whole, before later arm-by-arm sentences
        ("We randomly assigned 1210 adults to six cycles of A or B. Relapse was lower among the 604 adults randomly "
         "assigned to A than among the 606 randomly assigned to B.", 1210),
        ("This multicentre trial randomly allocated 880 men to two schedules. Survival was 71 percent in the 441 "
         "men given the short schedule at random, against 69 percent in the 439 others.", 880),
        # a planned size ("originally planned for N", "designed for N") is used only when nothing else is stated
        ("The trial was originally planned for 300 patients but closed after 118 patients were evaluable, including "
         "60 patients who received A and 58 patients who received B.", 118),
        ("Although designed for 400 participants, the study enrolled 212.", 212),
        # "cases (n = k)" is one group of a case-control study only when controls are named
        ("Our randomised study of unselected lung cancer cases (n = 88) tested two drains.", 88),
        ("Breast cancer cases (n = 410) and matched controls (n = 820) completed the questionnaire.", None),
    ],
)
def test_ranges_active_allocation_plans_and_cases(text: str, n: int | None) -> None:
    assert _n(text) == n


@pytest.mark.parametrize(
    "text, n",
    [
        # "cases" as the people of a trial, in a table-like label, an analysis population and a pool then randomised
        ("Randomised cases: n = 206 (A n = 103; B n = 103).", 206),
        ("Of 150 cases randomized, 144 eligible cases (72 per arm) formed the ITT population.", 144),
        ("Of 330 adults registered, 301 adults were then randomised to the two doses.", 301),
        # a pool, then the count that underwent randomisation (with its split in a bracket)
        ("Of 512 women registered, 498 underwent randomization (249 in each group).", 498),
        ("Of 260 patients entered, 251 (126 A and 125 B) underwent randomisation and were treated.", 251),
    ],
)
def test_cases_and_randomisation_as_a_noun_after_a_pool(text: str, n: int) -> None:
    assert _n(text) == n


# counts given only group by group: no whole is stated, so none is reported
PER_GROUP_ONLY = [
    "Fifteen of the 22 adults randomized to the stretching group and 16 of 23 adults randomized to the rest group finished.",
    "Eleven out of 14 women who had been randomized to the bandage group were seen again at one year.",
    "In the placebo arm, 210 men were assessable; in the active arm, 207 men were assessable.",
    "Of the 52 children assigned to the spacer arm, 47 attended every visit.",
]


@pytest.mark.parametrize("text", PER_GROUP_ONLY)
def test_people_allocated_to_one_named_group_are_not_the_whole(text: str) -> None:
    assert _n(text) is None


@pytest.mark.parametrize(
    "text, n",
    [
        # the whole, allocated to groups listed after it, sized or lettered
        ("Before surgery, 72 women were allocated at random to a cooling group (n = 36) or a control group (n = 36).", 72),
        ("Forty adults were randomised into an app group (AG = 20) or a booklet group (BG = 20).", 40),
        ("The trial ran from 2015 to 2017 on 58 adults assigned at random to Group A and Group B by sealed envelopes.", 58),
        ("Twenty-eight survivors were randomised to the walking group or usual care.", 28),
    ],
)
def test_the_whole_allocated_to_a_list_of_groups_stays_the_cohort(text: str, n: int) -> None:
    assert _n(text) == n


@pytest.mark.parametrize(
    "text, n",
    [
        # the whole stated as "the number of ... was N"
        ("The number of randomised adults was 318.", 318),
        ("The total number of women enrolled reached 1,050 by June.", 1050),
        ("The number of participants was 84, and 80 finished the programme.", 84),
        # "a hundred and twenty" is 120
        ("A hundred and twenty women were randomised.", 120),
        ("We enrolled a hundred and six survivors.", 106),
    ],
)
def test_the_number_of_people_and_a_hundred(text: str, n: int) -> None:
    assert _n(text) == n


@pytest.mark.parametrize(
    "text, n",
    [
        # other ways of saying "randomised" read as it: "randomly divided", "randomly distributed", "allocated randomly"
        ("Eighty adults were randomly divided between a gel and a spray.", 80),
        ("Of 150 women screened, 124 were randomly distributed to the two creams (62 each).", 124),
        ("Seventy patients were allocated randomly to laser or sham, and 66 completed the study.", 70),
        ("Ninety smokers were randomly divided and 86 received counselling (A, n = 43; B, n = 43).", 90),
        ("A total of 212 participants were divided at random into three arms.", 212),
    ],
)
def test_other_ways_of_saying_randomised(text: str, n: int) -> None:
    assert _n(text) == n


@pytest.mark.parametrize(
    "text, n",
    [
        # "took part" or "participated" as the count's own verb states the whole, as "were enrolled" does, and beats
        # a later count stated with an enrolment word; the count is not reported as enrolled
        ("Between 2001 and 2006, 118 men took part, and three were later found ineligible. Of the 59 men enrolled at "
         "the second site, 30 received drug A.", 118),
        ("Fifty-two adults with asthma (30 women; median age 44 years) took part, and 50 completed the diary.", 52),
        ("In phase II, 44 patients with relapsed myeloma took part and 41 were evaluable for response.", 44),
        ("Overall, 210 smokers participated; 104 were assigned counselling and 106 a leaflet.", 210),
        ("Of the 90 women screened, 64 took part and started the programme.", 64),
    ],
)
def test_took_part_states_the_whole(text: str, n: int) -> None:
    assert _n(text) == n


def test_took_part_is_not_reported_as_enrolled() -> None:
    cohort = extract_study(Article(pmid="t", sections=(Section("", "In all, 320 women took part, 160 in each arm."),))).cohort
    assert cohort.n == 320
    assert cohort.n_enrolled is None


@pytest.mark.parametrize(
    "text, n",
    [
        # a pooled analysis of several trials' patients reports on them; a review's count of the people it read does not
        ("We pooled individual patient data from four randomised trials including 3,012 patients.", 3012),
        ("In a combined analysis of two trials with 1,480 women, relapse was rarer with A.", 1480),
        ("Our systematic review found 15 trials including 2,900 patients.", None),
        # an age range after the people a study sentence names is not a list of arms
        ("Adults aged 18 to 70 years with chronic sinusitis (n = 248) were randomized to a spray or a rinse.", 248),
        # children and pupils as a trial's people
        ("Thirty classes were randomised, and 1,420 pupils took part.", 1420),
        ("We enrolled 212 preterm infants in the trial.", 212),
    ],
)
def test_pooled_trials_age_ranges_and_young_people(text: str, n: int | None) -> None:
    assert _n(text) == n


@pytest.mark.parametrize(
    "text, n",
    [
        # the size in a bracket right after the design names the trial's people
        ("Phone coaching was tested in a feasibility trial (n = 236) across three towns.", 236),
        ("A pilot study (n = 40) tested a home exercise video.", 40),
        ("This crossover trial (N = 28) compared two mouthwashes.", 28),
    ],
)
def test_a_size_after_the_design(text: str, n: int) -> None:
    assert _n(text) == n
