"""Per-arm attribution on the phrasings of real trial reports (extractors/attribution.py): words that look like an
arm name but name an outcome, values listed under one arm, arms named as a pair right before their values, and an arm
name that closes an earlier value.  Every sentence here is invented for the test."""

from __future__ import annotations

import re

import pytest

from extractors.attribution import arm_spans_in, arms_for, mention_patterns
from extractors.lexicon import load_lexicon
from extractors.outcomes import find_outcomes


def _named(sentence: str, labels: list[str], text: str = "") -> list[tuple[str, str]]:
    """(words in the sentence, arm label) for every arm mention found."""
    return [(sentence[a:b], label) for a, b, label in arm_spans_in(sentence, mention_patterns(labels, text))]


def _arms_of_values(sentence: str, labels: list[str], text: str = "") -> dict[float, str | None]:
    """Outcome value -> arm for every rate or median the extractor reads in one sentence."""
    hits = find_outcomes(sentence, [(0, len(sentence))], load_lexicon(), mention_patterns(labels, text))
    return {h.payload["value"]: h.payload["arm"] for h in hits if h.payload["kind"] in ("rate", "median")}


def _values(sentence: str, *numbers: str) -> list[dict]:
    """``start``/``end`` dicts for the given numbers, in order, as the finders pass them to arms_for."""
    out, at = [], 0
    for number in numbers:
        at = sentence.index(number, at)
        out.append({"start": at, "end": at + len(number)})
        at += len(number)
    return out


# -- "control" naming an outcome, not the control arm ---------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "The disease control rate was higher with nivolumab.",
        "Local control at 3 years did not differ.",
        "Locoregional control was achieved in most women.",
        "Pain control improved after the first week.",
        "Control rates of nausea were similar.",
        "Tumour control probability rose with dose.",
    ],
)
def test_control_as_an_outcome_word_is_not_the_control_arm(sentence: str) -> None:
    assert [label for _, label in _named(sentence, ["nivolumab", "control"])] in ([], ["nivolumab"])


def test_the_control_arm_is_still_named_by_its_own_word() -> None:
    assert _named("Relapses were fewer than in the control group.", ["nivolumab", "control"]) == [("control group", "control")]
    assert _named("Controls had more relapses.", ["nivolumab", "control"]) == [("Controls", "control")]


def test_a_disease_control_rate_does_not_turn_the_arms_order_around() -> None:
    sentence = ("Both the response rate and the disease control rate in the nivolumab group exceeded those of the control group, "
                "ORR 37.6% vs 18.9% and DCR 66.1% vs 45.2%.")
    spans = arm_spans_in(sentence, mention_patterns(["nivolumab", "control"]))
    group = _values(sentence, "37.6%", "18.9%")
    assert arms_for(sentence, group, spans, mention_patterns(["nivolumab", "control"])) == ["nivolumab", "control"]


# -- values listed under one arm ------------------------------------------------------------------


def test_items_bracketed_after_an_arm_are_not_given_to_the_other_arm() -> None:
    sentence = "Grade 3 or 4 toxicity occurred in 58% of women in arm A (neutropenia 24%, diarrhoea 9%) and in 14% in arm B."
    labels = ["letrozole (arm A)", "observation (arm B)"]
    arms = mention_patterns(labels)
    spans = arm_spans_in(sentence, arms)
    assert arms_for(sentence, _values(sentence, "58%", "24%"), spans, arms) == [labels[0], None]


@pytest.mark.parametrize(
    "sentence",
    [
        "The commonest grade 3 events in the letrozole group were anaemia (18 [35%] of 52 women) and nausea (five [10%]).",
        "Among women in the letrozole group the commonest severe events were neutropenia (18 [35%]) and fatigue (5 [10%]).",
        "In the letrozole arm, the leading grade 3-4 events were hot flushes (35%) and arthralgia (10%).",
    ],
)
def test_an_arm_opening_a_list_of_items_keeps_every_item(sentence: str) -> None:
    labels = ["letrozole", "chemotherapy"]
    arms = mention_patterns(labels)
    spans = arm_spans_in(sentence, arms)
    assert arms_for(sentence, _values(sentence, "35%", "10%"), spans, arms)[1] != "chemotherapy"


def test_a_pair_compared_after_one_named_arm_still_gives_the_other_value_to_the_other_arm() -> None:
    sentence = "Grade 3 or 4 toxicity was more frequent with dose-dense treatment, arising in 42.7% and 33.1% of women, respectively."
    labels = ["dose-dense", "conventional"]
    arms = mention_patterns(labels)
    assert arms_for(sentence, _values(sentence, "42.7%", "33.1%"), arm_spans_in(sentence, arms), arms) == labels


