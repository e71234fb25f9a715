"""Where articles come from: PubMed XML, MEDLINE and text files, Entrez, the embedded corpus."""

from __future__ import annotations

from evidence.sources.files import read_articles

__all__ = ["read_articles"]
