"""Per-arm rates in phrasings met on real abstracts (session 11, extractors/comparisons.py).

Every sentence here is invented; each test names the general phrasing it stands for.
"""

from __future__ import annotations

from evidence.records import Article, Kind, Section, Study
from extractors.pipeline import extract_study

_DESIGN = "Postmenopausal women were randomly assigned to raloxifene (n = 420) or placebo (n = 415). "


def _study(sentence: str, design: str = _DESIGN) -> Study:
    return extract_study(Article(pmid="c11", sections=(Section("", design + sentence),)))


def _rates(study: Study) -> list[tuple[str | None, float | None]]:
    return sorted((f.arm, f.value) for f in study.findings if f.kind == Kind.RATE)


def test_subgroup_without_baseline_symptom_is_no_baseline_comparison() -> None:
    # "Of women without baseline X (n = N), more in A vs B had new X (x% vs y%)": a subgroup restriction, the
    # values are outcome rates, not baseline shares
    study = _study("Of women without baseline hot flushes (n = 612), significantly more assigned to raloxifene vs placebo "
                   "reported new-onset hot flushes after 6 months (24.5% vs 9.8%, P < .001).")
    assert _rates(study) == [("placebo", 0.098), ("raloxifene", 0.245)]


def test_baseline_shares_stay_unread() -> None:
    # the rule leaves true baseline comparisons alone
    study = _study("At baseline, 41.2% vs 39.8% of women were aged over 65 years.")
    assert _rates(study) == []
