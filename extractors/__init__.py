"""Extractors: spaCy components (on ``spacy.blank("en")``) that read numbers from abstracts.

Public API: :data:`EXTRACTOR_VERSION`, :func:`extract_study`, :func:`extract_studies`
(imported lazily so that ``import extractors`` does not load spaCy).
"""

from __future__ import annotations

from typing import Any

from extractors.version import EXTRACTOR_VERSION

__all__ = ["EXTRACTOR_VERSION", "extract_studies", "extract_study"]


def __getattr__(name: str) -> Any:
    if name in ("extract_study", "extract_studies"):
        from extractors import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'extractors' has no attribute {name!r}")
