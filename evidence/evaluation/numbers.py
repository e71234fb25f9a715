"""Numbers as annotators write them: words ("One hundred and seventy-six"), mid-dots, thin spaces.

The evaluation package compares records and must not import the extractors, so it
keeps this small converter of its own for the numbers that annotation files carry
as text (the PICO ``.ann`` spans, the development-set consistency checks).
"""

from __future__ import annotations

import re

__all__ = ["normalise_number_text", "parse_number"]

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
_WORD = "|".join(sorted([*_UNITS, *_TENS, *_SCALES], key=len, reverse=True))
_WORDS_RE = re.compile(rf"\b(?:{_WORD})(?:(?:\s+and\s+|[\s-]+)(?:{_WORD}))*\b", re.IGNORECASE)
_THIN_SPACES = "\u2009\u202f\u00a0"
_THOUSANDS_RE = re.compile(r"(?<![\d.])(\d{1,3})(?:[\u2009\u202f\u00a0,](\d{3}))+(?![\d.])")


def _words_to_int(words: str) -> int | None:
    total, current, seen = 0, 0, False
    for token in re.split(r"[\s-]+", words.lower()):
        if token in ("", "and"):
            continue
        if token in _UNITS:
            current += _UNITS[token]
        elif token in _TENS:
            current += _TENS[token]
        elif token == "hundred":
            current = max(current, 1) * 100
        elif token in _SCALES:
            total += max(current, 1) * _SCALES[token]
            current = 0
        else:
            return None
        seen = True
    return total + current if seen else None


def parse_number(text: str) -> float | None:
    """The number a short span states ("Twenty" -> 20, "13 388" -> 13388, "0·62" -> 0.62, "29%" -> 29).

    Returns None when the span holds no number.  Percent signs are dropped: the
    caller knows whether the span is a percentage.
    """
    text = text.strip()
    if not text:
        return None
    cleaned = text.replace("\u00b7", ".").replace("\u2212", "-")
    for ch in _THIN_SPACES:
        cleaned = cleaned.replace(ch, " ")
    digits = re.search(r"\d[\d ,]*(?:\.\d+)?|\.\d+", cleaned)
    if digits:
        raw = digits.group(0).strip()
        if re.fullmatch(r"\d{1,3}(?:[ ,]\d{3})+(?:\.\d+)?", raw):
            raw = raw.replace(" ", "").replace(",", "")
        else:
            raw = raw.split()[0].rstrip(",")
            raw = raw.replace(",", "") if re.fullmatch(r"\d{1,3}(?:,\d{3})+", raw) else raw.split(",")[0]
        try:
            return float(raw)
        except ValueError:
            return None
    words = _WORDS_RE.search(cleaned)
    if words:
        value = _words_to_int(words.group(0))
        return float(value) if value is not None else None
    return None


def normalise_number_text(text: str) -> str:
    """Text with number words turned to digits, mid-dots to points and spaced thousands joined.

    Used to check that every gold value can be found in its abstract.
    """
    out = text.replace("\u00b7", ".").replace("\u2212", "-").replace("\u2013", "-").replace("\u2014", "-")
    out = _THOUSANDS_RE.sub(lambda m: re.sub(r"[ \u2009\u202f\u00a0,]", "", m.group(0)), out)

    def words(m: re.Match[str]) -> str:
        value = _words_to_int(m.group(0))
        return m.group(0) if value is None else str(value)

    return _WORDS_RE.sub(words, out)
