"""The fast paths of the regimen, lexicon, design and sentence parts (speed round 5b) find what the plain forms do.

Each fast form is compared with the plain form it replaces on the development abstracts, on the PICO texts
(where ``../shared`` is present) and on random text built from pieces that exercise the patterns.
"""

from __future__ import annotations

from pathlib import Path

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
    if text.isascii():
        for label, pattern in load_lexicon().designs:
            keys = design._DESIGN_KEYS[label]
            for start in (0, 7):
                plain = [(m.span(), m.groups()) for m in pattern.finditer(text, start)]
                assert [(m.span(), m.groups()) for m in design.key_matches(pattern, text, lower, keys, start)] == plain, (label, text)
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


def test_every_design_match_starts_at_its_key() -> None:
    # what key_matches relies on: checked on every dev text for the patterns of the lexicon
    for text in _dev_texts():
        lower = text.lower()
        for label, pattern in load_lexicon().designs:
            for m in pattern.finditer(text):
                assert lower.startswith(design._DESIGN_KEYS[label], m.start()) or not text.isascii(), (label, m.group())
