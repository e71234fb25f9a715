"""Which arm a value belongs to and which way a hazard ratio points (extractors/attribution.py, comparisons.py,
arm_values.py, numbers.py), in the ways authors who never saw this project's rules write them.

Every sentence here is invented; each test names the general phrasing it stands for.
"""

from __future__ import annotations

import pytest

from evidence.records import Article, Kind, Section, Study
from extractors.pipeline import extract_study


def _study(text: str) -> Study:
    return extract_study(Article(pmid="v9", sections=(Section("", text),)))


def _hazard_arms(study: Study) -> list[str | None]:
    return [f.arm for f in study.findings if f.kind == Kind.HR]


# -- which arm is the reference of a hazard ratio ----------------------------------------------------------------------


_SURGERY = "In total, 302 women were randomised to lumpectomy alone (n = 150) or quadrantectomy (n = 152). "


@pytest.mark.parametrize(
    "sentence",
    [
        "Five-year disease-free survival was 81% with lumpectomy alone and 83% with quadrantectomy (hazard ratio 1.06, 95% CI 0.80-1.40).",
        "Five-year disease-free survival was 81% in the lumpectomy alone group versus 83% in the quadrantectomy group (HR 1.06; 95% CI 0.80 to 1.40).",
    ],
)
def test_x_alone_against_another_treatment_is_not_a_control(sentence: str) -> None:
    # "X alone" names a control only beside an arm that adds to X; here the two arms are different operations
    assert _hazard_arms(_study(_SURGERY + sentence)) == ["lumpectomy alone vs quadrantectomy"]


@pytest.mark.parametrize(
    ("design", "sentence", "expected"),
    [
        (
            "We randomised 420 patients to gemcitabine alone (n = 210) or gemcitabine plus erlotinib (n = 210). ",
            "Median overall survival was 6.0 months with gemcitabine alone and 6.4 months with gemcitabine plus erlotinib (HR 0.82, 95% CI 0.69-0.99).",
            "gemcitabine plus erlotinib vs gemcitabine alone",
        ),
        (
            "After induction, 260 people were allocated by lot to follow-up alone (n = 130) or consolidation docetaxel (n = 130). ",
            "Median PFS reached 5.1 months with follow-up alone and 6.0 months with consolidation docetaxel (HR 0.90; 95% CI 0.70-1.16).",
            "consolidation docetaxel vs follow-up alone",
        ),
    ],
)
def test_x_alone_beside_x_plus_y_or_a_no_treatment_arm_is_the_control(design: str, sentence: str, expected: str) -> None:
    assert _hazard_arms(_study(design + sentence)) == [expected]


@pytest.mark.parametrize(
    "design",
    [
        "A total of 398 patients were randomised to standard care (n = 200) or early rehabilitation (n = 198). ",
        "Participants (n = 398) were allocated to usual care (n = 200) or a supervised walking programme (n = 198). ",
        "We assigned 398 patients to observation (n = 200) or adjuvant sunitinib (n = 198). ",
    ],
)
def test_with_no_arm_in_the_sentence_the_control_listed_first_is_the_reference(design: str) -> None:
    study = _study(design + "The hazard ratio for death was 0.80 (95% CI 0.64-0.99; P = 0.04).")
    (arm,) = _hazard_arms(study)
    assert arm is not None and arm.endswith(" vs " + study.arms[0].label)


_SECOND_LINE = "Of 512 adults with relapsed disease, 256 were randomised to pemetrexed and 256 to docetaxel. "


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Progression-free survival: HR 0.72 (95% CI 0.58-0.89), favouring docetaxel.", "docetaxel vs pemetrexed"),
        ("For progression-free survival the hazard ratio was 1.39 (95% CI 1.12-1.72) in favour of docetaxel.", "pemetrexed vs docetaxel"),
        ("Progression-free survival favoured docetaxel (hazard ratio 0.72, 95% CI 0.58-0.89).", "docetaxel vs pemetrexed"),
    ],
)
def test_the_favoured_arm_sets_the_direction_by_the_ratio(sentence: str, expected: str) -> None:
    # below 1 the favoured arm is the first of the pair; above 1 it is the reference
    assert _hazard_arms(_study(_SECOND_LINE + sentence)) == [expected]


