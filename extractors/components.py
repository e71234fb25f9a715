"""spaCy components that find cohort, design, arm, regimen and outcome mentions and write them to ``doc.spans``.

Each component is a class whose ``__call__`` is split into ``find`` (plain-text
finders from :mod:`extractors.cohort`, :mod:`extractors.arms`, :mod:`extractors.design`, :mod:`extractors.regimen`,
:mod:`extractors.outcomes`) and ``write`` (spans in ``doc.spans[group]``; the
parsed values sit in ``doc.user_data["evidence_payloads"]`` under ``span.id``).
The spaCy ``Span`` objects are made when ``doc.spans`` is first read: the
extraction itself reads only the hits kept in ``doc.user_data``.
"""

from __future__ import annotations

from operator import itemgetter, lt
from typing import Callable, Iterable, Sequence, TypeVar

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.tokens._dict_proxies import SpanGroups  # the class of ``doc.spans`` (not exported by spacy.tokens)

from extractors.arms import find_arms, select_arms
from extractors.attribution import ArmMention, mention_patterns
from extractors.cohort import find_cohort
from extractors.comparisons import find_comparisons
from extractors.debug import debug_mode
from extractors.design import find_design
from extractors.hits import Hit
from extractors.lexicon import load_lexicon
from extractors.outcomes import find_outcomes
from extractors.regimen import find_regimen
from extractors.segment import SENTENCES, TextDoc, text_of, token_offsets, tokens_between
from extractors.wound import find_wound_complications

__all__ = ["HITS", "PAYLOADS", "arm_mentions", "chosen_arms", "hits_of", "sentences_of", "write_hits"]

PAYLOADS = "evidence_payloads"
#: the hits behind each span group, in span order (exact character offsets; read back without touching the spans)
HITS = "evidence_hits"
T = TypeVar("T")


def sentences_of(doc: Doc) -> list[tuple[int, int]]:
    """Character spans of the doc's sentences (from the segmenter; the whole text without it)."""
    bounds = doc.user_data.get(SENTENCES)
    if bounds is not None:
        return bounds
    return [(0, len(text_of(doc)))] if text_of(doc) else []


def write_hits(doc: Doc | TextDoc, group: str, hits: Iterable[Hit]) -> None:
    """Store hits as spans of ``group`` (token-aligned, expanded), their payloads by span id, and the hits themselves.

    A hit outside the text gets no span and is dropped.  Token ranges come from one
    bisection each (:func:`~extractors.segment.tokens_between`), not ``doc.char_span``.
    The spaCy ``Span`` objects are made when ``doc.spans`` is first read
    (:class:`_PendingSpanGroups`): the extraction itself reads only the hits.  A
    :class:`~extractors.segment.TextDoc` (no tokens) keeps the hits and payloads only.
    """
    user_data = doc.user_data
    # user_data.setdefault(PAYLOADS, []) and .setdefault(HITS, {}).setdefault(group, []), without a new
    # list and dict made (and dropped) on every call
    payloads = user_data.get(PAYLOADS)
    if payloads is None:
        payloads = user_data[PAYLOADS] = []
    groups = user_data.get(HITS)
    if groups is None:
        groups = user_data[HITS] = {}
    kept = groups.get(group)
    if kept is None:
        kept = groups[group] = []
    is_text_doc = type(doc) is TextDoc
    if not (is_text_doc and type(hits) is list):
        hits = list(hits)  # a copy the pending spans keep (a TextDoc keeps none: its caller's list is only read)
    first_id = len(payloads) + 1  # span ids count the payloads, 1 up
    if hits:
        length = len(text_of(doc))
        # the usual case, checked in C: every hit inside the text and ending after it starts, so each
        # covers a token range a Span takes (see _inside); else the hits are sorted out one by one
        if min(map(_START, hits)) < 0 or max(map(_END, hits)) > length or not all(map(lt, map(_START, hits), map(_END, hits))):
            hits = _inside(doc, hits, first_id)
        payloads.extend(map(_PAYLOAD, hits))
        kept.extend(hits if all(map(group.__eq__, map(_GROUP, hits))) else [h if h.group == group else h._replace(group=group) for h in hits])
    if is_text_doc:
        return  # no tokens, so no spans: the hits are what the extraction reads
    spans = doc.spans
    if type(spans) is SpanGroups:  # the first write to this doc: its span groups are made when read
        spans.__class__ = _PendingSpanGroups
        spans.__dict__["_pending"] = {}
    if type(spans) is _PendingSpanGroups:
        spans.__dict__["_pending"].setdefault(group, []).append((first_id, hits))
    else:  # doc.spans of another kind: spans made now
        made = _spans(doc, [(first_id, hits)])
        spans[group] = list(spans[group]) + made if group in spans else made


_GROUP, _START, _END, _PAYLOAD = itemgetter(0), itemgetter(2), itemgetter(3), itemgetter(4)  # Hit fields by index
_FIRST = itemgetter(0)  # a sentence's start


