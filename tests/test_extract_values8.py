"""Per-arm rates bound to their arms in the ways trial reports write them (extractors/comparisons.py, arm_values.py):
a whole-cohort share before a colon and the arms' shares after it, each arm's count and name before its share.

Every sentence here is invented; each test names the general phrasing it stands for.
"""

from __future__ import annotations

import pytest

from evidence.records import Article, Kind, Section, Study
from extractors.numbers import is_signed_at
from extractors.pipeline import extract_study

_DESIGN = "In total, 240 patients were allocated at random to erlotinib (n = 120) or best supportive care (n = 120). "


def _study(sentence: str, design: str = _DESIGN) -> Study:
    return extract_study(Article(pmid="v8", sections=(Section("", design + sentence),)))


def _per_arm(study: Study, kind: Kind = Kind.RATE) -> list[tuple[float | None, str | None]]:
    return sorted((f.value, f.arm) for f in study.findings if f.kind == kind and f.arm)


# -- a whole-cohort share, a colon, then each arm's count, arm and share -------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Of these, 30 developed a skin rash (13%): 21 in the erlotinib group (18%) and nine in the best supportive care group (8%).",
        "A skin rash was seen in 30 patients (13%): 21 (18%) in the erlotinib arm and 9 (8%) in the best supportive care arm.",
        "Thirty patients had a skin rash (13%): 21 with erlotinib (18%) and nine with best supportive care (8%).",
        "Skin rash occurred in 30 patients overall (13%): 21 in the erlotinib group [18%] and 9 in the best supportive care group [8%].",
    ],
)
def test_the_arms_shares_after_a_colon_are_not_blocked_by_the_total(sentence: str) -> None:
    assert _per_arm(_study(sentence)) == [(0.08, "best supportive care"), (0.18, "erlotinib")]


@pytest.mark.parametrize(
    "sentence",
    [
        "Skin rash was reported by 21 in the erlotinib group (18%) and nine in the best supportive care group (8%).",
        "Grade 2 diarrhoea affected 21 with erlotinib [18%] and 9 with best supportive care [8%].",
        "Treatment was delayed in 21 in the erlotinib group (18%), compared with 9 in the best supportive care group (8%).",
    ],
)
def test_each_arm_is_named_between_its_count_and_its_share(sentence: str) -> None:
    assert _per_arm(_study(sentence)) == [(0.08, "best supportive care"), (0.18, "erlotinib")]


def test_a_total_before_a_colon_is_given_to_no_arm() -> None:
    study = _study("Of these, 30 developed a skin rash (13%): 21 in the erlotinib group (18%) and nine in the best supportive care group (8%).")
    assert 0.13 not in [value for value, _ in _per_arm(study)]


# -- each arm named right after its value: "in the group given A", "of A users" ---------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Local relapse at five years differed (8 percent in the group given erlotinib and 3 percent in the group given best supportive care, P<0.001).",
        "At one year, 8% in the arm receiving erlotinib and 3% in the arm receiving best supportive care had a relapse.",
        "Dry eyes were reported by 8% of erlotinib users and 3% of best supportive care users (p=0.02).",
    ],
)
def test_the_arm_named_after_each_value_through_a_group_word_or_users(sentence: str) -> None:
    assert _per_arm(_study(sentence)) == [(0.03, "best supportive care"), (0.08, "erlotinib")]


# -- each arm named as its people, before the value's bracket, in a comparison -------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "More erlotinib patients (8%) stopped early than best supportive care patients (3%, P = .009).",
        "Fewer best supportive care patients (3%) than erlotinib patients (8%) needed a transfusion.",
    ],
)
def test_the_arm_named_as_its_people_before_the_share(sentence: str) -> None:
    assert _per_arm(_study(sentence)) == [(0.03, "best supportive care"), (0.08, "erlotinib")]


