"""The name of the outcome a value belongs to, in the authors' words ("grade 3/4 neutropenia", "time to progression").

Used by :mod:`extractors.comparisons` for ``OTHER`` findings; the name is there for the
reviewer, so it is kept short: the nearest noun phrase before the value in the same clause
(:func:`outcome_name`), or the words after the values when the sentence names the outcome
there (:func:`name_after`), cleaned of articles, comparatives and "rate of"/"incidence of".
"""

from __future__ import annotations

import re
from typing import Sequence

__all__ = ["name_after", "outcome_name"]

# words skipped between the name and its value, and words that end the name
_SKIP_BEFORE = frozenset(
    "in of by at after within among for with to was were is are be been being occurred occurring observed reported seen noted found "
    "documented recorded developed experienced achieved achieving attained obtained had have has showed shown revealed "
    "demonstrated significantly significant slightly higher lower greater fewer less more similar comparable "
    "respectively the a an patients women participants subjects cases those who whom receiving received treated given "
    "group groups arm arms cohort overall total both than compared versus vs vs. v v. and or as "
    "proportion percentage incidence frequency number median medians time times high low even better worse "
    "amounted accounted reached remained totaled totalled equaled equalled rose fell dropped decreased increased improved "
    "control controls placebo performed done required needed used identified detected diagnosed administered conducted "
    "possible feasible successful present absent common frequent likely prevalent often rare different differ differed not no "
    # degree words of a comparison ("were a little more common with A", "was somewhat higher")
    "little somewhat much markedly considerably substantially numerically nonsignificantly marginally modestly "
    "slightly also still nearly almost twice clearly notably statistically "
    # verdict words of a comparison, between a name and its values ("time to relapse was clearly shorter with B (4 v 7 months)")
    "longer shorter prolonged extended lengthened shortened delayed superior inferior reduced elevated raised lowered".split()
)
_TIME_UNITS = frozenset("year years month months week weeks day days".split())
_ARM_NOUNS = frozenset("group groups arm arms cohort cohorts".split())
_ARM_LEAD = frozenset("in with for among of on the".split())
_END_OF_NAME = frozenset(
    "was were is are had has have showed revealed reported experienced developed achieved occurred with in than among "
    "between versus vs vs. v v. and but while whereas when whom who which that there for by at after "
    "compared including included respectively although though because since as if where".split()
)
_LEADING_NOISE = re.compile(
    r"^(?:(?:the|a|an|overall|total|significantly|slightly|higher|lower|greater|fewer|less|more|similar|comparable|"
    r"increased|decreased|reduced|improved|median|mean|cumulative|actuarial|estimated|observed|crude)\s+)+"
    r"|^(?:(?:rates?|incidences?|frequenc(?:y|ies)|proportions?|percentages?|numbers?|risks?|occurrences?|probabilit(?:y|ies))\s+of\s+"
    r"(?:(?:the\s+)?(?:patients|women|participants|subjects)\s+(?:with|who\s+had|having|reporting|experiencing)\s+)?)",
    re.I,
)
_MAX_NAME_WORDS = 6
_WINDOW_CHARS = 150  # how far before the value a name is looked for (a clause's worth; a longer window only costs time)
_COUNT_NEXT = frozenset(("(", "[", "/", "of", "out"))  # "30/150 (20%)", "35 of 37": a count before its value
_PRONOUNS = frozenset("they these this it those that which he she we there".split())
_LEADING_LINKS = frozenset("of to in on for with from and or".split())


