"""meta.effects: escalc values, back-transformations and per-study intervals against metafor/R."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from evidence.errors import PoolingError
from meta.effects import (
    back_transform,
    clopper_pearson,
    hazard_ratio_effects,
    median_effects,
    proportion_effects,
    survival_rate_effects,
    wilson,
)
from meta_reference import load

PROPS = load("proportions")


@pytest.mark.parametrize("dataset", sorted(PROPS))
@pytest.mark.parametrize("measure", ["PR", "PLO", "PAS", "PFT"])
def test_escalc_values(dataset: str, measure: str) -> None:
    # R: escalc(measure, xi=xi, ni=ni)  (add=1/2, to="only0")
    block = PROPS[dataset]
    eff = proportion_effects(block["data"]["xi"], block["data"]["ni"], measure)
    ref = block["measures"][measure]["escalc"]
    np.testing.assert_allclose(eff.yi, ref["yi"], rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(eff.vi, ref["vi"], rtol=1e-12)
    x, n = np.array(block["data"]["xi"]), np.array(block["data"]["ni"])
    expected = ((x == 0) | (x == n)) if measure in ("PR", "PLO") else np.zeros_like(x, dtype=bool)
    assert eff.corrected.tolist() == expected.tolist()


@pytest.mark.parametrize("dataset", sorted(PROPS))
def test_per_study_intervals(dataset: str) -> None:
    # R: binom.test(x, n)$conf.int ; prop.test(x, n, correct=FALSE)$conf.int
    block = PROPS[dataset]
    x, n = block["data"]["xi"], block["data"]["ni"]
    ps = block["per_study"]
    lo, hi = clopper_pearson(x, n)
    np.testing.assert_allclose(lo, ps["cp_lb"], rtol=1e-9, atol=1e-14)
    np.testing.assert_allclose(hi, ps["cp_ub"], rtol=1e-9, atol=1e-14)
    lo, hi = wilson(x, n)
    np.testing.assert_allclose(lo, ps["wilson_lb"], rtol=1e-9, atol=1e-14)
    np.testing.assert_allclose(hi, ps["wilson_ub"], rtol=1e-9, atol=1e-14)


def test_back_transforms_and_clamping() -> None:
    assert back_transform(0.0, "PLO") == pytest.approx(0.5)
    assert back_transform(np.pi / 6, "PAS") == pytest.approx(0.25)
    assert back_transform(-0.1, "PAS") == 0.0
    assert back_transform(2.0, "PAS") == 1.0
    assert back_transform(-0.5, "PFT", 20.0) == 0.0
    assert back_transform(1.6, "PFT", 20.0) == 1.0
    with pytest.raises(PoolingError, match="harmonic"):
        back_transform(0.5, "PFT")


@settings(max_examples=60, deadline=None, derandomize=True, database=None)
@given(st.floats(0.02, 0.98), st.integers(20, 2000))
def test_freeman_tukey_round_trip(p: float, n: int) -> None:
    from meta.effects import pft

    assert back_transform(pft(p, n), "PFT", float(n)) == pytest.approx(p, abs=1e-9)


@settings(max_examples=60, deadline=None, derandomize=True, database=None)
@given(st.integers(0, 50), st.integers(1, 50))
def test_intervals_contain_the_proportion(x: int, extra: int) -> None:
    n = x + extra
    for lo, hi in (clopper_pearson(x, n), wilson(x, n)):
        assert 0.0 <= float(lo) <= x / n <= float(hi) <= 1.0


def test_hazard_ratio_se_from_ci_and_p() -> None:
    e = hazard_ratio_effects([0.72], [0.55], [0.94])
    assert e.yi[0] == pytest.approx(np.log(0.72))
    assert e.sei[0] == pytest.approx((np.log(0.94) - np.log(0.55)) / (2 * 1.959963984540054))
    e = hazard_ratio_effects([0.5], p=[0.05])
    assert e.sei[0] == pytest.approx(abs(np.log(0.5)) / 1.959963984540054)
    assert "p value" in e.method


def test_survival_rate_se_sources_are_named() -> None:
    a = survival_rate_effects([0.6], ci=([0.5], [0.7]))
    assert a.sei[0] == pytest.approx(0.2 / (2 * 1.959963984540054)) and "CI" in a.method
    b = survival_rate_effects([0.6], n=[100])
    assert b.sei[0] == pytest.approx(np.sqrt(0.24 / 100)) and "binomial" in b.method
    c = survival_rate_effects([0.6], n=[100], scale="cloglog")
    assert c.yi[0] == pytest.approx(np.log(-np.log(0.6)))
    assert c.vi[0] == pytest.approx(0.0024 / (0.6 * np.log(0.6)) ** 2)


def test_median_effects() -> None:
    m = median_effects([24.0], [18.0], [32.0])
    assert m.yi[0] == pytest.approx(np.log(24))
    m = median_effects([24.0], events=[25])
    assert m.sei[0] == pytest.approx(0.2) and "exponential" in m.method


@pytest.mark.parametrize(
    "call,message",
    [
        (lambda: proportion_effects([5, 12], [10, 11], labels=["A", "B"]), "Study 'B': events 12 exceed total 11"),
        (lambda: proportion_effects([-1, 2], [10, 11], labels=["A", "B"]), "Study 'A': negative count"),
        (lambda: proportion_effects([1, 2], [10, 0], labels=["A", "B"]), "Study 'B': total is 0"),
        (lambda: proportion_effects([1, float("nan")], [10, 10], labels=["A", "B"]), "Study 'B': events is missing"),
        (lambda: proportion_effects([1.5, 2], [10, 10], labels=["A", "B"]), "whole numbers"),
        (lambda: hazard_ratio_effects([0.5, 1.2], [0.4, 0.6], [0.7, 1.1], labels=["A", "B"]), "Study 'B': hazard ratio 1.2 lies outside"),
        (lambda: hazard_ratio_effects([0.5], [0.7], [0.4], labels=["A"]), "lower bound not below"),
        (lambda: survival_rate_effects([62.0], n=[40], labels=["A"]), "not a proportion"),
        (lambda: survival_rate_effects([0.6], se=[0.0], labels=["A"]), "standard error is 0"),
        (lambda: survival_rate_effects([0.6]), "need an SE, a CI or the number"),
    ],
)
def test_bad_input_is_a_clear_error(call, message) -> None:
    with pytest.raises(PoolingError, match=message):
        call()
