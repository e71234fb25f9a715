"""Per-arm values of any outcome in sentences that set the arms side by side.

The outcome finder (:mod:`extractors.outcomes`) reads the named measures (response,
survival, grade >= 3 toxicity).  Trials report many other outcomes per arm: nausea,
hot flashes, neutropenia, breast conservation, time to progression, completion
rates.  This module reads those values as ``OTHER`` findings named by the words the
authors use, in the ways comparisons are written:

* "febrile neutropenia was seen in 21.4% of women given A and in 12.9% of those on B";
* "nausea (68% vs 27%)", "X% versus Y% (P = .01)", "n/N (X%) vs m/M (Y%)", "in 12 (8%) and 20 (13%) patients";
* "X% and Y% in the A and B groups, respectively", "for A and B, respectively, ... (X% and Y%)";
* "(A, X%; B, Y%)", "A: X%; B: Y%", "X% with A compared with Y% with B";
* medians with a time unit: "median time to progression was 9.4 months with A and 6.0 months with B",
  "13 [9-16] days in the A group and 11 [8-15] days in the B group", "6 and 12 months in the A and B arms".

A value is kept only when it is given an arm (:func:`~extractors.attribution.arms_for`);
values already read as a named measure (their spans are passed in) are left alone, and
so is every value of a group that holds one.  Values of one outcome form a group when
only arm names, linking words and bracketed asides (counts, intervals, p-values) lie
between them; any other word starts a new outcome.  Baseline comparisons (age,
menopausal status, stage, receptor status...), allocation splits, design figures
(power, alpha) and relative changes are not outcomes and are skipped.  The outcome's
name comes from :mod:`extractors.outcome_names`.  Medians of time to progression and of
duration of response get their own measures (``TTP``, ``DOR``), keeping the name as well.
"""

from __future__ import annotations

import re
from typing import Any, Callable, Sequence

from extractors.arm_values import arms_after, arms_respectively
from extractors.attribution import RESPECTIVELY, ArmMention, arm_spans_in, arms_for
from extractors.hits import NUM, NUMW, Hit, guarded, months_from, within_any
from extractors.lexicon import load_lexicon
from extractors.numbers import CI_RE, P_RE, is_signed_at, p_from_match, parse_number, words_to_number
from extractors.outcome_names import name_after, outcome_name

__all__ = ["find_comparisons"]

GROUP = "comparison"

_PERCENT = guarded(re.compile(rf"(?<![\w.·])({NUM})\s*(?:%|per\s?cent\b|percent\b)", re.I), r"[\d.·]")
_DURATION = guarded(re.compile(
    rf"(?<![\w.·/])(?P<num>{NUM})\s*(?:[(\[][^()\[\]]{{0,40}}[)\]]\s*)?(?P<unit>months?|mos?|years?|yrs?|weeks?|wks?|days?)\b",
    re.I,
), r"[\d.·]")
_BARE = guarded(re.compile(rf"(?<![\w.·/%-])({NUM})(?![\w%·/]|[.·]\d)"), r"[\d.·]")
_BARE_GAP = re.compile(r"\s*(?:,\s*)?(?:and|vs\.?|v\.?|versus|or|to)\s*$|\s*,\s*$", re.I)
#: a range's opening word or dash before a value ("range 2-15", "from 3 to 9"); "compared to 9%", a level reached ("rose to
#: 51%", "fell to 12%") and the share a treatment was given to ("given to 37% (A) and 36% (B)") are values, not a range's end
_RANGE_BEFORE = guarded(re.compile(r"(?:\brange[sd]?\b|\bIQR\b|\binterquartile\b|\bbetween\b|\bfrom\b)[^()\[\]]{0,12}$|[-–‐]\s*$|(?<!compared )(?<!comparable )(?<!similar )(?<!relative )(?<!increased )(?<!decreased )(?<!improved )(?<!declined )(?<!dropped )(?<!reduced )(?<!rose )(?<!fell )(?<!amounted )(?<!and )(?<!given )(?<!administered )(?<!offered )(?<!prescribed )(?<!delivered )(?<!provided )\bto\s*$", re.I), r"[ribft\-–‐]")
_CI_AFTER = re.compile(r"\s*(?:(?:one|two)-sided\s+|upper\s+|lower\s+|exact\s+){0,3}(?:CI\b|confidence|C\.I\.|credible|CrI\b)", re.I)
_SAMPLE_SHARE = re.compile(r"\s*[;,]\s*n\s*=", re.I)  # "(40%; n = 1950)": a share of the sample, not an outcome
_NOT_A_RATE = re.compile(
    r"(?:\b(?:above|exceeding|more\s+than|less\s+than|below|at\s+least|up\s+to|over|under)|[><≥≤])\s*(?:or\s*=\s*)?$"
    r"|\b(?:difference|differences|reduction|reduced\s+by|improvement|improved\s+by|increased?\s+by|absolute|relative|decreased?\s+by|"
    r"gain|benefit\s+of|margin|power|alpha|probability|risk\s+reduction)\b[^%\d]{0,12}$"
    r"|\b(?:cut-?offs?|cut-?off\s+points?|thresholds?)\s+(?:of|at|set\s+at)\s*$"
    r"|\b(?:declined|dropped|fell|rose|lowered|raised|changed|shortened|lengthened|grew|diminished)\s+by\s*$",
    re.I,
)
_NOT_A_RATE = guarded(_NOT_A_RATE, r"[aembuodrigpfslct><≥≤]")  # the letters its words start with (any case)
#: lower-case pieces one of which every match of _NOT_A_RATE (and of _RANGE_BEFORE) holds: substring tests before the scans
_NOT_A_RATE_KEYS = ("above", "exceed", "more", "less", "below", "least", "up to", "over", "under", ">", "<", "≥", "≤", "differ", "reduc",
                    "improv", "increase", "absolute", "relative", "decrease", "gain", "benefit", "margin", "power", "alpha", "probab", "risk",
                    "declined", "dropped", "fell", "rose", "lowered", "raised", "changed", "shortened", "lengthened", "grew", "diminished",
                    "cut", "threshold")
_RANGE_KEYS = ("range", "iqr", "interquartile", "between", "from", "-", "–", "‐", "to")
_CHANGE_AFTER = re.compile(
    r"\s*(?:or\s+(?:more|greater|higher|above|less|lower|below|over)\b"  # "a weight loss of 5% or more": a threshold
    r"|(?:relative\s+|absolute\s+|risk\s+)?(?:reductions?|decreases?|increases?|improvements?|gains?|declines?|rises?|fewer|more|lower|higher|less|greater"
    r"|power|significance|confidence|effect\s+size|(?:one|two)-sided)\b)",
    re.I,
)
#: what may follow a lone per-arm percentage ("30% of patients", "30% in the A arm"); "0.25% ropivacaine" is a strength
_LONE_FOLLOWER = re.compile(r"\s*(?:[()\[\],;:.]|$|(?:of|in|and|or|with|for|among|at|on|vs\.?|v\.?|versus|compared|respectively|were|was|had|patients|women|participants|cases)\b)", re.I)
_COUNT_BEFORE = guarded(re.compile(rf"(?<![\w.·/])(?P<c>{NUM})\s*(?:/|of|out\s+of)?\s*(?P<d>{NUM})?\s*(?:patients?\s*|women\s*)?[(\[]\s*$", re.I), r"[\d.·]")
_COUNT_COMMA = guarded(re.compile(rf"(?<![\w.·/])(?P<c>{NUM})\s*(?:/|of|out\s+of)\s*(?P<d>{NUM})\s*,\s*$", re.I), r"[\d.·]")  # "(35 of 37, 95%)"
_COUNT_AFTER = re.compile(rf"\s*[(\[]\s*(?:n\s*=\s*)?(?P<c>{NUM})\s*(?:/|of|out\s+of)\s*(?P<d>{NUM})\s*[)\],;]", re.I)
_OF_DENOMINATOR = re.compile(rf"\s*\)\s*of\s+(?:the\s+|all\s+)?(?P<d>{NUM})\b")

# words that may lie between two values of one outcome (arm names are blanked out first)
_LINK_WORDS = frozenset(
    "vs vs. v v. versus and or compared comparison with to than in of the for among on patients women men participants subjects "
    "those who whom received receiving treated given assigned allocated randomized randomised group groups arm arms cohort "
    "cohorts respectively while whereas but after following taking undergoing underwent a an by was were as did cases "
    "recipients users respective corresponding only each also it that this rate rates events n".split()
)
_GAP_TOKEN = re.compile(r"[A-Za-z][\w.-]*|\d+(?:[.·]\d+)?|[^\sA-Za-z\d]")
_GAP_PUNCT = frozenset(",;:()[]=/&")  # "&": an "and" ("46.9%, 27.1% & 4.2%")
_BRACKET = re.compile(r"[(\[][^()\[\]]*[)\]]")

_BASELINE = re.compile(
    r"\b(?:ages?|aged|years?\s+old|baseline|characteristics?|demographics?|BMI|body\s+mass|weight|height|"
    r"(?:pre|post|peri)?-?menopausal|menopause|race|racial|ethnic\w*|white|black|asian|hispanic|married|education\w*|employ\w*|"
    r"smok\w*(?!\s+(?:cessation|abstinence|quit))|stages?|node-?(?:positive|negative)|nodal|lymph\s+nodes?|receptors?|ER|PR|HER2|ER-positive|hormone\s+receptor|"
    r"histolog\w*|tumou?r\s+size|performance\s+status|ECOG|comorbid\w*|enrolled|randomi[sz]ed|allocated|compliance\s+with\s+randomi[sz]ation)\b",
    re.I,
)
def _not_a_rate_before(sentence: str, lower: str, at: int, keys: Sequence[str] | None = None) -> bool:
    """Whether the 40 characters before ``at`` end with words that make the number no per-arm rate ("more than",
    "a reduction of"); with ``keys`` (the key words the lower-cased sentence holds), the pattern runs only when one of
    them is there."""
    lo = max(0, at - 40)
    if keys is not None:
        window = lower[lo:at]
        if not any(k in window for k in keys):
            return False
    return _NOT_A_RATE.search(sentence[lo:at]) is not None


def _baseline_lead(sentence: str, lower: str, start: int, end: int) -> bool:
    """Whether a baseline word lies between ``start`` and ``end`` (a substring test first: the pattern is costly)."""
    window = lower[start:end]
    if not any(k in window for k in _BASELINE_LEAD_KEYS):
        return False
    for m in _BASELINE_LEAD.finditer(sentence, start, end):
        if m.group().lower() != "baseline" or not _CHANGE_FROM_BASELINE.match(_baseline_context(sentence, start, m.start(), end)):
            return True
    return False


def _baseline_name(name: str, lower: str, start: int, end: int) -> bool:
    """Whether an outcome's name is a baseline one; "baseline" alone does not make it so when the lead before the values
    (``lower[start:end]``, already cleared by :func:`_baseline_lead`) holds it as part of a change ("at baseline improved")."""
    if name and "to" in name:
        name = _ASSIGNED_TO.sub(" ", name)  # "allocated to": how the arm's patients are named ("8% in patients allocated to B")
    found = [m.group().lower() for m in _BASELINE.finditer(name)] if name else []
    return bool(found) and (any(w != "baseline" for w in found) or "baseline" not in lower[start:end])


_ASSIGNED_TO = re.compile(r"\b(?:randomly\s+)?(?:allocated|randomi[sz]ed|assigned)\s+to\b", re.I)


def _baseline_context(sentence: str, start: int, at: int, end: int) -> str:
    """The lead's words around "baseline" at ``at`` as one string: "<before>|<after>"."""
    return sentence[max(start, at - 25) : at] + "|" + sentence[at + 8 : end]


#: "baseline" in a change's words, not a baseline comparison: after "from", "since", "over", "relative to", "compared
#: with" ("a 2-point gain from baseline"), after "without" (a subgroup: "of women without baseline pain, 36% vs 12%
#: had new-onset pain"), or before a verb of change ("X at baseline improved in 43% ...")
_CHANGE_FROM_BASELINE = re.compile(
    r".*\b(?:from|since|over|above|below|relative\s+to|compared\s+(?:with|to)|vs\.?|versus)\s+(?:the\s+)?\|"
    r"|.*\b(?:without|free\s+of|with\s+no)\s+(?:any\s+)?\|"  # a subgroup free of it ("of women without baseline pain")
    r"|.*\|\s*(?:\w+\s+){0,2}(?:improved|worsened|decreased|increased|declined|resolved|normali[sz]ed|changed|regressed|disappeared)\b",
    re.I | re.S,
)


#: words before the values that make the comparison a baseline one ("Stage II disease was present in 45% and 48%")
_BASELINE_LEAD = guarded(re.compile(r"\b(?:ages?|aged|baseline|characteristics?|demographics?|stages?|(?:pre|post|peri)?-?menopausal|BMI|body\s+mass)\b", re.I),
                         r"[abcdspm\-]")
