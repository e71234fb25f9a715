"""Cohort, design and regimen fields, blind6 causes: analysed populations named after a who-clause, by
what exclusions left, or after a bracketed size; an evaluable count left by dropouts; enrolment as a
noun that stopped; a screened pool before the enrolled count; people an event befell.

Every sentence is invented for the test.
"""

from __future__ import annotations

import pytest

from evidence.records import Article, Section
from extractors.pipeline import extract_study


def _cohort(text: str):
    return extract_study(Article(pmid="t", sections=(Section("", text),))).cohort


CASES = [
    # a who-clause between the count and its analysis verb
    ("Two hundred women were randomised, and 188 who took at least one dose were analysed for efficacy.", {"n": 188, "n_analysed": 188, "n_enrolled": 200}),
    # what exclusions left, named as a population
    ("Of 240 men randomly assigned, nine withdrew, leaving a modified intention-to-treat population of 231 men.", {"n": 231, "n_analysed": 231, "n_enrolled": 240}),
    ("Of 90 patients enrolled, three never started treatment, leaving an efficacy set of 87 patients.", {"n_analysed": 87}),
    # a bracketed size, then the population it forms
    ("We reviewed 600 charts. Matching gave 150 pairs (n = 300), who formed the analysis cohort.", {"n": 300, "n_analysed": 300}),
    # dropouts leaving an evaluable count with no people noun
    ("Five participants were lost, leaving 95 evaluable for the primary outcome.", {"n_evaluable": 95}),
    # enrolment as a noun, stopped early
    ("Accrual was halted after 312 of the intended 600 patients because of slow recruitment; 305 were analysed.", {"n_enrolled": 312, "n_analysed": 305, "n": 305}),
    # the screened pool before the enrolled count
    ("Over four years the clinics screened 820 adults and enrolled 415.", {"n": 415, "n_enrolled": 415}),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_blind6_cohort_phrasings(text: str, expected: dict[str, int]) -> None:
    cohort = _cohort(text)
    for field, value in expected.items():
        assert getattr(cohort, field) == value, field


def test_people_an_event_befell_are_not_the_cohort() -> None:
    text = "A total of 64 women were enrolled. Skin irritation led seven women to remove the patch early."
    assert _cohort(text).n == 64
    assert _cohort("Skin irritation led seven women to remove the patch early.").n != 7


def _drugs(text: str):
    return extract_study(Article(pmid="t", sections=(Section("", text),))).regimen.drugs


@pytest.mark.parametrize(
    "text, present, absent",
    [
        # a drug the protocol left optional
        ("Men were randomised to abiraterone plus ADT or ADT alone. Dexamethasone was not mandatory.", "abiraterone", "dexamethasone"),
        ("Patients were randomised to weekly paclitaxel or observation; filgrastim is not required.", "paclitaxel", "filgrastim"),
        # an earlier sequence of treatment, in the text and in an 'extended ... after' title
        ("Women who had completed a sequence of tamoxifen then exemestane were randomised to anastrozole or placebo.", "anastrozole", "tamoxifen"),
        ("Extended anastrozole versus placebo after sequential tamoxifen in postmenopausal women\n\nWomen were randomised to anastrozole or placebo.", "anastrozole", "tamoxifen"),
    ],
)
def test_optional_or_earlier_drugs_are_not_the_regimen(text: str, present: str, absent: str) -> None:
    drugs = _drugs(text)
    assert present in drugs and absent not in drugs


def _design(text: str) -> set[str]:
    return set(extract_study(Article(pmid="t", sections=(Section("", text),))).design)


@pytest.mark.parametrize(
    "text",
    [
        "A qualitative study of carers\n\nWe held interviews with 20 carers at two hospitals; talks were audio-recorded and coded.",
        "Semi-structured interviews were held with 18 survivors; each was recorded and transcribed.",
        "Four focus groups met at our clinic; discussions were recorded and analysed thematically.",
    ],
)
def test_an_interview_study_is_not_read_as_retrospective(text: str) -> None:
    assert "retrospective" not in _design(text)


def test_neoadjuvant_cycles_before_randomisation_continued_after_surgery_are_a_setting() -> None:
    text = (
        "Women with stage IIIC ovarian cancer who had received four cycles of neoadjuvant docetaxel and carboplatin "
        "were randomised at interval surgery to intraperitoneal therapy or none; both groups then had two further cycles."
    )
    settings = extract_study(Article(pmid="t", sections=(Section("", text),))).regimen.settings
    assert "neoadjuvant" in settings
