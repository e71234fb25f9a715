"""Per-arm rates and medians in phrasings the finders used to miss (extractors/outcomes.py, extractors/arm_values.py).

Every sentence here is invented; each test names the general phrasing it stands for.
"""

from __future__ import annotations

import pytest

from evidence.records import Article, Kind, Measure, Section, Study
from extractors.arm_values import find_arm_values
from extractors.pipeline import extract_study

_DESIGN = "Women with operable breast cancer were randomly assigned to letrozole (n = 150) or tamoxifen (n = 148). "


def _study(sentence: str, design: str = _DESIGN) -> Study:
    return extract_study(Article(pmid="r5", sections=(Section("", design + sentence),)))


def _rates(study: Study, measure: Measure | None = None) -> list[tuple[str, float | None, str | None]]:
    return sorted(
        (f.measure.value, f.value, f.arm) for f in study.findings
        if f.kind == Kind.RATE and (measure is None or f.measure == measure)
    )


# -- a plural measure name ("survivals") ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "The 3-year relapse-free survival and distant disease-free survivals were 91.2% vs 80.4% (P = 0.01) and 93.1% vs 84.3% (P = 0.02), respectively.",
        "Three-year relapse-free and distant disease-free survivals were 91.2% versus 80.4% and 93.1% versus 84.3%, respectively.",
    ],
)
def test_a_plural_survival_name_is_a_measure_of_its_own(sentence: str) -> None:
    study = _study(sentence)
    assert _rates(study, Measure.RFS) == [("RFS", 0.804, "tamoxifen"), ("RFS", 0.912, "letrozole")]
    assert _rates(study, Measure.MFS) == [("MFS", 0.843, "tamoxifen"), ("MFS", 0.931, "letrozole")]


def test_plural_overall_survivals_keep_their_time_point() -> None:
    study = _study("Disease-free and overall survivals at 5 years were 70% and 80% in the letrozole arm.")
    assert sorted((f.measure.value, f.value, f.time_months, f.arm) for f in study.findings if f.kind == Kind.RATE) == [
        ("DFS", 0.7, 60.0, "letrozole"), ("OS", 0.8, 60.0, "letrozole")]


# -- follow-up given per arm ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Median follow-up was 31 months (letrozole) and 33 months (tamoxifen).",
        "After a median follow-up of 31 months [letrozole] vs 33 months [tamoxifen], no new safety signal emerged.",
        "Median follow-up was 31 months in the letrozole group and 33 months in the tamoxifen group.",
        "The median follow-up was 31 months (range 4-60) for women given letrozole and 33 months (range 2-61) for those given tamoxifen.",
    ],
)
def test_each_arm_its_own_follow_up(sentence: str) -> None:
    follow = sorted((f.value, f.arm) for f in _study(sentence).findings if f.measure == Measure.FOLLOW_UP)
    assert follow == [(31.0, "letrozole"), (33.0, "tamoxifen")]


@pytest.mark.parametrize(
    "sentence",
    [
        "Median follow-up was about 24 months in both arms.",
        "The median follow-up was 24 months (range 3-40) in both groups.",
        "Median follow-up time was 2 years in each of the arms.",
    ],
)
def test_one_follow_up_for_every_arm(sentence: str) -> None:
    follow = sorted((f.value, f.arm or "") for f in _study(sentence).findings if f.measure == Measure.FOLLOW_UP)
    assert follow == [(24.0, ""), (24.0, "letrozole"), (24.0, "tamoxifen")]


def test_a_follow_up_of_the_whole_cohort_stays_whole() -> None:
    follow = [(f.value, f.arm) for f in _study("After a median follow-up of 5 years, 40 women had relapsed.").findings if f.measure == Measure.FOLLOW_UP]
    assert follow == [(60.0, None)]


