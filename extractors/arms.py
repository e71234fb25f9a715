"""Treatment arms: their names and sizes ("A (n = 120) or B (n = 118)", "120 were assigned to A"), and the study's arms chosen among them.

Plain-text finders returning :class:`~extractors.hits.Hit` objects; the spaCy
component in :mod:`extractors.components` writes them to ``doc.spans``.
"""

from __future__ import annotations

import bisect
import collections
import re
from functools import lru_cache
from typing import Callable, Iterator, Sequence

from extractors.cues import holds_any
from extractors.hits import NUM, NUMW, Hit, guarded
from extractors.numbers import parse_number

__all__ = ["analysed_sizes", "denominator_sizes", "find_arms", "fuller_sizes", "find_title_arms", "name_coded_arms", "select_arms"]

# Where a number can start (digits, ".5", number words): the number-led patterns are tried only there
# (re.match at a few offsets instead of a scan that tries every character; same matches as finditer)
_NUM_WORD_KEYS = ("zero", "one", "two", "three", "thirteen", "four", "five", "fifteen", "six", "seven", "eight", "nine", "ten",
                  "eleven", "twelve", "twenty", "thirty", "forty", "fifty", "hundred", "thousand")
_DIGIT_START = re.compile(r"(?<![\w.·])[.·]?\d")
#: the offsets of _DIGIT_START's matches, found faster: the pattern opens with its first character's class (the scan
#: skips to it), then looks back past it at the character before and checks a point is followed by a digit
_DIGIT_START_FAST = re.compile(r"[\d.·](?<![\w.·][\d.·])(?:(?<=\d)|(?=\d))")
_NUM_WORD_START = re.compile(r"\b(?=[zotfsenhaZOTFSENHA])(?:a\s+hundred|" + "|".join(_NUM_WORD_KEYS) + ")", re.IGNORECASE)  # first letters first
_NUM_WORD_START_LOWER = re.compile(_NUM_WORD_START.pattern)


@lru_cache(maxsize=256)
def _number_starts(sentence: str) -> tuple[int, ...]:
    """Offsets where a number may start (a superset: every number-led match starts at one of them);
    cached, as several finders of one sentence ask."""
    starts = [m.start() for m in _DIGIT_START_FAST.finditer(sentence)]  # _DIGIT_START's starts
    lower = sentence.lower()
    if holds_any(lower, _NUM_WORD_KEYS):
        words = _NUM_WORD_START_LOWER.finditer(lower) if sentence.isascii() else _NUM_WORD_START.finditer(sentence)
        starts = sorted(starts + [m.start() for m in words])
    return tuple(starts)


_ANY_DIGIT = re.compile(r"\d")


#: a number's run of digits, points and commas: every end a number in digits can have (but one after a spaced
#: thousands separator, "1 200", whose run ends at the space) lies in it or at its end
_DIGIT_RUN = re.compile(r"[\d.,·]*")


@lru_cache(maxsize=256)
def _spaced_number_starts(sentence: str) -> tuple[int, ...]:
    """``_number_starts(sentence)`` less the numbers in digits whose run of digits, points and commas is followed by
    neither white space nor a bracket ("45%", "0.61;", "= 12)", the sentence's end): a pattern whose number must be
    followed by white space, or by a bracketed percentage after optional white space, cannot start there. Used for
    _ARM_TO, _ARM_ASSIGNED, _PAIR_OF_PEOPLE and _EVALUABLE_IN (each opens with ``NUM\\s+`` or ``NUM(?:\\s*(pct))?\\s+``);
    a pattern whose number may be followed by anything else (",", "+", "/") must use ``_number_starts``."""
    out = []
    size = len(sentence)
    for at in _number_starts(sentence):
        if not sentence[at].isalpha():  # a number in digits (a number word starts with a letter)
            end = _DIGIT_RUN.match(sentence, at).end()  # type: ignore[union-attr]
            if end >= size or not (sentence[end].isspace() or sentence[end] in "(["):
                continue
        out.append(at)
    return tuple(out)


def _maybe_number(sentence: str, lower: str) -> bool:
    """Whether a number may stand in the sentence (a digit or a number word's letters): a cheap superset of
    ``_number_starts(sentence)`` being non-empty, which is dearer to work out."""
    return _ANY_DIGIT.search(sentence) is not None or holds_any(lower, _NUM_WORD_KEYS)


def _matches_at(pattern: re.Pattern[str], sentence: str, starts: Sequence[int]) -> Iterator[re.Match[str]]:
    """``pattern.finditer(sentence)`` for a pattern whose matches can only begin at ``starts``."""
    end = 0
    for at in starts:
        if at < end:
            continue
        m = pattern.match(sentence, at)
        if m is not None:
            end = m.end()
            yield m


#: "... in the A arm", "... but not in the B group": the name between "the" and the group word ends an _ARM_N label
_THE_GROUP_TAIL = re.compile(r"\bthe\s+((?:[\w+/\-·]+\s+){0,3}?[\w+/\-·]+)\s+(?:arm|group|cohort)s?\s*,?\s*$", re.IGNORECASE)
_ARM_N = re.compile(
    rf"(?<![\w+/-])(?P<label>[A-Za-z0-9][\w+/\-·., ]{{1,80}}?)\s*(?:[(\[][^()\[\]]{{0,30}}?\b(?:mg|g|Gy|mcg|µg|IU|units?|mg/m2|mg/kg)\b[^()\[\]]{{0,20}}?[;,]\s*|[(\[]\s*|,\s*|:\s*)?(?:[nN]\s*=\s*(?P<num>{NUM})\s*(?:patients)?|(?<=[(\[])\s*(?P<num3>{NUM})\s+(?:patients|women|participants|pts))\s*(?:[)\],;]|\.?\s*$)"
    rf"|[(\[]\s*(?P<label2>[A-Za-z][\w+/\-]{{0,20}}(?:\s(?:[A-Z0-9][\w+/\-]{{0,10}}|group|arm|cohort))?|\d[\w+/\-·.]{{0,12}}\s(?:group|arm|cohort))\s*(?:[;,:]\s*(?:[nN]\s*=\s*)?|(?<=[A-Z][A-Z])\s*=\s*(?=\d))(?P<num2>{NUM})\s*(?:patients|women|pts)?\s*[)\]]"
)
#: tried at _spaced_number_starts (each branch's number is followed by white space)
_ARM_ASSIGNED = re.compile(
    rf"(?P<num>{NUMW})\s+(?:patients\s+|women\s+|participants\s+|subjects\s+)?(?:were\s+)?(?:randomly\s+)?(?:assigned|allocated|randomi[sz]ed)\s+to\s+(?:receive\s+)?(?:the\s+)?(?P<label>[\w+/\-· ]{{2,60}}?)(?=\s*(?:[,;.(]|\band\b|\bor\b|\bversus\b|\bvs\b|$))"
    rf"|(?<![\w.])(?P<num2>{NUM})\s+(?:patients\s+|women\s+)?(?:to|in|into|received|receiving)\s+(?:the\s+)?(?P<label2>[\w+/\-· ]{{2,50}}?)\s+(?:arm|group|cohort)\b",
    re.IGNORECASE,
)
_RANDOMISED_TO = re.compile(
    r"(?:randomi[sz]ed|randomly\s+(?:assigned|allocated)|allocated|assigned)\s+(?:\d[\d,]*\s+(?:patients|women|men|participants|subjects|children|adults)(?:\s*,\s*\d[\d,]*\s+(?:to|in)\s+each\s+(?:group|arm)\s*,)?\s+)?(?:at\s+random\s+|by\s+randomi[sz]ation\s+)?(?:\([^)]*\)\s*)?(?:in\s+a\s+\d\s*:\s*\d\s+(?:ratio\s+)?(?:fashion\s+)?|\d(?:\s*:\s*\d)+\s+)?(?:\([^)]*\)\s*)?(?:between\s+|into\s+(?:either\s+)?(?:the\s+)?|to\s+(?:receive\s+|be\s+treated\s+with\s+|undergo\s+)?(?:either\s+)?)"
    r"(?P<a>[^;:.]{2,90}?)\s+(?:or|versus|vs\.?|and|compared\s+with)\s+(?:to\s+)?(?:receive\s+)?(?P<b>[^;:.]{2,70}?)(?=\s*(?:[;.(]|,\s|\bfor\b|\bin\s+(?:a|patients|women|combination|the\s+adjuvant)|\bevery\b|\buntil\b|\bdaily\b|\bafter\b|\bbefore\b|\bon\s+day|\b(?:comprising|consisting|involving|which|that)\b|$))",
    re.IGNORECASE,
)
_RANDOMISED_TO = guarded(_RANDOMISED_TO, "[raRA]")  # the same matches, tried only where a verb of allocation can start
#: substrings one of which every _RANDOMISED_TO match holds (case-blind; its verbs of allocation): tested first by _may_allocate
_RANDOMISED_TO_KEYS = ("random", "assigned", "allocated")


def _may_allocate(sentence: str, lower: str) -> bool:
    """Whether ``_RANDOMISED_TO`` may match in the sentence (or in it with its brackets blanked): false when an ASCII
    sentence holds none of :data:`_RANDOMISED_TO_KEYS`; a non-ASCII one is always tried (case-blind matching reaches
    letters its lower case does not hold)."""
    return not sentence.isascii() or holds_any(lower, _RANDOMISED_TO_KEYS)
_LEAD = re.compile(
    r"^(?:.*\b(?:to|receive|received|receiving|either|or|and|versus|vs\.?|with|between|into|than|:)\s+)?(?:the\s+|a\s+|an\s+|either\s+)*",
    re.IGNORECASE,
)
#: the lead of one item of a list already split at its commas and "and"s: an "or" inside it is part of the
#: name ("410 radiotherapy or surgery, 402 no radiotherapy or surgery")
_ITEM_LEAD = re.compile(r"^(?:.*\b(?:to|receive|received|receiving|versus|vs\.?|with|between|into|:)\s+)?(?:the\s+|(?-i:a|an)\s+)*", re.IGNORECASE)
_TRAIL = re.compile(r"\s+(?:arm|group|cohort|regimen|therapy\s+group)s?$|\s*[,;:]$", re.IGNORECASE)
_BAD_LABEL = re.compile(r"^(?:patients?|women|total|all|each|per|both|the|a|an|and|or|of|in|this|these|that|those|our|were|was|\d+(?:[.,]\d+)?%?|median|mean|age|aged|ratio|overall|[A-Z]?|cases?|hospitals?|centres?|centers?|sites?|years?|months?|weeks?|days?|receive|received|receiving|vs\.?|versus)$|^(?:completed|underwent|withdrew|refused|declined)\b|^(?:in|of|for|on|at|from)\s+(?:this|these|the|our|that|those)$|\b(?:were|was|had|patients|randomi[sz]ed|randomi[sz]ation|enrolled|ratio|age|aged|respectively|because|due|stopped|withdrew|discontinued|died|remained|developed|experienced|achieved|showed|analys[ie]s|baseline|questionnaires?)\b", re.IGNORECASE)
_TITLE_VERSUS = re.compile(
    r"^(?:[^:]{0,80}:\s+)?(?P<a>[^:;,()]{2,70}?)\s+(?:versus|vs\.?|compared\s+with|or)\s+(?P<b>[^:;,()]{2,60}?)(?=\s+(?:for|in|as|after|before|among|on|to|during|following|plus\s+\w+\s+for)\b|\s*[:;,(]|\s*$)",
    re.IGNORECASE,
)
_LEADING_SETTING = re.compile(r"^(?:(?:adjuvant|neoadjuvant|preoperative|postoperative|perioperative|first-line|second-line|maintenance|concurrent|upfront|definitive|salvage|primary)\s+)+", re.IGNORECASE)


_NOT_ARM_LABEL = re.compile(
    r"\b(?:males?|females?|men|women|boys|girls|january|february|march|april|may|june|july|august|september|october|november|december|"
    r"\w*carcinomas?|cancers?|\w*sarcomas?|tumou?rs?|\w*lymphomas?|leuk(?:a)?emias?|melanomas?|adenocarcinomas?|stage|grade|aged?|"
    r"responders?|non-responders?|positive|negative|mutated|wild-type|metastases|metastatic|(?:pre|post|peri)-?menopausal)\b",
    re.IGNORECASE,
)
_CONTEXT_WORD = re.compile(
    r"tumou?rs?|cancers?|patients?|women|men|disease|positive|negative|unknown|receptor|metastatic|advanced|breast|carcinomas?|stage|"
    r"eligible|untreated|pretreated|previously|either|oral|intravenous|iv|weekly|daily|receive|received|given",
    re.IGNORECASE,
)
#: "whole breast irradiation", "partial breast radiotherapy": the organ names the treated volume, not the patients
_IRRADIATED_PART = re.compile(r"breast", re.IGNORECASE)
_RADIATION_WORD = re.compile(r"(?:irradiation|radiotherapy|radiation)\b", re.IGNORECASE)
_DOSE_TAIL = re.compile(r"\s+(?:at\s+|of\s+)?\d[\d.,·]*\s*(?:mg|g|µg|mcg|Gy|IU|units?|mg/m2|mg/kg|AUC)\b.*$|\s+(?:every|daily|twice|once|weekly|on\s+days?|for\s+\d).*$", re.IGNORECASE)
_ENDS_AT_LEAD = re.compile(r"(?:^|\b(?:to|receive|receiving|received|either|or|and|versus|vs\.?|with|between))$", re.IGNORECASE)
_SCHEDULE_FIRST = re.compile(r"\b(?:to|receive|receiving|received|either|or|and|versus|vs\.?|with|between)\s+((?:weekly|daily|twice|once)\s+[A-Za-z])", re.IGNORECASE)
_DOSE_ONLY_TAIL = re.compile(r"\s+(?:at\s+|of\s+)?\d[\d.,·]*\s*(?:mg|g|µg|mcg|Gy|IU|units?|mg/m2|mg/kg|AUC)\b.*$", re.IGNORECASE)
_SMALL_NUMBER_WORDS = "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"  # counts of courses, arms, groups
_CYCLES_OF = re.compile(  # "6 cycles of A", "four plus four cycles of A", "six weekly courses of A" -> "A": the regimen names the arm
    rf"^(?:\d+|{_SMALL_NUMBER_WORDS})(?:\s+(?:weekly|preoperative|postoperative|induction|adjuvant|neoadjuvant|further|additional))?"
    rf"(?:\s*(?:plus|\+|or|to|-|–)\s*(?:\d+|{_SMALL_NUMBER_WORDS})(?:\s+(?:weekly|preoperative|postoperative|induction|adjuvant|neoadjuvant))?)?"
    r"\s+(?:cycles|courses|doses|injections|infusions)\s+of\s+",
    re.IGNORECASE,
)
_DOSE_HEAD = re.compile(r"^(?:a|an|the)?\s*\d[\d.,·]*\s*(?:mg|g|µg|mcg|Gy|IU|units?|mg/m2|mg/kg)(?:/(?:m2|kg|day|d|week|wk))*\s+", re.IGNORECASE)
_DOSE_LABEL = re.compile(r"\b(?:mg|mg/m2|mg/kg|g/m2|days?|level)\b|^(?:twice|daily)\b(?!-)|\b(?:in|at|of|with|to|for|on)$|^(?:in|at|of|with|on)\b(?!-)", re.IGNORECASE)  # "On-demand care" is a name


_UNIT_FIRST = re.compile(r"\s*(?:months?|years?|weeks?|days?|hours?|h|min(?:utes)?|d/wk|times|cycles|doses|sessions)\b", re.IGNORECASE)


#: an arm named by a letter or a number: "group S", "arm B", "Group 1", "group II"
_LETTER_NAME = re.compile(r"(?:(?:[Aa]rm|[Gg]roup)s?\s+)?[A-Z]\d?(?:\s+(?:arm|group))?|(?:[Aa]rm|[Gg]roup|[Cc]ohort)\s+(?:\d{1,2}|I{1,3}|IV|V)")


_NUM_COMMA = re.compile(r"\d+\s*,")
_OR_AND_SPLIT = re.compile(r",\s+(?:or\s+|and\s+)?")
_LEADING_DIGIT = re.compile(r"\s*\d")
_NAME_TAIL_SPLIT = re.compile(r"\s+(?:\d|every\b|for\b|at\b|daily\b|on\s+days?\b|once\b|twice\b|given\b|administered\b|\()")


@lru_cache(maxsize=256)  # a pure function asked again for the same words within an abstract ("placebo", "the A group")
def _clean_label(raw: str, allow_letter: bool = False, lead: re.Pattern[str] = _LEAD) -> str | None:
    if allow_letter and _LETTER_NAME.fullmatch(raw.strip()):
        return raw.strip()  # "group S (n = 26)", "arm B (n = 40)": a letter names the arm
    if _UNIT_FIRST.match(raw):
        return None  # "64 months after ...", "2 d/wk at home": a number's unit, not an arm
    stripped = raw.strip()
    label = _DOSE_TAIL.sub("", _DOSE_HEAD.sub("", _CYCLES_OF.sub("", stripped, count=1) if " of " in stripped else stripped))  # "docetaxel 100 mg/m2 every 3 weeks" -> "docetaxel"
    scheduled = _SCHEDULE_FIRST.search(raw) if _ENDS_AT_LEAD.search(label) else None
    if scheduled is not None:  # "to receive weekly docetaxel 35 mg/m2": the schedule opens the name, "weekly docetaxel"
        label = _DOSE_ONLY_TAIL.sub("", raw[scheduled.start(1) :].strip())
    words = label.split()
    if len(words) >= 3 and scheduled is None:  # "unknown tumors letrozole" -> "letrozole": keep what follows the last context word
        last = max((i for i, w in enumerate(words) if _CONTEXT_WORD.fullmatch(w.strip(",;:"))
                    and not (i + 1 < len(words) and _IRRADIATED_PART.fullmatch(w) and _RADIATION_WORD.match(words[i + 1]))), default=-1)
        if 0 <= last < len(words) - 1:
            label = " ".join(words[last + 1 :])
    if _DOSE_LABEL.search(label.strip(" ,;:")):
        return None
    label = lead.sub("", label, count=1).strip()
    label = _TRAIL.sub("", label).strip(" ,;:-")
    if "  " in label:
        label = " ".join(label.split())  # "Sealix  fibrin glue": a sign read as a space
    if not label or len(label) > 60 or len(label.split()) > 7 or _BAD_LABEL.search(label) or _NUM_COMMA.match(label) or _NOT_ARM_LABEL.search(label):
        return None
    return label


_ARM_KEYS = ("random", "assign", "allocat", "arm", "group", "versus", "vs", "cohort", "compared", "received", "treated", "n =", "n=", "enrol", "includ", "analys", "matching", "each", "control", "placebo", "intervention", "compris", "recruit")
#: verbs of taking a treatment that open a sentence sizing arms with no arm word ("40 women started A and 40 B")
_TAKING_KEYS = ("using", "taking", "started", "began", "initiated", " took ", " given ", "receiving")
_ARM_CUE = re.compile(r"randomi|assign|allocat|\barms?\b|\bgroups?\b|versus|\bvs\b|cohort|compared|received|treated|enrol|includ|analys|matching|\beach\b|\bn\s*=|control|placebo|intervention|compris|recruit|using|taking|started|began|initiated|\btook\b|\bgiven\b|receiving", re.I)
#: where an arm name ends; the one-character look-ahead first spares the alternation at every letter of the name
_LABEL_END = (r"(?=[\s,;).]|$|\b[aovc])(?=\s*(?:,|;|\)|\.(?:\s|$)|\band\b|\bor\b|\bvs\b|\bversus\b|\bcompared\b|$|\s+(?:group|arm|cohort)s?\b|\s+[(\[])"
              r"|\s+(?:completed|had|were|was|showed|achieved|developed|experienced|reported|died|relapsed|needed|required|underwent|returned|provided|participated|started|began|did|could|would)\b"
              r"|\s+\d[\d.·]*\s*%)")  # a verb or a percentage ends the name
#: a percentage in brackets after a count: "77 (51.3%) were randomised to ..."
#: the people left after one arm's count, given the other arm: "with the rest receiving a placebo", "the remaining women received standard care"
_REST_ARM = re.compile(
    rf"\bthe\s+(?:rest|remaining|others?)(?:\s+(?:patients|women|participants|subjects))?\s+(?:were\s+)?(?:receiving|received|given|treated\s+with|getting|got|assigned\s+to|allocated\s+to)\s+(?:the\s+)?"
    rf"(?P<label>[A-Za-z][\w+/\-· ]{{0,50}}?){_LABEL_END}",
    re.IGNORECASE,
)
_REST_ARM = guarded(_REST_ARM, "[tT]")  # the same matches, tried only where "the" can start
_PCT_PAREN = r"[(\[]\s*\d[\d.·]*\s*%\s*[)\]]"
#: what makes the count after it people with an event, not an arm: "reported by", "occurred in", "was seen among"
_EVENT_BEFORE = re.compile(r"\b(?:reported|experienced|seen|observed|occurred|noted|found|recorded|documented|developed|needed|required|died)\s+(?:by|in|among)\s+(?:only\s+|just\s+)?$"
                           r"|\b(?:discontinuation|withdrawal|interruption|cessation)s?\s+(?:of\s+[\w-]+\s+)?(?:by|in|among)\s+(?:only\s+|just\s+)?$", re.IGNORECASE)
#: what follows an arm's name when the count before it is of people with an event: the share of the arm in brackets,
#: or a verb of an event after the list ("10 in the A group [15%]", "1 in the A arm and 13 in the B arm developed X")
_EVENT_AFTER = re.compile(
    r"(?:\s+(?:arm|group|cohort)s?)?(?:\s*[(\[]\s*\d[\d.·]*\s*%\s*[)\]]"
    r"|(?:\s*,?\s+(?:and|or)\s+\d[\d,]*\s+(?:in|on|with)\s+(?:the\s+)?[\w+/\-· ]{1,40}?(?:\s+(?:arm|group|cohort)s?)?)?"
    r"\s+(?:developed|experienced|died|relapsed|progressed|responded|achieved|suffered|required|needed|reported|showed)\b)",
    re.IGNORECASE,
)
_OF_THE_BEFORE = re.compile(r"(?:\bof|\bout\s+of|/)\s*(?:the\s+|all\s+)?$", re.IGNORECASE)  # a denominator's lead: "17 of the 221 women in the B arm"
#: an event's count split by arm after a colon: "18 developed X (16%): 14 in ...", "Nine died: 6 in ..."
_EVENTS_LISTED = re.compile(r"\b(?:developed|experienced|died|progressed|relapsed|recurred|suffered|responded|had\s+(?:an?|the)\s+\w+)\b[^:;]{0,60}:\s*$", re.IGNORECASE)
_EVENTS_BEFORE = re.compile(_EVENTS_LISTED.pattern.replace(r":\s*$", ":"), re.IGNORECASE)  # the same, anywhere before a later item
#: a choice after an arm name: the count before it was shared between the arms ("120 were assigned to A or B")
_CHOICE_AFTER = re.compile(r"\s+(?:or|versus|vs\.?)\s(?!\s*\d[\d,]*\s+(?:to|patients|women|participants|were)\b)", re.IGNORECASE)  # not "A versus 112 to B"
#: tried at _spaced_number_starts (its number is followed by white space or a bracketed percentage)
_ARM_TO = re.compile(
    rf"(?<![\w.·/])(?P<num>{NUMW})(?:\s*{_PCT_PAREN})?\s+(?:(?-i:[A-Z]{{2,5}})\s+(?=patients|women))?(?:(?:patients?|women|participants|men|subjects|survivors|children|adults)\s+(?:{_PCT_PAREN}\s+)?)?(?:who\s+)?(?:were\s+)?(?:(?P<neg>not)\s+)?"
    rf"(?:(?:randomly\s+)?(?:assigned|allocated|randomi[sz]ed)\s+(?=to\b|in\b|into\b|[a-z])|(?:enrol+ed|included|entered)\s+(?=in\b|into\b)|(?:randomly\s+selected|selected\s+(?:at\s+)?random(?:ly)?)\s+(?=to\b))?"
    rf"(?:to|received|receiving|in|into|on|(?:were\s+)?treated\s+with|underwent|had|(?:started|began|commenced|initiated)(?:\s+(?:with|on))?|using|taking|took|(?:were\s+)?given|opted\s+for|chose|formed|made\s+up|constituted|(?:served|acted)\s+as|(?<=assigned\s)|(?<=allocated\s))\b\s*(?:(?:receive|undergo)\s+)?(?:the\s+)?(?P<label>[A-Za-z0-9](?:[\w+/\-· ]|\.(?=\d)){{0,50}}?){_LABEL_END}",
    re.IGNORECASE,
)
_ARM_LIST_ITEM = re.compile(
    rf"(?:,|\band\b|\b(?:versus|vs\.?)(?=\s+\d[\d,]*\s+(?:to|patients\s+to|women\s+to)\s)|;(?=\s*{NUMW}(?:\s*{_PCT_PAREN})?\s+(?:patients\s+|women\s+)?(?:received|underwent|were\s+(?:treated|given))\b))\s*(?:and\s+|while\s+|whereas\s+)?(?:the\s+(?:other|remaining)\s+)?(?P<num>{NUMW})(?:\s*{_PCT_PAREN})?\s+(?:patients?\s+|women\s+)?(?:who\s+)?(?:to\s+|in\s+|on\s+|received\s+|receiving\s+|underwent\s+|using\s+|taking\s+|with\s+|(?:were\s+)?treated\s+with\s+|(?:started|began|initiated)\s+(?:with\s+|on\s+)?|took\s+|(?:were\s+)?given\s+)?(?:the\s+)?(?P<label>[A-Za-z0-9][\w+/\-· ]{{0,50}}?){_LABEL_END}",
    re.IGNORECASE,
)
_GENERIC_GROUP = re.compile(r"\b(?:in|for|with|to|into|of|and|versus|vs\.?|had|comprised|included)\s+(?:the|(?-i:an?))\s+(?P<label>(?:[\w+/-]+\s+){0,2}?[\w+/-]+)\s+(?:group|arm)s?\b", re.IGNORECASE)
_GENERIC_GROUP = guarded(_GENERIC_GROUP, "[ifwtoavhcIFWTOAVHC]")  # the same matches, tried only where a listed word can start
_NOT_ARM = re.compile(r"\b(?:risk|age|high|low|intermediate|poor|good|favou?rable|unfavou?rable|positive|negative|responders?|older|younger|elderly|subgroups?|same|two|both|each|other|treatment|study|entire|whole|overall|stage|grade|[A-Z]?\d+)\b|-(?:positive|negative|risk)\b", re.IGNORECASE)
_PAREN = re.compile(r"\(([^()]{3,160})\)")
_SQUARE = re.compile(r"\[([^()\[\]]{3,160})\]")
#: an item of a bracketed list, its size first or last: both need a digit (NUM), the gate _listed_arms tests first
_ITEM_NUM_FIRST = re.compile(rf"^\s*(?:and\s+)?(?:[nN]\s*=\s*)?(?P<num>{NUM})(?:\s*,)?\s+(?:patients\s+|women\s+)?(?:in\s+|to\s+|on\s+|receiving\s+|with\s+|given\s+|taking\s+|treated\s+with\s+)?(?:the\s+)?(?P<label>[A-Za-z][\w+/\-·. ]{{0,40}}?)\s*$")
_ITEM_LABEL_FIRST = re.compile(rf"^\s*(?:and\s+)?(?P<label>[A-Za-z][\w+/\-·→ ]{{0,40}}?)\s*(?:,\s*|:\s*)?(?:[nN]\s*=\s*)?(?P<num>{NUM})(?:\s+(?:patients|women|cases))?\s*$")
#: one size for every arm: "40 patients per arm", "(n = 65 each)", "21 were allocated to each group", "two groups of 40 women each", "(32 women per arm)"
_PER_GROUP = re.compile(
    rf"(?<![\w.·/])(?P<num>{NUMW})\s+(?:(?:patients|women|participants|subjects|adults|men|children|people|persons|individuals|infants|girls|boys)\s+)?(?:(?:were\s+)?(?:randomly\s+)?(?:assigned|allocated|randomi[sz]ed|enrol+ed|included)\s+)?"
    rf"(?:per|in\s+each|each|to\s+each|into\s+each|for\s+each)\s+(?:group|arm|cohort)\b"
    rf"|\b[nN]\s*=\s*(?P<num2>{NUM})\s*(?:(?:patients|women|participants)\s+)?(?:each|per\s+(?:group|arm)|in\s+each|for\s+each)\b"
    rf"|\bgroups\s+of\s+(?P<num3>{NUMW})\s+(?:(?:patients|women|participants|subjects)\s+)?each\b"
    rf"|[(\[]\s*(?P<num4>{NUMW})\s+(?:(?:patients|women|participants|subjects)\s+)?each\s*[)\]]"
    rf"|\beach\s+(?:group|arm)\s+(?:had|included|comprised|consisted\s+of|contained|enrolled)\s+(?P<num5>{NUMW})\s+(?:patients|women|participants|subjects)\b",
    re.IGNORECASE,
)


