"""Who was studied: cohort sizes (enrolled / analysed / evaluable kept apart), sex, age, design, arms.

Plain-text finders returning :class:`~extractors.hits.Hit` objects; the spaCy
component in :mod:`extractors.components` writes them to ``doc.spans``.
"""

from __future__ import annotations

import re
from typing import Sequence

from extractors.hits import NUM, NUMW, Hit
from extractors.lexicon import Lexicon
from extractors.numbers import parse_number

__all__ = ["find_arms", "find_cohort", "find_design"]

_MIN_N, _MAX_N = 2, 10_000_000


def _compile(lexicon: Lexicon) -> dict[str, re.Pattern[str]]:
    c = lexicon.cohort
    people = c["people"]
    return {
        "count": re.compile(
            rf"(?P<total>\b(?:a\s+)?total\s+(?:of\s+)?|\boverall,?\s+|\bin\s+(?:total|all),?\s+|\bN\s*=\s*)?(?<![\w.,·/-])(?P<num>{NUMW})(?![\w.%·/-]|,\d)\s+(?:\((?=[^()]{{0,120}}\)\s+(?:{people})\b)[^()]*\)\s+)?(?:(?!\d|(?:hospitals?|cent(?:er|re)s?|sites?|institutions?|countries|years?|months?|weeks?|days?|stud(?:y|ies)|trials?|cycles?|phases?|arms?|groups?|doses?|levels?)\b)[\w-]+[\s,]+){{0,5}}?(?:{people})\b",
            re.IGNORECASE,
        ),
        "people": re.compile(rf"\b(?:{people})\b", re.IGNORECASE),
        "role_count": re.compile(
            rf"(?<![\w.,·])(?P<num>{NUMW})\s+(?:\([^)]*\)\s+)?(?:(?:started|completed|received)\s+[\w\s]{{0,25}}?and\s+)?(?:were|was)\s+(?:(?:fully|finally|ultimately|later)\s+)?"
            rf"(?P<role>evaluable|assessable|analy[sz]ed|eligible\s+and\s+(?:analy[sz]ed|included)|eligible\s+for\s+(?:the\s+)?(?:efficacy\s+|primary\s+|final\s+)?analysis|included\s+in\s+the\s+(?:final\s+|primary\s+|efficacy\s+|intention-to-treat\s+)?analys[ie]s|available\s+for|enrolled|enrol+ed|randomi[sz]ed|randomly\s+assigned|recruited|accrued)"
            rf"|\bleaving\s+(?P<num2>{NUM})\s+(?:patients\s+|women\s+)?(?:in|for)\s+the\s+(?P<role2>analysis)",
            re.IGNORECASE,
        ),
        "noun_n": re.compile(rf"\b(?:{people}|randomi[sz]ed|enrolled|recruited|included|analy[sz]ed)\s*[(\[]\s*[nN]\s*=\s*(?P<num>{NUM})\s*[)\]]", re.IGNORECASE),
        "big_n": re.compile(rf"[(\[]\s*N\s*=\s*(?P<num>{NUM})\s*[)\];,]"),
        "n_equals": re.compile(rf"(?<![\w(])\(?\s*\b[Nn]\s*=\s*(?P<num>{NUM})\b"),
        "enrolled": re.compile(rf"\b(?:{c['enrolled']})\b", re.IGNORECASE),
        "analysed": re.compile(rf"\b(?:{c['analysed']})\b", re.IGNORECASE),
        "evaluable": re.compile(rf"\b(?:{c['evaluable']})\b", re.IGNORECASE),
        "sex": re.compile(
            rf"(?<![\w.])(?P<a>{NUMW})\s*(?:[(\[][\d.]+\s*%[)\]]\s*)?(?:patients\s+)?(?:were\s+|was\s+)?(?P<sa>{c['male']}|{c['female']})\b\s*(?:[(\[][^)\]]*[)\]]\s*)?(?:and|,|/|;)\s*(?:and\s+)?(?P<b>{NUMW})\s*(?:[(\[][\d.]+\s*%[)\]]\s*)?(?:were\s+|was\s+)?(?P<sb>{c['male']}|{c['female']})\b"
            rf"|(?<![\w.])(?P<e>{NUMW})\s*(?:[(\[][\d.]+\s*%[)\]]\s*)?(?:(?:patients|participants)\s*(?:[(\[][\d.]+\s*%[)\]]\s*)?)?(?:were|was)\s+(?P<se>male|men|female|women)\b(?!\s+and\s+\d)"
            rf"|(?:[(\[;]\s*|;\s*)(?P<f>{NUM})\s*(?:[(\[][\d.]+\s*%[)\]]\s*)?(?P<sf>men|male|males|women|female|females)\b(?=\s*[;)\]]|\s*,\s*(?:mean|median|aged?)\b)"
            rf"|\b(?:male|men|M)\s*(?:/|:|to)\s*(?:female|women|F)\s*(?:ratio)?\s*(?:was|of|,|:|=)?\s*(?P<c>{NUM})\s*(?:/|:|to)\s*(?P<d>{NUM})",
            re.IGNORECASE,
        ),
        "age": re.compile(
            rf"\b(?P<kind>mean|median|average)\s+(?:patient\s+)?age\s*(?:at\s+(?:diagnosis|surgery|treatment|enrol?lment|presentation)\s*)?(?:\([^)]*\)\s*)?(?:of\s+(?:the\s+)?(?:patients|cohort|participants)\s+)?(?:was|were|of|=|:|,|is)?\s*(?:was\s+)?(?P<num>{NUM})(?!\s*%)"
            rf"|\baged?\s+(?:a\s+)?(?P<kind2>mean|median)\s+(?:of\s+)?(?P<num2>{NUM})(?!\s*%)",
            re.IGNORECASE,
        ),
    }


_CACHE: dict[int, dict[str, re.Pattern[str]]] = {}


def _patterns(lexicon: Lexicon) -> dict[str, re.Pattern[str]]:
    key = id(lexicon)
    if key not in _CACHE:
        _CACHE[key] = _compile(lexicon)
    return _CACHE[key]


