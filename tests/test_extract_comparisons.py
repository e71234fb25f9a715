"""Per-arm values of any outcome (extractors/comparisons.py): OTHER findings named by the authors' words.

Every sentence here is invented; each test names the general phrasing it stands for.
"""

from __future__ import annotations

import json

import pytest

from evidence.evaluation.scoring import family_of
from evidence.records import Article, Finding, Kind, Measure, Section, Study, Unit, study_from_json, study_to_json
from evidence.tables import evidence_values, value_column
from extractors.attribution import mention_patterns
from extractors.comparisons import find_comparisons
from extractors.outcome_names import outcome_name
from extractors.pipeline import extract_study

_DESIGN = "Women with operable breast cancer were randomly assigned to letrozole (n = 150) or tamoxifen (n = 148). "


def _study(sentence: str, design: str = _DESIGN) -> Study:
    return extract_study(Article(pmid="c1", sections=(Section("", design + sentence),)))


_READ_HERE = (Measure.OTHER, Measure.TTP, Measure.DOR)


def _other(study: Study) -> list[tuple[str, float | None, str | None, str | None]]:
    return sorted((f.kind.value, f.value, f.arm, f.outcome) for f in study.findings if f.measure in _READ_HERE)


@pytest.mark.parametrize(
    ("sentence", "outcome"),
    [
        # "X% of patients receiving A and in Y% of those treated with B"
        ("Grade 3 or 4 neutropenia occurred in 31.5% of patients receiving letrozole and in 12.2% of those treated with tamoxifen.",
         "Grade 3 or 4 neutropenia"),
        # "X% in the A arm and Y% in the B arm"
        ("Vaginal bleeding occurred in 31.5% of patients in the letrozole arm and 12.2% in the tamoxifen arm.", "Vaginal bleeding"),
        # "X% and Y% in the A and B groups, respectively"
        ("Arthralgia was reported in 31.5% and 12.2% in the letrozole and tamoxifen groups, respectively.", "Arthralgia"),
        # "for A and B, respectively, ... (X% and Y%)"
        ("For letrozole and tamoxifen, respectively, the commonest event was hot flushes (31.5% and 12.2%).", "hot flushes"),
        # "(A, X%; B, Y%)"
        ("Rates of endometrial thickening were similar (letrozole, 31.5%; tamoxifen, 12.2%).", "endometrial thickening"),
        # "A: X%; B: Y%"
        ("Nausea: letrozole 31.5%; tamoxifen 12.2%.", "Nausea"),
        # "(A: X%, B: Y%; P = ...)"
        ("Insomnia (letrozole: 31.5%, tamoxifen: 12.2%; P = .01) was more frequent with letrozole.", "Insomnia"),
        # "X% of A recipients compared with Y% of B recipients"
        ("Severe fatigue occurred in 31.5% of letrozole recipients compared with 12.2% of tamoxifen recipients.", "Severe fatigue"),
        # "X% with A versus Y% with B"
        ("Breast-conserving surgery was possible in 31.5% with letrozole versus 12.2% with tamoxifen.", "Breast-conserving surgery"),
    ],
)
def test_two_rates_with_their_arms(sentence: str, outcome: str) -> None:
    assert _other(_study(sentence)) == [("rate", 0.122, "tamoxifen", outcome), ("rate", 0.315, "letrozole", outcome)]


@pytest.mark.parametrize(
    "sentence",
    [
        "Hot flashes were reported by 31.5% vs 12.2% of women (P = .02).",  # "X% vs Y%" in the order the arms were named
        "Hot flashes were more common (31.5% versus 12.2%; P = .02).",  # "(X% versus Y%; P = ...)"
        "Hot flashes were reported in 31.5% and 12.2% of women, respectively (P = .02).",  # "respectively" with no arm named
    ],
)
def test_values_without_arm_names_follow_the_order_the_arms_were_named(sentence: str) -> None:
    found = [f for f in _study(sentence).findings if f.measure == Measure.OTHER]
    assert sorted((f.value, f.arm, f.outcome) for f in found) == [(0.122, "tamoxifen", "Hot flashes"), (0.315, "letrozole", "Hot flashes")]
    assert all(f.p == 0.02 for f in found)  # the p-value is the comparison's, never a value


