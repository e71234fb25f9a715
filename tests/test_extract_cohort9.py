"""Cohort counts, session 9: how authors in general state the number of people a study has.

Every sentence is invented for the test (lung, GI, haematology, paediatric, supportive-care and surgical trials);
each group stands for one mechanism, written several ways.
"""

from __future__ import annotations

import pytest

from evidence.records import Article, Section
from extractors.pipeline import extract_study


def _cohort(text: str) -> dict[str, int | float | None]:
    c = extract_study(Article(pmid="t", sections=(Section("", text),))).cohort
    return {
        "n": c.n, "enrolled": c.n_enrolled, "analysed": c.n_analysed, "evaluable": c.n_evaluable,
        "male": c.n_male, "female": c.n_female, "age_mean": c.age_mean, "age_median": c.age_median,
    }


def _check(text: str, expected: dict[str, int | float | None]) -> None:
    got = _cohort(text)
    assert {k: got[k] for k in expected} == expected, text


# "random assignment" and "random allocation" name randomisation; "assigned at random", "went on to randomisation"
# and "proceeded to be randomised" enrol the count that did so (a phase before it is the source, not the cohort)
RANDOM_ASSIGNMENT = [
    ("Three hundred eighteen men whose prostate cancer had progressed on hormones underwent random assignment (drug, n = 160; placebo, n = 158).", 318),
    ("Between 2012 and 2017, 744 children with standard-risk medulloblastoma underwent random allocation to reduced-dose or standard-dose craniospinal irradiation.", 744),
    ("In total, 96 adults with relapsed myeloma underwent 1:1 random assignment to daratumumab plus bortezomib or bortezomib alone.", 96),
    ("Overall, 205 patients with resected pancreatic cancer were assigned at random to gemcitabine or observation.", 205),
    ("We enrolled patients with oral mucositis; 150 were allocated at random to the mouthwash or to saline rinses.", 150),
    ("Of 430 patients who began induction chemotherapy, 388 proceeded to randomisation.", 388),
    ("Of 260 women registered for the run-in phase, 212 went on to random assignment.", 212),
    ("After six weeks of open-label treatment, 141 of the 170 enrolled children went on to be randomized to continue or stop the drug.", 141),
]


@pytest.mark.parametrize("text, n", RANDOM_ASSIGNMENT)
def test_random_assignment_enrols_the_count(text: str, n: int) -> None:
    _check(text, {"n": n, "enrolled": n})


# an analysed population stated without the word "analysed": what is left for the analysis, the people who form,
# make up or comprise an analysis population or set (the whole then the count analysed)
ANALYSIS_POPULATIONS = [
    ("We randomly assigned 128 patients with untreated mantle-cell lymphoma. Four patients never started treatment, "
     "leaving 124 patients for the modified ITT analysis.", {"n": 124, "enrolled": 128, "analysed": 124}),
    ("Of 546 women randomized, outcome data were available for 503, who formed the analysis population.", {"n": 503, "analysed": 503}),
    ("Of 61 patients screened, 52 were registered, and the 50 who started treatment comprise the analysis population.",
     {"n": 50, "enrolled": 52, "analysed": 50}),
    ("Of 300 patients randomised, 12 withdrew consent, leaving 288 in the ITT population.", {"n": 288, "enrolled": 300, "analysed": 288}),
    ("Eight of the patients randomised were found to be ineligible, leaving 140 for the per-protocol analysis.", {"n": 140, "analysed": 140}),
    ("A total of 240 patients with gastric cancer were randomized; 230 made up the per-protocol set.", {"n": 230, "enrolled": 240, "analysed": 230}),
    ("Of 430 patients who were randomized, 412 took one or more tablets of the trial medicine and formed the mITT "
     "population.", {"n": 412, "enrolled": 430, "analysed": 412}),
    ("We enrolled 126 adolescents with Hodgkin lymphoma; 118 of them, who formed the efficacy population, completed four cycles.",
     {"n": 118, "enrolled": 126, "analysed": 118}),
    ("Seventy patients with recurrent glioblastoma were recruited; the full analysis set comprised 66.", {"n": 66, "enrolled": 70, "analysed": 66}),
]


@pytest.mark.parametrize("text, expected", ANALYSIS_POPULATIONS)
def test_an_analysis_population_without_the_word_analysed(text: str, expected: dict[str, int]) -> None:
    _check(text, expected)


