"""Round 10 of the KM reconstruction (issue 6): the UNSEEN6 group."""

from __future__ import annotations

import numpy as np
import pytest

from meta.reconstruct.validation import GROUPS, UNSEEN6, VALIDATION_OPTIONS, expand_names, load_dataset


@pytest.mark.parametrize("name", sorted(UNSEEN6))
def test_unseen6_sets_are_seeded_two_arm_data(name: str) -> None:
    data = load_dataset(name)
    assert data.equals(UNSEEN6[name]())  # seeded: the same trial every time
    assert data["arm"].nunique() == 2
    assert (data["time"] > 0).all()
    for _, part in data.groupby("arm"):
        assert 0 < part["event"].sum() < len(part)


def test_unseen6_group_is_new_and_covers_the_shapes_asked_for() -> None:
    assert expand_names(["unseen6"]) == list(UNSEEN6)
    others = {n for g, members in GROUPS.items() if g != "unseen6" for n in members}
    assert not set(UNSEEN6) & others
    sizes = {name: load_dataset(name).groupby("arm").size().tolist() for name in UNSEEN6}
    assert [15, 15] in sizes.values() and [15, 60] in sizes.values()  # tiny arms
    every_3 = [n for n in UNSEEN6 if np.allclose(np.diff(VALIDATION_OPTIONS.get(n, {}).get("ticks", (0, 1))), 3.0)]
    assert len(every_3) >= 4  # risk tables every 3 months
    early = load_dataset("u6_early_censored")
    assert ((early["event"] == 0) & (early["time"] <= 3)).mean() > 0.4  # very heavy early censoring
