"""Arms named by the right words (extractors/arms.py), from the causes of misses in the blind4 set: a count of
courses, a shared backbone ("A with or without B"), schedules of one drug, a dose opening the name, planned sizes
and events counted among the people taking each drug.

Every sentence is invented for the test.
"""

from __future__ import annotations

import pytest

from evidence.records import Article, Section
from extractors.pipeline import extract_study


def _arms(text: str) -> list[tuple[str, int | None]]:
    study = extract_study(Article(pmid="t", sections=(Section("", text),)))
    return [(a.label.lower(), a.n) for a in study.arms]


@pytest.mark.parametrize(
    "allocation",
    [
        "were randomised to six 3-weekly cycles of tegafur plus mitomycin (TM) or tegafur plus nedaplatin (TN)",
        "were randomised to 4 two-weekly courses of tegafur plus mitomycin (TM) or tegafur plus nedaplatin (TN)",
        "were randomly assigned to eight weekly doses of tegafur plus mitomycin (TM) or tegafur plus nedaplatin (TN)",
        "were allocated to four to six cycles of tegafur plus mitomycin (TM) or tegafur plus nedaplatin (TN)",
        "were randomised to three induction courses of tegafur plus mitomycin (TM) or tegafur plus nedaplatin (TN)",
    ],
)
def test_a_count_of_courses_is_not_the_arm(allocation: str) -> None:
    text = (f"Biliary cancer trial. Adults with biliary tract cancer {allocation} before review. "
            "In all, 130 were treated (65 per arm). Disease control was 61% and 58%.")
    assert _arms(text) == [("tegafur plus mitomycin", 65), ("tegafur plus nedaplatin", 65)]


@pytest.mark.parametrize(
    "allocation",
    [
        "were randomised to weekly gemcitabine 1000 mg/m2 for 8 weeks with or without erlotinib 100 mg daily",
        "were randomly assigned to weekly gemcitabine with or without erlotinib",
        "were allocated to weekly gemcitabine 1000 mg/m2 with or without erlotinib AUC 5 every 3 weeks",
    ],
)
def test_a_shared_backbone_is_not_an_arm(allocation: str) -> None:
    text = f"Pancreatic cancer trial. Adults with pancreatic cancer {allocation}. In all, 180 were randomised (90 per arm). Fatigue was common."
    assert _arms(text) == [("weekly gemcitabine plus erlotinib", 90), ("weekly gemcitabine alone", 90)]


@pytest.mark.parametrize(
    ("allocation", "labels"),
    [
        ("were randomised to methotrexate 20 mg once a week or 60 mg once every 4 weeks, with folic acid",
         ("once a week", "once every 4 weeks")),
        ("were randomly assigned to methotrexate 20 mg weekly or 60 mg every 4 weeks", ("weekly", "every 4 weeks")),
        ("were allocated to methotrexate 10 mg twice a week or 40 mg once a fortnight", ("twice a week", "once a fortnight")),
    ],
)
def test_schedules_of_one_drug_name_the_arms(allocation: str, labels: tuple[str, str]) -> None:
    text = f"A dosing trial. Adults with psoriasis {allocation}. In all, 96 were randomised (48 in each arm). Itch eased."
    assert _arms(text) == [(labels[0], 48), (labels[1], 48)]


def test_an_article_and_dose_before_the_name() -> None:
    text = ("A boost trial. After whole-breast irradiation, the women were then randomly allocated to a 10 Gy photon boost in five fractions "
            "or to no boost. Two hundred and ten women were allocated to each group. Fibrosis was rare.")
    assert _arms(text) == [("photon boost", 210), ("no boost", 210)]


def test_one_or_two_cycles_are_not_two_arms() -> None:
    text = ("A relapse trial. Adults were randomised to one or two cycles of azacitidine with a new agent or without it. "
            "In all, 80 were randomised (40 per arm). Responses were rare.")
    assert ("one", 40) not in _arms(text) and ("one", None) not in _arms(text)


@pytest.mark.parametrize(
    "planned",
    [
        "A total of 900 patients will be randomised (450 per arm) in 30 centres.",
        "With a planned 900 patients (450 per arm), the trial has 80% power.",
        "To show this, 900 patients (450 per arm) are needed.",
    ],
)
def test_a_planned_size_per_arm_is_not_an_arm_size(planned: str) -> None:
    text = (f"Protocol of a trial of exercise. Survivors are to be given yoga or put on a waiting list. {planned} "
            "The primary outcome is fatigue.")
    assert all(n is None for _, n in _arms(text))


