"""``evidence reconstruct-km`` and ``reconstruct-seed`` end to end, and the KM plot."""

from __future__ import annotations

import pandas as pd
import pytest

from evidence.cli import main


def test_reconstruct_km_command(tmp_path, capsys) -> None:
    (tmp_path / "curve.csv").write_text("time,survival\n0,1\n2,1\n2,0.9\n5,0.9\n5,0.75\n10,0.75\n")
    (tmp_path / "nar.csv").write_text("time,at_risk\n0,20\n5,18\n10,10\n")
    out = tmp_path / "ipd.csv"
    status = main(["reconstruct-km", str(tmp_path / "curve.csv"), "--nar", str(tmp_path / "nar.csv"), "--events", "5", "--out", str(out)])
    assert status == 0
    ipd = pd.read_csv(out)
    assert list(ipd.columns) == ["time", "event"] and len(ipd) == 20
    assert ipd["event"].sum() == 5
    assert "max |S error|" in capsys.readouterr().out


def test_reconstruct_km_draw_verticals_is_an_option(tmp_path, capsys) -> None:
    """One death of 20 clicked part-way down its step (0.985 at t = 11.5): dated on the line by default, at the
    click with --draw-verticals (flag CURVE_VERTICALS); the option needs --snap."""
    (tmp_path / "curve.csv").write_text("time,survival\n0,1\n10,1\n11.5,0.985\n12,0.95\n20,0.95\n")
    args = ["reconstruct-km", str(tmp_path / "curve.csv"), "--n", "20", "--events", "1", "--snap", "0.004"]
    times = {}
    for extra in ([], ["--draw-verticals"]):
        out = tmp_path / f"ipd{len(extra)}.csv"
        assert main([*args, *extra, "--out", str(out)]) == 0
        ipd = pd.read_csv(out)
        times[bool(extra)] = float(ipd.loc[ipd["event"] == 1, "time"].iloc[0])
        assert ("flag CURVE_VERTICALS" in capsys.readouterr().out) == bool(extra)
    assert times[False] == pytest.approx(11.5 + 0.5 * 0.010 / 0.035, abs=1e-3) and times[True] == pytest.approx(11.5, abs=1e-3)
    status = main(["reconstruct-km", str(tmp_path / "curve.csv"), "--n", "20", "--draw-verticals", "--out", str(tmp_path / "x.csv")])
    assert status == 2 and "--draw-verticals needs --snap" in capsys.readouterr().err
    assert not (tmp_path / "x.csv").exists()


def test_reconstruct_km_bad_input_is_one_line(tmp_path, capsys) -> None:
    (tmp_path / "curve.csv").write_text("time,survival\n0,1\n1,0.5\n2,0.45\n3,0.9\n")
    out = tmp_path / "ipd.csv"
    status = main(["reconstruct-km", str(tmp_path / "curve.csv"), "--n", "10", "--out", str(out)])
    err = capsys.readouterr().err
    assert status == 2 and "cannot increase" in err and "Traceback" not in err
    assert not out.exists()
    (tmp_path / "nar.csv").write_text("time,at_risk\n0,10\n5,12\n")
    status = main(["reconstruct-km", str(tmp_path / "curve.csv"), "--nar", str(tmp_path / "nar.csv"), "--out", str(out)])
    assert status == 2 and "increase" in capsys.readouterr().err
    status = main(["reconstruct-km", str(tmp_path / "missing.csv"), "--n", "10", "--out", str(out)])
    assert status == 2 and "does not exist" in capsys.readouterr().err


def test_reconstruct_seed_command_with_plot(tmp_path, capsys) -> None:
    out, plot = tmp_path / "seed.csv", tmp_path / "seed.png"
    assert main(["reconstruct-seed", "--out", str(out), "--plot", str(plot)]) == 0
    patients = pd.read_csv(out)
    assert len(patients) == 31 and patients["dfs_event"].sum() == 8
    assert plot.stat().st_size > 10_000
    text = capsys.readouterr().out
    assert "reported 79.3%" in text and "assumption:" in text and "flag GRIM" in text


