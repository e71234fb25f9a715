"""The arms finder's fast cue tests agree with the case-blind patterns they stand for."""

from __future__ import annotations

import random

import pytest

from extractors import arms
from extractors.cues import holds_any

_PIECES = ["randomised", "Randomized", "assigned", "ALLOCATED", "arm", "arms", "Arm", "farm", "group", "groups", "subgroup",
           "versus", "vs", "VS", "vs.", "canvas", "cohort", "compared", "received", "treated", "treated with", "enrolled",
           "included", "analysed", "matching", "each", "reach", "n =", "N=", "n=", "an =", "control", "placebo",
           "intervention", "or", "for", "either", "between", "é", "İ", " ", ",", "(", "1", "patients"]


def _sentences(count: int) -> list[str]:
    rng = random.Random(7)
    return ["".join(rng.choice(_PIECES) + rng.choice([" ", "", "-", "\t"]) for _ in range(rng.randint(0, 6))) for _ in range(count)]


@pytest.mark.parametrize("test, pattern", [(arms._has_arm_cue, arms._ARM_CUE), (arms._has_anchor_cue, arms._ANCHOR_CUE),
                                           (arms._has_assigned, arms._HAS_ASSIGNED)])
def test_cue_tests_agree_with_their_patterns(test, pattern):
    sentences = _sentences(20_000)
    answers = [test(s, s.lower()) for s in sentences]
    assert answers == [pattern.search(s) is not None for s in sentences]
    assert any(answers) and not all(answers)  # both answers occur


def test_contains_any_is_a_substring_test():
    assert holds_any("were randomly assigned", arms._ARM_KEYS)
    assert not holds_any("the median age was 61 years", arms._ARM_KEYS)
    assert not holds_any("", ("a",))
