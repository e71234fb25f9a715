"""Arm sizes in phrasings trial abstracts use (extractors/arms.py): one size for every arm, a count shared by
a choice of arms, three arms sized in one sentence, sizes stated across sentences.

Every sentence is invented for the test.
"""

from __future__ import annotations

import pytest

from evidence.records import Article, Section
from extractors.pipeline import extract_study


def _arms(text: str) -> list[tuple[str, int | None]]:
    study = extract_study(Article(pmid="t", sections=(Section("", text),)))
    return [(a.label, a.n) for a in study.arms]


def _cohort_n(text: str) -> int | None:
    return extract_study(Article(pmid="t", sections=(Section("", text),))).cohort.n


@pytest.mark.parametrize(
    "text, sizes",
    [
        ("Women with early breast cancer were randomised to letrozole or anastrozole (n = 65 each).", [65, 65]),
        ("Patients were randomised to exercise or usual care; 40 patients were allocated to each group.", [40, 40]),
        ("Survivors were randomly assigned to yoga or a waiting list (36 women per arm).", [36, 36]),
        ("Eighty women were randomised to lidocaine or saline, forming two groups of 40 patients each.", [40, 40]),
        ("Patients were assigned to early or delayed feeding (25 each).", [25, 25]),
    ],
)
def test_one_size_for_every_arm(text: str, sizes: list[int]) -> None:
    assert [n for _, n in _arms(text)] == sizes


def test_a_size_per_arm_is_not_the_cohort() -> None:
    assert _cohort_n("Patients were randomised to exercise or usual care; 40 patients were allocated to each group.") is None


def test_per_arm_needs_a_group_word_or_a_bracket() -> None:
    # "up to 16 patients each" is a bound of a design, and "12 cycles each" counts no people
    arms = _arms("Patients were randomised to surgery or radiotherapy; centres could enter up to 16 patients each.")
    assert all(n is None for _, n in arms)


@pytest.mark.parametrize(
    "text, arms",
    [
        ("A total of 130 women were randomly assigned to letrozole or anastrozole, 65 per arm.", [("letrozole", 65), ("anastrozole", 65)]),
        ("In all, 212 patients were allocated to docetaxel or paclitaxel (106 each).", [("docetaxel", 106), ("paclitaxel", 106)]),
    ],
)
def test_a_count_assigned_to_a_choice_is_the_whole_not_an_arm(text: str, arms: list[tuple[str, int]]) -> None:
    assert _arms(text) == arms


def test_a_count_assigned_to_a_choice_is_never_one_arm_size() -> None:
    arms = _arms("Overall, 240 patients were randomised to capecitabine or observation.")
    assert all(n != 240 for _, n in arms)


@pytest.mark.parametrize(
    "text, arms",
    [
        (
            "Eligible women were randomized to acupuncture (n = 45), sham acupuncture (n = 44) or usual care (UC) (n = 43).",
            [("acupuncture", 45), ("sham acupuncture", 44), ("usual care", 43)],
        ),
        (
            "Patients were assigned to high-dose (n = 30), low-dose (n = 31), or standard care (SC) (n = 29).",
            [("high-dose", 30), ("low-dose", 31), ("standard care", 29)],
        ),
    ],
)
def test_three_arms_sized_in_one_sentence(text: str, arms: list[tuple[str, int]]) -> None:
    assert _arms(text) == arms


@pytest.mark.parametrize(
    "text, arms",
    [
        # one arm per sentence, each allocated with its size
        (
            "Patients were randomized to receive docetaxel (n = 120). The others were randomized to paclitaxel (n = 118).",
            [("docetaxel", 120), ("paclitaxel", 118)],
        ),
        # the arms named first, their sizes only as denominators of a sentence with no arm word
        (
            "Patients were randomly assigned to zoledronic acid or denosumab. Fractures occurred in 24 of 120 patients given "
            "zoledronic acid and 18 of 121 patients given denosumab.",
            [("zoledronic acid", 120), ("denosumab", 121)],
        ),
        (
            "Women were randomised to ginger or placebo. Nausea was reported by 20% (12/60) with ginger and 35% (21/61) with placebo.",
            [("ginger", 60), ("placebo", 61)],
        ),
        # "... in the A arm (n = 61)": the arm is what the group word names, not the clause before it
        (
            "Women were randomized into intervention or control arms. Scores improved in the intervention arm (n = 61) but not in the control arm (n = 59).",
            [("intervention", 61), ("control", 59)],
        ),
        # a superscript flattened into brackets inside the bracket that sizes the arm
        (
            "Patients were randomised to docetaxel (75 mg/m(2); n = 30) or paclitaxel (175 mg/m(2); n = 31).",
            [("docetaxel", 30), ("paclitaxel", 31)],
        ),
    ],
)
def test_sizes_read_across_sentences_and_brackets(text: str, arms: list[tuple[str, int]]) -> None:
    assert _arms(text) == arms


def test_denominators_alone_never_make_arms_of_their_own() -> None:
    # two recruitment rates are not two arms: with no arm named anywhere, no arm is reported
    text = "Two feasibility studies were run. Uptake was 9% (26/290) in the first study and 7% (12/170) in the second study."
    assert _arms(text) == []


