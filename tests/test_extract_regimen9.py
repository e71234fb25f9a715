"""Regimen phrasings of session 9: earlier treatment, supportive care, newer agents and settings read as unseen authors write them."""

from __future__ import annotations

import pytest

from evidence.records import Article, Section
from extractors.pipeline import extract_study


def _regimen(text: str, title: str = "A study"):
    return extract_study(Article(pmid="1", title=title, sections=(Section(label="", text=text),))).regimen


def _drugs(text: str, title: str = "A study") -> tuple[str, ...]:
    return _regimen(text, title).drugs


@pytest.mark.parametrize(
    "text, expected",
    [
        # a second preposition joined to the cue's: the same earlier treatment
        ("Men progressing on or after abiraterone received cabazitaxel.", ("cabazitaxel",)),
        ("Patients who relapsed during or after rituximab were given ibrutinib.", ("ibrutinib",)),
        ("Women recurring on or within 6 months of carboplatin were treated with mirvetuximab soravtansine.", ("mirvetuximab soravtansine",)),
        ("Those with disease progression during or following imatinib took ripretinib.", ("ripretinib",)),
        ("Adults refractory or intolerant to dasatinib were enrolled to receive asciminib.", ("asciminib",)),
        # a combination written with a hyphen or a slash after the cue
        ("Patients who had progressed on gemcitabine-oxaliplatin received regorafenib.", ("regorafenib",)),
        ("Those refractory to fludarabine/cyclophosphamide were treated with venetoclax.", ("venetoclax",)),
        ("After failure of carboplatin / etoposide, patients received lurbinectedin.", ("lurbinectedin",)),
        # a time since the earlier treatment
        ("Patients in remission 90 days after high-dose melphalan were randomised to lenalidomide or observation.", ("lenalidomide",)),
        ("Six weeks following cisplatin, patients started durvalumab.", ("durvalumab",)),
        ("Enrolment was 4-8 weeks after carboplatin and paclitaxel; niraparib was then given daily.", ("niraparib",)),
        ("Two years post tamoxifen, women were assigned to letrozole or placebo.", ("letrozole",)),
        ("Children were enrolled several months after busulfan conditioning and then received dinutuximab.", ("dinutuximab",)),
    ],
)
def test_earlier_treatment_is_not_the_study_regimen(text: str, expected: tuple[str, ...]) -> None:
    assert _drugs(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The oral doublet was active and merits comparison with capecitabine.", ("vinorelbine",)),
        ("It warrants a randomised comparison against docetaxel.", ("vinorelbine",)),
        ("The schedule should now be compared with weekly paclitaxel.", ("vinorelbine",)),
        ("Future phase III trials against gemcitabine are planned.", ("vinorelbine",)),
        ("This regimen deserves direct comparison with eribulin in older women.", ("vinorelbine",)),
    ],
)
def test_a_comparison_still_to_be_made_names_no_study_drug(text: str, expected: tuple[str, ...]) -> None:
    assert _drugs("Patients took oral vinorelbine three times a week. " + text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Olanzapine was tested for prevention of cisplatin-induced emesis.",
        "Duloxetine was compared with placebo for oxaliplatin-induced neuropathy.",
        "Dexrazoxane was studied against anthracycline and doxorubicin-associated heart failure.",
        "Cryotherapy reduced paclitaxel-induced neuropathy.",
        "Scalp cooling limited docetaxel induced alopecia.",
    ],
)
def test_a_drug_named_as_the_cause_of_a_harm_is_not_given_by_the_study(text: str) -> None:
    assert not {"cisplatin", "oxaliplatin", "doxorubicin", "paclitaxel", "docetaxel"} & set(_drugs(text))


@pytest.mark.parametrize(
    "text, expected",
    [
        ("All patients received aprepitant, granisetron and dexamethasone and were randomised to ginger or placebo.", ()),
        ("Antiemetic cover was ondansetron/dexamethasone before each cycle of docetaxel.", ("docetaxel",)),
        ("Palonosetron plus dexamethasone and prednisolone preceded carboplatin.", ("carboplatin",)),
        ("Primary prophylaxis with pegfilgrastim accompanied dose-dense epirubicin.", ("epirubicin",)),
        ("Women were randomised to lipegfilgrastim or filgrastim during docetaxel treatment.", ("docetaxel",)),
        # a corticosteroid of a myeloma regimen stays
        ("Patients received bortezomib plus dexamethasone with G-CSF support.", ("bortezomib", "dexamethasone")),
        ("Lenalidomide and dexamethasone were given until progression.", ("lenalidomide", "dexamethasone")),
    ],
)
def test_supportive_care_is_found_but_never_the_regimen(text: str, expected: tuple[str, ...]) -> None:
    assert _drugs(text) == expected