_PLANNED_KEYS = ("will ", "would ", "planned", "to be ", "target", "intend", "aims to", "aim to", "needed", "required")
#: what tells a size is planned, not reached: "will be randomised", "a planned 300 (150 per arm)", "to be enrolled"
_PLANNED = re.compile(r"\b(?:will|would)\s+(?:be\s+)?\w+|\bplanned\b|\bto\s+be\s+(?:randomi[sz]ed|enrol+ed|recruited|included|allocated|assigned)\b|\btarget(?:ed|ing)?\b|\bintend(?:s|ed)?\b|\baims?\s+to\b|\b(?:were|are|is|was)\s+(?:needed|required)\b", re.IGNORECASE)
_DOSE = re.compile(r"\d[\d.,·]*\s*(?:mg|g|µg|mcg|IU|Gy)(?:/(?:m2|kg|day|d))?(?:/(?:day|d))?\b", re.IGNORECASE)
_DOSE_THEN_N = re.compile(r"(?:[,;]|\bor|\band)\s*\d[\d.,·]*\s*(?:mg|g|µg|mcg|IU|Gy)\S*\s*[(\[]\s*[nN]\s*=", re.IGNORECASE)
_BARE_DOSE = re.compile(rf"^\s*{_DOSE.pattern}\s*$", re.IGNORECASE)


def _with_doses(hits: list[Hit], sentence: str, offset: int) -> list[Hit]:
    """Arms that share a drug name get their doses in their labels ("letrozole 2.5 mg", "letrozole 5 mg"),
    read just after each name; unchanged when the names differ or a dose cannot be read for each."""
    names = [h.payload["label"].lower() for h in hits]
    if len(set(names)) == len(names):
        return hits
    out = []
    for i, h in enumerate(hits):
        if names.count(names[i]) == 1:
            out.append(h)
            continue
        begin = h.payload["label_start"] - offset
        stop = min([x.payload["label_start"] - offset for x in hits if x.payload["label_start"] - offset > begin] + [begin + 80])
        found = sentence.find(h.payload["label"], begin, stop)
        at = found + len(h.payload["label"]) if found >= 0 else stop
        dose = _DOSE.search(sentence, at, stop)
        if dose is None or sentence[at : dose.start()].strip(" ,(") != "":
            return hits
        label = f"{h.payload['label']} {dose.group(0)}"
        out.append(Hit(h.group, label, h.start, h.end, dict(h.payload, label=label)))
    labels = [h.payload["label"].lower() for h in out]
    return out if len(set(labels)) == len(labels) else hits


_THINGS_BEFORE = re.compile(r"\b(?:cycles?|courses?|doses?|fractions?|infusions?|injections?)(?:\s+of\s+[\w+/-]+)?\s*$", re.IGNORECASE)


def _paren_arms(sentence: str, offset: int, start: int = 0) -> list[Hit]:
    """Arms listed in brackets with their sizes: "(242 induction, 238 control)", "(TCHP 107, THP 105)", and with each
    size's share in brackets of its own, "(43 (54%) vitamin D and 37 (46%) placebo)"."""
    brackets = list(_PAREN.finditer(sentence, start))
    if "[" in sentence:
        brackets += _SQUARE.finditer(sentence, start)  # "230 patients [letrozole 118, tamoxifen 112]"
    for p in brackets:
        found = _listed_arms(sentence, offset, p.group(1), p.start(1))
        if found and not _THINGS_BEFORE.search(sentence, max(0, p.start() - 40), p.start()):
            return found  # not "six cycles of FOLFOX (three concurrent, three consolidation)": things counted, not people
    if ("%)" in sentence or "%]" in sentence) and _SHARE_IN_BRACKETS.search(sentence, start) is not None:
        blank = _SHARE_IN_BRACKETS.sub(lambda m: " " * len(m.group()), sentence)  # one character for one: offsets hold
        if blank != sentence:
            return _paren_arms(blank, offset, start)
    return []


#: a bracket holding two or three arms each with its size, name first: "(EC 100, CMF 98)", "(arm A 75; arm B 74)"
_NAMED_SIZES_BRACKET = re.compile(
    r"\((?=\s*\w)(?:\s*(?:and\s+)?(?=\d*[A-Za-z])[\w+/\-]+(?:\s+[A-Za-z][\w+/\-]*)?\s+\d[\d,]*\s*[,;]){1,2}\s*(?:and\s+)?(?=\d*[A-Za-z])[\w+/\-]+(?:\s+[A-Za-z][\w+/\-]*)?\s+\d[\d,]*\s*\)"
)
#: a count of people just before a bracket (lower case): "198 patients", "ninety-six men"
_COUNT_BEFORE_END = re.compile(r"(?:\d|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|teen|ty|hundred|thousand)\s*(?:patients|women|men|participants|subjects|children|adults|cases|survivors)?\s*$")
#: the labels of a bracket of statistics, not arms: "(range 20, IQR 30)", "(SD 4, median 12)"
_STATISTIC_LABEL = re.compile(r"^(?:range|iqr|sd|se|sem|ci|median|mean|min|max|minimum|maximum|p|hr|or|rr|n|total|ratio|score|age|years?|months?|weeks?|days?)$", re.IGNORECASE)


def _split_in_brackets(sentence: str, lower: str, offset: int) -> list[Hit]:
    """The arms of a count split in the bracket right after it, in a sentence with no other arm cue: "One hundred and
    ninety-eight patients (EC 100, CMF 98) could be assessed", "310 women (letrozole 155, anastrozole 155) completed";
    or split in a later bracket of "<name>, <size>" items parted by semicolons: "566 patients were 65 or older (A plus B,
    281; B alone, 285)"."""
    for b in _NAMED_SIZES_BRACKET.finditer(sentence):
        if _COUNT_BEFORE_END.search(lower, max(0, b.start() - 30), b.start()):
            found = _listed_arms(sentence, offset, sentence[b.start() + 1 : b.end() - 1], b.start() + 1)
            if len(found) >= 2 and not any(_STATISTIC_LABEL.match(h.payload["label"]) for h in found):
                return found
    if ";" in sentence:
        for b in _SEMI_SIZES_BRACKET.finditer(sentence):
            count = _PEOPLE_COUNT.search(lower, 0, b.start())
            if count is None:
                continue
            found = _listed_arms(sentence, offset, b.group(1), b.start(1))
            total = parse_number(count.group(1).strip())
            if len(found) >= 2 and total == sum(h.payload["n"] for h in found) and not any(_STATISTIC_LABEL.match(h.payload["label"]) for h in found):
                return found  # the sizes add up to the count the sentence opened with: the whole split between its arms
    return []


#: a bracket of two to four "<name>, <size>" items parted by semicolons: "(A plus B, 281; B alone, 285)", "(A, n = 60; B, n = 58)"
_SEMI_SIZES_BRACKET = re.compile(
    r"\(((?:\s*[A-Za-z][^();,]{0,50}?,\s*(?:[nN]\s*=\s*)?\d[\d,]*\s*;){1,3}\s*(?:and\s+)?[A-Za-z][^();,]{0,50}?,\s*(?:[nN]\s*=\s*)?\d[\d,]*\s*)\)"
)
#: a count of people (lower case), in digits or words: "566 patients", "five hundred and sixty-six women"
_PEOPLE_COUNT = re.compile(
    r"((?<![\w.])\d[\d,]*|\b(?:(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand)[\s-]*(?:and\s+)?)+)\s*(?:patients|women|men|participants|subjects|children|adults|survivors)\b"
)


#: a size's share in brackets after it, inside a bracketed list: the "(54%)" of "(43 (54%) vitamin D and 37 (46%) placebo)"
_SHARE_IN_BRACKETS = re.compile(r"(?<=\d)\s*[(\[]\s*\d[\d.·]*\s*%\s*[)\]]")


_COLON_LIST = re.compile(r":\s*(?P<items>[^:;.()]{3,160}?)\s*(?=[.;]\s|[.;]?$)")


def _colon_list_arms(sentence: str, offset: int) -> list[Hit]:
    """Arms listed after a colon of a sentence that enrols or assigns: "... were randomised: 64 intervention
    and 66 control", "... were enrolled: A 212, B 209 and C 107"."""
    for m in _COLON_LIST.finditer(sentence):
        if _SIZE_CUE.search(sentence, 0, m.start()):
            found = _listed_arms(sentence, offset, m.group("items"), m.start("items"))
            if found:
                return found
    return []

#: a size then, after a comma, the name it belongs to: "n = 60, A"
_N_THEN_NAME = re.compile(r"(\b[nN]\s*=\s*\d(?:[\d,]*\d)?)\s*,(?=\s*[A-Za-z])")

#: a group's code set equal to its size: "an exercise group (EG = 22)"
_CODE_EQUALS = re.compile(r"[(\[]\s*[A-Z][A-Z][\w+/\-]{0,8}\s*=\s*\d")


_SEMI_SPLIT = re.compile(r"\s*;\s*")  # the items of a list, compiled once
_ITEM_SPLIT = re.compile(r"\s*,\s*|\s+and\s+|\s+versus\s+|\s+vs\.?\s+")


def _listed_arms(sentence: str, offset: int, inner: str, inner_start: int) -> list[Hit]:
    """The arms of one list of "<size> <name>" or "<name> <size>" items (all items must read as arms)."""
    if _ANY_DIGIT.search(inner) is None:
        return []  # a gate: every item must hold a size (NUM, in digits) to match _ITEM_NUM_FIRST or _ITEM_LABEL_FIRST
    if "=" in inner and _N_THEN_NAME.search(inner) is not None:  # "(n = 60, A and n = 58, B)": the comma binds a size to its name
        bound = _N_THEN_NAME.sub(r"\1 ", inner)  # one character for one: offsets hold
        sentence, inner = sentence[:inner_start] + bound + sentence[inner_start + len(inner) :], bound
    items = [x for x in (_SEMI_SPLIT if ";" in inner else _ITEM_SPLIT).split(inner) if x.strip()]
    if len(items) < 2:
        return []
    found = []
    pos = inner_start
    for item in items:
        where = sentence.find(item, pos)
        pos = max(pos, where + len(item)) if where >= 0 else pos
        m = _ITEM_NUM_FIRST.match(item) or _ITEM_LABEL_FIRST.match(item)
        if not m or item[m.start("num") - 1 : m.start("num")] in ("-", "\u2010", "\u2011"):
            return []  # "(PALOMA-1, TRIO-18)": a name holding a number, not a size
        label = _clean_label(m.group("label"), allow_letter=True, lead=_ITEM_LEAD)
        value = parse_number(m.group("num"))
        if not label or value is None or value != int(value) or _OUTCOME_LABEL.search(label):
            return []
        a = where + m.start("num") if where >= 0 else inner_start
        found.append(Hit("arm", label, a + offset, a + len(m.group("num")) + offset, {"label": label, "n": int(value), "label_start": a + offset}))
    found = _with_doses(found, sentence, offset)
    if len(found) >= 2 and len({h.payload["label"] for h in found}) == len(found):
        return found
    return []


_N_ANCHOR = re.compile(
    rf"[(\[]\s*(?:(?P<inner>[A-Za-z][^()\[\];,]{{0,30}}?)\s*[;,:]\s*)?[nN]\s*=\s*(?P<num>{NUM})\s*(?:[a-z]+)?\s*[)\],;]"
    rf"|[(\[]\s*(?:(?P<inner2>[A-Za-z][^()\[\];,]{{0,30}}?)\s*[;,:]\s*)?(?P<num2>{NUM})\s+(?:patients|women|participants|pts|subjects|cases)\s*[)\],;]"
    rf"|(?<=[\w)])\s*,?\s+[nN]\s*=\s*(?P<num3>{NUM})\b"
    rf"|(?<=[A-Za-z])\s+\(\s*(?P<num4>\d{{1,3}}(?:,\d{{3}})?)\s*\)(?!\s*(?:%|patients|women|years?|months?))"
    rf"|[(\[][^()\[\]]{{3,120}}?[;,]\s*[nN]\s*=\s*(?P<num5>{NUM})\s*[)\]]"
)
_LEFT_BOUNDARY = re.compile(
    r"^.*(?:\b(?:to|receive[ds]?|receiving|either|or|and|versus|vs\.?|between|into|in|of|with|for|from|on|the|(?-i:a|an)|were|was|had|as|while|whereas|but|than|compared|comparing)\s+|[,;:(\[]\s*)",
    re.IGNORECASE,
)
_BRACKETED = re.compile(r"\s*[(\[][^()\[\]]*[)\]]")
_NOT_ARM_WORD = re.compile(r"^(?:with|without|alone|only|respectively|patients?|women|analysis|population|total|all|evaluable|assessable|cohort|study|trial)$", re.IGNORECASE)


_ANCHOR_CUE = re.compile(r"randomi|assign|allocat|\barms?\b|\bgroups?\b|versus|\bvs\b|compared|placebo|control|intervention|\bor\b|either|\bbetween\b|received|treated\s+with|\bthan\b|receiving|taking|\bcohorts\b", re.IGNORECASE)
_SETTING_ONLY = re.compile(r"^(?:(?:definitive|preoperative|postoperative|perioperative|neoadjuvant|adjuvant|palliative|curative|primary|salvage|radical)[/ ,-]*(?:or\s+|and\s+)?)+$", re.IGNORECASE)
_OUTCOME_LABEL = re.compile(r"\d\s*%|^(?:ORR|CR|PR|SD|PD|DCR|pCR|NC|OR|CBR|responses?|deaths?|events?|relapses?|recurrences?|progression|toxicity|grade\b.*"
                            r"|(?:stable|progressive)\s+disease|(?:(?:a|an)\s+)?(?:complete|partial|objective|overall|major|minor)\s+(?:remission|response)s?|remissions?)$", re.IGNORECASE)


_AFTER_WITH = re.compile(r"\s*(?:the\s+|a\s+|an\s+)?([A-Za-z][\w+/-]*(?:\s+acid)?)")
_COMPARED_WITH = re.compile(r"\bcompar(?:ed|ing)\b", re.IGNORECASE)  # "We compared A (...; n=117) with B (118)"
_RANDOMISED_CUE = re.compile(r"randomi[sz]|assigned|allocated", re.IGNORECASE)
_PEOPLE_TAIL = re.compile(r"\s+(?:patients|women|participants|subjects)$", re.IGNORECASE)
_BARE_PAREN = re.compile(r"[A-Za-z]\s+\(\d+\)")
_PAREN_COUNT_ANY = re.compile(r"\d\s+(?:patients|women|participants|pts)\s*[)\],;]|[(\[](?:[A-Za-z]|\d[\w+/\-·.]{0,12}\s(?:group|arm|cohort))[^()\[\]]{0,30}[;,:]\s*\d[\d,]*\s*(?:patients|women|pts)?\s*[)\]]")
_PAREN_COUNT = re.compile(r"\d\s+(?:patients|women|participants|pts|subjects|cases)\s*[)\],;]")
# look-ahead guards: the same matches, each pattern tried only where its first character stands
_PAREN_COUNT_ANY = guarded(_PAREN_COUNT_ANY, r"[\d(\[]")
_PAREN_COUNT = guarded(_PAREN_COUNT, r"\d")
_GROUP_WORD = re.compile(r"\b(?:group|arm|cohort)\b", re.IGNORECASE)


def _anchored_arms(sentence: str, offset: int, cue: bool = True) -> list[Hit]:
    """Arms whose size follows their name as "A (n = 120) or B (n = 118)", "A group (n=52)",
    "B (125 patients)", "(usual care; n = 46)", "TL (n = 80) or L (n = 40)".

    The label is read leftwards from each size up to the previous size or a clause word
    ("to", "or", "versus", a comma), so a long sentence start never becomes part of it.
    """
    hits: list[Hit] = []
    pending: list[tuple[str, re.Match[str], str, float, int]] = []
    prev = 0
    if cue and not _has_anchor_cue(sentence, sentence.lower()):
        return hits
    for m in _N_ANCHOR.finditer(sentence):
        key = next(k for k in ("num", "num2", "num3", "num4", "num5") if m.group(k))
        if key == "num4" and not _RANDOMISED_CUE.search(sentence) and not (_COMPARED_WITH.search(sentence) and _HAS_N_EQUALS.search(sentence)):
            continue  # "A (34) or B (17)" only where the sentence assigns patients, or compares arms one of which it sizes "n = N"
        value = parse_number(m.group(key))
        if value is None or value != int(value) or value <= 0:
            prev = m.end()
            continue
        inner = "inner" if m.group("inner") else "inner2" if m.group("inner2") else None
        if inner and (not re.search(r"\d|\b(?:aged?|median|mean|range|years?)\b", m.group(inner)) or _NAMED_DOSE.fullmatch(m.group(inner))):
            raw, start = m.group(inner), m.start(inner)  # "(usual care; n = 46)", "(letrozole 2.5 mg, n = 30; ...)"
        else:
            left = _PEOPLE_TAIL.sub("", _BRACKETED.sub("", sentence[prev : m.start()]).rstrip(" ,"))
            tail = _LEFT_BOUNDARY.sub("", left, count=1)
            with_word = re.search(r"\b(with|without)$", left, re.IGNORECASE)
            if with_word and len(tail.split()) <= 3:  # "anastrozole with (n = 51) or without (n = 49) denosumab"
                pending.append((with_word.group(1).lower(), m, key, value, with_word.start() + prev))
                prev = m.end()
                continue
            if _NOT_ARM_WORD.match(tail.strip()) or not tail.strip():
                tail = ""
            raw = tail
            found = sentence.rfind(tail, prev, m.start()) if tail else -1
            start = found if found >= 0 else m.start()
        prev = m.end()
        raw = _PEOPLE_TAIL.sub("", raw)  # "group A patients (n = 18)" -> "group A"
        if raw and not raw[0].isdigit():
            raw = _DOSE_TAIL.sub("", raw)  # "B 25 mg/m2 then A 50 mg/m2 every 28 days" -> "B"
        words = raw.split()
        if len(words) > 6:
            raw = " ".join(words[-6:])
        label = _clean_label(raw, allow_letter=True) if raw else None
        if raw and hits and _BARE_DOSE.match(raw) and _RANDOMISED_CUE.search(sentence):
            # "drug X 100 mg (n = 21), 200 mg (n = 20) or placebo": a dose alone names another dose of the arm before it
            base = hits[-1].payload.get("drug", hits[-1].payload["label"])
            if "drug" not in hits[-1].payload:
                first = hits[-1]
                dose = _DOSE.search(sentence, first.payload["label_start"] - offset + len(base), first.start - offset)
                if dose is None:
                    base = ""
                else:
                    hits[-1] = Hit(first.group, f"{base} {dose.group(0)}", first.start, first.end, dict(first.payload, label=f"{base} {dose.group(0)}", drug=base))
            label = f"{base} {raw.strip()}" if base else None
        if label and not _NOT_ARM_WORD.match(label) and not _SETTING_ONLY.match(label) and not _OUTCOME_LABEL.search(label):
            before = sentence[max(0, start - 12) : m.start()]
            grouped = bool(_GROUP_WORD.search(before + " " + raw)) and not _NOT_ARM.search(label)
            payload = {"label": label, "n": int(value), "label_start": start + offset, "grouped": grouped}
            if raw and _BARE_DOSE.match(raw) and hits and "drug" in hits[-1].payload:
                payload["drug"] = hits[-1].payload["drug"]
            hits.append(Hit("arm", label, m.start(key) + offset, m.end(key) + offset, payload))
    if len(pending) == 2 and not hits:
        agent = _AFTER_WITH.match(sentence, prev)
        if agent and not _NOT_ARM_WORD.match(agent.group(1)):
            for word, m, key, value, start in pending:
                label = f"{word} {agent.group(1)}"
                hits.append(Hit("arm", label, m.start(key) + offset, m.end(key) + offset, {"label": label, "n": int(value), "label_start": start + offset, "grouped": False}))
    hits = _with_codes(_with_doses(_spelled_by_code(hits, sentence, offset), sentence, offset), sentence, offset)
    if len({h.payload["label"].lower() for h in hits}) < 2:
        return [h for h in hits if h.payload["grouped"]][:1]
    return hits


def _with_codes(hits: list[Hit], sentence: str, offset: int) -> list[Hit]:
    """Arms that share a name get the bracketed code printed just after each name ("EC-T (3W) (n = 45) or EC-T (2W)
    (n = 45)": "EC-T (3W)", "EC-T (2W)"); unchanged when the names differ or a code cannot be read for each."""
    names = [h.payload["label"].lower() for h in hits]
    if len(set(names)) == len(names):
        return hits
    out = []
    for h in hits:
        if names.count(h.payload["label"].lower()) == 1:
            out.append(h)
            continue
        at = sentence.find(h.payload["label"], h.payload["label_start"] - offset, h.start - offset)
        code = _CODE_AFTER.match(sentence, at + len(h.payload["label"])) if at >= 0 else None
        if code is None:
            return hits
        label = f"{h.payload['label']} ({code.group(1)})"
        out.append(Hit(h.group, label, h.start, h.end, dict(h.payload, label=label)))
    labels = [h.payload["label"].lower() for h in out]
    return out if len(set(labels)) == len(labels) else hits


#: the drug joined to an arm's name before it: "lapatinib with " (vinorelbine), "A plus " (B)
_JOINED_BEFORE = re.compile(r"(?<![\w-])([A-Za-z][\w-]*)\s+(?:with|and|plus|\+)\s+$", re.IGNORECASE)
_ACRONYM = re.compile(r"[A-Z][A-Za-z]?[A-Z][A-Za-z]{0,3}")


def _spelled_by_code(hits: list[Hit], sentence: str, offset: int) -> list[Hit]:
    """An arm name read from after a joining word takes the drug before it back when the code printed after
    the name spells both: "tucatinib with eribulin (TE) (n = 40)" is "tucatinib with eribulin", not "eribulin"."""
    if "(" not in sentence or (" with " not in sentence and " and " not in sentence and " plus " not in sentence and " + " not in sentence):
        return hits
    out = []
    for h in hits:
        label = h.payload["label"]
        at = sentence.find(label, h.payload["label_start"] - offset, h.start - offset)
        code = _CODE_AFTER.match(sentence, at + len(label)) if at >= 0 else None
        joined = _JOINED_BEFORE.search(sentence, max(0, at - 40), at) if code is not None and _ACRONYM.fullmatch(code.group(1)) else None
        letters = code.group(1).lower() if joined is not None else ""
        if joined is not None and not _spells(letters, label) and _spells(letters, f"{joined.group(1)} {label}"):
            name = sentence[joined.start() : at + len(label)]
            h = Hit(h.group, name, h.start, h.end, dict(h.payload, label=name, label_start=joined.start() + offset))
        out.append(h)
    return out


_CODE_AFTER = re.compile(r"\s*\(([^()=;,]{1,12})\)")
#: a drug and its dose, the whole name of an arm inside a bracket: "letrozole 2.5 mg", "dose 5 mg/day"
_NAMED_DOSE = re.compile(r"[A-Za-z][\w-]*(?:\s+[A-Za-z][\w-]*)?\s+\d[\d.,·]*\s*(?:mg|g|µg|mcg|IU|Gy)(?:/(?:m2|kg|day|d))?", re.IGNORECASE)

