"""The fast paths of speed round 8 (lexicon, regimen, design, pipeline) give exactly what the plain forms give.

Each fast form is compared with the plain form it replaces on the development abstracts, on the PICO texts (where
``../shared`` is present), on generated abstracts and their sentences, and on random text built from the pieces
that steer it (words that open a term but match nowhere alone, repeated words, symbols that are not ASCII).
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from extractors import lexicon
from extractors.lexicon import _match_words, _word_starts, blanked_words, find_terms, load_lexicon
from extractors.segment import sentence_bounds
from tests.test_extract_speed5b import _FAST, _dev_texts, _pico_texts


def _generated_texts(n: int = 200) -> list[str]:
    from benchmarks.bench_extract import generate
    from extractors.pipeline import _compose

    return [_compose(article)[0] for article in generate(n)]


def _with_sentences(texts: list[str]) -> list[str]:
    return texts + [text[s:e] for text in texts for s, e in sentence_bounds(text)]


# -- lexicon: find_terms ------------------------------------------------------------------------------------------


def _plain_terms(index, text: str) -> list:
    """The terms as the word-by-word pass finds them: no gate, every word an entry starts with located in order."""
    blanked = blanked_words(text)
    return _match_words(index, text, blanked.split(), _word_starts(blanked))


_TERM_PIECES = [
    "a", "A", "AVD", "A-AVD", "5", "FU", "5-FU", "5 - FU", "fluorouracil", "at", "AT", "all", "trans", "retinoic", "acid",
    "all-trans retinoic acid", "tamoxifen", "Tamoxifen", "overall", "survival", "Survival", "breast", "cancer",
    "specific", "cancer-specific", "OS", "os", "PFS", "S", "1", "S-1", "AC", "T", "AC-T", "ac", "d", "VRd", "or", "rate",
    "OR rate", "response", "complete", "pCR", "zoledronic", "l", "asparaginase", "6", "mercaptopurine", "_", "İ", "é", "≥",
]
_TERM_JOINS = [" ", " ", " ", "-", "/", "  ", " - ", ", ", "(", ") ", ".", "\n", "", "_", "é"]
_TERM_TEXT = st.lists(st.tuples(st.sampled_from(_TERM_PIECES), st.sampled_from(_TERM_JOINS)), max_size=30).map(
    lambda pieces: "".join(word + join for word, join in pieces)
)


def _assert_terms(text: str) -> int:
    lex = load_lexicon()
    found = 0
    for index in (lex.measure_words, lex.drug_words):
        terms = find_terms(index, text)
        assert terms == _plain_terms(index, text), text
        found += len(terms)
    return found


@_FAST
@given(_TERM_TEXT)
def test_find_terms_is_the_plain_pass_on_random_text(text: str) -> None:
    _assert_terms(text)


def test_find_terms_is_the_plain_pass_on_dev_and_generated_texts() -> None:
    texts = _with_sentences(_dev_texts()[:150] + _generated_texts())
    assert sum(_assert_terms(text) for text in texts) > 500


def test_find_terms_is_the_plain_pass_on_pico_texts(shared_dir: Path) -> None:
    assert sum(_assert_terms(text) for text in _with_sentences(_pico_texts(shared_dir)[:300])) > 500


def test_words_passed_over_are_skipped_when_the_same_word_is_asked_for() -> None:
    lex = load_lexicon()
    # "a" opens only "A-AVD": the first two "a" are passed over unlocated, the third is located past them
    text = "a b a c A-AVD and a AVD"
    assert find_terms(lex.drug_words, text) == _plain_terms(lex.drug_words, text)
    assert [text[s:e] for s, e, _ in find_terms(lex.drug_words, text)] == ["A-AVD", "AVD"]  # "a AVD": not the exact form
    # "5" before something else twice, then 5-FU: the term is found at its own "5"
    text = "5 of 5 patients had 5-FU"
    assert [text[s:e] for s, e, _ in find_terms(lex.drug_words, text)] == ["5-FU"]


def test_last_words_are_every_entrys_last_word() -> None:
    index = lexicon._merge(lexicon._index_words({"breast cancer-specific survival": "BCSS"}), lexicon._index_words({"OS": "OS"}, exact=True))
    assert lexicon._last_words(index) == {"survival", "os"}
    assert find_terms(index, "breast cancer was staged") == []  # a first word, no last word: gated
    assert find_terms(index, "Breast cancer-specific survival and OS") == [(0, 31, "BCSS"), (36, 38, "OS")]


# -- regimen: the other-treatment cues read case-sensitively in the lower case of ASCII text ----------------------

_CUE_PIECES = [
    "previously", "Previously", "treated", "with", "DRUG", "drug", "after", "After", "failure", "of", "progressed", "on",
    "disease", "progression", "following", "two", "lines", "years", "5", "months", "complete", "partial", "response",
    "in", "very", "good", "achieving", "a", "adjuvant", "chemotherapy", "options", "include", "not", "eligible", "for",
    "place", "had", "received", "prior", "pre-treated", "despite", "salvage", "anti-HER2", "Anti-her2", "taxane-based",
    "and", "or", "(", ")", ",", "-", " ", "  ", "\n", "x", "İ", "é", "K",
]


def _assert_cue_twin(before: str, start: int) -> None:
    from extractors.regimen import _NOT_TREATMENT_BEFORE_AT_WORDS, _NOT_TREATMENT_BEFORE_TWIN

    plain = _NOT_TREATMENT_BEFORE_AT_WORDS.search(before, start)
    if before.isascii():
        assert _NOT_TREATMENT_BEFORE_TWIN[0] is _NOT_TREATMENT_BEFORE_AT_WORDS
        twin = _NOT_TREATMENT_BEFORE_TWIN[1].search(before.lower(), start)
        assert (plain and plain.span()) == (twin and twin.span()), before


@_FAST
@given(st.lists(st.sampled_from(_CUE_PIECES), max_size=16), st.integers(0, 12))
def test_other_treatment_cue_twin_on_random_text(pieces: list[str], start: int) -> None:
    for before in (" ".join(pieces) + " ", "".join(pieces)):
        _assert_cue_twin(before, start)


def test_other_treatment_cue_twin_on_real_texts() -> None:
    lex = load_lexicon()
    tried = 0
    for text in _dev_texts()[:150] + _generated_texts(100):
        for start, _, _ in find_terms(lex.drug_words, text):
            before = text[max(0, start - 90) : start]
            for at in (0, len(before) // 2):
                _assert_cue_twin(before, at)
                tried += 1
    assert tried > 200


def test_regimen_hits_with_the_cue_twin_as_without(monkeypatch) -> None:
    from extractors import regimen

    lex = load_lexicon()
    texts = _dev_texts()[:150] + _generated_texts(100)
    fast = [regimen.find_regimen(text, sentence_bounds(text), lex) for text in texts]
    monkeypatch.setattr(regimen, "_NOT_TREATMENT_BEFORE_TWIN", (None, None))  # the twin never taken
    assert fast == [regimen.find_regimen(text, sentence_bounds(text), lex) for text in texts]


# -- pipeline: the symptom-trial gates ----------------------------------------------------------------------------


def _plain_symptom_trial(text: str) -> bool:
    from extractors.pipeline import _SYMPTOM_CR, _SYMPTOM_TRIAL

    return len(_SYMPTOM_TRIAL.findall(text)) >= 2 or _SYMPTOM_CR.search(text) is not None


_SYMPTOM_PIECES = [
    "complete", "Complete", "response", "protection", "control", "(", ")", ",", ":", "defined", "as", "no", "without",
    "absence", "of", "emesis", "Emesis", "vomiting", "nausea", "rescue", "pain", "Pain", "relief", "antiemetic",
    "emetic", "CINV", "PONV", "analgesic", "analgesia", "Spain", "painful", "the", "was", "40%", "İ", "é", "ſ", "\u212a",
]


@_FAST
@given(st.lists(st.sampled_from(_SYMPTOM_PIECES), max_size=20))
def test_symptom_trial_as_the_plain_patterns_on_random_text(pieces: list[str]) -> None:
    from extractors.pipeline import _symptom_trial

    for text in (" ".join(pieces), "".join(pieces)):
        assert _symptom_trial(text) == _plain_symptom_trial(text), text


def test_symptom_trial_as_the_plain_patterns_on_real_texts() -> None:
    from extractors.pipeline import _symptom_trial

    chosen = ["Complete response (no emesis, no rescue) was 70%. Pain was mild.", "Complete control: no vomiting.", "complete response of the tumour"]
    for text in chosen + _dev_texts() + _generated_texts(100):
        assert _symptom_trial(text) == _plain_symptom_trial(text), text


def test_ends_looked_for_without_a_key_are_those_holding_none() -> None:
    from extractors import pipeline

    assert set(pipeline._SYMPTOM_CR_OTHER_ENDS) == {"vomiting", "nausea", "rescue"}
    assert all(not any(key in end for key in pipeline._SYMPTOM_KEYS) for end in pipeline._SYMPTOM_CR_OTHER_ENDS)


# -- segment: the word before a full stop read with string methods ---------------------------------------------


_STOP_PIECES = ["e.g.", "i.e.", "vs.", "Fig.", "al.", "et", "A.", "B", "p.", "No.", "Dr.", "mo.", "..", ".", ". ", " ", "  ", "\n",
                "Patients", "The", "2", "(", ")", "3.5", "x.", "Mr.", "etc.", "ca.", "'", "\"", "!", "é.", "É", "_."]


@_FAST
@given(st.lists(st.sampled_from(_STOP_PIECES), max_size=30))
def test_sentence_bounds_as_the_plain_form_on_random_text(pieces: list[str]) -> None:
    from extractors.segment import _sentence_bounds_plain

    for text in ("".join(pieces), " ".join(pieces)):
        assert sentence_bounds(text) == _sentence_bounds_plain(text), text


def test_sentence_bounds_as_the_plain_form_on_real_texts() -> None:
    from extractors.segment import _sentence_bounds_plain

    for text in _dev_texts() + _generated_texts(100):
        assert sentence_bounds(text) == _sentence_bounds_plain(text)


# -- regimen: settings tried at the starts of their first words --------------------------------------------------

_SETTING_PIECES = [
    "neoadjuvant", "neo-adjuvant", "Neo adjuvant", "neo- adjuvant", "NEOADJUVANT", "adjuvant", "Adjuvant", "pre-operative",
    "preoperative", "Pre-", "pre- and postoperative", "pre-/post-operative", "postoperative", "post-operative",
    "Peri-operative", "perioperative", "prior to", "Prior  to", "before", "surgery", "resection", "surgical", "induction",
    "concurrent", "concurrently", "concomitant", "concomitantly", "sequential", "sequentially", "consolidative",
    "consolidation", "maintenance", "definitive", "palliative", "chemotherapy", "radiotherapy", "RT", "CRT", "therapy",
    "treatment", "of", "dose", "with", "cisplatin", "trastuzumab", "nonadjuvant", "x_adjuvant", "_", "2", "é", "İ",
    " ", "  ", "-", ".", ",", "(", "/", "\n", "pre", "post", "peri", "neo",
]


def _assert_settings(text: str) -> int:
    from extractors.lexicon import lower_aligned
    from extractors.regimen import setting_matches

    settings_re = load_lexicon().settings_re
    whole = [(m.span(), m.lastgroup) for m in settings_re.finditer(text)]
    blanked = blanked_words(text)
    fast = setting_matches(text, lower_aligned(text), settings_re, blanked, blanked.split())
    assert [(m.span(), m.lastgroup) for m in fast] == whole, text
    return len(whole)


@_FAST
@given(st.lists(st.sampled_from(_SETTING_PIECES), max_size=14))
def test_settings_at_first_words_as_the_whole_text_on_random_text(pieces: list[str]) -> None:
    for text in (" ".join(pieces), "".join(pieces), "pre- and " + " ".join(pieces)):
        _assert_settings(text)


def test_settings_at_first_words_as_the_whole_text_on_real_texts() -> None:
    assert sum(_assert_settings(text) for text in _dev_texts() + _generated_texts()) > 50


def test_settings_at_first_words_on_pico_texts(shared_dir: Path) -> None:
    assert sum(_assert_settings(text) for text in _pico_texts(shared_dir)) > 200


def test_every_setting_of_the_lexicon_has_first_words() -> None:
    from extractors.regimen import SETTING_FIRST_WORDS, _first_words

    settings_re = load_lexicon().settings_re
    assert set(settings_re.groupindex) <= set(SETTING_FIRST_WORDS)
    assert _first_words(settings_re) is not None
    # a setting the table does not know turns the gate off: the whole text is read
    import re

    other = re.compile(settings_re.pattern + "|(?P<novel>xyz)", re.IGNORECASE)
    assert _first_words(other) is None
    text = "patients had novel XYZ and adjuvant therapy"
    blanked = blanked_words(text)
    from extractors.regimen import setting_matches

    assert [m.span() for m in setting_matches(text, text.lower(), other, blanked, blanked.split())] == [m.span() for m in other.finditer(text)]