_BASELINE_LEAD_KEYS = ("age", "baseline", "characteristic", "demographic", "stage", "menopaus", "bmi", "body")
_TIME_TO_EVENT = re.compile(r"\btimes?\s+to\b|\bduration\s+of\s+(?:response|remission|benefit|disease\s+control)|\bresponse\s+duration|\bTT[PFR]\b|\bDo?R\b", re.I)
_MEDIAN_AFTER = re.compile(r"\s*(?:months?|mos?|years?|weeks?|days?)?\s*median\b", re.I)
#: a clause that opens with a time to an event, its name ending at the verb
_TIME_SUBJECT = re.compile(
    r"\s*(?:the\s+)?((?:median\s+)?(?:times?\s+to\s+[A-Za-z][\w/-]*(?:\s+[A-Za-z][\w/-]*){0,4}?|(?-i:TT[PFR]s?|DoRs?|DORs?)"
    r"|durations?\s+of\s+(?:objective\s+|overall\s+)?response))\s+(?:was|were|is|are|had|did)\b",
    re.I,
)
_MEDIAN_NOT_OUTCOME = re.compile(r"\b(?:age|aged|follow-?up|dose|doses|cycles?|observation\s+period|duration\s+of\s+(?:treatment|therapy|follow-?up))\b", re.I)



def find_comparisons(
    text: str,
    sentences: Sequence[tuple[int, int]],
    arms: Sequence[ArmMention] | Callable[[], Sequence[ArmMention]],
    taken: Sequence[tuple[int, int]] = (),
) -> list[Hit]:
    """Per-arm ``OTHER`` values in every sentence of ``text`` (character offsets into ``text``).

    ``arms`` are the study's arms as mention patterns (two or more, else nothing is read), or a
    function giving them, called only when some sentence is worth reading; ``taken`` are spans
    already read as a named measure: a group holding one is skipped.
    """
    hits: list[Hit] = []
    spans: dict[int, list] = {}  # arm mentions by sentence index, for the look-back to an opening arm
    order: tuple[int, list[str]] | None = None  # the arms' order in the last sentence that gave every arm a value
    # without these words anywhere, a sentence with no percentage has nothing to read (the test _may_compare starts with)
    words = "edian" in text or "cent" in text or "ime to" in text or "imes to" in text or "uration" in text or "TT" in text
    for index, (s, e) in enumerate(sentences):
        percents = text.count("%", s, e)
        if not percents and not words:
            continue
        sentence = text[s:e]
        if percents < 2 and not _may_compare(sentence, percents):
            # "Nausea occurred in 29% of women.": one value, read only under an arm an earlier sentence opened with
            # (cheap tests first: the arm patterns are built only when some sentence is worth reading)
            if not percents or _WHOLE_COHORT.match(sentence):
                continue
            opener = index > 0 and _opener_before(text, sentences, index)
            if not opener and _ARM_OF_PEOPLE_KEY.search(sentence) is None:
                continue
            if callable(arms):
                arms = arms()
            if len(arms) < 2:
                continue
            if not (opener and _context_before(text, sentences, index, arms, spans) is not None) and not _one_arm_with_share(sentence, arms):
                continue
        lower = sentence.lower()
        if ("previous" in lower or "prior " in lower or "earlier " in lower or "literature" in lower or "have been" in lower) and _OTHER_STUDIES.search(sentence):
            continue  # "Previous studies found anxiety in 20-30% of treated women compared with 6% of healthy women": not this trial's arms
        local = [(a - s, b - s) for a, b in taken if s <= a < e]
        if local and not _left_to_read(sentence, lower, local):
            continue
        if callable(arms):
            arms = arms()
        if len(arms) < 2:
            return []
        found = _find_in_sentence(sentence, lower, arms, local, (text, sentences, index, arms, spans),
                                  order[1] if order is not None and order[0] == index - 1 else None)
        for hit in found:
            hits.append(hit._replace(start=hit.start + s, end=hit.end + s))
        seen = list(dict.fromkeys(hit.payload["arm"] for hit in found))
        if len(seen) == len(arms) >= 2:
            order = (index, seen)  # "... (29.7% vs 26.1%). ... even better (35.5% vs 29.7%)": the next sentence keeps this order
    return hits


#: a share of some arm's people: "30% of A patients", "30% of patients receiving A", "30% with A" (a cheap gate first)
_ARM_OF_PEOPLE_KEY = re.compile(r"%\s*(?:\([^()]{0,20}\)\s*)?(?:of|in|with|among|on)\b|\b(?:was|were|is|reached|of)\s+\d+(?:\.\d+)?\s*%")
_SHARE_THEN_ARM = re.compile(
    r"\d\s*%\s*(?:\([^()]{0,20}\)\s*)?(?:of|in|with|among|on)\s+(?:the\s+|all\s+|those\s+)?(?:(?:patients|women|participants|subjects)\s+)?"
    r"(?:(?:receiving|given|treated\s+with|taking|on|in|assigned\s+to|randomi[sz]ed\s+to|allocated\s+to)\s+(?:the\s+)?)?$",
    re.I,
)


def _one_arm_with_share(sentence: str, arms: Sequence[ArmMention]) -> bool:
    """Whether a one-share sentence names one arm only, right after its share ("30% of A patients", "in 30% of
    patients receiving A"): that arm's value, read with no other arm in sight."""
    spans = arm_spans_in(sentence, arms)
    if not spans or len({label for _, _, label in spans}) != 1:
        return False
    x, y, _ = spans[0]
    if _CHANGE_OF_SHARE.search(sentence, max(0, x - 150), x) is not None:
        return False  # "an increase in survival of about 4% with A": a change the arm brought, not a share of its people
    if _SHARE_THEN_ARM.search(sentence, max(0, x - 70), x) is not None:
        return True
    return _ARM_LED_BEFORE.search(sentence, max(0, x - 40), x) is not None and _ARM_THEN_SHARE.match(sentence, y) is not None


#: a change sized by the share before an arm: "an increase in X of about 4% with", "reduced the risk by 12% in"
_CHANGE_OF_SHARE = re.compile(
    r"\b(?:increases?|decreases?|reductions?|improvements?|gains?|benefits?|differences?|rises?|declines?|increased|decreased|reduced|improved)\b"
    r"[^.;%]{0,80}?\b(?:of|by)\s+(?:about\s+|approximately\s+|around\s+|nearly\s+|almost\s+|some\s+|roughly\s+)?\d+(?:[.·]\d+)?\s*%[^%]*$",
    re.I,
)
_ARM_LED_BEFORE = re.compile(r"\b(?:for|in|with|among|on|receiving|given|treated\s+with)\s+(?:the\s+|those\s+)?$", re.I)
#: from an arm's name to its one share in the same clause: "(for B) was 12%", "(among those receiving B), the rate was 12%"
_ARM_THEN_SHARE = re.compile(r"(?:[\s-]+(?:arm|group|patients))?\s*,?\s+(?:the\s+)?(?:\w+\s+){0,3}(?:was|were|is|reached|of)\s+\d+(?:\.\d+)?\s*%", re.I)


def _opened_arm(text: str, sentences: Sequence[tuple[int, int]], index: int, arms: Sequence[ArmMention], spans: dict[int, list],
                own_spans: list[tuple[int, int, str]]) -> str | None:
    """The arm sentence ``index`` (whose arm mentions are ``own_spans``) or one of the two before it opened with."""
    spans[index] = own_spans
    s, e = sentences[index]
    own = _opening_arm(text[s:e], arms, own_spans) if text[s : s + 1] in _OPENING_FIRST else None
    return own if own is not None else _context_before(text, sentences, index, arms, spans)


def _context_before(text: str, sentences: Sequence[tuple[int, int]], index: int, arms: Sequence[ArmMention], spans: dict[int, list]) -> str | None:
    """The arm one of the two sentences before ``index`` opened with, none naming an arm in between, else None
    (``spans``: arm mentions by sentence index, filled as they are found)."""
    for j in range(index - 1, max(-1, index - 1 - _CONTEXT_SENTENCES), -1):
        s, e = sentences[j]
        if text[s : s + 1] in _OPENING_FIRST and text[s : s + 7].lower().startswith(_OPENING_WORDS):
            opened = _opening_arm(text[s:e], arms, spans.get(j))  # (its opening phrase is looked at first, when not yet known)
            if opened is None:
                return None
            return None if any(_spans_of(text, sentences, k, arms, spans) for k in range(j + 1, index)) else opened
    return None


def _opener_before(text: str, sentences: Sequence[tuple[int, int]], index: int) -> bool:
    """Whether one of the two sentences before ``index`` starts with an opening word ("In", "For", "Among"...)."""
    for j in range(index - 1, max(-1, index - 1 - _CONTEXT_SENTENCES), -1):
        s = sentences[j][0]
        if text[s : s + 1] in _OPENING_FIRST and text[s : s + 7].lower().startswith(_OPENING_WORDS):
            return True
    return False


def _spans_of(text: str, sentences: Sequence[tuple[int, int]], index: int, arms: Sequence[ArmMention], spans: dict[int, list]) -> list:
    found = spans.get(index)
    if found is None:
        s, e = sentences[index]
        found = spans[index] = arm_spans_in(text[s:e], arms)
    return found


_OPENING_FIRST = frozenset("IiFfAaWw")
_OPENING_WORDS = ("in ", "for ", "among ", "within ", "with ")
_CONTEXT_SENTENCES = 2
_OPENING_ARM = re.compile(
    r"\s*(?:(?:in\s+comparison|in\s+contrast|by\s+contrast|conversely|similarly|likewise|meanwhile),?\s+)?(?:in|for|among|within|with)\s+(?:the\s+|all\s+)?(?:(?:\d+\s+)?(?:patients|women|participants|subjects)\s+(?:receiving|treated\s+with|in|on|given|assigned\s+to)\s+(?:the\s+)?)?$",
    re.I,
)
_OPENING_END = re.compile(
    r"\s*(?:\(\s*n\s*=\s*\d+\s*\)\s*)?(?:arm|group|cohort|patients|women|participants|subjects|recipients|users|samples)?\s*(?:\(\s*n\s*=\s*\d+\s*\)\s*)?[,:]", re.I
)
#: openings that speak of everyone, whatever arm an earlier sentence opened with
_WHOLE_COHORT = re.compile(r"^\s*(?:overall|in\s+total|in\s+both|in\s+all|in\s+each|across|all\s+patients|of\s+all|in\s+the\s+(?:whole|entire|overall|total))\b", re.I)


def _opening_arm(sentence: str, arms: Sequence[ArmMention], spans: list[tuple[int, int, str]] | None = None) -> str | None:
    """The arm a sentence opens with and alone names ("In the A arm, ...", "Among 40 patients receiving A: ..."), else None
    (``spans``: the sentence's arm mentions, when already found)."""
    if not sentence[:7].lower().startswith(_OPENING_WORDS) or _WHOLE_COHORT.match(sentence):
        return None
    if spans is None:
        cut = min((i for i in (sentence.find(",", 0, 120), sentence.find(":", 0, 120)) if i >= 0), default=-1)
        if cut < 0 or not arm_spans_in(sentence[:cut], arms):
            return None  # the opening phrase, up to its comma, names no arm: no need to look for arms in the whole sentence
        spans = arm_spans_in(sentence, arms)
    if not spans or len({label for _, _, label in spans}) != 1:
        return None
    x, y, label = spans[0]
    return label if x <= 60 and _OPENING_END.match(sentence, y) and _OPENING_ARM.fullmatch(sentence, 0, x) else None


_DIGIT = re.compile(r"\d")
_TIME_KEYS = ("month", "year", "week", "day", " mo")
_DURATION_KEYS = ("median", "time to", "times to", "duration", "ttp", "ttf")
_ONE_PERCENT_KEYS = ("per cent", "percent", " arm", " group", "respectively", " vs", "versus")


def _may_compare(sentence: str, percents: int | None = None) -> bool:
    """Two percentages, one with an arm or comparison word, or "median" and a time unit: the cheap test before any pattern
    runs (``percents``: the number of "%" in the sentence, when already counted)."""
    if percents is None:
        percents = sentence.count("%")
    if percents >= 2:
        return True
    if not percents:
        if "edian" in sentence:  # medians: of a time, or in a unit printed with a number
            lower = sentence.lower()
            return any(k in lower for k in _TIME_KEYS) or _PRINTED_UNIT_GATE.search(sentence) is not None
        if "cent" not in sentence and "ime to" not in sentence and "imes to" not in sentence and "uration" not in sentence and "TT" not in sentence:
            return False
        if _DIGIT.search(sentence) is None:
            return False  # every value read here is written in digits
    lower = sentence.lower()
    if any(k in lower for k in _DURATION_KEYS) and any(k in lower for k in _TIME_KEYS):
        return True
    if "cent" in sentence:
        percents += lower.count("per cent") + lower.count("percent")
    return percents >= 2 or percents == 1 and any(k in lower for k in _ONE_PERCENT_KEYS)


_UNIT_AFTER_NUMBER = re.compile(r"\d\s*(?:[(\[][^()\[\]]{0,40}[)\]]\s*)?(?:months?|mos?|years?|yrs?|weeks?|wks?|days?)\b", re.I)


