"""Settings, cycles and radiotherapy schedules written the many ways authors write them; reviews give no regimen."""

from __future__ import annotations

import pytest

from extractors.lexicon import load_lexicon
from extractors.regimen import find_regimen, reports_no_regimen


def _hits(text: str) -> list[tuple[str, object]]:
    return [(h.label, h.payload["value"]) for h in find_regimen(text, [(0, len(text))], load_lexicon())]


def _values(text: str, label: str) -> list[object]:
    return [value for name, value in _hits(text) if name == label]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Patients were allocated to two preoperative and two postoperative cycles of FLOT.", {"preoperative", "postoperative"}),
        ("Each patient was given three preoperative and three postoperative courses of EOX.", {"preoperative", "postoperative"}),
        ("Perioperative XELOX was compared with surgery alone.", {"perioperative"}),
        ("Patients were assigned to perioperative FLOT or to surgery alone.", {"perioperative"}),
        ("Postoperative S-1 was given for one year.", {"postoperative"}),
        ("Which perioperative regimen is best remains unclear.", {"perioperative"}),
        ("Patients received pre- and postoperative chemotherapy with docetaxel.", {"preoperative", "postoperative"}),
        ("Four postoperative cycles of capecitabine followed resection.", {"postoperative"}),
        ("The preoperative phase lasted nine weeks.", {"preoperative"}),
    ],
)
def test_settings_named_by_their_cycles_regimen_or_acronym(sentence: str, expected: set[str]) -> None:
    assert set(_values(sentence, "setting")) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Postoperative complications occurred in 12% of patients.",
        "Preoperative CT and MRI were used for staging.",
        "Preoperative CEA was raised in one third.",
        "Postoperative mortality was 2%.",
        "Preoperative ECOG performance status was 0 or 1.",
        "A pre-operative TAP block with ropivacaine was given to every patient.",
        "Postoperative PONV was recorded for 24 hours.",
    ],
)
def test_no_setting_from_surgical_or_staging_words(sentence: str) -> None:
    assert _values(sentence, "setting") == []


@pytest.mark.parametrize(
    ("sentence", "cycles"),
    [
        ("Patients received four 21-day induction cycles of bortezomib and dexamethasone.", [4]),
        ("Six 3-weekly cycles of docetaxel were planned.", [6]),
        ("Treatment was three 28-day courses of temozolomide.", [3]),
        ("Women were given up to six cycles of paclitaxel and carboplatin.", [6]),
        ("Surgery was done after four cycles of neoadjuvant FOLFIRINOX.", [4]),
        ("Patients received 4-6 cycles of gemcitabine.", [(4, 6)]),
        ("Prior to surgery patients received six cycles of FLOT.", [6]),
        ("Epirubicin was given on day 1 of each cycle, for six or more cycles.", [6]),
        ("Before resection, two courses of cisplatin and doxorubicin were given.", [2]),
    ],
)
def test_planned_cycles_with_words_between_count_and_noun(sentence: str, cycles: list[object]) -> None:
    found = [(v.low, v.high) if hasattr(v, "low") else v for v in _values(sentence, "chemo_cycles")]
    assert found == cycles


@pytest.mark.parametrize(
    "sentence",
    [
        "Patients received a median of eight cycles (range 2-24).",
        "Weekly cisplatin was given (median 5 cycles).",
        "The mean number of cycles was 5.2 and a total of 312 cycles were administered.",
        "Patients received on average 4 courses of therapy.",
        "Women responding to six cycles of platinum-based chemotherapy were randomly assigned to olaparib or placebo.",
        "Patients who had received four cycles of first-line chemotherapy were eligible.",
        "Those who progressed after two courses of anthracyclines were enrolled.",
        "Prior chemotherapy of up to six cycles was allowed.",
        "Filgrastim was given in the first two cycles only.",
        "A mouthwash was used four times daily for the following three cycles.",
        "Paclitaxel was given on days 1, 8 and 15 of 28-day cycles.",
        "Patients treated between 2012 and 2020 received treatment in 21-day cycles.",
        "Each patient received a median of 6 (range 3-8) cycles.",
        "Caregivers attended one three-hour education course on fatigue.",
        "Pegfilgrastim was injected on day 2 of each cycle.",
    ],
)
def test_no_planned_cycles_from_delivered_prior_or_partial_counts(sentence: str) -> None:
    assert _values(sentence, "chemo_cycles") == []


