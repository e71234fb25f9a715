"""Study design: retrospective, prospective, phase I-III, randomised, stated or plainly implied."""

from __future__ import annotations

import re
from typing import Iterator

from extractors.cues import holds_any, occurrences
from extractors.hits import Hit, lower_twin
from extractors.lexicon import CASE_FOLD_ODDITIES, Lexicon, lower_aligned

__all__ = ["find_design"]


# each pattern below starts with a look-ahead for the first letters its alternatives can start with:
# the alternation is then tried at a few positions of the abstract instead of every one
_SERIES_CUE = re.compile(
    r"(?=[wrdcioftb12pa])\b(?:(?:were|was)\s+reviewed|at\s+(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|multiple)\s+(?:centres|centers|hospitals|sites)\b|we\s+reviewed|review\s+of\s+\d|records?|database|registry|charts?|institution(?:al)?|our\s+(?:centre|center|hospital|institution|department|clinic)|"
    r"propensity|real[\s-]world|"
    r"consecutive|(?:were|we)\s+analy[sz]ed|we\s+report|treated\s+(?:at|between|from)|(?:were|was)\s+identified|between\s+(?:\w+\s+)?(?:19|20)\d\d\s+and\s+(?:\w+\s+)?(?:19|20)\d\d|"
    r"from\s+(?:\w+\s+)?(?:19|20)\d\d\s+(?:to|through|until)\s+(?:\w+\s+)?(?:19|20)\d\d|(?:19|20)\d\d\s*[-–]\s*(?:19|20)\d\d)",
    re.IGNORECASE,
)
#: before "trial": a trial named as what this study is not or compares with ("outcomes outside a clinical trial", "those of
#: the pivotal trial"), which does not make the study a trial (fixed-width look-behinds, one per phrasing)
_OTHER_TRIAL_BEFORE = "".join(
    rf"(?<!{re.escape(words)} )"
    for words in (
        "outside", "outside a", "outside the", "outside of", "outside of a", "outside of the", "outside clinical", "outside a clinical",
        "outside the clinical", "outside of clinical", "outside of a clinical", "pivotal", "registration", "landmark",
    )
)
#: (a qualitative study of interviews or focus groups talks with its people now: not a review of past care)
_NOT_SERIES = re.compile(
    r"(?=[tpsmwicgqf])(?:\b" + _OTHER_TRIAL_BEFORE + r"trial\b|\bprotocol\b|systematic\s+review|meta-analys|\bwill\s+be\b|\bin\s+vitro\b|\bmice\b|\bcell\s+lines?\b|\bguideline"
    r"|\bqualitative\b|\bsemi-?structured\s+interviews?\b|\bfocus\s+groups?\b)",
    re.IGNORECASE,
)


