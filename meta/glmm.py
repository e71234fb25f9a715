"""Binomial-normal GLMM for single-arm proportions (metafor's ``rma.glmm(measure="PLO")``).

Model: ``x_i ~ Binomial(n_i, expit(mu + tau u_i))``, ``u_i ~ N(0, 1)``; fitted by maximum
likelihood with the marginal likelihood of each study integrated by adaptive Gauss-Hermite
quadrature (the quadrature is centred at the conditional mode of ``u_i`` and scaled by its
curvature, as lme4's ``glmer(nAGQ=...)`` does; 7 nodes by default, like metafor).

This is meta's ``metaprop`` default (``method="GLMM"``): no continuity correction is
needed, studies with 0 or n events contribute through the binomial likelihood.

Heterogeneity is reported as metafor does: I^2 and H^2 from tau^2 and the typical
within-study variance of the (continuity-corrected) logits; the likelihood-ratio test of
tau^2 = 0 against the saturated model (``QE_LRT``); and the Wald test of the saturated
logistic model (``QE_Wld``), replaying R's ``glm`` iterations so that studies with 0 or n
events contribute the same small amounts as in R.
"""

from __future__ import annotations

import math
from functools import lru_cache
from typing import Any

import numpy as np
from scipy import optimize, special, stats

from evidence.errors import PoolingError

__all__ = ["DEFAULT_NODES", "glmm_fit", "glmm_loglik"]

DEFAULT_NODES = 7


def _modes(x: np.ndarray, n: np.ndarray, mu: float, tau: float) -> tuple[np.ndarray, np.ndarray]:
    """Conditional modes of u_i and the curvature -h''(u_i).

    h(u) = x (mu + tau u) - n log(1 + e^(mu + tau u)) - u^2/2 is strictly concave and its
    root of h' lies in [tau (x - n), tau x]; Newton steps are kept inside that bracket
    (bisection otherwise), so every study converges to machine precision.
    """
    if tau == 0:
        return np.zeros_like(x), np.ones_like(x)
    lo = tau * (x - n) - 1e-12
    hi = tau * x + 1e-12
    # start from the normal approximation: shrink the empirical logit towards mu
    pe = (x + 0.5) / (n + 1.0)
    ve = 1.0 / ((n + 1.0) * pe * (1 - pe))
    u = np.clip(tau * (np.log(pe / (1 - pe)) - mu) / (tau * tau + ve), lo, hi)
    for _ in range(200):
        p = special.expit(mu + tau * u)
        g = tau * (x - n * p) - u
        lo = np.where(g > 0, u, lo)
        hi = np.where(g < 0, u, hi)
        h = tau * tau * n * p * (1 - p) + 1.0
        new = u + g / h
        outside = (new < lo) | (new > hi)
        new = np.where(outside, 0.5 * (lo + hi), new)
        step = np.abs(new - u)
        u = new
        if np.all(step <= 1e-14 * (1.0 + np.abs(u))):
            break
    p = special.expit(mu + tau * u)
    return u, tau * tau * n * p * (1 - p) + 1.0


@lru_cache(maxsize=8)
def _nodes(count: int) -> tuple[np.ndarray, np.ndarray]:
    """Gauss-Hermite nodes and weights (weight function exp(-z^2))."""
    return np.polynomial.hermite.hermgauss(count)


def _log_binom(x: np.ndarray, n: np.ndarray, eta: np.ndarray) -> np.ndarray:
    # x * eta - n * log(1 + exp(eta)), stable
    return x * eta - n * np.logaddexp(0.0, eta)


def glmm_loglik(x: np.ndarray, n: np.ndarray, mu: float, tau: float, nodes: int = DEFAULT_NODES) -> float:
    """Marginal log-likelihood (with binomial coefficients) at (mu, tau) by adaptive Gauss-Hermite."""
    const = float(np.sum(special.gammaln(n + 1) - special.gammaln(x + 1) - special.gammaln(n - x + 1)))
    tau = abs(tau)
    if tau == 0:
        return const + float(np.sum(_log_binom(x, n, np.full_like(x, mu))))
    z, w = _nodes(nodes)
    u_hat, curv = _modes(x, n, mu, tau)
    sigma = 1.0 / np.sqrt(curv)
    u = u_hat[:, None] + math.sqrt(2.0) * sigma[:, None] * z[None, :]
    h = _log_binom(x[:, None], n[:, None], mu + tau * u) - 0.5 * u * u
    logs = special.logsumexp(h + z[None, :] ** 2, b=w[None, :], axis=1)
    li = logs + np.log(sigma) + 0.5 * math.log(2.0) - 0.5 * math.log(2 * math.pi)
    return const + float(li.sum())


