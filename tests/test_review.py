"""``evidence review --out DIR`` on the embedded default: every output, the seed's values and their sentences."""

from __future__ import annotations

import csv
import json
import os
import re
from pathlib import Path

import pytest

from evidence.cli import main
from evidence.records import read_jsonl
from evidence.review import OUTPUT_FILES
from evidence.sources.corpus import seed_article

# The seed abstract's values (PMID 38962275) as the abstract prints them: measure -> (proportion, printed text).
SEED_RATES = {
    ("PD", None): (0.097, "9.7%"),
    ("SD", None): (0.581, "58.1%"),
    ("PR", None): (0.29, "29%"),
    ("CR", None): (0.032, "3.2%"),
    ("ORR", None): (0.322, "32.2%"),
    ("TOX_G3PLUS", None): (0.29, "29%"),
    ("DFS", 12.0): (0.793, "79.3%"),
    ("OS", 12.0): (0.896, "89.6%"),
}


@pytest.fixture(scope="module")
def review_out(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("review") / "out"
    import contextlib
    import io

    buf = io.StringIO()
    here = os.getcwd()
    os.chdir(out.parent)  # the default protocol reads ./evidence-store if present: use an empty folder
    try:
        with contextlib.redirect_stdout(buf):
            assert main(["review", "--out", str(out), "--quiet"]) == 0
    finally:
        os.chdir(here)
    return out, buf.getvalue()


def test_all_outputs_written(review_out: tuple[Path, str]) -> None:
    out, printed = review_out
    names = {p.name for p in out.iterdir()}
    assert set(OUTPUT_FILES) <= names
    assert printed == ""  # --quiet
    assert not [p for p in out.parent.iterdir() if p.name.startswith(".")]  # no temp folder left behind


def test_studies_jsonl_holds_the_seed_values_as_proportions_with_sentences(review_out: tuple[Path, str]) -> None:
    out, _ = review_out
    studies = list(read_jsonl(open(out / "studies.jsonl", encoding="utf-8")))
    index = studies[0]
    assert index.pmid == "38962275" and index.origin.value == "extracted"
    assert (index.cohort.n, index.cohort.n_male, index.cohort.n_female, index.cohort.age_mean) == (31, 21, 10, 55.7)
    sections = {s.label: s.text for s in seed_article().sections}
    found = {(f.measure.value, f.time_months): f for f in index.findings if f.arm is None}
    for key, (value, printed) in SEED_RATES.items():
        f = found[key]
        assert f.value == pytest.approx(value, abs=1e-9), key
        assert f.origin.value == "extracted" and f.evidence is not None
        assert printed in f.evidence.sentence
        # the character span points at the value in its section's text
        text = sections[f.evidence.section][f.evidence.start : f.evidence.end]
        assert printed.rstrip("%") in text
    assert any(fl.code in ("ORR_DERIVED_SUM", "DERIVED_SUM_OF_ROUNDED") for fl in index.flags)
    assert any(fl.code == "GRIM" and "32.2" in fl.message for fl in index.flags)
    # comparison studies are curated, not extracted; computed ORRs name their method
    others = studies[1:]
    assert len(others) == 21 and all(s.origin.value == "curated" for s in others)
    computed = [f for s in others for f in s.findings if f.origin.value == "computed"]
    assert computed and all(f.measure.value == "ORR" and "CR + PR" in f.method for f in computed)


def _rows(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_evidence_table_shows_percentages_status_and_sources(review_out: tuple[Path, str]) -> None:
    out, _ = review_out
    rows = _rows(out / "evidence_table.csv")
    index = [r for r in rows if r["pmid"] == "38962275" and r["arm"] == ""][0]
    assert index["role"] == "index" and index["origin"] == "extracted"
    for (measure, time), (value, printed) in SEED_RATES.items():
        col = f"{measure}_{int(time)}m_pct" if time else f"{measure}_pct"
        assert float(index[col]) == pytest.approx(100 * value), col
        assert index[f"{col}_status"] == "extracted"
        assert printed in index[f"{col}_source"]
    assert index["n"] == "31" and "31 high-risk" in index["n_source"]
    assert index["rt_total_dose_gy"] == "25-35"
    curated = [r for r in rows if r["pmid"] != "38962275"]
    assert curated and {r["origin"] for r in curated} == {"curated"}
    schmitt = [r for r in curated if r["label"].startswith("Schmitt")][0]
    assert float(schmitt["ORR_pct"]) == pytest.approx(30.0) and schmitt["ORR_pct_status"] == "computed"
    assert schmitt["CR_pct_status"] == "curated" and schmitt["CR_pct_source"].startswith("curated from")
    # the long table gives each value's span
    values = _rows(out / "evidence_values.csv")
    orr = [v for v in values if v["pmid"] == "38962275" and v["measure"] == "ORR"][0]
    assert orr["value"] == "0.322" and orr["percent"] == "32.2" and orr["section"] == "Results"


def test_xlsx_matches_csv_and_runs_no_formula(review_out: tuple[Path, str]) -> None:
    from openpyxl import load_workbook

    out, _ = review_out
    ws = load_workbook(out / "evidence_table.xlsx").active
    header = [c.value for c in ws[1]]
    first = {h: c.value for h, c in zip(header, ws[2])}
    assert first["pmid"] == "38962275" and first["ORR_pct"] == pytest.approx(32.2)
    assert not [c for row in ws.iter_rows() for c in row if c.data_type == "f"]


def test_pooled_json_matches_a_direct_pool_and_sets_the_seed_against_it(review_out: tuple[Path, str]) -> None:
    from meta.against import compare_index
    from meta.pooling import pool_proportions

    out, _ = review_out
    pooled = json.loads((out / "pooled.json").read_text())
    orr = pooled["outcomes"][0]
    assert orr["measure"] == "ORR" and orr["method"] == "REML" and orr["effect"] == "PLO"
    # The curated studies reporting response: Schmitt 2011 CR 3 + PR 12 of 50; PMID 12552955 PR 9 of 21
    # (PR+SD+PD = 21, so no CR); Vanzulli 2025 PR 28 of 236 (PR+SD+PD = 236).
    got = {(s["events"], s["total"]) for s in orr["studies"]}
    assert got == {(15, 50), (9, 21), (28, 236)} and orr["k"] == 3
    assert all(s["origin"] == "computed" and "CR + PR" in s["method"] for s in orr["studies"])
    assert {s["study_origin"] for s in orr["studies"]} == {"curated"}
    direct = pool_proportions([15, 9, 28], [50, 21, 236], measure="PLO", method="REML", labels=["a", "b", "c"])
    assert orr["pooled"]["estimate_bt"] == pytest.approx(direct.estimate_bt, rel=1e-12)
    assert orr["pooled"]["pi_bt"] == pytest.approx(list(direct.pi_bt), rel=1e-12)
    # the seed's ORR: 10/31 reconstructed from PR 29% + CR 3.2% of 31
    assert (orr["index"]["events"], orr["index"]["total"]) == (10, 31)
    comp = compare_index(10, 31, direct, label="Qu 2024")
    assert orr["index_vs_pool"]["difference_bt"] == pytest.approx(comp.difference_bt, rel=1e-12)
    assert orr["index_vs_pool"]["inside_pi"] is (direct.pi_bt[0] <= 10 / 31 <= direct.pi_bt[1])
    assert "only 3 studies" in orr["note"]
    counts = pooled["index_analysis"]["counts"]
    assert {k: counts[k] for k in ("PD", "SD", "PR", "CR", "ORR", "TOX_G3PLUS")} == {
        "PD": 3, "SD": 18, "PR": 9, "CR": 1, "ORR": 10, "TOX_G3PLUS": 9
    }
    assert pooled["index_analysis"]["derived_sum"]["sum_of_rounded_parts"] is True
    tox = pooled["outcomes"][1]
    assert tox["pooled"] is None and tox["note"].startswith("not pooled")


def test_wound_complications_are_pooled_from_the_single_cohort_studies(review_out: tuple[Path, str]) -> None:
    from meta.pooling import pool_proportions

    out, _ = review_out
    pooled = json.loads((out / "pooled.json").read_text())
    wound = next(o for o in pooled["outcomes"] if o["measure"] == "WOUND")
    rows = {s["label"]: (s["events"], s["total"], s["origin"]) for s in wound["studies"]}
    # counts the curated notes state are used as stated; the others are rebuilt from the rate and N, marked computed
    assert rows["Ahmed 2025"] == (27, 117, "curated") and rows["Bedi 2022"] == (8, 32, "computed")
    assert "O'Sullivan 2002" not in rows  # per-arm values of a randomised comparison are not single-cohort rates
    assert wound["index"] is None  # the seed abstract gives no wound complication rate
    direct = pool_proportions([r[0] for r in rows.values()], [r[1] for r in rows.values()], measure="PLO", method="REML",
                              labels=list(rows))
    assert wound["pooled"]["estimate_bt"] == pytest.approx(direct.estimate_bt, rel=1e-12)


def test_report_is_self_contained_with_sources_on_hover(review_out: tuple[Path, str]) -> None:
    out, _ = review_out
    html = (out / "report.html").read_text()
    assert "<svg class=\"prisma\"" in html and "Records screened (n = 21)" in html
    assert not re.search(r"<(script|link|img)[^>]+(src|href)=[\"'](?!data:)", html)  # nothing fetched
    assert "data:image/png;base64," in html
    sentence = "culminating in an ORR of 32.2%."
    assert re.search(r'data-source="[^"]*' + re.escape(sentence) + r'[^"]*"[^>]*>32\.2%</span>', html)
    for word in ("REML", "prediction interval", "Clopper-Pearson", "continuity", "curated", "GRIM"):
        assert word.lower() in html.lower(), word


def test_forest_png_is_an_image(review_out: tuple[Path, str]) -> None:
    out, _ = review_out
    assert (out / "forest.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
