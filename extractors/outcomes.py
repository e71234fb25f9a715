"""Response rates, landmark survival rates, medians, hazard ratios, follow-up and grade >= 3 toxicity.

Works sentence by sentence on plain text and returns :class:`~extractors.hits.Hit`
objects (group ``"outcome"``) whose payload holds the finding's fields.  The
rules follow how authors write results:

* a rate sits after its measure ("ORR of 32.2%", "OS rates were 90%, 80% and 70%")
  or before it with a linking word ("9.7% with PD", "10 patients (25%) achieved a PR");
* lists are distributed: over time points ("1-, 3- and 5-year OS"), over measures
  ("OS and DFS were 70% and 60%, respectively") or over arms ("32% vs 18%");
* medians follow "median <measure>" with a time unit, "not reached" kept as such;
* a hazard ratio takes the nearest measure named before it, its CI and p.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache, partial
from typing import Any, Callable, Sequence

from extractors.arm_values import arms_after, find_arm_values
from extractors.attribution import RESPECTIVELY, ArmMention, arm_spans_in, arms_for, arms_of_chunks, comparison, hr_arm_after, one_arm_of, phrase_comparison
from extractors.comparisons import find_comparisons
from extractors.cues import has_number_word, holds_any
from extractors.hits import NUM, NUMW, Hit, guarded, lower_twin, months_from, within_any
from extractors.lexicon import Lexicon, find_terms
from extractors.numbers import CI_RE, P_RE, p_from_match, parse_count_of, parse_number

__all__ = ["find_outcomes"]

#: the shortcuts below that reason about the number patterns of :mod:`extractors.numbers` (a number needs a digit,
#: which words a number list holds, how intervals and p-values are written) were checked against these patterns; if
#: they change, the shortcuts turn off (the plain forms run) until checked again and this fingerprint updated
_NUMBERS_CHECKED = hashlib.sha256("\n".join([NUMW, CI_RE.pattern, P_RE.pattern]).encode()).hexdigest()[:16] == "b7e49bc3cc573e41"

RESPONSE = frozenset({"ORR", "CR", "PR", "SD", "PD", "DCR", "pCR"})

_PCT_RE = guarded(re.compile(rf"(?<![\w.·])({NUM})\s*(?:%|per\s?cent\b|percent\b)"), r"[\d.·]")
_TIME_UNIT = r"(?:years?|yrs?|y|months?|mos?)"
_TIME_RE = re.compile(  # the look-ahead: where "at", "after", "by", "within", "of" or a number can start
    rf"(?=(?<![\w.·])[\d.·]|\b[abwozthfsen])(?i:\b(?:at|after|by|within|of)\s+)?(?P<list>(?:{NUMW}\s*[-‐]?\s*,?\s*(?:and|or|&)?\s*)*{NUMW})\s*[-‐–\s]\s*(?P<unit>{_TIME_UNIT})\b(?![-\s]*old)",
    re.IGNORECASE,
)
_LIST_NUM_RE = re.compile(NUMW, re.IGNORECASE)
_DURATION_RE = guarded(re.compile(
    rf"(?P<num>{NUM})\s*(?P<unit>months?|mos?|years?|yrs?|weeks?|wks?|days?)\b"
    r"|(?P<nr>\bnot\s+(?:yet\s+)?(?:been\s+)?reached\b|\bNR\b|\bnot\s+(?:been\s+)?(?:estimable|evaluable|attained|achieved)\b)",
    re.IGNORECASE,
), r"[\d.·n]")
_BARE_NUM_RE = guarded(re.compile(rf"(?<![\w.·])({NUM})(?![\w%·]|\.\d)"), r"[\d.·]")
_MEDIAN_BEFORE = re.compile(r"\bmedian\s+(?:[\w-]+\s+){0,3}$|\bmedian\s*\(?$", re.IGNORECASE)
_MEDIAN_AFTER = re.compile(r"^\s*(?:\([A-Za-z]+\)\s*)?(?:time\s+)?,?\s*(?:was\s+|were\s+|had\s+|has\s+|showed\s+|reached\s+)?(?:a\s+)?(?:[(\[]\s*)?medians?\b", re.IGNORECASE)
#: a measure, a few words of verdict, then its medians in a bracket: "OS was similar (median, 18.2 v 14.1 months)"
_MEDIAN_BRACKET_AFTER = re.compile(r"[^()\[\]\d;.%]{0,30}?[(\[]\s*medians?\b", re.IGNORECASE)
_FORWARD_LINK = re.compile(
    r"^\s*\)?\s*(?:of\s+(?:the\s+)?(?:evaluable\s+)?(?:patients|women|cases|participants|those)\s+(?:(?:in|on|receiving|given|treated\s+with)\s+(?:the\s+)?(?:[\w+/-]+\s+){1,4}?)?"
    r"|(?:patients|women|cases|participants)\s+"
    # "72% of placebo-treated patients were alive": the arm as an adjective of the people
    r"|of\s+(?:the\s+)?[\w+/]+(?:[\s-][\w+/]+){0,2}?-(?:treated|allocated|assigned|randomi[sz]ed)\s+(?:patients|women|men|adults|cases|participants|subjects)\s+)?"
    r"(?:(?:had|with|achieved|showed|experienced|attained|obtained|reached|presented|developed|demonstrated|displayed|exhibited|were|remained)\s+)?"
    r"(?:an?\s+|(?<=were\s)in\s+|(?<=remained\s)in\s+)?(?:confirmed\s+|radiological\s+|radiologic\s+|clinical\s+|objective\s+)?$",
    re.IGNORECASE,
)
#: "48% and 44% of patients alive at 2 years": the people then a measure that is itself a state ("alive", "alive and
#: disease-free") need no verb between them
_ALIVE_LINK = re.compile(r"\s*\)?\s*of\s+(?:the\s+)?(?:evaluable\s+|randomi[sz]ed\s+)?(?:patients|women|men|children|participants|subjects)\s+(?:still\s+)?", re.I)
_FORWARD_REQUIRED = re.compile(r"\b(?:had|with|achieved|showed|experienced|attained|obtained|reached|presented|developed|demonstrated|displayed|exhibited|were|remained)\b", re.I)
#: "89% of patients in the A group and 52% of those in the B group were alive and disease-free": the first value's arm, then the list word
_ARM_LIST_GAP = re.compile(
    r"\s*of\s+(?:the\s+)?(?:patients|women|those|participants)\s+(?:in|on|receiving|given|treated\s+with)\s+(?:the\s+)?(?:[\w+/-]+\s+){1,5}?(?:,\s*)?(?:and|or|vs\.?|versus|compared\s+with)\s+$"
    # "81% of A-treated and 72% of B-treated patients": the arm as an adjective
    r"|\s*of\s+(?:the\s+)?[\w+/]+(?:[\s-][\w+/]+){0,2}?-(?:treated|allocated|assigned|randomi[sz]ed)(?:\s+(?:patients|women|men|adults|participants|subjects))?\s*(?:,\s*)?(?:and|or|vs\.?|versus)\s+$",
    re.I,
)
_LIST_GAP = re.compile(r"^\s*(?:\([^()]{0,40}\)\s*)?(?:,|;)?\s*(?:and|or|vs\.?|versus|compared\s+(?:with|to)|to|in|for)?\s*$", re.IGNORECASE)
_MEASURE_LIST_GAP = re.compile(r"^\s*(?:rates?\s*)?(?:\([A-Za-z]+\)\s*)?(?:,\s*)?(?:and|or|&|/|,)?\s*(?:the\s+)?(?:\d+-(?:year|yr)\s+)?$", re.I)
_COUNT_BEFORE = re.compile(rf"(?:(?P<c1>{NUMW})\s*(?:/|of|out\s+of)\s*(?P<d1>{NUM})|(?P<c2>{NUMW}))\s*(?:[A-Za-z-]+\s+){{0,2}}?\(\s*(?:n\s*=\s*)?$", re.I)
_COUNT_AFTER = re.compile(rf"\s*[(\[,]\s*(?:n\s*=\s*)?(?P<c>{NUM})\s*(?:(?:/|of|out\s+of)\s*(?P<d>{NUM}))?\s*(?:patients?\s*)?[)\],;]", re.I)
_HR_FOR = (
    (re.compile(r"\b(?:local|loco-?regional)\s+(?:recurrence|relapse|failure)", re.I), "LC"),  # "hazard ratio for local recurrence 0.49"
    (re.compile(r"progression|relapse\s+or\s+death", re.I), "PFS"),
    (re.compile(r"recurrence|disease\s+or\s+death|relapse", re.I), "DFS"),
    (re.compile(r"death|dying|mortality", re.I), "OS"),
)
#: the event a hazard ratio is of, named right before it: "associated with lower mortality (hazard ratio 0.68", "a reduced
#: risk of relapse (HR 0.7"
_HR_EVENT_BEFORE = re.compile(
    r"\b(?:(?P<os>mortality|death|dying)|(?P<pfs>progression)|(?P<dfs>recurrence|relapse))\b[^;.\d%()]{0,60}[(\[,]?\s*$", re.I
)
_HR_EVENT_KEYS = ("mortality", "death", "dying", "progression", "recurrence", "relapse")
_FOLLOW_VALUE = re.compile(rf"\s*(?P<num>{NUMW})\s*(?:\(\s*[^)]*\)\s*)?(?P<unit>months?|mos?|years?|yrs?|weeks?|days?)\b", re.I)


_OTHER_SURVIVAL = re.compile(r"(?:[\w]+-free|\bfree|-specific|post-relapse|post-recurrence|progression|relapse|event|disease)\s*$", re.I)
_WORD_BEFORE = re.compile(r"[\w-]+\s*$")
_TIME_SUFFIX = re.compile(r"-(\d{1,2})\b(?!\s*%|\.\d)")
#: a measure, a short clause about it and then "the median" restating it (no number or other clause between)
_MEDIAN_LATER = re.compile(
    r"[^.;:\d%()]{0,40}?[:;,]\s*(?:and\s+|with\s+|but\s+)?(?:the|its)\s+medians?\b(?!\s*(?:follow|age|time|duration|dose|number|value|[a-z]+-?up))",
    re.I,
)
#: a measure, a short verdict, a colon and its medians: "PFS was longer with A: median 11.6 vs 6.3 months"
_MEDIAN_AFTER_COLON = re.compile(r"[^.;:\d%()]{0,40}?:\s*medians?\s*,?\s*(?:of\s+|was\s+|were\s+)?(?=\d|not\b|NR\b)", re.I)
_NUMBERED_GATE = re.compile(r"(?:FS|OS)[12]")  # cheap test before the pattern below
_NUMBERED_MEASURE = re.compile(r"\b(?P<name>PFS|EFS|DFS|RFS|OS)(?P<digit>[12])\b(?![.,]\d)")
_ADJECTIVE_RESPONSE = guarded(re.compile(
    r"\b(?P<word>complete|partial|stable|progressive|progression)(?=\s+(?:in|for|,)\s"
    # "including 5 complete (12.5%) and 21 partial responses", "3 complete and 9 partial remissions": the first of a pair
    r"|\s*(?:[(\[][^()\[\]]{0,30}[)\]]\s*)?,?\s+(?:and|or)\s+(?:[\w.·]+\s+){0,2}?partial\s*(?:[(\[][^()\[\]]{0,30}[)\]]\s*)?(?:respon|remission))"
    r"|(?<=\)\s)(?:were\s+|was\s+|had\s+)?(?P<word2>stable|progressed|progression)\b|\b(?P<word3>progressed)\b"
    # "49 partial (64.5%) responses": the second of a pair, its value between; "(complete 4.2%, partial 34.4%)": a
    # category named before its percentage; "complete metabolic remission": the complete response of a PET reading
    r"|\b(?P<word4>partial)(?=\s*[(\[][^()\[\]]{0,30}[)\]]\s*(?:respon|remission))"
    r"|\b(?P<word5>complete|partial)(?=\s*[:,=]?\s*\d+(?:[.·]\d+)?\s*%)"
    r"|\b(?P<word6>complete)\s+metabolic\s+(?:respon|remission)[a-z]*",
    re.I,
), "[cpswh]")
#: lower-case pieces one of which every match of _ADJECTIVE_RESPONSE holds
#: after "partial" (a match of the word4 branch above): the bracket and the noun
_RESPONSE_NOUN_AFTER = re.compile(r"\s*[(\[][^()\[\]]{0,30}[)\]]\s*(?:respon|remission)[a-z]*", re.I)
#: a sentence opening with responses of any kind counted "in" a number: "Responses were seen in 12 of 40 patients", "There
#: were responses in 14/38"
_BARE_RESPONSES = re.compile(
    r"(?:there\s+(?:were|was)\s+(?:an?\s+)?)?(?P<m>responses?)(?=\s+(?:(?:were|was)\s+(?:seen|observed|noted|documented|recorded|achieved)\s+|occurred\s+)?in\s+\d)", re.I
)
_ADJECTIVE_KEYS = ("complete", "partial", "stable", "progress")
_ADJECTIVE_MEASURE = {"complete": "CR", "partial": "PR", "stable": "SD", "progressive": "PD", "progression": "PD", "progressed": "PD"}


_ELLIPSIS = re.compile(
    r"\b(?P<p>(?:local(?:ly)?\s+|distant\s+|loco-?regional\s+)?(?:event|progression|disease|relapse|recurrence|metastasis|failure)[- ]free|overall|(?:disease|cancer)[- ]specific)"
    r"(?=\s*(?:,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+)(?:[\w-]+[\s-]+){0,4}?surviv)",
    re.I,
)
_ELLIPSIS = guarded(_ELLIPSIS, "[ldeprmfoc]")
#: in the lower-cased ASCII sentence, what every match of _ELLIPSIS holds: its last word and the list word after it
_ELLIPSIS_GATE = re.compile(r"(?:free|overall|specific)\s*(?:,|\s+and\s|\s+or\s)")
_ELLIPSIS_MEASURE = (
    (re.compile(r"^(?:local|loco)", re.I), "LRFS"), (re.compile(r"^distant|metastasis", re.I), "MFS"), (re.compile(r"^event|^failure", re.I), "EFS"),
    (re.compile(r"^progression", re.I), "PFS"), (re.compile(r"^disease[- ]free", re.I), "DFS"), (re.compile(r"^(?:relapse|recurrence)", re.I), "RFS"),
    (re.compile(r"specific", re.I), "DSS"), (re.compile(r"^overall", re.I), "OS"),
)
_PATHOLOGICAL_BEFORE = re.compile(r"\bpatholog(?:ical|ic)\s+$", re.I)
#: the first of two response words sharing "complete response": "rates of clinical/pathological complete regression"
_RESPONSE_ELLIPSIS = re.compile(
    r"\b(?:clinical|radiological|radiologic|pathological|pathologic)(?=\s*(?:and|or|/|,)\s*(?:clinical|radiological|radiologic|pathological|pathologic)\s+complete\s+(?:respon|remission|regression))",
    re.I,
)
#: lower-case pieces one of which every match of _NOT_A_RATE_BEFORE contains (a measure's own probability, "the 5-year OS
#: probability was 64%", is its rate)
_NOT_A_RATE_KEYS = ("above", "exceed", "more", "less", "below", "least", "difference", "reduc", "improv", "increase", "absolute", "relative",
                    "decrease", "gain", "benefit", "margin", "power", "alpha", "probability")
_NOT_A_RATE_BEFORE = re.compile(r"\b(?:above|exceed(?:ing|ed|s)?|more\s+than|less\s+than|below|at\s+least)\s*$|\b(?:difference|differences|reduction|reduced\s+by|improvement|improved\s+by|increase[sd]?\s+by|absolute|relative|decrease[sd]?\s+by|gain|benefit\s+of|margin\s+of|power|alpha|(?<!survival\s)(?<!free\s)(?<!control\s)(?<!OS\s)(?<!FS\s)probability)\b[^%\d]{0,12}$", re.I)
_CHANGE_IN_BEFORE = re.compile(r"\b(?:increase|improvement|benefit|difference|reduction|gain|decrease)s?\s+in\s+(?:both\s+|the\s+)?(?:[\w-]+\s+){0,3}$", re.I)
_OF_BEFORE = re.compile(r"\bof\s+(?:about\s+|approximately\s+|nearly\s+|almost\s+|only\s+)?$", re.I)
_NOT_A_RATE_AFTER = re.compile(r"\s*(?:absolute\s+|relative\s+)?(?:differences?|improvements?|reductions?|increases?|decreases?|gains?|benefits?)\b", re.I)
_WHOLE_COHORT = re.compile(r"\b(?:entire|whole|overall|all\s+(?:patients|women|evaluable)|total)\b", re.I)
_OF_DENOMINATOR = re.compile(rf"\s*\)\s*of\s+(?:the\s+|all\s+)?(?P<d>{NUM})\b")
_BARE_PROPORTION = re.compile(r"\s*(?:rates?\s*|proportion\s*)?(?:\([A-Za-z]+\)\s*)?(?:was|were|of|:|,|=)\s*(?P<num>0?[.·]\d+)(?![\d%·]|\.\d)")
_BARE_RATE = re.compile(r"\s*(?:rates?\s*)?(?:was|were|of|:|,|=)?\s*(?P<num>\d{1,2}(?:[.·]\d+)?|100)(?![\d%·]|\.\d|\s*(?:%|months?|mo\b|years?|patients|Gy|mg|cycles?|weeks?|days?|per\s?cent))", re.I)


#: small patterns of the finders below, compiled once (``re.search`` with a string looks its pattern up on every call)
_DIGIT = re.compile(r"\d")
_DIGIT_OR_PERCENT = re.compile(r"\d|%")
_STOP_OR_DIGIT = re.compile(r"[;,.]|\d")
_ABBREVIATION_GAP = re.compile(r"\s*[(\[,]\s*")
_TIME_LIST_JOIN = re.compile(r"\s*(?:,|and|or|,\s*and)\s*")
_PERCENT_OPEN_BEFORE = re.compile(r"%\s*[(\[]?\s*$")
_RANGE_BEFORE = re.compile(
    r"\brange[sd]?\s*[:,]?\s*(?:of\s+|from\s+)?$|\bIQR\s*[:,]?\s*$|(?:–|-|(?<!compared\s)(?<!relative\s)(?<!similar\s)(?<!equal\s)(?<!opposed\s)\bto)\s*$", re.I
)
_BARE_LIST_GAP = re.compile(
    r"\s*(?:\([^()]{0,50}\)\s*|\[[^\[\]]{0,50}\]\s*)?(?:,|and|vs\.?|v\b\.?|versus|or|compared\s+(?:with|to))\s*(?:[\w-]+\s+){0,5}?(?:vs\.?|v\b\.?|versus|and|with|compared\s+(?:with|to)|,)?\s*",
    re.I,
)
_TOX_NOUN_GAP = re.compile(r"[\s(\[]*(?:(?:rates?|incidence|frequency)\s*[\s(\[]*)?(?:of|at|with|were|was|:)?\s*(?:CTCAE\s*)?[\s(\[]*", re.I)


#: ``Hit(...)`` without the Python-level ``__new__`` of a named tuple (which does just this)
_new_hit = tuple.__new__
#: a hit as the sentence finders return it: a plain tuple of the :class:`~extractors.hits.Hit` fields, offsets
#: into the sentence (``find_outcomes`` makes each one a Hit once, with offsets into the text)
_Found = tuple[str, str, int, int, dict[str, Any]]


def find_outcomes(text: str, sentences: Sequence[tuple[int, int]], lexicon: Lexicon, arms: Sequence[ArmMention] = ()) -> list[Hit]:
    """Outcome hits in every sentence of ``text`` (character offsets into ``text``)."""
    hits: list[Hit] = []
    context: str | None = None  # the arm a run of sentences is about ("In the A arm, ... . Median OS was ...")
    last_event: str | None = None  # the time-to-event measure of the last value read (for a hazard ratio naming none)
    for index, (s, e) in enumerate(sentences):
        sentence = text[s:e]
        lower = sentence.lower()
        cue = _has_cue(sentence, lower)
        spans = None
        # a run starts at a sentence with values that opens with "In the A arm"; any sentence may end it
        if arms and (context is not None or (cue and lower.startswith(_CONTEXT_WORDS))):
            context, spans = _arm_context(sentence, lower, arms, context)
        if not cue:
            continue
        # the phrasings the comparison finder leaves (it reads most values written beside their arms): a sentence that
        # opens with an arm, values whose arms follow in order with "respectively", medians printed with no unit
        beside = len(arms) >= 2 and (
            ((lower.startswith(_CONTEXT_WORDS) or "respectively" in lower or "resp." in lower) and (sentence.count("%") >= 2 or "percent" in lower or "per cent" in lower))
            or ("median" in lower and not holds_any(lower, _DURATION_KEYS))
        )
        if beside and spans is None:
            spans = arm_spans_in(sentence, arms, lower)  # (read once: the finders below share them)
        sentence_arms = arms
        if len(arms) >= 2 and ("respectively" in lower or "resp." in lower):
            if spans is None:
                spans = arm_spans_in(sentence, arms, lower)
            if not spans:  # "DFS events were 3 and 8 in the A and B groups. DFS rates were 93% and 81%, respectively": that order
                sentence_arms = _arms_in_earlier_order(text, sentences, index, arms)
        found = _find_in_sentence(sentence, lexicon, sentence_arms, lower, spans)
        if beside and len(spans) >= 2:  # type: ignore[arg-type]
            # each arm's value beside its own name ("88% in the A arm, as compared to 71% in the B arm")
            taken = [(h[2], h[3]) for h in found]
            found = found + find_arm_values(sentence, lower, spans, taken, partial(_not_compared, sentence, arms, taken))  # type: ignore[arg-type]
        if not found:
            continue  # (most sentences: the checks below, which drop a sentence's values, need not run)
        if ("assum" in lower or "hypothesi" in lower or "detect" in lower or "power" in lower) and _PLANNING.search(sentence):
            continue  # "Assuming a 3-year OS of 50% with A and 60% with B, 438 patients give 80% power": planned figures
        if ("previously" in lower or (("prior" in lower or "previous" in lower or "earlier" in lower) and ("stud" in lower or "trials" in lower or "reports" in lower or "meta-analys" in lower))) and _is_background(sentence):
            continue  # "... previously demonstrated a pCR of 9.7% (X trial)": another study's figures
        for group, label, start, end, payload in found:
            if label == _PENDING:  # a hazard ratio between arms naming no measure: the time-to-event measure last reported
                if last_event is None:
                    continue
                label = payload["measure"] = last_event
            elif label in _TIME_TO_EVENT:
                last_event = label
            if label != "_OTHER":
                if context is not None and payload.get("arm", 0) is None and payload["kind"] in ("rate", "median") and label != "FOLLOW_UP":
                    payload["arm"] = context
                hits.append(_new_hit(Hit, (group, label, start + s, end + s, payload)))
    return hits


def _arms_in_earlier_order(text: str, sentences: Sequence[tuple[int, int]], index: int, arms: Sequence[ArmMention], reach: int = 2) -> Sequence[ArmMention]:
    """``arms`` in the order the nearest of the ``reach`` sentences before sentence ``index`` names every one of them
    (a sentence whose "respectively" refers to arms it does not name takes them in that order); ``arms`` unchanged when
    none of them names every arm."""
    labels = list(dict.fromkeys(arm.label for arm in arms))
    for k in range(index - 1, max(-1, index - 1 - reach), -1):
        before = text[sentences[k][0] : sentences[k][1]]
        named = list(dict.fromkeys(label for _, _, label in arm_spans_in(before, arms)))
        if len(named) == len(labels):
            return sorted(arms, key=lambda arm: named.index(arm.label))
        if named:
            return arms  # a sentence naming some arms only: the order cannot be told
    return arms


#: the time units a median's value may carry (a sentence with none of them may hold medians printed with no unit)
_DURATION_KEYS = ("month", "year", "week", "day", " mo", "yr", "wk")


def _not_compared(sentence: str, arms: Sequence[ArmMention], taken: list[tuple[int, int]], spans: list[tuple[int, int]]) -> bool:
    """Whether the comparison finder (which runs after this one and skips any group holding a value read here) reads
    none of the values at ``spans`` itself: else they are left to it, whole."""
    read = find_comparisons(sentence, [(0, len(sentence))], arms, taken)
    return not any(h.start < b and a < h.end for h in read for a, b in spans)


_PLANNING = re.compile(
    r"\b(?:assuming|assumed|assumption|hypothesi[sz]ed|hypothesis\s+was|to\s+detect|powered\s+to|(?:\d+\s*%|statistical)\s+power)\b", re.I
)
#: "previously demonstrated", not "previously reported results" (which the study's own are compared with)
_PREVIOUSLY = re.compile(
    r"previously\s+(?:demonstrated|showed|shown|reported|published|described)\b(?!\s+(?:results?|data|findings|outcomes?|studies|trials?|series|experience)\b)",
    re.I,
)
_EARLIER_STUDIES = re.compile(r"\b(?:prior|previous|earlier)\s+(?:studies|trials|reports|meta-analys[ie]s)\s+(?:have\s+)?(?:shown|showed|demonstrated|reported|found)\b", re.I)
_CONTEXT_WORDS = ("in ", "for ", "among ", "within ", "with ")
_CONTEXT_OPEN = re.compile(r"\s*(?:in|for|among|within|with)\s+(?:the\s+)?(?:patients\s+|women\s+)?(?:(?:treated\s+with|receiving|given|on)\s+)?$", re.I)
#: words of a sentence about the whole cohort or both arms, which ends a run of sentences about one arm
_NOT_ONE_ARM = re.compile(
    r"\b(?:both|all|entire|whole|in\s+total|either|each|arms|groups|compared|versus|vs|than)\b|\boverall\b(?!\s+(?:survival|response|remission))|^\s*[A-Z][A-Za-z ]{2,30}:",
    re.I,
)


def _arm_context(sentence: str, lower: str, arms: Sequence[ArmMention], context: str | None) -> tuple[str | None, list | None]:
    """The arm the next sentences are about: set by a sentence that opens with it ("In the A arm, ..."), kept through
    sentences naming no arm and no wider group, ended by any other; and the sentence's arm spans when they were read
    (None when not)."""
    if context is None and not lower.startswith(_CONTEXT_WORDS):
        return None, None
    spans = arm_spans_in(sentence, arms, lower)
    if not spans:
        return (context if context is not None and not _NOT_ONE_ARM.search(sentence) else None), spans
    first = spans[0]
    if first[0] > 40 or len({label for _, _, label in spans}) != 1 or not _CONTEXT_OPEN.fullmatch(sentence, 0, first[0]):
        return None, spans
    return (first[2] if sentence[first[1] : first[1] + 3].lstrip().startswith(",") else None), spans


def _is_background(sentence: str) -> bool:
    """Whether the sentence quotes another study: "we previously demonstrated", "prior studies have shown"."""
    for m in _PREVIOUSLY.finditer(sentence):
        before = sentence[max(0, m.start() - 6) : m.start()].lower()
        if not before.endswith(("with ", "to ", "than ")):
            return True
    return _EARLIER_STUDIES.search(sentence) is not None




def _may_hold_wordy_value(sentence: str, lower: str) -> bool:
    """Whether a sentence without digits may still hold a value: a number in words ("five complete responses",
    "a median follow-up of three years") or a median not reached ("not reached", "NR", "not estimable")."""
    if "nr" in lower or ("not" in lower and holds_any(lower, _NOT_REACHED_KEYS)):
        return True
    return has_number_word(lower) or _may_be_none_reached(sentence, lower)


def _may_be_none_reached(sentence: str, lower: str) -> bool:
    """Whether the sentence may say that nobody reached a response category ("there were no complete responses")."""
    return ("no " in lower or "none" in lower) and ("complete" in lower or "partial" in lower or "objective" in lower or "overall" in lower or "CR" in sentence or "PR" in sentence) and (
        _NONE_REACHED.search(sentence) is not None)


#: the words after "not" of the not-reached forms :data:`_DURATION_RE` reads
_NOT_REACHED_KEYS = ("reach", "estimab", "evaluab", "attain", "achiev")


def _has_cue(sentence: str, lower: str) -> bool:
    if "%" in sentence or "HR" in sentence or holds_any(lower, _CUE_KEYS):
        return True
    # "9 of 31 patients achieved a partial response", "PR in 9/31": counts with no percentage
    # "Among the 45 patients, 2 had CR, 12 had PR": counts out of a group
    if ("/" in sentence or " of " in lower or "among" in lower or lower.startswith("of ")) and holds_any(lower, _COUNT_CUE_KEYS):
        return True
    # "Best response: 2 CR, 5 PR", "stable disease in twenty": categories of response counted with no percentage
    if "grade" in lower and " in " in lower and ("patient" in lower or "participant" in lower):
        return True  # "Grade 3+ toxicity occurred in six patients": a toxicity count with no percentage
    if (("respon" in lower or "stable" in lower or "progressive" in lower or "CR" in sentence or "PR" in sentence)
            and (_DIGIT.search(sentence) is not None or has_number_word(lower))
            and (bool(_counted_forms(sentence, lower)) or (_may_match(_COUNTED_KEYS, sentence, lower) and _COUNTED_RESPONSE.search(sentence) is not None))):
        return True
    return _may_be_none_reached(sentence, lower)  # "No complete remission was observed": a count of zero


_COUNT_CUE_KEYS = ("respon", "remission", "pcr", "stable", "progress", "grade", "orr", "cr ", "pr ", "sd ", "dcr", "cr,", "pr,", "sd,", " pd")


_CUE_KEYS = ("month", "year", "mo ", "mo,", "mo)", "mo;", "mo.", "mos ", "mos,", "mos)", "mos;", "mos.", "week", "hazard", "reached", "follow", "cent", "yr",
             "survival", "control")


def _find_in_sentence(sentence: str, lexicon: Lexicon, arms: Sequence[ArmMention], lower: str, spans: list | None = None) -> list[_Found]:
    # intervals, p-values, hazard ratios, percentages and counts are numbers in digits: a sentence with none
    # (numbers in words, "not reached") can hold only follow-up times, medians not reached and counted responses
    has_digit = _DIGIT.search(sentence) is not None or not _NUMBERS_CHECKED
    if not has_digit and not _may_hold_wordy_value(sentence, lower):
        return []  # no digit, no number word and no "not reached": nothing to read
    mentions = measures = _measure_mentions(sentence, lexicon, lower)
    firsts = None
    has_follow = "follow" in lower or "observ" in lower
    has_grade = "grade" in lower or "≥" in sentence or ">=" in sentence or "g3" in lower
    has_hazard = "hazard" in lower or "HR" in sentence
    if len(measures) >= 2:
        measures, firsts = _restated_medians(sentence, measures)
    if not measures and not (has_follow or has_grade or has_hazard):
        return []  # every finding needs a measure, a follow-up, a hazard ratio or a toxicity grade
    blocked: list[tuple[int, int]] = []
    # substring tests first: each regex below scans the whole sentence
    cis = _intervals(sentence, lower) if has_digit and ("CI" in sentence or "onfidence" in lower or "[" in sentence or "(" in sentence) else []
    ps = [(m.start(), m.end(), m) for m in _P_RE_FAST.finditer(sentence)] if (has_digit and "p" in lower and (_has_relation(sentence) or not _NUMBERS_CHECKED)) else []
    blocked.extend((a, b) for a, b, _ in cis)
    blocked.extend((a, b) for a, b, _ in ps)
    arm_spans = spans if spans is not None else arm_spans_in(sentence, arms, lower) if arms else []
    percents: list[list[dict[str, Any]]] = []  # the percentages, read once (blocked spans only grow from here)
    hits: list[_Found] = []
    if has_follow:
        hits.extend(_follow_up(sentence, lexicon, blocked, lower, arm_spans, arms))
    if has_hazard and has_digit:
        hits.extend(_hazard_ratios(sentence, lexicon, measures, cis, ps, blocked, arm_spans, arms))
    if has_grade and has_digit:
        tox_hits, tox_used = _toxicity(sentence, lexicon, cis, blocked, arm_spans, arms, lower, percents)
        hits.extend(tox_hits)
        blocked.extend(tox_used)
    if measures:
        if arm_spans and has_hazard:
            arm_spans = _outside_ratio_brackets(sentence, arm_spans)
        hits.extend(_medians(sentence, measures, cis, ps, blocked, arm_spans, arms, lower))
        read_times = partial(_read_times_into, sentence, lower, mentions, measures, firsts)
        rates = _rates(sentence, measures, cis, ps, blocked, arm_spans, arms, lower, read_times, percents) if has_digit else []
        hits.extend(rates)
        if "respon" in lower or "remission" in lower or "stabili" in lower or "stable" in lower or " CR" in sentence or " PR" in sentence:
            hits.extend(_counted_responses(sentence, rates, lower))
            if not arms and ("no " in lower or "none" in lower):
                hits.extend(_none_reached(sentence, {h[4]["measure"] for h in hits if h[4]["kind"] == "rate"}))
        if not arms and ("among" in lower or "of " in lower) and any(m["measure"] in RESPONSE for m in measures):
            valued = {h[4]["measure"] for h in hits if h[4]["kind"] == "rate" and "needs_denominator" not in h[4]}
            if any(m["measure"] in RESPONSE and m["measure"] not in valued for m in measures):  # a response with no rate yet
                among = _counts_among(sentence, measures, valued, blocked)
                if among:  # a count over the base the sentence states ("Among 16 patients, ... in 5") beats one over the cohort
                    based = {h[4]["measure"] for h in among}
                    hits = [h for h in hits if "needs_denominator" not in h[4] or h[4]["measure"] not in based]
                hits.extend(among)
    if hits and ";" in sentence and _may_match(_CLAUSE_SUBGROUP_KEYS, sentence, lower):
        subgroups = _subgroup_clauses(sentence)
        if subgroups:
            hits = [h for h in hits if h[4]["kind"] not in ("rate", "median", "hr") or not within_any(h[2], h[3], subgroups)]
    return hits


#: a bracketed hazard ratio that names its comparison: "(hazard ratio for A v B, 1.08; 95% CI ...)"
_RATIO_BRACKET = re.compile(r"[(\[]\s*(?:(?:adjusted\s+|stratified\s+)?hazard\s+ratio|a?HR)\b[^()\[\]]*[)\]]", re.I)


def _outside_ratio_brackets(sentence: str, arm_spans: list) -> list:
    """No arm spans when every one sits in a hazard ratio's bracket: an HR names its comparison's direction
    ("93.1% and 92.4% (hazard ratio for B v A, 1.08)"), not the order of the values before it, which
    follow the study's arms."""
    brackets = [(m.start(), m.end()) for m in _RATIO_BRACKET.finditer(sentence)]
    if brackets and all(any(a <= start and end <= b for a, b in brackets) for start, end, _ in arm_spans):
        return []
    return arm_spans


