"""Per-arm rates and medians in phrasings real trial reports use (extractors/outcomes.py, comparisons.py,
arm_values.py, numbers.py): p-values with mis-encoded signs, lists of per-arm values, medians with no unit.

Every sentence here is invented; each test names the general phrasing it stands for.
"""

from __future__ import annotations

import pytest

from evidence.records import Article, Kind, Section, Study
from extractors.numbers import P_RE, p_from_match
from extractors.pipeline import extract_study

_DESIGN = "In total, 240 women were allocated at random to gefitinib (n = 120) or docetaxel (n = 120). "


def _study(sentence: str, design: str = _DESIGN) -> Study:
    return extract_study(Article(pmid="v7", sections=(Section("", design + sentence),)))


def _per_arm(study: Study, kind: Kind = Kind.RATE) -> list[tuple[float | None, str | None]]:
    return sorted((f.value, f.arm) for f in study.findings if f.kind == kind and f.arm)


# -- p-values whose sign was mis-encoded as an angle quotation mark ----------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [("p‹0·0001", ("<", 0.0001)), ("P › 0.2", (">", 0.2)), ("p‹.05", ("<", 0.05))])
def test_an_angle_quote_stands_for_a_less_or_greater_sign(text: str, expected: tuple[str, float]) -> None:
    m = P_RE.search(text)
    assert m is not None and p_from_match(m) == expected


def test_a_p_value_with_an_angle_quote_is_kept_with_its_values() -> None:
    study = _study("The response rate was 41% with gefitinib versus 27% with docetaxel (p‹0·0001).")
    rates = [f for f in study.findings if f.kind == Kind.RATE and f.arm]
    assert sorted((f.value, f.arm) for f in rates) == [(0.27, "docetaxel"), (0.41, "gefitinib")]
    assert {(f.p_relation, f.p) for f in rates if f.p is not None} == {("<", 0.0001)}


# -- one arm named as the subject, two values joined by "versus" and a vacuous "respectively" -------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Gefitinib also let more women keep working (23% versus 13%, respectively).",
        "Women in the gefitinib group were more often free of pain at 3 months (23% vs. 13%, respectively; P = .04).",
        "With gefitinib, fewer women stopped treatment early (23% v 13%, respectively).",
        "The gefitinib arm also had a larger share of women back at work by 6 months (23% versus 13%, respectively; P‹0·01).",
    ],
)
def test_the_subject_arm_against_the_other_arm_with_respectively(sentence: str) -> None:
    assert _per_arm(_study(sentence)) == [(0.13, "docetaxel"), (0.23, "gefitinib")]


@pytest.mark.parametrize(
    "sentence",
    [
        "Work was resumed more often than in the docetaxel arm (61% v 9%, respectively).",
        "Compared with docetaxel, rash was more common (30% vs 20%, respectively).",
    ],
)
def test_a_reference_arm_alone_does_not_give_the_values_arms(sentence: str) -> None:
    assert _per_arm(_study(sentence)) == []


def test_two_values_of_one_arm_with_respectively_stay_that_arms() -> None:
    study = _study("In the gefitinib arm, the rates of rash and diarrhoea were 30% and 20%, respectively.")
    assert _per_arm(study) == [(0.2, "gefitinib"), (0.3, "gefitinib")]


# -- a named measure given per arm in several runs, each run in the order the arms were listed ------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Objective responses with gefitinib and docetaxel were seen in 41.5% and 30.4% of women, respectively, by imaging, "
        "and in 52.0% and 44.2%, respectively, by palpation.",
        "Response rates for gefitinib and docetaxel were 41.5% and 30.4% by imaging and 52.0% and 44.2% by palpation, respectively.",
    ],
)
def test_runs_of_a_named_measure_follow_the_listed_arms(sentence: str) -> None:
    study = _study(sentence)
    assert _per_arm(study) == [(0.304, "docetaxel"), (0.415, "gefitinib"), (0.442, "docetaxel"), (0.52, "gefitinib")]
    assert all(f.measure.value == "ORR" for f in study.findings if f.kind == Kind.RATE and f.arm)


def test_runs_with_an_arm_named_among_the_values_are_left_to_the_arm_rules() -> None:
    study = _study("Response rates were 41.5% with gefitinib and 30.4% with docetaxel at 3 months, respectively.")
    assert _per_arm(study) == [(0.304, "docetaxel"), (0.415, "gefitinib")]


