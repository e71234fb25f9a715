"""Regimen, design and wound phrasings behind the misses of the fourth blind set: prior treatments and acronyms read
in their other sense, both settings kept, full multi-word drug names, records kept prospectively, per-arm wound
rates after a list of the complications counted.  Every sentence here is invented."""

from __future__ import annotations

import pytest

from evidence.records import Article, Measure, Section, Study
from extractors.design import find_design
from extractors.lexicon import load_lexicon
from extractors.pipeline import extract_study
from extractors.regimen import find_regimen


def _study(text: str, title: str = "") -> Study:
    return extract_study(Article(pmid="t", title=title, sections=(Section("", text),)))


def _drugs(text: str) -> set[str]:
    hits = find_regimen(text, [(0, len(text))], load_lexicon())
    return {h.payload["value"] for h in hits if h.label == "drug"}


# --- 1. a prior or background treatment, an acronym in its other sense -------------------------------------------

@pytest.mark.parametrize(
    ("sentence", "absent", "present"),
    [
        ("Women who have already received tamoxifen were offered letrozole for five more years.", {"tamoxifen"}, {"letrozole"}),
        ("Men who previously received docetaxel were randomised to cabazitaxel or a second hormonal agent.", {"docetaxel"}, {"cabazitaxel"}),
        ("Patients formerly given cisplatin took part; they were treated with nivolumab.", {"cisplatin"}, {"nivolumab"}),
        ("Women in whom exemestane or anastrozole has failed were assigned to fulvestrant with palbociclib.", {"exemestane", "anastrozole"}, {"fulvestrant", "palbociclib"}),
        ("We offered regorafenib once imatinib and sunitinib had both failed.", {"imatinib", "sunitinib"}, {"regorafenib"}),
        ("Participants in complete response after induction with bortezomib were randomised to ixazomib or placebo.", {"bortezomib"}, {"ixazomib"}),
        ("Patients in partial response following four cycles of carboplatin received maintenance olaparib.", {"carboplatin"}, {"olaparib"}),
        ("Those who finished five years of adjuvant anastrozole were assigned to five more years or to stopping; the extension arm took letrozole.", {"anastrozole"}, {"letrozole"}),
        ("On completion of 2-3 years of tamoxifen, half the women switched to exemestane.", {"tamoxifen"}, {"exemestane"}),
        ("Women free of relapse after 4–6 years of tamoxifen took part and were assigned to anastrozole.", {"tamoxifen"}, {"anastrozole"}),
        ("Patients progressing within three months of gemcitabine were given nal-irinotecan with fluorouracil.", {"gemcitabine"}, {"fluorouracil"}),
        ("Adults who had been taking imatinib for two years then stopped, and relapses were treated with dasatinib.", {"imatinib"}, {"dasatinib"}),
        ("Tumours that recurred on letrozole were treated with fulvestrant.", {"letrozole"}, {"fulvestrant"}),
    ],
)
def test_prior_treatment_is_not_the_regimen(sentence: str, absent: set[str], present: set[str]) -> None:
    drugs = _drugs(sentence)
    assert not drugs & absent, drugs
    assert present <= drugs, drugs


@pytest.mark.parametrize(
    ("sentence", "drug"),
    [
        ("Of 140 women, 126 completed six cycles of docetaxel.", "docetaxel"),
        ("Nine in ten completed 12 months of trastuzumab.", "trastuzumab"),
        ("Objective response after letrozole was seen in 31 of 90 women.", "letrozole"),
    ],
)
def test_the_study_drug_named_with_completion_or_response_is_kept(sentence: str, drug: str) -> None:
    assert drug in _drugs(sentence)


