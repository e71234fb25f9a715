"""Which arm a value belongs to (extractors/attribution.py): how arms are named in a sentence and
which value each name claims.  Every sentence here is invented for the test."""

from __future__ import annotations

import pytest

from extractors.attribution import arm_spans_in, arms_for, comparison, mention_patterns
from extractors.lexicon import load_lexicon
from extractors.outcomes import find_outcomes


def _named(sentence: str, labels: list[str], text: str = "") -> list[tuple[str, str]]:
    """(words in the sentence, arm label) for every arm mention found."""
    return [(sentence[a:b], label) for a, b, label in arm_spans_in(sentence, mention_patterns(labels, text))]


def _arms_of_values(sentence: str, labels: list[str], text: str = "") -> dict[float, str | None]:
    """Outcome value -> arm for every rate or median the extractor reads in one sentence."""
    hits = find_outcomes(sentence, [(0, len(sentence))], load_lexicon(), mention_patterns(labels, text))
    return {h.payload["value"]: h.payload["arm"] for h in hits if h.payload["kind"] in ("rate", "median")}


# -- how an arm is named ----------------------------------------------------------------------


def test_hyphens_and_spaces_in_a_label_are_interchangeable_and_plurals_match() -> None:
    assert _named("Median OS favoured the every 3 weeks arm.", ["every-3-week paclitaxel", "weekly paclitaxel"]) == [
        ("every 3 weeks arm", "every-3-week paclitaxel")
    ]
    assert _named("Responses in the dose dense group were durable.", ["dose-dense", "conventional"]) == [("dose dense group", "dose-dense")]


def test_a_label_is_not_found_inside_a_longer_word() -> None:
    assert _named("Toxicity rose with the capecitabine-based and paclitaxel regimens.", ["capecitabine", "paclitaxel"]) == [
        ("capecitabine", "capecitabine"),
        ("paclitaxel", "paclitaxel"),
    ]
    assert _named("Gemcitabine-cisplatin is a standard.", ["cisplatin", "observation"]) == []


def test_short_capitalised_labels_match_in_their_own_case_only() -> None:
    assert [label for _, label in _named("A response was seen in arm A and in arm B, a modest difference.", ["A", "B"])] == ["A", "B"]
    assert _arms_of_values("The ORR was 45% in arm A and 30% in arm B, a modest difference.", ["A", "B"]) == {0.45: "A", 0.3: "B"}
    assert _named("An ace of an ac unit.", ["AC", "EC"]) == []


def test_the_name_before_a_dose_names_the_arm() -> None:
    sentence = "The objective response rate was 38% in the docetaxel group and 31% in the vinorelbine group."
    labels = ["docetaxel 75 mg/m2", "vinorelbine 30 mg/m2 weekly"]
    assert _arms_of_values(sentence, labels) == {0.38: labels[0], 0.31: labels[1]}


def test_a_short_capitalised_word_tells_two_similar_arms_apart() -> None:
    sentence = "Five-year DFS was 86.1% in the OFS arm and 83.4% in the tamoxifen-alone arm."
    labels = ["tamoxifen alone", "tamoxifen plus OFS"]
    assert _arms_of_values(sentence, labels) == {0.861: labels[1], 0.834: labels[0]}


@pytest.mark.parametrize(
    "sentence",
    [
        "The 3-year DFS was 90.4% in the experimental arm and 84.9% in the control group.",
        "The 3-year DFS was 90.4% among exemestane recipients versus 84.9% among placebo recipients.",
        "The 3-year DFS was 90.4% in exemestane-treated patients compared with 84.9% in controls.",
        "The 3-year DFS was 90.4% in the study group and 84.9% in the control arm.",
        "The 3-year DFS reached 90.4% in the intervention group versus 84.9% in control patients.",
    ],
)
def test_role_words_name_the_control_and_the_experimental_arm(sentence: str) -> None:
    assert _arms_of_values(sentence, ["exemestane", "placebo"]) == {0.904: "exemestane", 0.849: "placebo"}


