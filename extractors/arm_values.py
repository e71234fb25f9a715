"""Per-arm percentages stated one arm at a time, each bound to its own arm by a short phrase.

Trial reports often give each arm's value with the arm's name right beside it rather than in
a list the sentence distributes later:

* after the value: "88% in the letrozole arm ... as compared to 71% in the anastrozole arm",
  "reported by 30% of letrozole users and 22% of anastrozole users", "10 in the A group [15%]";
* before the value: "(letrozole = 12%; anastrozole = 20%)", "(arm A, 46%; arm B, 62%)",
  "In the A arm, 88% of women ...";
* per-arm changes: "a 30% decrease in CRP among women assigned to A compared with a 1% decrease
  among women assigned to B".

:func:`find_arm_values` reads a sentence's percentages only when every one of them between the first
and the last bound value is bound, and they name at least two arms: one value beside one arm is not
a comparison (it may be a subgroup's), and a run with an unbound value in it is a list the
comparison finder (:mod:`extractors.comparisons`) distributes.  The outcome is named with
:mod:`extractors.outcome_names`.  Values of a named measure are left to the outcome finder.
"""

from __future__ import annotations

import re
from typing import Any, Callable, Sequence

from extractors.hits import NUM, guarded
from extractors.numbers import is_signed_at, parse_number
from extractors.outcome_names import name_after, outcome_name

__all__ = ["arms_after", "arms_respectively", "find_arm_values"]

_PERCENT = guarded(re.compile(rf"(?<![\w.·])({NUM})\s*(?:%|per\s?cent\b|percent\b)", re.I), r"[\d.·]")
#: a change word after a value ("a 30% decrease in CRP"), read as the value's own change, with what changed
_CHANGE_NOUN = (
    r"(?:(?:decrease|increase|reduction|rise|fall|drop|decline|gain|loss|lengthening|shortening|improvement|change)s?"
    r"(?:\s+(?:in|of)\s+(?:the\s+)?[\w-]+(?:\s+[\w-]+){0,3}?)?\s+)?"
)
#: between a value and the arm named after it: "of", "in", "among", "with" and the people ("of those receiving")
_AFTER_GAP = re.compile(
    r"\s*[)\]]?\s*(?:[(\[][^()\[\]]{0,40}[)\]]\s*)?(?:of\s+\d+\s+)?(?:(?:[a-z]+s|women|men)\s+)?" + _CHANGE_NOUN
    + r"(?:(?:was|were)\s+(?:observed|seen|noted|found|reported)\s+)?"
    r"(?:of|in|among|for|with|on|from)\s+(?:the\s+|all\s+|those\s+)?(?:\d+\s+)?"
    r"(?:(?:patients|women|men|participants|subjects|cases|group|arm|cohort)\s+)?"  # "in the group given A"
    r"(?:(?:in|on|of|receiving|given|taking|treated\s+with|(?:randomly\s+)?(?:assigned|allocated|randomi[sz]ed)\s+to(?:\s+receive)?|with)\s+(?:the\s+)?)?"
    r"(?:[\w-]+/)?$",  # "of AC/tamoxifen users": a drug given before the arm's own
    re.I,
)
#: a count's bracketed share, then its arm: "10 in the TM group [14.7%]" (the arm before the bracket)
_COUNT_ARM_BEFORE = re.compile(r"(?:in|with|on|among|for)\s+(?:the\s+)?$", re.I)
#: between an arm named before its value and the value: "A = 12%", "arm A, 46%", "A: 12%", "A (32%)", "In the A arm, 88%"
_BEFORE_GAP = re.compile(
    r"\s*(?:arms?|groups?|cohorts?)?\s*(?:[=:,]|[(\[])\s*(?:(?:n\s*=\s*)?\d+(?:\s*(?:/|of|out\s+of)\s*\d+)?\s*(?:[(\[]|,)\s*)?$", re.I
)
#: what a label before its value follows: an opening bracket, a list break, a comparison word or the sentence start
_LABEL_LEAD = re.compile(r"(?:^|[(\[;,:]|\b(?:and|vs\.?|versus|v\.?|while|whereas|with|to|than|in|among))\s*(?:the\s+)?$", re.I)
_OPENER = re.compile(r"\s*(?:[A-Z][A-Za-z ]{2,30}:\s*)?(?:in|among|for|with|within)\s+(?:the\s+)?(?:patients\s+|women\s+)?(?:(?:treated\s+with|receiving|given|on)\s+(?:the\s+)?)?$", re.I)
#: between the opening arm and its value: "In the A arm, 88%", "In the A arm, 20 of 38 (52%)", "In the A group, there were 7 wound infections ("
_OPENER_GAP = re.compile(
    r"\s*(?:arms?|groups?)?\s*,\s*(?:there\s+(?:were|was)\s+)?(?:\d+(?:\s*(?:/|of|out\s+of)\s*\d+)?\s*(?:[a-z]+\s+)?[(\[]\s*)?", re.I
)
#: words of a baseline comparison: the arms' make-up, not an outcome
_BASELINE = re.compile(
    r"\b(?:baseline|characteristics?|demographics?|made\s+up|comprised|were\s+(?:randomi[sz]ed|assigned|allocated|enrolled))\b",
    re.I,
)
#: a trait of the patients named before a list of values: the arms' make-up ("stage II disease was present in ...")
_TRAIT = re.compile(r"\b(?:stages?|ages?|aged|(?:pre|post|peri)-?menopausal|BMI|body\s+mass|node-?(?:positive|negative)|receptor-?(?:positive|negative))\b", re.I)
_NOT_OWN_VALUE = re.compile(r"\b(?:respectively|resp\.)", re.I)
_CI_AFTER = re.compile(r"\s*(?:CI\b|confidence|credible)", re.I)
_RANGE_BEFORE = re.compile(r"[\d.·]\s*%?\s*(?:[-–‐]|\bto)\s*$|\brange", re.I)


