"""meta.glmm against metafor's rma.glmm(measure="PLO") (lme4 glmer, nAGQ = 7); relative 1e-4."""

from __future__ import annotations

import math

import numpy as np
import pytest

from evidence.errors import PoolingError
from meta.glmm import glmm_fit, glmm_loglik
from meta.pooling import pool_proportions
from meta_reference import RTOL_GLMM, assert_close, load

PROPS = load("proportions")
def logit(p: float) -> float:
    return math.log(p / (1 - p))


CASES = [(ds, m) for ds in PROPS for m in ("ML", "FE")]


@pytest.mark.parametrize("dataset,method", CASES)
def test_glmm_matches_metafor(dataset: str, method: str) -> None:
    # R: rma.glmm(measure="PLO", xi=xi, ni=ni, method=method)
    # (where we differ from lme4 our log-likelihood is the higher one: lme4 stops earlier)
    block = PROPS[dataset]
    g = block["glmm"][method]
    x, n = block["data"]["xi"], block["data"]["ni"]
    if method == "ML":
        r = pool_proportions(x, n, "PLO", "GLMM", labels=block["data"]["study"])
        fit = dict(estimate=r.estimate, se=r.se, tau2=r.tau2, i2=r.i2, h2=r.h2, q=r.q, q_wald=r.q_wald,
                   ci=r.ci, pi=r.pi, estimate_bt=r.estimate_bt, ci_bt=r.ci_bt, pi_bt=r.pi_bt, stat=r.stat, p=r.p)
    else:
        fit = glmm_fit(x, n, common=True)
        fit["estimate_bt"] = 1 / (1 + math.exp(-fit["estimate"]))
        fit["ci_bt"] = tuple(1 / (1 + math.exp(-c)) for c in fit["ci"])
        fit["pi_bt"] = None
    label = f"{dataset}/GLMM-{method}"
    for ours, theirs in [("estimate", "estimate"), ("se", "se"), ("stat", "zval"), ("i2", "I2"), ("h2", "H2"),
                         ("q", "QE_LRT"), ("q_wald", "QE_Wld"), ("estimate_bt", "estimate_bt")]:
        assert_close(fit[ours], g[theirs], f"{label} {ours}", rtol=RTOL_GLMM, atol=1e-8)
    assert_close(fit["tau2"], g["tau2"], f"{label} tau2", rtol=RTOL_GLMM, atol=1e-6)
    # interval bounds inherit the error of se (lme4's finite-difference Hessian, ~1e-4 relative):
    # compare them on the scale of their half-width
    scale = 1.96 * g["se"]
    assert_close(fit["ci"][0], g["ci_lb"], f"{label} ci_lb", rtol=0, atol=RTOL_GLMM * (abs(g["ci_lb"]) + scale))
    assert_close(fit["ci"][1], g["ci_ub"], f"{label} ci_ub", rtol=0, atol=RTOL_GLMM * (abs(g["ci_ub"]) + scale))
    for i, key in ((0, "ci_lb"), (1, "ci_ub")):  # back-transformed bounds, compared on the logit scale
        assert_close(logit(fit["ci_bt"][i]), logit(g[key + "_bt"]), f"{label} {key}_bt", rtol=0, atol=RTOL_GLMM * (abs(g[key]) + scale))
    if g["pi_lb"] is not None:
        scale = 1.96 * math.sqrt(g["se"] ** 2 + g["tau2"])
        assert_close(fit["pi"][0], g["pi_lb"], f"{label} pi_lb", rtol=0, atol=RTOL_GLMM * (abs(g["pi_lb"]) + scale))
        assert_close(fit["pi"][1], g["pi_ub"], f"{label} pi_ub", rtol=0, atol=RTOL_GLMM * (abs(g["pi_ub"]) + scale))
        for i, key in ((0, "pi_lb"), (1, "pi_ub")):
            assert_close(logit(fit["pi_bt"][i]), logit(g[key + "_bt"]), f"{label} {key}_bt", rtol=0, atol=RTOL_GLMM * (abs(g[key]) + scale))


def test_quadrature_is_exact_without_heterogeneity_and_converges_with_nodes() -> None:
    x, n = np.array([10.0, 25, 4, 9]), np.array([31.0, 120, 19, 32])
    from scipy import stats

    exact0 = float(np.sum(stats.binom.logpmf(x, n, 0.25)))
    assert glmm_loglik(x, n, math.log(1 / 3), 0.0) == pytest.approx(exact0, rel=1e-12)
    a, b = glmm_loglik(x, n, -1.0, 0.8, nodes=30), glmm_loglik(x, n, -1.0, 0.8, nodes=60)
    assert a == pytest.approx(b, rel=1e-10)


def test_glmm_refuses_all_zero_data() -> None:
    with pytest.raises(PoolingError, match="0 events"):
        pool_proportions([0, 0, 0], [10, 12, 9], "PLO", "GLMM")


def test_glmm_optimum_and_se_on_sparse_heterogeneous_data() -> None:
    # many zero cells and large tau^2: the conditional modes must be exact for a smooth likelihood
    x = np.array([0, 1, 0, 1, 6, 0, 17], dtype=float)
    n = np.array([24, 42, 7, 7, 33, 22, 53], dtype=float)
    fit = glmm_fit(x, n)
    mu, tau = fit["estimate"], math.sqrt(fit["tau2"])
    best = glmm_loglik(x, n, mu, tau)
    for dm, dt in ((1e-3, 0), (-1e-3, 0), (0, 1e-3), (0, -1e-3)):
        assert glmm_loglik(x, n, mu + dm, tau + dt) < best
    # the SE agrees with the curvature of the profile likelihood in mu
    from scipy import optimize

    def profile(m: float) -> float:
        return -optimize.minimize_scalar(lambda t: -glmm_loglik(x, n, m, t), bounds=(0.01, 10), method="bounded",
                                         options={"xatol": 1e-10}).fun

    h = 1e-3
    curv = -(profile(mu + h) - 2 * profile(mu) + profile(mu - h)) / h**2
    assert fit["se"] == pytest.approx(1 / math.sqrt(curv), rel=1e-3)
