"""Consistency checks add flags and never change values."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from evidence.records import Arm, Article, Cohort, Evidence, Finding, Kind, Measure, Study, Unit
from extractors.checks import check_study, decimals_printed, grim_consistent


def _rate(measure: Measure, text: str, arm: str | None = None, time: float | None = None) -> Finding:
    value = float(text.rstrip("%")) / 100
    return Finding(measure, Kind.RATE, value, Unit.PROPORTION, arm=arm, time_months=time,
                   evidence=Evidence("RESULTS", text, 0, len(text), text=text))


def _study(findings: list[Finding], n: int | None = 31, arms: tuple[Arm, ...] = ()) -> Study:
    return Study(article=Article(pmid="1"), cohort=Cohort(n=n), arms=arms, findings=tuple(findings))


def _codes(study: Study) -> list[str]:
    return [f.code for f in check_study(study).flags]


def test_decimals_printed() -> None:
    assert (decimals_printed("58.1%"), decimals_printed("29%"), decimals_printed("0·62")) == (1, 0, 2)


@given(st.integers(1, 500), st.data())
def test_grim_accepts_every_real_count(n: int, data: st.DataObject) -> None:
    k = data.draw(st.integers(0, n))
    for decimals in (0, 1, 2):
        printed = float(f"{100 * k / n:.{decimals}f}")
        assert grim_consistent(printed, n, decimals)


def test_grim_rejects_impossible_percentages() -> None:
    assert not grim_consistent(32.2, 31, 1)  # 10/31 = 32.26
    assert grim_consistent(32.3, 31, 1)
    assert "GRIM" in _codes(_study([_rate(Measure.ORR, "32.2%")]))
    assert "GRIM" not in _codes(_study([_rate(Measure.OS, "32.2%", time=12)]))  # KM rates are not count/N


def test_derived_sum_is_explained_and_values_unchanged() -> None:
    study = _study([_rate(Measure.CR, "3.2%"), _rate(Measure.PR, "29%"), _rate(Measure.ORR, "32.2%")])
    checked = check_study(study)
    assert checked.findings == study.findings
    assert {"GRIM", "ORR_DERIVED_SUM"} <= {f.code for f in checked.flags}


def test_cr_pr_orr_mismatch_and_categories() -> None:
    assert "CR_PR_ORR" in _codes(_study([_rate(Measure.CR, "10%"), _rate(Measure.PR, "20%"), _rate(Measure.ORR, "40%")], n=None))
    parts = [_rate(Measure.CR, "10%"), _rate(Measure.PR, "20%"), _rate(Measure.SD, "30%"), _rate(Measure.PD, "30%")]
    assert "CATEGORIES_SUM" in _codes(_study(parts, n=None))
    parts[-1] = _rate(Measure.PD, "40%")
    assert "CATEGORIES_SUM" not in _codes(_study(parts, n=None))


def test_arm_sizes_must_add_up() -> None:
    arms = (Arm("A", 60), Arm("B", 50))
    assert "ARMS_SUM" in _codes(_study([], n=120, arms=arms))
    assert "ARMS_SUM" not in _codes(_study([], n=110, arms=arms))


def test_interval_and_hr_p_checks() -> None:
    outside = Finding(Measure.OS, Kind.MEDIAN, 20.0, Unit.MONTHS, ci=(21.0, 30.0))
    assert "CI_EXCLUDES_ESTIMATE" in _codes(_study([outside]))
    hr_bad = Finding(Measure.PFS, Kind.HR, 0.7, Unit.RATIO, ci=(0.55, 0.89), p=0.2)
    hr_ok = Finding(Measure.PFS, Kind.HR, 0.7, Unit.RATIO, ci=(0.55, 0.89), p=0.004)
    hr_rev = Finding(Measure.PFS, Kind.HR, 0.9, Unit.RATIO, ci=(0.7, 1.2), p=0.001, p_relation="<")
    assert "HR_P_CI" in _codes(_study([hr_bad]))
    assert "HR_P_CI" not in _codes(_study([hr_ok]))
    assert "HR_P_CI" in _codes(_study([hr_rev]))


def test_landmark_rates_must_not_rise() -> None:
    rising = [_rate(Measure.OS, "80%", time=12), _rate(Measure.OS, "85%", time=36)]
    assert "LANDMARK_RISES" in _codes(_study(rising))
    falling = [_rate(Measure.OS, "80%", time=12), _rate(Measure.OS, "70%", time=36)]
    assert "LANDMARK_RISES" not in _codes(_study(falling))