_ARM_HAD = re.compile(
    rf"\bthe\s+(?P<label>[\w+/\-· ]{{1,40}}?)\s+(?:arm|group|cohort)\s+(?:had|included|comprised|consisted\s+of|contained|enrolled)\s+(?P<num>{NUMW})\b(?!\s*%)",
    re.IGNORECASE,
)
#: an arm named before its passive verb, sized by the people it was given to: "Docetaxel was given to 41 patients",
#: then optionally "and paclitaxel to 39 (patients)"
_GIVEN_TO = re.compile(
    rf"(?:^|(?<=[,;:]\s)|(?<=\bwhile\s)|(?<=\bwhereas\s))(?:the\s+)?(?P<label>[A-Za-z][\w+/\-· ]{{1,50}}?)\s+(?:was|were)\s+(?:also\s+)?(?:given|administered|offered|delivered)\s+to\s+"
    rf"(?P<num>{NUMW})\s+(?:patients|women|men|participants|subjects|children|adults)\b"
    rf"(?:\s*(?:{_PCT_PAREN})?\s*,?\s+(?:and|while|whereas)\s+(?:the\s+)?(?P<label2>[A-Za-z][\w+/\-· ]{{1,50}}?)\s+(?:(?:was|were)\s+(?:given|administered|offered|delivered)\s+)?to\s+(?P<num2>{NUMW})(?!\s*%)\b)?",
    re.IGNORECASE,
)


def _given_to_arms(sentence: str, offset: int) -> list[Hit]:
    """Arms named before their passive verb and sized by the people they were given to: two in one sentence ("A was
    given to 41 patients and B to 39"), or one that opens its sentence (kept as one arm per sentence)."""
    m = _GIVEN_TO.search(sentence)
    if m is None:
        return []
    out = []
    for lk, nk in (("label", "num"), ("label2", "num2")):
        if m.group(lk) is None:
            continue
        label, value = _clean_label(m.group(lk)), parse_number(m.group(nk))
        if not label or value is None or value != int(value) or value <= 0 or _NOT_ARM.search(label) or _OUTCOME_LABEL.search(label):
            return []
        out.append(Hit("arm", label, m.start(nk) + offset, m.end(nk) + offset, {"label": label, "n": int(value), "label_start": m.start(lk) + offset}))
    if len(out) == 1:
        if m.start() > 0:
            return []
        out[0].payload["grouped"] = True
    elif out[0].payload["label"].lower() == out[1].payload["label"].lower():
        return []
    return out


#: a sentence that opens with one group's size in people: "The letrozole group comprised 118 women.", "Overall, the A arm had 60 patients"
_GROUP_HAD_PEOPLE = re.compile(
    rf"^(?:(?:in\s+total|overall|in\s+all),?\s+)?the\s+[\w+/\-· ]{{1,40}}?\s+(?:arm|group|cohort)\s+(?:had|included|comprised|consisted\s+of|contained|enrolled)\s+"
    rf"{NUMW}\s+(?:patients|women|men|participants|subjects|children|adults)\b(?!\s+(?:with|who|had|developed|experienced)\b)",
    re.IGNORECASE,
)
#: an allocation clause, then after a semicolon a clause of the analysed: "... randomised: 201 to A and 201 to B; 380 were analysed ("
_ALLOCATED_BEFORE_ANALYSED = re.compile(
    r"\b(?:randomi[sz]ed|assigned|allocated)\b[^;]*\d[^;]*;\s*[^;]{0,60}\b(?:analy[sz]ed|evaluable|assessable|completed|included\s+in\s+the\s+analysis)\b[^;]*$",
    re.IGNORECASE,
)
#: the next arm after an _ARM_HAD match, its verb left out: "... and the B group 508", ", whereas the B arm 47 women"
_ARM_HAD_GAPPED = re.compile(
    rf"(?:\s+(?:patients|women|men|participants|children|adults|subjects))?\s*,?\s*(?:and|while|whereas)\s+the\s+(?P<label>[\w+/\-· ]{{1,40}}?)\s+(?:arm|group|cohort)\s+(?P<num>{NUMW})\b(?!\s*%)",
    re.IGNORECASE,
)
_RESPECTIVELY = re.compile(
    rf"(?<![\w.·])(?:[nN]\s*=\s*)?(?P<n1>{NUM})\s+(?:and|vs\.?|versus)\s+(?:[nN]\s*=\s*)?(?P<n2>{NUM})\s+(?:\w+\s+){{0,2}}?(?:in|on|for|to)\s+the\s+(?P<l1>[\w+/\-· ]{{1,40}}?)\s+(?:and|vs\.?|versus)\s+(?:the\s+)?(?P<l2>[\w+/\-· ]{{1,40}}?)\s+(?:arms?|groups?|cohorts?)?,?\s*respectively",
    re.IGNORECASE,
)


def _had_arms(sentence: str, offset: int) -> list[Hit]:
    """Sizes stated per arm: "the weekly arm had 52 patients", "818 and 756 in the A and B arms, respectively"."""
    hits: list[Hit] = []
    r = _RESPECTIVELY.search(sentence) if "respectively" in sentence else None
    if r:
        for lk, nk in (("l1", "n1"), ("l2", "n2")):
            label, value = _clean_label(r.group(lk), allow_letter=True), parse_number(r.group(nk))
            if not label or value is None or value != int(value):
                return []
            hits.append(Hit("arm", label, r.start(nk) + offset, r.end(nk) + offset, {"label": label, "n": int(value), "label_start": r.start(lk) + offset}))
        return hits if hits[0].payload["label"] != hits[1].payload["label"] else []
    for m in _ARM_HAD.finditer(sentence) if " had " in sentence or "includ" in sentence or "compris" in sentence or "consist" in sentence or "enrol" in sentence or "contain" in sentence else ():
        gapped = _ARM_HAD_GAPPED.match(sentence, m.end())  # "The 4-cycle group enrolled 512 and the 6-cycle group 508": the verb left out
        for g in (m, gapped) if gapped is not None else (m,):
            label, value = _clean_label(g.group("label"), allow_letter=True), parse_number(g.group("num"))
            if label and value is not None and value == int(value) and value > 0 and not _NOT_ARM.search(re.sub(r"^\d+-|-\d+-", "-", label)):
                hits.append(Hit("arm", label, g.start("num") + offset, g.end("num") + offset, {"label": label, "n": int(value), "label_start": g.start("label") + offset}))
    return hits


_NUM_LIST = rf"{NUMW}(?:\s*,\s*{NUMW})*\s*,?\s+(?:and|or)\s+{NUMW}|(?:{NUM})\s*\+\s*(?:{NUM})"
_NUMS_THEN_LABELS = re.compile(
    rf"(?<![\w.·])(?P<nums>{_NUM_LIST})\s+(?:patients\s+|women\s+|participants\s+|subjects\s+)?(?:were\s+)?(?:randomly\s+)?"
    rf"(?:(?P<verb>assigned|allocated|randomi[sz]ed|enrolled|included|treated|entered)\s+(?:in|into|to|with|on)|(?=(?:in|to|on|received|receiving)\s+[^;:.]{{3,160}}?respectively)(?:in|to|on|received|receiving))\s+"
    rf"(?P<labels>[^;:.()]{{3,160}}?)(?:,?\s*respectively|(?=\s*[;.(]|\s*$))",
    re.IGNORECASE,
)
_LABELS_THEN_NUMS = re.compile(
    rf"(?:^|\bthe\s+|[,;:]\s+)(?P<labels>[^;:.(),]{{3,120}}?)\s+(?:groups?|arms?|cohorts?)?\s*(?:consisted\s+of|included|comprised|had|enrolled|contained|were\s+composed\s+of|numbered|were\s+(?:given|administered)\s+to|were)\s+"
    rf"(?P<nums>{_NUM_LIST})\s+(?:patients|women|participants|subjects)?\s*,?\s*respectively",
    re.IGNORECASE,
)
_PAREN_RESPECTIVELY = re.compile(
    rf"[(\[]\s*(?:[nN]\s*=\s*)?(?P<nums>(?:{NUM})(?:\s*,\s*(?:[nN]\s*=\s*)?(?:{NUM}))*\s*,?\s*(?:and|vs\.?|versus)\s*(?:[nN]\s*=\s*)?(?:{NUM}))(?:\s+(?:patients|women|participants))?\s*,?\s*respectively\s*[)\]]",
    re.IGNORECASE,
)
_PAREN_PAIR = re.compile(
    rf"[(\[]\s*(?:[nN]\s*=\s*)?(?P<nums>(?:{NUM})\s*(?:vs\.?|versus|and)\s*(?:[nN]\s*=\s*)?(?:{NUM}))\s+(?:patients|women|participants)\s*[)\]]",
    re.IGNORECASE,
)
_HAD_VERB = guarded(re.compile(r"\b(?:comprised|included|consisted\s+of|had|enrolled|contained)\s"), "[cieh]")  # searched in lower-cased text
_LABEL_HAD_PAIR = re.compile(
    rf"(?:^|\bthe\s+)(?P<l1>[A-Za-z][\w+/\-]*(?:\s+[\w+/\-]+){{0,2}}?)\s+(?:comprised|included|consisted\s+of|had|enrolled|contained)\s+(?P<n1>{NUMW})\s+(?:patients|women|participants)?\s*,?\s*"
    rf"and\s+(?:the\s+)?(?P<l2>[A-Za-z][\w+/\-]*(?:\s+[\w+/\-]+){{0,2}}?)\s+(?:(?:comprised|included|consisted\s+of|had|enrolled|contained)\s+)?(?P<n2>{NUMW})\b(?!\s*%)",
    re.IGNORECASE,
)
_SEMI_ITEM = re.compile(rf"(?:^|[;:]\s*)(?P<label>[A-Za-z][\w+/\-· ]{{0,40}}?)\s*[:,]\s*(?:[nN]\s*=\s*)?(?P<num>{NUM})\s+(?:patients|women|participants)\b")
_SIZE_KEYS = ("random", "assign", "allocat", "enrol", "includ", "recruit", "registered", "entered", "evaluab", "assessab", "analy")
_SIZE_CUE = re.compile(r"randomi[sz]|assigned|allocated|enrol|includ|recruit|registered|entered|evaluab|assessab|analy[sz]", re.IGNORECASE)
_SIZE_CUE_LOWER = re.compile(_SIZE_CUE.pattern)  # the same matches in the lower-cased text of an ASCII sentence, found faster
_NUM_BEFORE_END = re.compile(r"(?:\d|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|teen|ty|hundred|thousand)\s*(?:patients|women|participants|subjects)?\s*,?\s*$")
_LIST_LEFT = re.compile(r"^.*\b(?:to|receive|receiving|received|between|either|with|comparing|compared)\s+|^.*:\s*", re.IGNORECASE)
_LIST_SPLIT = re.compile(r"\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or|versus|vs\.?)\s+", re.IGNORECASE)
_NUM_SPLIT = re.compile(r"\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or|vs\.?|versus)\s+|\s*\+\s*", re.IGNORECASE)
_COLON_ITEM = re.compile(rf"(?:^|[;,]\s+|:\s+)(?P<label>[A-Za-z][\w+/\-· ]{{0,40}}?)\s*:\s*(?:[nN]\s*=\s*)?(?P<num>{NUM})\s+(?:patients|women|participants)\b")


#: a lettered or numbered group and its size as in a table: "group A (letrozole) – 60 patients", "Arm 2: 58 (49%) women"
_GROUP_ITEM = re.compile(
    rf"\b(?P<label>(?:[Gg]roup|[Aa]rm|GROUP|ARM)\s+(?:[A-Z]{{1,2}}|\d{{1,2}}|I{{1,3}}|IV))\s*(?:\([^()]{{1,40}}\)\s*)?[-–—:]\s*(?:[nN]\s*=\s*)?(?P<num>{NUM})\s*"
    rf"(?:[(\[]\s*\d[\d.·]*\s*%\s*[)\]]\s*)?(?:patients|women|participants|subjects|cases)\b(?=\s*(?:[;,.)(]|and\b|versus\b|vs\b|$))"
)
_GROUP_ITEM = guarded(_GROUP_ITEM, "[GgAa]")  # the same matches, tried only where "group" or "arm" can start


def _group_items(sentence: str, offset: int) -> list[Hit]:
    """Two or more lettered groups sized as in a table: "group A (cases) - 68 patients, versus group B (controls) - 71 patients"."""
    hits = []
    for m in _GROUP_ITEM.finditer(sentence):
        value = parse_number(m.group("num"))
        if value is not None and value == int(value) and value > 0:
            label = m.group("label")
            hits.append(Hit("arm", label, m.start("num") + offset, m.end("num") + offset, {"label": label, "n": int(value), "label_start": m.start("label") + offset}))
    return hits if len({h.payload["label"].lower() for h in hits}) == len(hits) >= 2 else []


def _paired(labels_text: str, labels_at: int, nums_text: str, nums_at: int, offset: int) -> list[Hit]:
    """Arms from a list of names and a list of sizes in the same order ("A, B and C" + "40, 41 and 39")."""
    if parse_number(nums_text.strip()) is not None:
        return []  # "five hundred and ninety" is one number
    nums = [x for x in _NUM_SPLIT.split(nums_text.strip()) if x.strip()]
    labels = [x for x in _LIST_SPLIT.split(labels_text.strip()) if x.strip()]
    if len(nums) != len(labels) or not 2 <= len(nums) <= 5:
        return []
    hits, pos_n, pos_l = [], 0, 0
    for raw_n, raw_l in zip(nums, labels):
        raw_n = re.sub(r"^[nN]\s*=\s*", "", raw_n.strip())
        value = parse_number(raw_n)
        label = _clean_label(raw_l, allow_letter=True)
        if value is None or value != int(value) or value <= 0 or not label or _NOT_ARM_WORD.match(label) or _OUTCOME_LABEL.search(label):
            return []
        at_n = nums_text.find(raw_n, pos_n)
        at_l = labels_text.find(raw_l, pos_l)
        pos_n, pos_l = max(pos_n, at_n + len(raw_n)), max(pos_l, at_l + len(raw_l))
        a = nums_at + max(at_n, 0)
        hits.append(Hit("arm", label, a + offset, a + len(raw_n) + offset, {"label": label, "n": int(value), "label_start": labels_at + max(at_l, 0) + offset}))
    return hits if len({h.payload["label"].lower() for h in hits}) == len(hits) else []


def _list_arms(sentence: str, lower: str, offset: int) -> list[Hit]:
    """Sizes and names given as two lists in the same order: "52 and 49 women were allocated to the yoga and
    the waiting-list groups", "the A and B groups comprised 64 and 61 patients, respectively", "randomised to A
    or B (n = 120 and 118, respectively)", and "A: 120 patients; B: 118 patients"."""
    if (" and " in lower or " or " in lower) and len(_number_starts(sentence)) >= 2:
        for m in _matches_at(_NUMS_THEN_LABELS, sentence, _number_starts(sentence)):
            if m.group("verb") or ("respectively" in lower and (_SIZE_CUE_LOWER.search(lower) if sentence.isascii() else _SIZE_CUE.search(sentence))):
                hits = _paired(m.group("labels"), m.start("labels"), m.group("nums"), m.start("nums"), offset)
                if hits:
                    return hits
        at = lower.find("respectively")
        if at >= 0 and _NUM_BEFORE_END.search(lower, max(0, at - 30), at):  # "... 64 and 61 patients, respectively"
            for m in _LABELS_THEN_NUMS.finditer(sentence):
                hits = _paired(m.group("labels"), m.start("labels"), m.group("nums"), m.start("nums"), offset)
                if hits:
                    return hits
            for m in _PAREN_RESPECTIVELY.finditer(sentence):
                left = sentence[: m.start()].rstrip()
                labels = _LIST_LEFT.sub("", left, count=1)
                hits = _paired(labels, left.rfind(labels), m.group("nums"), m.start("nums"), offset) if labels else []
                if hits:
                    return hits
        if "(" in sentence:
            for m in _PAREN_PAIR.finditer(sentence):  # "randomised to A or B (121 vs 119 patients)"
                left = sentence[: m.start()].rstrip()
                labels = _LIST_LEFT.sub("", left, count=1)
                hits = _paired(labels, left.rfind(labels), m.group("nums"), m.start("nums"), offset) if labels else []
                if hits:
                    return hits
        for m in _LABEL_HAD_PAIR.finditer(sentence) if _HAD_VERB.search(lower) else ():  # "arm A comprised 64 patients and arm B 61"
            hits = _paired(f"{m.group('l1')} and {m.group('l2')}", m.start("l1"), f"{m.group('n1')} and {m.group('n2')}", m.start("n1"), offset)
            if len(hits) == 2:
                return [Hit(h.group, h.label, m.start(k) + offset, m.end(k) + offset, dict(h.payload, label_start=m.start(lk) + offset))
                        for h, k, lk in zip(hits, ("n1", "n2"), ("l1", "l2"))]
    if ";" in sentence and ("patients" in lower or "women" in lower or "participants" in lower):
        hits = []
        for m in _SEMI_ITEM.finditer(sentence):  # "240 were enrolled: A, 121 patients; B, 119 patients"
            label, value = _clean_label(m.group("label"), allow_letter=True), parse_number(m.group("num"))
            if label and value is not None and value == int(value) and not _NOT_ARM_WORD.match(label):
                hits.append(Hit("arm", label, m.start("num") + offset, m.end("num") + offset, {"label": label, "n": int(value), "label_start": m.start("label") + offset}))
        if len({h.payload["label"].lower() for h in hits}) >= 2:
            return hits
    if sentence.count(":") >= 2 and ("patients" in lower or "women" in lower or "participants" in lower):
        hits = []
        for m in _COLON_ITEM.finditer(sentence):
            label, value = _clean_label(m.group("label"), allow_letter=True), parse_number(m.group("num"))
            if label and value is not None and value == int(value) and not _NOT_ARM_WORD.match(label):
                hits.append(Hit("arm", label, m.start("num") + offset, m.end("num") + offset, {"label": label, "n": int(value), "label_start": m.start("label") + offset}))
        if len({h.payload["label"].lower() for h in hits}) >= 2:
            return hits
    return []


_HAS_N_EQUALS = guarded(re.compile(r"\b[nN]\s*="), "[nN]")
_HAS_ASSIGNED = re.compile(r"randomi|assign|allocat|\barm\b|\bgroup\b", re.I)


def _cue_test(pattern: re.Pattern[str], plain: tuple[str, ...], needs: tuple[str, ...]) -> Callable[[str, str], bool]:
    """A faster :func:`~extractors.cues.has_cue` for ``pattern``: on ASCII sentences, true at once when a
    ``plain`` branch (a bare word piece) is in the lower-cased sentence, the twin pattern run only when one of
    ``needs`` (a piece every other branch contains) is; non-ASCII sentences keep the case-blind pattern."""
    twin = re.compile(pattern.pattern)

    def test(sentence: str, lower: str) -> bool:
        if not sentence.isascii():
            return pattern.search(sentence) is not None
        for k in plain:
            if k in lower:
                return True
        for k in needs:
            if k in lower:
                return twin.search(lower) is not None
        return False

    return test


_has_arm_cue = _cue_test(_ARM_CUE, ("randomi", "assign", "allocat", "versus", "cohort", "compared", "received", "treated", "enrol", "includ",
                                    "analys", "matching", "control", "placebo", "intervention", "compris", "recruit") + _TAKING_KEYS,
                          ("arm", "group", "vs", "each", "="))
_has_anchor_cue = _cue_test(_ANCHOR_CUE, ("randomi", "assign", "allocat", "versus", "compared", "placebo", "control", "intervention", "either", "received",
                                          "receiving", "taking"), ("arm", "group", "vs", "or", "between", "treated", "than", "cohorts"))
_has_assigned = _cue_test(_HAS_ASSIGNED, ("randomi", "assign", "allocat"), ("arm", "group"))


_TITLE_CUE = re.compile(r"versus|\bvs\b|compared", re.IGNORECASE)
#: a first sentence that reads as a title: no verb of a report sentence before its comparison word
#: ("A versus B for ...", "Efficacy of A vs. B: a randomized trial"), at most 250 characters
_TITLE_LIKE = re.compile(
    r"(?=[^\n]{0,250}?\b(?:versus|vs\b|compared\s+with))(?![^\n]{0,250}?\b(?:we|was|were|is|are|has|have|had|to\s+(?:compare|assess|evaluate|determine|investigate))\b[^\n]{0,250}?\b(?:versus|vs\b|compared\s+with))",
    re.IGNORECASE,
)
#: the lead of a title's arm name: an article only ("Drug X and drug Y versus ..." keeps its "and")
_TITLE_LEAD = re.compile(r"^(?:(?:the|a|an)\s+)*", re.IGNORECASE)
#: the head of a title before its first arm: "Activity of", "Efficacy and safety of", "A randomized trial of"
_TITLE_HEAD = re.compile(
    r"^(?:[\w-]+\s+){0,4}?(?:activity|effects?|efficacy|effectiveness|safety|tolerability|toxicity|comparison|evaluation|outcomes?|trial|study|impact|role|"
    r"benefits?|results?|analysis|feasibility|use|value)\s+(?:(?:and|or)\s+[\w-]+\s+)?of\s+(?:the\s+|an?\s+)?",
    re.IGNORECASE,
)

#: the head of a title that names its arms after a verb of study: "A randomized study evaluating", "Trial comparing"
_TITLE_GERUND = re.compile(
    r"^(?:[\w-]+\s+){0,6}?(?:trial|study|analysis|comparison)\s+(?:comparing|evaluating|assessing|investigating|examining|testing|exploring)\s+(?:the\s+|an?\s+)?(?:use\s+of\s+)?",
    re.IGNORECASE,
)

#: a title's arm name that ends on a word wanting more ("docetaxel on an"): cut short, not a name
_DANGLING_END = re.compile(r"\s(?:on|an?|the|of|at|in|with|by)$", re.IGNORECASE)


def find_title_arms(title: str, offset: int = 0) -> list[Hit]:
    """Arms a title compares ("Nivolumab plus cabozantinib versus sunitinib for ..."), without sizes.

    A title whose comparison follows a comma ("An open-label, randomised study of A versus B") is read from
    its last comma or colon before the comparison word.
    """
    lower = title.lower()
    if "versus" not in lower and "vs" not in lower and "compared" not in lower:
        return []  # a substring test spares both regexes for titles that compare nothing
    cue = _TITLE_CUE.search(title)
    if not cue:
        return []
    m = _TITLE_VERSUS.search(title)
    if not m and "ing " in lower:  # a long head before the first arm: "Randomised phase 2 trial evaluating <drug> vs <drug>"
        head = _TITLE_GERUND.search(title)
        m = _TITLE_VERSUS.match(title[head.end() :]) if head is not None else None
        offset += head.end() if m else 0
    if not m:
        cut = max(title.rfind(",", 0, cue.start()), title.rfind(":", 0, cue.start())) + 1
        if cut <= 0:
            return []
        cut += len(title[cut:]) - len(title[cut:].lstrip())
        m = _TITLE_VERSUS.match(title[cut:])
        if not m:
            return []
        offset += cut
    hits = []
    for key in ("a", "b"):
        raw = m.group(key).strip()
        if key == "a" and "ing " in raw and _TITLE_GERUND.search(raw):
            raw = _TITLE_GERUND.sub("", raw, count=1)  # "A phase III study evaluating A versus B" -> "A"
        elif key == "a" and " of " in raw:
            raw = _TITLE_HEAD.sub("", raw, count=1)  # "Efficacy of A versus B" -> "A"
        raw = _LEADING_SETTING.sub("", raw)
        label = _clean_label(raw, lead=_TITLE_LEAD)
        if label and _DANGLING_END.search(label) is None:  # "X on a two-weekly or four-weekly plan": a name cut short
            hits.append(Hit("arm", label, m.start(key) + offset, m.end(key) + offset, {"label": label, "n": None, "label_start": m.start(key) + offset, "title": True}))
    return hits if len(hits) == 2 else []


#: a superscript flattened into brackets after a unit: "mg/m(2)", "10(9)/l"
_SUPERSCRIPT = re.compile(r"(?=\()(?<=[A-Za-z0-9])\((\d)\)")  # the look-ahead first: a fast scan to each bracket
_BRACKETED_DIGIT = re.compile(r"\(\d\)")  # a literal first character: a fast scan, asked before the look-behind pattern


#: a word that compares groups or says they were allocated: without one anywhere in the abstract of a series,
#: groups it names ("301 received A and 117 B") are a description of its treatment, not arms whose results are reported apart
_COMPARED = re.compile(
    r"random|assign|allocat|\beach\b|versus|\bvs\b|compar|differ|\bthan\b|\bbetween\b|\barms?\b|\bgroups?\b|\bcohorts\b|control|placebo|match|"
    r"hazard\s+ratio|odds\s+ratio|(?-i:\b(?:HR|OR|RR)\b)|\b[pP]\s*[=<>≤]|respectively|whereas|while\b|superior|inferior|favou?r",
    re.IGNORECASE,
)


#: a matching step: "after propensity score matching", "matching yielded", "the matched cohort" (lower-cased text)
_MATCHING = re.compile(r"\bmatch(?:ing|ed)\b")
#: the size of each arm after matching: "150 pairs", "150 matched pairs", "150 patients in each group", "150 per arm"
_MATCHED_SIZE = re.compile(
    rf"(?<![\w.·/])(?P<num>{NUMW})\s+(?:(?:well-|propensity[- ]score[- ])?matched\s+)?(?:pairs|couples|dyads)\b"
    rf"|(?<![\w.·/])(?P<num2>{NUMW})\s+(?:(?:matched\s+)?(?:patients|women|men|participants|subjects|cases)\s+)?(?:in\s+each|per|for\s+each)\s+(?:group|arm|cohort)\b",
    re.IGNORECASE,
)


