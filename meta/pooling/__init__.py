"""Pooling that reproduces metafor's ``rma.uni`` (and ``rma.glmm`` for proportions).

One convenience call on top of pure numpy kernels (:mod:`meta.pooling.estimators`):

* :func:`pool` - effects ``yi`` with variances ``vi`` -> :class:`PoolResult`
* :func:`pool_proportions` - events/totals -> :class:`ProportionPool` (``method="GLMM"``
  fits the binomial-normal model of :mod:`meta.glmm`)
* :func:`pool_effects` - an :class:`meta.effects.Effects` -> the right result, back-transformed

Conventions (metafor's): the CI uses z, or t on k-1 df with Knapp-Hartung
(``knha=True``: SE scaled by ``sqrt(sum w (y - mu)^2 / (k-1))``, not truncated at 1);
the prediction interval is ``mu +/- crit sqrt(se^2 + tau^2)`` with the same ``crit``;
Q uses the fixed-effect weights; I^2 = 100 tau^2 / (tau^2 + s^2) and
H^2 = (tau^2 + s^2) / s^2 with the typical within-study variance
``s^2 = (k-1) sum w / ((sum w)^2 - sum w^2)``; for FE, I^2 = max(0, (Q-df)/Q) and H^2 = Q/df.
"""

from __future__ import annotations

import math
from typing import Any, Sequence

import numpy as np
from scipy import optimize, stats

from evidence.errors import PoolingError
from meta.effects import PROPORTION_MEASURES, Effects, back_transform, proportion_effects
from meta.pooling.estimators import METHODS, SET_TO_ZERO, TAU2_TOL, ZERO_LOCAL, generalised_q, tau2_estimate
from meta.pooling.results import PoolResult, ProportionPool

__all__ = [
    "METHODS",
    "PoolResult",
    "ProportionPool",
    "pool",
    "pool_effects",
    "pool_proportions",
    "qprofile_tau2_ci",
]


def _check_level(level: float) -> float:
    if not 0 < float(level) < 1:
        raise PoolingError(f"Invalid level {level!r}; expected a number between 0 and 1 (e.g. 0.95)")
    return float(level)


def _check_method(method: str, allowed: Sequence[str] = METHODS) -> str:
    m = str(method).upper()
    if m not in allowed:
        raise PoolingError(f"Invalid method {method!r}; expected one of {list(allowed)}")
    return m


def check_inputs(yi: Any, vi: Any, labels: Sequence[Any] | None) -> tuple[np.ndarray, np.ndarray, tuple[str, ...]]:
    """Validate effects and variances: same length, k >= 2, finite, variances > 0; name the study at fault.

    Returns the arrays and the labels (empty when none were given: results then number the studies 1..k).
    """
    y = np.atleast_1d(np.asarray(yi, dtype=float)).ravel()
    v = np.atleast_1d(np.asarray(vi, dtype=float)).ravel()
    if y.size != v.size:
        raise PoolingError(f"Got {y.size} effects and {v.size} variances; expected one variance per effect")
    if labels is None:
        labs: tuple[str, ...] = ()
    elif isinstance(labels, tuple) and all(type(x) is str for x in labels):
        labs = labels
    else:
        labs = tuple(str(x) for x in labels)
    if labels is not None and len(labs) != y.size:
        raise PoolingError(f"Got {len(labs)} labels for {y.size} studies; expected one label per study")
    name = lambda i: labs[i] if labs else str(i + 1)  # noqa: E731
    if y.size < 2:
        who = f" (only {name(0)!r})" if y.size == 1 else ""
        raise PoolingError(f"Cannot pool {y.size} stud{'y' if y.size == 1 else 'ies'}{who}; need at least 2")
    bad_y = ~np.isfinite(y)
    bad_v = ~np.isfinite(v) | (v <= 0)
    if bad_y.any() or bad_v.any():
        i = int(np.flatnonzero(bad_y | bad_v)[0])
        if bad_y[i]:
            raise PoolingError(f"Study {name(i)!r}: effect is missing or not finite ({y[i]!r})")
        if not math.isfinite(v[i]):
            raise PoolingError(f"Study {name(i)!r}: variance is missing or not finite ({v[i]!r})")
        raise PoolingError(f"Study {name(i)!r}: variance {v[i]:g} must be positive (a zero-variance study cannot be weighted)")
    return y, v, labs


