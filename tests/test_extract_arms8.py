"""Arm sizes that generalise (extractors/arms.py, the arm sizes of extractors/pipeline.py), session 8:
sizes read from the counts over denominators printed beside per-arm percentages, and more.

Every sentence is invented for the test.
"""

from __future__ import annotations

import pytest

from evidence.records import Article, Section
from extractors.arms import denominator_sizes
from extractors.pipeline import extract_study


def _study(text: str):
    return extract_study(Article(pmid="t", sections=(Section("", text),)))


def _arms(text: str) -> list[tuple[str, int | None]]:
    return [(a.label.lower(), a.n) for a in _study(text).arms]


# -- sizes from the counts printed beside per-arm percentages -------------------------------------------------


@pytest.mark.parametrize(
    "result",
    [
        "The uptake rate with the reminder letter was 35.20% (1760/5000 women) compared with 30.10% (1505/5000) with the usual letter (p = 0.01).",
        "Uptake was 35.2% (1760 of 5000 women) with the reminder letter compared with 30.1% (1505 of 5000) with the usual letter.",
    ],
)
def test_counts_beside_percentages_size_arms_named_without_sizes(result: str) -> None:
    # a per-arm value of an outcome with no measure of its own (uptake): its count over a denominator sizes the arm
    text = ("A randomised trial of a reminder letter versus a usual letter for screening. "
            f"Women were randomised to a reminder letter or a usual letter. {result}")
    assert _arms(text) == [("reminder letter", 5000), ("usual letter", 5000)]


def test_a_count_that_disagrees_with_its_percentage_is_no_size() -> None:
    # 36 of 118 is 30.5%, not 41.0%: the fraction beside the percentage counts something else
    text = ("Vinflunine versus docetaxel in previously treated lung cancer: a randomised phase II trial. "
            "Patients were randomised to vinflunine or docetaxel. The response rate was 41.0% with vinflunine (36 of 118 had prior surgery) "
            "and 22.0% with docetaxel (26 of 118). Toxicity was similar.")
    assert [n for _, n in _arms(text)] == [None, None]


def test_a_size_repeated_across_results_beats_one_subgroups() -> None:
    text = "A: 10.0% (5/50), A: 20.0% (10/50), A: 25.0% (3/12)."
    at = [text.index("10.0%"), text.index("20.0%"), text.index("25.0%")]
    sizes = denominator_sizes(text, [("A", at[2], 0.25, None), ("A", at[0], 0.10, None), ("A", at[1], 0.20, None)])
    assert sizes["A"][0] == 50
    assert text[sizes["A"][1] : sizes["A"][2]] == "50"


def test_a_known_denominator_is_found_where_it_is_printed() -> None:
    text = "Nausea affected 14 of 61 women given ginger."
    sizes = denominator_sizes(text, [("ginger", text.index("14"), None, 61)])
    assert sizes == {"ginger": (61, text.index("61"), text.index("61") + 2)}


def test_an_arm_sized_elsewhere_keeps_its_size_and_the_other_takes_its_denominator() -> None:
    text = ("A randomised trial of text messages versus leaflets to support adherence to letrozole. "
            "Women were randomised to text messages (n = 84) or leaflets. "
            "Adherence at one year was 62.5% (50 of 80 women) with text messages compared with 45.0% (36 of 80) with leaflets.")
    assert _arms(text) == [("text messages", 84), ("leaflets", 80)]


# -- sizes in the arms' order, and bracketed splits whose sizes carry their shares -----------------------------


@pytest.mark.parametrize(
    "sizes",
    [
        "(44 and 46 women in the respective study arms)",
        "(44 and 46 in each respective group)",
    ],
)
def test_sizes_in_each_respective_group_follow_the_arms_order(sizes: str) -> None:
    text = ("Oral drug X or a dummy tablet, each added to letrozole, in advanced disease: a phase 2 randomised study. "
            "Women were randomised to drug X or placebo. "
            f"Of 120 women screened, 90 were randomised and treated {sizes}. Median survival was 9 months.")
    assert [n for _, n in _arms(text)] == [44, 46]


