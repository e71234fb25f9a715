"""Pooling reconstructed pseudo-patients across studies (lifelines for every estimate).

* :func:`pool_reconstructed`: Kaplan-Meier of the pooled pseudo-patients and,
  when the studies have two arms, a Cox model stratified by study.
* :func:`compare_index_to_pooled`: the index cohort against the pooled external
  cohort: log-rank test, hazard ratio (Cox) with its 95% CI, and the RMST
  difference with a variance computed here.
* :func:`rmst_with_variance`: restricted mean survival time and the variance
  of the estimator (Klein & Moeschberger 4.5:
  ``sum_j A_j^2 d_j / (n_j (n_j - d_j))`` with ``A_j`` the area under the KM
  curve from ``t_j`` to ``tau``).  lifelines' ``return_variance`` gives
  Var(min(T, tau)) instead, the spread of the patients' restricted times, not
  the uncertainty of the mean.

Results name their method; every value here is computed (``Origin.COMPUTED``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Mapping

import numpy as np
import pandas as pd

from evidence.errors import InputError, PoolingError

__all__ = ["IndexComparison", "PooledSurvival", "compare_index_to_pooled", "pool_reconstructed", "rmst_with_variance"]


def _frame(data: pd.DataFrame, what: str) -> pd.DataFrame:
    if not {"time", "event"} <= set(data.columns):
        raise InputError(f"{what} lacks columns time,event")
    if len(data) == 0:
        raise InputError(f"{what} has no patients")
    if (data["time"] < 0).any() or not data["event"].isin([0, 1]).all():
        raise InputError(f"{what} has negative times or events other than 0/1")
    return data


def rmst_with_variance(time: np.ndarray, event: np.ndarray, tau: float) -> tuple[float, float]:
    """RMST up to ``tau`` and the variance of the estimator (Greenwood-type, see module docstring)."""
    t = np.asarray(time, dtype=float)
    e = np.asarray(event, dtype=int)
    if tau <= 0:
        raise InputError(f"tau {tau} must be positive")
    times = np.unique(t[(e == 1) & (t <= tau)])
    n_at = np.array([(t >= x).sum() for x in times], dtype=float)
    d = np.array([((t == x) & (e == 1)).sum() for x in times], dtype=float)
    surv = np.cumprod(1 - d / n_at) if times.size else np.zeros(0)
    knots = np.concatenate([[0.0], times, [tau]])
    levels = np.concatenate([[1.0], surv])
    widths = np.diff(knots)
    area = float(np.sum(levels * widths))
    # A_j: area from t_j to tau = sum of level*width of the pieces after t_j
    piece = levels[1:] * widths[1:]
    a_j = np.cumsum(piece[::-1])[::-1]
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(n_at > d, a_j**2 * d / (n_at * (n_at - d)), 0.0)
    return area, float(np.sum(terms))


@dataclass
class PooledSurvival:
    """Kaplan-Meier of the pooled pseudo-patients (``km``: time, survival, ci_low, ci_high; ``at_risk``)
    and, when arms are given, the study-stratified Cox hazard ratio of ``arm == treated``."""

    km: pd.DataFrame
    n: int
    events: int
    studies: tuple[str, ...]
    hr: float | None = None
    hr_ci: tuple[float, float] | None = None
    hr_p: float | None = None
    method: str = "Kaplan-Meier of pooled pseudo-patients (lifelines); Cox stratified by study"

    def to_dict(self) -> dict[str, Any]:
        return {
            "n": self.n, "events": self.events, "studies": list(self.studies), "hr": self.hr,
            "hr_ci": list(self.hr_ci) if self.hr_ci else None, "hr_p": self.hr_p, "method": self.method,
            "km": self.km.to_dict(orient="list"),
        }


def _stack(cohorts: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    if not cohorts:
        raise PoolingError("No reconstructed cohorts to pool")
    parts = []
    for name, data in cohorts.items():
        data = _frame(data, f"Cohort {name!r}")
        part = data.copy()
        part["study"] = name
        parts.append(part)
    return pd.concat(parts, ignore_index=True)


def pool_reconstructed(cohorts: Mapping[str, pd.DataFrame], treated: str | None = None) -> PooledSurvival:
    """Pool pseudo-patients of several studies.

    Parameters
    ----------
    cohorts
        Study label -> DataFrame with ``time``, ``event`` (and ``arm`` for the Cox model).
    treated
        The ``arm`` value compared against the others in a Cox model stratified by study.
    """
    from lifelines import CoxPHFitter, KaplanMeierFitter

    data = _stack(cohorts)
    kmf = KaplanMeierFitter().fit(data["time"], data["event"])
    ci = kmf.confidence_interval_
    km = pd.DataFrame(
        {
            "time": kmf.survival_function_.index.to_numpy(),
            "survival": kmf.survival_function_.iloc[:, 0].to_numpy(),
            "ci_low": ci.iloc[:, 0].to_numpy(),
            "ci_high": ci.iloc[:, 1].to_numpy(),
        }
    )
    result = PooledSurvival(km, int(len(data)), int(data["event"].sum()), tuple(cohorts))
    if treated is not None:
        if "arm" not in data:
            raise InputError("A stratified Cox model needs an 'arm' column in every cohort")
        frame = pd.DataFrame(
            {"time": data["time"], "event": data["event"], "treated": (data["arm"] == treated).astype(float), "study": data["study"]}
        )
        if frame["treated"].nunique() < 2:
            raise PoolingError(f"No pseudo-patients (or only such) in arm {treated!r}; cannot fit a Cox model")
        cph = CoxPHFitter().fit(frame, "time", "event", strata=["study"])
        summary = cph.summary.loc["treated"]
        result.hr = float(math.exp(summary["coef"]))
        result.hr_ci = (float(summary["exp(coef) lower 95%"]), float(summary["exp(coef) upper 95%"]))
        result.hr_p = float(summary["p"])
    return result


@dataclass(frozen=True)
class IndexComparison:
    """Index cohort against the pooled external cohort.

    ``hr`` is index vs external (Cox, lifelines) with its 95% CI; ``logrank_p``
    the log-rank test; ``rmst_*`` at ``tau_months`` with the difference (index
    minus external) and its 95% CI from the variances computed here.
    """

    n_index: int
    n_external: int
    hr: float
    hr_ci: tuple[float, float]
    logrank_chi2: float
    logrank_p: float
    tau_months: float
    rmst_index: float
    rmst_external: float
    rmst_difference: float
    rmst_difference_ci: tuple[float, float]
    method: str = "log-rank test; Cox proportional hazards (lifelines); RMST variance by Greenwood-type formula"

    def to_dict(self) -> dict[str, Any]:
        return {k: (list(v) if isinstance(v, tuple) else v) for k, v in self.__dict__.items()}


def compare_index_to_pooled(
    index: pd.DataFrame, external: Mapping[str, pd.DataFrame], tau_months: float | None = None
) -> IndexComparison:
    """Compare the index cohort's pseudo-patients (``time``, ``event``) with the pooled external ones."""
    from lifelines import CoxPHFitter
    from lifelines.statistics import logrank_test

    idx = _frame(index, "Index cohort")
    ext = _stack(external)
    lr = logrank_test(idx["time"], ext["time"], idx["event"], ext["event"])
    frame = pd.DataFrame(
        {
            "time": np.concatenate([idx["time"].to_numpy(float), ext["time"].to_numpy(float)]),
            "event": np.concatenate([idx["event"].to_numpy(int), ext["event"].to_numpy(int)]),
            "index": np.concatenate([np.ones(len(idx)), np.zeros(len(ext))]),
        }
    )
    if frame["event"].sum() == 0:
        raise PoolingError("No events in the index or external cohorts; a hazard ratio cannot be estimated")
    cph = CoxPHFitter().fit(frame, "time", "event")
    row = cph.summary.loc["index"]
    tau = float(tau_months) if tau_months is not None else float(min(idx["time"].max(), ext["time"].max()))
    r_i, v_i = rmst_with_variance(idx["time"].to_numpy(), idx["event"].to_numpy(), tau)
    r_e, v_e = rmst_with_variance(ext["time"].to_numpy(), ext["event"].to_numpy(), tau)
    diff, se = r_i - r_e, math.sqrt(v_i + v_e)
    return IndexComparison(
        n_index=int(len(idx)),
        n_external=int(len(ext)),
        hr=float(math.exp(row["coef"])),
        hr_ci=(float(row["exp(coef) lower 95%"]), float(row["exp(coef) upper 95%"])),
        logrank_chi2=float(lr.test_statistic),
        logrank_p=float(lr.p_value),
        tau_months=tau,
        rmst_index=r_i,
        rmst_external=r_e,
        rmst_difference=diff,
        rmst_difference_ci=(diff - 1.959963984540054 * se, diff + 1.959963984540054 * se),
    )