#: after a design word: more design words, then a plural study noun ("two randomised phase II trials", "ongoing
#: phase III trials", "prospective cohort studies"): other work, not this study (lower-cased text)
_PLURAL_AFTER = re.compile(
    r"(?:[\s,]+(?:and|or|phase\s*(?:i{1,3}|[123])[ab]?(?:\s*[/–-]\s*(?:i{1,3}|[123]))?|i{1,3}|[123]|controlled|clinical|multicent(?:re|er)|"
    r"international|double-blind(?:ed)?|open-label|placebo-controlled|non-?inferiority|prospective|(?:non-?)?randomi[sz]ed|observational|cohort|large|small))*"
    r"[\s,]+(?P<noun>trials|studies|rcts|series|cohorts|data|evidence|experience|comparisons|analyses|investigations|reports)\b"
)
#: nouns of :data:`_PLURAL_AFTER` that are also singular: after "a", "this" or "our" they name this study ("a prospective
#: series", "this retrospective series", "our prospective experience")
_SINGULAR_TOO = frozenset(("series", "experience"))
_ONE_STUDY_WORDS = frozenset(("a", "an", "this", "our", "present", "current"))
#: a word before a design word that makes it another study ("a previous randomised trial", "further prospective ...")
_OTHER_WORDS = frozenset(
    "previous prior earlier another other recent ongoing future further larger subsequent confirmatory definitive well-designed adequately".split()
)
#: "support" as a verb that asks for a study ("the findings support a pilot", "these data support further testing", "this
#: supports a randomised trial"), not the noun ("decision support"); lower-cased text
_SUPPORT_STUDY = (
    r"(?:\b(?:findings|results|data|evidence|observations|outcomes|these|which|they)\s+(?:(?:may|might|would|could|strongly|further|therefore|thus|also)\s+)?support"
    r"|\bsupports)\s+(?:an?|further|future|the\s+need|the\s+conduct|larger|wider)\b"
)
#: a sentence that recommends or announces a study rather than reporting this one (lower-cased text)
_RECOMMENDATION = re.compile(
    r"(?=[mwdjcsinrfaeot])\b(?:merits?|warrant(?:s|ed)?|deserves?|justif(?:y|ies|ied)|calls?\s+for|" + _SUPPORT_STUDY + r"|should\s+be|(?:is|are)\s+(?:needed|required|necessary|awaited|warranted|ongoing|underway|planned)|"
    r"needs?\s+to\s+be|remains?\s+to\s+be|worth|awaits?|in\s+the\s+future|future)\b"
)

#: a verb that recommends a study, before its design word in a sentence (lower-cased text)
_RECOMMENDING_LEAD = re.compile(r"\b(?:warrants?|merits?|justify|justifies|calls?\s+for|argues?\s+for|encourages?|recommends?)\s|" + _SUPPORT_STUDY)
_RECOMMENDING_LEAD_WORDS = ("support", "warrant", "merit", "justif", "call", "argue", "encourage", "recommend")
#: a verb just before a design word that asks for a study not yet done ("warrants randomised evaluation")
_RECOMMENDING_VERBS = frozenset(
    "warrant warrants warranted warranting merit merits meriting deserve deserves deserving justify justifies require requires "
    "requiring need needs needing await awaits awaiting".split()
)
#: the text before a design word: a study still to be done ("should be confirmed", "remains to be tested in"; lower-cased text)
_TO_BE_DONE_BEFORE = re.compile(r"\b(?:should|must|ought\s+to|needs?\s+to|remains?\s+to|deserves?\s+to|merits?\s+to)\s+be\s+(?:[\w-]+\s+){0,3}$")
#: after a design word and its noun: said to be needed or yet to come ("comparison is under way", "trials are warranted"; lower-cased text)
_NEEDED_AFTER = re.compile(
    r"(?:[\s,]+[\w-]+){0,3}?\s+(?:is|are)\s+(?:now\s+|still\s+|therefore\s+|thus\s+|clearly\s+|urgently\s+|currently\s+|being\s+)?"
    r"(?:needed|required|warranted|necessary|awaited|planned|ongoing|underway|under\s+way|in\s+progress|justified|recommended)\b"
)

#: the words of :data:`_PLURAL_AFTER`'s last group, one of which a match must hold
_PLURAL_KEYS = ("trials", "studies", "rcts", "series", "cohorts", "data", "evidence", "experience", "comparisons", "analyses", "investigations", "reports")
#: a verb telling what a study found (lower-cased text): with "a randomised trial" and no figure, another study's result
_FINDING_VERB = re.compile(
    r"\b(?:showed|shown|demonstrated|gave|established|proved|proven|found|reported|suggested|improved|prolonged|reduced|halved|doubled|"
    r"became|led\s+to|resulted\s+in)\b"
)
#: words that speak of the study at hand (lower-cased text)
_THIS_STUDY = re.compile(r"\b(?:we|our|this|the\s+present|the\s+current|here(?:in)?|us)\b")


_DIGITS = tuple("0123456789")


