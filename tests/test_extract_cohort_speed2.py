"""The second round of cohort-finder speed-ups changes no match: first-letter guards and string gates.

Each fast form is checked against its plain form on the development corpus (as written and
lower-cased) and on random text built from the gates' own words, odd case and characters that
case-blind matching folds (Kelvin sign, long s, dotted capital I).
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import extractors.cohort as cohort
from extractors.hits import lower_twin
from extractors.lexicon import load_lexicon

_DEV = Path(__file__).resolve().parents[1] / "corpora" / "dev"

_WORDS = (
    "arm group Group ARM each Each enrolled were was will be to To screened assessed for eligibility are planned required "
    "randomised randomly assigned allocated inclusion of recruitment registered accrued underwent analysed we data the "
    "patients women in among trial study conducted total a overall N = n ( ) ; , . 12 120 2010 % phase stage age of "
    "control placebo consisted comprised had is needed would sufficient targeted per up at most \u212a \u017f \u0130 ion"
).split()


def _sentences() -> list[str]:
    texts = sorted(_DEV.glob("*.txt"))
    assert texts, "the development corpus is part of the repository"
    out: list[str] = []
    for path in texts:
        for sentence in re.split(r"(?<=[.;])\s+", path.read_text(encoding="utf-8")):
            out += [sentence, sentence.lower()]
    out += [
        "We Planned to Recruit 300 women; a SAMPLE SIZE OF 120 patients was needed and the trial was powered with 80 subjects.",
        "Of the 40 women, 12 (30%) had a relapse; in 8 patients who developed mucositis, 3 were assessed for eligibility.",
    ]
    rng = random.Random(7)
    for _ in range(600):
        words = [rng.choice(_WORDS) for _ in range(rng.randint(3, 25))]
        out.append(" ".join(w.upper() if rng.random() < 0.1 else w for w in words))
    return out


_SENTENCES = _sentences()


def _windows(sentence: str) -> list[str]:
    """The text before each position, as the finder cuts it (40 characters), and the text after it."""
    ends = range(0, len(sentence) + 1, 5)
    return [sentence[max(0, e - 40) : e] for e in ends] + [sentence[e : e + 200] for e in ends]


def _unguarded(pattern: re.Pattern[str]) -> re.Pattern[str]:
    head = re.match(r"\(\?=(?:\[[^\]]*\]|\\d|\w)\)\(\?:", pattern.pattern)
    assert head is not None, pattern.pattern
    return re.compile(pattern.pattern[head.end() : -1], pattern.flags)


def _found(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


def test_first_letter_guards_match_as_the_unguarded_patterns() -> None:
    pats = cohort._patterns(load_lexicon())
    guarded = [pats["people"], pats["analysed"], pats["evaluable"]] + [
        getattr(cohort, name)
        for name in (
            "_TOTAL_PREFIX", "_OF_THE_ANYWHERE", "_STUDY_IN_BEFORE", "_NOT_A_COUNT_BEFORE", "_PLANNED_BEFORE", "_PAIR_BEFORE", "_SAMPLE_BEFORE",
            "_TOTALISH_BEFORE", "_ARM_BEFORE", "_STUDY_CUE", "_N_EQUALS", "_SEX_WORD", "_ENROLLED_AFTER", "_ENROLLED_BEFORE", "_ANALYSED_BEFORE",
        )
    ]
    for fast in guarded:
        plain = _unguarded(fast)
        for sentence in _SENTENCES:
            assert _found(fast, sentence) == _found(plain, sentence), (fast.pattern[:40], sentence)
            if fast.pattern.endswith("$)"):  # anchored at the end: try the windows the finder searches
                for window in _windows(sentence)[::2]:
                    assert (fast.search(window) is None) == (plain.search(window) is None), (fast.pattern[:40], window)


def test_first_letters_of_an_alternation() -> None:
    assert cohort._first_letters("patients?|women|men") == "[mpw]"
    assert cohort._first_letters(r"patients?|\s+x") is None


def _plain_group_after(after: str) -> bool:
    if cohort._GROUP_AFTER.match(after):
        return True
    label = cohort._GROUP_LABEL_AFTER.match(after) if "(" in after else None
    return label is not None and cohort._ASSIGNED_INTO.search(after, 0, after.find("(")) is None


def test_string_gates_never_hide_a_match() -> None:
    parallel = cohort._patterns(load_lexicon())["parallel"]
    seen = {"parallel": 0, "group": 0, "each": 0, "arm": 0, "enrol_after": 0, "enrol_before": 0, "analysed": 0, "not_cohort": 0}
    for sentence in _SENTENCES:
        lower = cohort._aligned_lower(sentence)
        for end in range(0, len(sentence) + 1, 4):
            assert cohort._not_cohort_after(sentence, lower, end) == (cohort._NOT_COHORT_AFTER.match(sentence, end) is not None), (sentence, end)
            seen["not_cohort"] += cohort._NOT_COHORT_AFTER.match(sentence, end) is not None
        for window in _windows(sentence):
            low = cohort._aligned_lower(window)
            plain = _plain_group_after(window)
            assert cohort._group_after(window) == plain, window
            seen["group"] += plain
            if cohort._EACH_GROUP_AFTER.match(window):
                seen["each"] += 1
                assert "each" in low, window
            if cohort._ARM_BEFORE.search(window):
                seen["arm"] += 1
                assert "arm" in low or "group" in low, window
            if parallel.search(low):
                seen["parallel"] += 1
                assert cohort._has_parallel_word(low), low
            if cohort._ENROLLED_AFTER.search(low):
                seen["enrol_after"] += 1
                assert cohort._has_enrol_after_word(low), low
            if cohort._ENROLLED_BEFORE.search(low):
                seen["enrol_before"] += 1
                assert cohort._has_enrol_before_word(low), low
            if cohort._ANALYSED_BEFORE.search(low):
                seen["analysed"] += 1
                assert "analy" in low, low
    assert all(count > 0 for count in seen.values()), seen  # the checks saw real matches


def test_case_sensitive_twins_match_as_the_case_blind_patterns_on_ascii_text() -> None:
    twins = [(cohort._OF_THE, cohort._OF_THE_LOWER), (cohort._PLANNED_BEFORE, cohort._PLANNED_BEFORE_LOWER), (cohort._SUBSET_AFTER, cohort._SUBSET_AFTER_LOWER)]
    hits = [0] * len(twins)
    for sentence in _SENTENCES:
        if not sentence.isascii():
            continue
        for window in _windows(sentence):
            for i, (plain, twin) in enumerate(twins):
                found = plain.search(window)
                assert (twin.search(window.lower()) is None) == (found is None), (plain.pattern[:40], window)
                hits[i] += found is not None
    assert all(hits), hits


def test_no_twin_for_a_pattern_it_would_change() -> None:
    for source in (r"\S+ of", r"(?P<Num>\d+)", r"(?i)of"):
        try:
            lower_twin(re.compile(source, re.I))
        except ValueError:
            continue
        raise AssertionError(source)


def test_the_age_twin_finds_the_same_ages_on_ascii_text() -> None:
    pats = cohort._patterns(load_lexicon())
    plain, twin = pats["age"], cohort._twin_age(pats)
    seen = 0
    for sentence in _SENTENCES + ["Median Age was 52 years; MEAN AGE OF PATIENTS 61.5, aged a median of 70 (range 40-80)."]:
        if not sentence.isascii():
            continue
        expected = [(m.span(), {k: (v or "").lower() for k, v in m.groupdict().items()}) for m in plain.finditer(sentence)]
        assert [(m.span(), {k: v or "" for k, v in m.groupdict().items()}) for m in twin.finditer(sentence.lower())] == expected, sentence
        seen += len(expected)
    assert seen > 10
