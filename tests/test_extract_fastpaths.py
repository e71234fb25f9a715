"""The extractor's fast paths give exactly what the plain forms they replace give.

Each speed-up swaps a general construct for a cheaper one (a bisection for ``doc.char_span``,
an ASCII twin of a regex, a letter tree for an alternation, a fixed pattern for one compiled
per value).  These tests compare the two forms on awkward random inputs.
"""

from __future__ import annotations

import re

import spacy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractors import numbers
from extractors.hits import NUMW
from extractors.lexicon import _ASCII_NOT_WORD, _WORD
from extractors.pipeline import build_pipeline
from extractors.segment import _TOKEN, _TOKEN_ASCII, token_range

_FAST = settings(max_examples=200, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
_PIECES = ["ab", "Ab", "12", "3.5", "0·62", ".04", " ", "  ", "\n", "-", "_", "/", "%", "(", ")", ",", ".", "é", "ß", "İ", "\t", "x"]
_TEXT = st.lists(st.sampled_from(_PIECES), max_size=25).map("".join)
_ASCII = st.lists(st.sampled_from([chr(i) for i in range(128)] + ["ab", "3.5", "x.1.2", "  ", "__"]), min_size=10, max_size=40).map("".join)


_BLANK = spacy.blank("en")


@_FAST
@given(_TEXT, st.integers(-2, 60), st.integers(0, 8))
def test_token_range_is_char_span_expanded(text: str, start: int, width: int) -> None:
    for tokenizer in (build_pipeline().tokenizer, _BLANK.tokenizer):
        doc = tokenizer(text)
        end = start + width
        try:
            span = doc.char_span(start, end, alignment_mode="expand")
            expected = None if span is None else (span.start, span.end)
        except (IndexError, ValueError):
            expected = "error"
        got = token_range(doc, start, end)
        if got is not None and got[1] < got[0]:
            got = "error"  # a Span over such a range raises, as char_span does
        assert got == expected


@_FAST
@given(_ASCII)
def test_ascii_token_regex_splits_like_the_general_one(text: str) -> None:
    assert _TOKEN_ASCII.findall(text) == _TOKEN.findall(text)


@_FAST
@given(_ASCII)
def test_ascii_lexicon_words_split_like_the_word_regex(text: str) -> None:
    lowered = text.lower()
    assert lowered.translate(_ASCII_NOT_WORD).split() == _WORD.findall(lowered)


_NUMBER_WORDS = list(numbers._ONES) + list(numbers._TENS)
_WORDY = st.lists(st.sampled_from(_NUMBER_WORDS + ["hundred", "thousand", "and", "a", "Seven", "SIX", "teen", "ty", "ſix", "9", "patients"]), max_size=8).flatmap(
    lambda words: st.lists(st.sampled_from([" ", "-", "  ", ", "]), min_size=len(words), max_size=len(words)).map(lambda seps: "".join(w + s for w, s in zip(words, seps)))
)


@_FAST
@given(_WORDY)
def test_number_word_tree_matches_like_the_longest_first_alternation(text: str) -> None:
    plain = "(?:" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + ")"
    for flags in (0, re.IGNORECASE):
        tree = re.compile(numbers.WORD_NUMBER, flags)
        alternation = re.compile(numbers.WORD_NUMBER.replace(numbers._UNIT_WORD, plain), flags)
        assert [m.span() for m in tree.finditer(text)] == [m.span() for m in alternation.finditer(text)]


@_FAST
@given(st.one_of(_WORDY, _TEXT))
def test_number_start_guard_changes_no_match(text: str) -> None:
    unguarded = f"(?:{numbers.DIGIT_NUMBER}|{numbers.WORD_NUMBER})"
    for flags in (0, re.IGNORECASE):
        for pattern in (r"{}", r"(?:{}\s*(?:,|and)?\s*)*{}\s+(?:months|patients)"):
            guarded_re = re.compile(pattern.format(NUMW, NUMW), flags)
            plain_re = re.compile(pattern.format(unguarded, unguarded), flags)
            assert [(m.span(), m.groups()) for m in guarded_re.finditer(text)] == [(m.span(), m.groups()) for m in plain_re.finditer(text)]


def _unguarded(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """The pattern without its leading ``(?=<class>)(?:...)`` guard."""
    opened = re.match(r"\(\?=(?:\[[^\]]*\]|\w)\)\(\?:", pattern.pattern)
    assert opened and pattern.pattern.endswith(")"), pattern.pattern[:40]
    return re.compile(pattern.pattern[opened.end() : -1], pattern.flags)


_GUARD_PIECES = ["95% CI", "CI", "ci", "(", "[", "0.5", "-", "1.2", ";", ",", "%", "12 months", "NR", "not reached", "complete", "Partial", ") stable",
                 ") were progressed", "progressed", "event-free", "overall", "disease-specific", "and", "survival", "·5", ".3", "x1", "ſtable", "İn",
                 "per cent", "trial", "in vitro", "randomized", "non-randomised", "RCT", " ", "  "]


@_FAST
@given(st.lists(st.sampled_from(_GUARD_PIECES), max_size=12).map(" ".join))
def test_guarded_patterns_match_like_the_bare_ones(text: str) -> None:
    from extractors import design, outcomes
    from extractors.lexicon import load_lexicon

    patterns = [outcomes._PCT_RE, outcomes._DURATION_RE, outcomes._BARE_NUM_RE, outcomes._ADJECTIVE_RESPONSE, outcomes._ELLIPSIS, numbers.CI_RE,
                design._NOT_SERIES, dict(load_lexicon().designs)["randomised"]]
    for pattern in patterns:
        bare = _unguarded(pattern)
        assert [(m.span(), m.groups()) for m in pattern.finditer(text)] == [(m.span(), m.groups()) for m in bare.finditer(text)]
