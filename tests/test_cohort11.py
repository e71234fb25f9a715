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
    with pytest.raises(ZeroDivisionError, match="rule bug"):
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


# --- cohort size: the randomised count beside the pool it came from -------------------------------

_ARMS = " to letrozole or tamoxifen."


def test_eligible_and_randomly_assigned_after_screened_pool() -> None:
    # "Of N screened, M were eligible and randomly assigned": M, not the pool screened
    study = _study("Of 2,010 women screened, 1,234 were eligible and randomly assigned" + _ARMS)
    assert study.cohort.n == 1234
    assert study.cohort.n_enrolled == 1234


def test_count_of_eligible_with_share_then_randomised() -> None:
    # "N of M eligible women (x%) consented and were randomised": N, the share between the noun and the verb
    for lead in ("", "Overall, "):
        study = _study(lead + "412 of 530 eligible women (78%) consented and were randomly assigned" + _ARMS)
        assert study.cohort.n == 412


def test_randomised_count_drawn_from_an_enrolled_pool_opening_the_sentence() -> None:
    # "Of N enrolled women, M were randomised": the randomised M is the trial's cohort
    study = _study("Of 1,300 enrolled women, 1,234 were randomly assigned" + _ARMS)
    assert study.cohort.n == 1234


@pytest.mark.parametrize(("text", "n"), [
    ("Between 2001 and 2005, 1,234 women were randomly assigned" + _ARMS, 1234),
    ("A total of 1 234 patients were randomized" + _ARMS, 1234),
    ("Between January 2001 and December 2005, a total of 3,004 patients were accrued to the trial and randomly assigned" + _ARMS, 3004),
    ("In total, 812 patients were registered and randomized" + _ARMS, 812),
    ("The trial planned to accrue 1,000 patients; 812 were randomly assigned" + _ARMS, 812),
    ("We randomized 812 patients from 112 centers in 21 countries" + _ARMS, 812),
    ("Of 1,500 patients registered, 1,234 were randomly assigned" + _ARMS, 1234),
    ("Recruitment ended early after 312 of the planned 600 women had been randomized" + _ARMS, 312),
    ("The target sample size was 1,500 women. 1,234 women were randomly assigned" + _ARMS, 1234),
])
def test_common_cohort_phrasings_stay_read(text: str, n: int) -> None:
    # variants the rules already read: they must keep doing so
    assert _study(text).cohort.n == n


# --- cohort size: enrolment as a noun, planned against actual --------------------------------------

_RANDOMISED = "Women were randomly assigned to letrozole or tamoxifen. "


def test_accrual_noun_with_its_count_beats_the_planned_total() -> None:
    # "Accrual was N of a planned M": N was enrolled; M is only a target
    study = _study(_RANDOMISED + "Accrual was 1,234 of a planned 1,500 patients.")
    assert study.cohort.n == 1234
    assert study.cohort.n_enrolled == 1234


def test_planned_accrual_is_a_target_not_the_cohort() -> None:
    # "The planned accrual was M. Accrual reached N": the planned figure is weak, the reached one enrolled
    study = _study(_RANDOMISED + "The planned accrual was 1,500 patients. Recruitment reached 1,234 patients in 2006.")
    assert study.cohort.n == 1234


def test_accrual_rate_is_not_a_count() -> None:
    # "accrual was 25 patients per month" is a rate
    study = _study(_RANDOMISED + "Accrual was 25 patients per month. In total, 640 women took part.")
    assert study.cohort.n == 640


# --- cohort size: another trial in the background, this one named in its sentence ------------------

def test_count_of_this_trial_beats_a_background_trial() -> None:
    # "The X trial randomised 9,366 women. ... In this trial, 1,234 women were randomly assigned": the study's own
    study = _study("Background: The ALPHA study randomised 9,366 women to anastrozole or tamoxifen. "
                   "Methods: In this phase III trial, 1,234 women were randomly assigned" + _ARMS)
    assert study.cohort.n == 1234


def test_this_trial_opening_leaves_a_lone_count_alone() -> None:
    study = _study("In this multicentre trial, 640 women were randomly assigned" + _ARMS)
    assert study.cohort.n == 640


def test_bare_consented_count_after_approached_pool() -> None:
    # "Of N approached, M (x%) consented; they were randomised": M took part, N is the pool
    study = _study("Of 530 women approached, 412 (78%) consented; they were randomized" + _ARMS)
    assert study.cohort.n == 412


def test_consented_before_another_step_is_not_read_alone() -> None:
    # "M consented, and K had blood drawn": the bare-consent reading waits for punctuation or randomisation
    study = _study("A total of 640 women were randomly assigned" + _ARMS + " Of 530 women approached for the substudy, 412 consented, and 300 had blood drawn.")
    assert study.cohort.n == 640


def test_enrolment_noun_as_a_label_after_results() -> None:
    # "Results: Enrolment: n = N." - a table-like label, the count enrolled
    study = _study(_RANDOMISED + "Results: Enrolment: n = 1,234. Median follow-up was 5 years.")
    assert study.cohort.n == 1234
    assert study.cohort.n_enrolled == 1234