def _inside(doc: Doc, hits: list[Hit], first_id: int) -> list[Hit]:
    """The hits inside the text; one whose tokens no Span can cover (it ends before it starts) raises as the Span does.

    A hit with ``start < end`` inside the text always has a token range: the token after the one
    holding ``end - 1`` is never before the first token of ``start``.
    """
    starts, ends, length = token_offsets(doc)
    out = []
    for hit in hits:
        start, end = hit.start, hit.end
        if not 0 <= start < length or not 0 < end <= length:
            continue
        first, last = tokens_between(starts, ends, start, end)
        if not 0 <= first <= last <= len(starts):
            if type(doc) is TextDoc:
                raise ValueError(f"a {hit.label!r} hit ends before it starts ({start}:{end})")  # as the Span would
            Span(doc, first, last, label=hit.label, span_id=first_id + len(out))  # raises
        out.append(hit)
    return out


def _spans(doc: Doc, batches: Iterable[tuple[int, list[Hit]]]) -> list[Span]:
    """Spans over the token ranges of hits (each a ``(first span id, hits)`` batch), by one bisection per end."""
    starts, ends, _ = token_offsets(doc)
    # labels as string ids, each looked up once per call (a Span given a string looks it up every time)
    strings, labels, out = doc.vocab.strings, {}, []
    for first_id, hits in batches:
        for span_id, (_, name, start, end, _) in enumerate(hits, first_id):
            first, last = tokens_between(starts, ends, start, end)
            label = labels.get(name)
            if label is None:
                label = labels[name] = strings.add(name)
            out.append(Span(doc, first, last, label=label, span_id=span_id))
    return out


class _PendingSpanGroups(SpanGroups):
    """``doc.spans`` whose groups written by :func:`write_hits` become spaCy spans on first read.

    Every read of a ``UserDict`` goes through ``data``; the property makes the queued
    groups there (appended to a group already present, as one write after another would)
    and then behaves as the plain attribute.
    """

    @property  # type: ignore[override]
    def data(self) -> dict:
        state = self.__dict__
        pending = state.get("_pending")
        if pending:
            state["_pending"] = {}
            doc = self._ensure_doc()
            for group, batches in pending.items():
                made = _spans(doc, batches)
                self[group] = list(state["data"][group]) + made if group in state["data"] else made
        return state["data"]

    @data.setter
    def data(self, value: dict) -> None:
        self.__dict__["data"] = value


def hits_of(doc: Doc, group: str) -> list[Hit]:
    """The hits written to ``doc.spans[group]`` by :func:`write_hits` (exact character offsets)."""
    return list(doc.user_data.get(HITS, {}).get(group, ()))


ERRORS = "evidence_errors"


def _guarded(name: str, doc: Doc, find: Callable[[Doc], T], empty: T) -> T:
    """Run a finder; a failure leaves its spans empty and is recorded (the study gets a flag), others still run.

    With ``EVIDENCE_DEBUG`` on, the failure is raised as it happened (with its traceback).
    """
    try:
        return find(doc)
    except Exception as exc:  # noqa: BLE001 - one finder's bug must not lose the whole abstract
        if debug_mode():
            raise
        doc.user_data.setdefault(ERRORS, []).append(f"{name}: {type(exc).__name__}")
        return empty


class DesignFinder:
    """Design labels (retrospective, prospective, phase, randomised) -> ``doc.spans["design"]``."""

    def __init__(self, name: str = "evidence_design") -> None:
        self.name = name
        self.lexicon = load_lexicon()

    def __call__(self, doc: Doc) -> Doc:
        write_hits(doc, "design", _guarded(self.name, doc, self.find, []))
        return doc

    def find(self, doc: Doc) -> list[Hit]:
        return find_design(text_of(doc), self.lexicon)


class CohortFinder:
    """Cohort sizes, sex, age -> ``doc.spans["cohort"]``; arms and their sizes -> ``doc.spans["arm"]``."""

    def __init__(self, name: str = "evidence_cohort") -> None:
        self.name = name
        self.lexicon = load_lexicon()

    def __call__(self, doc: Doc) -> Doc:
        cohort, arms = _guarded(self.name, doc, self.find, ([], []))
        write_hits(doc, "cohort", cohort)
        write_hits(doc, "arm", arms)
        return doc

    def find(self, doc: Doc) -> tuple[list[Hit], list[Hit]]:
        sentences = sentences_of(doc)
        title_end = doc.user_data.get("title_end", 0)
        return (
            find_cohort(text_of(doc), sentences, self.lexicon, title_end),
            find_arms(text_of(doc), sentences, title_end),
        )


