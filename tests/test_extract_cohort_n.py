"""Cohort size (``cohort.n``): which printed count is the whole cohort, and when the text states none.

Every sentence here is invented for the test; each one stands for a way trial abstracts phrase
(or do not phrase) the number of participants.
"""

from __future__ import annotations

import pytest

from evidence.records import Article, Section
from extractors.cohort import choose_cohort, find_cohort
from extractors.hits import Hit
from extractors.lexicon import load_lexicon
from extractors.pipeline import extract_study


def _cohort(text: str):
    return extract_study(Article(pmid="t", sections=(Section("", text),))).cohort


@pytest.mark.parametrize(
    "text, n",
    [
        # a total and its split: the first number is the whole
        ("In all, 300 patients were randomised, 150 to surgery and 150 to radiotherapy.", 300),
        ("Two hundred patients were enrolled, with 101 assigned to docetaxel and 99 to paclitaxel.", 200),
        ("Seventy-three patients with sarcoma were treated between 2010 and 2020 with chemoradiotherapy.", 73),
        # "N of M people were enrolled / took part": N is the cohort, M the pool it came from
        ("Forty-one of the 57 eligible patients were enrolled between 2015 and 2018.", 41),
        ("Overall, 84 (61%) of 138 women approached took part in the trial.", 84),
        ("Of 420 women screened, 180 (43%) agreed to take part and were randomised.", 180),
        ("Recruitment closed after 36 of the planned 80 patients had been randomized.", 36),
        # number forms
        ("Women with node-positive disease (N\u2009=\u20091\u2009208) were randomly assigned to two schedules.", 1208),
        ("Participants were 12 406 postmenopausal women enrolled at 31 centres.", 12406),
        ("In this trial, 96 female (aged 35-70 years) patients with early breast cancer were randomised.", 96),
        ("Three hundred and ten previously untreated patients were accrued.", 310),
        ("The trial enrolled 1402 community-dwelling Medicare beneficiaries.", 1402),
        ("We recruited 88 Latinas with newly diagnosed breast cancer from community clinics.", 88),
        # people counted in pairs: the individuals
        ("The trial was conducted among 45 couples (n = 90) attending a survivorship clinic.", 90),
        # the population a study sentence names, when nothing else is stated
        ("We conducted a single-arm study among women with metastatic breast cancer (n = 64).", 64),
        ("Patients with HER2-positive early breast cancer (n = 3,222) were randomized to one or two years of therapy.", 3222),
        ("Survivors (aged 40-70 years; n = 180) were recruited from two clinics.", 180),
        # bounds are not counts
        ("Centres could enter up to 20 consecutive patients each, and data from 412 patients were analysed.", 412),
        # analysable patients as the whole
        ("Sixty-one patients were allocated to A and 66 to B. Out of 127 analysable patients, 58% responded.", 127),
        # a subgroup introduced by "Among the N who relapsed" is not the cohort
        ("We enrolled 120 patients. Among the 35 patients who relapsed, 20 received salvage surgery.", 120),
        # a planned size never beats the number actually randomised
        ("We planned to recruit 240 women, but accrual stopped after 97 women had been randomised.", 97),
        # "Of N enrolled people, ..." after a run-in heading with no colon: N is the whole
        ("Results Of 214 randomised women, 101 who took the drug and 96 who took placebo were assessed.", 214),
        ("Findings Out of 530 enrolled patients, 260 received A and 251 received B.", 530),
        # "N people randomised to a group (n = a) or another (n = b)": the total before its split
        ("Ninety-one survivors were randomized to an exercise group (n = 46) or a waitlist group (n = 45).", 91),
        ("We enrolled 64 women assigned to the yoga group (n = 33) or the control group (n = 31).", 64),
        # "a + b patients": addends are arms, the pool stated before them is the whole
        ("Of 304 eligible women, 152 + 152 women were randomised to the two arms.", 304),
        # a thousands comma is a count, never a year
        ("Results Of 2,010 patients, 480 had node-positive disease.", 2010),
        ("We analysed the first 1,998 women enrolled in the screening trial.", 1998),
        # "divided into X (group 1) and Y (group 2)": the split of the number before it
        ("Forty-six women were divided into either a yoga class (group 1) or a waiting list (group 2).", 46),
        ("Thirty patients were assigned to massage (arm A) or rest (arm B).", 30),
        # "Overall, N patients (x%) had an event" is a share, not the whole
        ("From 2015 to 2019, 212 patients were included. Overall, 40 patients (18.9%) had a grade 3 event.", 212),
        # a capital N after other bracketed words: "(RCT; N = 140)", "(phase II, N = 60)"
        ("A two-arm pilot trial (RCT; N\u2009=\u2009140) compared a mobile app with usual care.", 140),
        ("A phase II study (single centre, N = 62) tested the combination.", 62),
        # enrolment as a noun: "after inclusion of N", "recruitment of N", "randomisation of N"
        ("After inclusion of 145 eligible women, the safety board stopped the trial. Of 70 women assigned to A, 9 relapsed.", 145),
        ("Accrual of 318 patients was completed in 2016.", 318),
        # "N people who developed X were randomised": the sentence's verb makes it the cohort
        ("Forty patients who developed hand-foot syndrome during capecitabine were randomised to cream or placebo.", 40),
        # a study "of N people" is the cohort, unlike a review's "N studies of M people"
        ("This trial of 310 women compared drug A with placebo.", 310),
        # no-break spaces read as spaces
        ("In total, 1\u00a0208 women were randomly\u00a0assigned to two schedules.", 1208),
        # a subsample interviewed is not the cohort
        ("The trial aims to recruit 420 women. We will interview a subsample of 25 participants.", 420),
        # a year-like number right before people and an enrolment verb is a count, unless a preposition makes it a year
        ("Between June 2, 2009, and May 30, 2013, 2016 women were randomised at 71 centres.", 2016),
        ("In 2012 patients were recruited from two centres and 340 were randomised.", 340),
        # family doctors as the trial's participants
        ("General practitioners in two regions (n = 640) were randomised to read one of two case vignettes.", 640),
        ("We surveyed 412 GPs, randomised to one of four vignettes.", 412),
    ],
)
def test_the_whole_cohort_is_read(text: str, n: int) -> None:
    assert _cohort(text).n == n