@pytest.mark.parametrize(
    ("sentence", "outcome"),
    [
        # the outcome named between the two values, a comparison word before the second
        ("In the letrozole arm, 31.5% of patients reported better sleep quality versus 12.2% in the tamoxifen arm (P = .08).",
         "better sleep quality"),
        ("After surgery, 47 (31.5 per cent) of 150 women developed a seroma in the letrozole group, compared with 18 (12.2 per cent) of 148 "
         "in the tamoxifen group.", "seroma"),
        # the outcome named after the values
        ("Overall, slightly more women in the letrozole arm (31.5%) than in the tamoxifen arm (12.2%) discontinued assigned treatment.",
         "discontinued assigned treatment"),
        ("Myalgia was frequent, with 31.5% of patients in the letrozole arm and 12.2% in the tamoxifen arm experiencing grade 2 myalgia.",
         "Myalgia"),
        # a predicate, a comma, then the values
        ("Serious adverse events were similar, 31.5% for letrozole versus 12.2% for tamoxifen.", "Serious adverse events"),
        # "(n of N, X per cent)" after each arm
        ("Similar proportions developed lymphoedema in the letrozole (47 of 150, 31.5 per cent) and tamoxifen (18 of 148, 12.2 per cent) groups.",
         "lymphoedema"),
    ],
)
def test_outcome_named_between_or_after_the_values(sentence: str, outcome: str) -> None:
    assert _other(_study(sentence)) == [("rate", 0.122, "tamoxifen", outcome), ("rate", 0.315, "letrozole", outcome)]


def test_a_bare_number_before_a_percentage_shares_its_sign() -> None:
    # "41 and 43%, respectively", "100 vs 57.1%"
    assert _other(_study("In women whose disease could be measured, clinical benefit rates were 31.5 and 12.2%, respectively.")) == [
        ("rate", 0.122, "tamoxifen", "clinical benefit rates"), ("rate", 0.315, "letrozole", "clinical benefit rates")]
    assert _other(_study("Specificity was lower with letrozole (31.5 vs 12.2%).")) == [
        ("rate", 0.122, "tamoxifen", "Specificity"), ("rate", 0.315, "letrozole", "Specificity")]


def test_numbered_groups_are_not_values() -> None:
    design = "Women were randomly assigned to early physiotherapy (group 1, n = 64) or usual care (group 2, n = 55). "
    study = _study("Arm lymphoedema occurred in 18.8% (12 of 64) for group 1 and 25.5% (14 of 55) for group 2.", design)
    assert _other(study) == [("rate", 0.188, "early physiotherapy (group 1)", "Arm lymphoedema"), ("rate", 0.255, "usual care (group 2)", "Arm lymphoedema")]


def test_counts_and_denominators_printed_with_the_percentages() -> None:
    # "n/N (X%) vs m/M (Y%)"
    study = _study("Fatigue was observed in 30/150 (20%) vs 44/148 (30%) patients.")
    assert sorted((f.value, f.count, f.denominator, f.arm) for f in study.findings if f.measure == Measure.OTHER) == [
        (0.2, 30, 150, "letrozole"), (0.3, 44, 148, "tamoxifen")]
    # "in N (X%) and M (Y%) patients"
    study = _study("Lymphoedema developed in 12 (8%) and 25 (17%) women in the letrozole and tamoxifen groups, respectively.")
    assert sorted((f.value, f.count, f.arm) for f in study.findings if f.measure == Measure.OTHER) == [
        (0.08, 12, "letrozole"), (0.17, 25, "tamoxifen")]


@pytest.mark.parametrize(
    ("sentence", "measure", "outcome", "values"),
    [
        # "median time to X was A months with ... and B months with ...": time to progression has a measure of its own
        ("Median time to progression was 9.4 months with letrozole and 6.0 months with tamoxifen.", Measure.TTP, "time to progression", (9.4, 6.0)),
        ("TTP was longer with letrozole (median TTP, 9.4 v 6.0 months; P < .001).", Measure.TTP, "TTP", (9.4, 6.0)),
        # "A vs B months" (the unit written once)
        ("Median time to treatment failure was 8.1 vs 5.7 months (P = .003).", Measure.OTHER, "time to treatment failure", (8.1, 5.7)),
        # "A and B months in the X and Y arms, respectively"; a time to an event is a median without the word
        ("Duration of response was 18 and 14 months in the letrozole and tamoxifen arms, respectively.", Measure.DOR, "Duration of response",
         (18.0, 14.0)),
        # "A [IQR] days in the X group and B [IQR] days in the Y group": days converted to months
        ("Median time to drain removal was 12 [9-16] days in the letrozole group and 6 [4-8] days in the tamoxifen group.",
         Measure.OTHER, "time to drain removal", (round(12 / 30.4375, 6), round(6 / 30.4375, 6))),
    ],
)
def test_medians_with_a_time_unit(sentence: str, measure: Measure, outcome: str, values: tuple[float, float]) -> None:
    found = [f for f in _study(sentence).findings if f.measure in _READ_HERE]
    assert [(f.measure, f.kind, f.unit, f.outcome) for f in found] == [(measure, Kind.MEDIAN, Unit.MONTHS, outcome)] * 2
    assert sorted((f.arm, f.value) for f in found) == [("letrozole", values[0]), ("tamoxifen", values[1])]
    assert all(family_of(f) is None for f in found)  # not annotated in the development set


