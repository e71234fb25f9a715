"""The extractor end to end: the seed abstract exactly, multi-arm attribution, provenance, robustness."""

from __future__ import annotations

import json
import string

import pytest
import spacy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from evidence.records import Article, Kind, Measure, Range, Section, Study
from extractors import EXTRACTOR_VERSION
from extractors.pipeline import build_pipeline, extract_studies, extract_study
from extractors.segment import sentence_bounds


def _article(text: str, title: str = "", pmid: str = "t1", label: str = "") -> Article:
    return Article(pmid=pmid, title=title, sections=(Section(label, text),))


def _one(study: Study, measure: Measure, kind: Kind = Kind.RATE, arm: str | None = None, time: float | None = None):
    found = [f for f in study.findings if f.measure == measure and f.kind == kind and f.arm == arm and (time is None or f.time_months == time)]
    assert len(found) == 1, (measure, arm, [f.to_json() for f in study.findings])
    return found[0]


@pytest.fixture(scope="module")
def seed() -> Study:
    from evidence.sources.corpus import seed_article

    return extract_study(seed_article())


def test_seed_cohort_and_design(seed: Study) -> None:
    c = seed.cohort
    assert (c.n, c.n_male, c.n_female, c.age_mean) == (31, 21, 10, 55.7)
    assert seed.design == ("retrospective",)
    assert seed.arms == ()


def test_seed_regimen(seed: Study) -> None:
    r = seed.regimen
    assert r.chemo_cycles == Range(2, 3)
    assert r.rt_dose_per_fraction_gy == 5
    assert r.rt_total_dose_gy == Range(25, 35)
    assert r.rt_fractions == Range(5, 7)
    assert "5-7 days" in r.evidence["rt_fractions"].sentence
    assert set(r.settings) == {"neoadjuvant", "preoperative", "sequential"}  # the title writes "Preoperative", the text "neoadjuvant"
    assert r.drugs == ()  # the abstract names no agent


def test_seed_findings(seed: Study) -> None:
    expected = {
        Measure.PD: 0.097, Measure.SD: 0.581, Measure.PR: 0.29, Measure.CR: 0.032, Measure.ORR: 0.322,
        Measure.TOX_G3PLUS: 0.29,
    }
    for measure, value in expected.items():
        f = _one(seed, measure)
        assert f.value == pytest.approx(value)
        assert f.count is None and f.denominator is None  # no counts invented from percentages
        assert f.time_months is None
    assert _one(seed, Measure.DFS).time_months == 12 and _one(seed, Measure.DFS).value == pytest.approx(0.793)
    assert _one(seed, Measure.OS).time_months == 12 and _one(seed, Measure.OS).value == pytest.approx(0.896)
    assert len(seed.findings) == 8


def test_seed_provenance_points_at_the_text(seed: Study) -> None:
    sections = {s.label: s.text for s in seed.article.sections}
    sections["TITLE"] = seed.article.title
    for f in seed.findings:
        ev = f.evidence
        assert ev is not None and ev.extractor_version == EXTRACTOR_VERSION
        assert sections[ev.section][ev.start : ev.end] == ev.text
        assert ev.text in ev.sentence and ev.sentence in sections[ev.section]
    ev = seed.cohort.evidence["n"]
    assert sections[ev.section][ev.start : ev.end] == "31"


def test_seed_flags_explain_the_orr(seed: Study) -> None:
    codes = {f.code: f.message for f in seed.flags}
    assert "GRIM" in codes and "ORR" in codes["GRIM"]
    assert "ORR_DERIVED_SUM" in codes and "10/31 = 32.26%" in codes["ORR_DERIVED_SUM"]
    assert "CATEGORIES_SUM" not in codes  # 9.7 + 58.1 + 29 + 3.2 = 100