@pytest.mark.parametrize(
    "sentence",
    [
        "Compared with pemetrexed, docetaxel lowered the risk of progression (HR 0.72, 95% CI 0.58-0.89).",
        "In comparison with pemetrexed, progression-free survival improved with docetaxel (HR 0.72; 95% CI 0.58 to 0.89).",
        "Relative to those given pemetrexed, patients on docetaxel had longer progression-free survival (HR 0.72; 95% CI 0.58 to 0.89).",
    ],
)
def test_the_arm_after_compared_with_is_the_reference(sentence: str) -> None:
    assert _hazard_arms(_study(_SECOND_LINE + sentence)) == ["docetaxel vs pemetrexed"]


def test_the_backbone_of_an_add_on_design_is_the_reference_whatever_the_order() -> None:
    design = "Of 512 men with castration-resistant disease, 256 were randomised to enzalutamide and 256 to enzalutamide plus radium-223. "
    sentence = "Median PFS came to 12.2 months with enzalutamide and 13.3 months with enzalutamide plus radium-223 (HR 0.80; 95% CI 0.64-0.99)."
    assert _hazard_arms(_study(design + sentence)) == ["enzalutamide plus radium-223 vs enzalutamide"]


# -- three arms: each experimental arm against the control, and the two experimental arms against each other ------------

_THREE_ARMS = "Patients (n = 450) were randomised 1:1:1 to placebo (n = 150), low-dose olaparib (n = 150) or high-dose olaparib (n = 150). "


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Compared with placebo, the hazard ratio for progression was 0.61 (95% CI 0.45-0.83) with low-dose olaparib; "
            "high-dose olaparib versus low-dose olaparib gave a hazard ratio of 0.88 (0.66-1.17).",
            ["low-dose olaparib vs placebo", "high-dose olaparib vs low-dose olaparib"],
        ),
        (
            "Versus placebo, progression-free survival improved with high-dose olaparib (HR 0.52, 95% CI 0.38-0.71) and with low-dose olaparib (HR 0.61, 95% CI 0.45-0.83).",
            ["high-dose olaparib vs placebo", "low-dose olaparib vs placebo"],
        ),
        (
            "For high-dose versus low-dose olaparib, the hazard ratio for progression was 0.88 (0.66-1.17).",
            ["high-dose olaparib vs low-dose olaparib"],
        ),
    ],
)
def test_three_arm_hazard_ratios_keep_their_own_pair(sentence: str, expected: list[str]) -> None:
    assert _hazard_arms(_study(_THREE_ARMS + sentence)) == expected


# -- numbers in words ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("A hundred and twenty", 120.0),
        ("a hundred and five", 105.0),
        ("two thousand and five", 2005.0),
        ("one hundred and seventy-six", 176.0),
    ],
)
def test_a_number_in_words_may_start_with_a_or_join_with_and_after_a_scale(words: str, value: float) -> None:
    from extractors.numbers import parse_number

    assert parse_number.__wrapped__(words) == value


@pytest.mark.parametrize("words", ["thirty-seven and thirty-six", "twelve and nine", "forty and forty-one"])
def test_two_numbers_joined_by_and_are_not_read_as_their_sum(words: str) -> None:
    from extractors.numbers import words_to_number

    assert words_to_number(words) is None


# -- values with their own intervals, then the arms, then "respectively" -----------------------------------------------

_TWO_DRUGS = "A total of 398 patients were randomised to docetaxel (n = 200) or pemetrexed (n = 198). "


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("The objective response rate: 31% (95% CI 25-38) and 22% (95% CI 16-28) in the pemetrexed and docetaxel groups, respectively.", Kind.RATE),
        ("The 2-year survival rates were 31% (95% CI 25-38) and 22% (95% CI 16-28) for pemetrexed and docetaxel, respectively.", Kind.RATE),
        ("Median overall survival was 31 months (95% CI 25-38) and 22 months (95% CI 16-28) in the pemetrexed and docetaxel arms, respectively.", Kind.MEDIAN),
    ],
)
def test_the_respectively_list_orders_values_that_carry_intervals(sentence: str, kind: Kind) -> None:
    # the arms listed before "respectively" give the order, not the order the arms were introduced in
    found = {f.arm: f.value for f in _study(_TWO_DRUGS + sentence).findings if f.kind == kind and f.arm}
    assert found in ({"pemetrexed": 0.31, "docetaxel": 0.22}, {"pemetrexed": 31.0, "docetaxel": 22.0})