_Keep = Callable[[list[tuple[int, int]]], bool]


def find_arm_values(
    sentence: str, lower: str, arm_spans: Sequence[tuple[int, int, str]], taken: Sequence[tuple[int, int]] = (), keep: _Keep | None = None
) -> list[tuple[str, str, int, int, dict[str, Any]]]:
    """Per-arm percentages (and medians printed with no unit) of ``sentence`` each bound to its own arm, as
    ``("outcome", "OTHER", start, end, payload)`` (offsets into the sentence); ``taken``: spans other finders read
    already (their values are left alone); ``keep``: asked with the spans of the values found, before they are named,
    whether to keep them (the caller's veto: another finder reads them)."""
    if len(arm_spans) < 2 or len({label for _, _, label in arm_spans}) < 2:
        return []
    respectively = _NOT_OWN_VALUE.search(sentence)
    hits = _percent_values(sentence, lower, arm_spans, taken, respectively, keep) if "%" in sentence or "cent" in lower else []
    if not hits and not respectively and "median" in lower:
        hits = _printed_medians(sentence, lower, arm_spans, taken, keep)
    return hits


def _percent_values(sentence: str, lower: str, arm_spans: Sequence[tuple[int, int, str]], taken: Sequence[tuple[int, int]],
                    respectively: re.Match[str] | None, keep: _Keep | None) -> list[tuple[str, str, int, int, dict[str, Any]]]:
    """The per-arm percentages of :func:`find_arm_values`."""
    found = [(m.start(), m.end(), m.group(1)) for m in _PERCENT.finditer(sentence)]
    if len(found) - sum(1 for a, b, _ in found if any(x < b and a < y for x, y in taken)) < 2:
        return []  # fewer than two values left unread by the other finders
    if respectively:
        at = respectively.start()
        if sum(1 for a, _, _ in arm_spans if found[0][1] <= a < at) < 2:
            return []  # no two arms named between the values and "respectively"
    elif sum(1 for start, end, _ in found if _near_arm(start, end, arm_spans)) < 2:
        return []  # (cheap: no two values with an arm close enough to be bound to it)
    values = []
    for start, end, text in found:
        if _CI_AFTER.match(sentence, end) or _RANGE_BEFORE.search(sentence, max(0, start - 12), start):
            continue  # "95% CI", "(31-59%)": not a value
        if is_signed_at(sentence, start) or lower.find("median", max(0, start - 60), start) >= 0:
            continue  # "-5.7%", "the median percent change being 5.7%": a change or a median, not a share of the arm
        number = parse_number(text)
        if number is None or number > 100:
            continue
        values.append({"start": start, "end": end, "value": round(number / 100, 10),
                       "arm": None if respectively else _bound_arm(sentence, start, end, arm_spans)})
    if respectively:
        hits, lo = [], 0
        for m in _NOT_OWN_VALUE.finditer(sentence, respectively.start()):  # each list before its own "respectively"
            hits += _respective_values(sentence, [v for v in values if lo <= v["start"] and v["end"] <= m.start()], arm_spans, taken, m.start(), keep)
            lo = m.end()
        return hits
    bound = [k for k, v in enumerate(values) if v["arm"] is not None]
    if len(bound) < 2:
        return []
    run = values[bound[0] : bound[-1] + 1]
    if any(v["arm"] is None for v in run) or len({v["arm"] for v in run}) < 2:
        return []
    # the run's clause: from the last ";" before it, or a ":" after which the arms' values follow a total ("30 patients
    # (12%) had seroma: 9 (7%) in the A group and 21 (17%) in the B group")
    lo = max(sentence.rfind(";", 0, run[0]["start"]), sentence.rfind(":", 0, run[0]["start"])) + 1
    hi = sentence.find(";", run[-1]["end"])
    hi = len(sentence) if hi < 0 else hi
    if any(v["arm"] is None and lo <= v["start"] < hi for v in values):
        return []  # "31%, 22% and 10% in the A arm and 12% in the B arm": a list, not one value per arm
    if _BASELINE.search(sentence, 0, run[-1]["start"]):
        return []  # "women with stage II disease made up 45% in the A group and 48% in the B group": who the arms hold
    return _hits(sentence, run, arm_spans, taken, keep)