def _left_to_read(sentence: str, lower: str, taken: list[tuple[int, int]]) -> bool:
    """Whether a percentage (or, with "median", a time) lies outside the spans the outcome finder read
    (``lower``: ``sentence`` lower-cased)."""
    at = sentence.find("%")
    while at >= 0:
        if not any(a <= at < b for a, b in taken) and not _CI_AFTER.match(sentence, at + 1):
            return True
        at = sentence.find("%", at + 1)
    if "cent" in sentence and ("per cent" in lower or "percent" in lower):
        return True  # percentages in words: rare, read without the finer test
    if any(k in lower for k in _DURATION_KEYS):
        return any(not any(a <= m.start() < b for a, b in taken) for m in _UNIT_AFTER_NUMBER.finditer(sentence))
    return False


def _find_in_sentence(sentence: str, lower: str, arms: Sequence[ArmMention], taken: list[tuple[int, int]], where: tuple | None = None,
                      order: Sequence[str] | None = None) -> list[Hit]:
    """Per-arm values of one sentence; ``where`` (text, sentences, index, arms, arm mentions by index) lets it look up the
    arm this sentence or an earlier one opened with (used only when this one names no other arm); ``order`` is the arms'
    order in the sentence before, which values this one sets side by side without naming an arm follow."""
    blocked = [(m.start(), m.end()) for m in CI_RE.finditer(sentence)] if ("CI" in sentence or "onfidence" in sentence or "(" in sentence or "[" in sentence) else []
    # a p-value needs "p" or "P" and a comparison sign
    ps = list(P_RE.finditer(sentence)) if ("p" in sentence or "P" in sentence) and ("=" in sentence or "<" in sentence or ">" in sentence or "≤" in sentence or "≥" in sentence or "‹" in sentence or "›" in sentence) else []
    blocked.extend((m.start(), m.end()) for m in ps)
    values = _percent_values(sentence, blocked, lower)
    if any(k in lower for k in _DURATION_KEYS):
        values += _durations(sentence, blocked, "reached" in lower)
        values.sort(key=lambda v: v["start"])
    printed = _printed_medians(sentence, lower, blocked, values) if "median" in lower and _PRINTED_UNIT_GATE.search(sentence, lower.find("median")) else []
    shifts = list(_FROM_TO.finditer(sentence)) if " from " in lower and " to " in lower and len(arms) == 2 else []
    if not values and len(printed) < 2 and not shifts:
        return []
    arm_spans = arm_spans_in(sentence, arms, lower)
    if shifts:
        found = _from_to(sentence, lower, shifts, arm_spans, arms, taken, ps)
        if not values and len(printed) < 2:
            return found
    else:
        found = []
    context = None
    if where is not None and (not arm_spans or sentence[:1] in _OPENING_FIRST and all(label == arm_spans[0][2] for _, _, label in arm_spans)):
        context = None if _WHOLE_COHORT.match(sentence) else _opened_arm(*where, arm_spans)  # an arm an earlier sentence opened with, or this one
        if any(label != context for _, _, label in arm_spans):
            context = None
    if not arm_spans and len(values) < 2 and len(printed) < 2 and context is None:
        return []
    groups = _groups(sentence, values, arm_spans)
    if len(printed) >= 2:  # grouped apart, so that they never split or join the groups of rates and times
        groups = sorted(groups + _groups(sentence, printed, arm_spans), key=lambda g: g[0]["start"])
    closed = _runs_closed_by_arms(sentence, groups, arm_spans) if len(arm_spans) >= 2 and sum(len(g) >= 2 for g in groups) >= 2 else {}
    clauses = _clauses_opened_by_arms(sentence, arm_spans) if context is None and ";" in sentence and len(arm_spans) >= 2 else []
    closing = _closing_arm(sentence, values, arm_spans) if context is None and len(arm_spans) == 1 and len(values) >= 2 and len(groups) >= 2 else None
    hits: list[Hit] = []
    previous_end = 0
    for index, group in enumerate(groups):
        start_of_group = previous_end
        previous_end = group[-1]["end"]
        if any(_overlaps(v, taken) for v in group) or all(v["value"] is None for v in group):
            continue  # (a median "not reached" is read only beside a time of the other arm)
        if len(group) == 1 and group[0].get("total"):
            continue  # the whole cohort's share, split by arm after the colon
        kind = group[0]["kind"]
        runs = closed.get(index)
        clause = next((label for a, b, label in clauses if a <= group[0]["start"] and group[-1]["end"] <= b), None) if clauses else None
        if runs is not None:
            pass  # "13 and 15% at 1 and 2 years in the A arm and 8 and 9% in the B arm": each run closed by its own arm
        elif closing is not None:
            runs = [closing] * len(group)  # "X was found in 71% of cases, Y in 53% and Z in 25% among the A group"
        elif clause is not None and not _COMPARED_WORDS.search(sentence, group[0]["end"], group[-1]["start"]):
            if len(group) == 1 and not _LONE_FOLLOWER.match(sentence, group[0]["end"]):
                continue
            runs = [clause] * len(group)  # "In the A group, X in 5 (15%) and Y in 14 (42%); in the B group, X in 2 (6%) ..."
        elif context is not None and not _COMPARED_WORDS.search(sentence, group[0]["end"], group[-1]["start"]):  # "30% vs 20%": the arms' order decides
            if len(group) == 1 and not _LONE_FOLLOWER.match(sentence, group[0]["end"]):
                continue
            runs = [context] * len(group)  # "In the A arm, ... . Nausea occurred in 29% and vomiting in 12%."
        elif len(group) >= 4:
            runs = _per_arm_runs(sentence, group, arm_spans) or _versus_halves(sentence, group, arm_spans) or _pairs_respectively(sentence, group, arm_spans)
        if runs is None and len(group) >= 2:
            runs = _one_arm_only(sentence, group, arm_spans, [arm.label for arm in arms])
            if runs == []:
                continue  # "30% vs 20% with A": a comparison whose other side is not named
        if runs is not None:
            labels: list[str | None] = runs  # several outcomes per arm: "x% and y% in the A group; z% and w% in the B group"
        elif len(group) == 1 and not _LONE_FOLLOWER.match(sentence, group[0]["end"]):
            continue
        elif len(group) == 1 and len(values) >= 2 and (tight := _tight_label(sentence, group[0], arm_spans)) is not None:
            labels = [tight]  # "arm Y 41.7% (20/48) exceeded arm X 27.1%", "in 14 X patients (29%)"
        elif len(group) == 1 and (total_arm := _of_arm_total(sentence, group[0], arm_spans)) is not None:
            labels = [total_arm]  # "seven (6%) of the 117 women in the A group"
        elif len(group) == 1 and not _arm_beside(sentence, group[0], arm_spans):
            listed = _listed_arm(sentence, group[0], arm_spans)
            if listed is None:
                continue
            labels = [listed]  # "nausea (29%) and diarrhoea (17%) in the A arm": one item of a list the arm closes or opens
        elif len(group) > max(len(arms), 2) or len({v["value"] for v in group}) < len(group) and len(group) > 2:
            own = _labelled(sentence, group, arm_spans) if len(group) <= len(arms) + 1 else None
            if own is None:
                continue  # a list, not one value per arm (unless each has its own label: "(arm X, 38%; arm Y, 51%; arm Z, 51%)")
            labels = own
        else:
            spans = [(v["start"], v["end"]) for v in group]
            labels = _labelled(sentence, group, arm_spans) or arms_after(sentence, spans, arm_spans) or (
                arms_respectively(sentence, spans, arm_spans) if "espectively" in sentence or "resp." in sentence else None) or _by_nearest_comparative(sentence, group, arm_spans, start_of_group) or arms_for(
                sentence, group, arm_spans, _in_order(arms, order) if order and not arm_spans else arms)
        if not any(labels):
            continue
        described = len(group) == 2 and group[1].get("described")
        name = name_after(sentence, group[0]["end"], arm_spans, group[1]["start"]) if described else ""
        if not name:
            name = outcome_name(sentence, group[0]["start"], start_of_group, arm_spans)
        if not name:
            name = name_after(sentence, group[-1]["end"], arm_spans)
        if _allocation(sentence, group):
            continue  # "77 (51.3%) were randomised to A and 73 (48.7%) to B": who went where, not an outcome
        if kind == "rate" and _change_or_design(sentence[_clause_start(sentence, group[0]["start"]) : group[0]["start"]]):
            continue  # "Median reduction in pain score was 49% for A and 55% for B", "a type I error of 5%": no share of the arm
        # the lead runs from the clause start, but not back past the values before when these values name their own
        # subgroup ("x% and y% in premenopausal women, respectively, and that in patients with Z was ..."): those words are theirs
        lead_start = _clause_start(sentence, group[0]["start"])
        if start_of_group > lead_start and _SUBGROUP_LEAD.search(sentence, start_of_group, group[0]["start"]):
            lead_start = start_of_group
        if _baseline_name(name, lower, lead_start, group[0]["start"]) or _baseline_lead(sentence, lower, lead_start, group[0]["start"]):
            if _subgroup_outcome(sentence, group, arm_spans, start_of_group):
                name = f"subgroup: {name}" if name else "subgroup"  # the words name the subgroup, not the outcome
            else:
                continue  # a baseline comparison (age, stage, menopausal status...) or a subgroup defined by one, arms unclear
        if kind == "printed" and (len(group) < 2 or _MEDIAN_NOT_OUTCOME.search(name) or _BASELINE.search(name)):
            continue  # a median in the unit the text prints: only side by side, never age, dose or follow-up
        if kind == "median":
            lead = sentence[max(start_of_group, _clause_start(sentence, group[0]["start"])) : group[0]["start"]].lower()
            tail = sentence[group[-1]["end"] : group[-1]["end"] + 40]
            if _MEDIAN_AFTER.match(tail):  # "17.4 versus 16.8 months median time to recurrence in the A and B arms"
                name = name_after(sentence, group[-1]["end"], arm_spans) or name
            elif not _TIME_TO_EVENT.search(name) and "median" not in lead and "mean" not in lead:
                subject = _TIME_SUBJECT.match(sentence, _clause_start(sentence, group[0]["start"]))
                if subject:  # "Time to pain progression was delayed in the A arm versus the B arm (8.3 vs 5.2 months)"
                    name = subject.group(1)
            said = "median" in lead or "median" in name.lower() or (_TIME_TO_EVENT.search(name) and "mean" not in lead)
            if not said or _MEDIAN_NOT_OUTCOME.search(name) or _MEDIAN_NOT_OUTCOME.search(lead) or _MEDIAN_NOT_OUTCOME.search(tail):
                continue  # a time is a median when the text says so, or names a time to an event ("TTP was 8.8 vs 6.0 months")
        names = _coordinated_names(sentence, name, group[0]["start"], start_of_group, arm_spans, len(group) // len(set(labels))) if runs else None
        overall = kind == "rate" and runs is None and _overall_severe_toxicity(sentence, start_of_group, group[0]["start"])
        for i, (v, arm) in enumerate(zip(group, labels)):
            if arm is None:
                continue
            hit = _hit(sentence, v, arm, names[i % len(names)] if names else name, ps)
            if overall:  # "grade 3-5 events affected 39%, 47% and 22% of patients in the three arms": the grade >= 3 rate
                hit.payload.update(measure="TOX_G3PLUS", outcome=None)
                hit = hit._replace(label="TOX_G3PLUS")
            hits.append(hit)
    if found:
        hits = sorted(hits + found, key=lambda h: h.start)
    return hits


def _in_order(arms: Sequence[ArmMention], order: Sequence[str]) -> list[ArmMention]:
    """``arms`` in ``order`` (labels), those it does not name after them."""
    rank = {label: i for i, label in enumerate(order)}
    return sorted(arms, key=lambda arm: rank.get(arm.label, len(rank)))


_SHIFT_UNIT = r"(?P<{0}>%|\s*per\s?cent\b|\s*percent\b|\s*(?:months?|mos?|years?|yrs?|weeks?|wks?|days?)\b)"
#: "from X to Y": a change the subject arm brought, X the other arm's value and Y its own
_FROM_TO = guarded(re.compile(
    rf"\bfrom\s+(?P<x>{NUM})\s*{_SHIFT_UNIT.format('ux')}?\s+to\s+(?P<y>{NUM})\s*{_SHIFT_UNIT.format('uy')}", re.I), "[fF]")
_SHIFT_VERB = re.compile(
    r"\b(?:improved|improving|increased|increasing|raised|prolonged|prolonging|extended|lengthened|reduced|reducing|decreased|decreasing|lowered|"
    r"lowering|shortened|cut)\b", re.I)


_OBJECT = re.compile(r"\s+(?:the\s+)?(?:[\w/-]+\s+){0,6}?[A-Za-z][\w/-]*\s+$")
_PLACE_BEFORE = re.compile(r"\b(?:in|among|within|for|of)\s+(?:the\s+|all\s+|those\s+)?(?:(?:patients|women)\s+(?:in|on|receiving|given)\s+(?:the\s+)?)?$", re.I)


def _from_to(sentence: str, lower: str, shifts: list[re.Match[str]], arm_spans: list[tuple[int, int, str]], arms: Sequence[ArmMention],
             taken: list[tuple[int, int]], ps: list[re.Match[str]]) -> list[Hit]:
    """ "A improved median TTP from 5.6 to 8.1 months", "compared with B, A prolonged the median time to relapse from 6 to 9
    months": with two arms and the subject arm named before the verb, the first time is the other arm's and the second the
    subject's."""
    hits: list[Hit] = []
    for m in shifts:
        unit = (m.group("uy") or "").strip().lower()
        if not unit or unit == "%" or "cent" in unit or m.group("ux") and m.group("ux").strip().lower() != unit:
            continue  # times only: a share "from 40% to 22%" is as often a change within one group over time
        clause = _clause_start(sentence, m.start())
        verb = None
        for verb in _SHIFT_VERB.finditer(sentence, clause, m.start()):
            pass
        if verb is None:
            continue
        subjects = {label for x, _, label in arm_spans if clause <= x < verb.start() and not _REFERENCE_ARM.search(sentence, max(0, x - 30), x)}
        between = [label for x, _, label in arm_spans if verb.start() <= x < m.end()]
        if len(subjects) != 1 or between or not _OBJECT.match(sentence, verb.end(), m.start()):
            continue  # "hot flushes increased from 30% to 45%": no object, a change within one group
        if any(_PLACE_BEFORE.search(sentence, max(clause, x - 20), x) for x, _, label in arm_spans if clause <= x < verb.start()):
            continue  # "In the A group, X fell from 30% to 20%": the arm is where, not who
        subject = next(iter(subjects))
        other = next(a.label for a in arms if a.label != subject)
        xs, ys = parse_number(m.group("x")), parse_number(m.group("y"))
        if xs is None or ys is None:
            continue
        name = outcome_name(sentence, m.start(), verb.end(), arm_spans)  # the verb's object
        made = []
        for key, arm, number in (("x", other, xs), ("y", subject, ys)):
            a, b = m.start(key), m.end(key)
            if any(x < b and a < y for x, y in taken):
                break
            months = months_from(float(number), unit)
            if months is None or not ("median" in lower[clause : m.start()] or _TIME_TO_EVENT.search(name)):
                break
            made.append({"kind": "median", "value": months, "start": a, "end": b, "unit": unit, "count": None, "denominator": None})
        else:
            if not (_BASELINE.search(name) or _MEDIAN_NOT_OUTCOME.search(name)):
                hits.extend(_hit(sentence, v, arm, name, ps) for v, arm in zip(made, (other, subject)))
    return hits


_JOINED_BEFORE = re.compile(r"(?:\s*,\s*(?:and\s+)?|\s+and\s+)$", re.I)


def _coordinated_names(sentence: str, name: str, value_start: int, lo: int, arm_spans: list[tuple[int, int, str]], k: int) -> list[str] | None:
    """The names of ``k`` outcomes given one after another for one arm ("the rates of nausea and vomiting were 12% and
    7%"): ``name`` is the last; the others are the phrases joined to it by commas and "and"; None when there are not ``k``."""
    if k < 2 or not name:
        return None
    at = sentence.rfind(name, lo, value_start)
    names = [name]
    while at > 0 and len(names) < k:
        joined = _JOINED_BEFORE.search(sentence, max(lo, at - 8), at)
        if joined is None:
            return None
        previous = outcome_name(sentence, joined.start(), lo, arm_spans)
        if not previous:
            return None
        names.insert(0, previous)
        at = sentence.rfind(previous, lo, joined.start())
    return names if len(names) == k else None


_RUN_TO_ARM = re.compile(
    r"[\s,]*(?:respectively[\s,]*)?(?:(?:in|of|for|among|with|on)\s+)?(?:the\s+|those\s+|all\s+)?(?:\d+\s+)?"
    r"(?:(?:patients|women|participants|subjects|cases)\s+)?(?:(?:in|on|of|receiving|given|treated\s+with|taking|(?:who\s+were\s+)?(?:assigned|allocated|randomi[sz]ed)(?:\s+to)?)\s+)?"
    r"(?:the\s+)?(?:(?:group|arm|cohort)\s+(?:(?:assigned|allocated|randomi[sz]ed)\s+(?:to\s+)?)?)?",
    re.I,
)
_ARM_TO_RUN = re.compile(r"\s*(?:(?:arm|group|cohort)\b)?[^;%\d]{0,80}", re.I)


def _without_asides(gap: str, replacement: str | Callable[[re.Match[str]], str] = " ") -> str:
    """``gap`` with its bracketed asides replaced (inner ones first, until none is left)."""
    while True:
        stripped = _BRACKET.sub(replacement, gap)
        if stripped == gap:
            return gap
        gap = stripped


#: between a run of values and the arm that closes it: words of the outcome or time points, then "in the", "with",
#: "among patients allocated to" (no clause break, no other value)
_RUN_THEN_ARM = re.compile(
    r"[^;%]{0,80}?\b(?:in|with|for|among|on|of)\s+(?:the\s+|those\s+|all\s+)?(?:(?:patients|women|participants|subjects|cases)\s+)?"
    r"(?:(?:in|on|receiving|given|taking|treated\s+with|(?:randomly\s+)?(?:assigned|allocated|randomi[sz]ed)\s+to)\s+(?:the\s+)?(?:[a-z][\w-]*\s+){0,2})?$"
    r"|\s*,?\s*(?:respectively\s*,?\s*)?(?:in|with|for|among)\s+(?:the\s+)?(?:(?:patients|women)\s+)?(?:(?:receiving|given|allocated\s+to|assigned\s+to)\s+(?:the\s+)?"
    r"(?:[a-z][\w-]*\s+){0,2})?$",  # "... allocated to pectoral fascia removal": the arm's own words before its name
    re.I,
)
_RUN_JOIN = re.compile(r"\s*(?:[(\[][^()\[\]]{0,40}[)\]]\s*)?(?:,\s*(?:and\s+)?|and\s+)$", re.I)


#: the opening of a clause that names the arm it is about: "In the A group, ...", "; while in the B group, ..."
_CLAUSE_OPENING = re.compile(
    r"\s*(?:and\s+|while\s+|whereas\s+|but\s+|by\s+contrast,?\s+|in\s+contrast,?\s+)?(?:in|among|for|within|with)\s+(?:the\s+|all\s+)?"
    r"(?:(?:\d+\s+)?(?:patients|women|participants|subjects)\s+(?:receiving|treated\s+with|in|on|given|assigned\s+to)\s+(?:the\s+)?)?$",
    re.I,
)


_SEMICOLON = re.compile(";")
#: between the last value of a list and the one arm that closes it: "24.5% of cases among the A group", "12% in the A arm"
_LIST_CLOSER = re.compile(
    r"\s*(?:of\s+)?(?:(?:the|all)\s+)?(?:(?:patients|women|men|participants|subjects|cases)\s+)?(?:in|among|with|for|on|receiving|given|treated\s+with)\s+"
    r"(?:the\s+)?(?:(?:patients|women)\s+(?:in|on|receiving|given|treated\s+with)\s+(?:the\s+)?)?$",
    re.I,
)
#: words that make a list's values more than one arm's: a whole-cohort figure, a subset of it, a comparison
_NOT_ONE_ARMS_LIST = re.compile(r"\b(?:overall|total|both|each|all\s+patients|including|of\s+whom|among\s+whom|whereas|while|compared|versus|vs|than|respectively)\b", re.I)


def _closing_arm(sentence: str, values: list[dict[str, Any]], arm_spans: list[tuple[int, int, str]]) -> str | None:
    """The one arm a sentence names, right after the last of its values, when the values form one list that arm closes:
    "X was seen in 71% of cases, Y in 53% and Z in 25% among the A group" (no comparison, no whole-cohort figure, one
    clause); else None."""
    x, y, label = arm_spans[0]
    last = values[-1]
    if x < last["end"] or ";" in sentence or ":" in sentence[values[0]["start"] : x] or x - last["end"] > 40:
        return None
    if not _LIST_CLOSER.fullmatch(sentence, last["end"], x) or _NOT_ONE_ARMS_LIST.search(sentence):
        return None
    return label


def _clauses_opened_by_arms(sentence: str, arm_spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The clauses (split at ";") that open with an arm and name no other, as (start, end, label), when two or more
    such clauses open with different arms: "In the A group, ... in 5 (15%) ...; while in the B group, ... in 2 (6%)";
    else empty."""
    out = []
    start = 0
    for end in [m.start() for m in _SEMICOLON.finditer(sentence)] + [len(sentence)]:
        named = [(x, y, label) for x, y, label in arm_spans if start <= x and y <= end]
        if named and len({label for _, _, label in named}) == 1:
            x, y, label = named[0]
            if x - start <= 60 and _CLAUSE_OPENING.fullmatch(sentence, start, x) and _OPENING_END.match(sentence, y):
                out.append((start, end, label))
        start = end + 1
    return out if len({label for _, _, label in out}) >= 2 else []


_VERSUS_JOIN = re.compile(r"^\s*,?\s*(?:vs\.?|v\.?|versus|compared\s+with|compared\s+to)\s*$", re.I)
_AND_JOIN = re.compile(r"^\s*(?:,\s*(?:and\s+)?|and\s+)$", re.I)


def _versus_halves(sentence: str, group: list[dict[str, Any]], arm_spans: list[tuple[int, int, str]]) -> list[str | None] | None:
    """Two equal runs joined by "versus", the arms named before them in the same order: "patients in the A group had more
    X at 6 and 12 months than the B group (61% and 54% versus 12% and 7%, respectively)"; else None."""
    k = len(group) // 2
    if len(group) % 2 or any(group[0]["start"] <= x < group[-1]["end"] for x, _, _ in arm_spans):
        return None
    joins = [_without_asides(sentence[a["end"] : b["start"]]) for a, b in zip(group, group[1:])]
    if not _VERSUS_JOIN.match(joins[k - 1]) or not all(_AND_JOIN.match(j) for i, j in enumerate(joins) if i != k - 1):
        return None
    lo = _clause_start(sentence, group[0]["start"])
    mentions = [(x, label) for x, y, label in arm_spans if lo <= x and y <= group[0]["start"]]
    order = list(dict.fromkeys(label for _, label in mentions))
    if len(order) != 2:
        return None
    first = next(x for x, label in mentions if label == order[0])
    if _REFERENCE_ARM.search(sentence, max(0, first - 30), first):
        order.reverse()  # "Compared with the B group, the A group had more X (61% and 54% versus 12% and 7%)"
    return [order[0]] * k + [order[1]] * k


def _runs_closed_by_arms(sentence: str, groups: list[list[dict[str, Any]]], arm_spans: list[tuple[int, int, str]]) -> dict[int, list[str | None]]:
    """Groups of two or more values joined by "and" that each end before one arm of their own, one group per arm in
    turn: "13 and 15% at 1 and 2 years in the A arm and 8 and 9% in the B arm" (by index of the group; else empty)."""
    out: dict[int, list[str | None]] = {}
    k = 0
    while k + 1 < len(groups):
        pair = groups[k : k + 2]
        ends = [g[-1]["end"] for g in pair]
        limits = [pair[1][0]["start"], groups[k + 2][0]["start"] if k + 2 < len(groups) else len(sentence)]
        closers = []
        for g, end, limit in zip(pair, ends, limits):
            named = [(x, y, label) for x, y, label in arm_spans if end <= x < limit]
            inside = any(g[0]["start"] <= x < end for x, _, _ in arm_spans)
            joined = all(_RUN_JOIN.match(sentence[a["end"] : b["start"]]) for a, b in zip(g, g[1:]))
            if len(g) < 2 or inside or not joined or not named or not _RUN_THEN_ARM.fullmatch(sentence, end, named[0][0]):
                break
            if g is pair[0] and len({label for _, _, label in named}) != 1:
                break  # one arm only between the two runs
            closers.append(named[0][2])
        if len(closers) == 2 and closers[0] != closers[1] and len(pair[0]) == len(pair[1]):
            out[k] = [closers[0]] * len(pair[0])
            out[k + 1] = [closers[1]] * len(pair[1])
            k += 2
        else:
            k += 1
    return out


def _per_arm_runs(sentence: str, group: list[dict[str, Any]], arm_spans: list[tuple[int, int, str]]) -> list[str | None] | None:
    """Several values per arm, each run of values closed or opened by its arm: "21% and 15% in the A group;
    33% and 31% in the B group", "in the A arm, 30% and 20%; in the B arm, 25% and 10%" (equal runs, two or more
    arms, each named once); else None."""
    for after in (True, False):
        mentions = []
        for v in group:
            if after:
                m = next(((x, y, label) for x, y, label in arm_spans if x >= v["end"]), None)
            else:
                m = next(((x, y, label) for x, y, label in reversed(arm_spans) if y <= v["start"]), None)
            if m is None:
                break
            mentions.append(m)
        else:
            runs: list[tuple[tuple[int, int, str], list[dict[str, Any]]]] = []
            for v, m in zip(group, mentions):
                if runs and runs[-1][0] == m:
                    runs[-1][1].append(v)
                else:
                    runs.append((m, [v]))
            sizes = {len(values) for _, values in runs}
            labels = [m[2] for m, _ in runs]
            if len(runs) < 2 or len(sizes) != 1 or sizes == {1} or len(set(labels)) != len(labels):
                continue
            if after:
                fits = all(_RUN_TO_ARM.fullmatch(_without_asides(sentence[values[-1]["end"] : m[0]])) for m, values in runs)
            else:
                fits = all(_ARM_TO_RUN.fullmatch(_without_asides(sentence[m[1] : values[0]["start"]])) for m, values in runs)
            if fits:
                return [m[2] for m, values in runs for _ in values]
    return None


def _pairs_respectively(sentence: str, group: list[dict[str, Any]], arm_spans: list[tuple[int, int, str]]) -> list[str | None] | None:
    """Runs of one value per arm, the runs apart by ", and" or ";", the arms named once after them with "respectively":
    "X and Y occurred in 30% and 12%, and 20% and 11%, of the A and B groups, respectively"; else None."""
    if not RESPECTIVELY.search(sentence, group[-1]["end"]):
        return None
    after: list[str] = []
    for x, _, label in arm_spans:
        if x >= group[-1]["end"]:
            if label in after:
                return None
            after.append(label)
        elif x >= group[0]["start"]:
            return None  # an arm named among the values: not one list for all
    n = len(after)
    if n < 2 or len(group) % n or len(group) == n:
        return None
    gaps = [_without_asides(sentence[group[i - 1]["end"] : group[i]["start"]]) for i in range(1, len(group))]
    versus = all(_VERSUS_LINK.fullmatch(gap) for i, gap in enumerate(gaps, 1) if i % n)
    for i, gap in enumerate(gaps, 1):
        if not (_RUN_BREAK if i % n == 0 else _PAIR_LINK).fullmatch(gap) and not (i % n == 0 and versus and _AND_LINK.fullmatch(gap)):
            return None
    return [after[i % n] for i in range(len(group))]


_PAIR_LINK = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+|vs\.?\s+|versus\s+|v\.?\s+)", re.I)
_VERSUS_LINK = re.compile(r"\s*(?:vs\.?|versus|v\.?)\s+", re.I)
_AND_LINK = re.compile(r"\s*,?\s*and\s+", re.I)  # between runs whose values are set "vs" each other: "30% vs. 12% and 20% vs. 11%"
_RUN_BREAK = re.compile(r"\s*(?:,\s*and\s+|;\s*(?:and\s+)?)", re.I)


#: the reference side of a comparison whose other side an earlier sentence gave: "than those of the B group", "than in B"
_THAN_THOSE = re.compile(r"\bthan\s+(?:(?:that|those)\s+(?:of|in|among|with|for)\s+|in\s+|with\s+|among\s+|for\s+)?(?:the\s+)?(?:patients\s+(?:in|on|receiving)\s+(?:the\s+)?)?$", re.I)
_ARM_THEN_BRACKET = re.compile(r"\s*(?:arms?|groups?|cohorts?)?\s*[(\[]\s*", re.I)
_COMPARED_WORDS = guarded(re.compile(r"\b(?:vs\.?|versus|v\.?|compared|than|against)(?=\W)", re.I), "[vcta]")
_REFERENCE_ARM = guarded(re.compile(
    r"\b(?:compared\s+(?:with|to)|versus|vs\.?|relative\s+to|than)\s+(?:the\s+|those\s+|patients\s+|women\s+)?(?:(?:receiving|given|on|in|treated\s+with)\s+)?$", re.I
), "[cvrt]")


def _one_arm_only(sentence: str, group: list[dict[str, Any]], arm_spans: list[tuple[int, int, str]], others: Sequence[str] = ()) -> list[str | None] | None:
    """Two or more values of one arm (a label for each), ``[]`` for a comparison whose other side is not named, or
    None when the group is not of that kind.

    "In arm A, the rates were 30% and 20%, respectively" and "30% and 20% of patients receiving A" give both values
    to A; "30% vs 20% with A" names one side only and is skipped; "A let more women keep the breast (23% vs 13%,
    respectively)" sets the subject A against the one other arm of ``others`` (the study's arm labels).
    """
    labels = {label for _, _, label in arm_spans}
    clause = _clause_start(sentence, group[0]["start"])
    clause_end = sentence.find(";", group[-1]["end"])
    respectively = "respectively" in sentence[clause : clause_end if clause_end >= 0 else len(sentence)]
    if len(labels) == 1 and arm_spans[0][1] <= group[0]["start"] and "respectively" in sentence:
        x = arm_spans[0][0]
        if not respectively:
            return None  # "respectively" belongs to another clause: the arm rules decide
        if x < clause or _REFERENCE_ARM.search(sentence, max(0, x - 30), x):
            return []
        if _COMPARED_WORDS.search(sentence, group[0]["end"], group[-1]["start"]):
            # "A let more women keep their breast (23% vs 13%, respectively)", "The A arm had less pain (18% versus 35%,
            # respectively)": A, the subject, against the one other arm
            other = [label for label in others if label != arm_spans[0][2]]
            subject = not _COMPARED_WORDS.search(sentence, clause, x)  # "higher than in the B group (61% v 1%)": B is the reference
            return [arm_spans[0][2], other[0]] if subject and len(group) == 2 and len(other) == 1 else []
        if not _ARM_LED.search(sentence, max(0, x - 30), x):
            return []
        return [arm_spans[0][2]] * len(group)
    if (len(labels) == 1 and arm_spans[-1][1] <= group[0]["start"] and _ARM_THEN_BRACKET.fullmatch(sentence, arm_spans[-1][1], group[0]["start"])
            and _THAN_THOSE.search(sentence, max(0, arm_spans[-1][0] - 40), arm_spans[-1][0])):
        if _COMPARED_WORDS.search(sentence, group[0]["end"], group[-1]["start"]):
            return None
        return [arm_spans[-1][2]] * len(group)  # "higher than those of the B group (10.4% and 8.3%)": the bracket is B's
    if _one_arm_after(sentence, group, arm_spans):
        if respectively or _COMPARED_WORDS.search(sentence, group[0]["end"], group[-1]["start"]):
            return []
        label = next(label for x, _, label in arm_spans if x >= group[-1]["end"])
        return [label] * len(group)
    return None


_OF_ARM_TOTAL = re.compile(
    r"\s*[)\]]\s*of\s+(?:the\s+|all\s+)?\d+\s+(?:(?:patients|women|participants|subjects)\s+)?(?:(?:in|on|receiving|treated\s+with|given|"
    r"assigned\s+to|allocated\s+to|randomi[sz]ed\s+to|who\s+(?:had\s+)?(?:received|started|began|took|underwent|were\s+(?:given|treated\s+with|"
    r"assigned\s+to|allocated\s+to|randomi[sz]ed\s+to))(?:\s+(?:with|on))?)\s+)?(?:the\s+)?",
    re.I,
)  # "seven (6%) of the 117 women in the A group", "twelve (80%) of the 15 women who started with the A diet"


def _of_arm_total(sentence: str, v: dict[str, Any], arm_spans: list[tuple[int, int, str]]) -> str | None:
    """The arm of a count's share out of the arm's total: "seven (6%) of the 117 women in the A group", "12 (8%) of 150
    women receiving A"; else None."""
    end = v["end"]
    if sentence[end : end + 2].lstrip()[:1] in (";", ","):
        aside = _INTERVAL_ASIDE.match(sentence, end)  # "23 (46.9%; 95% CI 32.5-61.7) of 49 patients in the A group"
        end = aside.end() if aside else end
    if "of" not in sentence[end : end + 6] or v["count"] is None and sentence[max(0, v["start"] - 2) : v["start"]].rstrip()[-1:] not in ("(", "["):
        return None
    nxt = next(((x, y, label) for x, y, label in arm_spans if x >= end), None)
    return nxt[2] if nxt is not None and nxt[0] - end <= 60 and _OF_ARM_TOTAL.fullmatch(sentence, end, nxt[0]) else None


#: an interval after a share, inside its bracket: "; 95% CI 32.5-61.7", ", 32.9-61.5"
_INTERVAL_ASIDE = re.compile(r"\s*[;,]\s*(?:95\s*%\s*(?:CI|confidence\s+interval)[:,]?\s*)?[\d.·]+\s*%?\s*(?:[-–]|to)\s*[\d.·]+\s*%?(?=\s*[)\]])", re.I)


_REFERENCE_KEYS = ("ompared", "ersus", "vs", "than", "elative", "OMPARED", "ERSUS", "VS", "THAN", "ELATIVE")  # one of which every match of _REFERENCE_ARM holds (any case of its first letter)
_MORE = re.compile(r"\b(?:higher|longer|greater|better|improved|more|superior|increased|prolonged|extended)\b", re.I)
_LESS = re.compile(r"\b(?:lower|shorter|worse|fewer|less|reduced|inferior|decreased)\b", re.I)


def _by_nearest_comparative(sentence: str, group: list[dict[str, Any]], arm_spans: list[tuple[int, int, str]], lo: int) -> list[str | None] | None:
    """ "Compared with B, A had a lower rate of X (15% vs 28%) and longer times to Y (9.5 vs 2.8 months)": two values after
    a subject arm and a reference arm take their arms from the comparative word nearest before them; else None."""
    if len(group) != 2 or group[0]["value"] == group[1]["value"] or None in (group[0]["value"], group[1]["value"]) or not any(w in sentence for w in _REFERENCE_KEYS):
        return None
    if any(group[0]["start"] <= x < group[-1]["end"] for x, _, _ in arm_spans):
        return None
    firsts: dict[str, int] = {}
    for x, _, label in arm_spans:
        if x < group[0]["start"]:
            firsts.setdefault(label, x)
    if len(firsts) != 2:
        return None
    (reference, x_ref), (subject, x_sub) = sorted(firsts.items(), key=lambda item: item[1])
    if not _REFERENCE_ARM.search(sentence, max(0, x_ref - 30), x_ref) or _REFERENCE_ARM.search(sentence, max(0, x_sub - 30), x_sub):
        return None
    window = sentence[max(lo, x_sub) : group[0]["start"]]
    words = [(m.start(), True) for m in _MORE.finditer(window)] + [(m.start(), False) for m in _LESS.finditer(window)]
    if not words:
        return None
    more = max(words)[1]
    subject_first = (group[0]["value"] > group[1]["value"]) == more
    return [subject, reference] if subject_first else [reference, subject]


_LIST_ITEM = r"[A-Za-z][^()\[\]\d;%]{0,50}?[(\[]\s*\d+(?:[.·]\d+)?\s*%\s*[)\]]"
_LIST_TO_ARM = re.compile(
    rf"\s*[)\]](?:\s*,?\s*(?:and\s+|or\s+)?{_LIST_ITEM})*\s*,?\s*(?:(?:were|was)\s+(?:(?:more|less|most|very)\s+)?(?:common|frequent|seen|observed|reported|noted|recorded)\s+)?"
    r"(?:in|with|for|among|on)\s+(?:the\s+)?(?:(?:patients|women)\s+(?:in|on|receiving|treated\s+with)\s+(?:the\s+)?)?(?:(?:arm|group)\s+)?",
    re.I,
)
_ARM_TO_LIST = re.compile(
    rf"\s*(?:(?:arm|group|cohort)\b)?\s*(?:[,:]\s*(?:(?:the\s+)?(?:most\s+)?(?:common|frequent)\s+[^()\[\]\d;%]{{0,60}}?(?:were|was|included)\s*:?\s*)?"
    r"|(?:were|included)\s*:?\s*)"  # "adverse events with A were nausea (29%) and rash (12%)"
    rf"(?!(?:whereas|while|but|although|and|compared|versus|vs)\b)(?:{_LIST_ITEM}\s*,?\s*(?:and\s+|or\s+)?)*[A-Za-z][^()\[\]\d;%]{{0,50}}?[(\[]\s*",
    re.I,
)


def _listed_arm(sentence: str, v: dict[str, Any], arm_spans: list[tuple[int, int, str]]) -> str | None:
    """The arm of a bracketed value in a list the arm closes ("neutropenia (29%) and diarrhoea (17%) in the A arm")
    or opens ("In the A arm: nausea (29%), vomiting (12%)"), else None."""
    if sentence[max(0, v["start"] - 2) : v["start"]].rstrip()[-1:] not in ("(", "["):
        return None
    nxt = next(((x, y, label) for x, y, label in arm_spans if x >= v["end"]), None)
    if nxt is not None and nxt[0] - v["end"] <= 240 and sentence[v["end"] : v["end"] + 3].lstrip()[:1] in (")", "]") and _LIST_TO_ARM.fullmatch(sentence, v["end"], nxt[0]):
        return nxt[2]
    prev = next(((x, y, label) for x, y, label in reversed(arm_spans) if y <= v["start"]), None)
    clause_end = sentence.find(";", v["end"])
    if nxt is not None and nxt[2] != (prev[2] if prev else None) and (clause_end < 0 or nxt[0] < clause_end):
        return None  # "nausea (29%) with A, whereas arthralgia (36%) ... with B": the arm before is not the value's
    if prev is not None and _ARM_LED.search(sentence, max(0, prev[0] - 30), prev[0]) and _ARM_TO_LIST.fullmatch(sentence, prev[1], v["start"]):
        return prev[2]
    return None


_SUBGROUP_LEAD = re.compile(
    r"\b(?:in|among|for|within)\s+(?:the\s+)?(?:patients|women|those|participants|subjects|subgroups?\s+of(?:\s+(?:patients|women))?)\s+"
    r"(?:with|aged|who|whose|having|of|[<>≤≥]|younger|older|under|over)",
    re.I,
)


def _subgroup_outcome(sentence: str, group: list[dict[str, Any]], arm_spans: list[tuple[int, int, str]], lo: int) -> bool:
    """Values of a subgroup that a baseline trait defines, each written with its own arm: "in patients with stage II disease,
    91% in the A arm vs 82% in the B arm" (an outcome, not a baseline comparison)."""
    if len(group) < 2 or not _SUBGROUP_LEAD.search(sentence, max(lo, group[0]["start"] - 120), group[0]["start"]):
        return False
    labels: list[str] = []
    for i, v in enumerate(group):
        nxt = group[i + 1]["start"] if i + 1 < len(group) else len(sentence)
        found = next((label for x, _, label in arm_spans if v["end"] <= x < nxt and x - v["end"] <= 40 and _RUN_TO_ARM.fullmatch(_without_asides(sentence[v["end"] : x]))), None)
        if found is None:
            return False
        labels.append(found)
    return len(set(labels)) == len(labels)


_LABEL_BEFORE = re.compile(r"\s*[:,=]?\s*")
#: between a single value's label and the value: "A: 9.2%", "A 14%", "group A = 15 (25.0%)", "A, 12/40 (30%)" (a count, then its share)
_OPEN_AFTER_LABEL = re.compile(r"\s*[(\[]")
_ANOTHER_VALUE_IN_BRACKET = re.compile(r"[^()\[\]]*?\d\s*%")
_TIGHT_GAP = re.compile(
    r"\s*[:,=]?\s*(?:(?:n\s*=\s*)?\d+(?:\s*(?:/|of|out\s+of)\s*\d+)?\s*[(\[,]\s*)?"
    r"|\s*[(\[]\s*(?:n\s*=\s*)?\d+(?:\s*(?:/|of|out\s+of)\s*\d+)?\s*[,;]\s*",  # "the B group (491/839, 58.5%)"
    re.I,
)
_LABEL_AFTER = re.compile(r"\s*[=:]\s*")
_ARM_AFTER_GAP = re.compile(r"\s*\)?\s*(?:of\s+|in\s+|with\s+|for\s+|among\s+)?(?:the\s+|those\s+|all\s+)?(?:(?:patients|women|participants|subjects)\s+)?(?:\w+\s+)?$", re.I)


def _labelled(sentence: str, group: list[dict[str, Any]], arm_spans: list[tuple[int, int, str]]) -> list[str | None] | None:
    """Labels written against each value: "(A: 9.2%, B: 1.4%)", "A, 14%; B, 17%", "(89% = A and 77% = B)"; else None."""
    for side in ("before", "after"):
        labels: list[str | None] = []
        for v in group:
            if side == "before":
                found = [label for x, y, label in arm_spans if y <= v["start"] and (_LABEL_BEFORE.fullmatch(sentence, y, v["start"]) or (
                    _TIGHT_GAP.fullmatch(sentence, y, v["start"]) and _TIGHT_LEAD.search(sentence, max(0, x - 12), x)))]
            else:
                found = [label for x, y, label in arm_spans if x >= v["end"] and _LABEL_AFTER.fullmatch(sentence, v["end"], x)]
            labels.append(found[-1] if found else None)
        if all(labels) and len(set(labels)) == len(labels):
            return labels
        if len(labels) >= 3 and labels[0] is None and all(labels[1:]) and len(set(labels[1:])) == len(labels) - 1 and ":" in sentence[group[0]["end"] : group[1]["start"]]:
            return labels  # "in 32 (28.6%) patients: A = 14 (25.5%), B = 18 (31.6%)": the whole cohort's value, then each arm's
    return None


def _one_arm_after(sentence: str, group: list[dict[str, Any]], arm_spans: list[tuple[int, int, str]]) -> bool:
    """Two or more values, no arm named among them, and one arm named right after the last ("30% and 20% in the A arm")."""
    end = group[-1]["end"]
    if any(group[0]["start"] <= x < end for x, _, _ in arm_spans):
        return False
    clause = _clause_start(sentence, group[0]["start"])
    nxt = [(x, y, label) for x, y, label in arm_spans if x >= end]
    if not nxt or not _ARM_AFTER_GAP.match(sentence[end : nxt[0][0]]):
        return False
    following = [label for x, _, label in nxt if x - nxt[0][1] <= 40 and not _DIGIT.search(sentence, nxt[0][1], x)]
    before = {label for x, y, label in arm_spans if clause <= x and y <= group[0]["start"]}
    return len(set(following)) == 1 and not (before - set(following))


_ALLOCATED_AFTER = re.compile(r"\s*[)\]]?\s*(?:were\s+|was\s+|had\s+been\s+)?(?:randomi[sz]ed|randomly\s+(?:assigned|allocated)|assigned|allocated|enrolled|included)\b", re.I)


def _allocation(sentence: str, group: list[dict[str, Any]]) -> bool:
    """Values that split the sample between the arms: an allocation verb after one, or shares printed with
    decimals that add up to 100% ("360 (55.2%) treated with A and 292 (44.8%) with B")."""
    if any(_ALLOCATED_AFTER.match(sentence, v["end"]) for v in group):
        return True
    if len(group) >= 2 and group[0]["kind"] == "rate" and abs(sum(v["value"] for v in group) - 1) < 0.0015:
        return any("." in sentence[v["start"] : v["end"]] for v in group)
    return False


def _overlaps(v: dict[str, Any], spans: list[tuple[int, int]]) -> bool:
    return any(a < v["end"] and v["start"] < b for a, b in spans)


def _clause_start(sentence: str, at: int) -> int:
    return max(sentence.rfind(";", 0, at), sentence.rfind(":", 0, at), -1) + 1


def _percent_values(sentence: str, blocked: list[tuple[int, int]], lower: str) -> list[dict[str, Any]]:
    """Percentages read as per-arm rates; ``lower`` is ``sentence`` lower-cased, for the substring tests that decide
    whether the patterns below may match at all."""
    values = []
    ascii_only = sentence.isascii()  # else lower-casing may move offsets: the patterns run without the substring tests
    keys = [k for k in _NOT_A_RATE_KEYS if k in lower] if ascii_only else None  # the few key words this sentence holds
    ranges = [k for k in _RANGE_KEYS if k in lower] if ascii_only else None
    changed = -1  # the end of the last value read as a change ("fell by 30%"): a value listed right after it is one too
    for m in _PERCENT.finditer(sentence):
        a, b = m.start(), m.end()
        if within_any(a, b, blocked) or _CI_AFTER.match(sentence, b):
            continue
        if (keys is None or keys) and _not_a_rate_before(sentence, lower, a, keys) or changed >= 0 and _CHANGE_LIST.fullmatch(sentence, changed, a):
            changed = b
            continue
        if ranges is None or ranges and any(k in lower[max(0, a - 14) : a] for k in ranges):
            if _RANGE_BEFORE.search(sentence[max(0, a - 14) : a]):
                continue
        if sentence[b : b + 4].lstrip().startswith(("-", "–", "to ")) or _CHANGE_AFTER.match(sentence, b) or _SAMPLE_SHARE.match(sentence, b):
            continue  # the lower bound of a range ("10%-35%"), a relative change ("a 32% reduction")
        if (sentence[max(0, a - 4) : a].rstrip()[-1:] in _SIGNS and a and is_signed_at(sentence, a)) or (lower[max(0, a - 4) : a].rstrip().endswith("by") and _CHANGED_BY.search(sentence, max(0, a - 80), a)):
            continue  # a signed change or a spread ("+20.4% vs. -11.5%", "35.2 ± 17.5%"), a change by ("lowered X and Y by 15% and 14%")
        number = parse_number(m.group(1))
        if number is None or number > 100:
            continue
        count, denominator = _count_for(sentence, a, b)
        values.append({"kind": "rate", "value": round(number / 100, 10), "start": a, "end": b, "count": count, "denominator": denominator})
    if values and (" and " in sentence or " v" in sentence or "," in sentence):
        values = _with_bare_before(sentence, values, blocked)
    return values


#: a clause about a change, not a share of patients: "Median reduction in X was ...", "percent change in X"
_CHANGE_SUBJECT = re.compile(
    r"\s*(?:the\s+)?(?:(?:median|mean|average)\s+)?(?:(?:percent(?:age)?|relative|absolute)\s+)?"
    r"(?:changes?|reductions?|decreases?|increases?|declines?|rises?|improvements?)\s+(?:in|of|from)\b"
    r"|.*\b(?:per\s?cent(?:age)?|%)\s+changes?\b",
    re.I,
)
#: the figures a trial was designed with: "the non-inferiority margin was ...", "a type I error rate of 5%"
_DESIGN_FIGURE = re.compile(
    r"\b(?:(?:equivalence|non-?inferiority|inferiority|superiority|pre-?specified)\s+margin|type\s+(?:I|1|II|2)\s+error|alpha\s+(?:level|of)|significance\s+level)\b",
    re.I,
)


def _change_or_design(lead: str) -> bool:
    """Whether the words before a clause's first value make it a change ("Median reduction in pain score was") or a
    design figure ("the equivalence margin was"), not a share of each arm's patients."""
    low = lead.lower()
    if "chang" not in low and "reduc" not in low and "decreas" not in low and "increas" not in low and "declin" not in low and "rise" not in low \
            and "improv" not in low and "margin" not in low and "error" not in low and "alpha" not in low and "significance" not in low:
        return False
    return bool(_CHANGE_SUBJECT.match(lead) or _DESIGN_FIGURE.search(lead))


_SIGNS = frozenset("+-−±")
#: a verb of change, then its object, then "by" right before a value: "lowered insulin and the HOMA index by 15%"
_CHANGED_BY = re.compile(
    r"\b(?:lowered|reduced|decreased|increased|raised|improved|cut|changed|shortened|lengthened|prolonged|extended)\b[^;%\d]{0,60}\bby\s*$", re.I
)
#: between two values of one list: "fell by 30% vs 1%", "by 6% and 2%", "by 6% (95% CI 2-9%), 4% and 1%"
_CHANGE_LIST = re.compile(r"\s*(?:[(\[][^()\[\]]{0,40}[)\]]\s*)?(?:,\s*(?:and\s+)?|(?:and|vs\.?|v\.?|versus|or)\s+)", re.I)
_BARE_BEFORE = guarded(re.compile(rf"(?<![\w.·%/-])({NUM})\s*(?:,\s*(?:and\s+)?|\s+(?:and|vs\.?|v\.?|versus|or)\s+)$", re.I), r"[\d.·]")
_PAIR_ENDS = (",", "and", "or", "vs", "vs.", "v", "v.", "versus")
_WORD_BEFORE = re.compile(r"([A-Za-z]+)\s*$")
_BARE_LEADS = frozenset("was were is are be been of and or in respectively reached totalled totaled amounted".split())
_BARE_OPENER = guarded(re.compile(r"\b(?:between|from|range[sd]?|ranging|grades?|n\s*=|aged?|alpha|power|level|of)\s*$|[=<>≤≥/]\s*$"
                                  r"|\bgrades?\s+(?:[0-4]|I{1,3}|IV)\s*(?:or|and|to|[-–/])\s*$", re.I), "[bfrgnaplo=<>≤≥/]")  # "grade 3 or 4, 59%"


def _with_bare_before(sentence: str, values: list[dict[str, Any]], blocked: list[tuple[int, int]]) -> list[dict[str, Any]]:
    """Numbers listed before a percentage share its sign: "41 and 43%", "40.3, 42.5, and 46.6%", "100 vs 57.1%"."""
    out: list[dict[str, Any]] = []
    taken_until = 0
    for v in values:
        bare: list[dict[str, Any]] = []
        start = v["start"]
        while True:
            if not sentence[max(0, start - 9) : start].rstrip().lower().endswith(_PAIR_ENDS):
                break  # the pattern needs "and", "or", "vs", "versus" or a comma right before the value
            m = _BARE_BEFORE.search(sentence[max(taken_until, start - 30) : start])
            if m is None:
                break
            a = max(taken_until, start - 30) + m.start(1)
            b = a + len(m.group(1))
            number = parse_number(m.group(1))
            if number is None or number > 100 or within_any(a, b, blocked) or _BARE_OPENER.search(sentence, max(0, a - 12), a) or _not_a_rate_before(sentence, "", a):
                break
            word = _WORD_BEFORE.search(sentence, max(0, a - 16), a)
            if word and word.group(1).lower() not in _BARE_LEADS:
                break  # "group 1 and 47%", "cycle 2 and 30%": the number names something
            bare.insert(0, {"kind": "rate", "value": round(number / 100, 10), "start": a, "end": b, "count": None, "denominator": None})
            start = a
        out.extend(bare)
        out.append(v)
        taken_until = v["end"]
    return out


def _count_for(sentence: str, start: int, end: int) -> tuple[int | None, int | None]:
    """The count (and denominator) printed with a percentage: "12/40 (30%)", "12 (30%)", "30% (12/40)", "12 (30%) of 40"."""
    last = sentence[max(0, start - 3) : start].rstrip()[-1:]  # both patterns end with "(", "[" or "," before the value
    before = (_COUNT_BEFORE.search(sentence, max(0, start - 30), start) or _COUNT_COMMA.search(sentence, max(0, start - 30), start)) if last in ("(", "[", ",") and last else None
    after = _COUNT_AFTER.match(sentence, end) if before is None else None
    count = denominator = None
    if before:
        c = parse_number(before.group("c"))
        d = parse_number(before.group("d")) if before.group("d") else None
        if c is not None and c == int(c):
            count, denominator = int(c), (int(d) if d is not None and d == int(d) and d >= c else None)
        if denominator is None:
            of_n = _OF_DENOMINATOR.match(sentence, end)
            d = parse_number(of_n.group("d")) if of_n else None
            if d is not None and count is not None and d == int(d) and d >= count:
                denominator = int(d)
    elif after:
        c, d = parse_number(after.group("c")), parse_number(after.group("d"))
        if c is not None and d is not None and c == int(c) and d == int(d) and c <= d:
            count, denominator = int(c), int(d)
    return count, denominator


_TIME_POINT_BEFORE = guarded(re.compile(r"\b(?:at|after|within|beyond|until|through|during|by)\s+(?:the\s+|a\s+)?$", re.I), "[awbutd]")


def _durations(sentence: str, blocked: list[tuple[int, int]], reached: bool = False) -> list[dict[str, Any]]:
    """Times with a unit (a unit written once after a list serves it all), and ``reached``: medians "not reached" set
    beside them ("median TTP not reached with A v 12.5 months with B")."""
    found = []
    for m in _DURATION.finditer(sentence):
        a, b = m.start("num"), m.end("num")
        if within_any(a, b, blocked) or _RANGE_BEFORE.search(sentence[max(0, a - 14) : a]) or _TIME_POINT_BEFORE.search(sentence, max(0, a - 12), a):
            continue  # a range, or a time point ("OS at 3 years", "after 6 months"), not a median
        if sentence[b : b + 4].lstrip().startswith(("-", "–", "to ")):
            continue
        number = parse_number(m.group("num"))
        months = months_from(float(number), m.group("unit")) if number is not None else None
        if months is not None:
            found.append({"kind": "median", "value": months, "start": a, "end": m.end(), "unit": m.group("unit"), "count": None, "denominator": None})
    extra = []
    for m in _BARE.finditer(sentence):  # "6 and 12 months", "8.8 vs 6.0 months": the unit written once
        a, b = m.start(1), m.end(1)
        if within_any(a, b, blocked) or any(f["start"] <= a < f["end"] for f in found):
            continue
        nxt = next((f for f in found if f["start"] >= b), None)
        if nxt is None or nxt["start"] - b > 14 or not _BARE_GAP.match(sentence[b : nxt["start"]]):
            continue
        number = parse_number(m.group(1))
        months = months_from(float(number), nxt["unit"]) if number is not None else None
        if months is not None and not _RANGE_BEFORE.search(sentence[max(0, a - 14) : a]):
            extra.append({"kind": "median", "value": months, "start": a, "end": b, "unit": nxt["unit"], "count": None, "denominator": None})
    if reached and (found or extra):
        for m in _NOT_REACHED.finditer(sentence):
            extra.append({"kind": "median", "value": None, "not_reached": True, "start": m.start(), "end": m.end(), "unit": None, "count": None,
                          "denominator": None})
    return sorted(found + extra, key=lambda f: f["start"])


_NOT_REACHED = re.compile(r"\bnot\s+(?:yet\s+)?(?:been\s+)?reached\b", re.I)


#: a number with a unit :func:`_printed_medians` may read (a cheap test before it runs)
_PRINTED_UNIT_GATE = re.compile(r"\d\s*(?:min|h\b|hrs?\b|hours?|s\b|sec|mm|cm|ml|kg|g\b|mg|ng|pg|mu|iu|u/|u\b|mmol|umol|µ|μ|points?|score|units?)", re.I)
_UNITS = {"rate": "proportion", "median": "months", "printed": "as printed"}
_PRINTED_NUMBER = re.compile(rf"(?=[-\d.·])(?<![\w.·/%-])(?P<num>-?{NUM})(?:\s*(?P<unit>[A-Za-zµμ]+(?:/[A-Za-z]+)?)\b)?(?![\d.·%/-])", re.I)
_TIME_UNIT_WORDS = frozenset("month months mo mos year years yr yrs week weeks wk wks day days".split())
#: units a median may be printed in and that :func:`_durations` does not read
_PRINTED_UNITS = frozenset(
    "min mins minute minutes h hr hrs hour hours s sec seconds mm cm ml kg g mg points point score units u iu ng pg mu mmol umol µmol "
    "mm/h ml/min mg/dl g/dl ng/ml pg/ml mu/l iu/l u/l min/wk min/week".split()
)
_NOT_PRINTED_AFTER = re.compile(r"\s*(?:patients?|women|men|participants|subjects|cases|cycles?|doses?|events?|of\b|[-–‐]\s*\d|to\s+\d)", re.I)


def _printed_medians(sentence: str, lower: str, blocked: list[tuple[int, int]], found: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Medians in the unit the text prints (minutes, mm, ng/ml; kept as printed): numbers after "median" in its clause,
    outside brackets opened after it ("median 4.3 versus 2.0 mm", "195 min (158-219) vs 141 min"); none unless a unit
    is printed with one of them (bare numbers after "median" are too often something else)."""
    out: list[dict[str, Any]] = []
    at = lower.find("median")
    while at >= 0:
        end = sentence.find(";", at)
        end = len(sentence) if end < 0 else end
        for m in _PRINTED_NUMBER.finditer(sentence, at, min(end, at + 160)):
            a, b = m.start("num"), m.end("num")
            if sentence.count("(", at, a) + sentence.count("[", at, a) > sentence.count(")", at, a) + sentence.count("]", at, a):
                continue  # inside a bracket opened after "median": a range, an interval, a count
            unit = (m.group("unit") or "").lower()
            if within_any(a, b, blocked) or any(f["start"] <= a < f["end"] for f in found) or any(f["start"] <= a < f["end"] for f in out):
                continue
            if unit in _TIME_UNIT_WORDS or unit and unit not in _PRINTED_UNITS and unit not in _LINK_WORDS or _NOT_PRINTED_AFTER.match(sentence, b):
                continue  # a time (read by _durations), or a count of something ("3 lesions")
            if unit in _LINK_WORDS and unit not in _PRINTED_UNITS:
                unit = ""
            if _RANGE_BEFORE.search(sentence[max(0, a - 14) : a]) or _BARE_OPENER.search(sentence, max(0, a - 12), a):
                continue
            number = parse_number(m.group("num"))
            if number is None:
                continue
            out.append({"kind": "printed", "value": number, "start": a, "end": m.end("unit") if unit else b, "unit": m.group("unit") if unit else "",
                        "count": None, "denominator": None})
        at = lower.find("median", at + 6)
    # a unit printed once after the last value is every value's ("4.3 versus 2.0 mm")
    for v, w in zip(out, out[1:]):
        if not v["unit"] and w["unit"]:
            v["unit"] = w["unit"]
    return out if any(v["unit"] for v in out) else []


def _groups(sentence: str, values: list[dict[str, Any]], arm_spans: list[tuple[int, int, str]]) -> list[list[dict[str, Any]]]:
    """Values of one outcome, in order: neighbours of one kind with only arm names and linking words between them."""
    groups: list[list[dict[str, Any]]] = []
    for v in values:
        last = groups[-1][-1] if groups else None
        if last is not None and _TOTAL_COLON.match(sentence, last["end"], v["start"]):
            last["total"] = True  # "30 patients (13%) had a rash: 21 (18%) in the A arm and 9 (8%) in the B arm": the whole cohort's
            groups.append([v])
        elif last is not None and last["kind"] == v["kind"] == "rate" and _split_in_bracket(sentence, last["end"], v["start"], arm_spans):
            last["total"] = True  # "adherence was 65.8% [A (65.7%) versus B (65.9%)]": the whole cohort's, then each arm's
            groups.append([v])
        elif last is not None and last["kind"] == v["kind"] and _linking_gap(sentence, last["end"], v["start"], arm_spans, len(groups[-1]) == 1):
            groups[-1].append(v)
        elif last is not None and len(groups[-1]) == 1 and last["kind"] == v["kind"] == "rate" and _described_gap(sentence, last["end"], v["start"]):
            groups[-1].append(dict(v, described=True))  # the outcome is named between the two values
        else:
            groups.append([v])
    return groups


_BRACKET_OPEN = re.compile(r"\s*[(\[]\s*")
_LABEL_TO_VALUE = re.compile(r"\s*(?:arm|group)?\s*[(\[:,=]?\s*", re.I)


def _split_in_bracket(sentence: str, a: int, b: int, arm_spans: list[tuple[int, int, str]]) -> bool:
    """Whether the value ending at ``a`` is followed by a bracket that opens with an arm and that arm's value at ``b``
    ("65.8% [A (65.7%) versus B ...", "40% (A: 45%, B: 35%)"): the value before is the whole cohort's."""
    for x, y, _ in arm_spans:
        if a <= x < b:
            return y <= b and _BRACKET_OPEN.fullmatch(sentence, a, x) is not None and _LABEL_TO_VALUE.fullmatch(sentence, y, b) is not None
    return False


#: right after a value: a colon, after which the value is split by arm ("(13%): 21 (18%) in the A arm and ...")
_TOTAL_COLON = re.compile(r"\s*(?:[)\]]\s*)?(?:(?:patients|women|participants|subjects|cases)\s+)?:")


def _linking_gap(sentence: str, a: int, b: int, arm_spans: list[tuple[int, int, str]], pair: bool = False) -> bool:
    """Whether only arm names, linking words and asides lie between two values (``pair``: the first stands alone so
    far, and a count of things may open the second: "23 events (21%) and 14 events (13%)")."""
    if b - a > 160:
        return False
    gap = sentence[a:b]
    for x, y, _ in reversed(arm_spans):
        if a <= x and y <= b:
            gap = gap[: x - a] + " ARM " + gap[y - a :]
    if "ARM -" in gap:
        gap = gap.replace("ARM -", "ARM ")  # "the A-treated and ...": a word joined to the arm's name
    # bracketed asides without words of their own: counts, intervals, p-values, abbreviations
    gap = _without_asides(gap, _aside)
    tokens = _GAP_TOKEN.findall(gap)
    counted: set[int] = set()
    for i, tok in enumerate(tokens):
        low = tok.lower()
        if low in _LINK_WORDS or tok == "ARM" or tok in _GAP_PUNCT:
            continue
        if tok[0].isdigit() and "." not in tok and (
            i + 1 < len(tokens) and tokens[i + 1].lower() in _COUNT_NEXT or i > 0 and tokens[i - 1].lower() in _COUNT_PREVIOUS
        ):
            continue  # "in 12 (8%) and 20 (13%)", "(34 of 36, 94%)": the next value's count
        if pair and tok[0].isdigit() and "." not in tok and i + 2 < len(tokens) and tokens[i + 1].lower() in _COUNTED and tokens[i + 2] in ("(", "["):
            counted.add(i + 1)
            continue  # "23 events (21%) and 14 events (13%)": a count of something, then its share
        if pair and _counts_for_arm(tokens, i):
            continue  # "12 in the A group (25%) and four in the B group (7%)": the next arm's count, its arm, then its share
        if i in counted:
            continue
        return False
    return True


def _counts_for_arm(tokens: list[str], i: int) -> bool:
    """Whether ``tokens[i]`` is a whole count (digits or a number word) after a joining word, followed by "in"/"with"/
    "on"/"among" and, a word or two on, an arm name, then the share's bracket: "and four in the ARM (", ", 14 with ARM ["."""
    tok = tokens[i]
    if i == 0 or tokens[i - 1].lower() not in _COUNT_JOIN or not (tok.isdigit() or words_to_number(tok) is not None):
        return False
    rest = [t.lower() for t in tokens[i + 1 : i + 6]]
    if not rest or rest[0] not in _COUNT_PLACE:
        return False
    at = next((k for k, t in enumerate(rest) if t == "arm"), None)  # (the arm's name, blanked out: "ARM")
    if at is None or any(t != "the" for t in rest[1:at]):
        return False
    after = rest[at + 1 : at + 3]
    return after[:1] in (["("], ["["]) or (after[:1] in (["group"], ["arm"]) and after[1:] in (["("], ["["]))


_COUNT_PLACE = frozenset(("in", "with", "on", "among"))
#: what joins the second arm's count to the first arm's share ("(25%) and four in"); not a colon ("(16%): 14 in the A group")
_COUNT_JOIN = frozenset(("and", ",", "or", "vs", "vs.", "versus", "while", "whereas", "compared", "with", "to"))
_COUNT_NEXT = frozenset(("(", "[", "/", "of", "out"))
#: what a count before a share may count: "23 events (21%) and 14 events (13%)"
_COUNTED = frozenset("patients women men participants subjects cases events episodes infections deaths recurrences relapses responses responders".split())
_COUNT_PREVIOUS = frozenset(("/", "of", "(", "[", "="))  # "=": "n = 5, 12%"
#: "X% of patients <did something> versus Y%": the comparison word right before the second value
#: a sentence quoting other work: "previous studies have shown", "prior trials", "reported in the literature"
_OTHER_STUDIES = re.compile(
    r"\b(?:previous|prior|earlier)\s+(?:\w+\s+)?(?:studies|trials|reports|series|work|research|investigations)\b|\bin\s+the\s+literature\b|"
    r"\b(?:previous|prior|earlier)\s+(?:\w+\s+)?(?:studies|trials|reports)\s+(?:have|had)\b|\bhave\s+been\s+(?:shown|demonstrated|reported)\s+(?:previously|before)\b",
    re.I,
)
#: a count in words before its share: "seven of 39 (18%)"
_COUNT_WORD = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|(?:thir|four|fif|six|seven|eigh|nine)teen|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-\w+)?)"
_COMPARED_BEFORE = re.compile(
    r"(?:,\s*)?\b(?:versus|vs\.?|v\.?|compared\s+(?:with|to)|as\s+against|than)\s+(?:with\s+|in\s+|to\s+|among\s+)?(?:the\s+|those\s+)?"
    rf"(?:(?:\d+|{_COUNT_WORD})\s*(?:/\s*\d+\s*|\s+of\s+\d+\s*)?[(\[]\s*)?$",
    re.I,
)


