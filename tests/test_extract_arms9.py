"""Arm sizes and arm labels that generalise (extractors/arms.py, extractors/pipeline.py), session 9.

Each rule is tested with several phrasings of the same idea, in several cancers.  Every sentence is
invented for the test.
"""

from __future__ import annotations

import pytest

from evidence.records import Article, Section
from extractors.arms import find_arms
from extractors.pipeline import extract_study


def _study(text: str):
    return extract_study(Article(pmid="t", sections=(Section("", text),)))


def _arms(text: str) -> list[tuple[str, int | None]]:
    return [(a.label.lower(), a.n) for a in _study(text).arms]


def _sized(sentence: str) -> list[tuple[str, int]]:
    """The sized arm hits the finder reads in one sentence (label, n)."""
    return [(h.payload["label"], h.payload["n"]) for h in find_arms(sentence, [(0, len(sentence))]) if h.payload["n"] is not None]


# -- a colon after a year or a count opens a list; only a small number before it makes a ratio ---------------------


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Between 2011 and 2016, 640 men were randomised from 2011 to 2016: 322 were allocated enzalutamide and 318 bicalutamide.",
         [("enzalutamide", 322), ("bicalutamide", 318)]),
        ("Accrual ran from 2005 to 2009: 151 were assigned to gemcitabine and 149 to observation.", [("gemcitabine", 151), ("observation", 149)]),
        ("We enrolled patients until 2018: 88 received nivolumab and 90 received chemotherapy.", [("nivolumab", 88), ("chemotherapy", 90)]),
    ],
)
def test_a_colon_after_a_year_is_no_allocation_ratio(sentence: str, expected: list[tuple[str, int]]) -> None:
    assert _sized(sentence) == expected


def test_a_ratio_still_reads_as_one() -> None:
    # "randomised 2:1 to ..." and "1 : 1": the terms of a ratio are not arm sizes
    assert _sized("Patients were randomised 2:1 to cabozantinib or placebo.") == []
    assert _sized("Women were randomly assigned 1 : 1 to letrozole or anastrozole.") == []


# -- a phase before randomisation (induction, run-in) is no arm ------------------------------------------------------


@pytest.mark.parametrize(
    "sentence, labels",
    [
        ("Of 520 children who started induction, 470 were randomised to maintenance vincristine or observation (235 per arm).",
         ["maintenance vincristine", "observation"]),
        ("Among 430 women who began the run-in phase, 388 were then allocated at random to anastrozole or a dummy tablet (194 per arm).",
         ["anastrozole", "dummy tablet"]),
        ("A total of 250 patients received induction chemotherapy, of whom 200 were randomised to radiotherapy or observation.",
         ["radiotherapy", "observation"]),
        ("Of 520 men registered for androgen deprivation, 480 (92%) were subsequently randomised to docetaxel or surveillance.",
         ["docetaxel", "surveillance"]),
        ("In total, 410 patients started induction imatinib; 356 were randomized, 178 to continued imatinib and 178 to a break.",
         ["continued imatinib", "break"]),
    ],
)
def test_the_count_that_began_a_phase_before_randomisation_is_no_arm(sentence: str, labels: list[str]) -> None:
    hits = find_arms(sentence, [(0, len(sentence))])
    named = [h.payload["label"] for h in hits if h.payload["label"] != "*"]
    assert named == labels
    assert all(h.payload["n"] not in (520, 430, 250, 410) for h in hits)


def test_a_per_arm_size_sizes_the_arms_after_an_induction_phase() -> None:
    text = ("Maintenance rituximab versus observation after induction in follicular lymphoma: a randomised trial. "
            "Of 612 patients who started induction, 558 were randomised to maintenance rituximab or observation (279 per arm). "
            "Median PFS was 6.3 months versus 3.9 months.")
    assert [n for _, n in _arms(text)] == [279, 279]


def test_a_count_allocated_to_a_choice_is_the_whole_in_a_list_too() -> None:
    # "..., and 300 were assigned to A or B": the later item is shared between the arms, no arm's size
    sentence = "Of 340 who were screened, 12 were ineligible, and 300 were assigned to cetuximab or panitumumab."
    assert _sized(sentence) == []


def test_one_arm_per_sentence_after_of_still_holds() -> None:
    sentence = "Of the 120 women randomly allocated to letrozole, 20 had a relapse."
    assert _sized(sentence) == [("letrozole", 120)]