def test_a_value_whose_outcome_cannot_be_named_keeps_its_arm_and_no_name() -> None:
    study = _study("At the final visit, 31.5% vs 12.2% (P = .01).")
    assert _other(study) == [("rate", 0.122, "tamoxifen", None), ("rate", 0.315, "letrozole", None)]
    assert all("outcome" not in f.to_json() for f in study.findings)


def test_every_value_keeps_its_evidence() -> None:
    sentence = "Grade 3 or 4 neutropenia occurred in 31.5% of patients receiving letrozole and in 12.2% of those treated with tamoxifen."
    study = _study(sentence)
    text = _DESIGN + sentence
    for f in (f for f in study.findings if f.measure == Measure.OTHER):
        assert f.evidence is not None and f.evidence.sentence == sentence
        assert text[f.evidence.start : f.evidence.end] == f.evidence.text == f"{100 * f.value:g}%"


@pytest.mark.parametrize(
    "sentence",
    [
        "The median age was 54 vs 56 years in the letrozole and tamoxifen groups.",  # baseline, not an outcome
        "Postmenopausal women made up 60% vs 62% of the letrozole and tamoxifen groups.",  # baseline characteristics
        "Stage II disease was present in 45% and 48% of the letrozole and tamoxifen groups, respectively.",
        "The hazard ratio for recurrence was 0.72 (95% CI, 0.60 to 0.88; P < .001).",  # HR and CI are not rates
        "Letrozole reduced the risk of fracture by 25% compared with tamoxifen.",  # a relative change
        "Letrozole gave a 25% reduction in fractures compared with tamoxifen.",
        "Median follow-up was 60 and 58 months in the letrozole and tamoxifen groups.",  # follow-up is not an outcome
        "Women were randomly assigned to letrozole (50%; n = 150) or tamoxifen (50%; n = 148).",  # shares of the sample
        "With two-sided alpha 0.05 and 80% power to detect a 35% difference, 130 patients per arm were needed.",  # design figures
        "Patients in the letrozole arm received 0.25% ropivacaine before surgery.",  # a strength, not a rate
        "Bone density had increased by 4.7 and 2.9% from baseline in the letrozole and tamoxifen groups, respectively.",  # changes
        # who went where: an allocation verb, or shares with decimals that add up to 100%
        "Of 320 women approached, 150 (50.3%) were randomised to letrozole and 148 (49.7%) to tamoxifen.",
        "Records were available for 300 women: 160 (53.3%) treated with letrozole and 140 (46.7%) treated with tamoxifen.",
    ],
)
def test_not_outcome_comparisons(sentence: str) -> None:
    assert _other(_study(sentence)) == []


def test_one_arm_studies_give_no_other_findings() -> None:
    design = "We treated 80 women with letrozole in a single-arm phase II study. "
    assert _other(_study("Hot flashes were reported by 31.5% and arthralgia by 12.2% of women.", design)) == []
    assert _other(_study("Grade 3 neutropenia occurred in 31.5% of patients receiving letrozole.", design)) == []


def test_a_value_read_as_a_named_measure_is_not_read_again() -> None:
    study = _study("The objective response rate was 31.5% with letrozole and 12.2% with tamoxifen (P = .01).")
    assert sorted((f.measure.value, f.value, f.arm) for f in study.findings if f.kind == Kind.RATE) == [
        ("ORR", 0.122, "tamoxifen"), ("ORR", 0.315, "letrozole")]


def test_a_single_value_needs_its_own_arm_nearby() -> None:
    study = _study("In the letrozole arm, the treatment completion rate was 91.5%.")
    assert _other(study) == [("rate", 0.915, "letrozole", "treatment completion rate")]
    # the arm named before belongs to the earlier value: the later one is left alone
    study = _study("Nausea (29%) was common in the letrozole arm, whereas arthralgia (36%) was common in the tamoxifen arm.")
    assert ("rate", 0.36, "letrozole", "arthralgia") not in _other(study)