#: the group a sentence's counts are out of: "Among the 45 patients", "of 59 evaluable patients"
_AMONG_N = re.compile(
    rf"\b(?:among|of)\s+(?:the\s+|all\s+|these\s+)?(?P<d>{NUMW})\s+(?:(?:(?:evaluable|assessable|eligible|treated|analy[sz]ed)\s+)?(?:patients|women|men|cases|participants|subjects)\b|(?:evaluable|assessable)\b)",
    re.I,
)
#: a count before a response measure: "0 had CR", "12 patients achieved a partial response"
_COUNT_HAD = re.compile(
    rf"(?<![\w.·/%])(?P<c>{NUMW})\s+(?:patients?\s+|women\s+|cases\s+)?(?:had|achieved|showed|attained|reached|experienced)\s+(?:an?\s+)?$", re.I
)
#: a count after a response measure: "complete response was seen in 4", "partial response in 34"
_COUNT_IN = re.compile(
    rf"\s*[)\]]?\s*(?:(?:was|were)\s+)?(?:(?:seen|observed|achieved|noted|recorded|found|documented|reported|obtained)\s+)?in\s+(?P<c>{NUMW})(?![\w·%/]|[.·]\d|\s*(?:%|of\b|out\b|/|\(\s*\d|[-–]))",
    re.I,
)
#: a count whose verb is said once for a list: "1 had a complete response, 9 a partial response and 24 stable disease"
_COUNT_ELIDED = re.compile(rf"(?:,|;|\band)\s*(?P<c>{NUMW})\s+(?:an?\s+)?$", re.I)
#: "no complete responses were seen": a count of zero
_NONE_SEEN = re.compile(r"\s*(?:(?:was|were)\s+)?(?:seen|observed|achieved|noted|recorded|found|documented|reported|occurred)\b", re.I)
_NO_BEFORE = re.compile(r"\b[Nn]o\s+$")


def _counts_among(sentence: str, measures: list, valued: set[str], blocked: list) -> list[_Found]:
    """Responses of a single-arm study stated as counts out of a group the sentence names: "Among the 45 patients, 0 had
    CR, 12 had PR", "among 59 evaluable patients, complete response was seen in 4", "no complete responses were seen".

    (Trials are left out: their reports print each arm's rates, and on real trial abstracts rates worked out from
    per-arm counts were values the annotators did not mark.)
    """
    groups = list(_AMONG_N.finditer(sentence))
    if len(groups) != 1:
        return []
    denominator = parse_number(groups[0].group("d"))
    if denominator is None or denominator != int(denominator) or denominator < 2:
        return []
    arm = None
    valued = set(valued)  # the measures that have a rate already (a copy: each found below is added)
    hits: list[_Found] = []
    had_verb = False  # a count read with its verb: later counts of the list may leave the verb out
    for m in measures:
        measure = m["measure"]
        if measure not in RESPONSE or measure in valued or m["start"] < groups[0].end():
            continue
        count: float | None = None
        start, end = m["start"], m["end"]
        before = _COUNT_HAD.search(sentence, max(0, m["start"] - 40), m["start"])
        if before is not None:
            had_verb = True
        elif had_verb:
            before = _COUNT_ELIDED.search(sentence, max(0, m["start"] - 24), m["start"])
        after = _COUNT_IN.match(sentence, m["end"]) if before is None else None
        if before is not None:
            count, start = parse_number(before.group("c")), before.start("c")
        elif after is not None:
            count, end = parse_number(after.group("c")), after.end("c")
        elif _NO_BEFORE.search(sentence, max(0, m["start"] - 4), m["start"]) and _NONE_SEEN.match(sentence, m["end"]):
            count, start = 0.0, m["start"] - 3
        if count is None or count != int(count) or count > denominator or within_any(start, end, blocked):
            continue
        payload = {"measure": measure, "kind": "rate", "value": round(count / denominator, 4), "unit": "proportion", "count": int(count),
                   "denominator": int(denominator), "time_months": None, "ci": None, "p": None, "p_relation": "=", "arm": arm}
        hits.append(("outcome", measure, start, end, payload))
        valued.add(measure)
    return hits


_RESTATED_GAP = re.compile(r"\s*[(\[]\s*")
_PARALLEL_GAP = re.compile(r"\s*[(\[][^()\[\]]{1,120}[)\]]\s*,?\s*(?:and|or|but|while|whereas)\s+(?:in\s+|for\s+|of\s+)?(?:the\s+)?$", re.I)
_PARALLEL_VALUE = re.compile(rf"\s*[(\[]\s*(?:median[:,]?\s*)?(?:{NUM})(?:\s*(?:,|and|vs\.?|v\.?|versus)\s*(?:{NUM})){{0,3}}\s*(?:months?|mos?|years?|yrs?|weeks?|wks?|days?)\b", re.I)


def _restated_medians(sentence: str, measures: list) -> tuple[list, list[int] | None]:
    """Two readings of the mentions that carry "median" over to a measure that does not say it.

    * A measure restated in brackets is one mention: "Median DFS (disease-free survival) reached 22 months".
    * A measure parallel to a median one, its own values in a bracket: "median PFS (7 vs 5 months) and OS (19 vs 18 months)".
    """
    if not any(m["median"] for m in measures):
        return measures, None
    out: list = []
    firsts: list[int] = []  # the mention each of ``out`` was copied from
    index_of: dict[int, int] = {}
    for i, m in enumerate(measures):
        prev = out[-1] if out else None
        if prev is not None and prev["measure"] == m["measure"] and _RESTATED_GAP.fullmatch(sentence, prev["end"], m["start"]):
            close = sentence[m["end"] : m["end"] + 1]
            prev["end"] = m["end"] + (1 if close in ")]" and close else 0)
            prev["median"] = prev["median"] or m["median"]
            index_of[i] = len(out) - 1
            continue
        if (prev is not None and prev["median"] and not m["median"] and _PARALLEL_GAP.fullmatch(sentence, prev["end"], m["start"])
                and _PARALLEL_VALUE.match(sentence, m["end"])):
            m = dict(m, median=True)
        else:
            m = dict(m)
        index_of[i] = len(out)
        out.append(m)
        firsts.append(i)
    for j, m in enumerate(out):
        if "list_prev" in m:
            m["list_prev"] = index_of[m["list_prev"]]
            if m["list_prev"] >= j:
                del m["list_prev"]
    return out, firsts


_COUNTED_RESPONSE = re.compile(
    rf"(?<![\w.·/%])(?P<c>{NUMW})\s+(?:(?:patients?|women|men|children|participants|cases)\s+(?:had|with|achieved|showed|experienced)\s+(?:an?\s+)?"
    # "15 cases of stable disease and 11 of progressive disease", "two achieved a complete response, three a partial response,
    # two had stable disease": a count before a category named with its kind, or with the verb said once before it
    r"|(?:cases|instances)\s+of\s+|of\s+(?=stable|progressive)|(?:had|achieved|showed)\s+(?:an?\s+)?|an?\s+)?(?:confirmed\s+)?"
    r"(?P<m>complete\s+(?:responses?|remissions?)|partial\s+(?:responses?|remissions?)|disease\s+stabili[sz]ations?|stable\s+disease|progressive\s+disease)\b"
    r"(?!\s*(?:\(|\[|rates?\b|was\b|were\b|in\s+\d|of\s+\d|among\s+\d))",
    re.IGNORECASE,
)
_COUNTED_MEASURE = {"complete": "CR", "partial": "PR", "disease": "SD", "stable": "SD", "progressive": "PD"}
#: lower-case pieces one of which every match of _COUNTED_RESPONSE holds
_COUNTED_KEYS = ("complete", "partial", "stabili", "stable", "progressive")


def _counted_responses(sentence: str, rates: list[_Found], lower: str) -> list[_Found]:
    """Responses stated only as a number of patients ("including 2 complete responses", "1 complete response,
    5 partial responses and 13 disease stabilisations"): the count, with the denominator left for the
    pipeline to take from the evaluable cohort the abstract states."""
    hits: list[_Found] = []
    for m in _COUNTED_RESPONSE.finditer(sentence) if _may_match(_COUNTED_KEYS, sentence, lower) else ():
        count = parse_number(m.group("c"))
        if count is None or count != int(count) or count > 100000:
            continue
        measure = _COUNTED_MEASURE[m.group("m").split()[0].lower()]
        if any(h[4]["measure"] == measure for h in rates):
            continue
        hits.append(("outcome", measure, m.start("c"), m.end("m"), _count_payload(measure, int(count))))
    taken = {h[4]["measure"] for h in rates} | {h[4]["measure"] for h in hits}
    for m in _counted_forms(sentence, lower):
        count = parse_number(m.group("c"))
        name = m.group("m")
        measure = _COUNTED_ABBREVIATION.get(name.rstrip("s")) or _COUNTED_MEASURE.get(name.split()[0].lower()) or _PROGRESSED_MEASURE.get(name.lower())
        if measure is None or measure in taken or count is None or count != int(count) or count > 100000:
            continue
        taken.add(measure)
        hits.append(("outcome", measure, min(m.start("c"), m.start("m")), max(m.end("c"), m.end("m")), _count_payload(measure, int(count))))
    return hits


#: a response category nobody reached, a count of zero: "there were no complete responses", "no complete remission was
#: observed", "no patient achieved a CR", "none of these women had a pathologic CR", "..., with no CRs."
_NONE_REACHED = re.compile(
    r"(?:\b(?:there\s+(?:were|was)\s+)?\b[Nn]o|\b[Nn]one\s+of\s+(?:the|our|these)\s+(?:[\w-]+\s+)?(?:patients|women|men|participants|subjects|cases|children))\s+"
    r"(?:(?:patients?|women|men|participants|subjects|one|case)\s+)?(?P<verb>(?:had|achieved|attained|obtained|showed|experienced|reached)\s+(?:an?\s+)?)?"
    r"(?:confirmed\s+)?(?P<p>patholog(?:ic|ical)\s+)?"
    r"(?P<m>complete\s+(?:responses?|remissions?)|partial\s+(?:responses?|remissions?)|(?:objective|overall)\s+(?:tumou?r\s+)?(?:responses?|remissions?)|(?-i:p?CRs?|PRs?))\b(?!-)",
)
_NONE_AFTER = re.compile(r"\s*(?:\([^()]{0,20}\)\s*)?(?:[,;.)]|$|(?:was|were)\s+(?:seen|observed|noted|recorded|documented|achieved|obtained|reported)\b|occurred\b)")
_NONE_BEFORE = re.compile(r"(?:^|[,;:]\s*(?:with|and|but|while|whereas)?|\b(?:there\s+(?:were|was)|with|and|but|while|whereas))\s*$", re.I)
_NONE_MEASURE = {"complete": "CR", "partial": "PR", "objective": "ORR", "overall": "ORR", "cr": "CR", "crs": "CR", "pr": "PR", "prs": "PR", "pcr": "pCR", "pcrs": "pCR"}


def _none_reached(sentence: str, taken: set[str]) -> list[_Found]:
    """Response categories nobody reached, as counts of zero (the denominator left for the pipeline, as for counted
    responses); the phrase must stand as its own clause ("There were no complete responses;", "No CR was observed",
    "..., with no complete remissions."), not define a group ("patients with no complete response after induction")."""
    hits: list[_Found] = []
    for m in _NONE_REACHED.finditer(sentence):
        no_at = m.start()
        if not _NONE_BEFORE.search(sentence, max(0, no_at - 16), no_at) and not sentence[:no_at].strip() == "":
            continue
        if m.group("verb") is None and not _NONE_AFTER.match(sentence, m.end()):
            continue
        name = m.group("m")
        measure = _NONE_MEASURE.get(name.split()[0].lower()) or ""
        if m.group("p") is not None and measure == "CR":
            measure = "pCR"
        if not measure or measure in taken:
            continue
        taken.add(measure)
        hits.append(("outcome", measure, m.start(), m.end(), _count_payload(measure, 0)))
    return hits


def _count_payload(measure: str, count: int) -> dict[str, Any]:
    """A rate stated only as a number of patients: the count, its denominator left for the pipeline to take from the cohort."""
    return {"measure": measure, "kind": "rate", "value": None, "unit": "proportion", "count": count, "denominator": None,
            "time_months": None, "ci": None, "p": None, "p_relation": "=", "arm": None, "needs_denominator": True}


