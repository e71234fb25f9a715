"""The drug lexicon covers haematology, targeted and hormonal agents and the regimens built from them."""

from __future__ import annotations

import pytest

from evidence.records import Article, Section
from extractors.pipeline import extract_study


def _drugs(text: str) -> tuple[str, ...]:
    return extract_study(Article(pmid="1", title="A study", sections=(Section(label="", text=text),))).regimen.drugs


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Induction was D-VRd for four cycles.", ("daratumumab", "bortezomib", "lenalidomide", "dexamethasone")),
        ("Patients received KRd before transplant.", ("carfilzomib", "lenalidomide", "dexamethasone")),
        ("Androgen deprivation used degarelix.", ("degarelix",)),
        ("Weekly intravesical BCG was given.", ("bacillus calmette-guerin",)),
        ("Third-line therapy was trifluridine/tipiracil with bevacizumab.", ("trifluridine-tipiracil", "bevacizumab")),
        ("Patients received R-DHAP salvage chemotherapy.", ("rituximab", "dexamethasone", "cytarabine", "cisplatin")),
        ("Venetoclax plus azacitidine was given to older patients.", ("venetoclax", "azacitidine")),
    ],
)
def test_agents_and_regimens_are_read(text: str, expected: tuple[str, ...]) -> None:
    assert _drugs(text) == expected


def test_a_short_acronym_with_another_meaning_needs_a_regimen_word() -> None:
    assert _drugs("Costs were compared with GDP per capita.") == ()
