"""Per-arm rates and medians in phrasings the finders used to miss (extractors/outcomes.py, extractors/arm_values.py).

Every sentence here is invented; each test names the general phrasing it stands for.
"""

from __future__ import annotations

import pytest

from evidence.records import Article, Kind, Measure, Section, Study
from extractors.arm_values import find_arm_values
from extractors.pipeline import extract_study

_DESIGN = "Postmenopausal patients with resected disease were randomly assigned to toremifene (n = 150) or raloxifene (n = 148). "


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
        "At four years, relapse free survival and distant metastasis-free survivals were 87.5% vs 78.3% (P = 0.03) and 90.6% vs 82.1% (P = 0.04), respectively.",
        "Four-year recurrence-free and distant metastasis-free survivals were 87.5% versus 78.3% and 90.6% versus 82.1%, respectively.",
    ],
)
def test_a_plural_survival_name_is_a_measure_of_its_own(sentence: str) -> None:
    study = _study(sentence)
    assert _rates(study, Measure.RFS) == [("RFS", 0.783, "raloxifene"), ("RFS", 0.875, "toremifene")]
    assert _rates(study, Measure.MFS) == [("MFS", 0.821, "raloxifene"), ("MFS", 0.906, "toremifene")]


def test_plural_overall_survivals_keep_their_time_point() -> None:
    study = _study("Disease free and overall survivals at 4 years were 64% and 78% in the toremifene arm.")
    assert sorted((f.measure.value, f.value, f.time_months, f.arm) for f in study.findings if f.kind == Kind.RATE) == [
        ("DFS", 0.64, 48.0, "toremifene"), ("OS", 0.78, 48.0, "toremifene")]


# -- follow-up given per arm ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Median follow-up was 31 months (toremifene) and 33 months (raloxifene).",
        "After a median follow-up of 31 months [toremifene] vs 33 months [raloxifene], no new safety signal emerged.",
        "Median follow-up was 31 months in the toremifene group and 33 months in the raloxifene group.",
        "The median follow-up was 31 months (range 4-60) for women given toremifene and 33 months (range 2-61) for those given raloxifene.",
    ],
)
def test_each_arm_its_own_follow_up(sentence: str) -> None:
    follow = sorted((f.value, f.arm) for f in _study(sentence).findings if f.measure == Measure.FOLLOW_UP)
    assert follow == [(31.0, "toremifene"), (33.0, "raloxifene")]


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
    assert follow == [(24.0, ""), (24.0, "raloxifene"), (24.0, "toremifene")]


def test_a_follow_up_of_the_whole_cohort_stays_whole() -> None:
    follow = [(f.value, f.arm) for f in _study("After a median follow-up of 5 years, 40 women had relapsed.").findings if f.measure == Measure.FOLLOW_UP]
    assert follow == [(60.0, None)]


