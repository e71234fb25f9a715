"""Cohort sizes in phrasings met on real abstracts, and the extraction debug switch (session 11).

Every sentence here is invented; each test names the general phrasing it stands for.
"""

from __future__ import annotations

import pytest

from evidence.records import Article, Section, Study
from extractors import components, pipeline
from extractors.pipeline import extract_study


def _study(text: str) -> Study:
    return extract_study(Article(pmid="k11", sections=(Section("", text),)))


# --- EVIDENCE_DEBUG: re-raise instead of an empty study -------------------------------------------

_TEXT = "A total of 212 women were randomly assigned to letrozole or anastrozole."


def _broken_cohort_finder(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(self, doc):  # noqa: ANN001, ANN202 - a stand-in for a rule bug
        raise ZeroDivisionError("rule bug")

    monkeypatch.setattr(components.CohortFinder, "find", boom)


def test_debug_off_swallows_a_finder_failure(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("EVIDENCE_DEBUG", raising=False)
    _broken_cohort_finder(monkeypatch)
    study = _study(_TEXT)
    assert study.cohort.n is None
    assert any(f.code == "EXTRACTOR_ERROR" for f in study.flags)


def test_debug_on_raises_a_finder_failure(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EVIDENCE_DEBUG", "1")
    _broken_cohort_finder(monkeypatch)
    with pytest.raises(pipeline.ExtractorError, match="ZeroDivisionError"):
        _study(_TEXT)


def test_debug_off_swallows_a_study_building_failure(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EVIDENCE_DEBUG", "0")

    def boom(article, doc):  # noqa: ANN001, ANN202
        raise KeyError("rule bug")

    monkeypatch.setattr(pipeline, "study_from_doc", boom)
    study = _study(_TEXT)
    assert study.cohort.n is None and not study.findings


def test_debug_on_reraises_the_original_exception(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EVIDENCE_DEBUG", "1")

    def boom(article, doc):  # noqa: ANN001, ANN202
        raise KeyError("rule bug")

    monkeypatch.setattr(pipeline, "study_from_doc", boom)
    with pytest.raises(KeyError, match="rule bug"):
        _study(_TEXT)


def test_debug_on_changes_nothing_on_good_text(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EVIDENCE_DEBUG", "1")
    assert _study(_TEXT).cohort.n == 212