# -- several values per arm, each run closed by its own arm ------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Skin toxicity rates were 12 and 16% at 1 and 2 years in the erlotinib arm and 7 and 9% in the best supportive care arm.",
        "Relapse occurred in 12% and 16% of cases by years 1 and 2 with erlotinib and 7% and 9% with best supportive care.",
    ],
)
def test_each_run_of_values_goes_to_the_arm_that_closes_it(sentence: str) -> None:
    assert _per_arm(_study(sentence)) == [(0.07, "best supportive care"), (0.09, "best supportive care"), (0.12, "erlotinib"), (0.16, "erlotinib")]


# -- a sentence or clause that opens with an arm: its values are that arm's ---------------------------------------------


def test_an_opening_arm_named_as_its_people_owns_every_value_of_the_sentence() -> None:
    study = _study("In erlotinib patients, the rash rate was 3.5% and the acne rate was 12.5%.")
    assert _per_arm(study) == [(0.035, "erlotinib"), (0.125, "erlotinib")]


@pytest.mark.parametrize(
    "sentence",
    [
        "In the erlotinib group, cough went away in 6 patients (5%), eased in 48 (40%) and was unchanged in 66 (55%); while in the best "
        "supportive care group, it went away in none, eased in 30 (25%) and was unchanged in 90 (75%).",
        "Among patients given erlotinib, cough went away in 6 (5%) and eased in 48 (40%); in the best supportive care group, it eased "
        "in 30 (25%) and worsened in 12 (10%).",
    ],
)
def test_each_clause_opened_by_an_arm_owns_its_values(sentence: str) -> None:
    got = _per_arm(_study(sentence))
    assert (0.05, "erlotinib") in got and (0.40, "erlotinib") in got and (0.25, "best supportive care") in got
    assert not any(arm == "erlotinib" and value in (0.25, 0.75, 0.10) for value, arm in got)
    assert not any(arm == "best supportive care" and value in (0.05, 0.40, 0.55) for value, arm in got)


# -- what is no share of an arm's patients: signed changes, spreads, changes by, changes as the subject, design figures --


@pytest.mark.parametrize(
    ("text", "at", "signed"),
    [("(+21.5% vs. -10.5%)", 2, True), ("(+21.5% vs. -10.5%)", 13, True), ("(+ 21.5% vs. + 3.5%)", 3, True), ("40.1 ± 16.5%", 7, True),
     ("10-20%", 3, False), ("10 - 20%", 5, False), ("was 20%", 4, False), ("(-5%)", 2, True)],
)
def test_a_signed_number_is_told_from_a_range_end(text: str, at: int, signed: bool) -> None:
    assert is_signed_at(text, at) is signed


@pytest.mark.parametrize(
    "sentence",
    [
        "Compared with best supportive care, patients given erlotinib had larger rises in serum zinc (+21.5% vs. -10.5%; P = .01).",
        "Fibre intake rose in the erlotinib group but not in the best supportive care group (+ 21.5% vs. + 3.5%, P < 0.001).",
        "The rise in the serum marker at 6 months was smaller in the erlotinib group than in the best supportive care group (40.1 ± 16.5% vs. 98.2 ± 21.5%, p < 0.05).",
        "Median reduction in cough score was 47% for erlotinib and 52% for best supportive care (ns).",
        "The arms did not differ in percent changes of the Ki67 index (2.5% with erlotinib vs. 15.5% with best supportive care, p = 0.25).",
        "Erlotinib lowered glucose and the insulin index by 16% and 12%, while best supportive care raised both (+11% and +15%).",
        "Its non-inferiority margin for the trial was set at a relapse rate of 6.5% in the erlotinib group.",
        "Sample size assumed a type I error of 5% with erlotinib and 90% power against best supportive care.",
    ],
)
def test_changes_spreads_and_design_figures_are_no_per_arm_rates(sentence: str) -> None:
    assert _per_arm(_study(sentence)) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Positive margins were found in 8% of the erlotinib group and 3% of the best supportive care group.",
        "Haemoglobin responses (an increase of 2 g/dL or more) were similar (8% for erlotinib and 3% for best supportive care).",
        "Grade 3 rash was reported in 8% with erlotinib versus 3% with best supportive care.",
    ],
)
def test_shares_near_change_or_margin_words_are_still_read(sentence: str) -> None:
    assert _per_arm(_study(sentence)) == [(0.03, "best supportive care"), (0.08, "erlotinib")]


