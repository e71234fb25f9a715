"""Vectorised tau^2 estimators for the intercept-only random-effects model (pure numpy).

All kernels work on 1-d arrays ``y`` (effects) and ``v`` (sampling variances) with
O(k) memory: no k x k matrix is formed.  They follow metafor's ``rma.uni``:

========  ==================================================================
FE        tau^2 = 0 (common effect)
DL        DerSimonian-Laird, (Q - (k-1)) / (sum w - sum w^2 / sum w), truncated at 0
HE        Hedges (OLS residuals), truncated at 0
HS        Hunter-Schmidt, (Q - k) / sum w, truncated at 0
SJ        Sidik-Jonkman, one step from var(y)(k-1)/k
ML, REML  Fisher scoring from the HE value, step halving at the 0 bound, then metafor's
          check that the likelihood at tau^2 = 0 is not higher (else 0); where scoring
          oscillates (metafor stops with "did not converge") the likelihood is maximised
          directly (grid, then bounded Brent)
EB        empirical Bayes (Morris) iteration
PM        Paule-Mandel: generalised Q(tau^2) = k - 1 by a bracketing root finder
========  ==================================================================
"""

from __future__ import annotations

import math

import numpy as np
from scipy import optimize

from evidence.errors import PoolingError

__all__ = ["METHODS", "TAU2_TOL", "generalised_q", "tau2_estimate"]

METHODS = ("FE", "DL", "REML", "ML", "PM", "SJ", "HE", "HS", "EB")
TAU2_TOL = 1e-12
MAX_ITER = 10_000
SCORING_ITER = 1_000  # Fisher scoring steps before falling back to direct maximisation
LL0_TOL = 1e-12  # metafor's ll0check: tau^2 = 0 when its likelihood is higher by more than this
DIRECT = -1  # ``iterations`` code: scoring did not converge, likelihood maximised directly
SET_TO_ZERO = -2  # ``iterations`` code: scoring ended at a local maximum below the likelihood at 0
ZERO_LOCAL = -3  # ``iterations`` code: tau^2 = 0 is only a local maximum (metafor reports it too)


def generalised_q(y: np.ndarray, v: np.ndarray, tau2: float) -> float:
    """sum w (y - mu_w)^2 with w = 1/(v + tau2): Cochran's Q at tau2 = 0, decreasing in tau2."""
    w = 1.0 / (v + tau2)
    mu = float(w @ y) / float(w.sum())
    r = y - mu
    return float(w @ (r * r))


def _he(y: np.ndarray, v: np.ndarray) -> float:
    k = y.size
    r = y - y.mean()
    return (float(r @ r) - (float(v.sum()) - float(v.sum()) / k)) / (k - 1)


def _dl(y: np.ndarray, v: np.ndarray) -> float:
    w = 1.0 / v
    sw = float(w.sum())
    q = generalised_q(y, v, 0.0)
    return max(0.0, (q - (y.size - 1)) / (sw - float(w @ w) / sw))


def _hs(y: np.ndarray, v: np.ndarray) -> float:
    w = 1.0 / v
    return max(0.0, (generalised_q(y, v, 0.0) - y.size) / float(w.sum()))


def _sj(y: np.ndarray, v: np.ndarray) -> float:
    k = y.size
    r = y - y.mean()
    tau2_0 = float(r @ r) / k
    if tau2_0 <= 0:
        return 0.0
    return tau2_0 * generalised_q(y, v, tau2_0) / (k - 1)


def _pm(y: np.ndarray, v: np.ndarray, tol: float) -> float:
    k = y.size
    target = k - 1.0
    if generalised_q(y, v, 0.0) <= target:
        return 0.0
    hi = max(1.0, 10.0 * float(np.var(y)), 10.0 * float(v.max()))
    while generalised_q(y, v, hi) > target:
        hi *= 10.0
        if hi > 1e300:
            raise PoolingError("Paule-Mandel: no tau^2 solves the generalised Q equation")
    return float(optimize.brentq(lambda t: generalised_q(y, v, t) - target, 0.0, hi, xtol=tol * 1e-2, rtol=4 * np.finfo(float).eps, maxiter=1000))


