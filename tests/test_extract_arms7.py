"""Arms sized the ways real trial abstracts size them (extractors/arms.py), session 7: counts led by a verb
of taking a treatment ("40 women started A and 40 B"), and more.

Every sentence is invented for the test.
"""

from __future__ import annotations

import pytest

from evidence.records import Article, Section
from extractors.arms import find_title_arms
from extractors.pipeline import extract_study


def _arms(text: str) -> list[tuple[str, int | None]]:
    study = extract_study(Article(pmid="t", sections=(Section("", text),)))
    return [(a.label.lower(), a.n) for a in study.arms]


@pytest.mark.parametrize(
    "sentence",
    [
        "Forty women started with gabapentin and 40 with pregabalin.",
        "Forty women started gabapentin and 40 pregabalin.",
        "Forty women began gabapentin, and 40 began pregabalin.",
        "Forty women took gabapentin and 40 took pregabalin.",
        "Forty women were given gabapentin and 40 were given pregabalin.",
        "Overall, 40 women initiated gabapentin and 40 pregabalin.",
    ],
)
def test_counts_led_by_a_verb_of_taking_size_the_arms(sentence: str) -> None:
    text = f"A crossover trial of two drugs for night sweats. Eighty women were randomised. {sentence} Sweats fell in both."
    assert _arms(text) == [("gabapentin", 40), ("pregabalin", 40)]


def test_a_dose_given_is_not_an_arm() -> None:
    text = ("A single-arm study of weekly docetaxel. Forty women were enrolled. Docetaxel was given at 30 mg/m2 on days 1 and 8. "
            "Twelve responded.")
    assert _arms(text) == []


@pytest.mark.parametrize(
    "title, labels",
    [
        ("Randomised phase 3 study evaluating lapatinib versus eribulin as later-line care for spread disease",
         ["lapatinib", "eribulin"]),
        ("A trial comparing weekly docetaxel versus vinorelbine in advanced disease", ["weekly docetaxel", "vinorelbine"]),
        ("Randomised trial assessing docetaxel versus vinorelbine in advanced disease", ["docetaxel", "vinorelbine"]),
        ("Open multicentre phase II study investigating the use of docetaxel vs vinorelbine in elderly women", ["docetaxel", "vinorelbine"]),
        ("Multicentre randomised trial evaluating eight cycles of nab-paclitaxel versus gemcitabine in frail women",
         ["nab-paclitaxel", "gemcitabine"]),
    ],
)
def test_a_title_names_its_arms_after_a_verb_of_study(title: str, labels: list[str]) -> None:
    assert [h.payload["label"] for h in find_title_arms(title)] == labels


def test_a_title_arm_cut_short_is_no_arm() -> None:
    # the schedule words belong to both arms: "docetaxel on an" is not a name
    assert find_title_arms("A study comparing eribulin on an every-2-week vs. weekly plan for frail women") == []


@pytest.mark.parametrize(
    "sentence, arms",
    [
        ("In all, 190 women were randomised (n = 96, letrozole and n = 94, anastrozole).", [("letrozole", 96), ("anastrozole", 94)]),
        ("In all, 190 women were randomised (n = 96, letrozole; n = 94, anastrozole).", [("letrozole", 96), ("anastrozole", 94)]),
    ],
)
def test_a_size_before_its_name_in_brackets(sentence: str, arms: list[tuple[str, int]]) -> None:
    assert _arms(f"A trial of two aromatase inhibitors. {sentence} Hot flushes were common.") == arms


@pytest.mark.parametrize(
    "sentence, arms",
    [
        ("Women were randomised into a walking group (WG = 22) or a usual care group (UC = 21).", [("walking", 22), ("usual care", 21)]),
        ("Sixty women were allocated at random to the yoga group (YG = 31) or the waiting list group (WLG = 29).", [("yoga", 31), ("waiting list", 29)]),
    ],
)
def test_a_group_code_set_equal_to_its_size(sentence: str, arms: list[tuple[str, int]]) -> None:
    assert _arms(f"A trial of activity after surgery. {sentence} Fatigue fell in both.") == arms


def test_a_code_set_equal_to_a_change_is_no_arm_size() -> None:
    text = ("A trial of activity after surgery. Forty women were put at random in an intervention group (IG = 18) or a "
            "control group (CG = 22). Pain fell in the IG (IG = -1.5 points versus CG = +0.5).")
    assert _arms(text) == [("intervention", 18), ("control", 22)]


def test_sizes_given_twice_are_the_randomised_then_the_analysed() -> None:
    text = ("A masked trial of anastrozole to prevent disease. In all, 402 women (200 given anastrozole, 202 given "
            "placebo) were eligible and had a baseline scan. By the cutoff, 300 women had completed two years (150 given "
            "anastrozole, 150 given placebo). Bone density fell more with anastrozole.")
    study = extract_study(Article(pmid="t", sections=(Section("", text),)))
    assert [(a.label, a.n, a.n_analysed) for a in study.arms] == [("anastrozole", 200, 150), ("placebo", 202, 150)]


def test_a_code_spelling_two_drugs_keeps_the_first_in_the_name() -> None:
    text = ("A trial in spread disease. In all, 120 women were assigned at random to neratinib with capecitabine (NC) "
            "(n = 60; neratinib 240 mg daily) or capecitabine (C) (n = 60). Response was 30% with NC and 20% with C.")
    assert _arms(text) == [("neratinib with capecitabine", 60), ("capecitabine", 60)]



@pytest.mark.parametrize("link", ["In contrast, of", "By contrast, among the", "Conversely, of", "Likewise, among"])
def test_one_arm_per_sentence_after_a_linking_word(link: str) -> None:
    text = ("A trial of growth factor support. Of 84 women allocated by lot to the standard arm, 20 had a fever. "
            f"{link} 83 women allocated by lot to short support, eight had a fever.")
    assert _arms(text) == [("standard", 84), ("short support", 83)]
