"""Validation of the KM reconstruction on real patient data (lifelines' bundled data sets).

For each data set: draw the true Kaplan-Meier curve, digitise it, take the
numbers at risk at the axis ticks and the event total, reconstruct each arm
with :func:`~meta.reconstruct.guyot.reconstruct_km`, and compare with the
truth: max |S error| where at least 10 remain at risk, median, RMST at the
last tick, and |delta ln HR| between two arms (Cox, lifelines).

Digitisations (``METHODS``):

- ``exact``: every step corner, exactly (a curve redrawn from its step values).
- ``exact-guyot``: the same clicks through the Guyot iterations only (a diagnostic).
- ``jitter60``: 60 clicks equally spaced along the drawn line, each with
  N(0, 1 px) jitter in x and y on an 800 x 500 px plot.  Clicks fall on flats
  and verticals alike, so a drop is located only to within the click spacing.
- ``corners60``: 60 clicks spent the way Guyot et al. (2012) and IPDfromKM ask
  a digitiser to work: the top and bottom corner of each vertical drop, for the
  drops nearest to points spaced along the line (tall drops first, no stretch
  left unclicked), same 1 px jitter, each click independent.

Errors: |S err| is reported three ways where >= 10 remain at risk: on 200
even times (``s_err``), at every time either curve steps (``s_err_sup``), and
pixel-tolerant (``s_err_px``: each curve against the other anywhere within
2 px in time).  The exact corners are judged on the sup; the jittered ones on
the pixel-tolerant error, because with 1 px click noise a step one pixel off
shows as its full height in the other two, which measures the drawing, not
the reconstruction.  Data sets in :data:`HOLDOUT` were not looked at while the
reconstruction was tuned; those in :data:`FRESH` were added afterwards to judge
one change of it on data neither version had seen (:func:`summarise_validation`
gives the per-set shares that judgement uses).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Callable

import numpy as np
import pandas as pd

from evidence.errors import InputError

from .guyot import align_arm_drops, reconstruct_km

__all__ = [
    "DATASETS",
    "FRESH",
    "GROUPS",
    "UNSEEN",
    "UNSEEN2",
    "UNSEEN3",
    "UNSEEN4",
    "UNSEEN5",
    "UNSEEN6",
    "VALIDATION_OPTIONS",
    "TARGETS",
    "expand_names",
    "summarise_validation",
    "ValidationRow",
    "digitise_exact",
    "digitise_jittered",
    "axis_ticks",
    "load_dataset",
    "median_band",
    "validate_dataset",
]

# exact: step corners read exactly; exact-guyot: the same clicks through the Guyot iterations only;
# jitter60: 60 clicks equally spaced along the line with pixel jitter; corners60: 60 clicks on step
# corners (both corners of each chosen drop, as Guyot et al. and IPDfromKM ask of a digitiser) with pixel jitter
METHODS = ("exact", "exact-guyot", "jitter60", "corners60")

# targets from issue 6: (exact corners, 60 jittered points)
TARGETS = {
    "exact": {"s_err": 0.01, "median_rel": 0.01, "rmst_rel": 0.005, "dlnhr": 0.01, "dlnhr_small": 0.03, "events": 2},
    "jitter60": {"s_err": 0.03, "median_rel": 0.05, "rmst_rel": 0.02, "mean_dlnhr": 0.02},
}


def _gbsg2() -> pd.DataFrame:
    from lifelines.datasets import load_gbsg2

    d = load_gbsg2()
    return pd.DataFrame({"time": d["time"] / 30.4375, "event": d["cens"], "arm": np.where(d["horTh"] == "yes", "hormone", "none")})


def _lung() -> pd.DataFrame:
    from lifelines.datasets import load_lung

    d = load_lung().dropna(subset=["time", "status"])
    return pd.DataFrame({"time": d["time"] / 30.4375, "event": (d["status"] == 2).astype(int) if d["status"].max() == 2 else d["status"],
                         "arm": np.where(d["sex"] == 1, "male", "female")})


def _larynx() -> pd.DataFrame:
    from lifelines.datasets import load_larynx

    d = load_larynx()
    late = (d["Stage_III"] + d["Stage_IV"]) > 0
    return pd.DataFrame({"time": d["time"] * 12, "event": d["death"], "arm": np.where(late, "stage3-4", "stage1-2")})


def _leukemia() -> pd.DataFrame:
    from lifelines.datasets import load_leukemia

    d = load_leukemia()
    return pd.DataFrame({"time": d["t"], "event": d["status"], "arm": np.where(d["Rx"] == 1, "placebo", "6-MP")})


def _waltons() -> pd.DataFrame:
    from lifelines.datasets import load_waltons

    d = load_waltons()
    return pd.DataFrame({"time": d["T"], "event": d["E"], "arm": d["group"]})


def _rossi() -> pd.DataFrame:
    from lifelines.datasets import load_rossi

    d = load_rossi()
    return pd.DataFrame({"time": d["week"], "event": d["arrest"], "arm": np.where(d["fin"] == 1, "aid", "no aid")})


def _kidney() -> pd.DataFrame:
    from lifelines.datasets import load_kidney_transplant

    d = load_kidney_transplant()
    male = (d["black_male"] + d["white_male"]) > 0
    return pd.DataFrame({"time": d["time"] / 30.4375, "event": d["death"], "arm": np.where(male, "male", "female")})


def _dd() -> pd.DataFrame:
    from lifelines.datasets import load_dd

    d = load_dd()
    return pd.DataFrame({"time": d["duration"], "event": d["observed"], "arm": d["democracy"]})


def _lymphoma() -> pd.DataFrame:
    from lifelines.datasets import load_lymphoma

    d = load_lymphoma()
    return pd.DataFrame({"time": d["Time"], "event": d["Censor"], "arm": "stage" + d["Stage_group"].astype(str)})


def _stanford() -> pd.DataFrame:
    from lifelines.datasets import load_stanford_heart_transplants

    d = load_stanford_heart_transplants().groupby("id").agg(stop=("stop", "max"), event=("event", "max"), tx=("transplant", "max"))
    return pd.DataFrame({"time": d["stop"] / 30.4375, "event": d["event"].astype(int),
                         "arm": np.where(d["tx"] == 1, "transplant", "no transplant")}).reset_index(drop=True)


def _senators() -> pd.DataFrame:
    from lifelines.datasets import load_canadian_senators

    d = load_canadian_senators()
    party = d["Political Affiliation at Appointment"]
    keep = party.str.contains("Liberal Party|Conservative", regex=True)
    d = d[keep]
    return pd.DataFrame({"time": d["diff_days"] / 365.25, "event": d["observed"].astype(int),
                         "arm": np.where(party[keep].str.startswith("Liberal Party"), "liberal", "conservative")})


def _lcd() -> pd.DataFrame:
    from lifelines.datasets import load_lcd

    d = load_lcd()
    return pd.DataFrame({"time": d["T"], "event": d["E"].astype(int), "arm": d["group"]})


def _lymph_node() -> pd.DataFrame:
    from lifelines.datasets import load_lymph_node

    d = load_lymph_node()
    return pd.DataFrame({"time": d["survtime"] / 30.4375, "event": d["censdead"].astype(int),
                         "arm": np.where(d["hormone"] == 2, "hormone", "none")}).reset_index(drop=True)


# the nine data sets the reconstruction was developed on
TUNED: dict[str, Callable[[], pd.DataFrame]] = {
    "gbsg2": _gbsg2,
    "lung": _lung,
    "larynx": _larynx,
    "leukemia": _leukemia,
    "rossi": _rossi,
    "waltons": _waltons,
    "kidney": _kidney,
    "dd": _dd,
    "lymphoma": _lymphoma,
}


# added once the reconstruction was settled: a check on data it was not developed on.  The first run of
# stanford exposed one failure (snapping chained the clicks of a steep stretch into one drop); the fix was
# chosen on the tuned data sets.  lymph_node (overall survival of the GBSG-2 patients, a different end point
# from gbsg2's recurrence-free survival) was added after that and never run before the final figures.
HOLDOUT: dict[str, Callable[[], pd.DataFrame]] = {"stanford": _stanford, "senators": _senators, "lcd": _lcd, "lymph_node": _lymph_node}


def _recur() -> pd.DataFrame:
    from lifelines.datasets import load_recur

    d = load_recur()
    first = d[d["EVENT"] == 1]  # each patient's first row: time from entry to the first soreness episode
    return pd.DataFrame({"time": first["TIME1"].to_numpy(float), "event": first["CENSOR"].to_numpy(int),
                         "arm": np.where(first["TREAT"].to_numpy() == 0, "new", "old")})


def _lupus() -> pd.DataFrame:
    from lifelines.datasets import load_lupus

    d = load_lupus()
    years = d["time_between_diagnosis_and_last_observation_(years)"].to_numpy(float)
    # follow-up is recorded in whole months; a death in the month of diagnosis (0 years) is put at half a month,
    # so that the curve starts at 1 as a drawn figure does
    years = np.where(years > 0, years, 0.5 / 12)
    return pd.DataFrame({"time": years, "event": d["dead"].to_numpy(int),
                         "arm": np.where(d["is_white"].to_numpy(bool), "white", "non-white")})


def _macs() -> pd.DataFrame:
    from lifelines.datasets import load_multicenter_aids_cohort_study

    d = load_multicenter_aids_cohort_study()
    return pd.DataFrame({"time": d["T"].to_numpy(float), "event": d["D"].to_numpy(int),
                         "arm": np.where(d["AIDSY"].to_numpy() < 1995, "1990-94", "1995-97")})


def _regression() -> pd.DataFrame:
    from lifelines.datasets import load_regression_dataset

    d = load_regression_dataset()
    high = d["var1"].to_numpy() > d["var1"].median()
    return pd.DataFrame({"time": d["T"].to_numpy(float), "event": d["E"].to_numpy(int),
                         "arm": np.where(high, "var1 high", "var1 low")})


# added to judge the vertical-drawing change (commits after a3d2e89) on data neither version had seen: run once,
# both versions, same 12 seeds, nothing in guyot.py changed afterwards (docs/reconstruct.md, "Fresh data sets").
# recur: first soreness episode by treatment (randomised, 200/200, whole days, little censoring); lupus: death
# after lupus diagnosis by race (26/73, 69% censored, continuous years); macs: death after AIDS diagnosis by
# calendar period of diagnosis (42/36, 65% censored); regression: lifelines' simulated regression data split at
# the median of var1 (100/100, continuous times, no ties; simulated, not patients).
FRESH: dict[str, Callable[[], pd.DataFrame]] = {"recur": _recur, "lupus": _lupus, "macs": _macs, "regression": _regression}



def _simulate(seed: int, arms: dict[str, dict[str, float]], *, accrual: float = 0.0, analysis: float = np.inf,
              loss_rate: float = 0.0, early_loss: float = 0.0, early_window: float = 0.0, whole: float = 0.0,
              ) -> pd.DataFrame:
    """A seeded two-arm trial: event times, then censoring by loss, early drop-out and staggered accrual.

    Each arm's entry (``n``, Weibull ``scale`` and ``shape``, optional ``cure``
    fraction that never has the event, optional ``early`` fraction with a
    separate fast Weibull ``early_scale``) gives its latent event times.  Loss
    to follow-up is exponential with rate ``loss_rate``; a share
    ``early_loss`` drops out uniformly in ``[0, early_window]``; patients enter
    uniformly over ``accrual`` and are censored at the ``analysis`` date
    (administrative censoring).  ``whole`` > 0 rounds times up to whole units
    of that size (ties, e.g. whole months), at least one unit.
    """
    return _simulate_laws(seed, {label: (int(spec["n"]), _weibull_mixture(spec)) for label, spec in arms.items()},
                          accrual=accrual, analysis=analysis, loss_rate=loss_rate, early_loss=early_loss,
                          early_window=early_window, whole=whole)


def _weibull_mixture(spec: dict[str, float]) -> Callable[[np.random.Generator, int], np.ndarray]:
    """Latent times of one :func:`_simulate` arm: Weibull, with its optional ``early`` and ``cure`` fractions."""
    def draw(rng: np.random.Generator, n: int) -> np.ndarray:
        latent = spec["scale"] * rng.weibull(spec["shape"], n)
        if spec.get("early", 0.0):
            fast = rng.random(n) < spec["early"]
            latent = np.where(fast, spec["early_scale"] * rng.weibull(spec.get("early_shape", 1.0), n), latent)
        if spec.get("cure", 0.0):
            latent = np.where(rng.random(n) < spec["cure"], np.inf, latent)
        return latent
    return draw


# Simulated trials nobody tuned on (issue 6, round 5): added, run once on the unchanged reconstruction and saved
# as the baseline before anything in guyot.py was changed; every later change is judged on them.  They cover
# shapes of published figures: arm sizes 20 to 400, exponential and Weibull hazards (shape < 1 and > 1), cure
# plateaus, heavy early drop-out, administrative censoring by staggered accrual, a steep early fall, crossing
# curves, times in days, months and years, and ties from whole months or days.  No lifelines data set is left
# that fits (the rest are rejected in docs/reconstruct.md: under 20 per arm or not right-censored times).
UNSEEN: dict[str, Callable[[], pd.DataFrame]] = {
    # 20 vs 40, exponential, months, loss to follow-up and accrual over 2 years with analysis at 4
    "u_exp_small": lambda: _simulate(501, {"a": {"n": 20, "scale": 17.3, "shape": 1.0},
                                           "b": {"n": 40, "scale": 28.9, "shape": 1.0}},
                                     accrual=24, analysis=48, loss_rate=0.01),
    # 80 vs 80, Weibull shape 0.6 (falling hazard), whole days, a quarter of patients drop out in the first 90 days
    "u_weib_early_loss": lambda: _simulate(502, {"a": {"n": 80, "scale": 500.0, "shape": 0.6},
                                                 "b": {"n": 80, "scale": 1100.0, "shape": 0.6}},
                                           accrual=365, analysis=1460, early_loss=0.25, early_window=90, whole=1),
    # 150 vs 150, Weibull shape 2 (rising hazard), years, accrual over 3 years, analysis at 6
    "u_weib_rising": lambda: _simulate(503, {"a": {"n": 150, "scale": 3.0, "shape": 2.0},
                                             "b": {"n": 150, "scale": 4.2, "shape": 2.0}},
                                       accrual=3, analysis=6, loss_rate=0.02),
    # 400 vs 400, cure fractions 25% and 40% (plateaus), years, accrual over 4 years, analysis at 8
    "u_cure_400": lambda: _simulate(504, {"a": {"n": 400, "scale": 1.4, "shape": 1.2, "cure": 0.25},
                                          "b": {"n": 400, "scale": 1.8, "shape": 1.2, "cure": 0.40}},
                                    accrual=4, analysis=8, loss_rate=0.01),
    # 150 vs 80, exponential, times rounded up to whole months (ties), accrual 24 months, analysis at 60
    "u_months_ties": lambda: _simulate(505, {"a": {"n": 150, "scale": 26.0, "shape": 1.0},
                                             "b": {"n": 80, "scale": 40.0, "shape": 1.0}},
                                       accrual=24, analysis=60, loss_rate=0.005, whole=1),
    # 20 vs 20, Weibull shape 1.3, months, little censoring
    "u_tiny": lambda: _simulate(506, {"a": {"n": 20, "scale": 14.0, "shape": 1.3},
                                      "b": {"n": 20, "scale": 24.0, "shape": 1.3}},
                                accrual=6, analysis=60, loss_rate=0.005),
    # 40 vs 80, a third die within weeks (surgery, transplant) then a slow decline; months
    "u_early_fall": lambda: _simulate(507, {"a": {"n": 40, "scale": 30.0, "shape": 0.9, "early": 0.35, "early_scale": 0.6},
                                            "b": {"n": 80, "scale": 45.0, "shape": 0.9, "early": 0.15, "early_scale": 0.6}},
                                      accrual=24, analysis=60, loss_rate=0.01),
    # 400 vs 150, crossing curves (Weibull shape 0.7 against 1.6), whole months, accrual 36 months, analysis at 72
    "u_crossing": lambda: _simulate(508, {"a": {"n": 400, "scale": 30.0, "shape": 0.7},
                                          "b": {"n": 150, "scale": 28.0, "shape": 1.6}},
                                    accrual=36, analysis=72, loss_rate=0.01, whole=1),
}



def _lognormal(median: float, sigma: float) -> Callable[[np.random.Generator, int], np.ndarray]:
    """Latent times drawn from a log-normal law with this median and log-scale sd."""
    return lambda rng, n: median * np.exp(sigma * rng.standard_normal(n))


def _loglogistic(scale: float, shape: float) -> Callable[[np.random.Generator, int], np.ndarray]:
    """Latent times drawn from a log-logistic law (median ``scale``; shape > 1: hazard rises then falls)."""
    def draw(rng: np.random.Generator, n: int) -> np.ndarray:
        u = rng.uniform(1e-12, 1 - 1e-12, n)
        return scale * (u / (1 - u)) ** (1 / shape)
    return draw


def _piecewise(breaks: tuple[float, ...], rates: tuple[float, ...]) -> Callable[[np.random.Generator, int], np.ndarray]:
    """Latent times with a hazard constant between ``breaks`` (``rates`` has one more entry than ``breaks``)."""
    edges = np.concatenate([[0.0], np.asarray(breaks, float)])
    lam = np.asarray(rates, float)
    cum = np.concatenate([[0.0], np.cumsum(lam[:-1] * np.diff(edges))])  # cumulative hazard at each edge

    def draw(rng: np.random.Generator, n: int) -> np.ndarray:
        target = rng.exponential(1.0, n)
        k = np.searchsorted(cum, target, side="right") - 1
        with np.errstate(divide="ignore"):
            return np.where(lam[k] > 0, edges[k] + (target - cum[k]) / np.where(lam[k] > 0, lam[k], 1), np.inf)
    return draw


def _simulate_laws(seed: int, arms: dict[str, tuple[int, Callable[[np.random.Generator, int], np.ndarray]]], *,
                   accrual: float = 0.0, analysis: float = np.inf, loss_rate: float = 0.0, early_loss: float = 0.0,
                   early_window: float = 0.0, whole: float = 0.0) -> pd.DataFrame:
    """A seeded two-arm trial whose arms draw their latent times from any law: ``{arm: (n, draw)}``.

    Censoring as described in :func:`_simulate`: exponential loss
    ``loss_rate``, early drop-out ``early_loss`` in ``[0, early_window]``,
    uniform entry over ``accrual`` and analysis at ``analysis``; ``whole`` > 0
    rounds times up to whole units.
    """
    rng = np.random.default_rng(seed)
    parts = []
    for label, (n, draw) in arms.items():
        latent = draw(rng, n)
        cens = rng.exponential(1 / loss_rate, n) if loss_rate > 0 else np.full(n, np.inf)
        if early_loss > 0:
            cens = np.where(rng.random(n) < early_loss, rng.uniform(0, early_window, n), cens)
        cens = np.minimum(cens, analysis - rng.uniform(0, accrual, n))
        time = np.minimum(latent, cens)
        event = (latent <= cens).astype(int)
        if whole > 0:
            time = np.maximum(np.ceil(time / whole), 1) * whole
        parts.append(pd.DataFrame({"time": time, "event": event, "arm": label}))
    return pd.concat(parts, ignore_index=True)


def _psychiatric() -> pd.DataFrame:
    from lifelines.datasets import load_psychiatric_patients

    d = load_psychiatric_patients()
    return pd.DataFrame({"time": d["T"].to_numpy(float), "event": d["C"].to_numpy(int),
                         "arm": np.where(d["sex"].to_numpy() == 1, "male", "female")})


# A second group nobody tuned on (issue 6, round 6): added and run once on the round-5 reconstruction, the output
# saved in docs/reconstruct.md as the baseline, before anything in guyot.py was changed.  Unlike UNSEEN it has
# laws other than Weibull (log-normal, log-logistic, piecewise-constant hazards, a treatment effect that starts
# late), arm sizes 25 to 600, a trial with 78% of patients censored, risk tables at uneven ticks and one
# arm's event total left unreported (VALIDATION_OPTIONS), and the one lifelines set left with right-censored
# times (psychiatric patients, 11/15 by sex: below 20 per arm, in for its shape, not for a target).
UNSEEN2: dict[str, Callable[[], pd.DataFrame]] = {
    # 60 vs 120, log-normal (medians 10 and 16 months), accrual 24, analysis at 48; ticks 0, 3, 6, 12, 24, 36, 48
    "u2_lognormal": lambda: _simulate_laws(601, {"a": (60, _lognormal(10.0, 1.0)), "b": (120, _lognormal(16.0, 1.1))},
                                           accrual=24, analysis=48, loss_rate=0.01),
    # 250 vs 250, log-logistic shape 2.5 (hazard rises then falls), years, accrual 2, analysis at 7
    "u2_loglogistic": lambda: _simulate_laws(602, {"a": (250, _loglogistic(2.0, 2.5)), "b": (250, _loglogistic(2.8, 2.5))},
                                             accrual=2, analysis=7, loss_rate=0.03),
    # 600 vs 600, delayed effect: both arms at 0.06/month for 4 months, then 0.06 against 0.035; months
    "u2_delayed": lambda: _simulate_laws(603, {"control": (600, _piecewise((4.0,), (0.06, 0.06))),
                                               "immuno": (600, _piecewise((4.0,), (0.06, 0.035)))},
                                         accrual=18, analysis=42, loss_rate=0.004),
    # 120 vs 120, 78% censored (low hazard, heavy loss, short follow-up); days; the first arm's event total not reported
    "u2_heavy_censoring": lambda: _simulate_laws(604, {"a": (120, _piecewise((), (0.0009,))),
                                                       "b": (120, _piecewise((), (0.0005,)))},
                                                 accrual=540, analysis=900, loss_rate=0.0015),
    # 30 vs 60, piecewise hazard high in the first 6 months, low to 24, rising after; the second arm's event
    # total not reported
    "u2_piecewise": lambda: _simulate_laws(605, {"a": (30, _piecewise((6.0, 24.0), (0.09, 0.015, 0.05))),
                                                 "b": (60, _piecewise((6.0, 24.0), (0.05, 0.01, 0.04)))},
                                           accrual=12, analysis=54, loss_rate=0.008),
    # 25 vs 30, log-logistic shape 1.2 in whole weeks (ties), ticks at 0, 4, 8, 13, 26, 52, 78, 104 weeks
    "u2_small_weeks": lambda: _simulate_laws(606, {"a": (25, _loglogistic(20.0, 1.2)), "b": (30, _loglogistic(40.0, 1.2))},
                                             accrual=26, analysis=110, loss_rate=0.003, whole=1),
    # lifelines' psychiatric patients by sex (11/15; real data)
    "u2_psychiatric": _psychiatric,
}

def _gompertz(rate: float, growth: float) -> Callable[[np.random.Generator, int], np.ndarray]:
    """Latent times with hazard ``rate * exp(growth * t)``; ``growth`` < 0 gives a plateau (a cure fraction)."""
    def draw(rng: np.random.Generator, n: int) -> np.ndarray:
        inside = 1 + growth * rng.exponential(1.0, n) / rate
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(inside > 0, np.log(np.where(inside > 0, inside, 1.0)) / growth, np.inf)
    return draw


def _cure_mixture(cure: float, law: Callable[[np.random.Generator, int], np.ndarray],
                  ) -> Callable[[np.random.Generator, int], np.ndarray]:
    """Latent times of ``law`` with a share ``cure`` that never has the event."""
    def draw(rng: np.random.Generator, n: int) -> np.ndarray:
        latent = law(rng, n)
        return np.where(rng.random(n) < cure, np.inf, latent)
    return draw


# A third group nobody tuned on (issue 6, round 7): added and run once on the round-6 reconstruction, the output
# saved in docs/reconstruct.md as the baseline, before anything in guyot.py was changed.  Unlike UNSEEN and
# UNSEEN2: Gompertz hazards (rising, and falling to a plateau), a log-normal cure mixture, curves that cross
# twice, administrative censoring only (staggered accrual, one analysis date, no loss), ties on a daily scale
# plotted over years of days, risk tables every 3 months on long axes and every 12 months, and trials with
# both arms' event totals unreported (VALIDATION_OPTIONS).
UNSEEN3: dict[str, Callable[[], pd.DataFrame]] = {
    # 40 vs 80, Gompertz rising hazard (months), risk table every 3 months over 36; both totals unreported
    "u3_gompertz_small": lambda: _simulate_laws(701, {"a": (40, _gompertz(0.02, 0.08)), "b": (80, _gompertz(0.012, 0.08))},
                                                accrual=18, analysis=36),
    # 150 vs 150, Gompertz falling hazard (plateaus near 35% and 50%), months, risk table every 12 months
    "u3_gompertz_plateau": lambda: _simulate_laws(702, {"a": (150, _gompertz(0.09, -0.085)),
                                                        "b": (150, _gompertz(0.05, -0.07))},
                                                  accrual=36, analysis=96, loss_rate=0.004),
    # 400 vs 400, curves crossing twice (a log-normal arm against a cure mixture), whole days over 5 years,
    # administrative censoring only
    "u3_days_crossing": lambda: _simulate_laws(703, {"a": (400, _lognormal(500.0, 0.6)),
                                                     "b": (400, _cure_mixture(0.3, _lognormal(300.0, 1.2)))},
                                               accrual=730, analysis=1825, whole=1),
    # 80 vs 150, log-normal cure mixture (cure 40% / 55%), years, administrative censoring only (accrual 5, analysis 7);
    # both totals unreported
    "u3_cure_admin": lambda: _simulate_laws(704, {"a": (80, _cure_mixture(0.40, _lognormal(1.2, 0.8))),
                                                  "b": (150, _cure_mixture(0.55, _lognormal(1.5, 0.8)))},
                                            accrual=5, analysis=7),
    # 40 vs 40, exponential in whole days (ties) over 2 years, risk table every 90 days
    "u3_small_days": lambda: _simulate_laws(705, {"a": (40, _piecewise((), (1 / 300,))),
                                                  "b": (40, _piecewise((), (1 / 550,)))},
                                            accrual=365, analysis=730, loss_rate=0.0005, whole=1),
    # 400 vs 150, Gompertz rising against exponential (cross late), months, risk table every 12 months over 84
    "u3_gompertz_cross": lambda: _simulate_laws(706, {"a": (400, _gompertz(0.004, 0.06)),
                                                      "b": (150, _piecewise((), (0.022,)))},
                                                accrual=24, analysis=84, loss_rate=0.003),
    # 150 vs 40, Weibull shape 0.5 in whole weeks, heavy early events and 60% censored by staggered accrual;
    # both totals unreported; risk table every 13 weeks
    "u3_weeks_unreported": lambda: _simulate(707, {"a": {"n": 150, "scale": 400.0, "shape": 0.5},
                                                    "b": {"n": 40, "scale": 150.0, "shape": 0.5}},
                                              accrual=104, analysis=156, loss_rate=0.002, whole=1),
}

# A fourth group nobody tuned on (issue 6, round 8): added and run once on the round-7 reconstruction, the output
# saved in docs/reconstruct.md as the baseline, before anything in guyot.py was changed.  Unlike the earlier
# groups: arms of very unequal size (60 vs 240, 25 vs 100), 500 vs 500 with a hazard that falls (Weibull shape
# 0.5), a long plateau followed by a late drop, 40% lost to follow-up in the first months, a time axis in days up
# to 3,000, curves that end far above 0 (a few events among hundreds), risk tables printed at only two or three
# times, and event totals reported for one arm only (VALIDATION_OPTIONS).
UNSEEN4: dict[str, Callable[[], pd.DataFrame]] = {
    # 60 vs 240, Weibull shape 1.1, months, accrual 24, analysis at 60; risk table at 0, 24 and 48 only
    "u4_unequal": lambda: _simulate(801, {"a": {"n": 60, "scale": 30.0, "shape": 1.1},
                                          "b": {"n": 240, "scale": 45.0, "shape": 1.1}},
                                    accrual=24, analysis=60, loss_rate=0.005),
    # 500 vs 500, Weibull shape 0.5 (hazard falls steeply), years, accrual 3, analysis at 8; arm b's total unreported
    "u4_falling_500": lambda: _simulate(802, {"a": {"n": 500, "scale": 6.0, "shape": 0.5},
                                              "b": {"n": 500, "scale": 11.0, "shape": 0.5}},
                                        accrual=3, analysis=8, loss_rate=0.02),
    # 200 vs 200, a long plateau (hazard 0.002 and 0.001 a month for 36 months) then a late drop (0.06 and 0.03);
    # months, administrative censoring; arm a's total unreported
    "u4_late_drop": lambda: _simulate_laws(803, {"a": (200, _piecewise((36.0,), (0.002, 0.06))),
                                                 "b": (200, _piecewise((36.0,), (0.001, 0.03)))},
                                           accrual=12, analysis=72),
    # 150 vs 150, exponential, 40% lost to follow-up in the first 6 months; months; risk table at 0, 12, 24, 36
    "u4_early_loss": lambda: _simulate(804, {"a": {"n": 150, "scale": 20.0, "shape": 1.0},
                                             "b": {"n": 150, "scale": 32.0, "shape": 1.0}},
                                       accrual=12, analysis=40, early_loss=0.4, early_window=6),
    # 300 vs 120, Weibull shape 0.8 with 45% and 30% cured, whole days up to 3,000, risk table every 1,000 days
    "u4_days_3000": lambda: _simulate(805, {"a": {"n": 300, "scale": 900.0, "shape": 0.8, "cure": 0.45},
                                            "b": {"n": 120, "scale": 700.0, "shape": 0.8, "cure": 0.30}},
                                      accrual=1200, analysis=3000, loss_rate=0.0002, whole=1),
    # 250 vs 250, curves ending far above 0 (80% and 88% cured: about 35 and 20 events), years; risk table at 0, 2, 4
    "u4_high_end": lambda: _simulate(806, {"a": {"n": 250, "scale": 1.5, "shape": 1.2, "cure": 0.80},
                                           "b": {"n": 250, "scale": 1.5, "shape": 1.2, "cure": 0.88}},
                                     accrual=2, analysis=5, loss_rate=0.01),
    # 25 vs 100, log-normal (medians 30 and 60 weeks), whole weeks; risk table at 0, 26, 52; arm b's total unreported
    "u4_small_unequal": lambda: _simulate_laws(807, {"a": (25, _lognormal(30.0, 0.9)), "b": (100, _lognormal(60.0, 0.9))},
                                               accrual=26, analysis=104, loss_rate=0.004, whole=1),
}

# A fifth group nobody tuned on (issue 6, round 9): added and run once on the round-8 reconstruction, the output
# saved in docs/reconstruct.md as the baseline, before anything in guyot.py was changed.  Unlike the earlier
# groups: a cure fraction where the curve flattens at 0.4, an immunotherapy-like delayed separation (the curves
# cross at 6 months), 30% of deaths within the first month, risk tables at irregular times (0, 3, 6, 12, 24, 36),
# arms of 25 vs 25, 1,000 vs 1,000 with few events, event totals reported for neither arm, and time in years
# with fractional ticks (every half or quarter year).
UNSEEN5: dict[str, Callable[[], pd.DataFrame]] = {
    # 200 vs 200, Weibull 1.3 with 40% and 55% cured: arm a flattens at 0.4; months, accrual 24, analysis 72
    "u5_cure_flat": lambda: _simulate(901, {"a": {"n": 200, "scale": 9.0, "shape": 1.3, "cure": 0.40},
                                            "b": {"n": 200, "scale": 12.0, "shape": 1.3, "cure": 0.55}},
                                      accrual=24, analysis=72, loss_rate=0.004),
    # 300 vs 300, delayed separation: control 0.08 a month throughout, immunotherapy 0.12 for 3 months then 0.04
    # (the curves cross at 6 months); months; risk table at 0, 3, 6, 12, 24, 36
    "u5_delayed_cross": lambda: _simulate_laws(902, {"control": (300, _piecewise((), (0.08,))),
                                                     "immuno": (300, _piecewise((3.0,), (0.12, 0.04)))},
                                               accrual=12, analysis=40, loss_rate=0.01),
    # 100 vs 100, 30% and 20% die within the first month (early Weibull at scale 0.4), then a slow decline; months
    "u5_early_steep": lambda: _simulate(903, {"a": {"n": 100, "scale": 40.0, "shape": 1.0, "early": 0.32,
                                                    "early_scale": 0.4},
                                              "b": {"n": 100, "scale": 60.0, "shape": 1.0, "early": 0.22,
                                                    "early_scale": 0.4}},
                                        accrual=18, analysis=48, loss_rate=0.01),
    # 25 vs 25, log-logistic shape 1.8 (medians 12 and 20 months), months, accrual 12, analysis 48
    "u5_tiny_25": lambda: _simulate_laws(904, {"a": (25, _loglogistic(12.0, 1.8)), "b": (25, _loglogistic(20.0, 1.8))},
                                         accrual=12, analysis=48, loss_rate=0.01),
    # 1,000 vs 1,000, few events (exponential, about 7% and 4% by 5 years), years, accrual 3, analysis 5
    "u5_big_few": lambda: _simulate(905, {"a": {"n": 1000, "scale": 45.0, "shape": 1.0},
                                          "b": {"n": 1000, "scale": 80.0, "shape": 1.0}},
                                    accrual=3, analysis=5, loss_rate=0.02),
    # 120 vs 180, Weibull 1.4, months, loss to follow-up and accrual; neither event total reported
    "u5_none_reported": lambda: _simulate(906, {"a": {"n": 120, "scale": 20.0, "shape": 1.4},
                                                "b": {"n": 180, "scale": 28.0, "shape": 1.4}},
                                          accrual=18, analysis=42, loss_rate=0.015),
    # 150 vs 150, exponential in years (medians 1.7 and 2.4), analysis at 3.2; risk table every half year
    "u5_years_half": lambda: _simulate(907, {"a": {"n": 150, "scale": 2.5, "shape": 1.0},
                                             "b": {"n": 150, "scale": 3.5, "shape": 1.0}},
                                       accrual=1.5, analysis=3.2, loss_rate=0.05),
    # 80 vs 160, log-normal in years (medians 0.9 and 1.6), risk table every quarter year to 2.5 at irregular
    # times (0, 0.25, 0.75, 1.5, 2.5); neither event total reported
    "u5_quarters_none": lambda: _simulate_laws(908, {"a": (80, _lognormal(0.9, 0.9)), "b": (160, _lognormal(1.6, 0.9))},
                                               accrual=1.0, analysis=3.0, loss_rate=0.08),
}

# A sixth group nobody tuned on (issue 6, round 10): added and run once on the round-9 reconstruction, the output
# saved under docs/reconstruct.md ("Round 10") as the baseline, before anything in guyot.py was changed.  Unlike the
# earlier groups: arms of 15, a tiny arm against one four times its size, hazards that cross (high early and low
# late against the reverse), very heavy early censoring (60% lost in the first 3 months), a shoulder then a steep
# fall (Weibull shape 3), a log-logistic cure mixture in years, a short follow-up where most patients are
# censored by the analysis date, whole-month ties with cure and heavy loss, and risk tables every 3 months.
UNSEEN6: dict[str, Callable[[], pd.DataFrame]] = {
    # 15 vs 15, exponential (medians 8 and 14 months), months, accrual 12, analysis 48
    "u6_tiny_15": lambda: _simulate(1001, {"a": {"n": 15, "scale": 11.5, "shape": 1.0},
                                           "b": {"n": 15, "scale": 20.0, "shape": 1.0}},
                                    accrual=12, analysis=48, loss_rate=0.01),
    # 200 vs 200, Weibull 1.2, 60% of patients lost in the first 3 months; months; risk table every 3 months to 36
    "u6_early_censored": lambda: _simulate(1002, {"a": {"n": 200, "scale": 18.0, "shape": 1.2},
                                                  "b": {"n": 200, "scale": 26.0, "shape": 1.2}},
                                           accrual=12, analysis=36, early_loss=0.6, early_window=3),
    # 200 vs 200, crossing hazards: 0.02 then 0.10 after 12 months against 0.07 then 0.02; risk table every 3 months
    "u6_cross_hazard": lambda: _simulate_laws(1003, {"a": (200, _piecewise((12.0,), (0.02, 0.10))),
                                                     "b": (200, _piecewise((12.0,), (0.07, 0.02)))},
                                              accrual=12, analysis=36, loss_rate=0.01),
    # 180 vs 180, Weibull shape 3 (a shoulder, then a steep fall), months; risk table every 3 months to 30
    "u6_shoulder": lambda: _simulate(1004, {"a": {"n": 180, "scale": 14.0, "shape": 3.0},
                                            "b": {"n": 180, "scale": 18.0, "shape": 3.0}},
                                     accrual=6, analysis=30, loss_rate=0.01),
    # 250 vs 250, log-logistic cure mixture (30% and 50% cured), years, accrual 3, analysis 6
    "u6_cure_loglogistic": lambda: _simulate_laws(1005, {"a": (250, _cure_mixture(0.30, _loglogistic(1.0, 2.0))),
                                                         "b": (250, _cure_mixture(0.50, _loglogistic(1.3, 2.0)))},
                                                  accrual=3, analysis=6, loss_rate=0.02),
    # 15 vs 60, log-normal (medians 9 and 15 months), whole months (ties); risk table every 3 months to 36
    "u6_tiny_vs_60": lambda: _simulate_laws(1006, {"a": (15, _lognormal(9.0, 0.8)), "b": (60, _lognormal(15.0, 0.8))},
                                            accrual=12, analysis=36, loss_rate=0.01, whole=1),
    # 400 vs 400, exponential, short follow-up (accrual 15, analysis 18 months: most censored by the analysis
    # date); risk table every 3 months; arm b's total unreported
    "u6_short_followup": lambda: _simulate(1007, {"a": {"n": 400, "scale": 20.0, "shape": 1.0},
                                                  "b": {"n": 400, "scale": 30.0, "shape": 1.0}},
                                           accrual=15, analysis=18, loss_rate=0.01),
    # 120 vs 240, Weibull 0.9 with 20% and 35% cured, whole months, heavy loss (3% a month); neither total reported
    "u6_months_cure_loss": lambda: _simulate(1008, {"a": {"n": 120, "scale": 15.0, "shape": 0.9, "cure": 0.20},
                                                    "b": {"n": 240, "scale": 20.0, "shape": 0.9, "cure": 0.35}},
                                             accrual=24, analysis=60, loss_rate=0.03, whole=1),
}

# per data set: the risk table's ticks when they are not the axis ticks, and the arms (by index in sorted order)
# whose event total is not reported (reconstructed with total_events=None)
VALIDATION_OPTIONS: dict[str, dict[str, Any]] = {
    "u2_lognormal": {"ticks": (0.0, 3.0, 6.0, 12.0, 24.0, 36.0, 48.0)},
    "u2_heavy_censoring": {"unreported": (0,)},
    "u2_piecewise": {"unreported": (1,)},
    "u2_small_weeks": {"ticks": (0.0, 4.0, 8.0, 13.0, 26.0, 52.0, 78.0, 104.0)},
    "u2_delayed": {"ticks": (0.0, 2.0, 4.0, 6.0, 9.0, 12.0, 18.0, 24.0, 30.0, 36.0, 42.0)},
    "u3_gompertz_small": {"ticks": tuple(float(x) for x in range(0, 37, 3)), "unreported": (0, 1)},
    "u3_gompertz_plateau": {"ticks": tuple(float(x) for x in range(0, 97, 12))},
    "u3_cure_admin": {"unreported": (0, 1)},
    "u3_small_days": {"ticks": tuple(float(x) for x in range(0, 731, 90))},
    "u3_gompertz_cross": {"ticks": tuple(float(x) for x in range(0, 85, 12))},
    "u3_weeks_unreported": {"ticks": tuple(float(x) for x in range(0, 157, 13)), "unreported": (0, 1)},
    "u4_unequal": {"ticks": (0.0, 24.0, 48.0)},
    "u4_falling_500": {"unreported": (1,)},
    "u4_late_drop": {"unreported": (0,)},
    "u4_early_loss": {"ticks": (0.0, 12.0, 24.0, 36.0)},
    "u4_days_3000": {"ticks": (0.0, 1000.0, 2000.0)},
    "u4_high_end": {"ticks": (0.0, 2.0, 4.0)},
    "u4_small_unequal": {"ticks": (0.0, 26.0, 52.0), "unreported": (1,)},
    "u5_delayed_cross": {"ticks": (0.0, 3.0, 6.0, 12.0, 24.0, 36.0)},
    "u5_none_reported": {"unreported": (0, 1)},
    "u5_years_half": {"ticks": tuple(x / 2 for x in range(0, 7))},
    "u5_quarters_none": {"ticks": (0.0, 0.25, 0.75, 1.5, 2.5), "unreported": (0, 1)},
    "u6_early_censored": {"ticks": tuple(float(x) for x in range(0, 37, 3))},
    "u6_cross_hazard": {"ticks": tuple(float(x) for x in range(0, 37, 3))},
    "u6_shoulder": {"ticks": tuple(float(x) for x in range(0, 31, 3))},
    "u6_tiny_vs_60": {"ticks": tuple(float(x) for x in range(0, 37, 3))},
    "u6_short_followup": {"ticks": tuple(float(x) for x in range(0, 19, 3)), "unreported": (1,)},
    "u6_months_cure_loss": {"unreported": (0, 1)},
}

DATASETS: dict[str, Callable[[], pd.DataFrame]] = {**TUNED, **HOLDOUT, **FRESH, **UNSEEN, **UNSEEN2, **UNSEEN3, **UNSEEN4,
                                                   **UNSEEN5, **UNSEEN6}

# group names accepted wherever data set names are: ``run_validation(["fresh"])``
GROUPS: dict[str, dict[str, Callable[[], pd.DataFrame]]] = {"tuned": TUNED, "holdout": HOLDOUT, "fresh": FRESH,
                                                             "unseen": UNSEEN, "unseen2": UNSEEN2, "unseen3": UNSEEN3,
                                                             "unseen4": UNSEEN4, "unseen5": UNSEEN5,
                                                             "unseen6": UNSEEN6}

# the line that opens a group's rows in :func:`format_validation` (the tuned sets come first, without one)
_GROUP_HEADINGS: dict[str, str] = {
    "holdout": "held out (not used to develop the reconstruction; stanford's first run exposed the snap chaining "
               "along steep stretches, fixed on the tuned sets; lymph_node never run before these figures):",
    "fresh": "fresh (added to judge the change after a3d2e89 on unseen data; run once per version):",
    "unseen": "unseen (simulated trials added before the round-5 changes; baseline saved first):",
    "unseen2": "unseen2 (simulated trials and psychiatric patients added before the round-6 changes; baseline saved "
               "first; u2_lognormal, u2_small_weeks, u2_delayed: risk table at uneven ticks; u2_heavy_censoring "
               "arm a, u2_piecewise arm b: event total not reported):",
    "unseen3": "unseen3 (simulated trials added before the round-7 changes; baseline saved first; Gompertz, cure "
               "mixtures, crossing curves, administrative censoring only, daily and weekly ties; risk tables every "
               "3 or 12 months; u3_gompertz_small, u3_cure_admin, u3_weeks_unreported: neither event total reported):",
    "unseen4": "unseen4 (simulated trials added before the round-8 changes; baseline saved first; unequal arms, 500 vs "
               "500 with a falling hazard, a plateau then a late drop, heavy early loss, days up to 3,000, curves ending "
               "far above 0; risk tables at 2-3 times; u4_falling_500, u4_late_drop, u4_small_unequal: one arm's event "
               "total not reported):",
    "unseen5": "unseen5 (simulated trials added before the round-9 changes; baseline saved first; a cure plateau at "
               "0.4, curves crossing at 6 months, 30% dead in the first month, 25 vs 25, 1,000 vs 1,000 with few "
               "events, years with half- and quarter-year ticks; risk tables at irregular times; u5_none_reported, "
               "u5_quarters_none: neither event total reported):",
    "unseen6": "unseen6 (simulated trials added before the round-10 changes; baseline saved first; arms of 15, 15 vs "
               "60, crossing hazards, 60% censored in the first 3 months, a shoulder then a steep fall, a log-logistic "
               "cure mixture, a short follow-up, whole months with cure and heavy loss; risk tables every 3 months; "
               "u6_short_followup arm b, u6_months_cure_loss both arms: event total not reported):",
}


def expand_names(names: list[str] | None) -> list[str]:
    """Data set names with group names (the keys of :data:`GROUPS`) expanded; None gives tuned and held out."""
    if not names:
        return [*TUNED, *HOLDOUT]
    out: list[str] = []
    for name in names:
        for member in GROUPS.get(name, {name: DATASETS.get(name)}):
            if member not in out:
                out.append(member)
    return out


def _check_name(name: str) -> None:
    if name not in DATASETS:
        raise InputError(f"Unknown data set {name!r}; expected one of {sorted(DATASETS)}")


def load_dataset(name: str) -> pd.DataFrame:
    """A lifelines data set as ``time, event, arm`` (two arms)."""
    _check_name(name)
    return _load_cached(name).copy()


@lru_cache(maxsize=None)
def _load_cached(name: str) -> pd.DataFrame:
    return DATASETS[name]()


def axis_ticks(t_max: float, k: int = 6) -> np.ndarray:
    """Round axis ticks from 0 covering ``[0, t_max]`` (1, 2, 2.5 or 5 times a power of ten)."""
    raw = t_max / k
    power = 10 ** np.floor(np.log10(raw))
    step = min((m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw), default=10 * power)
    return np.arange(0, t_max + 1e-9, step)


def _true_km(time: np.ndarray, event: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    from lifelines import KaplanMeierFitter

    kmf = KaplanMeierFitter().fit(time, event)
    sf = kmf.survival_function_
    return sf.index.to_numpy(dtype=float), sf.iloc[:, 0].to_numpy(dtype=float)


def digitise_exact(time: np.ndarray, event: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Every corner of the true KM step function: (t, S before) and (t, S after) at each event time."""
    t, s = _true_km(time, event)
    xs, ys = [0.0], [1.0]
    prev = 1.0
    for ti, si in zip(t, s):
        if ti == 0:
            continue
        if si < prev:
            xs += [ti, ti]
            ys += [prev, si]
            prev = si
    t_end = float(np.max(time))
    xs.append(t_end)
    ys.append(prev)
    return np.array(xs), np.array(ys)


