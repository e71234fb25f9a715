"""What was given: agents (brand names and regimen acronyms expanded), cycles, setting, radiotherapy dose.

Plain-text finders returning :class:`~extractors.hits.Hit` objects (group ``"regimen"``).
"""

from __future__ import annotations

import re
from typing import Sequence

from evidence.records import Range
from extractors.hits import NUM, NUMW, Hit
from extractors.lexicon import Lexicon, find_terms
from extractors.numbers import parse_number

__all__ = ["find_regimen"]

_RANGE = rf"(?P<lo>{NUMW})(?:\s*(?:-|–|—|to|or)\s*(?P<hi>{NUMW}))?"
_CYCLES = re.compile(
    rf"(?<![\w.·]){_RANGE}\s+(?:\w+\s+){{0,2}}?(?:cycles?|courses?)\b(?!\s+(?:of\s+)?(?:every|lasting))",
    re.IGNORECASE,
)
_GY = re.compile(rf"(?<![\w.·]){_RANGE}\s*(?:Gy|gray|Gray)\b")
_PER_FRACTION_AFTER = re.compile(r"^\s*(?:per|/|each|a|in\s+each|in\s+daily)?\s*(?:daily\s+)?(?:fractions?|fx|day|daily|once\s+daily)\b|^\s*(?:x|×)\s*\d|^\s*fractions?\b", re.IGNORECASE)
_PER_FRACTION_BEFORE = re.compile(r"(?:\bat|\bof|\bwith|\bin|\busing)?\s*(?:\d+\s*(?:x|×)\s*)$|(?:fractions?|fraction\s+size|dose\s+per\s+fraction)\s*(?:of|was|:)?\s*$", re.IGNORECASE)
_FRACTIONS = re.compile(  # the look-ahead: where a number or "Gy" can start (spares the three alternatives elsewhere)
    rf"(?=(?<![\w.·])[\d.·zotfsenha]|g)(?:(?<![\w.·]){_RANGE}\s*(?:daily\s+|weekly\s+|consecutive\s+)?(?:fractions|fx|fractions?\b)"
    rf"|Gy\s*/\s*(?P<lo2>{NUM})(?:\s*(?:-|–)\s*(?P<hi2>{NUM}))?\s*(?:fx|fractions?)?\b"
    rf"|(?<![\w.·])(?P<lo3>{NUM})\s*(?:x|×)\s*{NUM}\s*Gy)",
    re.IGNORECASE,
)
_OVER_DAYS = re.compile(rf"\b(?:across|over|in|during|within)\s+{_RANGE}\s+(?:consecutive\s+|treatment\s+|working\s+)?(?:days|daily\s+treatments|sessions)\b", re.IGNORECASE)


_PRIOR_THERAPY = re.compile(r"\b(?:after|following|despite|previous|prior|previously\s+treated\s+with|refractory\s+to|progressed\s+(?:on|after))\s+(?:\w+\s+){0,2}?$", re.IGNORECASE)


#: per setting of the lexicon, words one of which every match of its pattern holds (case-blind); the
#: settings pattern runs only on texts holding one of them.  A setting not listed turns the gate off.
SETTING_WORDS = {
    "neoadjuvant": ("adjuvant",),
    "preoperative": ("operative", "prior", "before"),
    "adjuvant": ("adjuvant",),
    "postoperative": ("operative",),
    "perioperative": ("operative",),
    "induction": ("induction",),
    "concurrent": ("concurrent", "concomitant"),
    "sequential": ("sequential",),
    "consolidation": ("consolidati",),
    "maintenance": ("maintenance",),
    "definitive": ("definitive",),
    "palliative": ("palliative",),
}


def _gate_words(settings_re: re.Pattern[str]) -> tuple[str, ...] | None:
    names = settings_re.groupindex.keys()
    if not names <= SETTING_WORDS.keys():
        return None
    return tuple(dict.fromkeys(word for name in names for word in SETTING_WORDS[name]))


_GATES: dict[re.Pattern[str], tuple[str, ...] | None] = {}


def _may_name_setting(text: str, lexicon: Lexicon) -> bool:
    """Whether the settings pattern can match in ``text``: False only for ASCII text (where the
    case-blind pattern matches just what the lower-cased text holds) without any of the setting words."""
    if not text.isascii():
        return True
    try:
        words = _GATES[lexicon.settings_re]
    except KeyError:
        words = _GATES[lexicon.settings_re] = _gate_words(lexicon.settings_re)
    if words is None:
        return True
    lower = text.lower()
    return any(word in lower for word in words)


