"""MEDLINE text records."""

from __future__ import annotations

from pathlib import Path

import pytest

from evidence.errors import ParseError
from evidence.sources.medline import iter_medline, read_medline

FIXTURES = Path(__file__).parent / "fixtures" / "pubmed"


def test_medline_fields() -> None:
    first, second = read_medline(FIXTURES / "two_records.medline")
    assert first.pmid == "90000010"
    assert first.source == "medline"
    assert first.title == "Invented preoperative chemoradiotherapy series for retroperitoneal sarcoma."
    assert [s.label for s in first.sections] == ["BACKGROUND", "METHODS", "RESULTS", "CONCLUSIONS"]
    assert first.sections[1].text == "Thirty invented patients received 50.4 Gy."
    assert first.journal == "Invent Oncol"
    assert first.year == 2015
    assert first.doi == "10.9999/medline.example"
    assert first.pmcid == "PMC1000010"
    assert first.authors == ("Example AB", "Sample C", "Invented Sarcoma Group")
    assert first.mesh_terms == ("Sarcoma", "Humans")
    assert first.publication_types == ("Journal Article", "Clinical Trial")
    assert first.language == "eng"
    assert second.sections == () and second.journal == "Invented oncology" and second.year == 1999


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        (["      continuation first\n"], "not MEDLINE text"),
        (["TI  - a title without PMID\n"], r"record 1\): no PMID"),
        ([], "no MEDLINE records"),
    ],
)
def test_bad_medline(lines: list[str], message: str) -> None:
    with pytest.raises(ParseError, match=message):
        list(iter_medline(lines, "x.medline"))
