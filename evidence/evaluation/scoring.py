"""Scoring predicted studies against gold: precision, recall and F1 per field family.

Every scored unit is an *item*: a cohort field, a drug, a design label, an arm
size, a finding.  Each gold item is matched at most once:

* a match is a true positive;
* a gold item with no prediction is **missed** (a false negative);
* a prediction with no gold item is **spurious** (a false positive);
* a prediction that agrees on everything but the value is a **wrong value**, and
  one that agrees on everything but the arm is a **wrong arm**; both count as
  one false positive and one false negative.

A finding matches a gold finding when measure, kind, time (landmark rates, within
0.05 months), arm and value agree: within 0.0005 for proportions (or the same
count and denominator), 0.05 for months, 0.005 for ratios (and for both CI
bounds when the gold has a CI); a "not reached" median matches "not reached".

Arm labels are compared after normalisation (lower case, punctuation to spaces):
a predicted label belongs to the gold arm whose label or alias it equals,
contains or is contained in, or failing that shares the most content words with
(words such as "arm", "group", "plus", "alone" do not count); a tie means no arm.
A hazard-ratio arm is a pair "A vs B" (also "versus", "v"); a single label is
read as the experimental side, and in a two-arm study an HR without arm is
taken as the comparison of the two arms.

An arm's second size (``n_analysed``) is scored in the ``arms`` family only in
gold studies that annotate one for some arm: there a predicted ``n_analysed``
is matched like ``n``; elsewhere it is not scored.

Findings of other outcomes (``Measure.OTHER``, named by ``Finding.outcome``) and the
medians of times to an event other than survival (``TTP``, ``DOR``) are not scored
here: the development set annotates only response, survival, follow-up, toxicity and wound complications,
so they have no gold to match; the PICO scorer (:mod:`evidence.evaluation.pico`)
counts them with every per-arm rate and median.

Micro-averaged overall figures sum the counts of every family.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Mapping, Sequence

from evidence.evaluation.gold import GoldStudy
from evidence.records import (
    RESPONSE_MEASURES,
    Article,
    SURVIVAL_MEASURES,
    Finding,
    Kind,
    Measure,
    Origin,
    Range,
    Study,
)

__all__ = [
    "FAMILIES",
    "Disagreement",
    "FamilyScore",
    "Report",
    "design_labels",
    "family_of",
    "normalise_design",
    "normalise_drug",
    "normalise_setting",
    "resolve_arm",
    "score_studies",
    "score_study",
    "split_pair",
]

FAMILIES = (
    "cohort_n",
    "enrolled_evaluable",
    "arms",
    "sex",
    "age",
    "design",
    "regimen_drugs",
    "regimen_numbers",
    "regimen_settings",
    "response",
    "landmark",
    "median",
    "hr",
    "followup",
    "toxicity",
    "wound",
)
FINDING_FAMILIES = ("response", "landmark", "median", "hr", "followup", "toxicity", "wound")

TOL_PROPORTION = 0.0005
TOL_MONTHS = 0.05
TOL_RATIO = 0.005
TOL_AGE = 0.05

DESIGN_LABELS = ("retrospective", "prospective", "randomised", "phase1", "phase2", "phase3")
_DESIGN_SYNONYMS = {
    "randomized": "randomised",
    "rct": "randomised",
    "phasei": "phase1",
    "phaseii": "phase2",
    "phaseiii": "phase3",
}
DRUG_SYNONYMS = {
    "5-fu": "fluorouracil",
    "5-fluorouracil": "fluorouracil",
    "5fu": "fluorouracil",
    "folinic acid": "leucovorin",
    "calcium folinate": "leucovorin",
    "levoleucovorin": "leucovorin",
    "adriamycin": "doxorubicin",
    "actinomycin d": "dactinomycin",
    "actinomycin-d": "dactinomycin",
    "nab-paclitaxel": "paclitaxel",
    "albumin-bound paclitaxel": "paclitaxel",
    "s-1": "tegafur-gimeracil-oteracil",
    "tegafur/gimeracil/oteracil": "tegafur-gimeracil-oteracil",
    "ddp": "cisplatin",
    "mitomycin c": "mitomycin",
    "mitomycin-c": "mitomycin",
    "177lu-dotatate": "lutetium-177 dotatate",
    "lu-177 dotatate": "lutetium-177 dotatate",
    "lutetium lu 177 dotatate": "lutetium-177 dotatate",
    "t-dxd": "trastuzumab deruxtecan",
    "t-dm1": "trastuzumab emtansine",
    "aldesleukin": "interleukin-2",
    "il-2": "interleukin-2",
}
SETTING_SYNONYMS = {"concomitant": "concurrent", "simultaneous": "concurrent", "pre-operative": "preoperative",
                    "post-operative": "postoperative", "peri-operative": "perioperative"}
_ARM_STOPWORDS = frozenset(
    "a an and arm arms alone group groups cohort the of in with plus or treatment treated patients patient "
    "regimen therapy versus vs v who received receiving given mg kg m2 combined combination".split()
)
_VS = re.compile(r"\s+(?:vs\.?|versus|v\.?|compared with|against)\s+", re.IGNORECASE)


@dataclass(frozen=True)
class Disagreement:
    """One item where prediction and gold differ."""

    pmid: str
    family: str
    kind: str  # missed | spurious | wrong value | wrong arm
    gold: str = ""
    predicted: str = ""

    def to_json(self) -> dict[str, str]:
        return {"pmid": self.pmid, "family": self.family, "kind": self.kind, "gold": self.gold,
                "predicted": self.predicted}


@dataclass
class FamilyScore:
    """Counts of one field family; precision, recall and F1 derive from them."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        denominator = 2 * self.tp + self.fp + self.fn
        return 2 * self.tp / denominator if denominator else None

    def add(self, other: "FamilyScore") -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def to_json(self) -> dict[str, Any]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": self.precision, "recall": self.recall,
                "f1": self.f1}


