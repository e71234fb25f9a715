"""The fast paths of the regimen, lexicon, design and sentence parts (speed round 5b) find what the plain forms do.

Each fast form is compared with the plain form it replaces on the development abstracts, on the PICO texts
(where ``../shared`` is present) and on random text built from pieces that exercise the patterns.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from string import ascii_lowercase

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractors import design
from extractors.lexicon import load_lexicon, lower_aligned

_FAST = settings(max_examples=300, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
_DEV = Path(__file__).resolve().parents[1] / "corpora" / "dev"


def _dev_texts() -> list[str]:
    texts = [path.read_text(encoding="utf-8") for path in sorted(_DEV.glob("*.txt"))]
    assert len(texts) >= 50
    return texts


def _pico_texts(shared_dir: Path) -> list[str]:
    folder = shared_dir / "data" / "pico-corpus-dev" / "files"
    texts = [path.read_text(encoding="utf-8") for path in sorted(folder.glob("*.txt"))]
    if not texts:
        pytest.skip("no PICO texts")
    return texts


# -- design ----------------------------------------------------------------------------------------------------

_DESIGN_PIECES = [
    "randomised", "Randomized", "randomly assigned", "randomization", "RCT", "rct", "non-randomised", "retrospective",
    "Retrospectively", "prospective", "prospectively", "phase", "Phase", "I", "II", "III", "1", "2", "3", "b", "/", "-", "–",
    "trial", "trials", "protocol", "systematic review", "meta-analysis", "will be", "in vitro", "in\nvitro", "mice",
    "cell lines", "guideline", "records", "we reviewed", "were reviewed", "database", "our centre", "consecutive",
    "treated at", "between 2001 and 2010", "from 1999 to 2004", "2001-2010", "a", "previous", "studies", "merits",
    "is needed", "future", " ", " ", ".", ". ", "\n", ",", "(", "ſ", "K", "İ", "x", "patients",
]
_DESIGN_TEXT = st.lists(st.sampled_from(_DESIGN_PIECES), max_size=30)


def _assert_design_fast_forms(text: str) -> None:
    lower = lower_aligned(text)
    if text.isascii() or not any(ch in text for ch in design._FOLD_TO_ASCII):
        for label, pattern in load_lexicon().designs:
            keys = design._DESIGN_KEYS[label]
            for start in (0, 7):
                plain = [(m.span(), m.groups()) for m in pattern.finditer(text, start)]
                assert [(m.span(), m.groups()) for m in design.key_matches(pattern, text, lower, keys, start)] == plain, (label, text)
    if text.isascii():
        plain_cue = design._SERIES_CUE.search(text)
        twin_cue = design._SERIES_CUE_TWIN.search(lower)
        assert (plain_cue and plain_cue.span()) == (twin_cue and twin_cue.span()), text
    assert design._names_no_series(text, lower) == (design._NOT_SERIES.search(text) is not None), text


@_FAST
@given(_DESIGN_TEXT.map(" ".join), _DESIGN_TEXT.map("".join))
def test_design_fast_forms_on_random_text(spaced: str, joined: str) -> None:
    for text in (spaced, joined):
        _assert_design_fast_forms(text)


def test_design_fast_forms_on_dev_texts() -> None:
    for text in _dev_texts():
        _assert_design_fast_forms(text)


def test_design_fast_forms_on_pico_texts(shared_dir: Path) -> None:
    for text in _pico_texts(shared_dir)[:400]:
        _assert_design_fast_forms(text)


def test_only_the_listed_characters_fold_to_ascii_letters() -> None:
    # key_matches runs on non-ASCII text without them: every other character matches an ASCII letter case-blind only
    # where its lower case is that letter
    letter = re.compile("[a-z]", re.IGNORECASE)
    folding = {chr(c) for c in range(128, sys.maxunicode + 1) if letter.fullmatch(chr(c)) and lower_aligned(chr(c)) not in ascii_lowercase}
    assert folding <= set(design._FOLD_TO_ASCII)


def test_every_design_match_starts_at_its_key() -> None:
    # what key_matches relies on: checked on every dev text for the patterns of the lexicon
    for text in _dev_texts():
        lower = text.lower()
        for label, pattern in load_lexicon().designs:
            for m in pattern.finditer(text):
                assert lower.startswith(design._DESIGN_KEYS[label], m.start()) or not text.isascii(), (label, m.group())


# -- regimen: fractions and cycles tried only where a count can start --------------------------------------------

_COUNT_PIECES = [
    "10", "2.5", "1,000", "1 000", ".5", "five", "Twenty-five", "one hundred and twelve", "a hundred", "and", "to", "or",
    "-", "x", "X", "×", "Gy", "gy", "GY", "cGy", "fractions", "Fractions", "fraction", "fx", "FX", "single", "single-fraction",
    "daily", "twice-daily", "consecutive", "of", "in", "with", "per", "/", "(", ")", "%", "weeks", "days", "cycles", "Cycle",
    "courses", "course", "more", "fewer", "every", "lasting", "three-hour", "education", "day", "2020", "21-day", "_", " ",
    " ", "  ", "\t", ",", ".", "·", "é", "İ", "ſ", "patients", "strategy", "oncology",
]
_COUNT_TEXT = st.lists(st.sampled_from(_COUNT_PIECES), max_size=24)


def _cycles_from_the_start(sentence: str) -> list[tuple[tuple[int, int], tuple[str | None, ...]]]:
    """The plain form of :func:`extractors.regimen._cycle_matches`: ``_CYCLES`` searched from the sentence's start."""
    from extractors.regimen import _CYCLES, _NOT_BETWEEN

    found, at = [], 0
    while (m := _CYCLES.search(sentence, at)) is not None:
        between = m.group("between")
        if between and any(word in _NOT_BETWEEN or word.endswith(("-hour", "-hours")) for word in between.lower().split()):
            at = m.end("hi" if m.group("hi") else "lo")
            continue
        at = m.end()
        found.append((m.span(), m.groups()))
    return found


