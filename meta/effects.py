"""Effect sizes and their sampling variances (pure numpy), as metafor's ``escalc`` computes them.

Single-arm proportions
    ``PR`` raw proportion, ``PLO`` logit, ``PAS`` arcsine square root, ``PFT``
    Freeman-Tukey double arcsine (metafor's scale: the mean of the two arcsines).
    metafor's continuity rule is kept: 0.5 is added to the events and non-events
    of a study with 0 or n events, for PR and PLO only (``to="only0"``).
Time-to-event summaries
    log hazard ratios with the SE from a 95% CI (or from a two-sided p value),
    landmark survival rates on the raw or complementary log-log scale
    (``log(-log S)``, delta-method variance), log medians.
Per-study intervals
    exact Clopper-Pearson and Wilson score intervals on the proportion scale.

Every :class:`Effects` carries ``method``: a sentence saying how the variances were
obtained, so a computed number can name its method.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Sequence

import numpy as np
from scipy import special, stats

from evidence.errors import PoolingError

__all__ = [
    "PROPORTION_MEASURES",
    "Effects",
    "back_transform",
    "clopper_pearson",
    "hazard_ratio_effects",
    "median_effects",
    "pft",
    "proportion_effects",
    "survival_rate_effects",
    "wilson",
]

PROPORTION_MEASURES = ("PR", "PLO", "PAS", "PFT")
CONTINUITY = 0.5


@dataclass(frozen=True)
class Effects:
    """Per-study effect sizes ``yi`` with sampling variances ``vi`` on the analysis scale.

    Attributes
    ----------
    yi, vi : effect sizes and sampling variances (analysis scale).
    measure : "PR", "PLO", "PAS", "PFT", "HR" (log scale), "SURV" (raw), "SURV_CLOGLOG", "MEDIAN" (log).
    labels : study labels ("1", "2", ... when none were given).
    n, events : group sizes and event counts (proportions only).
    corrected : True where the continuity correction was applied.
    method : how the effects and variances were computed.
    """

    yi: np.ndarray
    vi: np.ndarray
    measure: str
    labels: tuple[str, ...]
    n: np.ndarray | None = None
    events: np.ndarray | None = None
    corrected: np.ndarray | None = None
    method: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def k(self) -> int:
        return int(self.yi.size)

    @property
    def sei(self) -> np.ndarray:
        return np.sqrt(self.vi)

    @property
    def n_harmonic(self) -> float | None:
        """Harmonic mean of the group sizes (for the Freeman-Tukey back-transformation)."""
        if self.n is None:
            return None
        return float(1.0 / np.mean(1.0 / self.n))

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "measure": self.measure,
            "method": self.method,
            "labels": list(self.labels),
            "yi": self.yi.tolist(),
            "vi": self.vi.tolist(),
        }
        if self.n is not None:
            out["n"] = self.n.tolist()
        if self.events is not None:
            out["events"] = self.events.tolist()
        if self.corrected is not None:
            out["corrected"] = self.corrected.tolist()
        return out

    def to_df(self) -> Any:
        import pandas as pd

        data: dict[str, Any] = {"study": list(self.labels), "yi": self.yi, "vi": self.vi, "sei": self.sei}
        if self.events is not None:
            data["events"] = self.events
        if self.n is not None:
            data["total"] = self.n
        if self.corrected is not None:
            data["corrected"] = self.corrected
        return pd.DataFrame(data)


def _labels(labels: Sequence[Any] | None, k: int) -> tuple[str, ...]:
    if labels is None:
        return tuple(map(str, range(1, k + 1)))
    out = tuple(str(x) for x in labels)
    if len(out) != k:
        raise PoolingError(f"Got {len(out)} labels for {k} studies; expected one label per study")
    return out


def _as_float(x: Any, name: str, labels: tuple[str, ...] | None = None) -> np.ndarray:
    arr = np.atleast_1d(np.asarray(x, dtype=float))
    bad = ~np.isfinite(arr)
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        who = labels[i] if labels else str(i + 1)
        raise PoolingError(f"Study {who!r}: {name} is missing or not finite ({arr[i]!r})")
    return arr


def _check_counts(events: Any, totals: Any, labels: Sequence[Any] | None) -> tuple[np.ndarray, np.ndarray, tuple[str, ...]]:
    x = np.atleast_1d(np.asarray(events, dtype=float))
    n = np.atleast_1d(np.asarray(totals, dtype=float))
    if x.shape != n.shape:
        raise PoolingError(f"Got {x.size} event counts and {n.size} totals; expected one of each per study")
    labs = _labels(labels, x.size)
    _as_float(x, "events", labs)
    _as_float(n, "total", labs)
    problems = (x < 0) | (n < 0) | (n == 0) | (x > n) | (x != np.round(x)) | (n != np.round(n))
    if problems.any():
        i = int(np.flatnonzero(problems)[0])
        if x[i] < 0 or n[i] < 0:
            raise PoolingError(f"Study {labs[i]!r}: negative count (events={x[i]:g}, total={n[i]:g})")
        if n[i] == 0:
            raise PoolingError(f"Study {labs[i]!r}: total is 0; expected at least one patient")
        if x[i] > n[i]:
            raise PoolingError(f"Study {labs[i]!r}: events {x[i]:g} exceed total {n[i]:g}")
        raise PoolingError(f"Study {labs[i]!r}: counts must be whole numbers (events={x[i]:g}, total={n[i]:g})")
    return x, n, labs


def pft(p: Any, n: Any) -> np.ndarray:
    """Freeman-Tukey double arcsine of proportion ``p`` in a group of ``n`` (metafor's ``transf.pft``)."""
    p = np.asarray(p, dtype=float)
    n = np.asarray(n, dtype=float)
    x = p * n
    return 0.5 * (np.arcsin(np.sqrt(x / (n + 1))) + np.arcsin(np.sqrt((x + 1) / (n + 1))))


def proportion_effects(
    events: Any,
    totals: Any,
    measure: str = "PLO",
    labels: Sequence[Any] | None = None,
    add: float = CONTINUITY,
) -> Effects:
    """Single-arm proportions on the ``measure`` scale, as ``escalc(measure, xi, ni)``.

    Parameters
    ----------
    events, totals : event counts and group sizes, one per study.
    measure : "PR", "PLO", "PAS" or "PFT".
    add : continuity correction added to events and non-events of studies with 0 or n
        events (PR and PLO only; metafor's ``add=1/2, to="only0"``).

    Raises
    ------
    PoolingError : negative counts, events above the total, a zero total, NaN.
    """
    measure = _check_measure(measure)
    x, n, labs = _check_counts(events, totals, labels)
    corrected = np.zeros(x.size, dtype=bool)
    if measure in ("PR", "PLO") and add > 0:
        corrected = (x == 0) | (x == n)
    xc = np.where(corrected, x + add, x)
    nc = np.where(corrected, n + 2 * add, n)
    p = xc / nc
    if measure == "PR":
        yi, vi = p, p * (1 - p) / nc
    elif measure == "PLO":
        yi, vi = np.log(xc / (nc - xc)), 1.0 / xc + 1.0 / (nc - xc)
    elif measure == "PAS":
        yi, vi = np.arcsin(np.sqrt(x / n)), 1.0 / (4 * n)
    else:
        yi, vi = pft(x / n, n), 1.0 / (4 * n + 2)
    how = {
        "PR": "raw proportion x/n, variance p(1-p)/n",
        "PLO": "logit log(x/(n-x)), variance 1/x + 1/(n-x)",
        "PAS": "arcsine sqrt(x/n), variance 1/(4n)",
        "PFT": "Freeman-Tukey double arcsine (mean of the two arcsines), variance 1/(4n+2)",
    }[measure]
    if corrected.any():
        how += f"; {add:g} added to events and non-events of {int(corrected.sum())} studies with 0 or n events"
    return Effects(
        yi=np.asarray(yi, dtype=float),
        vi=np.asarray(vi, dtype=float),
        measure=measure,
        labels=labs,
        n=n,
        events=x,
        corrected=corrected,
        method=how,
    )


def _check_measure(measure: str) -> str:
    m = str(measure).upper()
    if m not in PROPORTION_MEASURES:
        raise PoolingError(f"Invalid proportion measure {measure!r}; expected one of {list(PROPORTION_MEASURES)}")
    return m


def back_transform(x: Any, measure: str, n_harmonic: float | None = None) -> np.ndarray | float:
    """Back-transform values on the ``measure`` scale to the proportion scale, clamped to [0, 1].

    ``PLO``: inverse logit; ``PAS``: sin(x)^2; ``PFT``: Miller's (1978) inverse at the harmonic
    mean group size ``n_harmonic`` (required); ``PR``: identity.  Values beyond the range of the
    transformation map to 0 or 1 (metafor's ``transf.iarcsin``/``transf.ipft.hm``).  PR is not
    clamped, as in metafor: a raw-scale CI or PI below 0 or above 1 is reported as computed
    (one reason to prefer PLO/PFT).  NaN stays NaN.
    """
    scalar = np.ndim(x) == 0
    x = np.asarray(x, dtype=float)
    m = str(measure).upper()
    if m == "PR":
        out = x.copy()
    elif m == "PLO":
        out = special.expit(x)
    elif m == "PAS":
        out = np.where(x < 0, 0.0, np.where(x > np.pi / 2, 1.0, np.sin(np.clip(x, 0, np.pi / 2)) ** 2))
    elif m == "PFT":
        if n_harmonic is None or not np.isfinite(n_harmonic) or n_harmonic <= 0:
            raise PoolingError("The Freeman-Tukey back-transformation needs the harmonic mean group size n_harmonic > 0")
        out = _ipft(x, float(n_harmonic))
    else:
        raise PoolingError(f"Invalid proportion measure {measure!r}; expected one of {list(PROPORTION_MEASURES)}")
    out = np.where(np.isnan(x), np.nan, out)
    return float(out) if scalar else out


def _ipft(x: np.ndarray, n: float) -> np.ndarray:
    s = np.sin(2 * x)
    with np.errstate(divide="ignore", invalid="ignore"):
        inner = 1 - (s + (s - 1 / s) / n) ** 2
        z = 0.5 * (1 - np.sign(np.cos(2 * x)) * np.sqrt(inner))
    low, high = float(pft(0.0, n)), float(pft(1.0, n))
    z = np.where(x > high, 1.0, np.where(x < low, 0.0, z))
    return np.clip(np.nan_to_num(z, nan=0.0), 0.0, 1.0)


def _z(level: float) -> float:
    if not 0 < level < 1:
        raise PoolingError(f"Invalid confidence level {level!r}; expected a number between 0 and 1 (e.g. 0.95)")
    return float(stats.norm.ppf(0.5 + level / 2))


def _check_ci(est: np.ndarray, lo: np.ndarray, hi: np.ndarray, labs: tuple[str, ...], what: str) -> None:
    for i in range(est.size):
        if not lo[i] < hi[i]:
            raise PoolingError(f"Study {labs[i]!r}: {what} CI {lo[i]:g}-{hi[i]:g} has lower bound not below upper bound")
        if not lo[i] <= est[i] <= hi[i]:
            raise PoolingError(f"Study {labs[i]!r}: {what} {est[i]:g} lies outside its CI {lo[i]:g}-{hi[i]:g}")


def hazard_ratio_effects(
    hr: Any,
    ci_low: Any = None,
    ci_high: Any = None,
    labels: Sequence[Any] | None = None,
    p: Any = None,
    level: float = 0.95,
) -> Effects:
    """Log hazard ratios with SE from the CI, ``(log(hi) - log(lo)) / (2 z)``, or from a two-sided p.

    With ``p`` (and no CI) the SE is ``|log HR| / z_{1-p/2}`` (undefined for HR = 1 or p = 1).
    """
    hr = np.atleast_1d(np.asarray(hr, dtype=float))
    labs = _labels(labels, hr.size)
    _as_float(hr, "hazard ratio", labs)
    if (hr <= 0).any():
        i = int(np.flatnonzero(hr <= 0)[0])
        raise PoolingError(f"Study {labs[i]!r}: hazard ratio {hr[i]:g} must be positive")
    z = _z(level)
    if ci_low is not None and ci_high is not None:
        lo = _as_float(np.broadcast_to(np.asarray(ci_low, dtype=float), hr.shape), "CI lower bound", labs)
        hi = _as_float(np.broadcast_to(np.asarray(ci_high, dtype=float), hr.shape), "CI upper bound", labs)
        if (lo <= 0).any():
            i = int(np.flatnonzero(lo <= 0)[0])
            raise PoolingError(f"Study {labs[i]!r}: hazard-ratio CI bound {lo[i]:g} must be positive")
        _check_ci(hr, lo, hi, labs, "hazard ratio")
        sei = (np.log(hi) - np.log(lo)) / (2 * z)
        how = f"log hazard ratio; SE = (log upper - log lower) / (2 x {z:.4f}) from the {100 * level:g}% CI"
    elif p is not None:
        pv = _as_float(np.broadcast_to(np.asarray(p, dtype=float), hr.shape), "p value", labs)
        zp = stats.norm.isf(pv / 2)
        bad = (pv <= 0) | (pv >= 1) | (hr == 1)
        if bad.any():
            i = int(np.flatnonzero(bad)[0])
            raise PoolingError(f"Study {labs[i]!r}: cannot derive an SE from p={pv[i]:g} with HR={hr[i]:g}")
        sei = np.abs(np.log(hr)) / zp
        how = "log hazard ratio; SE = |log HR| / z(1 - p/2) from the two-sided p value"
    else:
        raise PoolingError("Hazard ratios need a CI (ci_low, ci_high) or a p value to give their standard errors")
    return Effects(yi=np.log(hr), vi=sei**2, measure="HR", labels=labs, method=how)


def survival_rate_effects(
    rate: Any,
    ci: tuple[Any, Any] | None = None,
    n: Any = None,
    scale: str = "raw",
    labels: Sequence[Any] | None = None,
    se: Any = None,
    level: float = 0.95,
) -> Effects:
    """Landmark survival rates (0-1) on the raw or complementary log-log scale.

    The SE on the raw scale comes from ``se`` when given, else from the CI as
    ``(hi - lo) / (2 z)``, else from the number at risk ``n`` by the binomial
    approximation ``sqrt(S (1 - S) / n)``; ``method`` says which.  On the
    ``"cloglog"`` scale ``yi = log(-log S)`` with delta-method variance
    ``se^2 / (S log S)^2``; back-transform with ``exp(-exp(x))`` (decreasing: bounds swap).
    """
    s = np.atleast_1d(np.asarray(rate, dtype=float))
    labs = _labels(labels, s.size)
    _as_float(s, "survival rate", labs)
    if ((s < 0) | (s > 1)).any():
        i = int(np.flatnonzero((s < 0) | (s > 1))[0])
        raise PoolingError(f"Study {labs[i]!r}: survival rate {s[i]:g} is not a proportion on 0-1")
    z = _z(level)
    if se is not None:
        sei = _as_float(np.broadcast_to(np.asarray(se, dtype=float), s.shape), "standard error", labs)
        how = "SE as reported"
    elif ci is not None:
        lo = _as_float(np.broadcast_to(np.asarray(ci[0], dtype=float), s.shape), "CI lower bound", labs)
        hi = _as_float(np.broadcast_to(np.asarray(ci[1], dtype=float), s.shape), "CI upper bound", labs)
        _check_ci(s, lo, hi, labs, "survival rate")
        sei = (hi - lo) / (2 * z)
        how = f"SE = (upper - lower) / (2 x {z:.4f}) from the {100 * level:g}% CI"
    elif n is not None:
        nn = _as_float(np.broadcast_to(np.asarray(n, dtype=float), s.shape), "number of patients", labs)
        if (nn <= 0).any():
            i = int(np.flatnonzero(nn <= 0)[0])
            raise PoolingError(f"Study {labs[i]!r}: number of patients {nn[i]:g} must be positive")
        sei = np.sqrt(s * (1 - s) / nn)
        how = "SE = sqrt(S(1-S)/N), binomial approximation from the cohort size (no CI reported)"
    else:
        raise PoolingError("Survival rates need an SE, a CI or the number of patients to give their variances")
    if (sei <= 0).any():
        i = int(np.flatnonzero(sei <= 0)[0])
        raise PoolingError(f"Study {labs[i]!r}: standard error is 0; cannot weight a study with zero variance")
    scale = str(scale).lower()
    if scale == "raw":
        return Effects(yi=s, vi=sei**2, measure="SURV", labels=labs, method=f"survival rate, raw scale; {how}")
    if scale in ("cloglog", "loglog", "log(-log)"):
        if ((s <= 0) | (s >= 1)).any():
            i = int(np.flatnonzero((s <= 0) | (s >= 1))[0])
            raise PoolingError(f"Study {labs[i]!r}: survival rate {s[i]:g} has no log(-log) value; expected 0 < S < 1")
        yi = np.log(-np.log(s))
        vi = sei**2 / (s * np.log(s)) ** 2
        return Effects(
            yi=yi, vi=vi, measure="SURV_CLOGLOG", labels=labs,
            method=f"survival rate on the log(-log S) scale, delta-method variance se^2/(S log S)^2; {how}",
        )
    raise PoolingError(f"Invalid survival scale {scale!r}; expected one of ['raw', 'cloglog']")


def median_effects(
    median: Any,
    ci_low: Any = None,
    ci_high: Any = None,
    events: Any = None,
    labels: Sequence[Any] | None = None,
    level: float = 0.95,
) -> Effects:
    """Medians (e.g. months) on the log scale.

    The SE of ``log(median)`` comes from the CI as ``(log hi - log lo) / (2 z)``, else from the
    number of events ``d`` as ``1/sqrt(d)`` (exponential-survival approximation); ``method`` says which.
    """
    m = np.atleast_1d(np.asarray(median, dtype=float))
    labs = _labels(labels, m.size)
    _as_float(m, "median", labs)
    if (m <= 0).any():
        i = int(np.flatnonzero(m <= 0)[0])
        raise PoolingError(f"Study {labs[i]!r}: median {m[i]:g} must be positive")
    z = _z(level)
    if ci_low is not None and ci_high is not None:
        lo = _as_float(np.broadcast_to(np.asarray(ci_low, dtype=float), m.shape), "CI lower bound", labs)
        hi = _as_float(np.broadcast_to(np.asarray(ci_high, dtype=float), m.shape), "CI upper bound", labs)
        if (lo <= 0).any():
            i = int(np.flatnonzero(lo <= 0)[0])
            raise PoolingError(f"Study {labs[i]!r}: median CI bound {lo[i]:g} must be positive")
        _check_ci(m, lo, hi, labs, "median")
        sei = (np.log(hi) - np.log(lo)) / (2 * z)
        how = f"log median; SE from the {100 * level:g}% CI on the log scale"
    elif events is not None:
        d = _as_float(np.broadcast_to(np.asarray(events, dtype=float), m.shape), "number of events", labs)
        if (d <= 0).any():
            i = int(np.flatnonzero(d <= 0)[0])
            raise PoolingError(f"Study {labs[i]!r}: number of events {d[i]:g} must be positive")
        sei = 1 / np.sqrt(d)
        how = "log median; SE = 1/sqrt(events), exponential-survival approximation (no CI reported)"
    else:
        raise PoolingError("Medians need a CI or the number of events to give their variances")
    return Effects(yi=np.log(m), vi=sei**2, measure="MEDIAN", labels=labs, method=how)


def clopper_pearson(x: Any, n: Any, level: float = 0.95) -> tuple[np.ndarray, np.ndarray]:
    """Exact (Clopper-Pearson) interval for x events in n, as R's ``binom.test``."""
    x = np.asarray(x, dtype=float)
    n = np.asarray(n, dtype=float)
    a = 1 - level
    with np.errstate(invalid="ignore"):
        lo = np.where(x == 0, 0.0, stats.beta.ppf(a / 2, x, n - x + 1))
        hi = np.where(x == n, 1.0, stats.beta.ppf(1 - a / 2, x + 1, n - x))
    return lo, hi


def wilson(x: Any, n: Any, level: float = 0.95) -> tuple[np.ndarray, np.ndarray]:
    """Wilson score interval for x events in n, as R's ``prop.test(correct=FALSE)``."""
    x = np.asarray(x, dtype=float)
    n = np.asarray(n, dtype=float)
    z = _z(level)
    p = x / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return np.clip(centre - half, 0, 1), np.clip(centre + half, 0, 1)
