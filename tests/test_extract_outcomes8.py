"""Per-arm medians of the named time-to-event measures in phrasings trial reports use (session 8).

Every sentence here is invented; each test names the general phrasing it stands for, and the
negatives show where a rule must not reach.
"""

from __future__ import annotations

import pytest

from evidence.records import Article, Kind, Section, Study
from extractors.pipeline import extract_study

_DESIGN = "We randomised 182 adults between erlotinib (n = 90) and placebo (n = 92). "
DRUG, PLACEBO = "erlotinib", "placebo"


def _study(sentence: str, design: str = _DESIGN) -> Study:
    return extract_study(Article(pmid="t8", sections=(Section("", design + sentence),)))


def _medians(study: Study) -> list[tuple[str, float | None, str | None]]:
    return sorted((f.measure.value, f.value, f.arm) for f in study.findings if f.kind == Kind.MEDIAN and f.measure.value != "FOLLOW_UP")


# -- a comparison of the arms, then their durations in a bracket ------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Overall survival was longer for the erlotinib arm than for the placebo arm (13.4 months vs. 9.9 months).",
        "Overall survival was clearly prolonged by erlotinib when set against placebo (13.4 v 9.9 months; P = .02).",
        "The overall survival time of the erlotinib group was longer than that of the placebo group (13.4 months versus 9.9 months).",
        "Overall survival hardly differed for erlotinib and placebo (13.4 and 9.9 months, respectively; P = .31).",
    ],
)
def test_compared_durations_in_a_bracket_are_medians(sentence: str) -> None:
    assert _medians(_study(sentence)) == [("OS", 9.9, PLACEBO), ("OS", 13.4, DRUG)]


@pytest.mark.parametrize(
    "sentence",
    [
        # a mean is not a median
        "Mean overall survival was longer with erlotinib than with placebo (13.4 vs 9.9 months).",
        # landmark rates at a time point: percentages, not durations
        "Overall survival at 2 years was higher with erlotinib than with placebo (41% vs 30%).",
        # the bracket holds the follow-up of each arm, not survival
        "Overall survival was analysed after a longer follow-up for erlotinib than for placebo (follow-up 30 vs 28 months).",
    ],
)
def test_compared_durations_not_medians(sentence: str) -> None:
    assert not any(measure == "OS" and value in (13.4, 9.9) for measure, value, _ in _medians(_study(sentence)))


# -- a measure named with "rates", "time" or "period" before its durations ---------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Overall survival rates were 13.4 months in the erlotinib group and 9.9 months in the placebo group.",
        "Overall survival time was 13.4 months in the erlotinib group and 9.9 months in the placebo group.",
        "Progression-free survival periods were 13.4 months with erlotinib and 9.9 months with placebo.",
    ],
)
def test_measure_noun_then_durations(sentence: str) -> None:
    measure = "PFS" if sentence.startswith("Progression") else "OS"
    assert _medians(_study(sentence)) == [(measure, 9.9, PLACEBO), (measure, 13.4, DRUG)]


def test_measure_rates_as_percentages_stay_rates() -> None:
    study = _study("Overall survival rates were 61% and 52% at 3 years with erlotinib and placebo, respectively.")
    assert not _medians(study)
    assert sorted((f.value, f.arm) for f in study.findings if f.kind == Kind.RATE) == [(0.52, PLACEBO), (0.61, DRUG)]


# -- one value said to hold in every arm ---------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Median PFS lasted 5.5 months for both erlotinib and placebo.",
        "The median PFS was 5.5 months in both arms.",
        "Median OS was 14 months, and median PFS 5.5 months in both groups.",
    ],
)
def test_one_median_for_every_arm(sentence: str) -> None:
    medians = _medians(_study(sentence))
    assert ("PFS", 5.5, DRUG) in medians and ("PFS", 5.5, PLACEBO) in medians


@pytest.mark.parametrize(
    "sentence",
    [
        "Survival at 4 years reached 77% in both arms.",
        "The 4-year overall survival stood at 77% in each group.",
    ],
)
def test_one_rate_for_every_arm(sentence: str) -> None:
    rates = sorted((f.measure.value, f.value, f.arm) for f in _study(sentence).findings if f.kind == Kind.RATE)
    assert rates == [("OS", 0.77, DRUG), ("OS", 0.77, PLACEBO)]


