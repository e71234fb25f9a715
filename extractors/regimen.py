"""What was given: agents (brand names and regimen acronyms expanded), cycles, setting, radiotherapy dose.

Plain-text finders returning :class:`~extractors.hits.Hit` objects (group ``"regimen"``).
"""

from __future__ import annotations

import re
from typing import Callable, Iterator, Sequence

from evidence.records import Range
from extractors.cues import occurrences
from extractors.hits import NUM, NUMW, Hit, lower_twin
from extractors.lexicon import CASE_FOLD_ODDITIES, Lexicon, blanked_words, find_terms_in_words, lower_aligned
from extractors.numbers import NUMBER_WORD_FIRST, parse_number

__all__ = ["find_regimen", "reports_no_regimen", "setting_matches"]

_RANGE = rf"(?P<lo>{NUMW})(?:\s*(?:-|–|—|to|or)\s*(?P<hi>{NUMW}))?"
_CYCLES = re.compile(
    rf"(?<![\w.·])(?<!\d:)(?<!\d\s:)(?<!\d:\s){_RANGE}\s+(?:or\s+(?:more|fewer|less)\s+)?(?P<between>(?:[\w-]+\s+){{0,2}}?)(?:cycles?|courses?)\b(?!\s+(?:of\s+)?(?:every|lasting))",
    re.IGNORECASE,
)
_GY = re.compile(rf"(?<![\w.·]){_RANGE}(?:\s*|-)(?:Gy|gray|Gray)\b")
_PER_FRACTION_AFTER = re.compile(r"^\s*(?:per|/|each|a|in\s+each|in\s+daily)?\s*(?:daily\s+)?(?:fractions?|fx|day|daily|once\s+daily)\b|^\s*(?:x|×)\s*\d|^\s*fractions?\b", re.IGNORECASE)
_PER_FRACTION_BEFORE = re.compile(r"(?:\bat|\bof|\bwith|\bin|\busing)?\s*(?:\d+\s*(?:x|×)\s*)$|(?:fractions?|fraction\s+size|dose\s+per\s+fraction)\s*(?:of|was|:)?\s*$", re.IGNORECASE)
#: the words that may stand between a count and "fractions" ("30 twice-daily fractions", "5 consecutive daily
#: fractions"): one or two describing words, never a unit, a count's noun or a joining word
_FRACTION_WORDS = (
    r"(?:(?!(?:days?|weeks?|months?|Gy|cGy|patients?|sessions?|of|with|in|and|or|to|per|the|a|an)\b)[a-z]+(?:-[a-z]+)?\s+){0,2}?"
)
_FRACTIONS = re.compile(  # the look-ahead: where a number or "Gy" can start (spares the three alternatives elsewhere)
    rf"(?=(?<![\w.·])[\d.·{NUMBER_WORD_FIRST}]|g)(?:(?<![\w.·]){_RANGE}\s*{_FRACTION_WORDS}(?:fractions|fx|fractions?\b)"
    rf"|Gy\s*/\s*(?P<lo2>{NUM})(?:\s*(?:-|–)\s*(?P<hi2>{NUM}))?\s*(?:fx|fractions?)?\b"
    rf"|(?<![\w.·])(?P<first>{NUM})\s*(?:(?:x|×)\s*(?P<dose3>{NUM})\s*Gy|Gy\s*(?:x|×)\s*(?P<lo4>{NUM})(?![\w.·]|\s*(?:Gy|cGy|%|weeks?|days?)\b))"
    r"|(?P<single>\bsingle(?:\s+|-)fraction))",
    re.IGNORECASE,
)


def _per_fraction_before(before: str) -> bool:
    """Whether ``_PER_FRACTION_BEFORE.search(before)`` finds a match: in ASCII text, read from the end with string
    methods (the pattern, tried at every position of the text before a dose, costs several microseconds)."""
    if not before.isascii():
        return _PER_FRACTION_BEFORE.search(before) is not None
    tail = before.rstrip().lower()
    if tail.endswith("x") and tail[:-1].rstrip()[-1:].isdigit():
        return True  # "2 x " before "25 Gy"
    tails = [tail]
    for word in ("of", "was", ":"):
        if tail.endswith(word):
            tails.append(tail[: -len(word)].rstrip())
    for piece in tails:
        if piece.endswith(("fraction", "fractions")):
            return True  # "fractions of", "dose per fraction:"
        if piece.endswith("size"):
            head = piece[:-4]
            if head.rstrip().endswith("fraction") and head != head.rstrip():
                return True  # "fraction size of"
    return False


_OVER_DAYS = re.compile(rf"\b(?:across|over|in|during|within)\s+{_RANGE}\s+(?:consecutive\s+|treatment\s+|working\s+)?(?:days|daily\s+treatments|sessions)\b", re.IGNORECASE)


#: words before a count of cycles that make it a count delivered ("received a median of eight cycles", "mean 4.2
#: courses", "a total of 312 cycles") or the cycles of a treatment before the study ("responding to six cycles of
#: platinum", "who had completed four cycles", "progressed after two courses") or some of its cycles ("in the first
#: two cycles", "for the following three courses"), not the study's planned number
_CYCLES_NOT_PLANNED = re.compile(
    r"(?:\b(?:median|mean|average|averaged|total|totally|overall)\b(?:\s+(?:number|no\.?))?(?:\s+(?:of|was|were|=|:))?"
    r"|\brespon(?:se|ses|ding|ded|ders?|sive)\s+(?:to|after|following)"
    r"|\b(?:had|having)\s+(?:already\s+|previously\s+)?(?:received|completed|undergone|been\s+given)"
    r"|\b(?:previously|formerly|already)\s+(?:received|completed|treated\s+with|given)"
    r"|\b(?:prior|previous|earlier)(?!\s+to\b)(?:\s+[\w-]+){0,3}?(?:\s+of)?"
    r"|\b(?:first|following|next|last|subsequent|remaining|initial|final|additional|further)"
    r"|\b(?:every|each|per)"
    r"|\b(?:progress(?:ed|ing|ion)|relaps(?:ed|ing|e)|recurr(?:ed|ing|ence)|refractory|resistant|failure|failing|failed)\s+(?:on|after|during|following|despite|to|of)"
    r")\s+(?:(?:at\s+least|up\s+to|only|the|all|a|an|of)\s+)?(?:\(?\s*)?$",
    re.IGNORECASE,
)
#: what may follow the noun of a count of cycles delivered: its range ("eight cycles (range 2-24)")
#: words that never stand between a count and "cycles" in a count of cycles ("day 15 of 28-day cycles", "2020
#: with three cycles", "one three-hour education course"): a match with one is tried again after its number
_NOT_BETWEEN = frozenset(
    "of on and or in per every to with for at by from after than day days week weeks hour hours education educational training teaching exercise".split()
)
#: the first four letters (lower case) of the words :data:`_CYCLES_NOT_PLANNED` reads: without one among the last
#: words before a count, the pattern is not run
_NOT_PLANNED_STARTS = frozenset(
    "medi mean aver tota over resp had havi prev form alre prio earl firs foll next last subs rema init fina addi furt prog rela recu refr resi fail ever each per".split()
)
_CYCLES_RANGE_AFTER = re.compile(r"\s*(?:\(|,\s*)?\s*(?:range|IQR|interquartile)", re.IGNORECASE)
#: what may follow the noun of a count of cycles that is a delay or a change of dose, not the number given ("one cycle delay",
#: "two-cycle postponement", "a cycle reduction")
_CYCLES_CHANGE_AFTER = re.compile(r"[\s-]*(?:delays?|delayed|postpone(?:d|ment)s?|interruptions?|reductions?|omissions?|skipped)\b", re.IGNORECASE)
#: a count of cycles patients got at least ("received at least one cycle"): who was treated, not the number planned
_AT_LEAST_ONE = re.compile(r"(?:\bat\s+least|≥)\s*$", re.IGNORECASE)


#: the words before a setting that name a treatment patients could not have (lower-cased text)
_UNFIT_FOR = re.compile(r"\b(?:ineligible|unfit|unsuitable|not\s+(?:eligible|suitable|fit|candidates?))\s+(?:to\s+receive\s+|for\s+)(?:[\w-]+\s+){0,2}$")
_PRIOR_THERAPY = re.compile(r"\b(?:after|following|despite|previous|prior|previously\s+treated\s+with|refractory\s+to|progressed\s+(?:on|after))\s+(?:[\w/–-]+\s+){0,2}?$", re.IGNORECASE)
#: before an induction setting: the patients' state after it ("with stable or responding disease after 18 weeks of
#: oxaliplatin-based induction", "responders to induction", "in remission following induction"), so an earlier phase
#: the study randomised after, not its own (an induction is otherwise often the study's own)
_STATE_AFTER = re.compile(
    r"\b(?:disease|responders?|responding|responsive|response|remission|non-?progression)\s+(?:after|following|to)\s+(?:[\w/–-]+\s+){0,5}?$",
    re.IGNORECASE,
)


