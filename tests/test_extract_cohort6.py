"""Cohort size read from invented sentences, each a way abstracts state how many took part.

Each sentence sits in a small abstract; the expected ``cohort.n`` follows the development set's
annotation guideline (the randomised or enrolled total; a smaller population named as the one
analysed; null when only group sizes, planned figures or other numbers are printed).  The set
covers totals, flows from screening to analysis, per-arm sizes with no total, surveys, cluster and
pooled designs, and numbers that are not the cohort (ages, doses, centres, years, events).
"""

from __future__ import annotations

import pytest

from evidence.records import Article, Section, Study
from extractors.pipeline import extract_studies

_TITLE = "Postoperative systemic therapy in early mammary carcinoma: a report"

#: (title or None for the generic one, the Results sentence, the expected cohort n)
CASES: list[tuple[str | None, str, int | None]] = [
    (None, 'Between 2008 and 2012, 1,024 patients were enrolled at 37 centres in 9 countries.', 1024),
    (None, 'Of 860 patients screened, 512 were eligible and 480 were randomised.', 480),
    (None, 'We randomly assigned 300 patients (150 per group) to surgery or surveillance.', 300),
    (None, 'Two hundred and forty women were randomised to exemestane or tamoxifen.', 240),
    (None, 'The study included 156 patients (98 men and 58 women).', 156),
    (None, 'We enrolled 88 men and 64 women with resected melanoma.', None),
    (None, 'Response was evaluable in 210 of the 236 patients enrolled.', 236),
    (None, 'Questionnaires were returned by 412 of 600 invited survivors (69%).', 412),
    (None, 'Forty-two patients entered this crossover study and received both sequences.', 42),
    (None, 'Median age was 54 years (range 31-79) and 12 centres took part.', None),
    (None, 'Patients received docetaxel 60 mg/m2 every 21 days for 6 cycles.', None),
    (None, 'An earlier trial in 600 women had shown a benefit of 8%. We randomised 250 women to the new schedule.', 250),
    (None, 'Of 96 patients, 45 had a complete response.', 96),
    (None, 'Seven hundred and twelve patients underwent randomisation.', 712),
    (None, 'The trial closed early after 134 of a planned 400 patients had been accrued.', 134),
    (None, 'A total of 2,210 women were screened, of whom 604 met the eligibility criteria and were randomized.', 604),
    (None, 'Patients with stage III disease (N = 75) received induction chemotherapy.', 75),
    (None, 'We retrospectively reviewed the records of 318 patients treated between 2001 and 2015.', 318),
    (None, 'Among 1,240 participants followed for a median of 7 years, 86 deaths occurred.', 1240),
    (None, 'The cohort comprised 5,400 survivors identified from the registry.', 5400),
    (None, 'Participants were 64 premenopausal and 91 postmenopausal women.', None),
    (None, 'Accrual reached 540 patients.', 540),
    (None, 'Out of 150 consecutive patients, 132 consented and were randomised.', 132),
    (None, 'Eligible patients (n=220) were stratified by centre and randomised 1:1.', 220),
    (None, 'The study population consisted of 88 patients with recurrent disease.', 88),
    (None, 'Between March 2010 and May 2014, 18 institutions enrolled 263 patients.', 263),
    (None, 'A total of 3,047 women from 14 countries participated.', 3047),
    (None, 'Grade 3 or 4 diarrhoea occurred in 23 patients and 4 patients died of toxicity.', None),
    (None, 'Four hundred women aged 50 to 69 years were enrolled.', 400),
    (None, 'At 5 years, 212 events had occurred.', None),
    (None, 'The trial, which planned to enrol 800 patients, randomised 612 before it was stopped.', 612),
    (None, 'We identified 1,932 patients in the database, of whom 1,480 met inclusion criteria.', 1480),
    (None, 'This phase II study enrolled 47 patients; 44 were evaluable for response.', 47),
    (None, 'A total of 530 patients (265 in each arm) were included.', 530),
    (None, 'A total of 58 patients with 61 tumours were treated.', 58),
    (None, 'Among the 902 randomized patients, 450 were assigned to the combination.', 902),
    (None, 'Enrollment: 310 patients.', 310),
    (None, 'Sixty-eight patients were followed for a median of 36 months.', 68),
    (None, 'Patients were recruited from 22 centres in 5 countries between 2009 and 2013 and received 3 cycles of FEC.', None),
    (None, 'We analysed data from 3,400 participants in a completed adjuvant trial.', 3400),
    (None, '620 patients were randomized; 14 withdrew consent before treatment, leaving 606 for analysis.', 606),
    (None, 'Objective: To compare two schedules in a phase III trial in 1,024 women with HER2-positive disease.', 1024),
    (None, 'A meta-analysis of 17,000 women suggested a small gain. In this trial, 520 women were randomized.', 520),
    (None, 'Nine hundred eighty-one women were enrolled.', 981),
    (None, 'Five hundred patients per arm will be needed to detect a 5% difference.', None),
    (None, 'Overall, 143 of 150 enrolled patients completed treatment.', 150),
    (None, 'Patients aged 18 to 70 years with an ECOG performance status of 0-1 were eligible.', None),
    (None, 'A total of 44 patients (median age 61) were treated with SBRT to 50 Gy in 5 fractions.', 44),
    (None, 'Four hundred and six patients (203 per group) were included.', 406),
    (None, 'Women (n=1,876) were allocated by minimisation.', 1876),
    (None, 'Three thousand and twelve patients from 41 trials were included in the pooled analysis.', 3012),
    (None, 'The cohort of 735 patients was divided into 3 risk groups.', 735),
    (None, 'After exclusion of 23 patients with missing data, 512 patients were analysed.', 512),
    (None, 'The study recruited 128 participants, of whom 64 were allocated to yoga.', 128),
    (None, 'Responses were received from 412 of the 600 women invited.', 412),
    (None, 'In this cluster-randomised trial, 48 clinics were allocated to nurse-led follow-up or usual care.', None),
    (None, 'A sample of 250 patients provides 80% power to detect a hazard ratio of 0.65.', None),
    (None, 'Overall 2,104 women took part, 1,052 in each arm.', 2104),
    (None, 'One hundred and twenty patients were assessed for eligibility, 100 were randomized and 94 completed the study.', 100),
    (None, 'A total of 1,024 were randomly assigned.', 1024),
    (None, 'The study comprised 120 breast cancer survivors.', 120),
    (None, 'We studied 86 consecutive women referred for adjuvant radiotherapy.', 86),
    (None, 'The trial accrued 310 subjects in four years.', 310),
    (None, 'Setting and participants: 45 hospitals in three countries; 1,204 women aged 50-64 years.', 1204),
    (None, 'Women with early disease (n=640 women) were invited to participate.', 640),
    (None, 'In total 522 women entered the trial.', 522),
    (None, 'Follow-up data were available for 900 (88%) of 1,024 randomised women.', 1024),
    (None, 'We report the ten-year results in 1,020 women.', 1020),
    (None, 'Randomisation of 1,024 women took place between 2004 and 2009.', 1024),
    (None, 'Study population: 418 women with stage II-III disease.', 418),
    (None, 'The sample consisted of 120 women and their partners.', 120),
    (None, 'Thirty breast cancer survivors completed the 12-week intervention.', 30),
    (None, 'Women (N=120) completed questionnaires at baseline and 6 months.', 120),
    (None, 'Of the 1,024 randomised, 980 received at least one dose and were evaluable for safety.', 1024),
    (None, 'Among 1,024 randomized women, 512 had HER2-positive disease.', 1024),
    (None, 'A subgroup of 200 women underwent MRI. In total, 1,100 women were enrolled.', 1100),
    ('Adjuvant zoledronic acid: results from 812 patients in a randomised trial', 'Bone density was higher with treatment.', 812),
    (None, 'Sixty-five women were allocated to exercise and 63 to usual care.', None),
    (None, 'The exercise group (n = 45) and the control group (n = 41) were compared with healthy women (n = 25).', None),
    (None, 'Women in the intervention arm (n=150) and in the control arm (n=148) completed the study.', None),
    (None, 'We randomised 420 women in a 1:1 ratio.', 420),
    (None, 'The trial enrolled 1,502 patients from 2006 to 2011.', 1502),
    (None, 'Patients were enrolled from 2006 to 2011 at 120 sites; 3,200 were randomized.', 3200),
    (None, 'Overall, 96 women completed the study and 12 dropped out.', 96),
    (None, 'Of 700 invited women, 512 agreed to participate.', 512),
    (None, 'Three hundred women with ductal carcinoma in situ took part.', 300),
    (None, 'The median age of the 240 participants was 58 years.', 240),
    (None, 'The 5-year overall survival of the 355 patients was 82%.', 355),
    (None, 'Eight of 30 patients responded.', 30),
    (None, 'Toxicity data were collected for 120 patients treated with 40 Gy in 15 fractions.', 120),
    (None, 'At a median follow-up of 48 months, 83 of the 410 enrolled women had relapsed.', 410),
    (None, 'Patients received 4 cycles of chemotherapy; 18 patients discontinued because of toxicity.', None),
    (None, 'Of the 250 women, 125 were randomly assigned to letrozole and 125 to tamoxifen.', 250),
    (None, 'In this multicentre trial, 1,830 women with node-negative disease were included.', 1830),
    (None, 'Participants comprised 214 breast cancer survivors and 98 healthy controls.', None),
    (None, 'We randomized 2,040 participants.', 2040),
    (None, 'Altogether 455 women consented and were randomised.', 455),
    (None, 'A total of 14 centres randomised 321 women.', 321),
    (None, 'The final sample included 187 dyads.', 187),
    (None, 'Of 402 women approached, 290 enrolled.', 290),
    (None, 'Data for 3,112 women enrolled in the trial were analysed.', 3112),
    (None, 'The study enrolled 60 patients, 30 in each cohort.', 60),
    (None, 'The trial recruited 1,010 patients from 2008 to 2013.', 1010),
    (None, 'Seventy-two women (mean age 56 years) participated.', 72),
    (None, 'Analysis included 812 of 830 randomised patients.', 812),
    (None, 'Patients (n = 96; 48 per arm) were enrolled between 2012 and 2015.', 96),
    (None, 'Women (N = 2,500) aged 40-74 years were invited for screening; 1,800 attended.', 2500),
    (None, 'The median number of cycles was 6 (range 2-8) and 14 patients needed dose reductions.', None),
    (None, 'Between 2001 and 2010, 4,210 women underwent surgery at our institution.', 4210),
    (None, 'A total of 125 patients with 131 lesions were enrolled.', 125),
    (None, 'The trial accrued only 47 of the planned 120 participants.', 47),
    (None, 'The per-protocol population consisted of 264 patients.', 264),
    (None, 'Recruitment stopped at 88 patients because of slow accrual.', 88),
    (None, 'Our series includes 52 consecutive patients treated since 2010.', 52),
    (None, 'The study population comprised 611 women, of whom 305 received the intervention.', 611),
    (None, 'Eligible patients (n = 412) were randomised; 398 were evaluable.', 412),
    (None, 'In 2016, 300 women were recruited.', 300),
    (None, 'Two hundred fifty-six women participated; 130 were premenopausal.', 256),
    (None, 'This pooled analysis included 6,100 patients from 3 trials.', 6100),
    (None, 'We performed a cluster randomised trial in 40 general practices including 2,200 women.', 2200),
    (None, 'Seventeen centres contributed 508 patients.', 508),
    (None, 'The randomised population (N=1,102) was balanced for stage.', 1102),
    (None, 'Randomization: 200 patients to each arm.', None),
    (None, 'We included all 97 women who underwent mastectomy with immediate reconstruction.', 97),
    (None, 'Patients (N=64) received four cycles of docetaxel and 12 discontinued early.', 64),
    (None, 'A total of 46 of 50 planned patients were accrued before closure.', 46),
    (None, 'Tumours larger than 20 mm were found in 35% and 14 women had positive margins.', None),
    (None, 'The hazard ratio was 0.72 (95% CI 0.60-0.86) after 412 events.', None),
    (None, 'In the 2012 trial by another group, 1,500 women had been enrolled.', None),
    (None, 'We enrolled 64 women at 3 sites in 2 countries over 18 months.', 64),
    (None, 'Twenty-eight of the 30 enrolled patients completed all 6 cycles.', 30),
    (None, 'Patients were assessed every 12 weeks for 5 years.', None),
    (None, 'A total of 1,320 women were randomized, and 1,301 received their assigned treatment.', 1320),
    (None, 'Eleven patients (9%) had grade 4 neutropenia.', None),
]


def _article(index: int, title: str | None, sentence: str) -> Article:
    sections = (
        Section("Methods", "Adults with operable tumours took part."),
        Section("Results", sentence),
        Section("Conclusions", "Therapy was tolerable on the whole."),
    )
    return Article(pmid=f"c{index}", title=title or _TITLE, sections=sections)


@pytest.fixture(scope="module")
def studies() -> list[Study]:
    return list(extract_studies(_article(i, t, b) for i, (t, b, _) in enumerate(CASES)))


@pytest.mark.parametrize("index", range(len(CASES)), ids=[c[1][:40] for c in CASES])
def test_cohort_n(studies: list[Study], index: int) -> None:
    title, sentence, expected = CASES[index]
    assert studies[index].cohort.n == expected, (title, sentence, studies[index].cohort)


def test_excluded_and_each_arm_counts_are_not_the_total(studies: list[Study]) -> None:
    by_sentence = {b: s for (_, b, _), s in zip(CASES, studies)}
    assert by_sentence["After exclusion of 23 patients with missing data, 512 patients were analysed."].cohort.n_analysed == 512