_SUBSET_AFTER = re.compile(
    r"^\s*\(\s*\d+(?:[.·]\d+)?\s*%|^\s*(?:\w+\s+){0,2}?(?:had|experienced|developed|died|achieved|showed|required|underwent\s+(?:re|salvage|second))\b"
    r"|^\s*(?:\(\s*\d+(?:[.·]\d+)?\s*%\s*\)\s*)?(?:had|experienced|developed|died|achieved|showed|were\s+alive|relapsed|progressed|received\s+salvage)"
    r"|^\s*who\s+(?:experienced|developed|died|achieved|showed|relapsed|progressed|responded|had\s+(?:a\s+)?(?:complete|partial|response|progression|recurrence|relapse))",
    re.I,
)
_SUBSET_BEFORE = re.compile(r"\b(?:of\s+(?:these|them|those|whom|which)|(?:occurred|observed|seen|found|noted|reported|developed|achieved|detected|recorded|documented)\s+in|(?<=\w\s)among|while|whereas|only|including|except)\s+$|\d\s*(?:%|\))\s*(?:and|or|,)\s*$|\b\d+\s+(?:and|or)\s+$", re.I)
_OF_THE = re.compile(r"\b(?:of|from|among|in)\s+(?:the|these|all)\s+$|^(?:[A-Z][A-Za-z ]{0,25}:\s*)?(?:Of|Among|In)\s+$", re.I)
_STUDY_IN_BEFORE = re.compile(r"\b(?:trial|study|conducted|undertaken|performed|carried\s+out|nested)\b[^.;]{0,100}?\b(?:among|in|of|with|involving)\s+$", re.I)
_LEADING_BRACKET = re.compile(r"^\s*\([^()]*\)")
_HAS_NUMBER = re.compile(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand)\b", re.I)
_NOT_A_COUNT_BEFORE = re.compile(r"\b(?:age|aged|median|mean|range|of\s+age|years?|months?|dose|grade|stage|phase)\s*(?:of|was|:|=)?\s*$", re.I)
_LABEL_NUMBER_BEFORE = re.compile(r"\b(?:phase|stage|grade|arm|type|version|cycle|day|week|level|cohort|part|step|group|figure|table|ECOG|WHO)\s*$", re.I)
_NOT_COHORT_AFTER = re.compile(r"^\s*(?:[\w-]+\s+){0,3}?(?:(?:were|was)\s+)?(?:screened|assessed\s+for\s+eligibility|will\s+be|are\s+planned|to\s+be\s+(?:enrolled|recruited|randomi[sz]ed))", re.I)
_TOTALISH_BEFORE = re.compile(
    r"\b(?:review(?:ed)?|analy[sz]ed|analysis|stud(?:y|ied)|series|cohort|included|enrolled|recruited|identified|evaluated|assessed|treated|randomi[sz]ed|consisting|involving|comprising|comprised|data|records?|charts?|registered|accrued|enrolling|including)\s+(?:of\s+)?(?:the\s+)?(?:data\s+(?:of|from)\s+|records\s+of\s+|a\s+total\s+of\s+)?$",
    re.I,
)


def find_cohort(text: str, sentences: Sequence[tuple[int, int]], lexicon: Lexicon, title_end: int = 0) -> list[Hit]:
    """Cohort hits: ``n`` candidates (label ``"count"`` with a role), sex counts and age."""
    pats = _patterns(lexicon)
    hits: list[Hit] = []
    order = 0
    for s, e in sentences:
        sentence = text[s:e]
        lower = sentence.lower()
        if not _has_cue(_HAS_NUMBER, _HAS_NUMBER_LOWER, sentence, lower):
            continue  # every cohort figure is a number, in digits or words
        for m in _counts(pats, sentence):
            value = parse_number(m.group("num"))
            if value is None or value != int(value) or not _MIN_N <= value <= _MAX_N:
                continue
            if 1950 <= value <= 2035 and not m.group("total"):
                continue  # a year
            a, b = m.start("num"), m.end("num")
            if _UNIT_AFTER.match(sentence[b : b + 8]):
                continue
            before = sentence[max(0, a - 40) : a]
            after = sentence[m.end() : m.end() + 60]
            if _LABEL_NUMBER_BEFORE.search(before):
                continue  # "phase 3 trial, patients", "stage 2 patients": a label, not a count
            if _NOT_COHORT_AFTER.match(sentence[m.end() :]):
                continue  # screened, or planned ("will be recruited")
            subset = bool(_SUBSET_AFTER.match(sentence[m.end() :])) or bool(_SUBSET_BEFORE.search(before))
            role = _role(pats, sentence[max(0, a - 60) : a], _LEADING_BRACKET.sub(" ", sentence[b : b + 280], count=1)[:160])
            total = bool(m.group("total")) or bool(_TOTALISH_BEFORE.search(before)) or s < title_end
            if _OF_THE.search(before) or _STUDY_IN_BEFORE.search(before if len(before) < 40 else sentence[max(0, a - 120) : a]):
                subset = False
                total = True
            if subset and not total and role not in ("evaluable", "analysed"):
                continue
            if subset and role in ("evaluable", "analysed"):
                total = False
            hits.append(
                Hit("cohort", "count", a + s, b + s, {"value": int(value), "role": role, "total": total, "order": order, "title": s < title_end, "explicit": bool(m.group("total"))})
            )
            order += 1
        if "n =" in sentence or "n=" in sentence or "N =" in sentence:
            for m in pats["noun_n"].finditer(sentence):  # "Women (n = 13,388) were randomly assigned"
                value = parse_number(m.group("num"))
                if value is None or value != int(value) or not _MIN_N <= value <= _MAX_N:
                    continue
                role = _role(pats, sentence[max(0, m.start() - 60) : m.start()], sentence[m.end() : m.end() + 160])
                hits.append(Hit("cohort", "count", m.start("num") + s, m.end("num") + s, {"value": int(value), "role": role, "total": True, "order": order, "title": False}))
                order += 1
        if "N =" in sentence or "N=" in sentence:
            for m in pats["big_n"].finditer(sentence):  # "Breast cancer patients starting chemotherapy (N = 301)": a capital N is a total
                value = parse_number(m.group("num"))
                if value is None or value != int(value) or not _MIN_N <= value <= _MAX_N or any(h.start == m.start("num") + s for h in hits):
                    continue
                role = _role(pats, sentence[max(0, m.start() - 60) : m.start()], sentence[m.end() : m.end() + 160])
                hits.append(Hit("cohort", "count", m.start("num") + s, m.end("num") + s, {"value": int(value), "role": role, "total": True, "order": order, "title": False}))
                order += 1
        if "were" in sentence or "was" in sentence or "leaving" in sentence:
            for m in pats["role_count"].finditer(sentence):
                num_key = "num" if m.group("num") else "num2"
                value = parse_number(m.group(num_key))
                if value is None or value != int(value) or not _MIN_N <= value <= _MAX_N:
                    continue
                if 1950 <= value <= 2035:
                    continue  # "between 2010 and 2019 were analysed": a year
                if _NOT_A_COUNT_BEFORE.search(sentence, max(0, m.start() - 25), m.start()):
                    continue  # "a median age of 70 were randomly assigned"
                role_word = (m.group("role") or m.group("role2")).lower()
                if role_word.startswith(("evaluable", "assessable", "available")):
                    role = "evaluable"
                elif role_word.startswith(("enrol", "random", "recruit", "accrued")):
                    role = "enrolled"
                else:
                    role = "analysed"
                hits.append(Hit("cohort", "count", m.start(num_key) + s, m.end(num_key) + s, {"value": int(value), "role": role, "total": role == "enrolled", "order": order, "title": False}))
                order += 1
        has_sex = "men" in lower or "male" in lower or "m:f" in lower or "m/f" in lower or "boys" in lower or "girls" in lower
        for m in pats["sex"].finditer(sentence) if has_sex else ():
            if m.group("a"):
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
                field = "n_male" if re.match(lexicon.cohort["male"] + r"$|m$", sex, re.I) else "n_female"
                hits.append(Hit("cohort", field, a + s, b + s, {"value": int(value)}))
        for m in pats["age"].finditer(sentence) if "age" in lower else ():
            kind = (m.group("kind") or m.group("kind2") or "").lower()
            num_group = "num" if m.group("num") else "num2"
            value = parse_number(m.group(num_group))
            if value is None or not 0 < value < 110:
                continue
            field = "age_median" if kind == "median" else "age_mean"
            hits.append(Hit("cohort", field, m.start(num_group) + s, m.end(num_group) + s, {"value": value}))
    return hits