@pytest.mark.parametrize(
    "split",
    [
        "84 completed the trial (44 (52.4%) calcitriol and 40 (47.6%) placebo)",
        "84 completed the trial (44 [52.4%] calcitriol, 40 [47.6%] placebo)",
        "84 were analysed (calcitriol 44 (52.4%), placebo 40 (47.6%))",
    ],
)
def test_a_bracketed_split_whose_sizes_carry_their_shares(split: str) -> None:
    text = f"Calcitriol versus placebo for fatigue in lymphoma survivors: a randomised trial. Of 90 survivors randomised, {split}. Fatigue fell in both."
    assert _arms(text) == [("calcitriol", 44), ("placebo", 40)]


def test_shares_in_brackets_of_a_single_arm_study_make_no_arms() -> None:
    text = ("Weekly cisplatin with radiotherapy for cervical cancer: a phase II study. Sixty women were treated. "
            "Toxicity was mostly haematological (grade 3 in 12 (20%) and grade 4 in 3 (5%)).")
    assert _arms(text) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "The trial enrolled 80 women having radiotherapy, of whom 41 formed the yoga group and 39 formed the control group.",
        "Of the 80 women enrolled, 41 constituted the yoga group and 39 constituted the control group.",
        "Of the 80 women enrolled, 41 women were randomised to yoga and 39 served as the control group.",
    ],
)
def test_counts_that_form_a_group_size_it(sentence: str) -> None:
    text = f"Yoga for tiredness during breast radiotherapy: a randomised study. {sentence} Tiredness fell with yoga."
    assert _arms(text) == [("yoga", 41), ("control", 39)]


# -- second sizes: an analysed population, never a count of events ----------------------------------------------


def test_a_count_far_below_the_arms_size_is_no_second_size() -> None:
    text = ("Drug X or its reference product in early HER2-positive disease: a three-year extension study. "
            "In all, 350 patients entered the extension (drug X, n = 176; reference, n = 174). "
            "A fall in ejection fraction was rare (drug X, n = 2; reference, n = 3), and every patient recovered.")
    study = _study(text)
    assert [(a.n, a.n_analysed) for a in study.arms] == [(176, None), (174, None)]


def test_a_later_evaluable_population_is_a_second_size() -> None:
    text = ("Drug X or its reference product in early HER2-positive disease: a three-year extension study. "
            "In all, 350 patients entered the extension (drug X, n = 176; reference, n = 174). "
            "Cardiac function was evaluable in 150 and 149 patients, respectively.")
    study = _study(text)
    assert [(a.n, a.n_analysed) for a in study.arms] == [(176, 150), (174, 149)]


# -- counts of people with an event, split by arm, are no sizes -------------------------------------------------


@pytest.mark.parametrize(
    "events",
    [
        "Eleven women needed surgery (8 in the massage group [12.1%] and 3 in the bandage group [4.6%]).",
        "Of the 400 women at high risk, 2 in the bandage group and 9 in the massage group developed an infection.",
        "Eleven women needed surgery: 8 in the massage group (12.1%) and 3 in the bandage group (4.6%).",
    ],
)
def test_events_counted_by_arm_do_not_size_the_arms(events: str) -> None:
    text = ("Massage or bandaging for arm swelling after axillary surgery: a randomised trial. "
            f"Participants were allocated at random to massage or bandaging. {events} Swelling fell in both groups.")
    assert [n for _, n in _arms(text)] == [None, None]


def test_a_denominator_before_an_event_still_sizes_its_arm() -> None:
    text = ("Massage or bandaging for arm swelling after axillary surgery: a randomised trial. "
            "Participants were allocated at random to massage or bandaging. "
            "Nine of the 66 women in the massage group and 3 of the 65 women in the bandage group developed an infection.")
    assert sorted(n for _, n in _arms(text)) == [65, 66]


# -- the groups of a case-control study --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sizes",
    [
        "We recruited 412 cases and 398 controls from four hospitals.",
        "In all, 412 incident melanoma cases and 398 population controls took part.",
        "Cases (n = 412) came from the regional registry, and controls (n = 398) from the electoral roll.",
        "Cases came from the regional registry (n = 412). Controls were neighbours of the cases (n = 398).",
    ],
)
def test_a_case_control_study_sizes_its_cases_and_controls(sizes: str) -> None:
    text = ("Sunbed use and melanoma in young adults: a case-control study. We asked whether sunbed use raises the risk of melanoma. "
            f"{sizes} Sunbed use was associated with melanoma (odds ratio 1.8).")
    assert dict(_arms(text)) == {"cases": 412, "controls": 398}


