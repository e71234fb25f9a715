"""Stream PubMed XML (efetch output, baseline and update files) into Articles.

The reader walks the file with :func:`xml.etree.ElementTree.iterparse` and
clears each ``PubmedArticle`` once it is read, so memory stays flat however
large the file is.  It reads ``.xml``, gzipped XML (recognised by its magic
bytes, not only by the ``.gz`` suffix) and any binary stream such as an HTTP
body.

Security: expat never fetches the external DTD named in NCBI's DOCTYPE, and
this module refuses any document whose prolog declares entities
(``<!ENTITY ...>``), so neither external entities (XXE) nor entity expansion
("billion laughs") can be triggered.  PubMed never declares entities.

Every failure - a non-XML body, malformed or truncated XML, an empty file, a
corrupt gzip stream, an XML document that is not a ``PubmedArticleSet`` - is a
:class:`~evidence.errors.ParseError` whose message names the input.
"""

from __future__ import annotations

import gzip
import re
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Iterator
from xml.etree import ElementTree as ET

from evidence.errors import ParseError
from evidence.records import Article, Section

__all__ = ["Deletion", "article_from_element", "iter_pubmed_events", "iter_pubmed_file", "marked_up_text", "read_pubmed_xml"]

SOURCE = "pubmed-xml"
ROOT_TAGS = frozenset({"PubmedArticleSet", "PubmedBookArticleSet"})
_MATHML = "{http://www.w3.org/1998/Math/MathML}"
_GZIP_MAGIC = b"\x1f\x8b"
_PROLOG_LIMIT = 1 << 20  # bytes allowed before the root element
_YEAR = re.compile(r"\b(1[5-9]\d\d|2\d\d\d)\b")


@dataclass(frozen=True)
class Deletion:
    """PMIDs withdrawn by a ``<DeleteCitation>`` block of an update file."""

    pmids: tuple[str, ...]


class _Prefixed:
    """A read-only binary stream that first replays ``head`` and then reads ``rest``."""

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        self._head = head
        self._rest = rest

    def read(self, size: int = -1) -> bytes:
        if self._head:
            if size is None or size < 0:
                out, self._head = self._head + self._rest.read(), b""
                return out
            out, self._head = self._head[:size], self._head[size:]
            return out
        return self._rest.read(size)


def iter_pubmed_events(stream: BinaryIO, name: str) -> Iterator[Article | Deletion]:
    """Yield an :class:`Article` per ``PubmedArticle`` and a :class:`Deletion` per ``DeleteCitation``.

    Parameters
    ----------
    stream
        A binary stream of PubMed XML, plain or gzipped.
    name
        What to call the input in error messages (a file name or URL).

    Raises
    ------
    ParseError
        The input is empty, not XML, not a PubmedArticleSet, malformed,
        truncated, declares entities, or is a corrupt gzip stream.
    """
    head = _read_some(stream, name, 4096, gz=False)
    while 0 < len(head) < len(_GZIP_MAGIC):  # a slow stream may hand out single bytes
        more = _read_some(stream, name, 4096, gz=False)
        if not more:
            break
        head += more
    if head.startswith(_GZIP_MAGIC):
        gz = gzip.GzipFile(fileobj=_Prefixed(head, stream), mode="rb")  # type: ignore[call-overload]
        yield from _iter_xml(gz, name, gz=True)
    else:
        yield from _iter_xml(_Prefixed(head, stream), name, gz=False)  # type: ignore[arg-type]


def iter_pubmed_file(path: Path) -> Iterator[Article | Deletion]:
    """Events of a PubMed XML file (``.xml`` or gzipped, told apart by magic bytes)."""
    path = Path(path)
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise ParseError(f"{path}: cannot open ({exc.strerror or exc})") from exc
    with handle:
        yield from iter_pubmed_events(handle, str(path))


def read_pubmed_xml(path: Path) -> Iterator[Article]:
    """Articles of a PubMed XML file; ``DeleteCitation`` blocks are skipped."""
    for event in iter_pubmed_file(path):
        if isinstance(event, Article):
            yield event


def _read_some(stream: BinaryIO, name: str, size: int, gz: bool) -> bytes:
    try:
        return stream.read(size) or b""
    except EOFError as exc:
        raise ParseError(f"{name}: truncated gzip data ({exc})") from exc
    except (OSError, zlib.error) as exc:
        if gz:
            raise ParseError(f"{name}: corrupt gzip data ({exc})") from exc
        raise ParseError(f"{name}: cannot read ({exc})") from exc