def _counts(pats: dict[str, re.Pattern[str]], sentence: str) -> list[re.Match[str]]:
    """Count matches, found from each people noun backwards (scanning every position for a number is slow)."""
    out: list[re.Match[str]] = []
    last = 0
    for noun in pats["people"].finditer(sentence):
        if noun.start() < last:
            continue
        m = pats["count"].search(sentence, max(last, noun.start() - 90), noun.end())
        while m is not None and m.end() != noun.end():
            m = pats["count"].search(sentence, m.start() + 1, noun.end())
        if m is not None:
            out.append(m)
            last = m.end()
    return out


_CLAUSE_END = re.compile(r"[;.]|\bof\s+whom\b|\bwhile\b|\band\s+\d|,\s*\d|,\s*(?:[a-z]+\s+){0,2}\d")
_RETRO_ANALYSED = re.compile(r"retrospectively\s+analy", re.I)
_ENROLLED_AFTER = re.compile(r"\b(?:enrolled|enrol+ed|recruited|randomi[sz]ed|randomly|accrued|registered|assigned|underwent\s+randomi[sz]ation)\b", re.I)
_ENROLLED_BEFORE = re.compile(r"\b(?:enrolled|recruited|randomi[sz]ed|accrued|registered|enrolling|recruiting|randomi[sz]ing|randomly\s+(?:assigned|allocated)|assigned|allocated)\s*$", re.I)
_ANALYSED_BEFORE = re.compile(r"\b(?:we|were)\s+analy[sz]ed\s*(?:data\s+(?:of|from)\s+|the\s+records\s+of\s+)?$", re.I)
_UNIT_AFTER = re.compile(r"\s*(?:years?|yrs?|months?|mg|Gy|cycles?|weeks?|days?|%)\b", re.I)


def _role(pats: dict[str, re.Pattern[str]], before: str, after: str) -> str:
    window = before[-30:] + " " + after[:70]
    clause_end = _CLAUSE_END.search(after)  # the text before the first clause break (as ``re.split(...)[0]``)
    after_clause = after[: clause_end.start()] if clause_end else after
    if pats["evaluable"].search(after_clause) or pats["evaluable"].search(before[-25:]):
        return "evaluable"
    if pats["analysed"].search(after_clause) and not _RETRO_ANALYSED.search(window):
        return "analysed"
    if _ENROLLED_AFTER.search(after_clause):
        return "enrolled"
    if _ENROLLED_BEFORE.search(before):
        return "enrolled"
    if _ANALYSED_BEFORE.search(before):
        return "analysed"
    return "other"


_SERIES_CUE = re.compile(
    r"\b(?:(?:were|was)\s+reviewed|we\s+reviewed|review\s+of\s+\d|records?|database|registry|charts?|institution(?:al)?|our\s+(?:centre|center|hospital|institution|department|clinic)|"
    r"consecutive|(?:were|we)\s+analy[sz]ed|we\s+report|treated\s+(?:at|between|from)|(?:were|was)\s+identified|between\s+(?:\w+\s+)?(?:19|20)\d\d\s+and\s+(?:\w+\s+)?(?:19|20)\d\d|"
    r"from\s+(?:\w+\s+)?(?:19|20)\d\d\s+(?:to|through|until)\s+(?:\w+\s+)?(?:19|20)\d\d|(?:19|20)\d\d\s*[-–]\s*(?:19|20)\d\d)",
    re.IGNORECASE,
)
_NOT_SERIES = re.compile(r"\btrial\b|\bprotocol\b|systematic\s+review|meta-analys|\bwill\s+be\b|\bin\s+vitro\b|\bmice\b|\bcell\s+lines?\b|\bguideline", re.IGNORECASE)


_DESIGN_KEY = {"randomised": "rand", "retrospective": "retrospect", "prospective": "prospect", "phase1": "phase", "phase2": "phase", "phase3": "phase"}