def _scoring(y: np.ndarray, v: np.ndarray, method: str, tol: float, maxiter: int) -> tuple[float, int]:
    """Fisher scoring for ML/REML and the Morris iteration for EB, as metafor runs them."""
    k = y.size
    tau2 = max(0.0, _he(y, v))
    for it in range(1, min(maxiter, SCORING_ITER) + 1):
        w = 1.0 / (v + tau2)
        sw = float(w.sum())
        mu = float(w @ y) / sw
        r = y - mu
        wr = w * r
        if method == "REML":
            w2 = w * w
            sw2 = float(w2.sum())
            tr_p = sw - sw2 / sw
            tr_pp = sw2 - 2.0 * float(w2 @ w) / sw + (sw2 / sw) ** 2
            adj = (float(wr @ wr) - tr_p) / tr_pp
        elif method == "ML":
            sw2 = float(w @ w)
            adj = (float(wr @ wr) - sw) / sw2
        else:  # EB
            adj = (float(wr @ r) * k / (k - 1) - k) / sw
        if not math.isfinite(adj):
            break
        while tau2 + adj < 0:
            adj /= 2.0
        tau2 += adj
        if abs(adj) < tol:
            if method != "EB" and tau2 > tol and _neg_loglik(y, v, 0.0, method == "REML") < _neg_loglik(y, v, tau2, method == "REML") - LL0_TOL:
                # metafor's ll0check: "Fisher scoring may have gotten stuck at a local maximum; setting tau^2 = 0"
                return 0.0, SET_TO_ZERO
            if method != "EB" and tau2 <= tol and _interior_is_higher(y, v, method == "REML"):
                return tau2, ZERO_LOCAL
            return tau2, it
    # scoring did not settle (it can oscillate between two values): maximise directly
    if method == "EB":
        return _pm(y, v, tol), DIRECT
    return _maximise(y, v, method, tol), DIRECT


def _interior_is_higher(y: np.ndarray, v: np.ndarray, reml: bool) -> bool:
    """Whether some tau^2 > 0 on a coarse log grid has a higher likelihood than tau^2 = 0."""
    scale = max(float(np.var(y)), float(np.mean(v)), 1e-12)
    at_zero = _neg_loglik(y, v, 0.0, reml)
    return any(_neg_loglik(y, v, float(t), reml) < at_zero - 1e-9 for t in np.geomspace(1e-4 * scale, 1e2 * scale, 40))


def _neg_loglik(y: np.ndarray, v: np.ndarray, tau2: float, reml: bool) -> float:
    w = 1.0 / (v + tau2)
    sw = float(w.sum())
    mu = float(w @ y) / sw
    r = y - mu
    out = 0.5 * (float(np.log(v + tau2).sum()) + float(w @ (r * r)))
    return out + 0.5 * math.log(sw) if reml else out


def _maximise(y: np.ndarray, v: np.ndarray, method: str, tol: float) -> float:
    """ML/REML tau^2 by a log-spaced grid over [0, 1000 s] and bounded Brent around the best point."""
    reml = method == "REML"
    scale = max(float(np.var(y)), float(np.mean(v)), 1e-12)
    grid = np.concatenate([[0.0], np.geomspace(1e-10 * scale, 1e3 * scale, 400)])
    values = np.array([_neg_loglik(y, v, t, reml) for t in grid])
    i = int(np.argmin(values))
    lo, hi = grid[max(i - 1, 0)], grid[min(i + 1, grid.size - 1)]
    res = optimize.minimize_scalar(
        lambda t: _neg_loglik(y, v, t, reml), bounds=(lo, hi), method="bounded",
        options={"xatol": max(tol, 1e-15 * scale), "maxiter": 1000},
    )
    best = float(res.x)
    return best if _neg_loglik(y, v, best, reml) <= values[i] else float(grid[i])


def tau2_estimate(y: np.ndarray, v: np.ndarray, method: str = "REML", tol: float = TAU2_TOL, maxiter: int = MAX_ITER) -> tuple[float, int]:
    """Return (tau^2, iterations) by ``method`` for effects ``y`` with variances ``v`` (k >= 2).

    ``iterations`` is 0 for closed forms, ``DIRECT`` (-1) where Fisher scoring did not converge
    and the likelihood was maximised directly instead, and ``SET_TO_ZERO`` (-2) where scoring
    ended at a local maximum with a lower likelihood than tau^2 = 0, which metafor then reports
    (its ``ll0check``), and ``ZERO_LOCAL`` (-3) where scoring ended at tau^2 = 0 but a larger
    tau^2 has a higher likelihood (metafor reports 0 as well; we keep it and say so).
    """
    if method == "FE":
        return 0.0, 0
    if method == "DL":
        return _dl(y, v), 0
    if method == "HE":
        return max(0.0, _he(y, v)), 0
    if method == "HS":
        return _hs(y, v), 0
    if method == "SJ":
        return _sj(y, v), 0
    if method == "PM":
        return _pm(y, v, tol), 0
    if method in ("REML", "ML", "EB"):
        return _scoring(y, v, method, tol, maxiter)
    raise PoolingError(f"Invalid method {method!r}; expected one of {list(METHODS)}")
