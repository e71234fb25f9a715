"""Arm names and sizes (extractors/arms.py) and the Arm record's second size (n_analysed)."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from evidence.records import Arm, Evidence


def test_arm_n_analysed_round_trips_through_json() -> None:
    evidence = Evidence(section="RESULTS", sentence="Of them, 98 were evaluable.", start=9, end=11, extractor_version="x", text="98")
    arm = Arm("letrozole", 120, n_analysed=98, analysed_evidence=evidence)
    data = json.loads(json.dumps(arm.to_json()))
    assert data["n_analysed"] == 98
    assert Arm.from_json(data) == arm


def test_arm_without_n_analysed_keeps_its_old_json_form() -> None:
    data = Arm("placebo", 60).to_json()
    assert "n_analysed" not in data and "analysed_evidence" not in data
    assert Arm.from_json(data) == Arm("placebo", 60)


def _pico_document(text: str, spans: list[tuple[str, str, int]]):
    from evidence.evaluation.pico import PicoDocument, PicoSpan

    out = []
    for label, value, nth in spans:
        start = -1
        for _ in range(nth + 1):
            start = text.index(value, start + 1)
        out.append(PicoSpan(label, start, start + len(value), value))
    return PicoDocument("p1", text, tuple(out))


def test_pico_arm_sizes_score_the_second_size_of_each_arm() -> None:
    from evidence.evaluation.pico import score_pico
    from evidence.records import Article, Study

    text = "Women were randomised to drug X (n = 40) or placebo (n = 41); 38 and 37 were analysed."
    doc = _pico_document(text, [("intervention-participants", "40", 0), ("control-participants", "41", 0),
                                ("intervention-participants", "38", 0), ("control-participants", "37", 0)])
    one_size = Study(article=Article(pmid="p1"), arms=(Arm("drug X", 40), Arm("placebo", 41)))
    two_sizes = Study(article=Article(pmid="p1"), arms=(Arm("drug X", 40, n_analysed=38), Arm("placebo", 41, n_analysed=37)))
    wrong = Study(article=Article(pmid="p1"), arms=(Arm("drug X", 40, n_analysed=36), Arm("placebo", 41)))
    fam = lambda study: score_pico([doc], {"p1": study}).families["pico_arm_sizes"]  # noqa: E731
    assert (fam(one_size).tp, fam(one_size).fp, fam(one_size).fn) == (2, 0, 2)
    assert (fam(two_sizes).tp, fam(two_sizes).fp, fam(two_sizes).fn) == (4, 0, 0)
    assert (fam(wrong).tp, fam(wrong).fp, fam(wrong).fn) == (2, 1, 2)


def test_dev_arms_score_n_analysed_only_where_the_gold_annotates_it() -> None:
    from evidence.evaluation import GoldStudy, score_studies
    from evidence.records import Article, Study

    plain = Study(article=Article(pmid="g1"), arms=(Arm("A", 50), Arm("B", 49)))
    annotated = Study(article=Article(pmid="g1"), arms=(Arm("A", 50, n_analysed=47), Arm("B", 49)))
    pred = Study(article=Article(pmid="g1"), arms=(Arm("A", 50, n_analysed=47), Arm("B", 49, n_analysed=45)))
    arms = lambda gold: score_studies([GoldStudy(gold)], {"g1": pred}).families["arms"]  # noqa: E731
    assert (arms(plain).tp, arms(plain).fp, arms(plain).fn) == (2, 0, 0)  # not annotated: not scored
    assert (arms(annotated).tp, arms(annotated).fp, arms(annotated).fn) == (3, 1, 0)  # B's second size is spurious there


def _study(text: str):
    from evidence.records import Article, Section
    from extractors.pipeline import extract_study

    return extract_study(Article(pmid="t", title="A randomised trial", sections=(Section("", text),)))


def _sizes(text: str) -> list[tuple[str, int | None, int | None]]:
    return [(a.label, a.n, a.n_analysed) for a in _study(text).arms]


def test_second_sizes_in_a_later_n_equals_sentence() -> None:
    text = ("We randomly assigned 240 women to exemestane (n = 121) or anastrozole (n = 119). "
            "Safety was assessed for exemestane (n = 117) and anastrozole (n = 116), respectively.")
    assert _sizes(text) == [("exemestane", 121, 117), ("anastrozole", 119, 116)]
    study = _study(text)
    assert study.arms[0].analysed_evidence.text == "117"
    assert "Safety was assessed" in study.arms[0].analysed_evidence.sentence


def test_second_sizes_from_per_arm_denominators() -> None:
    text = ("Ninety patients were randomly assigned to radiotherapy (n = 46) or observation (n = 44). "
            "Local relapse occurred in 12% (5 of 41) in the radiotherapy group and 25% (10 of 40) in the observation group.")
    assert _sizes(text) == [("radiotherapy", 46, 41), ("observation", 44, 40)]


def test_counts_of_events_are_not_second_sizes() -> None:
    text = ("Patients were randomly assigned to yoga (n = 30) or usual care (n = 31). "
            "At 12 weeks, 12 patients (8 yoga and 4 usual care) had reported falls.")
    assert _sizes(text) == [("yoga", 30, None), ("usual care", 31, None)]


def test_later_sizes_fill_arms_named_without_sizes() -> None:
    text = ("Women were randomised to letrozole or tamoxifen. "
            "Median follow-up for letrozole (n = 310) and tamoxifen (n = 305) was 30 months.")
    assert _sizes(text) == [("letrozole", 310, None), ("tamoxifen", 305, None)]


def test_sizes_listed_before_names() -> None:
    text = "Twenty-nine and 31 women were allocated to the massage and the relaxation groups."
    assert _sizes(text) == [("massage", 29, None), ("relaxation", 31, None)]
    text = "Of 415 enrolled patients, 140, 138 and 137 were randomised to arms A, B and C, respectively."
    assert [n for _, n, _ in _sizes(text)] == [140, 138, 137]


def test_names_listed_before_sizes_respectively() -> None:
    text = "Patients were randomised between two arms. The FEC and TC groups comprised 64 and 61 patients, respectively."
    assert _sizes(text) == [("FEC", 64, None), ("TC", 61, None)]
    text = "Patients were randomly assigned to capecitabine or observation (n = 212 and 209, respectively)."
    assert _sizes(text) == [("capecitabine", 212, None), ("observation", 209, None)]


def test_sizes_after_colons() -> None:
    text = "Two hundred women were randomised: acupuncture: 101 patients; sham acupuncture: 99 patients."
    assert _sizes(text) == [("acupuncture", 101, None), ("sham acupuncture", 99, None)]


def test_a_number_in_words_with_and_is_one_number() -> None:
    from extractors.arms import _list_arms

    text = "Three hundred and twelve patients were treated with surgery and radiotherapy."
    assert _list_arms(text, text.lower(), 0) == []


def test_denominators_named_before_the_fraction() -> None:
    text = ("Women were randomised to everolimus or placebo. For the everolimus arm, 301 of 330 returned a diary, "
            "against 280 of 328 women in the placebo arm.")
    assert _sizes(text) == [("everolimus", 330, None), ("placebo", 328, None)]


def test_durations_and_analyses_are_not_arms() -> None:
    text = ("A total of 160 patients were evaluable (mean age, 52 years) 80 in the walking group and 80 in the "
            "control group; 150 and 141 patients filled in questionnaires.")
    labels = [label for label, _, _ in _sizes(text)]
    assert labels == ["walking", "control"]


def test_dose_details_inside_the_size_bracket() -> None:
    text = ("Women were randomised to receive eribulin (1.4 mg/m2 on days 1 and 8 every 3 weeks; n = 88) or "
            "vinorelbine (25 mg/m2 weekly; n = 86).")
    assert _sizes(text) == [("eribulin", 88, None), ("vinorelbine", 86, None)]


def test_schedule_after_a_combination_is_cut_before_the_label_is_read() -> None:
    text = ("We randomly assigned 300 women to receive either gemcitabine 1000 mg/m2 (n = 151) or nab-paclitaxel "
            "125 mg/m2 followed by gemcitabine 1000 mg/m2 on days 1 and 8 (n = 149).")
    assert _sizes(text) == [("gemcitabine", 151, None), ("nab-paclitaxel", 149, None)]


def test_arms_named_with_on() -> None:
    text = "Between 2015 and 2018 we enrolled 250 women, 124 on letrozole alone and 126 on letrozole plus palbociclib."
    assert _sizes(text) == [("letrozole alone", 124, None), ("letrozole plus palbociclib", 126, None)]


def test_second_sizes_from_n_equals_before_the_group_name() -> None:
    text = ("Patients were randomised to cream A (n = 52) or cream B (n = 50). Severe dermatitis occurred in 20% "
            "(n = 48) in the cream A group and 31% (n = 45) in the cream B group.")
    assert _sizes(text) == [("cream A", 52, 48), ("cream B", 50, 45)]


def test_denominators_of_patients_treated_with_each_arm() -> None:
    text = ("Women were randomised to eribulin or gemcitabine. Partial responses were recorded in 15% (4/26) of "
            "patients treated with eribulin and in 12% (3/25) of patients treated with gemcitabine.")
    assert _sizes(text) == [("eribulin", 26, None), ("gemcitabine", 25, None)]


def test_one_arm_per_sentence_opening_with_its_size() -> None:
    text = ("Eighty women were randomly divided into two groups. Forty-two patients in the acupressure group wore "
            "wristbands for 5 days. Thirty-eight patients in the control group wore sham wristbands.")
    assert _sizes(text) == [("acupressure", 42, None), ("control", 38, None)]


def test_arms_sized_only_by_their_denominators() -> None:
    text = ("This randomised trial compared two dressings after mastectomy. Seroma developed in 9 of 41 women "
            "in the foam group and 17 of 43 women in the gauze group.")
    assert _sizes(text) == [("foam", 41, None), ("gauze", 43, None)]


def test_histology_subsets_with_n_equals_are_not_arms() -> None:
    text = ("In this single-arm trial, 27 patients were enrolled (leiomyosarcoma n = 15, liposarcoma n = 12). "
            "All received doxorubicin.")
    assert _sizes(text) == []


_WORDS = ["patients", "women", "were", "randomly", "assigned", "to", "received", "in", "the", "group", "arm", "and", "or",
          "(n", "=", "12)", "(", ")", ";", ",", "40", "Forty-two", "one hundred and five", "3.5", ".5", "of", "mg/m2",
          "letrozole", "placebo", "A", "respectively", "n=7", "(25 patients)", "[n", "8]", "12/40", "vs", "45%", "13\u2009388",
          "1,386", "12,5", "allocated", "women)", "2.5"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=40))
def test_number_led_patterns_tried_only_at_number_starts_find_what_a_scan_finds(words: list[str]) -> None:
    from extractors import arms

    sentence = " ".join(words)
    for pattern, starts in ((arms._ARM_TO, arms._number_starts), (arms._ARM_ASSIGNED, arms._number_starts),
                            (arms._NUMS_THEN_LABELS, arms._number_starts)):
        fast = [m.span() for m in arms._matches_at(pattern, sentence, starts(sentence))]
        assert fast == [m.span() for m in pattern.finditer(sentence)]
    fast = [m.span() for m in arms._matches_at(arms._ARM_N, sentence, arms._arm_n_starts(sentence))]
    assert fast == [m.span() for m in arms._ARM_N.finditer(sentence)]


def test_arms_named_by_dose() -> None:
    text = "Patients were randomly assigned to anastrozole 1 mg (n = 140) or anastrozole 10 mg (n = 137)."
    assert _sizes(text) == [("anastrozole 1 mg", 140, None), ("anastrozole 10 mg", 137, None)]
    text = ("Women were randomised to drug Q 200 mg (n = 21), 400 mg (n = 20) or 800 mg (n = 22) daily, "
            "or placebo (n = 19).")
    assert _sizes(text) == [("drug Q 200 mg", 21, None), ("drug Q 400 mg", 20, None), ("drug Q 800 mg", 22, None), ("placebo", 19, None)]
    text = "Hot flushes were recorded in 240 women (80 placebo, 81 venlafaxine 37.5 mg and 79 venlafaxine 75 mg) who were randomised."
    assert [n for _, n, _ in _sizes(text)] == [80, 81, 79]


def test_dose_levels_of_an_escalation_are_not_arms() -> None:
    text = "In phase I, patients received drug Z at 30 mg (n = 6), 45 mg (n = 7) or 60 mg (n = 6) every 3 weeks."
    assert _sizes(text) == []


def test_denominators_before_groups_named_respectively() -> None:
    text = ("Patients were randomly assigned to urea cream (n = 58) or no cream (n = 57). Grade 2 hand-foot syndrome "
            "occurred in 12 of 55 patients versus 20 of 54 patients in the urea cream and no cream groups, respectively.")
    assert _sizes(text) == [("urea cream", 58, 55), ("no cream", 57, 54)]


def test_a_second_bracketed_list_in_the_same_sentence_gives_second_sizes() -> None:
    text = ("Diaries were returned by 250 women at 6 weeks (84 placebo, 83 clonidine and 83 gabapentin) and by 231 "
            "at 12 weeks (78 placebo, 77 clonidine and 76 gabapentin).")
    assert _sizes(text) == [("placebo", 84, 78), ("clonidine", 83, 77), ("gabapentin", 83, 76)]


def test_denominators_of_patients_who_took_each_arm() -> None:
    text = ("Women were randomly assigned to arm P or arm Q. Treatment was completed by 30/33 patients who took P "
            "and 28/34 who took Q.")
    assert [n for _, n, _ in _sizes(text)] == [33, 34]


def test_second_sizes_written_before_the_people_word() -> None:
    text = ("Women were randomly assigned to tamoxifen (n = 90) or placebo (n = 88). In 84 tamoxifen and 80 placebo "
            "participants, mammographic density was measured at 1 year.")
    assert _sizes(text) == [("tamoxifen", 90, 84), ("placebo", 88, 80)]


def test_more_list_phrasings() -> None:
    text = "Patients were randomised to two arms. Arm A comprised 64 patients and arm B 61 patients."
    assert [n for _, n, _ in _sizes(text)] == [64, 61]
    text = "The trial enrolled 240 patients: docetaxel, 121 patients; paclitaxel, 119 patients."
    assert _sizes(text) == [("docetaxel", 121, None), ("paclitaxel", 119, None)]
    text = "Patients were randomly assigned to docetaxel or paclitaxel (121 vs 119 patients)."
    assert _sizes(text) == [("docetaxel", 121, None), ("paclitaxel", 119, None)]


def test_a_verb_phrase_after_a_count_is_not_an_arm() -> None:
    text = ("Of the 240 patients, 120 were randomised to the intervention group and 120 to the control group; "
            "112 and 109 completed follow-up, respectively.")
    assert [label for label, _, _ in _sizes(text)] == ["intervention", "control"]


def test_a_verb_does_not_glue_onto_the_next_word() -> None:
    text = "A total of 600 patients were randomized, 300 to tamoxifen and 300 toremifene."
    assert [label for label, _, _ in _sizes(text)] == ["tamoxifen", "toremifene"]
    text = "There were no grade 4 toxicities, and grade 2 events were similar between the treatment arms."
    assert _sizes(text) == []


def test_sizes_listed_after_a_colon_and_before_group_names() -> None:
    text = "In all, 130 women were randomised: 64 intervention and 66 control."
    assert _sizes(text) == [("intervention", 64, None), ("control", 66, None)]
    text = "Overall, 279 intermittent and 558 continuous dosing patients were randomised."
    assert _sizes(text) == [("intermittent", 279, None), ("continuous dosing", 558, None)]


def test_a_bracket_after_an_arm_name_ends_it() -> None:
    text = "Of 148 patients, 64 received GD and 84 received DOX (doxorubicin alone or with ifosfamide)."
    assert _sizes(text) == [("GD", 64, None), ("DOX", 84, None)]


def test_a_unit_after_a_number_is_not_an_arm() -> None:
    text = ("Patients were assigned to surgery (n = 64) or surgery plus irradiation (n = 66). Second cancers were "
            "diagnosed in 7 patients and 3 patients, the latter 47 and 93 months after irradiation (P = .2).")
    assert _sizes(text) == [("surgery", 64, None), ("surgery plus irradiation", 66, None)]


def test_one_arms_evaluable_count_is_its_second_size() -> None:
    text = ("A total of 90 patients were enrolled: 46 in the weekly group and 44 in the 3-weekly group. "
            "Of the 41 evaluable patients in the weekly group, 12 responded.")
    assert _sizes(text) == [("weekly", 46, 41), ("3-weekly", 44, None)]


def test_second_sizes_of_arms_whose_names_contain_each_other() -> None:
    text = ("Women were randomly allocated to the vitamin E (n = 52) or no vitamin E (n = 50) arms. Neuropathy of "
            "grade 2 or more was recorded for 11 of 49 women compared with 14 of 48 women in the vitamin E and "
            "no vitamin E arms, respectively.")
    assert _sizes(text) == [("vitamin E", 52, 49), ("no vitamin E", 50, 48)]


def test_no_break_spaces_read_as_spaces() -> None:
    text = "Overall, 612 women were enrolled: A\u00a0\u2192\u00a0B 205, B\u00a0\u2192\u00a0A 204, and B 203."
    assert _sizes(text) == [("A \u2192 B", 205, None), ("B \u2192 A", 204, None), ("B", 203, None)]
    text = "Women were randomised to drug K (n\u00a0=\u00a088) or placebo (n\u00a0=\u00a090)."
    assert _sizes(text) == [("drug K", 88, None), ("placebo", 90, None)]


def test_counts_with_a_share_assigned_or_treated_are_arm_sizes() -> None:
    text = "Of 212 women screened, 180 were eligible; 91 (50.6%) were randomised to yoga and 89 (49.4%) to stretching."
    assert _sizes(text) == [("yoga", 91, None), ("stretching", 89, None)]
    text = "Charts of 410 patients were reviewed: 230 (56.1%) treated with drug A + letrozole and 180 (43.9%) treated with drug A + fulvestrant."
    assert _sizes(text) == [("drug A + letrozole", 230, None), ("drug A + fulvestrant", 180, None)]
    text = ("Patients (n = 520) were randomised to the exercise arm or the usual care arm. Relapse occurred in 31 (12.1%) patients "
            "in the exercise group and 44 (17.0%) in the usual care group.")
    assert [a.n for a in _study(text).arms] == [None, None]  # a count with its share and no verb counts events


def test_sizes_enrolled_into_named_groups() -> None:
    text = "During the study, 150 patients were enrolled in the usual care group and 148 patients in the usual care plus nurse visits group."
    assert _sizes(text) == [("usual care", 150, None), ("usual care plus nurse visits", 148, None)]
    text = "In all, 96 women were included in the early feeding arm and 94 in the delayed feeding arm."
    assert _sizes(text) == [("early feeding", 96, None), ("delayed feeding", 94, None)]


def test_a_remaining_count_assigned_after_a_random_selection() -> None:
    text = "Of 160 women, 82 were randomly selected to undergo cold-cap cooling, and the remaining 78 were assigned to the control group."
    assert _sizes(text) == [("cold-cap cooling", 82, None), ("control", 78, None)]


def test_or_inside_a_listed_arm_name() -> None:
    text = "In total, 1520 (764 surgery or radiotherapy, 756 no surgery or radiotherapy) women were randomly assigned."
    assert _sizes(text) == [("surgery or radiotherapy", 764, None), ("no surgery or radiotherapy", 756, None)]


def test_a_dose_per_day_before_the_drug_name() -> None:
    text = "Women were randomly assigned to 60 mg/day drug R (n = 301) or placebo (n = 298) for 3 years."
    assert _sizes(text) == [("drug R", 301, None), ("placebo", 298, None)]


def test_sizes_of_a_population_listed_in_brackets() -> None:
    text = ("Women were randomised to drug M plus letrozole or placebo plus letrozole. The safety population comprised "
            "600 patients (drug M plus letrozole, 402; placebo plus letrozole, 198).")
    assert _sizes(text) == [("drug M plus letrozole", 402, None), ("placebo plus letrozole", 198, None)]


def test_cycles_split_in_brackets_are_not_arms() -> None:
    text = "All patients received 45 Gy in 25 fractions with 4 cycles of FOLFOX (2 concurrent, 2 consolidation)."
    assert _sizes(text) == []


def test_an_abbreviation_the_cleaner_refuses_gives_way_to_the_name_before_it() -> None:
    text = "Forty women were randomly divided into aerobic training (AT, n = 14), resistance training (RT, n = 13), or a control group (C, n = 13)."
    assert _sizes(text) == [("aerobic training", 14, None), ("resistance training (RT)", 13, None), ("control", 13, None)]


def test_arms_named_by_their_role_one_per_sentence() -> None:
    text = ("We ran a pilot randomised trial of a visit checklist. Intervention dyads (n = 58) completed the checklist "
            "before each visit. Control dyads (n = 61) received usual care.")
    assert _sizes(text) == [("Intervention", 58, None), ("Control", 61, None)]


def test_second_sizes_as_denominators_with_a_bracket_or_per_cent() -> None:
    text = ("Women were randomly assigned to drug P plus letrozole (n = 60) or chemotherapy (n = 62). At surgery, 20 (40.8%; "
            "95% CI 27.0-55.8) of 49 patients in the drug P plus letrozole group and 22 (42.3%; 28.7-56.8) of 52 patients in "
            "the chemotherapy group had a low score.")
    assert _sizes(text) == [("drug P plus letrozole", 60, 49), ("chemotherapy", 62, 52)]
    text = ("Patients were randomised to steroid (n = 40) or saline (n = 41). Seroma formed in the steroid (30 of 38, 79 per cent) "
            "and saline (33 of 39, 85 per cent) groups.")
    assert _sizes(text) == [("steroid", 40, 38), ("saline", 41, 39)]
    text = ("A total of 140 women were randomised to group 1 (n = 70) or group 2 (n = 70). Lymphoedema occurred in 30.3% (20 of 66) "
            "for group 1 and 28.1% (18 of 64) for group 2.")
    assert _sizes(text) == [("group 1", 70, 66), ("group 2", 70, 64)]


def test_a_response_category_is_not_an_arm() -> None:
    text = ("Patients were randomised to the study group (n = 40) or the control group (n = 41). Of the 38 evaluable cases in "
            "the study group, 2 achieved complete remission, 9 had stable disease and 12 had progressive disease.")
    assert _sizes(text) == [("study", 40, 38), ("control", 41, None)]


def test_letters_abbreviate_the_arms_in_a_later_size_list() -> None:
    text = ("Survivors were randomised to an intervention (n = 76) or a control (n = 77) group. In all, 118 survivors "
            "(n = 58 I; n = 60 C) completed the final tests and were analysed.")
    assert _sizes(text) == [("intervention", 76, 58), ("control", 77, 60)]


def test_evaluable_sizes_in_the_order_the_arms_were_named() -> None:
    text = ("Women were randomly assigned to drug G (n = 150) or drug E (n = 152). Response rates were 20.1% and 35.0% "
            "in 144 and 140 evaluable patients (P = 0.004).")
    assert _sizes(text) == [("drug G", 150, 144), ("drug E", 152, 140)]
    text = "Women were randomly assigned to drug G (n = 150) or drug E (n = 152). Survival was analysed in 141 and 139 patients."
    assert _sizes(text) == [("drug G", 150, 141), ("drug E", 152, 139)]
    text = "Women were randomly assigned to drug G, drug E or drug F. Survival was analysed in 141 and 139 patients."
    assert [a.n_analysed for a in _study(text).arms] == [None, None, None]  # three arms: two sizes cannot be placed


def test_sizes_stated_as_the_number_who_started_each_arm() -> None:
    text = ("Women were randomised to drug A or placebo. Of those allocated, 120 started drug A and 98 completed it, "
            "while 118 started placebo and 110 completed it.")
    assert _sizes(text) == [("drug A", 120, None), ("placebo", 118, None)]


def test_sizes_in_the_arms_order_with_respectively_and_a_verb() -> None:
    text = "Patients were randomized to drug A or drug B; 152 and 148 patients, respectively, were treated."
    assert _sizes(text) == [("drug A", 152, None), ("drug B", 148, None)]
    text = "Patients were randomized to drug A, drug B or drug C; 152 and 148 patients, respectively, were treated."
    assert [a.n for a in _study(text).arms] == [None, None, None]  # two sizes for three arms: not placed


def test_one_arm_per_sentence_named_by_a_bracketed_letter() -> None:
    text = ("We reviewed 500 women treated after breast-conserving surgery. Three hundred and ten patients received "
            "radiotherapy and tamoxifen (group A). One hundred and ninety patients underwent radiotherapy alone (group B).")
    assert _sizes(text) == [("radiotherapy and tamoxifen (group A)", 310, None), ("radiotherapy alone (group B)", 190, None)]


def test_a_total_split_after_its_verb() -> None:
    text = "A total of 160 patients were treated, 41 with weekly AC, 40 with biweekly AC, 39 with weekly EC and 40 with biweekly EC."
    assert _sizes(text) == [("weekly AC", 41, None), ("biweekly AC", 40, None), ("weekly EC", 39, None), ("biweekly EC", 40, None)]
    text = "Overall, 240 women were randomised: 121 (50.4%) to exercise and 119 (49.6%) to usual care."
    assert _sizes(text) == [("exercise", 121, None), ("usual care", 119, None)]


def test_versus_ends_an_arm_name_after_a_denominator() -> None:
    text = "Patients were randomised to drug A or drug B. Fatigue improved in 12/48 patients with drug A vs 9/50 with drug B (P = 0.4)."
    assert _sizes(text) == [("drug A", 48, None), ("drug B", 50, None)]


def test_denominators_after_two_lettered_groups_respectively() -> None:
    text = ("Patients were randomised to group A (docetaxel) or group B (capecitabine). The response rates of group A and B "
            "were 58.8% (20/34) and 61.2% (30/49), respectively.")
    assert _sizes(text) == [("docetaxel (group A)", 34, None), ("capecitabine (group B)", 49, None)]


def test_two_denominators_respectively_size_two_unsized_groups_in_order() -> None:
    text = ("We compared women with multifocal tumours and a control group with unifocal tumours. In the multifocal group, "
            "51% had a positive node compared with 28% in the unifocal group; further nodes were involved in 40% (38/95) "
            "and 39% (39/101), respectively.")
    assert _sizes(text) == [("multifocal", 95, None), ("unifocal", 101, None)]


def test_a_role_in_brackets_names_the_arm() -> None:
    text = ("Of 170 women, eighty-four patients opted for standard surgery and radiotherapy (control arm) and 86 patients "
            "chose additional breast irradiation (intervention arm).")
    assert _sizes(text) == [("control", 84, None), ("intervention", 86, None)]


def test_a_percentage_ends_an_arm_name() -> None:
    text = "Among 142 women assigned DDTX 87% of the intended cycles were given, against 93% in the 139 women assigned STTX."
    assert _sizes(text) == [("DDTX", 142, None), ("STTX", 139, None)]


def test_group_counts_that_were_assessed_are_second_sizes() -> None:
    text = ("Of 231 women screened, 186 were randomised: 94 (50.5%) to yoga and 92 (49.5%) to stretching. At week 12, "
            "85 women in the yoga group and 83 in the stretching group were assessed.")
    assert _sizes(text) == [("yoga", 94, 85), ("stretching", 92, 83)]


# --- arms named by a code carry the name the text defines for it -------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an abbreviation in brackets after the name, with or without a size
        ("Women were randomised to epirubicin and paclitaxel (EP, n = 120) or epirubicin and cyclophosphamide (EC, n = 118).",
         [("epirubicin and paclitaxel (EP)", 120), ("epirubicin and cyclophosphamide (EC)", 118)]),
        # a brand-letter code the name does not spell: the name runs from the verb of assignment
        ("We assigned 80 patients to capecitabine plus lapatinib (XL) and 78 to capecitabine alone (X). "
         "In all, XL (n = 80) and X (n = 78) were compared.",
         [("capecitabine plus lapatinib (XL)", 80), ("capecitabine alone (X)", 78)]),
        # a letter after its name, and a name after its letter
        ("Patients received weekly vinorelbine (arm A, n = 50) or gemcitabine (arm B, n = 52).",
         [("weekly vinorelbine (arm A)", 50), ("gemcitabine (arm B)", 52)]),
        ("Patients were allocated to group 1 (exercise programme) or group 2 (usual care); group 1 (n = 44) and group 2 (n = 46).",
         [("exercise programme (group 1)", 44), ("usual care (group 2)", 46)]),
    ],
)
def test_a_coded_arm_carries_its_defined_name(text: str, expected: list[tuple[str, int]]) -> None:
    assert [(label, n) for label, n, _ in _sizes(text)] == expected


def test_a_code_without_a_definition_is_left_as_it_is() -> None:
    text = "Patients were randomised to arm A (n = 60) or arm B (n = 58); the arms differed in schedule only."
    assert [(label, n) for label, n, _ in _sizes(text)] == [("arm A", 60), ("arm B", 58)]


def test_a_doses_and_schedule_are_not_part_of_the_defined_name() -> None:
    text = "Patients received anastrozole 1 mg daily (group A, n = 40) or exemestane 25 mg daily (group B, n = 41)."
    assert [(label, n) for label, n, _ in _sizes(text)] == [("anastrozole (group A)", 40), ("exemestane (group B)", 41)]


def test_results_listed_by_arm_are_not_definitions() -> None:
    text = ("Patients were randomised to arm A (n = 50) or arm B (n = 49). Fatigue was more common with the higher dose "
            "(arm A, 40%; arm B, 22%).")
    assert [(label, n) for label, n, _ in _sizes(text)] == [("arm A", 50), ("arm B", 49)]


def test_an_abbreviation_is_named_by_the_drug_it_stands_for_even_when_the_name_does_not_spell_it() -> None:
    text = "Women were randomised to docetaxel (TXT, n = 90) or capecitabine (CAP, n = 92). TXT and CAP were given for six cycles."
    assert [(label, n) for label, n, _ in _sizes(text)] == [("docetaxel (TXT)", 90), ("capecitabine (CAP)", 92)]


def test_a_clause_of_purpose_is_not_an_arm_name() -> None:
    text = ("The aim was to investigate how radiotherapy (XRT) changes outcome. Women were randomised to XRT (n = 100) or "
            "no XRT (n = 99).")
    assert [label for label, _, _ in _sizes(text)][0] == "XRT"


def test_a_role_arm_is_named_from_its_verb_and_a_code_first_bracket_reads_past_a_dose_bracket() -> None:
    text = ("Women were randomly assigned to receive preoperative chemotherapy alone (control arm, n = 40) or preoperative "
            "chemotherapy concurrent with anastrozole 1 mg (study arm, n = 41).")
    assert [(label, n) for label, n, _ in _sizes(text)] == [
        ("control", 40), ("preoperative chemotherapy concurrent with anastrozole (study)", 41)]
    text = ("Patients were randomly assigned to combination therapy (n = 150) or monotherapy (n = 148). Monotherapy "
            "(paclitaxel 90 mg/m(2) weekly) and combination therapy were given until progression.")
    assert [(label, n) for label, n, _ in _sizes(text)][1] == ("paclitaxel (monotherapy)", 148)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Patients in group A received oral vinorelbine, while group B was given capecitabine.", ("vinorelbine (group A)", "capecitabine (group B)")),
        ("Group 1 underwent supervised exercise and group 2 received written advice.", ("supervised exercise (group 1)", "written advice (group 2)")),
    ],
)
def test_a_coded_arm_is_named_by_what_it_received(sentence: str, expected: tuple[str, str]) -> None:
    text = "Women were randomly assigned to group A (n = 40) or group B (n = 42). " if "group A" in sentence else (
        "Women were randomly assigned to group 1 (n = 40) or group 2 (n = 42). ")
    assert tuple(label for label, _, _ in _sizes(text + sentence)) == expected


def test_a_pronoun_is_not_a_defined_name() -> None:
    text = "Women were randomised to trastuzumab (n = 50), lapatinib (n = 51) or both (TL, n = 49)."
    assert "TL" in [label for label, _, _ in _sizes(text)]
