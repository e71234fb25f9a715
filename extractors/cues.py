"""Cheap cue tests run before a sentence's costly regexes: does the sentence mention a number, an arm?"""

from __future__ import annotations

import re
from typing import Iterable

__all__ = ["HAS_NUMBER", "HAS_NUMBER_LOWER", "has_cue", "has_number_word", "holds_any", "occurrences"]

HAS_NUMBER = re.compile(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand)\b", re.I)
#: the case-sensitive twin of :data:`HAS_NUMBER`, for lower-cased ASCII sentences
HAS_NUMBER_LOWER = re.compile(HAS_NUMBER.pattern)


def occurrences(text: str, key: str) -> list[int]:
    """Where ``key`` starts in ``text``, in order (overlapping starts included)."""
    positions = []
    i = text.find(key)
    while i >= 0:
        positions.append(i)
        i = text.find(key, i + 1)
    return positions


def holds_any(text: str, keys: Iterable[str]) -> bool:
    """Whether any of ``keys`` is a substring of ``text`` (a plain loop: cheaper than ``any`` over a generator)."""
    for key in keys:
        if key in text:
            return True
    return False


def has_cue(pattern: re.Pattern[str], twin: re.Pattern[str], sentence: str, lower: str) -> bool:
    """Whether the case-blind ``pattern`` occurs in ``sentence`` (``twin`` on ``lower`` when ASCII)."""
    if sentence.isascii():
        return twin.search(lower) is not None
    return pattern.search(sentence) is not None


#: the number words :data:`HAS_NUMBER` looks for, the teens written out
_NUMBER_WORDS = frozenset(
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen "
    "nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand".split()
)
_NOT_LETTERS = re.compile(r"[^a-z]+")


def has_number_word(lower: str) -> bool:
    """Whether a lower-cased text holds a number word ("five", "twenty-one"): one split and a set test, far cheaper than
    searching :data:`HAS_NUMBER` in a sentence that has no digit."""
    return not _NUMBER_WORDS.isdisjoint(_NOT_LETTERS.split(lower))