#: what may join the values of a list: commas, "and", "vs", "versus", "or", bracketed asides (intervals, counts, p-values)
_LIST_JOIN = re.compile(r"\s*(?:[(\[][^()\[\]]{0,60}[)\]]\s*)?(?:,|;)?\s*(?:and|vs\.?|v\.?|versus|or|compared\s+with)?\s*", re.I)
#: what may lie between the arms a list names: "A and B", "the A group and the B group", "A, B and C", "A vs. B"
_ARM_JOIN = re.compile(r"\s*(?:arms?|groups?|cohorts?)?\s*(?:,|and|or|vs\.?|versus|/)?\s*(?:,\s*)?(?:and\s+)?(?:in|for|with)?\s*(?:the\s+)?$", re.I)
#: between the last value and the first arm: "in the", "for", "with", "among those in the"
_TO_ARMS = re.compile(r"\s*(?:[(\[][^()\[\]]{0,60}[)\]]\s*)?,?\s*(?:(?:in|for|with|among|on|of)\s+(?:the\s+)?(?:patients\s+|women\s+)?(?:(?:in|on|of|receiving|given)\s+(?:the\s+)?)?)?$", re.I)
#: between the last arm of the list and "respectively": "group", "arms," (lower case only)
_ARMS_END = re.compile(r"\s*(?:arms?|groups?|cohorts?)?\s*,?\s*")


def _respective_values(sentence: str, values: list[dict[str, Any]], arm_spans: Sequence[tuple[int, int, str]], taken: Sequence[tuple[int, int]],
                       at: int, keep: _Keep | None) -> list[tuple[str, str, int, int, dict[str, Any]]]:
    """Values listed, then their arms in the same order, then "respectively": "X% and Y% in the A group and in the B
    group respectively", "(X% vs. Y%, for the A and B group, resp.)"."""
    before = [v for v in values if v["end"] <= at]
    if len(before) < 2:
        return []
    run = [before[-1]]
    for v in reversed(before[:-1]):  # the list of values that ends last before "respectively"
        if not _LIST_JOIN.fullmatch(sentence, v["end"], run[0]["start"]):
            break
        run.insert(0, v)
    if len(run) < 2:
        return []
    labels = _arms_named_respectively(sentence, run[-1]["end"], len(run), arm_spans, at)
    if labels is None:
        return []
    if _BASELINE.search(sentence, 0, run[-1]["start"]) or _TRAIT.search(sentence, 0, run[0]["start"]):
        return []  # "stage II disease was present in 45% and 48% of the A and B groups, respectively": who the arms hold
    for v, label in zip(run, labels):
        v["arm"] = label
    return _hits(sentence, run, arm_spans, taken, keep)


def arms_respectively(sentence: str, values: Sequence[tuple[int, int]], arm_spans: Sequence[tuple[int, int, str]]) -> list[str] | None:
    """The arms of a list of values named after it in the same order, then "respectively": "61% (95% CI 52-68) and 74%
    (95% CI 66-80) in the A and B arms, respectively" (one different arm per value), else None."""
    if len(values) < 2:
        return None
    m = _NOT_OWN_VALUE.search(sentence, values[-1][1])
    if m is None or any(not _LIST_JOIN.fullmatch(sentence, a[1], b[0]) for a, b in zip(values, values[1:])):
        return None
    return _arms_named_respectively(sentence, values[-1][1], len(values), arm_spans, m.start())