def test_find_comparisons_on_plain_text() -> None:
    arms = mention_patterns(["letrozole", "tamoxifen"])
    text = "Grade 3 or 4 neutropenia occurred in 31.5% of patients receiving letrozole and in 12.2% of those treated with tamoxifen."
    hits = find_comparisons(text, [(0, len(text))], arms)
    assert [(text[h.start : h.end], h.payload["arm"], h.payload["measure"]) for h in hits] == [
        ("31.5%", "letrozole", "OTHER"), ("12.2%", "tamoxifen", "OTHER")]
    assert find_comparisons(text, [(0, len(text))], arms, taken=[(37, 42)]) == []  # a value already read: the group is left
    assert find_comparisons(text, [(0, len(text))], mention_patterns(["letrozole"])) == []  # one arm: nothing to compare
    called = []
    assert find_comparisons("No numbers here.", [(0, 16)], lambda: called.append(1) or arms) == []
    assert called == []  # the arm mentions are built only for a sentence worth reading


@pytest.mark.parametrize(
    ("text", "value", "name"),
    [
        ("Grade 3/4 neutropenia occurred in 39%", "39%", "Grade 3/4 neutropenia"),
        ("clinical benefit (CB) was achieved in 83%", "83%", "clinical benefit"),
        ("Rates of breast-conserving surgery were slightly more frequent in the letrozole arm (41%", "41%", "breast-conserving surgery"),
        ("the median time to progression (TTP) in patients achieving a response was 18.0 months", "18.0", "time to progression"),
        ("a higher incidence of hand-foot syndrome (24%", "24%", "hand-foot syndrome"),
        ("The cumulative incidence of contralateral cancer after 10 years was 7.5%", "7.5%", "contralateral cancer"),
        ("They were higher in the letrozole group (10%", "10%", ""),
        ("At data cutoff, 89%", "89%", ""),
    ],
)
def test_outcome_name(text: str, value: str, name: str) -> None:
    assert outcome_name(text, text.rfind(value)) == name


def test_outcome_is_written_to_json_only_when_set_and_read_back() -> None:
    plain = Finding(Measure.ORR, Kind.RATE, 0.3, Unit.PROPORTION)
    assert "outcome" not in plain.to_json()
    other = Finding(Measure.OTHER, Kind.RATE, 0.3, Unit.PROPORTION, arm="letrozole", outcome="hot flashes")
    data = json.loads(json.dumps(other.to_json()))
    assert data["measure"] == "OTHER" and data["outcome"] == "hot flashes"
    assert Finding.from_json(data) == other
    study = Study(article=Article(pmid="9"), findings=(other, plain))
    assert study_from_json(json.loads(json.dumps(study_to_json(study)))).findings == (other, plain)


def test_tables_name_other_outcomes_and_the_dev_scorer_leaves_them() -> None:
    other = Finding(Measure.OTHER, Kind.RATE, 0.3, Unit.PROPORTION, arm="letrozole", outcome="hot flashes")
    assert value_column(other) == "OTHER: hot flashes_pct"
    assert value_column(Finding(Measure.OTHER, Kind.MEDIAN, 9.4, Unit.MONTHS, outcome="time to progression")) == "OTHER: time to progression_median_months"
    table = evidence_values([Study(article=Article(pmid="9"), findings=(other,))])
    assert table.rows[0]["outcome"] == "hot flashes" and table.rows[0]["measure"] == "OTHER"
    assert family_of(other) is None


def test_other_findings_cannot_be_corrected_by_measure() -> None:
    from evidence.corrections import parse_correction_value
    from evidence.errors import InputError

    with pytest.raises(InputError, match="OTHER"):
        parse_correction_value(Measure.OTHER, "30%")


def test_time_to_progression_is_corrected_as_a_median() -> None:
    from evidence.corrections import Correction, apply_corrections, parse_correction_value
    from evidence.errors import InputError

    assert parse_correction_value(Measure.TTP, "9.4") == 9.4
    with pytest.raises(InputError):
        parse_correction_value(Measure.DOR, "30%")  # months, not a percentage
    extracted = Finding(Measure.TTP, Kind.MEDIAN, 9.1, Unit.MONTHS, arm="letrozole", outcome="time to progression")
    study = apply_corrections(Study(article=Article(pmid="9"), findings=(extracted,)), [Correction("9", Measure.TTP, 9.4, "misread", "letrozole")])
    assert [(f.kind, f.value, f.original_value, f.outcome) for f in study.findings] == [(Kind.MEDIAN, 9.4, 9.1, "time to progression")]