def _check_prolog(stream: BinaryIO, name: str, gz: bool) -> bytes:
    """Read up to the root element, refuse what is not PubMed XML; return the bytes read."""
    data = _read_some(stream, name, 4096, gz)
    if not data.strip():
        raise ParseError(f"{name}: empty {'gzip stream' if gz else 'file'}")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ParseError(f"{name}: not PubMed XML (UTF-16 text; PubMed XML is UTF-8)")
    start = data.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not start.startswith(b"<"):
        raise ParseError(f"{name}: not PubMed XML (starts with {_show(start)})")
    if start[:5].lower() == b"<html" or start[:14].lower() == b"<!doctype html":
        raise ParseError(f"{name}: not PubMed XML (starts with {_show(start)})")
    # Read on until the root element starts, so entity declarations in the DOCTYPE can be seen.
    while _root_start(data) is None:
        more = _read_some(stream, name, 65536, gz)
        if not more:
            break
        data += more
        if len(data) > _PROLOG_LIMIT:
            raise ParseError(f"{name}: not PubMed XML (no root element in the first {_PROLOG_LIMIT} bytes)")
    end = _root_start(data)
    prolog = data if end is None else data[:end]
    if b"<!ENTITY" in prolog:
        raise ParseError(f"{name}: refused: the DOCTYPE declares entities (PubMed XML never does)")
    return data


def _root_start(data: bytes) -> int | None:
    """Offset of the root element's start tag, skipping the XML declaration, PIs, comments and DOCTYPE.

    Returns None when ``data`` ends before the root element starts.  One pass, linear in ``data``.
    """
    pos = 0
    while True:
        pos = data.find(b"<", pos)
        if pos < 0 or pos + 1 >= len(data):
            return None
        if data.startswith(b"<!--", pos):
            close = data.find(b"-->", pos + 4)
            if close < 0:
                return None
            pos = close + 3
        elif data.startswith(b"<?", pos):
            close = data.find(b"?>", pos + 2)
            if close < 0:
                return None
            pos = close + 2
        elif data.startswith(b"<!", pos):  # DOCTYPE, possibly with an internal subset [ ... ]
            close = data.find(b">", pos)
            bracket = data.find(b"[", pos)
            if close < 0:
                return None
            if 0 <= bracket < close:
                close = data.find(b"]", bracket)
                close = data.find(b">", close) if close >= 0 else -1
                if close < 0:
                    return None
            pos = close + 1
        else:
            return pos


def _show(data: bytes) -> str:
    text = data[:12].decode("utf-8", "replace").split("\n")[0]
    return repr(text)


def _iter_xml(stream: BinaryIO, name: str, gz: bool) -> Iterator[Article | Deletion]:
    head = _check_prolog(stream, name, gz)
    source = _Prefixed(head, stream)
    root: ET.Element | None = None
    depth = 0
    n_articles = 0
    try:
        for event, elem in ET.iterparse(source, events=("start", "end")):
            if event == "start":
                depth += 1
                if root is None:
                    root = elem
                    if elem.tag not in ROOT_TAGS:
                        raise ParseError(f"{name}: not a PubmedArticleSet (root element <{_local(elem.tag)}>)")
                continue
            depth -= 1
            if depth != 1:
                continue
            if elem.tag in ("PubmedArticle", "PubmedBookArticle"):
                n_articles += 1
                yield article_from_element(elem, f"{name} (article {n_articles})")
            elif elem.tag == "DeleteCitation":
                pmids = tuple(_text(p) for p in elem.iter("PMID") if _text(p))
                yield Deletion(pmids=pmids)
            assert root is not None
            root.clear()  # drop what has been read: memory stays flat in file size
    except ParseError:
        raise
    except LookupError as exc:  # an XML declaration naming an unknown encoding
        raise ParseError(f"{name}: malformed XML: {exc}") from exc
    except ET.ParseError as exc:
        line = exc.position[0] if getattr(exc, "position", None) else "?"
        message = str(exc).split(":")[0]
        if message in ("no element found", "unclosed token"):
            raise ParseError(f"{name}: truncated XML at line {line} ({message})") from exc
        raise ParseError(f"{name}: malformed XML at line {line}: {message}") from exc
    except (OSError, EOFError, zlib.error) as exc:
        what = "corrupt gzip data" if gz else "cannot read"
        if gz and isinstance(exc, EOFError):
            what = "truncated gzip data"
        raise ParseError(f"{name}: {what} ({exc})") from exc
    if root is None:
        raise ParseError(f"{name}: no XML element found")


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _text(elem: ET.Element | None) -> str:
    """Plain text of an element and its descendants, whitespace collapsed."""
    if elem is None:
        return ""
    return " ".join("".join(elem.itertext()).split())


def marked_up_text(elem: ET.Element | None) -> str:
    """Text of an element with inline markup kept as text.

    ``<i>``, ``<b>``, ``<sup>``, ``<sub>``, ``<u>`` contribute their text in
    place ("p<sub>trend</sub>" -> "ptrend"); a MathML ``<math>`` block becomes
    its text content without the layout whitespace ("V . O 2 max" ->
    "V.O2max"); runs of whitespace collapse to one space.
    """
    if elem is None:
        return ""
    parts: list[str] = []
    _collect(elem, parts)
    return " ".join("".join(parts).split())


def _collect(elem: ET.Element, parts: list[str]) -> None:
    """Append the text of ``elem`` in document order; iterative, so deep nesting cannot overflow the stack."""
    stack: list[ET.Element | str] = [elem]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            parts.append(item)
            continue
        if item is not elem and item.tag.startswith(_MATHML):
            parts.append("".join(t.strip() for t in item.itertext()))
            continue
        if item.text:
            parts.append(item.text)
        for child in reversed(item):
            if child.tail:
                stack.append(child.tail)
            stack.append(child)