@pytest.mark.parametrize(
    "text",
    [
        "Extended letrozole after tamoxifen then an AI\nAfter five years of hormonal care, letrozole or a dummy tablet was assigned by lot.",
        "Switching to an AI after two years on tamoxifen\nWe compared anastrozole with continued tamoxifen in the AI arm and the control arm.",
        "Joint pain on an AI in a hormone-receptor-positive group\nArthralgia is common with aromatase inhibitors; the AI group kept a diary.",
        "An AI model to choose therapy\nArtificial intelligence may guide the choice of treatment; the AI group was compared with usual care.",
    ],
)
def test_ai_in_an_endocrine_or_computing_text_is_not_doxorubicin_ifosfamide(text: str) -> None:
    drugs = _drugs(text)
    assert not drugs & {"doxorubicin", "ifosfamide"}, drugs


@pytest.mark.parametrize(
    ("text", "present"),
    [
        ("Six cycles of AI chemotherapy before surgery for limb sarcoma\nAdults received AI chemotherapy every three weeks.", {"doxorubicin", "ifosfamide"}),
        ("Postoperative ET in node-positive disease\nWomen were randomised to ET chemotherapy or to observation.", {"epirubicin", "docetaxel"}),
    ],
)
def test_acronym_regimen_kept_without_another_reading(text: str, present: set[str]) -> None:
    assert present <= _drugs(text)


def test_endocrine_therapy_spelled_out_makes_et_not_a_regimen() -> None:
    text = "Adherence to ET in young women\nWomen taking endocrine therapy got text reminders by lot; the ET group also had a nurse call."
    assert not _drugs(text) & {"epirubicin", "docetaxel"}


# --- 2. neoadjuvant and preoperative both stated -------------------------------------------------------------------

@pytest.mark.parametrize(
    "text",
    [
        "Forty adults had neoadjuvant doxorubicin with ifosfamide, then preoperative radiotherapy of 25 Gy in 5 fractions and resection.",
        "We gave two cycles of neoadjuvant gemcitabine and docetaxel followed by pre-operative irradiation to 50 Gy before surgery.",
        "Neoadjuvant oxaliplatin for three months was followed by preoperative chemoradiotherapy with capecitabine.",
    ],
)
def test_neoadjuvant_and_preoperative_both_kept_when_both_are_written(text: str) -> None:
    assert {"neoadjuvant", "preoperative"} <= set(_study(text).regimen.settings)


@pytest.mark.parametrize(
    "text",
    [
        "Thirty women had neoadjuvant paclitaxel weekly for twelve weeks before surgery.",
        "Neoadjuvant pembrolizumab was given in two doses prior to surgery in forty patients.",
    ],
)
def test_before_surgery_restating_neoadjuvant_adds_no_setting(text: str) -> None:
    settings = _study(text).regimen.settings
    assert "neoadjuvant" in settings and "preoperative" not in settings


def test_before_surgery_alone_is_preoperative() -> None:
    assert "preoperative" in _study("Sixty patients took imatinib daily for six months before surgery.").regimen.settings


# --- 3. a multi-word drug name kept whole ---------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("Toddlers with relapsed neuroblastoma were given dinutuximab beta as a ten-day infusion.", "dinutuximab beta"),
        ("Dinutuximab-beta was added to the second course of chemotherapy.", "dinutuximab beta"),
        ("Each child had dinutuximab β together with isotretinoin.", "dinutuximab beta"),
        ("Osteopetrosis patients took interferon gamma-1b three times a week.", "interferon gamma-1b"),
        ("The melanoma cohort got interferon beta by daily injection.", "interferon beta"),
        ("Pancreatic cancer patients had nab-paclitaxel, gemcitabine and pegvorhyaluronidase alfa.", "pegvorhyaluronidase alfa"),
    ],
)
def test_drug_name_with_a_greek_or_alfa_suffix_kept_whole(sentence: str, name: str) -> None:
    drugs = _drugs(sentence)
    assert name in drugs, drugs
    assert name.split()[0] not in drugs, drugs


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("Women were assigned to trastuzumab-dkst or to the reference product.", "trastuzumab"),
        ("Patients took interferon alfa three times a week.", "interferon"),
        ("Arms differed in bevacizumab, alpha being set at 0.05.", "bevacizumab"),
    ],
)
def test_biosimilar_suffix_and_known_names_unchanged(sentence: str, name: str) -> None:
    assert _drugs(sentence) == {name}