def outcome_name(sentence: str, value_start: int, lo: int = 0, arm_spans: Sequence[tuple[int, int, str]] = ()) -> str:
    """The outcome a value belongs to: the nearest noun phrase before it in the same clause, cleaned ("" when none).

    Linking words between the phrase and the value ("occurred in", "was", "were reported by") are
    skipped; the phrase ends at a verb, a preposition other than "of"/"to", punctuation, an arm name
    or a number; leading articles, comparatives and "rate of"/"incidence of" are dropped.
    """
    lo = max(lo, sentence.rfind(";", 0, value_start) + 1, value_start - _WINDOW_CHARS)
    window = sentence[lo:value_start]
    for x, y, _ in sorted(arm_spans, reverse=True):
        if lo <= x and y <= value_start:
            window = window[: x - lo] + "|".ljust(y - x) + window[y - lo :]  # offsets kept
    window = _ABBREVIATION.sub(lambda m: " " * len(m.group()), window)  # "(CB)": an abbreviation restating the name
    tokens = _NAME_TOKEN.findall(window)
    words: list[str] = []
    i = len(tokens) - 1
    commas_skipped = label_comma = False
    while i >= 0:  # skip the linking words right before the value
        low = tokens[i].lower().rstrip(".")
        if low in _ARM_NOUNS or low == "|":  # "in the endocrine group": a group the arm patterns did not name
            i -= 1
            k = i
            while k >= 0 and i - k < 4 and tokens[k].lower() not in _ARM_LEAD and tokens[k] not in ",;:(":
                k -= 1
            i = k if k >= 0 and tokens[k].lower() in _ARM_LEAD else i
            continue
        if low == "," and i > 0 and tokens[i - 1] == "|":  # "(letrozole, 14%": the arm's label, then its value
            i -= 1
            continue
        if low[:1].isdigit() and (i + 1 < len(tokens) and tokens[i + 1].lower() in _COUNT_NEXT or i > 0 and tokens[i - 1].lower() in ("of", "/")):
            i -= 1  # "in 30/150 (20%)", "(35 of 37, 95%)": the value's count
            continue
        if low == "of" and i + 1 < len(tokens) and tokens[i + 1][:1].isdigit() or low == "," and i > 0 and tokens[i - 1][:1].isdigit() and i + 1 == len(tokens):
            i -= 1
            continue
        if low in _TIME_UNITS and i > 0 and tokens[i - 1][0].isdigit():  # "after 20 years", "at 5 years"
            i -= 2
            continue
        if low in _SKIP_BEFORE or low in ("(", "[", "{", "=", ":"):
            i -= 1
            continue
        if low == "," and i == len(tokens) - 1 and i > 0 and tokens[i - 1][:1].isalpha() and tokens[i - 1].lower() not in _SKIP_BEFORE:
            i -= 1  # "letrozole median TTP, 8.8 months": a label, a comma, its value
            commas_skipped = label_comma = True
            continue
        if low == "," and not commas_skipped and i > 0:  # "adverse events were similar, 3% vs 6%"; "times, with quartiles, were 13 days"
            commas_skipped = True
            if tokens[i - 1].lower() in _SKIP_BEFORE:
                i -= 1
                continue
            j = next((k for k in range(i - 1, max(-1, i - 12), -1) if tokens[k] == ","), -1)
            if j > 0:
                i = j - 1
                continue
        break
    if i < 0 or not (tokens[i][0].isalpha() or _COMPOUND_NUMBER.match(tokens[i])):
        return ""
    while i >= 0 and len(words) < _MAX_NAME_WORDS + 3:
        tok = tokens[i]
        low = tok.lower()
        if low in _END_OF_NAME or tok.endswith("%"):
            break
        if not tok[0].isalnum():
            break
        if tok[0].isdigit() and not _COMPOUND_NUMBER.match(tok) and not any(t.lower() in ("grade", "grades") for t in tokens[max(0, i - 4) : i]):
            break
        words.insert(0, tok)
        i -= 1
    if label_comma and i >= 0 and tokens[i].lower() in _OPENING_PREPOSITIONS:
        return ""  # "At data cutoff, 89%": an opening phrase, not the value's label
    if words and words[0].lower() in _PEOPLE and i >= 0 and tokens[i].lower() in ("in", "among", "for"):
        # "median time to progression in patients achieving a response": the name is before the population
        return outcome_name(sentence, lo + _token_offset(window, tokens, i), lo, arm_spans)
    return _clean_name(" ".join(words))


