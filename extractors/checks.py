"""Consistency checks on an extracted study: they add :class:`~evidence.records.Flag`s and never change a value.

Codes
-----
GRIM                 a percentage that no integer count over the stated N produces (rounding rule named)
ORR_DERIVED_SUM      ORR equals CR + PR as printed (a sum of rounded parts) but no integer count gives it
CR_PR_ORR            CR + PR differs from ORR by more than rounding allows
CATEGORIES_SUM       CR + PR + SD + PD do not sum to 100% within rounding
ARMS_SUM             arm sizes do not add up to the stated N
CI_EXCLUDES_ESTIMATE a confidence interval that does not contain its estimate
HR_P_CI              a hazard ratio whose p-value disagrees with its CI (CI excludes 1 but p >= .05, or the reverse)
LANDMARK_RISES       a survival rate that rises at a later time point
"""

from __future__ import annotations

import math
import re
from dataclasses import replace
from typing import Iterable

from evidence.records import Finding, Flag, Kind, Measure, Study

__all__ = ["check_study", "decimals_printed", "grim_consistent"]

_GRIM_MEASURES = frozenset({Measure.ORR, Measure.CR, Measure.PR, Measure.SD, Measure.PD, Measure.DCR, Measure.pCR, Measure.TOX_G3PLUS, Measure.WOUND})
_RESPONSE_GRIM_MEASURES = _GRIM_MEASURES - {Measure.TOX_G3PLUS, Measure.WOUND}
_RATE = Kind.RATE
_RULE = "round half up to the printed decimals"


_DECIMALS_RE = re.compile(r"\d+(?:[.·](\d+))?")


def decimals_printed(text: str) -> int:
    """Decimals of the number as printed ("58.1%" -> 1, "29%" -> 0, "0·62" -> 2)."""
    m = _DECIMALS_RE.search(text or "")
    return len(m.group(1)) if m and m.group(1) else 0


def grim_consistent(percent: float, n: int, decimals: int) -> bool:
    """Whether some integer k in 0..n gives ``percent`` when 100*k/n is rounded to ``decimals`` (half up)."""
    if n <= 0:
        return True
    half = 0.5 * 10 ** (-decimals) + 1e-9
    k = round(percent * n / 100)
    for j in (k - 1, k, k + 1):  # a loop, not any() over a generator: called for every printed rate
        if 0 <= j <= n and abs(100 * j / n - percent) <= half:
            return True
    return False


def check_study(study: Study) -> Study:
    """The study with consistency flags added (values untouched)."""
    flags = list(study.flags)
    flags.extend(_grim(study))
    flags.extend(_response_sums(study))
    flags.extend(_arm_sums(study))
    flags.extend(_intervals(study.findings))
    flags.extend(_landmarks(study.findings))
    unique = list(dict.fromkeys(flags))
    return _with_flags(study, tuple(unique)) if len(unique) != len(study.flags) else study


def _with_flags(study: Study, flags: tuple[Flag, ...]) -> Study:
    """``dataclasses.replace(study, flags=flags)``: the other fields' values copied as they are, without
    the frozen ``__init__`` (setting each field through ``object.__setattr__``) unless Study has more to do."""
    if type(study) is not Study or hasattr(Study, "__post_init__"):
        return replace(study, flags=flags)
    made = object.__new__(Study)
    made.__dict__.update(study.__dict__)
    made.__dict__["flags"] = flags
    return made


def _pct(f: Finding) -> float:
    return 100.0 * (f.value or 0.0)


def _label(f: Finding) -> str:
    arm = f" ({f.arm})" if f.arm else ""
    return f"{f.measure.value}{arm} {f.evidence.text if f.evidence and f.evidence.text else f'{_pct(f):g}%'}"


def _denominator(study: Study, f: Finding) -> int | None:
    if f.denominator:
        return f.denominator
    if f.arm is not None:
        for arm in study.arms:
            if arm.label == f.arm and arm.n:
                return arm.n
        return None
    if f.measure in _RESPONSE_GRIM_MEASURES and study.cohort.n_evaluable:
        return study.cohort.n_evaluable
    return study.cohort.n


def _grim(study: Study) -> Iterable[Flag]:
    for f in study.findings:
        # the cheap tests first (an enum member's hash is a Python call)
        if f.value is None or f.evidence is None or f.kind != _RATE:
            continue
        text = f.evidence.text or ""
        if ("%" not in text and "cent" not in text) or f.measure not in _GRIM_MEASURES:
            continue
        n = _denominator(study, f)
        if not n or n > 10_000:
            continue
        d = decimals_printed(f.evidence.text)
        if not grim_consistent(_pct(f), n, d):
            lo = math.floor(_pct(f) * n / 100)
            yield Flag(
                "GRIM",
                f"{_label(f)}: no whole count over N={n} gives this ({_RULE}, {d} decimal(s)); "
                f"nearest {lo}/{n} = {100 * lo / n:.2f}% and {lo + 1}/{n} = {100 * (lo + 1) / n:.2f}%",
            )


