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