@pytest.mark.parametrize(
    "title, expected",
    [
        ("Regorafenib after sorafenib in advanced liver cancer: an open single-arm study", ("regorafenib",)),
        ("Liposomal irinotecan plus fluorouracil after gemcitabine-cisplatin in unresectable biliary cancer", ("irinotecan", "fluorouracil")),
        ("Cabozantinib following sunitinib in metastatic renal cell carcinoma", ("cabozantinib",)),
        ("Eribulin after paclitaxel and bevacizumab as third-line treatment of breast cancer", ("eribulin",)),
        ("Pembrolizumab after platinum doublet in recurrent head and neck cancer", ("pembrolizumab",)),
        # early disease: the drugs before "after" and after it are one sequential regimen
        ("Weekly docetaxel after cyclophosphamide-epirubicin: node-positive operable disease", ("docetaxel", "cyclophosphamide", "epirubicin")),
        # no drug before "after": the drug after it is the study's
        ("Surgery after neoadjuvant FOLFOX in metastatic rectal cancer", ("fluorouracil", "leucovorin", "oxaliplatin")),
    ],
)
def test_a_title_names_the_earlier_line_after_the_study_drug(title: str, expected: tuple[str, ...]) -> None:
    assert _drugs("Forty patients were treated.", title=title) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Capecitabine with celecoxib was given after resection.", ("capecitabine", "celecoxib")),
        ("Gemcitabine was combined with the WEE1 inhibitor adavosertib.", ("gemcitabine", "adavosertib")),
        ("Nab-paclitaxel and gemcitabine with defactinib were given.", ("nab-paclitaxel", "gemcitabine", "defactinib")),
        ("Doxorubicin plus brigimadlin was given every 3 weeks.", ("doxorubicin", "brigimadlin")),
        ("Duloxetine or placebo was taken for 12 weeks.", ("duloxetine",)),
        ("Patients received Imbruvica or Venclexta.", ("ibrutinib", "venetoclax")),
        ("Adjuvant Verzenio plus anastrozole; Lumakras in a second cohort.", ("abemaciclib", "anastrozole", "sotorasib")),
        ("Women took low-dose aspirin or metformin daily.", ("aspirin", "metformin")),
        ("Intravenous pamidronate or oral clodronate was given.", ("pamidronate", "clodronate")),
        ("Nirogacestat was given to patients with desmoid tumours.", ("nirogacestat",)),
    ],
)
def test_newer_and_supportive_anticancer_agents_are_read(text: str, expected: tuple[str, ...]) -> None:
    assert _drugs(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Patients starting (neo)adjuvant cytotoxic treatment entered an exercise study.",
        "Women on neo/adjuvant anthracyclines were enrolled.",
        "The trial enrolled patients receiving (neo-)adjuvant trastuzumab.",
    ],
)
def test_neo_in_brackets_names_both_settings(text: str) -> None:
    assert set(_regimen(text).settings) >= {"adjuvant", "neoadjuvant"}


@pytest.mark.parametrize(
    "text",
    [
        "Survivors who recently finished (neo-)adjuvant cytotoxic treatment joined a web programme.",
        "Patients who have completed surgery and (neo)adjuvant treatment received a diet intervention.",
        "Survivors who completed adjuvant chemotherapy were assigned to yoga.",
    ],
)
def test_a_completed_setting_is_the_patients_past(text: str) -> None:
    assert _regimen(text).settings == ()


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Early palliative care was compared with on-demand palliative care.", ()),
        ("A specialist palliative care team saw patients monthly.", ()),
        ("Referral to palliative medicine services was offered.", ()),
        ("Palliative chemotherapy with carboplatin was given.", ("palliative",)),
        ("Patients had palliative radiotherapy to bone metastases.", ("palliative",)),
    ],
)
def test_palliative_care_is_not_a_treatment_setting(text: str, expected: tuple[str, ...]) -> None:
    assert _regimen(text).settings == expected


