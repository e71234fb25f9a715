"""Wound complication rates: the harm that decides between preoperative and postoperative radiotherapy.

Sarcoma series and trials of preoperative treatment report how many patients had
(major) wound complications, in the ways other rates are written:

* "major wound complications occurred in 9 patients (29%)", "... in 9 of 31 patients (29.0%)";
* "12 patients (35%) developed wound-healing complications";
* "the rate of major wound complications was 32.8%", "wound complications: 25%";
* per arm: "wound complications 35% vs 17%", "31 of 88 (35%) in the preoperative group and 16 of
  94 (17%) in the postoperative group", "were 35% and 17%, respectively";
* a count with no denominator ("in four patients") is passed on with ``needs_denominator`` and
  becomes a rate over the cohort's stated size, marked as computed (see :mod:`extractors.pipeline`).

Each value is a ``WOUND`` rate; ``outcome`` keeps the study's own words ("major wound
complications", "delayed wound healing"), because definitions differ.  A specific kind of wound
event ("wound infection") is not the overall rate and is left to the comparison finder.
"""

from __future__ import annotations

import re
from typing import Any, Callable, Sequence

from extractors.attribution import ArmMention, arm_spans_in, arms_for
from extractors.hits import NUM, NUMW, Hit
from extractors.lexicon import lower_aligned
from extractors.numbers import CI_RE, parse_number

__all__ = ["find_wound_complications"]

GROUP = "wound"

_PHRASE = re.compile(
    r"(?P<name>(?:\b(?:major|minor|acute|late|early|serious|severe|significant|postoperative|post-operative|surgical|overall|any|"
    r"total|primary|secondary|grade\s*(?:[≥>]=?\s*)?[1-4IV]+(?:\s*(?:[-–]|or|to)\s*[1-5IV]+)?)[\s-]+){0,3}"
    r"(?:\bwound[\s-]+(?:healing[\s-]+)?(?:complications?|problems?|morbidity|dehiscences?|breakdowns?|healing\s+(?:complications?|problems?|delays?|difficulties))"
    r"|\b(?:delayed|impaired|poor)\s+wound[\s-]+healing))",
    re.I,
)
#: "wound complication rate(s)"; the value follows the rate word
_RATE_WORD = re.compile(r"\s*(?:rates?|incidences?|frequency)\b", re.I)
# a value: "9/31 (29%)", "9 of 31 patients (29%)", "9 patients (29%)", "29% (9/31)", "29%", "9 of 31"
_VALUE = re.compile(
    rf"(?<![\w.·/])(?:"
    rf"(?P<c1>{NUMW})\s*(?:/|of|out\s+of)\s*(?P<d1>{NUM})\s*(?:patients?|cases?|participants?)?\s*[(\[]\s*(?P<p1>{NUM})\s*%"
    rf"|(?P<c2>{NUMW})\s*(?:patients?|cases?|participants?)?\s*[(\[]\s*(?P<p2>{NUM})\s*%"
    rf"|(?P<p3>{NUM})\s*%(?:\s*[(\[]\s*(?:n\s*=\s*)?(?P<c3>{NUM})\s*(?:/|of)\s*(?P<d3>{NUM})\s*[)\]])?"
    rf"|(?P<c4>{NUMW})\s*(?:/|of|out\s+of)\s*(?P<d4>{NUM})(?![\d.·])"
    rf"|(?P<c5>{NUMW})\s+(?:patients?|cases?|participants?)\b"
    rf")",
    re.I,
)
# what ends the clause a value of the phrase may lie in
_CLAUSE_END = re.compile(r";|\.\s|\bwhereas\b|\bwhile\b|\bbut\b", re.I)
# another outcome between the phrase and a value ("wound complications were rare, and local recurrence 6%")
_OTHER_OUTCOME = re.compile(
    r"\b(?:recurrences?|relapses?|survival|control|response|metasta\w*|deaths?|died|toxicit\w*|infections?|fibrosis|edema|oedema|"
    r"amputations?|margins?|necrosis|fractures?|lymphedema|lymphoedema|reoperations?|readmissions?|outcomes?|results?|function)\b",
    re.I,
)
# what the complication needed, part of its definition ("wound complications requiring reoperation")
_QUALIFIER = re.compile(r"\b(?:requiring|needing|that\s+required|which\s+required|leading\s+to|resulting\s+in)\s+(?:an?\s+|further\s+|surgical\s+)?\w+", re.I)
# a value before the phrase: only the verb and article-like words may lie between ("9 (29%) had major wound complications")
_BEFORE_GAP = re.compile(r"\s*(?:patients?\s*)?(?:\)\s*)?(?:had|developed|experienced|suffered|showed|presented\s+with|sustained)\s+(?:an?\s+|a\s+|any\s+)?$", re.I)
# the phrase as a predictor or a reason, not a rate of this cohort
_NOT_A_RATE = re.compile(r"\b(?:risk\s+factors?|predictors?|predictive|associated\s+with|odds\s+ratio|OR\s*=|reduc\w*\s+(?:the\s+)?(?:risk|rate)|in\s+previous|literature|reported\s+(?:rates?\s+)?(?:of|in)\s+(?:up\s+to|\d))", re.I)
_MAX_AFTER = 160
#: the study's looking at its series ("we reviewed wound complications in 212 patients", "wound complications were
#: analysed in 150 patients", "a cohort of 90 patients"): a bare count there is the series' size, not the patients with
#: a complication
_SERIES = re.compile(
    r"\b(?:we|this\s+(?:study|analysis|report|review))\s+(?:\w+\s+)?(?:reviewed|review|analy[sz]ed|analy[sz]e|studied|study|assessed|assess|examined|examine"
    r"|evaluated|evaluate|investigated|investigate|report|describe|compared|compare)\b"
    r"|\b(?:were|was)\s+(?:retrospectively\s+|prospectively\s+)?(?:analy[sz]ed|assessed|evaluated|studied|reviewed|examined|investigated|compared)\s+(?:in|among|for|across)\s+$"
    r"|\b(?:cohort|series|population|sample)\s+of\s+$",
    re.I,
)
# a definition between the phrase and its verb: "Major wound complications, defined as those requiring reoperation,
# readmission or long dressing care, occurred in ...", "(defined as ...)": its words are not another outcome
_DEFINITION = re.compile(
    r"\s*(?:\(\s*(?:defined|classified|graded|scored|counted)\s+(?:as|by|according\s+to|when|if)\b[^;()]{0,200}\)"
    r"|,\s*(?:(?:defined|classified|graded|scored|counted)\s+(?:as|by|according\s+to|when|if)|meaning|i\.e\.|that\s+is|namely)\b[^;()]{0,200}?,"
    r"(?=\s*(?:occurred|developed|were|was|arose|affected|happened|appeared|had|complicated|in\b)))",
    re.I,
)