def digitise_jittered(
    time: np.ndarray, event: np.ndarray, points: int = 60, seed: int = 0, width_px: int = 800, height_px: int = 500,
    jitter_px: float = 1.0, corners: bool = False, time_jitter: bool = True, spacing: str = "line",
) -> tuple[np.ndarray, np.ndarray]:
    """``points`` clicks on the drawn step curve with Gaussian pixel jitter (seeded).

    The curve is drawn on a ``width_px`` x ``height_px`` plot.  Without
    ``corners`` the clicks are equally spaced along the drawn line (arc
    length in pixels of the plotted axes, on flats and verticals alike;
    ``spacing="line"``, the default) or, with ``spacing="time"``, at equally
    spaced times, each on the curve's level there (never on a vertical: a
    drop is then bracketed by the clicks either side of it).  With ``corners`` a reader spends the budget the way
    Guyot et al. ask: both corners (top and bottom) of a vertical drop.  Which
    drops: points equally spaced along the drawn line each pick the drop
    nearest along the line (tall drops own long verticals and are picked
    first, and no stretch of the curve goes without a click); the spacing is
    the finest that keeps within the budget.  When every drop is clicked,
    the rest of the budget goes along the line.  Each
    click gets N(0, ``jitter_px``) pixel noise in both directions,
    independently (the two corners of one drop do not share a time).
    Without ``time_jitter`` the same clicks keep their exact times (the
    survival noise is the same): a diagnostic separating what the time noise
    of the clicks costs from what the reconstruction does.
    """
    xs, ys = digitise_exact(time, event)
    t_max = float(xs[-1])
    px, py = xs / t_max * width_px, ys * height_px
    seg = np.hypot(np.diff(px), np.diff(py))
    cum = np.concatenate([[0.0], np.cumsum(seg)])

    def along(count: int) -> tuple[np.ndarray, np.ndarray]:
        at = np.linspace(0, cum[-1], count)
        idx = np.clip(np.searchsorted(cum, at, side="right") - 1, 0, len(seg) - 1)
        frac = np.where(seg[idx] > 0, (at - cum[idx]) / np.where(seg[idx] > 0, seg[idx], 1), 0)
        return px[idx] + frac * (px[idx + 1] - px[idx]), py[idx] + frac * (py[idx + 1] - py[idx])

    if corners:
        # corner pairs (top, bottom) sit at indices 1 + 2j, 2 + 2j; flats are the segments between
        n_drops = (xs.size - 2) // 2
        tops = 1 + 2 * np.arange(n_drops)
        chosen: np.ndarray = np.zeros(0, dtype=int)
        if n_drops:
            budget = max((points - 2) // 2, 0)
            for count in range(budget, 20 * points):
                at = np.linspace(0, cum[-1], count)
                # distance along the line from each point to each drop's vertical [cum[top], cum[top + 1]]
                dist = np.maximum(cum[tops][None, :] - at[:, None], 0) + np.maximum(at[:, None] - cum[tops + 1][None, :], 0)
                hit = np.unique(dist.argmin(axis=1))
                if hit.size > budget:
                    break
                chosen = hit
                if hit.size == n_drops:
                    break
        idx = np.concatenate([[0], np.ravel(np.column_stack([tops[chosen], tops[chosen] + 1])), [xs.size - 1]])
        cx, cy = px[idx], py[idx]
        spare = points - idx.size
        if spare > 0:
            ex, ey = along(spare + 2)
            cx, cy = np.concatenate([cx, ex[1:-1]]), np.concatenate([cy, ey[1:-1]])
    elif spacing == "time":
        cx = np.linspace(0, width_px, points)
        # the level just after each time (the step function is right-continuous)
        cy = py[np.searchsorted(px, cx, side="right") - 1]
    elif spacing == "line":
        cx, cy = along(points)
    else:
        raise InputError(f"Unknown click spacing {spacing!r}; expected 'line' or 'time'")
    rng = np.random.default_rng(seed)
    cx = cx + rng.normal(0, jitter_px, cx.size) * time_jitter
    cy = cy + rng.normal(0, jitter_px, cy.size)
    return np.clip(cx / width_px * t_max, 0, None), np.clip(cy / height_px, 0, 1)


def rmst(time: np.ndarray, event: np.ndarray, tau: float) -> float:
    """Area under the KM curve up to ``tau``."""
    from lifelines import KaplanMeierFitter
    from lifelines.utils import restricted_mean_survival_time

    return float(restricted_mean_survival_time(KaplanMeierFitter().fit(time, event), t=tau))


def _median(time: np.ndarray, event: np.ndarray) -> float:
    from lifelines import KaplanMeierFitter

    return float(KaplanMeierFitter().fit(time, event).median_survival_time_)


WIDTH_PX = 800  # width of the drawn plot (digitise_jittered's default)
ALIGN_FRACTION = 3 / 800  # drops of two arms closer than 3 px on an 800 px axis are one time (tied)
PIXEL_TOLERANCE = 2 / 800  # two pixels of an 800 px wide plot, as a fraction of the time axis


def _max_s_error(true: pd.DataFrame, recon: pd.DataFrame, grid_points: int = 200) -> tuple[float, float, float]:
    """(grid, sup, pixel-tolerant) max |S error| where >= 10 remain at risk.

    ``grid``: on ``grid_points`` even times.  ``sup``: at every time either
    curve steps.  Both see a full step height wherever a reconstructed step
    sits a pixel away from the true one, which says more about the drawing's
    resolution than about the reconstruction.  ``pixel-tolerant`` (a Levy-type
    distance) compares each curve at t with the other anywhere in
    [t - d, t + d], d = :data:`PIXEL_TOLERANCE` of the time axis (2 px on
    800 px): a vertical error, not counting steps that are off by <= 2 px in time.
    """
    from lifelines import KaplanMeierFitter

    k_true = KaplanMeierFitter().fit(true["time"], true["event"])
    k_rec = KaplanMeierFitter().fit(recon["time"], recon["event"])
    t_true = true["time"].to_numpy()
    t_sorted = np.sort(t_true)
    out = []

    def at(k: Any, times: np.ndarray) -> np.ndarray:
        return k.survival_function_at_times(np.maximum(times, 0)).to_numpy()

    for grid in (
        np.linspace(0, t_true.max(), grid_points),
        np.unique(np.concatenate([t_true, recon["time"].to_numpy()])),
    ):
        at_risk = t_sorted.size - np.searchsorted(t_sorted, grid, side="left")
        grid = grid[at_risk >= 10]
        if grid.size == 0:
            out.append(float("nan"))
            continue
        out.append(float(np.max(np.abs(at(k_true, grid) - at(k_rec, grid)))))
    grid = np.unique(np.concatenate([t_true, recon["time"].to_numpy(), np.linspace(0, t_true.max(), grid_points)]))
    grid = grid[(t_sorted.size - np.searchsorted(t_sorted, grid, side="left")) >= 10]
    if grid.size == 0:
        return out[0], out[1], float("nan")
    d = PIXEL_TOLERANCE * t_true.max()
    worst = 0.0
    for a, b in ((k_true, k_rec), (k_rec, k_true)):
        # a(t) against b over [t - d, t + d]: b is non-increasing, so the window spans [b(t + d), b(t - d)]
        value, low, high = at(a, grid), at(b, grid + d), at(b, grid - d)
        worst = max(worst, float(np.max(np.maximum.reduce([low - value, value - high, np.zeros_like(value)]))))
    return out[0], out[1], worst
def _ln_hr(frame: pd.DataFrame, arm: str) -> float:
    from lifelines import CoxPHFitter

    data = pd.DataFrame({"time": frame["time"], "event": frame["event"], "x": (frame["arm"] == arm).astype(float)})
    return float(CoxPHFitter().fit(data, "time", "event").params_["x"])


@dataclass(frozen=True)
class ValidationRow:
    """Errors of one reconstruction against the truth (per arm; ``dlnhr`` for the pair).

    ``s_err_px_no_time_noise``: the pixel-tolerant error when the same clicks
    keep their exact times (jittered digitisations that miss the |S| target
    only; nan otherwise).
    ``one_event_step``: the largest drop one event makes in the true curve
    where at least 10 remain at risk, S(t-) / n(t).
    ``median_px``: the median's error in pixels of the 800 px time axis (a
    diagnostic: how far the drawing has to be read off to explain it).
    ``median_band``: :func:`median_band` of the true curve.
    """

    dataset: str
    method: str
    arm: str
    n: int
    events_true: int
    events_recon: int
    s_err: float
    s_err_sup: float
    s_err_px: float
    median_rel: float
    rmst_rel: float
    dlnhr: float
    s_err_px_no_time_noise: float = float("nan")
    one_event_step: float = float("nan")
    median_px: float = float("nan")
    median_band: float = float("nan")

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def _reconstruct_arm(frame: pd.DataFrame, method: str, seed: int, ticks: np.ndarray, time_jitter: bool = True,
                     draw_verticals: bool = False, fit_censorings: bool = True, report_events: bool = True,
                     spacing: str = "line") -> pd.DataFrame:
    time, event = frame["time"].to_numpy(float), frame["event"].to_numpy(int)
    if method in ("exact", "exact-guyot"):
        cx, cy = digitise_exact(time, event)
    else:
        cx, cy = digitise_jittered(time, event, seed=seed, corners=method == "corners60", time_jitter=time_jitter,
                                   spacing=spacing)
    nar = np.array([(time >= x).sum() for x in ticks])
    keep = (ticks <= time.max()) & (nar > 0)
    result = reconstruct_km(
        cx, cy, risk_times=ticks[keep], at_risk=nar[keep], total_events=int(event.sum()) if report_events else None,
        exact_steps=method != "exact-guyot", draw_verticals=draw_verticals, fit_censorings=fit_censorings,
    )
    return result.ipd


MEDIAN_BAND_DELTA = 0.01  # survival units: the exact-corner |S| target, 5 px of a 500 px axis


def median_band(time: np.ndarray, event: np.ndarray, delta: float = MEDIAN_BAND_DELTA) -> float:
    """How well a curve fixes its median: the times where the true KM is within ``delta`` of 0.5, relative to the median.

    Any curve within ``delta`` of the truth has its median between the first
    time the truth is at or below 0.5 + delta and the first time it is at or
    below 0.5 - delta; their distance over the true median is returned (inf
    when the truth never falls below 0.5 - delta, nan when the median is not
    reached).  Above the 5% median target, the target asks for more than
    the levels can tell: a level error under ``delta`` may move the median
    more than 5% (a step ending just below 0.5, a flat just above it).
    """
    from lifelines import KaplanMeierFitter

    sf = KaplanMeierFitter().fit(time, event).survival_function_.iloc[:, 0]
    median = sf.index[sf.to_numpy() <= 0.5]
    if median.size == 0 or median[0] <= 0:
        return float("nan")
    low, high = sf.index[sf.to_numpy() <= 0.5 + delta], sf.index[sf.to_numpy() <= 0.5 - delta]
    return float((high[0] - low[0]) / median[0]) if high.size else float("inf")


def one_event_step(time: np.ndarray, event: np.ndarray, min_at_risk: int = 10) -> float:
    """Largest drop of the KM curve that one event makes where at least ``min_at_risk`` remain: S(t-) / n(t)."""
    from lifelines import KaplanMeierFitter

    kmf = KaplanMeierFitter().fit(time, event)
    table = kmf.event_table
    s_before = kmf.survival_function_.iloc[:, 0].shift(1, fill_value=1.0).reindex(table.index).to_numpy()
    at_risk = table["at_risk"].to_numpy()
    hit = (table["observed"].to_numpy() > 0) & (at_risk >= min_at_risk)
    return float(np.max(s_before[hit] / at_risk[hit])) if hit.any() else float("nan")


def _reconstruct_arms(parts: list[pd.DataFrame], t_max: float, method: str, seed: int, ticks: np.ndarray, align: bool,
                      time_jitter: bool = True, draw_verticals: bool = False, fit_censorings: bool = True,
                      unreported: tuple[int, ...] = (), spacing: str = "line") -> list[pd.DataFrame]:
    ipds = [_reconstruct_arm(part, method, seed, ticks, time_jitter, draw_verticals, fit_censorings, i not in unreported,
                             spacing)
            for i, part in enumerate(parts)]
    if align and not method.startswith("exact"):
        ipds, _ = align_arm_drops(ipds, ALIGN_FRACTION * t_max, risk_times=ticks)
    return ipds


def validate_dataset(
    name: str, method: str = "exact", seed: int = 0, frame: pd.DataFrame | None = None, align: bool = True,
    diagnose: bool = False, draw_verticals: bool = False, fit_censorings: bool = True, spacing: str = "line",
) -> list[ValidationRow]:
    """Reconstruct each arm of data set ``name`` and compare with the truth; one row per arm.

    With ``align`` the arms' drops within :data:`ALIGN_FRACTION` of the time
    axis of each other are put at one time (:func:`~meta.reconstruct.guyot.align_arm_drops`).
    With ``diagnose``, when the |S| target is missed, a jittered digitisation
    is also reconstructed from the same clicks without their time noise
    (``s_err_px_no_time_noise``).  ``spacing`` places jitter60's clicks evenly along the drawn line
    (``"line"``, default) or in time (``"time"``; :func:`digitise_jittered`).  ``draw_verticals`` and
    ``fit_censorings`` are passed to
    :func:`~meta.reconstruct.guyot.reconstruct_km` (off by default).
    """
    if method not in METHODS:
        raise InputError(f"Unknown digitisation {method!r}; expected one of {list(METHODS)}")
    data = load_dataset(name) if frame is None else frame
    t_max = float(data["time"].max())
    options = VALIDATION_OPTIONS.get(name, {}) if frame is None else {}
    ticks = np.asarray(options["ticks"], float) if "ticks" in options else axis_ticks(t_max)
    unreported = tuple(options.get("unreported", ()))
    arms = sorted(data["arm"].unique())[:2]
    parts = [data[data["arm"] == arm] for arm in arms]
    ipds = _reconstruct_arms(parts, t_max, method, seed, ticks, align, draw_verticals=draw_verticals,
                             fit_censorings=fit_censorings, unreported=unreported, spacing=spacing)
    errors = [_max_s_error(part, ipd) for part, ipd in zip(parts, ipds)]
    quiet = [float("nan")] * len(arms)
    if diagnose and not method.startswith("exact") and max(e[2] for e in errors) > TARGETS["jitter60"]["s_err"]:
        clean = _reconstruct_arms(parts, t_max, method, seed, ticks, align, time_jitter=False, draw_verticals=draw_verticals,
                                  fit_censorings=fit_censorings, unreported=unreported, spacing=spacing)
        quiet = [_max_s_error(part, ipd)[2] for part, ipd in zip(parts, clean)]
    recon, rows = [], []
    for arm, part, ipd, no_noise, err in zip(arms, parts, ipds, quiet, errors):
        ipd["arm"] = arm
        recon.append(ipd)
        time, event = part["time"].to_numpy(), part["event"].to_numpy()
        tau = float(min(ticks[ticks <= part["time"].max()][-1], part["time"].max()))
        r_true, r_rec = rmst(time, event, tau), rmst(ipd["time"].to_numpy(), ipd["event"].to_numpy(), tau)
        m_true, m_rec = _median(time, event), _median(ipd["time"].to_numpy(), ipd["event"].to_numpy())
        med_rel = abs(m_rec - m_true) / m_true if np.isfinite(m_true) and np.isfinite(m_rec) and m_true > 0 else float("nan")
        med_px = abs(m_rec - m_true) / t_max * WIDTH_PX if np.isfinite(med_rel) else float("nan")
        rows.append(dict(
            arm=arm, n=len(part), events_true=int(event.sum()), events_recon=int(ipd["event"].sum()),
            **dict(zip(("s_err", "s_err_sup", "s_err_px"), err)),
            median_rel=med_rel, median_px=med_px, rmst_rel=abs(r_rec - r_true) / r_true,
            s_err_px_no_time_noise=no_noise, one_event_step=one_event_step(time, event),
            median_band=median_band(time, event),
        ))
    all_recon = pd.concat(recon, ignore_index=True)
    dlnhr = abs(_ln_hr(all_recon, arms[1]) - _ln_hr(data[data["arm"].isin(arms)], arms[1]))
    return [ValidationRow(name, method, dlnhr=dlnhr, **row) for row in rows]


def _validate_job(job: tuple[str, str, int | None, bool, bool, bool, str]) -> list[dict[str, Any]]:
    import warnings

    name, method, seed, diagnose, draw_verticals, fit_censorings, spacing = job
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        rows = validate_dataset(name, method, seed=seed or 0, diagnose=diagnose, draw_verticals=draw_verticals,
                                fit_censorings=fit_censorings, spacing=spacing)
    return [{**row.to_dict(), "seed": seed} for row in rows]


def run_validation(names: list[str] | None = None, seeds: int = 5, workers: int = 1, diagnose: bool = True,
                   draw_verticals: bool = False, fit_censorings: bool = True, spacing: str = "line") -> pd.DataFrame:
    """Validate data sets (exact corners once; 60 jittered points for ``seeds`` seeds); one row per arm and run.

    ``names`` may hold group names (:data:`GROUPS`); None runs the tuned and held-out sets (the fresh ones by name).

    ``workers`` > 1 runs the data sets in that many processes (same rows, same order).
    ``draw_verticals`` (off by default) and ``fit_censorings`` (on; False: the method before it) are passed to
    :func:`~meta.reconstruct.guyot.reconstruct_km`; ``spacing`` (``"line"``, default, or ``"time"``) to
    :func:`digitise_jittered` for the jitter60 clicks.
    """
    jobs: list[tuple[str, str, int | None, bool, bool, bool, str]] = []
    for name in expand_names(names):
        _check_name(name)  # unknown names fail here, before any work (the workers load the data)
        jobs += [(name, method, None, False, draw_verticals, fit_censorings, spacing) for method in ("exact", "exact-guyot")]
        jobs += [(name, method, seed, diagnose, draw_verticals, fit_censorings, spacing) for method in ("jitter60", "corners60")
                 for seed in range(seeds)]
    if workers > 1:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(workers) as pool:
            parts = list(pool.map(_validate_job, jobs, chunksize=2))
    else:
        parts = [_validate_job(job) for job in jobs]
    return pd.DataFrame([row for part in parts for row in part])


def summarise_validation(table: pd.DataFrame) -> pd.DataFrame:
    """Per data set and overall (``all``), over every jittered run (seeds x arms x both digitisations).

    Columns: ``runs``; ``over_s`` (share of runs whose pixel-tolerant |S err| is above the 0.03
    target); ``mean_s_px`` (its mean); ``median_miss`` (share of runs with a median more than 5%
    off, among runs where both medians are reached); ``rmst_mean`` (mean relative RMST error) and
    ``rmst_miss`` (share above 2%); ``dlnhr_mean`` (mean |delta ln HR| over the runs, one per seed and
    digitisation).  Exact digitisations are left out.
    """
    ji = TARGETS["jitter60"]
    runs = table[~table["method"].str.startswith("exact")]
    rows = []
    for name, part in [*runs.groupby("dataset", sort=False), ("all", runs)]:
        med = part["median_rel"].dropna()
        rows.append({
            "dataset": name, "runs": len(part),
            "over_s": float((part["s_err_px"] > ji["s_err"]).mean()) if len(part) else float("nan"),
            "mean_s_px": float(part["s_err_px"].mean()),
            "median_miss": float((med > ji["median_rel"]).mean()) if len(med) else float("nan"),
            "rmst_mean": float(part["rmst_rel"].mean()),
            "rmst_miss": float((part["rmst_rel"] > ji["rmst_rel"]).mean()) if len(part) else float("nan"),
            "dlnhr_mean": float(part.drop_duplicates(["dataset", "method", "seed"])["dlnhr"].mean())
            if "dlnhr" in part and "seed" in part else float("nan"),
        })
    return pd.DataFrame(rows)


def format_validation(table: pd.DataFrame) -> list[str]:
    """Lines of a plain-text report: per data set and digitisation, worst errors against the targets.

    The verdict is strict; three further columns say how often and why an
    |S| target is missed: ``runs>|S|`` (runs over the target / all runs),
    ``no t-noise`` (the same clicks without their time noise) and ``1 event``
    (the largest drop one event makes where >= 10 remain at risk).
    """
    ex, ji = TARGETS["exact"], TARGETS["jitter60"]
    head = ("dataset    digitise    n(arms)    events(true/recon)   |S err|grid |S err|sup |S err|2px  median rel  med px  band  RMST rel  "
            "|dlnHR|  verdict  runs>|S|  no t-noise  1 event")
    lines = [head]
    started: set[str] = set()
    for (name, method), part in table.groupby(["dataset", "method"], sort=False):
        group = next((g for g in _GROUP_HEADINGS if name in GROUPS[g]), None)
        if group is not None and group not in started:
            started.add(group)
            lines.append(_GROUP_HEADINGS[group])
        arms_n = "/".join(str(x) for x in part.drop_duplicates("arm")["n"])
        small = part["n"].min() <= 30
        s_err, s_sup, s_px = part["s_err"].max(), part["s_err_sup"].max(), part["s_err_px"].max()
        med = part["median_rel"].max(skipna=True)
        med_px = part["median_px"].max(skipna=True) if "median_px" in part else float("nan")
        band = part["median_band"].max(skipna=True) if "median_band" in part else float("nan")
        rm = part["rmst_rel"].max()
        quiet = part["s_err_px_no_time_noise"].max() if "s_err_px_no_time_noise" in part else float("nan")
        quiet_text = f"{quiet:10.4f}" if np.isfinite(quiet) else f"{'-':>10s}"
        step = part["one_event_step"].max() if "one_event_step" in part else float("nan")
        if method.startswith("exact"):
            dl = part["dlnhr"].max()
            ev_gap = int((part["events_recon"] - part["events_true"]).abs().max())
            checks = [s_sup <= ex["s_err"], not (med > ex["median_rel"]), rm <= ex["rmst_rel"],
                      dl <= (ex["dlnhr_small"] if small else ex["dlnhr"]), ev_gap <= ex["events"]]
            events = "/".join(f"{a}/{b}" for a, b in zip(part["events_true"], part["events_recon"]))
            target = ex["s_err"]
            over = "-"
        else:
            dl = part.drop_duplicates("seed")["dlnhr"].mean()
            checks = [s_px <= ji["s_err"], not (med > ji["median_rel"]), rm <= ji["rmst_rel"]]
            if part["n"].sum() / max(part["seed"].nunique(), 1) >= 200:
                checks.append(dl <= ji["mean_dlnhr"])
            events = "(worst over seeds)"
            target = ji["s_err"]
            over = f"{int((part['s_err_px'] > target).sum())}/{len(part)}"
        verdict = "ok" if all(checks) else "MISS"
        step_text = f"{step:7.3f}{'>' if step > target else ' '}"
        lines.append(
            f"{name:10s} {method:11s} {arms_n:10s} {events:20s} {s_err:10.4f}  {s_sup:9.4f}  {s_px:9.4f}  {med:10.4f}  {med_px:6.2f}  {band:4.2f}  {rm:8.4f}  "
            f"{dl:7.4f}  {verdict:7s}  {over:>8s}  {quiet_text}  {step_text}"
        )
    lines.append(
        f"targets: exact |S|<={ex['s_err']}, median<={ex['median_rel']:.0%}, RMST<={ex['rmst_rel']:.1%}, "
        f"|dlnHR|<={ex['dlnhr']} (<={ex['dlnhr_small']} with <=30 per arm), events within {ex['events']}; "
        f"60 jittered points |S|<={ji['s_err']}, median<={ji['median_rel']:.0%}, RMST<={ji['rmst_rel']:.0%}, "
        f"mean |dlnHR|<={ji['mean_dlnhr']} for n>=200 (exact-guyot: Guyot's counting alone on the exact corners, a "
        "diagnostic judged like exact, not a target row; jitter60: clicks evenly along the line; corners60: both corners "
        "of the drops a reader clicks; 1 px jitter on 800x500 px; worst over seeds and arms, |dlnHR| their mean). "
        "|S err| counted where >=10 remain at risk: on 200 even times (grid), at every time (sup; the exact verdict), "
        "and against the other curve within 2 px in time (2px; the jittered verdict: a step one pixel off is the "
        "drawing's resolution, not a survival error); "
        "RMST at the last axis tick; medians not reached are skipped (nan); 'med px' (not part of the verdict) is the worst "
        "median error in pixels of the 800 px time axis: a median that misses 5% by a pixel or two sits where the curve "
        "crosses 0.5 too close to the origin (or too flat) for the drawing to place it within 5%; 'band' (not part of the "
        "verdict) is the widest, over the arms, stretch of time where the true curve is within 0.01 of 0.5, over its "
        "median: above 0.05 a curve within 0.01 of the truth may have its median more than 5% off. "
        "Not part of the verdict: 'runs>|S|' counts the runs (seeds x arms) whose |S err|2px is above the target "
        "(the verdict takes the worst, often one unlucky click); 'no t-noise' is |S err|2px from the same clicks with their time noise removed (the "
        "survival noise kept; worst over the runs that miss |S|, '-' when none does): a miss that disappears there is a drop the clicks themselves put more than 2 px from the "
        "truth (1 px noise per click; a drop dated by one or two clicks); '1 event' is the largest drop one event makes "
        "where >=10 remain at risk, marked '>' when above the |S| target: then one drop dated a little off by the clicks "
        "is a miss, below the drawing's resolution."
    )
    return lines
