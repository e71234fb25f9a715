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