# -- values with their own intervals, then their arms in order and "respectively" ----------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Rash rates were 3% (95% CI, 1.2 to 6.5) and 8% (95% CI, 4.1 to 12.2) in the best supportive care and erlotinib arms, respectively.",
        "Dry skin affected 3% [95% CI 1-6] and 8% [95% CI 4-12] of the best supportive care and erlotinib groups, respectively.",
    ],
)
def test_values_with_intervals_take_the_arms_listed_after_them_in_order(sentence: str) -> None:
    assert _per_arm(_study(sentence)) == [(0.03, "best supportive care"), (0.08, "erlotinib")]


# -- counts printed as "n = x/N (p%)", an arm right after a share's count, runs of two joined by "versus" ---------------


def test_shares_after_n_equals_counts_are_one_comparison() -> None:
    study = _study("Grade 2 rash was commoner with erlotinib (n = 36/120 (30%) versus n = 12/120 (10%); p = 0.02).")
    assert _per_arm(study) == [(0.10, "best supportive care"), (0.30, "erlotinib")]


@pytest.mark.parametrize(
    "sentence",
    [
        "In the erlotinib group 40% (48/120) reported less cough after 6 weeks compared to 45% (54/120) in the best supportive care group.",
        "Forty-eight patients (40%) of the erlotinib group had no cough at week 6 while it was 45% (54 patients) in the best supportive care group.",
    ],
)
def test_an_arm_right_after_a_shares_count_is_its_own_even_after_an_opening_arm(sentence: str) -> None:
    assert _per_arm(_study(sentence)) == [(0.40, "erlotinib"), (0.45, "best supportive care")]


@pytest.mark.parametrize(
    "sentence",
    [
        "More patients in the erlotinib group had dry skin at 6 and 12 months than in the best supportive care group "
        "(62.5% and 55% versus 12.5% and 7.5%, respectively; P < .001).",
        "Compared with the best supportive care group, the erlotinib group had more dry skin at 6 and 12 months (62.5% and 55% vs. 12.5% and 7.5%).",
    ],
)
def test_two_runs_joined_by_versus_follow_the_arms_named_before(sentence: str) -> None:
    got = _per_arm(_study(sentence))
    assert got == [(0.075, "best supportive care"), (0.125, "best supportive care"), (0.55, "erlotinib"), (0.625, "erlotinib")]


def test_a_share_a_treatment_was_given_to_is_no_range_end() -> None:
    study = _study("Prior chemotherapy had been given to 37 % (erlotinib) and 36 % (best supportive care) of patients.")
    assert _per_arm(study) == [(0.36, "best supportive care"), (0.37, "erlotinib")]


# -- a list of values the sentence's one arm closes ------------------------------------------------------------------------


def test_a_list_closed_by_the_one_arm_named_is_that_arms() -> None:
    study = _study("Fatigue was noted in 62.5% of cases, rash in 55% of cases and diarrhoea in 12.5% of cases among the erlotinib group.")
    assert _per_arm(study) == [(0.125, "erlotinib"), (0.55, "erlotinib"), (0.625, "erlotinib")]


@pytest.mark.parametrize(
    "sentence",
    [
        "Overall, 62.5% of patients had a rash, with 55% in the erlotinib group.",
        "A rash was seen in 62.5% of patients, including 55% of those in the erlotinib group.",
    ],
)
def test_a_whole_cohort_value_before_the_arms_own_is_not_the_arms(sentence: str) -> None:
    assert (0.625, "erlotinib") not in _per_arm(_study(sentence))


def test_an_opening_arm_after_in_comparison_owns_the_sentences_values() -> None:
    text = ("In comparison, in the best supportive care group, dry skin of grade 3, 2 and 1 was seen in 3 (2.5%), 9 (7.5%) "
            "and 15 patients (12.5%), respectively.")
    got = _per_arm(_study(text))
    assert got == [(0.025, "best supportive care"), (0.075, "best supportive care"), (0.125, "best supportive care")]