def test_degree_words_of_a_comparison_are_not_the_outcome() -> None:
    # "were a little more common with A", "was somewhat higher with B": the name is before the degree words
    assert _other(_study("Hot flushes were a little more common with tamoxifen (38% vs 29%).")) == [
        ("rate", 0.29, "letrozole", "Hot flushes"), ("rate", 0.38, "tamoxifen", "Hot flushes")]
    assert _other(_study("Arthralgia was markedly more frequent with letrozole (31% vs 17%).")) == [
        ("rate", 0.17, "tamoxifen", "Arthralgia"), ("rate", 0.31, "letrozole", "Arthralgia")]


@pytest.mark.parametrize(
    "sentence",
    [
        # several outcomes of one arm: the arm opens the clause ("respectively") or closes the values
        "In the letrozole group, the rates of nausea and vomiting were 12% and 7%, respectively.",
        "Nausea and vomiting occurred in 12% and 7% of patients receiving letrozole.",
        "For letrozole, nausea and vomiting were seen in 12% and 7% of women, respectively.",
    ],
)
def test_several_outcomes_of_one_arm_go_to_that_arm_with_their_own_names(sentence: str) -> None:
    # (an earlier version left these alone; the values are the arm's, and the names say which is which)
    assert [(v, arm, name.lower()) for _, v, arm, name in _other(_study(sentence))] == [
        (0.07, "letrozole", "vomiting"), (0.12, "letrozole", "nausea")]


@pytest.mark.parametrize(
    "sentence",
    [
        # "x% and y% in the A group; z% and w% in the B group"
        "Hot flushes and night sweats were reported by 31% and 22% of women in the letrozole arm and by 12% and 9% of women in the tamoxifen arm.",
        "The rates of hot flushes and night sweats were 31% (95% CI, 24 to 38) and 22% (16 to 29) in the letrozole group; "
        "12% (8 to 18) and 9% (5 to 14) in the tamoxifen group.",
        # "in the A arm, x% and y%; in the B arm, z% and w%"
        "Hot flushes and night sweats occurred as follows: in the letrozole arm, 31% and 22%; in the tamoxifen arm, 12% and 9%.",
    ],
)
def test_several_outcomes_per_arm_in_runs(sentence: str) -> None:
    assert [(v, arm) for _, v, arm, _ in _other(_study(sentence))] == [
        (0.09, "tamoxifen"), (0.12, "tamoxifen"), (0.22, "letrozole"), (0.31, "letrozole")]


def test_names_of_runs_follow_the_order_of_the_outcomes() -> None:
    study = _study("The rates of nausea, vomiting and fatigue were 31%, 22% and 10% in the letrozole arm; 12%, 9% and 8% in the tamoxifen arm.")
    assert _other(study) == [
        ("rate", 0.08, "tamoxifen", "fatigue"), ("rate", 0.09, "tamoxifen", "vomiting"), ("rate", 0.1, "letrozole", "fatigue"),
        ("rate", 0.12, "tamoxifen", "nausea"), ("rate", 0.22, "letrozole", "vomiting"), ("rate", 0.31, "letrozole", "nausea")]


@pytest.mark.parametrize(
    "sentence",
    [
        # "name (x%) and name (y%) in the A arm and name (z%) ... in the B arm": the arm closes each list
        "Common events were arthralgia (31%) and fatigue (22%) in the letrozole arm and hot flushes (12%), nausea (9%) and headache (5%) "
        "in the tamoxifen arm.",
        # the arm opens each list
        "In the letrozole arm: arthralgia (31%), fatigue (22%); in the tamoxifen arm: hot flushes (12%), nausea (9%), headache (5%).",
    ],
)
def test_values_in_a_list_the_arm_opens_or_closes(sentence: str) -> None:
    assert _other(_study(sentence)) == [
        ("rate", 0.05, "tamoxifen", "headache"), ("rate", 0.09, "tamoxifen", "nausea"), ("rate", 0.12, "tamoxifen", "hot flushes"),
        ("rate", 0.22, "letrozole", "fatigue"), ("rate", 0.31, "letrozole", "arthralgia")]


