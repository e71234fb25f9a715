"""Arm sizes in broad phrasings of real trial reports (extractors/arms.py), session 10.

Every sentence is invented for the test.
"""

from __future__ import annotations

import pytest

from evidence.records import Article, Section
from extractors.pipeline import extract_study


def _study(text: str):
    return extract_study(Article(pmid="t", sections=(Section("", text),)))


def _arms(text: str) -> list[tuple[str, int | None]]:
    return [(a.label.lower(), a.n) for a in _study(text).arms]


def _sizes(text: str) -> set[int]:
    study = _study(text)
    return {n for a in study.arms for n in (a.n, a.n_analysed) if n is not None}


# -- one arm per sentence, each opened by its allocation ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Ninety-seven women were enrolled. Forty-eight patients in the standard-dose (SD) arm received six courses of FAC. "
         "Forty-nine patients were assigned to high-dose chemotherapy after six courses of FAC. Relapse-free survival did not differ.",
         [("standard-dose", 48), ("high-dose chemotherapy", 49)]),
        ("We enrolled 150 men with bladder cancer. Seventy-six patients were randomly allocated to gemcitabine instillations. "
         "Seventy-four patients were randomly allocated to mitomycin instillations. Recurrence was similar.",
         [("gemcitabine instillations", 76), ("mitomycin instillations", 74)]),
    ],
)
def test_one_allocation_per_sentence(text: str, expected: list[tuple[str, int]]) -> None:
    assert _arms(text) == expected


def test_an_abbreviation_before_with_names_the_allocated_arm() -> None:
    text = ("A trial of high-dose chemotherapy (HDC) in breast cancer. Eighty women were eligible. Forty-one patients in the control arm "
            "received four courses of EC. Thirty-nine patients were assigned to undergo HDC with carboplatin and thiotepa after four courses of EC.")
    assert _arms(text) == [("control", 41), ("high-dose chemotherapy (hdc)", 39)]


def test_of_those_allocated_a_schedule_count_stays_in_the_name() -> None:
    # "two" inside "the first two cycles" is part of the arm's schedule, not a count of groups
    text = ("Women at risk of febrile neutropenia were randomly assigned to pegfilgrastim throughout all cycles or in the first two cycles only. "
            "Of 90 patients randomly assigned to pegfilgrastim throughout all cycles, nine (10%) had febrile neutropenia. "
            "In contrast, of 88 patients randomly assigned to pegfilgrastim in the first two cycles only, 28 (32%) had febrile neutropenia.")
    assert {n for _, n in _arms(text)} == {90, 88}


def test_two_arms_in_one_allocation_sentence_are_not_split() -> None:
    text = "Breast cancer survivors were randomised. Sixty-five women were allocated to yoga and 63 to health education."
    assert _arms(text) == [("yoga", 65), ("health education", 63)]


# -- counts leading clauses joined by a semicolon, "underwent" in a later clause, the irradiated organ in a name --------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Partial versus whole breast irradiation after lumpectomy: a comparison. Seventy-four patients received partial breast irradiation; "
         "90 patients received whole breast irradiation. Local recurrence was rare.",
         [("partial breast irradiation", 74), ("whole breast irradiation", 90)]),
        ("Chemotherapy schedules in sarcoma were compared. In this cohort, 64 patients received doxorubicin alone, "
         "and 66 patients underwent doxorubicin plus ifosfamide. Survival was similar.",
         [("doxorubicin alone", 64), ("doxorubicin plus ifosfamide", 66)]),
    ],
)
def test_counted_clauses_after_a_semicolon_and_with_underwent(text: str, expected: list[tuple[str, int]]) -> None:
    assert _arms(text) == expected


# -- one group's size per sentence after "The A group comprised", and arms named before a passive "was given to N" -------


def test_one_group_per_sentence_with_its_people() -> None:
    text = ("Exercise during chemotherapy: a randomised trial. The exercise group comprised 118 women. The usual-care group comprised 112 women. "
            "Fatigue scores improved with exercise.")
    assert _arms(text) == [("exercise", 118), ("usual-care", 112)]


def test_a_group_with_events_is_not_one_arm_per_sentence() -> None:
    # "had 12 patients with ..." counts people with an event, not the group
    text = "Results of a randomised trial. The exercise group had 12 patients with lymphoedema. The usual-care group had 20 patients with lymphoedema."
    assert all(n not in (12, 20) for _, n in _arms(text))


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Two taxanes in metastatic breast cancer: a randomised trial. Docetaxel was given to 41 patients and paclitaxel to 39 patients.",
         [("docetaxel", 41), ("paclitaxel", 39)]),
        ("Iron in chemotherapy-induced anaemia: a randomised comparison. Intravenous iron was administered to 60 women, while oral iron was given to 58 women.",
         [("intravenous iron", 60), ("oral iron", 58)]),
        ("Adjuvant endocrine therapy: a randomised trial. A total of 230 women were randomised. Letrozole was given to 118 patients. "
         "Tamoxifen was given to 112 patients. Relapse was rare.", [("letrozole", 118), ("tamoxifen", 112)]),
    ],
)
def test_arms_named_before_was_given_to(text: str, expected: list[tuple[str, int]]) -> None:
    assert _arms(text) == expected


# -- "the A and B group" is one arm; its sizes fill an arm named "A plus B" -------------------------------------------


def test_a_group_named_by_two_drugs_joined_by_and() -> None:
    text = "Overall, 120 patients were assigned to the letrozole and zoledronic acid group and 118 to the letrozole group."
    assert _arms(text) == [("letrozole and zoledronic acid", 120), ("letrozole", 118)]


