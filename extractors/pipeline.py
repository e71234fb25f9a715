"""Build the nlp object once per process and turn its spans into :class:`~evidence.records.Study` records.

Public API: :func:`build_pipeline`, :func:`extract_study`, :func:`extract_studies`.
spaCy types stay inside this package: callers pass Articles and get Studies.  The extraction runs
the pipeline's components on a token-free :class:`~extractors.segment.TextDoc` (they read character
offsets only); ``build_pipeline()(text)`` makes a spaCy ``Doc`` with the same spans.

Extraction never raises on odd text: an article whose reading fails gets an empty study, and a
finder that fails leaves its part unread with an ``EXTRACTOR_ERROR`` flag.  That hides rule bugs,
so developers can set the environment variable ``EVIDENCE_DEBUG=1`` (see :func:`debug_mode`): the
first exception, a finder's included, then propagates out of :func:`extract_studies` with its traceback.
"""

from __future__ import annotations

from bisect import bisect_right
import dataclasses
import gc
import re
from functools import lru_cache
from itertools import islice
from operator import itemgetter
from typing import Any, Callable, Iterable, Iterator, Sequence, TypeVar

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from evidence.records import (
    Arm,
    Article,
    Cohort,
    Evidence,
    Finding,
    Flag,
    Kind,
    Measure,
    Regimen,
    Study,
    Unit,
)
from extractors import components as _components  # noqa: F401  (registers the factories)
from extractors import segment as _segment
from extractors.checks import check_study
from extractors.debug import debug_mode
from extractors.cohort import choose_cohort
from extractors.arms import analysed_sizes, denominator_sizes, fuller_sizes
from extractors.components import ERRORS, HITS, chosen_arms, hits_of, sentences_of
from extractors.hits import Hit
from extractors.lexicon import CASE_FOLD_ODDITIES, load_lexicon, lower_aligned
from extractors.segment import TextDoc, text_of
from extractors.version import EXTRACTOR_VERSION

__all__ = ["EXTRACTOR_VERSION", "build_pipeline", "debug_mode", "extract_studies", "extract_study"]

T = TypeVar("T")
TITLE = "TITLE"
_MAX_CHARS = 200_000  # longer inputs are cut (an abstract is ~2,000 characters)


@lru_cache(maxsize=1)
def build_pipeline() -> Language:
    """The extraction pipeline on ``spacy.blank("en")`` (cached: built once per process)."""
    nlp = spacy.blank("en")
    nlp.tokenizer = _segment.FastTokenizer(nlp.vocab)
    nlp.max_length = _MAX_CHARS + 10
    for name in ("evidence_sentences", "evidence_design", "evidence_cohort", "evidence_regimen", "evidence_outcomes", "evidence_wound", "evidence_comparisons"):
        nlp.add_pipe(name)
    load_lexicon()  # compiled here, once, with everything else that lives as long as the process
    # The pipeline, the vocabulary and the compiled patterns (some 85,000 objects) live as long as the
    # process: moved out of the garbage collector's sight, they are not walked again by every full
    # collection while abstracts stream through (about 5% of the extraction time).  Garbage is
    # collected first, so nothing unreachable is kept.
    gc.collect()
    gc.freeze()
    return nlp


def _compose(article: Article) -> tuple[str, list[tuple[int, str, str]]]:
    """Title and sections as one text, each on its own line, with (offset, label, text) per part."""
    parts: list[tuple[int, str, str]] = []
    chunks: list[str] = []
    offset = 0
    items = [(TITLE, article.title or "")] + [(s.label, s.text or "") for s in article.sections]
    for label, text in items:
        text = _clean(text)
        if not text.strip():
            continue
        parts.append((offset, label, text))
        chunks.append(text)
        offset += len(text) + 1
    joined = "\n".join(chunks)
    if len(joined) > _MAX_CHARS:
        joined = joined[:_MAX_CHARS]
    return joined, parts


def _clean(text: str) -> str:
    """Control characters become spaces (one for one, so offsets into the section text still hold).

    The usual case returns at once: ASCII text whose bytes lose none of :data:`_CONTROL_BYTES`
    when they are deleted (a C loop, several times quicker than ``isprintable``, which looks every
    character up), other text when it is printable (a control character never is)."""
    if text.isascii():
        data = text.encode("ascii")
        if len(data.translate(None, _CONTROL_BYTES)) == len(data):
            return text
    elif text.isprintable():
        return text
    return _CONTROL_RE.sub(" ", text)


