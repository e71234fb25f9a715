"""The arm finder's fast paths (round 7a) give exactly what the plain forms they replace give.

Each fast form is checked against its plain form on the sentences of the embedded development
abstracts, of generated abstracts, and on random text built from the pieces that steer it.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from evidence.records import Article
from evidence.sources.files import read_articles
from extractors import arms, pipeline
from extractors.segment import sentence_bounds

_FAST = settings(max_examples=300, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
_DEV = Path(__file__).resolve().parents[1] / "corpora" / "dev"


@lru_cache(maxsize=1)
def _sentences() -> tuple[str, ...]:
    """The sentences of the development abstracts and of generated ones (the texts the finders read)."""
    from benchmarks.bench_extract import generate

    articles: list[Article] = []
    for path in sorted(_DEV.glob("*.txt")):
        articles.extend(read_articles(path))
    articles.extend(generate(300))
    out = []
    for article in articles:
        text = pipeline._compose(article)[0]
        out.extend(text[s:e] for s, e in sentence_bounds(text))
    return tuple(out)


def _spans(matches: object) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
    return [(m.span(), m.groupdict()) for m in matches]  # type: ignore[attr-defined]


# --- _ARM_N matched at fewer starts --------------------------------------------------------------

_ARM_N_PIECES = ["A", "ab", "Docetaxel", "arm B", "the", " ", "  ", ",", ", ", ";", ".", "(", ")", "[", "]", "=", "n = ", "N=", "n", "12", "3.5",
                 "120", " patients", " women", "pts", "mg", " 75 mg/m2", "/", "-", "+", "·", "é", "\n", "\t", "%", ":", "x" * 30, "word " * 6,
                 "control group", "(n = 40)", "(60 patients)", "(C, n = 12)", "(usual care; 46)"]


def _old_arm_n(sentence: str) -> list[re.Match[str]]:
    return list(arms._matches_at(arms._ARM_N, sentence, arms._arm_n_starts(sentence)))


def test_arm_n_matches_are_the_plain_ones_on_real_sentences() -> None:
    sentences = _sentences()
    checked = 0
    for sentence in sentences:
        if "=" in sentence or "(" in sentence or "[" in sentence:
            fast = _spans(arms._arm_n_matches(sentence))
            assert fast == _spans(_old_arm_n(sentence)), sentence
            checked += bool(fast)
    assert checked > 100  # the comparison saw real matches


@_FAST
@given(st.lists(st.sampled_from(_ARM_N_PIECES), max_size=40).map("".join))
def test_arm_n_matches_are_the_plain_ones_on_random_text(sentence: str) -> None:
    fast = _spans(arms._arm_n_matches(sentence))
    assert fast == _spans(_old_arm_n(sentence))
    assert fast == _spans(arms._ARM_N.finditer(sentence))


# --- number-led patterns tried only at numbers followed by a space or a bracket -------------------

_NUMBER_PIECES = ["12", "3.5", ".5", "·5", "1,200", "1 200", "1\u2009200", "0.61", "45%", "%", " ", "  ", "\t", "\n", "(", "[", ")", "]", ",", ";",
                  ".", "/", "+", ":", "=", "n = ", "twelve", "Forty", "a hundred", "one hundred and ten", "patients", " women", " were", " randomised",
                  " randomly assigned", " to", " received", " in", " the ", "arm", "group", "placebo", "docetaxel", " and ", " or ", " vs ",
                  "(51.3%)", " evaluable", " assigned to", " treated with", "é", "²", "\u0663", "x"]
#: the patterns that use _spaced_number_starts
_SPACED = ("_ARM_TO", "_ARM_ASSIGNED", "_PAIR_OF_PEOPLE", "_EVALUABLE_IN")


def _check_spaced(sentence: str) -> int:
    found = 0
    for name in _SPACED:
        pattern = getattr(arms, name)
        fast = _spans(arms._matches_at(pattern, sentence, arms._spaced_number_starts(sentence)))
        assert fast == _spans(arms._matches_at(pattern, sentence, arms._number_starts(sentence))), (name, sentence)
        found += len(fast)
    return found


def test_spaced_number_starts_give_the_plain_matches_on_real_sentences() -> None:
    assert sum(_check_spaced(sentence) for sentence in _sentences()) > 100


def test_spaced_number_starts_keep_a_number_before_its_bracketed_percentage() -> None:
    for sentence in ("Overall, 77(51.3%) were randomised to docetaxel and 73[48.7%] to placebo.",
                     "In all, 1 200 women received letrozole, 12\u2009000 received placebo and 84\ttook tamoxifen."):
        assert _check_spaced(sentence) >= 2


@_FAST
@given(st.lists(st.sampled_from(_NUMBER_PIECES), max_size=30).map("".join))
def test_spaced_number_starts_give_the_plain_matches_on_random_text(sentence: str) -> None:
    _check_spaced(sentence)
    assert set(arms._spaced_number_starts(sentence)) <= set(arms._number_starts(sentence))


# --- _RANDOMISED_TO searched only where its verbs stand -----------------------------------------

_ALLOCATION_PIECES = ["randomised", "Randomized", "RANDOMLY", " randomly ", "assigned", "Allocated", "allocat", "assign", "ſ", "İ", "K", "to", " to ",
                      " receive ", "either", "A", "B", "placebo", " or ", " versus ", " vs. ", " and ", "compared with", "(", ")", ";", ".", ",", " ",
                      "1:1", "in a 2:1 ratio", "between", "into the", "arm", "group", "for", "é"]


@_FAST
@given(st.lists(st.sampled_from(_ALLOCATION_PIECES), max_size=30).map("".join))
def test_may_allocate_never_hides_a_randomised_to_match(sentence: str) -> None:
    if not arms._may_allocate(sentence, sentence.lower()):
        assert arms._RANDOMISED_TO.search(sentence) is None
        assert arms._RANDOMISED_TO.search(arms._blank_brackets(sentence)) is None


def test_may_allocate_never_hides_a_randomised_to_match_on_real_sentences() -> None:
    matched = 0
    for sentence in _sentences():
        found = arms._RANDOMISED_TO.search(sentence) is not None
        matched += found
        assert arms._may_allocate(sentence, sentence.lower()) or not found
    assert matched > 20


# --- number starts found by a class-first scan; bracketed lists read only when they hold a digit ---

_DIGIT_PIECES = ["1", "23", ".", "·", ".5", "a", "B", "_", " ", "\n", "x1", "1.", "..", "·7", "%", "-", "/", "\u0663", "²", "é", "(", ")", ","]


@_FAST
@given(st.lists(st.sampled_from(_DIGIT_PIECES), max_size=40).map("".join))
def test_fast_digit_starts_are_the_plain_ones_on_random_text(text: str) -> None:
    assert [m.start() for m in arms._DIGIT_START_FAST.finditer(text)] == [m.start() for m in arms._DIGIT_START.finditer(text)]


def test_fast_digit_starts_are_the_plain_ones_on_real_sentences() -> None:
    found = 0
    for sentence in _sentences():
        fast = [m.start() for m in arms._DIGIT_START_FAST.finditer(sentence)]
        assert fast == [m.start() for m in arms._DIGIT_START.finditer(sentence)], sentence
        found += len(fast)
    assert found > 1000


_LIST_PIECES = ["A", "docetaxel", "control", "12", "3.5", "n = ", "patients", " ", ", ", "; ", " and ", " versus ", " vs. ", "·", "-", "+", "/", "é",
                "mg", "\u0663", "x"]


def _plain_items_read(inner: str) -> bool:
    """Whether _listed_arms as it was (no digit gate) gets past its items: two or more, each matching an item pattern."""
    splitter = r"\s*;\s*" if ";" in inner else r"\s*,\s*|\s+and\s+|\s+versus\s+|\s+vs\.?\s+"
    items = [x for x in re.split(splitter, inner) if x.strip()]
    return len(items) >= 2 and all(arms._ITEM_NUM_FIRST.match(item) or arms._ITEM_LABEL_FIRST.match(item) for item in items)


@_FAST
@given(st.lists(st.sampled_from(_LIST_PIECES), max_size=25).map("".join))
def test_listed_arms_gate_hides_no_list(inner: str) -> None:
    if arms._ANY_DIGIT.search(inner) is None:  # the gate: such a list never got past its items
        assert not _plain_items_read(inner)
    split = (arms._SEMI_SPLIT if ";" in inner else arms._ITEM_SPLIT).split(inner)
    assert split == re.split(r"\s*;\s*" if ";" in inner else r"\s*,\s*|\s+and\s+|\s+versus\s+|\s+vs\.?\s+", inner)


def test_listed_arms_still_reads_a_list() -> None:
    sentence = "Patients were randomised (242 induction, 238 control)."
    found = arms._listed_arms(sentence, 0, "242 induction, 238 control", sentence.index("(") + 1)
    assert [(h.payload["label"], h.payload["n"]) for h in found] == [("induction", 242), ("control", 238)]


_FRACTION_PIECES = ["12", "3", "/", " of ", "of", " out of ", "out  of\t", "(", ")", "[", "]", "(40%)", " ", "n", "N", "an", "n =", "N=", "=", " = ",
                    "patients", "x", "_", "é", "\u0663", "·", "\n"]


@_FAST
@given(st.lists(st.sampled_from(_FRACTION_PIECES), max_size=30).map("".join))
def test_fast_fraction_gate_is_the_plain_one_on_random_text(text: str) -> None:
    assert [m.span() for m in arms._FRACTION_GATE_FAST.finditer(text)] == [m.span() for m in arms._FRACTION_GATE.finditer(text)]


def test_fast_fraction_gate_is_the_plain_one_on_real_sentences() -> None:
    found = 0
    for sentence in _sentences():
        fast = [m.span() for m in arms._FRACTION_GATE_FAST.finditer(sentence)]
        assert fast == [m.span() for m in arms._FRACTION_GATE.finditer(sentence)], sentence
        found += len(fast)
    assert found > 100