def _by_arm(findings: Iterable[Finding]) -> dict[str | None, dict[Measure, Finding]]:
    out: dict[str | None, dict[Measure, Finding]] = {}
    for f in findings:
        if f.value is not None and f.kind == _RATE:
            out.setdefault(f.arm, {}).setdefault(f.measure, f)
    return out


def _tolerance(*fs: Finding) -> float:
    return sum(0.5 * 10 ** (-decimals_printed(f.evidence.text if f.evidence else "")) for f in fs) + 1e-9


def _response_sums(study: Study) -> Iterable[Flag]:
    for arm, rates in _by_arm(study.findings).items():
        cr, pr, orr = rates.get(Measure.CR), rates.get(Measure.PR), rates.get(Measure.ORR)
        if cr and pr and orr:
            total = _pct(cr) + _pct(pr)
            n = _denominator(study, orr)
            if abs(total - _pct(orr)) > _tolerance(cr, pr, orr):
                yield Flag("CR_PR_ORR", f"{_label(cr)} + {_label(pr)} = {total:.1f}% but {_label(orr)}")
            elif n and abs(total - _pct(orr)) < 1e-6 and not grim_consistent(_pct(orr), n, decimals_printed(orr.evidence.text if orr.evidence else "")):
                k = round((_pct(cr) + _pct(pr)) * n / 100)
                yield Flag(
                    "ORR_DERIVED_SUM",
                    f"{_label(orr)} equals {_label(pr)} + {_label(cr)}, a sum of rounded parts; "
                    f"{k}/{n} = {100 * k / n:.2f}% would print as {100 * k / n:.{decimals_printed(orr.evidence.text if orr.evidence else '')}f}%",
                )
        parts = [rates.get(m) for m in (Measure.CR, Measure.PR, Measure.SD, Measure.PD)]
        if all(parts):
            total = sum(_pct(f) for f in parts if f)
            if abs(total - 100.0) > _tolerance(*[f for f in parts if f]):
                where = f" ({arm})" if arm else ""
                yield Flag("CATEGORIES_SUM", f"CR + PR + SD + PD{where} sum to {total:.1f}%, not 100%")


def _arm_sums(study: Study) -> Iterable[Flag]:
    sizes = [a.n for a in study.arms]
    if len(sizes) >= 2 and all(s is not None for s in sizes) and study.cohort.n:
        total = sum(s for s in sizes if s is not None)
        if total != study.cohort.n:
            yield Flag("ARMS_SUM", f"arm sizes {' + '.join(str(s) for s in sizes)} = {total}, but N = {study.cohort.n}")


def _intervals(findings: Iterable[Finding]) -> Iterable[Flag]:
    for f in findings:
        if f.ci is None or f.value is None:
            continue
        lo, hi = f.ci
        if not (min(lo, hi) - 1e-9 <= f.value <= max(lo, hi) + 1e-9):
            yield Flag("CI_EXCLUDES_ESTIMATE", f"{_label(f)}: CI {lo:g}-{hi:g} does not contain the estimate")
        if f.kind == Kind.HR and f.p is not None:
            excludes_one = hi < 1 - 0.005 or lo > 1 + 0.005
            includes_one = lo < 1 - 0.005 and hi > 1 + 0.005
            significant = f.p < 0.05 if f.p_relation in ("=", "<") else False
            not_significant = (f.p_relation == "=" and f.p > 0.05) or f.p_relation == ">"
            if excludes_one and not_significant or includes_one and significant:
                yield Flag("HR_P_CI", f"{_label(f)}: p {f.p_relation} {f.p:g} disagrees with CI {lo:g}-{hi:g}")


def _landmarks(findings: Iterable[Finding]) -> Iterable[Flag]:
    series: dict[tuple[Measure, str | None], list[Finding]] = {}
    for f in findings:
        if f.time_months and f.value is not None and f.kind == _RATE and f.measure not in _GRIM_MEASURES:
            series.setdefault((f.measure, f.arm), []).append(f)
    for (measure, arm), fs in series.items():
        fs = sorted(fs, key=lambda x: x.time_months or 0)
        for a, b in zip(fs, fs[1:]):
            if (b.time_months or 0) > (a.time_months or 0) and (b.value or 0) > (a.value or 0) + 1e-9:
                where = f" ({arm})" if arm else ""
                yield Flag(
                    "LANDMARK_RISES",
                    f"{measure.value}{where} rises from {_pct(a):g}% at {a.time_months:g} months to {_pct(b):g}% at {b.time_months:g} months",
                )
