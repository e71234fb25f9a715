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