def _hessian(f: Any, p: np.ndarray, steps: np.ndarray) -> np.ndarray:
    d = p.size
    H = np.zeros((d, d))
    f0 = f(p)
    for i in range(d):
        ei = np.zeros(d)
        ei[i] = steps[i]
        H[i, i] = (f(p + ei) - 2 * f0 + f(p - ei)) / steps[i] ** 2
        for j in range(i + 1, d):
            ej = np.zeros(d)
            ej[j] = steps[j]
            H[i, j] = H[j, i] = (f(p + ei + ej) - f(p + ei - ej) - f(p - ei + ej) + f(p - ei - ej)) / (4 * steps[i] * steps[j])
    return H


def _saturated_wald(x: np.ndarray, n: np.ndarray) -> float:
    """Wald test that all study logits are equal, from R's glm IRLS on the saturated model.

    glm starts at mu = (x + 0.5)/(n + 1) and stops when the relative deviance change is
    below 1e-8 (at most 25 iterations); with 0 or n events the logit drifts towards
    -inf/+inf and the study's weight n p (1-p) becomes tiny, as in R.
    """
    p = (x + 0.5) / (n + 1.0)
    eta = special.logit(p)

    def deviance(eta: np.ndarray) -> float:
        pr = special.expit(eta)
        with np.errstate(divide="ignore", invalid="ignore"):
            a = np.where(x > 0, x * np.log(x / (n * pr)), 0.0)
            b = np.where(n - x > 0, (n - x) * np.log((n - x) / (n * (1 - pr))), 0.0)
        return float(2 * np.sum(a + b))

    dev_old = deviance(eta)
    for _ in range(25):
        pr = special.expit(eta)
        wt = n * pr * (1 - pr)
        eta = eta + (x - n * pr) / wt
        dev = deviance(eta)
        if abs(dev - dev_old) / (abs(dev) + 0.1) < 1e-8:
            break
        dev_old = dev
    pr = special.expit(eta)
    wt = n * pr * (1 - pr)
    mu = float(wt @ eta) / float(wt.sum())
    return float(wt @ (eta - mu) ** 2)


def _lrt_q(x: np.ndarray, n: np.ndarray) -> float:
    """Deviance of the common-proportion binomial model against the saturated model."""
    p = x.sum() / n.sum()
    with np.errstate(divide="ignore", invalid="ignore"):
        a = np.where(x > 0, x * np.log(x / (n * p)), 0.0)
        b = np.where(n - x > 0, (n - x) * np.log((n - x) / (n * (1 - p))), 0.0)
    return float(2 * np.sum(a + b))