# A drug named as what patients had before the study, could not have, or as background rather than as
# the study's treatment.  Each mention is judged on its own: a drug the study gave is named again where
# the patients receive it ("randomly assigned to X"), and that mention stays.
#: the words (lower case, split on white space) of which a cue before a mention holds one: a mention
#: with none of them in the words before it is the study's own without further reading
_CUE_WORDS = frozenset(
    """previously formerly heavily already extensively pretreated pre-treated refractory resistant intolerant insensitive
    failure failed failing fail progressed progressing progression progressive relapsed relapsing relapse despite prior
    previous earlier had exposure exposed instead place rather replacing replaced replacement ineligible unfit unsuitable
    eligible suitable fit candidate candidates contraindication contraindications alternative historical premedication premedicated prophylaxis prophylactic
    antiemetic antiemetics supportive subsequent salvage option options after following remission cannot unable response responses
    recurred recurring completed completing completion finished finishing post merits merit warrants warrant deserves deserve
    justify justifies needs need requires require should future further larger confirmatory resistance intolerance
    refractoriness post- respond responded responders responder responding within""".split()
)
#: what may stand between a cue and the drug: other drugs (written ``DRUG``), drug classes, counts,
#: settings and joining words, never a verb (so "after X, patients received Y" keeps Y)
_FILLER = (
    r"(?:\(?(?:DRUG|and|or|plus|with|without|a|an|the|both|either|at|least|most|up|to|one|two|three|four|five|six|seven|eight|nine|ten|\d+"
    r"|of|prior|previous|earlier|sequences?|sequential|sequentially|adjuvant|neoadjuvant|first-line|second-line|standard|primary|high-dose|low-dose|weekly|single-agent|combination"
    r"|agents?|drugs?|anthracyclines?|taxanes?|platinum|chemotherapy|therapy|therapies|treatments?|endocrine|hormonal|inhibitors?|aromatase"
    r"|antibod(?:y|ies)|regimens?|lines?|cycles?|courses?|years?|months?|weeks?|doses?|including|systemic|cytotoxic|targeted|anti-HER2"
    r"|surgery|resection|radical|complete|local|radiotherapy|also|[\w-]+-(?:based|containing|including|targeted))(?:[,)-]?\s+|\s*[-/]\s*)){0,8}"
)
#: a second preposition joined to a cue's ("progressing on or after", "relapsed during or after", "recurring on or
#: within 6 months of"): the span of the earlier treatment named both ways
_OR_AFTER = r"(?:\s+(?:or|and/or)\s+(?:on|after|during|following|despite|(?:with)?in\s+(?:a|an|one|two|three|four|five|six|nine|twelve|\d+)\s+(?:\w+\s+)?(?:months?|weeks?|days?|years?)\s+(?:of|after|following)))?"
#: a time since a treatment ("100 days after high-dose melphalan", "six weeks following cisplatin", "a year post
#: ..."): what the patients had before the study's own treatment started
_TIME_SINCE = (
    r"|\b(?=(?:days?|weeks?|months?|years?)\s)"  # the unit first: the look-behinds below are tried only at one
    r"(?:(?<=\d\s)|(?<=\ba\s)|(?<=\ban\s)|(?<=\bone\s)|(?<=\btwo\s)|(?<=\bthree\s)|(?<=\bfour\s)|(?<=\bfive\s)|(?<=\bsix\s)"
    r"|(?<=\bseven\s)|(?<=\beight\s)|(?<=\bnine\s)|(?<=\bten\s)|(?<=\btwelve\s)|(?<=\bseveral\s)|(?<=\bfew\s))"
    r"(?:days?|weeks?|months?|years?)\s+(?:or\s+more\s+|or\s+longer\s+|at\s+least\s+)?(?:after|following|post)"
    # "within 30 to 45 days of BEAM conditioning", "within 8 weeks after cisplatin"
    r"|\bwithin\s+(?:\d+(?:\s*(?:-|–|to)\s*\d+)?|one|two|three|four|five|six|eight|ten|twelve)\s+(?:days?|weeks?|months?)\s+(?:of|after|following|post)"
)
#: a drug named as a comparison still to be made ("merits comparison with X", "should be compared with X", "future trials
#: against X"): a conclusion's next step, not the study's treatment
_FUTURE_COMPARISON = (
    r"|\b(?:merits?|warrants?|deserves?|justif(?:y|ies)|needs?|requires?)\s+(?:a\s+|further\s+|direct\s+|formal\s+|head-to-head\s+|randomi[sz]ed\s+|prospective\s+){0,3}"
    r"(?:comparisons?|testing|evaluation|study|trials?)\s+(?:with|against|versus|vs\.?)"
    r"|\bshould\s+(?:now\s+|next\s+|further\s+)?be\s+(?:compared|tested|evaluated|assessed)\s+(?:directly\s+|prospectively\s+)?(?:with|against|versus)"
    r"|\b(?:future|further|larger|confirmatory|subsequent)\s+(?:[\w-]+\s+){0,3}?(?:trials?|studies)\s+(?:comparing\s+(?:it|this|them|these)\s+(?:with|to)|against|versus|vs\.?)"
)
_NOT_TREATMENT_BEFORE = re.compile(
    r"(?:\b(?:previously|formerly|heavily|already|extensively)\s+(?:been\s+)?treated\s+with"
    r"|\bpre-?treated\s+with|\b(?:refractory|resistant|intolerant|insensitive)(?:\s+(?:or|and/or|and)\s+(?:refractory|resistant|intolerant|insensitive))?\s+(?:to|of)"
    # "acquired resistance to osimertinib", "intolerance of imatinib", "resistance or intolerance to"
    r"|\b(?:acquired\s+|primary\s+|secondary\s+)?(?:resistance|intolerance|refractoriness)(?:\s+(?:or|and/or|and)\s+(?:resistance|intolerance))?\s+(?:to|of)"
    r"|\bfail(?:ure|ed|ing)\b(?:\s+(?:of|on|with))?|\bprogress(?:ed|ing|ion|ive\s+disease)\s+(?:on|after|during|despite|following|with|under)" + _OR_AFTER +
    r"|\brelaps(?:ed|ing|e)\s+(?:on|after|during|following)" + _OR_AFTER + r"|\brecurr(?:ed|ing)\s+(?:on|after|during|following|despite)" + _OR_AFTER + r"|\bdespite"
    # the disease back soon after a treatment ("relapsing within 6 months of platinum", "progressed within a year after")
    r"|\b(?:relaps|progress|recurr)\w*\s+(?:with)?in\s+(?:a|an|one|two|three|four|five|six|nine|twelve|\d+)\s+(?:\w+\s+)?(?:months?|weeks?|days?|years?)\s+(?:of|after|following)"
    # a span of earlier treatment finished ("who completed five years of tamoxifen", "on completion of 2-3 years of")
    r"|\b(?:completed|completing|completion\s+of|finished|finishing)\s+(?:\w+\s+)?(?:\d+(?:\s*(?:-|–|to|or)\s*\d+)?|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?:\w+\s+)?years?\s+of"
    r"|\b(?:prior|previous|earlier)(?!\s+to\b)|\b(?:had|(?<=who\s)(?:have|has))\s+(?:already\s+|previously\s+|earlier\s+)?(?:received|undergone|been\s+(?:treated\s+with|given|exposed\s+to|on|taking|receiving)|taken|completed)"
    r"|\b(?:already|previously|formerly)\s+(?:received|undergone|taken|completed|given|been\s+(?:given|exposed\s+to))"
    r"|\b(?:recently|just)\s+(?:completed|finished)|(?<=who\s)(?:completed|finished)"
    # a response to an earlier phase ("whose tumours had responded after four cycles of X", "responders to X")
    r"|\b(?:had|have|has)\s+(?:\w+\s+)?respond(?:ed)?\s+(?:to|after|following)|\bresponders?\s+(?:to|after|following)"
    r"|\bresponding\s+(?:to|after|following)"
    r"|\b(?:previous|prior|earlier)\s+exposure\s+to|\b(?:previously|already)\s+exposed\s+to"
    r"|\binstead\s+of|\bin\s+place\s+of|\brather\s+than|\breplac(?:ing|ed|ement\s+of)"
    r"|\b(?:ineligible|unfit|unsuitable|not\s+(?:eligible|suitable|fit|candidates?))\s+for|\bcontraindications?\s+(?:to|for)"
    r"|\b(?:cannot|unable\s+to)\s+(?:receive|tolerate|take|have|be\s+given)"
    r"|\balternative\s+to|\bhistorical" + _TIME_SINCE + _FUTURE_COMPARISON +
    r"|\bpremedicat(?:ion|ed)\s+with|\bprophyla(?:xis|ctic)\s+with|\bantiemetics?\b|\bsupportive\s+(?:care|medication|drugs?)"
    r"|\bsubsequent\s+(?:\w+\s+)?(?:therapy|therapies|treatments?|lines?)|\bsalvage"
    r"|\b(?:relapsing|relapsed|progressing)\s+patients\s+(?:treated|who\s+received)\s+with"
    # patients in a response reached with earlier treatment ("in at least partial response after induction", "achieving a
    # complete response to chemotherapy"), not a response measured after the study's drug ("response after X was 40%"): the
    # look-behinds read the word before, which the search (from at most 16 characters before the cue word) may not reach
    r"|(?:(?<=\bin\s)|(?<=\bleast\s)|(?<=\bvery\s)|(?<=achieving\s)|(?<=achieved\s)|(?<=attaining\s)|(?<=attained\s)|(?<=maintaining\s)|(?<=achieving\sa\s)|(?<=achieved\sa\s))"
    r"\b(?:(?:good|complete|partial|major|objective|sustained|stable)\s+)+(?:responses?|remissions?)\s+(?:after|following|to)(?:\s+(?:induction|initial|first-line|primary))?"
    rf")\s+{_FILLER}$"
    # "after": only where what comes before is the patients' state or the span of earlier treatment
    r"|\b(?:disease|cancers?|carcinomas?|sarcomas?|tumou?rs?|lymphomas?|melanomas?|myelomas?|leuka?emias?|recurrences?"
    r"|relapses?|remission|progression|metastases|disease-free|free|line)\s+(?:after|following|despite|on)\s+"
    r"(?:(?:an?|the|one|two|three|four|five|six|seven|eight|nine|ten|\d+(?:\s*[-–]\s*\d+)?|at\s+least|up\s+to)\s+)?(?:\w+\s+)?(?:(?:years?|months?|cycles?|courses?|lines?)\s+of\s+)?"rf"{_FILLER}$"
    # a list of treatment options (a review's or a background sentence's), whatever it names
    r"|\boptions?\s+(?:include|includes|are|such\s+as)\s+(?:\(?[\w-]+[,)]?\s+){0,12}$"
    r"|\b(?:after|following)\s+(?:\w+\s+)?(?:\d+(?:\s*(?:-|–|to|or)\s*\d+)?|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?:\w+\s+)?(?:years?|months?)\s+of\s+"rf"{_FILLER}$",
    re.IGNORECASE,
)
#: :data:`_NOT_TREATMENT_BEFORE` tried only at a word start with a letter (every one of its alternatives starts with
#: ``\b`` and a letter; case-blind, ``[a-z]`` takes the same characters a letter of theirs does): the same matches,
#: without trying each alternative at every position of the words before a mention
_NOT_TREATMENT_BEFORE_AT_WORDS = re.compile(r"\b(?=[a-z])(?:" + _NOT_TREATMENT_BEFORE.pattern + ")", _NOT_TREATMENT_BEFORE.flags)
#: :data:`_NOT_TREATMENT_BEFORE_AT_WORDS` and its twin for lower-cased ASCII text (the same matches, case-sensitive)
_NOT_TREATMENT_BEFORE_TWIN = (_NOT_TREATMENT_BEFORE_AT_WORDS, lower_twin(_NOT_TREATMENT_BEFORE_AT_WORDS))
_AFTER_THERAPY_BASED = re.compile(r"\b(?:after|following|despite)\s+(?:an?\s+|the\s+|first-line\s+|standard\s+)?$", re.IGNORECASE)
_BASED = re.compile(r"^[\s-]*(?:based|containing|including)\b", re.IGNORECASE)
_NOT_TREATMENT_AFTER = re.compile(
    r"^[\s-]*(?:pre-?treated|refractory|resistant|resistance|exposed|failed|failure|intolerant|ineligible|unfit|naive|naïve"
    r"|signall?ing|pathways?|receptors?|genes?|expression|premedication|prophylaxis|support"
    # the drug as the cause of a harm ("cisplatin-induced nausea", "oxaliplatin-associated neuropathy")
    r"|induced|associated)\b"
    # the first of two drugs joined before the word ("oxaliplatin- and carboplatin-induced nausea")
    r"|^-\s*(?:and|or|,)\s*[a-z][\w]*-(?:induced|associated|related|refractory|resistant|pretreated|naive)\b",
    re.IGNORECASE,
)
#: more cycles of the same treatment after an earlier phase ("three further adjuvant cycles", "the remaining four courses"):
#: a neoadjuvant phase before randomisation is then part of the study's pathway (lower-cased text)
_FURTHER_CYCLES = re.compile(r"\b(?:further|remaining|additional)\s+(?:[\w-]+\s+){0,2}?(?:cycles?|courses?)\b")
#: after a drug: left optional by the protocol ("prednisolone was not mandated", "G-CSF is not required"); lower-cased text
_NOT_MANDATED_AFTER = re.compile(r"\s+(?:was|were|is|are)\s+not\s+(?:mandated|mandatory|required|obligatory|compulsory)\b")
#: after a drug: said (in the present tense) to be too toxic for the patients, background to the study's own choice (lower-cased text)
_INTOLERABLE_AFTER = re.compile(
    r"(?:[\s-]+(?:based|containing|[a-z]+(?:therapy|therapies|chemotherapy|regimens?|treatment)))?(?:\s+[a-z-]+){0,2}?\s+(?:is|are)\s+"
    r"(?:often\s+|frequently\s+|generally\s+|usually\s+|commonly\s+|still\s+)?(?:poorly\s+tolerated|not\s+(?:well\s+)?tolerated|intolerable|contraindicated|too\s+toxic)\b"
)
#: after a drug: said (in a background statement) to be the standard, approved or recommended treatment ("sunitinib is
#: the usual first-line standard", "X, given for a year, has become the accepted standard", "platinum doublets remain the
#: backbone"): what the field does, named again where the study gives it (lower-cased text)
_STANDARD_AFTER = re.compile(
    r"\)?(?:[\s-]+(?:based|containing))?(?:\s*\([^()]{1,30}\))?(?:\s*,[^,.;]{1,40},)?(?:\s+(?:plus|and|or|with)\s+[a-z][\w-]*)?(?:\s+[a-z][\w-]*){0,2}?"
    r"\s+(?:is|are|remains?|(?:has|have)\s+(?:long\s+|now\s+|since\s+|recently\s+)?(?:been|become))\s+"
    r"(?:(?:a|an|the|now|still|currently|often|widely|commonly|considered|regarded\s+as|approved\s+as|used\s+as|one\s+of\s+the)\s+){0,3}"
    r"(?:[a-z][\w-]*\s+){0,2}?"  # "current", "accepted", "usual first-line"
    r"(?:standards?\b|approved\b|recommended\b|preferred\b|backbone\b|mainstay\b|(?:treatment|therapy|drug|agent)\s+of\s+choice)"
)
#: after a drug in a sentence about a trial or comparison: that trial still to come ("a phase III trial comparing it with
#: docetaxel is planned", "a comparison with FOLFOX is under way", "... against X are warranted") (lower-cased text)
_PLANNED_AFTER = re.compile(
    r"[^.;:]{0,60}?\b(?:is|are)\s+(?:now\s+|currently\s+|being\s+|thus\s+|therefore\s+)?"
    r"(?:planned|ongoing|under\s*way|warranted|needed|required|in\s+progress|recruiting|in\s+preparation)\b"
)
_PLANNED_WORDS = ("planned", "ongoing", "under way", "underway", "warranted", "needed", "required", "in progress", "recruiting", "preparation")
#: what the sentence before such a drug names: a trial or a comparison
_TRIAL_BEFORE = re.compile(
    r"\b(?:trials?|stud(?:y|ies)|comparisons?|comparing|evaluation)\b(?:[^.;:]*?\s)?(?:with|against|versus|vs\.?|to)\s+(?:[\w-]+\s+){0,3}$"
)
#: a word (lower case) every match of :data:`_STANDARD_AFTER` holds
_STANDARD_WORDS = ("standard", "approved", "recommended", "preferred", "backbone", "mainstay", "of choice")
_CLAUSE_MARKS = ".;:!?\n"  # where a clause ends: the words before a mention are read back to the last one
#: after a drug, maybe in a list of drugs: said to have failed the patients ("once letrozole or anastrozole has failed",
#: "after platinum and etoposide had stopped working"): a treatment before the study's (lower-cased text)
_FAILED_AFTER = re.compile(
    r"(?:\s*(?:,|/|\bor\b|\band\b)\s*[a-z][\w-]*){0,3}\s+(?:has|have|had)\s+(?:already\s+|previously\s+|both\s+)?(?:failed|stopped\s+working|lost\s+(?:its|their)\s+effect)\b"
)


