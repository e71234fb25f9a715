"""Landmark survival outcomes in `evidence review`: protocol keys, per-row SEs, pooling, index vs pool.

Numbers are checked against calculations written out here (delta method, Greenwood, Wald z),
not against values copied from a run.
"""

from __future__ import annotations

import json
import math
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from scipy import stats

from evidence.errors import ProtocolError
from evidence.protocol import OutcomeSpec, default_protocol, load_protocol
from evidence.records import Kind, Measure
from evidence.review import (
    ARM_ROW,
    WHOLE_COHORT_ROW,
    greenwood_at,
    pool_survival_outcome,
    run_review,
    survival_data,
    write_outputs,
)
from evidence.sources.corpus import curated_studies
from meta.pooling import pool

Z95 = stats.norm.ppf(0.975)

MINIMAL = """
[review]
name = "x"

[[outcomes]]
measure = "OS"
time_months = 12
effect = "SURV"
"""


def _spec(measure: Measure, time_months: float, scale: str = "cloglog", method: str = "REML") -> OutcomeSpec:
    return OutcomeSpec(measure=measure, effect="SURV", method=method, time_months=time_months, scale=scale)


def _curated(label: str):
    return next(s for s in curated_studies() if s.label == label)


def _landmark(study, measure: Measure, time_months: float, arm=None):
    return next(
        f
        for f in study.findings
        if f.measure == measure and f.kind == Kind.RATE and f.time_months == time_months and f.arm == arm
    )


# --- protocol ---------------------------------------------------------------------------------------


def test_default_protocol_names_the_survival_outcomes(tmp_path: Path) -> None:
    p = default_protocol(cwd=tmp_path)
    surv = [o for o in p.outcomes if o.is_survival]
    assert [o.name for o in surv] == ["OS_12m", "DFS_12m", "OS_24m"]
    assert all(o.effect == "SURV" and o.scale == "cloglog" and o.method == "REML" for o in surv)
    assert [o.name for o in p.outcomes if not o.is_survival] == ["ORR", "TOX_G3PLUS", "WOUND"]


def test_a_survival_outcome_reads_with_defaults(tmp_path: Path) -> None:
    f = tmp_path / "p.toml"
    f.write_text(MINIMAL.replace('effect = "SURV"\n', 'scale = "raw"\nmethod = "dl"\n'))
    (o,) = load_protocol(f).outcomes
    assert (o.measure, o.time_months, o.effect, o.scale, o.method) == (Measure.OS, 12.0, "SURV", "raw", "DL")
    assert o.title == "OS at 12 months"


@pytest.mark.parametrize(
    ("text", "named"),
    [
        (MINIMAL + 'landmark = 12\n', "outcomes[0].landmark"),
        (MINIMAL.replace("time_months = 12\n", ""), "outcomes[0].time_months"),
        (MINIMAL.replace("time_months = 12", "time_months = 0"), "outcomes[0].time_months"),
        (MINIMAL.replace("time_months = 12", "time_months = true"), "outcomes[0].time_months"),
        (MINIMAL.replace("time_months = 12", "time_months = '12'"), "outcomes[0].time_months"),
        (MINIMAL.replace('effect = "SURV"', 'effect = "PLO"'), "outcomes[0].effect"),
        (MINIMAL + 'scale = "log"\n', "outcomes[0].scale"),
        (MINIMAL + 'method = "GLMM"\n', "outcomes[0].method"),
        (MINIMAL.replace('"OS"', '"ORR"').replace('effect = "SURV"', 'effect = "PLO"'), "outcomes[0].time_months"),
        (MINIMAL.replace('"OS"', '"ORR"').replace("time_months = 12\n", ""), "outcomes[0].effect"),
        (MINIMAL.replace('"OS"', '"FOLLOW_UP"'), "outcomes[0].measure"),
    ],
)
def test_bad_survival_outcome_keys_are_named(tmp_path: Path, text: str, named: str) -> None:
    f = tmp_path / "p.toml"
    f.write_text(text)
    with pytest.raises(ProtocolError) as info:
        load_protocol(f)
    assert f"'{named}'" in str(info.value)


# --- per-row effects --------------------------------------------------------------------------------