# -- a toxicity grade's list of single events and thresholds ----------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Grade 3 to 4 toxic effects with > or = 15% incidence comprised leukopenia (26%) and vomiting (19%).",
        "Grade 3-4 toxicities affecting >= 8% of women included anaemia (22%) and mucositis (13%).",
        "Grade 3/4 adverse events, mainly leukopenia (23%) and stomatitis (11%), were reversible.",
        "Severe (grade 3 or 4) toxicities such as neutropenia (29%) were more frequent.",
    ],
)
def test_single_events_and_thresholds_are_not_the_overall_grade_3_rate(sentence: str) -> None:
    assert _rates(_study(sentence), Measure.TOX_G3PLUS) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Grade 3 or higher adverse events occurred in 41.9% of women in the toremifene group (hypertension 9.5%, neutropenia 18.9%) and 28.4% in the raloxifene group.",
        "Grade 3-4 toxicity was seen in 41.9% (neutropenia 12%) and 28.4% of women given toremifene and raloxifene, respectively.",
    ],
)
def test_single_events_in_a_bracket_between_the_arms_rates_are_an_aside(sentence: str) -> None:
    assert _rates(_study(sentence), Measure.TOX_G3PLUS) == [("TOX_G3PLUS", 0.284, "raloxifene"), ("TOX_G3PLUS", 0.419, "toremifene")]


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("Grade 3-4 toxicity occurred in 31% of patients, including neutropenia (20%).", 0.31),
        ("Grade 3 or 4 toxicities were documented in 27% of participants.", 0.27),
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
        ("Skin toxicity resolved in 88% in the toremifene arm within a month, as compared to 71% in the raloxifene arm.",
         [(0.88, "toremifene"), (0.71, "raloxifene")]),
        # a change of each arm's own: "a 30% decrease in X among women assigned to A compared with a 2% decrease among B"
        ("A 27% decrease in serum IL-6 occurred among participants randomly allocated to toremifene compared with a 4% decrease among participants allocated to raloxifene.",
         [(0.27, "toremifene"), (0.04, "raloxifene")]),
        # labels before their values: "(A = x%; B = y%)"
        ("Seroma formation was less frequent (toremifene = 12.5%; raloxifene = 20.1%).", [(0.125, "toremifene"), (0.201, "raloxifene")]),
        # an opening arm with a count and its share, then the other arm with its own "(n/N, x%)"
        ("In the toremifene arm, 20 of 38 (52%) women completed the diary, compared with the raloxifene arm (27/37, 73.0%).",
         [(0.52, "toremifene"), (0.73, "raloxifene")]),
        # users of each arm's drug, the drug given before it named too
        ("Joint stiffness was noted by 33% of EC/toremifene users and 19% of EC/raloxifene users.", [(0.33, "toremifene"), (0.19, "raloxifene")]),
        # a count in each arm with its share in square brackets after the arm
        ("Twelve women progressed (10 in the toremifene group [14.7%] and 2 in the raloxifene group [4.9%]).", [(0.147, "toremifene"), (0.049, "raloxifene")]),
        # values, then their arms in the same order, then "respectively"
        ("Freedom from night sweats was noted by 45% and 12.5% in the toremifene group and in the raloxifene group respectively (P=0.004).",
         [(0.45, "toremifene"), (0.125, "raloxifene")]),
        ("Dermatitis of grade 2 or higher was more common (30% vs. 6.7%, for the raloxifene and toremifene group, resp.).",
         [(0.3, "raloxifene"), (0.067, "toremifene")]),
        ("Fatigue was reported by 41% [95% CI 33-49%] and 29% [95% CI 22-37%] of the toremifene and raloxifene groups, respectively.",
         [(0.41, "toremifene"), (0.29, "raloxifene")]),
        # an opening arm
        ("In the toremifene arm, 64% of women kept their weight, against 41% in the raloxifene arm.", [(0.64, "toremifene"), (0.41, "raloxifene")]),
    ],
)
def test_values_bound_to_their_own_arms(sentence: str, expected: list[tuple[float, str]]) -> None:
    hits = find_arm_values(sentence, sentence.lower(), _spans(sentence, "toremifene", "raloxifene"))
    assert [(h[4]["value"], h[4]["arm"]) for h in hits] == expected
    assert all(h[4]["measure"] == "OTHER" and sentence[h[2] : h[3]].rstrip("%") for h in hits)


@pytest.mark.parametrize(
    "sentence",
    [
        # a list of one arm's values: not one value per arm
        "The rates were 31%, 22% and 10% in the toremifene arm and 12% in the raloxifene arm.",
        # the arms' make-up, not an outcome
        "Women with stage II disease made up 45% in the toremifene group and 48% in the raloxifene group.",
        # one arm only
        "Nausea was reported by 30% of women in the toremifene arm.",
        # "respectively" with fewer arms than values: two outcomes of one arm
        "Nausea and vomiting occurred in 30% and 12% of women in the toremifene arm, respectively.",
        # signed changes and medians of a percentage change are no shares of an arm
        "Fibrinogen changed by -5.7% with toremifene and by -1.1% with raloxifene.",
        "The median percentage change in fibrinogen was 5.7% with toremifene and 1.1% with raloxifene.",
        # "respectively" with the arms named before the values: left to the comparison finder
        "For toremifene and raloxifene, respectively, nausea occurred in 30% and 12%.",
    ],
)
def test_values_not_bound_one_per_arm_are_left_alone(sentence: str) -> None:
    assert find_arm_values(sentence, sentence.lower(), _spans(sentence, "toremifene", "raloxifene")) == []