def _assert_count_fast_forms(sentence: str) -> None:
    from extractors.regimen import _FRACTIONS, _cycle_matches, _fraction_matches

    lower = lower_aligned(sentence)
    plain = [(m.span(), m.groups()) for m in _FRACTIONS.finditer(sentence)]
    assert [(m.span(), m.groups()) for m in _fraction_matches(sentence, lower)] == plain, sentence
    assert [(m.span(), m.groups()) for m in _cycle_matches(sentence, lower)] == _cycles_from_the_start(sentence), sentence


@_FAST
@given(_COUNT_TEXT.map(" ".join), _COUNT_TEXT.map("".join))
def test_fractions_and_cycles_on_random_text(spaced: str, joined: str) -> None:
    for sentence in (spaced, joined, spaced + " " + joined):
        _assert_count_fast_forms(sentence)


@pytest.mark.parametrize(
    "sentence",
    ["2 x\t25 Gy", "25 Gy X\n2 fractions", "5\x1cfractions", "one hundred and twelve (ten twice-daily fractions)", "1 000 fx",
     "2,000 cGy in 10 single-fraction", "45 Gy/25 fx", "three or more cycles", "2020 with three cycles", "4-6 courses every 3 weeks"],
)
def test_fractions_and_cycles_on_chosen_sentences(sentence: str) -> None:
    _assert_count_fast_forms(sentence)


def _sentences(texts: list[str], cue: tuple[str, ...]) -> list[str]:
    from extractors.segment import sentence_bounds

    return [text[s:e] for text in texts for s, e in sentence_bounds(text) if any(c in text[s:e].lower() for c in cue)]


_COUNT_CUES = ("gy", "fraction", "fx", "cycle", "course")


def test_fractions_and_cycles_on_dev_sentences() -> None:
    sentences = _sentences(_dev_texts(), _COUNT_CUES)
    assert len(sentences) > 100
    for sentence in sentences:
        _assert_count_fast_forms(sentence)


def test_fractions_and_cycles_on_pico_sentences(shared_dir: Path) -> None:
    for sentence in _sentences(_pico_texts(shared_dir), _COUNT_CUES):
        _assert_count_fast_forms(sentence)


def test_count_start_reads_back_to_the_count() -> None:
    from extractors.regimen import _count_start

    lower = "patients received radiotherapy of 35 gy in 10 twice-daily fractions"
    noun = lower.index("fractions")
    assert lower[_count_start(lower, noun, 2) :] == "gy in 10 twice-daily fractions"  # "in" and "twice-daily": two words; "gy" a third
    lower = "(one hundred and twelve) of four to six consecutive cycles"
    assert _count_start(lower, lower.index("cycles"), 2) == lower.index(")") + 1  # "consecutive", "of": two words; then ")"
    assert _count_start(lower, lower.index("cycles"), 1) == lower.index("of")  # one word allowed: "of" is a second
    assert _count_start("x;5 cycles", 4, 2) == 2  # a character no count holds


# -- lexicon: terms of ASCII text matched with the word starts inline ---------------------------------------------

_TERM_PIECES = [
    "overall", "Overall", "survival", "survivals", "response", "rate", "rates", "objective", "tumour", "complete", "pathologic",
    "progression", "free", "Progression-free", "CR", "cr", "ORR", "OS", "os", "5", "FU", "fluorouracil", "FOLFOX", "folfox",
    "A-AVD", "a", "avd", "AC", "T", "AC-T", "nab", "paclitaxel", "albumin", "bound", "all", "trans", "retinoic", "acid", "or",
    "and", "cisplatin",
]
_TERM_JOINS = [" ", " ", "-", "/", " - ", "  ", "_", ", ", "(", ") ", ".", "\n", "+", " / "]
_TERM_TEXT = st.lists(st.tuples(st.sampled_from(_TERM_PIECES), st.sampled_from(_TERM_JOINS)), max_size=16).map(
    lambda pieces: "".join(word + join for word, join in pieces)
)


