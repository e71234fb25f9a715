"""Round 8 of the KM reconstruction (issue 6): the fourth unseen group, the click spacing, and the round's fixes."""

from __future__ import annotations

import numpy as np
import pytest

from evidence.errors import InputError
from meta.reconstruct.validation import (
    GROUPS,
    UNSEEN4,
    VALIDATION_OPTIONS,
    digitise_exact,
    digitise_jittered,
    expand_names,
    load_dataset,
)


@pytest.mark.parametrize("name", sorted(UNSEEN4))
def test_unseen4_sets_are_seeded_two_arm_data(name: str) -> None:
    data = load_dataset(name)
    assert data.equals(UNSEEN4[name]())  # seeded: the same trial every time
    assert data["arm"].nunique() == 2
    assert (data["time"] > 0).all()
    for _, part in data.groupby("arm"):
        assert 0 < part["event"].sum() < len(part)


def test_unseen4_group_is_new_and_covers_the_shapes_asked_for() -> None:
    from lifelines import KaplanMeierFitter

    assert expand_names(["unseen4"]) == list(UNSEEN4)
    others = {n for g, members in GROUPS.items() if g != "unseen4" for n in members}
    assert not set(UNSEEN4) & others
    sizes = {tuple(sorted(len(p) for _, p in load_dataset(name).groupby("arm"))) for name in UNSEEN4}
    assert (60, 240) in sizes and (500, 500) in sizes and (25, 100) in sizes
    days = load_dataset("u4_days_3000")
    assert 2900 < days["time"].max() <= 3000 and (days["time"] == days["time"].round()).all()
    high = load_dataset("u4_high_end")
    ends = [KaplanMeierFitter().fit(p["time"], p["event"]).survival_function_.iloc[-1, 0] for _, p in high.groupby("arm")]
    assert min(ends) > 0.75  # curves that end far above 0
    short_tables = [n for n in UNSEEN4 if len(VALIDATION_OPTIONS.get(n, {}).get("ticks", range(9))) <= 4]
    assert len(short_tables) >= 4  # risk tables at 2-3 times after 0
    one_arm = [n for n in UNSEEN4 if len(VALIDATION_OPTIONS.get(n, {}).get("unreported", ())) == 1]
    assert len(one_arm) >= 3
    loss = load_dataset("u4_early_loss")
    early = loss[(loss["event"] == 0) & (loss["time"] <= 6)]
    assert len(early) > 0.3 * len(loss)  # heavy early loss to follow-up


def test_jittered_clicks_spread_along_the_line_or_evenly_in_time() -> None:
    # one arm of 50 with five tall drops: along the line many clicks sit on the verticals, evenly in time none do
    time = np.concatenate([np.repeat([2.0, 4.0, 6.0, 8.0, 9.0], 8), np.full(10, 10.0)])
    event = np.concatenate([np.ones(40, int), np.zeros(10, int)])
    xs, ys = digitise_exact(time, event)
    on_vertical = {}
    for spacing in ("line", "time"):
        cx, cy = digitise_jittered(time, event, seed=3, jitter_px=0.0, spacing=spacing)
        assert cx.size == 60 and np.all(np.diff(cx) >= -1e-12)
        level_before = np.array([ys[np.searchsorted(xs, x, side="right") - 1] for x in cx])
        on_vertical[spacing] = int(np.sum(cy > level_before + 1e-9))  # above the level after the drop: on a vertical
    assert on_vertical["line"] >= 15 and on_vertical["time"] == 0
    cx, _ = digitise_jittered(time, event, seed=3, jitter_px=0.0, spacing="time")
    assert np.allclose(np.diff(cx), 10.0 / 59)
    with pytest.raises(InputError, match="spacing"):
        digitise_jittered(time, event, spacing="random")
