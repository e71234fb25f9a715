"""Arm sizes in broad phrasings of real trial reports (extractors/arms.py), session 11.

Every sentence is invented for the test.
"""

from __future__ import annotations

from evidence.records import Article, Section
from extractors.pipeline import extract_study


def _study(text: str):
    return extract_study(Article(pmid="t", sections=(Section("", text),)))


def _arms(text: str) -> list[tuple[str, int | None]]:
    return [(a.label.lower(), a.n) for a in _study(text).arms]


# -- a count split in a later bracket of "<name>, <size>" items parted by semicolons --------------------------------------


def test_semicolon_bracket_after_a_subgroup_count() -> None:
    text = ("Exemestane with or without everolimus in older women: an exploratory analysis. "
            "Three hundred and ten women were 70 years or older (exemestane plus everolimus, 152; exemestane alone, 158); "
            "their median age was 74 years. Median progression-free survival was 7.1 and 4.0 months.")
    assert sorted(_arms(text)) == [("exemestane alone", 158), ("exemestane plus everolimus", 152)]


def test_semicolon_bracket_with_n_equals_and_digits() -> None:
    text = ("Among 412 patients with brain metastases at baseline (capecitabine, n = 205; capecitabine plus lapatinib, n = 207), "
            "the rate of new CNS lesions was low.")
    assert sorted(_arms(text)) == [("capecitabine", 205), ("capecitabine plus lapatinib", 207)]


def test_semicolon_bracket_whose_sizes_do_not_add_up_is_not_read() -> None:
    text = ("A total of 500 patients had measurable disease (liver, 120; lung, 95); "
            "the objective response rate was 31%.")
    assert [n for _, n in _arms(text)] == []


# -- sized kinds of one disease, sharing the noun after the list, are not arms --------------------------------------------


def test_disease_kinds_sharing_a_noun_are_not_arms() -> None:
    text = ("A phase I study of drug X with gemcitabine. Thirty patients were treated, mostly with gastric (n = 9), "
            "pancreatic (n = 7) or biliary (n = 5) cancer, after two prior lines. The recommended dose was 120 mg.")
    assert [n for _, n in _arms(text)] == []


def test_groups_named_by_the_shared_noun_stay_arms() -> None:
    text = ("Patients of a randomised adjuvant trial were divided into small (n = 420) and large (n = 380) tumour groups. "
            "Disease-free survival was compared.")
    assert sorted(_arms(text)) == [("large", 380), ("small", 420)]


# -- people with a disease state are not an arm ---------------------------------------------------------------------------


def test_counts_with_a_disease_state_are_not_arms() -> None:
    text = ("Drug Y with chemotherapy for refractory neuroblastoma: a case series of ten children. We reviewed the records of "
            "ten children treated at two centres between 2018 and 2023 with drug Y given as a 5-day infusion together with "
            "topotecan; seven had relapsed disease and three primary refractory disease. Two achieved a complete response.")
    assert [n for _, n in _arms(text)] == []


# -- an allocation verb with its object before "to": "We randomly assigned 398 men to A or B" ----------------------------


def test_active_allocation_with_its_count_names_the_arms() -> None:
    text = "Exemestane or anastrozole after surgery. We randomly assigned 402 women to exemestane or anastrozole for five years."
    assert {label for label, _ in _arms(text)} == {"exemestane", "anastrozole"}


def test_active_allocation_with_a_size_per_group() -> None:
    text = "Drug Z in prostate cancer. We randomly allocated 300 men, 150 to each group, to ADT alone or to ADT plus drug Z."
    assert sorted(_arms(text)) == [("adt alone", 150), ("adt plus drug z", 150)]