def _arms_named_respectively(sentence: str, end: int, k: int, arm_spans: Sequence[tuple[int, int, str]], at: int) -> list[str] | None:
    """The ``k`` different arms named between a list of values ending at ``end`` and "respectively" at ``at``, joined as
    a list of arms ("in the A and B groups", "for A, B and C"), else None."""
    named = [(a, b, label) for a, b, label in arm_spans if end <= a and b <= at]
    if len(named) != k or len({label for _, _, label in named}) != k:
        return None
    if not _TO_ARMS.fullmatch(sentence, end, named[0][0]):
        return None
    if any(not _ARM_JOIN.fullmatch(sentence, x[1], y[0]) for x, y in zip(named, named[1:])):
        return None
    if not _ARMS_END.fullmatch(sentence, named[-1][1], at):
        return None
    return [label for _, _, label in named]


def _hits(sentence: str, run: list[dict[str, Any]], arm_spans: Sequence[tuple[int, int, str]], taken: Sequence[tuple[int, int]],
          keep: _Keep | None = None) -> list[tuple[str, str, int, int, dict[str, Any]]]:
    """The hits of a run of values, each with its arm, named by the words before the first (or after the last)."""
    if not _kept(run, taken, keep):
        return []
    name = outcome_name(sentence, run[0]["start"], 0, arm_spans) or name_after(sentence, run[-1]["end"], arm_spans)
    hits = []
    for v in run:
        payload = {"measure": "OTHER", "kind": "rate", "value": v["value"], "unit": "proportion", "count": None, "denominator": None,
                   "time_months": None, "ci": None, "p": None, "p_relation": "=", "arm": v["arm"], "outcome": name or None}
        hits.append(("outcome", "OTHER", v["start"], v["end"], payload))
    return hits


#: a number printed with no unit (or a unit that is not a time, a count or a percentage): "(158 [154-159])", "1.18"
_BARE_NUMBER = guarded(re.compile(rf"(?<![\w.·/%-])({NUM})(?![\w%·/]|[.·]\d|\s*(?:%|per\s?cent|months?|mos?|years?|yrs?|weeks?|wks?|days?|patients|women|cycles?)\b)", re.I), r"[\d.·]")
#: after a median: its range or interval in brackets, then the unit it is printed in ("305 (30-1420) mL", "195 min (158-219
#: min)", "4.3 mm"): a short word or a slashed unit, not a word that links the value to what follows
_UNIT_AFTER = re.compile(
    r"\s*(?:[(\[][^()\[\]]{0,40}[)\]]\s*)?(?!(?:in|of|on|at|to|or|and|vs|for|the|by|was|per|with|than|from)\b)"
    r"(?:[A-Za-zµμ]{1,4}(?:/[A-Za-z\d]{1,4})?|minutes|hours|points|units)(?:\s*[(\[][^()\[\]]{0,40}[)\]])?(?=[\s,;])",
)
#: after a number: it is a range's lower bound ("[2-6]", "(2 to 6)"), no median
_RANGE_AFTER = re.compile(r"\s*(?:[-–‐]|to\b)\s*[\d.·]", re.I)
#: what makes a number no median: a p-value, a hazard ratio, a count, a range or interval bound
_NOT_MEDIAN_BEFORE = re.compile(r"(?:[=<>≤≥]|\b(?:p|HR|OR|RR|n|ratio|CI|range|IQR|to|of|grade|stage|aged?)|[-–‐])\s*$", re.I)


def _printed_medians(sentence: str, lower: str, arm_spans: Sequence[tuple[int, int, str]], taken: Sequence[tuple[int, int]],
                     keep: _Keep | None = None) -> list[tuple[str, str, int, int, dict[str, Any]]]:
    """Medians printed with no time unit, each beside its own arm, after "median" in the sentence: "the median score was
    higher in the A group (158 [154-159]) than in the B group (141 [139-145])" (kept as printed)."""
    at = lower.find("median")
    if _NOT_AN_OUTCOME.match(sentence, at + 6):
        return []  # "median age", "median follow-up", "median number of cycles": not an outcome of the arms
    values = []
    for m in _BARE_NUMBER.finditer(sentence, at):
        a, b = m.start(), m.end()
        if sentence.count("(", at, a) + sentence.count("[", at, a) > sentence.count(")", at, a) + sentence.count("]", at, a) + (1 if _OPEN_BEFORE.search(sentence, max(0, a - 3), a) else 0):
            continue  # inside a bracket opened after "median" and after the value's own: an interval, a range
        if _NOT_MEDIAN_BEFORE.search(sentence, max(0, a - 8), a) or _RANGE_AFTER.match(sentence, b):
            continue  # (a range's lower bound: "[2-6]", "(2 to 6)")
        number = parse_number(m.group(1))
        if number is None:
            continue
        unit = _UNIT_AFTER.match(sentence, b)  # "305 (30-1420) mL in the A group": the arm after the value's unit
        arm = _bound_arm(sentence, a, b, arm_spans) or (_arm_right_after(sentence, unit.end(), arm_spans) if unit else None)
        values.append({"start": a, "end": b, "value": number, "arm": arm})
    bound = [k for k, v in enumerate(values) if v["arm"] is not None]
    if len(bound) < 2:
        return []
    run = values[bound[0] : bound[-1] + 1]
    if any(v["arm"] is None for v in run) or len({v["arm"] for v in run}) != len(run) or not _kept(run, taken, keep):
        return []
    name = _median_name(sentence, at, run[0]["start"], arm_spans)
    hits = []
    for v in run:
        payload = {"measure": "OTHER", "kind": "median", "value": v["value"], "unit": "as printed", "ci": None, "p": None, "p_relation": "=",
                   "arm": v["arm"], "not_reached": False, "outcome": name or None}
        hits.append(("outcome", "OTHER", v["start"], v["end"], payload))
    return hits