def test_people_who_never_started_are_not_the_cohort() -> None:
    _check("Four patients never started treatment, leaving 124 patients for the modified ITT analysis.", {"n": 124})
    _check("Three children did not receive any dose; 57 children were treated and analysed.", {"n": 57})


# "could be assessed for (tumour, radiological, objective) response", "eligible for response assessment": evaluable
EVALUABLE = [
    ("Two hundred and six patients were entered into the trial. One hundred and ninety-eight patients (A 100, B 98) could "
     "be assessed for tumour response.", {"n": 206, "enrolled": 206, "evaluable": 198}),
    ("Sixty-one adults with inoperable liver cancer took sorafenib. Fifty-seven patients were "
     "assessed for radiological response.", {"evaluable": 57}),
    ("A total of 48 patients with metastatic melanoma received the vaccine, and 44 could be assessed for response.", {"evaluable": 44}),
    ("Forty-two children with relapsed neuroblastoma were enrolled; 39 patients were eligible for response assessment.", {"evaluable": 39}),
    ("We treated 95 patients with small-cell lung cancer; 88 patients (44 in each arm) could be evaluated for objective response.", {"evaluable": 88}),
]


@pytest.mark.parametrize("text, expected", EVALUABLE)
def test_assessed_for_response_is_evaluable(text: str, expected: dict[str, int]) -> None:
    _check(text, expected)


# a whole, a colon, then its split with the verb of allocation left out of the second arm: the whole is the cohort
SPLIT_AFTER_COLON = [
    ("Nine hundred and twelve patients were randomised from 2009 to 2014: four hundred and fifty-eight were allocated "
     "capecitabine plus celecoxib and four hundred and fifty-four capecitabine alone.", 912),
    ("In all, 640 women were randomised: 322 were assigned letrozole and 318 anastrozole.", 640),
    ("Of 300 patients with cancer of the oesophagus, 152 were allocated surgery alone and 148 chemoradiotherapy followed by surgery.", 300),
    ("508 patients with resected NSCLC were randomised between 2005 and 2011: 255 were allocated to cisplatin-vinorelbine and 253 to observation.", 508),
]


@pytest.mark.parametrize("text, n", SPLIT_AFTER_COLON)
def test_the_whole_before_a_gapped_split(text: str, n: int) -> None:
    assert _cohort(text)["n"] == n


# the spread's label may stand between the kind and "age" ("Mean (SD) age"), after "age" as a table row ("Age, mean
# (SD), 66.1 (7.9)") or in a bracket after it ("age (mean ± SD) was ...")
AGES = [
    ("Mean (SD) age was 64.9 (9.1) years, and 161 were men.", {"age_mean": 64.9}),
    ("Median (IQR) age was 58 (51-66) years.", {"age_median": 58}),
    ("Participants had a mean (± SD) age of 61.2 ± 8.4 years.", {"age_mean": 61.2}),
    ("Age, mean (SD), 66.1 (7.9) years; women, 140 (52%).", {"age_mean": 66.1}),
    ("Age, median (IQR): 62 (55-70) years.", {"age_median": 62}),
    ("Patients' age (mean ± SD) was 52.4 ± 11.0 years.", {"age_mean": 52.4}),
    ("The mean ± SD age was 70.2 ± 6.5 years.", {"age_mean": 70.2}),
    ("The median [IQR] age was 63 [57-69] years.", {"age_median": 63}),
    ("Children had a median (range) age of 9 (2-17) years at diagnosis.", {"age_median": 9}),
    ("Mean age ± standard deviation was 58.3 ± 9.9 years.", {"age_mean": 58.3}),
    # not an age: a model adjusted for age, then another median
    ("After adjustment for age, median survival reached 14.2 mo (95% CI 11.0 to 17.5).", {"age_mean": None, "age_median": None}),
    ("In a model with age, median (IQR) PFS was 7 (5-9) months.", {"age_mean": None, "age_median": None}),
]


@pytest.mark.parametrize("text, expected", AGES)
def test_mean_or_median_age_with_its_spread(text: str, expected: dict[str, float | None]) -> None:
    _check(text, expected)


