"""meta.sensitivity and meta-regression against metafor on the BCG trials (dat.bcg, log risk ratios)."""

from __future__ import annotations

import numpy as np
import pytest

from evidence.errors import PoolingError
from meta.pooling import pool
from meta.pooling.regression import fit_mods, meta_regression
from meta.sensitivity import egger_test, influence, leave_one_out, subgroup_analysis, trim_and_fill
from meta_reference import RTOL, load

BCG = load("bcg")
D = BCG["data"]
Y, V = np.array(D["yi"]), np.array(D["vi"])


def allclose(got, ref, what: str, rtol: float = RTOL, atol: float = 1e-12) -> None:
    np.testing.assert_allclose(np.asarray(got, dtype=float), np.asarray(ref, dtype=float), rtol=rtol, atol=atol, err_msg=what)


@pytest.mark.parametrize("key", sorted(BCG["fits"]))
def test_bcg_pools(key: str) -> None:
    # R: rma(yi, vi, data=dat.bcg, method=M, test=T)
    from test_meta_pooling import check_fit

    method, test = key.split("_")
    check_fit(pool(Y, V, method, knha=test == "knha"), BCG["fits"][key], f"BCG/{key}", bt=False)


@pytest.mark.parametrize(
    "key,method,model",
    [("REML_rma_sei", "REML", "rma"), ("DL_rma_sei", "DL", "rma"), ("classic_egger_lm_sei", "FE", "lm")],
)
def test_egger_regtest(key: str, method: str, model: str) -> None:
    # R: regtest(res) ; regtest(res_fe, model="lm")
    f = BCG["regtest"][key]
    e = egger_test(Y, V, method, model=model)
    allclose(e.stat, f["zval"], "stat")
    allclose(e.p, f["pval"], "p")
    allclose(e.limit_estimate, f["est"], "limit estimate")
    allclose(e.limit_ci, [f["ci_lb"], f["ci_ub"]], "limit CI")
    assert e.df == f["dfs"]


@pytest.mark.parametrize("method", ["REML", "DL"])
def test_leave_one_out(method: str) -> None:
    # R: leave1out(res)
    f = BCG["leave1out"][method]
    r = leave_one_out(Y, V, method, labels=f["slab"])
    for ours, theirs in [("estimate", "estimate"), ("se", "se"), ("stat", "zval"), ("p", "pval"), ("ci_low", "ci_lb"),
                         ("ci_high", "ci_ub"), ("q", "Q"), ("q_p", "Qp"), ("tau2", "tau2"), ("i2", "I2"), ("h2", "H2")]:
        allclose(getattr(r, ours), f[theirs], f"leave1out {method} {ours}")
    assert list(r.to_df()["labels"]) == f["slab"]


def test_influence() -> None:
    # R: influence(rma(yi, vi, method="REML"))
    f = BCG["influence_REML"]
    r = influence(Y, V, "REML")
    for ours, theirs in [("rstudent", "rstudent"), ("dffits", "dffits"), ("cook_d", "cook_d"), ("cov_r", "cov_r"),
                         ("tau2_del", "tau2_del"), ("q_del", "QE_del"), ("hat", "hat"), ("weight", "weight"),
                         ("dfbetas", "dfbetas")]:
        allclose(getattr(r, ours), f[theirs], f"influence {ours}")
    assert r.is_influential.tolist() == f["is_infl"]


@pytest.mark.parametrize("method", ["DL", "REML", "FE"])
def test_trim_and_fill(method: str) -> None:
    # R: trimfill(res)  (L0 estimator; metafor refits the filled data with default controls)
    f = BCG["trimfill"][method]
    r = trim_and_fill(Y, V, method)
    assert r.k0 == f["k0"] and r.side == f["side"]
    allclose(r.pool.estimate, f["estimate"], "estimate")
    allclose(r.pool.se, f["se"], "se")
    allclose(r.pool.ci, [f["ci_lb"], f["ci_ub"]], "ci")
    allclose(r.pool.tau2, f["tau2"], "tau2")
    allclose(r.fill_yi, np.atleast_1d(f["fill_yi"]), "fill_yi")
    allclose(r.fill_vi, np.atleast_1d(f["fill_vi"]), "fill_vi")
    assert r.pool.k == len(Y) + r.k0