# -- the arm named after a count's denominator --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Twelve (10%) of the 120 patients who received capecitabine needed a dose delay, compared to 4 (3%) of the 120 who were observed.",
        "A dose delay was needed in 12 (10%) of the 120 patients who had received capecitabine, compared with 4 (3%) of the 120 patients on observation.",
    ],
)
def test_the_arm_after_of_the_n_patients_who_received_is_the_values_own(sentence: str) -> None:
    design = "We randomly assigned 240 patients to maintenance capecitabine (n = 120) or observation (n = 120). "
    found = sorted((f.value, f.arm) for f in _study(design + sentence).findings if f.kind == Kind.RATE and f.arm)
    assert found == [(0.03, "observation"), (0.1, "maintenance capecitabine")]


@pytest.mark.parametrize("join", ["compared to", "versus", "compared with"])
def test_a_count_in_words_before_the_compared_share_keeps_the_pair(join: str) -> None:
    # "18 of 30 (60%) ... compared to seven of 30 (23%) in the B arm": the first share is the other arm's
    design = "Sixty women were randomised to a walking programme (n = 30) or usual care (n = 30). "
    sentence = f"After the programme, 18 of 30 (60%) women reported better sleep {join} seven of 30 (23%) in the usual care arm."
    found = sorted((f.value, f.arm) for f in _study(design + sentence).findings if f.kind == Kind.RATE and f.arm)
    assert found == [(0.23, "usual care"), (0.6, "walking programme")]


@pytest.mark.parametrize(
    "sentence",
    [
        "Previous studies found fatigue in 40% of women after chemotherapy compared with 12% of women never treated.",
        "Prior randomised trials have reported fatigue in 40% versus 12% of patients.",
        "Rates of 40% and 12% have been reported in the literature for fatigue after such treatment.",
    ],
)
def test_shares_quoted_from_other_work_are_not_the_arms(sentence: str) -> None:
    design = "Sixty women were randomised to a walking programme (n = 30) or usual care (n = 30). "
    assert [f for f in _study(design + sentence).findings if f.kind == Kind.RATE and f.arm] == []


# -- an arm named by the agent it adds ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "design",
    [
        "Patients were randomised to mFOLFOX6 with or without panitumumab 6 mg/kg every 2 weeks (P-mFOLFOX6).",
        "Randomisation was to mFOLFOX6 with or without intravenous panitumumab given every two weeks (P-mFOLFOX6).",
    ],
)
def test_with_or_without_an_agent_before_a_code_names_the_code_arm_by_the_agent(design: str) -> None:
    from extractors.attribution import arm_spans_in, mention_patterns

    arms = mention_patterns(["P-mFOLFOX6", "mFOLFOX6"], design)
    sentence = "Skin rash was more frequent with panitumumab (61% vs 4%)."
    assert [label for _, _, label in arm_spans_in(sentence, arms)] == ["P-mFOLFOX6"]


def test_an_agent_in_another_arms_label_is_not_taken_for_the_code_arm() -> None:
    from extractors.attribution import arm_spans_in, mention_patterns

    arms = mention_patterns(["P-mFOLFOX6", "panitumumab alone"], "Patients got mFOLFOX6 with or without panitumumab (P-mFOLFOX6).")
    spans = arm_spans_in("Rash was seen with panitumumab alone in 20%.", arms)
    assert [label for _, _, label in spans] == ["panitumumab alone"]


@pytest.mark.parametrize(
    "control",
    ["routine skin care", "supportive care", "best supportive care", "routine follow-up", "active surveillance", "waiting list"],
)
def test_routine_and_supportive_care_are_control_arms_named_by_role(control: str) -> None:
    design = f"We allocated forty people by lot to a silver-based dressing (n = 20) or {control} (n = 20). "
    sentence = "Moist desquamation occurred in 45% of the intervention group and 70% of the control group."
    found = sorted((f.value, f.arm) for f in _study(design + sentence).findings if f.kind == Kind.RATE and f.arm)
    assert found == [(0.45, "silver-based dressing"), (0.7, control)]