#: a piece of every match of :data:`_RECOMMENDATION`: the pattern is run only on a sentence holding one
_RECOMMENDATION_WORDS = (
    "merit", "warrant", "deserv", "justif", "call", "support", "should", "need", "requir", "necessar", "await", "ongoing", "underway",
    "planned", "remain", "worth", "future",
)


def _other_work(lower: str, start: int, end: int) -> bool:
    """Whether the design words at ``start:end`` name other studies or a study yet to be done, not this one."""
    ahead = lower[end : end + 80]
    before = lower[max(0, start - 40) : start]
    words = before.split()[-3:]  # the three words before
    if holds_any(ahead, _PLURAL_KEYS):
        plural = _PLURAL_AFTER.match(lower, end, end + 80)
        if plural is not None and not (plural.group("noun") in _SINGULAR_TOO and not _ONE_STUDY_WORDS.isdisjoint(words)):
            return True  # "two randomised phase II trials", "prospective studies are needed" (not "a prospective series")
    if not _OTHER_WORDS.isdisjoint(words):
        return True  # "a previous randomised trial", "a larger prospective study"
    if words and (words[-1] in _RECOMMENDING_VERBS or (words[-1] == "for" and len(words) > 1 and words[-2] in ("calls", "call"))):
        return True  # "warrants randomised evaluation", "deserves prospective validation"
    if " be " in before and _TO_BE_DONE_BEFORE.search(before) is not None:
        return True  # "should be confirmed prospectively", "remains to be tested in randomised ..."
    if (" is " in ahead or " are " in ahead) and _NEEDED_AFTER.match(lower, end, end + 80):
        return True  # "randomised comparison is under way", "prospective validation is needed"
    head = max(lower.rfind(". ", 0, start), lower.rfind("\n", 0, start)) + 1
    tail = lower.find(". ", end)  # the sentence's end: the first ". " or line end after the design words
    if tail < 0:
        tail = len(lower)
    line_end = lower.find("\n", end, tail)
    if line_end >= 0:
        tail = line_end
    if "a" not in words and "an" not in words:
        # no indefinite article: other work only when the sentence, with no figure, recommends it first ("The findings
        # support a pilot of home delivery with prospective monitoring", "These data warrant randomised testing")
        return (
            head > 0 and holds_any(lower[head:start], _RECOMMENDING_LEAD_WORDS) and _RECOMMENDING_LEAD.search(lower, head, start) is not None
            and not holds_any(lower[head:tail], _DIGITS)
        )
    sentence = lower[head:tail]
    if head > 0 and not holds_any(sentence, _DIGITS) and _FINDING_VERB.search(sentence) is not None and _THIS_STUDY.search(sentence) is None:
        return True  # "A gave better survival in a randomised trial": a finding of other work, told with no figure of this study's
    if not holds_any(sentence, _RECOMMENDATION_WORDS):
        return False
    return _RECOMMENDATION.search(lower, head, tail) is not None  # "merits a randomised comparison"


_FOLD_TO_ASCII = CASE_FOLD_ODDITIES  # see extractors.lexicon
#: :data:`_SERIES_CUE` for lower-cased ASCII text: the same matches, case-sensitive (about twice as fast)
_SERIES_CUE_TWIN = lower_twin(_SERIES_CUE)
#: where a match of :data:`_NOT_SERIES` starts (lower case): every match starts at one, but "in vitro" (at its "in")
_NOT_SERIES_STARTS = ("trial", "protocol", "systematic", "meta-analys", "will", "mice", "cell", "guideline", "qualitative", "semi", "focus")


