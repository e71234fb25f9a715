"""Study design labels (extractors/design.py): design words about other studies or a study yet to be done are
not this study's.

Every sentence is invented for the test.
"""

from __future__ import annotations

import pytest

from evidence.records import Article, Section
from extractors.pipeline import extract_study


def _design(text: str) -> set[str]:
    return set(extract_study(Article(pmid="t", sections=(Section("", text),))).design)


@pytest.mark.parametrize(
    "text, absent",
    [
        # a recommendation in the conclusion
        ("A single-arm phase II study. Forty patients were accrued. The regimen merits a randomised comparison.", "randomised"),
        ("Thirty patients were treated in this phase II study. These results warrant a randomized trial.", "randomised"),
        ("We treated 52 patients in this single-arm phase II study. The schedule should be tested in a phase III trial.", "phase3"),
        ("Forty women received the drug in this pilot study. A larger prospective study is needed.", "prospective"),
        # other trials, named in the plural or as earlier work
        ("In two small randomised phase II trials, consolidation prolonged survival.", "randomised"),
        ("Ongoing phase III trials are testing the combination.", "phase3"),
        ("A previous randomised trial showed no benefit. We reviewed 80 patients treated at our centre between 2010 and 2018.", "randomised"),
    ],
)
def test_design_words_of_other_studies_are_dropped(text: str, absent: str) -> None:
    assert absent not in _design(text)


@pytest.mark.parametrize(
    "text, present",
    [
        ("A randomised phase III trial. 300 women were randomly assigned to A or B.", {"randomised", "phase3"}),
        ("In this randomised trial, 120 patients were enrolled. These findings should be confirmed.", {"randomised"}),
        ("A single-arm phase II study. Forty patients were accrued. The regimen merits a randomised comparison.", {"phase2", "prospective"}),
        ("We conducted a prospective study of 64 patients. Randomised trials are needed.", {"prospective"}),
        ("A randomized phase III trial\n\nFuture work should address quality of life.", {"randomised", "phase3"}),
    ],
)
def test_this_studys_design_is_kept(text: str, present: set[str]) -> None:
    assert present <= _design(text)
