"""The readers on real E-utilities responses and MEDLINE files (``../shared``; skipped where absent)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from evidence.errors import ParseError
from evidence.records import Article
from evidence.sources import read_articles
from evidence.sources.pubmed_xml import read_pubmed_xml


@pytest.fixture(scope="module")
def samples(shared_dir: Path) -> Path:
    return shared_dir / "data" / "pubmed-samples"


def _read(samples: Path, name: str) -> list[Article]:
    return list(read_pubmed_xml(samples / name))


@pytest.mark.parametrize(
    ("name", "pmids"),
    [
        ("pubmed1.xml", ["12091962", "9997"]),
        ("pubmed2.xml", ["11748933", "11700088"]),
        ("pubmed4.xml", ["27797938"]),
        ("pubmed5.xml", ["28775130"]),
        ("pubmed6.xml", ["30108519"]),
        ("pubmed7.xml", ["29963580"]),
    ],
)
def test_record_counts_and_pmids(samples: Path, name: str, pmids: list[str]) -> None:
    articles = _read(samples, name)
    assert [a.pmid for a in articles] == pmids
    assert all(a.title and a.language == "eng" and a.version == 1 for a in articles)


def test_no_abstract_and_season_date(samples: Path) -> None:
    no_abstract, plain = _read(samples, "pubmed1.xml")
    assert no_abstract.sections == ()
    assert no_abstract.year == 1990  # <Year>1990</Year><Season>Spring</Season>
    assert no_abstract.journal == "Soc Justice"
    assert no_abstract.authors == ("Olivero JM",)
    assert no_abstract.publication_types == ("Journal Article", "Review")
    assert no_abstract.doi == ""
    assert plain.year == 1976 and plain.doi == "10.1016/0005-2795(76)90109-4"
    assert [s.label for s in plain.sections] == [""]
    assert plain.sections[0].text.startswith("Electron paramagnetic resonance")


def test_non_ascii_authors_and_no_mesh(samples: Path) -> None:
    medline, not_medline = _read(samples, "pubmed2.xml")
    assert len(medline.authors) == 8 and medline.authors[0] == "Taddei AR"
    assert "Cryopreservation" in medline.mesh_terms
    assert not_medline.mesh_terms == ()
    assert not_medline.journal == "J Magn Reson"


def test_structured_labels_and_inline_markup(samples: Path) -> None:
    (gut,) = _read(samples, "pubmed4.xml")
    assert [s.label for s in gut.sections] == ["OBJECTIVE", "DESIGN", "RESULTS", "CONCLUSIONS"]
    assert "(TERT) gene" in gut.sections[0].text  # <i>TERT</i>
    assert "ptrend=0.048" in gut.sections[2].text  # p<sub>trend</sub>
    assert len(gut.authors) == 22 and len(gut.mesh_terms) == 21 and len(gut.publication_types) == 5
    assert gut.doi == "10.1136/gutjnl-2016-312510" and gut.pmcid == "PMC5442267"
    assert gut.year == 2017 and gut.journal == "Gut"


def test_labels_with_nlm_category(samples: Path) -> None:
    (art,) = _read(samples, "pubmed5.xml")
    assert [s.label for s in art.sections] == ["OBJECTIVES", "METHODS", "RESULTS", "CONCLUSIONS"]
    assert "ORQ3=4.15" in art.sections[2].text
    assert "ptrend <0.01" in art.sections[2].text


def test_mathml_text_kept(samples: Path) -> None:
    (art,) = _read(samples, "pubmed6.xml")
    text = art.sections[0].text
    assert text.count("V.O2max") == 3  # three <mml:math> blocks in the abstract
    assert "( V.O2max ) 67.6 ± 4.1 ml·kg-1·min-1]" in text
    assert "LEmin+1mM" in text
    assert art.doi == "10.3389/fphys.2018.01034" and art.pmcid == "PMC6079548" and art.year == 2018
    (other,) = _read(samples, "pubmed7.xml")
    assert other.authors[-1] == "Canadian Respiratory Research Network"
    assert "<" not in other.sections[0].text and "  " not in other.sections[0].text


def test_doi_from_article_id_list_not_references(samples: Path) -> None:
    (art,) = _read(samples, "pubmed7.xml")
    assert art.doi == "10.1117/1.JMI.5.2.026002" and art.pmcid == "PMC6022861"


def test_html_body_is_refused(samples: Path) -> None:
    with pytest.raises(ParseError, match=r"pubmed3\.html: not PubMed XML \(starts with '<html"):
        list(read_articles(samples / "pubmed3.html"))


@pytest.mark.parametrize(
    "name",
    [
        "einfo1.xml", "einfo2.xml", "elink1.xml", "epost1.xml", "epost2.xml", "epost3.xml",
        "esearch1.xml", "esearch2.xml", "esearch3.xml", "esearch8.xml", "esummary1.xml",
    ],
)
def test_other_eutilities_bodies_are_refused(samples: Path, name: str) -> None:
    pattern = re.escape(name) + r": not a PubmedArticleSet \(root element <e"
    with pytest.raises(ParseError, match=pattern):
        list(read_articles(samples / name))


def test_medline_samples(samples: Path) -> None:
    medline = samples / "medline"
    (one,) = read_articles(medline / "pubmed_result1.txt")
    assert one.pmid == "12230038" and one.year == 2002 and one.journal == "Brief Bioinform"
    assert "Computational Biology" in one.mesh_terms and "*" not in "".join(one.mesh_terms)
    four = list(read_articles(medline / "pubmed_result2.txt"))
    assert [a.pmid for a in four] == ["16403221", "16377612", "14871861", "14630660"]
    assert four[0].doi == "10.1186/1471-2105-7-10" and four[0].pmcid == "PMC1373603"
    assert [s.label for s in four[0].sections] == ["BACKGROUND", "RESULTS", "CONCLUSION"]
    assert four[3].doi == ""
    assert "Information Storage and Retrieval" in four[0].mesh_terms
    (three,) = read_articles(medline / "pubmed_result3.txt")
    assert [s.label for s in three.sections] == ["PURPOSE", "METHODS", "RESULTS", "CONCLUSIONS"]
    assert three.doi == "10.1118/1.4748329" and three.authors == ("Qiao S", "Shen G", "Bai J", "Chen Y")


def test_every_sample_is_covered(samples: Path) -> None:
    """A new sample file must be added to these tests."""
    covered = {
        "pubmed1.xml", "pubmed2.xml", "pubmed3.html", "pubmed4.xml", "pubmed5.xml", "pubmed6.xml", "pubmed7.xml",
        "einfo1.xml", "einfo2.xml", "elink1.xml", "epost1.xml", "epost2.xml", "epost3.xml",
        "esearch1.xml", "esearch2.xml", "esearch3.xml", "esearch8.xml", "esummary1.xml",
        "medline/pubmed_result1.txt", "medline/pubmed_result2.txt", "medline/pubmed_result3.txt",
    }
    present = {str(p.relative_to(samples)) for p in samples.rglob("*") if p.suffix in (".xml", ".html", ".txt")}
    assert present == covered