#: "neo" written as optional before "adjuvant" ("(neo)adjuvant", "(neo-)adjuvant", "neo/adjuvant", "neo-/adjuvant"): the
#: treatment given in either setting
_NEO_IN_BRACKETS = re.compile(r"(?:\(neo-?\)|\bneo-?/)\s?-?$")
_OPERATIVE_BEFORE = re.compile(r"\b(pre|post|peri)-?operative\s$")


def _defined_here(text: str, acronym: str) -> bool:
    """Whether ``text`` defines ``acronym`` itself, as "(ACRONYM)" right after the words it stands for."""
    i = text.find("(" + acronym)
    while i >= 0:
        close = text[i + 1 + len(acronym) : i + 2 + len(acronym)]
        if close in (")", ",", ";") and i > 0 and text[i - 1] in " \t" and text[i - 2 : i - 1].isalpha():
            return True
        i = text.find("(" + acronym, i + 1)
    return False


#: the first four letters of every word :data:`_NOT_TREATMENT_AFTER` reads (lower case)
_AFTER_STARTS = frozenset(
    "pret pre- refr resi expo fail into inel unfi naiv naïv sign path rece gene expr prem prop supp indu asso".split()
)


def _after_may_tell(lower: str, end: int) -> bool:
    """The cheap gate of :data:`_NOT_TREATMENT_AFTER` at a mention ending at ``end`` (``lower``: the text lower-cased):
    whether the word after it starts as one the pattern reads, or is "or" ("docetaxel- or paclitaxel-induced")."""
    key = lower[end : end + 8].lstrip(" -")[:4]
    return key in _AFTER_STARTS or (lower[end : end + 1] == "-" and (key == "and " or key.startswith("or ")))


