"""Counts from printed percentages: the seed's response categories and GRIM flags."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from evidence.errors import InputError
from meta.reconstruct.counts import (
    check_derived_sum,
    counts_from_percentage,
    grim_flag,
    infer_decimals,
    reconstruct_categories,
    round_percent,
)

SEED = {"PD": 9.7, "SD": 58.1, "PR": 29, "CR": 3.2}


def test_seed_categories_are_unique_and_sum_to_31() -> None:
    result = reconstruct_categories(SEED, 31)
    assert result.counts == {"PD": 3, "SD": 18, "PR": 9, "CR": 1}
    assert result.consistent
    # PD 3/31 = 9.677% truncates to 9.6, so the authors rounded (half-up or half-even).
    assert result.rules == ("half-up", "half-even")
    assert result.flags == ()


def test_seed_toxicity_29_percent_is_9_of_31() -> None:
    assert [c.count for c in counts_from_percentage(29, 31)] == [9]


def test_seed_orr_is_the_sum_of_rounded_parts() -> None:
    cats = reconstruct_categories(SEED, 31)
    check = check_derived_sum(32.2, {"PR": 29, "CR": 3.2}, 31, name="ORR", part_counts=cats.counts, rules=cats.rules)
    assert check.count == 10
    assert check.expected_percent == "32.3"
    assert not check.consistent
    assert check.sum_of_rounded_parts
    assert check.consistent_rules == ("truncation",)
    codes = [f.code for f in check.flags]
    assert codes == ["GRIM", "DERIVED_SUM_OF_ROUNDED"]
    assert "10/31 = 32.26%" in check.flags[0].message
    assert "PR 29.0% + CR 3.2%" in check.flags[1].message


def test_orr_under_truncation_alone_is_consistent() -> None:
    check = check_derived_sum(32.2, {"PR": 29, "CR": 3.2}, 31, name="ORR", rules=("truncation",))
    assert check.consistent and check.flags == ()


def test_candidates_name_each_rule() -> None:
    # 1/8 = 12.5% exactly: at 0 decimals half-up gives 13, half-even and truncation give 12.
    assert [(c.count, c.rules) for c in counts_from_percentage(13, 8)] == [(1, ("half-up",))]
    assert [(c.count, c.rules) for c in counts_from_percentage(12, 8)] == [(1, ("half-even", "truncation"))]


def test_several_counts_when_n_is_large() -> None:
    # 50% at 0 decimals of 1000: 495..504 round half-up to 50.
    counts = [c.count for c in counts_from_percentage(50, 1000, rules=("half-up",))]
    assert counts == list(range(495, 505))


def test_impossible_value_gets_grim_flag() -> None:
    flag = grim_flag(50.1, 31, "SD")
    assert flag is not None and flag.code == "GRIM" and "SD 50.1%" in flag.message
    assert grim_flag(9.7, 31) is None


def test_categories_that_cannot_sum_are_flagged() -> None:
    result = reconstruct_categories({"A": 9.7, "B": 9.7}, 31)
    assert result.counts is None
    assert [f.code for f in result.flags] == ["COUNTS_DO_NOT_SUM"]


def test_ambiguous_categories_are_flagged() -> None:
    result = reconstruct_categories({"A": 50, "B": 50}, 1000)
    assert result.counts == {"A": 500, "B": 500}
    assert len(result.solutions) > 1
    assert "COUNTS_AMBIGUOUS" in [f.code for f in result.flags]


def test_decimals_inference() -> None:
    assert infer_decimals(9.7) == 1
    assert infer_decimals(29.0) == 0
    assert infer_decimals("29.0") == 1
    assert infer_decimals("3.25") == 2


@pytest.mark.parametrize("bad", [-1, 101, "abc", float("nan")])
def test_bad_percent(bad: object) -> None:
    with pytest.raises(InputError):
        counts_from_percentage(bad, 31)  # type: ignore[arg-type]


def test_bad_n() -> None:
    with pytest.raises(InputError, match="cohort size"):
        counts_from_percentage(10, 0)


@settings(max_examples=200, deadline=None, derandomize=True)
@given(n=st.integers(1, 500), data=st.data())
def test_every_true_count_is_recovered(n: int, data: st.DataObject) -> None:
    k = data.draw(st.integers(0, n))
    rule = data.draw(st.sampled_from(["half-up", "half-even", "truncation"]))
    decimals = data.draw(st.integers(0, 2))
    printed = round_percent(Fraction(100 * k, n), decimals, rule)
    text = f"{float(printed):.{decimals}f}"
    candidates = counts_from_percentage(text, n)
    assert any(c.count == k and rule in c.rules for c in candidates)


def test_package_exports_resolve() -> None:
    import meta.reconstruct as pkg

    assert pkg.__all__ == sorted(pkg.__all__)
    for name in pkg.__all__:
        assert getattr(pkg, name) is not None


def test_orr_flag_with_default_rules() -> None:
    # Without the other categories, rounding (not truncation) is presumed.
    check = check_derived_sum(32.2, {"PR": 29, "CR": 3.2}, 31, name="ORR")
    assert [f.code for f in check.flags] == ["GRIM", "DERIVED_SUM_OF_ROUNDED"]
    assert check.rules == ("half-up", "half-even")
