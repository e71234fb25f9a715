"""Per-arm values written right against their arm, in phrasings the comparison finder used to miss
(extractors/comparisons.py).

Every sentence here is invented; each test names the general phrasing it stands for.
"""

from __future__ import annotations

import pytest

from evidence.records import Article, Kind, Section, Study
from extractors.pipeline import extract_study

_DESIGN = "Women with inoperable disease were randomly assigned to vinorelbine (group A, n = 64) or eribulin (group B, n = 66). "


def _study(sentence: str, design: str = _DESIGN) -> Study:
    return extract_study(Article(pmid="v6", sections=(Section("", design + sentence),)))


def _per_arm(study: Study, kind: Kind = Kind.RATE) -> list[tuple[float | None, str | None]]:
    return sorted((f.value, f.arm) for f in study.findings if f.kind == kind and f.arm)


_A, _B = "vinorelbine (group A)", "eribulin (group B)"


# -- a label right before its value, with a count between -----------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Peripheral oedema was recorded in group A = 11 (17.2%), group B = 4 (6.1%).",
        "Peripheral oedema: group A, 11/64 (17.2%); group B, 4/66 (6.1%).",
        "Peripheral oedema (group A: 11 [17.2%]; group B: 4 [6.1%]) was mild.",
    ],
)
def test_a_label_then_a_count_then_its_share(sentence: str) -> None:
    assert _per_arm(_study(sentence)) == [(0.061, _B), (0.172, _A)]


# -- each value after its own label, in clauses a comparison joins ---------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Alopecia of group B 27.3% (18/66) was lower than group A 45.3% (29/64), P = 0.04.",
        "Alopecia in group A 45.3% (29/64) was more frequent than in group B 27.3% (18/66).",
        "The alopecia rate reached group A 45.3%, whereas in group B 27.3% (P = 0.04).",
    ],
)
def test_each_value_written_after_its_own_label(sentence: str) -> None:
    assert _per_arm(_study(sentence)) == [(0.273, _B), (0.453, _A)]


# -- a count of the arm's patients, then its share ------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Constipation was reported by 14 vinorelbine patients (21.9%) and 5 eribulin patients (7.6%).",
        "Fourteen vinorelbine patients (21.9%) and five eribulin patients (7.6%) reported constipation.",
    ],
)
def test_a_count_of_the_arms_patients_then_its_share(sentence: str) -> None:
    assert _per_arm(_study(sentence)) == [(0.076, "eribulin (group B)"), (0.219, "vinorelbine (group A)")]


# -- the arm right after a bracketed share, each clause with its own -------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Twelve of 64 patients (18.8%) treated with vinorelbine needed a dose delay, compared with 5 of 66 patients (7.6%) treated with eribulin.",
        "A dose delay was needed by 12 of 64 patients (18.8%) given vinorelbine, against 5 of 66 patients (7.6%) given eribulin.",
    ],
)
def test_a_share_then_the_treatment_its_patients_got(sentence: str) -> None:
    assert _per_arm(_study(sentence)) == [(0.076, "eribulin (group B)"), (0.188, "vinorelbine (group A)")]


def test_an_opening_arm_and_an_arm_after_the_other_value() -> None:
    study = _study("In the vinorelbine group, there were 6 line infections (9.4%) during treatment compared to 1 (1.5%) infection in the eribulin group.")
    assert _per_arm(study) == [(0.015, "eribulin (group B)"), (0.094, "vinorelbine (group A)")]


# -- "compared to X%" is a comparison, not the end of a range --------------------------------------------------------


def test_compared_to_a_value_is_not_a_range() -> None:
    study = _study("In the vinorelbine group, 92% of women finished the planned cycles, as compared to 71% in the eribulin group.")
    assert _per_arm(study) == [(0.71, "eribulin (group B)"), (0.92, "vinorelbine (group A)")]


def test_a_range_with_to_is_still_a_range() -> None:
    study = _study("Nail changes were seen in 12 to 18% of women in group A and in 20% of women in group B.")
    assert (0.12, _A) not in _per_arm(study)


