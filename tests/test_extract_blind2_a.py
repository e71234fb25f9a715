"""Cohort counts, design and regimen names in phrasings the blind2 abstracts showed the extractor missing
(extractors/cohort.py, extractors/design.py, extractors/regimen.py, extractors/lexicon.py).

Every sentence is invented for the test.
"""

from __future__ import annotations

import pytest

from evidence.records import Article, Section, Study
from extractors.pipeline import extract_study


def _study(text: str) -> Study:
    return extract_study(Article(pmid="t", sections=(Section("", text),)))


@pytest.mark.parametrize(
    "text, n",
    [
        ("Between 2015 and 2018, 64 patients (41 men, 23 women; median age 58 years) were enrolled.", 64),
        ("In total, 212 women (median age 54 years, range 31-80) were randomly assigned to letrozole or anastrozole.", 212),
        ("Overall, 88 patients (stage III, 60; stage IV, 28) were accrued at five centres.", 88),
        ("Across nine sites, 137 participants (mean age 61 years; 58% female) were recruited.", 137),
        ("From 2010 to 2013, 95 adults (ECOG 0-1) had been registered.", 95),
        ("In total, 66 women (median age 51; 30 premenopausal) with stage II disease were enrolled.", 66),
        ("Overall, 41 children (22 boys, 19 girls) aged under ten were recruited.", 41),
    ],
)
def test_a_bracket_between_the_count_and_its_verb_of_enrolment(text: str, n: int) -> None:
    cohort = _study(text).cohort
    assert cohort.n_enrolled == n
    assert cohort.n == n


def test_a_bracket_of_a_larger_population_does_not_enrol_it() -> None:
    cohort = _study("This secondary analysis included 310 women (35% of the 886 randomised patients).").cohort
    assert cohort.n == 310


@pytest.mark.parametrize(
    "text, n",
    [
        ("Forty underwent surgery and were evaluable.", 40),
        ("Thirty-one underwent resection and were evaluable for the main outcome.", 31),
        ("Of these, 61 proceeded to transplant and were evaluable for response.", 61),
        ("In all, 33 went on to resection and were assessable.", 33),
        ("Finally, 27 had a baseline scan and were evaluable for progression.", 27),
    ],
)
def test_a_coordinated_verb_without_a_noun_before_evaluable(text: str, n: int) -> None:
    assert _study(text).cohort.n_evaluable == n


def test_a_later_count_stays_evaluable_not_the_first() -> None:
    cohort = _study("A total of 80 patients underwent surgery and 45 were evaluable.").cohort
    assert cohort.n_evaluable == 45
    assert cohort.n == 80


@pytest.mark.parametrize(
    "text, n",
    [
        ("We retrospectively analysed 143 consecutive patients with resected pancreatic cancer.", 143),
        ("We analysed 96 consecutive women treated at our unit.", 96),
        ("We prospectively analyzed 58 adults undergoing liver transplantation.", 58),
        ("We then analysed 212 patients who had completed chemotherapy.", 212),
        ("Records of 64 women were retrospectively analysed.", 64),
        ("In all, 152 patients seen at our centre were retrospectively analyzed.", 152),
        ("The 74 eligible patients (50 men, 24 women) formed the analysis population.", 74),
        ("The 130 women who began treatment made up the per-protocol analysis sample.", 130),
    ],
)
def test_a_count_stated_with_an_analysis_word_is_analysed(text: str, n: int) -> None:
    cohort = _study(text).cohort
    assert cohort.n_analysed == n
    assert cohort.n == n


_PHASE2 = "In this single-arm phase II study, 45 patients received weekly drug Z. "


@pytest.mark.parametrize(
    "ending",
    [
        "The activity seen here warrants randomised evaluation.",
        "The combination merits randomized testing against the standard.",
        "A randomised trial is needed to confirm the benefit.",
        "The schedule should be tested in a randomised setting.",
        "A randomised comparison with capecitabine is under way.",
        "Confirmation in randomized studies is required.",
        "Its value remains to be tested in randomised fashion.",
    ],
)
def test_a_randomised_study_asked_for_is_not_this_one(ending: str) -> None:
    design = set(_study(_PHASE2 + ending).design)
    assert "randomised" not in design
    assert {"phase2", "prospective"} <= design