def article_from_element(elem: ET.Element, where: str = "") -> Article:
    """Build an :class:`Article` from a ``PubmedArticle`` or ``PubmedBookArticle`` element."""
    if elem.tag == "PubmedBookArticle":
        return _book_article(elem, where)
    citation = elem.find("MedlineCitation")
    pmid_elem = citation.find("PMID") if citation is not None else None
    pmid = _text(pmid_elem)
    if citation is None or not pmid:
        raise ParseError(f"{where or 'PubmedArticle'}: no MedlineCitation/PMID")
    art = citation.find("Article")
    if art is None:
        art = ET.Element("Article")
    journal = art.find("Journal")
    journal_name = _text(journal.find("ISOAbbreviation")) if journal is not None else ""
    if not journal_name and journal is not None:
        journal_name = _text(journal.find("Title"))
    if not journal_name:
        journal_name = _text(citation.find("MedlineJournalInfo/MedlineTA"))
    year = _year(art.find("Journal/JournalIssue/PubDate")) or _year(art.find("ArticleDate"))
    doi, pmcid = _ids(elem.find("PubmedData/ArticleIdList"))
    return Article(
        pmid=pmid,
        title=marked_up_text(art.find("ArticleTitle")) or marked_up_text(art.find("VernacularTitle")),
        sections=_sections(art.find("Abstract")),
        journal=journal_name,
        year=year,
        doi=doi,
        pmcid=pmcid,
        authors=_authors(art.find("AuthorList")),
        mesh_terms=tuple(_text(d) for d in citation.iterfind("MeshHeadingList/MeshHeading/DescriptorName")),
        publication_types=tuple(_text(p) for p in art.iterfind("PublicationTypeList/PublicationType")),
        language=_text(art.find("Language")),
        version=_version(pmid_elem),
        source=SOURCE,
    )


def _book_article(elem: ET.Element, where: str) -> Article:
    doc = elem.find("BookDocument")
    pmid_elem = doc.find("PMID") if doc is not None else None
    pmid = _text(pmid_elem)
    if doc is None or not pmid:
        raise ParseError(f"{where or 'PubmedBookArticle'}: no BookDocument/PMID")
    title = marked_up_text(doc.find("ArticleTitle")) or marked_up_text(doc.find("Book/BookTitle"))
    doi, pmcid = _ids(elem.find("PubmedBookData/ArticleIdList"))
    return Article(
        pmid=pmid,
        title=title,
        sections=_sections(doc.find("Abstract")),
        journal=_text(doc.find("Book/Publisher/PublisherName")),
        year=_year(doc.find("Book/PubDate")),
        doi=doi,
        pmcid=pmcid,
        authors=_authors(doc.find("AuthorList")) or _authors(doc.find("Book/AuthorList")),
        publication_types=tuple(_text(p) for p in doc.iterfind("PublicationType")),
        language=_text(doc.find("Language")),
        version=_version(pmid_elem),
        source=SOURCE,
    )


def _sections(abstract: ET.Element | None) -> tuple[Section, ...]:
    if abstract is None:
        return ()
    out = []
    for part in abstract.iterfind("AbstractText"):
        text = marked_up_text(part)
        if not text:
            continue
        label = (part.get("Label") or "").strip()
        if not label:
            category = (part.get("NlmCategory") or "").strip()
            label = "" if category.upper() == "UNASSIGNED" else category
        out.append(Section(label=label, text=text))
    return tuple(out)


def _year(date: ET.Element | None) -> int | None:
    """Year of a PubDate in any of its forms (Year, Year+Month/Season, MedlineDate "1998 Dec-1999 Jan")."""
    if date is None:
        return None
    for tag in ("Year", "MedlineDate"):
        match = _YEAR.search(_text(date.find(tag)))
        if match:
            return int(match.group(1))
    return None


def _ids(id_list: ET.Element | None) -> tuple[str, str]:
    doi = pmcid = ""
    if id_list is None:
        return doi, pmcid
    for item in id_list.iterfind("ArticleId"):
        kind = (item.get("IdType") or "").lower()
        if kind == "doi" and not doi:
            doi = _text(item)
        elif kind == "pmc" and not pmcid:
            pmcid = _text(item)
    return doi, pmcid


def _authors(author_list: ET.Element | None) -> tuple[str, ...]:
    if author_list is None:
        return ()
    names = []
    for author in author_list.iterfind("Author"):
        if author.get("ValidYN", "Y") == "N":
            continue
        last = _text(author.find("LastName"))
        if last:
            initials = _text(author.find("Initials"))
            names.append(f"{last} {initials}" if initials else last)
        else:
            collective = marked_up_text(author.find("CollectiveName"))
            if collective:
                names.append(collective)
    return tuple(names)


def _version(pmid: ET.Element | None) -> int:
    try:
        return int((pmid.get("Version") if pmid is not None else None) or 1)
    except ValueError:
        return 1
