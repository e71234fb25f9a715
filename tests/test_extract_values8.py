"""Per-arm rates bound to their arms in the ways trial reports write them (extractors/comparisons.py, arm_values.py):
a whole-cohort share before a colon and the arms' shares after it, each arm's count and name before its share.

Every sentence here is invented; each test names the general phrasing it stands for.
"""

from __future__ import annotations

import pytest

from evidence.records import Article, Kind, Section, Study
from extractors.pipeline import extract_study

_DESIGN = "In total, 240 patients were allocated at random to erlotinib (n = 120) or best supportive care (n = 120). "


def _study(sentence: str, design: str = _DESIGN) -> Study:
    return extract_study(Article(pmid="v8", sections=(Section("", design + sentence),)))


def _per_arm(study: Study, kind: Kind = Kind.RATE) -> list[tuple[float | None, str | None]]:
    return sorted((f.value, f.arm) for f in study.findings if f.kind == kind and f.arm)


# -- a whole-cohort share, a colon, then each arm's count, arm and share -------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Of these, 30 developed a skin rash (13%): 21 in the erlotinib group (18%) and nine in the best supportive care group (8%).",
        "A skin rash was seen in 30 patients (13%): 21 (18%) in the erlotinib arm and 9 (8%) in the best supportive care arm.",
        "Thirty patients had a skin rash (13%): 21 with erlotinib (18%) and nine with best supportive care (8%).",
        "Skin rash occurred in 30 patients overall (13%): 21 in the erlotinib group [18%] and 9 in the best supportive care group [8%].",
    ],
)
def test_the_arms_shares_after_a_colon_are_not_blocked_by_the_total(sentence: str) -> None:
    assert _per_arm(_study(sentence)) == [(0.08, "best supportive care"), (0.18, "erlotinib")]


@pytest.mark.parametrize(
    "sentence",
    [
        "Skin rash was reported by 21 in the erlotinib group (18%) and nine in the best supportive care group (8%).",
        "Grade 2 diarrhoea affected 21 with erlotinib [18%] and 9 with best supportive care [8%].",
        "Treatment was delayed in 21 in the erlotinib group (18%), compared with 9 in the best supportive care group (8%).",
    ],
)
def test_each_arm_is_named_between_its_count_and_its_share(sentence: str) -> None:
    assert _per_arm(_study(sentence)) == [(0.08, "best supportive care"), (0.18, "erlotinib")]


def test_a_total_before_a_colon_is_given_to_no_arm() -> None:
    study = _study("Of these, 30 developed a skin rash (13%): 21 in the erlotinib group (18%) and nine in the best supportive care group (8%).")
    assert 0.13 not in [value for value, _ in _per_arm(study)]
