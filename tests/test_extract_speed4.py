"""The extraction's fast paths (round 4) give exactly what the plain forms they replace give.

The components run on a token-free :class:`~extractors.segment.TextDoc` instead of a spaCy ``Doc``
made by ``nlp.pipe``: the same studies, hits and errors, on real-looking and on random text.
Records are made by constructors generated from their fields: the same objects and signatures.
"""

from __future__ import annotations

import dataclasses
import inspect
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from evidence.records import Arm, Article, Cohort, Evidence, Finding, Regimen, Section, Study, study_to_json
from evidence.sources.files import read_articles
from extractors import pipeline, segment
from extractors.components import HITS, PAYLOADS, write_hits
from extractors.hits import Hit
from extractors.lexicon import find_terms
from extractors.pipeline import build_pipeline, extract_studies
from extractors.segment import TOKEN_OFFSETS, TextDoc, token_offsets

_FAST = settings(max_examples=120, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
_PIECES = ["ab", "Ab", "12", "3.5", "0·62", ".04", " ", "  ", "\n", "-", "_", "/", "%", "(", ")", ",", ".", "é", "ß", "İ", "\t",
           "x", "Gy", "n = 4", "patients", "ORR", "was", "45%", "vs", "median OS", "months", "HR 0.7", "cycles of", "cisplatin", "randomised"]
_TEXT = st.lists(st.sampled_from(_PIECES), max_size=40).map("".join)
_DEV = Path(__file__).resolve().parents[1] / "corpora" / "dev"


def _dev_articles(limit: int = 60) -> list[Article]:
    out: list[Article] = []
    for path in sorted(_DEV.glob("*.txt"))[:limit]:
        out.extend(read_articles(path))
    return out


def _plain_studies(articles: list[Article], monkeypatch: pytest.MonkeyPatch) -> list[dict]:
    """The studies as ``nlp.pipe`` over spaCy Docs makes them (the fast path switched off)."""
    with monkeypatch.context() as patch:
        patch.setattr(pipeline, "_OFFSET_COMPONENTS", ())
        return [study_to_json(s) for s in extract_studies(articles, batch_size=8)]


def _fast_studies(articles: list[Article]) -> list[dict]:
    return [study_to_json(s) for s in extract_studies(articles, batch_size=8)]


def test_text_docs_give_the_studies_of_spacy_docs_on_real_abstracts(monkeypatch: pytest.MonkeyPatch) -> None:
    articles = _dev_articles()
    assert len(articles) >= 50
    fast = _fast_studies(articles)
    assert fast == _plain_studies(articles, monkeypatch)
    assert sum(len(s["findings"]) for s in fast) > 100  # the comparison saw real work


@_FAST
@given(st.lists(st.tuples(st.sampled_from(["", "METHODS", "RESULTS"]), _TEXT), max_size=3), _TEXT)
def test_text_docs_give_the_studies_of_spacy_docs_on_random_text(sections: list[tuple[str, str]], title: str) -> None:
    articles = [Article(pmid="r", title=title, sections=tuple(Section(label, text) for label, text in sections))]
    with pytest.MonkeyPatch.context() as patch:
        assert _fast_studies(articles) == _plain_studies(articles, patch)


def test_the_fast_path_is_taken_only_for_the_pipelines_own_components() -> None:
    nlp = build_pipeline()
    assert all(type(proc) in pipeline._OFFSET_COMPONENTS for _, proc in nlp.pipeline)
    assert len(nlp.pipeline) == len(pipeline._OFFSET_COMPONENTS)


def test_a_component_failing_on_one_article_empties_only_its_study(monkeypatch: pytest.MonkeyPatch) -> None:
    articles = _dev_articles(6)
    nlp = build_pipeline()
    finder = nlp.get_pipe("evidence_regimen")
    real = type(finder).__call__

    def failing(self, doc):  # write_hits is not guarded: a bad hit sinks the article, as a bug outside the finders would
        if "parts" in doc.user_data and doc.user_data["parts"] and doc.user_data["parts"][0][2] == articles[2].title.strip():
            write_hits(doc, "regimen", [Hit("regimen", "drug", 5, 2, {})])
            return doc
        return real(self, doc)

    monkeypatch.setattr(type(finder), "__call__", failing)
    fast = _fast_studies(articles)
    plain = _plain_studies(articles, monkeypatch)
    assert fast == plain
    assert fast[2] == study_to_json(pipeline.Study(article=articles[2]))
    assert fast[1]["findings"] or fast[3]["findings"] or fast[0]["findings"]


@_FAST
@given(_TEXT)
def test_text_doc_token_offsets_are_the_tokenizers(text: str) -> None:
    doc = build_pipeline().make_doc(text)
    plain = doc.user_data[TOKEN_OFFSETS]
    assert plain == ([t.idx for t in doc], [t.idx + len(t) for t in doc], len(text))
    assert token_offsets(TextDoc(text)) == plain


def test_text_doc_token_offsets_are_the_tokenizers_on_real_abstracts() -> None:
    for article in _dev_articles(30):
        text = pipeline._compose(article)[0]
        assert token_offsets(TextDoc(text)) == build_pipeline().make_doc(text).user_data[TOKEN_OFFSETS]


@_FAST
@given(_TEXT, st.lists(st.tuples(st.integers(-2, 40), st.integers(-3, 8)), max_size=6))
def test_hits_written_to_a_text_doc_are_those_written_to_a_doc(text: str, ranges: list[tuple[int, int]]) -> None:
    hits = [Hit("g", f"l{i}", s, s + w, {"i": i}) for i, (s, w) in enumerate(ranges)]
    results = []
    for doc in (build_pipeline().make_doc(text), TextDoc(text)):
        try:
            write_hits(doc, "g", hits[:2])
            write_hits(doc, "other", [])
            write_hits(doc, "g", hits[2:])
            results.append((doc.user_data[HITS], doc.user_data[PAYLOADS]))
        except (IndexError, ValueError):
            results.append("error")
    assert results[0] == results[1]


def test_generated_record_makers_take_what_the_constructors_take() -> None:
    for cls, make in ((Evidence, pipeline._new_evidence), (Finding, pipeline._new_finding), (Arm, pipeline._new_arm), (Cohort, pipeline._new_cohort),
                      (Regimen, pipeline._new_regimen), (Study, pipeline._new_study)):
        assert make is not cls
        plain = inspect.signature(cls).parameters
        made = inspect.signature(make).parameters
        assert [(p.name, p.kind, p.default is inspect.Parameter.empty) for p in made.values()] == [
            (p.name, p.kind, p.default is inspect.Parameter.empty) for p in plain.values()
        ]


def test_generated_record_maker_on_positional_keyword_only_and_factory_fields() -> None:
    @dataclasses.dataclass(frozen=True)
    class Mixed:
        a: int
        b: str = "b"
        c: list = dataclasses.field(default_factory=list)
        d: int = dataclasses.field(default=4, kw_only=True)
        e: int = dataclasses.field(kw_only=True, default_factory=lambda: 5)

    make = pipeline._record_maker(Mixed)
    assert make is not Mixed
    for args, kwargs in (((1,), {}), ((1, "x", [2]), {"d": 7, "e": 8}), ((), {"a": 3, "c": [1], "e": 0})):
        made, plain = make(*args, **kwargs), Mixed(*args, **kwargs)
        assert made == plain and vars(made) == vars(plain) and list(vars(made)) == ["a", "b", "c", "d", "e"]
    assert make(1).c is not make(1).c
    for args, kwargs in (((), {}), ((1, "x", [], 4), {}), ((1,), {"f": 2}), ((1,), {"a": 1})):
        with pytest.raises(TypeError):
            Mixed(*args, **kwargs)
        with pytest.raises(TypeError):
            make(*args, **kwargs)
    with pytest.raises(dataclasses.FrozenInstanceError):
        make(1).a = 2  # type: ignore[misc]


_PLAIN_CANDIDATE = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[\"“'(\[]?[A-Z0-9])|\n")


def _plain_sentence_bounds(text: str) -> list[tuple[int, int]]:
    """Sentence bounds the plain way: the unguarded candidate pattern, each sentence trimmed by a helper."""
    bounds: list[tuple[int, int]] = []
    start = 0

    def append(start: int, end: int) -> None:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            bounds.append((start, end))

    for m in _PLAIN_CANDIDATE.finditer(text):
        if m.group() != "\n" and m.group()[0] == ".":
            word = re.search(r"([A-Za-z][A-Za-z.]*)$", text[max(0, m.start() - 12) : m.start()])
            if word and (word.group(1).lower().rstrip(".") in segment._ABBREVIATIONS or len(word.group(1)) == 1):
                continue
        append(start, m.end())
        start = m.end()
    append(start, len(text))
    return bounds


_SENTENCE_PIECES = ["A", "b", "vs", "e.g", "Fig", "al", ".", "..", "!", "?", "\n", " ", "  ", "\t", "\u2009", '"', "'", "”", ")", "]", "(", "[", "“",
                    "12", "3", "x", "The", "et", "P", " = .04", "95%", "CI"]


@_FAST
@given(st.lists(st.sampled_from(_SENTENCE_PIECES), max_size=40).map("".join))
def test_sentence_bounds_are_the_plain_ones_on_random_text(text: str) -> None:
    assert segment.sentence_bounds(text) == _plain_sentence_bounds(text)
    assert [m.span() for m in segment._CANDIDATE.finditer(text)] == [m.span() for m in _PLAIN_CANDIDATE.finditer(text)]


def test_sentence_bounds_are_the_plain_ones_on_real_abstracts() -> None:
    texts = [pipeline._compose(a)[0] for a in _dev_articles(200)]
    assert sum(len(segment.sentence_bounds(t)) for t in texts) > 1000
    for text in texts:
        assert segment.sentence_bounds(text) == _plain_sentence_bounds(text)


def _plain_find_terms(index, text: str) -> list:
    """Lexicon terms the plain way: every word by the word regex, every entry of its first word tried in turn."""
    lowered = "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)
    matches = list(re.finditer(r"[^\W_]+", lowered))
    words, starts = [m.group() for m in matches], [m.start() for m in matches]
    out, i = [], 0
    while i < len(words):
        found = None
        for names, canonical, exact_form in index.get(words[i], ()):
            k = len(names)
            if tuple(words[i : i + k]) != names:
                continue
            if not all(text[starts[i + j - 1] + len(words[i + j - 1]) : starts[i + j]].strip(" -/") == "" for j in range(1, k)):
                continue
            start, end = starts[i], starts[i + k - 1] + len(words[i + k - 1])
            if exact_form is not None and text[start:end] != exact_form:
                continue
            if (start > 0 and text[start - 1] == "_") or text[end : end + 1] == "_":
                continue
            found = (start, end, canonical, k)
            break
        if found:
            out.append(found[:3])
            i += found[3]
        else:
            i += 1
    return out


_TERM_PIECES = ["overall", "Overall", "survival", "response", "rate", "rates", "objective", "tumour", "complete", "pathologic", "CR", "ORR", "OS",
                "progression", "free", "disease", "event", "5", "FU", "fluorouracil", "FOLFOX", "cisplatin", "or", "and", "K", "\u212a", "median"]
_TERM_SEPARATORS = [" ", "-", " - ", "/", " / ", "_", ", ", "(", ") ", ".", "  ", "\n", "é", "-\n"]


@_FAST
@given(st.lists(st.tuples(st.sampled_from(_TERM_PIECES), st.sampled_from(_TERM_SEPARATORS)), max_size=14).map(lambda ps: "".join(w + s for w, s in ps)))
def test_terms_are_the_plain_ones_on_random_text(text: str) -> None:
    lexicon = pipeline.load_lexicon()
    for index in (lexicon.measure_words, lexicon.drug_words):
        assert find_terms(index, text) == _plain_find_terms(index, text)


def test_terms_are_the_plain_ones_on_real_abstracts() -> None:
    lexicon = pipeline.load_lexicon()
    found = 0
    for article in _dev_articles(120):
        text = pipeline._compose(article)[0]
        for index in (lexicon.measure_words, lexicon.drug_words):
            terms = find_terms(index, text)
            assert terms == _plain_find_terms(index, text)
            found += sum(1 for start, end, _ in terms if any(c in text[start:end] for c in " -/"))
    assert found > 50  # terms of several words among them


def test_studies_stream_one_batch_at_a_time(monkeypatch: pytest.MonkeyPatch) -> None:
    articles = _dev_articles(5)
    pulled = []

    def source():
        for article in articles:
            pulled.append(article.pmid)
            yield article

    studies = extract_studies(source(), batch_size=2)
    first = next(studies)
    assert len(pulled) == 2 and first.article is articles[0]  # one batch read ahead, no more
    assert [s.article for s in studies] == articles[1:]
    assert [s.article for s in extract_studies(source(), batch_size=1)] == articles
    with monkeypatch.context() as patch:  # the spaCy path reads a batch ahead too
        patch.setattr(pipeline, "_OFFSET_COMPONENTS", ())
        pulled.clear()
        next(extract_studies(source(), batch_size=3))
        assert len(pulled) == 3


def test_batches_of_any_size_give_the_studies_of_single_articles() -> None:
    articles = _dev_articles(7)
    one_by_one = [study_to_json(s) for s in extract_studies(articles, batch_size=1)]
    assert any(s["findings"] for s in one_by_one)
    for size in (2, 3, 64):
        assert [study_to_json(s) for s in extract_studies(articles, batch_size=size)] == one_by_one


def test_record_maker_keeps_the_constructor_of_slotted_records() -> None:
    @dataclasses.dataclass(frozen=True, slots=True)
    class Slotted:
        x: int

    assert pipeline._record_maker(Slotted) is Slotted


@_FAST
@given(st.text(alphabet=st.sampled_from(["a", " ", "\n", "\t", "\r", "\x00", "\x07", "\x0b", "\x0c", "\x1f", "\x7f", "\x85", "\u2009", "\u2028", "é", "%"]), max_size=20))
def test_cleaning_gate_changes_no_text(text: str) -> None:
    assert pipeline._clean(text) == pipeline._CONTROL_RE.sub(" ", text)