def _number_or_range(lo: str, hi: str | None) -> float | Range | None:
    low = parse_number(lo)
    if low is None:
        return None
    if hi:
        high = parse_number(hi)
        if high is None or high < low:
            return None
        return Range(low, high) if high != low else low
    return low


def find_regimen(text: str, sentences: Sequence[tuple[int, int]], lexicon: Lexicon) -> list[Hit]:
    """Regimen hits: ``drug`` (canonical name), ``setting``, and numeric fields with their text spans."""
    hits: list[Hit] = []
    for start, end, named in find_terms(lexicon.drug_words, text):
        if not isinstance(named, tuple):
            hits.append(Hit("regimen", "drug", start, end, {"value": named}))
            continue
        name = named[1]  # a regimen acronym: its agents
        if name in lexicon.ambiguous_regimens:
            window = text[max(0, start - 40) : end + 40]
            if not lexicon.regimen_context_re.search(window) or re.search(r"aromatase|inhibitor", window, re.I):
                continue
        for drug in lexicon.regimen_drugs[name]:
            hits.append(Hit("regimen", "drug", start, end, {"value": drug, "regimen": name}))
    for m in lexicon.settings_re.finditer(text) if _may_name_setting(text, lexicon) else ():
        if _PRIOR_THERAPY.search(text, max(0, m.start() - 30), m.start()):
            continue  # "residual disease after neoadjuvant chemotherapy": a prior treatment, not the study's
        hits.append(Hit("regimen", "setting", m.start(), m.end(), {"value": m.lastgroup}))
    # substring gates on the whole text first: most abstracts name neither cycles nor a dose in Gy
    cycles = "cycle" in text or "course" in text or "Cycle" in text
    gray = "Gy" in text or "gray" in text.lower()
    for s, e in sentences if cycles or gray else ():
        sentence = text[s:e]
        if cycles and ("cycle" in sentence or "course" in sentence or "Cycle" in sentence):
            for m in _CYCLES.finditer(sentence):
                value = _number_or_range(m.group("lo"), m.group("hi"))
                if value is not None and _max(value) <= 50:
                    hits.append(Hit("regimen", "chemo_cycles", m.start() + s, m.end("hi" if m.group("hi") else "lo") + s, {"value": value}))
        if gray and ("Gy" in sentence or "gray" in sentence.lower()):
            per_fraction = False
            for m in _GY.finditer(sentence):
                value = _number_or_range(m.group("lo"), m.group("hi"))
                if value is None or _max(value) > 200:
                    continue
                after = sentence[m.end() : m.end() + 25]
                before = sentence[max(0, m.start() - 30) : m.start()]
                field = "rt_dose_per_fraction_gy" if (_PER_FRACTION_AFTER.match(after) or _PER_FRACTION_BEFORE.search(before)) else "rt_total_dose_gy"
                if field == "rt_total_dose_gy" and _max(value) < 10 and re.search(r"\bfractions?\b", after + before, re.I):
                    field = "rt_dose_per_fraction_gy"
                per_fraction = per_fraction or field == "rt_dose_per_fraction_gy"
                hits.append(Hit("regimen", field, m.start() + s, m.end("hi" if m.group("hi") else "lo") + s, {"value": value}))
            found_fractions = False
            for m in _FRACTIONS.finditer(sentence):
                lo = m.group("lo") or m.group("lo2") or m.group("lo3")
                hi = m.group("hi") if m.group("lo") else m.group("hi2") if m.group("lo2") else None
                value = _number_or_range(lo, hi)
                if value is None or _max(value) > 60:
                    continue
                key = "lo" if m.group("lo") else "lo2" if m.group("lo2") else "lo3"
                end_key = ("hi" if m.group("hi") else "lo") if key == "lo" else ("hi2" if m.group("hi2") else "lo2") if key == "lo2" else "lo3"
                hits.append(Hit("regimen", "rt_fractions", m.start(key) + s, m.end(end_key) + s, {"value": value}))
                found_fractions = True
            if not found_fractions and per_fraction:
                m = _OVER_DAYS.search(sentence)
                if m:
                    value = _number_or_range(m.group("lo"), m.group("hi"))
                    if value is not None and _max(value) <= 60:
                        hits.append(
                            Hit(
                                "regimen",
                                "rt_fractions",
                                m.start("lo") + s,
                                m.end("hi" if m.group("hi") else "lo") + s,
                                {"value": value, "note": "daily fractions: read from the treatment days with a stated dose per fraction"},
                            )
                        )
    return hits


def _max(value: float | Range) -> float:
    return value.high if isinstance(value, Range) else value