@dataclass
class Report:
    """Scores per family, the micro-averaged overall score and every disagreement."""

    families: dict[str, FamilyScore] = field(default_factory=lambda: {name: FamilyScore() for name in FAMILIES})
    disagreements: list[Disagreement] = field(default_factory=list)
    n_gold: int = 0
    missing_predictions: list[str] = field(default_factory=list)
    subsets: frozenset[str] = frozenset()  # families that re-score items of another; left out of overall

    @property
    def overall(self) -> FamilyScore:
        """Micro-averaged counts over every family except the ``subsets``."""
        total = FamilyScore()
        for name, score in self.families.items():
            if name not in self.subsets:
                total.add(score)
        return total

    def record(self, pmid: str, family: str, kind: str, gold: str = "", predicted: str = "") -> None:
        """Count one item outcome (``kind`` "match" or a disagreement kind) and keep the disagreement."""
        score = self.families.setdefault(family, FamilyScore())
        if kind == "match":
            score.tp += 1
            return
        if kind == "missed":
            score.fn += 1
        elif kind == "spurious":
            score.fp += 1
        elif kind in ("wrong value", "wrong arm"):
            score.fp += 1
            score.fn += 1
        else:
            raise ValueError(f"Unknown outcome {kind!r}; expected match, missed, spurious, wrong value or wrong arm")
        self.disagreements.append(Disagreement(pmid, family, kind, gold, predicted))

    def to_json(self) -> dict[str, Any]:
        return {
            "n_gold": self.n_gold,
            "missing_predictions": list(self.missing_predictions),
            "families": {name: score.to_json() for name, score in self.families.items()},
            "subsets": sorted(self.subsets),
            "overall": self.overall.to_json(),
            "disagreements": [d.to_json() for d in self.disagreements],
        }


# --- normalisation --------------------------------------------------------------------------


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text.lower()).split())


def normalise_design(label: str) -> str:
    """A design label in the scored vocabulary ("Randomized" -> "randomised", "phase III" -> "phase3")."""
    key = re.sub(r"[^0-9a-z]", "", label.lower())
    key = _DESIGN_SYNONYMS.get(key, key)
    return key


def design_labels(labels: Iterable[str]) -> set[str]:
    """The scored design labels among ``labels``; a combined phase ("phase I/II", "phase1/2") gives both."""
    out: set[str] = set()
    for label in labels:
        combined = re.fullmatch(r"\s*phase\s*([1-3]|i{1,3})\s*[/-]\s*(?:phase\s*)?([1-3]|i{1,3})\s*", label.lower())
        if combined:
            out.update(normalise_design(f"phase{part}") for part in combined.groups())
        else:
            out.add(normalise_design(label))
    return out & set(DESIGN_LABELS)


