"""The speed-ups of the cohort finder change no match: regrouped alternations, look-ahead guards and string gates."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import extractors.cohort as cohort
from extractors.lexicon import load_lexicon

_DEV = Path(__file__).resolve().parents[1] / "corpora" / "dev"

#: sentences written to hit the edges: plural and singular nouns, nouns inside longer words, numbers in words
_EDGE_TEXTS = [
    "A total of 120 patients and 3 patient-reported outcomes; 45 women, 12 men, 7 mothers and 2 members.",
    "Of these, fourteen were evaluable; forty-four consecutive patients and a hundred eligible patients took part.",
    "Sixty-two participants were randomly assigned, 31 to A and 31 to B, while 5 were included in the analysis.",
    "Menopausal women (n = 40) and patientsx, patient-level data, casework and caregivers (N = 18); 26 men and 18 women.",
    "Seventeen smokers, nineteen spouses, eighty pairs and 2,400 latinas; leaving 494 in the analysis.",
    "One hundred and twelve subjects agreed to take part; ten consented to randomization and 9 participated in the trial.",
]


def _dev_texts() -> list[str]:
    texts = sorted(_DEV.glob("*.txt"))
    assert texts, "the development corpus is part of the repository"
    return [p.read_text(encoding="utf-8").lower() for p in texts] + [t.lower() for t in _EDGE_TEXTS]


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


def test_people_nouns_regrouped_by_first_letter_match_the_same() -> None:
    people = load_lexicon().cohort["people"].lower()
    grouped = cohort._by_first_letter(people)
    assert grouped != people  # the lexicon's nouns are plain words: they are regrouped
    plain = re.compile(rf"\b(?:{people})\b(?!-)")
    fast = re.compile(rf"\b(?:{grouped})\b(?!-)")
    for text in _dev_texts():
        assert _spans(fast, text) == _spans(plain, text)


@pytest.mark.parametrize("alternation", [r"patients?|(?:a|b)c", r"m?en|women", r"\s+x|y"])
def test_an_alternation_that_is_not_plain_words_is_kept(alternation: str) -> None:
    assert cohort._by_first_letter(alternation) == alternation


def test_number_starts_regrouped_match_the_same() -> None:
    words = "zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|(?:thir|four|fif|six|seven|eigh|nine)teen"
    plain = re.compile(rf"(?<![\w.,·/-])(?:\d|(?:a\s+hundred|{words}|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred)\b)")
    for text in _dev_texts():
        assert _spans(cohort._NUMBER_START, text) == _spans(plain, text)


def test_guarded_patterns_match_as_the_unguarded_ones() -> None:
    pats = dict(cohort._patterns(load_lexicon()))
    for name in ("_LABEL_NUMBER_BEFORE", "_BOUND_BEFORE", "_NOT_POPULATION"):
        pats[name] = getattr(cohort, name)
    for name in ("role_count", "sex", "parallel", "of_count", "_LABEL_NUMBER_BEFORE", "_BOUND_BEFORE", "_NOT_POPULATION"):
        guarded = pats[name]
        inner = re.match(r"\(\?=(\[[^\]]*\]|\[\\d[^\]]*\])\)\(\?:", guarded.pattern)
        assert inner is not None, name
        plain = re.compile(guarded.pattern[inner.end() : -1], guarded.flags)
        for text in _dev_texts():
            assert [m.groupdict() | {"span": m.span()} for m in guarded.finditer(text)] == [
                m.groupdict() | {"span": m.span()} for m in plain.finditer(text)
            ], name


def test_string_gates_never_hide_a_match() -> None:
    """Every text the role gate or the subset-before regex matches passes the string test put before it."""
    role_hits = subset_hits = 0
    for text in _dev_texts():
        for sentence in re.split(r"(?<=[.;])\s+", text):
            if cohort._ROLE_GATE.search(sentence):
                role_hits += 1
                assert cohort._has_role_word(sentence), sentence
            for end in range(1, len(sentence) + 1):
                window = sentence[max(0, end - 40) : end]
                if cohort._SUBSET_BEFORE.search(window):
                    subset_hits += 1
                    assert window.rstrip().endswith(cohort._SUBSET_TAILS), window
    assert role_hits > 10 and subset_hits > 10  # the check saw real matches
