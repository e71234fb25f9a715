"""The frame's fast paths (round 6a) give exactly what the plain forms they replace give.

Each fast form is checked against its plain form on the embedded development abstracts, on
generated abstracts and on random text built from the pieces that steer it.
"""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from evidence.records import Article, Section
from evidence.sources.files import read_articles
from extractors import pipeline, segment
from tests.test_extract_speed5b import _DEV, _FAST


def _dev_texts(limit: int = 200) -> list[str]:
    articles: list[Article] = []
    for path in sorted(_DEV.glob("*.txt"))[:limit]:
        articles.extend(read_articles(path))
    return [pipeline._compose(a)[0] for a in articles]


def _generated_texts(n: int = 300) -> list[str]:
    from benchmarks.bench_extract import generate

    return [pipeline._compose(a)[0] for a in generate(n)]


# --- sentence bounds -------------------------------------------------------------------------

_SENTENCE_PIECES = ["A", "b", "x", "vs", "e.g", "Fig", "al", "et", "The", "abcdefghijklmn", "Ab.", ".", "..", "!", "?", "\n", "\n\n", ". \n",
                    " ", "  ", "\t", "\r", "\x0b", "\u2009", '"', "'", "”", "’", ")", "]", "(", "[", "“", "12", "3", "P", " = .04", "95%", "CI", "é"]


@_FAST
@given(st.lists(st.sampled_from(_SENTENCE_PIECES), max_size=40).map("".join))
def test_sentence_bounds_are_the_plain_ones_on_random_text(text: str) -> None:
    assert segment.sentence_bounds(text) == segment._sentence_bounds_plain(text)
    no_marks = text.replace("!", ".").replace("?", "x")  # the stop-only scan
    assert segment.sentence_bounds(no_marks) == segment._sentence_bounds_plain(no_marks)


def test_sentence_bounds_keep_the_look_back_quirk_at_a_newline() -> None:
    # "$" matches before a newline ending the window: the "x" before "\n." reads as a one-letter word
    text = "Ab.Ab.\n(x]Ab.95% abc\t”CI\n12. \nx\n.  A\n\n  ”"
    assert segment.sentence_bounds(text) == segment._sentence_bounds_plain(text)
    assert (text.index("\n.  A") + 1, text.index("\n.  A") + 5) in segment.sentence_bounds(text)


def test_sentence_bounds_are_the_plain_ones_on_real_and_generated_abstracts() -> None:
    texts = _dev_texts() + _generated_texts()
    assert sum(len(segment.sentence_bounds(t)) for t in texts) > 3000
    assert sum("\n" in t for t in texts) > 100  # sectioned texts: the newline cuts are exercised
    for text in texts:
        assert segment.sentence_bounds(text) == segment._sentence_bounds_plain(text)


def test_stop_pattern_is_the_candidate_pattern_on_text_without_marks() -> None:
    for text in _dev_texts(60):
        text = text.replace("!", ".").replace("?", "x")
        plain = [m.span() for m in segment._CANDIDATE.finditer(text) if text[m.start()] == "."]
        assert [m.span() for m in segment._STOP.finditer(text)] == plain
    assert re.compile(segment._STOP.pattern).pattern.startswith(r"\.")  # one literal first: the engine's quick scan


# --- the symptom-trial gate ----------------------------------------------------------------------

_SYMPTOM_PIECES = ["emesis", "Emesis", "antiemetic", "antiemetics", "ANTIEMETICS", "xemetic", "emetics", "CINV", "cinv", "PONV", "pain", "Pain",
                   " relief", " response", "  \n", "analgesic", "analgesia", "analgesics", "_", "é", "Ю", "\u0130", "\u0131", "\u017f", "\u212a",
                   " ", "-", "2", "complete response", "(", ",", " no vomiting", " pain", "painful", "spain", "x", "a"]


def _plain_symptom_trial(text: str) -> bool:
    return len(pipeline._SYMPTOM_TRIAL.findall(text)) >= 2 or pipeline._SYMPTOM_CR.search(text) is not None


@_FAST
@given(st.lists(st.sampled_from(_SYMPTOM_PIECES), max_size=12).map("".join))
def test_symptom_trial_is_the_plain_answer_on_random_text(text: str) -> None:
    assert pipeline._symptom_trial(text) == _plain_symptom_trial(text)
    if text.isascii():
        assert pipeline._count_symptom_words(text, text.lower(), pipeline._SYMPTOM_KEYS) == min(2, len(pipeline._SYMPTOM_TRIAL.findall(text)))


def test_symptom_trial_is_the_plain_answer_on_real_and_generated_abstracts() -> None:
    texts = _dev_texts() + _generated_texts()
    texts += ["Antiemetic prophylaxis: emesis in 12 of 40 (30%).", "Pain relief and analgesic use were recorded; painful sites, Spain."]
    answers = [_plain_symptom_trial(t) for t in texts]
    assert any(answers)
    assert [pipeline._symptom_trial(t) for t in texts] == answers