def test_two_arm_trial_sizes_and_attribution() -> None:
    text = (
        "Methods: Patients were randomly assigned (1:1) to pembrolizumab (n = 120) or placebo (n = 118). "
        "Results: The objective response rate was 32% with pembrolizumab versus 18% with placebo (P = .01). "
        "Median progression-free survival was 8.4 months (95% CI, 6.1 to 10.2) vs 5.1 months. "
        "The hazard ratio for progression or death was 0.62 (95% CI, 0.48-0.80; P < .001). "
        "The 2-year overall survival rates were 61.2% and 48.0% in the pembrolizumab and placebo groups, respectively."
    )
    study = extract_study(_article(text, title="Pembrolizumab versus placebo: a randomized phase 3 trial"))
    assert [(a.label, a.n) for a in study.arms] == [("pembrolizumab", 120), ("placebo", 118)]
    assert {"randomised", "phase3"} <= set(study.design)
    assert _one(study, Measure.ORR, arm="pembrolizumab").value == pytest.approx(0.32)
    assert _one(study, Measure.ORR, arm="placebo").value == pytest.approx(0.18)
    pfs = _one(study, Measure.PFS, Kind.MEDIAN, arm="pembrolizumab")
    assert pfs.value == 8.4 and pfs.ci == (6.1, 10.2)
    assert _one(study, Measure.PFS, Kind.MEDIAN, arm="placebo").value == 5.1
    hr = _one(study, Measure.PFS, Kind.HR, arm="pembrolizumab vs placebo")
    assert (hr.value, hr.ci, hr.p, hr.p_relation) == (0.62, (0.48, 0.8), 0.001, "<")
    assert _one(study, Measure.OS, arm="pembrolizumab", time=24).value == pytest.approx(0.612)
    assert _one(study, Measure.OS, arm="placebo", time=24).value == pytest.approx(0.48)


def test_landmark_lists_counts_words_and_not_reached() -> None:
    text = (
        "Thirty-two patients were enrolled. Objective response was seen in 9 of 31 evaluable patients (29.0%). "
        "The 1-, 3- and 5-year OS rates were 90%, 80·5% and 70%, respectively. "
        "Median overall survival was not reached after a median follow-up of 4.5 years."
    )
    study = extract_study(_article(text))
    assert study.cohort.n == 32 and study.cohort.n_enrolled == 32
    orr = _one(study, Measure.ORR)
    assert (orr.value, orr.count, orr.denominator) == (pytest.approx(0.29), 9, 31)
    assert [(_one(study, Measure.OS, time=t).value) for t in (12, 36, 60)] == [pytest.approx(0.9), pytest.approx(0.805), pytest.approx(0.7)]
    median = _one(study, Measure.OS, Kind.MEDIAN)
    assert median.value is None and median.not_reached
    assert _one(study, Measure.FOLLOW_UP, Kind.MEDIAN).value == 54


def test_regimen_lexicon_expands_acronyms_and_brands() -> None:
    text = "Patients received 6 cycles of FOLFIRINOX, or Herceptin with XELOX, and 50.4 Gy in 28 fractions of concurrent radiotherapy."
    study = extract_study(_article(text))
    r = study.regimen
    assert {"fluorouracil", "leucovorin", "irinotecan", "oxaliplatin", "trastuzumab", "capecitabine"} <= set(r.drugs)
    assert r.chemo_cycles == 6 and r.rt_total_dose_gy == 50.4 and r.rt_fractions == 28
    assert r.rt_dose_per_fraction_gy is None
    assert "concurrent" in r.settings


def test_no_outcomes_is_an_empty_result() -> None:
    study = extract_study(_article("This review summarises the biology of soft tissue sarcoma and open questions."))
    assert study.findings == () and study.arms == () and study.cohort.n is None and study.flags == ()


def test_sentence_boundaries_survive_abbreviations() -> None:
    text = "ORR was 32% vs. 18% (95% CI 0.5-0.9; P = .04). As Smith et al. reported, i.e. in 2019, it held. 6 patients died."
    sentences = [text[a:b] for a, b in sentence_bounds(text)]
    assert sentences == [
        "ORR was 32% vs. 18% (95% CI 0.5-0.9; P = .04).",
        "As Smith et al. reported, i.e. in 2019, it held.",
        "6 patients died.",
    ]


