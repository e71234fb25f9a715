"""Outcome phrasings of real trial abstracts that the outcome finder (extractors/outcomes.py) reads.

Every sentence here is invented; each test names the general phrasing it stands for.
"""

from __future__ import annotations

import pytest

from evidence.records import Article, Kind, Section, Study
from extractors.lexicon import load_lexicon
from extractors.outcomes import find_outcomes
from extractors.pipeline import extract_study

_DESIGN = "Women were randomly assigned to eribulin (arm A, n = 80) or vinorelbine (arm B, n = 80). "
# an arm named by a letter carries the name the design sentence gives it
ARM_A, ARM_B = "eribulin (arm A)", "vinorelbine (arm B)"


def _study(sentence: str) -> Study:
    return extract_study(Article(pmid="t1", sections=(Section("", _DESIGN + sentence),)))


def _values(study: Study, kind: Kind) -> list[tuple[str, float | None, str | None]]:
    return sorted((f.measure.value, f.value, f.arm) for f in study.findings if f.kind == kind)


def _raw(sentence: str) -> list[tuple[str, float | None]]:
    return [(h.label, h.payload.get("value")) for h in find_outcomes(sentence, [(0, len(sentence))], load_lexicon())]


@pytest.mark.parametrize(
    ("sentence", "measure"),
    [
        ("Response rates were 41% with eribulin and 27% with vinorelbine.", "ORR"),
        ("Objective response rates were 41% and 27% in arms A and B, respectively.", "ORR"),
        ("Overall (complete plus partial) clinical response rates in arms A and B were 41% and 27%, respectively.", "ORR"),
        ("Complete clinical responses were seen in 33 (41%) patients in arm A and 22 (27%) in arm B.", "CR"),
        ("A clinical complete response was recorded in 33 (41%) and 22 (27%) patients in arms A and B, respectively.", "CR"),
        ("Eribulin yielded an overall complete response in 41% of patients, against 27% with vinorelbine.", "CR"),
    ],
)
def test_plural_and_clinical_response_words_name_the_measure(sentence: str, measure: str) -> None:
    assert _values(_study(sentence), Kind.RATE) == [(measure, 0.27, ARM_B), (measure, 0.41, ARM_A)]


def test_values_listed_before_alive_and_disease_free_share_the_measure() -> None:
    study = _study("At 3 years, 74% and 61% of women were alive and disease-free in arms A and B, respectively.")
    assert _values(study, Kind.RATE) == [("DFS", 0.61, ARM_B), ("DFS", 0.74, ARM_A)]


def test_median_in_a_bracket_after_the_measure() -> None:
    study = _study("PFS (median, 5.2 v 4.4 months for arms A and B) did not differ.")
    assert _values(study, Kind.MEDIAN) == [("PFS", 4.4, ARM_B), ("PFS", 5.2, ARM_A)]
    study = _study("Overall survival (medians 14.9 and 12.3 months in arms A and B, respectively) was similar.")
    assert _values(study, Kind.MEDIAN) == [("OS", 12.3, ARM_B), ("OS", 14.9, ARM_A)]


def test_a_bare_median_before_its_interval_keeps_the_unit_of_the_next() -> None:
    study = _study("Median OS was 16.8 (95% CI 13.1-19.9) and 14.2 months (95% CI 11.7-16.0) in arms A and B, respectively.")
    assert _values(study, Kind.MEDIAN) == [("OS", 14.2, ARM_B), ("OS", 16.8, ARM_A)]
    study = _study("Median PFS was 6.1 (range, 1-22) and 4.0 months (range, 1-19) in arms A and B, respectively.")
    assert _values(study, Kind.MEDIAN) == [("PFS", 4.0, ARM_B), ("PFS", 6.1, ARM_A)]


@pytest.mark.parametrize("word", ["v", "v.", "vs", "versus"])
def test_v_between_two_medians(word: str) -> None:
    study = _study(f"Median PFS was 7.3 {word} 5.6 months in arms A and B, respectively.")
    assert _values(study, Kind.MEDIAN) == [("PFS", 5.6, ARM_B), ("PFS", 7.3, ARM_A)]


def test_semicolon_inside_a_bracket_after_the_measure() -> None:
    study = _study("Eribulin improved the objective response (ORR; 41% v 27%) compared with vinorelbine.")
    assert _values(study, Kind.RATE) == [("ORR", 0.27, ARM_B), ("ORR", 0.41, ARM_A)]
    study = _study("Grade 3 or 4 adverse events (AEs; 38% v 52%) were less frequent with eribulin than with vinorelbine.")
    assert _values(study, Kind.RATE) == [("TOX_G3PLUS", 0.38, ARM_A), ("TOX_G3PLUS", 0.52, ARM_B)]