def _design(title: str, body: str) -> set[str]:
    study = extract_study(Article(pmid="t", title=title, sections=(Section("", body),)))
    return {getattr(d, "value", d) for d in study.design} & {"prospective", "retrospective", "randomised"}


# "series" and "experience" are singular too: after "a", "this" or "our" they are this study; a sentence with no figure
# that first supports, warrants or recommends something names a study yet to be done; "random assignment" randomises
DESIGNS = [
    ("Preoperative chemoradiation for retroperitoneal sarcoma: a prospective series",
     "Forty patients were treated between 2012 and 2019. Local control at 3 years was 80%.", {"prospective"}),
    ("Short-course brain irradiation for older adults with glioma",
     "We report a prospective series of 40 patients aged 70 or older treated at two centres. Median survival was 9 months.", {"prospective"}),
    ("Stent placement for malignant colonic obstruction",
     "This prospective multicentre series included 62 patients. Technical success was 95%.", {"prospective"}),
    ("Robotic oesophagectomy", "Our prospective experience with 30 consecutive patients is described. A leak occurred in 3.", {"prospective"}),
    ("Salvage surgery for recurrent head and neck cancer: a single-institution retrospective series",
     "We reviewed 85 patients operated on between 2005 and 2018. Two-year OS was 51%.", {"retrospective"}),
    ("Imatinib for desmoid tumours", "Prospective series have reported response rates near 20%. We reviewed the charts of 33 "
     "patients treated at our centre between 2008 and 2019. Response was seen in 6 patients.", {"retrospective"}),
    ("Palliative care at home", "We describe a home palliative programme used by 120 families in 2019. The findings support "
     "a wider pilot with prospective monitoring of symptom scores and costs.", set()),
    ("Exercise during chemotherapy", "Thirty women took part in a supervised programme over 12 weeks. Fatigue fell by 20%. "
     "These data warrant randomised testing in a larger group.", set()),
    ("Adjuvant imatinib", "Patients underwent random assignment to 1 or 3 years of imatinib. Five-year RFS was 66% and 48%.", {"randomised"}),
    ("Decision support for women offered risk-reducing surgery: protocol for a cluster randomised trial",
     "Twelve clinics will cross over to the tool in a random order.", {"randomised"}),
]


@pytest.mark.parametrize("title, body, expected", DESIGNS)
def test_design_words_of_this_study(title: str, body: str, expected: set[str]) -> None:
    assert _design(title, body) == expected