# -- a toxicity grade's list of single events and thresholds ----------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Grade 3 to 4 adverse events with > or = 10% incidence included neutropenia (29%) and diarrhea (17%).",
        "Grade 3-4 toxicities occurring in >= 5% of patients included neutropenia (29%) and fatigue (17%).",
        "Grade 3/4 adverse events, mainly neutropenia (29%) and diarrhoea (17%), were manageable.",
        "Severe (grade 3 or 4) toxicities such as neutropenia (29%) were more frequent.",
    ],
)
def test_single_events_and_thresholds_are_not_the_overall_grade_3_rate(sentence: str) -> None:
    assert _rates(_study(sentence), Measure.TOX_G3PLUS) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Grade 3 or higher adverse events occurred in 41.9% of women in the letrozole group (hypertension 9.5%, neutropenia 18.9%) and 28.4% in the tamoxifen group.",
        "Grade 3-4 toxicity was seen in 41.9% (neutropenia 12%) and 28.4% of women given letrozole and tamoxifen, respectively.",
    ],
)
def test_single_events_in_a_bracket_between_the_arms_rates_are_an_aside(sentence: str) -> None:
    assert _rates(_study(sentence), Measure.TOX_G3PLUS) == [("TOX_G3PLUS", 0.284, "tamoxifen"), ("TOX_G3PLUS", 0.419, "letrozole")]


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("Grade 3-4 toxicity occurred in 31% of patients, including neutropenia (20%).", 0.31),
        ("Grade 3 or 4 adverse events were reported in 31% of women.", 0.31),
        # an aside naming the main events, then the overall count and its share
        ("Grade 3 or 4 toxicity, mostly haematological, occurred in 12 women (24%).", 0.24),
        ("Grade 3-4 adverse events, mainly fatigue and neutropenia, were recorded in 18 children (30%).", 0.3),
    ],
)
def test_the_overall_grade_3_rate_is_still_read(sentence: str, value: float) -> None:
    assert [v for _, v, _ in _rates(_study(sentence), Measure.TOX_G3PLUS)] == [value]


# -- each arm's value beside its own name (extractors/arm_values.py) --------------------------------------------------


def _spans(sentence: str, *names: str) -> list[tuple[int, int, str]]:
    spans = []
    for name in names:
        start = sentence.find(name)
        while start >= 0:
            spans.append((start, start + len(name), name))
            start = sentence.find(name, start + 1)
    return sorted(spans)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # "X% in the A arm, as compared to Y% in the B arm" with a clause between the values
        ("Skin toxicity resolved in 88% in the letrozole arm within a month, as compared to 71% in the tamoxifen arm.",
         [(0.88, "letrozole"), (0.71, "tamoxifen")]),
        # a change of each arm's own: "a 30% decrease in X among women assigned to A compared with a 2% decrease among B"
        ("A 30% decrease in CRP levels was observed among women randomly assigned to letrozole compared with a 2% decrease among women assigned to tamoxifen.",
         [(0.3, "letrozole"), (0.02, "tamoxifen")]),
        # labels before their values: "(A = x%; B = y%)"
        ("Seroma formation was less frequent (letrozole = 12.5%; tamoxifen = 20.1%).", [(0.125, "letrozole"), (0.201, "tamoxifen")]),
        # an opening arm with a count and its share, then the other arm with its own "(n/N, x%)"
        ("In the letrozole arm, 20 of 38 (52%) women completed the diary, compared with the tamoxifen arm (27/37, 73.0%).",
         [(0.52, "letrozole"), (0.73, "tamoxifen")]),
        # users of each arm's drug, the drug given before it named too
        ("Memory complaints were reported by 28% of AC/letrozole users and 24% of AC/tamoxifen users.", [(0.28, "letrozole"), (0.24, "tamoxifen")]),
        # a count in each arm with its share in square brackets after the arm
        ("Twelve women progressed (10 in the letrozole group [14.7%] and 2 in the tamoxifen group [4.9%]).", [(0.147, "letrozole"), (0.049, "tamoxifen")]),
        # values, then their arms in the same order, then "respectively"
        ("No hot flushes were reported by 50% and 10.5% in the letrozole group and in the tamoxifen group respectively (P=0.008).",
         [(0.5, "letrozole"), (0.105, "tamoxifen")]),
        ("Dermatitis of grade 2 or higher was more common (30% vs. 6.7%, for the tamoxifen and letrozole group, resp.).",
         [(0.3, "tamoxifen"), (0.067, "letrozole")]),
        ("Fatigue was reported by 41% [95% CI 33-49%] and 29% [95% CI 22-37%] of the letrozole and tamoxifen groups, respectively.",
         [(0.41, "letrozole"), (0.29, "tamoxifen")]),
        # an opening arm
        ("In the letrozole arm, 64% of women kept their weight, against 41% in the tamoxifen arm.", [(0.64, "letrozole"), (0.41, "tamoxifen")]),
    ],
)
def test_values_bound_to_their_own_arms(sentence: str, expected: list[tuple[float, str]]) -> None:
    hits = find_arm_values(sentence, sentence.lower(), _spans(sentence, "letrozole", "tamoxifen"))
    assert [(h[4]["value"], h[4]["arm"]) for h in hits] == expected
    assert all(h[4]["measure"] == "OTHER" and sentence[h[2] : h[3]].rstrip("%") for h in hits)


