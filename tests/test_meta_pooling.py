"""meta.pooling against metafor: every proportion data set x measure x estimator x test.

Reference: ``rma(yi, vi, method=M, test=T)`` on ``escalc(measure, xi, ni)`` (tests/data/metafor).
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from evidence.errors import PoolingError
from meta.effects import hazard_ratio_effects, proportion_effects, survival_rate_effects
from meta.pooling import pool, pool_effects, pool_proportions, qprofile_tau2_ci
from meta_reference import assert_close, load

PROPS = load("proportions")
FIT_CASES = [
    (ds, ms, key)
    for ds, block in PROPS.items()
    for ms, mblock in block["measures"].items()
    for key in mblock["fits"]
]
OTHER_CASES = [
    (ds, ms, meth)
    for ds, block in PROPS.items()
    for ms, mblock in block["measures"].items()
    for meth in mblock["tau2_other_estimators"]
]


def _pair(p, i):
    return None if p is None else p[i]


def check_fit(r, f, label: str, bt: bool = True) -> None:
    # R: res <- rma(yi, vi, method=M, test=T, control=TIGHT); predict(res)
    assert r.k == f["k"]
    for ours, theirs in [
        ("estimate", "estimate"), ("se", "se"), ("stat", "stat"), ("tau2", "tau2"), ("i2", "I2"), ("h2", "H2"),
        ("q", "QE"),
    ]:
        assert_close(getattr(r, ours), f[theirs], f"{label} {ours}")
    assert_close(r.p, f["pval"], f"{label} p", atol=1e-15)
    assert_close(r.q_p, f["QEp"], f"{label} q_p", atol=1e-15)
    assert_close(r.ci[0], f["ci_lb"], f"{label} ci_lb")
    assert_close(r.ci[1], f["ci_ub"], f"{label} ci_ub")
    assert_close(_pair(r.pi, 0), f["pi_lb"], f"{label} pi_lb")
    assert_close(_pair(r.pi, 1), f["pi_ub"], f"{label} pi_ub")
    assert r.df == (None if f["df"] is None else int(f["df"]))
    assert r.test == ("t" if f["test"] in ("t", "knha") else "z")
    np.testing.assert_allclose(r.weights, f["weights_pct"], rtol=1e-6, atol=1e-10)
    ll = f["loglik_REML"] if f["method"] == "REML" else f["loglik_ML"]
    assert_close(r.loglik, ll, f"{label} loglik")
    assert_close(r.se_tau2, f["se_tau2"], f"{label} se_tau2")
    ci = f.get("tau2_ci")
    if ci:
        # R: confint(res) (Q-profile)
        assert_close(r.tau2_ci[0], ci["tau2_ci_lb"], f"{label} tau2_ci_lb")
        assert_close(r.tau2_ci[1], ci["tau2_ci_ub"], f"{label} tau2_ci_ub")
        assert_close(r.i2_ci[0], ci["I2_ci_lb"], f"{label} I2_ci_lb")
        assert_close(r.i2_ci[1], ci["I2_ci_ub"], f"{label} I2_ci_ub")
        assert_close(r.h2_ci[0], ci["H2_ci_lb"], f"{label} H2_ci_lb")
        assert_close(r.h2_ci[1], ci["H2_ci_ub"], f"{label} H2_ci_ub")
    if bt and "estimate_bt" in f:
        assert_close(r.estimate_bt, f["estimate_bt"], f"{label} estimate_bt")
        assert_close(r.ci_bt[0], f["ci_lb_bt"], f"{label} ci_lb_bt")
        assert_close(r.ci_bt[1], f["ci_ub_bt"], f"{label} ci_ub_bt")
        assert_close(_pair(r.pi_bt, 0), f["pi_lb_bt"], f"{label} pi_lb_bt")
        assert_close(_pair(r.pi_bt, 1), f["pi_ub_bt"], f"{label} pi_ub_bt")


@pytest.mark.parametrize("dataset,measure,key", FIT_CASES)
def test_proportion_fits_match_metafor(dataset: str, measure: str, key: str) -> None:
    block = PROPS[dataset]
    f = block["measures"][measure]["fits"][key]
    method, test = key.split("_")
    r = pool_proportions(block["data"]["xi"], block["data"]["ni"], measure, method, knha=test == "knha", labels=block["data"]["study"])
    check_fit(r, f, f"{dataset}/{measure}/{key}")


@pytest.mark.parametrize("dataset,measure,method", OTHER_CASES)
def test_other_tau2_estimators_match_metafor(dataset: str, measure: str, method: str) -> None:
    # R: rma(yi, vi, method in ML/HE/SJ/EB/HS, control=TIGHT)
    block = PROPS[dataset]
    f = block["measures"][measure]["tau2_other_estimators"][method]
    r = pool_proportions(block["data"]["xi"], block["data"]["ni"], measure, method)
    for ours, theirs in [("tau2", "tau2"), ("estimate", "estimate"), ("se", "se"), ("i2", "I2"), ("h2", "H2")]:
        assert_close(getattr(r, ours), f[theirs], f"{dataset}/{measure}/{method} {ours}")


HR = load("hazard_ratios")


@pytest.mark.parametrize("key", sorted(HR["fits"]))
def test_hazard_ratios_match_metafor(key: str) -> None:
    d = HR["data"]
    eff = hazard_ratio_effects(d["hr"], d["lb"], d["ub"], labels=d["study"])
    np.testing.assert_allclose(eff.vi, d["vi"], rtol=1e-12)
    method, test = key.split("_")
    r = pool_effects(eff, method, knha=test == "knha")
    f = HR["fits"][key]
    check_fit(r, f, f"HR/{key}", bt=False)
    assert_close(r.estimate_bt, f["estimate_exp"], "HR estimate_exp")
    assert_close(r.ci_bt[0], f["ci_lb_exp"], "HR ci_lb_exp")
    assert_close(r.ci_bt[1], f["ci_ub_exp"], "HR ci_ub_exp")
    assert_close(_pair(r.pi_bt, 0), f["pi_lb_exp"], "HR pi_lb_exp")
    assert_close(_pair(r.pi_bt, 1), f["pi_ub_exp"], "HR pi_ub_exp")


SURV = load("survival_rates")


@pytest.mark.parametrize("method", sorted(SURV["fits"]))
@pytest.mark.parametrize("scale", ["raw", "cloglog"])
def test_landmark_rates_match_metafor(method: str, scale: str) -> None:
    d = SURV["data"]
    eff = survival_rate_effects(d["S"], se=d["se"], scale=scale)
    if scale == "cloglog":
        np.testing.assert_allclose(eff.yi, d["cll"], rtol=1e-12)
        np.testing.assert_allclose(np.sqrt(eff.vi), d["cll_se"], rtol=1e-12)
    r = pool_effects(eff, method)
    check_fit(r, SURV["fits"][method][scale], f"SURV/{method}/{scale}", bt=scale == "cloglog")


def test_statsmodels_agrees_for_dl_and_pm() -> None:
    """Cross-check with statsmodels' combine_effects where it is right (Q > df, so DL is not negative)."""
    from statsmodels.stats.meta_analysis import combine_effects

    block = PROPS["g3tox_no_zero"]
    eff = proportion_effects(block["data"]["xi"], block["data"]["ni"], "PLO")
    for method, sm_name in [("DL", "dl"), ("PM", "iterated")]:
        res = combine_effects(eff.yi, eff.vi, method_re=sm_name)
        ours = pool(eff.yi, eff.vi, method)
        assert ours.tau2 == pytest.approx(res.tau2, rel=1e-6)
        assert ours.estimate == pytest.approx(res.mean_effect_re, rel=1e-6)


