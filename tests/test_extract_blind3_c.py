"""Arms, design and regimen on phrasings the blind3 non-randomised abstracts showed the extractor getting wrong
(extractors/arms.py, extractors/design.py, extractors/regimen.py and the drug lexicon): subgroups and dose levels
read as arms, words about other work or eligibility read as this study's facts, and CAR-T products missing.

Every sentence is invented for the test.
"""

from __future__ import annotations

import pytest

from evidence.records import Article, Section, Study
from extractors.pipeline import extract_study


def _study(text: str, title: str = "") -> Study:
    return extract_study(Article(pmid="t", title=title, sections=(Section("", text),)))


@pytest.mark.parametrize(
    "text, drug",
    [
        ("Forty adults were infused with axicabtagene ciloleucel (axi-cel) after lymphodepletion.", "axicabtagene ciloleucel"),
        ("We treated 52 children with tisa-cel for relapsed leukaemia.", "tisagenlecleucel"),
        ("Thirty patients with mantle cell lymphoma received Tecartus at four centres.", "brexucabtagene autoleucel"),
        ("Liso-cel was given to 27 patients with follicular lymphoma.", "lisocabtagene maraleucel"),
        ("Ide-cel was infused in 64 patients with myeloma refractory to three drug classes.", "idecabtagene vicleucel"),
        ("Of 90 patients apheresed, 81 received cilta-cel as a single infusion.", "ciltacabtagene autoleucel"),
        ("Obe-cel was infused in 40 adults with B-cell leukaemia.", "obecabtagene autoleucel"),
    ],
)
def test_car_t_products_are_drugs(text: str, drug: str) -> None:
    assert drug in _study(text).regimen.drugs


@pytest.mark.parametrize(
    "text",
    [
        "We reviewed 140 patients with liver cancer (Child-Pugh A, n = 112; B, n = 28) who started sorafenib between 2015 and 2020. "
        "Patients with class A lived longer than those with class B (median OS 14.1 vs 6.2 months).",
        "Records of 96 consecutive patients (BCLC B, n = 40; BCLC C, n = 56) treated with TACE were reviewed; survival differed between groups (p = 0.01).",
        "A retrospective series of 80 women (stage II, n = 35; stage III, n = 45) given neoadjuvant docetaxel was analysed and compared by stage.",
        "We analysed 150 patients with oropharyngeal cancer (HPV-positive, n = 90; HPV-negative, n = 60) treated with chemoradiotherapy; outcomes were compared.",
    ],
)
def test_patient_subgroups_of_a_series_are_not_arms(text: str) -> None:
    assert _study(text).arms == ()


@pytest.mark.parametrize(
    "text",
    [
        "In this phase I dose-escalation study, 18 patients received gemcitabine with radiotherapy (40 Gy, n = 6; 45 Gy, n = 6; 50 Gy, n = 6). "
        "The maximum tolerated dose was 45 Gy.",
        "Twenty patients were treated at four dose levels (100 mg, n = 3; 200 mg, n = 6; 300 mg, n = 6; 400 mg, n = 5) with a 3 + 3 design.",
        "Using a dose-finding design, 15 patients received olaparib (100 mg, n = 5; 200 mg, n = 4; 300 mg, n = 6) with weekly paclitaxel.",
    ],
)
def test_dose_levels_of_an_escalation_study_are_not_arms(text: str) -> None:
    assert _study(text).arms == ()


def test_doses_of_a_randomised_dose_comparison_stay_arms() -> None:
    text = "In this dose-finding study, 118 adults were randomised between imatinib 400 mg once daily (n = 59) and imatinib 800 mg once daily (n = 59)."
    assert len(_study(text).arms) == 2


@pytest.mark.parametrize(
    "text",
    [
        "Head-to-head randomised comparisons are scarce. We reviewed 210 consecutive patients treated at our centre between 2012 and 2019.",
        "Prospective randomized investigations of this question are lacking. We retrospectively analysed 75 patients given capecitabine.",
        "Short-course radiotherapy proved as good as long-course in a randomised trial, although real-world outcomes are unknown. "
        "We retrospectively reviewed 133 patients.",
        "Adding rituximab improved survival in a randomized phase III trial; whether older adults benefit is unclear. We analysed records of 98 patients.",
        "Maintenance therapy has been shown to lengthen remission in a randomised study, yet uptake is patchy. Charts of 61 patients were reviewed.",
    ],
)
def test_randomised_trials_of_other_work_are_not_this_design(text: str) -> None:
    assert "randomised" not in _study(text, title="Outcomes in routine care: a single-centre experience").design