class RegimenFinder:
    """Agents, settings, cycles and radiotherapy dose -> ``doc.spans["regimen"]``."""

    def __init__(self, name: str = "evidence_regimen") -> None:
        self.name = name
        self.lexicon = load_lexicon()

    def __call__(self, doc: Doc) -> Doc:
        write_hits(doc, "regimen", _guarded(self.name, doc, self.find, []))
        return doc

    def find(self, doc: Doc) -> list[Hit]:
        return find_regimen(text_of(doc), sentences_of(doc), self.lexicon)


#: the arms :func:`~extractors.arms.select_arms` chose for a doc, with what it was given (see :func:`chosen_arms`)
CHOSEN_ARMS = "evidence_chosen_arms"


def chosen_arms(doc: Doc, sentence_starts: Sequence[int]) -> list[tuple[str, int | None, Hit]]:
    """``select_arms`` over the doc's arm hits, worked out once per doc (the outcome finder and the Study both ask)."""
    user_data = doc.user_data
    hits = user_data.get(HITS, {}).get("arm", ())  # read, not copied (hits_of copies)
    starts = sentence_starts if type(sentence_starts) is list else list(sentence_starts)
    cached = user_data.get(CHOSEN_ARMS)
    if cached is not None and cached[0] == (starts, len(hits)):  # the same sentences and arm hits as when chosen
        return cached[1]
    chosen = select_arms(list(hits), list(starts))
    user_data[CHOSEN_ARMS] = ((list(starts), len(hits)), chosen)
    return chosen


def arm_mentions(doc: Doc) -> list[ArmMention]:
    """Arms the abstract names (``doc.spans["arm"]``, first sentence listing two or more), as mention patterns."""
    labels = [label for label, _, _ in chosen_arms(doc, list(map(_FIRST, sentences_of(doc))))]
    cached = doc.user_data.get(ARM_MENTIONS)
    if cached is not None and cached[0] == labels:  # built once per doc (the outcome and comparison finders both ask)
        return cached[1]
    mentions = mention_patterns(labels, text_of(doc)) if labels else []
    doc.user_data[ARM_MENTIONS] = (labels, mentions)
    return mentions


ARM_MENTIONS = "evidence_arm_mentions"


class OutcomeFinder:
    """Response rates, landmark rates, medians, HRs, follow-up, grade >= 3 toxicity -> ``doc.spans["outcome"]``."""

    def __init__(self, name: str = "evidence_outcomes") -> None:
        self.name = name
        self.lexicon = load_lexicon()

    def __call__(self, doc: Doc) -> Doc:
        write_hits(doc, "outcome", _guarded(self.name, doc, self.find, []))
        return doc

    def find(self, doc: Doc) -> list[Hit]:
        return find_outcomes(text_of(doc), sentences_of(doc), self.lexicon, arm_mentions(doc))


class ComparisonFinder:
    """Per-arm values of any other outcome (:mod:`extractors.comparisons`) -> ``doc.spans["comparison"]``; runs after the outcome finder."""

    def __init__(self, name: str = "evidence_comparisons") -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        write_hits(doc, "comparison", _guarded(self.name, doc, self.find, []))
        return doc

    def find(self, doc: Doc) -> list[Hit]:
        if len(chosen_arms(doc, list(map(_FIRST, sentences_of(doc))))) < 2:
            return []
        taken = [(h.start, h.end) for group in ("outcome", "wound") for h in hits_of(doc, group)]
        return find_comparisons(text_of(doc), sentences_of(doc), lambda: arm_mentions(doc), taken)


class WoundFinder:
    """Wound complication rates (:mod:`extractors.wound`) -> ``doc.spans["wound"]``; runs before the comparison finder."""

    def __init__(self, name: str = "evidence_wound") -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        write_hits(doc, "wound", _guarded(self.name, doc, self.find, []))
        return doc

    def find(self, doc: Doc) -> list[Hit]:
        return find_wound_complications(text_of(doc), sentences_of(doc), lambda: arm_mentions(doc))




@Language.factory("evidence_wound", assigns=["doc.spans"], requires=["token.is_sent_start"])
def make_wound_finder(nlp: Language, name: str) -> WoundFinder:
    return WoundFinder(name)


@Language.factory("evidence_comparisons", assigns=["doc.spans"], requires=["token.is_sent_start"])
def make_comparison_finder(nlp: Language, name: str) -> ComparisonFinder:
    return ComparisonFinder(name)


@Language.factory("evidence_design", assigns=["doc.spans"])
def make_design_finder(nlp: Language, name: str) -> DesignFinder:
    return DesignFinder(name)


@Language.factory("evidence_cohort", assigns=["doc.spans"])
def make_cohort_finder(nlp: Language, name: str) -> CohortFinder:
    return CohortFinder(name)


@Language.factory("evidence_regimen", assigns=["doc.spans"])
def make_regimen_finder(nlp: Language, name: str) -> RegimenFinder:
    return RegimenFinder(name)


@Language.factory("evidence_outcomes", assigns=["doc.spans"], requires=["token.is_sent_start"])
def make_outcome_finder(nlp: Language, name: str) -> OutcomeFinder:
    return OutcomeFinder(name)
