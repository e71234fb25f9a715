"""Per-arm rates in phrasings of real trial reports that the comparison finder used to miss or misattribute
(extractors/comparisons.py, extractors/attribution.py).

Every sentence here is invented; each test names the general phrasing it stands for.
"""

from __future__ import annotations

import pytest

from evidence.records import Article, Kind, Section, Study
from extractors.pipeline import extract_study

_DESIGN = "Women with resected breast cancer were randomly assigned to anastrozole (n = 310) or exemestane (n = 305). "


def _study(sentence: str, design: str = _DESIGN) -> Study:
    return extract_study(Article(pmid="r10", sections=(Section("", design + sentence),)))


def _rates(study: Study) -> list[tuple[float | None, str | None]]:
    return sorted((f.value, f.arm) for f in study.findings if f.kind == Kind.RATE and f.arm)


# -- a count and its share in a bracket right after each arm --------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        # "in the B group (n/N, x%), people given A (m/M, y%)": each arm opens its own bracket
        "Compared with the women in the exemestane group (120/305, 39.3%), those who received anastrozole (98/310, 31.6%) reported less joint pain.",
        "Relative to the exemestane group (120/305, 39.3%), patients who received anastrozole (98/310, 31.6%) needed analgesics less often.",
    ],
)
def test_each_arm_opens_the_bracket_of_its_own_count_and_share(sentence: str) -> None:
    assert _rates(_study(sentence)) == [(0.316, "anastrozole"), (0.393, "exemestane")]


def test_a_lone_share_in_the_bracket_after_its_arm() -> None:
    # "in the B group (n/N, x%)": the count and share stand right after the arm, apart from the other arm's value
    sentence = ("Fatigue was reported by the readers in the exemestane group (120/305, 39.3%), and by the study nurses "
                "for anastrozole (98/310, 31.6%).")
    assert (0.393, "exemestane") in _rates(_study(sentence))


# -- "baseline" in the words of a change, not a baseline comparison -------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        # the outcome defined as a change from baseline, in an aside
        "Symptom responses (a drop of 2 points or more from baseline) were alike in the two arms (64% for anastrozole and 58% for exemestane).",
        # a state at baseline that then changed
        "Pain scores at baseline improved by week 12 in 64% of patients receiving anastrozole and 58% receiving exemestane (P = .21).",
    ],
)
def test_a_change_from_baseline_is_an_outcome(sentence: str) -> None:
    assert _rates(_study(sentence)) == [(0.58, "exemestane"), (0.64, "anastrozole")]


@pytest.mark.parametrize(
    "sentence",
    [
        "At baseline, 64% of patients receiving anastrozole and 58% receiving exemestane had node-negative disease.",
        "Estradiol fell more with anastrozole (to 11.2% and 9.9% of baseline values, respectively) than with exemestane (33.1% and 29.7%).",
    ],
)
def test_a_baseline_share_or_a_level_relative_to_baseline_is_still_skipped(sentence: str) -> None:
    assert _rates(_study(sentence)) == []


# -- the whole cohort's share, then each arm's in a bracket ---------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Overall adherence was 61.0% [anastrozole (63.4%) versus exemestane (58.5%); HR 0.97, P = 0.6].",
        "Hot flushes affected 61.0% of the women (anastrozole: 63.4%, exemestane: 58.5%).",
    ],
)
def test_a_whole_cohort_share_before_the_bracket_that_splits_it(sentence: str) -> None:
    assert _rates(_study(sentence)) == [(0.585, "exemestane"), (0.634, "anastrozole")]


# -- an arm labelled with generic words only, named by one of them and "group" -----------------------------------------


def test_a_generic_arm_named_by_its_first_word_and_group() -> None:
    design = "After induction, 231 patients were randomly assigned to maintenance chemotherapy (n = 116) or observation (n = 115). "
    sentence = "Grade 3 or higher anaemia was commoner in the maintenance group than in the observation group (21% v 0.9%, respectively; P < .001)."
    assert _rates(_study(sentence, design)) == [(0.009, "observation"), (0.21, "maintenance chemotherapy")]


def test_an_ampersand_joins_a_list_of_one_arms_values() -> None:
    # "(x%, y% & z%)": "&" links the last value as "and" does
    sentence = ("Rash, nausea and oedema were seen with anastrozole in few women. "
                "They were higher than those among the exemestane group (41.2%, 22.5% & 6.3%).")
    assert (0.063, "exemestane") in _rates(_study(sentence))


def test_people_of_each_arm_with_a_count_and_share_in_a_nested_bracket() -> None:
    # "More A participants (n of N [x%]; CI) than B participants (m of M [y%]; CI)"
    sentence = ("More anastrozole participants (39 of 70 [56%]; 95% CI, 44.1 to 66.8) than exemestane participants "
                "(32 of 80 [40%]; 95% CI, 30.0 to 51.0) kept to the schedule (P = .03).")
    assert _rates(_study(sentence)) == [(0.4, "exemestane"), (0.56, "anastrozole")]


def test_a_pair_compared_by_versus_is_not_one_arms_list_for_a_loose_respectively() -> None:
    # one arm named before "(x% [CI] vs y% [CI])", "respectively" closing the sentence for another pairing
    sentence = ("Significantly more patients in the anastrozole group reported no fatigue (39.6% [95% CI, 35.3%-44.1%] vs 30.7% "
                "[95% CI, 26.8%-34.7%]; P = .01) and no pain (87.1% vs 78.0%; P < .001) at the first and second visits respectively.")
    assert (0.307, "exemestane") in _rates(_study(sentence))