def _names_no_series(text: str, lower: str) -> bool:
    """Whether ``_NOT_SERIES.search(text)`` finds a match (``lower``: ``text`` lower-cased, offsets kept): in ASCII
    text, none without one of the words its alternatives start with, and none before the first of them."""
    if not text.isascii():
        return _NOT_SERIES.search(text) is not None
    if "vitro" in lower:
        start = 0  # "in\s+vitro" starts before the word it holds
    else:
        start = min((i for i in map(lower.find, _NOT_SERIES_STARTS) if i >= 0), default=-1)
        if start < 0:
            return False
    return _NOT_SERIES.search(text, start) is not None


def key_matches(pattern: re.Pattern[str], text: str, lower: str, keys: tuple[str, ...], start: int = 0) -> Iterator[re.Match[str]]:
    """What ``pattern.finditer(text, start)`` yields for a pattern every match of which starts where ``lower`` (``text``
    lower-cased, offsets kept) holds one of ``keys``: the pattern tried only there, in order, after the last match."""
    positions = sorted(i for key in keys for i in occurrences(lower, key) if i >= start)
    return _matches_at(pattern, text, positions)


def _matches_at(pattern: re.Pattern[str], text: str, positions: list[int]) -> Iterator[re.Match[str]]:
    """The matches of ``pattern`` tried at ``positions`` (in order), each after the last match found."""
    end = 0
    match = pattern.match
    for i in positions:
        if i >= end:
            m = match(text, i)
            if m is not None:
                end = m.end()
                yield m


#: per design label, the words (lower case) one of which starts every match of its pattern
_DESIGN_KEYS = {
    "randomised": ("rand", "rct"), "retrospective": ("retrospect",), "prospective": ("prospect",),
    "phase1": ("phase",), "phase2": ("phase",), "phase3": ("phase",),
}


def find_design(text: str, lexicon: Lexicon) -> list[Hit]:
    """Design labels (retrospective, prospective, phase1-3, randomised), stated or plainly implied.

    Design words about other studies ("two randomised phase II trials", "a previous prospective study") or a
    study recommended or yet to be done ("merits a randomised comparison", "should be tested in a phase III
    trial") are not this study's. A phase I-III study that is not randomised is prospective; a series of treated patients with
    no trial, protocol or prospective wording (chart review, "treated at our centre between
    2010 and 2020") is retrospective.
    """
    hits = []
    lower = lower_aligned(text)
    is_ascii = text.isascii()
    # where no character of the text matches an ASCII letter case-blind but for its own lower case (all but four)
    plain_case = is_ascii or not any(map(text.__contains__, _FOLD_TO_ASCII))
    starts_of: dict[tuple[str, ...], list[int]] = {}  # per key words, where they start (the phases share theirs)
    for label, pattern in lexicon.designs:
        keys = _DESIGN_KEYS[label]
        positions = starts_of.get(keys)
        if positions is None:
            positions = starts_of[keys] = occurrences(lower, keys[0]) if len(keys) == 1 else sorted(i for key in keys for i in occurrences(lower, key))
        if not positions:
            continue  # a substring test is far cheaper than the regex
        # every match starts at a key word: the text before the first one is skipped, and where the case-blind pattern
        # matches just where the lower-cased text holds a key only the key words are tried
        for m in _matches_at(pattern, text, positions) if plain_case else pattern.finditer(text, positions[0]):
            if label == "prospective" and _records_kept(lower, m.start(), m.end()):
                continue  # "a prospectively maintained database": how records were kept, not how this study was done
            if not _other_work(lower, m.start(), m.end()):
                hits.append(Hit("design", label, m.start(), m.end(), {"value": label}))
                break
    phases = [h for h in hits if h.label.startswith("phase")]
    if phases:  # the study's own phase is named first; later ones are other trials or "recommended phase II dose"
        first = min(h.start for h in phases)
        hits = [h for h in hits if not h.label.startswith("phase") or h.start == first]
    labels = {h.label for h in hits}
    if "randomised" not in labels and "prospective" not in labels and "retrospective" not in labels:
        phase = next((h for h in hits if h.label.startswith("phase")), None)
        single = _SINGLE_ARM_STUDY.search(lower) if "single" in lower else None
        if phase is not None:
            hits.append(Hit("design", "prospective", phase.start, phase.end, {"value": "prospective", "implied": True}))
        elif single is not None and not _other_work(lower, single.start(), single.end()):
            # "a multicentre single-arm study", "this open-label single-group trial": a study that gives its people a treatment
            hits.append(Hit("design", "prospective", single.start(), single.end(), {"value": "prospective", "implied": True}))
        elif not _names_no_series(text, lower):
            m = _SERIES_CUE.search(text) if not is_ascii else _SERIES_CUE_TWIN.search(lower)
            if m:
                hits.append(Hit("design", "retrospective", m.start(), m.end(), {"value": "retrospective", "implied": True}))
        elif ("registr" in lower or "database" in lower) and not holds_any(lower, _NOT_RECORDS_KEYS):
            m = _RECORDS_STUDY.search(lower)
            if m:  # "a nationwide registry study", "using a national cancer registry": records of past care, whatever trials it cites
                hits.append(Hit("design", "retrospective", m.start(), m.end(), {"value": "retrospective", "implied": True}))
    return hits