def _matched_sizes(text: str, sentences: Sequence[tuple[int, int]], hits: list[Hit]) -> list[Hit]:
    """After a matching step that sizes every arm ("matching yielded 150 patients in each group", "after matching,
    150 pairs"), the arms sized before it keep their names with the matched size; their unmatched sizes are weak."""
    for s, e in sentences:
        lower = text[s:e].lower()
        m = _MATCHING.search(lower)
        if m is None:
            continue
        size = _MATCHED_SIZE.search(text, s + max(0, m.start() - 60), e)
        if size is None:
            continue
        key = "num" if size.group("num") else "num2"
        value = parse_number(size.group(key))
        if value is None or value != int(value) or value < 2:
            continue
        before = [h for h in hits if h.start < size.start(key) and h.payload["n"] is not None and not h.payload.get("weak") and not h.payload.get("title")]
        labels = list(dict.fromkeys(h.payload["label"] for h in before))
        if not 2 <= len(labels) <= 3:
            continue
        for h in before:
            h.payload["weak"] = True  # the unmatched sizes
        return [Hit("arm", label, size.start(key), size.end(key), {"label": label, "n": int(value), "label_start": size.start(key), "matched": True}) for label in labels]
    return []


#: substrings each of which ``_COMPARED`` matches (tested first: most abstracts hold one)
_COMPARED_KEYS = ("random", "versus", "compar", "assign", "allocat", "control", "respectively", "differ")
#: a series of treated patients (retrospective, from records or a registry, in routine care)
_SERIES = re.compile(r"retrospectiv|\breview(?:ed)?\b|\brecords\b|registry|database|\bcharts?\b|consecutive|real[- ]world|routine\s+(?:practice|care)|observational|population-based|\bseries\b", re.IGNORECASE)


#: the colon of a size written "n: 150" (read as "n = 150")
_N_COLON = re.compile(r"(?<=[(\[;,\s][nN]):(?=\s*\d)|(?<=[(\[;,\s][nN]\s):(?=\s*\d)")
#: curly brackets read as round ones (one character for one: offsets hold)
_BRACES = str.maketrans({"{": "(", "}": ")", '"': " ", "\u201c": " ", "\u201d": " "})


def find_arms(text: str, sentences: Sequence[tuple[int, int]], title_end: int = 0) -> list[Hit]:
    """Arms named with their sizes ("A (n = 120) or B (n = 118)", "120 were assigned to A") or without."""
    if "\xa0" in text:
        text = text.replace("\xa0", " ")  # no-break spaces ("E\xa0→\xa0CMF 440", "n\xa0=\xa080") read as spaces; offsets hold
    if "{" in text or '"' in text or "\u201c" in text:
        text = text.translate(_BRACES)  # "{n = 50; ...}" reads as a bracket, a name in quotes as the name; offsets hold
    if ("n:" in text or "N:" in text or "n :" in text or "N :" in text) and _N_COLON.search(text) is not None:
        text = _N_COLON.sub("=", text)  # "(n: 150)" reads as "(n = 150)"; one character for one: offsets hold
    plain = text  # the arms' code definitions are read in the text as printed
    if "(" in text and _BRACKETED_DIGIT.search(text) and _SUPERSCRIPT.search(text):
        text = _SUPERSCRIPT.sub(r"·\1·", text)  # "75 mg/m(2)": a flattened superscript, not a bracket ("(75 mg/m(2); n = 30)"); offsets hold
    if title_end and not (len(sentences) > 1 and sentences[1][0] < title_end):
        hits: list[Hit] = find_title_arms(text[:title_end])
    else:  # no title part, or a "title" of several sentences (a one-line text read whole as its title): the first sentence is the title
        hits = []
        first = text[sentences[0][0] : sentences[0][1]] if sentences else ""
        lowered = first.lower()
        if ("versus" in lowered or "vs" in lowered or "compared with" in lowered) and _TITLE_LIKE.match(first) is not None:
            hits = find_title_arms(first.rstrip(" ."), sentences[0][0])  # a text with no title part opens with its title
    for s, e in sentences:
        sentence = text[s:e]
        lower = sentence.lower()
        if not holds_any(lower, _ARM_KEYS) and not (holds_any(lower, _TAKING_KEYS) and _maybe_number(sentence, lower)):
            if "(" in sentence and _ANY_DIGIT.search(sentence) is not None:
                split = _split_in_brackets(sentence, lower, s)
                if split:  # "198 patients (EC 100, CMF 98) could be assessed": a count split between the arms in its bracket
                    hits.extend(split)
                    continue
            if ("analyz" in lower or "evaluab" in lower or "assessab" in lower) and _maybe_number(sentence, lower):  # "analyzed in 77 and 74 patients": sizes of arms named elsewhere
                hits.extend(_later_mentions(sentence, lower, s))
            elif "respectively" in lower and _maybe_number(sentence, lower):
                in_order = _sizes_in_order(sentence, s)  # "45% and 30% in the 118 and 112 patients, respectively": sizes in the arms' order
                which = _IN_N_AND_M_RESPECTIVELY.search(sentence) if in_order else None
                if which is not None and not _EVENT_BEFORE.search(sentence, max(0, which.start() - 40), which.start() + 3):  # not "reported in 22 and 30 patients"
                    hits.extend(Hit(h.group, h.label, h.start, h.end, dict(h.payload, weak=True)) for h in in_order)
            elif holds_any(lower, _COMPARE_KEYS):  # "a trial comparing A with B": a design sentence naming the arms
                hits.extend(_comparing_arms(sentence, s))
            elif sentence.count("/") + lower.count(" of ") + sentence.count("=") >= 2 and _two_fractions(sentence):
                # "24 of 120 patients given A and 18 of 121 given B": denominators that size arms named elsewhere, never arms of their own
                hits.extend(Hit(h.group, h.label, h.start, h.end, dict(h.payload, sizes_only=True)) for h in _later_mentions(sentence, lower, s))
            continue  # no arm, group, assignment or size word: nothing more to read
        before = len(hits)
        _find_sentence_arms(sentence, lower, s, hits)
        if len(hits) - before >= 3:
            _drop_total(hits, before)  # "72 women, of whom 37 formed the A group and 35 the B group": 72 is the whole
        if " of " in lower or "/" in sentence:
            for h in hits[before:]:
                if h.payload["n"] is not None and _DENOMINATOR_BEFORE.search(sentence, max(0, h.start - s - 60), h.start - s):
                    h.payload.update(weak=True, fraction=True)  # "20 (41%) of 49 patients in the A group": a denominator
        if len({h.payload["label"] for h in hits[before:] if h.payload["n"] is not None}) < 2:
            if _maybe_number(sentence, lower):  # every later mention is a size
                hits.extend(_later_mentions(sentence, lower, s))
        elif holds_any(lower, _ANALYSED_KEYS) and (_ANALYSED_CUE_LOWER.search(lower) if sentence.isascii() else _ANALYSED_CUE.search(sentence)):
            for h in hits[before:]:
                h.payload["analysed"] = True  # a size statement ("... were evaluable"), not a count of events
    if _COMPARATIVE.search(text) is not None and len({h.payload["label"] for h in hits if h.payload["n"] is not None and not h.payload.get("weak")}) < 2:
        hits.extend(_summed_groups(text, sentences))  # "Sixty were enrolled. Thirty received A, and 30 B alone."
        if ("other " in text or "remaining " in text) and len({h.payload["label"] for h in hits if h.payload["n"] is not None and not h.payload.get("weak")}) < 2:
            hits.extend(_complement_groups(text, sentences))  # "Thirty received A. The other 28 received B."
    if ("case" in text or "Case" in text) and "ontrol" in text and len({h.payload["label"] for h in hits if h.payload["n"] is not None and not h.payload.get("weak")}) < 2:
        hits.extend(_case_control_groups(text, sentences))  # "300 cases and 300 controls": a case-control study's groups
    if "placebo" in text and ("controlled" in text or "Controlled" in text) and not _two_arms_named(hits, sentences):
        hits.extend(_placebo_controlled_arms(text))  # "a placebo-controlled study of A ... (45 per arm)": A and placebo
    name_coded_arms(hits, plain)
    if len(hits) >= 2 and "match" in text and _MATCHING.search(text):
        hits.extend(_matched_sizes(text, sentences, hits))
    if hits and not holds_any(text, _COMPARED_KEYS) and _COMPARED.search(text) is None and _SERIES.search(text) is not None:
        return [h for h in hits if h.payload.get("title")]  # groups no sentence compares are not arms
    if hits:
        hits = _treatment_groups(hits, text, sentences)
    return hits


#: an arm label that names what patients are, not what they received: Child-Pugh class, stage, grade, performance
#: status, risk group, a marker's status ("Child-Pugh A", "BCLC B", "stage III", "ECOG 1", "HPV-positive", "high risk")
_SUBGROUP_LABEL = re.compile(
    r"\bPugh\b|\b(?:BCLC|ALBI|ECOG|WHO\s+PS|PS|ISS|R-ISS|IPI|FIGO|AJCC)\b|\bstages?\s+(?:[0-4]|I{1,3}V?|IV)|\bgrades?\s+[1-4]\b|"
    r"\b(?:low|intermediate|high|poor|good|favou?rable|unfavou?rable|standard)[- ]risk\b|"
    r"\b(?:HPV|p16|ER|PR|HR|HER2|EGFR|KRAS|BRAF|ALK|MGMT|PD-L1|BRCA\d?|MSI|dMMR|pMMR)[- ]?(?:positive|negative|mutant|mutated|wild[- ]type|methylated|unmethylated|high|low|\+|-)(?!\w)",
    re.IGNORECASE,
)
#: a study that escalates doses to find the tolerated one: its dose levels are steps of one schedule, not arms
_ESCALATION_KEYS = ("escalat", "dose level", "dose-level", "maximum tolerated", "mtd", "dose-finding", "dose finding", "3 + 3", "3+3")


def _treatment_groups(hits: list[Hit], text: str, sentences: Sequence[tuple[int, int]]) -> list[Hit]:
    """The hits less those of a sentence that lists subgroups of patients ("Child-Pugh A, n = 187; B7, n = 28")
    or the dose levels of a non-randomised dose-escalation study ("35 Gy, n = 3; 40 Gy, n = 6"): neither are
    treatment groups the study compares."""
    lower = text.lower()
    if "random" in lower:
        return hits  # a randomised study's groups are its arms, and its doses name the arms of a dose comparison
    subgroup = [h for h in hits if not h.payload.get("title") and _SUBGROUP_LABEL.search(h.payload["label"]) is not None]
    doses = [h for h in hits if not h.payload.get("title") and _BARE_DOSE.match(h.payload["label"]) is not None]
    if len(doses) < 2 or not holds_any(lower, _ESCALATION_KEYS):
        doses = []
    dropped = subgroup + doses
    if not dropped:
        return hits
    spans = {(s, e) for s, e in sentences for h in dropped if s <= h.start < e}
    return [h for h in hits if h.payload.get("title") or not any(s <= h.start < e for s, e in spans)]


# --- arm names the text defines for a code ("vinorelbine and eribulin (VE)", "sunitinib (arm A)") -----------

#: a label that does not say what the arm received: an abbreviation ("AD", "ddAT", "T-DM1"), a letter or
#: number ("A", "group 1", "arm B", "group SF") or a role ("the study group", "combination therapy")
_CODE_LABEL = re.compile(
    r"(?:(?:group|arm|cohort)\s+)?(?=[\w+/-]*[A-Z][\w+/-]*[A-Z])[A-Za-z][\w+/-]{1,9}(?:\s+(?:group|arm|cohort))?"
    r"|(?:(?:group|arm|cohort)\s+)?[A-Z0-9]\d?(?:\s+(?:group|arm|cohort))?|(?:group|arm|cohort)\s+[A-Za-z0-9]{1,3}"
    r"|(?:the\s+)?(?:study|intervention|interventional|experimental|investigational|active|combination(?:\s+therapy)?|monotherapy)"
    r"(?:\s+(?:group|arm|cohort|therapy))?"
)
_ROLE_CODE = re.compile(r"^(?:the\s+)?(?:study|intervention|interventional|experimental|investigational|active|combination|monotherapy)\b", re.I)
#: where a name before "(code)" begins: after a verb of assignment or treatment, a comparison word, a preposition or a comma
_NAME_START = re.compile(
    r"^.*(?:\b(?:to|receive[ds]?|receiving|given|treated\s+with|underwent|undergo|undergoing|either|or|versus|vs\.?|v|"
    r"of|between|comparing|compared|plus\s+either)\s+|[,;:]\s*|^)",
    re.IGNORECASE | re.DOTALL,
)
_NAME_STARTS = (_NAME_START, re.compile(_NAME_START.pattern.replace("|either|", "|with|either|"), re.IGNORECASE | re.DOTALL))


@lru_cache(maxsize=4)
def _no_comma(start: re.Pattern[str]) -> re.Pattern[str]:
    return re.compile(start.pattern.replace("[,;:]", "[;:]"), re.IGNORECASE | re.DOTALL)


_LIST_JOIN = re.compile(r"\s(?:and|plus)\s|\s\+\s")
_NAME_LEAD = re.compile(r"^(?:(?:the|a|an|and|or|with|both|open-label|oral|intravenous|either)\s+)+", re.IGNORECASE)
_NAME_DOSE = re.compile(
    r"\s*\b\d[\d.,·]*\s*(?:-\s*\d[\d.,·]*\s*)?(?:mg|g|µg|mcg|IU|Gy|units?)\b(?:\s*/\s*(?:m\(?2\)?|kg|day|d|week|wk))*(?:\s*\(\d\))?"
    r"|\s+(?:(?:twice|once|three\s+times)\s+)?(?:daily|weekly|a\s+day|per\s+day|every\s+\d+\s+(?:days|weeks))\b",
    re.IGNORECASE,
)
_NAME_BAD = re.compile(
    r"\b(?:patients|women|randomi[sz]ed|were|was|days?|twice|cycles?|courses?|q\d+w?|how|whether|investigate|evaluate|assess|compare|determine|examine|grade)\b"
    r"|\b[nN]\s*=|\d\s*%|^\d|\s\d[\d.,]*$|[<>≤≥=]|^(?:in|over|at|for|of)\s+\d",  # "in 5 fractions": a dose's split, left by its dose
    re.IGNORECASE,
)


_GROUP_WORD_EDGE = re.compile(r"^(?:group|arm|cohort)\s+|\s+(?:group|arm|cohort)$")
_NAME_TRAIL = re.compile(r"\s+(?:and|or|for|in|on|at|with|without|plus)$")
_CLAUSE_BREAK = re.compile(r"[.;(\[)\]]\s")


def _code_letters(code: str) -> str:
    return "".join(c.lower() for c in _GROUP_WORD_EDGE.sub("", code) if c.isalpha())


def _spells(letters: str, name: str) -> bool:
    """Whether ``name`` starts with the first of ``letters`` and holds them all in order ("AD": "doxorubicin and docetaxel" no, "adriamycin and docetaxel" yes)."""
    lowered = name.lower()
    if not letters or not lowered.startswith(letters[0]):
        return False
    pos = 0
    for c in letters:
        pos = lowered.find(c, pos)
        if pos < 0:
            return False
        pos += 1
    return True


_NOT_A_NAME = frozenset("both either each all neither none other".split())


@lru_cache(maxsize=256)
def _tidy_name(raw: str) -> str | None:
    name = _NAME_DOSE.sub("", raw) if _ANY_DIGIT.search(raw) or "ly" in raw or "every" in raw or "day" in raw else raw
    name = _NAME_LEAD.sub("", " ".join(name.split()).strip(" ,;:-"))
    name = _NAME_TRAIL.sub("", name).strip(" ,;:-")
    if not name or len(name) < 2 or len(name) > 70 or name.lower() in _NOT_A_NAME or len(name.split()) > 8 or _NAME_BAD.search(name) or _CODE_LABEL.fullmatch(name):
        return None
    return name


def _definition(code: str, text: str) -> str | None:
    """The name the text gives an arm labelled ``code``: "NAME (code)", "NAME (code; n = 30)", "NAME (code group)",
    or "code (NAME)". The name runs from the last word of assignment, comparison or treatment (or comma) before
    the bracket; for an abbreviation, the fewest words that spell it (its letters in order) when they are shorter."""
    letters = _code_letters(code)
    acronym = not _ROLE_CODE.match(code) and not _LETTER_CODE.fullmatch(code) and len(letters) >= 2 and " " not in code
    lower = _lowered(text)
    hunt, key = (text, code) if acronym else (lower, code.lower())
    for opening, inside in _brackets(text):
        if not hunt.startswith(key, inside):
            continue
        after = _AFTER_CODE.match(text, inside + len(key))
        if after is None or _RESULT_AFTER.match(text, after.end()):
            continue  # not the code alone, or "(arm A, 46%; arm B, 62%)": a result listed by arm, not a definition
        before = _CLAUSE_BREAK.split(text[max(0, opening - 120) : opening])[-1]
        name = None
        for start in _NAME_STARTS:  # "concurrent with letrozole (study arm)" is named from its verb; "... with X (ABC)" from "with"
            name = _tidy_name(start.sub("", before, count=1))
            if name and _LIST_JOIN.search(name):  # "docetaxel, carboplatin and trastuzumab (TCH)": the comma is the list's
                name = _tidy_name(_no_comma(start).sub("", before, count=1))
            if name is not None and len(name.split()) > 6:
                name = None
            if name:
                break
        if acronym:
            words = before.split()
            for n in range(1, min(len(words), len(letters) + 2) + 1):
                candidate = " ".join(words[-n:])
                if words[-n].lower() not in _FUNCTION_WORDS and _spells(letters, candidate):
                    spelled = _tidy_name(candidate)
                    if spelled and _spells(letters, spelled) and not (name and spelled.lower().endswith(name.lower())):
                        name = spelled
                    break
        if name:
            return name
    if not acronym:
        for at in _free_places(hunt, key):
            m = _NAME_IN_BRACKET.match(text, at + len(key))
            name = _tidy_name(m.group("name")) if m else None
            if name:
                return name
    if holds_any(lower, _GIVEN_KEYS):
        for at in _free_places(lower, code.lower()):  # "group A received docetaxel", "group 2 was given written advice"
            m = _GIVEN_AFTER.match(text, at + len(code))
            name = _tidy_name(m.group("name")) if m else None
            if name and len(name.split()) <= 5:
                return name
    return None


def _free_places(text: str, key: str) -> Iterator[int]:
    """Offsets of ``key`` in ``text`` with no letter, digit, "_" or "-" just before it ("A" in "arm A", not in "EPA")."""
    for at in _places(text, key):
        if not at or not (text[at - 1].isalnum() or text[at - 1] in "_-"):
            yield at


_GIVEN_KEYS = ("received", "given", "treated with", "underwent", "took")


@lru_cache(maxsize=4)
def _lowered(text: str) -> str:
    return text.lower()


_GIVEN_AFTER = re.compile(
    r"(?:\s+(?:group|arm|cohort))?\s*,?\s+(?:patients\s+|women\s+)?(?:received|were\s+given|was\s+given|were\s+treated\s+with|was\s+treated\s+with|underwent|took)\s+"
    r"(?P<name>[A-Za-z][^.,;:()]{1,60}?)\s*(?=[.,;:(]|\s+(?:and|while|whereas|but)\s)",
    re.IGNORECASE,
)


_AFTER_CODE = re.compile(r"\s*(?:(?:group|arm)\s*)?(?:[);,:=]|n\s*=)", re.IGNORECASE)
_NAME_IN_BRACKET = re.compile(r"\s*\(\s*(?P<name>[A-Za-z](?:[^()]|\(\d\)){2,80}?)\s*[),;]")
_BRACKET_WORD = re.compile(r"\(\s*(?:the\s+)?(?=\w)", re.IGNORECASE)


@lru_cache(maxsize=4)
def _brackets(text: str) -> tuple[tuple[int, int], ...]:
    """(where each bracket opens, where the first word inside it starts): a code is defined just inside a bracket."""
    return tuple((m.start(), m.end()) for m in _BRACKET_WORD.finditer(text))


_LETTER_CODE = re.compile(r"(?:(?:group|arm|cohort)\s+)?[A-Za-z0-9]\d?(?:\s+(?:group|arm|cohort))?", re.IGNORECASE)
_RESULT_AFTER = re.compile(r"\s*(?:[<>≤≥=]\s*)?\d[\d.,·]*\s*(?:%|months?|mo\b|years?|weeks?|days?)")
_FUNCTION_WORDS = frozenset("and or of with the plus to in a an vs vs. versus by for on at than".split())


@lru_cache(maxsize=1024)  # the same labels recur across abstracts ("placebo", "group A")
def _is_code(label: str) -> bool:
    return label != "*" and _CODE_LABEL.fullmatch(label) is not None


def name_coded_arms(hits: list[Hit], text: str) -> None:
    """Give arms labelled by a code ("AD", "group A", "the study arm") the name the text defines for it,
    as "NAME (code)"; an arm labelled by a defined name gets its code too, so both name one arm."""
    if not hits or "(" not in text:
        return  # every definition has a bracket
    labels = list(dict.fromkeys([h.payload["label"] for h in hits]))
    codes = [label for label in labels if _is_code(label)]
    if not codes:
        return
    renamed: dict[str, str] = {}
    for label in codes:
        name = _definition(label, text)
        if name:
            renamed[label] = f"{name} ({label})"
    if not renamed:
        return
    names = {new[: new.rindex(" (")].lower(): new for new in renamed.values()}
    if len(set(renamed.values())) < len(renamed):
        return  # two codes given one name: leave the labels as they are
    for label in labels:
        if label not in renamed and label.lower() in names:
            renamed[label] = names[label.lower()]  # "cetuximab plus irinotecan" is the arm "cetuximab plus irinotecan (CI)"
    for h in hits:
        new = renamed.get(h.payload["label"])
        if new is not None:
            h.payload["label"] = new


_GROUP_LETTER_AFTER = re.compile(r"[^.;()]{0,80}?\(\s*((?:[Gg]roup|[Aa]rm|[Cc]ohort)\s+[A-Z0-9]{1,2})\s*\)")
#: "81 patients opted for X (control arm) and 81 chose Y (intervention arm)": a role in brackets names the arm
_ROLE_AFTER = re.compile(r"[^.;()\d]{0,80}?\(\s*(?:the\s+)?(control|intervention|experimental|placebo|study|treatment|comparison)\s+(?:arm|group)\s*\)", re.IGNORECASE)
#: what opens a sentence about one arm's people: "Of the", "Among", "In addition, of"
_OF_ALLOCATED = re.compile(r"^(?:[A-Z][A-Za-z ]{0,25}:\s*)?(?:(?:in\s+addition|similarly|overall|in\s+all|in\s+contrast|by\s+contrast|conversely|likewise|meanwhile|however|whereas|while),?\s+)?(?:of|among)\s+(?:the\s+|all\s+)?$", re.IGNORECASE)
#: an abbreviation before "with" at an arm name's start: "HDC with cyclophosphamide" names the arm HDC
_CODE_WITH = re.compile(r"(?:(?:receive|undergo)\s+)?(?:the\s+)?([A-Z][A-Z0-9+/-]{1,7})\s+with\s")
#: the rest of one group's name joined by "and": "[the A] and B group" (one group; "the A and B groups" are two)
_JOINED_GROUP = re.compile(r"\s+and\s+(?P<tail>[A-Za-z][\w+/\-·]*(?:\s+[A-Za-z][\w+/\-·]*){0,2}?)\s+(?:group|arm|cohort)\b(?!s)", re.IGNORECASE)
#: what an allocated arm's name cannot be (a schedule's count may stand inside it: "G-CSF during the first two cycles")
_NOT_ALLOCATED_ARM = re.compile(r"^(?:the\s+)?(?:two|three|four|both|each|either|other|same|all)\b|\b(?:groups|arms|subgroups?)\b|\b(?:risk|responders?)\b", re.IGNORECASE)
_ALLOCATING_WORD = re.compile(r"\b(?:assigned|allocated|randomi[sz]ed)\b", re.IGNORECASE)
#: what follows a count's state when that state came before randomisation: "... and went on to randomisation"
_WENT_ON_TO_RANDOMISATION = re.compile(r"\s+and\s+(?:then\s+|subsequently\s+)?(?:went\s+on\s+to|proceeded\s+to|entered|underwent)\s+(?:the\s+)?randomi[sz]ation\b", re.IGNORECASE)
#: a later count of the same sentence that was allocated: the count before it is the phase the allocated were drawn
#: from ("Of 612 who started induction, 558 were randomised", "430 began the run-in, of whom 388 were randomly assigned")
_ALLOCATED_LATER = re.compile(
    rf"[,;]\s*(?:and\s+|but\s+|of\s+(?:whom|these|them)\s+|(?:only\s+)?)?(?P<num>{NUMW})\s+(?:\(\s*\d[\d.·]*\s*%\s*\)\s+)?(?:(?:patients|women|men|participants|subjects)\s+)?"
    r"(?:(?:were|was)\s+(?:then\s+|subsequently\s+|eventually\s+|later\s+)?(?:randomly\s+)?(?:assigned|allocated|randomi[sz]ed)|underwent\s+randomi[sz]ation|(?:entered|proceeded\s+to)\s+(?:the\s+)?randomi[sz]ation"
    r"|(?:were|was)\s+[^,;.()]{1,80}?\s+and\s+(?:then\s+|subsequently\s+)?(?:went\s+on\s+to|proceeded\s+to|entered|underwent)\s+(?:the\s+)?randomi[sz]ation)\b",
    re.IGNORECASE,
)
#: what people "had" when the count is of an event, not an arm: "4 patients had an in-breast recurrence after A",
#: "12 had a wound infection", "3 had grade 4 neutropenia"
_HAD_EVENT = re.compile(
    r"\b(?:recurrences?|relapses?|progression|responses?|remissions?|metastas[ie]s|deaths?|events?|complications?|infections?|toxicit(?:y|ies)|"
    r"fractures?|seromas?|lymph(?:o)?edema|failures?|reactions?|necrosis|bleeding|ha?emorrhages?|thrombos[ie]s|neutropenia|fever|dehiscence|leaks?|disease)\b",
    re.IGNORECASE,
)
_OPENING = re.compile(r"(?:(?:a\s+total\s+of|in\s+all|in\s+total|of\s+these|overall)[\s,]*)?$", re.IGNORECASE)
_GROUP_NEXT = re.compile(r"(?:\s*\(\s*[A-Za-z][\w+/-]{0,9}\s*\))?\s+(?:group|arm|cohort)\b", re.IGNORECASE)  # "in the docetaxel (D) arm"
_ANALYSED_KEYS = ("evaluab", "assessab", "analy", "eligible", "completed", "available", "protocol", "intention", "itt", "population", "n =", "n=", "assessed")
_ANALYSED_CUE = re.compile(r"evaluab|assessab|analy[sz]|eligible|completed|available|per[- ]protocol|intention|\bITT\b|population|\b[nN]\s*=|\bwere\s+assessed\b", re.IGNORECASE)
#: the same matches in the lower-cased text of an ASCII sentence, without the slower case-blind matching
_ANALYSED_CUE_LOWER = re.compile(r"evaluab|assessab|analy[sz]|eligible|completed|available|per[- ]protocol|intention|\bitt\b|population|\bn\s*=|\bwere\s+assessed\b")


