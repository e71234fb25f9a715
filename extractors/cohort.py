"""Who was studied: cohort sizes (enrolled / analysed / evaluable kept apart), sex and age.

Plain-text finders returning :class:`~extractors.hits.Hit` objects; the spaCy
component in :mod:`extractors.components` writes them to ``doc.spans``.

A count hit's payload says what the number is: ``role`` (enrolled, analysed,
evaluable or other), ``total`` (stated as the whole cohort: "a total of",
"Of the N", "we reviewed N"), ``part`` (one arm's or one subgroup's size: "N were
assigned to A and M to B", "N women in the control arm", "N (12%) patients")
and ``weak`` (a bare "(n = N)" after the population a study sentence names).
:func:`choose_cohort` never reports a part as the cohort.
"""

from __future__ import annotations

import re
from typing import Sequence

from extractors.hits import NUM, NUMW, Hit, guarded, lower_twin
from extractors.lexicon import Lexicon
from extractors.lexicon import lower_aligned as _aligned_lower
from extractors.numbers import NUMBER_WORD_FIRST, find_numbers, parse_number

__all__ = ["choose_cohort", "find_cohort"]

_MIN_N, _MAX_N = 2, 10_000_000

#: words that may not stand between a count and its people noun ("two schedules for patients", "3 sessions of ...")
_GAP_STOP = (
    r"hospitals?|cent(?:er|re)s?|sites?|institutions?|countries|years?|months?|weeks?|days?|hours?|stud(?:y|ies)|trials?"
    r"|cycles?|phases?|arms?|groups?|doses?|levels?|sessions?|visits?|times?|schedules?|regimens?|published|reported"
    r"|of|for|with|to|from|by|per|on|at|into|versus|vs|than|in|among|after|before|during|the|a|an|each|who|were|was"
)
_PCT = r"\(\s*\d+(?:[.·]\d+)?\s*%\s*\)"
#: the people nouns the specialised finders (populations, pools, labels) accept after a count (lower-cased text)
_PEOPLE_SHORT = r"patients|women|men|participants|subjects|cases|individuals|adults|children|people|survivors"
#: "38 could be assessed for response", "68 were evaluated for the primary endpoint": an evaluable count (lower-cased text)
_ASSESSED_FOR = (
    r"(?:assessed|evaluated)\s+for\s+(?:the\s+)?(?:(?:(?:tumou?r|objective|best|overall)\s+)?response|efficacy|activity|(?:the\s+)?primary\s+(?:end\s*-?point|outcome|analysis))"
)
#: "underwent randomisation", "underwent 1:1 randomization", "underwent a stratified randomisation"
_UNDERWENT_RANDOMISATION = r"underwent\s+(?:(?:a\s+)?(?:\d\s*:\s*\d|central|stratified|block|computeri[sz]ed)\s+)?randomi[sz]ation"
_ENROL_VERB = (
    r"(?:were|was|had\s+been|have\s+been|being)\s+(?:(?:subsequently|successfully|finally|eventually|then)\s+)?"
    r"(?:recruited|enrol+ed|randomi[sz]ed|randomly\s+(?:assigned|allocated)|included|accrued|registered|entered)"
    r"|participated|consented|agreed\s+to|enrol+ed|entered|joined|took\s+part|" + _UNDERWENT_RANDOMISATION
)


#: what may come before "n =" inside a bracket after a people noun: "women (aged 40-70 years; n = 180)"
_N_PREFIX = r"[^()\[\]=]{0,40}[;,]"


def _compile(lexicon: Lexicon) -> dict[str, re.Pattern[str]]:
    """The cohort patterns of a lexicon.

    Those in ``sources`` are written in lower case and compiled case-sensitive: they are
    matched in the lower-cased sentence, which keeps the sentence's offsets (IGNORECASE
    matching is several times slower).
    """
    c = lexicon.cohort
    people = c["people"].lower() + "|females|males|pupils|infants|neonates|newborns"  # "120 females with ovarian cancer were randomized"
    sources = {
        # a count ending exactly at a people noun (the search window ends there): "120 newly diagnosed women",
        # or hyphenated to it ("Forty-women", "a 40-patient cohort"); "center" only as the people's own modifier
        # ("181 community health center patients")
        "count": rf"(?P<num>{NUMW})(?:-(?=(?:{people})\Z)|(?![\w.%·/-]|,\d)\s+(?:\((?=[^()]{{0,120}}\)\s+(?:{people})\b)[^()]*\)\s+)?"
        rf"(?:(?!\d|(?!cent(?:er|re)\s+(?:{people})\Z)(?:{_GAP_STOP})\b)(?:[\w\u2013-]+|\([^()]{{1,40}}\))[\s,]+){{0,7}}?(?:(?:never|non|ex|former|current|light|heavy)-)?)(?:{people})\Z",
        "people": rf"\b(?:{_by_first_letter(people)})\b(?!-)",
        "role_count": (
            rf"(?<![\w.,·])(?P<num>{NUMW})\s+(?:\([^)]*\)\s+)?(?:with\s[^.;:,()\d]{{1,80}}?\s(?=were\s)|(?:who|whose)\s[^.;:,()\d]{{1,80}}?\s(?=were\s+(?:(?:subsequently|then|later|eventually)\s+)?(?:randomi|randomly|enrol|recruited|registered|accrued|analy[sz]ed\b|evaluable\b|assessable\b)))?(?:(?:started|completed|received|consented|agreed|underwent|proceeded|went|began|remained|had|met|fulfilled|satisfied|signed|gave|provided|replied|returned|attended|volunteered|accepted|responded(?=\s+to\s+(?:the\s+|an?\s+|our\s+)?(?:[\w-]+\s+)?(?:invitation|letter|mailing|advertisement|call)|\s+[\w\s-]{{0,40}}?and\s+(?:were|was)\s+(?:(?:then|subsequently|later|eventually)\s+)?(?:randomi|randomly)))\s+[\w\s-]{{0,40}}?and\s+"
            # "610 were in remission after two years of maintenance and were then randomised": a state reached, then randomised
            rf"|(?:were|was)\s+(?!randomi|randomly|enrol|recruited|assigned|allocated)[\w\s-]{{1,80}}?\s+and\s+(?=(?:were|was)\s+(?:(?:then|subsequently|later|eventually)\s+)?(?:randomi|randomly)))?(?:were|was|could\s+be|had\s+been|have\s+been)\s+(?:(?:fully|finally|ultimately|later|subsequently|then|eventually)\s+)?"
            rf"(?P<role>evaluable|assessable|{_ASSESSED_FOR}|analy[sz]ed|eligible\s+and\s+(?:were\s+)?(?:randomi[sz]ed|randomly\s+(?:assigned|allocated)|enrol+ed|registered|accrued)|eligible\s+and\s+(?:analy[sz]ed|included|evaluable|assessable)|eligible\s+for\s+(?:the\s+)?(?:efficacy\s+|primary\s+|final\s+)?analysis|included\s+in\s+(?:the|this|our)\s+(?:final\s+|primary\s+|efficacy\s+|intention-to-treat\s+|present\s+|current\s+)?analys[ie]s|available\s+for|enrolled|enrol+ed|randomi[sz]ed|(?:randomly\s+)?(?:assigned|allocated)|recruited|accrued|entered|registered)(?![\w-])"
            rf"|(?<![\w.,·])(?P<num3>{NUMW})\s+(?:{_PCT}\s+|\([^()]{{1,80}}\)\s+)?(?:(?:(?:with|who|whose)\s[^.;:,()\d]{{1,80}}?\s|(?:were|was)\s+(?!randomi|randomly|enrol|recruited|assigned|allocated)[\w\s-]{{1,80}}?\s+and\s+)(?=underwent\s+randomi))?(?P<role3>{_UNDERWENT_RANDOMISATION}|entered\s+(?:the|this)\s+(?:study|trial)|agreed\s+to\s+(?:be\s+randomi[sz]ed|randomi[sz]ation|participate|participation|take\s+part|join)|consented\s+to\s+(?:participate|randomi[sz]ation|be\s+randomi[sz]ed)|consented(?=\s*(?:[;.]|,\s*(?:and\s+)?(?:they\s+|these\s+|all\s+)?(?:were|was)\s+(?:then\s+|subsequently\s+)?(?:randomi|randomly|enrol)|$))|participated\s+in\s+the\s+(?:trial|study)|took\s+part(?=\s*(?:[,;.(]|and\b|$|in\s+(?:the|this)\s+(?:trial|study)\b)))"
            rf"|\bleaving\s+(?P<num2>{NUM})\s+(?:(?:(?:evaluable\s+|eligible\s+)?(?:{_PEOPLE_SHORT})\s+)?(?:in|for|into)\s+(?:the\s+|an?\s+)?(?:(?!(?:sub-?group|secondary|exploratory|sensitivity|interim)\b)[\w-]+\s+){{0,3}}?)?(?P<role2>analys[ie]s\b|(?<=\s)(?:population|set)\b|(?<=\d\s)(?:evaluable|assessable)\b(?=\s+(?:for|in)\b|\s*[,;.)]|$))"
        ),
        # "31 of 322 eligible women took part", "68 (62%) of 109 patients were recruited": the first number is the cohort
        "of_count": (
            rf"(?<![\w.,·/])(?P<num>{NUMW})\s*(?:{_PCT}\s*)?(?:of\s+|out\s+of\s+|/\s*)(?:the\s+|all\s+|a\s+)?"
            rf"(?:(?:planned|intended|projected|expected|anticipated|eligible|potentially\s+eligible|screened|approached|invited|contacted|available|consecutive|target(?:ed)?)\s+)?"
            rf"(?P<pool>{NUMW})(?![\w.%·/-]|,\d)\s*(?:{_PCT}\s*)?(?:(?!\d)[\w-]+\s+){{0,4}}?(?:{people})\b(?:\s*{_PCT})?(?P<mid>[^.;,\d]{{0,80}}?)\b(?:{_ENROL_VERB})\b"
        ),
        "noun_n": (
            rf"\b(?:{people}|randomi[sz]ed|enrolled|recruited|included|analy[sz]ed|sample|population|in\s+total|in\s+all|overall|(?P<analysis>analys[ie]s)"
            rf"|(?:this|our|the\s+(?:present|whole|entire))\s+(?:cohort|study|trial|series)|(?:randomi[sz]ed|controlled|pilot|crossover|cross-over|feasibility)\s+(?:clinical\s+)?(?:trial|study)|rct)(?:\s+(?:at\s+baseline|in\s+total|overall))?\s*[(\[](?:{_N_PREFIX}\s*)?\s*[nN]\s*=\s*(?P<num>{NUM})\s*(?:[;,]\s*(?:{NUM})\s+(?:per\s+(?:arm|group)|in\s+each\s+(?:arm|group)|each)\s*)?[)\]]"
        ),
        "parallel": (
            rf"(?:(?:(?<!\d),\s*|,\s+)(?:and\s+|while\s+|whereas\s+)?|\s+(?:and|while|whereas|versus|vs\.?|compared\s+(?:with|to)(?:\s+(?:data|those|records|outcomes|results)\s+(?:from|of|for|in|on))?)\s+)(?:the\s+other\s+|another\s+)?"
            rf"(?P<num>{NUMW})(?![\w.%·/-]|,\d)\s+(?:{_PCT}\s+)?(?:(?:[\w-]+\s+){{0,2}}?(?:{people})\s+(?:who\s+)?)?(?:(?:were|was)\s+)?"
            rf"(?:(?:randomly\s+)?(?:assigned|allocated|randomi[sz]ed)\s+)?"
            rf"(?:to|in|into|with|using|on|receiving|received|underwent|treated|given|taking|took|had|from)\b"
            rf"|\s+and\s+(?P<num2>{NUMW})\s+(?:(?:[\w-]+\s+){{0,2}}?)(?:(?:healthy\s+|matched\s+)?controls|control\s+(?:patients|women|participants|subjects))\b"
            rf"|(?:,\s*|\s+)(?:and|while|whereas|but)\s+(?:in|among|for)\s+(?:the\s+)?(?:other\s+)?(?P<num4>{NUMW})\s+(?:[\w-]+\s+){{0,3}}?(?:{people})\b"
        ),
        "sex": (
            rf"(?<![\w.])(?P<a>{NUMW})\s*(?:[(\[][\d.·]+\s*%[)\]]\s*)?(?:patients\s+)?(?:were\s+|was\s+)?(?P<sa>{c['male']}|{c['female']})\b\s*(?:[(\[][^)\]]*[)\]]\s*)?(?:and|,|/|;)\s*(?:and\s+)?(?P<b>{NUMW})\s*(?:[(\[][\d.·]+\s*%[)\]]\s*)?(?:were\s+|was\s+)?(?P<sb>{c['male']}|{c['female']})\b"
            rf"|(?<![\w.])(?<!\bthe\s)(?<!\ball\s)(?P<e>{NUMW})\s*(?:[(\[][\d.·]+\s*%[)\]]\s*)?(?:(?:patients|participants)\s*(?:[(\[][\d.·]+\s*%[)\]]\s*)?)?(?:were|was)\s+(?P<se>males?|men|boys|females?|women|girls)\b(?!\s+and\s+\d)"
            rf"|(?:[(\[;]\s*|;\s*)(?P<f>{NUM})\s*(?:[(\[][\d.·]+\s*%[)\]]\s*)?(?P<sf>men|male|males|women|female|females)\b(?=\s*[;)\]]|\s*,\s*(?:mean|median|aged?)\b)"
            rf"|\b(?:male|men|m)\s*(?:/|:|to)\s*(?:female|women|f)\s*[)\]]?\s*(?:ratio)?\s*(?:was|of|,|:|=)?\s*(?P<c>{NUM})\s*(?:/|:|to)\s*(?P<d>{NUM})"
        ),
    }
    pats = {
        "big_n": re.compile(rf"[(\[](?:{_N_PREFIX}\s*)?N\s*=\s*(?P<num>{NUM})\s*[)\];,]"),
        "pop_n": re.compile(rf"[(\[]\s*[nN]\s*=\s*(?P<num>{NUM})\s*[)\]]"),  # "(n = 38)", "[n = 38]"
        "analysed": re.compile(rf"\b(?:{c['analysed'].lower()})\b"),  # searched in lower-cased text
        "evaluable": re.compile(rf"\b(?:{c['evaluable'].lower()})\b"),
        "age": re.compile(
            # "mean (SD) age was 64.9 (9.1)", "median [IQR] age 63", "mean ± SD age": the spread's label between the kind and "age"
            rf"\b(?P<kind>mean|median|average)(?:\s*[(\[]\s*(?:±\s*|\+/-\s*)?(?:sd|s\.d\.|se|iqr|range|standard\s+deviation|interquartile\s+range)\s*[)\]]\s*|\s*(?:±|\+/-)\s*(?:sd|s\.d\.|standard\s+deviation)\s+|\s+)(?:patient\s+)?age\s*(?:(?:±|\+/-)\s*(?:sd|s\.d\.|standard\s+deviation)\s*)?(?:at\s+(?:(?:first\s+)?(?:diagnosis|surgery|treatment|relapse|recurrence|progression)|enrol?lment|inclusion|entry|(?:study\s+|trial\s+)?entry|randomi[sz]ation|presentation)\s*)?(?:\([^)]*\)\s*)?(?:of\s+(?:the\s+)?(?:patients|cohort|participants)\s+)?(?:was|were|of|=|:|,|is)?\s*(?:was\s+)?(?P<num>{NUM}|(?:{NUMW})(?=[\s-]*(?:years?|yrs?)\b))(?!\s*%)"
            rf"|\baged?\s+(?:a\s+)?(?P<kind2>mean|median)\s+(?:of\s+)?(?P<num2>{NUM})(?!\s*%)"
            # the kind after "age", as a table's row or a bracket: "Age, mean (SD), 66.1 (7.9)", "age (mean ± SD) was 52.4 ± 11.0"
            rf"|\bage\s*(?:,\s*|:\s*|[(\[]\s*)(?P<kind4>mean|median)\b(?:\s*(?:±|\+/-)\s*(?:sd|s\.d\.|standard\s+deviation))?(?:\s*[(\[][^()\[\]]{{0,30}}[)\]])?\s*[)\]]?\s*[,:=]?\s*(?:(?:was|were|of|is)\s+)?"
            rf"(?P<num4>{NUM})(?=\s*(?:years?|yrs?|y\b|[(\[;,)]|±|\+/-))"
            # the range or bound the people were chosen by, then the median in brackets: "aged ≥70 years (median 77)", "aged 18-40 (mean, 29 years)"
            rf"|\baged?\s+(?:(?:[≥≤<>]|=>|>=|<=)\s*|between\s+|from\s+)?(?:{NUM})(?:\s*(?:-|–|to|and)\s*(?:{NUM}))?\s*(?:years?\s*)?(?:(?:or|and)\s+(?:older|over|above|younger|less|more)\s*)?[(\[]\s*(?P<kind3>mean|median)\s*(?:age\s*)?[,:=]?\s*(?P<num3>{NUM})(?=\s*(?:years?|yrs?)?\s*[,;)\]])",
            re.IGNORECASE,
        ),
    }
    for name, source in sources.items():
        pats[name] = re.compile(source)
    for name, alternation in (("people", people), ("analysed", c["analysed"].lower()), ("evaluable", c["evaluable"].lower())):
        first = _first_letters(alternation)
        if first is not None:  # the noun patterns are scanned over whole sentences: try them only where a word can start
            pats[name] = guarded(pats[name], first)
    # look-ahead guards: the same matches, the alternations tried only where a match can start
    pats["role_count"] = guarded(pats["role_count"], rf"[\d.·{NUMBER_WORD_FIRST}l]")
    pats["parallel"] = guarded(pats["parallel"], r"[,\s]")
    pats["of_count"] = guarded(pats["of_count"], rf"[\d.·{NUMBER_WORD_FIRST}]")
    pats["sex"] = guarded(pats["sex"], rf"[\d.·{NUMBER_WORD_FIRST}(\[;m]")
    return pats


def _first_letters(alternation: str) -> str | None:
    """The class of the first letters of an alternation's words ("patients?|women" -> "[pw]"), or None when a word does not open with a letter."""
    parts = alternation.split("|")
    if any(not re.match(r"[a-z]", part) for part in parts):
        return None
    return "[" + "".join(sorted({part[0] for part in parts})) + "]"


def _by_first_letter(alternation: str) -> str:
    """A plain alternation of words ("patients?|women|men") regrouped by first letter ("p(?:atients?)|w(?:omen)|m(?:en)").

    Alternatives with different first letters never match at the same place and each group keeps the
    order of its alternatives, so the matches are the same; the regex engine tries a few letters, not
    every word.  An alternation that is not plain words is returned as it is.
    """
    parts = alternation.split("|")
    if any(not re.fullmatch(r"[a-z](?![?*+{])[\w\\+?]*", part) for part in parts):
        return alternation
    groups: dict[str, list[str]] = {}
    for part in parts:
        groups.setdefault(part[0], []).append(part[1:])
    return "|".join(f"{first}(?:{'|'.join(rests)})" for first, rests in groups.items())


_CACHE: dict[int, dict[str, re.Pattern[str]]] = {}


def _patterns(lexicon: Lexicon) -> dict[str, re.Pattern[str]]:
    key = id(lexicon)
    if key not in _CACHE:
        _CACHE[key] = _compile(lexicon)
    return _CACHE[key]