def test_dl_is_truncated_where_statsmodels_goes_negative() -> None:
    from statsmodels.stats.meta_analysis import combine_effects

    block = PROPS["homogeneous_q_lt_df"]
    eff = proportion_effects(block["data"]["xi"], block["data"]["ni"], "PLO")
    assert combine_effects(eff.yi, eff.vi, method_re="dl").tau2 < 0
    r = pool(eff.yi, eff.vi, "DL", knha=True)
    assert r.tau2 == 0.0
    assert all(math.isfinite(x) for x in (*r.ci, *r.pi))


def test_order_of_studies_does_not_matter() -> None:
    block = PROPS["orr_zero_and_full"]
    x, n = np.array(block["data"]["xi"]), np.array(block["data"]["ni"])
    a = pool_proportions(x, n, "PFT", "REML")
    perm = np.array([3, 0, 5, 1, 4, 2])
    b = pool_proportions(x[perm], n[perm], "PFT", "REML")
    assert b.estimate == pytest.approx(a.estimate, rel=1e-12)
    assert b.tau2 == pytest.approx(a.tau2, rel=1e-9)
    assert b.estimate_bt == pytest.approx(a.estimate_bt, rel=1e-12)


def test_qprofile_bounds_solve_the_chi2_equations() -> None:
    from scipy import stats

    from meta.pooling.estimators import generalised_q

    block = PROPS["g3tox_no_zero"]
    eff = proportion_effects(block["data"]["xi"], block["data"]["ni"], "PLO")
    lo, hi = qprofile_tau2_ci(eff.yi, eff.vi)
    k = eff.k
    assert generalised_q(eff.yi, eff.vi, lo) == pytest.approx(stats.chi2.isf(0.025, k - 1), rel=1e-9)
    assert generalised_q(eff.yi, eff.vi, hi) == pytest.approx(stats.chi2.ppf(0.025, k - 1), rel=1e-9)


def test_to_dict_has_the_cli_keys() -> None:
    r = pool_proportions([10, 25, 4, 9], [31, 120, 19, 32], "PLO", "REML")
    d = r.to_dict()
    for key in ("estimate", "ci", "pi", "tau2", "tau2_ci", "i2", "h2", "q", "q_p", "k", "estimate_bt", "ci_bt", "pi_bt", "method", "measure", "test"):
        assert key in d
    assert 0 < d["estimate_bt"] < 1
    df = r.to_df()
    assert list(df["events"]) == [10, 25, 4, 9]
    assert df["weight"].sum() == pytest.approx(100.0)


