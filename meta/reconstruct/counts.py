"""Integer counts behind printed percentages (GRIM-style checks).

A percentage printed as ``9.7`` for a cohort of 31 patients can only come from
the integer counts ``k`` whose exact value ``100 k / 31`` becomes ``9.7`` under
the rounding the authors used.  This module lists those counts for each common
rule (half-up, half-even, truncation) at the printed number of decimals,
reconstructs mutually exclusive categories that must sum to N (CR/PR/SD/PD),
and flags printed values no integer count can give, including totals that were
formed by adding already rounded parts (ORR = PR + CR).

All arithmetic is exact (``fractions.Fraction``) so results are deterministic.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Any, Iterable, Mapping, Sequence

from evidence.errors import InputError
from evidence.records import Flag

__all__ = [
    "RULES",
    "CategoryReconstruction",
    "CountCandidate",
    "DerivedSumCheck",
    "check_derived_sum",
    "counts_from_percentage",
    "grim_flag",
    "infer_decimals",
    "reconstruct_categories",
    "round_percent",
]

RULES: tuple[str, ...] = ("half-up", "half-even", "truncation")

PercentLike = float | int | str | Decimal


@dataclass(frozen=True)
class CountCandidate:
    """An integer count whose exact percentage prints as the reported value.

    ``rules`` are the rounding rules (at ``decimals`` decimal places) that turn
    ``100 * count / n`` into the printed value.
    """

    count: int
    n: int
    exact_percent: float
    decimals: int
    rules: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "count": self.count,
            "n": self.n,
            "exact_percent": self.exact_percent,
            "decimals": self.decimals,
            "rules": list(self.rules),
        }


def _as_decimal(percent: PercentLike, what: str = "percentage") -> Decimal:
    try:
        value = Decimal(str(percent).strip().rstrip("%"))
    except (InvalidOperation, ValueError) as exc:
        raise InputError(f"Invalid {what} {percent!r}; expected a number such as 9.7") from exc
    if not value.is_finite():
        raise InputError(f"Invalid {what} {percent!r}; expected a finite number")
    return value


def infer_decimals(percent: PercentLike) -> int:
    """Decimal places as printed: ``"29.0"`` -> 1, ``"9.7"`` -> 1, ``29`` -> 0.

    A float loses trailing zeros (``29.0`` reads as 0 decimals); pass a string
    or ``decimals=`` to keep them.
    """
    if isinstance(percent, float):
        text = repr(percent)
        if "e" in text or "E" in text:
            text = format(Decimal(text), "f")
        if "." in text:
            text = text.rstrip("0").rstrip(".")
        return len(text.split(".")[1]) if "." in text else 0
    exponent = _as_decimal(percent).as_tuple().exponent
    return max(0, -int(exponent))


def round_percent(value: Fraction, decimals: int, rule: str) -> Fraction:
    """Round a non-negative exact percentage to ``decimals`` places under ``rule``."""
    if rule not in RULES:
        raise InputError(f"Invalid rounding rule {rule!r}; expected one of {list(RULES)}")
    scale = Fraction(10) ** decimals
    scaled = value * scale
    if rule == "half-up":
        rounded = math.floor(scaled + Fraction(1, 2))
    elif rule == "half-even":
        rounded = round(scaled)
    else:
        rounded = math.floor(scaled)
    return Fraction(rounded) / scale


def _check_n(n: int) -> None:
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise InputError(f"Invalid cohort size {n!r}; expected a positive integer")


def counts_from_percentage(
    percent: PercentLike,
    n: int,
    decimals: int | None = None,
    rules: Sequence[str] = RULES,
) -> list[CountCandidate]:
    """Every integer count ``k`` in ``0..n`` whose ``100 k / n`` prints as ``percent``.

    Parameters
    ----------
    percent
        The printed percentage (0-100), e.g. ``9.7`` or ``"29.0"``.
    n
        The denominator (patients).
    decimals
        Decimal places the value was printed with; inferred from ``percent``
        when None (see :func:`infer_decimals`).
    rules
        Rounding rules to try (default: half-up, half-even, truncation).

    Returns
    -------
    list of CountCandidate
        Ordered by count; empty when no integer count gives the printed value
        (a GRIM inconsistency, see :func:`grim_flag`).
    """
    _check_n(n)
    printed = _as_decimal(percent)
    if printed < 0 or printed > 100:
        raise InputError(f"Invalid percentage {percent!r}; expected a value between 0 and 100")
    d = infer_decimals(percent) if decimals is None else int(decimals)
    if d < 0:
        raise InputError(f"Invalid decimals {decimals!r}; expected 0 or more")
    for rule in rules:
        if rule not in RULES:
            raise InputError(f"Invalid rounding rule {rule!r}; expected one of {list(RULES)}")
    target = Fraction(printed)
    # Only counts near n * percent / 100 can round to it: search a small window.
    centre = float(target) * n / 100
    width = n * 10.0 ** (-d) / 100 + 2
    low, high = max(0, math.floor(centre - width)), min(n, math.ceil(centre + width))
    out: list[CountCandidate] = []
    for k in range(low, high + 1):
        exact = Fraction(100 * k, n)
        matched = tuple(rule for rule in rules if round_percent(exact, d, rule) == target)
        if matched:
            out.append(CountCandidate(k, n, float(exact), d, matched))
    return out


def _describe_rules(rules: Iterable[str]) -> str:
    rules = list(rules)
    return " or ".join(rules) if rules else "no rule"


def grim_flag(
    percent: PercentLike,
    n: int,
    name: str = "value",
    decimals: int | None = None,
    rules: Sequence[str] = RULES,
) -> Flag | None:
    """A ``GRIM`` flag when no integer count out of ``n`` prints as ``percent`` under ``rules``; else None."""
    candidates = counts_from_percentage(percent, n, decimals, rules)
    if candidates:
        return None
    d = infer_decimals(percent) if decimals is None else decimals
    nearest = round(float(_as_decimal(percent)) * n / 100)
    nearest = min(max(nearest, 0), n)
    return Flag(
        "GRIM",
        f"{name} {percent}% is not k/{n} for any integer k under {_describe_rules(rules)} rounding "
        f"at {d} decimal(s); the nearest count {nearest}/{n} = {100 * nearest / n:.2f}%",
    )


@dataclass(frozen=True)
class CategoryReconstruction:
    """Integer counts for mutually exclusive categories that should sum to ``n``.

    ``counts`` is the chosen solution (None when no combination sums to ``n``);
    ``rules`` are the rounding rules under which every category of the chosen
    solution prints as reported; ``solutions`` lists every combination that
    sums to ``n``; ``candidates`` the per-category candidates.
    """

    n: int
    percents: Mapping[str, str]
    counts: Mapping[str, int] | None
    rules: tuple[str, ...]
    decimals: Mapping[str, int]
    candidates: Mapping[str, tuple[CountCandidate, ...]]
    solutions: tuple[Mapping[str, int], ...]
    flags: tuple[Flag, ...] = ()

    @property
    def consistent(self) -> bool:
        """True when exactly one combination of counts fits every printed value and sums to ``n``."""
        return self.counts is not None and len(self.solutions) == 1

    def to_dict(self) -> dict[str, Any]:
        return {
            "n": self.n,
            "percents": dict(self.percents),
            "counts": dict(self.counts) if self.counts is not None else None,
            "rules": list(self.rules),
            "decimals": dict(self.decimals),
            "solutions": [dict(s) for s in self.solutions],
            "candidates": {k: [c.to_dict() for c in v] for k, v in self.candidates.items()},
            "flags": [f.to_json() for f in self.flags],
        }


def reconstruct_categories(
    percents: Mapping[str, PercentLike],
    n: int,
    decimals: Mapping[str, int] | int | None = None,
    max_solutions: int = 1000,
) -> CategoryReconstruction:
    """Integer counts for categories (e.g. CR/PR/SD/PD) that sum to ``n``.

    Each category's candidates come from :func:`counts_from_percentage`; every
    combination summing to ``n`` is a solution.  The chosen solution is the
    one whose categories share the most rounding rules (authors round one
    way), then the one closest to the printed values.  Flags say when a
    category is impossible (GRIM), when no combination sums to ``n``, when
    several do, and when the printed percentages do not add to 100.
    """
    _check_n(n)
    if not percents:
        raise InputError("No categories given; expected a mapping such as {'CR': 3.2, 'PR': 29}")
    names = list(percents)
    decs: dict[str, int] = {}
    for name in names:
        if isinstance(decimals, Mapping):
            decs[name] = int(decimals[name]) if name in decimals else infer_decimals(percents[name])
        elif decimals is None:
            decs[name] = infer_decimals(percents[name])
        else:
            decs[name] = int(decimals)
    candidates = {name: tuple(counts_from_percentage(percents[name], n, decs[name])) for name in names}
    flags: list[Flag] = []
    for name in names:
        if not candidates[name]:
            flag = grim_flag(percents[name], n, name, decs[name])
            if flag is not None:
                flags.append(flag)
    printed_total = sum(_as_decimal(percents[name]) for name in names)
    solutions: list[dict[str, int]] = []
    if all(candidates.values()):
        for combo in itertools.product(*(candidates[name] for name in names)):
            if sum(c.count for c in combo) == n:
                solutions.append({name: c.count for name, c in zip(names, combo)})
                if len(solutions) >= max_solutions:
                    break
    chosen: dict[str, int] | None = None
    chosen_rules: tuple[str, ...] = ()
    if solutions:
        by_count = {name: {c.count: c for c in candidates[name]} for name in names}

        def score(solution: Mapping[str, int]) -> tuple[int, float]:
            shared = set(RULES)
            for name in names:
                shared &= set(by_count[name][solution[name]].rules)
            distance = sum(abs(100 * solution[name] / n - float(_as_decimal(percents[name]))) for name in names)
            return (-len(shared), distance)

        chosen = min(solutions, key=score)
        shared = set(RULES)
        for name in names:
            shared &= set(by_count[name][chosen[name]].rules)
        chosen_rules = tuple(r for r in RULES if r in shared)
        if len(solutions) > 1:
            flags.append(
                Flag(
                    "COUNTS_AMBIGUOUS",
                    f"{len(solutions)} combinations of counts fit the printed percentages and sum to {n}; "
                    f"chose {_format_counts(chosen)} (most shared rounding rules, closest to the printed values)",
                )
            )
        if not chosen_rules:
            flags.append(
                Flag(
                    "MIXED_ROUNDING",
                    f"No single rounding rule reproduces every category of {_format_counts(chosen)} out of {n}",
                )
            )
    elif all(candidates.values()):
        flags.append(
            Flag(
                "COUNTS_DO_NOT_SUM",
                f"No combination of counts consistent with {_format_percents(percents)} sums to N = {n}",
            )
        )
    tolerance = Decimal(len(names)) * Decimal(5) * Decimal(10) ** (-max(decs.values()) - 1)
    if abs(printed_total - 100) > tolerance and solutions:
        flags.append(
            Flag(
                "PERCENT_SUM",
                f"Printed percentages {_format_percents(percents)} add to {printed_total}%, not 100%, "
                "more than rounding allows",
            )
        )
    return CategoryReconstruction(
        n=n,
        percents={name: str(percents[name]) for name in names},
        counts=chosen,
        rules=chosen_rules,
        decimals=decs,
        candidates=candidates,
        solutions=tuple(solutions),
        flags=tuple(flags),
    )


def _format_counts(counts: Mapping[str, int]) -> str:
    return ", ".join(f"{name} {k}" for name, k in counts.items())


def _format_percents(percents: Mapping[str, PercentLike]) -> str:
    return " + ".join(f"{name} {value}%" for name, value in percents.items())


@dataclass(frozen=True)
class DerivedSumCheck:
    """Whether a printed total (e.g. ORR) agrees with its parts (PR + CR).

    ``count`` is the total implied by the parts' counts; ``expected_percent``
    what that count prints as under ``rules`` at the total's decimals;
    ``consistent`` whether the printed total is some ``k / n`` under ``rules``;
    ``sum_of_rounded_parts`` whether it equals the sum of the printed parts.
    """

    name: str
    percent: str
    n: int
    count: int | None
    exact_percent: float | None
    expected_percent: str | None
    rules: tuple[str, ...]
    consistent: bool
    consistent_rules: tuple[str, ...]
    sum_of_rounded_parts: bool
    flags: tuple[Flag, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "percent": self.percent,
            "n": self.n,
            "count": self.count,
            "exact_percent": self.exact_percent,
            "expected_percent": self.expected_percent,
            "rules": list(self.rules),
            "consistent": self.consistent,
            "consistent_rules": list(self.consistent_rules),
            "sum_of_rounded_parts": self.sum_of_rounded_parts,
            "flags": [f.to_json() for f in self.flags],
        }


def check_derived_sum(
    total_percent: PercentLike,
    parts: Mapping[str, PercentLike],
    n: int,
    name: str = "total",
    part_counts: Mapping[str, int] | None = None,
    rules: Sequence[str] | None = None,
    decimals: int | None = None,
) -> DerivedSumCheck:
    """Check a total that should equal the sum of parts, e.g. ORR = PR + CR.

    The parts' counts come from ``part_counts`` or from their percentages
    (first candidate under ``rules``).  ``rules`` default to the conventional
    rounding rules (half-up, half-even) that reproduce every part, falling
    back to truncation only when rounding cannot.  A total that
    is not ``k / n`` under those rules is flagged ``GRIM``; when it also equals
    the sum of the printed parts, it is flagged ``DERIVED_SUM_OF_ROUNDED``
    (the seed's ORR 32.2% = PR 29.0% + CR 3.2%, while 10/31 = 32.26%).
    """
    _check_n(n)
    d_total = infer_decimals(total_percent) if decimals is None else decimals
    shared = set(RULES)
    counts: dict[str, int] = {}
    for part, value in parts.items():
        candidates = counts_from_percentage(value, n)
        if candidates:
            shared &= set().union(*(c.rules for c in candidates))
        if part_counts is not None and part in part_counts:
            counts[part] = int(part_counts[part])
        elif candidates:
            counts[part] = candidates[0].count
    if rules is not None:
        use_rules = tuple(rules)
    else:
        # Authors round; truncation is used only when nothing else reproduces the parts.
        conventional = tuple(r for r in ("half-up", "half-even") if r in shared)
        use_rules = conventional or tuple(r for r in RULES if r in shared) or RULES
    count = sum(counts.values()) if len(counts) == len(parts) else None
    exact = 100 * count / n if count is not None else None
    expected = None
    if count is not None:
        rounded = {round_percent(Fraction(100 * count, n), d_total, r) for r in use_rules}
        expected = " or ".join(f"{float(x):.{d_total}f}" for x in sorted(rounded))
    in_rules = counts_from_percentage(total_percent, n, d_total, use_rules)
    consistent = bool(in_rules) and (count is None or any(c.count == count for c in in_rules))
    any_rule = counts_from_percentage(total_percent, n, d_total, RULES)
    consistent_rules = tuple(
        r for r in RULES if any(r in c.rules and (count is None or c.count == count) for c in any_rule)
    )
    printed_sum = sum(_as_decimal(v) for v in parts.values())
    sum_of_parts = printed_sum == _as_decimal(total_percent)
    flags: list[Flag] = []
    if not consistent:
        where = f"{_describe_rules(use_rules)} rounding at {d_total} decimal(s)"
        if rules is None:
            where += f", the rounding that reproduces {', '.join(parts)}"
        message = f"{name} {total_percent}% is not k/{n} for any integer k under {where}"
        if count is not None:
            message += f"; {count}/{n} = {exact:.2f}% prints as {expected}%"
        others = [r for r in consistent_rules if r not in use_rules]
        if others:
            message += f"; it is consistent only under {_describe_rules(others)}"
        flags.append(Flag("GRIM", message))
        if sum_of_parts:
            parts_text = " + ".join(f"{p} {float(_as_decimal(v)):.{d_total}f}%" for p, v in parts.items())
            flags.append(
                Flag(
                    "DERIVED_SUM_OF_ROUNDED",
                    f"{name} {total_percent}% equals the sum of the rounded parts ({parts_text}) rather than "
                    f"the rounded total {count}/{n} = {exact:.2f}%",
                )
            )
    return DerivedSumCheck(
        name=name,
        percent=str(total_percent),
        n=n,
        count=count,
        exact_percent=exact,
        expected_percent=expected,
        rules=use_rules,
        consistent=consistent,
        consistent_rules=consistent_rules,
        sum_of_rounded_parts=sum_of_parts,
        flags=tuple(flags),
    )