@pytest.mark.parametrize(
    "text",
    [
        # one arm's size, with no stated total (the sum would be computed, not printed)
        "A total of 212 women were randomly assigned to letrozole and 208 to anastrozole.",
        "Twenty-nine and 31 patients went to the usual-care and the training groups.",
        "Sixty patients were enrolled in the exercise group and 58 patients in the usual care group.",
        "Forty patients using tamoxifen and 52 patients using exemestane completed the tests.",
        "One group consisted of 30 patients receiving A; the other group consisted of 31 patients receiving B.",
        "Intervention dyads (n = 40) completed the programme. Control dyads (n = 38) received usual care.",
        "The control group of 61 patients was matched by age.",
        # counts inside one group or subgroup
        "Two patients in the placebo arm withdrew because of skin toxicity.",
        "In the control group, 14 patients stopped treatment early.",
        "In the letrozole arm, 40 of 52 patients completed treatment, compared with 33 of 50 patients in the placebo arm.",
        "At six months, 23 (31%) participants reported lymphoedema.",
        "Nausea occurred in 38.5% (15 patients) of the placebo group.",
        "There were 210 cases and 420 controls in the nested analysis.",
        "In 52 women given the supplement the index fell by 12%, whereas in 50 women given placebo it fell by 3%.",
        # not counts of people at all
        "We compared two dosing schedules for patients with bone metastases.",
        "Eight patient-derived xenograft models were exposed to the drug.",
        "Women in the intervention group attended three sessions of a group psychological programme.",
        "We review 12 previously reported cases of this rare tumour.",
        # one or two people are an aside, not a trial's cohort
        "Scans were scored by two radiologists blinded to allocation.",
        "Outcome data were available for all but two participants.",
        "Readers compared two patient booklets with different content.",
        "In an earlier study, 2 patients with liver metastases had long responses.",
        # a factorial design's "2 x 2" is not a count of people
        "In a 2 x 2 factorial design, women were randomly assigned to drug A or drug B and to short or long schedules.",
        # the second of two counts sharing one noun is one group's
        "Responses were seen in 36% and 34% of 144 and 139 evaluable patients.",
        # the people of a review's studies, pooled, are not a cohort
        "Fifteen studies encompassing 1520 survivors taking hormone therapy were identified.",
        "A total of 11 randomised controlled trials involving 4,312 patients met the criteria for this meta-analysis.",
        "Eight trials with a total of 2,104 women reported the outcome.",
    ],
)
def test_no_total_is_stated(text: str) -> None:
    assert _cohort(text).n is None