def test_role_words_counted_over_several_arms_name_no_arm() -> None:
    assert _named("Adverse events were similar in both control groups and in each study arm.", ["exemestane", "placebo"]) == []


def test_combination_and_monotherapy_name_the_arm_that_combines_and_the_one_that_does_not() -> None:
    labels = ["gemcitabine plus cisplatin", "gemcitabine"]
    assert _arms_of_values("The response rate was 48.2% in the combination arm versus 27.5% with monotherapy.", labels) == {
        0.482: labels[0],
        0.275: labels[1],
    }
    # an add-on trial against placebo: "the combination" is the arm that is not placebo
    assert _arms_of_values("Objective response was more frequent with the combination (41.0% v 25.2%; P = .01).", ["sunitinib", "placebo"]) == {
        0.41: "sunitinib",
        0.252: "placebo",
    }


def test_abbreviations_the_text_defines_name_the_arm_both_ways() -> None:
    text = "Women were randomised to letrozole alone or letrozole with zoledronic acid (ZA)."
    sentence = "At 3 years, DFS was 91.2% with ZA and 85.6% with letrozole alone."
    labels = ["letrozole alone", "zoledronic acid"]
    assert _arms_of_values(sentence, labels, text) == {0.912: "zoledronic acid", 0.856: "letrozole alone"}
    text = "Patients received trastuzumab emtansine (T-DM1) or lapatinib plus capecitabine."
    sentence = "The ORR was 43.6% with trastuzumab emtansine and 30.8% with lapatinib plus capecitabine."
    assert _arms_of_values(sentence, ["T-DM1", "lapatinib plus capecitabine"], text) == {0.436: "T-DM1", 0.308: "lapatinib plus capecitabine"}


def test_an_abbreviation_of_another_phrase_is_not_taken() -> None:
    text = "Patients with hormone receptor (HR)-positive disease received anastrozole (ANA) or tamoxifen."
    forms = {m.label: m.forms for m in mention_patterns(["anastrozole", "tamoxifen"], text)}
    assert (("ana",), False) in forms["anastrozole"]
    assert not any(words == ("hr",) for words, _ in forms["tamoxifen"])


def test_the_compiled_pattern_agrees_with_the_string_matcher() -> None:
    mentions = mention_patterns(["every-3-week docetaxel", "placebo"], "")
    sentence = "Rates were 40% in the every 3 week group and 31% in the control group; both control groups were small."
    by_pattern = sorted((m.start(), arm.label) for arm in mentions for m in arm.pattern.finditer(sentence))
    by_search = [(a, label) for a, _, label in arm_spans_in(sentence, mentions)]
    assert by_search == [x for x in by_pattern if x in by_search]
    assert {label for _, label in by_search} == {"every-3-week docetaxel", "placebo"}


# -- which value a name claims ----------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "The objective response rate was 42% among patients receiving docetaxel and 30% among those allocated to observation.",
        "The objective response rate was 42% in women taking docetaxel and 30% in those randomised to observation.",
        "The objective response rate was 42% in patients who were assigned to docetaxel and 30% in those assigned to observation.",
    ],
)
def test_a_value_takes_the_arm_named_after_it(sentence: str) -> None:
    assert _arms_of_values(sentence, ["docetaxel", "observation"]) == {0.42: "docetaxel", 0.3: "observation"}


def test_two_values_without_a_named_arm_follow_the_order_of_the_arms() -> None:
    mentions = mention_patterns(["anastrozole", "tamoxifen"])
    sentence = "(5-year OS 88.0% vs 84.5%)"
    group = [{"start": sentence.index("88"), "end": sentence.index("88") + 5}, {"start": sentence.index("84"), "end": sentence.index("84") + 5}]
    assert arms_for(sentence, group, arm_spans_in(sentence, mentions), mentions) == ["anastrozole", "tamoxifen"]