def _described_gap(sentence: str, a: int, b: int) -> bool:
    """ "55% of patients in the A arm reported less pain versus 49% in the B arm": words of the outcome between
    the two values, and a comparison word right before the second."""
    if b - a > 160:
        return False
    gap = sentence[a:b]
    return ";" not in gap and "%" not in gap and not _DIGIT_WORD.search(gap[:-12] if len(gap) > 12 else "") and bool(_COMPARED_BEFORE.search(gap))


_DIGIT_WORD = re.compile(r"\d+(?:[.·]\d+)?\s*(?:months?|years?|weeks?|days?)\b", re.I)


def _aside(m: re.Match[str]) -> str:
    inner = m.group()[1:-1]
    words = [w for w in _WORD3.findall(inner) if w.lower() not in _ASIDE_WORDS]
    return " " if not words or len(inner) <= 8 else m.group().replace("(", "{").replace(")", "}").replace("[", "{").replace("]", "}")


_WORD3 = re.compile(r"[A-Za-z]{3,}")
_SEMICOLON_OR_PERCENT = re.compile(r"[;]|\d\s*%")
_BREAK_OR_DIGIT = re.compile(r"[;,]|\d")
_ASIDE_WORDS = frozenset(
    "confidence interval range respectively patients women months years weeks days value log rank test exact fisher wilcoxon "
    "minutes mins hours hrs".split()
)