_ARM_N_ANCHOR = re.compile(r"[nN]\s*=|[(\[]")
_WORD_START = re.compile(r"(?<![\w+/-])[A-Za-z0-9]")
_ARM_N_REACH = 200  # an '(n = N)' match starts at most this far before its bracket or 'n =' (label <= 81 characters)


_NOT_NAME_CHAR = re.compile(r"[^\w+/\-·.,\s]")  # what an _ARM_N name (and the spaces and commas after it) cannot hold


def _arm_n_starts(sentence: str) -> list[int]:
    """Offsets where an :data:`_ARM_N` match may start: a bracket, or a word start at most
    ``_ARM_N_REACH`` characters before a bracket or an 'n ='."""
    anchors = [m.start() for m in _ARM_N_ANCHOR.finditer(sentence)]
    if not anchors:
        return []
    out, k = [], 0
    brackets = {a for a in anchors if sentence[a] in "(["}
    # a name runs over name characters up to its bracket or its 'n =': a word start whose run of such characters
    # ends at any other character cannot begin a match
    stops = [m.start() for m in _NOT_NAME_CHAR.finditer(sentence, max(0, anchors[0] - _ARM_N_REACH))]
    j = 0
    for m in _WORD_START.finditer(sentence, max(0, anchors[0] - _ARM_N_REACH), anchors[-1]):
        at = m.start()
        while k < len(anchors) and anchors[k] < at:
            if anchors[k] in brackets:
                out.append(anchors[k])
            k += 1
        while j < len(stops) and stops[j] < at:
            j += 1
        if k < len(anchors) and anchors[k] - at <= _ARM_N_REACH and j < len(stops) and sentence[stops[j]] in "([=:":
            out.append(at)
    out.extend(a for a in anchors[k:] if a in brackets)
    return out


#: a character an _ARM_N label cannot hold (the complement of its label class ``[\w+/\-·., ]``): the end of the run a
#: label starting at a word can reach
_NOT_LABEL_CHAR = re.compile(r"[^\w+/\-·., ]")
_ARM_N_LABEL_MAX = 81  # an _ARM_N label: one character and 1 to 80 more


def _arm_n_matches(sentence: str) -> Iterator[re.Match[str]]:
    """``_matches_at(_ARM_N, sentence, _arm_n_starts(sentence))``, trying fewer starts: a word start ``w`` whose
    match fails has tried the size part at every end of a label within its run of label characters (up to ``r``, the
    first character no label holds); when ``r - w`` is within a label's reach, a later word start of the same run would
    try a subset of those ends, and fails too, so it is skipped. Same matches (tests/test_extract_speed7a.py)."""
    end = 0
    dead = 0  # word starts before this offset cannot match (see above)
    for at in _arm_n_starts(sentence):
        if at < end or at < dead:
            continue
        m = _ARM_N.match(sentence, at)
        if m is not None:
            end = m.end()
            yield m
        elif sentence[at] not in "([":
            stop = _NOT_LABEL_CHAR.search(sentence, at)
            r = stop.start() if stop is not None else len(sentence)
            if r - at <= _ARM_N_LABEL_MAX:
                dead = r


#: the verb that allocates people to the arm named just after it: "were randomised to (receive) ...", "assigned to the ..."
_ALLOCATED_TO_BEFORE = re.compile(
    r"\b(?:randomi[sz]ed|randomly\s+(?:assigned|allocated)|assigned|allocated)\s+(?:\([^()]{0,30}\)\s+)?(?:to|into)\s+(?:(?:receive|undergo)\s+)?(?:the\s+|an?\s+)?$",
    re.IGNORECASE,
)
_ALLOCATING = re.compile(r"\b(?:treated|received|receiving|assigned|allocated|randomi[sz]ed|enrol+ed|included|entered|underwent|started|taking|using)\b", re.IGNORECASE)
_ALLOCATING_AFTER = re.compile(r"\b(?:to|into|with)\b|" + _ALLOCATING.pattern, re.IGNORECASE)


#: what stands before a denominator: "16 of", "20 (40.8%; 95% CI 27.0-55.8) of", "12/"
_DENOMINATOR_BEFORE = re.compile(r"(?:\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|\w+ty))\s*(?:[(\[][^()\[\]]{0,40}[)\]]\s*)?(?:of|out\s+of|/)\s*$", re.IGNORECASE)


#: what follows a number that counts a treatment's units, not people: "three preoperative and three postoperative
#: cycles", "four plus four cycles", "six weekly courses", "5 fractions", "45 Gy" (matched after the number)
_SCHEDULE_WORDS = r"(?:pre|post|peri)-?operative|neoadjuvant|adjuvant|induction|consolidation|maintenance|concurrent|sequential|(?:bi|tri)?-?weekly|daily|monthly|further|additional|more|planned|consecutive|initial|subsequent|total|full"
_SCHEDULE_AFTER = re.compile(
    rf"(?:\s+(?:{_SCHEDULE_WORDS}))*(?:\s*(?:and|or|plus|\+|to|-|–|then|followed\s+by)\s*{NUMW}(?:\s+(?:{_SCHEDULE_WORDS}))*)?"
    r"\s*(?:cycles?|courses?|doses?|fractions?|sessions?|infusions?|injections?|instillations?|applications?|treatments\b|weeks?|months?|days?|years?|hours?|times|Gy|cGy|mg|g\b|mL)\b",
    re.IGNORECASE,
)
#: a ratio around a number: "randomised 1:1:1 to", "(2:1)"
#: a ratio's terms are small numbers ("1:1", "2 : 1"): a colon after a year or a count ("from 2009 to 2014: 458 were
#: allocated A", "(n = 240): 120 received B") opens a list, not a ratio
_RATIO_AROUND = re.compile(r"(?<![\d.,·])\d{1,2}\s*:\s*$")
_RATIO_AFTER = re.compile(r"\s*:\s*\d")


def _not_a_size(sentence: str, a: int, b: int) -> bool:
    """Whether the number at ``a:b`` counts a treatment's cycles, doses, fractions or weeks, or is a term of an
    allocation ratio: never an arm's size ("randomised 1:1 to three preoperative and three postoperative cycles")."""
    if _RATIO_AFTER.match(sentence, b) or (":" in sentence[max(0, a - 3) : a] and _RATIO_AROUND.search(sentence, max(0, a - 7), a)):
        return True
    return _SCHEDULE_AFTER.match(sentence, b) is not None


def _share_of_events(sentence: str, num_end: int, label_start: int, listed: bool = False) -> bool:
    """Whether a count with a percentage is joined to its group by no verb that allocates or treats:
    "87 (1.6%) women in the A group" counts events; "77 (51.3%) were randomised to A" and
    "292 (44.8%) treated with B" are group sizes, and so is a later item of the list, "and 73 (48.7%) to B"."""
    between = sentence[num_end:label_start]
    return "%" in between and (_ALLOCATING_AFTER if listed else _ALLOCATING).search(between) is None


#: an arm named by its role, with or without the people it holds: "Control dyads", "Intervention participants", "Placebo"
_ROLE_ARM = re.compile(r"^((?:control|intervention|placebo|experimental|comparison|usual[- ]care|standard[- ]care|wait[- ]?list(?:ed)?)(?:\s+(?:arm|group))?)"
                       r"(?:\s+(?:dyads|couples|pairs|patients|women|participants|subjects|survivors))?$", re.IGNORECASE)
_LETTER = re.compile(r"[A-Z][A-Z0-9]{0,5}")  # an abbreviation the cleaner may refuse ("C", "AT")


def _name_before(sentence: str, end: int) -> str | None:
    """The arm name just before ``end``, read leftwards to a clause word or a comma ("..., or control group" -> "control")."""
    tail = _LEFT_BOUNDARY.sub("", _BRACKETED.sub("", sentence[:end]).rstrip(" ,"), count=1)
    return _clean_label(tail) if tail and len(tail.split()) <= 6 else None


_SPLIT_START = re.compile(
    r"\b(?:randomi[sz]ed|assigned|allocated|divided|enrol+ed|included|treated|recruited|analy[sz]ed|evaluable)"
    r"(?:\s+(?:randomly\s+)?(?:in|into|to)\s+(?:two|three|four|2|3|4)\s+(?:\w+\s+){0,2}?(?:groups|arms))?\s*[,:]\s*(?=\d|[a-z]+[\s-])",
    re.IGNORECASE,
)
_SPLIT_ITEM = re.compile(
    rf"\s*(?:[,:;]|\band\b)\s*(?:and\s+)?(?P<num>{NUMW})(?:\s*{_PCT_PAREN})?\s+(?:patients?\s+|women\s+)?(?:with|to|in|on|received|receiving)\s+(?:the\s+)?"
    rf"(?P<label>[A-Za-z0-9][\w+/\-· ]{{0,50}}?){_LABEL_END}(?:\s+(?:group|arm|cohort)\b)?",
    re.IGNORECASE,
)


def _split_arms(sentence: str, offset: int) -> list[Hit]:
    """A total's split listed after its verb, each part with its preposition: "131 patients were treated, 40 with A,
    38 with B, 27 with C and 26 with D", "... were randomised: 60 to A and 58 to B"."""
    for start in _SPLIT_START.finditer(sentence):
        out: list[Hit] = []
        at = max(sentence.rfind(",", 0, start.end()), sentence.rfind(":", 0, start.end()))  # the mark after the verb
        while len(out) < 6:
            m = _SPLIT_ITEM.match(sentence, at)
            if m is None:
                break
            label, value = _clean_label(m.group("label")), parse_number(m.group("num"))
            if not label or value is None or value != int(value) or value <= 0 or _OUTCOME_LABEL.search(label):
                break
            out.append(Hit("arm", label, m.start("num") + offset, m.end("num") + offset, {"label": label, "n": int(value), "label_start": m.start("label") + offset}))
            at = m.end()
        if len({h.payload["label"].lower() for h in out}) == len(out) >= 2:
            return out
    return []


def _randomised_cue(sentence: str, lower: str) -> bool:
    """``_RANDOMISED_CUE.search(sentence)``, spared by substring tests where none of its words stands."""
    if "random" not in lower and "assigned" not in lower and "allocated" not in lower:
        return False
    return _RANDOMISED_CUE.search(sentence) is not None


_BRACKETED_CODE = re.compile(r"\(\s*([A-Z][A-Za-z0-9+/-]{0,7})\s*\)")


def _by_codes(arm_n: list[Hit], raws: list[str]) -> list[Hit]:
    """Arms whose names read the same ("A with X (n = 69), B with X (n = 70)": the name after "with" is shared) named
    instead by the codes their descriptions define ("live music (LM) ... (n = 69)"), when every such arm has its own."""
    labels = [h.payload["label"] for h in arm_n]
    codes = []
    for h, raw in zip(arm_n, raws):
        if labels.count(h.payload["label"]) == 1:
            codes.append(None)
            continue
        code = None
        for code in _BRACKETED_CODE.finditer(raw):
            pass  # the last code defined before the size
        if code is None:
            return arm_n
        codes.append(code.group(1))
    named = [c or h.payload["label"] for h, c in zip(arm_n, codes)]
    if len(set(named)) < len(named):
        return arm_n
    return [Hit(h.group, name, h.start, h.end, dict(h.payload, label=name)) for h, name in zip(arm_n, named)]


#: the noun a list of sized items shares after its last bracket: "ovarian (n = 8) or colorectal (n = 4) cancer"
#: (not "palpable (n = 513) and nonpalpable (n = 1063) tumor groups": groups named by it)
_SHARED_DISEASE_HEAD = re.compile(
    r"\s*[)\]]\s*(?:cancers?|carcinomas?|tumou?rs?|disease|malignanc(?:y|ies)|metastases|sarcomas?|lymphomas?|leuka?emias?|histolog(?:y|ies)|subtypes?)\b(?!\s+(?:groups?|arms?|cohorts?)\b)",
    re.IGNORECASE,
)


def _find_sentence_arms(sentence: str, lower: str, s: int, hits: list[Hit]) -> None:
    """Append the arms one sentence names (with or without sizes) to ``hits``."""
    if not _has_arm_cue(sentence, lower):  # the caller tested _ARM_KEYS
        return
    if not _maybe_number(sentence, lower):  # no number, no size: only the names "randomised to A or B" can be read
        _named_arms(sentence, lower, s, hits, _has_assigned(sentence, lower))
        return
    found = False
    arm_n = []
    raws: list[str] = []  # the text before each arm_n hit's size, from the end of the one before
    prev = 0
    n_equals = "=" in sentence and _HAS_N_EQUALS.search(sentence) is not None
    bracket = "(" in sentence or "[" in sentence
    if n_equals and "(" in sentence and _N_THEN_NAME.search(sentence) is not None:
        sized_first = _paren_arms(sentence, s)  # "randomised (n = 60, A and n = 58, B)": each size before its name
        if sized_first:
            hits.extend(sized_first)
            return
    for m in _arm_n_matches(sentence) if (n_equals or (bracket and (_PAREN_COUNT_ANY.search(sentence) or ("=" in sentence and _CODE_EQUALS.search(sentence))))) else ():
        key = "num" if m.group("num") else "num3" if m.group("num3") else "num2"
        raw = m.group("label2") if key == "num2" else m.group("label")
        tail = _THE_GROUP_TAIL.search(raw) if key != "num2" and " the " in raw else None
        if tail is not None:
            raw = tail.group(1)  # "scores improved in the intervention arm (n = 61)": the arm is what the group word names
        if key != "num2" and raw[:3].lower() == "of " and "%" in sentence:
            named = _NAMED_BEFORE_FIGURE.search(sentence, max(0, m.start("label") - 90), m.start("label"))
            if named is not None:  # "to a diet aiming at 20% of energy from fat (n = 90)": a figure split the description; the name leads it
                raw = named.group("name")
        label = _clean_label(raw)
        if label is None and key == "num2" and _LETTER.fullmatch(m.group("label2")):
            label = _name_before(sentence, m.start())  # "or control group (C, n = 12)": the name before the bracket
        elif key == "num2" and sentence[m.end("label2") : m.start("num2")].strip() == "=":
            label = _name_before(sentence, m.start()) or label  # "an exercise group (EG = 22)": the name before the code
        value = parse_number(m.group(key))
        if label and value is not None and value == int(value):
            start = m.start("label2") if key == "num2" else m.start("label") + (tail.start(1) if tail is not None else 0)
            arm_n.append(Hit("arm", label, m.start(key) + s, m.end(key) + s, {"label": label, "n": int(value), "label_start": start + s}))
            raws.append(sentence[prev:m.start(key)])
            prev = m.end()
    if len(arm_n) >= 2 and _SHARED_DISEASE_HEAD.match(sentence, arm_n[-1].end - s) is not None:
        return  # "with ovarian (n = 8), breast (n = 5) or colorectal (n = 4) cancer": kinds of one disease, not arms
    if len(arm_n) >= 2 and len({h.payload["label"] for h in arm_n}) < len(arm_n):
        arm_n = _by_codes(arm_n, raws)
    arm_n = [h for h in arm_n if not _SETTING_ONLY.match(h.payload["label"]) and not _OUTCOME_LABEL.search(h.payload["label"])]
    if arm_n and not _has_anchor_cue(sentence, lower):
        arm_n = []
    dose_levels = n_equals and _randomised_cue(sentence, lower) and _DOSE_THEN_N.search(sentence) is not None
    unread = n_equals and len(arm_n) >= 2 and len(_HAS_N_EQUALS.findall(sentence)) > len(arm_n)  # "A (n = 45), B (n = 44) or C (UC) (n = 43)": a size left unread
    if (len({h.payload["label"] for h in arm_n}) < 2 or dose_levels or unread) and (n_equals or (bracket and (_PAREN_COUNT.search(sentence) or (_randomised_cue(sentence, lower) and _BARE_PAREN.search(sentence))))):
        anchored = _anchored_arms(sentence, s)
        if anchored and len(anchored) >= len(arm_n):
            arm_n = anchored
    if len({h.payload["label"] for h in arm_n}) == 1:
        role = _ROLE_ARM.match(arm_n[0].payload["label"])
        if role:  # "Control dyads (n = 63) received usual care": one arm per sentence, named by its role
            arm_n = [Hit(h.group, role.group(1), h.start, h.end, dict(h.payload, label=role.group(1), grouped=True)) for h in arm_n]
        elif len(arm_n) == 1 and _GROUP_WORD.match(arm_n[0].payload["label"]) and _LETTER_NAME.fullmatch(arm_n[0].payload["label"]):
            # "Group 1 (n = 30) received acupuncture.": one arm per sentence, named by its letter or number
            arm_n = [Hit(arm_n[0].group, arm_n[0].label, arm_n[0].start, arm_n[0].end, dict(arm_n[0].payload, grouped=True))]
        elif len(arm_n) == 1 and _has_assigned(sentence, lower):
            h = arm_n[0]
            at = sentence.rfind(h.payload["label"], 0, h.start - s)
            if at >= 0 and _ALLOCATED_TO_BEFORE.search(sentence, max(0, at - 60), at):
                # "Others were randomised to paclitaxel (n = 118).": one arm per sentence, each allocated with its size
                arm_n = [Hit(h.group, h.label, h.start, h.end, dict(h.payload, grouped=True))]
    if len({h.payload["label"] for h in arm_n}) >= 2 or (arm_n and _HAS_N_EQUALS.search(sentence)):
        hits.extend(arm_n)
        found = True
    if found:
        return
    sizing = holds_any(lower, _SIZE_KEYS)
    pair = _pair_of_people(sentence, s) if sizing and (" and " in lower or " or " in lower) and len(_number_starts(sentence)) >= 2 else []
    if not pair and ("-treated" in lower or "-allocated" in lower or "-assigned" in lower):
        pair = _treated_pair(sentence, s)  # "118 letrozole-treated and 112 tamoxifen-treated patients"
    if pair:  # "120 intervention and 118 control patients were randomised"
        hits.extend(pair)
        return
    list_hits = _list_arms(sentence, lower, s) if ("respectively" in lower or "assign" in lower or "allocat" in lower or "random" in lower or "enrol" in lower or "includ" in lower or "treated" in lower or "compris" in lower or "consist" in lower or " had " in lower or ":" in sentence) else []
    if list_hits:
        hits.extend(list_hits)
        return
    group_hits = _group_items(sentence, s) if ("-" in sentence or "–" in sentence or "—" in sentence or ":" in sentence) and _two_group_words(lower) else []
    if group_hits:  # "Group A (letrozole) - 60 patients; group B (anastrozole) - 58 patients"
        hits.extend(group_hits)
        return
    had_hits = _had_arms(sentence, s) if ("respectively" in sentence or " had " in sentence or "includ" in lower or "compris" in lower or "consist" in lower or "enrol" in lower) else []
    given = _given_to_arms(sentence, s) if (" to " in lower and ("given" in lower or "administered" in lower or "offered" in lower)) else []
    if given:  # "Docetaxel was given to 41 patients and paclitaxel to 39.", "Letrozole was given to 118 women."
        hits.extend(given)
        return
    if len(had_hits) == 1 and _GROUP_HAD_PEOPLE.match(sentence) is not None:
        had_hits[0].payload["grouped"] = True  # "The letrozole group comprised 118 women.": one arm per sentence, named by its group
    if had_hits:
        hits.extend(had_hits)
        return
    paren_hits = _paren_arms(sentence, s) if "(" in sentence or "[" in sentence else []
    if not paren_hits and ":" in sentence and sizing:
        colon_hits = _colon_list_arms(sentence, s)
        if colon_hits:
            hits.extend(colon_hits)
            return
    if paren_hits and ";" in sentence and _ALLOCATED_BEFORE_ANALYSED.search(sentence, 0, paren_hits[0].payload["label_start"] - s) is not None:
        # "402 were randomised: 201 to A and 201 to B; 380 were analysed (190 A, 190 B)": the allocation sizes the arms,
        # the bracket after the analysis gives their second sizes
        hits.extend(Hit(h.group, h.label, h.start, h.end, dict(h.payload, weak=True, analysed=True)) for h in paren_hits)
        paren_hits = []
        sentence = sentence[: sentence.rfind(";", 0, hits[-1].start - s)]
        lower = sentence.lower()
    if paren_hits:
        hits.extend(paren_hits)
        again = _paren_arms(sentence, s, paren_hits[-1].end - s)  # "(84 A, 83 B) at 6 weeks and 155 at 12 weeks (78 A, 77 B)"
        if {h.payload["label"] for h in again} == {h.payload["label"] for h in paren_hits}:
            hits.extend(Hit(h.group, h.label, h.start, h.end, dict(h.payload, weak=True, analysed=True)) for h in again)
        return
    per_group = _PER_GROUP.search(sentence) if ("each" in lower or "per arm" in lower or "per group" in lower or "per cohort" in lower) else None
    if per_group is not None and holds_any(lower, _PLANNED_KEYS) and _PLANNED.search(sentence) is not None:
        per_group = None  # "400 women will be recruited (200 per arm)": a planned size, not the arms'
    if per_group is not None and ("(" in sentence or "[" in sentence) and _CLUSTERS_BEFORE.search(sentence, max(0, per_group.start() - 40), per_group.start()) is not None:
        per_group = None  # "48 practices (24 per arm)": clusters per arm, not people
    if per_group:
        num_key = next(k for k in ("num", "num2", "num3", "num4", "num5") if per_group.group(k))
        value = parse_number(per_group.group(num_key))
        if value is not None and value == int(value):
            hits.append(Hit("arm", "*", per_group.start(num_key) + s, per_group.end(num_key) + s, {"label": "*", "n": int(value), "label_start": per_group.start(num_key) + s}))
    to_hits = []
    single = False
    starts = _number_starts(sentence)
    role_bracket = "arm)" in lower or "group)" in lower  # every _ROLE_AFTER match ends so
    allocated_first = False  # "Of the 120 women allocated to A, 20 had B": the sentence's later counts are events unless allocated too
    alloc_single = False
    for m in _matches_at(_ARM_TO, sentence, _spaced_number_starts(sentence)):
        if allocated_first and not _ALLOCATING_WORD.search(sentence, m.end("num"), m.start("label")):
            continue
        label = _clean_label(m.group("label"))
        joined = _JOINED_GROUP.match(sentence, m.end("label")) if label is not None and sentence.startswith("the ", m.start("label") - 4) else None
        if joined is not None:  # "44 of 52 in the ribociclib and letrozole group": one arm named by both drugs
            label = _clean_label(sentence[m.start("label") : joined.end("tail")], lead=_ITEM_LEAD) or label
        if label is not None and m.group("neg") is not None:
            label = f"no {label}"  # "23 men who were not treated with tenofovir": the arm without it
        if label is None and _BARE_DOSE.match(m.group("label")):
            label = " ".join(m.group("label").split())  # "30 women received 2 mg/day, and 30 received 4 mg/day": a dose names the arm
        if label is None and "(" in sentence:
            label = _dose_code(sentence, m.group("label"), m.end("label"))  # "61 received 30 Gy in 5 fractions (HF)": the code names the arm
        value = parse_number(m.group("num"))
        if label and value is not None and value == int(value) and value > 0 and not _share_of_events(sentence, m.end("num"), m.start("label")) and not _OUTCOME_LABEL.search(label):
            if _not_a_size(sentence, m.start("num"), m.end("num")):
                continue  # "randomised 1:1 to three preoperative and three postoperative cycles of A": cycles, not people
            if _CHOICE_AFTER.match(sentence, m.end("label")):
                continue  # "130 women were assigned to A or B": the whole, shared between the arms
            if not to_hits and "random" in lower and not _ALLOCATING_WORD.search(sentence, m.end("num"), m.start("label")) and _ALLOCATED_LATER.search(sentence, m.end("label")):
                continue  # "Of 612 who started induction, 558 were randomised": the phase before randomisation, not an arm
            if _WENT_ON_TO_RANDOMISATION.match(sentence, m.end("label")):
                continue  # "306 were in remission after consolidation and went on to randomisation": a state before the arms, not an arm
            if _EVENT_BEFORE.search(sentence, max(0, m.start("num") - 40), m.start("num")):
                continue  # "drowsiness was reported by 9 women taking A and 7 taking B": people with an event
            if " had " in sentence[m.end("num") : m.start("label") + 1] and _HAD_EVENT.search(label) and not _OF_THE_BEFORE.search(sentence, max(0, m.start("num") - 12), m.start("num")):
                continue  # "Four patients had an in-breast recurrence after A and three after B": people with an event (in "4 of 10 had X", 10 is the group)
            if _EVENT_AFTER.match(sentence, m.end("label")) and not _ALLOCATING.search(sentence, m.end("num"), m.start("label")):
                continue  # "10 in the A group (15%) and 2 in the B group (5%)", "1 in the A arm and 13 in the B arm developed X": events by arm
            if ":" in sentence and not to_hits and _EVENTS_LISTED.search(sentence, max(0, m.start("num") - 100), m.start("num")):
                continue  # "20 developed seroma (15%): 15 in the A group (22%) and 5 in the B group": the event's count by arm
            role = _ROLE_AFTER.match(sentence, m.end("label")) if role_bracket else None
            if role:  # "81 patients opted for X (control arm)": the role names the arm
                label = role.group(1).lower()
            to_hits.append(Hit("arm", label, m.start("num") + s, m.end("num") + s, {"label": label, "n": int(value), "label_start": m.start("label") + s}))
            opening = len(to_hits) == 1 and m.start("num") <= 12 and _OPENING.match(sentence, 0, m.start("num")) is not None
            single = opening and _GROUP_NEXT.match(sentence, m.end("label")) is not None
            if not single and len(to_hits) == 1 and _OF_ALLOCATED.match(sentence, 0, m.start("num")) and _ALLOCATING_WORD.search(sentence, m.end("num"), m.start("label")):
                single = allocated_first = True  # "Of the 120 women randomly allocated to A, ...": one arm per sentence, sized by its allocation
            if not single and opening and _ALLOCATING_WORD.search(sentence, m.end("num"), m.start("label")):
                alloc_single = True  # "Forty-nine patients were assigned to A.": one arm per sentence, if no other arm follows
            lettered = _GROUP_LETTER_AFTER.match(sentence, m.end("label")) if opening and not single and "(" in sentence else None
            if lettered:  # "194 patients underwent adjuvant CMF (group B).": the letter names the arm
                name = lettered.group(1)
                to_hits[0] = Hit("arm", name, to_hits[0].start, to_hits[0].end, dict(to_hits[0].payload, label=name, label_start=lettered.start(1) + s))
                single = True
    if single and len(to_hits) == 1 and not (_NOT_ALLOCATED_ARM if allocated_first else _NOT_ARM).search(to_hits[0].payload["label"]):
        # "Forty patients in the exercise group received ...": one arm per sentence, the next sentence names the other
        to_hits[0].payload["grouped"] = True
        hits.append(to_hits[0])
        return
    if to_hits:
        last = to_hits[-1].end - s
        for m in _ARM_LIST_ITEM.finditer(sentence, last):
            label = _clean_label(m.group("label"))
            value = parse_number(m.group("num"))
            if label is None and "(" in sentence:
                label = _dose_code(sentence, m.group("label"), m.end("label"))  # "and 81 had 50 Gy in 25 fractions (CF)"
            role = _ROLE_AFTER.match(sentence, m.end("label")) if label and role_bracket else None
            if role:
                label = role.group(1).lower()
            if label and _CHOICE_AFTER.match(sentence, m.end("label")):
                continue  # "..., and 300 were assigned to A or B": the whole, shared between the arms
            if label and value is not None and value == int(value) and all(h.payload["label"] != label for h in to_hits) and not _share_of_events(sentence, m.end("num"), m.start("label"), listed=True) and not _not_a_size(sentence, m.start("num"), m.end("num")):
                to_hits.append(Hit("arm", label, m.start("num") + s, m.end("num") + s, {"label": label, "n": int(value), "label_start": m.start("label") + s}))
    # "30 were selected to receive A, with the rest receiving B": the rest's arm, named after the one sized
    rest = _REST_ARM.search(sentence, to_hits[0].end - s) if len(to_hits) == 1 and ("rest" in lower or "remaining" in lower or "other" in lower) else None
    if alloc_single and rest is None and len(to_hits) == 1 and not _NOT_ALLOCATED_ARM.search(to_hits[0].payload["label"]):
        code = _CODE_WITH.match(sentence, to_hits[0].payload["label_start"] - s)
        if code is not None:  # "were assigned to undergo HDC with A and B": the code names the arm, not the drug after "with"
            to_hits[0] = Hit("arm", code.group(1), to_hits[0].start, to_hits[0].end, dict(to_hits[0].payload, label=code.group(1)))
        else:
            cut = _LABEL_STOP.sub("", to_hits[0].payload["label"])  # "assigned to A after six courses of B": the arm is A
            if cut and cut != to_hits[0].payload["label"]:
                to_hits[0] = Hit("arm", cut, to_hits[0].start, to_hits[0].end, dict(to_hits[0].payload, label=cut))
        to_hits[0].payload["grouped"] = True  # "Forty-nine patients were assigned to A.": one arm per sentence, opened by its allocation
        hits.append(to_hits[0])
        return
    if rest is not None:
        label = _clean_label(re.split(r"\s+as\s+", rest.group("label"), maxsplit=1)[0])
        if label and label != to_hits[0].payload["label"]:  # "30 were selected to receive A, with the rest receiving B": B unsized
            to_hits.append(Hit("arm", label, rest.start("label") + s, rest.end("label") + s, {"label": label, "n": None, "label_start": rest.start("label") + s}))
    if len({h.payload["label"] for h in to_hits}) >= 2:
        hits.extend(to_hits)
        return
    split = _split_arms(sentence, s) if len(starts) >= 3 and ("ed," in lower or "ed:" in lower or "able," in lower or "able:" in lower or "s:" in lower) else []
    if split:  # "131 patients were treated, 40 with A, 38 with B, 27 with C and 26 with D"
        hits.extend(split)
        return
    assigned = _has_assigned(sentence, lower)
    for m in _matches_at(_ARM_ASSIGNED, sentence, _spaced_number_starts(sentence)) if assigned else ():
        label = _clean_label(m.group("label") or m.group("label2"))
        num = m.group("num") or m.group("num2")
        value = parse_number(num)
        a, b = (m.start("num"), m.end("num")) if m.group("num") else (m.start("num2"), m.end("num2"))
        if m.group("label") and _CHOICE_AFTER.match(sentence, m.end("label")):
            continue  # "130 women were assigned to A or B": the whole, shared between the arms
        if _not_a_size(sentence, a, b):
            continue  # "four plus four cycles of A": cycles, not people
        if ":" in sentence and _EVENTS_BEFORE.search(sentence, max(0, a - 120), a):
            continue  # "20 developed seroma (15%): 15 in the A group (22%)": the event's count by arm
        if m.group("num2") and _EVENT_AFTER.match(sentence, m.end()) and not _OF_THE_BEFORE.search(sentence, max(0, a - 12), a):
            continue  # "(10 in the A group [15%] and 2 in the B group [5%])", "1 in the A arm and 13 in the B arm developed X": events by arm
        if label and value is not None and value == int(value):
            hits.append(Hit("arm", label, a + s, b + s, {"label": label, "n": int(value), "label_start": a + s}))
            found = True
    if found:
        return
    if holds_any(lower, _CLUSTER_KEYS) and _maybe_number(sentence, lower):
        clustered = _cluster_arms(sentence, s)
        if clustered:  # "618 enrolled: 311 at the 12 stepped-care clinics and 307 at the 12 usual-care clinics"
            hits.extend(clustered)
            return
    _named_arms(sentence, lower, s, hits, assigned)