_NAME_TOKEN = re.compile(r"\d+(?:[.,/]\d+)*(?:-[A-Za-z]+)+|[A-Za-z][\w/+.'≥≤-]*|≥\s*\d+|>\s*or\s*=\s*\d+|\d+(?:[./-]\d+)*%?|[^\sA-Za-z\d]")
_COMPOUND_NUMBER = re.compile(r"^\d+(?:[.,/]\d+)*(?:-[A-Za-z]+)+$|^\d+/\d+$|^\d+-\d+$")  # "12-month", "5-point", "3/4"
_ABBREVIATION = re.compile(r"\(\s*[A-Za-z][\w-]{0,9}\s*\)")
_OPENING_PREPOSITIONS = frozenset("at in after among for with during by on following within before".split())
_PEOPLE = frozenset("patients women participants subjects those cases".split())


def _token_offset(window: str, tokens: list[str], index: int) -> int:
    """Where token ``index`` of ``window`` starts (tokens found in order)."""
    pos = 0
    for k, tok in enumerate(tokens):
        pos = window.find(tok, pos)
        if k == index:
            return pos
        pos += len(tok)
    return len(window)


def name_after(sentence: str, end: int, arm_spans: Sequence[tuple[int, int, str]], stop: int | None = None) -> str:
    """A name written after the values: "14.1 versus 11.6 months median time to relapse in ...", "(32%) than B (28%)
    discontinued treatment", "X% and Y% in the A and B arms experiencing grade 4 neutropenia", or between two
    values ("X% of patients in the A arm developed a seroma, compared with Y%") when ``stop`` is given."""
    stop = len(sentence) if stop is None else stop
    window = sentence[end:stop]
    for x, y, _ in sorted(arm_spans, reverse=True):
        if end <= x and y <= stop:
            window = window[: x - end] + " ARM " + window[y - end :]
    window = _AFTER_LEAD.sub("", window, count=1)
    m = _WORDS_AFTER.match(window)
    if not m:
        return ""
    words = []
    for w in m.group(1).split():
        if w.lower() in _END_OF_NAME or w == "ARM" or w.lower() in ("of", "the", "patients", "women"):
            break
        words.append(w)
    name = _clean_name(" ".join(words))
    return name if len(name) >= 4 else ""


_WORDS_AFTER = re.compile(r"((?:[A-Za-z][\w/-]*\s+){0,6}[A-Za-z][\w/-]*)")
_WORD3 = re.compile(r"[A-Za-z]{3,}")
_AFTER_LEAD = re.compile(
    r"^[\s)\],]*(?:(?:months?|mos?|years?|weeks?|days?)\s+)?(?:(?:of|in|for|with|among|on)\s+)?(?:the\s+|all\s+|those\s+)?(?:\d+\s+)?"
    r"(?:(?:patients|women|participants|subjects|cases)\s+)?(?:(?:in|on|of|receiving|given|treated\s+with)\s+)?(?:the\s+)?(?:ARM\s*(?:and\s+ARM\s*)?)?"
    r"(?:(?:arms?|groups?)\s+)?,?\s*(?:respectively\s*,?\s*)?(?:(?:who\s+)?(?:had|have|has|experiencing|experienced|reporting|reported|having|developing|developed|"
    r"with|achieving|achieved|showing|showed|suffered|suffering|required|requiring|underwent|undergoing|were|was)\s+)?(?:an?\s+|the\s+)?",
    re.I,
)


def _clean_name(name: str) -> str:
    words = name.strip(" ,.;:-").split()
    if len(words) > _MAX_NAME_WORDS:
        words = words[-_MAX_NAME_WORDS:]
    while words and words[0].lower() in _LEADING_LINKS:
        words = words[1:]
    name = " ".join(words)
    previous = None
    while previous != name:
        previous = name
        name = _LEADING_NOISE.sub("", name).strip()
    if not _WORD3.search(name) or name.lower() in _SKIP_BEFORE or name.split()[0].lower() in _PRONOUNS:
        return ""
    return name
