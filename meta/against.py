"""The index study set against the pool of the other studies.

For one outcome: the index study's estimate (from its reconstructed counts) against
the pooled estimate of the *other* studies.  The caller must exclude the index study
from the pool (the comparison would otherwise compare a study with itself); passing a
pool whose labels contain ``index_label`` is an error.

On the analysis scale (logit, double arcsine, log HR ...)::

    d = y_index - mu_pool,  SE(d) = sqrt(v_index + se_pool^2),  z = d / SE(d)

(two independent estimates; Wald, normal reference), CI ``d +/- z_{0.975} SE(d)``.
``inside_pi`` says whether the index estimate lies inside the pool's prediction
interval; ``z_predictive``/``p_predictive`` add tau^2 to the variance (how unusual the
index is as a new study drawn from the random-effects distribution).  On the natural
scale (proportion, HR) the difference uses the delta method for the back-transformed
pooled estimate.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np
from scipy import stats

from evidence.errors import PoolingError
from meta.effects import PROPORTION_MEASURES, back_transform, clopper_pearson, proportion_effects
from meta.pooling.results import PoolResult, ProportionPool

__all__ = ["IndexComparison", "compare_index", "compare_index_effect"]


@dataclass(frozen=True)
class IndexComparison:
    """The index study against the pool: analysis scale and natural (back-transformed) scale."""

    label: str
    measure: str
    k_pool: int
    index_estimate: float
    index_se: float
    index_ci: tuple[float, float]
    pooled_estimate: float
    pooled_se: float
    pooled_ci: tuple[float, float]
    pi: tuple[float, float] | None
    difference: float
    difference_se: float
    difference_ci: tuple[float, float]
    z: float
    p: float
    z_predictive: float
    p_predictive: float
    inside_pi: bool | None
    index_estimate_bt: float | None = None
    index_ci_bt: tuple[float, float] | None = None
    pooled_estimate_bt: float | None = None
    pooled_ci_bt: tuple[float, float] | None = None
    pi_bt: tuple[float, float] | None = None
    difference_bt: float | None = None
    difference_ci_bt: tuple[float, float] | None = None
    index_events: int | None = None
    index_total: int | None = None
    scale: str = ""
    method: str = ""
    ratio_bt: float | None = None
    ratio_ci_bt: tuple[float, float] | None = None

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        for key, value in out.items():
            if isinstance(value, tuple):
                out[key] = [float(x) for x in value]
            elif isinstance(value, (np.floating, np.integer)):
                out[key] = value.item()
        return out

    def to_df(self) -> Any:
        import pandas as pd

        rows = [
            ("index", self.index_estimate, *self.index_ci, self.index_estimate_bt, *(self.index_ci_bt or (None, None))),
            ("pool", self.pooled_estimate, *self.pooled_ci, self.pooled_estimate_bt, *(self.pooled_ci_bt or (None, None))),
            ("difference", self.difference, *self.difference_ci, self.difference_bt, *(self.difference_ci_bt or (None, None))),
        ]
        return pd.DataFrame(rows, columns=["row", "estimate", "ci_low", "ci_high", "estimate_bt", "ci_low_bt", "ci_high_bt"])

    def summary(self) -> str:
        """One sentence for a report."""
        where = "inside" if self.inside_pi else ("outside" if self.inside_pi is not None else "without")
        if self.difference_bt is not None and self.scale == "proportion":
            lo, hi = self.difference_ci_bt or (math.nan, math.nan)
            diff = f"{100 * self.difference_bt:+.1f} percentage points (95% CI {100 * lo:+.1f} to {100 * hi:+.1f})"
            est = f"{100 * (self.index_estimate_bt or 0):.1f}% vs pooled {100 * (self.pooled_estimate_bt or 0):.1f}%"
        else:
            lo, hi = self.difference_ci
            diff = f"{self.difference:+.3f} on the {self.measure} scale (95% CI {lo:+.3f} to {hi:+.3f})"
            est = f"{self.index_estimate:.3f} vs pooled {self.pooled_estimate:.3f}"
        pi_text = f"{where} the prediction interval" if self.pi is not None else "no prediction interval (common-effect pool)"
        return f"{self.label}: {est} of {self.k_pool} other studies; difference {diff}, z = {self.z:.2f}, p = {self.p:.3g}; {pi_text}"


def _check_excluded(pooled: PoolResult, label: str) -> None:
    if label and label in pooled.labels:
        raise PoolingError(f"The index study {label!r} is part of the pool; pool the other studies only")


def _core(label: str, y: float, v: float, pooled: PoolResult, level: float) -> dict[str, Any]:
    if not (math.isfinite(y) and math.isfinite(v) and v > 0):
        raise PoolingError(f"Index study {label!r}: estimate {y!r} with variance {v!r} cannot be compared")
    zc = float(stats.norm.ppf(0.5 + level / 2))
    se_i = math.sqrt(v)
    d = y - pooled.estimate
    se_d = math.sqrt(v + pooled.se**2)
    z = d / se_d
    zp = d / math.sqrt(v + pooled.se**2 + pooled.tau2)
    inside = None if pooled.pi is None else bool(pooled.pi[0] <= y <= pooled.pi[1])
    return dict(
        label=label,
        k_pool=pooled.k,
        index_estimate=y,
        index_se=se_i,
        index_ci=(y - zc * se_i, y + zc * se_i),
        pooled_estimate=pooled.estimate,
        pooled_se=pooled.se,
        pooled_ci=tuple(pooled.ci),
        pi=None if pooled.pi is None else tuple(pooled.pi),
        difference=d,
        difference_se=se_d,
        difference_ci=(d - zc * se_d, d + zc * se_d),
        z=z,
        p=float(2 * stats.norm.sf(abs(z))),
        z_predictive=zp,
        p_predictive=float(2 * stats.norm.sf(abs(zp))),
        inside_pi=inside,
    )


def _slope(f: Any, x: float) -> float:
    h = 1e-6 * max(1.0, abs(x))
    return (f(x + h) - f(x - h)) / (2 * h)


def compare_index(
    index_events: int,
    index_total: int,
    pooled: ProportionPool | PoolResult,
    label: str = "index",
    measure: str | None = None,
    level: float = 0.95,
) -> IndexComparison:
    """Set an index study's events/total against a pooled proportion of the OTHER studies.

    Parameters
    ----------
    index_events, index_total : the index study's (reconstructed) counts.
    pooled : the pool of the other studies (from :func:`meta.pooling.pool_proportions`);
        it must not contain ``label``.
    measure : the analysis scale; defaults to the pool's measure (GLMM pools use PLO).

    The index effect uses the pool's measure with metafor's continuity rule; the
    natural-scale difference is ``x/n - back_transform(mu)`` with a delta-method SE
    (Clopper-Pearson interval for the index proportion itself).
    """
    _check_excluded(pooled, label)
    m = (measure or pooled.measure or "").upper()
    if m not in PROPORTION_MEASURES:
        raise PoolingError(f"compare_index needs a proportion measure {list(PROPORTION_MEASURES)}, got {m!r}; use compare_index_effect for other effects")
    eff = proportion_effects([index_events], [index_total], m, labels=[label])
    out = _core(label, float(eff.yi[0]), float(eff.vi[0]), pooled, level)
    nh = getattr(pooled, "n_harmonic", None)
    if m == "PFT" and nh is None:
        raise PoolingError("A Freeman-Tukey pool needs its harmonic mean n to back-transform; pass a ProportionPool")
    bt = lambda x: float(back_transform(x, m, nh))  # noqa: E731
    zc = float(stats.norm.ppf(0.5 + level / 2))
    p_idx = index_events / index_total
    p_pool = bt(pooled.estimate)
    se_pool_bt = abs(_slope(bt, pooled.estimate)) * pooled.se
    se_diff = math.sqrt(p_idx * (1 - p_idx) / index_total + se_pool_bt**2)
    diff = p_idx - p_pool
    lo, hi = clopper_pearson(index_events, index_total, level)
    out.update(
        measure=m,
        scale="proportion",
        index_events=int(index_events),
        index_total=int(index_total),
        index_estimate_bt=p_idx,
        index_ci_bt=(float(lo), float(hi)),
        pooled_estimate_bt=p_pool,
        pooled_ci_bt=(bt(pooled.ci[0]), bt(pooled.ci[1])),
        pi_bt=None if pooled.pi is None else (bt(pooled.pi[0]), bt(pooled.pi[1])),
        difference_bt=diff,
        difference_ci_bt=(diff - zc * se_diff, diff + zc * se_diff),
        method=(
            f"index {index_events}/{index_total} on the {m} scale against the {pooled.describe_method()} pool of "
            f"{pooled.k} other studies; Wald z for the difference with SE sqrt(v_index + se_pool^2); "
            "natural-scale difference by the delta method; index CI Clopper-Pearson"
        ),
    )
    return IndexComparison(**out)


_INVERSE = {
    "HR": ("ratio", math.exp),
    "MEDIAN": ("median", math.exp),
    "SURV_CLOGLOG": ("proportion", lambda x: math.exp(-math.exp(x))),
    "SURV": ("proportion", lambda x: x),
}


def compare_index_effect(
    index_yi: float,
    index_vi: float,
    pooled: PoolResult,
    label: str = "index",
    level: float = 0.95,
) -> IndexComparison:
    """Set an index effect (log HR, survival rate, log median ... on the pool's scale) against the pool."""
    _check_excluded(pooled, label)
    out = _core(label, float(index_yi), float(index_vi), pooled, level)
    out["measure"] = pooled.measure
    text = f"index on the {pooled.measure or 'analysis'} scale against the {pooled.describe_method()} pool of {pooled.k} other studies; Wald z"
    if pooled.measure in _INVERSE:
        scale, f = _INVERSE[pooled.measure]
        order = (lambda a, b: (b, a)) if pooled.measure == "SURV_CLOGLOG" else (lambda a, b: (a, b))
        zc = float(stats.norm.ppf(0.5 + level / 2))
        se_i = math.sqrt(index_vi)
        g_i, g_p = f(index_yi), f(pooled.estimate)
        se_diff = math.sqrt((_slope(f, index_yi) * se_i) ** 2 + (_slope(f, pooled.estimate) * pooled.se) ** 2)
        diff = g_i - g_p
        out.update(
            scale=scale,
            index_estimate_bt=g_i,
            index_ci_bt=order(f(index_yi - zc * se_i), f(index_yi + zc * se_i)),
            pooled_estimate_bt=g_p,
            pooled_ci_bt=order(f(pooled.ci[0]), f(pooled.ci[1])),
            pi_bt=None if pooled.pi is None else order(f(pooled.pi[0]), f(pooled.pi[1])),
            difference_bt=diff,
            difference_ci_bt=(diff - zc * se_diff, diff + zc * se_diff),
        )
        text += "; natural-scale difference by the delta method"
        if pooled.measure in ("HR", "MEDIAN"):
            lo_d, hi_d = out["difference_ci"]
            out.update(ratio_bt=math.exp(out["difference"]), ratio_ci_bt=(math.exp(lo_d), math.exp(hi_d)))
            text += "; ratio index/pool = exp(difference on the log scale)"
    out["method"] = text
    return IndexComparison(**out)