@pytest.mark.parametrize(
    "text, arms",
    [
        # a split listed after "randomised into two groups:", each part with its share
        (
            "Women were randomized into two groups: 40 (50.0%) in the massage group and 40 (50.0%) in the control group.",
            [("massage", 40), ("control", 40)],
        ),
        # sizes joined by "+" in the order of the arms
        (
            "Of 130 eligible patients, 64 + 66 patients were randomised to the exercise group or the control group.",
            [("exercise", 64), ("control", 66)],
        ),
        # arms named with an article, one size for each
        ("The study had a control group and an intervention group; each group had 28 patients.", [("control", 28), ("intervention", 28)]),
        # "(n = 30 dyads)": any counted unit after the size
        (
            "Patients were randomised to a massage group (n = 30 dyads) or a control group (n = 28 dyads).",
            [("massage", 30), ("control", 28)],
        ),
        # denominators after the group and its rate, and after a name compared with "than"
        (
            "Patients were randomised to ginger or placebo. Nausea in the ginger group was 12% (6/50) compared with 20% (10/49) in the placebo group.",
            [("ginger", 50), ("placebo", 49)],
        ),
        (
            "Patients were randomised to ginger or placebo. Nausea was less frequent with ginger (6 of 50, 12%) than placebo (10 of 49, 20%).",
            [("ginger", 50), ("placebo", 49)],
        ),
    ],
)
def test_more_ways_of_sizing_arms(text: str, arms: list[tuple[str, int]]) -> None:
    assert _arms(text) == arms


def test_events_with_shares_after_a_split_are_not_sizes() -> None:
    # "N (x%) in the A group" without a verb that allocates counts events
    arms = _arms("Patients were randomised to A-plus or B-plus. Relapse occurred in 12 (10%) in the A-plus group and 20 (17%) in the B-plus group.")
    assert all(n not in (12, 20) for _, n in arms)


@pytest.mark.parametrize(
    "text, arms",
    [
        # one arm per sentence, named by a number
        (
            "Women were randomly allocated to two groups. Group 1 (n = 30) received acupuncture. Group 2 (n = 28) received sham acupuncture.",
            [30, 28],
        ),
        # doses name the arms of a dose comparison
        ("A total of 60 women completed the study: 30 women received 2 mg/day, and 30 women received 4 mg/day.", [30, 30]),
        # one arm per sentence, sized by its allocation
        (
            "Of 120 patients randomly assigned to T-DM1, 30 had grade 3 events. Of 118 patients randomly assigned to trastuzumab, 20 had grade 3 events.",
            [120, 118],
        ),
        # abbreviated arms sized in a bracket after "recruited"
        ("Three hundred patients were recruited (CTX 150, RT 148) between 2001 and 2005.", [150, 148]),
    ],
)
def test_arms_sized_one_per_sentence_or_by_dose(text: str, arms: list[int]) -> None:
    assert [n for _, n in _arms(text)] == arms


def test_numbered_studies_are_not_arms() -> None:
    assert _arms("Recruitment was 9% (26/290) in Study-1 and 7% (12/170) in Study-2.") == []


def test_people_with_an_event_are_not_an_arm() -> None:
    text = ("Women were randomised to melatonin or placebo every night (n = 65 each). "
            "Morning drowsiness was reported by 9 women taking melatonin and 7 taking placebo.")
    assert _arms(text) == [("melatonin", 65), ("placebo", 65)]


def test_a_schedule_word_opening_an_arm_name_stays_in_it() -> None:
    text = ("Women were randomized to receive weekly docetaxel 35 mg/m(2) (n = 62). "
            "The other women were randomized to weekly paclitaxel 80 mg/m(2) (n = 60).")
    assert _arms(text) == [("weekly docetaxel", 62), ("weekly paclitaxel", 60)]


@pytest.mark.parametrize(
    "text, arms",
    [
        # a drug and its dose name each arm inside the bracket that sizes it
        ("Patients were randomized (letrozole 2.5 mg, n = 30; letrozole 5 mg, n = 31).", [("letrozole 2.5 mg", 30), ("letrozole 5 mg", 31)]),
        # arms sharing a name are told apart by the code printed after each
        (
            "Ninety patients were randomized to receive EC-T (3W) (n = 45) or EC-T (2W) (n = 45) before surgery.",
            [("EC-T (3W)", 45), ("EC-T (2W)", 45)],
        ),
    ],
)
def test_arms_told_apart_by_dose_or_code(text: str, arms: list[tuple[str, int]]) -> None:
    assert _arms(text) == arms


def test_a_demonstrative_is_not_an_arm_name() -> None:
    sizes = [n for _, n in _arms("In this cohort (n = 240) 120 patients received tamoxifen with goserelin, 120 patients received tamoxifen alone.")]
    assert sizes == [120, 120]


def test_denominators_after_the_arm_people_were_allocated_to() -> None:
    text = ("Women were randomised to ginger or placebo. Of the women randomized to ginger, 12 (20%) of 60 reported nausea, "
            "compared with 18 (30%) of 61 patients who received placebo.")
    assert _arms(text) == [("ginger", 60), ("placebo", 61)]