def _arm_beside(sentence: str, v: dict[str, Any], arm_spans: list[tuple[int, int, str]]) -> bool:
    """A single value with its arm right next to it in the same clause ("in the A arm, X was 30%", "30% with A")."""
    clause_end = sentence.find(";", v["end"])
    clause_end = len(sentence) if clause_end < 0 else clause_end
    after = next((x for x, _, _ in arm_spans if x >= v["end"]), None)
    if after is not None and after - v["end"] <= 40 and _COUNT_ASIDE.match(sentence[v["end"] : after]) and not _BREAK_OR_DIGIT.search(_COUNT_ASIDE.sub(" ", sentence[v["end"] : after])):
        return True  # "47% (17/36) in the B group": its own arm right after its count, whatever arm the sentence opened with
    before = [label for x, y, label in arm_spans if y <= v["start"]]
    if before and any(x >= v["end"] and x < clause_end and label != before[-1] for x, _, label in arm_spans):
        return False  # "nausea (29%) in the A arm and vomiting (36%) in the B arm": the arm before is not the value's
    for x, y, _ in arm_spans:
        if y <= v["start"] and v["start"] - y <= 90 and not _SEMICOLON_OR_PERCENT.search(sentence, y, v["start"]) and _ARM_LED.search(sentence, max(0, x - 30), x):
            return True  # "In the A arm, the rate was 30%", "patients receiving A had 30%"
        if x >= v["end"] and x - v["end"] <= 40 and not _BREAK_OR_DIGIT.search(_COUNT_ASIDE.sub(" ", sentence[v["end"] : x])):
            return True  # "30% with A", "47% (17/36) in the B group"
    return False


