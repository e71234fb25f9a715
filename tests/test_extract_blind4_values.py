"""Values in phrasings found missed by a blind set of invented abstracts (extractors/outcomes.py): response counts
with no percentage, measures named in other words, hazard ratios written without their label, follow-up phrasings.

Every sentence here is invented; each test names the general phrasing it stands for.
"""

from __future__ import annotations

import pytest

from evidence.records import Article, Kind, Measure, Section, Study
from extractors.pipeline import extract_study

_SINGLE = "Forty patients with sarcoma were treated with weekly gemcitabine in this single-arm phase II study. "
_TWO = "In total, 240 women were allocated at random to gefitinib (n = 120) or docetaxel (n = 120). "


def _study(sentence: str, design: str = _SINGLE) -> Study:
    return extract_study(Article(pmid="b4v", sections=(Section("", design + sentence),)))


def _counts(study: Study) -> dict[str, tuple[int | None, int | None]]:
    return {f.measure.value: (f.count, f.denominator) for f in study.findings if f.kind == Kind.RATE and f.arm is None}


# -- response counts with no percentage: over the cohort the abstract states ----------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Best overall response: 3 CR, 6 PR, 11 SD and 4 PD (ORR 22%).", {"CR": 3, "PR": 6, "SD": 11, "PD": 4}),
        ("ORR reached 35% (14/40) and comprised 3 CRs.", {"CR": 3}),
        ("Responses were seen in 14/40 (35%): complete response 5, partial response 9.", {"CR": 5, "PR": 9}),
        ("By RECIST, CR, 4; PR, 9; and SD, 10.", {"CR": 4, "PR": 9, "SD": 10}),
        ("Stable disease was seen in 18 patients and progressive disease in four.", {"SD": 18, "PD": 4}),
        ("Two partial responses were documented and stable disease in eleven; six progressed on treatment.", {"SD": 11, "PD": 6}),
    ],
)
def test_a_response_count_without_a_percentage_is_taken_over_the_cohort(sentence: str, expected: dict[str, int]) -> None:
    counts = _counts(_study(sentence))
    for measure, count in expected.items():
        assert counts.get(measure) == (count, 40), (measure, counts)
    counted = [f for f in _study(sentence).findings if f.measure.value in expected]
    assert counted and all(f.method and "count" in f.method for f in counted)  # the value is worked out: the method says how


def test_a_count_with_its_percentage_keeps_the_printed_value() -> None:
    counts = {f.measure.value: f.value for f in _study("There were 2 CR (5%) and 7 PR.").findings if f.kind == Kind.RATE}
    assert counts["CR"] == pytest.approx(0.05)
    assert counts["PR"] == pytest.approx(7 / 40, abs=1e-4)


def test_a_count_over_a_base_the_sentence_states_beats_the_cohort() -> None:
    counts = _counts(_study("Among 25 assessable patients, partial responses were noted in 5 and stable disease in 9."))
    assert counts["PR"] == (5, 25) and counts["SD"] == (9, 25)


def test_counts_are_not_guessed_in_a_randomised_trial() -> None:
    study = _study("Best response was 4 CR and 9 PR with gefitinib.", _TWO)
    assert not [f for f in study.findings if f.measure in (Measure.CR, Measure.PR)]


def test_progression_counts_need_a_response_context() -> None:
    assert "PD" not in _counts(_study("By the data cut-off, nine progressed and six had died; median PFS was 5.1 months."))