def _wound(abstract: str, title: str = "A cohort study") -> list[tuple[float | None, int | None, int | None]]:
    from evidence.records import Measure

    study = extract_study(Article(pmid="1", title=title, sections=(Section(label="", text=abstract),)))
    return [(f.value, f.count, f.denominator) for f in study.findings if f.measure == Measure.WOUND]


@pytest.mark.parametrize(
    "sentence",
    [
        "We reviewed wound complications in 150 patients given radiotherapy before resection.",
        "Wound complications were analysed in 150 patients.",
        "We studied wound complications among a cohort of 150 patients.",
        "Wound problems and functional outcomes in 150 patients were compared by site.",
        "This study examined wound healing complications in 150 consecutive patients.",
    ],
)
def test_a_bare_count_of_the_series_is_not_a_wound_rate(sentence: str) -> None:
    assert _wound("Limb sarcomas were treated with radiotherapy before surgery. " + sentence) == []


def test_a_titles_series_size_is_not_a_wound_rate_and_the_body_rate_is_kept() -> None:
    title = "Radiotherapy before resection of limb sarcoma: wound complications and local control in 150 patients"
    body = "Major wound complications, defined as those needing another operation, arose in 33 patients (22.0%)."
    assert _wound(body, title=title) == [(0.22, 33, None)]
    # the count of the body over the series the title names, computed
    assert _wound("Major wound complications arose in 33 patients.", title="Wound complications after radiotherapy in 150 patients") == [(0.22, 33, 150)]


@pytest.mark.parametrize(
    "text, expected",
    [
        # the bracket after the acronym spells the variant the authors gave, everywhere the acronym is used
        ("Children received VAC (doxorubicin, vincristine, cyclophosphamide). VAC was then given every 2 weeks.",
         ("doxorubicin", "vincristine", "cyclophosphamide")),
        ("TAC (docetaxel, epirubicin, cyclophosphamide) was given for six cycles.", ("docetaxel", "epirubicin", "cyclophosphamide")),
        # a bracket that does not spell the regimen out leaves the lexicon's agents
        ("FOLFOX (n = 40) was given every 2 weeks.", ("fluorouracil", "leucovorin", "oxaliplatin")),
        ("FOLFOX (oxaliplatin 85 mg/m2 on day 1) was given every 2 weeks.", ("fluorouracil", "leucovorin", "oxaliplatin")),
    ],
)
def test_a_regimen_acronym_spelled_out_in_a_bracket_takes_the_texts_agents(text: str, expected: tuple[str, ...]) -> None:
    assert _drugs(text) == expected


@pytest.mark.parametrize(
    "title, text",
    [
        ("Cost-effectiveness of adjuvant pembrolizumab in resected melanoma", "We built a three-state Markov model over a lifetime horizon."),
        ("Budget impact of home infusion of trastuzumab: a modelling study", "Payer costs were projected for five years."),
        ("Adjuvant osimertinib: an economic evaluation", "A partitioned survival model compared osimertinib with observation."),
    ],
)
def test_an_economic_model_gives_no_regimen(title: str, text: str) -> None:
    regimen = _regimen(text, title=title)
    assert regimen.drugs == () and regimen.settings == ()


def test_an_economic_evaluation_beside_a_trial_keeps_its_regimen() -> None:
    title = "Cost-effectiveness of adjuvant capecitabine: results of a randomised trial"
    assert _drugs("Patients were randomised to capecitabine or observation.", title=title) == ("capecitabine",)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Patients with stable or responding disease after 16 weeks of platinum-based induction were randomised to maintenance pemetrexed or placebo.", ("maintenance",)),
        ("Responders to induction were assigned to maintenance rituximab or observation.", ("maintenance",)),
        ("Patients in remission following intensive induction received maintenance azacitidine.", ("maintenance",)),
        ("Induction chemotherapy was followed by consolidation radiotherapy.", ("induction", "consolidation")),
    ],
)
def test_an_induction_the_patients_responded_to_is_an_earlier_phase(text: str, expected: tuple[str, ...]) -> None:
    assert _regimen(text).settings == expected


