"""``evidence pool``: reviewers' CSV in, metafor's numbers out (JSON keys, table, forest, bad input)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evidence.cli import main
from meta_reference import assert_close, load

PROPS = load("proportions")


def _csv(tmp_path: Path, text: str, name: str = "data.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _proportion_csv(tmp_path: Path, dataset: str) -> Path:
    d = PROPS[dataset]["data"]
    rows = "\n".join(f"{s},{x},{n}" for s, x, n in zip(d["study"], d["xi"], d["ni"]))
    return _csv(tmp_path, "study,events,total\n" + rows + "\n")


@pytest.mark.parametrize("measure,method,hksj", [("PFT", "REML", False), ("PLO", "DL", True), ("PAS", "PM", False)])
def test_json_matches_metafor(tmp_path: Path, capsys, measure: str, method: str, hksj: bool) -> None:
    path = _proportion_csv(tmp_path, "orr_zero_and_full")
    args = ["pool", str(path), "--measure", measure, "--method", method, "--format", "json"] + (["--hksj"] if hksj else [])
    assert main(args) == 0
    out = json.loads(capsys.readouterr().out)
    for key in ("estimate", "ci", "pi", "tau2", "tau2_ci", "i2", "h2", "q", "q_p", "k", "estimate_bt", "ci_bt", "pi_bt", "method", "measure", "test"):
        assert key in out
    f = PROPS["orr_zero_and_full"]["measures"][measure]["fits"][f"{method}_{'knha' if hksj else 'z'}"]
    assert_close(out["estimate"], f["estimate"], "estimate")
    assert_close(out["ci"][1], f["ci_ub"], "ci_ub")
    assert_close(out["pi"][0], f["pi_lb"], "pi_lb")
    assert_close(out["tau2"], f["tau2"], "tau2")
    assert_close(out["i2"], f["I2"], "I2")
    assert_close(out["estimate_bt"], f["estimate_bt"], "estimate_bt")
    assert out["test"] == ("t" if hksj else "z") and out["k"] == 6


def test_table_and_forest(tmp_path: Path, capsys) -> None:
    path = _proportion_csv(tmp_path, "g3tox_no_zero")
    png = tmp_path / "forest.png"
    assert main(["pool", str(path), "--method", "GLMM", "--forest", str(png)]) == 0
    text = capsys.readouterr().out
    assert "GLMM" in text and "tau^2" in text and "I^2" in text
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".forest-")] == []


def test_hazard_ratios_and_survival(tmp_path: Path, capsys) -> None:
    hr = load("hazard_ratios")["data"]
    rows = "\n".join(f"{s},{h},{lo},{hi}" for s, h, lo, hi in zip(hr["study"], hr["hr"], hr["lb"], hr["ub"]))
    path = _csv(tmp_path, "study,estimate,ci_low,ci_high\n" + rows + "\n")
    assert main(["pool", str(path), "--measure", "HR", "--method", "REML", "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    f = load("hazard_ratios")["fits"]["REML_z"]
    assert_close(out["estimate_bt"], f["estimate_exp"], "HR")
    surv = _csv(tmp_path, "study,estimate,ci_low,ci_high\nA,0.62,0.52,0.72\nB,0.71,0.63,0.79\nC,0.55,0.41,0.69\n", "s.csv")
    assert main(["pool", str(surv), "--measure", "SURV", "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert 0.55 < out["estimate_bt"] < 0.71 and out["ci_bt"][0] < out["estimate_bt"] < out["ci_bt"][1]


@pytest.mark.parametrize(
    "text,args,code,message",
    [
        ("study,events,total\nA,5,10\n", [], 1, "only 'A'"),
        ("study,events,total\n", [], 1, "Cannot pool 0"),
        ("study,events,total\nA,5,10\nB,12,11\n", [], 1, "Study 'B': events 12 exceed total 11"),
        ("study,events,total\nA,5,10\nB,-1,11\n", [], 1, "Study 'B': negative"),
        ("study,events,total\nA,5,10\nB,x,11\n", [], 2, "Row 3 (study 'B'): events 'x' is not a number"),
        ("study,events,total\nA,5,10\nB,,11\n", [], 2, "Row 3 (study 'B'): events is empty"),
        ("study,events,total\nA,5,10\nB,nan,11\n", [], 2, "not a finite number"),
        ("study,events\nA,5\n", [], 2, "lacks column(s) ['total']"),
        ("study,estimate,ci_low,ci_high\nA,0.8,0.6,0.9\nB,0.9,0.95,1.2\n", ["--measure", "HR"], 1, "Study 'B': hazard ratio 0.9 lies outside"),
        ("study,estimate,ci_low,ci_high\nA,0.8,0.6,0.9\nB,0.9,0.9,0.9\n", ["--measure", "HR"], 1, "lower bound not below"),
        ("study,events,total\nA,5,10\nB,6,11\n", ["--measure", "XX"], 2, "Invalid --measure"),
        ("study,events,total\nA,5,10\nB,6,11\n", ["--measure", "PFT", "--method", "GLMM"], 2, "use it with --measure PLO"),
    ],
)
def test_bad_input_one_line_error(tmp_path: Path, capsys, text: str, args: list[str], code: int, message: str) -> None:
    path = _csv(tmp_path, text)
    png = tmp_path / "f.png"
    assert main(["pool", str(path), "--forest", str(png)] + args) == code
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1 and "Traceback" not in err
    assert not png.exists()


def test_missing_file(tmp_path: Path, capsys) -> None:
    assert main(["pool", str(tmp_path / "absent.csv")]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_index_sensitivity_subgroups_and_moderator(tmp_path: Path, capsys) -> None:
    path = _csv(
        tmp_path,
        "study,events,total,arm,dose_gy\nS1,10,31,a,50\nS2,25,120,a,45\nS3,4,19,b,50.4\nS4,9,32,b,28\n"
        "S5,0,12,a,30\nS6,15,15,b,60\nS7,30,90,b,50\n",
    )
    args = ["pool", str(path), "--index", "S1", "--sensitivity", "--subgroup", "arm", "--moderator", "dose_gy", "--format", "json"]
    assert main(args) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["k"] == 6 and "S1" not in [s["study"] for s in out["studies"]]
    comp = out["index_vs_pool"]
    assert comp["label"] == "S1" and comp["index_estimate_bt"] == pytest.approx(10 / 31)
    assert comp["difference"] == pytest.approx(comp["index_estimate"] - out["estimate"])
    sens = out["sensitivity"]
    assert len(sens["leave_one_out"]["estimate"]) == 6 and "stat" in sens["egger"] and sens["trim_and_fill"]["k0"] >= 0
    assert set(out["subgroups"]["pools"]) == {"a", "b"}
    assert out["meta_regression"]["names"] == ["intrcpt", "dose_gy"]
    assert main(args[:-2]) == 0
    text = capsys.readouterr().out
    assert "index vs pool: S1" in text and "Egger" in text and "subgroups" in text and "meta-regression on dose_gy" in text


@pytest.mark.parametrize(
    "args,message",
    [
        (["--index", "S9"], "--index 'S9' is not a study"),
        (["--moderator", "year"], "--moderator column 'year' is not in"),
        (["--subgroup", "arm"], "--subgroup column 'arm' is not in"),
    ],
)
def test_bad_extra_options(tmp_path: Path, capsys, args: list[str], message: str) -> None:
    path = _csv(tmp_path, "study,events,total\nA,5,10\nB,6,11\nC,2,9\n")
    assert main(["pool", str(path)] + args) == 2
    assert message in capsys.readouterr().err
