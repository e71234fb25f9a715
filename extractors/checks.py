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
HARM_IN_ALL          a harm (wound complications, grade >= 3 toxicity) computed as 100% from a count over the cohort:
                     the count may be the cohort's size read as the patients with the harm
"""

from __future__ import annotations

import math
import re
from dataclasses import fields, replace
from operator import attrgetter
from typing import Iterable

from evidence.records import Finding, Flag, Kind, Measure, Origin, Study

__all__ = ["check_study", "decimals_printed", "grim_consistent"]

_GRIM_MEASURES = frozenset({Measure.ORR, Measure.CR, Measure.PR, Measure.SD, Measure.PD, Measure.DCR, Measure.pCR, Measure.TOX_G3PLUS, Measure.WOUND})
_RESPONSE_GRIM_MEASURES = _GRIM_MEASURES - {Measure.TOX_G3PLUS, Measure.WOUND}
_RATE = Kind.RATE
_COMPUTED = Origin.COMPUTED
#: harms a series rarely has in every patient: a computed 100% is worth a look
_HARMS = frozenset({Measure.WOUND, Measure.TOX_G3PLUS})
_RULE = "round half up to the printed decimals"


_DECIMALS_RE = re.compile(r"\d+(?:[.·](\d+))?")


def decimals_printed(text: str) -> int:
    """Decimals of the number as printed ("58.1%" -> 1, "29%" -> 0, "0·62" -> 2).

    Remembered per text (a rate's few characters: "58.1%"; the same ones come back across abstracts)."""
    known = _DECIMALS.get(text)
    if known is None:
        m = _DECIMALS_RE.search(text or "")
        known = len(m.group(1)) if m and m.group(1) else 0
        if type(text) is str:
            if len(_DECIMALS) >= 4096:
                _DECIMALS.clear()  # bounded: texts of every kind stream through
            _DECIMALS[text] = known
    return known


_DECIMALS: dict[str, int] = {}
#: half a unit of the last printed decimal plus a hair, by decimals (the value grim_consistent computes)
_HALF_UNIT = tuple(0.5 * 10 ** (-decimals) + 1e-9 for decimals in range(8))


def grim_consistent(percent: float, n: int, decimals: int) -> bool:
    """Whether some integer k in 0..n gives ``percent`` when 100*k/n is rounded to ``decimals`` (half up).

    The nearest count k first (it settles almost every printed rate), then k - 1 and k + 1."""
    if n <= 0:
        return True
    half = _HALF_UNIT[decimals] if type(decimals) is int and 0 <= decimals < 8 else 0.5 * 10 ** (-decimals) + 1e-9
    k = round(percent * n / 100)
    if 0 <= k <= n and abs(100 * k / n - percent) <= half:
        return True
    j = k - 1
    if 0 <= j <= n and abs(100 * j / n - percent) <= half:
        return True
    j = k + 1
    return 0 <= j <= n and abs(100 * j / n - percent) <= half


def check_study(study: Study) -> Study:
    """The study with consistency flags added (values untouched).

    One pass over the findings gathers what each check reads (the GRIM candidates are checked as they
    come; the rates by arm and the landmark series are built only when a check can flag them); the
    flags come out in the order of the checks: GRIM, response sums, arm sums, intervals, landmarks.
    """
    findings = study.findings
    grim: list[Flag] = []
    intervals: list[Flag] = []
    rates: list[Finding] = []  # rates with a value, for the response sums
    timed: list[Finding] = []  # rates with a time point, for the landmarks
    has_cr = has_pr = False
    arm_sizes: dict[str, int] | None = None
    cohort = study.cohort
    for f in findings:
        value = f.value
        if value is None:
            continue
        if f.kind == _RATE:
            rates.append(f)
            measure = f.measure
            if value >= 1.0 and measure in _HARMS and f.origin == _COMPUTED:
                grim.append(_new_flag("HARM_IN_ALL", f"{_label(f)}: 100% computed from {f.count}/{f.denominator}; the count may be the cohort's size"))
            if measure == _CR:
                has_cr = True
            elif measure == _PR:
                has_pr = True
            grim_measure = measure in _GRIM_MEASURES
            if f.time_months and not grim_measure:
                timed.append(f)
            evidence = f.evidence
            if evidence is not None and grim_measure:
                text = evidence.text or ""
                if "%" in text or "cent" in text:
                    # the denominator as _denominator gives it
                    n = f.denominator
                    if not n:
                        if f.arm is not None:
                            if arm_sizes is None:
                                arm_sizes = {}
                                for arm in study.arms:
                                    if arm.n and arm.label not in arm_sizes:
                                        arm_sizes[arm.label] = arm.n
                            n = arm_sizes.get(f.arm)
                        elif measure in _RESPONSE_GRIM_MEASURES and cohort.n_evaluable:
                            n = cohort.n_evaluable
                        else:
                            n = cohort.n
                    if n and n <= 10_000:
                        d = decimals_printed(text)
                        pct = 100.0 * (value or 0.0)
                        if not grim_consistent(pct, n, d):
                            lo = math.floor(pct * n / 100)
                            grim.append(_new_flag(
                                "GRIM",
                                f"{_label(f)}: no whole count over N={n} gives this ({_RULE}, {d} decimal(s)); "
                                f"nearest {lo}/{n} = {100 * lo / n:.2f}% and {lo + 1}/{n} = {100 * (lo + 1) / n:.2f}%",
                            ))
        if f.ci is not None:
            intervals.extend(_interval(f))
    added = grim
    if has_cr and has_pr:  # both response sums need a CR and a PR
        added.extend(_response_sums(study, rates))
    if len(study.arms) >= 2:  # a sum needs two arms
        added.extend(_arm_sums(study))
    added.extend(intervals)
    if len(timed) >= 2:  # a rise needs two rates
        added.extend(_landmarks(timed))
    flags = study.flags
    if not added and len(flags) < 2:
        return study  # nothing added, nothing to merge
    unique = _unique(list(flags) + added)
    return _with_flags(study, tuple(unique)) if len(unique) != len(flags) else study


_CR, _PR, _ORR, _SD, _PD, _HR = Measure.CR, Measure.PR, Measure.ORR, Measure.SD, Measure.PD, Kind.HR
_CODE_MESSAGE = attrgetter("code", "message")


def _unique(flags: list[Flag]) -> list[Flag]:
    """``list(dict.fromkeys(flags))``: when every flag is a plain :class:`Flag` (equal when code and message
    are) and no two share code and message, the flags as they are."""
    if all(type(f) is Flag for f in flags):
        keys = list(map(_CODE_MESSAGE, flags))
        if len(set(keys)) == len(keys):
            return flags
    return list(dict.fromkeys(flags))


def _plain_flag_fields() -> bool:
    return (
        [f.name for f in fields(Flag)] == ["code", "message"]
        and not hasattr(Flag, "__post_init__")
        and "__slots__" not in vars(Flag)
    )


def _flag_without_init(code: str, message: str) -> Flag:
    """``Flag(code, message)`` without the frozen ``__init__`` (which sets each field through ``object.__setattr__``)."""
    made = _object_new(Flag)
    state = made.__dict__
    state["code"] = code
    state["message"] = message
    return made


_object_new = object.__new__
_new_flag = _flag_without_init if _plain_flag_fields() else Flag


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
    return f"{f.measure._value_}{arm} {f.evidence.text if f.evidence and f.evidence.text else f'{_pct(f):g}%'}"


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


def _by_arm(rates: Iterable[Finding]) -> dict[str | None, dict[Measure, Finding]]:
    """The first rate of each measure, by arm (``rates``: the findings of kind rate with a value)."""
    out: dict[str | None, dict[Measure, Finding]] = {}
    for f in rates:
        out.setdefault(f.arm, {}).setdefault(f.measure, f)
    return out


def _tolerance(*fs: Finding) -> float:
    return sum(0.5 * 10 ** (-decimals_printed(f.evidence.text if f.evidence else "")) for f in fs) + 1e-9


def _response_sums(study: Study, rates: Iterable[Finding]) -> Iterable[Flag]:
    for arm, by_measure in _by_arm(rates).items():
        cr, pr, orr = by_measure.get(_CR), by_measure.get(_PR), by_measure.get(_ORR)
        if cr and pr and orr:
            total = _pct(cr) + _pct(pr)
            n = _denominator(study, orr)
            if abs(total - _pct(orr)) > _tolerance(cr, pr, orr):
                yield _new_flag("CR_PR_ORR", f"{_label(cr)} + {_label(pr)} = {total:.1f}% but {_label(orr)}")
            elif n and abs(total - _pct(orr)) < 1e-6 and not grim_consistent(_pct(orr), n, decimals_printed(orr.evidence.text if orr.evidence else "")):
                k = round((_pct(cr) + _pct(pr)) * n / 100)
                yield _new_flag(
                    "ORR_DERIVED_SUM",
                    f"{_label(orr)} equals {_label(pr)} + {_label(cr)}, a sum of rounded parts; "
                    f"{k}/{n} = {100 * k / n:.2f}% would print as {100 * k / n:.{decimals_printed(orr.evidence.text if orr.evidence else '')}f}%",
                )
        parts = [by_measure.get(m) for m in (_CR, _PR, _SD, _PD)]
        if all(parts):
            total = sum(_pct(f) for f in parts if f)
            if abs(total - 100.0) > _tolerance(*[f for f in parts if f]):
                where = f" ({arm})" if arm else ""
                yield _new_flag("CATEGORIES_SUM", f"CR + PR + SD + PD{where} sum to {total:.1f}%, not 100%")


def _arm_sums(study: Study) -> Iterable[Flag]:
    sizes = [a.n for a in study.arms]
    if len(sizes) >= 2 and all(s is not None for s in sizes) and study.cohort.n:
        total = sum(s for s in sizes if s is not None)
        if total != study.cohort.n:
            yield Flag("ARMS_SUM", f"arm sizes {' + '.join(str(s) for s in sizes)} = {total}, but N = {study.cohort.n}")


def _interval(f: Finding) -> list[Flag]:
    """The interval flags of one finding with a CI and a value."""
    out = []
    lo, hi = f.ci  # type: ignore[misc]
    value = f.value
    if not (min(lo, hi) - 1e-9 <= value <= max(lo, hi) + 1e-9):  # type: ignore[operator]
        out.append(_new_flag("CI_EXCLUDES_ESTIMATE", f"{_label(f)}: CI {lo:g}-{hi:g} does not contain the estimate"))
    if f.kind == _HR and f.p is not None:
        excludes_one = hi < 1 - 0.005 or lo > 1 + 0.005
        includes_one = lo < 1 - 0.005 and hi > 1 + 0.005
        significant = f.p < 0.05 if f.p_relation in ("=", "<") else False
        not_significant = (f.p_relation == "=" and f.p > 0.05) or f.p_relation == ">"
        if excludes_one and not_significant or includes_one and significant:
            out.append(_new_flag("HR_P_CI", f"{_label(f)}: p {f.p_relation} {f.p:g} disagrees with CI {lo:g}-{hi:g}"))
    return out


def _landmarks(timed: Iterable[Finding]) -> Iterable[Flag]:
    """Rises within each (measure, arm) series (``timed``: rates with a value and a time point, of measures not counted over N)."""
    series: dict[tuple[Measure, str | None], list[Finding]] = {}
    for f in timed:
        series.setdefault((f.measure, f.arm), []).append(f)
    for (measure, arm), fs in series.items():
        fs = sorted(fs, key=lambda x: x.time_months or 0)
        for a, b in zip(fs, fs[1:]):
            if (b.time_months or 0) > (a.time_months or 0) and (b.value or 0) > (a.value or 0) + 1e-9:
                where = f" ({arm})" if arm else ""
                yield _new_flag(
                    "LANDMARK_RISES",
                    f"{measure._value_}{where} rises from {_pct(a):g}% at {a.time_months:g} months to {_pct(b):g}% at {b.time_months:g} months",
                )
