"""Embedded data shipped with the package: the seed record, curated studies, the development set."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def corpus_path(*parts: str) -> Path:
    """Path of a file shipped in ``corpora/`` (works from a checkout and from an installed wheel)."""
    return Path(str(resources.files(__name__).joinpath(*parts)))