def test_a_randomised_trial_with_sized_arms_gains_no_case_control_groups() -> None:
    text = ("A randomised trial of sunscreen advice. We randomised 300 adults to advice (n = 150) or a leaflet (n = 150). "
            "Skin cancer cases were few, and controls of sun exposure did not differ.")
    assert [n for _, n in _arms(text)] == [150, 150]
    assert "cases" not in dict(_arms(text))


# -- groups sized clause by clause, checked by their sum ----------------------------------------------------------


@pytest.mark.parametrize(
    "split",
    [
        "Forty patients received Vasoseal gel plus a drain, and 40 a drain alone.",
        "Forty patients received Vasoseal® gel plus a drain, and 40 a drain alone.",
        "Forty (50%) patients received Vasoseal gel plus a drain, while 40 (50%) had a drain alone.",
    ],
)
def test_counts_that_split_the_stated_total_size_the_groups(split: str) -> None:
    text = ("Sealant gel against wound fluid after groin dissection, a two-arm randomised study. "
            f"We took in eighty people due for groin dissection. {split} Fluid output fell with the gel.")
    sizes = [n for _, n in _arms(text)]
    assert sizes == [40, 40]
    assert "drain alone" in " ".join(label for label, _ in _arms(text))


def test_counts_that_do_not_split_the_total_make_no_groups() -> None:
    text = ("Sealant gel against wound fluid after groin dissection, a two-arm randomised study. "
            "We took in eighty people due for groin dissection. Forty (50%) patients received Vasoseal gel plus a drain, "
            "while 30 (38%) had a drain alone. Fluid output fell with the gel.")
    assert [n for _, n in _arms(text)] == []


# -- a sentence's total is not one of its arms ----------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "The study took 90 patients on chemotherapy after an operation, of whom 46 formed the walking group and 44 formed the control group.",
        "We studied 90 patients drawn from the trial, 46 in the walking arm and 44 in the control arm.",
    ],
)
def test_the_total_a_sentence_splits_is_not_an_arm(sentence: str) -> None:
    text = f"Walking during chemotherapy: a randomised trial. {sentence} Fatigue fell with walking."
    sizes = sorted(n for _, n in _arms(text))
    assert sizes == [44, 46]


def test_trial_names_holding_numbers_are_not_sized_arms() -> None:
    text = ("Final survival of a randomised phase 2 study of drug X plus fulvestrant versus fulvestrant alone (ORCA-2, NORTH-14). "
            "Women were randomised 1:1 to drug X plus fulvestrant or fulvestrant alone. A total of 150 women were randomised. "
            "Median survival was 30.1 and 27.4 months, respectively.")
    assert [n for _, n in _arms(text)] == [None, None]


# -- the arms' whole groups after a part of them ---------------------------------------------------------------


def test_later_larger_sizes_of_every_arm_are_the_randomised_groups() -> None:
    text = ("Drug X added to hormone therapy in a randomised trial of 300 women. "
            "A pathological response was seen in 20% (14/70) of women given drug X and in 11% (8/72) of women given placebo. "
            "More women stopped treatment early with drug X than with placebo (12/150 vs. 4/148).")
    arms = [(a.n, a.n_analysed) for a in _study(text).arms]
    assert arms == [(150, 70), (148, 72)]


def test_later_larger_sizes_adding_up_to_more_than_the_cohort_are_not_groups() -> None:
    # a crossover: each woman took both drugs, so the periods' counts add up to more than the women randomised
    text = ("Drug X added to hormone therapy in a randomised trial of 100 women. "
            "A pathological response was seen in 20% (10/50) of women given drug X and in 12% (6/50) of women given placebo. "
            "More women stopped treatment early with drug X than with placebo (12/97 vs. 4/95).")
    arms = [(a.n, a.n_analysed) for a in _study(text).arms]
    assert arms == [(50, None), (50, None)]
