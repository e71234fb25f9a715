"""PICO scoring: BRAT reading, side attribution and matching, on hand-made documents and the shared corpus."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from evidence.errors import InputError, ParseError
from evidence.evaluation.pico import (
    PicoDocument,
    attribute_side,
    is_named_outcome,
    load_pico,
    outcome_of,
    read_ann,
    score_pico,
)
from evidence.records import Arm, Article, Cohort, Evidence, Finding, Kind, Measure, Study, Unit

# A made-up abstract (not from the corpus) and its annotations.
TEXT = (
    "Sixty women were randomized to drug X (n = 30) or placebo (n = 30). "
    "Response was 40% with drug X and 20% with placebo. Median PFS was 8.1 months versus 5.2 months."
)


def _span(label: str, text: str, nth: int = 0) -> str:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(text, start + 1)
    return f"{label} {start} {start + len(text)}\t{text}"


ANN = "\n".join(
    f"T{i}\t{line}"
    for i, line in enumerate(
        [
            _span("total-participants", "Sixty"),
            _span("outcome", "Response"),
            _span("intervention", "drug X"),
            _span("control", "placebo"),
            _span("intervention-participants", "30"),
            _span("control-participants", "30", 1),
            _span("iv-bin-percent", "40%"),
            _span("cv-bin-percent", "20%"),
            _span("iv-cont-median", "8.1 months"),
            _span("cv-cont-median", "5.2 months"),
        ],
        1,
    )
) + "\nR1\tRelation Arg1:T1 Arg2:T2\n"


def document() -> PicoDocument:
    return PicoDocument("p1", TEXT, read_ann(ANN, "p1.ann"))


def rate(value: float, arm: str | None) -> Finding:
    return Finding(Measure.ORR, Kind.RATE, value, Unit.PROPORTION, arm=arm)


def median(value: float, arm: str) -> Finding:
    return Finding(Measure.PFS, Kind.MEDIAN, value, Unit.MONTHS, arm=arm)


PERFECT = Study(
    article=Article(pmid="p1"),
    cohort=Cohort(n=60),
    arms=(Arm("drug X", 30), Arm("placebo", 30)),
    findings=(rate(0.40, "drug X"), rate(0.20, "placebo"), median(8.1, "drug X arm"), median(5.2, "placebo group")),
)


def test_read_ann_keeps_text_spans_and_numbers() -> None:
    doc = document()
    assert [s.label for s in doc.spans][:3] == ["total-participants", "outcome", "intervention"]
    assert doc.values("total-participants")[0][0] == 60
    assert all(TEXT[s.start : s.end] == s.text for s in doc.spans)
    with pytest.raises(ParseError, match="bad.ann:1"):
        read_ann("T1\tlabel-without-offsets\tx", "bad.ann")


def test_side_attribution() -> None:
    doc = document()
    assert attribute_side("drug X", doc) == "iv"
    assert attribute_side("Placebo group", doc) == "cv"
    assert attribute_side("control", doc) == "cv"
    assert attribute_side("something else", doc) is None


def test_perfect_prediction_scores_one() -> None:
    report = score_pico([document()], {"p1": PERFECT})
    assert report.disagreements == []
    assert {name: (s.tp, s.fp, s.fn) for name, s in report.families.items()} == {
        "pico_cohort_n": (1, 0, 0),
        "pico_arm_sizes": (2, 0, 0),  # one item per annotated (side, value)
        "pico_arm_rates": (2, 0, 0),
        "pico_arm_rates_named": (2, 0, 0),
        "pico_arm_medians": (2, 0, 0),
    }


def test_swapped_arms_and_missing_values() -> None:
    swapped = Study(
        article=Article(pmid="p1"),
        cohort=Cohort(n=30),
        findings=(rate(0.40, "placebo"), rate(0.20, "drug X"), rate(0.55, "drug X"), median(8.1, "drug X")),
    )
    report = score_pico([document()], {"p1": swapped})
    fam = report.families
    assert (fam["pico_cohort_n"].fp, fam["pico_cohort_n"].fn) == (1, 1)
    assert (fam["pico_arm_rates"].tp, fam["pico_arm_rates"].fp, fam["pico_arm_rates"].fn) == (0, 3, 2)
    assert sorted(d.kind for d in report.disagreements if d.family == "pico_arm_rates") == [
        "spurious", "wrong arm", "wrong arm"
    ]
    assert (fam["pico_arm_medians"].tp, fam["pico_arm_medians"].fn) == (1, 1)
    assert fam["pico_arm_sizes"].fn == 2


def test_named_family_counts_only_outcomes_a_study_records() -> None:
    text = "Hot flushes fell in 40% with drug X and 20% with placebo."
    ann = "\n".join(
        f"T{i}\t{label} {text.index(t)} {text.index(t) + len(t)}\t{t}"
        for i, (label, t) in enumerate(
            [("outcome", "Hot flushes"), ("intervention", "drug X"), ("control", "placebo"),
             ("iv-bin-percent", "40%"), ("cv-bin-percent", "20%")], 1)
    )
    doc = PicoDocument("p2", text, read_ann(ann, "p2.ann"))
    assert outcome_of(doc, doc.spans[3]).text == "Hot flushes" and not is_named_outcome(doc, doc.spans[3])
    assert is_named_outcome(document(), document().spans[6])  # "Response" before "40%"
    pred = Study(article=Article(pmid="p2"), findings=(rate(0.40, "drug X"), rate(0.20, "placebo")))
    fam = score_pico([doc], {"p2": pred}).families
    assert (fam["pico_arm_rates"].tp, fam["pico_arm_rates"].fp) == (2, 0)
    assert (fam["pico_arm_rates_named"].tp, fam["pico_arm_rates_named"].fp, fam["pico_arm_rates_named"].fn) == (0, 0, 0)


def test_evidence_offsets_break_ties() -> None:
    doc = document()
    near = rate(0.40, "drug X")
    far = rate(0.40, "drug X")
    start = TEXT.index("40%")
    near = Finding(**{**near.__dict__, "evidence": Evidence("", TEXT, start, start + 3)})
    far = Finding(**{**far.__dict__, "evidence": Evidence("", TEXT, 0, 3)})
    report = score_pico([doc], {"p1": Study(article=Article(pmid="p1"), findings=(far, near))})
    assert report.families["pico_arm_rates"].tp == 1 and report.families["pico_arm_rates"].fp == 1


def test_load_pico_folder(tmp_path: Path) -> None:
    (tmp_path / "p1.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "p1.ann").write_text(ANN, encoding="utf-8")
    (doc,) = load_pico(tmp_path)
    assert doc.article().sections[0].text == TEXT
    with pytest.raises(InputError, match="no such PICO"):
        load_pico(tmp_path / "absent")
    (tmp_path / "p2.ann").write_text("", encoding="utf-8")
    with pytest.raises(InputError, match="no matching p2.txt"):
        load_pico(tmp_path)


def test_shared_pico_corpus_reads_and_numbers_parse(shared_dir: Path) -> None:
    folder = shared_dir / "data" / "pico-corpus-dev"
    documents = load_pico(folder)
    assert len(documents) == 597
    labels = ("total-participants", "intervention-participants", "control-participants", "iv-bin-percent",
              "cv-bin-percent")
    spans = [s for d in documents for s in d.spans if s.label in labels]
    parsed = [s for d in documents for label in labels for _, s in d.values(label)]
    assert len(parsed) == len(spans)  # every number span, words and thin spaces included, parses
    for d in documents[:50]:
        assert all(d.text[s.start : s.end] == s.text for s in d.spans)
    report = score_pico(documents, {})
    assert report.overall.tp == 0 and report.families["pico_cohort_n"].fn > 400


def test_evaluate_command_scores_pico_with_predictions(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    from evidence.cli import main
    from evidence.records import write_jsonl

    folder = tmp_path / "pico"
    folder.mkdir()
    (folder / "p1.txt").write_text(TEXT, encoding="utf-8")
    (folder / "p1.ann").write_text(ANN, encoding="utf-8")
    pred = tmp_path / "pred.jsonl"
    with pred.open("w", encoding="utf-8") as handle:
        write_jsonl([PERFECT], handle)
    assert main(["evaluate", "--pico", str(folder), "--pred", str(pred), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert set(out) == {"pico"} and out["pico"]["overall"]["f1"] == 1.0
    assert main(["evaluate", "--pico", str(tmp_path / "nowhere"), "--pred", str(pred)]) == 2
    assert "no such PICO" in capsys.readouterr().err


def test_named_subset_is_left_out_of_overall() -> None:
    report = score_pico([document()], {"p1": PERFECT})
    assert report.subsets == frozenset({"pico_arm_rates_named"})
    assert report.overall.tp == sum(s.tp for name, s in report.families.items() if name != "pico_arm_rates_named")


def test_pico_half_splits_by_pmid_parity(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    from evidence.cli import main
    from evidence.records import write_jsonl

    folder = tmp_path / "pico"
    folder.mkdir()
    for pmid in ("1001", "1002", "1003"):
        (folder / f"{pmid}.txt").write_text(TEXT, encoding="utf-8")
        (folder / f"{pmid}.ann").write_text(ANN, encoding="utf-8")
    pred = tmp_path / "pred.jsonl"
    with pred.open("w", encoding="utf-8") as handle:
        write_jsonl([dataclasses.replace(PERFECT, article=Article(pmid=p)) for p in ("1001", "1002", "1003")], handle)
    counts = {}
    for half in ("tune", "check", "wide", "held"):
        assert main(["evaluate", "--pico", str(folder), "--pred", str(pred), "--pico-half", half, "--json"]) == 0
        counts[half] = json.loads(capsys.readouterr().out)["pico"]["n_gold"]
    assert counts == {"tune": 1, "check": 2, "wide": 2, "held": 1}
    assert main(["evaluate", "--pico", str(folder), "--pred", str(pred), "--pico-half", "both"]) == 2
    assert "--pico-half 'both'" in capsys.readouterr().err


def test_side_attribution_by_elimination_and_intervention_words() -> None:
    doc = document()
    assert attribute_side("intervention group", doc) == "iv"
    # "Arm A" names no annotated span; beside a partner read as placebo it is the other side
    assert attribute_side("Arm A", doc, ["Arm A", "placebo"]) == "iv"
    assert attribute_side("Arm A", doc, ["drug X", "Arm A"]) == "cv"
    # not among the predicted arms, three arms, or a partner that names no side: cannot be told
    assert attribute_side("Arm A", doc, ["Arm B", "placebo"]) is None
    assert attribute_side("Arm A", doc, ["Arm A", "Arm B", "placebo"]) is None
    assert attribute_side("Arm A", doc, ["Arm A", "Arm B"]) is None


def test_rates_of_an_unnamed_arm_score_by_its_partner() -> None:
    study = Study(
        article=Article(pmid="p1"),
        cohort=Cohort(n=60),
        arms=(Arm("Arm A", 30), Arm("placebo", 30)),
        findings=(rate(0.40, "Arm A"), rate(0.20, "placebo")),
    )
    report = score_pico([document()], {"p1": study})
    assert report.families["pico_arm_rates"].tp == 2