def normalise_drug(name: str) -> str:
    """A drug's generic name in lower case with the scorer's few synonyms folded."""
    key = " ".join(name.lower().split())
    return DRUG_SYNONYMS.get(key, key)


def normalise_setting(name: str) -> str:
    """A treatment setting in lower case with synonyms folded ("concomitant" -> "concurrent")."""
    key = name.strip().lower()
    return SETTING_SYNONYMS.get(key, key)


def _content_words(text: str) -> set[str]:
    return {w for w in _norm(text).split() if w not in _ARM_STOPWORDS}


def _label_score(predicted: str, name: str) -> tuple[int, float]:
    p, g = _norm(predicted), _norm(name)
    if not p or not g:
        return (0, 0.0)
    if p == g:
        return (3, 1.0)
    if f" {p} " in f" {g} " or f" {g} " in f" {p} ":
        shorter, longer = sorted((len(p), len(g)))
        return (2, shorter / longer)
    shared = _content_words(p) & _content_words(g)
    if shared:
        return (1, len(shared) / max(len(_content_words(p) | _content_words(g)), 1))
    return (0, 0.0)


def resolve_arm(label: str | None, arms: Mapping[str, Sequence[str]]) -> str | None:
    """The gold arm a predicted arm label names, or None when it names none (or two equally well).

    ``arms`` maps each gold arm label to its aliases.
    """
    if not label:
        return None
    best: tuple[int, float] = (0, 0.0)
    winners: list[str] = []
    for gold_label, aliases in arms.items():
        score = max(_label_score(label, name) for name in (gold_label, *aliases))
        if score > best:
            best, winners = score, [gold_label]
        elif score == best and score[0] > 0:
            winners.append(gold_label)
    return winners[0] if best[0] > 0 and len(winners) == 1 else None


def split_pair(label: str | None) -> tuple[str, ...]:
    """An HR arm as its sides ("A vs B" -> ("A", "B")); () for None."""
    if not label:
        return ()
    return tuple(part.strip() for part in _VS.split(label) if part.strip())


# --- families -------------------------------------------------------------------------------


_UNANNOTATED = frozenset({Measure.OTHER, Measure.TTP, Measure.DOR})


def family_of(finding: Finding) -> str | None:
    """The scored family of a finding, or None when it is not scored (counts, computed values)."""
    if finding.origin == Origin.COMPUTED or finding.measure in _UNANNOTATED:
        return None  # no gold for these in the development set (see the module docstring)
    if finding.measure == Measure.FOLLOW_UP:
        return "followup"
    if finding.measure == Measure.TOX_G3PLUS:
        return "toxicity" if finding.kind == Kind.RATE else None
    if finding.measure == Measure.WOUND:
        return "wound" if finding.kind == Kind.RATE else None
    if finding.kind == Kind.HR:
        return "hr"
    if finding.kind == Kind.MEDIAN and finding.measure in SURVIVAL_MEASURES:
        return "median"
    if finding.kind == Kind.RATE and finding.measure in RESPONSE_MEASURES:
        return "response"
    if finding.kind == Kind.RATE and finding.measure in SURVIVAL_MEASURES:
        return "landmark"
    return None


def _close(a: float | None, b: float | None, tol: float) -> bool:
    return a is not None and b is not None and abs(float(a) - float(b)) <= tol + 1e-9


def _value_agrees(gold: Finding, pred: Finding, family: str) -> bool:
    if gold.kind == Kind.MEDIAN or family == "followup":
        if gold.not_reached or gold.value is None:
            return pred.not_reached or (pred.value is None and gold.value is None and pred.kind == gold.kind)
        return not pred.not_reached and _close(gold.value, pred.value, TOL_MONTHS)
    if gold.kind == Kind.HR:
        if not _close(gold.value, pred.value, TOL_RATIO):
            return False
        if gold.ci is None:
            return True
        return pred.ci is not None and all(_close(g, p, TOL_RATIO) for g, p in zip(gold.ci, pred.ci))
    if _close(gold.value, pred.value, TOL_PROPORTION):
        return True
    return (
        gold.count is not None
        and gold.denominator is not None
        and (gold.count, gold.denominator) == (pred.count, pred.denominator)
    )