class _Context:
    """One text read once for :meth:`names_other_treatment`: its lower case and drug spans."""

    __slots__ = ("text", "lower", "spans")

    def __init__(self, text: str, lower: str, spans: Sequence[tuple[int, int, object]]) -> None:
        self.text = text
        self.lower = lower  # ``text`` lower-cased, offsets kept (:func:`~extractors.lexicon.lower_aligned`)
        self.spans = spans  # (start, end, ...) of each drug mention, in text order

    def names_other_treatment(self, start: int, end: int, read_after: bool = True) -> bool:
        """Whether the mention at ``text[start:end]`` is named as prior, excluded, supportive or background therapy.

        Drug mentions just before it read as ``DRUG``.  ``read_after``: whether the words right after the
        mention can tell ("tamoxifen-refractory"); not for a setting."""
        text = self.text
        after = text[end : end + 40]
        if read_after and _after_may_tell(self.lower, end) and _NOT_TREATMENT_AFTER.match(after):
            return True
        low = max(0, start - 90)
        if _CUE_WORDS.isdisjoint(self.lower[low:start].split()):
            return False  # the cheap gate: most mentions have no cue word before them
        stop = max(low, max(text.rfind(mark, low, start) for mark in _CLAUSE_MARKS) + 1)
        pieces = []
        at = stop
        for s, e, *_ in self.spans:
            if s >= start:
                break
            if s >= stop:
                pieces.append(text[at:s])
                pieces.append("DRUG")
                at = e
        pieces.append(text[at:start])
        before = "".join(pieces)
        if before.endswith("("):  # "VAC (vincristine, ...": judged as the words before the bracket are
            before = before[:-1] + " "
        lower = before.lower()
        first = next((word for word in lower.split() if word in _CUE_WORDS), None)
        if first is None:
            return False  # the cue word lay beyond the clause's start
        if lower.endswith("post-") and not lower[-6:-5].isalnum():
            return True  # "in the post-sorafenib setting", "post-imatinib progression": after that treatment
        if _BASED.match(after) and _AFTER_THERAPY_BASED.search(before):
            return True  # "after gemcitabine-based chemotherapy"
        # every cue starts at its cue word or, for "disease after", at most one short noun before it
        pattern = _NOT_TREATMENT_BEFORE_AT_WORDS
        if before.isascii() and pattern is _NOT_TREATMENT_BEFORE_TWIN[0]:
            # the case-sensitive twin of the pattern in use, on the lower case: the same matches, found faster
            return _NOT_TREATMENT_BEFORE_TWIN[1].search(lower, max(0, lower.find(first) - 16)) is not None
        return pattern.search(before, max(0, lower.find(first) - 16)) is not None


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


#: per setting of the lexicon, the words (as :func:`~extractors.lexicon.blanked_words` splits the text: runs of letters
#: and digits, lower case) one of which every match of its pattern starts with: each alternative opens at a word
#: start (``\b`` or ``(?<![-\w])``), with "neo", "pre", "post" or "peri" a word of its own when a hyphen or space
#: follows.  A setting not listed turns this gate off.
SETTING_FIRST_WORDS = {
    "neoadjuvant": ("neoadjuvant", "neo"),
    "preoperative": ("preoperative", "pre", "prior", "before"),
    "adjuvant": ("adjuvant",),
    "postoperative": ("postoperative", "post"),
    "perioperative": ("perioperative", "peri"),
    "induction": ("induction",),
    "concurrent": ("concurrent", "concurrently", "concomitant", "concomitantly"),
    "sequential": ("sequential", "sequentially"),
    "consolidation": ("consolidation", "consolidative"),
    "maintenance": ("maintenance",),
    "definitive": ("definitive",),
    "palliative": ("palliative",),
}


def _gate_words(settings_re: re.Pattern[str]) -> tuple[str, ...] | None:
    names = settings_re.groupindex.keys()
    if not names <= SETTING_WORDS.keys():
        return None
    return tuple(dict.fromkeys(word for name in names for word in SETTING_WORDS[name]))


def _first_words(settings_re: re.Pattern[str]) -> frozenset[str] | None:
    names = settings_re.groupindex.keys()
    if not names <= SETTING_FIRST_WORDS.keys():
        return None
    return frozenset(word for name in names for word in SETTING_FIRST_WORDS[name])


#: per settings pattern (by identity: hashing a compiled pattern hashes its whole code, microseconds for this one),
#: the pattern, its gate words and its first words
_GATES: dict[int, tuple[re.Pattern[str], tuple[str, ...] | None, frozenset[str] | None]] = {}


def _setting_gates(settings_re: re.Pattern[str]) -> tuple[re.Pattern[str], tuple[str, ...] | None, frozenset[str] | None]:
    """(pattern, :func:`_gate_words`, :func:`_first_words`) of ``settings_re``, worked out once per pattern."""
    known = _GATES.get(id(settings_re))
    if known is None or known[0] is not settings_re:
        known = _GATES[id(settings_re)] = (settings_re, _gate_words(settings_re), _first_words(settings_re))
    return known


def _setting_gate(settings_re: re.Pattern[str]) -> tuple[str, ...] | None:
    """:func:`_gate_words` of ``settings_re``, worked out once per pattern."""
    return _setting_gates(settings_re)[1]


#: a title naming an abstract that reports no treatment of its own: a review, a meta-analysis, an overview, a
#: commentary, a guideline, a study of cells or animals ("...: a narrative review", "... systematic review and
#: meta-analysis", "Consensus recommendations for ...", "... in cell lines", "... in a mouse model")
_NO_REGIMEN_TITLE = re.compile(
    r"\b(?:systematic|narrative|literature|scoping|critical|comprehensive|umbrella|updated?|brief|mini|short|an?)\s+review\b"
    r"|\breview\s+of\s+(?:the\s+)?(?:literature|evidence|current|recent|published|available|trials|studies)\b|^\s*review\b|:\s*review\b"
    r"|\bmeta-?\s?analys[ie]s\b|\bmeta-regression\b|\boverview\b|\bcommentary\b|\beditorial\b"
    r"|\bconsensus\s+(?:statements?|recommendations?|guidelines?|report|conference)\b|\b(?:practice|clinical)\s+guidelines?\b"
    r"|\bguidelines?\s+(?:for|on)\b|\brecommendations\s+(?:for|on)\b"
    r"|\bcell\s+lines?\b|\bmice\b|\bmouse\b|\bmurine\b|\bxenografts?\b|\bin\s+vitro\b|\brats?\b",
    re.IGNORECASE,
)
#: a piece (lower case) of every match of :data:`_NO_REGIMEN_TITLE`: the pattern runs only on titles holding one
_NO_REGIMEN_TITLE_WORDS = (
    "review", "meta", "overview", "commentary", "editorial", "consensus", "guideline", "recommendation",
    "cell line", "mice", "mouse", "murine", "xenograft", "in vitro", " rat",
)
#: :data:`_NO_REGIMEN_TITLE_WORDS` but "meta", which most titles hold as "metastatic"
_TITLE_WORDS_BUT_META = tuple(word for word in _NO_REGIMEN_TITLE_WORDS if word != "meta")
#: with "meta" and none of the other words, a piece (lower case) of every match the pattern can still find: the
#: meta-analysis forms ("analys", "meta-r") and what the words miss ("Rats", "cell\tlines", "in  vitro")
_META_TITLE_PIECES = ("analys", "meta-r", "rat", "line", "vitro")


#: the first word (lower case) of each alternative of :data:`_NO_REGIMEN_TITLE` that opens with ``\b`` ("a" for "an",
#: "update" for "updated", "meta" for both meta- forms): a match starts at a word start holding one, at the title's
#: start ("^\s*review") or at a colon (":\s*review"), nowhere else
_NO_REGIMEN_TITLE_FIRST = (
    "systematic", "narrative", "literature", "scoping", "critical", "comprehensive", "umbrella", "update", "brief", "mini",
    "short", "a", "review", "meta", "overview", "commentary", "editorial", "consensus", "practice", "clinical", "guideline",
    "recommendations", "cell", "mice", "mouse", "murine", "xenograft", "in", "rat",
)


def _no_regimen_title(title: str) -> str | None:
    """The text of ``_NO_REGIMEN_TITLE.search(title)`` (None without a match).

    An ASCII title has the pattern tried only where a match can start (:data:`_NO_REGIMEN_TITLE_FIRST`), left to
    right, the first match kept: the match the search finds, some thirty times quicker than the case-blind
    alternation tried at every character."""
    if not title.isascii():
        found = _NO_REGIMEN_TITLE.search(title)
        return found.group() if found is not None else None
    lower = title.lower()
    starts = {0, *occurrences(lower, ":")}
    for word in _NO_REGIMEN_TITLE_FIRST:  # where a word starts (``\b`` before a letter)
        starts.update(i for i in occurrences(lower, word) if i == 0 or not (lower[i - 1].isalnum() or lower[i - 1] == "_"))
    match = _NO_REGIMEN_TITLE.match
    for i in sorted(starts):
        found = match(title, i)
        if found is not None:
            return found.group()
    return None


def _title_may_say_no_regimen(title: str, lower: str) -> bool:
    """Whether :data:`_NO_REGIMEN_TITLE` is run on ``title`` (``lower``: lower-cased): when it holds one of
    :data:`_NO_REGIMEN_TITLE_WORDS`, but for a title whose only one is "meta" ("metastatic") only when the pattern
    can match there (a piece of :data:`_META_TITLE_PIECES`, or text that is not ASCII)."""
    if any(map(lower.__contains__, _TITLE_WORDS_BUT_META)):
        return True
    return "meta" in lower and (not title.isascii() or any(map(lower.__contains__, _META_TITLE_PIECES)))


