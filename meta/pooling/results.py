"""Frozen result objects of a pooled analysis, with ``to_dict()`` and ``to_df()``."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np

__all__ = ["PoolResult", "ProportionPool"]


def _num(x: Any) -> Any:
    """JSON-friendly number: None for None/NaN, float otherwise."""
    if x is None:
        return None
    if isinstance(x, (tuple, list, np.ndarray)):
        return [_num(v) for v in x]
    x = float(x)
    return None if math.isnan(x) else x


@dataclass(frozen=True)
class PoolResult:
    """A pooled estimate on the analysis scale, with heterogeneity, as metafor's ``rma.uni`` reports it.

    ``ci`` uses z, or t on ``df = k - 1`` under Knapp-Hartung (``knha``); ``pi`` is the
    prediction interval ``estimate +/- crit sqrt(se^2 + tau2)`` (None for FE);
    ``i2`` (percent) and ``h2`` follow metafor's tau^2-based definitions
    (Q-based for FE); ``tau2_ci`` is the Q-profile interval; ``weights`` are percent.
    ``estimate_bt``/``ci_bt``/``pi_bt`` are back-transformed to the natural scale where
    a transform was used (``scale`` says which), else None.
    """

    estimate: float
    se: float
    ci: tuple[float, float]
    pi: tuple[float, float] | None
    tau2: float
    tau2_ci: tuple[float, float] | None
    i2: float
    h2: float
    q: float
    q_p: float
    k: int
    weights: np.ndarray
    method: str
    knha: bool
    test: str
    df: int | None
    stat: float
    p: float
    level: float = 0.95
    labels: tuple[str, ...] = ()
    yi: np.ndarray = field(default_factory=lambda: np.zeros(0))
    vi: np.ndarray = field(default_factory=lambda: np.zeros(0))
    i2_ci: tuple[float, float] | None = None
    h2_ci: tuple[float, float] | None = None
    se_tau2: float | None = None
    loglik: float | None = None
    iterations: int = 0
    measure: str = ""
    scale: str = ""
    estimate_bt: float | None = None
    ci_bt: tuple[float, float] | None = None
    pi_bt: tuple[float, float] | None = None
    note: str = ""
    q_wald: float | None = None
    q_wald_p: float | None = None
    local_maximum: bool = False

    @property
    def study_labels(self) -> tuple[str, ...]:
        """The study labels, or "1".."k" when none were given."""
        return self.labels if self.labels else tuple(str(i + 1) for i in range(self.yi.size))

    @property
    def tau(self) -> float:
        return math.sqrt(self.tau2)

    def describe_method(self) -> str:
        """One line naming how the numbers were computed (for ``Origin.COMPUTED`` values)."""
        names = {
            "FE": "common-effect (inverse variance)",
            "DL": "random effects, DerSimonian-Laird tau^2",
            "REML": "random effects, REML tau^2",
            "ML": "random effects, ML tau^2",
            "PM": "random effects, Paule-Mandel tau^2",
            "SJ": "random effects, Sidik-Jonkman tau^2",
            "HE": "random effects, Hedges tau^2",
            "HS": "random effects, Hunter-Schmidt tau^2",
            "EB": "random effects, empirical Bayes tau^2",
            "GLMM": "binomial-normal GLMM (ML, adaptive Gauss-Hermite)",
        }
        text = names.get(self.method, self.method)
        if self.measure:
            text = f"{text} on the {self.measure} scale"
        if self.knha:
            text += ", Knapp-Hartung t CI"
        if self.iterations == -1:
            text += " (tau^2 by direct likelihood maximisation: Fisher scoring did not converge)"
        if self.local_maximum and self.iterations == -2:
            text += " (Fisher scoring stopped at a local maximum below the likelihood at tau^2 = 0, so tau^2 = 0, as metafor sets it)"
        elif self.local_maximum:
            text += " (tau^2 = 0 is only a local maximum of the likelihood, as metafor also reports; a larger tau^2 fits better)"
        return text

    def to_dict(self) -> dict[str, Any]:
        """The keys of ``evidence pool --format json``: analysis scale and back-transformed values."""
        out: dict[str, Any] = {
            "estimate": _num(self.estimate),
            "se": _num(self.se),
            "ci": _num(self.ci),
            "pi": _num(self.pi),
            "tau2": _num(self.tau2),
            "tau2_ci": _num(self.tau2_ci),
            "i2": _num(self.i2),
            "i2_ci": _num(self.i2_ci),
            "h2": _num(self.h2),
            "h2_ci": _num(self.h2_ci),
            "q": _num(self.q),
            "q_p": _num(self.q_p),
            "k": self.k,
            "method": self.method,
            "measure": self.measure,
            "test": self.test,
            "knha": self.knha,
            "df": self.df,
            "stat": _num(self.stat),
            "p": _num(self.p),
            "level": self.level,
            "scale": self.scale,
            "estimate_bt": _num(self.estimate_bt),
            "ci_bt": _num(self.ci_bt),
            "pi_bt": _num(self.pi_bt),
            "description": self.describe_method(),
            "studies": [
                {"study": lab, "yi": _num(y), "vi": _num(v), "weight": _num(w)}
                for lab, y, v, w in zip(self.study_labels, self.yi, self.vi, self.weights if self.weights.size else [None] * self.k)
            ],
        }
        if self.local_maximum:
            out["local_maximum"] = True
        if self.q_wald is not None:
            out["q_wald"] = _num(self.q_wald)
            out["q_wald_p"] = _num(self.q_wald_p)
        if self.note:
            out["note"] = self.note
        return out

    def to_df(self) -> Any:
        """One row per study: label, effect, variance, CI on the analysis scale and weight (percent)."""
        import pandas as pd
        from scipy import stats

        z = stats.norm.ppf(0.5 + self.level / 2)
        se = np.sqrt(self.vi)
        return pd.DataFrame(
            {
                "study": list(self.study_labels),
                "yi": self.yi,
                "vi": self.vi,
                "ci_low": self.yi - z * se,
                "ci_high": self.yi + z * se,
                "weight": self.weights if self.weights.size else np.nan,
            }
        )


@dataclass(frozen=True)
class ProportionPool(PoolResult):
    """A pooled single-arm proportion: :class:`PoolResult` plus the proportion-scale values.

    ``estimate_bt``, ``ci_bt`` and ``pi_bt`` are on the 0-1 scale (clamped), from the
    measure's back-transformation (Freeman-Tukey at the harmonic mean ``n_harmonic``).
    """

    events: np.ndarray = field(default_factory=lambda: np.zeros(0))
    totals: np.ndarray = field(default_factory=lambda: np.zeros(0))
    n_harmonic: float | None = None
    corrected: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=bool))

    def to_dict(self) -> dict[str, Any]:
        out = super().to_dict()
        out["n_harmonic"] = _num(self.n_harmonic)
        for row, x, n, c in zip(out["studies"], self.events, self.totals, self.corrected):
            row.update({"events": int(x), "total": int(n), "continuity_corrected": bool(c)})
        return out

    def to_df(self) -> Any:
        df = super().to_df()
        df.insert(1, "events", self.events.astype(int))
        df.insert(2, "total", self.totals.astype(int))
        df["proportion"] = self.events / self.totals
        return df