def test_reconstruct_landmark_command(tmp_path, capsys) -> None:
    out = tmp_path / "lm.csv"
    status = main(["reconstruct-landmark", "--n", "31", "--rate", "12:79.3", "--accrual-months", "24",
                   "--followup-months", "6", "--out", str(out)])
    assert status == 0
    text = capsys.readouterr().out
    assert "fewest censored before the landmark 2" in text and "assumption:" in text
    ipd = pd.read_csv(out)
    assert len(ipd) == 31 and list(ipd.columns) == ["time", "event"]
    status = main(["reconstruct-landmark", "--n", "3", "--rate", "12:79.3", "--accrual-months", "24",
                   "--followup-months", "6", "--out", str(tmp_path / "no.csv")])
    assert status == 1 and "No pattern" in capsys.readouterr().err
    assert not (tmp_path / "no.csv").exists()
    assert main(["reconstruct-landmark", "--n", "3", "--rate", "12-79", "--accrual-months", "24", "--followup-months", "6"]) == 2


def _failing_to_csv(original):
    """A DataFrame.to_csv that writes part of the file, then fails as a full disk does."""
    import errno

    def to_csv(self, handle=None, *args, **kwargs):
        if hasattr(handle, "write"):
            handle.write("partial,")
            raise OSError(errno.ENOSPC, "No space left on device")
        return original(self, handle, *args, **kwargs)

    return to_csv


def test_reconstruct_seed_write_failure_leaves_no_temp_file(tmp_path, capsys, monkeypatch) -> None:
    out = tmp_path / "seed.csv"
    monkeypatch.setattr(pd.DataFrame, "to_csv", _failing_to_csv(pd.DataFrame.to_csv))
    status = main(["reconstruct-seed", "--out", str(out)])
    err = capsys.readouterr().err
    assert status != 0 and "No space left" in err and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []  # neither the output nor a temp file


def test_write_ipd_csv_failure_leaves_no_temp_file(tmp_path, monkeypatch) -> None:
    from evidence.errors import OutputError
    from meta.reconstruct.guyot import write_ipd_csv

    monkeypatch.setattr(pd.DataFrame, "to_csv", _failing_to_csv(pd.DataFrame.to_csv))
    with pytest.raises(OutputError, match="No space left"):
        write_ipd_csv(pd.DataFrame({"time": [1.0], "event": [1]}), tmp_path / "ipd.csv")
    assert list(tmp_path.iterdir()) == []


def test_reconstruct_km_fits_censorings_unless_told_not_to(tmp_path, capsys) -> None:
    """Stanford's untreated arm (34 patients, 30 deaths) from 60 jittered clicks: Guyot's placement alone
    leaves 32 deaths against the 30 reported; the default censoring fit meets the total (flag CENSORING_FIT)."""
    import numpy as np

    from meta.reconstruct.validation import axis_ticks, digitise_jittered, load_dataset

    data = load_dataset("stanford")
    ticks = axis_ticks(float(data["time"].max()))
    part = data[data["arm"] == "no transplant"]
    time, event = part["time"].to_numpy(float), part["event"].to_numpy(int)
    nar = np.array([(time >= x).sum() for x in ticks])
    keep = (ticks <= time.max()) & (nar > 0)
    cx, cy = digitise_jittered(time, event, 60, seed=0)
    pd.DataFrame({"time": cx, "survival": cy}).to_csv(tmp_path / "curve.csv", index=False)
    pd.DataFrame({"time": ticks[keep], "at_risk": nar[keep]}).to_csv(tmp_path / "nar.csv", index=False)
    args = ["reconstruct-km", str(tmp_path / "curve.csv"), "--nar", str(tmp_path / "nar.csv"), "--events", str(int(event.sum()))]
    deaths, printed = {}, {}
    for extra in ([], ["--no-fit-censorings"]):
        out = tmp_path / f"ipd{len(extra)}.csv"
        assert main([*args, *extra, "--out", str(out)]) == 0
        deaths[bool(extra)] = int(pd.read_csv(out)["event"].sum())
        printed[bool(extra)] = capsys.readouterr().out
    assert int(event.sum()) == 30
    assert abs(deaths[False] - 30) <= 1 and "flag CENSORING_FIT" in printed[False]
    assert deaths[True] != deaths[False] and "flag CENSORING_FIT" not in printed[True]
