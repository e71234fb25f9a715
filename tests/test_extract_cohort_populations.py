"""Cohort size in phrasings a blind test found missed: an analysis population smaller than the randomised one,
a second count in the sentence that is a step of the flow, sex counts with a mid-dot percentage or of girls or
boys only, and sample sizes stated with their power.

Every sentence is invented for the test.
"""

from __future__ import annotations

import pytest

from evidence.records import Article, Section
from extractors.pipeline import extract_study


def _cohort(text: str):
    return extract_study(Article(pmid="t", sections=(Section("", text),))).cohort


@pytest.mark.parametrize(
    "text, n, analysed",
    [
        # an analysis population named after the randomised count: the smaller one is n
        ("Of 410 women randomised, 402 formed the intention-to-treat population.", 402, 402),
        ("Of 250 patients randomly assigned, 244 (A 122, B 122) constituted the modified intention-to-treat population.", 244, 244),
        ("In all, 330 patients were randomised; 318 were included in the per-protocol analysis.", 318, 318),
        ("A total of 180 men were enrolled and the per-protocol population comprised 171 patients.", 171, 171),
        ("We randomised 96 children; the full analysis set included 93.", 93, 93),
        ("Of the 512 randomised women, 508 were eligible for the intention-to-treat analysis.", 508, 508),
        ("Of 450 randomised, 441 patients were included in the per-protocol population.", 441, 441),
        # not an analysis population: the enrolled count stays
        ("A total of 180 men were enrolled and 171 completed the first cycle.", 180, None),
    ],
)
def test_analysis_population_is_the_cohort(text: str, n: int, analysed: int | None) -> None:
    cohort = _cohort(text)
    assert cohort.n == n
    assert cohort.n_analysed == analysed


@pytest.mark.parametrize(
    "text, n",
    [
        # the enrolment verb names no arm: the first count is the whole, the second a step of its flow
        ("Ninety-six patients were randomised and 94 received treatment (A, n = 47; B, n = 47).", 96),
        ("Seventy women were enrolled and 66 started chemotherapy.", 70),
        ("Ninety-six patients underwent randomisation and 94 received treatment.", 96),
        ("Overall, 300 patients were randomized, and 296 were treated.", 300),
        ("In this study 150 patients were recruited, and 141 underwent surgery.", 150),
        ("Eighty-two participants were randomly assigned (two groups) and 80 completed the trial.", 82),
        # the verb names an arm: two arms, and the cohort is their stated total only
        ("Of 120 patients, 61 were randomised to letrozole and 59 to anastrozole.", 120),
    ],
)
def test_a_second_count_of_the_flow_keeps_the_whole(text: str, n: int) -> None:
    assert _cohort(text).n == n


@pytest.mark.parametrize(
    "text, male, female",
    [
        ("The median age was 51 years; 212 (61·3%) were men.", 212, None),
        ("Of the patients, 88 (44·0%) were women and the median age was 60 years.", None, 88),
        ("One hundred children were treated; 47 were girls.", None, 47),
        ("Sixty children were included and 33 were boys.", 33, None),
        ("In all, 140 patients took part; 71 (50.7%) were female.", None, 71),
    ],
)
def test_sex_counts(text: str, male: int | None, female: int | None) -> None:
    cohort = _cohort(text)
    assert cohort.n_male == male
    assert cohort.n_female == female


@pytest.mark.parametrize(
    "text",
    [
        "Assuming a 2-year survival of 70% with A and 80% with B, 310 patients provide 80% power at a two-sided alpha of 0.05.",
        "With a hazard ratio of 0.7, 520 women would give the trial 90% power.",
        "A sample of 260 participants yields a power of 85% to detect the difference.",
        "To detect this difference, 400 patients offer adequate power.",
    ],
)
def test_a_sample_size_with_its_power_is_not_a_cohort(text: str) -> None:
    assert _cohort(text).n is None


def test_a_reported_cohort_is_kept_beside_a_power_statement() -> None:
    text = "The trial was powered at 80% for a hazard ratio of 0.7. A total of 287 patients were randomised."
    assert _cohort(text).n == 287


def test_the_analysed_matched_cohort_is_n() -> None:
    text = ("Of 640 eligible patients, 180 received chemoradiotherapy and 460 chemotherapy alone; matching yielded 170 patients "
            "in each group, and these 340 patients were analysed.")
    assert _cohort(text).n == 340