#: where a number may start: a digit, or a number word not inside another word
_NUMBER_START = re.compile(  # in lower-cased text
    r"(?<![\w.,·/-])(?:\d|(?:a\s+hundred|zero|one|t(?:wo|hree|en|welve|hirteen|wenty|hirty)|f(?:our|ive|ourteen|ifteen|orty|ifty)"
    r"|s(?:ix|even|ixteen|eventeen|ixty|eventy)|e(?:ight|leven|ighteen|ighty)|n(?:ine|ineteen|inety)|hundred)\b)"
)
_HAS_DIGIT = re.compile(r"\d")
_HAS_NUMBER_WORD = re.compile(r"(?=[otfsenh])\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|(?:thir|four|fif|six|seven|eigh|nine)teen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand)\b")
_TOTAL_PREFIX = guarded(re.compile(r"(?:\b(?:a\s+)?total\s+(?:of\s+)?|\boverall,?\s+|\bin\s+(?:total|all),?\s+|\bN\s*=\s*)$", re.IGNORECASE), '[atoinATOIN]')
_SUBSET_AFTER = re.compile(
    r"^\s*\(\s*\d+(?:[.·]\d+)?\s*%|^\s*(?:\w+\s+){0,2}?(?:had(?!\s+been\b|\s+an?\s+(?:median|mean|average)\b)|experienced|developed|died|achieved|showed|required|underwent\s+(?:re|salvage|second))\b"
    r"|^\s*(?:\(\s*\d+(?:[.·]\d+)?\s*%\s*\)\s*)?(?:had(?!\s+been\b|\s+an?\s+(?:median|mean|average)\b)|experienced|developed|died|achieved|showed|were\s+alive|relapsed|progressed|received\s+salvage)"
    r"|^\s*who\s+(?:experienced|developed|died|achieved|showed|relapsed|progressed|responded|had\s+(?:a\s+)?(?:(?:complete|partial)\s+(?:response|remission|clinical|pathologic)|response|progression|recurrence|relapse))",
    re.I,
)
#: "Among the 124 patients who relapsed", "Of the 30 women who chose surgery": a subgroup by what befell or what they chose
_WHO_SUBSET_AFTER = re.compile(r"^\s*(?:\([^()]*\)\s*)?who\s+(?:experienced|developed|died|achieved|showed|relapsed|progressed|responded|chose|opted|elected|preferred|switched|crossed\s+over|had\s+(?:a\s+)?(?:(?:complete|partial)\s+(?:response|remission|clinical|pathologic)|response|progression|recurrence|relapse|disease))"
    # "Among 98 patients with grade 3 toxicity", "in the 40 women with a pathological complete response": people an outcome befell
    r"|^\s*(?:\([^()]*\)\s*)?with\s+(?:an?\s+)?(?:grade\s*(?:[2-5]|i{2,3}|iv|v)\b|(?:serious|severe|treatment-related|drug-related)\s+(?:toxicit|adverse|events?\b|complications?)"
    r"|(?:toxicit(?:y|ies)|adverse\s+(?:events?|effects?|reactions?)|(?:post-?operative\s+)?complications?)\b|(?:a\s+)?(?:(?:pathologic(?:al)?\s+)?complete|partial|objective)\s+(?:response|remission))", re.I)
#: after a people noun: the part of a cohort with disease a response can be read in ("with measurable lesions", "who had evaluable disease")
_MEASURABLE_AFTER = re.compile(
    r"\s*(?:\([^()]*\)\s*)?(?:with|who\s+had|having|harbou?ring)\s+(?:(?:at\s+least\s+one|a|an|radiologically|radiographically|clinically)\s+)?"
    r"(?:measurable|evaluable|assessable)\s+(?:(?:target|primary|nodal|metastatic)\s+)?(?:disease|lesions?|tumou?rs?|targets?)\b",
    re.I,
)
_SUBSET_BEFORE = re.compile(  # case-sensitive: searched in lower-cased text
    r"\b(?:of\s+(?:these|them|those|whom|which)|(?:occurred|observed|seen|found|noted|reported|developed|achieved|detected|recorded|documented)\s+in|(?<=\w\s)among|while|whereas|only|including|except)\s+$"
    r"|\d\s*(?:%|\))\s*(?:and|or|,)\s*$|(?:\b\d+|\b[a-z]*(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|teen|ty))\s+(?:and|or)\s+$",
)
#: how text matched by ``_SUBSET_BEFORE`` ends, trailing spaces left aside (a string test spares the regex)
_SUBSET_TAILS = ("these", "them", "those", "whom", "which", "in", "among", "while", "whereas", "only", "including", "except", "and", "or", ",")
_OF_THE = re.compile(r"\b(?:of|from|among|in)\s+(?:the|these|all)\s+$|^(?:[A-Z][A-Za-z ]{0,25}:\s*|(?:Results|Findings|Patients\s+and\s+Methods|Methods)\s+)?(?:Of|Among|In|Out\s+of)\s+$", re.I)
_OF_WHOLE = re.compile(r"\b(?:of|from|out\s+of)\s+(?:the|these|all)\s+$|^(?:[a-z][a-z ]{0,25}:\s*|(?:results|findings|patients\s+and\s+methods|methods)\s+)?(?:of|out\s+of)\s+$")  # lower-cased text
_OF_THE_ANYWHERE = guarded(re.compile(r"\b(?:of|among|out\s+of)\s+(?:the\s+)?$", re.I), '[oaOA]')
_STUDY_IN_BEFORE = guarded(re.compile(r"\b(?:trial|study|conducted|undertaken|performed|carried\s+out|nested)\b[^.;]{0,100}?\b(?:among|in|of|with|involving)\s+$", re.I), '[tscupnTSCUPN]')
_LEADING_BRACKET = re.compile(r"^\s*\([^()]*\)")
#: a bracket after a count's people noun, then the count's own verb: "52 patients (30 men, 22 women) were enrolled" (lower-cased text)
_BRACKET_THEN_VERB = re.compile(r"\s*\([^()]*\)\s*(?:(?:with|who|aged|from|treated|having)\s[^;()]{0,80}?\s)?(?:were|was|had\s+been|have\s+been|could\s+be|can\s+be|underwent|entered|took\s+part|participated|agreed|consented|form(?:ed)?|constitut(?:e|ed)|ma(?:de|ke)\s+up)\b")
_NOT_A_COUNT_BEFORE = guarded(re.compile(r"\b(?:age|aged|median|mean|range|of\s+age|years?|months?|dose|grade|stage|phase)\s*(?:of|was|:|=)?\s*$", re.I), '[amrodgsypAMRODGSYP]')
_LABEL_NUMBER_BEFORE = guarded(
    re.compile(r"\b(?:phase|stage|grade|arm|type|version|cycle|day|week|level|cohort|part|step|group|figure|table|ECOG|WHO)\s*$", re.I), "[psgatvcdwlfe]"
)
_NOT_COHORT_AFTER = re.compile(  # used with .match(text, pos): no "^"
    r"\s*(?:[\w-]+\s+){0,3}?(?:(?:were|was)\s+)?(?:screened|assessed\s+for\s+eligibility|will\s+be|are\s+planned|to\s+be\s+(?:enrolled|recruited|randomi[sz]ed))"
    r"|\s*(?:[\w-]+\s+){0,3}?(?:is|are|would\s+be|will\s+be)\s+(?:required|needed|necessary|planned|targeted|sufficient)"
    # a sample size's power: "438 patients provide 80% power", "200 women would give the trial 90% power"
    r"|\s*(?:[\w-]+\s+){0,3}?(?:would\s+|will\s+|to\s+|should\s+)?(?:provides?|gives?|yields?|ensures?|achieves?|affords?|confers?|offers?)\s+(?:(?:the\s+)?(?:trial|study)\s+)?(?:an?\s+)?(?:\d+(?:[.·]\d+)?\s*%\s+|(?:sufficient|adequate)\s+)?(?:statistical\s+)?power",
    re.I,
)
#: a count screened for a trial (lower-cased text, matched after the people noun): "... 350 patients were screened"
_SCREENED_AFTER = re.compile(r"\s*(?:[\w-]+\s+){0,3}?(?:(?:were|was)\s+)?screened\b")
#: an enrolled count after a screened one, without its auxiliary: "Of 300 women screened, 210 enrolled and 190 completed" (lower-cased text)
_BARE_ENROLLED = re.compile(
    rf"(?:,|;|\band)\s+(?:(?:of\s+(?:these|them|whom),?|in\s+all,?)\s+)?(?P<num>{NUMW})\s+(?:{_PCT}\s+)?(?:(?:patients|women|participants|subjects)\s+)?(?:were\s+)?"
    r"(?:subsequently\s+|eventually\s+|finally\s+)?(?P<role>enrol+ed|randomi[sz]ed|recruited|included)\b(?!\s+(?:patients|women|participants|subjects|in|to|into|at|on|from)\b)"
)
#: a planned or bounding figure: "we planned to enrol 72 patients", "up to 16 patients each", "a sample size of 300 women"
_PLANNED_BEFORE = guarded(re.compile(
    r"(?:\b(?:plan(?:ned|s)?|aim(?:ed|s)?|intend(?:ed|s)?|expect(?:ed|s)?|anticipated?|seek(?:s|ing)?|need(?:ed|s)?|require[sd]?)\s+to\s+(?:recruit|enrol+|randomi[sz]e|include|accrue|enter|assign|treat)"
    r"|\bsample\s+size\s+(?:of|was|is|will\s+be)|\b(?:target(?:ed)?|planned|intended|projected|expected|anticipated)\s+(?:accrual|enrol+ment|recruitment|sample(?:\s+size)?|size)\s+(?:of|was|is)|\bpowered\s+(?:to\s+\w+\s+)?(?:with|for)"
    r"|\b(?:planned|designed|intended|calculated|sized)\s+(?:for|to\s+(?:include|enrol+|recruit|accrue|randomi[sz]e))"  # "initially planned for 180 adults"
    r")\s*(?:a\s+total\s+of\s+|approximately\s+|about\s+|around\s+|some\s+|up\s+to\s+|at\s+least\s+)?$",
    re.I,
), '[paiesnrtdcPAIESNRTDC]')
#: a count a protocol will enrol ("this trial will allocate 438 patients", "we will recruit approximately 200 women"):
#: a planned figure, used only when nothing else is stated (lower-cased text)
_FUTURE_BEFORE = re.compile(
    r"\bwill\s+(?:\w+\s+)?(?:allocate|enrol+|recruit|randomi[sz]e|randomly\s+assign|include|accrue|assign|treat|involve|register|enter)\s+"
    r"(?:a\s+total\s+of\s+|approximately\s+|about\s+|around\s+|some\s+|up\s+to\s+|at\s+least\s+)?$"
)
#: a count that forms an analysis population ("508 formed the ITT population", "the per-protocol
#: analysis included 588 patients"): lower-cased text
_POPULATION = r"(?:safety\s+and\s+)?(?:modified\s+)?(?:intention[- ]to[- ]treat|itt|mitt|per[- ]protocol|pp|full[- ]analysis|efficacy|evaluable|analysis|primary\s+analysis)"
_ANALYSIS_POPULATION = re.compile(
    rf"(?<![\w.,·])(?P<num>{NUMW})(?:\s+of\s+(?:them|these|those))?(?:\s+|(?=,\s*(?:who|which|and\s+(?:these|they))\s))(?:{_PCT}\s+)?(?:\([^()]*\)\s+)?(?:(?:[\w-]+\s+){{0,2}}?(?:{_PEOPLE_SHORT})\s*)?(?:\([^()]*\)\s+)?"
    # "available for 503, who formed the analysis population", "..., and these formed the per-protocol set"
    rf"(?:,\s*(?:who|which|and\s+(?:these|they))\s+(?:(?:together|then|thus|therefore|jointly)\s+)?(?=form|constitut|compris|ma[dk]e\s+up)|(?<=\s))"
    # "241 were infused and form the analysis population", "169 started imatinib and formed the analysis set": a step of the flow, then the population it forms
    rf"(?:(?:(?:were|was|had\s+been)\s+)?(?:[\w-]+\s+){{1,3}}?and\s+(?:so\s+|thus\s+|therefore\s+|together\s+)?"
    # "88 took two or more tablets and so formed the efficacy set": a longer step, then the population
    rf"|(?:received|started|began|completed|underwent|had|took)\s[^.;:()\d]{{1,80}}?\sand\s+(?:so\s+|thus\s+|therefore\s+|together\s+)?(?=form|constitut|compris|ma[dk]e\s+up)"
    # "the 156 given a dose who then had surgery formed the efficacy population": the people described, then the population they form
    rf"|(?:who|that|given|receiving|treated|having|with|without)\s[^.;:()\d]{{1,90}}?\s(?=form|constitut|compris|ma[dk]e\s+up))?"
    rf"(?:form(?:ed)?|constitut(?:e|ed)|compris(?:e|ed)|ma(?:de|ke)\s+up|entered|(?:were|was)\s+(?:included|retained|kept)\s+in|(?:were|was)\s+(?:in|eligible\s+for))\s+the\s+{_POPULATION}\s+(?:population|analysis|analyses|set|cohort)\b"
    # "(n = 236), who formed the analysis cohort": a bracketed size, then the population it forms
    rf"|\(\s*n\s*=\s*(?P<num3>{NUM})\s*\),?\s*(?:who|which|and\s+(?:these|they))\s+(?:(?:together|then|thus|therefore)\s+)?(?:form(?:ed)?|constitut(?:e|ed)|ma(?:de|ke)\s+up)\s+the\s+{_POPULATION}\s+(?:population|set|cohort)\b"
    # "leaving a modified intention-to-treat population of 518 patients": what exclusions left, named as a population
    rf"|\b(?:left|leaving|yield(?:ed|ing)|giv(?:ing|es)|gave)\s+(?:a|an|the)\s+(?:final\s+)?{_POPULATION}\s+(?:population|set|cohort)\s+of\s+(?P<num4>{NUMW})(?![\w%·/-]|[.,]\d)"
    rf"|\bthe\s+(?:{_POPULATION}\s+(?:population|analysis\s+set|set|cohort|analysis)|(?:final\s+|primary\s+|main\s+)?analysis)\s+(?:\([^()]*\)\s+)?(?:comprised|consisted\s+of|included|contained|numbered|was\s+made\s+up\s+of|was|were)\s+(?:(?:a\s+total\s+of|all)\s+)?(?P<num2>{NUMW})(?![\w%·/-]|[.,]\d)"
)
#: a count whose enrolment verb names no arm: "96 women were randomised and 94 started treatment" (the whole, then a step of its flow)
_ENROLLED_BARE_AFTER = re.compile(
    r"\s*(?:\([^()]*\)\s*)?(?:(?:were|was|had\s+been)\s+(?:(?:subsequently|successfully|finally|eventually|then)\s+)?(?:randomi[sz]ed|randomly\s+(?:assigned|allocated)|enrol+ed|recruited|included|accrued|registered)|" + _UNDERWENT_RANDOMISATION
    + r"|(?:took\s+part|participated)(?:\s+in\s+(?:the|this)\s+(?:study|trial))?)"
    r"\s*(?:\([^()]*\)\s*)?(?:[,;.]|and\b|but\b|$)"
)
_BOUND_BEFORE = guarded(re.compile(r"(?:[≤<]|\bup\s+to|\bat\s+most|\bmaximum\s+of|\bper)\s*$", re.I), "[≤<uamp]")  # an upper bound ("up to 16 patients each")
_EACH_AFTER = re.compile(r"\s*(?:each|apiece|per\s+(?:arm|group|site|cent(?:er|re)|centre|hospital|institution|year|month))\b", re.I)
_PCT_AFTER_NUMBER = re.compile(r"\s*\(\s*\d+(?:[.·]\d+)?\s*%\s*\)")
_PCT_BEFORE = re.compile(r"%\s*[(\[,]?\s*$")
#: after "Only N patients": the count's own verb enrols them ("Only 14 were accrued before closure"), a trial that
#: fell short, not a subgroup (lower-cased text; no relative clause or other verb before it)
_ONLY_ENROLLED_AFTER = re.compile(
    r"(?:(?!\b(?:who|that|which|had|have|developed|experienced|achieved|showed|died)\b)[^;:,.]){0,60}?\b(?:were|was|could\s+be|had\s+been)\s+(?:(?:finally|eventually|ultimately|actually)\s+)?"
    r"(?:randomi[sz]ed|randomly\s+(?:assigned|allocated)|enrol+ed|recruited|accrued|registered|included|entered)\b"
)
#: "28 women who developed mucositis were randomised": the sentence's own verb makes the count the cohort
_MAIN_ENROL_AFTER = re.compile(
    r"^[^;:]{0,200}?\b(?:were\s+(?:randomi[sz]ed|randomly|enrol+ed|included|recruited|assigned|allocated|accrued|registered)\b|" + _UNDERWENT_RANDOMISATION
    # a series' own verb: "640 patients who had lobectomy at our institution were retrospectively reviewed"
    + r"|were\s+(?:retrospectively\s+)?(?:reviewed|identified)\b|were\s+retrospectively\s+(?:analy[sz]ed|studied|evaluated)\b)",
    re.I,
)
_NOMINAL_ENROL_BEFORE = re.compile(r"\b(?:inclusion|enrol+ment|accrual|recruitment|registration|randomi[sz]ation)\s+of\s+$")  # "after inclusion of 167 patients"
#: a year-like number followed at once by people and a verb of enrolment: "..., 2018 women were recruited"
_COUNT_NOT_YEAR = re.compile(r" (?:patients|women|men|participants|subjects|people|individuals) (?:were|had been) (?:enrol+ed|recruited|randomi[sz]ed|randomly|included|accrued|registered)\b")
_YEAR_PREP_BEFORE = re.compile(r"(?:\b(?:in|since|during|from|until|till|by|between|and|to|of|after|before|through|or)|[-–/])\s*$", re.I)
#: "15 studies encompassing", "seven trials with a total of", "12 articles including": the people of a review's studies (lower-cased text)
_POOLED_BEFORE = re.compile(
    r"(?:\d|\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|\w+ty)(?:-\w+)?)\s+(?:randomi[sz]ed\s+(?:controlled\s+)?|eligible\s+|clinical\s+|prospective\s+|observational\s+)?"
    r"(?:studies|trials|rcts|articles|publications|reports|cohorts)\s+(?:\([^()]*\)\s+)?(?:encompassing|including|involving|comprising|with|of|enrolling|that\s+(?:included|enrolled|involved))\s+(?:a\s+total\s+of\s+|altogether\s+)?$"
)
#: a pooled analysis of the patients of several trials, whose people are the study's cohort ("we pooled data from three
#: trials including 2145 patients"), unlike a review's or a guideline's count of the people of the studies it read
_POOLED_ANALYSIS = re.compile(r"\bpool(?:ed|ing)\b|\bindividual\s+(?:patient|participant)\s+data\b|\bcombined\s+analys[ie]s\b")
_REVIEW_WORDS = re.compile(r"\bmeta-?analys|\bsystematic\b|\breview\b|\bguideline|\bliterature\b|\bsearch\b|\bpublished\b")


def _pooled_analysis(lower: str) -> bool:
    """Whether a lower-cased sentence pools the patients of several trials for its own analysis (not a review's reading)."""
    return ("pool" in lower or "individual" in lower or "combined" in lower) and _POOLED_ANALYSIS.search(lower) is not None and _REVIEW_WORDS.search(lower) is None


#: "in 144 and 139 evaluable patients": the second of two counts that share one noun is one group's (lower-cased text)
_PAIR_WORDS = ("and", "vs", "vs.", "versus")
_PAIR_BEFORE = guarded(re.compile(
    r"(?<![\d.,])(?!(?:19|20)\d\d\b)\d[\d,]*\s+(?:(?!(?:years?|months?|weeks?|days?|cycles?|cent(?:er|re)s?|sites?|hospitals?|countries|doses?|mg|gy)\b)[a-z][\w-]*\s+)?(?:and|vs\.?|versus)\s+$"
), '\\d')
_TIMES_AROUND = re.compile(r"\s*[x×]\s*\d")
_TIMES_BEFORE = re.compile(r"\d\s*[x×]\s*$")
#: "interview a subsample of 20", "in the subgroup of 148 patients with HER2-positive disease": a part, the cohort only when nothing else is
_SAMPLE_BEFORE = guarded(re.compile(r"\b(?:sub-?samples?|random\s+samples?|sub-?groups?|subsets?|sub-?populations?)\s+of\s+(?:the\s+)?$"), '[sr]')
_PLUS_BEFORE = re.compile(r"\d\s*\+\s*$")
_PLUS_AFTER = re.compile(r"\s*\+\s*\d")
_GROUP_AFTER = re.compile(
    r"^[^.;:(),\d]{0,60}?\b(?:in|of|within|from)\s+(?:(?:the|this)\s+)?(?!(?:both|two|three|all|each|either|the\s+two|these)\b)(?:(?!to\s)[\w+/-]+\s+){0,6}?(?:arm|group)\b(?!\s+(?:trial|study|protocol)\b|\s+(?:and|or)\s+(?:the\s+)?(?:(?!\d)[\w+/-]+\s+){0,4}?(?:arm|group))"
    r"|^[^.;:(),\d]{0,60}?\b(?:in|of)\s+(?:arm|group)\s+[A-Z0-9]\b"
)
_GROUP_LABEL_AFTER = re.compile(r"^[^.;:]{0,100}?\((?:group|arm)\s+[A-Z0-9]{1,3}\)")  # "... (group B)"
_ASSIGNED_INTO = re.compile(r"\b(?:into|to)\s")  # "divided into A (group 1) and B (group 2)": a split, not a part