#: a single-arm study or trial, named as one (lower-cased text; "single-arm trials" are other work)
_SINGLE_ARM_STUDY = re.compile(
    r"\bsingle[- ](?:arm|group)(?:,?\s+(?:open[- ]label|multi-?cent(?:re|er)|multi-?institutional|pilot|interventional|non-?randomi[sz]ed))*\s+(?:study|trial)\b"
)
#: a study of records kept of past care: a registry or database named as its source or its kind (lower-cased text)
_RECORDS_STUDY = re.compile(
    r"\b(?:registry|registries|database)[- ](?:based|study|analysis|data|cohort|review)\b|"
    r"\b(?:using|from|in|of|within|through|queried|searched|interrogated)\s+(?:the\s+|a\s+|an\s+)?(?:[\w-]+\s+){0,4}?(?:registry|registries|database)\b"
)
#: a registry of trials, a study still to be done or one that is not of patients: not a records study
_NOT_RECORDS_KEYS = ("trial regist", "trials regist", "clinicaltrials", "registration", "will be", "protocol", "in vitro", "mice", "cell line", "systematic review", "meta-analys")


#: after "prospective(ly)": records kept as care went on, read later ("prospectively maintained institutional database",
#: "prospectively collected registry data", "prospective database"; lower-cased text)
_RECORDS_KEPT_AFTER = re.compile(
    r"[\s-]+(?:(?:maintained|collected|kept|recorded|gathered|compiled|registered|entered|updated|built|assembled|documented|populated|curated)"
    r"[\s,]+(?:[\w-]+[\s,]+){0,3}?(?:databases?|data\s*bases?|registry|registries|records|datasets?|data\s+sets?|data|series|audit)"
    r"|(?:institutional\s+|hospital\s+|departmental\s+)?(?:databases?|data\s*bases?))\b"
)
#: before "prospectively": the records named first ("a database that was prospectively maintained"; lower-cased text)
_RECORDS_KEPT_BEFORE = re.compile(r"\b(?:databases?|data\s*base|registry|registries|records|datasets?|data\s+sets?)\s+(?:that\s+|which\s+)?(?:was|were|is|are|has\s+been|have\s+been|had\s+been)\s+$")


def _records_kept(lower: str, start: int, end: int) -> bool:
    """Whether "prospective(ly)" at ``start:end`` of ``lower`` tells how records were kept (a database maintained
    prospectively), not that this study followed its patients forward."""
    if _RECORDS_KEPT_AFTER.match(lower, end, end + 90) is not None:
        return True
    near = lower[max(0, start - 20) : start]
    return holds_any(near, (" been ", " was ", " were ", " is ", " are ")) and _RECORDS_KEPT_BEFORE.search(lower, max(0, start - 60), start) is not None
