"""Text -> numbers: the forms abstracts use, and round-trip invariants (Hypothesis)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from evidence.records import Range
from extractors.numbers import (
    find_numbers,
    format_words,
    parse_ci,
    parse_count_of,
    parse_number,
    parse_p,
    parse_percent,
    parse_range,
    words_to_number,
)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("31", 31.0),
        ("55.7", 55.7),
        ("0·62", 0.62),
        (".04", 0.04),
        ("13 388", 13388.0),
        ("13\u2009388", 13388.0),
        ("1,234", 1234.0),
        ("Thirty-two", 32.0),
        ("one hundred and seventy-six", 176.0),
        ("One hundred seventy six", 176.0),
        ("twenty one", 21.0),
        ("two thousand four hundred", 2400.0),
        ("", None),
        ("abc", None),
        ("12a", None),
    ],
)
def test_parse_number(text: str, expected: float | None) -> None:
    assert parse_number(text) == expected


def test_find_numbers_keeps_spans_and_separates_lists() -> None:
    text = "In 13 388 women, 1-, 3- and 5-year OS were 90%; Thirty-two had PD (P = .04) at 12 24 months"
    found = [(m.value, text[m.start : m.end]) for m in find_numbers(text)]
    assert (13388.0, "13 388") in found
    assert (1.0, "1") in found and (3.0, "3") in found and (5.0, "5") in found
    assert (32.0, "Thirty-two") in found
    assert (0.04, ".04") in found
    # a space between two numbers that are not a thousands group stays a separator
    assert (12.0, "12") in found and (24.0, "24") in found


@pytest.mark.parametrize(
    "text, expected",
    [
        ("25-35", Range(25, 35)),
        ("25 to 35", Range(25, 35)),
        ("25–35", Range(25, 35)),
        ("5-7", Range(5, 7)),
        ("two to three", Range(2, 3)),
        ("35-25", None),
        ("25", None),
    ],
)
def test_parse_range(text: str, expected: Range | None) -> None:
    assert parse_range(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [("29%", 0.29), ("58.1 %", 0.581), ("32.2 per cent", 0.322), ("0.56", 0.56), ("29", 0.29), ("150%", None), ("1.5", None)],
)
def test_parse_percent(text: str, expected: float | None) -> None:
    assert parse_percent(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("9 of 31", (9, 31)),
        ("9/31", (9, 31)),
        ("nine out of thirty-one", (9, 31)),
        ("31 (29%)", (31, None)),
        ("31 patients (29%)", (31, None)),
        ("n = 31", (31, None)),
        ("32 of 31", None),
        ("nothing", None),
    ],
)
def test_parse_count_of(text: str, expected: tuple[int, int | None] | None) -> None:
    assert parse_count_of(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("HR 0.62, 95% CI 0.61-0.88", (0.61, 0.88)),
        ("(95% CI, 0.61 to 0.88)", (0.61, 0.88)),
        ("HR 0·70 [0·61; 0·88]", (0.61, 0.88)),
        ("95% confidence interval: 12.1–20.3 months", (12.1, 20.3)),
        ("95% CI -1.2 to 3.4", (-1.2, 3.4)),
        ("no interval here", None),
    ],
)
def test_parse_ci(text: str, expected: tuple[float, float] | None) -> None:
    assert parse_ci(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [("P = .04", ("=", 0.04)), ("p<0.001", ("<", 0.001)), ("P ≤ 0.05", ("<", 0.05)), ("P = 2 × 10-5", ("=", 2e-05)), ("P = 3", None), ("no p", None)],
)
def test_parse_p(text: str, expected: tuple[str, float] | None) -> None:
    result = parse_p(text)
    if expected is None:
        assert result is None
    else:
        assert result is not None and result[0] == expected[0] and result[1] == pytest.approx(expected[1])


@given(st.integers(min_value=0, max_value=999_999), st.booleans(), st.booleans())
def test_words_round_trip(n: int, hyphen: bool, use_and: bool) -> None:
    words = format_words(n, hyphen=hyphen, use_and=use_and)
    assert words_to_number(words) == n
    assert parse_number(words.capitalize()) == n


@given(st.integers(min_value=0, max_value=10**9))
def test_thousands_forms_round_trip(n: int) -> None:
    for sep in (",", "\u2009", " "):
        text = f"{n:,}".replace(",", sep)
        assert parse_number(text) == n


@given(st.decimals(min_value=0, max_value=100, places=1, allow_nan=False))
def test_percent_round_trip(d) -> None:  # type: ignore[no-untyped-def]
    text = f"{d}%"
    assert parse_percent(text) == pytest.approx(float(d) / 100)
    assert parse_percent(text.replace(".", "·")) == pytest.approx(float(d) / 100)


@given(st.integers(0, 500), st.integers(0, 500))
def test_range_round_trip(a: int, b: int) -> None:
    low, high = min(a, b), max(a, b)
    for dash in ("-", "–", " to "):
        assert parse_range(f"{low}{dash}{high}") == Range(low, high)


@settings(max_examples=200)
@given(st.text())
def test_parsers_never_raise(text: str) -> None:
    for parse in (parse_number, parse_range, parse_percent, parse_count_of, parse_ci, parse_p):
        parse(text)
    list(find_numbers(text))