#: the units a cluster trial allocates, each of whose arms then names the people it enrolled
_CLUSTER_KEYS = ("clinic", "practice", "hospital", "site", "centre", "center", "ward", "school", "communit", "village", "unit")
#: people counted at the clusters of one arm: "311 at the 12 stepped-care clinics", "987 from 19 control practices",
#: "412 patients in intervention hospitals"
_CLUSTER_ARM = re.compile(
    rf"(?<![\w.·/])(?P<num>{NUMW})\s+(?:(?:patients|women|men|participants|children|adults|residents|pupils|people)\s+)?(?:(?:were\s+)?(?:enrol+ed|recruited|included|treated)\s+)?"
    rf"(?:at|in|from|by)\s+(?:the\s+)?(?:(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|[a-z]+teen|[a-z]+ty(?:-[a-z]+)?)\s+)?"
    r"(?P<label>[A-Za-z][\w\-]*(?:\s+[A-Za-z][\w\-]*){0,2}?)\s+(?:clinics|practices|hospitals|sites|centres|centers|wards|schools|communities|villages|units)\b",
    re.IGNORECASE,
)


def _cluster_arms(sentence: str, offset: int) -> list[Hit]:
    """Two or more arms of a cluster trial, each sized by the people its clusters enrolled, named by what the clusters
    gave ("311 at the 12 stepped-care clinics and 307 at the 12 usual-care clinics" -> stepped-care 311, usual-care 307)."""
    out: list[Hit] = []
    for m in _matches_at(_CLUSTER_ARM, sentence, _number_starts(sentence)):
        label = _clean_label(m.group("label"))
        value = parse_number(m.group("num"))
        if label is None or value is None or value != int(value) or value <= 0 or _NOT_ARM.search(label) or any(h.payload["label"] == label for h in out):
            continue
        out.append(Hit("arm", label, m.start("num") + offset, m.end("num") + offset, {"label": label, "n": int(value), "label_start": m.start("label") + offset}))
    return out if len(out) >= 2 else []


def _word_places(lower: str, word: str) -> list[int]:
    """Offsets of ``word`` after a space in ``lower``."""
    out = []
    at = lower.find(word, 1)
    while at >= 0:
        if lower[at - 1].isspace():
            out.append(at)
        at = lower.find(word, at + 1)
    return out


def _generic_groups(sentence: str, lower: str) -> list[re.Match[str]]:
    """``list(_GENERIC_GROUP.finditer(sentence))``, searched only in a window before each "group" and "arm" (every
    match ends at one): the same matches, without trying the pattern at every preposition of a long sentence."""
    out: list[re.Match[str]] = []
    last = 0
    for at in sorted(_word_places(lower, "group") + _word_places(lower, "arm")):
        end = min(len(sentence), at + (7 if lower.startswith("group", at) else 5))
        for m in _GENERIC_GROUP.finditer(sentence, max(last, at - 140), end):
            out.append(m)
            last = m.end()
    return out


#: a group named by a letter or number: "Group 1", "group II", "arm B" (not "groups 1 and 2", "age group 2")
_CODED_GROUP = re.compile(r"(?=[GgAa])\b(?P<word>[Gg]roup|[Aa]rm)\s+(?P<code>[A-H]|\d{1,2}|I{1,3}|IV)\b(?![-.,]\d|\s*%)")
_NOT_CODED_BEFORE = ("age ", "risk ", "stage ")  # "age group 2", "risk group 1": not arms


def _two_group_words(lower: str) -> bool:
    """Whether "group " or "arm " stands twice in the lower-cased sentence (two finds, not two full counts)."""
    for word in ("group ", "arm "):
        at = lower.find(word)
        if at >= 0 and (lower.find(word, at + 1) >= 0 or lower.find("arm " if word == "group " else "group ") >= 0):
            return True
    return False


def _coded_groups(sentence: str, offset: int) -> list[Hit]:
    """Two or more groups a sentence names by letters or numbers ("in group I ..., and in group II"), unsized, in order."""
    out: list[Hit] = []
    seen: set[str] = set()
    for m in _CODED_GROUP.finditer(sentence):
        if sentence[max(0, m.start() - 6) : m.start()].lower().endswith(_NOT_CODED_BEFORE):
            continue
        label = f"{m.group('word').lower()} {m.group('code')}"
        if label not in seen:
            seen.add(label)
            out.append(Hit("arm", label, m.start() + offset, m.end() + offset, {"label": label, "n": None, "label_start": m.start() + offset}))
    return out if 2 <= len(out) <= 4 else []


def _named_arms(sentence: str, lower: str, s: int, hits: list[Hit], assigned: bool) -> None:
    """Append arms a sentence names without sizes: "in the A group ... in the B group", "randomised to A or B"."""
    matches = _generic_groups(sentence, lower) if ("group" in lower or "arm" in lower) else None
    generic = list(dict.fromkeys(_clean_label(g.group("label")) for g in matches)) if matches else []
    generic = [g for g in generic if g and not _NOT_ARM.search(g)]
    if len(generic) >= 2:
        for g in matches:
            label = _clean_label(g.group("label"))
            if label in generic:
                hits.append(Hit("arm", label, g.start("label") + s, g.end("label") + s, {"label": label, "n": None, "label_start": g.start("label") + s}))
                generic.remove(label)
        return
    if len(generic) < 2 and matches is not None and _two_group_words(lower):
        coded = _coded_groups(sentence, s)
        if coded:  # "7.2 days in Group 1 and 8.6 days in Group 2": groups named by a letter or number
            hits.extend(coded)
            return
    allocating = assigned and _may_allocate(sentence, lower)  # a gate: the substrings every _RANDOMISED_TO match holds
    m = _RANDOMISED_TO.search(sentence) if allocating else None
    if m is None and allocating and "(" in sentence and _BRACKET_STOP.search(sentence) is not None:
        m = _RANDOMISED_TO.search(_blank_brackets(sentence))  # "to A (5 mg daily; with B) or placebo (B alone)": the brackets' stops are masked
    if m is None and sentence[:14].lower().startswith(("interventions", "intervention:", "intervention ")):
        m = _INTERVENTIONS_LIST.match(sentence)  # "INTERVENTIONS A 5 mg daily, B 10 mg daily or placebo for a year": a heading lists the arms
    if m:
        _add_named(m, s, hits)
        return
    if holds_any(lower, _COMPARE_KEYS):
        hits.extend(_comparing_arms(sentence, s))


def _add_named(m: re.Match[str], s: int, hits: list[Hit]) -> None:
    """Append the arms an allocation names ("randomised to A, B or C"), without sizes."""
    parts = [(x, m.start("a") + m.group("a").find(x)) for x in _OR_AND_SPLIT.split(m.group("a")) if x.strip()]
    parts.append((m.group("b"), m.start("b")))
    if len(parts) == 2 and parts[0][0].endswith((" with", " With")) and parts[1][0].lower().startswith("without "):
        if _with_or_without(parts, s, hits, m.string, m.end("b")):  # "to A with or without B": the arms are "A plus B" and "A alone"
            return
    if len(parts) == 2 and _LEADING_DIGIT.match(parts[1][0]) and _schedules(parts, m.string, s, hits):
        return  # "to A 30 mg once a week or 100 mg once every 3 weeks": one drug, the arms are its schedules
    found = []
    for raw, start in parts[:4]:
        dose = _DOSE_OF.match(raw)
        if dose is not None:  # "6 mg of A", "two doses of A": the dose before the name
            raw, start = raw[dose.end() :], start + dose.end()
        if " of " in raw:
            courses = _COURSES_OF.match(raw)
            if courses is not None:  # "six 3-weekly cycles of A", "4 two-weekly courses of A": the count before the name
                raw, start = raw[courses.end() :], start + courses.end()
        article = _ARTICLE_DOSE.match(raw)
        if article is not None:  # "a 16 Gy boost in 8 fractions": the dose opens the name, the article goes
            raw, start = raw[article.end() :], start + article.end()
            raw = _IN_COUNT_TAIL.sub("", raw)
        if not _LEADING_DIGIT.match(raw):  # "atezolizumab 1200 mg every 3 weeks" -> "atezolizumab"
            raw = _NAME_TAIL_SPLIT.split(raw, maxsplit=1)[0]
        if len(found) == 0 and start == parts[0][1] and _BARE_COUNT.fullmatch(raw) and _COURSES_OF.match(parts[1][0]):
            # "to one or two cycles of A": the "or" joins two counts, not two arms; "... (AB) or without B (A)": the codes name them
            coded = _CODED_CHOICE.search(m.string, m.end("b"))
            if coded is not None and coded.group("c1") != coded.group("c2") and "(" not in coded.group("mid"):
                for key in ("c1", "c2"):
                    hits.append(Hit("arm", coded.group(key), coded.start(key) + s, coded.end(key) + s, {"label": coded.group(key), "n": None, "label_start": coded.start(key) + s}))
            return
        label = _clean_label(raw)
        if label and not _COUNTED_GROUPS.match(label):
            found.append(Hit("arm", label, start + s, start + len(raw) + s, {"label": label, "n": None, "label_start": start + s}))
    if len(found) >= 2 or len(parts) < 2:
        hits.extend(found)


_COUNT = rf"(?:\d{{1,2}}|{_SMALL_NUMBER_WORDS})"
#: a count of courses opening an allocated name, with its schedule: "six 3-weekly cycles of", "one or two induction
#: courses of", "4 two-weekly cycles of", "eight weekly doses of", "2-4 cycles of"
_COURSES_OF = re.compile(
    rf"\s*{_COUNT}(?:\s*(?:or|to|-|–|plus|\+)\s*{_COUNT})?(?:\s+(?:[\w]+-weekly|weekly|biweekly|fortnightly|monthly|dose-dense|induction|consolidation"
    r"|preoperative|postoperative|adjuvant|neoadjuvant|further|additional|standard))*\s+(?:cycles?|courses?|doses?|infusions?|injections?)\s+of\s+",
    re.IGNORECASE,
)
#: an article before a dose that opens an allocated name: "a 16 Gy boost", "an 8 Gy single fraction"
_ARTICLE_DOSE = re.compile(r"\s*(?:a|an)\s+(?=\d[\d.,·]*\s*(?:mg|g|µg|mcg|IU|Gy)\b\S*\s+[A-Za-z])", re.IGNORECASE)
#: how a dose is split, after the name: "in eight fractions", "over 5 days"
_IN_COUNT_TAIL = re.compile(rf"\s+(?:in|over)\s+{_COUNT}\s+(?:fractions?|sessions?|days?|weeks?|doses?)\b.*$", re.IGNORECASE)
_BARE_COUNT = re.compile(rf"\s*{_COUNT}\s*", re.IGNORECASE)
#: two alternatives each closed by its code: "... with B (AB) or without it (A)", "(AB) or to A alone (A)"
_CODED_CHOICE = re.compile(r"\((?P<c1>(?=[\w+/\-·]*[A-Z])[\w+/\-·]{2,16})\)\s+or\s+(?P<mid>[^().;]{0,50}?)\s*\((?P<c2>(?=[\w+/\-·]*[A-Z])[\w+/\-·]{2,16})\)")
_SCHEDULE_STOP = re.compile(r"[,;(]|\.(?:\s|$)|\s(?:for|until|with|plus|and|in\s+combination)\s")
#: "AUC 6": an area-under-the-curve dose after a name
_AUC_TAIL = re.compile(r"\s+AUC\b.*$")
#: a dose then its schedule: "30 mg/m2 once a week", "100 mg/m2 every 3 weeks", "2 g twice daily"
_DOSE_SCHEDULE = re.compile(
    r"(?:^|\s)\d[\d.,·]*\s*(?:mg|g|µg|mcg|IU)(?:/(?:m2|m²|kg))?\s+(?P<schedule>(?:once|twice|three\s+times|weekly|daily|every|fortnightly|biweekly|[\w]+-weekly|[\w]+-daily)\b[^,;()]*?)\s*$",
    re.IGNORECASE,
)


#: clusters counted before a per-arm count: "48 practices (24 per arm)", "20 schools [10 in each arm]"
_CLUSTERS_BEFORE = re.compile(r"\b(?:practices|clusters|centres|centers|hospitals|sites|schools|wards|villages|communities|clinics|teams|units|households)\s*[(\[]\s*$", re.IGNORECASE)
#: the arms listed under an interventions heading: "INTERVENTIONS A 5 mg once daily, B 10 mg twice daily or placebo for a year"
_INTERVENTIONS_LIST = re.compile(
    r"\s*(?-i:INTERVENTIONS?\s*[:.]?|[Ii]nterventions?\s*:)\s+(?P<a>[^;:.]{2,120}?)\s+(?:or|and|versus|vs\.?)\s+(?P<b>[^;:.,()]{2,60}?)(?=\s*(?:[;.(]|,\s|\bfor\b|\bin\b|\bwith\b|\bgiven\b|\bfrom\b|$))",
    re.IGNORECASE,
)
#: an allocated name whose description holds a figure: "to a diet aiming at 20%", "to an exercise programme of 150 min"
_NAMED_BEFORE_FIGURE = re.compile(
    r"\bto\s+(?:receive\s+)?(?:a|an|the)\s+(?P<name>[A-Za-z][\w-]*(?:\s+[A-Za-z][\w-]*){0,3}?)\s+(?:aiming|aimed|targeting|targeted|designed|intended|consisting|comprising|providing|with|at|of|using|that|which|to)\b[^()=;]*\d[\d.,]*\s*%\s*$",
    re.IGNORECASE,
)
_HAD_LEAD = re.compile(r"^(?:had|underwent|received|got)\s+", re.IGNORECASE)
_CODE_NEXT = re.compile(r"\s*\(\s*((?=[^()\s]*[A-Z][^()\s]*[A-Z])[A-Za-z][\w+/\-·]{1,12})\s*\)")


def _dose_code(sentence: str, raw: str, end: int) -> str | None:
    """The bracketed code after a dose a count received ("61 received 30 Gy in 5 fractions (HF)" -> "HF"), or None."""
    text = _HAD_LEAD.sub("", raw) if raw[:1].isalpha() else raw
    if not _DOSE.match(text):
        return None
    code = _CODE_NEXT.match(sentence, end)
    return code.group(1) if code is not None else None


#: the code an allocation prints for each arm of "to A (C1) with or without B (C2)": after A, and after B's part
_CODE_BEFORE_WITH = re.compile(r"\(\s*([A-Z][\w+/\-]{0,11})\s*\)\s+with$")
_CODE_BRACKET = re.compile(r"\s*\(\s*([A-Z][\w+/\-]{0,11})\s*\)")


def _with_or_without(parts: list[tuple[str, int]], s: int, hits: list[Hit], sentence: str = "", end: int = 0) -> bool:
    """Append "A plus B" and "A alone" for an allocation "to A with or without B"; False when either is not a name.

    When the sentence prints a code for each ("to GC (GC) with or without durvalumab (GC-D)"), the labels carry them
    ("GC plus durvalumab (GC-D)", "GC alone (GC)"): the text names the arms by them later."""
    (first, first_at), (second, second_at) = parts
    backbone = _clean_label(_NAME_TAIL_SPLIT.split(first[: -len(" with")], maxsplit=1)[0])
    added = _AUC_TAIL.sub("", _NAME_TAIL_SPLIT.split(second[len("without ") :], maxsplit=1)[0])
    added = _clean_label(added)
    if not backbone or not added or backbone.lower() == added.lower():
        return False
    with_label, alone_label = f"{backbone} plus {added}", f"{backbone} alone"
    if sentence and "(" in first:
        code_a = _CODE_BEFORE_WITH.search(first)
        code_b = _CODE_BRACKET.match(sentence, end) if code_a is not None else None
        if code_b is not None and code_a.group(1) != code_b.group(1):
            with_label, alone_label = f"{with_label} ({code_b.group(1)})", f"{alone_label} ({code_a.group(1)})"
    at = second_at + len("without ")
    hits.append(Hit("arm", with_label, at + s, at + len(added) + s, {"label": with_label, "n": None, "label_start": at + s}))
    hits.append(Hit("arm", alone_label, first_at + s, first_at + len(backbone) + s, {"label": alone_label, "n": None, "label_start": first_at + s}))
    return True


def _schedules(parts: list[tuple[str, int]], sentence: str, s: int, hits: list[Hit]) -> bool:
    """Append one arm per schedule for "to A 30 mg once a week or 100 mg once every 3 weeks"; False unless both
    parts are a dose followed by a schedule, the first led by the drug's name."""
    if _LEADING_DIGIT.match(parts[0][0]):
        return False  # no drug's name before the first dose
    found = []
    last = parts[-1][1]
    stop = _SCHEDULE_STOP.search(sentence, last)
    parts = [parts[0], (sentence[last : stop.start() if stop else len(sentence)], last)]  # "... or 100 mg once every 3 weeks, with": the schedule read whole
    for raw, start in parts:
        dose = _DOSE_SCHEDULE.search(raw)
        if dose is None:
            return False
        label = " ".join(dose.group("schedule").split())
        found.append(Hit("arm", label, start + dose.start("schedule") + s, start + dose.end("schedule") + s, {"label": label, "n": None, "label_start": start + dose.start("schedule") + s}))
    if found[0].payload["label"].lower() == found[1].payload["label"].lower():
        return False
    hits.extend(found)
    return True


#: a dose opening an allocated name: "6 mg of", "0.5 mg/kg of", "two doses of", "a single dose of"
_DOSE_OF = re.compile(r"\s*(?:\d[\d.,]*\s*(?:mg|g|µg|mcg|IU|Gy)(?:/(?:m2|kg|day|d))?|(?:a\s+single|one|two|three|four|higher|lower|high|low|different)\s+doses?)\s+of\s+", re.IGNORECASE)
#: a label that counts groups instead of naming one: "two groups", "three arms"
_COUNTED_GROUPS = re.compile(r"(?:two|three|four|2|3|4)\s+(?:groups?|arms?|cohorts?)\b", re.IGNORECASE)
_ENDS_WITH_PARTICIPLE = re.compile(r"\b(?:performed|given|administered|used|delivered|applied|combined|associated|treated|done|made)$", re.IGNORECASE)
_VARIED = re.compile(r"(?:different|various|varying|several|increasing|escalating|two|three|four)\b", re.IGNORECASE)
_PRONOUN = re.compile(r"it|them|this|these|those|they|that|one|both|either", re.IGNORECASE)
#: a bracket holding a stop an allocated name cannot cross ("(10 mg/day; oral)", "(0.25 and 0.5 mg)")
_BRACKET_STOP = re.compile(r"\([^();:.]*[;:.]")
#: substrings one of which every match of ``_COMPARE_VERB`` holds
_COMPARE_KEYS = ("comparing", "compare ", "comparison", "we compared", "study compared", "trial compared", "studies compared", "trials compared")
_BRACKET_PAIR = re.compile(r"\([^()]*\)")


def _blank_brackets(sentence: str) -> str:
    """``sentence`` with what each innermost bracket holds turned to underscores ("A (10 mg/d; oral)" -> "A (______________)"):
    no stop inside a bracket ends a name, and no run of spaces is left for the patterns to try splitting (offsets hold)."""
    return _BRACKET_PAIR.sub(lambda b: "(" + "_" * (len(b.group(0)) - 2) + ")", sentence)