#: the categories of response as abbreviations, counted before them: "Best response: 2 CR, 5 PR, 7 SD and 3 PD", "including 2 CRs"
_COUNTED_ABBREVIATION = {"CR": "CR", "PR": "PR", "SD": "SD", "PD": "PD"}
_COUNT_THEN_ABBREVIATION = re.compile(
    rf"(?<![\w.·/%])(?P<c>{NUMW})\s+(?P<m>(?-i:CRs?|PRs?|SDs?|PDs?))\b(?!\s*(?:[(\[]\s*[\d.·]|rates?\b|was\b|were\b|in\s+\d|of\s+\d|among\s+\d|%))",
    re.I,
)
#: a category named, then its count and no percentage: "complete response 6, partial response 8", "CR, 4; PR, 9",
#: "stable disease in twenty", "progressive disease was seen in 3 patients"
_CATEGORY_THEN_COUNT = re.compile(
    r"\b(?P<m>complete\s+(?:responses?|remissions?)|partial\s+(?:responses?|remissions?)|stable\s+disease|progressive\s+disease|(?-i:CR|PR|SD|PD))"
    rf"(?:\s*[:=,]\s*|\s+(?:(?:was|were)\s+(?:seen|observed|noted|recorded|documented|achieved|obtained)\s+)?in\s+|\s+)(?P<c>{NUMW})"
    r"(?:\s+(?:patients?|participants|cases|subjects|children|women|men))?(?=\s*(?:[,;)]|\.(?!\d)|$|\s(?:and|or|while|whereas|but)\b))(?![.·]\d)",
    re.I,
)
#: "three progressed (during treatment)": a count of patients who progressed, read as progressive disease beside other responses
_COUNT_PROGRESSED = re.compile(rf"(?<![\w.·/%])(?P<c>{NUMW})\s+(?:patients?\s+|others?\s+)?(?:had\s+)?(?P<m>progressed)\b(?!\s*(?:\(|\[))", re.I)
_PROGRESSED_MEASURE = {"progressed": "PD"}


def _counted_forms(sentence: str, lower: str) -> list[re.Match]:
    """The counts of response categories written without a percentage in the other orders (see the patterns above)."""
    found: list[re.Match] = []
    abbreviated = "CR" in sentence or "PR" in sentence or "SD" in sentence or "PD" in sentence
    if abbreviated:
        found.extend(_COUNT_THEN_ABBREVIATION.finditer(sentence))
    if abbreviated or _may_match(_CATEGORY_KEYS, sentence, lower):
        found.extend(m for m in _CATEGORY_THEN_COUNT.finditer(sentence) if not _PERCENT_NEXT.match(sentence, m.end()))
    if "progressed" in lower and ("respon" in lower or "stable" in lower):
        found.extend(_COUNT_PROGRESSED.finditer(sentence))
    if "complete" in lower and "partial" in lower:
        found.extend(_COUNTED_PAIR.finditer(sentence))
        found.extend(_COUNTED_PAIR_SECOND.finditer(sentence))
    return found


#: a pair counted with the noun said once: "three patients had a complete and fourteen a partial response"
_COUNTED_PAIR = re.compile(
    rf"(?<![\w.·/%])(?P<c>{NUMW})\s+(?:(?:patients?|participants|cases|women|men|children)\s+)?(?:had|achieved|showed|attained|obtained)\s+(?:an?\s+)?(?P<m>complete)\b"
    rf"(?=\s*(?:,\s*)?(?:and|while|whereas)\s+{NUMW}\s+(?:had\s+|achieved\s+)?(?:an?\s+)?partial\s+(?:respon|remission))",
    re.I,
)
_COUNTED_PAIR_SECOND = re.compile(
    rf"(?<=complete)\s*(?:,\s*)?(?:and|while|whereas)\s+(?P<c>{NUMW})\s+(?:had\s+|achieved\s+)?(?:an?\s+)?(?P<m>partial)(?=\s+(?:respon|remission))", re.I
)


#: lower-case pieces one of which every match of _CATEGORY_THEN_COUNT holds (or one of the abbreviations)
_CATEGORY_KEYS = ("complete", "partial", "stable", "progressive")
_PERCENT_NEXT = re.compile(r"\s*[(\[]?\s*[\d.·]+\s*%")


# -- mentions -----------------------------------------------------------------------------------


#: survival told by its verb: "survived a median of", "lived for a median of", "had survived for a median"
#: (not "patients who survived a median of 3 years were interviewed": a group defined by its survival)
#: survival measures whose name before "events" counts the events themselves ("DFS events", "EFS events")
_SURVIVAL_EVENTS = frozenset({"OS", "DFS", "PFS", "EFS", "RFS", "DDFS", "IDFS", "MFS", "DMFS", "BCSS", "CSS", "LRFS", "TTP"})
_EVENTS_NEXT = re.compile(r"\s*(?:\([A-Za-z]{2,6}\)\s*)?events?\b(?!-free)", re.I)
_SURVIVED_MEDIAN = re.compile(r"(?<!\bwho\s)(?<!\bthat\s)(?<!\bhad\s)\b(?:survived|lived)\s+(?:for\s+)?(?:a\s+)?median\s+(?:of\s+)?", re.I)
_PLURAL_SURVIVAL = re.compile(r"(?<=[Ss]urvival)s\b")
_VGPR = re.compile(r"(?:(?:≥|>=|>\s*or\s*=)\s*)?\bVGPR\b(?:\s+or\s+(?:better|deeper))?")
#: a bracket right after a response that defines it by its parts: "overall response (CR + CRi)", "ORR (CR or PR)", "(CR/PR)"
_DEFINING_BRACKET = re.compile(r"\s*\(([^()]{2,40})\)")
_DEFINING_JOIN = re.compile(r"\+|\bor\b|\band\b|/|\bplus\b", re.I)