@pytest.mark.parametrize(
    "yi,vi,labels,message",
    [
        ([], [], None, "Cannot pool 0"),
        ([0.1], [0.01], ["Solo"], "only 'Solo'"),
        ([0.1, float("nan")], [0.01, 0.02], ["A", "B"], "Study 'B': effect"),
        ([0.1, 0.2], [0.01, 0.0], ["A", "B"], "Study 'B': variance 0"),
        ([0.1, 0.2], [0.01, -1.0], ["A", "B"], "Study 'B': variance -1"),
        ([0.1, 0.2], [0.01, None], ["A", "B"], "Study 'B': variance is missing"),
        ([0.1, 0.2], [0.01], None, "one variance per effect"),
    ],
)
def test_bad_input_names_the_study(yi, vi, labels, message) -> None:
    with pytest.raises(PoolingError, match=message):
        pool(np.array(yi, dtype=float), np.array(vi, dtype=float), labels=labels)


def test_bad_method_and_measure() -> None:
    with pytest.raises(PoolingError, match="Invalid method 'XX'"):
        pool([0.1, 0.2], [0.01, 0.02], method="XX")
    with pytest.raises(PoolingError, match="Invalid proportion measure"):
        pool_proportions([1, 2], [10, 10], measure="OR")
    with pytest.raises(PoolingError, match="use measure='PLO'"):
        pool_proportions([1, 2], [10, 10], measure="PFT", method="GLMM")


def test_large_k_reml_is_consistent_with_pm_and_dl_order() -> None:
    rng = np.random.default_rng(1)
    k = 2000
    vi = rng.uniform(0.01, 0.1, k)
    yi = rng.normal(0.3, np.sqrt(0.04 + vi))
    r = pool(yi, vi, "REML")
    assert r.tau2 == pytest.approx(0.04, rel=0.2)
    assert r.iterations < 100


def test_local_maximum_is_set_to_zero_as_metafor_does() -> None:
    # Fisher scoring from the HE value converges to tau^2 ~ 0.49, where the restricted likelihood is
    # lower than at tau^2 = 0; metafor (ll0check) then sets tau^2 = 0 with a warning
    y = np.array([-1.0, 2.0, -1.0, 1.0, -1.0])
    v = np.array([0.015625, 2.0, 2.0, 1.0, 0.015625])
    r = pool(y, v, "REML")
    assert r.tau2 == 0.0 and r.local_maximum and "local maximum" in r.describe_method()
    assert r.to_dict()["local_maximum"] is True
    from meta.pooling.estimators import _neg_loglik

    assert _neg_loglik(y, v, 0.0, True) < _neg_loglik(y, v, 0.49, True)
    assert pool(y, v, "DL").local_maximum is False


DEFAULTS = load("default_control")


@pytest.mark.parametrize("dataset", sorted(DEFAULTS))
def test_same_scoring_path_as_metafor_under_its_default_threshold(dataset: str) -> None:
    # R: rma(yi, vi, method=M) with default control (threshold 1e-5): stopping our Fisher scoring
    # at the same threshold gives metafor's not-fully-converged values, so the paths are the same
    block = DEFAULTS[dataset]
    for measure, fits in block["measures"].items():
        eff = proportion_effects(block["data"]["xi"], block["data"]["ni"], measure)
        for method, f in fits.items():
            r = pool(eff.yi, eff.vi, method, tol=1e-5)
            assert_close(r.tau2, f["tau2"], f"{dataset}/{measure}/{method} tau2", rtol=1e-7, atol=1e-12)
            assert_close(r.estimate, f["estimate"], f"{dataset}/{measure}/{method} estimate", rtol=1e-7)


def test_pool_effects_back_transforms_by_measure() -> None:
    from meta.effects import median_effects

    med = pool_effects(median_effects([20.0, 24.0, 30.0], [15.0, 18.0, 22.0], [27.0, 32.0, 41.0]), "REML")
    assert med.scale == "median" and med.estimate_bt == pytest.approx(math.exp(med.estimate))
    assert med.ci_bt == pytest.approx(tuple(math.exp(c) for c in med.ci))
    raw = pool_effects(survival_rate_effects([0.6, 0.7, 0.65], n=[40, 80, 60]), "DL")
    assert raw.estimate_bt is None and "binomial" in raw.note
    cll = pool_effects(survival_rate_effects([0.6, 0.7, 0.65], n=[40, 80, 60], scale="cloglog"), "DL")
    lo, hi = cll.ci_bt
    assert lo < cll.estimate_bt < hi  # exp(-exp(x)) is decreasing: the bounds were swapped
    assert lo == pytest.approx(math.exp(-math.exp(cll.ci[1])))