def find_design(text: str, lexicon: Lexicon) -> list[Hit]:
    """Design labels (retrospective, prospective, phase1-3, randomised), stated or plainly implied.

    A phase I-III study that is not randomised is prospective; a series of treated patients with
    no trial, protocol or prospective wording (chart review, "treated at our centre between
    2010 and 2020") is retrospective.
    """
    hits = []
    lower = text.lower()
    for label, pattern in lexicon.designs:
        if _DESIGN_KEY[label] not in lower:
            continue  # a substring test is far cheaper than the regex
        m = pattern.search(text)
        if m:
            hits.append(Hit("design", label, m.start(), m.end(), {"value": label}))
    phases = [h for h in hits if h.label.startswith("phase")]
    if phases:  # the study's own phase is named first; later ones are other trials or "recommended phase II dose"
        first = min(h.start for h in phases)
        hits = [h for h in hits if not h.label.startswith("phase") or h.start == first]
    labels = {h.label for h in hits}
    if "randomised" not in labels and "prospective" not in labels and "retrospective" not in labels:
        phase = next((h for h in hits if h.label.startswith("phase")), None)
        if phase is not None:
            hits.append(Hit("design", "prospective", phase.start, phase.end, {"value": "prospective", "implied": True}))
        elif not _NOT_SERIES.search(text):
            m = _SERIES_CUE.search(text)
            if m:
                hits.append(Hit("design", "retrospective", m.start(), m.end(), {"value": "retrospective", "implied": True}))
    return hits


_ARM_N = re.compile(
    rf"(?<![\w+/-])(?P<label>[A-Za-z0-9][\w+/\-·., ]{{1,80}}?)\s*(?:[(\[][^()\[\]]{{0,30}}?\b(?:mg|g|Gy|mcg|µg|IU|units?|mg/m2|mg/kg)\b[^()\[\]]{{0,20}}?[;,]\s*|[(\[]\s*|,\s*)?(?:[nN]\s*=\s*(?P<num>{NUM})\s*(?:patients)?|(?<=[(\[])\s*(?P<num3>{NUM})\s+(?:patients|women|participants|pts))\s*(?:[)\],;]|$)"
    rf"|[(\[]\s*(?P<label2>[A-Za-z][\w+/\-]{{0,20}}(?:\s(?:[A-Z0-9][\w+/\-]{{0,10}}|group|arm|cohort))?)\s*[;,:]\s*(?:[nN]\s*=\s*)?(?P<num2>{NUM})\s*(?:patients|women|pts)?\s*[)\]]"
)
_ARM_ASSIGNED = re.compile(
    rf"(?P<num>{NUMW})\s+(?:patients\s+|women\s+|participants\s+|subjects\s+)?(?:were\s+)?(?:randomly\s+)?(?:assigned|allocated|randomi[sz]ed)\s+to\s+(?:receive\s+)?(?:the\s+)?(?P<label>[\w+/\-· ]{{2,60}}?)(?=\s*(?:[,;.(]|\band\b|\bor\b|\bversus\b|\bvs\b|$))"
    rf"|(?<![\w.])(?P<num2>{NUM})\s+(?:patients\s+|women\s+)?(?:to|in|into|received|receiving)\s+(?:the\s+)?(?P<label2>[\w+/\-· ]{{2,50}}?)\s+(?:arm|group|cohort)\b",
    re.IGNORECASE,
)
_RANDOMISED_TO = re.compile(
    r"(?:randomi[sz]ed|randomly\s+(?:assigned|allocated)|allocated|assigned)\s+(?:\([^)]*\)\s*)?(?:in\s+a\s+\d\s*:\s*\d\s+(?:ratio\s+)?(?:fashion\s+)?)?(?:\([^)]*\)\s*)?(?:between\s+|to\s+(?:receive\s+|be\s+treated\s+with\s+|undergo\s+)?(?:either\s+)?)"
    r"(?P<a>[^;:.]{2,90}?)\s+(?:or|versus|vs\.?|and|compared\s+with)\s+(?:to\s+)?(?:receive\s+)?(?P<b>[^;:.]{2,70}?)(?=\s*(?:[;.(]|,\s|\bfor\b|\bin\s+(?:a|patients|women|combination|the\s+adjuvant)|\bevery\b|\buntil\b|\bdaily\b|\bafter\b|\bbefore\b|\bon\s+day|$))",
    re.IGNORECASE,
)
_LEAD = re.compile(
    r"^(?:.*\b(?:to|receive|received|receiving|either|or|and|versus|vs\.?|with|between|into|:)\s+)?(?:the\s+|a\s+|an\s+|either\s+)*",
    re.IGNORECASE,
)
_TRAIL = re.compile(r"\s+(?:arm|group|cohort|regimen|therapy\s+group)s?$|\s*[,;:]$", re.IGNORECASE)
_BAD_LABEL = re.compile(r"^(?:patients?|women|total|all|each|both|the|a|an|and|or|of|in|were|was|\d+(?:[.,]\d+)?%?|median|mean|age|aged|ratio|overall|[A-Z]?|cases?|hospitals?|centres?|centers?|sites?)$|\b(?:were|was|had|patients|randomi[sz]ed|randomi[sz]ation|enrolled|ratio|age|aged|respectively|because|due|stopped|withdrew|discontinued|died|remained|developed|experienced|achieved|showed)\b", re.IGNORECASE)
_TITLE_VERSUS = re.compile(
    r"^(?:[^:]{0,80}:\s+)?(?P<a>[^:;,()]{2,70}?)\s+(?:versus|vs\.?|compared\s+with|or)\s+(?P<b>[^:;,()]{2,60}?)(?=\s+(?:for|in|as|after|before|among|on|to|during|following|plus\s+\w+\s+for)\b|\s*[:;,(]|\s*$)",
    re.IGNORECASE,
)
_LEADING_SETTING = re.compile(r"^(?:(?:adjuvant|neoadjuvant|preoperative|postoperative|perioperative|first-line|second-line|maintenance|concurrent|upfront|definitive|salvage|primary)\s+)+", re.IGNORECASE)