#: a count in brackets right after a share: "(17/36)", "[n = 36]", "(17 of 36)", "(11 patients)"
_COUNT_ASIDE = re.compile(
    r"^\s*[(\[]\s*(?:n\s*=\s*)?\d+(?:\s*(?:/|of|out\s+of)\s*\d+)?(?:\s+(?:patients|women|men|participants|subjects|cases))?\s*[)\]]", re.I
)


#: what a label written right before its value follows: a bracket, a list break, a comparison or linking word
_TIGHT_LEAD = re.compile(r"(?:^|[(\[;,:]|\b(?:and|vs\.?|versus|v\.?|while|whereas|than|in|of|among|for|with|to))\s*(?:the\s+)?$", re.I)
#: a count of the arm's patients, then its share: "20 A patients (33%)", "three B patients [4%]"
_COUNT_LED = re.compile(rf"(?:{NUMW})\s+$", re.I)
#: a comparison's words before an arm named as its people's: "More A patients (28%) ... than B patients (18%)"
_MORE_LED = re.compile(r"(?:^|\b(?:more|fewer|less|than|and|versus|vs\.?|compared\s+with|compared\s+to))\s*$", re.I)
_PEOPLE_SHARE = re.compile(
    r"\s*(?:arms?\s+|groups?\s+)?(?:patients?|women|participants|subjects|cases)\s*[(\[]\s*(?:\d+\s*(?:/|of|out\s+of)\s*\d+\s*[(\[,;]\s*)?$", re.I
)  # "A patients (28%)", "A participants (39 of 70 [56%]"