def qprofile_tau2_ci(y: np.ndarray, v: np.ndarray, level: float = 0.95, hint: float | None = None) -> tuple[float, float]:
    """Q-profile CI for tau^2: the tau^2 values where the generalised Q meets the chi^2_{k-1} quantiles.

    A bound is 0 where Q(0) is already below its quantile (metafor's ``confint.rma.uni``).
    ``hint`` (e.g. the point estimate) only speeds up the bracketing; the roots do not depend on it.
    """
    k = y.size
    alpha = 1 - level
    crit_hi = float(stats.chi2.isf(alpha / 2, k - 1))  # gives the lower bound
    crit_lo = float(stats.chi2.ppf(alpha / 2, k - 1))  # gives the upper bound
    q0 = generalised_q(y, v, 0.0)
    start = hint if hint is not None and hint > 0 else max(float(np.var(y)), float(np.median(v))) * 0.1
    start = max(start, 1e-12)

    def solve(target: float) -> float:
        if q0 <= target:
            return 0.0
        # bracket [lo, hi] with Q(lo) > target >= Q(hi), by doubling from the hint (Q decreases in tau^2)
        hi = start
        while generalised_q(y, v, hi) > target:
            hi *= 4.0
            if hi > 1e300:
                raise PoolingError("Q-profile: no tau^2 bound found")
        lo = hi / 4.0
        while lo > 1e-300 and generalised_q(y, v, lo) <= target:
            lo /= 4.0
        if lo <= 1e-300:
            lo = 0.0
        return float(optimize.brentq(lambda t: generalised_q(y, v, t) - target, lo, hi, xtol=1e-15, rtol=4 * np.finfo(float).eps, maxiter=1000))

    return solve(crit_hi), solve(crit_lo)


def _traces(w: np.ndarray, v: np.ndarray) -> dict[str, float]:
    """Traces of P = W - w w'/sum(w) (intercept-only) with V = diag(v), in O(k)."""
    sw = float(w.sum())
    w2 = w * w
    sw2 = float(w2.sum())
    pp_diag = w2 - 2.0 * w2 * w / sw + w2 * sw2 / sw**2
    return {
        "trP": sw - sw2 / sw,
        "trPP": float(pp_diag.sum()),
        "trPV": float(((w - w2 / sw) * v).sum()),
        "trPVPV": float((w2 * v * v).sum() - 2.0 * (w2 * w * v * v).sum() / sw + float((w2 * v).sum()) ** 2 / sw**2),
        "trPPV": float((pp_diag * v).sum()),
    }


def _se_tau2(method: str, y: np.ndarray, v: np.ndarray, tau2: float) -> float | None:
    """Standard error of the tau^2 estimate, by metafor's formula for each estimator (None for FE)."""
    k = y.size
    t = max(tau2, 0.0)
    if method == "FE":
        return None
    if method in ("ML", "REML", "EB", "PM"):
        w = 1.0 / (v + tau2)
        if method == "ML":
            return math.sqrt(2.0 / float(w @ w))
        if method == "REML":
            return math.sqrt(2.0 / _traces(w, v)["trPP"])
        return math.sqrt(2.0 * k * k / (k - 1) / float(w.sum()) ** 2)
    if method in ("DL", "HS"):
        w0 = 1.0 / v
        tr = _traces(w0, v)
        denom = tr["trP"] ** 2 if method == "DL" else float(w0.sum()) ** 2
        return math.sqrt((2 * (k - 1) + 4 * t * tr["trP"] + 2 * t * t * tr["trPP"]) / denom)
    if method == "HE":
        tr = _traces(np.ones(k), v)
        return math.sqrt((2 * tr["trPVPV"] + 4 * t * tr["trPV"] + 2 * t * t * (k - 1)) / (k - 1) ** 2)
    if method == "SJ":
        r = y - y.mean()
        tau2_0 = float(r @ r) / k
        if tau2_0 <= 0:
            return None
        tr = _traces(1.0 / (v + tau2_0), v)
        return math.sqrt(tau2_0**2 / (k - 1) ** 2 * (2 * tr["trPVPV"] + 4 * t * tr["trPPV"] + 2 * t * t * tr["trPP"]))
    return None