# --- 4. records kept prospectively are not a prospective study -----------------------------------------------------

def _design(text: str) -> set[str]:
    return {h.label for h in find_design(text, load_lexicon())}


@pytest.mark.parametrize(
    "text",
    [
        "We searched our prospectively maintained departmental database for women operated on between 2005 and 2018.",
        "This is a review of prospectively collected institutional registry data on 410 men treated from 2010 to 2020.",
        "Cases came from a prospective database kept at our clinic between 2003 and 2016.",
        "All 95 children were found in a registry that has been prospectively updated at our hospital since 1998.",
        "Outcomes were taken from a prospectively curated audit of 212 resections done at one institution.",
    ],
)
def test_a_prospectively_kept_database_is_not_a_prospective_design(text: str) -> None:
    design = _design(text)
    assert "prospective" not in design and "retrospective" in design, design


@pytest.mark.parametrize(
    "text",
    [
        "We prospectively enrolled 70 adults and followed them for two years.",
        "In this prospective observational study, we prospectively gathered answers from 150 women.",
        "Information was prospectively gathered from each of the 44 participants as they enrolled.",
    ],
)
def test_prospective_studies_stay_prospective(text: str) -> None:
    assert "prospective" in _design(text)


# --- 5. per-arm wound rates after a list of the complications counted ----------------------------------------------

_TWO_GROUPS = "By lot, adults had a drain (n = 90) or no drain (n = 88) after their operation. "


def _wound(text: str) -> list[tuple[float | None, int | None, str | None]]:
    study = _study(text, "A randomised trial of drains")
    return [(f.value, f.count, f.arm) for f in study.findings if f.measure == Measure.WOUND]


@pytest.mark.parametrize(
    "sentence",
    [
        "Wound complications (seroma requiring drainage, haematoma or infection) arose in 12 (13.3%) and 7 (8.0%) patients.",
        "Wound complications (dehiscence, infection [deep or superficial] or necrosis) occurred in 12 (13.3%) and 7 (8.0%) patients.",
        "Wound complications, including infection and dehiscence, were recorded in 12 (13.3%) and 7 (8.0%) patients.",
        "Wound complications, such as seroma or infection, occurred in 12 (13.3%) and 7 (8.0%) cases.",
    ],
)
def test_wound_rates_per_arm_after_a_list_of_what_was_counted(sentence: str) -> None:
    assert _wound(_TWO_GROUPS + sentence) == [(0.133, 12, "drain"), (0.08, 7, "no drain")]


def test_wound_rates_in_a_bracket_are_still_read() -> None:
    assert _wound(_TWO_GROUPS + "Wound complications (13.3% vs 8.0%) did not differ.") == [(0.133, None, "drain"), (0.08, None, "no drain")]


def test_another_outcome_after_the_wound_phrase_still_stops_the_values() -> None:
    assert _wound(_TWO_GROUPS + "Wound complications were rare, and infection occurred in 12 (13.3%) and 7 (8.0%) patients.") == []


@pytest.mark.parametrize(
    "text",
    [
        "Propensity-score matching paired 120 men given surgery with 120 given radiotherapy.",
        "Real-world outcomes of 310 women given palbociclib with an aromatase inhibitor at eleven hospitals.",
    ],
)
def test_matched_and_real_world_series_are_retrospective(text: str) -> None:
    assert _design(text) == {"retrospective"}


def test_prospective_non_randomised_studies_searched_are_other_work() -> None:
    text = "This protocol describes how we will search databases for randomised and prospective non-randomised studies of limb perfusion."
    assert "prospective" not in _design(text)


@pytest.mark.parametrize(
    "sentence",
    [
        "Second-line nal-IRI was combined with leucovorin for most of the cohort.",
        "Those assigned to liposomal irinotecan had diarrhoea more often.",
        "Onivyde every two weeks was the experimental treatment.",
    ],
)
def test_liposomal_irinotecan_forms_are_irinotecan(sentence: str) -> None:
    assert "irinotecan" in _drugs(sentence)