#: "of the", "among these" just before a count: the text points back to a group it has named (lower-cased text)
_ANAPHORIC_BEFORE = re.compile(r"\b(?:of|from|among|in|for)\s+(?:the|these)\s*$")
_AMONG_BEFORE = re.compile(r"(?:^|[.;:]\s*|\b(?:results|findings)\s+)among\s+(?:the\s+|all\s+)?$")  # lower-cased text


def _own_clause(after: str) -> bool:
    """Whether the phrase after a count's noun closes with a comma before any "and" or "or" ("..., 450 were assigned"): the count heads the sentence."""
    comma = after.find(",", 0, 80)
    return comma >= 0 and " and " not in after[:comma] and " or " not in after[:comma] and "(" not in after[:comma]


def _group_after(after: str) -> bool:
    """Whether the text after a count puts it in one group ("in the usual-care group", "... (arm B)")."""
    if "arm" not in after and "group" not in after:
        return False  # both patterns name an arm or a group (case-sensitive): a string test spares them
    if _GROUP_AFTER.match(after):
        return True
    if "(" not in after:
        return False
    label = _GROUP_LABEL_AFTER.match(after)
    return label is not None and _ASSIGNED_INTO.search(after, 0, after.find("(")) is None
#: a clause after a semicolon that opens on an arm or a group: "...; in the tamoxifen arm, 148 ..." (lower-cased text)
_GROUP_CLAUSE_BEFORE = re.compile(r";\s*(?:in|within|for|among)\s+(?:the\s+)?(?:[\w+/-]+\s+){0,5}?(?:arm|group)\b[^.;]*$")
#: after a count's noun: allocated to one arm or group named as such, not to a list of them ("randomized to the sleeve
#: group", "who had been assigned to the control arm"; not "to the exercise group or usual care") (lower-cased text)
_TO_ONE_GROUP_AFTER = re.compile(
    r"\s*(?:\([^()]*\)\s*)?(?:(?:who|that)\s+)?(?:(?:were|was|had\s+been|have\s+been)\s+)?(?:randomi[sz]ed|(?:randomly\s+)?(?:assigned|allocated))\s+(?:\([^()]*\)\s+)?"
    r"(?:to|into)\s+(?:(?:receive|the|an?)\s+)?(?:(?!(?:or|and|versus|vs|two|three|four|both|either|each|one)\b)[\w+/-]+\s+){0,3}?(?:arm|group)\b"
    # no other arm named in the clause: "or", "versus", "compared", "and (the) ... group", "and usual care"
    r"(?![^.;]{0,120}?\b(?:or|versus|vs|compared)\b|[^.;]{0,120}?\band\s+(?:to\s+)?(?:the\s+|an?\s+)?(?:(?:[\w+/-]+\s+){0,3}?(?:arm|group)|(?:usual|standard|control|placebo|observation|wait-?list|no)\b))"
)
_DOSE_AFTER = re.compile(r"\s*(?:mg|g\b|µg|mcg|Gy|mL|IU|units?\b|/m|%|-?(?:years?|months?|weeks?|days?|hours?|h)\b)", re.I)
_PREP_BEFORE = re.compile(r"\b(?:in|among|for)\s+(?:the\s+)?$")
_YEAR = re.compile(r"(?:19[5-9]|20[0-3])\d")
_RETAINED_AFTER = re.compile(r"\s*(?:completed|remained|were\s+(?:retained|included|analy[sz]ed|evaluable|assessable)|provided|returned)\b", re.I)
#: "640 women took part, half in each arm", "..., split equally between the groups": the whole, split evenly
_SPLIT_EVENLY = re.compile(r"^[^.;:()\d]{0,40}?,\s*(?:half|(?:split\s+|divided\s+|allocated\s+)?(?:evenly|equally))\b", re.I)
_EACH_GROUP_AFTER = re.compile(r"^[^.;:()\d]{0,40}?\b(?:in|per|to|into|for)\s+each\s+(?:of\s+the\s+(?:\w+\s+)?)?(?:arm|group|cohort)s?\b", re.I)
_GROUP_BEFORE = re.compile(
    r"^(?:[A-Z][A-Za-z ]{0,25}:\s*)?(?:(?:In|Within|For|Among)\s+(?:the\s+)?(?:[\w+/-]+\s+){0,5}?(?:arm|group)\b"
    r"|(?:The\s+)?(?:Cases|Controls|(?:Control|Placebo|Intervention|Experimental|Treatment|Comparison)\s+(?:arm|group|subjects|participants|patients|women|dyads)\b))[^.;]*$"
)
_TOTALISH_BEFORE = guarded(re.compile(  # case-sensitive: searched in lower-cased text
    r"\b(?:review(?:ed)?|analy[sz]ed|analysis|stud(?:y|ied)|series|cohort|included|enrolled|recruited|identified|evaluated|assessed|treated|randomi[sz]ed|consisting|involving|comprising|comprised|data|records?|charts?|registered|accrued|enrolling|including)\s+(?:of\s+)?(?:the\s+)?(?:data\s+(?:of|from)\s+|records\s+of\s+|a\s+total\s+of\s+)?$"
    r"|\b(?:participants|patients|subjects|sample|cohort|population)\s+(?:were|was|comprised|included|consisted\s+of)\s+$"
    r"|\b(?:consisted\s+of|accrual\s+(?:was|of|reached)|enrol+ment\s+of|recruitment\s+of)\s+(?:a\s+total\s+of\s+)?$"
    # "we randomly assigned 1210 adults", "the study randomly allocated 880 men": the subject's active verb
    r"|\b(?:we|trial|study|investigators)\s+(?:(?:then|subsequently|prospectively)\s+)?randomly\s+(?:assigned|allocated)\s+(?:\([^()]{1,20}\)\s+)?(?:a\s+total\s+of\s+)?$",
), '[rasciedtvpw]')
#: a group kept beside the study's own cohort, sized after "of": "a parallel cohort of", "a separate observational group of",
#: "a non-randomised registry cohort of", "an external reference series of" (lower-cased text)
_SIDE_GROUP_BEFORE = re.compile(
    r"\b(?:parallel|separate|additional|non-?randomi[sz]ed|observational|registry|reference|concurrent|contemporaneous|companion|external|historical)\s+"
    r"(?:[\w-]+\s+){0,2}?(?:cohort|group|series|sample|population)\s+of\s+(?:the\s+)?$"
)
_CONTROL_GROUP_OF_BEFORE = re.compile(r"\b(?:control|comparison)\s+(?:group|arm|cohort|series)\s+of\s+$")  # lower-cased text
_ARM_BEFORE = guarded(re.compile(
    r"\b(?:arm|group)\s+(?:consisted\s+of|comprised|included|had)\s+$|\b(?:control|placebo|intervention|experimental|treatment|comparison)\s+(?:arm|group)\s+(?:of|with)\s+$", re.I
), '[agcpietAGCPIET]')
_STUDY_CUE = guarded(re.compile(r"\b(?:stud(?:y|ies)|trials?|enrol+ed|recruited|included|conducted|randomi[sz]ed|randomly)\b", re.I), '[stiercSTIERC]')
_UNITS_N = re.compile(rf"\s*[(\[]\s*[nN]\s*=\s*({NUM})\s*(?:participants|individuals|people|persons)?\s*[)\]]")
_ARM_NOUN_BEFORE = re.compile(r"\b(?:intervention|control|placebo|experimental|treatment|comparison|usual[- ]care|exercise|arm|group)\s+$", re.I)
_NOT_POPULATION = guarded(re.compile(r"\b(?:to|into|or|versus|vs|group|arm|receiving|received|treated\s+with)\b|\band\s*$", re.I), "[tiovgar]")
_BRACKETED = re.compile(r"\([^()]*\)")
#: a verb phrase that makes a bare number a count with a role ("62 were enrolled", "150 agreed to take part", "leaving 494")
_ROLE_GATE = re.compile(
    r"(?=[wacpluethb])(?:\b(?:(?:were|was|could\s+be|had\s+been|have\s+been)\s+(?:(?:fully|finally|ultimately|later|subsequently|then|eventually)\s+)?(?:evaluable|assessable|assessed\s+for|evaluated\s+for|analy[sz]ed|eligible|included\s+in|available\s+for|enrol|randomi[sz]ed|randomly\s+assigned|assigned|allocated|randomly\s+allocated|recruited|accrued|entered|registered)"
    r")|\bentered\s+th|\b" + _UNDERWENT_RANDOMISATION + r"|\bagreed\s+to|\bconsented\s+to|\bparticipated\s+in|\btook\s+part|\bleaving\s)"
)  # case-sensitive: searched in the lower-cased sentence
_N_EQUALS = guarded(re.compile(r"\bn\s*="), 'n')


def _has_enrol_word(lower: str) -> bool:
    """Whether the lower-cased sentence holds a word that enrols ("enrolled", "randomised", "took part"): an "N of M" count is worth looking for."""
    return (
        "enrol" in lower or "random" in lower or "recruit" in lower or "accrued" in lower or "regist" in lower or "entered" in lower
        or "included" in lower or "agreed" in lower or "consented" in lower or "participated" in lower or "took part" in lower or "joined" in lower
    )


def _has_role_word(lower: str) -> bool:
    """Whether the lower-cased sentence holds a word that every match of ``_ROLE_GATE`` holds (substring tests spare the regex)."""
    return (
        "random" in lower or "enrol" in lower or "analy" in lower or "included" in lower or "eligible" in lower or "recruited" in lower
        or "evaluable" in lower or "assessable" in lower or "available" in lower or "accrued" in lower or "agreed" in lower
        or "consented" in lower or "participated" in lower or "took part" in lower or "leaving" in lower or "assigned" in lower or "allocated" in lower
        or "entered" in lower or "registered" in lower or "assessed for" in lower or "evaluated for" in lower
    )


def find_cohort(text: str, sentences: Sequence[tuple[int, int]], lexicon: Lexicon, title_end: int = 0) -> list[Hit]:
    """Cohort hits: ``n`` candidates (label ``"count"`` with a role), sex counts and age."""
    pats = _patterns(lexicon)
    hits: list[Hit] = []
    if "\xa0" in text:
        text = text.replace("\xa0", " ")  # no-break spaces read as spaces (one for one: offsets hold)
    lowered = _aligned_lower(text)  # character for character: a sentence's slice is the sentence lower-cased
    if "random" in lowered:
        lowered = _canonical_randomisation(lowered)
    for s, e in sentences:
        sentence = text[s:e]
        lower = lowered[s:e]
        if _HAS_DIGIT.search(lower) is None and _HAS_NUMBER_WORD.search(lower) is None:
            continue  # every cohort figure is a number, in digits or words
        found: list[Hit] = []
        taken: set[int] = set()  # starts of numbers already read (pools of "N of M", counts)
        of_like = " of " in lower or "/" in sentence
        if of_like and _has_survey_words(lower):
            _survey_counts(lower, s, s < title_end, found, taken)
        enrol_word = (of_like or "among " in lower or lower.startswith("of ")) and _has_enrol_word(lower)
        if enrol_word and of_like:
            _of_counts(pats, sentence, lower, s, s < title_end, found, taken)
        _noun_counts(pats, sentence, lower, s, s < title_end, found, taken)
        if len(found) > 1:
            _spread_parts(found, text, s)
        if "=" in sentence and _N_EQUALS.search(lower) is not None:
            _n_equals(pats, sentence, lower, s, found, taken)
        if _has_role_word(lower):  # every key word of the verb and bare-whole finders is a role word
            if _ROLE_GATE.search(lower) is not None:
                _role_counts(pats, sentence, lower, s, found, taken)
            _verb_counts(lower, s, found, taken)
            if enrol_word:
                _bare_whole_counts(lower, s, found, taken)
        if ":" in sentence and _labelled_colon(lower) and _LABELLED_COUNT.search(lower) is not None:
            _labelled_counts(pats, lower, s, found, taken)
        if "number of" in lower:
            _number_of_counts(lower, s, found, taken)
        if ("stopped" in lower or "closed" in lower or "halted" in lower or "terminated" in lower or "ended" in lower or "ceased" in lower or "suspended" in lower) and ("enrol" in lower or "accrual" in lower or "recruitment" in lower or "inclusion" in lower or "randomi" in lower):
            _stopped_enrolment_counts(lower, s, found, taken)
        if ("accrual" in lower or "enrol" in lower or "recruitment" in lower or "registration" in lower) and _NOMINAL_ENROL_COUNT.search(lower) is not None:
            _nominal_enrolment_counts(lower, s, found, taken)
        if "screened" in lower or "approached" in lower or "invited" in lower or "contacted" in lower:
            _after_screening(sentence, lower, s, found, taken)
        if ("% (" in sentence or "%(" in sentence or "% [" in sentence) and ("recruit" in lower or "particip" in lower or "uptake" in lower or "enrol" in lower or "consent" in lower or "accrual" in lower or "take-up" in lower):
            _rate_counts(lower, s, found, taken)
        if "criteria" in lower:
            _criteria_counts(lower, s, found)
        if "analy" in lower and " of " in lower:
            _analysed_of_counts(lower, s, found, taken)
        if "population" in lower or "protocol" in lower or "intention" in lower or "analysis set" in lower or "itt " in lower or "analysis " in lower or "leaving " in lower:
            _population_counts(sentence, lower, s, found)
        if ("originally" in lower or "initially" in lower or "original" in lower or "parent" in lower) and _FOLLOW_UP_SUBSET.match(lower) is not None:
            _follow_up_subset(lower, s, found)
        if found and s >= title_end and _STUDY_SENTENCE.search(lower) is None:
            if _BACKGROUND.search(lower) is not None:
                for i, h in enumerate(found):  # "Breast cancer is diagnosed in about 55,000 women each year": the disease's burden
                    found[i] = h._replace(payload={**h.payload, "weak": True, "last_resort": True})
            elif _GENERIC_PRESENT.search(lower) is not None:
                for i, h in enumerate(found):  # "Registry data from 12,000 women show that ...": what is known, told in the present
                    if h.payload["role"] == "other" and not h.payload.get("explicit"):
                        found[i] = h._replace(payload={**h.payload, "weak": True})
        if found and ("this " in lower or "present " in lower or "current " in lower or "our " in lower):
            _this_study_counts(lower, found, s)
        if found and ("previous" in lower or "earlier" in lower or "prior" in lower or "original" in lower or "parent" in lower or "analys" in lower):
            _other_study_counts(lower, found, s)
        hits.extend(found)
        if ("women" in lower or "male" in lower or ("men" in lower and _MEN.search(lower) is not None) or "boys" in lower or "girls" in lower or "m:f" in lower or "m/f" in lower) and _has_sex_count(lower):
            hits.extend(_sex_hits(pats, lower, s))
        if "age" in lower and ("median" in lower or "mean" in lower or "average" in lower):
            hits.extend(_age_hits(pats, sentence, lower, s))
    if "(" in text and not any(h.label == "count" and not h.payload.get("weak") for h in hits):  # no count at all: people the text names by an abbreviation ("260 TGW")
        abbreviations = _people_abbreviations(text)
        if abbreviations is not None:
            for s, e in sentences:
                if abbreviations.search(lowered, s, e) is not None:
                    found = []
                    _abbreviation_counts(pats, abbreviations, text[s:e], lowered[s:e], s, found, set())
                    hits.extend(found)
    order = 0
    for i, h in enumerate(hits):
        if h.label == "count":
            hits[i] = h._replace(payload={**h.payload, "order": order})
            order += 1
    return hits


_Pats = dict[str, re.Pattern[str]]

#: before a count, in its sentence: another study named as the subject or the source, whose size is not this study's
#: ("The earlier NSABP trial enrolled 2,892 women", "a previous trial of 1,600 patients", "In this secondary analysis of a
#: randomized trial of 3,000 women, we studied 412"); lower-cased text, searched up to the count
_OTHER_STUDY_BEFORE = re.compile(
    r"\b(?:previous|prior|earlier|preceding|parent)\s+(?:(?!(?:in|of|with|for|at|on|to|and|or|after|before|the|a|an)\s)[\w-]+\s+){0,4}?(?:trials?|stud(?:y|ies)|reports?|analys[ie]s)\b"
    r"|(?P<parent>\b(?:secondary|post[- ]hoc|exploratory|ancillary|correlative|translational)\s+(?:analys[ie]s|stud(?:y|ies)|sub-?stud(?:y|ies))\s+(?:of|from|within|nested\s+in)\s+"
    r"(?:(?:data|samples|participants|patients|women)\s+(?:from|of|in)\s+)?(?:a|an|the)\s+(?:[\w-]+\s+){0,6}?(?:trial|study)\s+(?:of|in|among|involving|including|that\s+(?:enrolled|randomi[sz]ed|included))\s+)"
)
#: what ends the other study's clause: a new clause that speaks of this study ("..., we studied", "; here", ". In this trial")
_THIS_STUDY_AFTER = re.compile(r"[,;]\s*(?:we|here|in\s+(?:this|the\s+present|the\s+current)|this|the\s+present|the\s+current|our)\b")


#: a sentence led by the people first randomised, then how many of them a later look reached: "Of the 456 patients
#: originally randomised, 398 completed the 10-year questionnaire", "Among the 2,032 women enrolled in the parent trial,
#: 1,450 consented to extended follow-up" (lower-cased text)
_FOLLOW_UP_SUBSET = re.compile(
    rf"(?:[a-z ]{{0,25}}:\s*)?(?:of|among|from)\s+(?:the|all|these)?\s*(?P<pool>{NUMW})\s+(?:[\w-]+\s+){{0,4}}?"
    r"(?:(?:originally|initially|first)\s+(?:randomi[sz]ed|randomly\s+assigned|assigned|allocated|enrol+ed|included|recruited|registered)"
    r"|(?:randomi[sz]ed|randomly\s+assigned|enrol+ed|included|recruited|registered|treated|participating)\s+in\s+the\s+(?:original|parent|initial|main)\s+(?:trial|study))"
    r"[^,;]{0,60},\s*"
    rf"(?P<num>{NUMW})\s+(?:\(\s*\d+(?:[.·]\d+)?\s*%\s*\)\s+)?(?:(?:women|men|patients|participants|survivors|of\s+them)\s+)?"
    r"(?:completed|consented|agreed|participated|took\s+part|returned|attended|responded|provided"
    r"|(?:could\s+be|were|was|had\s+been)\s+(?:still\s+)?(?:followed|traced|contacted|reached|re-?contacted|re-?assessed|re-?evaluated|assessed|evaluated|examined|interviewed|surveyed|included|enrol+ed|available|eligible))\b"
)


def _follow_up_subset(lower: str, s: int, found: list[Hit]) -> None:
    """The people a follow-up study reached among those first randomised: the cohort it reports on; the first pool is weak."""
    m = _FOLLOW_UP_SUBSET.match(lower)
    value = _whole(m.group("num")) if m is not None else None
    if m is None or value is None:
        return
    pool = _whole(m.group("pool"))
    if pool is None or value >= pool:
        return
    for i, h in enumerate(found):
        if h.start == m.start("pool") + s:
            found[i] = h._replace(payload={**h.payload, "weak": True, "source": True})  # still the count enrolled
        elif h.start == m.start("num") + s:
            return  # already read (as analysed, evaluable...)
    found.append(_hit(s, m.start("num"), m.end("num"), value, "other", True, False))


