"""The speed-ups of the outcome finder change no match: twins of patterns, substring gates and shortcuts.

Each fast form in :mod:`extractors.outcomes` is compared with the plain form it replaces, on the
development abstracts' sentences and on awkward random text built from the pieces the patterns read.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import extractors.outcomes as outcomes
from extractors.hits import NUM, Hit, months_from
from extractors.lexicon import load_lexicon
from extractors.numbers import CI_RE, P_RE, parse_number

_DEV = Path(__file__).resolve().parents[1] / "corpora" / "dev"
_FAST = settings(max_examples=300, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])

#: pieces of the phrasings the time, interval, p-value and count patterns read, and of ones they must not
_PIECES = [
    " ", "  ", "\n", "-", "‐", "–", ",", ".", ";", ":", "(", ")", "[", "]", "%", "/", "=", "<", "_", "x", "95% CI", "CI", "ci", "CrI",
    "confidence interval", "p", "P", "P = .04", "p<0.001", "≤", "value", "0.5", "1.2", "12", "24", "5", "3-", "1,000", "1,5", "2 ,3", "·5", ".3",
    "one", "two", "Five", "twenty-four", "a hundred", "and", "or", "&", "at", "after", "of", "by", "within", "year", "years", "yr",
    "y", "months", "mo", "mos", "Months", "YEARS", "old", "aged", "median", "Median", "follow-up", "followed up for a median of",
    "mean", "range", "over", "than", "for", "was", "were", "is", "vs", "vs.", "versus", "survival", "overall", "free", "event-free",
    "disease-specific", "complete response", "partial", "stable disease", "of the", "out of", "9/31", "none of", "Gy", "GY",
    "not reached", "NR", "weeks", "days", "IQR", "per cent", "percent", "complete in", "partial for", ") were stable", "progressed",
    "İ", "ı", "ſ", "é", "K",
]
_TEXT = st.lists(st.sampled_from(_PIECES), max_size=24).map("".join)
_ASCII_TEXT = _TEXT.filter(str.isascii)


def _dev_sentences() -> list[str]:
    texts = sorted(_DEV.glob("*.txt"))
    assert texts, "the development corpus is part of the repository"
    sentences = []
    for path in texts:
        for line in path.read_text(encoding="utf-8").splitlines():
            sentences.extend(s for s in re.split(r"(?<=[.;])\s+", line) if s)
    return sentences


@pytest.fixture(scope="module")
def dev_sentences() -> list[str]:
    return _dev_sentences()


# -- plain forms, as the finder had them --------------------------------------------------------


def _plain_time_mentions(sentence: str) -> list[tuple[int, int, list[float]]]:
    out: list[tuple[int, int, list[float]]] = []
    last = 0
    for unit in outcomes._TIME_UNIT_RE.finditer(sentence):
        start = max(last, unit.start() - 60)
        stop = min(len(sentence), unit.end() + 8)
        m = outcomes._TIME_RE.search(sentence, start, stop)
        while m is not None and m.end() < unit.end() - 1:
            m = outcomes._TIME_RE.search(sentence, m.end(), stop)
        if m is None or m.start() > unit.start():
            continue
        last = m.end()
        if outcomes._NOT_LANDMARK_BEFORE.search(sentence, max(0, m.start() - 35), m.start()):
            continue
        values = [v for v in (parse_number(n.group()) for n in outcomes._LIST_NUM_RE.finditer(m.group("list"))) if v is not None]
        months = [months_from(v, m.group("unit")) for v in values]
        if months and all(x is not None and 0 < x <= 600 for x in months):
            values_months = [float(x) for x in months if x is not None]
            if out and re.fullmatch(r"\s*(?:,|and|or|,\s*and)\s*", sentence[out[-1][1] : m.start()]) and "-" in sentence[out[-1][0] : out[-1][1]] and "-" in m.group():
                prev = out.pop()
                out.append((prev[0], m.end(), prev[2] + values_months))
            else:
                out.append((m.start(), m.end(), values_months))
    return out


def _plain_durations(sentence: str, start: int, stop: int, blocked: list) -> list[dict]:
    found = []
    window = sentence[start:stop]
    for mm in outcomes._DURATION_RE.finditer(window):
        a, b = mm.start() + start, mm.end() + start
        if any(x <= a and b <= y for x, y in blocked):
            continue
        if re.search(r"\brange[sd]?\s*[:,]?\s*(?:of\s+|from\s+)?$|\bIQR\s*[:,]?\s*$|(?:–|-|to)\s*$", sentence[max(0, a - 12) : a], re.I):
            continue
        if mm.group("nr"):
            found.append({"value": None, "not_reached": True, "start": a, "end": b})
        else:
            months = months_from(float(parse_number(mm.group("num")) or 0), mm.group("unit"))
            if months is not None:
                found.append({"value": months, "not_reached": False, "start": a, "end": b, "num_end": mm.start("unit") + start})
    extra: list[dict] = []
    for mm in reversed(list(outcomes._BARE_NUM_RE.finditer(window))):
        a, b = mm.start() + start, mm.end() + start
        if any(x <= a and b <= y for x, y in blocked) or any(f["start"] <= a < f["end"] for f in found):
            continue
        nxt = min((f for f in found + extra if f["start"] >= b), key=lambda f: f["start"], default=None)
        if nxt is None or nxt["value"] is None:
            continue
        gap = sentence[b : nxt["start"]]
        if outcomes._BARE_LIST_GAP.fullmatch(gap) and not re.search(r"\d", outcomes._without_interval(gap)):
            unit = nxt["unit"] if "unit" in nxt else sentence[nxt["num_end"] : nxt["end"]]
            months = months_from(float(parse_number(mm.group(1)) or 0), unit)
            if months is not None:
                extra.append({"value": months, "not_reached": False, "start": a, "end": b, "unit": unit})
    return sorted(found + extra, key=lambda f: f["start"])


def _plain_intervals(sentence: str) -> list[tuple[int, int, tuple[str, str]]]:
    return [
        (m.start(), m.end(), (m.group(2), m.group(3)) if m.group(2) is not None else (m.group(4), m.group(5))) for m in CI_RE.finditer(sentence)
    ]


def _found(pattern: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], tuple]]:
    return [(m.span(), m.groups()) for m in pattern.finditer(text)]


def _check_time_mentions(sentence: str) -> None:
    expected = _plain_time_mentions(sentence)
    assert outcomes._time_mentions(sentence, sentence.lower()) == expected
    assert outcomes._time_mentions(sentence) == expected  # the general path (no lower-cased text)


def _check_durations(sentence: str) -> None:
    for start in range(0, len(sentence), 7):
        assert outcomes._durations(sentence, start, len(sentence), []) == _plain_durations(sentence, start, len(sentence), [])


def _check_patterns(sentence: str) -> None:
    lower = sentence.lower()
    if not re.search(r"\d", sentence):  # no digit: no interval, p-value, percentage, count or number in digits
        for pattern in (CI_RE, P_RE, outcomes._PCT_RE, outcomes._COUNT_ONLY, outcomes._BARE_PROPORTION, re.compile(NUM)):
            assert pattern.search(sentence) is None
    if outcomes._PCT_RE.search(sentence):
        assert "%" in sentence or "cent" in sentence
    assert _found(outcomes._P_RE_FAST, sentence) == _found(P_RE, sentence)
    assert outcomes._intervals(sentence, lower) == _plain_intervals(sentence)
    if P_RE.search(sentence):
        assert outcomes._has_relation(sentence)
    if sentence.isascii():
        assert [(m.start() - 1, m.end()) for m in outcomes._TIME_UNIT_LOWER.finditer(lower)] == [m.span() for m in outcomes._TIME_UNIT_RE.finditer(sentence)]
        assert [m.span() for m in outcomes._COUNT_GATE_LOWER.finditer(lower)] == [m.span() for m in outcomes._COUNT_GATE.finditer(sentence)]
        follow_up = load_lexicon().follow_up_re
        twin = outcomes._lower_twin(follow_up)
        assert twin is not None
        assert [m.span() for m in twin.finditer(lower)] == [m.span() for m in follow_up.finditer(sentence)]
        if outcomes._ELLIPSIS.search(sentence):
            assert outcomes._ELLIPSIS_GATE.search(lower)
        if outcomes._COUNTED_RESPONSE.search(sentence):
            assert any(k in lower for k in outcomes._COUNTED_KEYS)
        if outcomes._ADJECTIVE_RESPONSE.search(sentence):
            assert any(k in lower for k in outcomes._ADJECTIVE_KEYS)
        if outcomes._RANGE_GATE.search(sentence):
            assert outcomes._PERCENT_CLOSE.search(sentence)
        for end in range(len(sentence) + 1):
            for start in (max(0, end - 35), max(0, end - 12), end):
                assert outcomes._not_landmark_ascii(lower, start, end) == bool(outcomes._NOT_LANDMARK_BEFORE.search(sentence, start, end))
            if outcomes._MEDIAN_BEFORE.search(sentence[max(0, end - 40) : end]) or outcomes._MEDIAN_AFTER.match(sentence[end : end + 30]):
                assert "median" in lower[max(0, end - 40) : end + 30]


def _check_first_character_gates(sentence: str) -> None:
    for pos in range(len(sentence) + 1):
        if outcomes._OF_DENOMINATOR.match(sentence, pos):
            assert outcomes._may_open(sentence, pos, ")")
        if outcomes._COUNT_AFTER.match(sentence, pos):
            assert outcomes._may_open(sentence, pos, "([,")
        if outcomes._CI_WORD_AFTER.match(sentence, pos, pos + 14):
            assert outcomes._may_open(sentence, pos, "cCpP")


# -- the comparisons -----------------------------------------------------------------------------


def test_time_mentions_match_the_plain_search_on_dev_sentences(dev_sentences: list[str]) -> None:
    for sentence in dev_sentences:
        _check_time_mentions(sentence)


def test_durations_match_the_plain_reading_on_dev_sentences(dev_sentences: list[str]) -> None:
    for sentence in dev_sentences[::2]:
        _check_durations(sentence)


@_FAST
@given(_TEXT)
def test_durations_match_the_plain_reading_on_random_text(text: str) -> None:
    _check_durations(text)


def test_pattern_twins_and_gates_match_on_dev_sentences(dev_sentences: list[str]) -> None:
    for sentence in dev_sentences[::3]:
        _check_patterns(sentence)


@_FAST
@given(_TEXT)
def test_time_mentions_match_the_plain_search_on_random_text(text: str) -> None:
    _check_time_mentions(text)


@_FAST
@given(_TEXT)
def test_pattern_twins_and_gates_match_on_random_text(text: str) -> None:
    _check_patterns(text)


@_FAST
@given(_TEXT)
def test_first_character_gates_never_skip_a_match(text: str) -> None:
    _check_first_character_gates(text)


@pytest.mark.parametrize(
    "sentence",
    [
        "The 1-, 3- and 5-year overall survival rates were 90%, 80% and 70%, respectively.",
        "After a median follow-up of 24 months, the 2-year and 5-year OS were 80% and 60%.",
        "Patients aged 70 years or older (x6.4 months) had a median PFS of 6.4 months vs 5 mo.",
        "Survival at 2 years was 50%; at five years, 30% (range 2-10 years); 1.6.4 years;\n5 years old.",
        "of 12 months_ and at 3 months, 24-month and twenty-four month rates; PFS-6 was 40% at 6 mos.",
        "Rates at 1,5 years, 2 ,3 months, 1 000 months, 2.5.1 years and 3 and 4 y were 20% and 10%.",
        "Rates at 1·5 years and 2 ,3 months were 20% and 10%.",
    ],
)
def test_time_mentions_match_the_plain_search_on_edge_sentences(sentence: str) -> None:
    _check_time_mentions(sentence)
    _check_patterns(sentence)


def test_the_number_patterns_are_those_the_shortcuts_were_checked_against() -> None:
    """The number shortcuts of the finder are on only for the number patterns they were checked against: after a
    change to ``extractors/numbers.py``, run this file's comparisons and update ``_NUMBERS_CHECKED``'s fingerprint."""
    assert outcomes._NUMBERS_CHECKED
    from extractors import numbers

    assert {*numbers._ONES, *numbers._TENS, *numbers._SCALES} <= set(outcomes._TIME_ATOMS)  # the words a time list may hold


def test_the_lower_case_twin_is_refused_for_patterns_it_would_change() -> None:
    assert outcomes._lower_twin(re.compile(r"median", re.I)) is not None
    assert outcomes._lower_twin(re.compile(r"Median", re.I)) is None  # an upper-case letter
    assert outcomes._lower_twin(re.compile(r"median\S", re.I)) is None  # an upper-case escape
    assert outcomes._lower_twin(re.compile(r"median")) is None  # case-sensitive already
    assert outcomes._lower_twin(re.compile(r"(?-i:median)", re.I)) is None  # a scoped flag


def test_outcomes_on_the_dev_abstracts_are_found_with_and_without_the_ascii_shortcuts(dev_sentences: list[str]) -> None:
    """The finder on the dev sentences, and on the same sentences with a non-ASCII character appended (which turns
    every ASCII shortcut off), finds the same hits wherever the appended character cannot matter."""
    lexicon = load_lexicon()
    checked = 0
    for sentence in dev_sentences:
        fast = outcomes.find_outcomes(sentence, [(0, len(sentence))], lexicon)
        general = outcomes.find_outcomes(sentence + " é", [(0, len(sentence) + 2)], lexicon)
        assert [(h.label, h.start, h.end, h.payload) for h in fast] == [(h.label, h.start, h.end, h.payload) for h in general]
        assert all(type(h) is Hit for h in fast)
        checked += bool(fast)
    assert checked > 100  # the dev sentences hold many outcomes


def test_outcomes_are_the_same_with_the_number_shortcuts_off(dev_sentences: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    lexicon = load_lexicon()
    sentences = dev_sentences[::2]
    fast = [outcomes.find_outcomes(s, [(0, len(s))], lexicon) for s in sentences]
    monkeypatch.setattr(outcomes, "_NUMBERS_CHECKED", False)
    plain = [outcomes.find_outcomes(s, [(0, len(s))], lexicon) for s in sentences]
    assert fast == plain
    assert sum(map(len, fast)) > 100


@_FAST
@given(_TEXT, st.sampled_from(["(", ")", "([,", "cCpP"]))
def test_the_first_character_test_reads_past_spaces(text: str, firsts: str) -> None:
    for pos in range(len(text) + 1):
        rest = text[pos:].lstrip()
        expected = bool(rest) and rest[0] in firsts
        if len(text[pos:]) - len(rest) < 24:  # within reach: the test is exact
            assert outcomes._may_open(text, pos, firsts) == expected
        else:
            assert outcomes._may_open(text, pos, firsts)