def glmm_fit(
    events: Any,
    totals: Any,
    level: float = 0.95,
    knha: bool = False,
    nodes: int = DEFAULT_NODES,
    common: bool = False,
) -> dict[str, Any]:
    """Fit the binomial-normal GLMM by ML; return the fields of a :class:`meta.pooling.PoolResult`.

    ``knha=True`` uses t on k-1 df for the CI/PI (metafor's ``test="t"``); ``common=True``
    fits the fixed-effect logistic model (tau^2 = 0).  ``weights`` are empty (a GLMM has none).
    """
    x = np.asarray(events, dtype=float)
    n = np.asarray(totals, dtype=float)
    k = x.size
    if k < 2:
        raise PoolingError(f"Cannot fit a GLMM to {k} stud{'y' if k == 1 else 'ies'}; need at least 2")
    if x.sum() == 0 or x.sum() == n.sum():
        raise PoolingError("Every study has 0 events (or every study has all events): the logit GLMM has no finite estimate")
    mu0 = float(special.logit(x.sum() / n.sum()))

    def nll(par: np.ndarray) -> float:
        return -glmm_loglik(x, n, float(par[0]), float(par[1]), nodes)

    if common:
        res = optimize.minimize_scalar(lambda m: nll(np.array([m, 0.0])), bracket=(mu0 - 1, mu0 + 1))
        mu, tau = float(res.x), 0.0
    else:
        # start from the DL estimate on continuity-corrected logits
        xc = np.where((x == 0) | (x == n), x + 0.5, x)
        nc = np.where((x == 0) | (x == n), n + 1.0, n)
        yi = np.log(xc / (nc - xc))
        vi = 1 / xc + 1 / (nc - xc)
        wi = 1 / vi
        q = float(wi @ (yi - (wi @ yi) / wi.sum()) ** 2)
        tau2_dl = max(0.0, (q - (k - 1)) / (wi.sum() - (wi @ wi) / wi.sum()))
        best = None
        # one start from the DL value; a second, wider one when the first ends near tau = 0
        for start in (math.sqrt(tau2_dl) + 0.1, 1.0):
            r = optimize.minimize(
                nll, np.array([mu0, start]), method="L-BFGS-B", bounds=[(None, None), (0.0, 50.0)],
                options={"ftol": 1e-13, "gtol": 1e-9, "maxiter": 1000},
            )
            if best is None or r.fun < best.fun:
                best = r
            if best.x[1] > 0.05:
                break
        assert best is not None
        mu, tau = float(best.x[0]), float(best.x[1])
        # polish: Newton steps on the interior optimum
        if tau > 1e-4:
            p = np.array([mu, tau])
            for _ in range(10):
                steps = np.array([1e-4, 1e-4 * max(tau, 0.1)])
                H = _hessian(nll, p, steps)
                g = np.array([(nll(p + np.eye(2)[i] * steps[i]) - nll(p - np.eye(2)[i] * steps[i])) / (2 * steps[i]) for i in range(2)])
                try:
                    delta = np.linalg.solve(H, g)
                except np.linalg.LinAlgError:
                    break
                if not np.all(np.isfinite(delta)) or p[1] - delta[1] <= 0:
                    break
                cand = p - delta
                f_old, f_new = nll(p), nll(cand)
                if f_new > f_old + 1e-12:
                    break
                p = cand
                if np.max(np.abs(delta)) < 1e-9 or f_old - f_new < 1e-13:
                    break
            mu, tau = float(p[0]), float(p[1])
        else:
            tau = 0.0 if nll(np.array([mu, 0.0])) <= nll(np.array([mu, tau])) else tau
            if tau == 0.0:
                res = optimize.minimize_scalar(lambda m: nll(np.array([m, 0.0])), bracket=(mu - 1, mu + 1))
                mu = float(res.x)
    # standard error of mu from the observed information (full Hessian when tau > 0)
    if tau > 1e-4:
        H = _hessian(nll, np.array([mu, tau]), np.array([1e-4, 1e-4 * max(tau, 0.1)]))
        try:
            cov = np.linalg.inv(H)
            se = math.sqrt(cov[0, 0]) if cov[0, 0] > 0 else math.nan
        except np.linalg.LinAlgError:
            se = math.nan
    else:
        h = 1e-4
        hmm = (nll(np.array([mu + h, tau])) - 2 * nll(np.array([mu, tau])) + nll(np.array([mu - h, tau]))) / h**2
        se = 1 / math.sqrt(hmm)
    if not math.isfinite(se):
        raise PoolingError("GLMM: the information matrix is singular at the estimate; no standard error")
    tau2 = tau * tau
    # heterogeneity statistics as metafor reports them
    xc = np.where((x == 0) | (x == n), x + 0.5, x)
    nc = np.where((x == 0) | (x == n), n + 1.0, n)
    vi = 1 / xc + 1 / (nc - xc)
    wi = 1 / vi
    s2 = (k - 1) * wi.sum() / (wi.sum() ** 2 - (wi @ wi))
    i2 = 100 * tau2 / (tau2 + s2)
    h2 = (tau2 + s2) / s2
    q_lrt = _lrt_q(x, n)
    q_wald = _saturated_wald(x, n)
    df = k - 1
    if knha:
        crit = float(stats.t.ppf(0.5 + level / 2, df))
        stat = mu / se
        pval = float(2 * stats.t.sf(abs(stat), df))
    else:
        crit = float(stats.norm.ppf(0.5 + level / 2))
        stat = mu / se
        pval = float(2 * stats.norm.sf(abs(stat)))
    ci = (mu - crit * se, mu + crit * se)
    pi = None if common else (mu - crit * math.sqrt(se * se + tau2), mu + crit * math.sqrt(se * se + tau2))
    return dict(
        estimate=mu, se=se, ci=ci, pi=pi, tau2=tau2, tau2_ci=None, i2=i2, h2=h2, q=q_lrt,
        q_p=float(stats.chi2.sf(q_lrt, df)), k=k, weights=np.zeros(0), method="GLMM", knha=bool(knha),
        test="t" if knha else "z", df=df if knha else None, stat=stat, p=pval, level=level,
        loglik=-nll(np.array([mu, tau])), q_wald=q_wald, q_wald_p=float(stats.chi2.sf(q_wald, df)),
    )