def test_versus_with_a_stop_does_not_end_a_sentence() -> None:
    text = "Mean levels were 412.5 versus. 230.8 ng/mL in the two groups. Nothing differed."
    assert [text[a:b] for a, b in sentence_bounds(text)] == [
        "Mean levels were 412.5 versus. 230.8 ng/mL in the two groups.",
        "Nothing differed.",
    ]


def test_doc_sents_work_on_one_sentence_and_many() -> None:
    nlp = build_pipeline()
    assert [s.text for s in nlp("Grade 3 fatigue occurred in 12% vs. 7% of patients.").sents] == [
        "Grade 3 fatigue occurred in 12% vs. 7% of patients."
    ]
    assert [s.text for s in nlp("We enrolled 40 women. All were treated.").sents] == ["We enrolled 40 women.", "All were treated."]


def test_components_write_spans_on_a_blank_pipeline() -> None:
    nlp = spacy.blank("en")
    import extractors.components  # noqa: F401  registers the factories
    import extractors.segment  # noqa: F401

    for name in ("evidence_sentences", "evidence_cohort", "evidence_outcomes"):
        nlp.add_pipe(name)
    doc = nlp("A total of 40 patients were enrolled. The ORR was 45% and the 2-year PFS was 60%.")
    assert [s.label_ for s in doc.spans["cohort"]] == ["count"]
    assert sorted(s.label_ for s in doc.spans["outcome"]) == ["ORR", "PFS"]
    assert len(list(doc.sents)) == 2


def test_pipeline_is_built_once() -> None:
    assert build_pipeline() is build_pipeline()


def test_extract_studies_keeps_order_and_matches_single_calls() -> None:
    articles = [_article(f"A total of {n} patients were treated. The ORR was {n}%.", pmid=str(n)) for n in range(10, 80)]
    batch = list(extract_studies(articles, batch_size=16))
    assert [s.pmid for s in batch] == [a.pmid for a in articles]
    assert batch[5] == extract_study(articles[5])


_NASTY = st.one_of(
    st.text(),
    st.text(alphabet=string.printable + "()[]%·–≥≤±\u2009\x00\x07\x1b", max_size=400),
    st.lists(st.sampled_from(["(", ")", "[", "95% CI", "P = .", "vs.", "OS", "HR", "%", "n =", "Gy", "median", "1-year", "Thirty", "\n", " "]), max_size=60).map("".join),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_NASTY, _NASTY)
def test_no_exception_escapes_on_arbitrary_text(title: str, text: str) -> None:
    study = extract_study(Article(pmid="x", title=title, sections=(Section("RESULTS", text), Section("", text[::-1]))))
    assert isinstance(study, Study)
    json.dumps([f.to_json() for f in study.findings])  # serialisable


@pytest.mark.slow
def test_large_noise_and_foreign_text_give_results_not_errors() -> None:
    import random

    rng = random.Random(7)
    noise = "".join(rng.choice(string.printable + "%()[]·") for _ in range(1_000_000))
    for text in (noise, "Die Ansprechrate betrug 45 % (95%-KI 30–60).", "客观缓解率为45%。", "", "(((((", "\x00\x01\x02"):
        study = extract_study(_article(text))
        assert isinstance(study, Study)


def test_arm_sizes_in_brackets_and_title_names() -> None:
    text = (
        "Methods: Patients were randomised to six cycles of docetaxel, carboplatin and trastuzumab (TCH) or to "
        "trastuzumab with weekly paclitaxel (TH). Results: 212 patients were randomised (TCH 107, TH 105). "
        "The pCR rate was 56.1% with TCH and 45.7% with TH (difference 10.4%, 95% CI -3.0 to 23.8)."
    )
    study = extract_study(_article(text, title="TCH versus TH in HER2-positive breast cancer: a randomised phase II trial"))
    # each arm carries the name the text defines for its abbreviation
    assert [(a.label, a.n) for a in study.arms] == [("docetaxel, carboplatin and trastuzumab (TCH)", 107), ("trastuzumab with paclitaxel (TH)", 105)]
    assert _one(study, Measure.pCR, arm="docetaxel, carboplatin and trastuzumab (TCH)").value == pytest.approx(0.561)
    assert _one(study, Measure.pCR, arm="trastuzumab with paclitaxel (TH)").value == pytest.approx(0.457)
    assert len([f for f in study.findings if f.measure == Measure.pCR]) == 2  # the difference is not a rate
    assert study.cohort.n == 212 and "prospective" not in study.design