@pytest.mark.parametrize("event", ["discontinuation", "withdrawal", "treatment interruption"])
def test_people_with_an_event_while_taking_each_drug_are_not_arm_sizes(event: str) -> None:
    text = ("A trial of two statins. Statin users were randomised to pitavastatin or rosuvastatin (n = 60 in each). "
            f"Myalgia led to {event} in four patients taking pitavastatin and two taking rosuvastatin. LDL fell in both.")
    assert _arms(text) == [("pitavastatin", 60), ("rosuvastatin", 60)]


def test_one_or_two_cycles_then_codes_name_the_arms() -> None:
    text = ("A relapse trial. Adults were randomised to one or two cycles of azacitidine with venetoclax (AZA-VEN) or without it (AZA). "
            "In all, 80 were randomised (40 per arm). Responses were rare.")
    arms = _arms(text)
    assert [n for _, n in arms] == [40, 40]
    assert arms[0][0].endswith("(aza-ven)") and arms[1][0].endswith("(aza)")


@pytest.mark.parametrize(
    "sizes",
    [
        "Of these, 44 received 36 Gy in 6 fractions (SBRT-6) and 52 had 60 Gy in 30 fractions (CRT-30).",
        "Of these, 44 received 36 Gy in 6 fractions (SBRT-6), and 52 received 60 Gy in 30 fractions (CRT-30).",
        "Of these, 44 received 36 Gy in 6 fractions (SBRT-6); 52 had 60 Gy in 30 fractions (CRT-30).",
    ],
)
def test_a_dose_with_its_code_names_the_arm(sizes: str) -> None:
    text = (f"A review of lung irradiation. We identified 96 patients with inoperable tumours treated between 2015 and 2020. {sizes} "
            "Local control at two years was 88% and 81%.")
    arms = _arms(text)
    assert [n for _, n in arms] == [44, 52]
    assert [label for label, _ in arms] == ["sbrt-6", "crt-30"]


@pytest.mark.parametrize(
    "interventions",
    [
        "INTERVENTIONS Melatonin 3 mg nightly, zolpidem 5 mg nightly or placebo for eight weeks; 55 adults were allocated to each group.",
        "Interventions: melatonin 3 mg at night, zolpidem 5 mg at night, or placebo, given for eight weeks; 55 were assigned to each arm.",
    ],
)
def test_arms_listed_under_an_interventions_heading(interventions: str) -> None:
    text = f"Sleep aids after surgery: a randomised trial. DESIGN Three arm, blinded trial.\n{interventions}\nRESULTS Sleep improved."
    assert _arms(text) == [("melatonin", 55), ("zolpidem", 55), ("placebo", 55)]


@pytest.mark.parametrize("clusters", ["36 practices (18 per arm)", "36 schools (18 in each arm)", "36 clinics [18 per group]"])
def test_clusters_per_arm_are_not_arm_sizes(clusters: str) -> None:
    text = (f"A cluster randomised trial. Sites were randomised to text reminders or to usual care. In all, {clusters} took part. "
            "Uptake rose by 6%.")
    assert all(n != 18 for _, n in _arms(text))


@pytest.mark.parametrize(
    "description",
    ["aiming at 20% of calories from sugar", "targeting 30% of daily steps at brisk pace", "with 25% of sessions led by peers"],
)
def test_a_figure_inside_the_description_does_not_name_the_arm(description: str) -> None:
    text = (f"A lifestyle trial. In all, 300 survivors were assigned at random to a coaching programme {description} (n = 150) "
            "or to a control group given a leaflet (n = 150). Weight fell.")
    assert _arms(text)[0] == ("coaching programme", 150)


def test_a_sentence_opening_with_the_intervention_group_is_not_a_heading() -> None:
    text = ("A trial of coaching. Survivors were randomised to coaching or usual care. "
            "Intervention group members met a coach and a nurse; 40 were allocated to each group. Mood improved.")
    assert all("member" not in label and "nurse" not in label for label, _ in _arms(text))


@pytest.mark.parametrize(
    "events",
    [
        "Of these, 20 developed seroma (15%): 15 in the control group (22%) and five in the intervention group (8%).",
        "Nine women died: six in the control group and three in the intervention group.",
        "In all, 31 relapsed: 20 in the control group and 11 in the intervention group.",
    ],
)
def test_an_event_counted_by_arm_after_a_colon_is_not_arm_sizes(events: str) -> None:
    text = (f"A trial of early drainage. Women were randomised to early drainage (intervention) or usual care (control), 70 in each group. "
            f"{events} Pain scores did not differ.")
    assert [n for _, n in _arms(text)] == [70, 70]
