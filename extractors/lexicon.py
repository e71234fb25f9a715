"""Patterns as data: load ``patterns/*.json`` once and compile what the finders need."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from itertools import compress, count
from functools import lru_cache
from importlib import resources
from typing import Any, Callable, Mapping, Optional

__all__ = ["CASE_FOLD_ODDITIES", "Lexicon", "blanked_words", "find_terms", "find_terms_in_words", "load_lexicon", "load_patterns", "lower_aligned"]


def load_patterns(domain: str) -> dict[str, Any]:
    """The parsed ``patterns/<domain>.json`` shipped with the package."""
    text = resources.files(__package__).joinpath("patterns", f"{domain}.json").read_text(encoding="utf-8")
    return json.loads(text)


@dataclass(frozen=True)
class Lexicon:
    """Compiled patterns for every domain (built once per process by :func:`load_lexicon`)."""

    measure_words: Mapping[str, tuple[Entry, ...]]  # first word -> entries naming a measure
    measure_of: Mapping[str, str]  # lower-cased phrase or exact abbreviation -> measure name
    abbreviations: frozenset[str]
    reject_after: Mapping[str, re.Pattern[str]]
    reject_before: Mapping[str, re.Pattern[str]]
    follow_up_re: re.Pattern[str]
    hazard_re: re.Pattern[str]
    tox_grade_re: re.Pattern[str]
    tox_noun_re: re.Pattern[str]
    tox_specific_re: re.Pattern[str]
    drug_words: Mapping[str, tuple[Entry, ...]]  # first word -> entries naming a drug or a regimen acronym
    drug_of: Mapping[str, str]
    regimen_drugs: Mapping[str, tuple[str, ...]]
    ambiguous_regimens: frozenset[str]
    regimen_context_re: re.Pattern[str]
    settings_re: re.Pattern[str]  # one alternation, a named group per setting
    designs: tuple[tuple[str, re.Pattern[str]], ...]
    cohort: Mapping[str, str]
    #: lower-cased name -> canonical name of a supportive-care agent (growth factor, antiemetic, protectant): found in
    #: :attr:`drug_words` as ``("supportive", name)``, never the study's treatment
    supportive_of: Mapping[str, str] = field(default_factory=dict)


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
    drug_of: dict[str, str] = {}
    for drug, synonyms in regimen["drugs"].items():
        for name in [drug, *synonyms]:
            drug_of[_normal(name)] = drug
    regimen_drugs = {k: tuple(v) for k, v in regimen["regimens"].items()}
    supportive_of = {_normal(name): agent for agent, synonyms in regimen.get("supportive", {}).items() for name in [agent, *synonyms]}
    return Lexicon(
        measure_words=_merge(_index_words({p: measure_of[_normal(p)] for p in phrases}), _index_words({a: measure_of[a] for a in abbreviations}, exact=True)),
        measure_of=measure_of,
        abbreviations=frozenset(abbreviations),
        reject_after={k: re.compile(v) for k, v in response["reject_after"].items()},
        reject_before={k: re.compile(v) for k, v in response["reject_before"].items()},
        follow_up_re=re.compile(survival["follow_up"], re.IGNORECASE),
        hazard_re=re.compile(survival["hazard"]),
        tox_grade_re=re.compile(toxicity["grade"], re.IGNORECASE),
        tox_noun_re=re.compile(rf"\b(?:{toxicity['nouns']})\b", re.IGNORECASE),
        tox_specific_re=re.compile(rf"\b(?:{toxicity['specific_events']})", re.IGNORECASE),
        drug_words=_merge(
            _index_words(drug_of),
            _index_words({k: ("regimen", k) for k in regimen_drugs}, exact=True),
            _index_words({k: ("supportive", v) for k, v in supportive_of.items()}),
        ),
        drug_of=drug_of,
        regimen_drugs=regimen_drugs,
        ambiguous_regimens=frozenset(regimen["ambiguous_regimens"]),
        regimen_context_re=re.compile(rf"\b(?:{regimen['regimen_context']})", re.IGNORECASE),
        # every setting phrase starts a word with one of these letter pairs (neo, pre/prior, before, adjuvant, post,
        # peri, induction, concurrent/concomitant/consolidation, sequential, maintenance, definitive, palliative):
        # checking that first skips most positions fast
        settings_re=re.compile(r"\b(?=[nabpicsmd][erdona])(?:" + "|".join(f"(?P<{k}>{v})" for k, v in regimen["settings"].items()) + ")", re.IGNORECASE),
        designs=tuple((k, re.compile(v, re.IGNORECASE)) for k, v in design["designs"].items()),
        cohort=cohort,
        supportive_of=supportive_of,
    )


_WORD = re.compile(r"[^\W_]+")
#: every ASCII character that is not a letter or digit, to a space: what ``_WORD`` skips in ASCII text
_ASCII_NOT_WORD = str.maketrans({chr(i): " " for i in range(128) if not chr(i).isalnum()})


#: :data:`_ASCII_NOT_WORD` and lower-casing in one table, for ASCII text as bytes
_ASCII_LOWER_WORDS = bytes(ord(chr(i).lower()) if chr(i).isalnum() else ord(" ") for i in range(128)) + bytes(128)


Entry = tuple[tuple[str, ...], Any, Optional[str]]  # words, what they name, exact text required (case-sensitive)


def _index_words(names: Mapping[str, Any], exact: bool = False) -> dict[str, list[Entry]]:
    index: dict[str, list[Entry]] = {}
    for name, canonical in names.items():
        words = tuple(w.lower() for w in _WORD.findall(name))
        if words:
            index.setdefault(words[0], []).append((words, canonical, name if exact else None))
    return index


def _merge(*indexes: Mapping[str, list[Entry]]) -> dict[str, tuple[Entry, ...]]:
    merged: dict[str, list[Entry]] = {}
    for index in indexes:
        for key, entries in index.items():
            merged.setdefault(key, []).extend(entries)
    return {k: tuple(sorted(v, key=lambda x: len(x[0]), reverse=True)) for k, v in merged.items()}


#: the characters other than ASCII letters that a case-blind pattern matches to an ASCII letter ("ı" to "i", "ſ" to
#: "s", the Kelvin sign to "k") while their lower case (:func:`lower_aligned`) is not that letter, or might not be
#: ("İ" lower-cases to two characters): text without them may be gated on its lower-cased ASCII
CASE_FOLD_ODDITIES = ("\u0130", "\u0131", "\u017f", "\u212a")


#: texts at least this long (an abstract, not a sentence) have their lower case kept for the next caller
_KEPT_LENGTH = 400
#: how many long texts' lower cases are kept: more than the pipeline's batch of abstracts (each component reads
#: the whole batch before the next)
_KEPT_COUNT = 256
#: per long text lowered (by id, the text kept with it, so the id stays its own), (text, lower), oldest first
_KEPT_LOWER: dict[int, tuple[str, str]] = {}


def lower_aligned(text: str) -> str:
    """``text`` lower-cased character for character, so offsets into it hold for ``text`` (a character whose
    lower case is longer, "İ", is kept as it is).

    The lower case of a long text is kept (for the last :data:`_KEPT_COUNT`) for the same text object asked for
    again: the design, regimen and wound finders each read the abstract's."""
    long_text = len(text) >= _KEPT_LENGTH
    if long_text:
        kept = _KEPT_LOWER.get(id(text))
        if kept is not None and kept[0] is text:
            return kept[1]
    lower = text.lower()
    if len(lower) != len(text):
        lower = "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)
    if long_text:
        _KEPT_LOWER[id(text)] = (text, lower)
        if len(_KEPT_LOWER) > _KEPT_COUNT:
            try:
                del _KEPT_LOWER[next(iter(_KEPT_LOWER))]  # the oldest
            except (KeyError, RuntimeError, StopIteration):
                pass  # another thread changed the table meanwhile: it is trimmed next time
    return lower


