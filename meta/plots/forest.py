"""Forest plots laid out as reviewers know them from R's ``meta::forest``.

Left columns: study, events, total; the middle panel: each study's estimate and CI
(square sized by weight), the pooled diamond, the prediction-interval bar and a
dashed line at the pooled estimate; right columns: estimate with CI and weight;
the heterogeneity line "I^2 = ..%, tau^2 = ..., p = ..." at the bottom.  Rows can be
marked (e.g. a dagger for computed or curated values) with a footnote.

The functions return a matplotlib Figure and never write files.
"""

from __future__ import annotations

import math
from typing import Any, Callable, Mapping, Sequence

import matplotlib

matplotlib.use("Agg", force=False)
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from scipy import stats  # noqa: E402

from meta.effects import clopper_pearson  # noqa: E402
from meta.pooling.results import PoolResult, ProportionPool  # noqa: E402

__all__ = ["forest_plot", "forest_plot_effects", "heterogeneity_text"]

_METHOD_NAMES = {"FE": "Common effect model", "GLMM": "Random effects model (GLMM)"}


def _p_text(p: float) -> str:
    if p is None or (isinstance(p, float) and math.isnan(p)):
        return "p = NA"
    return "p < 0.01" if p < 0.01 else f"p = {p:.2f}"


def heterogeneity_text(pool: PoolResult) -> str:
    """``Heterogeneity: I^2 = 92%, tau^2 = 0.1674, p < 0.01`` as meta prints it."""
    return f"Heterogeneity: $I^2$ = {pool.i2:.0f}%, $\\tau^2$ = {pool.tau2:.4g}, {_p_text(pool.q_p)}"


def _marks_for(labels: Sequence[str], marks: Mapping[str, str] | Sequence[str] | None) -> list[str]:
    if marks is None:
        return [""] * len(labels)
    if isinstance(marks, Mapping):
        return [str(marks.get(lab, "")) for lab in labels]
    marks = list(marks)
    if len(marks) != len(labels):
        raise ValueError(f"Got {len(marks)} marks for {len(labels)} studies; expected one per study")
    return ["" if m is None else str(m) for m in marks]