_NOT_ARM_LABEL = re.compile(
    r"\b(?:males?|females?|men|women|boys|girls|january|february|march|april|may|june|july|august|september|october|november|december|"
    r"\w*carcinomas?|cancers?|\w*sarcomas?|tumou?rs?|\w*lymphomas?|leuk(?:a)?emias?|melanomas?|adenocarcinomas?|stage|grade|aged?|"
    r"responders?|non-responders?|positive|negative|mutated|wild-type|metastases|metastatic)\b",
    re.IGNORECASE,
)
_CONTEXT_WORD = re.compile(
    r"tumou?rs?|cancers?|patients?|women|men|disease|positive|negative|unknown|receptor|metastatic|advanced|breast|carcinomas?|stage|"
    r"eligible|untreated|pretreated|previously|either|oral|intravenous|iv|weekly|daily|receive|received|given",
    re.IGNORECASE,
)
_DOSE_TAIL = re.compile(r"\s+(?:at\s+|of\s+)?\d[\d.,·]*\s*(?:mg|g|µg|mcg|Gy|IU|units?|mg/m2|mg/kg|AUC)\b.*$|\s+(?:every|daily|twice|once|weekly|on\s+days?|for\s+\d).*$", re.IGNORECASE)
_CYCLES_OF = re.compile(r"^\d+\s+(?:cycles|courses|doses|injections|infusions)\s+of\s+", re.IGNORECASE)
_DOSE_HEAD = re.compile(r"^(?:a|an|the)?\s*\d[\d.,·]*\s*(?:mg|g|µg|mcg|Gy|IU|units?|mg/m2|mg/kg)\s+", re.IGNORECASE)
_DOSE_LABEL = re.compile(r"\b(?:mg|mg/m2|mg/kg|g/m2|days?|level)\b|^(?:twice|daily)\b|\b(?:in|at|of|with|to|for|on)$|^(?:in|at|of|with|on)\b", re.IGNORECASE)


def _clean_label(raw: str, allow_letter: bool = False) -> str | None:
    if allow_letter and re.fullmatch(r"(?:(?:arm|group)\s+)?[A-Z]\d?(?:\s+(?:arm|group))?", raw.strip()):
        return raw.strip()  # "group S (n = 26)", "arm B (n = 40)": a letter names the arm
    label = _DOSE_TAIL.sub("", _DOSE_HEAD.sub("", _CYCLES_OF.sub("", raw.strip())))  # "docetaxel 100 mg/m2 every 3 weeks" -> "docetaxel"
    words = label.split()
    if len(words) >= 3:  # "unknown tumors letrozole" -> "letrozole": keep what follows the last context word
        last = max((i for i, w in enumerate(words) if _CONTEXT_WORD.fullmatch(w.strip(",;:"))), default=-1)
        if 0 <= last < len(words) - 1:
            label = " ".join(words[last + 1 :])
    if _DOSE_LABEL.search(label.strip(" ,;:")):
        return None
    label = _LEAD.sub("", label, count=1).strip()
    label = _TRAIL.sub("", label).strip(" ,;:-")
    if not label or len(label) > 60 or len(label.split()) > 7 or _BAD_LABEL.search(label) or re.match(r"\d+\s*,", label) or _NOT_ARM_LABEL.search(label):
        return None
    return label


_ARM_KEYS = ("random", "assign", "allocat", "arm", "group", "versus", "vs", "cohort", "compared", "received", "treated", "n =", "n=", "enrol", "includ", "analys", "matching", "each", "control", "placebo", "intervention")
_ARM_CUE = re.compile(r"randomi|assign|allocat|\barms?\b|\bgroups?\b|versus|\bvs\b|cohort|compared|received|treated|enrol|includ|analys|matching|\beach\b|\bn\s*=|control|placebo|intervention", re.I)
_LABEL_END = r"(?=\s*(?:,|;|\)|\.(?:\s|$)|\band\b|\bor\b|$|\s+(?:group|arm|cohort)s?\b))"
_ARM_TO = re.compile(
    rf"(?<![\w.·])(?P<num>{NUMW})\s+(?:(?-i:[A-Z]{{2,5}})\s+(?=patients|women))?(?:patients?\s+|women\s+|participants\s+|men\s+)?(?:who\s+)?(?:were\s+)?(?:(?:randomly\s+)?(?:assigned|allocated|randomi[sz]ed)\s+(?=to\b|in\b|into\b|[a-z]))?"
    rf"(?:to|received|receiving|in|into|were\s+treated\s+with|underwent|had|started\s+(?:with|on)|using|taking|(?<=assigned\s)|(?<=allocated\s))\s*(?:the\s+)?(?P<label>[A-Za-z0-9][\w+/\-· ]{{0,50}}?){_LABEL_END}",
    re.IGNORECASE,
)
_ARM_LIST_ITEM = re.compile(
    rf"(?:,|\band\b|;)\s*(?:and\s+)?(?P<num>{NUMW})\s+(?:patients?\s+|women\s+)?(?:who\s+)?(?:to\s+|in\s+|received\s+|with\s+)?(?:the\s+)?(?P<label>[A-Za-z0-9][\w+/\-· ]{{0,50}}?){_LABEL_END}",
    re.IGNORECASE,
)
_GENERIC_GROUP = re.compile(r"\b(?:in|for|with|to|of|and|versus|vs\.?)\s+the\s+(?P<label>(?:[\w+/-]+\s+){0,2}?[\w+/-]+)\s+(?:group|arm)s?\b", re.IGNORECASE)
_NOT_ARM = re.compile(r"\b(?:risk|age|high|low|intermediate|poor|good|favou?rable|unfavou?rable|positive|negative|responders?|older|younger|elderly|subgroups?|same|two|both|each|other|treatment|study|entire|whole|overall|stage|grade|[A-Z]?\d+)\b|-(?:positive|negative|risk)\b", re.IGNORECASE)
_PAREN = re.compile(r"\(([^()]{3,160})\)")
_ITEM_NUM_FIRST = re.compile(rf"^\s*(?:and\s+)?(?:[nN]\s*=\s*)?(?P<num>{NUM})(?:\s*,)?\s+(?:patients\s+|women\s+)?(?:in\s+|to\s+|on\s+|receiving\s+|with\s+)?(?:the\s+)?(?P<label>[A-Za-z][\w+/\-· ]{{0,40}}?)\s*$")
_ITEM_LABEL_FIRST = re.compile(rf"^\s*(?:and\s+)?(?P<label>[A-Za-z][\w+/\-·→ ]{{0,40}}?)\s*(?:,\s*|:\s*)?(?:[nN]\s*=\s*)?(?P<num>{NUM})(?:\s+(?:patients|women|cases))?\s*$")
_PER_GROUP = re.compile(rf"(?<![\w.])(?P<num>{NUM})\s+(?:patients\s+|women\s+)?(?:per|in\s+each|each)\s+(?:group|arm)|(?P<num2>{NUM})\s+(?:patients\s+)?(?:were\s+)?(?:randomly\s+)?assigned\s+to\s+each\s+(?:group|arm)")


