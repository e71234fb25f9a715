"""Arm sizes are counts of people: numbers of cycles, courses, doses, fractions or weeks, and the terms of an
allocation ratio, never size an arm; an arm named by a regimen with its schedule keeps the regimen as its label;
groups a series names but never compares are not arms.

Every sentence is invented for the test.
"""

from __future__ import annotations

import pytest

from evidence.records import Article, Section
from extractors.pipeline import extract_study


def _arms(text: str) -> list[tuple[str, int | None]]:
    study = extract_study(Article(pmid="t", sections=(Section("", text),)))
    return [(a.label, a.n) for a in study.arms]


@pytest.mark.parametrize(
    "text",
    [
        "Patients were randomised 1:1:1 to three preoperative and three postoperative cycles of EOX, four plus four cycles of FLOT, or two plus two cycles of DCF.",
        "Women were randomly assigned (2:1) to six weekly cycles of paclitaxel or three cycles of FEC.",
        "Patients were allocated to 45 Gy in 25 fractions or 25 Gy in 5 fractions with capecitabine.",
        "Participants were randomised to 12 weeks of supervised exercise or 24 weeks of home exercise.",
        "Patients were randomly assigned to two doses of vaccine or one dose followed by placebo.",
        "The trial will allocate 300 patients 1:1 to chemoradiotherapy (five weekly doses of carboplatin) or perioperative FLOT (four preoperative and four postoperative cycles).",
    ],
)
def test_counts_of_treatment_units_are_not_sizes(text: str) -> None:
    assert all(n is None or n > 12 for _, n in _arms(text)), _arms(text)


@pytest.mark.parametrize(
    "text, labels",
    [
        ("Patients were randomly assigned to four plus four cycles of FLOT or three plus three cycles of DOS.", ["FLOT", "DOS"]),
        ("Women were randomised to six courses of docetaxel or 4 cycles of epirubicin.", ["docetaxel", "epirubicin"]),
    ],
)
def test_a_regimen_with_its_schedule_keeps_the_regimen_as_label(text: str, labels: list[str]) -> None:
    assert [label for label, _ in _arms(text)] == labels


def test_sizes_beside_schedules_are_read() -> None:
    text = "In all, 240 women were randomised 1:1 to six cycles of FEC or four cycles of docetaxel; 121 were assigned to FEC and 119 to docetaxel."
    assert sorted(n for _, n in _arms(text)) == [119, 121]


@pytest.mark.parametrize(
    "text",
    [
        "We reviewed 400 patients with resected melanoma treated at four centres. Of these, 290 received nivolumab and 110 pembrolizumab. Two-year relapse-free survival was 68%.",
        "Records of 212 women treated from 2012 to 2020 were analysed; 150 were given letrozole and 62 anastrozole. Five-year overall survival was 91%.",
    ],
)
def test_groups_a_series_never_compares_are_not_arms(text: str) -> None:
    assert _arms(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "We reviewed 400 patients with resected melanoma. Of these, 290 received nivolumab and 110 pembrolizumab. Two-year relapse-free survival was 68% versus 70%.",
        "Records of 212 women were analysed; 150 received letrozole and 62 anastrozole. Survival did not differ between the groups (HR 0.9).",
    ],
)
def test_groups_compared_in_a_series_stay_arms(text: str) -> None:
    assert len(_arms(text)) == 2


@pytest.mark.parametrize(
    "text, size",
    [
        ("Of 640 eligible patients, 180 received chemoradiotherapy and 460 chemotherapy alone; matching yielded 170 patients in each group. "
         "Disease-free survival was 60% in the chemoradiotherapy group and 52% in the chemotherapy alone group.", 170),
        ("Of 900 women, 300 received mastectomy and 600 received lumpectomy. After propensity score matching, 250 pairs were compared. "
         "Survival was 80% versus 75%.", 250),
        ("In total, 410 patients received surgery and 220 received radiotherapy. Propensity-score matching left 140 patients per group; "
         "local control did not differ between the groups.", 140),
    ],
)
def test_matched_sizes_replace_the_unmatched(text: str, size: int) -> None:
    arms = _arms(text)
    assert len(arms) == 2 and all(n == size for _, n in arms), arms


def test_sizes_without_matching_are_kept() -> None:
    text = "Of 640 eligible patients, 180 received chemoradiotherapy and 460 chemotherapy alone. Survival was 60% versus 52%."
    assert sorted(n for _, n in _arms(text)) == [180, 460]


@pytest.mark.parametrize(
    "text, labels",
    [
        ("Women were randomised 1:1 to letrozole or anastrozole.", ["letrozole", "anastrozole"]),
        ("Patients were randomly assigned 2:1 to four cycles of docetaxel or six cycles of FEC.", ["docetaxel", "FEC"]),
        ("Patients were allocated 1:1:1 to surgery, radiotherapy or observation.", ["surgery", "radiotherapy", "observation"]),
    ],
)
def test_arms_named_after_a_bare_allocation_ratio(text: str, labels: list[str]) -> None:
    assert [label for label, _ in _arms(text)] == labels