def test_one_value_with_no_arm_words_stays_unassigned() -> None:
    medians = _medians(_study("Median overall survival was 14 months, with no difference between the arms."))
    assert medians == [("OS", 14.0, None)]


# -- the outcome's name skips the verdict between it and its values ------------------------------------


def test_name_skips_comparative_verdict() -> None:
    from extractors.outcome_names import outcome_name

    sentence = "Time to treatment failure was clearly prolonged in the erlotinib group (5.1 vs 3.0 months)."
    assert outcome_name(sentence, sentence.index("5.1")) == "Time to treatment failure"
    sentence = "The time to progression was markedly longer (9.1 months v 6.2 months)."
    assert outcome_name(sentence, sentence.index("9.1")) == "time to progression"


# -- each arm's median in a bracket right after the arm ------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "PFS was clearly longer among those given erlotinib (median 7.3 months) than among those given placebo (median 4.2 months).",
        "Progression-free survival favoured erlotinib (median, 7.3 months) over placebo (median, 4.2 months).",
        "PFS was longer on erlotinib (7.3 months; 95% CI, 6.0 to 8.8 months) than on placebo (4.2 months; 95% CI, 3.1 to 5.0 months).",
    ],
)
def test_median_in_a_bracket_after_each_arm(sentence: str) -> None:
    assert _medians(_study(sentence)) == [("PFS", 4.2, PLACEBO), ("PFS", 7.3, DRUG)]


def test_rates_in_a_bracket_after_each_arm_stay_rates() -> None:
    study = _study("Overall survival at 2 years was better on erlotinib (41% at 24 months) than on placebo (30% at 24 months).")
    assert not _medians(study)


def test_arm_then_bracketed_median_binds_tightly() -> None:
    from extractors.attribution import arms_for, arm_spans_in, mention_patterns

    sentence = "Time to relapse: erlotinib (median, 9.0 months), placebo (median, 6.5 months)."
    arms = mention_patterns([DRUG, PLACEBO], _DESIGN)
    spans = arm_spans_in(sentence, arms)
    group = [{"start": sentence.index("9.0"), "end": sentence.index("9.0") + 10, "value": 9.0},
             {"start": sentence.index("6.5"), "end": sentence.index("6.5") + 10, "value": 6.5}]
    assert arms_for(sentence, group, spans, arms) == [DRUG, PLACEBO]


# -- "respectively" after arms named in the sentence before -------------------------------------------


def test_respectively_takes_the_arm_order_of_the_sentence_before() -> None:
    text = "Relapses were seen in 20 and 9 women of the placebo and erlotinib groups, respectively. The 3-year DFS rates were 71% and 86%, respectively."
    rates = sorted((f.value, f.arm) for f in _study(text).findings if f.kind == Kind.RATE)
    assert rates == [(0.71, PLACEBO), (0.86, DRUG)]
    medians = _medians(_study("Deaths numbered 40 and 31 in the placebo and erlotinib arms, respectively. Median survival times were 9.9 and 13.4 months, respectively."))
    assert medians == [("OS", 9.9, PLACEBO), ("OS", 13.4, DRUG)]


def test_respectively_without_an_earlier_order_keeps_the_study_order() -> None:
    rates = sorted((f.value, f.arm) for f in _study("The 3-year DFS rates were 86% and 71%, respectively.").findings if f.kind == Kind.RATE)
    assert rates == [(0.71, PLACEBO), (0.86, DRUG)]


# -- a change written "to X from Y" -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Erlotinib lengthened median PFS to 7.3 months from 4.2 months with placebo.",
        "Erlotinib lengthened median PFS to 7.3 from 4.2 months.",
        "Erlotinib lengthened median PFS from 4.2 to 7.3 months.",
    ],
)
def test_change_to_from_binds_the_subject_to_the_new_value(sentence: str) -> None:
    assert _medians(_study(sentence)) == [("PFS", 4.2, PLACEBO), ("PFS", 7.3, DRUG)]


