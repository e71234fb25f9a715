"""Cohort size (``cohort.n``) in more phrasings: screened, enrolled and analysed counts told apart, a total
written as a bare "(n = N)", and descriptions of the whole cohort that are not subgroups.

Every sentence is invented for the test.
"""

from __future__ import annotations

import pytest

from evidence.records import Article, Section
from extractors.pipeline import extract_study


def _n(text: str) -> int | None:
    return extract_study(Article(pmid="t", sections=(Section("", text),))).cohort.n


@pytest.mark.parametrize(
    "text, n",
    [
        # the enrolled count listed after the screened one, with no auxiliary
        ("Of 300 women screened, 210 enrolled and 190 completed the study.", 210),
        ("We screened 460 survivors, of whom 150 were randomised.", 150),
        ("In total 520 patients were screened; 240 enrolled.", 240),
        # a screened count is the cohort only when no other total is stated
        ("From 2010 to 2014, 350 patients were screened, 120 were randomized to letrozole and 118 to anastrozole.", 350),
        ("Overall, 412 subjects were screened and 300 were randomised.", 300),
        # "had a median follow-up / mean age" describes the whole cohort
        ("In all, 240 women had a mean age of 54 years and were treated with letrozole.", 240),
        ("Sixty patients were enrolled and 52 had a median follow-up of 2 years.", 60),
        ("Ninety-two patients were included; they had a median age of 61 years.", 92),
        # a bare "(n = N)" after a word that names the whole
        ("In total (n = 240), 120 patients received tamoxifen and 120 received placebo.", 240),
        ("Women eligible for the analytic sample (n = 512) completed the questionnaires.", 512),
        ("The study population (n = 1,204) was followed for five years.", 1204),
        ("In this cohort (n = 240) 120 patients received tamoxifen with goserelin, 120 patients received tamoxifen alone.", 240),
        # the population the abstract names as analysed, smaller than the enrolled one
        ("Of 300 women enrolled, those who were eligible for the present analysis (n = 250) were included.", 250),
    ],
)
def test_cohort_size(text: str, n: int) -> None:
    assert _n(text) == n


@pytest.mark.parametrize(
    "text",
    [
        # subgroups stay subgroups
        "Women were randomised to yoga or usual care. In the yoga group, 30 patients had a relapse and 12 died.",
        # a screening programme with no trial cohort named: planned screening is no cohort
        "About 2000 women will be screened in the next phase of the programme.",
        # a count inside the bracket that sizes an arm is that arm's size
        "Participants were randomized to short-course therapy (under 70 years; 40 patients) or standard therapy (70 years or over; 38 patients).",
        # "(n = N)" after a percentage counts events
        "The incidence of lymphoedema was 12.5% (n = 30) among women treated with surgery.",
        # each arm's own bracketed size, the second after the first
        "Patients were randomised to a massage group (n = 30 dyads) or a control group (n = 28 dyads).",
        # the people allocated to one arm, opening the sentence
        "Of 120 patients randomly assigned to T-DM1, 30 had grade 3 events. Of 118 patients randomly assigned to trastuzumab, 20 had grade 3 events.",
        # the cases of a case-control study are one of its two groups
        "Breast cancer cases (n = 420) and matched controls (n = 840) were genotyped.",
    ],
)
def test_no_cohort_size(text: str) -> None:
    assert _n(text) is None
