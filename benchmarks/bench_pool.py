"""Timing of the pooling kernels: ``python -m benchmarks.bench_pool``.

Prints (median of repeated runs, wall clock):

* tau^2 by REML/DL/PM/ML on 10,000 synthetic studies (target for REML: < 10 ms;
  metafor's rma.uni on the same size took 153 s on the reference machine), and the whole
  ``pool()`` call (estimate, Knapp-Hartung-free CI, PI, I^2, Q-profile tau^2 CI);
* the binomial-normal GLMM on 50 single-arm studies (target: < 1 s);
* leave-one-out with REML on 100 studies.

Synthetic data as in the metafor reference script: vi ~ U(0.01, 0.1), yi ~ N(0.3, 0.04 + vi);
proportions: n ~ U{10..200}, logit p ~ N(logit 0.3, 0.5^2).  Fixed seed.
"""

from __future__ import annotations

import statistics
import time
from typing import Any, Callable

import numpy as np


def _median_ms(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    out = fn()  # warm-up
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times), out


def main() -> None:
    from meta.glmm import glmm_fit
    from meta.pooling import pool, pool_proportions
    from meta.pooling.estimators import tau2_estimate
    from meta.sensitivity import leave_one_out

    rng = np.random.default_rng(20240601)
    k = 10_000
    vi = rng.uniform(0.01, 0.1, k)
    yi = rng.normal(0.3, np.sqrt(0.04 + vi))
    print(f"k = {k:,} synthetic studies (vi ~ U(0.01, 0.1), tau^2 = 0.04)")
    for method in ("REML", "DL", "PM", "ML"):
        ms, (tau2, it) = _median_ms(lambda m=method: tau2_estimate(yi, vi, m), 21)
        extra = f", {it} iterations" if it else ""
        print(f"  tau^2 {method:<5} {ms:8.2f} ms   tau^2 = {tau2:.6f}{extra}")
    for method in ("REML", "DL"):
        ms, res = _median_ms(lambda m=method: pool(yi, vi, m), 11)
        print(f"  pool(method={method!r}) full result incl. Q-profile CI  {ms:8.2f} ms   estimate = {res.estimate:.6f}")
    n_p = rng.integers(10, 201, k)
    x_p = rng.binomial(n_p, 1 / (1 + np.exp(-rng.normal(np.log(0.3 / 0.7), 0.5, k))))
    for measure in ("PLO", "PFT"):
        ms, res = _median_ms(lambda m=measure: pool_proportions(x_p, n_p, m, "REML"), 11)
        print(f"  pool_proportions({measure!r}, 'REML') from counts, with back-transforms  {ms:8.2f} ms   estimate = {res.estimate_bt:.4f}")
    target = "met" if _median_ms(lambda: tau2_estimate(yi, vi, "REML"), 21)[0] < 10 else "MISSED"
    print(f"  target REML on 10,000 studies < 10 ms: {target}")

    k = 50
    n = rng.integers(10, 201, k)
    p = 1 / (1 + np.exp(-rng.normal(np.log(0.3 / 0.7), 0.5, k)))
    x = rng.binomial(n, p)
    ms, fit = _median_ms(lambda: glmm_fit(x, n), 5)
    print(f"GLMM (binomial-normal, 7-point adaptive Gauss-Hermite) on {k} studies: {ms:8.1f} ms   tau^2 = {fit['tau2']:.4f}")
    print(f"  target GLMM on 50 studies < 1 s: {'met' if ms < 1000 else 'MISSED'}")

    k = 100
    ms, _ = _median_ms(lambda: leave_one_out(yi[:k], vi[:k], "REML"), 5)
    print(f"leave-one-out REML on {k} studies: {ms:8.1f} ms")


if __name__ == "__main__":
    main()
