"""The pipeline's fast paths (outside the finders) give exactly what the plain forms they replace give.

Spans made when ``doc.spans`` is first read, tokens from a cache of space-separated chunks,
token offsets summed from the token lengths, records built without their ``__init__``: each is
compared with the plain form on real-looking and on random text.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

import spacy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.tokens import Doc

from evidence.records import Arm, Article, Cohort, Evidence, Finding, Flag, Kind, Measure, Regimen, Section, Study, Unit
from extractors import hits, numbers
from extractors.components import HITS, PAYLOADS, hits_of, write_hits
from extractors.hits import Hit
from extractors.lexicon import _WORD, _match_words, find_terms, load_lexicon
from extractors.checks import _with_flags
from extractors.pipeline import (
    _Locator,
    _make_doc,
    _new_arm,
    _new_cohort,
    _new_evidence,
    _new_finding,
    _new_regimen,
    _new_study,
    _record_maker,
    _regimen,
    _SYMPTOM_CR,
    _SYMPTOM_TRIAL,
    _symptom_trial,
    build_pipeline,
    extract_studies,
)
from extractors.segment import _CANDIDATE, _TOKEN, TOKEN_OFFSETS, FastTokenizer

_FAST = settings(max_examples=150, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
_PIECES = ["ab", "Ab", "12", "3.5", "0·62", ".04", " ", "  ", "\n", "-", "_", "/", "%", "(", ")", ",", ".", "é", "ß", "İ", "\t", "x", "Gy", "n = 4"]
_TEXT = st.lists(st.sampled_from(_PIECES), max_size=30).map("".join)
_DEV = Path(__file__).resolve().parents[1] / "corpora" / "dev"


def _real_texts(limit: int = 40) -> list[str]:
    """Abstracts of the embedded development set (title and body as the files hold them)."""
    return [p.read_text(encoding="utf-8") for p in sorted(_DEV.glob("*.txt"))[:limit]]


def _processed(text: str) -> Doc:
    nlp = build_pipeline()
    return nlp(_make_doc(nlp, Article(pmid="t", title="", sections=(Section("", text),))))


def _plain_spans(doc: Doc, group: str) -> list[tuple[int, int, str]]:
    """The spans ``doc.char_span(..., alignment_mode="expand")`` makes for the group's hits."""
    out = []
    for hit in hits_of(doc, group):
        span = doc.char_span(hit.start, hit.end, alignment_mode="expand")
        out.append((span.start, span.end, hit.label))
    return out


def _assert_spans_are_plain(doc: Doc) -> None:
    groups = list(doc.user_data.get(HITS, {}))
    assert list(doc.spans) == groups
    payloads = doc.user_data[PAYLOADS]
    for group in groups:
        got = doc.spans[group]
        assert [(s.start, s.end, s.label_) for s in got] == _plain_spans(doc, group)
        assert [payloads[s.id - 1] for s in got] == [h.payload for h in hits_of(doc, group)]


def test_spans_made_on_read_are_the_plain_spans_on_real_abstracts() -> None:
    texts = _real_texts()
    assert texts
    for text in texts:
        _assert_spans_are_plain(_processed(text))


@_FAST
@given(_TEXT)
def test_spans_made_on_read_are_the_plain_spans_on_random_text(text: str) -> None:
    _assert_spans_are_plain(_processed(text))


@_FAST
@given(_TEXT, st.lists(st.tuples(st.integers(-2, 40), st.integers(-1, 8)), max_size=6), st.booleans())
def test_written_hits_become_char_spans_and_survive_later_writes_and_serialisation(text: str, ranges: list[tuple[int, int]], read_between: bool) -> None:
    doc = build_pipeline().make_doc(text)
    hits = [Hit("g", f"l{i}", s, s + w, {"i": i}) for i, (s, w) in enumerate(ranges)]
    valid = [h for h in hits if 0 <= h.start < len(text) and 0 < h.end <= len(text)]
    try:
        expected = [(span.start, span.end, h.label) for h in valid for span in [doc.char_span(h.start, h.end, alignment_mode="expand")]]
    except (IndexError, ValueError):
        expected = "error"  # a range that ends before it starts
    try:
        write_hits(doc, "g", hits[:2])
        write_hits(doc, "other", [])
        if read_between:
            assert len(doc.spans["g"]) == len([h for h in hits[:2] if h in valid])
        write_hits(doc, "g", hits[2:])
        got = [(s.start, s.end, s.label_) for s in doc.spans["g"]]
    except (IndexError, ValueError):
        got = "error"
    assert got == expected
    if got != "error":
        assert list(doc.spans) == ["g", "other"] and len(doc.spans["other"]) == 0
        assert [doc.user_data[PAYLOADS][s.id - 1] for s in doc.spans["g"]] == [h.payload for h in valid]
        copy = Doc(doc.vocab).from_bytes(doc.to_bytes())
        assert [(s.start, s.end, s.label_, s.id) for s in copy.spans["g"]] == [(s.start, s.end, s.label_, s.id) for s in doc.spans["g"]]