# -- "allocated at random to A or B", "assigned by randomisation to A or B" name the arms -----------------------------


@pytest.mark.parametrize(
    "sentence, labels",
    [
        ("Men were assigned at random to radiotherapy or surveillance.", ["radiotherapy", "surveillance"]),
        ("Eligible children were allocated at random to dexamethasone or prednisolone.", ["dexamethasone", "prednisolone"]),
        ("Women were assigned by randomisation to exercise or usual care.", ["exercise", "usual care"]),
    ],
)
def test_allocation_at_random_names_the_arms(sentence: str, labels: list[str]) -> None:
    assert [h.payload["label"] for h in find_arms(sentence, [(0, len(sentence))])] == labels


# -- "to A (C1) with or without B (C2)": the arms keep the codes the text names them by later -------------------------


@pytest.mark.parametrize(
    "sentence, labels",
    [
        ("Adults with gastric cancer were allocated to irinotecan (I) with or without olaparib 300 mg (IO).",
         ["irinotecan plus olaparib (IO)", "irinotecan alone (I)"]),
        ("Our sarcoma cohort was randomised to trabectedin (TRA) with or without pazopanib (TRA+P) until progression.",
         ["trabectedin plus pazopanib (TRA+P)", "trabectedin alone (TRA)"]),
        ("Adults with recurrent glioma were randomised to lomustine with or without regorafenib.", ["lomustine plus regorafenib", "lomustine alone"]),
    ],
)
def test_with_or_without_keeps_each_arms_code(sentence: str, labels: list[str]) -> None:
    assert [h.payload["label"] for h in find_arms(sentence, [(0, len(sentence))])] == labels


def test_coded_with_or_without_arms_take_the_sizes_given_by_code() -> None:
    text = ("Men with bladder cancer were allocated at random to four cycles of cisplatin-gemcitabine (CG) with or without "
            "avelumab (CG-A), followed by cystectomy. In all, 98 men were randomised, 49 per arm. "
            "Downstaging to pT0 happened for 20 of 49 men (41%) given CG-A and 12 of 49 men (24%) given CG.")
    assert _arms(text) == [("cisplatin-gemcitabine plus avelumab (cg-a)", 49), ("cisplatin-gemcitabine alone (cg)", 49)]


# -- people who "had" an event are counted by arm, not sized ----------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Four patients had an in-breast recurrence after partial irradiation and three after whole-breast irradiation.",
        "Twelve women had a wound infection with suction drains and five with no drain.",
        "Nine men had grade 4 neutropenia on docetaxel and two on cabazitaxel.",
        "Six children had a relapse after the short protocol and two after the long protocol.",
        "Overall, 14 patients had an anastomotic leak after stapled repair and 9 after hand-sewn repair.",
    ],
)
def test_counts_of_people_who_had_an_event_size_no_arm(sentence: str) -> None:
    assert _sized(sentence) == []


def test_a_per_arm_size_is_not_displaced_by_event_counts() -> None:
    text = ("Partial versus whole-breast irradiation after lumpectomy for low-risk disease: a randomised trial. "
            "The women were allocated by computer to irradiation of part of the breast or to whole-breast irradiation. "
            "Four hundred women were randomised, 200 per arm. "
            "Five patients had an in-breast recurrence after partial-breast irradiation and two after whole-breast irradiation.")
    assert [n for _, n in _arms(text)] == [200, 200]


def test_a_group_after_of_that_had_an_event_is_still_a_denominator() -> None:
    # "9 of 13 had X": 13 is the group the 9 belong to, not a count of people with X
    sentence = "Among those given the vaccine, nine out of 13 had antibody responses."
    assert all(n != 9 for _, n in _sized(sentence))


# -- an arm named in its bracket by a number-led group name: "(6-month group; 2045 patients)" --------------------------