def test_rate_change_to_from() -> None:
    rates = sorted((f.value, f.arm) for f in _study("Erlotinib lifted the response rate to 38% from 21%.").findings if f.kind == Kind.RATE)
    assert rates == [(0.21, PLACEBO), (0.38, DRUG)]


# -- rates listed before their measure, each arm named as an adjective of the people -----------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "By year 3, 81% of erlotinib-treated and 72% of placebo-treated adults were alive and disease-free.",
        "By year 3, 81% of erlotinib-treated women and 72% of placebo-treated women remained alive and disease-free.",
    ],
)
def test_rates_before_measure_with_arm_adjectives(sentence: str) -> None:
    rates = sorted((f.measure.value, f.value, f.arm) for f in _study(sentence).findings if f.kind == Kind.RATE)
    assert rates == [("DFS", 0.72, PLACEBO), ("DFS", 0.81, DRUG)]


# -- a measure's probability is its rate; the next arm's value after a semicolon ------------------------------


def test_survival_probability_is_a_rate() -> None:
    study = _study("The estimated 4-year overall survival probability was 64% for erlotinib and 55% for placebo.")
    rates = sorted((f.measure.value, f.value, f.arm) for f in study.findings if f.kind == Kind.RATE)
    assert rates == [("OS", 0.55, PLACEBO), ("OS", 0.64, DRUG)]
    study = _study("For the overall survival analysis, the posterior probability was 91%.")
    assert not [f for f in study.findings if f.kind == Kind.RATE and f.measure.value == "OS"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Among erlotinib patients the response rate was 38%; in the placebo arm, it was 21%.",
        "The response rate was 38% with erlotinib; for placebo, the corresponding figure was 21%.",
        "The response rate was 38% with erlotinib; placebo: 21%.",
    ],
)
def test_next_arm_after_a_semicolon(sentence: str) -> None:
    rates = sorted((f.measure.value, f.value, f.arm) for f in _study(sentence).findings if f.kind == Kind.RATE)
    assert rates == [("ORR", 0.21, PLACEBO), ("ORR", 0.38, DRUG)]


def test_other_event_after_a_semicolon_is_not_the_measure() -> None:
    rates = [(f.measure.value, f.value) for f in _study("The response rate was 38% with erlotinib; grade 3 rash occurred in 21%.").findings if f.kind == Kind.RATE]
    assert ("ORR", 0.21) not in rates



# -- two whole abstracts written in these phrasings ------------------------------------------------------


def _abstract(text: str) -> Study:
    lines = text.strip().split("\n")
    sections = tuple(Section(*line.split(": ", 1)) for line in lines[2:] if line.strip())
    return extract_study(Article(pmid="t8a", title=lines[0], sections=sections))


_MAINTENANCE = """Maintenance pemetrexed or watchful waiting after first-line platinum doublet chemotherapy for advanced non-squamous lung cancer: the MAPLE randomised phase III trial

Background: Whether continuing a non-platinum agent after induction chemotherapy helps patients whose disease has not progressed is still debated.
Methods: After four cycles of a platinum doublet, 312 patients without progression were allocated at random to maintenance pemetrexed (n = 157) or watchful waiting (n = 155). Progression-free survival was the primary end point; overall survival, response and safety were secondary.
Results: Progression-free survival was clearly longer with maintenance pemetrexed than with watchful waiting (5.6 v 2.9 months; hazard ratio 0.58, 95% CI 0.45-0.74). Overall survival was longer among those given maintenance pemetrexed (median, 15.1 months) than among those kept on watchful waiting (median, 12.4 months). The estimated 2-year survival probability was 31% for maintenance pemetrexed and 22% for watchful waiting. The disease control rate was 64% with maintenance pemetrexed; with watchful waiting, it was 47%. Grade 3 or 4 toxicity occurred in 19% of patients on maintenance pemetrexed and 4% of those on watchful waiting.
Conclusions: Maintenance pemetrexed delays progression and may prolong survival, at the cost of more toxicity."""