_SPACED = st.lists(st.sampled_from(_PIECES + [" ", " ", "a b", "x ", " y", "  "]), max_size=30).map("".join)


def _plain_tokens(text: str) -> list[tuple[str, str]]:
    """Tokens and their trailing spaces as the token regex splits the whole text."""
    return [(word, space) for word, space in _TOKEN.findall(text)]


def _assert_tokens_are_plain(tokenizer: FastTokenizer, text: str) -> None:
    doc = tokenizer(text)
    assert [(t.text, t.whitespace_) for t in doc] == _plain_tokens(text)
    assert doc.text == text
    starts, ends, length = doc.user_data[TOKEN_OFFSETS]
    assert (starts, ends, length) == ([t.idx for t in doc], [t.idx + len(t) for t in doc], len(text))


def test_cached_pieces_tokenise_real_abstracts_as_the_token_regex() -> None:
    tokenizer = FastTokenizer(build_pipeline().vocab)
    for text in _real_texts() * 2:  # the second time from the cache
        _assert_tokens_are_plain(tokenizer, text)


@_FAST
@given(_SPACED)
def test_cached_pieces_tokenise_random_text_as_the_token_regex(text: str) -> None:
    tokenizer = FastTokenizer(build_pipeline().vocab)
    tokenizer.MAX_PIECES = 3  # a full cache: later pieces are tokenised without being kept
    for _ in range(2):
        _assert_tokens_are_plain(tokenizer, text)
    assert len(tokenizer._pieces) <= 3


def test_tokens_in_a_memory_zone_are_the_plain_ones() -> None:
    nlp = spacy.blank("en")
    tokenizer = FastTokenizer(nlp.vocab)
    text = "Median OS was 12.5 months (95% CI, 10·1-14.2)\\nin 40 patients."
    with nlp.memory_zone():
        _assert_tokens_are_plain(tokenizer, text)
    assert not tokenizer._pieces  # nothing cached from inside the zone
    _assert_tokens_are_plain(tokenizer, text)


_NUMBERISH = st.lists(st.sampled_from(["1", "12", "3.5", "0·62", ".04", "13", "\u2009", " ", "388", ",", "Thirty", "-", "two", "hundred", "and", "x", "%"]), max_size=6).map("".join)


@_FAST
@given(_NUMBERISH)
def test_memoised_parse_number_gives_what_the_plain_function_gives(text: str) -> None:
    plain = numbers.parse_number.__wrapped__(text)
    assert numbers.parse_number(text) == plain
    assert numbers.parse_number(text) == plain  # the second time from the cache
    assert numbers.parse_number(text.upper()) == numbers.parse_number.__wrapped__(text.upper())


def test_memoised_parse_number_reads_the_number_forms() -> None:
    for text, value in [("13 388", 13388.0), ("0·62", 0.62), ("Thirty-two", 32.0), ("one hundred and seventy-six", 176.0), ("1,024", 1024.0), ("n/a", None)]:
        assert numbers.parse_number(text) == value == numbers.parse_number.__wrapped__(text)


_TERM_PIECES = ["overall", "Overall", "survival", "response", "rate", "rates", "objective", "tumour", "complete", "pathologic", "CR", "cr", "ORR",
                "OS", "os", "progression", "free", "5", "FU", "fluorouracil", "FOLFOX", "folfox", "cisplatin", "or", "and", "K", "\u212a"]
_TERM_SEPARATORS = [" ", "-", " - ", "/", "_", ", ", "(", ") ", ".", "  ", "\n", "é"]
_TERMS_TEXT = st.lists(st.tuples(st.sampled_from(_TERM_PIECES), st.sampled_from(_TERM_SEPARATORS)), max_size=14).map(lambda ps: "".join(w + s for w, s in ps))


