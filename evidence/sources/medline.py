"""MEDLINE text records (PubMed's "Format: MEDLINE" / ``.nbib`` export) into Articles.

Records are split by :func:`Bio.Medline.parse`; this module maps the tags onto
:class:`~evidence.records.Article`: ``PMID``, ``TI``, ``AB`` (inline labels such
as "BACKGROUND: ... METHODS: ..." become Sections), ``TA`` (else ``JT``), the
year of ``DP``, the DOI from ``AID`` entries ending "[doi]", ``PMC``, ``AU`` and
``CN`` (authors), ``MH`` (descriptor only: "/qualifier" and the leading "*"
dropped), ``PT`` and ``LA``.
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path
from typing import Iterable, Iterator, Mapping

from evidence.errors import ParseError
from evidence.records import Article
from evidence.sources.text import split_sections

__all__ = ["article_from_medline", "iter_medline", "read_medline"]

SOURCE = "medline"
_YEAR = re.compile(r"\b(1[5-9]\d\d|2\d\d\d)\b")
_SPACES = re.compile(r"\s+")


def iter_medline(lines: Iterable[str], name: str) -> Iterator[Article]:
    """Yield an Article per MEDLINE record in ``lines``; ``name`` is used in error messages.

    Raises
    ------
    ParseError
        A record has no PMID, or the text is not in MEDLINE tag format.
    """
    from Bio import Medline

    n = 0
    try:
        for record in Medline.parse(lines):
            n += 1
            yield article_from_medline(record, f"{name} (record {n})")
    except KeyError as exc:
        raise ParseError(f"{name}: not MEDLINE text (continuation line before any tag)") from exc
    except UnicodeDecodeError as exc:
        raise ParseError(f"{name}: not UTF-8 text (invalid byte at offset {exc.start})") from exc
    except (OSError, EOFError) as exc:
        raise ParseError(f"{name}: cannot read ({exc})") from exc
    if n == 0:
        raise ParseError(f"{name}: no MEDLINE records")


def read_medline(path: Path) -> Iterator[Article]:
    """Articles of a MEDLINE text file (UTF-8, optionally gzipped)."""
    path = Path(path)
    try:
        with path.open("rb") as probe:
            gz = probe.read(2) == b"\x1f\x8b"
        opener = gzip.open if gz else open
        handle = opener(path, "rt", encoding="utf-8-sig")  # type: ignore[operator]
    except OSError as exc:
        raise ParseError(f"{path}: cannot open ({exc.strerror or exc})") from exc
    with handle:
        yield from iter_medline(handle, str(path))


def article_from_medline(record: Mapping[str, object], where: str = "") -> Article:
    """Map one parsed MEDLINE record (tag -> value) to an Article."""
    pmid = _one(record.get("PMID"))
    if not pmid:
        raise ParseError(f"{where or 'MEDLINE record'}: no PMID")
    return Article(
        pmid=pmid,
        title=_one(record.get("TI")),
        sections=split_sections(_one(record.get("AB"))),
        journal=_one(record.get("TA")) or _one(record.get("JT")),
        year=_year(_one(record.get("DP"))),
        doi=_doi(_many(record.get("AID"))),
        pmcid=_one(record.get("PMC")),
        authors=tuple(_many(record.get("AU")) + _many(record.get("CN"))),
        mesh_terms=tuple(_descriptor(term) for term in _many(record.get("MH"))),
        publication_types=tuple(_many(record.get("PT"))),
        language=(_many(record.get("LA")) or [""])[0],
        source=SOURCE,
    )


def _one(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        value = " ".join(str(v) for v in value)
    return _SPACES.sub(" ", str(value)).strip()


def _many(value: object) -> list[str]:
    if value is None:
        return []
    items = value if isinstance(value, list) else [value]
    return [s for s in (_SPACES.sub(" ", str(v)).strip() for v in items) if s]


def _year(date: str) -> int | None:
    match = _YEAR.search(date)
    return int(match.group(1)) if match else None


def _doi(aids: list[str]) -> str:
    for aid in aids:
        if aid.endswith("[doi]"):
            return aid[: -len("[doi]")].strip()
    return ""


def _descriptor(term: str) -> str:
    """"Sequence Alignment/*methods" -> "Sequence Alignment"; "*Software" -> "Software"."""
    return term.split("/", 1)[0].lstrip("*").strip()
