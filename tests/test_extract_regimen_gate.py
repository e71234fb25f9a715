"""The settings gate of :func:`extractors.regimen.find_regimen` never hides a setting the pattern finds."""

from __future__ import annotations

import json
import re
from importlib import resources

from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.lexicon import load_lexicon
from extractors.regimen import SETTING_WORDS

_SETTINGS = json.loads(resources.files("extractors").joinpath("patterns/regimen.json").read_text(encoding="utf-8"))["settings"]
_PIECES = [
    "neoadjuvant", "neo-adjuvant", "Neo adjuvant", "adjuvant", "pre-operative", "preoperative", "postoperative", "Peri-operative",
    "prior to", "before", "surgery", "resection", "induction", "concurrent", "concomitantly", "sequential", "consolidative",
    "consolidation", "maintenance", "definitive", "palliative", "chemotherapy", "radiotherapy", "RT", "CRT", "therapy",
    "treatment", "postoperative radiotherapy", "perioperative chemotherapy", "of", "dose", "with", "cisplatin", "trastuzumab", " ", " ", "-", ".", ",", "(", "x", "pre", "post", "peri", "neo",
]
_TEXT = st.lists(st.sampled_from(_PIECES), max_size=12).map(" ".join)


def test_every_setting_of_the_lexicon_has_gate_words() -> None:
    assert set(_SETTINGS) <= set(SETTING_WORDS)


@settings(max_examples=400, deadline=None, derandomize=True)
@given(_TEXT)
def test_every_match_holds_a_gate_word(text: str) -> None:
    lexicon = load_lexicon()
    for m in lexicon.settings_re.finditer(text):
        assert any(word in m.group().lower() for word in SETTING_WORDS[m.lastgroup]), (m.lastgroup, m.group())


def test_each_setting_pattern_needs_its_words() -> None:
    # every setting's own pattern, run on text where its gate words are broken up, finds nothing
    for name, pattern in _SETTINGS.items():
        compiled = re.compile(pattern, re.IGNORECASE)
        text = " ".join(_PIECES) + " " + " ".join(_PIECES[::-1])
        assert compiled.search(text) is not None, name  # the pieces do name every setting
        for word in SETTING_WORDS[name]:
            text = re.sub(re.escape(word), lambda m: m.group()[0] + "~" + m.group()[1:], text, flags=re.IGNORECASE)
        assert compiled.search(text) is None, name


_GY_PIECES = ["45", "50.4", "1.8", "2", "five", "Gy", "gray", "Gray", "cGy", "-", "–", "to", "in", "fractions", "x", "/", " ", "(", ")", "of", "daily"]


@settings(max_examples=400, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(_GY_PIECES), max_size=14).map(" ".join), st.lists(st.sampled_from(_GY_PIECES), max_size=14).map("".join))
def test_gy_windows_find_what_the_whole_sentence_does(spaced: str, joined: str) -> None:
    from extractors.regimen import _GY, _gy_matches

    for sentence in (spaced, joined, spaced + joined):
        whole = [(m.span(), m.groups()) for m in _GY.finditer(sentence)]
        assert [(m.span(), m.groups()) for m in _gy_matches(sentence, sentence.lower())] == whole


@settings(max_examples=400, deadline=None, derandomize=True)
@given(_TEXT, st.lists(st.sampled_from(_PIECES), max_size=12).map("".join))
def test_setting_windows_find_what_the_whole_text_does(spaced: str, joined: str) -> None:
    from extractors.regimen import setting_matches

    lexicon = load_lexicon()
    for text in (spaced, joined, "pre- and " + spaced):
        whole = [(m.span(), m.lastgroup) for m in lexicon.settings_re.finditer(text)]
        assert [(m.span(), m.lastgroup) for m in setting_matches(text, text.lower(), lexicon.settings_re)] == whole


_CYCLE_PIECES = ["four", "6", "2-3", "2020", "21-day", "3-weekly", "induction", "with", "of", "day", "15", "cycles", "cycle",
                 "courses", "Cycles", "or", "more", "every", "lasting", "three-hour", "education", "and", " ", ",", "("]


def _cycles_from_the_start(sentence: str) -> list[tuple[tuple[int, int], tuple[str | None, ...]]]:
    """The reference the windowed search must agree with: ``_CYCLES`` searched from the sentence's start."""
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


@settings(max_examples=500, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(_CYCLE_PIECES), max_size=16).map(" ".join))
def test_cycle_windows_find_what_the_whole_sentence_does(sentence: str) -> None:
    from extractors.regimen import _cycle_matches

    assert [(m.span(), m.groups()) for m in _cycle_matches(sentence, sentence.lower())] == _cycles_from_the_start(sentence)