# a stress set: how many people a study has, in the phrasings of lung, GI, haematology, paediatric, supportive-care and
# surgical trials (flows screened -> eligible -> registered -> randomised -> treated -> analysed, run-in phases, cluster
# trials, secondary analyses)
STRESS = [
    ('Of 1,036 patients screened at 48 centres, 412 with EGFR-mutant NSCLC were randomly assigned to osimertinib with or without chemotherapy.',
     {'n': 412, 'enrolled': 412}),
    ('After a 4-week run-in on inhaled budesonide, 301 of the 356 enrolled smokers with lung nodules were randomised to continue or stop treatment.',
     {'n': 301, 'enrolled': 301}),
    ('Between 2015 and 2019, 580 patients with stage III NSCLC were registered; 560 began concurrent chemoradiotherapy and constituted the efficacy population.',
     {'n': 560, 'enrolled': 580, 'analysed': 560}),
    ('In total, 148 never-smokers with advanced adenocarcinoma underwent 2:1 random assignment to the EGFR inhibitor or to carboplatin-pemetrexed.',
     {'n': 148, 'enrolled': 148}),
    ('Ninety patients with malignant pleural effusion were randomized to indwelling pleural catheter or talc pleurodesis (45 per arm).',
     {'n': 90, 'enrolled': 90}),
    ('The trial enrolled 222 patients with extensive-stage small-cell lung cancer across 31 sites in Asia.',
     {'n': 222, 'enrolled': 222}),
    ('We randomised 1203 patients who had undergone complete resection of stage IB-IIIA NSCLC.',
     {'n': 1203, 'enrolled': 1203}),
    ('A total of 203 patients were randomized; 16 were found to be ineligible after randomization, leaving 187 eligible patients for analysis.',
     {'n': 187, 'enrolled': 203, 'analysed': 187}),
    ('Seventy-six patients with ALK-rearranged NSCLC were enrolled, and seventy were evaluable for response.',
     {'n': 76, 'enrolled': 76, 'evaluable': 70}),
    ('From 2010 to 2016, 640 consecutive patients who had lobectomy for lung cancer at our institution were retrospectively reviewed.',
     {'n': 640}),
    ('Eligible patients (n = 1094) with locally advanced rectal cancer were randomised to total neoadjuvant therapy or standard chemoradiotherapy.',
     {'n': 1094, 'enrolled': 1094}),
    ('Of 612 patients who started induction FOLFOX, 558 with stable or responding disease were randomised to maintenance or a treatment break.',
     {'n': 558, 'enrolled': 558}),
    ('A total of 323 patients with resectable gastric adenocarcinoma were randomly assigned to FLOT before and after surgery (n = 162) or upfront gastrectomy (n = 161).',
     {'n': 323, 'enrolled': 323}),
    ('Of the 264 patients randomised, 257 (97%) received study treatment and were included in the per-protocol analysis.',
     {'n': 257, 'enrolled': 264, 'analysed': 257}),
    ('Eighty-four patients with pancreatic cancer took part in the trial between 2017 and 2020.',
     {'n': 84, 'enrolled': None}),
    ('We identified 460 patients who had undergone hepatectomy for colorectal liver metastases in a national registry.',
     {'n': 460}),
    ('Seven hundred and thirty adults with node-positive colon tumours underwent randomisation: 366 to three months and 364 to six months of CAPOX.',
     {'n': 730, 'enrolled': 730}),
    ('Between March 2014 and June 2019, 1,052 patients were randomized at 87 centers in 14 countries.',
     {'n': 1052, 'enrolled': 1052}),
    ('In this phase 2 trial, 139 adults with cholangiocarcinoma were randomly allocated (1:1) to GemCis with durvalumab or GemCis with placebo.',
     {'n': 139, 'enrolled': 139}),
    ('We enrolled 218 patients with hepatocellular carcinoma; after excluding 16 who received no treatment, 202 formed the full analysis set.',
     {'n': 202, 'enrolled': 218, 'analysed': 202}),
    ('Ninety-five patients with oesophageal squamous cell carcinoma were entered into the study and given definitive chemoradiotherapy.',
     {'n': 95, 'enrolled': 95}),
    ('Between 2011 and 2017, 1206 adults with newly diagnosed myeloma eligible for transplant were randomly assigned to lenalidomide maintenance or observation.',
     {'n': 1206, 'enrolled': 1206}),
    ('Of 470 patients registered for induction, 386 who reached complete remission went on to randomisation.',
     {'n': 386, 'enrolled': 386}),
    ('A total of 212 children aged 1-18 years with standard-risk ALL were randomized to receive dexamethasone or prednisone during induction.',
     {'n': 212, 'enrolled': 212}),
    ('The ITT population included all 655 adults who underwent randomisation at 40 sites.',
     {'n': 655, 'enrolled': 655, 'analysed': 655}),
    ('Sixty-eight patients with relapsed follicular lymphoma were enrolled in this single-arm phase 2 study.',
     {'n': 68, 'enrolled': 68}),
    ('Overall, 532 patients with AML aged 60 years or older were allocated at random to azacitidine or conventional care.',
     {'n': 532, 'enrolled': 532}),
    ('Of 329 patients treated, 301 were assessable for the primary end point.',
     {'n': 329, 'evaluable': 301}),
    ('We report 47 consecutive patients with primary CNS lymphoma treated at a single centre between 2006 and 2020.',
     {'n': 47}),
    ('One hundred sixty patients with CLL were randomly assigned; 151 could be assessed for response.',
     {'n': 160, 'enrolled': 160, 'evaluable': 151}),
    ('In all, 380 patients with Hodgkin lymphoma who had a negative interim PET were randomised to omit or receive radiotherapy.',
     {'n': 380, 'enrolled': 380}),
    ('The trial randomised 1420 children with Wilms tumour from 2001 to 2011.',
     {'n': 1420, 'enrolled': 1420}),
    ('One hundred thirteen patients aged 2 to 21 years with relapsed neuroblastoma were enrolled at 25 hospitals.',
     {'n': 113, 'enrolled': 113}),
    ('Of 1765 children with medulloblastoma registered, 1587 were eligible and evaluable for outcome.',
     {'enrolled': 1765, 'evaluable': 1587}),
    ('Three hundred and sixty children receiving chemotherapy for leukaemia were randomised to ondansetron or palonosetron before each course.',
     {'n': 360, 'enrolled': 360}),
    ('Seventy-four adolescents and young adults with osteosarcoma underwent random assignment to add zoledronic acid or not.',
     {'n': 74, 'enrolled': 74}),
    ('Forty-six children with low-grade glioma were treated with vinblastine weekly for one year.',
     {'n': 46}),
    ('A total of 2057 children with standard-risk ALL were allocated at random to one of four maintenance schedules.',
     {'n': 2057, 'enrolled': 2057}),
    ('Of 1,144 patients approached, 350 (31%) consented and were randomized to the exercise programme or usual care (175 per group).',
     {'n': 350, 'enrolled': 350}),
    ('One hundred twenty-four women on taxane chemotherapy got a cooling cap or no cap after being randomized.',
     {'n': 124, 'enrolled': 124}),
    ('We randomly assigned 302 patients with chemotherapy-induced nausea to olanzapine or placebo; 286 completed diaries and formed the analysis population.',
     {'n': 286, 'enrolled': 302, 'analysed': 286}),
    ('In this cluster-randomised trial, 24 oncology practices (432 patients) were randomised to the symptom monitoring tool or usual care.',
     {'n': 432, 'enrolled': 432}),
    ('A total of 196 participants with advanced cancer and fatigue took part in the trial and were allocated to methylphenidate or placebo.',
     {'n': 196}),
    ('Eighty-one adults having irradiation for oropharyngeal tumours were enrolled and randomised to the mouthwash or a saline rinse.',
     {'n': 81, 'enrolled': 81}),
    ('In all, 240 patients were recruited, of whom 120 were allocated to the app and 120 to usual care.',
     {'n': 240, 'enrolled': 240}),
    ('Participants were 518 adults with cancer-related pain recruited from 12 palliative care services.',
     {'n': 518, 'enrolled': 518}),
    ('Sixty women with arm swelling after nodal surgery were randomised: 30 to manual lymph drainage and 30 to compression alone.',
     {'n': 60, 'enrolled': 60}),
    ('Of 160 randomised patients, 145 provided outcome data at 12 weeks and were analysed.',
     {'n': 145, 'enrolled': 160, 'analysed': 145}),
    ('A total of 1031 adults booked for bowel resection were randomised to mechanical bowel preparation with oral antibiotics or no preparation.',
     {'n': 1031, 'enrolled': 1031}),
    ('Four hundred patients listed for a Whipple operation were randomly assigned to keep or remove the pylorus.',
     {'n': 400, 'enrolled': 400}),
    ('Between 2013 and 2017, 266 women with small node-negative tumours underwent random allocation to sentinel node biopsy alone or axillary dissection.',
     {'n': 266, 'enrolled': 266}),
    ('Eighty-eight patients underwent robotic gastrectomy at our centre between 2012 and 2018 and were compared with a matched laparoscopic group.',
     {'n': 88}),
    ('Of the 1,472 patients randomised, 737 underwent laparoscopic and 735 open resection.',
     {'n': 1472, 'enrolled': 1472}),
    ('Sixty-two patients with peritoneal metastases were entered into the trial and underwent cytoreductive surgery with or without HIPEC.',
     {'n': 62, 'enrolled': 62}),
    ('Patients (n = 315) scheduled for oesophagectomy were assigned at random to a minimally invasive or an open approach.',
     {'n': 315, 'enrolled': 315}),
    ('In this pilot trial, 154 patients undergoing lung resection were randomised to early mobilisation or standard care.',
     {'n': 154, 'enrolled': 154}),
    ('Of 2,340 women screened, 1,120 were eligible, and 880 were enrolled; they were then randomly allocated between two dose schedules.',
     {'n': 880, 'enrolled': 880}),
    ('Of 312 adults checked for eligibility, 243 were randomly assigned (122 to the intervention and 121 to the control group).',
     {'n': 243, 'enrolled': 243}),
    ('After a single-blind placebo run-in, 1050 older adults were randomized to take aspirin daily or a dummy tablet.',
     {'n': 1050, 'enrolled': 1050}),
    ('This secondary analysis included 418 patients from the trial whose tumour samples could be sequenced.',
     {'n': 418}),
    ('We ran an open-label trial in which 98 people were randomly assigned; two of them left before any dose was given.',
     {'n': 98, 'enrolled': 98}),
    ('Between 2009 and 2014, the trial recruited 1510 women across 120 centres.',
     {'n': 1510, 'enrolled': 1510}),
    ('Recruitment closed early after 75 patients had been randomised because accrual was slow.',
     {'n': 75, 'enrolled': 75}),
    ('The study population comprised 512 patients enrolled between January 2012 and December 2015.',
     {'n': 512, 'enrolled': 512}),
    ('Thirty-six patients were accrued to the dose-escalation phase and treated at five dose levels.',
     {'n': 36, 'enrolled': 36}),
    ('Three hundred patients were randomised; eleven never received study drug, so the mITT set comprised 289.',
     {'n': 289, 'enrolled': 300, 'analysed': 289}),
]