#: the one character whose lower case depends on its neighbours (capital sigma: final or not)
_CONTEXT_LOWER = "\u03a3"


def blanked_words(text: str) -> str:
    """``text`` lower-cased (as :func:`lower_aligned`, offsets kept) with every character that is not a letter or
    digit (``[^\\W_]``) a space: its words are ``blanked.split()``, what ``[^\\W_]+`` finds in the lower case.

    Built for text that is not ASCII as for ASCII text, by one bytes translation of its ASCII encoding (each other
    character one ``?``, blanked), and then only the characters that are not ASCII and are letters or digits put
    back lower-cased: most such texts hold a few symbols ("≥", "±") and no such letter."""
    encoded = text.encode("ascii", "replace")
    blanked = encoded.translate(_ASCII_LOWER_WORDS).decode("ascii")
    if text.isascii():
        return blanked
    kept = []
    lowered = None
    find = encoded.find
    i = find(b"?")
    while i >= 0:
        ch = text[i]
        if not ch.isascii() and ch.isalnum():
            if lowered is None:
                lowered = lower_aligned(text) if _CONTEXT_LOWER in text else ""
            if lowered:
                low = lowered[i]
            else:
                low = ch.lower()
                if len(low) != 1:
                    low = ch
            if low.isalnum():
                kept.append((i, low))
        i = find(b"?", i + 1)
    if not kept:
        return blanked
    pieces = []
    at = 0
    for i, low in kept:
        pieces.append(blanked[at:i])
        pieces.append(low)
        at = i + 1
    pieces.append(blanked[at:])
    return "".join(pieces)


