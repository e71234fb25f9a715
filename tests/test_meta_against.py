"""meta.against: the index study set against the pool of the other studies."""

from __future__ import annotations

import math

import pytest
from scipy import stats

from evidence.errors import PoolingError
from meta.against import compare_index, compare_index_effect
from meta.effects import hazard_ratio_effects, proportion_effects
from meta.pooling import pool_effects, pool_proportions

X = [25, 4, 9, 12, 30]
N = [120, 19, 32, 40, 90]
LABELS = ["S2", "S3", "S4", "S5", "S6"]


def test_difference_z_and_p_follow_from_the_pool() -> None:
    pooled = pool_proportions(X, N, "PLO", "REML", labels=LABELS)
    c = compare_index(10, 31, pooled, label="Index")
    y = math.log(10 / 21)
    v = 1 / 10 + 1 / 21
    assert c.index_estimate == pytest.approx(y)
    assert c.difference == pytest.approx(y - pooled.estimate)
    assert c.difference_se == pytest.approx(math.sqrt(v + pooled.se**2))
    assert c.z == pytest.approx(c.difference / c.difference_se)
    assert c.p == pytest.approx(2 * stats.norm.sf(abs(c.z)))
    assert c.inside_pi == (pooled.pi[0] <= y <= pooled.pi[1])
    assert c.index_estimate_bt == pytest.approx(10 / 31)
    assert c.pooled_estimate_bt == pytest.approx(pooled.estimate_bt)
    assert c.difference_bt == pytest.approx(10 / 31 - pooled.estimate_bt)
    lo, hi = c.difference_ci_bt
    assert lo < c.difference_bt < hi
    assert "REML" in c.method and "5 other studies" in c.method
    d = c.to_dict()
    assert d["inside_pi"] is c.inside_pi and isinstance(d["difference_ci"], list)
    assert "prediction interval" in c.summary()


def test_an_outlying_index_lies_outside_the_prediction_interval() -> None:
    pooled = pool_proportions([20, 21, 19, 22, 20], [100, 100, 100, 100, 100], "PLO", "REML", labels=LABELS)
    c = compare_index(80, 100, pooled, label="Index")
    assert c.inside_pi is False
    assert c.p < 1e-6


def test_index_in_the_pool_is_refused() -> None:
    pooled = pool_proportions(X, N, "PLO", "REML", labels=LABELS)
    with pytest.raises(PoolingError, match="part of the pool"):
        compare_index(25, 120, pooled, label="S2")


def test_pft_and_glmm_pools() -> None:
    for measure, method in (("PFT", "REML"), ("PLO", "GLMM"), ("PAS", "DL")):
        pooled = pool_proportions(X, N, measure, method, labels=LABELS)
        c = compare_index(10, 31, pooled, label="Index")
        assert c.measure == measure
        assert 0 < c.pooled_estimate_bt < 1
        assert math.isfinite(c.difference_bt)


def test_fixed_effect_pool_has_no_prediction_interval() -> None:
    pooled = pool_proportions(X, N, "PLO", "FE", labels=LABELS)
    c = compare_index(10, 31, pooled, label="Index")
    assert c.pi is None and c.inside_pi is None


def test_hazard_ratio_index() -> None:
    eff = hazard_ratio_effects([0.85, 0.61, 1.05, 0.78], [0.70, 0.42, 0.80, 0.60], [1.03, 0.89, 1.38, 1.01])
    pooled = pool_effects(eff, "REML")
    idx = hazard_ratio_effects([0.72], [0.55], [0.94])
    c = compare_index_effect(float(idx.yi[0]), float(idx.vi[0]), pooled, label="Index")
    assert c.index_estimate_bt == pytest.approx(0.72)
    assert c.pooled_estimate_bt == pytest.approx(pooled.estimate_bt)
    assert c.scale == "ratio"
    assert c.ratio_bt == pytest.approx(0.72 / pooled.estimate_bt)
    assert c.ratio_ci_bt[0] < c.ratio_bt < c.ratio_ci_bt[1]


def test_measure_required_for_plain_pools() -> None:
    eff = proportion_effects(X, N, "PLO")
    from meta.pooling import pool

    pooled = pool(eff.yi, eff.vi, labels=LABELS)
    with pytest.raises(PoolingError, match="proportion measure"):
        compare_index(10, 31, pooled)
    c = compare_index(10, 31, pooled, measure="PLO")
    assert c.pooled_estimate_bt == pytest.approx(1 / (1 + math.exp(-pooled.estimate)))
