"""Pseudo patient-level data from a digitised Kaplan-Meier curve (Guyot et al., BMC Med Res Methodol 2012).

Inputs are the clicks of a digitised curve (time, survival on 0-1), the
numbers at risk printed under the figure and, when reported, the total number
of events.  Within each interval of the risk table the number censored is
unknown; it is guessed from the drop in survival, spread over the interval
(by the area under the curve: a constant censoring rate per patient at risk),
events are read off each click as ``round(n_at_risk * (1 - S_k / S_last))``
and the guess is corrected until the number at risk reached at the next
risk-table time equals the printed one (at most ``max_iterations`` rounds).
In the last interval (or when there is no risk table) the censoring is tuned
until the event total matches the reported one.  When several placements meet
the risk table, the one whose counts reproduce the clicked levels best is kept
(Guyot's unless another is clearly better; an event off the reported total
costs a fixed amount of level misfit, so the total is not met by placing the
censorings where the clicked levels say they are not).  The counts are read at the
clicks; each event is then dated where the line through the clicks falls to
the middle of its step.  The output has one row per pseudo-patient: ``time``,
``event`` (1 event, 0 censored) and optionally ``arm``.

Clicks are cleaned first: clipped to [0, 1] within a tolerance, isolated
outliers dropped, clicks a pixel apart in time on one vertical drop snapped
to one time, then ordered along the drawn line with time made non-decreasing
and survival non-increasing (each by its least-squares monotone fit), and
given a point at each risk-table time; every change is reported as a
:class:`~evidence.records.Flag`.  :func:`align_arm_drops` then puts drops
that two arms make within a pixel or two of each other at one time.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence

import numpy as np
import pandas as pd

from evidence.atomic import atomic_path
from evidence.errors import InputError, ParseError, ReconstructionError
from evidence.records import Flag

__all__ = [
    "CleanCurve",
    "align_arm_drops",
    "FitReport",
    "GuyotResult",
    "clean_curve",
    "read_curve_csv",
    "read_risk_table_csv",
    "reconstruct_km",
    "write_ipd_csv",
]


@dataclass(frozen=True)
class CleanCurve:
    """Cleaned clicks: ``time`` ascending from 0, ``survival`` non-increasing from 1."""

    time: np.ndarray
    survival: np.ndarray
    flags: tuple[Flag, ...] = ()
    drops_on_ticks: tuple[float, ...] = ()  # risk-table times a drop just before was moved onto (snap_to_risk_times)


def clean_curve(
    time: Sequence[float],
    survival: Sequence[float],
    risk_times: Sequence[float] = (),
    *,
    tolerance: float = 0.02,
    rise_limit: float = 0.1,
    snap_fraction: float = 0,
    snap_to_risk_times: bool = False,
    at_risk: Sequence[int] = (),
    draw_verticals: bool = False,
    date_by_likelihood: bool | None = None,
) -> CleanCurve:
    """Clean digitised clicks.

    Parameters
    ----------
    time, survival
        The clicks; survival on the 0-1 scale.
    risk_times
        Times of the risk table; a click is added at each (survival carried forward).
    tolerance
        Clicks up to this far outside [0, 1] are clipped; a click standing this
        far below both neighbours (or above both) is dropped as an outlier.
    rise_limit
        A rise of the curve larger than this, not explained by one outlier,
        is an error (the clicks are not one survival curve).
    snap_fraction
        Clicks closer in time than this fraction of the time axis form one
        vertical drop and are moved to their median time (hand clicks on a
        vertical segment scatter by a pixel or two); 0 turns it off.
    snap_to_risk_times
        With ``snap_fraction``: a vertical drop that close to a risk-table time
        is moved onto it (the deaths counted in that row's number at risk), and
        so are the clicks less than the snap distance before the time when one
        of them is the bottom of a drop (a single click below the one before
        it); those times are returned in ``drops_on_ticks``.
    at_risk
        With ``snap_fraction`` and ``draw_verticals``: the numbers at risk at
        ``risk_times``.  They give the height of one event's step.
    draw_verticals
        Off by default (not shown to generalise; ``docs/reconstruct.md``).  With
        ``snap_fraction`` and ``at_risk``: a click standing part-way down a step
        is read as a click on its vertical drop, drawn from whole steps (see
        :func:`_draw_verticals`, flag ``CURVE_VERTICALS``).
    date_by_likelihood
        A snapped vertical is dated by the likelihood of its clicks
        (:func:`_vertical_time`) instead of their median.  None (default):
        the same as ``draw_verticals``.

    Raises
    ------
    InputError
        Empty input, NaN, negative times, values outside [0, 1] beyond the
        tolerance, or a curve that rises by more than ``rise_limit``.
    """
    t = np.asarray(time, dtype=float)
    s = np.asarray(survival, dtype=float)
    flags: list[Flag] = []
    if t.size == 0 or t.shape != s.shape:
        raise InputError("Curve has no points or unequal time/survival columns; expected columns time,survival")
    if not (np.isfinite(t).all() and np.isfinite(s).all()):
        raise InputError("Curve has missing or non-numeric values")
    if (t < 0).any():
        raise InputError(f"Curve has negative times (first {t[t < 0][0]:g}); expected times >= 0")
    if s.max() > 1 + tolerance or s.min() < -tolerance:
        bad = s[(s > 1 + tolerance) | (s < -tolerance)][0]
        hint = " (percentages? expected survival on the 0-1 scale)" if s.max() > 1.5 else ""
        raise InputError(f"Curve survival {bad:g} is outside [0, 1]{hint}")
    if ((s > 1) | (s < 0)).any():
        flags.append(Flag("CURVE_CLIPPED", f"{int(((s > 1) | (s < 0)).sum())} click(s) slightly outside [0, 1] were clipped"))
        s = np.clip(s, 0, 1)
    order = np.lexsort((-s, t))
    if not np.array_equal(order, np.arange(t.size)):
        flags.append(Flag("CURVE_SORTED", "Clicks were not in time order; they were sorted by time"))
    t, s = t[order], s[order]
    gap = snap_fraction * (t.max() - t.min())
    likelihood = draw_verticals if date_by_likelihood is None else date_by_likelihood
    on_ticks: list[float] = []
    if snap_fraction > 0 and t.size > 1:
        snapped, levels = t.copy(), s.copy()
        a = 0
        while a < t.size:
            b = a + 1
            # clicks less than ``gap`` after the previous one chain into one group, spanning
            # at most 3 * gap (no chaining through a densely clicked flat)
            while b < t.size and t[b] - t[b - 1] < gap and t[b] - t[a] < SNAP_SPAN * gap:
                b += 1
            if b - a > 1 and s[a:b].max() - s[a:b].min() > 0:
                # one vertical drop clicked a pixel apart: one time, levels falling down the drop
                if likelihood:
                    # levels beside the drop: the lowest click of the previous time, the highest of the next
                    above = s[(t > t[a - 1] - gap) & (t <= t[a - 1])].min() if a > 0 else s[a:b].max()
                    below = s[(t >= t[b]) & (t < t[b] + gap)].max() if b < t.size else s[a:b].min()
                    snapped[a:b] = _vertical_time(t[a:b], s[a:b], above, below, CLICK_NOISE * (t.max() - t.min()))
                else:
                    snapped[a:b] = np.median(t[a:b])
                if snap_to_risk_times and len(risk_times):
                    ticks = np.asarray(risk_times, dtype=float)
                    nearest = ticks[np.abs(ticks - snapped[a]).argmin()]
                    if 0 < abs(nearest - snapped[a]) < gap:
                        snapped[a:b] = nearest
                levels[a:b] = np.sort(s[a:b])[::-1]
            a = b
        if not np.array_equal(snapped, t):
            flags.append(Flag("CURVE_SNAPPED", f"{int((snapped != t).sum())} click(s) within {gap:.3g} in time were "
                              "taken as vertical drops and moved to their median time"))
            t, s = snapped, levels
        if snap_to_risk_times and len(risk_times):
            t, s, on_ticks = _drops_onto_ticks(t, s, np.asarray(risk_times, dtype=float), gap)
    # Isolated outliers: a click far below (or above) both neighbours.
    if t.size >= 3:
        keep = np.ones(t.size, dtype=bool)
        # a click this close in time to a neighbour may sit on the same vertical drop, clicked out of
        # order (time jitter): ordering along the line and the monotone fit below handle it
        near = max(gap if snap_fraction > 0 else 0.0, OUT_OF_ORDER_WINDOW * (t.max() - t.min()))
        for i in range(1, t.size - 1):
            if min(t[i] - t[i - 1], t[i + 1] - t[i]) < near:
                continue  # part of a vertical drop: pooled below, not dropped
            if (s[i] < s[i + 1] - tolerance and s[i] < s[i - 1] - tolerance) or (
                s[i] > s[i - 1] + tolerance and s[i] > s[i + 1] + tolerance
            ):
                keep[i] = False
        if not keep.all():
            flags.append(
                Flag("CURVE_OUTLIERS", f"Dropped {int((~keep).sum())} outlying click(s) at time(s) "
                     + ", ".join(f"{x:g}" for x in t[~keep][:5]))
            )
            t, s = t[keep], s[keep]
    running = np.minimum.accumulate(s)
    rise = s - running
    # A rise against clicks within 1% of the time axis is a vertical drop clicked out of order
    # (time jitter); a rise against an earlier click further back is not one survival curve.
    window = 0.01 * (t.max() - t.min())
    before = np.searchsorted(t, t - window, side="left")
    lagged = np.where(before > 0, running[np.maximum(before - 1, 0)], np.inf)
    sustained = s - lagged
    if sustained.max() > rise_limit:
        i = int(sustained.argmax())
        raise InputError(
            f"Curve rises from {lagged[i]:.3f} to {s[i]:.3f} at time {t[i]:g}; a survival curve cannot increase"
        )
    t, s, moved = _fit_along_line(t, s)
    if moved:
        flags.append(
            Flag("CURVE_MONOTONE", f"{moved} click(s) out of order along the curve (largest rise {max(rise.max(), 0):.3f}): "
                 "runs of clicks out of order in time or survival were replaced by their mean")
        )
    if t[0] > 0 or s[0] < 1:
        t, s = np.concatenate([[0.0], t]), np.concatenate([[1.0], s])
    if draw_verticals and snap_fraction > 0 and len(at_risk) and len(at_risk) == len(risk_times):
        t, s, drawn = _draw_verticals(t, s, np.asarray(risk_times, float), np.asarray(at_risk, float))
        if drawn:
            flags.append(Flag("CURVE_VERTICALS", f"{drawn} drop(s) clicked part-way down a step were drawn as vertical "
                              "drops at the clicks' time"))
    for rt in sorted(set(float(x) for x in risk_times)):
        if not np.any(np.isclose(t, rt, rtol=0, atol=1e-12)):
            idx = np.searchsorted(t, rt, side="right")
            level = s[idx - 1]
            if 0 < idx < t.size:
                # between two clicks: read the line joining them (the same as carrying the
                # level forward when the clicks bound one flat; closer when steps went unclicked)
                level = s[idx - 1] + (s[idx] - s[idx - 1]) * (rt - t[idx - 1]) / (t[idx] - t[idx - 1])
            t = np.insert(t, idx, rt)
            s = np.insert(s, idx, level)
    return CleanCurve(t, s, tuple(flags), tuple(on_ticks))


def _drops_onto_ticks(t: np.ndarray, s: np.ndarray, ticks: np.ndarray, gap: float,
                      ) -> tuple[np.ndarray, np.ndarray, list[float]]:
    """Move the clicks less than ``gap`` before a risk-table time onto it when one is the bottom of a drop.

    Such a click (below the click before it by more than two level-noises)
    cannot be told from a drop at the time itself, whose deaths the row's
    number at risk still counts (tied times: a last death on the last tick).
    Returns the clicks, re-sorted, and the times that received a drop.
    """
    moved: list[float] = []
    t = t.copy()
    for tick in ticks[ticks > 0]:
        near = np.flatnonzero((t > tick - gap) & (t < tick))
        if near.size and near[0] > 0 and any(s[j] < s[j - 1] - 2 * LEVEL_NOISE for j in near):
            t[near] = tick
            moved.append(float(tick))
    if moved:
        order = np.lexsort((-s, t))
        t, s = t[order], s[order]
    return t, s, moved


def _vertical_time(t: np.ndarray, s: np.ndarray, above: float, below: float, sigma: float) -> float:
    """Most likely time of a vertical drop from the clicks near it (time noise ``sigma``).

    A click part-way down the drop (its level clear of ``above`` and
    ``below``, the levels of the clicks either side) lies on the vertical:
    its time is the drop's time plus noise.  A click at the level above may
    be its top corner or a click on the flat before it, so it only says the
    drop is not much earlier than the click; a click at the level below, not
    much later.  The time maximises the likelihood of all of them (normal
    noise; a flat click is anywhere left, or right, of the drop); with
    corners alone it is their mean's neighbourhood, the middle of the two.
    """
    if sigma <= 0:
        return float(np.median(t))
    from scipy.stats import norm

    top = s >= above - CORNER_MARGIN
    bottom = (s <= below + CORNER_MARGIN) & ~top
    inner = ~top & ~bottom
    grid = np.linspace(t.min() - 2 * sigma, t.max() + 2 * sigma, 161)
    z = (grid[:, None] - t[None, :]) / sigma
    loglik = (norm.logpdf(z[:, inner]).sum(axis=1) + norm.logcdf(z[:, top]).sum(axis=1)
              + norm.logcdf(-z[:, bottom]).sum(axis=1))
    best = loglik.max()
    return float(np.clip(grid[loglik >= best - 1e-9].mean(), t.min(), t.max()))


def _draw_verticals(
    t: np.ndarray, s: np.ndarray, risk_times: np.ndarray, at_risk: np.ndarray
) -> tuple[np.ndarray, np.ndarray, int]:
    """Draw the vertical drops that clicks part-way down a step reveal.

    A KM curve only has whole steps, each ``S / n`` high (``n`` at risk,
    interpolated in the risk table).  Going along the clicks, the level the
    curve has reached is known to a whole number of steps (the click before,
    or the bottom of the vertical drawn there).  A click a clear fraction of a
    step (more than :data:`VERTICAL_MARGIN`) below that level and above the
    click after it cannot lie on a flat: it is on a vertical drop, at its own
    time.  So is a group of clicks snapped to one time.  The line through the
    clicks would spread such a drop between the neighbouring clicks; instead
    the vertical is drawn at the clicks' time, from the whole step above its
    highest click to the whole step at or below its lowest (points added, not
    clicks).  Steps under 2.5 times :data:`VERTICAL_MARGIN` high (large risk
    sets) are left to the line.  ``t, s`` are the clicks and the point at 0
    before them.  Returns the curve and the number of verticals drawn.
    """
    if t.size < 3:
        return t, s, 0
    # units: points at one time (a snapped vertical) or a single click
    ut, first = np.unique(t, return_index=True)
    bounds = np.append(first, t.size)
    tops = np.array([s[a:b].max() for a, b in zip(bounds[:-1], bounds[1:])])
    bots = np.array([s[a:b].min() for a, b in zip(bounds[:-1], bounds[1:])])
    if risk_times.size > 1:
        n_at = np.interp(ut, risk_times, at_risk)
    else:
        n_at = at_risk[0] * np.maximum(tops, 1e-9)  # no censoring known: n falls with S
    inserts: list[tuple[float, float, float]] = []
    above = bots[0]  # the level the curve has reached before unit u (the bottom of a vertical drawn there)
    for u in range(1, ut.size - 1):
        below = tops[u + 1]
        if n_at[u] < 1 or above <= 0:
            above = bots[u]
            continue
        h = above / n_at[u]
        delta = VERTICAL_MARGIN / h  # steps hardly taller than the level noise (delta >= 0.4) are left to the line
        f_up, f_down = (above - tops[u]) / h, (bots[u] - below) / h
        rem_up = f_up - np.floor(f_up + delta)
        rem_down = f_down - np.floor(f_down + delta)
        group = tops[u] > bots[u]
        if delta >= 0.4 or (not group and not (rem_up > delta and rem_down > delta)):
            above = bots[u]
            continue
        top = min(tops[u] + (rem_up * h if rem_up > delta else 0.0), above)
        # the vertical ends on the whole step at or just below its lowest click, counted from the
        # whole step its top is on (not from a top click a little off it)
        lattice_top = above - np.floor(f_up + delta) * h
        bottom = min(max(lattice_top - max(np.ceil((lattice_top - bots[u]) / h - delta), 1) * h, below), bots[u])
        if top > tops[u] or bottom < bots[u]:
            inserts.append((float(ut[u]), top, bottom))
        above = bottom
    if not inserts:
        return t, s, 0
    extra_t = np.array([x for x, _, _ in inserts for _ in range(2)])
    extra_s = np.array([v for _, a, b in inserts for v in (a, b)])
    all_t, all_s = np.concatenate([t, extra_t]), np.concatenate([s, extra_s])
    order = np.lexsort((-all_s, all_t))
    return all_t[order], all_s[order], len(inserts)


def _non_increasing_fit(s: np.ndarray) -> np.ndarray:
    """Least-squares non-increasing fit (pool adjacent violators).

    Pixel noise on a flat stretch goes both ways; the running minimum would
    keep every downward blip and bias the curve low, pooling keeps the mean.
    """
    values: list[float] = []
    sizes: list[int] = []
    for x in s:
        values.append(float(x))
        sizes.append(1)
        while len(values) > 1 and values[-2] < values[-1]:
            v, w = values.pop(), sizes.pop()
            values[-1] = (values[-1] * sizes[-1] + v * w) / (sizes[-1] + w)
            sizes[-1] += w
    return np.repeat(values, sizes)


VERTICAL_MARGIN = 0.008  # survival units (4 px of a 500 px axis): a click this far inside a step lies on its vertical
CLICK_NOISE = 1 / 800  # time noise of a click, as a fraction of the time axis (1 px on 800 px)
CORNER_MARGIN = 0.004  # survival units (2 px of 500): a click this close to the level beside a drop may be its corner
SNAP_SPAN = 1  # a snapped group of clicks spans at most this many snap distances (a steep stretch is not one drop)
OUT_OF_ORDER_WINDOW = 0.01  # clicks this close in time (fraction of the axis) may be one vertical clicked out of order
LEVEL_NOISE = 0.002  # survival units: 1 px of a 500 px axis, the noise of a clicked level
FIT_MARGIN = 9.0  # another censoring placement must lower the squared level misfit by this many LEVEL_NOISE**2
EVENT_COST: float | None = 100.0  # level-noise variances of misfit one event off the reported total is worth
TICK_DROP_BEFORE = True  # deaths on the line into a risk-table time's click are counted before that time (False: Guyot's)
TICK_NEAR_FRACTION = 0.004  # of the time axis (3 px of 800): the line from a click this close to a tick may be a vertical
# a curve falling to 0 at its end has one death in its final drop.  Off (the round-7 rule): on 12 seeds it cut mean
# |dlnHR| on unseen (0.0106 -> 0.0081), unseen3 and fresh but raised it on unseen4 (0.0142 -> 0.0154) and the tuned
# sets (0.0121 -> 0.0135; docs/reconstruct.md, round 8), so it did not pass the rule that no unseen group gets worse
FINAL_DROP_ONE = False
# the same when the event total is not reported: without it nothing bounds the final drop, and Guyot's counting
# kills everyone still at risk there (u5_quarters_none: 7 deaths where 2 died and 7 were censored)
FINAL_DROP_ONE_UNREPORTED = True
# the line into a risk-table time followed by a flat click within tick_near: deaths before the time or a drop at it,
# whichever Guyot's placement fits better (False: the round-7 rule, a drop at it)
TICK_LINE_CHOICE = True
ZERO_LEVEL = 2 * LEVEL_NOISE  # survival units: a click this low is on the axis (the curve has fallen to 0)
# exact steps without an event total: a drop's reading (k n, k d) ranked by a Poisson prior on its tied deaths, at the
# rate seen up to the last risk-table row, instead of the largest risk set first (False: the round-8 reading)
TIE_PRIOR = True
# without an event total the clicked levels alone do not choose the censorings' placement: Guyot's rounded counts
# meet the levels more closely the more patients are at risk, so the level misfit always favours censoring late
# (u5_none_reported: u**0.06, 83 events for 75); other placements are then tried only to meet the numbers at risk
LEVELS_NEED_TOTAL = True
# when Guyot's placement meets the event total and every number at risk, another replaces it only if it fits the
# levels before the last risk-table row (the intervals the numbers at risk bound) no worse by FIT_MARGIN: a gain in
# the tail's misfit (no number at risk at its end) bought by a clear loss in the bounded intervals does not move
# every interval's censorings (u5_early_steep: u**16, bounded misfit 82 -> 119 level-noise variances).
# Needs at least this many risk-table rows (two bounded intervals); with one, the tail is most of the curve (macs)
PRE_TAIL_GUARD = True
PRE_TAIL_MIN_ROWS = 3
CENSOR_SEARCH = 10  # numbers censored tried either side of the one Guyot's iteration finds
LINE_ASPECT = 1.6  # width / height of a typical KM plot: weighs time against survival when ordering clicks along the line


def _fit_along_line(t: np.ndarray, s: np.ndarray) -> tuple[np.ndarray, np.ndarray, int]:
    """Order clicks along the drawn line and make time non-decreasing and survival non-increasing.

    On a monotone step curve the distance along the line from the origin is
    the horizontal plus the vertical distance travelled, so the clicks are
    ordered by that (time and survival scaled as on a plot :data:`LINE_ASPECT`
    wide per unit high).  Pixel noise scrambles time on a vertical and
    survival on a flat; each coordinate is then pooled to its least-squares
    monotone fit (runs out of order take their mean), so the clicks of one
    vertical share a time and those of one flat a level.  Returns the clicks
    and how many of them moved.
    """
    span = float(t.max() - t.min()) or 1.0
    order = np.argsort((t - t.min()) / span * LINE_ASPECT + (1 - s), kind="stable")
    to, so = t[order], s[order]
    tf, sf = -_non_increasing_fit(-to), _non_increasing_fit(so)
    moved = int(np.sum((np.abs(tf - t) > 1e-12) | (np.abs(sf - s) > 1e-12)))
    return tf, sf, moved


def _line_times(line_t: np.ndarray, line_s: np.ndarray, levels: np.ndarray) -> np.ndarray:
    """Times at which the line through the clicks (``line_t`` non-decreasing, ``line_s``
    non-increasing) first falls to each of ``levels``; a drawn vertical drop is one time."""
    levels = np.asarray(levels, dtype=float)
    i = np.searchsorted(-line_s, -levels, side="left")  # first vertex with line_s <= level
    out = np.empty(levels.size)
    inside = (i > 0) & (i < line_s.size)
    out[i == 0] = line_t[0]
    out[i >= line_s.size] = line_t[-1]
    a, b = i[inside] - 1, i[inside]
    ds = line_s[a] - line_s[b]
    frac = np.where(ds > 0, (line_s[a] - levels[inside]) / np.where(ds > 0, ds, 1), 1.0)
    out[inside] = line_t[a] + frac * (line_t[b] - line_t[a])
    return out


@dataclass(frozen=True)
class FitReport:
    """How well the pseudo-patients reproduce the inputs.

    ``max_abs_survival_error``: largest |KM of the pseudo-patients - click| over
    the clicks; ``at_risk_max_abs_error``: largest |pseudo at risk - printed|
    over the risk table; ``events``/``events_reported``; ``iterations`` used.
    """

    n: int
    events: int
    events_reported: int | None
    max_abs_survival_error: float
    at_risk_max_abs_error: int
    iterations: int
    flags: tuple[Flag, ...] = ()

    @property
    def events_reconciled(self) -> bool:
        return self.events_reported is None or self.events == self.events_reported

    def to_dict(self) -> dict[str, Any]:
        return {
            "n": self.n,
            "events": self.events,
            "events_reported": self.events_reported,
            "events_reconciled": self.events_reconciled,
            "max_abs_survival_error": self.max_abs_survival_error,
            "at_risk_max_abs_error": self.at_risk_max_abs_error,
            "iterations": self.iterations,
            "flags": [f.to_json() for f in self.flags],
        }


@dataclass
class GuyotResult:
    """Pseudo-patients (``ipd``: time, event[, arm]) and the :class:`FitReport`."""

    ipd: pd.DataFrame
    report: FitReport
    curve: CleanCurve = field(repr=False, default=None)  # type: ignore[assignment]


def _validate_risk_table(risk_times: np.ndarray, at_risk: np.ndarray) -> None:
    if risk_times.shape != at_risk.shape or risk_times.size == 0:
        raise InputError("Risk table has no rows or unequal columns; expected columns time,at_risk")
    if not (np.isfinite(risk_times).all() and np.isfinite(at_risk).all()):
        raise InputError("Risk table has missing or non-numeric values")
    if (risk_times < 0).any():
        raise InputError("Risk table has negative times")
    if np.any(np.diff(risk_times) <= 0):
        i = int(np.argmax(np.diff(risk_times) <= 0))
        raise InputError(f"Risk table times are out of order at {risk_times[i]:g}, {risk_times[i + 1]:g}; expected increasing")
    if (at_risk < 0).any() or np.any(at_risk != np.round(at_risk)):
        raise InputError("Risk table numbers at risk must be whole numbers >= 0")
    if np.any(np.diff(at_risk) > 0):
        i = int(np.argmax(np.diff(at_risk) > 0))
        raise InputError(
            f"Numbers at risk increase from {int(at_risk[i])} at {risk_times[i]:g} to {int(at_risk[i + 1])} at "
            f"{risk_times[i + 1]:g}; they can only fall"
        )


def _interval_events(
    s: np.ndarray, lo: int, hi: int, n_start: int, km_last: float, cen_counts: np.ndarray,
    flat: np.ndarray | None = None,
) -> tuple[np.ndarray, int, float, np.ndarray, np.ndarray, float]:
    """Events at clicks ``lo..hi`` given censorings per click.

    Returns (events per click, at risk after, KM after, censorings applied per
    click, per event in order its mid-step KM level, and the misfit: the sum
    over the clicks of the squared difference between the pseudo-patients' KM
    after the click's events and the click's level).
    """
    d = np.zeros(hi - lo + 1, dtype=int)
    applied = np.zeros(hi - lo + 1, dtype=int)
    mids: list[np.ndarray] = []
    n_hat = n_start
    misfit = 0.0
    for j, k in enumerate(range(lo, hi + 1)):
        if n_hat <= 0:
            if flat is not None and flat[k]:
                misfit += (km_last - s[k]) ** 2
            continue
        if km_last > 0:
            dk = int(np.floor(n_hat * (1 - s[k] / km_last) + 0.5))
            dk = min(max(dk, 0), n_hat)
        else:
            dk = 0
        if dk:
            mids.append(km_last * (1 - (np.arange(dk) + 0.5) / n_hat))
            km_last *= 1 - dk / n_hat
        if flat is not None and flat[k]:
            misfit += (km_last - s[k]) ** 2
        d[j] = dk
        n_hat -= dk
        applied[j] = min(int(cen_counts[j]), n_hat)
        n_hat -= applied[j]
    return d, n_hat, km_last, applied, (np.concatenate(mids) if mids else np.zeros(0)), misfit


def _placement_cost(misfit: float, event_gap: int) -> float:
    """A placement's squared level misfit plus :data:`EVENT_COST` level-noise variances per event off the total."""
    return misfit + (EVENT_COST or 0.0) * LEVEL_NOISE ** 2 * abs(event_gap)


def _kept_censorings(times: np.ndarray, counts: np.ndarray, applied: np.ndarray) -> np.ndarray:
    """The censoring times actually applied (the first ``applied[j]`` of click j's ``counts[j]``)."""
    if times.size == 0:
        return times
    owner = np.repeat(np.arange(counts.size), counts)
    rank = np.arange(times.size) - np.repeat(np.cumsum(counts) - counts, counts)
    return times[rank < applied[owner]]


def _spread_censoring(
    t: np.ndarray, lo: int, hi: int, t_end: float, n_cen: int, shape: float = 1.0, s: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """``n_cen`` censoring times over [t[lo], t_end) and their count per click of lo..hi.

    At quantiles ``u ** shape`` (u = 1/(n+1) .. n/(n+1)) of the interval's
    time (Guyot's even spread when ``shape`` is 1), or, given the curve
    ``s``, of the area under the line through the clicks: censoring at a
    constant rate per patient at risk (the number at risk falls with the
    curve), so more are censored where the curve is high.  ``shape`` > 1
    moves them towards the start of the interval, < 1 towards its end.
    """
    if n_cen <= 0 or t_end <= t[lo]:
        return np.zeros(0), np.zeros(hi - lo + 1, dtype=int)
    q = ((np.arange(n_cen) + 1) / (n_cen + 1)) ** shape
    times = t[lo] + q * (t_end - t[lo])
    if s is not None:
        end = min(hi + 1, t.size - 1)
        xs = np.append(t[lo : hi + 1], t_end)
        ys = np.append(s[lo : hi + 1], s[end] if t[end] <= t_end else s[hi])
        area = np.concatenate([[0.0], np.cumsum(np.diff(xs) * (ys[1:] + ys[:-1]) / 2)])
        if area[-1] > 0:
            times = np.interp(q * area[-1], area, xs)
    # click j owns [t[j], t[j+1]); the last click owns [t[hi], t_end]
    idx = np.searchsorted(t[lo : hi + 1], times, side="right") - 1
    counts = np.bincount(np.clip(idx, 0, hi - lo), minlength=hi - lo + 1)
    return times, counts


def reconstruct_km(
    time: Sequence[float],
    survival: Sequence[float],
    *,
    risk_times: Sequence[float] | None = None,
    at_risk: Sequence[int] | None = None,
    total_events: int | None = None,
    n: int | None = None,
    arm: str | None = None,
    max_iterations: int = 100,
    tolerance: float = 0.02,
    spread_events: bool = True,
    exact_steps: bool = True,
    snap_fraction: float = 0.004,
    snap_to_risk_times: bool | None = None,
    draw_verticals: bool = False,
    fit_censorings: bool = True,
) -> GuyotResult:
    """Reconstruct pseudo patient-level data from a digitised KM curve (Guyot et al. 2012).

    Parameters
    ----------
    time, survival
        Digitised clicks (survival 0-1).
    risk_times, at_risk
        The risk table under the figure; when absent, ``n`` is required and
        the whole curve is one interval.
    total_events
        Reported number of events; reconciled in the last interval.
    n
        Patients at time 0 (checked against the risk table when both are given).
    arm
        Label written to an ``arm`` column.
    max_iterations
        Cap on the censoring corrections per interval.
    spread_events
        Place each event where the line through the cleaned clicks falls to
        the middle of that event's step (a drop between two clicks happened
        somewhere between them: several events spread out as the line does, a
        single one where the line is halfway down it, a drawn vertical at its
        time) instead of at the click where rounding first counts it.  Events
        stay inside their risk-table interval.
    exact_steps
        When every drop of the cleaned curve is exactly ``(n - d) / n`` for
        whole numbers consistent with the risk table (clicks at the true step
        corners, e.g. a curve redrawn from published step values), read the
        risk sets from the steps instead of guessing the censoring; falls back
        to the Guyot iterations otherwise.
    snap_fraction
        For the Guyot iterations: clicks closer in time than this fraction of
        the clicks' time range are one vertical drop (see :func:`clean_curve`);
        0.004 is about 3 px on an 800 px wide plot, over two standard
        deviations of the gap between two clicks with 1 px jitter each, and
        well under the spacing of clicks along a flat.  Used only when no
        drop is drawn as clicks at one exact time.  0 turns it off.
    snap_to_risk_times
        Move a snapped vertical drop that lies within the snap distance of a
        risk-table time onto that time.  None (default): only when the
        numbers at risk are otherwise not reproduced and doing so reproduces
        them better (a drop a pixel left of a tick must sit on the tick when
        the printed number at risk still counts its deaths).
    fit_censorings
        On by default.  Censorings are spread over each interval by the area
        under the curve (a constant censoring rate per patient at risk)
        instead of evenly in time, and when Guyot's counts do not reproduce
        the clicked levels (flat clicks), the event total or the numbers at
        risk, other placements are tried (earlier or later, the same way in
        every interval, each interval's number censored chosen among those
        that reproduce its next number at risk); the one closest to the event
        total and the numbers at risk is kept, and among those Guyot's unless
        another lowers the squared level misfit by more than
        :data:`FIT_MARGIN` level-noise variances (flag ``CENSORING_FIT``).
        Each event off the reported total counts as :data:`EVENT_COST`
        level-noise variances of misfit: a placement that meets the total only
        by moving the clicked levels far off loses to one an event short
        (flag ``EVENTS_NOT_RECONCILED``).
        False gives the earlier method (even spread, the first number
        censored that meets the risk table).
    draw_verticals
        Off by default.  A snapped vertical is dated by the likelihood of its
        clicks instead of their median, and (with ``spread_events`` and a
        risk table) a click part-way down a step is read as a click on a
        vertical drop, drawn from whole steps (flag ``CURVE_VERTICALS``; see
        :func:`clean_curve`).  It helped the data sets it was tuned on
        but not held-out or fresh ones (``docs/reconstruct.md``).

    Raises
    ------
    InputError
        Bad curve or risk table (see :func:`clean_curve`), N smaller than the
        risk table, a risk table without time 0 and no N.
    ReconstructionError
        More events reported than patients.
    """
    flags: list[Flag] = []
    if risk_times is not None or at_risk is not None:
        if risk_times is None or at_risk is None:
            raise InputError("A risk table needs both times and numbers at risk")
        rt = np.asarray(risk_times, dtype=float)
        nr = np.asarray(at_risk, dtype=float)
        _validate_risk_table(rt, nr)
        if n is not None and n < nr.max():
            raise InputError(f"N = {n} is smaller than the risk table's {int(nr.max())} at risk")
        if rt[0] > 0:
            if n is None:
                raise InputError("Risk table does not start at time 0; give N (--n) for the number at time 0")
            rt, nr = np.concatenate([[0.0], rt]), np.concatenate([[n], nr])
        elif n is not None and n != nr[0]:
            raise InputError(f"N = {n} differs from the risk table's {int(nr[0])} at risk at time 0")
    else:
        if n is None:
            raise InputError("Give a risk table or N (the number of patients at time 0)")
        if isinstance(n, bool) or int(n) != n or n < 1:
            raise InputError(f"Invalid N {n!r}; expected a positive whole number")
        rt, nr = np.array([0.0]), np.array([float(n)])
        if total_events is None:
            flags.append(Flag("NO_CENSORING_INFO", "No risk table and no event total: censoring assumed only at the end"))
    nr = nr.astype(int)
    if total_events is not None and not 0 <= total_events <= nr[0]:
        raise ReconstructionError(f"{total_events} events reported for {nr[0]} patients")
    # Snap only jittered clicks: a curve with drops at one exact time already draws its verticals.
    raw = pd.DataFrame({"t": np.asarray(time, dtype=float), "s": np.asarray(survival, dtype=float)})
    drawn_verticals = bool((raw.groupby("t")["s"].nunique() > 1).any()) if len(raw) else False
    snap = 0.0 if drawn_verticals else snap_fraction
    curve = clean_curve(time, survival, rt, tolerance=tolerance, snap_fraction=snap, snap_to_risk_times=bool(snap_to_risk_times),
                        at_risk=nr if spread_events else (), draw_verticals=draw_verticals)
    flags.extend(curve.flags)
    t, s = curve.time, curve.survival
    if exact_steps:
        exact = _reconstruct_exact_steps(t, s, rt, nr, total_events)
        if exact is not None and (total_events is None or int(exact["event"].sum()) == total_events):
            flags.append(
                Flag("EXACT_STEPS", "Every drop of the curve is (n - d) / n for whole numbers: risk sets read from the steps")
            )
            if arm is not None:
                exact["arm"] = arm
            return GuyotResult(exact, _fit_report(exact, t, s, rt, nr, total_events, 0, flags), curve)
    # Jittered clicks place the end of the curve only to within the snap distance; patients still at
    # risk there are censored that much later, so that a curve ending a pixel early does not take
    # them out of the risk sets of another arm's last events (the KM up to the drawn end is unchanged).
    end_margin = snap * (t.max() - t.min())
    # a click this close to a risk-table time may be on a vertical drop at it (deaths at that time, still counted
    # in its number at risk, e.g. whole months): the line into the time is then not read as deaths before it
    tick_near = max(snap_fraction, TICK_NEAR_FRACTION) * (t.max() - t.min())
    # a drop moved onto a risk-table time (snap_to_risk_times) is counted after it: the row still counts its deaths
    drops_on_ticks = set(curve.drops_on_ticks)

    def place_events(d: np.ndarray, mids: np.ndarray, lo: int, hi: int, upper: float) -> np.ndarray:
        """Times of the events counted at clicks lo..hi: where the drawn line crosses each one's mid-step level."""
        if not spread_events:
            return np.repeat(t[lo : hi + 1], d)
        return np.clip(_line_times(t, s, mids), t[lo], max(upper, t[lo]))

    # a curve falling to 0 at its end: everyone still at risk dies in its final drop (the clicks within tick_near of
    # the end), whose size the levels cannot tell; one death there (the others censored before it), not as many as
    # the event total would put there
    ends_at_zero = bool((FINAL_DROP_ONE or (FINAL_DROP_ONE_UNREPORTED and total_events is None))
                        and t.size > 2 and s[-1] <= ZERO_LEVEL < s[0])
    final_moved: list[int] = []  # censorings added before the final drop by _one_final_death, per call of this pass
    # clicks on a flat (the next click no more than two level-noises lower): the levels the counts must reproduce
    flat = np.append(s[:-1] - s[1:] <= 2 * LEVEL_NOISE, True)
    # censorings at a constant rate per patient at risk: spread by the area under the curve (None: evenly in time)
    weight = s if fit_censorings else None

    def fit_interval(i: int, lo: int, hi: int, nxt: int, n_start: int, km_last: float, shape: float,
                     search: bool) -> tuple[tuple[Any, ...], int]:
        """Censorings in risk-table interval i placed by ``shape``, their number iterated until the next number at
        risk is reproduced (Guyot); with ``search``, other numbers that reproduce it are tried and the one
        whose counts fit the clicked levels best is kept.  Returns (diff, n_cen, censoring times, events,
        at risk after, KM after, mid-step levels, misfit) and the iterations used."""
        s_ratio = s[nxt] / s[lo] if s[lo] > 0 else 0.0
        n_cen = min(max(0, int(round(n_start * s_ratio - nr[i + 1]))), n_start)
        best: tuple[Any, ...] | None = None
        used = 0

        def trial(c: int) -> tuple[Any, ...]:
            times_c, counts = _spread_censoring(t, lo, hi, t[nxt], c, shape, weight)
            d, n_next, km_next, applied, mids, fit = _interval_events(s, lo, hi, n_start, km_last, counts, flat)
            return (n_next - int(nr[i + 1]), c, _kept_censorings(times_c, counts, applied), d, n_next, km_next, mids, fit)

        for _ in range(max_iterations):
            used += 1
            result = trial(n_cen)
            if best is None or abs(result[0]) < abs(best[0]):
                best = result
            if result[0] == 0:
                break
            new_cen = min(max(n_cen + result[0], 0), n_start)
            if new_cen == n_cen:
                break
            n_cen = new_cen
        assert best is not None
        if search and best[0] == 0:
            for sign in (1, -1):
                c = best[1] + sign
                while 0 <= c <= n_start and abs(c - best[1]) <= CENSOR_SEARCH:
                    used += 1
                    result = trial(c)
                    if result[0] != 0:
                        break
                    if result[7] < best[7]:
                        best = result
                    c += sign
        return best, used

    def last_interval(lo: int, hi: int, t_end: float, n_start: int, km_last: float, target: int,
                      shape: float) -> tuple[tuple[Any, ...], int]:
        """Censorings in the last interval tuned until the event total is met (closest kept).  Returns
        (gap, censoring times, events, at risk after, mid-step levels, misfit) and the iterations used."""
        def trial(c: int) -> tuple[Any, ...]:
            times_c, counts = _spread_censoring(t, lo, hi, t_end, c, shape, weight)
            d, n_final, _, applied, mids, fit = _interval_events(s, lo, hi, n_start, km_last, counts, flat)
            return (int(d.sum()) - target, _kept_censorings(times_c, counts, applied), d, n_final, mids, fit)

        n_cen, best, used = 0, None, 0
        for _ in range(max_iterations):
            used += 1
            result = trial(n_cen)
            gap = result[0]
            if best is None or abs(gap) < abs(best[0]):
                best = result
            if gap <= 0:
                break
            step = max(1, gap) if n_cen else max(1, int(round(gap * n_start / max(int(result[2].sum()), 1))))
            new_cen = min(n_cen + step, n_start)
            if new_cen == n_cen:
                break
            n_cen = new_cen
        assert best is not None
        # bisect down if the last step overshot
        if best[0] != 0 and n_cen > 0:
            lo_c, hi_c = 0, n_cen
            while hi_c - lo_c > 1:
                used += 1
                mid = (lo_c + hi_c) // 2
                result = trial(mid)
                g = result[0]
                if abs(g) < abs(best[0]):
                    best = result
                if g > 0:
                    lo_c = mid
                else:
                    hi_c = mid
        if ends_at_zero:
            best, extra = _one_final_death(best, lambda c: trial(c), lo, hi, n_start)
            used += extra
        return best, used

    def _one_final_death(best: tuple[Any, ...], trial: Any, lo: int, hi: int, n_start: int) -> tuple[tuple[Any, ...], int]:
        """With the curve falling to 0 at its end, censor before the final drop all but one of those still at risk
        there (``best`` and ``trial(c)`` as in :func:`last_interval`: censorings, then events per click at [2])."""
        zero = t[lo : hi + 1] >= t[-1] - tick_near  # the clicks of the final drop (a vertical at the end)
        c, used = len(best[1]), 0
        while int(best[2][zero].sum()) > 1 and c < n_start:
            c += 1
            used += 1
            best = trial(c)
        final_moved.append(used)
        return best, used

    # a click within tick_near after a risk-table time's click and no lower than it (a flat click, or the bottom of
    # a vertical at the time): the line into the time may be deaths before it or a vertical drop at it
    flat_after_tick = np.zeros(t.size, dtype=bool)
    flat_after_tick[:-1] = (t[1:] <= t[:-1] + tick_near) & (s[1:] >= s[:-1] - 2 * LEVEL_NOISE)
    near_before = False  # count such a drop before the time (chosen below by the fit to the total and the levels)

    def guyot_pass(shape: float, search: bool = False) -> tuple[pd.DataFrame, int, int, list[Flag], int, float, float]:
        """One pass over the intervals with censorings placed by ``shape`` (with ``search``, each interval's
        number censored is chosen among those reproducing the next number at risk by the fit to the clicked
        levels); returns (ipd, iterations, at-risk error, flags, event gap, misfit, misfit before the last row)."""
        pflags: list[Flag] = []
        final_moved.clear()
        lower = np.searchsorted(t, rt - 1e-12, side="left")
        m = rt.size
        n_events = 0  # events counted so far (a risk-table time's click may end one interval and start the next)
        cen_times: list[np.ndarray] = []
        ev_parts: list[np.ndarray] = []
        km_last = 1.0
        n_start = int(nr[0])
        iterations = 0
        at_risk_err = 0
        censored_so_far = 0
        misfit = 0.0
        for i in range(m - 1):
            lo, nxt = int(lower[i]), int(lower[i + 1])
            hi = nxt - 1
            if (TICK_DROP_BEFORE and lo < nxt < t.size and t[nxt] - rt[i + 1] <= 1e-12 and rt[i + 1] not in drops_on_ticks
                    and t[nxt - 1] < t[nxt] - tick_near
                    and (nxt == t.size - 1 or t[nxt + 1] > t[nxt] + tick_near or (flat_after_tick[nxt] and near_before))):
                # the line falls from a click more than tick_near before the risk-table time to the click on it, and
                # no click within tick_near after it marks a vertical drop there: those deaths happened before the
                # time (its number at risk no longer counts them), so they are counted in this interval
                hi = nxt
            if hi < lo:
                continue
            result, used = fit_interval(i, lo, hi, nxt, n_start, km_last, shape, search)
            iterations += used
            diff, n_cen, times_c, d, n_next, km_next, mids, fit = result
            misfit += fit
            at_risk_err = max(at_risk_err, abs(diff))
            n_events += int(d.sum())
            ev_parts.append(place_events(d, mids, lo, hi, float(np.nextafter(t[nxt], -np.inf))))
            cen_times.append(times_c)
            censored_so_far += len(times_c)
            km_last, n_start = km_next, n_next
        # Last interval: to the end of the curve.
        lo, hi = int(lower[-1]), t.size - 1
        t_end = t[-1]
        events_before = n_events
        if total_events is not None:
            target = total_events - events_before
            if target < 0:
                pflags.append(
                    Flag("EVENTS_NOT_RECONCILED", f"{events_before} events reconstructed before the last risk-table time "
                         f"already exceed the reported {total_events}")
                )
        elif m > 1 and rt[-1] > 0:
            rate = censored_so_far / rt[-1]
            target = None
        else:
            rate, target = 0.0, None
        if target is None:
            n_cen = int(round(min(rate * (t_end - t[lo]), n_start))) if m > 1 else 0

            def unreported_trial(c: int) -> tuple[Any, ...]:
                times_c, counts = _spread_censoring(t, lo, hi, t_end, c, shape, weight)
                d, n_final, _, applied, mids, fit = _interval_events(s, lo, hi, n_start, km_last, counts, flat)
                return (0, _kept_censorings(times_c, counts, applied), d, n_final, mids, fit)

            result_last = unreported_trial(n_cen)
            if ends_at_zero:
                result_last, _ = _one_final_death(result_last, unreported_trial, lo, hi, n_start)
            _, times_c, d, n_final, mids, fit = result_last
        else:
            result_last, used = last_interval(lo, hi, t_end, n_start, km_last, target, shape)
            iterations += used
            gap, times_c, d, n_final, mids, fit = result_last
            if gap != 0:
                pflags.append(
                    Flag("EVENTS_NOT_RECONCILED", f"Reconstructed {events_before + int(d.sum())} events; reported {total_events}")
                )
        misfit += fit
        if sum(final_moved):
            pflags.append(Flag("FINAL_DROP_ONE", "The curve falls to 0 at its end: one death counted in its final drop, "
                               "the others still at risk censored before it (its size is not in the levels)"))
        n_events += int(d.sum())
        ev_parts.append(place_events(d, mids, lo, hi, float(t_end)))
        cen_times.append(times_c)
        all_cen = np.concatenate(cen_times) if cen_times else np.zeros(0)
        n_end = int(nr[0]) - n_events - all_cen.size
        if n_end < 0:  # pragma: no cover - at-risk bookkeeping keeps this >= 0
            raise ReconstructionError("Reconstruction produced more patients than N")
        ev_times = np.concatenate(ev_parts) if ev_parts else np.zeros(0)
        ipd = pd.DataFrame(
            {
                "time": np.concatenate([ev_times, all_cen, np.full(n_end, t_end + end_margin)]),
                "event": np.concatenate([np.ones(ev_times.size, int), np.zeros(all_cen.size + n_end, int)]),
            }
        )
        ipd = ipd.sort_values(["time", "event"], ascending=[True, False], kind="stable").reset_index(drop=True)
        gap_total = int(ipd["event"].sum()) - total_events if total_events is not None else 0
        pre_tail = misfit - fit if m > 1 else misfit  # the misfit of the intervals before the last risk-table row
        return ipd, iterations, at_risk_err, pflags, gap_total, misfit, pre_tail

    first = guyot_pass(1.0)
    tick_lines = [k for k in np.searchsorted(t, rt[1:] - 1e-12, side="left")
                  if 0 < k < t.size - 1 and flat_after_tick[k] and t[k - 1] < t[k] - tick_near]
    if TICK_DROP_BEFORE and TICK_LINE_CHOICE and fit_censorings and tick_lines:
        # the line into a risk-table time ends at a click followed, within tick_near, by a click no lower: deaths
        # along the line before the time, or a vertical drop at it (still counted at risk there)?  The numbers
        # at risk fit both; keep the reading that meets them and the event total and levels clearly better
        near_before = True
        other = guyot_pass(1.0)
        if (other[2], _placement_cost(other[5], other[4])) < (
                first[2], _placement_cost(first[5], first[4]) - FIT_MARGIN * LEVEL_NOISE ** 2):
            first = other
            flags.append(Flag("TICK_LINE_BEFORE", f"The drop on the line into {len(tick_lines)} risk-table time(s) "
                              "was counted before the time (deaths along the line), not as a drop at it"))
        else:
            near_before = False
    ipd, iterations, at_risk_err, pass_flags, gap_total, misfit = first[:6]
    levels_decide = total_events is not None or not LEVELS_NEED_TOTAL
    if fit_censorings and (gap_total or at_risk_err or (levels_decide and misfit > FIT_MARGIN * LEVEL_NOISE ** 2)):
        # Several placements of the censorings (earlier: shape > 1, fewer events; later: < 1; the same way in
        # every interval, each interval's number censored chosen among those that reproduce the next number at
        # risk) may meet the risk table.  Keep the one closest to the event total and the numbers at risk; among
        # those, Guyot's (even, no search) unless another reproduces the clicked levels clearly better.
        trials = {0: first}
        for k in range(-8, 9):
            trials[k if k else 99] = guyot_pass(2.0 ** (k / 2), True)
        if EVENT_COST is None:
            closeness = {k: (abs(tr[4]), tr[2]) for k, tr in trials.items()}
            cost = {k: tr[5] for k, tr in trials.items()}
        else:
            # an event off the reported total costs EVENT_COST level-noise variances of misfit: a placement that
            # meets the total only by moving the clicked levels far off (every interval shares one shape) loses
            closeness = {k: (tr[2],) for k, tr in trials.items()}
            cost = {k: _placement_cost(tr[5], tr[4]) for k, tr in trials.items()}
        nearest = min(closeness.values())
        eligible = [k for k in trials if closeness[k] == nearest]
        chosen = min(eligible, key=lambda k: (cost[k], abs(k) if k != 99 else 0))
        if (PRE_TAIL_GUARD and rt.size >= PRE_TAIL_MIN_ROWS and 0 in eligible and trials[0][2] == 0 and trials[0][4] == 0
                and trials[chosen][6] > trials[0][6] + FIT_MARGIN * LEVEL_NOISE ** 2):
            chosen = 0  # its gain is in the tail alone: the bounded intervals fit Guyot's placement clearly better
        if 0 in eligible and cost[0] - cost[chosen] <= FIT_MARGIN * LEVEL_NOISE ** 2:
            chosen = 0
        if chosen:
            nearer = (closeness[chosen], abs(trials[chosen][4])) < (closeness[0], abs(trials[0][4]))
            why = "the event total and numbers at risk" if nearer else "the clicked levels"
            ipd, iterations, at_risk_err, pass_flags, gap_total, misfit = trials[chosen][:6]
            shape_text = f"at quantiles u**{2.0 ** (chosen / 2):.2f} of" if chosen != 99 else "evenly over"
            pass_flags = pass_flags + [
                Flag("CENSORING_FIT", f"Censorings placed {shape_text} the area under each risk-table interval's "
                     f"curve, their number chosen to reproduce {why}")
            ]
    if gap_total:
        # Reconcile the event total over every interval: move censorings earlier (shape > 1: fewer
        # events) or later (< 1) within each interval, the same way everywhere; keep the closest.
        best: tuple[int, int, float, Any] = (abs(gap_total), 0, 1.0, (ipd, iterations, at_risk_err, pass_flags, gap_total, misfit))
        for k in range(-8, 9):
            if k == 0:
                continue
            shape = 2.0 ** (k / 2)
            trial = guyot_pass(shape)
            if fit_censorings and EVENT_COST is not None and _placement_cost(trial[5], trial[4]) >= _placement_cost(
                    best[3][5], best[3][4]) - FIT_MARGIN * LEVEL_NOISE ** 2:
                continue  # meets the total no better, counting the level misfit it costs
            if (abs(trial[4]), abs(k)) < best[:2]:
                best = (abs(trial[4]), abs(k), shape, trial)
        if best[1]:
            ipd, iterations, at_risk_err, pass_flags, gap_total, misfit = best[3][:6]
            pass_flags = pass_flags + [
                Flag(
                    "CENSORING_SHAPE",
                    f"Censorings placed at quantiles u**{best[2]:.2f} of each risk-table interval instead of evenly, "
                    "to reconcile the event total",
                )
            ]
    flags.extend(pass_flags)
    if arm is not None:
        ipd["arm"] = arm
    report = _fit_report(ipd, t, s, rt, nr, total_events, iterations, flags)
    if at_risk_err:
        flags.append(Flag("AT_RISK_NOT_RECONCILED", f"Pseudo numbers at risk differ from the risk table by up to {at_risk_err}"))
        report = _fit_report(ipd, t, s, rt, nr, total_events, iterations, flags)
    if snap_to_risk_times is None and snap > 0 and at_risk_err and rt.size > 1:
        other = reconstruct_km(
            time, survival, risk_times=risk_times, at_risk=at_risk, total_events=total_events, n=n, arm=arm,
            max_iterations=max_iterations, tolerance=tolerance, spread_events=spread_events, exact_steps=exact_steps,
            snap_fraction=snap_fraction, snap_to_risk_times=True, draw_verticals=draw_verticals,
            fit_censorings=fit_censorings,
        )
        if other.report.at_risk_max_abs_error < report.at_risk_max_abs_error:
            flag = Flag("DROPS_ON_TICKS", "Vertical drops (or a drop's bottom click) within the snap distance of a "
                        f"risk-table time were moved onto it and counted after it; numbers at risk then differ by up to {other.report.at_risk_max_abs_error} "
                        f"instead of {report.at_risk_max_abs_error}")
            other.report = FitReport(**{**other.report.__dict__, "flags": other.report.flags + (flag,)})
            return other
    return GuyotResult(ipd, report, curve)


def align_arm_drops(
    ipds: Sequence[pd.DataFrame], tolerance: float, *, min_events: int = 2, risk_times: Sequence[float] = ()
) -> tuple[list[pd.DataFrame], int]:
    """Put the vertical drops of different arms that lie within ``tolerance`` of each other at one time.

    Arms are reconstructed one at a time, each from its own clicks, so a drop
    that both arms make at one time (tied event times, e.g. durations in whole
    years) comes out a pixel or two apart, and the Cox model then counts one
    arm's patients at risk for the other's deaths and not the other way
    round.  Drops of at least ``min_events`` events at one time, in different
    arms and less than ``tolerance`` apart, are moved to their event-weighted
    mean time (never across a risk-table time).  Returns the pseudo-patients
    and the number of drops moved.
    """
    drops: list[tuple[float, int, int]] = []
    for arm, ipd in enumerate(ipds):
        counts = ipd.loc[ipd["event"] == 1, "time"].value_counts()
        drops += [(float(time), int(count), arm) for time, count in counts[counts >= min_events].items()]
    drops.sort()
    ticks = np.asarray(sorted(risk_times), dtype=float)
    moves: list[dict[float, float]] = [{} for _ in ipds]
    i = 0
    while i < len(drops):
        j = i + 1
        while j < len(drops) and drops[j][0] - drops[i][0] < tolerance:
            j += 1
        group = drops[i:j]
        arms = [d[2] for d in group]
        same_side = np.unique(np.searchsorted(ticks, [d[0] for d in group], side="right")).size == 1
        if len(set(arms)) == len(arms) > 1 and same_side:
            target = sum(d[0] * d[1] for d in group) / sum(d[1] for d in group)
            for time, _, arm in group:
                if time != target:
                    moves[arm][time] = target
        i = j
    out = []
    for ipd, move in zip(ipds, moves):
        if move:
            ipd = ipd.copy()
            hit = (ipd["event"] == 1) & ipd["time"].isin(list(move))
            ipd.loc[hit, "time"] = ipd.loc[hit, "time"].map(move)
            ipd = ipd.sort_values(["time", "event"], ascending=[True, False], kind="stable").reset_index(drop=True)
        out.append(ipd)
    return out, sum(len(m) for m in moves)


EXACT_TOLERANCE = 1e-6  # |n - round(n)| for n = d / (1 - S_k / S_prev) to count as a whole number


def _whole_risk_sets(ratio: float, n_max: int) -> list[tuple[int, int]]:
    """(at risk, events) pairs with (n - d) / n == ratio to within float error, n <= n_max."""
    drop = 1.0 - ratio
    if drop <= 0:
        return []
    out = []
    for d in range(1, n_max + 1):
        n = d / drop
        if n > n_max + EXACT_TOLERANCE:
            break
        if abs(n - round(n)) < EXACT_TOLERANCE * max(1.0, n):
            out.append((int(round(n)), d))
    return out


def _tie_log_prior(d: int, n: int, rate: float) -> float:
    """Log-probability of ``d - 1`` tied deaths beyond the first among ``n`` at risk (Poisson, mean ``rate * n``)."""
    mean = rate * n
    return (d - 1) * math.log(mean) - mean - math.lgamma(d)


def _reconstruct_exact_steps(
    t: np.ndarray, s: np.ndarray, rt: np.ndarray, nr: np.ndarray, total_events: int | None = None,
    max_nodes: int = 200_000,
) -> pd.DataFrame | None:
    """Pseudo-patients from a curve whose drops are exact KM factors; None when it is not such a curve.

    Each drop ``S_k / S_prev`` is read as ``(n - d) / n``; a drop has several
    readings ((n, d), (2n, 2d), ...).  A depth-first search takes the largest
    risk set first (fewest unexplained censorings) and backtracks when a later
    drop, a risk-table row or the event total cannot be met.  Censorings are
    the differences of consecutive known risk sets, spread evenly over each gap
    between drops and risk-table rows; those left after the last drop or row
    are spread evenly to the curve's end (all at the end when nobody was
    censored before; :func:`_tail_censorings`).
    """
    import sys

    frame = pd.DataFrame({"t": t, "s": s}).groupby("t", sort=True)["s"].min()
    times, levels = frame.index.to_numpy(float), frame.to_numpy(float)
    drops: list[tuple[float, float]] = []
    prev = 1.0
    for time, level in zip(times, levels):
        if level < prev - 1e-12:
            if prev <= 0:
                return None
            drops.append((float(time), level / prev))
            prev = level
    table = [(float(a), int(b)) for a, b in zip(rt, nr)][1:]
    t_end = float(times[-1])
    if len(drops) > sys.getrecursionlimit() - 100:
        return None
    options_cache: dict[tuple[int, int], list[tuple[int, int]]] = {}
    failed: set[tuple[int, int, int]] = set()
    nodes = 0
    tie_rate: float | None = None  # extra tied deaths per patient at risk (the prior on ties; None: largest first)

    def ordered(j: int, n_cur: int) -> list[tuple[int, int]]:
        """Drop j's readings, most likely first: the largest risk set (fewest censorings) or, with ``tie_rate``,
        by the Poisson probability of its tied deaths beyond the first (ties broken by the larger risk set)."""
        found = _whole_risk_sets(drops[j][1], n_cur)
        if tie_rate is None:
            return sorted(found, reverse=True)
        return sorted(found, key=lambda nd: (-_tie_log_prior(nd[1], nd[0], tie_rate), -nd[0]))

    def solve(j: int, ti: int, n_cur: int, ev: int) -> list[tuple[int, int]] | None:
        nonlocal nodes
        nodes += 1
        if nodes > max_nodes or (j, n_cur, ev) in failed:
            return None
        limit = drops[j][0] if j < len(drops) else t_end + 1e-9
        while ti < len(table) and table[ti][0] < limit:
            if table[ti][1] > n_cur:
                failed.add((j, n_cur, ev))
                return None
            n_cur = table[ti][1]
            ti += 1
        if j == len(drops):
            if total_events is not None and ev != total_events:
                failed.add((j, n_cur, ev))
                return None
            return []
        key = (j, n_cur)
        if key not in options_cache:
            options_cache[key] = ordered(j, n_cur)
        at_table = ti < len(table) and abs(table[ti][0] - drops[j][0]) < 1e-12
        for n_k, d_k in options_cache[key]:
            if at_table and n_k != table[ti][1]:
                continue
            if total_events is not None and ev + d_k > total_events:
                continue
            rest = solve(j + 1, ti + 1 if at_table else ti, n_k - d_k, ev + d_k)
            if rest is not None:
                return [(n_k, d_k)] + rest
        failed.add((j, n_cur, ev))
        return None

    choice = solve(0, 0, int(nr[0]), 0)
    if choice is None:
        return None
    if TIE_PRIOR and total_events is None and table:
        # Without an event total nothing bounds a drop's risk set after the last risk-table row, and the largest
        # (k n, k d) is read: a halving with 14 counted becomes 7 tied deaths.  Rank the readings instead by how
        # likely their ties are, at the rate of tied deaths in the drops up to the last row.
        upto = [(n_k, d_k) for (time, _), (n_k, d_k) in zip(drops, choice) if time <= table[-1][0] + 1e-12]
        if upto:
            tie_rate = (sum(d - 1 for _, d in upto) + 0.5) / sum(n for n, _ in upto)
            options_cache.clear()
            failed.clear()
            nodes = 0
            prior_choice = solve(0, 0, int(nr[0]), 0)
            if prior_choice is not None:
                choice = prior_choice
    # Rebuild the patients from the chosen risk sets.
    ev_t: list[float] = []
    cen_t: list[np.ndarray] = []
    n_cur, prev_time, ti = int(nr[0]), 0.0, 0
    for (time, _), (n_k, d_k) in zip(drops, choice):
        while ti < len(table) and table[ti][0] < time:
            cen_t.append(np.linspace(prev_time, table[ti][0], n_cur - table[ti][1] + 2)[1:-1])
            n_cur, prev_time = table[ti][1], table[ti][0]
            ti += 1
        cen_t.append(np.linspace(prev_time, time, n_cur - n_k + 2)[1:-1])
        ev_t += [time] * d_k
        n_cur, prev_time = n_k - d_k, time
        if ti < len(table) and abs(table[ti][0] - time) < 1e-12:
            ti += 1
    while ti < len(table) and table[ti][0] <= t_end:
        cen_t.append(np.linspace(prev_time, table[ti][0], n_cur - table[ti][1] + 2)[1:-1])
        n_cur, prev_time = table[ti][1], table[ti][0]
        ti += 1
    before = np.concatenate(cen_t) if cen_t else np.zeros(0)
    tail = _tail_censorings(before, n_cur, prev_time, t_end)
    cen = np.concatenate([before, tail])
    ipd = pd.DataFrame(
        {
            "time": np.concatenate([np.asarray(ev_t, dtype=float), cen]),
            "event": np.concatenate([np.ones(len(ev_t), int), np.zeros(cen.size, int)]),
        }
    )
    return ipd.sort_values(["time", "event"], ascending=[True, False], kind="stable").reset_index(drop=True)


def _tail_censorings(before: np.ndarray, n_left: int, start: float, t_end: float) -> np.ndarray:
    """Times of the ``n_left`` patients still at risk after the last drop or risk-table row (``start``).

    The curve says only that they are censored by its end ``t_end``.  As in
    every other interval they are spread evenly over it, the last at
    ``t_end`` (the curve ends at a follow-up time).  When nobody was censored
    before ``start`` (``before`` empty: complete follow-up up to one date,
    as in a fixed-length study) nothing suggests censoring before the end,
    and all are censored at ``t_end``.
    """
    if n_left <= 0:
        return np.zeros(0)
    if before.size == 0:
        return np.full(n_left, t_end)
    return np.linspace(start, t_end, n_left + 1)[1:]


def _fit_report(
    ipd: pd.DataFrame,
    t: np.ndarray,
    s: np.ndarray,
    rt: np.ndarray,
    nr: np.ndarray,
    total_events: int | None,
    iterations: int,
    flags: list[Flag],
) -> FitReport:
    from lifelines import KaplanMeierFitter

    kmf = KaplanMeierFitter().fit(ipd["time"], ipd["event"])
    # compare just after each click time (a click at a drop is the value after the drop)
    s_hat = kmf.survival_function_at_times(t).to_numpy()
    # several clicks at one time: compare against the lowest (the value after the step)
    frame = pd.DataFrame({"t": t, "s": s, "hat": s_hat}).groupby("t").agg({"s": "min", "hat": "first"})
    err = float(np.max(np.abs(frame["s"] - frame["hat"]))) if len(frame) else 0.0
    times = ipd["time"].to_numpy()
    pseudo_nar = np.array([(times >= x).sum() for x in rt])
    return FitReport(
        n=int(len(ipd)),
        events=int(ipd["event"].sum()),
        events_reported=total_events,
        max_abs_survival_error=err,
        at_risk_max_abs_error=int(np.max(np.abs(pseudo_nar - nr))) if rt.size else 0,
        iterations=iterations,
        flags=tuple(flags),
    )


def _read_csv(path: str | os.PathLike[str], columns: tuple[str, str], what: str) -> pd.DataFrame:
    p = Path(path)
    if not p.is_file():
        raise InputError(f"{what} file {str(p)!r} does not exist")
    try:
        frame = pd.read_csv(p)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
        raise ParseError(f"{what} file {p.name!r} is not a CSV file: {exc}") from exc
    frame.columns = [str(c).strip().lower() for c in frame.columns]
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ParseError(f"{what} file {p.name!r} lacks column(s) {missing}; expected header {','.join(columns)}")
    out = frame[list(columns)].apply(pd.to_numeric, errors="coerce")
    if out.isna().any().any():
        row = int(out.isna().any(axis=1).to_numpy().argmax()) + 2
        raise ParseError(f"{what} file {p.name!r} has a missing or non-numeric value on line {row}")
    if out.empty:
        raise ParseError(f"{what} file {p.name!r} has no rows")
    return out


def read_curve_csv(path: str | os.PathLike[str]) -> pd.DataFrame:
    """Read a digitised curve with header ``time,survival`` (survival 0-1)."""
    return _read_csv(path, ("time", "survival"), "Curve")


def read_risk_table_csv(path: str | os.PathLike[str]) -> pd.DataFrame:
    """Read a risk table with header ``time,at_risk``."""
    return _read_csv(path, ("time", "at_risk"), "Risk table")


def write_ipd_csv(ipd: pd.DataFrame, path: str | os.PathLike[str]) -> None:
    """Write ``time,event[,arm]`` to ``path`` atomically (temp file then rename)."""
    with atomic_path(path, suffix=".csv") as tmp:
        with open(tmp, "w", newline="", encoding="utf-8") as handle:
            ipd.to_csv(handle, index=False, float_format="%.6g")