def _paren_arms(sentence: str, offset: int) -> list[Hit]:
    """Arms listed in brackets with their sizes: "(242 induction, 238 control)", "(TCHP 107, THP 105)"."""
    for p in _PAREN.finditer(sentence):
        splitter = r"\s*;\s*" if ";" in p.group(1) else r"\s*,\s*|\s+and\s+|\s+versus\s+|\s+vs\.?\s+"
        items = [x for x in re.split(splitter, p.group(1)) if x.strip()]
        if len(items) < 2:
            continue
        found = []
        pos = p.start(1)
        for item in items:
            where = sentence.find(item, pos)
            pos = max(pos, where + len(item)) if where >= 0 else pos
            m = _ITEM_NUM_FIRST.match(item) or _ITEM_LABEL_FIRST.match(item)
            if not m:
                break
            label = _clean_label(m.group("label"), allow_letter=True)
            value = parse_number(m.group("num"))
            if not label or value is None or value != int(value) or _OUTCOME_LABEL.search(label):
                break
            a = where + m.start("num") if where >= 0 else p.start()
            found.append(Hit("arm", label, a + offset, a + len(m.group("num")) + offset, {"label": label, "n": int(value), "label_start": a + offset}))
        else:
            if len(found) >= 2 and len({h.payload["label"] for h in found}) == len(found):
                return found
    return []


_N_ANCHOR = re.compile(
    rf"[(\[]\s*(?:(?P<inner>[A-Za-z][^()\[\];,]{{0,30}}?)\s*[;,:]\s*)?[nN]\s*=\s*(?P<num>{NUM})\s*(?:patients|women|participants|pts|subjects)?\s*[)\],;]"
    rf"|[(\[]\s*(?:(?P<inner2>[A-Za-z][^()\[\];,]{{0,30}}?)\s*[;,:]\s*)?(?P<num2>{NUM})\s+(?:patients|women|participants|pts|subjects|cases)\s*[)\],;]"
    rf"|(?<=[\w)])\s*,?\s+[nN]\s*=\s*(?P<num3>{NUM})\b"
    rf"|(?<=[A-Za-z])\s+\(\s*(?P<num4>\d{{1,3}}(?:,\d{{3}})?)\s*\)(?!\s*(?:%|patients|women|years?|months?))"
)
_LEFT_BOUNDARY = re.compile(
    r"^.*(?:\b(?:to|receive[ds]?|receiving|either|or|and|versus|vs\.?|between|into|in|of|with|for|from|on|the|(?-i:a|an)|were|was|had|as|while|whereas|but)\s+|[,;:(\[]\s*)",
    re.IGNORECASE,
)
_BRACKETED = re.compile(r"\s*[(\[][^()\[\]]*[)\]]")
_NOT_ARM_WORD = re.compile(r"^(?:with|without|alone|only|respectively|patients?|women|analysis|population|total|all|evaluable|assessable|cohort|study|trial)$", re.IGNORECASE)


_ANCHOR_CUE = re.compile(r"randomi|assign|allocat|\barms?\b|\bgroups?\b|versus|\bvs\b|compared|placebo|control|\bor\b|either|\bbetween\b|received|treated\s+with", re.IGNORECASE)
_SETTING_ONLY = re.compile(r"^(?:(?:definitive|preoperative|postoperative|perioperative|neoadjuvant|adjuvant|palliative|curative|primary|salvage|radical)[/ ,-]*(?:or\s+|and\s+)?)+$", re.IGNORECASE)
_OUTCOME_LABEL = re.compile(r"\d\s*%|^(?:ORR|CR|PR|SD|PD|DCR|pCR|NC|OR|CBR|responses?|deaths?|events?|relapses?|recurrences?|progression|toxicity|grade\b.*)$", re.IGNORECASE)


_AFTER_WITH = re.compile(r"\s*(?:the\s+|a\s+|an\s+)?([A-Za-z][\w+/-]*(?:\s+acid)?)")
_RANDOMISED_CUE = re.compile(r"randomi[sz]|assigned|allocated", re.IGNORECASE)
_PEOPLE_TAIL = re.compile(r"\s+(?:patients|women|participants|subjects)$", re.IGNORECASE)
_BARE_PAREN = re.compile(r"[A-Za-z]\s+\(\d+\)")
_PAREN_COUNT_ANY = re.compile(r"\d\s+(?:patients|women|participants|pts)\s*[)\],;]|[(\[][A-Za-z][^()\[\]]{0,30}[;,:]\s*\d[\d,]*\s*(?:patients|women|pts)?\s*[)\]]")
_PAREN_COUNT = re.compile(r"\d\s+(?:patients|women|participants|pts|subjects|cases)\s*[)\],;]")
_GROUP_WORD = re.compile(r"\b(?:group|arm|cohort)\b", re.IGNORECASE)


