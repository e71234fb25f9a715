"""Outcome values on phrasings the blind2 abstracts showed the extractor missed (extractors/outcomes.py and
friends): numbered end points, a response sentence with a second category, medians not reached per arm,
subgroup medians, non-inferiority margins and wound complications with a definition clause.  Every sentence
here is invented for the test."""

from __future__ import annotations

import pytest

from extractors.attribution import mention_patterns
from extractors.lexicon import load_lexicon
from extractors.outcomes import find_outcomes


def _findings(sentence: str, labels: tuple[str, ...] = ()) -> list[dict]:
    """Every outcome payload the extractor reads in one sentence."""
    hits = find_outcomes(sentence, [(0, len(sentence))], load_lexicon(), mention_patterns(list(labels), sentence))
    return [h.payload for h in hits]


def _triples(sentence: str, labels: tuple[str, ...] = ()) -> set[tuple]:
    """(measure, kind, value, arm) of every finding."""
    return {(p["measure"], p["kind"], p["value"], p["arm"]) for p in _findings(sentence, labels)}


# -- numbered end points: PFS1 is PFS, PFS2 is another measure ------------------------------------


@pytest.mark.parametrize(
    "sentence, labels, expected",
    [
        (
            "Median PFS1 reached 11.2 months with the doublet and 7.9 months with the single agent.",
            ("doublet", "single agent"),
            {("PFS", "median", 11.2, "doublet"), ("PFS", "median", 7.9, "single agent")},
        ),
        (
            "Median EFS1 was 20.5 months with pembrolizumab versus 15.0 months with placebo.",
            ("pembrolizumab", "placebo"),
            {("EFS", "median", 20.5, "pembrolizumab"), ("EFS", "median", 15.0, "placebo")},
        ),
    ],
)
def test_first_numbered_end_point_is_the_measure(sentence: str, labels: tuple[str, ...], expected: set) -> None:
    assert _triples(sentence, labels) == expected


@pytest.mark.parametrize(
    "sentence, labels",
    [
        ("Median PFS2 was 24.6 versus 19.3 months with niraparib and placebo.", ("niraparib", "placebo")),
        ("The second progression (PFS2) was reached at a median of 30.2 months overall.", ()),
        ("Median OS2 from the start of second-line therapy was 9.4 months.", ()),
    ],
)
def test_later_numbered_end_point_is_not_the_measure(sentence: str, labels: tuple[str, ...]) -> None:
    assert not [p for p in _findings(sentence, labels) if p["measure"] in ("PFS", "OS") and p["kind"] == "median"]


def test_numbered_end_point_in_a_list_keeps_the_other_values_apart() -> None:
    sentence = "Median PFS and PFS2 were 8.3 and 17.7 months, respectively."
    assert _triples(sentence) == {("PFS", "median", 8.3, None)}


def test_hazard_ratio_for_a_numbered_end_point() -> None:
    sentence = "The hazard ratio for PFS1 was 0.61 (95% CI 0.47-0.80; P<0.001)."
    found = [(p["measure"], p["value"], tuple(p["ci"])) for p in _findings(sentence) if p["kind"] == "hr"]
    assert found == [("PFS", 0.61, (0.47, 0.8))]


# -- a response sentence with a second category --------------------------------------------------


@pytest.mark.parametrize(
    "sentence, expected",
    [
        (
            "A pCR was documented for 9/36 women (25.0%), and a further 7 (19.4%) had only microscopic residual tumour.",
            {("pCR", "rate", 0.25, None)},
        ),
        (
            "A pCR was recorded in 14/52 (26.9%) patients and a minimal residual burden in another 6/52 (11.5%).",
            {("pCR", "rate", 0.269, None)},
        ),
        (
            "At surgery, 11/35 (31%) had a pCR and an additional 5 (14%) showed near-complete regression.",
            {("pCR", "rate", 0.31, None)},
        ),
    ],
)
def test_response_keeps_its_own_value_beside_a_further_category(sentence: str, expected: set) -> None:
    assert {t for t in _triples(sentence) if t[1] == "rate"} == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        (
            "Overall response was 58.3% (35/60), including 8 complete (13.3%) and 27 partial responses (45.0%).",
            {("ORR", 0.583), ("CR", 0.133), ("PR", 0.45)},
        ),
        (
            "The ORR reached 47% (21/45), comprising 4 complete (9%) and 17 partial responses (38%).",
            {("ORR", 0.47), ("CR", 0.09), ("PR", 0.38)},
        ),
    ],
)
def test_complete_and_partial_listed_inside_the_overall_response(sentence: str, expected: set) -> None:
    assert {(p["measure"], p["value"]) for p in _findings(sentence) if p["kind"] == "rate"} == expected


def test_two_subgroup_rates_of_one_response_stay_unread() -> None:
    assert not _findings("The pCR rate was 41% in triple-negative and 12% in luminal tumours.")


# -- medians not reached, per arm ------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence, labels, expected",
    [
        (
            "Median event-free survival was not reached in either group (HR 0.71).",
            ("nivolumab", "observation"),
            {("EFS", "median", None, "nivolumab"), ("EFS", "median", None, "observation")},
        ),
        (
            "Median OS had not been reached in any of the three arms.",
            ("low dose", "high dose", "control"),
            {("OS", "median", None, "low dose"), ("OS", "median", None, "high dose"), ("OS", "median", None, "control")},
        ),
        (
            "Overall survival data remain immature: the median was not reached with letrozole and was 41.7 months with tamoxifen.",
            ("letrozole", "tamoxifen"),
            {("OS", "median", None, "letrozole"), ("OS", "median", 41.7, "tamoxifen")},
        ),
        (
            "For disease-free survival, the medians were 50.2 months with the triplet and 38.9 months with the doublet.",
            ("triplet", "doublet"),
            {("DFS", "median", 50.2, "triplet"), ("DFS", "median", 38.9, "doublet")},
        ),
    ],
)
def test_medians_not_reached_per_arm(sentence: str, labels: tuple[str, ...], expected: set) -> None:
    assert {t for t in _triples(sentence, labels) if t[1] == "median"} == expected