def _time_agrees(gold: Finding, pred: Finding, family: str) -> bool:
    if family != "landmark":
        return True
    if gold.time_months is None or pred.time_months is None:
        return gold.time_months is None and pred.time_months is None
    return _close(gold.time_months, pred.time_months, TOL_MONTHS)


def _arm_agrees(gold: Finding, pred: Finding, family: str, arms: Mapping[str, Sequence[str]]) -> bool:
    if family == "hr":
        gold_sides = split_pair(gold.arm)
        pred_sides = split_pair(pred.arm)
        if not pred_sides:
            return not gold_sides or len(arms) == 2
        if not gold_sides:
            return False
        resolved = tuple(resolve_arm(side, arms) for side in pred_sides)
        return resolved == gold_sides[: len(resolved)] and len(resolved) <= len(gold_sides)
    if gold.arm is None or pred.arm is None:
        return gold.arm is None and pred.arm is None
    return resolve_arm(pred.arm, arms) == gold.arm


def describe(finding: Finding) -> str:
    """A one-line description of a finding for the disagreement list."""
    if finding.not_reached:
        value = "not reached"
    elif finding.value is None:
        value = "?"
    elif finding.unit.value == "proportion":
        value = f"{100 * finding.value:.4g}%"
    else:
        value = f"{finding.value:g} {finding.unit.value}"
    parts = [finding.measure.value, finding.kind.value, value]
    if finding.count is not None or finding.denominator is not None:
        parts.append(f"({finding.count}/{finding.denominator})")
    if finding.time_months is not None:
        parts.append(f"at {finding.time_months:g} mo")
    if finding.ci:
        parts.append(f"CI {finding.ci[0]:g}-{finding.ci[1]:g}")
    parts.append(f"[{finding.arm}]" if finding.arm else "[all]")
    return " ".join(parts)


def _match_findings(
    report: Report, pmid: str, family: str, gold: list[Finding], pred: list[Finding], arms: Mapping[str, Sequence[str]]
) -> None:
    gold_left = list(gold)
    pred_left = list(pred)

    def same_slot(g: Finding, p: Finding) -> bool:
        return g.measure == p.measure and g.kind == p.kind and _time_agrees(g, p, family)

    passes: list[tuple[str, Callable[[Finding, Finding], bool]]] = [
        ("match", lambda g, p: same_slot(g, p) and _arm_agrees(g, p, family, arms) and _value_agrees(g, p, family)),
        ("wrong value", lambda g, p: same_slot(g, p) and _arm_agrees(g, p, family, arms)),
        ("wrong arm", lambda g, p: same_slot(g, p) and _value_agrees(g, p, family)),
    ]
    for outcome, agrees in passes:
        for g in list(gold_left):
            for p in pred_left:
                if agrees(g, p):
                    report.record(pmid, family, outcome, describe(g), describe(p))
                    gold_left.remove(g)
                    pred_left.remove(p)
                    break
    for g in gold_left:
        report.record(pmid, family, "missed", describe(g), "")
    for p in pred_left:
        report.record(pmid, family, "spurious", "", describe(p))


def _show(value: Any) -> str:
    if isinstance(value, Range):
        return f"{value.low:g}-{value.high:g}"
    return "" if value is None else f"{value:g}" if isinstance(value, float) else str(value)


def _same_number(gold: Any, pred: Any, tol: float) -> bool:
    if isinstance(gold, Range) or isinstance(pred, Range):
        if not (isinstance(gold, Range) and isinstance(pred, Range)):
            return False
        return _close(gold.low, pred.low, tol) and _close(gold.high, pred.high, tol)
    return _close(gold, pred, tol)


def _score_scalar(report: Report, pmid: str, family: str, name: str, gold: Any, pred: Any, tol: float = 1e-9) -> None:
    if gold is None and pred is None:
        return
    if gold is None:
        report.record(pmid, family, "spurious", "", f"{name}={_show(pred)}")
    elif pred is None:
        report.record(pmid, family, "missed", f"{name}={_show(gold)}", "")
    elif _same_number(gold, pred, tol):
        report.record(pmid, family, "match")
    else:
        report.record(pmid, family, "wrong value", f"{name}={_show(gold)}", f"{name}={_show(pred)}")