def _assert_terms_as_word_by_word(text: str) -> int:
    from extractors.lexicon import _ASCII_LOWER_WORDS, _match_blanked, _match_words, _word_starts

    blanked = text.encode("ascii").translate(_ASCII_LOWER_WORDS).decode("ascii")
    words = blanked.split()
    found = 0
    for index in (load_lexicon().measure_words, load_lexicon().drug_words):
        plain = _match_words(index, text, words, _word_starts(blanked))
        assert _match_blanked(index, text, blanked, words) == plain, text
        found += len(plain)
    return found


@_FAST
@given(_TERM_TEXT)
def test_terms_of_blanked_text_on_random_text(text: str) -> None:
    _assert_terms_as_word_by_word(text)


def test_terms_of_blanked_text_on_dev_texts() -> None:
    from extractors.segment import sentence_bounds

    found = 0
    for text in _dev_texts():
        if text.isascii():
            found += _assert_terms_as_word_by_word(text)
            for s, e in sentence_bounds(text):
                _assert_terms_as_word_by_word(text[s:e])
    assert found > 200


def test_terms_of_blanked_text_on_pico_texts(shared_dir: Path) -> None:
    for text in _pico_texts(shared_dir)[:600]:
        if text.isascii():
            _assert_terms_as_word_by_word(text)


@pytest.mark.parametrize(
    "text",
    ["objective response  rate", "objective response-rate", "overall survival/ORR", "progression - free survival rates",
     "A-AVD and a avd", "AC-T AC - T", "overall_survival", "overall survivals", "nab+paclitaxel", "os OS Os", "5-FU/5 fluorouracil"],
)
def test_terms_of_blanked_text_on_chosen_text(text: str) -> None:
    _assert_terms_as_word_by_word(text)


# -- regimen: the words before a dose read from the end -------------------------------------------------------------

_BEFORE_PIECES = ["fraction", "fractions", "Fraction", "FRACTIONS", "size", "sizes", "dose per fraction", "dose", "per", "of", "OF",
                  "was", ":", " ", "  ", "\t", "\n", "\x1c", "2", "12", "x", "X", "×", "a", "at", "in", "-", "s", "ion", "frac", "é"]


@settings(max_examples=2000, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(_BEFORE_PIECES), max_size=8).map("".join))
def test_per_fraction_before_reads_what_the_pattern_does(before: str) -> None:
    from extractors.regimen import _PER_FRACTION_BEFORE, _per_fraction_before

    assert _per_fraction_before(before) == (_PER_FRACTION_BEFORE.search(before) is not None)


@pytest.mark.parametrize(
    ("before", "expected"),
    [("radiotherapy of ", False), ("given as 2 x ", True), ("2X", True), ("fraction size of ", True), ("fractionsize", False),
     ("dose per fraction was ", True), ("in daily fractions:  ", True), ("fractions ofx", False), ("5 ×  ", True), ("a fraction\t", True)],
)
def test_per_fraction_before_on_chosen_text(before: str, expected: bool) -> None:
    from extractors.regimen import _PER_FRACTION_BEFORE, _per_fraction_before

    assert _per_fraction_before(before) is expected
    assert (_PER_FRACTION_BEFORE.search(before) is not None) is expected


# -- regimen: the no-regimen title pattern skipped for a title whose only gate word is "meta" of "metastatic" --------

_TITLE_PIECES = ["metastatic", "Metastatic", "meta-analysis", "Meta analyses", "meta-regression", "metaanalysis", "review", "Review",
                 "systematic", "a", "of the literature", "Rats", "rat", "rats", "cell", "lines", "cell\tline", "in  vitro", "in vitro",
                 "mice", "guideline", "recommendations for", "consensus statement", "overview", "cancer", "trial", ":", " ", "  ",
                 "ſ", "İ", "(", "-", "patients", "analysis", "treatment", "first-line"]


def _assert_title_check_as_before(title: str) -> None:
    from extractors.regimen import _NO_REGIMEN_TITLE, _NO_REGIMEN_TITLE_WORDS, _title_may_say_no_regimen

    lower = lower_aligned(title)
    before = _NO_REGIMEN_TITLE.search(title) if any(word in lower for word in _NO_REGIMEN_TITLE_WORDS) else None
    now = _NO_REGIMEN_TITLE.search(title) if _title_may_say_no_regimen(title, lower) else None
    assert (before and (before.span(), before.group())) == (now and (now.span(), now.group())), title