def _without_defining_brackets(sentence: str, out: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The mentions, less those in a bracket right after a response mention that lists the responses it is made of."""
    drop: list[tuple[int, int]] = []
    for x in out:
        if x["measure"] not in RESPONSE:
            continue
        b = _DEFINING_BRACKET.match(sentence, x["end"])
        if b is None or not _DEFINING_JOIN.search(b.group(1)) or _DIGIT.search(b.group(1)):
            continue
        inside = [y for y in out if b.start(1) <= y["start"] < b.end(1)]
        if len(inside) >= 2 or (inside and "+" in b.group(1)):
            drop.append((b.start(1), b.end(1)))
    if not drop:
        return out
    return [y for y in out if not any(a <= y["start"] < z for a, z in drop)]


_YPT0N0 = re.compile(r"(?<![\w(])ypT0(?:/is|is)?\s*/?\s*(?:yp)?N0\b(?!\s*\))")
_DASHED_WORDS = re.compile(r"(?<=[A-Za-z])[–‐‑](?=[Ff]ree\b|specific\b)")
#: a survival named by what it is free of: "survival free of local recurrence", "survival free from distant metastasis"
_SURVIVAL_FREE_OF = re.compile(
    r"\bsurvival\s+free\s+(?:of|from)\s+(?:any\s+)?(?P<what>(?:local|loco-?regional|distant|ipsilateral)?\s*(?:recurrences?|relapses?|progression|disease|metasta[st][ie]s|events?|failure))\b",
    re.I,
)
_FREE_OF_MEASURE = (("local", "LRFS"), ("loco", "LRFS"), ("ipsilateral", "LRFS"), ("distant", "MFS"), ("metasta", "MFS"), ("progression", "PFS"),
                    ("disease", "DFS"), ("event", "EFS"), ("failure", "EFS"), ("recurrence", "RFS"), ("relapse", "RFS"))


def _measure_mentions(sentence: str, lexicon: Lexicon, lower: str | None = None) -> list[dict[str, Any]]:
    if lower is None:
        lower = sentence.lower()
    # "median" is looked for around every mention: a substring test settles it when the sentence lacks the word
    # (ASCII only: case-blind regexes also match a few non-ASCII letters, such as a dotless i)
    is_ascii = sentence.isascii()
    may_median = "median" in lower or not is_ascii
    out: list[dict[str, Any]] = []
    # "recurrence-free and distant metastasis-free survivals": the plural the phrase list lacks, read as the singular (same offsets)
    terms_text = _PLURAL_SURVIVAL.sub(" ", sentence) if "survivals" in lower else sentence
    if not is_ascii and ("–" in sentence or "‐" in sentence or "‑" in sentence):  # "local recurrence–free survival": a dash for the hyphen
        terms_text = _DASHED_WORDS.sub("-", terms_text)
    # "PFS1", "EFS2", "OS2": a numbered end point; the first is the measure itself (progression from randomisation),
    # a later one (progression on the next line of treatment) is another measure that keeps its place in a list
    numbered: dict[int, int] = {}
    if ("S1" in sentence or "S2" in sentence) and _NUMBERED_GATE.search(sentence):
        for n in _NUMBERED_MEASURE.finditer(sentence):
            numbered[n.start("digit")] = n.end()
        terms_text = _NUMBERED_MEASURE.sub(lambda n: n.group("name") + " " * (n.end() - n.end("name")), terms_text)
    for m_start, m_end, measure in find_terms(lexicon.measure_words, terms_text):
        if numbered and m_end in numbered:
            measure = measure if sentence[m_end] == "1" else "_OTHER"
            m_end = numbered[m_end]
        text = sentence[m_start:m_end]
        other = _OTHER_SURVIVAL.search(sentence, max(0, m_start - 30), m_start) if measure == "OS" and text.lower().startswith("surviv") else None
        if other is not None:
            measure = "_OTHER"  # "cystectomy-free survival": keeps its place in a list, yields nothing
            word = _WORD_BEFORE.search(sentence, max(0, other.start() - 30), other.end())
            m_start = word.start() if word else other.start()  # the whole name, so that a list reaches it
        if measure == "PR" and m_start and _VERY_GOOD_BEFORE.search(sentence, max(0, m_start - 12), m_start):
            measure = "_OTHER"  # "very good partial response" (VGPR, myeloma) is not a partial response; keeps its place in a list
        if measure == "CR" and m_start:
            pathological = _PATHOLOGICAL_BEFORE.search(sentence, max(0, m_start - 16), m_start)
            if pathological:  # "pathologic complete responses": the plural the phrase list lacks
                measure, m_start = "pCR", pathological.start()
        if text in lexicon.abbreviations:
            after, before = sentence[m_end : m_end + 12], sentence[max(0, m_start - 25) : m_start]
            key = text if text in lexicon.reject_after else measure
            if key in lexicon.reject_after and lexicon.reject_after[key].search(after):
                continue
            if key in lexicon.reject_before and lexicon.reject_before[key].search(before):
                continue
            if out and out[-1]["measure"] == measure and _ABBREVIATION_GAP.fullmatch(sentence, out[-1]["end"], m_start):
                out[-1]["end"] = m_end + (1 if sentence[m_end : m_end + 1] in ")]" else 0)
                continue
        suffix = _TIME_SUFFIX.match(sentence, m_end) if sentence.startswith("-", m_end) else None  # "PFS-6 rate": progression-free at 6 months
        if suffix and text in lexicon.abbreviations:
            out.append({"measure": measure, "start": m_start, "end": suffix.end(), "median": False, "times": [float(suffix.group(1))]})
            continue
        # both patterns hold the word "median": in an ASCII sentence a substring test of the window settles most
        median = may_median and (
            ((not is_ascii or lower.find("median", max(0, m_start - 40), m_start) >= 0) and bool(_MEDIAN_BEFORE.search(sentence[max(0, m_start - 40) : m_start])))
            or ((not is_ascii or lower.find("median", m_end, m_end + 30) >= 0) and bool(_MEDIAN_AFTER.match(sentence[m_end : m_end + 30])))
            or ((not is_ascii or lower.find("median", m_end, m_end + 45) >= 0) and _MEDIAN_BRACKET_AFTER.match(sentence, m_end, m_end + 45) is not None)
        )
        if not median and may_median and measure in _TIME_TO_EVENT and (not is_ascii or lower.find("median", m_end, m_end + 60) >= 0) and _MEDIAN_LATER.match(sentence, m_end):
            median = True  # "overall survival was immature: the median was not reached with A", "For PFS, the medians were"
        if not median and may_median and measure in _TIME_TO_EVENT and ":" in sentence and _MEDIAN_AFTER_COLON.match(sentence, m_end):
            median = True  # "PFS was longer with A: median 11.6 months vs 6.3 months"
        if not median and measure in _TIME_TO_EVENT and _may_open(sentence, m_end, "wWoOiIrR:,([tTpPdD") and _implies_median(sentence, m_start, m_end):
            median = True  # "overall survival (21.4 and 13.6 months)", "PFS was 6.2 months": a duration is a median
        if not median and measure in _TIME_TO_EVENT and 0 <= sentence.find("(", m_end, m_end + 130) and (
            _compared_durations(sentence, m_start, m_end) or _paired_durations(sentence, m_start, m_end) or _far_median_bracket(sentence, m_end)
        ):
            median = True  # "OS was longer with A than with B (28 vs 21 months)": a comparison's durations are medians
        out.append({"measure": measure, "start": m_start, "end": m_end, "median": median, "times": None})
    # the mentions found so far are in order; one added below sends them to a sort (once, after all are added: a stable
    # sort keeps mentions that start alike in the order they were added, as a sort after each kind did)
    unsorted = False
    may_ellipsis = not is_ascii or ("surviv" in lower and _ELLIPSIS_GATE.search(lower) is not None)
    for e in _ELLIPSIS.finditer(sentence) if may_ellipsis else ():  # "metastasis-free and overall survival"
        word = e.group("p")
        measure = next((name for pattern, name in _ELLIPSIS_MEASURE if pattern.search(word)), None)
        if measure and not any(x["start"] <= e.start() < x["end"] for x in out):
            out.append({"measure": measure, "start": e.start(), "end": e.end(), "median": False, "times": None})
            unsorted = True
    if "free " in lower and "survival free" in lower:  # "survival free of local recurrence": the survival it names, not OS
        for e in _SURVIVAL_FREE_OF.finditer(sentence):
            what = e.group("what").lower()
            measure = next(name for key, name in _FREE_OF_MEASURE if key in what)
            out = [x for x in out if not e.start() <= x["start"] < e.end()]
            out.append({"measure": measure, "start": e.start(), "end": e.end(), "median": False, "times": None})
            unsorted = True
    if "ypT0" in sentence:  # "ypT0N0 was achieved in 20/47 (42.6%)": the stage defining pCR
        for e in _YPT0N0.finditer(sentence):
            if not any(x["measure"] == "pCR" and x["start"] - 60 <= e.start() <= x["end"] + 60 for x in out) and not any(x["start"] <= e.start() < x["end"] for x in out):
                out.append({"measure": "pCR", "start": e.start(), "end": e.end(), "median": False, "times": None})
                unsorted = True
    if "complete" in lower and "patholog" in lower:  # "clinical/pathologic complete response": two measures
        for e in _RESPONSE_ELLIPSIS.finditer(sentence):
            if not any(x["start"] <= e.start() < x["end"] for x in out):
                measure = "pCR" if e.group().lower().startswith("patholog") else "CR"
                out.append({"measure": measure, "start": e.start(), "end": e.end(), "median": False, "times": None})
                unsorted = True
    if ("respon" in lower or "remission" in lower) and (not is_ascii or holds_any(lower, _ADJECTIVE_KEYS)):  # "response was complete in 26 (17.4%), partial in 92 (61.7%)"
        for a in _ADJECTIVE_RESPONSE.finditer(sentence):
            key = a.group("word") or a.group("word2") or a.group("word3") or a.group("word4") or a.group("word5") or a.group("word6")
            if any(x["start"] <= a.start() < x["end"] for x in out):
                continue
            start = a.start("word2") if a.group("word2") else a.start()
            if a.group("word4"):  # "49 partial (64.5%) responses": the noun after the value is this mention's, not a measure of its own
                tail = _RESPONSE_NOUN_AFTER.match(sentence, a.end())
                if tail is not None:
                    out = [x for x in out if not a.end() <= x["start"] < tail.end()]
            out.append({"measure": _ADJECTIVE_MEASURE[key.lower()], "start": start, "end": a.end(), "median": False, "times": None})
            unsorted = True
    if "respons" in lower and (lower.startswith("respons") or "there w" in lower):  # "There were responses in 14/38 (37%)": any response
        b = _BARE_RESPONSES.match(sentence, len(sentence) - len(sentence.lstrip()))
        if b is not None and not any(x["start"] <= b.start("m") < x["end"] for x in out):
            out.append({"measure": "ORR", "start": b.start("m"), "end": b.end("m"), "median": False, "times": None})
            unsorted = True
    if ("survived" in lower or "lived" in lower) and "median" in lower:  # "patients given A survived a median of 13.4 months": OS
        for e in _SURVIVED_MEDIAN.finditer(sentence):
            if not any(x["start"] <= e.start() < x["end"] for x in out):
                out.append({"measure": "OS", "start": e.start(), "end": e.end(), "median": True, "times": None})
                unsorted = True
    if "VGPR" in sentence:  # "with >=VGPR in 70.8%": very good partial response or better, a measure of its own (myeloma)
        for e in _VGPR.finditer(sentence):
            if not any(x["start"] <= e.start() < x["end"] for x in out):
                out.append({"measure": "_OTHER", "start": e.start(), "end": e.end(), "median": False, "times": None})
                unsorted = True
    if unsorted:
        out.sort(key=lambda x: x["start"])
    if " event" in lower:
        # "DFS events had occurred in 11.6% of A and 10.2% of B patients": a crude share of events, no survival rate
        for x in out:
            if x["measure"] in _SURVIVAL_EVENTS and not x["median"] and _EVENTS_NEXT.match(sentence, x["end"]):
                x["measure"] = "_OTHER"
    if len(out) >= 2 and "(" in sentence and ("+" in sentence or " or " in lower or " and " in lower or "/" in sentence or " plus " in lower):
        out = _without_defining_brackets(sentence, out)
    if not out:
        return out  # no measure: the time points need not be read
    # measures listed together share "median" and a time written before the first ("5-year OS and DFS")
    for i in range(1, len(out)):
        if _MEASURE_LIST_GAP.match(sentence[out[i - 1]["end"] : out[i]["start"]]):
            out[i]["list_prev"] = i - 1
            if out[i - 1]["median"]:
                out[i]["median"] = True
    return out


#: the label of a hazard ratio between arms whose sentence names no measure (find_outcomes gives it the last one read)
_PENDING = "_PENDING_HR"
#: the time-to-event measures whose value, printed as a duration, is a median
_TIME_TO_EVENT = frozenset({"OS", "PFS", "DFS", "RFS", "EFS", "DSS", "MFS", "LRFS"})
_DURATION_UNIT = r"(?:months?|mos?|years?|yrs?|weeks?|wks?)"
#: right after a measure: a linking word or an opening bracket, then durations joined by "and", "vs", "versus" or
#: commas, the last with its unit, and no percent sign, "or longer" or "-year" after it
_IMPLIED_MEDIAN = re.compile(
    rf"\s*(?:[(\[]\s*[A-Za-z]{{2,6}}\s*[)\]]\s*)?(?:(?:rates?|times?|periods?|durations?)\s+)?(?:(?:was|were|of|is|reached)\s+|:\s*|,\s*|[(\[]\s*)(?:(?:about|approximately|only)\s+)?"
    rf"(?:{NUM})(?:(?:\s*{_DURATION_UNIT})?\s*(?:,|and|vs\.?|v\.?|versus)\s*(?:{NUM})){{0,3}}"
    rf"\s*{_DURATION_UNIT}\b(?![-‐]|\s*(?:%|or\s+(?:longer|more|less)|and\s+(?:longer|beyond|more)|old\b))",
    re.IGNORECASE,
)
_MEAN_BEFORE = re.compile(r"\b(?:mean|average|maximum|minimum|longest|shortest)\s+(?:[\w-]+\s+){0,2}$", re.I)


#: after a time-to-event measure: a verdict comparing the arms in the same clause (no digit, bracket or clause break), then
#: a bracket opening with two or more durations, the last with its unit: "OS was longer in the A arm than in the B arm
#: (28 months vs. 21 months)", "PFS was prolonged with A compared with B (7.4 v 3.9 months; P = .01)"
_COMPARED_DURATIONS = re.compile(
    rf"[^.;:\d%()\[\]]{{0,110}}?[(\[]\s*(?:{NUM})(?:\s*{_DURATION_UNIT})?(?:\s*(?:,|and|vs\.?|v\.?|versus)\s*(?:{NUM})(?:\s*{_DURATION_UNIT})?){{0,2}}"
    rf"\s*(?:,|and|vs\.?|v\.?|versus)\s*(?:{NUM})\s*{_DURATION_UNIT}\b(?![-‐])",
    re.IGNORECASE,
)
#: words of the verdict that make the bracket's durations something else: a mean, a follow-up, a landmark time
_NOT_COMPARED_MEDIAN = re.compile(r"\b(?:mean|average|follow[- ]?up|rates?|probabilit(?:y|ies)|at|after|beyond)\b", re.I)
_COMPARISON_WORD = re.compile(r"\b(?:than|vs\.?|versus|compared|comparable|similar|differ\w*|longer|shorter|improved|prolonged|extended)\b", re.I)


#: after a time-to-event measure: each arm's duration in a bracket of its own, joined by a comparison: "PFS was longer with
#: A (median, 9.9 months) than with B (median, 5.8 months)", "OS was 21 months (95% CI 18-25) with A versus 17 months (95% CI 14-20)
#: with B" is read by the plain rules; here the arm comes first and the bracket holds the value
_PAIRED_DURATIONS = re.compile(
    rf"[^.;:\d%()\[\]]{{0,110}}?[(\[]\s*(?:medians?\s*[:,=]?\s*)?(?:{NUM})\s*{_DURATION_UNIT}\b[^()\[\]]{{0,60}}[)\]]"
    rf"[^.;:\d%()\[\]]{{0,80}}?\b(?:than|vs\.?|versus|compared\s+(?:with|to))\s[^.;:\d%()\[\]]{{0,80}}?[(\[]\s*(?:medians?\s*[:,=]?\s*)?(?:{NUM})\s*{_DURATION_UNIT}\b",
    re.IGNORECASE,
)


#: a time-to-event measure, a longer verdict in its clause, then a bracket opening with "median": "OS was significantly
#: improved with A (median, not reached v 12.5 months)"
_MEDIAN_BRACKET_FAR = re.compile(r"[^()\[\]\d;.%]{0,110}?[(\[]\s*medians?\b", re.I)
_MEAN_OR_FOLLOW_UP = re.compile(r"\b(?:mean|average|follow[- ]?up)\b", re.I)


def _far_median_bracket(sentence: str, end: int) -> bool:
    """Whether a bracket opening with "median" closes the clause of a time-to-event measure (no mean or follow-up between)."""
    m = _MEDIAN_BRACKET_FAR.match(sentence, end)
    return m is not None and not _MEAN_OR_FOLLOW_UP.search(sentence, end, m.end())


def _paired_durations(sentence: str, start: int, end: int) -> bool:
    """Whether a time-to-event measure is followed, in its clause, by each arm's duration in a bracket after the arm,
    the two joined by "than", "versus" or "compared with" ("OS was longer with A (median, 9.9 months) than with B (median,
    5.8 months)"): those durations are the arms' medians."""
    m = _PAIRED_DURATIONS.match(sentence, end)
    if m is None:
        return False
    verdict = sentence[end : m.end()]
    verdict = verdict[: verdict.find("(") if "(" in verdict else verdict.find("[")]
    if _NOT_COMPARED_MEDIAN.search(verdict):
        return False
    return not _MEAN_BEFORE.search(sentence, max(0, start - 30), start)


def _compared_durations(sentence: str, start: int, end: int) -> bool:
    """Whether a time-to-event measure is followed, in its clause, by a comparison and a bracket of durations
    ("PFS was longer with A than with B (8.2 vs 5.1 months)"): those durations are the arms' medians."""
    m = _COMPARED_DURATIONS.match(sentence, end)
    if m is None:
        return False
    verdict = sentence[end : sentence.find("(", end, m.end()) if "(" in sentence[end : m.end()] else sentence.find("[", end, m.end())]
    if _NOT_COMPARED_MEDIAN.search(verdict) or not _COMPARISON_WORD.search(verdict):
        return False
    return not _MEAN_BEFORE.search(sentence, max(0, start - 30), start)


def _implies_median(sentence: str, start: int, end: int) -> bool:
    """Whether a time-to-event measure's value follows it as a duration ("OS was 19.1 vs 11.8 months"), not a rate at
    a time point ("OS at 24 months was 61%") or a mean ("mean OS was 19 months")."""
    if not _IMPLIED_MEDIAN.match(sentence, end):
        return False
    return not _MEAN_BEFORE.search(sentence, max(0, start - 30), start)


def _read_times(sentence: str, lower: str, out: list[dict[str, Any]]) -> list[tuple[int, int, list[float]]]:
    """Give each mention of :func:`_measure_mentions` its time points ("times"): only rates use them, so they are
    read when a rate needs them.  Returns the sentence's time points (:func:`_time_mentions`)."""
    times = _time_mentions(sentence, lower)
    for mention in out:
        if mention["times"] is None:
            mention["times"] = _times_for(sentence, mention, out, times)
    for i, mention in enumerate(out):
        if mention["times"] is None and "list_prev" in mention:
            mention["times"] = out[mention["list_prev"]]["times"]
    if len(times) == 1:
        for mention in out:
            if mention["times"] is None and mention["measure"] not in RESPONSE and not mention["median"]:
                mention["times"] = times[0][2]
    return times


def _read_times_into(
    sentence: str, lower: str, mentions: list[dict[str, Any]], measures: list[dict[str, Any]], firsts: list[int] | None
) -> list[tuple[int, int, list[float]]]:
    """:func:`_read_times` on the mentions as found, copied to the restated ones (``firsts``: the mention each copies)."""
    times = _read_times(sentence, lower, mentions)
    if firsts is not None:
        for j, i in enumerate(firsts):
            measures[j]["times"] = mentions[i]["times"]
    return times


_TIME_UNIT_RE = re.compile(rf"[-‐–\s](?:{_TIME_UNIT})\b", re.IGNORECASE)
#: _TIME_UNIT_RE on the lower-cased ASCII sentence, each match one character later (after the space or dash): it opens
#: with the unit's first letter, which the regex engine skips to
_TIME_UNIT_LOWER = re.compile(r"(?:y(?<=[-\s]y)(?:ears?|rs?)?|m(?<=[-\s]m)(?:onths?|os?))\b")


def _time_mentions(sentence: str, lower: str | None = None) -> list[tuple[int, int, list[float]]]:
    out = []
    # find the unit words first (cheap), then read the number list just before each
    last = 0
    reversed_lower = lower[::-1] if _NUMBERS_CHECKED and lower is not None and sentence.isascii() else None
    if reversed_lower is None:
        units = [(u.start(), u.end()) for u in _TIME_UNIT_RE.finditer(sentence)]
    else:
        units = [(u.start() - 1, u.end()) for u in _TIME_UNIT_LOWER.finditer(lower)]
    for unit_start, unit_end in units:
        start = max(last, unit_start - 60)
        if reversed_lower is not None:
            start = _after_time_barrier(reversed_lower, start, unit_start)
        stop = min(len(sentence), unit_end + 8)
        simple = _TIME_ONE_NUMBER_BEFORE.fullmatch(lower, start, unit_start) if reversed_lower is not None else None
        if simple is not None:  # spaces, a lead word, one number: the match starts at the word or the number, or there is none
            m = _TIME_ONE_NUMBER.match(sentence, simple.end(1), stop)
            if m is None and simple.group(2):
                m = _TIME_ONE_NUMBER.match(sentence, simple.start(3), stop)
        else:
            m = _TIME_RE.search(sentence, start, stop)
            while m is not None and m.end() < unit_end - 1:
                m = _TIME_RE.search(sentence, m.end(), stop)
        if m is None or m.start() > unit_start:
            continue
        last = m.end()
        if (
            _NOT_LANDMARK_BEFORE.search(sentence, max(0, m.start() - 35), m.start())
            if reversed_lower is None
            else _not_landmark_ascii(lower, max(0, m.start() - 35), m.start())
        ):
            continue  # "follow-up of 5.1 years", "aged 60 years": not a time point
        values = []
        for n in _LIST_NUM_RE.finditer(m.group("list")):
            value = parse_number(n.group())
            if value is not None:
                values.append(value)
        months = [months_from(v, m.group("unit")) for v in values]
        if months and all(x is not None and 0 < x <= 600 for x in months):
            values_months = [float(x) for x in months if x is not None]
            if out and _TIME_LIST_JOIN.fullmatch(sentence, out[-1][1], m.start()) and "-" in sentence[out[-1][0] : out[-1][1]] and "-" in m.group():
                prev = out.pop()  # "2-year and 5-year": one list
                out.append((prev[0], m.end(), prev[2] + values_months))
            else:
                out.append((m.start(), m.end(), values_months))
    return out


#: what the characters of a :data:`_TIME_RE` match can be: word runs made of digits, number words, "and", "or",
#: "a", the lead words and the units; spaces; ".", "·", ",", dashes and "&"
_TIME_ATOMS = sorted({
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen",
    "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty",
    "ninety", "hundred", "thousand", "and", "or", "a", "at", "after", "by", "within", "of", "year", "years", "yr", "yrs", "y",
    "month", "months", "mo", "mos",
}, key=len, reverse=True)
#: in the reversed lower-case ASCII sentence: a character or a word run no time mention can hold
_TIME_BARRIER_REVERSED = re.compile(r"[^\w\s.·,\-‐–&]|\b(?!(?:" + "|".join(a[::-1] for a in _TIME_ATOMS) + r"|\d)+\b)\w+")


#: what lies between the search start and the unit word in most sentences: spaces, a lead word, one number (lower case)
_TIME_ONE_NUMBER_BEFORE = re.compile(r"(\s*)((?:at|after|by|within|of)\s+)?(\d+(?:\.\d+)?)")
#: :data:`_TIME_RE` for a list of one ASCII number: where only one number precedes the unit, the two match alike
_TIME_ONE_NUMBER = re.compile(
    rf"(?i:\b(?:at|after|by|within|of)\s+)?(?<![\w.·])(?P<list>\d+(?:\.\d+)?)(?![\d])\s*[-‐–\s]\s*(?P<unit>{_TIME_UNIT})\b(?![-\s]*old)", re.IGNORECASE
)


def _after_time_barrier(reversed_lower: str, start: int, unit_start: int) -> int:
    """Where the search for the number list before a unit word may start, from ``start`` on (ASCII sentences).

    A match of :data:`_TIME_RE` starts at a word start and holds no barrier (a character or a word it cannot
    hold), so none that starts before the last barrier ahead of the unit reaches the unit: the search may start
    after that barrier, found by a scan backwards from the unit ("survival was 27.1 vs| 9.5 months").
    """
    n = len(reversed_lower)
    b = _TIME_BARRIER_REVERSED.search(reversed_lower, n - unit_start, n - start)
    return start if b is None else n - b.start()


_NOT_LANDMARK_BEFORE = re.compile(r"(?:follow[- ]?up|median|mean|aged?|older|younger|range|over|than|every|for|duration)\b[^%,;\d]{0,20}$|(?:\bwas|\bwere|\bis|\bare|=|:|\bvs\.?|\bversus)\s*$", re.I)
#: the first branch above, for the lower-cased ASCII sentence (its longest word, "follow-up", has 9 characters)
_NOT_LANDMARK_FIRST = re.compile(r"(?:follow[- ]?up|median|mean|aged?|older|younger|range|over|than|every|for|duration)\b[^%,;\d]{0,20}$")
#: how the text before the spaces ending a match of the second branch can end
_NOT_LANDMARK_ENDS = ("was", "were", "is", "are", "=", ":", "vs", "vs.", "versus")


def _not_landmark_ascii(lower: str, start: int, end: int) -> bool:
    """Whether :data:`_NOT_LANDMARK_BEFORE` matches in ``lower[start:end]`` (an ASCII sentence, lower-cased).

    A match of the first branch is a word of it and at most 20 more characters (21 before a final line break),
    so it starts in the last 30; one of the second branch is a closing word (after no word character) and spaces.
    """
    near = max(start, end - 30)
    if _NOT_LANDMARK_FIRST.search(lower, near, end):
        return True
    body = lower[start:end].rstrip()
    if not body.endswith(_NOT_LANDMARK_ENDS):
        return False
    for word in _NOT_LANDMARK_ENDS:
        if body.endswith(word):
            at = start + len(body) - len(word)
            if word in ("=", ":") or at == 0 or not (lower[at - 1].isalnum() or lower[at - 1] == "_"):
                return True
    return False


def _times_for(sentence: str, mention: dict[str, Any], mentions: list[dict[str, Any]], times: list[tuple[int, int, list[float]]]) -> list[float] | None:
    best = None
    for a, b, months in times:
        if b <= mention["start"]:
            gap = sentence[b : mention["start"]]
            if len(gap) <= 30 and not _DIGIT_OR_PERCENT.search(gap) and not _between(mentions, b, mention["start"]):
                best = months
        elif a >= mention["end"]:
            gap = sentence[mention["end"] : a]
            if len(gap) <= 30 and not _DIGIT_OR_PERCENT.search(gap) and not _between(mentions, mention["end"], a):
                return months
    return best


def _between(mentions: list[dict[str, Any]], a: int, b: int) -> bool:
    return any(a <= m["start"] < b for m in mentions)


# -- values -------------------------------------------------------------------------------------


#: :data:`~extractors.numbers.P_RE` with its leading ``\b[Pp]`` written ``[Pp](?<!\w[Pp])``: the same matches, and a
#: pattern that opens with a character class, which the regex engine skips to without trying every position
_P_RE_FAST = re.compile(r"[Pp](?<!\w[Pp])" + P_RE.pattern[len(r"\b[Pp]") :], P_RE.flags) if P_RE.pattern.startswith(r"\b[Pp]") else P_RE
#: the last branch of :data:`~extractors.numbers.CI_RE`, two bracketed bounds with no interval word ("(0.46, 0.60)")
_CI_BRACKET_BRANCH = r"|[(\[]\s*(-?"
_CI_BRACKET = re.compile(CI_RE.pattern[CI_RE.pattern.index(_CI_BRACKET_BRANCH) + 1 : -1], CI_RE.flags) if _NUMBERS_CHECKED else CI_RE
#: in the lower-cased ASCII sentence, what every match of the other branches of CI_RE holds: a percent sign and an
#: interval word ("95% CI", "95 % confidence interval") or the word "ci" alone
_CI_WORD_GATE = re.compile(r"%\s*(?:ci|confidence|c\.i\.|cri|credible)|c(?<!\wc)i\b")


def _has_relation(sentence: str) -> bool:
    """Whether the sentence holds a sign a p-value needs ("=", "<", ">", "≤", "≥", or "‹"/"›" standing for "<"/">")."""
    return "=" in sentence or "<" in sentence or ">" in sentence or "≤" in sentence or "≥" in sentence or "‹" in sentence or "›" in sentence


def _first_after(text: str, pos: int) -> str | None:
    """The first character at or after ``pos`` that is not a space ("" at the end), None past 24 spaces."""
    chunk = text[pos : pos + 24]
    rest = chunk.lstrip()
    if rest:
        return rest[0]
    return None if len(chunk) == 24 else ""


def _may_open(text: str, pos: int, firsts: str) -> bool:
    """False when the text from ``pos``, past its spaces, cannot start with one of the characters ``firsts``:
    the gate of an anchored pattern that opens with optional spaces and one of them."""
    first = text[pos : pos + 1]
    if first == " ":  # one space: the common case
        first = text[pos + 1 : pos + 2]
    if first and not first.isspace():
        return first in firsts
    first = _first_after(text, pos)
    return first is None or (first != "" and first in firsts)


def _intervals(sentence: str, lower: str) -> list[tuple[int, int, tuple[str, str]]]:
    """The sentence's intervals (:data:`~extractors.numbers.CI_RE`) as (start, end, (lower bound, upper bound) as written).

    An ASCII sentence with no interval word can hold only bracketed bounds: the one branch that reads them scans faster.
    """
    if _NUMBERS_CHECKED and sentence.isascii() and not _CI_WORD_GATE.search(lower):
        if "(" not in sentence and "[" not in sentence:
            return []
        return [(m.start(), m.end(), (m.group(1), m.group(2))) for m in _CI_BRACKET.finditer(sentence)]
    out = []
    for m in CI_RE.finditer(sentence):
        lo_a, hi_a, lo_b, hi_b = m.group(2, 3, 4, 5)
        out.append((m.start(), m.end(), (lo_a, hi_a) if lo_a is not None else (lo_b, hi_b)))
    return out


def _ci_after(sentence: str, end: int, cis: list[tuple[int, int, tuple[str, str]]], reach: int = 25) -> tuple[float, float] | None:
    for a, b, (lo_s, hi_s) in cis:
        if end <= a <= end + reach and not _DIGIT.search(sentence[end:a].replace("95", "")):
            lo, hi = _signed(lo_s), _signed(hi_s)
            if lo is not None and hi is not None:
                return lo, hi
    return None


_VERY_GOOD_BEFORE = re.compile(r"\bvery[\s-]+good[\s-]+$", re.I)
#: a range printed right after a hazard ratio with no "CI" label ("HR 0·64, 0·54–0·76; p<0·0001", Lancet style)
_BARE_RANGE_AFTER = re.compile(rf"\s*,\s*({NUM})\s*(?:–|-|—|‒|−|\bto\b)\s*({NUM})(?=\s*[;)\]]|\s*,\s*[pP]\b)")
#: an interval in a bracket of its own, or labelled in words the interval pattern lacks: "0.52 (0.34-0.80; p=0.003)",
#: "0.68, 95 per cent confidence interval 0.46 to 0.99", "0.7 [95 percent CI, 0.5-0.9]"
_BRACKET_RANGE_AFTER = re.compile(
    rf"\s*(?:[(\[]\s*|[,;]\s*)(?:95\s*(?:per\s?cent|percent)\s+(?:confidence\s+intervals?|CI)\s*[:,=]?\s*(?:of\s+|was\s+|from\s+)?)?"
    rf"({NUM})\s*(?:–|-|—|‒|−|\bto\b)\s*({NUM})(?=\s*[;)\]]|\s*,\s*[pP]\b|\s*$)",
    re.I,
)


def _bare_ci_after(sentence: str, end: int, value: float) -> tuple[tuple[float, float], tuple[int, int]] | None:
    """An unlabelled interval right after a hazard ratio, kept only when it holds the estimate: (lo, hi) and its span."""
    m = _BARE_RANGE_AFTER.match(sentence, end)
    if m is None and sentence[end : end + 40].lstrip(" ,;")[:1] in ("(", "[", "9"):
        m = _BRACKET_RANGE_AFTER.match(sentence, end)
    if m is None:
        return None
    lo, hi = parse_number(m.group(1)), parse_number(m.group(2))
    if lo is None or hi is None or not 0 < lo <= value <= hi < 50 or lo == hi:
        return None
    return (lo, hi), (m.start(1), m.end(2))


def _p_after(end: int, ps: list[tuple[int, int, re.Match[str]]], reach: int = 60) -> tuple[str, float] | None:
    for a, b, m in ps:
        if end <= a <= end + reach:
            p = p_from_match(m)
            if p is not None:
                return p
    return None


def _signed(text: str) -> float | None:
    value = parse_number(text.lstrip("-−"))
    if value is None:
        return None
    return -value if text[:1] in "-−" else value


def _count_for(sentence: str, start: int, end: int) -> tuple[int | None, int | None]:
    of_n = _OF_DENOMINATOR.match(sentence, end) if _may_open(sentence, end, ")") else None  # "39 (66.1%) of 59 patients"
    if of_n:
        before = _COUNT_BEFORE.search(sentence[max(0, start - 40) : start])
        count = parse_number(before.group("c2")) if before and before.group("c2") else None
        denominator = parse_number(of_n.group("d"))
        if count is not None and denominator is not None and count == int(count) and denominator == int(denominator) and count <= denominator:
            return int(count), int(denominator)
    after = _COUNT_AFTER.match(sentence, end) if _may_open(sentence, end, "([,") else None
    if after:
        count = parse_number(after.group("c"))
        denominator = parse_number(after.group("d")) if after.group("d") else None
        if count is not None and count == int(count):
            return int(count), int(denominator) if denominator else None
    tail = sentence[max(0, start - 12) : start].rstrip()
    before = _COUNT_BEFORE.search(sentence[max(0, start - 40) : start]) if tail.endswith("(") or "=" in tail else None
    if before:
        if before.group("c1"):
            parsed = parse_count_of(f"{before.group('c1')} of {before.group('d1')}")
            if parsed:
                return parsed
        elif before.group("c2"):
            count = parse_number(before.group("c2"))
            if count is not None and count == int(count) and count < 100000:
                return int(count), None
    return None, None


def _bare_values(sentence: str, measures: list, cis: list, blocked: list[tuple[int, int]]) -> list[dict[str, Any]]:
    """Rates printed without a percent sign right after a landmark measure ("5-year OS was 67 (95% CI 47-81)")."""
    values = []
    for m in measures:
        if m["median"]:
            continue
        proportion = _BARE_PROPORTION.match(sentence, m["end"])  # "an ORR of 0.56"
        if proportion and not within_any(proportion.start("num"), proportion.end("num"), blocked):
            number = parse_number(proportion.group("num"))
            if number is not None and 0 < number <= 1:
                ci = _ci_after(sentence, proportion.end("num"), cis)
                if ci is not None and ci[1] > 1:
                    continue  # "that for RFS was 0.77 (95% CI 0.44-1.36)": a ratio, not a proportion
                values.append({"value": number, "start": proportion.start("num"), "end": proportion.end("num"), "count": None, "denominator": None, "ci": ci})
                continue
        if not m["times"] or m["measure"] in RESPONSE:
            continue
        b = _BARE_RATE.match(sentence, m["end"])
        if not b or within_any(b.start("num"), b.end("num"), blocked):
            continue
        number = parse_number(b.group("num"))
        if number is None or not 1 <= number <= 100:
            continue
        ci = _ci_after(sentence, b.end("num"), cis)
        if ci is not None and (ci[0] > 1 or ci[1] > 1):
            ci = (round(ci[0] / 100, 10), round(ci[1] / 100, 10))
        values.append({"value": round(number / 100, 10), "start": b.start("num"), "end": b.end("num"), "count": None, "denominator": None, "ci": ci})
    return values


_COUNT_ONLY = re.compile(
    rf"(?<![\w.·/])(?P<c>{NUMW}|none|no)\s*(?:/|\s+of\s+(?:the\s+)?|\s+out\s+of\s+)(?P<d>{NUM})(?![\w·/%]|[.·]\d|\s*(?:%|years?|months?|mg|Gy|cycles?|weeks?|days?|sites?|lesions?|nodes?|centers?|centres?)\b)",
    re.IGNORECASE,
)
#: the denominator half of :data:`_COUNT_ONLY` (same look-ahead): every match of it holds a match of this
_COUNT_GATE = re.compile(
    rf"(?:/|\bof\s+(?:the\s+)?)(?:{NUM})(?![\w·/%]|[.·]\d|\s*(?:%|years?|months?|mg|Gy|cycles?|weeks?|days?|sites?|lesions?|nodes?|centers?|centres?)\b)",
    re.IGNORECASE,
)
#: _COUNT_GATE for the lower-cased ASCII sentence, "\\bof" written "o(?<!\\wo)f": it opens with "/" or "o", which the regex engine skips to
assert _COUNT_GATE.pattern.startswith(r"(?:/|\bof\s+")
_COUNT_GATE_LOWER: re.Pattern[str] | None = re.compile(r"(?:/|o(?<!\wo)f\s+" + _COUNT_GATE.pattern[len(r"(?:/|\bof\s+") :].replace("Gy", "gy"))
if re.search(r"(?<!\\)[A-Z]", _COUNT_GATE_LOWER.pattern):  # it reads lower-cased text: lower case but for escapes such as \b
    _COUNT_GATE_LOWER = None
_PERCENT_NEAR = re.compile(r"^\s*[(\[,]?\s*\d+(?:[.·]\d+)?\s*%|^\s*\)")
_PERCENT_BEFORE = re.compile(r"%\s*$")


def _closes_percent_bracket(sentence: str, start: int, end: int) -> bool:
    """Whether a count right before ")" sits in a bracket that belongs to a percentage ("29% (9/31)", "(29%, 9/31)"),
    not in a bracket listing counts of its own ("(4 of 30 v none of 28)")."""
    if not sentence[end : end + 12].lstrip().startswith(")"):
        return False
    opening = sentence.rfind("(", 0, start)
    if opening < 0 or not sentence[opening + 1 : start].strip():
        return True  # "(5/64)": a count alone in its bracket backs a percentage stated elsewhere
    return "%" in sentence[opening:start] or bool(_PERCENT_BEFORE.search(sentence, max(0, opening - 8), opening))


_RESULT_LINK = re.compile(r",\s*(?:for|giving|yielding|resulting\s+in|i\.e\.)\s", re.I)


def _beside(sentence: str, start: int, end: int, percent: dict[str, Any]) -> bool:
    """Whether a percentage sits next to a count with no other number between ("15 of 55 patients (27.3%)")."""
    if 0 <= percent["start"] - end <= 40:
        # "partial in 19/31, for an objective response rate of 90.3%": a total worked out from the counts, not their percentage
        return not _DIGIT.search(sentence, end, percent["start"]) and not (
            sentence.find(",", end, percent["start"]) >= 0 and _RESULT_LINK.search(sentence, end, percent["start"])
        )
    if 0 <= start - percent["end"] <= 25:
        return not _DIGIT.search(sentence, percent["end"], start)
    return False


def _count_values(sentence: str, blocked: list[tuple[int, int]], percents: list[dict[str, Any]], lower: str) -> list[dict[str, Any]]:
    """Rates printed only as counts ("9 of 31", "9/31", "none of 12"): value = count / denominator, rounded to 4 decimals."""
    values = []
    if not (_COUNT_GATE_LOWER.search(lower) if _COUNT_GATE_LOWER is not None and sentence.isascii() else _COUNT_GATE.search(sentence)):
        return values  # no "/ 31" or "of 31" that can close a count: the full pattern need not run
    for m in _COUNT_ONLY.finditer(sentence):
        if within_any(m.start(), m.end(), blocked) or any(_beside(sentence, m.start(), m.end(), p) for p in percents):
            continue  # "9/31 (29%)", "29% (9/31)": the percentage is the value
        near = _PERCENT_NEAR.match(sentence[m.end() : m.end() + 12])
        if near and (not near.group().rstrip().endswith(")") or _closes_percent_bracket(sentence, m.start(), m.end())) or _PERCENT_OPEN_BEFORE.search(sentence, max(0, m.start() - 6), m.start()):
            continue
        word = m.group("c").lower()
        count = 0.0 if word in ("none", "no") else parse_number(m.group("c"))
        denominator = parse_number(m.group("d"))
        if count is None or denominator is None or count != int(count) or denominator != int(denominator) or not 0 <= count <= denominator or denominator < 2:
            continue
        values.append({"value": round(count / denominator, 4), "start": m.start(), "end": m.end(), "count": int(count), "denominator": int(denominator), "ci": None, "count_only": True})
    return values


_CI_WORD_AFTER = re.compile(r"\s*(?:CI|confidence|C\.I\.|credible|CrI|PI\b|prediction)", re.I)


def _percents_left(sentence: str, cis: list, blocked: list[tuple[int, int]], lower: str, cache: list[list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """:func:`_percent_values` read once per sentence (``cache``, empty at first) and kept for later calls, whose
    ``blocked`` only grows: those drop the values the spans added since cover."""
    if not cache:
        cache.append(_percent_values(sentence, cis, blocked, lower))
        return cache[0]
    return [v for v in cache[0] if not within_any(v["start"], v["end"], blocked)]


#: a threshold sign opening a bracket, right before a percentage: "(≤ 5% viable cells)", "[<10% residual tumour]"
_THRESHOLD_OPEN = re.compile(r"[(\[]\s*(?:≤|≥|<\s*=?|>\s*=?|=<|=>)\s*$")


def _percent_values(sentence: str, cis: list, blocked: list[tuple[int, int]], lower: str) -> list[dict[str, Any]]:
    values: list[dict[str, Any]] = []
    if "%" not in sentence and "cent" not in sentence:
        return values  # every match of _PCT_RE ends in "%", "per cent" or "percent"
    may_not_rate = _may_match(_NOT_A_RATE_KEYS, sentence, lower)
    may_threshold = "<" in sentence or "≤" in sentence or ">" in sentence or "≥" in sentence
    for m in _PCT_RE.finditer(sentence):
        if within_any(m.start(), m.end(), blocked):
            continue
        if _may_open(sentence, m.end(), "cCpP") and _CI_WORD_AFTER.match(sentence, m.end(), m.end() + 14):
            continue
        if may_not_rate and _NOT_A_RATE_BEFORE.search(sentence, max(0, m.start() - 40), m.start()):
            continue  # "difference 10.4%", "reduced by 12%": not a rate of a group
        if may_threshold and _THRESHOLD_OPEN.search(sentence, max(0, m.start() - 8), m.start()):
            continue  # "pCR (≤ 5% viable cells)", "(< 10% residual tumour)": a threshold defining the measure, not its rate
        if may_not_rate and _may_open(sentence, m.end(), "ardigbADIGB") and _NOT_A_RATE_AFTER.match(sentence, m.end()):
            continue  # "(0.3% difference, 95% CI ...)", "a 12% absolute improvement"
        number = parse_number(m.group(1))
        if number is None or number > 100:
            continue
        count, denominator = _count_for(sentence, m.start(), m.end())
        ci = _ci_after(sentence, m.end(), cis)
        if ci is not None and (ci[0] > 1 or ci[1] > 1):
            ci = (round(ci[0] / 100, 10), round(ci[1] / 100, 10))
        values.append(
            {
                "value": round(number / 100, 10),
                "start": m.start(),
                "end": m.end(),
                "count": count,
                "denominator": denominator,
                "ci": ci,
            }
        )
    return values


# -- rates --------------------------------------------------------------------------------------


_RANGE_START = re.compile(rf"[(\[,;]\s*(?:range[:,]?\s*)?(?<![\w.·])(?:{NUM})\s*%?\s*(?:-|–|‐|to)\s*$", re.I)
_RANGE_END = re.compile(r"\s*[)\],;]")
_PERCENT_CLOSE = re.compile(r"%\s*[)\],;]")  # the end of every match of _RANGE_GATE, scanned for first
_RANGE_GATE = re.compile(r"(?:[-–‐]|to)\s*[\d.·]+\s*%\s*[)\],;]")  # "-59%)": the end of a bracketed range


def _without_range_bounds(sentence: str, values: list) -> list:
    """Percentages that close a bracketed range with no CI word ("45% (31-59%)", "(range, 10%-35%)"): bounds, not rates.

    The lower bound goes too when it carries its own percent sign.
    """
    if len(values) < 2 or not _PERCENT_CLOSE.search(sentence) or not _RANGE_GATE.search(sentence):
        return values
    drop: set[int] = set()
    for k, v in enumerate(values):
        start = v["start"]
        before = sentence[max(0, start - 3) : start]
        if not ("-" in before or "–" in before or "‐" in before or "to" in before):
            continue
        m = _RANGE_START.search(sentence, max(0, start - 40), start)
        if m is None or not _RANGE_END.match(sentence, v["end"]):
            continue
        drop.add(k)
        if k > 0 and values[k - 1]["start"] >= m.start():
            drop.add(k - 1)
    return [v for k, v in enumerate(values) if k not in drop] if drop else values


def _rates(
    sentence: str, measures: list, cis: list, ps: list, blocked: list, arm_spans: list, arms: Sequence[ArmMention], lower: str,
    read_times: Callable[[], list[tuple[int, int, list[float]]]], percents: list[list[dict[str, Any]]],
) -> list[_Found]:
    """Rate hits; ``read_times`` gives the measures their time points (and returns the sentence's), called once before
    they are first needed; ``percents`` caches the sentence's percentages (:func:`_percents_left`)."""
    rate_measures = [m for m in measures if not m["median"]]
    if not rate_measures:
        return []
    values = _percents_left(sentence, cis, blocked, lower, percents)
    values = _without_range_bounds(sentence, values)
    value_times: list[tuple[int, int, list[float]]] | None = None  # the sentence's time points, from read_times
    if not values or "%" not in sentence:
        value_times = read_times()
        bare = _bare_values(sentence, measures, cis, blocked)
        values = sorted(values + bare, key=lambda v: v["start"])
    if "/" in sentence or " of " in sentence or " out of " in sentence:
        counted = [c for c in _count_values(sentence, blocked, values, lower) if not any(v["start"] <= c["start"] < v["end"] for v in values)]
        if counted:
            values = sorted(values + counted, key=lambda v: v["start"])
    if not values:
        return []
    if value_times is None:
        value_times = read_times()
    owner: list[int | None] = []
    for k, v in enumerate(values):
        owner.append(_owner(sentence, v, k, values, owner, measures))
    values, owner = _bare_before_percent(sentence, values, owner, blocked)
    _share_forward(sentence, values, owner, measures)
    groups: dict[int, list[dict[str, Any]]] = {}
    for v, o in zip(values, owner):
        if o is not None and not measures[o]["median"]:
            if v.get("count_only") and measures[o]["measure"] not in RESPONSE:
                continue  # a crude count of deaths or relapses is not a survival rate
            groups.setdefault(o, []).append(v)
    hits: list[_Found] = []
    may_subgroup = _may_match(_SUBGROUP_KEYS, sentence, lower)
    may_stage: bool | None = None  # asked when a value has no arm
    may_not_rate: bool | None = None  # asked when first needed
    opens_with_group = lower[:12].lstrip().startswith(_OPENING_WORDS)  # "In BRCA carriers, ...": asked of the opening clause below
    previous: tuple[list, list] | None = None  # the last landmark measure's values and time points
    for index, group in groups.items():
        mention = measures[index]
        times = mention["times"] or []
        if mention["measure"] in _LANDMARK and (" at " in sentence or " by " in sentence or " after " in sentence):
            own = _own_times(sentence, group, value_times)
            if own is not None:  # "RFS was 71% at 5 years and 59% at 8 years": each value's own time point
                labels = arms_for(sentence, group, arm_spans, arms) if arm_spans else [None] * len(group)
                months = [t for t, _ in own]
                if not any(labels) and len(set(months)) == len(months):
                    for v, (t, time_end), arm in zip(group, own, labels):
                        if v["ci"] is None:  # "71% at 5 years (95% CI 63-77)": the interval after the time point
                            ci = _ci_after(sentence, time_end, cis, 12)
                            if ci is not None:
                                v = {**v, "ci": (round(ci[0] / 100, 10), round(ci[1] / 100, 10)) if ci[0] > 1 or ci[1] > 1 else ci}
                        hits.append(_rate_hit(mention["measure"], v, t, arm, sentence, ps))
                    previous = (group, months)
                    continue
        if mention["measure"] in _LANDMARK and len(arms) >= 2 and len(group) >= 4 and len(value_times) >= 2:
            runs = _runs_after_times(sentence, mention, group, value_times, len(arms))
            if runs is not None:  # "RFS at 12 months was 78% v 77%, and at 24 months 68% v 66%": each time point's arm values
                first: list[str | None] | None = None
                for t, run in runs:
                    labels = arms_for(sentence, run, arm_spans, arms)
                    if first is None:
                        first = labels
                    elif None in labels and None not in first and len(set(first)) == len(first):
                        labels = first  # "60% with A and 41% with B, and at 12 months 35% and 20%": the first run's order
                    for v, arm in zip(run, labels):
                        hits.append(_rate_hit(mention["measure"], v, t, arm, sentence, ps))
                previous = (group, [t for t, _ in runs])
                continue
        if not times and previous is not None and mention["measure"] in _LANDMARK and "list_prev" not in mention:
            shared = previous[1]
            if (len(shared) == 1 or len(shared) == len(group)) and _ELLIPTIC_NEXT.fullmatch(sentence, previous[0][-1]["end"], mention["start"]):
                times = shared  # "DFS at 1 and 2 years was 82% and 66%, and OS 96% and 85%": the same time points
        if mention["measure"] in _LANDMARK:
            previous = (group, times) if times else None
        chain = _measure_chain(measures, index)
        if len(times) >= 2 and len(group) == len(times):
            for v, t in zip(group, times):
                hits.append(_rate_hit(mention["measure"], v, t, None, sentence, ps))
            continue
        if len(chain) >= 2 and len(group) == len(chain):
            arm = one_arm_of(sentence, group, arm_spans) if arm_spans else None  # "the clinical and pathological CR rates of arm A were"
            for v, j in zip(group, chain):
                t = measures[j]["times"]
                hits.append(_rate_hit(measures[j]["measure"], v, t[0] if t and len(t) == 1 else None, arm, sentence, ps))
            continue
        if len(chain) >= 2 and len(arms) >= 2 and len(group) > len(chain) and len(group) % len(chain) == 0:
            split = _measures_by_arms(sentence, group, chain, measures, arm_spans, arms)
            if split is not None:  # "DFS and OS were 81% vs 70% and 90% vs 84%": two measures, two arms
                for v, j, arm in split:
                    t = measures[j]["times"]
                    hits.append(_rate_hit(measures[j]["measure"], v, t[0] if t and len(t) == 1 else None, arm, sentence, ps))
                continue
        if len(chain) >= 2 and len(arm_spans) >= 2 and len(group) > len(chain) and len(group) % len(chain) == 0:
            n = len(chain)
            chunks = [group[c : c + n] for c in range(0, len(group), n)]
            labels = _arms_of_runs(sentence, chunks, arm_spans) or arms_of_chunks(sentence, chunks, arm_spans)
            if labels is not None:  # "for the A group, DFS and OS were 82% and 86%, while 87% and 90% for the B group": each arm's run
                for c, label in enumerate(labels):
                    for v, j in zip(group[c * n : (c + 1) * n], chain):
                        t = measures[j]["times"]
                        hits.append(_rate_hit(measures[j]["measure"], v, t[0] if t and len(t) == 1 else None, label, sentence, ps))
                continue
        # (two measures listed arm by arm with no arm named for each run are left alone: on real abstracts that reading
        # added values the annotators did not mark)
        n = len(times) if len(times) >= 2 and len(chain) <= 1 else 0
        if arm_spans and n and len(group) > n and len(group) % n == 0:
            labels = arms_of_chunks(sentence, [group[c : c + n] for c in range(0, len(group), n)], arm_spans)
            if labels is not None:  # "2- and 5-year OS were 90% and 71% in arm A and 85% and 64% in arm B": each arm's list
                for c, label in enumerate(labels):
                    for v, t in zip(group[c * n : (c + 1) * n], times):
                        hits.append(_rate_hit(mention["measure"], v, t, label, sentence, ps))
                continue
        chain_start = measures[chain[0]]["start"]
        if sentence.find(" in ", max(0, chain_start - 40), chain_start) >= 0:
            if may_not_rate is None:
                may_not_rate = _may_match(_NOT_A_RATE_KEYS, sentence, lower)
            if may_not_rate and _CHANGE_IN_BEFORE.search(sentence, max(0, chain_start - 40), chain_start):
                group = [v for v in group if not _OF_BEFORE.search(sentence, max(0, v["start"] - 20), v["start"])]
                if not group:
                    continue  # "an increase in disease-free survival of about 5%": a difference between arms
        if len(group) == 1 and len(arms) >= 2 and ("both" in lower or "each" in lower or "either" in lower or "all" in lower):
            both = _every_arm(sentence, group[0], arm_spans, arms)
            if both:  # "10% of patients in both the A (7/71) and the B group (7/73)", "82% in both arms": one value, each arm's
                time = times[0] if len(times) == 1 else None
                hits.extend(_rate_hit(mention["measure"], group[0], time, label, sentence, ps) for label in both)
                continue
        if opens_with_group and _subgroup_opening(sentence, mention["start"]):
            continue  # "Among patients with PD-L1-positive tumours, pCR rates were 45%, 63% and 67%": a subgroup's rates
        labels = _arms_of_values(sentence, group, arm_spans, arms)
        if len(group) > 2 and not any(labels) and arm_spans and "respectively" in lower:
            runs = _respective_runs(sentence, group, arm_spans)
            if runs is not None:  # "ORR with A and B was 41% and 30%, respectively, by imaging, and 52% and 44% by palpation"
                labels = runs
        if len(group) >= 2 and not any(labels) and ("further" in lower or "another" in lower or "additional" in lower) and _FURTHER_CATEGORY.search(sentence, group[0]["end"], group[1]["start"]):
            group, labels = group[:1], [None]  # "pCR in 6/30 (20%) and a near-complete response in a further 4/30": another category
        if len(group) >= 2 and not any(labels) and (not arms or not RESPECTIVELY.search(sentence)):
            if not _WHOLE_COHORT.search(sentence, mention["end"], group[0]["start"]) and not _first_is_whole(sentence, group, arms):
                continue  # two values of one measure and no arm to tell them apart: subgroups
            group, labels = group[:1], [None]
        time = times[0] if len(times) == 1 else None
        if len(times) >= 2 and len(group) != len(times):
            time = None
        for v, arm in zip(group, labels):
            if arm is None and may_stage is None:
                may_stage = _may_match(_PATIENTS_WITH_KEYS, sentence, lower)
            if arm is None and (
                (may_subgroup and _SUBGROUP_BEFORE.search(sentence, 0, mention["start"]) and not _evaluable_set(sentence[: mention["start"]]))
                or (may_stage and _PATIENTS_WITH.search(sentence, 0, mention["start"]))
            ):
                continue  # "BRCA carriers had a pCR rate of 70.6%": a subgroup, not the cohort
            hits.append(_rate_hit(mention["measure"], v, time, arm, sentence, ps))
    return hits


#: rates read at a time point (landmarks)
_LANDMARK = _TIME_TO_EVENT | {"LC"}
#: between a value and a time point that is its own: nothing, or a bracket ("71% (95% CI 63-77) at 5 years")
_OWN_TIME_GAP = re.compile(r"\s*(?:[(\[][^()\[\]]{0,60}[)\]]\s*)?,?\s*")
#: between one landmark's last value and the next landmark named with no time point of its own: a bare "and"
#: ("DFS at 5 years was 93%, and overall survival 96%")
_ELLIPTIC_NEXT = re.compile(r"\s*(?:[(\[][^()\[\]]{0,60}[)\]]\s*)?[,;]?\s*(?:and|while|whereas)?\s*(?:the\s+)?(?:corresponding\s+)?")


def _own_times(sentence: str, group: list, times: list[tuple[int, int, list[float]]]) -> list[tuple[float, int]] | None:
    """The time point right after each value ("71.0% at 5 years") and where it ends, or None unless every value has one."""
    out = []
    for v in group:
        for a, b, months in times:
            if a >= v["end"] and len(months) == 1 and sentence.startswith(("at ", "by ", "after "), a) and _OWN_TIME_GAP.fullmatch(sentence, v["end"], a):
                out.append((months[0], b))
                break
        else:
            return None
    return out


#: between a rate and the next value: the next belongs to another category of patients ("and a further 4/30 had ...")
#: between a time point and the first value of its run: "at 24 months 68%", "at 2 years, it was 68%", "at 2 years were 68%"
_TIME_TO_RUN = re.compile(r"\s*,?\s*(?:(?:it|this|they|these)\s+)?(?:(?:was|were|is|are|reached|of)\s+)?$", re.I)
#: between the values of one run: "68% v 66%", "68% and 66%", "68% compared with 66%"
_RUN_JOIN = re.compile(
    r"\s*(?:[(\[][^()\[\]]{0,60}[)\]]\s*)?(?:(?:with|in|for|on|among)\s+[^;:%\d()]{1,60}?\s*)?,?\s*(?:vs\.?|v\.?|versus|and|compared\s+(?:with|to)|against)\s*$",
    re.I,
)


def _runs_after_times(sentence: str, mention: dict, group: list, times: list[tuple[int, int, list[float]]], n_arms: int) -> list[tuple[float, list]] | None:
    """A landmark measure's values in runs, each run of one value per arm right after its own time point:
    "RFS at 12 months was 78% v 77%, and at 24 months 68% v 66%" -> [(12, [78%, 77%]), (24, [68%, 66%])]; None otherwise."""
    if len(group) % n_arms:
        return None
    after = _runs_before_times(sentence, group, times, n_arms)
    if after is not None:
        return after
    points = [(a, b, ts[0]) for a, b, ts in times if len(ts) == 1 and a >= mention["start"] - 40 and b <= group[-1]["start"]]
    if len(points) < 2 or len(group) // n_arms != len(points):
        return None
    runs: list[tuple[float, list]] = []
    for j, (a, b, t) in enumerate(points):
        run = group[j * n_arms : (j + 1) * n_arms]
        if b > run[0]["start"] or (j + 1 < len(points) and points[j + 1][0] < run[-1]["end"]):
            return None  # the time point must sit before its run and the next one after it
        opening = a < mention["start"]  # "At 3 years, overall survival was 70% ...": the measure between its time and values
        if (opening and j > 0) or not _TIME_TO_RUN.fullmatch(sentence, max(b, mention["end"]) if opening else b, run[0]["start"]):
            return None
        if any(not _RUN_JOIN.fullmatch(sentence, x["end"], y["start"]) for x, y in zip(run, run[1:])):
            return None
        runs.append((t, run))
    if len({t for t, _ in runs}) != len(runs):
        return None
    return runs


#: between the last value of a run and its time point: "58% vs 49% at 4 years", "58% and 49%, respectively, at 4 years"
_RUN_TO_TIME = re.compile(r"\s*(?:[(\[][^()\[\]]{0,60}[)\]]\s*)?,?\s*(?:respectively\s*,?\s*)?$", re.I)


def _runs_before_times(sentence: str, group: list, times: list[tuple[int, int, list[float]]], n_arms: int) -> list[tuple[float, list]] | None:
    """Runs of one value per arm each followed by its own time point: "EFS was 70% vs 61% at 2 years and 58% vs 49% at
    4 years"; None otherwise."""
    runs: list[tuple[float, list]] = []
    for j in range(0, len(group), n_arms):
        run = group[j : j + n_arms]
        nxt = group[j + n_arms]["start"] if j + n_arms < len(group) else len(sentence)
        point = next((p for p in times if run[-1]["end"] <= p[0] < nxt and len(p[2]) == 1), None)
        if point is None or not _RUN_TO_TIME.fullmatch(sentence, run[-1]["end"], _time_word_start(sentence, point[0])):
            return None
        if any(not _RUN_JOIN.fullmatch(sentence, x["end"], y["start"]) for x, y in zip(run, run[1:])):
            return None
        runs.append((point[2][0], run))
    if len(runs) < 2 or len({t for t, _ in runs}) != len(runs):
        return None
    return runs


_AT_WORD = re.compile(r"(?:at|after|by|within)\s*$", re.I)


def _time_word_start(sentence: str, start: int) -> int:
    """Where a time point starts with its preposition: the time mention may or may not hold its "at"."""
    m = _AT_WORD.search(sentence, max(0, start - 8), start)
    return m.start() if m is not None else start


_FURTHER_CATEGORY = re.compile(r"\b(?:a\s+further|another|an\s+additional|additional|further)\b", re.I)
_RUN_ARM_GAP = re.compile(r"[^;%]{0,80}$")


def _arms_of_runs(sentence: str, chunks: list[list[dict[str, Any]]], arm_spans: list) -> list[str] | None:
    """The arm of each run of values (one value per measure of a list), each run with its own arm: named before each
    ("in the A group, 82% and 86%; in the B group, ..."), or, for two runs, before the first and after the second with
    none between ("for the A group, DFS and OS were 82% and 86%, while 87% and 90% for the B group"); None unless every
    run has one and they differ.  (An arm named after each run only, "82% and 86% with A and 87% and 90% with B", is
    the caller's second try, :func:`arms_of_chunks`: once left alone, it now adds no value the PICO annotators left
    unmarked.)"""
    starts = [c[0]["start"] for c in chunks]
    ends = [c[-1]["end"] for c in chunks]
    before: list[str] = []
    for k, start in enumerate(starts):
        lo = ends[k - 1] if k else 0
        near = [(a, b, label) for a, b, label in arm_spans if lo <= a and b <= start and _RUN_ARM_GAP.match(sentence[b:start])]
        if not near or near[-1][2] in before:
            break
        before.append(near[-1][2])
    if len(before) == len(chunks):
        return before
    if len(chunks) == 2:
        first = [(a, b, label) for a, b, label in arm_spans if b <= starts[0] and _RUN_ARM_GAP.match(sentence[b : starts[0]])]
        between = [x for x in arm_spans if ends[0] <= x[0] < starts[1]]
        last = [(a, b, label) for a, b, label in arm_spans if a >= ends[1] and a - ends[1] <= 60 and ";" not in sentence[ends[1] : a]]
        if first and last and not between and first[-1][2] != last[0][2]:
            return [first[-1][2], last[0][2]]
    return None


#: a comparison word between two values ("21.5 v 17 months", "23% versus 13%")
_VALUES_COMPARED = re.compile(r"\s*(?:[(\[][^()\[\]]{0,60}[)\]]\s*)?(?:%|months?|mo|years?|weeks?|days?)?\s*[,;]?\s*(?:vs\.?|versus|v\.?|compared\s+with)\s*$", re.I)
#: a comparison word or "both"/"each" before the named arm: the arm is the reference or one of several, not the subject
_NOT_SUBJECT = re.compile(r"\b(?:vs\.?|versus|v\.?|compared|comparing|than|relative|against|both|each|either|between)\b", re.I)


def _arms_of_values(sentence: str, values: list, arm_spans: list, arms: Sequence[ArmMention]) -> list:
    """The arm of each of a run of rates or medians: the arm rules' answer, unless each value has its arm named right after
    it ("71 percent among the 120 women assigned to A and 64 percent among the 118 assigned to B", "9.4 months among ...")
    or only the first has one, the subject of a comparison (:func:`_subject_against_other`)."""
    labels = arms_for(sentence, values, arm_spans, arms)
    if len(values) >= 2 and len(arm_spans) >= 2 and (after := arms_after(sentence, [(v["start"], v["end"]) for v in values], arm_spans)) is not None:
        labels = after
    if len(values) == 2 and len(arms) == 2 and labels[0] is not None and labels[1] is None:
        labels = _subject_against_other(sentence, values, labels, arm_spans, arms)
    return labels


def _subject_against_other(sentence: str, group: list, labels: list, arm_spans: list, arms: Sequence[ArmMention]) -> list:
    """Two values joined by "versus" of which only the first has an arm, the one arm the clause names before them as its
    subject ("median OS was longer in the A arm (21.5 v 17 months, respectively)"): the second is the study's other arm.
    ``labels`` is returned unchanged otherwise."""
    named = {label for _, _, label in arm_spans}
    if len(named) != 1 or labels[0] not in named or not _VALUES_COMPARED.match(sentence[group[0]["end"] : group[1]["start"]]):
        return labels
    x = arm_spans[0][0]
    clause = max(sentence.rfind(";", 0, group[0]["start"]), sentence.rfind(". ", 0, group[0]["start"])) + 1
    if x < clause or arm_spans[-1][1] > group[0]["start"] or _NOT_SUBJECT.search(sentence, clause, x):
        return labels
    other = [arm.label for arm in arms if arm.label != labels[0]]
    return [labels[0], other[0]] if len(other) == 1 else labels


#: between two values of one run of per-arm values: "41% and 30%", "41%, 30% and 22%", "41% vs 30%"
_RUN_INNER_GAP = re.compile(r"\s*(?:[(\[][^()\[\]]{0,40}[)\]]\s*)?(?:,\s*)?(?:and|vs\.?|versus|v\.?)?\s*", re.I)


def _respective_runs(sentence: str, group: list, arm_spans: list) -> list[str] | None:
    """The arms of several runs of values, each run one value per arm in the order the arms are listed before the first
    ("with A and B, ORR was 41% and 30%, respectively, by imaging, and 52% and 44%, respectively, by palpation"); None
    unless two or more arms are named before the values, none among them, the values split into whole runs and
    "respectively" follows the first run."""
    order: list[str] = []
    for a, b, label in arm_spans:
        if b <= group[0]["start"] and label not in order:
            order.append(label)
        elif a < group[-1]["end"] and b > group[0]["start"]:
            return None  # an arm named among the values: the arm rules decide
    k = len(order)
    if k < 2 or len(group) % k or len(group) == k or "respectively" not in sentence[group[k - 1]["end"] :]:
        return None
    for c in range(0, len(group), k):
        if not all(_RUN_INNER_GAP.fullmatch(sentence, group[i]["end"], group[i + 1]["start"]) for i in range(c, c + k - 1)):
            return None
    return [order[i % k] for i in range(len(group))]


_BOTH_AFTER = re.compile(r"[^;:%\d]{0,40}?\b(?:in|for|of|with)\s+both\b", re.I)


#: right after a value: every arm ("in both arms", "in each group", "for all three cohorts"), no arm named
_SHARED_BY_ARMS = re.compile(
    r"\s*(?:[(\[][^()\[\]]{0,60}[)\]]\s*)?,?\s*(?:in|for|with|among|across)\s+(?:both|each|either|all)\s+(?:of\s+the\s+)?(?:(?:two|three|four|treatment|study|randomi[sz]ed)\s+)?"
    r"(?:groups?|arms?|cohorts?)\b",
    re.I,
)


def _every_arm(sentence: str, value: dict, arm_spans: list, arms: Sequence[ArmMention]) -> list[str]:
    """Every arm of the study for one value said to hold in all of them ("82% in both arms", "6.0 months for both A and
    B", "not reached in either group"), else []."""
    if (_EVERY_ARM_AFTER if value.get("not_reached") else _SHARED_BY_ARMS).match(sentence, value["end"]):
        return list(dict.fromkeys(arm.label for arm in arms))
    return _both_arms(sentence, value, arm_spans, arms) if len(arms) == 2 else []


def _both_arms(sentence: str, value: dict, arm_spans: list, arms: Sequence[ArmMention]) -> list[str]:
    """The two arms of "x% in both the A and the B group" (named after the value, and no other value between), else []."""
    m = _BOTH_AFTER.match(sentence, value["end"])
    if m is None:
        return []
    named = []
    for a, b, label in arm_spans:
        if m.end() <= a <= m.end() + 80 and label not in named and "%" not in sentence[m.end() : a]:
            named.append(label)
    return named if len(named) == 2 else []


_WHOLE_AFTER = re.compile(r"\s*\)?\s*(?:\([^()]*\)\s*)?,?\s*(?:overall\b|(?:in|for|among)\s+(?:all|the\s+whole|the\s+entire|the\s+total)\b|:)", re.I)
_QUALIFIED_AFTER = re.compile(r"\s*(?:in|with|without|for|among|of)\b", re.I)
_FIRST_GAP = re.compile(r"\s*(?:\([^()]*\)\s*)?,\s*$")


def _first_is_whole(sentence: str, group: list, arms: Sequence[ArmMention]) -> bool:
    """Whether the first of several values is the whole cohort's and the rest its subgroups': "11.2 months (95% CI ...)
    overall, 19.4 months in carriers", "in 56 patients (26.5%): 30.2% of squamous...", and without arms
    "13.2 months (95% CI ...), 22.1 months with A and 8.7 months with B"."""
    if _WHOLE_AFTER.match(sentence, group[0]["end"], group[1]["start"]):
        return True
    return (
        not arms
        and _FIRST_GAP.fullmatch(sentence, group[0]["end"], group[1]["start"]) is not None
        and all(_QUALIFIED_AFTER.match(sentence, v["end"]) for v in group[1:])
    )


_SUBGROUP_BEFORE = re.compile(
    r"\b(?:carriers?|non-?carriers?|responders?|non-?responders?|subgroups?|subsets?|wild-type|mutated|mutation-positive|"
    r"HPV-(?:positive|negative)|BRCA[\w/]*|germline)\b",
    re.IGNORECASE,
)
#: lower-case pieces one of which every match of the pattern above contains
_SUBGROUP_KEYS = ("carrier", "responder", "subgroup", "subset", "wild-type", "mutat", "hpv-", "brca", "germline")
#: "patients with stage IIID disease had ...": a subgroup by stage, grade or risk (its own pattern: the branch would slow
#: the search above, asked of most sentences)
_PATIENTS_WITH = re.compile(
    r"\b(?:patients|women|men|those|cases)\s+with\s+(?:stage|grade|node-positive|node-negative|high-risk|low-risk|intermediate-risk)\b", re.I
)
_PATIENTS_WITH_KEYS = ("with stage", "with grade", "with node", "risk")


def _may_match(keys: tuple[str, ...], sentence: str, lower: str) -> bool:
    """False when a case-blind pattern cannot match: the ASCII sentence (``lower``: lower-cased) holds none of its lower-case ``keys``.

    Non-ASCII sentences always may (a case-blind "i" also matches a dotless one).
    """
    return not sentence.isascii() or holds_any(lower, keys)


_OR_JOIN = re.compile(r"\bor\b|/", re.I)
_VERSUS = re.compile(r"\b(?:vs\.?|versus|v\.?|compared\s+(?:with|to)|against)(?!\w)", re.I)


def _measures_by_arms(
    sentence: str, group: list, chain: list[int], measures: list, arm_spans: list, arms: Sequence[ArmMention]
) -> list[tuple[dict, int, str]] | None:
    """Values of a list of measures given measure by measure, as (value, measure index, arm): each measure's arms
    joined by "vs" ("DFS and OS were 81% vs 70% and 90% vs 84%, respectively"); None when the order is unclear.

    Values listed arm by arm ("81% and 90% with A versus 70% and 84% with B") are left to the other rules: on real
    abstracts that reading added values the annotators did not mark.
    """
    starts = [measures[j]["start"] for j in chain]
    ends = [measures[j]["end"] for j in chain]
    n = len(chain)
    k = len(group) // n
    if not 2 <= k <= len(arms) or any(_OR_JOIN.search(sentence, measures_end, start) for measures_end, start in zip(ends[:-1], starts[1:])):
        return None  # "partial response or complete response": one measure named two ways
    versus = [_VERSUS.search(sentence, a["end"], b["start"]) is not None for a, b in zip(group, group[1:])]
    out: list[tuple[dict, int, str]] = []
    if not all(v == ((i + 1) % k != 0) for i, v in enumerate(versus)):
        return None
    for j in range(n):
        chunk = group[j * k : (j + 1) * k]
        labels = arms_for(sentence, chunk, arm_spans, arms)
        if None in labels or len(set(labels)) != k:
            return None
        out.extend((v, chain[j], label) for v, label in zip(chunk, labels) if label is not None)
    return out


def _measure_chain(measures: list, index: int) -> list[int]:
    chain = [index]
    while "list_prev" in measures[chain[0]]:
        chain.insert(0, measures[chain[0]]["list_prev"])
    return chain


def _owner(sentence: str, v: dict, k: int, values: list, owner: list, measures: list) -> int | None:
    # forward: "9.7% with PD", "10 patients (25%) achieved a PR"
    for i, m in enumerate(measures):
        if m["start"] >= v["end"]:
            gap = sentence[v["end"] : m["start"]]
            if len(gap) <= 45 and _FORWARD_LINK.match(gap) and (_FORWARD_REQUIRED.search(gap) or gap.strip() in ("", ")")):
                if not gap.strip() and m["measure"] in RESPONSE | {"OS", "DFS", "PFS"} and m["start"] - v["end"] <= 1:
                    return i  # "45% ORR"
                if gap.strip():
                    return i
            if _ALIVE_LINK.fullmatch(gap) and sentence[m["start"] : m["start"] + 5].lower() == "alive":
                return i
            break
    # backward: nearest measure before, within reach, no clause break
    best = None
    for i, m in enumerate(measures):
        if m["end"] <= v["start"]:
            best = i
    if best is not None:
        gap = sentence[measures[best]["end"] : v["start"]]
        if len(gap) <= 110 and (";" not in gap or _bracket_semicolon(sentence, measures[best]["end"], gap)):
            return best
        # a list continuing an earlier value of the same measure
        if k > 0 and owner[k - 1] == best:
            gap = sentence[values[k - 1]["end"] : v["start"]]
            if len(gap) <= 70 and (";" not in gap or _LABELLED_NEXT.fullmatch(gap) or _TIME_NEXT.fullmatch(gap)):
                return best
    return None


#: "...: drug A, 38%; drug B, 24%": after a semicolon, a short group label then the next value
#: (the first value's arm may stand before the semicolon: "38% with A; B, 21%"), or restated: "...; in the B arm, it was
#: 21%", "...; for B, the corresponding rate was 21%"
_LABELLED_NEXT = re.compile(
    r"\s*(?:\([^()]{0,40}\)\s*)?(?:(?:with|in|for|among|on|of)\s+[^;:,\d%()]{1,50}?)?;\s*(?:and\s+)?(?:in\s+|for\s+|with\s+)?[A-Za-z][^;:,\d%()]{0,40}?\s*[,:]\s*"
    r"(?:(?:it|this|that|the\s+(?:corresponding\s+)?(?:rate|figure|value|proportion))\s+(?:was|were|is|reached)\s+)?",
    re.I,
)


#: a clause after a semicolon that gives the same measure at another time point: "...; at 3 years, it was 75% vs 66%"
_TIME_NEXT = re.compile(
    r"\s*(?:\([^()]{0,40}\)\s*)?(?:(?:with|in|for|among|on|of)\s+[^;:,\d%()]{1,50}?)?;\s*(?:and\s+|while\s+|whereas\s+)?(?:at|after|by)\s+(?:\d{1,2}|one|two|three|four|five|ten)\s*-?\s*(?:years?|months?|yrs?)\s*,?\s*"
    r"(?:(?:it|this|they|these|the\s+(?:corresponding\s+)?(?:rates?|figures?|values?|proportions?))\s+(?:was|were|is|are|reached|fell\s+to)\s+)?",
    re.I,
)


def _bracket_semicolon(sentence: str, measure_end: int, gap: str) -> bool:
    """Whether the only thing between a measure and its value is a semicolon inside a bracket: "(ORR; 45% v 30%)"."""
    return gap.strip() == ";" and bool(_ABBREVIATION_OPEN.search(sentence, max(0, measure_end - 12), measure_end))


_BARE_BEFORE_PERCENT = re.compile(rf"(?<![\w.·%-])({NUM})\s*(?:,\s*)?(?:and|vs\.?|v\.?|versus)\s*$", re.I)
_BARE_COMMA_BEFORE = re.compile(rf"(?<![\w.·%-])({NUM})\s*,\s*$")
_PAIR_WORDS = ("and", "vs", "vs.", "v", "v.", "versus")
_PAIR_GATE = re.compile(r"\d\s*,?\s*(?:and|vs?\.?|versus)\s*[\d.·]+\s*(?:%|per\s?cent\b|percent\b)", re.I)  # a bare number, a pair word, a percentage
_RANGE_OPENER = re.compile(r"\b(?:between|from|range[sd]?|ranging)\b[^%\d]{0,20}$", re.I)


def _bare_before_percent(sentence: str, values: list, owner: list, blocked: list) -> tuple[list, list]:
    """A bare number paired with a percentage shares its sign: "rates were 48 and 36%", "48 vs 36%" (not "between 48 and 36%")."""
    if len(values) < 1 or not (" and " in sentence or " v" in sentence or " V" in sentence or " AND " in sentence) or not _PAIR_GATE.search(sentence):
        return values, owner
    extra: list[tuple[int, dict[str, Any]]] = []
    for k, v in enumerate(values):
        if owner[k] is None or "count_only" in v:
            continue
        start = v["start"]
        if not sentence[max(0, start - 24) : start].rstrip().lower().endswith(_PAIR_WORDS):
            continue  # the number must sit right before "and", "vs", "v", "versus"
        m = _BARE_BEFORE_PERCENT.search(sentence, max(0, start - 24), start)
        if m is None or within_any(m.start(1), m.end(1), blocked) or _RANGE_OPENER.search(sentence, max(0, m.start() - 30), m.start()):
            continue
        number = parse_number(m.group(1))
        if number is not None and 0 <= number <= 100 and not any(x["start"] <= m.start(1) < x["end"] for x in values):
            run = [{"value": round(number / 100, 10), "start": m.start(1), "end": m.end(1), "count": None, "denominator": None, "ci": None}]
            while len(run) < 5:  # "96, 82 and 58%": the comma list before the pair shares the sign too
                prev = _BARE_COMMA_BEFORE.search(sentence, max(0, run[0]["start"] - 12), run[0]["start"])
                number = parse_number(prev.group(1)) if prev else None
                if prev is None or number is None or not 0 <= number <= 100 or within_any(prev.start(1), prev.end(1), blocked) or any(
                    x["start"] <= prev.start(1) < x["end"] for x in values
                ):
                    break
                run.insert(0, {"value": round(number / 100, 10), "start": prev.start(1), "end": prev.end(1), "count": None, "denominator": None, "ci": None})
            if len(run) > 1 and _RANGE_OPENER.search(sentence, max(0, run[0]["start"] - 30), run[0]["start"]):
                run = run[-1:]
            extra.extend((k, bare) for bare in run)
    if not extra:
        return values, owner
    new_values, new_owner = list(values), list(owner)
    for k, bare in reversed(extra):
        new_values.insert(k, bare)
        new_owner.insert(k, owner[k])
    return new_values, new_owner


def _share_forward(sentence: str, values: list, owner: list, measures: list) -> None:
    """Values listed before a measure named after them share its owner: "81% and 67% of women were alive and disease-free"."""
    if len(values) < 2 or all(o is not None and not measures[o]["median"] for o in owner):
        return
    for k in range(len(values) - 2, -1, -1):
        nxt = owner[k + 1]
        # a value read back to a median's mention ("median OS was 23.4 vs 21.6 months, with 49% and 44% of patients alive")
        # is no rate of it: the list's measure after it takes it
        taken = owner[k] is not None and not measures[owner[k]]["median"]
        if taken or nxt is None or nxt == owner[k] or measures[nxt]["start"] < values[k + 1]["end"]:
            continue
        gap = sentence[values[k]["end"] : values[k + 1]["start"]]
        if (_LIST_GAP.match(gap) or _ARM_LIST_GAP.match(gap)) and not _DIGIT.search(gap):
            owner[k] = nxt


def _rate_hit(measure: str, v: dict, time: float | None, arm: str | None, sentence: str, ps: list) -> _Found:
    p = _p_after(v["end"], ps, 40)
    payload = {
        "measure": measure,
        "kind": "rate",
        "value": v["value"],
        "unit": "proportion",
        "count": v["count"],
        "denominator": v["denominator"],
        "time_months": time if measure not in RESPONSE else None,
        "ci": v["ci"],
        "p": p[1] if p else None,
        "p_relation": p[0] if p else "=",
        "arm": arm,
    }
    return ("outcome", measure, v["start"], v["end"], payload)


# -- medians ------------------------------------------------------------------------------------


def _medians(
    sentence: str, measures: list, cis: list, ps: list, blocked: list, arm_spans: list, arms: Sequence[ArmMention], lower: str | None = None
) -> list[_Found]:
    """Median hits (``lower``: the sentence lower-cased)."""
    hits: list[_Found] = []
    may_differ: bool | None = None  # whether the sentence may name a difference ("a benefit of 4 months"), asked once
    opens_with_group: bool | None = None  # whether the sentence opens with "in", "among", "for" or "within", asked once
    for i, m in enumerate(measures):
        if not m["median"]:
            continue
        stop = measures[i + 1]["start"] if i + 1 < len(measures) else len(sentence)
        if i + 1 < len(measures) and measures[i + 1].get("list_prev") == i:
            continue  # "median PFS and OS were 8 and 20 months": handled by the last of the list
        stop = min(stop, m["end"] + 220)
        if may_differ is None:
            may_differ = _may_match(_DIFFERENCE_KEYS, sentence, lower if lower is not None else sentence.lower())
        values = _change_durations(sentence, m["start"], m["end"], blocked) or _durations(sentence, m["end"], stop, blocked, may_differ, intervals=True)
        if not values:
            continue
        if len(values) >= 2 and ("(" in sentence or "[" in sentence):
            values = _without_restated(sentence, values)
        chain = _measure_chain(measures, i)
        if len(chain) >= 2 and len(values) == len(chain):
            for v, j in zip(values, chain):
                hits.append(_median_hit(measures[j]["measure"], v, None, sentence, cis, ps))
            continue
        if len(chain) >= 2 and arm_spans and len(values) > len(chain) and len(values) % len(chain) == 0:
            n = len(chain)
            labels = arms_of_chunks(sentence, [values[c : c + n] for c in range(0, len(values), n)], arm_spans)
            if labels is not None:  # "median PFS and OS were 8.1 and 18.2 months with A, and 5.2 and 14.1 months with B"
                for c, label in enumerate(labels):
                    for v, j in zip(values[c * n : (c + 1) * n], chain):
                        hits.append(_median_hit(measures[j]["measure"], v, label, sentence, cis, ps))
                continue
        if len(chain) >= 2:
            values = values[:1]
        values = values[:4]
        if opens_with_group is None:
            opens_with_group = (lower if lower is not None else sentence.lower())[:12].lstrip().startswith(_OPENING_WORDS)
        if opens_with_group and _subgroup_opening(sentence, m["start"]):
            continue  # "In BRCA-mutated patients, median PFS was 22.0 versus 5.4 months": a subgroup's medians
        labels = _arms_of_values(sentence, values, arm_spans, arms)
        if len(values) == 1 and len(arms) >= 2 and (every := _every_arm(sentence, values[0], arm_spans, arms)):
            # "not reached in either group", "6.0 months in both arms", "11 months for both A and B": one value per arm
            hits.extend(_median_hit(m["measure"], values[0], label, sentence, cis, ps) for label in every)
            continue
        if len(values) >= 2 and not any(labels):
            if not _WHOLE_COHORT.search(sentence, m["end"], values[0]["start"]) and not _first_is_whole(sentence, values, arms):
                continue  # subgroups or arms we cannot tell apart
            values, labels = values[:1], [None]  # "of the entire cohort was 27.1 months, and that of resected patients 38.6"
        elif len(values) >= 2 and None in labels and any(labels) and not (len(values) == 2 and len(arms) == 2):  # (two and two: the other arm's, later)
            values, labels = _without_armless(sentence, m["end"], values, labels, arms)
        if labels == [None] and _subset_subject(sentence, m["start"]):
            continue  # "MGMT-methylated tumours had a median OS of 13.5 months": a subgroup's, not the cohort's
        for v, arm in zip(values, labels):
            hits.append(_median_hit(m["measure"], v, arm, sentence, cis, ps))
    return hits


#: a sentence whose subject is some of the patients, then "had a median": "MGMT-methylated tumours had", "Patients with
#: performance status 2 had", "Resected patients had", "Those who responded had" (not "Patients treated with A had")
_SUBSET_SUBJECT = re.compile(
    r"\s*(?:the\s+)?(?:[\w-]+-(?:positive|negative|high|low|volume)|(?:[\w-]+-)?(?:un)?(?:methylated|mutated|mutant)|resected|unresected|responding|"
    r"non-?responding|elderly|older|younger)\s+(?:patients|tumou?rs|cases|women|men)\s+(?:had|showed|reached)\s+(?:an?\s+)?median\s+$"
    r"|\s*(?:the\s+)?(?:patients|women|men|those|cases)\s+(?:with|who|whose|without)\b(?!\s+(?:\w+\s+)?(?:treated|received|receiving|given|were\s+treated)\b)"
    r"[^,;:()]{3,60}?\s(?:had|showed|reached)\s+(?:an?\s+)?median\s+$",
    re.I,
)


def _subset_subject(sentence: str, start: int) -> bool:
    """Whether the sentence (or its clause after a semicolon) opens with some of the patients as the subject of "had a
    median" right before ``start``."""
    if "median" not in sentence[max(0, start - 8) : start].lower():
        return False
    return _SUBSET_SUBJECT.match(sentence, sentence.rfind(";", 0, start) + 1, start) is not None


#: after a value: the arms other than those the sentence names with values of their own ("not reached in either
#: chemotherapy arm and was 49.5 months in the surgery arm")
_EITHER_OTHER_ARM = re.compile(
    r"\s*(?:\([^()]{0,60}\)\s*)?(?:in|for|with|among)\s+(?:either|both|each)\s+(?:of\s+the\s+)?(?:[\w-]+\s+)?(?:groups?|arms?|cohorts?)\b", re.I
)


def _without_armless(sentence: str, start: int, values: list, labels: list, arms: Sequence[ArmMention]) -> tuple[list, list]:
    """The values of a list some of whose values have arms, less those with none that the text does not call the whole
    cohort's ("in arm C (9.0 months) vs. arms A (8.0 months) and B (5.8 months)": the arms of the last two were not
    found, they are not the cohort's; "13.2 months overall, 15.1 months with A and 11.0 months with B" keeps the first).
    A value said to hold "in either (chemotherapy) arm" is given each arm the other values leave."""
    kept_values, kept_labels = [], []
    others = [label for label in dict.fromkeys(arm.label for arm in arms) if label not in labels]
    for k, (v, label) in enumerate(zip(values, labels)):
        before = values[k - 1]["end"] if k else start
        if label is not None or _WHOLE_AFTER.match(sentence, v["end"]) or _WHOLE_COHORT.search(sentence, before, v["start"]):
            kept_values.append(v)
            kept_labels.append(label)
        elif len(others) >= 2 and _EITHER_OTHER_ARM.match(sentence, v["end"]):
            kept_values += [v] * len(others)
            kept_labels += others
    return kept_values, kept_labels


#: a sentence opening with a subgroup of patients ("In BRCA-mutated patients,", "Among women with PD-L1-positive tumours,",
#: "In the MGMT-methylated subgroup,"): its values are the subgroup's, not the arms' (not annotated)
_OPENING_CLAUSE = re.compile(r"\s*(?:in|among|for|within)\s+([^,;:()]{3,90}?),", re.I)
_SUBGROUP_WORD = re.compile(
    r"\b(?:carriers?|non-?carriers?|mutat\w*|(?:un)?methylat\w*|wild-type|\w*-?(?:positive|negative)|amplified|over-?express\w*|"
    r"subgroups?|subsets?|stages?|BRCA\w*|HPV\w*|MGMT|PD-?L1\w*|(?:high|low|intermediate|poor|good|favou?rable)-risk|(?:high|low)-volume|responders?|"
    r"non-?responders?|methylated)\b",
    re.I,
)
_OPENING_WORDS = ("in ", "among ", "for ", "within ")
#: lower-case pieces one of which every subgroup clause's group (_SUBGROUP_WORD) holds
_CLAUSE_SUBGROUP_KEYS = ("carrier", "mutat", "methylat", "wild", "positive", "negative", "amplified", "express", "subgroup", "subset", "stage", "volume",
                         "brca", "hpv", "mgmt", "pd-l1", "pdl1", "risk", "responder")


def _subgroup_opening(sentence: str, start: int) -> bool:
    """Whether the sentence (known to open with "in", "among", "for" or "within") opens with a subgroup of patients
    ("In BRCA carriers, ...") that ends before ``start``."""
    m = _OPENING_CLAUSE.match(sentence)
    if m is None or m.end() > start:  # "Among receptor-negative tumours the pCR rates were": the group's noun, then the clause
        m = _OPENING_CLAUSE_NO_COMMA.match(sentence)
    return m is not None and m.end() <= start and _SUBGROUP_WORD.search(m.group(1)) is not None and not _evaluable_set(m.group(1))


#: the patients whose response could be measured: "with measurable disease", "evaluable for response", "response-assessable"
_EVALUABLE_SET = re.compile(r"\b(?:measurable|evaluable|assessable|(?:response|efficacy)-(?:evaluable|assessable))\b", re.I)
_SET_NOUN = re.compile(r"\b(?:subsets?|subgroups?|sub-?populations?)\b", re.I)


def _evaluable_set(group: str) -> bool:
    """Whether a group named as a subset is the patients whose response could be measured ("the subset with measurable
    disease", "the subgroup evaluable for response"): the population a response rate is read in, not a subgroup."""
    return _EVALUABLE_SET.search(group) is not None and _SUBGROUP_WORD.search(_SET_NOUN.sub(" ", group)) is None


_OPENING_CLAUSE_NO_COMMA = re.compile(
    r"\s*(?:in|among|for|within)\s+([^,;:()]{3,90}?\b(?:tumou?rs|patients|women|men|cases|disease|carriers|subgroups?|subsets?|cancers))\s+(?=the\s|median\s|pCR\b|pathologic)",
    re.I,
)


def _subgroup_clauses(sentence: str) -> list[tuple[int, int]]:
    """The clauses after a semicolon that open with a subgroup of patients ("...; in the BRCA-mutated subgroup, it was
    24.1 versus 10.2 months"): their values are the subgroup's, as at a sentence's opening."""
    spans = []
    at = sentence.find(";")
    while at >= 0:
        following = sentence.find(";", at + 1)
        end = len(sentence) if following < 0 else following
        m = _OPENING_CLAUSE.match(sentence, at + 1)
        if m is not None and m.end() <= end and _SUBGROUP_WORD.search(m.group(1)) is not None:
            spans.append((m.end(), end))
        at = following
    return spans


#: right after a median not reached: every arm ("in either group", "in both arms", "in any of the three arms")
_EVERY_ARM_AFTER = re.compile(
    r"\s*(?:\([^()]{0,60}\)\s*)?(?:in|for|with|among)\s+(?:either|both|each|all|any)\s+(?:of\s+the\s+)?(?:(?:two|three|four|treatment|study|randomi[sz]ed)\s+)?"
    r"(?:groups?|arms?|cohorts?)\b",
    re.I,
)
_CHANGE_VERB = re.compile(r"\b(?:improved|improves?|increased|increases?|prolonged|prolongs?|extended|extends?|lengthened|reduced|reduces?|decreased|decreases?|shortened)\b[^.;%\d]{0,40}$", re.I)
_CHANGE_DURATION = re.compile(
    rf"\s*(?:was\s+|were\s+)?(?:\w+\s+)?from\s+(?P<a>{NUM})\s*(?P<ua>{_DURATION_UNIT})?\s+to\s+(?P<b>{NUM})\s*(?P<ub>{_DURATION_UNIT})\b", re.I
)


#: the same change written the other way round: "X prolonged median PFS to 7.3 months from 4.2 months"
_CHANGE_DURATION_REVERSED = re.compile(
    rf"\s*(?:was\s+|were\s+)?(?:\w+\s+)?to\s+(?P<b>{NUM})\s*(?P<ub>{_DURATION_UNIT})?\s+from\s+(?P<a>{NUM})\s*(?P<ua>{_DURATION_UNIT})\b", re.I
)


def _change_durations(sentence: str, start: int, end: int, blocked: list) -> list[dict[str, Any]]:
    """ "X improved median TTP from 5.6 to 8.1 months": the two medians, the reference's first (not a range); "X improved
    median TTP to 8.1 months from 5.6 months": the two in the order written, the subject's first."""
    if "from" not in sentence[end : end + 50]:
        return []
    m = _CHANGE_DURATION.match(sentence, end) or _CHANGE_DURATION_REVERSED.match(sentence, end)
    if m is None or not _CHANGE_VERB.search(sentence, max(0, start - 60), start):
        return []
    out = []
    keys = (("a", m.group("ua") or m.group("ub")), ("b", m.group("ub"))) if m.re is _CHANGE_DURATION else (("b", m.group("ub") or m.group("ua")), ("a", m.group("ua")))
    for key, unit in keys:
        if within_any(m.start(key), m.end(key), blocked):
            return []
        months = months_from(float(parse_number(m.group(key)) or 0), unit)
        if months is None:
            return []
        out.append({"value": months, "not_reached": False, "start": m.start(key), "end": m.end(key), "change": True})
    return out


#: lower-case pieces one of which every match of _DIFFERENCE_BEFORE holds
_DIFFERENCE_KEYS = ("benefit", "gain", "improvement", "difference", "advantage", "prolongation", "extension", "increase", "reduction", "decrease")
_DIFFERENCE_BEFORE = re.compile(
    r"\b(?:benefit|gain|improvement|difference|advantage|prolongation|extension|increase|reduction|decrease)s?"
    r"(?:\s+(?:of|by|was|were|in\s+(?:[\w-]+\s+){1,3}?(?:of|by|was|were))\s+|\s*[,:=]\s*)"  # "(absolute difference, 6.9 months)"
    r"(?:about\s+|approximately\s+|nearly\s+|almost\s+|over\s+)?$",
    re.I,
)


#: a duration whose interval (or range) is printed between its number and its unit: "20.1 (95% CI 17.0-23.3) months",
#: "9.4 [range, 2 to 30] months", "6.2 (4.1-8.0) mo"; the unit is the number's
_INTERVAL_THEN_UNIT = guarded(re.compile(
    rf"(?P<num>{NUM})\s*[(\[]\s*(?:95\s*%\s*)?(?:(?:CI|confidence\s+interval|credible\s+interval|range|IQR|interquartile\s+range)\s*[:,=]?\s*)?"
    rf"(?:{NUM})\s*(?:[-–‐]|to\b|,)\s*(?:{NUM})\s*(?:{_DURATION_UNIT}|days?)?\s*[)\]]\s*(?P<unit>{_DURATION_UNIT}|days?)\b",
    re.IGNORECASE,
), r"[\d.·]")


def _durations(sentence: str, start: int, stop: int, blocked: list, may_differ: bool = True, intervals: bool = False) -> list[dict[str, Any]]:
    """The durations (and medians not reached) of ``sentence[start:stop]``; ``intervals``: also those printed as number,
    bracketed interval, unit (:func:`_interval_then_unit`), which the plain reading leaves."""
    found = []
    window = sentence[start:stop]
    if intervals and ("(" in window or "[" in window):  # "20.1 (95% CI 17.0-23.3) versus 16.3 (95% CI 14.1-18.5) months"
        found = _interval_then_unit(sentence, start, window, blocked)
    for mm in _DURATION_RE.finditer(window):
        a, b = mm.start() + start, mm.end() + start
        if within_any(a, b, blocked) or any(f["start"] <= a < f["end"] for f in found):
            continue
        if _RANGE_BEFORE.search(sentence[max(0, a - 12) : a]):
            continue
        if may_differ and _DIFFERENCE_BEFORE.search(sentence, max(0, a - 40), a):
            continue  # "a median OS gain of 9 months": a difference between arms, not a median
        if mm.group("nr"):
            found.append({"value": None, "not_reached": True, "start": a, "end": b})
        else:
            months = months_from(float(parse_number(mm.group("num")) or 0), mm.group("unit"))
            if months is not None:
                found.append({"value": months, "not_reached": False, "start": a, "end": b, "num_end": mm.start("unit") + start})
    # bare numbers listed before a number with a unit: "8.0 vs 5.0 months"; each takes the unit of a value after it, so
    # only those before the last value in a unit are read (that value's number follows no number character: none
    # of them reaches it)
    extra: list[dict[str, Any]] = []
    last_valued = max((f["start"] for f in found if f["value"] is not None), default=start) if _NUMBERS_CHECKED else stop
    for mm in reversed(list(_BARE_NUM_RE.finditer(window, 0, last_valued - start))):  # right to left: "9.9, 10.8 and 9.1 months"
        a, b = mm.start() + start, mm.end() + start
        if within_any(a, b, blocked) or any(f["start"] <= a < f["end"] for f in found):
            continue
        nxt = min((f for f in found + extra if f["start"] >= b), key=lambda f: f["start"], default=None)
        if nxt is None or nxt["value"] is None:
            continue
        gap = sentence[b : nxt["start"]]
        if _BARE_LIST_GAP.fullmatch(gap) and not _DIGIT.search(_without_interval(gap)):
            unit = nxt["unit"] if "unit" in nxt else sentence[nxt["num_end"] : nxt["end"]]
            months = months_from(float(parse_number(mm.group(1)) or 0), unit)
            if months is not None:
                extra.append({"value": months, "not_reached": False, "start": a, "end": b, "unit": unit})
    found = sorted(found + extra, key=lambda f: f["start"])
    # stop at a value reported in another unit context ("... 20 months; 30% of patients")
    return found


_RESTATE_OPEN = re.compile(r"\s*[(\[]\s*")


def _without_restated(sentence: str, found: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``found`` with each duration restated in another unit in the bracket after it ("16.4 weeks (3.8 months)",
    "277 days (9.1 months)") read once: the bracket's value, spanning both."""
    out: list[dict[str, Any]] = []
    for f in found:
        prev = out[-1] if out else None
        if (prev is not None and prev["value"] is not None and f["value"] is not None and _RESTATE_OPEN.fullmatch(sentence, prev["end"], f["start"])
                and abs(prev["value"] - f["value"]) <= 0.06 * max(prev["value"], f["value"])):
            out[-1] = {**f, "start": prev["start"]}
            continue
        out.append(f)
    return out


def _interval_then_unit(sentence: str, start: int, window: str, blocked: list) -> list[dict[str, Any]]:
    """The durations of ``window`` (at ``start`` in the sentence) printed as number, bracketed interval, unit: each spans
    to its unit (the interval's numbers are its own) and keeps where its number ends, where its interval is read."""
    found = []
    for mm in _INTERVAL_THEN_UNIT.finditer(window):
        a, num_end = mm.start("num") + start, mm.end("num") + start
        if within_any(a, num_end, blocked) or _RANGE_BEFORE.search(sentence[max(0, a - 12) : a]):
            continue
        months = months_from(float(parse_number(mm.group("num")) or 0), mm.group("unit"))
        if months is not None:
            found.append({"value": months, "not_reached": False, "start": a, "end": mm.end() + start, "unit": mm.group("unit"), "ci_from": num_end})
    return found


_INTERVAL_BRACKET = re.compile(
    r"^\s*[(\[][^()\[\]]{0,50}?\b(?:CI|confidence|credible|range|IQR|interquartile)\b[^()\[\]]{0,50}[)\]]"
    rf"|^\s*[(\[]\s*(?:{NUM})\s*(?:[-–‐]|to\b)\s*(?:{NUM})\s*(?:{_DURATION_UNIT}|days?)?\s*[)\]]",  # "(17.0-23.3)": an unlabelled interval
    re.I,
)


def _without_interval(gap: str) -> str:
    """``gap`` without a bracketed interval at its start ("16.8 (95% CI 13.1-19.9) and 14.2 months")."""
    if "(" not in gap and "[" not in gap:
        return gap
    return _INTERVAL_BRACKET.sub("", gap, count=1)


def _median_hit(measure: str, v: dict, arm: str | None, sentence: str, cis: list, ps: list) -> _Found:
    ci = _ci_after(sentence, v.get("ci_from", v["end"]), cis, 30) if v["value"] is not None else None
    p = _p_after(v["end"], ps, 60)
    payload = {
        "measure": measure,
        "kind": "median",
        "value": v["value"],
        "unit": "months",
        "ci": ci,
        "p": p[1] if p else None,
        "p_relation": p[0] if p else "=",
        "arm": arm,
        "not_reached": v["not_reached"],
    }
    return ("outcome", measure, v["start"], v["end"], payload)


# -- hazard ratios, follow-up, toxicity ---------------------------------------------------------


#: between "hazard ratio" and its number: a threshold, not an estimate ("HR was below 1.30", "an HR not exceeding 1.25")
_HR_THRESHOLD_GAP = re.compile(
    r"(?:\b(?:below|under|less\s+than|lower\s+than|smaller\s+than|above|over|greater\s+than|higher\s+than|exceed\w*|at\s+most|at\s+least|"
    r"margin\s+(?:of|was|at)|threshold\s+(?:of|was|at)|limit\s+of|boundary\s+of)|[<>≤≥])\s*(?:of\s+|than\s+)?$",
    re.I,
)
#: before "hazard ratio": a planned or margin value ("a non-inferiority margin for the", "powered to detect an", "the upper bound of the CI of the")
_HR_PLANNED_BEFORE = re.compile(
    r"\b(?:margins?|upper\s+(?:\w+\s+){0,3}(?:bound|limit|boundary)|assum\w*|to\s+detect|hypothesi[sz]\w*|targeted|target|expected|anticipated)\b[^.;]{0,45}$",
    re.I,
)
#: lower-case pieces one of which every match of _HR_PLANNED_BEFORE holds
_PLANNED_KEYS = ("margin", "upper", "assum", "detect", "hypothes", "target", "expect", "anticipat")
# the gap may hold a numbered end point ("the hazard ratio for PFS1 was 0.52")
_HR_VALUE = re.compile(rf"(?P<gap>(?:[^0-9;%]|(?:(?<=FS)|(?<=OS))[12]){{0,60}}?)(?<![\w.])({NUM})(?![\d%])")


def _hazard_ratios(sentence: str, lexicon: Lexicon, measures: list, cis: list, ps: list, blocked: list, arm_spans: list, arms: Sequence[ArmMention]) -> list[_Found]:
    hits = []
    for m in lexicon.hazard_re.finditer(sentence):
        value_match = _HR_VALUE.match(sentence, m.end())
        if not value_match:
            continue
        value = parse_number(value_match.group(2))
        if value is None or not 0 < value < 50:
            continue
        if sentence[:12].lower().lstrip().startswith(_OPENING_WORDS) and _subgroup_opening(sentence, m.start()):
            continue  # "In tumours with a PD-L1 score of 5 or more, the hazard ratio for death was 0.70": a subgroup's ratio
        gap = value_match.group("gap")
        before = sentence[max(0, m.start() - 70) : m.start()].lower()
        # the threshold word may sit inside the key's "for <comparison>" ("the HR for OS not exceed 1.18")
        if (gap.strip() and _HR_THRESHOLD_GAP.search(gap)) or _HR_THRESHOLD_GAP.search(sentence, m.start(), value_match.start(2)) or (holds_any(before, _PLANNED_KEYS) and _HR_PLANNED_BEFORE.search(before)):
            continue  # "non-inferiority if the upper bound of the CI of the HR was below 1.30", "assuming an HR of 0.75": a margin
        a, b = value_match.start(2), value_match.end(2)
        measure = None
        named_text = m.group() + value_match.group("gap")
        if "free" in named_text or "–" in named_text:  # "hazard ratio for relapse-free survival": the measure named, not its event
            named_text = sentence[m.start() : a]
            for x in measures:
                if m.start() <= x["start"] < a:
                    named_text = named_text[: x["start"] - m.start()] + " " * (x["end"] - x["start"]) + named_text[x["end"] - m.start() :]
        for text_re, name in _HR_FOR:
            if text_re.search(named_text):
                measure = name
                if name == "DFS":  # "hazard ratio for relapse" in a sentence about relapse-free survival: RFS
                    earlier = [x["measure"] for x in measures if x["end"] <= m.start()]
                    if earlier and earlier[-1] in ("RFS", "EFS", "LRFS", "MFS", "DSS"):
                        measure = earlier[-1]
                break
        if measure is None:
            named = [x for x in measures if m.start() <= x["start"] < a]  # "the hazard ratio for DFS was 0.74"
            before = [x for x in measures if x["end"] <= m.start()]
            after = [x for x in measures if x["start"] >= b]
            near = None if named or not holds_any(sentence[max(0, m.start() - 85) : m.start()].lower(), _HR_EVENT_KEYS) else _HR_EVENT_BEFORE.search(sentence, max(0, m.start() - 85), m.start())
            if named:
                measure = named[0]["measure"]
            elif near is not None and not any(near.start() < x["end"] <= m.start() for x in measures):
                measure = "OS" if near.group("os") else "PFS" if near.group("pfs") else "DFS"  # "lower mortality (hazard ratio 0.68)"
            elif before:
                measure = before[-1]["measure"]
            elif after and after[0]["start"] - b < 60:
                measure = after[0]["measure"]
        if measure is None:
            if not arm_spans or sentence.count("(") > 6:
                continue
            measure = _PENDING  # "Hazard ratios versus A were 0.63 (...) for B ...": the measure of the sentence before
        compared = phrase_comparison(sentence, m.start(), a, arm_spans, arms) or comparison(m.start(), arm_spans, arms)
        values = [(a, b, value)]
        # "0.74 (95% CI 0.60-0.92) for SOX and 0.80 (95% CI 0.65-0.99) for XELOX": one HR per arm
        nxt = _HR_NEXT.match(sentence, b)
        while nxt is not None and len(values) < 4:
            second = parse_number(nxt.group("num"))
            if second is None or not 0 < second < 50:
                break
            values.append((nxt.start("num"), nxt.end("num"), second))
            nxt = _HR_NEXT.match(sentence, nxt.end("num"))
        for a, b, value in values:
            arm = compared
            if len(values) > 1 or arm is None:
                arm = hr_arm_after(sentence, b, arm_spans, arms) or (arm if len(values) == 1 else None)
            ci = _ci_after(sentence, b, cis, 25)
            bare = None if ci else _bare_ci_after(sentence, b, value)
            if bare is not None:
                ci = bare[0]
                blocked.append(bare[1])  # the interval's numbers are not values of their own
            p = _p_after(b, ps, 70 if len(values) == 1 else 45)
            blocked.append((a, b))
            if ci:
                for x, y, _ in cis:
                    if x >= b:
                        blocked.append((x, y))
                        break
            hits.append(
                (
                    "outcome",
                    measure,
                    a,
                    b,
                    {
                        "measure": measure,
                        "kind": "hr",
                        "value": value,
                        "unit": "ratio",
                        "ci": ci,
                        "p": p[1] if p else None,
                        "p_relation": p[0] if p else "=",
                        "arm": arm,
                        "comparative": bool(arms),
                    },
                )
            )
    if hits and arms and "%" in sentence:
        hits.extend(_parallel_hazard_ratios(sentence, hits[-1], measures, ps, blocked))
    if hits and len(arms) >= 2 and ";" in sentence:
        hits.extend(_continued_hazard_ratios(sentence, hits[-1], cis, ps, blocked, arm_spans, arms))
    return hits


#: a clause after a hazard ratio that gives another comparison's ratio with "it": "...; for A versus B it was 0.90 (0.68-1.19)"
_HR_CONTINUED = re.compile(
    rf";\s*(?:and\s+|while\s+|whereas\s+)?(?:for|with|comparing)\s+(?P<pair>[^;()%]{{3,80}}?)\s*,?\s*(?:it|this|the\s+(?:ratio|HR|hazard\s+ratio))\s+(?:was|were|is)\s+"
    rf"(?P<num>{NUM})(?=\s*[(\[;,]|\s*$)",
    re.I,
)


_PAIR_JOIN = re.compile(r"\b(?:vs\.?|versus|v\.?|compared\s+(?:with|to)|with|to|against|relative\s+to)(?!\w)", re.I)


def _continued_hazard_ratios(
    sentence: str, labelled: _Found, cis: list, ps: list, blocked: list, arm_spans: list, arms: Sequence[ArmMention]
) -> list[_Found]:
    """Hazard ratios of further pairs of arms in clauses after the labelled one, the ratio referred to by "it": "the hazard ratio
    was 0.52 (...) for A and 0.47 (...) for B; for B versus A it was 0.90 (0.68-1.19)"; each clause must name two arms."""
    out: list[_Found] = []
    for m in _HR_CONTINUED.finditer(sentence, labelled[3]):
        value = parse_number(m.group("num"))
        a, b = m.start("num"), m.end("num")
        if value is None or not 0 < value < 50 or within_any(a, b, blocked):
            continue
        named: list[str] = []
        for x, y, label in sorted(arm_spans):
            if m.start("pair") <= x < m.end("pair") and label not in named:
                named.append(label)
        if len(named) != 2 or not _PAIR_JOIN.search(sentence, m.start("pair"), m.end("pair")):
            continue
        compared = f"{named[0]} vs {named[1]}"  # "for B versus A", "comparing B with A": the first named against the second
        ci = _ci_after(sentence, b, cis, 25)
        bare = None if ci else _bare_ci_after(sentence, b, value)
        if bare is not None:
            ci = bare[0]
            blocked.append(bare[1])
        p = _p_after(b, ps, 45)
        blocked.append((a, b))
        payload = dict(labelled[4], value=value, ci=ci, p=p[1] if p else None, p_relation=p[0] if p else "=", arm=compared)
        out.append(("outcome", labelled[1], a, b, payload))
    return out


#: right after a rate, a bracket holding an estimate and its interval with no label: "70.4% versus 64.1% (0.82, 0.62-1.08; p=0.16)"
_PARALLEL_HR = re.compile(rf"%\s*[(\[]\s*(?P<v>{NUM})\s*,\s*(?P<lo>{NUM})\s*(?:–|-|—|‒|−|\bto\b)\s*(?P<hi>{NUM})\s*(?=[;)\]])")


def _parallel_hazard_ratios(sentence: str, labelled: _Found, measures: list, ps: list, blocked: list) -> list[_Found]:
    """Hazard ratios printed bare after another measure's per-arm rates, in a sentence whose first is labelled: "DFS was
    62% and 53% (hazard ratio 0.77, 95% CI 0.60-0.98); OS was 70% versus 64% (0.82, 0.62-1.08; p=0.16)": the same arms."""
    out: list[_Found] = []
    for m in _PARALLEL_HR.finditer(sentence, labelled[3]):
        value, lo, hi = parse_number(m.group("v")), parse_number(m.group("lo")), parse_number(m.group("hi"))
        if value is None or lo is None or hi is None or not 0 < lo <= value <= hi < 50 or lo == hi or within_any(m.start("v"), m.end("v"), blocked):
            continue
        named = [x["measure"] for x in measures if labelled[3] <= x["end"] <= m.start() and (x["measure"] in _TIME_TO_EVENT or x["measure"] == "LC")]
        if not named or named[-1] == labelled[1]:
            continue
        p = _p_after(m.end("hi"), ps, 20)
        blocked.append((m.start("v"), m.end("hi")))
        payload = dict(labelled[4], measure=named[-1], value=value, ci=(lo, hi), p=p[1] if p else None, p_relation=p[0] if p else "=")
        out.append(("outcome", named[-1], m.start("v"), m.end("v"), payload))
    return out


_HR_NEXT = re.compile(rf"\s*[(\[][^()\[\]]{{0,80}}[)\]]\s*(?:for|with|in)\s+[^;()]{{1,50}}?\s*,?\s*and\s+(?:of\s+)?(?P<num>{NUM})(?=\s*[(\[])")


@lru_cache(maxsize=16)
@lru_cache(maxsize=8)
def _lower_twin(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """:func:`~extractors.hits.lower_twin` of a case-blind pattern written in lower case, made once per pattern (else None)."""
    if not pattern.flags & re.IGNORECASE or pattern.pattern != pattern.pattern.lower() or re.search(r"\(\?[a-z-]", pattern.pattern):
        return None  # not written in lower case, or a scoped flag: left case-blind
    return lower_twin(pattern)


#: a follow-up given per arm: "40 months (arm A) and 42 months (arm B)" (each bracket must name an arm)
_FOLLOW_ARM_PAIR = re.compile(
    rf"\s*[(\[](?P<a1>[^()\[\]]{{1,40}})[)\]]\s*(?:,\s*)?(?:and|vs\.?|versus|v\.?|,)\s*(?P<num>{NUMW})\s*(?P<unit>months?|mos?|years?|yrs?|weeks?|days?)?"
    r"\s*[(\[](?P<a2>[^()\[\]]{1,40})[)\]]",
    re.I,
)
#: a follow-up said to hold for every arm: "was 14 months in both arms", "(range 2-40) in each of the groups"
_FOLLOW_EVERY_ARM = re.compile(
    r"\s*(?:[(\[][^()\[\]]{0,60}[)\]]\s*)?(?:in|for|across)\s+(?:both|each\s+of\s+the|all|the\s+two)\s+(?:(?:two|three|treatment|study|randomi[sz]ed)\s+)?(?:arms|groups|cohorts)\b",
    re.I,
)


#: from a follow-up value to the arm named after it: "(range 2-40) in the patients receiving "
_TO_ARM = r"\s*(?:[(\[][^()\[\]]{0,40}[)\]]\s*)?(?:in|with|for|among)\s+(?:the\s+)?(?:patients\s+|women\s+|those\s+)?(?:(?:receiving|given|treated\s+with)\s+)?"
_FOLLOW_TO_ARM = re.compile(_TO_ARM, re.I)
_FOLLOW_NEXT_ARM = re.compile(
    rf"\s*(?:arms?|groups?|cohorts?)?\s*,?\s*(?:and|vs\.?|versus|compared\s+with)\s+(?P<num>{NUMW})\s*(?P<unit>months?|mos?|years?|yrs?|weeks?|days?)?" + _TO_ARM,
    re.I,
)


def _months_of(number: str, unit: str) -> float | None:
    """A follow-up number and its unit in months, None when either cannot be read."""
    value = parse_number(number)
    return months_from(value, unit) if value is not None else None


def _follow_up_arms(sentence: str, v: re.Match[str], months: float, arm_spans: list, arms: Sequence[ArmMention]) -> list[tuple[int, int, float, str]]:
    """Per-arm follow-ups after a follow-up value ``v``: each arm's own ("40 months (arm A) and 42 months (arm B)",
    "18.6 months in the A group and 17.1 months in the B group") or one value for every arm ("14 months in both
    arms"), as (start, end, months, arm); [] when neither."""
    pair = _FOLLOW_ARM_PAIR.match(sentence, v.end()) if sentence.startswith(("(", "[", " (", " ["), v.end()) else None
    if pair is not None:
        labels = [next((lab for a, b, lab in arm_spans if pair.start(k) <= a and b <= pair.end(k) + 1), None) for k in ("a1", "a2")]
        second = _months_of(pair.group("num"), pair.group("unit") or v.group("unit"))
        if None not in labels and labels[0] != labels[1] and second is not None:
            return [(v.start("num"), v.end("num"), months, labels[0]), (pair.start("num"), pair.end("num"), second, labels[1])]
        return []
    if len(arms) >= 2 and _FOLLOW_EVERY_ARM.match(sentence, v.end()):
        return [(v.start("num"), v.end("num"), months, arm.label) for arm in arms]
    # "18.6 months in the A group and 17.1 months in the B group"
    first = next(((a, b, lab) for a, b, lab in arm_spans if v.end() <= a <= v.end() + 40 and _FOLLOW_TO_ARM.fullmatch(sentence, v.end(), a)), None)
    if first is None:
        return []
    nxt = _FOLLOW_NEXT_ARM.match(sentence, first[1])
    if nxt is None:
        return []
    second = next((lab for a, b, lab in arm_spans if a == nxt.end() and lab != first[2]), None)
    value = _months_of(nxt.group("num"), nxt.group("unit") or v.group("unit"))
    if second is None or value is None:
        return []
    return [(v.start("num"), v.end("num"), months, first[2]), (nxt.start("num"), nxt.end("num"), value, second)]


def _follow_up(sentence: str, lexicon: Lexicon, blocked: list, lower: str, arm_spans: list = (), arms: Sequence[ArmMention] = ()) -> list[_Found]:  # type: ignore[assignment]
    hits = []
    twin = _lower_twin(lexicon.follow_up_re) if sentence.isascii() else None
    for m in twin.finditer(lower) if twin is not None else lexicon.follow_up_re.finditer(sentence):
        v = _FOLLOW_VALUE.match(sentence, m.end())
        if not v:
            continue
        months = _months_of(v.group("num"), v.group("unit"))
        if months is None:
            continue
        a, b = v.start("num"), v.end("num")
        blocked.append((v.start(), v.end()))
        per_arm = _follow_up_arms(sentence, v, months, arm_spans, arms) if arms else []
        if not per_arm or all(x[0] == a for x in per_arm):  # the whole cohort's, and each arm's when said to hold for every arm
            hits.append(_follow_up_hit(a, b, months))
        for x, y, value, label in per_arm:
            blocked.append((x, y))
            hits.append(_follow_up_hit(x, y, value, label))
    if not hits and "median" in lower:
        hits.extend(_follow_up_more(sentence, lower, blocked))
    return hits


#: "after 30.1 months' median follow-up", "after 24 months of median follow-up": the duration before the words
_FOLLOW_VALUE_BEFORE = re.compile(
    rf"(?<![\w.·])(?P<num>{NUMW})\s*(?P<unit>months?|mos?|years?|yrs?|weeks?)['’]?\s+(?:of\s+)?(?:a\s+)?median\s+(?:follow[- ]?up|observation)\b", re.I
)
#: "At a median 6.3 years of follow-up", "after a median of 40 months of observation", "follow-up had a median of 41.7 months",
#: "follow-up lasted a median of 3 years", "follow-up time was a median 28 months": "median" before the duration
_FOLLOW_MEDIAN_FIRST = re.compile(
    rf"\bmedian\s+(?:of\s+)?(?P<num>{NUMW})\s*(?P<unit>months?|mos?|years?|yrs?|weeks?)['’]?\s+(?:of\s+)?(?:follow[- ]?up|observation)\b"
    rf"|\bfollow[- ]?up\s+(?:time\s+|duration\s+|period\s+)?(?:had|was|lasted|reached|spanned|extended\s+to)\s+(?:for\s+)?a\s+median\s+(?:duration\s+|length\s+)?(?:of\s+)?"
    rf"(?P<num2>{NUMW})\s*(?P<unit2>months?|mos?|years?|yrs?|weeks?)\b",
    re.I,
)
#: "the median follow-up of surviving patients was", "median follow-up among those alive was": a population between the
#: words and the value
_FOLLOW_OF_WHOM = re.compile(
    r"\bmedian\s+(?:duration\s+of\s+)?(?:follow[- ]?up|observation)\s+(?:time\s+|period\s+)?(?:of|for|among|in)\s+(?:the\s+|all\s+)?"
    r"(?:(?:surviving|living|censored|alive|remaining)\s+)?(?:patients|survivors|women|men|participants|those|children)"
    r"(?:\s+(?:still\s+)?alive|\s+who\s+(?:were\s+|remained\s+)?(?:still\s+)?alive)?\s*(?:[:,]\s*(?:(?:was|is|were)\s+)?|(?:was|is|were|reached)\s+)(?:approximately\s+|about\s+)?",
    re.I,
)


def _follow_up_more(sentence: str, lower: str, blocked: list) -> list[_Found]:
    """Median follow-up in the phrasings the lexicon's pattern lacks: the duration first, or a population between."""
    for m in _FOLLOW_VALUE_BEFORE.finditer(sentence):
        months = _months_of(m.group("num"), m.group("unit"))
        if months is not None:
            blocked.append((m.start("num"), m.end("unit")))
            return [_follow_up_hit(m.start("num"), m.end("num"), months)]
    for m in _FOLLOW_MEDIAN_FIRST.finditer(sentence) if "follow" in lower or "observ" in lower else ():
        num, unit = ("num", "unit") if m.group("num") else ("num2", "unit2")
        months = _months_of(m.group(num), m.group(unit))
        if months is not None:
            blocked.append((m.start(num), m.end(unit)))
            return [_follow_up_hit(m.start(num), m.end(num), months)]
    for m in _FOLLOW_OF_WHOM.finditer(sentence):
        v = _FOLLOW_VALUE.match(sentence, m.end())
        months = _months_of(v.group("num"), v.group("unit")) if v else None
        if v is not None and months is not None:
            blocked.append((v.start(), v.end()))
            return [_follow_up_hit(v.start("num"), v.end("num"), months)]
    return []


def _follow_up_hit(start: int, end: int, months: float, arm: str | None = None) -> _Found:
    """A median follow-up of ``months`` at ``start``-``end`` (the whole cohort's, or ``arm``'s)."""
    return ("outcome", "FOLLOW_UP", start, end, {"measure": "FOLLOW_UP", "kind": "median", "value": months, "unit": "months", "arm": arm})


_ABBREVIATION_OPEN = re.compile(r"[(\[]\s*[A-Za-z][\w-]{0,9}\s*$")


_OWN_CLAUSE_AFTER = re.compile(
    r"\s*(?:of\s+(?:the\s+)?(?:patients|women|men)\s+)?(?:discontinued|stopped|required|needed|withdrew|died|underwent|were\s+hospitali[sz]ed|had\s+(?:their\s+)?(?:dose|treatment))\b",
    re.I,
)


#: the word joining two arms' values listed before their grade: "81.3% of A-treated and 32.4% of B-treated"
_VALUE_PAIR_JOIN = re.compile(r"\b(?:and|vs\.?|versus|compared\s+with)\b", re.I)
#: a harm's consequence between it and a value: the value is the consequence's share
_CONSEQUENCE = re.compile(r"\b(?:led\s+to|leading\s+to|resulted\s+in|resulting\s+in|caused|causing|prompted|necessitated|required|requiring)\b", re.I)
_CONSEQUENCE_KEYS = ("led to", "leading to", "result", "caus", "prompt", "necessitat", "requir")
#: an aside after a harm's noun naming its commonest events: ", chiefly hypertension, proteinuria and rash,"
_EVENTS_ASIDE = re.compile(r"\s*(?:,|\(|[-–—])\s*(?:chiefly|mainly|mostly|predominantly|principally|primarily|largely|most\s+(?:commonly|often|frequently))\s+[^\d%;()]{3,140}(?:,|\)|[-–—])", re.I)
#: events of any kind right after a toxicity grade: "grade 3-4 events", "grade >= 3 treatment-emergent events" (not "events of
#: neutropenia": a single kind)
_EVENTS_AFTER_GRADE = re.compile(
    r"\s*(?:(?:treatment|drug|therapy|immune|study[\s-]drug)[\s-]+(?:emergent|related|associated|induced|attributable)\s+)?events?\b(?!\s+(?:of|such)\b)", re.I
)
#: a threshold sign right before a percentage ("> or = 10%", "≥10%"): a cut-off, not a rate
_THRESHOLD_BEFORE = re.compile(r"(?:>|≥|<|≤)\s*(?:or\s*=\s*)?=?\s*$")
#: a list of single events after a toxicity grade: their rates are the events', not the overall grade >= 3 rate
#: a value in brackets right after a word: an event's own rate in a list ("neutropenia (29%)"), not a count's ("47 children (30%)")
_EVENT_VALUE_BEFORE = re.compile(r"(?<!\w)(?<!\d\s)(?!(?:patients|women|men|cases|participants|subjects|persons|people)\b)[A-Za-z][\w-]*\s*[(\[]\s*$")
_EVENT_LIST_KEYS = ("includ", "such as", "mainly", "mostly", "predominantly", "consist", "compris", "notably", "particularly", "especially")
_EVENT_LIST = re.compile(r"\b(?:includ(?:ed|ing|es?)|such\s+as|mainly|mostly|predominantly|consist(?:ed|ing)\s+of|compris(?:ing|ed|es?)|notably|particularly|especially)\b", re.I)


def _in_aside(sentence: str, start: int, at: int) -> bool:
    """Whether ``at`` lies inside a bracket opened after ``start`` that holds a word before its value ("(hypertension 9.5%")."""
    opening = sentence.rfind("(", start, at)
    return opening >= 0 and sentence.find(")", opening, at) < 0 and any(c.isalpha() for c in sentence[opening:at])


def _clause_end(sentence: str, start: int) -> int:
    """The first ";" after ``start`` that ends a clause (one right after "(AEs" opens a bracket's values), else -1."""
    end = sentence.find(";", start)
    while end >= 0 and _ABBREVIATION_OPEN.search(sentence, max(start, end - 12), end):
        end = sentence.find(";", end + 1)
    return end


#: right before a grade cue: a single event named as the most common one ("neutropenia was the commonest grade 3-4 event")
#: a superlative right before the grade: the sentence names the commonest single events, not the overall rate
_SUPERLATIVE_BEFORE = re.compile(
    r"\b(?:most\s+(?:common(?:ly\s+\w+)?|frequent(?:ly\s+\w+)?|prevalent|often\s+\w+)|commonest|predominant|leading|principal)\s+(?:acute\s+|treatment-related\s+|severe\s+)?$",
    re.I,
)


def _with_bare_partners(sentence: str, values: list[dict[str, Any]], blocked: list[tuple[int, int]]) -> list[dict[str, Any]]:
    """Percentages with the bare numbers paired before them that share their sign ("26.6 and 21.8 per cent", "30 vs 18%")."""
    extra = []
    for v in values:
        m = _BARE_BEFORE_PERCENT.search(sentence, max(0, v["start"] - 24), v["start"])
        if m is None or within_any(m.start(1), m.end(1), blocked) or _RANGE_OPENER.search(sentence, max(0, m.start() - 30), m.start()):
            continue
        number = parse_number(m.group(1))
        if number is None or not 0 <= number <= 100 or any(x["start"] <= m.start(1) < x["end"] for x in values):
            continue
        extra.append({"value": round(number / 100, 10), "start": m.start(1), "end": m.end(1), "count": None, "denominator": None, "ci": None})
    return sorted(values + extra, key=lambda x: x["start"]) if extra else values


_SINGLE_EVENT_SUBJECT = re.compile(
    r"\b(?:was|were|is|are|being|as|remained)\s+(?:the\s+|by\s+far\s+the\s+)?(?:most\s+(?:common|frequent|frequently\s+(?:reported|observed|seen)|prevalent)|"
    r"commonest|predominant|leading|main|principal|chief|dominant)\s*$",
    re.I,
)


_GRADE_WORDS = re.compile(r"(?:(?<=\bgrade\s)|(?<=\bgrades\s))(?:three|four)\b", re.I)
_GRADE_DIGITS = {"three": "3", "four": "4"}


def _grade_digit(m: re.Match[str]) -> str:
    return _GRADE_DIGITS[m.group().lower()].ljust(len(m.group()))


#: a grade of 3 or more in any of its forms ("3+", ">= 3", "3 or higher", "3-4", "3/4"), not grade 3 alone
_AT_LEAST_THREE = re.compile(r"\+|≥|>|or\s+(?:higher|greater|above|more|worse)|(?:3|III)\s*(?:and|/|-|–|to|or)\s*(?:4|IV)", re.I)
#: after the toxicity noun, its count with no percentage: "occurred in six patients", "were recorded in 9 participants"
_TOX_COUNT_AFTER = re.compile(
    rf"[^;.%()\d]{{0,40}}?\bin\s+(?:only\s+|just\s+)?(?P<c>{NUMW})\s*(?:(?:/|of|out\s+of)\s*(?P<d>{NUM})\s*)?(?:of\s+the\s+)?(?:patients?|participants?|women|men|children|subjects|cases)\b(?!\s*[(\[]\s*[\d.·]+\s*%)",
    re.I,
)


#: grade 3 alone, and a sentence saying no grade 4 (or 5) event occurred: "grade 3 toxicity in 4 of 30 patients and no
#: grade 4 events", "No grade 4 or 5 events were reported; grade 3 events occurred in 6 patients"
_GRADE_THREE = re.compile(r"(?:\b3|\bIII)\b")
_NO_HIGHER_GRADE = re.compile(r"\bno\s+(?:other\s+)?grades?\s*(?:4|IV)\b", re.I)


def _tox_count(sentence: str, g: re.Match[str], noun: re.Match[str]) -> _Found | None:
    """A single-arm study's grade >= 3 toxicity stated only as a number of patients, left for the pipeline to divide
    (grade 3 alone where the sentence says no grade 4 events occurred: then it is every grade >= 3 event)."""
    if not _AT_LEAST_THREE.search(g.group()) and not (_GRADE_THREE.search(g.group()) and _NO_HIGHER_GRADE.search(sentence)):
        return None
    m = _TOX_COUNT_AFTER.match(sentence, g.end() + noun.end())
    count = parse_number(m.group("c")) if m else None
    if m is None or count is None or count != int(count) or _CONSEQUENCE.search(sentence, g.end() + noun.end(), m.start("c")):
        return None  # "grade 3 events led to discontinuation in 4 patients": a count of the consequence
    payload = _count_payload("TOX_G3PLUS", int(count))
    denominator = parse_number(m.group("d")) if m.group("d") else None
    if denominator:  # "in 6 of 40 patients": the value is the count over the base printed
        if not count <= denominator or denominator != int(denominator):
            return None
        del payload["needs_denominator"]
        payload.update(value=round(count / denominator, 4), denominator=int(denominator))
    return ("outcome", "TOX_G3PLUS", m.start("c"), m.end(), payload)


def _toxicity(
    sentence: str, lexicon: Lexicon, cis: list, blocked: list, arm_spans: list, arms: Sequence[ArmMention], lower: str,
    percents: list[list[dict[str, Any]]],
) -> tuple[list[_Found], list[tuple[int, int]]]:
    hits: list[_Found] = []
    used: list[tuple[int, int]] = []
    # "grade three or higher", "grade four": a grade in words read as its digit (same offsets)
    grades = _GRADE_WORDS.sub(_grade_digit, sentence) if "grade t" in lower or "grade f" in lower or "grades t" in lower else sentence
    for g in lexicon.tox_grade_re.finditer(grades):
        after = sentence[g.end() : g.end() + 60]
        before = sentence[max(0, g.start() - 45) : g.start()]
        noun_after = lexicon.tox_noun_re.search(after)
        ok = False
        if noun_after and not lexicon.tox_specific_re.search(after[: noun_after.start()]) and not _STOP_OR_DIGIT.search(after, 0, noun_after.start()):
            # "neutropenia was the commonest grade 3-4 event (70% vs 1%)": one event's rates, not the overall rate
            ok = not (_SINGLE_EVENT_SUBJECT.search(before) and lexicon.tox_specific_re.search(before))
        elif "event" in after and _EVENTS_AFTER_GRADE.match(after):
            ok = True  # "grade 3 or 4 events affected 29 patients", "grade >= 3 treatment-emergent events occurred in"
            noun_after = _EVENTS_AFTER_GRADE.match(after)  # the noun a count may follow: "grade 3 events occurred in 6 patients"
        else:
            nouns_before = list(lexicon.tox_noun_re.finditer(before))
            if nouns_before and _TOX_NOUN_GAP.fullmatch(before, nouns_before[-1].end()):
                ok = not lexicon.tox_specific_re.search(after[:15])
        if ok and _SUPERLATIVE_BEFORE.search(before):
            ok = False  # "the most common grade 3 or 4 adverse event was neutropenia (58% v 1%)": one event's rates
        if not ok:
            continue
        values = _percents_left(sentence, cis, blocked, lower, percents)
        if " and " in sentence or " v" in sentence:
            values = _with_bare_partners(sentence, values, blocked)  # "in 26.6 and 21.8 per cent of patients"
        clause_start = max(sentence.rfind(";", 0, g.start()), 0)
        clause_end = _clause_end(sentence, g.end())
        clause_end = len(sentence) if clause_end < 0 else clause_end
        # "grade 3 adverse events, chiefly hypertension and proteinuria, occurred in 15 patients (39.5%)": the aside naming
        # the commonest events does not count towards the reach
        aside = _EVENTS_ASIDE.match(sentence, g.end() + noun_after.end()) if noun_after is not None and "," in sentence else None
        reach = (220 if arms else 120) + (len(aside.group()) if aside else 0)
        if aside and clause_end < aside.end():
            clause_end = _clause_end(sentence, aside.end())
            clause_end = len(sentence) if clause_end < 0 else clause_end
        near = [v for v in values if clause_start <= v["start"] < clause_end and (g.end() <= v["start"] <= g.end() + reach or g.start() - 60 <= v["end"] <= g.start())]
        if near and holds_any(lower, _CONSEQUENCE_KEYS):
            # "grade >= 3 events led to hospital admission in 11.2%", "... resulted in discontinuation in 9%": the share of
            # the consequence, not of the events
            near = [v for v in near if v["start"] < g.end() or not _CONSEQUENCE.search(sentence, g.end(), v["start"])]
        if near and (">" in sentence or "≥" in sentence or "<" in sentence or "≤" in sentence or holds_any(lower, _EVENT_LIST_KEYS)):
            # "grade 3-4 events with >= 15% incidence included leukopenia (26%)": a threshold and the single events' rates
            near = [v for v in near if not _THRESHOLD_BEFORE.search(sentence, max(0, v["start"] - 10), v["start"])
                    and not (v["start"] > g.end() and _EVENT_VALUE_BEFORE.search(sentence, max(0, v["start"] - 30), v["start"])
                             and _EVENT_LIST.search(sentence, g.end(), v["start"]))]
        if not near:
            counted = _tox_count(sentence, g, noun_after) if not arms and noun_after is not None and ok else None
            if counted is not None:  # "Grade 3+ toxicity occurred in six patients": a count over the cohort the pipeline knows
                hits.append(counted)
                break
            continue
        after_values = [v for v in near if v["start"] >= g.end()]
        if len(after_values) > 1:  # "... in 59 patients (14.1%), and 9.6% discontinued therapy": a statement of its own
            after_values = after_values[:1] + [v for v in after_values[1:] if not _OWN_CLAUSE_AFTER.match(sentence, v["end"])]
        if len(after_values) > 2 and "(" in sentence:
            # "in 41.9% of the A group (hypertension 9.5%, neutropenia 18.9%) and 28.4% in the B group": the single events
            # in a bracket opened after the first value are an aside, when values outside it remain
            outside = [v for v in after_values if not _in_aside(sentence, after_values[0]["end"], v["start"])]
            if len(outside) >= 2:
                after_values = outside
        chosen = after_values if after_values else near[-1:]
        if not after_values and near and len(arms) >= 2:
            # "81.3% of A-treated and 32.4% of B-treated patients had a grade 3 or 4 event": a list of the arms' values
            # before the grade, joined by a pair word, with no other number between them
            earlier = [v for v in values if clause_start <= v["end"] <= chosen[0]["start"]]
            while earlier and len(chosen) < len(arms):
                prev = earlier.pop()
                gap = sentence[prev["end"] : chosen[0]["start"]]
                if len(gap) > 70 or _DIGIT.search(gap) or ";" in gap or not _VALUE_PAIR_JOIN.search(gap):
                    break
                if not _ARM_LIST_GAP.match(gap) and not any(prev["end"] <= a[0] and a[1] <= chosen[0]["start"] for a in arm_spans):
                    break  # the gap must name the first value's arm
                chosen.insert(0, prev)
        if len(chosen) > 1:
            chosen = chosen[: max(1, len({lab for _, _, lab in arm_spans}), len(arms))]
        labels = arms_for(sentence, chosen, arm_spans, arms) if len(chosen) > 1 or arm_spans else [None] * len(chosen)
        if len(chosen) == 1 and len(arms) == 2 and "both" in lower:
            both = _both_arms(sentence, chosen[0], arm_spans, arms)
            if both:  # "in 21% of patients in both the A and the B arm"
                chosen, labels = chosen * 2, both
        for v, arm in zip(chosen, labels):
            used.append((v["start"], v["end"]))
            hits.append(
                (
                    "outcome",
                    "TOX_G3PLUS",
                    v["start"],
                    v["end"],
                    {
                        "measure": "TOX_G3PLUS",
                        "kind": "rate",
                        "value": v["value"],
                        "unit": "proportion",
                        "count": v["count"],
                        "denominator": v["denominator"],
                        "ci": v["ci"],
                        "arm": arm,
                    },
                )
            )
        break
    return hits, used
