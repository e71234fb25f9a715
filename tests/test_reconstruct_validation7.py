"""Round 7 of the KM reconstruction (issue 6): the third unseen group and the exact-corner fixes."""

from __future__ import annotations

import pytest

from meta.reconstruct.validation import GROUPS, UNSEEN3, VALIDATION_OPTIONS, expand_names, load_dataset


@pytest.mark.parametrize("name", sorted(UNSEEN3))
def test_unseen3_sets_are_seeded_two_arm_data(name: str) -> None:
    data = load_dataset(name)
    assert data.equals(UNSEEN3[name]())  # seeded: the same trial every time
    assert data["arm"].nunique() == 2
    assert (data["time"] > 0).all()
    for _, part in data.groupby("arm"):
        assert 0 < part["event"].sum() < len(part)


def test_unseen3_group_is_new_and_differs_from_the_earlier_groups() -> None:
    assert expand_names(["unseen3"]) == list(UNSEEN3)
    others = {n for g, members in GROUPS.items() if g != "unseen3" for n in members}
    assert not set(UNSEEN3) & others
    sizes = {len(part) for name in UNSEEN3 for _, part in load_dataset(name).groupby("arm")}
    assert {40, 80, 150, 400} <= sizes
    both_unreported = [n for n in UNSEEN3 if VALIDATION_OPTIONS.get(n, {}).get("unreported") == (0, 1)]
    assert len(both_unreported) >= 2
    every_3 = VALIDATION_OPTIONS["u3_gompertz_small"]["ticks"]
    every_12 = VALIDATION_OPTIONS["u3_gompertz_cross"]["ticks"]
    assert every_3[1] - every_3[0] == 3 and every_12[1] - every_12[0] == 12
    days = load_dataset("u3_days_crossing")
    assert (days["time"] == days["time"].round()).all() and days["time"].duplicated().any()  # daily ties
    assert days.groupby("arm")["event"].sum().min() > 200  # administrative censoring only, both arms large