def _fit(y: np.ndarray, v: np.ndarray, method: str, knha: bool, level: float, tol: float) -> dict[str, Any]:
    k = y.size
    tau2, iterations = tau2_estimate(y, v, method, tol=tol)
    w0 = 1.0 / v
    sw0 = float(w0.sum())
    mu0 = float(w0 @ y) / sw0
    q = float(w0 @ (y - mu0) ** 2)
    df = k - 1
    q_p = float(stats.chi2.sf(q, df))
    s2 = df * sw0 / (sw0**2 - float(w0 @ w0))
    if method == "FE":
        i2 = max(0.0, 100.0 * (q - df) / q) if q > 0 else 0.0
        h2 = q / df
    else:
        i2 = 100.0 * tau2 / (tau2 + s2)
        h2 = (tau2 + s2) / s2
    w = 1.0 / (v + tau2)
    sw = float(w.sum())
    mu = float(w @ y) / sw
    se = math.sqrt(1.0 / sw)
    r = y - mu
    if knha:
        se *= math.sqrt(float(w @ (r * r)) / df)
        crit = float(stats.t.ppf(0.5 + level / 2, df))
        stat = mu / se if se > 0 else math.copysign(math.inf, mu)
        p = float(2 * stats.t.sf(abs(stat), df))
    else:
        crit = float(stats.norm.ppf(0.5 + level / 2))
        stat = mu / se
        p = float(2 * stats.norm.sf(abs(stat)))
    ci = (mu - crit * se, mu + crit * se)
    pi = None if method == "FE" else (mu - crit * math.sqrt(se * se + tau2), mu + crit * math.sqrt(se * se + tau2))
    rss = float(w @ (r * r))
    ll_ml = -0.5 * (k * math.log(2 * math.pi) + float(np.log(v + tau2).sum()) + rss)
    if method == "REML":
        ll = -0.5 * ((k - 1) * math.log(2 * math.pi) + float(np.log(v + tau2).sum()) + math.log(sw) + rss) + 0.5 * math.log(k)
    else:
        ll = ll_ml
    se_tau2 = _se_tau2(method, y, v, tau2)
    tau2_ci = i2_ci = h2_ci = None
    if method != "FE":
        tau2_ci = qprofile_tau2_ci(y, v, level, hint=tau2)
        i2_ci = (100.0 * tau2_ci[0] / (tau2_ci[0] + s2), 100.0 * tau2_ci[1] / (tau2_ci[1] + s2))
        h2_ci = ((tau2_ci[0] + s2) / s2, (tau2_ci[1] + s2) / s2)
    return dict(
        estimate=mu, se=se, ci=ci, pi=pi, tau2=tau2, tau2_ci=tau2_ci, i2=i2, h2=h2, q=q, q_p=q_p, k=k,
        weights=100.0 * w / sw, method=method, knha=bool(knha), test="t" if knha else "z",
        df=df if knha else None, stat=stat, p=p, level=level, i2_ci=i2_ci, h2_ci=h2_ci,
        se_tau2=se_tau2, loglik=ll, iterations=iterations, local_maximum=iterations in (SET_TO_ZERO, ZERO_LOCAL),
    )


def pool(
    yi: Any,
    vi: Any,
    method: str = "REML",
    knha: bool = False,
    labels: Sequence[Any] | None = None,
    level: float = 0.95,
    tol: float = TAU2_TOL,
) -> PoolResult:
    """Pool effects ``yi`` with sampling variances ``vi`` as ``metafor::rma(yi, vi, method, test)``.

    Parameters
    ----------
    yi, vi : effects and their sampling variances (analysis scale), one per study.
    method : "REML" (default), "DL", "PM", "ML", "FE", "SJ", "HE", "HS" or "EB".
    knha : Knapp-Hartung (Hartung-Knapp-Sidik-Jonkman) adjustment, t on k-1 df.
    labels : study labels, used in error messages and per-study output.
    level : confidence level of CI, PI and the Q-profile tau^2 CI.

    Raises
    ------
    PoolingError : fewer than 2 studies, NaN, a variance <= 0 (naming the study), bad method.
    """
    method = _check_method(method)
    level = _check_level(level)
    y, v, labs = check_inputs(yi, vi, labels)
    return PoolResult(**_fit(y, v, method, knha, level, tol), labels=labs, yi=y, vi=v)