def test_a_hazard_ratio_compares_the_experimental_arm_with_the_control_named_first() -> None:
    mentions = mention_patterns(["capecitabine", "observation"])
    sentence = "DFS was 70.1% in the control group and 78.3% in the capecitabine group (hazard ratio 0.71)."
    spans = arm_spans_in(sentence, mentions)
    assert comparison(sentence.index("hazard"), spans, mentions) == "capecitabine vs observation"


def test_an_arm_given_alone_is_not_named_by_its_drug_plus_another() -> None:
    labels = ["tamoxifen alone", "OFS"]
    sentence = "Grade 3 or higher adverse events were reported in 24.8% of women taking tamoxifen plus OFS and 14.1% of women taking tamoxifen alone."
    assert _arms_of_values(sentence, labels) == {0.248: "OFS", 0.141: "tamoxifen alone"}
    assert _named("Relapses were fewer with tamoxifen in combination with goserelin.", ["tamoxifen alone", "goserelin"]) == [("goserelin", "goserelin")]
    assert _named("Relapses were fewer with tamoxifen alone and with goserelin.", ["tamoxifen alone", "goserelin"]) == [
        ("tamoxifen alone", "tamoxifen alone"),
        ("goserelin", "goserelin"),
    ]


def test_monotherapy_names_the_arm_given_alone() -> None:
    labels = ["docetaxel plus capecitabine", "docetaxel alone"]
    sentence = "The objective response rate was 41.7% in the combination arm and 29.2% with monotherapy (P = 0.02)."
    assert _arms_of_values(sentence, labels) == {0.417: labels[0], 0.292: labels[1]}


@pytest.mark.parametrize(
    "sentence",
    [
        "The ORR was 40.2% (letrozole) vs 30.1% (anastrozole).",
        "Compared with anastrozole, letrozole yielded a higher ORR (40.2% vs 30.1%).",
        "Versus anastrozole, treatment with letrozole improved the ORR (40.2% v 30.1%).",
        "The ORR was higher with letrozole than with anastrozole (40.2% vs 30.1%).",
        "The ORR was 40.2% in women allocated letrozole and 30.1% in women allocated anastrozole.",
    ],
)
def test_the_reference_arm_and_bracketed_arms_keep_their_values(sentence: str) -> None:
    assert _arms_of_values(sentence, ["letrozole", "anastrozole"]) == {0.402: "letrozole", 0.301: "anastrozole"}


@pytest.mark.parametrize(
    "sentence",
    [
        "Compared with observation, the 3-year DFS rate was improved (80.1% vs 72.4%).",
        "The 3-year DFS was higher than with observation (80.1% vs 72.4%).",
    ],
)
def test_a_lone_reference_arm_takes_the_second_value(sentence: str) -> None:
    assert _arms_of_values(sentence, ["capecitabine", "observation"]) == {0.801: "capecitabine", 0.724: "observation"}


def test_two_values_split_by_v_follow_the_order_of_the_arms() -> None:
    assert _arms_of_values("The pCR rate was 30.2% v 18.4% (P = .01).", ["capecitabine", "observation"]) == {0.302: "capecitabine", 0.184: "observation"}


@pytest.mark.parametrize("words", ["chemotherapy alone", "surgery alone", "endocrine therapy alone", "observation alone"])
def test_a_background_treatment_given_alone_names_the_control_arm(words: str) -> None:
    sentence = f"Grade 3 or 4 adverse events were reported in 52.7% (capecitabine) and 38.7% ({words}) of patients."
    assert _arms_of_values(sentence, ["capecitabine", "without capecitabine"]) == {0.527: "capecitabine", 0.387: "without capecitabine"}