#: a count named as this study's own, before it ("the present analysis of 2,006 women", "this substudy included 412
#: patients") or after it ("1,967 (74%) are included in this translational study"); lower-cased text
_THIS_STUDY_LEAD = re.compile(
    r"\b(?:this|the\s+present|the\s+current|our)\s+(?:[\w-]+\s+){0,2}?(?:analysis|study|sub-?study|report|cohort)\s+"
    r"(?:(?:of|in|among|on)\s+(?:data\s+(?:from|on)\s+)?(?:the\s+|all\s+)?|(?:included|includes|comprised|comprises|involved|involves|enrolled)\s+(?:data\s+(?:from|on)\s+)?(?:a\s+total\s+of\s+)?)$"
)
_THIS_STUDY_TAIL = re.compile(
    r"\s*(?:\([^()]{1,30}\)\s*)?(?:(?!were\b|are\b)[\w-]+\s+){0,3}?(?:are|were|was|is)\s+included\s+in\s+(?:this|the\s+present|the\s+current|our)\s+(?:[\w-]+\s+){0,2}?(?:analysis|study|sub-?study)\b"
)


#: a sentence opened by this study's name ("In this phase III trial, ", "Methods: In the present study, "): its enrolled count is the study's own (lower-cased text)
_IN_THIS_STUDY_OPENING = re.compile(
    r"^(?:[a-z][a-z ]{0,25}:\s*)?(?:in|for)\s+(?:this|the\s+present|the\s+current|our)\s+(?:[\w-]+\s+){0,4}?(?:study|trial|analysis)\s*,\s*"
    r"(?:a\s+total\s+of\s+|we\s+(?:randomly\s+)?(?:randomi[sz]ed|assigned|enrol+ed|recruited|included)\s+)?$"
)
_BARE_THIS_STUDY = re.compile(rf"(?<![\w.,·/])(?P<num>{NUM})" + _THIS_STUDY_TAIL.pattern)


#: a sentence about a disease's burden in a population: how many are diagnosed, die or suffer each year, worldwide or
#: nationally, or "of every N" (lower-cased text)
_BACKGROUND = re.compile(
    r"\b(?:each|every|per|a)\s+year\b|\bannually\b|\byearly\b|\bworldwide\b|\bglobally\b|\bof\s+every\b"
    r"|\b(?:is|are)\s+(?:newly\s+)?diagnosed\b|\b(?:die|dies)\s+(?:of|from)\b"
)
#: a verb in the present tense telling what is generally so ("lymphoedema affects", "data show that"; lower-cased text)
_GENERIC_PRESENT = re.compile(
    r"\b(?:is|are|affects?|develops?|occurs?|remains?|shows?|suggests?|indicates?|demonstrates?|experiences?|suffers?|lives?|represents?|accounts?\s+for)\b"
)
#: a sentence that speaks of this study or its people: then its counts are the study's (lower-cased text)
_STUDY_SENTENCE = re.compile(
    r"\b(?:we|our|were|was|had|been|enrol+ed|enrol+ing|randomi[sz]\w*|randomly|recruited|included|participa\w*|studied|assigned|allocated|accrued|registered|analy[sz]ed|trial|study|cohort)\b"
)


def _this_study_counts(lower: str, found: list[Hit], s: int) -> None:
    """Mark the counts the text names as this study's own ("the present analysis of 2,006 women"): the cohort reported
    on, chosen over a larger count of the trial it draws on; a bare number so named is such a count ("and 1,967 (74%)
    are included in this study")."""
    for i, h in enumerate(found):
        a, b = h.start - s, h.end - s
        if _THIS_STUDY_LEAD.search(lower, max(0, a - 80), a) or _THIS_STUDY_TAIL.match(lower, b) or (
            h.payload["role"] == "enrolled" and a < 120 and _IN_THIS_STUDY_OPENING.match(lower, 0, a)
        ):
            found[i] = h._replace(payload={**h.payload, "this_study": True})
    if " included in " in lower:
        starts = {h.start - s for h in found}
        for m in _BARE_THIS_STUDY.finditer(lower):
            value = _whole(m.group("num"))
            if value is not None and m.start("num") not in starts and not 1950 <= value <= 2035:
                found.append(_hit(s, m.start("num"), m.end("num"), value, "other", True, False))
                found[-1].payload["this_study"] = True


def _other_study_counts(lower: str, found: list[Hit], s: int) -> None:
    """Counts of another study (an earlier trial, the parent trial of a secondary analysis) are weak: a fallback only."""
    m = _OTHER_STUDY_BEFORE.search(lower)
    if m is None:
        return
    if m.group("parent"):
        end = m.end() + 1  # "a secondary analysis of a trial of 3,000 women": the count just after names the parent trial
    else:
        after = _THIS_STUDY_AFTER.search(lower, m.end())
        end = after.start() if after is not None else len(lower)
    for i, h in enumerate(found):
        if m.start() <= h.start - s < end:
            found[i] = h._replace(payload={**h.payload, "weak": True, "last_resort": True})

#: ways of saying "randomised" that the cohort patterns do not list, each padded to its own length so that offsets hold:
#: "randomly divided", "randomly distributed", "divided randomly", "allocated randomly", "assigned at random" (lower-cased text)
_RANDOMISED_SYNONYM = re.compile(
    r"\b(?:randomly\s+(?:divided|distributed|split|categori[sz]ed|stratified\s+and\s+assigned)|(?:divided|distributed|split|assigned|allocated)\s+(?:at\s+)?randomly"
    r"|(?:divided|distributed|split|assigned|allocated)\s+at\s+random(?!ly)|(?:proceeded|went(?:\s+on)?|progressed|continued|moved\s+on)\s+to\s+be\s+randomi[sz]ed)\b"
)
#: "random assignment" and "random allocation" are the noun "randomisation" ("underwent random assignment", "at random
#: allocation"); "proceeded to randomisation", "went on to randomisation": the step a count underwent (lower-cased text)
_RANDOMISATION_SYNONYM = re.compile(r"\brandom\s+(?:assignment|allocation)\b")
_ON_TO_RANDOMISATION = re.compile(r"\b(?:proceeded|went(?:\s+on|\s+forward)?|progressed|continued|moved\s+on|passed)\s+to\s+randomi[sz]ation\b")


def _canonical_randomisation(lower: str) -> str:
    """``lower`` with every other way of saying "randomised" written "randomised" (and "randomisation", "underwent
    randomisation"), padded with spaces to its length."""
    if "random a" in lower:
        lower = _RANDOMISATION_SYNONYM.sub(lambda m: "randomisation".ljust(len(m.group())), lower)
    if "to randomi" in lower:
        lower = _ON_TO_RANDOMISATION.sub(lambda m: "underwent randomisation".ljust(len(m.group())), lower)
    if not ("divided" in lower or "distribut" in lower or "split" in lower or "categori" in lower or "stratified and" in lower or "ed randomly" in lower or "at random" in lower or "be randomi" in lower):
        return lower  # every match holds one of these words (string tests spare the regex)
    return _RANDOMISED_SYNONYM.sub(lambda m: ("were randomised" if m.group().startswith(("proceed", "went", "progress", "continu", "moved")) else "randomised").ljust(len(m.group())), lower)

#: an abbreviation in brackets ("(TGW)", "(CHWs)"), and the people it may name right before it: "target group women (TGW)",
#: "health workers (CHWs)", "women with dense breasts (WDB)"
_ABBREVIATION_BRACKET = re.compile(r"[(\[]\s*(?P<abbr>[A-Z][A-Za-z]{0,4}[A-Z]s?)\s*[)\]]")
_PEOPLE_BEFORE_ABBREVIATION = re.compile(
    r"\b(?:women|patients|participants|survivors|subjects|individuals|adults|men|workers|nurses|physicians|caregivers|mothers|volunteers|residents)"
    r"(?:\s+(?:with|who\s+have|on|at|from|of|in)\s+[\w-]+(?:\s+[\w-]+){0,2}?)?\s*$"
)


def _people_abbreviations(text: str) -> re.Pattern[str] | None:
    """A pattern (for lower-cased text) for a count of the people an abbreviation the text defines names ("260 TGW"), or None when it defines none."""
    found = {m.group("abbr") for m in _ABBREVIATION_BRACKET.finditer(text) if _PEOPLE_BEFORE_ABBREVIATION.search(text, max(0, m.start() - 50), m.start())}
    if not found:
        return None
    return re.compile(rf"(?<![\w.,·-])(?P<num>{NUMW})\s+(?:{'|'.join(sorted(re.escape(a.lower()) for a in found))})\b")  # lower-cased text


def _abbreviation_counts(pats: _Pats, pattern: re.Pattern[str], sentence: str, lower: str, s: int, found: list[Hit], taken: set[int]) -> None:
    """Counts of people named by an abbreviation the text defines ("among 260 TGW from each area"), read in a text with no other count."""
    for m in pattern.finditer(lower):
        value = _new_count(m, taken)
        if value is None:
            continue
        taken.add(m.start("num"))
        role = _role(pats, lower[max(0, m.start() - 60) : m.start()], lower[m.end() : m.end() + 160])
        found.append(_hit(s, m.start("num"), m.end("num"), value, role, False, False, part=_is_part(pats, sentence, lower, m.start("num"), m.end("num"), m.end())))


def _of_counts(pats: _Pats, sentence: str, lower: str, s: int, title: bool, found: list[Hit], taken: set[int]) -> None:
    """The first number of "31 of 322 eligible women took part", enrolled; the pool (322) is read no further."""
    for m in pats["of_count"].finditer(lower):
        value = _whole(m.group("num"))
        if value is None:
            continue
        if lower[max(0, m.start() - 8) : m.start()].rstrip().endswith(_OF_PREP_ENDS) and _OF_PREP_BEFORE.search(lower, max(0, m.start() - 8), m.start()):
            continue  # "responses in 31 of the 40 patients enrolled": the first is a subgroup of the pool, read as a count of its own
        taken.add(m.start("pool"))
        taken.add(m.start("num"))
        part = _is_part(pats, sentence, lower, m.start("num"), m.end("num"), m.end()) or _TO_ONE_GROUP_AFTER.match(lower, m.start("mid")) is not None
        found.append(_hit(s, m.start("num"), m.end("num"), value, "enrolled", True, title, part=part))  # "11 of 14 women who had been randomised to the bandage group": one group


#: a preposition before "N of M" puts N in an outcome's clause ("evaluable in 31 of 40 women enrolled"); lower-cased text
_OF_PREP_ENDS = ("in", "among", "for", "by", "from", "with", "on")
_OF_PREP_BEFORE = re.compile(rf"\b(?:{'|'.join(_OF_PREP_ENDS)})\s*$")
#: a survey's response: "returned by 412 of 600 invited", "412 of the 600 women approached (69%) responded" (lower-cased text)
_SURVEY_OF = re.compile(
    rf"(?<![\w.,·/])(?P<num>{NUMW})\s*(?:{_PCT}\s*)?(?:of|out\s+of|/)\s*(?:the\s+|all\s+)?(?:(?P<pre>invited|approached|contacted|surveyed|mailed|eligible)\s+)?"
    rf"(?P<pool>{NUMW})(?![\w.%·/-]|,\d)\s*(?:{_PCT}\s*)?(?P<gap>(?:(?!\d)[\w-]+\s+){{0,3}}?)(?:patients|women|men|participants|survivors|subjects|people|individuals|members|respondents|clinicians|physicians|nurses|oncologists|surgeons|parents|carers|caregivers)\b"
    rf"(?:\s+(?:who\s+(?:were|had\s+been)\s+)?(?P<post>invited|approached|contacted|surveyed|mailed|sent))?"
)


_INVITED = re.compile(r"\b(?:invited|approached|contacted|surveyed|mailed|eligible)\b")


def _survey_counts(lower: str, s: int, title: bool, found: list[Hit], taken: set[int]) -> None:
    """The respondents of a survey ("responses from 412 of the 600 women invited"): the cohort, the pool read no further."""
    for m in _SURVEY_OF.finditer(lower):
        value = _whole(m.group("num"))
        invited = m.group("pre") is not None or m.group("post") is not None or _INVITED.search(m.group("gap")) is not None
        if value is None or not invited or m.start("num") in taken:
            continue
        taken.add(m.start("pool"))
        taken.add(m.start("num"))
        found.append(_hit(s, m.start("num"), m.end("num"), value, "other", True, title, explicit=True))


def _has_survey_words(lower: str) -> bool:
    """Whether the lower-cased sentence reads as a survey's response ("returned", "responded", "questionnaire") from people invited."""
    return ("invit" in lower or "approached" in lower or "contacted" in lower or "surveyed" in lower or "mailed" in lower) and (
        "respon" in lower or "returned" in lower or "completed" in lower or "questionnaire" in lower or "survey" in lower or "replied" in lower
    )


_OF_THE_LOWER = lower_twin(_OF_THE)
_PLANNED_BEFORE_LOWER = lower_twin(_PLANNED_BEFORE)
_SUBSET_AFTER_LOWER = lower_twin(_SUBSET_AFTER)


#: after a count of people: an event that befell them ("died", "relapsed", "were hospitalised", "experienced grade 3 ...");
#: lower-cased text, matched at the end of the people noun
_EVENT_VERB_AFTER = re.compile(
    r"\s*(?:\([^()]*\)\s*)?(?:(?:have|had)\s+)?(?:died|relapsed|progressed|responded|recurred|experienced|developed|required|needed|discontinued\s+(?:treatment|therapy|the\s+study\s+drug)"
    r"|underwent\s+(?:re|salvage|second|further|additional)|(?:were|was)\s+(?:still\s+)?(?:alive|dead|hospitali[sz]ed|readmitted|re-?operated|re-?admitted|censored|disease-free|free\s+of|diagnosed\s+with))"
)
#: a word that makes a count the study's whole after all ("A total of 300 patients who relapsed were randomised")
_ENROL_OR_ANALYSIS_WORD = re.compile(r"\b(?:randomi[sz]|randomly|enrol|recruit|included|assigned|allocated|analy[sz]|evaluable|assessable|registered|accrued)")


def _noun_counts(pats: _Pats, sentence: str, lower: str, s: int, title: bool, found: list[Hit], taken: set[int]) -> None:
    """Counts of people ("120 newly diagnosed women") with their role, and whether each is the whole or a part."""
    ascii_text = sentence.isascii()  # case-blind patterns have case-sensitive twins for the lower-cased text
    for m in _counts(pats, sentence, lower):
        a, b = m.start("num"), m.end("num")
        if a in taken:
            continue
        if a > 1 and sentence[a - 1] in "–—" and sentence[a - 2].isalnum():
            continue  # "pT1–3 pN0–1 disease, women were ...": the end of a range, not a count
        if a > 3 and (lower[a - 3 : a] == "to " or lower[a - 3 : a] == "or ") and _RANGE_END_BEFORE.search(lower, max(0, a - 30), a) is not None:
            continue  # "one to three positive nodes, ... patients", "two or three cycles": the end of a range, not a count
        value = _whole(m.group("num"))
        if value is None:
            continue
        before = sentence[max(0, a - 40) : a]
        explicit = _TOTAL_PREFIX.search(before[-24:]) is not None
        if explicit and _EVENT_VERB_AFTER.match(lower, m.end()) is not None and _ENROL_OR_ANALYSIS_WORD.search(lower, m.end(), m.end() + 100) is None:
            continue  # "In all, 27 patients were hospitalised", "A total of 41 women died": people an event befell, not a whole
        if 1950 <= value <= 2035 and not explicit and "," not in m.group("num") and not (_COUNT_NOT_YEAR.match(sentence, b) and not _YEAR_PREP_BEFORE.search(before)):
            continue  # a year
        if _UNIT_AFTER.match(sentence, b, b + 8) or _TIMES_AROUND.match(sentence, b) or (before.rstrip().endswith(("x", "×")) and _TIMES_BEFORE.search(before)):
            continue  # "2 x 2 factorial design, women ...": a design, not a count
        if _LABEL_NUMBER_BEFORE.search(before):
            continue  # "phase 3 trial, patients", "stage 2 patients": a label, not a count
        if lower.endswith("cases", 0, m.end()) and _EVENT_CASES_AFTER.match(lower, m.end()) is not None:
            continue  # "four cases of stroke were diagnosed in the first year": events, not people studied
        if _not_cohort_after(sentence, lower, m.end()) or _BOUND_BEFORE.search(before) or _EACH_AFTER.match(sentence, m.end()):
            if "screened" in lower and _SCREENED_AFTER.match(lower, m.end()) and not _BOUND_BEFORE.search(before):
                taken.add(a)  # "350 patients were screened, 120 were randomised to A and 118 to B": the cohort only when nothing else is
                found.append(_hit(s, a, b, value, "other", False, False, weak=True))
                found[-1].payload["last_resort"] = True
            continue  # screened, planned ("will be recruited"), or a bound ("up to 16 patients each")
        after_noun = sentence[m.end() :]
        before_lower = lower[max(0, a - 40) : a]
        if before_lower.endswith(" ") and _SCREENED_VERB_BEFORE.search(before_lower) is not None:
            taken.add(a)  # "the sites screened 900 patients and enrolled 610": the pool screened, the cohort only when nothing else is
            found.append(_hit(s, a, b, value, "other", False, False, weak=True))
            found[-1].payload["last_resort"] = True
            continue
        if before_lower.endswith(" ") and _CAUSED_BEFORE.search(before_lower) is not None and _TO_VERB_AFTER.match(lower, m.end()) is not None:
            continue  # "nausea led six women to stop early": people an event befell, not the cohort
        subset = (bool((_SUBSET_AFTER_LOWER.match(lower[m.end() :]) if ascii_text else _SUBSET_AFTER.match(after_noun))) and not (_heads_sentence(before, lower, a) and _MAIN_ENROL_AFTER.match(after_noun))) or (before_lower.rstrip().endswith(_SUBSET_TAILS) and _SUBSET_BEFORE.search(before_lower) is not None and not (before_lower.endswith("only ") and _ONLY_ENROLLED_AFTER.match(lower, m.end()) is not None))
        if (lower[m.end() : m.end() + 2].lstrip()[:1] in _EXCLUDED_NEXT or "exclu" in before_lower or "remov" in before_lower or "withdrawal" in before_lower) and _excluded(lower, before_lower, m.end()):
            continue  # "after exclusion of 23 patients", "12 women were excluded": left out of the cohort
        role_after = _LEADING_BRACKET.sub(" ", lower[b : b + 280], count=1)
        if "(" in lower[m.end() : m.end() + 3] and _BRACKET_THEN_VERB.match(lower, m.end()):  # "52 patients (30 men, 22 women; median age 60) were enrolled"
            role_after = lower[b : m.end()] + _LEADING_BRACKET.sub(" ", lower[m.end() : b + 280], count=1)
        role = _role(pats, lower[max(0, a - 60) : a], role_after[:160])
        if role == "other" and a < 90 and _has_enrol_verb_word(lower) and _subject_enrolled(lower, a, m.end()):
            role = "enrolled"  # "Between 2004 and 2010, 412 women aged 50 or younger who had ... were then randomly allocated": the subject's own verb, late
        elif role == "enrolled" and "random" in lower and before_lower.rstrip().endswith("of") and _OF_WHOLE.search(before_lower) is not None and _POOL_THEN_RANDOMISED.match(lower, m.end()) is not None:
            role = "other"  # "Of 438 patients registered, 420 were randomised": a trial's cohort is those randomised, the pool is only its source
        elif role == "other" and a < 90 and "analy" in lower and _subject_enrolled(lower, a, m.end(), _SUBJECT_ANALYSED_VERB):
            role = "analysed"  # "A total of 89 patients with X treated at our centre from 2011 to 2020 were retrospectively analysed"
        total = explicit or bool(_TOTALISH_BEFORE.search(before_lower)) or title or ("of" in before_lower[-4:] and _NOMINAL_ENROL_BEFORE.search(before_lower) is not None)
        took_part = role == "other" and ("took part" in lower[m.end() : m.end() + 120] or "participated" in lower[m.end() : m.end() + 120]) and _TOOK_PART_AFTER.match(lower, m.end()) is not None
        anaphoric = False
        if (_OF_THE_LOWER.search(before_lower) if ascii_text else _OF_THE.search(before)) or _STUDY_IN_BEFORE.search(before if len(before) < 40 else sentence[max(0, a - 120) : a]):
            subset = bool(_WHO_SUBSET_AFTER.match(after_noun))  # "Among the 124 patients who relapsed" stays a subgroup
            if not subset and role != "enrolled" and "able" in after_noun[:60] and _MEASURABLE_AFTER.match(after_noun) is not None:
                subset = True  # "Among 16 patients with measurable lesions": those whose response could be read, not the cohort
            total = not subset
            anaphoric = total and before_lower.rstrip().endswith(("the", "these")) and _ANAPHORIC_BEFORE.search(before_lower) is not None
        rate_of = before_lower.rstrip().endswith(("the", "these", "all")) and _RATE_OF_BEFORE.search(before_lower) is not None  # "9 (60%) of the 15"
        if total and not explicit and rate_of:
            total = False  # "9 (60%) of the 15 patients given A": the denominator of a rate, not a stated whole
        if not total and "(" in sentence[m.end() : m.end() + 3] and _split_in_bracket(lower, m.end(), value):
            total = True  # "131 patients (66 A, 65 B)", "125 survivors (n = 60 I; n = 65 C)": the whole, split in its bracket
        if subset and not total and "%" in after_noun[:12] and _RETAINED_AFTER.match(_BRACKETED.sub("", after_noun[:120])) is not None:
            subset = False  # "180 of 200 randomized women (90%) completed follow-up": the share that stayed, of the whole
        if subset and not total and role not in ("evaluable", "analysed"):
            continue
        if subset and role in ("evaluable", "analysed"):
            total = False
        part = _is_part(pats, sentence, lower, a, b, m.end()) or (before_lower.rstrip().endswith(_PAIR_WORDS) and _PAIR_BEFORE.search(before_lower) is not None) or (
            (_PCT_AFTER_NUMBER.match(sentence, b) is not None or (explicit and _PCT_AFTER_NUMBER.match(sentence, m.end()) is not None)) and role != "enrolled" and _RETAINED_AFTER.match(_BRACKETED.sub("", after_noun[:120])) is None
        )  # "18 (49%) participants had ...": a subgroup; "65 (81%) participants finished follow-up": the cohort retained
        if part and _OF_WHOLE.search(before_lower) and not _group_after(after_noun) and _TO_ONE_GROUP_AFTER.match(lower, m.end()) is None:
            part = False  # "Of 300 patients, 150 received A and 150 B": the first is the whole
        elif part and before_lower.rstrip().endswith(("among", "the", "all")) and _AMONG_BEFORE.search(before_lower) and _own_clause(after_noun) and not _group_after(after_noun):
            part = False  # "Among the 902 randomised patients, 450 were assigned to A": the whole, then its split
        if ("arm" in before_lower or "group" in before_lower) and _ARM_BEFORE.search(before):
            part = True  # "one group consisted of 19 men"
        side = False  # a control or side group sized on its own: an earlier count of the same kind is the other group
        if not part and " of " in before_lower[-5:] and _SIDE_GROUP_BEFORE.search(before_lower) is not None:
            part = True  # "a parallel cohort of 90 women", "a separate registry group of 150": beside the trial's cohort
        elif part and ("control" in before_lower or "comparison" in before_lower) and _CONTROL_GROUP_OF_BEFORE.search(before_lower) is not None:
            side = True  # "A matched control group of 174 women ...": the first group was sized before it
        if not part and total and ("assigned" in after_noun[:40] or "allocated" in after_noun[:40] or "randomi" in after_noun[:40]):
            one = _ONE_ARM_AFTER.match(after_noun)
            if one is not None and (_OF_THE_LOWER.search(before_lower) if ascii_text else _OF_THE.search(before)) and not _ANOTHER_ARM.search(one.group("arm")):
                part = True  # "Of 120 women randomly allocated to T-DM1, 30 had ...": one arm's people
        if not part and ("rest" in after_noun or "remaining" in after_noun or "other" in after_noun) and _ALLOCATED_THEN_REST.match(lower, m.end()):
            part = True  # "38 women were assigned to pilates and the remaining women received standard care": one arm's people
        if not part and "(" in before and _in_arm_bracket(lower, a):
            part = True  # "randomised to A (aged < 70 years; 40 patients) or B (...)": one arm's size
        taken.add(a)
        individuals = _UNITS_N.match(sentence, m.end())
        if individuals is not None and (_whole(individuals.group(1)) or 0) > value:
            a, b, value = individuals.start(1), individuals.end(1), _whole(individuals.group(1)) or value  # "68 dyads (n = 136)": the people
            taken.add(a)
        if ("stud" in before_lower or "trial" in before_lower or "article" in before_lower) and _POOLED_BEFORE.search(lower, max(0, a - 80), a) and not _pooled_analysis(lower):
            continue  # "15 studies encompassing 1416 survivors": people pooled from other studies, not a cohort
        if before_lower.rstrip().endswith(_PLANNED_WORDS) or (_PLANNED_BEFORE_LOWER.search(before_lower) if ascii_text else _PLANNED_BEFORE.search(before)) or ("will" in before_lower and _FUTURE_BEFORE.search(before_lower) is not None) or ("of" in before_lower[-9:] and _SAMPLE_BEFORE.search(before_lower) is not None):  # "we planned to enrol 300 women": used only when nothing else is stated
            found.append(_hit(s, a, b, value, "other", False, False, part=part, weak=True))
            continue
        if "%" in before_lower[-16:] and _SHARE_OF_BEFORE.search(before_lower) is not None:
            found.append(_hit(s, a, b, value, role, False, title, part=part, weak=True))  # "318 adults (27% of the 1178 enrolled)": the base of a share
            continue
        found.append(_hit(s, a, b, value, role, total, title, explicit=explicit, part=part))
        if anaphoric and not explicit:
            found[-1].payload["anaphoric"] = True  # "Among the 75 postmenopausal women, ...": a group named before, whole or part
        if took_part:
            found[-1].payload["took_part"] = True  # "Forty-five women took part; ...": chosen as an enrolled whole is, though not stated with an enrolment word
        if side:
            found[-1].payload["side"] = True
        if role in ("analysed", "evaluable") and ("random" in lower[b : m.end()] or "enrol" in lower[b : m.end()]) and _ENROLLED_ADJECTIVE.search(lower, b, m.end()) is not None:
            found[-1].payload["enrolled_too"] = True  # "All 906 randomised patients were analysed": enrolled as well as analysed
        if role == "analysed" and rate_of:
            found[-1].payload["rate_base"] = True  # "51 (89%) of the 57 analysed patients had ...": the base of one measure
        if not total and role == "other" and before_lower.rstrip().endswith(_OBLIQUE_ENDS) and _OBLIQUE_BEFORE.search(before_lower) is not None:
            found[-1].payload["oblique"] = True  # "... was short for 452 patients", "(67 patients receiving A [93%]; ...)"