def test_coordinated_names_bare_rates_and_implied_design() -> None:
    text = (
        "Between 2010 and 2020, 58 consecutive patients were treated at our institution. "
        "The cohort comprised 30 women and 28 men. "
        "The 3-year event-free and overall survival were 61.0% and 74.5%. "
        "The 5-year local control was 81 (95% CI 70-89)."
    )
    study = extract_study(_article(text))
    assert study.design == ("retrospective",)
    assert (study.cohort.n, study.cohort.n_female, study.cohort.n_male) == (58, 30, 28)
    assert _one(study, Measure.EFS, time=36).value == pytest.approx(0.61)
    assert _one(study, Measure.OS, time=36).value == pytest.approx(0.745)
    lc = _one(study, Measure.LC, time=60)
    assert lc.value == pytest.approx(0.81) and lc.ci == (pytest.approx(0.7), pytest.approx(0.89))


def test_subgroup_values_of_a_single_arm_study_are_left_out() -> None:
    text = (
        "A total of 120 women were enrolled. The pCR rate was 72.4% in hormone receptor-negative and 52.2% in "
        "hormone receptor-positive tumours. Median overall survival of the entire cohort was 27.1 months, and that "
        "of resected patients 38.6 months."
    )
    study = extract_study(_article(text))
    assert [f for f in study.findings if f.measure == Measure.pCR] == []
    assert [f.value for f in study.findings if f.measure == Measure.OS] == [27.1]


def test_three_arm_hazard_ratio_list_and_toxicity_counts() -> None:
    text = (
        "Patients were randomised to SOX (n = 305), XELOX (n = 303) or surgery alone (n = 304). "
        "Compared with surgery alone, the hazard ratio for DFS was 0.74 (95% CI 0.60-0.92; p=0.006) for SOX and "
        "0.80 (95% CI 0.65-0.99; p=0.04) for XELOX. "
        "Grade 3 or higher adverse events occurred in 107 (35.1%) of 305 patients given SOX and 117 (38.6%) of 303 given XELOX."
    )
    study = extract_study(_article(text, title="Perioperative SOX or XELOX: a randomised phase III trial"))
    assert [a.n for a in study.arms] == [305, 303, 304]
    sox = _one(study, Measure.DFS, Kind.HR, arm="SOX vs surgery alone")
    assert (sox.value, sox.ci, sox.p) == (0.74, (0.6, 0.92), 0.006)
    assert _one(study, Measure.DFS, Kind.HR, arm="XELOX vs surgery alone").ci == (0.65, 0.99)
    tox = _one(study, Measure.TOX_G3PLUS, arm="SOX")
    assert (tox.value, tox.count, tox.denominator) == (pytest.approx(0.351), 107, 305)
    assert _one(study, Measure.TOX_G3PLUS, arm="XELOX").count == 117