# -- arms named as a pair right before their values -----------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "first", "second"),
    [
        ("The gain from ZA with chemotherapy was confined to triple-negative cases (CT versus CT-ZA: 62.5% versus 88.2%).", "62.5%", "88.2%"),
        ("Adding ZA to CT helped only node-negative women, with rates in the CT and CT-ZA groups of 60.1% and 79.4%.", "60.1%", "79.4%"),
        ("ZA was of no help after CT in older women (CT vs. CT-ZA, 71% vs. 70%).", "71%", "70%"),
    ],
)
def test_a_pair_of_arms_right_before_the_values_sets_their_order(sentence: str, first: str, second: str) -> None:
    labels = ["chemotherapy (CT)", "CT plus ZA (CT-ZA)"]
    text = "Women were randomised to chemotherapy (CT) or to chemotherapy plus zoledronic acid (ZA). " + sentence
    arms = mention_patterns(labels, text)
    spans = arm_spans_in(sentence, arms)
    assert arms_for(sentence, _values(sentence, first, second), spans, arms) == labels


# -- an arm name that closes an earlier value -------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "In HER2 3+ cases, 5-year DFS was 94% in immunised patients vs. 89% in control patients (P = 0.86), and 100% vs. 89% in the per-protocol set.",
        "The 3-year DFS was 94% for immunised women versus 89% for control patients, and 100% versus 89% among those who completed dosing.",
        "Response was 94% in immunised women and 89% among control patients (P = .2), and 100% vs. 89% in the per-protocol set.",
    ],
)
def test_an_arm_named_after_an_earlier_value_does_not_open_the_next_pair(sentence: str) -> None:
    labels = ["HER2 peptide vaccine", "GM-CSF alone"]
    arms = mention_patterns(labels)
    spans = arm_spans_in(sentence, arms)
    got = arms_for(sentence, _values(sentence, "100%", "89%"), spans, arms)
    assert got in (labels, [None, None])  # in the arms' order, or not given: never turned around


def test_a_value_followed_by_its_own_arm_still_takes_it() -> None:
    sentence = "The 2-year OS was 88.0% in the vaccine group and 80.5% in the control group."
    assert _arms_of_values(sentence, ["vaccine", "control"]) == {0.88: "vaccine", 0.805: "control"}


# -- one arm named after two compared values, as the subject of a comparative --------------------------


@pytest.mark.parametrize(
    ("sentence", "first", "second", "expected"),
    [
        ("Grade 3 toxicity rates were alike (44% v 41%), but a higher incidence of oedema (27% v 3%) and nail changes (14% v 2%) "
         "was observed in the combination arm.", "27%", "3%", ["docetaxel plus trastuzumab", "docetaxel"]),
        ("Grade 3 toxicity rates were alike (44% v 41%), but a higher incidence of oedema (27% v 3%) and nail changes (14% v 2%) "
         "was observed in the combination arm.", "14%", "2%", ["docetaxel plus trastuzumab", "docetaxel"]),
        ("Fewer women had febrile neutropenia (3% vs 11%) when treated with the combination.", "3%", "11%", ["docetaxel plus trastuzumab", "docetaxel"]),
        ("Neuropathy was more common (2% vs 9%) with the combination.", "2%", "9%", ["docetaxel", "docetaxel plus trastuzumab"]),
    ],
)
def test_one_arm_named_after_compared_values_takes_the_value_the_comparative_gives_it(sentence: str, first: str, second: str, expected: list[str]) -> None:
    labels = ["docetaxel", "docetaxel plus trastuzumab"]
    arms = mention_patterns(labels)
    assert arms_for(sentence, [dict(v, value=float(n.rstrip("%"))) for v, n in zip(_values(sentence, first, second), (first, second))],
                    arm_spans_in(sentence, arms), arms) == expected


def test_a_comparative_in_a_later_clause_does_not_decide_an_earlier_pair() -> None:
    sentence = ("Grade 3 toxicity rates were alike (44% v 41%), but a higher incidence of oedema (27% v 3%) was observed in the combination arm.")
    labels = ["docetaxel", "docetaxel plus trastuzumab"]
    arms = mention_patterns(labels)
    group = [dict(v, value=float(n.rstrip("%"))) for v, n in zip(_values(sentence, "44%", "41%"), ("44%", "41%"))]
    assert arms_for(sentence, group, arm_spans_in(sentence, arms), arms) == labels  # the arms' order, as before


# -- values set side by side with no arm named follow the order of the sentence before --------------