#: sentences by which an abstract says it reviews or pools other studies ("In this review we ...", "We review the
#: evidence", "We systematically searched MEDLINE", "we conducted a meta-analysis"); a review of the study's own
#: patients or records ("this retrospective review of 85 patients", "we reviewed the charts") is not one
_NO_REGIMEN_BODY = re.compile(
    r"\bthis\s+(?:(?:narrative|systematic|literature|scoping|critical|comprehensive|brief|short|mini|updated)\s+)?(?:review|commentary|meta-?analysis)\b"
    r"(?!\s+(?:of\s+)?(?:\d|our\b|the\s+(?:medical\s+)?records|records|charts?|patients|medical|a\s+single))"
    r"|\bwe\s+(?:also\s+|briefly\s+|critically\s+)?(?:review|summari[sz]e)\s+(?:the\s+)?(?:current\s+|recent\s+|available\s+|published\s+)?"
    r"(?:evidence|literature|data|trials|studies|advances|developments|rationale|role|state|randomi[sz]ed|clinical|biology|mechanisms)\b"
    r"|\bsystematic(?:ally)?\s+(?:literature\s+)?search(?:ed|es)?\b|\bliterature\s+search|\bsearched\s+(?:the\s+)?(?:PubMed|MEDLINE|Embase|Cochrane|Scopus|Web\s+of\s+Science|electronic|databases)"
    r"|\bwe\s+(?:performed|conducted|undertook|carried\s+out)\s+an?\s+(?:systematic\s+review|(?:network\s+)?meta-?analysis)",
    re.IGNORECASE,
)
#: a title naming an economic evaluation ("Cost-effectiveness of ...", "Budget impact of ...", "... : an economic evaluation")
_ECONOMIC_TITLE = re.compile(r"\b(?:cost[\s-]+(?:effectiveness|utility|minimi[sz]ation|benefit)|budget[\s-]+impact|economic\s+(?:evaluation|analysis|model))\b", re.IGNORECASE)
#: an abstract saying it works in a model, not with patients ("we built a Markov model", "a partitioned survival model was
#: developed", "a modelling study")
_MODEL_BODY = re.compile(
    r"\b(?:markov|decision[\s-]+(?:analytic|tree)|partitioned[\s-]+survival|(?:micro)?simulation|state[\s-]+transition|cohort)\s+models?\b"
    r"|\bmodell?ing\s+(?:study|analysis)\b|\b(?:we\s+)?(?:built|developed|constructed|designed)\s+an?\s+(?:[\w-]+\s+){0,3}?model\b",
    re.IGNORECASE,
)
#: a case report keeps its patient's treatment even with a review of the literature
_CASE_REPORT = re.compile(r"\bcase\s+(?:report|series)\b|\ba\s+case\s+of\b|\bwe\s+(?:report|describe|present)\s+(?:a|an|the|two|three)\b", re.IGNORECASE)
#: a title naming a study of practice ("adherence to guidelines for ...") rather than a guideline
_PRACTICE_STUDY = re.compile(r"adheren|concordan|complian|\bpatients\s+treated\b|\bcohort\b|\bretrospective\b", re.IGNORECASE)
#: a word (lower case) every match of :data:`_NO_REGIMEN_BODY` holds: the pattern is run only around them
_NO_REGIMEN_WORDS = ("review", "search", "meta-analy", "summar", "commentary")


