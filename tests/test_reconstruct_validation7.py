"""Round 7 of the KM reconstruction (issue 6): the third unseen group and the exact-corner fixes."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from meta.reconstruct.guyot import reconstruct_km
from meta.reconstruct.validation import (
    GROUPS,
    UNSEEN3,
    VALIDATION_OPTIONS,
    digitise_exact,
    expand_names,
    load_dataset,
    validate_dataset,
)

# the UNSEEN3 sets' seeding and shape are tested with UNSEEN2's in test_reconstruct_validation6.py


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


def _exact_arm(time: np.ndarray, event: np.ndarray, ticks: np.ndarray) -> pd.DataFrame:
    cx, cy = digitise_exact(time, event)
    nar = np.array([(time >= x).sum() for x in ticks])
    keep = (ticks <= time.max()) & (nar > 0)
    return reconstruct_km(cx, cy, risk_times=ticks[keep], at_risk=nar[keep], total_events=int(event.sum())).ipd


def test_patients_left_after_the_last_drop_are_spread_to_the_curves_end_when_censoring_is_steady() -> None:
    # 60 patients: 20 deaths at 1..20, 20 censored at 0.5..19.5 (steady loss), 20 still at risk after the last
    # death, censored evenly over 30.7..44 (staggered entry, one analysis date).  The curve ends at 44, the risk
    # table's last row is at 30 (ticks every 15).
    deaths = np.arange(1.0, 21.0)
    time = np.concatenate([deaths, deaths - 0.5, np.linspace(30.7, 44.0, 20)])
    event = np.concatenate([np.ones(20, int), np.zeros(40, int)])
    ipd = _exact_arm(time, event, np.arange(0.0, 31.0, 15.0))
    assert ipd["event"].sum() == 20
    recon = ipd["time"].to_numpy()
    for x in (34.0, 38.0, 42.0):  # numbers at risk inside the tail: 20 at every one before (all censored at 44)
        assert abs((recon >= x).sum() - (time >= x).sum()) <= 2
    assert (recon == 44.0).sum() == 1


def test_fixed_follow_up_without_censoring_keeps_everyone_left_at_the_end() -> None:
    # nobody censored before the end (every patient followed 52 weeks): those left are censored at 52, not spread
    time = np.concatenate([np.arange(1.0, 31.0), np.full(70, 52.0)])
    event = np.concatenate([np.ones(30, int), np.zeros(70, int)])
    ipd = _exact_arm(time, event, np.arange(0.0, 51.0, 10.0))
    assert ((ipd["time"] == 52.0) & (ipd["event"] == 0)).sum() == 70


def test_heavy_censoring_exact_corners_ln_hr_within_target() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        rows = validate_dataset("u2_heavy_censoring", "exact")
    assert rows[0].dlnhr < 0.015  # 0.0217 before the tail rule (every patient left after the last drop at the end)


def test_deaths_on_the_line_into_a_risk_table_time_are_counted_before_it() -> None:
    # 400 patients, exponential deaths (median 100 days), no censoring before day 300; clicks every 35 days, none
    # on the risk-table times 100 and 200, so the line from the click at 70 to the one at 105 crosses day 100.
    # Its deaths before day 100 are not in the number at risk printed there; counting them after it made the
    # iteration invent about 46 censorings before day 100 (154 deaths instead of 200).
    latent = -100 / np.log(2) * np.log(1 - (np.arange(400) + 0.5) / 400)
    time, event = np.minimum(latent, 300.0), (latent <= 300).astype(int)
    clicks = np.append(np.arange(0.0, 300.0, 35.0), 300.0)
    levels = np.array([np.mean(latent > x) for x in clicks])
    ticks = np.array([0.0, 100.0, 200.0, 300.0])
    nar = np.array([(time >= x).sum() for x in ticks])
    ipd = reconstruct_km(clicks, levels, risk_times=ticks, at_risk=nar, total_events=int(event.sum())).ipd
    early = ipd[ipd["time"] < 100]
    assert abs(int(early["event"].sum()) - 200) <= 3
    assert (early["event"] == 0).sum() <= 3
    assert abs(int(ipd["event"].sum()) - int(event.sum())) <= 1


def test_large_arm_with_sparse_corner_clicks_keeps_its_event_total() -> None:
    # u3_days_crossing (400 per arm, curve steep around its risk-table times): corners60 clicks gave 372 of 382 deaths
    # and |S| 0.045 at day 500 before the deaths on the line into a risk-table time were counted before it
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        rows = validate_dataset("u3_days_crossing", "corners60", seed=0)
    arm_a = rows[0]
    assert abs(arm_a.events_recon - arm_a.events_true) <= 3
    assert arm_a.s_err_px < 0.03
