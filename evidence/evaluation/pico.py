"""Scoring against the PICO corpus: BRAT-annotated breast-cancer RCT abstracts.

Each document is ``<PMID>.txt`` (title and abstract as one paragraph) and
``<PMID>.ann`` (BRAT standoff: ``T<k>\\t<label> <start> <end>\\t<text>``).  The
corpus annotates what its annotators marked, not every value, so only the
labels that correspond to fields of a study are scored:

==========================  =====================================================
family                      compared with
==========================  =====================================================
``pico_cohort_n``           ``total-participants`` vs ``cohort.n``: a match when
                            the predicted n equals any annotated total
``pico_arm_sizes``          ``intervention-``/``control-participants`` vs arm sizes
                            (``n`` and ``n_analysed``), matched by value (each
                            annotated value once)
``pico_arm_rates``          ``iv-``/``cv-bin-percent`` vs per-arm rates
``pico_arm_rates_named``    the same, counting only percentages whose ``outcome``
                            span names a measure a study record holds (response,
                            survival, grade >= 3 toxicity); predictions matching
                            other percentages are not counted either way
``pico_arm_medians``        ``iv-``/``cv-cont-median`` vs per-arm medians
==========================  =====================================================

Per-arm values match when the value agrees (a percentage within 0.05 points
of 100 x the predicted proportion; a median within 0.05 of the predicted months,
or within 1% after converting a printed unit of years, weeks or days to months)
and the predicted arm
is attributed to the annotated side.  A predicted arm label is attributed to the
intervention or the control side by the development-set arm rule applied to
that side's annotated ``intervention`` / ``control`` spans (equal, contained, or
sharing the most content words); failing that, control words such as "placebo",
"observation", "control", "standard" name the control side and "intervention",
"experimental" the intervention side; failing that, a label that is one of exactly two
predicted arms takes the side opposite its partner's (an "Arm A" beside a "placebo" arm).
A label that names neither or both equally is unattributed, which scores as a wrong arm.  When a prediction
carries evidence offsets into the document's text, the value nearest the
annotated span is preferred.  Whole-cohort values (arm null) are not compared.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Mapping, Sequence

from evidence.errors import InputError, ParseError
from evidence.evaluation.numbers import parse_number
from evidence.evaluation.scoring import FamilyScore, Report, resolve_arm
from evidence.records import Article, Finding, Kind, Section, Study

__all__ = [
    "PICO_FAMILIES",
    "PicoDocument",
    "PicoSpan",
    "attribute_side",
    "is_named_outcome",
    "load_pico",
    "outcome_of",
    "score_pico",
]

PICO_FAMILIES = ("pico_cohort_n", "pico_arm_sizes", "pico_arm_rates", "pico_arm_rates_named", "pico_arm_medians")
_CONTROL_WORDS = frozenset("placebo control controls observation standard usual conventional no without sham".split())
_INTERVENTION_WORDS = frozenset("intervention experimental investigational".split())
_STOPWORDS = frozenset(
    "a an and arm group the of in with plus or treatment treated patients patient who received receiving given "
    "mg kg m2 daily weekly every day days weeks cycles alone therapy versus vs".split()
)


@dataclass(frozen=True)
class PicoSpan:
    """One annotated span."""

    label: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class PicoDocument:
    """One PICO abstract: its id, text and annotated spans."""

    pmid: str
    text: str
    spans: tuple[PicoSpan, ...] = field(default_factory=tuple)

    def article(self) -> Article:
        """The document as an Article with one unlabelled section holding the whole text.

        Offsets of extracted evidence then index the ``.txt`` directly.
        """
        return Article(pmid=self.pmid, sections=(Section("", self.text),), source="pico")

    def values(self, label: str) -> list[tuple[float, PicoSpan]]:
        """The numbers of every span with ``label`` (spans holding no number are skipped)."""
        out = []
        for span in self.spans:
            if span.label == label:
                value = parse_number(span.text)
                if value is not None:
                    out.append((value, span))
        return out

    def texts(self, label: str) -> list[str]:
        return [span.text for span in self.spans if span.label == label]


_ANN_LINE = re.compile(r"^T\d+\t(?P<label>\S+) (?P<offsets>\d+ \d+(?:;\d+ \d+)*)\t(?P<text>.*)$")


def read_ann(text: str, where: str = "ann") -> tuple[PicoSpan, ...]:
    """The text-bound spans of a BRAT ``.ann`` file (relations, notes and events are skipped)."""
    spans = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.startswith("T"):
            continue
        match = _ANN_LINE.match(line)
        if not match:
            raise ParseError(f"{where}:{number}: not a BRAT text-bound annotation line")
        pairs = [tuple(int(x) for x in part.split()) for part in match.group("offsets").split(";")]
        spans.append(PicoSpan(match.group("label"), pairs[0][0], pairs[-1][1], match.group("text")))
    return tuple(spans)


def load_pico(folder: Path | str, limit: int | None = None) -> list[PicoDocument]:
    """The documents of a PICO corpus folder (``<PMID>.txt`` + ``<PMID>.ann``, or a ``files/`` subfolder).

    Raises
    ------
    InputError
        The folder does not exist or holds no ``.ann`` files.
    """
    folder = Path(folder)
    if (folder / "files").is_dir():
        folder = folder / "files"
    if not folder.is_dir():
        raise InputError(f"{folder}: no such PICO corpus folder")
    documents = []
    for ann_path in sorted(folder.glob("*.ann")):
        txt_path = ann_path.with_suffix(".txt")
        if not txt_path.exists():
            raise InputError(f"{ann_path}: has no matching {txt_path.name}")
        try:
            text = txt_path.read_text(encoding="utf-8")
            ann = ann_path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ParseError(f"{ann_path}: cannot read as UTF-8 text ({exc})") from exc
        documents.append(PicoDocument(ann_path.stem, text, read_ann(ann, str(ann_path))))
        if limit is not None and len(documents) >= limit:
            break
    if not documents:
        raise InputError(f"{folder}: holds no BRAT .ann files")
    return documents


def _words(text: str) -> set[str]:
    return {w for w in re.sub(r"[^0-9a-z]+", " ", text.lower()).split() if w not in _STOPWORDS}


def attribute_side(arm_label: str | None, document: PicoDocument, arm_labels: Sequence[str] = ()) -> str | None:
    """"iv" or "cv" for the side a predicted arm label names, or None when it cannot be told.

    The label is matched against the annotated ``intervention`` and ``control``
    spans with the development-set arm rule (:func:`~evidence.evaluation.scoring.resolve_arm`:
    equality, then containment, then shared content words); failing that, a control
    word ("placebo", "observation", "control", "standard"...) names the control side
    and an intervention word ("intervention", "experimental"...) the intervention side.
    Failing both, a label that is one of exactly two predicted arms (``arm_labels``,
    e.g. "Arm A" beside "Arm B (placebo)") takes the side opposite its partner's,
    when the partner's side can be told by the rules above.
    """
    side = _side_of_label(arm_label, document)
    if side is not None or arm_label not in arm_labels or len(set(arm_labels)) != 2:
        return side
    partner = next(label for label in arm_labels if label != arm_label)
    partner_side = _side_of_label(partner, document)
    return {"iv": "cv", "cv": "iv"}.get(partner_side or "")


def _side_of_label(arm_label: str | None, document: PicoDocument) -> str | None:
    if not arm_label:
        return None
    sides = {"iv": tuple(document.texts("intervention")), "cv": tuple(document.texts("control"))}
    side = resolve_arm(arm_label, {name: texts for name, texts in sides.items() if texts})
    if side is not None:
        return side
    words = _words(arm_label)
    if words & _CONTROL_WORDS:
        return "cv"
    if words & _INTERVENTION_WORDS:
        return "iv"
    return None


def _distance(finding: Finding, span: PicoSpan) -> int:
    if finding.evidence is None:
        return 10**9
    return abs(finding.evidence.start - span.start)


def _median_months(value: float, text: str) -> list[float]:
    """Acceptable month values for an annotated median (the number itself, converted when a unit is printed)."""
    lowered = text.lower()
    if "year" in lowered:
        return [value, value * 12]
    if "week" in lowered or re.search(r"\bwk", lowered):
        return [value, value * 12 / 52]
    if "day" in lowered:
        return [value, value * 12 / 365.25]
    return [value]


def _agrees(predicted: float, accepted: Sequence[float], tol: float) -> bool:
    return abs(predicted - accepted[0]) <= tol or any(abs(predicted - a) <= max(tol, 0.01 * a) for a in accepted[1:])


def _match_side_values(
    report: Report,
    document: PicoDocument,
    family: str,
    gold: list[tuple[str, list[float], PicoSpan]],
    predicted: list[tuple[str | None, float, Finding]],
    tol: float,
    scored: Callable[[PicoSpan], bool] = lambda span: True,
) -> None:
    """Greedy matching of annotated (side, accepted values) against predicted (side, value).

    Only gold items for which ``scored(span)`` holds are counted; a prediction that
    matches an unscored gold item is neither a match nor spurious.
    """
    pred_left = list(range(len(predicted)))
    matched: list[tuple[str, tuple[str, list[float], PicoSpan], int]] = []
    unmatched = []
    for item in gold:
        side, accepted, span = item
        candidates = [i for i in pred_left if _agrees(predicted[i][1], accepted, tol)]
        if not candidates:
            unmatched.append(item)
            continue
        candidates.sort(key=lambda i: (predicted[i][0] != side, _distance(predicted[i][2], span)))
        chosen = candidates[0]
        pred_left.remove(chosen)
        matched.append(("match" if predicted[chosen][0] == side else "wrong arm", item, chosen))
    for outcome, (side, accepted, span), i in matched:
        if scored(span):
            pred_side = predicted[i][0] or "unattributed"
            report.record(
                document.pmid, family, outcome, f"{side} {span.text} @{span.start}", f"{pred_side} {predicted[i][2].arm}"
            )
    for side, accepted, span in unmatched:
        if scored(span):
            report.record(document.pmid, family, "missed", f"{side} {span.text} @{span.start}", "")
    for i in pred_left:
        side, value, finding = predicted[i]
        report.record(document.pmid, family, "spurious", "", f"{side or 'unattributed'} {value:g} [{finding.arm}]")


_NAMED_OUTCOME = re.compile(
    r"respon|remission|surviv|progression[- ]free|disease[- ]free|event[- ]free|recurrence[- ]free|relapse[- ]free"
    r"|local control|grade\s*(?:3|iii|>=?\s*3|\u2265\s*3)|toxicit|adverse event",
    re.IGNORECASE,
)


def outcome_of(document: PicoDocument, span: PicoSpan, reach: int = 200) -> PicoSpan | None:
    """The annotated ``outcome`` span a value belongs to: the nearest one before it (within ``reach``
    characters), else the nearest one after it."""
    outcomes = [s for s in document.spans if s.label == "outcome"]
    before = [s for s in outcomes if s.end <= span.start and span.start - s.end <= reach]
    if before:
        return max(before, key=lambda s: s.end)
    after = [s for s in outcomes if s.start >= span.end and s.start - span.end <= reach]
    return min(after, key=lambda s: s.start) if after else None


def is_named_outcome(document: PicoDocument, span: PicoSpan) -> bool:
    """Whether a value's outcome is one the study record has a measure for (response, survival,
    grade >= 3 toxicity), judged from the words of its ``outcome`` span."""
    outcome = outcome_of(document, span)
    return outcome is not None and bool(_NAMED_OUTCOME.search(outcome.text))


def score_document(report: Report, document: PicoDocument, pred: Study) -> None:
    """Add one PICO document's items to ``report``."""
    totals = {value for value, _ in document.values("total-participants")}
    n = pred.cohort.n
    if totals and n is not None and n in totals:
        report.record(document.pmid, "pico_cohort_n", "match")
    elif totals and n is not None:
        report.record(document.pmid, "pico_cohort_n", "wrong value", "/".join(f"{t:g}" for t in sorted(totals)), f"{n}")
    elif totals:
        report.record(document.pmid, "pico_cohort_n", "missed", "/".join(f"{t:g}" for t in sorted(totals)), "")
    elif n is not None:
        report.record(document.pmid, "pico_cohort_n", "spurious", "", f"{n}")

    sizes = sorted({(side, value) for side, label in (("iv", "intervention-participants"), ("cv", "control-participants"))
                    for value, _ in document.values(label)})
    # every size an arm carries is a prediction: n (randomised) and n_analysed (a later, smaller count)
    pred_sizes = [(arm.label, name, value) for arm in pred.arms for name, value in (("n", arm.n), ("n_analysed", arm.n_analysed))
                  if value is not None]
    used = [False] * len(pred_sizes)
    for side, value in sizes:
        hit = next((i for i, (_, _, n) in enumerate(pred_sizes) if not used[i] and n == value), None)
        if hit is None:
            report.record(document.pmid, "pico_arm_sizes", "missed", f"{side} {value:g}", "")
        else:
            used[hit] = True
            report.record(document.pmid, "pico_arm_sizes", "match")
    gold_sizes = {v for _, v in sizes}
    for i, (label, name, n) in enumerate(pred_sizes):
        if not used[i] and n not in gold_sizes:
            report.record(document.pmid, "pico_arm_sizes", "spurious", "", f"{label} {name}={n}")

    rates_gold = [(side, [value], span) for side, label in (("iv", "iv-bin-percent"), ("cv", "cv-bin-percent"))
                  for value, span in document.values(label)]
    arm_labels = [arm.label for arm in pred.arms]
    rates_pred = [(attribute_side(f.arm, document, arm_labels), 100 * f.value, f) for f in pred.findings
                  if f.kind == Kind.RATE and f.arm and f.value is not None]
    _match_side_values(report, document, "pico_arm_rates", rates_gold, rates_pred, 0.05 + 1e-9)
    _match_side_values(report, document, "pico_arm_rates_named", rates_gold, rates_pred, 0.05 + 1e-9,
                       scored=lambda span: is_named_outcome(document, span))

    medians_gold = [(side, _median_months(value, span.text), span)
                    for side, label in (("iv", "iv-cont-median"), ("cv", "cv-cont-median"))
                    for value, span in document.values(label)]
    medians_pred = [(attribute_side(f.arm, document, arm_labels), f.value, f) for f in pred.findings
                    if f.kind == Kind.MEDIAN and f.arm and f.value is not None]
    _match_side_values(report, document, "pico_arm_medians", medians_gold, medians_pred, 0.05 + 1e-9)


def score_pico(documents: Sequence[PicoDocument], predictions: Mapping[str, Study]) -> Report:
    """Score predictions (by pmid) against PICO documents; a missing prediction scores as all missed."""
    report = Report(
        families={name: FamilyScore() for name in PICO_FAMILIES},
        n_gold=len(documents),
        subsets=frozenset({"pico_arm_rates_named"}),
    )
    for document in documents:
        pred = predictions.get(document.pmid)
        if pred is None:
            report.missing_predictions.append(document.pmid)
            pred = Study(article=Article(pmid=document.pmid))
        score_document(report, document, pred)
    return report