def test_values_taken_by_another_finder_are_left_alone() -> None:
    sentence = "Skin toxicity resolved in 88% in the toremifene arm, as compared to 71% in the raloxifene arm."
    taken = [(sentence.find("88%"), sentence.find("88%") + 3)]
    assert find_arm_values(sentence, sentence.lower(), _spans(sentence, "toremifene", "raloxifene"), taken) == []


def test_arm_values_reach_the_study_named_by_the_outcome() -> None:
    # a sentence that opens with one arm and names the other after its value: read here, not by the comparison finder
    study = _study("In the toremifene arm, 64% of women kept their weight at one year, against 41% in the raloxifene arm.")
    found = sorted((f.value, f.arm) for f in study.findings if f.measure == Measure.OTHER)
    assert found == [(0.41, "raloxifene"), (0.64, "toremifene")]
    assert all(f.evidence is not None and f.evidence.text.rstrip("%") for f in study.findings if f.measure == Measure.OTHER)


# -- medians printed with no unit, each beside its own arm -----------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected", "name"),
    [
        ("The median [IQR] fatigue score at week 12 was lower in the toremifene group (21 [15 to 30]) than in the raloxifene group (27 [19 to 33]).",
         [(21.0, "toremifene"), (27.0, "raloxifene")], "fatigue score at week 12"),
        ("The median pain score was 3 in the toremifene group and 5 in the raloxifene group (P = 0.02).", [(3.0, "toremifene"), (5.0, "raloxifene")], "pain score"),
        # a percentage elsewhere in the sentence (an interval's level) does not hide the medians
        ("The median symptom score was higher in the toremifene arm (12 [10 to 14]) than in the raloxifene arm (9 [7 to 11]), a difference of 3 (95% CI 1 to 5).",
         [(12.0, "toremifene"), (9.0, "raloxifene")], "symptom score"),
    ],
)
def test_unitless_medians_beside_their_arms(sentence: str, expected: list[tuple[float, str]], name: str) -> None:
    hits = find_arm_values(sentence, sentence.lower(), _spans(sentence, "toremifene", "raloxifene"))
    assert [(h[4]["value"], h[4]["arm"]) for h in hits] == expected
    assert {(h[4]["kind"], h[4]["unit"], h[4]["outcome"]) for h in hits} == {("median", "as printed", name)}


@pytest.mark.parametrize(
    "sentence",
    [
        "Median age was 54 in the toremifene group and 56 in the raloxifene group.",  # a baseline trait
        "The median number of cycles was 6 in the toremifene group and 4 in the raloxifene group.",  # treatment given
        "The median score was 3 in the toremifene group (range 1 to 9).",  # one arm only
    ],
)
def test_medians_that_are_no_outcome_or_one_arm_are_left_alone(sentence: str) -> None:
    assert find_arm_values(sentence, sentence.lower(), _spans(sentence, "toremifene", "raloxifene")) == []


# -- two measures listed arm by arm, each run with its own arm ----------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        # the first arm before its run, the second after its own
        "For the 150 women in the toremifene group, 5-year DFS and OS were 88.1% and 91.2%, respectively, while 80% and 85% for the 148 patients in the raloxifene group.",
        # each arm before its run
        "In the toremifene group, 5-year DFS and OS were 88.1% and 91.2%; in the raloxifene group, 80% and 85%.",
    ],
)
def test_two_measures_listed_arm_by_arm(sentence: str) -> None:
    assert _rates(_study(sentence)) == [("DFS", 0.8, "raloxifene"), ("DFS", 0.881, "toremifene"), ("OS", 0.85, "raloxifene"), ("OS", 0.912, "toremifene")]


def test_two_measures_listed_with_no_arm_for_each_run_are_left_alone() -> None:
    rates = _rates(_study("Five-year DFS and OS were 88.1% and 91.2%, and 80% and 85%."))
    assert all(arm is None for _, _, arm in rates)
