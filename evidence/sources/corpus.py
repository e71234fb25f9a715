"""The embedded corpus: the seed record and the curated comparison studies.

Both ship inside the ``corpora`` package and are found through
:func:`corpora.corpus_path`, so they work from a checkout and from an
installed wheel.

* ``corpora/seed/38962275.xml`` - PMID 38962275 (Qu et al., Front Oncol 2024)
  as PubMed efetch XML, read by the ordinary PubMed XML reader.
* ``corpora/curated/studies.jsonl`` - 21 published studies of preoperative
  chemotherapy and/or radiotherapy for soft tissue sarcoma, every value typed in
  by a curator from the abstract (``origin="curated"``); see
  ``corpora/curated/README.md``.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from corpora import corpus_path
from evidence.errors import ParseError
from evidence.records import Article, Study, read_jsonl
from evidence.sources.pubmed_xml import read_pubmed_xml

__all__ = ["SEED_PMID", "curated_studies", "seed_article"]

SEED_PMID = "38962275"
SOURCE = "corpus"


@lru_cache(maxsize=1)
def seed_article() -> Article:
    """The seed article (PMID 38962275) with its structured abstract; ``source="corpus"``."""
    path = corpus_path("seed", f"{SEED_PMID}.xml")
    articles = list(read_pubmed_xml(path))
    if len(articles) != 1 or articles[0].pmid != SEED_PMID:
        raise ParseError(f"{path.name}: expected exactly the seed record {SEED_PMID}")
    return replace(articles[0], source=SOURCE)


def curated_studies() -> list[Study]:
    """The curated comparison studies, in table order (c01..c21), all ``origin="curated"``."""
    return list(_curated())


@lru_cache(maxsize=1)
def _curated() -> tuple[Study, ...]:
    path = corpus_path("curated", "studies.jsonl")
    try:
        with path.open(encoding="utf-8") as handle:
            return tuple(read_jsonl(handle))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ParseError(f"{path.name}: cannot read the curated studies ({exc})") from exc