def reports_no_regimen(text: str, lower: str | None = None) -> bool:
    """Whether ``text`` (title on its first line) is a review, meta-analysis, overview, commentary, guideline or
    laboratory study: the treatments it names are other studies' or given to cells and animals, not a regimen of
    its own.  A case report (which may review the literature) and a trial protocol are not."""
    if lower is None:
        lower = text.lower()
    newline = text.find("\n", 0, 400)
    title = text[:newline] if newline > 0 else ""
    found = _no_regimen_title(title) if title and _title_may_say_no_regimen(title, lower[:newline]) else None
    if found and not (found.lower().startswith(("guideline", "recommendation")) and _PRACTICE_STUDY.search(title)):
        return not _CASE_REPORT.search(text)
    if title and ("cost" in lower[:newline] or "budget" in lower[:newline] or "economic" in lower[:newline]) and _ECONOMIC_TITLE.search(title) and _MODEL_BODY.search(text):
        return True  # "Cost-effectiveness of X ...: we built a Markov model": treatments compared in a model, given to no one
    limit = max(700, len(lower) * 2 // 3)  # an abstract says what kind of article it is before its last third
    for word in _NO_REGIMEN_WORDS:
        i = lower.find(word, 0, limit)
        while i >= 0:  # the pattern read only around an occurrence with one of the words it needs before it
            before = lower[max(0, i - 40) : i]
            if (
                "this " in before or "we " in before or "systematic" in before or "literature" in before or lower.startswith("searched", i)
            ) and _NO_REGIMEN_BODY.search(text, max(0, i - 70), i + len(word) + 70):
                return not _CASE_REPORT.search(text)
            i = lower.find(word, i + len(word), limit)
    return False


def setting_matches(
    text: str, lower: str, settings_re: re.Pattern[str], blanked: str | None = None, text_words: list[str] | None = None
) -> list[re.Match[str]]:
    """What ``settings_re.finditer(text)`` yields, the pattern tried only where a match can start: at most five
    characters before a setting word ("neo-adjuvant", "post-operative") or at "pre-" ("pre- and postoperative").

    ``lower``: ``text`` lower-cased with offsets kept.  Given ``blanked`` (:func:`~extractors.lexicon.blanked_words`
    of ``text``) and ``text_words`` (its words), the pattern is tried only at the starts of the words every match
    starts with (:data:`SETTING_FIRST_WORDS`), found as whole words of ``blanked``.  Text holding one of the
    characters other than ASCII letters a case-blind pattern matches to an ASCII letter
    (:data:`~extractors.lexicon.CASE_FOLD_ODDITIES`), or a lexicon with a setting that has no gate words, is read
    whole."""
    _, words, first_words = _setting_gates(settings_re)
    if words is None or (not text.isascii() and any(map(text.__contains__, CASE_FOLD_ODDITIES))):
        return list(settings_re.finditer(text))
    if blanked is not None and text_words is not None and first_words is not None:
        return _matches_at_first_words(text, blanked, text_words, settings_re, first_words)
    starts = [i for word in (*words, "pre-") for i in occurrences(lower, word)]
    if not starts:
        return []
    starts.sort()
    found = []
    end = tried = 0  # tried: the positions below it were tried
    match = settings_re.match
    for i in starts:
        # the positions from five before the word to the word, in order, each once (the sorted union of the windows)
        for start in range(max(i - 5, end, tried), i + 1):
            if start >= end:
                m = match(text, start)
                if m:
                    found.append(m)
                    end = m.end()
        tried = i + 1
    return found


def _matches_at_first_words(
    text: str, blanked: str, text_words: list[str], settings_re: re.Pattern[str], first_words: frozenset[str]
) -> list[re.Match[str]]:
    """What ``settings_re.finditer(text)`` yields when every match starts at the start of a word of ``blanked`` (the
    text's words, lower case, every other character a space) that is one of ``first_words``: the pattern tried at
    those starts only, in order, each after the last match."""
    present = first_words.intersection(text_words)
    if not present:
        return []
    find = (" " + blanked + " ").find
    starts = []
    for word in present:
        key = " " + word + " "
        i = find(key)
        while i >= 0:
            starts.append(i)  # the space before the word in the padded text: the word's start in ``blanked``
            i = find(key, i + len(word) + 1)
    starts.sort()
    found = []
    end = 0
    match = settings_re.match
    for i in starts:
        if i >= end:
            m = match(text, i)
            if m:
                found.append(m)
                end = m.end()
    return found


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


#: per ambiguous acronym, words (lower case) of a text that make it stand for something other than its regimen
#: wherever it is used: "AI" for an aromatase inhibitor in a text naming one ("after tamoxifen and an AI", "AI-induced
#: arthralgia" in a letrozole trial)
_OTHER_READING_WORDS = {"AI": ("aromatase", "letrozole", "anastrozole", "exemestane", "artificial intelligence", "machine learning", "deep learning")}
#: the end of a spelled-out phrase that is not a regimen ("aromatase inhibitors" for AI, "artificial intelligence",
#: "endocrine therapy" for ET); a disease the acronym abbreviates is defined where it is first used ("gastric cancer
#: (GC)"), which :func:`_defined_here` reads
_OTHER_READING_HEAD = re.compile(r"(?:inhibitors?|intelligence|(?:endocrine|hormone|hormonal)[\s-]+therap(?:y|ies))$")
#: words that never start or join such a phrase ("an inhibitor", "for ... therapy")
_FUNCTION_WORDS = frozenset("a an and as at by for from in into of on or the to with after before than that this its".split())


def _read_otherwise(lower: str, acronym: str, lexicon: Lexicon, known: dict[str, bool]) -> bool:
    """Whether the text (``lower``: lower-cased) makes the ambiguous regimen ``acronym`` stand for something else: it
    names what that reading implies (:data:`_OTHER_READING_WORDS`) or spells out, without a drug among them, words
    with its initials that end in words that are not a regimen ("aromatase inhibitor" for AI, "endocrine therapy" for ET).
    ``known``: the answers so far for this text."""
    answer = known.get(acronym)
    if answer is None:
        answer = any(map(lower.__contains__, _OTHER_READING_WORDS.get(acronym, ())))
        if not answer and acronym.isalpha():
            initials = acronym.lower()
            pattern = re.compile(r"\b" + r"[\s-]+".join(rf"{letter}[a-z]+" for letter in initials) + r"\b")
            for m in pattern.finditer(lower):
                words = re.split(r"[\s-]+", m.group())
                if _OTHER_READING_HEAD.search(m.group()) and not any(word in lexicon.drug_of or word in _FUNCTION_WORDS for word in words):
                    answer = True
                    break
        known[acronym] = answer
    return answer


#: a word after a drug's name that is part of it ("dinutuximab beta", "interferon gamma-1b", "certolizumab pegol",
#: "dinutuximab β"): the whole name is the agent; a biosimilar's suffix ("trastuzumab-dkst") is not, and is left
_NAME_SUFFIX = re.compile(r"[ -](?P<word>alfa|alpha|beta|gamma|delta|pegol|α|β|γ|δ)(?:-?(?P<number>\d[a-z]?))?(?![\w-])")
_SUFFIX_JOINS = (" ", "-")
_SUFFIX_STARTS = frozenset(("al", "be", "ga", "de", "pe"))
_GREEK_LETTERS = frozenset("αβγδ")
_GREEK_NAMES = {"alpha": "alfa", "α": "alfa", "β": "beta", "γ": "gamma", "δ": "delta"}


#: just before a regimen acronym: rituximab's "R-" prefix, maybe with "mini" ("R-mini-CHOP", "R-miniCEOP", "R-GDP")
_RITUXIMAB_PREFIX = re.compile(r"(?<![\w-])R-?(?:mini-?)?$")


#: a title naming a supportive-care study (a harm of anticancer therapy prevented or eased)
_SUPPORTIVE_TITLE = re.compile(
    r"\b(?:anti-?emetic|emetogenic|emesis|nausea|vomiting|CINV|neuropath(?:y|ic)|mucositis|alopecia|cardiotoxicity|cardioprotect\w*"
    r"|hand-foot|hot\s+flash\w*|hot\s+flush\w*|arthralgia|joint\s+pain|febrile\s+neutropenia|ototoxicity|nephrotoxicity|diarrh(?:o)?ea)",
    re.IGNORECASE,
)
#: a piece (lower case) of every match of :data:`_SUPPORTIVE_TITLE`: the pattern runs only on titles holding one
_SUPPORTIVE_PIECES = (
    "emet", "emesis", "nausea", "vomit", "cinv", "neuropath", "mucositis", "alopecia", "cardio", "hand-foot", "hot ",
    "arthralgia", "joint", "febrile", "ototox", "nephrotox", "diarrh",
)
#: before a drug in a supportive-care study: the patients' own anticancer treatment the study did not give ("adults about
#: to start oxaliplatin", "patients receiving cisplatin-based chemotherapy", "women scheduled for docetaxel")
_BACKGROUND_TREATMENT = re.compile(
    r"\b(?:receiving|starting|undergoing|beginning|about\s+to\s+(?:start|receive|begin)|due\s+to\s+(?:start|receive|begin)"
    r"|scheduled\s+(?:to\s+(?:receive|start|begin|undergo)|for)|planned\s+(?:to\s+receive|for))\s+" + _FILLER + "$",
    re.IGNORECASE,
)


#: corticosteroids, given as anticancer treatment (myeloma, lymphoma) or as antiemetics: named in one list with a
#: supportive-care agent, they are the latter
_CORTICOSTEROIDS = frozenset(("dexamethasone", "prednisolone", "methylprednisolone", "prednisone"))
#: what joins two agents of one list ("A, B and C", "A plus B", "A/B", "A or B")
_LIST_JOIN = re.compile(r"(?:\s*(?:,|/|\+|\band\b|\bplus\b|\bor\b)\s*)+")


#: from the end of a regimen acronym to the bracket that may spell it out: other acronyms joined by "/" or "-" between
_TO_BRACKET = re.compile(r"(?:\s*[/-]\s*[A-Z][\w-]*)*\s*\(")


def _spelled_out_after(text: str, terms: Sequence[tuple[int, int, object]], end: int, agents: int) -> bool:
    """Whether the bracket right after a regimen acronym ending at ``end`` (maybe after other acronyms, "VAC/IE (...)")
    names at least two agents and no fewer than one less than the acronym's ``agents``: the text's own spelling of
    the regimen, whose agents are found there (a variant's may differ from the lexicon's)."""
    bracket = _TO_BRACKET.match(text, end)
    if bracket is None:
        return False
    close = text.find(")", bracket.end())
    if close < 0:
        return False
    inside = {named for s, e, named in terms if bracket.end() <= s and e <= close and isinstance(named, str)}
    return len(inside) >= max(2, agents - 1)


def _words_before(text: str, terms: Sequence[tuple[int, int, object]], start: int, low: int) -> str:
    """The text from ``low`` (or the clause's start after it) to ``start``, each drug mention in it read as ``DRUG``."""
    low = max(low, max(text.rfind(mark, low, start) for mark in _CLAUSE_MARKS) + 1)
    pieces = []
    at = low
    for s, e, _ in terms:
        if s >= start:
            break
        if s >= low:
            pieces.append(text[at:s])
            pieces.append("DRUG")
            at = e
    pieces.append(text[at:start])
    return "".join(pieces)


def _listed_with_supportive(text: str, terms: Sequence[tuple[int, int, object]], start: int, end: int) -> bool:
    """Whether the agent at ``text[start:end]`` stands in one list of agents (:data:`_LIST_JOIN` between neighbours)
    with a supportive-care agent (a ``("supportive", name)`` term of ``terms``), with only such agents and
    corticosteroids between them."""
    index = next((i for i, (s, _, _) in enumerate(terms) if s == start), None)
    if index is None:
        return False
    for step in (-1, 1):
        i = index
        while 0 <= i + step < len(terms):
            left, right = (terms[i + step], terms[i]) if step < 0 else (terms[i], terms[i + step])
            if _LIST_JOIN.fullmatch(text, left[1], right[0]) is None:
                break
            i += step
            named = terms[i][2]
            if isinstance(named, tuple) and named[0] == "supportive":
                return True
            if named not in _CORTICOSTEROIDS:
                break
    return False


#: a title's words for disease treated before ("advanced", "metastatic", "refractory", "second-line") or for a phase that
#: follows another ("maintenance", "consolidation"): there "A after B"
#: names B as the earlier line; in early disease "a taxane after anthracycline plus cyclophosphamide" is one sequential regimen
_LATER_LINE = re.compile(
    r"\b(?:advanced|metastatic|recurrent|relapsed|refractory|unresectable|inoperable|pre-?treated|previously\s+treated|progressive"
    r"|castration-resistant|(?:platinum|endocrine|chemotherapy)-(?:resistant|refractory)|(?:second|third|later|subsequent)[\s-]+lines?"
    # a phase given after another: "Maintenance X after Y", "Consolidation with X after Y"
    # an extension given after another: "Extended adjuvant X after Y"
    r"|maintenance|consolidation|consolidative|salvage|extended)\b"
)
#: in a title, after the study's drugs: the treatment the patients had before ("Regorafenib after sorafenib in ...",
#: "X plus Y after gemcitabine-cisplatin in ..."), the words between "after" and the mention (drugs read as ``DRUG``)
_TITLE_AFTER_FILLER = re.compile(rf"\s+{_FILLER}$", re.IGNORECASE)


def _prior_in_title(text: str, lower: str, title_end: int, terms: Sequence[tuple[int, int, object]], start: int) -> bool:
    """Whether the mention at ``start`` (in the title, ``text[:title_end]``) follows "after" or "following" that a
    drug mention of the title comes before: "STUDY DRUG after PRIOR DRUG in DISEASE"."""
    cue = max(lower.rfind(" after ", 0, start), lower.rfind(" following ", 0, start))
    if cue < 0 or not any(e <= cue for _, e, _ in terms[:8]):
        return False
    cue_end = lower.index(" ", cue + 1)
    pieces = []
    at = cue_end
    for s, e, _ in terms:
        if s >= start:
            break
        if s >= cue_end:
            pieces.append(text[at:s])
            pieces.append("DRUG")
            at = e
    pieces.append(text[at:start])
    return _TITLE_AFTER_FILLER.match("".join(pieces)) is not None


def find_regimen(text: str, sentences: Sequence[tuple[int, int]], lexicon: Lexicon) -> list[Hit]:
    """Regimen hits: ``drug`` (canonical name), ``setting``, and numeric fields with their text spans."""
    hits: list[Hit] = []
    lower = lower_aligned(text)
    blanked = blanked_words(text)  # the words of the text, read once for the drugs and the settings
    text_words = blanked.split()
    terms = find_terms_in_words(lexicon.drug_words, text, blanked, text_words)
    context = _Context(text, lower, terms)
    other_readings: dict[str, bool] = {}  # per ambiguous acronym: whether the text reads it as something else
    spelled_out: dict[str, bool] = {}  # per regimen acronym: whether the text spells it out in a bracket after it
    title_end = text.find("\n", 0, 400)
    supportive_study = (
        title_end > 0
        and any(map(lower[:title_end].__contains__, _SUPPORTIVE_PIECES))
        and _SUPPORTIVE_TITLE.search(text, 0, title_end) is not None
    )
    title_first = next((n for s, _, n in terms if s < title_end), None) if supportive_study else None  # the study's intervention
    title_after = (
        title_end > 0 and (" after " in lower[:title_end] or " following " in lower[:title_end]) and _LATER_LINE.search(lower, 0, title_end) is not None
    )
    for start, end, named in terms:
        # the cheap gates of names_other_treatment inline: most mentions pass neither
        if (
            (after_key := lower[end : end + 8].lstrip(" -")[:4]) in _AFTER_STARTS
            or (lower[end : end + 1] == "-" and (after_key == "and " or after_key.startswith("or ")))
            or not _CUE_WORDS.isdisjoint(lower[max(0, start - 90) : start].split())
        ) and context.names_other_treatment(start, end):
            continue
        if start < title_end and title_after and _prior_in_title(text, lower, title_end, terms, start):
            continue  # "Regorafenib after sorafenib in hepatocellular carcinoma": the line of treatment before the study's
        following = lower[end : end + 70]
        if (" failed" in following or " stopped" in following or " lost" in following) and _FAILED_AFTER.match(lower, end) is not None:
            continue  # "after letrozole or anastrozole has failed": what the patients had before the study
        # both readings below need "is", "are", "has", "have" or "remain" after the drug: one cheap gate first
        verb = " is " in following or " are " in following or " ha" in following or " remain" in following
        if verb and any(map(following.__contains__, _STANDARD_WORDS)) and _STANDARD_AFTER.match(lower, end) is not None:
            continue  # "letrozole has been approved for ...": background; where the study gives the drug, it is named again
        if (
            verb
            and any(map(following.__contains__, _PLANNED_WORDS))
            and _PLANNED_AFTER.match(lower, end) is not None
            and _TRIAL_BEFORE.search(lower, max(0, start - 120), start) is not None
        ):
            continue  # "a randomised trial against docetaxel is planned": a comparison still to be made
        if " not " in following[:14] and _NOT_MANDATED_AFTER.match(lower, end) is not None:
            continue  # "Prednisolone was not mandated": a drug the protocol left optional, not the study's treatment
        if ("tolera" in following or "contraindic" in following) and _INTOLERABLE_AFTER.match(lower, end) is not None:
            continue  # "cisplatin-based chemoradiotherapy is poorly tolerated by older patients": what the study's patients could not have
        if supportive_study and named != title_first and _BACKGROUND_TREATMENT.search(
            _words_before(text, terms, start, max(0, start - 90))
        ):
            continue  # "adults about to start oxaliplatin were randomised to olanzapine or placebo": their own chemotherapy
        if named in _CORTICOSTEROIDS and _listed_with_supportive(text, terms, start, end):
            continue  # "aprepitant, granisetron and dexamethasone": a corticosteroid given as an antiemetic
        if start > 12 and lower[start - 10 : start - 1] == "operative":
            setting = _OPERATIVE_BEFORE.search(lower, max(0, start - 16), start)
            if setting:  # "perioperative FLOT", "postoperative S-1": the setting named by the drug or regimen it qualifies
                hits.append(Hit("regimen", "setting", setting.start(), setting.end(), {"value": setting.group(1) + "operative"}))
        if not isinstance(named, tuple):
            if text[end : end + 1] in _SUFFIX_JOINS and (lower[end + 1 : end + 3] in _SUFFIX_STARTS or lower[end + 1 : end + 2] in _GREEK_LETTERS):
                suffix = _NAME_SUFFIX.match(lower, end)
                if suffix is not None and " " not in named:  # "dinutuximab beta", "interferon gamma-1b": the full name
                    word = suffix.group("word")
                    named = f"{named} {_GREEK_NAMES.get(word, word)}{'-' + suffix.group('number') if suffix.group('number') else ''}"
                    end = suffix.end()
            hits.append(Hit("regimen", "drug", start, end, {"value": named}))
            continue
        if named[0] == "supportive":
            continue  # a growth factor, an antiemetic, a protectant: supportive care, not the study's treatment
        name = named[1]  # a regimen acronym: its agents
        if _defined_here(text, text[start:end]):
            continue  # "gemcitabine plus carboplatin (GC)": the text spells out what it means, and its drugs are found there
        spelled = spelled_out.get(name)
        if spelled is None:  # once per acronym: whether a bracket after one of its mentions spells it out
            spelled = spelled_out[name] = any(
                n == named and text.find("(", e, e + 20) >= 0 and _spelled_out_after(text, terms, e, len(lexicon.regimen_drugs[name]))
                for _, e, n in terms
            )
        if spelled:
            continue  # "VAC/IE (doxorubicin in place of dactinomycin, ...)": the bracket names the agents the text means
        if name in lexicon.ambiguous_regimens:
            window = text[max(0, start - 40) : end + 40]
            if not lexicon.regimen_context_re.search(window) or re.search(r"aromatase|inhibitor", window, re.I):
                continue
            if _read_otherwise(lower, name, lexicon, other_readings):
                continue  # "tamoxifen followed by an AI" where the text speaks of aromatase inhibitors: not doxorubicin-ifosfamide
        agents = lexicon.regimen_drugs[name]
        if start > 1 and "R" in text[max(0, start - 8) : start] and "rituximab" not in agents and _RITUXIMAB_PREFIX.search(text, max(0, start - 8), start):
            start = text.rfind("R", max(0, start - 8), start)  # "R-mini-CHOP", "R-miniCEOP", "R-GDP": rituximab added to the regimen
            agents = ("rituximab", *agents)
        for drug in agents:
            hits.append(Hit("regimen", "drug", start, end, {"value": drug, "regimen": name}))
    neoadjuvant_named = preoperative_restated = False  # a setting "neoadjuvant"; one "preoperative" said as "before surgery"
    continued: bool | None = None  # whether the text gives further cycles after the neoadjuvant ones (read once, when needed)
    for m in setting_matches(text, lower, lexicon.settings_re, blanked, text_words):
        neo = (
            _NEO_IN_BRACKETS.search(lower, max(0, m.start() - 8), m.start())
            if m.lastgroup == "adjuvant" and "neo" in lower[max(0, m.start() - 7) : m.start()]
            else None
        )
        begin = neo.start() if neo else m.start()  # "(neo)adjuvant": the words before it read from its bracket
        if m.lastgroup == "neoadjuvant" and continued is None:
            continued = _FURTHER_CYCLES.search(lower) is not None
        if m.lastgroup == "neoadjuvant" and continued:
            pass  # "after three cycles of neoadjuvant X, ... then three further cycles": the pathway the study's patients follow
        elif _PRIOR_THERAPY.search(text, max(0, begin - 30), begin):
            continue  # "residual disease after neoadjuvant chemotherapy": a prior treatment, not the study's
        near = lower[max(0, begin - 40) : begin]
        if ("fit" in near or "ligib" in near or "suitab" in near) and _UNFIT_FOR.search(lower, max(0, begin - 60), begin):
            continue  # "patients not eligible for intensive induction", "unfit for adjuvant chemotherapy": a treatment they could not have
        if m.lastgroup == "induction" and _STATE_AFTER.search(text, max(0, begin - 70), begin):
            continue  # "patients with stable disease after 18 weeks of induction were randomised to maintenance"
        if m.lastgroup != "induction" and not (m.lastgroup == "neoadjuvant" and continued) and context.names_other_treatment(begin, m.end(), read_after=False):
            continue  # "who had completed concurrent chemoradiotherapy were assigned to ..." (an induction phase is often the study's own)
        hits.append(Hit("regimen", "setting", m.start(), m.end(), {"value": m.lastgroup}))
        neoadjuvant_named = neoadjuvant_named or m.lastgroup == "neoadjuvant"
        preoperative_restated = preoperative_restated or (m.lastgroup == "preoperative" and "operative" not in lower[m.start() : m.end()])
        if neo is not None:  # "(neo)adjuvant": both (not "neoadjuvant X before surgery" said twice)
            hits.append(Hit("regimen", "setting", m.start(), m.end(), {"value": "neoadjuvant"}))
        if m.lastgroup == "preoperative" and "post" in lower[m.start() : m.end()]:
            hits.append(Hit("regimen", "setting", m.start(), m.end(), {"value": "postoperative"}))  # "pre- and postoperative"
    # substring gates on the whole text first: most abstracts name neither cycles nor a dose in Gy
    cycles = "cycle" in lower or "course" in lower  # (a sentence below is read only for "cycle", "Cycle" or "course")
    gray_word = "gray" in lower
    gray = "Gy" in text or gray_word
    for s, e in sentences if cycles or gray else ():
        sentence = text[s:e]
        if cycles and ("cycle" in sentence or "course" in sentence or "Cycle" in sentence):
            for m in _cycle_matches(sentence, lower[s:e]):
                if _CYCLES_RANGE_AFTER.match(sentence, m.end()) or _CYCLES_CHANGE_AFTER.match(sentence, m.end()) or (
                    m.group("lo").lower() in ("1", "one", "a") and not m.group("hi") and _AT_LEAST_ONE.search(sentence, max(0, m.start() - 12), m.start()) is not None
                ) or (
                    any(word.lstrip("([")[:4] in _NOT_PLANNED_STARTS for word in lower[s + max(0, m.start() - 40) : s + m.start()].split()[-7:])
                    and _CYCLES_NOT_PLANNED.search(sentence, max(0, m.start() - 40), m.start())
                ):
                    continue
                value = _number_or_range(m.group("lo"), m.group("hi"))
                if value is not None and _max(value) <= 50:
                    hits.append(Hit("regimen", "chemo_cycles", m.start() + s, m.end("hi" if m.group("hi") else "lo") + s, {"value": value}))
        if gray and ("Gy" in sentence or (gray_word and "gray" in lower[s:e])):
            per_fraction = has_total = False
            for m in _gy_matches(sentence, lower[s:e]):
                value = _number_or_range(m.group("lo"), m.group("hi"))
                if value is None or _max(value) > 200:
                    continue
                after = sentence[m.end() : m.end() + 25]
                before = sentence[max(0, m.start() - 30) : m.start()]
                field = "rt_dose_per_fraction_gy" if (_PER_FRACTION_AFTER.match(after) or _per_fraction_before(before)) else "rt_total_dose_gy"
                if field == "rt_total_dose_gy" and _max(value) < 10 and re.search(r"\bfractions?\b", after + before, re.I):
                    field = "rt_dose_per_fraction_gy"
                per_fraction = per_fraction or field == "rt_dose_per_fraction_gy"
                has_total = has_total or field == "rt_total_dose_gy"
                hits.append(Hit("regimen", field, m.start() + s, m.end("hi" if m.group("hi") else "lo") + s, {"value": value}))
            found_fractions = False
            for m in _fraction_matches(sentence, lower[s:e]):
                if m.group("single"):
                    hits.append(Hit("regimen", "rt_fractions", m.start() + s, m.end() + s, {"value": 1.0}))
                    found_fractions = True
                    continue
                key = "lo" if m.group("lo") else "lo2" if m.group("lo2") else "first" if m.group("dose3") else "lo4"
                high = "hi" if key == "lo" else "hi2" if key == "lo2" else None
                value = _number_or_range(m.group(key), m.group(high) if high else None)
                if value is None or _max(value) > 60:
                    continue
                end_key = high if high and m.group(high) else key
                hits.append(Hit("regimen", "rt_fractions", m.start(key) + s, m.end(end_key) + s, {"value": value}))
                found_fractions = True
                if key in ("first", "lo4") and not has_total and isinstance(value, float):
                    dose = parse_number(m.group("dose3" if key == "first" else "first"))
                    if dose is not None:
                        hits.append(Hit("regimen", "rt_total_dose_gy", m.start() + s, m.end() + s,
                                        {"value": round(dose * value, 2), "note": "the total the 'dose x fractions' notation states"}))
                        has_total = True
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
    if hits and reports_no_regimen(text, lower):
        return []  # the treatments a review or a laboratory study names are not a regimen of its own
    if neoadjuvant_named and preoperative_restated:
        # "neoadjuvant nivolumab before surgery": the one setting said twice, not a preoperative treatment of its own
        # (both stay when the word is written: "neoadjuvant chemotherapy followed by preoperative radiotherapy")
        hits = [h for h in hits if not (h.label == "setting" and h.payload["value"] == "preoperative" and "operative" not in lower[h.start : h.end])]
    return hits


#: white space as ``\s`` reads it in ASCII text
_ASCII_SPACE = " \t\n\r\f\v\x1c\x1d\x1e\x1f"
#: the characters (lower case ASCII) a count, a range of counts and the words between a count and its noun are
#: written with: the others end the stretch of text a match can start in
_COUNT_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789_.,-"
#: a space-free piece (lower case) made only of what counts in digits or words, ranges ("5-10", "two to four") and
#: "or more" are written with: a piece a count spans without a word between it and its noun
_COUNT_PIECE = re.compile(
    r"(?:[\d.,-]|and|a|to|or|more|fewer|less|hundred|thousand|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven"
    r"|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)+"
)
#: where a count of cycles can start (the look-behind and first characters of the count pattern), in lower-cased ASCII
_CYCLES_START = re.compile(rf"(?<![\w.·])[\d.·{NUMBER_WORD_FIRST.lower()}]")
#: where a match of :data:`_FRACTIONS` can start (its leading look-ahead), in lower-cased ASCII
_FRACTIONS_START = re.compile(rf"(?<![\w.·])[\d.·{NUMBER_WORD_FIRST.lower()}]|g")
#: what stands between a count and "Gy" in "2 x 25 Gy" or "25 Gy x 2": digits, separators, "x" and white space
_GY_COUNT_CHARS = "0123456789.,x" + _ASCII_SPACE


def _count_start(lower: str, noun: int, words: int) -> int:
    """The lowest position of lower-cased ASCII ``lower`` where a count ending at ``noun`` can start: a count in digits
    or words (a range, "or more") followed by at most ``words`` other words, read back one space-free piece at a time.

    A piece with a character no count or word holds ends the stretch; a piece made only of count words spans none of
    the ``words`` (a piece that is not may, so it counts as one); one more word than ``words`` ends it too."""
    at = noun
    free = 0
    for piece in reversed(lower[:noun].split()):
        start = lower.rfind(piece, 0, at)
        rest = piece.rstrip(_COUNT_CHARS)
        if rest:
            return start + len(rest)  # a match starts after the last character it cannot hold
        if _COUNT_PIECE.fullmatch(piece) is None:
            free += 1
            if free > words:
                return start  # a match holds no more than ``words`` such pieces whole
        at = start
    return 0


def _noun_spans(lower: str, nouns: tuple[str, ...]) -> list[tuple[int, int]]:
    """Per occurrence of one of ``nouns`` in lower-cased ASCII ``lower``: (lowest, highest) start of a count before it
    (:func:`_count_start`, at most two words between)."""
    spans = []
    for noun in nouns:
        i = lower.find(noun)
        while i >= 0:
            spans.append((_count_start(lower, i, 2), i))
            i = lower.find(noun, i + len(noun))  # none of the nouns can overlap itself
    return spans


def _matches_at_starts(
    pattern: re.Pattern[str], sentence: str, lower: str, first: re.Pattern[str], spans: list[tuple[int, int]],
    resume: Callable[[re.Match[str]], int | None] | None = None,
) -> list[re.Match[str]]:
    """What ``pattern.finditer(sentence)`` yields, when every match starts inside one of ``spans`` ((lowest, highest)
    start, inclusive) where ``first`` (over ``lower``, ``sentence`` lower-cased) matches: the pattern tried only there.
    ``resume``: for a match, None to keep it, else where to try again (the match dropped)."""
    spans.sort()
    found = []
    end = covered = 0
    match = pattern.match
    for low, high in spans:
        low = max(low, covered)
        if low > high:
            continue
        covered = high + 1
        for start in first.finditer(lower, low, covered):
            at = start.start()
            if at >= end:
                m = match(sentence, at)
                if m is not None:
                    again = resume(m) if resume is not None else None
                    if again is not None:
                        end = again
                        continue
                    found.append(m)
                    end = m.end()
    return found


def _fraction_matches(sentence: str, lower: str) -> list[re.Match[str]]:
    """What ``_FRACTIONS.finditer(sentence)`` yields (``lower``: the sentence lower-cased, offsets kept).

    In ASCII text every match ends at "fraction" or "fx" after a count and at most two words, or holds "gy" with
    only digits, "x" and white space between it and its start: the pattern is tried only where a match can start
    before one of them (the number words of a count make it slow to try everywhere)."""
    if not sentence.isascii():
        return list(_FRACTIONS.finditer(sentence))
    spans = _noun_spans(lower, ("fraction", "fx"))
    i = lower.find("gy")
    while i >= 0:
        spans.append((len(lower[:i].rstrip(_GY_COUNT_CHARS)), i))
        i = lower.find("gy", i + 2)
    return _matches_at_starts(_FRACTIONS, sentence, lower, _FRACTIONS_START, spans) if spans else []


def _cycle_matches(sentence: str, lower: str) -> Iterator[re.Match[str]]:
    """The counts of cycles in ``sentence`` (``lower``: lower-cased, offsets kept), as ``_CYCLES`` finds them from
    the sentence's start.  A match with a word that never stands between a count and its noun is tried again after
    its number ("2020 with three cycles").

    In ASCII text the pattern is tried only where a count can start before a "cycle" or "course" (at most two words
    before it, :func:`_count_start`); elsewhere it is read in the 100 characters before each of them."""
    if sentence.isascii():
        yield from _ascii_cycle_matches(sentence, lower)
        return
    nouns = []
    for noun in ("cycle", "course"):
        i = lower.find(noun)
        while i >= 0:
            nouns.append(i)
            i = lower.find(noun, i + 5)
    at = 0
    for i in sorted(nouns):
        if i < at:
            continue
        while (m := _windowed_search(_CYCLES, sentence, max(at, i - 100), i + 40)) is not None:
            again = _cycle_resume(m)
            if again is not None:
                at = again
                continue
            at = m.end()
            yield m


def _cycle_resume(m: re.Match[str]) -> int | None:
    """None for a count of cycles kept; for one with a word that never stands between a count and its noun, where
    to try again: after its number."""
    between = m.group("between")
    if between and any(word in _NOT_BETWEEN or word.endswith(("-hour", "-hours")) for word in between.lower().split()):
        return m.end("hi" if m.group("hi") else "lo")
    return None


def _ascii_cycle_matches(sentence: str, lower: str) -> list[re.Match[str]]:
    return _matches_at_starts(_CYCLES, sentence, lower, _CYCLES_START, _noun_spans(lower, ("cycle", "course")), _cycle_resume)


def _windowed_search(pattern: re.Pattern[str], text: str, start: int, stop: int) -> re.Match[str] | None:
    """``pattern.search(text, start, stop)``, searched again to the text's end when the match comes near ``stop``
    (where the cut could have shortened it or hidden what its look-ahead reads)."""
    m = pattern.search(text, start, stop)
    if m is not None and m.end() > stop - 30:
        m = pattern.search(text, start)
    return m


def _gy_matches(sentence: str, lower: str) -> list[re.Match[str]]:
    """What ``_GY.finditer(sentence)`` yields, the pattern read only in the 40 characters before each "Gy" or
    "gray" (``lower``: the sentence lower-cased, offsets kept)."""
    units = []
    for piece, where in (("Gy", sentence), ("gray", lower)):
        i = where.find(piece)
        while i >= 0:
            units.append(i)
            i = where.find(piece, i + 2)
    found = []
    end = 0
    for i in sorted(units):
        if i >= end:
            m = _GY.search(sentence, max(end, i - 40), i + 5)
            if m:
                found.append(m)
                end = m.end()
    return found


def _max(value: float | Range) -> float:
    return value.high if isinstance(value, Range) else value