@pytest.mark.parametrize(
    "sentence",
    [
        # runs of unequal length with no arm for each: left alone
        "The rates were 31%, 22% and 10% in the letrozole arm and 12% in the tamoxifen arm.",
        # an arm opening a clause that is a reference ("compared with B, ... x% and y%, respectively")
        "Compared with tamoxifen, the rates of nausea and vomiting were 12% and 7%, respectively.",
        # "respectively" with two arms, only one of them recognised: not both values for the one
        "No nausea was reported by 50% and 11% in the letrozole group and in the comparison group, respectively.",
    ],
)
def test_several_values_without_a_clear_arm_each_are_left_alone(sentence: str) -> None:
    assert [(v, arm) for _, v, arm, _ in _other(_study(sentence)) if arm == "letrozole"] == []


@pytest.mark.parametrize(
    "sentence",
    [
        # "N (x%) of the M patients in the A group ..., as did K (y%) of the L patients in the B group"
        "Three (2%) of the 150 women in the letrozole group needed a transfusion, as did 9 (6%) of the 148 women in the tamoxifen group.",
        "Transfusion was needed by 3 (2%) of 150 patients receiving letrozole; it was needed by 9 (6%) of 148 patients receiving tamoxifen.",
    ],
)
def test_a_share_of_the_arms_total(sentence: str) -> None:
    assert [(v, arm) for _, v, arm, _ in _other(_study(sentence))] == [(0.02, "letrozole"), (0.06, "tamoxifen")]


@pytest.mark.parametrize(
    "sentence",
    [
        # "N events (x%) and M events (y%), respectively", "N patients (x%) of A and M patients (y%) of B"
        "More wound infections occurred with letrozole than with tamoxifen: 30 events (20%) and 15 events (10%), respectively.",
        "Seroma was drained in 30 patients (20%) of the letrozole group and 15 patients (10%) of the tamoxifen group.",
    ],
)
def test_counts_of_things_before_each_share(sentence: str) -> None:
    assert [(v, arm) for _, v, arm, _ in _other(_study(sentence))] == [(0.1, "tamoxifen"), (0.2, "letrozole")]


def test_times_to_an_event_are_medians_when_plural() -> None:
    found = [f for f in _study("Letrozole gave longer times to treatment failure (9.5 vs. 2.8 months, P = .002).").findings if f.measure in _READ_HERE]
    assert sorted((f.arm, f.value, f.kind) for f in found) == [("letrozole", 9.5, Kind.MEDIAN), ("tamoxifen", 2.8, Kind.MEDIAN)]


def test_the_comparative_word_nearest_the_values_says_whose_value_is_which() -> None:
    # "Compared with B, A had a lower X (a vs b) and longer Y (c vs d)": each pair follows its own comparative word
    sentence = "Compared with tamoxifen, letrozole gave a lower rate of relapse (15.8% vs. 28.5%) and longer times to relapse (9.5 vs. 2.8 months)."
    found = [f for f in _study(sentence).findings if f.measure in _READ_HERE]
    assert sorted((f.kind.value, f.value, f.arm) for f in found) == [
        ("median", 2.8, "tamoxifen"), ("median", 9.5, "letrozole"), ("rate", 0.158, "letrozole"), ("rate", 0.285, "tamoxifen")]


@pytest.mark.parametrize(
    ("sentence", "values", "outcome"),
    [
        # "median X unit (range) in the A arm vs Y unit (range) in the B arm": kept in the unit printed
        ("The median recovery room stay was 62 minutes (range, 25-240 minutes) in the letrozole arm vs 48 minutes (range, 10-95 minutes) "
         "in the tamoxifen arm (P = .002).", (62.0, 48.0), "recovery room stay (minutes)"),
        # the unit printed once, after the last value
        ("Endometrial thickness rose more with tamoxifen than with letrozole (median 4.6 versus 2.1 mm, P = .01).", (2.1, 4.6), "Endometrial thickness (mm)"),
        ("Median drain output was 310 ml with letrozole and 450 ml with tamoxifen.", (310.0, 450.0), "drain output (ml)"),
    ],
)
def test_medians_in_the_unit_printed(sentence: str, values: tuple[float, float], outcome: str) -> None:
    found = [f for f in _study(sentence).findings if f.measure == Measure.OTHER]
    assert sorted((f.arm, f.value, f.kind, f.unit, f.outcome) for f in found) == [
        ("letrozole", values[0], Kind.MEDIAN, Unit.AS_PRINTED, outcome), ("tamoxifen", values[1], Kind.MEDIAN, Unit.AS_PRINTED, outcome)]
    assert value_column(found[0]) == f"OTHER: {outcome}_median"  # no "months" in the column of a value that is not in months