#: a screening verb right before a count: "the practices screened 1,044 patients and enrolled 611" (lower-cased text)
_SCREENED_VERB_BEFORE = re.compile(r"\b(?:screened|approached|invited|contacted|assessed)\s+(?:a\s+total\s+of\s+|some\s+|about\s+)?$")
#: a verb making the count's people the object of an event ("pain caused 12 men to stop", "led four patients to withdraw"); lower-cased text
_CAUSED_BEFORE = re.compile(r"\b(?:led|leading|caused|causing|prompted|prompting|forced|forcing|obliged)\s+$")
_TO_VERB_AFTER = re.compile(r"\s+to\s+(?!the\b|a\b|an\b|\d)[a-z]+")
#: enrolment as a noun, stopped early: "Enrollment stopped after 534 of the planned 1,000 patients" (lower-cased text)
_STOPPED_ENROLMENT = re.compile(
    rf"\b(?:enrol+ment|accrual|recruitment|inclusion|randomi[sz]ation)\s+(?:was\s+|had\s+to\s+be\s+)?(?:stopped|closed|halted|terminated|ended|ceased|suspended)\s+"
    rf"(?:early\s+|prematurely\s+)?(?:after|at|with)\s+(?P<num>{NUMW})(?![\w%·/-]|[.,]\d)"
)


def _stopped_enrolment_counts(lower: str, s: int, found: list[Hit], taken: set[int]) -> None:
    """The count enrolment stopped at ("accrual closed after 534 of 1,000 planned patients"): enrolled, the whole."""
    for m in _STOPPED_ENROLMENT.finditer(lower):
        a, b = m.start("num"), m.end("num")
        value = _whole(m.group("num"))
        if value is None or a in taken or 1950 <= value <= 2035:
            continue
        taken.add(a)
        found.append(_hit(s, a, b, value, "enrolled", True, False))


#: enrolment as a noun with its total: "Accrual was 1,234 of a planned 1,500", "Enrollment totaled 412 patients" (lower-cased text)
_NOMINAL_ENROL_COUNT = re.compile(
    rf"\b(?:enrol+ment|accrual|recruitment|registration)\s+(?:was|reached|totall?ed|comprised|numbered|amounted\s+to|stood\s+at|(?:was\s+)?completed\s+(?:at|with))\s+"
    rf"(?:a\s+total\s+of\s+)?(?P<num>{NUMW})(?![\w%·/-]|[.,]\d)(?!\s*(?:(?:{_PEOPLE_SHORT})\s+)?(?:per|a|an|each|every)\s)"
)
#: what makes an enrolment noun a target, not the count reached ("the planned accrual was 1,500") (lower-cased text)
_TARGET_NOUN_BEFORE = re.compile(r"\b(?:planned|intended|projected|targeted|target|anticipated|expected|required|total\s+planned|originally\s+planned)\s+$")


def _nominal_enrolment_counts(lower: str, s: int, found: list[Hit], taken: set[int]) -> None:
    """The count an enrolment noun reached ("Accrual was 1,234 of a planned 1,500"): enrolled, the whole; a target is skipped."""
    for m in _NOMINAL_ENROL_COUNT.finditer(lower):
        a, b = m.start("num"), m.end("num")
        value = _whole(m.group("num"))
        if value is None or a in taken or (1950 <= value <= 2035 and "," not in m.group("num")):
            continue
        if _TARGET_NOUN_BEFORE.search(lower, max(0, m.start() - 30), m.start()):
            continue
        taken.add(a)
        found.append(_hit(s, a, b, value, "enrolled", True, False))


#: a share's "of" right before a count, in a bracket after another count: "318 adults (27% of the 1178 enrolled)"
#: (lower-cased text): the count is the base the share is of, used only when nothing else is stated
_SHARE_OF_BEFORE = re.compile(r"[(\[]\s*\d+(?:[.·]\d+)?\s*%\s*(?:of|out\s+of)\s+(?:the\s+|all\s+)?$")


#: a number, then "to" or "or", right before a count: the count ends a range ("one to three node-positive patients") (lower-cased text)
_RANGE_END_BEFORE = re.compile(
    r"(?:\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|[a-z]+teen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety))\s+(?:to|or)\s+$"
)


#: what may open a sentence before its subject count (lower-cased text): "Between 2004 and 2010, ", "In total, ", "Results: "
_SUBJECT_LEAD = re.compile(
    r"(?:[a-z][a-z ]{0,25}:\s*)?(?:(?:between|from|during|over|in|since)\s[^,;:()]{1,60},\s*|(?:in\s+total|in\s+all|overall|altogether),?\s*|a\s+total\s+of\s+)?"
)
#: the subject's own enrolment verb, however far after it in the sentence: "... who had undergone X, were then randomly allocated"
_SUBJECT_ENROL_VERB = re.compile(
    r"[^;:.]{0,320}?\b(?:were|had\s+been)\s+(?:(?:then|subsequently|later|finally|eventually|successfully|all)\s+)?(?:randomi[sz]ed|randomly\s+(?:assigned|allocated)|enrol+ed|recruited|accrued|registered)\b"
)
#: after a pool's people noun: its enrolment step, then a count randomised from it (lower-cased text)
_POOL_THEN_RANDOMISED = re.compile(
    rf"\s+(?:were\s+|who\s+were\s+)?(?:enrol+ed|registered|recruited|included|consented|entered)\b[^,;.]{{0,60}},\s*(?:{NUMW})\s+(?:\([^()]*\)\s+)?"
    rf"(?:(?:{_PEOPLE_SHORT})\s+)?(?:(?:who|whose|with)\s[^.;:,()\d]{{1,80}}?\s)?(?:(?:were|was)\s+(?:(?:subsequently|then|later|eventually)\s+)?(?:randomi[sz]ed|randomly)\b|{_UNDERWENT_RANDOMISATION})"
)
#: the subject's own analysis verb, however far after it: "... treated at our centre from 2011 to 2020 were retrospectively analysed"
_SUBJECT_ANALYSED_VERB = re.compile(
    r"[^;:.]{0,320}?\b(?:were|had\s+been)\s+(?:(?:retrospectively|prospectively|then|subsequently|finally|all|jointly)\s+)?analy[sz]ed\b"
)
#: a clause with its own subject inside the gap: "412 women had surgery, of whom 300 were randomised", "and 200 were enrolled"
_OWN_SUBJECT_IN_GAP = re.compile(r"\b(?:whom|of\s+these|of\s+them|of\s+those),?\s+(?:\d|(?!had\b|were\b|was\b)[a-z-]+\s+(?:were|was|had\s+been)\s)|(?<![\w.,·])(?!(?:19|20)\d\d\b)\d[\d,]*\s+(?:(?!and\b)[a-z-]+\s+){0,2}?(?:were|was|had\s+been)\s")


def _heads_sentence(before: str, lower: str, a: int) -> bool:
    """Whether the count at ``a`` opens its sentence, perhaps after a lead-in ("From 2010 to 2016, ", "In total, ")."""
    return not before.strip() or (a < 90 and _SUBJECT_LEAD.fullmatch(lower, 0, a) is not None)


def _has_enrol_verb_word(lower: str) -> bool:
    """Whether lower-cased text holds a word every match of ``_SUBJECT_ENROL_VERB`` holds."""
    return "random" in lower or "enrol" in lower or "recruited" in lower or "accrued" in lower or "registered" in lower


def _subject_enrolled(lower: str, a: int, end: int, verb_pattern: re.Pattern[str] | None = None) -> bool:
    """Whether the count at ``a`` (its noun ending at ``end``) opens the sentence and its own verb, later on, enrols it
    (or, given ``verb_pattern``, does what that verb says)."""
    if _SUBJECT_LEAD.fullmatch(lower, 0, a) is None:
        return False
    verb = (verb_pattern or _SUBJECT_ENROL_VERB).match(lower, end)
    return verb is not None and _OWN_SUBJECT_IN_GAP.search(lower, end, verb.end()) is None


#: an enrolment word as the people's adjective, between a count and its noun: "906 randomised patients", "all 300 enrolled women"
_ENROLLED_ADJECTIVE = re.compile(r"(?<![\w-])(?:randomi[sz]ed|enrol+ed)\s")  # lower-cased text


#: after "N cases": of a disease or an event that occurred, was diagnosed or was seen during the study (lower-cased text)
_EVENT_CASES_AFTER = re.compile(
    r"\s*(?:\([^()]*\)\s*)?of\s+[^.;:]{1,80}?\b(?:(?:were|was|had\s+been|have\s+been)\s+(?:(?:newly|subsequently|later|also)\s+)?(?:diagnosed|observed|reported|detected|noted|recorded|documented|seen|found)|occurred|developed|arose|emerged)\b"
    r"(?!\s+(?:in|from|at|between)\s+(?:\d|our|the\s+(?:registry|database|records|institution|hospital|cent(?:er|re))))"
)
#: a preposition or an opening bracket right before a count (with "the", "all" or "most"): the count is not its sentence's
#: subject but the people a finding is about, a subgroup unless stated as the whole (lower-cased text)
_OBLIQUE_ENDS = ("for", "in", "among", "with", "from", "on", "to", "by", "of", "the", "all", "these", "those", "(", "[")  # how its matches end
_OBLIQUE_BEFORE = re.compile(r"(?:\b(?:for|in|among|with|from|on|to|by|of)\s+(?:the\s+|all\s+|these\s+|those\s+)?|[(\[]\s*)$")


#: a number, perhaps with its share, right before "of the": the count is the denominator of a rate (lower-cased text)
_RATE_OF_BEFORE = re.compile(
    r"(?:\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|[a-z]+teen|[a-z]+ty)(?:-[a-z]+)?)\s*(?:[(\[]\s*\d+(?:[.·]\d+)?\s*%\s*[)\]]\s*)?"
    r"(?:of|out\s+of)\s+(?:the|these|all)\s+$"
)
#: the numbers of a bracket right after a count's noun, and what each is (a share is skipped): "(66 A, 65 B)", "(n = 60 I; n = 65 C)"
_BRACKET_BODY = re.compile(r"\s*[(\[](?P<body>[^()\[\]]{1,80})[)\]]")
_EACH_IN_BRACKET = re.compile(r"\b(?:each|per\s+(?:arm|group)|in\s+each)\b")


def _split_in_bracket(lower: str, end: int, value: int) -> bool:
    """Whether the bracket after a count's noun (at ``end``) splits the count: two or more sizes adding up to it, or one
    size "each" (per arm) that divides it ("96 women (48 per arm)")."""
    m = _BRACKET_BODY.match(lower, end)
    if m is None:
        return False
    body = m.group("body")
    sizes = [n.value for n in find_numbers(body) if body[n.end : n.end + 2].strip()[:1] != "%" and n.value == int(n.value)]
    if len(sizes) >= 2:
        return abs(sum(sizes) - value) < 0.5
    return len(sizes) == 1 and 0 < sizes[0] < value and _EACH_IN_BRACKET.search(body) is not None and any(abs(k * sizes[0] - value) < 0.5 for k in (2, 3, 4))


#: people left out of the cohort, before ("after exclusion of 23 patients") or after their count ("12 were excluded"); lower-cased text
_EXCLUDED_BEFORE = re.compile(r"\b(?:exclu(?:sion|ding)|exclude|removal|withdrawal|after\s+removing)\s+(?:of\s+)?(?:the\s+|a\s+further\s+|another\s+)?$")
_EXCLUDED_AFTER = re.compile(
    r"\s*(?:\([^()]*\)\s*)?(?:(?:were|was|had\s+been)\s+(?:subsequently\s+|later\s+|then\s+|also\s+)?(?:excluded|withdrawn|ineligible|lost\s+to\s+follow)|withdrew|dropped\s+out|declined|refused|discontinued|stopped"
    # people who left before the step the cohort is counted at: "4 patients never started treatment", "3 did not receive any dose"
    r"|never\s+(?:started|began|commenced|received|underwent|had)|did\s+not\s+(?:start|begin|commence|receive|undergo)|(?:were|was)\s+(?:not|never)\s+(?:treated|randomi[sz]ed|eligible|evaluable|assessable|dosed))\b"
)


#: the first characters ``_EXCLUDED_AFTER`` may open with after spaces: a bracket or a word's first letter (a string test spares the regex)
_EXCLUDED_NEXT = frozenset("whdrsn(")


def _excluded(lower: str, before_lower: str, end: int) -> bool:
    """Whether the count of people ending at ``end`` is of people left out of the cohort (excluded, withdrawn, declined)."""
    if ("exclu" in before_lower or "remov" in before_lower or "withdrawal" in before_lower) and _EXCLUDED_BEFORE.search(before_lower):
        return True
    rest = lower[end : end + 2].lstrip()[:1]
    return rest in _EXCLUDED_NEXT and _EXCLUDED_AFTER.match(lower, end) is not None


#: after a count of people: allocated to one arm, then a comma ("... randomly assigned to T-DM1, 30 had grade 3 events")
#: (the arm ends at a comma, at "than", or at "and" before the next group's figure: "... assigned to A and 68 percent among ...")
_ONE_ARM_AFTER = re.compile(r"\s*(?:who\s+were\s+|were\s+)?(?:randomly\s+)?(?:assigned|allocated|randomi[sz]ed)\s+to\s+(?:receive\s+)?(?P<arm>[^,;.()]{1,60}?)\s*(?:,|\band\s+(?=\d)|\bthan\b)", re.I)
_ANOTHER_ARM = re.compile(r"\b(?:or|and|versus|vs|either|both|each|one\s+of)\b", re.I)
#: an arm named after a verb of allocation, up to the bracket that sizes it (lower-cased text)
_ALLOCATED_NAME_BEFORE = re.compile(r"\b(?:randomi[sz]ed|assigned|allocated)\s+(?:\([^()]*\)\s+)?(?:to|into)\s+(?P<arms>[^.;:]{1,160})$")
_SIZED_BRACKET = re.compile(r"[(\[][^()\[\]]{0,40}?\d")