def test_a_single_sex_cohort_described_with_the_is_the_cohort() -> None:
    cohort = _cohort("The 54 participants were female, with a median age of 51 years.")
    assert cohort.n == 54 and cohort.n_female is None


def test_agreeing_to_randomisation_is_enrolment() -> None:
    cohort = _cohort("Of 160 patients approached, 151 (94%) agreed to randomisation, 76 to peripheral and 75 to central access.")
    assert cohort.n == 151 and cohort.n_enrolled == 151


def test_the_arm_split_is_marked_as_parts() -> None:
    text = "A total of 318 women were randomly allocated to XP and 322 to docetaxel."
    hits = [h for h in find_cohort(text, [(0, len(text))], load_lexicon()) if h.label == "count"]
    assert [(text[h.start : h.end], h.payload["part"]) for h in hits] == [("318", True)]


def _count(value: int, start: int, **payload: object) -> Hit:
    base = {"value": value, "role": "other", "total": False, "order": start, "title": False, "explicit": False, "part": False}
    return Hit("cohort", "count", start, start + 3, {**base, **payload})


def test_an_arm_size_is_not_the_cohort_unless_stated_as_the_whole() -> None:
    arm = _count(120, 0)
    assert "n" not in choose_cohort([arm], arm_sizes=(120, 118))
    stated = _count(120, 0, total=True)  # "we enrolled 120 patients" when the arms extractor gives one arm 120 too
    assert choose_cohort([stated], arm_sizes=(120, 118))["n"] is stated
    whole = _count(238, 10)
    assert choose_cohort([arm, whole], arm_sizes=(120, 118))["n"] is whole  # the sum is printed in the text


def test_parts_and_weak_counts_in_the_choice() -> None:
    part = _count(60, 0, part=True, role="enrolled", total=True)
    weak = _count(64, 10, weak=True)
    chosen = choose_cohort([part, weak])
    assert chosen["n"] is weak and "n_enrolled" not in chosen
    strong = _count(70, 20)
    assert choose_cohort([weak, strong])["n"] is strong


def test_design_labels_and_paired_counts_fill_no_cohort_field() -> None:
    factorial = _cohort("In a 2 x 2 factorial design, women were randomly assigned to drug A or drug B and to short or long schedules.")
    assert (factorial.n, factorial.n_enrolled) == (None, None)
    paired = _cohort("Overall, 300 women were randomised. Responses were seen in 36% and 34% of 144 and 139 evaluable patients.")
    assert (paired.n, paired.n_evaluable) == (300, None)


def test_a_count_hyphenated_to_its_people_noun() -> None:
    # "Sixty-patients", "a 36-patient trial": the hyphen joins the count to the noun
    def n(text: str) -> int | None:
        return extract_study(Article(pmid="h", title="", sections=(Section("", text),))).cohort.n

    assert n("Sixty-patients with sarcoma were enrolled and treated with doxorubicin.") == 60
    assert n("We report a 36-patient phase II trial of weekly paclitaxel.") == 36
    assert n("Patients aged 40-70 years were eligible; 52 women were randomised.") == 52
