"""Pooling reconstructed pseudo-patients; RMST and its variance."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from lifelines import KaplanMeierFitter
from lifelines.utils import restricted_mean_survival_time

from evidence.errors import InputError, PoolingError
from meta.reconstruct.index_cohort import reconstruct_seed_cohort
from meta.reconstruct.pooled import compare_index_to_pooled, pool_reconstructed, rmst_with_variance
from meta.reconstruct.validation import load_dataset

warnings.filterwarnings("ignore")


def test_rmst_matches_lifelines_and_hand_computed_variance() -> None:
    # 4 patients: events at 1 and 3, censored at 2 and 4; tau = 4.
    t, e = np.array([1.0, 2, 3, 4]), np.array([1, 0, 1, 0])
    area, var = rmst_with_variance(t, e, 4.0)
    # S = 1 on [0,1), 0.75 on [1,3), 0.375 on [3,4): area = 1 + 1.5 + 0.375
    assert area == pytest.approx(2.875)
    assert area == pytest.approx(float(restricted_mean_survival_time(KaplanMeierFitter().fit(t, e), t=4.0)))
    # A_1 = 1.875, A_3 = 0.375; var = A1^2 * 1/(4*3) + A3^2 * 1/(2*1)
    assert var == pytest.approx(1.875**2 / 12 + 0.375**2 / 2)


def test_rmst_variance_agrees_with_bootstrap() -> None:
    data = load_dataset("gbsg2")
    t, e = data["time"].to_numpy(), data["event"].to_numpy()
    _, var = rmst_with_variance(t, e, 60.0)
    rng = np.random.default_rng(1)
    boot = [rmst_with_variance(t[i], e[i], 60.0)[0] for i in (rng.integers(0, len(t), len(t)) for _ in range(200))]
    assert np.sqrt(var) == pytest.approx(np.std(boot), rel=0.2)


def test_pool_and_stratified_cox() -> None:
    data = load_dataset("gbsg2")
    halves = {"A": data.iloc[::2], "B": data.iloc[1::2]}
    pooled = pool_reconstructed(halves, treated="hormone")
    assert pooled.n == len(data) and pooled.events == int(data["event"].sum())
    assert pooled.km["survival"].is_monotonic_decreasing
    # hormone therapy protective in GBSG2 (HR about 0.7)
    assert 0.5 < pooled.hr < 0.9 and pooled.hr_ci[0] < pooled.hr < pooled.hr_ci[1]


def test_index_against_pooled_external() -> None:
    seed = reconstruct_seed_cohort(seed=0).patients
    index = pd.DataFrame({"time": seed["dfs_time_months"], "event": seed["dfs_event"]})
    external = {"gbsg2": load_dataset("gbsg2")[["time", "event"]]}
    result = compare_index_to_pooled(index, external, tau_months=24)
    assert result.n_index == 31 and result.hr_ci[0] < result.hr < result.hr_ci[1]
    assert 0 <= result.logrank_p <= 1
    lo, hi = result.rmst_difference_ci
    assert lo < result.rmst_difference < hi
    assert result.rmst_difference == pytest.approx(result.rmst_index - result.rmst_external)


def test_pool_bad_input() -> None:
    with pytest.raises(PoolingError):
        pool_reconstructed({})
    with pytest.raises(InputError, match="time,event"):
        pool_reconstructed({"x": pd.DataFrame({"t": [1]})})
