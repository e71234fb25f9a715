"""The scorer on hand-made gold/prediction pairs."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from evidence.cli import main
from evidence.errors import InputError, ParseError
from evidence.evaluation import GoldStudy, load_gold, load_predictions, resolve_arm, score_studies
from evidence.evaluation.scoring import design_labels, family_of, normalise_design, normalise_drug, split_pair
from evidence.records import (
    Arm,
    Article,
    Cohort,
    Finding,
    Kind,
    Measure,
    Origin,
    Range,
    Regimen,
    Study,
    Unit,
    study_to_json,
    write_jsonl,
)


def rate(measure: Measure, value: float, arm: str | None = None, time: float | None = None, **kw) -> Finding:
    return Finding(measure, Kind.RATE, value, Unit.PROPORTION, arm=arm, time_months=time, **kw)


def median(measure: Measure, value: float | None, arm: str | None = None, **kw) -> Finding:
    return Finding(measure, Kind.MEDIAN, value, Unit.MONTHS, arm=arm, **kw)


def hr(value: float, ci: tuple[float, float] | None, arm: str | None) -> Finding:
    return Finding(Measure.OS, Kind.HR, value, Unit.RATIO, ci=ci, arm=arm)


GOLD_TRIAL = Study(
    article=Article(pmid="t1", title="A trial"),
    cohort=Cohort(n=240, n_male=130, n_female=110, age_median=61.0, n_enrolled=240),
    arms=(Arm("pembrolizumab", 120), Arm("placebo", 120)),
    regimen=Regimen(drugs=("pembrolizumab",), chemo_cycles=17, settings=("adjuvant",)),
    design=("randomised", "phase3"),
    findings=(
        rate(Measure.ORR, 0.32, "pembrolizumab"),
        rate(Measure.ORR, 0.18, "placebo"),
        rate(Measure.OS, 0.62, "pembrolizumab", 36),
        rate(Measure.OS, 0.51, "placebo", 36),
        median(Measure.PFS, None, "pembrolizumab", not_reached=True),
        median(Measure.PFS, 14.2, "placebo"),
        hr(0.72, (0.55, 0.94), "pembrolizumab vs placebo"),
        median(Measure.FOLLOW_UP, 30.1),
        rate(Measure.TOX_G3PLUS, 0.29, "pembrolizumab"),
    ),
)
GOLD = GoldStudy(GOLD_TRIAL, aliases={"placebo": ("control",)}, tags=("structured",))


def score(pred: Study, gold: GoldStudy = GOLD):
    return score_studies([gold], {pred.pmid: pred})


def test_exact_match_scores_one_everywhere() -> None:
    report = score(GOLD_TRIAL)
    assert report.disagreements == []
    for name, family in report.families.items():
        if family.tp:
            assert (family.precision, family.recall, family.f1) == (1.0, 1.0, 1.0), name
    assert report.overall.f1 == 1.0
    assert report.overall.tp == 9 + 5 + 2 + 2 + 1 + 1 + 1  # findings, cohort, arms, design, drug, cycles, setting


def test_missed_value_lowers_recall_only() -> None:
    pred = GOLD_TRIAL.with_findings(GOLD_TRIAL.findings[1:])
    report = score(pred)
    response = report.families["response"]
    assert (response.tp, response.fp, response.fn) == (1, 0, 1)
    assert response.precision == 1.0 and response.recall == 0.5
    assert [(d.family, d.kind) for d in report.disagreements] == [("response", "missed")]


def test_spurious_value_lowers_precision_only() -> None:
    pred = GOLD_TRIAL.with_findings((*GOLD_TRIAL.findings, rate(Measure.CR, 0.05, "pembrolizumab")))
    response = score(pred).families["response"]
    assert (response.tp, response.fp, response.fn) == (2, 1, 0)
    assert response.recall == 1.0 and response.precision == pytest.approx(2 / 3)


def test_wrong_arm_counts_as_false_positive_and_negative() -> None:
    findings = list(GOLD_TRIAL.findings)
    findings[2] = replace(findings[2], arm="placebo")  # 62% given to the wrong arm
    report = score(GOLD_TRIAL.with_findings(findings))
    landmark = report.families["landmark"]
    assert (landmark.tp, landmark.fp, landmark.fn) == (1, 1, 1)
    assert [d.kind for d in report.disagreements] == ["wrong arm"]


def test_wrong_value_and_tolerances() -> None:
    findings = list(GOLD_TRIAL.findings)
    findings[0] = replace(findings[0], value=0.3204)  # within 0.0005
    findings[1] = replace(findings[1], value=0.181)  # outside
    findings[5] = replace(findings[5], value=14.24)  # within 0.05 months
    findings[6] = replace(findings[6], value=0.724, ci=(0.55, 0.96))  # CI upper bound off
    report = score(GOLD_TRIAL.with_findings(findings))
    kinds = sorted((d.family, d.kind) for d in report.disagreements)
    assert kinds == [("hr", "wrong value"), ("response", "wrong value")]


def test_landmark_time_must_agree() -> None:
    findings = list(GOLD_TRIAL.findings)
    findings[2] = replace(findings[2], time_months=60)
    report = score(GOLD_TRIAL.with_findings(findings))
    assert sorted(d.kind for d in report.disagreements) == ["missed", "spurious"]


def test_not_reached_matches_only_not_reached() -> None:
    findings = list(GOLD_TRIAL.findings)
    findings[4] = replace(findings[4], value=40.0, not_reached=False)
    report = score(GOLD_TRIAL.with_findings(findings))
    assert [(d.family, d.kind) for d in report.disagreements] == [("median", "wrong value")]


def test_arm_aliases_and_containment() -> None:
    arms = {"pembrolizumab": (), "placebo": ("control",)}
    assert resolve_arm("Pembrolizumab arm", arms) == "pembrolizumab"
    assert resolve_arm("control group", arms) == "placebo"
    assert resolve_arm("PLACEBO", arms) == "placebo"
    assert resolve_arm("nivolumab", arms) is None
    shared = {"durvalumab plus platinum-etoposide": (), "platinum-etoposide": ()}
    assert resolve_arm("platinum-etoposide", shared) == "platinum-etoposide"
    assert resolve_arm("durvalumab", shared) == "durvalumab plus platinum-etoposide"
    assert split_pair("A versus B") == ("A", "B")


def test_hr_arm_forms() -> None:
    findings = list(GOLD_TRIAL.findings)
    for arm, ok in (("pembrolizumab vs control", True), ("pembrolizumab", True), (None, True),
                    ("placebo vs pembrolizumab", False)):
        findings[6] = replace(GOLD_TRIAL.findings[6], arm=arm)
        report = score(GOLD_TRIAL.with_findings(findings))
        assert (report.families["hr"].tp == 1) is ok, arm


def test_cohort_arms_regimen_and_design_fields() -> None:
    pred = replace(
        GOLD_TRIAL,
        cohort=Cohort(n=238, n_male=130, age_mean=61.0, n_enrolled=240),
        arms=(Arm("Pembrolizumab group", 120), Arm("placebo", 118)),
        regimen=Regimen(drugs=("Pembrolizumab", "cisplatin"), chemo_cycles=Range(17, 17), settings=("adjuvant",)),
        design=("Randomized", "phase 3", "multicentre"),
    )
    report = score(pred)
    fam = report.families
    assert (fam["cohort_n"].tp, fam["cohort_n"].fp, fam["cohort_n"].fn) == (0, 1, 1)
    assert (fam["sex"].tp, fam["sex"].fn) == (1, 1)
    assert (fam["age"].tp, fam["age"].fp, fam["age"].fn) == (0, 1, 1)  # mean is not median
    assert (fam["arms"].tp, fam["arms"].fp, fam["arms"].fn) == (1, 1, 1)
    assert (fam["regimen_drugs"].tp, fam["regimen_drugs"].fp) == (1, 1)
    assert (fam["regimen_numbers"].tp, fam["regimen_numbers"].fp) == (0, 1)  # a range is not a number
    assert (fam["design"].tp, fam["design"].fp, fam["design"].fn) == (2, 0, 0)


def test_missing_prediction_scores_all_missed_and_ignore_skips() -> None:
    report = score_studies([GOLD], {})
    assert report.missing_predictions == ["t1"]
    assert report.overall.tp == 0 and report.overall.fp == 0 and report.overall.fn > 0
    ignored = GoldStudy(GOLD_TRIAL, ignore=frozenset({"response", "cohort_n"}))
    report = score_studies([ignored], {"t1": Study(article=Article(pmid="t1"))})
    assert report.families["response"].fn == 0 and report.families["cohort_n"].fn == 0


def test_normalisers_and_families() -> None:
    assert normalise_design("Phase III") == "phase3" and normalise_design("randomized") == "randomised"
    assert normalise_drug("5-FU") == "fluorouracil" and normalise_drug("Adriamycin") == "doxorubicin"
    assert design_labels(["Phase I/II", "randomized", "multicentre"]) == {"phase1", "phase2", "randomised"}
    assert design_labels(["phase1/2"]) == {"phase1", "phase2"} and design_labels(["review"]) == set()
    computed = replace(GOLD_TRIAL.findings[0], origin=Origin.COMPUTED, method="x")
    assert family_of(computed) is None
    assert family_of(GOLD_TRIAL.findings[7]) == "followup"
    assert family_of(Finding(Measure.ORR, Kind.COUNT, 3.0, Unit.PATIENTS)) is None


def test_load_gold_folder_and_jsonl(tmp_path: Path) -> None:
    data = study_to_json(GOLD_TRIAL)
    data["arms"][1]["aliases"] = ["control"]
    data["tags"] = ["structured"]
    (tmp_path / "t1.json").write_text(json.dumps(data), encoding="utf-8")
    (tmp_path / "t1.txt").write_text("A trial\n\nResults: ORR was 32% vs 18%.\n", encoding="utf-8")
    (item,) = load_gold(tmp_path)
    assert item.aliases["placebo"] == ("control",) and item.article is not None
    assert item.article.sections[0].label == "Results"
    jsonl = tmp_path / "gold.jsonl"
    jsonl.write_text(json.dumps(data) + "\n\n", encoding="utf-8")
    (again,) = load_gold(jsonl)
    assert again.study == item.study and again.article is None


def test_bad_gold_and_predictions_give_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such gold"):
        load_gold(tmp_path / "absent")
    with pytest.raises(InputError, match="holds no gold"):
        load_gold(tmp_path)
    (tmp_path / "x.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(ParseError, match="x.json"):
        load_gold(tmp_path)
    (tmp_path / "x.json").write_text(json.dumps({"pmid": "x", "findings": [
        {"measure": "ORR", "kind": "rate", "value": 32, "unit": "proportion"}]}), encoding="utf-8")
    with pytest.raises(ParseError, match="not a proportion"):
        load_gold(tmp_path)
    bad = tmp_path / "pred.jsonl"
    bad.write_text('{"pmid": "x"}\n{"title": "no pmid"}\n', encoding="utf-8")
    with pytest.raises(ParseError, match="pred.jsonl:2"):
        load_predictions(bad)


def test_evaluate_command_with_predictions(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = study_to_json(GOLD_TRIAL)
    (tmp_path / "gold").mkdir()
    (tmp_path / "gold" / "t1.json").write_text(json.dumps(data), encoding="utf-8")
    pred = tmp_path / "pred.jsonl"
    with pred.open("w", encoding="utf-8") as handle:
        write_jsonl([GOLD_TRIAL.with_findings(GOLD_TRIAL.findings[1:])], handle)
    assert main(["evaluate", str(tmp_path / "gold"), "--pred", str(pred), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)["gold"]
    assert out["families"]["response"]["recall"] == 0.5
    assert out["disagreements"][0]["kind"] == "missed"
    assert main(["evaluate", str(tmp_path / "gold"), "--pred", str(pred), "--show-disagreements", "3"]) == 0
    printed = capsys.readouterr().out
    assert "overall (micro)" in printed and "t1" in printed
    assert main(["evaluate", str(tmp_path / "nowhere"), "--pred", str(pred)]) == 2
    assert "no such gold" in capsys.readouterr().err
    assert main(["evaluate", str(tmp_path / "gold")]) == 2  # no text to run the extractor on


def test_evaluate_scores_only_the_tagged_gold_studies(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "gold").mkdir()
    for name, tags in (("t1", ["blind", "randomised"]), ("t2", ["randomised"])):
        data = dict(study_to_json(GOLD_TRIAL), pmid=name, tags=tags)
        (tmp_path / "gold" / f"{name}.json").write_text(json.dumps(data), encoding="utf-8")
    pred = tmp_path / "pred.jsonl"
    with pred.open("w", encoding="utf-8") as handle:
        write_jsonl([GOLD_TRIAL.with_findings(())], handle)  # predictions for neither study
    assert main(["evaluate", str(tmp_path / "gold"), "--pred", str(pred), "--json", "--tag", "blind"]) == 0
    assert json.loads(capsys.readouterr().out)["gold"]["n_gold"] == 1
    assert main(["evaluate", str(tmp_path / "gold"), "--pred", str(pred), "--json", "--tag", "randomised"]) == 0
    assert json.loads(capsys.readouterr().out)["gold"]["n_gold"] == 2
    assert main(["evaluate", str(tmp_path / "gold"), "--pred", str(pred), "--tag", "blind,phase3"]) == 2
    assert "no gold study" in capsys.readouterr().err


def test_evaluate_runs_the_extractor_on_the_embedded_dev_set(capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("extractors.pipeline")
    assert main(["evaluate", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)["gold"]
    assert out["n_gold"] >= 150 and out["missing_predictions"] == []
    assert 0 < out["overall"]["f1"] <= 1


def test_evaluation_package_compares_records_only() -> None:
    """evidence/evaluation never imports the extractors, meta or the CLI (the command composes them)."""
    import ast

    package = Path(__file__).resolve().parents[1] / "evidence" / "evaluation"
    for path in package.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module] if isinstance(node, ast.ImportFrom) and node.module else []
            )
            for name in names:
                assert not name.startswith(("extractors", "meta", "evidence.cli")), f"{path.name} imports {name}"


def test_evaluate_family_filter(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "gold").mkdir()
    (tmp_path / "gold" / "t1.json").write_text(json.dumps(study_to_json(GOLD_TRIAL)), encoding="utf-8")
    findings = list(GOLD_TRIAL.findings)
    findings[0] = replace(findings[0], value=0.5)
    pred = tmp_path / "pred.jsonl"
    with pred.open("w", encoding="utf-8") as handle:
        write_jsonl([replace(GOLD_TRIAL.with_findings(findings[:-1]), design=())], handle)
    gold = str(tmp_path / "gold")
    assert main(["evaluate", gold, "--pred", str(pred), "--family", "response"]) == 0
    listing = capsys.readouterr().out.split("Disagreements")[1]
    assert "response" in listing and "toxicity" not in listing and "design" not in listing
    assert main(["evaluate", gold, "--pred", str(pred), "--family", "responses"]) == 2
    assert "Unknown family 'responses'" in capsys.readouterr().err


_DEV = load_gold(Path(__file__).resolve().parents[1] / "corpora" / "dev")


@settings(max_examples=40, deadline=None)
@given(st.integers(0, len(_DEV) - 1), st.randoms(use_true_random=False), st.floats(0, 1))
def test_counts_are_invariant_and_add_up(index: int, rng, keep_share: float) -> None:
    """Dropping predicted findings only moves true positives to misses; their order never matters."""
    item = _DEV[index]
    findings = list(item.study.findings)
    rng.shuffle(findings)
    kept = findings[: round(keep_share * len(findings))]
    report = score_studies([item], {item.pmid: item.study.with_findings(kept)})
    full = score_studies([item], {item.pmid: item.study})
    assert report.overall.fp == 0
    assert report.overall.tp + report.overall.fn == full.overall.tp
    dropped = [f for f in findings[len(kept):] if family_of(f) is not None and family_of(f) not in item.ignore]
    assert report.overall.tp == full.overall.tp - len(dropped)
    assert report.overall.fn == len(dropped)
