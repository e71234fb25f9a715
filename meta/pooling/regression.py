"""Mixed-effects meta-regression (metafor's ``rma(yi, vi, mods=...)``) for small k.

Works with the k x k projection ``P = W - W X (X'WX)^-1 X'W``; meant for moderators,
Egger-type tests and subgroup models (k up to a few thousand).  The intercept-only model
has the O(k) kernels of :mod:`meta.pooling.estimators`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Sequence

import numpy as np
from scipy import optimize, stats

from evidence.errors import PoolingError
from meta.pooling.estimators import LL0_TOL, MAX_ITER, SCORING_ITER, TAU2_TOL, tau2_estimate

__all__ = ["MetaRegression", "meta_regression", "fit_mods"]

_REG_METHODS = ("FE", "DL", "REML", "ML", "PM", "HE", "SJ", "EB")


@dataclass(frozen=True)
class MetaRegression:
    """Coefficients, their tests, residual heterogeneity and the omnibus moderator test."""

    names: tuple[str, ...]
    coef: np.ndarray
    se: np.ndarray
    stat: np.ndarray
    p: np.ndarray
    ci_low: np.ndarray
    ci_high: np.ndarray
    vcov: np.ndarray
    tau2: float
    i2: float
    h2: float
    r2: float | None
    qm: float
    qm_p: float
    qm_df: tuple[int, ...]
    qe: float
    qe_p: float
    k: int
    method: str
    knha: bool
    test: str
    df: int | None
    s2w: float = 1.0
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "names": list(self.names),
            "coef": self.coef.tolist(),
            "se": self.se.tolist(),
            "stat": self.stat.tolist(),
            "p": self.p.tolist(),
            "ci_low": self.ci_low.tolist(),
            "ci_high": self.ci_high.tolist(),
            "tau2": self.tau2,
            "i2": self.i2,
            "h2": self.h2,
            "r2": self.r2,
            "qm": self.qm,
            "qm_p": self.qm_p,
            "qm_df": list(self.qm_df),
            "qe": self.qe,
            "qe_p": self.qe_p,
            "k": self.k,
            "method": self.method,
            "test": self.test,
            "df": self.df,
        }

    def to_df(self) -> Any:
        import pandas as pd

        return pd.DataFrame(
            {"term": list(self.names), "coef": self.coef, "se": self.se, "stat": self.stat, "p": self.p,
             "ci_low": self.ci_low, "ci_high": self.ci_high}
        )


def _proj(X: np.ndarray, w: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(P, (X'WX)^-1) for weights w."""
    XtW = X.T * w
    inv = np.linalg.inv(XtW @ X)
    P = np.diag(w) - XtW.T @ inv @ XtW
    return P, inv


def _neg_ll(y: np.ndarray, v: np.ndarray, X: np.ndarray, tau2: float, method: str) -> float:
    w = 1.0 / (v + tau2)
    P, inv = _proj(X, w)
    out = 0.5 * (float(np.log(v + tau2).sum()) + float(y @ P @ y))
    if method == "REML":
        out -= 0.5 * float(np.linalg.slogdet(inv)[1])  # + 1/2 log det(X'WX)
    return out


def _tau2_mods(y: np.ndarray, v: np.ndarray, X: np.ndarray, method: str, tol: float, maxiter: int) -> float:
    k, p = X.shape
    if method == "FE":
        return 0.0
    P0, _ = _proj(X, 1.0 / v)
    if method == "DL":
        return max(0.0, (float(y @ P0 @ y) - (k - p)) / float(np.trace(P0)))
    Pols, _ = _proj(X, np.ones(k))
    he = (float(y @ Pols @ y) - float(np.sum(np.diag(Pols) * v))) / (k - p)
    if method == "HE":
        return max(0.0, he)
    if method == "SJ":
        t0 = float(np.var(y)) * 1.0
        if t0 <= 0:
            return 0.0
        P, _ = _proj(X, 1.0 / (v + t0))
        return t0 * float(y @ P @ y) / (k - p)
    if method == "PM":
        def f(t: float) -> float:
            P, _ = _proj(X, 1.0 / (v + t))
            return float(y @ P @ y) - (k - p)

        if f(0.0) <= 0:
            return 0.0
        hi = max(1.0, 10 * float(np.var(y)))
        while f(hi) > 0:
            hi *= 10
        return float(optimize.brentq(f, 0.0, hi, xtol=tol * 1e-2, rtol=4 * np.finfo(float).eps))
    tau2 = max(0.0, he)
    for _ in range(min(maxiter, SCORING_ITER)):
        w = 1.0 / (v + tau2)
        P, _ = _proj(X, w)
        Py = P @ y
        if method == "REML":
            adj = (float(Py @ Py) - float(np.trace(P))) / float(np.sum(P * P))
        elif method == "ML":
            adj = (float(Py @ Py) - float(w.sum())) / float(w @ w)
        else:  # EB
            adj = (float(y @ Py) * k / (k - p) - k) / float(w.sum())
        while tau2 + adj < 0:
            adj /= 2
        tau2 += adj
        if abs(adj) < tol:
            if method != "EB" and tau2 > tol and _neg_ll(y, v, X, 0.0, method) < _neg_ll(y, v, X, tau2, method) - LL0_TOL:
                return 0.0  # metafor's ll0check: a local maximum below the likelihood at tau^2 = 0
            return tau2
    # scoring did not settle: EB solves y'Py = k - p (as PM); ML/REML maximise the likelihood directly
    if method == "EB":
        return _tau2_mods(y, v, X, "PM", tol, maxiter)
    scale = max(float(np.var(y)), float(np.mean(v)), 1e-12)
    grid = np.concatenate([[0.0], np.geomspace(1e-10 * scale, 1e3 * scale, 200)])
    values = [_neg_ll(y, v, X, float(t), method) for t in grid]
    i = int(np.argmin(values))
    res = optimize.minimize_scalar(
        lambda t: _neg_ll(y, v, X, t, method), bounds=(grid[max(i - 1, 0)], grid[min(i + 1, grid.size - 1)]),
        method="bounded", options={"xatol": max(tol, 1e-15 * scale)},
    )
    return float(res.x) if res.fun <= values[i] else float(grid[i])