def find_terms(index: Mapping[str, tuple[Entry, ...]], text: str) -> list[tuple[int, int, Any]]:
    """Lexicon terms in ``text`` as (start, end, what they name), matched word by word.

    Words may be joined by spaces or hyphens; entries with an exact form (abbreviations,
    regimen acronyms) must match case-sensitively.  A dictionary lookup per word is far
    faster than one regex alternation of hundreds of names.
    """
    # the words are the runs of letters and digits: split by C string methods (several times faster than the
    # regex); for ASCII text, lower-casing and blanking the rest is one bytes translation (twice as fast as str's
    # two steps)
    blanked = blanked_words(text)
    return find_terms_in_words(index, text, blanked, blanked.split())


def find_terms_in_words(index: Mapping[str, tuple[Entry, ...]], text: str, blanked: str, words: list[str]) -> list[tuple[int, int, Any]]:
    """:func:`find_terms` of ``text`` whose :func:`blanked_words` (``blanked``) and their words (``blanked.split()``)
    the caller has already made (and reads for more than the terms)."""
    if index.keys().isdisjoint(words):
        return []  # no term can start here: skip the word-by-word pass
    if _last_words(index).isdisjoint(words):
        return []  # no term can end here ("breast" opens a term, but no "survival" closes one): skip it too
    return _match_blanked(index, text, blanked, words)


_LAST_WORDS: dict[int, tuple[Mapping[str, tuple[Entry, ...]], frozenset[str]]] = {}


def _last_words(index: Mapping[str, tuple[Entry, ...]]) -> frozenset[str]:
    """The last word of every entry of ``index`` (worked out once per index, kept with it).

    A gate derived from the entries themselves, right for any entry added: every term :func:`_match_blanked` finds
    is its entry's words, each one of the text's words (a term of one word is its first and last), so a text
    holding no entry's last word holds no term.
    """
    cached = _LAST_WORDS.get(id(index))
    if cached is not None and cached[0] is index:
        return cached[1]
    lasts = frozenset(names[-1] for entries in index.values() for names, _, _ in entries)
    _LAST_WORDS[id(index)] = (index, lasts)
    return lasts