def test_proportions_printed_as_decimals() -> None:
    text = "The objective response rate was 0.56 (95% CI 0.41-0.70) and the 2-year OS rate was 0.81. The 5-year DFS was 62."
    study = extract_study(_article(text))
    orr = _one(study, Measure.ORR)
    assert (orr.value, orr.ci) == (0.56, (0.41, 0.7))
    assert _one(study, Measure.OS, time=24).value == 0.81
    assert _one(study, Measure.DFS, time=60).value == pytest.approx(0.62)


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Results: 1334 patients were enrolled (664 A+AVD, 670 ABVD).", [("A+AVD", 664), ("ABVD", 670)]),
        ("Results: 261 patients were randomly assigned (weekly, 129; three-weekly, 132).", [("weekly", 129), ("three-weekly", 132)]),
        ("Women were randomized to six cycles of CMF (CMF; n = 390) or FEC (FEC; n = 387).", [("CMF", 390), ("FEC", 387)]),
        ("Overall, 651 patients were assigned to nivolumab plus cabozantinib (323 patients) or sunitinib (328 patients).",
         [("nivolumab plus cabozantinib", 323), ("sunitinib", 328)]),
        ("Of the 731 women, 366 were allocated to the high-dose arm and 365 to the conventional-dose arm.",
         [("high-dose", 366), ("conventional-dose", 365)]),
        ("Quality-of-life scores at baseline were similar between the exemestane (n = 212) and letrozole (n = 207) groups.",
         [("exemestane", 212), ("letrozole", 207)]),
        ("Of 96 women treated with DC (n = 64) or D (n = 32), 90 were assessable.", [("DC", 64), ("D", 32)]),
        ("Women were assigned to a 30 g soy-enriched bar (n = 41) or a control (wheat) bar (n = 40).",
         [("soy-enriched bar", 41), ("control bar", 40)]),
        ("Patients were randomly allocated to standard follow-up (usual-care group; n=75) or nurse-led follow-up (intervention group; n=77).",
         [("usual-care", 75), ("nurse-led follow-up (intervention)", 77)]),
        ("Twenty-eight received gabapentin and 30 placebo; four patients withdrew consent.", [("gabapentin", 28), ("placebo", 30)]),
        ("Sixty patients received 240 cycles of capecitabine; 58 patients received 220 cycles of vinorelbine.",
         [("capecitabine", 60), ("vinorelbine", 58)]),
        ("The biweekly arm had 64 evaluable patients; the every-4-weeks arm had 61 evaluable patients.",
         [("biweekly", 64), ("every-4-weeks", 61)]),
        ("Serum was stored for 412 and 398 women in the raloxifene and placebo arms, respectively.",
         [("raloxifene", 412), ("placebo", 398)]),
        ("The trial closed early with 70 evaluable patients, including 36 patients who received eribulin and 34 patients who received capecitabine.",
         [("eribulin", 36), ("capecitabine", 34)]),
        ("Patients were randomised to two groups: group A (lumpectomy alone, 61 women) and group B (lumpectomy plus boost, 63 women).",
         [("lumpectomy alone", 61), ("lumpectomy plus boost", 63)]),
        ("Of 120 randomised women, 101 finished the study (n=52 and n=49 for the yoga group and waiting-list group, respectively).",
         [("yoga", 52), ("waiting-list", 49)]),
        ("Patients were randomly assigned to anastrozole (1 mg/day) with (n = 58) or without (n = 55) celecoxib for 12 weeks.",
         [("with celecoxib", 58), ("without celecoxib", 55)]),
        ("Between 2016 and 2018, 330 women were randomly assigned (220, abemaciclib; 110, placebo).", [("abemaciclib", 220), ("placebo", 110)]),
        ("In all, 150 patients were randomized (E, 76; O, 74).", [("E", 76), ("O", 74)]),
        ("Overall, 63 women were randomized to HIIT (42) or usual care (21) in a 2:1 ratio.", [("HIIT", 42), ("usual care", 21)]),
        ("Forty women were divided in two groups: group A patients (n = 20, mean age 51 years) had surgery, "
         "while group B patients (n = 20, mean age 50 years) had physiotherapy alone.", [("group A", 20), ("group B", 20)]),
    ],
)
def test_arm_size_forms(sentence: str, expected: list[tuple[str, int]]) -> None:
    study = extract_study(_article(sentence))
    assert [(a.label, a.n) for a in study.arms] == expected