@pytest.mark.parametrize(
    "sentence, expected",
    [
        (("Women were assigned either to stop hormone therapy after 2 years (2-year group; 1502 patients) or to go on to 5 years "
          "(5-year group; 1498 patients)."), [("2-year", 1502), ("5-year", 1498)]),
        ("Men were randomised to 3 weeks of pelvic radiotherapy (3-week arm, n = 210) or 5 weeks (5-week arm, n = 205).",
         [("3-week", 210), ("5-week", 205)]),
        ("Children received 2 blocks (2-block group; 150 patients) or 4 blocks (4-block group; 148 patients) of intrathecal methotrexate.",
         [("2-block", 150), ("4-block", 148)]),
        ("Patients with seminoma had 1 course (1-course cohort: 97 patients) or 2 courses (2-course cohort: 95 patients) of carboplatin.",
         [("1-course", 97), ("2-course", 95)]),
    ],
)
def test_number_led_group_names_in_brackets_size_their_arms(sentence: str, expected: list[tuple[str, int]]) -> None:
    assert _sized(sentence) == expected


# -- a count split between the arms in the bracket right after it, whatever the verb ---------------------------------


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("One hundred and sixty patients (VAC 81, VIDE 79) could be assessed for histological response.", [("VAC", 81), ("VIDE", 79)]),
        ("A total of 310 women (letrozole 155, anastrozole 155) completed the first year.", [("letrozole", 155), ("anastrozole", 155)]),
        ("Overall, 150 children (arm A 75; arm B 75) could be followed for 5 years.", [("arm A", 75), ("arm B", 75)]),
        ("Data of 96 men (IMRT 50, proton 46) were complete at 2 years.", [("IMRT", 50), ("proton", 46)]),
    ],
)
def test_a_count_split_in_its_bracket_sizes_the_arms(sentence: str, expected: list[tuple[str, int]]) -> None:
    assert _sized(sentence) == expected


@pytest.mark.parametrize("sentence", ["The median was 45 (range 20, IQR 30) months.", "Scores fell by 12 points (SD 4, median 11) overall."])
def test_a_bracket_of_statistics_is_no_split(sentence: str) -> None:
    assert _sized(sentence) == []


# -- a hyphenated name opening with "on-", "in-", "at-" is a name, not a preposition's phrase ---------------------------


@pytest.mark.parametrize(
    "title, labels",
    [
        ("Scheduled versus on-demand endoscopy after gastrectomy: a randomised trial", ["Scheduled", "on-demand endoscopy"]),
        ("Planned vs On-Request Physiotherapy in Sarcoma Survivors", ["Planned", "On-Request Physiotherapy"]),
        ("Clinic-based versus at-home chemotherapy for children with leukaemia", ["Clinic-based", "at-home chemotherapy"]),
    ],
)
def test_titles_name_arms_that_open_with_a_hyphenated_preposition(title: str, labels: list[str]) -> None:
    from extractors.arms import find_title_arms

    assert [h.payload["label"] for h in find_title_arms(title)] == labels


def test_a_per_group_size_fills_title_arms() -> None:
    text = ("Title\n\nEarly Structured vs On-Demand Dietitian Support in Head and Neck Cancer: A Randomized Trial. "
            "Of 300 patients approached, 220 consented and were randomized (110 per group). Weight loss was smaller with early support.")
    study = extract_study(Article(pmid="t", title="Early Structured vs On-Demand Dietitian Support in Head and Neck Cancer: A Randomized Trial",
                                  sections=(Section("", text.split("\n\n", 1)[1]),)))
    assert [(a.label, a.n) for a in study.arms] == [("Early Structured", 110), ("On-Demand Dietitian Support", 110)]


# -- a cluster trial's arms sized by the people their clusters enrolled ---------------------------------------------------


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("In all, 540 women enrolled: 281 at the 10 nurse-navigation clinics and 259 at the 10 usual-care clinics.",
         [("nurse-navigation", 281), ("usual-care", 259)]),
        ("We enrolled 2007 patients, 1020 from 20 intervention practices and 987 from 19 control practices.",
         [("intervention", 1020), ("control", 987)]),
        ("A total of 500 pupils took part, 260 at nine smoke-free schools and 240 at nine usual schools.", [("smoke-free", 260), ("usual", 240)]),
        ("Altogether 930 older adults were recruited: 470 in exercise-class villages and 460 in leaflet villages.",
         [("exercise-class villages", 470), ("leaflet villages", 460)]),  # read by the colon list, its nouns kept
    ],
)
def test_cluster_arms_are_sized_by_the_people_their_clusters_enrolled(sentence: str, expected: list[tuple[str, int]]) -> None:
    assert _sized(sentence) == expected