def _word_starts(blanked: str) -> Callable[[int, str], int]:
    """Where the words of ``blanked`` (lower case, every other character a space) start, found as asked.

    Word ``i`` is the first whole-word occurrence of its text after the word last asked for:
    :func:`_match_words` asks, in order, for every word an entry starts with (but those inside a
    term already matched, all of whose words it asked for) and for the words of a term after its
    first; a word between two asked for starts no entry, so it is not one of them, and the words
    never asked for, most of them, are never located.
    """
    find = (" " + blanked + " ").find
    known: dict[int, int] = {}
    at = 0  # where the next search starts, in the padded text

    def start_of(i: int, word: str) -> int:
        nonlocal at
        start = known.get(i)
        if start is None:
            # the space before the word is at ``start`` in the padded text: its first letter at ``start`` in ``blanked``
            start = known[i] = find(" " + word + " ", at)
            at = start + len(word) + 1
        return start

    return start_of


def _match_words(
    index: Mapping[str, tuple[Entry, ...]], text: str, words: list[str], start_of: Callable[[int, str], int]
) -> list[tuple[int, int, Any]]:
    """The terms of ``index`` in ``text`` whose lower-cased words are ``words``; ``start_of(i, words[i])``
    is where word ``i`` starts (asked for in increasing ``i``, a word asked again)."""
    out = []
    n_words = len(words)
    next_i = 0  # words inside a matched term cannot start another
    underscore = "_" in text
    # the positions of the words an entry starts with, picked in C (a comprehension costs twice as much)
    by_next = _by_next_word(index)
    for i in compress(count(), map(index.__contains__, words)):
        if i < next_i:
            continue
        word = words[i]
        start = start_of(i, word)  # asked for every word an entry starts with, whether or not one matches
        narrowed = by_next[word]
        for names, canonical, exact_form in narrowed[0].get(words[i + 1], narrowed[1]) if i + 1 < n_words else narrowed[1]:
            k = len(names)
            end = start + len(word)
            if k > 1:
                if i + k > n_words or tuple(words[i : i + k]) != names:
                    continue
                # the words joined by spaces, hyphens or slashes only (located in order, as far as they hold)
                joined = True
                for j in range(i + 1, i + k):
                    following = start_of(j, words[j])
                    if text[end:following].strip(" -/"):
                        joined = False
                        break
                    end = following + len(words[j])
                if not joined:
                    continue
            if exact_form is not None and text[start:end] != exact_form:
                continue
            if underscore and ((start > 0 and text[start - 1] == "_") or text[end : end + 1] == "_"):
                continue
            out.append((start, end, canonical))
            next_i = i + k
            break
    return out


def _match_blanked(index: Mapping[str, tuple[Entry, ...]], text: str, blanked: str, words: list[str]) -> list[tuple[int, int, Any]]:
    """What ``_match_words(index, text, words, _word_starts(blanked))`` finds, the word starts located inline and
    the words of a term joined by one character each checked at once.

    ``blanked``: ``text`` lower-cased with every character that is not a letter or digit a space; ``words`` its
    words.  A term's words stand in ``blanked`` as its words joined by single spaces exactly when one character joins
    each pair in ``text`` (then only those characters are read); any other joining is read word by word as
    :func:`_match_words` reads it.  Word starts are found as :func:`_word_starts` finds them: in order, after the
    last word located (the words of a term found are never asked for: the next search starts after it).

    A word no entry can match at (none of one word, none whose second word follows it: "a" before anything but
    "AVD") is not located: it is counted as passed over, and the next search for the same word first skips that many
    of its occurrences (they are the ones before the word asked for), so every word asked for is where
    :func:`_word_starts` puts it.
    """
    out = []
    n_words = len(words)
    next_i = 0
    underscore = "_" in text
    n_chars = len(blanked)
    table = _fast_table(index)
    find = (" " + blanked + " ").find
    known: dict[int, int] = {}
    at = 0  # where the next search starts, in the padded text
    passed: dict[str, int] = {}  # words not located since the last one located (after ``at``), by how often
    for i in compress(count(), map(index.__contains__, words)):
        if i < next_i:
            continue
        word = words[i]
        narrowed = table[word]
        entries = narrowed[0].get(words[i + 1], narrowed[1]) if i + 1 < n_words else narrowed[1]
        start = known.get(i)
        if start is None:
            if not entries:
                passed[word] = passed.get(word, 0) + 1  # nothing can match here: not located
                continue
            if passed:
                for _ in range(passed.get(word, 0)):
                    at = find(" " + word + " ", at) + len(word) + 1  # an occurrence passed over, before this one
                passed.clear()  # all before the word located now
            start = known[i] = find(" " + word + " ", at)
            at = start + len(word) + 1
        for names, canonical, exact_form, joined, joins in entries:
            k = len(names)
            if k == 1:
                end = start + len(word)
            else:
                end = start + len(joined)
                if blanked.startswith(joined, start) and (end == n_chars or blanked[end] == " "):
                    # the term's words, one character between each pair: only those characters are read
                    for offset in joins:
                        if text[start + offset] not in " -/":
                            break
                    else:
                        offset = -1
                    if offset >= 0:
                        continue
                elif i + k > n_words or tuple(words[i : i + k]) != names:
                    continue
                else:  # the words located one by one, as far as they hold
                    end = start + len(word)
                    joined_ok = True
                    for j in range(i + 1, i + k):
                        following = known.get(j)
                        if following is None:
                            following = known[j] = find(" " + words[j] + " ", at)
                            at = following + len(words[j]) + 1
                        if text[end:following].strip(" -/"):
                            joined_ok = False
                            break
                        end = following + len(words[j])
                    if not joined_ok:
                        continue
            if exact_form is not None and text[start:end] != exact_form:
                continue
            if underscore and ((start > 0 and text[start - 1] == "_") or text[end : end + 1] == "_"):
                continue
            out.append((start, end, canonical))
            next_i = i + k
            if end + 1 > at:
                at = end + 1  # the words of the term are never asked for: the next search starts after it
            break
    return out