def _draw(
    labels: Sequence[str],
    left_columns: Sequence[tuple[str, Sequence[str]]],
    est: np.ndarray,
    lo: np.ndarray,
    hi: np.ndarray,
    weights: np.ndarray | None,
    pooled: tuple[float, float, float],
    pi: tuple[float, float] | None,
    het: str,
    pooled_label: str,
    estimate_header: str,
    fmt: Callable[[float], str],
    xlabel: str,
    marks: list[str],
    footnote: str,
    xlim: tuple[float, float] | None,
    null_value: float | None,
    log_x: bool,
    title: str,
    index: tuple[str, Sequence[str], float, float, float] | None = None,
) -> Figure:
    k = len(labels)
    n_rows = k + 4.2 + (1 if pi is not None else 0) + (1.2 if index is not None else 0)
    bottom_in = 0.55 + (0.25 if footnote else 0.0)
    height = bottom_in + 0.3 + 0.28 * n_rows
    fig = plt.figure(figsize=(10.5, height))
    gs = fig.add_gridspec(
        1, 3, width_ratios=[3.4, 3.2, 2.6], wspace=0.02, left=0.01, right=0.99,
        top=1 - 0.3 / height, bottom=bottom_in / height,
    )
    ax_l, ax_m, ax_r = (fig.add_subplot(gs[0, i]) for i in range(3))
    top = n_rows
    y_rows = top - 1.5 - np.arange(k)
    y_pool = y_rows[-1] - 1.5 if k else top - 3
    y_pi = y_pool - 1
    y_het = (y_pi if pi is not None else y_pool) - 1.1
    y_index = y_het - 1.2
    y_bottom = (y_index if index is not None else y_het) - 0.6
    for ax in (ax_l, ax_m, ax_r):
        ax.set_ylim(y_bottom, top)
    for ax in (ax_l, ax_r):
        ax.set_xlim(0, 1)
        ax.axis("off")

    # left text columns
    xs = [0.0] + [0.55 + 0.45 * (i + 1) / len(left_columns) for i in range(len(left_columns))] if left_columns else [0.0]
    ax_l.text(xs[0], top - 0.5, "Study", fontweight="bold", va="center", ha="left", fontsize=9)
    for (head, _), x in zip(left_columns, xs[1:]):
        ax_l.text(x, top - 0.5, head, fontweight="bold", va="center", ha="right", fontsize=9)
    for i, lab in enumerate(labels):
        ax_l.text(xs[0], y_rows[i], f"{lab}{marks[i]}", va="center", ha="left", fontsize=9)
        for (_, values), x in zip(left_columns, xs[1:]):
            ax_l.text(x, y_rows[i], values[i], va="center", ha="right", fontsize=9)
    ax_l.text(xs[0], y_pool, pooled_label, va="center", ha="left", fontsize=9, fontweight="bold")
    if pi is not None:
        ax_l.text(xs[0], y_pi, "Prediction interval", va="center", ha="left", fontsize=9)
    ax_l.text(xs[0], y_het, het, va="center", ha="left", fontsize=8.5)
    if index is not None:
        ax_l.text(xs[0], y_index, f"Index: {index[0]} (not pooled)", va="center", ha="left", fontsize=9, color="firebrick")
        for value, x in zip(index[1], xs[1:]):
            ax_l.text(x, y_index, value, va="center", ha="right", fontsize=9, color="firebrick")
        ax_r.text(0.52, y_index, f"{fmt(index[2])} [{fmt(index[3])}; {fmt(index[4])}]", va="center", ha="right", fontsize=9, color="firebrick")

    # right text columns
    ax_r.text(0.52, top - 0.5, estimate_header, fontweight="bold", va="center", ha="right", fontsize=9)
    ax_r.text(0.97, top - 0.5, "Weight", fontweight="bold", va="center", ha="right", fontsize=9)
    for i in range(k):
        ax_r.text(0.52, y_rows[i], f"{fmt(est[i])} [{fmt(lo[i])}; {fmt(hi[i])}]", va="center", ha="right", fontsize=9)
        if weights is not None:
            ax_r.text(0.97, y_rows[i], f"{weights[i]:.1f}%", va="center", ha="right", fontsize=9)
    mu, mlo, mhi = pooled
    ax_r.text(0.52, y_pool, f"{fmt(mu)} [{fmt(mlo)}; {fmt(mhi)}]", va="center", ha="right", fontsize=9, fontweight="bold")
    if weights is not None:
        ax_r.text(0.97, y_pool, "100.0%", va="center", ha="right", fontsize=9, fontweight="bold")
    if pi is not None:
        ax_r.text(0.52, y_pi, f"[{fmt(pi[0])}; {fmt(pi[1])}]", va="center", ha="right", fontsize=9)

    # middle panel
    if log_x:
        from matplotlib.ticker import FuncFormatter, LogLocator

        ax_m.set_xscale("log")
        ax_m.xaxis.set_major_locator(LogLocator(base=10, subs=(0.2, 0.3, 0.5, 0.7, 1.0), numticks=12))
        ax_m.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:g}"))
        ax_m.xaxis.set_minor_formatter(FuncFormatter(lambda v, _: ""))
    w = weights if weights is not None else np.full(k, 100.0 / max(k, 1))
    size = 20 + 180 * np.sqrt(np.asarray(w) / max(float(np.max(w)), 1e-12))
    ax_m.hlines(y_rows, lo, hi, color="black", lw=1)
    ax_m.scatter(est, y_rows, s=size, marker="s", color="0.45", edgecolor="black", zorder=3)
    dh = 0.35
    ax_m.fill([mlo, mu, mhi, mu], [y_pool, y_pool + dh, y_pool, y_pool - dh], color="0.2", zorder=3)
    ax_m.vlines(mu, y_pi - 0.5 if pi is not None else y_pool - 0.5, top - 1, color="0.4", ls="--", lw=0.8)
    if pi is not None:
        ax_m.fill([pi[0], pi[1], pi[1], pi[0]], [y_pi - 0.12, y_pi - 0.12, y_pi + 0.12, y_pi + 0.12], color="firebrick", zorder=3)
    if index is not None:
        ax_m.hlines(y_index, index[3], index[4], color="firebrick", lw=1.2)
        ax_m.scatter([index[2]], [y_index], marker="D", s=40, color="firebrick", zorder=4)
    if null_value is not None:
        ax_m.vlines(null_value, y_bottom, top - 1, color="0.6", lw=0.8)
    values = np.concatenate([lo, hi, [mlo, mhi], list(pi) if pi is not None else [], list(index[3:5]) if index is not None else []])
    values = values[np.isfinite(values)]
    if xlim is None and values.size:
        a, b = float(values.min()), float(values.max())
        if log_x:
            a, b = a / 1.1, b * 1.1
        else:
            pad = 0.05 * (b - a or 1.0)
            a, b = a - pad, b + pad
        xlim = (a, b)
    if xlim is not None:
        ax_m.set_xlim(*xlim)
    ax_m.set_yticks([])
    for side in ("left", "right", "top"):
        ax_m.spines[side].set_visible(False)
    ax_m.set_xlabel(xlabel, fontsize=9)
    ax_m.tick_params(axis="x", labelsize=8)
    if footnote:
        fig.text(0.01, 0.005, footnote, fontsize=8, ha="left", va="bottom")
    if title:
        fig.suptitle(title, fontsize=10)
    return fig