@pytest.mark.parametrize(
    "text, n, field, value",
    [
        ("Of the 71 patients screened, 62 were enrolled and treated.", 62, "n_enrolled", 62),
        ("Results: 660 women were randomised, of whom 652 were eligible and analysed.", 652, "n_analysed", 652),
        ("Between 2013 and 2017, 500 women were enrolled; 6 were later found ineligible, leaving 494 in the analysis.", 494, "n_enrolled", 500),
        ("Among 116 patients treated, the objective response rate was 39.7%.", 116, "n_evaluable", None),
        ("A total of 256 patients will be recruited from 24 centres.", None, "n_enrolled", None),
        ("We ran a randomised trial of yoga or usual care among 188 survivors of early breast cancer.", 188, "n_enrolled", None),
        ("Between 2001 and 2006, 1510 (752 letrozole, 758 placebo) patients were randomly assigned.", 1510, "n_enrolled", 1510),
        ("Women starting adjuvant chemotherapy (N = 242) were randomly assigned to one of three walking programmes.", 242, "n_enrolled", 242),
        ("A total of 144 BCS were randomized to a mindfulness course or a wait list.", 144, "n_enrolled", 144),
    ],
)
def test_cohort_size_forms(text: str, n: int | None, field: str, value: int | None) -> None:
    cohort = extract_study(_article(text)).cohort
    assert cohort.n == n and getattr(cohort, field) == value


def test_a_failing_finder_is_flagged_and_the_rest_still_read(monkeypatch: pytest.MonkeyPatch) -> None:
    import extractors.components as components

    def broken(*args: object, **kwargs: object) -> list:
        raise RuntimeError("boom")

    monkeypatch.setattr(components, "find_regimen", broken)
    study = extract_study(_article("A total of 40 patients received 4 cycles of FOLFOX. The ORR was 45%."))
    assert study.regimen.drugs == () and _one(study, Measure.ORR).value == pytest.approx(0.45)
    assert [f.code for f in study.flags] == ["EXTRACTOR_ERROR"] and "evidence_regimen" in study.flags[0].message


@pytest.mark.parametrize(
    "sentence",
    [
        "Best responses were ORR 40% (n = 16), SD 45% (n = 18) and PD 15% (n = 6).",
        "Forty patients were enrolled (LMS n = 22, UPS n = 18; 21 men, 19 women).",
        "We reviewed 50 patients treated with definitive (n = 31) or postoperative (n = 19) radiotherapy.",
        "Patients received 48 Gy in 4 fractions or 60 Gy in 8 fractions, followed by durvalumab.",
        "Of the 512 patients who underwent randomization, 498 were treated.",
        "Tumours shrank in the first (12) and second (9) cycles.",
    ],
)
def test_sizes_in_brackets_that_are_not_arms(sentence: str) -> None:
    assert extract_study(_article(sentence)).arms == ()


def test_one_arms_size_is_not_the_cohort() -> None:
    text = ("We randomly assigned 1210 women to docetaxel or observation. "
            "Five-year DFS was 81% among the 604 patients assigned to docetaxel and 76% among the 606 assigned to observation.")
    study = extract_study(_article(text))
    assert study.cohort.n == 1210


@pytest.mark.parametrize(
    "text, measure, count, denominator",
    [
        ("Seven of 26 patients achieved a partial response.", Measure.PR, 7, 26),
        ("After induction, 40 women were evaluable. ORR in 17/40.", Measure.ORR, 17, 40),
        ("A pathological complete response was achieved in none of 14 patients.", Measure.pCR, 0, 14),
    ],
)
def test_response_printed_only_as_a_count(text: str, measure: Measure, count: int, denominator: int) -> None:
    found = _one(extract_study(_article(text)), measure)
    assert (found.count, found.denominator, found.value) == (count, denominator, round(count / denominator, 4))


def test_count_beside_its_percentage_is_one_finding() -> None:
    study = extract_study(_article("An objective response occurred in 18 of 49 evaluable patients (36.7%)."))
    orr = _one(study, Measure.ORR)
    assert (orr.value, orr.count, orr.denominator) == (0.367, 18, 49)
    deaths = extract_study(_article("Of 40 patients, 9 of 40 died; the 2-year OS was 70%."))
    assert [(f.measure, f.value) for f in deaths.findings] == [(Measure.OS, 0.7)]