_FAST: dict[int, tuple[Mapping[str, tuple[Entry, ...]], dict[str, tuple[dict[str, tuple], tuple]]]] = {}


def _fast_table(index: Mapping[str, tuple[Entry, ...]]) -> dict[str, tuple[dict[str, tuple], tuple]]:
    """:func:`_by_next_word` of ``index`` with each entry's words joined by single spaces and the offsets of the
    joins in that string added (worked out once per index, kept with it)."""
    cached = _FAST.get(id(index))
    if cached is not None and cached[0] is index:
        return cached[1]

    def extended(entries: tuple[Entry, ...]) -> tuple:
        out = []
        for names, canonical, exact_form in entries:
            joined = " ".join(names)
            joins = tuple(i for i, ch in enumerate(joined) if ch == " ")
            out.append((names, canonical, exact_form, joined, joins))
        return tuple(out)

    table = {first: ({second: extended(e) for second, e in nexts.items()}, extended(single)) for first, (nexts, single) in _by_next_word(index).items()}
    _FAST[id(index)] = (index, table)
    return table


_BY_NEXT: dict[int, tuple[Mapping[str, tuple[Entry, ...]], dict[str, tuple[dict[str, tuple[Entry, ...]], tuple[Entry, ...]]]]] = {}


def _by_next_word(index: Mapping[str, tuple[Entry, ...]]) -> dict[str, tuple[dict[str, tuple[Entry, ...]], tuple[Entry, ...]]]:
    """Per first word, the entries that can match before each second word, and those of one word.

    The entries of ``index[first]`` a term can match when the next word is ``second`` are those of
    one word and those whose second word is ``second``, in their order: trying only them finds the
    same first match.  Worked out once per index (kept with it).
    """
    cached = _BY_NEXT.get(id(index))
    if cached is not None and cached[0] is index:
        return cached[1]
    table = {}
    for first, entries in index.items():
        single = tuple(e for e in entries if len(e[0]) == 1)
        seconds = dict.fromkeys(e[0][1] for e in entries if len(e[0]) > 1)
        table[first] = ({second: tuple(e for e in entries if len(e[0]) == 1 or e[0][1] == second) for second in seconds}, single)
    _BY_NEXT[id(index)] = (index, table)
    return table


def measure_for(lexicon: Lexicon, text: str) -> str | None:
    """The measure a matched mention names (abbreviations exact, phrases case-insensitive)."""
    return lexicon.measure_of.get(text) or lexicon.measure_of.get(_normal(text))