def _plain_terms(index, text: str) -> list:
    """Terms found with the words and their offsets from the word regex over the lower-cased text."""
    lowered = "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)
    starts = [m.start() for m in _WORD.finditer(lowered)]
    return _match_words(index, text, _WORD.findall(lowered), lambda i, _: starts[i])


@_FAST
@given(_TERMS_TEXT)
def test_terms_found_from_blanked_words_are_the_word_regex_ones(text: str) -> None:
    lexicon = load_lexicon()
    for index in (lexicon.measure_words, lexicon.drug_words):
        assert find_terms(index, text) == _plain_terms(index, text)


def test_terms_found_from_blanked_words_are_the_word_regex_ones_on_real_abstracts() -> None:
    lexicon = load_lexicon()
    found = 0
    for text in _real_texts(80):
        for index in (lexicon.measure_words, lexicon.drug_words):
            terms = find_terms(index, text)
            assert terms == _plain_terms(index, text)
            found += len(terms)
    assert found > 50


def test_records_made_without_init_equal_the_constructed_ones() -> None:
    evidence = Evidence(section="RESULTS", sentence="ORR was 40%.", start=8, end=11, extractor_version="v", text="40%")
    fields = dict(measure=Measure.ORR, kind=Kind.RATE, value=0.4, unit=Unit.PROPORTION, count=None, denominator=None, time_months=None, ci=(0.3, 0.5),
                  p=None, arm="A", evidence=evidence, p_relation="=", not_reached=False)
    made, plain = _new_finding(**fields), Finding(**fields)
    assert made == plain and hash(made) == hash(plain) and vars(made) == vars(plain) and made.to_json() == plain.to_json()
    assert list(vars(made)) == [f.name for f in dataclasses.fields(Finding)]  # defaults filled, in field order
    assert _new_evidence(**vars(evidence)) == evidence
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.value = 0.5  # type: ignore[misc]


def test_record_maker_keeps_the_constructor_where_init_does_more() -> None:
    @dataclasses.dataclass(frozen=True)
    class Checked:
        x: int

        def __post_init__(self) -> None:
            if self.x < 0:
                raise ValueError("negative")

    @dataclasses.dataclass(frozen=True)
    class Listed:
        x: int
        xs: list = dataclasses.field(default_factory=list)

    assert _record_maker(Checked) is Checked
    make = _record_maker(Listed)
    assert make is not Listed and make(x=1) == Listed(x=1) and make(x=1, xs=[2]) == Listed(x=1, xs=[2])
    assert make(x=1).xs is not make(x=1).xs  # a fresh value from the factory each time
    for bad in ({}, {"x": 1, "y": 2}):  # a required field missing, a field that does not exist: the constructor's error
        with pytest.raises(TypeError):
            make(**bad)


def test_cohort_regimen_and_arm_made_without_init_equal_the_constructed_ones() -> None:
    evidence = {"n": Evidence(section="", sentence="s", start=0, end=2, text="40")}
    assert _new_cohort(n=40, n_male=20, evidence=evidence) == Cohort(n=40, n_male=20, evidence=evidence)
    assert _new_cohort() == Cohort() and _new_cohort().evidence is not _new_cohort().evidence
    assert _new_regimen(drugs=("cisplatin",), settings=(), evidence={}, chemo_cycles=4.0) == Regimen(drugs=("cisplatin",), evidence={}, chemo_cycles=4.0)
    assert _new_arm(label="A", n=30, evidence=None, n_analysed=None, analysed_evidence=None) == Arm(label="A", n=30)
    article = Article(pmid="1", title="t")
    assert _new_study(article=article, design=("randomised",)) == Study(article=article, design=("randomised",))
    for made in (_new_cohort(n=1), _new_regimen(), _new_arm(label="B"), _new_study(article=article)):
        assert list(vars(made)) == [f.name for f in dataclasses.fields(made)]


def test_study_with_flags_equals_dataclasses_replace() -> None:
    study = next(extract_studies([Article(pmid="1", title="t", sections=(Section("", "A total of 40 patients were treated. The ORR was 41%."),))]))
    flags = (Flag("GRIM", "x"), Flag("ARMS_SUM", "y"))
    assert _with_flags(study, flags) == dataclasses.replace(study, flags=flags)
    assert vars(_with_flags(study, flags)) == vars(dataclasses.replace(study, flags=flags))


_SYMPTOM_PIECES = ["complete response", "Complete Control", "complete protection", " (no ", "without ", "defined as no ", "absence of ", "emesis", "VOMITING",
                   "Nausea", "rescue", "pain", "pain relief", "antiemetic", "CINV", "ponv", "analgesia", "ORR", ", ", ": ", ".", " ", "ı", "tumour"]