def _pairs(text: str, labels: list[str]) -> list[tuple[float, str | None]]:
    from extractors.comparisons import find_comparisons
    from extractors.segment import sentence_bounds

    hits = find_comparisons(text, sentence_bounds(text), mention_patterns(labels, text))
    return [(h.payload["value"], h.payload["arm"]) for h in sorted(hits, key=lambda h: h.start)]


@pytest.mark.parametrize(
    "text",
    [
        "Women were randomised to a control group or to an intervention group. Screening uptake came out higher for the intervention group than "
        "among controls (43.8% vs 31.2%, p = 0.02). Among women contacted by phone, uptake was higher again (49.6% vs 36.4%).",
        "Women were randomised to a control group or to an intervention group. In the intervention group 43.8% attended, compared "
        "with 31.2% of the control group. Attendance within 3 months was 49.6% versus 36.4%.",
    ],
)
def test_values_with_no_arm_named_follow_the_arms_order_of_the_sentence_before(text: str) -> None:
    assert _pairs(text, ["control", "intervention"]) == [(0.438, "intervention"), (0.312, "control"), (0.496, "intervention"), (0.364, "control")]


def test_without_a_sentence_before_that_compares_the_arms_the_order_they_were_named_in_holds() -> None:
    text = ("Women were randomised to a control group or to an intervention group. Uptake within 3 months was 33.0% versus 41.5%. "
            "Reminder letters reached most women. Attendance was 35.9% vs 47.2%.")
    assert _pairs(text, ["control", "intervention"]) == [(0.33, "control"), (0.415, "intervention"), (0.359, "control"), (0.472, "intervention")]


# -- an arm named by a role word that is also a word of its label --------------------------------------


@pytest.mark.parametrize(
    ("labels", "sentence", "word"),
    [
        (["zolpidem augmentation", "placebo augmentation"], "More women given zolpidem than placebo slept through the night (40% vs 14%).", "placebo"),
        (["letrozole with celecoxib", "letrozole with placebo"], "Arthralgia was as frequent with celecoxib as with placebo.", "placebo"),
        (["exercise programme", "usual care control"], "Fatigue fell more in the exercise programme than in controls.", "controls"),
    ],
)
def test_a_role_word_from_a_longer_label_still_names_its_arm(labels: list[str], sentence: str, word: str) -> None:
    assert (word, labels[1]) in _named(sentence, labels)


def test_two_values_after_arms_named_by_a_role_word_take_their_order() -> None:
    sentence = "More women given zolpidem than placebo slept through the night (40% vs 14%)."
    labels = ["zolpidem augmentation", "placebo augmentation"]
    arms = mention_patterns(labels)
    assert arms_for(sentence, _values(sentence, "40%", "14%"), arm_spans_in(sentence, arms), arms) == labels


@pytest.mark.parametrize(
    "sentence",
    [
        "Objective responses were more frequent (44% v 29%) among women given the combination.",
        "Objective responses were more frequent (44% vs. 29%; P = .02) in the combination arm.",
        "Severe diarrhoea was more common (12% versus 3%) with the combination.",
    ],
)
def test_an_arm_after_a_bracketed_pair_is_not_the_last_value_alone(sentence: str) -> None:
    labels = ["docetaxel", "docetaxel plus trastuzumab"]
    arms = mention_patterns(labels)
    numbers = [n for n in ("44%", "29%", "12%", "3%") if n in sentence]
    group = [dict(v, value=float(n.rstrip("%"))) for v, n in zip(_values(sentence, *numbers), numbers)]
    assert arms_for(sentence, group, arm_spans_in(sentence, arms), arms) == ["docetaxel plus trastuzumab", "docetaxel"]


def test_a_value_with_its_own_bracket_still_takes_the_arm_after_it() -> None:
    sentence = "The pCR rate was 21% (95% CI 15-28) with docetaxel and 38% (95% CI 30-46) with the combination."
    labels = ["docetaxel", "docetaxel plus trastuzumab"]
    arms = mention_patterns(labels)
    assert arms_for(sentence, _values(sentence, "21%", "38%"), arm_spans_in(sentence, arms), arms) == labels


def test_a_comparison_label_is_the_control_arm() -> None:
    assert _named("Relapses were fewer than in the control group.", ["low-fat diet", "comparison"]) == [("control group", "comparison")]


