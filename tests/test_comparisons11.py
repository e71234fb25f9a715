"""Per-arm rates in phrasings met on real abstracts (session 11, extractors/comparisons.py).

Every sentence here is invented; each test names the general phrasing it stands for.
"""

from __future__ import annotations

from evidence.records import Article, Kind, Section, Study
from extractors.pipeline import extract_study

_DESIGN = "Postmenopausal women were randomly assigned to raloxifene (n = 420) or placebo (n = 415). "


def _study(sentence: str, design: str = _DESIGN) -> Study:
    return extract_study(Article(pmid="c11", sections=(Section("", design + sentence),)))


def _rates(study: Study) -> list[tuple[str | None, float | None]]:
    return sorted((f.arm, f.value) for f in study.findings if f.kind == Kind.RATE)


def test_subgroup_without_baseline_symptom_is_no_baseline_comparison() -> None:
    # "Of women without baseline X (n = N), more in A vs B had new X (x% vs y%)": a subgroup restriction, the
    # values are outcome rates, not baseline shares
    study = _study("Of women without baseline hot flushes (n = 612), significantly more assigned to raloxifene vs placebo "
                   "reported new-onset hot flushes after 6 months (24.5% vs 9.8%, P < .001).")
    assert _rates(study) == [("placebo", 0.098), ("raloxifene", 0.245)]


def test_baseline_shares_stay_unread() -> None:
    # the rule leaves true baseline comparisons alone
    study = _study("At baseline, 41.2% vs 39.8% of women were aged over 65 years.")
    assert _rates(study) == []


_LETTERED = ("Patients were randomly assigned to weekly paclitaxel (arm A, n = 70), paclitaxel with filgrastim (arm B, n = 60) "
             "or docetaxel (arm C, n = 75). ")


def _medians(study: Study) -> list[tuple[str | None, float | None]]:
    return sorted((f.arm, f.value) for f in study.findings if f.kind == Kind.MEDIAN)


def test_plural_head_before_letters_with_own_values() -> None:
    # "longer in arm C (x months) vs. arms A (y months) and B (z months)": the plural head names each letter after it
    study = _study("Median TTP was longer in arm C (9.5 months) vs. arms A (7.0 months) and B (5.1 months) (overall, P = .10).",
                   _LETTERED)
    assert _medians(study) == [("docetaxel (arm C)", 9.5), ("paclitaxel with filgrastim (arm B)", 5.1), ("weekly paclitaxel (arm A)", 7.0)]


def test_plural_head_then_letters_respectively() -> None:
    # "x, y, and z % for Arms A, B, and C, respectively" and "than Arms A (x %) or C (y %)"
    study = _study("Grade 3 neutropenia was more common in Arm B (58 %) than Arms A (14 %) or C (21 %).", _LETTERED)
    assert _rates(study) == [("docetaxel (arm C)", 0.21), ("paclitaxel with filgrastim (arm B)", 0.58), ("weekly paclitaxel (arm A)", 0.14)]


def test_groups_a_and_b_together_name_no_one_arm() -> None:
    # "groups A and B had ...": both groups together, neither letter alone
    from extractors.attribution import arm_spans_in, mention_patterns

    arms = mention_patterns(["weekly paclitaxel (arm A)", "paclitaxel with filgrastim (arm B)", "docetaxel (arm C)"])
    assert arm_spans_in("Groups A and B had a total of 9 events.", arms) == []


def test_second_subgroup_clause_keeps_its_own_lead() -> None:
    # "x% and y% in premenopausal patients ..., respectively, and that in patients with Z was u% and v% in the A and B
    # groups, respectively": the first clause's baseline word does not make the second subgroup's values a baseline comparison
    design = "Patients were randomly assigned to chemotherapy (CT, n = 94) or chemotherapy plus zoledronic acid (CTZ, n = 94). "
    study = _study("The pCR rate in premenopausal patients was 17.2% and 6.3% in the CTZ and CT groups, respectively (p = 0.06), "
                   "and that in patients with triple-negative disease was 31.1% and 12.4% in the CTZ and CT groups, respectively "
                   "(p = 0.10).", design)
    rates = _rates(study)
    assert ("chemotherapy plus zoledronic acid (CTZ)", 0.311) in rates and ("chemotherapy (CT)", 0.124) in rates


def test_baseline_list_after_values_stays_baseline() -> None:
    # a second run of baseline shares with no subgroup of its own stays unread
    study = _study("At baseline, 45% and 48% were premenopausal, and 30% and 28% had node-positive disease.")
    assert _rates(study) == []


def test_irradiation_names_the_radiation_therapy_arm() -> None:
    # "in the group given A plus irradiation" names the arm labelled "A plus radiation therapy"
    design = "Women were randomly assigned to tamoxifen plus radiation therapy (n = 319) or tamoxifen alone (n = 317). "
    study = _study("Local recurrence at five years was less frequent (1 percent in the group given tamoxifen plus irradiation and "
                   "4 percent in the group given tamoxifen alone, P<0.001).", design)
    assert _rates(study) == [("tamoxifen alone", 0.04), ("tamoxifen plus radiation therapy", 0.01)]


def test_no_boost_beside_boost_group() -> None:
    # "x% versus y% for the no boost and the boost group, respectively": "no X" names the negated arm, "X" the other
    design = "Patients were randomly assigned to receive either a boost dose of 16 Gy (n = 2600) or no boost dose (n = 2590). "
    study = _study("At 10 years, local recurrence was 9.8% versus 5.9% for the no boost and the boost group, respectively (P < .001).",
                   design)
    rates = dict((arm, value) for arm, value in _rates(study))
    assert rates.get("no boost dose") == 0.098
    assert [v for arm, v in rates.items() if arm != "no boost dose"] == [0.059]
