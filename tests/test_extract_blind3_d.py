"""Per-arm grade >= 3 toxicity and arm order in phrasings the blind3 abstracts showed the extractor missing
(extractors/comparisons.py, extractors/attribution.py).

Every sentence is invented for the test.
"""

from __future__ import annotations

import pytest

from evidence.records import Article, Measure, Section, Study
from extractors.pipeline import extract_study


def _study(text: str) -> Study:
    return extract_study(Article(pmid="t", sections=(Section("", text),)))


def _tox(study: Study) -> dict[str | None, list[float]]:
    out: dict[str | None, list[float]] = {}
    for f in study.findings:
        if f.measure == Measure.TOX_G3PLUS:
            out.setdefault(f.arm, []).append(round(f.value, 3))
    return out


_TWO = "Adults with relapsed myeloma were randomly assigned to carfilzomib or bortezomib. "
_THREE = "Women were randomised to capecitabine (arm A), eribulin (arm B) or vinorelbine (arm C). "


@pytest.mark.parametrize(
    "sentence, rates",
    [
        ("Grade 3-5 events occurred in 33%, 42% and 19% of patients in the three arms.", (0.33, 0.42, 0.19)),
        ("Treatment-related grade 3 to 5 events affected 27.5%, 36.0% and 14.2% of women in the three groups.", (0.275, 0.36, 0.142)),
        ("Grade 3 or higher events were recorded in 45%, 38% and 22% of participants.", (0.45, 0.38, 0.22)),
    ],
)
def test_three_arm_grade_3_events_without_respectively(sentence: str, rates: tuple[float, ...]) -> None:
    study = _study(_THREE + sentence)
    labels = [arm.label for arm in study.arms]
    assert len(labels) == 3
    tox = _tox(study)
    assert [tox.get(label) for label in labels] == [[r] for r in rates]


@pytest.mark.parametrize(
    "sentence, first, second",
    [
        ("Adverse events (treatment-emergent) of grade ≥ 3: 44.1% and 12.6% of patients, respectively.", 0.441, 0.126),
        ("Toxicities of grade 3 or higher: 38% and 21% of patients, respectively.", 0.38, 0.21),
        ("Adverse events (any cause) of grade 3 or 4 were reported in 52.0% and 30.5%, respectively.", 0.52, 0.305),
        ("Grade 3-4 events of any kind occurred in 61% and 24% of patients, respectively.", 0.61, 0.24),
    ],
)
def test_grade_after_the_noun_with_a_bracket_between(sentence: str, first: float, second: float) -> None:
    tox = _tox(_study(_TWO + sentence))
    assert tox == {"carfilzomib": [first], "bortezomib": [second]}


def test_a_single_event_stays_other_not_overall_toxicity() -> None:
    tox = _tox(_study(_TWO + "Grade 3 neutropenia occurred in 24% and 11% of patients, respectively."))
    assert tox == {}


def test_a_second_outcome_after_the_grade_rate_is_not_toxicity() -> None:
    study = _study(_TWO + "Grade 3 or higher adverse events occurred in 48% and 35% of patients, respectively, and dose reductions in 20% and 9%.")
    tox = _tox(study)
    assert tox == {"carfilzomib": [0.48], "bortezomib": [0.35]}
    assert sorted(round(f.value, 2) for f in study.findings if f.measure == Measure.OTHER) == [0.09, 0.2]


@pytest.mark.parametrize(
    "sentence",
    [
        "Thrombocytopenia was the most frequent grade 3-4 adverse event (64% vs 2%); grade 3-4 adverse events of any kind occurred in 77% and 21%.",
        "Anaemia was by far the commonest grade >= 3 toxicity (18.0% versus 4.5%), and grade >= 3 toxicity overall affected 41.0% and 26.0%.",
    ],
)
def test_a_single_event_named_the_most_common_is_not_the_overall_rate(sentence: str) -> None:
    study = _study(_TWO + sentence)
    values = sorted(v for vs in _tox(study).values() for v in vs)
    assert 0.64 not in values and 0.02 not in values and 0.18 not in values and 0.045 not in values
    assert values in ([0.21, 0.77], [0.26, 0.41])