@pytest.mark.parametrize(
    "sentence",
    [
        "The median pain score was 3 in the letrozole arm and 5 in the tamoxifen arm.",  # no unit printed: left alone
        "The median age was 54 vs 56 years in the letrozole and tamoxifen groups.",  # baseline, and a time
        "The median dose was 250 mg in the letrozole arm and 20 mg in the tamoxifen arm.",  # a dose is not an outcome
        "The median number of cycles was 6 and 4 in the letrozole and tamoxifen groups.",
        "Median operating time was 62 minutes (range, 25-240 minutes).",  # one value, no comparison
    ],
)
def test_not_medians_in_the_unit_printed(sentence: str) -> None:
    assert [f for f in _study(sentence).findings if f.measure == Measure.OTHER and f.unit == Unit.AS_PRINTED] == []


def test_quitting_smoking_is_an_outcome_not_a_baseline_trait() -> None:
    assert [(v, arm) for _, v, arm, _ in _other(_study("Smoking cessation at one year was similar, 14% versus 11%."))] == [
        (0.11, "tamoxifen"), (0.14, "letrozole")]
    assert _other(_study("Current smoking was reported by 14% versus 11% of women.")) == []  # a baseline trait


def test_respectively_in_another_clause_does_not_decide_the_arms() -> None:
    # one arm named before pairs of values in brackets; the "respectively" ends the sentence, after the last clause break
    sentence = ("More women in the letrozole group reported no pain (41.5% [95% CI, 35.0%-48.0%] vs 30.5% [95% CI, 24.6%-36.9%]; P = .01) "
                "and no fatigue (60.5% [95% CI, 54.0%-66.0%] vs 52.5% [95% CI, 46.0%-58.0%]; P = .03) in the first month respectively.")
    found = {(v, arm) for _, v, arm, _ in _other(_study(sentence))}
    assert {(0.415, "letrozole"), (0.605, "letrozole"), (0.525, "tamoxifen")} <= found
    assert not any(arm == "letrozole" and v in (0.305, 0.525) for v, arm in found)


@pytest.mark.parametrize(
    "sentence",
    [
        # a subgroup a baseline trait defines, each value written with its arm: an outcome
        "The benefit was seen in patients with stage II disease (91% in the letrozole group vs. 82% in the tamoxifen group; P = 0.01).",
        "Among women younger than 50 years of age, 91% in the letrozole arm and 82% in the tamoxifen arm were free of recurrence.",
    ],
)
def test_values_of_a_subgroup_with_their_arms(sentence: str) -> None:
    found = _other(_study(sentence))
    assert [(v, arm) for _, v, arm, _ in found] == [(0.82, "tamoxifen"), (0.91, "letrozole")]
    assert all(name.startswith("subgroup") for _, _, _, name in found)  # the words name the subgroup, not the outcome


def test_a_baseline_share_with_arms_is_still_not_an_outcome() -> None:
    assert _other(_study("Women with stage II disease made up 45% in the letrozole group and 48% in the tamoxifen group.")) == []


def test_an_arm_named_only_in_an_earlier_sentence() -> None:
    # "In the A arm, ... . Nausea occurred in 29% ...": the opening arm holds for the next sentences that name no arm
    text = ("In the letrozole arm, 40 women completed treatment. Nausea occurred in 29% and vomiting in 12%. "
            "In the tamoxifen arm, 38 women completed treatment. Nausea occurred in 18% and vomiting in 7%.")
    assert _other(_study(text)) == [
        ("rate", 0.07, "tamoxifen", "vomiting"), ("rate", 0.12, "letrozole", "vomiting"), ("rate", 0.18, "tamoxifen", "Nausea"),
        ("rate", 0.29, "letrozole", "Nausea")]


def test_the_opening_arm_holds_for_every_clause_of_its_sentence() -> None:
    found = [f for f in _study("In the letrozole arm, the completion rate was 81.7% and the relative dose intensity was 95.1%.").findings
             if f.measure == Measure.OTHER]
    assert sorted((f.value, f.arm) for f in found) == [(0.817, "letrozole"), (0.951, "letrozole")]