@pytest.mark.parametrize(
    "sentence",
    [
        # a list of one arm's values: not one value per arm
        "The rates were 31%, 22% and 10% in the letrozole arm and 12% in the tamoxifen arm.",
        # the arms' make-up, not an outcome
        "Women with stage II disease made up 45% in the letrozole group and 48% in the tamoxifen group.",
        # one arm only
        "Nausea was reported by 30% of women in the letrozole arm.",
        # "respectively" with fewer arms than values: two outcomes of one arm
        "Nausea and vomiting occurred in 30% and 12% of women in the letrozole arm, respectively.",
        # signed changes and medians of a percentage change are no shares of an arm
        "Fibrinogen changed by -5.7% with letrozole and by -1.1% with tamoxifen.",
        "The median percentage change in fibrinogen was 5.7% with letrozole and 1.1% with tamoxifen.",
        # "respectively" with the arms named before the values: left to the comparison finder
        "For letrozole and tamoxifen, respectively, nausea occurred in 30% and 12%.",
    ],
)
def test_values_not_bound_one_per_arm_are_left_alone(sentence: str) -> None:
    assert find_arm_values(sentence, sentence.lower(), _spans(sentence, "letrozole", "tamoxifen")) == []


def test_values_taken_by_another_finder_are_left_alone() -> None:
    sentence = "Skin toxicity resolved in 88% in the letrozole arm, as compared to 71% in the tamoxifen arm."
    taken = [(sentence.find("88%"), sentence.find("88%") + 3)]
    assert find_arm_values(sentence, sentence.lower(), _spans(sentence, "letrozole", "tamoxifen"), taken) == []


def test_arm_values_reach_the_study_named_by_the_outcome() -> None:
    # a sentence that opens with one arm and names the other after its value: read here, not by the comparison finder
    study = _study("In the letrozole arm, 64% of women kept their weight at one year, against 41% in the tamoxifen arm.")
    found = sorted((f.value, f.arm) for f in study.findings if f.measure == Measure.OTHER)
    assert found == [(0.41, "tamoxifen"), (0.64, "letrozole")]
    assert all(f.evidence is not None and f.evidence.text.rstrip("%") for f in study.findings if f.measure == Measure.OTHER)


# -- medians printed with no unit, each beside its own arm -----------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected", "name"),
    [
        ("The median [IQR] fatigue score at week 12 was lower in the letrozole group (21 [15 to 30]) than in the tamoxifen group (27 [19 to 33]).",
         [(21.0, "letrozole"), (27.0, "tamoxifen")], "fatigue score at week 12"),
        ("The median pain score was 3 in the letrozole group and 5 in the tamoxifen group (P = 0.02).", [(3.0, "letrozole"), (5.0, "tamoxifen")], "pain score"),
        # a percentage elsewhere in the sentence (an interval's level) does not hide the medians
        ("The median symptom score was higher in the letrozole arm (12 [10 to 14]) than in the tamoxifen arm (9 [7 to 11]), a difference of 3 (95% CI 1 to 5).",
         [(12.0, "letrozole"), (9.0, "tamoxifen")], "symptom score"),
    ],
)
def test_unitless_medians_beside_their_arms(sentence: str, expected: list[tuple[float, str]], name: str) -> None:
    hits = find_arm_values(sentence, sentence.lower(), _spans(sentence, "letrozole", "tamoxifen"))
    assert [(h[4]["value"], h[4]["arm"]) for h in hits] == expected
    assert {(h[4]["kind"], h[4]["unit"], h[4]["outcome"]) for h in hits} == {("median", "as printed", name)}


@pytest.mark.parametrize(
    "sentence",
    [
        "Median age was 54 in the letrozole group and 56 in the tamoxifen group.",  # a baseline trait
        "The median number of cycles was 6 in the letrozole group and 4 in the tamoxifen group.",  # treatment given
        "The median score was 3 in the letrozole group (range 1 to 9).",  # one arm only
    ],
)
def test_medians_that_are_no_outcome_or_one_arm_are_left_alone(sentence: str) -> None:
    assert find_arm_values(sentence, sentence.lower(), _spans(sentence, "letrozole", "tamoxifen")) == []


# -- two measures listed arm by arm, each run with its own arm ----------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        # the first arm before its run, the second after its own
        "For the 150 women in the letrozole group, 5-year DFS and OS were 88.1% and 91.2%, respectively, while 80% and 85% for the 148 women in the tamoxifen group.",
        # each arm before its run
        "In the letrozole group, 5-year DFS and OS were 88.1% and 91.2%; in the tamoxifen group, 80% and 85%.",
    ],
)
def test_two_measures_listed_arm_by_arm(sentence: str) -> None:
    assert _rates(_study(sentence)) == [("DFS", 0.8, "tamoxifen"), ("DFS", 0.881, "letrozole"), ("OS", 0.85, "tamoxifen"), ("OS", 0.912, "letrozole")]


def test_two_measures_listed_with_no_arm_for_each_run_are_left_alone() -> None:
    rates = _rates(_study("Five-year DFS and OS were 88.1% and 91.2%, and 80% and 85%."))
    assert all(arm is None for _, _, arm in rates)