def test_a_setting_after_a_dashed_earlier_regimen_is_the_past() -> None:
    text = "Women with residual disease after anthracycline–taxane neoadjuvant chemotherapy received adjuvant capecitabine."
    assert _regimen(text).settings == ("adjuvant",)


@pytest.mark.parametrize(
    "background",
    [
        "Sunitinib is the usual first-line standard in renal cell cancer.",
        "Temozolomide, given for six months, has become the accepted standard after surgery.",
        "Cisplatin-based chemotherapy remains the backbone of bladder cancer care.",
        "Gemcitabine plus nab-paclitaxel is widely used as the preferred regimen.",
        "Bevacizumab (Avastin) has been approved for recurrent glioblastoma.",
    ],
)
def test_a_background_standard_is_not_the_study_drug(background: str) -> None:
    assert _drugs(background + " We gave cabozantinib to 40 patients.") == ("cabozantinib",)


def test_a_study_drug_said_to_be_standard_stays_where_it_is_given() -> None:
    text = "Docetaxel is the standard second-line therapy. We allocated patients to docetaxel alone or ramucirumab plus docetaxel."
    assert _drugs(text) == ("docetaxel", "ramucirumab")


def test_a_recommended_dose_of_the_study_drug_is_not_background() -> None:
    assert _drugs("Regorafenib 160 mg is the recommended phase II dose.") == ("regorafenib",)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Patients with acquired resistance to osimertinib received amivantamab.", ("amivantamab",)),
        ("Intolerance of imatinib led to a switch to nilotinib.", ("nilotinib",)),
        ("Those with resistance or intolerance to dasatinib took ponatinib.", ("ponatinib",)),
        ("In the post-sorafenib setting, cabozantinib was given.", ("cabozantinib",)),
        ("Post-imatinib progression was treated with sunitinib.", ("sunitinib",)),
    ],
)
def test_resistance_intolerance_and_post_name_the_earlier_drug(text: str, expected: tuple[str, ...]) -> None:
    assert _drugs(text) == expected


@pytest.mark.parametrize(
    "conclusion",
    [
        "A phase III trial comparing it with docetaxel is planned.",
        "A comparison with FOLFOX is under way.",
        "Randomised studies against sorafenib are warranted.",
        "A confirmatory trial versus pemetrexed is now recruiting.",
    ],
)
def test_a_trial_still_to_come_names_no_study_drug(conclusion: str) -> None:
    assert _drugs("We gave cabozantinib to 40 patients. " + conclusion) == ("cabozantinib",)


def test_a_drug_given_in_this_study_stays_beside_a_need() -> None:
    assert _drugs("Patients in this study received everolimus, which is needed daily.") == ("everolimus",)


@pytest.mark.parametrize(
    "text, cycles",
    [
        ("Patients were randomised 2:1 to six cycles of docetaxel.", 6.0),
        ("Allocation was 1:1 to four cycles of cisplatin and etoposide.", 4.0),
        ("Women were assigned (1 : 1) to eight cycles of capecitabine.", 8.0),
    ],
)
def test_a_randomisation_ratio_is_not_part_of_a_count_of_cycles(text: str, cycles: float) -> None:
    assert _regimen(text).chemo_cycles == cycles


def test_a_harm_computed_in_every_patient_is_flagged_and_left_as_it_is() -> None:
    from evidence.records import Cohort, Finding, Kind, Measure, Origin, Study, Unit
    from extractors.checks import check_study

    def study(count: int, n: int) -> Study:
        finding = Finding(Measure.WOUND, Kind.RATE, count / n, Unit.PROPORTION, count=count, denominator=n,
                          origin=Origin.COMPUTED, method="count / the cohort's n")
        return Study(article=Article(pmid="1"), cohort=Cohort(n=n), findings=(finding,))

    checked = check_study(study(60, 60))
    assert [f.code for f in checked.flags] == ["HARM_IN_ALL"] and checked.findings[0].value == 1.0
    assert [f.code for f in check_study(study(12, 60)).flags] == []