@pytest.mark.parametrize(
    "sentence",
    [
        "Compared with the anastrozole group, the letrozole group achieved a higher ORR (30.1% vs. 40.2%; p = .03).",
        "Compared with the anastrozole group, the letrozole group achieved a higher ORR (40.2% vs. 30.1%; p = .03).",
        "Relative to anastrozole, letrozole gave fewer grade 3 or higher adverse events (30.1% vs 40.2%).",
    ],
)
def test_a_comparative_word_tells_which_value_is_the_subject_arms(sentence: str) -> None:
    arms = _arms_of_values(sentence, ["letrozole", "anastrozole"])
    higher = "letrozole" if "higher" in sentence else "anastrozole"
    assert arms[0.402] == higher and set(arms.values()) == {"letrozole", "anastrozole"}


def test_a_drug_joined_to_the_other_arms_drug_names_the_other_arm() -> None:
    sentence = "The 5-year DFS was 88.2% with letrozole plus zoledronic acid and 84.0% with letrozole."
    assert _named(sentence, ["letrozole", "zoledronic acid"]) == [("zoledronic acid", "zoledronic acid"), ("letrozole", "letrozole")]
    assert _arms_of_values(sentence, ["letrozole", "zoledronic acid"]) == {0.882: "zoledronic acid", 0.84: "letrozole"}


def test_the_doublet_names_the_arm_that_combines_agents() -> None:
    sentence = "Median OS was 14.9 months for patients receiving the doublet versus 11.6 months for docetaxel alone."
    labels = ["docetaxel plus capecitabine", "docetaxel alone"]
    assert _arms_of_values(sentence, labels) == {14.9: labels[0], 11.6: labels[1]}


def test_comparing_one_arm_with_another_names_both() -> None:
    sentence = "Comparing letrozole with anastrozole, the ORR was 40.2% vs 30.1%."
    assert [label for _, label in _named(sentence, ["letrozole", "anastrozole"])] == ["letrozole", "anastrozole"]


def test_a_sentence_whose_lower_case_is_longer_still_finds_the_arms() -> None:
    # "İ" lower-cases to two characters, so the compiled pattern is used; roles and quantifiers behave the same
    sentence = "İn the experimental arm DFS was 91% vs 86% in the control group; both control groups were small."
    assert _named(sentence, ["exemestane", "placebo"]) == [("experimental arm", "exemestane"), ("control group", "placebo")]


def test_an_arm_named_after_one_value_is_not_taken_again_by_the_next() -> None:
    sentence = "The ORR was 40% in patients randomized to letrozole versus 30% to tamoxifen."
    assert _arms_of_values(sentence, ["letrozole", "tamoxifen"]) == {0.4: "letrozole", 0.3: "tamoxifen"}
    sentence = "The ORR was 40% in patients randomized to letrozole versus 30% with the other drug."
    assert _arms_of_values(sentence, ["letrozole", "tamoxifen"]) == {0.4: "letrozole", 0.3: "tamoxifen"}


def test_a_value_written_twice_in_two_units_gets_no_arm_rather_than_a_wrong_one() -> None:
    mentions = mention_patterns(["regorafenib", "placebo"])
    sentence = "Median PFS was 16.4 weeks (3.8 months) with regorafenib versus 4.1 weeks (1.0 month) with placebo."
    group = []
    for text in ("16.4 weeks", "3.8 months", "4.1 weeks", "1.0 month"):
        start = sentence.index(text)
        group.append({"start": start, "end": start + len(text), "value": float(text.split()[0])})
    assert arms_for(sentence, group, arm_spans_in(sentence, mentions), mentions) == [None] * 4


def test_an_undefined_acronym_of_a_long_label_names_its_arm() -> None:
    text = "Patients treated with SABR or lobectomy were matched."
    labels = ["stereotactic ablative radiotherapy", "lobectomy"]
    sentence = "The 3-year overall survival was 84.5% after SABR and 87.2% after lobectomy (HR 1.18)."
    assert _arms_of_values(sentence, labels, text) == {0.845: labels[0], 0.872: "lobectomy"}
    # letters out of order, or a word's initial missing: not an acronym of the label
    forms = {m.label: m.forms for m in mention_patterns(labels, "The RSAB and SR groups were compared.")}
    assert not any(words in (("rsab",), ("sr",)) for words, _ in forms[labels[0]])


