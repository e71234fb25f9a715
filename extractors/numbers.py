"""Text to numbers: the number forms oncology abstracts really use.

Pure functions, no spaCy.  Handles digits with ``.`` or mid-dot (``0·62``)
decimals, comma and thin-space/space thousands (``13 388``), numbers written as
words ("Thirty-two", "one hundred and seventy-six"), ranges ("25-35", "25 to 35",
en dash), percentages, "9 of 31", "9/31", "n = 31", confidence intervals and
p-values.  Every parser returns ``None`` when the text is not what it expects.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator, NamedTuple

from evidence.records import Range

__all__ = [
    "NUMBER_RE",
    "NUMBER_START",
    "NUMBER_WORD_FIRST",
    "NumberMention",
    "find_numbers",
    "format_words",
    "is_signed_at",
    "parse_ci",
    "parse_count_of",
    "parse_number",
    "p_from_match",
    "parse_p",
    "parse_percent",
    "parse_range",
    "words_to_number",
]

_ONES = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_SCALES = {"hundred": 100, "thousand": 1000}



def _trie_pattern(words: list[str]) -> str:
    """One regex for ``words`` shaped as a letter tree ("s(?:even(?:teen|ty)?|ix(?:teen|ty)?)").

    It matches what the plain alternation sorted longest first matches, in the same order
    (at any position the words that fit are prefixes of one another, and the tree tries the
    longer ones first), but rejects a non-number word after a letter or two instead of trying
    every alternative: number words are looked for at every word of every sentence.
    """
    tree: dict[str, dict] = {}
    for word in words:
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        branches = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 and "" not in node else "(?:" + "|".join(branches) + ")"
        return body + "?" if "" in node else body

    return "(?:" + emit(tree) + ")"


_UNIT_WORD = _trie_pattern(list(_ONES) + list(_TENS))
_WORD_ATOM = rf"(?:{_UNIT_WORD}(?:[-\s]{_UNIT_WORD})?(?:[-\s](?:hundred|thousand)){{0,2}}|(?<![\w-])(?:a\s+)?hundred(?=\s+and\s))"
#: a number written in words: "thirty-two", "one hundred and seventy-six", "two thousand four hundred"
WORD_NUMBER = rf"\b{_WORD_ATOM}(?:(?:\s+and\s+|[\s-]+){_WORD_ATOM})*\b"
#: a number in digits: thin-space/space or comma thousands, "." or mid-dot decimals, ".04"
DIGIT_NUMBER = r"(?<![\w.·])(?:\d{1,3}(?:(?:[\u2009\u202f\u00a0]|,(?=\d{3}(?!\d))| (?=\d{3}(?![\d.·,]| ?%)))\d{3})+|\d+)(?:[.·]\d+)?(?![\d])|(?<![\w.·])[.·]\d+"
#: the letters a number in words can start with (zero, one ... hundred, thousand, "a hundred"), both cases
NUMBER_WORD_FIRST = "zotfsenhaZOTFSENHA"
#: where a number in digits or words can start (a digit, "." or "·" after no word character; a word that
#: can begin a number word): a quick test that spares the full alternation at almost every position
NUMBER_START = rf"(?=(?<![\w.·])[\d.·]|\b[{NUMBER_WORD_FIRST}])"
#: a number in digits or words (behind :data:`NUMBER_START`, which changes no match)
NUMBER_RE = re.compile(rf"{NUMBER_START}(?:{DIGIT_NUMBER}|{WORD_NUMBER})", re.IGNORECASE)
_WORD_RE = re.compile(rf"^{WORD_NUMBER}$", re.IGNORECASE)
_DIGIT_RE = re.compile(rf"^(?:{DIGIT_NUMBER})$")
_DASH = r"(?:-|–|—|‒|−|\bto\b|\u2010|\u2011)"
_RANGE_RE = re.compile(rf"^\s*({DIGIT_NUMBER}|{WORD_NUMBER})\s*%?\s*{_DASH}\s*({DIGIT_NUMBER}|{WORD_NUMBER})\s*$", re.IGNORECASE)
_PERCENT_RE = re.compile(rf"^\s*({DIGIT_NUMBER})\s*(%|per ?cent\b|percent\b)?\s*$", re.IGNORECASE)
_COUNT_OF_RE = re.compile(
    rf"^\s*({DIGIT_NUMBER}|{WORD_NUMBER})\s*(?:of|/|out of)\s*({DIGIT_NUMBER}|{WORD_NUMBER})\b"
    rf"|^\s*({DIGIT_NUMBER}|{WORD_NUMBER})\s*(?:\w+\s*){{0,3}}\(\s*({DIGIT_NUMBER})\s*%\s*\)",
    re.IGNORECASE,
)
_N_EQUALS_RE = re.compile(rf"^\s*\(?\s*n\s*[=:]\s*({DIGIT_NUMBER})\s*\)?\s*$", re.IGNORECASE)
CI_RE = re.compile(  # the look-ahead: a match starts with a digit, "CI" or a bracket
    rf"(?=[\dc(\[])(?:(?:(\d{{2}}(?:[.·]\d+)?)\s*%\s*(?:CI|confidence\s+intervals?|C\.I\.|CrI|credible\s+intervals?)|\bCI\b)\s*(?:[(\[]\s*CI\s*[)\]])?\s*[:,=]?\s*(?:of\s*|was\s*|from\s*)?[(\[]?\s*"
    rf"(-?{DIGIT_NUMBER})\s*%?\s*(?:{_DASH}|,|;)\s*(-?{DIGIT_NUMBER})\s*%?"
    rf"|[(\[]\s*(-?{DIGIT_NUMBER})\s*%?\s*[;,]\s*(-?{DIGIT_NUMBER})\s*%?\s*[)\]])",
    re.IGNORECASE,
)
#: "‹" and "›" (angle quotation marks) stand for "<" and ">" in text whose signs were mis-encoded ("p‹0·0001")
P_RE = re.compile(rf"\b[Pp]\s*(?:value\s*)?(=|<|>|≤|≥|<=|>=|=<|=>|‹|›)\s*({DIGIT_NUMBER})(?:\s*[x×]\s*10\s*[-−–](\d+))?")


class NumberMention(NamedTuple):
    """A number found in text: its value and character span."""

    value: float
    start: int
    end: int


def words_to_number(text: str) -> int | None:
    """Value of a number written in words ("one hundred and seventy-six" -> 176), else None."""
    raw = [t for t in re.split(r"[\s-]+", text.strip().lower()) if t]
    tokens = []
    for i, t in enumerate(raw):
        if t == "and":
            if not tokens or tokens[-1] not in ("hundred", "thousand"):
                return None  # "thirty-seven and thirty-six": two numbers, not one
            continue
        if t == "a" and i == 0 and len(raw) > 1 and raw[1] in ("hundred", "thousand"):
            t = "one"  # "A hundred and twenty"
        tokens.append(t)
    if not tokens:
        return None
    total = 0
    current = 0
    seen = False
    for token in tokens:
        if token in _ONES:
            current += _ONES[token]
        elif token in _TENS:
            current += _TENS[token]
        elif token == "hundred":
            current = (current or 1) * 100
        elif token == "thousand":
            total += (current or 1) * 1000
            current = 0
        else:
            return None
        seen = True
    return total + current if seen else None


_SPACES_RE = re.compile(r"[\s\u2009\u202f\u00a0]")


@lru_cache(maxsize=8192)
def parse_number(text: str) -> float | None:
    """Value of one number in digits or words ("13 388", "0·62", "Thirty-two"), else None.

    Memoised on the text (a pure function, asked about the same few strings, "12", "95", "0.5", over and
    over); ``parse_number.__wrapped__`` is the plain function.
    """
    s = text.strip()
    if not s:
        return None
    if _DIGIT_RE.match(s):
        s = s.replace("·", ".").replace(",", "")
        s = _SPACES_RE.sub("", s)
        try:
            return float(s)
        except ValueError:  # pragma: no cover - the regex admits only numbers
            return None
    if _WORD_RE.match(s):
        value = words_to_number(s)
        return None if value is None else float(value)
    return None


def find_numbers(text: str) -> Iterator[NumberMention]:
    """Every number in ``text`` with its span, in order."""
    for m in NUMBER_RE.finditer(text):
        value = parse_number(m.group())
        if value is not None:
            yield NumberMention(value, m.start(), m.end())


def parse_range(text: str) -> Range | None:
    """A range "25-35", "25 to 35", "25–35", "5-7" as :class:`Range`, else None."""
    m = _RANGE_RE.match(text)
    if not m:
        return None
    low, high = parse_number(m.group(1)), parse_number(m.group(2))
    if low is None or high is None or low > high:
        return None
    return Range(low, high)


def parse_percent(text: str) -> float | None:
    """A percentage ("29%", "58.1 %", "32.2 per cent") or a printed proportion ("0.56") as a 0-1 proportion."""
    m = _PERCENT_RE.match(text)
    if not m:
        return None
    value = parse_number(m.group(1))
    if value is None:
        return None
    if m.group(2):
        return round(value / 100.0, 10) if value <= 100 else None
    if "." in m.group(1) or "·" in m.group(1):
        return value if 0 <= value <= 1 else None  # printed as a proportion: 0.56
    return round(value / 100.0, 10) if value <= 100 else None  # bare "29" read as a percentage


def parse_count_of(text: str) -> tuple[int, int | None] | None:
    """Count and denominator from "9 of 31", "9/31", "9 out of 31"; count only from "31 (29%)" or "n = 31"."""
    m = _N_EQUALS_RE.match(text)
    if m:
        value = parse_number(m.group(1))
        return (int(value), None) if value is not None and value == int(value) else None
    m = _COUNT_OF_RE.match(text)
    if not m:
        return None
    if m.group(1) is not None:
        count, denominator = parse_number(m.group(1)), parse_number(m.group(2))
        if count is None or denominator is None or count != int(count) or denominator != int(denominator):
            return None
        if count > denominator:
            return None
        return int(count), int(denominator)
    count = parse_number(m.group(3))
    if count is None or count != int(count):
        return None
    return int(count), None


def parse_ci(text: str) -> tuple[float, float] | None:
    """The bounds of the first confidence interval in ``text`` (as printed, percent signs dropped)."""
    m = CI_RE.search(text)
    if not m:
        return None
    lo_s, hi_s = (m.group(2), m.group(3)) if m.group(2) is not None else (m.group(4), m.group(5))
    lo, hi = _signed(lo_s), _signed(hi_s)
    if lo is None or hi is None:
        return None
    return lo, hi


def parse_p(text: str) -> tuple[str, float] | None:
    """Relation and value of the first p-value ("P = .04" -> ("=", 0.04), "p<0.001" -> ("<", 0.001))."""
    m = P_RE.search(text)
    return p_from_match(m) if m else None


_P_RELATION = {"≤": "<", "<=": "<", "=<": "<", "≥": ">", ">=": ">", "=>": ">", "‹": "<", "›": ">"}


def p_from_match(m: re.Match[str]) -> tuple[str, float] | None:
    """Relation and value of a :data:`P_RE` match (None when the value is not a probability)."""
    value = parse_number(m.group(2))
    if value is None:
        return None
    if m.group(3):
        value = value * 10 ** (-int(m.group(3)))
    if not 0 <= value <= 1:
        return None
    return _P_RELATION.get(m.group(1), m.group(1)), value


def _signed(text: str) -> float | None:
    negative = text.startswith("-")
    value = parse_number(text.lstrip("-"))
    if value is None:
        return None
    return -value if negative else value


def is_signed_at(text: str, start: int) -> bool:
    """Whether the number starting at ``start`` carries a sign or follows a plus-minus: "+20%", "- 11.5%", "= -2%",
    "35.2 ± 17.5%" (a change or a spread, not a share), and not a range's dash ("10-20%", "10 - 20%")."""
    before = text[max(0, start - 6) : start].rstrip()
    if before.endswith(("+", "±", "+/-")):
        return True
    if not before.endswith(("-", "−")):
        return False
    rest = before[:-1].rstrip()
    if not rest:
        return True
    # a range's dash follows a number ("10-20%", "10%-20%", "1.-2."), a sign follows a word or a stop ("vs. -10%")
    return not (rest[-1].isdigit() or rest[-1] == "%" or rest[-1] in ".·" and rest[-2:-1].isdigit())


_ONES_BY_VALUE = {v: k for k, v in _ONES.items()}
_TENS_BY_VALUE = {v: k for k, v in _TENS.items()}


def format_words(n: int, hyphen: bool = True, use_and: bool = True) -> str:
    """English words for 0 <= n < 1,000,000 ("one hundred and seventy-six"); the inverse of words_to_number."""
    if not 0 <= n < 1_000_000:
        raise ValueError(f"Cannot write {n!r} in words; expected 0 <= n < 1000000")
    if n < 20:
        return _ONES_BY_VALUE[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        word = _TENS_BY_VALUE[tens * 10]
        return word if not ones else word + ("-" if hyphen else " ") + _ONES_BY_VALUE[ones]
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        word = _ONES_BY_VALUE[hundreds] + " hundred"
        return word if not rest else word + (" and " if use_and else " ") + format_words(rest, hyphen, use_and)
    thousands, rest = divmod(n, 1000)
    word = format_words(thousands, hyphen, use_and) + " thousand"
    if not rest:
        return word
    joiner = " and " if use_and and rest < 100 else " "
    return word + joiner + format_words(rest, hyphen, use_and)
