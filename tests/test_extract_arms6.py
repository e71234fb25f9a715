"""Arms named the ways real trial abstracts introduce them (extractors/arms.py): a text whose first
sentence is its title, comparisons after "comparing", "either ... or" allocations to role words, and
counts split between two treatments.

Every sentence is invented for the test.
"""

from __future__ import annotations

import pytest

from evidence.records import Article, Section
from extractors.arms import find_title_arms
from extractors.pipeline import extract_study


def _arms(text: str) -> list[tuple[str, int | None]]:
    study = extract_study(Article(pmid="t", sections=(Section("", text),)))
    return [(a.label, a.n) for a in study.arms]


def _labels(text: str) -> list[str]:
    return [label.lower() for label, _ in _arms(text)]


@pytest.mark.parametrize(
    "text, labels",
    [
        ("Efficacy of weekly paclitaxel 80 mg versus capecitabine 1000 mg in frail older women. "
         "Tumours shrank in 30% and 22% of them.", ["weekly paclitaxel", "capecitabine"]),
        ("Exemestane and everolimus versus capecitabine once a nonsteroidal drug had failed. "
         "Tumours shrank in 18% given exemestane and everolimus and 20% given capecitabine.",
         ["exemestane and everolimus", "capecitabine"]),
        ("A multicentre, open, phase II trial of pegylated doxorubicin versus epirubicin as initial care. "
         "Heart trouble was rare.", ["pegylated doxorubicin", "epirubicin"]),
    ],
)
def test_a_text_with_no_title_part_opens_with_its_title(text: str, labels: list[str]) -> None:
    assert _labels(text) == labels


def test_a_first_sentence_that_reports_is_not_read_as_a_title() -> None:
    text = "We found that survival was longer with surgery versus no surgery in the registry cohort."
    assert _arms(text) == []


def test_title_heads_are_not_part_of_the_first_arm() -> None:
    hits = find_title_arms("Safety and tolerability of pamidronate versus ibandronate for bones holding deposits")
    assert [h.payload["label"] for h in hits] == ["pamidronate", "ibandronate"]


@pytest.mark.parametrize(
    "text, labels",
    [
        ("This double-blind study compared oral zinc (50 mg twice a day) with a matching dummy pill in survivors. "
         "Taste loss was reported by 20% on zinc and 31% on the dummy pill.", ["oral zinc", "matching dummy pill"]),
        ("A phase II trial comparing ginger capsules with placebo for the delayed phase was run in eleven hospitals. "
         "Nausea was absent in 41% and 30% of patients.", ["ginger capsules", "placebo"]),
        ("Our goal: to compare the efficacy of scalp chilling versus no chilling during taxane therapy. "
         "Hair was kept by 50% and 0%.", ["scalp chilling", "no chilling"]),
    ],
)
def test_a_design_sentence_comparing_two_treatments_names_the_arms(text: str, labels: list[str]) -> None:
    assert _labels(text) == labels


@pytest.mark.parametrize(
    "text",
    [
        "Our team compared rates among both cohorts using Gray tests.",
        "We then set out to compare it with the usual wire method in a small study.",
        "Survival was compared with that of historical controls treated at the same centre.",
    ],
)
def test_a_comparison_that_names_no_treatment_pair_gives_no_arms(text: str) -> None:
    assert _arms(text) == []


@pytest.mark.parametrize(
    "text, labels",
    [
        ("Volunteers got randomly assigned (1:1) to celecoxib (400 mg/day; oral) or a dummy (identical capsules).", ["celecoxib", "dummy"]),
        ("Smokers got randomised to bupropion (150 mg; slow release) or varenicline (1 mg; twice a day).", ["bupropion", "varenicline"]),
        ("Using a lottery, wards were randomised into a control or an intervention arm.", ["control", "intervention"]),
    ],
)
def test_an_allocation_reads_past_brackets_and_into(text: str, labels: list[str]) -> None:
    assert _labels(text)[:2] == labels


def test_a_dose_before_the_allocated_name_is_not_part_of_it() -> None:
    text = "Smokers got randomized 2:1 to 4 mg of cytisine or standard varenicline for twelve weeks."
    assert _labels(text) == ["cytisine", "standard varenicline"]


def test_one_treatment_given_at_varied_doses_is_not_two_arms() -> None:
    text = "Comparison of a pectoral nerve blockade performed with different ropivacaine volumes for mastectomy pain."
    assert _arms(text) == []


def test_a_one_line_text_read_whole_as_its_title_uses_its_first_sentence() -> None:
    from extractors.arms import find_arms

    text = "Skin care at home. Gel versus cream was rated by the nurses on the ward."
    sentences = [(0, 18), (19, len(text))]
    assert [h for h in find_arms(text, sentences, title_end=len(text)) if h.payload.get("title")] == []
    text = "Gel versus cream for skin care at home. The nurses on the ward rated both."
    sentences = [(0, 39), (40, len(text))]
    labels = [h.payload["label"] for h in find_arms(text, sentences, title_end=len(text)) if h.payload.get("title")]
    assert labels == ["Gel", "cream"]