def test_responses_counted_over_the_evaluable_cohort() -> None:
    text = ("Forty-two patients were enrolled and 40 were evaluable for response. "
            "Best responses were 3 complete responses, 11 partial responses and 15 disease stabilisations, for an ORR of 35%.")
    study = extract_study(_article(text))
    cr, pr, sd = (_one(study, m) for m in (Measure.CR, Measure.PR, Measure.SD))
    assert [(f.count, f.denominator, f.value) for f in (cr, pr, sd)] == [(3, 40, 0.075), (11, 40, 0.275), (15, 40, 0.375)]
    assert "n_evaluable" in cr.method and cr.evidence.text == "3 complete responses"
    assert _one(study, Measure.ORR).value == pytest.approx(0.35)
    two_arms = extract_study(_article("Patients were randomised to A (n = 40) or B (n = 41). There were 3 complete responses with A."))
    assert not [f for f in two_arms.findings if f.measure == Measure.CR and f.arm is None]


def test_antiemetic_complete_response_is_not_tumour_response() -> None:
    text = ("Netupitant for nausea in breast cancer chemotherapy: a randomised trial. Women were randomised to netupitant (n = 150) or "
            "placebo (n = 152). The primary endpoint was complete response (no vomiting and no rescue medication) over 5 days. "
            "Complete response was achieved by 74.0% with netupitant and 61.2% with placebo.")
    study = extract_study(_article(text))
    assert not [f for f in study.findings if f.measure in (Measure.CR, Measure.ORR)]
    tumour = extract_study(_article("Thirty patients were treated. A complete response was seen in 10% and the ORR was 40%."))
    assert _one(tumour, Measure.CR).value == pytest.approx(0.1)


def test_thresholds_and_named_subgroups_are_not_cohort_rates() -> None:
    study = extract_study(_article("Sixty women were treated. Conclusions: the regimen achieved a pCR rate above 50%."))
    assert [f for f in study.findings if f.measure == Measure.pCR] == []
    carriers = extract_study(_article("We enrolled 80 women. BRCA1 carriers had a pCR rate of 64.3% (9/14)."))
    assert [f for f in carriers.findings if f.measure == Measure.pCR] == []
    compared = extract_study(_article("Patients were randomised to A (n = 40) or B (n = 40). The ORR of the A group was 40.0% (16/40), higher than 20.0% (8/40) of the B group."))
    assert sorted(f.value for f in compared.findings if f.measure == Measure.ORR) == [0.2, 0.4]


def test_hazard_ratio_direction_follows_the_arms_values() -> None:
    text = ("Patients were randomised to chemotherapy alone (arm A, n = 60) or chemotherapy plus cediranib (arm B, n = 61). "
            "Median PFS was 5.1 months in arm A versus 7.9 months in arm B (hazard ratio 0.64; 95% CI 0.44-0.93).")
    hr = _one(extract_study(_article(text)), Measure.PFS, Kind.HR, arm="chemotherapy plus cediranib (arm B) vs chemotherapy alone (arm A)")
    assert hr.value == 0.64
    close = ("Patients were randomised to chemotherapy alone (arm A, n = 60) or chemotherapy plus cediranib (arm B, n = 61). "
             "Median PFS was 5.1 months in arm A versus 5.3 months in arm B (hazard ratio 0.97; 95% CI 0.64-1.43).")
    assert [f.arm for f in extract_study(_article(close)).findings if f.kind == Kind.HR] == ["chemotherapy plus cediranib (arm B) vs chemotherapy alone (arm A)"]  # the arms carry their names: the control arm is the reference


