"""Choosing the reader by content and suffix; plain-text abstracts."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from evidence.errors import InputError, ParseError
from evidence.records import Section
from evidence.sources import read_articles
from evidence.sources.files import detect_kind
from evidence.sources.text import article_from_text, split_sections

FIXTURES = Path(__file__).parent / "fixtures" / "pubmed"


@pytest.mark.parametrize(
    ("name", "kind", "pmids"),
    [
        ("structured_markup.xml", "pubmed-xml", ["90000001"]),
        ("structured_markup.xml.gz", "pubmed-xml", ["90000001"]),
        ("update.xml", "pubmed-xml", ["90000004"]),
        ("two_records.medline", "medline", ["90000010", "90000011"]),
        ("90000020.txt", "text", ["90000020"]),
    ],
)
def test_dispatch(name: str, kind: str, pmids: list[str]) -> None:
    assert detect_kind(FIXTURES / name) == kind
    articles = list(read_articles(FIXTURES / name))
    assert [a.pmid for a in articles] == pmids
    assert {a.source for a in articles} == {kind}


def test_content_wins_over_suffix(tmp_path: Path) -> None:
    medline_as_txt = tmp_path / "export.txt"
    medline_as_txt.write_bytes((FIXTURES / "two_records.medline").read_bytes())
    assert [a.source for a in read_articles(medline_as_txt)] == ["medline", "medline"]
    xml_without_suffix = tmp_path / "efetch"
    xml_without_suffix.write_bytes((FIXTURES / "update.xml").read_bytes())
    assert [a.pmid for a in read_articles(xml_without_suffix)] == ["90000004"]
    gz_medline = tmp_path / "export.gz"
    gz_medline.write_bytes(gzip.compress((FIXTURES / "two_records.medline").read_bytes()))
    assert [a.pmid for a in read_articles(gz_medline)] == ["90000010", "90000011"]


def test_plain_text_article() -> None:
    (art,) = read_articles(FIXTURES / "90000020.txt")
    assert art.title == "Invented trial of preoperative radiotherapy"
    assert art.sections == (
        Section("Background", "This is a made-up abstract."),
        Section("Methods", "Twenty patients were treated."),
        Section("RESULTS", "The response rate was 40%."),
        Section("Conclusion", "Nothing here is real."),
    )


def test_split_sections_rules() -> None:
    assert split_sections("No labels here. Just text.") == (Section("", "No labels here. Just text."),)
    # a label only counts at a line or sentence start and when capitalised
    text = "Lead-in sentence. METHODS: We treated them; the results: fine.\nResults:\n  All   responded."
    assert split_sections(text) == (
        Section("", "Lead-in sentence."),
        Section("METHODS", "We treated them; the results: fine."),
        Section("Results", "All responded."),
    )
    assert split_sections("") == ()
    assert article_from_text("\n\nOnly a title\n", "x").sections == ()


def test_missing_and_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"nothing\.xml: no such file"):
        read_articles(tmp_path / "nothing.xml")
    with pytest.raises(InputError, match="is a directory"):
        read_articles(tmp_path)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("a.txt", b"", r"a\.txt: empty file"),
        ("a.xml", b"\n\n", r"a\.xml: empty file"),
        ("a.pdf", b"%PDF-1.7 binary", r"a\.pdf: unknown kind of file \(suffix '\.pdf'\)"),
        ("a.nbib", b"TI  - no pmid first\n", r"a\.nbib: not MEDLINE text"),
        ("a.txt", b"title\n\xff\xfe bad bytes", r"a\.txt: not UTF-8 text"),
        ("a.txt", b"title\x00\x01", r"a\.txt: not a text file"),
        ("a.xml", b"just words", r"a\.xml: not PubMed XML \(starts with 'just words'\)"),
        ("a.gz", b"\x1f\x8bnot really gzip data", r"a\.gz: corrupt gzip data"),
    ],
)
def test_bad_files(tmp_path: Path, name: str, content: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ParseError, match=message):
        list(read_articles(path))


@pytest.mark.parametrize("name", ["corpus", "files", "medline", "pubmed_xml", "text", "__init__"])
def test_exported_members_are_sorted_and_exist(name: str) -> None:
    import importlib

    module = importlib.import_module("evidence.sources" + ("" if name == "__init__" else f".{name}"))
    exported = module.__all__
    assert exported == sorted(exported, key=str.lower) or exported == sorted(exported)
    assert all(hasattr(module, member) for member in exported)