@pytest.mark.parametrize(
    "text",
    [
        # a sentence about everyone ends the opening arm's hold
        "In the letrozole arm, 40 women completed treatment. Overall, nausea occurred in 29% of women.",
        # so does a sentence naming the other arm, and a later sentence is past the hold
        "In the letrozole arm, 40 women completed treatment. Tamoxifen was stopped early in 3 women. Nausea occurred in 29% of women.",
        "In the letrozole arm, 40 women completed. Doses were reduced in 5. Delays were few. Nausea occurred in 29% of women.",
    ],
)
def test_the_opening_arm_does_not_reach_too_far(text: str) -> None:
    assert [x for x in _other(_study(text)) if x[1] == 0.29] == []


def test_a_comparison_after_an_opening_arm_keeps_the_arms_order() -> None:
    text = "In the letrozole arm, 40 women completed treatment. Hot flashes were more frequent (29% vs 12%)."
    assert [(v, arm) for _, v, arm, _ in _other(_study(text))] == [(0.12, "tamoxifen"), (0.29, "letrozole")]


def test_a_median_named_after_its_values_and_a_time_point_that_is_not_one() -> None:
    # "OS at 3 years" is a time point; "17.4 versus 16.8 months median time to recurrence in the A and B arms": named after
    sentence = ("There was no difference: 31.5% versus 12.2% alive at 3 years (P = .8) and 17.4 versus 16.8 months median time to recurrence "
                "in the letrozole and tamoxifen arms, respectively.")
    found = [f for f in _study(sentence).findings if f.kind == Kind.MEDIAN]
    assert sorted((f.arm, f.value, f.outcome) for f in found) == [("letrozole", 17.4, "time to recurrence"), ("tamoxifen", 16.8, "time to recurrence")]


def test_a_time_to_an_event_that_opens_the_clause_names_the_values() -> None:
    sentence = "Time to symptom worsening was delayed in the letrozole arm versus the tamoxifen arm (7.1 months versus 4.6 months, respectively)."
    found = [f for f in _study(sentence).findings if f.kind == Kind.MEDIAN]
    assert sorted((f.arm, f.value, f.outcome) for f in found) == [
        ("letrozole", 7.1, "Time to symptom worsening"), ("tamoxifen", 4.6, "Time to symptom worsening")]
    # a mean is not a median
    assert [f for f in _study(sentence.replace("Time to", "Mean time to")).findings if f.kind == Kind.MEDIAN] == []


@pytest.mark.parametrize(
    ("sentence", "outcome"),
    [
        # "A improved X from a to b months": a is the other arm's, b the subject arm's
        ("Treatment with letrozole significantly improved median TTP from 6.1 to 9.5 months (P = .001).", "TTP"),
        ("Compared with tamoxifen, letrozole prolonged the median time to relapse from 6.1 to 9.5 months.", "time to relapse"),
    ],
)
def test_a_time_changed_from_one_arm_to_the_other(sentence: str, outcome: str) -> None:
    found = [f for f in _study(sentence).findings if f.kind == Kind.MEDIAN]
    assert sorted((f.arm, f.value, f.outcome) for f in found) == [("letrozole", 9.5, outcome), ("tamoxifen", 6.1, outcome)]


@pytest.mark.parametrize(
    "sentence",
    [
        "In the letrozole group, the median time to relapse was prolonged from 6.1 to 9.5 months.",  # within one group
        "Letrozole reduced the rate of hot flushes from 40% to 22% (P = .01).",  # shares: as often a change over time
        "The dose was reduced from 100 to 75 mg in the letrozole arm.",
    ],
)
def test_changes_that_do_not_set_the_arms_side_by_side(sentence: str) -> None:
    assert [f for f in _study(sentence).findings if f.measure == Measure.OTHER or f.kind == Kind.MEDIAN and f.measure == Measure.TTP] == []


def test_the_reference_side_given_after_an_earlier_sentence() -> None:
    # "A's rates were x and y. They were higher than those of the B group (z% and w%)": the bracket is B's
    text = "In the letrozole group, the rates were 28.6% and 26.5%. They were higher than those of the tamoxifen group (10.4% and 8.3%)."
    assert [(v, arm) for _, v, arm, _ in _other(_study(text)) if v < 0.2] == [(0.083, "tamoxifen"), (0.104, "tamoxifen")]
    # a comparison with one arm named and a sign of the other side stays a comparison of the two arms
    assert [(v, arm) for _, v, arm, _ in _other(_study("Response was better with letrozole (31.5% and 12.2%, P = .01)."))] == [
        (0.122, "tamoxifen"), (0.315, "letrozole")]
