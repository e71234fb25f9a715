"""Read articles from a file of any supported kind, chosen by content and suffix.

==================  ==========================================================
kind                recognised by
==================  ==========================================================
PubMed XML          content starting with ``<`` (plain or gzipped; gzip is
                    told by its magic bytes), or a ``.xml``/``.gz`` suffix
MEDLINE text        a first line starting ``PMID-`` (plain or gzipped)
plain text          a ``.txt``/``.text`` suffix: one abstract per file
==================  ==========================================================
"""

from __future__ import annotations

import gzip
import zlib
from pathlib import Path
from typing import Iterator

from evidence.errors import InputError, ParseError
from evidence.records import Article
from evidence.sources.medline import read_medline
from evidence.sources.pubmed_xml import Deletion, iter_pubmed_file
from evidence.sources.text import read_text_file

__all__ = ["detect_kind", "read_articles"]

XML_SUFFIXES = frozenset({".xml", ".gz"})
TEXT_SUFFIXES = frozenset({".txt", ".text"})
MEDLINE_SUFFIXES = frozenset({".medline", ".nbib"})


def detect_kind(path: Path) -> str:
    """Return "pubmed-xml", "medline" or "text" for ``path``.

    Raises
    ------
    InputError
        The path does not exist or is a directory.
    ParseError
        The file is empty or of no supported kind.
    """
    path = Path(path)
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if path.is_dir():
        raise InputError(f"{path}: is a directory, expected a PubMed XML, MEDLINE or .txt file")
    try:
        with path.open("rb") as handle:
            head = handle.read(4096)
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from exc
    if not head.strip():
        raise ParseError(f"{path}: empty file")
    if head.startswith(b"\x1f\x8b"):
        head = _gunzip_head(path)
        if not head.strip():
            raise ParseError(f"{path}: empty gzip stream")
        return "medline" if _looks_medline(head) else "pubmed-xml"
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    suffix = path.suffix.lower()
    if start.startswith(b"<") or suffix in XML_SUFFIXES:
        return "pubmed-xml"  # the XML reader names what is wrong with a non-XML body
    if _looks_medline(head):
        return "medline"
    if suffix in MEDLINE_SUFFIXES:
        raise ParseError(f"{path}: not MEDLINE text (no 'PMID- ' line at the start)")
    if suffix in TEXT_SUFFIXES:
        return "text"
    raise ParseError(
        f"{path}: unknown kind of file (suffix {suffix or 'none'!r}); expected PubMed XML (.xml, .xml.gz), "
        "MEDLINE text (starting 'PMID- ') or a plain-text abstract (.txt)"
    )


def read_articles(path: Path) -> Iterator[Article]:
    """Yield the articles of a PubMed XML, MEDLINE or plain-text file.

    The kind is chosen by :func:`detect_kind` before anything is read, so a bad
    path fails at the call; parse errors surface while iterating.  Deletions in
    PubMed update files are skipped (use
    :func:`evidence.sources.pubmed_xml.iter_pubmed_file` to see them).
    """
    path = Path(path)
    kind = detect_kind(path)
    if kind == "pubmed-xml":
        return (event for event in iter_pubmed_file(path) if not isinstance(event, Deletion))  # type: ignore[misc]
    if kind == "medline":
        return read_medline(path)
    return iter([read_text_file(path)])


def _looks_medline(head: bytes) -> bool:
    first = head.lstrip(b"\xef\xbb\xbf \t\r\n").split(b"\n", 1)[0]
    return first.startswith(b"PMID-")


def _gunzip_head(path: Path) -> bytes:
    try:
        with gzip.open(path, "rb") as handle:
            return handle.read(4096)
    except EOFError:
        return _partial_gunzip(path)
    except (OSError, zlib.error) as exc:
        raise ParseError(f"{path}: corrupt gzip data ({exc})") from exc


def _partial_gunzip(path: Path) -> bytes:
    """The first decompressed bytes of a truncated gzip file (the XML reader reports the truncation)."""
    decoder = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        with path.open("rb") as handle:
            return decoder.decompress(handle.read(65536), 4096)
    except zlib.error as exc:
        raise ParseError(f"{path}: corrupt gzip data ({exc})") from exc