def test_cloglog_se_from_a_reported_ci_matches_the_delta_method_by_hand() -> None:
    study = _curated("Ahmed 2025")
    f = _landmark(study, Measure.DFS, 12.0)
    (row,), skipped = survival_data(study, _spec(Measure.DFS, 12.0))
    assert not skipped and f.ci is not None
    s, (lo, hi) = f.value, f.ci
    se = (hi - lo) / (2 * Z95)
    assert row.se == pytest.approx(se, rel=1e-9)
    assert row.yi == pytest.approx(math.log(-math.log(s)), rel=1e-12)
    assert row.vi == pytest.approx(se**2 / (s * math.log(s)) ** 2, rel=1e-9)
    assert row.row == WHOLE_COHORT_ROW and "from the 95% CI" in row.se_method
    assert row.n == 120 and row.study_origin.value == "curated"


def test_arms_are_rows_with_a_binomial_se_when_the_study_reports_only_arms() -> None:
    study = _curated("Heesen 2024")
    rows, _ = survival_data(study, _spec(Measure.OS, 12.0, scale="raw"))
    assert len(rows) == 2 and all(r.row == ARM_ROW and r.arm for r in rows)
    sizes = {a.label: a.n for a in study.arms}
    for r in rows:
        f = _landmark(study, Measure.OS, 12.0, arm=r.arm)
        assert r.n == sizes[r.arm]
        assert r.se == pytest.approx(math.sqrt(f.value * (1 - f.value) / sizes[r.arm]), rel=1e-12)
        assert r.vi == pytest.approx(r.se**2) and r.yi == f.value  # raw scale
        assert "binomial" in r.se_method


def test_a_rate_of_100_percent_without_ci_is_left_out_with_the_reason() -> None:
    o = pool_survival_outcome(_spec(Measure.LC, 12.0), list(curated_studies()), None)
    assert o.pool is None and o.k == 0
    assert o.note.startswith("not pooled: only 0")
    assert any("100%" in x["reason"] for x in o.skipped)


def test_greenwood_by_hand() -> None:
    times, events = [1, 2, 2, 3, 4], [1, 1, 0, 1, 0]
    s, se = greenwood_at(times, events, 3.0)
    # at risk 5, 4, 2 with one death each: S = 4/5 * 3/4 * 1/2
    assert s == pytest.approx(0.3)
    assert se == pytest.approx(math.sqrt(0.09 * (1 / 20 + 1 / 12 + 1 / 2)))


# --- pooling and the index study --------------------------------------------------------------------


def test_pooled_os_24_equals_pool_on_yi_vi_computed_here() -> None:
    studies = list(curated_studies())
    spec = _spec(Measure.OS, 24.0)
    o = pool_survival_outcome(spec, studies, None)
    yi, vi = [], []
    for s in studies:
        fs = [f for f in s.findings if f.measure == Measure.OS and f.kind == Kind.RATE and f.time_months == 24.0]
        whole = [f for f in fs if f.arm is None]
        for f in whole or fs:
            n = s.cohort.n if f.arm is None else {a.label: a.n for a in s.arms}[f.arm]
            se = math.sqrt(f.value * (1 - f.value) / n)
            yi.append(math.log(-math.log(f.value)))
            vi.append(se**2 / (f.value * math.log(f.value)) ** 2)
    assert o.k == len(yi) >= 2 and o.n_studies < o.k  # one study gives its two arms
    ref = pool(yi, vi, method="REML")
    assert o.pool.estimate == pytest.approx(ref.estimate, rel=1e-10)
    assert o.pool.tau2 == pytest.approx(ref.tau2, abs=1e-12)
    assert o.pool.estimate_bt == pytest.approx(math.exp(-math.exp(ref.estimate)), rel=1e-10)
    # exp(-exp(x)) decreases: the back-transformed CI bounds swap
    assert o.pool.ci_bt[0] == pytest.approx(math.exp(-math.exp(ref.ci[1])), rel=1e-10)
    assert f"from {o.n_studies} comparison studies" in o.note


@pytest.fixture(scope="module")
def review_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("survival")
    result = run_review(default_protocol(cwd=base))
    out = base / "out"
    write_outputs(result, out)
    return out


