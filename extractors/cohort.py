"""Who was studied: cohort sizes (enrolled / analysed / evaluable kept apart), sex and age.

Plain-text finders returning :class:`~extractors.hits.Hit` objects; the spaCy
component in :mod:`extractors.components` writes them to ``doc.spans``.
"""

from __future__ import annotations

import re
from typing import Sequence

from extractors.cues import HAS_NUMBER, HAS_NUMBER_LOWER, has_cue
from extractors.hits import NUM, NUMW, Hit
from extractors.lexicon import Lexicon
from extractors.numbers import parse_number

__all__ = ["choose_cohort", "find_cohort"]

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
        if not has_cue(HAS_NUMBER, HAS_NUMBER_LOWER, sentence, lower):
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


def choose_cohort(hits: Sequence[Hit], arm_sizes: Sequence[int] = ()) -> dict[str, Hit]:
    """The hit behind each cohort field (``n``, ``n_enrolled``, ``n_analysed``, ``n_evaluable``,
    sex counts, age), chosen among the cohort hits; ``arm_sizes`` are the sizes of the study's arms."""
    picked: dict[str, Hit] = {}

    def put(name: str, hit: Hit) -> None:
        picked.setdefault(name, hit)

    sex_starts = {h.start for h in hits if h.label in ("n_male", "n_female")}
    counts = [h for h in hits if h.label == "count" and h.start not in sex_starts]  # "79 were men" is not the cohort
    for h in counts:
        role = h.payload["role"]
        if role in ("enrolled", "analysed", "evaluable"):
            put(f"n_{role}", h)
    chosen = (
        next((h for h in counts if h.payload["role"] == "enrolled" and h.payload["total"]), None)
        or next((h for h in counts if h.payload.get("explicit") and h.payload["role"] != "evaluable"), None)  # "A total of 118 patients"
        or next((h for h in counts if h.payload["role"] == "enrolled"), None)
        or next((h for h in counts if h.payload["total"] and not h.payload["title"] and h.payload["role"] != "evaluable"), None)
        or next((h for h in counts if h.payload["title"]), None)
        or next((h for h in counts if h.payload["role"] in ("other", "analysed")), None)
        or next(iter(counts), None)  # "Ninety patients (86 evaluable)": the only count stated
    )
    analysed = next((h for h in counts if h.payload["role"] == "analysed"), None)
    if chosen is not None and analysed is not None and chosen.payload["role"] == "enrolled" and analysed.payload["value"] < chosen.payload["value"]:
        chosen = analysed  # "of 436 randomised, 430 were included in the analysis": the analysed cohort
    if chosen is not None and len(arm_sizes) >= 2 and chosen.payload["value"] in arm_sizes:
        # "among the 745 patients assigned to TAC": one arm's size is not the cohort; the stated total of the arms is
        whole = sum(arm_sizes)
        total = next((h for h in counts if h.payload["value"] == whole), None) or next(
            (h for h in counts if h.payload["role"] == "enrolled" and whole <= h.payload["value"] <= 1.1 * whole), None)
        if total is not None:
            chosen = total
    if chosen is not None:
        put("n", chosen)
    for h in hits:
        if h.label in ("n_male", "n_female", "age_mean", "age_median"):
            put(h.label, h)
    return picked