#: between a bracketed share and the arm its people got: ") treated with", ") infections in the", ") of those receiving"
_PEOPLE_AFTER = re.compile(
    r"\s*[)\]]\s*(?:[a-z]+\s+)?(?:(?:of|in|among|with|on)\s+(?:the\s+|those\s+|all\s+)?(?:(?:patients|women|participants|subjects)\s+)?"
    r"(?:(?:in|on|receiving|given|taking|treated\s+with)\s+(?:the\s+)?)?"
    r"|(?:receiving|given|taking|treated\s+with|(?:randomly\s+)?(?:assigned|allocated|randomi[sz]ed)\s+to)\s+(?:the\s+)?)$",
    re.I,
)


def _tight_label(sentence: str, v: dict[str, Any], arm_spans: list[tuple[int, int, str]]) -> str | None:
    """The arm a single value is written against: a label right before it ("arm Y 41.7% (20/48)", "X = 11 (23%)")
    after a bracket, a list break or a linking word, or a count of the arm's patients ("20 A patients (33%)"); else None."""
    start, end = v["start"], v["end"]
    for x, y, label in arm_spans:
        if x >= end:
            if x - end <= 60 and _PEOPLE_AFTER.fullmatch(sentence, end, x):
                return label  # "(45%) treated with B", "(8%) of those given B", "(0%) infections in the B group"
            break
    if arm_spans and arm_spans[0][1] <= start and not any(arm_spans[0][1] <= x < start for x, _, _ in arm_spans[1:]):
        x, y, label = arm_spans[0]  # "Within arm X we saw 7 infections (15%) ..., against ... in arm Y"
        if x <= 60 and _OPENING_END.match(sentence, y) and _OPENING_ARM.fullmatch(sentence, 0, x) and "%" not in sentence[y:start]:
            return label
    for x, y, label in reversed(arm_spans):
        if y > start:
            continue
        if start - y > 30:
            return None
        if _TIGHT_GAP.fullmatch(sentence, y, start) and _TIGHT_LEAD.search(sentence, max(0, x - 12), x):
            if _OPEN_AFTER_LABEL.match(sentence, y) and _ANOTHER_VALUE_IN_BRACKET.match(sentence, end):
                return None  # "in the B group (n = 12, 30% vs. n = 5, 12%)": the bracket holds both arms' values
            return label
        if _PEOPLE_SHARE.fullmatch(sentence, y, start) and (_COUNT_LED.search(sentence, max(0, x - 16), x) or _MORE_LED.search(sentence, max(0, x - 12), x)):
            return label  # "20 A patients (33%)", "More A patients (28%) stopped early than B patients (18%)"
        return None
    return None