# -- a single-agent arm named by its drug ------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Responses were 38.7% and 24.9% in the vinorelbine-eribulin and eribulin groups, respectively.",
         [("vinorelbine", "vinorelbine plus eribulin"), ("eribulin groups", "eribulin monotherapy")]),
        ("Median survival was 17.3 months with vinorelbine plus eribulin and 14.9 months with eribulin.",
         [("vinorelbine plus eribulin", "vinorelbine plus eribulin"), ("eribulin", "eribulin monotherapy")]),
        ("The addition of vinorelbine to eribulin raised the response rate.", [("vinorelbine", "vinorelbine plus eribulin")]),
        ("Women given eribulin/vinorelbine had more neutropenia.", [("vinorelbine", "vinorelbine plus eribulin")]),
    ],
)
def test_the_drug_of_a_single_agent_arm_names_it_where_it_is_not_combined(sentence: str, expected: list[tuple[str, str]]) -> None:
    assert _named(sentence, ["vinorelbine plus eribulin", "eribulin monotherapy"]) == expected


def test_respectively_pairs_a_single_agent_arm_named_by_its_drug() -> None:
    sentence = "The overall response rates were 38.7% and 24.9% in the vinorelbine-eribulin and eribulin groups, respectively (p = .003)."
    assert _arms_of_values(sentence, ["vinorelbine plus eribulin", "eribulin alone"]) == {0.387: "vinorelbine plus eribulin", 0.249: "eribulin alone"}


# -- two subgroups compared within the trial are not the two arms ------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Weekly dosing produced frequent pCRs in both triple-negative and HER2-enriched tumours (66% vs. 72%; p = .48).",
        "The benefit of weekly dosing differed between node-negative and node-positive women (12% vs 4%).",
        "Among women given weekly dosing, responses were frequent in both premenopausal and postmenopausal women (58% and 61%).",
    ],
)
def test_values_of_two_subgroups_are_not_given_to_the_arms(sentence: str) -> None:
    labels = ["weekly", "every-3-weeks"]
    arms = mention_patterns(labels)
    numbers = re.findall(r"\d+%", sentence)[-2:]
    assert arms_for(sentence, _values(sentence, *numbers), arm_spans_in(sentence, arms), arms) == [None, None]


def test_a_difference_between_the_arms_is_still_read() -> None:
    sentence = "No difference emerged between the weekly and every-3-weeks arms (59% vs. 57%)."
    labels = ["weekly", "every-3-weeks"]
    arms = mention_patterns(labels)
    assert arms_for(sentence, _values(sentence, "59%", "57%"), arm_spans_in(sentence, arms), arms) == labels


# -- a time to an event named as the subject before its values --------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "measure"),
    [
        ("The TTP was longer (7.2 v 4.1 months; log-rank P = .001) with the combination.", "TTP"),
        ("TTF was longer (5.9 vs 3.3 months; P = .02) with the combination.", "OTHER"),
        ("The duration of response was longer (9.8 v 6.5 months; P = .04) with the combination.", "DOR"),
    ],
)
def test_a_time_to_an_event_named_as_the_subject_makes_its_values_medians(sentence: str, measure: str) -> None:
    from extractors.comparisons import find_comparisons

    arms = mention_patterns(["docetaxel plus trastuzumab", "docetaxel"])
    hits = find_comparisons(sentence, [(0, len(sentence))], arms)
    got = sorted((h.payload["measure"], h.payload["kind"], h.payload["value"], h.payload["arm"]) for h in hits)
    values = sorted(float(x) for x in re.findall(r"(\d+\.\d+)(?= v| vs| months)", sentence))
    assert got == sorted([(measure, "median", values[1], "docetaxel plus trastuzumab"), (measure, "median", values[0], "docetaxel")])


def test_a_time_subject_needs_its_verb() -> None:
    from extractors.comparisons import find_comparisons

    sentence = "TTP-related visits numbered 7.2 v 4.1 per month with the combination."
    arms = mention_patterns(["docetaxel plus trastuzumab", "docetaxel"])
    assert [h for h in find_comparisons(sentence, [(0, len(sentence))], arms) if h.payload["kind"] == "median"] == []


# -- an arm followed at once by its own value does not name a later one ---------------------------------


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("Median TTP was prolonged in arm C (10.4 months) vs. 6.7 months in the pooled other arms.", "6.7 months"),
        ("The ORR in arm C, 46%, exceeded the 31% seen elsewhere.", "31%"),
    ],
)
def test_an_arm_with_its_own_value_does_not_name_a_later_value(sentence: str, value: str) -> None:
    labels = ["arm A", "arm B", "arm C"]
    arms = mention_patterns(labels)
    assert arms_for(sentence, _values(sentence, value), arm_spans_in(sentence, arms), arms) == [None]


def test_an_arm_opening_its_values_still_names_them() -> None:
    sentence = "In arm C (n = 40) the median TTP was 9.0 months."
    labels = ["arm A", "arm B", "arm C"]
    arms = mention_patterns(labels)
    assert arms_for(sentence, _values(sentence, "9.0 months"), arm_spans_in(sentence, arms), arms) == ["arm C"]
