"""What a finder returns: a labelled character span with its parsed payload (no spaCy types)."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, NamedTuple

from extractors.numbers import DIGIT_NUMBER, NUMBER_RE, NUMBER_START

__all__ = ["Hit", "NUM", "NUMBER_START", "NUMW", "guarded", "lower_twin", "months_from", "within_any"]

#: a number in digits (thin-space thousands and mid-dot decimals included)
NUM = DIGIT_NUMBER
#: a number in digits or words (the pattern of :data:`~extractors.numbers.NUMBER_RE`, as text to build patterns with)
NUMW = NUMBER_RE.pattern

_MONTHS_PER = {"y": 12.0, "m": 1.0, "w": 7 / 30.4375, "d": 1 / 30.4375}
#: the unit words :data:`_UNIT_RE` matches, written out (lower case)
_UNITS = frozenset("y yr yrs year years m mo mos month months w wk wks week weeks d day days".split())
_UNIT_RE = re.compile(r"^(?:y|yr|yrs|year|years)$|^(?:m|mo|mos|month|months)$|^(?:w|wk|wks|week|weeks)$|^(?:d|day|days)$", re.I)


class Hit(NamedTuple):
    """A finding in the text: ``group`` (span group), ``label``, character span, parsed ``payload``."""

    group: str
    label: str
    start: int
    end: int
    payload: dict[str, Any]


def guarded(pattern: re.Pattern[str], first: str) -> re.Pattern[str]:
    """``pattern`` behind a look-ahead for ``first``, a class of the characters a match can start with.

    The matches are the same; the alternation is tried only where the class fits, which is
    far cheaper for patterns whose branches open with ``\\b`` or a look-behind.
    """
    return re.compile(rf"(?={first})(?:{pattern.pattern})", pattern.flags)


def lower_twin(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """A case-sensitive twin of a case-blind pattern: the same matches in the lower-cased text of an ASCII sentence, found faster.

    Refused (ValueError) for a pattern that lower-casing would change otherwise: upper-case escapes (``\\S``),
    group names with capitals, inline flags.
    """
    if re.search(r"\\[A-Z]|\(\?P<[^>]*[A-Z]|\(\?[a-zA-OQ-Z]", pattern.pattern):
        raise ValueError(f"no twin for a pattern with upper-case escapes, named groups or inline flags: {pattern.pattern}")
    return re.compile(pattern.pattern.lower().replace("(?p<", "(?P<").replace("(?p=", "(?P="), pattern.flags & ~re.IGNORECASE)


@lru_cache(maxsize=8192)
def months_from(value: float, unit: str) -> float | None:
    """A duration in months from a value and a unit word ("4.2", "years" -> 50.4).

    Memoised (a pure function, asked about the same few values and units over and over).
    """
    unit = unit.strip().lower().rstrip(".")
    if unit not in _UNITS and not _UNIT_RE.match(unit):  # the set holds the usual forms; the pattern decides the rest
        return None
    return round(value * _MONTHS_PER[unit[0]], 6)


def within_any(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    """Whether ``[start, end)`` lies inside one of ``spans`` (a loop: cheaper than ``any()`` over a generator)."""
    for x, y in spans:
        if x <= start and end <= y:
            return True
    return False