#: the kinds of complication counted, listed right after the phrase, with no figure: "Wound complications (seroma,
#: haematoma or infection) occurred in ...", "..., including dehiscence and infection, were seen in ...": their words
#: are not another outcome
_COMPONENTS = re.compile(
    r"\s*(?:\((?:[^()\d%]|\((?:[^()\d%])*\)){1,200}\)"
    r"|,\s*(?:including|such\s+as|namely|i\.e\.|e\.g\.|comprising|mostly|mainly)\s[^;()\d%]{1,200}?,"
    r"(?=\s*(?:occurred|developed|were|was|arose|affected|happened|appeared|had|complicated|in\b)))",
    re.I,
)


def find_wound_complications(
    text: str, sentences: Sequence[tuple[int, int]], arm_mentions: Callable[[], Sequence[ArmMention]],
) -> list[Hit]:
    """``WOUND`` rate hits, one per value (per arm where the sentence names the arms)."""
    hits: list[Hit] = []
    # every match of the phrase holds "wound" in some case (no character but an ASCII letter matches one of its
    # letters case-blind): a text or sentence whose lower case lacks it has none ("found", "around", "compound")
    if "ound" not in text or "wound" not in (lower := lower_aligned(text)):
        return hits
    title_end = text.find("\n", 0, 400)  # the title's end, where the text opens with one on its own line
    for start, end in sentences:
        sentence = text[start:end]
        if "ound" not in sentence or "wound" not in lower[start:end]:  # "wound", "Wound" (not "WOUND", as before)
            continue
        for found in _in_sentence(sentence, arm_mentions, title=start < title_end):
            found["start"] += start
            found["end"] += start
            hits.append(Hit(GROUP, "WOUND", found.pop("start"), found.pop("end"), found))
        if hits and not arm_mentions():
            break  # one cohort, one rate: the first statement of it
    return hits