def _anchored_arms(sentence: str, offset: int) -> list[Hit]:
    """Arms whose size follows their name as "A (n = 120) or B (n = 118)", "A group (n=52)",
    "B (125 patients)", "(usual care; n = 46)", "TL (n = 80) or L (n = 40)".

    The label is read leftwards from each size up to the previous size or a clause word
    ("to", "or", "versus", a comma), so a long sentence start never becomes part of it.
    """
    hits: list[Hit] = []
    pending: list[tuple[str, re.Match[str], str, float, int]] = []
    prev = 0
    if not _ANCHOR_CUE.search(sentence):
        return hits
    for m in _N_ANCHOR.finditer(sentence):
        key = "num" if m.group("num") else "num2" if m.group("num2") else "num3" if m.group("num3") else "num4"
        if key == "num4" and not _RANDOMISED_CUE.search(sentence):
            continue  # "A (34) or B (17)" only where the sentence assigns patients
        value = parse_number(m.group(key))
        if value is None or value != int(value) or value <= 0:
            prev = m.end()
            continue
        inner = "inner" if m.group("inner") else "inner2" if m.group("inner2") else None
        if inner and not re.search(r"\d|\b(?:aged?|median|mean|range|years?)\b", m.group(inner)):
            raw, start = m.group(inner), m.start(inner)
        else:
            left = _PEOPLE_TAIL.sub("", _BRACKETED.sub("", sentence[prev : m.start()]).rstrip(" ,"))
            tail = _LEFT_BOUNDARY.sub("", left, count=1)
            with_word = re.search(r"\b(with|without)$", left, re.IGNORECASE)
            if with_word and len(tail.split()) <= 3:  # "letrozole with (n = 47) or without (n = 43) zoledronic acid"
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
        words = raw.split()
        if len(words) > 6:
            raw = " ".join(words[-6:])
        label = _clean_label(raw, allow_letter=True) if raw else None
        if label and not _NOT_ARM_WORD.match(label) and not _SETTING_ONLY.match(label) and not _OUTCOME_LABEL.search(label):
            before = sentence[max(0, start - 12) : m.start()]
            grouped = bool(_GROUP_WORD.search(before + " " + raw)) and not _NOT_ARM.search(label)
            hits.append(Hit("arm", label, m.start(key) + offset, m.end(key) + offset, {"label": label, "n": int(value), "label_start": start + offset, "grouped": grouped}))
    if len(pending) == 2 and not hits:
        agent = _AFTER_WITH.match(sentence, prev)
        if agent and not _NOT_ARM_WORD.match(agent.group(1)):
            for word, m, key, value, start in pending:
                label = f"{word} {agent.group(1)}"
                hits.append(Hit("arm", label, m.start(key) + offset, m.end(key) + offset, {"label": label, "n": int(value), "label_start": start + offset, "grouped": False}))
    if len({h.payload["label"].lower() for h in hits}) < 2:
        return [h for h in hits if h.payload["grouped"]][:1]
    return hits

