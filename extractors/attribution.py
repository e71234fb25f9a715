"""Which arm a value belongs to: the arms' mention patterns, where they occur in a sentence, and the
rules that give each value (or each hazard ratio's comparison) its arm."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Sequence

from extractors.arm_values import arms_respectively

__all__ = ["RESPECTIVELY", "ArmMention", "arm_spans_in", "arms_for", "arms_of_chunks", "comparison", "hr_arm_after", "mention_patterns", "one_arm_of", "phrase_comparison", "split_label"]

RESPECTIVELY = re.compile(r"\brespectively\b", re.I)


Form = tuple[tuple[str, ...], bool]
"""A way the text names an arm: lower-case words (spaces or hyphens between them) and whether the
last word is a stem ("hypofractionat" also matches "hypofractionated")."""


class ArmMention:
    """An arm as the text names it: its label and the word forms that mention it.

    ``pattern`` is the forms as one compiled regex, built only when asked for;
    :func:`arm_spans_in` matches the forms with plain string search.
    """

    __slots__ = ("label", "forms", "exact", "roles", "role_keys", "study_role_keys", "solo", "letter", "_pattern")

    def __init__(self, label: str, forms: Sequence[Form], roles: frozenset[str] = frozenset(), codes: Sequence[str] = ()) -> None:
        self.label = label
        self.forms = tuple(forms)
        # one- to three-letter forms matched only in the label's own case ("A", "AC"), or in the case of a code the text
        # defines for the arm ("trastuzumab (T)"): in lower case they are other words
        self.exact = {(word.lower(),): word for word in (label, *_BRACKETS.split(label), *codes) if len(word) <= 3 and not word.islower() and (word.lower(),) in {f[0] for f in self.forms}}
        self.roles = roles  # the role words that name this arm: "control", "experimental", "combination", "monotherapy"
        # substrings one of which a sentence must hold before the role words are looked for (words of a label are left out:
        # with a "placebo" arm, "placebo" names it already)
        words = {form[0][0] for form in self.forms if len(form[0]) == 1}  # the label's one-word forms ("placebo augmentation" is not one)
        self.role_keys = tuple(key for role in sorted(roles) for key in _ROLE_KEYS[role] if key not in words)
        self.study_role_keys = self.role_keys  # the role keys of every arm of the study (set by mention_patterns)
        # "tamoxifen alone": "tamoxifen plus OFS" names another arm, so a mention followed by "plus"/"with" is not this one
        self.solo = bool(_SOLO_LABEL.search(label))
        lettered = _LETTER_CODE.search(label)
        self.letter = lettered.group("letter") if lettered else None  # "docetaxel (group A)": "A" ("group A and B")
        self._pattern: re.Pattern[str] | None = None

    @property
    def pattern(self) -> re.Pattern[str]:
        """The forms and role words as one case-blind regex (with the optional trailing "arm"/"group" noun)."""
        if self._pattern is None:
            alternatives = []
            for words, stem in self.forms:
                if words in self.exact:
                    alternatives.append(f"(?-i:{re.escape(self.exact[words])})")
                else:
                    alternatives.append(r"[\s-]+".join(re.escape(w) for w in words) + (r"\w*" if stem else ""))
            alternatives.extend(_ROLE_PATTERNS[role] for role in sorted(self.roles))
            self._pattern = re.compile(rf"(?<![\w-])(?:{'|'.join(alternatives)})(?![\w]){_SUFFIX_RE}", re.IGNORECASE)
        return self._pattern


_BRACKETS = re.compile(r"[\s()]+")
#: an arm named with the code the text defines for it: "vinorelbine and eribulin (VE)", "sunitinib (arm A)"
_DEFINED = re.compile(r"^(?P<name>.+) \((?P<code>[^()]+)\)$")


def split_label(label: str) -> tuple[str, str | None]:
    """An arm label as (name, code): "sunitinib (arm A)" -> ("sunitinib", "arm A"); (label, None) without a code."""
    m = _DEFINED.match(label) if label.endswith(")") else None
    return (m.group("name"), m.group("code")) if m else (label, None)


_SUFFIX_RE = r"(?:[\s-]+(?:arm|group|cohort)s?\b)?"
_SUFFIX = re.compile(_SUFFIX_RE, re.IGNORECASE)
_WORD_SPLIT = re.compile(r"[\s-]+")
_GENERIC_WORDS = frozenset(
    "alone group arm therapy treatment chemotherapy radiotherapy surgery placebo control standard observation care "
    "concurrent adjuvant neoadjuvant preoperative postoperative induction maintenance plus with without".split()
)
#: generic words that, followed by "group" or "arm", name the one arm whose label they open or close (a label of generic
#: words only: "maintenance chemotherapy")
_GROUP_NAMING_WORDS = frozenset(
    "concurrent adjuvant neoadjuvant preoperative postoperative induction maintenance consolidation chemotherapy radiotherapy "
    "surgery observation standard".split()
)
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9]+$")  # "OFS", "ZA", "HD": a short word that tells an arm apart
_CONTROL_LABEL = re.compile(r"\b(?:placebo|observation|control|controls|comparison|comparator|standard|usual|conventional|routine|sham|no|without|alone|surveillance|wait-?list(?:ed)?|waiting\s+list|(?:best\s+)?supportive(?:\s+\w+)?\s+care|best\s+supportive)\b", re.I)
_SOLO_TAIL = re.compile(r"^(?P<head>[\w-]{4,}(?:\s+[\w-]+)?)\s+(?:alone|only|monotherapy|single[\s-]agent)$", re.I)
#: right before a drug that is part of a combination, not the single-agent arm: "gemcitabine plus paclitaxel", "the addition of X to"
_COMBINED_BEFORE = re.compile(r"(?:\+|/|\bplus|\badded\s+to|\baddition\s+of\s+[\w-]+(?:\s+[\w-]+)?\s+to|\bcombined\s+with|\bcombination\s+with)\s*$", re.I)
_SOLO_LABEL = re.compile(r"\b(?:alone|only|monotherapy|single[\s-]agent)\b", re.I)
_COMBINED_AFTER = re.compile(r"\s*(?:\+|/(?=\s*[A-Za-z])|plus\b|with\s+(?!a\b|an\b|the\b|\d)|combined\b|in\s+combination\b|followed\s+by\b)", re.I)
_COMBINATION_LABEL = re.compile(r"\b(?:plus|with|and|combined|combination)\b|[+/]", re.I)
_PEOPLE = r"(?:arms?|groups?|cohorts?|patients|recipients|subjects|women|participants|population)"
_ROLE_PATTERNS = {  # role words, matched on the lower-cased sentence
    "control": rf"control[\s-]+{_PEOPLE}|controls|comparator[\s-]+{_PEOPLE}|standard[\s-]+(?:arms?|groups?|cohorts?|treatment|therapy|regimen)|placebo|observation[\s-]+{_PEOPLE}"
    r"|(?:chemotherapy|chemo|radiotherapy|radiation|surgery|(?:endocrine|hormonal?|standard)\s+(?:therapy|treatment)|usual\s+care|observation)\s+alone",
    "experimental": r"(?:experimental|investigational|interventional|intervention)[\s-]+(?:arm|group|cohort)|(?:study|active|test)\s+(?:arm|group)",
    "combination": r"the\s+combination|combination[\s-]+(?:arms?|groups?|cohorts?|regimen|therapy|treatment)|(?:the\s+)?(?:doublet|triplet)",
    "monotherapy": r"monotherapy|single[\s-]+agent",
}
_ROLE_KEYS = {  # cheap substring tests, together wider than each role's pattern
    "control": ("control", "comparator", "standard", "placebo", "observation", "alone"),
    "experimental": ("experimental", "investigational", "intervention", "study arm", "study group", "active arm", "active group", "test arm", "test group"),
    "combination": ("combination", "doublet", "triplet"),
    "monotherapy": ("monotherapy", "single"),
}
_ROLE_RE = re.compile(r"(?<![\w-])(?:" + "|".join(f"(?P<{role}>{pattern})" for role, pattern in _ROLE_PATTERNS.items()) + r")(?![\w])")
_QUANTIFIED = re.compile(r"\b(?:each|both|either|all|two|three|per|any|neither)\s+$")
#: "disease control rate", "local control", "pain control": the word "control" naming an outcome, not the control arm
_CONTROL_OUTCOME_BEFORE = re.compile(
    r"(?:disease|local|locoregional|loco-regional|regional|pelvic|tumou?r|pain|symptom|symptoms|glyc(?:a)?emic|infection|quality|"
    r"nausea|emesis|vomiting|seizure|blood\s+pressure|weight|biochemical|intracranial|distant|systemic|birth)[\s-]+$"
)
_CONTROL_OUTCOME_AFTER = re.compile(r"[\s-]+(?:rates?|probabilit(?:y|ies)|of\s+(?:the\s+)?(?:disease|pain|symptoms?|nausea|emesis|tumou?r))\b")

_QUANTIFIED_ANY_CASE = re.compile(_QUANTIFIED.pattern, re.I)
_DOSE_START = re.compile(r"\s+(?:\d|at\s+\d|every\b|weekly\b|daily\b|q\d)", re.I)


@lru_cache(maxsize=8192)
def _words(phrase: str) -> tuple[str, ...]:
    """The lower-cased words of a phrase (spaces and hyphens between them); the same labels and long forms recur."""
    return tuple(w for w in _WORD_SPLIT.split(phrase.lower()) if w)


def mention_patterns(labels: Sequence[str], text: str = "") -> list[ArmMention]:
    """One mention per arm label: the label itself, a distinctive first or last word (or short
    capitalised word: "OFS"), the name before a dose ("docetaxel 75 mg/m2" is "docetaxel"),
    the abbreviation ``text`` defines for it ("zoledronic acid (ZA)", both ways) and, when one
    arm is the control, role words ("the control group", "placebo recipients", "the experimental
    arm", "the combination arm" or "monotherapy" where only one arm combines agents)."""
    if not labels:
        return []
    cached = _label_mentions(tuple(labels))
    abbreviations = _abbreviations(text) if text and "(" in text else []
    parts = [split_label(label) for label in labels]
    if text and any(len(arm.forms[0][0]) >= 2 for arm in cached):
        # an arm whose label carries its code ("vinorelbine and eribulin (VE)") needs no acronym guessed for it
        abbreviations += _implicit_acronyms([name for name, code in parts if code is None], text)
    if text and " or without " in text:
        abbreviations += _added_agents(labels, text)
    if not abbreviations:
        return list(cached)
    mentions = []
    for arm, (name, code) in zip(cached, parts):
        if code is not None:
            mentions.append(arm)
            continue
        extra: list[Form] = []
        codes: list[str] = []
        others = [other_name for other, (other_name, _) in zip(labels, parts) if other != arm.label]
        for long_form, short in abbreviations:
            if _words(name) == _words(long_form) and not any(short.lower() in _words(other) for other in others):
                extra.append(((short.lower(),), False))  # "zoledronic acid (ZA)": "ZA" names the arm
                codes.append(short)
            elif name.lower() == short.lower() and _words(long_form) and not any(_words(long_form) == _words(other) for other in others):
                extra.append((_words(long_form), False))  # label "ZA": "zoledronic acid" names it
        extra = [f for f in extra if f[0] and f not in arm.forms]
        mentions.append(ArmMention(arm.label, list(dict.fromkeys(arm.forms + tuple(extra))), arm.roles, codes) if extra else arm)
    if any(arm is not cached_arm for arm, cached_arm in zip(mentions, cached)):
        _share_role_keys(mentions)
    return mentions


#: "A with or without B ... (CODE)": the arm the code names is the one B is added to, so "B" names it ("more frequent
#: with lenalidomide")
_WITH_OR_WITHOUT = re.compile(
    r"\bwith\s+or\s+without\s+(?:(?:oral|intravenous|subcutaneous|concurrent|adjuvant|maintenance|low-dose|high-dose)\s+)?"
    r"(?P<agent>[A-Za-z][\w-]{3,})[^()]{0,80}?\(\s*(?P<code>[^()]{1,20}?)\s*\)"
)


def _added_agents(labels: Sequence[str], text: str) -> list[tuple[str, str]]:
    """(agent, code) pairs for :func:`mention_patterns`: the agent a "with or without" names, as the long form of the arm
    code the text defines after it, when no other arm's label holds the agent."""
    out = []
    for m in _WITH_OR_WITHOUT.finditer(text):
        agent, code = m.group("agent"), m.group("code")
        if agent.lower() in _GENERIC_WORDS or code not in labels:
            continue
        if any(agent.lower() in label.lower() for label in labels):
            continue
        out.append((agent, code))
    return out


@lru_cache(maxsize=4096)
def _label_mentions(labels: tuple[str, ...]) -> tuple[ArmMention, ...]:
    """The mentions the labels alone give (forms and role words); the same arms recur across abstracts."""
    full_labels = labels
    parts = [split_label(label) for label in labels]
    labels = tuple(name for name, _ in parts)
    firsts = [label.split()[0].lower() for label in labels]
    lasts = [label.split()[-1].lower() for label in labels]
    roles = _role_forms(labels)
    out = []
    for index, (label, first, last) in enumerate(zip(labels, firsts, lasts)):
        forms: list[Form] = [(_words(label), False)]
        code = parts[index][1]
        if code is not None:  # "sunitinib (arm A)": "arm A" names it, and so does "sunitinib" (unless another arm has that name)
            forms.append((_words(code), False))
            if any(_words(label) == _words(other) for other in labels[:index] + labels[index + 1 :]):
                forms.pop(0)
        if " " not in label and len(label) >= 9 and label.lower().endswith(("ed", "ion", "al")):
            forms.append((_words(label[: -3 if label.lower().endswith("ion") else -2]), True))  # "hypofractionated" ~ "hypofractionation"
        others = [other.lower() for other in labels if other != label]
        if " " in label and len(first) >= 5 and firsts.count(first) == 1 and not any(first in other for other in others) and first not in _GENERIC_WORDS:
            forms.append((_words(first), False))
        if " " in label and len(last) >= 4 and lasts.count(last) == 1 and not any(last in other for other in others) and last not in _GENERIC_WORDS:
            forms.append((_words(last), False))  # "concurrent cisplatin" is also "cisplatin"
        for word in dict.fromkeys((first, last)) if " " in label and all(w in _GENERIC_WORDS for w in _words(label)) else ():
            if word in _GROUP_NAMING_WORDS and not any(word in _words(other) for other in others):
                forms.extend(((word, noun), False) for noun in ("group", "arm"))  # "maintenance chemotherapy" is "the maintenance group"
        for word in label.split()[1:]:  # "tamoxifen plus OFS" is also "OFS"
            if _ACRONYM.match(word) and not any(word.lower() in _words(other) for other in others):
                forms.append(((word.lower(),), False))
        if first == "modified" and " " in label:  # "modified FOLFIRINOX" is also "mFOLFIRINOX", "modified FOLFOX6" "mFOLFOX6"
            rest = label.split(None, 1)[1]
            forms.append((_words("m" + rest), False))
        head = _DOSE_START.split(label, maxsplit=1)[0]
        if head != label and len(head) >= 4 and not any(_words(head) == _words(other)[: len(_words(head))] for other in others):
            forms.append((_words(head), False))  # "docetaxel 75 mg/m2" is "docetaxel"
        solo = _SOLO_TAIL.match(label)
        if solo and not any(_words(solo.group("head")) == _words(other) for other in others):
            forms.append((_words(solo.group("head")), False))  # "paclitaxel monotherapy" is "paclitaxel" (not where it is combined)
        forms.extend((words, False) for words in _radiation_variants(_words(label)) if all(words != _words(other) for other in others))
        forms.extend(_negated_pair_forms(label, labels))
        out.append(ArmMention(full_labels[index], [f for f in dict.fromkeys(forms) if f[0]], frozenset(roles[index])))
    _share_role_keys(out)
    return tuple(out)


_NEGATION = frozenset({"no", "without"})


def _negated_pair_forms(label: str, labels: Sequence[str]) -> list[Form]:
    """"boost dose" (or, in a two-arm trial, any label) beside "no boost dose": the head word names the one arm and
    "no"/"without" + head the other ("10.2% versus 6.2% for the no boost and the boost group"; the longer "no boost" wins
    where both match)."""
    words = _words(label)
    if words[:1] and words[0] in _NEGATION:
        head = words[1] if len(words) >= 2 else ""
        if len(head) >= 4 and head not in _GENERIC_WORDS and (len(labels) == 2 or any(_words(other)[:1] == (head,) for other in labels if other != label)):
            return [(("no", head), False), (("without", head), False)]
        return []
    for other in labels:
        other_words = _words(other)
        if other != label and len(other_words) >= 2 and other_words[0] in _NEGATION:
            head = other_words[1]
            if len(head) >= 4 and head not in _GENERIC_WORDS and (words[0] == head or len(labels) == 2):
                return [((head,), False)]  # in a two-arm trial "the boost group" beside "no boost dose" is the other arm
    return []


#: the ways authors name radiotherapy in one abstract ("tamoxifen plus radiation therapy" is "tamoxifen plus irradiation")
_RADIATION = (("radiation", "therapy"), ("radiotherapy",), ("irradiation",), ("radiation",))


def _radiation_variants(words: tuple[str, ...]) -> list[tuple[str, ...]]:
    """The label's words with its radiotherapy word(s) replaced by each other way of writing them (none without one)."""
    if not any(w.startswith(("radi", "irradi")) for w in words):
        return []
    for variant in _RADIATION:
        k = len(variant)
        at = next((i for i in range(len(words) - k + 1) if words[i : i + k] == variant), None)
        if at is not None:
            return [words[:at] + other + words[at + k :] for other in _RADIATION if other != variant and len(words) > k]
    return []


def _share_role_keys(mentions: Sequence[ArmMention]) -> None:
    """Give every arm the role keys of all (one substring test per sentence decides whether to look for role words)."""
    keys = tuple(dict.fromkeys(key for arm in mentions for key in arm.role_keys))
    for arm in mentions:
        arm.study_role_keys = keys


def _role_forms(labels: Sequence[str]) -> list[set[str]]:
    """Role words per arm: control words for the one control arm, experimental words for the other
    arm of a two-arm study, "combination"/"monotherapy" where one arm alone combines agents."""
    out: list[set[str]] = [set() for _ in labels]
    control = [i for i, label in enumerate(labels) if _CONTROL_LABEL.search(label)]
    combined = [i for i, label in enumerate(labels) if _COMBINATION_LABEL.search(label)]
    if len(control) == 1:
        out[control[0]].add("control")
        if len(labels) == 2:
            out[1 - control[0]].add("experimental")
            if not combined or combined == [1 - control[0]]:
                combined = [1 - control[0]]
    if len(combined) == 1 and not any("combination" in _words(label) for label in labels):
        out[combined[0]].add("combination")
        if len(labels) == 2:
            out[1 - combined[0]].add("monotherapy")
    return out


#: a run of two to six capitals and digits; :func:`_capital_words` keeps those that are whole words (a look-behind in the
#: pattern made the scan of every abstract twice as slow)
_CAPITALS = re.compile(r"[A-Z][A-Z0-9]{1,5}")


def _capital_words(text: str) -> list[str]:
    """The words of two to six capitals or digits, the first a capital ("SABR", "T2"), not inside a longer word or a
    hyphenated one."""
    out = []
    n = len(text)
    for m in _CAPITALS.finditer(text):
        a, b = m.span()
        if a and (text[a - 1].isalnum() or text[a - 1] in "_-") or b < n and (text[b].isalnum() or text[b] in "_-"):
            continue
        out.append(m.group())
    return out


def _implicit_acronyms(labels: Sequence[str], text: str) -> list[tuple[str, str]]:
    """(label, acronym) for capitalised words the text uses for a label of two or more words without
    defining them: "SABR" for "stereotactic ablative radiotherapy" (its first letter, every word's
    initial in order, and all its letters in order in the label)."""
    out = []
    long_labels = [label for label in labels if len(_words(label)) >= 2]
    if not long_labels:
        return out
    for short in dict.fromkeys(_capital_words(text)):
        letters = short.lower()
        owners = [label for label in long_labels if _acronym_of(letters, label.lower())]
        if len(owners) == 1:
            out.append((owners[0], short))
    return out


def _acronym_of(letters: str, label: str) -> bool:
    initials = "".join(w[0] for w in _words(label))
    if not letters.isalpha() or letters[0] != label[0] or len(letters) < len(initials):
        return False
    pos = 0
    for c in initials:  # every word's initial, in order
        pos = letters.find(c, pos)
        if pos < 0:
            return False
        pos += 1
    pos = 0
    for c in letters:  # every letter, in order in the label
        pos = label.find(c, pos)
        if pos < 0:
            return False
        pos += 1
    return True


_ABBREVIATION = re.compile(r"\(\s*(?P<short>[A-Za-z][\w+/-]{0,9}?)\s*[);,]")


def _abbreviations(text: str) -> list[tuple[str, str]]:
    """(long form, abbreviation) pairs the text defines: "zoledronic acid (ZA)", "trastuzumab emtansine (T-DM1)".

    The long form is the fewest words before the bracket whose first word starts with the
    abbreviation's first letter and which hold all its letters in order.
    """
    out = []
    for m in _ABBREVIATION.finditer(text):
        short = m.group("short")
        letters = [c.lower() for c in short if c.isalpha()]
        if (len(letters) < 2 or sum(c.isupper() for c in short) < 2) and not (len(short) == 1 and short.isupper()):
            continue  # "zoledronic acid (ZA)", or one capital letter: "trastuzumab (T; n = 34)"
        words = text[max(0, m.start() - 80) : m.start()].split()
        for n in range(1, min(len(words), len(letters) + 2) + 1):
            candidate = words[-n:]
            if not candidate[0][:1].lower() == letters[0]:
                continue
            joined = " ".join(candidate).lower()
            pos = 0
            for c in letters:
                pos = joined.find(c, pos)
                if pos < 0:
                    break
                pos += 1
            if pos > 0:
                out.append((" ".join(candidate).strip(",;:"), short))
                break
    return out


def _is_word_char(c: str) -> bool:
    return c.isalnum() or c == "_"


def _first_and_longest(span: tuple[int, int, str]) -> tuple[int, int]:
    return span[0], -span[1]


def _form_end(lower: str, pos: int, words: tuple[str, ...], stem: bool) -> int:
    """Where a form that starts at ``pos`` ends in ``lower``, or -1 when it does not match there."""
    n = len(lower)
    j = pos + len(words[0])
    if len(words) == 1 and not stem:  # the common case: one word
        if j < n:
            c = lower[j]
            if c == "s" and len(words[0]) >= 4 and words[0].isalpha() and words[0][-1] != "s":
                j += 1  # "every 3 weeks" names "every-3-week"
                c = lower[j] if j < n else " "
            if c.isalnum() or c == "_":
                return -1
        return j
    for word in words[1:]:
        k = j
        while k < n and (lower[k] == "-" or lower[k].isspace()):
            k += 1
        if k == j or not lower.startswith(word, k):
            return -1
        j = k + len(word)
    if stem:
        while j < n and _is_word_char(lower[j]):
            j += 1
    elif j < n and lower[j] == "s" and len(words[-1]) >= 4 and words[-1].isalpha() and not words[-1].endswith("s"):
        j += 1  # "every 3 weeks" names "every-3-week"
    if j < n and _is_word_char(lower[j]):
        return -1
    return j


_ARM_AFTER = re.compile(
    r"\s*\)?\s*(?:\([^()]{0,60}\)\s*)?,?\s*(?:months?\s+|mo\s+|years?\s+)?(?:of\s+\d+\s+)?(?:(?:in|for|with|among|on|of|from|to|after|following|under|versus|vs\.?)\s+)?(?:the\s+|those\s+|all\s+)?(?:\d+\s+)?"
    r"(?:(?:patients|women|men|participants|subjects)\s+)?(?:(?:receiving|treated\s+with|given|in|on|taking|undergoing|(?:who\s+were\s+)?(?:assigned|allocated|randomi[sz]ed)(?:\s+to(?:\s+receive)?)?|who\s+(?:had\s+)?received|who\s+underwent|who\s+were\s+(?:given|treated\s+with)|who\s+(?:started|began)(?:\s+(?:with|on))?)\s+(?:the\s+)?)?(?:(?:arm|group|cohort)\s+)?(?:\(\s*)?$",
    re.I,
)


_JOINED = re.compile(r"\s*(?:\+|plus|with|combined\s+with|in\s+combination\s+with)\s*", re.I)
_COMPARING = re.compile(r"\b(?:compar\w*|versus|vs\.?)\s+(?:the\s+)?$", re.I)  # "comparing A with B": two arms
_BRACKET_GAP = re.compile(r"\s*[(\[]\s*")
_LINKED_ARM = re.compile(r"\b(?:with|in|among|on|for|receiving|after|following)\s+(?:the\s+)?$", re.I)
_BETWEEN_ARMS = re.compile(r"\b(?:vs\.?|versus|v|compared|and|or)\b|,", re.I)
_REFERENCE_BEFORE = re.compile(
    r"\b(?:compared\s+(?:with|to)|in\s+comparison\s+(?:with|to)|versus|vs\.?|relative\s+to|than(?:\s+(?:with|in|for|on))?)\s+(?:the\s+|those\s+|patients\s+|women\s+)?(?:(?:receiving|given|on|in|treated\s+with)\s+)?$",
    re.I,
)


_HIGHER = re.compile(r"\b(?:higher|longer|greater|better|improved|improves?|more|superior|increased|increases?|prolonged|prolongs?|extended)\b", re.I)
_LOWER = re.compile(r"\b(?:lower|shorter|worse|fewer|less|reduced|reduces?|inferior|decreased|decreases?)\b", re.I)


def _one_arm_list(sentence: str, group: list[dict], arm_spans: list[tuple[int, int, str]]) -> bool:
    """ "the A group's clinical and pathological rates were 28.6% and 26.5% respectively": one arm, named
    in the same clause just before the values, and "respectively" pairing them with something else."""
    if len({label for _, _, label in arm_spans}) != 1 or not RESPECTIVELY.search(sentence):
        return False
    last = arm_spans[-1][1]
    if len(group) == 2 and _VERSUS_BETWEEN.fullmatch(sentence, group[0]["end"], group[1]["start"]):
        return False  # "more in the A group (39.6% [95% CI ...] vs 30.7%) ... respectively": a comparison, not one arm's list
    return last <= group[0]["start"] and not _CLAUSE_MARK.search(sentence, last, group[0]["start"])


_VERSUS_BETWEEN = re.compile(r"\s*(?:[(\[][^()\[\]]*[)\]]\s*)?,?\s*(?:vs\.?|versus|v\.?)\s*", re.I)


def arms_of_chunks(sentence: str, chunks: list[list[dict]], arm_spans: list[tuple[int, int, str]]) -> list[str] | None:
    """The arm of each run of values when every run is followed by its own arm ("90% and 71% in arm A and 85% and
    64% in arm B"): the arm named right after the run's last value, before the next run; None unless each run has one
    and they differ."""
    labels: list[str] = []
    for c, chunk in enumerate(chunks):
        end = chunk[-1]["end"]
        stop = chunks[c + 1][0]["start"] if c + 1 < len(chunks) else len(sentence)
        label = next((lab for a, b, lab in arm_spans if end <= a < stop and a - end <= 60 and _ARM_AFTER.match(sentence, end, a)), None)
        if label is None or label in labels:
            return None
        labels.append(label)
    return labels


def one_arm_of(sentence: str, group: list[dict], arm_spans: list[tuple[int, int, str]]) -> str | None:
    """The one arm a list of values (of different measures) belongs to: the only arm the sentence names, in the clause
    before the values ("the clinical and pathological CR rates of arm A were 29% and 17%") or linked right after
    them ("were 29% and 17% in arm A"); None when the sentence names another arm or the link is unclear."""
    if not arm_spans or len({label for _, _, label in arm_spans}) != 1:
        return None
    first, last = group[0]["start"], group[-1]["end"]
    a, b, label = arm_spans[0]
    if b <= first:
        return label if ";" not in sentence[b:first] and not _REFERENCE_BEFORE.search(sentence, max(0, a - 30), a) else None
    if a >= last and a - last <= 60 and _ARM_AFTER.match(sentence, last, a):
        return label
    between = sentence[last:a]
    if a >= last and a - last <= 60 and RESPECTIVELY.search(between) and _ARM_AFTER.match(RESPECTIVELY.sub("", between).replace(",", " ")):
        return label  # "were 29% and 17%, respectively, in arm A"
    return None


_CLAUSE_BREAK = re.compile(r";|,\s*(?:although|though|whereas|while|but|however)\b|\b(?:whereas|although)\b", re.I)


def _subject_after(sentence: str, group: list[dict], arm_spans: list[tuple[int, int, str]], arms: Sequence[ArmMention]) -> list[str | None] | None:
    """The arms of two compared values when the sentence names one arm only, after them in the same clause, as the
    one the comparison is about ("a higher incidence of rash (24% v 3%) was observed with the combination"); None
    when it cannot tell (no single comparative word, another clause, a reference arm: "than with B")."""
    named = {label for _, _, label in arm_spans}
    if len(named) != 1 or arm_spans[0][0] < group[-1]["end"]:
        return None
    a = arm_spans[0][0]
    end = group[-1]["end"]
    close = sentence.find(")", end, a)  # "(44% vs. 29%; P = .02) in the A arm": a break inside the values' bracket is an aside
    if close >= 0 and sentence.find("(", end, close) < 0:
        end = close
    if _CLAUSE_BREAK.search(sentence, end, a) or _REFERENCE_BEFORE.search(sentence, max(0, a - 30), a):
        return None
    breaks = list(_CLAUSE_BREAK.finditer(sentence, 0, group[0]["start"]))
    clause = sentence[breaks[-1].end() if breaks else 0 : a]
    subject = arm_spans[0][2]
    reference = next(arm.label for arm in arms if arm.label != subject)
    return _by_direction(clause, group, subject, reference)


def _by_direction(sentence: str, group: list[dict], subject: str, reference: str) -> list[str | None] | None:
    """The arms of two values when the sentence compares ``subject`` with ``reference`` by one comparative
    word ("A achieved a higher pCR than B (41% vs 69%)": A's is the higher value); None when it cannot tell."""
    values = [v.get("value") for v in group]
    if len(values) != 2 or None in values or values[0] == values[1]:
        return None
    higher, lower = bool(_HIGHER.search(sentence)), bool(_LOWER.search(sentence))
    if higher == lower:
        return None
    subject_first = (values[0] > values[1]) == higher
    return [subject, reference] if subject_first else [reference, subject]


def arm_spans_in(sentence: str, arms: Sequence[ArmMention], lower: str | None = None) -> list[tuple[int, int, str]]:
    """Where the arms are named in a sentence, as (start, end, label), overlaps resolved to the first and longest
    (``lower``: the sentence lower-cased, when the caller has it)."""
    if lower is None:
        lower = sentence.lower()
    out = []
    if len(lower) != len(sentence):  # a character whose lower case is longer: offsets would drift
        for arm in arms:
            for m in arm.pattern.finditer(sentence):
                if not (arm.roles and _QUANTIFIED_ANY_CASE.search(sentence, max(0, m.start() - 12), m.start()) and _ROLE_RE.match(m.group().lower())):
                    out.append((m.start(), m.end(), arm.label))
    else:
        n = len(sentence)
        for arm in arms:
            for words, stem in arm.forms:
                first = words[0]
                pos = lower.find(first)
                while pos >= 0:
                    if pos and (lower[pos - 1].isalnum() or lower[pos - 1] in "_-"):
                        pos = lower.find(first, pos + 1)
                        continue
                    end = _form_end(lower, pos, words, stem)
                    if end >= 0 and arm.exact and words in arm.exact and (
                        sentence[pos : pos + len(first)] != arm.exact[words]
                        or (len(first) == 1 and (not sentence[:pos].strip() or sentence[end : end + 1] in ("-", "/", "'", "’")))
                    ):
                        end = -1  # "A" names arm A, the article "a" (or "A" opening a sentence) does not
                    if end >= 0 and arm.solo and not _SOLO_LABEL.search(sentence, pos, end) and (
                        _COMBINED_AFTER.match(sentence, end) or pos and _COMBINED_BEFORE.search(sentence, max(0, pos - 40), pos)
                    ):
                        end = -1  # "tamoxifen plus OFS", "OFS plus tamoxifen" are not the "tamoxifen alone" arm
                    if end >= 0 and first == "control" and _control_outcome(lower, pos, end):
                        end = -1  # "disease control rate", "local control": an outcome, not the control arm
                    if end >= 0:
                        suffix = _SUFFIX.match(sentence, end) if end < n and (sentence[end] == " " or sentence[end] == "-" or sentence[end].isspace()) else None
                        out.append((pos, suffix.end() if suffix else end, arm.label))
                    pos = lower.find(first, pos + 1)
        roles = None
        for key in arms[0].study_role_keys:  # a plain loop: cheaper than any() over a generator, and most sentences hold none
            if key in lower:
                roles = {role: arm.label for arm in arms for role in arm.roles}
                break
        if roles:
            for m in _ROLE_RE.finditer(lower):
                label = roles.get(m.lastgroup or "")
                if label is None or _QUANTIFIED.search(lower, max(0, m.start() - 12), m.start()):
                    continue  # "both control groups", "each study arm": not one arm
                end = m.end()
                suffix = _SUFFIX.match(sentence, end) if end < n and (sentence[end].isspace() or sentence[end] == "-") else None
                out.append((m.start(), suffix.end() if suffix else end, label))
    if len(out) >= 2:
        out = _without_overlaps(sentence, out)
    if (out or "rms " in sentence or "roups " in sentence or "ohorts " in sentence) and arms[0].letter is not None and (" and " in sentence or " or " in sentence or " vs" in sentence or " versus " in sentence):
        return _with_elliptic_letters(sentence, out, arms)
    return out


def _control_outcome(lower: str, start: int, end: int) -> bool:
    """Whether "control" at ``start:end`` of the lower-cased sentence names an outcome ("disease control rate",
    "local control", "pain control") rather than the control arm."""
    return _CONTROL_OUTCOME_BEFORE.search(lower, max(0, start - 20), start) is not None or _CONTROL_OUTCOME_AFTER.match(lower, end) is not None


def _without_overlaps(sentence: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Arm mentions in order, the first (and longest) of overlapping ones kept, and the first of two joined into a
    combination dropped."""
    spans.sort(key=_first_and_longest)
    kept: list[tuple[int, int, str]] = []
    for a, b, label in spans:
        if kept and a < kept[-1][1]:
            continue
        kept.append((a, b, label))
    # "letrozole plus zoledronic acid" with arms "letrozole" and "zoledronic acid": the combination is the add-on's arm
    joined = [
        i for i in range(len(kept) - 1)
        if kept[i + 1][0] - kept[i][1] <= 24 and kept[i + 1][2] != kept[i][2] and _JOINED.fullmatch(sentence, kept[i][1], kept[i + 1][0])
        and not _COMPARING.search(sentence, max(0, kept[i][0] - 25), kept[i][0])
    ]
    return [span for i, span in enumerate(kept) if i not in joined] if joined else kept


_LETTER_CODE = re.compile(r"(?:^|\()(?P<head>groups?|arms?|cohorts?)\s+(?P<letter>[A-Z])\)?$", re.I)
_ELLIPTIC_LETTER = re.compile(r"\s+(?:and|or|vs\.?|versus)\s+(?P<letter>[A-Z])\b(?![\w-])")
#: "arms A (8.0 months) and B (5.8 months)", "Arms A, B, and C": the plural head names each letter of the list after it
_PLURAL_LETTER = re.compile(r"(?<![\w-])(?i:arms|groups|cohorts)\s+(?P<letter>[A-Z])\b(?![\w-])")
_OWN_BRACKET = re.compile(r"\s*[(\[]")
#: the next letter of such a list, past the value bracket of the one before: ", B", " and C", " (16 %) or C"
_LISTED_LETTER = re.compile(
    r"(?:\s*[(\[][^()\[\]]{0,60}[)\]])?(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or|vs\.?|versus)\s+)(?P<letter>[A-Z])(?![\w-])"
    r"(?=\s*[(\[,;:)]|\s*$|\.|\s+(?:and|or|respectively)\b)"
)


def _with_elliptic_letters(sentence: str, spans: list[tuple[int, int, str]], arms: Sequence[ArmMention]) -> list[tuple[int, int, str]]:
    """ "group A and B": the bare letter after a lettered arm names the arm with that letter; "arms A (x) and B (y)",
    "Arms A, B, and C": each letter after a plural head names its arm."""
    letters = {arm.letter: arm.label for arm in arms if arm.letter is not None}
    if len(letters) < 2:
        return spans
    out = list(spans)
    for a, b, label in spans:
        m = _ELLIPTIC_LETTER.match(sentence, b)
        if m and label in letters.values() and letters.get(m.group("letter"), label) != label:
            out.append((m.start("letter"), m.end("letter"), letters[m.group("letter")]))
    if "s " in sentence:
        for m in _PLURAL_LETTER.finditer(sentence):
            if m.group("letter") not in letters or any(a <= m.start("letter") < b for a, b, _ in out):
                continue
            listed = [(m.start(), m.end(), letters[m.group("letter")])]
            end = m.end()
            while (n := _LISTED_LETTER.match(sentence, end)) and n.group("letter") in letters:
                listed.append((n.start("letter"), n.end("letter"), letters[n.group("letter")]))
                end = n.end("letter")
            if len(listed) >= 2 or _OWN_BRACKET.match(sentence, m.end()):  # not "groups A and B had": both together
                out.extend(span for span in listed if not any(a <= span[0] < b for a, b, _ in out))
    return sorted(out, key=_first_and_longest) if len(out) > len(spans) else spans


def arms_for(sentence: str, group: list[dict], arm_spans: list[tuple[int, int, str]], arms: Sequence[ArmMention]) -> list[str | None]:
    """The arm of each value in a list of values (``start``/``end`` dicts), ``None`` where it cannot be told."""
    k = len(group)
    if k == 2 and ("both" in sentence or "between" in sentence) and _subgroups_compared(sentence, group, arm_spans):
        return [None, None]  # "high rates in both ER-positive and ER-negative tumours (40% vs 22%)": subgroups, not arms
    labels: list[str | None] = [None] * k
    if k >= 2 and arm_spans and ("espectively" in sentence or "resp." in sentence):
        listed = arms_respectively(sentence, [(v["start"], v["end"]) for v in group], arm_spans)
        if listed is not None:
            return list(listed)  # "31% (95% CI 25-38) and 22% (95% CI 16-28) in the A and B groups, respectively"
    if k == 2 and arm_spans and "/" in sentence:
        paired = _slash_pair(sentence, group, arm_spans, arms)
        if paired is not None:
            return paired
    if k == 2 and len(arms) == 2 and _FROM_TO.fullmatch(sentence, group[0]["end"], group[1]["start"]) and _FROM_BEFORE.search(sentence, max(0, group[0]["start"] - 8), group[0]["start"]):
        named = {label for a, b, label in arm_spans if b <= group[0]["start"]}
        if len(named) == 1:  # "A improved the ORR from 26% to 35%": the first value is the other arm's
            subject = named.pop()
            return [next(arm.label for arm in arms if arm.label != subject), subject]
    if k == 2 and len(arms) == 2 and _TO_FROM.fullmatch(sentence, group[0]["end"], group[1]["start"]) and _TO_BEFORE.search(sentence, max(0, group[0]["start"] - 6), group[0]["start"]):
        named = {label for a, b, label in arm_spans if b <= group[0]["start"]}
        if len(named) == 1:  # "A raised the ORR to 35% from 26%": the first value is A's, the second the other arm's
            subject = named.pop()
            return [subject, next(arm.label for arm in arms if arm.label != subject)]
    if k >= 2 and len(arm_spans) >= k:
        tight = [_label_right_before(sentence, v["start"], arm_spans) for v in group]
        if None not in tight and len(set(tight)) == k:
            return tight  # "NCT 83.7% vs NET 52.9%", "A, 38%; B, 24%": each value right after its arm
    if not arm_spans:
        if k >= 2 and len(arms) == k and all(
            _BETWEEN_ARMS.search(sentence, a["end"], b["start"]) for a, b in zip(group, group[1:])
        ):
            return [a.label for a in arms]  # "(30.2% v 18.4%)": in the order the arms were named
        return labels
    if k >= 2:  # "61.2% and 48.0% in the A and B groups, respectively"
        after = []
        for a, b, label in arm_spans:
            if a >= group[-1]["end"] and label not in after and not _BREAK_OR_PERCENT.search(sentence, group[-1]["end"], a):
                after.append(label)
        if len(after) == k and (RESPECTIVELY.search(sentence) or not any(a < group[-1]["end"] for a, _, _ in arm_spans)):
            return after
    claimed: set[int] = set()  # arm mentions already read as naming the value before them
    for i, v in enumerate(group):
        nxt = group[i + 1]["start"] if i + 1 < k else len(sentence)
        for a, b, label in arm_spans:
            if v["end"] <= a < nxt and a - v["end"] <= 170 and _ARM_AFTER.match(sentence, v["end"], a):
                if i + 1 < k and _BRACKET_OPENED_AFTER.fullmatch(sentence, b, nxt):
                    continue  # "in the B group (491/839, 58.5%), women given A (339/649, 52.2%)": A opens the next value's bracket
                if i and _shared_bracket(sentence, group[i - 1], v, a):
                    break  # "(44% v 29%) among women given A": the arm after the bracket is not the last value's alone
                labels[i] = label
                claimed.add(a)
                break
    if all(labels):
        return labels
    distinct: list[str] = []
    for a, b, label in arm_spans:
        if a < group[0]["start"] and label not in distinct:
            distinct.append(label)
    if k == 2 and len(distinct) == 2 and not any(labels):
        distinct = _nearest_pair(sentence, group, arm_spans) or distinct
    if k >= 2 and len(distinct) == k and not any(labels):
        if k == 2:  # "compared with B, A had a higher rate (30% vs 40%)": the comparative word tells which value is A's
            first = next(a for a, _, label in arm_spans if label == distinct[0])
            second = next(a for a, _, label in arm_spans if label == distinct[1])
            if _REFERENCE_BEFORE.search(sentence, max(0, first - 30), first) and not _REFERENCE_BEFORE.search(sentence, max(0, second - 30), second):
                return _by_direction(sentence, group, distinct[1], distinct[0]) or distinct
        return distinct
    for i, v in enumerate(group):
        if labels[i]:
            continue
        prev_end = group[i - 1]["end"] if i else 0
        before = [(a, label) for a, b, label in arm_spans if prev_end <= a and b <= v["start"] and a not in claimed
                  and not (i == 0 and (_owned_by_value_before(sentence, a) or _own_value_after(sentence, b, v["start"])))]
        if before and (k == 1 or i > 0 or len({label for _, label in before}) == 1):
            a, label = before[-1]
            others = [arm.label for arm in arms if arm.label != label]
            decided = (
                _by_direction(sentence, group, others[0], label)
                if i == 0 and k == 2 and len(arms) == 2 and not labels[1] and _REFERENCE_BEFORE.search(sentence, max(0, a - 30), a)
                else None
            )
            if decided:  # "compared with B, the rate was higher (40% vs 30%)": B's is the lower value
                return decided
            labels[i] = label
    if k >= 2 and len(set(filter(None, labels))) < sum(1 for x in labels if x):
        return [None] * k  # two values for one arm: attribution unclear
    if k > len(arms) and any(labels) and any(
        label is None and _BRACKET_GAP.fullmatch(sentence, v["end"], w["start"]) for label, v, w in zip(labels, group, group[1:])
    ):
        return [None] * k  # "16.4 weeks (3.8 months) with A versus 4.1 weeks (1.0 month) with B": one value written twice
    if k == 2 and len(arms) == 2 and not any(labels):
        decided = _subject_after(sentence, group, arm_spans, arms)
        if decided:  # "a higher rate of rash (24% v 3%) was seen with the combination": the combination's is the higher
            return decided
    if k >= 2 and k == len(arms) and not any(labels) and all(
        _BETWEEN_ARMS.search(sentence, a["end"], b["start"]) for a, b in zip(group, group[1:])
    ) and not any(group[0]["start"] <= a <= group[-1]["end"] for a, _, _ in arm_spans):
        return [a.label for a in arms]  # "(5-year OS 60.2% vs 56.5%)": in the order the arms were named
    if k == 1 and not labels[0] and len({label for _, _, label in arm_spans}) == 1:
        a = arm_spans[0][0]
        if a > group[0]["end"] and ";" not in sentence[group[0]["end"] : a] and _LINKED_ARM.search(sentence, max(0, a - 24), a) and not _REFERENCE_BEFORE.search(sentence, max(0, a - 30), a):
            labels[0] = arm_spans[0][2]  # "Two patients (8%) had a partial response with regorafenib": the one arm the sentence names
    if k >= 2 and k == len(arms) and labels.count(None) == 1 and not _one_arm_list(sentence, group, arm_spans):
        unused = [a.label for a in arms if a.label not in labels]
        missing = group[labels.index(None)]
        if len(unused) == 1 and _may_be_other_arm(sentence, group, missing, arm_spans):
            labels[labels.index(None)] = unused[0]  # "75.3% of patients receiving the combination and 70.6% of those receiving sunitinib"
    return labels


_VERSUS = re.compile(r"\b(?:vs\.?|versus|v\.?|compared|than|against)(?=\W)", re.I)


_OPEN_BRACKET_BEFORE = re.compile(r"[(\[]\s*(?:[\w-]+\s*[(\[,;]\s*)?$")


#: a value and the linking words that give it the arm named right after: "84% (69-93%) in control patients"
_VALUE_THEN_ARM = re.compile(
    r"\d\s*(?:%|months?|mo|years?|weeks?)\s*(?:[(\[][^()\[\]]{0,60}[)\]]\s*)?,?\s*(?:in|for|with|among|on|receiving)\s+(?:the\s+|those\s+)?"
    r"(?:(?:patients|women|participants)\s+(?:in|on|receiving|given|treated\s+with)\s+(?:the\s+)?)?$",
    re.I,
)


_OWN_VALUE_AFTER = re.compile(r"\s*(?:[(\[:,=]\s*)?\d+(?:[.·]\d+)?\s*(?:%|months?|mo\b|years?|weeks?|days?)", re.I)


def _own_value_after(sentence: str, b: int, start: int) -> bool:
    """Whether the arm mention ending at ``b`` is followed at once by a value of its own, before ``start`` ("longer in
    arm C (9.0 months) vs. 5.8 months"): it names that value, not a later one."""
    m = _OWN_VALUE_AFTER.match(sentence, b)
    return m is not None and m.end() <= start


def _owned_by_value_before(sentence: str, a: int) -> bool:
    """Whether the arm mention at ``a`` closes an earlier value ("94% in A vs. 89% in B, and 100% vs. 89%"): it names
    that value's arm, not the arm of the values after it."""
    return _VALUE_THEN_ARM.search(sentence, max(0, a - 90), a) is not None


def _shared_bracket(sentence: str, previous: dict, value: dict, mention: int) -> bool:
    """Whether two values stand in one bracket that closes before ``mention`` ("(44% v 29%) with A")."""
    close = sentence.find(")", value["end"], mention)
    if close < 0 or sentence.find("(", value["end"], close) >= 0:
        return False
    opened = sentence.rfind("(", 0, previous["start"])
    return opened >= 0 and sentence.find(")", opened, value["start"]) < 0


def _may_be_other_arm(sentence: str, group: list[dict], value: dict, arm_spans: list[tuple[int, int, str]]) -> bool:
    """Whether the one value of a pair no arm is named for may be the other arm's: not when every arm the sentence
    names stands before the values (an arm opening a list: "in the A group, nausea (20%) and rash (8%)"), nor when the
    value sits in a bracket opened after another value ("30% in arm A (fatigue 12%, ...)": a part of that arm's)."""
    if (not any(a >= group[0]["start"] for a, _, _ in arm_spans) and _OPEN_BRACKET_BEFORE.search(sentence, max(0, value["start"] - 12), value["start"])
            and not _VERSUS.search(sentence, group[0]["end"], group[-1]["start"]) and not RESPECTIVELY.search(sentence)):
        return False  # "in the A group were nausea (22 [43%] of 51) and rash (ten [20%])": items of one arm's list
    first = group[0]["end"]
    if value["start"] > first:
        gap = sentence[first : value["start"]]
        if gap.count("(") + gap.count("[") > gap.count(")") + gap.count("]"):
            return False
    return True


_PAIRED = re.compile(r"\s*(?:,|/|and|or|vs\.?|versus|v\.?|compared\s+(?:with|to))\s*(?:the\s+|with\s+|to\s+)?", re.I)
_NO_VALUE = re.compile(r"[^%\d;]*")


def _nearest_pair(sentence: str, group: list[dict], arm_spans: list[tuple[int, int, str]]) -> list[str] | None:
    """ "(A versus B: 70.6% versus 94.1%)", "in the A and B groups (30% vs 20%)": the two arms named as a pair right
    before two values, in their order, when the sentence named them in another order earlier."""
    before = [span for span in arm_spans if span[1] <= group[0]["start"]]
    if len(before) < 3:
        return None  # the first mentions are the pair: their order is the order of first mention
    (a1, b1, first), (a2, b2, second) = before[-2], before[-1]
    if first == second or not _PAIRED.fullmatch(sentence, b1, a2) or not _NO_VALUE.fullmatch(sentence, b2, group[0]["start"]):
        return None
    return [first, second]


#: two subgroups named right before two values: "in both luminal B and HER2+ tumours (", "between node-negative and node-positive women ("
_SUBGROUPS_BEFORE = re.compile(
    r"\b(?:both|between)\s+(?P<x>(?:[^;()%\d]|\([^()]{0,30}\)|\d(?![\d.]*\s*%)){2,70}?)\s*[(\[:,]?\s*$",
    re.I,
)
_SUBGROUP_WORD = re.compile(
    r"\b(?:positive|negative|tumou?rs?|subtypes?|luminal(?:-?[ab])?|triple|nodes?|nodal|pre-?menopausal|post-?menopausal|"
    r"younger|older|elderly|stage|grade|ER|PR|HER2|BRCA\d?|mutations?|mutated|wild-type|carriers?|histolog\w*|ductal|lobular)\b|\+",
    re.I,
)


def _subgroups_compared(sentence: str, group: list[dict], arm_spans: list[tuple[int, int, str]]) -> bool:
    """Whether two values compare subgroups (by receptor status, stage, age...) rather than arms: "both" or "between"
    and subgroup words right before them, with no arm named in between."""
    start = group[0]["start"]
    lo = max([b for a, b, _ in arm_spans if b <= start] + [start - 120, 0])
    m = _SUBGROUPS_BEFORE.search(sentence, lo, start)
    return m is not None and _SUBGROUP_WORD.search(m.group("x")) is not None


_BREAK_OR_PERCENT = re.compile(r"[;]|\d\s*%")
#: from an arm mention to the value it opens a bracket for: "women given A (339/649, 52.2%)", "A participants (39 of 70 [56%]"
_BRACKET_OPENED_AFTER = re.compile(
    r"\s*(?:arm|group|cohort|patients|participants|women|recipients|users)?\s*[(\[]\s*(?:n\s*=\s*)?\d+(?:\s*(?:/|of|out\s+of)\s*\d+)?\s*(?:[,;]\s*|[(\[]\s*)",
    re.I,
)
_CLAUSE_MARK = re.compile(r"[,;:]")
_FROM_TO = re.compile(r"\s*(?:%|months?|mo|years?|weeks?)?\s+to\s+", re.I)
_FROM_BEFORE = re.compile(r"\bfrom\s+$", re.I)
_TO_FROM = re.compile(r"\s*(?:%|months?|mo|years?|weeks?)?\s+from\s+", re.I)
_TO_BEFORE = re.compile(r"\bto\s+$", re.I)
_TIGHT_GAP = re.compile(r"\s*[:,=]?\s*[(\[]?\s*(?:(?<=[(\[])\s*medians?\s*[:,=]?\s*)?")  # "A (median, 9.9 months)": the bracket's "median"


def _label_right_before(sentence: str, start: int, arm_spans: list[tuple[int, int, str]]) -> str | None:
    """The arm named right before a value, with at most a colon, comma or opening bracket between ("NET 52.9%")."""
    for a, b, label in arm_spans:
        if b <= start and start - b <= 14 and _TIGHT_GAP.fullmatch(sentence, b, start):
            return label
    return None


_SLASH_BETWEEN = re.compile(r"\s*/\s*")


def _slash_pair(sentence: str, group: list[dict], arm_spans: list[tuple[int, int, str]], arms: Sequence[ArmMention]) -> list[str | None] | None:
    """ "(combination/placebo) ... rash (12.5%/1.0%)": values paired by a slash follow the order of the arms a slash
    pairs before them, even when only one of the two is named."""
    if len(arms) != 2 or not _SLASH_BETWEEN.fullmatch(sentence, group[0]["end"], group[1]["start"]):
        return None
    for a, b, label in reversed(arm_spans):
        if b > group[0]["start"]:
            continue
        other = arms[0].label if arms[1].label == label else arms[1].label
        if a and sentence[a - 1] == "/":
            return [other, label]  # "X/placebo": the named arm is the second
        if b < len(sentence) and sentence[b] == "/":
            return [label, other]  # "placebo/X": the named arm is the first
    return None


#: between a hazard ratio and the arm named after it: an optional bracketed aside, then "for", "with" or "in"
_ARM_AFTER_HR = re.compile(r"\s*(?:[(\[][^()\[\]]{0,80}[)\]])?\s*(?:for|with|in)\s+(?:the\s+)?")
#: right before the reference arm: "compared with", "versus", "vs", "relative to", "against"
_HR_REFERENCE_BEFORE = re.compile(r"(?:compared\s+with|versus|vs\.?|relative\s+to|against)\s+(?:the\s+)?$", re.I)


def hr_arm_after(sentence: str, end: int, arm_spans: list, arms: Sequence[ArmMention]) -> str | None:
    """ "0.74 (95% CI ...) for SOX": the experimental arm named after the value, against the reference named before."""
    if len(arms) < 2:
        return None
    after = next((label for a, b, label in arm_spans if end <= a <= end + 70 and _ARM_AFTER_HR.fullmatch(sentence[end:a])), None)
    if after is None:
        return None
    reference = None
    for a, b, label in arm_spans:
        if a < end and _HR_REFERENCE_BEFORE.search(sentence[max(0, a - 25) : a]):
            reference = label
    if reference is None or reference == after:
        reference = arms[-1].label if arms[-1].label != after else None
    return f"{after} vs {reference}" if reference else None


#: right before an arm the text compares with: "compared with A", "as compared to A", "relative to A", "than with A"
_MARKED_REFERENCE = re.compile(r"\b(?:compared\s+(?:with|to)|comparison\s+(?:with|to)|relative\s+to|against|than(?:\s+(?:with|in|among|for|after))?)\s+(?:the\s+|those\s+(?:in|on|given|receiving)\s+(?:the\s+)?|patients\s+(?:in|on|given|receiving)\s+(?:the\s+)?)?$", re.I)
_REFERENCE_KEYS = ("compar", "relative", "against", "than")
#: a clause opened by "versus A," / "vs. A:": A is what the clause compares with
_PAIR_VERSUS = re.compile(r"\s*(?:arms?|groups?)?\s*(?:vs\.?|versus)\s+(?:the\s+)?", re.I)
_OPENING_VERSUS = re.compile(r"\s*(?:(?:and|but)\s+)?(?:vs\.?|versus)\s+(?:the\s+)?", re.I)
#: after a hazard ratio (and its bracket): the arm it favours, "favouring A", "in favour of A"
_FAVOURING = re.compile(r"[^;]{0,60}?\b(?:favou?ring|in\s+favou?r\s+of|favou?red)\s+(?:the\s+)?$", re.I)
_RATIO_AT = re.compile(r"\d+(?:[.·]\d+)?")


def _clause_start(sentence: str, at: int) -> int:
    return max(sentence.rfind(";", 0, at), sentence.rfind(". ", 0, at)) + 1


def _favoured(sentence: str, value_start: int, arm_spans: list, arms: Sequence[ArmMention]) -> str | None:
    """ "HR 0.80 (95% CI ...) favouring A" (A the better arm): "A vs B" below 1, "B vs A" above."""
    if "avo" not in sentence or len(arms) != 2:
        return None
    ratio = _RATIO_AT.match(sentence, value_start)
    if ratio is None:
        return None
    for a, b, label in arm_spans:
        if value_start < a <= value_start + 90 and _FAVOURING.fullmatch(sentence, ratio.end(), a):
            other = next((arm.label for arm in arms if arm.label != label), None)
            value = float(ratio.group().replace("·", "."))
            if other is None or value == 1:
                return None
            return f"{label} vs {other}" if value < 1 else f"{other} vs {label}"
    return None


def _marked_reference(sentence: str, start: int, value_start: int, arm_spans: list, arms: Sequence[ArmMention]) -> str | None:
    """ "Compared with A, B reduced the risk of death (HR 0.80)": the arm after "compared with", "relative to" or
    "than" in the hazard ratio's clause is the reference, the other arm named there (or the study's other arm) the
    experimental one."""
    lo = _clause_start(sentence, start)
    lead = sentence[lo:start].lower()
    named = [(a, label) for a, b, label in arm_spans if lo <= a < start]
    if "vs" in lead or "versus" in lead:  # "A versus B gave a hazard ratio of 0.88": the pair named together
        pairs = [(x[2], y[2]) for x, y in zip(arm_spans, arm_spans[1:]) if lo <= x[0] and y[0] < start and x[2] != y[2] and _PAIR_VERSUS.fullmatch(sentence, x[1], y[0])]
        if pairs:
            return f"{pairs[-1][0]} vs {pairs[-1][1]}"
    if not any(key in lead for key in _REFERENCE_KEYS) and not _OPENING_VERSUS.match(lead):
        return None
    reference = next((label for a, label in named if _MARKED_REFERENCE.search(sentence, max(lo, a - 40), a) or _OPENING_VERSUS.fullmatch(sentence, lo, a)), None)
    if reference is None:
        return None
    others = [label for a, label in named if label != reference]
    ratio = _RATIO_AT.match(sentence, value_start)
    after = None if ratio is None else next((label for a, b, label in arm_spans if ratio.end() <= a <= ratio.end() + 90 and _ARM_AFTER_HR.fullmatch(sentence, ratio.end(), a)), None)
    if after is not None and after != reference:
        experimental = after  # "Compared with A, the hazard ratio was 0.61 (95% CI ...) with B"
    elif others:
        experimental = others[-1]
    elif len(arms) == 2:
        experimental = next((arm.label for arm in arms if arm.label != reference), None)
    else:
        return None
    return f"{experimental} vs {reference}" if experimental else None


def phrase_comparison(sentence: str, start: int, value_start: int, arm_spans: list, arms: Sequence[ArmMention]) -> str | None:
    """Arms named inside the hazard-ratio phrase: "hazard ratio for death with paclitaxel", "(HR vs GnP, 0.88)"; else the
    arm the ratio favours ("HR 0.80, favouring A") or the arm the clause compares with ("Compared with A, B ... (HR)")."""
    if len(arms) < 2:
        return None
    reference = experimental = None
    for a, b, label in arm_spans:
        if start <= a < value_start:
            lead = _SIDE_BEFORE.search(sentence, max(0, a - 14), a)
            if lead and lead.group(1).lower().startswith(("vs", "versus", "v", "compared", "relative", "against")):
                reference = label
            else:
                experimental = label
    if reference is None and experimental is None:
        return _favoured(sentence, value_start, arm_spans, arms) or _marked_reference(sentence, start, value_start, arm_spans, arms)
    if experimental is None:  # "6.1 months with GnP-H (HR vs GnP, 0.88)": the arm named just before
        experimental = next((label for a, b, label in reversed(arm_spans) if a < start and label != reference), None)
    if reference is None:
        reference = next((arm.label for arm in reversed(arms) if arm.label != experimental), None)
    if experimental and reference and experimental != reference:
        return f"{experimental} vs {reference}"
    return None


_SIDE_BEFORE = re.compile(r"\b(vs\.?|versus|v|compared\s+with|relative\s+to|against|with|for|in)\s+(?:the\s+)?$", re.I)


#: the control words but "alone": "X alone" is a control only beside an arm that adds to X
_CONTROL_NOT_ALONE = re.compile(
    r"\b(?:placebo|observation|control|controls|comparison|comparator|standard|usual|conventional|sham|no|without|best\s+supportive|"
    r"follow-?up|surveillance|monitoring|watchful|expectant|wait-and-see|supportive\s+care)\b",
    re.I,
)
_BRACKETED = re.compile(r"\s*[(\[][^()\[\]]*[)\]]")
_ALONE_HEAD = re.compile(r"(?P<head>[A-Za-z][\w-]{1,})\s+alone\b", re.I)


@lru_cache(maxsize=1024)
def _is_control(label: str, other: str) -> bool:
    """Whether ``label`` names the control arm against ``other``: a control word ("placebo", "observation", "standard"),
    or "X alone" beside an arm that holds X ("capecitabine alone" vs "capecitabine plus celecoxib"); "sentinel node biopsy
    alone" against "axillary dissection" is a different treatment, not a control."""
    if _CONTROL_NOT_ALONE.search(label):
        return True
    head = _ALONE_HEAD.search(label)
    if head is not None:
        return head.group("head").lower() in other.lower()
    # an add-on design: "docetaxel" beside "docetaxel plus nintedanib" is the backbone the other arm adds to
    core = _BRACKETED.sub("", label).strip().lower()
    return len(core) >= 3 and _COMBINATION_LABEL.search(other) is not None and re.search(rf"(?<![\w-]){re.escape(core)}(?![\w-])", other.lower()) is not None


def comparison(before: int, arm_spans: list, arms: Sequence[ArmMention]) -> str | None:
    """The arms a hazard ratio compares, "<experimental> vs <reference>", from the sentence or the study's arms."""
    if len(arms) < 2:
        return None
    named: list[str] = []
    for a, b, label in arm_spans:
        if a < before and label not in named:
            named.append(label)
    reference = arms[-1].label
    if len(named) >= 2:
        first, second = named[-2], named[-1]
        if _is_control(first, second) and not _is_control(second, first):
            first, second = second, first  # "2.2 months with placebo versus 3.8 months with X (HR 0.61)": X vs placebo
        return f"{first} vs {second}"
    if len(named) == 1 and len(arms) == 2:
        other = arms[0].label if named[0] == reference else reference
        if _is_control(named[0], other) and not _is_control(other, named[0]):
            return f"{other} vs {named[0]}"  # "5.1 months with placebo (HR 0.62)": the other arm vs placebo
        return f"{named[0]} vs {other}"  # "B was associated with worse survival (HR 1.52)": B vs A
    if len(named) == 1 and named[0] != reference:
        return f"{named[0]} vs {reference}"
    if len(arms) == 2:
        first = arms[0].label
        if _is_control(first, reference) and not _is_control(reference, first):
            return f"{reference} vs {first}"  # no arm named, the control listed first: the other arm vs the control
        return f"{first} vs {reference}"
    return None
