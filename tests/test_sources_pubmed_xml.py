"""The streaming PubMed XML reader on fixtures written for this project."""

from __future__ import annotations

import gzip
import io
from pathlib import Path

import pytest

from evidence.errors import ParseError
from evidence.records import Article
from evidence.sources.pubmed_xml import Deletion, iter_pubmed_events, iter_pubmed_file, read_pubmed_xml

FIXTURES = Path(__file__).parent / "fixtures" / "pubmed"


def _one(path: Path) -> Article:
    articles = list(read_pubmed_xml(path))
    assert len(articles) == 1
    return articles[0]


def test_structured_abstract_labels_and_markup_text() -> None:
    art = _one(FIXTURES / "structured_markup.xml")
    assert art.pmid == "90000001"
    assert art.version == 2
    assert art.source == "pubmed-xml"
    assert art.title == "Preoperative doxorubicin and 50 Gy for limb sarcoma: a phase II trial"
    labels = [s.label for s in art.sections]
    # Label attribute first, NlmCategory as fallback, UNASSIGNED means no label
    assert labels == ["BACKGROUND", "METHODS", "RESULTS", "CONCLUSIONS", ""]
    background, methods, results = art.sections[0].text, art.sections[1].text, art.sections[2].text
    assert background == "Fictional patients with grade3 tumours were treated."
    assert "ptrend reported" in methods
    assert "by 103 mm3 and no deaths" in results
    # MathML keeps its text content without the layout whitespace
    assert "uptake ( V2 ) was stable." in results
    assert "\n" not in results and "  " not in results


def test_bibliographic_fields() -> None:
    art = _one(FIXTURES / "structured_markup.xml")
    assert art.journal == "J Invent Oncol"
    assert art.year == 2021  # Year + Season
    assert art.authors == ("Example AB", "Mononym", "Invented Sarcoma Group")
    assert art.mesh_terms == ("Sarcoma", "Humans")
    assert art.publication_types == ("Clinical Trial, Phase II", "Journal Article")
    assert art.language == "eng"


def test_doi_and_pmc_only_from_article_id_list() -> None:
    art = _one(FIXTURES / "structured_markup.xml")
    assert art.doi == "10.9999/from.articleidlist"  # not the ELocationID, not the reference
    assert art.pmcid == "PMC1000001"


def test_medline_date_and_journal_title_fallback() -> None:
    first, second = read_pubmed_xml(FIXTURES / "medlinedate.xml")
    assert first.year == 1998
    assert first.journal == "Invented quarterly of radiotherapy"
    assert first.sections == ()
    assert first.language == "fre"
    assert second.year == 2003 and second.journal == "Invent Q"
    assert [s.text for s in second.sections] == ["One plain paragraph."]
    assert second.doi == "" and second.pmcid == ""


def test_update_file_yields_deletions() -> None:
    events = list(iter_pubmed_file(FIXTURES / "update.xml"))
    assert isinstance(events[0], Article) and events[0].pmid == "90000004" and events[0].version == 3
    assert events[1] == Deletion(pmids=("90000005", "90000006"))
    assert [a.pmid for a in read_pubmed_xml(FIXTURES / "update.xml")] == ["90000004"]


def test_gzip_by_magic_bytes_not_suffix(tmp_path: Path) -> None:
    plain = _one(FIXTURES / "structured_markup.xml")
    assert _one(FIXTURES / "structured_markup.xml.gz") == plain
    disguised = tmp_path / "download.bin"
    disguised.write_bytes((FIXTURES / "structured_markup.xml.gz").read_bytes())
    assert _one(disguised) == plain


def test_binary_stream_such_as_http_body() -> None:
    body = (FIXTURES / "update.xml").read_bytes()
    events = list(iter_pubmed_events(io.BytesIO(body), "http://127.0.0.1/efetch"))
    assert len(events) == 2
    gz_events = list(iter_pubmed_events(io.BytesIO(gzip.compress(body)), "body"))
    assert gz_events == events


def test_truncated_file() -> None:
    with pytest.raises(ParseError, match=r"truncated\.xml: truncated XML at line \d+"):
        list(read_pubmed_xml(FIXTURES / "truncated.xml"))


def test_truncated_gzip(tmp_path: Path) -> None:
    data = (FIXTURES / "structured_markup.xml.gz").read_bytes()
    path = tmp_path / "cut.xml.gz"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(ParseError, match=r"cut\.xml\.gz: truncated gzip"):
        list(read_pubmed_xml(path))