_ARM_LED = re.compile(r"\b(?:in|with|for|among|on|receiving|received|given|after|following|of|to|taking|undergoing|treated\s+with)\s+(?:the\s+|those\s+|all\s+)?(?:patients\s+|women\s+)?(?:\w+\s+)?$|^\s*$", re.I)


#: medians with a measure of their own: time to progression ("time to disease progression", "TTP"), duration of response
_NAMED_TIMES = (
    (re.compile(r"^(?:time\s+to\s+(?:disease\s+|tumou?r\s+|objective\s+)?progression|TTPs?)$", re.I), "TTP"),
    (re.compile(r"^(?:(?:duration|durations)\s+of\s+(?:objective\s+|overall\s+)?response|response\s+duration|DoR|DOR)$", re.I), "DOR"),
)


#: an overall event noun right after a grade cue ("grade 3-5 events", "grade >= 3 events of any kind"), beside the lexicon's nouns
_EVENTS_AFTER_GRADE = re.compile(r"(?:\s*(?:[-–/]|to|and|or)?\s*(?:[345]|III|IV|V)\b)*\s*\+?(?:\s*or\s+(?:higher|greater|above|more|worse))?\s*(?:treatment-related\s+|drug-related\s+|treatment-emergent\s+)?events?\b", re.I)
#: pieces one of which every match of the lexicon's grade cue holds ("grade", or a sign with "G")
_GRADE_KEYS = ("grade", "≥", ">")


def _overall_severe_toxicity(sentence: str, lo: int, start: int) -> bool:
    """Whether the words between ``lo`` (the previous group's end) and ``start`` (this group's first value), within the
    clause, name the overall grade >= 3 toxicity rate: a grade cue, an overall noun (adverse events, toxicity, events
    after the grade) and no single event ("grade 3 neutropenia", "neutropenia was the commonest grade 3 event")."""
    lo = max(lo, sentence.rfind(";", 0, start) + 1)
    text = sentence[lo:start]
    lead = text.lower()
    if not any(k in lead for k in _GRADE_KEYS):
        return False
    lexicon = load_lexicon()
    grade = lexicon.tox_grade_re.search(text)
    if grade is None or lexicon.tox_specific_re.search(text):
        return False
    return bool(lexicon.tox_noun_re.search(text) or _EVENTS_AFTER_GRADE.match(text, grade.end()))


def _measure_of(v: dict[str, Any], name: str) -> str:
    """ "TTP" or "DOR" for a median the name says is one, else "OTHER"."""
    if v["kind"] == "median":
        for pattern, measure in _NAMED_TIMES:
            if pattern.match(name):
                return measure
    return "OTHER"


def _hit(sentence: str, v: dict[str, Any], arm: str, name: str, ps: list[re.Match[str]]) -> Hit:
    p = _p_after(v["end"], ps)
    measure = _measure_of(v, name)
    if v["kind"] == "printed" and v.get("unit"):
        name = f"{name} ({v['unit']})" if name else v["unit"]
    payload: dict[str, Any] = {
        "measure": measure,
        "kind": "median" if v["kind"] == "printed" else v["kind"],
        "value": v["value"],
        "unit": _UNITS[v["kind"]],
        "count": v["count"],
        "denominator": v["denominator"],
        "time_months": None,
        "ci": None,
        "p": p[1] if p else None,
        "p_relation": p[0] if p else "=",
        "arm": arm,
        "outcome": name or None,
    }
    if v.get("not_reached"):
        payload["not_reached"] = True
    return Hit(GROUP, measure, v["start"], v["end"], payload)


def _p_after(end: int, ps: list[re.Match[str]], reach: int = 60) -> tuple[str, float] | None:
    for m in ps:
        if end <= m.start() <= end + reach:
            p = p_from_match(m)
            if p is not None:
                return p
    return None