def test_hazard_ratio_for_relapse_takes_the_sentences_measure() -> None:
    text = ("Women were randomised to AC (n = 300) or TC (n = 302). The 5-year relapse-free survival was 71.0% with AC and 78.2% with TC "
            "(hazard ratio for relapse with TC, 0.74; 95% CI 0.58 to 0.95).")
    study = extract_study(_article(text))
    assert [(f.measure, f.value) for f in study.findings if f.kind == Kind.HR] == [(Measure.RFS, 0.74)]


def test_arm_sizes_from_per_arm_denominators_when_no_size_is_stated() -> None:
    text = "Women were randomised to exemestane or anastrozole. The objective response rate was 42% (21/50) with exemestane and 30% (15/49) with anastrozole."
    study = extract_study(_article(text))
    assert [(a.label, a.n) for a in study.arms] == [("exemestane", 50), ("anastrozole", 49)]
    assert [text[a.evidence.start : a.evidence.end] for a in study.arms] == ["50", "49"]
    sized = "Women were randomised to exemestane (n = 52) or anastrozole (n = 51). The ORR was 42% (21/50) with exemestane and 30% (15/49) with anastrozole."
    assert [a.n for a in extract_study(_article(sized)).arms] == [52, 51]


def test_arm_sizes_stated_one_per_sentence() -> None:
    text = ("Survivors were randomised after chemotherapy. Over 12 weeks the training group (n = 66) exercised twice weekly. "
            "The control group (n = 64) continued usual activity.")
    assert [(a.label, a.n) for a in extract_study(_article(text)).arms] == [("training", 66), ("control", 64)]
    subgroups = "We reviewed 70 patients with sarcoma. The high-risk group (n = 25) had worse survival. The elderly group (n = 18) too."
    assert extract_study(_article(subgroups)).arms == ()


def test_arms_with_per_group_sizes() -> None:
    text = "Patients were randomly assigned to ribociclib or placebo. RESULTS: 334 patients were assigned to each group."
    study = extract_study(_article(text))
    assert [(a.label, a.n) for a in study.arms] == [("ribociclib", 334), ("placebo", 334)]


@pytest.mark.parametrize(
    "text, male, female",
    [
        ("Results: Forty patients were enrolled (34 men; mean age 66.8 years).", 34, None),
        ("We enrolled 84 patients (median age 71 years; 49 [58%] men).", 49, None),
        ("The median age was 66 years, and 74 patients (56.5%) were male.", 74, None),
        ("There were 26 men and 18 women; median age was 52 years.", 26, 18),
        ("A total of 120 women were enrolled.", None, None),  # a single-sex cohort has no sex counts
    ],
)
def test_sex_count_forms(text: str, male: int | None, female: int | None) -> None:
    cohort = extract_study(_article(text)).cohort
    assert (cohort.n_male, cohort.n_female) == (male, female)


def test_phase_number_is_not_a_count() -> None:
    study = extract_study(_article("In this phase 3 trial, patients were enrolled. Findings 674 patients were randomly assigned."))
    assert study.cohort.n == 674 and study.cohort.n_enrolled == 674


def _hazard_ratios_of(text: str) -> list:
    from evidence.records import Article, Kind, Section
    from extractors.pipeline import extract_study

    study = extract_study(Article(pmid="1", title="A series", sections=(Section("", text),)))
    return [f for f in study.findings if f.kind == Kind.HR]


def test_hazard_ratio_between_two_named_treatments_is_kept_without_arm_sizes() -> None:
    found = _hazard_ratios_of(
        "We enrolled 200 patients. Overall survival was longer with drug A than with drug B "
        "(HR 0.59, 95% CI 0.44-0.79; P<0.001)."
    )
    assert [(f.measure.value, f.value, f.ci) for f in found] == [("OS", 0.59, (0.44, 0.79))]


def test_prognostic_factor_hazard_ratio_of_a_single_cohort_is_not_a_treatment_effect() -> None:
    found = _hazard_ratios_of(
        "We reviewed 120 patients. On multivariate analysis, tumours above 5 cm versus smaller ones "
        "predicted worse overall survival (HR 2.1, 95% CI 1.2-3.6)."
    )
    assert found == []