def _score_sets(report: Report, pmid: str, family: str, gold: Iterable[str], pred: Iterable[str]) -> None:
    gold_set, pred_set = set(gold), set(pred)
    for item in sorted(gold_set & pred_set):
        report.record(pmid, family, "match")
    for item in sorted(gold_set - pred_set):
        report.record(pmid, family, "missed", item, "")
    for item in sorted(pred_set - gold_set):
        report.record(pmid, family, "spurious", "", item)


def _score_arms(report: Report, item: GoldStudy, pred: Study) -> None:
    arms = {arm.label: item.aliases.get(arm.label, ()) for arm in item.study.arms}
    _score_arm_sizes(report, item, pred, arms, "n")
    if any(arm.n_analysed is not None for arm in item.study.arms):  # second sizes, scored where the gold annotates them
        _score_arm_sizes(report, item, pred, arms, "n_analysed")


def _score_arm_sizes(report: Report, item: GoldStudy, pred: Study, arms: Mapping[str, Sequence[str]], field: str) -> None:
    """Score one size field of the arms (``n`` or ``n_analysed``), each gold arm matched once by label."""
    gold = {arm.label: getattr(arm, field) for arm in item.study.arms if getattr(arm, field) is not None}
    used: set[str] = set()
    for arm in pred.arms:
        value = getattr(arm, field)
        if value is None:
            continue
        label = resolve_arm(arm.label, arms)
        if label is None or label in used or label not in gold:
            report.record(item.pmid, "arms", "spurious", "", f"{arm.label} {field}={value}")
            continue
        used.add(label)
        if gold[label] == value:
            report.record(item.pmid, "arms", "match")
        else:
            report.record(item.pmid, "arms", "wrong value", f"{label} {field}={gold[label]}", f"{arm.label} {field}={value}")
    for label, n in gold.items():
        if label not in used:
            report.record(item.pmid, "arms", "missed", f"{label} {field}={n}", "")


def score_study(report: Report, item: GoldStudy, pred: Study) -> None:
    """Add the items of one gold study and its prediction to ``report``."""
    gold, pmid, skip = item.study, item.pmid, item.ignore
    scalar_families = {
        "cohort_n": [("n", 1e-9)],
        "enrolled_evaluable": [("n_enrolled", 1e-9), ("n_analysed", 1e-9), ("n_evaluable", 1e-9)],
        "sex": [("n_male", 1e-9), ("n_female", 1e-9)],
        "age": [("age_mean", TOL_AGE), ("age_median", TOL_AGE)],
    }
    for family, fields in scalar_families.items():
        if family in skip:
            continue
        for name, tol in fields:
            _score_scalar(report, pmid, family, name, getattr(gold.cohort, name), getattr(pred.cohort, name), tol)
    if "design" not in skip:
        gold_design = design_labels(gold.design)
        pred_design = design_labels(pred.design)
        _score_sets(report, pmid, "design", gold_design, pred_design)
    if "arms" not in skip:
        _score_arms(report, item, pred)
    if "regimen_drugs" not in skip:
        _score_sets(report, pmid, "regimen_drugs", {normalise_drug(d) for d in gold.regimen.drugs},
                    {normalise_drug(d) for d in pred.regimen.drugs})
    if "regimen_settings" not in skip:
        _score_sets(report, pmid, "regimen_settings", {normalise_setting(s) for s in gold.regimen.settings},
                    {normalise_setting(s) for s in pred.regimen.settings})
    if "regimen_numbers" not in skip:
        for name in gold.regimen.NUMERIC_FIELDS:
            _score_scalar(report, pmid, "regimen_numbers", name, getattr(gold.regimen, name),
                          getattr(pred.regimen, name), 1e-6)
    arms = {arm.label: item.aliases.get(arm.label, ()) for arm in gold.arms}
    for family in FINDING_FAMILIES:
        if family in skip:
            continue
        gold_findings = [f for f in gold.findings if family_of(f) == family]
        pred_findings = [f for f in pred.findings if family_of(f) == family]
        _match_findings(report, pmid, family, gold_findings, pred_findings, arms)


def score_studies(gold: Sequence[GoldStudy], predictions: Mapping[str, Study]) -> Report:
    """Score predictions (by pmid) against gold; a gold study without prediction scores as all missed."""
    report = Report(n_gold=len(gold))
    for item in gold:
        pred = predictions.get(item.pmid)
        if pred is None:
            report.missing_predictions.append(item.pmid)
            pred = Study(article=Article(pmid=item.pmid))
        score_study(report, item, pred)
    return report
