"""Arms, design and regimen on phrasings the blind3 non-randomised abstracts showed the extractor getting wrong
(extractors/arms.py, extractors/design.py, extractors/regimen.py and the drug lexicon): subgroups and dose levels
read as arms, words about other work or eligibility read as this study's facts, and CAR-T products missing.

Every sentence is invented for the test.
"""

from __future__ import annotations

import pytest

from evidence.records import Article, Section, Study
from extractors.pipeline import extract_study


def _study(text: str, title: str = "") -> Study:
    return extract_study(Article(pmid="t", title=title, sections=(Section("", text),)))


@pytest.mark.parametrize(
    "text, drug",
    [
        ("Forty adults were infused with axicabtagene ciloleucel (axi-cel) after lymphodepletion.", "axicabtagene ciloleucel"),
        ("We treated 52 children with tisa-cel for relapsed leukaemia.", "tisagenlecleucel"),
        ("Thirty patients with mantle cell lymphoma received Tecartus at four centres.", "brexucabtagene autoleucel"),
        ("Liso-cel was given to 27 patients with follicular lymphoma.", "lisocabtagene maraleucel"),
        ("Ide-cel was infused in 64 patients with myeloma refractory to three drug classes.", "idecabtagene vicleucel"),
        ("Of 90 patients apheresed, 81 received cilta-cel as a single infusion.", "ciltacabtagene autoleucel"),
        ("Obe-cel was infused in 40 adults with B-cell leukaemia.", "obecabtagene autoleucel"),
    ],
)
def test_car_t_products_are_drugs(text: str, drug: str) -> None:
    assert drug in _study(text).regimen.drugs
