"""The development set: every gold file parses, is internally consistent and agrees with its text."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from evidence.evaluation import default_gold_dir, load_gold, score_studies
from evidence.evaluation.numbers import normalise_number_text, parse_number
from evidence.evaluation.scoring import split_pair
from evidence.records import Kind, Range, study_from_json

DEV = default_gold_dir()
GOLD = load_gold(DEV)
MIN_ABSTRACTS = 150
STYLE_TAGS = {"structured", "unstructured"}


def _numbers(text: str) -> set[float]:
    """Every number in the text, also read with a plain space as a thousands separator ("2 136")."""
    text = normalise_number_text(text)
    joined = re.sub(r"(?<=\b\d) (?=\d{3}\b)|(?<=\b\d\d) (?=\d{3}\b)|(?<=\b\d\d\d) (?=\d{3}\b)", "", text)
    return {float(x) for t in (text, joined) for x in re.findall(r"\d+(?:\.\d+)?", t)}


def test_every_abstract_has_text_and_gold() -> None:
    txt = {p.stem for p in DEV.glob("*.txt")}
    gold = {p.stem for p in DEV.glob("*.json")}
    assert txt == gold
    assert len(gold) >= MIN_ABSTRACTS


def test_gold_files_parse_with_study_from_json() -> None:
    for path in sorted(DEV.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        study = study_from_json(data)
        assert study.pmid == path.stem
        first_line = (DEV / f"{path.stem}.txt").read_text(encoding="utf-8").splitlines()[0]
        assert study.article.title == first_line


def test_rates_are_proportions_and_counts_fit_denominators() -> None:
    for item in GOLD:
        for f in item.study.findings:
            if f.kind == Kind.RATE:
                assert f.value is not None and 0 <= f.value <= 1, (item.pmid, f)
                assert f.unit.value == "proportion"
            if f.count is not None and f.denominator is not None:
                assert 0 <= f.count <= f.denominator, (item.pmid, f)
                if f.kind == Kind.RATE:
                    # the printed percentage rounds the count over its denominator
                    assert abs(f.count / f.denominator - f.value) < 0.006, (item.pmid, f)
            if f.ci is not None and f.value is not None:
                assert f.ci[0] <= f.value <= f.ci[1], (item.pmid, f)
            if f.not_reached:
                assert f.value is None and f.kind == Kind.MEDIAN
        cohort = item.study.cohort
        if cohort.n is not None and cohort.n_male is not None and cohort.n_female is not None:
            assert cohort.n_male + cohort.n_female <= max(cohort.n, cohort.n_enrolled or 0), item.pmid


def test_finding_arms_name_gold_arms() -> None:
    for item in GOLD:
        labels = {arm.label for arm in item.study.arms}
        for f in item.study.findings:
            sides = split_pair(f.arm) if f.kind == Kind.HR else ((f.arm,) if f.arm else ())
            assert set(sides) <= labels, (item.pmid, f.arm)
        if len(labels) >= 2:
            assert {"two-arm", "three-arm", "multi-arm"} & set(item.tags), item.pmid


def test_every_gold_number_is_in_its_text() -> None:
    for item in GOLD:
        numbers = _numbers((DEV / f"{item.pmid}.txt").read_text(encoding="utf-8"))

        def stated(x: float | None) -> bool:
            # zero is written as "none" or "no" as often as "0"
            return x is None or x == 0 or float(x) in numbers or round(float(x), 4) in numbers

        cohort = item.study.cohort
        for name in cohort.FIELDS:
            assert stated(getattr(cohort, name)), (item.pmid, name)
        for arm in item.study.arms:
            assert stated(arm.n), (item.pmid, arm.label)
        for f in item.study.findings:
            assert stated(f.count) and stated(f.denominator), (item.pmid, f)
            if f.value is not None and f.kind == Kind.RATE and f.count is None:
                assert stated(round(100 * f.value, 4)), (item.pmid, f)
            if f.value is not None and f.kind in (Kind.MEDIAN, Kind.HR):
                assert stated(f.value) or stated(round(f.value / 12, 4)), (item.pmid, f)
            if f.time_months is not None:
                assert stated(f.time_months) or stated(f.time_months / 12), (item.pmid, f)
        regimen = item.study.regimen
        for name in ("chemo_cycles", "rt_dose_per_fraction_gy", "rt_fractions"):
            value = getattr(regimen, name)
            for x in (value.low, value.high) if isinstance(value, Range) else (value,):
                assert stated(x), (item.pmid, name)


def test_dev_set_covers_the_styles_the_extractor_meets() -> None:
    tags = Counter(tag for item in GOLD for tag in item.tags)
    for item in GOLD:
        assert len(STYLE_TAGS & set(item.tags)) == 1, item.pmid
    assert tags["structured"] >= 0.3 * len(GOLD) and tags["unstructured"] >= 0.2 * len(GOLD)
    assert tags["no-outcome"] >= 0.07 * len(GOLD)
    assert tags["two-arm"] + tags["three-arm"] >= 0.2 * len(GOLD)
    assert tags["three-arm"] >= 3
    for item in GOLD:
        if "no-outcome" in item.tags:
            assert not item.study.findings, item.pmid


def test_gold_scores_perfectly_against_itself() -> None:
    report = score_studies(GOLD, {item.pmid: item.study for item in GOLD})
    assert report.disagreements == [] and report.overall.f1 == 1.0


@pytest.mark.parametrize(
    ("text", "value"),
    [("Twenty", 20), ("One hundred and seventy-six", 176), ("13\u2009388", 13388), ("0\u00b762", 0.62),
     ("29%", 29), ("n = 31", 31), ("Nine hundred twenty-eight", 928), ("1,901", 1901), ("none here", None)],
)
def test_parse_number(text: str, value: float | None) -> None:
    assert parse_number(text) == value


def test_readme_states_the_number_of_abstracts() -> None:
    readme = (DEV / "README.md").read_text(encoding="utf-8")
    match = re.search(r"(\d+) abstracts:", readme)
    assert match and int(match.group(1)) == len(GOLD)
    assert int(re.search(r"The gold holds (\d+) findings", readme).group(1)) == sum(
        len(item.study.findings) for item in GOLD
    )