_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
#: the characters of :data:`_CONTROL_RE`, as bytes
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])


def _make_doc(nlp: Language, article: Article) -> Doc:
    text, parts = _compose(article)
    doc = nlp.make_doc(text)
    doc.user_data["parts"] = parts
    doc.user_data["title_end"] = len(parts[0][2]) if parts and parts[0][1] == TITLE else 0
    return doc


def _make_text_doc(article: Article) -> TextDoc:
    """What :func:`_make_doc` makes, without tokens (the text and the same ``user_data``)."""
    text, parts = _compose(article)
    doc = TextDoc(text)
    doc.user_data["parts"] = parts
    doc.user_data["title_end"] = len(parts[0][2]) if parts and parts[0][1] == TITLE else 0
    return doc


def extract_study(article: Article) -> Study:
    """Extract one study from an article; never raises on odd text ("nothing found" is an empty study)."""
    return next(extract_studies([article], batch_size=1))


def extract_studies(articles: Iterable[Article], batch_size: int = 64) -> Iterator[Study]:
    """Extract studies from articles in order, streaming.

    With the pipeline's own components (see :data:`_OFFSET_COMPONENTS`) the articles are read in
    batches of ``batch_size`` on :class:`TextDoc` s, one component after the other over the whole
    batch (:func:`_text_studies`), and each batch's studies are yielded as soon as it is done.
    Otherwise batches of ``batch_size`` go through ``nlp.pipe``.  Either way at most one batch of
    articles is read ahead.
    """
    nlp = build_pipeline()
    components = [proc for _, proc in nlp.pipeline]
    # the text's tokens are read by none of the pipeline's own components: no spaCy Doc is made for them
    # (the same hits, so the same study, as through nlp.pipe)
    text_only = all(type(proc) in _OFFSET_COMPONENTS for proc in components)
    for batch in _batches(articles, batch_size):
        yield from _text_studies(components, batch) if text_only else _run_batch(nlp, batch, batch_size)