def forest_plot(
    labels: Sequence[Any],
    events: Sequence[int],
    totals: Sequence[int],
    pool: ProportionPool,
    marks: Mapping[str, str] | Sequence[str] | None = None,
    footnote: str = "",
    percent: bool = False,
    xlabel: str = "Proportion",
    title: str = "",
    xlim: tuple[float, float] | None = None,
    index: Any = None,
) -> Figure:
    """Forest plot of single-arm proportions on the proportion scale (meta's ``metaprop`` layout).

    ``index``: an :class:`meta.against.IndexComparison`; the index study is drawn in its own
    row below the pool (it is not part of it), with its Clopper-Pearson interval.

    Study CIs are Clopper-Pearson (meta's default); the diamond, CI and prediction interval
    are the pool's back-transformed values; weights come from the pool (none for GLMM).
    ``marks`` maps a label (or gives one per row) to a symbol such as a dagger, explained
    by ``footnote``.
    """
    labels = [str(x) for x in labels]
    x = np.asarray(events, dtype=float)
    n = np.asarray(totals, dtype=float)
    if not (len(labels) == x.size == n.size):
        raise ValueError(f"Got {len(labels)} labels, {x.size} event counts and {n.size} totals; expected equal lengths")
    lo, hi = clopper_pearson(x, n)
    scale = 100.0 if percent else 1.0
    fmt = (lambda v: f"{v:.1f}") if percent else (lambda v: f"{v:.2f}")
    weights = None
    if pool.weights is not None and pool.weights.size == x.size and pool.method != "GLMM":
        weights = np.asarray(pool.weights)
    pooled = (scale * pool.estimate_bt, scale * pool.ci_bt[0], scale * pool.ci_bt[1])
    pi = None if pool.pi_bt is None else (scale * pool.pi_bt[0], scale * pool.pi_bt[1])
    name = _METHOD_NAMES.get(pool.method, "Random effects model")
    return _draw(
        labels,
        [("Events", [f"{int(v)}" for v in x]), ("Total", [f"{int(v)}" for v in n])],
        scale * x / n, scale * lo, scale * hi, weights, pooled, pi, heterogeneity_text(pool), name,
        "Proportion" + (" (%)" if percent else "") + "  95%-CI", fmt, xlabel + (" (%)" if percent else ""),
        _marks_for(labels, marks), footnote, xlim, None, False, title, _index_row(index, scale, events=True),
    )


def _index_row(index: Any, scale: float, events: bool) -> tuple[str, list[str], float, float, float] | None:
    if index is None:
        return None
    if index.index_estimate_bt is not None and index.index_ci_bt is not None:
        est, (lo, hi) = index.index_estimate_bt, index.index_ci_bt
    else:
        est, (lo, hi) = index.index_estimate, index.index_ci
    cols = [str(index.index_events), str(index.index_total)] if events and index.index_events is not None else []
    return (index.label, cols, scale * est, scale * lo, scale * hi)


def forest_plot_effects(
    pool: PoolResult,
    labels: Sequence[Any] | None = None,
    marks: Mapping[str, str] | Sequence[str] | None = None,
    footnote: str = "",
    xlabel: str | None = None,
    title: str = "",
    xlim: tuple[float, float] | None = None,
    index: Any = None,
) -> Figure:
    """Forest plot of generic effects (HR, survival rates, medians) on their natural scale.

    ``index``: an :class:`meta.against.IndexComparison`, drawn in its own row below the pool.

    Uses the pool's own ``yi``/``vi``; HR and medians are drawn on a log axis with a line at
    1 (HR); log(-log) survival rates are mapped back to proportions.
    """
    labs = [str(x) for x in (labels if labels is not None else pool.study_labels)]
    z = float(stats.norm.ppf(0.5 + pool.level / 2))
    y, se = np.asarray(pool.yi), np.sqrt(np.asarray(pool.vi))
    lo, hi = y - z * se, y + z * se
    m = pool.measure
    if m in ("HR", "MEDIAN"):
        f: Callable[[np.ndarray], np.ndarray] = np.exp
        log_x, null = True, (1.0 if m == "HR" else None)
    elif m == "SURV_CLOGLOG":
        f = lambda a: np.exp(-np.exp(a))  # noqa: E731
        lo, hi = hi, lo
        log_x, null = False, None
    else:
        f = lambda a: np.asarray(a)  # noqa: E731
        log_x, null = False, (0.0 if m not in ("SURV",) else None)
    if pool.estimate_bt is not None and pool.ci_bt is not None:
        pooled = (pool.estimate_bt, pool.ci_bt[0], pool.ci_bt[1])
        pi = pool.pi_bt
    else:
        pooled = (pool.estimate, pool.ci[0], pool.ci[1])
        pi = pool.pi
    header = {"HR": "HR", "MEDIAN": "Median", "SURV": "Rate", "SURV_CLOGLOG": "Rate"}.get(m, "Estimate")
    label_x = xlabel or {"HR": "Hazard ratio", "MEDIAN": "Median", "SURV": "Survival rate", "SURV_CLOGLOG": "Survival rate"}.get(m, "Effect")
    return _draw(
        labs, [], f(y), f(lo), f(hi), np.asarray(pool.weights), pooled, pi, heterogeneity_text(pool),
        _METHOD_NAMES.get(pool.method, "Random effects model"), f"{header}  95%-CI", lambda v: f"{v:.2f}",
        label_x, _marks_for(labs, marks), footnote, xlim, null, log_x, title, _index_row(index, 1.0, events=False),
    )