# -- values that are no arm's share ----------------------------------------------------------------------------------


def test_cut_offs_are_not_rates() -> None:
    sentence = "At cut-offs of 1% and 10%, respectively, Ki-67 positivity was higher with anastrozole (75% and 72%) than with exemestane (68% and 66%)."
    values = {value for value, _ in _rates(_study(sentence))}
    assert not values & {0.01, 0.1}


def test_the_grade_before_a_share_is_not_a_value() -> None:
    # "(any grade, 75%; grade 3 or 4, 59%)": the "4" names the grade
    sentence = "The commonest event in the anastrozole arm was arthralgia (any grade, 75%; grade 3 or 4, 59%)."
    assert 0.04 not in {value for value, _ in _rates(_study(sentence))}


def test_a_count_and_share_with_its_interval_out_of_each_arms_patients() -> None:
    # "n (x%; 95% CI a-b) of N patients in the A group and m (y%; c-d) of M patients in the B group"
    sentence = ("At surgery, 23 (46.9%; 95% CI 32.5-61.7) of 49 patients in the anastrozole group and 24 (46.1%; 32.9-61.5) "
                "of 52 patients in the exemestane group were node negative.")
    assert _rates(_study(sentence)) == [(0.461, "exemestane"), (0.469, "anastrozole")]


# -- two runs of values, each closed by its arm ----------------------------------------------------------------------


def test_runs_of_bare_numbers_sharing_a_percent_sign_each_closed_by_its_arm() -> None:
    # "13 and 15%, respectively, in patients allocated to <words> A and 8 and 9% in patients allocated to <words> B"
    design = "Patients were randomized to preservation (n = 125) or removal (n = 122) of the axillary fat pad. "
    sentence = ("Wound infection rates at 1 and at 3 months were 13 and 15%, respectively, in patients allocated to axillary fat "
                "preservation and 8 and 9% in patients allocated to axillary fat removal.")
    assert _rates(_study(sentence, design)) == [(0.08, "removal"), (0.09, "removal"), (0.13, "preservation"), (0.15, "preservation")]


def test_a_bracket_holding_both_arms_values_after_the_second_arm() -> None:
    # "more X in the A than in the B group (n = 12, 30% vs. n = 5, 12%)": the bracket is not the B group's alone
    sentence = "There were more hot flushes in the anastrozole than in the exemestane group (n = 12, 30% vs. n = 5, 12%)."
    assert _rates(_study(sentence)) == [(0.12, "exemestane"), (0.3, "anastrozole")]


def test_a_word_joined_to_each_arms_name() -> None:
    # "x% of the A-treated and y% of the B-treated patients"
    sentence = "Hot flushes were reported in 30% of the anastrozole-treated and 12% of the exemestane-treated patients."
    assert _rates(_study(sentence)) == [(0.12, "exemestane"), (0.3, "anastrozole")]


# -- one arm's share per sentence ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # a comparison split over two sentences, each naming its arm
        "Hot flushes occurred in 30% of anastrozole patients. The corresponding figure for exemestane was 12%.",
        "Hot flushes were reported by 30% of patients receiving anastrozole. Among those receiving exemestane, the rate was 12%.",
    ],
)
def test_a_comparison_split_over_two_sentences(text: str) -> None:
    assert _rates(_study(text)) == [(0.12, "exemestane"), (0.3, "anastrozole")]


# -- runs of one value per arm, the arms named once after them ("respectively") -------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Hot flushes and arthralgia occurred in 30% and 12%, and 20% and 11%, of the anastrozole and exemestane groups, respectively.",
        "Hot flushes and arthralgia were 30% vs. 12% (p = 0.01) and 20% vs. 11% (p = 0.04), anastrozole vs. exemestane, respectively.",
    ],
)
def test_pairs_of_values_with_the_arms_named_once_after_them(sentence: str) -> None:
    assert _rates(_study(sentence)) == [(0.11, "exemestane"), (0.12, "exemestane"), (0.2, "anastrozole"), (0.3, "anastrozole")]


def test_an_elliptic_arm_letter_after_versus() -> None:
    design = "Patients were randomised to sentinel node biopsy alone (group A) or with axillary sampling (group B). "
    sentence = "Sensitivity and accuracy were 73.7% vs. 90.0% (p = 0.23) and 90.9% vs. 94.7% (p = 0.49), group A vs. B, respectively."
    labels = {value: arm for value, arm in _rates(_study(sentence, design))}
    assert labels[0.737] != labels[0.9] and labels[0.737] == labels[0.909] and labels[0.9] == labels[0.947]


def test_a_threshold_between_two_counts_out_of_each_arms_total() -> None:
    # "n (x%) of the N women who started with A <did something> of 90% or more, compared to m (y%) of the M who started with B"
    sentence = ("Twelve (80%) of the 15 women who started with anastrozole filled in the diary on 90% or more of days, "
                "compared to 4 (31%) of the 13 who started with exemestane (p < 0.01).")
    assert _rates(_study(sentence)) == [(0.31, "exemestane"), (0.8, "anastrozole")]
