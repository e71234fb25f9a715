"""The seed's reconstructed cohort and landmark feasibility."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import numpy as np
import pytest
from lifelines import KaplanMeierFitter

from evidence.errors import ReconstructionError
from evidence.records import Finding, Kind, Measure, Origin, Unit
from meta.reconstruct.index_cohort import reconstruct_index_cohort, reconstruct_seed_cohort, seed_study
from meta.reconstruct.landmark import (
    Landmark,
    check_landmark_feasibility,
    fit_survival_model,
    simulate_landmark_cohort,
)


@pytest.fixture(scope="module")
def cohort():
    return reconstruct_seed_cohort(seed=0)


def test_feasibility_79_3_needs_censoring() -> None:
    result = check_landmark_feasibility(31, 79.3, rules=("half-up",))
    assert result.feasible
    # No k/31 prints as 79.3 (24/31 = 77.4, 25/31 = 80.6): at least 2 censored before 12 months, e.g. 23/29.
    assert result.min_censored == 2
    six = next(p for p in result.patterns if p.events == 6)
    assert six.censored_before == 2 and six.steps == ((29, 6),)
    assert abs(six.survival - 23 / 29) < 1e-12
    assert [f.code for f in result.flags] == ["LANDMARK_NEEDS_CENSORING"]


def test_feasibility_every_pattern_reproduces_value() -> None:
    result = check_landmark_feasibility(31, 89.6, rules=("half-up",))
    for pattern in result.patterns:
        s, at_risk_seen = 1.0, 31
        for at_risk, d in pattern.steps:
            assert at_risk <= at_risk_seen
            s *= (at_risk - d) / at_risk
            at_risk_seen = at_risk - d
        assert round(s * 100 + 1e-12, 1) == 89.6
        assert pattern.events == sum(d for _, d in pattern.steps)


def test_infeasible_landmark_is_flagged() -> None:
    result = check_landmark_feasibility(3, 79.3)
    assert not result.feasible
    assert result.flags[0].code == "LANDMARK_INFEASIBLE"
    assert "3 patients" in result.flags[0].message


def test_weibull_through_two_landmarks() -> None:
    model = fit_survival_model([Landmark(12, 80), Landmark(36, 55)], "weibull")
    assert model.survival(12) == pytest.approx(0.80)
    assert model.survival(36) == pytest.approx(0.55)
    with pytest.raises(ReconstructionError, match="survival must fall"):
        fit_survival_model([Landmark(12, 60), Landmark(36, 70)], "weibull")


def test_simulated_landmark_cohort_reproduces_rate() -> None:
    result = simulate_landmark_cohort(
        40, [Landmark(12, 75.0)], accrual_months=24, followup_after_months=12, seed=3
    )
    assert round(100 * result.km[12.0], 1) == 75.0
    kmf = KaplanMeierFitter().fit(result.patients["time_months"], result.patients["event"])
    assert round(100 * float(kmf.survival_function_at_times(12).iloc[0]), 1) == 75.0
    assert (result.patients["time_months"] <= result.patients["followup_months"] + 1e-9).all()


def test_simulated_landmark_cohort_rejects_impossible() -> None:
    with pytest.raises(ReconstructionError, match="No pattern"):
        simulate_landmark_cohort(3, [Landmark(12, 79.3)], accrual_months=24, followup_after_months=6)


def test_seed_cohort_counts(cohort) -> None:
    p = cohort.patients
    assert len(p) == 31 and p["id"].is_unique
    assert p["response"].value_counts().to_dict() == {"SD": 18, "PR": 9, "PD": 3, "CR": 1}
    assert int(p["tox_g3plus"].sum()) == 9
    assert int(p["limb_preserved"].sum()) == 30
    assert int(p["metastasis"].sum()) == 6 and int(p["local_recurrence"].sum()) == 2
    assert not (p["metastasis"] & p["local_recurrence"]).any()
    assert int(p["dfs_event"].sum()) == 8 and int(p["os_event"].sum()) == 3
    # deaths only among patients with metastasis; death not before the DFS event
    assert p.loc[p["os_event"] == 1, "metastasis"].all()
    assert (p["os_time_months"] >= p["dfs_time_months"]).all()
    assert (p["os_time_months"] <= p["followup_months"] + 1e-9).all()
    assert p["entry_date"].min() >= date(2021, 6, 1) and p["entry_date"].max() <= date(2023, 6, 30)


def test_seed_cohort_reproduces_landmarks_with_lifelines(cohort) -> None:
    p = cohort.patients
    for time_col, event_col, printed in (("dfs_time_months", "dfs_event", 79.3), ("os_time_months", "os_event", 89.6)):
        kmf = KaplanMeierFitter().fit(p[time_col], p[event_col])
        s12 = float(kmf.survival_function_at_times(12.0).iloc[0])
        assert round(100 * s12 + 1e-9, 1) == printed


def test_seed_cohort_flags_and_assumptions(cohort) -> None:
    codes = [f.code for f in cohort.flags]
    assert "GRIM" in codes and "DERIVED_SUM_OF_ROUNDED" in codes
    assert codes.count("LANDMARK_NEEDS_CENSORING") == 2
    assert cohort.counts["ORR"]["count"] == 10
    assert cohort.counts["PD"]["rules"] == ["half-up", "half-even"]
    text = " ".join(cohort.assumptions)
    assert "still alive" in text and "data cutoff" in text and "seed 0" in text
    d = cohort.to_dict()
    assert d["n"] == 31 and len(d["patients"]) == 31


def test_seed_cohort_is_deterministic(cohort) -> None:
    again = reconstruct_seed_cohort(seed=0)
    assert again.patients.equals(cohort.patients)


def test_contradictory_inputs_raise() -> None:
    study = seed_study()
    with pytest.raises(ReconstructionError, match="deaths exceed"):
        reconstruct_index_cohort(
            study, accrual_start=date(2021, 6, 1), accrual_end=date(2023, 6, 30), metastases=2, deaths=5,
            local_recurrences=1,
        )
    bad = study.with_findings(
        [f for f in study.findings if f.measure != Measure.DFS]
        + [Finding(Measure.DFS, Kind.RATE, 0.793, Unit.PROPORTION, time_months=12, origin=Origin.CURATED)]
    )
    small = replace(bad, cohort=replace(bad.cohort, n=3))
    with pytest.raises(ReconstructionError):
        reconstruct_index_cohort(small, accrual_start=date(2021, 6, 1), accrual_end=date(2023, 6, 30), metastases=1)


def test_cohort_without_survival_findings() -> None:
    study = seed_study()
    study = study.with_findings(f for f in study.findings if f.measure not in (Measure.DFS, Measure.OS))
    result = reconstruct_index_cohort(study, accrual_start=date(2021, 6, 1), accrual_end=date(2023, 6, 30), seed=1)
    assert result.landmarks == {}
    assert np.array_equal(result.patients["dfs_event"].to_numpy(), np.zeros(31))


def test_cohort_from_study_alone_without_event_counts() -> None:
    """What the review pipeline passes: only the Study; events drawn from the landmark models."""
    result = reconstruct_index_cohort(seed_study(), accrual_start=date(2021, 6, 1), accrual_end=date(2023, 6, 30), seed=2)
    p = result.patients
    kmf = KaplanMeierFitter().fit(p["dfs_time_months"], p["dfs_event"])
    assert round(100 * float(kmf.survival_function_at_times(12.0).iloc[0]) + 1e-9, 1) == 79.3
    kmf = KaplanMeierFitter().fit(p["os_time_months"], p["os_event"])
    assert round(100 * float(kmf.survival_function_at_times(12.0).iloc[0]) + 1e-9, 1) == 89.6
    # a death always ends DFS
    dead = p["os_event"] == 1
    assert (p.loc[dead, "dfs_time_months"] <= p.loc[dead, "os_time_months"]).all()
    assert p.loc[dead, "dfs_event"].eq(1).all()
    assert any("No counts of metastases" in a for a in result.assumptions)


def test_dfs_above_os_is_impossible() -> None:
    study = seed_study()
    swapped = study.with_findings(
        [f for f in study.findings if f.measure not in (Measure.DFS, Measure.OS)]
        + [
            Finding(Measure.DFS, Kind.RATE, 0.896, Unit.PROPORTION, time_months=12, origin=Origin.CURATED),
            Finding(Measure.OS, Kind.RATE, 0.793, Unit.PROPORTION, time_months=12, origin=Origin.CURATED),
        ]
    )
    with pytest.raises(ReconstructionError, match="exceeds OS"):
        reconstruct_index_cohort(swapped, accrual_start=date(2021, 6, 1), accrual_end=date(2023, 6, 30))


def test_weibull_cohort_with_event_count() -> None:
    result = simulate_landmark_cohort(
        60, [Landmark(12, 80), Landmark(36, 55)], accrual_months=24, followup_after_months=24,
        model="weibull", events=25, seed=1,
    )
    assert int(result.patients["event"].sum()) == 25
    assert result.model.name == "weibull" and result.model.shape != 1
    assert round(100 * result.km[12.0] + 1e-9) == 80 or int(100 * result.km[12.0]) == 80
    assert any("Weibull" in a for a in result.assumptions)