@pytest.mark.parametrize("key,knha", [("REML_z", False), ("REML_knha", True)])
def test_meta_regression_on_latitude(key: str, knha: bool) -> None:
    # R: rma(yi, vi, mods = ~ ablat, method="REML", test=T)
    f = BCG["metareg_ablat"][key]
    r = meta_regression(Y, V, D["ablat"], "REML", knha=knha, name="ablat")
    for ours, theirs in [("coef", "coef"), ("se", "se"), ("stat", "stat"), ("p", "pval"), ("ci_low", "ci_lb"),
                         ("ci_high", "ci_ub"), ("tau2", "tau2"), ("i2", "I2"), ("r2", "R2"), ("qm", "QM"),
                         ("qm_p", "QMp"), ("qe", "QE"), ("qe_p", "QEp")]:
        allclose(getattr(r, ours), f[theirs], f"metareg {key} {ours}", atol=1e-15)
    assert list(r.to_df()["term"]) == ["intrcpt", "ablat"]


def test_subgroups_by_allocation() -> None:
    # R: rma(yi, vi, mods = ~ factor(alloc)) and rma(...) per subgroup
    s = subgroup_analysis(Y, V, D["alloc"], "REML")
    for group, f in BCG["subgroup_alloc"]["separate_fits"].items():
        p = s.pools[group]
        assert p.k == f["k"]
        allclose([p.estimate, p.se, p.ci[0], p.ci[1], p.tau2, p.i2, p.q],
                 [f["estimate"], f["se"], f["ci_lb"], f["ci_ub"], f["tau2"], f["I2"], f["QE"]], f"subgroup {group}")
    m = BCG["subgroup_alloc"]["mixed_effects_common_tau2"]
    for ours, theirs in [("coef", "coef"), ("se", "se"), ("tau2", "tau2"), ("qm", "QM"), ("qm_p", "QMp"), ("qe", "QE")]:
        allclose(getattr(s.mixed, ours), m[theirs], f"mixed {ours}")
    # between-subgroup Q from the separate fits
    est = np.array([s.pools[g].estimate for g in s.groups])
    w = np.array([1 / s.pools[g].se ** 2 for g in s.groups])
    assert s.q_between == pytest.approx(float(w @ (est - w @ est / w.sum()) ** 2))
    assert s.q_between_df == 2
    assert len(s.to_df()) == 3


def test_intercept_only_regression_equals_pool() -> None:
    for method in ("REML", "ML", "DL", "PM", "EB", "HE", "FE"):
        r = fit_mods(Y, V, np.ones((len(Y), 1)), method)
        p = pool(Y, V, method)
        assert r.tau2 == pytest.approx(p.tau2, rel=1e-8, abs=1e-12), method
        assert r.coef[0] == pytest.approx(p.estimate, rel=1e-8), method


def test_sensitivity_bad_input() -> None:
    with pytest.raises(PoolingError, match="at least 3"):
        leave_one_out(Y[:2], V[:2])
    with pytest.raises(PoolingError, match="Subgroup 'b' has 1 study"):
        subgroup_analysis(Y[:4], V[:4], ["a", "a", "a", "b"])
    with pytest.raises(PoolingError, match="moderator 'dose' is missing"):
        meta_regression(Y[:4], V[:4], [1, 2, float("nan"), 4], name="dose")
    with pytest.raises(PoolingError, match="collinear"):
        fit_mods(Y[:5], V[:5], np.column_stack([np.ones(5), np.ones(5)]))


def test_regression_falls_back_like_pool_when_scoring_oscillates() -> None:
    y = np.array([0.0] * 11 + [1.0])
    v = np.array([1.0] * 11 + [0.125])
    r = fit_mods(y, v, np.ones((12, 1)), "REML")
    assert r.tau2 == pytest.approx(pool(y, v, "REML").tau2, rel=1e-6)