@pytest.mark.parametrize(
    ("sentence", "total", "per_fraction", "fractions"),
    [
        ("Radiotherapy was 45 Gy in 30 twice-daily fractions of 1.5 Gy.", 45, 1.5, 30),
        ("Patients received 60 Gy in 30 once-daily fractions.", 60, None, 30),
        ("The pelvis received 25 Gy in five consecutive daily fractions.", 25, None, 5),
        ("Chemoradiotherapy delivered 50.4 Gy/28 fx to the pelvis.", 50.4, None, 28),
        ("Short-course radiotherapy (5 x 5 Gy) preceded surgery.", 25, 5, 5),
        ("Radiotherapy was given as 5 Gy x 5 to the rectum.", 25, 5, 5),
        ("They received 25 Gy in five fractions.", 25, None, 5),
        ("The dose was 2 Gy per fraction to 60 Gy.", 60, 2, None),
        ("Radiotherapy of 50.4 Gy in 1.8-Gy fractions was given.", 50.4, 1.8, None),
        ("Single-fraction radiosurgery of 20 Gy was given.", 20, None, 1),
        ("A dose of 18 Gy in a single fraction was delivered.", 18, None, 1),
        ("Patients received 66 Gy in 33 fractions with weekly cisplatin.", 66, None, 33),
    ],
)
def test_radiotherapy_schedules(sentence: str, total: float, per_fraction: float | None, fractions: float | None) -> None:
    hits = _hits(sentence)
    first = {label: value for label, value in reversed(hits)}
    assert first.get("rt_total_dose_gy") == total
    assert first.get("rt_dose_per_fraction_gy") == per_fraction
    assert first.get("rt_fractions") == fractions


def test_a_stated_total_is_not_replaced_by_the_product() -> None:
    hits = _hits("Radiotherapy of 30 Gy (10 x 3 Gy) was given.")
    assert [v for label, v in hits if label == "rt_total_dose_gy"] == [30]


REVIEWS = [
    "Stereotactic radiotherapy for oligometastatic prostate cancer: a narrative review\n\nWe review trials of "
    "docetaxel and abiraterone with 35 Gy in 5 fractions.",
    "Adjuvant capecitabine in triple-negative breast cancer: a systematic review and meta-analysis\n\nWe searched "
    "MEDLINE and Embase; nine trials were included.",
    "Neoadjuvant therapy for gastric cancer: where are we now?\n\nThis review summarises the evidence on perioperative "
    "FLOT and SOX given for four cycles.",
    "Immunotherapy before surgery in melanoma\n\nIn this commentary we consider neoadjuvant nivolumab and ipilimumab.",
    "Consensus recommendations for the treatment of desmoid tumours\n\nOptions include sorafenib and methotrexate.",
    "Sensitivity to trabectedin in liposarcoma cell lines\n\nCells were exposed to trabectedin and doxorubicin.",
    "Radiotherapy and PD-1 blockade in a mouse model of sarcoma\n\nMice received 20 Gy in a single fraction.",
    "Treatment of uterine leiomyosarcoma: an overview\n\nGemcitabine and docetaxel are widely used.",
]


@pytest.mark.parametrize("text", REVIEWS)
def test_reviews_and_laboratory_studies_give_no_regimen(text: str) -> None:
    assert reports_no_regimen(text)
    assert _hits(text) == []


STUDIES = [
    "Adjuvant capecitabine after surgery: a retrospective review of 120 patients\n\nWe reviewed the records of "
    "patients given capecitabine for six cycles.",
    "Docetaxel in older women\n\nWe reviewed 87 patients treated with docetaxel; tumour response was assessed by "
    "blinded independent central review.",
    "Leiomyosarcoma of the uterus treated with trabectedin: a case report and review of the literature\n\nWe report "
    "a patient who received trabectedin for nine cycles.",
    "Adherence to guidelines for adjuvant chemotherapy in colon cancer: a population cohort\n\nWe studied 500 "
    "patients given capecitabine and oxaliplatin.",
    "Perioperative FLOT versus SOX: a randomised phase III trial\n\nA previous meta-analysis suggested benefit; "
    "patients were randomly assigned to FLOT or SOX.",
    "Olaparib maintenance in ovarian cancer: protocol for a randomised trial\n\nPatients will receive olaparib "
    "300 mg twice daily; the protocol was approved by the institutional review board.",
]


@pytest.mark.parametrize("text", STUDIES)
def test_studies_with_review_words_keep_their_regimen(text: str) -> None:
    assert not reports_no_regimen(text)
    assert any(label == "drug" for label, _ in _hits(text))
