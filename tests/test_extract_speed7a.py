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