def test_seed_os_12_against_the_pool_in_pooled_json(review_dir: Path) -> None:
    data = json.loads((review_dir / "pooled.json").read_text())
    os12 = next(o for o in data["outcomes"] if o["outcome"] == "OS_12m")
    assert os12["time_months"] == 12 and os12["scale"] == "cloglog" and os12["k"] >= 2
    idx, comp, pooled = os12["index"], os12["index_vs_pool"], os12["pooled"]
    assert idx["rate"] == pytest.approx(0.896) and idx["n"] == 31
    assert isinstance(comp["inside_pi"], bool)
    # the index effect is log(-log S) of the printed rate, with the SE the row names
    assert idx["yi"] == pytest.approx(math.log(-math.log(0.896)))
    assert idx["vi"] == pytest.approx(idx["se"] ** 2 / (0.896 * math.log(0.896)) ** 2)
    assert "Greenwood" in idx["se_method"] or "binomial" in idx["se_method"]
    # Wald comparison, recomputed from the pool's numbers
    d = idx["yi"] - pooled["estimate"]
    se_d = math.sqrt(idx["vi"] + pooled["se"] ** 2)
    assert comp["difference"] == pytest.approx(d)
    assert comp["z"] == pytest.approx(d / se_d)
    assert comp["p"] == pytest.approx(2 * stats.norm.sf(abs(d / se_d)))
    assert comp["difference_ci"][0] == pytest.approx(d - Z95 * se_d)
    assert comp["inside_pi"] == (pooled["pi"][0] <= idx["yi"] <= pooled["pi"][1])
    # back-transformed: the index rate against the pooled rate
    assert comp["difference_bt"] == pytest.approx(0.896 - math.exp(-math.exp(pooled["estimate"])))
    assert pooled["estimate_bt"] == pytest.approx(math.exp(-math.exp(pooled["estimate"])))
    assert all(s["study_origin"] == "curated" for s in os12["studies"])


def test_few_studies_are_said_plainly(review_dir: Path) -> None:
    data = json.loads((review_dir / "pooled.json").read_text())
    by_name = {o["outcome"]: o for o in data["outcomes"]}
    dfs = by_name["DFS_12m"]
    assert dfs["pooled"] is None and dfs["index_vs_pool"] is None
    assert dfs["note"].startswith(f"not pooled: only {dfs['k']}") and dfs["k"] < 2
    assert dfs["index"]["rate"] == pytest.approx(0.793)
    os12 = by_name["OS_12m"]
    assert f"{os12['k']} rows from {os12['n_studies']}" in os12["note"]
    os24 = by_name["OS_24m"]
    assert os24["index"] is None and "reports no whole-cohort OS at 24 months" in os24["note"]


def test_report_and_figures_show_the_survival_pools(review_dir: Path) -> None:
    assert (review_dir / "forest_OS_12m.png").stat().st_size > 10_000
    assert not (review_dir / "forest_DFS_12m.png").exists()  # not pooled, no plot
    html = (review_dir / "report.html").read_text()
    assert "OS at 12 months" in html and "DFS at 12 months" in html and "Greenwood" in html
    data = json.loads((review_dir / "pooled.json").read_text())
    os12 = next(o for o in data["outcomes"] if o["outcome"] == "OS_12m")
    assert f"{100 * os12['pooled']['estimate_bt']:.1f}%" in html
    # the evidence table is one row per study as before: survival pooling adds no rows
    lines = (review_dir / "evidence_table.csv").read_text().splitlines()
    studies = (review_dir / "studies.jsonl").read_text().splitlines()
    assert len(lines) - 1 >= len(studies) == 1 + len(list(curated_studies()))


def test_raw_scale_pool_uses_the_rates_themselves() -> None:
    studies = list(curated_studies())
    o = pool_survival_outcome(_spec(Measure.OS, 24.0, scale="raw", method="DL"), studies, None)
    ref = pool([d.rate for d in o.data], [d.se**2 for d in o.data], method="DL")
    assert o.pool.measure == "SURV" and o.pool.estimate == pytest.approx(ref.estimate)
    assert o.summary()["pooled"]["estimate_bt"] is None  # nothing to back-transform on the raw scale


def test_corrected_rates_are_used_and_marked() -> None:
    study = _curated("Ahmed 2025")
    f = _landmark(study, Measure.DFS, 12.0)
    from evidence.records import Origin

    corrected = study.with_findings(
        [g if g is not f else replace(f, value=0.9, ci=None, origin=Origin.CORRECTED) for g in study.findings]
    )
    (row,), _ = survival_data(corrected, _spec(Measure.DFS, 12.0))
    assert row.origin == Origin.CORRECTED and row.rate == 0.9
    assert row.se == pytest.approx(math.sqrt(0.9 * 0.1 / 120))
    assert np.isfinite(row.vi)