def test_clusters_without_arms_are_no_arms() -> None:
    assert _sized("Patients were enrolled at 12 hospitals and 8 clinics.") == []


# -- the second arm sized as the people left after the first ("the other N", "the remaining N") ------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Men were randomised to enzalutamide or abiraterone. Seventy men received enzalutamide. The remaining 68 were assigned to abiraterone.",
         [("enzalutamide", 70), ("abiraterone", 68)]),
        ("Men were randomised to enzalutamide or abiraterone. Seventy men received enzalutamide and the remaining 68 abiraterone.",
         [("enzalutamide", 70), ("abiraterone", 68)]),
        ("Children were randomised to cryotherapy or laser. Thirty-one children underwent cryotherapy. The other 29 children were treated with laser.",
         [("cryotherapy", 31), ("laser", 29)]),
        (("Fifty-two women with vulvar cancer were divided at random into two groups. Twenty-six underwent sentinel node biopsy. "
          "The other 26 patients had a full groin dissection (control group)."), [("sentinel node biopsy", 26), ("control", 26)]),
    ],
)
def test_the_rest_after_one_arm_sizes_the_other(text: str, expected: list[tuple[str, int]]) -> None:
    assert _arms(text) == expected


# -- a placebo-controlled design names its two arms when no sentence names them ----------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        (("Our masked placebo-controlled study of melatonin taken nightly by survivors with insomnia ran at four sites. "
          "In all, 90 survivors were randomized (45 per arm). Sleep improved with melatonin."), [("melatonin", 45), ("placebo", 45)]),
        ("We ran a placebo controlled study of oral ginger in children receiving cisplatin. Eighty children were randomized, 40 in each group.",
         [("ginger", 40), ("placebo", 40)]),
        ("Our placebo-controlled multicentre trial of aspirin among Lynch syndrome carriers enrolled 600 carriers.",
         [("aspirin", None), ("placebo", None)]),
    ],
)
def test_a_placebo_controlled_design_names_both_arms(text: str, expected: list[tuple[str, int | None]]) -> None:
    assert _arms(text) == expected


def test_arms_named_by_the_allocation_win_over_the_design() -> None:
    text = "Our placebo-controlled study of a statin allocated survivors at random to rosuvastatin (n = 50) or a dummy pill (n = 49)."
    assert _arms(text) == [("rosuvastatin", 50), ("dummy pill", 49)]


# -- "the A group enrolled N and the B group M": each group sizes itself, the second verb may be left out ----------------


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("The 4-cycle group enrolled 512 patients and the 6-cycle group 508.", [("4-cycle", 512), ("6-cycle", 508)]),
        ("The short-maintenance group comprised 240 children and the long-maintenance group 236.",
         [("short-maintenance", 240), ("long-maintenance", 236)]),
        ("The weekly arm had 52 patients, whereas the three-weekly arm 49.", [("weekly", 52), ("three-weekly", 49)]),
        ("The 6-month arm enrolled 300 women, whereas the 12-month arm enrolled 298.", [("6-month", 300), ("12-month", 298)]),
    ],
)
def test_groups_that_size_themselves_with_a_gapped_verb(sentence: str, expected: list[tuple[str, int]]) -> None:
    assert _sized(sentence) == expected


# -- a flow sentence: the allocation sizes the arms, the bracket after the analysis gives their second sizes -----------


@pytest.mark.parametrize(
    "text, expected",
    [
        (("Men were randomised to brachytherapy or prostatectomy. Of 512 men screened, 402 were randomised: 201 to brachytherapy and "
          "201 to prostatectomy; 380 were analysed (190 brachytherapy, 190 prostatectomy)."),
         [("brachytherapy", 201, 190), ("prostatectomy", 201, 190)]),
        (("Women were randomised to anastrozole or exemestane. In all, 300 were randomly assigned, 151 to anastrozole and 149 to "
          "exemestane; 290 were evaluable (146 anastrozole, 144 exemestane)."), [("anastrozole", 151, 146), ("exemestane", 149, 144)]),
    ],
)
def test_a_flow_sentence_sizes_arms_by_allocation_and_second_sizes_by_analysis(text: str, expected: list[tuple[str, int, int]]) -> None:
    assert [(a.label, a.n, a.n_analysed) for a in _study(text).arms] == expected
