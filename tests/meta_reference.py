"""Helpers for the metafor alignment tests: load the pinned reference numbers and compare.

The numbers in ``tests/data/metafor/*.json`` were copied from metafor's output
(see each file's ``provenance``: R 4.2.2, metafor 3.8.1, tight convergence controls).
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent / "data" / "metafor"

RTOL = 1e-6  # metafor converged to 1e-12; our kernels agree far below this
RTOL_GLMM = 1e-4  # lme4's optimiser stops earlier than the closed-form estimators
ATOL = 1e-10  # for values that are exactly 0 in theory (tau^2 at the bound)


@lru_cache(maxsize=None)
def load(name: str) -> dict[str, Any]:
    return json.loads((DATA / f"{name}.json").read_text(encoding="utf-8"))["results"]


def close(got: Any, ref: Any, rtol: float = RTOL, atol: float = ATOL) -> bool:
    """True when ``got`` equals ``ref`` to rtol (both None/NaN counts as equal)."""
    if ref is None:
        return got is None or (isinstance(got, float) and math.isnan(got))
    if got is None:
        return False
    return abs(float(got) - float(ref)) <= atol + rtol * abs(float(ref))


def assert_close(got: Any, ref: Any, what: str, rtol: float = RTOL, atol: float = ATOL) -> None:
    assert close(got, ref, rtol, atol), f"{what}: got {got!r}, metafor {ref!r}"
