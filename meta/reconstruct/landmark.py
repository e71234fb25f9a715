"""Pseudo-cohorts from landmark survival rates, and whether the rates are attainable at all.

A small series often reports only "1-year DFS 79.3%" for N = 31.  Two questions
follow.  *Feasibility*: a Kaplan-Meier value is a product of ``(n_i - d_i) / n_i``
over event times, so only some numbers are attainable with N patients; which
integer patterns of events and censorings before the landmark print as the
reported value at its precision?  (79.3% is not ``k / 31`` for any k, so some
patients must have been censored before 12 months; 23/29 = 79.31% works.)
*Reconstruction*: a pseudo-cohort drawn from a stated parametric model
(exponential through one landmark, Weibull through two) with a stated
censoring model (uniform accrual, administrative censoring at the data cutoff),
redrawn with a seeded generator until its Kaplan-Meier estimate (lifelines)
prints as every reported landmark.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Mapping, Sequence

import numpy as np
import pandas as pd

from evidence.errors import InputError, ReconstructionError
from evidence.records import Flag

from .counts import RULES, PercentLike, _as_decimal, infer_decimals, round_percent

__all__ = [
    "Landmark",
    "LandmarkCohort",
    "LandmarkFeasibility",
    "LandmarkPattern",
    "SurvivalModel",
    "check_landmark_feasibility",
    "fit_survival_model",
    "km_at",
    "prints_as",
    "simulate_landmark_cohort",
]


@dataclass(frozen=True)
class Landmark:
    """A reported survival rate: ``percent`` (as printed, 0-100) at ``time_months``."""

    time_months: float
    percent: PercentLike

    @property
    def proportion(self) -> float:
        return float(_as_decimal(self.percent)) / 100

    @property
    def decimals(self) -> int:
        return infer_decimals(self.percent)


def prints_as(proportion: float, percent: PercentLike, rules: Sequence[str] = RULES) -> bool:
    """True when ``proportion`` (0-1) prints as ``percent`` under any of ``rules`` at its decimals."""
    d = infer_decimals(percent)
    target = Fraction(_as_decimal(percent))
    # Survival values here are ratios of small integers; 1e-12 guards float noise at exact halves.
    exact = Fraction(round(proportion * 100, 12)).limit_denominator(10**9)
    return any(round_percent(exact, d, rule) == target for rule in rules)


def km_at(times: np.ndarray, events: np.ndarray, t: float) -> float:
    """Kaplan-Meier survival at ``t`` (right-continuous; an event at ``t`` counts). Fast kernel for search loops.

    Sorting events before censorings at equal times, the product of
    ``1 - 1 / at_risk`` over event positions telescopes to ``(m - d) / m`` for
    ``d`` tied events among ``m`` at risk, so ties need no special case.
    """
    times = np.asarray(times, dtype=float)
    events = np.asarray(events)
    order = np.lexsort((-events, times))
    at_risk = len(times) - np.arange(len(times))
    mask = (times[order] <= t) & (events[order] > 0)
    return float(np.prod(1.0 - 1.0 / at_risk[mask]))


@dataclass(frozen=True)
class LandmarkPattern:
    """One way to reach the reported value: events and censorings before the landmark.

    ``steps`` lists each event time in order as ``(at_risk, events)``;
    ``censored_before`` patients leave the risk set before the landmark without
    an event; ``survival`` is the resulting Kaplan-Meier value.
    """

    events: int
    censored_before: int
    steps: tuple[tuple[int, int], ...]
    survival: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "events": self.events,
            "censored_before": self.censored_before,
            "steps": [list(s) for s in self.steps],
            "survival": self.survival,
        }


@dataclass(frozen=True)
class LandmarkFeasibility:
    """Result of :func:`check_landmark_feasibility`.

    ``patterns`` holds, for each number of events before the landmark that can
    work, the pattern needing the fewest censorings; ``min_censored`` is the
    fewest censorings before the landmark any pattern needs.
    """

    n: int
    percent: str
    feasible: bool
    patterns: tuple[LandmarkPattern, ...]
    min_censored: int | None
    flags: tuple[Flag, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "n": self.n,
            "percent": self.percent,
            "feasible": self.feasible,
            "min_censored": self.min_censored,
            "patterns": [p.to_dict() for p in self.patterns],
            "flags": [f.to_json() for f in self.flags],
        }


def check_landmark_feasibility(
    n: int,
    percent: PercentLike,
    *,
    events: int | None = None,
    max_censored: int | None = None,
    rules: Sequence[str] = RULES,
    name: str = "survival",
    max_states: int = 400_000,
) -> LandmarkFeasibility:
    """Search integer patterns of events and censorings over ``n`` patients for a reported KM value.

    A dynamic programme over states (at risk, events so far, survival) walks
    every order of single censorings and (tied) events before the landmark,
    pruning survival below the lowest value that could print as ``percent``.

    Parameters
    ----------
    n
        Patients at time zero.
    percent
        The reported landmark rate as printed (e.g. ``79.3``).
    events
        When given, only patterns with exactly this many events before the landmark.
    max_censored
        Upper bound on censorings before the landmark (default ``n``).
    rules
        Rounding rules the printed value may follow.
    max_states
        Cap on the search.  Single-block patterns (``c`` censorings, then ``k``
        events) are always tried; the full search stops at this many states
        and then says so in a ``LANDMARK_SEARCH_CAPPED`` flag (the patterns
        found still reproduce the value, ``min_censored`` is then an upper bound).
    """
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise InputError(f"Invalid cohort size {n!r}; expected a positive integer")
    value = _as_decimal(percent)
    if value < 0 or value > 100:
        raise InputError(f"Invalid {name} rate {percent!r}%; expected a value between 0 and 100")
    d = infer_decimals(percent)
    floor_s = float(value) / 100 - 10.0 ** (-d) / 100 - 1e-12
    max_c = n if max_censored is None else int(max_censored)
    target = Fraction(value)

    def ok(s: Fraction) -> bool:
        return any(round_percent(s * 100, d, rule) == target for rule in rules)

    # A state is (at_risk, events, survival key); censorings = n - at_risk - events.
    # Survival is tracked as a float (keyed to 12 decimals) for speed and checked exactly at the end.
    Key = tuple[int, int, float]
    start: Key = (n, 0, 1.0)
    parents: dict[Key, tuple[Key | None, tuple[int, int] | None, float]] = {start: (None, None, 1.0)}
    frontier = [start]
    near: list[Key] = []
    capped = False
    ceiling_s = float(value) / 100 + 10.0 ** (-d) / 100 + 1e-12
    while frontier:
        if len(parents) > max_states:
            capped = True
            break
        new: list[Key] = []
        for state in frontier:
            at_risk, ev, _ = state
            s = parents[state][2]
            if s <= ceiling_s and (events is None or ev == events):
                near.append(state)
            if at_risk == 0:
                continue
            if n - at_risk - ev < max_c:
                nxt = (at_risk - 1, ev, state[2])
                if nxt not in parents:
                    parents[nxt] = (state, None, s)
                    new.append(nxt)
            for k in range(1, at_risk + 1):
                s_next = s * (at_risk - k) / at_risk
                if s_next < floor_s or (events is not None and ev + k > events):
                    break
                nxt = (at_risk - k, ev + k, round(s_next, 12))
                if nxt not in parents:
                    parents[nxt] = (state, (at_risk, k), s_next)
                    new.append(nxt)
        frontier = new

    def steps_of(state: Key) -> tuple[tuple[int, int], ...]:
        steps = []
        cursor: Key | None = state
        while cursor is not None:
            parent, step, _ = parents[cursor]
            if step is not None:
                steps.append(step)
            cursor = parent
        return tuple(reversed(steps))

    best: dict[int, tuple[int, Key, Fraction]] = {}
    for state in near:
        at_risk, ev, _ = state
        cen = n - at_risk - ev
        if ev in best and best[ev][0] <= cen:
            continue
        exact = Fraction(1)
        for m, k in steps_of(state):
            exact *= Fraction(m - k, m)
        if ok(exact):
            best[ev] = (cen, state, exact)
    patterns = {
        ev: LandmarkPattern(ev, best[ev][0], steps_of(best[ev][1]), float(best[ev][2])) for ev in sorted(best)
    }
    # Single-block patterns: c censorings, then k tied events among m = n - c at risk.
    for c in range(0, max_c + 1):
        m = n - c
        if m < 1:
            break
        for k in range(0, m + 1):
            if events is not None and k != events:
                continue
            exact = Fraction(m - k, m)
            if ok(exact) and (k not in patterns or patterns[k].censored_before > c):
                patterns[k] = LandmarkPattern(k, c, ((m, k),) if k else (), float(exact))
    patterns = [patterns[ev] for ev in sorted(patterns)]
    flags: list[Flag] = []
    min_cen = min((p.censored_before for p in patterns), default=None)
    if not patterns:
        wanted = f" with {events} events" if events is not None else ""
        flags.append(
            Flag(
                "LANDMARK_INFEASIBLE",
                f"No pattern of events and censorings over {n} patients{wanted} gives a Kaplan-Meier {name} "
                f"that prints as {percent}% ({' or '.join(rules)} rounding at {d} decimal(s))",
            )
        )
    if capped and min_cen:
        flags.append(
            Flag(
                "LANDMARK_SEARCH_CAPPED",
                f"The search over event/censoring patterns for {name} {percent}% with N = {n} stopped at {max_states} "
                "states; the fewest censorings reported is an upper bound",
            )
        )
    if patterns and min_cen:
        flags.append(
            Flag(
                "LANDMARK_NEEDS_CENSORING",
                f"{name} {percent}% with N = {n} needs at least {min_cen} patient(s) censored before the landmark: "
                f"no k/{n} prints as {percent}%",
            )
        )
    return LandmarkFeasibility(n, str(percent), bool(patterns), tuple(patterns), min_cen, tuple(flags))


@dataclass(frozen=True)
class SurvivalModel:
    """A parametric survival model ``S(t) = exp(-(t / scale) ** shape)`` (exponential when shape = 1)."""

    name: str
    scale_months: float
    shape: float = 1.0

    def survival(self, t: np.ndarray | float) -> np.ndarray:
        return np.exp(-((np.asarray(t, dtype=float) / self.scale_months) ** self.shape))

    def quantile(self, u: np.ndarray) -> np.ndarray:
        """Times at which survival equals ``u`` (inverse transform sampling)."""
        return self.scale_months * (-np.log(np.asarray(u, dtype=float))) ** (1 / self.shape)

    def describe(self) -> str:
        if self.name == "exponential":
            return f"exponential, hazard {1 / self.scale_months:.4f} per month (median {self.scale_months * math.log(2):.1f} months)"
        return f"Weibull, shape {self.shape:.3f}, scale {self.scale_months:.1f} months"


def fit_survival_model(landmarks: Sequence[Landmark], model: str = "exponential") -> SurvivalModel:
    """Exponential through one landmark, or Weibull through two (the first two by time)."""
    if model not in ("exponential", "weibull"):
        raise InputError(f"Invalid survival model {model!r}; expected one of ['exponential', 'weibull']")
    if not landmarks:
        raise InputError("No landmark rates given; expected at least one (time, percent)")
    for lm in landmarks:
        if lm.time_months <= 0 or not 0 < lm.proportion < 1:
            raise ReconstructionError(
                f"Landmark {lm.percent}% at {lm.time_months} months cannot fit a parametric model; "
                "expected a time > 0 and a rate strictly between 0 and 100%"
            )
    ordered = sorted(landmarks, key=lambda lm: lm.time_months)
    if model == "exponential":
        lm = ordered[0]
        hazard = -math.log(lm.proportion) / lm.time_months
        return SurvivalModel("exponential", 1 / hazard, 1.0)
    if len(ordered) < 2:
        raise InputError("A Weibull model needs two landmark rates at different times")
    a, b = ordered[0], ordered[1]
    if b.time_months == a.time_months or b.proportion >= a.proportion:
        raise ReconstructionError(
            f"Landmarks {a.percent}% at {a.time_months} and {b.percent}% at {b.time_months} months cannot both hold: "
            "survival must fall with time"
        )
    shape = (math.log(-math.log(b.proportion)) - math.log(-math.log(a.proportion))) / (
        math.log(b.time_months) - math.log(a.time_months)
    )
    scale = a.time_months / (-math.log(a.proportion)) ** (1 / shape)
    return SurvivalModel("weibull", scale, shape)


@dataclass
class LandmarkCohort:
    """A pseudo-cohort whose Kaplan-Meier estimate reproduces reported landmark rates.

    ``patients`` has one row per pseudo-patient (``time_months``, ``event``,
    ``followup_months``); ``km`` maps each landmark time to the lifelines
    Kaplan-Meier value of the pseudo-cohort; ``assumptions`` are plain sentences.
    """

    patients: pd.DataFrame
    model: SurvivalModel
    km: Mapping[float, float]
    attempts: int
    assumptions: list[str] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "patients": self.patients.to_dict(orient="records"),
            "model": {"name": self.model.name, "scale_months": self.model.scale_months, "shape": self.model.shape},
            "km": {str(k): v for k, v in self.km.items()},
            "attempts": self.attempts,
            "assumptions": list(self.assumptions),
            "flags": [f.to_json() for f in self.flags],
        }


def _entry_followup(rng: np.random.Generator, n: int, accrual_months: float, followup_after_months: float) -> np.ndarray:
    """Follow-up available to each patient: uniform entry over accrual, cutoff ``followup_after_months`` after it ends."""
    entry = np.sort(rng.uniform(0, accrual_months, n))
    return accrual_months + followup_after_months - entry


def simulate_landmark_cohort(
    n: int,
    landmarks: Sequence[Landmark],
    *,
    accrual_months: float,
    followup_after_months: float,
    model: str = "exponential",
    events: int | None = None,
    seed: int = 0,
    max_attempts: int = 20000,
) -> LandmarkCohort:
    """Draw a pseudo-cohort from a parametric model until its KM prints as every landmark.

    Event times follow ``model`` fitted to the landmarks; patients enter
    uniformly over ``accrual_months`` and are censored at a cutoff
    ``followup_after_months`` after accrual ends.  When ``events`` is given,
    the cohort must also have exactly that many events.  Raises
    :class:`ReconstructionError` naming the landmarks when no draw within
    ``max_attempts`` fits (a feasibility check runs first for each landmark).
    """
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise InputError(f"Invalid cohort size {n!r}; expected a positive integer")
    if accrual_months < 0 or followup_after_months < 0:
        raise InputError("Accrual and follow-up windows must be zero or more months")
    if events is not None and not 0 <= events <= n:
        raise ReconstructionError(f"{events} events cannot occur among {n} patients")
    flags: list[Flag] = []
    for lm in landmarks:
        feas = check_landmark_feasibility(n, lm.percent, name=f"{lm.time_months:g}-month survival", max_states=50_000)
        if not feas.feasible:
            raise ReconstructionError(feas.flags[0].message)
        flags.extend(feas.flags)
        if lm.time_months > accrual_months + followup_after_months:
            raise ReconstructionError(
                f"Landmark at {lm.time_months} months lies beyond the longest possible follow-up "
                f"({accrual_months + followup_after_months} months)"
            )
    fitted = fit_survival_model(landmarks, model)
    rng = np.random.default_rng(seed)
    for attempt in range(1, max_attempts + 1):
        followup = _entry_followup(rng, n, accrual_months, followup_after_months)
        latent = fitted.quantile(rng.uniform(size=n))
        time = np.minimum(latent, followup)
        event = (latent <= followup).astype(int)
        if events is not None and int(event.sum()) != events:
            continue
        if all(prints_as(km_at(time, event, lm.time_months), lm.percent) for lm in landmarks):
            break
    else:
        raise ReconstructionError(
            f"No draw of {n} patients from the {fitted.describe()} model reproduced "
            f"{', '.join(f'{lm.percent}% at {lm.time_months} months' for lm in landmarks)} "
            f"in {max_attempts} attempts" + (f" with {events} events" if events is not None else "")
        )
    patients = pd.DataFrame({"time_months": time, "event": event, "followup_months": followup})
    km = {lm.time_months: _lifelines_km_at(time, event, lm.time_months) for lm in landmarks}
    assumptions = [
        f"Event times follow an {fitted.describe()} fitted to the reported landmark(s)." if fitted.name == "exponential"
        else f"Event times follow a {fitted.describe()} through the two reported landmarks.",
        f"Patients entered uniformly over {accrual_months:g} months of accrual and were censored at a data cutoff "
        f"{followup_after_months:g} months after accrual ended; no other loss to follow-up.",
        f"The cohort was redrawn (seed {seed}, {attempt} draw(s)) until its Kaplan-Meier estimate printed as each "
        "reported landmark.",
    ]
    return LandmarkCohort(patients, fitted, km, attempt, assumptions, flags)


def _lifelines_km_at(time: np.ndarray, event: np.ndarray, t: float) -> float:
    from lifelines import KaplanMeierFitter

    kmf = KaplanMeierFitter().fit(time, event)
    return float(kmf.survival_function_at_times(t).iloc[0])