@pytest.mark.parametrize(
    "text",
    [
        "In a randomised trial at 12 centres, 240 patients were assigned to docetaxel or paclitaxel.",
        "A randomised trial was conducted at nine hospitals in adults with resected colon cancer.",
    ],
)
def test_a_randomised_trial_of_this_study_stays(text: str) -> None:
    assert "randomised" in _study(text).design


@pytest.mark.parametrize(
    "text",
    [
        "Using a national cancer registry, we identified 4 210 patients aged over 75 who received radiotherapy; trial data in this group are scarce.",
        "This population-level registry-based study included 1 530 women with node-positive disease, who are often excluded from trials.",
        "Patients were drawn from the Dutch hospital database; 812 of them had adjuvant FOLFOX, as trial evidence suggests.",
    ],
)
def test_a_registry_study_is_retrospective(text: str) -> None:
    assert "retrospective" in _study(text).design


def test_a_prospective_registry_is_not_retrospective() -> None:
    design = _study("In this prospective registry of 300 patients, outcomes of trial-ineligible adults were recorded.").design
    assert "prospective" in design and "retrospective" not in design


@pytest.mark.parametrize(
    "text",
    [
        "Thirty patients received weekly gemcitabine; tumours were measured every two cycles.",
        "Response was evaluated by CT each 3 courses in the 44 patients treated with FOLFIRI.",
        "We gave irinotecan to 52 patients and reassessed disease per two cycles.",
        "Of 70 patients treated with azacitidine, 22% needed at least one cycle delay for cytopenia.",
        "Neutropenia led to a two-cycle postponement in 9 of the 61 patients given docetaxel.",
        "Toxicity was scored in the 48 women given at least one cycle of carboplatin.",
        "Patients had a median of 6 cycles (range 2-18) of capecitabine in this series of 58.",
        "The 36 patients received 4 cycles (range, 1-9) of FOLFOX on average.",
    ],
)
def test_cycle_counts_that_are_not_the_planned_number(text: str) -> None:
    assert _study(text).regimen.chemo_cycles is None


@pytest.mark.parametrize(
    "text, cycles",
    [
        ("Forty women were given six cycles of docetaxel every three weeks.", 6),
        ("Patients were to receive 4 cycles of cisplatin and etoposide with thoracic radiotherapy.", 4),
    ],
)
def test_planned_cycle_counts_stay(text: str, cycles: int) -> None:
    assert _study(text).regimen.chemo_cycles == cycles


@pytest.mark.parametrize(
    "text, setting",
    [
        ("We studied 80 adults not eligible for intensive induction who were given venetoclax with decitabine.", "induction"),
        ("Sixty patients unfit for adjuvant chemotherapy after resection received radiotherapy alone.", "adjuvant"),
        ("Elderly patients unsuitable for neoadjuvant therapy (n = 45) went straight to surgery.", "neoadjuvant"),
        ("A total of 33 patients ineligible to receive concurrent chemotherapy were given radiotherapy.", "concurrent"),
    ],
)
def test_settings_patients_could_not_have_are_not_theirs(text: str, setting: str) -> None:
    assert setting not in _study(text).regimen.settings


def test_a_setting_given_stays() -> None:
    assert "induction" in _study("Fifty fit adults received intensive induction with cytarabine and daunorubicin.").regimen.settings


@pytest.mark.parametrize(
    "text, absent, present",
    [
        ("Cisplatin-based chemoradiotherapy is poorly tolerated by frail adults. We gave 50 such patients radiotherapy with weekly cetuximab.",
         "cisplatin", "cetuximab"),
        ("Doxorubicin is often contraindicated after a heart attack, so 41 women got paclitaxel with carboplatin.",
         "doxorubicin", "paclitaxel"),
        ("Many older patients cannot receive cisplatin; 63 were treated with carboplatin and pemetrexed.", "cisplatin", "carboplatin"),
        ("For those unable to tolerate oxaliplatin, 29 patients had capecitabine alone.", "oxaliplatin", "capecitabine"),
        ("Ipilimumab is not well tolerated in this group, and 38 patients were given nivolumab alone.", "ipilimumab", "nivolumab"),
    ],
)
def test_a_drug_patients_could_not_have_is_not_given(text: str, absent: str, present: str) -> None:
    drugs = _study(text).regimen.drugs
    assert absent not in drugs and present in drugs


def test_a_drug_poorly_tolerated_in_the_study_stays() -> None:
    assert "cisplatin" in _study("In 45 patients given cisplatin with radiotherapy, cisplatin was poorly tolerated by a third.").regimen.drugs