def test_semicolons_between_labelled_values_of_one_measure() -> None:
    study = _study("Objective responses by arm: eribulin, 41%; vinorelbine, 27%.")
    assert _values(study, Kind.RATE) == [("ORR", 0.27, ARM_B), ("ORR", 0.41, ARM_A)]


def test_a_semicolon_before_another_statement_still_ends_the_list() -> None:
    assert _raw("The objective response rate was 41%; grade 3 fatigue occurred in 12% of patients.") == [("ORR", 0.41)]


def test_bracketed_ranges_are_bounds_not_rates() -> None:
    study = _study("The response rate was 41% (30-52%) with eribulin and 27% (18-38%) with vinorelbine.")
    assert _values(study, Kind.RATE) == [("ORR", 0.27, ARM_B), ("ORR", 0.41, ARM_A)]
    assert _raw("The response rate was 41% (range, 30%-52%) across the centres.") == [("ORR", 0.41)]


def test_a_bare_number_paired_with_a_percentage() -> None:
    study = _study("With eribulin and vinorelbine, response rates reached 41 and 27% respectively.")
    assert _values(study, Kind.RATE) == [("ORR", 0.27, ARM_B), ("ORR", 0.41, ARM_A)]
    study = _study("The 2-year OS was 88 vs 79% in arms A and B.")
    assert _values(study, Kind.RATE) == [("OS", 0.79, ARM_B), ("OS", 0.88, ARM_A)]


def test_a_bare_number_after_between_is_a_range_bound() -> None:
    assert all(value != 0.41 for _, value in _raw("Response rates ranged between 41 and 57% across the centres."))


def test_toxicity_rate_with_the_grades_in_a_bracket() -> None:
    study = _study("Arm A carried a greater toxicity rate (grades 3 and 4 combined) than arm B: 47% vs 29%.")
    assert _values(study, Kind.RATE) == [("TOX_G3PLUS", 0.29, ARM_B), ("TOX_G3PLUS", 0.47, ARM_A)]


def test_count_only_rates_against_none() -> None:
    study = _study("Responses occurred in 19 of 80 women given eribulin compared with none of 80 given vinorelbine.")
    assert _values(study, Kind.RATE) == [("ORR", 0.0, ARM_B), ("ORR", 0.2375, ARM_A)]


def test_counts_listed_in_their_own_bracket() -> None:
    study = _study("Pathological complete response was uncommon (5 of 80 v none of 80) in arms A and B, respectively.")
    assert _values(study, Kind.RATE) == [("pCR", 0.0, ARM_B), ("pCR", 0.0625, ARM_A)]


def test_a_count_alone_in_a_bracket_backs_a_percentage() -> None:
    assert _raw("A complete response was seen in 9% of patients in both arms (7/78) and (7/80).") == [("CR", 0.09)]
    assert _raw("The response rate was 29% (9/31) overall.") == [("ORR", 0.29)]


def test_a_measure_restated_in_brackets_keeps_median() -> None:
    study = _study("In arm A, median PFS (progression-free survival) reached 1.5 years, against 1.25 years in arm B.")
    assert _values(study, Kind.MEDIAN) == [("PFS", 15.0, ARM_B), ("PFS", 18.0, ARM_A)]


def test_a_measure_parallel_to_a_median_one_is_a_median() -> None:
    study = _study("Arm A and arm B gave similar median PFS (6.2 vs 5.9 months) and OS (17.0 vs 16.1 months).")
    assert _values(study, Kind.MEDIAN) == [("OS", 16.1, ARM_B), ("OS", 17.0, ARM_A), ("PFS", 5.9, ARM_B), ("PFS", 6.2, ARM_A)]


def test_a_rate_parallel_to_a_median_stays_a_rate() -> None:
    study = _study("Median PFS (6.2 vs 5.9 months) and the objective response rate (41% vs 27%) favoured arm A over arm B.")
    assert ("ORR", Kind.MEDIAN) not in {(f.measure.value, f.kind) for f in study.findings}
    assert _raw("Median PFS (6.2 vs 5.9 months) and the objective response rate (41%) were recorded.")[-1] == ("ORR", 0.41)