def fit_mods(
    yi: Any,
    vi: Any,
    X: Any,
    method: str = "REML",
    knha: bool = False,
    level: float = 0.95,
    names: Sequence[str] | None = None,
    btt: Sequence[int] | None = None,
    tol: float = TAU2_TOL,
    compute_r2: bool = True,
) -> MetaRegression:
    """Fit ``rma(yi, vi, mods=X, intercept=FALSE)`` with design matrix ``X`` (k x p, include the intercept column).

    ``btt`` are the columns tested by the omnibus QM test (default: all but an all-ones first column).
    """
    y = np.asarray(yi, dtype=float)
    v = np.asarray(vi, dtype=float)
    X = np.asarray(X, dtype=float)
    if X.ndim == 1:
        X = X[:, None]
    k, p = X.shape
    method = str(method).upper()
    if method not in _REG_METHODS:
        raise PoolingError(f"Invalid method {method!r} for meta-regression; expected one of {list(_REG_METHODS)}")
    if y.size != k or v.size != k:
        raise PoolingError(f"Got {y.size} effects, {v.size} variances and {k} design rows; expected equal numbers")
    if k <= p:
        raise PoolingError(f"Cannot fit {p} coefficients to {k} studies; need more studies than coefficients")
    if not (np.all(np.isfinite(y)) and np.all(np.isfinite(v)) and np.all(np.isfinite(X))):
        raise PoolingError("Meta-regression inputs contain missing or non-finite values")
    if np.any(v <= 0):
        raise PoolingError(f"Study {int(np.flatnonzero(v <= 0)[0]) + 1}: variance must be positive")
    if np.linalg.matrix_rank(X) < p:
        raise PoolingError("The moderators are collinear (design matrix not of full rank)")
    tau2 = _tau2_mods(y, v, X, method, tol, MAX_ITER)
    w0 = 1.0 / v
    P0, _ = _proj(X, w0)
    qe = float(y @ P0 @ y)
    s2 = (k - p) / float(np.trace(P0))
    if method == "FE":
        i2 = max(0.0, 100 * (qe - (k - p)) / qe) if qe > 0 else 0.0
        h2 = qe / (k - p)
    else:
        i2 = 100 * tau2 / (tau2 + s2)
        h2 = (tau2 + s2) / s2
    w = 1.0 / (v + tau2)
    P, vb = _proj(X, w)
    beta = vb @ (X.T * w) @ y
    s2w = 1.0
    df = None
    if knha:
        s2w = float(y @ P @ y) / (k - p)
        vb = vb * s2w
        df = k - p
    se = np.sqrt(np.diag(vb))
    stat = beta / se
    if btt is None:
        btt = list(range(1, p)) if p > 1 and np.allclose(X[:, 0], 1.0) else list(range(p))
    btt = list(btt)
    m = len(btt)
    b = beta[btt]
    qm = float(b @ np.linalg.solve(vb[np.ix_(btt, btt)], b)) if m else math.nan
    if knha:
        crit = float(stats.t.ppf(0.5 + level / 2, df))
        pv = 2 * stats.t.sf(np.abs(stat), df)
        qm = qm / m if m else qm
        qm_p = float(stats.f.sf(qm, m, df)) if m else math.nan
        qm_df = (m, int(df))
    else:
        crit = float(stats.norm.ppf(0.5 + level / 2))
        pv = 2 * stats.norm.sf(np.abs(stat))
        qm_p = float(stats.chi2.sf(qm, m)) if m else math.nan
        qm_df = (m,)
    r2 = None
    if compute_r2 and method != "FE" and p > 1:
        tau2_0, _ = tau2_estimate(y, v, method, tol=tol)
        r2 = max(0.0, 100 * (tau2_0 - tau2) / tau2_0) if tau2_0 > 0 else None
    names = tuple(names) if names is not None else tuple(f"x{i}" for i in range(p))
    return MetaRegression(
        names=names, coef=beta, se=se, stat=stat, p=np.asarray(pv), ci_low=beta - crit * se, ci_high=beta + crit * se,
        vcov=vb, tau2=tau2, i2=i2, h2=h2, r2=r2, qm=qm, qm_p=qm_p, qm_df=qm_df, qe=qe,
        qe_p=float(stats.chi2.sf(qe, k - p)), k=k, method=method, knha=bool(knha), test="t" if knha else "z",
        df=df, s2w=s2w,
    )


def meta_regression(
    yi: Any,
    vi: Any,
    moderator: Any,
    method: str = "REML",
    knha: bool = False,
    level: float = 0.95,
    name: str = "moderator",
) -> MetaRegression:
    """Meta-regression on one numeric moderator (e.g. RT dose in Gy, publication year): ``mods = ~ x``."""
    x = np.asarray(moderator, dtype=float)
    if not np.all(np.isfinite(x)):
        i = int(np.flatnonzero(~np.isfinite(x))[0])
        raise PoolingError(f"Study {i + 1}: moderator {name!r} is missing")
    X = np.column_stack([np.ones_like(x), x])
    return fit_mods(yi, vi, X, method, knha, level, names=("intrcpt", name))