def test_a_hazard_ratio_after_one_named_arm_compares_that_arm_with_the_other() -> None:
    mentions = mention_patterns(["concurrent cisplatin", "cetuximab"])
    sentence = "After weighting, cetuximab was associated with worse overall survival (HR 1.52; 95% CI 1.12-2.06)."
    assert comparison(sentence.index("HR"), arm_spans_in(sentence, mentions), mentions) == "cetuximab vs concurrent cisplatin"
    mentions = mention_patterns(["pembrolizumab", "placebo"])
    sentence = "Median PFS was 5.1 months with placebo (HR 0.62)."
    assert comparison(sentence.index("HR"), arm_spans_in(sentence, mentions), mentions) == "pembrolizumab vs placebo"


def test_a_lone_value_takes_the_one_arm_its_sentence_names_after_it() -> None:
    labels = ["regorafenib", "placebo"]
    assert _arms_of_values("Two patients (8%) had a partial response with regorafenib.", labels) == {0.08: "regorafenib"}
    # the one arm named as the reference is not the value's
    assert _arms_of_values("The ORR was 45% compared with placebo.", labels) == {0.45: None}


def test_one_arm_named_just_before_values_paired_respectively_gives_the_other_arm_nothing() -> None:
    mentions = mention_patterns(["docetaxel", "paclitaxel"])
    sentence = "The clinical and pathological response rates of the docetaxel group were 28.6% and 26.5% respectively."
    group = [{"start": sentence.index(x), "end": sentence.index(x) + 5, "value": float(x)} for x in ("28.6", "26.5")]
    assert "paclitaxel" not in arms_for(sentence, group, arm_spans_in(sentence, mentions), mentions)
    # named in an earlier clause, the arms are what "respectively" pairs the values with
    sentence = "Toxicity was more frequent with docetaxel, and grade 3 events occurred in 39.2% and 31.5%, respectively."
    group = [{"start": sentence.index(x), "end": sentence.index(x) + 5, "value": float(x)} for x in ("39.2", "31.5")]
    assert arms_for(sentence, group, arm_spans_in(sentence, mentions), mentions) == ["docetaxel", "paclitaxel"]


def test_an_arm_with_a_defined_code_is_named_by_its_code_and_by_its_name() -> None:
    labels = ["gemcitabine plus docetaxel (GD)", "docetaxel alone (arm B)"]
    assert _named("Responses were more frequent with GD than in arm B.", labels) == [
        ("GD", "gemcitabine plus docetaxel (GD)"), ("arm B", "docetaxel alone (arm B)")]
    assert _named("Neutropenia was common with gemcitabine plus docetaxel.", labels) == [
        ("gemcitabine plus docetaxel", "gemcitabine plus docetaxel (GD)")]


def test_split_label_reads_the_code_off_a_defined_name() -> None:
    from extractors.attribution import split_label

    assert split_label("sunitinib (arm A)") == ("sunitinib", "arm A")
    assert split_label("FEC(100)") == ("FEC(100)", None)
    assert split_label("letrozole") == ("letrozole", None)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # the header names only the control, after the slash: the values' first is the other arm's
        ("The most frequent grade 3 events (combination/placebo) were rash (12.5%/1.0%).", {0.125: "gefitinib", 0.01: "placebo"}),
        # the named arm before the slash is the first
        ("Grade 3 events (placebo/active drug) were rash (1.0%/12.5%).", {0.01: "placebo", 0.125: "gefitinib"}),
    ],
)
def test_values_paired_by_a_slash_follow_the_arms_a_slash_pairs(sentence: str, expected: dict[float, str]) -> None:
    from evidence.records import Article, Section
    from extractors.pipeline import extract_study

    design = "Women were randomly assigned to gefitinib (n = 60) or placebo (n = 62), each with anastrozole. "
    study = extract_study(Article(pmid="1", sections=(Section("", design + sentence),)))
    assert {f.value: f.arm for f in study.findings if f.kind.value == "rate"} == expected