def _proportion_pool(fit: dict[str, Any], eff: Effects, measure: str, note: str = "") -> ProportionPool:
    nh = eff.n_harmonic
    bt = lambda x: float(back_transform(x, measure, nh))  # noqa: E731
    pi = fit["pi"]
    return ProportionPool(
        **fit,
        labels=eff.labels,
        yi=eff.yi,
        vi=eff.vi,
        measure=measure,
        scale="proportion",
        estimate_bt=bt(fit["estimate"]),
        ci_bt=(bt(fit["ci"][0]), bt(fit["ci"][1])),
        pi_bt=None if pi is None else (bt(pi[0]), bt(pi[1])),
        events=eff.events,
        totals=eff.n,
        n_harmonic=nh,
        corrected=eff.corrected,
        note=note or eff.method,
    )


def pool_proportions(
    events: Any,
    totals: Any,
    measure: str = "PLO",
    method: str = "REML",
    knha: bool = False,
    labels: Sequence[Any] | None = None,
    level: float = 0.95,
) -> ProportionPool:
    """Pool single-arm proportions: ``escalc(measure, xi, ni)`` then ``rma``; or the GLMM.

    ``method="GLMM"`` fits the binomial-normal model by ML (metafor's
    ``rma.glmm(measure="PLO")``; meta's ``metaprop`` default); it requires ``measure="PLO"``.
    Back-transformed values (``estimate_bt``, ``ci_bt``, ``pi_bt``) are proportions on 0-1.
    """
    measure = str(measure).upper()
    if measure not in PROPORTION_MEASURES:
        raise PoolingError(f"Invalid proportion measure {measure!r}; expected one of {list(PROPORTION_MEASURES)}")
    method = _check_method(method, METHODS + ("GLMM",))
    level = _check_level(level)
    eff = proportion_effects(events, totals, measure, labels=labels)
    if eff.k < 2:
        who = f" (only {eff.labels[0]!r})" if eff.k == 1 else ""
        raise PoolingError(f"Cannot pool {eff.k} stud{'y' if eff.k == 1 else 'ies'}{who}; need at least 2")
    if method == "GLMM":
        if measure != "PLO":
            raise PoolingError(f"method='GLMM' models the logit of the proportion; use measure='PLO', not {measure!r}")
        from meta.glmm import glmm_fit

        fit = glmm_fit(eff.events, eff.n, level=level, knha=knha)
        return _proportion_pool(fit, eff, measure, note="binomial-normal GLMM on the logit scale, no continuity correction")
    y, v, _ = check_inputs(eff.yi, eff.vi, eff.labels)
    return _proportion_pool(_fit(y, v, method, knha, level, TAU2_TOL), eff, measure)


_NATURAL = {
    "HR": ("ratio", lambda x: math.exp(x), False),
    "MEDIAN": ("median", lambda x: math.exp(x), False),
    "SURV_CLOGLOG": ("proportion", lambda x: math.exp(-math.exp(x)), True),
}


def pool_effects(effects: Effects, method: str = "REML", knha: bool = False, level: float = 0.95) -> PoolResult:
    """Pool an :class:`Effects` and back-transform where a transform was used.

    Proportions go through :func:`pool_proportions` (so ``method="GLMM"`` works);
    HR and medians are exponentiated; log(-log S) rates map back by ``exp(-exp(x))``,
    which is decreasing, so CI and PI bounds swap.
    """
    if effects.measure in PROPORTION_MEASURES:
        if effects.events is None or effects.n is None:
            raise PoolingError("Proportion effects need their event counts and totals")
        return pool_proportions(effects.events, effects.n, effects.measure, method, knha, effects.labels, level)
    method = _check_method(method)
    level = _check_level(level)
    y, v, labs = check_inputs(effects.yi, effects.vi, effects.labels)
    fit = _fit(y, v, method, knha, level, TAU2_TOL)
    extra: dict[str, Any] = {}
    if effects.measure in _NATURAL:
        scale, f, swap = _NATURAL[effects.measure]

        def pair(p: tuple[float, float] | None) -> tuple[float, float] | None:
            if p is None:
                return None
            a, b = f(p[0]), f(p[1])
            return (b, a) if swap else (a, b)

        extra = dict(scale=scale, estimate_bt=f(fit["estimate"]), ci_bt=pair(fit["ci"]), pi_bt=pair(fit["pi"]))
    return PoolResult(**fit, labels=labs, yi=y, vi=v, measure=effects.measure, note=effects.method, **extra)