def _in_arm_bracket(lower: str, at: int) -> bool:
    """Whether the count at ``at`` stands inside a bracket after an arm that people were allocated to: the first arm
    named, or a later one after an arm sized the same way ("randomised to A (n = 30) or B (n = 28)"; not the total
    after a list, "randomised to A or B (n = 400)")."""
    opening = lower.rfind("(", max(0, at - 60), at)
    if opening < 0 or ")" in lower[opening:at]:
        return False
    m = _ALLOCATED_NAME_BEFORE.search(lower, max(0, opening - 200), opening)
    if m is None:
        return False
    arms = m.group("arms")
    if "(" not in arms and "[" not in arms:
        return " or " not in arms and " and " not in arms and " versus " not in arms and " vs" not in arms
    return _SIZED_BRACKET.search(arms) is not None


def _spread_parts(found: list[Hit], text: str, s: int) -> None:
    """Counts after an arm's size in the same sentence are sizes too ("262 in group A and 241 patients in group B")."""
    if len(found) > 1 and any(h.payload["part"] for h in found):
        first = next(i for i, h in enumerate(found) if h.payload["part"])
        for i in range(first + 1, len(found)):  # "262 were enrolled in group A and 241 patients in group B"
            p = found[i].payload
            if p["role"] in ("other", "enrolled") and not p["explicit"] and not (p["total"] and _OF_THE_ANYWHERE.search(text, max(s, found[i].start - 12), found[i].start)):
                found[i] = found[i]._replace(payload={**p, "part": True})


#: after a count of people: allocated to one arm, then the rest given another ("... were randomly assigned to yoga and the
#: remaining women received usual care", "... selected at random to receive A, with the rest receiving B"); lower-cased text
_REST_AFTER = re.compile(r"\s+to\s+[^.;()]{1,80}?(?:,\s*|\s+)(?:and\s+|with\s+|while\s+)?the\s+(?:rest|remaining|others?)\b")
_ALLOCATED_THEN_REST = re.compile(
    r"\s*(?:\([^()]*\)\s*)?(?:who\s+)?(?:were\s+)?(?:randomly\s+|then\s+)?(?:assigned|allocated|randomi[sz]ed|selected\s+(?:at\s+)?random(?:ly)?|randomly\s+selected)" + _REST_AFTER.pattern
)
#: after a verb of allocation, one arm named (no "or", "and", "either", "both", "two"...): "to the control group", "to letrozole," (lower-cased text)
_ONE_ARM_TO = re.compile(
    r"\s+to\s+(?:receive\s+)?(?!(?:the\s+)?(?:two|three|four|both|either|each|one\s+of)\b)(?:the\s+)?(?:(?!(?:or|and|versus|vs)\b)[\w+/-]+\s+){0,4}?(?:(?:arm|group)\b|[\w+/-]+\s*(?:[,;.]|$))"
)


#: before "the remaining N were randomly assigned": people left out first, so the rest is the whole randomised (lower-cased text)
_LEFT_AFTER_EXCLUSIONS = re.compile(
    r"\b(?:excluded|ineligible|not\s+eligible|declined|refused|withdrew|withdrawn|did\s+not\s+(?:meet|consent|wish|want|agree)|failed\s+screening|screen\s+failures?)\b"
    r"(?![^;]*\b(?:assigned|allocated|randomi[sz]ed)\b[^;]*;)"
)
#: just before a count: "of whom", "of these", "of them" (lower-cased text)
_OF_WHOM_BEFORE = re.compile(r"\b(?:of|among)\s+(?:whom|these|them|those)\s*,?\s*$")
#: an enrolment word inside a role word ("eligible and randomly assigned")
_ENROL_STEM = re.compile(r"randomi|randomly|enrol|regist|accrued")
#: a sentence opened by its pool ("Of 1,300 enrolled women, ", "Among the 2,010 registered, "): the count after it is drawn from it (lower-cased text)
_OF_POOL_LEAD = re.compile(r"^(?:[a-z][a-z ]{0,25}:\s*)?(?:overall,?\s+)?(?:of|among|out\s+of|from)\s+(?:the\s+|all\s+|these\s+)?[\w,. ]{1,14}?\s[^;.]{0,80},\s*$")


_AGE_RANGE_BEFORE = re.compile(r"\baged?\s+(?:between\s+|from\s+)?\d+\s*(?:-|–|to|and)\s*$")  # lower-cased text


def _role_counts(pats: _Pats, sentence: str, lower: str, s: int, found: list[Hit], taken: set[int]) -> None:
    """Bare numbers made counts by a role verb: "62 were enrolled", "150 agreed to take part", "leaving 494 in the analysis"."""
    for m in pats["role_count"].finditer(lower):
        num_key = "num" if m.group("num") else "num3" if m.group("num3") else "num2"
        a = m.start(num_key)
        value = _whole(m.group(num_key))
        if value is None or a in taken:
            continue
        if 1950 <= value <= 2035 and "," not in m.group(num_key):
            continue  # "between 2010 and 2019 were analysed": a year ("2,016 were randomized" is a count)
        if _NOT_A_COUNT_BEFORE.search(sentence, max(0, m.start() - 25), m.start()):
            continue  # "a median age of 66 were randomised"
        if "age" in lower[max(0, m.start() - 24) : m.start()] and _AGE_RANGE_BEFORE.search(lower, max(0, m.start() - 24), m.start()):
            continue  # "women aged 45 to 70 (median 58) were randomised": the top of an age range
        role_word = (m.group("role") or m.group("role2") or m.group("role3")).lower()
        if role_word.startswith(("evaluable", "assessable", "available", "assessed", "evaluated")) or role_word.endswith(("evaluable", "assessable")):
            role = "evaluable"
        elif role_word.startswith(("enrol", "random", "recruit", "accrued", "agreed", "consented", "participated", "assigned", "allocated", "underwent", "entered", "registered")):
            role = "enrolled"
        elif role_word.startswith("eligible") and _ENROL_STEM.search(role_word):
            role = "enrolled"  # "1,234 were eligible and randomly assigned": those randomised
        elif role_word.startswith("took"):
            role = "other"  # "62 took part": the whole, not stated with an enrolment word
        else:
            role = "analysed"
        part = _is_part(pats, sentence, lower, a, m.end(num_key), m.end())
        if not part and ("assign" in role_word or "allocat" in role_word) and (
            _ONE_ARM_TO.match(lower, m.end()) is not None or _REST_AFTER.match(lower, m.end())
            or (lower[max(0, a - 16) : a].endswith(("remaining ", "other ", "rest ")) and not _LEFT_AFTER_EXCLUSIONS.search(lower, 0, a))
        ):
            part = True  # "the remaining 73 were assigned to the comparison group": one arm's people
        found.append(_hit(s, a, m.end(num_key), value, role, role == "enrolled", False, part=part))
        if role == "other":
            found[-1].payload["took_part"] = True
        elif role == "enrolled" and not part and role_word.startswith(("random", "assign", "allocat")) and (
            _OF_WHOM_BEFORE.search(lower, max(0, a - 24), a) or _OF_POOL_LEAD.match(lower, 0, a)
        ):
            pool = next((h for h in reversed(found[:-1]) if h.payload["role"] == "enrolled" and h.payload["value"] > value), None)
            if pool is not None and "random" not in lower[: pool.start - s]:
                # "We recruited 1,101 women, of whom 1,076 were randomly assigned": those randomised are the trial's cohort
                found[-1].payload["randomised_of"] = pool.payload["value"]


#: a count after its label, as in a table: "Randomized patients: n = 412", "Patients: 240 (A 120, B 120)", "enrolled: 180" (lower-cased text)
_LABELLED_COUNT = re.compile(
    rf"(?:^|[.;]\s+|(?<=results)\s*:\s*|\bnumber\s+of\s+)(?P<label>(?:(?:randomi[sz]ed|enrolled|recruited|eligible|evaluable|assessable|analy[sz]ed|included)\s+)?(?:patients|participants|women|subjects|cases)|randomi[sz]ed|enrolled|recruited|evaluable|analy[sz]ed|(?<!planned\s)(?<!target\s)(?:enrol+ment|accrual|recruitment))"
    rf"\s*:\s*(?:n\s*=\s*)?(?P<num>{NUM})(?=\s*(?:[;,.(]|$))"
)


#: a count stated as a number of people: "The number of randomised patients was 318", "the total number of women enrolled
#: reached 1,050" (lower-cased text)
_NUMBER_OF_COUNT = re.compile(
    rf"\bnumber\s+of\s+(?P<label>(?:(?:randomi[sz]ed|enrolled|recruited|eligible|evaluable|assessable|analy[sz]ed|included|participating)\s+)?(?:{_PEOPLE_SHORT}))"
    r"(?:\s+(?P<verb>randomi[sz]ed|enrolled|recruited|included|analy[sz]ed|accrued|registered|evaluable|assessable))?"
    rf"\s+(?:was|were|totall?ed|reached|amounted\s+to)\s+(?:a\s+total\s+of\s+)?(?P<num>{NUMW})(?![\w%·/-]|[.,]\d)"
)


def _number_of_counts(lower: str, s: int, found: list[Hit], taken: set[int]) -> None:
    """A count stated as "the number of randomised patients was 318": the whole, with the role its words give."""
    for m in _NUMBER_OF_COUNT.finditer(lower):
        value = _new_count(m, taken, found, s)
        if value is None:
            continue
        words = m.group("label") + " " + (m.group("verb") or "")
        if "evaluable" in words or "assessable" in words:
            role = "evaluable"
        elif "analy" in words:
            role = "analysed"
        elif "random" in words or "enrol" in words or "recruit" in words or "accrued" in words or "registered" in words or "included" in words:
            role = "enrolled"
        else:
            role = "other"
        taken.add(m.start("num"))
        found.append(_hit(s, m.start("num"), m.end("num"), value, role, True, False))


#: how a label that may precede a count and its colon ends (every ``_LABELLED_COUNT`` label ends so)
_LABEL_ENDS = ("patients", "participants", "women", "subjects", "cases", "randomised", "randomized", "enrolled", "recruited", "evaluable", "analysed", "analyzed",
               "enrolment", "enrollment", "accrual", "recruitment")


def _labelled_colon(lower: str) -> bool:
    """Whether a colon in the lower-cased sentence follows a word a count's label ends with (string tests spare the regex)."""
    at = lower.find(":")
    while at >= 0:
        if lower[max(0, at - 14) : at].rstrip().endswith(_LABEL_ENDS):
            return True
        at = lower.find(":", at + 1)
    return False


def _labelled_counts(pats: _Pats, lower: str, s: int, found: list[Hit], taken: set[int]) -> None:
    """Counts printed after their label as in a table ("Randomized patients: n = 412"): the whole, with the label's role."""
    for m in _LABELLED_COUNT.finditer(lower):
        value = _new_count(m, taken)
        if value is None:
            continue
        label = m.group("label")
        if label.startswith(("evaluable", "assessable")):
            role = "evaluable"
        elif "analy" in label:
            role = "analysed"
        elif label.startswith(("randomi", "enrol", "recruit", "included", "accrual")):
            role = "enrolled"
        else:
            role = "other"  # "Patients: 240", "eligible women: 180"
        taken.add(m.start("num"))
        found.append(_hit(s, m.start("num"), m.end("num"), value, role, True, False))


#: "the analysis included 812 of 830 randomised patients", "we analysed 290 of the 312 women enrolled" (lower-cased text)
_ANALYSED_OF = re.compile(
    rf"(?<!secondary\s)(?<!post\shoc\s)(?<!exploratory\s)(?<!ancillary\s)(?<!subgroup\s)\b(?:analys[ie]s\s+(?:included|comprised|was\s+(?:based\s+on|restricted\s+to))|(?:we|were)\s+analy[sz]ed|analy[sz]ed\s+(?:were|was))\s+"
    rf"(?:data\s+(?:from|of|for)\s+)?(?P<num>{NUMW})\s*(?:{_PCT}\s*)?(?:of|out\s+of)\s+(?:the\s+|all\s+)?(?P<pool>{NUMW})\b"
)


def _analysed_of_counts(lower: str, s: int, found: list[Hit], taken: set[int]) -> None:
    """The analysed count of "the analysis included 812 of 830 randomised patients": analysed; the pool keeps its own reading.

    A secondary, post hoc, exploratory, ancillary or subgroup analysis of a trial reads part of the trial's cohort: not taken.
    """
    for m in _ANALYSED_OF.finditer(lower):
        value = _whole(m.group("num"))
        if value is None or m.start("num") in taken or any(h.start == m.start("num") + s for h in found):
            continue
        taken.add(m.start("num"))
        found.append(_hit(s, m.start("num"), m.end("num"), value, "analysed", False, False))


#: after a population's count: the people named as randomised ("655 adults who underwent randomisation", "all 412 randomised
#: patients" is read by the count's adjective); lower-cased text
_RANDOMISED_PEOPLE_AFTER = re.compile(rf"\s+(?:{_PEOPLE_SHORT})\s+(?:who|that)\s+(?:were\s+randomi[sz]ed|were\s+randomly\s+(?:assigned|allocated)|{_UNDERWENT_RANDOMISATION})")


def _population_counts(sentence: str, lower: str, s: int, found: list[Hit]) -> None:
    """Counts that form an analysis population ("508 formed the ITT population"): analysed, not a part."""
    for m in _ANALYSIS_POPULATION.finditer(lower):
        key = next(k for k in ("num", "num2", "num3", "num4") if m.group(k))
        a, b = m.start(key), m.end(key)
        value = _whole(m.group(key))
        if value is None or 1950 <= value <= 2035:
            continue
        same = next((i for i, h in enumerate(found) if h.start == a + s), None)
        if same is None:
            found.append(_hit(s, a, b, value, "analysed", False, False))
            same = len(found) - 1
        else:
            payload = found[same].payload
            found[same] = found[same]._replace(payload={**payload, "role": "analysed", "part": False, "weak": payload.get("weak") or False})
        if key == "num2" and "random" in lower[b : b + 60] and _RANDOMISED_PEOPLE_AFTER.match(lower, b) is not None:
            found[same].payload["enrolled_too"] = True  # "the ITT set included all 655 adults who underwent randomisation"


def _after_screening(sentence: str, lower: str, s: int, found: list[Hit], taken: set[int]) -> None:
    """The enrolled count listed after a screened (approached, invited) one with no auxiliary: "Of 300 women screened, 210 enrolled and 190 completed"."""
    at = min(i for i in (lower.find("screened"), lower.find("approached"), lower.find("invited"), lower.find("contacted")) if i >= 0)
    for m in _BARE_ENROLLED.finditer(lower, at):
        value = _new_count(m, taken)
        if value is None:
            continue
        taken.add(m.start("num"))
        found.append(_hit(s, m.start("num"), m.end("num"), value, "enrolled", True, False))
        return


#: a count that met the study's criteria ("of whom 1,480 met the inclusion criteria"): the cohort a series includes (lower-cased text)
_CRITERIA_COUNT = re.compile(
    rf"(?<![\w.,·])(?P<num>{NUMW})\s+(?:{_PCT}\s+)?(?:(?:[\w-]+\s+){{0,2}}?(?:{_PEOPLE_SHORT})\s+)?(?:\([^()]*\)\s+)?"
    r"(?:met|fulfilled|satisfied)\s+(?:the\s+|all\s+|our\s+)?(?:(?:study|trial|predefined|pre-?specified|specified)\s+)?(?:inclusion|eligibility|entry|selection|study)\s+criteria\b"
)
#: a pool that opens its sentence or clause: "Of 6815 registered patients, ...", "Findings: from 1204 identified, ..." (lower-cased text)
_POOL_BEFORE = re.compile(r"(?:^|[.;:]\s*)(?:of|out\s+of|from|among)\s+(?:the\s+|all\s+|these\s+)?$")
_ENROL_LATER = re.compile(r"\b(?:enrol|randomi[sz]|randomly|recruited|assigned|allocated|accrued|registered)")


#: words that make a figure a plan: "the planned 120 participants" is a planned figure
_PLANNED_WORDS = ("planned", "intended", "projected", "targeted", "target", "anticipated", "expected")
_PLANNED_WORD = rf"(?:{'|'.join(_PLANNED_WORDS)})\b"
#: an active verb of enrolment, then a bare count: "the trial randomised 612 before it closed", "we enrolled 85 (42 per arm)" (lower-cased text)
_VERB_COUNT = re.compile(
    rf"(?:randomi[sz]ed|enrol+ed|recruited|accrued|registered)\s+(?:a\s+total\s+of\s+|only\s+|just\s+)?(?P<num>{NUMW})(?![\w%·/:-]|[.,]\d|\s*(?:to|and|or|x|×)\b|\s*of\b(?!\s+(?:the\s+|a\s+)?(?:originally\s+)?{_PLANNED_WORD}))"
    r"(?=\s*(?:[,;)]|of\b|\.(?!\d)|\(|$|(?:before|when|until|by|between|from|at|over|during|in\s+(?:total|all|\d)|across|but|and\s+(?:was|were|then|closed|stopped))\b))"
)


#: where a bare whole may stand: a digit, then a role word ("1,024 randomised"); scanned first, the full pattern tried near it
_BARE_WHOLE_NEAR = re.compile(r"\d\s+(?:randomi|enrol|recruited|accrued|registered|included)")


_VERB_WORDS = ("randomi", "enrol", "recruited", "accrued", "registered")


def _matches_at(pattern: re.Pattern[str], lower: str, words: Sequence[str]) -> list[re.Match[str]]:
    """The matches of ``pattern`` that start where one of ``words`` stands (found by string search), in text order."""
    out = []
    for word in words:
        at = lower.find(word)
        while at >= 0:
            m = pattern.match(lower, at)
            if m is not None:
                out.append(m)
            at = lower.find(word, at + len(word))
    return sorted(out, key=lambda m: m.start()) if len(out) > 1 else out


def _verb_counts(lower: str, s: int, found: list[Hit], taken: set[int]) -> None:
    """A bare count after an active verb of enrolment ("the trial randomised 612 before it was stopped"): enrolled, the total."""
    for m in _matches_at(_VERB_COUNT, lower, _VERB_WORDS):
        value = _new_count(m, taken, found, s)
        if value is None:
            continue
        taken.add(m.start("num"))
        found.append(_hit(s, m.start("num"), m.end("num"), value, "enrolled", True, False))


#: a recruitment rate with its count and pool: "Recruitment was 9% (126/1356)", "the participation rate was 62% (310 of 500)",
#: "uptake: 41% (n = 82/200)" (lower-cased text; a response rate is an outcome, not enrolment)
_RATE_COUNT = re.compile(
    rf"\b(?:recruitment|participation|uptake|take-up|enrol+ment|consent|accrual)(?:\s+rates?)?\s*(?:was|were|of|reached|:|=)?\s*(?:only\s+|about\s+|approximately\s+)?"
    rf"\d+(?:[.·]\d+)?\s*%\s*[(\[]\s*(?:n\s*=\s*)?(?P<num>{NUM})\s*(?:/|of|out\s+of)\s*(?P<pool>{NUM})\s*[)\];,]"
)


def _rate_counts(lower: str, s: int, found: list[Hit], taken: set[int]) -> None:
    """The people a recruitment rate counts ("Recruitment was 9% (126/1356)"): enrolled, the whole; the pool is read no further."""
    for m in _RATE_COUNT.finditer(lower):
        value = _whole(m.group("num"))
        if value is None or m.start("num") in taken:
            continue
        taken.add(m.start("num"))
        taken.add(m.start("pool"))
        found.append(_hit(s, m.start("num"), m.end("num"), value, "enrolled", True, False))


def _criteria_counts(lower: str, s: int, found: list[Hit]) -> None:
    """The count that met the inclusion criteria, the cohort of a series unless an enrolled count follows in the sentence."""
    for m in _CRITERIA_COUNT.finditer(lower):
        value = _whole(m.group("num"))
        if value is None or 1950 <= value <= 2035 or _ENROL_LATER.search(lower, m.end()) is not None:
            continue
        a = m.start("num") + s
        for i, h in enumerate(found):  # "Of 6815 registered patients, 2947 met the inclusion criteria": the pool was screened
            if h.label == "count" and h.start < a and h.payload["value"] > value and h.payload["role"] in ("enrolled", "other") and _POOL_BEFORE.search(lower, 0, h.start - s):
                found[i] = h._replace(payload={**h.payload, "weak": True})
        same = next((i for i, h in enumerate(found) if h.start == a), None)
        if same is None:
            found.append(_hit(s, m.start("num"), m.end("num"), value, "other", True, False, explicit=True))
        elif found[same].payload["role"] == "other":
            found[same] = found[same]._replace(payload={**found[same].payload, "total": True, "explicit": True, "part": False})
        return