# -- a median "not reached" set beside the other arm's time ----------------------------------------------------------


def _medians(study: Study) -> list[tuple[str, float | None, str | None, bool]]:
    return sorted(((f.measure.value, f.value if f.value is not None else -1.0, f.arm, f.not_reached) for f in study.findings
                   if f.kind == Kind.MEDIAN and f.arm), key=lambda t: (t[2] or "", t[1]))


@pytest.mark.parametrize(
    "sentence",
    [
        "Progression came later with vinorelbine (TTP: median not reached with vinorelbine v 10.5 months with eribulin; HR 0.70).",
        "Median time to treatment failure had not been reached with vinorelbine and was 10.5 months with eribulin.",
        "Median time to treatment failure was 10.5 months with eribulin and was not reached with vinorelbine.",
    ],
)
def test_a_median_not_reached_beside_the_other_arms_time(sentence: str) -> None:
    medians = _medians(_study(sentence))
    assert [(value, arm, nr) for _, value, arm, nr in medians] == [(10.5, _B, False), (-1.0, _A, True)]


def test_a_lone_not_reached_is_not_given_an_arm() -> None:
    assert _medians(_study("Median time to treatment failure was not reached in either group.")) == []


# -- medians printed with no unit, an interval between each and its arm (in a sentence with a cue: one with none is left alone) ----------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Median pain scores were 4 (IQR 2-6) in group A and 2 (IQR 1-3) in group B (difference 2; 95% CI 1-3).",
        "The median number of transfusions was 4 [2-6] in group A and 2 [1-3] in group B (HR for a first transfusion 1.9).",
    ],
)
def test_medians_with_no_unit_and_an_interval_before_the_arm(sentence: str) -> None:
    assert [(value, arm) for _, value, arm, _ in _medians(_study(sentence))] == [(2.0, _B), (4.0, _A)]


def test_a_median_age_is_not_an_outcome_of_the_arms() -> None:
    assert _medians(_study("Median age was 57 (range 31-80) in group A and 59 (range 35-79) in group B.")) == []


# -- a change listed with another: neither is a share of its arm's patients --------------------------------------------


def test_a_value_listed_after_a_change_is_a_change_too() -> None:
    study = _study("Serum CA 15-3 fell by 35% vs 12% in the vinorelbine and eribulin groups, respectively.")
    # (before, the comparison finder dropped the change and gave the value after it to the first arm alone)
    assert _per_arm(study) == [(0.12, _B), (0.35, _A)]


# -- three arms, two with the same value, each written against its label --------------------------------------------


def test_tied_values_each_with_its_own_label() -> None:
    design = "Postmenopausal women were allocated to letrozole (arm A, n = 70), anastrozole (arm B, n = 71) or exemestane (arm C, n = 69). "
    study = _study("Grade 2 or worse arthralgia was common (arm A, 44%; arm B, 58%; arm C, 58%).", design)
    assert _per_arm(study) == [(0.44, "letrozole (arm A)"), (0.58, "anastrozole (arm B)"), (0.58, "exemestane (arm C)")]


def test_the_whole_cohorts_value_then_each_arms_after_a_colon() -> None:
    study = _study("Skin toxicity was seen in 25 (19.2%) women: group A = 17 (26.6%), group B = 8 (12.1%).")
    assert _per_arm(study) == [(0.121, _B), (0.266, _A)]


# -- two lists in one sentence, each closed by its own "respectively" ------------------------------------------------


def test_two_lists_each_with_its_own_respectively() -> None:
    study = _study("The rate of grade 2 neuropathy was 18.4% and 5.1% in the vinorelbine and eribulin groups, respectively (P = 0.07), "
                   "and that in women with lobular tumours was 35.3% and 11.8% in the vinorelbine and eribulin groups, respectively.")
    assert [(v, a) for v, a in _per_arm(study)] == [(0.051, _B), (0.118, _B), (0.184, _A), (0.353, _A)]
