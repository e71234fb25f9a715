"""Sensitivity analyses, as metafor computes them.

* :func:`leave_one_out` - ``leave1out(res)``: the pool refitted without each study
* :func:`influence` - ``influence(res)``: studentized deleted residuals, DFFITS, Cook's
  distance, covariance ratio, tau^2 and Q after deletion, hat values, weights, DFBETAS and
  the "influential" flag (|DFFITS| > 3 sqrt(p/(k-p)), Cook's chi^2_p tail > 0.5,
  hat > 3p/k, |DFBETAS| > 1)
* :func:`egger_test` - ``regtest(res)``: the effects regressed on their standard errors
  (``model="rma"``: mixed-effects with the pool's tau^2 method; ``"lm"``: classic Egger,
  weighted least squares)
* :func:`trim_and_fill` - ``trimfill(res)`` with the L0 (or R0) estimator
* :func:`subgroup_analysis` - separate pools per subgroup, the test for subgroup
  differences between them (Q on G-1 df, as meta reports it) and the mixed-effects
  model with a common tau^2 (``rma(mods = ~ factor(group))``, its QM test)
* :func:`meta_regression` - one moderator (re-exported from :mod:`meta.pooling.regression`)

All take the effects and variances plus the pool's settings, and return frozen results.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Sequence

import numpy as np
from scipy import stats

from evidence.errors import PoolingError
from meta.pooling import PoolResult, pool
from meta.pooling.regression import MetaRegression, fit_mods, meta_regression

METAFOR_DEFAULT_THRESHOLD = 1e-5  # rma's control$threshold

__all__ = [
    "EggerTest",
    "Influence",
    "LeaveOneOut",
    "SubgroupAnalysis",
    "TrimAndFill",
    "egger_test",
    "influence",
    "leave_one_out",
    "meta_regression",
    "subgroup_analysis",
    "trim_and_fill",
]


def _frame(columns: dict[str, Any]) -> Any:
    import pandas as pd

    return pd.DataFrame(columns)


def _lists(obj: Any) -> dict[str, Any]:
    out = {}
    for key, value in obj.__dict__.items():
        if isinstance(value, np.ndarray):
            out[key] = value.tolist()
        elif isinstance(value, tuple):
            out[key] = list(value)
        elif isinstance(value, (PoolResult, MetaRegression)):
            out[key] = value.to_dict()
        elif isinstance(value, dict):
            out[key] = {k: (v.to_dict() if hasattr(v, "to_dict") else v) for k, v in value.items()}
        else:
            out[key] = value
    return out


@dataclass(frozen=True)
class LeaveOneOut:
    """The pool without each study in turn (row i omits ``labels[i]``)."""

    labels: tuple[str, ...]
    estimate: np.ndarray
    se: np.ndarray
    stat: np.ndarray
    p: np.ndarray
    ci_low: np.ndarray
    ci_high: np.ndarray
    q: np.ndarray
    q_p: np.ndarray
    tau2: np.ndarray
    i2: np.ndarray
    h2: np.ndarray
    method: str
    knha: bool

    def to_dict(self) -> dict[str, Any]:
        return _lists(self)

    def to_df(self) -> Any:
        d = self.to_dict()
        return _frame({k: d[k] for k in ("labels", "estimate", "se", "stat", "p", "ci_low", "ci_high", "q", "q_p", "tau2", "i2", "h2")})


def _yv(yi: Any, vi: Any, labels: Sequence[Any] | None) -> tuple[np.ndarray, np.ndarray, tuple[str, ...]]:
    from meta.pooling import check_inputs

    y, v, labs = check_inputs(yi, vi, labels)
    return y, v, labs or tuple(str(i + 1) for i in range(y.size))


def leave_one_out(
    yi: Any, vi: Any, method: str = "REML", knha: bool = False, labels: Sequence[Any] | None = None, level: float = 0.95
) -> LeaveOneOut:
    """Refit the pool k times, each time without one study (needs k >= 3)."""
    y, v, labs = _yv(yi, vi, labels)
    k = y.size
    if k < 3:
        raise PoolingError(f"Leave-one-out needs at least 3 studies; got {k}")
    fits = [pool(np.delete(y, i), np.delete(v, i), method, knha, level=level) for i in range(k)]
    col = lambda f: np.array([f(r) for r in fits], dtype=float)  # noqa: E731
    return LeaveOneOut(
        labels=labs, estimate=col(lambda r: r.estimate), se=col(lambda r: r.se), stat=col(lambda r: r.stat),
        p=col(lambda r: r.p), ci_low=col(lambda r: r.ci[0]), ci_high=col(lambda r: r.ci[1]), q=col(lambda r: r.q),
        q_p=col(lambda r: r.q_p), tau2=col(lambda r: r.tau2), i2=col(lambda r: r.i2), h2=col(lambda r: r.h2),
        method=fits[0].method, knha=bool(knha),
    )


@dataclass(frozen=True)
class Influence:
    """Case diagnostics of an intercept-only pool (metafor's ``influence.rma.uni``)."""

    labels: tuple[str, ...]
    rstudent: np.ndarray
    dffits: np.ndarray
    cook_d: np.ndarray
    cov_r: np.ndarray
    tau2_del: np.ndarray
    q_del: np.ndarray
    hat: np.ndarray
    weight: np.ndarray
    dfbetas: np.ndarray
    is_influential: np.ndarray

    def to_dict(self) -> dict[str, Any]:
        return _lists(self)

    def to_df(self) -> Any:
        d = self.to_dict()
        return _frame({k: d[k] for k in d})


def influence(
    yi: Any, vi: Any, method: str = "REML", knha: bool = False, labels: Sequence[Any] | None = None
) -> Influence:
    """Outlier and influence diagnostics for each study of the pool (needs k >= 3)."""
    y, v, labs = _yv(yi, vi, labels)
    k, p = y.size, 1
    if k < 3:
        raise PoolingError(f"Influence diagnostics need at least 3 studies; got {k}")
    full = pool(y, v, method, knha)
    vb_full = full.se**2
    w_full = 1.0 / (v + full.tau2)
    hat = w_full / w_full.sum()
    rst, dff, cook, covr, t2d, qd, dfb = (np.empty(k) for _ in range(7))
    for i in range(k):
        yd, vd = np.delete(y, i), np.delete(v, i)
        r = pool(yd, vd, method, knha)
        wd = 1.0 / (vd + r.tau2)
        s2w = float(wd @ (yd - r.estimate) ** 2) / (k - 2) if knha else 1.0
        t2d[i], qd[i] = r.tau2, r.q
        resid = y[i] - r.estimate
        if abs(resid) < 100 * np.finfo(float).eps:
            resid = 0.0
        rst[i] = resid / math.sqrt(v[i] * s2w + r.se**2 + r.tau2 * s2w)
        dff[i] = (full.estimate - r.estimate) / math.sqrt(s2w * hat[i] * (r.tau2 + v[i]))
        vb_del = 1.0 / float(np.sum(1.0 / (v + r.tau2)))
        dfb[i] = (full.estimate - r.estimate) / math.sqrt(s2w * vb_del)
        cook[i] = (full.estimate - r.estimate) ** 2 / vb_full
        covr[i] = r.se**2 / vb_full
    infl = (np.abs(dff) > 3 * math.sqrt(p / (k - p))) | (stats.chi2.cdf(cook, p) > 0.5) | (hat > 3 * p / k) | (np.abs(dfb) > 1)
    return Influence(
        labels=labs, rstudent=rst, dffits=dff, cook_d=cook, cov_r=covr, tau2_del=t2d, q_del=qd, hat=hat,
        weight=100 * hat, dfbetas=dfb, is_influential=infl,
    )


@dataclass(frozen=True)
class EggerTest:
    """Regression test for funnel-plot asymmetry: slope test and the limit estimate (intercept)."""

    model: str
    predictor: str
    stat: float
    p: float
    df: int | None
    limit_estimate: float
    limit_ci: tuple[float, float]
    slope: float
    fit: MetaRegression

    def to_dict(self) -> dict[str, Any]:
        return _lists(self)


def egger_test(
    yi: Any, vi: Any, method: str = "REML", knha: bool = False, model: str = "rma", predictor: str = "sei", level: float = 0.95
) -> EggerTest:
    """metafor's ``regtest``: regress effects on their SE (``predictor="sei"``) or variance (``"vi"``).

    ``model="rma"`` (default) fits a mixed-effects meta-regression with the pool's tau^2 method;
    ``model="lm"`` is the classic Egger test (weighted least squares, t on k-2 df).
    """
    y, v, _ = _yv(yi, vi, None)
    if y.size < 3:
        raise PoolingError(f"Egger's test needs at least 3 studies; got {y.size}")
    x = {"sei": np.sqrt(v), "vi": v, "ni": None}.get(predictor)
    if x is None:
        raise PoolingError(f"Invalid predictor {predictor!r}; expected one of ['sei', 'vi']")
    X = np.column_stack([np.ones_like(y), x])
    if model == "rma":
        fit = fit_mods(y, v, X, method, knha, level, names=("intrcpt", predictor), compute_r2=False)
    elif model == "lm":
        fit = fit_mods(y, v, X, "FE", True, level, names=("intrcpt", predictor), compute_r2=False)
    else:
        raise PoolingError(f"Invalid model {model!r}; expected one of ['rma', 'lm']")
    return EggerTest(
        model=model, predictor=predictor, stat=float(fit.stat[1]), p=float(fit.p[1]), df=fit.df,
        limit_estimate=float(fit.coef[0]), limit_ci=(float(fit.ci_low[0]), float(fit.ci_high[0])),
        slope=float(fit.coef[1]), fit=fit,
    )


@dataclass(frozen=True)
class TrimAndFill:
    """Trim-and-fill: the estimated number of missing studies, the filled pool and the filled effects."""

    k0: int
    se_k0: float
    side: str
    estimator: str
    pool: PoolResult
    fill_yi: np.ndarray
    fill_vi: np.ndarray

    def to_dict(self) -> dict[str, Any]:
        return _lists(self)


def trim_and_fill(
    yi: Any,
    vi: Any,
    method: str = "REML",
    knha: bool = False,
    side: str | None = None,
    estimator: str = "L0",
    labels: Sequence[Any] | None = None,
    maxiter: int = 100,
    refit_tol: float = METAFOR_DEFAULT_THRESHOLD,
) -> TrimAndFill:
    """Duval and Tweedie's trim and fill (metafor's ``trimfill``).

    The side is chosen from the sign of the Egger-type slope on sqrt(vi) when not given; the
    studies are mirrored about the trimmed pool's estimate and the pool refitted with them.
    metafor refits the filled data with ``rma``'s default convergence threshold (1e-5 on the
    tau^2 step), so ``refit_tol`` defaults to that; pass ``TAU2_TOL`` for a fully converged refit.
    """
    y, v, labs = _yv(yi, vi, labels)
    k = y.size
    if k < 3:
        raise PoolingError(f"Trim and fill needs at least 3 studies; got {k}")
    if estimator not in ("L0", "R0"):
        raise PoolingError(f"Invalid estimator {estimator!r}; expected one of ['L0', 'R0']")
    if side is None:
        X = np.column_stack([np.ones(k), np.sqrt(v)])
        slope = fit_mods(y, v, X, method if method != "HS" else "DL", False, compute_r2=False).coef[1]
        side = "right" if slope < 0 else "left"
    if side not in ("left", "right"):
        raise PoolingError(f"Invalid side {side!r}; expected 'left' or 'right'")
    ys = -y if side == "right" else y.copy()
    order = np.argsort(ys, kind="stable")
    ys, vs = ys[order], v[order]
    k0, k0_prev, it = 0, -1, 0
    se_k0 = 0.0
    beta = 0.0
    while k0 != k0_prev:
        k0_prev = k0
        it += 1
        if it > maxiter:
            raise PoolingError("Trim and fill did not converge")
        beta = pool(ys[: k - k0], vs[: k - k0], method).estimate
        yc = ys - beta
        ranks = np.empty(k)
        ranks[np.argsort(np.abs(yc), kind="stable")] = np.arange(1, k + 1)
        signed = np.sign(yc) * ranks
        if estimator == "L0":
            sr = float(signed[signed > 0].sum())
            k0f = (4 * sr - k * (k + 1)) / (2 * k - 1)
            var_sr = (k * (k + 1) * (2 * k + 1) + 10 * k0f**3 + 27 * k0f**2 + 17 * k0f - 18 * k * k0f**2 - 18 * k * k0f + 6 * k**2 * k0f) / 24
            se_k0 = 4 * math.sqrt(max(var_sr, 0.0)) / (2 * k - 1)
        else:
            neg = -signed[signed < 0]
            k0f = (k - (neg.max() if neg.size else 0)) - 1
            se_k0 = math.sqrt(2 * max(0.0, k0f) + 2)
        k0 = int(max(0, _round_half_even(k0f)))
        se_k0 = max(0.0, se_k0)
    if k0 > 0:
        mirrored = 2 * beta - ys[k - k0 :]
        fill_y = -mirrored if side == "right" else mirrored
        fill_v = vs[k - k0 :]
        filled = pool(
            np.concatenate([y, fill_y]), np.concatenate([v, fill_v]), method, knha,
            labels=list(labs) + [f"Filled {i + 1}" for i in range(k0)], tol=refit_tol,
        )
    else:
        fill_y, fill_v = np.zeros(0), np.zeros(0)
        filled = pool(y, v, method, knha, labels=labs)
    return TrimAndFill(k0=k0, se_k0=se_k0, side=side, estimator=estimator, pool=filled, fill_yi=fill_y, fill_vi=fill_v)


def _round_half_even(x: float) -> float:
    """R's round(): halves go to the even neighbour (IEC 60559)."""
    return float(np.round(x))


@dataclass(frozen=True)
class SubgroupAnalysis:
    """Separate pools per subgroup, the between-subgroup Q test and the common-tau^2 mixed model."""

    groups: tuple[str, ...]
    pools: dict[str, PoolResult]
    q_between: float
    q_between_df: int
    q_between_p: float
    mixed: MetaRegression | None
    method: str
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return _lists(self)

    def to_df(self) -> Any:
        rows = {
            "group": list(self.groups),
            "k": [self.pools[g].k for g in self.groups],
            "estimate": [self.pools[g].estimate for g in self.groups],
            "se": [self.pools[g].se for g in self.groups],
            "ci_low": [self.pools[g].ci[0] for g in self.groups],
            "ci_high": [self.pools[g].ci[1] for g in self.groups],
            "tau2": [self.pools[g].tau2 for g in self.groups],
            "i2": [self.pools[g].i2 for g in self.groups],
        }
        return _frame(rows)


def subgroup_analysis(
    yi: Any,
    vi: Any,
    groups: Sequence[Any],
    method: str = "REML",
    knha: bool = False,
    labels: Sequence[Any] | None = None,
    level: float = 0.95,
) -> SubgroupAnalysis:
    """Pool each subgroup separately and test for subgroup differences.

    ``q_between`` = sum_g (mu_g - mu_bar)^2 / se_g^2 with mu_bar their inverse-variance mean,
    on G-1 df (meta's test with separate tau^2 per subgroup); ``mixed`` is the meta-regression
    on subgroup indicators with one common tau^2 (metafor's ``rma(mods = ~ factor(g))``, QM test).
    Subgroups need at least 2 studies each.
    """
    y, v, labs = _yv(yi, vi, labels)
    g = [str(x) for x in groups]
    if len(g) != y.size:
        raise PoolingError(f"Got {len(g)} subgroup labels for {y.size} studies; expected one per study")
    levels = tuple(sorted(set(g)))
    if len(levels) < 2:
        raise PoolingError(f"Subgroup analysis needs at least 2 subgroups; got {list(levels)}")
    pools: dict[str, PoolResult] = {}
    for lev in levels:
        idx = [i for i, x in enumerate(g) if x == lev]
        if len(idx) < 2:
            raise PoolingError(f"Subgroup {lev!r} has {len(idx)} study; need at least 2 to pool it")
        pools[lev] = pool(y[idx], v[idx], method, knha, labels=[labs[i] for i in idx], level=level)
    est = np.array([pools[lev].estimate for lev in levels])
    w = np.array([1 / pools[lev].se ** 2 for lev in levels])
    mu = float(w @ est / w.sum())
    qb = float(w @ (est - mu) ** 2)
    df = len(levels) - 1
    X = np.column_stack([np.ones(y.size)] + [[1.0 if x == lev else 0.0 for x in g] for lev in levels[1:]])
    mixed = None
    if y.size > X.shape[1]:
        mixed = fit_mods(y, v, X, method if method != "HS" else "DL", knha, level, names=("intrcpt",) + tuple(levels[1:]))
    return SubgroupAnalysis(
        groups=levels, pools=pools, q_between=qb, q_between_df=df, q_between_p=float(stats.chi2.sf(qb, df)),
        mixed=mixed, method=method,
    )