#: a whole named by its role with no noun: "Of the 1,024 randomised, 980 ...", "among all 310 enrolled who ..." (lower-cased text)
_BARE_WHOLE = re.compile(
    rf"\b(?:of|among|out\s+of)\s+(?:the\s+|all\s+|these\s+)?(?P<num>{NUMW})\s+(?P<role>randomi[sz]ed|enrol+ed|recruited|accrued|registered|included)"
    rf"(?=\s*(?:,\s*(?:(?:of\s+)?(?:whom|these|them)\b|(?:[a-z]+\s+){{0,2}}?{NUMW})|\((?:n\s*=\s*)?\d|who\b|;|\.(?!\d)))"
)


def _bare_whole_counts(lower: str, s: int, found: list[Hit], taken: set[int]) -> None:
    """A whole stated by its role word alone ("Of the 1,024 randomised, 980 received treatment"): enrolled, the total."""
    for near in _BARE_WHOLE_NEAR.finditer(lower):
        m = _BARE_WHOLE.search(lower, max(0, near.start() - 40), near.end() + 60)
        if m is None:
            continue
        value = _new_count(m, taken, found, s)
        if value is None:
            continue
        taken.add(m.start("num"))
        found.append(_hit(s, m.start("num"), m.end("num"), value, "enrolled", True, False))


def _sex_hits(pats: _Pats, lower: str, s: int) -> list[Hit]:
    """Counts of men and women ("26 men and 18 women", "M:F 2:1")."""
    out: list[Hit] = []
    for m in pats["sex"].finditer(lower):
        if m.group("a"):
            if bool(_MALE_WORD.match(m.group("sa"))) == bool(_MALE_WORD.match(m.group("sb"))):
                continue  # "13 men (2%) and 17 men (3%), respectively": the men with an event in each arm, not the sexes
            pairs = [(m.group("a"), m.group("sa"), m.start("a"), m.end("a")), (m.group("b"), m.group("sb"), m.start("b"), m.end("b"))]
        elif m.group("e"):
            pairs = [(m.group("e"), m.group("se"), m.start("e"), m.end("e"))]
        elif m.group("f"):
            pairs = [(m.group("f"), m.group("sf"), m.start("f"), m.end("f"))]
        else:
            pairs = [(m.group("c"), "male", m.start("c"), m.end("c")), (m.group("d"), "female", m.start("d"), m.end("d"))]
        for num, sex, a, b in pairs:
            value = parse_number(num)
            if value is None or value != int(value):
                continue
            field = "n_male" if _MALE_WORD.match(sex) else "n_female"
            out.append(Hit("cohort", field, a + s, b + s, {"value": int(value)}))
    if "n =" in lower or "n=" in lower:
        for m in _SEX_THEN_N.finditer(lower):  # "Most were men (n = 178)", "(median age 70 years; men, n = 51)"
            value = parse_number(m.group("num"))
            if value is not None and value == int(value) and not any(h.start == m.start("num") + s for h in out):
                field = "n_male" if _MALE_WORD.match(m.group("sex")) else "n_female"
                out.append(Hit("cohort", field, m.start("num") + s, m.end("num") + s, {"value": int(value)}))
    return out


#: a sex count after its label (lower-cased text): "most were men (n = 178)", "(median age 70 years; men, n = 51)"
_SEX_THEN_N = re.compile(
    rf"(?:\b(?:were|was)\s+|[(\[;,]\s*)(?P<sex>males?|men|boys|females?|women|girls)\s*(?:,\s*|:\s*|[(\[]\s*)n\s*=\s*(?P<num>{NUM})(?=\s*(?:[;,)\]]|\.(?!\d)|$))"
)


def _age_hits(pats: _Pats, sentence: str, lower: str, s: int) -> list[Hit]:
    """Mean or median age ("median age 52 years")."""
    out: list[Hit] = []
    pattern, text = (_twin_age(pats), lower) if sentence.isascii() else (pats["age"], sentence)
    for m in pattern.finditer(text):
        kind = (m.group("kind") or m.group("kind2") or m.group("kind3") or m.group("kind4") or "").lower()
        num_group = "num" if m.group("num") else "num2" if m.group("num2") else "num3" if m.group("num3") else "num4"
        value = parse_number(m.group(num_group))
        if value is None or not 0 < value < 110:
            continue
        field = "age_median" if kind == "median" else "age_mean"
        out.append(Hit("cohort", field, m.start(num_group) + s, m.end(num_group) + s, {"value": value}))
    return out


_AGE_TWINS: dict[int, re.Pattern[str]] = {}


def _twin_age(pats: _Pats) -> re.Pattern[str]:
    """The case-sensitive twin of the age pattern (made once per pattern set)."""
    key = id(pats["age"])
    if key not in _AGE_TWINS:
        _AGE_TWINS[key] = lower_twin(pats["age"])
    return _AGE_TWINS[key]


_MALE_WORD = re.compile(r"(?:males?|men|boys|male\s+patients|m)$", re.I)


def _new_count(m: re.Match[str], taken: set[int], found: Sequence[Hit] = (), s: int = 0) -> int | None:
    """The whole number of ``m``'s "num" group, or None when it is none, its place is taken, it may be a year
    (1950-2035), or one of ``found`` (hits of the sentence at ``s``) already stands there."""
    value = _whole(m.group("num"))
    if value is None or m.start("num") in taken or 1950 <= value <= 2035 or any(h.start == m.start("num") + s for h in found):
        return None
    return value


#: two numbers in words joined by "and" that the number pattern reads as one ("thirty-seven and thirty-six"): "and"
#: joins the parts of one number only after "hundred" or "thousand" ("one hundred and six")
_TWO_WORD_NUMBERS = re.compile(r"(?<!hundred)(?<!thousand)\s+and\s", re.I)


def _whole(number: str) -> int | None:
    """A whole number in the cohort range, else None (and None for two numbers in words read as one, "forty and forty-two")."""
    if " and " in number and _TWO_WORD_NUMBERS.search(number) is not None:
        return None
    if number[:2] in ("a ", "A ") and number[2:].lstrip().lower().startswith("hundred"):
        number = number[2:]  # "a hundred and twenty"
    value = parse_number(number)
    if value is None or value != int(value) or not _MIN_N <= value <= _MAX_N:
        return None
    return int(value)


def _hit(s: int, a: int, b: int, value: int, role: str, total: bool, title: bool, *, explicit: bool = False, part: bool = False, weak: bool = False) -> Hit:
    payload = {"value": value, "role": role, "total": total, "order": 0, "title": title, "explicit": explicit, "part": part}
    if weak:
        payload["weak"] = True
    return Hit("cohort", "count", a + s, b + s, payload)


def _n_equals(pats: dict[str, re.Pattern[str]], sentence: str, lower: str, s: int, found: list[Hit], taken: set[int]) -> None:
    """Counts written "(n = N)": after a people noun, a capital "(N = N)", or after the population a study sentence names."""
    for m in pats["noun_n"].finditer(lower):  # "Women (n = 11,204) were randomised"
        value = _whole(m.group("num"))
        if value is None or m.start("num") in taken:
            continue
        role = "analysed" if m.group("analysis") else _role(pats, lower[max(0, m.start() - 60) : m.start()], lower[m.end() : m.end() + 160])
        if role == "other" and lower.startswith(("randomi", "enrolled", "recruited"), m.start()):
            role = "enrolled"  # "Patients with stage IV melanoma were enrolled (n = 94)": the bracket sizes the enrolment
        taken.add(m.start("num"))
        design = lower.startswith(_DESIGN_WORDS, m.start())  # "a two-arm pilot trial (N = 140)": the design's size, no arm's
        part = _GROUP_BEFORE.match(sentence, 0, m.start()) is not None or (not design and _ARM_NOUN_BEFORE.search(sentence, max(0, m.start() - 30), m.start()) is not None)
        if not part and lower.startswith("cases", m.start()) and "controls" in lower:
            part = True  # "breast cancer cases (n = 420) and matched controls (n = 840)": one group of a case-control study
        if not part and role == "other" and _one_of_sized_groups(lower, m.start("num"), value):
            part = True  # "the exercise group (n = 45), the control group (n = 41) and healthy women (n = 25)": one group of several
        total = not (role == "other" and lower.startswith(("in ", "among ", "for ")) and lower.startswith(",", m.end()) and _LEAD_IN.match(lower, 0, m.start()) is not None)
        found.append(_hit(s, m.start("num"), m.end("num"), value, role, total, False, part=part))  # "Control dyads (n = 63)" is one arm
        if not total:
            found[-1].payload["oblique"] = True  # "In node-negative women (n = 314), ...": the people a finding is about
    for m in pats["big_n"].finditer(sentence):  # "Lung cancer patients beginning radiotherapy (N = 277)": a capital N is a total
        value = _whole(m.group("num"))
        if value is None or m.start("num") in taken:
            continue
        role = _role(pats, lower[max(0, m.start() - 60) : m.start()], lower[m.end() : m.end() + 160])
        taken.add(m.start("num"))
        part = (_in_arm_bracket(lower, m.start("num")) or _group_size_bracket(lower, m.start(), m.start("num"), m.end("num"), value)) and not _sum_of_sizes(lower, m.start("num"), value)
        # "randomized to letrozole (N=150) or anastrozole (N=148)", "accepting (N=15) or declining (N=15)": each group's size
        found.append(_hit(s, m.start("num"), m.end("num"), value, role, True, False, part=part))
    for m in pats["pop_n"].finditer(sentence):  # "a study among men with localised prostate cancer (n = 112)"
        value = _whole(m.group("num"))
        if value is None or m.start("num") in taken:
            continue
        if "%" in sentence and _PCT_BEFORE.search(sentence, max(0, m.start() - 8), m.start()):
            continue  # "the rate was 12.5% (n = 30)": a number of events
        before = lower[max(0, m.start() - 160) : m.start()]
        noun = None
        for noun in pats["people"].finditer(before):
            pass  # the last people noun before the bracket
        if noun is None or not (_STUDY_CUE.search(before) or (_STUDY_CUE.search(lower, m.end(), m.end() + 40))) or _GROUP_BEFORE.match(sentence, 0, m.start()):
            continue
        between = before[noun.end() :]
        if " to " in between and "age" in between:
            between = _AGE_SPAN.sub(" ", between)  # "adults aged 18 to 65 years with asthma (n = 356)": an age range, not an arm
        if _NOT_POPULATION.search(between) or "(" in between:
            continue
        taken.add(m.start("num"))
        if _ENROLLED_AFTER_BRACKET.match(lower, m.end()) is not None and _TO_ONE_GROUP_AFTER.match(lower, m.end()) is None and _POP_SUBJECT_BEFORE.fullmatch(lower, 0, max(0, m.start() - 160) + noun.start()) is not None:
            # "Patients with stage III disease (n = 230) were randomly assigned to A or B": the people the sentence enrols
            found.append(_hit(s, m.start("num"), m.end("num"), value, "enrolled", True, False))
            continue
        found.append(_hit(s, m.start("num"), m.end("num"), value, "other", False, False, weak=True))


#: right after a population's "(n = N)": its enrolment verb (lower-cased text)
_ENROLLED_AFTER_BRACKET = re.compile(
    r"\s*(?:were|was|had\s+been)\s+(?:(?:subsequently|then|prospectively|consecutively)\s+)?(?:randomi[sz]ed|randomly\s+(?:assigned|allocated)|enrol+ed|recruited|accrued|registered)\b|\s*" + _UNDERWENT_RANDOMISATION
)
#: what may stand before the people noun of a sentence's subject: a lead-in and a few words ("Eligible postmenopausal ")
_POP_SUBJECT_BEFORE = re.compile(
    r"(?:[a-z][a-z ]{0,25}:\s*)?(?:(?:between|from|during|in|since)\s[^,;:()]{1,60},\s*|(?:in\s+total|overall|altogether),?\s*)?(?:(?:a\s+total\s+of|all|the)\s+)?(?:[\w-]+\s+){0,4}"
)
#: how a design that the "(n = N)" pattern reads before its bracket opens ("randomised controlled trial (n = 236)")
_DESIGN_WORDS = ("randomi", "controlled", "pilot", "crossover", "cross-over", "feasibility", "rct")
#: a sentence that opens on the people a finding is about, sized in a bracket, then a comma: "In node-negative women (n = 314), ..."
#: (a subgroup's size, not a stated whole; lower-cased text, matched up to the bracket)
#: an age range after a population's noun ("aged 18 to 65 years"): lower-cased text
_AGE_SPAN = re.compile(r"\baged?\s+(?:between\s+)?\d+\s*(?:to|-|–|and)\s*\d+(?:\s*years?)?")
_LEAD_IN = re.compile(r"(?:in|among|for)\s+(?!(?:all|the\s+(?:whole|entire|overall|total))\b)[^,;:()\d]{1,80}$")
_N_BRACKET = re.compile(rf"[(\[](?:{_N_PREFIX}\s*)?\s*n\s*=\s*(?P<num>{NUM})\s*[)\]]")  # lower-cased text


#: a sized bracket's close, then a coordinator and another sized bracket in the same clause: "A (N = 72) or B (N = 70)",
#: "(n = 20) versus ... (n = 20)"; and the same seen from the second bracket (lower-cased text)
_COORDINATOR = r"\b(?:or|and|versus|vs\.?|compared\s+(?:with|to))\b"
_COORDINATOR_WITH = r"\b(?:or|and|versus|vs\.?|with|to)\b"  # after "compared", "comparing": "compared A (n = 59) with B (n = 50)"
_GAP = r"(?:[^.;:()\[\]]|\.(?=\d)|\(\d\))"  # a clause's text, decimal points and "m(2)" kept ("LET 2.5 mg/day", "1250 mg/m(2)")
_SIZED_NEXT, _SIZED_NEXT_COMPARED = (
    re.compile(rf"\s*(?:[;,][^()\[\]]{{0,30}})?[)\]]{_GAP}{{0,160}}?{c}{_GAP}{{0,160}}?[(\[](?:{_N_PREFIX}\s*)?\s*n\s*=\s*(?P<num>{NUM})")
    for c in (_COORDINATOR, _COORDINATOR_WITH)
)
_SIZED_PREV, _SIZED_PREV_COMPARED = (
    re.compile(rf"[(\[](?:{_N_PREFIX}\s*)?\s*n\s*=\s*(?P<num>{NUM})\s*(?:[;,][^()\[\]]{{0,30}})?[)\]]{_GAP}{{0,160}}?{c}{_GAP}{{0,160}}?$")
    for c in (_COORDINATOR, _COORDINATOR_WITH)
)
#: an arm or group named right before a sized bracket ("in group SF (N = 23)", "the control group (N = 41)") or right after it
#: ("usual care (N = 60) group"); not the study's own group (lower-cased text)
_GROUP_NAMED_BEFORE = re.compile(r"(?<!\bstudy\s)(?<!\bwhole\s)(?<!\bentire\s)(?<!\btotal\s)(?<!\boverall\s)\b(?:arm|group)(?:\s+[a-z0-9+/-]{1,12})?\s*$")
_GROUP_NAMED_AFTER = re.compile(r"\s*(?:[;,][^()\[\]]{0,30})?[)\]]\s*(?:arm|group)s?\b")


def _group_size_bracket(lower: str, opening: int, a: int, b: int, value: int) -> bool:
    """Whether the "(N = value)" at ``a:b`` (its bracket opening at ``opening``) sizes one group, not the whole: it is one of two
    or more sized brackets joined by "or", "and", "versus" or "compared with" ("A (N = 72) or B (N = 70)"), unless the sum of
    the others; an arm or group is named right before or after it ("in group SF (N = 23)"); or it sizes the people a
    finding is about, at the head of the sentence ("Among women with hot flushes (N = 3375), ...")."""
    if _GROUP_NAMED_BEFORE.search(lower, max(0, opening - 30), opening) is not None or _GROUP_NAMED_AFTER.match(lower, b) is not None:
        return True
    if lower.startswith(("in ", "among ", "for ", "of ")) and _LEAD_IN_OF.match(lower, 0, opening) is not None and lower[b : b + 4].lstrip(" )]").startswith(","):
        return True
    if lower.count("=") < 2:
        return False
    compared = "compar" in lower[max(0, opening - 400) : opening]
    after, before = (_SIZED_NEXT_COMPARED, _SIZED_PREV_COMPARED) if compared else (_SIZED_NEXT, _SIZED_PREV)
    others = [m.group("num") for m in (after.match(lower, b), before.search(lower, max(0, opening - 360), opening)) if m is not None]
    if not others:
        return False
    return True


def _sum_of_sizes(lower: str, a: int, value: int) -> bool:
    """Whether ``value`` (the "(n = value)" at ``a``) is the sum of two or more other sized brackets of the sentence: their total."""
    if lower.count("=") < 3:
        return False
    sizes = [v for m in _N_BRACKET.finditer(lower) if m.start("num") != a and (v := _whole(m.group("num"))) is not None]
    return len(sizes) >= 2 and abs(sum(sizes) - value) < 0.5


_LEAD_IN_OF = re.compile(r"(?:in|among|for|of)\s+(?!(?:all|the\s+(?:whole|entire|overall|total))\b)(?:[^,;:()\d]|\([^,;:()\d]{1,12}\)){1,100}$")


def _one_of_sized_groups(lower: str, at: int, value: int) -> bool:
    """Whether the "(n = N)" at ``at`` is one of several groups the sentence sizes the same way, none of which it holds."""
    if lower.count("=") < 2:
        return False
    others = [v for m in _N_BRACKET.finditer(lower) if m.start("num") != at and (v := _whole(m.group("num"))) is not None]
    return bool(others) and value < sum(others)


def _has_parallel_word(clause: str) -> bool:
    """Whether a lower-cased clause holds a comma or a word every match of the ``parallel`` pattern holds (string tests spare it)."""
    return (
        "," in clause or "and" in clause or "while" in clause or "whereas" in clause or "vs" in clause or "versus" in clause
        or "compared" in clause or "but" in clause
    )


