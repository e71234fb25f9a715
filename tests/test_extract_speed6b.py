"""The fast paths of the regimen, lexicon, design and wound parts (speed round 6b) find what the plain forms do.

Each fast form is compared with the plain form it replaces on the development abstracts, on the PICO texts
(where ``../shared`` is present) and on random text built from pieces that exercise it (symbols and letters that
are not ASCII among them: real abstracts hold "≥", "±", "α", "µ").
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractors.lexicon import _WORD, _match_words, blanked_words, find_terms, load_lexicon, lower_aligned
from tests.test_extract_speed5b import _FAST, _dev_texts, _pico_texts


#: pieces of text that are not ASCII: symbols, letters, a letter whose lower case is two characters ("İ"), one that
#: lower-cases to an ASCII letter (the Kelvin sign), capital sigma (its lower case depends on its neighbours)
_ODD_PIECES = ["≥", "±", "·", "–", "\u00a0", "α", "β", "µ", "μ", "é", "Ü", "ß", "İ", "\u212a", "Σ", "ΑΣ", "Ⅲ", "²", "®", "?", "_"]

# -- lexicon: the words of text that is not ASCII -----------------------------------------------------------------

_TERM_PIECES = [
    "overall", "survival", "response", "rate", "CR", "ORR", "OS", "5", "FU", "fluorouracil", "FOLFOX", "cisplatin",
    "AC", "T", "a", "all", "Tamoxifen", "tamoxifen", "docetaxel", "nab", "paclitaxel", "or", "and", *_ODD_PIECES,
]
_TERM_JOINS = [" ", " ", "-", "/", " - ", "  ", ", ", "(", ") ", ".", "\n", "", *_ODD_PIECES]
_TERM_TEXT = st.lists(st.tuples(st.sampled_from(_TERM_PIECES), st.sampled_from(_TERM_JOINS)), max_size=16).map(
    lambda pieces: "".join(word + join for word, join in pieces)
)


def _plain_blanked(text: str) -> str:
    return "".join(ch if ch.isalnum() else " " for ch in lower_aligned(text))


def _plain_terms(index, text: str) -> list:
    """The terms as the word regex over the lower-cased text finds the words and their offsets."""
    lowered = lower_aligned(text)
    starts = [m.start() for m in _WORD.finditer(lowered)]
    return _match_words(index, text, _WORD.findall(lowered), lambda i, _: starts[i])


def _assert_terms(text: str) -> int:
    blanked = blanked_words(text)
    assert blanked == _plain_blanked(text), text
    assert blanked.split() == _WORD.findall(lower_aligned(text)), text
    found = 0
    lexicon = load_lexicon()
    for index in (lexicon.measure_words, lexicon.drug_words):
        terms = find_terms(index, text)
        assert terms == _plain_terms(index, text), text
        found += len(terms)
    return found


@_FAST
@given(_TERM_TEXT)
def test_terms_of_text_not_ascii_on_random_text(text: str) -> None:
    _assert_terms(text)


@pytest.mark.parametrize("text", ["İtamoxifen", "ΑΣ docetaxel", "AΣ-AC", "\u212aC T", "µg α-tamoxifen ≥5-FU", "Tamoxifen±AC"])
def test_terms_of_text_not_ascii_chosen(text: str) -> None:
    _assert_terms(text)


def test_terms_of_text_not_ascii_on_dev_texts() -> None:
    texts = [text for text in _dev_texts() if not text.isascii()]
    assert texts
    assert sum(_assert_terms(text) for text in texts) > 20


def test_terms_of_text_not_ascii_on_pico_texts(shared_dir: Path) -> None:
    texts = [text for text in _pico_texts(shared_dir) if not text.isascii()]
    assert sum(_assert_terms(text) for text in texts) > 100


# -- regimen: settings read only near their words, in text that is not ASCII too ------------------------------------

_SETTING_PIECES = [
    "neoadjuvant", "neo-adjuvant", "Neo adjuvant", "ADJUVANT", "adjuvant", "pre-operative", "Preoperative", "postoperative",
    "peri-operative", "prior to", "before", "surgery", "resection", "induction", "concurrent", "concomitantly", "sequential",
    "consolidative", "maintenance", "definitive", "palliative", "chemotherapy", "radiotherapy", "RT", "therapy", "of", "dose",
    "pre", "post", "neo", "pre-", "and", " ", " ", "-", ".", *_ODD_PIECES, "ſequential", "ınduction", "pre\u2011operative",
]
_SETTING_TEXT = st.lists(st.sampled_from(_SETTING_PIECES), max_size=14)


@_FAST
@given(_SETTING_TEXT)
def test_settings_found_near_their_words_as_in_the_whole_text(pieces: list[str]) -> None:
    from extractors.regimen import setting_matches

    settings_re = load_lexicon().settings_re
    for text in (" ".join(pieces), "".join(pieces), "pre- and " + " ".join(pieces)):
        whole = [(m.span(), m.lastgroup) for m in settings_re.finditer(text)]
        assert [(m.span(), m.lastgroup) for m in setting_matches(text, lower_aligned(text), settings_re)] == whole, text


def test_settings_found_near_their_words_on_real_texts(shared_dir: Path) -> None:
    from extractors.regimen import setting_matches

    settings_re = load_lexicon().settings_re
    found = 0
    for text in _dev_texts() + _pico_texts(shared_dir):
        whole = [(m.span(), m.lastgroup) for m in settings_re.finditer(text)]
        assert [(m.span(), m.lastgroup) for m in setting_matches(text, lower_aligned(text), settings_re)] == whole
        found += len(whole)
    assert found > 300


# -- wound: sentences without "wound" in any case skipped ------------------------------------------------------------


def _plain_wound(text: str, sentences, arm_mentions) -> list:
    from extractors import wound

    hits = []
    for start, end in sentences:
        sentence = text[start:end]
        if "ound" not in sentence:
            continue
        for found in wound._in_sentence(sentence, arm_mentions):
            found["start"] += start
            found["end"] += start
            hits.append(wound.Hit(wound.GROUP, "WOUND", found.pop("start"), found.pop("end"), found))
        if hits and not arm_mentions():
            break
    return hits


_WOUND_PIECES = [
    "Major", "wound", "Wound", "WOUND", "wOund", "complications", "healing", "delayed", "occurred", "in", "9", "of", "31",
    "patients", "(29%)", "found", "around", "were", "35%", "and", "17%", "respectively", ".", ". ", ";", " ", *_ODD_PIECES,
]


@_FAST
@given(st.lists(st.sampled_from(_WOUND_PIECES), max_size=30).map(" ".join))
def test_wound_rates_as_with_every_sentence_read(text: str) -> None:
    from extractors.segment import sentence_bounds
    from extractors.wound import find_wound_complications

    sentences = sentence_bounds(text)
    assert find_wound_complications(text, sentences, lambda: []) == _plain_wound(text, sentences, lambda: [])


def test_wound_rates_as_with_every_sentence_read_on_real_texts(shared_dir: Path) -> None:
    from extractors.segment import sentence_bounds
    from extractors.wound import find_wound_complications

    chosen = "Major wound complications occurred in 9 of 31 patients (29%). We found no other events."
    found = 0
    for text in [chosen, chosen.replace("wound", "WOUND")] + _dev_texts() + _pico_texts(shared_dir):
        sentences = sentence_bounds(text)
        hits = find_wound_complications(text, sentences, lambda: [])
        assert hits == _plain_wound(text, sentences, lambda: [])
        found += len(hits)
    assert found >= 1


# -- regimen: the other-treatment cues tried only at word starts ----------------------------------------------------

_CUE_PIECES = [
    "previously", "treated", "with", "DRUG", "refractory", "to", "after", "disease", "progression", "on", "two", "years", "of",
    "adjuvant", "chemotherapy", "options", "include", "not", "eligible", "for", "in", "place", "had", "received", "prior",
    "pre-treated", "pretreated", "despite", "salvage", "and", "or", "(", ")", ",", "-", " ", "  ", "x", "5", *_ODD_PIECES, "ınstead",
]


@_FAST
@given(st.lists(st.sampled_from(_CUE_PIECES), max_size=16), st.integers(0, 12))
def test_other_treatment_cues_at_word_starts_as_everywhere(pieces: list[str], start: int) -> None:
    from extractors.regimen import _NOT_TREATMENT_BEFORE, _NOT_TREATMENT_BEFORE_AT_WORDS

    for before in (" ".join(pieces) + " ", "".join(pieces)):
        plain = _NOT_TREATMENT_BEFORE.search(before, start)
        fast = _NOT_TREATMENT_BEFORE_AT_WORDS.search(before, start)
        assert (plain and plain.span()) == (fast and fast.span()), before


def test_other_treatment_cues_at_word_starts_on_real_texts(shared_dir: Path) -> None:
    from extractors import regimen
    from extractors.regimen import _NOT_TREATMENT_BEFORE, _NOT_TREATMENT_BEFORE_AT_WORDS

    asked: list[tuple[str, int]] = []

    class _Spy:
        def search(self, before: str, start: int = 0):
            asked.append((before, start))
            return _NOT_TREATMENT_BEFORE_AT_WORDS.search(before, start)

    lexicon = load_lexicon()
    saved = regimen._NOT_TREATMENT_BEFORE_AT_WORDS
    regimen._NOT_TREATMENT_BEFORE_AT_WORDS = _Spy()
    try:
        for text in _dev_texts() + _pico_texts(shared_dir):
            regimen.find_regimen(text, [(0, len(text))], lexicon)
    finally:
        regimen._NOT_TREATMENT_BEFORE_AT_WORDS = saved
    assert len(asked) > 100
    for before, start in asked:
        for at in (start, 0):
            plain = _NOT_TREATMENT_BEFORE.search(before, at)
            fast = _NOT_TREATMENT_BEFORE_AT_WORDS.search(before, at)
            assert (plain and plain.span()) == (fast and fast.span()), before


# -- lexicon: a long text's lower case kept for the finders that ask again ------------------------------------------


def test_kept_lower_case_is_the_texts_own() -> None:
    from extractors import lexicon

    texts = [f"Text {i}: İstanbul ΑΣ tamoxifen " * 20 + str(i) for i in range(lexicon._KEPT_COUNT + 40)]
    for _ in range(2):
        for text in texts:
            plain = "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)
            assert lower_aligned(text) == plain
            assert lower_aligned(text) is lower_aligned(text)  # the second time from the table
            copy = "".join(list(text))  # the same words, another object: lowered for itself, as well
            assert copy is not text and lower_aligned(copy) == plain
    assert len(lexicon._KEPT_LOWER) <= lexicon._KEPT_COUNT + 1
    short = "Tamoxifen"
    assert lower_aligned(short) == "tamoxifen" and id(short) not in lexicon._KEPT_LOWER


# -- design: the end of a design word's sentence ----------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "this merits a randomised comparison. it is done",
        "this merits a randomised comparison\nit is done. then",
        "a randomised trial merits it\n. a",
        "a randomised comparison merits study",
        "we did a randomised study. future trials merit a randomised comparison",
    ],
)
def test_other_work_reads_to_the_sentences_end(text: str) -> None:
    from extractors import design

    start = text.find("randomised")
    end = start + len("randomised")
    head = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start)) + 1
    tail = min((i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0), default=len(text))
    sentence = text[head:tail]
    expected = any(map(sentence.__contains__, design._RECOMMENDATION_WORDS)) and design._RECOMMENDATION.search(text, head, tail) is not None
    assert design._other_work(text, start, end) == expected