def test_median_not_reached_without_arms_stays_one_value() -> None:
    assert {t for t in _triples("Median OS was not reached in either subgroup.") if t[1] == "median"} == {("OS", "median", None, None)}


def test_median_follow_up_after_a_measure_is_not_its_median() -> None:
    found = _triples("OS was alike in the arms; the median follow-up lasted 31 months.", ("A", "B"))
    assert not [t for t in found if t[0] == "OS" and t[1] == "median"]


# -- subgroup values are not the arms' values ------------------------------------------------------


@pytest.mark.parametrize(
    "sentence, labels",
    [
        ("In KRAS wild-type tumours, median OS was 29.9 months with cetuximab and 24.1 months with bevacizumab.", ("cetuximab", "bevacizumab")),
        ("Among women carrying a BRCA2 variant, median PFS came to 19.4 versus 6.2 months with the inhibitor and placebo.", ("inhibitor", "placebo")),
        ("For the high-risk subgroup, 3-year DFS was 71% with capecitabine and 58% with observation.", ("capecitabine", "observation")),
        ("Within the HER2-positive subset, the pCR rate reached 52%, 61% and 70% in arms A, B and C.", ("A", "B", "C")),
    ],
)
def test_subgroup_values_are_not_arm_values(sentence: str, labels: tuple[str, ...]) -> None:
    assert not [t for t in _triples(sentence, labels) if t[1] in ("median", "rate")]


@pytest.mark.parametrize(
    "sentence, labels, expected",
    [
        (
            "For all randomised patients, median OS was 20.3 months with cetuximab and 16.8 months with bevacizumab.",
            ("cetuximab", "bevacizumab"),
            {("OS", "median", 20.3, "cetuximab"), ("OS", "median", 16.8, "bevacizumab")},
        ),
        (
            "In the capecitabine group, 3-year DFS was 81%.",
            ("capecitabine", "observation"),
            {("DFS", "rate", 0.81, "capecitabine")},
        ),
    ],
)
def test_a_population_or_arm_opening_is_not_a_subgroup(sentence: str, labels: tuple[str, ...], expected: set) -> None:
    assert {t for t in _triples(sentence, labels) if t[1] in ("median", "rate")} == expected


# -- a non-inferiority margin is not a hazard ratio -------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Equivalence would be concluded if the DFS hazard ratio had an upper 90% limit that lay below 1.25.",
        "Non-inferiority required that the HR for OS not exceed 1.18 at its upper confidence bound.",
        "We set a margin for the hazard ratio of PFS at 1.33.",
        "Assuming a hazard ratio for EFS of 0.70, 420 patients were needed.",
    ],
)
def test_margin_is_not_a_hazard_ratio(sentence: str) -> None:
    assert not [p for p in _findings(sentence) if p["kind"] == "hr"]


def test_hazard_ratio_beside_its_margin_is_kept() -> None:
    sentence = "The hazard ratio for DFS was 0.92 (95% CI 0.78-1.09), within the margin of 1.25."
    assert [(p["measure"], p["value"]) for p in _findings(sentence) if p["kind"] == "hr"] == [("DFS", 0.92)]


# -- wound complications with a definition clause between subject and verb -------------------------

from extractors.wound import find_wound_complications  # noqa: E402


def _wound(sentence: str) -> list[tuple]:
    return [(h.payload["value"], h.payload["count"]) for h in find_wound_complications(sentence, [(0, len(sentence))], lambda: [])]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        (
            "Major wound complications, defined as any needing reoperation, readmission or packing for over four weeks, arose in nine patients (14%).",
            [(0.14, 9)],
        ),
        (
            "Wound healing problems (defined by the need for debridement, drainage or repeat surgery) were seen in 5/48 patients (10.4%).",
            [(0.104, 5)],
        ),
        (
            "Major wound complications, classified according to the Canadian criteria, occurred in eleven of 70 patients (15.7%).",
            [(0.157, 11)],
        ),
    ],
)
def test_wound_rate_after_a_definition_clause(sentence: str, expected: list) -> None:
    assert _wound(sentence) == expected


def test_wound_rate_then_another_outcome_stays_apart() -> None:
    assert _wound("Wound complications, defined as reopening of the incision, were absent; local recurrence occurred in 3 patients (5%).") == []


# -- a "modified" regimen named by its short form ---------------------------------------------------


def test_modified_regimen_is_named_by_its_m_form() -> None:
    sentence = "Two-year OS reached 61.0% with mFOLFOX6 and 48.5% with S-1 alone."
    found = {(p["measure"], p["value"], p["arm"]) for p in _findings(sentence, ("modified FOLFOX6", "S-1 alone")) if p["kind"] == "rate"}
    assert found == {("OS", 0.61, "modified FOLFOX6"), ("OS", 0.485, "S-1 alone")}


def test_m_form_is_an_arm_mention() -> None:
    from extractors.attribution import arm_spans_in

    sentence = "Grade 3 diarrhoea was commoner with mFOLFIRINOX than with gemcitabine."
    labels = ["modified FOLFIRINOX", "gemcitabine"]
    named = {(sentence[a:b], label) for a, b, label in arm_spans_in(sentence, mention_patterns(labels, sentence))}
    assert ("mFOLFIRINOX", "modified FOLFIRINOX") in named