#: the verb of a design sentence comparing two treatments: "a trial comparing", "to compare", "we compared"
_COMPARE_VERB = re.compile(r"\b(?:comparing|to\s+compare|(?:we|study|trial|studies|trials)\s+compared?|comparison\s+(?:of|between))\s+", re.IGNORECASE)
#: the two treatments after the verb: "A (dose) with B", "the efficacy of A versus B"
_COMPARED_PAIR = re.compile(
    r"(?>(?:the\s+)?(?:(?:efficacy|effects?|safety|activity|outcomes?|results?|use|tolerability)\s+(?:(?:and|or)\s+\w+\s+)?of\s+)?)"
    r"(?!(?:with|to|versus|between|among|in|the\s+(?:two|three)|two\s+groups|three\s+groups|patients|women|outcomes?|it|them|this|these|those|they)\b)"
    r"(?P<a>[^;:.,]{2,70}?)\s+(?:with|to|versus|vs\.?|and)\s+(?>(?:the\s+)?(?:efficacy|effects?|safety|activity|use)\s+of\s+)?(?P<b>[^;:.,]{2,60}?)"
    r"(?=\s*[;.,(]|\s*$|\s+(?:for|in|among|as|after|before|following|on|when|during|every|daily|monthly|weekly)\b)",
    re.IGNORECASE,
)


def _comparing_arms(sentence: str, offset: int) -> list[Hit]:
    """Two arms a design sentence compares ("a trial comparing A (dose) with placebo"), without sizes."""
    at = sentence.lower().find("compar")
    verb = _COMPARE_VERB.search(sentence, max(0, at - 12)) if at >= 0 else None  # the verb's first word starts at most 12 characters before "compar"
    if verb is None:
        return []
    blank = _blank_brackets(sentence) if "(" in sentence else sentence
    m = _COMPARED_PAIR.match(blank, verb.end())
    if m is None:
        return []
    hits = []
    for key in ("a", "b"):
        raw = m.group(key)
        if not _LEADING_DIGIT.match(raw):
            raw = _NAME_TAIL_SPLIT.split(raw, maxsplit=1)[0]
        label = _clean_label(raw, lead=_TITLE_LEAD)
        if (not label or _COUNTED_GROUPS.match(label) or _OUTCOME_LABEL.search(label) or _NOT_ARM_LABEL.search(label) or _PRONOUN.fullmatch(label)
                or (key == "a" and _ENDS_WITH_PARTICIPLE.search(label)) or (key == "b" and _VARIED.match(label))):
            # "A performed with different doses of B": one treatment whose doses vary, not two arms
            return []
        hits.append(Hit("arm", label, m.start(key) + offset, m.start(key) + len(raw) + offset, {"label": label, "n": None, "label_start": m.start(key) + offset}))
    return hits if hits[0].payload["label"].lower() != hits[1].payload["label"].lower() else []


_FRACTION_GATE = re.compile(r"(?=[\dnN])(?:\d\s*(?:[(\[][^()\[\]]{0,40}[)\]]\s*)?(?:/|of\s|out\s+of\s)\s*\d|\b[nN]\s*=\s*\d)")  # the look-ahead only skips where no branch can start
#: _FRACTION_GATE's matches (the same spans), found faster: the first character's class opens the pattern (the scan skips
#: to it), each branch then looks back at it (a digit; an "n" with no word character before it, as ``\b`` asks)
_FRACTION_GATE_FAST = re.compile(r"[\dnN](?:(?<=\d)\s*(?:[(\[][^()\[\]]{0,40}[)\]]\s*)?(?:/|of\s|out\s+of\s)\s*\d|(?<=[nN])(?<!\w[nN])\s*=\s*\d)")
_FRACTION_AFTER = re.compile(
    rf"(?:(?<![\w.·/])(?P<x>{NUMW})\s*(?:[(\[][^()\[\]]{{0,40}}[)\]]\s*)?(?:/|of|out\s+of)\s*|\b[nN]\s*=\s*)(?P<num>{NUM})(?![\d.·/])\s*(?:\([^()]{{0,30}}\)\s*|,\s*\d[\d.·]*\s*(?:%|per\s*cent)\s*)?[)\]]?\s*"
    rf"(?:(?:of\s+)?(?:the\s+|these\s+|those\s+)?(?:evaluable\s+|assessable\s+|eligible\s+)?(?:patients|women|participants|subjects|cases)\s*)?(?:\([^()]{{0,30}}\)\s*)?,?\s*"
    rf"(?:(?:who\s+were\s+|who\s+)?(?:treated|received|receiving|randomi[sz]ed|assigned|allocated|given|took|taking|underwent|undergoing)\s+(?:with\s+|to\s+)?|in\s+|with\s+|on\s+|for\s+)"
    rf"(?:the\s+)?(?P<label>[A-Za-z0-9][\w+/\-· ]{{0,50}}?){_LABEL_END}",
    re.IGNORECASE,
)
_FRACTION_BEFORE = re.compile(
    rf"\b(?:in|for|with)\s+(?:the\s+)?(?P<label>[A-Za-z0-9][\w+/\-·]*(?:\s+[\w+/\-·]+){{0,3}}?)\s+(?:arm|group|cohort),?\s+(?:(?:was|were|of|had)\s+)?(?:\d[\d.·]*\s*%\s*)?[(\[]?\s*(?P<x>{NUM})\s*(?:/|of|out\s+of)\s*(?P<num>{NUM})(?![\d.·/])",
    re.IGNORECASE,
)
#: a denominator opening the clause after the arm people were allocated to: "Of the patients assigned to A, 12 (20%) of 60 had ..."
_FRACTION_AFTER_ARM = re.compile(
    rf"\b(?:randomi[sz]ed|assigned|allocated)\s+to\s+(?:receive\s+)?(?:the\s+)?(?P<label>[A-Za-z0-9][\w+/\-·]*(?:\s+[\w+/\-·]+){{0,3}}?)\s*,\s+"
    rf"(?P<x>{NUM})\s*(?:\([^()]{{0,30}}\)\s*)?(?:/|of|out\s+of)\s*(?P<num>{NUM})(?![\d.·/])",
    re.IGNORECASE,
)
_FRACTION_IN_PAREN = re.compile(rf"[(\[]\s*(?:\d[\d.·]*\s*%\s*[;,]?\s*)?(?P<x>{NUM})\s*(?:/|of|out\s+of)\s*(?P<num>{NUM})(?![\d.·/])\s*(?:patients)?\s*(?:[;,]\s*\d[\d.·]*\s*(?:%|per\s*cent)\s*)?[)\],;]", re.IGNORECASE)
_LATER_BAD = re.compile(r"\b(?:years?|months?|weeks?|days?|cycles?|lesions?|nodes?|samples?|tumou?rs?|events?|stud(?:y|ies)[\s-]*\d+|trials?[\s-]*\d+)\b", re.IGNORECASE)


def _two_fractions(sentence: str) -> bool:
    """Whether two fractions or "n = N" sizes stand in the sentence (two searches at most, not a findall)."""
    first = _FRACTION_GATE_FAST.search(sentence)  # _FRACTION_GATE's spans
    return first is not None and _FRACTION_GATE_FAST.search(sentence, first.end()) is not None


def _fraction_arms(sentence: str, offset: int) -> list[Hit]:
    """Group sizes printed as the denominators of per-arm counts: "9 of 41 in the foam group and 17 of 43
    in the gauze group", "4/26 patients treated with A and 3/25 treated with B", "the A arm (9/61, 15%)"."""
    hits = []
    starts = _number_starts(sentence)
    if "=" in sentence:
        starts = sorted(starts + tuple(m.start() for m in _HAS_N_EQUALS.finditer(sentence)))
    for m in _matches_at(_FRACTION_AFTER, sentence, starts):
        hits.append((m, _clean_label(m.group("label"), allow_letter=True), m.start("label")))
    if " arm" in sentence or " group" in sentence or " cohort" in sentence:
        taken = {m.start("num") for m, _, _ in hits}
        hits += [(m, _clean_label(m.group("label"), allow_letter=True), m.start("label")) for m in _FRACTION_BEFORE.finditer(sentence) if m.start("num") not in taken]
        hits.sort(key=lambda item: item[0].start("num"))
    if ("randomi" in sentence or "assigned" in sentence or "allocated" in sentence) and "," in sentence:
        taken = {m.start("num") for m, _, _ in hits}
        hits += [(m, _clean_label(m.group("label")), m.start("label")) for m in _FRACTION_AFTER_ARM.finditer(sentence) if m.start("num") not in taken]
        hits.sort(key=lambda item: item[0].start("num"))
    if len(hits) < 2:
        hits, prev = [], 0
        for m in _FRACTION_IN_PAREN.finditer(sentence):
            left = _BRACKETED.sub("", sentence[prev : m.start()]).rstrip(" ,")
            tail = _LEFT_BOUNDARY.sub("", left, count=1)
            prev = m.end()
            raw = _PEOPLE_TAIL.sub("", tail)
            start = sentence.rfind(raw, 0, m.start()) if raw else m.start()
            hits.append((m, _clean_label(raw, allow_letter=True) if raw and len(raw.split()) <= 6 else None, start))
    out = []
    for m, label, start in hits:
        x, value = parse_number(m.group("x")) if m.group("x") else 0, parse_number(m.group("num"))
        if not label or x is None or value is None or value != int(value) or not 0 <= x <= value or value == 0 or _OUTCOME_LABEL.search(label) or _LATER_BAD.search(label):
            continue
        out.append(Hit("arm", label, m.start("num") + offset, m.end("num") + offset, {"label": label, "n": int(value), "label_start": start + offset, "fraction": True}))
    return out if len({h.payload["label"].lower() for h in out}) >= 2 else []


_FRACTION_ANY = re.compile(rf"(?<![\w.·/])(?:{NUM})\s*(?:\[[^\[\]]{{0,15}}\]\s*|\([^()]{{0,15}}\)\s*)?(?:/|of|out\s+of)\s*(?P<num>{NUM})(?![\d.·/])", re.IGNORECASE)
_GROUPS_RESPECTIVELY = re.compile(
    r"\b(?:in|for|with|on)\s+the\s+(?P<labels>[^;:.()]{3,120}?)\s+(?:groups?|arms?|cohorts?),?\s+respectively", re.IGNORECASE
)


def _respective_fractions(sentence: str, offset: int) -> list[Hit]:
    """Denominators in order with the groups named after them: "19 of 66 patients versus 21 of 67 patients in the
    A and B groups, respectively"."""
    m = _GROUPS_RESPECTIVELY.search(sentence)
    if m is None:
        return _lettered_fractions(sentence, offset)
    labels = [x for x in _LIST_SPLIT.split(m.group("labels")) if x.strip()]
    fractions = list(_FRACTION_ANY.finditer(sentence, 0, m.start()))
    if len(labels) != len(fractions) or not 2 <= len(labels) <= 4:
        return []
    hits, pos = [], m.start("labels")
    for raw, f in zip(labels, fractions):
        label, value = _clean_label(raw, allow_letter=True), parse_number(f.group("num"))
        at = sentence.find(raw, pos)
        pos = max(pos, at + len(raw))
        if not label or value is None or value != int(value) or value <= 0:
            return []
        hits.append(Hit("arm", label, f.start("num") + offset, f.end("num") + offset, {"label": label, "n": int(value), "label_start": at + offset, "fraction": True}))
    return hits if len({h.payload["label"].lower() for h in hits}) == len(hits) else []


_LETTERED_GROUPS = re.compile(r"\b(?P<word>[Gg]roups?|[Aa]rms?)\s+(?P<l1>[A-Z0-9])\s+(?:and|vs\.?|versus)\s+(?:(?:[Gg]roup|[Aa]rm)\s+)?(?P<l2>[A-Z0-9])\b")


def _lettered_fractions(sentence: str, offset: int) -> list[Hit]:
    """Denominators after two lettered groups, in their order: "The response rates of group A and B were 58.3% (21/36)
    and 63.0% (29/46), respectively"; else two denominators before "respectively" in a sentence about groups, each
    given by ``position`` (see :func:`_sizes_in_order`)."""
    end = sentence.find("respectively")
    m = _LETTERED_GROUPS.search(sentence, 0, end)
    fractions = list(_FRACTION_ANY.finditer(sentence, m.end() if m else 0, end))
    if len(fractions) != 2:
        return []
    hits = []
    for position, f in enumerate(fractions):
        value = parse_number(f.group("num"))
        if value is None or value != int(value) or value <= 0:
            return []
        if m is not None:
            word = m.group("word").lower().rstrip("s")
            label, at = f"{word} {m.group('l1' if position == 0 else 'l2')}", m.start("l1" if position == 0 else "l2")
            hits.append(Hit("arm", label, f.start("num") + offset, f.end("num") + offset, {"label": label, "n": int(value), "label_start": at + offset, "fraction": True}))
        elif " group" in sentence or " arm" in sentence:
            label = f"(arm {position + 1})"
            hits.append(Hit("arm", label, f.start("num") + offset, f.end("num") + offset, {"label": label, "n": int(value), "label_start": f.start("num") + offset, "position": position}))
    return hits if len(hits) == 2 else []


#: two per-arm counts side by side, each over its arm's size: "(3 of 27 vs. 9 of 20)", "12/47 (26%) versus 5/52 (10%)",
#: "[14 (30%) of 46] compared with [6 (13%) of 45]"
_FRACTION_PAIR = re.compile(
    rf"(?<![\w.·/])(?:{NUMW})\s*(?:[(\[][^()\[\]]{{0,15}}[)\]]\s*)?(?:/|of|out\s+of)\s*(?P<n1>{NUM})(?![\d.·/%])\s*(?:patients\s*|women\s*)?(?:[(\[][^()\[\]]{{0,20}}[)\]]\s*|,\s*\d[\d.·]*\s*%\s*)?[)\]]?\s*,?\s*"
    rf"(?:vs\.?|versus|compared\s+with|compared\s+to)\s*[(\[]?\s*(?:{NUMW})\s*(?:[(\[][^()\[\]]{{0,15}}[)\]]\s*)?(?:/|of|out\s+of)\s*(?P<n2>{NUM})(?![\d.·/%])",
    re.IGNORECASE,
)


def _fraction_pair(sentence: str, offset: int) -> list[Hit]:
    """Two arms' sizes as the denominators of a pair of per-arm counts, in the arms' order: "lower with A than
    with B (3 of 27 vs. 9 of 20)".  Each carries its ``position``, as :func:`_sizes_in_order` gives it."""
    for m in _matches_at(_FRACTION_PAIR, sentence, _number_starts(sentence)):
        out = []
        lead = sentence[: m.start()].lower()  # where the sentence names the arms, if it does: the order the pair follows
        for position, key in enumerate(("n1", "n2")):
            value = parse_number(m.group(key))
            if value is None or value != int(value) or value <= 0:
                break
            label = f"(arm {position + 1})"
            out.append(Hit("arm", label, m.start(key) + offset, m.end(key) + offset, {"label": label, "n": int(value), "label_start": m.start(key) + offset, "position": position, "lead": lead}))
        if len(out) == 2:
            return out
    return []


#: tried at _spaced_number_starts (its number is followed by white space)
_PAIR_OF_PEOPLE = re.compile(
    rf"(?<![\w.·/])(?P<n1>{NUM})\s+(?P<l1>[A-Za-z][\w+/\-]*(?:\s+[A-Za-z][\w+/\-]*){{0,2}}?)\s*,?\s+(?:and|or|vs\.?|versus)\s+(?P<n2>{NUM})\s+(?P<l2>[A-Za-z][\w+/\-]*(?:\s+[A-Za-z][\w+/\-]*){{0,2}}?)\s+"
    rf"(?:(?:patients|women|subjects|participants)\b|(?:were|had\s+been)\s+(?:randomly\s+|subsequently\s+)?(?:randomi[sz]ed|assigned|allocated|enrolled|included|treated|evaluable|analy[sz]ed)\b)"
)


def _pair_of_people(sentence: str, offset: int) -> list[Hit]:
    """Two sizes each written before its group's name: "84 tamoxifen and 80 placebo participants"."""
    for m in _matches_at(_PAIR_OF_PEOPLE, sentence, _spaced_number_starts(sentence)):
        pair = []
        for nk, lk in (("n1", "l1"), ("n2", "l2")):
            label, value = _clean_label(m.group(lk)), parse_number(m.group(nk))
            if label and value is not None and value == int(value) and value > 0 and not _NOT_ARM.search(label):
                pair.append(Hit("arm", label, m.start(nk) + offset, m.end(nk) + offset, {"label": label, "n": int(value), "label_start": m.start(lk) + offset}))
        if len(pair) == 2 and pair[0].payload["label"] != pair[1].payload["label"]:
            return pair
    return []


_TREATED_NAME = r"[A-Za-z][\w+/]*(?:[\s-][A-Za-z][\w+/]*){0,2}?"
#: two counts each before its arm's name and "-treated": "118 letrozole-treated and 112 tamoxifen-treated patients",
#: "the 60 placebo-allocated women and the 58 drug-allocated women"
_TREATED_PAIR = re.compile(
    rf"(?<![\w.·/])(?P<n1>{NUMW})\s+(?P<l1>{_TREATED_NAME})-(?:treated|allocated|assigned)\s+(?:(?:patients|women|men|participants|subjects)\s+)?,?\s*"
    rf"(?:and|or|vs\.?|versus|compared\s+with|with)\s+(?:the\s+|in\s+)?(?P<n2>{NUMW})\s+(?P<l2>{_TREATED_NAME})-(?:treated|allocated|assigned)\b",
    re.IGNORECASE,
)


def _treated_pair(sentence: str, offset: int) -> list[Hit]:
    """Two sizes each written before its arm's name and "-treated" ("118 letrozole-treated and 112 tamoxifen-treated patients")."""
    m = _TREATED_PAIR.search(sentence)
    if m is None:
        return []
    pair = []
    for nk, lk in (("n1", "l1"), ("n2", "l2")):
        label, value = _clean_label(m.group(lk)), parse_number(m.group(nk))
        if not label or value is None or value != int(value) or value <= 0 or _NOT_ARM.search(label):
            return []
        pair.append(Hit("arm", label, m.start(nk) + offset, m.end(nk) + offset, {"label": label, "n": int(value), "label_start": m.start(lk) + offset}))
    return pair if pair[0].payload["label"].lower() != pair[1].payload["label"].lower() else []


#: tried at _spaced_number_starts (its number is followed by white space)
_EVALUABLE_IN = re.compile(
    rf"(?<![\w.·/])(?P<num>{NUMW})\s+(?:evaluable|assessable|eligible|analy[sz]ed)\s+(?:patients|women|cases|participants|subjects)\s+(?:in|of|from)\s+(?:the\s+)?"
    rf"(?P<label>[A-Za-z0-9][\w+/\-·]*(?:\s+[\w+/\-·]+){{0,3}}?)\s+(?:group|arm|cohort)\b",
    re.IGNORECASE,
)


def _evaluable_in_arm(sentence: str, offset: int) -> list[Hit]:
    """One arm's evaluable count: "Of the 41 evaluable patients in the weekly group, ..." (a second size, never an arm)."""
    out = []
    for m in _matches_at(_EVALUABLE_IN, sentence, _spaced_number_starts(sentence)):
        label, value = _clean_label(m.group("label"), allow_letter=True), parse_number(m.group("num"))
        if label and value is not None and value == int(value) and value > 0:
            out.append(Hit("arm", label, m.start("num") + offset, m.end("num") + offset, {"label": label, "n": int(value), "label_start": m.start("label") + offset, "evaluable": True}))
    return out


_SIZES_IN_ORDER = re.compile(
    rf"\b(?:(?:in|of|among|for)\s+(?:the\s+)?(?P<n1>{NUM})\s+(?:and|vs\.?|versus)\s+(?P<n2>{NUM})\s+(?:evaluable|assessable|eligible|analy[sz]able)\s+"
    rf"|(?:analy[sz]ed|evaluable|assessable|available)\s+(?:in|for)\s+(?P<n3>{NUM})\s+(?:and|vs\.?|versus)\s+(?P<n4>{NUM})\s+)(?:patients|women|participants|subjects|cases)\b"
    rf"|(?<![\w.·/])(?P<n5>{NUM})\s+(?:and|vs\.?|versus)\s+(?P<n6>{NUM})\s+(?:patients|women|participants|subjects)?\s*,?\s*respectively\s*,?\s+"
    rf"(?:were|had\s+been)\s+(?:randomly\s+)?(?:randomi[sz]ed|assigned|allocated|enrol+ed|included|treated|evaluable|assessable|analy[sz]ed)\b"
    rf"|(?<![\w.·/])(?P<n7>{NUM})\s+(?:and|vs\.?|versus)\s+(?P<n8>{NUM})\s+(?:(?:patients|women|participants|subjects)\s+)?(?:in|for|to|into)\s+(?:each|the)\s+respective\s+(?:[\w-]+\s+)?(?:groups?|arms?)\b"
    rf"|\b(?:in|of|among)\s+(?:the\s+)?(?P<n9>{NUM})\s+(?:and|vs\.?|versus)\s+(?P<n10>{NUM})\s+(?:patients|women|participants|subjects)\s*,?\s*respectively\b",
    re.IGNORECASE,
)


_IN_N_AND_M_RESPECTIVELY = re.compile(rf"\b(?:in|of|among)\s+(?:the\s+)?(?:{NUM})\s+(?:and|vs\.?|versus)\s+(?:{NUM})\s+(?:patients|women|participants|subjects)\s*,?\s*respectively\b", re.IGNORECASE)
_SIZES_IN_ORDER = guarded(_SIZES_IN_ORDER, r"[iofaeIOFAE\d]")  # the same matches, tried only where a branch can start
_SIZES_WORDS = ("evaluable", "assessable", "eligible", "analysable", "analyzable", "analysed", "analyzed", "respective")  # "respective" finds "respectively" too


def _places(lower: str, word: str) -> Iterator[int]:
    """Every offset of ``word`` in ``lower``."""
    at = lower.find(word)
    while at >= 0:
        yield at
        at = lower.find(word, at + 1)


def _sizes_in_order(sentence: str, offset: int) -> list[Hit]:
    """Two arms' evaluable or analysed sizes named by no arm, in the order the arms were named: "(response rate 37% and
    18% in 174 and 171 evaluable patients)", "survival was analysed in 77 and 74 patients".  Each hit carries its
    ``position``; :func:`analysed_sizes` gives it to the arm named in that place when the study has two arms."""
    m = None
    lower = sentence.lower()
    places = sorted(at for word in _SIZES_WORDS for at in _places(lower, word))
    for at in places:  # every match holds one of these words: search only around them
        m = _SIZES_IN_ORDER.search(sentence, max(0, at - 90), at + 132)
        if m is not None:
            break
    if m is None:
        return []
    keys = ("n1", "n2") if m.group("n1") else ("n3", "n4") if m.group("n3") else ("n5", "n6") if m.group("n5") else ("n7", "n8") if m.group("n7") else ("n9", "n10")
    out = []
    for position, key in enumerate(keys):
        value = parse_number(m.group(key))
        if value is None or value != int(value) or value <= 0:
            return []
        label = f"(arm {position + 1})"
        out.append(Hit("arm", label, m.start(key) + offset, m.end(key) + offset, {"label": label, "n": int(value), "label_start": m.start(key) + offset, "position": position}))
    return out


def _later_mentions(sentence: str, lower: str, offset: int) -> list[Hit]:
    """Sizes a sentence that names no arms by the usual cues gives groups named elsewhere: "Safety was assessed
    for A (n = 117) and B (n = 116), respectively", "20% (n = 48) in the A group and 31% (n = 45) in the B group".

    Marked ``weak``: such hits fill the sizes of arms named elsewhere and give second sizes
    (:func:`analysed_sizes`); they never choose the study's arms.
    """
    out: list[Hit] = []
    if "=" in sentence and _HAS_N_EQUALS.search(sentence):
        out = [h for h in _anchored_arms(sentence, offset, cue=False) if not _LATER_BAD.search(h.payload["label"])]
        if len(out) < 2:
            out = []
    if not out and sentence.count("/") + lower.count(" of ") + sentence.count("=") >= 2 and _two_fractions(sentence):
        out = _fraction_arms(sentence, offset)
        if not out and "respectively" in lower:
            out = _respective_fractions(sentence, offset)
    if not out and (" and " in lower or " or " in lower or " vs" in lower or "versus" in lower) and (
            "patients" in lower or "women" in lower or "subjects" in lower or "participants" in lower) and len(_number_starts(sentence)) >= 2:
        out = _pair_of_people(sentence, offset)  # "in 84 tamoxifen and 80 placebo participants"
    if not out and ("evaluab" in lower or "assessab" in lower or "eligible" in lower or "analy" in lower):
        out = _evaluable_in_arm(sentence, offset)
        if not out and " and " in lower:
            out = _sizes_in_order(sentence, offset)
    elif not out and "respective" in lower:  # "respectively", "in each respective group"
        out = _sizes_in_order(sentence, offset)
    if not out and ("vs" in lower or "versus" in lower or "compared" in lower) and ("/" in sentence or " of " in lower) and _two_fractions(sentence):
        out = _fraction_pair(sentence, offset)
    return [Hit(h.group, h.label, h.start, h.end, dict(h.payload, weak=True)) for h in out]