@pytest.mark.parametrize("text, expected", STRESS)
def test_how_many_people_a_study_has(text: str, expected: dict[str, int | None]) -> None:
    _check(text, expected)


# more of the stress set, in the phrasings of randomised trial reports: an allocation ratio between the verb and the count
# ("We randomly assigned (1:1) 1200 patients"), a population sized in a bracket before its enrolment verb ("Patients with
# stage III disease (n = 230) were randomly assigned"), "the analysis comprised N"; data available for part of those
# randomised name no analysed population (the randomised stay the cohort)
STRESS_TRIALS = [
    ('A total of 2,134 women were included in this pooled cohort study.',
     {'n': 2134}),
    ('We randomly assigned (1:1) 1200 patients whose tumours overexpressed HER2, at 150 centres.',
     {'n': 1200, 'enrolled': 1200}),
    ('Eight hundred sixteen women were randomised in a 2 x 2 factorial design.',
     {'n': 816, 'enrolled': 816}),
    ('Patients (N = 305) with inflammatory disease of the breast were randomized to two dose-dense schedules.',
     {'n': 305, 'enrolled': 305}),
    ('The trial randomly assigned 664 patients, 332 to each group.',
     {'n': 664, 'enrolled': 664}),
    ('Participants: 400 postmenopausal women taking an aromatase inhibitor after surgery.',
     {'n': 400}),
    ('In all, 242 patients were eligible for this analysis.',
     {'n': 242}),
    ('This report includes 1,101 patients with a median follow-up of 8 years.',
     {'n': 1101}),
    ('There were 154 evaluable patients.',
     {'n': 154, 'evaluable': 154}),
    ('In this trial of 340 women after surgery for early disease, adherence to the diet was high.',
     {'n': 340}),
    ('The analysis comprised 400 women (200 per arm).',
     {'n': 400, 'analysed': 400}),
    ('From 2004 to 2010, a total of 3104 patients from 218 hospitals in 28 countries were enrolled.',
     {'n': 3104, 'enrolled': 3104}),
    ('The trial accrued 150 patients before it was closed for futility.',
     {'n': 150, 'enrolled': 150}),
    ('Fifty-six women (28 per arm) were enrolled in this pilot study.',
     {'n': 56, 'enrolled': 56}),
    ('Data were available for 186 of the 200 participants randomised.',
     {'n': 200}),
    ('Ninety-six women with hot flashes were randomized, of whom 90 completed the study.',
     {'n': 96, 'enrolled': 96}),
    ('A total of 410 women underwent randomization: 205 were assigned to receive letrozole and 205 to receive tamoxifen.',
     {'n': 410, 'enrolled': 410}),
    ('Eighty-eight patients were registered, of whom 80 were eligible.',
     {'n': 88, 'enrolled': 88}),
    ('Between 2009 and 2011, 2800 women were randomised (1400 per group).',
     {'n': 2800, 'enrolled': 2800}),
    ('Sixty women due for mastectomy were split at random between a nerve block and a sham injection.',
     {'n': 60, 'enrolled': 60}),
    ('Patients with stage IIIA-IIIB disease (n=230) were then randomly allocated, 1:1, to a taxane alone or a taxane with an antibody.',
     {'n': 230, 'enrolled': 230}),
    ('In total 1042 patients were enrolled; 521 were randomised to each arm.',
     {'n': 1042, 'enrolled': 1042}),
    ('Seventy patients were included: 35 in group A and 35 in group B.',
     {'n': 70}),
    ('This phase II study enrolled 139 patients between May 2012 and April 2015.',
     {'n': 139, 'enrolled': 139}),
    ('A total of 452 women over 65 were randomly allocated to walk daily or to wait.',
     {'n': 452, 'enrolled': 452}),
    ('One hundred and twenty-five women were assigned at random (1:1:1) to one of three doses.',
     {'n': 125, 'enrolled': 125}),
    ('Forty-eight patients with inoperable tumours of the breast were enrolled and given 4 cycles before surgery.',
     {'n': 48, 'enrolled': 48}),
    ('Two hundred patients with early-stage disease were enrolled between 2005 and 2008, and 192 were evaluable for the main outcome.',
     {'n': 200, 'enrolled': 200}),
    ('Seven hundred thirty-one patients were accrued, 366 to arm I and 365 to arm II.',
     {'n': 731, 'enrolled': 731}),
]