def _is_part(pats: dict[str, re.Pattern[str]], sentence: str, lower: str, a: int, b: int, end: int) -> bool:
    """Whether the count at ``a:b`` (its phrase ending at ``end``) is one arm's or subgroup's size, not the whole."""
    after = sentence[end : end + 200]
    if _group_after(after) or ("each" in lower[end : end + 200] and _EACH_GROUP_AFTER.match(after) and not _SPLIT_EVENLY.match(after)):
        return True  # "140 women were enrolled in the usual-care group", "2 patients in group B"
    if _PCT_BEFORE.search(sentence, max(0, a - 6), a):
        return True  # "40.7% (11 patients)": a number of events
    if "+" in sentence and (_PLUS_BEFORE.search(sentence, max(0, a - 8), a) or _PLUS_AFTER.match(sentence, b)):
        return True  # "212 + 209 patients were randomised": addends, each one arm
    if _GROUP_BEFORE.match(sentence, 0, a):
        return True  # "In the T-DM1 arm, 431 of 478 women ..."
    if ";" in sentence[:a] and _GROUP_CLAUSE_BEFORE.search(lower, 0, a) is not None:
        return True  # "...; in the tamoxifen arm, 148 patients were evaluable"
    head = after[:40]
    if ("random" in head or "assigned" in head or "allocated" in head) and _TO_ONE_GROUP_AFTER.match(lower, end) is not None:
        return True  # "Fifteen of the 22 adults randomised to the stretching group ...": one group's people
    if ("random" in head or "enrol" in head or "recruited" in head or "included" in head or "accrued" in head or "registered" in head) and _ENROLLED_BARE_AFTER.match(lower, end, end + 200):
        return False  # "96 women were randomised and 94 started treatment": the whole, then a step of its flow
    cut = min((i for i in (after.find(";"), after.find(":"), after.find(". ")) if i >= 0), default=len(after))
    clause = lower[end : end + cut]
    bare = _BRACKETED.sub("", clause) if "(" in clause else clause
    if not _has_parallel_word(bare):
        return False  # no "and", "while", "versus", ... nor comma: no parallel count
    parallel = False
    for m in pats["parallel"].finditer(bare):
        if m.group("num4") is not None:
            if not _PREP_BEFORE.search(lower, max(0, a - 12), a):
                continue
            parallel = True  # "in 52 treated women ..., whereas in 50 placebo recipients ..."
            break
        if any(not _DOSE_AFTER.match(bare, n.end) for n in find_numbers(bare[: m.start()])) and (pats["people"].search(m.group()) is None or pats["people"].search(bare, 0, m.start()) is not None):
            break  # "87 patients contributing 462 cycles, 231 with A ...": the parallel belongs to another count (but not
            # when it names people and none stand between: "98 women with 101 tumours given A and 85 women with 86 given B")
        if bare.startswith((" a median", " a mean", " an average"), m.end()):
            continue  # "64 were enrolled and 57 had a median follow-up of 3 years": a description, not a second group
        if m.group("num2") is not None:
            return True  # "369 cases and 662 controls"
        if _YEAR.fullmatch(m.group("num")):
            continue  # "between 2010 and 2020 with ..."
        parallel = True
        break
    if not parallel and " and " in bare and (
        _GAPPED_SPLIT.match(bare) is not None or (lower[max(0, end - 12) : end].endswith(_ALLOCATION_ENDS) and _GAPPED_AFTER_ALLOCATION.match(bare) is not None)
    ):
        parallel = True  # "900 patients started A and 384 B", "458 were allocated A and 454 B": the verb left out of the second group
    if not parallel:
        return False
    # "150 were randomised, 77 to A and 73 to B": a total and its split, not one of two arms
    value = parse_number(sentence[a:b])
    others = [n.value for n in find_numbers(clause) if value is not None and n.value < value and clause[n.end : n.end + 2].strip()[:1] != "%"]
    if value is not None and ("each" in clause or "per " in clause) and any(abs(k * x - value) < 0.5 for x in others for k in (2, 3, 4)):
        return False  # "2,104 women took part, 1,052 in each arm": the whole and its equal arms
    return value is None or not (abs(sum(others) - value) < 0.5 or any(abs(x + y - value) < 0.5 for i, x in enumerate(others) for y in others[i + 1 :]))


#: after a count's noun, a verb of treatment, what it gave, then "and M" with the verb left out: "45 patients received A and
#: 43 placebo", "30 women started letrozole and 28 anastrozole" (lower-cased clause, brackets taken out; the words after M
#: are no verb, unit or schedule: "and 12 died", "and 6 cycles" are not a second group)
_GAPPED_REST = (
    rf"(?P<first>[^,;.\d]{{1,60}}?)\s+and\s+(?P<num>{NUMW})\s+"
    r"(?!(?:[\w-]+ed|had|have|has|were|was|did|got|took|died|showed|underwent|received|began|cycles?|courses?|doses?|fractions?|weeks?|months?|years?|days?|hours?|mg|g|gy|%|of|per|each|more|other|others)\b)"
    r"(?:[\w+/-]+\s*){1,4}(?:[.;]|$)"
)
_GAPPED_SPLIT = re.compile(
    rf"\s*(?:(?:were|was)\s+(?:given|treated\s+with|started\s+on|put\s+on|(?:randomly\s+)?(?:assigned|allocated)(?:\s+to)?)|initiated|started|began|received|took|chose|opted\s+for|used|got)\s+"
    + _GAPPED_REST
)
#: the same split read after its verb of allocation, as a count's role phrase ends there ("458 were allocated | A and 454 B")
_GAPPED_AFTER_ALLOCATION = re.compile(r"\s+(?:to\s+)?" + _GAPPED_REST)
_ALLOCATION_ENDS = ("assigned", "allocated", "randomised", "randomized")


def _counts(pats: dict[str, re.Pattern[str]], sentence: str, lower: str) -> list[re.Match[str]]:
    """Count matches: for each people noun, the leftmost number within 90 characters before it whose phrase ends at the noun.

    Only the places where a number starts are tried (an anchored match each), not every character.
    """
    out: list[re.Match[str]] = []
    last = 0
    text, count, people = lower, pats["count"], pats["people"]  # the lower-cased sentence keeps the sentence's offsets
    first = _NUMBER_START.search(text)
    if first is None:
        return out
    for noun in people.finditer(text, first.start()):  # a noun before the first number has no count
        if noun.start() < last:
            continue
        for start in _NUMBER_START.finditer(text, max(last, noun.start() - 90), noun.start()):
            m = count.match(text, start.start(), noun.end())
            if m is not None:
                out.append(m)
                last = m.end()
                break
    return out


def _has_sex_count(lower: str) -> bool:
    """Whether a sex word stands near a number ("26 men", "49 [58%] women", "M:F 2:1") in a shape the sex regex reads:
    two sex words ("26 men and 18 women"), or one after "were" ("79 were women"), before a bracket's end or a
    semicolon ("(12 women)"), before ", median ..." or before a ratio's "/", ":" or "to" ("M:F 2:1")."""
    words = 0
    near = False
    for m in _SEX_WORD.finditer(lower):
        words += 1
        if not near and _NEAR_NUMBER.search(lower, max(0, m.start() - 30), m.end() + 30) is not None:
            near = True
        if near and words >= 2:
            return True
    # one sex word (the loop's last match): read only after "were" or before a bracket's end, a semicolon or a ratio
    return near and (_SEX_SHAPE_AFTER.match(lower, m.end()) is not None or _WERE_BEFORE.search(lower, max(0, m.start() - 12), m.start()) is not None)


#: what may follow the one sex word of a sentence the sex regex reads: a bracket's end or a semicolon, ", median",
#: a ratio's separator (lower-cased text)
_SEX_SHAPE_AFTER = re.compile(r"\s*(?:[;)\]/:]|to\b|,\s*(?:mean|median|age|n\s*=)|[(\[]\s*n\s*=)")
_WERE_BEFORE = re.compile(r"\b(?:were|was)\s+$")


_MEN = re.compile(r"\bmen\b")  # "men" as a word, not in "treatment" or "regimen"
_SEX_WORD = guarded(re.compile(r"\b(?:men|males?|women|females?|boys|girls|m)\b"), '[mwfbg]')
_NEAR_NUMBER = re.compile(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred)\b")


#: a number word that may open a count ("one hundred twelve women", "forty"): lower-cased text
_COUNT_WORD = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|[a-z]+teen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|a\s+hundred)\b(?!\s+(?:of|or|to)\b)"
#: where a count's clause ends (lower-cased text): a break, "of whom", "while", "and 12", ", 30" (not a thousands comma:
#: "1,146"), or a bracket that opens on another count's share ("318 adults (27% of the 1178 enrolled)")
_CLAUSE_END = re.compile(
    r"(?=[;.owa,(f])(?:;|\.(?!\d)|\bof\s+whom\b|\bwhile\b(?!\s+(?:taking|receiving|on|undergoing|using|awaiting)\b)|\band\s+(?:\d|" + _COUNT_WORD + r")|(?:(?<!\d),\s*|,\s+)(?:[a-z]+\s+){0,2}?(?:\d|" + _COUNT_WORD + ")"
    r"|\(\s*\d+(?:[.·]\d+)?\s*%\s*(?:of|out\s+of)\s"
    # another count the clause's own verb may belong to: "... data were available for 503, who formed the analysis population"
    r"|\b(?:for|among)\s+(?:the\s+|all\s+)?\d[\d,]*\s*,?\s*(?:who|which|whose)\b)"
)
#: "took part" or "participated" as the count's own verb, alone or in the study ("45 women took part; 40 ..."), not in
#: some of its sessions: the whole, though not stated with an enrolment word (lower-cased text)
_TOOK_PART = (
    r"(?<!who\s)\b(?:took\s+part|participated)(?=\s*(?:[,;.(]|and\b|$|in\s+(?:the|this|our|a|an)\s+(?:[\w-]+\s+){0,4}?(?:study|trial|programme|program|intervention|survey)\b))"
)
#: the count's own verb right after its noun (and a bracket): "took part", "participated" (lower-cased text)
_TOOK_PART_AFTER = re.compile(r"\s*(?:\([^()]*\)\s*)?(?:(?:with|aged|from|having)\s[^;:()]{0,80}?\s)?" + _TOOK_PART)
_ENROLLED_AFTER = guarded(re.compile(r"\b(?:enrolled|enrol+ed|recruited|randomi[sz]ed|randomly|accrued|registered|assigned|allocated\s+at\s+random|" + _UNDERWENT_RANDOMISATION + r")\b|(?<!who\s)\bentered\s+(?:the|this|into)\s|\b(?:were|was|had\s+been)\s+entered\b"), '[erauwh]')
_ENROLLED_BEFORE = guarded(re.compile(r"\b(?:(?:inclusion|enrol+ment|accrual|recruitment|registration|randomi[sz]ation)\s+of|enrolled|recruited|randomi[sz]ed|accrued|registered|enrolling|recruiting|randomi[sz]ing|randomly\s+(?:assigned|allocated)|assigned|allocated)\s*(?:\([^()]{1,20}\)\s*)?$"), '[iear]')
_ANALYSED_BEFORE = guarded(re.compile(r"\b(?:we|were)\s+(?:(?:retrospectively|prospectively|then|further|subsequently|also|jointly|together)\s+)?analy[sz]ed\s*(?:data\s+(?:of|from)\s+|the\s+records\s+of\s+)?$"), 'w')
#: what leaves a count for the analysis (lower-cased text): "Matching left 224 patients (112 per group) for analysis",
#: "exclusions yielded a final sample of 310 women for the analysis", "after matching, 96 pairs remained for analysis"
_FOR_ANALYSIS = re.compile(
    r"\b(?:for|in|into)\s+(?:the\s+|an?\s+)?(?:(?!(?:sub-?group|secondary|exploratory|sensitivity|interim|post\s+hoc|ancillary)\b)[\w-]+\s+){0,3}?analys[ie]s\b"
    rf"|\b(?:for|in|into)\s+(?:the\s+|an?\s+)?{_POPULATION}\s+(?:population|set|cohort)\b"
)
_LEFT_BEFORE = re.compile(r"\b(?:left|leaving|yield(?:ed|ing|s)?|gave|giving|provid(?:ed|ing)|produc(?:ed|ing)|resulted\s+in|resulting\s+in)\s+(?:(?:a\s+(?:total|final\s+(?:sample|cohort))|an?\s+(?:analytic(?:al)?\s+|final\s+|matched\s+|study\s+)?(?:sample|cohort|population))\s+of\s+)?$")
_REMAINED_AFTER = re.compile(r"\s*(?:[a-z-]+\s+){0,3}?(?:\([^()]*\)\s+)?(?:remained|were\s+(?:left|retained|kept))\s+(?:available\s+)?(?:for|in|into)\b")
_UNIT_AFTER = re.compile(r"\s*(?:years?|yrs?|months?|mg|Gy|cycles?|weeks?|days?|%)\b", re.I)


def _has_enrol_after_word(after: str) -> bool:
    """Whether lower-cased text holds a word every match of ``_ENROLLED_AFTER`` holds (a string test spares the regex)."""
    return (
        "enrol" in after or "random" in after or "recruited" in after or "accrued" in after or "registered" in after or "assigned" in after or "underwent" in after
        or "entered" in after
    )


def _has_enrol_before_word(before: str) -> bool:
    """Whether lower-cased text holds a word every match of ``_ENROLLED_BEFORE`` holds."""
    return (
        "enrol" in before or "random" in before or "recruit" in before or "accru" in before or "regist" in before or "inclusion" in before
        or "assigned" in before or "allocated" in before
    )


#: words one of which every match of ``_NOT_COHORT_AFTER`` holds, but for "to be enrolled|recruited|randomi[sz]ed"
_NOT_COHORT_WORDS = ("screened", "assessed", "will", "planned", "required", "needed", "necessary", "targeted", "sufficient", "power")


def _not_cohort_after(sentence: str, lower: str, end: int) -> bool:
    """``_NOT_COHORT_AFTER.match(sentence, end)``, spared by string tests in an ASCII sentence (where case-blind matching is matching the lower-cased text)."""
    if sentence.isascii():
        rest = lower[end:]
        if not any(word in rest for word in _NOT_COHORT_WORDS) and not ("to" in rest and ("enrolled" in rest or "recruited" in rest or "randomi" in rest)):
            return False
    return _NOT_COHORT_AFTER.match(sentence, end) is not None


def _role(pats: dict[str, re.Pattern[str]], before: str, after: str) -> str:
    """What a count is, from the lower-cased text before and after its number: enrolled, analysed, evaluable or other."""
    clause_end = _CLAUSE_END.search(after)  # the text before the first clause break (as ``re.split(...)[0]``)
    after_clause = after[: clause_end.start()] if clause_end else after
    if pats["evaluable"].search(after_clause) or pats["evaluable"].search(before[-25:]):
        return "evaluable"
    if pats["analysed"].search(after_clause):
        return "analysed"
    if _has_enrol_after_word(after_clause) and _ENROLLED_AFTER.search(after_clause):
        return "enrolled"
    if _has_enrol_before_word(before) and _ENROLLED_BEFORE.search(before):
        return "enrolled"
    if "analy" in before and _ANALYSED_BEFORE.search(before):
        return "analysed"
    if "analys" in after_clause and _FOR_ANALYSIS.search(after_clause) is not None and (_LEFT_BEFORE.search(before) is not None or _REMAINED_AFTER.match(after_clause) is not None):
        return "analysed"  # "Matching left 224 patients for analysis", "after exclusions, 180 women remained in the analysis"
    return "other"


def choose_cohort(hits: Sequence[Hit], arm_sizes: Sequence[int] = ()) -> dict[str, Hit]:
    """The hit behind each cohort field (``n``, ``n_enrolled``, ``n_analysed``, ``n_evaluable``,
    sex counts, age), chosen among the cohort hits; ``arm_sizes`` are the sizes of the study's arms.

    Only a number printed in the text is chosen: a count marked as a part (one arm's or one
    subgroup's size) never is, a number equal to one of ``arm_sizes`` only when the text states it
    as the whole, and the sum of the arms only when the text prints it.
    """
    picked: dict[str, Hit] = {}

    def put(name: str, hit: Hit) -> None:
        picked.setdefault(name, hit)

    sex_starts = {h.start for h in hits if h.label in ("n_male", "n_female")}
    # "79 were men" is not the cohort; "262 were enrolled in the control group" is one arm
    counts = [h for h in hits if h.label == "count" and h.start not in sex_starts and not h.payload.get("part")]
    counts.sort(key=lambda h: h.payload["order"])
    for h in counts:
        role = h.payload["role"]
        if role in ("enrolled", "analysed", "evaluable") and (not h.payload.get("weak") or h.payload.get("source")):
            put(f"n_{role}", h)
    for h in counts:
        if h.payload.get("enrolled_too") and not h.payload.get("weak"):
            put("n_enrolled", h)  # "All 906 randomised patients were analysed", when no count is stated as enrolled itself
    # one or two people ("read by two radiologists", "all but two participants") are never a trial's cohort
    counts = [h for h in counts if h.payload["value"] > 2 or h.payload.get("explicit")]
    strong = [h for h in counts if not h.payload.get("weak")]
    chosen = (
        next((h for h in strong if (h.payload["role"] == "enrolled" and h.payload["total"]) or h.payload.get("took_part")), None)
        or next((h for h in strong if h.payload.get("explicit") and h.payload["role"] != "evaluable"), None)  # "A total of 118 patients"
        or next((h for h in strong if h.payload["role"] == "enrolled"), None)
        or next((h for h in strong if h.payload["total"] and not h.payload["title"] and h.payload["role"] != "evaluable" and not (
            h.payload.get("anaphoric") and any(g.payload["order"] < h.payload["order"] and not g.payload["title"] for g in strong))), None)
        or next((h for h in strong if h.payload["title"]), None)
        # "A total of 409 patients were evaluable", with no count of those enrolled: the stated whole, before any part named later
        or next((h for h in strong if h.payload["role"] == "evaluable" and (h.payload["total"] or h.payload.get("explicit"))
                 and not any(g.payload["order"] < h.payload["order"] for g in strong)), None)
        or next((h for h in strong if h.payload["role"] in ("other", "analysed")), None)
        or next(iter(strong), None)  # "Eighty-four patients (79 evaluable)": the only count stated
        # "a study among men with localised prostate cancer (n = 112)", before those screened or of another study
        or next((h for h in counts if not h.payload.get("last_resort")), None)
        or next(iter(counts), None)
    )
    analysed = next((h for h in counts if h.payload["role"] == "analysed" and not h.payload.get("rate_base")), None)
    if chosen is not None and chosen.payload["role"] in ("enrolled", "other") and not chosen.payload.get("this_study"):
        own = next((h for h in strong if h.payload.get("this_study") and not h.payload.get("part") and h.payload["value"] < chosen.payload["value"]), None)
        if own is not None:
            chosen = own  # "In the trial, 9,366 were randomised. The present analysis of 2,006 women ...": the cohort reported on
    if chosen is not None and chosen.payload["role"] == "enrolled" and len(arm_sizes) >= 2 and chosen.payload["value"] > sum(arm_sizes):
        # "3,010 were randomly assigned to chemotherapy ... 528 were randomly assigned between A (n = 260) and B (n = 268)":
        # the randomisation the study's arms make up, not an earlier, larger one
        whole = sum(arm_sizes)
        chosen = next((h for h in strong if h.payload["role"] == "enrolled" and h.payload["value"] == whole and not h.payload.get("part")), chosen)
    if chosen is not None and chosen.payload["role"] == "enrolled":
        randomised = next((h for h in strong if h.payload.get("randomised_of") == chosen.payload["value"] and h.payload["order"] > chosen.payload["order"]), None)
        if randomised is not None:
            chosen = randomised  # "We enrolled 1,101 women, of whom 1,076 were randomised": the randomised, not the pool they came from
    if chosen is not None and analysed is not None and chosen.payload["role"] in ("enrolled", "other") and analysed.payload["value"] < chosen.payload["value"]:
        chosen = analysed  # "of 436 randomised, 430 made up the analysis set", "of 694 eligible, ... these 300 were analysed": the analysed cohort
    if chosen is not None and len(arm_sizes) >= 2 and chosen.payload["value"] in arm_sizes:
        # "among the 745 patients assigned to TAC": one arm's size is not the cohort; a stated total of the arms is
        whole = sum(arm_sizes)
        stated = chosen.payload["total"] or chosen.payload.get("explicit") or chosen.payload["role"] == "enrolled" or chosen.payload.get("took_part")
        chosen = next((h for h in counts if h.payload["value"] == whole), None) or (stated and chosen) or next(
            (h for h in counts if h.payload["role"] == "enrolled" and whole <= h.payload["value"] <= 1.1 * whole), None)
    if chosen is not None and chosen.payload["role"] == "other" and not chosen.payload["total"] and any(
        h.payload.get("side") and h.payload["order"] > chosen.payload["order"] for h in hits if h.label == "count"
    ):
        chosen = None  # "174 women had an MRI ... A control group of 174 women was matched": two groups, no whole stated
    if chosen is not None and chosen.payload["role"] == "other" and not chosen.payload["total"] and not chosen.payload.get("explicit") and any(
        h.label == "count" and h.payload.get("part") and 0 < h.start - chosen.end < 250 and 7 * chosen.payload["value"] < 10 * h.payload["value"] < 14 * chosen.payload["value"]
        for h in hits
    ):
        # "20 of 23 patients who wore sleeves and 21 of 22 randomised to the control group": one group, then another of its size
        chosen = None
    if chosen is not None and len(arm_sizes) >= 2 and chosen.payload["role"] == "other" and chosen.payload.get("oblique") and chosen.payload["value"] < sum(arm_sizes):
        # "the interval was short for 452 patients", "in hormone-only patients (n = 314)": a count smaller than the
        # arms together is a subgroup of them, never the whole; an earlier or later count of at least their sum is
        whole = sum(arm_sizes)
        chosen = next((h for h in strong if h.payload["value"] >= whole and h.payload["role"] != "evaluable"), None)
    if chosen is not None:
        put("n", chosen)
    for h in hits:
        if h.label in ("n_male", "n_female", "age_mean", "age_median"):
            put(h.label, h)
    return picked
