"""Outcome values in phrasings the blind3 abstracts showed the extractor missing (extractors/outcomes.py): a
landmark's time point after its value, time points shared by the next measure, response counts without the word
"response", grade >= 3 events without "adverse" or "toxicity", follow-up and hazard ratios.

Every sentence is invented for the test.
"""

from __future__ import annotations

import pytest

from evidence.records import Article, Finding, Kind, Measure, Section
from extractors.pipeline import extract_study


def _findings(text: str) -> list[Finding]:
    return list(extract_study(Article(pmid="t", sections=(Section("", text),))).findings)


def _rates(text: str, measure: Measure) -> list[tuple[float | None, float | None]]:
    return sorted((f.value, f.time_months) for f in _findings(text) if f.measure == measure and f.kind == Kind.RATE)


@pytest.mark.parametrize(
    "text, measure, expected",
    [
        ("Relapse-free survival was 64.0% at 3 years and 51.3% at 6 years.", Measure.RFS, [(0.513, 72.0), (0.64, 36.0)]),
        ("Local control was 96·4 per cent at 2 years and 93·0 per cent at 3 years.", Measure.LC, [(0.93, 36.0), (0.964, 24.0)]),
        ("Event-free survival was 55% by 3 years, and 48% by 5 years.", Measure.EFS, [(0.48, 60.0), (0.55, 36.0)]),
        ("Progression-free survival was 40% (95% CI 30-50) at 1 year and 22% at 2 years.", Measure.PFS, [(0.22, 24.0), (0.4, 12.0)]),
        ("Overall survival reached 90.2% at 3 years and 81.0% at 6 years.", Measure.OS, [(0.81, 72.0), (0.902, 36.0)]),
    ],
)
def test_a_time_point_after_each_value(text: str, measure: Measure, expected: list) -> None:
    assert _rates(text, measure) == expected


def test_the_interval_after_the_time_point_is_the_values() -> None:
    found = [f for f in _findings("Metastasis-free survival was 64.0% at 3 years (95% CI 55.1-71.2) and 51.3% at 6 years.") if f.measure == Measure.MFS]
    assert [(f.value, f.time_months, f.ci) for f in sorted(found, key=lambda f: f.time_months or 0)] == [(0.64, 36.0, (0.551, 0.712)), (0.513, 72.0, None)]


def test_two_measures_with_times_after_their_values() -> None:
    text = "Relapse-free survival was 64.0% at 3 years and 51.3% at 6 years; overall survival reached 90.2% at 3 years and 81.0% at 6 years."
    assert _rates(text, Measure.RFS) == [(0.513, 72.0), (0.64, 36.0)]
    assert _rates(text, Measure.OS) == [(0.81, 72.0), (0.902, 36.0)]


@pytest.mark.parametrize(
    "text, first, second, expected",
    [
        (
            "After 40 months of follow-up, 2- and 4-year event-free survival was 80.5% and 70.0%, and overall survival 92.3% and 85.7%, respectively.",
            Measure.EFS, Measure.OS, [(0.857, 48.0), (0.923, 24.0)],
        ),
        (
            "The 4-year local control rate was 91.4% (95% CI 88.0-94.0); disease-free survival at 4 years was 88.1% and overall survival 93.0%.",
            Measure.DFS, Measure.OS, [(0.93, 48.0)],
        ),
        ("Progression-free survival at 1 and 3 years was 70% and 45%, while overall survival 91% and 77%.", Measure.PFS, Measure.OS, [(0.77, 36.0), (0.91, 12.0)]),
    ],
)
def test_the_next_measure_shares_the_time_points(text: str, first: Measure, second: Measure, expected: list) -> None:
    assert _rates(text, first)
    assert _rates(text, second) == expected



def _rate_values(text: str) -> dict[Measure, float | None]:
    return {f.measure: f.value for f in _findings(text) if f.kind == Kind.RATE}


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Of 80 evaluable patients, 4 complete (5.0%) and 40 partial (50.0%) responses were observed.", {Measure.CR: 0.05, Measure.PR: 0.5}),
        ("Two complete (4%) and 21 partial (42%) remissions were recorded.", {Measure.CR: 0.04, Measure.PR: 0.42}),
        ("Objective responses were seen in 40.2% (complete 5.1%, partial 35.1%).", {Measure.ORR: 0.402, Measure.CR: 0.051, Measure.PR: 0.351}),
        ("The overall response rate reached 61% (complete, 12%; partial, 49%).", {Measure.ORR: 0.61, Measure.CR: 0.12, Measure.PR: 0.49}),
        ("At the end of therapy, 50 patients (92.6%) were in complete metabolic remission.", {Measure.CR: 0.926}),
        ("Complete metabolic response was achieved in 50 (92.6%) of 54 patients.", {Measure.CR: 0.926}),
        ("Twelve patients (40%) remained in complete remission.", {Measure.CR: 0.4}),
    ],
)
def test_response_categories_without_a_rate_word(text: str, expected: dict) -> None:
    found = _rate_values(text)
    assert {m: found.get(m) for m in expected} == expected


