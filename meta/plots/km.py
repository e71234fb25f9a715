"""Kaplan-Meier figures with a numbers-at-risk table and marked landmark points.

Curves are lifelines Kaplan-Meier estimates; the figure is built on
``matplotlib.figure.Figure`` directly (no pyplot state), and saving is the
caller's job (:func:`save_figure` writes through a temporary file).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Mapping, Sequence

import numpy as np

from evidence.atomic import atomic_path
from evidence.errors import InputError

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure

__all__ = ["km_plot", "save_figure"]


def _ticks(t_max: float, k: int = 6) -> np.ndarray:
    raw = max(t_max, 1e-9) / k
    power = 10 ** np.floor(np.log10(raw))
    step = min((m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw), default=10 * power)
    return np.arange(0, t_max + 1e-9, step)


def km_plot(
    groups: Mapping[str, tuple[Sequence[float], Sequence[int]]],
    *,
    landmarks: Mapping[str, Sequence[tuple[float, float]]] | None = None,
    risk_times: Sequence[float] | None = None,
    title: str = "",
    xlabel: str = "Time (months)",
    ylabel: str = "Survival probability",
    confidence: bool = True,
) -> "Figure":
    """Kaplan-Meier curves of one or more groups with a numbers-at-risk table.

    Parameters
    ----------
    groups
        Label -> (times, events) per group (events 1, censored 0).
    landmarks
        Label -> [(time, survival)] points to mark (e.g. the reported 1-year rates).
    risk_times
        Times of the at-risk table (default: round axis ticks).
    """
    from lifelines import KaplanMeierFitter
    from matplotlib.figure import Figure

    if not groups:
        raise InputError("No groups to plot")
    t_max = max(float(np.max(np.asarray(t, dtype=float))) for t, _ in groups.values())
    ticks = np.asarray(risk_times, dtype=float) if risk_times is not None else _ticks(t_max)
    fig = Figure(figsize=(7, 4.5 + 0.25 * len(groups)))
    ax = fig.add_axes((0.12, 0.12 + 0.06 * len(groups), 0.83, 0.78 - 0.06 * len(groups)))
    colours = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"]
    rows = []
    for i, (label, (times, events)) in enumerate(groups.items()):
        t = np.asarray(times, dtype=float)
        e = np.asarray(events, dtype=int)
        colour = colours[i % len(colours)]
        kmf = KaplanMeierFitter().fit(t, e, label=label)
        sf = kmf.survival_function_
        ax.step(sf.index, sf.iloc[:, 0], where="post", color=colour, label=label)
        if confidence:
            ci = kmf.confidence_interval_
            ax.fill_between(ci.index, ci.iloc[:, 0], ci.iloc[:, 1], step="post", color=colour, alpha=0.15, linewidth=0)
        cens = t[e == 0]
        ax.plot(cens, kmf.survival_function_at_times(cens).to_numpy(), "|", color=colour, markersize=8)
        for lt, ls in (landmarks or {}).get(label, []):
            ax.plot([lt], [ls], "o", color=colour, markerfacecolor="white")
            ax.annotate(f"{100 * ls:.1f}%", (lt, ls), textcoords="offset points", xytext=(5, 5), fontsize=8, color=colour)
        rows.append((label, colour, [int((t >= x).sum()) for x in ticks]))
    ax.set_xlim(0, max(t_max, ticks[-1]) * 1.02)
    ax.set_ylim(0, 1.02)
    ax.set_xticks(ticks)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    if title:
        ax.set_title(title)
    ax.legend(loc="lower left", frameon=False)
    fig.text(0.01, 0.02 + 0.05 * len(rows), "At risk", fontsize=8, weight="bold")
    for j, (label, colour, counts) in enumerate(rows):
        y = 0.02 + 0.05 * (len(rows) - 1 - j)
        fig.text(0.01, y, label, fontsize=8, color=colour)
        for x, count in zip(ticks, counts):
            fig.text(0.12 + 0.83 * (x / ax.get_xlim()[1]), y, str(count), fontsize=8, ha="center", color=colour)
    return fig


def save_figure(fig: "Figure", path: str | os.PathLike[str]) -> None:
    """Save a figure (format from the suffix) through a temporary file."""
    suffix = Path(path).suffix.lower().lstrip(".") or "png"
    if suffix not in ("png", "pdf", "svg"):
        raise InputError(f"Unsupported figure format {suffix!r}; expected png, pdf or svg")
    with atomic_path(path, suffix=f".{suffix}") as tmp:
        fig.savefig(tmp, format=suffix, dpi=150)