_ADJUVANT = """Bevacizumab added to adjuvant capecitabine after resection of stage III colon cancer (CAPRICE): a double-blind randomised trial

Background: Anti-angiogenic treatment given after curative surgery could in theory lower the chance of colon cancer coming back.
Methods: At 38 centres, 420 patients whose stage III colon cancer had been resected were randomly allocated to capecitabine plus bevacizumab (n = 211) or capecitabine plus placebo (n = 209) for six months. Three-year disease-free survival was the main end point.
Results: Relapses or deaths were counted in 52 and 68 patients of the capecitabine plus placebo and capecitabine plus bevacizumab groups, respectively. Three-year disease-free survival reached 74.1% and 68.0%, respectively. At 3 years, 89% of bevacizumab-treated and 87% of placebo-treated patients were alive, while median overall survival had not been reached in either group. Median disease-free survival stood at 4.1 years in both arms.
Conclusions: Bevacizumab gave no disease-free survival benefit when added to adjuvant capecitabine for resected stage III colon cancer."""


def test_abstract_with_compared_and_bracketed_medians() -> None:
    m, w = "maintenance pemetrexed", "watchful waiting"
    found = {(f.measure.value, f.kind.value, f.value, f.time_months, f.arm) for f in _abstract(_MAINTENANCE).findings}
    assert found >= {
        ("PFS", "median", 5.6, None, m), ("PFS", "median", 2.9, None, w), ("OS", "median", 15.1, None, m), ("OS", "median", 12.4, None, w),
        ("OS", "rate", 0.31, 24.0, m), ("OS", "rate", 0.22, 24.0, w), ("DCR", "rate", 0.64, None, m), ("DCR", "rate", 0.47, None, w),
        ("TOX_G3PLUS", "rate", 0.19, None, m), ("TOX_G3PLUS", "rate", 0.04, None, w),
    }


def test_abstract_with_earlier_order_adjectives_and_shared_values() -> None:
    b, p = "capecitabine plus bevacizumab", "capecitabine plus placebo"
    study = _abstract(_ADJUVANT)
    found = {(f.measure.value, f.kind.value, f.value, f.time_months, f.arm, f.not_reached) for f in study.findings}
    assert found == {
        ("DFS", "rate", 0.68, 36.0, b, False), ("DFS", "rate", 0.741, 36.0, p, False), ("OS", "rate", 0.89, 36.0, b, False),
        ("OS", "rate", 0.87, 36.0, p, False), ("OS", "median", None, None, b, True), ("OS", "median", None, None, p, True),
        ("DFS", "median", 49.2, None, b, False), ("DFS", "median", 49.2, None, p, False),
    }


# -- survival told by its verb -----------------------------------------------------------------------------


def test_survived_a_median_of() -> None:
    sentence = "Those given erlotinib survived a median of 13.4 months, against 9.9 months for those given placebo."
    assert _medians(_study(sentence)) == [("OS", 9.9, PLACEBO), ("OS", 13.4, DRUG)]
    sentence = "Women on erlotinib lived for a median of 13.4 months and women on placebo for a median of 9.9 months."
    assert _medians(_study(sentence)) == [("OS", 9.9, PLACEBO), ("OS", 13.4, DRUG)]


def test_a_group_defined_by_its_survival_is_no_median() -> None:
    assert not _medians(_study("Patients who survived a median of 3 years were interviewed about their care."))


# -- a longer verdict, then a bracket opening with "median" ------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "PFS was considerably improved for the erlotinib group (median, 7.3 v 4.2 months; P = .01).",
        "Progression-free survival, our primary end point, clearly favoured the erlotinib arm (median 7.3 vs 4.2 months).",
    ],
)
def test_far_bracket_opening_with_median(sentence: str) -> None:
    assert _medians(_study(sentence)) == [("PFS", 4.2, PLACEBO), ("PFS", 7.3, DRUG)]


def test_far_bracket_with_follow_up_is_not_survival() -> None:
    sentence = "Overall survival was analysed after a longer follow-up in both arms (median follow-up 30 vs 28 months)."
    assert not [m for m in _medians(_study(sentence)) if m[0] == "OS"]