@_FAST
@given(st.lists(st.sampled_from(_SYMPTOM_PIECES), max_size=12).map("".join))
def test_symptom_trial_gates_change_no_answer(text: str) -> None:
    plain = len(_SYMPTOM_TRIAL.findall(text)) >= 2 or _SYMPTOM_CR.search(text) is not None
    assert _symptom_trial(text) == plain


_SENTENCE_PIECES = ["Median OS", " was ", "12.5", " months", ". ", ".", "!", "? ", "?", "\n", " ", "  ", "(", ")", "\"", "”", "’", "'", "]", "A", "b", "3", "vs. ", "et al. ", "e.g. "]


@_FAST
@given(st.lists(st.sampled_from(_SENTENCE_PIECES), max_size=20).map("".join))
def test_guarded_sentence_candidates_are_the_plain_ones(text: str) -> None:
    plain = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[\"“'(\[]?[A-Z0-9])|\n")
    assert [m.span() for m in _CANDIDATE.finditer(text)] == [m.span() for m in plain.finditer(text)]


@_FAST
@given(st.lists(st.sampled_from(["one", "Twenty", "-", "two", " ", "hundred", "and", "a", "12", "3.5", "0·62", ".04", "1,024", "13 388", "x", "ſix", "the",
                                  "often", "%", "("]), max_size=10).map("".join))
def test_guarded_number_regex_finds_the_plain_numbers(text: str) -> None:
    plain = re.compile(rf"{numbers.DIGIT_NUMBER}|{numbers.WORD_NUMBER}", re.IGNORECASE)
    assert [m.span() for m in numbers.NUMBER_RE.finditer(text)] == [m.span() for m in plain.finditer(text)]


def _plain_regimen(hits: list[Hit], where) -> Regimen:
    """The regimen as it was built before the one-pass form (several passes over the hits)."""
    drugs = list(dict.fromkeys(h.payload["value"] for h in hits if h.label == "drug"))
    settings = list(dict.fromkeys(h.payload["value"] for h in hits if h.label == "setting"))
    # "neoadjuvant" and "preoperative" both kept (the regimen finder drops a "before surgery" restating the first)
    numeric, evidence = {}, {}
    for h in hits:
        if h.label in Regimen.NUMERIC_FIELDS and h.label not in numeric:
            numeric[h.label] = h.payload["value"]
            evidence[h.label] = where.evidence(h.start, h.end)
    for name in ("drugs", "settings"):
        first = next((h for h in hits if h.label == name[:-1]), None)
        if first is not None:
            evidence[name] = where.evidence(first.start, first.end)
    return Regimen(drugs=tuple(drugs), settings=tuple(settings), evidence=evidence, **numeric)


_REGIMEN_HIT = st.tuples(
    st.sampled_from(["drug", "setting", "chemo_cycles", "rt_total_dose_gy", "rt_fractions", "other"]),
    st.sampled_from(["cisplatin", "neoadjuvant", "preoperative", "adjuvant", 4.0, 50.0]),
    st.integers(0, 30),
    st.integers(1, 6),
)


@_FAST
@given(st.lists(_REGIMEN_HIT, max_size=10))
def test_one_pass_regimen_is_the_plain_one(raw: list) -> None:
    where = _Locator(build_pipeline()("Patients received neoadjuvant cisplatin for 4 cycles and 50 Gy in 25 fractions before surgery."))
    hits = [Hit("regimen", label, start, start + width, {"value": value}) for label, value, start, width in raw]
    made, plain = _regimen(hits, where), _plain_regimen(hits, where)
    assert made == plain and made.to_json() == plain.to_json() and list(made.evidence) == list(plain.evidence)


@_FAST
@given(st.sampled_from(["years", "Years.", " yrs ", "mo", "months\n.", "MONTHS", "wk", "weeks", "d", "days.", "yrſ", "hours", "", "y.", "m."]), st.floats(0, 100))
def test_months_from_unit_set_agrees_with_the_unit_pattern(unit: str, value: float) -> None:
    plain_unit = unit.strip().lower().rstrip(".")
    plain = round(value * hits._MONTHS_PER[plain_unit[0]], 6) if hits._UNIT_RE.match(plain_unit) else None
    assert hits.months_from(value, unit) == plain
    assert hits._UNITS == {u for u in hits._UNITS if hits._UNIT_RE.match(u)}