def test_first_denominators_of_an_arm_named_with_and_size_the_plus_arm() -> None:
    text = ("Palbociclib plus fulvestrant versus chemotherapy: a randomised phase 2 trial. "
            "At baseline, 40 (80%) of 50 patients in the palbociclib and fulvestrant group and 41 (79%) of 52 in the chemotherapy group had high-risk disease. "
            "At surgery, 20 of 47 patients in the palbociclib plus fulvestrant group and 22 of 49 in the chemotherapy group had a response.")
    assert _sizes(text) >= {50, 52}


# -- "We compared A (description; n = N) with B (M)": a bare bracketed count beside a sized arm -------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Adjuvant therapy: a randomised trial. We compared trastuzumab (given for 1 year; n=117) with observation (118) in women with HER2-positive disease.",
         [("trastuzumab", 117), ("observation", 118)]),
        ("Maintenance in lung cancer: a randomised trial. This study compared pemetrexed (given every 3 weeks until progression; n = 210) with placebo (105) after induction.",
         [("pemetrexed", 210), ("placebo", 105)]),
    ],
)
def test_compared_arm_sized_by_a_bare_bracket(text: str, expected: list[tuple[str, int]]) -> None:
    assert _arms(text) == expected


def test_a_schedule_word_joined_by_a_hyphen_names_an_arm() -> None:
    # "twice-weekly" names the third arm; "twice daily" alone is a dose, never an arm
    text = ("Three schedules in triple-negative breast cancer: a randomised phase II study. Patients were randomly assigned to paclitaxel (n = 47) "
            "alone or in combination with a PARP inhibitor, either once-weekly (OW) (n = 46) or twice-weekly (TW) (n = 48).")
    assert [n for _, n in _arms(text)] == [47, 46, 48]


# -- counts before "X-treated" names, "versus" between allocated counts, "A and B were given to N and M, respectively" ---


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Endocrine therapy: a randomised trial. The intention-to-treat population comprised 118 letrozole-treated and 112 tamoxifen-treated patients.",
         [("letrozole", 118), ("tamoxifen", 112)]),
        ("Bone health: a randomised trial. Among the 80 denosumab-treated patients and the 78 placebo-treated patients, fractures were rare.",
         [("denosumab", 80), ("placebo", 78)]),
        ("Ovarian cancer: a randomised trial. The trial randomized 150 patients to carboplatin versus 148 to cisplatin.",
         [("carboplatin", 150), ("cisplatin", 148)]),
        ("Hot flushes: a randomised trial. Venlafaxine and gabapentin were given to 66 and 64 women, respectively.",
         [("venlafaxine", 66), ("gabapentin", 64)]),
    ],
)
def test_more_ways_of_sizing_two_arms(text: str, expected: list[tuple[str, int]]) -> None:
    assert _arms(text) == expected


def test_a_choice_between_arms_still_shares_the_count() -> None:
    text = "Lung cancer: a randomised trial. In all, 240 patients were assigned to erlotinib or gefitinib by minimisation."
    assert all(n != 240 for _, n in _arms(text))


# -- results sentences: "in N patients receiving A", sizes in square brackets -------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Endocrine therapy: a randomised trial. Patients were randomized to letrozole or tamoxifen. "
         "The response rate was 45% in 118 patients receiving letrozole and 30% in 112 patients receiving tamoxifen.",
         [("letrozole", 118), ("tamoxifen", 112)]),
        ("Endocrine therapy: a randomised trial. We enrolled 230 patients [letrozole 118, tamoxifen 112] between 2005 and 2010.",
         [("letrozole", 118), ("tamoxifen", 112)]),
    ],
)
def test_sizes_in_results_sentences_and_square_brackets(text: str, expected: list[tuple[str, int]]) -> None:
    assert _arms(text) == expected


def test_sizes_after_a_group_label_and_a_colon() -> None:
    text = ("Endocrine therapy: a randomised trial. Patients were randomized to letrozole or tamoxifen. "
            "Letrozole group: n = 118; tamoxifen group: n = 112.")
    assert [n for _, n in _arms(text)] == [118, 112]


# -- a state reached before randomisation ("... and went on to randomisation") is no arm ---------------------------------


def test_counts_before_going_on_to_randomisation_are_not_arms() -> None:
    text = ("Maintenance lenalidomide versus observation after induction in myeloma: a randomised trial. "
            "Patients in remission after induction were allocated at random to lenalidomide or to observation. "
            "Of 410 patients who began induction, 250 were in remission after induction and went on to randomisation (125 per arm). "
            "Progression-free survival was longer with lenalidomide.")
    arms = _arms(text)
    assert all(n not in (410, 250) for _, n in arms)
    assert [n for _, n in arms] == [125, 125]


def test_sizes_in_the_arms_order_after_their_rates() -> None:
    text = ("Endocrine therapy: a randomised trial. Patients were randomized to letrozole or tamoxifen. "
            "Response rates were 45% and 30% in the 118 and 112 patients, respectively.")
    assert [n for _, n in _arms(text)] == [118, 112]


def test_people_with_an_event_respectively_are_no_sizes() -> None:
    text = ("Endocrine therapy: a randomised trial. Patients were randomized to letrozole or tamoxifen. "
            "Serious adverse events were reported in 22 and 30 patients, respectively.")
    assert all(n not in (22, 30) for _, n in _arms(text))
