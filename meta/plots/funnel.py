"""Funnel plot: effects against their standard errors, with the pseudo-confidence region.

Drawn on the analysis scale (where the funnel is symmetric); for proportions and hazard
ratios the x tick labels show the natural scale (proportion, HR), as metafor's
``funnel(res, atransf=...)``.  Studies imputed by trim and fill are drawn as open circles.
Returns a matplotlib Figure and never writes files.
"""

from __future__ import annotations

import math
from typing import Any

import matplotlib

matplotlib.use("Agg", force=False)
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.ticker import FuncFormatter  # noqa: E402
from scipy import stats  # noqa: E402

from meta.effects import PROPORTION_MEASURES, back_transform  # noqa: E402
from meta.pooling.results import PoolResult  # noqa: E402

__all__ = ["funnel_plot"]


def _tick_label(pool: PoolResult) -> Any:
    m = pool.measure
    if m in PROPORTION_MEASURES:
        nh = getattr(pool, "n_harmonic", None)
        return lambda x, _: f"{float(back_transform(x, m, nh)):.2f}"
    if m in ("HR", "MEDIAN"):
        return lambda x, _: f"{math.exp(x):.2f}"
    return lambda x, _: f"{x:g}"


def funnel_plot(
    yi: Any,
    vi: Any = None,
    pool: PoolResult | None = None,
    *,
    fill_yi: Any = None,
    fill_vi: Any = None,
    method: str = "REML",
    xlabel: str | None = None,
    title: str = "",
    level: float = 0.95,
) -> Figure:
    """Funnel plot (SE axis inverted) with pseudo-CI lines around the pooled estimate.

    Call it as ``funnel_plot(yi, vi, pool)`` (the pool is fitted with ``method`` when not
    given), ``funnel_plot(effects, pool)`` with a :class:`meta.effects.Effects`, or
    ``funnel_plot(pool)`` with a result that carries its studies.  ``fill_yi``/``fill_vi``:
    effects imputed by trim and fill, drawn as open circles (when ``pool`` is the filled pool,
    its imputed studies are recognised and not drawn twice).
    """
    if isinstance(yi, PoolResult):
        pool = yi
        y, v = np.asarray(pool.yi, dtype=float), np.asarray(pool.vi, dtype=float)
    elif hasattr(yi, "yi") and hasattr(yi, "vi"):  # an Effects
        if isinstance(vi, PoolResult):
            pool = vi
        y, v = np.asarray(yi.yi, dtype=float), np.asarray(yi.vi, dtype=float)
        if pool is None:
            from meta.pooling import pool_effects

            pool = pool_effects(yi, method)
    else:
        if vi is None:
            raise ValueError("funnel_plot needs variances: funnel_plot(yi, vi[, pool]), funnel_plot(effects) or funnel_plot(pool)")
        y, v = np.asarray(yi, dtype=float).ravel(), np.asarray(vi, dtype=float).ravel()
        if pool is None:
            from meta.pooling import pool as fit_pool

            pool = fit_pool(y, v, method)
    se = np.sqrt(v)
    fy = np.asarray(fill_yi if fill_yi is not None else [], dtype=float).ravel()
    fse = np.sqrt(np.asarray(fill_vi if fill_vi is not None else [], dtype=float)).ravel()
    if fy.size != fse.size:
        raise ValueError(f"Got {fy.size} filled effects and {fse.size} filled variances; expected equal numbers")
    if fy.size and y.size > fy.size and np.allclose(y[-fy.size :], fy):
        # ``pool`` is the filled pool: its last studies are the imputed ones, drawn open below
        y, se = y[: y.size - fy.size], se[: se.size - fy.size]
    z = float(stats.norm.ppf(0.5 + level / 2))
    top = float(max(se.max(), fse.max() if fse.size else 0.0)) * 1.05
    fig, ax = plt.subplots(figsize=(6.0, 5.0))
    s = np.linspace(0, top, 50)
    mu = pool.estimate
    ax.fill_betweenx(s, mu - z * s, mu + z * s, color="0.93", zorder=0)
    ax.plot(mu - z * s, s, color="0.5", lw=0.8, ls="--")
    ax.plot(mu + z * s, s, color="0.5", lw=0.8, ls="--")
    ax.axvline(mu, color="0.3", lw=1)
    ax.scatter(y, se, color="black", s=28, zorder=3, label="studies")
    if fy.size:
        ax.scatter(fy, fse, facecolor="white", edgecolor="black", s=28, zorder=3, label="filled (trim and fill)")
        ax.legend(loc="lower right", fontsize=8, frameon=False)
    ax.set_ylim(top, 0)
    ax.set_ylabel("Standard error")
    ax.xaxis.set_major_formatter(FuncFormatter(_tick_label(pool)))
    natural = {"PR": "Proportion", "PLO": "Proportion", "PAS": "Proportion", "PFT": "Proportion", "HR": "Hazard ratio",
               "MEDIAN": "Median"}.get(pool.measure, "Effect")
    ax.set_xlabel(xlabel or natural)
    if title:
        ax.set_title(title, fontsize=10)
    fig.tight_layout()
    return fig
