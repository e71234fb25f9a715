"""Patterns as data: load ``patterns/*.json`` once and compile what the finders need."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, Mapping

__all__ = ["Lexicon", "load_lexicon", "load_patterns"]


def load_patterns(domain: str) -> dict[str, Any]:
    """The parsed ``patterns/<domain>.json`` shipped with the package."""
    text = resources.files(__package__).joinpath("patterns", f"{domain}.json").read_text(encoding="utf-8")
    return json.loads(text)


def _alternation(terms: list[str]) -> str:
    return "|".join(re.escape(t).replace(r"\ ", r"[\s-]+").replace(r"\-", r"[\s-]?") for t in sorted(set(terms), key=len, reverse=True))


@dataclass(frozen=True)
class Lexicon:
    """Compiled patterns for every domain (built once per process by :func:`load_lexicon`)."""

    measure_re: re.Pattern[str]
    measure_of: Mapping[str, str]  # lower-cased phrase or exact abbreviation -> measure name
    abbreviations: frozenset[str]
    reject_after: Mapping[str, re.Pattern[str]]
    reject_before: Mapping[str, re.Pattern[str]]
    follow_up_re: re.Pattern[str]
    hazard_re: re.Pattern[str]
    tox_grade_re: re.Pattern[str]
    tox_noun_re: re.Pattern[str]
    tox_specific_re: re.Pattern[str]
    drug_words: Mapping[str, tuple[tuple[tuple[str, ...], str], ...]]  # first word -> (words, drug), longest first
    drug_of: Mapping[str, str]
    regimen_re: re.Pattern[str]
    regimen_drugs: Mapping[str, tuple[str, ...]]
    ambiguous_regimens: frozenset[str]
    regimen_context_re: re.Pattern[str]
    settings: tuple[tuple[str, re.Pattern[str]], ...]
    designs: tuple[tuple[str, re.Pattern[str]], ...]
    cohort: Mapping[str, str]


def _normal(term: str) -> str:
    return re.sub(r"[\s-]+", " ", term.lower())


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """Compile all pattern files (cached: one lexicon per process)."""
    response, survival = load_patterns("response"), load_patterns("survival")
    toxicity, regimen = load_patterns("toxicity"), load_patterns("regimen")
    cohort, design = load_patterns("cohort"), load_patterns("design")
    measure_of: dict[str, str] = {}
    phrases: list[str] = []
    abbreviations: list[str] = []
    for table in (response["measures"], survival["measures"]):
        for measure, entry in table.items():
            for phrase in entry["phrases"]:
                measure_of.setdefault(_normal(phrase), measure)
                phrases.append(phrase)
            for abbreviation in entry["abbreviations"]:
                measure_of.setdefault(abbreviation, measure)
                abbreviations.append(abbreviation)
    for phrase in survival["generic_os"]:
        measure_of.setdefault(_normal(phrase), "OS")
        phrases.append(phrase)
    measure_re = re.compile(
        rf"(?<![\w-])(?:(?i:{_alternation(phrases)})|{_alternation(abbreviations)})(?![\w-](?!year|yr|month))"
    )
    drug_of: dict[str, str] = {}
    for drug, synonyms in regimen["drugs"].items():
        for name in [drug, *synonyms]:
            drug_of[_normal(name)] = drug
    regimen_drugs = {k: tuple(v) for k, v in regimen["regimens"].items()}
    return Lexicon(
        measure_re=measure_re,
        measure_of=measure_of,
        abbreviations=frozenset(abbreviations),
        reject_after={k: re.compile(v) for k, v in response["reject_after"].items()},
        reject_before={k: re.compile(v) for k, v in response["reject_before"].items()},
        follow_up_re=re.compile(survival["follow_up"], re.IGNORECASE),
        hazard_re=re.compile(survival["hazard"]),
        tox_grade_re=re.compile(toxicity["grade"], re.IGNORECASE),
        tox_noun_re=re.compile(rf"\b(?:{toxicity['nouns']})\b", re.IGNORECASE),
        tox_specific_re=re.compile(rf"\b(?:{toxicity['specific_events']})", re.IGNORECASE),
        drug_words=_index_words(drug_of),
        drug_of=drug_of,
        regimen_re=re.compile(rf"(?<![\w-])(?:{'|'.join(re.escape(k) for k in sorted(regimen_drugs, key=len, reverse=True))})(?![\w])"),
        regimen_drugs=regimen_drugs,
        ambiguous_regimens=frozenset(regimen["ambiguous_regimens"]),
        regimen_context_re=re.compile(rf"\b(?:{regimen['regimen_context']})", re.IGNORECASE),
        settings=tuple((k, re.compile(v, re.IGNORECASE)) for k, v in regimen["settings"].items()),
        designs=tuple((k, re.compile(v, re.IGNORECASE)) for k, v in design["designs"].items()),
        cohort=cohort,
    )


_WORD = re.compile(r"[^\W_]+")


def _index_words(names: Mapping[str, str]) -> dict[str, tuple[tuple[tuple[str, ...], str], ...]]:
    index: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for name, canonical in names.items():
        words = tuple(_WORD.findall(name))
        if words:
            index.setdefault(words[0], []).append((words, canonical))
    return {k: tuple(sorted(v, key=lambda x: len(x[0]), reverse=True)) for k, v in index.items()}


def find_terms(index: Mapping[str, tuple[tuple[tuple[str, ...], str], ...]], text: str) -> list[tuple[int, int, str]]:
    """Lexicon terms in ``text`` as (start, end, canonical), matched word by word (words joined by space or hyphen).

    A dictionary lookup per word is far faster than one regex alternation of hundreds of names.
    """
    words = [(m.group().lower(), m.start(), m.end()) for m in _WORD.finditer(text)]
    out = []
    i = 0
    while i < len(words):
        entries = index.get(words[i][0])
        matched = 0
        if entries:
            for names, canonical in entries:
                k = len(names)
                if i + k <= len(words) and all(words[i + j][0] == names[j] for j in range(1, k)) and all(
                    text[words[i + j - 1][2] : words[i + j][1]].strip(" -") == "" for j in range(1, k)
                ):
                    start, end = words[i][1], words[i + k - 1][2]
                    if not (start > 0 and text[start - 1] in "-_") and not (end < len(text) and text[end : end + 1] in "_"):
                        out.append((start, end, canonical))
                        matched = k
                        break
        i += matched or 1
    return out


def measure_for(lexicon: Lexicon, text: str) -> str | None:
    """The measure a matched mention names (abbreviations exact, phrases case-insensitive)."""
    return lexicon.measure_of.get(text) or lexicon.measure_of.get(_normal(text))