_NOT_AN_OUTCOME = re.compile(r"\s*(?:\([^()]*\)\s*)?(?:age|aged|follow|observation|dose|number\s+of\s+cycles|cycles|duration\s+of\s+(?:treatment|therapy))", re.I)
_OPEN_BEFORE = re.compile(r"[(\[]\s*$")


def _median_name(sentence: str, median_at: int, first: int, arm_spans: Sequence[tuple[int, int, str]]) -> str:
    """The outcome of the medians: the words after "median" up to a verb ("median Ki-67 index was")."""
    m = _MEDIAN_SUBJECT.match(sentence, median_at)
    return m.group(1).strip() if m else outcome_name(sentence, first, 0, arm_spans)


_MEDIAN_SUBJECT = re.compile(r"medians?\s*(?:\([^()]{0,30}\)|\[[^\[\]]{0,30}\])?\s+((?:[\w/-]+\s+){0,9}?[\w/-]+)\s+(?:was|were|is|are|had|showed|reached|remained)\b", re.I)


def _overlaps(v: dict[str, Any], spans: Sequence[tuple[int, int]]) -> bool:
    return any(a < v["end"] and v["start"] < b for a, b in spans)


def _kept(run: list[dict[str, Any]], taken: Sequence[tuple[int, int]], keep: _Keep | None) -> bool:
    """Whether a run of values is left to read: none of them taken by another finder, and ``keep`` (if any) agrees."""
    return not any(_overlaps(v, taken) for v in run) and (keep is None or keep([(v["start"], v["end"]) for v in run]))


def arms_after(sentence: str, values: Sequence[tuple[int, int]], arm_spans: Sequence[tuple[int, int, str]]) -> list[str] | None:
    """The arm named right after each value, one different arm for each ("25% of women with A versus 9% of women with
    B", "41 (82%) of 50 women in the A group and 45 (87%) of 52 in the B group"), or None unless every value has one."""
    labels = []
    for _, end in values:
        label = _arm_right_after(sentence, end, arm_spans)
        if label is None or label in labels:
            return None
        labels.append(label)
    return labels if len(labels) >= 2 else None


def _arm_right_after(sentence: str, end: int, arm_spans: Sequence[tuple[int, int, str]]) -> str | None:
    """The first arm named within 90 characters after a value ending at ``end``, joined to it by :data:`_AFTER_GAP`, or None."""
    return next((label for a, _, label in arm_spans if end <= a <= end + 90 and _AFTER_GAP.fullmatch(sentence, end, a)), None)


def _near_arm(start: int, end: int, arm_spans: Sequence[tuple[int, int, str]]) -> bool:
    """Whether an arm is named close enough to a value for :func:`_bound_arm` to bind them (distances only)."""
    for a, b, _ in arm_spans:
        if end <= a <= end + 90 or (b <= start and start - b <= 20):
            return True
    return arm_spans[0][1] <= start and arm_spans[0][0] <= 60


def _bound_arm(sentence: str, start: int, end: int, arm_spans: Sequence[tuple[int, int, str]]) -> str | None:
    """The arm named right beside a value (after it, else before it), or None."""
    after = _arm_right_after(sentence, end, arm_spans)
    if after is not None:
        return after
    for a, b, label in arm_spans:
        if b <= start and start - b <= 20 and _BEFORE_GAP.fullmatch(sentence, b, start) and _LABEL_LEAD.search(sentence, max(0, a - 12), a):
            return label
    # the opener of the sentence: "In the letrozole arm, 88% of women ..."
    first = arm_spans[0]
    if first[1] <= start and _OPENER.fullmatch(sentence, 0, first[0]) and _OPENER_GAP.fullmatch(sentence, first[1], start):
        return first[2]
    return None