def test_corrupt_gzip(tmp_path: Path) -> None:
    data = bytearray((FIXTURES / "structured_markup.xml.gz").read_bytes())
    data[20:40] = b"\x00" * 20
    path = tmp_path / "bad.xml.gz"
    path.write_bytes(bytes(data))
    with pytest.raises(ParseError, match=r"bad\.xml\.gz: "):
        list(read_pubmed_xml(path))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", r"empty\.xml: empty file"),
        (b"  \n", r"empty\.xml: empty file"),
        (b"<html><body>Service unavailable</body></html>", r"not PubMed XML \(starts with '<html>"),
        (b"Pubmed-entry ::= {", r"not PubMed XML \(starts with 'Pubmed-entry"),
        (b'<?xml version="1.0"?>\n<eSearchResult><Count>0</Count></eSearchResult>', r"not a PubmedArticleSet \(root element <eSearchResult>\)"),
        (b"<PubmedArticleSet>\n<PubmedArticle>\n</Oops>", r"empty\.xml: malformed XML at line 3: mismatched tag"),
        (b"<PubmedArticleSet><PubmedArticle><MedlineCitation/></PubmedArticle></PubmedArticleSet>", r"no MedlineCitation/PMID"),
        (b'<?xml version="1.0" encoding="bogus"?><PubmedArticleSet/>', r"malformed XML: unknown encoding: bogus"),
        (b"<PubmedArticleSet>&nbsp;</PubmedArticleSet>", r"malformed XML at line 1: undefined entity"),
    ],
)
def test_bad_input_names_file_and_problem(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "empty.xml"
    path.write_bytes(content)
    with pytest.raises(ParseError, match=message):
        list(read_pubmed_xml(path))


def test_entity_declarations_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "xxe.xml"
    path.write_bytes(
        b'<?xml version="1.0"?>\n<!DOCTYPE PubmedArticleSet [\n<!ENTITY x SYSTEM "file:///etc/passwd">\n]>\n'
        b"<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>1</PMID><Article>"
        b"<ArticleTitle>&x;</ArticleTitle></Article></MedlineCitation></PubmedArticle></PubmedArticleSet>"
    )
    with pytest.raises(ParseError, match="declares entities"):
        list(read_pubmed_xml(path))
    laughs = tmp_path / "laughs.xml"
    laughs.write_bytes(
        b'<!DOCTYPE PubmedArticleSet [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        b"<PubmedArticleSet>&b;</PubmedArticleSet>"
    )
    with pytest.raises(ParseError, match="declares entities"):
        list(read_pubmed_xml(laughs))


def test_many_articles_stream_in_order() -> None:
    """Articles come out one by one in file order (memory use is measured by benchmarks.pubmed_xml)."""
    one = (
        b"<PubmedArticle><MedlineCitation><PMID>%d</PMID><Article><ArticleTitle>T</ArticleTitle>"
        b"</Article></MedlineCitation></PubmedArticle>"
    )
    body = b"<PubmedArticleSet>" + b"".join(one % i for i in range(2000)) + b"</PubmedArticleSet>"
    pmids = [a.pmid for a in iter_pubmed_events(io.BytesIO(body), "many")]
    assert pmids == [str(i) for i in range(2000)]


class _Trickle(io.RawIOBase):
    """A stream that hands out one byte per read, like a slow HTTP body."""

    def __init__(self, data: bytes) -> None:
        self._data = data

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        out, self._data = self._data[:1], self._data[1:]
        return out


def test_slow_stream_one_byte_at_a_time() -> None:
    body = gzip.compress((FIXTURES / "update.xml").read_bytes())
    events = list(iter_pubmed_events(_Trickle(body), "slow"))  # type: ignore[arg-type]
    assert [type(e).__name__ for e in events] == ["Article", "Deletion"]


def test_book_article() -> None:
    body = b"""<PubmedArticleSet><PubmedBookArticle><BookDocument>
      <PMID Version="1">90000030</PMID>
      <Book><Publisher><PublisherName>Invented Press</PublisherName></Publisher>
        <BookTitle>An invented <i>handbook</i></BookTitle><PubDate><Year>2010</Year></PubDate></Book>
      <ArticleTitle>Chapter on sarcoma</ArticleTitle>
      <Language>eng</Language>
      <AuthorList><Author><LastName>Writer</LastName><Initials>Q</Initials></Author></AuthorList>
      <PublicationType>Review</PublicationType>
      <Abstract><AbstractText Label="SUMMARY">A chapter.</AbstractText></Abstract>
    </BookDocument>
    <PubmedBookData><ArticleIdList><ArticleId IdType="doi">10.9999/book</ArticleId></ArticleIdList></PubmedBookData>
    </PubmedBookArticle></PubmedArticleSet>"""
    (art,) = iter_pubmed_events(io.BytesIO(body), "book")
    assert isinstance(art, Article)
    assert (art.pmid, art.title, art.journal, art.year, art.doi) == (
        "90000030", "Chapter on sarcoma", "Invented Press", 2010, "10.9999/book"
    )
    assert art.authors == ("Writer Q",) and art.publication_types == ("Review",)
    assert [(s.label, s.text) for s in art.sections] == [("SUMMARY", "A chapter.")]


def test_deep_markup_nesting_and_long_prolog_comments() -> None:
    deep = b"<i>" * 50_000 + b"x" + b"</i>" * 50_000
    body = (
        b"<!--<a>-->" * 20_000
        + b"<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>1</PMID><Article><ArticleTitle>a"
        + deep
        + b"b</ArticleTitle></Article></MedlineCitation></PubmedArticle></PubmedArticleSet>"
    )
    (art,) = iter_pubmed_events(io.BytesIO(body), "deep")
    assert isinstance(art, Article) and art.title == "axb"