@pytest.mark.parametrize("text, expected", STRESS_TRIALS)
def test_how_many_people_a_trial_has(text: str, expected: dict[str, int | None]) -> None:
    _check(text, expected)


# the stress set's hard cases: counts beside the cohort that are not it (events, planned sizes, the dose and evaluable
# subsets), "had been randomised", a bracket after the enrolment verb, and the phase before randomisation whose end
# state the randomised count reached ("610 were in remission after two years and were then randomised")
STRESS_HARD = [
    ('Of the 120 patients treated, 30 had grade 3 or worse toxicity.',
     {'n': 120}),
    ('Sixty patients were enrolled. Responses occurred in 24 of 60 patients, and 14 patients (23%) discontinued early.',
     {'n': 60, 'enrolled': 60}),
    ('Our trial was designed to enrol 300 adults; it closed once 112 had been randomised.',
     {'n': 112, 'enrolled': 112}),
    ('A sample size of 250 patients was planned; 243 were randomized.',
     {'n': 243, 'enrolled': 243}),
    ('Twenty-four centres randomised 1,000 patients between 2010 and 2014.',
     {'n': 1000, 'enrolled': 1000}),
    ('Of 95 enrolled patients, 90 received at least one dose and 84 were evaluable for efficacy.',
     {'n': 95, 'enrolled': 95, 'evaluable': 84}),
    ('We enrolled 60 patients: 30 received the oral drug and 30 the infusion.',
     {'n': 60, 'enrolled': 60}),
    ('Randomisation of 300 patients (150 per arm) was completed in 2019.',
     {'n': 300, 'enrolled': 300}),
    ('Forty children were treated; 10 (25%) relapsed within two years.',
     {'n': 40}),
    ('Out of 1,500 employees invited, 1,212 (81%) agreed to participate.',
     {'n': 1212}),
    ('Twelve patients were excluded, leaving 188 for analysis.',
     {'n': 188, 'analysed': 188}),
    ('The study included 18 centres and 640 patients.',
     {'n': 640}),
    ('Of 200 patients, 100 were randomized to each arm.',
     {'n': 200}),
    ('This cluster trial involved 48 general practices and 2300 patients with colorectal cancer.',
     {'n': 2300}),
    ('Seventy-seven consecutive patients undergoing oesophagectomy between 2015 and 2021 were included.',
     {'n': 77}),
    ('Of the 150 patients randomized, 74 were assigned to the early arm and 76 to the deferred arm.',
     {'n': 150, 'enrolled': 150}),
    ('Thirty-six patients with recurrent ovarian cancer received the combination in this single-arm study.',
     {'n': 36}),
    ('A total of 208 patients aged 70 years or older were randomized, and their median age was 76 years.',
     {'n': 208, 'enrolled': 208}),
    ('Five hundred women agreed to take part and were then randomised to two arms.',
     {'n': 500, 'enrolled': 500}),
    ('Patients with stage IV melanoma were enrolled (n = 94) and treated with the vaccine.',
     {'n': 94, 'enrolled': 94}),
    ('Of 702 children who began induction, 610 were in continuous remission after two years of maintenance and were then randomised between stopping and continuing (305 per arm).',
     {'n': 610, 'enrolled': 610}),
    ('Of 540 adults who started the run-in, 488 were adherent and free of side effects and were randomized to the two doses.',
     {'n': 488, 'enrolled': 488}),
    ('Of 350 patients who received induction chemotherapy, 290 were without progression at week 18 and were subsequently randomised.',
     {'n': 290, 'enrolled': 290}),
]