def test_a_count_in_a_group_before_a_bracket_of_other_rates() -> None:
    found = [f for f in _findings("Among 30 evaluable patients, partial responses were seen in 6 and stable disease in 7 (objective response 20%).") if f.measure == Measure.SD]
    assert [(f.count, f.denominator) for f in found] == [(7, 30)]


def test_complete_before_a_non_response_noun_is_not_a_response() -> None:
    assert Measure.CR not in _rate_values("Complete resection was achieved in 80% of patients, with a response rate of 30%.")


def _toxicity(text: str) -> list[float | None]:
    return [f.value for f in _findings(text) if f.measure == Measure.TOX_G3PLUS]


@pytest.mark.parametrize(
    "text, value",
    [
        ("Grade 3 or 4 events affected 31 patients (25.8%).", 0.258),
        ("Grade >=3 treatment-emergent events occurred in 40 patients (33.9%).", 0.339),
        ("Grade 3-4 events were seen in 60 patients (65.2%), mostly neutropenia (30.1%).", 0.652),
        ("Grade 3-4 drug-related events occurred in 22 patients (18%).", 0.18),
        ("Grade 3 or higher immune-related events developed in 9 patients (11.3%).", 0.113),
    ],
)
def test_grade_3_events_without_adverse_or_toxicity(text: str, value: float) -> None:
    assert _toxicity(text) == [value]


def test_grade_3_events_of_one_kind_are_not_overall_toxicity() -> None:
    assert _toxicity("Grade 3 events of neutropenia were seen in 20% of patients.") == []


def test_a_bound_after_a_grade_is_not_a_rate() -> None:
    # "<= 4%" bounds a later rate; the rate is the one stated as such
    assert _toxicity("With dose holds, 31.0% developed grade 3 events in cycle one, falling to <= 4% later on.") == [0.31]


def _follow_up(text: str) -> list[float | None]:
    return [f.value for f in _findings(text) if f.measure == Measure.FOLLOW_UP]


@pytest.mark.parametrize(
    "text, months",
    [
        ("After 30.1 months' median follow-up, the 2-year OS was 80%.", 30.1),
        ("After 24 months' median follow-up (range 6-60), relapse occurred in 10 patients.", 24.0),
        ("After 2.5 years of median follow-up, no relapse was seen.", 30.0),
        ("The median follow-up of surviving patients was 20.5 months.", 20.5),
        ("The median follow-up for patients still alive was 33 months.", 33.0),
        ("Median follow-up among those alive was 41 months (range 12-70).", 41.0),
        ("Overall survival was 18 months; median follow-up of living patients, 26 months.", 26.0),
    ],
)
def test_median_follow_up_with_the_duration_first_or_a_population_between(text: str, months: float) -> None:
    assert _follow_up(text) == [months]


def test_an_age_after_the_population_is_not_a_follow_up() -> None:
    assert _follow_up("The median follow-up of patients 65 years or older was 20.5 months.") == []


_TWO_GROUPS = "Methods: 300 patients received surgery (A) and 200 radiotherapy (B). Findings: "


@pytest.mark.parametrize(
    "text, measure, value, ci",
    [
        ("Surgery was associated with lower mortality than radiotherapy (hazard ratio 0·72, 95% CI 0·60–0·85).", Measure.OS, 0.72, (0.6, 0.85)),
        ("Surgery lowered the risk of death (HR 0.75, 95% CI 0.61-0.92).", Measure.OS, 0.75, (0.61, 0.92)),
        ("Surgery reduced the risk of relapse (HR 0.80, 95% CI 0.70-0.91).", Measure.DFS, 0.8, (0.7, 0.91)),
        ("Surgery delayed disease progression (HR 0.66, 95% CI 0.52-0.84).", Measure.PFS, 0.66, (0.52, 0.84)),
    ],
)
def test_a_hazard_ratio_of_the_event_named_before_it(text: str, measure: Measure, value: float, ci: tuple) -> None:
    found = [(f.measure, f.value, f.ci) for f in _findings(_TWO_GROUPS + text) if f.kind == Kind.HR]
    assert found == [(measure, value, ci)]


def test_a_named_survival_measure_wins_over_an_earlier_event_word() -> None:
    text = _TWO_GROUPS + "Deaths were fewer with surgery; progression-free survival also improved (HR 0.61, 95% CI 0.47-0.79)."
    assert [f.measure for f in _findings(text) if f.kind == Kind.HR] == [Measure.PFS]


@pytest.mark.parametrize(
    "text, value",
    [
        ("There were responses in 14/38 (36.8%; 95% CI 21.8-54.0), including 4 complete responses (10.5%).", 0.368),
        ("Responses were seen in 12 of 40 patients (30%).", 0.3),
        ("Responses occurred in 9/30 (30.0%).", 0.3),
    ],
)
def test_responses_of_any_kind_counted_in_a_number(text: str, value: float) -> None:
    assert [f.value for f in _findings(text) if f.measure == Measure.ORR] == [value]


def test_responses_described_otherwise_are_not_a_rate() -> None:
    assert [f for f in _findings("Responses were durable in 12 patients (30%).") if f.measure == Measure.ORR] == []