@pytest.mark.parametrize(
    "ending",
    [
        "The nomogram deserves prospective validation.",
        "The score warrants prospective confirmation in other centres.",
        "These associations should be confirmed prospectively.",
        "Prospective validation is needed before routine use.",
    ],
)
def test_a_prospective_study_asked_for_is_not_this_one(ending: str) -> None:
    design = set(_study("We retrospectively reviewed the charts of 88 patients treated at our centre. " + ending).design)
    assert "prospective" not in design
    assert "retrospective" in design


@pytest.mark.parametrize(
    "text, label",
    [
        ("In this randomised phase III trial, 402 adults got drug A or drug B by lot.", "randomised"),
        ("This prospective study enrolled 120 patients; randomisation is not needed for this question.", "prospective"),
        ("Adults were randomised between exemestane and tamoxifen, with allocation balanced by site.", "randomised"),
    ],
)
def test_this_studys_own_design_is_kept(text: str, label: str) -> None:
    assert label in _study(text).design


def _drugs(text: str) -> set[str]:
    return set(_study(text).regimen.drugs)


@pytest.mark.parametrize(
    "text, agents",
    [
        ("Frail adults over 80 were given R-mini-CHOP for six cycles.", {"rituximab", "cyclophosphamide", "doxorubicin", "vincristine", "prednisone"}),
        ("Patients unfit for anthracyclines got R-miniCEOP every three weeks.", {"rituximab", "cyclophosphamide", "epirubicin", "vincristine", "prednisone"}),
        ("Salvage therapy was R-GDP chemotherapy before transplant.", {"rituximab", "gemcitabine", "dexamethasone", "cisplatin"}),
        ("Those not fit for transplant received R-GemOx chemotherapy.", {"rituximab", "gemcitabine", "oxaliplatin"}),
    ],
)
def test_rituximab_prefix_on_a_regimen_acronym(text: str, agents: set[str]) -> None:
    assert agents <= _drugs(text)


def test_a_mini_regimen_without_the_prefix_has_no_rituximab() -> None:
    drugs = _drugs("Older patients received mini-CHOP chemotherapy every 21 days.")
    assert "cyclophosphamide" in drugs
    assert "rituximab" not in drugs


@pytest.mark.parametrize(
    "text, agent",
    [
        ("Women with relapsed ovarian cancer took fuzuloparib 150 mg twice daily as maintenance.", "fuzuloparib"),
        ("Maintenance pamiparib was given until progression.", "pamiparib"),
        ("Resected melanoma was treated with adjuvant interferon alfa-2b for one year.", "interferon alfa-2b"),
        ("Patients with EGFR-mutant disease were treated with aumolertinib 110 mg daily.", "aumolertinib"),
        ("Relapsed T-cell lymphoma was treated with chidamide 30 mg twice weekly.", "chidamide"),
        ("Participants with relapsed myeloma received teclistamab weekly.", "teclistamab"),
        ("Hairy-cell leukaemia was treated with cladribine for five days.", "cladribine"),
    ],
)
def test_agents_added_to_the_lexicon(text: str, agent: str) -> None:
    assert agent in _drugs(text)


@pytest.mark.parametrize(
    "text, n",
    [
        ("A total of 77 women with tumours larger than 2.5 cm were enrolled.", 77),
        ("Some 58 adults with a serum level above 1.5 mg/dl were recruited at four sites.", 58),
        ("One hundred and twelve women who had night sweats while taking letrozole were randomised to yoga or usual care.", 112),
        ("Eighty men with bone pain while receiving enzalutamide were enrolled.", 80),
    ],
)
def test_a_decimal_or_a_while_participle_does_not_end_the_count_clause(text: str, n: int) -> None:
    assert _study(text).cohort.n_enrolled == n
