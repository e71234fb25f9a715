"""Drugs named as prior, excluded, supportive or background therapy are not the study's regimen."""

from __future__ import annotations

import pytest

from extractors.lexicon import load_lexicon
from extractors.regimen import find_regimen


def _drugs(text: str) -> set[str]:
    hits = find_regimen(text, [(0, len(text))], load_lexicon())
    return {h.payload["value"] for h in hits if h.label == "drug"}


@pytest.mark.parametrize(
    ("sentence", "absent", "present"),
    [
        ("Women previously treated with an anthracycline and docetaxel were randomised to eribulin or capecitabine.", {"docetaxel"}, {"eribulin", "capecitabine"}),
        ("Heavily pretreated with paclitaxel, patients then received ixabepilone every three weeks.", {"paclitaxel"}, {"ixabepilone"}),
        ("Patients whose disease was refractory to letrozole received fulvestrant 500 mg.", {"letrozole"}, {"fulvestrant"}),
        ("Tumours resistant to trastuzumab were treated with lapatinib plus capecitabine.", {"trastuzumab"}, {"lapatinib", "capecitabine"}),
        ("Those who progressed on anastrozole were given exemestane with everolimus.", {"anastrozole"}, {"exemestane", "everolimus"}),
        ("After failure of imatinib, patients were assigned to sunitinib or regorafenib.", {"imatinib"}, {"sunitinib", "regorafenib"}),
        ("Prior tamoxifen was allowed; all patients started letrozole.", {"tamoxifen"}, {"letrozole"}),
        ("Participants who had received adjuvant doxorubicin were assigned to gemcitabine.", {"doxorubicin"}, {"gemcitabine"}),
        ("Postmenopausal women free of disease after five years of tamoxifen took anastrozole or placebo.", {"tamoxifen"}, {"anastrozole"}),
        ("Metastatic disease after gemcitabine-based chemotherapy was treated with oxaliplatin.", {"gemcitabine"}, {"oxaliplatin"}),
        ("Patients with sarcoma progressing after ifosfamide received trabectedin.", {"ifosfamide"}, {"trabectedin"}),
        ("Carboplatin was given instead of cisplatin in older patients.", {"cisplatin"}, {"carboplatin"}),
        ("Patients ineligible for cisplatin received pembrolizumab.", {"cisplatin"}, {"pembrolizumab"}),
        ("Cisplatin-ineligible patients received atezolizumab.", {"cisplatin"}, {"atezolizumab"}),
        ("Premedication with prednisone preceded each infusion of docetaxel.", {"prednisone"}, {"docetaxel"}),
        ("Tamoxifen-refractory tumours were treated with fulvestrant.", {"tamoxifen"}, {"fulvestrant"}),
        ("Platinum doublets are an alternative to cisplatin and pemetrexed in frail patients given nivolumab.", {"cisplatin", "pemetrexed"}, {"nivolumab"}),
        ("At relapse, subsequent therapy with ipilimumab was allowed; patients received nivolumab.", {"ipilimumab"}, {"nivolumab"}),
        ("Type I interferon signalling rose with pembrolizumab.", {"interferon"}, {"pembrolizumab"}),
        ("Despite earlier exposure to bevacizumab, responses to irinotecan were seen.", {"bevacizumab"}, {"irinotecan"}),
    ],
)
def test_other_treatment_is_not_the_regimen(sentence: str, absent: set[str], present: set[str]) -> None:
    drugs = _drugs(sentence)
    assert not drugs & absent, drugs
    assert present <= drugs, drugs


@pytest.mark.parametrize(
    ("sentence", "present"),
    [
        # the study's own treatment, also where prior therapy words come near it
        ("After surgery, patients were randomly assigned to docetaxel or observation.", {"docetaxel"}),
        ("Doxorubicin was given prior to surgery in both arms.", {"doxorubicin"}),
        ("Patients received paclitaxel after four cycles of doxorubicin and cyclophosphamide were randomised.", {"paclitaxel"}),
        ("Patients were randomised to letrozole with or without palbociclib.", {"letrozole", "palbociclib"}),
        ("Dexrazoxane was infused before doxorubicin; trastuzumab followed by pertuzumab was given.", {"doxorubicin", "trastuzumab", "pertuzumab"}),
        ("Women with no previous chemotherapy received capecitabine.", {"capecitabine"}),
    ],
)
def test_study_treatment_stays(sentence: str, present: set[str]) -> None:
    assert present <= _drugs(sentence)


def test_study_drug_named_again_where_given_stays() -> None:
    text = "Patients previously treated with trastuzumab were randomly assigned to trastuzumab plus pertuzumab or lapatinib."
    assert {"trastuzumab", "pertuzumab", "lapatinib"} <= _drugs(text)


def test_acronym_the_text_defines_is_not_expanded_from_the_lexicon() -> None:
    text = "Patients were randomly assigned to gemcitabine plus carboplatin (GC) or gemcitabine alone; GC chemotherapy was given for six cycles."
    drugs = _drugs(text)
    assert "cisplatin" not in drugs
    assert {"gemcitabine", "carboplatin"} <= drugs


def test_acronym_the_text_does_not_define_is_expanded() -> None:
    assert {"gemcitabine", "cisplatin"} <= _drugs("Patients received six cycles of GC chemotherapy.")


def test_a_list_of_treatment_options_is_not_the_regimen() -> None:
    text = "Treatment options include sunitinib, investigational agents, weekly methotrexate and vinblastine."
    assert not _drugs(text) & {"sunitinib", "methotrexate", "vinblastine"}


@pytest.mark.parametrize(
    ("sentence", "drug"),
    [
        ("Higher complete response and event-free survival after docetaxel plus carboplatin than after epirubicin.", "docetaxel"),
        ("Exposure to docetaxel did not raise the rate of late cardiac events.", "docetaxel"),
        ("The incidence of neuropathy following paclitaxel was lower in the weekly arm.", "paclitaxel"),
        ("Tumour response after letrozole was assessed by ultrasound.", "letrozole"),
    ],
)
def test_outcomes_after_the_study_drug_keep_it(sentence: str, drug: str) -> None:
    assert drug in _drugs(sentence)


def _settings(text: str) -> set[str]:
    hits = find_regimen(text, [(0, len(text))], load_lexicon())
    return {h.payload["value"] for h in hits if h.label == "setting"}


@pytest.mark.parametrize(
    ("sentence", "absent", "present"),
    [
        ("Patients who had completed concurrent chemoradiotherapy were assigned to maintenance capecitabine.", {"concurrent"}, {"maintenance"}),
        ("Women who had received neoadjuvant chemotherapy were randomised to adjuvant olaparib or placebo.", {"neoadjuvant"}, {"adjuvant"}),
        ("Residual disease after anthracycline- and taxane-containing neoadjuvant chemotherapy was treated with adjuvant capecitabine.", {"neoadjuvant"}, {"adjuvant"}),
        ("Patients previously treated with adjuvant tamoxifen received palliative letrozole.", {"adjuvant"}, {"palliative"}),
    ],
)
def test_prior_setting_is_not_the_study_setting(sentence: str, absent: set[str], present: set[str]) -> None:
    settings = _settings(sentence)
    assert not settings & absent, settings
    assert present <= settings, settings


def test_study_setting_stays() -> None:
    assert {"neoadjuvant"} <= _settings("Patients were randomly assigned to neoadjuvant letrozole or anastrozole.")
    assert {"induction"} <= _settings("After four months of induction chemotherapy, patients received radiotherapy.")