@pytest.mark.parametrize("text, expected", STRESS_HARD)
def test_the_cohort_among_other_counts(text: str, expected: dict[str, int | None]) -> None:
    _check(text, expected)


def test_a_single_arm_study_is_prospective() -> None:
    assert _design("Consolidation after transplant in lymphoma: a multicentre single-arm study",
                   "Sixty-one patients were treated between 2016 and 2021.") == {"prospective"}
    assert _design("Imatinib for desmoid tumours", "Single-arm trials reported responses in 20%. We reviewed 40 patients "
                   "treated at our centre between 2010 and 2018.") == {"retrospective"}


def test_a_state_reached_then_went_on_to_randomisation() -> None:
    _check("Of 420 adults who began induction, 306 were in remission after consolidation and went on to randomisation (153 per arm).",
           {"n": 306, "enrolled": 306})


# the stress set in the older trial-report style: "were entered", brackets after the subject, counts in words, equal arms
STRESS_REPORTS = [
    ('Patients (n = 412) were stratified by centre and randomized.',
     {'n': 412, 'enrolled': 412}),
    ('In a randomized trial, 169 premenopausal women were assigned to ovarian suppression or chemotherapy.',
     {'n': 169, 'enrolled': 169}),
    ('Between 1990 and 1995, 1,032 node-positive patients were entered.',
     {'n': 1032, 'enrolled': 1032}),
    ('A total of 3,005 patients were accrued to this trial.',
     {'n': 3005, 'enrolled': 3005}),
    ('The study population consisted of 280 patients.',
     {'n': 280}),
    ('One hundred ten women were entered into the study and 104 were evaluable.',
     {'n': 110, 'enrolled': 110, 'evaluable': 104}),
    ('Seventy-eight women underwent randomisation between paclitaxel every week and every third week.',
     {'n': 78, 'enrolled': 78}),
    ('Eligible patients (n = 100) were given the drug for six months.',
     {'n': 100}),
    ('We studied 50 women, 25 in each group.',
     {'n': 50}),
    ('A randomized trial involving 2,500 women compared two screening intervals.',
     {'n': 2500}),
    ('This randomized study compared two doses of the drug in 120 patients.',
     {'n': 120}),
    ('A total of 198 patients were randomized in 13 months.',
     {'n': 198, 'enrolled': 198}),
    ('Two hundred patients with metastatic disease were randomized (100 in each arm).',
     {'n': 200, 'enrolled': 200}),
    ('3,214 women were randomized from 1993 through 1999.',
     {'n': 3214, 'enrolled': 3214}),
    ('In all, 350 patients (175 per arm) were randomized.',
     {'n': 350, 'enrolled': 350}),
    ('Among 1,600 randomized women, adherence at one year was 80%.',
     {'n': 1600, 'enrolled': 1600}),
    ('Ninety patients were randomised equally to three schedules.',
     {'n': 90, 'enrolled': 90}),
    ('Sixty-four patients entered the trial; 32 were allocated to each group.',
     {'n': 64, 'enrolled': 64}),
]


@pytest.mark.parametrize("text, expected", STRESS_REPORTS)
def test_how_many_people_an_older_report_has(text: str, expected: dict[str, int | None]) -> None:
    _check(text, expected)


SEXES = [
    ("There were 40 men and 22 women, with a median age of 61 years.", {"male": 40, "female": 22}),
    ("Sex (M/F): 34/28.", {"male": 34, "female": 28}),
    ("Male/female: 34/28; median age 58 years.", {"male": 34, "female": 28}),
    ("The cohort comprised 34 males and 28 females.", {"male": 34, "female": 28}),
    ("Of the 120 participants, 70 (58%) were women.", {"female": 70}),
    ("Patients were predominantly male (88 men, 42 women).", {"male": 88, "female": 42}),
    ("Nineteen were male and 23 female.", {"male": 19, "female": 23}),
]


@pytest.mark.parametrize("text, expected", SEXES)
def test_counts_of_men_and_women(text: str, expected: dict[str, int]) -> None:
    _check(text, expected)