_ARM_HAD = re.compile(
    rf"\bthe\s+(?P<label>[\w+/\-· ]{{1,40}}?)\s+(?:arm|group|cohort)\s+(?:had|included|comprised|consisted\s+of|contained|enrolled)\s+(?P<num>{NUMW})\b(?!\s*%)",
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
    for m in _ARM_HAD.finditer(sentence) if " had " in sentence or "includ" in sentence or "compris" in sentence or "consist" in sentence else ():
        label, value = _clean_label(m.group("label"), allow_letter=True), parse_number(m.group("num"))
        if label and value is not None and value == int(value) and value > 0 and not _NOT_ARM.search(re.sub(r"-\d+-", "-", label)):
            hits.append(Hit("arm", label, m.start("num") + offset, m.end("num") + offset, {"label": label, "n": int(value), "label_start": m.start("label") + offset}))
    return hits


_HAS_N_EQUALS = re.compile(r"\b[nN]\s*=")
_HAS_ASSIGNED = re.compile(r"randomi|assign|allocat|\barm\b|\bgroup\b", re.I)
# case-sensitive twins of the case-blind cue patterns, run on lower-cased ASCII sentences (same
# matches, about twice as fast); non-ASCII sentences keep the case-blind pattern
_HAS_NUMBER_LOWER = re.compile(_HAS_NUMBER.pattern)
_ARM_CUE_LOWER = re.compile(_ARM_CUE.pattern)
_ANCHOR_CUE_LOWER = re.compile(_ANCHOR_CUE.pattern)
_HAS_ASSIGNED_LOWER = re.compile(_HAS_ASSIGNED.pattern)


def _has_cue(pattern: re.Pattern[str], twin: re.Pattern[str], sentence: str, lower: str) -> bool:
    """Whether the case-blind ``pattern`` occurs in ``sentence`` (``twin`` on ``lower`` when ASCII)."""
    if sentence.isascii():
        return twin.search(lower) is not None
    return pattern.search(sentence) is not None


def find_title_arms(title: str) -> list[Hit]:
    """Arms a title compares ("Nivolumab plus cabozantinib versus sunitinib for ..."), without sizes."""
    m = _TITLE_VERSUS.search(title)
    if not m or not re.search(r"versus|\bvs\b|compared", title, re.I):
        return []
    hits = []
    for key in ("a", "b"):
        raw = _LEADING_SETTING.sub("", m.group(key).strip())
        label = _clean_label(raw)
        if label:
            hits.append(Hit("arm", label, m.start(key), m.end(key), {"label": label, "n": None, "label_start": m.start(key), "title": True}))
    return hits if len(hits) == 2 else []


def find_arms(text: str, sentences: Sequence[tuple[int, int]], title_end: int = 0) -> list[Hit]:
    """Arms named with their sizes ("A (n = 120) or B (n = 118)", "120 were assigned to A") or without."""
    hits: list[Hit] = find_title_arms(text[:title_end]) if title_end else []
    for s, e in sentences:
        sentence = text[s:e]
        lower = sentence.lower()
        if not any(k in lower for k in _ARM_KEYS) or not _has_cue(_ARM_CUE, _ARM_CUE_LOWER, sentence, lower):
            continue
        found = False
        arm_n = []
        for m in _ARM_N.finditer(sentence) if ("=" in sentence or _PAREN_COUNT_ANY.search(sentence)) else ():
            key = "num" if m.group("num") else "num3" if m.group("num3") else "num2"
            label = _clean_label(m.group("label2") if key == "num2" else m.group("label"))
            value = parse_number(m.group(key))
            if label and value is not None and value == int(value):
                start = m.start("label2") if key == "num2" else m.start("label")
                arm_n.append(Hit("arm", label, m.start(key) + s, m.end(key) + s, {"label": label, "n": int(value), "label_start": start + s}))
        arm_n = [h for h in arm_n if not _SETTING_ONLY.match(h.payload["label"]) and not _OUTCOME_LABEL.search(h.payload["label"])]
        if not _has_cue(_ANCHOR_CUE, _ANCHOR_CUE_LOWER, sentence, lower):
            arm_n = []
        if len({h.payload["label"] for h in arm_n}) < 2 and ("=" in sentence or _PAREN_COUNT.search(sentence) or (_RANDOMISED_CUE.search(sentence) and _BARE_PAREN.search(sentence))):
            anchored = _anchored_arms(sentence, s)
            if anchored and len(anchored) >= len(arm_n):
                arm_n = anchored
        if len({h.payload["label"] for h in arm_n}) >= 2 or (arm_n and _HAS_N_EQUALS.search(sentence)):
            hits.extend(arm_n)
            found = True
        if found:
            continue
        had_hits = _had_arms(sentence, s) if ("respectively" in sentence or " had " in sentence or "includ" in lower or "compris" in lower or "consist" in lower) else []
        if had_hits:
            hits.extend(had_hits)
            continue
        paren_hits = _paren_arms(sentence, s) if "(" in sentence else []
        if paren_hits:
            hits.extend(paren_hits)
            continue
        per_group = _PER_GROUP.search(sentence) if ("each" in lower or "per " in lower) else None
        if per_group:
            num_key = "num" if per_group.group("num") else "num2"
            value = parse_number(per_group.group(num_key))
            if value is not None and value == int(value):
                hits.append(Hit("arm", "*", per_group.start(num_key) + s, per_group.end(num_key) + s, {"label": "*", "n": int(value), "label_start": per_group.start(num_key) + s}))
        to_hits = []
        for m in _ARM_TO.finditer(sentence):
            label = _clean_label(m.group("label"))
            value = parse_number(m.group("num"))
            if label and value is not None and value == int(value) and value > 0:
                to_hits.append(Hit("arm", label, m.start("num") + s, m.end("num") + s, {"label": label, "n": int(value), "label_start": m.start("label") + s}))
        if to_hits:
            last = to_hits[-1].end - s
            for m in _ARM_LIST_ITEM.finditer(sentence, last):
                label = _clean_label(m.group("label"))
                value = parse_number(m.group("num"))
                if label and value is not None and value == int(value) and all(h.payload["label"] != label for h in to_hits):
                    to_hits.append(Hit("arm", label, m.start("num") + s, m.end("num") + s, {"label": label, "n": int(value), "label_start": m.start("label") + s}))
        if len({h.payload["label"] for h in to_hits}) >= 2:
            hits.extend(to_hits)
            continue
        for m in _ARM_ASSIGNED.finditer(sentence) if _has_cue(_HAS_ASSIGNED, _HAS_ASSIGNED_LOWER, sentence, lower) else ():
            label = _clean_label(m.group("label") or m.group("label2"))
            num = m.group("num") or m.group("num2")
            value = parse_number(num)
            a, b = (m.start("num"), m.end("num")) if m.group("num") else (m.start("num2"), m.end("num2"))
            if label and value is not None and value == int(value):
                hits.append(Hit("arm", label, a + s, b + s, {"label": label, "n": int(value), "label_start": a + s}))
                found = True
        if found:
            continue
        generic = list(dict.fromkeys(_clean_label(g.group("label")) for g in _GENERIC_GROUP.finditer(sentence))) if ("group" in lower or "arm" in lower) else []
        generic = [g for g in generic if g and not _NOT_ARM.search(g)]
        if len(generic) >= 2:
            for g in _GENERIC_GROUP.finditer(sentence):
                label = _clean_label(g.group("label"))
                if label in generic:
                    hits.append(Hit("arm", label, g.start("label") + s, g.end("label") + s, {"label": label, "n": None, "label_start": g.start("label") + s}))
                    generic.remove(label)
            continue
        m = _RANDOMISED_TO.search(sentence) if _has_cue(_HAS_ASSIGNED, _HAS_ASSIGNED_LOWER, sentence, lower) else None
        if m:
            parts = [(x, m.start("a") + m.group("a").find(x)) for x in re.split(r",\s+(?:or\s+|and\s+)?", m.group("a")) if x.strip()]
            parts.append((m.group("b"), m.start("b")))
            for raw, start in parts[:4]:
                if not re.match(r"\s*\d", raw):  # "atezolizumab 1200 mg every 3 weeks" -> "atezolizumab"
                    raw = re.split(r"\s+(?:\d|every\b|for\b|at\b|daily\b|on\s+days?\b|once\b|twice\b|given\b|administered\b|\()", raw, maxsplit=1)[0]
                label = _clean_label(raw)
                if label:
                    hits.append(Hit("arm", label, start + s, start + len(raw) + s, {"label": label, "n": None, "label_start": start + s}))
    return hits


def select_arms(hits: Sequence[Hit], sentence_starts: Sequence[int]) -> list[tuple[str, int | None, Hit]]:
    """The study's arms as (label, n, hit where n or the label was read).

    The first sentence naming two or more arms with sizes wins; else the first naming two or
    more (a title "A versus B", "randomised to A or B"), sizes filled from other mentions.
    """
    import bisect

    groups: dict[int, list[Hit]] = {}
    for h in hits:
        j = max(0, bisect.bisect_right(list(sentence_starts), h.start) - 1)
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
        for _, group in ordered:
            labels = list(dict.fromkeys(h.payload["label"] for h in group))
            if len(labels) >= 2 and (not require_n or all(h.payload["n"] is not None for h in group)):
                arms = []
                for label in labels[:4]:
                    h = next(x for x in group if x.payload["label"] == label)
                    if h.payload["n"] is None:
                        sized = next((x for x in hits if x.payload["n"] is not None and _same_arm(x.payload["label"], label)), None)
                        if sized is not None:
                            h = sized
                    if h.payload["n"] is None and per_group is not None:
                        h = per_group
                    arms.append((label, h.payload["n"], h))
                return arms
    return []


def _looks_verbose(group: Sequence[Hit]) -> bool:
    """Whether sized arm labels look like fragments of dose descriptions rather than arm names."""
    return any(re.search(r"\b(?:mg|either|with|daily|weekly|every)\b", h.payload["label"], re.I) for h in group) or any(
        len(h.payload["label"].split()) == 1 and h.payload["label"].lower() in ("cisplatin", "carboplatin") for h in group
    )


def _same_arm(a: str, b: str) -> bool:
    a, b = a.lower(), b.lower()
    return a == b or f" {a} " in f" {b} " or f" {b} " in f" {a} "
