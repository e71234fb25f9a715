"""Guyot reconstruction: cleaning, bad input, CSV I/O and accuracy on lifelines' real data sets."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

from evidence.errors import InputError, ParseError, ReconstructionError
from meta.reconstruct.guyot import clean_curve, read_curve_csv, read_risk_table_csv, reconstruct_km, write_ipd_csv
from meta.reconstruct.validation import TARGETS, validate_dataset

warnings.filterwarnings("ignore")


def test_clean_curve_sorts_clips_and_adds_risk_times() -> None:
    cleaned = clean_curve([5, 0, 10, 3], [0.8, 1.005, 0.6, 0.9], risk_times=[0, 4, 8])
    assert list(cleaned.time) == [0, 3, 4, 5, 8, 10]
    assert list(cleaned.survival) == [1.0, 0.9, 0.9, 0.8, 0.8, 0.6]
    assert {f.code for f in cleaned.flags} == {"CURVE_SORTED", "CURVE_CLIPPED"}


def test_clean_curve_drops_an_outlier_and_enforces_monotone() -> None:
    cleaned = clean_curve([0, 1, 2, 3, 4], [1.0, 0.9, 0.5, 0.88, 0.85])
    assert 2.0 not in cleaned.time
    assert np.all(np.diff(cleaned.survival) <= 0)
    assert "CURVE_OUTLIERS" in {f.code for f in cleaned.flags}


@pytest.mark.parametrize(
    ("time", "surv", "message"),
    [
        ([0, 1, 2, 3], [1.0, 0.5, 0.45, 0.9], "rises"),
        ([0, 1], [1.0, 80.0], "0-1 scale"),
        ([0, -1], [1.0, 0.9], "negative"),
        ([], [], "no points"),
    ],
)
def test_bad_curves(time: list, surv: list, message: str) -> None:
    with pytest.raises(InputError, match=message):
        reconstruct_km(time, surv, n=10)


def test_bad_risk_tables() -> None:
    curve = ([0, 1, 2, 3], [1.0, 0.9, 0.8, 0.7])
    with pytest.raises(InputError, match="increase"):
        reconstruct_km(*curve, risk_times=[0, 1, 2], at_risk=[10, 12, 8])
    with pytest.raises(InputError, match="out of order"):
        reconstruct_km(*curve, risk_times=[0, 2, 1], at_risk=[10, 9, 8])
    with pytest.raises(InputError, match="smaller than the risk table"):
        reconstruct_km(*curve, risk_times=[0, 1], at_risk=[10, 9], n=5)
    with pytest.raises(ReconstructionError, match="events reported"):
        reconstruct_km(*curve, risk_times=[0, 1], at_risk=[10, 9], total_events=11)


def test_simple_curve_without_censoring_is_exact() -> None:
    # 10 patients, one death at each of t = 1..4, the rest censored at 5: S = 0.9, 0.8, 0.7, 0.6
    t = [0, 1, 1, 2, 2, 3, 3, 4, 4, 5]
    s = [1, 1, 0.9, 0.9, 0.8, 0.8, 0.7, 0.7, 0.6, 0.6]
    result = reconstruct_km(t, s, n=10, total_events=4)
    ipd = result.ipd
    assert len(ipd) == 10 and ipd["event"].sum() == 4
    assert sorted(ipd.loc[ipd["event"] == 1, "time"]) == [1, 2, 3, 4]
    assert result.report.max_abs_survival_error < 1e-12 and result.report.events_reconciled


def test_csv_round_trip(tmp_path) -> None:
    (tmp_path / "curve.csv").write_text("time,survival\n0,1\n1,0.9\n2,0.8\n")
    (tmp_path / "nar.csv").write_text("time,at_risk\n0,10\n2,8\n")
    curve, nar = read_curve_csv(tmp_path / "curve.csv"), read_risk_table_csv(tmp_path / "nar.csv")
    result = reconstruct_km(curve["time"], curve["survival"], risk_times=nar["time"], at_risk=nar["at_risk"])
    write_ipd_csv(result.ipd, tmp_path / "ipd.csv")
    back = pd.read_csv(tmp_path / "ipd.csv")
    assert list(back.columns) == ["time", "event"] and len(back) == 10
    (tmp_path / "bad.csv").write_text("t,s\n0,1\n")
    with pytest.raises(ParseError, match="time,survival"):
        read_curve_csv(tmp_path / "bad.csv")


@pytest.mark.parametrize("name", ["gbsg2", "rossi", "leukemia"])
def test_exact_corners_meet_targets(name: str) -> None:
    target = TARGETS["exact"]
    rows = validate_dataset(name, "exact")
    small = min(r.n for r in rows) <= 30
    for row in rows:
        assert row.s_err <= target["s_err"], row
        assert np.isnan(row.median_rel) or row.median_rel <= target["median_rel"], row
        assert row.rmst_rel <= target["rmst_rel"], row
        assert abs(row.events_recon - row.events_true) <= target["events"], row
        assert row.dlnhr <= (target["dlnhr_small"] if small else target["dlnhr"]), row


def test_jittered_points_on_gbsg2() -> None:
    target = TARGETS["jitter60"]
    rows = validate_dataset("gbsg2", "jitter60", seed=0)
    for row in rows:
        assert row.median_rel <= target["median_rel"], row
        assert row.rmst_rel <= target["rmst_rel"], row
    assert rows[0].dlnhr <= target["mean_dlnhr"]


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(max_examples=40, deadline=None, derandomize=True)
@given(seed=st.integers(0, 10_000), n=st.integers(5, 120), jitter=st.booleans())
def test_reconstruction_bookkeeping(seed: int, n: int, jitter: bool) -> None:
    """Any simulated trial: N pseudo-patients, times inside the curve, the risk table's first row kept."""
    from meta.reconstruct.validation import axis_ticks, digitise_exact, digitise_jittered

    rng = np.random.default_rng(seed)
    latent, censor = rng.exponential(12, n), rng.uniform(3, 40, n)
    time, event = np.round(np.minimum(latent, censor), 1) + 0.1, (latent <= censor).astype(int)
    cx, cy = digitise_jittered(time, event, seed=seed) if jitter else digitise_exact(time, event)
    ticks = axis_ticks(float(time.max()))
    nar = np.array([(time >= x).sum() for x in ticks])
    keep = nar > 0
    result = reconstruct_km(cx, cy, risk_times=ticks[keep], at_risk=nar[keep], total_events=int(event.sum()))
    ipd = result.ipd
    assert len(ipd) == n
    assert set(ipd["event"].unique()) <= {0, 1}
    assert ipd["time"].min() >= 0 and ipd["time"].max() <= max(max(cx), ticks[keep][-1]) + 1e-9
    if not jitter:
        # exact corners are read exactly: the same KM, events and numbers at risk
        assert int(ipd["event"].sum()) == int(event.sum())
        assert [(ipd["time"] >= x).sum() for x in ticks[keep]] == list(nar[keep])
        assert result.report.max_abs_survival_error < 1e-9