# -- a named measure: the arm the clause names as its subject, then two values joined by "versus" ---------------------


@pytest.mark.parametrize(
    ("sentence", "kind", "expected"),
    [
        ("Median overall survival was a little longer in the gefitinib arm (27.5 v 22.1 months, respectively).", Kind.MEDIAN,
         [(22.1, "docetaxel"), (27.5, "gefitinib")]),
        ("Gefitinib raised the rate of objective responses (38% versus 24%, P = .02).", Kind.RATE, [(0.24, "docetaxel"), (0.38, "gefitinib")]),
        ("Women in the gefitinib arm had a higher response rate (41% vs 27%).", Kind.RATE, [(0.27, "docetaxel"), (0.41, "gefitinib")]),
    ],
)
def test_a_subject_arm_then_two_values_of_a_named_measure(sentence: str, kind: Kind, expected: list) -> None:
    assert _per_arm(_study(sentence), kind) == expected


def test_with_three_arms_the_other_side_of_a_subject_arm_is_not_guessed() -> None:
    design = "Overall, 360 women were allocated to gefitinib (n = 120), docetaxel (n = 120) or capecitabine (n = 120). "
    study = _study("Gefitinib raised the rate of objective responses (38% versus 24%, P = .02).", design)
    assert _per_arm(study) == [(0.38, "gefitinib")]


# -- a level reached ("rose to 51%") is a value, not the end of a range -------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Uptake of screening increased to 47% in the gefitinib group compared with 19% in the docetaxel group.",
        "Adherence dropped to 47% in the gefitinib group and to 19% in the docetaxel group.",
    ],
)
def test_a_level_reached_is_a_value(sentence: str) -> None:
    assert _per_arm(_study(sentence)) == [(0.19, "docetaxel"), (0.47, "gefitinib")]


def test_a_range_written_with_to_is_still_skipped() -> None:
    study = _study("Rates ranged from 12 to 47% in the gefitinib group and 9 to 19% in the docetaxel group.")
    assert _per_arm(study) == []


# -- each value followed by its own arm: the arm named right after it wins over the order of the arms -----------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Mucositis occurred in 30 (25.0%) women with gefitinib versus 11 (9.2%) women with docetaxel.",
        "Mucositis occurred in 25.0% of women with gefitinib versus 9.2% of women with docetaxel.",
        "Mucositis was seen in 30 (25.0%) of 120 women in the gefitinib group and 11 (9.2%) of 120 in the docetaxel group.",
        "Mucositis was seen in 30 [25.0%] of 120 in the gefitinib group and 11 [9.2%] of 120 in the docetaxel group.",
    ],
)
def test_each_value_takes_the_arm_named_right_after_it(sentence: str) -> None:
    assert _per_arm(_study(sentence)) == [(0.092, "docetaxel"), (0.25, "gefitinib")]


def test_the_arm_after_the_value_when_the_arms_come_in_the_other_order() -> None:
    study = _study("Mucositis occurred in 9.2% of women with docetaxel versus 25.0% of women with gefitinib.")
    assert _per_arm(study) == [(0.092, "docetaxel"), (0.25, "gefitinib")]


# -- a list of adverse events opened by its arm and "were" --------------------------------------------------------------


def test_a_list_of_events_opened_by_its_arm_and_were() -> None:
    study = _study("Frequent toxicities with gefitinib were acne (41%) and loose stools (27%); with docetaxel, "
                   "neutropenia (58%) and hair loss (47%).")
    assert _per_arm(study) == [(0.27, "gefitinib"), (0.41, "gefitinib"), (0.47, "docetaxel"), (0.58, "docetaxel")]


# -- a named measure: each value followed by its arm's size and allocation ----------------------------------------------


def test_a_named_rate_followed_by_the_arms_size_and_allocation() -> None:
    study = _study("The estimated three-year survival rates were 77 percent among the 120 women assigned to gefitinib "
                   "and 69 percent among the 120 assigned to docetaxel.")
    assert _per_arm(study) == [(0.69, "docetaxel"), (0.77, "gefitinib")]


def test_a_named_median_followed_by_the_arms_size_and_allocation() -> None:
    study = _study("Median overall survival was 15.3 months among the 120 women assigned to receive gefitinib and "
                   "12.2 months among the 120 assigned to receive docetaxel.")
    assert _per_arm(study, Kind.MEDIAN) == [(12.2, "docetaxel"), (15.3, "gefitinib")]