def _batches(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    """The articles in lists of ``size`` (the last may be shorter), each read only when asked for."""
    items = iter(articles)
    while batch := list(islice(items, max(1, size))):
        yield batch


#: the classes of the components :func:`build_pipeline` adds: all read and write character offsets only
_OFFSET_COMPONENTS = (
    _segment.SentenceSegmenter,
    _components.DesignFinder,
    _components.CohortFinder,
    _components.RegimenFinder,
    _components.OutcomeFinder,
    _components.WoundFinder,
    _components.ComparisonFinder,
)


def _run_batch(nlp: Language, articles: list[Article], batch_size: int) -> list[Study]:
    try:
        # docs made as the pipe asks for them and dropped once read: a batch never holds 64 tokenised docs at
        # once, so their objects die young (cheap for the garbage collector) instead of piling up
        docs = (_make_doc(nlp, a) for a in articles)
        return [_safe_study(a, d) for a, d in zip(articles, nlp.pipe(docs, batch_size=batch_size))]
    except Exception:  # one bad article must not sink the batch: redo one by one
        if debug_mode():
            raise
        return [_one(nlp, a) for a in articles]


def _text_studies(components: list[Callable[[Any], Any]], articles: list[Article]) -> list[Study]:
    """The studies of a batch of articles, each component run over the whole batch before the next.

    Run component by component, a finder's patterns and code stay in the processor's caches while
    it reads the batch: about 15% faster than running every component on one article before the
    next, with the same hits (no component reads another article's doc).  An article a component
    fails on gets an empty study (as :func:`_one` gives it after ``nlp.pipe`` failed on its batch);
    the others are read on.
    """
    debug = debug_mode()
    docs: list[Any] = []
    for article in articles:
        try:
            docs.append(_make_text_doc(article))
        except Exception:
            if debug:
                raise
            docs.append(None)
    for proc in components:
        for i, doc in enumerate(docs):
            if doc is not None:
                try:
                    docs[i] = proc(doc)
                except Exception:
                    if debug:
                        raise
                    docs[i] = None
    return [Study(article=article) if doc is None else _safe_study(article, doc) for article, doc in zip(articles, docs)]


def _one(nlp: Language, article: Article) -> Study:
    try:
        return _safe_study(article, nlp(_make_doc(nlp, article)))
    except Exception:  # pragma: no cover - last resort: an empty result, never a traceback
        if debug_mode():
            raise
        return Study(article=article)


def _safe_study(article: Article, doc: Doc | TextDoc) -> Study:
    if debug_mode():
        return study_from_doc(article, doc)
    try:
        return study_from_doc(article, doc)
    except Exception:  # pragma: no cover - defensive
        return Study(article=article)


def _record_maker(cls: type[T]) -> Callable[..., T]:
    """A constructor for the frozen dataclass ``cls`` that fills the instance's ``__dict__`` at once.

    A frozen dataclass's ``__init__`` sets each field through ``object.__setattr__`` (a Finding's
    seventeen cost three times the object); this makes the same object, with the same signature
    (fields in order, defaults, factories' values, keyword-only fields), by writing the values into
    the new instance's ``__dict__`` in field order.  The function is generated from the fields, as
    dataclasses generates ``__init__``, so it follows any field added to the record.  Keywords that
    are not the fields, or lack a required one, raise ``TypeError`` as the constructor does; ``cls``
    itself is returned when it has a ``__post_init__``, slots, a field left out of ``__init__`` or
    one whose name the generated code uses.
    """
    fields = dataclasses.fields(cls)  # type: ignore[arg-type]
    names = [f.name for f in fields]
    if (
        hasattr(cls, "__post_init__")
        or "__slots__" in vars(cls)  # no instance __dict__ to fill
        or any(not f.init for f in fields)
        or any(n.startswith("_rm_") or not n.isidentifier() for n in names)
    ):
        return cls
    MISSING = dataclasses.MISSING
    namespace: dict[str, Any] = {"_rm_new": object.__new__, "_rm_cls": cls, "_rm_factory": object()}
    positional: list[str] = []
    keyword_only: list[str] = []
    made_by_factory: list[str] = []
    for i, f in enumerate(fields):
        if f.default is not MISSING:
            namespace[f"_rm_default_{i}"] = f.default
            param = f"{f.name}=_rm_default_{i}"
        elif f.default_factory is not MISSING:
            namespace[f"_rm_make_{i}"] = f.default_factory
            param = f"{f.name}=_rm_factory"
            made_by_factory.append(f"    if {f.name} is _rm_factory:\n        {f.name} = _rm_make_{i}()\n")
        else:
            param = f.name
        (keyword_only if f.kw_only else positional).append(param)
    params = ", ".join(positional + (["*"] + keyword_only if keyword_only else []))
    source = (
        f"def make({params}):\n"
        + "".join(made_by_factory)
        + "    _rm_made = _rm_new(_rm_cls)\n    _rm_state = _rm_made.__dict__\n"
        + "".join(f"    _rm_state[{name!r}] = {name}\n" for name in names)
        + "    return _rm_made\n"
    )
    exec(source, namespace)  # noqa: S102 - generated from the record's own field names (checked identifiers)
    make = namespace["make"]
    make.__qualname__ = make.__name__ = f"new_{cls.__name__.lower()}"
    make.__doc__ = f"A {cls.__name__} made without its frozen ``__init__`` (the same fields, defaults and signature)."
    return make


def _record_maker_taking(cls: type[T], names: Sequence[str]) -> Callable[..., T]:
    """A constructor for the frozen dataclass ``cls`` that takes the fields ``names``, in that order, by position.

    The other fields get their defaults (factories called); the values go into the new instance's
    ``__dict__`` in field order, as :func:`_record_maker` writes them, so a field added to the
    record anywhere keeps its default and the fields named keep their values.  A call by position
    skips the matching of keywords a call to :func:`_record_maker`'s constructor makes.  Where that
    one would keep the real constructor (or a field not named has no default), the values are
    handed to it by keyword.
    """
    fields = dataclasses.fields(cls)  # type: ignore[arg-type]
    known = {f.name for f in fields}
    MISSING = dataclasses.MISSING
    if (
        _record_maker(cls) is cls
        or not set(names) <= known
        or len(set(names)) != len(names)
        or any(f.name not in names and f.default is MISSING and f.default_factory is MISSING for f in fields)
    ):
        make_by_keyword = _record_maker(cls)
        return lambda *values: make_by_keyword(**dict(zip(names, values)))
    namespace: dict[str, Any] = {"_rm_new": object.__new__, "_rm_cls": cls}
    lines = []
    for i, f in enumerate(fields):
        if f.name in names:
            value = f.name
        elif f.default is not MISSING:
            namespace[f"_rm_default_{i}"] = f.default
            value = f"_rm_default_{i}"
        else:
            namespace[f"_rm_make_{i}"] = f.default_factory
            value = f"_rm_make_{i}()"
        lines.append(f"    _rm_state[{f.name!r}] = {value}\n")
    source = f"def make({', '.join(names)}):\n    _rm_made = _rm_new(_rm_cls)\n    _rm_state = _rm_made.__dict__\n" + "".join(lines) + "    return _rm_made\n"
    exec(source, namespace)  # noqa: S102 - generated from the record's own field names (checked identifiers)
    make = namespace["make"]
    make.__qualname__ = make.__name__ = f"new_{cls.__name__.lower()}_taking"
    make.__doc__ = f"A {cls.__name__} of the fields {', '.join(names)} (by position; the others their defaults)."
    return make


_new_evidence = _record_maker(Evidence)
_new_finding = _record_maker(Finding)
_new_arm = _record_maker(Arm)
_new_cohort = _record_maker(Cohort)
_new_regimen = _record_maker(Regimen)
_new_study = _record_maker(Study)
#: the Evidence of a located span and the Finding of an outcome hit, their fields by position (see _Locator.evidence, _findings)
_EVIDENCE_FIELDS = ("section", "sentence", "start", "end", "extractor_version", "text")
_new_located_evidence = _record_maker_taking(Evidence, _EVIDENCE_FIELDS)
_FINDING_FIELDS = ("measure", "kind", "value", "unit", "count", "denominator", "time_months", "ci", "p", "arm", "evidence", "p_relation", "not_reached", "outcome")
_new_read_finding = _record_maker_taking(Finding, _FINDING_FIELDS)


class _Locator:
    """Maps document offsets to (section label, offset within the section, sentence text)."""

    def __init__(self, doc: Doc | TextDoc) -> None:
        self.parts = doc.user_data.get("parts", [])
        self.offsets = list(map(_FIRST, self.parts))
        sents = sentences_of(doc) or [(0, len(text_of(doc)))]
        self.sent_starts = list(map(_FIRST, sents))
        self.sents = sents
        self.text = text_of(doc)
        self._made: dict[tuple[int, int], Evidence] = {}  # Evidence is frozen: one per span, shared
        self._sentence_texts: list[str | None] = [None] * len(sents)  # by sentence, sliced when first asked

    def evidence(self, start: int, end: int) -> Evidence:
        """The Evidence of the characters ``start:end`` (one per span, shared; its sentence's text shared too)."""
        made = self._made.get((start, end))
        if made is None:
            parts = self.parts
            if len(parts) > 1:
                i = bisect_right(self.offsets, start) - 1
                offset, label, _ = parts[i if i > 0 else 0]
            elif parts:
                offset, label, _ = parts[0]
            else:
                offset, label = 0, ""
            made = self._made[start, end] = _new_located_evidence(label, self.sentence(start), start - offset, end - offset, EXTRACTOR_VERSION, self.text[start:end])
        return made

    def sentence(self, start: int) -> str:
        """The text of the sentence holding the offset ``start`` (what ``evidence(start, ...).sentence`` holds;
        one string per sentence, shared by its evidence)."""
        j = bisect_right(self.sent_starts, start) - 1
        if j < 0:
            j = 0
        text = self._sentence_texts[j]
        if text is None:
            s, e = self.sents[j]
            text = self._sentence_texts[j] = self.text[s:e]
        return text


_SYMPTOM_TRIAL = re.compile(r"\b(?:emesis|\w*emetic|antiemetics?|CINV|PONV|pain\s+(?:response|relief)|analgesi[ac]\w*)\b", re.IGNORECASE)
_SYMPTOM_CR = re.compile(r"complete\s+(?:response|protection|control)\b[^.]{0,40}?[(,:]\s*(?:defined\s+as\s+)?(?:no|without|absence\s+of)\s+(?:emesis|vomiting|nausea|emetic|rescue|pain)", re.IGNORECASE)
_SYMPTOM_KEYS = ("emesis", "emetic", "cinv", "ponv", "pain", "analgesi")
#: the words one of which ends every match of :data:`_SYMPTOM_CR` (lower case)
_SYMPTOM_CR_ENDS = ("emesis", "vomiting", "nausea", "emetic", "rescue", "pain")


_CASE_FOLD_ODDITIES = CASE_FOLD_ODDITIES  # see extractors.lexicon


def _symptom_trial(text: str) -> bool:
    """Whether the abstract reads as an antiemetic or pain trial.

    Substring gates before each scan: a case-blind match holds its words in the lower-cased text
    (ASCII text), or in the lower-cased ASCII bytes of the text with every other character as "?"
    (other text: one byte per character, so the offsets hold; no character outside ASCII matches an
    ASCII letter but the :data:`_CASE_FOLD_ODDITIES`, and texts with one of those are scanned whole).
    :data:`_SYMPTOM_TRIAL`'s matches are counted at the words holding one of its keys only
    (:func:`_count_symptom_words`).
    """
    if text.isascii():
        lower: str | bytes = lower_aligned(text)  # the finders' (kept for the text): ASCII text's lower case
        keys, ends, other_ends, complete = _SYMPTOM_KEYS, _SYMPTOM_CR_ENDS, _SYMPTOM_CR_OTHER_ENDS, "complete"
    elif any(map(text.__contains__, _CASE_FOLD_ODDITIES)):
        return len(_SYMPTOM_TRIAL.findall(text)) >= 2 or _SYMPTOM_CR.search(text) is not None
    else:
        lower = text.encode("ascii", "replace").lower()
        keys, ends, other_ends, complete = _SYMPTOM_KEYS_BYTES, _SYMPTOM_CR_ENDS_BYTES, _SYMPTOM_CR_OTHER_ENDS_BYTES, b"complete"  # type: ignore[assignment]
    has_key = any(map(lower.__contains__, keys))
    if has_key and _count_symptom_words(text, lower, keys) >= 2:
        return True
    # with no key in the text, no end holding one is there either: only the others are looked for
    if complete not in lower or not any(map(lower.__contains__, ends if has_key else other_ends)):
        return False
    # every match starts at a "complete" of the lower-cased text, which has the text's offsets (only
    # "İ" lower-cases to more than one character): the pattern is tried there only
    at = lower.find(complete)  # type: ignore[arg-type]
    while at >= 0:
        if _SYMPTOM_CR.match(text, at) is not None:
            return True
        at = lower.find(complete, at + 1)  # type: ignore[arg-type]
    return False


def _count_symptom_words(text: str, lower: str | bytes, keys: tuple) -> int:
    """``len(_SYMPTOM_TRIAL.findall(text))`` for a text without :data:`_CASE_FOLD_ODDITIES`, up to 2.

    Every match starts a word (its first character is a word character after a ``\\b``) and holds
    one of ``keys`` in that word (``lower`` has the text's offsets): the pattern is tried only at the
    starts of the words holding a key, left to right, each past the last match's end, as ``findall``
    goes; no other place can start a match.  A word character is one ``str.isalnum`` calls so, or
    "_" (the pattern's ``\\w``).
    """
    starts = set()
    for key in keys:
        at = lower.find(key)
        while at >= 0:
            word = at
            while word and (text[word - 1].isalnum() or text[word - 1] == "_"):
                word -= 1
            starts.add(word)
            at = lower.find(key, at + 1)
    count = end = 0
    match = _SYMPTOM_TRIAL.match
    for at in sorted(starts):
        if at >= end:
            found = match(text, at)
            if found is not None:
                count += 1
                if count == 2:
                    break
                end = found.end()
    return count


_SYMPTOM_KEYS_BYTES = tuple(key.encode("ascii") for key in _SYMPTOM_KEYS)
_SYMPTOM_CR_ENDS_BYTES = tuple(end.encode("ascii") for end in _SYMPTOM_CR_ENDS)
#: the ends that hold none of :data:`_SYMPTOM_KEYS` (derived from both): in a text holding no key, no other end can be
_SYMPTOM_CR_OTHER_ENDS = tuple(end for end in _SYMPTOM_CR_ENDS if not any(key in end for key in _SYMPTOM_KEYS))
_SYMPTOM_CR_OTHER_ENDS_BYTES = tuple(end.encode("ascii") for end in _SYMPTOM_CR_OTHER_ENDS)


_TUMOUR_WORD = re.compile(r"tumou?r|RECIST|objective|radiolog|patholog|metasta|lesion|cancer", re.IGNORECASE)


def _sizes_from_denominators(arms: tuple[Arm, ...], findings: tuple[Finding, ...], where: _Locator) -> tuple[Arm, ...]:
    """Arms the text names without sizes take the denominator their per-arm counts are printed over
    ("35/60 in the decision-aid group ... 33/38 with usual care", "A (72 of 207, 34.8%)"; see
    :func:`~extractors.arms.denominator_sizes`), when every arm without a size has one; sized arms keep theirs."""
    if len(arms) < 2 or all(a.n is not None for a in arms):
        return arms
    labels = {a.label for a in arms if a.n is None}
    mentions = []
    for f in findings:
        if f.arm in labels and f.evidence is not None and (f.denominator or f.kind == Kind.RATE):
            offset = next((o for o, label, _ in where.parts if label == f.evidence.section), 0)
            mentions.append((f.arm, offset + f.evidence.start, f.value, f.denominator))
    sizes = denominator_sizes(where.text, mentions)
    if not all(label in sizes for label in labels):
        return arms
    return tuple(a if a.n is not None else dataclasses.replace(a, n=sizes[a.label][0], evidence=where.evidence(sizes[a.label][1], sizes[a.label][2])) for a in arms)


def _orient_hazard_ratios(findings: tuple[Finding, ...]) -> tuple[Finding, ...]:
    """Turn "X vs Y" round when the sentence's own per-arm values clearly contradict it.

    An HR below 1 says X has the lower hazard, so X has the longer median and the higher
    survival rate; when the same sentence prints X's value clearly worse than Y's (a median
    10% shorter, a rate 3 points lower) and the HR is clearly away from 1 (< 0.9 or > 1.11),
    the text compared Y with X.  The value is never changed.
    """
    for f in findings:
        if f.kind == _HR and f.arm and " vs " in f.arm:
            break
    else:
        return findings  # nothing to turn round (the usual case)
    out = list(findings)
    for i, f in enumerate(findings):
        if f.kind != Kind.HR or not f.arm or " vs " not in f.arm or f.value is None or 0.9 <= f.value <= 1.11 or f.evidence is None:
            continue
        x, _, y = f.arm.partition(" vs ")
        same = {g.arm: g.value for g in findings if g.kind in (Kind.MEDIAN, Kind.RATE) and g.measure == f.measure and g.value is not None
                and g.evidence is not None and g.evidence.sentence == f.evidence.sentence and g.arm in (x, y)}
        if x not in same or y not in same:
            continue
        vx, vy = same[x], same[y]
        kind = next(g.kind for g in findings if g.arm == x and g.measure == f.measure and g.evidence is not None and g.evidence.sentence == f.evidence.sentence)
        clearly_worse = (vy - vx >= 0.03) if kind == Kind.RATE else (vy > 0 and (vy - vx) / vy >= 0.10)
        clearly_better = (vx - vy >= 0.03) if kind == Kind.RATE else (vx > 0 and (vx - vy) / vx >= 0.10)
        if (f.value < 1 and clearly_worse) or (f.value > 1 and clearly_better):
            out[i] = dataclasses.replace(f, arm=f"{y} vs {x}")
    return tuple(out)


_COMPARISON_CUE = re.compile(r"\b(?:than\s+(?:with|in|after)|versus|vs\.?|compared\s+(?:with|to)|relative\s+to)\b", re.I)
_PROGNOSTIC_CUE = re.compile(r"\b(?:multivariat\w*|univariat\w*|independent\w*|prognostic|predictor\w*|predictive|risk\s+factors?|associated|correlated|age|stage|grade|size|margin\w*|histolog\w*|score)\b", re.I)


def _treatment_comparison(sentence: str) -> bool:
    """A sentence that compares two treatments, not prognostic factors ("longer with A than with B")."""
    return bool(_COMPARISON_CUE.search(sentence)) and not _PROGNOSTIC_CUE.search(sentence)


def study_from_doc(article: Article, doc: Doc | TextDoc) -> Study:
    """Turn the spans of a processed doc into a Study (cohort, arms, regimen, findings, design, flags)."""
    where = _Locator(doc)
    arms = _arms(where, doc)
    cohort = _cohort(hits_of(doc, "cohort"), where, [a.n for a in arms if a.n is not None])
    arms = _fuller_arm_sizes(arms, doc, where, cohort.n)
    written = doc.user_data.get(HITS, {})  # the hits by group, read here without the copy hits_of makes
    regimen = _regimen(written.get("regimen", ()), where)
    design = tuple(dict.fromkeys(map(_LABEL, written.get("design", ()))))
    outcome_hits = written.get("outcome", ())
    if "randomised" not in design:  # a hazard ratio of a single cohort compares risk factors, not treatments,
        # unless its sentence sets two treatments side by side ("longer with A than with B (HR 0.59 ...)")
        outcome_hits = [
            h for h in outcome_hits
            if h.payload["kind"] != "hr" or h.payload.get("comparative") or _treatment_comparison(where.sentence(h.start))
        ]
    if _symptom_trial(where.text):  # an antiemetic or pain trial: its "complete response" is symptom control
        outcome_hits = [h for h in outcome_hits if h.payload["measure"] not in ("CR", "ORR", "PR") or _TUMOUR_WORD.search(where.sentence(h.start))]
    findings = _orient_hazard_ratios(_findings(outcome_hits, where, cohort, arms))
    compared = _findings(written.get("comparison", ()), where)  # per-arm values of other outcomes
    arms = _sizes_from_denominators(arms, findings + compared, where)
    findings += _findings(written.get("wound", ()), where, cohort, arms)
    findings += compared
    errors = doc.user_data.get(ERRORS)
    flags = tuple(Flag("EXTRACTOR_ERROR", f"{error} (this part of the abstract was not read)") for error in errors) if errors else ()
    study = _new_study(article=article, cohort=cohort, arms=arms, regimen=regimen, findings=findings, design=design, flags=flags)
    return check_study(study)


def _cohort(hits: list[Hit], where: _Locator, arm_sizes: Sequence[int] = ()) -> Cohort:
    values: dict[str, Any] = {}
    evidence: dict[str, Evidence] = {}
    find = where.evidence
    for name, hit in choose_cohort(hits, arm_sizes).items():
        values[name] = hit.payload["value"]
        evidence[name] = find(hit.start, hit.end)
    return _new_cohort(**values, evidence=evidence)


def _arms(where: _Locator, doc: Doc | TextDoc) -> tuple[Arm, ...]:
    """The study's arms (``select_arms`` over the doc's arm hits, chosen once for the outcome finder), with second sizes."""
    chosen = chosen_arms(doc, where.sent_starts)
    if not chosen:
        return ()  # no arm, no second size
    second = analysed_sizes(chosen, _arm_hits(doc), where.sent_starts)
    return tuple(
        _new_arm(label=label, n=n, evidence=where.evidence(h.start, h.end), n_analysed=a.payload["n"] if a else None,
            analysed_evidence=where.evidence(a.start, a.end) if a else None)
        for (label, n, h), a in zip(chosen, second)
    )


def _arm_hits(doc: Doc | TextDoc) -> Sequence[Hit]:
    """The doc's arm hits as written (read only: :func:`~extractors.arms.analysed_sizes` and
    :func:`~extractors.arms.fuller_sizes` only read them, so no copy is made as ``hits_of`` makes one)."""
    return doc.user_data.get(HITS, {}).get("arm", ())


def _fuller_arm_sizes(arms: tuple[Arm, ...], doc: Doc | TextDoc, where: _Locator, total: int | None) -> tuple[Arm, ...]:
    """Arms first sized by a part of their groups take the later, larger sizes of the whole groups (see
    :func:`~extractors.arms.fuller_sizes`); the first sizes become the arms' second sizes where they have none."""
    if total is None or len(arms) < 2 or any(a.n is None for a in arms):
        return arms
    chosen = chosen_arms(doc, where.sent_starts)
    if len(chosen) != len(arms):
        return arms
    larger = fuller_sizes(chosen, _arm_hits(doc), where.sent_starts, total)
    if larger[0] is None:
        return arms
    return tuple(
        dataclasses.replace(a, n=h.payload["n"], evidence=where.evidence(h.start, h.end),
                            n_analysed=a.n if a.n_analysed is None else a.n_analysed,
                            analysed_evidence=a.evidence if a.n_analysed is None else a.analysed_evidence)
        for a, h in zip(arms, larger)
    )


_NUMERIC_FIELDS = frozenset(Regimen.NUMERIC_FIELDS)


def _regimen(hits: list[Hit], where: _Locator) -> Regimen:
    """The regimen of the hits in one pass: agents and settings in order of first mention (as ``dict.fromkeys``
    keeps them), the first value of each numeric field; evidence for those fields, then agents, then settings."""
    drugs: dict[Any, None] = {}
    settings: dict[Any, None] = {}
    numeric: dict[str, Any] = {}
    evidence: dict[str, Evidence] = {}
    first_drug = first_setting = None
    for h in hits:
        label = h.label
        if label == "drug":
            drugs[h.payload["value"]] = None
            if first_drug is None:
                first_drug = h
        elif label == "setting":
            settings[h.payload["value"]] = None
            if first_setting is None:
                first_setting = h
        elif label in _NUMERIC_FIELDS and label not in numeric:
            numeric[label] = h.payload["value"]
            evidence[label] = where.evidence(h.start, h.end)
    # "neoadjuvant" with "preoperative" both kept: the regimen finder drops a "before surgery" that restates the first
    for name, first in (("drugs", first_drug), ("settings", first_setting)):
        if first is not None:
            evidence[name] = where.evidence(first.start, first.end)
    return _new_regimen(drugs=tuple(drugs), settings=tuple(settings), evidence=evidence, **numeric)


_ENUM_VALUES: dict[type, dict[Any, Any]] = {enum: {member.value: member for member in enum} for enum in (Measure, Kind, Unit)}


def _enum(enum: type[T], value: Any) -> T:
    """``enum(value)`` by a dictionary look-up (an Enum call costs far more); odd values still go through the call."""
    member = _ENUM_VALUES[enum].get(value) if isinstance(value, str) else None
    return member if member is not None else enum(value)


#: the members by value, for the look-ups made for every finding (a miss goes through :func:`_enum`)
_MEASURES, _KINDS, _UNITS = _ENUM_VALUES[Measure], _ENUM_VALUES[Kind], _ENUM_VALUES[Unit]
_START = itemgetter(2)  # Hit.start (a named tuple's field by index: the cheapest sort key)
#: measures of harm, counted over every patient treated rather than over those evaluable for response
_HARMS = frozenset({"TOX_G3PLUS", "WOUND"})
_LABEL = itemgetter(1)  # Hit.label
_FIRST = itemgetter(0)  # a part's offset, a sentence's start


def _findings(hits: list[Hit], where: _Locator, cohort: Cohort | None = None, arms: tuple[Arm, ...] = ()) -> tuple[Finding, ...]:
    if not hits:
        return ()
    findings: list[Finding] = []
    seen: set[tuple[Any, ...]] = set()
    stated: set[tuple[Any, Any]] | None = None  # (measure, arm) of the values stated, worked out when a count needs it
    base = (cohort.n_evaluable or cohort.n) if cohort is not None else None
    base_field = "n_evaluable" if cohort is not None and cohort.n_evaluable else "n"
    # harms are counted over every patient treated, not over those evaluable for response
    harm_base = (cohort.n or base) if cohort is not None else None
    harm_field = "n" if cohort is not None and cohort.n else base_field
    evidence = where.evidence
    new_finding, measures, kinds, units = _new_read_finding, _MEASURES, _KINDS, _UNITS
    for h in sorted(hits, key=_START):
        p = h.payload
        get = p.get
        if get("needs_denominator"):
            # "including 2 complete responses": a single-arm count over the evaluable (else whole) cohort the abstract states;
            # "grade 3 events occurred in 6 patients": a harm, over the whole cohort
            over, over_field = (harm_base, harm_field) if p["measure"] in _HARMS else (base, base_field)
            if arms or not over or p["count"] > over:
                continue
            if stated is None:
                stated = {(g.payload["measure"], g.payload.get("arm")) for g in hits if not g.payload.get("needs_denominator")}
            if (p["measure"], None) in stated:
                continue
            p = dict(p, denominator=over, value=round(p["count"] / over, 4))
            stated.add((p["measure"], None))
            findings.append(
                _new_finding(measure=_enum(Measure, p["measure"]), kind=Kind.RATE, value=p["value"], unit=Unit.PROPORTION, count=p["count"], denominator=over,
                        evidence=where.evidence(h.start, h.end), method=f"value = the count in this sentence / the cohort's {over_field} stated in the abstract (the group the sentence is about), rounded to 4 decimals",
                        outcome=p.get("outcome"))
            )
            continue
        measure, kind, value, time_months, arm, not_reached = p["measure"], p["kind"], get("value"), get("time_months"), get("arm"), get("not_reached", False)
        key = (measure, kind, value, time_months, arm, not_reached, get("outcome"))  # two named outcomes may share a value
        if key in seen:
            continue
        seen.add(key)
        ci, p_value = get("ci"), get("p")
        findings.append(
            new_finding(  # the fields of _FINDING_FIELDS, in order
                measures.get(measure) or _enum(Measure, measure),
                kinds.get(kind) or _enum(Kind, kind),
                value,
                units.get(p["unit"]) or _enum(Unit, p["unit"]),
                get("count"),
                get("denominator"),
                time_months,
                (ci[0], ci[1]) if ci else None,
                p_value,
                arm,
                evidence(h.start, h.end),
                get("p_relation", "=") if p_value is not None else "=",
                bool(not_reached),
                get("outcome"),
            )
        )
    return tuple(findings)


_HR = Kind.HR