def select_arms(hits: Sequence[Hit], sentence_starts: Sequence[int]) -> list[tuple[str, int | None, Hit]]:
    """The study's arms as (label, n, hit where n or the label was read).

    The first sentence naming two or more arms with sizes wins; else the first naming two or
    more (a title "A versus B", "randomised to A or B"), sizes filled from other mentions.
    """

    starts = list(sentence_starts)  # copied once, not once per hit
    all_hits = hits
    groups: dict[int, list[Hit]] = {}
    for h in hits:
        if h.payload.get("weak"):
            continue
        j = max(0, bisect.bisect_right(starts, h.start) - 1)
        groups.setdefault(j, []).append(h)
    ordered = sorted(groups.items())
    per_group = next((h for h in hits if h.payload["label"] == "*"), None)
    titled = [h for h in hits if h.payload.get("title")]
    hits = [h for h in hits if h.payload["label"] != "*"]
    ordered = [(k, [h for h in g if h.payload["label"] != "*"]) for k, g in ordered]
    if len(titled) >= 2:
        sized = next((g for _, g in ordered if len(g) == len(titled) and all(h.payload["n"] is not None for h in g) and not g[0].payload.get("title")), None)
        if sized is not None and not all(any(_same_arm(t.payload["label"], h.payload["label"]) for h in sized) for t in titled):
            # the text names the arms in the title; a sized list with other names (doses, brands) gives the sizes in order
            if any(not any(_same_arm(h.payload["label"], t.payload["label"]) for t in titled) for h in sized) and _looks_verbose(sized):
                return [(t.payload["label"], h.payload["n"], h) for t, h in zip(titled, sized)]
    for require_n in (True, False):
        if not require_n:  # sizes stated one arm per sentence: "The exercise group (n = 79) ...", "The control group (n = 81) ..."
            singles = [h for _, g in ordered if len({x.payload["label"] for x in g}) == 1 for h in g[:1] if h.payload.get("grouped")]
            labels = list(dict.fromkeys(h.payload["label"] for h in singles))
            if 2 <= len(labels) <= 4:
                first = {label: next(h for h in singles if h.payload["label"] == label) for label in labels}
                return [(label, first[label].payload["n"], first[label]) for label in labels]
        for k, group in ordered:
            labels = list(dict.fromkeys(h.payload["label"] for h in group))
            if len(labels) >= 2 and (not require_n or all(h.payload["n"] is not None for h in group)):
                arms = []
                for label in labels[:4]:
                    h = next(x for x in group if x.payload["label"] == label)
                    if h.payload["n"] is None:
                        sized = _sized_mention(label, labels, hits)
                        if sized is not None:
                            h = sized
                    if h.payload["n"] is None and per_group is not None:
                        h = per_group
                    arms.append((label, h.payload["n"], h))
                if len(arms) == 2 and all(n is None for _, n, _ in arms):
                    placed = _placed_sizes(all_hits, starts, k)
                    if placed:  # "randomised to A or B; 152 and 148 women, respectively, were treated"
                        arms = [(label, h.payload["n"], h) for (label, _, _), h in zip(arms, placed)]
                return arms
    # last resort: the first sentence that sizes two or more groups only as denominators or "(n = N)" mentions
    weak: dict[int, list[Hit]] = {}
    for h in all_hits:
        if h.payload.get("weak"):
            weak.setdefault(max(0, bisect.bisect_right(starts, h.start) - 1), []).append(h)
    for _, group in sorted(weak.items()):
        labels = list(dict.fromkeys(h.payload["label"] for h in group))
        if 2 <= len(labels) <= 4 and all(h.payload.get("fraction") and "position" not in h.payload and not h.payload.get("sizes_only") for h in group):
            first = {label: next(h for h in group if h.payload["label"] == label) for label in labels}
            return [(label, first[label].payload["n"], first[label]) for label in labels]
    return []


def _placed_sizes(hits: Sequence[Hit], starts: Sequence[int], sentence: int) -> list[Hit]:
    """The first two sizes given by position (see :func:`_sizes_in_order`) in ``sentence`` or later, in order."""

    for h in hits:
        if h.payload.get("position") == 0 and bisect.bisect_right(starts, h.start) - 1 >= sentence:
            second = next((x for x in hits if x.payload.get("position") == 1 and x.start > h.start), None)
            return [h, second] if second is not None else []
    return []


_JOINER = re.compile(r"\s+(?:and|\+|with)\s+")


def _sized_mention(label: str, labels: Sequence[str], hits: Sequence[Hit]) -> Hit | None:
    """The first sized mention of an arm: one with the same name, else one that names no other arm
    ("drainage" sizes "closed-suction drainage", not "no drainage"), else the first that names it."""
    flat = lambda text: _JOINER.sub(" plus ", text.lower().replace("-", " "))  # noqa: E731  ("no-drainage" names "no drainage"; "A and B" names "A plus B")
    sized = [x for x in hits if x.payload["n"] is not None and _same_arm(flat(x.payload["label"]), flat(label))]
    exact = [x for x in sized if flat(x.payload["label"]) == flat(label)]
    only = [x for x in sized if not any(_same_arm(flat(x.payload["label"]), flat(other)) for other in labels if other != label)]
    return (exact or only or sized or [None])[0]


def _looks_verbose(group: Sequence[Hit]) -> bool:
    """Whether sized arm labels look like fragments of dose descriptions rather than arm names."""
    return any(re.search(r"\b(?:mg|either|with|daily|weekly|every)\b", h.payload["label"], re.I) for h in group) or any(
        len(h.payload["label"].split()) == 1 and h.payload["label"].lower() in ("cisplatin", "carboplatin") for h in group
    )


def _same_arm(a: str, b: str) -> bool:
    a, b = a.lower(), b.lower()
    return a == b or f" {a} " in f" {b} " or f" {b} " in f" {a} "


_ARM_WORDS = frozenset("the arm arms group groups cohort patients women treated with".split())


def _arm_key(label: str) -> str:
    return " ".join(w for w in label.lower().split() if w not in _ARM_WORDS) or label.lower()


def _position(payload: dict, keys: Sequence[str]) -> int:
    """The arm a size given by position belongs to: its place, swapped when the text before it names the two arms
    the other way round ("more often with B than with A (3/20 vs 1/22)")."""
    position = payload["position"]
    lead = payload.get("lead")
    if lead:
        places = [lead.rfind(k) for k in keys]
        if min(places) >= 0 and places[0] > places[1]:
            return 1 - position
    return position


def _later_sizes(arms: Sequence[tuple[str, int | None, Hit]], hits: Sequence[Hit], sentence_starts: Sequence[int]) -> dict[float, list[tuple[int, Hit]]]:
    """Later size mentions of the chosen arms, by sentence: (arm index, hit) for every weak or analysed hit after the
    arms' sizes that names exactly one arm (the same-sentence ones keyed half a sentence on).  Empty when fewer than
    two arms are sized."""

    sized = [(label, n, h) for label, n, h in arms if n is not None]
    if len(sized) < 2:
        return {}
    starts = list(sentence_starts)
    sentence_of = lambda at: max(0, bisect.bisect_right(starts, at) - 1)  # noqa: E731
    after = max(sentence_of(h.start) for _, _, h in sized)
    last = max(h.end for _, _, h in sized)
    keys = [_arm_key(label) for label, _, _ in arms]
    by_sentence: dict[float, list[tuple[int, Hit]]] = {}
    for h in hits:
        if h.payload["n"] is None or h.payload.get("title") or h.payload["label"] == "*" or not (h.payload.get("weak") or h.payload.get("analysed")):
            continue
        j = sentence_of(h.start)
        if j < after or (j == after and not (h.payload.get("weak") and h.start >= last)):
            continue  # later sentences, or later weak mentions in the same sentence
        where = j + 0.5 if j == after else float(j)  # same-sentence mentions come before the next sentence's
        name = _arm_key(h.payload["label"])
        matched = [i for i, k in enumerate(keys) if k == name] or [i for i, k in enumerate(keys) if _same_arm(k, name)]
        if "position" in h.payload:
            matched = [_position(h.payload, keys)] if len(arms) == 2 else []
        elif not matched and len(name) == 1:  # "(n = 60 I; n = 65 C)": a letter abbreviates the one arm whose name it begins
            matched = [i for i, k in enumerate(keys) if k[:1] == name]
        if len(matched) == 1:
            by_sentence.setdefault(where, []).append((matched[0], h))
    return by_sentence


def analysed_sizes(arms: Sequence[tuple[str, int | None, Hit]], hits: Sequence[Hit], sentence_starts: Sequence[int]) -> list[Hit | None]:
    """A second, smaller size per chosen arm (treated, evaluable, analysed), read from a later sentence.

    The first sentence after the arms' sizes that gives two or more of the arms a size no larger
    than their own (and some arm a smaller one) is taken: "12 of 55 versus 20 of 54 in the A and B
    groups, respectively", "for A (n = 117) and B (n = 116), ...".  One hit per arm (None where the arm's size is unchanged).
    """
    by_sentence = _later_sizes(arms, hits, sentence_starts)
    for j in sorted(by_sentence):
        first: dict[int, Hit] = {}
        for i, h in by_sentence[j]:
            first.setdefault(i, h)
        if len(first) < 2:
            continue
        ns = [arms[i][1] for i in first]
        if any(n is None or h.payload["n"] > n or 10 * h.payload["n"] < n for n, h in zip(ns, first.values())):
            continue  # larger than the arm, or too few to be its analysed population: events ("SB3, n = 1; TRZ, n = 2")
        smaller = {i: h for i, h in first.items() if h.payload["n"] < arms[i][1]}
        if smaller:
            return [smaller.get(i) for i in range(len(arms))]
    for j in sorted(by_sentence):  # else one arm's evaluable count: "Of the 41 evaluable patients in the A group"
        for i, h in by_sentence[j]:
            if h.payload.get("evaluable") and arms[i][1] is not None and arms[i][1] <= 10 * h.payload["n"] < 10 * arms[i][1]:
                return [h if k == i else None for k in range(len(arms))]
    return [None] * len(arms)


#: a count over its denominator: "12/71", "72 of 207", "32 (46 per cent) of 69", "20 out of 38"
_COUNT_OVER = re.compile(rf"(?<![\w.·/])(?P<x>{NUM})\s*(?:[(\[][^()\[\]]{{0,25}}[)\]]\s*)?(?:/|\bof\b|\bout\s+of\b)\s*(?P<num>{NUM})(?![\d.·/])", re.IGNORECASE)
_COUNT_OVER_REACH = (40, 60)  # how far before and after a percentage its own count is looked for


def _agreeing_fraction(text: str, at: int, proportion: float) -> re.Match[str] | None:
    """The count over a denominator printed beside the percentage at ``at`` that agrees with it ("34.8% (72/207)",
    "(72 of 207, 34.8%)"): the nearest whose ratio is the proportion to within the rounding of a whole percent."""
    lo, hi = max(0, at - _COUNT_OVER_REACH[0]), at + _COUNT_OVER_REACH[1]
    best, distance = None, None
    for m in _COUNT_OVER.finditer(text, lo, hi):
        x, n = parse_number(m.group("x")), parse_number(m.group("num"))
        if x is None or n is None or n != int(n) or n < 2 or not 0 <= x <= n or abs(x / n - proportion) > 0.0051:
            continue
        d = abs(m.start() - at)
        if distance is None or d < distance:
            best, distance = m, d
    return best


def denominator_sizes(text: str, mentions: Sequence[tuple[str, int, float | None, int | None]]) -> dict[str, tuple[int, int, int]]:
    """The size each arm's per-arm counts are printed over, as (n, start, end) of the denominator in ``text``.

    ``mentions`` are (arm label, offset of a per-arm value, the value as a proportion or None, its
    denominator when known).  A known denominator counts where it is printed within reach of its value;
    else a count over a denominator beside the percentage that agrees with it ("GD (72 of 207, 34.8%)").
    Each arm takes the denominator it is printed over most often (the first on a tie): a size repeated
    across results, not one subgroup's.
    """
    found: dict[str, list[tuple[int, int, int]]] = {}
    for label, at, proportion, denominator in mentions:
        if denominator:
            m = _DENOMINATOR_AFTER.search(text, max(0, at - 60), at + 80)
            while m is not None and parse_number(m.group("num")) != denominator:
                m = _DENOMINATOR_AFTER.search(text, m.start() + 1, at + 80)
        elif proportion is not None and 0 <= proportion <= 1:
            m = _agreeing_fraction(text, at, proportion)
        else:
            m = None
        if m is not None:
            value = parse_number(m.group("num"))
            if value is not None and value == int(value) and value > 0:
                found.setdefault(label, []).append((int(value), m.start("num"), m.end("num")))
    out = {}
    for label, sizes in found.items():
        counts = collections.Counter(n for n, _, _ in sizes)
        top = max(counts.values())
        out[label] = next(s for s in sizes if counts[s[0]] == top)
    return out


_DENOMINATOR_AFTER = re.compile(rf"(?:/|\bof\s+|\bout\s+of\s+)\s*(?P<num>{NUM})(?![\d.·/])", re.IGNORECASE)


#: a case-control study's two groups sized side by side: "369 cases and 662 controls", "300 incident cases and 300 matched
#: controls"; matched from the word "cases" on, the count before it read backwards (a scan from each "cases", not the text)
_AND_CONTROLS = re.compile(rf"cases\b\s*,?\s+(?:and|vs\.?|versus)\s+(?P<n2>{NUMW})\s+(?:[\w-]+\s+){{0,3}}?controls\b", re.IGNORECASE)
_COUNT_BEFORE_CASES = re.compile(rf"(?<![\w.·/])(?P<n1>{NUMW})\s+(?:[\w-]+\s+){{0,3}}?$", re.IGNORECASE)
#: one of the groups sized on its own: "cases (n = 682)", "Controls were hospital visitors (n = 649)", "a control group of 174 patients"
_GROUP_SIZED = re.compile(
    rf"\b(?P<group>cases|controls|control\s+(?:group|subjects|participants|women))\b(?:[^.;()\[\]]{{0,80}}?[(\[]\s*[nN]\s*=\s*(?P<n1>{NUM})\s*[)\]]|\s+of\s+(?P<n2>{NUM})\s+(?:patients|women|participants|subjects|people|individuals))",
    re.IGNORECASE,
)
_GROUP_SIZED = guarded(_GROUP_SIZED, "[cC]")  # the same matches, tried only where "cases" or "control" can start


def _case_control_groups(text: str, sentences: Sequence[tuple[int, int]]) -> list[Hit]:
    """The cases and the controls of a case-control study, sized side by side ("369 cases and 662 controls") or each
    on its own within two sentences ("Cases (n = 682) were ... Controls (n = 649) were ..."), as two arms."""
    lower = text.lower()
    if "cases" not in lower or "controls" not in lower and "control " not in lower:
        return []
    at = lower.find("cases")
    while at >= 0:
        m = _AND_CONTROLS.match(text, at)
        before = _COUNT_BEFORE_CASES.search(text, max(0, at - 60), at) if m is not None else None
        if before is not None:
            out = []
            for g, key, label in ((before, "n1", "cases"), (m, "n2", "controls")):
                value = parse_number(g.group(key))
                if value is None or value != int(value) or value <= 0:
                    return []
                out.append(Hit("arm", label, g.start(key), g.end(key), {"label": label, "n": int(value), "label_start": g.start(key)}))
            return out
        at = lower.find("cases", at + 5)

    starts = [s for s, _ in sentences]
    first: dict[str, tuple[re.Match[str], str]] = {}
    for g in _GROUP_SIZED.finditer(text):
        label = "cases" if g.group("group").lower() == "cases" else "controls"
        first.setdefault(label, (g, "n1" if g.group("n1") else "n2"))
    if len(first) < 2:
        return []
    (a, ka), (b, kb) = first["cases"], first["controls"]
    if abs(bisect.bisect_right(starts, a.start()) - bisect.bisect_right(starts, b.start())) > 1:
        return []  # the two groups are sized together, not in far-apart sentences
    out = []
    for (g, key), label in ((first["cases"], "cases"), (first["controls"], "controls")):
        value = parse_number(g.group(key))
        if value is None or value != int(value) or value <= 0:
            return []
        out.append(Hit("arm", label, g.start(key), g.end(key), {"label": label, "n": int(value), "label_start": g.start("group"), "grouped": True}))
    return out


#: a comparative study: groups the text sets side by side
_COMPARATIVE = re.compile(r"randomi[sz]|versus|\bvs\b|compar|\bcontrols?\b", re.IGNORECASE)
#: a count of people that opens a clause describing what its group received: "Thirty (50%) patients received A",
#: "and 30 B alone", "while the other 218 patients were treated with B"; tried only at the sentence's number starts
_COUNTED_CLAUSE = re.compile(
    rf"(?P<num>{NUMW})(?:\s*{_PCT_PAREN})?\s+(?:(?:patients|women|men|participants|subjects|cases)\s+)?(?:(?:who|that)\s+)?(?:(?:were|had\s+been)\s+)?"
    rf"(?P<verb>received|underwent|were\s+given|given|treated\s+(?:with|by)|took|got|used|started|had|opted\s+for|chose)?\s*"
    rf"(?P<label>[A-Za-z][^,;:.()\[\]]{{0,160}})",
    re.IGNORECASE,
)
_CLAUSE_VERBS = ("received", "underwent", "given", "treated", "took", "got", "used", "started", "had", "opted", "chose")
#: what opens such a clause, just before its count
_CLAUSE_OPEN = re.compile(r"(?:^|[,;:]|\b(?:and|while|whereas|but)|\b(?:other|remaining|rest\s+of\s+the))\s*$", re.IGNORECASE)
#: where a group's description ends inside its clause
_CLAUSE_END = re.compile(r"\s+(?:and|while|whereas|but|compared|versus|vs)\b", re.IGNORECASE)
_TOTAL_NUMBER = re.compile(rf"(?<![\w.·/])(?P<num>{NUMW})(?![\d.·]|\s*%|\s*/)", re.IGNORECASE)
_LABEL_STOP = re.compile(r"\s+(?:at|after|before|during|for|until|because|due|from|over|since|in\s+(?:the|a|an)\s+(?:first|second|third|last|same))\b.*$", re.IGNORECASE)


def _summed_groups(text: str, sentences: Sequence[tuple[int, int]]) -> list[Hit]:
    """Two or more groups one sentence sizes clause by clause, each count leading what its group received, when the
    counts add up to a total stated just before (in the sentence or the two before it): "Sixty women were enrolled.
    Thirty received A plus B, and 30 B alone."  The sum is the check that the counts split the cohort into groups
    rather than count events."""
    for j, (s, e) in enumerate(sentences):
        sentence = text[s:e]
        if not holds_any(sentence, _CLAUSE_VERBS) or len(_number_starts(sentence)) < 2:
            continue  # a verb of receiving, and two counts at least (the number starts are cached: the sentence finders asked for them)
        items = []
        for at in _number_starts(sentence):
            if not _CLAUSE_OPEN.search(sentence, max(0, at - 24), at):
                continue  # a count inside a clause, not opening one
            m = _COUNTED_CLAUSE.match(sentence, at)
            if m is None or (not m.group("verb") and not items):
                continue  # the first group needs its verb; a later one may leave it out ("and 30 B alone")
            value = parse_number(m.group("num"))
            if value is None or value != int(value) or value <= 0 or _not_a_size(sentence, m.start("num"), m.end("num")):
                continue
            if _DENOMINATOR_BEFORE.search(sentence, max(0, m.start("num") - 30), m.start("num")):
                continue  # "12 of 60": an event's count
            raw = m.group("label")
            end = _CLAUSE_END.search(raw)
            raw = _LABEL_STOP.sub("", raw[: end.start()] if end else raw)
            label = _clean_label(raw)
            if label is None or _OUTCOME_LABEL.search(label) or _NOT_ARM.search(label):
                continue
            items.append((int(value), m, label))
        if len(items) < 2 or len({label.lower() for _, _, label in items}) < len(items):
            continue
        total = sum(value for value, _, _ in items)
        lo = sentences[max(0, j - 2)][0]
        stated = [m for m in _TOTAL_NUMBER.finditer(text, lo, s + items[0][1].start("num")) if parse_number(m.group("num")) == total]
        if not stated:
            continue
        return [Hit("arm", label, m.start("num") + s, m.end("num") + s, {"label": label, "n": value, "label_start": m.start("label") + s})
                for value, m, label in items]
    return []


#: the people left after the arm of the sentence before: "The other 28 had a dissection", "the remaining 60 were assigned to B"
_COMPLEMENT = re.compile(
    rf"\b[Tt]he\s+(?:other|remaining)\s+(?P<num>{NUMW})\s+(?:(?:patients|women|men|participants|subjects|children|adults)\s+)?(?:(?:were|was)\s+)?(?:randomly\s+)?"
    rf"(?:(?:assigned|allocated|randomi[sz]ed)\s+to|received|receiving|underwent|had|given|treated\s+with|served\s+as|formed|took|started|began)\s+"
    rf"(?:(?:receive|undergo)\s+)?(?:the\s+|an?\s+)?(?P<label>[A-Za-z0-9][\w+/\-· ]{{0,50}}?){_LABEL_END}"
)


def _complement_groups(text: str, sentences: Sequence[tuple[int, int]]) -> list[Hit]:
    """Two arms sized one per sentence, the second as the people left after the first: "Thirty had node biopsy.
    The other 28 had a full dissection (control arm)."  The first sentence opens
    with its count and what the group received; the second names the rest ("the other", "the remaining")."""
    for j in range(1, len(sentences)):
        s, e = sentences[j]
        if "other " not in text[s:e] and "remaining " not in text[s:e]:
            continue
        rest = _COMPLEMENT.search(text, s, e)
        if rest is None:
            continue
        ps, pe = sentences[j - 1]
        before = text[ps:pe]
        first = next(_matches_at(_ARM_TO, before, _spaced_number_starts(before)), None)
        if first is None or first.start("num") > 12 or _OPENING.match(before, 0, first.start("num")) is None:
            continue
        out = []
        for m, at in ((first, ps), (rest, 0)):
            label = _clean_label(m.group("label"))
            role = _ROLE_AFTER.match(m.string, m.end("label")) if label else None
            if role is not None:
                label = role.group(1).lower()  # "had no surgery (control group)": the role names the arm
            value = parse_number(m.group("num"))
            if label is None or value is None or value != int(value) or value <= 0 or _OUTCOME_LABEL.search(label) or _NOT_ARM.search(label):
                break
            out.append(Hit("arm", label, m.start("num") + at, m.end("num") + at, {"label": label, "n": int(value), "label_start": m.start("label") + at, "grouped": True}))
        if len(out) == 2 and out[0].payload["label"].lower() != out[1].payload["label"].lower():
            return out
    return []


#: a design that names its arms by naming the drug tested against placebo: "our placebo-controlled study of A among
#: survivors", "a masked placebo controlled trial of oral B taken nightly"
_PLACEBO_CONTROLLED = re.compile(
    r"\bplacebo[- ]controlled\b[^.;:()]{0,80}?\b(?:trial|study)\s+(?:of|with|evaluating|testing|assessing|investigating)\s+(?:the\s+|oral\s+|adjuvant\s+|daily\s+)?"
    r"(?P<label>[A-Za-z][\w+/\-]*(?:\s+(?!(?:in|for|to|as|on|among|with|given|taken|administered|by|during|after|before|from|over|until|versus|vs|at|and|or)\b)[\w+/\-]+){0,3}?)"
    r"(?=\s*(?:[(,;.]|\b(?:in|for|to|as|on|among|with|given|taken|administered|by|during|after|before|from|over|until|at|and|or|daily|nightly|twice|once)\b|$))",
    re.IGNORECASE,
)


def _two_arms_named(hits: Sequence[Hit], sentences: Sequence[tuple[int, int]]) -> bool:
    """Whether some sentence (or the title) names two or more arms among ``hits``."""
    starts = [s for s, _ in sentences]
    labels: dict[int, set[str]] = {}
    for h in hits:
        if h.payload["label"] == "*" or h.payload.get("weak"):
            continue
        key = -1 if h.payload.get("title") else bisect.bisect_right(starts, h.start)
        labels.setdefault(key, set()).add(h.payload["label"])
    return any(len(v) >= 2 for v in labels.values())


def _placebo_controlled_arms(text: str) -> list[Hit]:
    """The two arms of a placebo-controlled design named only by its drug ("a placebo-controlled study of A"): A and
    placebo, unsized (a per-arm size or later mentions size them).  Used when no sentence names two arms."""
    m = _PLACEBO_CONTROLLED.search(text)
    if m is None:
        return []
    label = _clean_label(m.group("label"))
    if label is None or label.lower() == "placebo" or _NOT_ARM.search(label) or _OUTCOME_LABEL.search(label):
        return []
    at = m.start("label")
    placebo = m.start()
    return [Hit("arm", label, at, m.end("label"), {"label": label, "n": None, "label_start": at}),
            Hit("arm", "placebo", placebo, placebo + len("placebo"), {"label": "placebo", "n": None, "label_start": placebo})]


def _drop_total(hits: list[Hit], before: int) -> None:
    """Remove from ``hits[before:]`` (one sentence's arms) a size that is the sum of all the others: the total the
    sentence splits ("in 155 women enrolled, 85 in arm A and 70 in arm B"), not an arm."""
    sized = [h for h in hits[before:] if h.payload["n"] is not None and not h.payload.get("weak")]
    if len(sized) < 3:
        return
    total = sum(h.payload["n"] for h in sized)
    whole = [h for h in sized if 2 * h.payload["n"] == total]
    if len(whole) == 1:
        hits.remove(whole[0])


def fuller_sizes(arms: Sequence[tuple[str, int | None, Hit]], hits: Sequence[Hit], sentence_starts: Sequence[int], total: int | None) -> list[Hit | None]:
    """Larger sizes per chosen arm from a later sentence, when the arms' first sizes were a part of them (a sub-study,
    an analysed population) and the later ones are the randomised groups: "QOL was compared between A (n = 97) and
    B (n = 101) ... the 975 in the A group and the 972 in the B group".

    Taken from the first later sentence that gives every arm a size at least its own, some arm a larger one, and
    that adds up to no more than the cohort's ``total`` (required: the check that the larger counts are groups of
    the cohort, not a crossover's periods or events).  One hit per arm, or all None.
    """
    if total is None or len(arms) < 2 or any(n is None for _, n, _ in arms):
        return [None] * len(arms)
    by_sentence = _later_sizes(arms, hits, sentence_starts)
    for j in sorted(by_sentence):
        first: dict[int, Hit] = {}
        for i, h in by_sentence[j]:
            first.setdefault(i, h)
        if len(first) != len(arms):
            continue
        sizes = [first[i].payload["n"] for i in range(len(arms))]
        if all(m >= n for m, (_, n, _) in zip(sizes, arms)) and any(m > n for m, (_, n, _) in zip(sizes, arms)) and sum(sizes) <= total:
            return [first[i] for i in range(len(arms))]
    return [None] * len(arms)
