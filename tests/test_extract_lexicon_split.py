"""The one-table ASCII word split of :func:`extractors.lexicon.find_terms` gives what the two-step split gives."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.lexicon import _ASCII_LOWER_WORDS, _ASCII_NOT_WORD, find_terms, load_lexicon

_ASCII = st.lists(st.sampled_from([chr(i) for i in range(128)] + ["CR", "ORR", "pCR", "overall survival", "FOLFOX", "_", "  "]), max_size=40).map("".join)


def test_table_lowers_letters_and_blanks_the_rest() -> None:
    for i in range(128):
        ch = chr(i)
        assert chr(_ASCII_LOWER_WORDS[i]) == ch.lower().translate(_ASCII_NOT_WORD)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(_ASCII)
def test_terms_of_ascii_text_match_the_kelvin_sign_path(text: str) -> None:
    # a Kelvin sign ("K" lower-cases to "k") sends otherwise identical text down the str path: same terms
    lexicon = load_lexicon()
    twin = text + " \u212a"
    for index in (lexicon.measure_words, lexicon.drug_words):
        assert find_terms(index, text) == [t for t in find_terms(index, twin) if t[1] <= len(text)]