def _in_sentence(sentence: str, arm_mentions: Callable[[], Sequence[ArmMention]], title: bool = False) -> list[dict[str, Any]]:
    """The rates one sentence states (``title``: the sentence is the article's title)."""
    phrase = _PHRASE.search(sentence)
    if phrase is None or _NOT_A_RATE.search(sentence):
        return []
    cis = [(m.start(), m.end()) for m in CI_RE.finditer(sentence)]
    definition = _DEFINITION.match(sentence, phrase.end()) if (
        "defin" in sentence or "classif" in sentence or "grad" in sentence or "count" in sentence or "scor" in sentence
        or "mean" in sentence or "i.e." in sentence or "that is" in sentence or "namely" in sentence
    ) else None
    if definition is None and ("(" in sentence or "includ" in sentence or "such as" in sentence):
        definition = _COMPONENTS.match(sentence, phrase.end())  # "(seroma, haematoma or infection)": what was counted
    phrase_end = definition.end() if definition else phrase.end()
    clause = _CLAUSE_END.search(sentence, phrase_end)
    stop = clause.start() if clause else len(sentence)
    rate = _RATE_WORD.match(sentence, phrase_end)
    after_from = rate.end() if rate else phrase_end
    values = [v for v in _values(sentence, after_from, min(stop, phrase_end + _MAX_AFTER)) if not _inside(v, cis)]
    if values and values[0].get("needs_denominator") and (title or _SERIES.search(sentence, max(0, phrase.start() - 120), values[0]["start"])):
        values = []  # a title's "... in 212 patients", "we reviewed wound complications in 150 patients": the series, not a count of events
    values = _before_another_outcome(sentence, after_from, values)
    if not values:
        before = _value_before(sentence, phrase.start())
        values = [before] if before else []
    if not values:
        return []
    arms = list(arm_mentions())
    if len(arms) >= 2:
        values = values[: len(arms)]
        spans = arm_spans_in(sentence, arms)
        labels: list[str | None] = arms_for(sentence, values, spans, arms) if spans or len(values) > 1 else [None] * len(values)
        if len(values) > 1 and None in labels:
            return []  # several values, not all given an arm: better none than a wrong one
    else:
        values, labels = values[:1], [None]
    name = re.sub(r"\s+", " ", phrase.group("name")).strip().lower()
    return [dict(v, arm=arm, outcome=name) for v, arm in zip(values, labels)]


def _values(sentence: str, start: int, stop: int) -> list[dict[str, Any]]:
    out = []
    for m in _VALUE.finditer(sentence, start, stop):
        value = _payload(m)
        if value is not None:
            out.append(value)
    return out


def _payload(m: re.Match[str]) -> dict[str, Any] | None:
    """The rate of one value match: a percentage with its count, or a count over its denominator."""
    g = m.groupdict()
    percent = g["p1"] or g["p2"] or g["p3"]
    count_text = g["c1"] or g["c2"] or g["c3"] or g["c4"] or g["c5"]
    denominator_text = g["d1"] or g["d3"] or g["d4"]
    count = parse_number(count_text) if count_text else None
    denominator = parse_number(denominator_text) if denominator_text else None
    base: dict[str, Any] = {"measure": "WOUND", "kind": "rate", "unit": "proportion", "start": m.start(), "end": m.end()}
    if count is not None and count != int(count) or denominator is not None and (denominator != int(denominator) or denominator <= 0):
        return None
    count_int = int(count) if count is not None else None
    denominator_int = int(denominator) if denominator is not None else None
    if percent is not None:
        value = parse_number(percent)
        if value is None or not 0 <= value <= 100:
            return None
        return dict(base, value=round(value / 100, 6), count=count_int, denominator=denominator_int)
    if count_int is None or (denominator_int is not None and count_int > denominator_int):
        return None
    if denominator_int is None:  # "in four patients": a rate over the cohort's size, worked out by the pipeline
        return dict(base, value=None, count=count_int, denominator=None, needs_denominator=True)
    return dict(base, value=round(count_int / denominator_int, 4), count=count_int, denominator=denominator_int)


def _inside(value: dict[str, Any], spans: list[tuple[int, int]]) -> bool:
    return any(a <= value["start"] < b for a, b in spans)


def _before_another_outcome(sentence: str, start: int, values: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The values up to the first one that another outcome's name stands before."""
    kept = []
    previous = start
    for v in values:
        between = _QUALIFIER.sub(" ", sentence[previous : v["start"]])
        if _OTHER_OUTCOME.search(between):
            break
        kept.append(v)
        previous = v["end"]
    return kept


def _value_before(sentence: str, phrase_start: int) -> dict[str, Any] | None:
    """A value right before the phrase and its verb ("12 patients (35%) developed wound complications")."""
    window_start = max(0, phrase_start - 80)
    last = None
    for m in _VALUE.finditer(sentence, window_start, phrase_start):
        last = m
    if last is None or not _BEFORE_GAP.match(sentence[last.end() : phrase_start]):
        return None
    return _payload(last)