@pytest.mark.parametrize(
    "title, text, expected",
    [
        ("Olanzapine against nausea in adults on emetogenic regimens",
         "Adults about to start oxaliplatin were randomised to olanzapine or placebo.", ()),
        ("Cryotherapy and duloxetine for taxane neuropathy",
         "Women scheduled to receive weekly paclitaxel were assigned to duloxetine or placebo.", ("duloxetine",)),
        ("Preventing mucositis: a randomised study of a mouthwash",
         "Patients undergoing high-dose melphalan used the rinse or water.", ()),
        ("Ginger for chemotherapy nausea",
         "Patients receiving cisplatin-based chemotherapy took ginger capsules or placebo.", ()),
        # the intervention the title names first stays, whatever the words before it
        ("Dexrazoxane against cardiotoxicity: a pilot study",
         "Women receiving trastuzumab were given dexrazoxane.", ()),
    ],
)
def test_a_supportive_care_study_names_the_patients_own_chemotherapy_as_background(title: str, text: str, expected: tuple[str, ...]) -> None:
    assert _drugs(text, title=title) == expected


def test_in_a_treatment_study_the_drug_patients_are_receiving_stays() -> None:
    assert _drugs("Patients receiving cisplatin were followed for survival.", title="Cisplatin in bladder cancer") == ("cisplatin",)


@pytest.mark.parametrize(
    "text",
    [
        "Oxaliplatin- and carboplatin-induced nausea persists. We tested ginger.",
        "Docetaxel- or paclitaxel-associated neuropathy is common. We tested duloxetine.",
    ],
)
def test_two_drugs_joined_before_a_harm_word_are_both_its_cause(text: str) -> None:
    assert not {"oxaliplatin", "carboplatin", "docetaxel", "paclitaxel"} & set(_drugs(text))


def test_a_platinum_combination_before_the_study_drug_in_the_title_is_the_earlier_line() -> None:
    title = "Lurbinectedin plus irinotecan after platinum-etoposide in relapsed small-cell lung cancer"
    assert _drugs("Fifty patients were treated.", title=title) == ("lurbinectedin", "irinotecan")


def test_a_long_approved_agent_in_the_background_is_not_the_study_drug() -> None:
    assert _drugs("Topotecan has long been the approved second-line agent. We gave lurbinectedin.") == ("lurbinectedin",)


def test_neo_in_brackets_does_not_hide_radiotherapy_given_before_resection() -> None:
    text = "Radiotherapy of 50 Gy was given before resection; some also had (neo)adjuvant doxorubicin."
    assert set(_regimen(text).settings) == {"preoperative", "neoadjuvant", "adjuvant"}


def test_a_wound_definition_introduced_by_meaning_is_not_another_outcome() -> None:
    text = ("Limb sarcomas were irradiated before surgery in 80 patients. Major wound complications, meaning a return to "
            "theatre or readmission, arose in 20 patients (25.0%).")
    assert _wound(text) == [(0.25, 20, None)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Patients whose tumours had responded after four cycles of carboplatin and etoposide were allocated to niraparib or observation.", ("niraparib",)),
        ("Responders to six cycles of FOLFOX were randomised to capecitabine or observation.", ("capecitabine",)),
        ("Women responding to platinum received olaparib.", ("olaparib",)),
        ("Adults enrolled within 30 to 45 days of melphalan conditioning received lenalidomide.", ("lenalidomide",)),
        ("Patients randomised within 8 weeks after cisplatin received durvalumab or placebo.", ("durvalumab",)),
    ],
)
def test_a_response_to_or_time_since_an_earlier_phase_names_it_as_the_past(text: str, expected: tuple[str, ...]) -> None:
    assert _drugs(text) == expected


@pytest.mark.parametrize(
    "title, expected",
    [
        ("Maintenance niraparib after carboplatin and etoposide in small-cell lung cancer", ("niraparib",)),
        ("Consolidation with brentuximab vedotin after BEAM and autologous transplantation", ("brentuximab vedotin",)),
        ("Second-line ifosfamide after doxorubicin in soft tissue sarcoma", ("ifosfamide",)),
    ],
)
def test_a_maintenance_or_consolidation_title_names_the_earlier_phase_after_the_study_drug(title: str, expected: tuple[str, ...]) -> None:
    assert _drugs("Forty patients were treated.", title=title) == expected


def test_beam_conditioning_is_read_as_its_agents() -> None:
    assert _drugs("High-dose BEAM was followed by autologous stem-cell rescue.") == ("carmustine", "etoposide", "cytarabine", "melphalan")