@settings(max_examples=1500, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(_TITLE_PIECES), max_size=10).map(" ".join), st.lists(st.sampled_from(_TITLE_PIECES), max_size=10).map("".join))
def test_title_check_on_random_titles(spaced: str, joined: str) -> None:
    for title in (spaced, joined):
        _assert_title_check_as_before(title)


def test_title_check_on_dev_titles() -> None:
    for text in _dev_texts():
        _assert_title_check_as_before(text.split("\n", 1)[0])


def test_title_check_on_pico_titles(shared_dir: Path) -> None:
    for text in _pico_texts(shared_dir):
        _assert_title_check_as_before(text.split("\n", 1)[0])


# -- design: the recommendation pattern only on a sentence holding one of its words ---------------------------------

_RECOMMENDATION_PIECES = ["merits", "warranted", "deserves", "justifies", "calls", "for", "should", "be", "is", "are", "needed", "required",
                          "necessary", "awaited", "ongoing", "underway", "planned", "needs", "to", "remains", "worth", "awaits",
                          "in", "the", "future", "a", "randomised", "trial", " ", "\n", "\t", "-", "ſ", "."]


def _assert_recommendation_holds_a_word(lower: str) -> None:
    for m in design._RECOMMENDATION.finditer(lower):
        assert any(word in m.group() for word in design._RECOMMENDATION_WORDS), m.group()


@_FAST
@given(st.lists(st.sampled_from(_RECOMMENDATION_PIECES), max_size=12).map(" ".join), st.lists(st.sampled_from(_RECOMMENDATION_PIECES), max_size=12).map("".join))
def test_recommendation_matches_hold_a_word_on_random_text(spaced: str, joined: str) -> None:
    for lower in (spaced, joined):
        _assert_recommendation_holds_a_word(lower)


def test_recommendation_matches_hold_a_word_on_dev_texts() -> None:
    for text in _dev_texts():
        _assert_recommendation_holds_a_word(lower_aligned(text))


def _plain_design(text: str) -> list:
    """The plain form of :func:`extractors.design.find_design`: each pattern searched from its first key word, the
    series cues and not-a-series words searched over the whole text."""
    from extractors.hits import Hit

    hits = []
    lower = lower_aligned(text)
    for label, pattern in load_lexicon().designs:
        first = min((i for i in map(lower.find, design._DESIGN_KEYS[label]) if i >= 0), default=-1)
        if first < 0:
            continue
        for m in pattern.finditer(text, first):
            if label == "prospective" and design._records_kept(lower, m.start(), m.end()):
                continue  # records kept prospectively (the rule find_design gained)
            if not design._other_work(lower, m.start(), m.end()):
                hits.append(Hit("design", label, m.start(), m.end(), {"value": label}))
                break
    phases = [h for h in hits if h.label.startswith("phase")]
    if phases:
        first = min(h.start for h in phases)
        hits = [h for h in hits if not h.label.startswith("phase") or h.start == first]
    labels = {h.label for h in hits}
    if "randomised" not in labels and "prospective" not in labels and "retrospective" not in labels:
        phase = next((h for h in hits if h.label.startswith("phase")), None)
        single = design._SINGLE_ARM_STUDY.search(lower)
        if phase is not None:
            hits.append(Hit("design", "prospective", phase.start, phase.end, {"value": "prospective", "implied": True}))
        elif single is not None and not design._other_work(lower, single.start(), single.end()):  # a single-arm study (the rule find_design gained)
            hits.append(Hit("design", "prospective", single.start(), single.end(), {"value": "prospective", "implied": True}))
        elif not design._NOT_SERIES.search(text):
            m = design._SERIES_CUE.search(text)
            if m:
                hits.append(Hit("design", "retrospective", m.start(), m.end(), {"value": "retrospective", "implied": True}))
        elif not any(key in lower for key in design._NOT_RECORDS_KEYS):
            m = design._RECORDS_STUDY.search(lower)
            if m:
                hits.append(Hit("design", "retrospective", m.start(), m.end(), {"value": "retrospective", "implied": True}))
    return hits


@_FAST
@given(_DESIGN_TEXT.map(" ".join), _DESIGN_TEXT.map("".join))
def test_find_design_as_the_plain_form_on_random_text(spaced: str, joined: str) -> None:
    for text in (spaced, joined):
        assert design.find_design(text, load_lexicon()) == _plain_design(text)


def test_find_design_as_the_plain_form_on_dev_texts() -> None:
    texts = _dev_texts()
    assert sum(bool(design.find_design(text, load_lexicon())) for text in texts) > 20
    for text in texts:
        assert design.find_design(text, load_lexicon()) == _plain_design(text)
